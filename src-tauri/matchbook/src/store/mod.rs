//! The program file: one SQLite file per association, holding every program.
//!
//! Opening checks that the file is Matchbook's, refuses files from a newer
//! Matchbook, takes an exclusive writer lock (a second Matchbook process gets a
//! plain message), backs the file up before migrating, and applies numbered
//! migrations one transaction each.

pub mod backups;
mod bulk;
pub mod changes;
mod checkpoint;
mod relocate;
mod tables;
mod touched;

pub use relocate::{copy_into_folder, unused_path_in};

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of every Matchbook file: "MBK1".
pub const APPLICATION_ID: i32 = 0x4D42_4B31;

/// Numbered migrations; the schema version of a file is how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_tracking_indexes.sql"),
    include_str!("migrations/003_file_settings.sql"),
    include_str!("migrations/004_agreed_capacity.sql"),
    include_str!("migrations/005_raw_rows.sql"),
    include_str!("migrations/006_questions.sql"),
    include_str!("migrations/007_criteria.sql"),
    include_str!("migrations/008_match_goal.sql"),
    include_str!("migrations/009_surveys.sql"),
    include_str!("migrations/010_criteria_writing.sql"),
    include_str!("migrations/011_stable_goal.sql"),
    include_str!("migrations/013_choices.sql"),
    include_str!("migrations/014_groups.sql"),
    include_str!("migrations/015_waiting_consent_privacy.sql"),
    include_str!("migrations/016_sharing.sql"),
    include_str!("migrations/017_groups_follow_up.sql"),
    include_str!("migrations/018_import_headers.sql"),
    include_str!("migrations/019_import_indexes.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// An open program file: one writer connection plus the lock that keeps other
/// Matchbook processes from writing to it at the same time.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// None when the file is open read-only (nothing to guard).
    _lock: Option<WriterLock>,
    read_only: bool,
    /// The copy of a bulk write's log into the file, made after it returned.
    checkpoint: checkpoint::Checkpoint,
}

