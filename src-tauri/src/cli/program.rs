//! `matchbook program …` and `matchbook sample`: the cohorts in the file.

use clap::{Args as ClapArgs, Subcommand};
use matchbook::programs::{self, Program, ProgramInput, ProgramSummary, Shape};
use matchbook::{eligibility, retention};
use matchbook::{Error, Result, Store};

use super::to_json;

#[derive(Subcommand, Debug)]
pub enum ProgramCommand {
    /// Create a program.
    Create(ProgramFields),
    /// List the programs in the file.
    List {
        /// Include archived programs.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Change a program's details (fields not given keep their value).
    Edit {
        /// The program to change.
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[command(flatten)]
        fields: EditFields,
    },
    /// Archive a finished program (hidden from lists, nothing deleted).
    Archive {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// Bring an archived program back instead.
        #[arg(long)]
        restore: bool,
    },
}

#[derive(ClapArgs, Debug)]
pub struct ProgramFields {
    /// Program name, e.g. "MILE 2019".
    #[arg(long)]
    name: String,
    /// The organization running the program.
    #[arg(long, default_value = "")]
    organization: String,
    /// Kickoff date, YYYY-MM-DD.
    #[arg(long, default_value = "")]
    kickoff: String,
    /// Kickoff event, e.g. the conference where pairs first meet.
    #[arg(long, default_value = "")]
    kickoff_event: String,
    /// Kickoff place.
    #[arg(long, default_value = "")]
    kickoff_place: String,
    /// Relationship length in months.
    #[arg(long, default_value_t = 18)]
    months: u32,
    /// Months between check-ins (3 = quarterly).
    #[arg(long, default_value_t = 3)]
    cadence_months: u32,
    /// Committee contact name.
    #[arg(long, default_value = "")]
    contact_name: String,
    /// Committee contact email.
    #[arg(long, default_value = "")]
    contact_email: String,
    /// The check-in form's pre-filled link, with {email} where the email goes.
    #[arg(long, default_value = "")]
    survey_link: String,
    /// How people meet: one-to-one, groups (a mentor with a group) or circles (peers, no mentor).
    #[arg(
        long,
        default_value = "one-to-one",
        value_name = "one-to-one|groups|circles"
    )]
    shape: String,
    /// The smallest and largest group, e.g. 4-6 (groups and circles).
    #[arg(long, default_value = "4-6", value_name = "MIN-MAX")]
    group_size: String,
    /// Peer circles: people of one library in different circles (apart), or
    /// allowed to share one (together).
    #[arg(long, default_value = "apart", value_name = "apart|together")]
    same_library: String,
    /// Make it from this program: its settings, criteria and weights, letter
    /// and email texts and form kit (the other fields above are taken from it;
    /// change them afterwards with `program edit`). People and matches stay.
    #[arg(long, value_name = "NAME")]
    from: Option<String>,
    /// With --from: bring its waiting list along; those participants are matched first.
    #[arg(long, requires = "from")]
    carry_waitlist: bool,
    /// Print the new program as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(ClapArgs, Debug)]
pub struct EditFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    organization: Option<String>,
    #[arg(long)]
    kickoff: Option<String>,
    #[arg(long)]
    kickoff_event: Option<String>,
    #[arg(long)]
    kickoff_place: Option<String>,
    #[arg(long)]
    months: Option<u32>,
    #[arg(long)]
    cadence_months: Option<u32>,
    #[arg(long)]
    contact_name: Option<String>,
    #[arg(long)]
    contact_email: Option<String>,
    /// The check-in form's pre-filled link, with {email} where the email goes ("" removes it).
    #[arg(long)]
    survey_link: Option<String>,
    /// How people meet: one-to-one, groups (a mentor with a group) or circles (peers, no mentor).
    #[arg(long, value_name = "one-to-one|groups|circles")]
    shape: Option<String>,
    /// The smallest and largest group, e.g. 4-6 (groups and circles).
    #[arg(long, value_name = "MIN-MAX")]
    group_size: Option<String>,
    /// Peer circles: people of one library in different circles (apart), or
    /// allowed to share one (together).
    #[arg(long, value_name = "apart|together")]
    same_library: Option<String>,
    /// Eligibility: the years a mentor must have worked in a professional position (0 removes the rule).
    #[arg(long, value_name = "N")]
    mentor_min_years: Option<f64>,
    /// Eligibility: the programs a past participant waits before mentoring (0 removes the rule).
    #[arg(long, value_name = "N")]
    past_participants_wait: Option<u32>,
    /// Retention: erase the people's details N months after the program ends
    /// (0: keep them until erased by hand; 24 is usual). See `privacy plan`.
    #[arg(long, value_name = "N")]
    erase_after_months: Option<u32>,
    #[arg(long)]
    json: bool,
}

