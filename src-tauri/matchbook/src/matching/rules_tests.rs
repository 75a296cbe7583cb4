//! The committee's rules steering the solver: locks, vetoes and overrides,
//! a full mentor's extra place, and confirming or swapping only what still
//! holds.

use super::tests::{empty_program, mentor, participant, sample};
use super::*;
use crate::identity::find_person;
use crate::people::{get_person, Role};

#[test]
fn locks_vetoes_and_overrides_steer_the_next_solve() {
    let (_d, mut store, program) = sample();
    let first = run(&mut store, program, Goal::Total).unwrap();
    let pair = &first.pairs[0];
    let participant = find_person(
        &store,
        program,
        Role::Participant,
        pair.participant.email.as_deref().unwrap(),
    )
    .unwrap();
    let mentor = find_person(
        &store,
        program,
        Role::Mentor,
        pair.mentor.email.as_deref().unwrap(),
    )
    .unwrap();
    veto_pair(
        &mut store,
        program,
        &participant,
        &mentor,
        "Worked together before",
    )
    .unwrap();
    let second = run(&mut store, program, Goal::Total).unwrap();
    let now = second
        .pairs
        .iter()
        .find(|p| p.participant.id == participant.id);
    assert!(
        now.is_none_or(|p| p.mentor.id != mentor.id),
        "veto respected"
    );

    // Lock the participant with some other allowed mentor; the lock survives re-solving.
    let problem = load_problem(&store, program).unwrap();
    let pi = problem.participant_index(participant.id).unwrap();
    let other = (0..problem.mentors.len())
        .find(|&m| problem.cell(pi, m).forbidden.is_none() && problem.mentors[m].id != mentor.id)
        .unwrap();
    let other_mentor = problem.mentors[other].clone();
    lock_pair(&mut store, program, &participant, &other_mentor, "").unwrap();
    let third = run(&mut store, program, Goal::Total).unwrap();
    let locked = third
        .pairs
        .iter()
        .find(|p| p.participant.id == participant.id)
        .unwrap();
    assert_eq!((locked.mentor.id, locked.locked), (other_mentor.id, true));

    // A forbidden pair needs a reason to be locked, and the reason is kept.
    let forbidden = (0..problem.mentors.len()).find(|&m| {
        problem
            .reason(problem.cell(pi, m))
            .is_some_and(|r| !r.starts_with("Vetoed"))
    });
    if let Some(m) = forbidden {
        let ruled_out = problem.mentors[m].clone();
        let err = lock_pair(&mut store, program, &participant, &ruled_out, "").unwrap_err();
        assert!(err.to_string().contains("may not be paired"), "{err}");
        lock_pair(
            &mut store,
            program,
            &participant,
            &ruled_out,
            "They asked for it",
        )
        .unwrap();
        let fourth = run(&mut store, program, Goal::Total).unwrap();
        assert!(fourth
            .pairs
            .iter()
            .any(|p| p.participant.id == participant.id && p.mentor.id == ruled_out.id));
        let rules = list_rules(&store, program).unwrap();
        assert!(rules
            .iter()
            .any(|r| r.kind == "override" && r.reason == "They asked for it"));
    }
    unveto_pair(&mut store, program, &participant, &mentor).unwrap();
    assert!(unveto_pair(&mut store, program, &participant, &mentor).is_err());
}

