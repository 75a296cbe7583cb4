//! The end of a relationship: ended early (with a reason from a short
//! list and a note, and undone while the participant has no new match), a
//! mentor leaving the program, and completion at the end of the term.

use chrono::NaiveDate;
use rusqlite::{params, Transaction};

use super::records::{check_date_in_pair, pair_facts, parse_day, record_event, refuse_if_ended};
use super::Choice;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::time::long_date;

/// Why a relationship ended early: the committee's short list (a note
/// says more; "Other" needs one).
pub const END_REASONS: [Choice; 5] = [
    Choice {
        value: "moved_away",
        label: "Moved away",
    },
    Choice {
        value: "changed_jobs",
        label: "Changed jobs",
    },
    Choice {
        value: "too_busy",
        label: "Too busy",
    },
    Choice {
        value: "not_a_good_fit",
        label: "Not a good fit",
    },
    Choice {
        value: "other",
        label: "Other",
    },
];

/// The reason a pair ends when its mentor leaves the program.
pub const MENTOR_LEFT: &str = "The mentor left the program";

/// The reason as the report lists it: "Moved away: to Duluth in June", or
/// the note alone for "Other". `reason` is a value or label of
/// [`END_REASONS`] (any case, dashes or spaces).
pub fn end_reason_text(reason: &str, note: &str) -> Result<String> {
    let key = reason.trim().to_lowercase().replace(['-', ' '], "_");
    let note = note.trim();
    let Some(choice) = END_REASONS
        .iter()
        .find(|c| c.value == key || c.label.to_lowercase().replace(' ', "_") == key)
    else {
        return Err(Error::Invalid(format!(
            "\"{}\" is not one of the reasons; choose {} (and say more in the note).",
            reason.trim(),
            END_REASONS
                .iter()
                .map(|c| format!("\"{}\"", c.label))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    Ok(match (choice.value, note) {
        ("other", "") => {
            return Err(Error::Invalid(
                "With \"Other\", say in the note why the relationship ended; the report lists the reasons.".into(),
            ))
        }
        ("other", note) => note.to_string(),
        (_, "") => choice.label.to_string(),
        (_, note) => format!("{}: {note}", choice.label),
    })
}

/// Ends a running relationship early, with the date and the reason (see
/// [`end_reason_text`]). The participant can then be matched again
/// (Matching places them, never with the same mentor); the history stays
/// with this pair, and [`undo_end`] brings the pair back.
pub fn end_pair(
    store: &mut Store,
    match_id: i64,
    date: NaiveDate,
    reason: &str,
    note: &str,
    today: NaiveDate,
) -> Result<()> {
    let reason = end_reason_text(reason, note)?;
    store.write(|tx| end_in(tx, match_id, date, &reason, today))
}

fn end_in(
    tx: &Transaction<'_>,
    match_id: i64,
    date: NaiveDate,
    reason: &str,
    today: NaiveDate,
) -> Result<()> {
    let facts = pair_facts(tx, match_id)?;
    if facts.status != "confirmed" {
        return refuse_if_ended(&facts, "ending it again");
    }
    check_date_in_pair(&facts, date, today, "end")?;
    let last_meeting: Option<String> = tx.query_row(
        "SELECT max(date) FROM meetings WHERE match_id = ?1 AND deleted_at IS NULL",
        [match_id],
        |r| r.get(0),
    )?;
    if let Some(last) = last_meeting.filter(|d| *d > date.to_string()) {
        return Err(Error::Invalid(format!(
            "A meeting is logged on {last}, after {}. End the relationship on or after its last meeting.",
            long_date(date)
        )));
    }
    tx.execute(
        "UPDATE matches SET status = 'ended', ended_on = ?2, end_reason = ?3 WHERE id = ?1",
        params![match_id, date.to_string(), reason],
    )?;
    record_event(tx, match_id, "ended", reason)
}

/// Undoes ending a pair early: it runs again as before. Refused once the
/// participant has a newer confirmed match.
pub fn undo_end(store: &mut Store, match_id: i64) -> Result<()> {
    store.write(|tx| {
        let facts = pair_facts(tx, match_id)?;
        if facts.status != "ended" {
            return Err(Error::Invalid(format!(
                "{}'s relationship has not ended early, so there is nothing to undo.",
                facts.participant
            )));
        }
        // A new mentor confirmed, or proposed on Matching, for the participant.
        let rematched: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM matches n JOIN matches x ON x.id = ?1
               WHERE n.participant_id = x.participant_id AND n.program_id = x.program_id
                 AND n.id != x.id
                 AND (n.status IN ('confirmed', 'completed')
                      OR (n.status = 'proposed' AND n.version_id IN
                          (SELECT id FROM match_versions WHERE program_id = x.program_id AND status = 'proposal'))))",
            [match_id],
            |r| r.get(0),
        )?;
        if rematched {
            return Err(Error::Invalid(format!(
                "{} has a new mentor since (confirmed or proposed on Matching), so ending the earlier relationship can no longer be undone.",
                facts.participant
            )));
        }
        tx.execute(
            "UPDATE matches SET status = 'confirmed', ended_on = NULL, end_reason = '' WHERE id = ?1",
            [match_id],
        )?;
        record_event(tx, match_id, "reopened", "")
    })
}

/// A mentor leaves the program: each of their running pairs ends on `date`
/// ([`MENTOR_LEFT`], with the note) and their places become zero, so
/// Matching offers their mentees new mentors. Returns the pairs ended.
pub fn mentor_leaves(
    store: &mut Store,
    mentor_id: i64,
    date: NaiveDate,
    note: &str,
    today: NaiveDate,
) -> Result<Vec<i64>> {
    let reason = match note.trim() {
        "" => MENTOR_LEFT.to_string(),
        note => format!("{MENTOR_LEFT}: {note}"),
    };
    store.write(|tx| {
        let mut stmt = tx.prepare(
            "SELECT id FROM matches WHERE mentor_id = ?1 AND status = 'confirmed' ORDER BY id",
        )?;
        let ids: Vec<i64> = stmt
            .query_map([mentor_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for &id in &ids {
            end_in(tx, id, date, &reason, today)?;
        }
        crate::people::record_agreed_capacity(tx, mentor_id, 0)?;
        Ok(ids)
    })
}

/// Marks running pairs completed at the end of the term. `match_ids` empty
/// means every running pair of the program whose term is over. Completion
/// is dated to the term's last day (or the pair's last meeting, when later),
/// unless `date` says otherwise. A pair whose term is still running is
/// refused (end it early instead), as is a date in the future, before the
/// term's end or before the pair's last meeting. Returns how many changed.
pub fn complete_pairs(
    store: &mut Store,
    program_id: i64,
    match_ids: &[i64],
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<usize> {
    let program = crate::programs::get_program(store, program_id)?;
    if let Some(date) = date.filter(|d| *d > today) {
        return Err(Error::Invalid(format!(
            "{} is in the future; complete pairs on or before today.",
            long_date(date)
        )));
    }
    store.write(|tx| {
        let ids: Vec<i64> = if match_ids.is_empty() {
            let mut stmt = tx.prepare(
                "SELECT id FROM matches WHERE program_id = ?1 AND status = 'confirmed' ORDER BY id",
            )?;
            let rows = stmt.query_map([program_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        } else {
            match_ids.to_vec()
        };
        let mut changed = 0;
        for id in ids {
            let belongs: bool = tx.query_row(
                "SELECT count(*) > 0 FROM matches WHERE id = ?1 AND program_id = ?2",
                params![id, program_id],
                |r| r.get(0),
            )?;
            if !belongs {
                return Err(Error::NotFound("That pair is not in this program.".into()));
            }
            let facts = pair_facts(tx, id)?;
            refuse_if_ended(&facts, "completing it")?;
            let term = program.term(facts.confirmed_on, today);
            // Completed on the term's last day, unless the committee says otherwise.
            let chosen = date;
            let date = date.unwrap_or(term.ends);
            if date < term.ends || today <= term.ends {
                if match_ids.is_empty() {
                    continue;
                }
                return Err(Error::Invalid(format!(
                    "{}'s relationship runs until {}; it can be completed from then on, once that day is past (or ended early now).",
                    facts.participant,
                    long_date(term.ends)
                )));
            }
            let last_meeting: Option<String> = tx.query_row(
                "SELECT max(date) FROM meetings WHERE match_id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?;
            // A meeting after the term's last day dates the completion, unless a day was chosen.
            let date = match last_meeting.as_deref().and_then(|d| parse_day(d, "meeting").ok()) {
                Some(last) if chosen.is_none() && last > date => last.min(today),
                _ => date,
            };
            if last_meeting.is_some_and(|d| d > date.to_string()) {
                return Err(Error::Invalid(format!(
                    "{} has a meeting logged after {}; complete the pair on or after its last meeting.",
                    facts.participant,
                    long_date(date)
                )));
            }
            tx.execute(
                "UPDATE matches SET status = 'completed', ended_on = ?2 WHERE id = ?1",
                params![id, date.to_string()],
            )?;
            record_event(tx, id, "completed", "")?;
            changed += 1;
        }
        Ok(changed)
    })
}
