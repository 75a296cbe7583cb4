//! `make bench`, peer circles: 300 participants in circles of exactly five
//! (60 circles), imported through the real importer, with four criteria
//! between members (meeting day, time zone, sector the same; how they heard
//! of the program mixed). Times end-to-end computing (load, build, split,
//! save) and compares the agreement reached with the best of 1,000 random
//! splits into the same circles.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use matchbook::import::{import_file, ImportOptions};
use matchbook::matching::circles::load_circles;
use matchbook::matching::circles::partition::{random_split, split, Seeded};
use matchbook::matching::{self, add_circle_criterion, NewCircleCriterion};
use matchbook::people::Role;
use matchbook::programs::{create_program, get_program, ProgramInput, Shape};
use matchbook::Store;

const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const ZONES: &[&str] = &["Eastern", "Central", "Mountain", "Pacific"];
const SECTORS: &[&str] = &["Public", "Academic", "School", "Special", "Archive"];
const HEARD: &[&str] = &[
    "A colleague",
    "The newsletter",
    "A conference",
    "Social media",
];

fn responses(people: usize, rng: &mut Seeded) -> String {
    let mut out = String::from(
        "Name,Email Address,Which day suits you best?,Your time zone,Your sector,How did you hear about us?\n",
    );
    for i in 0..people {
        let _ = writeln!(
            out,
            "Person {i:04},p{i:04}@example.org,{},{},{},{}",
            DAYS[rng.below(DAYS.len())],
            ZONES[rng.below(ZONES.len())],
            SECTORS[rng.below(SECTORS.len())],
            HEARD[rng.below(HEARD.len())]
        );
    }
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let people = 300;
    let mut rng = Seeded(0x00C1_2C1E);
    let path = dir.path().join("participants.csv");
    std::fs::write(&path, responses(people, &mut rng))?;
    let mut store = Store::open(&dir.path().join("circles-bench.sqlite"))?;
    let input = ProgramInput {
        shape: Shape::Circles,
        group_min: 5,
        group_max: 5,
        ..ProgramInput::named("Circles")
    };
    let program = create_program(&mut store, &input)?.id;
    import_file(
        &mut store,
        program,
        Role::Participant,
        &path,
        &ImportOptions::default(),
        false,
    )?;
    for (question, compare) in [
        ("Which day suits you best?", "same"),
        ("Your time zone", "same"),
        ("Your sector", "same"),
        ("How did you hear about us?", "mixed"),
    ] {
        let new = NewCircleCriterion {
            question: question.into(),
            compare: compare.into(),
            ..Default::default()
        };
        add_circle_criterion(&mut store, program, &new)?;
    }
    let mut circles = 0;
    let samples = (0..3)
        .map(|_| {
            let start = Instant::now();
            let view = matching::run(&mut store, program, matching::Goal::Total).expect("run");
            circles = view.groups.len();
            start.elapsed()
        })
        .collect();
    let took = median(samples);
    let loaded = load_circles(&store, &get_program(&store, program)?)?;
    let start = Instant::now();
    let found = split(&loaded.problem, 0x6d61_7463_6862_6f6b);
    let split_took = start.elapsed();
    let ours = loaded.problem.agreement(&found.circles);
    let mut dice = Seeded(1);
    let random: Vec<f64> = (0..1_000)
        .map(|_| {
            loaded
                .problem
                .agreement(&random_split(&loaded.problem, &mut dice))
        })
        .collect();
    let best = random.iter().copied().fold(f64::MIN, f64::max);
    let mean = random.iter().sum::<f64>() / random.len() as f64;
    println!("\n{:<58} {:>12}", "peer circles (median of 3)", "time");
    println!(
        "{:<58} {:>9.0} ms  ({circles} circles; the split alone {:.0} ms)",
        format!("circles of 5 from {people} participants, 4 criteria"),
        took.as_secs_f64() * 1e3,
        split_took.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>12.0}  (best of 1,000 random splits {best:.0}, +{:.0}%; their mean {mean:.0})",
        "total agreement (tenths of points)",
        ours,
        (ours / best - 1.0) * 100.0
    );
    Ok(())
}
