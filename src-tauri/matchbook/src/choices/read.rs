//! A choices file read as rows: its sheet, header row and what each column
//! holds, and each row's chooser and ranked names as written.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::import::choice_columns::{recognise, ChoiceColumn};
use crate::import::{clean_headers, find_header, pick_sheet, rows_below, Workbook};

/// How one column was understood.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceColumnView {
    pub index: usize,
    pub header: String,
    /// [`ChoiceColumn::key`]: "email", "name", "choice_1"…, "ranked", "ignore".
    pub meaning: String,
    pub label: String,
    /// "chosen" (the committee's), "recognised" or "not recognised".
    pub source: &'static str,
    pub samples: Vec<String>,
}

/// A choices sheet with its header found and each column understood.
pub(super) struct ChoicesTable {
    pub workbook: Workbook,
    pub sheet_index: usize,
    pub header_index: usize,
    pub headers: Vec<String>,
    pub columns: Vec<(ChoiceColumn, ChoiceColumnView)>,
}

/// One row as written: who chose, and the names or numbers they ranked, best first.
pub(super) struct WrittenRow {
    pub row: i64,
    pub email: String,
    pub name: String,
    /// (rank, what was written).
    pub ranked: Vec<(u8, String)>,
}

impl ChoicesTable {
    pub fn read(
        workbook: Workbook,
        sheet: Option<&str>,
        mapping: &BTreeMap<String, ChoiceColumn>,
    ) -> Result<ChoicesTable> {
        let sheet_index = pick_sheet(&workbook, sheet)?;
        let data = &workbook.sheets[sheet_index];
        let (header_index, _) = find_header(data);
        let width = data.rows.iter().map(Vec::len).max().unwrap_or(0);
        let headers = clean_headers(data.rows.get(header_index).unwrap_or(&Vec::new()), width);
        let below = &data.rows[(header_index + 1).min(data.rows.len())..];
        let mut taken: Vec<ChoiceColumn> = Vec::new();
        let columns = headers
            .iter()
            .enumerate()
            .map(|(index, header)| {
                let samples: Vec<&str> = below
                    .iter()
                    .filter_map(|r| r.get(index).map(|s| s.trim()))
                    .filter(|s| !s.is_empty())
                    .take(50)
                    .collect();
                let (mut meaning, mut source) = match mapping.get(header) {
                    Some(&m) => (m, "chosen"),
                    None => (recognise(header, &samples), "recognised"),
                };
                // One column per meaning (a second email column is not read), but
                // the committee's choice stands.
                if source != "chosen" && meaning != ChoiceColumn::Ranked && taken.contains(&meaning)
                {
                    meaning = ChoiceColumn::Ignore;
                }
                if meaning == ChoiceColumn::Ignore && source != "chosen" {
                    source = "not recognised";
                }
                taken.push(meaning);
                let mut shown: Vec<String> = Vec::new();
                for s in &samples {
                    if shown.len() < 3 && !shown.iter().any(|x| x == s) {
                        shown.push(s.chars().take(80).collect());
                    }
                }
                let view = ChoiceColumnView {
                    index,
                    header: header.clone(),
                    meaning: meaning.key(),
                    label: meaning.label(),
                    source,
                    samples: shown,
                };
                (meaning, view)
            })
            .collect();
        Ok(ChoicesTable {
            workbook,
            sheet_index,
            header_index,
            headers,
            columns,
        })
    }

    pub fn sheet_name(&self) -> &str {
        &self.workbook.sheets[self.sheet_index].name
    }

    pub fn has(&self, wanted: impl Fn(ChoiceColumn) -> bool) -> bool {
        self.columns.iter().any(|(m, _)| wanted(*m))
    }

    /// Data rows with the spreadsheet's own row numbers.
    pub fn data_rows(&self) -> impl Iterator<Item = (i64, &Vec<String>)> {
        rows_below(&self.workbook.sheets[self.sheet_index], self.header_index)
    }

    /// A row's chooser and ranked names (an empty row has neither).
    pub fn written(&self, row: i64, cells: &[String]) -> WrittenRow {
        let text = |i: usize| cells.get(i).map_or("", |s| s.trim());
        let mut out = WrittenRow {
            row,
            email: String::new(),
            name: String::new(),
            ranked: Vec::new(),
        };
        for (meaning, view) in &self.columns {
            let t = text(view.index);
            match meaning {
                ChoiceColumn::Email if out.email.is_empty() => out.email = t.to_string(),
                ChoiceColumn::Name if out.name.is_empty() => out.name = t.to_string(),
                ChoiceColumn::Rank(n) if !t.is_empty() => out.ranked.push((*n, t.to_string())),
                ChoiceColumn::Ranked => {
                    let first = out.ranked.len() as u8;
                    out.ranked.extend(
                        split_ranked(t)
                            .into_iter()
                            .map(|(rank, item)| (rank.saturating_add(first), item)),
                    );
                }
                _ => {}
            }
        }
        out.ranked.sort_by_key(|(rank, _)| *rank);
        out
    }
}