#[test]
fn a_veto_does_not_hide_a_hard_rule_and_a_lock_never_outlives_a_new_rule() {
    let (_dir, mut store, program) = empty_program("Vetoes");
    let maria = mentor(&mut store, program, "Maria Lopez", "Duluth Library");
    let sam = mentor(&mut store, program, "Sam Ortiz", "Hibbing Library");
    let ann = participant(&mut store, program, "Ann Lee", "Duluth Library");
    let bo = participant(&mut store, program, "Bo Chen", "Ely Library");

    // Ann and Maria share a library, and the committee also vetoed them.
    // Locking lifts the veto but not the library rule: it needs a reason.
    veto_pair(&mut store, program, &ann, &maria, "").unwrap();
    // The file runs in WAL mode, so what is compared is what the file says, not its bytes.
    let before = list_rules(&store, program).unwrap();
    let err = lock_pair(&mut store, program, &ann, &maria, "").unwrap_err();
    assert!(err.to_string().contains("Same library"), "{err}");
    assert_eq!(
        list_rules(&store, program).unwrap(),
        before,
        "the refusal changed nothing"
    );
    lock_pair(&mut store, program, &ann, &maria, "Different branches").unwrap();
    let rules = list_rules(&store, program).unwrap();
    assert!(rules
        .iter()
        .any(|r| r.kind == "override" && r.reason == "Different branches"));
    assert!(
        !rules.iter().any(|r| r.kind == "veto"),
        "the lock lifted the veto"
    );

    // Bo is locked with Sam; then a re-import says Bo works at Sam's library.
    lock_pair(&mut store, program, &bo, &sam, "").unwrap();
    store
        .write(|tx| {
            tx.execute(
                "UPDATE people SET library = 'Hibbing Library' WHERE id = ?1",
                [bo.id],
            )?;
            Ok(())
        })
        .unwrap();
    let view = run(&mut store, program, Goal::Total).unwrap();
    assert!(
        !view.pairs.iter().any(|p| p.participant.id == bo.id),
        "a locked pair that a rule now forbids is not made"
    );
    let why = view
        .unmatched
        .iter()
        .find(|u| u.participant.id == bo.id)
        .map(|u| u.reason.clone())
        .unwrap_or_default();
    assert!(
        why.contains("Locked to Sam Ortiz") && why.contains("Same library"),
        "{why}"
    );
    assert!(view
        .pairs
        .iter()
        .any(|p| p.participant.id == ann.id && p.mentor.id == maria.id));
}

#[test]
fn a_full_mentor_takes_one_more_mentee_only_when_the_committee_says_so() {
    let (_dir, mut store, program) = empty_program("Places");
    // No number of mentees in the application counts as one place.
    let maria = mentor(&mut store, program, "Maria Lopez", "Duluth");
    let ann = participant(&mut store, program, "Ann Lee", "Ely");
    let bo = participant(&mut store, program, "Bo Chen", "Hibbing");
    lock_pair(&mut store, program, &ann, &maria, "").unwrap();
    let err = lock_pair(&mut store, program, &bo, &maria, "").unwrap_err();
    assert!(err.to_string().contains("already locked"), "{err}");
    lock_pair_with_new_place(&mut store, program, (&bo, &maria), "").unwrap();
    assert_eq!(
        get_person(&store, maria.id).unwrap().capacity_agreed,
        Some(2)
    );
    let view = run(&mut store, program, Goal::Total).unwrap();
    assert_eq!(
        view.pairs
            .iter()
            .filter(|p| p.mentor.id == maria.id)
            .count(),
        2
    );
    confirm(&mut store, program).unwrap();

    // Both places now hold running matches: a newcomer needs a new place.
    let cy = participant(&mut store, program, "Cy Park", "Ely");
    let err = lock_pair(&mut store, program, &cy, &maria, "").unwrap_err();
    assert!(
        err.to_string().starts_with(
            "Maria Lopez has no place left: all 2 places are taken by running matches."
        ),
        "{err}"
    );
    for (who, capacity, refusal) in [
        (&maria, 1, "has 2 running matches"),
        (&maria, 13, "more than Matchbook allows"),
        (&ann, 2, "only mentors take mentees"),
    ] {
        let err = crate::people::set_capacity(&mut store, who.id, capacity).unwrap_err();
        assert!(err.to_string().contains(refusal), "{err}");
    }
    assert_eq!(
        get_person(&store, maria.id).unwrap().capacity_agreed,
        Some(2)
    );
    crate::people::set_capacity(&mut store, maria.id, 3).unwrap();
    lock_pair(&mut store, program, &cy, &maria, "").unwrap();

    // Her application imported again (it still says nothing about mentees):
    // the committee's agreement stands.
    let application = get_person(&store, maria.id).unwrap().application;
    store
        .write(|tx| crate::people::update_person(tx, maria.id, &application, &[]))
        .unwrap();
    let maria = get_person(&store, maria.id).unwrap();
    assert_eq!((maria.application.capacity, maria.places()), (None, 3));

    // Her third place is locked to Cy: one more place for Dee makes room for
    // all of them (2 running + Cy + Dee), not just her offer plus one.
    let dee = participant(&mut store, program, "Dee Moss", "Ely");
    lock_pair_with_new_place(&mut store, program, (&dee, &maria), "").unwrap();
    assert_eq!(get_person(&store, maria.id).unwrap().places(), 4);
    let view = run(&mut store, program, Goal::Total).unwrap();
    for who in [cy.id, dee.id] {
        assert!(view
            .pairs
            .iter()
            .any(|p| p.participant.id == who && p.mentor.id == maria.id));
    }
}

