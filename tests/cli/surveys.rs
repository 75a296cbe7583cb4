//! Black-box tests of check-in and evaluation responses: every row counted
//! once, replacements said, the dashboard's satisfaction and at-risk pairs,
//! undo, and the outcomes report (JSON, CSV, PDF).

use serde_json::Value;

use crate::support::cli::{json, matchbook, matchbook_on, ok, snapshot, temp_db};
use crate::support::pdf;
use crate::support::surveys::{make_cohort, survey_fixture};

fn import(db: &std::path::Path, file: &str, kind: &str) -> Value {
    let path = survey_fixture(file);
    json(&matchbook(
        db,
        &["import", path.to_str().unwrap(), "--as", kind, "--json"],
    ))
}

fn rows_of(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["row"].as_i64().unwrap())
        .collect()
}

fn pair<'a>(report: &'a Value, participant: &str) -> &'a Value {
    report["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant_email"] == participant)
        .unwrap_or_else(|| panic!("{participant} has a pair"))
}

#[test]
fn check_ins_are_joined_to_pairs_and_every_row_is_accounted_for() {
    let (_d, db) = temp_db();
    make_cohort(&db);
    let before = snapshot(&db);
    let path = survey_fixture("checkins_q1_google.csv");
    let dry = json(&matchbook(
        &db,
        &[
            "import",
            path.to_str().unwrap(),
            "--as",
            "check-ins",
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(snapshot(&db), before, "a dry run changes nothing");
    assert_eq!(dry["recorded"], 6);

    let q1 = import(&db, "checkins_q1_google.csv", "check-ins");
    // 11 data rows: 6 recorded (one replacing an earlier answer), 1 unknown,
    // 1 blank, 3 not imported (no email, before the term, a mentor of two
    // who did not say which mentee).
    assert_eq!(q1["rows"], 11);
    assert_eq!(q1["recorded"], 6);
    assert_eq!(q1["replaced"], 1);
    assert_eq!(q1["blank"], 1);
    assert_eq!(
        q1["unknown"],
        serde_json::json!([{"row": 8, "email": "stranger@example.org"}])
    );
    assert_eq!(rows_of(&q1["not_imported"]), vec![10, 11, 12]);
    let reasons: Vec<&str> = q1["not_imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["reason"].as_str().unwrap())
        .collect();
    assert!(reasons[0].contains("No email"), "{reasons:?}");
    assert!(reasons[1].contains("Outside the term"), "{reasons:?}");
    assert!(
        reasons[2].contains("Ada Okafor mentors 2 (Dana Pérez, Eli Haugen)"),
        "{reasons:?}"
    );
    let total = q1["recorded"].as_u64().unwrap()
        + q1["unknown"].as_array().unwrap().len() as u64
        + q1["blank"].as_u64().unwrap()
        + q1["not_imported"].as_array().unwrap().len() as u64;
    assert_eq!(
        total,
        q1["rows"].as_u64().unwrap(),
        "every row counted once"
    );
    let notes: Vec<&str> = q1["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["reason"].as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Dana Pérez answered for Q1 again")),
        "{notes:?}"
    );
    assert_eq!(q1["mapping"]["How many times did you meet?"], "meetings");

    // Microsoft Forms, other wording, word answers, an "anonymous" email.
    let q2 = import(&db, "checkins_q2_msforms.xlsx", "check-ins");
    // Ada mentors two and this form does not ask which mentee: listed, not guessed.
    assert_eq!(
        (q2["rows"].as_u64(), q2["recorded"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(q2["unknown"][0]["email"], "anonymous");
    assert!(
        q2["not_imported"][0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("Ada Okafor mentors 2"),
        "{q2}"
    );

    let report = json(&matchbook_on(&db, "2026-08-01", &["report", "--json"]));
    let dana = pair(&report, "dana.perez@example.org");
    // Q1: Dana said 3 (her second answer), Ada said 2: the period counts 3; Q2: 2.
    assert_eq!(dana["meetings"], 5);
    assert_eq!(dana["satisfaction"], 5, "Dana's Q2 answer, the newest");
    assert_eq!(dana["at_risk"], false);
    assert_eq!(
        dana["check_ins"], 3,
        "one per person and period: her Q1 answer was replaced"
    );
    assert_eq!(
        dana["checkins"][0]["state"], "met",
        "met by their own report, nothing logged"
    );
    let eli = pair(&report, "eli.haugen@example.org");
    assert_eq!(eli["at_risk"], true);
    let why = eli["risk_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(why.contains("satisfaction 2 of 5"), "{why}");
    assert!(why.contains("not meeting in Q1 and Q2"), "{why}");
    assert!(
        why.contains("different mentor"),
        "the note itself is shown: {why}"
    );
    // On 1 August the Q2 answers are still coming in (until the middle of
    // Q3): Gus's silence counts for two check-ins from September on.
    assert_eq!(pair(&report, "gus.moreau@example.org")["at_risk"], false);
    let september = json(&matchbook_on(&db, "2026-09-01", &["report", "--json"]));
    let gus = pair(&september, "gus.moreau@example.org");
    assert_eq!(gus["at_risk"], true);
    assert!(
        gus["risk_reasons"][0]
            .as_str()
            .unwrap()
            .contains("Neither of them answered the Q1 and Q2"),
        "{gus}"
    );
    let fatima = pair(&report, "fatima.nasser@example.org");
    assert_eq!(
        (fatima["at_risk"].as_bool(), fatima["satisfaction"].as_u64()),
        (Some(false), Some(4))
    );
    assert_eq!(report["totals"]["at_risk"], 1);
    assert_eq!(september["totals"]["at_risk"], 2);
    let text = ok(&db, &["report"]);
    assert!(text.contains("At risk:"), "{text}");

    // Who has not answered the check-in they are asked about (Q3, from the
    // middle of Q3 on): everyone yet, each once (4 pairs, 7 people: Ada
    // Okafor mentors two).
    let q3 = &september;
    assert_eq!(q3["not_answered"].as_array().unwrap().len(), 7);
    assert!(q3["not_answered"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["period"] == "Q3"));
    assert_eq!(q3["totals"]["response_rate"], 0.0);

    // Undo the Q2 import: Eli's Q2 answer goes, so only Q1 says not met.
    let undone = json(&matchbook(
        &db,
        &["imports", "undo", &q2["import_id"].to_string(), "--json"],
    ));
    assert_eq!(undone["removed"], 3);
    let after = json(&matchbook_on(&db, "2026-08-01", &["report", "--json"]));
    let eli = pair(&after, "eli.haugen@example.org");
    let why = eli["risk_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(!why.contains("Q1 and Q2"), "{why}");
    let list = ok(&db, &["imports", "list"]);
    assert!(list.contains("checkins_q2_msforms.xlsx"), "{list}");
}

#[test]
fn survey_links_carry_each_persons_email() {
    let (_d, db) = temp_db();
    make_cohort(&db);
    let refused = matchbook(
        &db,
        &[
            "program",
            "edit",
            "--survey-link",
            "https://forms.example/x?entry.1=me",
        ],
    );
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("{email}"), "{}", refused.stderr);
    ok(
        &db,
        &[
            "program",
            "edit",
            "--survey-link",
            "https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.1={email}",
        ],
    );
    let report = json(&matchbook_on(&db, "2026-02-01", &["report", "--json"]));
    let links: Vec<&str> = report["not_answered"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["survey_link"].as_str())
        .collect();
    assert!(
        links.contains(&"https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.1=dana.perez%40example.org"),
        "{links:?}"
    );
}

#[test]
fn the_outcomes_report_reads_the_evaluations() {
    let (dir, db) = temp_db();
    make_cohort(&db);
    ok(
        &db,
        &[
            "pairs",
            "end",
            "--participant",
            "eli.haugen@example.org",
            "--reason",
            "other",
            "--note",
            "Could not find time to meet",
            "--date",
            "2026-09-01",
        ],
    );
    let participants = import(&db, "evaluation_participants_google.csv", "evaluations");
    assert_eq!(
        (
            participants["rows"].as_u64(),
            participants["recorded"].as_u64(),
            participants["replaced"].as_u64()
        ),
        (Some(6), Some(5), Some(1))
    );
    assert_eq!(participants["unknown"][0]["email"], "nobody@example.org");
    let mentors = import(&db, "evaluation_mentors_msforms.xlsx", "evaluations");
    assert_eq!(mentors["recorded"], 2);

    let o = json(&matchbook(&db, &["report", "outcomes", "--json"]));
    assert_eq!(
        o["responses"],
        serde_json::json!({"participant": 4, "mentor": 2})
    );
    assert_eq!(
        o["invited"],
        serde_json::json!({"participant": 4, "mentor": 3})
    );
    // Satisfaction 5, 2, 4, 4 (Gus's newer answer), 5, 4: mean 4.
    assert_eq!(o["satisfaction_mean"], 4.0);
    // Recommend 10, 4, 8, 9, 9, 7: promoters 3, detractors 1 of 6 → +33.3.
    assert_eq!(o["nps"], 33.3);
    assert_eq!(
        o["goals_reached"],
        serde_json::json!({"yes": 2, "partly": 1, "no": 1})
    );
    assert_eq!(
        (o["completed"].as_u64(), o["ended_early"].as_u64()),
        (Some(0), Some(1))
    );
    let statements = o["statements"].as_array().unwrap();
    assert_eq!(
        statements[0]["text"], "I feel less professionally isolated",
        "promised benefits first"
    );
    assert_eq!(statements[0]["agree_share"], 0.75);
    assert_eq!(
        statements[0]["baseline_share"], 0.25,
        "one of four agreed at application"
    );
    assert!(statements.iter().any(
        |s| s["text"] == "Mentoring helped my own professional growth" && s["agree_share"] == 1.0
    ));
    assert!(o["comments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["text"] == "Glad I joined."));

    let csv = dir.path().join("outcomes.csv");
    let pdf_path = dir.path().join("outcomes.pdf");
    ok(
        &db,
        &[
            "report",
            "outcomes",
            "--csv",
            csv.to_str().unwrap(),
            "--pdf",
            pdf_path.to_str().unwrap(),
        ],
    );
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.contains("Net Promoter Score,33.3,6"), "{csv}");
    assert!(
        csv.contains("'=HYPERLINK"),
        "formulas are neutralised: {csv}"
    );
    let text = pdf::text(&pdf_path);
    for expected in [
        "Program outcomes",
        "Net Promoter Score",
        "I feel less professionally isolated",
        "75 %",
        "25 %",
        "Could not find time to meet",
        "Glad I joined.",
    ] {
        assert!(text.contains(expected), "{expected} in the PDF:\n{text}");
    }
}
