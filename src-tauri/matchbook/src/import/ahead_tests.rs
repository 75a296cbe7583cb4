//! Rows normalised while a large file is read are exactly the rows
//! normalised after it, and are not used when the whole file tells more.

use super::ahead::read_normalising;
use super::analyse::analyze;
use super::bomb_tests::{text_cell, xlsx_with_rows};
use super::normalize::{normalize_row, Plan, RoleOfRows};
use super::*;
use crate::people::list_people;
use crate::programs::{create_program, ProgramInput};

/// A form's export of `rows` applications; row `late` (if any) is the first
/// to tick an option whose wording holds a comma.
fn applications(rows: usize, late: Option<usize>) -> Vec<u8> {
    let areas = ["Leadership", "Grant writing", "Advocacy", "Budgeting"];
    xlsx_with_rows(rows + 1, |n| {
        let cells = if n == 1 {
            [
                "Timestamp",
                "Email Address",
                "Name",
                "Areas where you would like guidance",
                "How would you like to meet?",
            ]
            .map(String::from)
        } else {
            let i = n - 2;
            let mut ticked = format!("{}, {}", areas[i % 4], areas[(i / 4) % 4]);
            if late.is_some_and(|late| n > late) && i % 3 == 0 {
                ticked.push_str(", Diversity, equity and inclusion");
            }
            [
                format!("2026-02-01 {:02}:{:02}:00", i % 24, i % 60),
                format!("person{i}@example.org"),
                format!("Person {i} Example"),
                ticked,
                ["In person", "Video call"][i % 2].to_string(),
            ]
        };
        let row: String = cells
            .iter()
            .zip(["A", "B", "C", "D", "E"])
            .map(|(text, column)| text_cell(column, n, text))
            .collect();
        format!(r#"<row r="{n}">{row}</row>"#)
    })
}

fn program() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.sqlite")).unwrap();
    let id = create_program(&mut store, &ProgramInput::named("Ahead"))
        .unwrap()
        .id;
    (dir, store, id)
}

#[test]
fn rows_normalised_while_reading_are_the_rows_normalised_after() {
    let (dir, store, program) = program();
    let path = dir.path().join("applications.xlsx");
    std::fs::write(&path, applications(5_000, None)).unwrap();
    let role = ImportAs::from(crate::people::Role::Participant);
    let options = ImportOptions::default();
    let (workbook, ahead) = read_normalising(&store, program, role, &path, &options).unwrap();
    assert_eq!(
        workbook,
        read_workbook(&path).unwrap(),
        "the file is read as always"
    );
    let mut analysis = analyze(&store, workbook, role, &options).unwrap();
    analysis.use_known_wordings(&store, program).unwrap();
    let plan = Plan {
        headers: &analysis.headers,
        questions: &analysis.questions,
        role: RoleOfRows::of(&analysis, role).unwrap(),
    };
    let after: Vec<String> = analysis
        .data_rows()
        .map(|(n, cells)| format!("{n} {:?}", normalize_row(&plan, n, cells)))
        .collect();
    let ahead = ahead.expect("a 5,000-row sheet is normalised while it is read");
    let rows = ahead
        .fitting(&analysis)
        .expect("the first rows told everything");
    let during: Vec<String> = rows.iter().map(|(n, r)| format!("{n} {r:?}")).collect();
    assert_eq!(during.len(), 5_000);
    assert_eq!(during, after);
}

#[test]
fn an_option_first_ticked_late_in_the_file_is_learned_from_the_whole_column() {
    let (dir, mut store, program) = program();
    let path = dir.path().join("applications.xlsx");
    std::fs::write(&path, applications(5_000, Some(4_000))).unwrap();
    let role = ImportAs::from(crate::people::Role::Participant);
    let options = ImportOptions::default();
    let (workbook, ahead) = read_normalising(&store, program, role, &path, &options).unwrap();
    let analysis = analyze(&store, workbook, role, &options).unwrap();
    assert!(
        ahead
            .expect("normalised ahead")
            .fitting(&analysis)
            .is_none(),
        "the first 2,000 rows split the late option at its comma; the whole column does not"
    );
    let report = import_file(&mut store, program, role, &path, &options, false).unwrap();
    assert_eq!(report.added, 5_000);
    let people = list_people(&store, program, None).unwrap();
    let late = people
        .iter()
        .find(|p| p.application.email.as_deref() == Some("person4005@example.org"))
        .unwrap();
    assert!(
        late.application
            .lists
            .areas
            .contains(&"Diversity, equity and inclusion".to_string()),
        "{:?}",
        late.application.lists.areas
    );
}

#[test]
fn a_row_written_out_of_order_stops_the_rows_handed_over() {
    let (dir, store, program) = program();
    let path = dir.path().join("applications.xlsx");
    // The 3,001st row is written before the 3,000th, as only a hand can.
    let bytes = xlsx_with_rows(3_101, |n| {
        let n = match n {
            3_000 => 3_001,
            3_001 => 3_000,
            n => n,
        };
        let (email, name) = if n == 1 {
            ("Email".to_string(), "Name".to_string())
        } else {
            (format!("p{n}@example.org"), format!("Person {n}"))
        };
        let (a, b) = (text_cell("A", n, &email), text_cell("B", n, &name));
        format!(r#"<row r="{n}">{a}{b}</row>"#)
    });
    std::fs::write(&path, bytes).unwrap();
    let role = ImportAs::from(crate::people::Role::Participant);
    let (workbook, ahead) =
        read_normalising(&store, program, role, &path, &ImportOptions::default()).unwrap();
    assert_eq!(workbook, read_workbook(&path).unwrap());
    assert!(ahead.is_none(), "nothing handed over is used");
}