#[derive(ClapArgs, Debug)]
pub struct SampleArgs {
    /// Print the new program as JSON.
    #[arg(long)]
    json: bool,
}

impl ProgramFields {
    fn input(self) -> Result<ProgramInput> {
        let (group_min, group_max) = programs::parse_group_size(&self.group_size)?;
        Ok(ProgramInput {
            name: self.name,
            organization: self.organization,
            kickoff_date: self.kickoff,
            kickoff_event: self.kickoff_event,
            kickoff_place: self.kickoff_place,
            relationship_months: self.months,
            cadence_months: self.cadence_months,
            contact_name: self.contact_name,
            contact_email: self.contact_email,
            survey_link: self.survey_link,
            shape: Shape::parse(&self.shape)?,
            group_min,
            group_max,
            keep_libraries_apart: programs::parse_same_library(&self.same_library)?,
        })
    }
}

impl EditFields {
    /// The program's details with the fields given here changed.
    fn input(self, current: Program) -> Result<ProgramInput> {
        let (group_min, group_max) = match &self.group_size {
            Some(size) => programs::parse_group_size(size)?,
            None => (current.group_min, current.group_max),
        };
        let shape = match &self.shape {
            Some(shape) => Shape::parse(shape)?,
            None => current.shape,
        };
        Ok(ProgramInput {
            name: self.name.unwrap_or(current.name),
            organization: self.organization.unwrap_or(current.organization),
            kickoff_date: self.kickoff.unwrap_or_else(|| {
                current
                    .kickoff_date
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            }),
            kickoff_event: self.kickoff_event.unwrap_or(current.kickoff_event),
            kickoff_place: self.kickoff_place.unwrap_or(current.kickoff_place),
            relationship_months: self.months.unwrap_or(current.relationship_months),
            cadence_months: self.cadence_months.unwrap_or(current.cadence_months),
            contact_name: self.contact_name.unwrap_or(current.contact_name),
            contact_email: self.contact_email.unwrap_or(current.contact_email),
            survey_link: self.survey_link.unwrap_or(current.survey_link),
            shape,
            group_min,
            group_max,
            keep_libraries_apart: match &self.same_library {
                Some(text) => programs::parse_same_library(text)?,
                None => current.keep_libraries_apart,
            },
        })
    }
}

pub fn execute(store: &mut Store, command: ProgramCommand) -> Result<String> {
    match command {
        ProgramCommand::Create(fields) if fields.from.is_some() => create_from(store, fields),
        ProgramCommand::Create(fields) => {
            let json = fields.json;
            let program = programs::create_program(store, &fields.input()?)?;
            if json {
                to_json(&program)
            } else {
                Ok(format!(
                    "Created program \"{}\" in {}\n{}",
                    program.name,
                    store.path().display(),
                    notes(&program)
                ))
            }
        }
        ProgramCommand::List { all, json } => {
            let list = programs::list_programs(store, all)?;
            if json {
                return to_json(&list);
            }
            if list.is_empty() {
                return Ok(format!(
                    "No programs in {} yet. Create one with: matchbook program create --name NAME\n",
                    store.path().display()
                ));
            }
            Ok(programs_table(&list))
        }
        ProgramCommand::Edit { program, fields } => {
            let current = programs::resolve_program(store, program.as_deref())?;
            let json = fields.json;
            let (min_years, wait) = (fields.mentor_min_years, fields.past_participants_wait);
            let erase_after = fields.erase_after_months;
            let updated = programs::update_program(store, current.id, &fields.input(current)?)?;
            let mut out = format!("Updated program \"{}\"\n{}", updated.name, notes(&updated));
            if min_years.is_some() || wait.is_some() {
                let mut rules = eligibility::rules(store, updated.id)?;
                rules.mentor_min_years = min_years.or(rules.mentor_min_years);
                rules.past_participants_wait = wait.or(rules.past_participants_wait);
                eligibility::set_rules(store, updated.id, rules)?;
                let left_out = eligibility::not_eligible(store, updated.id)?;
                out.push_str(&match left_out.len() {
                    0 => "Everyone meets the program's eligibility rules.\n".to_string(),
                    n => format!(
                        "{n} not eligible under the program's rules (see: matchbook people eligibility).\n"
                    ),
                });
            }
            if let Some(months) = erase_after {
                retention::set_retention(store, updated.id, Some(months))?;
                let plan = retention::privacy_plan(store, matchbook::time::today())?;
                if let Some(entry) = plan.iter().find(|e| e.program_id == updated.id) {
                    out.push_str(&format!("{}\n", entry.note));
                }
            }
            if json {
                to_json(&updated)
            } else {
                Ok(out)
            }
        }
        ProgramCommand::Archive { program, restore } => {
            let current = if restore {
                let name = program.ok_or_else(|| {
                    Error::Invalid("Say which program to restore with --program NAME.".into())
                })?;
                programs::resolve_program(store, Some(&name))?
            } else {
                programs::resolve_program(store, program.as_deref())?
            };
            let p = programs::set_archived(store, current.id, !restore)?;
            Ok(if restore {
                format!("Restored program \"{}\"\n", p.name)
            } else {
                format!(
                    "Archived program \"{}\"; bring it back with --restore\n",
                    p.name
                )
            })
        }
    }
}

