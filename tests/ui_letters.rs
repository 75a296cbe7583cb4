//! End-to-end test of the Letters screen in the real window: edit a template,
//! see the preview change (and a wrong placeholder reported instead of a
//! page), then save the letters as one PDF and read it back.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{artifacts_dir, desktop_available, Desktop};

#[test]
fn edit_preview_and_save_the_letters() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample", "--json"]);
    desktop.command(&["match", "run", "--json"]);
    desktop.command(&["match", "confirm", "--json"]);
    let app = desktop.launch();
    app.click(".place[data-place=letters]");
    app.wait_for("#letter-template");
    let status = app.wait_for_text("#template-status", "exactly as it prints");
    assert!(status.contains("Preview of"), "{status}");
    let first_src = app.execute(
        "return document.getElementById('letter-preview').src;",
        json!([]),
    );
    assert!(
        first_src.as_str().unwrap_or("").starts_with("blob:"),
        "{first_src}"
    );
    app.screenshot(&artifacts_dir().join("letters.png"));

    // A placeholder that does not exist: a problem with its line, no page.
    app.type_into("#letter-template", "\nP.S. {{ mentor.nickname }}");
    app.wait_for_text("#template-problems", "does not exist");
    let hidden = app.execute(
        "return document.getElementById('letter-preview').hidden;",
        json!([]),
    );
    assert_eq!(
        hidden,
        json!(true),
        "no preview while the template is wrong"
    );

    // Fix it: the preview comes back, drawn anew.
    app.execute(
        "const t = document.getElementById('letter-template'); t.value = t.value.replace('{{ mentor.nickname }}', 'See you at the kickoff, {{ mentor.preferred_name }}!'); t.dispatchEvent(new Event('input'));",
        json!([]),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let src = app.execute(
            "const i = document.getElementById('letter-preview'); return i.hidden ? '' : i.src;",
            json!([]),
        );
        let problems = app.text_of("#template-problems");
        if problems.is_empty()
            && src
                .as_str()
                .is_some_and(|s| s.starts_with("blob:") && json!(s) != first_src)
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the preview did not update: {src} {problems}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // The two letters are a tab list: one Tab stop, arrow keys move between
    // them, and the draft of the other letter is kept.
    app.click("#tab-participant");
    app.press(&["ArrowRight"]);
    app.wait_for_focus("#tab-mentor[aria-selected=true][tabindex='0']");
    app.wait_for("#tab-participant[aria-selected=false][tabindex='-1']");
    let mentor_text = app.execute(
        "return document.getElementById('letter-template').value;",
        json!([]),
    );
    assert!(
        !mentor_text
            .as_str()
            .unwrap_or("")
            .contains("See you at the kickoff"),
        "the mentor letter shows its own text"
    );
    app.press(&["Home"]);
    app.wait_for_focus("#tab-participant[aria-selected=true]");
    let participant_text = app.execute(
        "return document.getElementById('letter-template').value;",
        json!([]),
    );
    assert!(
        participant_text
            .as_str()
            .unwrap_or("")
            .contains("See you at the kickoff"),
        "the participant draft survives the tab switch: {participant_text}"
    );

    // Save as PDF (the test build writes where the save dialog would have).
    app.click("#save-letters-pdf");
    let pdf = desktop
        .saved_dir()
        .join("Letters - Sample Leadership Institute.pdf");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !pdf.exists() {
        assert!(Instant::now() < deadline, "no PDF at {}", pdf.display());
        std::thread::sleep(Duration::from_millis(200));
    }
    app.wait_for_text("#letters-log", "Participant");
    app.quit();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("P.S. See you at the kickoff,"),
        "the edited template was used and saved"
    );
    assert!(text.contains("Dear "));
}
