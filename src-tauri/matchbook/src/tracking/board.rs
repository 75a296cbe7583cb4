//! The dashboard of a program: every pair's status (from `status`), most
//! urgent first, who has not answered the check-in they are asked about,
//! the totals, and the end-of-term notice.

use chrono::NaiveDate;

use super::status::statuses;
use super::{
    Dashboard, NotAnswered, PairState, PairStatus, StateCount, Totals, DUE_SOON_DAYS, MEETING_MODES,
};
use crate::error::Result;
use crate::programs::{get_program, Program};
use crate::store::Store;
use crate::surveys;

/// The dashboard of a program as of a date: every confirmed pair (running,
/// ended or completed), overdue first, with the program's totals.
pub fn dashboard(store: &Store, program_id: i64, as_of: NaiveDate) -> Result<Dashboard> {
    let program = get_program(store, program_id)?;
    let mut pairs = statuses(store, &program, None, as_of)?;
    // At-risk pairs first: their own answers say they need the committee.
    pairs.sort_by(|a, b| {
        (
            !a.pulse.at_risk,
            a.status.urgency(),
            a.overdue_since.or(a.next_due),
            a.participant.to_lowercase(),
        )
            .cmp(&(
                !b.pulse.at_risk,
                b.status.urgency(),
                b.overdue_since.or(b.next_due),
                b.participant.to_lowercase(),
            ))
    });
    let mut totals = totals(&pairs);
    let collects = surveys::pulse::collects_check_ins(store, program_id)?;
    let not_answered = not_answered(&program, &pairs);
    if collects {
        // People, not pair sides: a mentor of two answers once.
        let expected = pairs
            .iter()
            .filter(|p| p.running && p.survey_checkin().is_some())
            .flat_map(|p| [p.participant_id, p.mentor_id])
            .collect::<std::collections::HashSet<i64>>()
            .len() as u32;
        totals.response_rate = (expected > 0)
            .then(|| f64::from(expected - not_answered.len() as u32) / f64::from(expected));
    }
    let groups = super::groups::tracked_groups(store, program_id, as_of)?;
    totals.groups_at_risk = groups.iter().filter(|g| g.pulse.at_risk).count() as u32;
    if collects && pairs.is_empty() {
        // Peer circles: the people of every group asked about a check-in now.
        let asked: u32 = groups
            .iter()
            .filter(|g| g.pulse.period.is_some())
            .map(|g| g.pulse.asked)
            .sum();
        let answered: u32 = groups.iter().map(|g| g.pulse.answered).sum();
        totals.response_rate = (asked > 0).then(|| f64::from(answered) / f64::from(asked));
    }
    let term_ends = program
        .kickoff_date
        .map(|kickoff| program.term(None, kickoff).ends);
    let term_notice = term_ends
        .filter(|ends| as_of > *ends && totals.active > 0)
        .map(|ends| {
            format!(
                "The term ended {}: complete the pairs.",
                crate::time::long_date(ends)
            )
        });
    Ok(Dashboard {
        program_id,
        term_ends,
        term_notice,
        program: program.name,
        as_of,
        kickoff_date: program.kickoff_date,
        relationship_months: program.relationship_months,
        cadence_months: program.cadence_months,
        due_soon_days: DUE_SOON_DAYS,
        statuses: PairState::ALL
            .into_iter()
            .map(|status| StateCount {
                status,
                label: status.label(),
                count: pairs.iter().filter(|p| p.status == status).count() as u32,
            })
            .collect(),
        meeting_modes: MEETING_MODES.to_vec(),
        totals,
        collects_check_ins: collects,
        survey_link: !program.survey_link.is_empty(),
        not_answered: if collects || !program.survey_link.is_empty() {
            not_answered
        } else {
            Vec::new()
        },
        at_risk_phrases: surveys::at_risk_phrases(),
        pairs,
        groups,
    })
}

/// Everyone in a running pair who has not answered the check-in their
/// answers would now report on ([`PairStatus::survey_period`]), with their
/// own survey link when the program has one: once each, though a mentor of
/// two mentees is in two pairs.
fn not_answered(program: &Program, pairs: &[PairStatus]) -> Vec<NotAnswered> {
    let mut out: Vec<NotAnswered> = Vec::new();
    for pair in pairs.iter().filter(|p| p.running) {
        let Some(current) = pair.survey_checkin() else {
            continue;
        };
        let sides = [
            (
                pair.participant_id,
                &pair.participant,
                &pair.participant_email,
                "participant",
                pair.pulse.participant_answered,
            ),
            (
                pair.mentor_id,
                &pair.mentor,
                &pair.mentor_email,
                "mentor",
                pair.pulse.mentor_answered,
            ),
        ];
        for (id, name, email, role, answered) in sides {
            if answered || out.iter().any(|n| n.person_id == id) {
                continue;
            }
            out.push(NotAnswered {
                match_id: pair.match_id,
                person_id: id,
                name: name.clone(),
                survey_link: crate::programs::survey_link_for(program, email.as_deref()),
                email: email.clone(),
                role,
                period: current.label.clone(),
            });
        }
    }
    out
}

/// The program's totals over its pairs.
fn totals(pairs: &[PairStatus]) -> Totals {
    let mut totals = Totals::default();
    for pair in pairs {
        totals.pairs += 1;
        match pair.outcome {
            "ended_early" => totals.ended_early += 1,
            "completed" => totals.completed += 1,
            "completed_unmet" => totals.completed_unmet += 1,
            _ => totals.active += 1,
        }
        match pair.status {
            PairState::OnTrack => totals.on_track += 1,
            PairState::DueSoon => totals.due_soon += 1,
            PairState::Overdue => totals.overdue += 1,
            PairState::TermOver | PairState::Completed | PairState::Ended => {}
        }
        totals.meetings += pair.meetings;
        totals.meetings_logged += pair.meetings_logged;
        totals.to_remind += u32::from(pair.reminded());
        totals.at_risk += u32::from(pair.pulse.at_risk);
        totals.goals_total += pair.goals_total;
        totals.goals_achieved += pair.goals_achieved;
    }
    totals.meetings_reported = totals.meetings.saturating_sub(totals.meetings_logged);
    totals.relationships_text = super::relationships_text(
        totals.completed,
        totals.ended_early,
        totals.completed_unmet,
        totals.active,
    );
    totals
}
