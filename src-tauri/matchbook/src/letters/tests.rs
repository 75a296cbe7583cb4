use chrono::NaiveDate;
use serde_json::json;

use super::*;
use crate::output::neutralize_cell;
use crate::people::Role;
use crate::programs::get_program;
use crate::programs::ProgramInput;
use crate::store::Store;
use crate::test_support::matched_cohort;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

/// The sample cohort with confirmed matches and a kickoff date.
fn matched() -> (tempfile::TempDir, Store, i64) {
    matched_cohort(|program| ProgramInput {
        name: program.name.clone(),
        organization: "Minnesota Library Association".into(),
        kickoff_date: "2019-05-10".into(),
        kickoff_event: "Leading for Life".into(),
        kickoff_place: "Duluth".into(),
        relationship_months: 18,
        cadence_months: 3,
        contact_name: "Pat Moss".into(),
        contact_email: "pat@example.org".into(),
        ..ProgramInput::default()
    })
}

#[test]
fn default_letters_name_the_match_and_the_kickoff() {
    let (_d, store, program) = matched();
    let program_row = get_program(&store, program).unwrap();
    let settings = letter_settings(&store, program).unwrap();
    assert_eq!(settings.organization, "Minnesota Library Association");
    assert_eq!(settings.signature_name, "Pat Moss");
    let env = environment();
    let all = recipients(&store, program, Which::All).unwrap();
    assert!(all.first().unwrap().kind == Role::Mentor, "mentors first");
    for r in &all {
        let letter = render_letter(&env, &program_row, &settings, r, today()).unwrap();
        for other in &r.counterparts {
            assert!(
                letter.body.contains(&other.application.name),
                "{}",
                letter.body
            );
            assert!(letter
                .body
                .contains(other.application.email.as_deref().unwrap()));
        }
        assert!(letter.body.contains("May 10, 2019"), "{}", letter.body);
        assert!(!letter.body.contains("{{"));
    }
    let with_two = all
        .iter()
        .find(|r| r.kind == Role::Mentor && r.counterparts.len() == 2)
        .expect("a mentor with two mentees");
    let letter = render_letter(&env, &program_row, &settings, with_two, today()).unwrap();
    assert!(letter.body.contains("your 2 mentees"), "{}", letter.body);
}

#[test]
fn introductions_and_contacts_leave_out_what_was_not_given() {
    let (_d, store, program) = matched();
    let program_row = get_program(&store, program).unwrap();
    let mut settings = letter_settings(&store, program).unwrap();
    settings.participant_template =
        "{{ mentor.introduction }} | {{ mentor.contact }} | {{ program.kickoff }}".into();
    let env = environment();
    for r in recipients(&store, program, Which::Participants).unwrap() {
        let mentor = &r.counterparts[0].application;
        let body = render_letter(&env, &program_row, &settings, &r, today())
            .unwrap()
            .body;
        let mut intro = mentor.name.clone();
        if !mentor.position.is_empty() {
            intro = format!("{intro}, {}", mentor.position);
        }
        if !mentor.library.is_empty() {
            intro = format!("{intro} at {}", mentor.library);
        }
        let email = mentor.email.clone().unwrap_or_default();
        let contact = if mentor.phone.trim().is_empty() {
            email
        } else {
            format!("{email} or {}", mentor.phone.trim())
        };
        assert_eq!(
            body,
            format!(
                "{intro} | {contact} | the kickoff, Leading for Life in Duluth, on May 10, 2019"
            )
        );
    }
    // The palette offers them, counted like any answer.
    let all = placeholders_for(&store, program).unwrap();
    let intro = all
        .iter()
        .find(|p| p.text == "{{ mentor.introduction }}")
        .unwrap();
    assert_eq!(
        intro.participant_letters.as_ref().map(|a| a.answered),
        intro.participant_letters.as_ref().map(|a| a.letters)
    );
}

