//! Replays the fuzz corpus (seeds and every input a fuzzing run kept or
//! crashed on) through the same code as `fuzz/fuzz_targets/`, on stable, in
//! CI: an input that once crashed Matchbook stays a test.

use std::path::PathBuf;

use crate::support::{fuzz, repo_path};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = repo_path("tests/fuzz-corpus").join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).expect("read corpus file")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

#[test]
fn csv_text_corpus() {
    for (path, data) in corpus("csv_text") {
        eprintln!("{}", path.display());
        fuzz::csv_text(&data);
    }
}

#[test]
fn spreadsheet_corpus() {
    let mut fixture = fuzz::ImportFixture::new();
    let mut read = 0;
    for (path, data) in corpus("spreadsheet") {
        eprintln!("{}", path.display());
        if fuzz::spreadsheet(&mut fixture, &data) {
            read += 1;
        }
    }
    assert!(read >= 5, "the seeds include readable spreadsheets");
}

#[test]
fn template_corpus() {
    for (path, data) in corpus("template") {
        eprintln!("{}", path.display());
        fuzz::template(&data);
    }
}

/// The two damaged XLS files fuzzing found (one made calamine panic, one made
/// it allocate until memory ran out) are refused with the sentence a user
/// reads, not a crash.
#[test]
fn damaged_xls_files_get_a_message() {
    for seed in [
        "crash-calamine-cfb-sector.seed",
        "oom-calamine-cfb-sector-chain.xls.seed",
    ] {
        let path = repo_path("tests/fuzz-corpus/spreadsheet").join(seed);
        let data = std::fs::read(&path).expect("read seed");
        // The first byte of a spreadsheet seed picks the format; the rest is the file.
        let error = matchbook::import::read_bytes("legacy.xls", &data[1..])
            .expect_err("a damaged XLS is refused");
        let message = error.to_string();
        assert!(
            message.contains("legacy.xls is damaged") && message.contains("save it again as .xlsx"),
            "{seed}: {message}"
        );
    }
}
