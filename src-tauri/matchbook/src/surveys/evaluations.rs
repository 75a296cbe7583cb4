//! Importing end-of-program evaluations: each row joined to the respondent
//! by email. Evaluations come near and after the end of the term, so no date
//! is "outside the term". A person's later evaluation replaces an earlier one.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::params;

use super::checkins::people_by_email;
use super::columns::statement_text;
use super::{
    answers, cell, record_import, response_date, SurveyField, SurveyImportReport, SurveyKind,
    SurveyTable, UnknownRow,
};
use crate::error::Result;
use crate::import::Attention;
use crate::store::Store;
use crate::time::long_date;

struct Planned {
    row: i64,
    respondent_id: i64,
    date: NaiveDate,
    satisfaction: Option<u8>,
    recommend: Option<u8>,
    goals_reached: Option<&'static str>,
    comments: String,
    agreements: Vec<(String, u8)>,
}

pub(super) fn import(
    store: &mut Store,
    program_id: i64,
    table: &SurveyTable,
    dry_run: bool,
    imported_on: NaiveDate,
) -> Result<SurveyImportReport> {
    let people = people_by_email(store, program_id)?;
    let mut answered: HashMap<i64, NaiveDate> = {
        let mut stmt = store.conn().prepare(
            "SELECT respondent_id, max(responded_on) FROM evaluation_responses WHERE program_id = ?1 GROUP BY respondent_id",
        )?;
        let rows = stmt.query_map([program_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, date) = row?;
            if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                out.insert(id, date);
            }
        }
        out
    };
    let statements: Vec<(usize, String)> = table
        .columns_of(SurveyField::Statement)
        .iter()
        .map(|c| (c.index, statement_text(&c.header)))
        .collect();
    let mut report = SurveyImportReport::new(SurveyKind::Evaluations, table, dry_run);
    let mut planned = Vec::new();
    for (row, cells) in table.data_rows() {
        report.rows += 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            report.blank += 1;
            continue;
        }
        let email = cell(table, cells, SurveyField::Email);
        if email.is_empty() {
            report.not_imported.push(Attention {
                row,
                reason: "No email: the evaluation cannot be joined to anyone. Add the email to the spreadsheet and import it again.".into(),
            });
            continue;
        }
        let Some(person) = people.get(&email.to_lowercase()) else {
            report.unknown.push(UnknownRow {
                row,
                email: email.to_string(),
            });
            continue;
        };
        let date = match response_date(table, cells, imported_on) {
            Ok(date) => date,
            Err(reason) => {
                report.not_imported.push(Attention { row, reason });
                continue;
            }
        };
        let recommend_text = cell(table, cells, SurveyField::Recommend);
        let recommend = answers::recommend(recommend_text);
        if !recommend_text.is_empty() && recommend.is_none() {
            report.notes.push(Attention {
                row,
                reason: format!(
                    "\"{recommend_text}\" is not a number from 0 to 10; the rest was recorded."
                ),
            });
        }
        let agreements = statements
            .iter()
            .filter_map(|(col, text)| {
                let answer = cells.get(*col)?;
                Some((text.clone(), answers::agreement(answer)?))
            })
            .collect();
        if let Some(earlier) = answered.get(&person.id) {
            report.replaced += 1;
            report.notes.push(Attention {
                row,
                reason: format!(
                    "{} evaluated the program again: this response ({}) replaces the one of {}.",
                    person.application.name,
                    long_date(date),
                    long_date(*earlier)
                ),
            });
        }
        answered.insert(
            person.id,
            answered.get(&person.id).map_or(date, |d| (*d).max(date)),
        );
        planned.push(Planned {
            row,
            respondent_id: person.id,
            date,
            satisfaction: answers::satisfaction(cell(table, cells, SurveyField::Satisfaction)),
            recommend,
            goals_reached: answers::goals_reached(cell(table, cells, SurveyField::GoalsReached)),
            comments: table.written(cells, SurveyField::Comments),
            agreements,
        });
    }
    report.recorded = planned.len();
    if dry_run {
        return Ok(report);
    }
    let import_id = store.write(|tx| {
        let import_id = record_import(tx, program_id, SurveyKind::Evaluations, table, &report)?;
        for p in &planned {
            tx.execute(
                "INSERT INTO evaluation_responses (import_id, row_number, program_id, respondent_id, responded_on,
                     satisfaction, recommend, goals_reached, comments)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    import_id,
                    p.row,
                    program_id,
                    p.respondent_id,
                    p.date.to_string(),
                    p.satisfaction,
                    p.recommend,
                    p.goals_reached,
                    p.comments,
                ],
            )?;
            let response_id = tx.last_insert_rowid();
            for (statement, agreement) in &p.agreements {
                tx.execute(
                    "INSERT INTO evaluation_agreements (response_id, statement, agreement) VALUES (?1, ?2, ?3)",
                    params![response_id, statement, agreement],
                )?;
            }
        }
        Ok(import_id)
    })?;
    report.import_id = Some(import_id);
    Ok(report)
}

/// The people of a program who have sent their evaluation.
pub fn evaluated_people(store: &Store, program_id: i64) -> Result<HashSet<i64>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT DISTINCT respondent_id FROM evaluation_responses WHERE program_id = ?1")?;
    let rows = stmt.query_map([program_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
