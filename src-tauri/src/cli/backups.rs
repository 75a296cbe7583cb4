//! `matchbook backups …`: the rolling backups beside the program file.

use std::path::PathBuf;

use clap::Subcommand;
use matchbook::store::backups;
use matchbook::{Result, Store};

use super::to_json;

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

/// Takes the store itself: restoring closes it and renames the backup over the file.
pub fn execute(mut store: Store, command: BackupsCommand) -> Result<String> {
    match command {
        BackupsCommand::List { json } => {
            if json {
                return to_json(&backups::list_backups(store.path())?);
            }
            backups_text(&store)
        }
        BackupsCommand::Make => {
            let path = store.backup("by hand")?;
            Ok(format!("Backed up to {}\n", path.display()))
        }
        BackupsCommand::Keep { count } => {
            store.set_backups_to_keep(count)?;
            backups_text(&store)
        }
        BackupsCommand::Restore { backup } => restore(store, &backup),
    }
}

fn restore(store: Store, backup: &str) -> Result<String> {
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

fn backups_text(store: &Store) -> Result<String> {
    let list = backups::list_backups(store.path())?;
    let mut out = format!(
        "{} backup{} in {} (keeping {}):\n",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        backups::backup_folder(store.path()).display(),
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
