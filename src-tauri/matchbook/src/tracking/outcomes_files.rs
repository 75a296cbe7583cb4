//! The program outcomes report as files the committee keeps: every figure
//! as a CSV row, and the printable PDF (`outcomes.typ`).

use chrono::NaiveDate;

use super::outcomes::outcomes;
use crate::error::{Error, Result};
use crate::output::SpreadsheetCsv;
use crate::store::Store;
use crate::typeset;

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |s| format!("{:.0} %", s * 100.0))
}

/// The outcomes as CSV: one figure per row (metric, value, responses).
pub fn outcomes_csv(store: &Store, program_id: i64) -> Result<Vec<u8>> {
    let o = outcomes(store, program_id)?;
    let mut csv = SpreadsheetCsv::new("Could not write the CSV");
    csv.header(&["section", "item", "value", "responses"])?;
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let rows: Vec<[String; 4]> = vec![
        [
            "responses".into(),
            "participants".into(),
            o.responses.participant.to_string(),
            o.invited.participant.to_string(),
        ],
        [
            "responses".into(),
            "mentors".into(),
            o.responses.mentor.to_string(),
            o.invited.mentor.to_string(),
        ],
        [
            "satisfaction".into(),
            "mean (1–5)".into(),
            num(o.satisfaction_mean),
            o.satisfaction_responses.to_string(),
        ],
        [
            "recommend".into(),
            "Net Promoter Score".into(),
            num(o.nps),
            o.nps_responses.to_string(),
        ],
        [
            "goals".into(),
            "reached (participants' answer: yes)".into(),
            o.goals_reached.yes.to_string(),
            String::new(),
        ],
        [
            "goals".into(),
            "reached (partly)".into(),
            o.goals_reached.partly.to_string(),
            String::new(),
        ],
        [
            "goals".into(),
            "reached (no)".into(),
            o.goals_reached.no.to_string(),
            String::new(),
        ],
        [
            "goals".into(),
            "achieved, as recorded in Matchbook".into(),
            o.goals_achieved.to_string(),
            o.goals_recorded.to_string(),
        ],
        [
            "relationships".into(),
            "completed".into(),
            o.completed.to_string(),
            String::new(),
        ],
        [
            "relationships".into(),
            "ended early".into(),
            o.ended_early.to_string(),
            String::new(),
        ],
        [
            "relationships".into(),
            "completed without a meeting on record".into(),
            o.completed_unmet.to_string(),
            String::new(),
        ],
    ];
    for row in rows {
        csv.record(&row)?;
    }
    for s in &o.statements {
        csv.record(&[
            "agreement".to_string(),
            s.text.clone(),
            s.agree_share.to_string(),
            s.responses.to_string(),
        ])?;
        if let Some(b) = s.baseline_share {
            csv.record(&[
                "agreement at application".to_string(),
                s.text.clone(),
                b.to_string(),
                s.baseline_responses.to_string(),
            ])?;
        }
    }
    for e in &o.ended_early_pairs {
        csv.record(&[
            "ended early".to_string(),
            format!("{} and {}", e.participant, e.mentor),
            e.reason.clone(),
            String::new(),
        ])?;
    }
    for c in &o.comments {
        csv.record(&[
            "comment".to_string(),
            c.role.to_string(),
            c.text.clone(),
            String::new(),
        ])?;
    }
    csv.finish()
}

/// The outcomes as a printable PDF (`outcomes.typ`).
pub fn outcomes_pdf(store: &Store, program_id: i64, today: NaiveDate) -> Result<Vec<u8>> {
    let o = outcomes(store, program_id)?;
    let mut data = serde_json::to_value(&o).map_err(|e| Error::Invalid(e.to_string()))?;
    if let Some(object) = data.as_object_mut() {
        object.insert("date_text".into(), crate::time::long_date(today).into());
        object.insert(
            "satisfaction_text".into(),
            o.satisfaction_mean
                .map_or("—".into(), |m| format!("{m:.1} of 5"))
                .into(),
        );
        object.insert(
            "nps_text".into(),
            o.nps.map_or("—".into(), |n| format!("{n:+.0}")).into(),
        );
        object.insert(
            "participant_rate".into(),
            percent(o.response_rate["participant"]).into(),
        );
        object.insert(
            "mentor_rate".into(),
            percent(o.response_rate["mentor"]).into(),
        );
        let statements: Vec<serde_json::Value> = o
            .statements
            .iter()
            .map(|s| {
                serde_json::json!({
                    "text": s.text,
                    "share": percent(Some(s.agree_share)),
                    "width": s.agree_share,
                    "responses": s.responses,
                    "baseline": s.baseline_share.map(|b| percent(Some(b))).unwrap_or_else(|| "—".into()),
                })
            })
            .collect();
        object.insert("statement_rows".into(), statements.into());
    }
    let document = typeset::layout_outcomes(&data)?;
    typeset::pdf(&document)
}
