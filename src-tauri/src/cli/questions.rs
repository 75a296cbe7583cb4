//! `matchbook questions list`: the typed questions of a program's forms,
//! with their options and how many answered.

use std::fmt::Write as _;

use matchbook::questions::{list_questions, Question};
use matchbook::{Result, Store};

use super::people::RoleListArgs;
use super::to_json;

#[derive(clap::Subcommand, Debug)]
pub enum QuestionsCommand {
    /// List the questions of the program's forms (every imported column).
    List(RoleListArgs),
}

pub fn execute(store: &mut Store, command: QuestionsCommand) -> Result<String> {
    match command {
        QuestionsCommand::List(args) => {
            let (program, role) = args.resolve(store)?;
            let questions = list_questions(store, program.id, role)?;
            if args.json {
                return to_json(&questions);
            }
            Ok(questions_text(&questions))
        }
    }
}

/// One line per question, with its top options.
fn questions_text(questions: &[Question]) -> String {
    let mut out = String::new();
    for q in questions {
        let _ = write!(
            out,
            "{:>4}  {:<11} {:<16} {}  ({} answered)",
            q.id,
            q.role.as_str(),
            q.kind.label(),
            q.text,
            q.answered
        );
        if !q.options.is_empty() {
            let top: Vec<String> = q
                .options
                .iter()
                .take(6)
                .map(|o| format!("{} {}", o.label, o.count))
                .collect();
            let more = q.options.len().saturating_sub(6);
            let _ = write!(
                out,
                "\n        {}{}",
                top.join(" · "),
                if more > 0 {
                    format!(" · +{more} more")
                } else {
                    String::new()
                }
            );
        }
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("No questions yet: import the application spreadsheets first.\n");
    }
    out
}
