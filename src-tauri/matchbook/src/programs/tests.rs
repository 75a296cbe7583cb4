use super::*;
use crate::store::Store;
use crate::test_support::new_store;

fn store() -> (tempfile::TempDir, Store) {
    new_store()
}

fn mile() -> ProgramInput {
    ProgramInput {
        name: "MILE 2019".into(),
        organization: "Library Association".into(),
        kickoff_date: "2019-05-10".into(),
        kickoff_event: "Leading for Life".into(),
        kickoff_place: "Sugar Lake Lodge, Cohasset MN".into(),
        contact_name: "Pat Committee".into(),
        contact_email: "pat@example.org".into(),
        ..ProgramInput::default()
    }
}

#[test]
fn create_then_list_returns_the_program_with_defaults() {
    let (_d, mut s) = store();
    let p = create_program(&mut s, &mile()).unwrap();
    assert_eq!(p.relationship_months, 18);
    assert_eq!(p.cadence_months, 3);
    assert_eq!(p.kickoff_date, NaiveDate::from_ymd_opt(2019, 5, 10));
    let all = list_programs(&s, false).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].program.name, "MILE 2019");
    assert_eq!(all[0].mentors, 0);
}

#[test]
fn names_are_unique_ignoring_case() {
    let (_d, mut s) = store();
    create_program(&mut s, &mile()).unwrap();
    let mut again = mile();
    again.name = "mile 2019".into();
    let err = create_program(&mut s, &again).unwrap_err();
    assert!(
        err.to_string().contains("already a program called"),
        "{err}"
    );
}

#[test]
fn bad_details_are_refused_with_what_to_do() {
    let (_d, mut s) = store();
    let cases: Vec<(ProgramInput, &str)> = vec![
        (
            ProgramInput {
                name: "  ".into(),
                ..mile()
            },
            "needs a name",
        ),
        (
            ProgramInput {
                kickoff_date: "10/05/2019".into(),
                ..mile()
            },
            "YYYY-MM-DD",
        ),
        (
            ProgramInput {
                kickoff_date: "2019-02-30".into(),
                ..mile()
            },
            "not a date",
        ),
        (
            ProgramInput {
                relationship_months: 0,
                ..mile()
            },
            "between 1 and 120",
        ),
        (
            ProgramInput {
                cadence_months: 0,
                ..mile()
            },
            "every 1 to 24",
        ),
        (
            ProgramInput {
                relationship_months: 2,
                cadence_months: 3,
                ..mile()
            },
            "never happen",
        ),
        (
            ProgramInput {
                contact_email: "pat at example".into(),
                ..mile()
            },
            "email address",
        ),
    ];
    for (input, expected) in cases {
        let err = create_program(&mut s, &input).unwrap_err().to_string();
        assert!(
            err.contains(expected),
            "{err:?} should mention {expected:?}"
        );
    }
    assert!(list_programs(&s, true).unwrap().is_empty());
}

#[test]
fn edit_changes_details_and_archive_hides_without_deleting() {
    let (_d, mut s) = store();
    let p = create_program(&mut s, &mile()).unwrap();
    let edited = update_program(
        &mut s,
        p.id,
        &ProgramInput {
            cadence_months: 2,
            ..mile()
        },
    )
    .unwrap();
    assert_eq!(edited.cadence_months, 2);
    set_archived(&mut s, p.id, true).unwrap();
    assert!(list_programs(&s, false).unwrap().is_empty());
    let all = list_programs(&s, true).unwrap();
    assert!(all[0].program.archived);
    let restored = set_archived(&mut s, p.id, false).unwrap();
    assert!(!restored.archived);
}

#[test]
fn resolve_uses_the_only_program_or_asks_for_a_name() {
    let (_d, mut s) = store();
    assert!(resolve_program(&s, None)
        .unwrap_err()
        .to_string()
        .contains("no programs yet"));
    create_program(&mut s, &mile()).unwrap();
    assert_eq!(resolve_program(&s, None).unwrap().name, "MILE 2019");
    create_program(
        &mut s,
        &ProgramInput {
            name: "MILE 2021".into(),
            ..mile()
        },
    )
    .unwrap();
    let err = resolve_program(&s, None).unwrap_err().to_string();
    assert!(err.contains("--program"), "{err}");
    assert_eq!(
        resolve_program(&s, Some("mile 2021")).unwrap().name,
        "MILE 2021"
    );
    let err = resolve_program(&s, Some("Nope")).unwrap_err().to_string();
    assert!(err.contains("MILE 2019, MILE 2021"), "{err}");
}

