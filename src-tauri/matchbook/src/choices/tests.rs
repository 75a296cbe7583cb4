use super::*;
use crate::import::{list_imports, read_bytes, undo_import};
use crate::people::Role;
use crate::test_support::{add_person, program_named};

/// A program with four mentors (two share a surname) and three participants.
fn program() -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store, id) = program_named("Choices");
    for name in ["Ana Ruiz", "Ben Ode", "Chloé Marchand", "Dan Ode"] {
        add_person(&mut store, id, Role::Mentor, name, "", &[], &[]);
    }
    for name in ["Iris Falk", "Jon Park", "Kim Lee"] {
        add_person(&mut store, id, Role::Participant, name, "", &[], &[]);
    }
    (dir, store, id)
}

fn import(store: &mut Store, id: i64, csv: &str) -> ChoicesReport {
    let workbook = read_bytes("choices.csv", csv.as_bytes()).unwrap();
    import_choices_workbook(store, id, workbook, &ChoiceOptions::default(), false).unwrap()
}

/// Each chooser's current choices as (chooser, chosen, rank) names.
fn stored(store: &Store, id: i64) -> Vec<(String, String, u8)> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT a.name, b.name, c.rank FROM choices c
             JOIN people a ON a.id = c.chooser_id JOIN people b ON b.id = c.chosen_id
             WHERE c.program_id = ?1 AND c.import_id = (SELECT max(import_id) FROM choices d
                 WHERE d.chooser_id = c.chooser_id AND d.program_id = c.program_id)
             ORDER BY a.name, c.rank",
        )
        .unwrap();
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn t(a: &str, b: &str, rank: u8) -> (String, String, u8) {
    (a.into(), b.into(), rank)
}

#[test]
fn separate_columns_resolve_names_as_requested_mentors_are() {
    let (_dir, mut store, id) = program();
    let csv = "Timestamp,Email Address,Full name,First choice,Second choice,Third choice\n\
        2026-01-05,iris.falk@example.org,Iris Falk,\"ruiz, ana\",CHLOE MARCHAND,Ode\n\
        2026-01-05,,Jon Park,Marchand,Ana Ruis,No preference\n\
        2026-01-05,,,,,\n\
        2026-01-05,nobody@example.org,Zed Nobody,Ana Ruiz,,\n";
    let r = import(&mut store, id, csv);
    assert_eq!(r.rows, 4, "{r:?}");
    assert_eq!(r.recorded, 2);
    assert_eq!(r.blank, 1);
    assert_eq!(r.unknown_people.len(), 1);
    assert_eq!(r.unknown_people[0].row, 5);
    assert_eq!(
        r.rows,
        r.recorded + r.blank + r.unknown_people.len() + r.not_imported.len(),
        "every row counted once"
    );
    // "Ode" is two mentors' surname: listed with its row, never guessed.
    let rows: Vec<(i64, &str)> = r
        .unknown_names
        .iter()
        .map(|a| (a.row, a.reason.as_str()))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, 2);
    assert!(
        rows[0].1.contains("could be Ben Ode or Dan Ode"),
        "{rows:?}"
    );
    assert!(rows[0].1.contains("3rd choice of Iris Falk"), "{rows:?}");
    assert_eq!(
        stored(&store, id),
        vec![
            t("Iris Falk", "Ana Ruiz", 1),
            t("Iris Falk", "Chloé Marchand", 2),
            t("Jon Park", "Chloé Marchand", 1),
            t("Jon Park", "Ana Ruiz", 2),
        ],
        "“Ana Ruis” is a close spelling of a full name; “No preference” names nobody"
    );
}

