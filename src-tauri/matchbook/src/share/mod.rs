//! Sharing a program file through a folder the committee already shares
//! (Dropbox, OneDrive, Google Drive, a network drive), with no server.
//!
//! Each computer keeps its own program file. The folder holds only files
//! that one computer writes once (`files`): each computer's changes, in
//! order. `sync` applies what has arrived from the others (`apply`, whose
//! rules converge whatever the order) and publishes this computer's new
//! changes. Concurrent edits of one field are kept as `conflicts`.

pub mod apply;
pub mod conflicts;
pub mod erasure;
pub mod files;
pub mod snapshots;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::changes::{self, SHARED_TABLES};
use crate::Store;
use files::{Change, Header, Member, Read};

/// This computer's part in a shared program.
#[derive(Debug, Clone, Serialize)]
pub struct Sharing {
    pub folder: PathBuf,
    pub member: String,
    pub computer: String,
    pub computer_name: String,
}

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Change files applied from other computers.
    pub applied: usize,
    /// Changes (members' actions) those files held that were new here.
    pub changes_applied: usize,
    /// Change files this computer wrote into the folder.
    pub published: usize,
    /// Files not complete yet, or waiting for an earlier one.
    pub waiting: Vec<Waiting>,
    /// Files that can never be applied, and why.
    pub refused: Vec<Waiting>,
    /// Open conflicts after the sync.
    pub conflicts: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    pub member: String,
    pub computer_name: String,
    pub file: String,
    pub reason: String,
}

