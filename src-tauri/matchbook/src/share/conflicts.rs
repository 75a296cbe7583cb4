//! Two members changed one field without seeing each other's change: the
//! later clock's value is in use everywhere, and both values are listed on
//! every computer until someone keeps one (or edits the field again).

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value as Json;

use super::files::Change;
use crate::error::{Error, Result};
use crate::Store;

#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub id: i64,
    /// "Criterion Region: weight".
    pub what: String,
    pub table: String,
    pub field: String,
    /// The value in use now, and who set it.
    pub kept: String,
    pub kept_by: String,
    /// The value that lost, and who set it.
    pub other: String,
    pub other_by: String,
}

pub(super) fn note(
    tx: &Transaction<'_>,
    table: &str,
    uid: &str,
    col: &str,
    kept: (&Json, &str),
    lost: (&Json, &str),
) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO share_conflicts (tbl, uid, col, kept_json, kept_change, lost_json, lost_change)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![table, uid, col, kept.0.to_string(), kept.1, lost.0.to_string(), lost.1],
    )?;
    Ok(())
}

/// A change that saw a conflict's losing value settles it.
pub(super) fn settled_by(
    tx: &Transaction<'_>,
    table: &str,
    uid: &str,
    col: &str,
    change: &Change,
) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT id, lost_change FROM share_conflicts
         WHERE tbl = ?1 AND uid = ?2 AND col = ?3 AND resolved_at IS NULL",
    )?;
    let open: Vec<(i64, String)> = stmt
        .query_map([table, uid, col], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, lost) in open {
        if saw(tx, change, &lost)? {
            tx.execute(
                "UPDATE share_conflicts SET resolved_at = ?2 WHERE id = ?1",
                params![id, change.clock],
            )?;
        }
    }
    Ok(())
}

/// Whether `change`'s author had applied the change `other` when making it.
pub(super) fn saw(tx: &Transaction<'_>, change: &Change, other: &str) -> Result<bool> {
    let found: Option<(String, Option<i64>)> = tx
        .query_row(
            "SELECT computer, file_seq FROM change_log WHERE uid = ?1",
            [other],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match found {
        None => true, // made before the file was shared: everyone started from it
        Some((computer, _)) if computer == change.computer => true,
        Some((computer, Some(seq))) => change.seen.get(&computer).is_some_and(|s| *s >= seq),
        Some((_, None)) => false, // made here and not yet published
    })
}

/// The open conflicts, oldest first.
pub fn list(store: &Store) -> Result<Vec<Conflict>> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT c.id, c.tbl, c.uid, c.col, c.lost_json, c.lost_change, c.kept_change
         FROM share_conflicts c WHERE c.resolved_at IS NULL ORDER BY c.id",
    )?;
    let rows: Vec<(i64, String, String, String, String, String, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, table, uid, col, lost, lost_change, kept_change) in rows {
        let current: Option<rusqlite::types::Value> = conn
            .query_row(
                &format!("SELECT \"{col}\" FROM main.{table} WHERE uid = ?1"),
                [&uid],
                |r| r.get(0),
            )
            .optional()
            .unwrap_or(None);
        let Some(current) = current else { continue };
        let lost_value = show(&serde_json::from_str(&lost).unwrap_or(Json::Null));
        if lost_value == show_value(&current) {
            continue; // both members chose the same value
        }
        let writer: String = conn
            .query_row(
                "SELECT change FROM share_fields WHERE tbl = ?1 AND uid = ?2 AND col = ?3",
                [&table, &uid, &col],
                |r| r.get(0),
            )
            .unwrap_or(kept_change);
        out.push(Conflict {
            id,
            what: format!(
                "{}: {}",
                record_label(store, &table, &uid),
                col.replace('_', " ")
            ),
            table: table.clone(),
            field: col,
            kept: show_value(&current),
            kept_by: author_of(store, &writer),
            other: lost_value,
            other_by: author_of(store, &lost_change),
        });
    }
    Ok(out)
}

fn show_value(value: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match value {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(_) => String::new(),
    }
}

fn show(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn author_of(store: &Store, change: &str) -> String {
    store
        .conn()
        .query_row(
            "SELECT member || ' on ' || computer_name FROM change_log WHERE uid = ?1",
            [change],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| "someone".into())
}

/// "Criterion Region", "Person Ana Ruiz", "Program MILE 2026".
fn record_label(store: &Store, table: &str, uid: &str) -> String {
    let (noun, column) = match table {
        "programs" => ("Program", "name"),
        "people" => ("Person", "name"),
        "criteria" => ("Criterion", "label"),
        "questions" => ("Question", "text"),
        "goals" => ("Goal", "title"),
        "program_settings" => ("Program setting", "key"),
        _ => ("Record", "uid"),
    };
    let name: String = store
        .conn()
        .query_row(
            &format!("SELECT CAST(\"{column}\" AS TEXT) FROM main.{table} WHERE uid = ?1"),
            [uid],
            |r| r.get(0),
        )
        .unwrap_or_default();
    format!("{noun} {name}").trim().to_string()
}

/// Keeps one of a conflict's two values: written as a new change of this
/// member's, so every computer settles it the same way.
pub fn resolve(store: &mut Store, id: i64, keep: &str) -> Result<Conflict> {
    let conflict = list(store)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "There is no open conflict {id}; `matchbook conflicts list` shows them."
            ))
        })?;
    if keep != conflict.kept && keep != conflict.other {
        return Err(Error::Invalid(format!(
            "Conflict {id} is between \"{}\" and \"{}\"; keep one of those two.",
            conflict.kept, conflict.other
        )));
    }
    let uid: String =
        store
            .conn()
            .query_row("SELECT uid FROM share_conflicts WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
    let (table, field) = (conflict.table.clone(), conflict.field.clone());
    let numeric = keep.parse::<f64>().is_ok()
        && store
            .conn()
            .query_row(
                &format!("SELECT typeof(\"{field}\") IN ('integer', 'real') FROM main.{table} WHERE uid = ?1"),
                [&uid],
                |r| r.get::<_, bool>(0),
            )
            .unwrap_or(false);
    store.write(|tx| {
        // Sent even when the value kept is the one in use: the change itself
        // tells the other computers the conflict is settled.
        tx.execute(
            &format!(
                "INSERT INTO temp.touched SELECT '{table}', rowid, 'u', uid, json_array('{field}')
                 FROM main.{table} WHERE uid = ?1"
            ),
            [&uid],
        )?;
        if numeric {
            let value: f64 = keep.parse().unwrap_or_default();
            if value.fract() == 0.0 {
                tx.execute(
                    &format!("UPDATE main.{table} SET \"{field}\" = ?1 WHERE uid = ?2"),
                    params![value as i64, uid],
                )?;
            } else {
                tx.execute(
                    &format!("UPDATE main.{table} SET \"{field}\" = ?1 WHERE uid = ?2"),
                    params![value, uid],
                )?;
            }
        } else {
            tx.execute(
                &format!("UPDATE main.{table} SET \"{field}\" = ?1 WHERE uid = ?2"),
                params![keep, uid],
            )?;
        }
        tx.execute(
            "UPDATE share_conflicts SET resolved_at = datetime('now') WHERE id = ?1",
            [id],
        )?;
        Ok(())
    })?;
    Ok(conflict)
}
