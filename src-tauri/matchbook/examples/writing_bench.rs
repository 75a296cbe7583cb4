//! `make bench`, matching on what people write (issue 29):
//! - 2,000 participants × 1,000 mentors with two free-text questions per side
//!   (20–80 words an answer) and the built-in criteria, imported through the
//!   real importer, the two "similar writing" criteria accepted from the
//!   suggestions, then end-to-end matching (load, score every pair, solve,
//!   save the proposal), with and without them: the text criteria's share;
//! - a cohort of 30 with five 500-word answers each, end to end.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use matchbook::import::{import_file, ImportOptions};
use matchbook::matching::{self, add_criterion, apply_suggestions, NewCriterion};
use matchbook::people::Role;
use matchbook::programs::{create_program, ProgramInput};
use matchbook::sample::Dice;
use matchbook::Store;

/// Words everyone writes, and the subjects some write about.
const COMMON: &[&str] = &[
    "library",
    "libraries",
    "help",
    "staff",
    "community",
    "learn",
    "people",
    "work",
    "team",
    "service",
    "patrons",
    "growth",
    "leadership",
    "support",
    "skills",
    "experience",
    "public",
    "programs",
    "career",
    "goals",
    "develop",
    "better",
    "manage",
    "new",
    "ideas",
    "time",
];
const SUBJECTS: &[&str] = &[
    "grant",
    "proposal",
    "IMLS",
    "LSTA",
    "rural",
    "makerspace",
    "printing",
    "teen",
    "cataloging",
    "metadata",
    "BIBFRAME",
    "board",
    "budget",
    "levy",
    "literacy",
    "storytime",
    "archives",
    "digitization",
    "genealogy",
    "weeding",
    "outreach",
    "seniors",
    "privacy",
    "union",
    "marketing",
    "accessibility",
    "bookmobile",
    "licensing",
    "renovation",
    "fundraising",
    "Friends",
    "ESL",
    "Spanish",
    "instruction",
    "OER",
    "textbooks",
    "strategic",
    "planning",
    "negotiation",
    "vendor",
    "deescalation",
    "incident",
    "volunteers",
    "podcast",
    "coding",
    "robotics",
    "census",
    "tax",
    "homework",
    "graphic",
    "novels",
    "comics",
    "gaming",
    "tournaments",
    "seed",
    "gardening",
];

