//! What the check-in responses say about each pair: the meetings it
//! reported per period, its satisfaction over time (both sides), who has
//! answered this period, and whether it is at risk.
//!
//! A pair is **at risk** (running pairs only) when any of these holds; the
//! reasons are given in words:
//! 1. the latest satisfaction either side gave is 2 of 5 or less;
//! 2. the two latest periods they answered for are consecutive, and in both
//!    every answer said they had not met (and no meeting was logged);
//! 3. the latest note either side left for the committee contains one of
//!    [`AT_RISK_PHRASES`] (asking for help, or for a different mentor); the
//!    note itself is shown;
//! 4. the program collects check-ins, and neither of them answered the last
//!    two check-ins whose periods have ended.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::people::Role;
use crate::store::Store;
use crate::term::CheckIn;

/// Words in a note that ask the committee to step in (matched in lower case,
/// anywhere in the note). "Help" alone is not one: "the program helped",
/// "shorter forms would help" ask for nothing.
pub const AT_RISK_PHRASES: [&str; 35] = [
    "need help",
    "needs help",
    "need some help",
    "please help",
    "help please",
    "help needed",
    "could use help",
    "could use some help",
    "ask for help",
    "asking for help",
    "would like help",
    "would like some help",
    "different mentor",
    "new mentor",
    "another mentor",
    "change mentor",
    "change my mentor",
    "switch mentor",
    "rematch",
    "re-match",
    "not working",
    "isn't working",
    "is not working",
    "please call",
    "please contact",
    "contact me",
    "concern",
    "worried",
    "struggling",
    "struggle",
    "frustrated",
    "frustrating",
    "unresponsive",
    "can't reach",
    "cannot reach",
];

/// The line of a note that holds one of [`AT_RISK_PHRASES`], quoted as the
/// reason without the note's other answers. A note's later lines come from
/// other free-text questions and start with their question ("Do you need
/// help? No"): only their answer counts, and is what is returned.
pub(crate) fn asking_line(note: &str) -> Option<&str> {
    note.lines().enumerate().find_map(|(i, line)| {
        let answer = match line.split_once("? ").or_else(|| line.split_once(": ")) {
            Some((_, answer)) if i > 0 => answer,
            _ => line,
        };
        let lower = answer.to_lowercase();
        AT_RISK_PHRASES
            .iter()
            .any(|p| lower.contains(p))
            .then(|| answer.trim())
    })
}

/// The phrases, for the screens that explain the rule.
pub fn at_risk_phrases() -> Vec<&'static str> {
    AT_RISK_PHRASES.to_vec()
}

/// Satisfaction at or below this makes a pair at risk.
pub const LOW_SATISFACTION: u8 = 2;

/// One person's answer for one period (the newest, when they answered twice).
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub respondent_id: i64,
    pub role: Role,
    pub period: u32,
    pub date: NaiveDate,
    pub met: Option<bool>,
    pub meetings: Option<u32>,
    pub modes: String,
    pub topics: String,
    pub satisfaction: Option<u8>,
    pub goal_progress: String,
    pub note: String,
}

impl Response {
    /// The meetings this answer reports (a "yes" without a number is one).
    pub fn reported(&self) -> u32 {
        self.meetings.unwrap_or(u32::from(self.met == Some(true)))
    }

    fn says_not_met(&self) -> bool {
        self.met == Some(false) || self.meetings == Some(0)
    }
}

/// The columns [`read_response`] reads, after the key and the role flag.
pub(crate) const RESPONSE_COLUMNS: &str = "r.respondent_id, r.period, r.responded_on,
    r.met, r.meetings, r.modes, r.topics, r.satisfaction, r.goal_progress, r.note";

