//! Following pairs: status as of a day, meetings and goals recorded and
//! undone, ending early and completing (what is written out: `files_tests`).

use chrono::NaiveDate;

use super::*;
use crate::matching;
use crate::programs::ProgramInput;
use crate::store::Store;
use crate::test_support::matched_cohort;

pub(super) fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The sample cohort, matched and confirmed on 2027-01-02, kickoff 2027-01-15.
pub(super) fn tracked() -> (tempfile::TempDir, Store, i64, Vec<i64>) {
    let (dir, store, program_id) = matched_cohort(|program| ProgramInput {
        name: program.name.clone(),
        organization: program.organization.clone(),
        kickoff_date: "2027-01-15".into(),
        relationship_months: 18,
        cadence_months: 3,
        ..ProgramInput::default()
    });
    store
        .conn()
        .execute(
            "UPDATE matches SET confirmed_at = '2027-01-02T12:00:00Z' WHERE status = 'confirmed'",
            [],
        )
        .unwrap();
    let ids: Vec<i64> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT id FROM matches WHERE status = 'confirmed' ORDER BY id")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    assert!(ids.len() >= 3);
    (dir, store, program_id, ids)
}

pub(super) fn meeting(date: &str) -> MeetingInput {
    MeetingInput {
        date: date.into(),
        mode: "video".into(),
        minutes: Some(45),
        ..MeetingInput::default()
    }
}

pub(super) fn status_of(store: &Store, program_id: i64, match_id: i64, as_of: &str) -> PairStatus {
    dashboard(store, program_id, d(as_of))
        .unwrap()
        .pairs
        .into_iter()
        .find(|p| p.match_id == match_id)
        .unwrap()
}

#[test]
fn status_moves_from_on_track_to_due_soon_to_overdue_and_back() {
    let (_dir, mut store, program, ids) = tracked();
    let pair = ids[0];
    // Before the kickoff: on track, Q1 due 14 April.
    let s = status_of(&store, program, pair, "2027-01-10");
    assert_eq!(s.status, PairState::OnTrack);
    assert_eq!(s.next_due, Some(d("2027-04-14")));
    assert_eq!(s.months_elapsed, 0);
    // 30 days before the due date: due soon.
    let s = status_of(&store, program, pair, "2027-03-15");
    assert_eq!(s.status, PairState::DueSoon);
    assert_eq!(s.months_elapsed, 2);
    // Q1 passed without a meeting: overdue since 14 April, next due in Q2.
    let s = status_of(&store, program, pair, "2027-05-01");
    assert_eq!(s.status, PairState::Overdue);
    assert_eq!(s.overdue_since, Some(d("2027-04-14")));
    assert_eq!(s.next_due, Some(d("2027-07-14")));
    assert_eq!(s.checkins[0].state, "missed");
    assert_eq!(s.checkins[1].state, "due");
    // They meet in Q2: on track again, next check-in due by the end of Q3.
    add_meeting(&mut store, pair, &meeting("2027-04-30"), d("2027-05-01")).unwrap();
    let s = status_of(&store, program, pair, "2027-05-01");
    assert_eq!(s.status, PairState::OnTrack);
    assert_eq!(s.next_due, Some(d("2027-10-14")));
    assert_eq!(s.last_meeting, Some(d("2027-04-30")));
    assert_eq!(s.meetings, 1);
    // Other pairs are untouched by it.
    assert_eq!(
        status_of(&store, program, ids[1], "2027-05-01").status,
        PairState::Overdue
    );
    // Overdue pairs come first on the dashboard.
    let board = dashboard(&store, program, d("2027-05-01")).unwrap();
    assert_eq!(board.pairs.last().map(|p| p.match_id), Some(pair));
    assert_eq!(board.totals.overdue as usize, ids.len() - 1);
    assert_eq!(board.totals.meetings, 1);
}