fn answer(rng: &mut Dice, words: usize) -> String {
    let theme = rng.below(SUBJECTS.len() - 3);
    (0..words)
        .map(|_| {
            if rng.below(4) == 0 {
                SUBJECTS[theme + rng.below(3)]
            } else {
                COMMON[rng.below(COMMON.len())]
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// One form's responses: name, email, places (mentors), areas, two free-text answers.
fn responses(role: Role, people: usize, rng: &mut Dice, questions: &[&str]) -> String {
    let mut out = String::from("Name,Email Address");
    if role == Role::Mentor {
        out.push_str(",How many mentees could you take on?");
    }
    out.push_str(",Areas of interest");
    for q in questions {
        let _ = write!(out, ",{}", csv_field(q));
    }
    out.push('\n');
    let tag = if role == Role::Mentor { "m" } else { "p" };
    for i in 0..people {
        let _ = write!(out, "Person {tag}{i:05},{tag}{i:05}@example.org");
        if role == Role::Mentor {
            out.push_str(",2");
        }
        let areas = ["Budgets", "Grants", "Hiring", "Boards", "Outreach"];
        let _ = write!(
            out,
            ",{}",
            csv_field(&format!("{}, {}", areas[rng.below(5)], areas[rng.below(5)]))
        );
        for _ in questions {
            let words = 20 + rng.below(61);
            let _ = write!(out, ",{}", csv_field(&answer(rng, words)));
        }
        out.push('\n');
    }
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median end-to-end matching time and the pairs made.
fn time_runs(store: &mut Store, program: i64, runs: usize) -> (Duration, usize) {
    let mut pairs = 0;
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let view = matching::run(store, program, matching::Goal::Total).expect("run");
            pairs = view.pairs.len();
            start.elapsed()
        })
        .collect();
    (median(samples), pairs)
}

fn import(store: &mut Store, program: i64, role: Role, path: &Path) -> matchbook::Result<()> {
    import_file(store, program, role, path, &ImportOptions::default(), false).map(|_| ())
}

/// A program with both forms imported.
fn program_with(
    dir: &Path,
    name: &str,
    forms: [(Role, usize, &[&str], usize); 2],
    rng: &mut Dice,
    writer: impl Fn(Role, usize, &mut Dice, &[&str], usize) -> String,
) -> Result<(Store, i64), Box<dyn std::error::Error>> {
    let mut store = Store::open(&dir.join(format!("{name}.sqlite")))?;
    let program = create_program(&mut store, &ProgramInput::named(name))
        .expect("program")
        .id;
    for (role, people, questions, words) in forms {
        let path = dir.join(format!("{name}-{}.csv", role.as_str()));
        std::fs::write(&path, writer(role, people, rng, questions, words))?;
        import(&mut store, program, role, &path)?;
    }
    Ok((store, program))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut rng = Dice(0x7E_57);
    let (participants, mentors) = (2_000, 1_000);
    let wants: &[&str] = &[
        "What would you like help with?",
        "What are your goals for the next 18 months?",
    ];
    let offers: &[&str] = &[
        "What could you help a mentee with?",
        "What experience could you share toward a mentee's goals?",
    ];
    let (mut store, program) = program_with(
        dir.path(),
        "writing",
        [
            (Role::Mentor, mentors, offers, 0),
            (Role::Participant, participants, wants, 0),
        ],
        &mut rng,
        |role, n, rng, q, _| responses(role, n, rng, q),
    )?;
    println!("\n{:<58} {:>12}", "similar writing (median of 3)", "time");
    let (without, pairs) = time_runs(&mut store, program, 3);
    println!(
        "{:<58} {:>9.0} ms  ({pairs} pairs)",
        format!("match {participants} × {mentors}, built-in criteria only"),
        ms(without)
    );
    let start = Instant::now();
    let added = apply_suggestions(&mut store, program)?;
    let suggesting = start.elapsed();
    let text = added
        .iter()
        .filter(|c| c.compare == matching::Compare::Text)
        .count();
    assert_eq!(
        text, 2,
        "both free-text pairs are suggested as similar writing"
    );
    let (with, pairs) = time_runs(&mut store, program, 3);
    println!(
        "{:<58} {:>9.0} ms  ({pairs} pairs; target: under 2,000 ms)",
        format!("match {participants} × {mentors}, 2 free-text criteria + built-in"),
        ms(with)
    );
    println!(
        "{:<58} {:>9.0} %  ({:.0} ms of {:.0} ms)",
        "share of the text criteria in that time",
        100.0 * (ms(with) - ms(without)).max(0.0) / ms(with),
        (ms(with) - ms(without)).max(0.0),
        ms(with)
    );
    println!(
        "{:<58} {:>9.0} ms",
        "suggesting criteria from the forms (once)",
        ms(suggesting)
    );
    institute(dir.path(), &mut rng)?;
    Ok(())
}

/// 30 participants with five 500-word answers, 40 mentors with one long answer.
fn institute(dir: &Path, rng: &mut Dice) -> Result<(), Box<dyn std::error::Error>> {
    let five: &[&str] = &[
        "Why do you want to take part?",
        "What values and passions drive you?",
        "What skills do you hope to gain in the next five years?",
        "What would you draw from as a leader who supports diversity?",
        "How do you see yourself contributing as a leader?",
    ];
    let experience: &[&str] = &["Describe the experience you could mentor a participant on."];
    let (mut store, program) = program_with(
        dir,
        "institute",
        [
            (Role::Mentor, 40, experience, 300),
            (Role::Participant, 30, five, 500),
        ],
        rng,
        |role, n, rng, questions, words| {
            let mut out = String::from("Name,Email Address");
            for q in questions {
                let _ = write!(out, ",{}", csv_field(q));
            }
            out.push('\n');
            let tag = if role == Role::Mentor { "m" } else { "p" };
            for i in 0..n {
                let _ = write!(out, "Person {tag}{i:05},{tag}{i:05}@example.org");
                for _ in questions {
                    let _ = write!(out, ",{}", csv_field(&answer(rng, words)));
                }
                out.push('\n');
            }
            out
        },
    )?;
    // Each of the five answers compared with the mentors' experience.
    for q in five {
        let new = NewCriterion {
            participant_question: (*q).to_string(),
            mentor_question: experience[0].to_string(),
            compare: "text".into(),
            weight: Some(100),
            ..NewCriterion::default()
        };
        add_criterion(&mut store, program, &new)?;
    }
    let (took, pairs) = time_runs(&mut store, program, 5);
    println!(
        "{:<58} {:>9.1} ms  ({pairs} pairs, {} criteria; target: well under 1 s)",
        "match 30 × 40, five 500-word answers each",
        took.as_secs_f64() * 1e3,
        five.len()
    );
    Ok(())
}
