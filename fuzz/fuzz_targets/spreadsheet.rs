//! Arbitrary bytes as a spreadsheet of any format (the first byte picks the
//! file name's extension), then the whole import analysis and a dry run:
//! header row detection, column recognition, option learning, normalization
//! of every row. Errors are fine; panics are bugs.
#![no_main]
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use matchbook::import::{import_workbook, preview_workbook, read_bytes, ImportOptions};
use matchbook::people::Role;
use matchbook::programs::{create_program, ProgramInput};
use matchbook::Store;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    program_id: i64,
}

fn fixture() -> &'static Mutex<Fixture> {
    static FIXTURE: OnceLock<Mutex<Fixture>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
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
        Mutex::new(Fixture {
            _dir: dir,
            store,
            program_id: program.id,
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = [
        "applications.csv",
        "applications.xlsx",
        "applications.ods",
        "applications.xls",
        "mentors.txt",
    ][usize::from(selector) % 5];
    let Ok(workbook) = read_bytes(name, bytes) else {
        return;
    };
    let mut fixture = fixture().lock().unwrap_or_else(|p| p.into_inner());
    let program_id = fixture.program_id;
    let options = ImportOptions::default();
    let _ = preview_workbook(&fixture.store, workbook.clone(), None, &options);
    let role = if selector & 0x80 == 0 {
        Role::Participant
    } else {
        Role::Mentor
    };
    let _ = import_workbook(
        &mut fixture.store,
        program_id,
        role,
        workbook,
        name,
        &options,
        true,
    );
});
