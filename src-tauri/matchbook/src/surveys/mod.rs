//! Hearing from the pairs: check-in surveys and the end-of-program evaluation,
//! dropped in as spreadsheets. Each response joins its pair by email, is filed
//! under the period it reports on (`Term::period_answered`), and is read by the
//! dashboard and the program outcomes report (`tracking::outcomes`):
//! - `columns`: what each column means (wording, then answers).
//! - `answers`: one answer read as a number or choice.
//! - `checkins`: importing check-in responses (pairs or groups, periods, replacing).
//! - `evaluations`: importing evaluation responses.
//! - `periods`: which check-in the answers of a file are for, said before importing.
//! - `pulse`: what the responses say about each pair (the dashboard's part).
//! - `group_pulse`: the same for a peer circle or a mentor's group.

pub(crate) mod answers;
mod checkins;
pub mod columns;
mod evaluations;
pub mod group_pulse;
#[cfg(test)]
mod group_tests;
mod periods;
pub mod pulse;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use columns::{guess_kind, SurveyField};
pub use evaluations::evaluated_people;
pub use group_pulse::{GroupAnswer, GroupPulse};
pub use periods::{answered_periods_text, preview_survey_in_program, AnsweredPeriod};
pub use pulse::{at_risk_phrases, Pulse};

use crate::error::{Error, Result};
use crate::import::{
    clean_headers, find_header, first_rows, parse_timestamp, pick_sheet, read_workbook, rows_below,
    sheet_summaries, Attention, FieldChoice, PreviewRow, SheetSummary, Workbook,
};
use crate::store::Store;

pub use crate::import::SurveyKind;

/// The committee's choices for one survey import.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SurveyOptions {
    pub sheet: Option<String>,
    /// A column's title → what it means, overriding what Matchbook recognised.
    pub mapping: BTreeMap<String, SurveyField>,
    /// Check-ins: the period every answer reports on ("Q1"), instead of
    /// the one its date says.
    pub period: Option<String>,
}

/// How one column was understood.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyColumn {
    pub index: usize,
    pub header: String,
    pub field: SurveyField,
    /// 0..1; 1 for the committee's choice.
    pub confidence: f64,
    /// "chosen", "recognised" or "not recognised".
    pub source: &'static str,
    /// No meaning fits: what is done with it ("Kept as comments: …"), said, not asked.
    pub nothing_fits: Option<String>,
    pub samples: Vec<String>,
}

/// What the committee checks before importing responses.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyPreview {
    pub kind: SurveyKind,
    pub file_name: String,
    pub format: String,
    pub sheets: Vec<SheetSummary>,
    pub sheet: String,
    pub header_row: i64,
    pub headers: Vec<String>,
    pub columns: Vec<SurveyColumn>,
    pub rows: Vec<PreviewRow>,
    pub data_rows: usize,
    /// What a column can mean for this kind of survey.
    pub fields: Vec<FieldChoice>,
    /// Said before importing: e.g. no email column.
    pub problems: Vec<String>,
    /// Check-ins read for a program: the periods the answers report on,
    /// [`answered_periods_text`], and every period the committee can choose
    /// instead ("Q1"…).
    pub periods: Vec<AnsweredPeriod>,
    pub periods_text: String,
    pub period_choices: Vec<String>,
}

/// A row whose email is nobody in the program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnknownRow {
    pub row: i64,
    pub email: String,
}

/// What importing responses did (or, with dry run, would do). Every data
/// row is counted once: recorded + unknown + blank + not imported.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyImportReport {
    pub import_id: Option<i64>,
    pub kind: SurveyKind,
    pub file_name: String,
    pub sheet: String,
    pub rows: usize,
    pub recorded: usize,
    /// Of the recorded, those that replaced an earlier answer of the same
    /// person for the same period (check-ins) or program (evaluations).
    pub replaced: usize,
    /// Said about recorded rows: what each replaced, answers not understood.
    pub notes: Vec<Attention>,
    pub unknown: Vec<UnknownRow>,
    pub blank: usize,
    pub not_imported: Vec<Attention>,
    pub mapping: BTreeMap<String, String>,
    pub dry_run: bool,
    /// Check-ins: the periods the recorded answers report on.
    pub periods: Vec<AnsweredPeriod>,
    /// [`answered_periods_text`] of `periods`.
    pub periods_text: String,
    /// Columns with answers that nothing reads, by their title.
    pub unused_questions: Vec<String>,
}

