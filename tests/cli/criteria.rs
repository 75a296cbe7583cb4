//! Black-box tests of `matchbook criteria` (issue 15): matching on the
//! committee's own questions, suggested from the two forms.

use std::collections::HashMap;

use serde_json::Value;

use crate::support;
use crate::support::cli::{json, matchbook, one_program, snapshot};

fn fixture(name: &str) -> String {
    support::fixture(name).display().to_string()
}

/// A program with the planted cohort imported: 30 mentors and 30
/// participants whose only signal is in four ordinary questions.
fn planted() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = one_program("Planted");
    for (file, role) in [
        ("planted_mentors.csv", "mentors"),
        ("planted_participants.csv", "participants"),
    ] {
        json(&matchbook(
            &db,
            &["import", &fixture(file), "--as", role, "--json"],
        ));
    }
    (dir, db)
}

fn planted_pairs() -> HashMap<String, String> {
    let text =
        std::fs::read_to_string(support::fixture("planted_pairs.csv")).expect("planted_pairs.csv");
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(p, m)| (p.trim().to_string(), m.trim().to_string()))
        .collect()
}

fn found(run: &Value, planted: &HashMap<String, String>) -> usize {
    run["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|pair| {
            let p = pair["participant"].as_str().unwrap_or("");
            planted.get(p).map(String::as_str) == pair["mentor"].as_str()
        })
        .count()
}

#[test]
fn a_planted_cohort_is_found_from_its_own_questions() {
    let (_d, db) = planted();
    let planted = planted_pairs();
    assert_eq!(planted.len(), 30);
    // Before: the built-in criteria see only the (noise) skills question.
    let before = json(&matchbook(&db, &["match", "run", "--json"]));
    let found_before = found(&before, &planted);

    let suggested = json(&matchbook(&db, &["criteria", "suggest", "--json"]));
    let list = suggested["criteria"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> = list
        .iter()
        .map(|c| {
            (
                c["participant_question"]["text"].as_str().unwrap(),
                c["mentor_question"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    for expected in [
        (
            "Which day of the week works best for you to meet?",
            "Which day of the week suits you best for mentoring meetings?",
        ),
        ("What time zone are you in?", "What time zone are you in?"),
        (
            "What mentoring style do you prefer?",
            "How would you describe your mentoring style?",
        ),
        (
            "Which sector do you work in?",
            "Which sector do you work in?",
        ),
    ] {
        assert!(
            pairs.contains(&expected),
            "{expected:?} not suggested: {pairs:?}"
        );
    }
    assert!(list
        .iter()
        .all(|c| c["why"].as_str().is_some_and(|w| !w.is_empty())));
    // Suggesting changes nothing: the seven built-in criteria only.
    assert_eq!(
        json(&matchbook(&db, &["criteria", "list", "--json"]))["criteria"]
            .as_array()
            .unwrap()
            .len(),
        7
    );

    json(&matchbook(
        &db,
        &["criteria", "suggest", "--apply", "--json"],
    ));
    let after = json(&matchbook(&db, &["match", "run", "--json"]));
    let found_after = found(&after, &planted);
    assert!(
        found_after >= 27,
        "found {found_after} of 30 planted pairs (before: {found_before})"
    );
    // The reasons speak the form's words.
    let reasons: Vec<String> = after["pairs"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("Same answer: ") && r.contains('?')),
        "{reasons:?}"
    );
    let breakdown = after["pairs"][0]["breakdown"].as_object().unwrap();
    assert!(
        breakdown.contains_key("What time zone are you in?"),
        "{breakdown:?}"
    );
}

#[test]
fn criteria_add_set_and_remove_with_the_contracted_shape() {
    let (_d, db) = planted();
    let added = json(&matchbook(
        &db,
        &[
            "criteria",
            "add",
            "--participant",
            "What time zone are you in?",
            "--mentor",
            "What time zone are you in?",
            "--compare",
            "same",
            "--weight",
            "70",
            "--must",
            "--label",
            "Time zone",
            "--json",
        ],
    ));
    let c = &added["criteria"][0];
    for key in [
        "id",
        "label",
        "participant_question",
        "mentor_question",
        "compare",
        "weight",
        "must",
        "built_in",
    ] {
        assert!(c.get(key).is_some(), "{key} missing: {c}");
    }
    assert_eq!(
        (
            c["compare"].as_str(),
            c["weight"].as_u64(),
            c["must"].as_bool()
        ),
        (Some("same"), Some(70), Some(true))
    );
    assert!(c["participant_question"]["id"].is_i64());
    let id = c["id"].as_i64().unwrap().to_string();
    // A must-match rule: every pair proposed answers the same.
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    assert!(
        run["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["breakdown"]["Time zone"] == 70.0),
        "{run}"
    );
    let out = matchbook(
        &db,
        &["criteria", "set", &id, "--weight", "20", "--no-must"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let list = json(&matchbook(&db, &["criteria", "list", "--json"]));
    let mine = list["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_i64() == id.parse().ok())
        .unwrap()
        .clone();
    assert_eq!(
        (mine["weight"].as_u64(), mine["must"].as_bool()),
        (Some(20), Some(false))
    );
    // Built-in criteria keep working through `match weights` and `criteria set`.
    let builtin = &list["criteria"][0];
    assert_eq!(builtin["built_in"], true);
    assert_eq!(
        matchbook(&db, &["criteria", "set", "1", "--weight", "5"]).code,
        0
    );
    assert_eq!(
        json(&matchbook(&db, &["criteria", "list", "--json"]))["criteria"][0]["weight"],
        5
    );
    assert_eq!(matchbook(&db, &["criteria", "remove", &id]).code, 0);
    assert_eq!(
        json(&matchbook(&db, &["criteria", "list", "--json"]))["criteria"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
}

#[test]
fn a_criterion_that_does_not_fit_its_questions_is_refused_and_changes_nothing() {
    let (_d, db) = planted();
    let before = snapshot(&db);
    let run = matchbook(
        &db,
        &[
            "criteria",
            "add",
            "--participant",
            "What time zone are you in?",
            "--mentor",
            "Tell us about yourself",
            "--compare",
            "closeness",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not fit"), "{}", run.stderr);
    let run = matchbook(
        &db,
        &[
            "criteria",
            "add",
            "--participant",
            "No such question",
            "--mentor",
            "What time zone are you in?",
            "--compare",
            "same",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("questions list"), "{}", run.stderr);
    assert_eq!(snapshot(&db), before);
}
