//! Black-box tests of the email drafts: each `.eml` is read back with a real
//! mail library (Python's `email`, strict policy): its To, Subject (with
//! non-ASCII names as RFC 2047 words), `X-Unsent`, body, and the letter
//! attached as a PDF whose text names the recipient.

use base64::Engine as _;

use crate::support::cli::{confirmed_sample, json, matchbook, matchbook_on, ok};
use crate::support::mail::read_eml;
use crate::support::pdf;

pub(crate) fn drafts_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

#[test]
fn letter_drafts_parse_as_email_with_the_letter_attached() {
    let (dir, db) = confirmed_sample(&[
        "--contact-name",
        "Pat Moss",
        "--contact-email",
        "pat@example.org",
    ]);
    let people = json(&matchbook(&db, &["people", "list", "--json"]));
    let out = dir.path().join("Email drafts");
    let said = ok(&db, &["letters", "--eml-dir", out.to_str().unwrap()]);
    assert!(said.contains("email drafts"), "{said}");
    let files = drafts_in(&out);
    assert!(
        files
            .iter()
            .all(|f| f.extension().is_some_and(|x| x == "eml")),
        "only finished drafts: {files:?}"
    );
    let shown = json(&matchbook(&db, &["match", "show", "--confirmed", "--json"]));
    let pairs = shown["pairs"].as_array().unwrap();
    let mentors: std::collections::BTreeSet<&str> = pairs
        .iter()
        .map(|p| p["mentor"].as_str().unwrap())
        .collect();
    assert_eq!(
        files.len(),
        pairs.len() + mentors.len(),
        "one draft per participant and per mentor"
    );

    let mut non_ascii = 0;
    for file in &files {
        let mail = read_eml(file);
        assert_eq!(mail["x_unsent"], "1");
        assert_eq!(mail["from"], "Pat Moss <pat@example.org>");
        assert_eq!(mail["reply_to"], "Pat Moss <pat@example.org>");
        let to = &mail["to"][0];
        let email = to["email"].as_str().unwrap();
        let person = people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["email"] == email)
            .unwrap_or_else(|| panic!("{email} is someone in the program"));
        let name = person["name"].as_str().unwrap();
        assert_eq!(to["name"], name, "the display name survives RFC 2047");
        if !name.is_ascii() {
            non_ascii += 1;
        }
        let subject = mail["subject"].as_str().unwrap();
        let body = mail["body"].as_str().unwrap();
        if person["role"] == "participant" {
            let mentor = pairs.iter().find(|p| p["participant"] == email).unwrap()["mentor_name"]
                .as_str()
                .unwrap();
            assert_eq!(
                subject,
                format!("Sample Leadership Institute: meet your mentor, {mentor}")
            );
            assert!(body.contains(&format!("your mentor is {mentor}")), "{body}");
        } else {
            assert!(
                subject.starts_with("Sample Leadership Institute: your mentee"),
                "{subject}"
            );
        }
        assert!(
            body.trim_end().ends_with("mentorship committee"),
            "signed by the committee: {body}"
        );
        let attachment = &mail["attachments"][0];
        assert_eq!(attachment["type"], "application/pdf");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(attachment["data"].as_str().unwrap())
            .unwrap();
        let pdf_path = dir.path().join("attached.pdf");
        std::fs::write(&pdf_path, &bytes).unwrap();
        assert!(
            pdf::text(&pdf_path).contains(name),
            "the letter attached is {name}'s"
        );
    }
    assert!(
        non_ascii > 3,
        "the sample has names such as Hà and Łukasz: {non_ascii}"
    );
}

#[test]
fn check_in_reminder_and_closing_drafts() {
    let kickoff = chrono::Local::now().date_naive() + chrono::Duration::days(21);
    let (dir, db) = confirmed_sample(&[
        "--kickoff",
        &kickoff.to_string(),
        "--contact-email",
        "pat@example.org",
        "--survey-link",
        "https://forms.example/checkin?entry.1={email}",
    ]);
    let in_q1 = (kickoff + chrono::Duration::days(30)).to_string();
    let checkins = dir.path().join("check-ins");
    ok(
        &db,
        &[
            "emails",
            "check-in",
            "--as-of",
            &in_q1,
            "--eml-dir",
            checkins.to_str().unwrap(),
        ],
    );
    let files = drafts_in(&checkins);
    assert!(!files.is_empty());
    for file in files.iter().take(5) {
        let mail = read_eml(file);
        let email = mail["to"][0]["email"].as_str().unwrap().replace('@', "%40");
        assert_eq!(
            mail["subject"],
            "Sample Leadership Institute: your Q1 check-in"
        );
        assert!(mail["body"]
            .as_str()
            .unwrap()
            .contains(&format!("https://forms.example/checkin?entry.1={email}")));
        assert_eq!(mail["attachments"].as_array().unwrap().len(), 0);
    }

    // Nobody overdue yet: said, nothing written.
    let early = matchbook_on(
        &db,
        &in_q1,
        &[
            "emails",
            "reminder",
            "--eml-dir",
            dir.path().join("r0").to_str().unwrap(),
        ],
    );
    assert_ne!(early.code, 0);
    assert!(
        early.stderr.contains("nobody to remind"),
        "{}",
        early.stderr
    );
    // After Q1 without a meeting logged, every pair is overdue.
    let after_q1 = (kickoff + chrono::Duration::days(100)).to_string();
    let reminders = dir.path().join("reminders");
    ok(
        &db,
        &[
            "emails",
            "reminder",
            "--as-of",
            &after_q1,
            "--eml-dir",
            reminders.to_str().unwrap(),
        ],
    );
    // One draft per pair, to both of them, saying where the pair stands.
    let mail = read_eml(&drafts_in(&reminders)[0]);
    assert_eq!(
        mail["subject"],
        "Sample Leadership Institute: a reminder to meet"
    );
    assert_eq!(mail["to"].as_array().unwrap().len(), 2, "{mail}");
    assert!(
        mail["body"]
            .as_str()
            .unwrap()
            .contains("We have not yet heard about a meeting between you for Q1 ("),
        "{mail}"
    );

    let closing = dir.path().join("closing");
    ok(
        &db,
        &["emails", "closing", "--eml-dir", closing.to_str().unwrap()],
    );
    let mail = read_eml(&drafts_in(&closing)[0]);
    assert!(
        mail["body"]
            .as_str()
            .unwrap()
            .contains("reply with a few lines"),
        "no evaluation link yet: {}",
        mail["body"]
    );
}
