use super::problem::Cell;
use super::score::{Features, Interner, PairScore};
use super::*;
use crate::identity::find_person;
use crate::people::{get_person, Application, Role};
use crate::test_support::{add_person, program_named, sample_cohort};

pub(super) struct Rng(pub u64);
impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn person(id: i64, role: Role) -> Person {
    Person {
        id,
        program_id: 1,
        role,
        application: Application {
            name: format!("{} {id}", role.as_str()),
            ..Application::default()
        },
        flags: vec![],
        capacity_agreed: None,
    }
}

/// A problem with random scores, forbidden pairs, capacities and locks.
fn random_problem(rng: &mut Rng) -> Problem {
    random_problem_of(rng, 5, 4, false)
}

/// Up to `most_p` participants and `most_m` mentors; scores from four
/// values (ties everywhere, as with real applications) or, `spread`, sixteen.
pub(super) fn random_problem_of(rng: &mut Rng, most_p: u64, most_m: u64, spread: bool) -> Problem {
    let np = 1 + rng.below(most_p) as usize;
    let nm = 1 + rng.below(most_m) as usize;
    let cells = (0..np * nm)
        .map(|_| {
            let mut score = PairScore::default();
            score.tenths[0] = if spread {
                rng.below(16) as u16 * 10
            } else {
                [0, 50, 100, 150][rng.below(4) as usize]
            };
            Cell {
                score,
                custom: 0,
                requested: false,
                forbidden: (rng.below(4) == 0).then_some(0),
            }
        })
        .collect::<Vec<_>>();
    let capacity: Vec<u32> = (0..nm).map(|_| rng.below(3) as u32).collect();
    // Sometimes a lock on a pair a rule has ruled out since (a veto or a
    // re-import after locking): it must not be made.
    let mut locks = Vec::new();
    if rng.below(3) == 0 {
        let (p, m) = (rng.below(np as u64) as usize, rng.below(nm as u64) as usize);
        locks.push((p, m));
    }
    Problem {
        program_id: 1,
        weights: Weights::default(),
        waiting: vec![None; np],
        left_out: vec![],
        participants: (0..np as i64)
            .map(|i| person(i + 1, Role::Participant))
            .collect(),
        mentors: (0..nm as i64)
            .map(|i| person(100 + i, Role::Mentor))
            .collect(),
        offered: capacity.clone(),
        capacity,
        cells,
        reasons: vec!["Same library: X".into()],
        locks,
        rules_behind_vetoes: Default::default(),
        unknown_names: vec![],
        choices: Default::default(),
        choice_shares: super::choices::DEFAULT_SHARES,
        features: vec![Features::default(); np + nm],
        interner: Interner::default(),
        custom: Default::default(),
    }
}

/// Best (total, matched) over every assignment that respects the rules:
/// locked pairs placed first (while their mentor has room), then every way
/// of placing or not placing the others.
fn brute_force(problem: &Problem) -> (i64, usize) {
    fn go(
        pr: &Problem,
        p: usize,
        fixed: &[bool],
        left: &mut Vec<u32>,
        total: i64,
        n: usize,
        best: &mut (i64, usize),
    ) {
        if p == pr.participants.len() {
            *best = (*best).max((total, n));
            return;
        }
        if fixed[p] {
            return go(pr, p + 1, fixed, left, total, n, best);
        }
        for m in 0..pr.mentors.len() {
            let cell = pr.cell(p, m);
            if cell.forbidden.is_some() || left[m] == 0 {
                continue;
            }
            left[m] -= 1;
            go(
                pr,
                p + 1,
                fixed,
                left,
                total + cell.score.total_tenths(),
                n + 1,
                best,
            );
            left[m] += 1;
        }
        go(pr, p + 1, fixed, left, total, n, best);
    }
    let mut left = problem.capacity.clone();
    let mut fixed = vec![false; problem.participants.len()];
    let (mut total, mut n) = (0, 0);
    for &(p, m) in &problem.locks {
        fixed[p] = true;
        if left[m] > 0 && problem.cell(p, m).forbidden.is_none() {
            left[m] -= 1;
            total += problem.cell(p, m).score.total_tenths();
            n += 1;
        }
    }
    let mut best = (i64::MIN, 0);
    go(problem, 0, &fixed, &mut left, total, n, &mut best);
    best
}

