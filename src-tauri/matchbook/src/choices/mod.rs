//! Ranked choices: after reading the mentor booklet, participants name the
//! mentors they would most like, in order (the kit's "Mentor choices" form);
//! mentors may rank participants the same way. A file of choices is dropped
//! in like applications; each row's chooser is found by email or name, and
//! each name they wrote is resolved as a requested mentor is (accents,
//! "Last, First", case, a surname alone when only one person has it), or by
//! the booklet's number. Every row is counted; names that match nobody are
//! listed with their rows. A person's choices are those of the newest import
//! that has any of theirs, so a re-import replaces them (and undoing it
//! brings the earlier ones back). Matching reads them (`choices` table) for
//! the criterion "Their choice" and the goal "No one would trade".
//!
//! - `read`: the file's columns and each row as written.
//! - `resolve`: who chose, and whom they named.

mod read;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::params;
use serde::Serialize;

pub use crate::import::choice_columns::ChoiceColumn;
pub use read::{number_and_name, split_ranked, ChoiceColumnView};

use crate::error::{Error, Result};
use crate::import::{
    first_rows, read_workbook, sheet_summaries, Attention, PreviewRow, SheetSummary, Workbook,
};
use crate::store::Store;
use read::ChoicesTable;
use resolve::{Resolved, Resolver};

/// The committee's choices for reading a file of choices.
#[derive(Debug, Clone, Default)]
pub struct ChoiceOptions {
    pub sheet: Option<String>,
    /// A column's title → what it holds, overriding what Matchbook recognised.
    pub mapping: BTreeMap<String, ChoiceColumn>,
}

/// A meaning a column may be given, for the window's menu.
#[derive(Debug, Clone, Serialize)]
pub struct Meaning {
    pub key: String,
    pub label: String,
}

/// What the committee checks before importing choices: how the file is
/// read, and what importing it into the program would do.
#[derive(Debug, Clone, Serialize)]
pub struct ChoicesPreview {
    pub file_name: String,
    pub format: String,
    pub sheets: Vec<SheetSummary>,
    pub sheet: String,
    pub header_row: i64,
    pub headers: Vec<String>,
    pub columns: Vec<ChoiceColumnView>,
    pub rows: Vec<PreviewRow>,
    pub data_rows: usize,
    pub meanings: Vec<Meaning>,
    /// Said before importing: no column says who chose, or none holds a choice.
    pub problems: Vec<String>,
    /// The import, tried without saving (None when the file cannot be imported).
    pub would: Option<ChoicesReport>,
}

/// What importing choices did (or, with dry run, would do). Every data row
/// is counted once: recorded + blank + unknown people + not imported.
#[derive(Debug, Clone, Serialize)]
pub struct ChoicesReport {
    /// Always "choices": tells this report from other imports' in the window.
    pub kind: &'static str,
    pub import_id: Option<i64>,
    pub file_name: String,
    pub sheet: String,
    pub rows: usize,
    /// Rows whose choices were kept.
    pub recorded: usize,
    /// Of those, people whose earlier choices these replace.
    pub replaced: usize,
    /// Choices kept, across all rows.
    pub choices: usize,
    /// Recorded rows by the chooser's role.
    pub participants: usize,
    pub mentors: usize,
    pub blank: usize,
    /// Rows whose chooser is nobody in the program.
    pub unknown_people: Vec<Attention>,
    /// Names (or booklet numbers) that match nobody, or several people, with their rows.
    pub unknown_names: Vec<Attention>,
    /// Rows with a chooser but no choice that could be kept, or repeated later in the file.
    pub not_imported: Vec<Attention>,
    pub mapping: BTreeMap<String, String>,
    pub dry_run: bool,
}

