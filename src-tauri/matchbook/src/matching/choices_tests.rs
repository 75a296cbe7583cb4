//! Ranked choices in matching: the criterion, its reasons, the stable goal
//! over stated preferences (checked by brute force over every pair), and
//! the figures on a cohort where three mentors are everyone's favourite.

use std::collections::HashMap;

use super::choices::PairChoice;
use super::solve_tests::{random_problem_of, Rng};
use super::*;
use crate::choices::{import_choices_workbook, ChoiceOptions};
use crate::import::read_bytes;
use crate::people::{list_people, Role};
use crate::test_support::sample_cohort;

/// Random ranks: each participant ranks up to three mentors, some mentors
/// rank a few participants.
fn add_random_choices(problem: &mut Problem, rng: &mut Rng) {
    let (np, nm) = (problem.participants.len(), problem.mentors.len());
    for p in 0..np {
        let mut order: Vec<usize> = (0..nm).collect();
        for i in (1..nm).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let ranked = rng.below(4) as usize;
        for (k, &m) in order.iter().take(ranked).enumerate() {
            problem.choices.entry((p, m)).or_default().participant = Some(k as u8 + 1);
        }
    }
    for m in 0..nm {
        if rng.below(2) == 0 {
            for (k, p) in (0..np).filter(|_| rng.below(2) == 0).enumerate() {
                problem.choices.entry((p, m)).or_default().mentor = Some(k as u8 + 1);
            }
        }
    }
}

/// Whether `p` prefers mentor `a` to `b` as stated: a ranked mentor before
/// any other, a better rank first, then the higher score. Written from the
/// issue's words, not from the code under test.
fn participant_prefers(problem: &Problem, p: usize, a: usize, b: Option<usize>) -> bool {
    let Some(b) = b else { return true };
    let rank = |m: usize| problem.choice(p, m).participant.map_or(1000, u32::from);
    let score = |m: usize| problem.cell(p, m).total_tenths();
    (rank(a), -score(a)) < (rank(b), -score(b))
}

fn mentor_prefers(problem: &Problem, m: usize, a: usize, b: usize) -> bool {
    let rank = |p: usize| problem.choice(p, m).mentor.map_or(1000, u32::from);
    let score = |p: usize| problem.cell(p, m).total_tenths();
    (rank(a), -score(a)) < (rank(b), -score(b))
}

#[test]
fn stable_with_stated_choices_has_no_blocking_pair_by_brute_force() {
    let mut rng = Rng(0xC401CE5);
    let mut ranked_pairs_made = 0;
    for case in 0..1500 {
        let mut problem = random_problem_of(&mut rng, 7, 4, true);
        add_random_choices(&mut problem, &mut rng);
        let stable = solve_for(&problem, Goal::Stable).unwrap();
        let (np, nm) = (problem.participants.len(), problem.mentors.len());
        let mut mentor_of: Vec<Option<(usize, bool)>> = vec![None; np];
        let mut held: Vec<Vec<(usize, bool)>> = vec![Vec::new(); nm];
        for &(p, m, locked) in &stable.pairs {
            assert!(problem.cell(p, m).forbidden.is_none(), "case {case}");
            mentor_of[p] = Some((m, locked));
            held[m].push((p, locked));
            ranked_pairs_made += usize::from(problem.choice(p, m).participant.is_some());
        }
        let locked_participants: Vec<usize> = problem.locks.iter().map(|&(p, _)| p).collect();
        for (p, given) in mentor_of.iter().enumerate() {
            if locked_participants.contains(&p) {
                continue;
            }
            for (m, holding) in held.iter().enumerate() {
                if problem.cell(p, m).forbidden.is_some() || given.map(|g| g.0) == Some(m) {
                    continue;
                }
                if !participant_prefers(&problem, p, m, given.map(|g| g.0)) {
                    continue;
                }
                let room = (holding.len() as u32) < problem.capacity[m];
                let would_let_go = holding
                    .iter()
                    .any(|&(q, locked)| !locked && mentor_prefers(&problem, m, p, q));
                assert!(
                    !(room || would_let_go),
                    "case {case}: participant {p} and mentor {m} would both rather be together; {:?}",
                    stable.pairs
                );
            }
        }
        assert!(
            quality::blocking_pairs(&problem, &stable.pairs, Goal::Stable)
                .iter()
                .all(|s| problem
                    .participant_index(s.participant.id)
                    .is_some_and(|p| locked_participants.contains(&p))),
            "case {case}: the quality panel agrees"
        );
        for &(p, m) in &problem.locks {
            if problem.capacity[m] > 0 && problem.cell(p, m).forbidden.is_none() {
                assert!(
                    stable.pairs.contains(&(p, m, true)),
                    "case {case}: lock kept"
                );
            }
        }
    }
    assert!(ranked_pairs_made > 1000, "{ranked_pairs_made}");
}