#[test]
fn solutions_are_optimal_and_respect_every_rule_on_random_problems() {
    let mut rng = Rng(0x5EED);
    for case in 0..2_000 {
        let problem = random_problem(&mut rng);
        let solution = solve(&problem).unwrap();
        let total: i64 = solution
            .pairs
            .iter()
            .map(|&(p, m, _)| problem.cell(p, m).score.total_tenths())
            .sum();
        assert_eq!(total, solution.total_tenths, "case {case}");
        assert_eq!(
            (total, solution.pairs.len()),
            brute_force(&problem),
            "case {case}: optimum (score, then matched)"
        );
        for &(p, m, locked) in &solution.pairs {
            assert!(
                problem.cell(p, m).forbidden.is_none(),
                "case {case}: forbidden pair chosen"
            );
            assert_eq!(locked, problem.locks.contains(&(p, m)));
        }
        for (m, &cap) in problem.capacity.iter().enumerate() {
            let used = solution.pairs.iter().filter(|x| x.1 == m).count() as u32;
            assert!(used <= cap, "case {case}: capacity of mentor {m}");
        }
        for &(p, m) in &problem.locks {
            if problem.capacity[m] > 0 && problem.cell(p, m).forbidden.is_none() {
                assert!(
                    solution.pairs.contains(&(p, m, true)),
                    "case {case}: lock kept"
                );
            }
        }
        assert_eq!(
            solution.pairs.len() + solution.unmatched.len(),
            problem.participants.len(),
            "case {case}: every participant accounted for"
        );
        let again = solve(&problem).unwrap();
        assert_eq!(again.pairs, solution.pairs, "case {case}: deterministic");
    }
}

/// Calls `visit` with every assignment that respects the rules: locked
/// pairs placed first (while their mentor has room and no rule forbids
/// them), then every way of placing or not placing the others.
/// Pairs (participant, mentor, locked), as [`Solution::pairs`].
type Pairs = [(usize, usize, bool)];

fn every_assignment(problem: &Problem, visit: &mut dyn FnMut(&Pairs)) {
    fn go(
        pr: &Problem,
        p: usize,
        fixed: &[bool],
        left: &mut Vec<u32>,
        pairs: &mut Vec<(usize, usize, bool)>,
        visit: &mut dyn FnMut(&Pairs),
    ) {
        if p == pr.participants.len() {
            return visit(pairs);
        }
        if !fixed[p] {
            for m in 0..pr.mentors.len() {
                if pr.cell(p, m).forbidden.is_some() || left[m] == 0 {
                    continue;
                }
                left[m] -= 1;
                pairs.push((p, m, false));
                go(pr, p + 1, fixed, left, pairs, visit);
                pairs.pop();
                left[m] += 1;
            }
        }
        go(pr, p + 1, fixed, left, pairs, visit);
    }
    let mut left = problem.capacity.clone();
    let mut fixed = vec![false; problem.participants.len()];
    let mut pairs = Vec::new();
    for &(p, m) in &problem.locks {
        fixed[p] = true;
        if left[m] > 0 && problem.cell(p, m).forbidden.is_none() {
            left[m] -= 1;
            pairs.push((p, m, true));
        }
    }
    go(problem, 0, &fixed, &mut left, &mut pairs, visit);
}

/// (lowest pair, total, matched) of an assignment; lowest is i64::MAX without pairs.
fn figures(problem: &Problem, pairs: &[(usize, usize, bool)]) -> (i64, i64, usize) {
    let scores = pairs
        .iter()
        .map(|&(p, m, _)| problem.cell(p, m).total_tenths());
    (
        scores.clone().min().unwrap_or(i64::MAX),
        scores.sum(),
        pairs.len(),
    )
}

#[test]
fn the_fairest_goal_raises_the_lowest_pair_as_far_as_brute_force_can() {
    let mut rng = Rng(0xFA1E);
    let mut raised = 0;
    for case in 0..1_500 {
        let problem = random_problem_of(&mut rng, 7, 4, case % 2 == 0);
        // Brute force: the highest total's matched count, then among every
        // assignment matching at least that many, the best (lowest, total, matched).
        let mut best_total = (i64::MIN, 0);
        every_assignment(&problem, &mut |pairs| {
            let (_, total, n) = figures(&problem, pairs);
            best_total = best_total.max((total, n));
        });
        let mut best_fair = (i64::MIN, i64::MIN, 0);
        every_assignment(&problem, &mut |pairs| {
            let f = figures(&problem, pairs);
            if f.2 >= best_total.1 {
                best_fair = best_fair.max(f);
            }
        });
        let total = solve_for(&problem, Goal::Total).unwrap();
        let fairest = solve_for(&problem, Goal::Fairest).unwrap();
        assert_eq!(fairest.goal, Goal::Fairest);
        let (t, f) = (
            figures(&problem, &total.pairs),
            figures(&problem, &fairest.pairs),
        );
        assert_eq!((t.1, t.2), best_total, "case {case}: highest total");
        assert_eq!(
            f, best_fair,
            "case {case}: fairest (lowest, total, matched)"
        );
        assert_eq!(f.1, fairest.total_tenths, "case {case}: total kept");
        assert!(f.2 >= t.2, "case {case}: fairness leaves nobody out");
        for &(p, m, _) in &fairest.pairs {
            assert!(problem.cell(p, m).forbidden.is_none(), "case {case}");
        }
        for &(p, m) in &problem.locks {
            if problem.capacity[m] > 0 && problem.cell(p, m).forbidden.is_none() {
                assert!(
                    fairest.pairs.contains(&(p, m, true)),
                    "case {case}: lock kept"
                );
            }
        }
        assert_eq!(
            fairest.pairs.len() + fairest.unmatched.len(),
            problem.participants.len(),
            "case {case}: every participant accounted for"
        );
        if f.0 > t.0 {
            raised += 1;
        }
    }
    assert!(
        raised >= 20,
        "the cases must include some the goal changes: {raised}"
    );
}

