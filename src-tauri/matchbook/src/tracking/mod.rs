//! Tracking: the 18 months after matching. Which pairs are on track, which
//! have gone quiet; their goals, meetings, check-ins, reminders and reports.
//!
//! A pair is a match the committee confirmed (status confirmed, ended or
//! completed). Its check-in periods come from the program's kickoff date and
//! cadence ([`Term`], from the shared [`crate::term`]); a pair confirmed after the kickoff (late, or
//! a re-match) is expected to meet in the period it was confirmed in when at
//! least half of that period was still ahead, and from the next one
//! otherwise. Every read takes an "as of" date, so reports can look back and
//! tests can stand anywhere in the term.
//!
//! - `status`: where each pair stands.
//! - `board`: the dashboard, with who has not answered and the totals.
//! - `detail`: one pair's page (goals, meetings, timeline).
//! - `records`: writing goals, meetings and progress.
//! - `ending`: ending pairs early (and undoing it), completing them.
//! - `risk`: a pair's risk marked handled.
//! - `report`: the program report (JSON, CSV, PDF).
//! - `reminder`: what a reminder to an overdue pair says.
//! - `outcomes`: the program outcomes report (page, PDF, CSV): the
//!   evaluations `surveys` imported, beside the goals and relationships.
//! - [`calendar`]: the .ics calendar of the check-ins.

mod board;
pub mod calendar;
mod detail;
mod ending;
#[cfg(test)]
mod files_tests;
mod groups;
mod outcomes;
mod outcomes_files;
mod records;
mod reminder;
mod report;
mod risk;
mod status;
#[cfg(test)]
mod term_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod walk_tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::people::Person;
use crate::surveys::Pulse;

pub use crate::surveys::pulse::RiskHandled;
pub use crate::term::{checkin_state_label, CheckIn, Period, Term};
pub use board::dashboard;
pub use detail::{pair_detail, pair_of_participant, status_words};
pub use ending::{
    complete_pairs, end_pair, end_reason_text, mentor_leaves, undo_end, END_REASONS, MENTOR_LEFT,
};
pub use groups::{
    add_group_meeting, member_page, member_page_of, tracked_groups, GroupMeeting, GroupRow,
    MemberPage,
};
pub use outcomes::{outcomes, Outcomes};
pub use outcomes_files::{outcomes_csv, outcomes_pdf};
pub use records::{
    add_goal, add_meeting, edit_goal, edit_meeting, set_record_deleted, update_goal, GoalInput,
    GoalUpdateInput, MeetingInput, RecordKind,
};
pub use reminder::{reminder_facts, Reminder, ReminderFacts, ReminderPerson};
pub use report::{report, report_csv, report_pdf, Report};
pub use risk::{mark_risk_handled, undo_risk_handled};
use status::goal_status_as_of;
pub(crate) use status::goal_status_as_of as goal_status_sql;

/// A check-in is "due soon" this many days before its date.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where a pair stands, as the dashboard shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairState {
    OnTrack,
    DueSoon,
    Overdue,
    /// The term is over and the pair not yet marked completed: nothing is
    /// due, overdue or at risk any more.
    TermOver,
    /// Completed at the end of its term.
    Completed,
    /// Ended early.
    Ended,
}

