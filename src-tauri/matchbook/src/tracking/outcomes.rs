//! The program outcomes report: what the end-of-program evaluations say,
//! beside what Matchbook recorded (goals, relationships completed or ended
//! early). A page, a PDF and a CSV (`outcomes_files`), from the same figures.
//!
//! - Responses: each person's newest evaluation; invited: everyone in a
//!   confirmed pair (running, ended or completed) or peer circle, by role.
//! - Net Promoter Score over every answer to the recommend question, both
//!   roles together: promoters (9–10) minus detractors (0–6), as a share of
//!   those answers, × 100.
//! - A statement's agreement share: answers of agree or strongly agree
//!   (4–5 of 5) over its answers. The program's promised benefits come
//!   first (isolation, network, skills and confidence, career goals,
//!   opportunities, growth). When the participants' application asked the
//!   same statement, its share then is the baseline.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::Result;
use crate::import::normalize_header;
use crate::people::{list_people, Role};
use crate::programs::get_program;
use crate::store::Store;
use crate::surveys::answers;
use crate::surveys::columns::statement_text;

/// The benefits the program promises, as words a statement about them uses,
/// in the order the report shows them.
const BENEFITS: [&[&str]; 6] = [
    &["isolat"],
    &["network", "connection", "contacts"],
    &["skill", "confiden"],
    &["career"],
    &["opportunit"],
    &["growth", "grow", "satisf"],
];

