use chrono::NaiveDate;

use super::*;
use crate::programs::{update_program, ProgramInput};
use crate::test_support::matched_cohort;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// 10:15 in the morning of `day`, one hour east of Greenwich: the moment drafts are written.
fn at(day: NaiveDate) -> chrono::DateTime<chrono::FixedOffset> {
    day.and_hms_opt(10, 15, 0)
        .unwrap()
        .and_local_timezone(chrono::FixedOffset::east_opt(3600).unwrap())
        .unwrap()
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
        at(d("2027-01-20")),
        false,
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
    // The Date header is the moment the shell gave, not the computer's clock.
    assert!(
        first.contains("Date: Wed, 20 Jan 2027 10:15:00 +0100\r\n"),
        "{first}"
    );
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
        at(d("2026-12-01")),
        false,
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
        at(d("2027-02-01")),
        false,
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
        false,
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

#[test]
fn a_preview_shows_unsaved_text_as_the_first_recipient_gets_it() {
    let (_d, store, program) = program();
    let t = EmailTemplates {
        check_in_subject: "Check in, {{ recipient.preferred_name }}".into(),
        check_in_body: "Your {{ checkin.label }} check-in is due by {{ checkin.due }}.".into(),
        ..EmailTemplates::default()
    };
    // Before the term: the first check-in is the one shown.
    let p = preview(&store, program, &t, EmailText::CheckIn, d("2027-01-02")).unwrap();
    assert_eq!(p.from, "Pat Moss <pat@example.org>");
    assert!(p.to.contains('@') && p.to.contains('<'), "{}", p.to);
    assert!(p.subject.starts_with("Check in, "), "{}", p.subject);
    assert!(
        p.body.contains("check-in is due by April 14, 2027."),
        "{}",
        p.body
    );
    assert!(p.note.starts_with("As "), "{}", p.note);
    // Nothing was saved by previewing.
    assert_eq!(
        email_templates(&store, program).unwrap(),
        EmailTemplates::default()
    );
    // The mentor letter goes to a mentor, and says the letter is attached.
    let m = preview(
        &store,
        program,
        &t,
        EmailText::MentorLetter,
        d("2027-01-02"),
    )
    .unwrap();
    assert!(m.note.ends_with("attached as a PDF."), "{}", m.note);
    // A mistake is said the way the batch would say it.
    let broken = EmailTemplates {
        reminder_body: "Dear {{ recipient.nickname }}".into(),
        ..EmailTemplates::default()
    };
    let err = preview(
        &store,
        program,
        &broken,
        EmailText::Reminder,
        d("2027-01-02"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("could not be written"), "{err}");
}

#[test]
fn reminders_go_to_both_people_of_each_overdue_pair_in_the_committees_words() {
    let (_d, mut store, program) = program();
    let today = d("2027-05-01");
    let board = dashboard(&store, program, today).unwrap();
    let overdue: Vec<_> = board.pairs.iter().filter(|p| p.reminded()).collect();
    assert!(!overdue.is_empty(), "nobody met in Q1");
    let batch = drafts(
        &store,
        program,
        Campaign::Reminder,
        Which::All,
        today,
        false,
    )
    .unwrap();
    assert_eq!(batch.drafts.len() + batch.skipped.len(), overdue.len());
    let (name, first) = &batch.drafts[0];
    assert!(
        name.starts_with("Reminder - ") && name.contains(" and "),
        "{name}"
    );
    assert_eq!(first.to.len(), 2);
    assert!(
        first.subject.ends_with("a reminder to meet"),
        "{}",
        first.subject
    );
    // Greeted by the name the letters use (the full name without a preferred one).
    assert!(!first.body.starts_with("Dear  and"), "{}", first.body);
    assert!(first.body.contains("for Q1 ("), "{}", first.body);
    assert!(
        first
            .body
            .contains("3 months into your 18-month relationship"),
        "{}",
        first.body
    );
    // Before the kickoff nobody is "0 months into" anything.
    let early = board.pairs[0].match_id;
    let before = pair_reminder(&store, early, d("2027-01-05")).unwrap();
    assert!(!before.body.contains("months into"), "{}", before.body);

    // The committee's own text reaches the drafts and the Tracking screen's reminder alike.
    let own = EmailTemplates {
        reminder_subject: "Nudge for {{ participant.first_name }} and {{ mentor.first_name }}"
            .into(),
        reminder_body: "Please meet before {{ checkin.due }}.".into(),
        ..EmailTemplates::default()
    };
    assert_eq!(
        save_email_templates(&mut store, program, &own).unwrap(),
        vec![]
    );
    let r = pair_reminder(&store, overdue[0].match_id, today).unwrap();
    assert!(r.subject.starts_with("Nudge for "), "{}", r.subject);
    // Dates in the letters' style, as in every other email.
    assert_eq!(r.body, "Please meet before July 14, 2027.");
    assert_eq!(r.to.len(), 2);
    let batch = drafts(
        &store,
        program,
        Campaign::Reminder,
        Which::All,
        today,
        false,
    )
    .unwrap();
    assert_eq!(batch.drafts[0].1.body, "Please meet before July 14, 2027.");

    // A reminder is written for a pair: a person-by-person placeholder is refused.
    let per_person = EmailTemplates {
        reminder_body: "Dear {{ recipient.preferred_name }}".into(),
        ..EmailTemplates::default()
    };
    let problems = save_email_templates(&mut store, program, &per_person).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].text, "reminder_body");
}
