//! Applying another computer's changes. The rules are the same whatever
//! order files arrive in, so every computer ends with the same records:
//! - a record removed stays removed, whatever arrives about it later (an
//!   erased person is never brought back by a late change);
//! - a field keeps the value with the latest clock (last writer wins);
//! - two changes to one field whose authors had not seen each other are
//!   a conflict, listed on every computer with both values;
//! - records that only grow (meetings, notes, answers) are added, never merged;
//! - a change already applied is skipped (a file that arrives twice).

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};

use super::files::Change;
use crate::error::{Error, Result};
use crate::store::changes::{self, SHARED_TABLES};

/// Applies one change (all its records) inside the caller's transaction.
/// Returns false when it had been applied before.
pub fn change(tx: &Transaction<'_>, change: &Change, file_seq: i64) -> Result<bool> {
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM change_log WHERE uid = ?1)",
        [&change.uid],
        |r| r.get(0),
    )?;
    if known {
        return Ok(false);
    }
    changes::tick(tx, Some(&change.clock))?;
    if let Json::Array(rows) = &change.rows {
        for row in rows {
            record(tx, change, row)?;
        }
    }
    let seen = serde_json::to_string(&change.seen).unwrap_or_else(|_| "{}".into());
    tx.execute(
        "INSERT INTO change_log (uid, computer, computer_name, member, at, clock, what, seen_json, rows_json, file_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            change.uid,
            change.computer,
            change.computer_name,
            change.member,
            change.at,
            change.clock,
            change.what,
            seen,
            change.rows.to_string(),
            file_seq
        ],
    )?;
    Ok(true)
}

fn record(tx: &Transaction<'_>, change: &Change, row: &Json) -> Result<()> {
    let table = row["t"].as_str().unwrap_or_default();
    let Some(table) = SHARED_TABLES.iter().find(|t| **t == table) else {
        return Ok(()); // not a table this Matchbook shares: nothing to do
    };
    let Some(uid) = row["u"].as_str().filter(|u| super::files::is_uid(u)) else {
        return Ok(());
    };
    let uid = local_uid(tx, table, uid)?;
    let empty = Map::new();
    let values = row["c"].as_object().unwrap_or(&empty);
    match row["k"].as_str() {
        Some("d") => remove(tx, table, &uid, change),
        Some("i") => add(tx, table, &uid, values, change),
        Some("u") => update(tx, table, &uid, values, change),
        _ => Ok(()),
    }
}

/// A record made on two computers at once is known by the uid kept for it.
fn local_uid(tx: &Transaction<'_>, table: &str, uid: &str) -> Result<String> {
    let mut current = uid.to_string();
    for _ in 0..8 {
        let next: Option<String> = tx
            .query_row(
                "SELECT local_uid FROM share_aliases WHERE tbl = ?1 AND uid = ?2",
                [table, &current],
                |r| r.get(0),
            )
            .optional()?;
        match next {
            Some(next) if next != current => current = next,
            _ => break,
        }
    }
    Ok(current)
}

/// Gives the record known here as `from` the uid `to` (the same record,
/// made on two computers), with its clocks and conflicts.
fn rename(tx: &Transaction<'_>, table: &str, from: &str, to: &str) -> Result<()> {
    if from != to {
        tx.execute(
            &format!("UPDATE main.{table} SET uid = ?2 WHERE uid = ?1"),
            [from, to],
        )?;
        for bookkeeping in ["share_records", "share_fields", "share_conflicts"] {
            tx.execute(
                &format!("UPDATE OR IGNORE {bookkeeping} SET uid = ?3 WHERE tbl = ?1 AND uid = ?2"),
                [table, from, to],
            )?;
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO share_aliases (tbl, uid, local_uid) VALUES (?1, ?2, ?3)",
        params![table, from, to],
    )?;
    Ok(())
}

fn removed(tx: &Transaction<'_>, table: &str, uid: &str) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM share_records WHERE tbl = ?1 AND uid = ?2 AND deleted = 1)",
        [table, uid],
        |r| r.get(0),
    )?)
}

fn rowid(tx: &Transaction<'_>, table: &str, uid: &str) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            &format!("SELECT rowid FROM main.{table} WHERE uid = ?1"),
            [uid],
            |r| r.get(0),
        )
        .optional()?)
}

