use std::collections::HashSet;

use super::partition::{random_split, split, CircleProblem, Seeded, Split};
use crate::matching::{add_circle_criterion, run, NewCircleCriterion};
use crate::programs::{get_program, update_program, ProgramInput, Shape};
use crate::test_support::sample_cohort;

/// A random problem: points 0–99 per pair, a few pairs kept apart, maybe a lock.
fn random_problem(rng: &mut Seeded, n: usize, min: usize, max: usize) -> CircleProblem {
    let mut points = vec![0; n * n];
    let mut apart = vec![false; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let p = rng.below(100) as i64;
            points[i * n + j] = p;
            points[j * n + i] = p;
            if rng.below(12) == 0 {
                apart[i * n + j] = true;
                apart[j * n + i] = true;
            }
        }
    }
    let together = if rng.below(2) == 0 {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b && !apart[a * n + b] {
            vec![(a, b)]
        } else {
            vec![]
        }
    } else {
        vec![]
    };
    CircleProblem {
        n,
        min,
        max,
        points,
        apart,
        together,
    }
}

/// Every split of `n` people into `k` circles (restricted growth strings).
fn every_split(n: usize, k: usize) -> Vec<Vec<Vec<usize>>> {
    let mut out = Vec::new();
    let mut label = vec![0usize; n];
    fn walk(
        i: usize,
        used: usize,
        n: usize,
        k: usize,
        label: &mut Vec<usize>,
        out: &mut Vec<Vec<Vec<usize>>>,
    ) {
        if i == n {
            if used == k {
                let mut circles = vec![Vec::new(); k];
                for (p, &c) in label.iter().enumerate() {
                    circles[c].push(p);
                }
                out.push(circles);
            }
            return;
        }
        for c in 0..(used + 1).min(k) {
            label[i] = c;
            walk(i + 1, used.max(c + 1), n, k, label, out);
        }
    }
    walk(0, 0, n, k, &mut label, &mut out);
    out
}

#[test]
fn the_search_finds_the_best_split_that_brute_force_finds_on_small_cohorts() {
    let mut rng = Seeded(7);
    let mut checked = 0;
    for case in 0..40 {
        let (n, min, max) = [(8, 2, 4), (9, 3, 3), (9, 2, 4), (10, 3, 4)][case % 4];
        let problem = random_problem(&mut rng, n, min, max);
        let k = problem.circle_count();
        let best = every_split(n, k)
            .into_iter()
            .map(|circles| Split {
                circles,
                unplaced: vec![],
            })
            .filter(|s| problem.keeps_rules(s))
            .map(|s| problem.agreement(&s.circles))
            .fold(f64::MIN, f64::max);
        if best == f64::MIN {
            continue; // no split keeps every rule
        }
        let found = split(&problem, 32);
        assert!(problem.keeps_rules(&found), "case {case}: {found:?}");
        let value = problem.agreement(&found.circles);
        assert!(
            (value - best).abs() < 1e-6,
            "case {case}: found {value}, best {best}"
        );
        checked += 1;
    }
    assert!(
        checked >= 30,
        "only {checked} cases had a split keeping the rules"
    );
}

#[test]
fn circles_keep_their_sizes_rules_and_locks_and_come_out_the_same_twice() {
    let mut rng = Seeded(11);
    for (n, min, max) in [(30, 4, 6), (31, 5, 5), (47, 3, 5), (7, 4, 6)] {
        let problem = random_problem(&mut rng, n, min, max);
        let found = split(&problem, 5);
        assert!(problem.keeps_rules(&found), "{n} in {min}-{max}: {found:?}");
        let placed: HashSet<usize> = found.circles.iter().flatten().copied().collect();
        assert_eq!(placed.len() + found.unplaced.len(), n, "everyone once");
        assert_eq!(found, split(&problem, 5), "deterministic");
        // Better than chance: above the best of 50 random splits.
        let mut r = Seeded(3);
        let random = (0..200)
            .map(|_| Split {
                circles: random_split(&problem, &mut r),
                unplaced: vec![],
            })
            .filter(|s| problem.keeps_rules(s))
            .map(|s| problem.agreement(&s.circles))
            .fold(f64::MIN, f64::max);
        // (Seven people make one circle of six: chance finds the best too.)
        let ours = problem.agreement(&found.circles);
        assert!(
            ours > random || (n < 10 && ours >= random),
            "{n}: {ours} vs {random}"
        );
    }
    // 31 people in circles of exactly five: six circles, one person left.
    let problem = random_problem(&mut Seeded(1), 31, 5, 5);
    assert_eq!(split(&problem, 1).unplaced.len(), 1);
}

/// The sample cohort in a program of this shape and group size.
fn sample_in(
    shape: Shape,
    group_min: u32,
    group_max: u32,
) -> (tempfile::TempDir, crate::Store, crate::programs::Program) {
    let (dir, mut store, program) = sample_cohort();
    let input = ProgramInput {
        name: program.name.clone(),
        shape,
        group_min,
        group_max,
        ..ProgramInput::default()
    };
    let program = update_program(&mut store, program.id, &input).unwrap();
    (dir, store, program)
}

