//! What the total hides: how a version's pair scores are spread, its
//! weakest pairs and why they are weak, who got the mentor they asked for,
//! who is left without one, and pairs who would rather be together than
//! with the partners they were given (blocking pairs: a participant and a
//! mentor who both score higher together; the mentor has a free place, or
//! scores the participant above one of their mentees). Locked pairs count
//! as given: the committee chose them.
//!
//! Also the two goals side by side, computed but not saved, so the
//! committee sees what fairness costs before choosing.

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::Serialize;

use super::choices::ChoiceFigures;
use super::history::diff_versions;
use super::problem::{Goal, Problem};
use super::score::points;
use super::solve::{load_problem, load_problem_weighted, solve_for, Solution};
use super::versions::{version_view, version_weights, MatchView, UnmatchedView};
use super::{PersonRef, VersionChange};
use crate::error::{Error, Result};
use crate::programs::{set_setting, setting};
use crate::store::Store;

/// Scores are grouped in this many bars, from the lowest to the highest.
const BARS: usize = 10;
/// How many weakest pairs are listed with their reasons.
const LISTED: usize = 10;
/// Until the committee sets it, a pair is weak below this share of the
/// most a pair can score under the program's criteria.
const DEFAULT_WEAK_SHARE: f64 = 0.3;
const WEAK_KEY: &str = "weak_pair_below";

/// The quality of one computed version (or of a computation not saved).
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    /// None for a computation that was not saved (the goal comparison).
    pub version_id: Option<i64>,
    pub goal: Goal,
    pub pairs: usize,
    pub total_score: f64,
    pub lowest: f64,
    pub median: f64,
    pub highest: f64,
    /// The most a pair can score under the criteria the forms ask.
    pub most_points: f64,
    /// Pairs per score band, lowest band first (equal widths over lowest..highest).
    pub histogram: Vec<Bar>,
    /// Pairs scoring below this are weak (the committee's threshold).
    pub weak_below: f64,
    pub weak_pairs: usize,
    /// The weakest pairs, weakest first, with the reasons they are weak.
    pub weakest: Vec<WeakPair>,
    /// Participants who got a mentor they asked for, of those who asked.
    pub got_requested: usize,
    pub asked: usize,
    /// Participants without a mentor, and why.
    pub unmatched: Vec<UnmatchedView>,
    /// Every pair who would both rather be together, largest gain first
    /// (by score; under "No one would trade", by the preferences people stated).
    pub would_rather_swap: Vec<Swap>,
    /// How "would rather" is judged, in the committee's words (by score, or
    /// under "No one would trade" by the preferences people stated).
    pub would_rather_by: &'static str,
    /// How many participants' ranked choices the pairing honours (None when nobody stated choices).
    pub choices: Option<ChoiceFigures>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub from: f64,
    pub to: f64,
    pub pairs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeakPair {
    pub participant: PersonRef,
    pub mentor: PersonRef,
    pub score: f64,
    pub locked: bool,
    /// What the pair lacks, in words ("No area in common").
    pub reasons: Vec<String>,
}

/// A participant and a mentor who would both do better together.
#[derive(Debug, Clone, Serialize)]
pub struct Swap {
    pub participant: PersonRef,
    pub mentor: PersonRef,
    /// Their score together.
    pub score: f64,
    /// The participant's score with the mentor they were given (0 when none).
    pub participant_now: f64,
    /// The mentor's weakest mentee they could let go (None when they have a free place).
    pub mentor_now: Option<f64>,
    /// How much higher the participant scores with this mentor than now.
    pub gain: f64,
}

/// Both goals computed on the same applications, rules and locks.
#[derive(Debug, Clone, Serialize)]
pub struct GoalComparison {
    pub total: Quality,
    pub fairest: Quality,
    pub stable: Quality,
    /// Participants whose mentor differs between the highest total and the fairest.
    pub different_pairs: usize,
    /// Participants whose mentor differs between the highest total and "no one would trade".
    pub stable_different_pairs: usize,
}

/// Two saved versions' pairs and quality.
#[derive(Debug, Clone, Serialize)]
pub struct VersionComparison {
    pub before: Quality,
    pub after: Quality,
    pub changes: Vec<VersionChange>,
}

/// The quality of a computed version (the current proposal when `version`
/// is None), with pairs below `weak_below` (else the program's threshold) weak.
pub fn quality(
    store: &Store,
    program_id: i64,
    version: Option<i64>,
    weak_below: Option<f64>,
) -> Result<Quality> {
    let version_id = match version {
        Some(id) => id,
        None => proposal_id(store, program_id)?,
    };
    let view = version_view(store, program_id, version_id)?;
    // Scored as the version was computed: its weights, today's rules.
    let problem = match version_weights(store, program_id, version_id)? {
        Some(weights) => load_problem_weighted(store, program_id, weights)?,
        None => load_problem(store, program_id)?,
    };
    let weak_below = match weak_below {
        Some(w) => w,
        None => weak_threshold_of(store, program_id, &problem)?,
    };
    Ok(quality_of(
        &problem,
        &Placement::of_view(&problem, &view),
        weak_below,
    ))
}

