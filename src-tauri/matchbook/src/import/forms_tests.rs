//! The forms committees really make (issue 14): both roles in one form,
//! one column per option, negated questions, placeholder emails, and every
//! question typed. Fixtures: tests/fixtures/generate.py.

use super::*;
use crate::identity::find_person;
use crate::people::{list_people, Answer, Person};
use crate::questions::{list_questions, QuestionKind};
use crate::test_support::program_named;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name)
}

fn import_as(
    store: &mut Store,
    program: i64,
    role: ImportAs,
    name: &str,
    options: &ImportOptions,
) -> ImportReport {
    import_file(store, program, role, &fixture(name), options, false)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn person<'a>(people: &'a [Person], name: &str) -> &'a Person {
    people
        .iter()
        .find(|p| p.application.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no {name} among {:?}",
                people
                    .iter()
                    .map(|p| &p.application.name)
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn one_form_for_both_roles_imports_mentors_and_participants() {
    let (_d, mut store, program) = program_named("Combined");
    let preview = preview(
        &store,
        &fixture("combined_roles.csv"),
        None,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(preview.role_guess, Some(ImportAs::Both));
    let unknown: Vec<&RoleAnswer> = preview
        .role_answers
        .iter()
        .filter(|a| a.role.is_none())
        .collect();
    assert_eq!(unknown.len(), 1, "{:?}", preview.role_answers);
    assert_eq!(unknown[0].answer, "Not sure yet");
    // The skills are one question with five options; the branch-repeated
    // questions are one question each.
    let skills = preview
        .columns
        .iter()
        .find(|c| c.header == "Skills")
        .expect("grouped skills");
    assert_eq!(skills.grouped, Some("options"));
    assert_eq!(skills.columns.len(), 5);
    assert_eq!(skills.field, Field::Areas);
    let library = preview
        .columns
        .iter()
        .find(|c| c.header == "Which library or organization do you work for?")
        .unwrap();
    assert_eq!(library.grouped, Some("branches"));
    assert_eq!(library.field, Field::Library);

    let r = import_as(
        &mut store,
        program,
        ImportAs::Both,
        "combined_roles.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        r.roles,
        Some(RoleCounts {
            mentor: 12,
            participant: 16,
            unknown: 1
        })
    );
    assert_eq!(r.added, 28);
    assert!(
        r.attention
            .iter()
            .any(|a| a.reason.contains("Not sure yet")),
        "{:?}",
        r.attention
    );
    let people = list_people(&store, program, None).unwrap();
    let mentors = people.iter().filter(|p| p.role == Role::Mentor).count();
    assert_eq!((mentors, people.len() - mentors), (12, 16));
    // The mentee branch's answer reached the participant.
    let maelle = person(&people, "Maëlle Mercier");
    assert_eq!(maelle.role, Role::Participant);
    assert_eq!(maelle.application.library, "Bemidji Public Library");
    assert_eq!(maelle.application.lists.areas, vec!["Public speaking"]);

    // The committee says what "Not sure yet" means, and the row comes in.
    let (_d2, mut store2, program2) = program_named("Combined again");
    let mut options = ImportOptions::default();
    options
        .role_values
        .insert("not sure yet".into(), Some(Role::Participant));
    let r = import_as(
        &mut store2,
        program2,
        ImportAs::Both,
        "combined_roles.csv",
        &options,
    );
    assert_eq!(
        r.roles.as_ref().map(|c| (c.participant, c.unknown)),
        Some((17, 0))
    );
    let questions = list_questions(&store2, program2, Some(Role::Participant)).unwrap();
    let skills = questions.iter().find(|q| q.text == "Skills").unwrap();
    assert_eq!(skills.kind, QuestionKind::Multi);
    assert_eq!(skills.options.len(), 5);
    // The mentors' capacity question is not a participant question.
    assert!(!questions
        .iter()
        .any(|q| q.field.as_deref() == Some("capacity")));
}

#[test]
fn a_file_of_both_roles_without_a_role_column_is_refused_in_words() {
    let (_d, mut store, program) = program_named("No role column");
    let err = import_file(
        &mut store,
        program,
        ImportAs::Both,
        &fixture("google_mentors.csv"),
        &ImportOptions::default(),
        false,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("says who is a mentor"), "{err}");
    assert!(list_imports(&store, Some(program)).unwrap().is_empty());
}

#[test]
fn option_columns_from_typeform_qualtrics_and_surveymonkey_are_one_question() {
    let cases = [
        (
            "typeform_options_text.csv",
            Role::Participant,
            "Choices: Budgeting, Grant writing, Leadership, Public speaking, Negotiation, Other",
            6,
        ),
        (
            "typeform_options_01.csv",
            Role::Participant,
            "Which skills do you want to build?",
            6,
        ),
        (
            "qualtrics_q.csv",
            Role::Mentor,
            "Which areas could you offer guidance in?",
            4,
        ),
        (
            "surveymonkey_two_rows.csv",
            Role::Participant,
            "Which topics would you like guidance on?",
            5,
        ),
    ];
    for (file, role, question, options) in cases {
        let (_d, mut store, program) = program_named("Options");
        let r = import_as(
            &mut store,
            program,
            role.into(),
            file,
            &ImportOptions::default(),
        );
        assert_eq!(r.not_imported, 0, "{file}: {:?}", r.attention);
        let questions = list_questions(&store, program, Some(role)).unwrap();
        let q = questions
            .iter()
            .find(|q| q.text == question)
            .unwrap_or_else(|| {
                panic!(
                    "{file}: no {question} in {:?}",
                    questions.iter().map(|q| &q.text).collect::<Vec<_>>()
                )
            });
        assert_eq!(q.kind, QuestionKind::Multi, "{file}");
        assert_eq!(q.options.len(), options, "{file}: {:?}", q.options);
        assert!(
            q.options
                .iter()
                .all(|o| o.count > 0 || o.label.starts_with("Other")),
            "{file}: {:?}",
            q.options
        );
        assert_eq!(q.columns.len(), options, "{file}");
        let people = list_people(&store, program, Some(role)).unwrap();
        assert!(
            people.iter().all(|p| !p.application.name.is_empty()),
            "{file}"
        );
        let answered = people
            .iter()
            .filter(|p| matches!(p.application.answer(question, q.field.as_deref()), Some(Answer::Options(o)) if !o.is_empty()))
            .count();
        assert_eq!(answered, q.answered, "{file}");
        assert!(
            answered >= people.len() / 2,
            "{file}: {answered} of {}",
            people.len()
        );
    }
}

#[test]
fn surveymonkey_second_header_row_is_not_an_application() {
    let (_d, mut store, program) = program_named("SurveyMonkey");
    let r = import_as(
        &mut store,
        program,
        ImportAs::Participant,
        "surveymonkey_two_rows.csv",
        &ImportOptions::default(),
    );
    assert_eq!(r.rows, 12);
    assert_eq!(r.added, 12);
    let questions = list_questions(&store, program, None).unwrap();
    let day = questions
        .iter()
        .find(|q| q.text == "Which day suits you best for meetings?")
        .unwrap();
    assert_eq!(day.kind, QuestionKind::Single);
}

#[test]
fn qualtrics_import_id_row_is_not_an_application() {
    let (_d, mut store, program) = program_named("Qualtrics");
    let r = import_as(
        &mut store,
        program,
        ImportAs::Mentor,
        "qualtrics_q.csv",
        &ImportOptions::default(),
    );
    assert_eq!((r.rows, r.added), (12, 12), "{:?}", r.attention);
    let people = list_people(&store, program, None).unwrap();
    assert!(people
        .iter()
        .all(|p| p.application.years_experience.is_some()));
    assert!(people
        .iter()
        .all(|p| !p.application.lists.areas.is_empty() || p.application.answers.is_empty()));
}

#[test]
fn negated_questions_feed_the_avoid_lists_never_the_offers() {
    let (_d, mut store, program) = program_named("Negation");
    let preview = preview(
        &store,
        &fixture("offer_and_avoid_mentors.csv"),
        Some(ImportAs::Mentor),
        &ImportOptions::default(),
    )
    .unwrap();
    let field = |h: &str| {
        preview
            .columns
            .iter()
            .find(|c| c.header == h)
            .map(|c| c.field)
    };
    assert_eq!(
        field("Which topics can you offer guidance on?"),
        Some(Field::Areas)
    );
    assert_eq!(
        field("Are there any topics you would prefer NOT to mentor on?"),
        Some(Field::AvoidTopics)
    );
    assert_eq!(
        field("Is there anyone you would prefer NOT to have as a mentee?"),
        Some(Field::Avoid)
    );
    assert_eq!(
        field("Is there anyone you would prefer to have as a mentee?"),
        Some(Field::RequestedMentees)
    );

    import_as(
        &mut store,
        program,
        ImportAs::Mentor,
        "offer_and_avoid_mentors.csv",
        &ImportOptions::default(),
    );
    let people = list_people(&store, program, Some(Role::Mentor)).unwrap();
    let lan = person(&people, "Trần Thị Lan");
    assert_eq!(
        lan.application.lists.areas,
        vec!["Budgeting", "Advocacy", "Public speaking"]
    );
    assert_eq!(
        lan.application.lists.avoid_topics,
        vec!["Grant writing", "Technology"]
    );
    assert_eq!(lan.application.lists.avoid, vec!["Tanaka Aoi"]);
    assert_eq!(lan.application.lists.requested_mentees, vec!["Elif Aydın"]);
    let park = person(&people, "Park Seo-yeon");
    // "Kowalczyk, Wojciech" is one person written family name first.
    assert_eq!(
        park.application.lists.avoid,
        vec!["Wojciech Kowalczyk", "Tanaka Aoi"]
    );
    for p in &people {
        for topic in &p.application.lists.avoid_topics {
            assert!(
                !p.application.lists.areas.contains(topic),
                "{} offers and avoids {topic}",
                p.application.name
            );
        }
    }
}

#[test]
fn different_names_under_one_placeholder_email_stay_different_people() {
    let (_d, mut store, program) = program_named("Placeholders");
    let r = import_as(
        &mut store,
        program,
        ImportAs::Participant,
        "placeholder_emails.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        (r.rows, r.added, r.merged),
        (14, 13, 1),
        "{:?}",
        r.attention
    );
    let people = list_people(&store, program, None).unwrap();
    assert_eq!(people.len(), 13);
    let amelie = person(&people, "Amélie Girard");
    assert!(amelie.application.email.as_deref() == Some("none@none.com"));
    assert!(
        amelie
            .flags
            .iter()
            .any(|f| f.contains("Shares an email") && f.contains("Priya Deshpande")),
        "{:?}",
        amelie.flags
    );
    assert!(
        r.attention
            .iter()
            .any(|a| a.reason.contains("Shares an email")),
        "{:?}",
        r.attention
    );
    // The genuine duplicate still merged: the later row's answers were kept.
    let reka = person(&people, "Kovács Réka");
    assert_eq!(
        reka.application.lists.areas,
        vec!["Leadership", "Advocacy", "Technology"]
    );
    // Looking someone up by a shared email is ambiguous, by name it works.
    let err = find_person(&store, program, Role::Participant, "none@none.com")
        .unwrap_err()
        .to_string();
    assert!(err.contains("ambiguous"), "{err}");
    assert!(find_person(&store, program, Role::Participant, "Amélie Girard").is_ok());
    // Importing the same file again changes nobody.
    let again = import_as(
        &mut store,
        program,
        ImportAs::Participant,
        "placeholder_emails.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        (again.added, again.unchanged),
        (0, 13),
        "{:?}",
        again.attention
    );
}

#[test]
fn every_question_is_typed_and_answers_are_stored_by_question() {
    let (_d, mut store, program) = program_named("Planted");
    import_as(
        &mut store,
        program,
        ImportAs::Mentor,
        "planted_mentors.csv",
        &ImportOptions::default(),
    );
    let questions = list_questions(&store, program, Some(Role::Mentor)).unwrap();
    let kind = |text: &str| questions.iter().find(|q| q.text == text).map(|q| q.kind);
    assert_eq!(
        kind("Which day of the week suits you best for mentoring meetings?"),
        Some(QuestionKind::Single)
    );
    assert_eq!(
        kind("What time zone are you in?"),
        Some(QuestionKind::Single)
    );
    assert_eq!(
        kind("Which skills could you help a mentee build?"),
        Some(QuestionKind::Multi)
    );
    assert_eq!(kind("Tell us about yourself"), Some(QuestionKind::Text));
    assert_eq!(kind("Email Address"), Some(QuestionKind::Contact));
    let zone = questions
        .iter()
        .find(|q| q.text == "What time zone are you in?")
        .unwrap();
    assert_eq!(zone.answered, 30);
    assert_eq!(zone.options.iter().map(|o| o.count).sum::<usize>(), 30);
    let people = list_people(&store, program, None).unwrap();
    assert!(people.iter().all(|p| matches!(
        p.application.answers.get("What time zone are you in?"),
        Some(Answer::Text(_))
    )));
    // Contact details are the person's fields, not answers.
    assert!(people
        .iter()
        .all(|p| !p.application.answers.contains_key("Email Address")));

    // The committee changes a kind; undoing the import forgets its questions.
    let (_d2, mut store2, program2) = program_named("Kinds");
    let mut options = ImportOptions::default();
    options
        .kinds
        .insert("What time zone are you in?".into(), QuestionKind::Text);
    let r = import_as(
        &mut store2,
        program2,
        ImportAs::Mentor,
        "planted_mentors.csv",
        &options,
    );
    let zone = list_questions(&store2, program2, None)
        .unwrap()
        .into_iter()
        .find(|q| q.text == "What time zone are you in?")
        .unwrap();
    assert_eq!(zone.kind, QuestionKind::Text);
    undo_import(&mut store2, r.import_id.unwrap()).unwrap();
    assert!(list_questions(&store2, program2, None).unwrap().is_empty());
}

#[test]
fn topics_a_mentor_would_rather_not_mentor_on_rule_out_who_wants_them() {
    let (_d, mut store, program) = program_named("Avoid topics");
    import_as(
        &mut store,
        program,
        ImportAs::Mentor,
        "offer_and_avoid_mentors.csv",
        &ImportOptions::default(),
    );
    import_as(
        &mut store,
        program,
        ImportAs::Participant,
        "offer_and_avoid_participants.csv",
        &ImportOptions::default(),
    );
    let problem = crate::matching::load_problem(&store, program).unwrap();
    let mut ruled_out = 0;
    for (i, p) in problem.participants.iter().enumerate() {
        for (j, m) in problem.mentors.iter().enumerate() {
            let wants_avoided = p.application.lists.areas.iter().any(|a| {
                m.application
                    .lists
                    .avoid_topics
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(a))
            });
            let reason = problem.reason(problem.cell(i, j)).unwrap_or("");
            if wants_avoided {
                assert!(
                    reason.contains("would rather not mentor on") || !reason.is_empty(),
                    "{} with {} is allowed: {reason}",
                    p.application.name,
                    m.application.name
                );
                ruled_out += 1;
            }
        }
    }
    assert!(ruled_out > 0, "the fixture has such pairs");
}
