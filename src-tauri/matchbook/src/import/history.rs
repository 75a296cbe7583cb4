//! The history of imports, and undoing one: people it added are removed,
//! people it changed get their earlier answers back, and the column choices
//! go back to what was remembered before.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::{Attention, ImportAs};
use crate::error::{Error, Result};
use crate::people::{update_person, Application};
use crate::store::Store;
use crate::time::now_timestamp;

/// One past import, for the history list.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub program_id: i64,
    pub program: String,
    /// Whose applications: mentors, participants, or both (a column said who is who).
    pub role: ImportAs,
    pub file_name: String,
    pub sheet: String,
    pub imported_at: String,
    pub imported_by: String,
    pub rows: i64,
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub blank: i64,
    pub attention: Vec<Attention>,
    pub undone_at: Option<String>,
    /// "applications", "check_ins", "evaluations" or "choices" (ranked
    /// choices of mentors or participants; see migration 013 for why it is
    /// read from `kind_name`).
    pub kind: String,
    /// What the file held, in words ("Check-in responses").
    pub kind_label: &'static str,
}

/// Past imports, newest first; of one program when given.
pub fn list_imports(store: &Store, program_id: Option<i64>) -> Result<Vec<ImportRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT i.id, i.program_id, p.name, i.role, i.file_name, i.sheet, i.imported_at, i.imported_by,
                i.rows_total, i.added, i.updated, i.unchanged, i.blank, i.attention_json, i.undone_at,
                i.roles_json IS NOT NULL, coalesce(i.kind_name, i.kind)
         FROM imports i JOIN programs p ON p.id = i.program_id
         WHERE ?1 IS NULL OR i.program_id = ?1
         ORDER BY i.id DESC",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        let role: String = r.get(3)?;
        let attention: String = r.get(13)?;
        Ok(ImportRecord {
            id: r.get(0)?,
            program_id: r.get(1)?,
            program: r.get(2)?,
            role: if r.get::<_, bool>(15)? {
                ImportAs::Both
            } else if role == "mentor" {
                ImportAs::Mentor
            } else {
                ImportAs::Participant
            },
            file_name: r.get(4)?,
            sheet: r.get(5)?,
            imported_at: r.get(6)?,
            imported_by: r.get(7)?,
            rows: r.get(8)?,
            added: r.get(9)?,
            updated: r.get(10)?,
            unchanged: r.get(11)?,
            blank: r.get(12)?,
            attention: serde_json::from_str(&attention).unwrap_or_default(),
            undone_at: r.get(14)?,
            kind_label: kind_label(&r.get::<_, String>(16)?),
            kind: r.get(16)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// What undoing an import did.
#[derive(Debug, Clone, Serialize)]
pub struct UndoReport {
    pub import_id: i64,
    pub removed: usize,
    pub restored: usize,
}

/// Takes an import back: people it added are removed, people it changed get
/// their earlier answers back, questions it found first are forgotten.
/// Later imports of the same program and role must be undone first.
pub fn undo_import(store: &mut Store, import_id: i64) -> Result<UndoReport> {
    let record = list_imports(store, None)?
        .into_iter()
        .find(|r| r.id == import_id)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "There is no import number {import_id} in this file; `matchbook imports list` \
                 shows them."
            ))
        })?;
    if record.kind != "applications" {
        return undo_responses(store, &record);
    }
    check_undoable(store, &record)?;
    store.backup("before undoing an import")?;
    store.write(|tx| {
        let (removed, restored) = take_back_people(tx, import_id)?;
        tx.execute("DELETE FROM applications WHERE import_id = ?1", [import_id])?;
        // A question the committee built a criterion on stays (with its
        // criterion); it simply has no answers until the form comes back.
        tx.execute(
            "DELETE FROM questions WHERE import_id = ?1 AND id NOT IN (
                 SELECT participant_question_id FROM criteria UNION SELECT mentor_question_id FROM criteria)",
            [import_id],
        )?;
        restore_mapping(tx, import_id)?;
        tx.execute(
            "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
            params![import_id, now_timestamp()],
        )?;
        Ok(UndoReport {
            import_id,
            removed,
            restored,
        })
    })
}

fn refuse_if_undone(record: &ImportRecord) -> Result<()> {
    match record.undone_at {
        Some(_) => Err(Error::Invalid(format!(
            "Import {} ({}) was already undone.",
            record.id, record.file_name
        ))),
        None => Ok(()),
    }
}

