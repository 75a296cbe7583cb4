//! Rolling backups of the program file: a consistent copy (`VACUUM INTO`) in
//! a folder beside it before each import and each confirmation of matches,
//! the newest N kept (10 unless the committee says otherwise), and restoring
//! one of them, which first backs up the current state.

use std::path::{Path, PathBuf};

use rusqlite::{OpenFlags, OptionalExtension};
use serde::Serialize;

use super::{Store, APPLICATION_ID};
use crate::error::{Error, Result};

/// How many backups are kept when the file does not say.
pub const DEFAULT_KEEP: u32 = 10;
const KEEP_KEY: &str = "backups.keep";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backup {
    pub path: PathBuf,
    pub file_name: String,
    /// `YYYY-MM-DD HH:MM:SS`, local time.
    pub made_at: String,
    /// Why it was made, e.g. "before import".
    pub reason: String,
    pub bytes: u64,
}

/// `Matchbook.sqlite` → `Matchbook.sqlite backups/` beside it.
pub fn backup_folder(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(" backups");
    path.with_file_name(name)
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::FileAccess {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

impl Store {
    /// How many backups are kept for this file.
    pub fn backups_to_keep(&self) -> Result<u32> {
        let value: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM file_settings WHERE key = ?1",
                [KEEP_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_KEEP))
    }

    /// Sets how many backups to keep (1–100); older ones go at the next backup.
    pub fn set_backups_to_keep(&mut self, keep: u32) -> Result<()> {
        if !(1..=100).contains(&keep) {
            return Err(Error::Invalid("Keep between 1 and 100 backups.".into()));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO file_settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![KEEP_KEY, keep.to_string()],
            )?;
            Ok(())
        })
    }

    /// Writes a backup now ("before import", "before confirming matches", …)
    /// and removes the oldest beyond the number to keep. Returns its path.
    pub fn backup(&self, reason: &str) -> Result<PathBuf> {
        self.refuse_if_read_only()?;
        let target = self.backup_target(reason)?;
        self.save_copy(&target).map_err(backup_failed)?;
        self.keep_newest_backups()?;
        Ok(target)
    }

    /// A bulk write (see `write_adding`) with its backup made at the same
    /// time, by a second connection that reads the file as it was before the
    /// write: the committee waits for the longer of the two rather than for
    /// both (copying a large program file takes about as long as importing a
    /// large spreadsheet). The write is kept only once the backup is made.
    pub(crate) fn write_adding_after_backup<T>(
        &mut self,
        reason: &str,
        tables: &[&'static str],
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.refuse_if_read_only()?;
        let target = self.backup_target(reason)?;
        let from = self.path.clone();
        let copying = std::thread::spawn(move || copy_as_it_was(&from, &target));
        let written = self.write_adding(tables, move |tx| {
            let value = work(tx);
            let copied = copying
                .join()
                .unwrap_or_else(|_| Err(Error::Invalid("the copy stopped".into())));
            copied.map_err(backup_failed)?;
            value
        });
        self.keep_newest_backups()?;
        written
    }

    /// A new backup's path: the file's name, the time and the reason.
    fn backup_target(&self, reason: &str) -> Result<PathBuf> {
        let folder = backup_folder(&self.path);
        std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "Matchbook".into());
        let now = chrono::Local::now();
        let mut target = folder.join(format!(
            "{stem} {} {reason}.sqlite",
            now.format("%Y-%m-%d %H%M%S")
        ));
        let mut n = 2;
        while target.exists() {
            target = folder.join(format!(
                "{stem} {} {reason} ({n}).sqlite",
                now.format("%Y-%m-%d %H%M%S")
            ));
            n += 1;
        }
        Ok(target)
    }

    /// Removes the oldest backups beyond the number to keep.
    fn keep_newest_backups(&self) -> Result<()> {
        let keep = self.backups_to_keep()? as usize;
        for old in list_backups(&self.path)?.into_iter().skip(keep) {
            let _ = std::fs::remove_file(&old.path);
        }
        Ok(())
    }
}

fn backup_failed(e: Error) -> Error {
    Error::Invalid(format!(
        "Matchbook could not make a backup before this change ({e}), so it did not make the change. Check the free space on the disk."
    ))
}

/// Copies the file at `from` to `target` as its last commit left it, on a
/// connection of its own (a write under way on another is not seen).
fn copy_as_it_was(from: &Path, target: &Path) -> Result<()> {
    super::vacuum_into(&super::relocate::open_for_reading(from)?, target)
}