#[test]
fn a_proposal_is_not_confirmed_past_a_later_veto_or_lock() {
    let (_d, mut store, program) = sample();
    let view = run(&mut store, program, Goal::Total).unwrap();
    let pair = &view.pairs[0];
    let participant = crate::people::get_person(&store, pair.participant.id).unwrap();
    let mentor = crate::people::get_person(&store, pair.mentor.id).unwrap();
    veto_pair(&mut store, program, &participant, &mentor, "Same board").unwrap();
    let err = confirm(&mut store, program).unwrap_err();
    assert!(
        err.to_string().contains("vetoed after this proposal"),
        "{err}"
    );
    unveto_pair(&mut store, program, &participant, &mentor).unwrap();
    // A lock on a different mentor than the proposal's.
    let problem = load_problem(&store, program).unwrap();
    let p = problem.participant_index(participant.id).unwrap();
    let other = (0..problem.mentors.len())
        .find(|&m| problem.mentors[m].id != mentor.id && problem.cell(p, m).forbidden.is_none())
        .unwrap();
    lock_pair(
        &mut store,
        program,
        &participant,
        &problem.mentors[other].clone(),
        "",
    )
    .unwrap();
    let err = confirm(&mut store, program).unwrap_err();
    assert!(err.to_string().contains("locked with"), "{err}");
    run(&mut store, program, Goal::Total).unwrap();
    confirm(&mut store, program).unwrap();
}

#[test]
fn a_swap_locks_both_new_pairs_in_one_step() {
    let (_d, mut store, program) = sample();
    let view = run(&mut store, program, Goal::Total).unwrap();
    let problem = load_problem(&store, program).unwrap();
    // Two pairs whose swapped pairs are both allowed.
    let mut found = None;
    'outer: for a in &view.pairs {
        for b in &view.pairs {
            let (pa, pb) = (
                problem.participant_index(a.participant.id).unwrap(),
                problem.participant_index(b.participant.id).unwrap(),
            );
            let (ma, mb) = (
                problem.mentor_index(a.mentor.id).unwrap(),
                problem.mentor_index(b.mentor.id).unwrap(),
            );
            if ma != mb
                && problem.cell(pa, mb).forbidden.is_none()
                && problem.cell(pb, ma).forbidden.is_none()
            {
                found = Some((a.clone(), b.clone()));
                break 'outer;
            }
        }
    }
    let (a, b) = found.unwrap();
    let first = crate::people::get_person(&store, a.participant.id).unwrap();
    let second = crate::people::get_person(&store, b.participant.id).unwrap();
    swap_pairs(&mut store, program, &first, &second).unwrap();
    let after = run(&mut store, program, Goal::Total).unwrap();
    let mentor_of = |id: i64| {
        after
            .pairs
            .iter()
            .find(|p| p.participant.id == id)
            .map(|p| p.mentor.id)
    };
    assert_eq!(mentor_of(first.id), Some(b.mentor.id));
    assert_eq!(mentor_of(second.id), Some(a.mentor.id));
    // Both are locked now: swapping them back is refused, and says why,
    // rather than undoing the committee's locks behind its back.
    let refused = swap_pairs(&mut store, program, &first, &second).unwrap_err();
    assert!(refused.to_string().contains("is locked with"), "{refused}");
}
