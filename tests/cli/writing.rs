//! Black-box tests of matching on what people write (issue 29): cohorts
//! whose only signal is free text (tests/fixtures/text/, made by its
//! generate.py), suggestions that leave identifiers and timestamps out, and
//! a sameness that counts only for those who asked.

use std::collections::HashMap;

use serde_json::Value;

use crate::support;
use crate::support::cli::{json, matchbook, ok, one_program};

fn fixture(name: &str) -> String {
    support::repo_path(&format!("tests/fixtures/text/{name}"))
        .display()
        .to_string()
}

/// A program with one cohort of the text fixtures imported.
fn cohort(prefix: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = one_program("Writing");
    for role in ["mentors", "participants"] {
        json(&matchbook(
            &db,
            &[
                "import",
                &fixture(&format!("{prefix}-{role}.csv")),
                "--as",
                role,
                "--json",
            ],
        ));
    }
    (dir, db)
}

fn planted(cohort: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(support::repo_path("tests/fixtures/text/planted.json"))
        .expect("planted.json");
    let all: Value = serde_json::from_str(&text).expect("planted.json is JSON");
    all[cohort]
        .as_array()
        .expect("planted pairs")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_string(),
                pair[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The answers of everyone in a fixture, by email: the free-text column named.
fn answers(file: &str, column: &str) -> HashMap<String, String> {
    let mut reader =
        csv::Reader::from_path(support::repo_path(&format!("tests/fixtures/text/{file}"))).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| {
        headers
            .iter()
            .position(|h| h.to_lowercase().contains(name))
            .unwrap()
    };
    let (email, text) = (at("email"), at(&column.to_lowercase()));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[email].to_lowercase(), r[text].to_lowercase())
        })
        .collect()
}

/// Runs `criteria suggest --apply` and `match run`; returns the run and how many planted pairs it found.
fn suggest_and_match(db: &std::path::Path, planted: &HashMap<String, String>) -> (Value, usize) {
    ok(db, &["criteria", "suggest", "--apply"]);
    let run = json(&matchbook(db, &["match", "run", "--json"]));
    let found = run["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|pair| {
            let p = pair["participant"].as_str().unwrap_or("");
            planted.get(p).map(String::as_str) == pair["mentor"].as_str()
        })
        .count();
    (run, found)
}

/// Every word a "Both wrote about" reason of a planted pair found names,
/// with its stem in both answers; the number of planted pairs with one.
fn check_reasons_quote_both(
    run: &Value,
    planted: &HashMap<String, String>,
    participant: &HashMap<String, String>,
    mentor: &HashMap<String, String>,
) -> usize {
    let mut quoted = 0;
    for pair in run["pairs"].as_array().unwrap() {
        let (p, m) = (
            pair["participant"].as_str().unwrap(),
            pair["mentor"].as_str().unwrap(),
        );
        if planted.get(p).map(String::as_str) != Some(m) {
            continue;
        }
        for reason in pair["reasons"].as_array().unwrap() {
            let Some(words) = reason
                .as_str()
                .and_then(|r| r.strip_prefix("Both wrote about: "))
            else {
                continue;
            };
            quoted += 1;
            for word in words.split(", ").flat_map(|w| w.split(' ')) {
                // The same stem, whatever the ending ("levy" and "levies").
                let n = word.chars().count().saturating_sub(3).max(3);
                let stem: String = word.to_lowercase().chars().take(n).collect();
                assert!(
                    participant[p].contains(&stem),
                    "{p} did not write {word}: {reason}"
                );
                assert!(
                    mentor[m].contains(&stem),
                    "{m} did not write {word}: {reason}"
                );
            }
        }
    }
    quoted
}

