//! The change log: every write, as the Activity page tells it ("who did
//! what, when, on which computer"), and, once the file is shared, the records
//! it wrote, so other computers can apply the same change.
//!
//! Temporary triggers (made on each connection, never stored in the file)
//! note which records a write touched; `record` turns that note into one
//! `change_log` entry inside the same transaction, so the file and its log
//! cannot disagree.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Transaction};
use serde_json::{json, Map, Value as Json};

use crate::error::{Error, Result};

pub use super::tables::{EMBEDDED_IDS, LOCAL_TABLES, SHARED_TABLES};
use super::touched::{read_touched, spell_out_bulk, Touch};

/// Changes another computer made are applied without being noted again.
const NOT_APPLYING: &str = "WHEN NOT EXISTS (SELECT 1 FROM temp.applying)";

/// The trigger that notes each record added to `table` (a bulk write drops
/// it for its duration and notes the added records in one statement).
pub(crate) fn added_trigger(table: &str) -> String {
    format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS {table}_added AFTER INSERT ON main.{table} {NOT_APPLYING}
         BEGIN INSERT INTO touched VALUES ('{table}', NEW.rowid, 'i', NULL, NULL); END;\n"
    )
}

/// Makes the temporary note of touched records and its triggers.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS touched (tbl TEXT NOT NULL, rid INTEGER NOT NULL, op TEXT NOT NULL, uid TEXT, cols TEXT);
         CREATE TEMP TABLE IF NOT EXISTS applying (only INTEGER);\n",
    );
    for table in SHARED_TABLES {
        let columns: Vec<String> = column_names(conn, table)?
            .into_iter()
            .filter(|c| c != "uid")
            .collect();
        let changed = columns
            .iter()
            .map(|c| format!("CASE WHEN OLD.\"{c}\" IS NOT NEW.\"{c}\" THEN '{c}' END"))
            .collect::<Vec<_>>()
            .join(", ");
        sql.push_str(&added_trigger(table));
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS {table}_changed AFTER UPDATE ON main.{table} {NOT_APPLYING}
             BEGIN INSERT INTO touched VALUES ('{table}', NEW.rowid, 'u', NEW.uid, json_array({changed})); END;
             CREATE TEMP TRIGGER IF NOT EXISTS {table}_removed AFTER DELETE ON main.{table} {NOT_APPLYING}
             BEGIN INSERT INTO touched VALUES ('{table}', OLD.rowid, 'd', OLD.uid, NULL); END;\n"
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

pub(crate) fn column_names(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which columns of `table` hold another record's id, and whose.
pub fn references(conn: &Connection, table: &str) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who is writing: the member and computer once shared, else the computer's user.
pub struct Author {
    pub computer: String,
    pub computer_name: String,
    pub member: String,
    pub shared: bool,
}

pub(crate) fn author(conn: &Connection) -> Result<Author> {
    let shared = conn
        .query_row(
            "SELECT computer, computer_name, member FROM share_self",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    Ok(match shared {
        Some((computer, computer_name, member)) => Author {
            computer,
            computer_name,
            member,
            shared: true,
        },
        None => Author {
            computer: String::new(),
            computer_name: computer_name(),
            member: Some(crate::time::current_user())
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| "Someone".into()),
            shared: false,
        },
    })
}

/// This computer's name, as the Activity page shows it.
pub fn computer_name() -> String {
    let from_env = std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok();
    let from_file = || std::fs::read_to_string("/etc/hostname").ok();
    from_env
        .or_else(from_file)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "this computer".into())
}

/// Turns what the write touched into one change-log entry (nothing when it
/// touched nothing, or when it was another computer's change being applied).
pub(crate) fn record(tx: &Transaction<'_>) -> Result<()> {
    let applying: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM temp.applying)", [], |r| {
        r.get(0)
    })?;
    let touches = read_touched(tx)?;
    tx.execute("DELETE FROM temp.touched", [])?;
    if applying || touches.is_empty() {
        return Ok(());
    }
    let author = author(tx)?;
    let touches = spell_out_bulk(tx, touches, author.shared)?;
    if touches.is_empty() {
        return Ok(());
    }
    let what = describe(tx, &touches)?;
    let at = crate::time::now_timestamp();
    let uid = new_uid(tx)?;
    let (clock, rows, seen) = if author.shared {
        let clock = tick(tx, None)?;
        let rows = shared_rows(tx, &touches, &clock, &uid)?;
        (clock, Some(Json::Array(rows).to_string()), seen(tx)?)
    } else {
        (wall_clock(0), None, "{}".into())
    };
    tx.execute(
        "INSERT INTO change_log (uid, computer, computer_name, member, at, clock, what, seen_json, rows_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![uid, author.computer, author.computer_name, author.member, at, clock, what, seen, rows],
    )?;
    Ok(())
}

