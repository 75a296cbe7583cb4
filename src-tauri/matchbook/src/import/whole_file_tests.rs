//! Whole files: one with no applications is refused and writes nothing, an
//! application repeated many times is stored once, and the sheet that looks
//! like form responses is chosen over a long helper list.

use std::path::PathBuf;

use super::*;
use crate::people::{erase_person, list_people};
use crate::store::backups::backup_folder;
use crate::test_support::program_named;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name)
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn import_text(
    store: &mut Store,
    program: i64,
    name: &str,
    text: &str,
) -> crate::error::Result<ImportReport> {
    let workbook = read_bytes(name, text.as_bytes())?;
    import_workbook(
        store,
        program,
        Role::Participant,
        workbook,
        name,
        &ImportOptions::default(),
        false,
    )
}

/// A participants CSV of one application written `times` times over.
fn one_application_repeated(times: usize) -> String {
    let mut text = String::from("Timestamp,Email Address,Name,Library / organization\n");
    for _ in 0..times {
        text.push_str("2/14/2019 10:15:00,ada@example.org,Ada Lovelace,Duluth Public Library\n");
    }
    text
}

#[test]
fn a_file_with_only_column_titles_or_blank_rows_is_refused_and_nothing_is_written() {
    let (dir, mut store, program) = program_named("MILE 2019");
    let cases = [
        ("header_only.csv", "there are no rows"),
        ("header_then_blank_rows.csv", "every row is empty"),
    ];
    for (file, below) in cases {
        for dry_run in [false, true] {
            let err = import_file(
                &mut store,
                program,
                Role::Participant,
                &fixture(file),
                &ImportOptions::default(),
                dry_run,
            )
            .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "{file} holds no applications: below its column titles {below}. Check that \
                     you exported the responses, not the empty form."
                ),
                "dry run: {dry_run}"
            );
        }
        // The mapping screen still opens it.
        let preview = preview(&store, &fixture(file), None, &ImportOptions::default()).unwrap();
        assert_eq!(preview.columns.len(), 7);
    }
    for table in ["imports", "header_mappings", "people", "applications"] {
        assert_eq!(count(&store, table), 0, "nothing in {table}");
    }
    let backups = backup_folder(&dir.path().join(crate::test_support::FILE_NAME));
    assert!(
        !backups.exists(),
        "no backup was made: {}",
        backups.display()
    );
}

#[test]
fn a_workbook_with_no_applications_is_named_with_its_sheet() {
    let (_d, mut store, program) = program_named("MILE 2019");
    let titles = ["Timestamp", "Email Address", "Name"]
        .map(String::from)
        .to_vec();
    let workbook = Workbook {
        file_name: "participants.xlsx".into(),
        format: "Excel (XLSX)".into(),
        sheets: vec![
            SheetData {
                name: "Form Responses 1".into(),
                first_row: 1,
                rows: vec![titles, vec![String::new(); 3]],
            },
            SheetData {
                name: "Notes".into(),
                first_row: 1,
                rows: vec![vec!["Note".into()]],
            },
        ],
    };
    let err = import_workbook(
        &mut store,
        program,
        Role::Participant,
        workbook,
        "participants.xlsx",
        &ImportOptions::default(),
        false,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "participants.xlsx, sheet \"Form Responses 1\", holds no applications: below its column \
         titles every row is empty. Check that you exported the responses, not the empty form."
    );
}

#[test]
fn rows_with_no_name_and_no_email_are_not_an_empty_file() {
    let (_d, mut store, program) = program_named("MILE 2019");
    let text =
        "Timestamp,Email Address,Name,Library / organization\n,,,\n,,,Duluth Public Library\n";
    let report = import_text(&mut store, program, "leftovers.csv", text).unwrap();
    assert_eq!((report.rows, report.not_imported, report.blank), (2, 1, 1));
    assert_eq!(report.attention.len(), 1, "{:?}", report.attention);
    assert_eq!(count(&store, "imports"), 1);
}

#[test]
fn an_application_repeated_is_stored_once_and_each_row_keeps_its_number() {
    let (_d, mut store, program) = program_named("MILE 2019");
    let other = "Timestamp,Email Address,Name\n2/14/2019 10:15:00,bo@example.org,Bo Berg\n";
    import_text(&mut store, program, "bo.csv", other).unwrap();
    let report = import_text(
        &mut store,
        program,
        "ada.csv",
        &one_application_repeated(300),
    )
    .unwrap();
    assert_eq!((report.rows, report.added, report.merged), (300, 1, 299));
    assert_eq!(count(&store, "applications"), 301);
    assert_eq!(count(&store, "raw_rows"), 2, "one copy of each row's text");
    let numbers: i64 = store
        .conn()
        .query_row(
            "SELECT count(DISTINCT row_number) FROM applications WHERE import_id = ?1",
            [report.import_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(numbers, 300, "every row keeps its own number");

    // Undo takes the shared text with it, and leaves another import's alone.
    undo_import(&mut store, report.import_id.unwrap()).unwrap();
    assert_eq!(count(&store, "raw_rows"), 1);

    // Erasing a person erases their rows' text too.
    let bo = list_people(&store, program, None).unwrap()[0].id;
    erase_person(&mut store, bo).unwrap();
    assert_eq!(count(&store, "raw_rows"), 0);
}

/// A person's text is written out in batches beside the inserts: every
/// person on either side of a batch's end is written, each with their own
/// row and answers.
#[test]
fn every_person_of_a_long_file_is_written_with_their_own_row() {
    let (_d, mut store, program) = program_named("MILE 2019");
    let mut text = String::from("Timestamp,Email Address,Name,Which areas?\n");
    let people = 1_100;
    for i in 0..people {
        text.push_str(&format!(
            "2/14/2019 10:15:00,p{i}@example.org,Person {i},Area {}\n",
            i % 7
        ));
    }
    let report = import_text(&mut store, program, "many.csv", &text).unwrap();
    assert_eq!((report.rows, report.added), (people, people));
    let listed = list_people(&store, program, None).unwrap();
    assert_eq!(listed.len(), people);
    for person in &listed {
        let i: usize = person.application.name["Person ".len()..].parse().unwrap();
        assert_eq!(
            person.application.email.as_deref(),
            Some(format!("p{i}@example.org").as_str())
        );
        let raw: String = store
            .conn()
            .query_row(
                "SELECT r.raw_json FROM applications a JOIN raw_rows r ON r.id = a.raw_id
                 WHERE a.person_id = ?1",
                [person.id],
                |r| r.get(0),
            )
            .unwrap();
        assert!(raw.contains(&format!("\"Person {i}\"")), "{raw}");
    }
}

#[test]
fn the_responses_sheet_is_chosen_over_a_long_scratch_list() {
    let (_d, mut store, program) = program_named("MILE 2019");
    let file = fixture("responses_then_scratch.xlsx");
    let shown = preview(&store, &file, None, &ImportOptions::default()).unwrap();
    assert_eq!(shown.sheet, "Form Responses 1");
    let report = import_file(
        &mut store,
        program,
        Role::Participant,
        &file,
        &ImportOptions::default(),
        true,
    )
    .unwrap();
    assert_eq!(
        (report.sheet.as_str(), report.rows),
        ("Form Responses 1", 20)
    );
    let scratch = ImportOptions {
        sheet: Some("Scratch".into()),
        ..ImportOptions::default()
    };
    let shown = preview(&store, &file, None, &scratch).unwrap();
    assert_eq!(shown.sheet, "Scratch", "the committee can still choose it");
}
