//! `matchbook match …`: compute, explain, lock, veto and confirm matches,
//! translated to the core's functions and rendered as text or JSON.

use std::collections::BTreeMap;

use clap::Subcommand;
use matchbook::matching::{self, Criterion, Goal, Weights};
use matchbook::people::Role;
use matchbook::programs;
use matchbook::{Error, Result, Store};

use super::match_text::{figures_side_by_side, quality_text, view_text};
use super::to_json;
use super::views::{MatchesJson, NoMatchesJson, QualityJson, ScoresJson};

#[derive(Subcommand, Debug)]
pub enum MatchCommand {
    /// Compute the best matches and save them as the program's new proposal.
    Run {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// total: the highest total score. fairest: raise the weakest pair
        /// first (as many matched, the lowest score as high as it can be,
        /// then the highest total). stable: no one would trade (no
        /// participant and mentor both prefer each other to their matches).
        #[arg(long, value_name = "GOAL", default_value = "total", value_parser = ["total", "fairest", "stable"])]
        goal: String,
        #[arg(long)]
        json: bool,
    },
    /// The full score matrix (every participant still to match × every mentor).
    Scores {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// What the total hides: the spread of pair scores, the weakest pairs,
    /// and pairs who would both score higher together.
    Quality {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// A computed version (see `match versions`); the proposal when left out.
        #[arg(long, value_name = "N")]
        version: Option<i64>,
        /// Count pairs scoring below this as weak (else the program's threshold).
        #[arg(long, value_name = "SCORE")]
        weak_below: Option<f64>,
        #[arg(long)]
        json: bool,
    },
    /// Compute both goals without saving either, and show their figures side by side.
    CompareGoals {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long, value_name = "SCORE")]
        weak_below: Option<f64>,
        #[arg(long)]
        json: bool,
    },
    /// Show or set the score below which a pair counts as weak.
    WeakBelow {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// The new threshold (a score).
        score: Option<f64>,
        #[arg(long)]
        json: bool,
    },
    /// Always pair these two (a pair that breaks a rule needs --reason).
    Lock(PairArgs),
    /// Remove a lock.
    Unlock(PairArgs),
    /// Never pair these two.
    Veto(PairArgs),
    /// Remove a veto.
    Unveto(PairArgs),
    /// Make the newest proposal the program's matches.
    Confirm {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The current proposal, or the confirmed matches when there is none.
    Show {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// Show the confirmed matches even when a proposal is pending.
        #[arg(long)]
        confirmed: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show or change the weights of the criteria (0–100 each).
    Weights {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// e.g. --set areas=50 --set geography=0
        #[arg(long = "set", value_name = "CRITERION=WEIGHT")]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Before solving: too few places, areas in short supply.
    Gaps {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every computed version, newest first; with two numbers, what changed between them.
    Versions {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        diff: Option<Vec<i64>>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct PairArgs {
    /// The participant's email (or exact name).
    participant: String,
    /// The mentor's email (or exact name).
    mentor: String,
    #[arg(long, default_value = "")]
    reason: String,
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
}

pub fn execute(store: &mut Store, command: MatchCommand) -> Result<String> {
    match command {
        MatchCommand::Run {
            program,
            goal,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let goal = Goal::parse(&goal).unwrap_or_default();
            let view = matching::run(store, program.id, goal)?;
            if json {
                to_json(&MatchesJson::from(&view))
            } else {
                Ok(view_text(&view, &program.name))
            }
        }
        MatchCommand::Show {
            program,
            confirmed,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let view = if confirmed {
                Some(matching::confirmed_view(store, program.id)?)
            } else {
                matching::current_view(store, program.id)?
            };
            match (view, json) {
                (Some(v), true) => to_json(&MatchesJson::from(&v)),
                (Some(v), false) => Ok(view_text(&v, &program.name)),
                (None, true) => to_json(&NoMatchesJson::none()),
                (None, false) => Ok(format!(
                    "No matches in \"{}\" yet. Compute them with: matchbook match run\n",
                    program.name
                )),
            }
        }
        MatchCommand::Scores { program, json: _ } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let problem = matching::load_problem(store, program.id)?;
            to_json(&ScoresJson::from(&problem))
        }
        MatchCommand::Quality {
            program,
            version,
            weak_below,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let quality = matching::quality(store, program.id, version, weak_below)?;
            if json {
                return to_json(&QualityJson::from(&quality));
            }
            Ok(quality_text(&quality))
        }
        MatchCommand::CompareGoals {
            program,
            weak_below,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let both = matching::compare_goals(store, program.id, weak_below)?;
            if json {
                return to_json(&serde_json::json!({
                    "total": QualityJson::from(&both.total),
                    "fairest": QualityJson::from(&both.fairest),
                    "stable": QualityJson::from(&both.stable),
                    "different_pairs": both.different_pairs,
                    "stable_different_pairs": both.stable_different_pairs,
                }));
            }
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            Ok(figures_side_by_side(&[
                ("Highest total", &both.total),
                ("Weakest pair first", &both.fairest),
                ("No one would trade", &both.stable),
            ]) + &format!(
                "\nAgainst the highest total, {} participant{} would have a different mentor with the weakest pair first, {} with no one would trade.\nKeep one with: matchbook match run --goal total|fairest|stable\n",
                both.different_pairs,
                plural(both.different_pairs),
                both.stable_different_pairs,
            ))
        }
        MatchCommand::WeakBelow {
            program,
            score,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let below = match score {
                Some(score) => matching::set_weak_threshold(store, program.id, score)?,
                None => matching::weak_threshold(store, program.id)?,
            };
            if json {
                return to_json(&serde_json::json!({ "weak_below": below }));
            }
            Ok(format!("Pairs scoring below {below:.1} count as weak.\n"))
        }
        MatchCommand::Confirm { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let report = matching::confirm(store, program.id)?;
            if json {
                to_json(&report)
            } else {
                let mut out = format!(
                    "Confirmed {} match{} in \"{}\".\n",
                    report.confirmed,
                    if report.confirmed == 1 { "" } else { "es" },
                    program.name
                );
                if report.waiting > 0 {
                    out.push_str(&format!(
                        "{} on the waiting list (see: matchbook people waitlist).\n",
                        match report.waiting {
                            1 => "1 participant is".to_string(),
                            n => format!("{n} participants are"),
                        }
                    ));
                }
                Ok(out)
            }
        }
        MatchCommand::Lock(args) => pair_rule(store, args, "Locked", |s, p, a, b, r| {
            matching::lock_pair(s, p, a, b, r)
        }),
        MatchCommand::Unlock(args) => pair_rule(store, args, "Unlocked", |s, p, a, b, _| {
            matching::unlock_pair(s, p, a, b)
        }),
        MatchCommand::Veto(args) => pair_rule(store, args, "Vetoed", |s, p, a, b, r| {
            matching::veto_pair(s, p, a, b, r)
        }),
        MatchCommand::Unveto(args) => {
            pair_rule(store, args, "Lifted the veto on", |s, p, a, b, _| {
                matching::unveto_pair(s, p, a, b)
            })
        }
        MatchCommand::Weights { program, set, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let weights = if set.is_empty() {
                matching::weights(store, program.id)?
            } else {
                matching::set_weights(store, program.id, &weight_changes(&set)?)?
            };
            if json {
                return to_json(&weights);
            }
            Ok(weights_text(&weights))
        }
        MatchCommand::Gaps { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let gaps = matching::gap_analysis(&matching::load_problem(store, program.id)?);
            if json {
                return to_json(&gaps);
            }
            let mut out = format!(
                "{} participants to match, {} mentors with {} places.\n",
                gaps.participants, gaps.mentors, gaps.places
            );
            for m in gaps.messages.iter().chain(&gaps.unknown_names) {
                out.push_str(&format!("- {m}\n"));
            }
            Ok(out)
        }
        MatchCommand::Versions {
            program,
            diff,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            match diff {
                Some(ids) => version_diff(store, program.id, (ids[0], ids[1]), json),
                None => version_list(store, program.id, json),
            }
        }
    }
}

/// `--set areas=50 --set geography=0` as the core's weights.
fn weight_changes(set: &[String]) -> Result<Weights> {
    let mut changes = Weights(BTreeMap::new());
    for item in set {
        let (key, value) = item
            .split_once('=')
            .ok_or_else(|| Error::Invalid(format!("\"{item}\" should look like areas=40.")))?;
        let criterion = Criterion::parse(key.trim()).ok_or_else(|| {
            Error::Invalid(format!(
                "\"{key}\" is not a criterion; use one of: {}.",
                Criterion::ALL.map(|c| c.key()).join(", ")
            ))
        })?;
        let weight: u8 = value
            .trim()
            .parse()
            .ok()
            .filter(|w| *w <= 100)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "The weight of {key} must be a whole number from 0 to 100, not \"{value}\"."
                ))
            })?;
        changes.0.insert(criterion, weight);
    }
    Ok(changes)
}

