//! `matchbook share …`, `conflicts …` and `activity`: a committee sharing a
//! program file through a folder it already shares.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use matchbook::share::{self, conflicts, SyncReport};
use matchbook::{matching, programs};
use matchbook::{Result, Store};

use super::to_json;

#[derive(Subcommand, Debug)]
pub enum ShareCommand {
    /// Share this program file through FOLDER (a Dropbox, OneDrive, Google
    /// Drive or network folder the committee shares). This file stays on this computer.
    Init {
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
        /// Your name, as the committee knows you.
        #[arg(long, value_name = "NAME")]
        member: String,
        #[arg(long)]
        json: bool,
    },
    /// Join a program shared through FOLDER, with a new program file (--db).
    Join {
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
        #[arg(long, value_name = "NAME")]
        member: String,
        #[arg(long)]
        json: bool,
    },
    /// Apply what other members' computers have written, and publish this one's changes.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// The members and computers sharing this program, and how far behind each is.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ConflictsCommand {
    /// Fields two members changed at once, with both values.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Keep one of a conflict's two values.
    Resolve {
        id: i64,
        #[arg(long, value_name = "VALUE")]
        keep: String,
    },
    /// Matchings two members confirmed at once, giving participants two mentors.
    Matchings {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Keep one of the matchings confirmed at once (its version number).
    KeepMatching {
        version: i64,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct ActivityArgs {
    /// How many entries, newest first (default 50).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn execute(store: &mut Store, command: ShareCommand) -> Result<String> {
    match command {
        ShareCommand::Init {
            folder,
            member,
            json,
        } => {
            let sharing = share::init(store, &folder, &member)?;
            if json {
                return to_json(&sharing);
            }
            Ok(format!(
                "Shared through {} as {} on {}. Other members join it with `matchbook --db NEW-FILE share join --folder {} --member NAME`.\n",
                sharing.folder.display(),
                sharing.member,
                sharing.computer_name,
                sharing.folder.display()
            ))
        }
        ShareCommand::Join { .. } => Err(matchbook::Error::Invalid(
            "Joining is handled before the program file is opened.".into(),
        )),
        ShareCommand::Sync { json } => {
            let report = share::sync(store)?;
            if json {
                return to_json(&report);
            }
            Ok(report_text(&report))
        }
        ShareCommand::Status { json } => {
            let status = share::status(store)?;
            if json {
                return to_json(&status);
            }
            let mut out = format!(
                "Shared through {}; you are {} on {}.\n",
                status.folder.display(),
                status.member,
                status.computer_name
            );
            for c in &status.computers {
                let behind = c.files_in_folder - c.files_applied;
                out.push_str(&format!(
                    "  {} on {}{}: last change {}{}\n",
                    c.member,
                    c.computer_name,
                    if c.this_computer {
                        " (this computer)"
                    } else {
                        ""
                    },
                    c.last_seen.as_deref().unwrap_or("none yet"),
                    if behind > 0 {
                        format!(", {behind} file(s) not applied yet")
                    } else {
                        String::new()
                    }
                ));
            }
            if status.conflicts > 0 {
                out.push_str(&format!(
                    "{} conflict(s): `matchbook conflicts list`.\n",
                    status.conflicts
                ));
            }
            for e in &status.erasures {
                let waiting: Vec<String> = e
                    .waiting_for
                    .iter()
                    .map(|(m, c, _)| format!("{m} on {c}"))
                    .collect();
                out.push_str(&format!(
                    "{}: done on {} of {} computers; waiting for {}.\n",
                    e.what,
                    e.done_on,
                    e.of,
                    waiting.join(", ")
                ));
            }
            Ok(out)
        }
    }
}

/// `share join`: makes the program file `path` from the shared folder.
pub fn join(path: &Path, folder: &Path, member: &str, json: bool) -> Result<String> {
    let (store, report) = share::join_file(path, folder, member)?;
    if json {
        return to_json(&report);
    }
    let sharing = share::sharing(&store)?
        .ok_or_else(|| matchbook::Error::Invalid("The join did not finish.".into()))?;
    Ok(format!(
        "Joined the program shared through {} as {}.\n{}",
        sharing.folder.display(),
        sharing.member,
        report_text(&report)
    ))
}

fn report_text(report: &SyncReport) -> String {
    let mut out = format!(
        "Applied {} change file(s) ({} change(s)); published {}.\n",
        report.applied, report.changes_applied, report.published
    );
    for w in &report.waiting {
        out.push_str(&format!(
            "Waiting for {} from {} on {}: {}.\n",
            w.file, w.member, w.computer_name, w.reason
        ));
    }
    for w in &report.refused {
        out.push_str(&format!(
            "Not applied: {} from {} on {}: {}.\n",
            w.file, w.member, w.computer_name, w.reason
        ));
    }
    if report.conflicts > 0 {
        out.push_str(&format!(
            "{} conflict(s) between members' changes: `matchbook conflicts list`.\n",
            report.conflicts
        ));
    }
    out
}

pub fn conflicts(store: &mut Store, command: ConflictsCommand) -> Result<String> {
    match command {
        ConflictsCommand::List { json } => {
            let list = conflicts::list(store)?;
            if json {
                return to_json(&list);
            }
            if list.is_empty() {
                return Ok("No conflicts.\n".into());
            }
            Ok(list
                .iter()
                .map(|c| {
                    format!(
                        "{}  {}: \"{}\" ({}, in use) or \"{}\" ({})\n",
                        c.id, c.what, c.kept, c.kept_by, c.other, c.other_by
                    )
                })
                .collect())
        }
        ConflictsCommand::Resolve { id, keep } => {
            let c = conflicts::resolve(store, id, &keep)?;
            Ok(format!("Kept \"{keep}\" for {}.\n", c.what))
        }
        ConflictsCommand::Matchings { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let list = matching::confirmed_twice(store, program.id)?;
            if json {
                return to_json(&list);
            }
            if list.is_empty() {
                return Ok("No participant was confirmed with two mentors.\n".into());
            }
            Ok(list
                .iter()
                .map(|m| {
                    format!(
                        "Matching {} confirmed {} by {}: {}\n",
                        m.version_id,
                        m.confirmed_at,
                        m.confirmed_by,
                        m.participants.join(", ")
                    )
                })
                .collect())
        }
        ConflictsCommand::KeepMatching { version, program } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let removed = matching::keep_confirmation(store, program.id, version)?;
            Ok(format!(
                "Kept matching {version}; removed {removed} pair(s) of the other.\n"
            ))
        }
    }
}

pub fn activity(store: &Store, args: ActivityArgs) -> Result<String> {
    let list = matchbook::activity::list(store, args.limit)?;
    if args.json {
        return to_json(&list);
    }
    Ok(list
        .iter()
        .map(|e| format!("{}  {} on {}: {}\n", e.at, e.member, e.computer, e.what))
        .collect())
}

/// Before a command on a shared program: apply what has arrived; after it:
/// publish. A folder that cannot be reached is said, and the command still runs.
pub fn sync_quietly(store: &mut Store) {
    if matches!(share::sharing(store), Ok(Some(_))) {
        if let Err(e) = share::sync(store) {
            eprintln!("matchbook: could not sync with the shared folder: {e}");
        }
    }
}
