//! Understanding a spreadsheet's columns: the header row, the mapping the
//! committee chose or Matchbook remembers or recognises, and the options of
//! each checkbox column. Reads the program file, never writes it.

use std::collections::{BTreeMap, HashMap};

use rusqlite::OptionalExtension;

use super::detect::{clean_headers, find_header, pick_sheet};
use super::fields::{self, column_score, normalize_header, value_shape, Field};
use super::options::OptionSet;
use super::read::{SheetData, Workbook};
use super::{ColumnGuess, ImportOptions};
use crate::error::{Error, Result};
use crate::people::Role;
use crate::store::Store;

/// A workbook with its responses sheet, header row and column mapping found.
pub(super) struct Analysis {
    pub workbook: Workbook,
    pub sheet_index: usize,
    pub header_index: usize,
    pub headers: Vec<String>,
    pub mapping: Vec<Field>,
    pub guesses: Vec<ColumnGuess>,
    pub options: BTreeMap<usize, OptionSet>,
}

impl Analysis {
    pub fn sheet(&self) -> &SheetData {
        &self.workbook.sheets[self.sheet_index]
    }
    pub fn data_rows(&self) -> impl Iterator<Item = (i64, &Vec<String>)> {
        let sheet = self.sheet();
        sheet
            .rows
            .iter()
            .enumerate()
            .skip(self.header_index + 1)
            .map(move |(i, row)| (i64::from(sheet.first_row) + i as i64, row))
    }
}

/// The same set of column titles in any order and wording case: the key the
/// column choices are remembered under.
pub(super) fn header_signature(headers: &[String]) -> String {
    let mut normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    normalized.sort();
    normalized.join("\u{1f}")
}

fn remembered_mapping(store: &Store, headers: &[String]) -> Result<Option<HashMap<String, Field>>> {
    let json: Option<String> = store
        .conn()
        .query_row(
            "SELECT mapping_json FROM header_mappings WHERE header_signature = ?1",
            [header_signature(headers)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str::<HashMap<String, Field>>(&j).ok()))
}

/// Finds the responses sheet, its header row and what each column holds.
pub(super) fn analyze(
    store: &Store,
    workbook: Workbook,
    role: Role,
    options: &ImportOptions,
) -> Result<Analysis> {
    let sheet_index = pick_sheet(&workbook, options.sheet.as_deref())?;
    let sheet = &workbook.sheets[sheet_index];
    let (header_index, headers) = header_row(sheet, &workbook.file_name)?;
    let columns = Columns {
        sheet,
        header_index,
    };
    let mut choice = ColumnChoice::new(headers.len());
    if let Some(remembered) = remembered_mapping(store, &headers)? {
        choice.remembered(&headers, &remembered);
    }
    choice.recognised(&headers, &columns, role);
    choice.chosen(&headers, &options.mapping, &workbook.file_name)?;
    let option_sets = learn_options(&choice.mapping, &columns);
    let guesses = column_guesses(&headers, &choice, &option_sets, &columns);
    Ok(Analysis {
        workbook,
        sheet_index,
        header_index,
        headers,
        mapping: choice.mapping,
        guesses,
        options: option_sets,
    })
}

/// The header row's index and its titles, made unique, one per column.
fn header_row(sheet: &SheetData, file_name: &str) -> Result<(usize, Vec<String>)> {
    let (header_index, score) = find_header(sheet);
    if sheet.rows.is_empty() || score == 0.0 {
        let which_sheet = if sheet.name.is_empty() {
            String::new()
        } else {
            format!(", sheet \"{}\",", sheet.name)
        };
        return Err(Error::Invalid(format!(
            "{file_name}{which_sheet} has no header row Matchbook can recognise (a row of column \
             titles such as Name and Email). Check that you chose the responses sheet."
        )));
    }
    let width = sheet
        .rows
        .iter()
        .skip(header_index)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    Ok((
        header_index,
        clean_headers(&sheet.rows[header_index], width),
    ))
}

/// The answers below the header row, one column at a time.
struct Columns<'a> {
    sheet: &'a SheetData,
    header_index: usize,
}

impl<'a> Columns<'a> {
    /// Column `i` of every data row ("" where a row is shorter).
    fn values(&self, i: usize) -> impl Iterator<Item = &'a str> + Clone + 'a {
        self.sheet
            .rows
            .iter()
            .skip(self.header_index + 1)
            .map(move |r| r.get(i).map(String::as_str).unwrap_or(""))
    }
}

