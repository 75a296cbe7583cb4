//! Matching real cohorts: the sample's explained matches, confirming, names
//! that match nobody, hard rules never broken, and the helpers the other
//! matching tests share (the solver's own checks are in `solve_tests`, the
//! committee's locks and vetoes in `rules_tests`).

use super::*;
use crate::people::Role;
use crate::test_support::{add_person, program_named, sample_cohort};

pub(super) fn sample() -> (tempfile::TempDir, Store, i64) {
    let (dir, store, program) = sample_cohort();
    (dir, store, program.id)
}

#[test]
fn the_sample_cohort_gets_explained_matches_that_break_no_rule() {
    let (_d, mut store, program) = sample();
    let view = run(&mut store, program, Goal::Total).unwrap();
    assert_eq!(view.status, "proposal");
    assert!(
        view.pairs.len() >= 40,
        "most of 60 participants matched: {}",
        view.pairs.len()
    );
    assert_eq!(view.pairs.len() + view.unmatched.len(), 60);
    let problem = load_problem(&store, program).unwrap();
    for pair in &view.pairs {
        let (p, m) = (
            problem.participant_index(pair.participant.id).unwrap(),
            problem.mentor_index(pair.mentor.id).unwrap(),
        );
        assert!(problem.cell(p, m).forbidden.is_none(), "{pair:?}");
        let sum: f64 = pair.breakdown.values().sum();
        assert!((sum - pair.score).abs() < 1e-9, "breakdown adds up");
        assert!(
            !pair.chips.is_empty() || pair.score == 0.0,
            "score without a reason: {pair:?}"
        );
        assert!(
            names::library_key(&pair.participant.library)
                != names::library_key(&pair.mentor.library)
                || pair.participant.library.trim().is_empty()
        );
    }
    for u in &view.unmatched {
        assert!(!u.reason.is_empty());
    }
    let total: f64 = view.pairs.iter().map(|p| p.score).sum();
    assert!((total - view.total_score).abs() < 1e-6);
    // The same inputs give the same matches.
    let again = run(&mut store, program, Goal::Total).unwrap();
    let key = |v: &MatchView| {
        v.pairs
            .iter()
            .map(|p| (p.participant.id, p.mentor.id))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&view), key(&again));
    assert_eq!(
        list_versions(&store, program).unwrap().len(),
        2,
        "earlier proposal kept"
    );
    assert!(diff_versions(
        &store,
        program,
        view.version_id.unwrap(),
        again.version_id.unwrap()
    )
    .unwrap()
    .is_empty());
}

#[test]
fn confirming_makes_matches_and_later_solves_only_place_the_rest() {
    let (_d, mut store, program) = sample();
    let proposal = run(&mut store, program, Goal::Total).unwrap();
    let report = confirm(&mut store, program).unwrap();
    assert_eq!(report.confirmed, proposal.pairs.len());
    let view = current_view(&store, program).unwrap().unwrap();
    assert_eq!(view.status, "confirmed");
    assert!(view
        .pairs
        .iter()
        .all(|p| p.status == "confirmed" && p.confirmed_at.is_some()));
    assert!(
        confirm(&mut store, program).is_err(),
        "nothing left to confirm"
    );
    if proposal.unmatched.is_empty() {
        assert!(
            run(&mut store, program, Goal::Total).is_err(),
            "everyone has a mentor"
        );
    } else {
        let next = run(&mut store, program, Goal::Total).unwrap();
        assert!(next.pairs.iter().all(|p| proposal
            .unmatched
            .iter()
            .any(|u| u.participant.id == p.participant.id)));
    }
}

/// A new file with one program and nobody in it yet.
pub(super) fn empty_program(name: &str) -> (tempfile::TempDir, Store, i64) {
    program_named(name)
}

/// A mentor or participant who wrote nothing about other people.
pub(super) fn mentor(store: &mut Store, program_id: i64, name: &str, library: &str) -> Person {
    add_person(store, program_id, Role::Mentor, name, library, &[], &[])
}

pub(super) fn participant(store: &mut Store, program_id: i64, name: &str, library: &str) -> Person {
    add_person(
        store,
        program_id,
        Role::Participant,
        name,
        library,
        &[],
        &[],
    )
}

