//! `make bench`, matching part: the real path (load people, score every pair,
//! solve, save the proposal) at committee size and at a large size, the
//! solver alone beside scipy on the same matrices, and the open-source
//! mentor-match package beside Matchbook on mentor-match's own sample data.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use matchbook::import::{import_file, ImportOptions};
use matchbook::matching::{self, solver};
use matchbook::people::{add_people, Application, Lists, Role};
use matchbook::programs::{create_program, ProgramInput};
use matchbook::sample::LIBRARY_TYPES;
use matchbook::Store;

const AREAS: &[&str] = &[
    "Advocacy",
    "Budgeting & finance",
    "Grant writing",
    "Leadership",
    "Staff supervision",
    "Technology planning",
    "Marketing & outreach",
    "Community partnerships",
    "Change management",
    "Diversity, equity & inclusion",
    "Work-life balance",
    "Collection development",
    "Facilities",
    "Board relations",
    "Youth services",
    "Data & assessment",
];
const REGIONS: &[&str] = &[
    "Northeast",
    "Northwest",
    "Central",
    "Metro",
    "Southeast",
    "Southwest",
];
const MODES: &[&str] = &["In person", "Video", "Phone"];

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn some(&mut self, from: &[&str], min: usize, max: usize) -> Vec<String> {
        let n = min + self.below(max - min + 1);
        let mut picked: Vec<String> = Vec::new();
        while picked.len() < n {
            let x = from[self.below(from.len())].to_string();
            if !picked.contains(&x) {
                picked.push(x);
            }
        }
        picked
    }
}

fn application(rng: &mut Rng, role: Role, i: usize, max_capacity: usize) -> Application {
    let name = format!("{} {i:05}", role.as_str());
    Application {
        email: Some(format!("{}.{i:05}@example.org", role.as_str())),
        library: format!("Library {}", rng.below(400)),
        region: REGIONS[rng.below(REGIONS.len())].into(),
        years_experience: Some(match role {
            Role::Mentor => 8 + rng.below(25),
            Role::Participant => 1 + rng.below(8),
        } as f64),
        capacity: (role == Role::Mentor).then(|| 1 + rng.below(max_capacity) as u32),
        requested_mentor: if role == Role::Participant && rng.below(5) == 0 {
            format!("mentor {:05}", rng.below(50))
        } else {
            String::new()
        },
        lists: Lists {
            areas: rng.some(AREAS, 2, 4),
            library_types: rng.some(LIBRARY_TYPES, 1, 1),
            meeting_modes: rng.some(MODES, 1, 2),
            ..Lists::default()
        },
        name,
        ..Application::default()
    }
}

fn cohort(path: &Path, participants: usize, mentors: usize, max_capacity: usize) -> (Store, i64) {
    let mut store = Store::open(path).expect("open");
    let program = create_program(&mut store, &ProgramInput::named("Bench")).expect("program");
    let mut rng = Rng(0x00C0_FFEE);
    let m: Vec<Application> = (0..mentors)
        .map(|i| application(&mut rng, Role::Mentor, i, max_capacity))
        .collect();
    let p: Vec<Application> = (0..participants)
        .map(|i| application(&mut rng, Role::Participant, i, max_capacity))
        .collect();
    add_people(&mut store, program.id, Role::Mentor, &m).expect("mentors");
    add_people(&mut store, program.id, Role::Participant, &p).expect("participants");
    (store, program.id)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn end_to_end(dir: &Path, participants: usize, mentors: usize, max_capacity: usize, runs: usize) {
    let (mut store, program) = cohort(
        &dir.join(format!("e2e-{participants}.sqlite")),
        participants,
        mentors,
        max_capacity,
    );
    let mut pairs = 0;
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let view = matching::run(&mut store, program, matching::Goal::Total).expect("run");
            pairs = view.pairs.len();
            start.elapsed()
        })
        .collect();
    println!(
        "{:<58} {:>9.2} ms  ({pairs} pairs)",
        format!("match {participants} participants × {mentors} mentors (cap 1–{max_capacity})"),
        ms(median(samples))
    );
}