/// Takes back an import of check-in or evaluation responses, or of ranked
/// choices: its rows go (an earlier answer or choice they replaced counts
/// again); people are untouched.
fn undo_responses(store: &mut Store, record: &ImportRecord) -> Result<UndoReport> {
    let import_id = record.id;
    refuse_if_undone(record)?;
    store.backup("before undoing an import")?;
    store.write(|tx| {
        let removed = tx.execute(
            "DELETE FROM checkin_responses WHERE import_id = ?1",
            [import_id],
        )? + tx.execute(
            "DELETE FROM evaluation_responses WHERE import_id = ?1",
            [import_id],
        )? + tx.execute("DELETE FROM choices WHERE import_id = ?1", [import_id])?;
        tx.execute(
            "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
            params![import_id, now_timestamp()],
        )?;
        Ok(UndoReport {
            import_id,
            removed,
            restored: 0,
        })
    })
}

/// Refuses an import already undone, one with a later import after it, or
/// one that added someone now in a confirmed match.
fn check_undoable(store: &Store, record: &ImportRecord) -> Result<()> {
    let import_id = record.id;
    refuse_if_undone(record)?;
    let later: Option<(i64, String)> = store
        .conn()
        .query_row(
            "SELECT id, file_name FROM imports
             WHERE program_id = ?1 AND id > ?3 AND undone_at IS NULL
               AND kind = 'applications' AND (?4 OR role = ?2 OR roles_json IS NOT NULL)
             ORDER BY id LIMIT 1",
            params![
                record.program_id,
                record.role.as_str(),
                import_id,
                record.role == ImportAs::Both
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((later_id, later_file)) = later {
        return Err(Error::Invalid(format!(
            "Import {later_id} ({later_file}) came after this one and may have changed the same people; undo it first."
        )));
    }
    // People in confirmed matches carry the relationship's history; removing
    // them would take their meetings and goals along.
    let matched: Option<String> = store
        .conn()
        .query_row(
            "SELECT p.name FROM import_changes c JOIN people p ON p.id = c.person_id
             WHERE c.import_id = ?1 AND c.action = 'added' AND EXISTS (
                 SELECT 1 FROM matches x WHERE (x.participant_id = p.id OR x.mentor_id = p.id)
                   AND x.status IN ('confirmed', 'ended', 'completed'))
             LIMIT 1",
            [import_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(name) = matched {
        return Err(Error::Invalid(format!(
            "Import {import_id} ({}) cannot be undone: {name}, whom it added, is already in a confirmed match. Remove people one by one instead.",
            record.file_name
        )));
    }
    Ok(())
}

/// Removes the people the import added and restores the ones it changed;
/// returns how many of each.
fn take_back_people(tx: &Transaction<'_>, import_id: i64) -> Result<(usize, usize)> {
    let changes: Vec<(i64, String, Option<String>)> = {
        let mut stmt = tx.prepare(
            "SELECT person_id, action, before_json FROM import_changes WHERE import_id = ?1",
        )?;
        let rows = stmt.query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut removed = 0;
    let mut restored = 0;
    for (person_id, action, before) in changes {
        if action == "added" {
            removed += tx.execute("DELETE FROM people WHERE id = ?1", [person_id])?;
        } else {
            let before: serde_json::Value = before
                .and_then(|b| serde_json::from_str(&b).ok())
                .unwrap_or_default();
            let app: Application =
                serde_json::from_value(before["application"].clone()).map_err(|e| {
                    Error::Invalid(format!(
                        "The earlier answers of person {person_id} could not be read back ({e}); \
                         nothing was undone."
                    ))
                })?;
            let flags: Vec<String> =
                serde_json::from_value(before["flags"].clone()).unwrap_or_default();
            update_person(tx, person_id, &app, &flags)?;
            restored += 1;
        }
    }
    Ok((removed, restored))
}

/// The column mapping goes back to what was remembered before this import.
fn restore_mapping(tx: &Transaction<'_>, import_id: i64) -> Result<()> {
    let (signature, previous): (String, Option<String>) = tx.query_row(
        "SELECT header_signature, previous_mapping_json FROM imports WHERE id = ?1",
        [import_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match previous {
        Some(previous) => tx.execute(
            "UPDATE header_mappings SET mapping_json = ?2, updated_at = ?3 WHERE header_signature = ?1",
            params![signature, previous, now_timestamp()],
        )?,
        None => tx.execute(
            "DELETE FROM header_mappings WHERE header_signature = ?1",
            [signature],
        )?,
    };
    Ok(())
}

/// What an import of this kind (the `imports.kind` column) brought, for the
/// committee: the one place these words live (surveys' kinds read them here).
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "check_ins" => "Check-in responses",
        "evaluations" => "Evaluation responses",
        "choices" => "Ranked choices",
        _ => "Applications",
    }
}