fn weights_text(weights: &Weights) -> String {
    let mut out = String::new();
    for c in Criterion::ALL {
        out.push_str(&format!(
            "{:<18} {:>3}   {}\n",
            c.label(),
            weights.get(c),
            c.description()
        ));
    }
    out
}

/// `match versions --diff FROM TO`: who changed mentor between two versions.
fn version_diff(store: &Store, program_id: i64, ids: (i64, i64), json: bool) -> Result<String> {
    let both = matching::compare_versions(store, program_id, ids.0, ids.1)?;
    if json {
        return to_json(&serde_json::json!({
            "before": QualityJson::from(&both.before),
            "after": QualityJson::from(&both.after),
            "changes": both.changes,
        }));
    }
    let mut out = figures_side_by_side(&[
        (&format!("Version {}", ids.0), &both.before),
        (&format!("Version {}", ids.1), &both.after),
    ]);
    out.push('\n');
    if both.changes.is_empty() {
        out.push_str(&format!(
            "Versions {} and {} have the same pairs.\n",
            ids.0, ids.1
        ));
        return Ok(out);
    }
    let none = || "(no mentor)".to_string();
    for c in &both.changes {
        out.push_str(&format!(
            "{}: {} → {}\n",
            c.participant,
            c.before.clone().unwrap_or_else(none),
            c.after.clone().unwrap_or_else(none)
        ));
    }
    Ok(out)
}

