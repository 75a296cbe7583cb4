//! `matchbook meetings|goals|pairs|report|calendar …`: the 18 months after matching.

use std::fmt::Write as _;
use std::path::PathBuf;

use matchbook::dates::day_or_today;
use matchbook::output::write_atomically;
use matchbook::time::today;
use matchbook::tracking::{
    self, calendar, GoalInput, GoalUpdateInput, MeetingInput, PairDetail, PairState, RecordKind,
};
use matchbook::{programs, Result, Store};

use super::to_json;
use super::views::{GoalAdded, GroupMeetingAdded, MeetingAdded};

#[derive(clap::Subcommand, Debug)]
pub enum MeetingsCommand {
    /// Log a meeting a pair (or with --group, a whole group) reported.
    Add {
        /// The participant's email (or exact name).
        #[arg(long, required_unless_present = "group")]
        participant: Option<String>,
        /// A confirmed group's number (`groups list`): the meeting counts for every member.
        #[arg(long, conflicts_with = "participant")]
        group: Option<i64>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, value_name = "in-person|video|phone", default_value = "")]
        mode: String,
        #[arg(long, value_name = "N")]
        minutes: Option<u32>,
        #[arg(long, default_value = "")]
        topics: String,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List a pair's meetings.
    List(PairArgs),
    /// Delete a meeting (`meetings restore ID` brings it back).
    Delete { id: i64 },
    /// Bring a deleted meeting back.
    Restore { id: i64 },
}

