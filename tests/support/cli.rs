//! Shared helpers for black-box tests of the headless `matchbook` command.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `matchbook --db DB ARGS…` headless: no display of any kind may be needed.
pub fn matchbook(db: &Path, args: &[&str]) -> Run {
    run(db, None, args)
}

fn run(db: &Path, today: Option<&str>, args: &[&str]) -> Run {
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

/// The program file's bytes with its WAL checkpointed, so "unchanged" means unchanged.
pub fn snapshot(db: &Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(db).expect("open for snapshot");
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
    drop(conn);
    std::fs::read(db).expect("read program file")
}

/// Like [`matchbook`], with "today" set to `today` (YYYY-MM-DD), as a
/// committee member working on that day would run it.
pub fn matchbook_on(db: &Path, today: &str, args: &[&str]) -> Run {
    run(db, Some(today), args)
}
