use std::path::PathBuf;

use chrono::NaiveDate;

use super::pulse::{assess, Response};
use super::*;
use crate::import::{import_file, ImportAs, ImportOptions};
use crate::matching::{self, lock_pair, Goal};
use crate::people::{list_people, Role};
use crate::programs::{create_program, ProgramInput};
use crate::tracking::{dashboard, CheckIn, RiskHandled, Term};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/surveys")
        .join(name)
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The fixtures' cohort, paired as they expect and confirmed before the kickoff.
fn cohort() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.matchbook")).unwrap();
    let program = create_program(
        &mut store,
        &ProgramInput {
            kickoff_date: "2026-01-15".into(),
            ..ProgramInput::named("Institute")
        },
    )
    .unwrap()
    .id;
    for (file, role) in [
        ("cohort_mentors.csv", ImportAs::Mentor),
        ("cohort_participants.csv", ImportAs::Participant),
    ] {
        import_file(
            &mut store,
            program,
            role,
            &fixture(file),
            &ImportOptions::default(),
            false,
        )
        .unwrap();
    }
    let people = list_people(&store, program, None).unwrap();
    let by = |email: &str| {
        people
            .iter()
            .find(|p| p.application.email.as_deref() == Some(email))
            .unwrap()
            .clone()
    };
    for (p, m) in [
        ("dana.perez@example.org", "ada.okafor@example.org"),
        ("eli.haugen@example.org", "ada.okafor@example.org"),
        ("fatima.nasser@example.org", "bruno.lindqvist@example.org"),
        ("gus.moreau@example.org", "chen.wei@example.org"),
    ] {
        lock_pair(&mut store, program, &by(p), &by(m), "").unwrap();
    }
    matching::run(&mut store, program, Goal::Total).unwrap();
    matching::confirm(&mut store, program).unwrap();
    store
        .write(|tx| {
            tx.execute("UPDATE matches SET confirmed_at = '2026-01-10T12:00:00Z' WHERE status = 'confirmed'", [])?;
            Ok(())
        })
        .unwrap();
    (dir, store, program)
}

#[test]
fn responses_count_in_the_period_their_date_falls_in() {
    // Kickoff 15 January, quarterly: Q1 ends 14 April, Q2 starts 15 April.
    let term = Term::new(d("2026-01-15"), 18, 3);
    assert_eq!(term.period_of(d("2026-04-14")).map(|p| p.number), Some(1));
    assert_eq!(term.period_of(d("2026-04-15")).map(|p| p.number), Some(2));
    assert_eq!(term.period_of(d("2026-01-14")), None);
    let (_dir, mut store, program) = cohort();
    let report = import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &fixture("checkins_q1_google.csv"),
        &SurveyOptions::default(),
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    assert_eq!(report.recorded, 6);
    let periods: Vec<u32> = store
        .conn()
        .prepare("SELECT DISTINCT period FROM checkin_responses")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(periods, vec![1], "every April answer before the 15th is Q1");
}

#[test]
fn importing_the_same_answers_again_replaces_them_and_undo_brings_the_first_back() {
    let (_dir, mut store, program) = cohort();
    let path = fixture("checkins_q1_google.csv");
    let first = import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &path,
        &SurveyOptions::default(),
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    let again = import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &path,
        &SurveyOptions::default(),
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    assert_eq!(first.replaced, 1, "Dana answered twice in the file");
    assert_eq!(
        again.replaced, again.recorded,
        "every answer replaces the one imported before"
    );
    let view = dashboard(&store, program, d("2026-04-30")).unwrap();
    let dana = view
        .pairs
        .iter()
        .find(|p| p.participant == "Dana Pérez")
        .unwrap();
    assert_eq!(
        dana.pulse.check_ins, 2,
        "one answer per person and period, whatever was imported"
    );
    crate::import::undo_import(&mut store, again.import_id.unwrap()).unwrap();
    let view = dashboard(&store, program, d("2026-04-30")).unwrap();
    let dana = view
        .pairs
        .iter()
        .find(|p| p.participant == "Dana Pérez")
        .unwrap();
    assert_eq!(dana.pulse.check_ins, 2);
    assert_eq!(
        dana.checkins[0].meetings, 3,
        "Dana's newer Q1 answer (3 meetings) counts again"
    );
}

#[test]
fn a_failed_import_leaves_the_file_as_it_was() {
    let (dir, mut store, program) = cohort();
    let bad = dir.path().join("no-email.csv");
    std::fs::write(&bad, "Timestamp,How satisfied are you?\n2026/04/01,4\n").unwrap();
    let before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM imports", [], |r| r.get(0))
        .unwrap();
    let err = import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &bad,
        &SurveyOptions::default(),
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("emails"), "{err}");
    let after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM imports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);
}