#[test]
fn one_answer_with_ranks_and_booklet_numbers() {
    let (_dir, mut store, id) = program();
    let listed = crate::booklet::numbered_mentors(&store, id).unwrap();
    let number_of = |name: &str| listed.iter().find(|l| l.name == name).unwrap().number;
    let csv = format!(
        "Name,Your choices in order\nKim Lee,\"1. {}; 2. Ben Ode; 3. {}. Ana Ruiz\"\nIris Falk,\"1) 99 2) Dan Ode\"\n",
        number_of("Chloé Marchand"),
        number_of("Ana Ruiz"),
    );
    let r = import(&mut store, id, &csv);
    assert_eq!(r.recorded, 2, "{r:?}");
    assert_eq!(r.unknown_names.len(), 1);
    assert!(r.unknown_names[0].reason.contains("“99”"), "{r:?}");
    assert_eq!(
        stored(&store, id),
        vec![
            t("Iris Falk", "Dan Ode", 2),
            t("Kim Lee", "Chloé Marchand", 1),
            t("Kim Lee", "Ben Ode", 2),
            t("Kim Lee", "Ana Ruiz", 3),
        ]
    );
}

#[test]
fn mentors_rank_participants_and_a_reimport_replaces_only_that_choosers_choices() {
    let (_dir, mut store, id) = program();
    import(
        &mut store,
        id,
        "Email,1st choice,2nd choice\niris.falk@example.org,Ana Ruiz,Ben Ode\njon.park@example.org,Ben Ode,\n",
    );
    let second = import(
        &mut store,
        id,
        "Email,1st choice,2nd choice\niris.falk@example.org,Dan Ode,\nana.ruiz@example.org,Kim Lee,Iris Falk\n",
    );
    assert_eq!((second.participants, second.mentors), (1, 1));
    assert_eq!(second.replaced, 1, "Iris chose before; Ana did not");
    assert_eq!(
        stored(&store, id),
        vec![
            t("Ana Ruiz", "Kim Lee", 1),
            t("Ana Ruiz", "Iris Falk", 2),
            t("Iris Falk", "Dan Ode", 1),
            t("Jon Park", "Ben Ode", 1),
        ]
    );
    // Undoing the second import brings Iris's first choices back.
    let import_id = second.import_id.unwrap();
    let record = list_imports(&store, Some(id))
        .unwrap()
        .into_iter()
        .find(|r| r.id == import_id)
        .unwrap();
    assert_eq!(record.kind, "choices");
    assert_eq!(record.kind_label, "Ranked choices");
    undo_import(&mut store, import_id).unwrap();
    assert_eq!(
        stored(&store, id),
        vec![
            t("Iris Falk", "Ana Ruiz", 1),
            t("Iris Falk", "Ben Ode", 2),
            t("Jon Park", "Ben Ode", 1),
        ]
    );
}

#[test]
fn the_preview_reads_the_columns_and_says_what_importing_would_do() {
    let (_dir, store, id) = program();
    let csv = "Email,Full name,First choice,Second choice\niris.falk@example.org,Iris Falk,Ana Ruiz,Nobody Here\n";
    let workbook = read_bytes("choices.csv", csv.as_bytes()).unwrap();
    let p =
        preview_choices_workbook(&store, Some(id), workbook, &ChoiceOptions::default()).unwrap();
    let meanings: Vec<&str> = p.columns.iter().map(|c| c.meaning.as_str()).collect();
    assert_eq!(meanings, ["email", "name", "choice_1", "choice_2"]);
    assert!(p.problems.is_empty());
    let would = p.would.unwrap();
    assert!(would.dry_run);
    assert_eq!((would.recorded, would.choices), (1, 1));
    assert_eq!(would.unknown_names.len(), 1);
    assert!(stored(&store, id).is_empty(), "a preview changes nothing");
}

#[test]
fn a_file_without_choices_is_refused_with_what_to_do_and_nothing_changes() {
    let (_dir, mut store, id) = program();
    let workbook = read_bytes("x.csv", b"Email,Areas\na@b.org,AI\n").unwrap();
    let e = import_choices_workbook(&mut store, id, workbook, &ChoiceOptions::default(), false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("No column holds a choice"), "{e}");
    assert!(list_imports(&store, Some(id)).unwrap().is_empty());
}
