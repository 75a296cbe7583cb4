//! From one year to the next in the window: the waiting list on Matching.

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};

#[test]
fn the_waiting_list_shows_who_had_no_mentor_and_why() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.confirmed_sample(&[]);
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    let heading = app.wait_for_text("#waiting-list h2", "Waiting list");
    assert!(heading.contains("(14)"), "{heading}");
    let rows = app.execute(
        "return [...document.querySelectorAll('#waiting-table tbody tr')].map(r => r.textContent);",
        serde_json::json!([]),
    );
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 14);
    for row in rows {
        let row = row.as_str().unwrap_or("");
        assert!(
            row.contains("No mentor had a place") && row.contains("Waiting since"),
            "{row}"
        );
    }
    app.execute(
        "document.getElementById('waiting-list').scrollIntoView({block: 'start'});",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-waiting-list.png"));

    // Next year's program from this one, with the waiting list.
    app.click(".place[data-place=programs]");
    app.click("button[aria-label^='New program from']");
    let label = app.wait_for_text("label[for=from-carry-waiting]", "14 participants");
    assert!(
        label.contains("Waiting since Sample Leadership Institute"),
        "{label}"
    );
    app.clear("#from-name");
    app.type_into("#from-name", "Sample Leadership Institute 2027");
    app.type_into("#from-kickoff", "2027-03-01");
    app.screenshot(&artifacts_dir().join("programs-new-from.png"));
    app.click("#create-from");
    app.wait_for_text("#toasts", "14 participants from the waiting list");
    app.click(".place[data-place=matching]");
    app.wait_for_text("#waiting-list h2", "(14)");
    let flag = app.text_of("#waiting-table tbody tr:first-child td:last-child");
    assert_eq!(flag, "Waiting since Sample Leadership Institute");

    // A carried participant's panel says where they applied before.
    app.click(".place[data-place=applications]");
    app.click("#people-table tbody tr td");
    let history = app.wait_for_text("#person-history", "Earlier programs");
    assert!(
        history.contains("Applied to Sample Leadership Institute as a participant, not matched"),
        "{history}"
    );
    app.screenshot(&artifacts_dir().join("applications-person-history.png"));
    app.quit();
}
