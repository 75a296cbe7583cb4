//! Black-box tests of program shapes (issue 32): peer circles split from a
//! generated cohort with six planted circles (tests/fixtures/circles/, made
//! by its generate.py), a mentor's groups on the sample cohort, and the
//! `groups` of `match run --json`.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use crate::support;
use crate::support::cli::{json, matchbook, ok, one_program, sample};

fn planted() -> BTreeSet<BTreeSet<String>> {
    let text = std::fs::read_to_string(support::repo_path("tests/fixtures/circles/planted.json"))
        .expect("planted.json");
    let all: Value = serde_json::from_str(&text).expect("planted.json is JSON");
    all["circles"]
        .as_array()
        .expect("circles")
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// The planted cohort in a circles program of `size`, with its criteria.
pub(crate) fn circles_program(size: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = one_program("Circles");
    ok(
        &db,
        &[
            "program",
            "edit",
            "--shape",
            "circles",
            "--group-size",
            size,
        ],
    );
    let file = support::repo_path("tests/fixtures/circles/circles-participants.csv");
    ok(
        &db,
        &[
            "import",
            &file.display().to_string(),
            "--as",
            "participants",
        ],
    );
    for q in [
        "Which day suits you best for meetings?",
        "Your time zone",
        "Which sector do you work in?",
    ] {
        ok(
            &db,
            &["criteria", "add", "--question", q, "--compare", "same"],
        );
    }
    ok(
        &db,
        &[
            "criteria",
            "add",
            "--question",
            "How did you hear about the program?",
            "--compare",
            "mixed",
            "--weight",
            "10",
        ],
    );
    (dir, db)
}

/// The sample cohort, mentored in groups of two or three.
fn sample_in_groups() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = sample();
    ok(
        &db,
        &[
            "program",
            "edit",
            "--shape",
            "groups",
            "--group-size",
            "2-3",
        ],
    );
    (dir, db)
}

/// Computes and confirms the circles; returns `groups list --json`.
pub(crate) fn confirmed_circles(db: &std::path::Path) -> Value {
    ok(db, &["match", "run"]);
    ok(db, &["match", "confirm"]);
    json(&matchbook(db, &["groups", "list", "--json"]))
}

/// Logs a meeting of group `id` today, with `more` arguments.
fn log_group_meeting(db: &std::path::Path, id: &str, more: &[&str]) {
    let today = matchbook::time::today().to_string();
    let args = [
        &["meetings", "add", "--group", id, "--date", &today][..],
        more,
    ]
    .concat();
    ok(db, &args);
}

