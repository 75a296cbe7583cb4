//! The committee's program report (JSON, CSV, PDF) and reminder texts.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{dashboard, Dashboard};
use crate::error::{Error, Result};
use crate::output::SpreadsheetCsv;
use crate::programs::get_program;
use crate::store::Store;
use crate::time::long_date;
use crate::typeset;

/// Meetings in one check-in period across the program.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodSummary {
    pub number: u32,
    pub label: String,
    pub meetings: u32,
    /// Pairs that met at least once in the period.
    pub pairs_met: u32,
    /// Pairs expected to meet in it (the period has begun and belongs to them).
    pub pairs_expected: u32,
}

/// Goals set and achieved in one area.
#[derive(Debug, Clone, Serialize)]
pub struct AreaGoals {
    pub area: String,
    pub set: u32,
    pub achieved: u32,
}

/// A relationship that ended before the term.
#[derive(Debug, Clone, Serialize)]
pub struct EndedPair {
    pub participant: String,
    pub mentor: String,
    pub ended_on: Option<NaiveDate>,
    pub reason: String,
}

/// A pair at risk and why, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct AtRiskPair {
    pub participant: String,
    pub mentor: String,
    pub reasons: Vec<String>,
}

/// What the program achieved, for the committee.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub meetings_per_pair: f64,
    /// Share of the check-ins whose period is over that had a meeting, 0–1.
    pub checkins_met_share: Option<f64>,
    pub checkins_due: u32,
    pub checkins_met: u32,
    pub periods: Vec<PeriodSummary>,
    pub goals_by_area: Vec<AreaGoals>,
    pub ended_early: Vec<EndedPair>,
    /// The mean of each pair's latest satisfaction (1–5), over the pairs
    /// that gave one; None before any check-in.
    pub satisfaction_mean: Option<f64>,
    pub satisfaction_pairs: u32,
    /// Satisfaction in one place, each figure named by where it comes from:
    /// the check-ins during the term, and the evaluations at its end.
    pub satisfaction_text: String,
    pub at_risk: Vec<AtRiskPair>,
    /// What the end-of-program evaluations say, once any is in.
    pub outcomes: Option<super::Outcomes>,
    /// Confirmed groups or peer circles, the people in them and the
    /// meetings they logged as a group.
    pub groups: u32,
    pub people_in_groups: u32,
    pub group_meetings: u32,
    /// Check-in answers joined to the groups, and the groups they put at risk.
    pub group_check_ins: u32,
    pub groups_at_risk: Vec<AtRiskGroup>,
}

/// A group or circle at risk and why, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct AtRiskGroup {
    pub name: String,
    pub reasons: Vec<String>,
}

/// The report: the dashboard plus the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub dashboard: Dashboard,
    pub summary: Summary,
}