/// A new random id: 32 hex digits.
pub fn new_uid(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?)
}

/// A hybrid logical clock reading as sortable text: wall milliseconds and a
/// counter, so a change made after one it has seen always sorts after it,
/// however wrong this computer's clock is.
pub fn wall_clock(counter: i64) -> String {
    format_clock(chrono::Utc::now().timestamp_millis(), counter)
}

pub fn format_clock(ms: i64, counter: i64) -> String {
    format!("{ms:015}.{counter:06}")
}

pub fn parse_clock(clock: &str) -> (i64, i64) {
    let (ms, n) = clock.split_once('.').unwrap_or((clock, "0"));
    (ms.parse().unwrap_or(0), n.parse().unwrap_or(0))
}

/// Moves this computer's clock past now and past `seen` (a clock read from
/// another computer's change), and returns the new reading.
pub(crate) fn tick(tx: &Transaction<'_>, seen: Option<&str>) -> Result<String> {
    let (ms, n): (i64, i64) =
        tx.query_row("SELECT clock_ms, clock_n FROM share_self", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let now = chrono::Utc::now().timestamp_millis();
    let (seen_ms, seen_n) = seen.map(parse_clock).unwrap_or((0, 0));
    let top = now.max(ms).max(seen_ms);
    let counter = if top == ms && top == seen_ms {
        n.max(seen_n) + 1
    } else if top == ms {
        n + 1
    } else if top == seen_ms {
        seen_n + 1
    } else {
        0
    };
    tx.execute(
        "UPDATE share_self SET clock_ms = ?1, clock_n = ?2",
        params![top, counter],
    )?;
    Ok(format_clock(top, counter))
}

/// The highest change file applied from each other computer.
pub(crate) fn seen(conn: &Connection) -> Result<String> {
    let mut stmt =
        conn.prepare_cached("SELECT computer, MAX(seq) FROM share_files GROUP BY computer")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let map: BTreeMap<String, i64> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(serde_json::to_string(&map).unwrap_or_else(|_| "{}".into()))
}

/// A record's net change in one write: added/changed/removed ('x': added
/// then removed), its uid, the columns changed.
type Merged = (char, Option<String>, Vec<String>);

/// The records a write left behind, ready for other computers: a record
/// added then changed is sent once, as added; one added then removed not at all.
fn shared_rows(
    tx: &Transaction<'_>,
    touches: &[Touch],
    clock: &str,
    change: &str,
) -> Result<Vec<Json>> {
    let mut order: Vec<(String, i64)> = Vec::new();
    let mut merged: HashMap<(String, i64), Merged> = HashMap::new();
    for t in touches {
        let key = (t.table.clone(), t.rid);
        match merged.get_mut(&key) {
            None => {
                order.push(key.clone());
                merged.insert(key, (t.op, t.uid.clone(), t.cols.clone()));
            }
            Some(entry) => match (entry.0, t.op) {
                ('i', 'd') => entry.0 = 'x',
                ('x', 'i') => entry.0 = 'i',
                (_, 'd') => {
                    entry.0 = 'd';
                    entry.1 = entry.1.clone().or(t.uid.clone());
                }
                ('u', 'u') => entry.2.extend(t.cols.iter().cloned()),
                _ => {}
            },
        }
    }
    let mut out = Vec::new();
    for key in order {
        let (op, uid, cols) = &merged[&key];
        let (table, rid) = (&key.0, key.1);
        match op {
            'd' => {
                let Some(uid) = uid else { continue };
                tx.execute(
                    "INSERT INTO share_records (tbl, uid, clock, change, deleted) VALUES (?1, ?2, ?3, ?4, 1)
                     ON CONFLICT (tbl, uid) DO UPDATE SET clock = ?3, change = ?4, deleted = 1",
                    params![table, uid, clock, change],
                )?;
                out.push(json!({"t": table, "u": uid, "k": "d"}));
            }
            'i' | 'u' => {
                let uid = ensure_uid(tx, table, rid)?;
                let Some(values) = read_row(tx, table, rid)? else {
                    continue;
                };
                let values = if *op == 'i' {
                    tx.execute(
                        "INSERT INTO share_records (tbl, uid, clock, change) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (tbl, uid) DO UPDATE SET clock = ?3, change = ?4",
                        params![table, uid, clock, change],
                    )?;
                    values
                } else {
                    let wanted: Vec<&String> = cols.iter().filter(|c| *c != "uid").collect();
                    if wanted.is_empty() {
                        continue;
                    }
                    for col in &wanted {
                        // A member's own edit of a field settles its conflict.
                        tx.execute(
                            "UPDATE share_conflicts SET resolved_at = ?4
                             WHERE tbl = ?1 AND uid = ?2 AND col = ?3 AND resolved_at IS NULL",
                            params![table, uid, col, clock],
                        )?;
                        tx.execute(
                            "INSERT INTO share_fields (tbl, uid, col, clock, change) VALUES (?1, ?2, ?3, ?4, ?5)
                             ON CONFLICT (tbl, uid, col) DO UPDATE SET clock = ?4, change = ?5",
                            params![table, uid, col, clock, change],
                        )?;
                    }
                    values
                        .into_iter()
                        .filter(|(c, _)| wanted.contains(&c))
                        .collect()
                };
                let kind = if *op == 'i' { "i" } else { "u" };
                out.push(json!({"t": table, "u": uid, "k": kind, "c": values}));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The record's uid, given now if it has none yet.
pub(crate) fn ensure_uid(conn: &Connection, table: &str, rid: i64) -> Result<String> {
    let uid: Option<String> = conn
        .query_row(
            &format!("SELECT uid FROM main.{table} WHERE rowid = ?1"),
            [rid],
            |r| r.get(0),
        )
        .map_err(Error::from)?;
    match uid {
        Some(uid) => Ok(uid),
        None => {
            let uid = new_uid(conn)?;
            conn.execute(
                &format!("UPDATE main.{table} SET uid = ?1 WHERE rowid = ?2"),
                params![uid, rid],
            )?;
            Ok(uid)
        }
    }
}

/// A record's columns as JSON, with every id of another record written as
/// that record's uid (local ids differ between computers).
pub(crate) fn read_row(
    conn: &Connection,
    table: &str,
    rid: i64,
) -> Result<Option<Map<String, Json>>> {
    let names = column_names(conn, table)?;
    let refs = references(conn, table)?;
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM main.{table} WHERE rowid = ?1"))?;
    let mut rows = stmt.query([rid])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut values = Map::new();
    for (i, name) in names.iter().enumerate() {
        if name == "uid" || name == "id" {
            continue;
        }
        let value = match row.get_ref(i)? {
            ValueRef::Null => Json::Null,
            ValueRef::Integer(n) => match refs.get(name) {
                Some(target) => Json::String(format!("@{}", ensure_uid(conn, target, n)?)),
                None => json!(n),
            },
            ValueRef::Real(x) => json!(x),
            ValueRef::Text(t) => {
                let text = String::from_utf8_lossy(t).to_string();
                Json::String(embed_uids(conn, table, name, text)?)
            }
            ValueRef::Blob(_) => Json::Null,
        };
        values.insert(name.clone(), value);
    }
    Ok(Some(values))
}

/// Ids inside JSON text become "@uid" strings.
fn embed_uids(conn: &Connection, table: &str, column: &str, text: String) -> Result<String> {
    let Some((_, _, key, target)) = EMBEDDED_IDS
        .iter()
        .find(|(t, c, _, _)| *t == table && *c == column)
    else {
        return Ok(text);
    };
    let Ok(mut value) = serde_json::from_str::<Json>(&text) else {
        return Ok(text);
    };
    let mut failed = None;
    walk_key(&mut value, key, &mut |v| {
        if let Some(id) = v.as_i64() {
            match ensure_uid(conn, target, id) {
                Ok(uid) => *v = Json::String(format!("@{uid}")),
                Err(e) => failed = Some(e),
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(value.to_string()),
    }
}

/// Calls `f` on every value under `key`, at any depth.
pub fn walk_key(value: &mut Json, key: &str, f: &mut dyn FnMut(&mut Json)) {
    match value {
        Json::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == key {
                    f(v);
                } else {
                    walk_key(v, key, f);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(|v| walk_key(v, key, f)),
        _ => {}
    }
}

/// One sentence for the Activity page from the records a write touched:
/// "Imported mentors.xlsx: 30 people added", "2 meetings logged".
fn describe(conn: &Connection, touches: &[Touch]) -> Result<String> {
    let mut counts: BTreeMap<(usize, char), (&str, usize)> = BTreeMap::new();
    let mut fields: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for t in touches {
        let Some(rank) = WORDS.iter().position(|w| w.0 == t.table) else {
            continue;
        };
        if t.op == 'u' && t.cols.iter().all(|c| c == "uid" || c == "updated_at") {
            continue;
        }
        // Confirming sets `confirmed_at`: said as the committee says it,
        // not as the fields it changed.
        let op = if t.op == 'u' && t.cols.iter().any(|c| c == "confirmed_at") {
            'c'
        } else {
            t.op
        };
        counts.entry((rank, op)).or_insert((WORDS[rank].0, 0)).1 += t.n;
        if op == 'u' {
            let list = fields.entry(rank).or_default();
            for c in &t.cols {
                let word = c.trim_end_matches("_json").replace('_', " ");
                if !["uid", "updated_at"].contains(&c.as_str()) && !list.contains(&word) {
                    list.push(word);
                }
            }
        }
    }
    let mut parts = Vec::new();
    for ((rank, op), (_, n)) in &counts {
        let (_, one, many) = WORDS[*rank];
        let noun = if *n == 1 {
            one.to_string()
        } else {
            format!("{n} {many}")
        };
        let verb = match op {
            'i' => "added",
            'd' => "removed",
            'c' => "confirmed",
            _ => "changed",
        };
        // "A program changed (contact name)": which fields, when few.
        let detail = match (op, fields.get(rank)) {
            ('u', Some(list)) if !list.is_empty() && list.len() <= 3 => {
                format!(" ({})", list.join(", "))
            }
            _ => String::new(),
        };
        parts.push(format!("{noun} {verb}{detail}"));
    }
    let mut sentence = parts.join(", ");
    if let Some(import) = touches.iter().find(|t| t.table == "imports" && t.op == 'i') {
        let file: Option<String> = conn
            .query_row(
                "SELECT file_name FROM imports WHERE rowid = ?1",
                [import.rid],
                |r| r.get(0),
            )
            .ok();
        if let Some(file) = file {
            sentence = format!("Imported {file}: {sentence}");
        }
    }
    if sentence.is_empty() {
        sentence = "Records changed".into();
    }
    Ok(crate::text::capitalize(&sentence))
}

/// The committee's words for each shared table, most telling first.
const WORDS: &[(&str, &str, &str)] = &[
    ("programs", "a program", "programs"),
    ("match_versions", "a matching", "matchings"),
    ("matches", "a pair", "pairs"),
    ("people", "a person", "people"),
    ("criteria", "a criterion", "criteria"),
    ("pair_rules", "a lock or veto", "locks and vetoes"),
    ("meetings", "a meeting", "meetings"),
    ("goals", "a goal", "goals"),
    ("goal_updates", "a goal note", "goal notes"),
    ("checkin_responses", "a check-in answer", "check-in answers"),
    (
        "evaluation_responses",
        "an evaluation answer",
        "evaluation answers",
    ),
    ("match_groups", "a group", "groups"),
    ("match_group_members", "a group member", "group members"),
    ("group_meetings", "a group meeting", "group meetings"),
    (
        "waiting_list",
        "a person on the waiting list",
        "people on the waiting list",
    ),
    ("choices", "a ranked choice", "ranked choices"),
    ("letters", "a letter", "letters"),
    ("questions", "a question", "questions"),
    ("library_aliases", "a library name", "library names"),
    ("program_settings", "a program setting", "program settings"),
];
