//! Importing application spreadsheets: read any common format, find the
//! header row and the responses sheet, recognise the columns, split checkbox
//! answers, merge duplicates, and account for every row. Nothing stops at the
//! first bad cell: every row ends up added, updated, unchanged, merged, blank
//! or listed with the reason it was not imported.
//!
//! Entry points: [`preview`] (what the committee checks before importing),
//! [`import_file`] (one transaction), [`undo_import`], [`list_imports`].
//!
//! - `read`: any spreadsheet format into rows of text.
//! - `detect`: whose applications, which sheet, which header row.
//! - `layout`: which columns make one question (option columns, branches).
//! - `analyse`: what each question holds (chosen, remembered or recognised).
//! - `kinds`: each question's kind and options, and answers read as that kind.
//! - `roles`: one form for both roles, and who is who.
//! - `grouping`: rows of one person together, compared with the program.
//! - `write`: the import as one transaction.
//! - `together`: several files in one step, each file's role recognised.
//! - `identities`: who is the same person (placeholder emails are not identities).
//! - `history`: past imports and undoing one.
//! - `fields`, `cells`, `options`, `normalize`: the vocabulary of columns,
//!   reading one cell, checkbox options, and one row to an application.

mod analyse;
mod cells;
pub mod choice_columns;
mod detect;
mod fields;
mod grouping;
mod history;
mod identities;
mod kinds;
mod layout;
mod limits;
mod normalize;
mod options;
mod phrases;
mod read;
mod recognise;
mod roles;
mod survey_kind;
mod together;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

pub(crate) use analyse::header_signature;
pub(crate) use cells::parse_timestamp;
pub(crate) use detect::{clean_headers, find_header, pick_sheet, rows_below};
pub use detect::{column_letter, guess_role};
pub(crate) use fields::contains_words;
pub use fields::{normalize_header, Field};
pub use history::{kind_label, list_imports, undo_import, ImportRecord, UndoReport};
pub use read::{decode_text, read_bytes, read_workbook, sniff_delimiter, SheetData, Workbook};
pub use roles::{ImportAs, RoleAnswer};
pub use survey_kind::{guess_kind, SurveyKind};
pub use together::{import_workbooks, recognise_role, FileToImport};
pub use write::{import_file, import_workbook};

use crate::error::Result;
use crate::people::Role;
use crate::questions::QuestionKind;
use crate::store::Store;
use analyse::analyze;

/// The committee's choices for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Which sheet to read; by default the one that looks like form responses.
    pub sheet: Option<String>,
    /// Header (or a question's wording) → field, overriding what Matchbook recognised.
    pub mapping: BTreeMap<String, Field>,
    /// A question's wording → its kind, overriding what the answers suggest.
    pub kinds: BTreeMap<String, QuestionKind>,
    /// Column titles whose group (option columns, branches) is undone: each
    /// column of the group becomes a question of its own.
    pub keep_apart: Vec<String>,
    /// In a form both roles filled: an answer of the role column → the role
    /// it stands for (none: not imported, listed to check), overriding what
    /// Matchbook recognised.
    pub role_values: BTreeMap<String, Option<Role>>,
}

