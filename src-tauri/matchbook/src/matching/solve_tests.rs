//! The solver and the goals checked against brute force over every
//! assignment of small random problems: optimal totals, the fairest floor,
//! blocking pairs and the stable goal.

use super::problem::Cell;
use super::score::{Features, Interner, PairScore};
use super::*;
use crate::people::{Application, Role};

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
