//! Running the headless `matchbook` command on a program file, and the
//! program files the command tests start from (empty, one program, the
//! sample cohort, the sample cohort matched and confirmed).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What one run of the command did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `matchbook --db DB ARGS…` headless: no display of any kind may be needed.
pub fn matchbook(db: &Path, args: &[&str]) -> Run {
    run(db, None, args)
}

/// Like [`matchbook`], with "today" set to `today` (YYYY-MM-DD), as a
/// committee member working on that day would run it.
pub fn matchbook_on(db: &Path, today: &str, args: &[&str]) -> Run {
    run(db, Some(today), args)
}

/// Runs the command; `today` (YYYY-MM-DD) sets MATCHBOOK_TODAY, `None` unsets it.
pub fn run(db: &Path, today: Option<&str>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_matchbook"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MATCHBOOK_TODAY")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    if let Some(today) = today {
        command.env("MATCHBOOK_TODAY", today);
    }
    let output = command.output().expect("run matchbook");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The stdout of a run that must succeed; a failure shows the arguments and stderr.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let run = matchbook(db, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// The JSON on stdout of a successful run.
pub fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
}

/// A fresh folder and the path of a program file in it (not created yet).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("program.sqlite");
    (dir, db)
}

/// A program file holding one empty program called `name`.
pub fn one_program(name: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = temp_db();
    ok(&db, &["program", "create", "--name", name]);
    (dir, db)
}

/// A program file holding the sample cohort: 40 mentors, 60 participants.
pub fn sample() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = temp_db();
    ok(&db, &["sample"]);
    (dir, db)
}

/// The sample cohort, with `program edit EDIT…` applied (when not empty),
/// then matched and the matches confirmed.
pub fn confirmed_sample(edit: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = temp_db();
    for step in confirmed_sample_steps(edit) {
        ok(&db, &step);
    }
    (dir, db)
}

/// The commands that make [`confirmed_sample`], for tests that run them elsewhere (a window's file).
pub fn confirmed_sample_steps<'a>(edit: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut steps = vec![vec!["sample"]];
    if !edit.is_empty() {
        steps.push([&["program", "edit"][..], edit].concat());
    }
    steps.push(vec!["match", "run"]);
    steps.push(vec!["match", "confirm"]);
    steps
}

/// The program file's bytes with its WAL checkpointed, so "unchanged" means unchanged.
pub fn snapshot(db: &Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(db).expect("open for snapshot");
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
    drop(conn);
    std::fs::read(db).expect("read program file")
}
