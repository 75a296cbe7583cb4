//! Peer circles: participants only, split into circles of the program's
//! group size so that the committee's criteria between members (the same
//! answer, shared options, close numbers, or deliberately mixed) agree as
//! much as possible inside each circle. The hard rules of pairs hold
//! between members too: people who named each other to avoid, the same
//! library (with its aliases; unless the program lets one library share a
//! circle), a committee veto; a committee lock keeps two
//! people in one circle. Each circle says why its members are together.

mod answers;
pub mod partition;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use self::answers::{circle_reasons, Answers};
use self::partition::{split, CircleProblem};
use super::circle_criteria::circle_criteria;
use super::criteria::CustomCriterion;
use super::facts::load_facts;
use super::groups::{in_confirmed_circles, save_groups, NewGroup};
use super::names::{library_key, NameIndex};
use super::problem::Goal;
use super::score::{points, Weights};
use super::versions::{current_view, save_version, MatchView};
use crate::error::{Error, Result};
use crate::people::Person;
use crate::programs::Program;
use crate::store::Store;

/// The seed of every split: the same program gives the same circles.
const SEED: u64 = 0x6d61_7463_6862_6f6b;

/// A program's circles problem: the people, their answers and the rules.
pub struct Circles {
    pub people: Vec<Person>,
    pub criteria: Vec<CustomCriterion>,
    pub problem: CircleProblem,
    answers: Answers,
    /// Why two people are kept apart, by index pair (smaller first).
    apart_why: HashMap<(usize, usize), String>,
}

/// Reads a program's participants still to place and builds the problem.
pub fn load_circles(store: &Store, program: &Program) -> Result<Circles> {
    let facts = load_facts(store, program.id)?;
    let placed: HashSet<i64> = in_confirmed_circles(store, program.id)?
        .into_iter()
        .collect();
    let people: Vec<Person> = facts
        .participants
        .into_iter()
        .filter(|p| !placed.contains(&p.id))
        .collect();
    let criteria = circle_criteria(store, program.id)?;
    let rules = Rules {
        vetoes: facts.vetoes.keys().copied().collect(),
        locks: facts.lock_ids,
        aliases: facts.aliases,
    };
    Ok(build(people, criteria, program, &rules))
}

/// The committee's rules between people, by id.
pub struct Rules {
    pub vetoes: Vec<(i64, i64)>,
    pub locks: Vec<(i64, i64)>,
    pub aliases: HashMap<String, String>,
}

/// Builds the problem (pure): pair points from the criteria, people kept
/// apart and together from the rules.
pub fn build(
    people: Vec<Person>,
    criteria: Vec<CustomCriterion>,
    program: &Program,
    rules: &Rules,
) -> Circles {
    let n = people.len();
    let answers = Answers::read(&people, &criteria);
    let mut points = vec![0i64; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let p = answers.pair_tenths(i, j);
            points[i * n + j] = p;
            points[j * n + i] = p;
        }
    }
    let index_of: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut apart_why: HashMap<(usize, usize), String> = HashMap::new();
    let mut keep_apart = |i: usize, j: usize, why: String| {
        if i != j {
            apart_why.entry((i.min(j), i.max(j))).or_insert(why);
        }
    };
    let names = NameIndex::new(people.iter().map(|p| {
        (
            p.application.name.as_str(),
            p.application.preferred_name.as_str(),
            p.application.email.as_deref(),
        )
    }));
    for (i, p) in people.iter().enumerate() {
        for typed in &p.application.lists.avoid {
            for j in names.find(typed) {
                keep_apart(
                    i,
                    j,
                    format!(
                        "{} asked not to be with {}",
                        p.application.name, people[j].application.name
                    ),
                );
            }
        }
    }
    let library = |p: &Person| {
        let key = library_key(&p.application.library);
        rules.aliases.get(&key).cloned().unwrap_or(key)
    };
    let mut by_library: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        let key = library(p);
        // The committee may let people of one library share a circle.
        if !key.is_empty() && program.keep_libraries_apart {
            by_library.entry(key).or_default().push(i);
        }
    }
    for same in by_library.values() {
        for (a, &i) in same.iter().enumerate() {
            for &j in &same[a + 1..] {
                keep_apart(
                    i,
                    j,
                    format!("Same library: {}", people[i].application.library.trim()),
                );
            }
        }
    }
    for (a, b) in &rules.vetoes {
        if let (Some(&i), Some(&j)) = (index_of.get(a), index_of.get(b)) {
            keep_apart(i, j, "Vetoed by the committee".to_string());
        }
    }
    let together: Vec<(usize, usize)> = rules
        .locks
        .iter()
        .filter_map(|(a, b)| Some((*index_of.get(a)?, *index_of.get(b)?)))
        .collect();
    let mut apart = vec![false; n * n];
    for &(i, j) in apart_why.keys() {
        // A lock is the committee's word: it lifts a rule between the two.
        if together.contains(&(i, j)) || together.contains(&(j, i)) {
            continue;
        }
        apart[i * n + j] = true;
        apart[j * n + i] = true;
    }
    Circles {
        problem: CircleProblem {
            n,
            min: program.group_min as usize,
            max: program.group_max as usize,
            points,
            apart,
            together,
        },
        people,
        criteria,
        answers,
        apart_why,
    }
}

