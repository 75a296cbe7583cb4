//! `matchbook export …` and `matchbook import-export`: data out for other
//! programs (the mail-merge CSV, everything as CSV + JSON) and a program file
//! rebuilt from such an export.

use std::path::{Path, PathBuf};

use matchbook::output::write_atomically;
use matchbook::{archive, letters, programs, Result, Store};

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
pub struct ImportExportArgs {
    #[arg(value_name = "FOLDER")]
    folder: PathBuf,
}

pub fn export(store: &mut Store, command: ExportCommand) -> Result<String> {
    match command {
        ExportCommand::Matches { program, out } => {
            let program = programs::resolve_program(store, program.as_deref())?;
            let csv = letters::export_matches_csv(store, program.id)?;
            write_atomically(&out, &csv)?;
            Ok(format!(
                "Wrote the matches of \"{}\" to {}\n",
                program.name,
                out.display()
            ))
        }
        ExportCommand::All { out } => {
            let report = archive::export_all(store, &out)?;
            Ok(format!(
                "Exported {} rows of {} tables to {} (CSV files to read, {} to import again).\n",
                report.rows,
                report.tables,
                report.folder.display(),
                archive::JSON_NAME
            ))
        }
    }
}

/// Makes the program file at `path` (which must not exist yet) from an export.
pub fn import_export(path: &Path, args: ImportExportArgs) -> Result<String> {
    let store = archive::import_export(&args.folder, path)?;
    Ok(format!(
        "Made {} from the export in {}.\n",
        store.path().display(),
        args.folder.display()
    ))
}