impl PairState {
    pub fn as_str(self) -> &'static str {
        match self {
            PairState::OnTrack => "on_track",
            PairState::DueSoon => "due_soon",
            PairState::Overdue => "overdue",
            PairState::TermOver => "term_over",
            PairState::Completed => "completed",
            PairState::Ended => "ended",
        }
    }

    /// Every state, most urgent first: the dashboard's filter buttons.
    pub const ALL: [PairState; 6] = [
        PairState::Overdue,
        PairState::DueSoon,
        PairState::OnTrack,
        PairState::TermOver,
        PairState::Completed,
        PairState::Ended,
    ];

    /// The committee's word for the state: the one copy the report, the
    /// CSV and the interface show.
    pub fn label(self) -> &'static str {
        match self {
            PairState::OnTrack => "On track",
            PairState::DueSoon => "Due soon",
            PairState::Overdue => "Overdue",
            PairState::TermOver => "Term over",
            PairState::Completed => "Completed",
            PairState::Ended => "Ended early",
        }
    }

    /// How the interface marks the state: `ok`, `warn`, `bad` or `neutral`.
    pub fn kind(self) -> &'static str {
        match self {
            PairState::OnTrack => "ok",
            PairState::DueSoon => "warn",
            PairState::Overdue => "bad",
            PairState::TermOver | PairState::Completed | PairState::Ended => "neutral",
        }
    }

    /// Completed or ended early: the pair no longer meets.
    pub fn is_over(self) -> bool {
        matches!(self, PairState::Completed | PairState::Ended)
    }

    /// Overdue or due soon: the committee should chase the pair now.
    pub fn needs_check_in(self) -> bool {
        matches!(self, PairState::Overdue | PairState::DueSoon)
    }

    /// Overdue first on the dashboard, ended last.
    fn urgency(self) -> u8 {
        match self {
            PairState::Overdue => 0,
            PairState::DueSoon => 1,
            PairState::OnTrack => 2,
            PairState::TermOver => 3,
            PairState::Completed => 4,
            PairState::Ended => 5,
        }
    }
}

/// What can be done with a pair, besides its calendar: `log_meeting`,
/// `edit_records` (goals and meetings) while it runs, with `remind` (left
/// out for a pair at risk) and `end_early` during the term and `complete`
/// after it; `rematch` once it ended early.
pub fn pair_actions(outcome: &str, term_over: bool) -> Vec<&'static str> {
    match outcome {
        "active" if term_over => vec!["log_meeting", "edit_records", "complete"],
        "active" => vec!["log_meeting", "edit_records", "remind", "end_early"],
        "ended_early" => vec!["rematch"],
        _ => Vec::new(),
    }
}

/// The words for a pair's outcome (`active`, `ended_early`, `completed`,
/// `completed_unmet`: completed without a meeting on record).
pub fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "ended_early" => "Ended early",
        "completed" => "Completed",
        "completed_unmet" => "Completed without a meeting on record",
        _ => "Running",
    }
}

/// How the relationships ended, as the committee reads it: "28 completed ·
/// 1 ended early · 1 without a meeting on record" (running ones last, while
/// there are any).
pub fn relationships_text(completed: u32, ended_early: u32, unmet: u32, running: u32) -> String {
    let mut parts = vec![
        format!("{completed} completed"),
        format!("{ended_early} ended early"),
    ];
    if unmet > 0 {
        parts.push(format!("{unmet} without a meeting on record"));
    }
    if running > 0 {
        parts.push(format!("{running} running"));
    }
    parts.join(" · ")
}

/// A value the interface offers in a list, with its label.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

/// Goal statuses, in the order a goal moves through them.
pub const GOAL_STATUSES: [Choice; 4] = [
    Choice {
        value: "not_started",
        label: "Not started",
    },
    Choice {
        value: "in_progress",
        label: "In progress",
    },
    Choice {
        value: "achieved",
        label: "Achieved",
    },
    Choice {
        value: "dropped",
        label: "Dropped",
    },
];

/// How a pair met (empty: not recorded).
pub const MEETING_MODES: [Choice; 4] = [
    Choice {
        value: "",
        label: "Not recorded",
    },
    Choice {
        value: "in_person",
        label: "In person",
    },
    Choice {
        value: "video",
        label: "Video call",
    },
    Choice {
        value: "phone",
        label: "Phone call",
    },
];

/// The status a progress note most likely records: a goal not started is
/// now in progress; any other keeps its status.
pub fn suggested_goal_status(status: &str) -> &'static str {
    match status {
        "not_started" | "in_progress" => "in_progress",
        other => GOAL_STATUSES
            .iter()
            .find(|c| c.value == other)
            .map_or("in_progress", |c| c.value),
    }
}

/// The label of `value` in `choices`, or the first choice's when unknown.
pub fn choice_label(choices: &[Choice], value: &str) -> &'static str {
    choices
        .iter()
        .find(|c| c.value == value)
        .or(choices.first())
        .map_or("", |c| c.label)
}

