//! End-to-end: the form kit screen. Untick a question, edit an option, save
//! the form as PDF, and read the PDF back.

use std::time::Duration;

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop};
use crate::support::{artifacts_dir, pdf, wait};

#[test]
fn untick_a_question_edit_an_option_and_save_the_form_as_pdf() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&[
        "program",
        "create",
        "--name",
        "Institute 2027",
        "--kickoff",
        "2027-01-15",
        "--kickoff-event",
        "Leading for Life",
    ]);
    let app = desktop.launch();
    app.click(".place[data-place=programs]");
    app.click("button[aria-label='Application forms of Institute 2027']");
    app.wait_for("#form-kit");
    let intro = app.text_of("#form-count");
    assert!(
        intro.contains("Leading for Life"),
        "filled from the program: {intro}"
    );
    app.click("#kit-mentor-position-ask");
    app.wait_for("li[data-question=position].unticked");
    app.clear("#kit-mentor-region-options");
    // One option per line, typed with the Enter key (WebDriver's U+E007).
    app.type_into(
        "#kit-mentor-region-options",
        "North Shore\u{E007}Iron Range\u{E007}Twin Cities",
    );
    app.wait_for_text("#form-save-status", "All changes saved");
    app.screenshot(&artifacts_dir().join("form-kit.png"));
    app.click("#save-form-pdf");
    let pdf_path = desktop
        .saved_dir()
        .join("Mentor application - Institute 2027.pdf");
    wait::until_true(
        Duration::from_secs(30),
        format_args!("{}", pdf_path.display()),
        || pdf_path.exists(),
    );
    let text = pdf::text(&pdf_path);
    assert!(
        text.contains("Mentor application") && text.contains("Iron Range"),
        "{text}"
    );
    assert!(
        !text.contains("ShoreIron"),
        "three options, not one: {text}"
    );
    assert!(
        !text.contains("Position title"),
        "the unticked question is not printed"
    );
    // The edits are kept: back on the screen after a round trip.
    app.click(".place[data-place=letters]");
    app.click(".place[data-place=programs]");
    app.click("button[aria-label='Application forms of Institute 2027']");
    let kept = app.execute(
        "return document.getElementById('kit-mentor-region-options').value;",
        json!([]),
    );
    assert_eq!(kept, json!("North Shore\nIron Range\nTwin Cities"));
    app.quit();
}
