//! A program file in a folder that looks cloud-synced is not opened: the
//! window explains where it is and why, offers to keep it on this computer
//! (a copy, opened at once) and explains how sharing through the folder will
//! work; the original is left as it was.

use std::time::Duration;

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop};
use crate::support::{artifacts_dir, cli, wait};

#[test]
fn a_program_file_in_a_dropbox_folder_is_explained_and_copied_to_this_computer() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let root = tempfile::tempdir().expect("folder");
    let committee = root.path().join("Dropbox/Committee");
    std::fs::create_dir_all(&committee).expect("folders");
    let shared = committee.join("Committee 2027.matchbook");
    let made = cli::matchbook(
        &shared,
        &[
            "program",
            "create",
            "--name",
            "Institute 2027",
            "--allow-synced-folder",
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let before = cli::snapshot(&shared);

    let app = desktop.launch_with(&[shared.to_str().unwrap()]);
    let page = app.wait_for_text("#held-file", "This program file is in a Dropbox folder");
    for needle in [
        "a folder that Dropbox copies to other computers",
        "SQLite",
        "Keep the file on this computer",
        "Share through this folder",
    ] {
        assert!(page.contains(needle), "{needle:?} not in {page}");
    }
    // Nothing is open behind it: no program, no file named in the sidebar.
    assert_eq!(app.text_of("#current-program-name"), "No program yet");
    app.screenshot(&artifacts_dir().join("synced-folder.png"));

    // The second choice explains how sharing will work, and leads back to the first.
    app.click("#how-sharing-works");
    app.wait_for_text("#panel", "Each member keeps their own program file");
    app.screenshot(&artifacts_dir().join("synced-folder-sharing.png"));
    app.click("#sharing-keep");

    let copy = desktop
        .default_program_file()
        .with_file_name("Committee 2027.matchbook");
    app.wait_for_text("#current-program-name", "Institute 2027");
    let shown = app.execute(
        "return document.getElementById('file-line').title;",
        json!([]),
    );
    assert_eq!(shown, json!(copy.display().to_string()));
    assert!(app.try_find("#held-file").is_none());
    assert_eq!(
        cli::snapshot(&shared),
        before,
        "the file in Dropbox is left as it was"
    );

    // Dropped on the window again, it is explained again, and "Go back" keeps the copy open.
    app.drop_files(&[&shared]);
    app.wait_for_text("#held-back", "Go back to Committee 2027.matchbook");
    app.click("#held-back");
    wait::until(
        Duration::from_secs(10),
        "the copy to be shown again",
        || match app.try_find("#held-file") {
            None => Ok(()),
            Some(_) => Err("still explaining".to_string()),
        },
    );
    assert_eq!(app.text_of("#current-program-name"), "Institute 2027");
    app.quit();
}

#[test]
fn a_new_program_file_in_a_onedrive_folder_is_made_on_this_computer_instead() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let root = tempfile::tempdir().expect("folder");
    let committee = root.path().join("OneDrive - Contoso/Committee");
    std::fs::create_dir_all(&committee).expect("folders");
    let asked = committee.join("New cohort.matchbook");

    // As File > New program file… or a double-click hands over a file not made yet.
    let app = desktop.launch_with(&[asked.to_str().unwrap()]);
    let page = app.wait_for_text(
        "#held-file",
        "The new program file would be in a OneDrive folder",
    );
    assert!(page.contains("OneDrive - Contoso"), "{page}");
    app.screenshot(&artifacts_dir().join("synced-folder-new-file.png"));

    // "Choose a folder…" (the tests' folder stands in for the dialog's choice).
    app.click("#keep-elsewhere");
    let made = desktop.saved_dir().join("New cohort.matchbook");
    wait::until(Duration::from_secs(10), "the new file to open", || {
        let shown = app.execute(
            "return document.getElementById('file-line').title;",
            json!([]),
        );
        if shown == json!(made.display().to_string()) {
            Ok(())
        } else {
            Err(format!("{shown}"))
        }
    });
    assert!(made.is_file());
    let left: Vec<_> = std::fs::read_dir(&committee).unwrap().collect();
    assert!(
        left.is_empty(),
        "nothing is made in the OneDrive folder: {left:?}"
    );
    app.quit();
}

#[test]
fn sharing_through_the_dropbox_folder_keeps_the_file_here_and_shows_who_did_what() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let root = tempfile::tempdir().expect("folder");
    let committee = root.path().join("Dropbox/Committee");
    std::fs::create_dir_all(&committee).expect("folders");
    let shared = committee.join("Committee 2027.matchbook");
    let made = cli::matchbook(
        &shared,
        &[
            "program",
            "create",
            "--name",
            "Institute 2027",
            "--allow-synced-folder",
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);

    let app = desktop.launch_with(&[shared.to_str().unwrap()]);
    app.wait_for_text("#held-file", "Share through this folder");
    app.click("#share-here");
    app.wait_for_text("#panel", "Your program file stays on this computer");
    app.type_into("#member-name", "Ana Ruiz");
    app.click("#sharing-go");
    app.wait_for_text("#current-program-name", "Institute 2027");
    let folder = committee.join("Committee 2027 (shared by Matchbook)");
    assert!(
        folder.join("share.json").exists(),
        "the share is made beside the file"
    );

    // Ben joins from his own computer (the command line) and changes the contact.
    let ben = root.path().join("ben.matchbook");
    let folder_arg = folder.to_str().unwrap();
    let joined = cli::matchbook(
        &ben,
        &[
            "share",
            "join",
            "--folder",
            folder_arg,
            "--member",
            "Ben Okafor",
        ],
    );
    assert_eq!(joined.code, 0, "{}", joined.stderr);
    let edited = cli::matchbook(&ben, &["program", "edit", "--contact-name", "Ben Okafor"]);
    assert_eq!(edited.code, 0, "{}", edited.stderr);

    app.click(".place[data-place=\"activity\"]");
    app.wait_for_text("#share-computers", "Ana Ruiz");
    app.click("#sync-now");
    let list = app.wait_for_text("#activity-list", "Ben Okafor");
    assert!(list.contains("Shared the program file"), "{list}");
    let computers = app.wait_for_text("#share-computers", "Ben Okafor");
    assert!(computers.contains("this computer"), "{computers}");
    app.screenshot(&artifacts_dir().join("activity-shared.png"));
    app.quit();
}
