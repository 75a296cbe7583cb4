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
    app.quit();
}
