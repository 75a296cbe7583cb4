//! The `matchbook` binary: with a subcommand it runs headless (no window, no
//! GTK, no display needed); without one it opens the Matchbook window.

// A release build on Windows opens no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod desktop;
mod paths;

use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    match args.command {
        Some(command) => {
            let code = cli::run(args.db, command);
            std::process::exit(code);
        }
        None => desktop::run(args.db),
    }
}