#[test]
fn would_rather_swap_lists_exactly_the_blocking_pairs() {
    let mut rng = Rng(0xB10C);
    let mut found = 0;
    for case in 0..1_500 {
        let problem = random_problem_of(&mut rng, 7, 4, true);
        let goal = if case % 2 == 0 {
            Goal::Total
        } else {
            Goal::Fairest
        };
        let solution = solve_for(&problem, goal).unwrap();
        let pairs = &solution.pairs;
        let score = |p: usize, m: usize| problem.cell(p, m).total_tenths();
        // The definition, pair by pair.
        let mut expected = Vec::new();
        for p in 0..problem.participants.len() {
            let given = pairs.iter().find(|x| x.0 == p);
            if given.is_some_and(|x| x.2) {
                continue; // locked: the committee chose it
            }
            let now = given.map_or(0, |x| score(p, x.1));
            for m in 0..problem.mentors.len() {
                if problem.cell(p, m).forbidden.is_some() || given.map(|x| x.1) == Some(m) {
                    continue;
                }
                let together = score(p, m);
                let theirs: Vec<&(usize, usize, bool)> =
                    pairs.iter().filter(|x| x.1 == m).collect();
                let room = (theirs.len() as u32) < problem.capacity[m];
                let would_let_go = theirs.iter().any(|x| !x.2 && score(x.0, m) < together);
                if together > now && (room || would_let_go) {
                    expected.push((p, m));
                }
            }
        }
        let mut listed: Vec<(usize, usize)> =
            super::quality::blocking_pairs(&problem, pairs, Goal::Total)
                .iter()
                .map(|s| {
                    (
                        problem.participant_index(s.participant.id).unwrap(),
                        problem.mentor_index(s.mentor.id).unwrap(),
                    )
                })
                .collect();
        listed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(listed, expected, "case {case}");
        found += listed.len();
    }
    assert!(
        found > 100,
        "the cases must include blocking pairs: {found}"
    );
}

/// "No one would trade": on random problems with locks, vetoes and
/// capacities, the stable goal leaves no pair who would rather swap (by
/// score, as the quality panel counts them), keeps every lock and rule, and
/// accounts for every participant.
#[test]
fn the_stable_goal_leaves_nobody_who_would_rather_swap() {
    let mut rng = Rng(0x57AB1E);
    for case in 0..800 {
        let problem = random_problem_of(&mut rng, 7, 4, true);
        let stable = solve_for(&problem, Goal::Stable).unwrap();
        assert_eq!(stable.goal, Goal::Stable);
        // A participant whose lock failed waits for the committee, by design.
        let locked: Vec<i64> = problem
            .locks
            .iter()
            .map(|&(p, _)| problem.participants[p].id)
            .collect();
        let blocking: Vec<(String, String)> =
            super::quality::blocking_pairs(&problem, &stable.pairs, Goal::Stable)
                .into_iter()
                .filter(|s| !locked.contains(&s.participant.id))
                .map(|s| (s.participant.name, s.mentor.name))
                .collect();
        assert!(
            blocking.is_empty(),
            "case {case}: {:?} blocked by {blocking:?}",
            stable.pairs
        );
        for &(p, m, _) in &stable.pairs {
            assert!(problem.cell(p, m).forbidden.is_none(), "case {case}");
        }
        for &(p, m) in &problem.locks {
            if problem.capacity[m] > 0 && problem.cell(p, m).forbidden.is_none() {
                assert!(
                    stable.pairs.contains(&(p, m, true)),
                    "case {case}: lock kept"
                );
            }
        }
        let mut load = vec![0u32; problem.mentors.len()];
        for &(_, m, _) in &stable.pairs {
            load[m] += 1;
        }
        assert!(
            load.iter().zip(&problem.capacity).all(|(l, c)| l <= c),
            "case {case}"
        );
        assert_eq!(
            stable.pairs.len() + stable.unmatched.len(),
            problem.participants.len(),
            "case {case}: every participant accounted for"
        );
    }
}

fn sample() -> (tempfile::TempDir, Store, i64) {
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
fn empty_program(name: &str) -> (tempfile::TempDir, Store, i64) {
    program_named(name)
}

/// A mentor or participant who wrote nothing about other people.
fn mentor(store: &mut Store, program_id: i64, name: &str, library: &str) -> Person {
    add_person(store, program_id, Role::Mentor, name, library, &[], &[])
}

fn participant(store: &mut Store, program_id: i64, name: &str, library: &str) -> Person {
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