fn programs_table(list: &[ProgramSummary]) -> String {
    let mut out = format!(
        "{:<32} {:<11} {:>7} {:>12} {:>7}\n",
        "PROGRAM", "KICKOFF", "MENTORS", "PARTICIPANTS", "MATCHED"
    );
    for s in list {
        let p = &s.program;
        let mut name = p.name.clone();
        if p.archived {
            name.push_str(" (archived)");
        }
        out.push_str(&format!(
            "{:<32} {:<11} {:>7} {:>12} {:>7}\n",
            name,
            p.kickoff_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            s.mentors,
            s.participants,
            s.matched
        ));
    }
    out
}

/// `program create --from`: next year's program from this one.
fn create_from(store: &mut Store, fields: ProgramFields) -> Result<String> {
    let from = programs::resolve_program(store, fields.from.as_deref())?;
    let made = programs::create_program_from(
        store,
        from.id,
        &fields.name,
        &fields.kickoff,
        fields.carry_waitlist,
    )?;
    if fields.json {
        return to_json(&made);
    }
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let mut out = format!(
        "Created program \"{}\" from \"{}\": its settings, {}, {} and {} (letter and email texts, weights, form kit…). No people or matches.\n",
        made.program.name,
        made.from,
        count(made.questions, "form question", "form questions"),
        count(made.criteria, "criterion", "criteria"),
        count(made.settings.len(), "saved setting", "saved settings"),
    );
    if fields.carry_waitlist {
        out.push_str(&format!(
            "{} from the waiting list, flagged \"Waiting since\" and matched first.\n",
            count(made.waiting, "participant came", "participants came")
        ));
    }
    out.push_str(&notes(&made.program));
    Ok(out)
}

/// `matchbook sample`: the fictional cohort, added as a new program.
pub fn sample(store: &mut Store, args: SampleArgs) -> Result<String> {
    let program = matchbook::sample::load_sample_program(store)?;
    if args.json {
        to_json(&program)
    } else {
        Ok(format!(
            "Added the sample program \"{}\" (40 mentors, 60 participants)\n",
            program.name
        ))
    }
}

/// The program's date warnings, one "Note:" line each.
fn notes(program: &programs::Program) -> String {
    let shape = match program.shape {
        Shape::OneToOne => String::new(),
        shape => {
            format!(
                "{} of {}: {}\n",
                shape.label(),
                programs::group_size_text(program.group_min, program.group_max),
                shape.explanation()
            ) + &if shape == Shape::Circles {
                format!(
                    "{}\n",
                    programs::same_library_text(program.keep_libraries_apart)
                )
            } else {
                String::new()
            }
        }
    };
    shape
        + &programs::date_warnings(program, matchbook::time::today())
            .iter()
            .map(|w| format!("Note: {w}\n"))
            .collect::<String>()
}
