//! What each fuzz target does with one input, shared by the cargo-fuzz
//! targets (`fuzz/fuzz_targets/`) and the corpus replay on stable
//! (`tests/cli/fuzz_corpus.rs`), so both exercise exactly the same path.
#![allow(dead_code)]

use matchbook::import::{
    decode_text, import_workbook, preview_workbook, read_bytes, sniff_delimiter, ImportOptions,
};
use matchbook::letters::{check_letter, LetterKind, LetterSettings};
use matchbook::people::Role;
use matchbook::programs::{create_program, parse_optional_date, Program, ProgramInput};
use matchbook::Store;

/// Text decoding and delimiter sniffing, then the CSV reader.
pub fn csv_text(data: &[u8]) {
    let (text, _encoding) = decode_text(data);
    let _ = sniff_delimiter(&text);
    let _ = read_bytes("fuzz.csv", data);
}

/// A program file with one program, for the import analysis.
pub struct ImportFixture {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub program_id: i64,
}

impl ImportFixture {
    pub fn new() -> ImportFixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("fuzz.sqlite")).expect("store");
        let program = create_program(
            &mut store,
            &ProgramInput {
                name: "Fuzz".into(),
                ..ProgramInput::default()
            },
        )
        .expect("program");
        ImportFixture {
            _dir: dir,
            store,
            program_id: program.id,
        }
    }
}

/// The first byte picks the file name (and so the format) and the role;
/// the rest is read as that spreadsheet, previewed and imported as a dry
/// run. Returns whether the bytes read as a spreadsheet at all.
pub fn spreadsheet(fixture: &mut ImportFixture, data: &[u8]) -> bool {
    let Some((&selector, bytes)) = data.split_first() else {
        return false;
    };
    let name = [
        "applications.csv",
        "applications.xlsx",
        "applications.ods",
        "applications.xls",
        "mentors.txt",
    ][usize::from(selector) % 5];
    let Ok(workbook) = read_bytes(name, bytes) else {
        return false;
    };
    let options = ImportOptions::default();
    let _ = preview_workbook(&fixture.store, workbook.clone(), None, &options);
    let role = if selector & 0x80 == 0 {
        Role::Participant
    } else {
        Role::Mentor
    };
    let program_id = fixture.program_id;
    let _ = import_workbook(
        &mut fixture.store,
        program_id,
        role,
        workbook,
        name,
        &options,
        true,
    );
    true
}

/// Any text as every letter template, checked as the Letters screen does.
pub fn template(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
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
        survey_link: String::new(),
        shape: matchbook::programs::Shape::OneToOne,
        group_min: 4,
        group_max: 6,
        keep_libraries_apart: true,
        archived: false,
        created_at: String::new(),
        updated_at: String::new(),
    };
    let settings = LetterSettings {
        participant_template: text.to_string(),
        mentor_template: text.to_string(),
        group_template: text.to_string(),
        ..LetterSettings::default()
    };
    for kind in [
        LetterKind::Participant,
        LetterKind::Mentor,
        LetterKind::Group,
    ] {
        let _ = check_letter(&program, &settings, kind);
    }
}
