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
            return desktop::run(Some(path), false);
        }
    }
    if raw.len() > 1 {
        attach_parent_console();
    }
    let args = cli::Cli::parse();
    match args.command {
        Some(command) => {
            let code = cli::run(args.db, args.allow_synced_folder, command);
            std::process::exit(code);
        }
        None => desktop::run(args.db, args.allow_synced_folder),
    }
}

/// A release build on Windows is a window program with no console of its own,
/// so the command's output and clap's messages would go nowhere. Borrow the
/// console of the terminal that started it; started from Explorer, there is
/// none and nothing happens. (Written for Windows, compiled only there.)
#[cfg(all(windows, not(debug_assertions)))]
fn attach_parent_console() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: a Win32 call taking no pointers; failing (no parent console) is harmless.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

/// Elsewhere (and in debug builds, which keep their console) there is nothing to do.
#[cfg(not(all(windows, not(debug_assertions))))]
fn attach_parent_console() {}
