//! Before solving: too few places, areas many participants want and few
//! mentors offer, names that match nobody, and how many participants each
//! hard rule alone leaves without a possible mentor.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::problem::Problem;
use super::score;

/// What the committee should know before solving: too few places, and areas
/// many participants want but few mentors offer.
#[derive(Debug, Clone, Serialize)]
pub struct Gaps {
    pub participants: usize,
    pub mentors: usize,
    pub places: u32,
    /// Some mentor has a place left, so computing can pair someone.
    pub room_left: bool,
    pub messages: Vec<String>,
    /// Names people typed (a requested mentor, someone to avoid) that match
    /// nobody in the program: often many, so kept apart from the messages.
    pub unknown_names: Vec<String>,
    pub areas: Vec<AreaGap>,
    /// Each of the committee's hard rules (must-match, avoid) and how many
    /// participants it alone leaves without any possible mentor.
    pub hard_rules: Vec<RuleImpact>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleImpact {
    pub criterion_id: i64,
    pub label: String,
    pub stranded: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaGap {
    pub area: String,
    pub wanted: usize,
    pub offered: usize,
}

pub fn gap_analysis(problem: &Problem) -> Gaps {
    let places: u32 = problem.capacity.iter().sum();
    let np = problem.participants.len();
    let mut messages = Vec::new();
    if places == 0 && np > 0 {
        messages.push(format!(
            "{} still need{} a mentor but no mentor has room left. Ask a mentor to take one more mentee (change it in their panel on Applications) or import more mentors.",
            if np == 1 { "1 participant".to_string() } else { format!("{np} participants") },
            if np == 1 { "s" } else { "" }
        ));
    } else if np as u64 > u64::from(places) {
        messages.push(format!(
            "{np} participants need a mentor but mentors have {}: at least {} will stay unmatched. Ask mentors to take more mentees (change it in a mentor's panel on Applications) or recruit more mentors.",
            if places == 1 { "1 place".to_string() } else { format!("{places} places") },
            np as u64 - u64::from(places)
        ));
    }
    // Places they may not use (a mentor they were paired with before, at
    // their own library, vetoed) do not count for them.
    if places > 0 {
        let stranded: Vec<&str> = (0..np)
            .filter(|&p| {
                (0..problem.mentors.len())
                    .all(|m| problem.capacity[m] == 0 || problem.cell(p, m).forbidden.is_some())
            })
            .map(|p| problem.participants[p].application.name.as_str())
            .collect();
        if !stranded.is_empty() {
            messages.push(format!(
                "{} cannot use any of the places left (each mentor with room is ruled out for them: paired before, same library, a veto or a rule): {}. Ask another mentor to take one more mentee, or recruit one.",
                if stranded.len() == 1 { "1 participant".to_string() } else { format!("{} participants", stranded.len()) },
                stranded.join(", ")
            ));
        }
    }
    if !problem.left_out.is_empty() {
        let names: Vec<String> = problem
            .left_out
            .iter()
            .map(|(name, reason)| format!("{name} ({reason})"))
            .collect();
        messages.push(format!(
            "Left out of the matching by the program's rules: {}. The committee can match someone anyway, with its reason, from their panel on Applications.",
            names.join("; ")
        ));
    }
    let mut counts: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for p in &problem.participants {
        for a in unique_answers(&p.application.lists.areas) {
            counts.entry(a.0).or_insert((a.1, 0, 0)).1 += 1;
        }
    }
    for (m, &cap) in problem.mentors.iter().zip(&problem.capacity) {
        if cap == 0 {
            continue;
        }
        for a in unique_answers(&m.application.lists.areas) {
            counts.entry(a.0).or_insert((a.1, 0, 0)).2 += 1;
        }
    }
    let mut areas: Vec<AreaGap> = counts
        .into_values()
        .filter(|(_, wanted, _)| *wanted > 0)
        .map(|(area, wanted, offered)| AreaGap {
            area,
            wanted,
            offered,
        })
        .collect();
    // Shortest supply first: most participants per offering mentor.
    areas.sort_by(|a, b| {
        let ra = a.wanted as f64 / (a.offered as f64 + 0.5);
        let rb = b.wanted as f64 / (b.offered as f64 + 0.5);
        rb.total_cmp(&ra).then(a.area.cmp(&b.area))
    });
    for a in areas.iter().filter(|_| places > 0) {
        if a.wanted >= 3 && a.wanted >= 3 * a.offered {
            messages.push(format!(
                "{} participants want {}; {} offer{} it.",
                a.wanted,
                a.area,
                match a.offered {
                    0 => "no mentors".to_string(),
                    1 => "1 mentor".to_string(),
                    n => format!("{n} mentors"),
                },
                if a.offered == 1 { "s" } else { "" }
            ));
        }
    }
    if places > 0 {
        messages.extend(problem.custom.gaps(&problem.capacity));
    }
    let hard_rules = problem
        .custom
        .rule_impact(problem.mentors.len())
        .into_iter()
        .map(|(criterion_id, label, stranded)| RuleImpact {
            criterion_id,
            label,
            stranded,
        })
        .collect();
    Gaps {
        hard_rules,
        participants: np,
        mentors: problem.mentors.len(),
        places,
        room_left: places > 0,
        messages,
        unknown_names: problem.unknown_names.clone(),
        areas,
    }
}

fn unique_answers(answers: &[String]) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    answers
        .iter()
        .filter_map(|a| {
            let key = score::normalize_answer(a);
            (!key.is_empty() && seen.insert(key.clone())).then(|| (key, a.trim().to_string()))
        })
        .collect()
}
