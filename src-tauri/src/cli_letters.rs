//! `matchbook letters …` and `matchbook export matches …`.

use std::path::PathBuf;

use chrono::NaiveDate;
use matchbook::letters::{self, Which};
use matchbook::output::write_atomically as write_file;
use matchbook::{programs, Error, Result, Store};

/// What `export` can write.
#[derive(clap::Subcommand, Debug)]
pub enum ExportCommand {
    /// The confirmed matches as a mail-merge CSV (UTF-8 with BOM, safe to open in Excel).
    Matches {
        #[arg(long, value_name = "NAME")]
        program: Option<String>,
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Everything in the program file, as a folder of CSV files (one per
    /// table) plus a JSON file that `matchbook import-export` turns back into
    /// a program file.
    All {
        #[arg(long, value_name = "FOLDER")]
        out: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct LettersArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// mentors, participants or all
    #[arg(long, default_value = "all")]
    role: String,
    /// One PDF with every letter.
    #[arg(
        long,
        value_name = "FILE.pdf",
        conflicts_with = "out_dir",
        required_unless_present = "out_dir"
    )]
    out: Option<PathBuf>,
    /// One PDF per recipient, into this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// The date printed on the letters (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
}

pub(crate) fn parse_date(text: Option<&str>) -> Result<NaiveDate> {
    matchbook::time::day_or_today(text)
}

pub fn letters(store: &mut Store, args: LettersArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let which = Which::parse(&args.role)?;
    let today = parse_date(args.date.as_deref())?;
    if let Some(out) = args.out {
        let (pdf, recipients) = letters::combined_pdf(store, program.id, which, today)?;
        write_file(&out, &pdf)?;
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
        write_file(&dir.join(&name), &pdf)?;
        recipients.push(recipient);
    }
    letters::record_produced(store, program.id, &recipients, &dir.display().to_string())?;
    Ok(format!(
        "Wrote {} letters into {}\n",
        recipients.len(),
        dir.display()
    ))
}

pub fn export(store: &mut Store, command: ExportCommand) -> Result<String> {
    match command {
        ExportCommand::Matches { program, out } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let csv = letters::export_matches_csv(store, program.id)?;
            write_file(&out, &csv)?;
            Ok(format!(
                "Wrote the matches of \"{}\" to {}\n",
                program.name,
                out.display()
            ))
        }
        ExportCommand::All { out } => {
            let report = matchbook::archive::export_all(store, &out)?;
            Ok(format!(
                "Exported {} rows of {} tables to {} (CSV files to read, {} to import again).\n",
                report.rows,
                report.tables,
                report.folder.display(),
                matchbook::archive::JSON_NAME
            ))
        }
    }
}
