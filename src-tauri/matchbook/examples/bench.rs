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

/// How long opening a program file takes (closing it is not counted).
fn time_open(path: &std::path::Path) -> Duration {
    let start = Instant::now();
    let store = Store::open(path).expect("open");
    let took = start.elapsed();
    drop(store);
    took
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut n = 0;
    let mut fresh = || {
        n += 1;
        dir.path().join(format!("bench-{n}.sqlite"))
    };

    println!("{:<52} {:>12}", "operation (median)", "time");
    // Opening a file for the first time also creates and migrates it.
    let create_file = measure(15, || time_open(&fresh()));
    println!(
        "{:<52} {:>9.2} ms",
        "create and migrate a new program file",
        create_file.as_secs_f64() * 1e3
    );

    let path = fresh();
    drop(Store::open(&path)?);
    let reopen = measure(15, || time_open(&path));
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

    if let Some(path) = std::env::args().nth(1) {
        bench_import(std::path::Path::new(&path), &mut fresh)?;
    }
    Ok(())
}

/// Importing a large workbook end to end (read, recognise, normalize, one
/// transaction into a fresh program file), beside pandas and python-calamine
/// reading the same file.
fn bench_import(
    path: &std::path::Path,
    fresh: &mut impl FnMut() -> std::path::PathBuf,
) -> Result<(), Box<dyn std::error::Error>> {
    use matchbook::import::{import_file, ImportOptions};
    use matchbook::people::Role;
    let mut rows = 0;
    // This kind of shared VM is noisy: nine runs, with the spread printed,
    // each followed by one read of python-calamine, so the import and the
    // read it is compared with see the same moments of the machine.
    let mut calamine = PythonReader::start(CALAMINE, path);
    let mut reads = Vec::new();
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..RUNS {
        let mut store = Store::open(&fresh()).expect("open");
        let program = create_program(&mut store, &ProgramInput::named("Bench")).expect("program");
        let start = Instant::now();
        let report = import_file(
            &mut store,
            program.id,
            Role::Participant,
            path,
            &ImportOptions::default(),
            false,
        )
        .expect("import");
        samples.push(start.elapsed());
        rows = report.added;
        drop(store);
        if let Some(read) = calamine.as_mut().and_then(PythonReader::read) {
            reads.push(read);
        }
    }
    let fastest = samples.iter().min().copied().unwrap_or_default();
    let slowest = samples.iter().max().copied().unwrap_or_default();
    let import = median(samples);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    println!(
        "{:<52} {:>9.2} ms  ({rows} people, {:.0} rows/s; 9 runs {:.0}–{:.0} ms)",
        format!("import {name} into a new program"),
        import.as_secs_f64() * 1e3,
        rows as f64 / import.as_secs_f64(),
        fastest.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3
    );
    if let Some(peak) = peak_memory_mib() {
        println!(
            "{:<52} {:>9.1} MiB",
            "peak memory of this benchmark process", peak
        );
    }
    // The tools a volunteer would otherwise use, reading the same file in the
    // same run: python-calamine (the Rust reader Matchbook uses, reading
    // only: the floor an import can approach), and pandas.
    // Only a read beside every import is compared (a Python that stopped half
    // way is not).
    let calamine_read = (reads.len() == RUNS).then(|| median_seconds(reads));
    compare(
        "python-calamine, reading only (in turns)",
        calamine_read,
        import,
        "python-calamine",
    );
    let pandas = "import pandas\nread = lambda p: pandas.read_excel(p, engine='openpyxl')";
    // pandas takes seconds a read: four, after the one not counted.
    let pandas_read = PythonReader::start(pandas, path).and_then(|mut python| {
        let reads: Option<Vec<f64>> = (0..4).map(|_| python.read()).collect();
        reads.map(median_seconds)
    });
    compare(
        "pandas read_excel (openpyxl), reading only",
        pandas_read,
        import,
        "pandas and openpyxl",
    );
    Ok(())
}

/// How many imports (and reads of python-calamine beside them) are timed.
const RUNS: usize = 9;

/// python-calamine reading a workbook's first sheet into Python values.
const CALAMINE: &str = "import python_calamine\nread = lambda p: python_calamine.CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()";

/// Prints a tool's read beside the import, and their ratio.
fn compare(label: &str, read: Option<f64>, import: Duration, package: &str) {
    match read {
        Some(read) => {
            println!("{label:<52} {:>9.2} ms", read * 1e3);
            println!(
                "{:<52} {:>9.3}",
                format!(
                    "  ratio Matchbook import / {}",
                    label.split(' ').next().unwrap_or(label)
                ),
                import.as_secs_f64() / read,
            );
        }
        None => println!("{label} skipped: python3 with {package} is not available"),
    }
}

fn median_seconds(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// A Python process that reads the workbook with `reader` each time it is
/// asked and says how long the read took, so its reads can be taken in
/// turns with the imports.
struct PythonReader {
    child: std::process::Child,
    ask: std::process::ChildStdin,
    answers: std::io::BufReader<std::process::ChildStdout>,
}

impl PythonReader {
    /// None when Python or the package is missing (after one read to check).
    fn start(reader: &str, path: &std::path::Path) -> Option<PythonReader> {
        use std::process::{Command, Stdio};
        let script = format!(
            "import sys, time\n{reader}\nwhile sys.stdin.readline():\n    t = time.perf_counter(); read(sys.argv[1]); print(time.perf_counter() - t, flush=True)\n"
        );
        let mut child = Command::new("python3")
            .args(["-c", &script])
            .arg(path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let ask = child.stdin.take()?;
        let answers = std::io::BufReader::new(child.stdout.take()?);
        let mut python = PythonReader {
            child,
            ask,
            answers,
        };
        // The first read (the file into the OS's cache) is not counted.
        python.read()?;
        Some(python)
    }

    /// One read, in seconds.
    fn read(&mut self) -> Option<f64> {
        use std::io::{BufRead, Write};
        writeln!(self.ask).ok()?;
        self.ask.flush().ok()?;
        let mut line = String::new();
        self.answers.read_line(&mut line).ok()?;
        line.trim().parse().ok()
    }
}

impl Drop for PythonReader {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
