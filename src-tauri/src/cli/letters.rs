//! `matchbook letters …`: the match letters as PDF, one file or one per recipient.

use std::path::PathBuf;

use matchbook::dates::day_or_today;
use matchbook::emails::{self, Campaign};
use matchbook::formkit;
use matchbook::identity::find_person;
use matchbook::letters::{self, Which};
use matchbook::output::write_atomically;
use matchbook::people::Role;
use matchbook::tracking;
use matchbook::{programs, Error, Result, Store};

#[derive(clap::Args, Debug)]
pub struct LettersArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// mentors, participants or all
    #[arg(long, default_value = "all")]
    role: String,
    /// Only the letters of this participant's pair (a re-match mid-term).
    #[arg(long, value_name = "EMAIL", conflicts_with = "confirmed_since")]
    participant: Option<String>,
    /// Only the letters of the pairs confirmed on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    confirmed_since: Option<String>,
    /// One PDF with every letter.
    #[arg(
        long,
        value_name = "FILE.pdf",
        conflicts_with_all = ["out_dir", "eml_dir"],
        required_unless_present_any = ["out_dir", "eml_dir"]
    )]
    out: Option<PathBuf>,
    /// One PDF per recipient, into this folder (created if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "eml_dir")]
    out_dir: Option<PathBuf>,
    /// One email draft (.eml) per recipient, their letter attached, into this folder.
    #[arg(long, value_name = "DIR")]
    eml_dir: Option<PathBuf>,
    /// The date printed on the letters (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
}

pub fn letters(store: &mut Store, args: LettersArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let mut which = Which::parse(&args.role)?;
    if let Some(participant) = &args.participant {
        which = Which::Pair(tracking::pair_of_participant(
            store,
            program.id,
            participant,
        )?);
    }
    if let Some(since) = &args.confirmed_since {
        which = Which::Since(matchbook::dates::read_date(since).map_err(Error::Invalid)?);
    }
    let today = day_or_today(args.date.as_deref())?;
    if let Some(dir) = args.eml_dir {
        let written = emails::write_drafts(
            store,
            program.id,
            Campaign::Letters,
            which,
            matchbook::time::now_on(today),
            false,
            &dir,
        )?;
        return Ok(written_text(&written));
    }
    if let Some(out) = args.out {
        let (pdf, recipients) = letters::combined_pdf(store, program.id, which, today)?;
        write_atomically(&out, &pdf)?;
        letters::record_produced(store, program.id, &recipients, &out.display().to_string())?;
        return Ok(format!(
            "Wrote {} letter{} to {}\n",
            recipients.len(),
            if recipients.len() == 1 { "" } else { "s" },
            out.display()
        ));
    }
    let dir = args.out_dir.unwrap_or_default();
    std::fs::create_dir_all(&dir).map_err(|e| Error::FileAccess {
        path: dir.clone(),
        detail: e.to_string(),
    })?;
    let files = letters::separate_pdfs(store, program.id, which, today)?;
    let mut recipients = Vec::with_capacity(files.len());
    for (name, pdf, recipient) in files {
        write_atomically(&dir.join(&name), &pdf)?;
        recipients.push(recipient);
    }
    letters::record_produced(store, program.id, &recipients, &dir.display().to_string())?;
    Ok(format!(
        "Wrote {} letters into {}\n",
        recipients.len(),
        dir.display()
    ))
}

#[derive(clap::Args, Debug)]
pub struct GreetingsArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// Correct a greeting: WHO=TEXT, WHO by email or name ("ha@example.org=Hà");
    /// an empty TEXT goes back to the name from the application. Repeatable.
    #[arg(long, value_name = "WHO=TEXT")]
    set: Vec<String>,
    #[arg(long)]
    json: bool,
}

pub fn greetings(store: &mut Store, args: GreetingsArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    for change in &args.set {
        let (who, text) = change.split_once('=').ok_or_else(|| {
            Error::Invalid(format!(
                "--set \"{change}\" needs WHO=TEXT, for example --set \"ha@example.org=Hà\"."
            ))
        })?;
        let person = find_person(store, program.id, Role::Participant, who)
            .or_else(|_| find_person(store, program.id, Role::Mentor, who))?;
        letters::set_greeting(store, program.id, &person, text)?;
    }
    let all = letters::greetings(store, program.id)?;
    if args.json {
        return super::to_json(&all);
    }
    if all.is_empty() {
        return Ok(format!(
            "\"{}\" has no confirmed matches yet, so no letters to greet anyone in.\n",
            program.name
        ));
    }
    let mut out = format!("{:<32} {:<12} {:<28} FROM\n", "NAME", "LETTER", "DEAR …");
    for g in &all {
        out.push_str(&format!(
            "{:<32} {:<12} {:<28} {}\n",
            g.name,
            g.kind.as_str(),
            g.greeting,
            g.source
        ));
    }
    Ok(out)
}

/// `matchbook letter-template participant|mentor|group`: a letter's text,
/// as the Letters screen edits it.
#[derive(clap::Args, Debug)]
pub struct LetterTemplateArgs {
    /// participant, mentor, or group (the letter each member of a mentor's
    /// group or peer circle gets, with a loop over `group.members`).
    #[arg(value_name = "participant|mentor|group")]
    letter: String,
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// Check the text in this file against a made-up recipient; nothing is saved.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["set", "default"])]
    check: Option<PathBuf>,
    /// Check the text in this file and save it as the letter (a text with a
    /// problem is refused, and the letter stays as it was).
    #[arg(long, value_name = "FILE", conflicts_with = "default")]
    set: Option<PathBuf>,
    /// Put the letter's default text back.
    #[arg(long)]
    default: bool,
}

