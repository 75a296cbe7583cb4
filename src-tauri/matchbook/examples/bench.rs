//! `make bench`: times the core's real paths on a release build, medians of
//! several runs, each on a fresh program file.

use std::time::{Duration, Instant};

use matchbook::people::list_people;
use matchbook::programs::{create_program, list_programs, ProgramInput};
use matchbook::sample::load_sample_program;
use matchbook::Store;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure(runs: usize, mut work: impl FnMut() -> Duration) -> Duration {
    median((0..runs).map(|_| work()).collect())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut n = 0;
    let mut fresh = || {
        n += 1;
        dir.path().join(format!("bench-{n}.sqlite"))
    };

    println!("{:<52} {:>12}", "operation (median)", "time");
    let create_file = measure(15, || {
        let path = fresh();
        let start = Instant::now();
        let store = Store::open(&path).expect("open");
        let took = start.elapsed();
        drop(store);
        took
    });
    println!(
        "{:<52} {:>9.2} ms",
        "create and migrate a new program file",
        create_file.as_secs_f64() * 1e3
    );

    let path = fresh();
    drop(Store::open(&path)?);
    let reopen = measure(15, || {
        let start = Instant::now();
        let store = Store::open(&path).expect("open");
        let took = start.elapsed();
        drop(store);
        took
    });
    println!(
        "{:<52} {:>9.2} ms",
        "open an existing program file",
        reopen.as_secs_f64() * 1e3
    );

    let mut store = Store::open(&fresh())?;
    let mut i = 0;
    let create = measure(51, || {
        i += 1;
        let input = ProgramInput {
            name: format!("Program {i}"),
            ..ProgramInput::default()
        };
        let start = Instant::now();
        create_program(&mut store, &input).expect("create");
        start.elapsed()
    });
    println!(
        "{:<52} {:>9.2} ms",
        "create a program (one transaction)",
        create.as_secs_f64() * 1e3
    );

    let sample = measure(9, || {
        let start = Instant::now();
        load_sample_program(&mut store).expect("sample");
        start.elapsed()
    });
    println!(
        "{:<52} {:>9.2} ms",
        "load the sample cohort (100 people, 1 transaction)",
        sample.as_secs_f64() * 1e3
    );

    let program_id = list_programs(&store, true)?[0].program.id;
    let programs = measure(51, || {
        let start = Instant::now();
        list_programs(&store, true).expect("list");
        start.elapsed()
    });
    println!(
        "{:<52} {:>9.2} ms",
        "list 60 programs with their counts",
        programs.as_secs_f64() * 1e3
    );
    let sample_id = list_programs(&store, true)?
        .into_iter()
        .find(|p| p.participants > 0)
        .map(|p| p.program.id)
        .unwrap_or(program_id);
    let people = measure(51, || {
        let start = Instant::now();
        list_people(&store, sample_id, None).expect("people");
        start.elapsed()
    });
    println!(
        "{:<52} {:>9.2} ms",
        "list a program's 100 people",
        people.as_secs_f64() * 1e3
    );
    Ok(())
}
