//! The small cohort the check-in and evaluation fixtures answer for
//! (`tests/fixtures/surveys/`): 3 mentors, 4 participants, kickoff
//! 2026-01-15, 18 months, quarterly; Ada Okafor mentors Dana and Eli.

use std::path::{Path, PathBuf};

use super::cli::ok;
use super::repo_path;

/// A survey fixture (`tests/fixtures/surveys/NAME`).
pub fn survey_fixture(name: &str) -> PathBuf {
    repo_path("tests/fixtures/surveys").join(name)
}

/// The pairs the tests lock: participant, mentor.
pub const PAIRS: [(&str, &str); 4] = [
    ("dana.perez@example.org", "ada.okafor@example.org"),
    ("eli.haugen@example.org", "ada.okafor@example.org"),
    ("fatima.nasser@example.org", "bruno.lindqvist@example.org"),
    ("gus.moreau@example.org", "chen.wei@example.org"),
];

/// The commands that make the cohort's program, match it as [`PAIRS`] and
/// confirm it.
pub fn cohort_steps() -> Vec<Vec<String>> {
    let mut steps: Vec<Vec<String>> = vec![[
        "program",
        "create",
        "--name",
        "Leadership Institute 2026",
        "--kickoff",
        "2026-01-15",
    ]
    .map(String::from)
    .to_vec()];
    for (file, role) in [
        ("cohort_mentors.csv", "mentors"),
        ("cohort_participants.csv", "participants"),
    ] {
        steps.push(vec![
            "import".into(),
            survey_fixture(file).display().to_string(),
            "--as".into(),
            role.into(),
        ]);
    }
    for (p, m) in PAIRS {
        steps.push(["match", "lock", p, m].map(String::from).to_vec());
    }
    steps.push(["match", "run"].map(String::from).to_vec());
    steps.push(["match", "confirm"].map(String::from).to_vec());
    steps
}

/// The cohort's program in `db`, its pairs confirmed before the kickoff (as
/// a committee does; the command would stamp today).
pub fn make_cohort(db: &Path) {
    for step in cohort_steps() {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        ok(db, &args);
    }
    confirmed_before_kickoff(db);
}

/// Dates the confirmation of every pair to 2026-01-10.
pub fn confirmed_before_kickoff(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute(
        "UPDATE matches SET confirmed_at = '2026-01-10T12:00:00Z' WHERE status = 'confirmed'",
        [],
    )
    .expect("date the confirmation");
}