/// Shows, checks or saves a letter's text; without an option, prints it.
pub fn letter_template(store: &mut Store, args: LetterTemplateArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let kind = letters::LetterKind::parse(&args.letter)?;
    let label = kind.label().to_lowercase();
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path).map_err(|e| Error::FileAccess {
            path: path.clone(),
            detail: e.to_string(),
        })
    };
    if let Some(path) = &args.check {
        let problems = letters::check_letter_text(store, program.id, kind, &read(path)?)?;
        if problems.is_empty() {
            return Ok(format!(
                "The {label} in {} has no problem.\n",
                path.display()
            ));
        }
        let lines: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(Error::Invalid(format!(
            "The {label} in {}: {}",
            path.display(),
            lines.join("\n")
        )));
    }
    if args.set.is_some() || args.default {
        let text = args.set.as_ref().map(read).transpose()?;
        letters::set_letter_text(store, program.id, kind, text.as_deref())?;
        let what = if args.default {
            "its default text"
        } else {
            "the new text"
        };
        return Ok(format!(
            "Saved the {label} of \"{}\" with {what}.\n",
            program.name
        ));
    }
    let settings = letters::letter_settings(store, program.id)?;
    Ok(format!("{}\n", kind.text(&settings).trim_end()))
}

/// `matchbook emails check-in|reminder|closing`: drafts to everyone concerned.
#[derive(clap::Args, Debug)]
pub struct EmailsArgs {
    /// check-in (those in a running pair who have not answered the check-in
    /// they are asked about), reminder (overdue pairs, at-risk ones left out
    /// and listed) or closing (those who have not sent their evaluation).
    #[arg(value_name = "check-in|reminder|closing", value_parser = ["check-in", "reminder", "closing"])]
    kind: String,
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// The day the emails are for (default: today): it decides the check-in period and who is overdue.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// The folder the drafts go into (created if missing).
    #[arg(long, value_name = "DIR")]
    eml_dir: PathBuf,
    /// Check-in and closing emails: also write to those who already answered
    /// (by default only those who have not get one).
    #[arg(long)]
    include_answered: bool,
}

pub fn emails(store: &mut Store, args: EmailsArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let today = day_or_today(args.as_of.as_deref())?;
    let campaign = Campaign::parse(&args.kind)
        .ok_or_else(|| Error::Invalid(format!("\"{}\" is not a kind of email.", args.kind)))?;
    let written = emails::write_drafts(
        store,
        program.id,
        campaign,
        Which::All,
        matchbook::time::now_on(today),
        args.include_answered,
        &args.eml_dir,
    )?;
    let mut out = written_text(&written);
    for note in &written.notes {
        out.push_str(&format!("  {note}\n"));
    }
    if written.answered_left_out > 0 {
        out.push_str("  (--include-answered writes to them too.)\n");
    }
    Ok(out)
}

fn written_text(written: &emails::Written) -> String {
    let mut out = format!(
        "Wrote {} email draft{} into {}. Open {} with your mail program to send {}.\n",
        written.files.len(),
        if written.files.len() == 1 { "" } else { "s" },
        written.folder,
        if written.files.len() == 1 {
            "it"
        } else {
            "them"
        },
        if written.files.len() == 1 {
            "it"
        } else {
            "them"
        },
    );
    for skipped in &written.skipped {
        out.push_str(&format!("  no draft for {skipped}\n"));
    }
    out
}

#[derive(clap::Subcommand, Debug)]
pub enum FormsCommand {
    /// Write every form as a printable PDF and a question list, and save
    /// its questions as the program's (columns remembered, criteria added).
    Kit {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The kit's questions per form (ticked ones), with why each is asked.
    List {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn forms(store: &mut Store, command: FormsCommand) -> Result<String> {
    match command {
        FormsCommand::Kit { program, out, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let written = formkit::write_kit(store, program.id, &out)?;
            if json {
                return super::to_json(&written);
            }
            Ok(format!(
                "Wrote {} files into {}: {}.\nSaved {} questions of the two applications; files with exactly these questions import with every column remembered.{}\n",
                written.files.len(),
                written.folder,
                written.files.join(", "),
                written.adopted.questions,
                if written.adopted.criteria.is_empty() {
                    String::new()
                } else {
                    format!(" Criteria in place: {}.", written.adopted.criteria.join(", "))
                }
            ))
        }
        FormsCommand::List { program, json } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let kit = formkit::form_kit(store, program.id)?;
            if json {
                let forms: Vec<serde_json::Value> = kit
                    .forms
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "form": f.form.key(),
                            "title": f.title,
                            "questions": formkit::included(f).map(|q| serde_json::json!({
                                "text": q.text,
                                "kind": q.kind.key(),
                                "options": q.options,
                                "why": q.why,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                return super::to_json(&serde_json::json!({ "forms": forms }));
            }
            Ok(kit
                .forms
                .iter()
                .map(formkit::question_list)
                .collect::<Vec<_>>()
                .join("\n"))
        }
    }
}
