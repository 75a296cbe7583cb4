//! The same-library rule in peer circles (issue 32): on by default, and
//! the committee may let people of one library share a circle.

use std::collections::BTreeSet;

use crate::circles::circles_of;
use crate::support::circles::{colleagues_file, DAY_QUESTION};
use crate::support::cli::{json, matchbook, ok, one_program};

/// Two colleagues of one library who agree on everything, and two people
/// of other libraries who agree with each other: circles of two.
fn colleagues_program() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = one_program("Circles");
    ok(
        &db,
        &["program", "edit", "--shape", "circles", "--group-size", "2"],
    );
    let file = colleagues_file(dir.path());
    ok(
        &db,
        &["import", file.to_str().unwrap(), "--as", "participants"],
    );
    ok(
        &db,
        &[
            "criteria",
            "add",
            "--question",
            DAY_QUESTION,
            "--compare",
            "same",
        ],
    );
    (dir, db)
}

fn circles(db: &std::path::Path) -> BTreeSet<BTreeSet<String>> {
    circles_of(&json(&matchbook(db, &["match", "run", "--json"])))
}

fn circle(emails: &[&str]) -> BTreeSet<String> {
    emails.iter().map(|e| e.to_string()).collect()
}

#[test]
fn one_librarys_people_share_a_circle_only_when_the_committee_lets_them() {
    let (_dir, db) = colleagues_program();
    let shown = ok(&db, &["program", "edit", "--group-size", "2"]);
    assert!(
        shown.contains("People of one library are put in different circles."),
        "{shown}"
    );
    let apart = circles(&db);
    assert_eq!(apart.len(), 2, "{apart:?}");
    for c in &apart {
        assert!(
            !(c.contains("ann@example.org") && c.contains("bo@example.org")),
            "colleagues kept apart: {apart:?}"
        );
    }

    let edited = ok(&db, &["program", "edit", "--same-library", "together"]);
    assert!(
        edited.contains("People of one library may share a circle."),
        "{edited}"
    );
    let together = circles(&db);
    assert!(
        together.contains(&circle(&["ann@example.org", "bo@example.org"])),
        "{together:?}"
    );
    assert!(
        together.contains(&circle(&["cy@example.org", "di@example.org"])),
        "{together:?}"
    );

    ok(&db, &["program", "edit", "--same-library", "apart"]);
    assert_eq!(circles(&db), apart, "back to the rule");
    let wrong = matchbook(&db, &["program", "edit", "--same-library", "sometimes"]);
    assert_eq!(wrong.code, 1);
    assert!(
        wrong.stderr.contains("apart") && wrong.stderr.contains("together"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn confirmed_circles_put_on_the_waiting_list_only_those_without_a_circle() {
    let (_dir, db) = colleagues_program();
    ok(&db, &["program", "edit", "--group-size", "3"]);
    ok(&db, &["match", "run"]);
    ok(&db, &["match", "confirm"]);
    let waiting = json(&matchbook(&db, &["people", "waitlist", "--json"]));
    let waiting = waiting.as_array().unwrap();
    assert_eq!(
        waiting.len(),
        1,
        "four people, one circle of three: {waiting:?}"
    );
    assert_eq!(
        waiting[0]["reason"],
        "Too few people left for one more circle"
    );
}
