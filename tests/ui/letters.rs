//! End-to-end test of the Letters screen in the real window: edit a template,
//! see the preview change (and a wrong placeholder reported instead of a
//! page), then save the letters as one PDF and read it back.

use std::time::Duration;

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop};
use crate::support::{artifacts_dir, pdf, wait};

#[test]
fn edit_preview_and_save_the_letters() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.confirmed_sample(&[]);
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

    // The palette says, for each applicant placeholder, how many letters
    // have an answer to print; one nobody answered cannot be inserted.
    let counts = app.execute(
        "return [...document.querySelectorAll('.palette .placeholder')].map(b => [b.firstChild.textContent, (b.querySelector('.placeholder-count') || {}).textContent || '', b.disabled]);",
        json!([]),
    );
    let counts = counts.as_array().expect("palette");
    let count_of = |text: &str| {
        counts
            .iter()
            .find(|c| c[0] == json!(text))
            .map(|c| (c[1].as_str().unwrap_or("").to_string(), c[2] == json!(true)))
    };
    let (names, disabled) = count_of("{{ participant.name }}").expect("participant.name");
    let (answered, of) = names.split_once('/').expect("a count n/N");
    assert_eq!(answered, of, "everyone has a name: {names}");
    assert!(!disabled);
    assert_eq!(count_of("{{ program.name }}"), Some((String::new(), false)));
    for c in counts {
        let none = c[1].as_str().unwrap_or("").starts_with("0/");
        assert_eq!(
            none,
            c[2] == json!(true),
            "greyed out exactly when nobody answered: {c}"
        );
    }
    app.execute(
        "document.querySelector('.palette').scrollIntoView({block: 'center'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("letters-palette.png"));

    // Greetings: every letter's "Dear …" is listed; a correction is saved
    // and shown where it came from.
    app.execute(
        "document.getElementById('greetings').open = true;",
        json!([]),
    );
    app.wait_for("#greetings-table tbody tr input");
    // Select the greeting and type over it, as a user would.
    app.click("#greetings-table tbody tr:first-child input");
    app.press(&["Ctrl", "a"]);
    app.press(&["D", "r", ".", " ", "L", "e", "e", "Tab"]);
    app.wait_for_text(
        "#greetings-table tbody tr:first-child",
        "Corrected by the committee",
    );
    let typed = app.execute(
        "return document.querySelector('#greetings-table tbody tr:first-child input').value;",
        json!([]),
    );
    assert_eq!(typed, json!("Dr. Lee"));
    // The sample gives no preferred names: letters greet by the full name,
    // and the section opens by itself to say so.
    let summary = app.text_of("#greetings summary");
    assert!(summary.contains("greet by the full name"), "{summary}");
    app.execute(
        "document.getElementById('greetings').scrollIntoView({block: 'start'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("letters-greetings.png"));

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
    wait::until(
        Duration::from_secs(10),
        "the preview to be drawn anew",
        || {
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
                Ok(())
            } else {
                Err(format!("{src} {problems}"))
            }
        },
    );

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
    wait::until_true(
        Duration::from_secs(30),
        format_args!("a PDF at {}", pdf.display()),
        || pdf.exists(),
    );
    app.wait_for_text("#letters-log", "Participant");
    app.quit();
    let text = pdf::text(&pdf);
    assert!(
        text.contains("P.S. See you at the kickoff,"),
        "the edited template was used and saved"
    );
    assert!(text.contains("Dear "));
}

/// Email the letters: edit the participant email's subject, save the texts,
/// write the drafts, and read one back as a mail program would.
#[test]
fn email_the_letters_as_drafts_with_the_edited_subject() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.confirmed_sample(&["--contact-email", "pat@example.org"]);
    let app = desktop.launch();
    app.click(".place[data-place=letters]");
    app.click("#email-texts summary");
    app.clear("#email-participant-subject");
    app.type_into(
        "#email-participant-subject",
        "Your mentor: {{ mentor.name }}",
    );
    // The preview writes the text as typed, before it is saved.
    app.click("#email-preview-participant-letter-button");
    let preview = app.wait_for_text(
        "#email-preview-participant-letter",
        "Subject: Your mentor: ",
    );
    assert!(
        preview.contains("From: ") && preview.contains("pat@example.org"),
        "{preview}"
    );
    assert!(preview.contains("attached as a PDF"), "{preview}");
    // A reminder is written for a pair, to both of them.
    app.click("#email-preview-reminder-button");
    app.wait_for_text("#email-preview-reminder", " and ");
    app.click("#save-email-texts");
    app.wait_for_text("#toasts", "Saved the email texts.");
    app.execute(
        "document.getElementById('email-texts').scrollIntoView({block: 'start'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("letters-email-texts.png"));
    app.click("#email-letters");
    app.wait_for_text("#toasts", "email drafts into");
    let drafts: Vec<std::path::PathBuf> = std::fs::read_dir(desktop.saved_dir())
        .expect("the saved folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    assert!(drafts.len() > 40, "{} drafts", drafts.len());
    let participant = drafts
        .iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("Participant"))
        })
        .expect("a participant's draft");
    let mail = crate::support::mail::read_eml(participant);
    assert!(
        mail["subject"]
            .as_str()
            .unwrap()
            .starts_with("Your mentor: "),
        "{mail}"
    );
    assert_eq!(mail["attachments"][0]["type"], "application/pdf");
    app.quit();
}