#[test]
fn sample_program_has_forty_mentors_and_sixty_participants() {
    let (_d, mut s) = store();
    let p = crate::sample::load_sample_program(&mut s).unwrap();
    let summary = &list_programs(&s, false).unwrap()[0];
    assert_eq!(summary.program.id, p.id);
    assert_eq!(summary.mentors, 40);
    assert_eq!(summary.participants, 60);
    let again = crate::sample::load_sample_program(&mut s).unwrap();
    assert_ne!(again.name, p.name);
    let people = crate::people::list_people(&s, p.id, Some(crate::people::Role::Mentor)).unwrap();
    assert!(people
        .iter()
        .all(|m| m.application.capacity.unwrap_or(0) >= 1));
    let raw: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM applications", [], |r| r.get(0))
        .unwrap();
    assert_eq!(raw, 200);
}

#[test]
fn saving_dates_warns_of_a_past_kickoff_and_a_cadence_that_does_not_divide_the_term() {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (_dir, mut store) = store();
    let mut input = ProgramInput::named("Cohort");
    input.kickoff_date = "2026-03-14".into();
    input.relationship_months = 18;
    input.cadence_months = 5;
    let program = create_program(&mut store, &input).unwrap();
    let warnings = date_warnings(&program, day("2026-11-30"));
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("14 March 2026, is already past"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("start 8 of 18 months in"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("the last period is 3 months long"),
        "{}",
        warnings[1]
    );
    // A kickoff ahead and a cadence that divides the term: nothing to say.
    input.kickoff_date = "2027-01-20".into();
    input.cadence_months = 3;
    let program = update_program(&mut store, program.id, &input).unwrap();
    assert!(date_warnings(&program, day("2026-11-30")).is_empty());
}

#[test]
fn a_programs_shape_and_group_size_are_kept_and_checked() {
    let (_d, mut s) = store();
    let p = create_program(&mut s, &mile()).unwrap();
    assert_eq!(p.shape, Shape::OneToOne);
    let circles = ProgramInput {
        shape: Shape::Circles,
        group_min: 4,
        group_max: 6,
        ..mile()
    };
    let edited = update_program(&mut s, p.id, &circles).unwrap();
    assert_eq!(
        (edited.shape, edited.group_min, edited.group_max),
        (Shape::Circles, 4, 6)
    );
    let upside_down = ProgramInput {
        group_min: 6,
        group_max: 3,
        ..circles
    };
    let err = update_program(&mut s, p.id, &upside_down).unwrap_err();
    assert!(err.to_string().contains("larger"), "{err}");
    assert_eq!(get_program(&s, p.id).unwrap().group_max, 6, "unchanged");
}

#[test]
fn a_program_made_from_another_carries_its_texts_and_settings_but_not_its_people() {
    use crate::people::Role;
    let (_dir, mut store, from) = crate::test_support::program_named("MILE 2026");
    update_program(
        &mut store,
        from,
        &ProgramInput {
            name: "MILE 2026".into(),
            relationship_months: 12,
            cadence_months: 2,
            contact_email: "chair@example.org".into(),
            survey_link: "https://forms.example.org/?e={email}".into(),
            ..ProgramInput::default()
        },
    )
    .unwrap();
    set_setting(
        &mut store,
        from,
        "letters",
        &serde_json::json!({"body": "Dear {{ name }}"}),
    )
    .unwrap();
    set_setting(
        &mut store,
        from,
        "form_kit",
        &serde_json::json!({"edited": true}),
    )
    .unwrap();
    set_setting(
        &mut store,
        from,
        "letter_greetings",
        &serde_json::json!({"7": "Dr. Falk"}),
    )
    .unwrap();
    crate::test_support::add_person(&mut store, from, Role::Mentor, "Iris Falk", "Oak", &[], &[]);
    let made = create_program_from(&mut store, from, "MILE 2027", "2027-02-01", true).unwrap();
    let p = &made.program;
    assert_eq!((p.relationship_months, p.cadence_months), (12, 2));
    assert_eq!(p.contact_email, "chair@example.org");
    assert_eq!(p.survey_link, "https://forms.example.org/?e={email}");
    assert_eq!(
        p.kickoff_date.map(|d| d.to_string()).as_deref(),
        Some("2027-02-01")
    );
    assert_eq!(made.settings, ["form_kit", "letters"]);
    assert_eq!(
        setting(&store, p.id, "letters").unwrap(),
        setting(&store, from, "letters").unwrap()
    );
    assert_eq!(setting(&store, p.id, "letter_greetings").unwrap(), None);
    assert!(crate::people::list_people(&store, p.id, None)
        .unwrap()
        .is_empty());
    assert_eq!(made.waiting, 0);
    // A name in use is refused, and nothing is made.
    let again = create_program_from(&mut store, from, "MILE 2027", "", false);
    assert!(again
        .unwrap_err()
        .to_string()
        .contains("already a program called"));
    assert_eq!(list_programs(&store, true).unwrap().len(), 2);
}