/// A pair as the dashboard and `report --json` show it.
#[derive(Debug, Clone, Serialize)]
pub struct PairStatus {
    pub match_id: i64,
    pub participant_id: i64,
    pub participant: String,
    pub participant_email: Option<String>,
    pub participant_library: String,
    pub mentor_id: i64,
    pub mentor: String,
    pub mentor_email: Option<String>,
    pub mentor_library: String,
    pub confirmed_on: Option<NaiveDate>,
    pub starts: NaiveDate,
    pub ends: NaiveDate,
    pub months_elapsed: u32,
    pub months_total: u32,
    /// Logged or reported (per period the larger of the two).
    pub meetings: u32,
    /// Logged in Matchbook; `meetings - meetings_logged` were only reported in check-ins.
    pub meetings_logged: u32,
    pub last_meeting: Option<NaiveDate>,
    pub next_due: Option<NaiveDate>,
    /// The missed check-in's date when the pair is overdue.
    pub overdue_since: Option<NaiveDate>,
    pub status: PairState,
    /// [`PairState::label`] and [`PairState::kind`].
    pub status_label: &'static str,
    pub status_kind: &'static str,
    /// [`PairState::needs_check_in`].
    pub needs_check_in: bool,
    /// `active`, `ended_early` or `completed`.
    pub outcome: &'static str,
    /// [`outcome_label`].
    pub outcome_label: &'static str,
    /// The outcome is `active`: the pair meets and its records change.
    pub running: bool,
    /// [`pair_actions`].
    pub actions: Vec<&'static str>,
    /// Its first check-in period has begun, or it has met.
    pub started: bool,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: String,
    /// The term is over but the pair has not been marked completed yet.
    pub term_over: bool,
    pub goals_total: u32,
    pub goals_achieved: u32,
    /// The check-in an answer given on the "as of" day reports on, when
    /// the pair is expected at it: what check-in requests ask about and
    /// whose answers "not answered" looks for.
    pub survey_period: Option<u32>,
    pub checkins: Vec<CheckIn>,
    /// What its check-in responses say: satisfaction, at risk and why.
    #[serde(flatten)]
    pub pulse: Pulse,
}

impl PairStatus {
    /// Overdue and not at risk: the pair gets the bulk reminder to meet.
    pub fn reminded(&self) -> bool {
        self.status == PairState::Overdue && self.actions.contains(&"remind")
    }

    /// The check-in of [`PairStatus::survey_period`].
    pub fn survey_checkin(&self) -> Option<&CheckIn> {
        let number = self.survey_period?;
        self.checkins.iter().find(|c| c.number == number)
    }
}

/// Someone who has not answered this period's check-in yet.
#[derive(Debug, Clone, Serialize)]
pub struct NotAnswered {
    pub match_id: i64,
    pub person_id: i64,
    pub name: String,
    pub email: Option<String>,
    /// "participant" or "mentor".
    pub role: &'static str,
    pub period: String,
    /// Their own pre-filled check-in link, when the program has one.
    pub survey_link: Option<String>,
}

/// Program totals at the top of the dashboard.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub pairs: u32,
    pub active: u32,
    pub on_track: u32,
    pub due_soon: u32,
    pub overdue: u32,
    pub ended_early: u32,
    /// Completed with a meeting logged or reported.
    pub completed: u32,
    /// Completed without any meeting on record (shown apart).
    pub completed_unmet: u32,
    /// [`relationships_text`].
    pub relationships_text: String,
    /// Meetings logged in Matchbook plus those only reported in check-ins
    /// (a period counts the larger of the two).
    pub meetings: u32,
    /// Meetings logged in Matchbook.
    pub meetings_logged: u32,
    /// Meetings the pairs reported in check-ins, beyond those logged.
    pub meetings_reported: u32,
    pub goals_total: u32,
    pub goals_achieved: u32,
    /// Running pairs whose check-ins put them at risk.
    pub at_risk: u32,
    /// Overdue pairs the bulk reminder goes to ([`PairStatus::reminded`]).
    pub to_remind: u32,
    /// Of the people expected to answer this period's check-in, the share
    /// who have (None when the program collects no check-ins); in a program
    /// of peer circles, the people of the circles.
    pub response_rate: Option<f64>,
    /// Confirmed groups or circles whose check-ins put them at risk.
    pub groups_at_risk: u32,
}

