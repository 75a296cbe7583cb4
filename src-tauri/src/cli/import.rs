//! `matchbook import` and `matchbook imports …`: spreadsheets of applications
//! in, the history of imports, and undoing one.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};
use matchbook::choices::{self, ChoiceColumn, ChoiceOptions};
use matchbook::import::{
    self, Field, FileToImport, ImportAs, ImportOptions, ImportRecord, ImportReport,
};
use matchbook::people::Role;
use matchbook::programs;
use matchbook::questions::QuestionKind;
use matchbook::surveys::{self, SurveyField, SurveyKind, SurveyOptions};
use matchbook::time::today;
use matchbook::{Error, Result, Store};

use super::to_json;
use super::views::ImportJson;

#[derive(ClapArgs, Debug)]
pub struct ImportArgs {
    /// The spreadsheet files: applications may come several at once (the
    /// mentors' and the participants' forms), imported in one step.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// What the files hold: applications of mentors, participants, or both
    /// (a column such as "I want to participate as" says who is who); or
    /// the pairs' check-ins or end-of-program evaluations.
    /// Or `choices`: the mentors participants ranked (the kit's "Mentor
    /// choices" form), or participants ranked by mentors.
    /// Without it, each file's applications are recognised as mentors' or
    /// participants' from its name, its questions or a column that says who is who.
    #[arg(
        long = "as",
        value_name = "mentors|participants|both|check-ins|evaluations|choices"
    )]
    role: Option<String>,
    /// With --as both: the column that says who is who, when Matchbook does not recognise it.
    #[arg(long, value_name = "HEADER")]
    role_column: Option<String>,
    /// With --as both: what an answer of the role column means (repeatable), e.g.
    /// "Not sure yet=participant"; "ANSWER=none" lists those rows instead of importing them.
    #[arg(long = "role-value", value_name = "ANSWER=ROLE")]
    role_values: Vec<String>,
    /// Override a question's kind: --kind "How satisfied are you?=scale" (repeatable).
    #[arg(long = "kind", value_name = "QUESTION=KIND")]
    kinds: Vec<String>,
    /// Read a group of columns (one per option, or one per branch) as separate questions (repeatable; any of its column titles).
    #[arg(long = "ungroup", value_name = "HEADER")]
    ungroup: Vec<String>,
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// The sheet to read (default: the one that looks like form responses).
    #[arg(long)]
    sheet: Option<String>,
    /// Override a column's meaning: --map "Your library=library" (repeatable; field "keep" keeps it unused).
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    map: Vec<String>,
    /// With --as check-ins: the period every answer reports on ("Q1"), instead of
    /// the one its date says (an answer given after a check-in's date, before the
    /// middle of the next period, reports on the period that just ended).
    #[arg(long, value_name = "Q1")]
    period: Option<String>,
    /// Show what would happen without changing the file.
    #[arg(long)]
    dry_run: bool,
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

pub fn import(store: &mut Store, args: ImportArgs) -> Result<String> {
    let kind = args.role.as_deref().unwrap_or_default();
    if args.period.is_some() && SurveyKind::parse(kind) != Some(SurveyKind::CheckIns) {
        return Err(Error::Invalid(
            "--period names the check-in that answers report on; use it with --as check-ins."
                .into(),
        ));
    }
    let answers = SurveyKind::parse(kind);
    let choices = kind.trim().eq_ignore_ascii_case("choices");
    if (answers.is_some() || choices) && args.files.len() > 1 {
        return Err(Error::Invalid(format!(
            "--as {kind} reads one file at a time; import each of the {} files with its own command.",
            args.files.len()
        )));
    }
    if let Some(kind) = answers {
        return import_responses(store, kind, args);
    }
    if choices {
        return import_choices(store, args);
    }
    let role = args.role.as_deref().map(ImportAs::parse).transpose()?;
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let mut options = import_options(args.sheet, &args.map)?;
    if let Some(header) = &args.role_column {
        options
            .mapping
            .insert(header.trim().to_string(), Field::Role);
    }
    for entry in &args.role_values {
        let (answer, role) = split_pair(entry, "--role-value", "\"Not sure yet=participant\"")?;
        let role = match role.trim().to_lowercase().as_str() {
            "none" | "neither" | "skip" => None,
            other => Some(Role::parse(other)?),
        };
        options.role_values.insert(answer, role);
    }
    for entry in &args.kinds {
        let (question, kind) = split_pair(entry, "--kind", "\"How satisfied are you?=scale\"")?;
        let kind = QuestionKind::parse(&kind).ok_or_else(|| {
            Error::Invalid(format!(
                "\"{kind}\" is not a kind of question. Kinds: {}.",
                QuestionKind::ALL.map(QuestionKind::key).join(", ")
            ))
        })?;
        options.kinds.insert(question, kind);
    }
    options.keep_apart = args.ungroup.clone();
    let mut files = Vec::with_capacity(args.files.len());
    for path in &args.files {
        files.push(FileToImport {
            workbook: import::read_workbook(path)?,
            path: path.display().to_string(),
            role,
            options: options.clone(),
        });
    }
    let reports = import::import_workbooks(store, program.id, files, args.dry_run)?;
    if args.json {
        // One file: its report; several: one report each, in order.
        let views: Vec<ImportJson> = reports.iter().map(ImportJson::from).collect();
        return match views.as_slice() {
            [one] => to_json(one),
            all => to_json(&all),
        };
    }
    // A role Matchbook recognised is said, so a wrong guess is seen at once.
    let recognised = |r: &ImportReport| match role {
        Some(_) => String::new(),
        None => format!(
            "{} holds {}' applications (recognised; say otherwise with --as).\n",
            r.file_name,
            r.role.people_words()
        ),
    };
    Ok(reports
        .iter()
        .map(|r| recognised(r) + &import_summary(r))
        .collect())
}