/// One response from a row holding (key, is-participant, [`RESPONSE_COLUMNS`]).
pub(crate) fn read_response(
    r: &rusqlite::Row<'_>,
    as_of: NaiveDate,
) -> rusqlite::Result<(i64, Response)> {
    Ok((
        r.get::<_, i64>(0)?,
        Response {
            respondent_id: r.get(2)?,
            role: if r.get::<_, bool>(1)? {
                Role::Participant
            } else {
                Role::Mentor
            },
            period: r.get(3)?,
            date: NaiveDate::parse_from_str(&r.get::<_, String>(4)?, "%Y-%m-%d").unwrap_or(as_of),
            met: r.get(5)?,
            meetings: r.get(6)?,
            modes: r.get(7)?,
            topics: r.get(8)?,
            satisfaction: r.get(9)?,
            goal_progress: r.get(10)?,
            note: r.get(11)?,
        },
    ))
}

/// Responses by key, rows ordered by key, period, person and newest first:
/// the newest per person and period, oldest first.
pub(crate) fn newest_per_period(
    rows: impl Iterator<Item = rusqlite::Result<(i64, Response)>>,
) -> Result<HashMap<i64, Vec<Response>>> {
    let mut out: HashMap<i64, Vec<Response>> = HashMap::new();
    for row in rows {
        let (key, response) = row?;
        let list = out.entry(key).or_default();
        // Rows come newest first per person and period: keep the first.
        let seen = list
            .iter()
            .any(|r| r.period == response.period && r.respondent_id == response.respondent_id);
        if !seen {
            list.push(response);
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|r| (r.period, r.date));
    }
    Ok(out)
}

/// Each pair's responses up to `as_of`, the newest per person and period,
/// oldest first. A group's mentor who answered for the whole group counts
/// as having answered for each member's pair.
pub(crate) fn responses(
    store: &Store,
    program_id: i64,
    match_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<HashMap<i64, Vec<Response>>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT x.id, r.respondent_id = x.participant_id, {RESPONSE_COLUMNS}, r.id
         FROM checkin_responses r JOIN matches x ON x.id = r.match_id
         WHERE x.program_id = ?1 AND (?2 IS NULL OR x.id = ?2) AND r.responded_on <= ?3
         UNION ALL
         SELECT x.id, 0, {RESPONSE_COLUMNS}, r.id
         FROM checkin_responses r
         JOIN match_groups g ON g.id = r.group_id AND g.mentor_id = r.respondent_id
         JOIN match_group_members m ON m.group_id = g.id
         JOIN matches x ON x.participant_id = m.person_id AND x.mentor_id = g.mentor_id
              AND x.program_id = g.program_id AND x.status IN ('confirmed', 'ended', 'completed')
         WHERE r.match_id IS NULL AND g.program_id = ?1 AND (?2 IS NULL OR x.id = ?2) AND r.responded_on <= ?3
         ORDER BY 1, 4, 3, 5 DESC, 13 DESC"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![program_id, match_id, as_of.to_string()],
        |r| read_response(r, as_of),
    )?;
    newest_per_period(rows)
}

/// Whether the program collects check-ins (an import of them not undone).
pub(crate) fn collects_check_ins(store: &Store, program_id: i64) -> Result<bool> {
    Ok(store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM imports WHERE program_id = ?1 AND kind = 'check_ins' AND undone_at IS NULL)",
        [program_id],
        |r| r.get(0),
    )?)
}

/// The meetings reported per period: the larger of the two sides' counts
/// (both report the same meetings).
pub(crate) fn reported_meetings(responses: &[Response]) -> HashMap<u32, u32> {
    let mut out: HashMap<u32, u32> = HashMap::new();
    for r in responses {
        let n = out.entry(r.period).or_default();
        *n = (*n).max(r.reported());
    }
    out
}

/// One period's satisfaction, both sides.
#[derive(Debug, Clone, Serialize)]
pub struct SatisfactionPoint {
    pub period: u32,
    pub label: String,
    pub participant: Option<u8>,
    pub mentor: Option<u8>,
}

/// A note one side left for the committee.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub date: NaiveDate,
    pub period: String,
    /// "participant" or "mentor".
    pub role: &'static str,
    pub text: String,
}

