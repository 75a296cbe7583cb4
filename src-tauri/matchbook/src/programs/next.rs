//! Next year's program made from this one: the same settings (months,
//! check-ins, kickoff event, contact, survey link), the questions of its
//! forms with the committee's criteria and weights on them (so next year's
//! forms, imported, are recognised by their wording and scored alike), the
//! letter and email texts, the booklet and the form kit's edits. People and
//! matches stay behind, except, when asked, the participants still waiting
//! for a mentor: they come along flagged "Waiting since <program>".

use std::collections::HashMap;

use rusqlite::{params, Transaction};
use serde::Serialize;

use super::{get_program, insert_program, Program, ProgramInput};
use crate::error::Result;
use crate::store::Store;
use crate::time::now_timestamp;

/// Settings that are about this year's people, not the program: corrected
/// greetings name people; the drafts folder holds this year's drafts.
const NOT_CARRIED: [&str; 2] = ["letter_greetings", "drafts_folder"];

/// What "New program from this one" carried over.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramFrom {
    pub program: Program,
    pub from: String,
    /// The settings carried (weights, letter and email texts, form kit…), by key.
    pub settings: Vec<String>,
    pub questions: usize,
    pub criteria: usize,
    /// Participants carried from the waiting list.
    pub waiting: usize,
}

/// Makes the program `name` (kickoff `kickoff`, `YYYY-MM-DD` or empty) from
/// program `from_id`, in one transaction; with `carry_waiting`, its waiting
/// participants come along and are matched first there.
pub fn create_program_from(
    store: &mut Store,
    from_id: i64,
    name: &str,
    kickoff: &str,
    carry_waiting: bool,
) -> Result<ProgramFrom> {
    let from = get_program(store, from_id)?;
    let input = ProgramInput {
        name: name.to_string(),
        organization: from.organization.clone(),
        kickoff_date: kickoff.to_string(),
        kickoff_event: from.kickoff_event.clone(),
        kickoff_place: from.kickoff_place.clone(),
        relationship_months: from.relationship_months,
        cadence_months: from.cadence_months,
        contact_name: from.contact_name.clone(),
        contact_email: from.contact_email.clone(),
        survey_link: from.survey_link.clone(),
        shape: from.shape,
        group_min: from.group_min,
        group_max: from.group_max,
        keep_libraries_apart: from.keep_libraries_apart,
    };
    let (id, settings, questions, criteria, waiting) = store.write(|tx| {
        let id = insert_program(tx, &input)?;
        let settings = copy_settings(tx, from_id, id)?;
        let question_ids = copy_questions(tx, from_id, id)?;
        let criteria = copy_criteria(tx, from_id, id, &question_ids)?;
        let waiting = if carry_waiting {
            carry_waiting_list(tx, &from, id)?
        } else {
            0
        };
        Ok((id, settings, question_ids.len(), criteria, waiting))
    })?;
    Ok(ProgramFrom {
        program: get_program(store, id)?,
        from: from.name,
        settings,
        questions,
        criteria,
        waiting,
    })
}

fn copy_settings(tx: &Transaction<'_>, from: i64, to: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT key, value_json FROM program_settings WHERE program_id = ?1 ORDER BY key",
    )?;
    let rows = stmt
        .query_map([from], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let now = now_timestamp();
    let mut keys = Vec::new();
    for (key, value) in rows {
        if NOT_CARRIED.contains(&key.as_str()) {
            continue;
        }
        tx.execute(
            "INSERT INTO program_settings (program_id, key, value_json, updated_at) VALUES (?1, ?2, ?3, ?4)",
            params![to, key, value, now],
        )?;
        keys.push(key);
    }
    Ok(keys)
}