impl Circles {
    /// The best split found, as groups with their reasons, and who is left
    /// out with why.
    pub fn solve(&self) -> (Vec<NewGroup>, Vec<(i64, String)>) {
        let found = split(&self.problem, SEED);
        let n = self.problem.n;
        let groups = found
            .circles
            .iter()
            .map(|members| {
                let mut reasons = circle_reasons(&self.answers, &self.criteria, members);
                for (a, &i) in members.iter().enumerate() {
                    for &j in &members[a + 1..] {
                        if self.problem.apart[i * n + j] {
                            if let Some(why) = self.apart_why.get(&(i.min(j), i.max(j))) {
                                reasons.push(format!("Could not be kept apart: {why}"));
                            }
                        }
                    }
                }
                let pair_sum: i64 = members
                    .iter()
                    .enumerate()
                    .flat_map(|(a, &i)| members[a + 1..].iter().map(move |&j| (i, j)))
                    .map(|(i, j)| self.problem.points[i * n + j])
                    .sum();
                let others = members.len().saturating_sub(1).max(1) as f64;
                // Each member's average agreement with the others, summed (to a tenth).
                let score = (points(pair_sum) * 2.0 / others * 10.0).round() / 10.0;
                NewGroup {
                    mentor: None,
                    members: members.iter().map(|&i| self.people[i].id).collect(),
                    reasons,
                    score,
                }
            })
            .collect();
        let left = found
            .unplaced
            .iter()
            .map(|&i| {
                (
                    self.people[i].id,
                    format!(
                        "Not enough people for one more circle of {}",
                        crate::programs::group_size_text(
                            self.problem.min as u32,
                            self.problem.max as u32
                        )
                    ),
                )
            })
            .collect();
        (groups, left)
    }
}

/// Computes and saves a proposal of peer circles.
pub(super) fn run(store: &mut Store, program: &Program) -> Result<MatchView> {
    let circles = load_circles(store, program)?;
    if circles.people.len() < program.group_min as usize {
        return Err(Error::Invalid(format!(
            "Peer circles need at least {} participants still without a circle; this program has {}. Import participant applications first.",
            program.group_min,
            circles.people.len()
        )));
    }
    let (groups, unplaced) = circles.solve();
    let total: f64 = groups.iter().map(|g| g.score).sum();
    store.write(|tx| {
        let version = save_version(
            tx,
            program.id,
            &Weights::default(),
            total,
            &unplaced,
            Goal::Total,
        )?;
        save_groups(tx, program.id, version, &groups)
    })?;
    current_view(store, program.id)?
        .ok_or_else(|| Error::Invalid("The circles were saved but could not be read back.".into()))
}
