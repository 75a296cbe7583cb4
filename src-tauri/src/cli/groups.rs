//! `matchbook groups …`: the confirmed groups or peer circles of a program,
//! one row each with their meetings, and a member's page; and how `match
//! run|show` print groups.

use std::fmt::Write as _;

use matchbook::matching::MatchView;
use matchbook::tracking::{self, GroupRow};
use matchbook::{programs, Result, Store};

use super::to_json;

#[derive(clap::Subcommand, Debug)]
pub enum GroupsCommand {
    /// The confirmed groups (or peer circles), each with its members, meetings and check-ins.
    List {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A participant's page: their group, its members, its meetings and their check-ins.
    Show {
        /// The participant's email (or exact name).
        #[arg(long)]
        participant: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn execute(store: &mut Store, command: GroupsCommand) -> Result<String> {
    match command {
        GroupsCommand::List { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let groups = tracking::tracked_groups(store, program.id, matchbook::time::today())?;
            if json {
                return to_json(&groups);
            }
            if groups.is_empty() {
                return Ok(format!(
                    "\"{}\" has no confirmed groups. Compute them with `matchbook match run`, then confirm.\n",
                    program.name
                ));
            }
            Ok(groups.iter().map(group_text).collect())
        }
        GroupsCommand::Show {
            participant,
            program,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let page =
                tracking::member_page(store, program.id, &participant, matchbook::time::today())?;
            if json {
                return to_json(&page);
            }
            let mut out = format!("{} is in {}", page.person.name, group_text(&page.group));
            if !page.check_ins.is_empty() {
                let _ = writeln!(out, "  Their check-ins:");
            }
            for answer in &page.check_ins {
                let _ = writeln!(out, "    {}", answer.text);
            }
            Ok(out)
        }
    }
}

/// A group, its members and meetings, as text.
fn group_text(g: &GroupRow) -> String {
    let mut out = format!("{} (group {}): {}\n", g.name, g.id, g.summary);
    if let Some(m) = &g.mentor {
        let _ = writeln!(out, "  Mentor: {}", m.name);
    }
    let names: Vec<&str> = g.members.iter().map(|m| m.name.as_str()).collect();
    let _ = writeln!(out, "  Members: {}", names.join(", "));
    let _ = writeln!(out, "  Check-ins: {}", g.pulse.summary);
    for reason in &g.pulse.risk_reasons {
        let _ = writeln!(out, "  At risk: {reason}");
    }
    for m in &g.meetings {
        let _ = writeln!(
            out,
            "  {:>5}  {}  {} {}",
            m.id,
            m.date,
            m.mode.replace('_', " "),
            m.topics
        );
    }
    out
}

/// Peer circles: each with its members and why.
pub fn circles_text(view: &MatchView, title: &str, program: &str) -> String {
    let title = title.replace("matches", "circles");
    let mut out = format!(
        "{title} for \"{program}\": {} circles, total agreement {:.1}\n",
        view.groups.len(),
        view.total_score
    );
    groups_text(&mut out, view);
    if !view.unmatched.is_empty() {
        out.push_str(&format!("\nWithout a circle ({}):\n", view.unmatched.len()));
        for u in &view.unmatched {
            out.push_str(&format!("  {}: {}\n", u.participant.name, u.reason));
        }
    }
    if view.status == "proposal" {
        out.push_str("\nConfirm with: matchbook match confirm\n");
    }
    out
}

/// Each group: its name and number, members, reasons.
pub fn groups_text(out: &mut String, view: &MatchView) {
    for g in &view.groups {
        let names: Vec<&str> = g.members.iter().map(|m| m.name.as_str()).collect();
        out.push_str(&format!(
            "\n{} (group {}, {:.1}): {}\n",
            g.name,
            g.id,
            g.score,
            names.join(", ")
        ));
        for reason in &g.reasons {
            out.push_str(&format!("  {reason}\n"));
        }
    }
}
