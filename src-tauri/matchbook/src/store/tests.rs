use super::*;
use tempfile::TempDir;

fn temp() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("programs.sqlite");
    (dir, path)
}

fn checksum(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn new_file_is_created_at_current_version_with_wal_and_foreign_keys() {
    let (_dir, path) = temp();
    let store = Store::open(&path).expect("open");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let app_id: i32 = store
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
    for table in [
        "programs",
        "people",
        "applications",
        "imports",
        "matches",
        "match_events",
        "goals",
        "goal_updates",
        "meetings",
        "letters",
        "pair_rules",
        "match_versions",
    ] {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table} exists");
    }
}

#[test]
fn reopening_keeps_data_and_writes_no_backup() {
    let (dir, path) = temp();
    {
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO programs (name, created_at, updated_at) VALUES ('A', 'x', 'x')",
                [],
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".bak-v")
        })
        .count();
    assert_eq!(backups, 0);
}

#[test]
fn a_file_from_a_newer_matchbook_is_refused_and_left_untouched() {
    let (_dir, path) = temp();
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE programs(id INTEGER PRIMARY KEY);")
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = checksum(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer version of Matchbook"));
    assert_eq!(checksum(&path), before);
}

#[test]
fn a_database_of_another_program_is_refused_and_left_untouched() {
    let (_dir, path) = temp();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL);")
            .unwrap();
    }
    let before = checksum(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotMatchbook(_)), "{err}");
    assert_eq!(checksum(&path), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let (_dir, path) = temp();
    std::fs::write(&path, "Name,Email\nAnna,anna@example.org\n").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotSqlite(_)), "{err}");
    assert!(err.to_string().contains("not a SQLite file"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Name,Email\nAnna,anna@example.org\n"
    );
}

#[test]
fn an_empty_file_becomes_a_program_file() {
    let (_dir, path) = temp();
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_second_writer_is_told_the_file_is_already_open() {
    let (_dir, path) = temp();
    let _first = Store::open(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::AlreadyOpen(_)), "{err}");
    assert!(err.to_string().contains("already open"));
}

#[test]
fn the_lock_is_released_when_the_store_closes() {
    let (_dir, path) = temp();
    drop(Store::open(&path).unwrap());
    Store::open(&path).expect("reopen after close");
}

/// Simulates a file written by an earlier schema version by running only the
/// first `version` migrations by hand.
fn file_at_version(path: &Path, version: usize) {
    let conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", version as i32)
        .unwrap();
}

#[test]
fn migrating_from_every_earlier_version_writes_a_backup_first() {
    for old in 1..SCHEMA_VERSION as usize {
        let (dir, path) = temp();
        file_at_version(&path, old);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let backup = backup_path(&path, old as i32);
        assert!(
            backup.exists(),
            "backup for v{old} in {}",
            dir.path().display()
        );
        let conn = Connection::open(&backup).unwrap();
        let v: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, old as i32);
    }
}

#[test]
fn backup_path_is_beside_the_file() {
    let p = backup_path(Path::new("/tmp/x/programs.sqlite"), 3);
    assert_eq!(p, Path::new("/tmp/x/programs.sqlite.bak-v3"));
}

#[test]
fn save_copy_writes_a_readable_program_file_and_refuses_itself() {
    let (dir, path) = temp();
    let store = Store::open(&path).unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO programs (name, created_at, updated_at) VALUES ('A', 'x', 'x')",
            [],
        )
        .unwrap();
    let copy = dir.path().join("copy.sqlite");
    store.save_copy(&copy).unwrap();
    store.save_copy(&copy).expect("replacing an earlier copy");
    assert!(store.save_copy(&path).is_err());
    drop(store);
    let copy_store = Store::open(&copy).unwrap();
    let n: i64 = copy_store
        .conn()
        .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    let result: Result<()> = store.write(|tx| {
        tx.execute(
            "INSERT INTO programs (name, created_at, updated_at) VALUES ('A', 'x', 'x')",
            [],
        )?;
        Err(Error::Invalid("stop".into()))
    });
    assert!(result.is_err());
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

