//! `make bench`: the Tracking screen's reads on a program of 500 confirmed
//! pairs with a full 18 months of meetings (about 4 per pair), goals (3 per
//! pair) and progress notes (2 per goal), all written through the core's
//! own commands. Medians of 21 runs on a release build.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use matchbook::matching;
use matchbook::people::{add_people, Application, Lists, Role};
use matchbook::programs::{create_program, ProgramInput};
use matchbook::tracking::{self, GoalInput, GoalUpdateInput, MeetingInput};
use matchbook::Store;

const PAIRS: usize = 500;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(work());
        samples.push(start.elapsed());
    }
    (median(samples), last.expect("at least one run"))
}

fn person(role: Role, i: usize) -> Application {
    Application {
        name: format!("{} {i:04}", role.as_str()),
        email: Some(format!("{}.{i:04}@example.org", role.as_str())),
        library: format!("Library {i}"),
        capacity: Some(1),
        years_experience: Some(if role == Role::Mentor { 20.0 } else { 3.0 }),
        lists: Lists {
            areas: vec!["Leadership".into(), "Advocacy".into()],
            ..Lists::default()
        },
        ..Application::default()
    }
}

type Outcome<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Outcome<()> {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("tracking.sqlite"))?;
    // The kickoff after today, so every meeting falls after the confirmation.
    let kickoff = chrono::Local::now().date_naive() + Days::new(1);
    let program_id = matched_program(&mut store, kickoff)?;
    write_records(&mut store, program_id, kickoff)?;
    time_reads(&store, program_id, kickoff + Days::new(370));
    Ok(())
}

/// A program of `PAIRS` confirmed pairs, kicking off on `kickoff`.
fn matched_program(store: &mut Store, kickoff: NaiveDate) -> Outcome<i64> {
    let program = create_program(
        store,
        &ProgramInput {
            name: "Tracking bench".into(),
            kickoff_date: kickoff.to_string(),
            ..ProgramInput::default()
        },
    )?;
    let mentors: Vec<Application> = (0..PAIRS).map(|i| person(Role::Mentor, i)).collect();
    let participants: Vec<Application> = (0..PAIRS).map(|i| person(Role::Participant, i)).collect();
    add_people(store, program.id, Role::Mentor, &mentors)?;
    add_people(store, program.id, Role::Participant, &participants)?;
    matching::run(store, program.id, matching::Goal::Total)?;
    matching::confirm(store, program.id)?;
    Ok(program.id)
}

/// 18 months of meetings, goals and progress notes for every pair.
fn write_records(store: &mut Store, program_id: i64, kickoff: NaiveDate) -> Outcome<()> {
    let end_of_term = kickoff + Days::new(548);
    let board = tracking::dashboard(store, program_id, end_of_term)?;
    let setup = Instant::now();
    let (mut meetings, mut goals, mut updates) = (0, 0, 0);
    for (n, pair) in board.pairs.iter().enumerate() {
        meetings += add_meetings(store, pair.match_id, n, kickoff, end_of_term)?;
        let (g, u) = add_goals(store, pair.match_id, kickoff, end_of_term)?;
        goals += g;
        updates += u;
    }
    println!(
        "tracking: {} pairs, {meetings} meetings, {goals} goals, {updates} progress notes written in {:.1} s",
        board.pairs.len(),
        setup.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The meetings of the `n`th pair; returns how many.
fn add_meetings(
    store: &mut Store,
    match_id: i64,
    n: usize,
    kickoff: NaiveDate,
    end_of_term: NaiveDate,
) -> Outcome<u32> {
    let mut meetings = 0;
    // Most pairs meet every quarter; every seventh skips some.
    for quarter in 0..6u64 {
        if n.is_multiple_of(7) && quarter % 2 == 1 {
            continue;
        }
        for extra in 0..(1 + (n as u64 + quarter) % 2) {
            let day = kickoff + Days::new(quarter * 91 + 10 + extra * 30 + (n as u64 % 20));
            let input = MeetingInput {
                date: day.to_string(),
                mode: ["in-person", "video", "phone"][(n + quarter as usize) % 3].into(),
                minutes: Some(60),
                topics: "Goals, budget season".into(),
                notes: String::new(),
            };
            tracking::add_meeting(store, match_id, &input, end_of_term)?;
            meetings += 1;
        }
    }
    Ok(meetings)
}

/// Three goals with two progress notes each; returns (goals, notes).
fn add_goals(
    store: &mut Store,
    match_id: i64,
    kickoff: NaiveDate,
    end_of_term: NaiveDate,
) -> Outcome<(u32, u32)> {
    let (mut goals, mut updates) = (0, 0);
    for g in 0..3u64 {
        let goal = tracking::add_goal(
            store,
            match_id,
            &GoalInput {
                title: format!("Goal {g}"),
                area: ["Leadership", "Advocacy", "Budgeting"][g as usize].into(),
                ..GoalInput::default()
            },
        )?;
        goals += 1;
        for (step, status) in ["in-progress", "achieved"].iter().enumerate() {
            let day: NaiveDate = kickoff + Days::new(100 + 150 * g + 60 * step as u64);
            let status = if g == 2 && step == 1 {
                "dropped"
            } else {
                status
            };
            tracking::update_goal(
                store,
                goal,
                None,
                &GoalUpdateInput {
                    status: status.into(),
                    note: "Progress".into(),
                    date: day.to_string(),
                },
                end_of_term,
            )?;
            updates += 1;
        }
    }
    Ok((goals, updates))
}

/// Times the Tracking screen's reads as of `mid_term` and prints the table.
fn time_reads(store: &Store, program_id: i64, mid_term: NaiveDate) {
    println!("{:<60} {:>12}", "operation (median of 21)", "time");
    let (took, board) = time(21, || {
        tracking::dashboard(store, program_id, mid_term).expect("dashboard")
    });
    println!(
        "{:<60} {:>9.2} ms   (target < 200 ms; {} overdue, {} meetings)",
        "dashboard of 500 pairs, 18 months of records",
        took.as_secs_f64() * 1e3,
        board.totals.overdue,
        board.totals.meetings
    );
    let (took, _) = time(21, || {
        tracking::pair_detail(store, board.pairs[0].match_id, mid_term).expect("pair")
    });
    println!(
        "{:<60} {:>9.2} ms",
        "one pair's page",
        took.as_secs_f64() * 1e3
    );
    let (took, _) = time(21, || {
        tracking::report(store, program_id, mid_term).expect("report")
    });
    println!(
        "{:<60} {:>9.2} ms",
        "program report (JSON)",
        took.as_secs_f64() * 1e3
    );
    let (took, csv) = time(5, || {
        tracking::report_csv(store, program_id, mid_term).expect("csv")
    });
    println!(
        "{:<60} {:>9.2} ms   ({} KiB)",
        "program report as CSV",
        took.as_secs_f64() * 1e3,
        csv.len() / 1024
    );
    let (took, pdf) = time(5, || {
        tracking::report_pdf(store, program_id, mid_term).expect("pdf")
    });
    println!(
        "{:<60} {:>9.2} ms   ({} KiB)",
        "program report as PDF (Typst)",
        took.as_secs_f64() * 1e3,
        pdf.len() / 1024
    );
    let (took, ics) = time(5, || {
        tracking::calendar::calendar(store, program_id, None, mid_term, false).expect("ics")
    });
    println!(
        "{:<60} {:>9.2} ms   ({} events)",
        "check-in calendar (.ics) of the program",
        took.as_secs_f64() * 1e3,
        ics.events
    );
}
