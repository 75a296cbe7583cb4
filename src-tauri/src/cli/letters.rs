//! `matchbook letters …`: the match letters as PDF, one file or one per recipient.

use std::path::PathBuf;

use matchbook::letters::{self, Which};
use matchbook::output::write_atomically;
use matchbook::time::day_or_today;
use matchbook::{programs, Error, Result, Store};

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

pub fn letters(store: &mut Store, args: LettersArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let which = Which::parse(&args.role)?;
    let today = day_or_today(args.date.as_deref())?;
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
