//! Black-box tests of `matchbook booklet`: every mentor has a profile, no
//! contact details print unless asked for, the shuffle is the same each time,
//! and the numbered list at the end matches the profiles.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::cli::{json, matchbook, ok, one_program};
use crate::support::{artifacts_dir, pdf, repo_path};

/// A program whose 40 mentors answered "What could you help a mentee with?".
fn mentors() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = one_program("Institute 2026");
    let file = repo_path("tests/fixtures/text/short-mentors.csv");
    ok(&db, &["import", file.to_str().unwrap(), "--as", "mentors"]);
    (dir, db)
}

fn booklet(db: &Path, out: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["booklet", "--out", out.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    json(&matchbook(db, &args))
}

fn names(written: &Value) -> Vec<String> {
    written["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_mentor_has_a_profile_with_their_own_words_and_no_email() {
    let (dir, db) = mentors();
    let out = dir.path().join("booklet.pdf");
    let said = ok(&db, &["booklet", "--out", out.to_str().unwrap()]);
    assert!(
        said.contains("40 mentors in shuffled order") && said.contains("What could you help"),
        "{said}"
    );
    let text = pdf::text(&out);
    let people = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    for mentor in people.as_array().unwrap() {
        let name = mentor["name"].as_str().unwrap();
        assert!(text.contains(name), "{name} in the booklet");
        let email = mentor["email"].as_str().unwrap();
        assert!(
            !text.contains(email),
            "{email} printed without being ticked"
        );
    }
    assert!(!text.contains('@'), "{text}");
    for expected in [
        "Mentor booklet",
        "Mentors appear in a shuffled order so that no one is favoured by being first.",
        "I run marketing for a county system",
        "Copperfalls Regional Library System",
        "The mentors by number",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // A page to look at.
    let shots = artifacts_dir();
    std::fs::create_dir_all(&shots).unwrap();
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&out)
        .arg(shots.join("booklet-page1"))
        .status();

    let with_email = dir.path().join("with-email.pdf");
    let written = booklet(
        &db,
        &with_email,
        &["--show", "Email Address", "--show", "Position"],
    );
    assert_eq!(
        written["shown"],
        serde_json::json!(["Email Address", "Position"])
    );
    let text = pdf::text(&with_email);
    assert!(text.contains("idris.haugland@example.net"), "{text}");
    assert!(
        !text.contains("I run marketing"),
        "only what was asked for: {text}"
    );
}

#[test]
fn the_shuffle_prints_alike_twice_and_the_list_matches_the_profiles() {
    let (dir, db) = mentors();
    let first = booklet(&db, &dir.path().join("a.pdf"), &[]);
    let second = booklet(&db, &dir.path().join("b.pdf"), &[]);
    assert_eq!(names(&first), names(&second));
    assert_eq!(
        std::fs::read(dir.path().join("a.pdf")).unwrap(),
        std::fs::read(dir.path().join("b.pdf")).unwrap()
    );
    let by_name = booklet(&db, &dir.path().join("c.pdf"), &["--order", "alphabetical"]);
    assert_eq!(by_name["order"], "alphabetical");
    let mut sorted = names(&first);
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names(&by_name), sorted);
    assert_ne!(names(&first), sorted, "shuffled is not alphabetical");
    let again = booklet(&db, &dir.path().join("d.pdf"), &[]);
    assert_eq!(
        again["order"], "alphabetical",
        "the order printed last is remembered"
    );

    let pages = pdf::pages(&dir.path().join("a.pdf"));
    assert!(pages[0].contains("shuffled order"), "{}", pages[0]);
    let list = pages.last().unwrap();
    let profiles = pages[..pages.len() - 1].join(" ");
    let mut at = 0;
    for (i, name) in names(&first).iter().enumerate() {
        let entry = format!("{}. {name}", i + 1);
        assert!(list.contains(&entry), "{entry} in {list}");
        at += profiles[at..]
            .find(&entry)
            .unwrap_or_else(|| panic!("the profile {entry}, in order"))
            + entry.len();
    }
}

#[test]
fn wrong_questions_orders_and_empty_programs_are_refused_with_what_to_do() {
    let (dir, db) = mentors();
    let out = dir.path().join("x.pdf");
    let run = matchbook(
        &db,
        &[
            "booklet",
            "--out",
            out.to_str().unwrap(),
            "--show",
            "Shoe size",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("questions list"), "{}", run.stderr);
    let run = matchbook(
        &db,
        &[
            "booklet",
            "--out",
            out.to_str().unwrap(),
            "--order",
            "random",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("use shuffled or alphabetical"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    let (dir, db) = one_program("Empty 2027");
    let out = dir.path().join("x.pdf");
    let run = matchbook(&db, &["booklet", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("Import the mentors"), "{}", run.stderr);
}
