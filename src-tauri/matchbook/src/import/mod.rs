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
//! - `analyse`: what each column holds (chosen, remembered or recognised).
//! - `write`: rows to people, compared with the program, one transaction.
//! - `history`: past imports and undoing one.
//! - `fields`, `cells`, `options`, `normalize`: the vocabulary of columns,
//!   reading one cell, checkbox options, and one row to an application.

mod analyse;
mod cells;
mod detect;
mod fields;
mod history;
mod normalize;
mod options;
mod read;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

pub use detect::{column_letter, guess_role};
pub use fields::Field;
pub use history::{list_imports, undo_import, ImportRecord, UndoReport};
pub use read::{decode_text, read_bytes, read_workbook, sniff_delimiter, SheetData, Workbook};
pub use write::{import_file, import_workbook};

use crate::error::Result;
use crate::people::Role;
use crate::store::Store;
use analyse::analyze;

/// The committee's choices for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Which sheet to read; by default the one that looks like form responses.
    pub sheet: Option<String>,
    /// Header → field, overriding what Matchbook recognised.
    pub mapping: BTreeMap<String, Field>,
}

/// How a column was recognised.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnGuess {
    pub index: usize,
    pub header: String,
    pub field: Field,
    /// 0..1; 1 for remembered or chosen mappings.
    pub confidence: f64,
    /// "remembered", "chosen", "header", "values" or "not recognised".
    pub source: &'static str,
    pub samples: Vec<String>,
    /// For checkbox columns: the options learned from the whole column.
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

/// Everything the preview and mapping screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub format: String,
    pub sheets: Vec<SheetSummary>,
    pub sheet: String,
    /// The spreadsheet's own number of the header row.
    pub header_row: i64,
    pub columns: Vec<ColumnGuess>,
    pub rows: Vec<PreviewRow>,
    pub data_rows: usize,
    pub role_guess: Option<Role>,
    pub fields: Vec<FieldChoice>,
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
    pub role: Role,
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

/// Reads a file and shows how Matchbook understands it, without importing.
pub fn preview(
    store: &Store,
    path: &Path,
    role: Option<Role>,
    options: &ImportOptions,
) -> Result<Preview> {
    let workbook = read_workbook(path)?;
    preview_workbook(store, workbook, role, options)
}

/// [`preview`] on a workbook already read.
pub fn preview_workbook(
    store: &Store,
    workbook: Workbook,
    role: Option<Role>,
    options: &ImportOptions,
) -> Result<Preview> {
    let role_guess = role.or_else(|| guess_role(&workbook));
    let analysis = analyze(
        store,
        workbook,
        role_guess.unwrap_or(Role::Participant),
        options,
    )?;
    let rows: Vec<PreviewRow> = analysis
        .data_rows()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .take(8)
        .map(|(row_number, cells)| PreviewRow {
            row_number,
            cells: cells.clone(),
        })
        .collect();
    let data_rows = analysis.data_rows().count();
    Ok(Preview {
        file_name: analysis.workbook.file_name.clone(),
        format: analysis.workbook.format.clone(),
        sheets: analysis
            .workbook
            .sheets
            .iter()
            .map(|s| SheetSummary {
                name: s.name.clone(),
                rows: s.rows.len(),
            })
            .collect(),
        sheet: analysis.sheet().name.clone(),
        header_row: i64::from(analysis.sheet().first_row) + analysis.header_index as i64,
        columns: analysis.guesses.clone(),
        rows,
        data_rows,
        role_guess,
        fields: Field::ALL
            .iter()
            .map(|f| FieldChoice {
                key: f.key(),
                label: f.label(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod whole_file_tests;