/// Everyone's choices, written as the kit's form exports them.
fn choices_csv(rows: &[(String, [String; 3])]) -> String {
    let mut csv = String::from("Timestamp,Email address,Full name,First choice: a mentor's name,Second choice,Third choice\n");
    for (email, [a, b, c]) in rows {
        csv.push_str(&format!("2026-02-01,{email},,\"{a}\",\"{b}\",\"{c}\"\n"));
    }
    csv
}

fn import_csv(store: &mut Store, program_id: i64, csv: &str) {
    let workbook = read_bytes("choices.csv", csv.as_bytes()).unwrap();
    let report = import_choices_workbook(
        store,
        program_id,
        workbook,
        &ChoiceOptions::default(),
        false,
    )
    .unwrap();
    assert!(report.unknown_names.is_empty(), "{report:?}");
}

#[test]
fn their_choice_scores_shares_of_its_weight_and_gives_reasons() {
    let (_dir, mut store, program) = sample_cohort();
    let participants = list_people(&store, program.id, Some(Role::Participant)).unwrap();
    let mentors = list_people(&store, program.id, Some(Role::Mentor)).unwrap();
    let before = load_problem(&store, program.id).unwrap();
    assert!(!before.asks(Criterion::TheirChoice), "no choices yet");
    let first = &participants[0];
    let names = [0, 1, 2].map(|i| mentors[i].application.name.clone());
    import_csv(
        &mut store,
        program.id,
        &choices_csv(&[(first.application.email.clone().unwrap(), names.clone())]),
    );
    let problem = load_problem(&store, program.id).unwrap();
    assert!(problem.asks(Criterion::TheirChoice));
    let p = problem.participant_index(first.id).unwrap();
    let weight = i64::from(problem.weights.get(Criterion::TheirChoice));
    for (rank, expected_share) in [(0, 100), (1, 67), (2, 33)] {
        let m = problem.mentor_index(mentors[rank].id).unwrap();
        let cell = problem.cell(p, m);
        assert_eq!(
            i64::from(cell.score.part(Criterion::TheirChoice)),
            weight * expected_share / 10,
            "tenths of {weight} points × {expected_share}%"
        );
        let before_cell = before.cell(p, m);
        assert_eq!(
            cell.total_tenths() - before_cell.total_tenths(),
            weight * expected_share / 10
        );
    }
    let m = problem.mentor_index(mentors[0].id).unwrap();
    let chip = format!("{}'s 1st choice", first.application.name.trim());
    assert!(
        problem.explain(p, m).contains(&chip),
        "{:?}",
        problem.explain(p, m)
    );

    // The committee changes the shares; a custom criterion has none.
    let id = list_criteria(&store, program.id)
        .unwrap()
        .into_iter()
        .find(|c| c.built_in && c.label == Criterion::TheirChoice.label())
        .unwrap()
        .id;
    let change = CriterionChange {
        choice_shares: Some(vec![100, 50, 0]),
        ..CriterionChange::default()
    };
    let changed = set_criterion(&mut store, program.id, id, &change).unwrap();
    assert_eq!(changed.choice_shares, Some([100, 50, 0]));
    assert!(changed.asked);
    let m3 = problem.mentor_index(mentors[2].id).unwrap();
    let after = load_problem(&store, program.id).unwrap();
    assert_eq!(after.cell(p, m3).score.part(Criterion::TheirChoice), 0);
    let bad = CriterionChange {
        choice_shares: Some(vec![50, 80, 10]),
        ..CriterionChange::default()
    };
    assert!(set_criterion(&mut store, program.id, id, &bad)
        .unwrap_err()
        .to_string()
        .contains("cannot count more than a 1st"));
    assert!(set_criterion(&mut store, program.id, 1, &change).is_err());
}

