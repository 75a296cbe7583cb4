//! `matchbook report [outcomes]`: the board report (tracking, satisfaction,
//! at risk, outcomes once evaluations are in) and the outcomes report, as
//! text, JSON, CSV or PDF.

use std::fmt::Write as _;
use std::path::PathBuf;

use matchbook::dates::day_or_today;
use matchbook::output::write_atomically;
use matchbook::tracking::{self, PairStatus};
use matchbook::{programs, Result, Store};

use super::to_json;
use super::tracking::state_words;

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
         {} meetings logged, {} more reported in check-ins ({} per pair), periods with a meeting {} of {}, goals achieved {} of {}\n",
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
    if s.groups > 0 {
        let _ = writeln!(
            out,
            "{} group{} of {} people, {} group meeting{} logged, {} check-in{} answered",
            s.groups,
            if s.groups == 1 { "" } else { "s" },
            s.people_in_groups,
            s.group_meetings,
            if s.group_meetings == 1 { "" } else { "s" },
            s.group_check_ins,
            if s.group_check_ins == 1 { "" } else { "s" }
        );
        for g in &s.groups_at_risk {
            let _ = writeln!(out, "{} at risk: {}", g.name, g.reasons.join(" "));
        }
    }
    if let Some(notice) = &report.dashboard.term_notice {
        let _ = writeln!(out, "{notice}");
    }
    let _ = writeln!(out, "Satisfaction: {}\n", s.satisfaction_text);
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
            "\nOutcomes: evaluations from {} participants and {} mentors. {}",
            o.responses.participant, o.responses.mentor, o.goals_text
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
    let o = tracking::outcomes(store, program_id)?;
    let mut saved = String::new();
    if let Some(path) = &args.csv {
        write_atomically(path, &tracking::outcomes_csv(store, program_id)?)?;
        let _ = writeln!(saved, "Saved the outcomes as CSV to {}", path.display());
    }
    if let Some(path) = &args.pdf {
        write_atomically(path, &tracking::outcomes_pdf(store, program_id, as_of)?)?;
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
        "Goals: {}\nRelationships: {}",
        if o.goals_text.is_empty() {
            "none recorded in Matchbook, and no evaluation reports any yet."
        } else {
            &o.goals_text
        },
        o.relationships_text
    );
    // Each comment apart, with who wrote it: none is dropped in silence.
    if !o.comments.is_empty() {
        let _ = writeln!(out, "\nComments ({}):", o.comments.len());
        for c in &o.comments {
            let text = c.text.trim().replace('\n', "\n   ");
            let _ = writeln!(out, "\n  \"{text}\"\n    — a {}", c.role);
        }
    }
    out.push_str(&saved);
    Ok(out)
}
