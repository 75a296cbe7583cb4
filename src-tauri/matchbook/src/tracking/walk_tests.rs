//! What a newcomer's walk through the 18 months found wrong after the term
//! rules were in: the scenario of `term_tests` (kickoff 1 May 2026,
//! quarterly, the Q1 answers dropped in on 3 September).

use chrono::NaiveDate;

use super::term_tests::{d, import_q1, mile, pair_named};
use super::{dashboard, end_pair, mark_risk_handled, undo_risk_handled, PairState};
use crate::emails::{drafts, Campaign};
use crate::letters::Which;
use crate::matching::{self, lock_pair, Goal};
use crate::people::{get_person, Role};
use crate::store::Store;
use crate::surveys::{import_survey, SurveyKind, SurveyOptions};
use crate::test_support::add_person;

/// Q3 answers (November to January) given in early February 2027.
fn import_q3(store: &mut Store, program: i64, dir: &std::path::Path) {
    let path = dir.join("Q3 check-in.csv");
    std::fs::write(
        &path,
        "Timestamp,Email Address,Have you met since the last check-in?,How many times did you meet?,How satisfied are you with the mentoring? (1-5)\n\
         2027/02/03 10:00:00 AM GMT-5,sara.berg@example.org,Yes,1,5\n\
         2027/02/04 10:00:00 AM GMT-5,sven.palm@example.org,Yes,1,4\n",
    )
    .unwrap();
    let on = NaiveDate::from_ymd_opt(2027, 2, 5).unwrap();
    import_survey(
        store,
        program,
        SurveyKind::CheckIns,
        &path,
        &SurveyOptions::default(),
        false,
        on,
    )
    .unwrap();
}

#[test]
fn a_re_matched_pair_is_not_counted_as_not_answering_a_period_before_it_existed() {
    let (dir, mut store, program) = mile();
    let board = dashboard(&store, program, d("2027-01-05")).unwrap();
    let eli = pair_named(&board, "Eli Haugen").clone();
    end_pair(
        &mut store,
        eli.match_id,
        d("2027-01-05"),
        "Not a good fit",
        "",
        d("2027-01-05"),
    )
    .unwrap();
    import_q3(&mut store, program, dir.path());
    let on = d("2027-02-10");
    let before = dashboard(&store, program, on).unwrap();
    // Three running pairs, six people; Sara and Sven answered Q3.
    assert_eq!(before.totals.response_rate, Some(2.0 / 6.0));
    // Eli is matched again on 12 January with a new mentor.
    let new_mentor = add_person(
        &mut store,
        program,
        Role::Mentor,
        "Nora Lind",
        "Elsewhere",
        &[],
        &[],
    );
    let eli_person = get_person(&store, eli.participant_id).unwrap();
    lock_pair(&mut store, program, &eli_person, &new_mentor, "").unwrap();
    matching::run(&mut store, program, Goal::Total).unwrap();
    matching::confirm(&mut store, program).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "UPDATE matches SET confirmed_at = '2027-01-12T12:00:00Z' WHERE status = 'confirmed' AND participant_id = ?1",
                [eli.participant_id],
            )?;
            Ok(())
        })
        .unwrap();
    let after = dashboard(&store, program, on).unwrap();
    assert_eq!(after.pairs.iter().filter(|p| p.running).count(), 4);
    assert_eq!(after.totals.response_rate, before.totals.response_rate);
    let waiting = |b: &super::Dashboard| -> Vec<String> {
        b.not_answered.iter().map(|n| n.name.clone()).collect()
    };
    assert_eq!(waiting(&after), waiting(&before));
    assert!(!waiting(&after).contains(&"Nora Lind".to_string()));
}