#[test]
fn short_answers_written_differently_find_at_least_27_of_30_planted_pairs() {
    let (_d, db) = cohort("short");
    let planted = planted("short");
    let suggested = json(&matchbook(&db, &["criteria", "suggest", "--json"]));
    let text: Vec<&Value> = suggested["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["compare"] == "text")
        .collect();
    assert_eq!(text.len(), 1, "{suggested:#}");
    assert_eq!(
        text[0]["participant_question"]["text"],
        "What would you like help with during the program?"
    );
    assert_eq!(
        text[0]["mentor_question"]["text"],
        "What could you help a mentee with?"
    );
    let (run, found) = suggest_and_match(&db, &planted);
    eprintln!("short answers: {found} of 30 planted pairs found");
    assert!(found >= 27, "found {found} of 30 planted pairs");
    let quoted = check_reasons_quote_both(
        &run,
        &planted,
        &answers("short-participants.csv", "like help with"),
        &answers("short-mentors.csv", "help a mentee with"),
    );
    assert!(
        quoted >= 27,
        "only {quoted} pairs say what both wrote about"
    );
}

#[test]
fn long_institute_answers_find_at_least_27_of_30_planted_pairs() {
    let (_d, db) = cohort("institute");
    let planted = planted("institute");
    let (run, found) = suggest_and_match(&db, &planted);
    eprintln!("institute answers: {found} of 30 planted pairs found");
    assert!(
        found >= 27,
        "found {found} of 30 planted pairs: {:#}",
        run["pairs"]
    );
    let quoted = check_reasons_quote_both(
        &run,
        &planted,
        &answers("institute-participants.csv", "hope to gain"),
        &answers("institute-mentors.csv", "professional experience"),
    );
    assert!(
        quoted >= 20,
        "only {quoted} pairs say what both wrote about"
    );
}

#[test]
fn suggestions_leave_out_identifiers_timestamps_contacts_and_logistics_with_reasons() {
    let (_d, db) = cohort("traps");
    let suggested = json(&matchbook(&db, &["criteria", "suggest", "--json"]));
    let criteria = suggested["criteria"].as_array().unwrap();
    let compared: Vec<String> = criteria
        .iter()
        .flat_map(|c| {
            [
                &c["participant_question"]["text"],
                &c["mentor_question"]["text"],
            ]
        })
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    for never in [
        "Id",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Student ID",
        "Employee ID",
        "IP Address",
        "Latitude",
        "Longitude",
        "Will you attend the kickoff event?",
    ] {
        assert!(
            !compared.iter().any(|q| q == never),
            "{never} was suggested: {suggested:#}"
        );
    }
    let reason_of = |q: &str| -> String {
        suggested["left_out"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["question"] == q)
            .map(|l| l["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{q} is not listed as left out: {suggested:#}"))
    };
    assert!(reason_of("Id").contains("identifier"));
    assert!(reason_of("Student ID").contains("identifier"));
    assert!(reason_of("Start time").contains("timestamp"));
    assert!(reason_of("IP Address").contains("IP address"));
    assert!(reason_of("Latitude").contains("coordinates"));
    let by = |p: &str| {
        criteria
            .iter()
            .find(|c| c["participant_question"]["text"] == p)
    };
    let grade = by("Compensation Grade").expect("grades are compared");
    assert_eq!(grade["compare"], "mentor_more");
    let wants = by("What capabilities do you want to develop? Write them in your own words")
        .expect("the want/offer free text is compared");
    assert_eq!(wants["compare"], "text");
    assert_eq!(
        wants["mentor_question"]["text"],
        "What capabilities do you feel confident mentoring others on?"
    );
    assert!(
        by("Are you open to being mentored by someone who is mentoring for the first time?")
            .is_none(),
        "a preference about the other person is not compared as a shared answer"
    );
    assert!(reason_of(
        "Are you open to being mentored by someone who is mentoring for the first time?"
    )
    .contains("preference about the other person"));
    // Nobody here said yes to "the same gender?": gender is not compared, and says why.
    assert!(!compared.iter().any(|q| q == "Gender"), "{suggested:#}");
    assert!(reason_of("Gender").starts_with("Sensitive (gender)"));
}

#[test]
fn a_sameness_preference_counts_for_those_who_asked_and_only_for_them() {
    let (_d, db) = cohort("same");
    let all: Value = serde_json::from_str(
        &std::fs::read_to_string(support::repo_path("tests/fixtures/text/planted.json")).unwrap(),
    )
    .unwrap();
    let asked: Vec<&str> = all["sameness_yes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let suggested = json(&matchbook(&db, &["criteria", "suggest", "--json"]));
    let gated = suggested["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["mentor_question"]["text"] == "Gender")
        .expect("gender, for those who asked");
    assert_eq!(gated["compare"], "same");
    assert_eq!(
        gated["gate_question"]["text"],
        "Would you prefer to be matched with someone of the same gender?"
    );
    ok(&db, &["criteria", "suggest", "--apply"]);
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    let gender = |file: &str| answers(file, "gender");
    let (pg, mg) = (gender("same-participants.csv"), gender("same-mentors.csv"));
    let pairs = run["pairs"].as_array().unwrap();
    for email in &asked {
        let pair = pairs
            .iter()
            .find(|p| p["participant"] == *email)
            .expect("matched");
        let mentor = pair["mentor"].as_str().unwrap();
        assert_eq!(pg[*email], mg[mentor], "{email} asked for the same gender");
    }
    // Those who did not ask: the gender question adds nothing to their pairs.
    let shown = json(&matchbook(&db, &["match", "show", "--json"]));
    for pair in shown["pairs"].as_array().unwrap() {
        if asked.contains(&pair["participant"].as_str().unwrap()) {
            continue;
        }
        let reasons = pair["reasons"].to_string();
        assert!(!reasons.contains("Gender"), "{reasons}");
    }
}

#[test]
fn a_text_criterion_is_added_weighed_made_must_match_and_shows_examples() {
    let (_d, db) = cohort("short");
    let added = json(&matchbook(
        &db,
        &[
            "criteria",
            "add",
            "--participant",
            "What would you like help with during the program?",
            "--mentor",
            "What could you help a mentee with?",
            "--compare",
            "text",
            "--weight",
            "80",
            "--json",
        ],
    ));
    let id = added["criteria"][0]["id"].as_i64().unwrap().to_string();
    assert_eq!(added["criteria"][0]["compare"], "text");
    let examples = json(&matchbook(&db, &["criteria", "examples", &id, "--json"]));
    let examples = examples.as_array().unwrap();
    assert_eq!(examples.len(), 3);
    for e in examples {
        assert!(!e["shared_words"].as_array().unwrap().is_empty(), "{e}");
    }
    ok(
        &db,
        &["criteria", "set", &id, "--must", "--min-similarity", "30"],
    );
    let list = ok(&db, &["criteria", "list"]);
    assert!(list.contains("at least 30% similar"), "{list}");
    let refused = matchbook(&db, &["criteria", "set", "1", "--min-similarity", "30"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("minimum similarity"),
        "{}",
        refused.stderr
    );
}

#[test]
fn people_sharing_an_email_are_named_by_name_in_the_quality_report() {
    let (dir, db) = one_program("Shared");
    let shared = "someaddress@somehost.com";
    let participants = dir.path().join("participants.csv");
    let mentors = dir.path().join("mentors.csv");
    let mut p = String::from("Name,Email,Which day suits you?,Areas of interest\n");
    let mut m = String::from("Name,Email,Which day suits you?,Areas of expertise\n");
    for (i, name) in ["Ana Ruiz", "Ben Ode", "Cy Lee", "Di Park"]
        .iter()
        .enumerate()
    {
        let email = if i < 3 {
            shared.to_string()
        } else {
            "di@example.org".to_string()
        };
        p.push_str(&format!("{name},{email},Monday,Budgets\n"));
        m.push_str(&format!("Mentor {i},m{i}@example.org,Tuesday,Grants\n"));
    }
    std::fs::write(&participants, p).unwrap();
    std::fs::write(&mentors, m).unwrap();
    for (file, role) in [(&mentors, "mentors"), (&participants, "participants")] {
        json(&matchbook(
            &db,
            &[
                "import",
                &file.display().to_string(),
                "--as",
                role,
                "--json",
            ],
        ));
    }
    json(&matchbook(&db, &["match", "run", "--json"]));
    let quality = matchbook(&db, &["match", "quality", "--json"]);
    let parsed = json(&quality);
    assert!(!quality.stdout.contains(shared), "{}", quality.stdout);
    let named: Vec<&str> = parsed["weakest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["participant"].as_str().unwrap())
        .collect();
    // Someone with an email of their own is still named by it.
    assert!(named.contains(&"di@example.org"), "{named:?}");
    let by_name = named
        .iter()
        .filter(|n| ["Ana Ruiz", "Ben Ode", "Cy Lee"].contains(n))
        .count();
    assert_eq!(by_name, 3, "{named:?}");
}

#[test]
fn names_asked_for_by_category_form_one_requested_mentor_question() {
    let (dir, db) = one_program("Categories");
    let ask =
        "Is there anyone you would prefer to have as a mentor, in any of the above categories?";
    let participants = format!(
        "Name,Email,\"{ask} [Faculty]\",\"{ask} [Staff]\",\"Is there anyone you would prefer NOT to have as a mentor? [Faculty]\"\n\
         Ana Ruiz,ana@example.org,\"Osei, Kofi\",,\n\
         Ben Ode,ben@example.org,,Lena Park,Kofi Osei\n"
    );
    let mentors = "Name,Email,Areas of expertise\nKofi Osei,kofi@example.org,Budgets\nLena Park,lena@example.org,Grants\n";
    let (p, m) = (dir.path().join("p.csv"), dir.path().join("m.csv"));
    std::fs::write(&p, participants).unwrap();
    std::fs::write(&m, mentors).unwrap();
    json(&matchbook(
        &db,
        &[
            "import",
            &m.display().to_string(),
            "--as",
            "mentors",
            "--json",
        ],
    ));
    let imported = json(&matchbook(
        &db,
        &[
            "import",
            &p.display().to_string(),
            "--as",
            "participants",
            "--json",
        ],
    ));
    assert_eq!(
        imported["mapping"][format!("{ask} [Staff]")],
        "requested_mentor",
        "{imported:#}"
    );
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    let pairs: Vec<(String, String, String)> = run["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["participant"].to_string(),
                p["mentor"].to_string(),
                p["reasons"].to_string(),
            )
        })
        .collect();
    for (participant, mentor) in [
        ("ana@example.org", "kofi@example.org"),
        ("ben@example.org", "lena@example.org"),
    ] {
        let pair = pairs
            .iter()
            .find(|p| p.0.contains(participant))
            .expect("matched");
        assert!(
            pair.1.contains(mentor) && pair.2.contains("Asked for this mentor"),
            "{pair:?}"
        );
    }
}
