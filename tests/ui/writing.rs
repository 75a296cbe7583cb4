//! Issue 29 in the real window: a "similar writing" criterion is added from
//! the form, previewed with three example pairs and the words both wrote,
//! weighed, and its reasons appear in the pairs' "Why" column.

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop};
use crate::support::{artifacts_dir, repo_path};

/// Picks the option of a select whose text starts with `text`.
fn choose(app: &crate::support::desktop::Session, select: &str, text: &str) {
    let chosen = app.execute(
        "const select = document.querySelector(arguments[0]);
         const option = [...select.options].find((o) => o.textContent.startsWith(arguments[1]));
         if (!option) return null;
         select.value = option.value;
         select.dispatchEvent(new Event('change', { bubbles: true }));
         return option.textContent;",
        json!([select, text]),
    );
    assert!(chosen.is_string(), "no option {text:?} in {select}");
}

#[test]
fn a_text_criterion_is_added_previewed_weighed_and_explains_the_pairs() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["program", "create", "--name", "Writing 2026"]);
    for role in ["mentors", "participants"] {
        let path = repo_path(&format!("tests/fixtures/text/short-{role}.csv"));
        desktop.command(&[
            "import",
            &path.display().to_string(),
            "--as",
            role,
            "--json",
        ]);
    }
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    // The suggestions say why; what is not compared is folded away with its reason.
    let suggested = app.wait_for_text("#criteria-suggestions", "Similar writing");
    assert!(suggested.contains("what they want"), "{suggested}");
    let left_out = app.text_of("#criteria-left-out summary");
    assert!(left_out.starts_with("Not compared"), "{left_out}");

    // Add it by hand instead, previewing the comparison first.
    app.click(".add-criterion-box summary");
    choose(
        &app,
        "#criterion-participant",
        "What would you like help with during the program?",
    );
    choose(
        &app,
        "#criterion-mentor",
        "What could you help a mentee with?",
    );
    choose(&app, "#criterion-compare", "Similar writing");
    app.click("#criterion-preview");
    let examples = app.wait_for_text("#criterion-examples", "Both wrote about");
    assert_eq!(
        examples.matches("Both wrote about").count(),
        3,
        "{examples}"
    );
    app.clear("#criterion-weight");
    app.type_into("#criterion-weight", "90");
    app.click("#add-criterion button[type=submit]");
    let card = app.wait_for_text(
        "#own-criteria",
        "Examples: the pairs whose answers are most alike",
    );
    assert!(card.contains("Both wrote about"), "{card}");
    app.screenshot(&artifacts_dir().join("criteria-writing.png"));

    app.click("#compute-matches");
    app.wait_for("#proposal-table tbody tr");
    let why = app.wait_for_text("#proposal-table tbody", "Both wrote about:");
    assert!(why.matches("Both wrote about:").count() >= 20, "{why}");
    app.execute(
        "document.querySelectorAll('.toast-close').forEach((b) => b.click());
         document.querySelector('#proposal-table').scrollIntoView();",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("criteria-writing-computed.png"));
    app.quit();

    let criteria = desktop.command(&["criteria", "list", "--json"]);
    let text = criteria["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["compare"] == "text")
        .cloned()
        .unwrap_or_default();
    assert_eq!(text["weight"], 90, "{criteria}");
}
