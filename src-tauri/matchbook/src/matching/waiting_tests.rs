//! The waiting list: filled on confirming, with reasons, and placed first.

use super::waiting::{NO_PLACE, OWN_LIBRARY};
use super::*;
use crate::people::{set_capacity, Role};
use crate::test_support::{add_person, program_named, sample_cohort};

#[test]
fn confirming_the_sample_cohort_puts_the_fourteen_left_without_a_mentor_on_the_waiting_list() {
    let (_dir, mut store, program) = sample_cohort();
    assert!(waiting_list(&store, program.id).unwrap().is_empty());
    let view = run(&mut store, program.id, Goal::Total).unwrap();
    let report = confirm(&mut store, program.id).unwrap();
    let waiting = waiting_list(&store, program.id).unwrap();
    assert_eq!(report.waiting, waiting.len());
    assert_eq!(waiting.len(), view.unmatched.len());
    assert_eq!(waiting.len(), 14);
    let unmatched: Vec<i64> = view.unmatched.iter().map(|u| u.participant.id).collect();
    for w in &waiting {
        assert!(
            unmatched.contains(&w.participant.id),
            "{}",
            w.participant.name
        );
        // 46 places for 60 participants: every place is taken.
        assert_eq!(w.reason, NO_PLACE);
        assert!(
            w.detail.starts_with("No mentor with room left"),
            "{}",
            w.detail
        );
        // The day they were put on the list, written as pages write dates.
        let day = crate::time::long_date(crate::time::today());
        assert_eq!(w.flag, format!("Waiting since {day}"));
        assert!(w.since_program.is_none());
    }
}

#[test]
fn a_place_left_only_at_their_own_library_is_said_and_waiting_participants_are_placed_first() {
    let (_dir, mut store, program_id) = program_named("MILE 2026");
    let ann = add_person(
        &mut store,
        program_id,
        Role::Mentor,
        "Ann Mentor",
        "Oak Library",
        &[],
        &[],
    );
    set_capacity(&mut store, ann.id, 2).unwrap();
    let pia = add_person(
        &mut store,
        program_id,
        Role::Participant,
        "Pia Same",
        "Oak Library",
        &[],
        &[],
    );
    add_person(
        &mut store,
        program_id,
        Role::Participant,
        "Quinn Other",
        "Elm Library",
        &[],
        &[],
    );
    run(&mut store, program_id, Goal::Total).unwrap();
    confirm(&mut store, program_id).unwrap();
    let waiting = waiting_list(&store, program_id).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].participant.id, pia.id);
    assert_eq!(waiting[0].reason, OWN_LIBRARY);

    // A new mentor and a late applicant (also at Oak, so Ann's place is not
    // theirs either) who suits that mentor better: the
    // waiting participant is placed first all the same, and the pair says why.
    let areas = ["Grant writing", "Budgeting"];
    add_person(
        &mut store,
        program_id,
        Role::Mentor,
        "Bo Mentor",
        "Pine Library",
        &[],
        &areas,
    );
    let late = add_person(
        &mut store,
        program_id,
        Role::Participant,
        "Lee Late",
        "Oak Library",
        &[],
        &areas,
    );
    let problem = load_problem(&store, program_id).unwrap();
    let (p_pia, p_late) = (
        problem.participant_index(pia.id).unwrap(),
        problem.participant_index(late.id).unwrap(),
    );
    let bo = problem
        .mentors
        .iter()
        .position(|m| m.application.name == "Bo Mentor")
        .unwrap();
    assert!(problem.cell(p_late, bo).total_tenths() > problem.cell(p_pia, bo).total_tenths());
    for goal in Goal::ALL {
        let view = run(&mut store, program_id, goal).unwrap();
        let pair = view
            .pairs
            .iter()
            .find(|p| p.mentor.name == "Bo Mentor")
            .unwrap();
        assert_eq!(pair.participant.id, pia.id, "{goal:?}");
        assert!(
            pair.chips[0].starts_with("Waiting since") && pair.chips[0].ends_with("matched first"),
            "{:?}",
            pair.chips
        );
        assert!(view.unmatched.iter().any(|u| u.participant.id == late.id));
    }
    confirm(&mut store, program_id).unwrap();
    let waiting = waiting_list(&store, program_id).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].participant.id, late.id);
    assert_eq!(waiting[0].reason, OWN_LIBRARY);
}