fn remove(tx: &Transaction<'_>, table: &str, uid: &str, change: &Change) -> Result<()> {
    tx.execute(&format!("DELETE FROM main.{table} WHERE uid = ?1"), [uid])?;
    tx.execute(
        "INSERT INTO share_records (tbl, uid, clock, change, deleted) VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT (tbl, uid) DO UPDATE SET deleted = 1",
        params![table, uid, change.clock, change.uid],
    )?;
    Ok(())
}

fn add(
    tx: &Transaction<'_>,
    table: &str,
    uid: &str,
    values: &Map<String, Json>,
    change: &Change,
) -> Result<()> {
    if removed(tx, table, uid)? {
        return Ok(());
    }
    if rowid(tx, table, uid)?.is_some() {
        return update(tx, table, uid, values, change);
    }
    let Some(local) = to_local(tx, table, values)? else {
        return Ok(()); // it names a record removed here: it goes with it
    };
    let names: Vec<&String> = local.iter().map(|(c, _)| c).collect();
    let columns = names
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = (1..=names.len() + 1)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut args: Vec<rusqlite::types::Value> = local.iter().map(|(_, v)| v.clone()).collect();
    args.push(uid.to_string().into());
    let sql = format!("INSERT INTO main.{table} ({columns}, uid) VALUES ({marks})");
    match tx.execute(&sql, rusqlite::params_from_iter(args.iter())) {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
        {
            // The same question, setting or name was made on two computers at
            // once: one record, known everywhere by the smaller uid.
            let Some(existing) = same_record(tx, table, &local)? else {
                return Ok(());
            };
            let (keep, drop) = if uid < existing.as_str() {
                (uid.to_string(), existing)
            } else {
                (existing, uid.to_string())
            };
            rename(tx, table, &drop, &keep)?;
            return update(tx, table, &keep, values, change);
        }
        Err(e) => return Err(e.into()),
    }
    tx.execute(
        "INSERT INTO share_records (tbl, uid, clock, change) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (tbl, uid) DO NOTHING",
        params![table, uid, change.clock, change.uid],
    )?;
    Ok(())
}

/// The record here that a unique rule says is the same as `values`.
fn same_record(
    tx: &Transaction<'_>,
    table: &str,
    values: &[(String, rusqlite::types::Value)],
) -> Result<Option<String>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT name FROM pragma_index_list('{table}') WHERE \"unique\" = 1 AND name NOT LIKE '%_by_uid'"
    ))?;
    let indexes: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for index in indexes {
        let mut stmt = tx.prepare("SELECT name FROM pragma_index_info(?1)")?;
        let cols: Vec<String> = stmt
            .query_map([&index], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let picked: Option<Vec<&rusqlite::types::Value>> = cols
            .iter()
            .map(|c| values.iter().find(|(n, _)| n == c).map(|(_, v)| v))
            .collect();
        let Some(picked) = picked else { continue };
        let filter = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\"{c}\" IS ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let found: Option<Option<String>> = tx
            .query_row(
                &format!("SELECT uid FROM main.{table} WHERE {filter}"),
                rusqlite::params_from_iter(picked),
                |r| r.get(0),
            )
            .optional()?;
        if let Some(found) = found {
            let rid: Option<i64> = tx
                .query_row(
                    &format!("SELECT rowid FROM main.{table} WHERE {filter}"),
                    rusqlite::params_from_iter(
                        cols.iter()
                            .map(|c| values.iter().find(|(n, _)| n == c).map(|(_, v)| v)),
                    ),
                    |r| r.get(0),
                )
                .optional()?;
            return Ok(match (found, rid) {
                (Some(uid), _) => Some(uid),
                (None, Some(rid)) => Some(changes::ensure_uid(tx, table, rid)?),
                _ => None,
            });
        }
    }
    Ok(None)
}