/// Column → field, with how sure Matchbook is and where the choice came from.
struct ColumnChoice {
    mapping: Vec<Field>,
    confidence: Vec<f64>,
    source: Vec<&'static str>,
    /// Fields already taken by a remembered or recognised column.
    used_fields: Vec<Field>,
}

const NOT_RECOGNISED: &str = "not recognised";

impl ColumnChoice {
    fn new(width: usize) -> Self {
        Self {
            mapping: vec![Field::Keep; width],
            confidence: vec![0.0; width],
            source: vec![NOT_RECOGNISED; width],
            used_fields: Vec::new(),
        }
    }

    fn set(&mut self, i: usize, field: Field, confidence: f64, source: &'static str) {
        self.mapping[i] = field;
        self.confidence[i] = confidence;
        self.source[i] = source;
    }

    /// The mapping saved when a file with these headers was last imported.
    fn remembered(&mut self, headers: &[String], remembered: &HashMap<String, Field>) {
        // Matched on the normalized wording, like the signature that found it.
        let by_wording: HashMap<String, Field> = remembered
            .iter()
            .map(|(h, f)| (normalize_header(h), *f))
            .collect();
        for (i, h) in headers.iter().enumerate() {
            if let Some(f) = by_wording.get(&normalize_header(h)) {
                self.set(i, *f, 1.0, "remembered");
                if *f != Field::Keep {
                    self.used_fields.push(*f);
                }
            }
        }
    }

    /// The other columns by their title and answers: greedy, the strongest
    /// (column, field) pairs first; each field once.
    fn recognised(&mut self, headers: &[String], columns: &Columns<'_>, role: Role) {
        let mut candidates = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if self.source[i] != NOT_RECOGNISED {
                continue;
            }
            // A sample is enough to see what the answers look like.
            let shape = value_shape(columns.values(i).filter(|v| !v.is_empty()).take(200));
            for f in Field::ALL
                .iter()
                .copied()
                .filter(|f| *f != Field::Keep && f.fits(role))
            {
                let s = column_score(h, &shape, f);
                if s >= 0.5 {
                    let by_values = fields::header_score(h, f) < 0.5;
                    candidates.push((s, i, f, by_values));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (s, i, f, by_values) in candidates {
            if self.source[i] != NOT_RECOGNISED || self.used_fields.contains(&f) {
                continue;
            }
            let source = if by_values { "values" } else { "header" };
            self.set(i, f, (s * 100.0).round() / 100.0, source);
            self.used_fields.push(f);
        }
    }

    /// The committee's own choices, over anything remembered or recognised.
    fn chosen(
        &mut self,
        headers: &[String],
        chosen: &BTreeMap<String, Field>,
        file_name: &str,
    ) -> Result<()> {
        for (header, field) in chosen {
            // The exact header first, so "Name" and "Name *" stay apart.
            let found = headers.iter().position(|h| h == header).or_else(|| {
                headers
                    .iter()
                    .position(|h| normalize_header(h) == normalize_header(header))
            });
            match found {
                Some(i) => self.set(i, *field, 1.0, "chosen"),
                None => {
                    return Err(Error::Invalid(format!(
                        "There is no column \"{header}\" in {file_name}; the columns are: {}.",
                        headers.join(", ")
                    )))
                }
            }
        }
        Ok(())
    }
}

/// The options of every checkbox column, learned from the whole column.
fn learn_options(mapping: &[Field], columns: &Columns<'_>) -> BTreeMap<usize, OptionSet> {
    let mut option_sets = BTreeMap::new();
    for (i, f) in mapping.iter().enumerate() {
        if f.is_multi_select() && *f != Field::Avoid {
            option_sets.insert(i, OptionSet::learn(columns.values(i)));
        }
    }
    option_sets
}

/// What the mapping screen shows for each column.
fn column_guesses(
    headers: &[String],
    choice: &ColumnChoice,
    option_sets: &BTreeMap<usize, OptionSet>,
    columns: &Columns<'_>,
) -> Vec<ColumnGuess> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| ColumnGuess {
            index: i,
            header: h.clone(),
            field: choice.mapping[i],
            confidence: choice.confidence[i],
            source: choice.source[i],
            samples: columns
                .values(i)
                .filter(|v| !v.is_empty())
                .take(3)
                .map(|v| truncate(v, 80))
                .collect(),
            options: option_sets
                .get(&i)
                .map(OptionSet::options)
                .unwrap_or_default(),
        })
        .collect()
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}
