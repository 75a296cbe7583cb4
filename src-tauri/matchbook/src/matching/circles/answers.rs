//! What circle members answered to the criteria's questions, read once per
//! person, the points two members earn together, and the reasons a circle
//! gives ("All 5: Thursday (Meeting day)"; "3 of 5: Public (Sector)").

use std::collections::BTreeMap;

use crate::matching::criteria::{Compare, CustomCriterion};
use crate::people::{Answer, Person};

/// Per criterion, per person: the options given (folded for comparing,
/// as written for reasons) or a number; empty when not answered.
pub struct Answers {
    given: Vec<Vec<Given>>,
    weights: Vec<(Compare, i64)>,
    /// Per criterion: the spread of the numbers given (for closeness).
    ranges: Vec<f64>,
}

#[derive(Default)]
struct Given {
    folded: Vec<String>,
    shown: Vec<String>,
    number: Option<f64>,
}

impl Answers {
    pub fn read(people: &[Person], criteria: &[CustomCriterion]) -> Answers {
        let given: Vec<Vec<Given>> = criteria
            .iter()
            .map(|c| {
                people
                    .iter()
                    .map(|p| {
                        let answer = p
                            .application
                            .answer(&c.participant.text, c.participant.field.as_deref());
                        given_of(answer)
                    })
                    .collect()
            })
            .collect();
        let ranges = given
            .iter()
            .map(|per| {
                let numbers: Vec<f64> = per.iter().filter_map(|g| g.number).collect();
                let (lo, hi) = numbers
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
                if hi > lo {
                    hi - lo
                } else {
                    0.0
                }
            })
            .collect();
        Answers {
            given,
            weights: criteria
                .iter()
                .map(|c| (c.compare, i64::from(c.weight)))
                .collect(),
            ranges,
        }
    }

    /// The points (tenths) two people earn together over every criterion;
    /// an answer missing on either side counts half, as for pairs.
    pub fn pair_tenths(&self, i: usize, j: usize) -> i64 {
        let mut tenths = 0;
        for (c, &(compare, weight)) in self.weights.iter().enumerate() {
            let (a, b) = (&self.given[c][i], &self.given[c][j]);
            let value = if a.folded.is_empty() || b.folded.is_empty() {
                0.5
            } else {
                match compare {
                    Compare::Closeness => match (a.number, b.number) {
                        (Some(x), Some(y)) if self.ranges[c] > 0.0 => {
                            1.0 - (x - y).abs() / self.ranges[c]
                        }
                        _ => overlap(a, b),
                    },
                    Compare::Mixed => 1.0 - overlap(a, b),
                    _ => overlap(a, b),
                }
            };
            tenths += (value * weight as f64 * 10.0).round() as i64;
        }
        tenths
    }
}

fn given_of(answer: Option<Answer>) -> Given {
    let Some(answer) = answer.filter(|a| !a.is_empty()) else {
        return Given::default();
    };
    let (shown, number): (Vec<String>, Option<f64>) = match answer {
        Answer::Number(x) => (vec![format!("{x}")], Some(x)),
        Answer::Text(t) => (vec![t.trim().to_string()], t.trim().parse().ok()),
        Answer::Options(o) => (o.iter().map(|x| x.trim().to_string()).collect(), None),
    };
    let mut both: Vec<(String, String)> = shown
        .into_iter()
        .map(|s| (fold(&s), s))
        .filter(|(f, _)| !f.is_empty())
        .collect();
    both.sort();
    both.dedup_by(|a, b| a.0 == b.0);
    let (folded, shown) = both.into_iter().unzip();
    Given {
        folded,
        shown,
        number,
    }
}

fn fold(text: &str) -> String {
    crate::text::normalize_header(text)
}

/// Options both gave over options either gave (1 for the same single answer).
fn overlap(a: &Given, b: &Given) -> f64 {
    let shared = a.folded.iter().filter(|x| b.folded.contains(x)).count();
    let either = a.folded.len() + b.folded.len() - shared;
    if either == 0 {
        0.0
    } else {
        shared as f64 / either as f64
    }
}

/// Why a circle's members are together, criteria by weight: the answer
/// most of them share, or how many different answers a mixed one has.
pub fn circle_reasons(
    answers: &Answers,
    criteria: &[CustomCriterion],
    members: &[usize],
) -> Vec<String> {
    let size = members.len();
    let mut order: Vec<usize> = (0..criteria.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(criteria[c].weight));
    let mut reasons = Vec::new();
    for c in order {
        let label = &criteria[c].label;
        // Folded option → (how many members gave it, how the first wrote it).
        let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for &m in members {
            let g = &answers.given[c][m];
            for (f, s) in g.folded.iter().zip(&g.shown) {
                let entry = counts.entry(f.as_str()).or_insert((0, s.as_str()));
                entry.0 += 1;
            }
        }
        if criteria[c].compare == Compare::Mixed {
            match counts.len() {
                0 => {}
                1 => reasons.push(format!(
                    "All the same {label}, though it is meant to be mixed"
                )),
                d => reasons.push(format!("{d} different answers to {label}")),
            }
            continue;
        }
        let top = counts
            .values()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
        match top {
            Some(&(n, shown)) if n == size => {
                reasons.push(format!("All {size}: {shown} ({label})"))
            }
            Some(&(n, shown)) if n >= 2 => {
                reasons.push(format!("{n} of {size}: {shown} ({label})"))
            }
            _ => {}
        }
    }
    reasons
}
