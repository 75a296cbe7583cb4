//! The window process killed (SIGKILL) in the middle of importing a large
//! spreadsheet: afterwards the program file passes `PRAGMA integrity_check`
//! and the import is wholly there or wholly absent.

use std::path::Path;
use std::time::Duration;

use crate::support::applications;
use crate::support::desktop::{desktop_available, Desktop};
use crate::support::wait;

const ROWS: usize = 3000;

fn people_and_integrity(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .expect("count")
}

/// Nobody holds the program file's writer lock (`<file>.lock`, see `store`).
fn writer_lock_is_free(db: &Path) -> bool {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    match std::fs::File::open(db.with_file_name(name)) {
        Ok(file) => file.try_lock().is_ok(),
        Err(_) => true,
    }
}

#[test]
fn killing_the_window_during_an_import_loses_nothing_and_corrupts_nothing() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["program", "create", "--name", "Crash 2027", "--json"]);
    let dir = tempfile::tempdir().expect("dir");
    let db = desktop.default_program_file();
    let mut expected = 0i64;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(1)
        | 1;
    eprintln!("seed {seed}");
    for batch in 0..3 {
        let file = dir.path().join(format!("participants-{batch}.csv"));
        applications::write_participants(&file, ROWS, batch);
        let app = desktop.launch();
        app.click(".place[data-place='applications']");
        app.drop_files(&[&file]);
        app.wait_for("#import-run");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let after = Duration::from_millis(seed % 600);
        app.click("#import-run");
        // The wait is the test: the kill lands at a random moment of the import.
        std::thread::sleep(after);
        let pid = desktop.window_pid().expect("the window's process");
        // SIGKILL: no chance to clean up, like a crash or a pulled plug.
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status();
        wait::until_true(Duration::from_secs(10), "the window to die", || {
            desktop.window_pid().is_none()
        });
        // The next window needs the program file's writer lock, which the
        // kernel frees only when the dead process's files are closed: a
        // process caught in disk I/O can take a while after it stops showing.
        wait::until_true(
            Duration::from_secs(30),
            "the dead window's lock to be freed",
            || writer_lock_is_free(&db),
        );
        let people = people_and_integrity(&db);
        assert!(
            people == expected || people == expected + ROWS as i64,
            "killed {after:?} after Import: {people} people (expected {expected} or {})",
            expected + ROWS as i64
        );
        eprintln!(
            "batch {batch}: killed {after:?} after Import, import {}",
            if people == expected {
                "absent"
            } else {
                "complete"
            }
        );
        expected = people;
        app.quit();
    }
}
