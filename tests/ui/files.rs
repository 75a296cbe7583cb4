//! A program file is a document: a `.matchbook` file given as the first
//! argument (what a double-click does on Windows and Linux) opens in the
//! window, and one dropped on the window opens too.

use std::time::Duration;

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop, Session};
use crate::support::{cli, wait};

/// The open file's path and the current program's name, as the sidebar shows them.
fn shown(app: &Session) -> (String, String) {
    let v = app.execute(
        "return [document.getElementById('file-line').title, document.getElementById('current-program-name').textContent];",
        json!([]),
    );
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn a_program_file_opens_from_the_argument_and_from_a_drop() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let folder = tempfile::tempdir().expect("folder");
    // Names with spaces, & and letters beyond ASCII, as people name their files.
    let first = folder.path().join("Comité 2027 programs.matchbook");
    let second = folder.path().join("Second cohort & friends.matchbook");
    for (file, name) in [(&first, "Institute 2027"), (&second, "Second cohort")] {
        let run = cli::run(file, None, &["program", "create", "--name", name]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let app = desktop.launch_with(&[first.to_str().unwrap()]);
    let expect = |file: &std::path::Path, program: &str| {
        wait::until(
            Duration::from_secs(10),
            format_args!("{} open", file.display()),
            || {
                let (path, name) = shown(&app);
                if path == file.display().to_string() && name == program {
                    Ok(())
                } else {
                    Err(format!("{path} / {name}"))
                }
            },
        )
    };
    expect(&first, "Institute 2027");
    app.drop_files(&[&second]);
    expect(&second, "Second cohort");
    app.quit();
}