fn version_list(store: &Store, program_id: i64, json: bool) -> Result<String> {
    let versions = matching::list_versions(store, program_id)?;
    if json {
        return to_json(&versions);
    }
    let mut out = format!(
        "{:>4}  {:<21} {:<11} {:<8} {:>5} {:>9} {:>9} {:>7}\n",
        "NO.", "COMPUTED", "STATUS", "GOAL", "PAIRS", "UNMATCHED", "TOTAL", "LOWEST"
    );
    for v in versions {
        out.push_str(&format!(
            "{:>4}  {:<21} {:<11} {:<8} {:>5} {:>9} {:>9.1} {:>7}\n",
            v.id,
            v.created_at,
            v.status,
            v.goal.key(),
            v.pairs,
            v.unmatched,
            v.total_score,
            v.lowest.map_or("-".to_string(), |l| format!("{l:.1}"))
        ));
    }
    Ok(out)
}

type RuleAction =
    fn(&mut Store, i64, &matchbook::people::Person, &matchbook::people::Person, &str) -> Result<()>;

fn pair_rule(store: &mut Store, args: PairArgs, verb: &str, action: RuleAction) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let participant =
        matchbook::identity::find_person(store, program.id, Role::Participant, &args.participant)?;
    let mentor = matchbook::identity::find_person(store, program.id, Role::Mentor, &args.mentor)?;
    action(store, program.id, &participant, &mentor, &args.reason)?;
    let done = format!(
        "{verb} {} with {}.",
        participant.application.name, mentor.application.name
    );
    Ok(match matching::recompute_proposal(store, program.id)? {
        Some(again) => format!(
            "{done} Computed the proposal again: {} changed.\n",
            match again.changed.len() {
                0 => "no pair".to_string(),
                1 => "1 pair".to_string(),
                n => format!("{n} pairs"),
            }
        ),
        None => format!("{done} Run `matchbook match run` to compute matches with it.\n"),
    })
}