impl SurveyImportReport {
    /// An empty report of an import of `table` as `kind`.
    fn new(kind: SurveyKind, table: &SurveyTable, dry_run: bool) -> SurveyImportReport {
        SurveyImportReport {
            import_id: None,
            kind,
            file_name: table.workbook.file_name.clone(),
            sheet: table.sheet_name().to_string(),
            rows: 0,
            recorded: 0,
            replaced: 0,
            notes: Vec::new(),
            unknown: Vec::new(),
            blank: 0,
            not_imported: Vec::new(),
            mapping: table.mapping(),
            dry_run,
            periods: Vec::new(),
            periods_text: String::new(),
            unused_questions: table.unused_questions(),
        }
    }
}

/// A survey's sheet with its header row found and every column understood.
pub(crate) struct SurveyTable {
    pub workbook: Workbook,
    pub sheet_index: usize,
    pub header_index: usize,
    pub headers: Vec<String>,
    pub columns: Vec<SurveyColumn>,
}

impl SurveyTable {
    pub fn read(
        workbook: Workbook,
        kind: SurveyKind,
        options: &SurveyOptions,
    ) -> Result<SurveyTable> {
        let sheet_index = pick_sheet(&workbook, options.sheet.as_deref())?;
        let sheet = &workbook.sheets[sheet_index];
        let (header_index, _) = find_header(sheet);
        let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        let empty = Vec::new();
        let headers = clean_headers(sheet.rows.get(header_index).unwrap_or(&empty), width);
        let below = &sheet.rows[(header_index + 1).min(sheet.rows.len())..];
        let columns = headers
            .iter()
            .enumerate()
            .map(|(index, header)| {
                let samples: Vec<&str> = below
                    .iter()
                    .filter_map(|r| r.get(index).map(String::as_str))
                    .filter(|s| !s.trim().is_empty())
                    .take(200)
                    .collect();
                let (field, confidence, source) = match options.mapping.get(header) {
                    Some(&field) => (field, 1.0, "chosen"),
                    None => {
                        let (field, confidence) = columns::recognise(kind, header, &samples);
                        let source = if field == SurveyField::Ignore {
                            "not recognised"
                        } else {
                            "recognised"
                        };
                        (field, confidence, source)
                    }
                };
                let mut shown: Vec<String> = Vec::new();
                for s in &samples {
                    if shown.len() == 3 {
                        break;
                    }
                    if !shown.iter().any(|x| x == s) {
                        shown.push(s.chars().take(80).collect());
                    }
                }
                let nothing_fits = columns::when_nothing_fits(field, confidence, &samples);
                SurveyColumn {
                    index,
                    header: header.to_string(),
                    field,
                    confidence,
                    source,
                    nothing_fits,
                    samples: shown,
                }
            })
            .collect();
        let columns = one_column_per_meaning(columns);
        Ok(SurveyTable {
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

    /// Data rows with the spreadsheet's own row numbers.
    pub fn data_rows(&self) -> impl Iterator<Item = (i64, &Vec<String>)> {
        rows_below(&self.workbook.sheets[self.sheet_index], self.header_index)
    }

    /// The first column meaning `field`, if any.
    pub fn column(&self, field: SurveyField) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.index)
    }

    /// Every column meaning `field`.
    pub fn columns_of(&self, field: SurveyField) -> Vec<&SurveyColumn> {
        self.columns.iter().filter(|c| c.field == field).collect()
    }

    /// The titles of the columns with answers that nothing reads.
    pub fn unused_questions(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter(|c| c.field == SurveyField::Ignore)
            .filter(|c| {
                self.data_rows()
                    .any(|(_, cells)| cells.get(c.index).is_some_and(|t| !t.trim().is_empty()))
            })
            .map(|c| c.header.clone())
            .collect()
    }

    /// What people wrote in every column meaning `field`: the first as is,
    /// the others after their question ("What should change? More events").
    pub fn written(&self, cells: &[String], field: SurveyField) -> String {
        let mut parts: Vec<String> = Vec::new();
        for c in self.columns_of(field) {
            let text = cells.get(c.index).map_or("", |t| t.trim());
            if text.is_empty() {
                continue;
            }
            parts.push(if parts.is_empty() && Some(c.index) == self.column(field) {
                text.to_string()
            } else {
                format!("{} {text}", question_words(&c.header))
            });
        }
        parts.join("\n")
    }

    pub fn mapping(&self) -> BTreeMap<String, String> {
        self.columns
            .iter()
            .map(|c| (c.header.clone(), c.field.key().to_string()))
            .collect()
    }

    /// What stops or weakens an import, said before it runs.
    fn problems(&self, kind: SurveyKind) -> Vec<String> {
        let mut problems = Vec::new();
        if self.column(SurveyField::Email).is_none() {
            problems.push("No column holds the respondents' emails, so no response can be joined to a pair. Choose \"Respondent's email\" for that column, or add an email question to the form (in Google Forms: Settings → Responses → Collect email addresses).".into());
        }
        if self.column(SurveyField::SubmittedAt).is_none() {
            problems.push("No column holds the date of each response: every response will count on the day of the import.".into());
        }
        let useful: &[SurveyField] = match kind {
            SurveyKind::CheckIns => &[
                SurveyField::Met,
                SurveyField::Meetings,
                SurveyField::Satisfaction,
                SurveyField::Note,
                SurveyField::GoalProgress,
            ],
            SurveyKind::Evaluations => &[
                SurveyField::Satisfaction,
                SurveyField::Recommend,
                SurveyField::Statement,
                SurveyField::GoalsReached,
                SurveyField::Comments,
            ],
        };
        let unused = self.unused_questions();
        if !unused.is_empty() {
            problems.push(format!(
                "{} will not be used: {}. Choose what {} below to keep the answers.",
                match unused.len() {
                    1 => "1 question".to_string(),
                    n => format!("{n} questions"),
                },
                unused
                    .iter()
                    .map(|h| format!("\u{201c}{h}\u{201d}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if unused.len() == 1 {
                    "it means"
                } else {
                    "each means"
                }
            ));
        }
        if !useful.iter().any(|&f| self.column(f).is_some()) {
            problems.push(format!(
                "None of the questions was recognised as part of {}; choose what each column means below.",
                kind.label().to_lowercase()
            ));
        }
        problems
    }
}

/// A question as it leads its answer: "What should change?" stays, other
/// wording gets a colon.
fn question_words(header: &str) -> String {
    let header = header.trim();
    if header.ends_with('?') || header.ends_with(':') {
        header.to_string()
    } else {
        format!("{header}:")
    }
}

/// Two columns recognised as the same meaning: the surer one keeps it (for
/// the date, the completion time over the start time), the other is not
/// used; the committee's own choices and agreement statements stay.
fn one_column_per_meaning(mut columns: Vec<SurveyColumn>) -> Vec<SurveyColumn> {
    let rank = |c: &SurveyColumn| {
        let words = crate::import::normalize_header(&c.header);
        let preferred = c.field == SurveyField::SubmittedAt
            && (words.contains("completion")
                || words.contains("timestamp")
                || words.contains("submitted"));
        (
            c.source == "chosen",
            preferred,
            (c.confidence * 100.0) as i64,
            std::cmp::Reverse(c.index),
        )
    };
    for i in 0..columns.len() {
        let field = columns[i].field;
        // Several statements, notes or comments are all kept.
        if matches!(
            field,
            SurveyField::Statement
                | SurveyField::Note
                | SurveyField::Comments
                | SurveyField::Ignore
        ) || columns[i].source == "chosen"
        {
            continue;
        }
        let best = (0..columns.len())
            .filter(|&j| columns[j].field == field)
            .max_by_key(|&j| rank(&columns[j]))
            .unwrap_or(i);
        if best != i {
            columns[i].field = SurveyField::Ignore;
            columns[i].confidence = 0.0;
            columns[i].source = "not recognised";
            columns[i].nothing_fits = Some(columns::another_column_is(field));
        }
    }
    columns
}

/// Reads a survey's responses and shows how Matchbook understands them.
pub fn preview_survey(
    path: &Path,
    kind: SurveyKind,
    options: &SurveyOptions,
) -> Result<SurveyPreview> {
    preview_survey_workbook(read_workbook(path)?, kind, options)
}

pub fn preview_survey_workbook(
    workbook: Workbook,
    kind: SurveyKind,
    options: &SurveyOptions,
) -> Result<SurveyPreview> {
    let table = SurveyTable::read(workbook, kind, options)?;
    let sheet = &table.workbook.sheets[table.sheet_index];
    let rows = first_rows(table.data_rows());
    Ok(SurveyPreview {
        kind,
        file_name: table.workbook.file_name.clone(),
        format: table.workbook.format.clone(),
        sheets: sheet_summaries(&table.workbook),
        sheet: sheet.name.clone(),
        header_row: i64::from(sheet.first_row) + table.header_index as i64,
        headers: table.headers.clone(),
        columns: table.columns.clone(),
        rows,
        data_rows: table.data_rows().count(),
        fields: SurveyField::of(kind)
            .iter()
            .map(|f| FieldChoice {
                key: f.key(),
                label: f.label(),
            })
            .collect(),
        problems: table.problems(kind),
        periods: Vec::new(),
        periods_text: String::new(),
        period_choices: Vec::new(),
    })
}

/// Imports a survey's responses into a program, in one transaction;
/// responses without a date count on `today`.
pub fn import_survey(
    store: &mut Store,
    program_id: i64,
    kind: SurveyKind,
    path: &Path,
    options: &SurveyOptions,
    dry_run: bool,
    today: NaiveDate,
) -> Result<SurveyImportReport> {
    let workbook = read_workbook(path)?;
    import_survey_workbook(store, program_id, kind, workbook, options, dry_run, today)
}

pub fn import_survey_workbook(
    store: &mut Store,
    program_id: i64,
    kind: SurveyKind,
    workbook: Workbook,
    options: &SurveyOptions,
    dry_run: bool,
    today: NaiveDate,
) -> Result<SurveyImportReport> {
    let table = SurveyTable::read(workbook, kind, options)?;
    if table.column(SurveyField::Email).is_none() {
        return Err(Error::Invalid(format!(
            "{}: {}",
            table.workbook.file_name,
            table.problems(kind).remove(0)
        )));
    }
    match kind {
        SurveyKind::CheckIns => {
            checkins::import(store, program_id, &table, options, dry_run, today)
        }
        SurveyKind::Evaluations => evaluations::import(store, program_id, &table, dry_run, today),
    }
}

/// The date of a response: its date column, else `fallback` (the import's day).
/// Err with what to tell the committee when the column holds something that is not a date.
fn response_date(
    table: &SurveyTable,
    cells: &[String],
    fallback: NaiveDate,
) -> std::result::Result<NaiveDate, String> {
    let Some(col) = table.column(SurveyField::SubmittedAt) else {
        return Ok(fallback);
    };
    let text = cells.get(col).map(|s| s.trim()).unwrap_or("");
    if text.is_empty() {
        return Ok(fallback);
    }
    parse_timestamp(text)
        .and_then(|iso| NaiveDate::parse_from_str(&iso[..10.min(iso.len())], "%Y-%m-%d").ok())
        .ok_or_else(|| format!("The date \"{text}\" cannot be read; write it as YYYY-MM-DD."))
}

/// The text of the first column meaning `field` in a row.
fn cell<'a>(table: &SurveyTable, cells: &'a [String], field: SurveyField) -> &'a str {
    table
        .column(field)
        .and_then(|c| cells.get(c))
        .map_or("", |s| s.trim())
}

