//! What a group's check-ins say (a peer circle or a mentor's group): who
//! of the group answered the check-in they are asked about now, their
//! satisfaction, each member's answers, and whether the group is at risk.
//!
//! A group is **at risk** when any of these holds; the reasons name the
//! person:
//! 1. a member's (or the mentor's) latest satisfaction is 2 of 5 or less;
//! 2. a member's latest note asks the committee for help
//!    ([`super::pulse::AT_RISK_PHRASES`]);
//! 3. the two latest periods answered are consecutive, and in both every
//!    answer said they had not met (and no group meeting was logged);
//! 4. the program collects check-ins, and nobody in the group answered the
//!    last two check-ins whose periods have ended.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::pulse::{
    asking_line, newest_per_period, quiet_two_periods, read_response, silent_two_checkins,
    Response, LOW_SATISFACTION, RESPONSE_COLUMNS,
};
use crate::error::Result;
use crate::people::Role;
use crate::store::Store;
use crate::term::CheckIn;
use crate::time::long_date;

/// One person's answer for one period, as a group's page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupAnswer {
    pub person_id: i64,
    pub name: String,
    /// "Q2" or "Period 2".
    pub period: String,
    pub date: NaiveDate,
    pub met: Option<bool>,
    pub meetings: Option<u32>,
    pub satisfaction: Option<u8>,
    pub note: String,
    /// "Q2, 3 April 2027: met twice · satisfaction 4 of 5", in words.
    pub text: String,
}

/// What a group's check-in responses say.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupPulse {
    /// Responses so far (one per person and period).
    pub check_ins: u32,
    /// The check-in the group is asked about now ("Q2"), when there is one.
    pub period: Option<String>,
    /// People of the group (members and mentor) who answered it, of `asked`.
    pub answered: u32,
    pub asked: u32,
    /// That check-in, for the check-in request emails.
    pub checkin: Option<CheckIn>,
    /// Who of the group has not answered it (person ids).
    pub not_answered: Vec<i64>,
    /// answered / asked, when the group is asked about a check-in.
    pub response_rate: Option<f64>,
    /// The mean of each person's newest satisfaction (1–5, one decimal).
    pub satisfaction: Option<f64>,
    pub at_risk: bool,
    pub risk_reasons: Vec<String>,
    /// Every answer, newest first.
    pub answers: Vec<GroupAnswer>,
    /// "3 of 5 answered Q2 · satisfaction 4.3 of 5", or "No check-in answered yet".
    pub summary: String,
}

/// Each group's responses up to `as_of` (the newest per person and
/// period, oldest first); the group's mentor answers as a mentor.
pub(crate) fn group_responses(
    store: &Store,
    program_id: i64,
    as_of: NaiveDate,
) -> Result<HashMap<i64, Vec<Response>>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT r.group_id, r.respondent_id IS NOT g.mentor_id, {RESPONSE_COLUMNS}
         FROM checkin_responses r JOIN match_groups g ON g.id = r.group_id
         WHERE g.program_id = ?1 AND r.responded_on <= ?2
         ORDER BY r.group_id, r.period, r.respondent_id, r.responded_on DESC, r.id DESC"
    ))?;
    let rows = stmt.query_map(rusqlite::params![program_id, as_of.to_string()], |r| {
        read_response(r, as_of)
    })?;
    newest_per_period(rows)
}

/// What else a group's pulse needs beside its responses.
pub(crate) struct GroupFacts<'a> {
    /// The group's periods, their meetings (logged or reported) counted.
    pub checkins: &'a [CheckIn],
    /// The check-in an answer given now reports on.
    pub survey_period: Option<u32>,
    /// Members and mentor (person ids).
    pub people: &'a [i64],
    pub collects: bool,
    pub name: &'a dyn Fn(i64) -> String,
}