fn proposal_id(store: &Store, program_id: i64) -> Result<i64> {
    super::current_view(store, program_id)?
        .filter(|v| v.status == "proposal")
        .and_then(|v| v.version_id)
        .ok_or_else(|| {
            Error::Invalid(
                "There is no proposal to look at yet. Compute matches first (matchbook match run)."
                    .into(),
            )
        })
}

/// Computes every goal without saving any, for the side-by-side view.
pub fn compare_goals(
    store: &Store,
    program_id: i64,
    weak_below: Option<f64>,
) -> Result<GoalComparison> {
    let problem = load_problem(store, program_id)?;
    if problem.participants.is_empty() || problem.mentors.is_empty() {
        return Err(Error::Invalid(
            "There is nobody left to match: both goals need participants without a confirmed mentor, and mentors."
                .into(),
        ));
    }
    let weak_below = match weak_below {
        Some(w) => w,
        None => weak_threshold_of(store, program_id, &problem)?,
    };
    let total = solve_for(&problem, Goal::Total)?;
    let fairest = solve_for(&problem, Goal::Fairest)?;
    let stable = solve_for(&problem, Goal::Stable)?;
    let mentor_of = |s: &Solution| -> HashMap<usize, usize> {
        s.pairs.iter().map(|&(p, m, _)| (p, m)).collect()
    };
    let different = |x: &Solution, y: &Solution| {
        let (a, b) = (mentor_of(x), mentor_of(y));
        (0..problem.participants.len())
            .filter(|p| a.get(p) != b.get(p))
            .count()
    };
    let measured =
        |s: &Solution| quality_of(&problem, &Placement::of_solution(&problem, s), weak_below);
    Ok(GoalComparison {
        different_pairs: different(&total, &fairest),
        stable_different_pairs: different(&total, &stable),
        total: measured(&total),
        fairest: measured(&fairest),
        stable: measured(&stable),
    })
}

/// Two versions' quality figures and the participants whose mentor changed.
pub fn compare_versions(
    store: &Store,
    program_id: i64,
    before: i64,
    after: i64,
) -> Result<VersionComparison> {
    Ok(VersionComparison {
        before: quality(store, program_id, Some(before), None)?,
        after: quality(store, program_id, Some(after), None)?,
        changes: diff_versions(store, program_id, before, after)?,
    })
}

/// The score below which the program's pairs count as weak.
pub fn weak_threshold(store: &Store, program_id: i64) -> Result<f64> {
    let problem = load_problem(store, program_id)?;
    weak_threshold_of(store, program_id, &problem)
}

fn weak_threshold_of(store: &Store, program_id: i64, problem: &Problem) -> Result<f64> {
    let saved = setting(store, program_id, WEAK_KEY)?.and_then(|j| j.parse::<f64>().ok());
    Ok(saved.unwrap_or_else(|| (problem.most_points() * DEFAULT_WEAK_SHARE).round()))
}

/// Sets the score below which pairs count as weak.
pub fn set_weak_threshold(store: &mut Store, program_id: i64, below: f64) -> Result<f64> {
    if !below.is_finite() || below < 0.0 {
        return Err(Error::Invalid(format!(
            "A weak-pair threshold must be a score of 0 or more, not {below}."
        )));
    }
    let below = (below * 10.0).round() / 10.0;
    set_setting(store, program_id, WEAK_KEY, &below)?;
    Ok(below)
}

/// The pairs of a version (saved or not) as the quality figures read them.
pub(super) struct Placement {
    pairs: Vec<Placed>,
    unmatched: Vec<UnmatchedView>,
    version_id: Option<i64>,
    goal: Goal,
}

struct Placed {
    /// Table indices; None for a pair whose participant has been confirmed
    /// with someone since (it is counted, not analysed).
    at: Option<(usize, usize)>,
    participant: PersonRef,
    mentor: PersonRef,
    tenths: i64,
    locked: bool,
}

impl Placement {
    pub(super) fn of_solution(problem: &Problem, solution: &Solution) -> Placement {
        Placement {
            pairs: solution
                .pairs
                .iter()
                .map(|&(p, m, locked)| Placed {
                    at: Some((p, m)),
                    participant: PersonRef::of(&problem.participants[p]),
                    mentor: PersonRef::of(&problem.mentors[m]),
                    tenths: problem.cell(p, m).total_tenths(),
                    locked,
                })
                .collect(),
            unmatched: solution
                .unmatched
                .iter()
                .map(|(p, reason)| UnmatchedView {
                    participant: PersonRef::of(&problem.participants[*p]),
                    reason: reason.clone(),
                })
                .collect(),
            version_id: None,
            goal: solution.goal,
        }
    }