impl ChoicesTable {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !self.has(|m| matches!(m, ChoiceColumn::Email | ChoiceColumn::Name)) {
            problems.push("No column says who made the choices. Choose \"Chooser's email\" or \"Chooser's name\" for that column.".into());
        }
        if !self.has(|m| matches!(m, ChoiceColumn::Rank(_) | ChoiceColumn::Ranked)) {
            problems.push("No column holds a choice. Choose \"1st choice\", \"2nd choice\"… for the columns of choices, or \"Several choices, in order\" for one answer that lists them.".into());
        }
        problems
    }

    fn mapping(&self) -> BTreeMap<String, String> {
        self.columns
            .iter()
            .map(|(m, v)| (v.header.clone(), m.key()))
            .collect()
    }
}

/// Reads a file of choices and shows how Matchbook understands it; with a
/// program, also what importing it there would do.
pub fn preview_choices(
    store: &Store,
    program_id: Option<i64>,
    path: &Path,
    options: &ChoiceOptions,
) -> Result<ChoicesPreview> {
    preview_choices_workbook(store, program_id, read_workbook(path)?, options)
}

/// [`preview_choices`] on a workbook already read.
pub fn preview_choices_workbook(
    store: &Store,
    program_id: Option<i64>,
    workbook: Workbook,
    options: &ChoiceOptions,
) -> Result<ChoicesPreview> {
    let table = ChoicesTable::read(workbook, options.sheet.as_deref(), &options.mapping)?;
    let problems = table.problems();
    let would = match program_id {
        Some(id) if problems.is_empty() => Some(run(store, id, &table, true)?.0),
        _ => None,
    };
    let sheet = &table.workbook.sheets[table.sheet_index];
    Ok(ChoicesPreview {
        file_name: table.workbook.file_name.clone(),
        format: table.workbook.format.clone(),
        sheets: sheet_summaries(&table.workbook),
        sheet: sheet.name.clone(),
        header_row: i64::from(sheet.first_row) + table.header_index as i64,
        headers: table.headers.clone(),
        columns: table.columns.iter().map(|(_, v)| v.clone()).collect(),
        rows: first_rows(table.data_rows()),
        data_rows: table.data_rows().count(),
        meanings: ChoiceColumn::all()
            .into_iter()
            .map(|m| Meaning {
                key: m.key(),
                label: m.label(),
            })
            .collect(),
        problems,
        would,
    })
}

/// Imports a file of choices into a program, in one transaction.
pub fn import_choices(
    store: &mut Store,
    program_id: i64,
    path: &Path,
    options: &ChoiceOptions,
    dry_run: bool,
) -> Result<ChoicesReport> {
    import_choices_workbook(store, program_id, read_workbook(path)?, options, dry_run)
}

/// [`import_choices`] on a workbook already read.
pub fn import_choices_workbook(
    store: &mut Store,
    program_id: i64,
    workbook: Workbook,
    options: &ChoiceOptions,
    dry_run: bool,
) -> Result<ChoicesReport> {
    let table = ChoicesTable::read(workbook, options.sheet.as_deref(), &options.mapping)?;
    if let Some(problem) = table.problems().into_iter().next() {
        return Err(Error::Invalid(format!(
            "{}: {problem}",
            table.workbook.file_name
        )));
    }
    let (mut report, kept) = run(store, program_id, &table, dry_run)?;
    if !dry_run {
        store.backup("before importing choices")?;
        report.import_id = Some(record(store, program_id, &report, &kept)?);
    }
    Ok(report)
}