#[derive(Debug, Clone, Default, Serialize)]
pub struct ByRole {
    pub participant: u32,
    pub mentor: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementShare {
    pub text: String,
    /// 0–1.
    pub agree_share: f64,
    pub responses: u32,
    /// It speaks of a benefit the program promises.
    pub promised: bool,
    /// The same statement on the participants' application, when asked.
    pub baseline_share: Option<f64>,
    pub baseline_responses: u32,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GoalsReached {
    pub yes: u32,
    pub partly: u32,
    pub no: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    /// "participant" or "mentor".
    pub role: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndedEarly {
    pub participant: String,
    pub mentor: String,
    pub reason: String,
}

/// The outcomes of a program.
#[derive(Debug, Clone, Serialize)]
pub struct Outcomes {
    pub program: String,
    pub organization: String,
    pub responses: ByRole,
    pub invited: ByRole,
    /// responses / invited per role (None when nobody was invited).
    pub response_rate: BTreeMap<&'static str, Option<f64>>,
    pub satisfaction_mean: Option<f64>,
    pub satisfaction_responses: u32,
    /// −100 to 100.
    pub nps: Option<f64>,
    pub nps_responses: u32,
    pub nps_by_role: BTreeMap<&'static str, Option<f64>>,
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
    pub statements: Vec<StatementShare>,
    /// As the participants report them.
    pub goals_reached: GoalsReached,
    /// From the goals recorded in Matchbook.
    pub goals_recorded: u32,
    pub goals_achieved: u32,
    /// Completed with a meeting logged or reported.
    pub completed: u32,
    /// Completed without any meeting on record.
    pub completed_unmet: u32,
    pub ended_early: u32,
    pub ended_early_pairs: Vec<EndedEarly>,
    pub running: u32,
    /// "28 completed · 1 ended early · 1 without a meeting on record".
    pub relationships_text: String,
    /// The goals recorded in Matchbook beside those the participants
    /// report, in one sentence.
    pub goals_text: String,
    pub comments: Vec<Comment>,
}

/// "Recorded in Matchbook: 0 of 1 goal achieved. The participants report: 9
/// reached, 3 partly, 2 not." (either part left out when there is nothing).
pub fn goals_text(achieved: u32, recorded: u32, reported: &GoalsReached) -> String {
    let mut parts = Vec::new();
    if recorded > 0 {
        parts.push(format!(
            "Recorded in Matchbook: {achieved} of {recorded} goal{} achieved.",
            if recorded == 1 { "" } else { "s" }
        ));
    }
    if reported.yes + reported.partly + reported.no > 0 {
        parts.push(format!(
            "The participants' evaluations report: {} reached, {} partly, {} not.",
            reported.yes, reported.partly, reported.no
        ));
    }
    if parts.len() == 2 {
        parts.push(
            "Most goals are set and reached between meetings, so the evaluations usually report more than was recorded."
                .to_string(),
        );
    }
    parts.join(" ")
}

struct Evaluation {
    role: Role,
    satisfaction: Option<u8>,
    recommend: Option<u8>,
    goals_reached: Option<String>,
    comments: String,
    agreements: Vec<(String, u8)>,
}

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Participant => "participant",
        Role::Mentor => "mentor",
    }
}

fn nps(scores: &[u8]) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let promoters = scores.iter().filter(|&&s| s >= 9).count() as f64;
    let detractors = scores.iter().filter(|&&s| s <= 6).count() as f64;
    Some(((promoters - detractors) / scores.len() as f64 * 1000.0).round() / 10.0)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Each person's newest evaluation in the program.
fn evaluations(store: &Store, program_id: i64) -> Result<Vec<Evaluation>> {
    let mut stmt = store.conn().prepare(
        "SELECT e.id, p.role, e.satisfaction, e.recommend, e.goals_reached, e.comments
         FROM evaluation_responses e JOIN people p ON p.id = e.respondent_id
         WHERE e.program_id = ?1 AND e.id = (
             SELECT f.id FROM evaluation_responses f WHERE f.respondent_id = e.respondent_id
             ORDER BY f.responded_on DESC, f.id DESC LIMIT 1)
         ORDER BY e.id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<u8>>(2)?,
            r.get::<_, Option<u8>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut agreements: HashMap<i64, Vec<(String, u8)>> = HashMap::new();
    {
        let mut stmt = store.conn().prepare(
            "SELECT a.response_id, a.statement, a.agreement FROM evaluation_agreements a
             JOIN evaluation_responses e ON e.id = a.response_id WHERE e.program_id = ?1",
        )?;
        let rows = stmt.query_map([program_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
            ))
        })?;
        for row in rows {
            let (id, statement, agreement) = row?;
            agreements
                .entry(id)
                .or_default()
                .push((statement, agreement));
        }
    }
    let mut out = Vec::new();
    for row in rows {
        let (id, role, satisfaction, recommend, goals_reached, comments) = row?;
        out.push(Evaluation {
            role: if role == "mentor" {
                Role::Mentor
            } else {
                Role::Participant
            },
            satisfaction,
            recommend,
            goals_reached,
            comments,
            agreements: agreements.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The program outcomes report as of today.
pub fn outcomes(store: &Store, program_id: i64) -> Result<Outcomes> {
    let program = get_program(store, program_id)?;
    let evaluations = evaluations(store, program_id)?;
    let mut invited = ByRole::default();
    let (mut completed, mut unmet, mut ended, mut running) = (0, 0, 0, 0);
    let mut ended_early_pairs = Vec::new();
    {
        let mut stmt = store.conn().prepare(
            "SELECT x.status, p.name, m.name, x.end_reason,
                    EXISTS (SELECT 1 FROM meetings g WHERE g.match_id = x.id AND g.deleted_at IS NULL)
                    OR EXISTS (SELECT 1 FROM checkin_responses r WHERE r.match_id = x.id AND (r.met = 1 OR r.meetings > 0))
             FROM matches x
             JOIN people p ON p.id = x.participant_id JOIN people m ON m.id = x.mentor_id
             WHERE x.program_id = ?1 AND x.status IN ('confirmed', 'ended', 'completed') ORDER BY p.name",
        )?;
        let rows = stmt.query_map([program_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        for row in rows {
            let (status, participant, mentor, reason, met) = row?;
            match status.as_str() {
                "completed" if !met => unmet += 1,
                "completed" => completed += 1,
                "ended" => {
                    ended += 1;
                    ended_early_pairs.push(EndedEarly {
                        participant,
                        mentor,
                        reason,
                    });
                }
                _ => running += 1,
            }
        }
        let count = |sql: &str| -> Result<u32> {
            Ok(store.conn().query_row(sql, [program_id], |r| r.get(0))?)
        };
        invited.participant = count(
            "SELECT count(*) FROM (SELECT participant_id FROM matches WHERE program_id = ?1 AND status IN ('confirmed', 'ended', 'completed')
             UNION SELECT m.person_id FROM match_group_members m JOIN match_groups g ON g.id = m.group_id JOIN match_versions v ON v.id = g.version_id WHERE g.program_id = ?1 AND v.status = 'confirmed' AND g.mentor_id IS NULL)",
        )?;
        invited.mentor = count(
            "SELECT count(DISTINCT mentor_id) FROM matches WHERE program_id = ?1 AND status IN ('confirmed', 'ended', 'completed')",
        )?;
    }
    let (goals_recorded, goals_achieved): (u32, u32) = store.conn().query_row(
        &format!(
            "SELECT count(*), coalesce(sum({} = 'achieved'), 0) FROM goals g JOIN matches x ON x.id = g.match_id
             WHERE x.program_id = ?1 AND g.deleted_at IS NULL",
            super::goal_status_sql("'9999-12-31'")
        ),
        [program_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;

    let mut responses = ByRole::default();
    let mut satisfaction = Vec::new();
    let mut recommend: Vec<(Role, u8)> = Vec::new();
    let mut goals = GoalsReached::default();
    let mut comments = Vec::new();
    let mut statements: Vec<(String, Vec<u8>)> = Vec::new();
    for e in &evaluations {
        match e.role {
            Role::Participant => responses.participant += 1,
            Role::Mentor => responses.mentor += 1,
        }
        satisfaction.extend(e.satisfaction.map(f64::from));
        recommend.extend(e.recommend.map(|r| (e.role, r)));
        if e.role == Role::Participant {
            match e.goals_reached.as_deref() {
                Some("yes") => goals.yes += 1,
                Some("partly") => goals.partly += 1,
                Some("no") => goals.no += 1,
                _ => {}
            }
        }
        if !e.comments.trim().is_empty() {
            comments.push(Comment {
                role: role_key(e.role),
                text: e.comments.trim().to_string(),
            });
        }
        for (text, agreement) in &e.agreements {
            let key = normalize_header(text);
            match statements
                .iter_mut()
                .find(|(t, _)| normalize_header(t) == key)
            {
                Some((_, list)) => list.push(*agreement),
                None => statements.push((text.clone(), vec![*agreement])),
            }
        }
    }
    let baselines = baselines(
        store,
        program_id,
        statements.iter().map(|(t, _)| t.as_str()),
    )?;
    let benefit = |text: &str| {
        let lower = text.to_lowercase();
        BENEFITS
            .iter()
            .position(|words| words.iter().any(|w| lower.contains(w)))
    };
    let mut statements: Vec<StatementShare> = statements
        .into_iter()
        .map(|(text, answers)| {
            let agree = answers.iter().filter(|&&a| a >= 4).count() as f64;
            let baseline = baselines
                .get(&normalize_header(&text))
                .cloned()
                .unwrap_or_default();
            let baseline_agree = baseline.iter().filter(|&&a| a >= 4).count() as f64;
            StatementShare {
                promised: benefit(&text).is_some(),
                agree_share: round2(agree / answers.len() as f64),
                responses: answers.len() as u32,
                baseline_share: (!baseline.is_empty())
                    .then(|| round2(baseline_agree / baseline.len() as f64)),
                baseline_responses: baseline.len() as u32,
                text,
            }
        })
        .collect();
    statements.sort_by_key(|s| benefit(&s.text).unwrap_or(BENEFITS.len()));
    let scores: Vec<u8> = recommend.iter().map(|r| r.1).collect();
    let of_role = |role: Role| -> Vec<u8> {
        recommend
            .iter()
            .filter(|r| r.0 == role)
            .map(|r| r.1)
            .collect()
    };
    let rate = |n: u32, of: u32| (of > 0).then(|| round2(f64::from(n) / f64::from(of)));
    Ok(Outcomes {
        program: program.name,
        organization: program.organization,
        response_rate: BTreeMap::from([
            (
                "participant",
                rate(responses.participant, invited.participant),
            ),
            ("mentor", rate(responses.mentor, invited.mentor)),
        ]),
        responses,
        invited,
        satisfaction_mean: (!satisfaction.is_empty())
            .then(|| round2(satisfaction.iter().sum::<f64>() / satisfaction.len() as f64)),
        satisfaction_responses: satisfaction.len() as u32,
        nps: nps(&scores),
        nps_responses: scores.len() as u32,
        nps_by_role: BTreeMap::from([
            ("participant", nps(&of_role(Role::Participant))),
            ("mentor", nps(&of_role(Role::Mentor))),
        ]),
        promoters: scores.iter().filter(|&&s| s >= 9).count() as u32,
        passives: scores.iter().filter(|&&s| (7..=8).contains(&s)).count() as u32,
        detractors: scores.iter().filter(|&&s| s <= 6).count() as u32,
        statements,
        goals_text: goals_text(goals_achieved, goals_recorded, &goals),
        goals_reached: goals,
        goals_recorded,
        goals_achieved,
        relationships_text: super::relationships_text(completed, ended, unmet, running),
        completed,
        completed_unmet: unmet,
        ended_early: ended,
        ended_early_pairs,
        running,
        comments,
    })
}

/// The participants' own answers, on their application, to the same
/// statements (a Google grid's "Question [Statement]" or the statement as
/// its own question), by the statement's normalized wording.
fn baselines<'a>(
    store: &Store,
    program_id: i64,
    statements: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Vec<u8>>> {
    let wanted: Vec<String> = statements.map(normalize_header).collect();
    let mut out: HashMap<String, Vec<u8>> = HashMap::new();
    if wanted.is_empty() {
        return Ok(out);
    }
    for person in list_people(store, program_id, Some(Role::Participant))? {
        for (question, answer) in &person.application.answers {
            let key = normalize_header(&statement_text(question));
            if !wanted.contains(&key) {
                continue;
            }
            if let Some(a) = answers::agreement(&answer.to_text()) {
                out.entry(key).or_default().push(a);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::nps;

    #[test]
    fn net_promoter_score_counts_promoters_minus_detractors() {
        // 2 promoters, 1 passive, 1 detractor of 4: (2 − 1) / 4 = +25.
        assert_eq!(nps(&[10, 9, 8, 3]), Some(25.0));
        assert_eq!(nps(&[6, 6]), Some(-100.0));
        assert_eq!(nps(&[]), None);
    }
}