    fn of_view(problem: &Problem, view: &MatchView) -> Placement {
        Placement {
            pairs: view
                .pairs
                .iter()
                .map(|pair| Placed {
                    at: problem
                        .participant_index(pair.participant.id)
                        .zip(problem.mentor_index(pair.mentor.id)),
                    participant: pair.participant.clone(),
                    mentor: pair.mentor.clone(),
                    tenths: (pair.score * 10.0).round() as i64,
                    locked: pair.locked,
                })
                .collect(),
            unmatched: view.unmatched.clone(),
            version_id: view.version_id,
            goal: view.goal,
        }
    }
}

pub(super) fn quality_of(problem: &Problem, placement: &Placement, weak_below: f64) -> Quality {
    let mut tenths: Vec<i64> = placement.pairs.iter().map(|p| p.tenths).collect();
    tenths.sort_unstable();
    let (lowest, highest) = (
        tenths.first().copied().unwrap_or(0),
        tenths.last().copied().unwrap_or(0),
    );
    let median = match tenths.len() {
        0 => 0.0,
        n if n % 2 == 1 => points(tenths[n / 2]),
        n => (points(tenths[n / 2 - 1]) + points(tenths[n / 2])) / 2.0,
    };
    let weak_tenths = (weak_below * 10.0).round() as i64;

    let mut weakest: Vec<&Placed> = placement.pairs.iter().collect();
    weakest.sort_by(|a, b| {
        a.tenths
            .cmp(&b.tenths)
            .then(a.participant.name.cmp(&b.participant.name))
    });
    // A pair with every point there is to score is nobody's weakest.
    let most = problem.most_points();
    let weakest = weakest
        .into_iter()
        .filter(|pair| points(pair.tenths) < most)
        .take(LISTED)
        .map(|pair| WeakPair {
            participant: pair.participant.clone(),
            mentor: pair.mentor.clone(),
            score: points(pair.tenths),
            locked: pair.locked,
            reasons: pair
                .at
                .map(|(p, m)| problem.shortfalls(p, m))
                .unwrap_or_default(),
        })
        .collect();

    let placed: Vec<(usize, usize, bool)> = placement
        .pairs
        .iter()
        .filter_map(|pair| pair.at.map(|(p, m)| (p, m, pair.locked)))
        .collect();
    let asked: Vec<usize> = (0..problem.participants.len())
        .filter(|&p| (0..problem.mentors.len()).any(|m| problem.cell(p, m).requested))
        .collect();
    let got_requested = placed
        .iter()
        .filter(|&&(p, m, _)| problem.cell(p, m).requested)
        .count();
    let mut quality = Quality {
        version_id: placement.version_id,
        goal: placement.goal,
        pairs: placement.pairs.len(),
        total_score: points(tenths.iter().sum()),
        lowest: points(lowest),
        median,
        highest: points(highest),
        most_points: problem.most_points(),
        histogram: histogram(&tenths, lowest, highest),
        weak_below,
        weak_pairs: tenths.iter().filter(|&&t| t < weak_tenths).count(),
        weakest,
        got_requested,
        asked: asked.len(),
        unmatched: placement.unmatched.clone(),
        would_rather_swap: blocking_pairs(problem, &placed, placement.goal),
        would_rather_by: if placement.goal == Goal::Stable {
            "A participant and a mentor who would both rather be together than with the partners they were given, by the preferences they stated: ranked choices first, then score (locked pairs count as given)."
        } else {
            "A participant and a mentor who would both score higher together than with the partners they were given (locked pairs count as given)."
        },
        choices: (!problem.choices.is_empty()).then(|| {
            let ranks: HashMap<(i64, i64), u8> = problem
                .choices
                .iter()
                .filter_map(|(&(p, m), c)| {
                    let ids = (problem.participants[p].id, problem.mentors[m].id);
                    c.participant.map(|rank| (ids, rank))
                })
                .collect();
            let mut mentor_of: HashMap<i64, i64> = HashMap::new();
            for pair in &placement.pairs {
                mentor_of.insert(pair.participant.id, pair.mentor.id);
            }
            ChoiceFigures::count(
                problem
                    .participants
                    .iter()
                    .map(|p| (p.id, mentor_of.get(&p.id).copied())),
                &ranks,
            )
        }),
    };
    name_where_emails_are_shared(problem, &mut quality);
    quality
}

