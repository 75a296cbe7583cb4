//! Bulk writes: an import adds tens of thousands of records in one
//! transaction, and a trigger call per record cost more than writing the
//! records (measured on the 10,000-row workbook of `make bench`: about 180 ms
//! of a 720 ms import). For the tables such a write only adds to, the
//! per-record trigger is dropped for the write, and the records it added are
//! noted afterwards in one note per table: every record past the table's
//! highest rowid before the write (op `I`, spelled out by `changes::record`).

use rusqlite::Transaction;

use super::changes::added_trigger;
use super::tables::SHARED_TABLES;
use crate::error::{Error, Result};

/// The tables a bulk write adds to, each with its highest rowid before it.
pub(crate) struct Bulk {
    marks: Vec<(&'static str, i64)>,
}

impl Bulk {
    /// Notes where each table ends and stops noting its additions one by
    /// one. The tables must be shared tables the write only adds to (a
    /// record removed and its rowid reused would be missed). Both steps are
    /// part of the transaction, so a failed write restores the triggers.
    pub(crate) fn begin(tx: &Transaction<'_>, tables: &[&'static str]) -> Result<Bulk> {
        let mut marks = Vec::with_capacity(tables.len());
        for &table in tables {
            if !SHARED_TABLES.contains(&table) {
                return Err(Error::Invalid(format!(
                    "{table} is not a shared table; a bulk write notes only those"
                )));
            }
            let mark: i64 = tx.query_row(
                &format!("SELECT coalesce(max(rowid), 0) FROM main.{table}"),
                [],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP TRIGGER IF EXISTS temp.{table}_added"))?;
            marks.push((table, mark));
        }
        Ok(Bulk { marks })
    }

    /// Notes every record the write added, as the triggers would have (an
    /// added record's later edits within the write are part of its adding),
    /// and puts the triggers back.
    pub(crate) fn end(self, tx: &Transaction<'_>) -> Result<()> {
        for (table, mark) in self.marks {
            tx.execute(
                "DELETE FROM temp.touched WHERE tbl = ?1 AND rid > ?2 AND op = 'u'",
                rusqlite::params![table, mark],
            )?;
            tx.execute(
                "INSERT INTO temp.touched (tbl, rid, op, uid, cols) VALUES (?1, ?2, 'I', NULL, NULL)",
                rusqlite::params![table, mark],
            )?;
            tx.execute_batch(&added_trigger(table))?;
        }
        Ok(())
    }
}

/// Every reference in the file holds: a bulk write runs without SQLite
/// checking them one by one, so debug builds (every test) check after it.
#[cfg(debug_assertions)]
pub(crate) fn references_hold(tx: &Transaction<'_>) -> Result<()> {
    use rusqlite::OptionalExtension;
    let broken: Option<String> = tx
        .query_row(
            "SELECT \"table\" || ' record ' || rowid || ' refers to a missing ' || parent
             FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match broken {
        Some(broken) => Err(Error::Invalid(format!(
            "A bulk write broke a reference ({broken}); nothing was changed."
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::programs::{create_program, ProgramInput};
    use crate::store::Store;

    fn added_triggers(store: &Store) -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_added' ESCAPE '\\'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn people(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
            .unwrap()
    }

    fn checks_references(store: &Store) -> bool {
        store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get::<_, i64>(0))
            .unwrap()
            == 1
    }

    fn last_entry(store: &Store) -> String {
        store
            .conn()
            .query_row(
                "SELECT what FROM change_log ORDER BY rowid DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn add_people(tx: &rusqlite::Transaction<'_>, program: i64, n: usize) {
        for i in 0..n {
            tx.execute(
                "INSERT INTO people (program_id, role, name, email, created_at, updated_at)
                 VALUES (?1, 'mentor', ?2, ?3, '2026-12-07', '2026-12-07')",
                rusqlite::params![program, format!("Person {i}"), format!("p{i}@example.org")],
            )
            .unwrap();
        }
        // An edit of a record added in the same write is part of adding it.
        tx.execute(
            "UPDATE people SET library = 'Library 1' WHERE email = 'p0@example.org'",
            [],
        )
        .unwrap();
    }

    fn one_program() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.sqlite")).unwrap();
        let program = create_program(&mut store, &ProgramInput::named("One"))
            .unwrap()
            .id;
        (dir, store, program)
    }

    #[test]
    fn a_bulk_write_is_noted_as_the_triggers_note_it() {
        let (_dir, mut store, program) = one_program();
        let all = added_triggers(&store);
        store
            .write(|tx| {
                add_people(tx, program, 3);
                Ok(())
            })
            .unwrap();
        let one_by_one = last_entry(&store);
        store
            .write_adding(&["people"], |tx| {
                add_people(tx, program, 3);
                Ok(())
            })
            .unwrap();
        assert_eq!(last_entry(&store), "3 people added");
        // The trigger path also notes the edit of a record it just added.
        assert!(one_by_one.starts_with("3 people added"), "{one_by_one}");
        assert_eq!(added_triggers(&store), all);
    }

    fn autocheckpoint(store: &Store) -> i64 {
        store
            .conn()
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap()
    }

    /// Pages in the file itself, as its header says (what the log holds
    /// but has not copied is not counted), and pages as SQLite reads them.
    fn pages_in_file_and_read(store: &Store, path: &std::path::Path) -> (u32, u32) {
        let bytes = std::fs::read(path).unwrap();
        let in_file = u32::from_be_bytes([bytes[28], bytes[29], bytes[30], bytes[31]]);
        let read: u32 = store
            .conn()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        (in_file, read)
    }

    #[test]
    fn a_bulk_write_is_copied_into_the_file_after_it_returns() {
        let (dir, mut store, program) = one_program();
        store
            .write_adding(&["people"], |tx| {
                add_people(tx, program, 2_000);
                Ok(())
            })
            .unwrap();
        // The commit skipped SQLite's own copy, and the setting is back.
        assert_eq!(
            autocheckpoint(&store),
            super::super::checkpoint::AUTOMATIC_PAGES
        );
        // The next write waits for the copy made on the other connection.
        store.write(|_| Ok(())).unwrap();
        let (in_file, read) = pages_in_file_and_read(&store, &dir.path().join("p.sqlite"));
        assert!(read > 50, "a large write: {read} pages");
        assert_eq!(in_file, read, "every page is in the file itself");
        assert_eq!(people(&store), 2_000);
    }

    #[test]
    fn the_backup_made_during_a_bulk_write_holds_the_file_as_it_was_before() {
        let (dir, mut store, program) = one_program();
        store
            .write_adding_after_backup("before import", &["people"], |tx| {
                add_people(tx, program, 500);
                Ok(())
            })
            .unwrap();
        let backups = crate::store::backups::list_backups(store.path()).unwrap();
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, "before import");
        let copy = rusqlite::Connection::open(&backups[0].path).unwrap();
        let count = |conn: &rusqlite::Connection, table: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&copy, "programs"), 1, "the program made before");
        assert_eq!(count(&copy, "people"), 0, "nothing of the write");
        assert_eq!(count(store.conn(), "people"), 500, "the write landed");
        // No backup, no write: a backups folder that cannot be made stops it.
        drop(copy);
        let folder = crate::store::backups::backup_folder(&dir.path().join("p.sqlite"));
        std::fs::remove_dir_all(&folder).unwrap();
        std::fs::write(&folder, "not a folder").unwrap();
        let refused = store.write_adding_after_backup("before import", &["people"], |tx| {
            add_people(tx, program, 5);
            Ok(())
        });
        assert!(refused.is_err());
        assert_eq!(count(store.conn(), "people"), 500);
    }

    #[test]
    fn a_failed_bulk_write_puts_the_triggers_back() {
        let (_dir, mut store, program) = one_program();
        let all = added_triggers(&store);
        assert!(all > 20, "{all}");
        let failed: crate::error::Result<()> = store.write_adding(&["people", "raw_rows"], |tx| {
            add_people(tx, program, 2);
            Err(Error::Invalid("stopped".into()))
        });
        assert!(failed.is_err());
        assert_eq!(added_triggers(&store), all);
        assert_eq!(
            autocheckpoint(&store),
            super::super::checkpoint::AUTOMATIC_PAGES
        );
        assert_eq!(people(&store), 0);
        assert!(
            checks_references(&store),
            "checked again after a bulk write"
        );
        // A table that is not shared is refused, not silently left unnoted.
        let refused = store.write_adding(&["change_log"], |_| Ok(()));
        assert!(refused.is_err());
    }

    #[test]
    fn a_bulk_write_that_breaks_a_reference_is_refused_in_debug_builds() {
        let (_dir, mut store, program) = one_program();
        let written = store.write_adding(&["people", "applications"], |tx| {
            add_people(tx, program, 1);
            tx.execute(
                "INSERT INTO applications (person_id, source_file, row_number, raw_id, received_at)
                 VALUES (999, 'f.csv', 2, 999, '2026-12-07')",
                [],
            )?;
            Ok(())
        });
        if cfg!(debug_assertions) {
            let message = written.unwrap_err().to_string();
            assert!(message.contains("refers to a missing"), "{message}");
            assert_eq!(people(&store), 0);
        }
        assert!(checks_references(&store));
    }

    /// The window carries on after a panic, with the same connection: a
    /// bulk write that panics leaves references checked again and the log
    /// copied automatically again.
    #[test]
    fn a_bulk_write_that_panics_puts_the_checks_back() {
        let (_dir, mut store, program) = one_program();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = store.write_adding(&["people"], |tx| -> crate::error::Result<()> {
                add_people(tx, program, 2);
                panic!("a bug in the middle of a write");
            });
        }));
        assert!(panicked.is_err());
        assert!(checks_references(&store));
        assert_eq!(
            autocheckpoint(&store),
            super::super::checkpoint::AUTOMATIC_PAGES
        );
        assert_eq!(people(&store), 0);
    }
}