pub(crate) fn circles_of(run: &Value) -> BTreeSet<BTreeSet<String>> {
    run["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            assert!(g["mentor"].is_null(), "a circle has no mentor: {g}");
            g["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn thirty_people_with_six_planted_circles_are_split_into_exactly_those_circles() {
    for size in ["5", "4-6"] {
        let (_dir, db) = circles_program(size);
        let run = json(&matchbook(&db, &["match", "run", "--json"]));
        assert_eq!(circles_of(&run), planted(), "circles of {size}");
        assert!(run["pairs"].as_array().unwrap().is_empty());
        let reasons: Vec<&str> = run["groups"][0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(
            reasons.iter().filter(|r| r.starts_with("All 5:")).count() == 3,
            "{reasons:?}"
        );
        // `match show` says the same, and confirming keeps the circles.
        ok(&db, &["match", "confirm"]);
        let shown = json(&matchbook(&db, &["match", "show", "--json"]));
        assert_eq!(circles_of(&shown), planted());
        assert_eq!(shown["status"], "confirmed");
    }
}

#[test]
fn mixed_is_only_for_circles_and_a_shape_or_size_in_other_words_is_refused() {
    let (_dir, db) = circles_program("4-6");
    let refused = matchbook(&db, &["program", "edit", "--group-size", "6-3"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("write the smaller number first"),
        "{}",
        refused.stderr
    );
    let refused = matchbook(&db, &["program", "edit", "--shape", "triangles"]);
    assert!(
        refused.stderr.contains("one-to-one, groups or circles"),
        "{}",
        refused.stderr
    );
    let (_s, sample_db) = sample();
    let refused = matchbook(
        &sample_db,
        &[
            "criteria",
            "add",
            "--participant",
            "Region",
            "--mentor",
            "Region",
            "--compare",
            "mixed",
        ],
    );
    assert_eq!(refused.code, 1, "{}", refused.stderr);
}

#[test]
fn group_mentoring_on_the_sample_gives_every_group_a_mentor_a_size_within_bounds_and_no_more_than_their_places(
) {
    let (_dir, db) = sample_in_groups();
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    let people = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    let places: HashMap<String, u64> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["email"].as_str().unwrap().to_lowercase(),
                p["places"].as_u64().unwrap(),
            )
        })
        .collect();
    let groups = run["groups"].as_array().unwrap();
    // Most of the sample's mentors take one mentee: only those with room
    // for two or more can have a group.
    let can_host = places.values().filter(|&&p| p >= 2).count();
    assert!(
        !groups.is_empty() && groups.len() <= can_host,
        "{} of {can_host}",
        groups.len()
    );
    let mut members = 0;
    for g in groups {
        let mentor = g["mentor"]
            .as_str()
            .expect("every group has a mentor")
            .to_lowercase();
        let size = g["members"].as_array().unwrap().len() as u64;
        assert!((2..=3).contains(&size), "{g}");
        assert!(size <= places[&mentor], "{g}: {} places", places[&mentor]);
        members += size;
    }
    assert_eq!(members as usize, run["pairs"].as_array().unwrap().len());
}

#[test]
fn a_one_to_one_program_has_pairs_and_no_groups() {
    let (_dir, db) = sample();
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    assert!(run["groups"].as_array().unwrap().is_empty());
    assert!(run["pairs"].as_array().unwrap().len() > 30);
}

#[test]
fn each_circles_letter_names_all_its_members() {
    let (dir, db) = circles_program("5");
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    ok(&db, &["match", "confirm"]);
    let folder = dir.path().join("letters");
    ok(&db, &["letters", "--out-dir", folder.to_str().unwrap()]);
    let names_of: HashMap<String, String> = json(&matchbook(
        &db,
        &["people", "list", "--role", "participant", "--json"],
    ))
    .as_array()
    .unwrap()
    .iter()
    .map(|p| {
        (
            p["email"].as_str().unwrap().to_lowercase(),
            p["name"].as_str().unwrap().to_string(),
        )
    })
    .collect();
    let mut letters = 0;
    for g in run["groups"].as_array().unwrap() {
        let members: Vec<&str> = g["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| names_of[&e.as_str().unwrap().to_lowercase()].as_str())
            .collect();
        for reader in &members {
            let file = folder.join(format!("Letter - Participant - {reader}.pdf"));
            let text = support::pdf::text(&file);
            assert!(
                text.contains(&format!("people of {}", g["name"].as_str().unwrap())),
                "{text}"
            );
            for member in &members {
                assert!(
                    text.contains(member),
                    "{reader}'s letter names {member}: {text}"
                );
            }
            letters += 1;
        }
    }
    assert_eq!(letters, 30);
}

#[test]
fn a_meeting_logged_for_a_circle_shows_on_each_members_page() {
    let (_dir, db) = circles_program("5");
    let groups = confirmed_circles(&db);
    let circle = &groups[2];
    let id = circle["id"].as_i64().unwrap().to_string();
    let today = matchbook::time::today().to_string();
    log_group_meeting(
        &db,
        &id,
        &["--mode", "video", "--topics", "First circle call"],
    );
    for member in circle["members"].as_array().unwrap() {
        let email = member["email"].as_str().unwrap();
        let page = json(&matchbook(
            &db,
            &["groups", "show", "--participant", email, "--json"],
        ));
        assert_eq!(page["group"]["id"], circle["id"]);
        let meetings = page["group"]["meetings"].as_array().unwrap();
        assert_eq!(meetings.len(), 1, "{email}: {page}");
        assert_eq!(meetings[0]["topics"], "First circle call");
    }
    // Members of other circles did not meet.
    let other = groups[0]["members"][0]["email"].as_str().unwrap();
    let page = json(&matchbook(
        &db,
        &["groups", "show", "--participant", other, "--json"],
    ));
    assert!(page["group"]["meetings"].as_array().unwrap().is_empty());
    // A meeting in the future, or for a group that is not there, is refused.
    let tomorrow = (matchbook::time::today() + chrono::Days::new(1)).to_string();
    let refused = matchbook(
        &db,
        &["meetings", "add", "--group", &id, "--date", &tomorrow],
    );
    assert!(
        refused.stderr.contains("in the future"),
        "{}",
        refused.stderr
    );
    let refused = matchbook(
        &db,
        &["meetings", "add", "--group", "999", "--date", &today],
    );
    assert!(
        refused.stderr.contains("not a confirmed group"),
        "{}",
        refused.stderr
    );
}

#[test]
fn the_report_counts_the_circles_and_each_circle_has_its_own_calendar() {
    let (dir, db) = circles_program("5");
    ok(
        &db,
        &[
            "program",
            "edit",
            "--kickoff",
            "2026-01-15",
            "--months",
            "12",
            "--cadence-months",
            "3",
        ],
    );
    let groups = confirmed_circles(&db);
    let id = groups[1]["id"].as_i64().unwrap().to_string();
    log_group_meeting(&db, &id, &[]);
    let report = json(&matchbook(&db, &["report", "--json"]));
    assert_eq!(report["summary"]["groups"], 6);
    assert_eq!(report["summary"]["people_in_groups"], 30);
    assert_eq!(report["summary"]["group_meetings"], 1);
    assert_eq!(report["groups"].as_array().unwrap().len(), 6);
    let out = dir.path().join("circle.ics");
    ok(
        &db,
        &[
            "calendar",
            "--group",
            &id,
            "--past-dates",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let ics = std::fs::read_to_string(&out).unwrap().replace("\r\n ", "");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        4,
        "four quarters: {ics}"
    );
    let name = groups[1]["name"].as_str().unwrap();
    assert!(
        ics.contains(&format!("X-WR-CALNAME:{name} check-ins")),
        "{ics}"
    );
    for m in groups[1]["members"].as_array().unwrap() {
        assert!(ics.contains(m["name"].as_str().unwrap()), "{ics}");
    }
}

#[test]
fn a_mentors_group_letter_introduces_the_mentor_and_every_member() {
    let (dir, db) = sample_in_groups();
    let groups = confirmed_circles(&db);
    let group = &groups[0];
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
    let mentor = group["mentor"]["name"].as_str().unwrap();
    for reader in group["members"].as_array().unwrap() {
        let reader = reader["name"].as_str().unwrap();
        let text = support::pdf::text(&folder.join(format!("Letter - Participant - {reader}.pdf")));
        assert!(text.contains(&format!("with {mentor}")), "{text}");
        for m in group["members"].as_array().unwrap() {
            assert!(
                text.contains(m["name"].as_str().unwrap()),
                "{reader}: {text}"
            );
        }
    }
}

#[test]
fn every_circle_members_check_in_joins_their_circle_and_shows_on_the_circle_and_their_page() {
    let (dir, db) = circles_program("5");
    let groups = confirmed_circles(&db);
    let today = matchbook::time::today().to_string();
    // Every member of every circle answers; one asks the committee for help.
    let mut csv = String::from(
        "Timestamp,Email Address,Have you met since the last check-in?,How many times did you meet?,\
         \"How satisfied are you? (1 = very dissatisfied, 5 = very satisfied)\",Anything the committee should know?\n",
    );
    let worried = groups[3]["members"][0].clone();
    for g in groups.as_array().unwrap() {
        for m in g["members"].as_array().unwrap() {
            let (satisfaction, note) = if *m == worried {
                ("2", "We need help as nobody comes")
            } else {
                ("4", "")
            };
            csv.push_str(&format!(
                "{today},{},Yes,1,{satisfaction},{note}\n",
                m["email"].as_str().unwrap()
            ));
        }
    }
    let file = dir.path().join("circle-checkins.csv");
    std::fs::write(&file, csv).unwrap();
    let import = json(&matchbook(
        &db,
        &[
            "import",
            file.to_str().unwrap(),
            "--as",
            "check-ins",
            "--period",
            "Q1",
            "--json",
        ],
    ));
    assert_eq!(import["recorded"], 30, "{import}");
    assert_eq!(import["not_imported"], serde_json::json!([]), "{import}");
    assert_eq!(import["unknown"], serde_json::json!([]), "{import}");

    let listed = json(&matchbook(&db, &["groups", "list", "--json"]));
    for (i, g) in listed.as_array().unwrap().iter().enumerate() {
        assert_eq!(g["pulse"]["answered"], 5, "{g}");
        assert_eq!(g["pulse"]["response_rate"], 1.0, "{g}");
        assert_eq!(g["pulse"]["at_risk"], i == 3, "{g}");
    }
    let reasons = listed[3]["pulse"]["risk_reasons"].to_string();
    assert!(reasons.contains("need help as nobody comes"), "{reasons}");
    let text = ok(&db, &["groups", "list"]);
    assert!(text.contains("Check-ins: 5 of 5 answered Q1"), "{text}");

    for m in groups[3]["members"].as_array().unwrap() {
        let email = m["email"].as_str().unwrap();
        let page = json(&matchbook(
            &db,
            &["groups", "show", "--participant", email, "--json"],
        ));
        let mine = page["check_ins"].as_array().unwrap();
        assert_eq!(mine.len(), 1, "{email}: {page}");
        let expected = if *m == worried { 2 } else { 4 };
        assert_eq!(mine[0]["satisfaction"], expected, "{email}");
    }
    let email = worried["email"].as_str().unwrap();
    let page = ok(&db, &["groups", "show", "--participant", email]);
    assert!(page.contains("Their check-ins:"), "{page}");
    assert!(page.contains("met once · satisfaction 2 of 5"), "{page}");

    let report = json(&matchbook(&db, &["report", "--json"]));
    assert_eq!(report["summary"]["group_check_ins"], 30);
    let at_risk = report["summary"]["groups_at_risk"].as_array().unwrap();
    assert_eq!(at_risk.len(), 1);
    assert_eq!(at_risk[0]["name"], groups[3]["name"]);
    assert_eq!(report["totals"]["groups_at_risk"], 1);
    assert_eq!(report["totals"]["response_rate"], 1.0);
    let outcomes = json(&matchbook(&db, &["report", "outcomes", "--json"]));
    assert_eq!(
        outcomes["invited"]["participant"], 30,
        "circle members are invited"
    );
}