/// Whether and how this file is shared.
pub fn sharing(store: &Store) -> Result<Option<Sharing>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT folder, member, computer, computer_name FROM share_self",
            [],
            |r| {
                Ok(Sharing {
                    folder: PathBuf::from(r.get::<_, String>(0)?),
                    member: r.get(1)?,
                    computer: r.get(2)?,
                    computer_name: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn check_member(member: &str) -> Result<String> {
    let member = member.trim();
    if member.is_empty() || member.chars().count() > 80 {
        return Err(Error::Invalid(
            "Give your name as the committee knows you (for example --member \"Ana Ruiz\").".into(),
        ));
    }
    Ok(member.to_string())
}

/// Shares this program file through `folder`: the whole file becomes the
/// first change, from which other members' computers start.
pub fn init(store: &mut Store, folder: &Path, member: &str) -> Result<Sharing> {
    let member = check_member(member)?;
    if let Some(current) = sharing(store)? {
        return Err(Error::Invalid(format!(
            "This program file is already shared through {}.",
            current.folder.display()
        )));
    }
    if folder.join("share.json").exists() {
        return Err(Error::Invalid(format!(
            "{} already holds a shared program: join it instead (`matchbook share join`) with a new program file.",
            folder.display()
        )));
    }
    files::write_once(
        &folder.join("share.json"),
        format!("{{\"matchbook_share\": {}}}\n", files::FORMAT).as_bytes(),
    )?;
    let sharing = begin(store, folder, &member)?;
    store.write_applying(|tx| {
        // The file's history so far travels with it (what, who, when; no records).
        tx.execute(
            "UPDATE change_log SET computer = ?1, member = ?2, rows_json = '[]' WHERE computer = ''",
            [&sharing.computer, &sharing.member],
        )?;
        let clock = changes::tick(tx, None)?;
        let change = changes::new_uid(tx)?;
        let mut rows = Vec::new();
        for table in SHARED_TABLES {
            tx.execute(
                &format!("UPDATE main.{table} SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL"),
                [],
            )?;
            let mut stmt = tx.prepare(&format!("SELECT rowid, uid FROM main.{table} ORDER BY rowid"))?;
            let ids: Vec<(i64, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            for (rid, uid) in ids {
                let Some(values) = changes::read_row(tx, table, rid)? else { continue };
                tx.execute(
                    "INSERT OR REPLACE INTO share_records (tbl, uid, clock, change) VALUES (?1, ?2, ?3, ?4)",
                    params![table, uid, clock, change],
                )?;
                rows.push(serde_json::json!({"t": table, "u": uid, "k": "i", "c": values}));
            }
        }
        tx.execute(
            "INSERT INTO change_log (uid, computer, computer_name, member, at, clock, what, rows_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                change,
                sharing.computer,
                sharing.computer_name,
                sharing.member,
                crate::time::now_timestamp(),
                clock,
                format!(
                    "Shared the program file ({} record{})",
                    rows.len(),
                    if rows.len() == 1 { "" } else { "s" }
                ),
                serde_json::Value::Array(rows).to_string()
            ],
        )?;
        Ok(())
    })?;
    publish(store, &sharing)?;
    Ok(sharing)
}

/// Joins a shared program with a new, empty program file: everything the
/// folder holds is applied.
pub fn join(store: &mut Store, folder: &Path, member: &str) -> Result<(Sharing, SyncReport)> {
    let member = check_member(member)?;
    if let Some(current) = sharing(store)? {
        return Err(Error::Invalid(format!(
            "This program file is already shared through {}.",
            current.folder.display()
        )));
    }
    if !folder.join("share.json").exists() {
        return Err(Error::Invalid(format!(
            "{} holds no shared program. Choose the folder a committee member shared, or share this program with `matchbook share init`.",
            folder.display()
        )));
    }
    let programs: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))?;
    if programs > 0 {
        return Err(Error::Invalid(
            "Join with a new program file: this one already holds programs. Use --db NEW-FILE (the window makes one for you).".into(),
        ));
    }
    let sharing = begin(store, folder, &member)?;
    let report = sync(store)?;
    Ok((sharing, report))
}

/// Joins a shared program with a new program file at `path`, which must not
/// exist yet: it starts from the folder's newest snapshot when there is one
/// (only the change files after it are applied), else from the first file.
pub fn join_file(path: &Path, folder: &Path, member: &str) -> Result<(Store, SyncReport)> {
    if path.exists() {
        let mut store = Store::open(path)?;
        let report = join(&mut store, folder, member)?.1;
        return Ok((store, report));
    }
    check_member(member)?;
    if !folder.join("share.json").exists() {
        return Err(Error::Invalid(format!(
            "{} holds no shared program. Choose the folder a committee member shared, or share this program with `matchbook share init`.",
            folder.display()
        )));
    }
    let from_snapshot = snapshots::start_from_newest(folder, path)?;
    let mut store = Store::open(path)?;
    if !from_snapshot {
        let report = join(&mut store, folder, member)?.1;
        return Ok((store, report));
    }
    let clock: Option<String> =
        store
            .conn()
            .query_row("SELECT MAX(clock) FROM change_log", [], |r| r.get(0))?;
    let sharing = begin(&mut store, folder, member)?;
    // Changes made here from now on come after everything in the snapshot.
    store.write_applying(|tx| {
        changes::tick(tx, clock.as_deref())?;
        Ok(())
    })?;
    let _ = sharing;
    let report = sync(&mut store)?;
    Ok((store, report))
}

fn begin(store: &mut Store, folder: &Path, member: &str) -> Result<Sharing> {
    let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let computer_name = changes::computer_name();
    let computer = changes::new_uid(store.conn())?;
    let joined_at = crate::time::now_timestamp();
    files::write_member(
        &folder,
        &computer,
        &Member {
            member: member.to_string(),
            computer_name: computer_name.clone(),
            joined_at: joined_at.clone(),
        },
    )?;
    store.write_applying(|tx| {
        tx.execute(
            "INSERT INTO share_self (only, computer, computer_name, member, folder, joined_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                computer,
                computer_name,
                member,
                folder.to_string_lossy(),
                joined_at
            ],
        )?;
        Ok(())
    })?;
    Ok(Sharing {
        folder,
        member: member.to_string(),
        computer,
        computer_name,
    })
}

/// Applies what has arrived from the other computers, then publishes this
/// computer's new changes.
pub fn sync(store: &mut Store) -> Result<SyncReport> {
    let Some(sharing) = sharing(store)? else {
        return Err(Error::Invalid(
            "This program file is not shared. Share it with `matchbook share init --folder DIR --member NAME`.".into(),
        ));
    };
    let mut report = receive(store, &sharing)?;
    report.published = publish(store, &sharing)?;
    let scrubbed = erasure::scrub(store, &sharing)?;
    snapshots::maybe_write(store, &sharing, scrubbed)?;
    report.conflicts = conflicts::list(store)?.len();
    Ok(report)
}

