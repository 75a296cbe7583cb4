//! Crash safety: the `matchbook` process is killed with SIGKILL at random
//! moments of a large import and of confirming matches. Afterwards the file
//! passes `PRAGMA integrity_check` and each operation is either wholly there
//! or wholly absent; the file opens again as if nothing happened.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::applications;
use crate::support::cli::{matchbook, ok, one_program, sample};

const KILLS: usize = 20;

/// xorshift, seeded from the clock and printed, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(7)
                    | 1
            });
        eprintln!("CRASH_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Copies a program file (with its WAL if any) to a fresh name.
fn copy_db(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy db");
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", from.display()));
        if side.exists() {
            std::fs::copy(&side, format!("{}{suffix}", to.display())).expect("copy wal");
        }
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok", "integrity_check of {}", db.display());
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Starts `matchbook --db DB ARGS…`, kills it after `after`, and says whether it had finished.
fn run_and_kill(db: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_matchbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn matchbook");
    // The wait is the test: the kill lands at a random moment of the run.
    std::thread::sleep(after);
    let finished = child.try_wait().ok().flatten().is_some();
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    finished
}

fn time_of(db: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    ok(db, args);
    start.elapsed()
}

#[test]
fn an_import_killed_at_any_moment_is_all_or_nothing() {
    let (dir, base) = one_program("Crash 2027");
    let rows = 3000;
    let csv = dir.path().join("participants.csv");
    applications::write_participants(&csv, rows as usize, 0);
    let csv = csv.to_str().expect("path");
    let args = ["import", csv, "--as", "participants"];

    let full = dir.path().join("full.sqlite");
    copy_db(&base, &full);
    let took = time_of(&full, &args);
    assert_eq!(count(&full, "SELECT count(*) FROM people"), rows);

    let mut rng = Rng::new();
    let (mut none, mut all) = (0, 0);
    for kill in 0..KILLS {
        let db = dir.path().join(format!("kill-{kill}.sqlite"));
        copy_db(&base, &db);
        let after = Duration::from_micros(rng.below(took.as_micros() as u64 * 11 / 10));
        run_and_kill(&db, &args, after);
        let people = count(&db, "SELECT count(*) FROM people");
        let imports = count(&db, "SELECT count(*) FROM imports");
        assert!(
            (people == 0 && imports == 0) || (people == rows && imports == 1),
            "killed after {after:?}: {people} people, {imports} imports"
        );
        if people == 0 {
            none += 1;
        } else {
            all += 1;
        }
        // The file opens and works again (the writer lock died with the process).
        let again = matchbook(&db, &["people", "list", "--json"]);
        assert_eq!(again.code, 0, "{}", again.stderr);
    }
    eprintln!("import ({took:?}) killed {KILLS} times: {none} left nothing, {all} complete");
}

#[test]
fn confirming_killed_at_any_moment_is_all_or_nothing() {
    let (dir, base) = sample();
    ok(&base, &["match", "run"]);
    let full = dir.path().join("full.sqlite");
    copy_db(&base, &full);
    let took = time_of(&full, &["match", "confirm"]);
    let pairs = count(
        &full,
        "SELECT count(*) FROM matches WHERE status = 'confirmed'",
    );
    assert!(pairs > 40);

    let mut rng = Rng::new();
    let (mut none, mut all) = (0, 0);
    for kill in 0..KILLS {
        let db = dir.path().join(format!("kill-{kill}.sqlite"));
        copy_db(&base, &db);
        let after = Duration::from_micros(rng.below(took.as_micros() as u64 * 11 / 10));
        run_and_kill(&db, &["match", "confirm"], after);
        let confirmed = count(
            &db,
            "SELECT count(*) FROM matches WHERE status = 'confirmed'",
        );
        let events = count(&db, "SELECT count(*) FROM match_events");
        assert!(
            (confirmed == 0 && events == 0) || (confirmed == pairs && events == pairs),
            "killed after {after:?}: {confirmed} confirmed, {events} events"
        );
        if confirmed == 0 {
            none += 1;
        } else {
            all += 1;
        }
        assert_eq!(matchbook(&db, &["match", "show", "--json"]).code, 0);
    }
    eprintln!("confirm ({took:?}) killed {KILLS} times: {none} left nothing, {all} complete");
}

/// A program file cut short (a copy that failed halfway) is called damaged,
/// not "not a SQLite file"; the message names the newest backup beside it
/// and when it was made, the file is left as it was and gets no `.lock`.
#[test]
fn a_damaged_program_file_is_named_with_its_newest_backup() {
    let (_dir, db) = sample();
    let made = ok(&db, &["backups", "make"]);
    assert!(made.starts_with("Backed up to"), "{made}");
    // Everything into the main file, as a copy would take it.
    ok(&db, &["backups", "keep", "10"]);
    let whole = std::fs::read(&db).unwrap();
    std::fs::write(&db, &whole[..whole.len() / 3]).unwrap();
    for side in ["-wal", "-shm", ".lock"] {
        let mut name = db.file_name().unwrap().to_os_string();
        name.push(side);
        let _ = std::fs::remove_file(db.with_file_name(name));
    }
    let cut = std::fs::read(&db).unwrap();

    let out = matchbook(&db, &["program", "list"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("is damaged"), "{}", out.stderr);
    assert!(
        out.stderr.contains("The newest backup beside it is from"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("not a SQLite file"), "{}", out.stderr);
    assert_eq!(std::fs::read(&db).unwrap(), cut);
    let mut lock = db.file_name().unwrap().to_os_string();
    lock.push(".lock");
    assert!(!db.with_file_name(lock).exists());
}