fn checkin(number: u32, starts: &str, due: &str, meetings: u32) -> CheckIn {
    CheckIn {
        number,
        label: format!("Q{number}"),
        starts: d(starts),
        due: d(due),
        meetings,
        expected: true,
        state: "met",
        state_label: "",
    }
}

fn response(
    role: Role,
    period: u32,
    date: &str,
    met: Option<bool>,
    satisfaction: Option<u8>,
    note: &str,
) -> Response {
    Response {
        respondent_id: if role == Role::Participant { 1 } else { 2 },
        role,
        period,
        date: d(date),
        met,
        meetings: None,
        modes: String::new(),
        topics: String::new(),
        satisfaction,
        goal_progress: String::new(),
        note: note.into(),
    }
}

#[test]
fn the_at_risk_rules_each_say_why() {
    let checkins = [
        checkin(1, "2026-01-15", "2026-04-14", 0),
        checkin(2, "2026-04-15", "2026-07-14", 0),
        checkin(3, "2026-07-15", "2026-10-14", 0),
    ];
    let on = d("2026-08-01");
    let fine = [response(
        Role::Participant,
        2,
        "2026-07-01",
        Some(true),
        Some(4),
        "All good, thanks",
    )];
    assert!(
        !assess(&fine, &checkins, on, Some(2), None, true, true).at_risk,
        "the Q1 silence alone is one check-in, not two"
    );

    let low = [response(
        Role::Mentor,
        2,
        "2026-07-01",
        Some(true),
        Some(2),
        "",
    )];
    let p = assess(&low, &checkins, on, Some(2), None, true, true);
    assert_eq!(
        p.risk_reasons,
        vec!["The mentor rated their satisfaction 2 of 5 (Q2, 1 July 2026)."]
    );

    // Only the newest satisfaction counts: a low Q1 followed by a good Q2 is fine.
    let better = [
        response(Role::Participant, 1, "2026-04-01", Some(true), Some(1), ""),
        response(Role::Participant, 2, "2026-07-01", Some(true), Some(4), ""),
    ];
    assert!(!assess(&better, &checkins, on, Some(2), None, true, true).at_risk);

    let quiet = [
        response(Role::Participant, 1, "2026-04-01", Some(false), Some(3), ""),
        response(Role::Participant, 2, "2026-07-01", Some(false), Some(3), ""),
    ];
    let p = assess(&quiet, &checkins, on, Some(2), None, true, true);
    assert_eq!(
        p.risk_reasons,
        vec!["They reported not meeting in Q1 and Q2."]
    );
    // A meeting logged in Q2 by the committee outweighs "not met".
    let logged = [
        checkins[0].clone(),
        checkin(2, "2026-04-15", "2026-07-14", 1),
        checkins[2].clone(),
    ];
    assert!(!assess(&quiet, &logged, on, Some(2), None, true, true).at_risk);

    let help = [response(
        Role::Participant,
        2,
        "2026-07-01",
        Some(true),
        Some(4),
        "Could I switch to a Different Mentor?",
    )];
    let p = assess(&help, &checkins, on, Some(2), None, true, true);
    assert!(
        p.risk_reasons[0].contains("\u{201c}Could I switch to a Different Mentor?\u{201d}"),
        "{:?}",
        p.risk_reasons
    );

    let none: [Response; 0] = [];
    assert!(
        !assess(&none, &checkins, on, Some(2), None, true, true).at_risk,
        "Q2's answers are still coming in on 1 August: one silent check-in, not two"
    );
    let later = d("2026-09-01");
    let p = assess(&none, &checkins, later, Some(3), None, true, true);
    assert_eq!(
        p.risk_reasons,
        vec!["Neither of them answered the Q1 and Q2 check-ins."]
    );
    assert!(
        !assess(&none, &checkins, later, Some(3), None, true, false).at_risk,
        "a program that collects no check-ins puts nobody at risk for silence"
    );
    assert!(
        !assess(&low, &checkins, on, Some(2), None, false, true).at_risk,
        "only running pairs are at risk"
    );
}

#[test]
fn reminders_carry_each_persons_own_check_in_link() {
    let (_dir, mut store, program) = cohort();
    let mut input = crate::programs::get_program(&store, program).unwrap();
    input.survey_link = "https://forms.example/viewform?entry.1={email}&usp=pp_url".into();
    let input = ProgramInput {
        name: input.name,
        kickoff_date: "2026-01-15".into(),
        survey_link: input.survey_link,
        ..ProgramInput::default()
    };
    crate::programs::update_program(&mut store, program, &input).unwrap();
    let view = dashboard(&store, program, d("2026-03-01")).unwrap();
    let dana = view
        .pairs
        .iter()
        .find(|p| p.participant == "Dana Pérez")
        .unwrap();
    let r = crate::emails::pair_reminder(&store, dana.match_id, d("2026-03-01")).unwrap();
    assert!(
        r.body.contains(
            "Dana Pérez: https://forms.example/viewform?entry.1=dana.perez%40example.org&usp=pp_url"
        ),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "Ada Okafor: https://forms.example/viewform?entry.1=ada.okafor%40example.org"
        ),
        "{}",
        r.body
    );
    // Nobody has answered Q1 yet: 4 pairs, 7 people (Ada Okafor mentors two,
    // and is asked once).
    assert_eq!(view.not_answered.len(), 7);
    assert_eq!(
        view.not_answered
            .iter()
            .filter(|n| n.name == "Ada Okafor")
            .count(),
        1
    );
    assert!(view.not_answered.iter().all(|n| n.survey_link.is_some()));
}

