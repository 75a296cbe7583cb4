//! An import's history: undo (what was added removed, what was changed
//! restored, the column choices forgotten), a dry run, and column choices
//! remembered for the same questions.

use super::tests::{field_of, fixture, import, setup};
use super::*;
use crate::people::list_people;

#[test]
fn undo_removes_what_was_added_and_restores_what_was_changed() {
    let (_d, mut store, program) = setup();
    let first = import(&mut store, program, Role::Mentor, "google_mentors.csv");
    let before = list_people(&store, program, None).unwrap();
    // A second file updates one person (same email, new answers).
    let mut options = ImportOptions::default();
    options.mapping.insert("Library".into(), Field::Library);
    let second = import_file(
        &mut store,
        program,
        Role::Mentor,
        &fixture("legacy_mentors.xls"),
        &options,
        false,
    )
    .unwrap();
    assert_eq!(second.added, 2);
    let err = undo_import(&mut store, first.import_id.unwrap()).unwrap_err();
    assert!(err.to_string().contains("undo it first"), "{err}");
    let undone = undo_import(&mut store, second.import_id.unwrap()).unwrap();
    assert_eq!(undone.removed, 2);
    assert_eq!(list_people(&store, program, None).unwrap(), before);
    undo_import(&mut store, first.import_id.unwrap()).unwrap();
    assert!(list_people(&store, program, None).unwrap().is_empty());
    let raw: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM applications", [], |r| r.get(0))
        .unwrap();
    assert_eq!(raw, 0);
    assert!(undo_import(&mut store, first.import_id.unwrap())
        .unwrap_err()
        .to_string()
        .contains("already undone"));
}

#[test]
fn an_update_is_undone_back_to_the_earlier_answers() {
    let (dir, mut store, program) = setup();
    import(
        &mut store,
        program,
        Role::Participant,
        "excel_semicolon_1252.csv",
    );
    let before = list_people(&store, program, None).unwrap();
    let changed = dir.path().join("changed.csv");
    std::fs::write(&changed, "Name,E-mail,Library,Region\nJosé Peña,jose.pena@example.org,Red Wing Public Library,Southeast\n").unwrap();
    let r = import_file(
        &mut store,
        program,
        Role::Participant,
        &changed,
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    assert_eq!((r.added, r.updated), (0, 1));
    undo_import(&mut store, r.import_id.unwrap()).unwrap();
    assert_eq!(list_people(&store, program, None).unwrap(), before);
}

#[test]
fn a_mapping_is_remembered_for_the_same_headers() {
    let (_d, mut store, program) = setup();
    let mut options = ImportOptions::default();
    options
        .mapping
        .insert("Anything else we should know?".into(), Field::Keep);
    import_file(
        &mut store,
        program,
        Role::Mentor,
        &fixture("google_mentors.csv"),
        &options,
        false,
    )
    .unwrap();
    let p = preview(
        &store,
        &fixture("google_mentors.csv"),
        Some(Role::Mentor.into()),
        &ImportOptions::default(),
    )
    .unwrap();
    let col = p
        .columns
        .iter()
        .find(|c| c.header == "Anything else we should know?")
        .unwrap();
    assert_eq!(col.field, Field::Keep);
    assert_eq!(col.source, "remembered");
}

#[test]
fn dry_run_reports_without_writing() {
    let (_d, mut store, program) = setup();
    let r = import_file(
        &mut store,
        program,
        Role::Mentor,
        &fixture("google_mentors.csv"),
        &ImportOptions::default(),
        true,
    )
    .unwrap();
    assert_eq!(r.added, 4);
    assert!(r.import_id.is_none());
    assert!(list_people(&store, program, None).unwrap().is_empty());
}

#[test]
fn a_remembered_mapping_applies_to_the_same_questions_in_other_capitals() {
    let (dir, mut store, program) = setup();
    let first = dir.path().join("a.csv");
    let second = dir.path().join("b.csv");
    std::fs::write(
        &first,
        "Name,Email Address,Home branch\nAnn Lee,ann@example.org,Duluth\n",
    )
    .unwrap();
    std::fs::write(
        &second,
        "Name,Email address,Home Branch\nBo Chen,bo@example.org,Ely\n",
    )
    .unwrap();
    let mut options = ImportOptions::default();
    options.mapping.insert("Home branch".into(), Field::Library);
    import_file(
        &mut store,
        program,
        Role::Participant,
        &first,
        &options,
        false,
    )
    .unwrap();
    let p = preview(
        &store,
        &second,
        Some(Role::Participant.into()),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(field_of(&p, "Email address"), Field::Email);
    assert_eq!(field_of(&p, "Home Branch"), Field::Library);
}

#[test]
fn undo_also_forgets_the_column_choices_that_import_made() {
    let (_d, mut store, program) = setup();
    let plain = import(&mut store, program, Role::Mentor, "google_mentors.csv");
    let mut options = ImportOptions::default();
    options.mapping.insert("Region".into(), Field::Keep);
    let chosen = import_file(
        &mut store,
        program,
        Role::Mentor,
        &fixture("google_mentors.csv"),
        &options,
        false,
    )
    .unwrap();
    let region = |store: &Store| {
        let p = preview(
            store,
            &fixture("google_mentors.csv"),
            Some(Role::Mentor.into()),
            &ImportOptions::default(),
        )
        .unwrap();
        field_of(&p, "Region")
    };
    assert_eq!(region(&store), Field::Keep);
    undo_import(&mut store, chosen.import_id.unwrap()).unwrap();
    assert_eq!(
        region(&store),
        Field::Region,
        "back to the mapping remembered before"
    );
    undo_import(&mut store, plain.import_id.unwrap()).unwrap();
    let remembered: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM header_mappings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(remembered, 0);
}
