//! Zip bombs and sheets that are clearly not responses are refused before
//! they are read whole: the workbooks are generated here, never committed.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use zip::write::SimpleFileOptions;

use super::*;

/// An .xlsx with one sheet "Sheet1" whose `<sheetData>` holds `rows` rows,
/// each written by `row(n)` (n from 1), streamed into the archive.
fn xlsx_with_rows(rows: usize, row: impl Fn(usize) -> String) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#)
        .unwrap();
    let mut chunk = String::new();
    for n in 1..=rows {
        chunk.push_str(&row(n));
        if chunk.len() > 1 << 20 {
            zip.write_all(chunk.as_bytes()).unwrap();
            chunk.clear();
        }
    }
    chunk.push_str("</sheetData></worksheet>");
    zip.write_all(chunk.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn text_cell(column: &str, row: usize, text: &str) -> String {
    format!(r#"<c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn refusal(bytes: &[u8]) -> (String, Duration) {
    let started = Instant::now();
    let result = read_bytes("bomb.xlsx", bytes);
    let took = started.elapsed();
    match result {
        Err(e) => (e.to_string(), took),
        Ok(workbook) => panic!("read {} sheets of a bomb", workbook.sheets.len()),
    }
}

#[test]
fn a_zip_bomb_is_refused_from_the_sizes_it_declares_before_it_is_unpacked() {
    // 8 million rows of one letter: 392 MB of sheet data in about two megabytes.
    let row = r#"<row><c t="inlineStr"><is><t>a</t></is></c></row>"#;
    let bytes = xlsx_with_rows(8_000_000, |_| row.to_string());
    assert!(bytes.len() < 3_000_000, "the bomb is {} bytes", bytes.len());
    let (message, took) = refusal(&bytes);
    assert!(
        message.contains("declares 392 MB of sheet data"),
        "{message}"
    );
    assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
    assert!(
        message.contains("copy the responses into a new workbook"),
        "{message}"
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_long_sheet_without_column_titles_is_given_up_after_its_first_rows() {
    // Within the declared limit, so it is streamed: no row of titles in the
    // first 25 rows, and it goes on for 400,000 rows.
    let bytes = xlsx_with_rows(400_000, |n| {
        format!("<row>{}</row>", text_cell("A", n, "a"))
    });
    let (message, took) = refusal(&bytes);
    assert!(message.contains("sheet \"Sheet1\""), "{message}");
    assert!(
        message.contains("none of its first 25 rows has column titles"),
        "{message}"
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_sheet_far_longer_than_any_program_is_given_up() {
    let bytes = xlsx_with_rows(limits::MOST_ROWS + 2, |n| {
        if n == 1 {
            format!(
                "<row>{}{}</row>",
                text_cell("A", 1, "Name"),
                text_cell("B", 1, "Email")
            )
        } else {
            format!("<row>{}</row>", text_cell("A", n, "a"))
        }
    });
    let (message, _) = refusal(&bytes);
    assert!(message.contains("goes on past 100,000 rows"), "{message}");
}

#[test]
fn a_short_sheet_with_titles_below_blank_rows_is_read_whole_with_its_row_numbers() {
    let bytes = xlsx_with_rows(40, |n| match n {
        3 => format!(
            "<row r=\"3\">{}{}</row>",
            text_cell("B", 3, "Name"),
            text_cell("C", 3, "Email")
        ),
        n if n > 3 => format!(
            "<row r=\"{n}\">{}{}</row>",
            text_cell("B", n, &format!("Person {n}")),
            text_cell("C", n, &format!("p{n}@example.org"))
        ),
        _ => String::new(),
    });
    let workbook = read_bytes("short.xlsx", &bytes).unwrap();
    let sheet = &workbook.sheets[0];
    assert_eq!(sheet.first_row, 3);
    assert_eq!(sheet.rows.len(), 38);
    assert_eq!(sheet.rows[0], ["", "Name", "Email"]);
    assert_eq!(sheet.rows[37], ["", "Person 40", "p40@example.org"]);
}
