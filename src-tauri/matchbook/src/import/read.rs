//! Reading a spreadsheet file into sheets of text cells, whatever its format:
//! CSV/TSV in UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, or
//! Windows-1252; `,` `;` or tab delimited; XLSX, XLS, ODS via calamine.
//! The format is recognised from the bytes, not the file name.

use std::io::Cursor;
use std::path::Path;

use calamine::{Cell, Data, DataRef, Reader, Sheets};

use super::limits::{check_declared_sizes, SheetCut, SheetRows};
use crate::error::{Error, Result};

/// One sheet as text cells. `first_row` is the spreadsheet's own number (1-based)
/// of `rows[0]`, so row numbers shown to people match what Excel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetData {
    pub name: String,
    pub first_row: u32,
    pub rows: Vec<Vec<String>>,
}

/// What was read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub file_name: String,
    /// "CSV (UTF-8, comma)", "Excel (XLSX)", …: shown in the preview.
    pub format: String,
    pub sheets: Vec<SheetData>,
}

/// Reads a file from disk.
pub fn read_workbook(path: &Path) -> Result<Workbook> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| {
        Error::Invalid(format!(
            "Could not read {}: {e}. Check that the file exists and is not open with exclusive access in another program.",
            path.display()
        ))
    })?;
    read_bytes(&file_name, &bytes)
}

/// Reads a file's bytes (the name is used in messages only).
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<Workbook> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Invalid(format!(
            "{file_name} is empty; export the responses again from the form tool and import the new file."
        )));
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if is_zip || is_ole {
        // calamine can panic on some damaged files (found by fuzzing: a
        // truncated XLS sector). A damaged file is the user's problem to be
        // told about, never a crash of Matchbook.
        return std::panic::catch_unwind(|| {
            if is_ole && !compound_file_is_sound(bytes) {
                return Err(damaged(file_name));
            }
            read_spreadsheet(file_name, bytes, is_ole)
        })
        .unwrap_or_else(|_| Err(damaged(file_name)));
    }
    if bytes.starts_with(b"%PDF")
        || bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"SQLite format 3\0")
    {
        return Err(not_a_spreadsheet(file_name));
    }
    read_delimited(file_name, bytes)
}

fn damaged(file_name: &str) -> Error {
    Error::Invalid(format!(
        "{file_name} is damaged: parts of it are missing or do not fit together, so it cannot be read. Open it in Excel or LibreOffice, save it again as .xlsx, and import that."
    ))
}

/// Whether an XLS's container (an OLE compound file) holds together: every
/// sector chain ends, no sector is claimed twice, the directory is a tree.
/// calamine follows sector chains without a bound, so a damaged file whose
/// chain loops makes it allocate until memory runs out (found by fuzzing);
/// the `cfb` crate validates the allocation tables when it opens a file and
/// refuses loops when it opens a stream, so it goes first.
fn compound_file_is_sound(bytes: &[u8]) -> bool {
    let Ok(mut container) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return false;
    };
    let streams: Vec<_> = container
        .walk()
        .filter(|entry| entry.is_stream())
        .map(|entry| entry.path().to_path_buf())
        .collect();
    streams
        .iter()
        .all(|path| container.open_stream(path).is_ok())
}

fn not_a_spreadsheet(file_name: &str) -> Error {
    Error::Invalid(format!(
        "{file_name} is not a spreadsheet Matchbook can read. Save or export it as CSV, Excel (.xlsx or .xls) or OpenDocument (.ods) and import that."
    ))
}