/// The committee dealt with what put a pair at risk: on which day, and how.
/// Kept as a `risk_handled` event of the match (its detail is this as JSON);
/// the pair is at risk again only with evidence newer than `date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskHandled {
    pub date: NaiveDate,
    pub note: String,
}

impl RiskHandled {
    pub(crate) fn parse(detail: &str) -> Option<RiskHandled> {
        serde_json::from_str(detail).ok()
    }
}

/// What a pair's check-in responses say.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pulse {
    /// The newest satisfaction either side gave, 1–5.
    pub satisfaction: Option<u8>,
    /// Per period answered, oldest first.
    pub satisfaction_trend: Vec<SatisfactionPoint>,
    /// Responses so far (one per person and period).
    pub check_ins: u32,
    /// Who answered for the check-in they are asked about now.
    pub participant_answered: bool,
    pub mentor_answered: bool,
    pub at_risk: bool,
    pub risk_reasons: Vec<String>,
    /// The committee handled the risk, and nothing newer puts the pair at risk again.
    pub risk_handled: Option<RiskHandled>,
    /// Notes for the committee, newest first.
    pub notes: Vec<NoteView>,
}

fn side(role: Role) -> &'static str {
    match role {
        Role::Participant => "participant",
        Role::Mentor => "mentor",
    }
}

/// Reads a pair's responses against its check-ins (`checkins` already
/// count the reported meetings).
pub(crate) fn assess(
    responses: &[Response],
    checkins: &[CheckIn],
    as_of: NaiveDate,
    survey_period: Option<u32>,
    handled: Option<&RiskHandled>,
    running: bool,
    collects: bool,
) -> Pulse {
    let label = |period: u32| {
        checkins
            .iter()
            .find(|c| c.number == period)
            .map_or_else(|| format!("check-in {period}"), |c| c.label.clone())
    };
    let mut pulse = Pulse {
        check_ins: responses.len() as u32,
        ..Pulse::default()
    };
    let mut points: Vec<SatisfactionPoint> = Vec::new();
    for r in responses.iter().filter(|r| r.satisfaction.is_some()) {
        if points.last().is_none_or(|p| p.period != r.period) {
            points.push(SatisfactionPoint {
                period: r.period,
                label: label(r.period),
                participant: None,
                mentor: None,
            });
        }
        if let Some(point) = points.last_mut() {
            match r.role {
                Role::Participant => point.participant = r.satisfaction,
                Role::Mentor => point.mentor = r.satisfaction,
            }
        }
    }
    pulse.satisfaction_trend = points;
    pulse.satisfaction = responses
        .iter()
        .filter(|r| r.satisfaction.is_some())
        .max_by_key(|r| (r.date, r.period))
        .and_then(|r| r.satisfaction);
    if let Some(current) = survey_period {
        for r in responses.iter().filter(|r| r.period == current) {
            match r.role {
                Role::Participant => pulse.participant_answered = true,
                Role::Mentor => pulse.mentor_answered = true,
            }
        }
    }
    let mut notes: Vec<NoteView> = responses
        .iter()
        .filter(|r| !r.note.trim().is_empty())
        .map(|r| NoteView {
            date: r.date,
            period: label(r.period),
            role: side(r.role),
            text: r.note.trim().to_string(),
        })
        .collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.date));
    pulse.notes = notes;
    if !running {
        return pulse;
    }

    // Each reason with the day of its evidence: a handled risk comes back
    // only with evidence newer than its handling.
    let mut reasons: Vec<(NaiveDate, String)> = Vec::new();
    for role in [Role::Participant, Role::Mentor] {
        let theirs = || responses.iter().filter(move |r| r.role == role);
        if let Some(r) = theirs()
            .filter(|r| r.satisfaction.is_some())
            .max_by_key(|r| (r.date, r.period))
        {
            let s = r.satisfaction.unwrap_or(0);
            if s <= LOW_SATISFACTION {
                reasons.push((
                    r.date,
                    format!(
                        "The {} rated their satisfaction {s} of 5 ({}, {}).",
                        side(role),
                        label(r.period),
                        crate::time::long_date(r.date)
                    ),
                ));
            }
        }
        if let Some(r) = theirs()
            .filter(|r| !r.note.trim().is_empty())
            .max_by_key(|r| (r.date, r.period))
        {
            if let Some(asked) = asking_line(&r.note) {
                reasons.push((
                    r.date,
                    format!(
                        "The {} asked the committee for help ({}): \u{201c}{}\u{201d}",
                        side(role),
                        label(r.period),
                        asked
                    ),
                ));
            }
        }
    }
    // Not met, two periods running.
    if let Some((a, b)) = quiet_two_periods(responses, checkins) {
        let latest = responses
            .iter()
            .filter(|r| r.period == b)
            .map(|r| r.date)
            .max()
            .unwrap_or(as_of);
        reasons.push((
            latest,
            format!(
                "They reported not meeting in {} and {}.",
                label(a),
                label(b)
            ),
        ));
    }
    // No answer to the last two check-ins that have closed.
    if let Some((a, b)) = silent_two_checkins(responses, checkins, as_of, survey_period, collects) {
        reasons.push((
            b.due,
            format!(
                "Neither of them answered the {} and {} check-ins.",
                a.label, b.label
            ),
        ));
    }
    let fresh: Vec<String> = reasons
        .iter()
        .filter(|(day, _)| handled.is_none_or(|h| *day > h.date))
        .map(|(_, reason)| reason.clone())
        .collect();
    if fresh.is_empty() && !reasons.is_empty() {
        pulse.risk_handled = handled.cloned();
    }
    pulse.at_risk = !fresh.is_empty();
    pulse.risk_reasons = fresh;
    pulse
}

