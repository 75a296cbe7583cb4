//! `matchbook privacy …`: the retention plan (who is due for erasure and
//! when) and the erasure it plans.

use clap::Subcommand;
use matchbook::retention::{self, PlanEntry};
use matchbook::{Result, Store};

use super::to_json;

#[derive(Subcommand, Debug)]
pub enum PrivacyCommand {
    /// Each program's retention period and the day its people's details are
    /// erased (set it with `program edit --erase-after-months N`).
    Plan {
        #[arg(long)]
        json: bool,
    },
    /// Erase the details of the people of every program whose day has come;
    /// counts, pairs and survey figures stay. Shows what would go unless --yes.
    Run {
        /// Really erase (cannot be undone).
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn execute(store: &mut Store, command: PrivacyCommand) -> Result<String> {
    let today = matchbook::time::today();
    match command {
        PrivacyCommand::Plan { json } => {
            let plan = retention::privacy_plan(store, today)?;
            if json {
                return to_json(&plan);
            }
            Ok(plan_text(&plan))
        }
        PrivacyCommand::Run { yes, json } => {
            let due: Vec<PlanEntry> = retention::privacy_plan(store, today)?
                .into_iter()
                .filter(|e| e.due)
                .collect();
            if !yes {
                if due.is_empty() {
                    return Ok("No program is due for erasure today.\n".into());
                }
                return Ok(format!(
                    "Would erase the details of {}.\nThis cannot be undone; backups made earlier still hold them. Run again with --yes to erase.\n",
                    due.iter()
                        .map(|e| format!("{} people of \"{}\"", e.people, e.program))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let report = retention::run_erasure(store, today)?;
            if json {
                return to_json(&report);
            }
            Ok(if report.programs.is_empty() {
                "No program is due for erasure today.\n".into()
            } else {
                format!(
                    "Erased the details of {} people ({}). The program figures stay.\n",
                    report.people,
                    report.programs.join(", ")
                )
            })
        }
    }
}

fn plan_text(plan: &[PlanEntry]) -> String {
    if plan.is_empty() {
        return "No program holds people's details.\n".into();
    }
    let mut out: String = plan
        .iter()
        .map(|e| format!("{} ({} people): {}\n", e.program, e.people, e.note))
        .collect();
    if plan.iter().any(|e| e.due) {
        out.push_str("Erase what is due with: matchbook privacy run --yes\n");
    }
    out
}