/// Reads every row against the program: the report, and the rows to keep.
fn run(
    store: &Store,
    program_id: i64,
    table: &ChoicesTable,
    dry_run: bool,
) -> Result<(ChoicesReport, Vec<Resolved>)> {
    let resolver = Resolver::new(store, program_id)?;
    let mut report = ChoicesReport {
        kind: "choices",
        import_id: None,
        file_name: table.workbook.file_name.clone(),
        sheet: table.sheet_name().to_string(),
        rows: 0,
        recorded: 0,
        replaced: 0,
        choices: 0,
        participants: 0,
        mentors: 0,
        blank: 0,
        unknown_people: Vec::new(),
        unknown_names: Vec::new(),
        not_imported: Vec::new(),
        mapping: table.mapping(),
        dry_run,
    };
    // Chooser id → their row's resolution; a later row of the same person replaces it.
    let mut kept: Vec<Resolved> = Vec::new();
    let mut by_chooser: HashMap<i64, usize> = HashMap::new();
    for (row, cells) in table.data_rows() {
        report.rows += 1;
        let written = table.written(row, cells);
        if written.email.is_empty() && written.name.is_empty() && written.ranked.is_empty() {
            report.blank += 1;
            continue;
        }
        let resolved = match resolver.resolve(&written) {
            Ok(r) => r,
            Err(reason) => {
                report.unknown_people.push(Attention { row, reason });
                continue;
            }
        };
        report
            .unknown_names
            .extend(resolved.unknown.iter().cloned());
        if resolved.chosen.is_empty() {
            report.not_imported.push(Attention {
                row,
                reason: format!(
                    "{} named nobody this program has as a {}; no choice was kept.",
                    resolved.chooser_name,
                    match resolved.chooser_role {
                        crate::people::Role::Participant => "mentor",
                        crate::people::Role::Mentor => "participant",
                    }
                ),
            });
            continue;
        }
        match by_chooser.get(&resolved.chooser_id) {
            Some(&at) => {
                report.not_imported.push(Attention {
                    row: kept[at].row,
                    reason: format!(
                        "{} chose again in row {row}; the later row counts.",
                        kept[at].chooser_name
                    ),
                });
                kept[at] = resolved;
            }
            None => {
                by_chooser.insert(resolved.chooser_id, kept.len());
                kept.push(resolved);
            }
        }
    }
    report.recorded = kept.len();
    report.choices = kept.iter().map(|r| r.chosen.len()).sum();
    report.participants = kept
        .iter()
        .filter(|r| r.chooser_role == crate::people::Role::Participant)
        .count();
    report.mentors = report.recorded - report.participants;
    report.replaced = kept
        .iter()
        .filter(|r| resolver.chose_before(r.chooser_id))
        .count();
    report.not_imported.sort_by_key(|a| a.row);
    Ok((report, kept))
}

/// Writes the import and its choices in one transaction.
fn record(
    store: &mut Store,
    program_id: i64,
    report: &ChoicesReport,
    kept: &[Resolved],
) -> Result<i64> {
    let mut attention: Vec<Attention> = report
        .unknown_people
        .iter()
        .chain(&report.unknown_names)
        .chain(&report.not_imported)
        .cloned()
        .collect();
    attention.sort_by_key(|a| a.row);
    store.write(|tx| {
        // `kind` holds 'evaluations' for its CHECK (see migration 013); kind_name says what it is.
        tx.execute(
            "INSERT INTO imports (program_id, role, kind, kind_name, file_name, sheet, imported_at, imported_by,
                 rows_total, added, updated, unchanged, blank, attention_json, mapping_json, header_signature)
             VALUES (?1, 'participant', 'evaluations', 'choices', ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11, '')",
            params![
                program_id,
                report.file_name,
                report.sheet,
                crate::time::now_timestamp(),
                crate::time::current_user(),
                report.rows as i64,
                report.recorded as i64,
                report.replaced as i64,
                report.blank as i64,
                json(&attention),
                json(&report.mapping),
            ],
        )?;
        let import_id = tx.last_insert_rowid();
        let mut insert = tx.prepare(
            "INSERT INTO choices (program_id, import_id, row_number, chooser_id, chosen_id, rank)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in kept {
            for &(chosen, rank) in &r.chosen {
                insert.execute(params![
                    program_id,
                    import_id,
                    r.row,
                    r.chooser_id,
                    chosen,
                    rank
                ])?;
            }
        }
        Ok(import_id)
    })
}

/// The import's lists as stored in its row (plain data: serialising never fails).
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