/// One answer holding several people in order: "1. Ana Ruiz; 2. Ben Ode",
/// "1) 14 2) 3", one per line, or separated by semicolons (a comma only
/// when every part has two words or more: "Ruiz, Ana" is one person).
/// Ranks as numbered, else by order.
pub fn split_ranked(text: &str) -> Vec<(u8, String)> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    if let Some(numbered) = numbered_items(text) {
        return numbered;
    }
    let parts: Vec<&str> = if text.contains(';') || text.contains('\n') {
        text.split([';', '\n']).collect()
    } else {
        let by_comma: Vec<&str> = text.split(',').collect();
        let whole_names = by_comma
            .iter()
            .all(|p| p.split_whitespace().count() >= 2 || p.trim().parse::<u32>().is_ok());
        if by_comma.len() > 1 && whole_names {
            by_comma
        } else {
            vec![text]
        }
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| ((i + 1).min(usize::from(u8::MAX)) as u8, p.to_string()))
        .collect()
}

/// "1. Ana; 2. Ben" → [(1, "Ana"), (2, "Ben")]: markers 1, 2, 3… in order,
/// each a number followed by "." or ")" at the start or after a separator.
fn numbered_items(text: &str) -> Option<Vec<(u8, String)>> {
    let mut starts: Vec<(usize, usize, u8)> = Vec::new();
    let bytes = text.as_bytes();
    let mut expected = 1u8;
    let mut i = 0;
    while i < bytes.len() {
        let at_start = i == 0 || matches!(bytes[i - 1], b' ' | b';' | b',' | b'\n' | b'\t');
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if at_start && digits > 0 && digits <= 2 {
            let end = i + digits;
            let marker = bytes.get(end).is_some_and(|&b| b == b'.' || b == b')');
            // "3. 4. Ana Ruiz": the 3rd choice is the booklet's number 4, not a 4th marker.
            let follows_marker = starts
                .last()
                .is_some_and(|&(_, from, _)| text[from..i].trim().is_empty());
            if marker && !follows_marker && text[i..end].parse::<u8>().ok() == Some(expected) {
                starts.push((i, end + 1, expected));
                expected += 1;
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    if starts.len() < 2 {
        return None;
    }
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &(_, from, rank))| {
            let to = starts.get(k + 1).map_or(text.len(), |next| next.0);
            let item = text[from..to].trim().trim_end_matches([';', ',']).trim();
            (rank, item.to_string())
        })
        .filter(|(_, item)| !item.is_empty())
        .collect();
    Some(items)
}

/// A choice as written in a rank column: the booklet's number ("3"), a name,
/// or both ("3. Ana Ruiz", "#3 Ana Ruiz", "Ana Ruiz (3)").
pub fn number_and_name(text: &str) -> (Option<usize>, &str) {
    let t = text.trim().trim_start_matches('#').trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 4 {
        let number = t[..digits].parse().ok();
        let rest = t[digits..]
            .trim_start_matches(['.', ')', ':', '-', ' '])
            .trim();
        return (number, rest);
    }
    if let Some(open) = t.rfind('(') {
        let inside = t[open + 1..].trim_end_matches(')').trim();
        if let Ok(n) = inside.parse::<usize>() {
            return (Some(n), t[..open].trim());
        }
    }
    (None, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(v: &[(u8, &str)]) -> Vec<(u8, String)> {
        v.iter().map(|(r, s)| (*r, s.to_string())).collect()
    }

    #[test]
    fn ranked_answers_split_by_numbers_lines_and_separators() {
        assert_eq!(
            split_ranked("1. Ana Ruiz; 2. Ben Ode; 3. Chloé Marchand"),
            items(&[(1, "Ana Ruiz"), (2, "Ben Ode"), (3, "Chloé Marchand")])
        );
        assert_eq!(
            split_ranked("1. 2. Ben Ode; 2. 3. Ana Ruiz"),
            items(&[(1, "2. Ben Ode"), (2, "3. Ana Ruiz")])
        );
        assert_eq!(
            split_ranked("1) 14 2) 3 3) 7"),
            items(&[(1, "14"), (2, "3"), (3, "7")])
        );
        assert_eq!(
            split_ranked("Ana Ruiz\nBen Ode"),
            items(&[(1, "Ana Ruiz"), (2, "Ben Ode")])
        );
        assert_eq!(
            split_ranked("Ana Ruiz, Ben Ode"),
            items(&[(1, "Ana Ruiz"), (2, "Ben Ode")])
        );
        assert_eq!(split_ranked("Ruiz, Ana"), items(&[(1, "Ruiz, Ana")]));
        assert_eq!(
            split_ranked("Ruiz, Ana; Ode, Ben"),
            items(&[(1, "Ruiz, Ana"), (2, "Ode, Ben")])
        );
        assert!(split_ranked("  ").is_empty());
    }

    #[test]
    fn booklet_numbers_are_read_with_or_without_the_name() {
        assert_eq!(number_and_name("3"), (Some(3), ""));
        assert_eq!(number_and_name("3. Ana Ruiz"), (Some(3), "Ana Ruiz"));
        assert_eq!(number_and_name("#12 Ana Ruiz"), (Some(12), "Ana Ruiz"));
        assert_eq!(number_and_name("Ana Ruiz (4)"), (Some(4), "Ana Ruiz"));
        assert_eq!(number_and_name("Ana Ruiz"), (None, "Ana Ruiz"));
    }
}
