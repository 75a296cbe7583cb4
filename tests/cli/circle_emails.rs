//! Check-in requests in a program of peer circles (issue 32): each member
//! is asked about their circle's check-in, and only those who have not
//! answered it get a draft.

use std::collections::BTreeSet;

use crate::circles::{circles_program, confirmed_circles};
use crate::emails::drafts_in;
use crate::support::cli::ok;
use crate::support::mail::read_eml;

#[test]
fn circle_members_who_have_not_answered_get_the_check_in_request() {
    let (dir, db) = circles_program("5");
    let groups = confirmed_circles(&db);
    ok(
        &db,
        &[
            "program",
            "edit",
            "--survey-link",
            "https://forms.example/c?e={email}",
        ],
    );
    // The first circle answers; the other 25 members have not.
    let today = matchbook::time::today().to_string();
    let mut csv = String::from("Timestamp,Email Address,How many times did you meet?\n");
    let first: BTreeSet<String> = groups[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_string())
        .collect();
    for email in &first {
        csv.push_str(&format!("{today},{email},1\n"));
    }
    let file = dir.path().join("answers.csv");
    std::fs::write(&file, csv).unwrap();
    ok(
        &db,
        &["import", file.to_str().unwrap(), "--as", "check-ins"],
    );

    let out = dir.path().join("drafts");
    ok(
        &db,
        &["emails", "check-in", "--eml-dir", out.to_str().unwrap()],
    );
    let drafts = drafts_in(&out);
    assert_eq!(drafts.len(), 25, "{drafts:?}");
    for draft in &drafts {
        let mail = read_eml(draft);
        let to = mail["to"][0]["email"].as_str().unwrap();
        assert!(!first.contains(to), "{to} already answered");
        assert!(
            mail["subject"].as_str().unwrap().contains("Q1 check-in"),
            "{mail}"
        );
        assert!(
            mail["body"]
                .as_str()
                .unwrap()
                .contains("https://forms.example/c?e="),
            "{mail}"
        );
    }
}
