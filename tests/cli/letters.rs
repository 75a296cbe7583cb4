//! Black-box tests of `matchbook letters` and `matchbook export matches`,
//! reading the PDFs back with pdftotext (poppler-utils).

use std::path::PathBuf;

use serde_json::Value;

use crate::support::cli::{confirmed_sample, json, matchbook, ok, one_program, sample, snapshot};
use crate::support::pdf;

/// The sample cohort, matched and confirmed, with a kickoff date, and the
/// confirmed matches as `match show --json` gives them.
fn confirmed_sample_shown() -> (tempfile::TempDir, PathBuf, Value) {
    let (dir, db) = confirmed_sample(&[
        "--kickoff",
        "2019-05-10",
        "--kickoff-event",
        "Leading for Life",
        "--organization",
        "Minnesota Library Association",
    ]);
    let shown = json(&matchbook(&db, &["match", "show", "--json"]));
    (dir, db, shown)
}

#[test]
fn one_pdf_has_a_letter_per_recipient_with_names_and_emails_intact() {
    let (dir, db, shown) = confirmed_sample_shown();
    let out = dir.path().join("letters.pdf");
    let said = ok(
        &db,
        &[
            "letters",
            "--out",
            out.to_str().unwrap(),
            "--date",
            "2019-04-01",
        ],
    );
    let pairs = shown["pairs"].as_array().unwrap();
    let mentors: std::collections::BTreeSet<&str> = pairs
        .iter()
        .map(|p| p["mentor_name"].as_str().unwrap())
        .collect();
    assert!(
        said.contains(&format!("Wrote {} letters", pairs.len() + mentors.len())),
        "{said}"
    );
    let pages = pdf::pages(&out);
    assert_eq!(
        pages.iter().filter(|p| p.contains("Dear ")).count(),
        pairs.len() + mentors.len(),
        "one letter per recipient"
    );
    let all = pages.join("\n");
    for pair in pairs {
        let participant = pair["participant_name"].as_str().unwrap();
        let mentor = pair["mentor_name"].as_str().unwrap();
        // The participant's letter names the mentor and their email.
        let letter = pages
            .iter()
            .find(|p| p.contains(participant) && p.contains("introduce you to your mentor"))
            .unwrap_or_else(|| panic!("no letter for {participant}"));
        assert!(
            letter.contains(mentor),
            "{participant}'s letter names {mentor}"
        );
        assert!(
            letter.contains(pair["mentor"].as_str().unwrap()),
            "{participant}'s letter has the mentor's email"
        );
        assert!(letter.contains("May 10, 2019") && letter.contains("April 1, 2019"));
    }
    // Names from many alphabets come out exactly as typed.
    for name in pairs
        .iter()
        .map(|p| p["participant_name"].as_str().unwrap())
    {
        assert!(all.contains(name), "{name} intact");
    }
    assert!(
        all.chars().any(|c| "ễłışøñ".contains(c)),
        "the sample has non-ASCII names"
    );
}