/// After a change in the window: writes it to the folder at once when the
/// program is shared (nothing to do, and no folder read, otherwise).
pub fn publish_pending(store: &mut Store) -> Result<usize> {
    let Some(me) = sharing(store)? else {
        return Ok(0);
    };
    let published = publish(store, &me)?;
    if published > 0 {
        let scrubbed = erasure::scrub(store, &me)?;
        snapshots::maybe_write(store, &me, scrubbed)?;
    }
    Ok(published)
}

/// A complete change file: its header, its changes, its checksum.
type Arrived = (Header, Vec<Change>, String);

/// Applies every complete file whose earlier files (its own computer's, and
/// those its author had seen) are applied, until none is left.
fn receive(store: &mut Store, me: &Sharing) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    let mut pending: BTreeMap<(String, i64), Option<Arrived>> = BTreeMap::new();
    for computer in files::computers(&me.folder) {
        if computer == me.computer {
            continue;
        }
        let applied = applied_seq(store, &computer)?;
        for seq in files::list(&me.folder, &computer) {
            if seq <= applied {
                continue;
            }
            let path = files::change_path(&me.folder, &computer, seq);
            let who = |reason: String| waiting(&me.folder, &computer, seq, reason);
            match files::read(&path) {
                Read::Complete(header, list, sum)
                    if header.computer == computer && header.seq == seq =>
                {
                    pending.insert((computer.clone(), seq), Some((header, list, sum)));
                }
                Read::Complete(..) => report
                    .refused
                    .push(who("its name and contents disagree".into())),
                Read::Waiting(reason) => {
                    report.waiting.push(who(reason));
                    pending.insert((computer.clone(), seq), None);
                }
                Read::Refused(reason) => report.refused.push(who(reason)),
            }
        }
    }
    loop {
        let ready = pending.iter().find_map(|((computer, seq), file)| {
            let (_, list, _) = file.as_ref()?;
            let in_order = applied_seq(store, computer).ok()? == seq - 1;
            let seen_all = list.iter().all(|c| {
                c.seen.iter().all(|(other, need)| {
                    other == &me.computer
                        || applied_seq(store, other).is_ok_and(|have| have >= *need)
                })
            });
            (in_order && seen_all).then(|| (computer.clone(), *seq))
        });
        let Some(key) = ready else { break };
        let Some((header, list, sum)) = pending.remove(&key).flatten() else {
            break;
        };
        let new = store.write_applying(|tx| {
            let mut new = 0;
            for change in &list {
                if apply::change(tx, change, header.seq)? {
                    new += 1;
                }
            }
            tx.execute(
                "INSERT INTO share_files (computer, seq, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
                params![header.computer, header.seq, sum, crate::time::now_timestamp()],
            )?;
            Ok(new)
        })?;
        report.applied += 1;
        report.changes_applied += new;
    }
    for ((computer, seq), file) in pending {
        if file.is_some() {
            report.waiting.push(waiting(
                &me.folder,
                &computer,
                seq,
                "waiting for earlier changes to arrive".into(),
            ));
        }
    }
    Ok(report)
}

fn waiting(folder: &Path, computer: &str, seq: i64, reason: String) -> Waiting {
    let member = files::read_member(folder, computer);
    Waiting {
        member: member
            .as_ref()
            .map_or_else(|| "a member".into(), |m| m.member.clone()),
        computer_name: member.map_or_else(|| "another computer".into(), |m| m.computer_name),
        file: format!("{seq:08}.mbc"),
        reason,
    }
}

fn applied_seq(store: &Store, computer: &str) -> Result<i64> {
    Ok(store.conn().query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM share_files WHERE computer = ?1",
        [computer],
        |r| r.get(0),
    )?)
}

