//! The committee's 18 months with the dates: kickoff 1 May 2026,
//! quarterly (Q1 due 31 July, Q2 due 31 October), every pair confirmed on
//! the kickoff day, the Q1 answers dropped in at the start of September,
//! the term over on 31 October 2027.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{complete_pairs, dashboard, mark_risk_handled, PairState};
use crate::emails::{drafts, write_drafts, Campaign};
use crate::letters::Which;
use crate::matching::{self, lock_pair, Goal};
use crate::people::Role;
use crate::programs::{update_program, ProgramInput};
use crate::store::Store;
use crate::surveys::{import_survey, SurveyKind, SurveyOptions};
use crate::test_support::{add_person, program_named};

pub(super) fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Participant and mentor of each pair.
pub(super) const PAIRS: [(&str, &str); 4] = [
    ("Sara Berg", "Sven Palm"),
    ("Eli Haugen", "Ada Okafor"),
    ("Gus Moreau", "Chen Wei"),
    ("Ina Vik", "Olu Ade"),
];

/// The pair of the participant called `name` on a dashboard.
pub(super) fn pair_named<'a>(board: &'a super::Dashboard, name: &str) -> &'a super::PairStatus {
    board.pairs.iter().find(|p| p.participant == name).unwrap()
}

pub(super) fn email(name: &str) -> String {
    format!("{}@example.org", name.to_lowercase().replace(' ', "."))
}

/// MILE 2026 with its four pairs confirmed on the kickoff day.
pub(super) fn mile() -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store, program) = program_named("MILE 2026");
    let input = ProgramInput {
        kickoff_date: "2026-05-01".into(),
        contact_email: "committee@example.org".into(),
        ..ProgramInput::named("MILE 2026")
    };
    update_program(&mut store, program, &input).unwrap();
    for (i, (p, m)) in PAIRS.iter().enumerate() {
        let library = format!("Library {i}");
        let participant = add_person(
            &mut store,
            program,
            Role::Participant,
            p,
            &library,
            &[],
            &[],
        );
        let mentor = add_person(&mut store, program, Role::Mentor, m, "Elsewhere", &[], &[]);
        lock_pair(&mut store, program, &participant, &mentor, "").unwrap();
    }
    matching::run(&mut store, program, Goal::Total).unwrap();
    matching::confirm(&mut store, program).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "UPDATE matches SET confirmed_at = '2026-05-01T12:00:00Z' WHERE status = 'confirmed'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    (dir, store, program)
}

/// The Q1 answers as they came back: in August and early September.
pub(super) fn q1_answers(dir: &Path) -> PathBuf {
    let path = dir.join("Q1 check-in (Responses).csv");
    std::fs::write(
        &path,
        "Timestamp,Email Address,Have you met since the last check-in?,How many times did you meet?,How satisfied are you with the mentoring? (1-5),Anything else for the committee?\n\
         2026/08/20 10:00:00 AM GMT-5,sara.berg@example.org,Yes,2,5,\n\
         2026/08/21 10:00:00 AM GMT-5,sven.palm@example.org,Yes,2,4,\n\
         2026/09/02 10:00:00 AM GMT-5,eli.haugen@example.org,No,0,2,I would like a different mentor\n\
         2026/09/02 11:00:00 AM GMT-5,ina.vik@example.org,Yes,1,4,\n",
    )
    .unwrap();
    path
}