#[test]
fn meetings_in_the_future_or_before_the_match_are_refused_and_nothing_changes() {
    let (_dir, mut store, _program, ids) = tracked();
    let err = add_meeting(&mut store, ids[0], &meeting("2027-06-01"), d("2027-05-01"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("in the future"), "{err}");
    let err = add_meeting(&mut store, ids[0], &meeting("2027-01-01"), d("2027-05-01"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("before") && err.contains("confirmed"), "{err}");
    let err = add_meeting(&mut store, ids[0], &meeting("1 March"), d("2027-05-01"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let mut bad_mode = meeting("2027-03-01");
    bad_mode.mode = "carrier pigeon".into();
    assert!(add_meeting(&mut store, ids[0], &bad_mode, d("2027-05-01")).is_err());
    let count: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM meetings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);
}

#[test]
fn deleting_a_meeting_or_goal_is_undoable() {
    let (_dir, mut store, program, ids) = tracked();
    let today = d("2027-05-01");
    let m = add_meeting(&mut store, ids[0], &meeting("2027-02-01"), today).unwrap();
    let g = add_goal(
        &mut store,
        ids[0],
        &GoalInput {
            title: "Lead a project".into(),
            ..GoalInput::default()
        },
    )
    .unwrap();
    set_record_deleted(&mut store, RecordKind::Meeting, m, Some(ids[0]), true).unwrap();
    set_record_deleted(&mut store, RecordKind::Goal, g, None, true).unwrap();
    let s = status_of(&store, program, ids[0], "2027-05-01");
    assert_eq!((s.meetings, s.goals_total), (0, 0));
    let detail = pair_detail(&store, ids[0], today).unwrap();
    assert!(detail.meetings.is_empty() && detail.goals.is_empty());
    // A stale screen naming another pair changes nothing.
    assert!(set_record_deleted(&mut store, RecordKind::Meeting, m, Some(ids[1]), false).is_err());
    set_record_deleted(&mut store, RecordKind::Meeting, m, None, false).unwrap();
    set_record_deleted(&mut store, RecordKind::Goal, g, Some(ids[0]), false).unwrap();
    let detail = pair_detail(&store, ids[0], today).unwrap();
    assert_eq!(detail.meetings.len(), 1);
    assert_eq!(detail.meetings[0].mode, "video");
    assert_eq!(detail.goals[0].title, "Lead a project");
}

#[test]
fn goal_progress_sets_the_status_and_ended_pairs_refuse_updates() {
    let (_dir, mut store, program, ids) = tracked();
    let today = d("2027-09-01");
    let g = add_goal(
        &mut store,
        ids[0],
        &GoalInput {
            title: "Present at the state conference".into(),
            area: "Public speaking".into(),
            target_date: "2028-05-01".into(),
            ..GoalInput::default()
        },
    )
    .unwrap();
    let progress = |status: &str, date: &str| GoalUpdateInput {
        status: status.into(),
        note: "Proposal accepted".into(),
        date: date.into(),
    };
    update_goal(
        &mut store,
        g,
        None,
        &progress("in-progress", "2027-03-01"),
        today,
    )
    .unwrap();
    update_goal(
        &mut store,
        g,
        None,
        &progress("Achieved", "2027-08-01"),
        today,
    )
    .unwrap();
    // An older note entered late does not undo the newer status.
    update_goal(
        &mut store,
        g,
        None,
        &progress("in progress", "2027-05-01"),
        today,
    )
    .unwrap();
    let s = status_of(&store, program, ids[0], "2027-09-01");
    assert_eq!((s.goals_total, s.goals_achieved), (1, 1));
    let detail = pair_detail(&store, ids[0], today).unwrap();
    assert_eq!(detail.goals[0].updates.len(), 3);
    assert!(detail.timeline.iter().any(|t| t.kind == "goal_update"));

    end_pair(
        &mut store,
        ids[0],
        d("2027-08-15"),
        "other",
        "Mentor retired",
        today,
    )
    .unwrap();
    let err = update_goal(
        &mut store,
        g,
        None,
        &progress("dropped", "2027-08-20"),
        today,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("ended"), "{err}");
    let err = add_meeting(&mut store, ids[0], &meeting("2027-08-20"), today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("ended on"), "{err}");
    let s = status_of(&store, program, ids[0], "2027-09-01");
    assert_eq!(s.status, PairState::Ended);
    assert_eq!(s.outcome, "ended_early");
    assert_eq!(s.end_reason, "Mentor retired");
    assert_eq!(s.next_due, None);
    // Ending needs a reason from the list ("Other" with a note); ending twice is refused.
    assert!(end_pair(&mut store, ids[1], d("2027-08-15"), "  ", "", today).is_err());
    assert!(end_pair(&mut store, ids[1], d("2027-08-15"), "other", " ", today).is_err());
    assert!(end_pair(&mut store, ids[0], d("2027-08-16"), "too busy", "", today).is_err());
}

#[test]
fn an_ended_participant_is_matched_again_but_never_with_the_same_mentor() {
    let (_dir, mut store, program, ids) = tracked();
    let today = d("2027-06-01");
    let (participant, mentor): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT participant_id, mentor_id FROM matches WHERE id = ?1",
            [ids[0]],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    end_pair(
        &mut store,
        ids[0],
        d("2027-05-20"),
        "other",
        "Schedules never lined up",
        today,
    )
    .unwrap();
    let view = matching::run(&mut store, program, matching::Goal::Total).unwrap();
    // Once Matching proposes a new mentor, the ending can no longer be undone.
    if view.pairs.iter().any(|p| p.participant.id == participant) {
        let err = super::undo_end(&mut store, ids[0]).unwrap_err().to_string();
        assert!(err.contains("can no longer be undone"), "{err}");
    }
    // The running pairs count in the mentors' loads of the new proposal.
    let running = |m: &matching::MentorLoad| {
        m.mentees
            .iter()
            .filter(|n| n.ends_with("(confirmed)"))
            .count()
    };
    assert_eq!(
        view.mentors.iter().map(running).sum::<usize>(),
        ids.len() - 1
    );
    for load in view.mentors.iter().filter(|m| running(m) > 0) {
        assert!(!view
            .mentors_without_mentee
            .iter()
            .any(|i| i.id == load.mentor.id));
    }
    // Placed again (or listed without a mentor when places are short)…
    let placed = view.pairs.iter().find(|p| p.participant.id == participant);
    let waiting = view
        .unmatched
        .iter()
        .any(|u| u.participant.id == participant);
    assert!(
        placed.is_some() || waiting,
        "the participant is matched again"
    );
    assert!(
        placed.is_none_or(|p| p.mentor.id != mentor),
        "same mentor proposed again"
    );
    // …and never with the mentor of the ended pair, who is ruled out with the reason.
    let options = matching::alternatives(&store, program, participant, 100).unwrap();
    let old = options.iter().find(|a| a.mentor.id == mentor).unwrap();
    assert!(!old.allowed);
    assert!(
        old.why_not.contains("Paired before in this program"),
        "{}",
        old.why_not
    );
}

#[test]
fn completing_marks_running_pairs_and_report_counts_them() {
    let (_dir, mut store, program, ids) = tracked();
    let today = d("2028-08-01");
    add_meeting(&mut store, ids[1], &meeting("2027-02-01"), today).unwrap();
    add_meeting(&mut store, ids[1], &meeting("2027-05-01"), today).unwrap();
    end_pair(&mut store, ids[0], d("2027-03-01"), "moved-away", "", today).unwrap();
    let s = status_of(&store, program, ids[1], "2028-08-01");
    assert!(s.term_over);
    assert_eq!(s.months_elapsed, 18);
    let r = report(&store, program, today).unwrap();
    assert_eq!(r.summary.ended_early.len(), 1);
    assert_eq!(r.summary.ended_early[0].reason, "Moved away");
    assert_eq!(r.summary.periods.len(), 6);
    assert_eq!(r.summary.periods[0].pairs_met, 1);
    assert!(r
        .summary
        .checkins_met_share
        .is_some_and(|s| s > 0.0 && s < 1.0));
    // Mid-term a pair cannot be completed (only ended early); a future date is refused.
    let err = complete_pairs(
        &mut store,
        program,
        &[ids[1]],
        Some(d("2027-06-01")),
        d("2027-06-01"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("runs until"), "{err}");
    assert!(complete_pairs(&mut store, program, &[], Some(d("2028-09-01")), today).is_err());
    let n = complete_pairs(&mut store, program, &[], Some(today), today).unwrap();
    assert_eq!(n, ids.len() - 1);
    let r = report(&store, program, today).unwrap();
    let t = &r.dashboard.totals;
    assert_eq!((t.completed + t.completed_unmet) as usize, ids.len() - 1);
    assert_eq!(r.dashboard.totals.ended_early, 1);
    // A completed participant is not matched again.
    let completed: Vec<i64> = r
        .dashboard
        .pairs
        .iter()
        .filter(|p| p.outcome.starts_with("completed"))
        .map(|p| p.participant_id)
        .collect();
    let view = matching::run(&mut store, program, matching::Goal::Total).unwrap();
    assert!(!view.pairs.is_empty());
    assert!(view
        .pairs
        .iter()
        .all(|p| !completed.contains(&p.participant.id)));
}

#[test]
fn pair_confirmed_late_in_a_period_is_expected_from_the_next_one() {
    let (_dir, store, program, ids) = tracked();
    // The second period runs 2027-04-15 to 2027-07-14; its middle is 2027-05-30.
    store
        .conn()
        .execute(
            "UPDATE matches SET confirmed_at = '2027-06-20T12:00:00Z' WHERE id = ?1",
            [ids[0]],
        )
        .unwrap();
    let s = status_of(&store, program, ids[0], "2027-07-01");
    assert_eq!(s.checkins[0].state, "not_expected");
    assert_eq!(s.checkins[1].state, "not_expected");
    assert_eq!(s.status, PairState::OnTrack);
    assert_eq!(s.next_due, Some(d("2027-10-14")));
}

#[test]
fn pair_confirmed_early_in_a_period_is_expected_in_it() {
    let (_dir, store, program, ids) = tracked();
    store
        .conn()
        .execute(
            "UPDATE matches SET confirmed_at = '2027-05-20T12:00:00Z' WHERE id = ?1",
            [ids[0]],
        )
        .unwrap();
    let s = status_of(&store, program, ids[0], "2027-06-01");
    assert_eq!(s.checkins[0].state, "not_expected");
    assert_eq!(s.checkins[1].state, "due");
    assert_eq!(s.next_due, Some(d("2027-07-14")));
    // Unmet when its check-in has passed: overdue, like any pair.
    let s = status_of(&store, program, ids[0], "2027-07-20");
    assert_eq!(s.checkins[1].state, "missed");
    assert_eq!(s.status, PairState::Overdue);
}
