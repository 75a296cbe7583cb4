//! Finding what a spreadsheet holds before reading it: whose applications
//! (mentors or participants), which sheet has the responses, and which row
//! holds the column titles.

use std::collections::HashMap;

use super::cells::parse_timestamp;
use super::fields::{normalize_header, Field};
use super::limits::HEADER_ROWS;
use super::read::{SheetData, Workbook};
use super::recognise::Wording;
use crate::error::{Error, Result};
use crate::people::Role;

/// Guesses mentor or participant from the file name, then the questions.
pub fn guess_role(workbook: &Workbook) -> Option<Role> {
    let name = workbook.file_name.to_lowercase();
    let says_mentee = ["mentee", "participant", "protege", "protégé", "fellow"]
        .iter()
        .any(|w| name.contains(w));
    let says_mentor = name.replace("mentee", "").contains("mentor");
    match (says_mentor, says_mentee) {
        (true, false) => return Some(Role::Mentor),
        (false, true) => return Some(Role::Participant),
        _ => {}
    }
    let headers: String = workbook
        .sheets
        .iter()
        .flat_map(|s| s.rows.iter().take(20))
        .flatten()
        .map(|c| normalize_header(c))
        .collect::<Vec<_>>()
        .join(" | ");
    let mentor_hints = [
        "offer guidance",
        "how many mentees",
        "could offer",
        "mentor capacity",
        "strengths",
    ];
    let participant_hints = [
        "like guidance",
        "mentor you would like",
        "requested mentor",
        "hope to gain",
        "want to develop",
    ];
    let m = mentor_hints.iter().filter(|h| headers.contains(*h)).count();
    let p = participant_hints
        .iter()
        .filter(|h| headers.contains(*h))
        .count();
    match m.cmp(&p) {
        std::cmp::Ordering::Greater => Some(Role::Mentor),
        std::cmp::Ordering::Less => Some(Role::Participant),
        std::cmp::Ordering::Equal => None,
    }
}

/// How much a row looks like a header: recognised wording, text cells, width.
fn header_row_score(row: &[String]) -> f64 {
    let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
    if filled.len() < 2 {
        return 0.0;
    }
    let recognised: f64 = filled.iter().map(|c| Wording::new(c).best()).sum();
    let texty = filled
        .iter()
        .filter(|c| c.parse::<f64>().is_err() && parse_timestamp(c).is_none() && !c.contains('@'))
        .count() as f64;
    if texty < 2.0 {
        return 0.0;
    }
    recognised * 2.0 + texty * 0.5 + filled.len() as f64 * 0.1
}

/// The rows of a sheet below its header row, with the spreadsheet's own row numbers.
pub(crate) fn rows_below(
    sheet: &SheetData,
    header_index: usize,
) -> impl Iterator<Item = (i64, &Vec<String>)> {
    sheet
        .rows
        .iter()
        .enumerate()
        .skip(header_index + 1)
        .map(move |(i, row)| (i64::from(sheet.first_row) + i as i64, row))
}

/// The row among the first `HEADER_ROWS` (25) that looks most like column titles, with its score.
pub(crate) fn find_header(sheet: &SheetData) -> (usize, f64) {
    // Scoring a row weighs each cell against every field's wordings: the
    // rows are scored over the cores.
    let first = &sheet.rows[..sheet.rows.len().min(HEADER_ROWS)];
    crate::parallel::map_in_order(first, |row| header_row_score(row))
        .into_iter()
        .enumerate()
        .fold(
            (0, 0.0),
            |best, (i, s)| if s > best.1 + 1e-9 { (i, s) } else { best },
        )
}

/// The sheet asked for by name, else the one that looks most like form responses.
pub(crate) fn pick_sheet(workbook: &Workbook, wanted: Option<&str>) -> Result<usize> {
    if let Some(wanted) = wanted {
        return workbook
            .sheets
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{} has no sheet called \"{wanted}\". Its sheets are: {}.",
                    workbook.file_name,
                    workbook
                        .sheets
                        .iter()
                        .map(|s| format!("\"{}\"", s.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            });
    }
    // One sheet: nothing to choose (and a large sheet is not scored for nothing).
    if workbook.sheets.len() == 1 {
        return Ok(0);
    }
    Ok(workbook
        .sheets
        .iter()
        .enumerate()
        .map(|(i, s)| (i, responses_score(s)))
        .fold(
            (0, f64::MIN),
            |best, (i, s)| if s > best.1 { (i, s) } else { best },
        )
        .0)
}

/// How much a sheet looks like a form's responses: column titles Matchbook
/// recognises, a timestamp, email and name columns, many answered cells (rows
/// times filled columns, so a long three-column list does not win), and a
/// name that is not a helper sheet's.
fn responses_score(sheet: &SheetData) -> f64 {
    let (header, header_score) = find_header(sheet);
    let titles: Vec<Wording> = sheet
        .rows
        .get(header)
        .map(|row| row.iter().map(|c| Wording::new(c)).collect())
        .unwrap_or_default();
    let has_column = |wanted: &[Field]| {
        titles
            .iter()
            .any(|t| wanted.iter().any(|f| t.score(*f) >= 0.6))
    };
    let form_columns = [
        &[Field::SubmittedAt][..],
        &[Field::Email],
        &[Field::Name, Field::FirstName, Field::LastName],
    ]
    .iter()
    .filter(|wanted| has_column(wanted))
    .count() as f64;
    // The first thousand rows tell enough; a million blank rows cost nothing.
    let answered: usize = sheet
        .rows
        .iter()
        .skip(header + 1)
        .take(1_000)
        .map(|row| row.iter().filter(|c| !c.is_empty()).count())
        .sum();
    let name = sheet.name.to_lowercase();
    let helper_words = [
        "summary",
        "chart",
        "pivot",
        "instruction",
        "readme",
        "notes",
        "stat",
        "scratch",
        "lists",
        "lookup",
        "todo",
        "helper",
    ];
    let name_weight = if helper_words.iter().any(|w| name.contains(w)) {
        0.3
    } else if name.contains("response") {
        1.2
    } else {
        1.0
    };
    (header_score + form_columns * 4.0 + 3.0 * (answered as f64).ln_1p()) * name_weight
}

/// Makes headers unique and non-empty ("Column F", "Email (2)").
pub(crate) fn clean_headers(row: &[String], width: usize) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    (0..width)
        .map(|i| {
            let raw = row.get(i).map(String::as_str).unwrap_or("");
            let base = if raw.is_empty() {
                format!("Column {}", column_letter(i))
            } else {
                raw.to_string()
            };
            let n = seen.entry(base.to_lowercase()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base} ({n})")
            }
        })
        .collect()
}

/// 0 → A, 25 → Z, 26 → AA: as spreadsheets name columns.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