/// The two goals on the same cohort: the solve alone (the table scored
/// once), the fairest goal in "solver calls' worth" of the total goal's
/// solve, and the quality figures (the real path: read the proposal, score
/// the table, every blocking pair) after each.
fn goals(dir: &Path, participants: usize, mentors: usize, max_capacity: usize, runs: usize) {
    let (mut store, program) = cohort(
        &dir.join(format!("goals-{participants}.sqlite")),
        participants,
        mentors,
        max_capacity,
    );
    let problem = matching::load_problem(&store, program).expect("problem");
    let mut solve_ms = Vec::new();
    for goal in matching::Goal::ALL {
        let mut figures = (0.0, 0.0);
        let samples = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let solution = matching::solve_for(&problem, goal).expect("solve");
                let took = start.elapsed();
                let scores: Vec<i64> = solution
                    .pairs
                    .iter()
                    .map(|&(p, m, _)| problem.cell(p, m).total_tenths())
                    .collect();
                figures = (
                    solution.total_tenths as f64 / 10.0,
                    scores.iter().min().copied().unwrap_or(0) as f64 / 10.0,
                );
                took
            })
            .collect();
        let took = ms(median(samples));
        solve_ms.push(took);
        println!(
            "{:<58} {:>9.2} ms  (total {:.1}, lowest {:.1}{})",
            format!("solve, goal {}, {participants} × {mentors}", goal.key()),
            took,
            figures.0,
            figures.1,
            if goal == matching::Goal::Fairest {
                format!(", {:.1} solver calls' worth", took / solve_ms[0])
            } else {
                String::new()
            }
        );
        let samples = (0..runs)
            .map(|_| {
                let start = Instant::now();
                matching::run(&mut store, program, goal).expect("run");
                start.elapsed()
            })
            .collect();
        println!(
            "{:<58} {:>9.2} ms",
            format!("  end to end (load, score, solve, save), {}", goal.key()),
            ms(median(samples))
        );
        let mut swaps = 0;
        let samples = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let q = matching::quality(&store, program, None, None).expect("quality");
                swaps = q.would_rather_swap.len();
                start.elapsed()
            })
            .collect();
        println!(
            "{:<58} {:>9.2} ms  ({swaps} would rather swap)",
            format!("  quality figures of that proposal, {}", goal.key()),
            ms(median(samples))
        );
    }
}

/// Our solver on scipy's own matrices, side by side.
fn solver_vs_scipy(dir: &Path) {
    let out = Command::new("python3")
        .args(["scripts/bench_peers.py", "matrices"])
        .arg(dir)
        .output();
    let cases: serde_json::Value = match out {
        Ok(o) if o.status.success() => serde_json::from_slice(&o.stdout).unwrap_or_default(),
        _ => {
            println!("scipy comparison skipped: run `pip install scipy numpy` (see scripts/bench_peers.py)");
            return;
        }
    };
    println!(
        "\n{:<28} {:>12} {:>12} {:>8}  same optimum",
        "solver alone, n×n", "Matchbook", "scipy", "ratio"
    );
    for case in cases["cases"].as_array().into_iter().flatten() {
        let n = case["n"].as_u64().unwrap_or(0) as usize;
        let bytes =
            std::fs::read(dir.join(case["file"].as_str().unwrap_or_default())).unwrap_or_default();
        let cells: Vec<i64> = bytes
            .chunks_exact(8)
            .map(|b| i64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
            .collect();
        let matrix = solver::CostMatrix {
            rows: n,
            cols: n,
            cells: &cells,
        };
        let mut total = 0;
        let runs = if n >= 2000 { 3 } else { 5 };
        let samples = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let assignment = solver::solve(&matrix).expect("solve");
                let took = start.elapsed();
                total = solver::total_cost(&matrix, &assignment);
                took
            })
            .collect();
        let ours = ms(median(samples));
        let scipy = case["scipy_ms"].as_f64().unwrap_or(f64::NAN);
        println!(
            "{:<28} {:>9.2} ms {:>9.2} ms {:>8.2}  {}",
            format!("n = {n}, costs 0–{}", case["hi"]),
            ours,
            scipy,
            ours / scipy,
            if Some(total) == case["total"].as_i64() {
                "yes"
            } else {
                "NO"
            }
        );
    }
}