/// The dashboard of a program.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub program_id: i64,
    pub program: String,
    pub as_of: NaiveDate,
    pub kickoff_date: Option<NaiveDate>,
    /// The last day of the program's term (from its kickoff date).
    pub term_ends: Option<NaiveDate>,
    /// Once the term is over and pairs still run: "The term ended 31
    /// October 2027: complete the pairs."
    pub term_notice: Option<String>,
    pub relationship_months: u32,
    pub cadence_months: u32,
    /// [`DUE_SOON_DAYS`].
    pub due_soon_days: i64,
    pub totals: Totals,
    /// Each state with its label and number of pairs, most urgent first.
    pub statuses: Vec<StateCount>,
    /// [`MEETING_MODES`], for logging a meeting from the dashboard.
    pub meeting_modes: Vec<Choice>,
    /// The program has imported check-in responses.
    pub collects_check_ins: bool,
    /// The program has a pre-filled check-in link.
    pub survey_link: bool,
    /// Who has not answered this period (when check-ins are collected or linked).
    pub not_answered: Vec<NotAnswered>,
    /// The words in a note that put a pair at risk.
    pub at_risk_phrases: Vec<&'static str>,
    pub pairs: Vec<PairStatus>,
    /// The program's confirmed groups or peer circles, one row each (empty
    /// in a one-to-one program).
    pub groups: Vec<GroupRow>,
}

/// A state and how many pairs are in it.
#[derive(Debug, Clone, Serialize)]
pub struct StateCount {
    pub status: PairState,
    pub label: &'static str,
    pub count: u32,
}

/// A goal with its progress notes.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub area: String,
    pub target_date: Option<NaiveDate>,
    pub status: String,
    /// The status's label from [`GOAL_STATUSES`].
    pub status_label: &'static str,
    /// [`suggested_goal_status`], what the progress form offers first.
    pub update_status: &'static str,
    pub created_at: String,
    pub updates: Vec<GoalUpdate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalUpdate {
    pub id: i64,
    pub date: String,
    pub status: String,
    /// The status's label from [`GOAL_STATUSES`].
    pub status_label: &'static str,
    pub note: String,
}

/// A meeting the pair reported.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub date: String,
    pub mode: String,
    /// The mode's label from [`MEETING_MODES`].
    pub mode_label: &'static str,
    pub minutes: Option<u32>,
    pub topics: String,
    pub notes: String,
    /// Said when the meeting is outside the term, so it counts toward no
    /// period: "Before the kickoff on 1 May 2027: it counts toward no period".
    pub outside_term: Option<String>,
}

/// Meetings a pair reported in one check-in beyond those logged.
#[derive(Debug, Clone, Serialize)]
pub struct ReportedMeetings {
    pub period: String,
    pub meetings: u32,
    /// "2 meetings reported in the Q1 check-in".
    pub text: String,
}

/// One line of a pair's history, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: String,
    /// `meeting`, `goal`, `goal_update`, `match` or `check_in`.
    pub kind: &'static str,
    pub title: String,
    pub detail: String,
}

/// Everything on a pair's page.
#[derive(Debug, Clone, Serialize)]
pub struct PairDetail {
    pub as_of: NaiveDate,
    pub pair: PairStatus,
    pub participant: Person,
    pub mentor: Person,
    pub goals: Vec<Goal>,
    pub meetings: Vec<Meeting>,
    /// Meetings reported in check-ins and not logged, per period.
    pub reported: Vec<ReportedMeetings>,
    pub timeline: Vec<TimelineEntry>,
    /// The participant's areas, offered when a goal is added.
    pub areas: Vec<String>,
    /// [`GOAL_STATUSES`] and [`MEETING_MODES`], for the forms.
    pub goal_statuses: Vec<Choice>,
    pub meeting_modes: Vec<Choice>,
    /// [`END_REASONS`], for ending the pair early.
    pub end_reasons: Vec<Choice>,
}