/// The forms' questions, by wording: old id → new id.
fn copy_questions(tx: &Transaction<'_>, from: i64, to: i64) -> Result<HashMap<i64, i64>> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM questions WHERE program_id = ?1 ORDER BY id")?
        .query_map([from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let columns = columns_but(
        tx,
        "questions",
        &["id", "program_id", "import_id", "updated_at"],
    )?;
    let sql = format!(
        "INSERT INTO questions (program_id, updated_at, {columns})
         SELECT ?1, ?2, {columns} FROM questions WHERE id = ?3"
    );
    let now = now_timestamp();
    let mut map = HashMap::new();
    for old in ids {
        tx.execute(&sql, params![to, now, old])?;
        map.insert(old, tx.last_insert_rowid());
    }
    Ok(map)
}

fn copy_criteria(
    tx: &Transaction<'_>,
    from: i64,
    to: i64,
    questions: &HashMap<i64, i64>,
) -> Result<usize> {
    let columns = columns_but(
        tx,
        "criteria",
        &[
            "id",
            "program_id",
            "participant_question_id",
            "mentor_question_id",
            "gate_question_id",
            "created_at",
        ],
    )?;
    let rows: Vec<(i64, i64, i64, Option<i64>)> = tx
        .prepare(
            "SELECT id, participant_question_id, mentor_question_id, gate_question_id
             FROM criteria WHERE program_id = ?1 ORDER BY id",
        )?
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let sql = format!(
        "INSERT INTO criteria (program_id, participant_question_id, mentor_question_id,
             gate_question_id, created_at, {columns})
         SELECT ?1, ?2, ?3, ?4, ?5, {columns} FROM criteria WHERE id = ?6"
    );
    let now = now_timestamp();
    let mut copied = 0;
    for (id, p, m, gate) in rows {
        let (Some(p), Some(m)) = (questions.get(&p), questions.get(&m)) else {
            continue;
        };
        let gate = gate.and_then(|g| questions.get(&g).copied());
        tx.execute(&sql, params![to, p, m, gate, now, id])?;
        copied += 1;
    }
    Ok(copied)
}

/// Copies each waiting participant (application, answers and raw rows) into
/// program `to`, on its waiting list since the program they first waited in.
fn carry_waiting_list(tx: &Transaction<'_>, from: &Program, to: i64) -> Result<usize> {
    let waiting: Vec<(i64, String, String)> = tx
        .prepare(
            "SELECT person_id, reason, since_program FROM waiting_list
             WHERE program_id = ?1 ORDER BY person_id",
        )?
        .query_map([from.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let people = columns_but(
        tx,
        "people",
        &["id", "program_id", "created_at", "updated_at"],
    )?;
    let copy_person = format!(
        "INSERT INTO people (program_id, created_at, updated_at, {people})
         SELECT ?1, ?2, ?2, {people} FROM people WHERE id = ?3"
    );
    let now = now_timestamp();
    for (person, reason, since) in &waiting {
        tx.execute(&copy_person, params![to, now, person])?;
        let new_id = tx.last_insert_rowid();
        // The application rows point at the same raw rows: one copy of the text.
        tx.execute(
            "INSERT INTO applications (person_id, import_id, source_file, sheet, row_number, raw_id, received_at)
             SELECT ?1, NULL, source_file, sheet, row_number, raw_id, received_at
             FROM applications WHERE person_id = ?2",
            params![new_id, person],
        )?;
        let since = if since.is_empty() { &from.name } else { since };
        tx.execute(
            "INSERT INTO waiting_list (person_id, program_id, reason, detail, since_program, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                new_id,
                to,
                reason,
                format!("Carried from {}: {reason}", from.name),
                since,
                now
            ],
        )?;
    }
    Ok(waiting.len())
}

/// A table's columns but `except`, comma-separated: a copy keeps columns
/// added by later migrations without naming them.
fn columns_but(tx: &Transaction<'_>, table: &str, except: &[&str]) -> Result<String> {
    let names: Vec<String> = tx
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names
        .into_iter()
        .filter(|n| !except.contains(&n.as_str()))
        .collect::<Vec<_>>()
        .join(", "))
}