#[test]
fn stable_respects_vetoes_and_locks_over_first_choices() {
    let (_dir, mut store, program) = sample_cohort();
    let participants = list_people(&store, program.id, Some(Role::Participant)).unwrap();
    let mentors = list_people(&store, program.id, Some(Role::Mentor)).unwrap();
    let name = |i: usize| mentors[i].application.name.clone();
    let (a, b) = (&participants[0], &participants[1]);
    let email = |p: &crate::people::Person| p.application.email.clone().unwrap();
    import_csv(
        &mut store,
        program.id,
        &choices_csv(&[
            (email(a), [name(0), name(1), name(2)]),
            (email(b), [name(3), name(4), name(5)]),
        ]),
    );
    veto_pair(&mut store, program.id, a, &mentors[0], "test").unwrap();
    lock_pair(&mut store, program.id, b, &mentors[7], "committee").unwrap();
    let view = run(&mut store, program.id, Goal::Stable).unwrap();
    let mentor_of = |p: i64| {
        view.pairs
            .iter()
            .find(|x| x.participant.id == p)
            .map(|x| x.mentor.id)
    };
    assert_ne!(mentor_of(a.id), Some(mentors[0].id), "vetoed");
    assert_eq!(mentor_of(b.id), Some(mentors[7].id), "locked");
    let figures = view.choices.unwrap();
    assert_eq!(figures.chose, 2);
    assert_eq!(figures.no_choices, participants.len() - 2);
}

/// Three mentors are everyone's favourites, in varying orders: "No one
/// would trade" honours at least as many 1st and top-3 choices as the
/// highest total, and both figures are given side by side.
#[test]
fn with_three_favourites_stable_honours_at_least_as_many_choices_as_total() {
    let (_dir, mut store, program) = sample_cohort();
    let (figures, _) = favourites_cohort(&mut store, program.id);
    let both = compare_goals(&store, program.id, None).unwrap();
    let (total, stable) = (both.total.choices.unwrap(), both.stable.choices.unwrap());
    assert_eq!(total.chose, figures);
    assert!(stable.first >= total.first, "{stable:?} vs {total:?}");
    assert!(stable.top3 >= total.top3, "{stable:?} vs {total:?}");
    assert!(stable.first > 0 && stable.top3 >= stable.first);
    assert_eq!(
        stable.top3 + stable.not_ranked,
        stable.chose,
        "only three are ranked"
    );
}

/// Gives every participant the same three favourite mentors (rotated) as
/// their choices; returns how many chose, and the favourites' ids.
pub(super) fn favourites_cohort(store: &mut Store, program_id: i64) -> (usize, [i64; 3]) {
    let participants = list_people(store, program_id, Some(Role::Participant)).unwrap();
    let mentors = list_people(store, program_id, Some(Role::Mentor)).unwrap();
    let mut roomiest: Vec<&crate::people::Person> = mentors.iter().collect();
    roomiest.sort_by_key(|m| std::cmp::Reverse(m.places()));
    let favourites = [0, 1, 2].map(|i| roomiest[i]);
    let rows: Vec<(String, [String; 3])> = participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let f = |k: usize| favourites[(i + k) % 3].application.name.clone();
            (p.application.email.clone().unwrap(), [f(0), f(1), f(2)])
        })
        .collect();
    import_csv(store, program_id, &choices_csv(&rows));
    let problem = load_problem(store, program_id).unwrap();
    let by_participant: HashMap<usize, usize> = problem
        .choices
        .iter()
        .filter(|(_, c)| c.participant.is_some())
        .map(|(&(p, _), _)| (p, 0))
        .collect();
    assert!(problem.choices.values().all(|c| *c
        != PairChoice {
            participant: None,
            mentor: None
        }));
    (by_participant.len(), favourites.map(|m| m.id))
}
