//! The headless `matchbook` command: parses arguments, calls one core
//! function, prints the result. Errors go to stderr with exit code 1; usage
//! errors exit 2 (clap's convention).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand};
use matchbook::import::{self, Field, ImportOptions, ImportReport};
use matchbook::people::{list_people, Role};
use matchbook::programs::{self, ProgramInput};
use matchbook::Store;

use crate::paths;

/// Pair mentors with participants, print letters, track the relationship.
/// Without a subcommand, opens the Matchbook window.
#[derive(Parser, Debug)]
#[command(name = "matchbook", version, about)]
pub struct Args {
    /// The program file to use (created if missing). Default: the app-data folder's Matchbook.sqlite.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create, list, edit and archive programs (one cohort each).
    #[command(subcommand)]
    Program(ProgramCommand),
    /// List the mentors and participants of a program.
    #[command(subcommand)]
    People(PeopleCommand),
    /// Import a spreadsheet of mentor or participant applications (CSV, XLSX, XLS, ODS).
    Import {
        /// The spreadsheet file.
        file: PathBuf,
        /// Whose applications these are: mentors or participants.
        #[arg(long = "as", value_name = "mentors|participants")]
        role: String,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// The sheet to read (default: the one that looks like form responses).
        #[arg(long)]
        sheet: Option<String>,
        /// Override a column's meaning: --map "Your library=library" (repeatable; field "keep" keeps it unused).
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        map: Vec<String>,
        /// Show what would happen without changing the file.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// List past imports, or undo one.
    #[command(subcommand)]
    Imports(ImportsCommand),
    /// Compute, explain, lock, veto and confirm matches.
    #[command(subcommand)]
    Match(crate::cli_match::MatchCommand),
    /// Match letters as PDF: one file with every letter, or one file per recipient.
    Letters(crate::cli_letters::LettersArgs),
    /// Export data for other programs (mail merge).
    #[command(subcommand)]
    Export(crate::cli_letters::ExportCommand),
    /// Log the meetings pairs report.
    #[command(subcommand)]
    Meetings(crate::cli_tracking::MeetingsCommand),
    /// Add goals and record their progress.
    #[command(subcommand)]
    Goals(crate::cli_tracking::GoalsCommand),
    /// End a relationship early, or mark pairs completed.
    #[command(subcommand)]
    Pairs(crate::cli_tracking::PairsCommand),
    /// Where each pair stands: meetings, check-ins, goals (text, JSON, CSV or PDF).
    Report(crate::cli_tracking::ReportArgs),
    /// The expected check-in dates as an .ics calendar file.
    Calendar(crate::cli_tracking::CalendarArgs),
    /// Make the program file given by --db (it must not exist yet) from a
    /// folder written by `matchbook export all`.
    ImportExport {
        #[arg(value_name = "FOLDER")]
        folder: PathBuf,
    },
    /// The rolling backups beside the program file: list, make, keep N, restore.
    #[command(subcommand)]
    Backups(BackupsCommand),
    /// Add the fictional sample cohort (40 mentors, 60 participants) as a new program.
    Sample {
        /// Print the new program as JSON.
        #[arg(long)]
        json: bool,
    },
}

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
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
pub enum ImportsCommand {
    /// List imports, newest first.
    List {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Undo an import: people it added are removed, people it changed get their earlier answers back.
    Undo {
        /// The import's number (from `imports list`).
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PeopleCommand {
    /// List people.
    List {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        /// mentor or participant.
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set how many mentees a mentor can take (when they agree to a change).
    Capacity {
        /// The mentor's email (or exact name).
        who: String,
        /// Mentees they can take (0-12).
        mentees: u32,
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
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

#[derive(Subcommand, Debug)]
pub enum BackupsCommand {
    /// List the backups, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make a backup now.
    Make,
    /// How many backups to keep (1-100; default 10).
    Keep { count: u32 },
    /// Replace the program file with a backup (the current state is backed up first).
    Restore {
        /// A backup's file name (from `backups list`) or path.
        backup: String,
    },
}

/// The one person an email or name means in a program (`role` narrows it when
/// the same email applied as both).
fn one_person(
    store: &Store,
    program: &matchbook::programs::Program,
    who: &str,
    role: Option<&str>,
) -> matchbook::Result<matchbook::people::Person> {
    let roles = match role {
        Some(r) => vec![Role::parse(r)?],
        None => vec![Role::Participant, Role::Mentor],
    };
    let found: Vec<_> = roles
        .into_iter()
        .filter_map(|r| matchbook::identity::find_person(store, program.id, r, who).ok())
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(matchbook::Error::NotFound(format!(
            "Nobody with the email or name \"{who}\"{} in {}. `matchbook people list` shows who is there.",
            if role.is_some() { " and that role" } else { "" },
            program.name
        ))),
        _ => Err(matchbook::Error::Invalid(format!(
            "\"{who}\" applied both as a mentor and as a participant; add --role mentor or --role participant."
        ))),
    }
}

fn erase_summary(p: &matchbook::people::ErasePreview) -> String {
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

/// Runs one subcommand and returns the process exit code.
pub fn run(db: Option<PathBuf>, command: Command) -> i32 {
    let path = db.unwrap_or_else(paths::default_program_file);
    if let Command::ImportExport { folder } = &command {
        let result = matchbook::archive::import_export(folder, &path).map(|store| {
            format!(
                "Made {} from the export in {}.\n",
                store.path().display(),
                folder.display()
            )
        });
        return finish(result);
    }
    let result = Store::open(&path).and_then(|mut store| match command {
        // Restoring replaces the file, so it takes the store itself.
        Command::Backups(BackupsCommand::Restore { backup }) => restore(store, &backup),
        command => execute(&mut store, command),
    });
    finish(result)
}

fn finish(result: matchbook::Result<String>) -> i32 {
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = stdout.write_all(output.as_bytes());
            0
        }
        Err(error) => {
            eprintln!("matchbook: {error}");
            1
        }
    }
}

fn restore(store: Store, backup: &str) -> matchbook::Result<String> {
    use matchbook::store::backups;
    let by_name = backups::list_backups(store.path())?
        .into_iter()
        .find(|b| b.file_name == backup)
        .map(|b| b.path);
    let path = by_name.unwrap_or_else(|| PathBuf::from(backup));
    let store = backups::restore_backup(store, &path)?;
    Ok(format!(
        "Restored {} from {}. The state before it is the newest backup.\n",
        store.path().display(),
        path.display()
    ))
}

fn backups_text(store: &Store) -> matchbook::Result<String> {
    let list = matchbook::store::backups::list_backups(store.path())?;
    let mut out = format!(
        "{} backup{} in {} (keeping {}):\n",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        matchbook::store::backups::backup_folder(store.path()).display(),
        store.backups_to_keep()?
    );
    for b in &list {
        out.push_str(&format!(
            "{}  {:<28} {:>8} KiB  {}\n",
            b.made_at,
            b.reason,
            b.bytes / 1024,
            b.file_name
        ));
    }
    Ok(out)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> matchbook::Result<String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| matchbook::Error::Invalid(format!("Could not write JSON: {e}")))
}

fn execute(store: &mut Store, command: Command) -> matchbook::Result<String> {
    match command {
        Command::Program(ProgramCommand::Create(fields)) => {
            let input = ProgramInput {
                name: fields.name,
                organization: fields.organization,
                kickoff_date: fields.kickoff,
                kickoff_event: fields.kickoff_event,
                kickoff_place: fields.kickoff_place,
                relationship_months: fields.months,
                cadence_months: fields.cadence_months,
                contact_name: fields.contact_name,
                contact_email: fields.contact_email,
            };
            let program = programs::create_program(store, &input)?;
            if fields.json {
                to_json(&program)
            } else {
                Ok(format!(
                    "Created program \"{}\" in {}\n",
                    program.name,
                    store.path().display()
                ))
            }
        }
        Command::Program(ProgramCommand::List { all, json }) => {
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
            let mut out = format!(
                "{:<32} {:<11} {:>7} {:>12} {:>7}\n",
                "PROGRAM", "KICKOFF", "MENTORS", "PARTICIPANTS", "MATCHED"
            );
            for s in &list {
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
            Ok(out)
        }
        Command::Program(ProgramCommand::Edit { program, fields }) => {
            let current = programs::resolve_program(store, program.as_deref())?;
            let input = ProgramInput {
                name: fields.name.unwrap_or(current.name),
                organization: fields.organization.unwrap_or(current.organization),
                kickoff_date: fields.kickoff.unwrap_or_else(|| {
                    current
                        .kickoff_date
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                }),
                kickoff_event: fields.kickoff_event.unwrap_or(current.kickoff_event),
                kickoff_place: fields.kickoff_place.unwrap_or(current.kickoff_place),
                relationship_months: fields.months.unwrap_or(current.relationship_months),
                cadence_months: fields.cadence_months.unwrap_or(current.cadence_months),
                contact_name: fields.contact_name.unwrap_or(current.contact_name),
                contact_email: fields.contact_email.unwrap_or(current.contact_email),
            };
            let updated = programs::update_program(store, current.id, &input)?;
            if fields.json {
                to_json(&updated)
            } else {
                Ok(format!("Updated program \"{}\"\n", updated.name))
            }
        }
        Command::Program(ProgramCommand::Archive { program, restore }) => {
            let current = if restore {
                let name = program.ok_or_else(|| {
                    matchbook::Error::Invalid(
                        "Say which program to restore with --program NAME.".into(),
                    )
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
        Command::People(PeopleCommand::Capacity {
            who,
            mentees,
            program,
        }) => {
            let program = programs::resolve_program(store, program.as_deref())?;
            // A participant is found too, so the refusal says why ("only mentors…").
            let mentor = one_person(store, &program, &who, Some("mentor"))
                .or_else(|_| one_person(store, &program, &who, None))?;
            let mentor = matchbook::people::set_capacity(store, mentor.id, mentees)?;
            Ok(format!(
                "{} can now take {}.\n",
                mentor.application.name,
                match mentees {
                    1 => "1 mentee".to_string(),
                    n => format!("{n} mentees"),
                }
            ))
        }
        Command::People(PeopleCommand::Delete {
            who,
            program,
            role,
            yes,
        }) => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let person = one_person(store, &program, &who, role.as_deref())?;
            if !yes {
                let preview = matchbook::people::erase_preview(store, person.id)?;
                return Ok(format!(
                    "Would erase {}.\nThis cannot be undone; copies of the file made earlier still hold them. Run again with --yes to erase.\n",
                    erase_summary(&preview)
                ));
            }
            let removed = matchbook::people::erase_person(store, person.id)?;
            Ok(format!("Erased {}.\n", erase_summary(&removed)))
        }
        Command::People(PeopleCommand::List {
            program,
            role,
            json,
        }) => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let role = role.as_deref().map(Role::parse).transpose()?;
            let people = list_people(store, program.id, role)?;
            if json {
                return to_json(&people);
            }
            let mut out = String::new();
            for p in &people {
                out.push_str(&format!(
                    "{:<12} {:<30} {:<36} {}\n",
                    p.role.as_str(),
                    p.application.name,
                    p.application.email.as_deref().unwrap_or("-"),
                    p.application.library
                ));
            }
            if people.is_empty() {
                out.push_str("No people in this program yet.\n");
            }
            Ok(out)
        }
        Command::Import {
            file,
            role,
            program,
            sheet,
            map,
            dry_run,
            json,
        } => {
            let role = Role::parse(&role)?;
            let program = programs::resolve_program(store, program.as_deref())?;
            let mut options = ImportOptions {
                sheet,
                ..ImportOptions::default()
            };
            for entry in map {
                let (header, field) = entry.rsplit_once('=').ok_or_else(|| {
                    matchbook::Error::Invalid(format!(
                        "--map \"{entry}\" should be HEADER=FIELD, e.g. \"Your library=library\"."
                    ))
                })?;
                let field = Field::parse(field).ok_or_else(|| {
                    matchbook::Error::Invalid(format!(
                        "\"{field}\" is not a Matchbook field. Fields: {}.",
                        Field::ALL
                            .iter()
                            .map(|f| f.key())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
                options.mapping.insert(header.trim().to_string(), field);
            }
            let report = import::import_file(store, program.id, role, &file, &options, dry_run)?;
            if json {
                return to_json(&ImportJson::from(&report));
            }
            Ok(import_summary(&report))
        }
        Command::Imports(ImportsCommand::List { program, json }) => {
            let program_id = match program {
                Some(name) => Some(programs::resolve_program(store, Some(&name))?.id),
                None => None,
            };
            let list = import::list_imports(store, program_id)?;
            if json {
                return to_json(&list);
            }
            if list.is_empty() {
                return Ok("No imports yet.\n".into());
            }
            let mut out = String::new();
            for r in &list {
                out.push_str(&format!(
                    "{:>4}  {}  {:<12} {:<40} {} added, {} updated, {} unchanged{}\n",
                    r.id,
                    r.imported_at,
                    if r.role == Role::Mentor {
                        "mentors"
                    } else {
                        "participants"
                    },
                    r.file_name,
                    r.added,
                    r.updated,
                    r.unchanged,
                    if r.undone_at.is_some() {
                        "  (undone)"
                    } else {
                        ""
                    }
                ));
            }
            Ok(out)
        }
        Command::Imports(ImportsCommand::Undo { id, json }) => {
            let report = import::undo_import(store, id)?;
            if json {
                return to_json(&report);
            }
            Ok(format!(
                "Undid import {id}: removed {} people, restored the earlier answers of {}.\n",
                report.removed, report.restored
            ))
        }
        Command::Match(command) => crate::cli_match::execute(store, command),
        Command::Letters(args) => crate::cli_letters::letters(store, args),
        Command::Export(command) => crate::cli_letters::export(store, command),
        Command::Backups(BackupsCommand::List { json }) => {
            if json {
                return to_json(&matchbook::store::backups::list_backups(store.path())?);
            }
            backups_text(store)
        }
        Command::Backups(BackupsCommand::Make) => {
            let path = store.backup("by hand")?;
            Ok(format!("Backed up to {}\n", path.display()))
        }
        Command::Backups(BackupsCommand::Keep { count }) => {
            store.set_backups_to_keep(count)?;
            backups_text(store)
        }
        Command::Backups(BackupsCommand::Restore { .. }) | Command::ImportExport { .. } => {
            Err(matchbook::Error::Invalid(
                "This command is handled before the file is opened for other work.".into(),
            ))
        }
        Command::Meetings(command) => crate::cli_tracking::meetings(store, command),
        Command::Goals(command) => crate::cli_tracking::goals(store, command),
        Command::Pairs(command) => crate::cli_tracking::pairs(store, command),
        Command::Report(args) => crate::cli_tracking::report(store, args),
        Command::Calendar(args) => crate::cli_tracking::calendar(store, args),
        Command::Sample { json } => {
            let program = matchbook::sample::load_sample_program(store)?;
            if json {
                to_json(&program)
            } else {
                Ok(format!(
                    "Added the sample program \"{}\" (40 mentors, 60 participants)\n",
                    program.name
                ))
            }
        }
    }
}

/// The `import --json` contract: counts, rows needing attention, the mapping used.
#[derive(serde::Serialize)]
struct ImportJson<'a> {
    import_id: Option<i64>,
    file: &'a str,
    sheet: &'a str,
    rows: usize,
    added: usize,
    updated: usize,
    unchanged: usize,
    blank: usize,
    merged: usize,
    not_imported: usize,
    attention: &'a [import::Attention],
    mapping: &'a std::collections::BTreeMap<String, String>,
    dry_run: bool,
}

impl<'a> From<&'a ImportReport> for ImportJson<'a> {
    fn from(r: &'a ImportReport) -> Self {
        ImportJson {
            import_id: r.import_id,
            file: &r.file_name,
            sheet: &r.sheet,
            rows: r.rows,
            added: r.added,
            updated: r.updated,
            unchanged: r.unchanged,
            blank: r.blank,
            merged: r.merged,
            not_imported: r.not_imported,
            attention: &r.attention,
            mapping: &r.mapping,
            dry_run: r.dry_run,
        }
    }
}

fn import_summary(r: &ImportReport) -> String {
    let mut out = format!(
        "{}{} {}: {} rows: {} added, {} updated, {} unchanged, {} merged duplicates, {} blank, {} not imported{}\n",
        if r.dry_run { "Dry run, nothing changed. " } else { "" },
        r.file_name,
        if r.sheet.is_empty() { String::new() } else { format!("(sheet \"{}\")", r.sheet) },
        r.rows,
        r.added,
        r.updated,
        r.unchanged,
        r.merged,
        r.blank,
        r.not_imported,
        r.import_id.map(|id| format!(" (import {id}; undo with `matchbook imports undo {id}`)")).unwrap_or_default()
    );
    if !r.attention.is_empty() {
        out.push_str("Needs attention:\n");
        for a in &r.attention {
            out.push_str(&format!("  row {}: {}\n", a.row, a.reason));
        }
    }
    out
}