/// The backups of the file at `path`, newest first.
pub fn list_backups(path: &Path) -> Result<Vec<Backup>> {
    let folder = backup_folder(path);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(&folder, e)),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut backups = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        // "{stem} YYYY-MM-DD HHMMSS {reason}.sqlite"
        let Some(rest) = file_name
            .strip_prefix(&format!("{stem} "))
            .and_then(|r| r.strip_suffix(".sqlite"))
        else {
            continue;
        };
        let (Some(day), Some(time)) = (rest.get(0..10), rest.get(11..17)) else {
            continue;
        };
        if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err()
            || !time.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let made_at = format!("{day} {}:{}:{}", &time[0..2], &time[2..4], &time[4..6]);
        let reason = rest.get(18..).unwrap_or("");
        // "before import (2)": the second backup of that second.
        let reason = match reason.rsplit_once(" (") {
            Some((base, n))
                if n.strip_suffix(')')
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) =>
            {
                base
            }
            _ => reason,
        }
        .to_string();
        let metadata = entry.metadata().ok();
        let bytes = metadata.as_ref().map(|m| m.len()).unwrap_or(0);
        // Names tell the second; the file's time orders backups made within one.
        let written = metadata
            .and_then(|m| m.modified().ok())
            .unwrap_or(std::time::UNIX_EPOCH);
        backups.push((
            written,
            Backup {
                path: entry.path(),
                file_name,
                made_at,
                reason,
                bytes,
            },
        ));
    }
    backups.sort_by(|(ta, a), (tb, b)| (&b.made_at, tb).cmp(&(&a.made_at, ta)));
    Ok(backups.into_iter().map(|(_, b)| b).collect())
}

/// Checks that `backup` is a readable, intact Matchbook file.
pub fn check_backup(backup: &Path) -> Result<()> {
    let refuse = |why: &str| {
        Error::Invalid(format!(
            "{} cannot be restored: {why}. Your program file was left as it was.",
            backup.display()
        ))
    };
    let conn = rusqlite::Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| refuse("it cannot be opened"))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| refuse("it is not a SQLite file"))?;
    if app_id != APPLICATION_ID {
        return Err(refuse("it is not a Matchbook program file"));
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| refuse("it is damaged"))?;
    if check != "ok" {
        return Err(refuse("it is damaged"));
    }
    Ok(())
}

/// Replaces the open file with `backup`: the current state is backed up
/// first ("before restore"), the store is closed, the backup copied beside
/// the file and renamed over it, and the file opened again (and migrated if
/// the backup came from an older Matchbook). A backup that is not an intact
/// Matchbook file is refused before anything changes. On an error the store
/// is closed: open the file again (it is the old file, or the restored one
/// if only reopening failed).
pub fn restore_backup(mut store: Store, backup: &Path) -> Result<Store> {
    check_backup(backup)?;
    let path = store.path().to_path_buf();
    // Staged first: backing up the current state may prune the very backup
    // being restored when it is the oldest kept.
    let mut staging_name = path.file_name().unwrap_or_default().to_os_string();
    staging_name.push(".restoring");
    let staging = path.with_file_name(staging_name);
    std::fs::copy(backup, &staging).map_err(|e| io_error(&staging, e))?;
    let prepared = store
        .backup("before restore")
        .and_then(|_| store.checkpoint());
    if let Err(e) = prepared {
        let _ = std::fs::remove_file(&staging);
        return Err(e);
    }
    drop(store);
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| io_error(&side, e))?;
        }
    }
    std::fs::rename(&staging, &path).map_err(|e| io_error(&path, e))?;
    Store::open(&path)
}

/// For a damaged program file: copies the backup `backup` beside it as a
/// new program file ("Matchbook (from the backup of 2026-11-30 10:15).sqlite")
/// and returns its path. The damaged file and the backup stay as they are,
/// so nothing is lost whichever the committee keeps.
pub fn copy_backup_beside(damaged: &Path, backup: &Path, made_at: &str) -> Result<PathBuf> {
    check_backup(backup)?;
    let stem = damaged
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "Matchbook".into());
    let extension = damaged
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_else(|| "sqlite".into());
    // Colons are not allowed in Windows file names.
    let when = made_at.replace(':', ".");
    let folder = damaged.parent().unwrap_or(Path::new("."));
    let name = format!("{stem} (from the backup of {when}).{extension}");
    let target = super::unused_path_in(folder, &name).map_err(|_| {
        Error::Invalid(format!(
            "There are already many copies of this backup in {}; open one of them.",
            folder.display()
        ))
    })?;
    std::fs::copy(backup, &target).map_err(|e| io_error(&target, e))?;
    Ok(target)
}
