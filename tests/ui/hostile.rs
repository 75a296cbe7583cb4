//! Untrusted text is inert in the real window: applications whose names,
//! libraries and comments carry HTML, script, `javascript:` links, Typst
//! markup, control characters, right-to-left overrides and a 10,000-character
//! cell are shown literally on every screen, and nothing they contain runs.

use std::path::Path;

use chrono::Duration;
use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop, Session};
use crate::support::wait;

const IMG: &str = "<img src=x onerror=\"window.__pwned='img'\">Ann Hostile";
const SCRIPT: &str = "<script>window.__pwned='script'</script>Bo Hostile";
const LINK: &str = "<a href=\"javascript:window.__pwned='link'\">Cy</a> Hostile";
const TYPST: &str = "#set page(width: 1cm) $x^2$ *Dee* \\ Hostile";
const RTL: &str = "Eve \u{202E}lesrever\u{202C} Hostile\u{7}";

/// Writes the mentors' and participants' spreadsheets (Google Forms columns).
fn write_applications(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let long = "A".repeat(10_000);
    let mentors = dir.join("mentors.csv");
    let mut w = csv::Writer::from_path(&mentors).expect("mentors.csv");
    w.write_record([
        "Timestamp",
        "Email Address",
        "Name",
        "Library / organization",
        "Areas where you could offer guidance (check all that apply)",
        "How many mentees could you take on?",
        "Anything else we should know?",
    ])
    .expect("header");
    let mentor_rows = [
        (IMG, "ann@example.org", "javascript:window.__pwned='lib'"),
        (SCRIPT, "bo@example.org", "<b>Bold</b> Library"),
        (TYPST, "dee@example.org", "#import \"x.typ\": *"),
    ];
    for (name, email, library) in mentor_rows {
        w.write_record([
            "2/14/2019 10:15:00",
            email,
            name,
            library,
            "Leadership, Advocacy",
            "2",
            &long,
        ])
        .expect("row");
    }
    w.flush().expect("flush");

    let participants = dir.join("participants.csv");
    let mut w = csv::Writer::from_path(&participants).expect("participants.csv");
    w.write_record([
        "Timestamp",
        "Email Address",
        "Name",
        "Library / organization",
        "Areas where you would like guidance (check all that apply)",
        "Anything else we should know?",
    ])
    .expect("header");
    let participant_rows = [
        (LINK, "cy@example.org", "=HYPERLINK(\"http://example.org\")"),
        (RTL, "eve@example.org", "Library\u{0}Nul"),
        (
            "Fay <svg onload=\"window.__pwned='svg'\">",
            "fay@example.org",
            "Fay Library",
        ),
    ];
    for (name, email, library) in participant_rows {
        w.write_record([
            "2/14/2019 10:15:00",
            email,
            name,
            library,
            "Leadership, Advocacy",
            &long,
        ])
        .expect("row");
    }
    w.flush().expect("flush");
    (mentors, participants)
}

/// Nothing ran: no sentinel, no element made from the data, title unchanged.
fn assert_inert(app: &Session, title: &str, place: &str) {
    let state = app.execute(
        "return [String(window.__pwned), document.querySelectorAll('main img[src=\"x\"], main script, main svg[onload], main a[href^=\"javascript\"]').length, document.title];",
        json!([]),
    );
    assert_eq!(state[0], "undefined", "script ran on {place}");
    assert_eq!(state[1], 0, "data became elements on {place}");
    assert_eq!(state[2], title, "title changed on {place}");
}

#[test]
fn hostile_applications_show_as_text_everywhere_and_nothing_runs() {
    if !desktop_available() {
        return;
    }
    let kickoff = chrono::Local::now().date_naive() + Duration::days(21);
    let today = kickoff + Duration::days(100);
    let desktop = Desktop::start_on(Some(&today.to_string()));
    let dir = tempfile::tempdir().expect("dir");
    let (mentors, participants) = write_applications(dir.path());
    desktop.command(&[
        "program",
        "create",
        "--name",
        "<i>Hostile</i> 2027",
        "--kickoff",
        &kickoff.to_string(),
    ]);
    let mentors = mentors.to_str().expect("path");
    let participants = participants.to_str().expect("path");
    desktop.command(&["import", mentors, "--as", "mentors", "--json"]);
    desktop.command(&["import", participants, "--as", "participants", "--json"]);
    desktop.command(&["match", "run", "--json"]);
    desktop.command(&["match", "confirm", "--json"]);

    let app = desktop.launch();
    let title = app.title();
    assert_inert(&app, &title, "start");

    // Programs and Applications: the names as typed, markup and all.
    app.wait_for_text("main", "<i>Hostile</i> 2027");
    app.click(".place[data-place='applications']");
    let table = app.wait_for_text("#people-table", "<img src=x onerror=");
    for name in [
        SCRIPT,
        TYPST,
        "<a href=\"javascript:window.__pwned='link'\">Cy</a>",
    ] {
        assert!(table.contains(name), "{name} not shown literally: {table}");
    }
    assert_inert(&app, &title, "applications");
    app.click("#people-table tbody tr td");
    app.wait_for("#panel:not([hidden])");
    assert_inert(&app, &title, "person panel");
    app.screenshot(&artifacts_dir().join("hostile-applications.png"));

    // Erasing the person (the first row, Dee) says what goes, then removes it.
    let first = app.text_of("#panel-title");
    assert!(first.contains("Dee"), "{first}");
    app.click("#erase-person");
    let question = app.wait_for_text("#erase-question", "1 application");
    assert!(question.contains(" match"), "{question}");
    app.click("#erase-confirm");
    wait::until(
        std::time::Duration::from_secs(10),
        "the erased person to leave the table",
        || {
            let table = app.text_of("#people-table");
            if !table.contains(TYPST) && table.contains("Hostile") {
                Ok(())
            } else {
                Err(table)
            }
        },
    );

    // Matching: names and reasons.
    app.click(".place[data-place='matching']");
    app.wait_for_text("main", "Hostile");
    assert_inert(&app, &title, "matching");

    // Letters: the preview is an image of the page; the names print literally.
    app.click(".place[data-place='letters']");
    app.wait_for_text("#template-status", "exactly as it prints");
    assert_inert(&app, &title, "letters");

    // Tracking: dashboard, a pair's page, the report.
    app.click(".place[data-place='tracking']");
    app.wait_for("#tracking-table");
    let board = app.text_of("#tracking-table");
    assert!(board.contains("Hostile"), "{board}");
    assert_inert(&app, &title, "tracking dashboard");
    app.click("#tracking-table button.link");
    app.wait_for("#pair-status");
    assert_inert(&app, &title, "pair page");
    app.click("#back-to-pairs");
    app.click("#open-report");
    app.wait_for("#period-chart");
    assert_inert(&app, &title, "report");
    app.quit();

    let people = desktop.command(&["people", "list", "--json"]);
    let emails: Vec<&str> = people
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|p| p["email"].as_str())
        .collect();
    assert_eq!(emails.len(), 5);
    assert!(!emails.contains(&"dee@example.org"));
}