/// The program report as of a date.
pub fn report(store: &Store, program_id: i64, as_of: NaiveDate) -> Result<Report> {
    let dashboard = dashboard(store, program_id, as_of)?;
    let mut periods: BTreeMap<u32, PeriodSummary> = BTreeMap::new();
    let (mut due, mut met) = (0u32, 0u32);
    for pair in &dashboard.pairs {
        for c in &pair.checkins {
            let row = periods.entry(c.number).or_insert_with(|| PeriodSummary {
                number: c.number,
                label: c.label.clone(),
                meetings: 0,
                pairs_met: 0,
                pairs_expected: 0,
            });
            row.meetings += c.meetings;
            if c.meetings > 0 {
                row.pairs_met += 1;
            }
            if c.expected && matches!(c.state, "met" | "missed" | "due") {
                row.pairs_expected += 1;
            }
            // Only expected periods that are over count toward the share met.
            if c.expected && c.due < as_of && matches!(c.state, "met" | "missed") {
                due += 1;
                if c.state == "met" {
                    met += 1;
                }
            }
        }
    }

    let mut areas: BTreeMap<String, AreaGoals> = BTreeMap::new();
    {
        let mut stmt = store.conn().prepare(&format!(
            "SELECT g.area, count(*), sum({} = 'achieved') FROM goals g
             JOIN matches x ON x.id = g.match_id
             WHERE x.program_id = ?1 AND g.deleted_at IS NULL
               AND x.status IN ('confirmed', 'ended', 'completed')
               AND substr(g.created_at, 1, 10) <= ?2
               AND (x.confirmed_at IS NULL OR substr(x.confirmed_at, 1, 10) <= ?2)
             GROUP BY g.area",
            super::goal_status_as_of("?2")
        ))?;
        let rows = stmt.query_map(rusqlite::params![program_id, as_of.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        for row in rows {
            let (area, set, achieved) = row?;
            let area = match area.trim() {
                "" => "No area given".to_string(),
                a => a.to_string(),
            };
            let entry = areas.entry(area.clone()).or_insert(AreaGoals {
                area,
                set: 0,
                achieved: 0,
            });
            entry.set += set;
            entry.achieved += achieved;
        }
    }
    let mut goals_by_area: Vec<AreaGoals> = areas.into_values().collect();
    goals_by_area.sort_by(|a, b| b.set.cmp(&a.set).then(a.area.cmp(&b.area)));

    let ended_early = dashboard
        .pairs
        .iter()
        .filter(|p| p.outcome == "ended_early")
        .map(|p| EndedPair {
            participant: p.participant.clone(),
            mentor: p.mentor.clone(),
            ended_on: p.ended_on,
            reason: p.end_reason.clone(),
        })
        .collect();
    let pairs = dashboard.pairs.len() as f64;
    let rated: Vec<f64> = dashboard
        .pairs
        .iter()
        .filter_map(|p| p.pulse.satisfaction.map(f64::from))
        .collect();
    let at_risk = dashboard
        .pairs
        .iter()
        .filter(|p| p.pulse.at_risk)
        .map(|p| AtRiskPair {
            participant: p.participant.clone(),
            mentor: p.mentor.clone(),
            reasons: p.pulse.risk_reasons.clone(),
        })
        .collect();
    let outcomes = super::outcomes(store, program_id)?;
    let evaluated = outcomes.responses.participant + outcomes.responses.mentor > 0;
    let satisfaction_mean = (!rated.is_empty())
        .then(|| (rated.iter().sum::<f64>() / rated.len() as f64 * 10.0).round() / 10.0);
    let groups = &dashboard.groups;
    let summary = Summary {
        groups: groups.len() as u32,
        people_in_groups: groups.iter().map(|g| g.members.len() as u32).sum(),
        group_meetings: groups.iter().map(|g| g.meetings.len() as u32).sum(),
        group_check_ins: groups.iter().map(|g| g.pulse.check_ins).sum(),
        groups_at_risk: groups
            .iter()
            .filter(|g| g.pulse.at_risk)
            .map(|g| AtRiskGroup {
                name: g.name.clone(),
                reasons: g.pulse.risk_reasons.clone(),
            })
            .collect(),
        satisfaction_text: satisfaction_text(
            satisfaction_mean.map(|m| (m, rated.len() as u32)),
            outcomes
                .satisfaction_mean
                .filter(|_| evaluated)
                .map(|m| (m, outcomes.satisfaction_responses)),
        ),
        satisfaction_mean,
        satisfaction_pairs: rated.len() as u32,
        at_risk,
        outcomes: evaluated.then_some(outcomes),
        meetings_per_pair: if pairs > 0.0 {
            (f64::from(dashboard.totals.meetings) / pairs * 10.0).round() / 10.0
        } else {
            0.0
        },
        checkins_met_share: (due > 0).then(|| f64::from(met) / f64::from(due)),
        checkins_due: due,
        checkins_met: met,
        periods: periods.into_values().collect(),
        goals_by_area,
        ended_early,
    };
    Ok(Report { dashboard, summary })
}

/// "In the check-ins, the latest satisfaction of 12 pairs averages 4.2 of
/// 5. In the end-of-program evaluations, 4.5 of 5 (18 answers)."
fn satisfaction_text(check_ins: Option<(f64, u32)>, evaluations: Option<(f64, u32)>) -> String {
    let mut text = match check_ins {
        Some((mean, pairs)) => format!(
            "In the check-ins, the latest satisfaction of {pairs} pair{} averages {mean:.1} of 5.",
            if pairs == 1 { "" } else { "s" }
        ),
        None => "No check-in has given a satisfaction yet.".to_string(),
    };
    if let Some((mean, answers)) = evaluations {
        text.push_str(&format!(
            " In the end-of-program evaluations, {mean:.1} of 5 ({answers} answer{}).",
            if answers == 1 { "" } else { "s" }
        ));
    }
    text
}

/// The report as CSV, one row per pair (UTF-8 with a byte order mark for
/// Excel; cells that a spreadsheet would run as formulas are neutralized).
pub fn report_csv(store: &Store, program_id: i64, as_of: NaiveDate) -> Result<Vec<u8>> {
    let report = report(store, program_id, as_of)?;
    let periods: Vec<String> = report
        .summary
        .periods
        .iter()
        .map(|p| p.label.clone())
        .collect();
    let mut csv = SpreadsheetCsv::new("Could not write the CSV");
    let mut header: Vec<String> = [
        "program",
        "as_of",
        "participant",
        "participant_email",
        "mentor",
        "mentor_email",
        "status",
        "outcome",
        "months_elapsed",
        "meetings",
        "last_meeting",
        "next_due",
        "goals_total",
        "goals_achieved",
        "ended_on",
        "end_reason",
        "meetings_logged",
        "satisfaction",
        "at_risk",
        "why_at_risk",
        "risk_handled",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(periods.iter().cloned());
    csv.header(&header)?;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for p in &report.dashboard.pairs {
        let mut record = vec![
            report.dashboard.program.clone(),
            as_of.to_string(),
            p.participant.clone(),
            p.participant_email.clone().unwrap_or_default(),
            p.mentor.clone(),
            p.mentor_email.clone().unwrap_or_default(),
            p.status.label().to_string(),
            p.outcome.replace('_', " "),
            format!("{} of {}", p.months_elapsed, p.months_total),
            p.meetings.to_string(),
            date(p.last_meeting),
            date(p.next_due),
            p.goals_total.to_string(),
            p.goals_achieved.to_string(),
            date(p.ended_on),
            p.end_reason.clone(),
            p.meetings_logged.to_string(),
            p.pulse
                .satisfaction
                .map(|n| n.to_string())
                .unwrap_or_default(),
            if p.pulse.at_risk { "yes" } else { "no" }.to_string(),
            p.pulse.risk_reasons.join(" "),
            p.pulse
                .risk_handled
                .as_ref()
                .map(|h| format!("{}: {}", h.date, h.note))
                .unwrap_or_default(),
        ];
        record.extend(p.checkins.iter().map(|c| c.state.replace('_', " ")));
        csv.record(&record)?;
    }
    csv.finish()
}

/// The report as a printable PDF (Typst, the same engine as the letters).
pub fn report_pdf(store: &Store, program_id: i64, as_of: NaiveDate) -> Result<Vec<u8>> {
    let report = report(store, program_id, as_of)?;
    let program = get_program(store, program_id)?;
    let mut data = serde_json::to_value(&report).map_err(|e| Error::Invalid(e.to_string()))?;
    let pairs: Vec<serde_json::Value> = report
        .dashboard
        .pairs
        .iter()
        .map(|p| {
            serde_json::json!({
                "participant": p.participant,
                "mentor": p.mentor,
                "status": p.status.label(),
                "state": p.status.as_str(),
                "months": format!("{} / {}", p.months_elapsed, p.months_total),
                "meetings": p.meetings,
                "last_meeting": p.last_meeting.map(long_date).unwrap_or_else(|| "—".into()),
                "goals": format!("{} / {}", p.goals_achieved, p.goals_total),
                "checkins": p.checkins.iter().map(|c| c.state).collect::<Vec<_>>(),
            })
        })
        .collect();
    let ended: Vec<serde_json::Value> = report
        .summary
        .ended_early
        .iter()
        .map(|e| {
            serde_json::json!({
                "participant": e.participant,
                "mentor": e.mentor,
                "ended_on": e.ended_on.map(long_date).unwrap_or_default(),
                "reason": e.reason,
            })
        })
        .collect();
    let words = program.shape.words();
    if let Some(object) = data.as_object_mut() {
        object.insert(
            "groups".into(),
            groups_for_print(&report.dashboard.groups).into(),
        );
        object.insert(
            "units_title".into(),
            crate::text::capitalize(words.units).into(),
        );
        object.insert("unit".into(), words.unit.into());
        object.insert("pairs".into(), pairs.into());
        object.insert("ended".into(), ended.into());
        object.insert("as_of_text".into(), long_date(as_of).into());
        object.insert("organization".into(), program.organization.clone().into());
        object.insert(
            "share_text".into(),
            match report.summary.checkins_met_share {
                Some(share) => format!("{:.0} %", share * 100.0),
                None => "—".into(),
            }
            .into(),
        );
        object.insert(
            "kickoff_text".into(),
            program
                .kickoff_date
                .map(long_date)
                .unwrap_or_else(|| "not set".into())
                .into(),
        );
    }
    let document = typeset::layout_report(&data)?;
    typeset::pdf(&document)
}

/// Each group or circle as the printed report lists it: who is in it, its
/// meetings, its check-ins and, when at risk, why.
fn groups_for_print(groups: &[super::GroupRow]) -> Vec<serde_json::Value> {
    groups
        .iter()
        .map(|g| {
            let names: Vec<&str> = g.members.iter().map(|m| m.name.as_str()).collect();
            serde_json::json!({
                "name": g.name,
                "mentor": g.mentor.as_ref().map(|m| m.name.clone()).unwrap_or_default(),
                "members": names.join(", "),
                "meetings": g.summary,
                "check_ins": g.pulse.summary,
                "at_risk": g.pulse.at_risk,
                "reasons": g.pulse.risk_reasons,
            })
        })
        .collect()
}