#[test]
fn a_handled_risk_stays_out_of_the_bulk_reminder_this_period_and_can_be_undone() {
    let (dir, mut store, program) = mile();
    import_q1(&mut store, program, dir.path(), &SurveyOptions::default());
    let board = dashboard(&store, program, d("2026-09-03")).unwrap();
    let eli = pair_named(&board, "Eli Haugen").match_id;
    mark_risk_handled(
        &mut store,
        eli,
        d("2026-09-04"),
        "Called Eli",
        d("2026-09-05"),
    )
    .unwrap();
    let reminded = |day: &str| -> (Vec<String>, Vec<String>) {
        let batch = drafts(
            &store,
            program,
            Campaign::Reminder,
            Which::All,
            d(day),
            false,
        )
        .unwrap();
        (
            batch.drafts.into_iter().map(|(n, _)| n).collect(),
            batch.notes,
        )
    };
    // Overdue still, no longer at risk, and not told to "meet soon" this period.
    let board = dashboard(&store, program, d("2026-09-05")).unwrap();
    let pair = pair_named(&board, "Eli Haugen");
    assert_eq!(pair.status, PairState::Overdue);
    assert!(!pair.pulse.at_risk && !pair.actions.contains(&"remind"));
    let (names, notes) = reminded("2026-09-05");
    assert_eq!(names, vec!["Reminder - Gus Moreau and Chen Wei.eml"]);
    assert!(
        notes.iter().any(|n| n.contains("risk handled")
            && n.contains("Eli Haugen and Ada Okafor (handled 4 September 2026)")),
        "{notes:?}"
    );
    // Undo: the pair is at risk again, as before.
    undo_risk_handled(&mut store, eli).unwrap();
    let board = dashboard(&store, program, d("2026-09-05")).unwrap();
    assert!(pair_named(&board, "Eli Haugen").pulse.at_risk);
    assert!(
        undo_risk_handled(&mut store, eli).is_err(),
        "nothing left to undo"
    );
}

#[test]
fn handled_on_is_refused_before_the_kickoff_and_in_the_future() {
    let (dir, mut store, program) = mile();
    import_q1(&mut store, program, dir.path(), &SurveyOptions::default());
    let board = dashboard(&store, program, d("2026-09-03")).unwrap();
    let eli = pair_named(&board, "Eli Haugen").match_id;
    // Even when the match reads as confirmed earlier (an import of old data).
    store
        .write(|tx| {
            tx.execute(
                "UPDATE matches SET confirmed_at = '2018-01-01T12:00:00Z'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let today = d("2026-09-05");
    let early = mark_risk_handled(&mut store, eli, d("2019-05-10"), "Called", today).unwrap_err();
    assert!(
        early
            .to_string()
            .contains("before the program's kickoff (1 May 2026)"),
        "{early}"
    );
    let later = mark_risk_handled(&mut store, eli, d("2026-12-01"), "Called", today).unwrap_err();
    assert!(later.to_string().contains("in the future"), "{later}");
    mark_risk_handled(&mut store, eli, d("2026-05-01"), "Called", today).unwrap();
}

#[test]
fn the_preview_says_what_happens_to_a_column_no_meaning_fits_instead_of_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Q1.csv");
    std::fs::write(
        &path,
        "Timestamp,Email Address,Have you met since the last check-in?,How satisfied are you with the mentoring? (1-5),Your thoughts so far,Favourite colour,Branch code\n\
         2026/08/20 10:00:00 AM GMT-5,sara.berg@example.org,Yes,5,More chances to meet the other pairs,Blue,\n\
         2026/08/21 10:00:00 AM GMT-5,sven.palm@example.org,Yes,4,Shorter forms would help us all,Green,\n",
    )
    .unwrap();
    let preview =
        crate::surveys::preview_survey(&path, SurveyKind::CheckIns, &SurveyOptions::default())
            .unwrap();
    let said = |header: &str| {
        preview
            .columns
            .iter()
            .find(|c| c.header == header)
            .unwrap()
            .nothing_fits
            .clone()
    };
    assert_eq!(said("Email Address"), None, "recognised: a choice to check");
    assert_eq!(
        said("Your thoughts so far").as_deref(),
        Some("Kept as note for the committee: no other meaning fits")
    );
    assert_eq!(
        said("Favourite colour").as_deref(),
        Some("Not used: none of Matchbook's meanings fits")
    );
    assert_eq!(
        said("Branch code").as_deref(),
        Some("Not used (no answers)")
    );
}
