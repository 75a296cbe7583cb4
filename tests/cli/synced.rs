//! A program file in a cloud-synced folder or on a network drive is refused
//! (sync clients and network drives damage SQLite files), with where it is,
//! why, and what to do; `--allow-synced-folder` is the power user's way round.

use std::path::Path;

use crate::support::cli;

/// `ROOT/FOLDER/Committee/Committee 2027.matchbook`, its folders made.
fn file_in(root: &Path, folder: &str) -> std::path::PathBuf {
    let committee = root.join(folder).join("Committee");
    std::fs::create_dir_all(&committee).expect("folders");
    committee.join("Committee 2027.matchbook")
}

#[test]
fn a_program_file_in_a_dropbox_folder_is_refused_with_what_to_do() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = file_in(root.path(), "Dropbox");
    let run = cli::matchbook(&file, &["program", "create", "--name", "Institute 2027"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let dropbox = root.path().join("Dropbox");
    for needle in [
        format!(
            "is inside {}, a folder that Dropbox copies to other computers",
            dropbox.display()
        ),
        "SQLite".to_string(),
        "Copy it to a folder on this computer".to_string(),
        "--allow-synced-folder".to_string(),
    ] {
        assert!(
            run.stderr.contains(&needle),
            "{needle:?} not in {}",
            run.stderr
        );
    }
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // Nothing was made there: no program file, no lock, no journal.
    let left: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn onedrive_of_an_organisation_and_a_renamed_dropbox_are_refused_too() {
    let root = tempfile::tempdir().expect("temp dir");
    let onedrive = file_in(root.path(), "OneDrive - Contoso");
    let run = cli::matchbook(&onedrive, &["program", "list"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("a folder that OneDrive copies"),
        "{}",
        run.stderr
    );
    // A Dropbox folder renamed by its owner still holds Dropbox's own file.
    let renamed = file_in(root.path(), "Committee files");
    std::fs::write(root.path().join("Committee files/.dropbox"), "{}").expect("marker");
    let run = cli::matchbook(&renamed, &["program", "list"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("the .dropbox file Dropbox keeps in it"),
        "{}",
        run.stderr
    );
    // Making a program file from an export there is refused the same way.
    let export = root.path().join("export");
    std::fs::create_dir_all(&export).unwrap();
    let run = cli::matchbook(&onedrive, &["import-export", export.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("OneDrive"), "{}", run.stderr);
}

#[test]
fn allow_synced_folder_uses_the_file_where_it_is() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = file_in(root.path(), "Google Drive");
    let create = cli::matchbook(
        &file,
        &[
            "program",
            "create",
            "--name",
            "Institute 2027",
            "--allow-synced-folder",
        ],
    );
    assert_eq!(create.code, 0, "{}", create.stderr);
    let list = cli::matchbook(
        &file,
        &["--allow-synced-folder", "program", "list", "--json"],
    );
    let programs = cli::json(&list);
    assert_eq!(programs[0]["name"], "Institute 2027");
    // Without the flag, the next command is refused again.
    assert_eq!(cli::matchbook(&file, &["program", "list"]).code, 1);
}
