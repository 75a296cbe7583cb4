//! End-to-end tests of the real Matchbook window over WebDriver: first launch,
//! creating a program through the form, persistence across a relaunch, and the
//! sample cohort in the Applications table.

use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};

#[test]
fn a_program_created_in_the_window_is_there_after_relaunch() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let app = desktop.launch();

    // First launch: the welcome page with its two paths, and the file in the title.
    app.wait_for("#start-new-program");
    app.wait_for("#explore-sample");
    assert!(app.title().contains("Matchbook"), "title: {}", app.title());
    assert!(
        desktop.default_program_file().exists(),
        "the program file is created in the app-data folder"
    );
    app.screenshot(&artifacts_dir().join("welcome.png"));

    // An empty name is refused with a message at the field, focus goes
    // there, and nothing is created.
    app.click("#start-new-program");
    app.wait_for("#program-form");
    app.click("#save-program");
    let error = app.wait_for_text("#program-name-error", "Give the program a name");
    assert!(error.contains("Leadership Institute 2026"));
    app.wait_for_focus("#program-name");

    app.type_into("#program-name", "MILE 2019");
    app.type_into("#program-organization", "State Library Association");
    app.type_into("#program-kickoff-event", "Leading for Life");
    app.type_into("#program-kickoff-place", "Sugar Lake Lodge, Cohasset MN");
    // A date is typed as people type it: one that reads two ways gets a
    // message at the field, digits without separators the date meant.
    app.type_into("#program-kickoff-date", "07/05/2026");
    app.click("#program-kickoff-place");
    app.wait_for_text(
        "#program-kickoff-date-message",
        "could be 7 May 2026 or 5 July 2026",
    );
    app.clear("#program-kickoff-date");
    app.type_into("#program-kickoff-date", "20190510");
    app.click("#program-kickoff-place");
    crate::support::wait::until_true(
        std::time::Duration::from_secs(10),
        "the kickoff read as 2019-05-10",
        || {
            app.execute(
                "return document.getElementById('program-kickoff-date').value;",
                json!([]),
            ) == json!("2019-05-10")
        },
    );
    assert!(app.try_find("#program-kickoff-date-message").is_none());
    app.clear("#program-cadence-months");
    app.type_into("#program-cadence-months", "3");
    app.click("#save-program");

    let list = app.wait_for_text("#program-list", "MILE 2019");
    assert!(list.contains("State Library Association"), "{list}");
    assert!(list.contains("Leading for Life"), "{list}");
    assert_eq!(app.text_of("#current-program-name"), "MILE 2019");
    assert!(
        app.try_find("#panel:not([hidden])").is_none(),
        "the form closed after saving"
    );
    app.screenshot(&artifacts_dir().join("programs.png"));
    app.quit();

    // The command sees what the window saved, in the default program file.
    // (It waits until the closed window has let go of the file.)
    let saved = desktop.command(&["program", "list", "--all", "--json"]);
    assert_eq!(saved[0]["name"], "MILE 2019");
    assert_eq!(saved[0]["kickoff_date"], "2019-05-10");
    assert_eq!(saved[0]["cadence_months"], 3);

    // Relaunch: the program is still there and still the current one.
    let app = desktop.launch();
    let list = app.wait_for_text("#program-list", "MILE 2019");
    assert!(list.contains("Current"), "{list}");
    assert_eq!(app.text_of("#current-program-name"), "MILE 2019");
    app.quit();
}

#[test]
fn the_sample_cohort_fills_the_applications_table() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let app = desktop.launch();
    app.click("#explore-sample");
    let count = app.wait_for_text("#people-count", "100 people");
    assert!(count.contains("of 100"), "{count}");
    assert!(app
        .text_of("#current-program-name")
        .starts_with("Sample Leadership Institute"));

    // Filtering as you type, and the role filter.
    app.type_into("#people-search", "Duluth");
    let filtered = app.wait_for_text("#people-count", "of 100");
    assert!(
        !filtered.contains("100 people of"),
        "search narrows the list: {filtered}"
    );
    app.clear("#people-search");
    app.execute(
        "const s = document.getElementById('people-role'); s.value = 'mentor'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.wait_for_text("#people-count", "40 people of 100");

    // A person opens in the side panel; Escape closes it.
    app.click("#people-table tbody tr td");
    app.wait_for("#panel:not([hidden]) .facts");
    app.screenshot(&artifacts_dir().join("applications.png"));
    let closed = app.execute(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); return document.getElementById('panel').hidden;",
        json!([]),
    );
    assert_eq!(closed, json!(true));

    // Names arrive as text, never as markup.
    let markup = app.execute("return document.querySelectorAll('#people-table b, #people-table script, #people-table img').length;", json!([]));
    assert_eq!(markup, json!(0));
    app.quit();
}
