//! The `matchbook` binary: with a subcommand it runs headless (no window, no
//! GTK, no display needed); without one it opens the Matchbook window.

// A release build on Windows opens no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod desktop;
mod paths;

use clap::Parser;

fn main() {
    // Double-clicking a program file (Windows, Linux) starts Matchbook with
    // the file's path as the only argument: open it in the window.
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let [_, only] = raw.as_slice() {
        let path = std::path::PathBuf::from(only);
        if paths::is_program_file(&path) && !only.to_string_lossy().starts_with('-') {
            return desktop::run(Some(path));
        }
    }
    let args = cli::Cli::parse();
    match args.command {
        Some(command) => {
            let code = cli::run(args.db, command);
            std::process::exit(code);
        }
        None => desktop::run(args.db),
    }
}
