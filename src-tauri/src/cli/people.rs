//! `matchbook people …`: list the people of a program, change a mentor's
//! number of mentees, erase a person.

use std::collections::BTreeMap;

use clap::Subcommand;
use matchbook::people::{self, ErasePreview, Person, Role};
use matchbook::programs::{self, Program};
use matchbook::{Error, Result, Store};

use super::to_json;

#[derive(Subcommand, Debug)]
pub enum PeopleCommand {
    /// List people.
    List(RoleListArgs),
    /// Set how many mentees a mentor can take (when they agree to a change).
    Capacity {
        /// The mentor's email (or exact name).
        who: String,
        /// Mentees they can take (0-12).
        mentees: u32,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// The waiting list: participants left without a mentor when matches were
    /// confirmed, with the reason; they are matched first when places open.
    Waitlist {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Who the program's eligibility rules leave out of matching, and why
    /// (set the rules with `program edit --mentor-min-years N --past-participants-wait N`).
    Eligibility {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Match someone the eligibility rules leave out anyway, with the committee's reason.
    Eligible {
        /// Their email (or exact name).
        who: String,
        /// Why the committee matches them anyway (kept with the decision).
        #[arg(long, value_name = "REASON", required_unless_present = "clear")]
        r#override: Option<String>,
        /// Take the override back: the rules apply to them again.
        #[arg(long, conflicts_with = "override")]
        clear: bool,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// Record the day someone gave the consent their form asked for ("I agree
    /// that…"): until then, a no or no answer keeps them out of matching.
    Consent {
        /// Their email (or exact name).
        who: String,
        /// The day they gave it (YYYY-MM-DD, or as written: 3 March 2027).
        #[arg(long, value_name = "DATE")]
        given: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
    },
    /// Everything the file holds about a person, for them: JSON and a readable
    /// PDF (answers, application rows, matches, goals, meetings, check-ins, letters).
    Export {
        /// Their email (or exact name).
        who: String,
        /// The folder to write into.
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// mentor or participant (when the same email applied as both).
        #[arg(long)]
        role: Option<String>,
    },
    /// Erase a person and everything about them (applications, matches, goals,
    /// meetings, letters log) from the file. Shows what would go unless --yes.
    Delete {
        /// Their email (or exact name).
        who: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// mentor or participant (when the same email applied as both).
        #[arg(long)]
        role: Option<String>,
        /// Really erase (cannot be undone).
        #[arg(long)]
        yes: bool,
    },
}

/// A listing of one program, of one role or both (`people list`, `questions list`).
#[derive(clap::Args, Debug)]
pub struct RoleListArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// mentor or participant (default: both).
    #[arg(long)]
    role: Option<String>,
    #[arg(long)]
    pub json: bool,
}

impl RoleListArgs {
    /// The program named (or the only one) and the role asked for.
    pub fn resolve(&self, store: &Store) -> Result<(Program, Option<Role>)> {
        let program = programs::resolve_program(store, self.program.as_deref())?;
        let role = self.role.as_deref().map(Role::parse).transpose()?;
        Ok((program, role))
    }
}

pub fn execute(store: &mut Store, command: PeopleCommand) -> Result<String> {
    match command {
        PeopleCommand::List(args) => {
            let (program, role) = args.resolve(store)?;
            let people = people::list_people(store, program.id, role)?;
            let history = matchbook::returning::program_history(store, program.id)?;
            if args.json {
                let questions = matchbook::questions::list_questions(store, program.id, role)?;
                return to_json(&super::views::people_with_answers(
                    &people, &questions, &history,
                ));
            }
            Ok(people_table(&people, &history))
        }
        PeopleCommand::Capacity {
            who,
            mentees,
            program,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            // A participant is found too, so the refusal says why ("only mentors…").
            let mentor = one_person(store, &program, &who, Some("mentor"))
                .or_else(|_| one_person(store, &program, &who, None))?;
            let mentor = people::set_capacity(store, mentor.id, mentees)?;
            Ok(format!(
                "{} can now take {}.\n",
                mentor.application.name,
                match mentees {
                    1 => "1 mentee".to_string(),
                    n => format!("{n} mentees"),
                }
            ))
        }
        PeopleCommand::Waitlist { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let waiting = matchbook::matching::waiting_list(store, program.id)?;
            if json {
                return to_json(&waiting);
            }
            Ok(waiting_table(&program, &waiting))
        }
        PeopleCommand::Eligibility { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let mut list = matchbook::eligibility::no_consent(store, program.id)?;
            list.extend(matchbook::eligibility::not_eligible(store, program.id)?);
            if json {
                return to_json(&list);
            }
            if list.is_empty() {
                return Ok(format!(
                    "Everyone in \"{}\" meets its eligibility rules and gave the consent its forms ask for.\n",
                    program.name
                ));
            }
            Ok(list
                .iter()
                .map(|n| {
                    let anyway = if n.overridden.is_empty() {
                        String::new()
                    } else {
                        format!(" Matched anyway: {}.", n.overridden)
                    };
                    format!("{} ({}): {}.{anyway}\n", n.name, n.role, n.reason)
                })
                .collect())
        }
        PeopleCommand::Eligible {
            who,
            r#override,
            clear,
            program,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let person = one_person(store, &program, &who, None)?;
            let reason = if clear { None } else { r#override.as_deref() };
            matchbook::eligibility::set_override(store, person.id, reason)?;
            Ok(match reason {
                Some(reason) => format!(
                    "{} can be matched whatever the eligibility rules say: {reason}\n",
                    person.application.name
                ),
                None => format!(
                    "The eligibility rules apply to {} again.\n",
                    person.application.name
                ),
            })
        }
        PeopleCommand::Export {
            who,
            out,
            program,
            role,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let person = one_person(store, &program, &who, role.as_deref())?;
            std::fs::create_dir_all(&out).map_err(|e| {
                Error::Invalid(format!("{}: cannot make the folder ({e}).", out.display()))
            })?;
            let today = matchbook::time::today().to_string();
            let paths = matchbook::person_data::export_person(store, person.id, &today, &out)?;
            Ok(paths
                .iter()
                .map(|p| format!("Wrote {}\n", p.display()))
                .collect())
        }
        PeopleCommand::Consent {
            who,
            given,
            program,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let person = one_person(store, &program, &who, None)?;
            let day = matchbook::dates::read_date(&given)
                .map_err(|e| Error::Invalid(format!("--given {given}: {e}")))?;
            matchbook::eligibility::record_consent(store, person.id, day)?;
            Ok(format!(
                "Recorded {}'s consent, given on {day}: they can be matched.\n",
                person.application.name
            ))
        }
        PeopleCommand::Delete {
            who,
            program,
            role,
            yes,
        } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let person = one_person(store, &program, &who, role.as_deref())?;
            if !yes {
                let preview = people::erase_preview(store, person.id)?;
                return Ok(format!(
                    "Would erase {}.\nThis cannot be undone; copies of the file made earlier still hold them. Run again with --yes to erase.\n",
                    erase_summary(&preview)
                ));
            }
            let removed = people::erase_person(store, person.id)?;
            Ok(format!("Erased {}.\n", erase_summary(&removed)))
        }
    }
}

fn waiting_table(program: &Program, waiting: &[matchbook::matching::Waiting]) -> String {
    if waiting.is_empty() {
        return format!(
            "Nobody is waiting for a mentor in \"{}\". Participants left without one go on the waiting list when matches are confirmed.\n",
            program.name
        );
    }
    let mut out = format!(
        "Waiting for a mentor in \"{}\" ({}):\n",
        program.name,
        waiting.len()
    );
    for w in waiting {
        out.push_str(&format!(
            "  {:<28} {:<36} {} ({})\n",
            w.participant.name,
            w.participant.email.as_deref().unwrap_or("-"),
            w.reason,
            w.flag
        ));
    }
    out
}

fn people_table(people: &[Person], history: &BTreeMap<i64, Vec<String>>) -> String {
    let mut out = String::new();
    for p in people {
        out.push_str(&format!(
            "{:<12} {:<30} {:<36} {}\n",
            p.role.as_str(),
            p.application.name,
            p.application.email.as_deref().unwrap_or("-"),
            p.application.library
        ));
        for line in history.get(&p.id).into_iter().flatten() {
            out.push_str(&format!("{:<12} {line}\n", ""));
        }
    }
    if people.is_empty() {
        out.push_str("No people in this program yet.\n");
    }
    out
}

/// The one person an email or name means in a program (`role` narrows it when
/// the same email applied as both).
fn one_person(store: &Store, program: &Program, who: &str, role: Option<&str>) -> Result<Person> {
    let roles = match role {
        Some(r) => vec![Role::parse(r)?],
        None => vec![Role::Participant, Role::Mentor],
    };
    let mut found = Vec::new();
    for r in roles {
        match matchbook::identity::find_person(store, program.id, r, who) {
            Ok(person) => found.push(person),
            Err(Error::NotFound(_)) => {}
            // An email several people share names nobody in particular.
            Err(other) => return Err(other),
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::NotFound(format!(
            "Nobody with the email or name \"{who}\"{} in {}. `matchbook people list` shows who is there.",
            if role.is_some() { " and that role" } else { "" },
            program.name
        ))),
        _ => Err(Error::Invalid(format!(
            "\"{who}\" applied both as a mentor and as a participant; add --role mentor or --role participant."
        ))),
    }
}

fn erase_summary(p: &ErasePreview) -> String {
    let mut parts = vec![format!("{} application(s)", p.applications)];
    for (n, what) in [
        (p.matches, "match(es)"),
        (p.goals, "goal(s)"),
        (p.meetings, "meeting(s)"),
        (p.letters, "letter record(s)"),
        (p.committee_rules, "committee decision(s)"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    format!("{} ({}): {}", p.name, p.role, parts.join(", "))
}
