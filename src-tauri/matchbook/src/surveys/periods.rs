//! Which check-in a file of answers is for: the periods the answers are
//! filed under ([`crate::term::Term::period_answered`], or the
//! committee's choice), said before importing and after.

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    import_survey_workbook, preview_survey_workbook, SurveyField, SurveyKind, SurveyOptions,
    SurveyPreview,
};
use crate::error::Result;
use crate::import::Workbook;
use crate::store::Store;

/// A check-in period answers were filed under, and how many.
#[derive(Debug, Clone, Serialize)]
pub struct AnsweredPeriod {
    pub number: u32,
    pub label: String,
    pub starts: NaiveDate,
    pub due: NaiveDate,
    pub responses: usize,
}

/// "These answers are for Q1 (1 May – 31 July 2026)", with the number of
/// answers per period when they are for several.
pub fn answered_periods_text(periods: &[AnsweredPeriod]) -> String {
    let one =
        |p: &AnsweredPeriod| format!("{} ({})", p.label, crate::time::long_range(p.starts, p.due));
    match periods {
        [] => String::new(),
        [p] => format!("These answers are for {}.", one(p)),
        several => format!(
            "These answers are for {}.",
            several
                .iter()
                .map(|p| format!("{}: {}", one(p), p.responses))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

/// [`preview_survey_workbook`] for a program: check-ins also say which
/// period their answers report on (what importing would file them under)
/// and which periods the committee can choose instead.
pub fn preview_survey_in_program(
    store: &mut Store,
    program_id: i64,
    workbook: Workbook,
    kind: SurveyKind,
    options: &SurveyOptions,
    today: NaiveDate,
) -> Result<SurveyPreview> {
    let mut preview = preview_survey_workbook(workbook.clone(), kind, options)?;
    if kind != SurveyKind::CheckIns || preview_blocked(&preview) {
        return Ok(preview);
    }
    let program = crate::programs::get_program(store, program_id)?;
    if let Some(kickoff) = program.kickoff_date {
        let term = program.term(None, kickoff);
        preview.period_choices = term
            .periods
            .iter()
            .map(|p| p.label(program.cadence_months))
            .collect();
    }
    let report = import_survey_workbook(store, program_id, kind, workbook, options, true, today)?;
    preview.periods = report.periods;
    preview.periods_text = report.periods_text;
    Ok(preview)
}

/// The preview has no email column: a dry run would be refused.
fn preview_blocked(preview: &SurveyPreview) -> bool {
    !preview
        .columns
        .iter()
        .any(|c| c.field == SurveyField::Email)
}