#[test]
fn group_mentoring_on_the_sample_keeps_every_group_within_its_size_and_the_mentors_places() {
    let (_d, mut store, program) = sample_in(Shape::Groups, 2, 3);
    let view = run(&mut store, program.id, crate::matching::Goal::Total).unwrap();
    assert!(!view.groups.is_empty());
    let people = crate::people::list_people(&store, program.id, None).unwrap();
    let mut seen = HashSet::new();
    for g in &view.groups {
        let mentor = g.mentor.as_ref().expect("every group has a mentor");
        let places = people.iter().find(|p| p.id == mentor.id).unwrap().places();
        let size = g.members.len() as u32;
        assert!((2..=3).contains(&size), "{}: {size}", g.name);
        assert!(size <= places, "{}: {size} > {places} places", g.name);
        for m in &g.members {
            assert!(seen.insert(m.id), "{} in two groups", m.name);
            assert!(
                view.pairs
                    .iter()
                    .any(|p| p.participant.id == m.id && p.mentor.id == mentor.id),
                "each member is paired with the group's mentor"
            );
        }
        assert!(!g.reasons.is_empty(), "{} says why", g.name);
    }
    assert_eq!(seen.len(), view.pairs.len(), "every pair is in a group");
}

#[test]
fn a_circles_program_splits_its_participants_and_says_why() {
    let (_d, mut store, program) = sample_in(Shape::Circles, 4, 6);
    let question = crate::questions::list_questions(
        &store,
        program.id,
        Some(crate::people::Role::Participant),
    )
    .unwrap()
    .into_iter()
    .find(|q| q.field.as_deref() == Some("region"))
    .expect("the sample asks the region");
    let mixed = add_circle_criterion(
        &mut store,
        program.id,
        &NewCircleCriterion {
            question: question.id.to_string(),
            compare: "mixed".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(mixed.compare, crate::matching::Compare::Mixed);
    let program = get_program(&store, program.id).unwrap();
    let view = run(&mut store, program.id, crate::matching::Goal::Total).unwrap();
    assert!(view.pairs.is_empty());
    let placed: usize = view.groups.iter().map(|g| g.members.len()).sum();
    assert_eq!(placed + view.unmatched.len(), 60);
    for g in &view.groups {
        assert!(g.mentor.is_none());
        assert!((4..=6).contains(&g.members.len()), "{}", g.name);
        assert!(
            g.reasons.iter().any(|r| r.contains("different answers")),
            "{:?}",
            g.reasons
        );
    }
    assert_eq!(program.shape, Shape::Circles);
    // Confirmed circles are kept out of the next computation; only those
    // without a circle wait, and not for a mentor.
    crate::matching::confirm(&mut store, program.id).unwrap();
    let waiting = crate::matching::waiting_list(&store, program.id).unwrap();
    let mut waiting_ids: Vec<i64> = waiting.iter().map(|w| w.participant.id).collect();
    let mut unplaced: Vec<i64> = view.unmatched.iter().map(|u| u.participant.id).collect();
    waiting_ids.sort_unstable();
    unplaced.sort_unstable();
    assert_eq!(waiting_ids, unplaced);
    assert!(waiting
        .iter()
        .all(|w| w.reason == crate::matching::waiting::NO_CIRCLE));
    let confirmed = crate::matching::confirmed_view(&store, program.id).unwrap();
    assert_eq!(confirmed.groups.len(), view.groups.len());
    assert!(run(&mut store, program.id, crate::matching::Goal::Total).is_err());
}

#[test]
fn one_librarys_people_are_kept_apart_only_when_the_program_says_so() {
    let (_d, mut store, id) = crate::test_support::program_named("Circles");
    let people: Vec<crate::people::Person> = [
        ("Ann Ely", "Ely Public Library"),
        ("Bo Ely", "ely public library"),
        ("Cy Duluth", "Duluth Public Library"),
    ]
    .iter()
    .map(|(name, library)| {
        crate::test_support::add_person(
            &mut store,
            id,
            crate::people::Role::Participant,
            name,
            library,
            &[],
            &[],
        )
    })
    .collect();
    let mut program = get_program(&store, id).unwrap();
    assert!(
        program.keep_libraries_apart,
        "kept apart unless the committee says so"
    );
    let rules = super::Rules {
        vetoes: Vec::new(),
        locks: Vec::new(),
        aliases: std::collections::HashMap::new(),
    };
    for keep in [true, false] {
        program.keep_libraries_apart = keep;
        let circles = super::build(people.clone(), Vec::new(), &program, &rules);
        let apart = &circles.problem.apart;
        assert_eq!(apart[1], keep, "Ann and Bo, one library");
        assert!(!apart[2], "Ann and Cy, two libraries");
    }
}

#[test]
fn a_circles_program_speaks_of_circles_not_of_pairs_or_mentors() {
    let (_d, store, program) = sample_in(Shape::Circles, 4, 6);
    let wrong = |text: &str| {
        let text = text.to_lowercase();
        text.contains("mentor") || text.contains("pair")
    };
    let summary = crate::programs::list_programs(&store, false)
        .unwrap()
        .into_iter()
        .find(|p| p.program.id == program.id)
        .unwrap();
    assert_eq!(summary.people_text, "60 participants in peer circles");
    assert_eq!(
        (summary.words.unit, summary.words.units),
        ("circle", "circles")
    );
    let suggested = crate::matching::suggest_criteria(&store, program.id).unwrap();
    let reasons: Vec<&str> = suggested
        .left_out
        .iter()
        .filter(|l| l.role == crate::people::Role::Participant)
        .map(|l| l.reason.as_str())
        .collect();
    assert!(!reasons.is_empty());
    for reason in &reasons {
        assert!(!wrong(reason), "{reason}");
    }
    for compare in crate::matching::Compare::ALL
        .into_iter()
        .filter(|c| c.for_circles())
    {
        assert!(!wrong(compare.circle_description()), "{compare:?}");
    }
    // A one-to-one program keeps its mentors and pairs.
    assert_eq!(
        Shape::OneToOne.people_text(1, 2),
        "1 mentor, 2 participants"
    );
    assert_eq!(Shape::OneToOne.words().units, "pairs");
    assert_eq!(Shape::Groups.words().unit, "group");
}
