//! Moving a program to a safer place: a consistent copy of a program file
//! that is not open here (one in a cloud-synced folder, say) into a folder
//! of this computer, under a name not taken yet. The original is only read.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{check_is_sqlite, vacuum_into, APPLICATION_ID};
use crate::error::{Error, Result};

/// `folder/NAME`, or `folder/STEM 2.EXT`, `STEM 3.EXT`… when that is taken.
pub fn unused_path_in(folder: &Path, name: &str) -> Result<PathBuf> {
    let as_given = Path::new(name);
    let stem = as_given
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "Matchbook".into());
    let extension = as_given
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_else(|| ".matchbook".into());
    (1..100)
        .map(|n| match n {
            1 => folder.join(format!("{stem}{extension}")),
            n => folder.join(format!("{stem} {n}{extension}")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{} already holds 99 files named {stem}; choose another folder.",
                folder.display()
            ))
        })
}

/// Copies the program file `from` into `folder` (made if missing) under its
/// own name, or the next free one, and returns the copy's path. The copy is
/// consistent even if another program is writing to `from` (SQLite's
/// `VACUUM INTO`, with what its journal holds); `from` is not changed.
pub fn copy_into_folder(from: &Path, folder: &Path) -> Result<PathBuf> {
    check_is_sqlite(from)?;
    if !from.is_file() {
        return Err(Error::NotFound(format!(
            "{} is no longer there; it may have been moved or deleted. Open it again from where it is now.",
            from.display()
        )));
    }
    std::fs::create_dir_all(folder).map_err(|e| Error::FileAccess {
        path: folder.to_path_buf(),
        detail: e.to_string(),
    })?;
    let name = from.file_name().unwrap_or_default().to_string_lossy();
    let target = unused_path_in(folder, &name)?;
    let conn = open_for_reading(from)?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID && app_id != 0 {
        return Err(Error::NotMatchbook(from.to_path_buf()));
    }
    vacuum_into(&conn, &target)?;
    Ok(target)
}

/// A read-only connection; a file in WAL mode whose journal index cannot be
/// made read-only is opened for writing instead (it is still only read).
pub(super) fn open_for_reading(path: &Path) -> Result<Connection> {
    let open = |flags: OpenFlags| -> Result<Connection> {
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| Error::FileAccess {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(conn)
    };
    open(OpenFlags::SQLITE_OPEN_READ_ONLY).or_else(|_| open(OpenFlags::SQLITE_OPEN_READ_WRITE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_program_file_is_copied_whole_under_a_free_name_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("Dropbox/Committee");
        std::fs::create_dir_all(&shared).unwrap();
        let original = shared.join("Committee 2027.matchbook");
        let mut store = Store::open(&original).unwrap();
        crate::sample::load_sample_program(&mut store).unwrap();
        let local = dir.path().join("Local");
        // Copied while the other program still has it open (its journal holds changes).
        let first = copy_into_folder(&original, &local).unwrap();
        assert_eq!(first, local.join("Committee 2027.matchbook"));
        drop(store);
        let before = std::fs::read(&original).unwrap();
        let second = copy_into_folder(&original, &local).unwrap();
        assert_eq!(second, local.join("Committee 2027 2.matchbook"));
        assert_eq!(
            std::fs::read(&original).unwrap(),
            before,
            "the original is only read"
        );
        for copy in [first, second] {
            let store = Store::open(&copy).unwrap();
            let people: i64 = store
                .conn()
                .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
                .unwrap();
            assert_eq!(people, 100, "{}", copy.display());
        }
    }

    #[test]
    fn what_is_not_a_program_file_is_not_copied() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.matchbook");
        std::fs::write(&text, "not a database").unwrap();
        assert!(matches!(
            copy_into_folder(&text, dir.path()),
            Err(Error::NotSqlite(_))
        ));
        let other = dir.path().join("other.sqlite");
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("PRAGMA application_id = 7; CREATE TABLE t(x);")
            .unwrap();
        drop(conn);
        assert!(matches!(
            copy_into_folder(&other, &dir.path().join("to")),
            Err(Error::NotMatchbook(_))
        ));
        let gone = copy_into_folder(&dir.path().join("gone.matchbook"), dir.path()).unwrap_err();
        assert!(gone.to_string().contains("no longer there"), "{gone}");
    }
}
