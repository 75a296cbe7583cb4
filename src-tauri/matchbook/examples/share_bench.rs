//! `make bench`: a shared program's cost. The sample cohort (40 mentors, 60
//! participants, matched and confirmed) is shared by one computer; it then
//! logs 1,000 meetings, each written to the folder as its own change file,
//! and a second computer that joined before applies all 1,000 in one sync.
//! Also the folder's size against the program file's (the goal: at most
//! twice, plus snapshots). Release build, the real `share` paths.

use std::path::Path;
use std::time::Instant;

use matchbook::share;
use matchbook::tracking::{self, MeetingInput};
use matchbook::Store;

type Outcome<T> = Result<T, Box<dyn std::error::Error>>;

const FILES: usize = 1_000;

fn folder_bytes(folder: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_bytes(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

fn main() -> Outcome<()> {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("Shared");
    let mut ana = Store::open(&dir.path().join("ana.sqlite"))?;
    let program = matchbook::sample::load_sample_program(&mut ana)?;
    matchbook::matching::run(&mut ana, program.id, matchbook::matching::Goal::Total)?;
    matchbook::matching::confirm(&mut ana, program.id)?;
    let start = Instant::now();
    share::init(&mut ana, &folder, "Ana")?;
    let init = start.elapsed();
    let mut ben = Store::open(&dir.path().join("ben.sqlite"))?;
    let start = Instant::now();
    share::join(&mut ben, &folder, "Ben")?;
    let join = start.elapsed();

    let pairs: Vec<i64> = tracking::dashboard(&ana, program.id, matchbook::time::today())?
        .pairs
        .iter()
        .map(|p| p.match_id)
        .collect();
    let today = matchbook::time::today();
    for i in 0..FILES {
        let input = MeetingInput {
            date: today.to_string(),
            notes: format!("Meeting {i}: talked about the next conference"),
            ..MeetingInput::default()
        };
        tracking::add_meeting(&mut ana, pairs[i % pairs.len()], &input, today)?;
        share::publish_pending(&mut ana)?;
    }
    let start = Instant::now();
    let report = share::sync(&mut ben)?;
    let apply = start.elapsed();
    assert_eq!(report.applied, FILES, "every change file applied");

    ana.save_copy(&dir.path().join("ana-copy.sqlite"))?;
    let file = std::fs::metadata(dir.path().join("ana-copy.sqlite"))?.len();
    // The budget is for the change files; snapshots come on top.
    let shared = folder_bytes(&folder) - folder_bytes(&folder.join("snapshots"));
    let snapshots = folder_bytes(&folder.join("snapshots"));
    println!(
        "{:<58} {:>9.1} ms",
        "share init (sample cohort, matched)",
        init.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>9.1} ms",
        "share join (applies the whole program)",
        join.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>9.1} ms",
        "apply 1,000 change files (one meeting each)",
        apply.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>9.2} x",
        format!(
            "shared folder / program file ({} KB / {} KB)",
            shared / 1024,
            file / 1024
        ),
        shared as f64 / file as f64
    );
    println!(
        "{:<58} {:>9} KB",
        "  plus the newest snapshot",
        snapshots / 1024
    );
    Ok(())
}