impl Drop for Store {
    fn drop(&mut self) {
        self.checkpoint.wait();
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if missing) the program file at `path`, migrating it to
    /// the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        let path = absolute(path);
        check_is_sqlite(&path)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::FileAccess {
                path: parent.to_path_buf(),
                detail: e.to_string(),
            })?;
        }
        if path.exists() && !writable(&path) {
            return Store::open_read_only(path);
        }
        let lock_path = WriterLock::path_for(&path);
        let had_lock_file = lock_path.exists();
        let lock = WriterLock::acquire(&path)?;
        let opened = Store::open_locked(path, lock);
        if opened.is_err() && !had_lock_file {
            // A refused file gets no sidecar left beside it.
            let _ = std::fs::remove_file(&lock_path);
        }
        opened
    }

    fn open_locked(path: PathBuf, lock: WriterLock) -> Result<Store> {
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::FileAccess {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mut store = Store {
            conn,
            path,
            _lock: Some(lock),
            read_only: false,
            checkpoint: Default::default(),
        };
        store.check_identity()?;
        // Deleted data is overwritten with zeros, not left in free pages
        // (erasing a person must leave no trace in the file), from before the
        // migrations: a migration that rebuilds a table frees its old pages.
        store.conn.pragma_update(None, "secure_delete", "ON")?;
        store.migrate()?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        changes::install(&store.conn)?;
        // WAL only once the file is known to be ours: a refused file stays untouched.
        store.conn.pragma_update(None, "journal_mode", "WAL")?;
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A large import is one transaction; a 64 MiB page cache keeps it from
        // spilling half-written pages to the WAL before it commits.
        store.conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(store)
    }

    /// Where the program file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opened read-only because the file or its folder cannot be written
    /// (a read-only share, a locked USB stick, a CD): everything can be
    /// looked at and copied, nothing changed.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn open_read_only(path: PathBuf) -> Result<Store> {
        // `immutable`: no -wal/-shm files can be made beside it, and nobody
        // can change a file in a read-only place while we read it.
        let uri = format!(
            "file:{}?immutable=1",
            path.to_string_lossy()
                .replace('%', "%25")
                .replace('?', "%3f")
                .replace('#', "%23")
        );
        let conn = Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::FileAccess {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let store = Store {
            conn,
            path,
            _lock: None,
            read_only: true,
            checkpoint: Default::default(),
        };
        store.check_identity()?;
        let version = store.schema_version()?;
        if version != SCHEMA_VERSION {
            return Err(Error::Invalid(format!(
                "{} was made by an earlier Matchbook and must be updated before use, but it is in a read-only location. Copy it to a folder you can write to and open the copy.",
                store.path.display()
            )));
        }
        Ok(store)
    }

    fn refuse_if_read_only(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly(self.path.clone()));
        }
        Ok(())
    }

    /// The connection, for the core's own modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one immediate transaction: all of it lands or none of it does.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.refuse_if_read_only()?;
        self.checkpoint.wait();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        changes::record(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` as `write` does, for a write that adds many records to
    /// `tables` and only adds to them (an import): they are noted together
    /// at the end rather than one by one (see `bulk.rs`).
    pub(crate) fn write_adding<T>(
        &mut self,
        tables: &[&'static str],
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        // What a bulk write adds refers to records it added itself or its
        // caller checked, so SQLite's check of each reference is left out
        // (7% of a large import). Debug builds, so every test, check them all.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.write(|tx| {
                let bulk = bulk::Bulk::begin(tx, tables)?;
                let value = work(tx)?;
                #[cfg(debug_assertions)]
                bulk::references_hold(tx)?;
                bulk.end(tx)?;
                Ok(value)
            })
        }));
        // Checked again and copied automatically again, even after a panic
        // (the window carries on after one, with this connection).
        let checking = self.conn.pragma_update(None, "foreign_keys", true);
        let copying =
            self.conn
                .pragma_update(None, "wal_autocheckpoint", checkpoint::AUTOMATIC_PAGES);
        let written = written.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        checking?;
        copying?;
        if written.is_ok() {
            self.checkpoint = checkpoint::Checkpoint::start(&self.path);
        }
        written
    }

    /// Runs `work` as `write` does, for changes that came from another
    /// computer: they are logged as that computer's, not noted as this one's.
    pub(crate) fn write_applying<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.refuse_if_read_only()?;
        self.checkpoint.wait();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO temp.applying VALUES (1)", [])?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let value = work(&tx)?;
        tx.execute("DELETE FROM temp.applying", [])?;
        tx.execute("DELETE FROM temp.touched", [])?;
        tx.commit()?;
        Ok(value)
    }

    /// Copies everything in the write-ahead log into the file and empties the
    /// log, so no older copy of a changed page stays beside the file.
    pub(crate) fn checkpoint(&mut self) -> Result<()> {
        self.refuse_if_read_only()?;
        self.checkpoint.wait();
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The file's schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Writes a consistent copy of the whole file to `target` (which must not be
    /// the open file itself); an existing file at `target` is replaced. The
    /// copy is written under a `.partial` name and renamed, so an interrupted
    /// copy never looks like a finished one.
    pub fn save_copy(&self, target: &Path) -> Result<()> {
        let target = absolute(target);
        if target == self.path {
            return Err(Error::Invalid(
                "A copy cannot be saved over the open program file; choose another name.".into(),
            ));
        }
        vacuum_into(&self.conn, &target)
    }

    fn check_identity(&self) -> Result<()> {
        let app_id: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| damaged(&self.path, format!("SQLite cannot read it ({e})")))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| damaged(&self.path, format!("SQLite cannot read it ({e})")))?;
        let is_empty = tables == 0 && app_id == 0;
        if !is_empty && app_id != APPLICATION_ID {
            return Err(Error::NotMatchbook(self.path.clone()));
        }
        let version = self.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: self.path.clone(),
                file_version: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let from = self.schema_version()?;
        if from == SCHEMA_VERSION {
            return Ok(());
        }
        if from > 0 {
            let backup = backup_path(&self.path, from);
            self.save_copy(&backup)?;
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let version = index as i32 + 1;
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(sql).map_err(|e| Error::Migration {
                version,
                detail: e.to_string(),
            })?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// Writes a consistent copy of the database `conn` reads to `target`, under
/// a `.partial` name first, then renamed; an existing `target` is replaced.
fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    let access = |path: &Path, e: String| Error::FileAccess {
        path: path.to_path_buf(),
        detail: e,
    };
    let mut partial_name = target.file_name().unwrap_or_default().to_os_string();
    partial_name.push(".partial");
    let partial = target.with_file_name(partial_name);
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(|e| access(&partial, e.to_string()))?;
    }
    let partial_text = partial.to_string_lossy().to_string();
    if let Err(e) = conn.execute("VACUUM INTO ?1", [&partial_text]) {
        let _ = std::fs::remove_file(&partial);
        return Err(access(target, e.to_string()));
    }
    std::fs::rename(&partial, target).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        access(target, e.to_string())
    })
}

/// Whether Matchbook may write the file and make files beside it (its lock,
/// the write-ahead log). Tried, not guessed from permission bits.
fn writable(path: &Path) -> bool {
    let file_ok = OpenOptions::new().write(true).open(path).is_ok();
    let probe = path.with_file_name(format!(".matchbook-write-test-{}", std::process::id()));
    let dir_ok = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map(|_| std::fs::remove_file(&probe).is_ok())
        .unwrap_or(false);
    file_ok && dir_ok
}

/// `name.sqlite.bak-v{old}`: the copy written beside a file before it is migrated.
pub fn backup_path(path: &Path, old_version: i32) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bak-v{old_version}"));
    path.with_file_name(name)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Refuses a non-empty file that does not start with SQLite's header, before
/// SQLite gets a chance to touch it.
fn check_is_sqlite(path: &Path) -> Result<()> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::FileAccess {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })
        }
    };
    if path.is_dir() {
        return Err(Error::NotSqlite(path.to_path_buf()));
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(Error::FileAccess {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                })
            }
        }
    }
    if read == 0 {
        return Ok(());
    }
    if read < 16 || &header[..16] != SQLITE_MAGIC {
        return Err(Error::NotSqlite(path.to_path_buf()));
    }
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    match expected_length(&header[..read]) {
        Some(expected) if length < expected => Err(damaged(
            path,
            format!("it holds {length} bytes where its own header says {expected}"),
        )),
        None if read < header.len() => Err(damaged(path, "it ends inside its header".into())),
        _ => Ok(()),
    }
}

/// The length a SQLite file's header says it has (page size × page count),
/// when the header's page count is current (the "version valid for" number
/// matches the change counter, as SQLite since 3.7 always writes it).
fn expected_length(header: &[u8]) -> Option<u64> {
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(header.get(at..at + 4)?.try_into().ok()?))
    };
    let page_size = match u16::from_be_bytes(header.get(16..18)?.try_into().ok()?) {
        1 => 65_536,
        n => u64::from(n),
    };
    let (changes, valid_for, pages) = (word(24)?, word(92)?, word(28)?);
    (changes == valid_for && pages > 0 && page_size >= 512).then(|| page_size * u64::from(pages))
}

/// A damaged program file, with the newest backup beside it to offer.
pub(crate) fn damaged(path: &Path, reason: String) -> Error {
    let newest_backup = backups::list_backups(path)
        .ok()
        .and_then(|list| {
            list.into_iter()
                .find(|b| backups::check_backup(&b.path).is_ok())
        })
        .map(|b| (b.path, b.made_at));
    Error::Damaged {
        path: path.to_path_buf(),
        reason,
        newest_backup,
    }
}

/// An exclusive OS lock on `<file>.lock` beside the program file, released when
/// the process ends however it ends. A sidecar file rather than a lock on the
/// database itself, because on Windows a whole-file lock would block SQLite.
struct WriterLock {
    _file: File,
}

impl WriterLock {
    fn path_for(db_path: &Path) -> PathBuf {
        let mut name = db_path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        db_path.with_file_name(name)
    }

    fn acquire(db_path: &Path) -> Result<WriterLock> {
        let lock_path = WriterLock::path_for(db_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::FileAccess {
                path: lock_path.clone(),
                detail: e.to_string(),
            })?;
        match file.try_lock() {
            Ok(()) => Ok(WriterLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(Error::AlreadyOpen(db_path.to_path_buf()))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(Error::FileAccess {
                path: lock_path,
                detail: e.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
