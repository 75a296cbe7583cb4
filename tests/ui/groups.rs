//! End-to-end test of peer circles in the real window (issue 32): the
//! program form shows the program's shape with its explanation and group
//! size, and the Tracking dashboard lists the confirmed circles with their
//! members, reasons and meetings.

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};
use crate::support::repo_path;

/// Before a screenshot: confirmations dismissed, the page scrolled to the top.
const CLEAN_VIEW: &str =
    "document.querySelectorAll('.toast').forEach((t) => t.remove()); document.getElementById('main').scrollTo(0, 0);";

#[test]
fn the_dashboard_lists_the_confirmed_circles_with_their_members_and_meetings() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let file = repo_path("tests/fixtures/circles/circles-participants.csv");
    let file = file.to_str().unwrap();
    desktop.command(&[
        "program",
        "create",
        "--name",
        "Peer circles 2027",
        "--shape",
        "circles",
        "--group-size",
        "4-6",
    ]);
    desktop.command(&["import", file, "--as", "participants"]);
    // Two criteria from the command line; the third is added in the window.
    for question in ["Which day suits you best for meetings?", "Your time zone"] {
        desktop.command(&[
            "criteria",
            "add",
            "--question",
            question,
            "--compare",
            "same",
        ]);
    }
    let app = desktop.launch();

    // The circle form: one participant question, compared between members.
    app.click(".place[data-place=matching]");
    app.wait_for("#add-circle-criterion");
    let chosen = app.execute(
        "const s = document.getElementById('circle-question');\
         const o = [...s.options].find((o) => o.text.startsWith('Which sector do you work in?'));\
         s.value = o.value; document.getElementById('circle-compare').value = 'same'; return o.text;",
        serde_json::json!([]),
    );
    assert!(
        chosen.as_str().unwrap().starts_with("Which sector"),
        "{chosen}"
    );
    app.click("#add-circle-criterion button[type=submit]");
    app.wait_for_text("#own-criteria", "sector");

    // Circles are computed and confirmed in the window: no mentor needed.
    app.click("#compute-matches");
    app.wait_for("#proposed-groups tbody tr");
    assert!(app
        .text_of("#proposed-groups")
        .contains("Proposed peer circles (6)"));
    app.click("#confirm-matches");
    app.click(".confirming button.confirm");
    app.wait_for_text("#proposed-groups", "Confirmed peer circles (6)");
    app.execute(CLEAN_VIEW, serde_json::json!([]));
    app.screenshot(&artifacts_dir().join("matching-circles.png"));

    app.click(".place[data-place=tracking]");
    app.wait_for("#groups-list");
    let rows = app.execute(
        "return document.querySelectorAll('#groups-list tbody tr').length;",
        serde_json::json!([]),
    );
    assert_eq!(rows, 6);
    let text = app.text_of("#groups-list");
    // Every participant of the fixture is listed in a circle.
    let mut reader = csv::Reader::from_path(file).unwrap();
    for row in reader.records() {
        let name = row.unwrap()[2].to_string();
        assert!(text.contains(&name), "{name} in {text}");
    }
    assert!(text.contains("Circle 6"), "{text}");
    assert!(text.contains("No meeting logged yet"), "{text}");
    assert!(text.contains("All 5: "), "{text}");

    // A meeting logged for the first circle, from its row.
    app.click("#groups-list tbody tr:first-child button");
    app.wait_for("#meeting-date");
    app.type_into("#meeting-topics", "First circle call");
    app.click("#panel button[type=submit]");
    app.wait_for_text(
        "#groups-list tbody tr:first-child",
        "1 meeting, the last on",
    );
    app.execute(CLEAN_VIEW, serde_json::json!([]));
    app.screenshot(&artifacts_dir().join("tracking-circles.png"));

    // The program form shows the shape, its explanation and the group size.
    app.click(".place[data-place=programs]");
    app.wait_for_text(".program-card", "Peer circles of 4\u{2013}6");
    app.wait_for(".program-card .program-actions button");
    app.execute(
        "[...document.querySelectorAll('.program-card .program-actions button')].find((b) => b.textContent === 'Edit').click();",
        serde_json::json!([]),
    );
    app.wait_for("#program-shape-circles");
    let checked = app.execute(
        "return document.getElementById('program-shape-circles').checked && !document.getElementById('program-group-size').hidden;",
        serde_json::json!([]),
    );
    assert_eq!(checked, true);
    app.wait_for_text("#program-shape", "without a mentor");
    app.execute(
        "document.getElementById('program-shape').scrollIntoView({ block: 'start' });",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("program-form-shape.png"));
}
