//! The headless `matchbook` command: the top-level parser, the dispatch to one
//! module per domain, exit codes and the printing helpers they share. Each
//! domain module parses its arguments, calls one core function and prints the
//! result; errors go to stderr with exit code 1, usage errors exit 2 (clap's
//! convention).

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use matchbook::{Error, Result, Store};

use crate::paths;

mod backups;
mod booklet;
mod criteria;
mod export;
mod groups;
mod import;
mod letters;
mod match_text;
mod matching;
mod people;
mod privacy;
mod program;
mod questions;
mod report;
mod share;
mod tracking;
mod views;

/// The exit code of a command that was refused or failed (its reason is on stderr).
const EXIT_FAILED: i32 = 1;

/// Pair mentors with participants, print letters, track the relationship.
/// Without a subcommand, opens the Matchbook window.
#[derive(Parser, Debug)]
#[command(name = "matchbook", version, about)]
pub struct Cli {
    /// The program file to use (created if missing). Default: the app-data folder's Matchbook.matchbook (or the Matchbook.sqlite already there).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Use a program file in a cloud-synced folder (Dropbox, OneDrive, Google
    /// Drive, iCloud Drive, Box…) or on a network drive anyway. Matchbook
    /// refuses such a file because sync services and network drives damage
    /// SQLite files; use this only if no other computer ever opens the file.
    #[arg(long, global = true)]
    pub allow_synced_folder: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create, list, edit and archive programs (one cohort each).
    #[command(subcommand)]
    Program(program::ProgramCommand),
    /// List the mentors and participants of a program.
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Import a spreadsheet of mentor or participant applications (CSV, XLSX, XLS, ODS).
    Import(import::ImportArgs),
    /// The questions of a program's forms, typed, with their answers counted.
    #[command(subcommand)]
    Questions(questions::QuestionsCommand),
    /// List past imports, or undo one.
    #[command(subcommand)]
    Imports(import::ImportsCommand),
    /// What a pair's score is made of: built-in criteria and the committee's own questions.
    #[command(subcommand)]
    Criteria(criteria::CriteriaCommand),
    /// Compute, explain, lock, veto and confirm matches.
    #[command(subcommand)]
    Match(matching::MatchCommand),
    /// Match letters as PDF: one file with every letter, or one file per recipient.
    Letters(letters::LettersArgs),
    /// The mentor booklet: one profile per mentor, for participants to choose from (PDF).
    Booklet(booklet::BookletArgs),
    /// The form kit: recommended application, mentor choices, check-in and evaluation forms.
    #[command(subcommand)]
    Forms(letters::FormsCommand),
    /// Email drafts (.eml) for check-in requests, reminders or the closing message.
    Emails(letters::EmailsArgs),
    /// How each letter greets its reader: list them, or correct one (kept for later letters).
    Greetings(letters::GreetingsArgs),
    /// A letter's text (participant, mentor or group): print it, check a file, or save one.
    LetterTemplate(letters::LetterTemplateArgs),
    /// Export data for other programs (mail merge).
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Log the meetings pairs report.
    #[command(subcommand)]
    Meetings(tracking::MeetingsCommand),
    /// The confirmed groups or peer circles, with their meetings, and a member's page.
    #[command(subcommand)]
    Groups(groups::GroupsCommand),
    /// Add goals and record their progress.
    #[command(subcommand)]
    Goals(tracking::GoalsCommand),
    /// End a relationship early, or mark pairs completed.
    #[command(subcommand)]
    Pairs(tracking::PairsCommand),
    /// Where each pair stands: meetings, check-ins, goals (text, JSON, CSV or PDF).
    Report(report::ReportArgs),
    /// The expected check-in dates as an .ics calendar file.
    Calendar(tracking::CalendarArgs),
    /// Make the program file given by --db (it must not exist yet) from a
    /// folder written by `matchbook export all`.
    ImportExport(export::ImportExportArgs),
    /// The rolling backups beside the program file: list, make, keep N, restore.
    #[command(subcommand)]
    Backups(backups::BackupsCommand),
    /// Add the fictional sample cohort (40 mentors, 60 participants) as a new program.
    Sample(program::SampleArgs),
    /// Share this program with the committee through a folder it already shares (no server).
    #[command(subcommand)]
    Share(share::ShareCommand),
    /// Fields two members of a shared program changed at once: list, or keep one value.
    #[command(subcommand)]
    Conflicts(share::ConflictsCommand),
    /// Who did what, when, and on which computer.
    Activity(share::ActivityArgs),
    /// Retention: who is due for erasure and when, and the erasure itself.
    #[command(subcommand)]
    Privacy(privacy::PrivacyCommand),
}