#[test]
fn a_mentor_with_two_mentees_gets_one_letter_naming_both() {
    let (dir, db, shown) = confirmed_sample_shown();
    let out = dir.path().join("mentors.pdf");
    ok(
        &db,
        &[
            "letters",
            "--role",
            "mentors",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let pages = pdf::pages(&out);
    let pairs = shown["pairs"].as_array().unwrap();
    let mut by_mentor: std::collections::BTreeMap<&str, Vec<&Value>> = Default::default();
    for p in pairs {
        by_mentor
            .entry(p["mentor_name"].as_str().unwrap())
            .or_default()
            .push(p);
    }
    let (mentor, mentees) = by_mentor
        .iter()
        .find(|(_, v)| v.len() == 2)
        .expect("a mentor with two mentees in the sample");
    let letters: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("your 2 mentees") && p.contains(mentor))
        .collect();
    assert_eq!(letters.len(), 1, "one letter for {mentor}");
    for m in mentees {
        assert!(letters[0].contains(m["participant_name"].as_str().unwrap()));
        assert!(
            letters[0].contains(m["participant"].as_str().unwrap()),
            "mentee's email"
        );
    }
    assert!(
        !pages
            .iter()
            .any(|p| p.contains("introduce you to your mentor")),
        "no participant letters"
    );
}

#[test]
fn special_characters_print_literally() {
    let (dir, db) = one_program("Literal");
    let mentors = dir.path().join("mentors.csv");
    let participants = dir.path().join("participants.csv");
    std::fs::write(
        &mentors,
        "Name,Email,Library\n\"Ann #set $x$ *bold*\",ann@example.org,Alpha\n",
    )
    .unwrap();
    std::fs::write(
        &participants,
        "Name,Email,Library\n\"Bo <b>Chen</b> \\\\ back_slash @ref\",bo@example.org,Beta\n",
    )
    .unwrap();
    ok(
        &db,
        &["import", mentors.to_str().unwrap(), "--as", "mentors"],
    );
    ok(
        &db,
        &[
            "import",
            participants.to_str().unwrap(),
            "--as",
            "participants",
        ],
    );
    ok(&db, &["match", "run"]);
    ok(&db, &["match", "confirm"]);
    let out = dir.path().join("literal.pdf");
    ok(&db, &["letters", "--out", out.to_str().unwrap()]);
    let text = pdf::pages(&out).join("\n");
    assert!(text.contains("Ann #set $x$ *bold*"), "{text}");
    assert!(
        text.contains("Bo <b>Chen</b> \\\\ back_slash @ref"),
        "{text}"
    );
}

#[test]
fn one_pdf_per_recipient_with_readable_file_names() {
    let (dir, db, shown) = confirmed_sample_shown();
    let folder = dir.path().join("letters");
    ok(
        &db,
        &[
            "letters",
            "--role",
            "participants",
            "--out-dir",
            folder.to_str().unwrap(),
        ],
    );
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let pairs = shown["pairs"].as_array().unwrap();
    assert_eq!(names.len(), pairs.len());
    for p in pairs {
        let name = p["participant_name"].as_str().unwrap();
        let file = format!("Letter - Participant - {name}.pdf");
        assert!(names.contains(&file), "{file} in {names:?}");
        let pages = pdf::pages(&folder.join(&file));
        assert!(pages[0].contains(name));
    }
}

#[test]
fn the_matches_export_opens_in_excel_and_cannot_run_formulas() {
    let (dir, db, shown) = confirmed_sample_shown();
    let out = dir.path().join("matches.csv");
    ok(&db, &["export", "matches", "--out", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text.lines().count(),
        shown["pairs"].as_array().unwrap().len() + 1
    );
    assert!(text.lines().next().unwrap().contains("participant_email"));
}

#[test]
fn without_confirmed_matches_nothing_is_written_and_the_file_is_unchanged() {
    let (dir, db) = sample();
    let before = snapshot(&db);
    let out = dir.path().join("none.pdf");
    let run = matchbook(&db, &["letters", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no confirmed matches"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    assert_eq!(snapshot(&db), before);
    let run = matchbook(&db, &["letters"]);
    assert_eq!(run.code, 2, "--out or --out-dir is required");
}

#[test]
fn greetings_are_listed_corrected_kept_and_printed() {
    let (dir, db, shown) = confirmed_sample_shown();
    let listed = json(&matchbook(&db, &["greetings", "--json"]));
    let listed = listed.as_array().expect("greetings");
    let pairs = shown["pairs"].as_array().unwrap();
    let participant = pairs[0]["participant_name"].as_str().unwrap();
    let email = pairs[0]["participant"].as_str().unwrap();
    let first = listed
        .iter()
        .find(|g| g["name"] == participant)
        .expect("the participant has a greeting");
    assert_ne!(first["source"], "corrected");

    // The committee corrects it (a family name first, say): kept, and printed.
    let said = ok(&db, &["greetings", "--set", &format!("{email}=Thị Hà")]);
    assert!(
        said.contains("Thị Hà") && said.contains("corrected"),
        "{said}"
    );
    let again = json(&matchbook(&db, &["greetings", "--json"]));
    let corrected = again
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == participant)
        .unwrap();
    assert_eq!(corrected["greeting"], "Thị Hà");
    assert_eq!(corrected["source"], "corrected");
    let out = dir.path().join("letters.pdf");
    ok(
        &db,
        &[
            "letters",
            "--role",
            "participants",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let letter = pdf::pages(&out)
        .into_iter()
        .find(|p| p.contains(participant))
        .expect("the participant's letter");
    assert!(letter.contains("Dear Thị Hà,"), "{letter}");

    // Empty goes back to the application's name; a wrong form is refused
    // and changes nothing.
    ok(&db, &["greetings", "--set", &format!("{email}=")]);
    let reset = json(&matchbook(&db, &["greetings", "--json"]));
    assert_eq!(
        reset
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == participant)
            .unwrap()["greeting"],
        first["greeting"]
    );
    let before = snapshot(&db);
    let refused = matchbook(&db, &["greetings", "--set", "no equals sign"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("WHO=TEXT"), "{}", refused.stderr);
    assert_eq!(snapshot(&db), before);
}