#[test]
fn a_pairs_page_shows_each_check_in_answer_with_its_progress_note() {
    let (_dir, mut store, program) = cohort();
    import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &fixture("checkins_q1_google.csv"),
        &SurveyOptions::default(),
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    let view = dashboard(&store, program, d("2026-04-30")).unwrap();
    let dana = view
        .pairs
        .iter()
        .find(|p| p.participant == "Dana Pérez")
        .unwrap();
    let detail = crate::tracking::pair_detail(&store, dana.match_id, d("2026-04-30")).unwrap();
    let entries: Vec<&crate::tracking::TimelineEntry> = detail
        .timeline
        .iter()
        .filter(|t| t.kind == "check_in")
        .collect();
    assert_eq!(entries.len(), 2, "Dana's newest Q1 answer and Ada's");
    assert_eq!(entries[0].date, "2026-04-10");
    assert_eq!(entries[0].title, "Dana Pérez answered the Q1 check-in");
    assert!(
        entries[0].detail.contains("met 3 times")
            && entries[0]
                .detail
                .contains("progress on goals: Budget proposal approved"),
        "{}",
        entries[0].detail
    );
}

#[test]
fn the_check_in_calendar_carries_each_persons_link() {
    let (_dir, mut store, program) = cohort();
    let row = crate::programs::get_program(&store, program).unwrap();
    let input = ProgramInput {
        name: row.name,
        kickoff_date: "2026-01-15".into(),
        survey_link: "https://forms.example/f?e={email}".into(),
        ..ProgramInput::default()
    };
    crate::programs::update_program(&mut store, program, &input).unwrap();
    // Each person's own link is in their pair's calendar.
    let dana: i64 = store
        .conn()
        .query_row(
            "SELECT x.id FROM matches x JOIN people p ON p.id = x.participant_id
             WHERE p.email = 'dana.perez@example.org'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ics =
        crate::tracking::calendar::calendar(&store, program, Some(dana), d("2026-02-01"), false)
            .unwrap()
            .ics;
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "Check-in form for Dana Pérez: https://forms.example/f?e=dana.perez%40example.org"
        ),
        "{unfolded}"
    );
}

#[test]
fn a_handled_risk_comes_back_only_with_new_evidence() {
    let checkins = [
        checkin(1, "2026-05-01", "2026-07-31", 0),
        checkin(2, "2026-08-01", "2026-10-31", 0),
        checkin(3, "2026-11-01", "2027-01-31", 0),
    ];
    let help = response(
        Role::Participant,
        1,
        "2026-08-20",
        Some(true),
        Some(2),
        "I would like a different mentor",
    );
    let on = d("2026-09-01");
    let p = assess(
        std::slice::from_ref(&help),
        &checkins,
        on,
        Some(1),
        None,
        true,
        true,
    );
    assert!(p.at_risk);
    assert_eq!(p.risk_reasons.len(), 2, "{:?}", p.risk_reasons);
    let handled = RiskHandled {
        date: d("2026-08-25"),
        note: "Called her; they will try two more months".into(),
    };
    let p = assess(
        std::slice::from_ref(&help),
        &checkins,
        on,
        Some(1),
        Some(&handled),
        true,
        true,
    );
    assert!(!p.at_risk, "handled after the evidence");
    assert!(p.risk_reasons.is_empty());
    assert_eq!(p.risk_handled.as_ref(), Some(&handled));
    // Fourteen months later, with no new evidence, still handled.
    let p = assess(
        std::slice::from_ref(&help),
        &checkins,
        d("2027-11-01"),
        None,
        Some(&handled),
        true,
        false,
    );
    assert!(!p.at_risk);
    // A new low satisfaction after the handling brings it back.
    let again = response(Role::Participant, 2, "2026-11-02", Some(true), Some(1), "");
    let p = assess(
        &[help, again],
        &checkins,
        d("2026-11-10"),
        Some(2),
        Some(&handled),
        true,
        true,
    );
    assert!(p.at_risk);
    assert_eq!(
        p.risk_reasons,
        vec!["The participant rated their satisfaction 1 of 5 (Q2, 2 November 2026)."]
    );
    assert!(p.risk_handled.is_none());
}