/// Runs one subcommand and returns the process exit code.
pub fn run(db: Option<PathBuf>, allow_synced_folder: bool, command: Command) -> i32 {
    let path = db.unwrap_or_else(paths::default_program_file);
    if !allow_synced_folder {
        if let Err(refusal) = refuse_unsafe_place(&path) {
            return finish(Err(refusal));
        }
    }
    let result = match command {
        // It makes the program file, so the file is not opened first.
        Command::ImportExport(args) => export::import_export(&path, args),
        // Joining makes the program file (from the folder's newest snapshot).
        Command::Share(share::ShareCommand::Join {
            folder,
            member,
            json,
        }) => share::join(&path, &folder, &member, json),
        command => Store::open(&path).and_then(|store| execute(store, command)),
    };
    finish(result)
}

/// Refuses a program file in a cloud-synced folder or on a network drive,
/// saying where it is, why that is refused, and what to do instead.
fn refuse_unsafe_place(path: &std::path::Path) -> Result<()> {
    let location = matchbook::location::examine(path);
    if location.is_local() {
        return Ok(());
    }
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Matchbook's own folder is only worth suggesting when it is safe itself.
    let data_dir = paths::data_dir();
    let where_to = if matchbook::location::examine(&data_dir.join("Matchbook.matchbook")).is_local()
    {
        format!(
            "a folder on this computer, for example {}",
            data_dir.display()
        )
    } else {
        "a folder on this computer's own disk".to_string()
    };
    Err(Error::Invalid(format!(
        "{} {} So Matchbook does not work on a program file there. Copy it to {where_to} (File > Open program file… in the window offers to copy it for you), and use the copy with --db. If no other computer ever opens this file, add --allow-synced-folder to use it where it is, at your own risk.",
        location.found(&path),
        location.why(),
    )))
}

/// Prints the command's output, or its error on stderr; returns the exit code.
fn finish(result: Result<String>) -> i32 {
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = stdout.write_all(output.as_bytes());
            0
        }
        Err(error) => {
            eprintln!("matchbook: {error}");
            EXIT_FAILED
        }
    }
}

/// Hands a command on an open program file to its domain.
fn execute(mut store: Store, command: Command) -> Result<String> {
    // Restoring replaces the file, so it takes the store itself.
    let command = match command {
        Command::Backups(command) => return backups::execute(store, command),
        command => command,
    };
    // A shared program takes in the other members' changes before any
    // command, and publishes its own after it.
    let shared = !matches!(command, Command::Share(_));
    if shared {
        share::sync_quietly(&mut store);
    }
    let result = run_on(&mut store, command);
    if shared && result.is_ok() {
        share::sync_quietly(&mut store);
    }
    result
}

fn run_on(store: &mut Store, command: Command) -> Result<String> {
    let s = store;
    match command {
        Command::Program(command) => program::execute(s, command),
        Command::Sample(args) => program::sample(s, args),
        Command::People(command) => people::execute(s, command),
        Command::Import(args) => import::import(s, args),
        Command::Imports(command) => import::imports(s, command),
        Command::Questions(command) => questions::execute(s, command),
        Command::Criteria(command) => criteria::execute(s, command),
        Command::Match(command) => matching::execute(s, command),
        Command::Letters(args) => letters::letters(s, args),
        Command::Greetings(args) => letters::greetings(s, args),
        Command::LetterTemplate(args) => letters::letter_template(s, args),
        Command::Emails(args) => letters::emails(s, args),
        Command::Forms(command) => letters::forms(s, command),
        Command::Booklet(args) => booklet::booklet(s, args),
        Command::Export(command) => export::export(s, command),
        Command::Meetings(command) => tracking::meetings(s, command),
        Command::Groups(command) => groups::execute(s, command),
        Command::Goals(command) => tracking::goals(s, command),
        Command::Pairs(command) => tracking::pairs(s, command),
        Command::Report(args) => report::report(s, args),
        Command::Privacy(command) => privacy::execute(s, command),
        Command::Calendar(args) => tracking::calendar(s, args),
        Command::Share(command) => share::execute(s, command),
        Command::Conflicts(command) => share::conflicts(s, command),
        Command::Activity(args) => share::activity(s, args),
        Command::Backups(_) | Command::ImportExport(_) => Err(Error::Invalid(
            "This command is handled before the file is opened for other work.".into(),
        )),
    }
}

/// The JSON every `--json` prints: pretty, with a final newline.
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Error::Invalid(format!("Could not write JSON: {e}")))
}