/// How a question (one column, or a group of columns) was recognised.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnGuess {
    /// Its first column.
    pub index: usize,
    /// The question's wording (a single column's title).
    pub header: String,
    /// The columns it is read from.
    pub columns: Vec<String>,
    /// "options" (one column per option), "branches" (the same question
    /// per branch of the form) or "categories" (names per category of
    /// people); none for one column.
    pub grouped: Option<&'static str>,
    pub field: Field,
    pub kind: QuestionKind,
    /// 0..1; 1 for remembered or chosen mappings.
    pub confidence: f64,
    /// "remembered", "chosen", "header", "values" or "not recognised".
    pub source: &'static str,
    pub samples: Vec<String>,
    /// For choice questions: the options learned from the whole column
    /// (a scale's points low to high).
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SheetSummary {
    pub name: String,
    pub rows: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviewRow {
    pub row_number: i64,
    pub cells: Vec<String>,
}

/// Each sheet's name and size, for the sheet menu of a preview.
pub(crate) fn sheet_summaries(workbook: &Workbook) -> Vec<SheetSummary> {
    workbook
        .sheets
        .iter()
        .map(|s| SheetSummary {
            name: s.name.clone(),
            rows: s.rows.len(),
        })
        .collect()
}

/// The first rows with an answer, as a preview shows them.
pub(crate) fn first_rows<'a>(
    rows: impl Iterator<Item = (i64, &'a Vec<String>)>,
) -> Vec<PreviewRow> {
    rows.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .take(8)
        .map(|(row_number, cells)| PreviewRow {
            row_number,
            cells: cells.clone(),
        })
        .collect()
}

/// Everything the preview and mapping screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub format: String,
    pub sheets: Vec<SheetSummary>,
    pub sheet: String,
    /// The spreadsheet's own number of the header row.
    pub header_row: i64,
    /// One title per column, as the first rows are shown.
    pub headers: Vec<String>,
    /// One entry per question.
    pub columns: Vec<ColumnGuess>,
    pub rows: Vec<PreviewRow>,
    pub data_rows: usize,
    pub role_guess: Option<ImportAs>,
    /// For a form both roles filled: each answer of the role column.
    pub role_answers: Vec<RoleAnswer>,
    pub fields: Vec<FieldChoice>,
    pub kinds: Vec<FieldChoice>,
    /// The questions look like check-in or evaluation responses, not applications.
    pub survey_guess: Option<SurveyKind>,
    /// The questions are ranked choices (the kit's "Mentor choices" form), not applications.
    pub choices_guess: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldChoice {
    pub key: &'static str,
    pub label: &'static str,
}

/// A row that needs a person's eyes.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Attention {
    pub row: i64,
    pub reason: String,
}

/// What an import did (or, with dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub import_id: Option<i64>,
    pub file_name: String,
    pub sheet: String,
    pub role: ImportAs,
    /// With `role` both: how many rows were mentors, participants, neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<RoleCounts>,
    /// Data rows below the header.
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub blank: usize,
    /// Rows that were another application of someone earlier in the same file.
    pub merged: usize,
    /// Rows with no name and no email.
    pub not_imported: usize,
    pub attention: Vec<Attention>,
    pub mapping: BTreeMap<String, String>,
    pub dry_run: bool,
}

/// Rows of a form both roles filled, by the role their answer named.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoleCounts {
    pub mentor: usize,
    pub participant: usize,
    pub unknown: usize,
}

/// Reads a file and shows how Matchbook understands it, without importing.
pub fn preview(
    store: &Store,
    path: &Path,
    role: Option<ImportAs>,
    options: &ImportOptions,
) -> Result<Preview> {
    let workbook = read_workbook(path)?;
    preview_workbook(store, workbook, role, options)
}

/// [`preview`] on a workbook already read.
pub fn preview_workbook(
    store: &Store,
    workbook: Workbook,
    role: Option<ImportAs>,
    options: &ImportOptions,
) -> Result<Preview> {
    let mut role_guess = role.or_else(|| guess_role(&workbook).map(ImportAs::from));
    let analysis = analyze(
        store,
        workbook,
        role_guess.unwrap_or(ImportAs::Both),
        options,
    )?;
    // A column of "Mentor"/"Mentee" answers: both roles are in this file.
    if role.is_none() && analysis.role_question().is_some() {
        role_guess = Some(ImportAs::Both);
    }
    let rows = first_rows(analysis.data_rows());
    let data_rows = analysis.data_rows().count();
    Ok(Preview {
        file_name: analysis.workbook.file_name.clone(),
        format: analysis.workbook.format.clone(),
        sheets: sheet_summaries(&analysis.workbook),
        sheet: analysis.sheet().name.clone(),
        header_row: i64::from(analysis.sheet().first_row) + analysis.header_index as i64,
        headers: analysis.headers.clone(),
        columns: analysis.guesses.clone(),
        rows,
        data_rows,
        role_guess,
        role_answers: analysis.role_answers.clone(),
        fields: Field::ALL
            .iter()
            .map(|f| FieldChoice {
                key: f.key(),
                label: f.label(),
            })
            .collect(),
        kinds: QuestionKind::ALL
            .iter()
            .map(|k| FieldChoice {
                key: k.key(),
                label: k.label(),
            })
            .collect(),
        choices_guess: role.is_none() && choice_columns::looks_like_choices(&analysis.headers),
        survey_guess: if role.is_none() {
            guess_kind(&analysis.headers)
        } else {
            None
        },
    })
}

#[cfg(test)]
mod bomb_tests;
#[cfg(test)]
mod forms_tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod whole_file_tests;