pub(super) fn import_q1(
    store: &mut Store,
    program: i64,
    dir: &Path,
    options: &SurveyOptions,
) -> Vec<u32> {
    let report = import_survey(
        store,
        program,
        SurveyKind::CheckIns,
        &q1_answers(dir),
        options,
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    assert_eq!(report.recorded, 4, "{:?}", report.not_imported);
    report.periods.iter().map(|p| p.number).collect()
}

#[test]
fn the_august_answers_count_for_q1_and_q2_is_due_on_31_october() {
    let (dir, mut store, program) = mile();
    let dry = import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &q1_answers(dir.path()),
        &SurveyOptions::default(),
        true,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    assert_eq!(
        dry.periods_text,
        "These answers are for Q1 (1 May – 31 July 2026)."
    );
    assert_eq!(
        import_q1(&mut store, program, dir.path(), &SurveyOptions::default()),
        vec![1]
    );
    let board = dashboard(&store, program, d("2026-09-03")).unwrap();
    let sara = pair_named(&board, "Sara Berg");
    assert_eq!(sara.checkins[0].state, "met");
    assert_eq!(sara.checkins[0].meetings, 2);
    assert_eq!(sara.checkins[1].state, "due");
    assert_eq!(sara.next_due, Some(d("2026-10-31")));
    assert_eq!(sara.status, PairState::OnTrack);
    // Her page counts them as its header does, each marked where it was reported.
    let page = super::pair_detail(&store, sara.match_id, d("2026-09-03")).unwrap();
    assert_eq!(page.pair.meetings, 2);
    assert_eq!(
        page.reported[0].text,
        "2 meetings reported in the Q1 check-in"
    );
    // Not answered: those who did not answer Q1, listed under Q1.
    let waiting: Vec<&str> = board.not_answered.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        waiting,
        vec!["Ada Okafor", "Gus Moreau", "Chen Wei", "Olu Ade"]
    );
    assert!(board.not_answered.iter().all(|n| n.period == "Q1"));
    assert_eq!(board.totals.response_rate, Some(0.5));
    let report = super::report(&store, program, d("2026-09-03")).unwrap();
    assert_eq!(
        (report.summary.checkins_met, report.summary.checkins_due),
        (2, 4)
    );
    assert_eq!(report.dashboard.totals.meetings_logged, 0);
    assert_eq!(report.dashboard.totals.meetings_reported, 3);
}

#[test]
fn the_committee_can_say_which_period_answers_are_for() {
    let (dir, mut store, program) = mile();
    let q2 = SurveyOptions {
        period: Some("Q2".into()),
        ..SurveyOptions::default()
    };
    assert_eq!(import_q1(&mut store, program, dir.path(), &q2), vec![2]);
    let wrong = SurveyOptions {
        period: Some("Q9".into()),
        ..SurveyOptions::default()
    };
    let err = import_survey(
        &mut store,
        program,
        SurveyKind::CheckIns,
        &q1_answers(dir.path()),
        &wrong,
        true,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("\"Q9\" is not a check-in of this program: write Q1 to Q6"),
        "{err}"
    );
}

#[test]
fn check_in_requests_for_q1_go_only_to_those_who_did_not_answer_it() {
    let (dir, mut store, program) = mile();
    import_q1(&mut store, program, dir.path(), &SurveyOptions::default());
    let on = d("2026-09-03");
    let batch = drafts(&store, program, Campaign::CheckIn, Which::All, on, false).unwrap();
    let mut to: Vec<String> = batch
        .drafts
        .iter()
        .map(|(_, m)| m.to[0].email.clone())
        .collect();
    to.sort();
    let mut waiting: Vec<String> = ["Ada Okafor", "Gus Moreau", "Chen Wei", "Olu Ade"]
        .iter()
        .map(|n| email(n))
        .collect();
    waiting.sort();
    assert_eq!(to, waiting);
    assert!(
        batch.drafts.iter().all(|(_, m)| m.body.contains("Q1")),
        "the text names Q1"
    );
    assert_eq!(batch.answered_left_out, 4);
    let everyone = drafts(&store, program, Campaign::CheckIn, Which::All, on, true).unwrap();
    assert_eq!(everyone.drafts.len(), 8);
}

#[test]
fn the_bulk_reminder_holds_no_at_risk_pair_and_a_handled_risk_stays_handled() {
    let (dir, mut store, program) = mile();
    import_q1(&mut store, program, dir.path(), &SurveyOptions::default());
    let on = d("2026-09-03");
    let board = dashboard(&store, program, on).unwrap();
    let eli = pair_named(&board, "Eli Haugen");
    assert!(eli.pulse.at_risk && eli.status == PairState::Overdue);
    let batch = drafts(&store, program, Campaign::Reminder, Which::All, on, false).unwrap();
    let names: Vec<&str> = batch.drafts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, vec!["Reminder - Gus Moreau and Chen Wei.eml"]);
    assert!(
        batch
            .notes
            .iter()
            .any(|n| n.contains("at risk") && n.contains("Eli Haugen and Ada Okafor")),
        "{:?}",
        batch.notes
    );
    // Handled: no longer at risk, also fourteen months later.
    let note = "Called Eli; they try two more months";
    let next_day = d("2026-09-05");
    mark_risk_handled(&mut store, eli.match_id, d("2026-09-04"), note, next_day).unwrap();
    // No newer evidence (the Q2 answers are still to come on 20 October).
    for day in ["2026-09-05", "2026-10-20"] {
        let board = dashboard(&store, program, d(day)).unwrap();
        let eli = pair_named(&board, "Eli Haugen");
        assert!(!eli.pulse.at_risk, "{day}: {:?}", eli.pulse.risk_reasons);
        assert_eq!(
            eli.pulse.risk_handled.as_ref().map(|h| h.note.as_str()),
            Some(note)
        );
    }
    let err = mark_risk_handled(&mut store, eli.match_id, on, " ", on).unwrap_err();
    assert!(err.to_string().contains("Say how"), "{err}");
}

