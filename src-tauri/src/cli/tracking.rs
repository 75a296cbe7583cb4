//! `matchbook meetings|goals|pairs|report|calendar …`: the 18 months after matching.

use std::fmt::Write as _;
use std::path::PathBuf;

use matchbook::output::write_atomically;
use matchbook::surveys;
use matchbook::time::{day_or_today, today};
use matchbook::tracking::{
    self, calendar, GoalInput, GoalUpdateInput, MeetingInput, PairDetail, PairState, PairStatus,
    RecordKind,
};
use matchbook::{programs, Result, Store};

use super::to_json;
use super::views::{GoalAdded, MeetingAdded};

#[derive(clap::Subcommand, Debug)]
pub enum MeetingsCommand {
    /// Log a meeting a pair reported.
    Add {
        /// The participant's email (or exact name).
        #[arg(long)]
        participant: String,
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
        #[arg(long)]
        note: String,
        /// The day it was handled (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
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
pub struct ReportArgs {
    /// "outcomes": the program outcomes report, from the end-of-program evaluations.
    #[arg(value_name = "outcomes", value_parser = ["outcomes"])]
    what: Option<String>,
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// Report as of this day instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also save it as CSV (one row per pair).
    #[arg(long, value_name = "FILE.csv")]
    csv: Option<PathBuf>,
    /// Also save it as a printable PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pdf: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct CalendarArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// Only this participant's pair.
    #[arg(long)]
    participant: Option<String>,
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
            date,
            mode,
            minutes,
            topics,
            notes,
            program,
            json,
        } => {
            let match_id = pair(store, program.as_deref(), &participant)?;
            let input = MeetingInput {
                date,
                mode,
                minutes,
                topics,
                notes,
            };
            let id = tracking::add_meeting(store, match_id, &input, today)?;
            let detail = tracking::pair_detail(store, match_id, today)?;
            if json {
                return to_json(&MeetingAdded {
                    id,
                    pair: &detail.pair,
                });
            }
            Ok(format!(
                "Logged meeting {id} for {} and {} ({} meeting{} now; status {}).\n",
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
            program,
        } => {
            let match_id = pair(store, program.as_deref(), &participant)?;
            let date = day_or_today(date.as_deref())?;
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
fn state_words(state: PairState) -> String {
    state.as_str().replace('_', " ")
}

fn pair_line(p: &PairStatus) -> String {
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    format!(
        "{:<26} {:<26} {:<9} {:>2}/{:<2} {:>3}  {:<10}  {:<10}  {}/{}",
        p.participant,
        p.mentor,
        state_words(p.status),
        p.months_elapsed,
        p.months_total,
        p.meetings,
        date(p.last_meeting),
        date(p.next_due),
        p.goals_achieved,
        p.goals_total
    )
}

pub fn report(store: &Store, args: ReportArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let as_of = day_or_today(args.as_of.as_deref())?;
    if args.what.is_some() {
        return outcomes(store, program.id, as_of, &args);
    }
    let report = tracking::report(store, program.id, as_of)?;
    let mut saved = String::new();
    if let Some(path) = &args.csv {
        write_atomically(path, &tracking::report_csv(store, program.id, as_of)?)?;
        let _ = writeln!(saved, "Saved the report as CSV to {}", path.display());
    }
    if let Some(path) = &args.pdf {
        write_atomically(path, &tracking::report_pdf(store, program.id, as_of)?)?;
        let _ = writeln!(saved, "Saved the report as PDF to {}", path.display());
    }
    if args.json {
        // JSON alone on stdout; the "saved" lines would break it.
        return to_json(&report);
    }
    let t = &report.dashboard.totals;
    let s = &report.summary;
    let mut out = format!(
        "{} as of {}: {} pairs ({} on track, {} due soon, {} overdue; relationships: {})\n\
         {} meetings logged, {} more reported in check-ins ({} per pair), check-ins met {} of {}, goals achieved {} of {}\n",
        report.dashboard.program,
        as_of,
        t.pairs,
        t.on_track,
        t.due_soon,
        t.overdue,
        t.relationships_text,
        t.meetings_logged,
        t.meetings_reported,
        s.meetings_per_pair,
        s.checkins_met,
        s.checkins_due,
        t.goals_achieved,
        t.goals_total,
    );
    if let Some(notice) = &report.dashboard.term_notice {
        let _ = writeln!(out, "{notice}");
    }
    let _ = writeln!(
        out,
        "Satisfaction: {}\n",
        s.satisfaction_mean
            .map_or("no check-in has given one yet".to_string(), |m| format!(
                "the latest of {} pairs averages {m:.1} of 5",
                s.satisfaction_pairs
            ))
    );
    let _ = writeln!(
        out,
        "{:<26} {:<26} {:<9} {:>5} {:>3}  {:<10}  {:<10}  goals",
        "participant", "mentor", "status", "months", "mtg", "last", "next due"
    );
    for p in &report.dashboard.pairs {
        let _ = writeln!(out, "{}", pair_line(p));
    }
    let at_risk: Vec<_> = report
        .dashboard
        .pairs
        .iter()
        .filter(|p| p.pulse.at_risk)
        .collect();
    if !at_risk.is_empty() {
        let _ = writeln!(out, "\nAt risk:");
        for p in at_risk {
            let _ = writeln!(out, "  {} with {}:", p.participant, p.mentor);
            for reason in &p.pulse.risk_reasons {
                let _ = writeln!(out, "    - {reason}");
            }
        }
    }
    if let Some(o) = &s.outcomes {
        let _ = writeln!(
            out,
            "\nOutcomes: evaluations from {} participants and {} mentors; relationships: {}. {}",
            o.responses.participant, o.responses.mentor, o.relationships_text, o.goals_text
        );
    }
    if !report.dashboard.not_answered.is_empty() {
        let _ = writeln!(
            out,
            "\nNot answered {} yet: {}",
            report.dashboard.not_answered[0].period,
            report
                .dashboard
                .not_answered
                .iter()
                .map(|n| n.email.clone().unwrap_or_else(|| n.name.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out.push_str(&saved);
    Ok(out)
}

/// `report outcomes`: the evaluations' figures as text, JSON, CSV or PDF.
fn outcomes(
    store: &Store,
    program_id: i64,
    as_of: chrono::NaiveDate,
    args: &ReportArgs,
) -> Result<String> {
    let o = surveys::outcomes(store, program_id)?;
    let mut saved = String::new();
    if let Some(path) = &args.csv {
        write_atomically(path, &surveys::outcomes_csv(store, program_id)?)?;
        let _ = writeln!(saved, "Saved the outcomes as CSV to {}", path.display());
    }
    if let Some(path) = &args.pdf {
        write_atomically(path, &surveys::outcomes_pdf(store, program_id, as_of)?)?;
        let _ = writeln!(saved, "Saved the outcomes as PDF to {}", path.display());
    }
    if args.json {
        return to_json(&o);
    }
    let pct = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0));
    let mut out = format!(
        "{} outcomes\nResponses: {} of {} participants ({}), {} of {} mentors ({})\nMean satisfaction: {}\nNet Promoter Score: {} ({} answers)\n",
        o.program,
        o.responses.participant,
        o.invited.participant,
        pct(o.response_rate["participant"]),
        o.responses.mentor,
        o.invited.mentor,
        pct(o.response_rate["mentor"]),
        o.satisfaction_mean.map_or("—".to_string(), |m| format!("{m:.2} of 5")),
        o.nps.map_or("—".to_string(), |n| format!("{n:+.0}")),
        o.nps_responses,
    );
    for s in &o.statements {
        let _ = writeln!(
            out,
            "  {:>4}  {}{}",
            pct(Some(s.agree_share)),
            s.text,
            s.baseline_share.map_or(String::new(), |b| format!(
                " (at application: {})",
                pct(Some(b))
            ))
        );
    }
    let _ = writeln!(
        out,
        "Goals reached (participants): {} yes, {} partly, {} no. {}\nRelationships: {}",
        o.goals_reached.yes,
        o.goals_reached.partly,
        o.goals_reached.no,
        o.goals_text,
        o.relationships_text
    );
    out.push_str(&saved);
    Ok(out)
}

pub fn calendar(store: &Store, args: CalendarArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let match_id = match &args.participant {
        Some(p) => Some(tracking::pair_of_participant(store, program.id, p)?),
        None => None,
    };
    let ics = calendar::calendar(store, program.id, match_id, today(), args.past_dates)?;
    write_atomically(&args.out, ics.as_bytes())?;
    Ok(format!(
        "Wrote {} check-in event{} to {}\n",
        ics.matches("BEGIN:VEVENT").count(),
        if ics.matches("BEGIN:VEVENT").count() == 1 {
            ""
        } else {
            "s"
        },
        args.out.display()
    ))
}