#[test]
fn names_that_match_nobody_are_reported_before_matching() {
    let (_dir, mut store, program) = empty_program("Names");
    add_person(
        &mut store,
        program,
        Role::Mentor,
        "Maria Lopez",
        "Duluth",
        &["Kim Park", "Ann Lee"],
        &[],
    );
    add_person(
        &mut store,
        program,
        Role::Participant,
        "Ann Lee",
        "Ely",
        &["M. Lopez", "Jon Smyth"],
        &[],
    );
    // A fellow participant is a known name, and a surname alone names the
    // one mentor who has it.
    add_person(
        &mut store,
        program,
        Role::Participant,
        "Cy Diaz",
        "Ely",
        &["Ann Lee", "Lopez"],
        &[],
    );
    // A surname two mentors share names neither: the committee is told who.
    for mentor in ["Ana Park", "Ben Park"] {
        add_person(
            &mut store,
            program,
            Role::Mentor,
            mentor,
            "Hibbing",
            &[],
            &[],
        );
    }
    add_person(
        &mut store,
        program,
        Role::Participant,
        "Ed Fox",
        "Ely",
        &["Park"],
        &[],
    );
    store
        .write(|tx| {
            tx.execute(
                "UPDATE people SET requested_mentor = 'Dana Whitfield' WHERE name = 'Ann Lee'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    // "No preference" names nobody: no message for it.
    let bo = participant(&mut store, program, "Bo Chen", "Ely");
    store
        .write(|tx| {
            tx.execute(
                "UPDATE people SET requested_mentor = 'No preference.' WHERE id = ?1",
                [bo.id],
            )?;
            Ok(())
        })
        .unwrap();
    let problem = load_problem(&store, program).unwrap();
    let gaps = gap_analysis(&problem);
    let unknown = &gaps.unknown_names;
    assert_eq!(unknown.len(), 4, "{unknown:?}");
    assert!(unknown.contains(&"Ed Fox asked not to be paired with “Park”, which could be Ana Park or Ben Park. To keep them apart, veto the pair by hand.".to_string()), "{unknown:?}");
    assert!(
        !gaps.messages.iter().any(|m| m.contains("has that name")),
        "names are listed apart"
    );
    assert!(unknown.iter().any(|m| m.starts_with(
        "Ann Lee asked not to be paired with “Jon Smyth”, but no mentor has that name"
    )));
    assert!(unknown.iter().any(|m| m.starts_with(
        "Ann Lee asked for “Dana Whitfield” as their mentor, but no mentor has that name"
    )));
    assert!(unknown.iter().any(|m| m.starts_with(
        "Maria Lopez asked not to be paired with “Kim Park”, but no participant has that name"
    )));
    // The names that were found became rules, not messages.
    let participant = |name: &str| {
        problem
            .participants
            .iter()
            .position(|p| p.application.name == name)
            .unwrap()
    };
    let lopez = problem
        .mentors
        .iter()
        .position(|m| m.application.name == "Maria Lopez")
        .unwrap();
    assert!(problem
        .reason(problem.cell(participant("Ann Lee"), lopez))
        .is_some());
    assert_eq!(
        problem.reason(problem.cell(participant("Cy Diaz"), lopez)),
        Some("Cy Diaz asked not to be paired with “Lopez”"),
        "the only mentor named Lopez"
    );
}

#[test]
fn same_library_and_people_to_avoid_are_never_paired() {
    let (_dir, mut store, program) = program_named("Rules");
    add_person(
        &mut store,
        program,
        Role::Mentor,
        "Maria Lopez",
        "The Duluth Public Library",
        &[],
        &["Advocacy"],
    );
    add_person(
        &mut store,
        program,
        Role::Mentor,
        "Sam Ortiz",
        "Hibbing Library",
        &[],
        &["Budgeting"],
    );
    add_person(
        &mut store,
        program,
        Role::Participant,
        "Ann Lee",
        "duluth public library",
        &[],
        &["Advocacy"],
    );
    add_person(
        &mut store,
        program,
        Role::Participant,
        "Bo Chen",
        "Ely Library",
        &["S. Ortiz"],
        &["Budgeting"],
    );
    let view = run(&mut store, program, Goal::Total).unwrap();
    let mentor_of = |who: &str| {
        view.pairs
            .iter()
            .find(|p| p.participant.name == who)
            .map(|p| p.mentor.name.clone())
    };
    assert_eq!(
        mentor_of("Ann Lee").as_deref(),
        Some("Sam Ortiz"),
        "not her own library"
    );
    assert_eq!(
        mentor_of("Bo Chen").as_deref(),
        Some("Maria Lopez"),
        "not the mentor he asked to avoid"
    );
    let problem = load_problem(&store, program).unwrap();
    let reason = problem
        .reason(problem.cell(1, 1))
        .unwrap_or_default()
        .to_string();
    assert_eq!(reason, "Bo Chen asked not to be paired with “S. Ortiz”");
}

#[test]
fn an_import_whose_people_are_matched_cannot_be_undone() {
    let (_d, mut store, program) = sample();
    run(&mut store, program, Goal::Total).unwrap();
    confirm(&mut store, program).unwrap();
    let imports = crate::import::list_imports(&store, Some(program)).unwrap();
    let err = crate::import::undo_import(&mut store, imports[0].id).unwrap_err();
    assert!(
        err.to_string().contains("already in a confirmed match"),
        "{err}"
    );
    assert_eq!(
        confirmed_view(&store, program).unwrap().pairs.len(),
        confirm_count(&store, program)
    );
}

fn confirm_count(store: &Store, program: i64) -> usize {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM matches WHERE program_id = ?1 AND status = 'confirmed'",
            [program],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize
}