/// The two latest periods answered, when they follow each other and in
/// both every answer said they had not met and no meeting was logged.
pub(crate) fn quiet_two_periods(
    responses: &[Response],
    checkins: &[CheckIn],
) -> Option<(u32, u32)> {
    let mut answered: Vec<u32> = responses.iter().map(|r| r.period).collect();
    answered.dedup();
    let [.., a, b] = answered.as_slice() else {
        return None;
    };
    let quiet = |period: u32| {
        let theirs: Vec<&Response> = responses.iter().filter(|r| r.period == period).collect();
        let logged = checkins
            .iter()
            .find(|c| c.number == period)
            .map_or(0, |c| c.meetings);
        !theirs.is_empty() && theirs.iter().all(|r| r.says_not_met()) && logged == 0
    };
    (*b == *a + 1 && quiet(*a) && quiet(*b)).then_some((*a, *b))
}

/// The last two check-ins that have closed (not the one answers are still
/// coming in for), when the program collects check-ins and nobody answered either.
pub(crate) fn silent_two_checkins<'a>(
    responses: &[Response],
    checkins: &'a [CheckIn],
    as_of: NaiveDate,
    survey_period: Option<u32>,
    collects: bool,
) -> Option<(&'a CheckIn, &'a CheckIn)> {
    if !collects {
        return None;
    }
    let closed: Vec<&CheckIn> = checkins
        .iter()
        .filter(|c| c.expected && c.due < as_of && Some(c.number) != survey_period)
        .collect();
    let [.., a, b] = closed.as_slice() else {
        return None;
    };
    let silent = |c: &CheckIn| !responses.iter().any(|r| r.period == c.number);
    (silent(a) && silent(b)).then_some((*a, *b))
}

#[cfg(test)]
mod help_tests {
    fn asks_for_help(note: &str) -> bool {
        super::asking_line(note).is_some()
    }

    #[test]
    fn a_note_asks_for_help_only_in_words_that_ask() {
        assert!(asks_for_help(
            "I need help: could I have a different mentor?"
        ));
        assert!(asks_for_help("Please help, she never answers"));
        assert!(!asks_for_help("The program helped me a lot"));
        assert!(!asks_for_help(
            "Your thoughts so far: Shorter forms would help us all"
        ));
    }
}