/// Reads a group's responses against its check-ins.
pub(crate) fn assess_group(
    responses: &[Response],
    facts: &GroupFacts<'_>,
    as_of: NaiveDate,
) -> GroupPulse {
    let label = |period: u32| {
        facts
            .checkins
            .iter()
            .find(|c| c.number == period)
            .map_or_else(|| format!("check-in {period}"), |c| c.label.clone())
    };
    let asked = facts.people.len() as u32;
    let mut pulse = GroupPulse {
        check_ins: responses.len() as u32,
        asked,
        ..GroupPulse::default()
    };
    if let Some(current) = facts.survey_period {
        let mut who: Vec<i64> = responses
            .iter()
            .filter(|r| r.period == current)
            .map(|r| r.respondent_id)
            .collect();
        who.dedup();
        pulse.period = Some(label(current));
        pulse.answered = who.len() as u32;
        pulse.response_rate = (asked > 0).then(|| f64::from(pulse.answered) / f64::from(asked));
        pulse.checkin = facts.checkins.iter().find(|c| c.number == current).cloned();
        pulse.not_answered = facts
            .people
            .iter()
            .copied()
            .filter(|p| !who.contains(p))
            .collect();
    }
    // Each person's newest answer with a satisfaction, and with a note.
    let mut newest_rated: HashMap<i64, &Response> = HashMap::new();
    let mut newest_note: HashMap<i64, &Response> = HashMap::new();
    for r in responses {
        if r.satisfaction.is_some() {
            newest_rated.insert(r.respondent_id, r);
        }
        if !r.note.trim().is_empty() {
            newest_note.insert(r.respondent_id, r);
        }
    }
    let rated: Vec<f64> = newest_rated
        .values()
        .filter_map(|r| r.satisfaction.map(f64::from))
        .collect();
    pulse.satisfaction = (!rated.is_empty())
        .then(|| (rated.iter().sum::<f64>() / rated.len() as f64 * 10.0).round() / 10.0);

    let mut reasons: Vec<(i64, String)> = Vec::new();
    for r in newest_rated.values() {
        let s = r.satisfaction.unwrap_or(0);
        if s <= LOW_SATISFACTION {
            reasons.push((
                r.respondent_id,
                format!(
                    "{} rated their satisfaction {s} of 5 ({}, {}).",
                    (facts.name)(r.respondent_id),
                    label(r.period),
                    long_date(r.date)
                ),
            ));
        }
    }
    for r in newest_note.values() {
        if let Some(asked) = asking_line(&r.note) {
            reasons.push((
                r.respondent_id,
                format!(
                    "{} asked the committee for help ({}): \u{201c}{asked}\u{201d}",
                    (facts.name)(r.respondent_id),
                    label(r.period)
                ),
            ));
        }
    }
    // Per person, in a steady order.
    reasons.sort_by_key(|(id, reason)| ((facts.name)(*id), reason.clone()));
    let mut reasons: Vec<String> = reasons.into_iter().map(|(_, r)| r).collect();
    if let Some((a, b)) = quiet_two_periods(responses, facts.checkins) {
        reasons.push(format!(
            "They reported not meeting in {} and {}.",
            label(a),
            label(b)
        ));
    }
    let silent = silent_two_checkins(
        responses,
        facts.checkins,
        as_of,
        facts.survey_period,
        facts.collects,
    );
    if let Some((a, b)) = silent {
        reasons.push(format!(
            "Nobody in the group answered the {} and {} check-ins.",
            a.label, b.label
        ));
    }
    pulse.at_risk = !reasons.is_empty();
    pulse.risk_reasons = reasons;
    let mut answers: Vec<GroupAnswer> = responses
        .iter()
        .map(|r| answer(r, &label(r.period), facts.name))
        .collect();
    answers.sort_by(|a, b| b.date.cmp(&a.date).then(a.name.cmp(&b.name)));
    pulse.answers = answers;
    pulse.summary = summary(&pulse);
    pulse
}

fn answer(r: &Response, period: &str, name: &dyn Fn(i64) -> String) -> GroupAnswer {
    let mut parts: Vec<String> = Vec::new();
    match (r.met, r.meetings) {
        (_, Some(0)) | (Some(false), None) => parts.push("did not meet".into()),
        (_, Some(1)) => parts.push("met once".into()),
        (_, Some(2)) => parts.push("met twice".into()),
        (_, Some(n)) => parts.push(format!("met {n} times")),
        (Some(true), None) => parts.push("met".into()),
        (None, None) => {}
    }
    if let Some(s) = r.satisfaction {
        parts.push(format!("satisfaction {s} of 5"));
    }
    let mut text = format!("{period}, {}", long_date(r.date));
    if !parts.is_empty() {
        text.push_str(": ");
        text.push_str(&parts.join(" · "));
    }
    GroupAnswer {
        person_id: r.respondent_id,
        name: name(r.respondent_id),
        period: period.to_string(),
        date: r.date,
        met: r.met,
        meetings: r.meetings,
        satisfaction: r.satisfaction,
        note: r.note.trim().to_string(),
        text: if r.role == Role::Mentor {
            format!("{text} (mentor)")
        } else {
            text
        },
    }
}

fn summary(pulse: &GroupPulse) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(period) = &pulse.period {
        parts.push(format!(
            "{} of {} answered {period}",
            pulse.answered, pulse.asked
        ));
    } else if pulse.check_ins > 0 {
        parts.push(format!(
            "{} check-in{} answered",
            pulse.check_ins,
            if pulse.check_ins == 1 { "" } else { "s" }
        ));
    }
    if let Some(s) = pulse.satisfaction {
        parts.push(format!("satisfaction {s} of 5"));
    }
    if parts.is_empty() {
        return "No check-in answered yet".to_string();
    }
    parts.join(" · ")
}
