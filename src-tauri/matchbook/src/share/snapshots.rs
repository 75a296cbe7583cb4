//! Snapshots for members who join late: from time to time a computer writes
//! a copy of its program file (SQLite's `VACUUM INTO`, a consistent copy)
//! to `snapshots/<computer>-<seq>.matchbook`, covering its own change files
//! up to `seq` and every file it had applied. A member joining later starts
//! from the newest whole snapshot and applies only the change files after
//! it. Each computer deletes only its own older snapshots.

use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{files, Sharing};
use crate::error::{Error, Result};
use crate::Store;

/// A snapshot after this many of a computer's own change files.
pub const EVERY: i64 = 200;

fn dir(folder: &Path) -> PathBuf {
    folder.join("snapshots")
}

/// (computer, seq, path) of every snapshot in the folder, newest seq last.
fn list(folder: &Path) -> Vec<(String, i64, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir(folder)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, i64, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stem = name.strip_suffix(".matchbook")?;
            let (computer, seq) = stem.split_once('-')?;
            (files::is_uid(computer) && seq.len() == 8)
                .then(|| Some((computer.to_string(), seq.parse().ok()?, e.path())))
                .flatten()
        })
        .collect();
    found.sort_by_key(|(_, seq, _)| *seq);
    found
}

/// Writes a snapshot when this computer has published `EVERY` change files
/// since its last one, or always when `force` (after an erasure, so no
/// older snapshot keeps the erased data). Returns whether it wrote one.
pub fn maybe_write(store: &Store, me: &Sharing, force: bool) -> Result<bool> {
    let published: i64 = store.conn().query_row(
        "SELECT COALESCE(MAX(file_seq), 0) FROM change_log WHERE computer = ?1",
        [&me.computer],
        |r| r.get(0),
    )?;
    let mine: Vec<(String, i64, PathBuf)> = list(&me.folder)
        .into_iter()
        .filter(|(c, _, _)| *c == me.computer)
        .collect();
    let last = mine.last().map_or(0, |(_, seq, _)| *seq);
    let due = published >= last + EVERY || (force && !mine.is_empty());
    if !due || published == 0 {
        return Ok(false);
    }
    let target = dir(&me.folder).join(format!("{}-{published:08}.matchbook", me.computer));
    std::fs::create_dir_all(dir(&me.folder)).map_err(|e| Error::FileAccess {
        path: dir(&me.folder),
        detail: e.to_string(),
    })?;
    store.save_copy(&target)?;
    for (_, _, old) in mine {
        if old != target {
            let _ = std::fs::remove_file(old);
        }
    }
    Ok(true)
}

/// Makes the program file `path` from the folder's newest whole snapshot, if
/// there is one; returns whether it did. `path` must not exist yet.
pub fn start_from_newest(folder: &Path, path: &Path) -> Result<bool> {
    for (computer, seq, snapshot) in list(folder).into_iter().rev() {
        if !whole(&snapshot) {
            continue; // still arriving, or damaged: an older one, or the change files
        }
        let mut partial = path.as_os_str().to_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        std::fs::copy(&snapshot, &partial)
            .and_then(|_| std::fs::rename(&partial, path))
            .map_err(|e| Error::FileAccess {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        let mut store = Store::open(path)?;
        store.write_applying(|tx| {
            // The author's own place in the folder and its computer's
            // settings are not the joiner's.
            tx.execute("DELETE FROM share_self", [])?;
            tx.execute("DELETE FROM file_settings", [])?;
            for n in 1..=seq {
                tx.execute(
                    "INSERT OR IGNORE INTO share_files (computer, seq, checksum, applied_at)
                     VALUES (?1, ?2, 'in the snapshot', datetime('now'))",
                    params![computer, n],
                )?;
            }
            Ok(())
        })?;
        return Ok(true);
    }
    Ok(false)
}

/// Whether a snapshot file is a whole Matchbook file (not half-copied).
fn whole(path: &Path) -> bool {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return false;
    };
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap_or(0);
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap_or_default();
    app == crate::store::APPLICATION_ID && check == "ok"
}