/// Names one pair, by its participant, for a listing.
#[derive(clap::Args, Debug)]
pub struct PairArgs {
    /// The participant's email (or exact name).
    #[arg(long)]
    participant: String,
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand, Debug)]
pub enum GoalsCommand {
    /// Add a goal to a running pair.
    Add {
        #[arg(long)]
        participant: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        description: String,
        /// The area the goal belongs to (for the report), e.g. "Management".
        #[arg(long, default_value = "")]
        area: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        target: Option<String>,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record progress on a goal.
    Update {
        /// The goal's number (`goals list` shows it).
        id: i64,
        #[arg(long, value_name = "in-progress|achieved|dropped")]
        status: String,
        #[arg(long, default_value = "")]
        note: String,
        /// The day of the progress (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// List a pair's goals with their progress.
    List(PairArgs),
    /// Delete a goal (`goals restore ID` brings it back).
    Delete { id: i64 },
    /// Bring a deleted goal back.
    Restore { id: i64 },
}

#[derive(clap::Subcommand, Debug)]
pub enum PairsCommand {
    /// End a relationship early; the participant can then be matched again.
    End {
        #[arg(long)]
        participant: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Why, from the list (say more with --note; "other" needs one).
        #[arg(
            long,
            value_name = "moved-away|changed-jobs|too-busy|not-a-good-fit|other"
        )]
        reason: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// Undo ending a pair early (while the participant has no new mentor).
    Reopen {
        #[arg(long)]
        participant: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// A mentor leaves the program: their running pairs end and their places become 0.
    MentorLeaves {
        /// The mentor's email (or exact name).
        #[arg(long)]
        mentor: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// Mark what put a pair at risk as handled; it is at risk again only with newer evidence.
    Handled {
        #[arg(long)]
        participant: String,
        /// How it was handled, e.g. "Called Eli; they meet again in May".
        #[arg(long, required_unless_present = "undo")]
        note: Option<String>,
        /// The day it was handled (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Undo the latest "handled" instead: the pair reads as before it.
        #[arg(long, conflicts_with_all = ["note", "date"])]
        undo: bool,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// Mark pairs completed at the end of the term (every pair whose term is over, unless
    /// --participant), dated to the term's last day unless --date says otherwise.
    Complete {
        #[arg(long)]
        participant: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct CalendarArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// Only this participant's pair.
    #[arg(long)]
    participant: Option<String>,
    /// Only this confirmed group or circle (`groups list` numbers them).
    #[arg(long, conflicts_with = "participant")]
    group: Option<i64>,
    #[arg(long, value_name = "FILE.ics")]
    out: PathBuf,
    /// Also the check-in dates already past (the program calendar starts today otherwise).
    #[arg(long)]
    past_dates: bool,
}

fn pair(store: &Store, program: Option<&str>, participant: &str) -> Result<i64> {
    let program = programs::resolve_program(store, program)?;
    tracking::pair_of_participant(store, program.id, participant)
}

pub fn meetings(store: &mut Store, command: MeetingsCommand) -> Result<String> {
    let today = today();
    match command {
        MeetingsCommand::Add {
            participant,
            group,
            date,
            mode,
            minutes,
            topics,
            notes,
            program,
            json,
        } => {
            let input = MeetingInput {
                date,
                mode,
                minutes,
                topics,
                notes,
            };
            if let Some(group) = group {
                let program = programs::resolve_program(store, program.as_deref())?;
                let id = tracking::add_group_meeting(store, program.id, group, &input, today)?;
                return if json {
                    to_json(&GroupMeetingAdded { id, group })
                } else {
                    Ok(format!(
                        "Logged meeting {id} for group {group}; it counts for every member.\n"
                    ))
                };
            }
            let participant = participant.unwrap_or_default();
            let match_id = pair(store, program.as_deref(), &participant)?;
            let id = tracking::add_meeting(store, match_id, &input, today)?;
            let detail = tracking::pair_detail(store, match_id, today)?;
            if json {
                return to_json(&MeetingAdded {
                    id,
                    pair: &detail.pair,
                });
            }
            // A meeting outside the term is kept, and said to count toward no period.
            let note = detail
                .meetings
                .iter()
                .find(|m| m.id == id)
                .and_then(|m| m.outside_term.as_deref())
                .map(|why| format!("{why}.\n"))
                .unwrap_or_default();
            Ok(format!(
                "Logged meeting {id} for {} and {} ({} meeting{} now; status {}).\n{note}",
                detail.pair.participant,
                detail.pair.mentor,
                detail.pair.meetings,
                if detail.pair.meetings == 1 { "" } else { "s" },
                state_words(detail.pair.status)
            ))
        }
        MeetingsCommand::List(args) => list(store, args, RecordKind::Meeting),
        MeetingsCommand::Delete { id } => set_deleted(store, RecordKind::Meeting, id, true),
        MeetingsCommand::Restore { id } => set_deleted(store, RecordKind::Meeting, id, false),
    }
}

/// `meetings|goals list`: a pair's meetings or goals, as text or JSON.
fn list(store: &Store, args: PairArgs, kind: RecordKind) -> Result<String> {
    let match_id = pair(store, args.program.as_deref(), &args.participant)?;
    let detail = tracking::pair_detail(store, match_id, today())?;
    match (kind, args.json) {
        (RecordKind::Meeting, true) => to_json(&detail.meetings),
        (RecordKind::Meeting, false) => Ok(meetings_text(&detail)),
        (RecordKind::Goal, true) => to_json(&detail.goals),
        (RecordKind::Goal, false) => Ok(goals_text(&detail)),
    }
}

/// `meetings|goals delete|restore ID` (any pair: the command line names it by
/// its number). Deleting only marks it, so `restore` brings it back.
fn set_deleted(store: &mut Store, kind: RecordKind, id: i64, deleted: bool) -> Result<String> {
    tracking::set_record_deleted(store, kind, id, None, deleted)?;
    let noun = kind.noun();
    Ok(if deleted {
        format!("Deleted {noun} {id}. `matchbook {noun}s restore {id}` brings it back.\n")
    } else {
        let mut sentence = noun.to_string();
        sentence[..1].make_ascii_uppercase();
        format!("{sentence} {id} is back.\n")
    })
}

/// `meetings list`: one line per meeting.
fn meetings_text(detail: &PairDetail) -> String {
    let mut out = String::new();
    for m in &detail.meetings {
        let _ = writeln!(
            out,
            "{:>5}  {}  {:<9} {:>4}  {}",
            m.id,
            m.date,
            m.mode.replace('_', " "),
            m.minutes.map(|n| format!("{n}m")).unwrap_or_default(),
            m.topics
        );
        if let Some(why) = &m.outside_term {
            let _ = writeln!(out, "       ({why})");
        }
    }
    if out.is_empty() {
        out = format!("No meetings logged for {} yet.\n", detail.pair.participant);
    }
    out
}

pub fn goals(store: &mut Store, command: GoalsCommand) -> Result<String> {
    let today = today();
    match command {
        GoalsCommand::Add {
            participant,
            title,
            description,
            area,
            target,
            program,
            json,
        } => {
            let match_id = pair(store, program.as_deref(), &participant)?;
            let input = GoalInput {
                title,
                description,
                area,
                target_date: target.unwrap_or_default(),
            };
            let id = tracking::add_goal(store, match_id, &input)?;
            if json {
                return to_json(&GoalAdded { id, match_id });
            }
            Ok(format!(
                "Added goal {id}. Record progress with `matchbook goals update {id} --status in-progress --note …`.\n"
            ))
        }
        GoalsCommand::Update {
            id,
            status,
            note,
            date,
        } => {
            let input = GoalUpdateInput {
                status,
                note,
                date: date.unwrap_or_default(),
            };
            tracking::update_goal(store, id, None, &input, today)?;
            Ok(format!("Goal {id} updated.\n"))
        }
        GoalsCommand::List(args) => list(store, args, RecordKind::Goal),
        GoalsCommand::Delete { id } => set_deleted(store, RecordKind::Goal, id, true),
        GoalsCommand::Restore { id } => set_deleted(store, RecordKind::Goal, id, false),
    }
}

/// `goals list`: each goal with its progress below it.
fn goals_text(detail: &PairDetail) -> String {
    let mut out = String::new();
    for g in &detail.goals {
        let _ = writeln!(
            out,
            "{:>5}  {:<12} {}{}",
            g.id,
            tracking::status_words(&g.status),
            g.title,
            g.target_date
                .map(|d| format!(" (by {d})"))
                .unwrap_or_default()
        );
        for u in &g.updates {
            let _ = writeln!(
                out,
                "         {}  {}: {}",
                u.date,
                tracking::status_words(&u.status),
                u.note
            );
        }
    }
    if out.is_empty() {
        out = format!("No goals for {} yet.\n", detail.pair.participant);
    }
    out
}

pub fn pairs(store: &mut Store, command: PairsCommand) -> Result<String> {
    let today = today();
    match command {
        PairsCommand::End {
            participant,
            date,
            reason,
            note,
            program,
        } => {
            let match_id = pair(store, program.as_deref(), &participant)?;
            let date = day_or_today(date.as_deref())?;
            tracking::end_pair(store, match_id, date, &reason, &note, today)?;
            Ok(format!(
                "Ended the relationship on {date}. `matchbook match run` places the participant again (never with the same mentor); `matchbook pairs reopen --participant {participant}` undoes it.\n"
            ))
        }
        PairsCommand::Reopen {
            participant,
            program,
        } => {
            let match_id = pair(store, program.as_deref(), &participant)?;
            tracking::undo_end(store, match_id)?;
            Ok("The relationship runs again, as before it was ended.\n".to_string())
        }
        PairsCommand::MentorLeaves {
            mentor,
            date,
            note,
            program,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let person = matchbook::identity::find_person(
                store,
                program.id,
                matchbook::people::Role::Mentor,
                &mentor,
            )?;
            let date = day_or_today(date.as_deref())?;
            let ended = tracking::mentor_leaves(store, person.id, date, &note, today)?;
            Ok(format!(
                "{} left the program: {} ended on {date} and their places are now 0. `matchbook match run` offers their mentees new mentors.\n",
                person.application.name,
                match ended.len() {
                    1 => "1 pair".to_string(),
                    n => format!("{n} pairs"),
                }
            ))
        }
        PairsCommand::Handled {
            participant,
            note,
            date,
            undo,
            program,
        } => {
            let match_id = pair(store, program.as_deref(), &participant)?;
            if undo {
                tracking::undo_risk_handled(store, match_id)?;
                return Ok("Undid \"handled\": the pair reads as before it.\n".into());
            }
            let date = day_or_today(date.as_deref())?;
            let note = note.unwrap_or_default();
            tracking::mark_risk_handled(store, match_id, date, &note, today)?;
            Ok(format!(
                "Marked the risk handled on {date}. The pair is at risk again only if a later check-in says so.\n"
            ))
        }
        PairsCommand::Complete {
            participant,
            date,
            program,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let ids = match participant {
                Some(p) => vec![tracking::pair_of_participant(store, program.id, &p)?],
                None => Vec::new(),
            };
            // Without --date each pair is completed on its term's last day.
            let date = date.as_deref().map(|d| day_or_today(Some(d))).transpose()?;
            let n = tracking::complete_pairs(store, program.id, &ids, date, today)?;
            let board = tracking::dashboard(store, program.id, today)?;
            Ok(format!(
                "Marked {n} pair{} completed{}. Relationships: {}.\n",
                if n == 1 { "" } else { "s" },
                match (date, board.term_ends) {
                    (Some(d), _) | (None, Some(d)) => format!(" on {d}"),
                    _ => String::new(),
                },
                board.totals.relationships_text
            ))
        }
    }
}

/// "due_soon" → "due soon": the state's own name, for the text table.
pub(super) fn state_words(state: PairState) -> String {
    state.as_str().replace('_', " ")
}

pub fn calendar(store: &Store, args: CalendarArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let match_id = match &args.participant {
        Some(p) => Some(tracking::pair_of_participant(store, program.id, p)?),
        None => None,
    };
    if let Some(group) = args.group {
        let ics = calendar::group_calendar(store, program.id, group, today(), args.past_dates)?;
        write_atomically(&args.out, ics.as_bytes())?;
        return Ok(format!(
            "Wrote the group's check-in calendar to {}\n",
            args.out.display()
        ));
    }
    let file = calendar::calendar(store, program.id, match_id, today(), args.past_dates)?;
    write_atomically(&args.out, file.ics.as_bytes())?;
    if file.events == 0 {
        // Say why the calendar is empty, and how to have the past dates.
        return Ok(format!(
            "{} The calendar written to {} is empty.{}\n",
            file.summary(),
            args.out.display(),
            if file.past_left_out > 0 {
                " Add --past-dates to have them."
            } else {
                ""
            }
        ));
    }
    Ok(format!(
        "Wrote {} to {}\n",
        file.summary(),
        args.out.display()
    ))
}
