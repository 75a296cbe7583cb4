//! `make bench`, the committee's own criteria: 2,000 participants × 1,000
//! mentors whose forms ask 20 questions (choices, checkboxes, agree/disagree
//! scales, numbers), imported through the real importer, 20 criteria
//! accepted from the suggestions, then end-to-end matching (load, score every
//! pair, solve, save the proposal) timed with and without them.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use matchbook::import::{import_file, ImportOptions};
use matchbook::matching::{self, apply_suggestions};
use matchbook::people::Role;
use matchbook::programs::{create_program, ProgramInput};
use matchbook::sample::Dice;
use matchbook::Store;

const SCALE: &[&str] = &[
    "Strongly disagree",
    "Disagree",
    "Neutral",
    "Agree",
    "Strongly agree",
];
const CHOICES: &[&str] = &["Alpha", "Bravo", "Charlie", "Delta", "Echo"];
const TOPICS: &[&str] = &[
    "Budgets", "Grants", "Hiring", "Boards", "Outreach", "Data", "Spaces", "Policy",
];

/// 20 questions: 8 one-choice, 6 checkbox, 4 scale, 2 number.
fn questions() -> Vec<String> {
    let mut q = Vec::new();
    q.extend((1..=8).map(|i| format!("Which option fits you best, question {i}?")));
    q.extend((1..=6).map(|i| format!("Which topics matter to you, question {i}?")));
    q.extend((1..=4).map(|i| format!("How much do you agree with statement {i}?")));
    q.extend((1..=2).map(|i| format!("How many hours a month could you give, question {i}?")));
    q
}

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A form's responses as CSV: name, email, capacity (mentors), 20 answers.
fn responses(role: Role, people: usize, rng: &mut Dice) -> String {
    let mut out = String::from("Name,Email Address");
    if role == Role::Mentor {
        out.push_str(",How many mentees could you take on?");
    }
    for q in questions() {
        let _ = write!(out, ",{}", csv_field(&q));
    }
    out.push('\n');
    let tag = if role == Role::Mentor { "m" } else { "p" };
    for i in 0..people {
        let _ = write!(out, "Person {tag}{i:05},{tag}{i:05}@example.org");
        if role == Role::Mentor {
            out.push_str(",2");
        }
        for _ in 0..8 {
            let _ = write!(out, ",{}", CHOICES[rng.below(CHOICES.len())]);
        }
        for _ in 0..6 {
            let picked: Vec<&str> = TOPICS
                .iter()
                .copied()
                .filter(|_| rng.below(3) == 0)
                .collect();
            let picked = if picked.is_empty() {
                vec![TOPICS[rng.below(TOPICS.len())]]
            } else {
                picked
            };
            let _ = write!(out, ",{}", csv_field(&picked.join(", ")));
        }
        for _ in 0..4 {
            let _ = write!(out, ",{}", SCALE[rng.below(SCALE.len())]);
        }
        for _ in 0..2 {
            let _ = write!(out, ",{}", 1 + rng.below(30));
        }
        out.push('\n');
    }
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median end-to-end matching time, median time to load and score the
/// table alone (what each criterion adds to), and the pairs made.
fn time_runs(store: &mut Store, program: i64, runs: usize) -> (Duration, Duration, usize) {
    let mut pairs = 0;
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let view = matching::run(store, program, matching::Goal::Total).expect("run");
            pairs = view.pairs.len();
            start.elapsed()
        })
        .collect();
    let scoring = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let problem = matching::load_problem(store, program).expect("load");
            assert!(!problem.participants.is_empty());
            start.elapsed()
        })
        .collect();
    (median(samples), median(scoring), pairs)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (participants, mentors) = (2_000, 1_000);
    let mut rng = Dice(0x5EED_CAFE);
    let files = [
        (Role::Mentor, dir.path().join("mentors.csv"), mentors),
        (
            Role::Participant,
            dir.path().join("participants.csv"),
            participants,
        ),
    ];
    let mut store = Store::open(&dir.path().join("criteria-bench.sqlite"))?;
    let program = create_program(&mut store, &ProgramInput::named("Bench"))
        .expect("program")
        .id;
    for (role, path, people) in &files {
        std::fs::write(path, responses(*role, *people, &mut rng))?;
        import(&mut store, program, *role, path)?;
    }
    println!("\n{:<58} {:>12}", "own criteria (median of 3)", "time");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (without, scored_without, pairs) = time_runs(&mut store, program, 3);
    println!(
        "{:<58} {:>9.0} ms  ({pairs} pairs; loading and scoring {:.0} ms)",
        format!("match {participants} × {mentors}, built-in criteria only"),
        ms(without),
        ms(scored_without)
    );
    let added = apply_suggestions(&mut store, program)?;
    let (with, scored_with, pairs) = time_runs(&mut store, program, 3);
    println!(
        "{:<58} {:>9.0} ms  ({pairs} pairs; loading and scoring {:.0} ms; target: under 2,000 ms)",
        format!(
            "match {participants} × {mentors}, {} own criteria + built-in",
            added.len()
        ),
        ms(with),
        ms(scored_with)
    );
    let per =
        (scored_with.as_secs_f64() - scored_without.as_secs_f64()) / added.len().max(1) as f64;
    println!(
        "{:<58} {:>9.1} ms  (scoring {} pairs with it)",
        "time per own criterion",
        per * 1e3,
        participants * mentors
    );
    Ok(())
}

fn import(store: &mut Store, program: i64, role: Role, path: &Path) -> matchbook::Result<()> {
    import_file(store, program, role, path, &ImportOptions::default(), false).map(|_| ())
}