/// Writes the `imports` row of a survey import and returns its id.
fn record_import(
    tx: &rusqlite::Transaction<'_>,
    program_id: i64,
    kind: SurveyKind,
    table: &SurveyTable,
    report: &SurveyImportReport,
) -> Result<i64> {
    let mut attention: Vec<Attention> = report
        .unknown
        .iter()
        .map(|u| Attention {
            row: u.row,
            reason: format!("{} is not anyone in this program", u.email),
        })
        .collect();
    attention.extend(report.not_imported.iter().cloned());
    attention.extend(report.notes.iter().cloned());
    attention.sort_by_key(|a| a.row);
    let attention_json = serde_json::to_string(&attention).unwrap_or_else(|_| "[]".into());
    let mapping_json = serde_json::to_string(&report.mapping).unwrap_or_else(|_| "{}".into());
    tx.execute(
        "INSERT INTO imports (program_id, role, kind, file_name, sheet, imported_at, imported_by,
             rows_total, added, updated, unchanged, blank, attention_json, mapping_json, header_signature)
         VALUES (?1, 'participant', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, ?12, '')",
        rusqlite::params![
            program_id,
            kind.key(),
            table.workbook.file_name,
            table.sheet_name(),
            crate::time::now_timestamp(),
            crate::time::current_user(),
            report.rows as i64,
            report.recorded as i64,
            report.replaced as i64,
            report.blank as i64,
            attention_json,
            mapping_json,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}
