//! Setup shared by the core's unit tests: a new program file, a program in
//! it, the sample cohort, a matched cohort, and people added by hand.

use tempfile::TempDir;

use crate::people::{AnswersJson, Application, Lists, PeopleWriter, Person, Role, SourceRow};
use crate::programs::{create_program, update_program, Program, ProgramInput};
use crate::sample::load_sample_program;
use crate::store::Store;

/// The program file's name inside each test's folder.
pub(crate) const FILE_NAME: &str = "program.sqlite";

/// A new, empty program file in a folder removed when the `TempDir` drops.
pub(crate) fn new_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
    (dir, store)
}

/// A new file with one program called `name` and nobody in it yet.
pub(crate) fn program_named(name: &str) -> (TempDir, Store, i64) {
    let (dir, mut store) = new_store();
    let program = create_program(&mut store, &ProgramInput::named(name)).unwrap();
    (dir, store, program.id)
}

/// A new file with the sample cohort (40 mentors, 60 participants).
pub(crate) fn sample_cohort() -> (TempDir, Store, Program) {
    let (dir, mut store) = new_store();
    let program = load_sample_program(&mut store).unwrap();
    (dir, store, program)
}

/// The sample cohort with the program's details set by `details`, then
/// matched and every proposed pair confirmed.
pub(crate) fn matched_cohort(
    details: impl FnOnce(&Program) -> ProgramInput,
) -> (TempDir, Store, i64) {
    let (dir, mut store, program) = sample_cohort();
    update_program(&mut store, program.id, &details(&program)).unwrap();
    crate::matching::run(&mut store, program.id, crate::matching::Goal::Total).unwrap();
    crate::matching::confirm(&mut store, program.id).unwrap();
    (dir, store, program.id)
}

/// Adds one application by hand (as an import would), with its library,
/// people to avoid and areas; the email is made from the name.
pub(crate) fn add_person(
    store: &mut Store,
    program_id: i64,
    role: Role,
    name: &str,
    library: &str,
    avoid: &[&str],
    areas: &[&str],
) -> Person {
    let app = Application {
        name: name.into(),
        email: Some(format!(
            "{}@example.org",
            name.to_lowercase().replace(' ', ".")
        )),
        library: library.into(),
        lists: Lists {
            avoid: avoid.iter().map(|s| s.to_string()).collect(),
            areas: areas.iter().map(|s| s.to_string()).collect(),
            ..Lists::default()
        },
        ..Application::default()
    };
    let now = crate::time::now_timestamp();
    let source = SourceRow {
        import_id: None,
        file: "test",
        sheet: "",
        row_number: 1,
        raw_json: "{}",
        raw_id: None,
        received_at: &now,
    };
    let json = AnswersJson::of(&app);
    store
        .write(|tx| PeopleWriter::new(tx)?.person(program_id, role, &app, &json, &source))
        .unwrap();
    crate::identity::find_person(store, program_id, role, name).unwrap()
}

/// What a poppler tool (poppler-utils) says about a PDF (`PDF` in `args`).
pub(crate) fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("booklet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(tool)
        .args(args.iter().map(|a| match *a {
            "PDF" => path.as_os_str(),
            other => std::ffi::OsStr::new(other),
        }))
        .output()
        .unwrap_or_else(|e| panic!("{tool} (install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a PDF as a reader sees it (pdftotext), whitespace collapsed;
/// one string per page.
pub(crate) fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    poppler("pdftotext", &["-enc", "UTF-8", "PDF", "-"], pdf)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}