/// An email several people gave (a stand-in like none@none.com, a shared
/// office address) names nobody: such people are named by their name.
fn name_where_emails_are_shared(problem: &Problem, q: &mut Quality) {
    let mut givers: HashMap<String, usize> = HashMap::new();
    for person in problem.participants.iter().chain(&problem.mentors) {
        if let Some(email) = &person.application.email {
            *givers.entry(email.trim().to_lowercase()).or_default() += 1;
        }
    }
    let fix = |who: &mut PersonRef| {
        let shared = who.email.as_deref().is_some_and(|e| {
            givers.get(&e.trim().to_lowercase()).copied().unwrap_or(0) > 1
                || crate::identity::is_placeholder_email(e)
        });
        if shared {
            who.email = None;
        }
    };
    for pair in &mut q.weakest {
        fix(&mut pair.participant);
        fix(&mut pair.mentor);
    }
    for swap in &mut q.would_rather_swap {
        fix(&mut swap.participant);
        fix(&mut swap.mentor);
    }
    for u in &mut q.unmatched {
        fix(&mut u.participant);
    }
}

fn histogram(sorted_tenths: &[i64], lowest: i64, highest: i64) -> Vec<Bar> {
    let width = ((highest - lowest) as f64 / BARS as f64).max(f64::EPSILON);
    let mut bars: Vec<Bar> = (0..BARS)
        .map(|b| Bar {
            from: points(lowest) + width * b as f64 / 10.0,
            to: points(lowest) + width * (b + 1) as f64 / 10.0,
            pairs: 0,
        })
        .collect();
    for &t in sorted_tenths {
        let b = (((t - lowest) as f64 / width) as usize).min(BARS - 1);
        bars[b].pairs += 1;
    }
    bars
}

/// Every allowed participant–mentor pair who would both rather be together:
/// the participant (not locked to their mentor) prefers this mentor to
/// their own, and the mentor has a free place or an unlocked mentee they
/// prefer less. Under "No one would trade" people prefer as they stated
/// (choices first, then score: [`Problem::participant_key`]); otherwise by
/// score, and a participant without a mentor would rather have one who
/// scores above 0 with them. Largest gain first.
pub(super) fn blocking_pairs(
    problem: &Problem,
    placed: &[(usize, usize, bool)],
    goal: Goal,
) -> Vec<Swap> {
    let stated = goal == Goal::Stable;
    let score = |p: usize, m: usize| problem.cell(p, m).total_tenths();
    let participant_key = |p: usize, m: usize| {
        if stated {
            problem.participant_key(p, m)
        } else {
            (0, Reverse(score(p, m)))
        }
    };
    let mentor_key = |p: usize, m: usize| {
        if stated {
            problem.mentor_key(p, m)
        } else {
            (0, Reverse(score(p, m)))
        }
    };
    let np = problem.participants.len();
    let nm = problem.mentors.len();
    let mut mentor_of: Vec<Option<(usize, bool)>> = vec![None; np];
    let mut taken = vec![0u32; nm];
    // The mentee each mentor prefers least and could let go (locked ones stay).
    let mut least_free: Vec<Option<usize>> = vec![None; nm];
    for &(p, m, locked) in placed {
        mentor_of[p] = Some((m, locked));
        taken[m] += 1;
        if !locked && least_free[m].is_none_or(|q| mentor_key(p, m) > mentor_key(q, m)) {
            least_free[m] = Some(p);
        }
    }
    let mut swaps = Vec::new();
    for (p, given) in mentor_of.iter().enumerate() {
        if given.is_some_and(|(_, locked)| locked) {
            continue;
        }
        let now = given.map_or(0, |(m, _)| score(p, m));
        for m in 0..nm {
            if problem.cell(p, m).forbidden.is_some() || given.map(|g| g.0) == Some(m) {
                continue;
            }
            let together = score(p, m);
            let better = match given {
                Some((g, _)) => participant_key(p, m) < participant_key(p, *g),
                None => stated || together > 0,
            };
            if !better {
                continue;
            }
            let has_room = taken[m] < problem.capacity[m];
            let would_let_go = least_free[m].filter(|&q| mentor_key(p, m) < mentor_key(q, m));
            if has_room || would_let_go.is_some() {
                swaps.push(Swap {
                    participant: PersonRef::of(&problem.participants[p]),
                    mentor: PersonRef::of(&problem.mentors[m]),
                    score: points(together),
                    participant_now: points(now),
                    mentor_now: if has_room {
                        None
                    } else {
                        would_let_go.map(|q| points(score(q, m)))
                    },
                    gain: points(together - now),
                });
            }
        }
    }
    swaps.sort_by(|a, b| {
        b.gain
            .total_cmp(&a.gain)
            .then(a.participant.name.cmp(&b.participant.name))
            .then(a.mentor.name.cmp(&b.mentor.name))
    });
    swaps
}