/// Writes this computer's unpublished changes as its next change file.
fn publish(store: &mut Store, me: &Sharing) -> Result<usize> {
    let mut stmt = store.conn().prepare(
        "SELECT uid, computer, computer_name, member, at, clock, what, seen_json, rows_json, seq
         FROM change_log WHERE computer = ?1 AND file_seq IS NULL AND rows_json IS NOT NULL ORDER BY seq",
    )?;
    let rows: Vec<(i64, Change)> = stmt
        .query_map([&me.computer], |r| Ok((r.get(9)?, change_from_row(r)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    if rows.is_empty() {
        return Ok(0);
    }
    let last: i64 = store.conn().query_row(
        "SELECT COALESCE(MAX(file_seq), 0) FROM change_log WHERE computer = ?1",
        [&me.computer],
        |r| r.get(0),
    )?;
    let seq = last.max(
        files::list(&me.folder, &me.computer)
            .last()
            .copied()
            .unwrap_or(0),
    ) + 1;
    let header = Header {
        format: files::FORMAT,
        computer: me.computer.clone(),
        seq,
    };
    let list: Vec<Change> = rows.iter().map(|(_, c)| c.clone()).collect();
    files::write_once(
        &files::change_path(&me.folder, &me.computer, seq),
        &files::encode(&header, &list)?,
    )?;
    let (first, end) = (rows[0].0, rows[rows.len() - 1].0);
    store.write_applying(|tx| {
        tx.execute(
            "UPDATE change_log SET file_seq = ?1 WHERE computer = ?2 AND file_seq IS NULL AND seq BETWEEN ?3 AND ?4",
            params![seq, me.computer, first, end],
        )?;
        Ok(())
    })?;
    Ok(1)
}

/// A change-log row (uid … rows_json, in that order) as it travels.
pub(crate) fn change_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let seen: String = r.get(7)?;
    let rows: String = r.get(8)?;
    Ok(Change {
        uid: r.get(0)?,
        computer: r.get(1)?,
        computer_name: r.get(2)?,
        member: r.get(3)?,
        at: r.get(4)?,
        clock: r.get(5)?,
        what: r.get(6)?,
        seen: serde_json::from_str(&seen).unwrap_or_default(),
        rows: serde_json::from_str(&rows).unwrap_or_default(),
    })
}

/// One computer of the committee, as `share status` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Computer {
    pub member: String,
    pub computer_name: String,
    pub this_computer: bool,
    /// When its newest change was made (its clock), if any arrived.
    pub last_seen: Option<String>,
    /// Change files in the folder from it that this computer has applied / has.
    pub files_applied: i64,
    pub files_in_folder: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub folder: PathBuf,
    pub member: String,
    pub computer_name: String,
    pub computers: Vec<Computer>,
    /// This computer's changes not yet written to the folder.
    pub unpublished: i64,
    pub conflicts: usize,
    /// Erasures some computer has not carried out yet.
    pub erasures: Vec<erasure::Erasure>,
}

pub fn status(store: &Store) -> Result<Status> {
    let Some(me) = sharing(store)? else {
        return Err(Error::Invalid("This program file is not shared.".into()));
    };
    let mut computers = Vec::new();
    let mut ids = files::computers(&me.folder);
    ids.extend(files::members(&me.folder));
    ids.push(me.computer.clone());
    ids.sort();
    ids.dedup();
    for id in ids.clone() {
        let member = files::read_member(&me.folder, &id);
        let last_seen: Option<String> = store
            .conn()
            .query_row(
                "SELECT MAX(at) FROM change_log WHERE computer = ?1",
                [&id],
                |r| r.get(0),
            )
            .ok()
            .flatten();
        let this = id == me.computer;
        let in_folder = files::list(&me.folder, &id).len() as i64;
        computers.push(Computer {
            member: member
                .as_ref()
                .map_or_else(|| "a member".into(), |m| m.member.clone()),
            computer_name: member.map_or_else(|| "another computer".into(), |m| m.computer_name),
            this_computer: this,
            last_seen,
            files_applied: if this {
                in_folder
            } else {
                applied_seq(store, &id)?
            },
            files_in_folder: in_folder,
        });
    }
    let unpublished: i64 = store.conn().query_row(
        "SELECT count(*) FROM change_log WHERE computer = ?1 AND file_seq IS NULL AND rows_json IS NOT NULL",
        [&me.computer],
        |r| r.get(0),
    )?;
    let erasures = erasure::pending(store, &me, &computers, &ids)?;
    Ok(Status {
        erasures,
        folder: me.folder,
        member: me.member,
        computer_name: me.computer_name,
        computers,
        unpublished,
        conflicts: conflicts::list(store)?.len(),
    })
}

#[cfg(test)]
mod tests;
