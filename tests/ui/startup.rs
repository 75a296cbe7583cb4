//! `make bench`: the cold start of the window with a 500-person program
//! open, from asking for a WebDriver session to the program's page drawn
//! (the release build, named by MATCHBOOK_BENCH_APP). Ignored by `make test`.

use std::time::{Duration, Instant};

use crate::support::cli;
use crate::support::desktop::{desktop_available, Desktop};

#[test]
#[ignore = "a benchmark; make bench runs it on the release build"]
fn cold_start_with_a_500_person_program() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let file = desktop.default_program_file();
    std::fs::create_dir_all(file.parent().expect("folder")).expect("data folder");
    let run = cli::run(
        &file,
        None,
        &["program", "create", "--name", "Large cohort"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let folder = tempfile::tempdir().expect("folder");
    for (role, n) in [("mentors", 200), ("participants", 300)] {
        let path = folder.path().join(format!("{role}.csv"));
        let mut w = csv::Writer::from_path(&path).expect("csv");
        w.write_record([
            "Email Address",
            "Name",
            "Library",
            "Region",
            "Years working in libraries",
            "Areas (check all that apply)",
        ])
        .expect("header");
        for i in 0..n {
            w.write_record([
                format!("{role}.{i}@example.org"),
                format!(
                    "{} {i}",
                    if role == "mentors" {
                        "Mentor"
                    } else {
                        "Participant"
                    }
                ),
                format!("Library {}", i % 60),
                ["Northeast", "Metro", "Central"][i % 3].to_string(),
                (2 + i % 25).to_string(),
                [
                    "Leadership, Advocacy",
                    "Grant writing",
                    "Budgeting & finance, Leadership",
                ][i % 3]
                    .to_string(),
            ])
            .expect("row");
        }
        w.flush().expect("flush");
        let run = cli::run(
            &file,
            None,
            &["import", path.to_str().expect("path"), "--as", role],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let mut samples = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let app = desktop.launch();
        app.wait_for_text("#current-program-name", "Large cohort");
        app.wait_for(".program-card");
        samples.push(start.elapsed());
        app.quit();
        std::thread::sleep(Duration::from_millis(500));
    }
    samples.sort();
    println!(
        "cold start, 500-person program open, WebDriver session to a drawn page: median {:.0} ms (of {:?} ms)",
        samples[samples.len() / 2].as_secs_f64() * 1e3,
        samples.iter().map(|d| d.as_millis()).collect::<Vec<_>>()
    );
}