fn read_spreadsheet(file_name: &str, bytes: &[u8], is_ole: bool) -> Result<Workbook> {
    if !is_ole {
        check_declared_sizes(file_name, bytes)?;
    }
    let mut sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let detail = e.to_string();
        if is_ole && (detail.contains("ncrypt") || detail.contains("assword")) || detail.contains("ncrypt") {
            Error::Invalid(format!(
                "{file_name} is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook), save, and import again."
            ))
        } else {
            Error::Invalid(format!(
                "{file_name} looks like a spreadsheet but could not be read ({detail}). Open it in Excel or LibreOffice, save it again as .xlsx, and import that."
            ))
        }
    })?;
    let format = match &sheets {
        calamine::Sheets::Xlsx(_) => "Excel workbook (XLSX)",
        calamine::Sheets::Xls(_) => "Excel 97–2003 workbook (XLS)",
        calamine::Sheets::Ods(_) => "OpenDocument spreadsheet (ODS)",
        calamine::Sheets::Xlsb(_) => "Excel binary workbook (XLSB)",
    }
    .to_string();
    let names = sheets.sheet_names();
    let mut out = Vec::new();
    let mut first_cut = None;
    for name in names {
        match read_sheet(&mut sheets, &name) {
            Ok(Some(sheet)) => out.push(sheet),
            // A chart sheet or a damaged sheet: skip it, the others may hold the data.
            Ok(None) => {}
            // Clearly not responses: skip it too, and say why if nothing else is left.
            Err(cut) => {
                first_cut.get_or_insert_with(|| cut.message(file_name, &name));
            }
        }
    }
    if let (true, Some(message)) = (out.is_empty(), first_cut) {
        return Err(Error::Invalid(message));
    }
    if out.is_empty() {
        return Err(Error::Invalid(format!(
            "{file_name} has no worksheets with cells in them. Check that you exported the responses, not an empty form."
        )));
    }
    Ok(Workbook {
        file_name: file_name.to_string(),
        format,
        sheets: out,
    })
}

/// One sheet's rows. XLSX and XLSB sheets stream cell by cell, so a sheet
/// that is clearly not responses is given up early; XLS and ODS come whole
/// from calamine (an XLS is no bigger than its file; an ODS's size was checked).
/// `None` for a sheet calamine cannot read (a chart sheet, a damaged one).
fn read_sheet(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
) -> std::result::Result<Option<SheetData>, SheetCut> {
    let mut rows = SheetRows::default();
    match sheets {
        Sheets::Xlsx(xlsx) => {
            let Ok(mut cells) = xlsx.worksheet_cells_reader(name) else {
                return Ok(None);
            };
            if !stream(&mut rows, || cells.next_cell().map_err(drop))? {
                return Ok(None);
            }
        }
        Sheets::Xlsb(xlsb) => {
            let Ok(mut cells) = xlsb.worksheet_cells_reader(name) else {
                return Ok(None);
            };
            if !stream(&mut rows, || cells.next_cell().map_err(drop))? {
                return Ok(None);
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let Ok(range) = sheets.worksheet_range(name) else {
                return Ok(None);
            };
            let (top, left) = range.start().unwrap_or((0, 0));
            for (row, col, cell) in range.used_cells() {
                rows.push(top + row as u32, left + col as u32, cell_text(cell))?;
            }
        }
    }
    let (first_row, rows) = rows.finish();
    Ok(Some(SheetData {
        name: name.to_string(),
        first_row,
        rows,
    }))
}

/// Feeds a sheet's streamed cells into `rows`; false when the sheet turns out
/// damaged part-way (or longer than its archive says), so it is skipped.
fn stream<'a>(
    rows: &mut SheetRows,
    mut next_cell: impl FnMut() -> std::result::Result<Option<Cell<DataRef<'a>>>, ()>,
) -> std::result::Result<bool, SheetCut> {
    loop {
        match next_cell() {
            Ok(Some(cell)) => {
                let (row, col) = cell.get_position();
                rows.push(row, col, cell_ref_text(cell.get_value()))?;
            }
            Ok(None) => return Ok(true),
            Err(()) => return Ok(false),
        }
    }
}

/// A streamed cell as text, like `cell_text`, without copying shared strings first.
fn cell_ref_text(cell: &DataRef) -> String {
    match cell {
        DataRef::String(s) => clean_text(s),
        DataRef::SharedString(s) => clean_text(s),
        DataRef::Empty => String::new(),
        other => cell_text(&Data::from(other.clone())),
    }
}