#[test]
fn after_the_term_nothing_is_overdue_and_completion_is_dated_to_its_end() {
    let (dir, mut store, program) = mile();
    import_q1(&mut store, program, dir.path(), &SurveyOptions::default());
    let after = d("2027-11-01");
    let board = dashboard(&store, program, after).unwrap();
    assert_eq!(board.term_ends, Some(d("2027-10-31")));
    assert_eq!(
        board.term_notice.as_deref(),
        Some("The term ended 31 October 2027: complete the pairs.")
    );
    for pair in &board.pairs {
        assert_eq!(pair.status, PairState::TermOver, "{}", pair.participant);
        assert!(!pair.pulse.at_risk, "{}", pair.participant);
        assert!(!pair.actions.contains(&"remind"));
        assert!(pair.actions.contains(&"complete"));
    }
    let nobody = drafts(
        &store,
        program,
        Campaign::Reminder,
        Which::All,
        after,
        false,
    );
    assert!(nobody.is_err(), "no reminders after the term");
    // Eli's pair ends early first; the others are completed.
    let eli = pair_named(&board, "Eli Haugen");
    super::end_pair(
        &mut store,
        eli.match_id,
        d("2027-01-10"),
        "Not a good fit",
        "",
        after,
    )
    .unwrap();
    assert_eq!(
        complete_pairs(&mut store, program, &[], None, after).unwrap(),
        3
    );
    let ended: Vec<String> = store
        .conn()
        .prepare("SELECT DISTINCT ended_on FROM matches WHERE status = 'completed'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(ended, vec!["2027-10-31".to_string()]);
    let board = dashboard(&store, program, after).unwrap();
    assert_eq!(board.term_notice, None);
    let gus = pair_named(&board, "Gus Moreau");
    // Completed pairs read Completed; the one that ended early, Ended early.
    assert_eq!(gus.status, PairState::Completed);
    assert_eq!(gus.status_label, "Completed");
    assert_eq!(pair_named(&board, "Eli Haugen").status, PairState::Ended);
    assert_eq!(pair_named(&board, "Eli Haugen").status_label, "Ended early");
    assert_eq!(gus.outcome, "completed_unmet");
    assert_eq!(gus.outcome_label, "Completed without a meeting on record");
    assert_eq!(
        board.totals.relationships_text,
        "2 completed · 1 ended early · 1 without a meeting on record"
    );
}

#[test]
fn closing_emails_go_to_those_who_have_not_sent_their_evaluation() {
    let (dir, mut store, program) = mile();
    let evaluation = dir.path().join("Evaluation.csv");
    std::fs::write(
        &evaluation,
        "Timestamp,Email Address,\"Overall, how satisfied were you with the program?\",What should the committee change?\n\
         2027/11/03 10:00:00 AM GMT-5,sara.berg@example.org,Very satisfied,More chances to meet the other pairs\n\
         2027/11/03 11:00:00 AM GMT-5,sven.palm@example.org,Satisfied,\n",
    )
    .unwrap();
    let report = import_survey(
        &mut store,
        program,
        SurveyKind::Evaluations,
        &evaluation,
        &SurveyOptions::default(),
        false,
        NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
    )
    .unwrap();
    assert!(
        report.unused_questions.is_empty(),
        "{:?}",
        report.unused_questions
    );
    let outcomes = crate::tracking::outcomes(&store, program).unwrap();
    assert!(
        outcomes
            .comments
            .iter()
            .any(|c| c.text.contains("More chances to meet")),
        "the comment is kept by default"
    );
    let after = d("2027-11-05");
    complete_pairs(&mut store, program, &[], None, after).unwrap();
    let folder = dir.path().join("closing");
    let written = write_drafts(
        &mut store,
        program,
        Campaign::Closing,
        Which::All,
        crate::time::now_on(after),
        false,
        &folder,
    )
    .unwrap();
    // Eight people took part; the two who answered get none.
    assert_eq!(written.files.len(), 6, "{:?}", written.files);
    assert_eq!(written.answered_left_out, 2);
    assert!(!written
        .files
        .iter()
        .any(|f| f.contains("Sara Berg") || f.contains("Sven Palm")));
}

#[test]
fn letters_for_one_pair_or_pairs_confirmed_since_a_day_speak_of_a_program_under_way() {
    use crate::letters::{self, recipients};
    let (_dir, store, program) = mile();
    let board = dashboard(&store, program, d("2026-09-03")).unwrap();
    let gus = pair_named(&board, "Gus Moreau");
    let pair = recipients(&store, program, Which::Pair(gus.match_id)).unwrap();
    let names: Vec<&str> = pair
        .iter()
        .map(|r| r.person.application.name.as_str())
        .collect();
    assert_eq!(names, vec!["Chen Wei", "Gus Moreau"]);
    assert_eq!(
        recipients(&store, program, Which::Since(d("2026-05-01")))
            .unwrap()
            .len(),
        8
    );
    let none = recipients(&store, program, Which::Since(d("2026-06-01"))).unwrap_err();
    assert!(
        none.to_string()
            .contains("No pair was confirmed on or after 1 June 2026"),
        "{none}"
    );
    // Four months into the term, the letter does not welcome to a kickoff.
    let settings = letters::letter_settings(&store, program).unwrap();
    let row = crate::programs::get_program(&store, program).unwrap();
    let participant = pair.iter().find(|r| r.kind == Role::Participant).unwrap();
    let text = letters::render_text(
        &letters::environment(),
        &row,
        &settings,
        participant,
        d("2026-09-03"),
        &settings.participant_template,
        &serde_json::json!({}),
    )
    .unwrap();
    assert!(text.contains("MILE 2026 is under way"), "{text}");
    assert!(!text.contains("Congratulations"), "{text}");
}

#[test]
fn a_mentor_who_leaves_ends_their_pairs_and_has_no_places_left() {
    let (_dir, mut store, program) = mile();
    let board = dashboard(&store, program, d("2026-09-03")).unwrap();
    let eli = pair_named(&board, "Eli Haugen");
    let ended = super::mentor_leaves(
        &mut store,
        eli.mentor_id,
        d("2026-09-01"),
        "Moved to Oslo",
        d("2026-09-03"),
    )
    .unwrap();
    assert_eq!(ended, vec![eli.match_id]);
    let board = dashboard(&store, program, d("2026-09-03")).unwrap();
    let eli = pair_named(&board, "Eli Haugen");
    assert_eq!(eli.outcome, "ended_early");
    assert_eq!(eli.end_reason, "The mentor left the program: Moved to Oslo");
    assert!(eli.actions.contains(&"rematch"));
    let mentor = crate::people::get_person(&store, eli.mentor_id).unwrap();
    assert_eq!(mentor.places(), 0);
}

#[test]
fn history_reads_in_the_order_things_happened_within_a_day() {
    let (_dir, mut store, program) = mile();
    let board = dashboard(&store, program, d("2026-06-10")).unwrap();
    let pair = board.pairs[0].match_id;
    let goal = super::add_goal(
        &mut store,
        pair,
        &super::GoalInput {
            title: "Lead a project".into(),
            ..super::GoalInput::default()
        },
    )
    .unwrap();
    let today = crate::time::local_date(&crate::time::now_timestamp()).unwrap();
    super::update_goal(
        &mut store,
        goal,
        None,
        &super::GoalUpdateInput {
            status: "in_progress".into(),
            note: "Started".into(),
            date: today.to_string(),
        },
        today,
    )
    .unwrap();
    let page = super::pair_detail(&store, pair, today).unwrap();
    let kinds: Vec<&str> = page.timeline.iter().take(2).map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec!["goal_update", "goal"],
        "newest first: the note after the goal it is about"
    );
}

#[test]
fn ending_a_pair_early_can_be_undone() {
    let (_dir, mut store, program) = mile();
    let today = d("2026-09-03");
    let board = dashboard(&store, program, today).unwrap();
    let gus = pair_named(&board, "Gus Moreau");
    super::end_pair(&mut store, gus.match_id, today, "too busy", "", today).unwrap();
    super::undo_end(&mut store, gus.match_id).unwrap();
    let board = dashboard(&store, program, today).unwrap();
    let gus = pair_named(&board, "Gus Moreau");
    assert_eq!((gus.outcome, gus.end_reason.as_str()), ("active", ""));
    let again = super::undo_end(&mut store, gus.match_id).unwrap_err();
    assert!(again.to_string().contains("nothing to undo"), "{again}");
}
