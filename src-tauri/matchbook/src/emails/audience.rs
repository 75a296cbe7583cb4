//! Who a batch of emails is for. Check-in requests go to those who have not
//! answered the check-in they are asked about (the one the screen lists
//! them under), closing emails to those who have not sent their evaluation,
//! reminders to overdue pairs that are not at risk: an at-risk pair needs a
//! different conversation, so it is listed apart. Writing to those who
//! already answered is the committee's explicit choice (`include_answered`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::Campaign;
use crate::error::Result;
use crate::letters::{self, Recipient, Which};
use crate::store::Store;
use crate::tracking::{CheckIn, Dashboard, PairState, PairStatus};

/// The recipients of a batch, the check-in each is asked about, and what
/// the committee should know about who was left out.
pub(super) struct Audience {
    pub recipients: Vec<Recipient>,
    pub checkins: HashMap<i64, CheckIn>,
    pub notes: Vec<String>,
    /// People left out because they already answered.
    pub answered_left_out: usize,
}

/// An overdue pair that gets the bulk reminder ([`PairStatus::reminded`]).
pub(super) fn reminded(pair: &PairStatus) -> bool {
    pair.reminded()
}

pub(super) fn audience(
    store: &Store,
    program_id: i64,
    campaign: Campaign,
    which: Which,
    board: &Dashboard,
    include_answered: bool,
) -> Result<Audience> {
    let mut notes = Vec::new();
    let mut checkins = HashMap::new();
    let mut answered_left_out = 0;
    let recipients = match campaign {
        Campaign::Letters => letters::recipients(store, program_id, which)?,
        Campaign::CheckIn => {
            for pair in board.pairs.iter().filter(|p| p.running) {
                if let Some(c) = pair.survey_checkin() {
                    for id in [pair.participant_id, pair.mentor_id] {
                        checkins.entry(id).or_insert_with(|| c.clone());
                    }
                }
            }
            let mut waiting: HashSet<i64> =
                board.not_answered.iter().map(|n| n.person_id).collect();
            // Members of groups and circles are asked about their group's check-in.
            for g in &board.groups {
                let Some(c) = &g.pulse.checkin else { continue };
                for m in g.mentor.iter().chain(&g.members) {
                    checkins.entry(m.id).or_insert_with(|| c.clone());
                }
                waiting.extend(&g.pulse.not_answered);
            }
            let all = letters::recipients(store, program_id, which)?;
            let asked = |r: &&Recipient| checkins.contains_key(&r.person.id);
            let answered = all
                .iter()
                .filter(asked)
                .filter(|r| !waiting.contains(&r.person.id))
                .count();
            if answered > 0 && !include_answered {
                answered_left_out = answered;
                notes.push(format!(
                    "{} who already answered {} get{} no draft.",
                    people(answered),
                    periods_named(&checkins),
                    if answered == 1 { "s" } else { "" }
                ));
            }
            all.into_iter()
                .filter(|r| asked(&r) && (include_answered || waiting.contains(&r.person.id)))
                .collect()
        }
        Campaign::Reminder => {
            let overdue: HashSet<i64> = board
                .pairs
                .iter()
                .filter(|p| reminded(p))
                .flat_map(|p| [p.participant_id, p.mentor_id])
                .collect();
            let at_risk: Vec<String> = board
                .pairs
                .iter()
                .filter(|p| p.status == PairState::Overdue && p.pulse.at_risk)
                .map(|p| format!("{} and {}", p.participant, p.mentor))
                .collect();
            if !at_risk.is_empty() {
                notes.push(format!(
                    "Left out, at risk (write to them from their page instead): {}.",
                    at_risk.join("; ")
                ));
            }
            let handled: Vec<String> = board
                .pairs
                .iter()
                .filter(|p| p.status == PairState::Overdue && !p.pulse.at_risk && !reminded(p))
                .filter_map(|p| {
                    let h = p.pulse.risk_handled.as_ref()?;
                    Some(format!(
                        "{} and {} (handled {})",
                        p.participant,
                        p.mentor,
                        crate::time::long_date(h.date)
                    ))
                })
                .collect();
            if !handled.is_empty() {
                notes.push(format!(
                    "Left out, their risk handled this period (write to one of them from their page if needed): {}.",
                    handled.join("; ")
                ));
            }
            letters::recipients(store, program_id, which)?
                .into_iter()
                .filter(|r| overdue.contains(&r.person.id))
                .collect()
        }
        Campaign::Closing => {
            let evaluated = crate::surveys::evaluated_people(store, program_id)?;
            let all = letters::recipients_of(store, program_id, which, true)?;
            let answered = all
                .iter()
                .filter(|r| evaluated.contains(&r.person.id))
                .count();
            if answered > 0 && !include_answered {
                answered_left_out = answered;
                notes.push(format!(
                    "{} who already sent their evaluation get{} no draft.",
                    people(answered),
                    if answered == 1 { "s" } else { "" }
                ));
            }
            all.into_iter()
                .filter(|r| include_answered || !evaluated.contains(&r.person.id))
                .collect()
        }
    };
    Ok(Audience {
        recipients,
        checkins,
        notes,
        answered_left_out,
    })
}

fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

/// "Q1", or "Q1 or Q2" when late pairs are asked about another check-in.
fn periods_named(checkins: &HashMap<i64, CheckIn>) -> String {
    let mut labels: Vec<(NaiveDate, &str)> = checkins
        .values()
        .map(|c| (c.due, c.label.as_str()))
        .collect();
    labels.sort();
    labels.dedup();
    labels
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join(" or ")
}
