//! From one year to the next: the waiting list, next year's program made
//! from this one, returning people, eligibility and consent.

use crate::support::cli::{confirmed_sample, json, matchbook, ok};

#[test]
fn after_confirming_the_sample_fourteen_participants_wait_each_with_a_reason() {
    let (_dir, db) = confirmed_sample(&[]);
    let waiting = json(&matchbook(&db, &["people", "waitlist", "--json"]));
    let waiting = waiting.as_array().expect("a list");
    assert_eq!(waiting.len(), 14);
    for w in waiting {
        assert_eq!(w["reason"], "No mentor had a place", "{w}");
        assert!(w["participant"]["email"].as_str().unwrap().contains('@'));
        assert!(w["flag"].as_str().unwrap().starts_with("Waiting since "));
    }
    let text = ok(&db, &["people", "waitlist"]);
    assert!(text.contains("(14)"), "{text}");
    assert!(text.contains("No mentor had a place"), "{text}");
}

#[test]
fn next_years_program_carries_criteria_weights_and_the_waiting_list_and_places_them_first() {
    let (dir, db) = crate::support::cli::temp_db();
    ok(&db, &["sample"]);
    ok(
        &db,
        &[
            "criteria",
            "add",
            "--participant",
            "City",
            "--mentor",
            "City",
            "--compare",
            "same",
            "--weight",
            "30",
            "--label",
            "Same city",
        ],
    );
    ok(&db, &["criteria", "set", "1", "--weight", "7"]);
    ok(&db, &["match", "run"]);
    ok(&db, &["match", "confirm"]);
    let old = "Sample Leadership Institute";
    let criteria = json(&matchbook(
        &db,
        &["criteria", "list", "--program", old, "--json"],
    ));
    let made = json(&matchbook(
        &db,
        &[
            "program",
            "create",
            "--from",
            old,
            "--name",
            "SLI 2027",
            "--kickoff",
            "2027-03-01",
            "--carry-waitlist",
            "--json",
        ],
    ));
    assert_eq!(made["waiting"], 14, "{made}");
    assert_eq!(made["program"]["kickoff_date"], "2027-03-01");
    let own = |list: &serde_json::Value| {
        list["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["label"].to_string(), c["weight"].to_string()))
            .collect::<Vec<_>>()
    };
    let carried = json(&matchbook(
        &db,
        &["criteria", "list", "--program", "SLI 2027", "--json"],
    ));
    assert!(
        own(&criteria).len() > 7,
        "the criterion was added: {criteria}"
    );
    assert_eq!(own(&carried), own(&criteria));
    let built_in = criteria["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["built_in"] == true)
        .count();
    assert_eq!(
        made["criteria"].as_u64().unwrap() as usize,
        own(&criteria).len() - built_in
    );

    // No people but the waiting ones; each flagged with the program they waited in.
    let people = json(&matchbook(
        &db,
        &["people", "list", "--program", "SLI 2027", "--json"],
    ));
    assert_eq!(people.as_array().map(Vec::len), Some(14), "{people}");
    let waiting = json(&matchbook(
        &db,
        &["people", "waitlist", "--program", "SLI 2027", "--json"],
    ));
    let waiting: Vec<String> = waiting
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            assert_eq!(w["flag"], format!("Waiting since {old}"), "{w}");
            assert_eq!(w["reason"], "No mentor had a place");
            w["participant"]["email"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(waiting.len(), 14);

    // Next year's forms (the same cohort applies again): the 14 come first.
    let [mentors, participants] = matchbook::sample::sample_spreadsheets().unwrap();
    for ((name, bytes), role) in [(mentors, "mentors"), (participants, "participants")] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        ok(
            &db,
            &[
                "import",
                path.to_str().unwrap(),
                "--as",
                role,
                "--program",
                "SLI 2027",
            ],
        );
    }
    // Last year's people are known again by email, with what happened to them.
    let people = json(&matchbook(
        &db,
        &["people", "list", "--program", "SLI 2027", "--json"],
    ));
    let histories: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["history"].as_array().unwrap())
        .filter_map(|line| line.as_str())
        .collect();
    let count = |start: &str, end: &str| {
        histories
            .iter()
            .filter(|l| l.starts_with(start) && l.ends_with(end))
            .count()
    };
    assert_eq!(count(&format!("Mentored in {old}: "), ", completed"), 46);
    assert_eq!(
        count(&format!("Mentee in {old}: mentored by "), ", completed"),
        46
    );
    assert_eq!(
        count(
            &format!("Applied to {old} as a participant"),
            ", not matched"
        ),
        14
    );
    let view = json(&matchbook(
        &db,
        &["match", "run", "--program", "SLI 2027", "--json"],
    ));
    let pairs = view["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 46, "46 places as last year");
    for email in &waiting {
        let pair = pairs
            .iter()
            .find(|p| p["participant"].as_str() == Some(email))
            .unwrap_or_else(|| panic!("{email} waited and was not placed first"));
        let first = pair["reasons"][0].as_str().unwrap_or("");
        assert_eq!(
            first,
            format!("Waiting since {old}: matched first"),
            "{pair}"
        );
    }
}

#[test]
fn mentors_below_the_programs_minimum_years_are_flagged_and_never_matched() {
    let (_dir, db) = crate::support::cli::sample();
    let edited = ok(&db, &["program", "edit", "--mentor-min-years", "15"]);
    assert!(
        edited.contains("not eligible under the program's rules"),
        "{edited}"
    );
    let flagged = json(&matchbook(&db, &["people", "eligibility", "--json"]));
    let flagged = flagged.as_array().unwrap();
    assert!(
        !flagged.is_empty() && flagged.len() < 40,
        "{}",
        flagged.len()
    );
    let names: Vec<&str> = flagged
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    for n in flagged {
        assert_eq!(n["role"], "mentor");
        assert!(
            n["reason"].as_str().unwrap().starts_with("Not eligible: "),
            "{n}"
        );
        assert!(
            n["reason"].as_str().unwrap().ends_with("at least 15 years"),
            "{n}"
        );
    }
    let view = json(&matchbook(&db, &["match", "run", "--json"]));
    for pair in view["pairs"].as_array().unwrap() {
        let mentor = pair["mentor_name"].as_str().unwrap();
        assert!(!names.contains(&mentor), "{mentor} is not eligible");
    }
    // Overridden with a reason, a mentor may be matched again.
    let email = flagged[0]["name"].as_str().unwrap();
    assert_eq!(
        matchbook(&db, &["people", "eligible", email, "--override", " "]).code,
        1
    );
    ok(
        &db,
        &[
            "people",
            "eligible",
            email,
            "--override",
            "Twenty years as a paraprofessional",
        ],
    );
    let text = ok(&db, &["people", "eligibility"]);
    assert!(
        text.contains("Matched anyway: Twenty years as a paraprofessional."),
        "{text}"
    );
    assert_eq!(
        json(&matchbook(&db, &["people", "eligibility", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        flagged.len(),
        "still flagged, with the override beside it"
    );
}

#[test]
fn a_consent_no_or_blank_keeps_a_mentor_out_until_the_committee_records_consent() {
    let (dir, db) = crate::support::cli::one_program("MILE 2027");
    let consent = "I agree that my application may be shared with the committee to find me a match";
    let mentors = format!(
        "Name,Email,Library,Years working in libraries,{consent}\n\
         Ann Able,ann@example.org,Oak Library,12,I agree\n\
         Bo Bell,bo@example.org,Elm Library,14,No\n\
         Cy Cole,cy@example.org,Ash Library,20,\n"
    );
    let participants = "Name,Email,Library\nPia Park,pia@example.org,Pine Library\n\
                        Quinn Quay,quinn@example.org,Fir Library\nRae Roe,rae@example.org,Yew Library\n";
    for (name, text, role) in [
        ("m.csv", mentors.as_str(), "mentors"),
        ("p.csv", participants, "participants"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        ok(&db, &["import", path.to_str().unwrap(), "--as", role]);
    }
    let questions = ok(&db, &["questions", "list"]);
    assert!(questions.contains("Consent"), "{questions}");
    let view = json(&matchbook(&db, &["match", "run", "--json"]));
    let mentors: Vec<&str> = view["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["mentor_name"].as_str().unwrap())
        .collect();
    assert_eq!(mentors, ["Ann Able"]);
    let text = ok(&db, &["match", "run"]);
    assert!(
        text.contains(&format!(
            "Bo Bell (No consent to be matched: answered \"No\" to \"{consent}\")"
        )),
        "{text}"
    );
    assert!(
        text.contains("Cy Cole (No consent to be matched: left it blank"),
        "{text}"
    );
    let flagged = json(&matchbook(&db, &["people", "eligibility", "--json"]));
    assert_eq!(flagged.as_array().map(Vec::len), Some(2), "{flagged}");

    assert_eq!(
        matchbook(
            &db,
            &["people", "consent", "bo@example.org", "--given", "someday"]
        )
        .code,
        1
    );
    ok(
        &db,
        &[
            "people",
            "consent",
            "bo@example.org",
            "--given",
            "3 March 2027",
        ],
    );
    let view = json(&matchbook(&db, &["match", "run", "--json"]));
    let mut mentors: Vec<&str> = view["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["mentor_name"].as_str().unwrap())
        .collect();
    mentors.sort();
    assert_eq!(mentors, ["Ann Able", "Bo Bell"]);
    let flagged = json(&matchbook(&db, &["people", "eligibility", "--json"]));
    assert_eq!(flagged[0]["name"], "Cy Cole");
}

#[test]
fn after_the_retention_period_no_erased_name_or_email_stays_in_the_file_and_the_figures_do() {
    use crate::support::cli::matchbook_on;
    let (dir, db) = crate::support::cli::temp_db();
    let early = "2024-01-10";
    for step in [
        vec!["sample"],
        vec!["program", "edit", "--kickoff", "2024-01-01"],
        vec!["match", "run"],
        vec!["match", "confirm"],
    ] {
        assert_eq!(matchbook_on(&db, early, &step).code, 0, "{step:?}");
    }
    let people = json(&matchbook(&db, &["people", "list", "--json"]));
    let participant = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "participant")
        .unwrap();
    let email = participant["email"].as_str().unwrap().to_string();
    let meeting = [
        "meetings",
        "add",
        "--participant",
        &email,
        "--date",
        "2024-03-01",
        "--topics",
        "Budget talk with Ms Q",
    ];
    assert_eq!(matchbook_on(&db, "2024-03-02", &meeting).code, 0);
    let figures = |db: &std::path::Path| {
        let report = json(&matchbook(
            db,
            &["report", "--json", "--as-of", "2025-06-01"],
        ));
        (
            report["totals"].clone(),
            json(&matchbook(db, &["report", "outcomes", "--json"])),
        )
    };
    let before = figures(&db);
    assert_eq!(before.0["pairs"], 46, "{}", before.0);
    assert_eq!(before.0["meetings"], 1);

    // Off by default: nothing planned.
    let plan = json(&matchbook(&db, &["privacy", "plan", "--json"]));
    assert!(plan[0]["erase_on"].is_null(), "{plan}");
    ok(&db, &["program", "edit", "--erase-after-months", "24"]);
    let plan = json(&matchbook_on(
        &db,
        "2027-06-30",
        &["privacy", "plan", "--json"],
    ));
    assert_eq!(
        plan[0]["erase_on"], "2027-07-01",
        "18 months and 24 more: {plan}"
    );
    assert_eq!(plan[0]["due"], false);
    let early_run = matchbook_on(&db, "2027-06-30", &["privacy", "run", "--yes"]);
    assert!(
        early_run.stdout.contains("No program is due"),
        "{}",
        early_run.stdout
    );
    let dry = matchbook_on(&db, "2027-07-01", &["privacy", "run"]);
    assert!(
        dry.stdout.contains("Would erase the details of 100 people"),
        "{}",
        dry.stdout
    );

    let file_and_wal = || {
        let mut bytes = std::fs::read(&db).unwrap();
        if let Ok(more) = std::fs::read(dir.path().join("program.sqlite-wal")) {
            bytes.extend(more);
        }
        bytes
    };
    let held = file_and_wal();
    assert!(
        held.windows(email.len()).any(|w| w == email.as_bytes()),
        "the email is there before"
    );

    let run = matchbook_on(&db, "2027-07-01", &["privacy", "run", "--yes"]);
    assert!(
        run.stdout.contains("Erased the details of 100 people"),
        "{}",
        run.stdout
    );
    assert_eq!(figures(&db), before, "the board's figures stay");

    let bytes = file_and_wal();
    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    for p in people.as_array().unwrap() {
        for key in ["email", "name"] {
            let value = p[key].as_str().unwrap();
            assert!(!contains(value), "{key} {value} is still in the file");
        }
    }
    assert!(!contains("Budget talk with Ms Q"));
    let plan = json(&matchbook(&db, &["privacy", "plan", "--json"]));
    assert_eq!(
        plan.as_array().map(Vec::len),
        Some(0),
        "nobody's details are left: {plan}"
    );
}

#[test]
fn a_persons_data_is_exported_as_json_with_every_answer_and_as_a_readable_pdf() {
    use crate::support::cli::matchbook_on;
    let (dir, db) = crate::support::cli::temp_db();
    for step in [
        vec!["sample"],
        vec!["program", "edit", "--kickoff", "2024-01-01"],
        vec!["match", "run"],
        vec!["match", "confirm"],
    ] {
        assert_eq!(matchbook_on(&db, "2024-01-10", &step).code, 0, "{step:?}");
    }
    let people = json(&matchbook(
        &db,
        &["people", "list", "--role", "participant", "--json"],
    ));
    let person = people.as_array().unwrap().iter().find(|p| {
        // Someone with a mentor: their pair's meeting is part of their data.
        matchbook(
            &db,
            &[
                "meetings",
                "add",
                "--participant",
                p["email"].as_str().unwrap(),
                "--date",
                "2024-03-01",
                "--topics",
                "Budgets & <b>boards</b>",
            ],
        )
        .code
            == 0
    });
    let person = person.expect("a matched participant");
    let email = person["email"].as_str().unwrap();
    let out = dir.path().join("for them");
    let text = ok(
        &db,
        &["people", "export", email, "--out", out.to_str().unwrap()],
    );
    assert!(
        text.contains("data.json") && text.contains("data.pdf"),
        "{text}"
    );
    let name = person["name"].as_str().unwrap();
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(format!("{name} data.json"))).unwrap())
            .unwrap();
    assert_eq!(data["email"], email);
    // Every answer the person gave is there, under its question.
    let answers = data["answers"].as_array().unwrap();
    for answer in person["answers"].as_object().unwrap().values() {
        let shown = match answer {
            serde_json::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.as_f64().unwrap().to_string(),
            other => other.to_string(),
        };
        if shown.is_empty() {
            continue;
        }
        assert!(
            answers.iter().any(|a| a["answer"] == shown),
            "{shown} missing from {answers:?}"
        );
    }
    assert_eq!(data["raw_rows"].as_array().map(Vec::len), Some(1));
    assert_eq!(data["raw_rows"][0]["cells"]["Email Address"], email);
    assert_eq!(data["matches"].as_array().map(Vec::len), Some(1));
    assert_eq!(data["meetings"][0]["topics"], "Budgets & <b>boards</b>");
    let pdf = out.join(format!("{name} data.pdf"));
    let text = crate::support::pdf::text(&pdf);
    assert!(
        text.contains(name) && text.contains("Answers on the form"),
        "{text}"
    );
    assert!(
        text.contains("Budgets & <b>boards</b>"),
        "markup prints as written: {text}"
    );
}
