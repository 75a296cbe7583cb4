//! `matchbook criteria …`: what a pair's score is made of. The built-in
//! criteria and the committee's own (a participant question compared with a
//! mentor question), suggestions from the two forms, and changing them.

use std::fmt::Write as _;

use matchbook::matching::{
    self, CriterionChange, CriterionDef, LeftOut, NewCircleCriterion, NewCriterion,
};
use matchbook::{programs, Result, Store};
use serde::Serialize;

use super::to_json;

#[derive(clap::Subcommand, Debug)]
pub enum CriteriaCommand {
    /// List the criteria: the built-in ones and the committee's own.
    List {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Propose criteria from questions both forms ask (nothing changes without --apply).
    Suggest {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// Add every suggestion.
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Compare a participant question with a mentor question, or (with
    /// --question, in a peer-circles program) circle members' answers to one question.
    Add {
        /// The participant question: its number (`questions list`) or exact wording.
        #[arg(long, required_unless_present = "question")]
        participant: Option<String>,
        /// The mentor question: its number or exact wording.
        #[arg(long, required_unless_present = "question")]
        mentor: Option<String>,
        /// Between circle members: a participant question they should answer
        /// the same way (--compare same) or differently (--compare mixed).
        #[arg(long, conflicts_with_all = ["participant", "mentor"])]
        question: Option<String>,
        #[arg(
            long,
            value_name = "shared|same|closeness|mentor-more|requested|avoid|text|mixed"
        )]
        compare: String,
        /// 0–100 (default 50).
        #[arg(long)]
        weight: Option<u8>,
        /// A hard rule: pairs that do not match are ruled out.
        #[arg(long)]
        must: bool,
        /// For --compare text with --must: the similarity (0–100 %) a pair needs.
        #[arg(long, value_name = "PERCENT")]
        min_similarity: Option<u8>,
        /// For --compare same: count it only for participants who said yes to this question.
        #[arg(long, value_name = "QUESTION")]
        only_if_yes: Option<String>,
        #[arg(long)]
        label: Option<String>,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Three pairs whose answers to a "similar writing" criterion are most
    /// alike, with the words both wrote: to judge the comparison before computing.
    Examples {
        id: i64,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a criterion's weight, must-match switch or label.
    Set {
        id: i64,
        #[arg(long)]
        weight: Option<u8>,
        #[arg(long, conflicts_with = "no_must")]
        must: bool,
        #[arg(long)]
        no_must: bool,
        /// For a similar-writing criterion: the similarity (0–100 %) must-match asks for.
        #[arg(long, value_name = "PERCENT")]
        min_similarity: Option<u8>,
        /// For "Their choice": the share of its weight (percent) a 1st, 2nd and 3rd choice score.
        #[arg(long, value_name = "1ST,2ND,3RD", value_delimiter = ',')]
        choice_shares: Option<Vec<u8>>,
        #[arg(long)]
        label: Option<String>,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// Remove one of the committee's criteria.
    Remove {
        id: i64,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
}

/// `criteria … --json`: the criteria, as one object; for `suggest`, also
/// the questions deliberately left out, each with its reason.
#[derive(Serialize)]
struct CriteriaJson<'a> {
    criteria: &'a [CriterionDef],
    #[serde(skip_serializing_if = "Option::is_none")]
    left_out: Option<&'a [LeftOut]>,
}

pub fn execute(store: &mut Store, command: CriteriaCommand) -> Result<String> {
    match command {
        CriteriaCommand::List { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let criteria = matching::list_criteria(store, program.id)?;
            show(&criteria, json, "No criteria.")
        }
        CriteriaCommand::Suggest {
            program,
            apply,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let found = matching::suggest_criteria(store, program.id)?;
            let suggestions = if apply {
                matching::apply_suggestions(store, program.id)?
            } else {
                found.criteria
            };
            if json {
                return to_json(&CriteriaJson {
                    criteria: &suggestions,
                    left_out: Some(&found.left_out),
                });
            }
            let none = "Nothing to suggest: no question of one form pairs with a question of the other that the built-in criteria do not already use.";
            let mut out = show(&suggestions, false, none)?;
            if apply && !suggestions.is_empty() {
                out.push_str("Added. `matchbook match run` uses them now.\n");
            }
            if !found.left_out.is_empty() {
                let _ = writeln!(out, "\nNot compared ({}):", found.left_out.len());
                for q in &found.left_out {
                    let _ = writeln!(out, "  {} ({}): {}", q.question, q.role.as_str(), q.reason);
                }
            }
            Ok(out)
        }
        CriteriaCommand::Add {
            participant,
            mentor,
            question,
            compare,
            weight,
            must,
            min_similarity,
            only_if_yes,
            label,
            program,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            if let Some(question) = question {
                let new = NewCircleCriterion {
                    question,
                    compare,
                    weight,
                    label,
                };
                let added = matching::add_circle_criterion(store, program.id, &new)?;
                return show(std::slice::from_ref(&added), json, "");
            }
            let new = NewCriterion {
                participant_question: participant.unwrap_or_default(),
                mentor_question: mentor.unwrap_or_default(),
                compare,
                weight,
                must,
                label,
                min_similarity,
                gate_question: only_if_yes,
            };
            let added = matching::add_criterion(store, program.id, &new)?;
            show(std::slice::from_ref(&added), json, "")
        }
        CriteriaCommand::Set {
            id,
            weight,
            must,
            no_must,
            min_similarity,
            choice_shares,
            label,
            program,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let change = CriterionChange {
                weight,
                must: (must || no_must).then_some(must),
                label,
                min_similarity,
                choice_shares,
            };
            let c = matching::set_criterion(store, program.id, id, &change)?;
            Ok(format!("{}\n", line(&c)))
        }
        CriteriaCommand::Examples { id, program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let examples = matching::writing_examples(store, program.id, id)?;
            if json {
                return to_json(&examples);
            }
            if examples.is_empty() {
                return Ok("No pair wrote about the same things yet.\n".into());
            }
            let mut out = String::new();
            for e in &examples {
                let _ = writeln!(
                    out,
                    "{} and {}: {:.0}% similar. Both wrote about: {}",
                    e.participant,
                    e.mentor,
                    e.similarity,
                    e.shared_words.join(", ")
                );
            }
            Ok(out)
        }
        CriteriaCommand::Remove { id, program } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            matching::remove_criterion(store, program.id, id)?;
            Ok(format!("Removed criterion {id}.\n"))
        }
    }
}

fn show(criteria: &[CriterionDef], json: bool, none: &str) -> Result<String> {
    if json {
        return to_json(&CriteriaJson {
            criteria,
            left_out: None,
        });
    }
    if criteria.is_empty() {
        return Ok(format!("{none}\n"));
    }
    let mut out = String::new();
    for c in criteria {
        let _ = writeln!(out, "{}", line(c));
        if let Some(why) = &c.why {
            let _ = writeln!(out, "       why: {why}");
        }
    }
    Ok(out)
}

/// One criterion on one line (two when the questions differ).
fn line(c: &CriterionDef) -> String {
    // A suggestion has no number yet.
    let id = if c.id == 0 {
        "new".to_string()
    } else {
        c.id.to_string()
    };
    let mut text = format!(
        "{:>4}  {:<3} {:<18} {}{}",
        id,
        c.weight,
        c.compare.label(),
        c.label,
        match (c.must, c.min_similarity) {
            (true, Some(min)) => format!("  (must match: at least {min}% similar)"),
            (true, None) => "  (must match)".to_string(),
            _ => String::new(),
        }
    );
    if let Some([first, second, third]) = c.choice_shares {
        let _ = write!(
            text,
            "\n       a 1st choice scores {first}% of the weight, a 2nd {second}%, a 3rd {third}%{}",
            if c.asked { "" } else { " (nobody has stated choices yet)" }
        );
    }
    if let Some(gate) = &c.gate_question {
        let _ = write!(
            text,
            "\n       only for those who said yes to: {}",
            gate.text
        );
    }
    if c.participant_question.text != c.mentor_question.text && !c.built_in {
        let _ = write!(
            text,
            "\n       participant: {} · mentor: {}",
            c.participant_question.text, c.mentor_question.text
        );
    }
    text
}
