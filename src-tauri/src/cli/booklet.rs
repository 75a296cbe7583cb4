//! `matchbook booklet …`: the mentor booklet participants choose from, as PDF.

use std::path::PathBuf;

use matchbook::booklet::{self, BookletOrder};
use matchbook::{programs, Result, Store};

#[derive(clap::Args, Debug)]
pub struct BookletArgs {
    #[arg(long, value_name = "NAME")]
    program: Option<String>,
    /// Where to write the booklet.
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// shuffled (the same each time for a program) or alphabetical. Default:
    /// the order chosen last (here or in the window), else shuffled.
    #[arg(long, value_name = "ORDER")]
    order: Option<String>,
    /// A mentor-form question each profile shows, by number or wording
    /// (repeat for several; `matchbook questions list --role mentor`).
    /// Default: the questions chosen last (here or in the window), else
    /// position, organization, areas offered and the mentors' own words.
    #[arg(long, value_name = "QUESTION")]
    show: Vec<String>,
    #[arg(long)]
    json: bool,
}

pub fn booklet(store: &mut Store, args: BookletArgs) -> Result<String> {
    let program = programs::resolve_program(store, args.program.as_deref())?;
    let mut settings = booklet::booklet_settings(store, program.id)?;
    if let Some(order) = &args.order {
        settings.order = BookletOrder::parse(order)?;
    }
    if !args.show.is_empty() {
        settings.shown = args
            .show
            .iter()
            .map(|q| booklet::find_mentor_question(store, program.id, q))
            .collect::<Result<_>>()?;
    }
    // Remembered as the window's ticks are: the booklet's numbers, which
    // the choice form refers to, are those of the one printed last.
    booklet::save_booklet_settings(store, program.id, &settings)?;
    let written = booklet::write_booklet(store, program.id, &settings, &args.out)?;
    if args.json {
        return super::to_json(&written);
    }
    let shown = if written.shown.is_empty() {
        "their names only".to_string()
    } else {
        let shown: Vec<&str> = written
            .shown
            .iter()
            .map(|q| q.trim_end_matches(['.', ' ']))
            .collect();
        format!("their names and: {}", shown.join("; "))
    };
    Ok(format!(
        "Wrote the mentor booklet to {}: {} mentors in {} order, showing {}.\n",
        written.file,
        written.mentors.len(),
        written.order.key(),
        shown
    ))
}