/// mentor-match on its own sample data, and Matchbook importing and matching the same files.
fn versus_mentor_match(dir: &Path) {
    let data = PathBuf::from("../shared/peer-data/mentor-match-large");
    let peer = Command::new("python3")
        .args(["scripts/bench_peers.py", "mentor-match"])
        .arg(&data)
        .output();
    let Ok(peer) = peer.map_err(|e| e.to_string()).and_then(|o| {
        serde_json::from_slice::<serde_json::Value>(&o.stdout).map_err(|e| e.to_string())
    }) else {
        println!("mentor-match comparison skipped: run `pip install mentor-match==7.0.1`");
        return;
    };
    let mut ours = None;
    if data.join("mentors.csv").exists() {
        let start = Instant::now();
        let mut store = Store::open(&dir.join("peer.sqlite")).expect("open");
        let program = create_program(
            &mut store,
            &ProgramInput {
                name: "Peer data".into(),
                ..ProgramInput::default()
            },
        )
        .expect("program");
        for (file, role) in [
            ("mentors.csv", Role::Mentor),
            ("mentees.csv", Role::Participant),
        ] {
            import_file(
                &mut store,
                program.id,
                role,
                &data.join(file),
                &ImportOptions::default(),
                false,
            )
            .expect("import peer data");
        }
        let view = matching::run(&mut store, program.id, matching::Goal::Total).expect("run");
        ours = Some((start.elapsed(), view.pairs.len()));
    }
    println!(
        "\nmentor-match 7.0.1, its 500 × 500 sample (3 rounds)   {:>9.2} s   ({} pairs)",
        peer["seconds"].as_f64().unwrap_or(f64::NAN),
        peer["pairs"]
    );
    if let Some((took, pairs)) = ours {
        println!(
            "Matchbook, same two CSVs: import both + match       {:>9.3} s   ({pairs} pairs, one mentor each)",
            took.as_secs_f64()
        );
    }
}

/// 1,000 participant letters into one PDF (the real path: templates, Typst layout, PDF).
fn letters_bench(dir: &Path) {
    let (mut store, program) = cohort(&dir.join("letters.sqlite"), 1000, 1000, 1);
    matching::run(&mut store, program, matching::Goal::Total).expect("run");
    matching::confirm(&mut store, program).expect("confirm");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let mut size = 0;
    let mut letters = 0;
    let samples = (0..3)
        .map(|_| {
            let start = Instant::now();
            let (pdf, recipients) = matchbook::letters::combined_pdf(
                &store,
                program,
                matchbook::letters::Which::Participants,
                today,
            )
            .expect("letters");
            size = pdf.len();
            letters = recipients.len();
            start.elapsed()
        })
        .collect();
    let took = median(samples);
    println!(
        "{:<58} {:>9.2} ms  ({letters} letters, {:.2} ms per letter, PDF {:.1} MB)",
        "letters: 1,000 participant letters into one PDF",
        ms(took),
        ms(took) / letters as f64,
        size as f64 / 1e6
    );
    if let Some(peak) = peak_memory_mib() {
        println!("{:<58} {:>9.1} MiB", "peak memory after the letters", peak);
    }
}

fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // First, so the peak memory printed is the letters' own.
    letters_bench(dir.path());
    println!("{:<58} {:>12}", "matching, end to end (median)", "time");
    end_to_end(dir.path(), 60, 45, 2, 21);
    end_to_end(dir.path(), 500, 500, 3, 5);
    end_to_end(dir.path(), 2000, 1000, 3, 5);
    println!("\nthe two goals (median)");
    goals(dir.path(), 500, 500, 3, 5);
    goals(dir.path(), 2000, 1000, 3, 3);
    solver_vs_scipy(dir.path());
    versus_mentor_match(dir.path());
}