fn trim_trailing_empty(mut cells: Vec<String>) -> Vec<String> {
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// A cell as the text a person would see, with dates in ISO form and whole
/// numbers without a trailing ".0".
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => clean_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // Excel's date range only: calamine's conversion panics on absurd serials.
        Data::DateTime(dt)
            if !dt.is_datetime() || !(-693_594.0..=2_958_465.0).contains(&dt.as_f64()) =>
        {
            number_text(dt.as_f64())
        }
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(value) => {
                if value.time() == chrono::NaiveTime::MIN {
                    value.date().format("%Y-%m-%d").to_string()
                } else {
                    value.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            _ => number_text(dt.as_f64()),
        },
        Data::DateTimeIso(s) => s.replace('T', " "),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let text = format!("{f}");
        text
    }
}

/// Trims, turns line breaks inside a cell into spaces where they are only
/// layout, and drops control characters.
pub fn clean_text(text: &str) -> String {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    // Controls are below 0x20, 0x7F or C2 80–9F in UTF-8, and a no-break
    // space is C2 A0: most cells are copied without decoding them.
    let maybe = text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2);
    if !maybe || !text.chars().any(|c| c.is_control() || c == '\u{a0}') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{a0}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    let mut last_space = false;
    for c in out.chars() {
        if c == ' ' {
            if !last_space {
                collapsed.push(c);
            }
            last_space = true;
        } else {
            collapsed.push(c);
            last_space = false;
        }
    }
    collapsed.trim().to_string()
}

/// Decodes text bytes: BOMs first, then UTF-8, else Windows-1252 (what Excel
/// on Windows writes for "CSV").
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let label = match encoding.name() {
            "UTF-8" => "UTF-8",
            "UTF-16LE" => "UTF-16",
            "UTF-16BE" => "UTF-16 (big-endian)",
            _ => "Unicode",
        };
        return (text.into_owned(), label);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// Picks the delimiter that splits the first lines into the most consistent
/// number of columns (quotes respected by counting only outside them).
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, usize::MAX);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delimiter as char))
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        if max == 0 {
            continue;
        }
        // Lines that agree with the most common count: a real delimiter is consistent.
        let mut freq = std::collections::HashMap::new();
        for c in &counts {
            *freq.entry(*c).or_insert(0usize) += 1;
        }
        let (mode, agree) = freq
            .into_iter()
            .filter(|(c, _)| *c > 0)
            .max_by_key(|(c, n)| (*n, *c))
            .unwrap_or((0, 0));
        let disagree = lines.len() - agree;
        if agree > best.1
            || (agree == best.1 && disagree < best.2)
            || (agree == best.1 && mode > 0 && best.1 == 0)
        {
            best = (delimiter, agree, disagree);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: char) -> usize {
    let mut inside = false;
    let mut count = 0;
    for c in line.chars() {
        if c == '"' {
            inside = !inside;
        } else if c == delimiter && !inside {
            count += 1;
        }
    }
    count
}

fn read_delimited(file_name: &str, bytes: &[u8]) -> Result<Workbook> {
    let (text, encoding) = decode_text(bytes);
    // Many NULs mean a binary file; a stray one (a glitch of some exports) is
    // dropped so one bad character does not cost the whole file.
    let nuls = text.matches('\0').count();
    if nuls * 100 > text.len() {
        return Err(not_a_spreadsheet(file_name));
    }
    let text = if nuls > 0 {
        text.replace('\0', "")
    } else {
        text
    };
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Error::Invalid(format!(
                "{file_name}, line {}: the file could not be read as CSV ({e}). Open it in a spreadsheet program and save it again as CSV.",
                index + 1
            ))
        })?;
        rows.push(trim_trailing_empty(record.iter().map(clean_text).collect()));
    }
    let delimiter_name = match delimiter {
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "bar",
        _ => "comma",
    };
    Ok(Workbook {
        file_name: file_name.to_string(),
        format: format!("CSV ({encoding}, {delimiter_name}-separated)"),
        sheets: vec![SheetData {
            name: String::new(),
            first_row: 1,
            rows,
        }],
    })
}
