//! `matchbook questions list`: the typed questions of a program's forms,
//! with their options and how many answered.

use std::fmt::Write as _;

use matchbook::people::Role;
use matchbook::questions::{list_questions, Question};
use matchbook::{programs, Result, Store};

use super::to_json;

#[derive(clap::Subcommand, Debug)]
pub enum QuestionsCommand {
    /// List the questions of the program's forms (every imported column).
    List {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long, value_name = "mentor|participant")]
        role: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn execute(store: &mut Store, command: QuestionsCommand) -> Result<String> {
    match command {
        QuestionsCommand::List {
            program,
            role,
            json,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let role = role.as_deref().map(Role::parse).transpose()?;
            let questions = list_questions(store, program.id, role)?;
            if json {
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
