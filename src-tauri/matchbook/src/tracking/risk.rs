//! A pair at risk that the committee has dealt with: the day and how, kept
//! as a `risk_handled` event of the match. The pair is at risk again only
//! with evidence newer than that day.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::records::{check_date_in_pair, pair_facts, record_event, refuse_if_ended};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::surveys::pulse::RiskHandled;

/// Marks what put a running pair at risk as handled on `date`, with a note
/// saying how (for example "Called Eli; they meet again in May").
pub fn mark_risk_handled(
    store: &mut Store,
    match_id: i64,
    date: NaiveDate,
    note: &str,
    today: NaiveDate,
) -> Result<()> {
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::Invalid(
            "Say how the risk was handled (for example \"Called Eli; they meet again in May\"); the pair's history keeps it.".into(),
        ));
    }
    store.write(|tx| {
        let facts = pair_facts(tx, match_id)?;
        if facts.status != "confirmed" {
            return refuse_if_ended(&facts, "marking its risk handled");
        }
        refuse_before_kickoff(tx, match_id, date)?;
        check_date_in_pair(&facts, date, today, "handling")?;
        let detail = serde_json::to_string(&RiskHandled {
            date,
            note: note.to_string(),
        })
        .map_err(|e| Error::Invalid(e.to_string()))?;
        record_event(tx, match_id, "risk_handled", &detail)
    })
}

/// Undoes the latest "handled" of a pair's risk: the pair reads as before it.
pub fn undo_risk_handled(store: &mut Store, match_id: i64) -> Result<()> {
    store.write(|tx| {
        let facts = pair_facts(tx, match_id)?;
        let removed = tx.execute(
            "DELETE FROM match_events WHERE id = (SELECT max(id) FROM match_events
               WHERE match_id = ?1 AND action = 'risk_handled')",
            [match_id],
        )?;
        if removed == 0 {
            return Err(Error::Invalid(format!(
                "The risk of {}'s pair was not marked handled, so there is nothing to undo.",
                facts.participant
            )));
        }
        Ok(())
    })
}

/// A risk is handled during the program: never before its kickoff.
fn refuse_before_kickoff(
    tx: &rusqlite::Transaction<'_>,
    match_id: i64,
    date: NaiveDate,
) -> Result<()> {
    let kickoff: Option<String> = tx.query_row(
        "SELECT p.kickoff_date FROM matches x JOIN programs p ON p.id = x.program_id WHERE x.id = ?1",
        [match_id],
        |r| r.get(0),
    )?;
    let kickoff = kickoff.and_then(|k| NaiveDate::parse_from_str(&k, "%Y-%m-%d").ok());
    match kickoff {
        Some(kickoff) if date < kickoff => Err(Error::Invalid(format!(
            "The handling date {} is before the program's kickoff ({}). Check the date.",
            crate::time::long_date(date),
            crate::time::long_date(kickoff)
        ))),
        _ => Ok(()),
    }
}

/// The latest handling of each pair's risk, per match.
pub(crate) fn risks_handled(store: &Store, program_id: i64) -> Result<HashMap<i64, RiskHandled>> {
    let mut stmt = store.conn().prepare(
        "SELECT e.match_id, e.detail FROM match_events e JOIN matches x ON x.id = e.match_id
         WHERE x.program_id = ?1 AND e.action = 'risk_handled' ORDER BY e.id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (match_id, detail) = row?;
        if let Some(handled) = RiskHandled::parse(&detail) {
            let newer = out
                .get(&match_id)
                .is_none_or(|h: &RiskHandled| h.date <= handled.date);
            if newer {
                out.insert(match_id, handled);
            }
        }
    }
    Ok(out)
}
