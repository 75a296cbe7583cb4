//! Removed records leave no copy behind. A removal (an erased person, an
//! undone import) wins over every change about the record, so the data the
//! earlier changes carried is no longer needed anywhere: each computer
//! blanks it in its own change log and rewrites its *own* change files
//! without it (each file still has one writer, so no "conflicted copy"),
//! then empties its write-ahead log.

use std::collections::HashSet;

use rusqlite::params;
use serde_json::Value as Json;

use super::files::{self, Change, Header};
use super::Sharing;
use crate::error::Result;
use crate::Store;

const SCRUBBED_KEY: &str = "share.removals_scrubbed";

/// Blanks removed records in the change log and this computer's files;
/// does nothing when no record was removed since the last time.
pub fn scrub(store: &mut Store, me: &Sharing) -> Result<bool> {
    let removals: String = store.conn().query_row(
        "SELECT (SELECT count(*) FROM share_records WHERE deleted = 1) || '/' ||
                (SELECT count(*) FROM people WHERE erased_at IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    let done: String = store
        .conn()
        .query_row(
            "SELECT value FROM file_settings WHERE key = ?1",
            [SCRUBBED_KEY],
            |r| r.get::<_, String>(0),
        )
        .unwrap_or_default();
    if removals == done {
        return Ok(false);
    }
    let removed: HashSet<(String, String)> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT tbl, uid FROM share_records WHERE deleted = 1")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut rewritten_files = Vec::new();
    store.write_applying(|tx| {
        let mut stmt = tx.prepare(
            "SELECT seq, rows_json, computer, file_seq FROM change_log WHERE rows_json IS NOT NULL",
        )?;
        let logged: Vec<(i64, String, String, Option<i64>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let overwrites = erasing_changes(&logged);
        let mut gone = removed.clone();
        gone.extend(overwrites.keys().filter(|(t, _)| t == "people").cloned());
        let words = erased_words(&logged, &gone);
        for (seq, rows_json, computer, file_seq) in logged {
            let Ok(Json::Array(mut rows)) = serde_json::from_str::<Json>(&rows_json) else {
                continue;
            };
            let mut changed = false;
            for row in rows.iter_mut() {
                // A removed person's name or email written elsewhere (a
                // greeting, a note) goes too.
                let key = (
                    row["t"].as_str().unwrap_or_default().to_string(),
                    row["u"].as_str().unwrap_or_default().to_string(),
                );
                // An erasure that blanked fields (retention) overwrites their
                // earlier values too.
                if let (Some((until, fields)), Some(Json::Object(values))) =
                    (overwrites.get(&key), row.get_mut("c"))
                {
                    if seq < *until {
                        for (col, value) in fields {
                            if values.get(col).is_some_and(|v| v != value) {
                                values.insert(col.clone(), value.clone());
                                changed = true;
                            }
                        }
                    }
                }
                if let Some(values) = row.get_mut("c") {
                    changed |= blank_words(values, &words);
                }
                if row["k"] != "d" && row["k"] != "x" && removed.contains(&key) {
                    *row = serde_json::json!({"t": key.0, "u": key.1, "k": "x"});
                    changed = true;
                }
            }
            if changed {
                tx.execute(
                    "UPDATE change_log SET rows_json = ?1 WHERE seq = ?2",
                    params![Json::Array(rows).to_string(), seq],
                )?;
                if computer == me.computer {
                    if let Some(f) = file_seq {
                        rewritten_files.push(f);
                    }
                }
            }
        }
        // Conflicts about a removed record go with it (they may hold its values).
        tx.execute(
            "DELETE FROM share_conflicts WHERE EXISTS (SELECT 1 FROM share_records r
             WHERE r.deleted = 1 AND r.tbl = share_conflicts.tbl AND r.uid = share_conflicts.uid)",
            [],
        )?;
        tx.execute(
            "INSERT INTO file_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![SCRUBBED_KEY, removals],
        )?;
        Ok(())
    })?;
    receipts(store, me)?;
    rewritten_files.sort_unstable();
    rewritten_files.dedup();
    for seq in rewritten_files {
        rewrite(store, me, seq)?;
    }
    store.checkpoint()?;
    Ok(true)
}

/// Writes this computer's change file `seq` again from its (blanked) log.
fn rewrite(store: &Store, me: &Sharing, seq: i64) -> Result<()> {
    let mut stmt = store.conn().prepare(
        "SELECT uid, computer, computer_name, member, at, clock, what, seen_json, rows_json
         FROM change_log WHERE computer = ?1 AND file_seq = ?2 ORDER BY seq",
    )?;
    let list: Vec<Change> = stmt
        .query_map(params![me.computer, seq], super::change_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let header = Header {
        format: files::FORMAT,
        computer: me.computer.clone(),
        seq,
    };
    files::write_once(
        &files::change_path(&me.folder, &me.computer, seq),
        &files::encode(&header, &list)?,
    )
}

/// The changes that erased people's details (setting `erased_at`): for each
/// record they changed, the values they set and the change's place in the log.
type Overwrites = std::collections::HashMap<(String, String), (i64, serde_json::Map<String, Json>)>;

fn erasing_changes(logged: &[(i64, String, String, Option<i64>)]) -> Overwrites {
    let mut out = Overwrites::new();
    for (seq, rows_json, _, _) in logged {
        if !rows_json.contains("erased_at") {
            continue;
        }
        let Ok(Json::Array(rows)) = serde_json::from_str::<Json>(rows_json) else {
            continue;
        };
        let erases = rows
            .iter()
            .any(|r| r["t"] == "people" && r["k"] == "u" && r["c"]["erased_at"].is_string());
        if !erases {
            continue;
        }
        for row in rows.iter().filter(|r| r["k"] == "u") {
            let key = (
                row["t"].as_str().unwrap_or_default().to_string(),
                row["u"].as_str().unwrap_or_default().to_string(),
            );
            if let Some(values) = row["c"].as_object() {
                let entry = out.entry(key).or_insert((*seq, serde_json::Map::new()));
                entry.0 = entry.0.max(*seq);
                entry.1.extend(values.clone());
            }
        }
    }
    out
}

/// The names and emails of removed people, from the changes that added them.
fn erased_words(
    logged: &[(i64, String, String, Option<i64>)],
    removed: &HashSet<(String, String)>,
) -> Vec<String> {
    let mut words = Vec::new();
    for (_, rows_json, _, _) in logged {
        if !rows_json.contains("\"people\"") {
            continue;
        }
        let Ok(Json::Array(rows)) = serde_json::from_str::<Json>(rows_json) else {
            continue;
        };
        for row in rows {
            let key = (
                row["t"].as_str().unwrap_or_default().to_string(),
                row["u"].as_str().unwrap_or_default().to_string(),
            );
            // The erasure's own values ("Erased mentor 12") are not the person's.
            if key.0 != "people" || !removed.contains(&key) || row["c"]["erased_at"].is_string() {
                continue;
            }
            for field in ["name", "email", "preferred_name", "phone"] {
                if let Some(text) = row["c"][field].as_str().map(str::trim) {
                    if text.chars().count() >= 5 {
                        words.push(text.to_string());
                    }
                }
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

/// Removes every occurrence of `words` from the text values under `value`.
fn blank_words(value: &mut Json, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    match value {
        Json::String(text) => {
            let lower = text.to_lowercase();
            if !words.iter().any(|w| lower.contains(&w.to_lowercase())) {
                return false;
            }
            let mut blanked = text.clone();
            for w in words {
                blanked = replace_ignoring_case(&blanked, w);
            }
            *text = blanked;
            true
        }
        Json::Array(items) => items
            .iter_mut()
            .fold(false, |acc, v| blank_words(v, words) | acc),
        Json::Object(map) => map
            .values_mut()
            .fold(false, |acc, v| blank_words(v, words) | acc),
        _ => false,
    }
}

fn replace_ignoring_case(text: &str, word: &str) -> String {
    let (lower, needle) = (text.to_lowercase(), word.to_lowercase());
    if lower.len() != text.len() {
        return text.replace(word, "(erased)");
    }
    let mut out = String::new();
    let mut rest = 0;
    while let Some(at) = lower[rest..].find(&needle) {
        out.push_str(&text[rest..rest + at]);
        out.push_str("(erased)");
        rest += at + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// `erased/<person uid>/<computer>`: this computer no longer holds the
/// person anywhere (its file, its change files, its snapshot).
fn receipts(store: &Store, me: &Sharing) -> Result<()> {
    let mut stmt = store
        .conn()
        .prepare("SELECT uid FROM share_records WHERE tbl = 'people' AND deleted = 1")?;
    let people: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for uid in people {
        let receipt = me.folder.join("erased").join(&uid).join(&me.computer);
        if !receipt.exists() {
            files::write_once(&receipt, crate::time::now_timestamp().as_bytes())?;
        }
    }
    Ok(())
}

/// An erasure as the committee follows it: which computers are done.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Erasure {
    /// "A person erased by Ana Ruiz on 2026-12-07T10:00:00Z" (the name is gone).
    pub what: String,
    pub done_on: usize,
    pub of: usize,
    /// The members whose computers have not confirmed it yet, with when each was last seen.
    pub waiting_for: Vec<(String, String, Option<String>)>,
}

/// Erasures not yet confirmed by every computer of the committee.
pub fn pending(
    store: &Store,
    me: &Sharing,
    computers: &[super::Computer],
    ids: &[String],
) -> Result<Vec<Erasure>> {
    let Ok(entries) = std::fs::read_dir(me.folder.join("erased")) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let uid = entry.file_name().to_string_lossy().to_string();
        if !files::is_uid(&uid) {
            continue;
        }
        let done: Vec<String> = std::fs::read_dir(entry.path())
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        if ids.iter().all(|id| done.contains(id)) {
            continue;
        }
        let by: Option<(String, String)> = store
            .conn()
            .query_row(
                "SELECT member, at FROM change_log
                 WHERE rows_json LIKE ?1 AND rows_json LIKE '%\"k\":\"d\"%' ORDER BY seq DESC LIMIT 1",
                [format!("%{uid}%")],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let waiting_for = ids
            .iter()
            .zip(computers)
            .filter(|(id, _)| !done.contains(id))
            .map(|(_, c)| {
                (
                    c.member.clone(),
                    c.computer_name.clone(),
                    c.last_seen.clone(),
                )
            })
            .collect();
        out.push(Erasure {
            what: match by {
                Some((member, at)) => format!("A person erased by {member} on {at}"),
                None => "A person erased".into(),
            },
            done_on: ids.iter().filter(|id| done.contains(id)).count(),
            of: ids.len(),
            waiting_for,
        });
    }
    Ok(out)
}
