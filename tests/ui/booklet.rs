//! End-to-end: the mentor booklet from the Matching page. The panel ticks
//! the mentors' own words and no contact details by default; untick one,
//! choose alphabetical, save the PDF, read it back, and find the choices
//! remembered when the panel opens again; the Mentor choices form is in
//! the form kit.

use std::time::Duration;

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop};
use crate::support::{artifacts_dir, pdf, repo_path, wait};

fn checked(app: &crate::support::desktop::Session, question: &str) -> bool {
    let script = "return document.querySelector(`#booklet-questions input[data-question=\"${arguments[0]}\"]`).checked;";
    app.execute(script, json!([question])) == json!(true)
}

#[test]
fn tick_what_the_profiles_show_choose_the_order_and_save_the_booklet() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["program", "create", "--name", "Institute 2026"]);
    for (file, role) in [
        ("short-mentors.csv", "mentors"),
        ("short-participants.csv", "participants"),
    ] {
        let path = repo_path("tests/fixtures/text").join(file);
        desktop.command(&["import", path.to_str().unwrap(), "--as", role]);
    }
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    app.wait_for("#open-booklet");
    app.screenshot(&artifacts_dir().join("booklet-button.png"));
    app.click("#open-booklet");
    app.wait_for("#booklet-form");
    let intro = app.text_of("#booklet-form");
    assert!(intro.contains("40 mentors"), "{intro}");
    assert!(checked(&app, "What could you help a mentee with?"));
    assert!(checked(&app, "Position"));
    assert!(
        !checked(&app, "Email Address"),
        "no contact details by default"
    );
    let shuffled = app.execute(
        "return document.getElementById('booklet-order-shuffled').checked;",
        json!([]),
    );
    assert_eq!(shuffled, json!(true));
    app.screenshot(&artifacts_dir().join("booklet-panel.png"));

    app.click("#booklet-questions input[data-question='Position']");
    app.click("#booklet-order-alphabetical");
    app.click("#save-booklet-pdf");
    let saved = desktop
        .saved_dir()
        .join("Mentor booklet - Institute 2026.pdf");
    wait::until_true(
        Duration::from_secs(30),
        format_args!("a booklet at {}", saved.display()),
        || saved.exists(),
    );
    app.wait_for_text(".toast", "Saved the mentor booklet (40 mentors)");
    let text = pdf::text(&saved);
    assert!(
        text.contains("Mentors appear in alphabetical order"),
        "{text}"
    );
    assert!(
        text.contains("I run marketing for a county system"),
        "{text}"
    );
    assert!(!text.contains('@'), "no email printed: {text}");
    assert!(!text.contains("Library Associate"), "Position was unticked");

    // Remembered for the program.
    app.click("#open-booklet");
    app.wait_for("#booklet-form");
    assert!(!checked(&app, "Position"));
    let alphabetical = app.execute(
        "return document.getElementById('booklet-order-alphabetical').checked;",
        json!([]),
    );
    assert_eq!(alphabetical, json!(true));
    app.press(&["Escape"]);

    // The form the booklet's numbers are for, in the form kit.
    app.click(".place[data-place=programs]");
    app.click("button[aria-label='Application forms of Institute 2026']");
    app.click("#form-tabs button[data-form=choices]");
    app.wait_for("li[data-question=first]");
    let intro = app.text_of("#form-count");
    assert!(intro.contains("mentor booklet"), "{intro}");
    app.screenshot(&artifacts_dir().join("form-kit-choices.png"));
    app.quit();
}
