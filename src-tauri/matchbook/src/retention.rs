//! Retention: per program, "erase applicants' details N months after the
//! program ends" (off unless the committee sets it; 24 months suggested).
//! The plan says who is due and when; running it erases each due program's
//! people the way `people::erase_person` erases one (the file runs with
//! `secure_delete` and the write-ahead log is emptied afterwards), except
//! that the pairs, meetings, goals and survey answers stay as figures with
//! no name, contact, answer or free text: the board's counts, NPS and
//! outcomes stay as they were.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::programs::{get_program, list_programs, set_setting, setting, Program};
use crate::store::Store;
use crate::time::now_timestamp;

const SETTINGS_KEY: &str = "retention";

/// The period the committee is offered when it sets one.
pub const SUGGESTED_MONTHS: u32 = 24;

/// A program's retention rule; `None`: details are kept until erased by hand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Retention {
    pub erase_after_months: Option<u32>,
}

/// A program's rule.
pub fn retention(store: &Store, program_id: i64) -> Result<Retention> {
    get_program(store, program_id)?;
    Ok(setting(store, program_id, SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Sets how many months after a program ends its people's details are
/// erased (0 or `None` turns it off); at most 120.
pub fn set_retention(store: &mut Store, program_id: i64, months: Option<u32>) -> Result<Retention> {
    get_program(store, program_id)?;
    if months.is_some_and(|m| m > 120) {
        return Err(Error::Invalid(format!(
            "Details can be kept at most 120 months after a program ends; {SUGGESTED_MONTHS} is usual. Give a number from 1 to 120, or 0 to keep them until erased by hand."
        )));
    }
    let rule = Retention {
        erase_after_months: months.filter(|&m| m > 0),
    };
    set_setting(store, program_id, SETTINGS_KEY, &rule)?;
    Ok(rule)
}

/// One program in the erasure plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanEntry {
    pub program_id: i64,
    pub program: String,
    /// The last day of the relationships (kickoff + months), when known.
    pub ends_on: Option<NaiveDate>,
    pub erase_after_months: Option<u32>,
    /// The day its people's details are erased, when a rule and the end are known.
    pub erase_on: Option<NaiveDate>,
    /// People whose details the file still holds.
    pub people: usize,
    /// The erasure date has come (on `today`).
    pub due: bool,
    /// What the committee should know, in a sentence.
    pub note: String,
}

fn ends_on(program: &Program) -> Option<NaiveDate> {
    program
        .kickoff_date?
        .checked_add_months(Months::new(program.relationship_months))
}

/// Every program of the file with people whose details it holds, with when
/// they are erased; `due` as of `today`.
pub fn privacy_plan(store: &Store, today: NaiveDate) -> Result<Vec<PlanEntry>> {
    let mut plan = Vec::new();
    for summary in list_programs(store, true)? {
        let program = summary.program;
        let people: i64 = store.conn().query_row(
            "SELECT count(*) FROM people WHERE program_id = ?1 AND erased_at IS NULL",
            [program.id],
            |r| r.get(0),
        )?;
        if people == 0 {
            continue;
        }
        let rule = retention(store, program.id)?.erase_after_months;
        let ends = ends_on(&program);
        let erase_on = rule
            .zip(ends)
            .and_then(|(months, end)| end.checked_add_months(Months::new(months)));
        let due = erase_on.is_some_and(|day| day <= today);
        let note = match (rule, ends, erase_on) {
            (None, _, _) => format!(
                "No retention period: details are kept until erased by hand. Set one with `program edit --erase-after-months N` ({SUGGESTED_MONTHS} is usual)."
            ),
            (Some(_), None, _) => "The kickoff date is not set, so the end of the program is not known: set it to plan the erasure.".into(),
            (Some(m), Some(end), Some(day)) if due => format!(
                "Due: the program ended on {end} and details are erased {m} months later ({day})."
            ),
            (Some(m), Some(end), Some(day)) => format!(
                "Details are erased on {day}, {m} months after the program ends ({end})."
            ),
            (Some(_), Some(_), None) => "The erasure date is out of range.".into(),
        };
        plan.push(PlanEntry {
            program_id: program.id,
            program: program.name,
            ends_on: ends,
            erase_after_months: rule,
            erase_on,
            people: people as usize,
            due,
            note,
        });
    }
    Ok(plan)
}

/// What an erasure run did.
#[derive(Debug, Clone, Serialize)]
pub struct ErasureReport {
    pub programs: Vec<String>,
    pub people: usize,
}

/// Erases the details of everyone in every program due on `today`, in one
/// transaction, then empties the write-ahead log.
pub fn run_erasure(store: &mut Store, today: NaiveDate) -> Result<ErasureReport> {
    let due: Vec<PlanEntry> = privacy_plan(store, today)?
        .into_iter()
        .filter(|e| e.due)
        .collect();
    if due.is_empty() {
        return Ok(ErasureReport {
            programs: Vec::new(),
            people: 0,
        });
    }
    // No backup first: a copy would keep what the retention period ends.
    let people = store.write(|tx| {
        let mut erased = 0;
        for entry in &due {
            erased += erase_program_people(tx, entry.program_id)?;
        }
        Ok(erased)
    })?;
    store.checkpoint()?;
    Ok(ErasureReport {
        programs: due.into_iter().map(|e| e.program).collect(),
        people,
    })
}

/// Removes every name, contact, answer and free text about the people of a
/// program; their role, places and pairs stay, so the figures do.
fn erase_program_people(tx: &Transaction<'_>, program_id: i64) -> Result<usize> {
    let now = now_timestamp();
    let of_program = "SELECT id FROM people WHERE program_id = ?1";
    let pairs = "SELECT id FROM matches WHERE program_id = ?1";
    let statements = [
        format!("DELETE FROM import_changes WHERE person_id IN ({of_program})"),
        // The trigger removes each raw row no other application shares.
        format!("DELETE FROM applications WHERE person_id IN ({of_program})"),
        format!("DELETE FROM waiting_list WHERE person_id IN ({of_program})"),
        "DELETE FROM pair_rules WHERE program_id = ?1".into(),
        "DELETE FROM program_settings WHERE program_id = ?1 AND key = 'letter_greetings'".into(),
        "UPDATE imports SET attention_json = '[]' WHERE program_id = ?1".into(),
        "UPDATE letters SET output = '' WHERE program_id = ?1".into(),
        // What computations said about people names them: only the figures stay.
        "UPDATE match_versions SET unmatched_json = (
             SELECT json_group_array(json_object('participant_id', json_extract(value, '$.participant_id'), 'reason', ''))
             FROM json_each(unmatched_json)) WHERE program_id = ?1".into(),
        "UPDATE matches SET breakdown_json = json_set(breakdown_json, '$.chips', json('[]'), '$.warnings', json('[]'))
         WHERE program_id = ?1 AND json_valid(breakdown_json)".into(),
        format!("UPDATE match_events SET detail = '' WHERE match_id IN ({pairs})"),
        format!("UPDATE goals SET title = 'Goal', description = '' WHERE match_id IN ({pairs})"),
        format!("UPDATE goal_updates SET note = '' WHERE goal_id IN (SELECT id FROM goals WHERE match_id IN ({pairs}))"),
        format!("UPDATE meetings SET topics = '', notes = '' WHERE match_id IN ({pairs})"),
        "UPDATE group_meetings SET topics = '', notes = '' WHERE group_id IN (SELECT id FROM match_groups WHERE program_id = ?1)".into(),
        "UPDATE match_groups SET reasons_json = '[]' WHERE program_id = ?1".into(),
        format!("UPDATE checkin_responses SET topics = '', note = '', goal_progress = '' WHERE match_id IN ({pairs})
                 OR group_id IN (SELECT id FROM match_groups WHERE program_id = ?1)"),
        "UPDATE evaluation_responses SET comments = '' WHERE program_id = ?1".into(),
    ];
    for sql in &statements {
        tx.execute(sql, [program_id])?;
    }
    Ok(tx.execute(
        "UPDATE people SET name = CASE role WHEN 'mentor' THEN 'Erased mentor ' ELSE 'Erased participant ' END || id,
             preferred_name = '', email = NULL, phone = '', library = '', position = '', city = '',
             region = '', requested_mentor = '', kickoff_attendance = '', goals = '', comments = '',
             submitted_at = NULL, lists_json = '{}', extra_json = '{}', flags_json = '[]',
             answers_json = '{}', eligibility_override = '', erased_at = ?2, updated_at = ?2
         WHERE program_id = ?1 AND erased_at IS NULL",
        params![program_id, now],
    )?)
}
