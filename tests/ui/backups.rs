//! End-to-end test of File > Restore from Backup… in the real window: back up,
//! change the file, restore the backup, and find the change undone (and the
//! state before the restore kept as the newest backup).

use std::time::Duration;

use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop, Session};
use crate::support::wait;

/// What the File menu item does: it asks the page to show the backups panel.
fn open_backups(app: &Session) {
    let done = app.execute(
        "window.__TAURI__.event.emit('show-backups'); return true;",
        json!([]),
    );
    assert_eq!(done, json!(true));
    app.wait_for("#backup-now");
}

fn programs_shown(app: &Session) -> usize {
    if app.try_find(".program-list").is_none() {
        app.click(".place[data-place='programs']");
        app.wait_for(".program-list");
    }
    app.execute(
        "return document.querySelectorAll('.program-list > li').length;",
        json!([]),
    )
    .as_u64()
    .unwrap_or(0) as usize
}

#[test]
fn back_up_change_and_restore_from_the_window() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample", "--json"]);
    let app = desktop.launch();
    app.wait_for(".program-list > li");
    assert_eq!(programs_shown(&app), 1);

    open_backups(&app);
    app.click("#backup-now");
    // Importing the sample made backups already: wait for this one, and its toast.
    app.wait_for("#backup-list li[data-file-name*='by hand']");
    app.wait_for_text("#toasts", "Backed up.");
    app.screenshot(&artifacts_dir().join("backups.png"));
    app.execute(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));",
        json!([]),
    );

    // A change after the backup: a second sample program.
    app.click("#add-sample");
    wait::until_true(
        Duration::from_secs(15),
        "the second program to appear",
        || programs_shown(&app) == 2,
    );

    // Restore the backup made by hand: back to one program.
    open_backups(&app);
    // (Adding the sample imported two files, so there are newer backups too.)
    let list = app.text_of("#backup-list");
    assert!(list.contains("before import"), "{list}");
    app.click("#backup-list li[data-file-name*='by hand'] .confirming button");
    app.click("#backup-list li[data-file-name*='by hand'] button.confirm");
    wait::until_true(
        Duration::from_secs(15),
        "the restore to bring one program back",
        || programs_shown(&app) == 1,
    );
    app.quit();

    let programs = desktop.command(&["program", "list", "--json"]);
    assert_eq!(programs.as_array().map(Vec::len), Some(1));
    let backups = desktop.command(&["backups", "list", "--json"]);
    assert_eq!(backups[0]["reason"], "before restore");
}

/// `chattr ±i`: unchangeable even for root, like a read-only share.
fn immutable(paths: &[&std::path::Path], on: bool) -> bool {
    paths.iter().all(|p| {
        std::process::Command::new("chattr")
            .arg(if on { "+i" } else { "-i" })
            .arg(p)
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn a_file_in_a_read_only_place_opens_with_a_banner_and_refuses_changes() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample", "--json"]);
    let file = desktop.default_program_file();
    let folder = file.parent().expect("folder").to_path_buf();
    let _ = std::fs::remove_file(folder.join("Matchbook.matchbook.lock"));
    if !immutable(&[&file, &folder], true) {
        assert!(std::env::var_os("CI").is_none(), "chattr is needed in CI");
        return;
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let app = desktop.launch();
        app.wait_for_text("#read-only-banner", "Read-only");
        app.wait_for_text("main", "Sample Leadership Institute");
        app.click("#add-sample");
        app.wait_for_text("#toasts", "read-only");
        app.screenshot(&artifacts_dir().join("read-only.png"));
        app.quit();
    }));
    immutable(&[&file, &folder], false);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// A program file cut short (a copy that failed halfway) is called damaged,
/// and the window offers a copy of its newest backup; the copy opens with
/// the program in it, and the damaged file is left as it was.
#[test]
fn a_damaged_file_offers_a_copy_of_its_newest_backup() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample", "--json"]);
    desktop.command(&["backups", "make"]);
    let file = desktop.default_program_file();
    let whole = std::fs::read(&file).expect("program file");
    std::fs::write(&file, &whole[..whole.len() / 3]).expect("cut short");
    let cut = std::fs::read(&file).expect("program file");

    let app = desktop.launch();
    let problem = app.wait_for_text(".empty-state", "is damaged");
    assert!(!problem.contains("not a SQLite file"), "{problem}");
    app.screenshot(&artifacts_dir().join("damaged-file.png"));
    app.click("#open-backup-copy");
    app.wait_for_text("#current-program-name", "Sample Leadership Institute");
    let file_line = app.execute(
        "return document.getElementById('file-line').textContent;",
        json!([]),
    );
    let file_line = file_line.as_str().unwrap_or("");
    assert!(
        file_line.starts_with("Matchbook (from the backup of"),
        "{file_line}"
    );
    app.screenshot(&artifacts_dir().join("damaged-file-recovered.png"));
    assert_eq!(std::fs::read(&file).expect("program file"), cut);
}