fn update(
    tx: &Transaction<'_>,
    table: &str,
    uid: &str,
    values: &Map<String, Json>,
    change: &Change,
) -> Result<()> {
    if removed(tx, table, uid)? {
        return Ok(());
    }
    let Some(rid) = rowid(tx, table, uid)? else {
        return Ok(());
    };
    let Some(local) = to_local(tx, table, values)? else {
        return Ok(());
    };
    let current = changes::read_row(tx, table, rid)?.unwrap_or_default();
    for (col, value) in local {
        // The field's "heads": the value in use and every conflicting value
        // not yet seen by a later change. Whatever order changes arrive in,
        // the heads are the same, and the value in use is the latest head.
        super::conflicts::settled_by(tx, table, uid, &col, change)?;
        let (clock, writer) = field_writer(tx, table, uid, &col)?;
        let incoming = values.get(&col).cloned().unwrap_or(Json::Null);
        let here = current.get(&col).cloned().unwrap_or(Json::Null);
        // A time stamp of the last edit is bookkeeping, not a choice to settle.
        let concurrent = col != "updated_at"
            && !writer.is_empty()
            && !super::conflicts::saw(tx, change, &writer)?;
        if (change.clock.as_str(), change.uid.as_str()) > (clock.as_str(), writer.as_str()) {
            tx.execute(
                &format!("UPDATE main.{table} SET \"{col}\" = ?1 WHERE rowid = ?2"),
                params![value, rid],
            )?;
            tx.execute(
                "INSERT INTO share_fields (tbl, uid, col, clock, change) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (tbl, uid, col) DO UPDATE SET clock = ?4, change = ?5",
                params![table, uid, col, change.clock, change.uid],
            )?;
            if concurrent {
                super::conflicts::note(
                    tx,
                    table,
                    uid,
                    &col,
                    (&incoming, &change.uid),
                    (&here, &writer),
                )?;
            }
        } else if concurrent {
            super::conflicts::note(
                tx,
                table,
                uid,
                &col,
                (&here, &writer),
                (&incoming, &change.uid),
            )?;
        }
    }
    Ok(())
}

/// The clock and change that last set a field (or made its record).
fn field_writer(
    tx: &Transaction<'_>,
    table: &str,
    uid: &str,
    col: &str,
) -> Result<(String, String)> {
    let field = tx
        .query_row(
            "SELECT clock, change FROM share_fields WHERE tbl = ?1 AND uid = ?2 AND col = ?3",
            [table, uid, col],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some(found) = field {
        return Ok(found);
    }
    Ok(tx
        .query_row(
            "SELECT clock, change FROM share_records WHERE tbl = ?1 AND uid = ?2",
            [table, uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default())
}

/// Values with "@uid" references turned into this computer's ids; None when
/// a referenced record is gone (removed here, or never arrived).
fn to_local(
    tx: &Transaction<'_>,
    table: &str,
    values: &Map<String, Json>,
) -> Result<Option<Vec<(String, rusqlite::types::Value)>>> {
    use rusqlite::types::Value;
    let columns = changes::column_names(tx, table)?;
    let refs = changes::references(tx, table)?;
    let mut out = Vec::new();
    for (col, value) in values {
        if col == "id" || col == "uid" || !columns.contains(col) {
            continue;
        }
        let local = match (value, refs.get(col)) {
            (Json::String(s), Some(target)) => {
                let Some(id) = referenced_id(tx, target, s)? else {
                    return Ok(None);
                };
                Value::Integer(id)
            }
            (Json::Null, _) => Value::Null,
            (Json::Bool(b), _) => Value::Integer(i64::from(*b)),
            (Json::Number(n), _) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Real(n.as_f64().unwrap_or(0.0)),
            },
            (Json::String(s), None) => Value::Text(local_embedded(tx, table, col, s)?),
            (other, _) => Value::Text(other.to_string()),
        };
        out.push((col.clone(), local));
    }
    Ok(Some(out))
}

fn referenced_id(tx: &Transaction<'_>, target: &str, reference: &str) -> Result<Option<i64>> {
    let Some(uid) = reference.strip_prefix('@') else {
        return Err(Error::Invalid(
            "a change names a record in a way Matchbook cannot read".into(),
        ));
    };
    let uid = local_uid(tx, target, uid)?;
    rowid(tx, target, &uid)
}

/// Ids inside JSON text, sent as "@uid", back to this computer's ids.
fn local_embedded(tx: &Transaction<'_>, table: &str, col: &str, text: &str) -> Result<String> {
    let Some((_, _, key, target)) = changes::EMBEDDED_IDS
        .iter()
        .find(|(t, c, _, _)| *t == table && *c == col)
    else {
        return Ok(text.to_string());
    };
    let Ok(mut value) = serde_json::from_str::<Json>(text) else {
        return Ok(text.to_string());
    };
    let mut failed = None;
    changes::walk_key(&mut value, key, &mut |v| {
        if let Some(reference) = v.as_str().map(str::to_string) {
            match referenced_id(tx, target, &reference) {
                Ok(Some(id)) => *v = Json::from(id),
                Ok(None) => *v = Json::Null,
                Err(e) => failed = Some(e),
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(value.to_string()),
    }
}
