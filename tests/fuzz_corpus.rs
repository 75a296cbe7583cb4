//! Replays the fuzz corpus (seeds and every input a fuzzing run kept or
//! crashed on) through the same entry points as `fuzz/fuzz_targets/`, on
//! stable, in CI: an input that once crashed Matchbook stays a test.

use std::path::{Path, PathBuf};

use matchbook::import::{
    decode_text, import_workbook, preview_workbook, read_bytes, sniff_delimiter, ImportOptions,
};
use matchbook::letters::{check_template, LetterSettings};
use matchbook::people::Role;
use matchbook::programs::{create_program, parse_optional_date, Program, ProgramInput};
use matchbook::Store;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fuzz-corpus")
        .join(target);
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
        let (text, _) = decode_text(&data);
        let _ = sniff_delimiter(&text);
        let _ = read_bytes("fuzz.csv", &data);
    }
}

#[test]
fn spreadsheet_corpus() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("fuzz.sqlite")).expect("store");
    let program = create_program(
        &mut store,
        &ProgramInput {
            name: "Fuzz".into(),
            ..ProgramInput::default()
        },
    )
    .expect("program");
    let mut read = 0;
    for (path, data) in corpus("spreadsheet") {
        eprintln!("{}", path.display());
        let Some((&selector, bytes)) = data.split_first() else {
            continue;
        };
        let name = [
            "applications.csv",
            "applications.xlsx",
            "applications.ods",
            "applications.xls",
            "mentors.txt",
        ][usize::from(selector) % 5];
        let Ok(workbook) = read_bytes(name, bytes) else {
            continue;
        };
        read += 1;
        let options = ImportOptions::default();
        let _ = preview_workbook(&store, workbook.clone(), None, &options);
        let role = if selector & 0x80 == 0 {
            Role::Participant
        } else {
            Role::Mentor
        };
        let _ = import_workbook(&mut store, program.id, role, workbook, name, &options, true);
    }
    assert!(read >= 5, "the seeds include readable spreadsheets");
}

#[test]
fn template_corpus() {
    let program = Program {
        id: 1,
        name: "Fuzz 2027".into(),
        organization: "Library Association".into(),
        kickoff_date: parse_optional_date("2027-01-15", "kickoff").ok().flatten(),
        kickoff_event: String::new(),
        kickoff_place: String::new(),
        relationship_months: 18,
        cadence_months: 3,
        contact_name: String::new(),
        contact_email: String::new(),
        archived: false,
        created_at: String::new(),
        updated_at: String::new(),
    };
    for (path, data) in corpus("template") {
        eprintln!("{}", path.display());
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        for kind in [Role::Participant, Role::Mentor] {
            let settings = LetterSettings {
                participant_template: text.to_string(),
                mentor_template: text.to_string(),
                ..LetterSettings::default()
            };
            let _ = check_template(&program, &settings, kind);
        }
    }
}