/// Check-in or evaluation responses: `--map HEADER=FIELD` with the survey's fields.
fn import_responses(store: &mut Store, kind: SurveyKind, args: ImportArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let mut options = SurveyOptions {
        sheet: args.sheet,
        period: args.period,
        ..SurveyOptions::default()
    };
    for entry in &args.map {
        let (header, field) = split_pair(entry, "--map", "\"Any concerns?=note\"")?;
        let field = SurveyField::parse(&field)
            .filter(|f| SurveyField::of(kind).contains(f))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "\"{field}\" is not a field of {}. Fields: {}.",
                    kind.label().to_lowercase(),
                    SurveyField::of(kind)
                        .iter()
                        .map(|f| f.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        options.mapping.insert(header, field);
    }
    let report = surveys::import_survey(
        store,
        program.id,
        kind,
        &args.files[0],
        &options,
        args.dry_run,
        today(),
    )?;
    if args.json {
        return to_json(&report);
    }
    let mut out = format!(
        "{} {} of {}: {} recorded{}, {} unknown, {} blank, {} not imported{}.\n",
        if report.dry_run {
            "Would import"
        } else {
            "Imported"
        },
        kind.label().to_lowercase(),
        report.file_name,
        report.recorded,
        if report.replaced > 0 {
            format!(" ({} replacing an earlier answer)", report.replaced)
        } else {
            String::new()
        },
        report.unknown.len(),
        report.blank,
        report.not_imported.len(),
        report.import_id.map_or(String::new(), |id| format!(
            " (import {id}; undo with: matchbook imports undo {id})"
        )),
    );
    if !report.periods_text.is_empty() {
        out.push_str(&format!("{}\n", report.periods_text));
    }
    if !report.unused_questions.is_empty() {
        out.push_str(&format!(
            "Not used (no answer of these was kept; --map \"QUESTION=FIELD\" keeps one): {}\n",
            report.unused_questions.join("; ")
        ));
    }
    for u in &report.unknown {
        out.push_str(&format!(
            "  row {}: {} is not anyone in this program\n",
            u.row, u.email
        ));
    }
    for a in report.not_imported.iter().chain(&report.notes) {
        out.push_str(&format!("  row {}: {}\n", a.row, a.reason));
    }
    Ok(out)
}

/// Ranked choices: `--map HEADER=email|name|choice_1…|ranked|ignore`.
fn import_choices(store: &mut Store, args: ImportArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let mut options = ChoiceOptions {
        sheet: args.sheet,
        ..ChoiceOptions::default()
    };
    for entry in &args.map {
        let (header, meaning) = split_pair(entry, "--map", "\"Your top mentor=choice_1\"")?;
        let meaning = ChoiceColumn::parse(&meaning).ok_or_else(|| {
            Error::Invalid(format!(
                "\"{meaning}\" is not what a column of choices can hold. Use: {}.",
                ChoiceColumn::all()
                    .iter()
                    .map(|c| c.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        options.mapping.insert(header, meaning);
    }
    let report =
        choices::import_choices(store, program.id, &args.files[0], &options, args.dry_run)?;
    if args.json {
        return to_json(&report);
    }
    let mut out = format!(
        "{} {} ({} rows): choices of {} participant{} and {} mentor{} {} ({} choices{}), {} not anyone in the program, {} blank, {} not imported{}.\n",
        if report.dry_run { "Dry run, nothing changed." } else { "Imported" },
        report.file_name,
        report.rows,
        report.participants,
        if report.participants == 1 { "" } else { "s" },
        report.mentors,
        if report.mentors == 1 { "" } else { "s" },
        if report.dry_run { "would be kept" } else { "kept" },
        report.choices,
        if report.replaced > 0 {
            format!("; {} replace earlier choices", report.replaced)
        } else {
            String::new()
        },
        report.unknown_people.len(),
        report.blank,
        report.not_imported.len(),
        report.import_id.map_or(String::new(), |id| format!(
            " (import {id}; undo with: matchbook imports undo {id})"
        )),
    );
    if !report.unknown_names.is_empty() {
        out.push_str("Names that match nobody (those choices were not kept):\n");
    }
    for a in &report.unknown_names {
        out.push_str(&format!("  row {}: {}\n", a.row, a.reason));
    }
    for a in report.unknown_people.iter().chain(&report.not_imported) {
        out.push_str(&format!("  row {}: {}\n", a.row, a.reason));
    }
    Ok(out)
}

/// `TEXT=VALUE`, split at the last `=` (a question may contain one).
fn split_pair(entry: &str, flag: &str, example: &str) -> Result<(String, String)> {
    entry
        .rsplit_once('=')
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| Error::Invalid(format!("{flag} \"{entry}\" should look like {example}.")))
}

/// The sheet and the `--map HEADER=FIELD` overrides as the core takes them.
fn import_options(sheet: Option<String>, map: &[String]) -> Result<ImportOptions> {
    let mut options = ImportOptions {
        sheet,
        ..ImportOptions::default()
    };
    for entry in map {
        let (header, field) = entry.rsplit_once('=').ok_or_else(|| {
            Error::Invalid(format!(
                "--map \"{entry}\" should be HEADER=FIELD, e.g. \"Your library=library\"."
            ))
        })?;
        let field = Field::parse(field).ok_or_else(|| {
            Error::Invalid(format!(
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
    Ok(options)
}

pub fn imports(store: &mut Store, command: ImportsCommand) -> Result<String> {
    match command {
        ImportsCommand::List { program, json } => {
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
            Ok(list.iter().map(import_line).collect())
        }
        ImportsCommand::Undo { id, json } => {
            let report = import::undo_import(store, id)?;
            if json {
                return to_json(&report);
            }
            Ok(format!(
                "Undid import {id}: removed {} people, restored the earlier answers of {}.\n",
                report.removed, report.restored
            ))
        }
    }
}

fn import_line(r: &ImportRecord) -> String {
    format!(
        "{:>4}  {}  {:<12} {:<40} {} added, {} updated, {} unchanged{}\n",
        r.id,
        r.imported_at,
        // Check-in, evaluation and choices imports are not applications of a role.
        match (r.kind.as_str(), r.role) {
            ("choices", _) => "choices",
            ("check_ins", _) => "check-ins",
            ("evaluations", _) => "evaluations",
            (_, ImportAs::Mentor) => "mentors",
            (_, ImportAs::Participant) => "participants",
            (_, ImportAs::Both) => "both",
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
    )
}

fn import_summary(r: &ImportReport) -> String {
    let mut out = format!(
        "{}{} {}: {} row{}: {} added, {} updated, {} unchanged, {} merged duplicates, {} blank, {} not imported{}\n",
        if r.dry_run { "Dry run, nothing changed. " } else { "" },
        r.file_name,
        if r.sheet.is_empty() { String::new() } else { format!("(sheet \"{}\")", r.sheet) },
        r.rows,
        if r.rows == 1 { "" } else { "s" },
        r.added,
        r.updated,
        r.unchanged,
        r.merged,
        r.blank,
        r.not_imported,
        r.import_id.map(|id| format!(" (import {id}; undo with `matchbook imports undo {id}`)")).unwrap_or_default()
    );
    if let Some(roles) = &r.roles {
        out.push_str(&format!(
            "Roles: {} mentors, {} participants, {} with an answer that names neither.\n",
            roles.mentor, roles.participant, roles.unknown
        ));
    }
    if !r.attention.is_empty() {
        out.push_str("Needs attention:\n");
        for a in &r.attention {
            out.push_str(&format!("  row {}: {}\n", a.row, a.reason));
        }
    }
    out
}