#[test]
fn letters_after_the_kickoff_do_not_invite_to_it() {
    let (_d, store, program) = matched();
    let program_row = get_program(&store, program).unwrap();
    let settings = letter_settings(&store, program).unwrap();
    let env = environment();
    let all = recipients(&store, program, Which::All).unwrap();
    for r in all.iter().take(4) {
        let before = render_letter(&env, &program_row, &settings, r, d("2019-04-30")).unwrap();
        assert!(
            before.body.contains("You will meet in person at the kickoff, Leading for Life in Duluth, on May 10, 2019."),
            "{}",
            before.body
        );
        // On the day itself the kickoff is still ahead; the day after, it is not.
        let on_the_day = render_letter(&env, &program_row, &settings, r, d("2019-05-10")).unwrap();
        assert!(on_the_day.body.contains("You will meet in person"));
        let after = render_letter(&env, &program_row, &settings, r, d("2019-05-11")).unwrap();
        assert!(
            !after.body.contains("You will meet in person"),
            "{}",
            after.body
        );
        assert!(
            after.body.contains("The program began with its kickoff on May 10, 2019, so please arrange a first meeting with"),
            "{}",
            after.body
        );
    }
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_placeholder_that_does_not_exist_is_reported_with_its_line() {
    let (_d, store, program) = matched();
    let program_row = get_program(&store, program).unwrap();
    let mut settings = letter_settings(&store, program).unwrap();
    settings.participant_template =
        "Dear {{ participant.name }},\n\nYour mentor is {{ mentor.nmae }}.".into();
    let problems = check_template(&program_row, &settings, Role::Participant);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3));
    assert!(
        problems[0].message.contains("does not exist"),
        "{}",
        problems[0].message
    );
    settings.participant_template = "Dear {{ participant.name }".into();
    let problems = check_template(&program_row, &settings, Role::Participant);
    assert!(problems[0].message.contains("mistake"), "{problems:?}");
    // A mentor letter cannot name "the" participant: a mentor may have several.
    settings.participant_template = DEFAULT_PARTICIPANT_TEMPLATE.into();
    settings.mentor_template = "Dear {{ mentor.name }}, meet {{ participant.name }}.".into();
    assert_eq!(
        check_template(&program_row, &settings, Role::Mentor).len(),
        1
    );
    let mut store = store;
    let err = save_letter_settings(&mut store, program, &settings).unwrap_err();
    assert!(err.to_string().contains("The mentor letter"), "{err}");
    // A program detail the committee left empty is caught before saving,
    // and the message points at the program, not at an applicant.
    let mut bare = program_row.clone();
    bare.kickoff_place = String::new();
    settings.mentor_template = DEFAULT_MENTOR_TEMPLATE.into();
    settings.participant_template = "See you in {{ program.kickoff_place }}.".into();
    let problems = check_template(&bare, &settings, Role::Participant);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("Programs page"),
        "{}",
        problems[0].message
    );
    // The default texts only print the program's details they have.
    settings.participant_template = DEFAULT_PARTICIPANT_TEMPLATE.into();
    bare.kickoff_event = String::new();
    bare.organization = String::new();
    assert!(check_template(&bare, &settings, Role::Participant).is_empty());
    assert!(check_template(&bare, &settings, Role::Mentor).is_empty());
}

#[test]
fn an_empty_answer_is_an_error_naming_the_recipient_not_a_blank() {
    let (_d, store, program) = matched();
    let program_row = get_program(&store, program).unwrap();
    let mut settings = letter_settings(&store, program).unwrap();
    settings.participant_template = "Call {{ mentor.phone }}.".into();
    let r = recipients(&store, program, Which::Participants)
        .unwrap()
        .remove(0);
    let problem = render_letter(&environment(), &program_row, &settings, &r, today()).unwrap_err();
    assert!(
        problem.message.contains("prints nothing for"),
        "{}",
        problem.message
    );
    assert!(problem.message.contains(&r.person.application.name));
    // It is the mentor's answer that is missing, and the message says so.
    let mentor = &r.counterparts[0].application.name;
    assert!(
        problem.message.contains(&format!("mentor, {mentor}")),
        "{}",
        problem.message
    );
}

#[test]
fn the_palette_counts_the_letters_with_an_answer_for_each_placeholder() {
    let (_d, store, program) = matched();
    let all = placeholders_for(&store, program).unwrap();
    let find = |text: &str| all.iter().find(|p| p.text == text).unwrap();
    let participants = recipients(&store, program, Which::Participants)
        .unwrap()
        .len();
    let mentors = recipients(&store, program, Which::Mentors).unwrap().len();
    // Everyone has a name.
    let name = find("{{ participant.name }}").participant_letters.unwrap();
    assert_eq!(
        name,
        Answered {
            answered: participants,
            letters: participants
        }
    );
    let mentor_name = find("{{ mentor.name }}");
    assert_eq!(mentor_name.mentor_letters.unwrap().letters, mentors);
    // A mentor's phone, in participant letters: counted over each
    // participant's mentor, and short of all of them (some left it empty).
    let phone = find("{{ mentor.phone }}").participant_letters.unwrap();
    let expected = recipients(&store, program, Which::Participants)
        .unwrap()
        .iter()
        .filter(|r| !r.counterparts[0].application.phone.trim().is_empty())
        .count();
    assert_eq!(phone.answered, expected);
    assert!(phone.answered < participants);
    // Program details are not applicants' answers: no count.
    assert!(find("{{ program.name }}").participant_letters.is_none());
}

