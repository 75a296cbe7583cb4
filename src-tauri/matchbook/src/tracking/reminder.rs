//! What a reminder to an overdue pair can say: both people, the check-in
//! to meet for, what they missed, and where the pair stands.

use chrono::NaiveDate;
use serde::Serialize;

use super::{pair_detail, CheckIn, PairState, PairStatus};
use crate::error::{Error, Result};
use crate::programs::{get_program, Program};
use crate::store::Store;

/// A reminder for one pair: who to send it to, a subject and the text.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// One of the pair, as a reminder names them.
#[derive(Debug, Clone)]
pub struct ReminderPerson {
    pub name: String,
    /// The name they are greeted by (`letters::greeting_name`).
    pub greeting: String,
    pub email: Option<String>,
}

/// What a pair's reminder can say: where the pair stands as of a day. The
/// committee's "Reminder to an overdue pair" text is written with it
/// (`emails::pair_reminder`), one email to both of them.
#[derive(Debug, Clone)]
pub struct ReminderFacts {
    pub participant: ReminderPerson,
    pub mentor: ReminderPerson,
    /// The check-in to remind of: the current one, else the last missed, else the next.
    pub checkin: Option<(String, NaiveDate)>,
    pub overdue: bool,
    /// The periods without a meeting so far, named as the screens name
    /// them: "Q1 (1 May – 31 July 2026)".
    pub missed: Vec<String>,
    pub last_meeting: Option<NaiveDate>,
    pub months_elapsed: u32,
    pub goals_total: u32,
    pub goals_achieved: u32,
}

impl ReminderFacts {
    /// A made-up pair for checking a reminder text before it is saved.
    pub fn sample() -> ReminderFacts {
        let person = |name: &str, email: &str| ReminderPerson {
            name: name.into(),
            greeting: "Sam".into(),
            email: Some(email.into()),
        };
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        ReminderFacts {
            participant: person("Sam Participant", "sam.participant@example.org"),
            mentor: person("Sam Mentor", "sam.mentor@example.org"),
            checkin: Some(("Q2".into(), day(6, 30))),
            overdue: true,
            missed: vec!["Q1 (1 January – 31 March 2026)".into()],
            last_meeting: Some(day(2, 10)),
            months_elapsed: 5,
            goals_total: 3,
            goals_achieved: 1,
        }
    }

    /// Where `pair` stands, its two people greeted as given (each's
    /// `letters::greeting_name`).
    pub fn of(pair: &PairStatus, participant_greeting: String, mentor_greeting: String) -> Self {
        // A reminder is about meeting: the check-in still ahead comes first
        // (what they missed is in `missed`).
        let due = pair
            .checkins
            .iter()
            .find(|c| c.state == "due")
            .or_else(|| pair.checkins.iter().rev().find(|c| c.state == "missed"))
            .or_else(|| pair.checkins.iter().find(|c| c.state == "upcoming"));
        ReminderFacts {
            participant: ReminderPerson {
                name: pair.participant.clone(),
                greeting: participant_greeting,
                email: pair.participant_email.clone(),
            },
            mentor: ReminderPerson {
                name: pair.mentor.clone(),
                greeting: mentor_greeting,
                email: pair.mentor_email.clone(),
            },
            checkin: due.map(|c| (c.label.clone(), c.due)),
            overdue: pair.status == PairState::Overdue,
            missed: pair
                .checkins
                .iter()
                .filter(|c| c.state == "missed")
                .map(period_named)
                .collect(),
            last_meeting: pair.last_meeting,
            months_elapsed: pair.months_elapsed,
            goals_total: pair.goals_total,
            goals_achieved: pair.goals_achieved,
        }
    }

    /// Both people's email addresses, the participant's first.
    pub fn to(&self) -> Vec<String> {
        [&self.participant.email, &self.mentor.email]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
    }

    /// The placeholders of the reminder text, dates written by `date` (the
    /// letters' date style, so one email never mixes two).
    pub fn context(
        &self,
        program: &Program,
        date: impl Fn(NaiveDate) -> String,
    ) -> serde_json::Value {
        let person = |p: &ReminderPerson| {
            serde_json::json!({
                "name": p.name,
                "first_name": if p.greeting.trim().is_empty() { p.name.clone() } else { p.greeting.clone() },
                "email": p.email.clone().unwrap_or_default(),
                "survey_link": crate::programs::survey_link_for(program, p.email.as_deref()),
            })
        };
        serde_json::json!({
            "program": {
                "name": program.name,
                "organization": program.organization,
                "contact_name": program.contact_name,
                "contact_email": program.contact_email,
                "months": program.relationship_months,
            },
            "participant": person(&self.participant),
            "mentor": person(&self.mentor),
            "checkin": self.checkin.as_ref().map(|(label, due)| serde_json::json!({"label": label, "due": date(*due)})),
            "overdue": self.overdue,
            "missed": self.missed.join(" and "),
            "cadence": match program.cadence_months {
                1 => "once a month".to_string(),
                3 => "once a quarter".to_string(),
                n => format!("once every {n} months"),
            },
            "last_meeting": self.last_meeting.map(&date),
            "months_elapsed": self.months_elapsed,
            "goals_total": self.goals_total,
            "goals_achieved": self.goals_achieved,
        })
    }
}

/// "Q1 (1 May – 31 July 2026)": a period as the screens and emails name it.
fn period_named(c: &CheckIn) -> String {
    format!("{} ({})", c.label, crate::time::long_range(c.starts, c.due))
}

/// Where a pair stands for its reminder, with its program; refused for a
/// pair that is no longer meeting.
pub fn reminder_facts(
    store: &Store,
    match_id: i64,
    as_of: NaiveDate,
) -> Result<(Program, ReminderFacts)> {
    let detail = pair_detail(store, match_id, as_of)?;
    let program = get_program(store, detail.participant.program_id)?;
    let pair = &detail.pair;
    if pair.status == PairState::TermOver {
        return Err(Error::Invalid(format!(
            "The term of {} and {} is over: complete the pair instead of reminding it.",
            pair.participant, pair.mentor
        )));
    }
    if pair.status.is_over() {
        return Err(Error::Invalid(format!(
            "{} and {} are no longer meeting, so there is nothing to remind them of.",
            pair.participant, pair.mentor
        )));
    }
    let facts = ReminderFacts::of(
        pair,
        crate::letters::greeting_name(store, &detail.participant)?,
        crate::letters::greeting_name(store, &detail.mentor)?,
    );
    Ok((program, facts))
}