fn programs_in(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn backups_roll_and_a_restore_brings_the_old_state_back() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    assert!(backups::list_backups(&path).unwrap().is_empty());
    store.set_backups_to_keep(3).unwrap();
    assert!(store.set_backups_to_keep(0).is_err());
    let input = |name: &str| crate::programs::ProgramInput {
        name: name.into(),
        ..Default::default()
    };
    crate::programs::create_program(&mut store, &input("One")).unwrap();
    let first = store.backup("before import").unwrap();
    assert!(first.starts_with(backups::backup_folder(&path)));
    for name in ["Two", "Three", "Four", "Five"] {
        crate::programs::create_program(&mut store, &input(name)).unwrap();
        store.backup("before confirming matches").unwrap();
    }
    let list = backups::list_backups(&path).unwrap();
    assert_eq!(list.len(), 3, "the newest three are kept: {list:?}");
    assert!(!first.exists(), "the oldest went");
    assert_eq!(list[0].reason, "before confirming matches");
    assert!(list[0].made_at >= list[2].made_at);
    // No half-written copy is left behind.
    let folder = std::fs::read_dir(backups::backup_folder(&path)).unwrap();
    assert!(folder
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().ends_with(".partial")));

    // The oldest kept backup has three programs; restoring it brings that back.
    let oldest = list.last().unwrap().path.clone();
    assert_eq!(programs_in(&store), 5);
    let store = backups::restore_backup(store, &oldest).unwrap();
    assert_eq!(programs_in(&store), 3);
    // The state before the restore was backed up, so the restore can be undone too.
    let after = backups::list_backups(&path).unwrap();
    assert_eq!(after[0].reason, "before restore");
    let store = backups::restore_backup(store, &after[0].path).unwrap();
    assert_eq!(programs_in(&store), 5);
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_the_file_left_as_it_was() {
    let (dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    crate::programs::create_program(
        &mut store,
        &crate::programs::ProgramInput {
            name: "Kept".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, b"SQLite format 3\0 but not really").unwrap();
    drop(store);
    let before = checksum(&path);
    for bad in [&foreign, &garbage] {
        let store = Store::open(&path).unwrap();
        let err = backups::restore_backup(store, bad).unwrap_err().to_string();
        assert!(err.contains("cannot be restored"), "{err}");
        let reopened = Store::open(&path).unwrap();
        assert_eq!(programs_in(&reopened), 1);
    }
    assert_eq!(checksum(&path), before, "the file was left as it was");
}

/// Makes a file and its folder unchangeable even for root (`chattr +i`), or
/// says why it cannot here.
fn make_immutable(paths: &[&Path], on: bool) -> bool {
    paths.iter().all(|p| {
        std::process::Command::new("chattr")
            .arg(if on { "+i" } else { "-i" })
            .arg(p)
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn a_file_in_a_read_only_place_opens_read_only_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("share");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("programs.sqlite");
    {
        let mut store = Store::open(&path).unwrap();
        crate::programs::create_program(
            &mut store,
            &crate::programs::ProgramInput {
                name: "On the share".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let _ = std::fs::remove_file(folder.join("programs.sqlite.lock"));
    if !make_immutable(&[&path, &folder], true) {
        assert!(
            std::env::var_os("CI").is_none(),
            "chattr is needed for this test in CI"
        );
        eprintln!("skipping: cannot make a read-only place here");
        return;
    }
    let outcome = std::panic::catch_unwind(|| {
        let before = checksum(&path);
        let mut store = Store::open(&path).expect("opens read-only");
        assert!(store.is_read_only());
        assert_eq!(programs_in(&store), 1);
        let err = crate::programs::create_program(
            &mut store,
            &crate::programs::ProgramInput {
                name: "Another".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(matches!(err, Error::ReadOnly(_)), "{err}");
        assert!(store.backup("before import").is_err());
        // A copy can still be saved elsewhere, and that copy is writable.
        let copy = dir.path().join("copy.sqlite");
        store.save_copy(&copy).unwrap();
        drop(store);
        assert_eq!(checksum(&path), before);
        let copy = Store::open(&copy).unwrap();
        assert!(!copy.is_read_only());
        assert_eq!(programs_in(&copy), 1);
    });
    make_immutable(&[&path, &folder], false);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn version_5_stores_each_distinct_raw_row_once_and_keeps_every_application() {
    let (_dir, path) = temp();
    file_at_version(&path, 4);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO programs (id, name, created_at, updated_at) VALUES (1, 'A', 'x', 'x');
             INSERT INTO people (id, program_id, role, name, created_at, updated_at)
                 VALUES (1, 1, 'mentor', 'Ada', 'x', 'x');
             INSERT INTO applications (person_id, source_file, row_number, raw_json, received_at)
                 VALUES (1, 'a.csv', 2, '{\"Name\":\"Ada\"}', 'x'),
                        (1, 'a.csv', 3, '{\"Name\":\"Ada\"}', 'x'),
                        (1, 'b.csv', 2, '{\"Name\":\"Ada L.\"}', 'x');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let raw_rows: i64 = conn
        .query_row("SELECT count(*) FROM raw_rows", [], |r| r.get(0))
        .unwrap();
    assert_eq!(raw_rows, 2);
    let rows: Vec<(String, i64, String)> = conn
        .prepare(
            "SELECT a.source_file, a.row_number, r.raw_json
             FROM applications a JOIN raw_rows r ON r.id = a.raw_id ORDER BY a.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let ada = r#"{"Name":"Ada"}"#.to_string();
    assert_eq!(
        rows,
        vec![
            ("a.csv".into(), 2, ada.clone()),
            ("a.csv".into(), 3, ada),
            ("b.csv".into(), 2, r#"{"Name":"Ada L."}"#.into()),
        ]
    );
    conn.execute("DELETE FROM people WHERE id = 1", []).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM raw_rows", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the last application takes its raw row with it");
}

#[test]
fn a_file_cut_short_is_called_damaged_names_the_newest_backup_and_is_left_as_it_was() {
    let (_dir, path) = temp();
    {
        let mut store = Store::open(&path).expect("open");
        crate::programs::create_program(
            &mut store,
            &crate::programs::ProgramInput::named("Cohort 2026"),
        )
        .expect("program");
        store.backup("before import").expect("backup");
        // Enough rows that the file has many pages to lose.
        crate::sample::load_sample_program(&mut store).expect("sample");
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
    }
    let whole = checksum(&path);
    assert!(whole.len() > 8192, "{} bytes", whole.len());
    // A copy that failed halfway.
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let cut = checksum(&path);
    let lock = path.with_file_name("programs.sqlite.lock");
    let _ = std::fs::remove_file(&lock);

    let err = Store::open(&path).unwrap_err();
    let Error::Damaged { newest_backup, .. } = &err else {
        panic!("expected a damaged file: {err}");
    };
    let (backup, made_at) = newest_backup.clone().expect("the backup beside it");
    let message = err.to_string();
    assert!(message.contains("is damaged"), "{message}");
    assert!(!message.contains("not a SQLite file"), "{message}");
    assert!(message.contains(&made_at), "{message}");
    assert!(message.contains(&backup.display().to_string()), "{message}");
    assert_eq!(checksum(&path), cut, "the damaged file is untouched");
    assert!(!lock.exists(), "no .lock left beside a refused file");
    // The backup it names opens.
    assert!(Store::open(&backup).is_ok());
}

#[test]
fn a_damaged_file_without_backups_says_so() {
    let (_dir, path) = temp();
    drop(Store::open(&path).expect("open"));
    let whole = checksum(&path);
    std::fs::write(&path, &whole[..60]).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Damaged {
                newest_backup: None,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("no backup beside it"), "{err}");
}

/// A table a later migration adds is shared between computers (with a uid)
/// or named as this computer's own: never forgotten by sharing.
#[test]
fn every_table_is_shared_with_a_uid_or_named_local() {
    let (_dir, path) = temp();
    let store = Store::open(&path).expect("open");
    let mut stmt = store
        .conn()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for table in tables {
        if changes::LOCAL_TABLES.contains(&table.as_str()) {
            continue;
        }
        assert!(
            changes::SHARED_TABLES.contains(&table.as_str()),
            "{table} is neither shared nor local (store/changes.rs)"
        );
        let columns = changes::column_names(store.conn(), &table).unwrap();
        assert!(
            columns.contains(&"uid".to_string()),
            "{table} has no uid column (migration 016's pattern)"
        );
    }
}

/// Migration 017 rebuilds `checkin_responses` so a response may name a
/// group instead of a pair: rows, ids and uids survive, and a response
/// naming neither is refused.
#[test]
fn version_17_keeps_every_check_in_and_lets_one_name_a_group() {
    let (_dir, path) = temp();
    file_at_version(&path, SCHEMA_VERSION as usize - 1);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO programs (id, name, created_at, updated_at) VALUES (1, 'A', 'x', 'x');
             INSERT INTO people (id, program_id, role, name, created_at, updated_at)
                 VALUES (1, 1, 'mentor', 'Ada', 'x', 'x'), (2, 1, 'participant', 'Bo', 'x', 'x');
             INSERT INTO imports (id, program_id, role, file_name, imported_at) VALUES (1, 1, 'participant', 'q1.csv', 'x');
             INSERT INTO match_versions (id, program_id, created_at, status) VALUES (1, 1, 'x', 'confirmed');
             INSERT INTO matches (id, program_id, version_id, participant_id, mentor_id, status)
                 VALUES (1, 1, 1, 2, 1, 'confirmed');
             INSERT INTO match_groups (id, program_id, version_id) VALUES (1, 1, 1);
             INSERT INTO checkin_responses (id, import_id, row_number, match_id, respondent_id, period, responded_on, uid)
                 VALUES (7, 1, 2, 1, 2, 1, '2027-04-02', 'u-seven');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let kept: (i64, Option<i64>, Option<i64>, String) = conn
        .query_row(
            "SELECT id, match_id, group_id, uid FROM checkin_responses",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(kept, (7, Some(1), None, "u-seven".to_string()));
    conn.execute(
        "INSERT INTO checkin_responses (import_id, row_number, group_id, respondent_id, period, responded_on)
         VALUES (1, 3, 1, 2, 1, '2027-04-03')",
        [],
    )
    .expect("a response joined to a group only");
    let neither = conn.execute(
        "INSERT INTO checkin_responses (import_id, row_number, respondent_id, period, responded_on)
         VALUES (1, 4, 2, 1, '2027-04-03')",
        [],
    );
    assert!(neither.is_err(), "a response joined to nothing is refused");
    let duplicate_uid = conn.execute(
        "UPDATE checkin_responses SET uid = 'u-seven' WHERE id <> 7",
        [],
    );
    assert!(duplicate_uid.is_err(), "uids stay unique");
}
