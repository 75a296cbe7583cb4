use chrono::NaiveDate;

use super::*;
use crate::programs::{update_program, ProgramInput};
use crate::test_support::matched_cohort;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The sample cohort confirmed, kickoff 15 January 2027, with a contact.
fn program() -> (tempfile::TempDir, Store, i64) {
    matched_cohort(|p| ProgramInput {
        name: p.name.clone(),
        organization: "Library Association".into(),
        kickoff_date: "2027-01-15".into(),
        contact_name: "Pat Moss".into(),
        contact_email: "pat@example.org".into(),
        ..ProgramInput::default()
    })
}

#[test]
fn the_default_texts_pass_their_own_checks() {
    let (_d, mut store, program) = program();
    let problems = save_email_templates(&mut store, program, &EmailTemplates::default()).unwrap();
    assert_eq!(problems, vec![]);
}

#[test]
fn a_text_with_an_unknown_placeholder_is_refused_and_nothing_is_saved() {
    let (_d, mut store, program) = program();
    let t = EmailTemplates {
        check_in_body: "Dear {{ recipient.nickname }}".into(),
        ..EmailTemplates::default()
    };
    let problems = save_email_templates(&mut store, program, &t).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].text, "check_in_body");
    assert_eq!(
        email_templates(&store, program).unwrap(),
        EmailTemplates::default()
    );
}

#[test]
fn letter_drafts_are_addressed_from_the_committee_with_the_letter_attached() {
    let (dir, mut store, program) = program();
    let folder = dir.path().join("drafts");
    let written = write_drafts(
        &mut store,
        program,
        Campaign::Letters,
        Which::All,
        d("2027-01-20"),
        &folder,
    )
    .unwrap();
    let recipients = letters::recipients(&store, program, Which::All).unwrap();
    assert_eq!(
        written.files.len() + written.skipped.len(),
        recipients.len()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "partial"))
        .collect();
    assert!(leftovers.is_empty(), "no .partial file stays behind");
    let first = std::fs::read_to_string(folder.join(&written.files[0])).unwrap();
    assert!(first.contains("\r\nX-Unsent: 1\r\n"));
    assert!(
        first.starts_with(
            "From: Pat Moss <pat@example.org>\r\nReply-To: Pat Moss <pat@example.org>\r\n"
        ),
        "{first}"
    );
    assert!(first.contains("Content-Type: application/pdf"));
    assert!(first.lines().all(|l| l.len() <= 998), "RFC 5322 line limit");
}

#[test]
fn check_in_requests_need_a_period_and_reminders_need_an_overdue_pair() {
    let (dir, mut store, program) = program();
    let before = write_drafts(
        &mut store,
        program,
        Campaign::CheckIn,
        Which::All,
        d("2026-12-01"),
        &dir.path().join("a"),
    );
    assert!(before
        .unwrap_err()
        .to_string()
        .contains("no check-in period"));
    let nobody = write_drafts(
        &mut store,
        program,
        Campaign::Reminder,
        Which::All,
        d("2027-02-01"),
        &dir.path().join("b"),
    );
    assert!(nobody.unwrap_err().to_string().contains("nobody to remind"));
    let row = get_program(&store, program).unwrap();
    let input = ProgramInput {
        name: row.name,
        kickoff_date: "2027-01-15".into(),
        contact_email: "pat@example.org".into(),
        survey_link: "https://forms.example/c?e={email}".into(),
        ..ProgramInput::default()
    };
    update_program(&mut store, program, &input).unwrap();
    let batch = drafts(
        &store,
        program,
        Campaign::CheckIn,
        Which::All,
        d("2027-02-01"),
    )
    .unwrap();
    let (_, first) = &batch.drafts[0];
    assert!(
        first.subject.ends_with("your Q1 check-in"),
        "{}",
        first.subject
    );
    let email = first.to[0].email.replace('@', "%40");
    assert!(
        first
            .body
            .contains(&format!("https://forms.example/c?e={email}")),
        "{}",
        first.body
    );
}
