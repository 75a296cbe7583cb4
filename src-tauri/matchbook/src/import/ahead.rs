//! A large file's rows normalised while the rest of it is still read.
//!
//! Reading a 10,000-row workbook is the longest step of an import (calamine
//! unpacks and parses the sheet on one core), and normalising its rows came
//! after it. Here the file is read on a second thread that hands each
//! finished row over (`tap.rs`); once the first rows are in, the questions
//! are judged from them, and the rows are normalised as they arrive. When
//! the whole file is read, the import judges its questions again from every
//! row, as always, and uses the rows normalised ahead only if that judgement
//! is the same in everything normalising depends on (the columns, the
//! questions' kinds and options, who is who); otherwise it normalises them
//! again. Either way the result is the same as normalising after reading.

use std::path::Path;
use std::sync::mpsc::sync_channel;

use super::analyse::{analyze, AnalysedQuestion, Analysis};
use super::normalize::{normalize_row, Plan, RoleOfRows, RowResult};
use super::read::{read_workbook, read_workbook_tapped, SheetData, Workbook};
use super::roles::{ImportAs, RoleAnswer};
use super::tap::{unpack, RowTap, Tapped};
use super::ImportOptions;
use crate::error::Result;
use crate::store::Store;

/// Rows read before the questions are judged from them: enough for the
/// 500 answers a kind is judged from, and for most options to have shown.
const FIRST_ROWS: usize = 2_000;

/// Rows handed over that may wait to be normalised.
const QUEUE: usize = 64;

/// What normalising a row depends on, as an analysis found it.
#[derive(PartialEq)]
struct Basis {
    headers: Vec<String>,
    first_row: u32,
    first_data_row: usize,
    questions: Vec<AnalysedQuestion>,
    role_answers: Vec<RoleAnswer>,
}

impl Basis {
    fn of(analysis: &Analysis) -> Basis {
        Basis {
            headers: analysis.headers.clone(),
            first_row: analysis.sheet().first_row,
            first_data_row: analysis.header_index + 1 + analysis.header_rows_below,
            questions: analysis.questions.clone(),
            role_answers: analysis.role_answers.clone(),
        }
    }
}

/// Rows normalised while the file was read, with what they were normalised by.
pub(super) struct Ahead {
    basis: Basis,
    rows: Vec<(i64, RowResult)>,
}

impl Ahead {
    /// The rows normalised ahead, when `analysis` (of the whole file) is the
    /// same in everything normalising depends on, and every row below the
    /// column titles was normalised.
    pub(super) fn fitting(self, analysis: &Analysis) -> Option<Vec<(i64, RowResult)>> {
        let numbers: Vec<i64> = analysis.data_rows().map(|(n, _)| n).collect();
        let same_rows = self.rows.len() == numbers.len()
            && self
                .rows
                .iter()
                .map(|(n, _)| *n)
                .eq(numbers.iter().copied());
        (same_rows && self.basis == Basis::of(analysis)).then_some(self.rows)
    }
}

/// Reads the file at `path`, normalising its rows while it is read when it
/// has one sheet of more than `FIRST_ROWS` rows.
pub(super) fn read_normalising(
    store: &Store,
    program_id: i64,
    role: ImportAs,
    path: &Path,
    options: &ImportOptions,
) -> Result<(Workbook, Option<Ahead>)> {
    if options.sheet.is_some() {
        return Ok((read_workbook(path)?, None));
    }
    let (to, from) = sync_channel(QUEUE);
    let owned = path.to_path_buf();
    let reading = std::thread::spawn(move || read_workbook_tapped(&owned, RowTap::new(to)));
    let mut ahead = Normalising {
        store,
        program_id,
        role,
        options,
        rows: Vec::new(),
        analysis: None,
        done: Vec::new(),
        gave_up: false,
    };
    // Ends when the reading thread is done with its end of the channel.
    for handed in &from {
        let going = match handed {
            Tapped::Rows {
                first_row,
                start,
                rows,
            } => ahead.take(first_row, start, &rows),
            Tapped::Abandoned => false,
        };
        if !going {
            ahead.gave_up = true;
            break;
        }
    }
    // Whatever the reading thread still hands over goes nowhere.
    drop(from);
    let workbook = match reading.join() {
        Ok(read) => read?,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    Ok((workbook, ahead.finish()))
}

struct Normalising<'a> {
    store: &'a Store,
    program_id: i64,
    role: ImportAs,
    options: &'a ImportOptions,
    /// The rows handed over before the questions were judged.
    rows: Vec<Vec<String>>,
    /// The questions judged from the first rows; later rows join its sheet.
    analysis: Option<Analysis>,
    done: Vec<(i64, RowResult)>,
    gave_up: bool,
}

impl Normalising<'_> {
    /// Takes rows `start..` of the sheet; false when nothing handed over
    /// can be used.
    fn take(&mut self, first_row: u32, start: usize, packed: &[String]) -> bool {
        let rows = packed.iter().map(|row| unpack(row));
        let Some(analysis) = &mut self.analysis else {
            if start != self.rows.len() {
                return false;
            }
            self.rows.extend(rows);
            if self.rows.len() < FIRST_ROWS {
                return true;
            }
            return self.judge(first_row) && self.normalise();
        };
        let sheet = &mut analysis.workbook.sheets[analysis.sheet_index];
        if start != sheet.rows.len() || first_row != sheet.first_row {
            return false;
        }
        sheet.rows.extend(rows);
        self.normalise()
    }

    /// Judges the questions from the rows so far, as the import would.
    fn judge(&mut self, first_row: u32) -> bool {
        let first_rows = Workbook {
            file_name: String::new(),
            format: String::new(),
            sheets: vec![SheetData {
                name: String::new(),
                first_row,
                rows: std::mem::take(&mut self.rows),
            }],
        };
        let Ok(mut analysis) = analyze(self.store, first_rows, self.role, self.options) else {
            return false;
        };
        if analysis
            .use_known_wordings(self.store, self.program_id)
            .is_err()
            || RoleOfRows::of(&analysis, self.role).is_err()
        {
            return false;
        }
        self.analysis = Some(analysis);
        true
    }

    /// Normalises the rows below the column titles not done yet.
    fn normalise(&mut self) -> bool {
        let Some(analysis) = &self.analysis else {
            return false;
        };
        let Ok(role) = RoleOfRows::of(analysis, self.role) else {
            return false;
        };
        let plan = Plan {
            headers: &analysis.headers,
            questions: &analysis.questions,
            role,
        };
        let done = self.done.len();
        self.done.extend(
            analysis
                .data_rows()
                .skip(done)
                .map(|(n, cells)| (n, normalize_row(&plan, n, cells))),
        );
        true
    }

    fn finish(self) -> Option<Ahead> {
        let analysis = self.analysis.filter(|_| !self.gave_up)?;
        Some(Ahead {
            basis: Basis::of(&analysis),
            rows: self.done,
        })
    }
}
