use super::*;
use crate::import::{import_file, preview, ImportAs, ImportOptions};
use crate::programs::{create_program, ProgramInput};

fn program() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.matchbook")).unwrap();
    let id = create_program(
        &mut store,
        &ProgramInput {
            kickoff_date: "2027-01-15".into(),
            kickoff_event: "Leading for Life".into(),
            kickoff_place: "Duluth".into(),
            ..ProgramInput::named("Institute 2027")
        },
    )
    .unwrap()
    .id;
    (dir, store, id)
}

/// A CSV of `rows` answers under exactly `headers`.
fn csv(
    dir: &std::path::Path,
    name: &str,
    headers: &[String],
    rows: &[Vec<String>],
) -> std::path::PathBuf {
    let mut w = ::csv::Writer::from_path(dir.join(name)).unwrap();
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    dir.join(name)
}

fn answer(q: &KitQuestion, n: usize) -> String {
    match q.kind {
        QuestionKind::Contact if q.id == "email" => format!("person{n}@example.org"),
        QuestionKind::Contact => format!("Person {n}"),
        QuestionKind::Number => (3 + n).to_string(),
        QuestionKind::Names => String::new(),
        _ if !q.options.is_empty() => q.options[n % q.options.len()].clone(),
        _ => format!("Answer {n}"),
    }
}

#[test]
fn the_kit_is_filled_from_the_program_and_adopting_it_maps_every_column() {
    let (dir, mut store, program) = program();
    let kit = form_kit(&store, program).unwrap();
    let participant = &kit.forms[1];
    assert!(
        participant
            .intro
            .contains("Leading for Life, Duluth, 15 January 2027"),
        "{}",
        participant.intro
    );
    assert!(participant
        .questions
        .iter()
        .any(|q| q.text.contains("18 months")));
    let adopted = adopt_kit(&mut store, program, &kit).unwrap();
    assert_eq!(adopted.criteria, vec!["Shared values".to_string()]);
    for (form, role) in [
        (&kit.forms[0], ImportAs::Mentor),
        (&kit.forms[1], ImportAs::Participant),
    ] {
        let headers: Vec<String> = included(form).map(|q| q.text.clone()).collect();
        let rows: Vec<Vec<String>> = (0..3)
            .map(|n| included(form).map(|q| answer(q, n)).collect())
            .collect();
        let path = csv(
            dir.path(),
            &format!("{}.csv", form.form.key()),
            &headers,
            &rows,
        );
        let seen = preview(&store, &path, Some(role), &ImportOptions::default()).unwrap();
        let columns: usize = seen.columns.iter().map(|c| c.columns.len()).sum();
        assert_eq!(columns, headers.len());
        for c in &seen.columns {
            assert_eq!(c.source, "remembered", "{}: {:?}", c.header, c.field);
        }
        let report = import_file(
            &mut store,
            program,
            role,
            &path,
            &ImportOptions::default(),
            false,
        )
        .unwrap();
        assert_eq!(report.added, 3);
        // As Google Forms exports it, collecting emails itself.
        let mut google = vec!["Timestamp".to_string(), "Email Address".to_string()];
        google.extend(
            included(form)
                .filter(|q| q.id != "email")
                .map(|q| q.text.clone()),
        );
        let rows: Vec<Vec<String>> = (0..2)
            .map(|n| {
                let mut row = vec![
                    "2027/01/02 10:00:00 AM GMT-6".to_string(),
                    format!("g{n}@example.org"),
                ];
                row.extend(
                    included(form)
                        .filter(|q| q.id != "email")
                        .map(|q| answer(q, n)),
                );
                row
            })
            .collect();
        let path = csv(
            dir.path(),
            &format!("google-{}.csv", form.form.key()),
            &google,
            &rows,
        );
        let seen = preview(&store, &path, Some(role), &ImportOptions::default()).unwrap();
        assert!(
            seen.columns.iter().all(|c| c.source == "remembered"),
            "{:?}",
            seen.columns
                .iter()
                .map(|c| (&c.header, c.source))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn unticked_questions_and_edited_options_reach_the_pdf_and_the_list() {
    let (_dir, mut store, program) = program();
    let mut kit = form_kit(&store, program).unwrap();
    let mentor = &mut kit.forms[0];
    mentor
        .questions
        .iter_mut()
        .find(|q| q.id == "position")
        .unwrap()
        .included = false;
    mentor
        .questions
        .iter_mut()
        .find(|q| q.id == "region")
        .unwrap()
        .options[0] = "North Shore".into();
    let saved = save_form_kit(&mut store, program, &kit).unwrap();
    assert_eq!(saved, kit, "the edits are kept");
    let list = question_list(&saved.forms[0]);
    assert!(
        !list.contains("Position title") && list.contains("North Shore"),
        "{list}"
    );
    let mut empty = saved.clone();
    empty.forms[0]
        .questions
        .iter_mut()
        .find(|q| q.id == "region")
        .unwrap()
        .options
        .clear();
    assert!(
        save_form_kit(&mut store, program, &empty).is_err(),
        "a choice without options is refused"
    );
}

/// Issue 34: a form built from the kit's question list but exported in
/// another shape (no Google email column, nothing adopted) is still read by
/// its wording: every kit question feeds its field, the chosen name too.
#[test]
fn the_kits_questions_are_recognised_by_their_wording_without_adopting() {
    let (dir, store, program) = program();
    let kit = form_kit(&store, program).unwrap();
    for (form, role) in [
        (&kit.forms[0], ImportAs::Mentor),
        (&kit.forms[1], ImportAs::Participant),
    ] {
        let questions: Vec<&KitQuestion> = included(form).collect();
        let mut headers = vec!["Timestamp".to_string()];
        headers.extend(questions.iter().map(|q| q.text.clone()));
        let rows: Vec<Vec<String>> = (0..6)
            .map(|n| {
                let mut row = vec![format!("2027/01/0{} 9:00:00", n + 1)];
                row.extend(questions.iter().map(|q| answer(q, n)));
                row
            })
            .collect();
        let path = csv(dir.path(), "unadopted.csv", &headers, &rows);
        let seen = preview(&store, &path, Some(role), &ImportOptions::default()).unwrap();
        for q in questions
            .iter()
            .filter(|q| q.field.is_some_and(|f| f != Field::Keep))
        {
            let column = seen.columns.iter().find(|c| c.header == q.text);
            assert_eq!(
                column.map(|c| c.field),
                q.field,
                "{:?} form: \"{}\" is read as {:?}",
                form.form,
                q.text,
                column.map(|c| c.field)
            );
        }
    }
}

/// Issue 31: the choice form is part of the kit but no application: adopting
/// the kit saves only the two applications' questions.
#[test]
fn the_mentor_choices_form_ranks_three_mentors_and_is_not_adopted() {
    let (_dir, mut store, program) = program();
    let kit = form_kit(&store, program).unwrap();
    let choices = kit
        .forms
        .iter()
        .find(|f| f.form == FormKind::Choices)
        .unwrap();
    let ids: Vec<&str> = included(choices).map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["email", "name", "first", "second", "third"]);
    assert!(
        choices.intro.contains("mentor booklet"),
        "{}",
        choices.intro
    );
    let applications: usize = kit.forms[..2].iter().map(|f| included(f).count()).sum();
    let adopted = adopt_kit(&mut store, program, &kit).unwrap();
    assert_eq!(adopted.questions, applications);
    assert!(form_pdf(
        &crate::programs::get_program(&store, program).unwrap(),
        choices
    )
    .is_ok());
}