#[test]
fn every_letter_that_cannot_be_written_is_named_at_once_and_none_are_made() {
    let (_d, mut store, program) = matched();
    let participants = recipients(&store, program, Which::Participants).unwrap();
    // Seven participants left their position empty: seven letters fail.
    let blanked: Vec<String> = participants
        .iter()
        .take(7)
        .map(|r| r.person.application.name.clone())
        .collect();
    store
        .write(|tx| {
            for r in participants.iter().take(7) {
                tx.execute(
                    "UPDATE people SET position = '' WHERE id = ?1",
                    [r.person.id],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let mut settings = letter_settings(&store, program).unwrap();
    settings.participant_template =
        "Dear {{ participant.name }},\n\nAs {{ participant.position }} you will…".into();
    save_letter_settings(&mut store, program, &settings).unwrap();
    let Err(error) = combined_pdf(&store, program, Which::Participants, today()) else {
        panic!("letters with a blank answer were made");
    };
    let message = error.to_string();
    assert!(
        message.starts_with(
            "7 letters could not be written, so none were made: the participant letter for "
        ),
        "{message}"
    );
    for name in &blanked[..5] {
        assert!(
            message.contains(name.as_str()),
            "{name} is named: {message}"
        );
    }
    assert!(message.ends_with("; and 2 more."), "{message}");
    assert!(!message.contains(".."), "{message}");

    // One failing letter reads as one sentence.
    store
        .write(|tx| {
            for r in participants.iter().skip(1).take(6) {
                tx.execute(
                    "UPDATE people SET position = 'Librarian' WHERE id = ?1",
                    [r.person.id],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let message = combined_pdf(&store, program, Which::Participants, today())
        .map(|_| ())
        .expect_err("one letter still fails")
        .to_string();
    assert!(
        message.starts_with(&format!(
            "The participant letter for {}: Line 3",
            blanked[0]
        )),
        "{message}"
    );
    assert!(
        message.ends_with(". No letters were made; fix it and try again."),
        "{message}"
    );
}

#[test]
fn bodies_become_paragraphs_and_lists() {
    let b = blocks("Dear A,\n\nLine one\nline two\n- first\n- second\n\nBye");
    assert_eq!(b.len(), 4, "{b:?}");
    assert_eq!(b[1]["lines"], json!(["Line one", "line two"]));
    assert_eq!(b[2]["items"], json!(["first", "second"]));
}

#[test]
fn file_names_and_csv_cells_are_safe() {
    assert_eq!(safe_file_name("Zoë Ñúñez"), "Zoë Ñúñez");
    assert_eq!(
        safe_file_name("a/b\\c:d*e?\"f<g>h|i\u{7}"),
        "a b c d e f g h i"
    );
    assert_eq!(safe_file_name(" ..."), "Unnamed");
    // Names Windows refuses, whatever the case or extension.
    assert_eq!(safe_file_name("Con"), "Con (name)");
    assert_eq!(safe_file_name("Aux."), "Aux (name)");
    assert_eq!(safe_file_name("nul.txt"), "nul.txt (name)");
    assert_eq!(safe_file_name("COM7"), "COM7 (name)");
    assert_eq!(safe_file_name("lpt1.pdf"), "lpt1.pdf (name)");
    assert_eq!(safe_file_name("COM0"), "COM0");
    assert_eq!(safe_file_name("Console"), "Console");
    assert_eq!(safe_file_name("Zoë: \"Ñ\""), "Zoë Ñ");
    assert_eq!(safe_file_name("Ann. "), "Ann");
    let long = safe_file_name(&"Ж".repeat(300));
    assert!(
        long.len() <= 120 && long.chars().all(|c| c == 'Ж'),
        "{} bytes",
        long.len()
    );
    for name in ["Con", "Aux.", "Zoë: \"Ñ\"", "a.", " b ", "x?y"] {
        let safe = safe_file_name(name);
        assert!(
            !safe.ends_with('.')
                && !safe.ends_with(' ')
                && !safe.contains(['<', '>', ':', '"', '/', '\\', '|', '?', '*']),
            "{safe}"
        );
    }
    for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
        assert!(neutralize_cell(bad).starts_with('\''), "{bad}");
    }
    assert_eq!(neutralize_cell("Ann"), "Ann");
}

#[test]
fn a_changed_match_marks_the_letter_outdated() {
    let (_d, mut store, program) = matched();
    let (pdf, produced) = combined_pdf(&store, program, Which::All, today()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    record_produced(&mut store, program, &produced, "test.pdf").unwrap();
    assert!(letter_log(&store, program)
        .unwrap()
        .iter()
        .all(|s| s.produced_at.is_some() && !s.outdated));
    // Move one participant to another mentor behind the log's back.
    let (participant, mentor): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT participant_id, mentor_id FROM matches WHERE status = 'confirmed' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let other: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM people WHERE role = 'mentor' AND id != ?1 LIMIT 1",
            [mentor],
            |r| r.get(0),
        )
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE matches SET mentor_id = ?1 WHERE participant_id = ?2 AND status = 'confirmed'",
            [other, participant],
        )
        .unwrap();
    let log = letter_log(&store, program).unwrap();
    assert!(log.iter().any(|s| s.person_id == participant && s.outdated));
    assert!(
        log.iter().any(|s| s.person_id == mentor && s.outdated),
        "the old mentor's letter names them"
    );
}

#[test]
fn the_csv_export_has_a_bom_every_pair_and_neutralized_cells() {
    let (_d, store, program) = matched();
    store
        .conn()
        .execute(
            "UPDATE people SET position = '=HYPERLINK(\"http://x\")' WHERE role = 'mentor'",
            [],
        )
        .unwrap();
    let bytes = export_matches_csv(&store, program).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let pairs: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM matches WHERE status = 'confirmed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows.len() as i64, pairs);
    assert!(rows.iter().all(|r| r.iter().all(|c| !c.starts_with('='))));
    assert!(text.contains("'=HYPERLINK"));
}

#[test]
fn the_preview_is_real_pages_and_shows_template_problems_instead() {
    let (_d, store, program) = matched();
    let p = preview(&store, program, None, LetterKind::Mentor, None, today()).unwrap();
    assert_eq!(p.pages.len(), 1, "one page per letter here");
    assert!(p.pages[0].starts_with("<svg"));
    let mut draft = letter_settings(&store, program).unwrap();
    draft.mentor_template.push_str("\n{{ nope }}");
    let p = preview(
        &store,
        program,
        Some(&draft),
        LetterKind::Mentor,
        None,
        today(),
    )
    .unwrap();
    assert!(p.pages.is_empty());
    assert!(p.problems[0].message.contains("does not exist"));
}

#[test]
fn a_letter_greets_by_the_preferred_name_else_the_full_name_never_the_first_word() {
    let app = |name: &str, preferred: &str| crate::people::Application {
        name: name.into(),
        preferred_name: preferred.into(),
        ..Default::default()
    };
    assert_eq!(
        default_greeting(&app("Nguyễn Thị Hà", "")),
        ("Nguyễn Thị Hà".to_string(), "full name")
    );
    assert_eq!(
        default_greeting(&app("Nguyễn Thị Hà", " Hà ")),
        ("Hà".to_string(), "preferred name")
    );

    // A correction is kept, used by the letter, and undone by an empty text.
    let (_d, mut store, program) = matched();
    let r = recipients(&store, program, Which::Participants)
        .unwrap()
        .remove(0);
    let person = crate::people::get_person(&store, r.person.id).unwrap();
    let saved = set_greeting(&mut store, program, &person, "Dr. Ha").unwrap();
    assert_eq!(
        (saved.greeting.as_str(), saved.source),
        ("Dr. Ha", "corrected")
    );
    let mut settings = letter_settings(&store, program).unwrap();
    settings.participant_template = "Dear {{ participant.preferred_name }},".into();
    let again = recipients(&store, program, Which::Participants)
        .unwrap()
        .remove(0);
    let program_row = get_program(&store, program).unwrap();
    let letter = render_letter(&environment(), &program_row, &settings, &again, today()).unwrap();
    assert_eq!(letter.body.trim(), "Dear Dr. Ha,");
    let reset = set_greeting(&mut store, program, &person, "").unwrap();
    assert_ne!(reset.source, "corrected");
}

#[test]
fn a_letter_can_carry_the_recipients_own_check_in_link() {
    let (_d, mut store, program) = matched();
    let mut settings = letter_settings(&store, program).unwrap();
    settings.participant_template = "Answer your check-ins at {{ check_in_link }}".into();
    let program_row = get_program(&store, program).unwrap();
    // No link yet: the check says so before any letter is made.
    let problems = check_template(&program_row, &settings, Role::Participant);
    assert!(
        !problems.is_empty(),
        "a program without a link cannot print one"
    );
    let input = crate::programs::ProgramInput {
        name: program_row.name.clone(),
        kickoff_date: "2019-05-10".into(),
        survey_link: "https://forms.example/viewform?entry.9={email}".into(),
        ..crate::programs::ProgramInput::default()
    };
    crate::programs::update_program(&mut store, program, &input).unwrap();
    let program_row = get_program(&store, program).unwrap();
    assert!(check_template(&program_row, &settings, Role::Participant).is_empty());
    let r = recipients(&store, program, Which::Participants)
        .unwrap()
        .remove(0);
    let letter = render_letter(&environment(), &program_row, &settings, &r, today()).unwrap();
    let email = r
        .person
        .application
        .email
        .clone()
        .unwrap()
        .replace('@', "%40");
    assert_eq!(
        letter.body,
        format!("Answer your check-ins at https://forms.example/viewform?entry.9={email}")
    );
}
