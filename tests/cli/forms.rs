//! Black-box tests of the forms committees really make (issue 14): `import
//! --as both`, option columns, negated questions, placeholder emails, and
//! `questions list` / `people list` with every question typed.

use serde_json::Value;

use crate::support;
use crate::support::cli::{json, matchbook, one_program, snapshot};

fn fixture(name: &str) -> String {
    support::fixture(name).display().to_string()
}

fn questions(db: &std::path::Path, role: &str) -> Vec<Value> {
    json(&matchbook(
        db,
        &["questions", "list", "--role", role, "--json"],
    ))
    .as_array()
    .cloned()
    .unwrap_or_default()
}

fn question<'a>(list: &'a [Value], text: &str) -> &'a Value {
    list.iter()
        .find(|q| q["text"] == text)
        .unwrap_or_else(|| panic!("no question {text} in {list:?}"))
}

#[test]
fn import_as_both_counts_roles_and_lists_the_row_it_cannot_place() {
    let (_d, db) = one_program("Combined");
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("combined_roles.csv"),
            "--as",
            "both",
            "--json",
        ],
    ));
    assert_eq!(
        r["roles"],
        serde_json::json!({"mentor": 12, "participant": 16, "unknown": 1}),
        "{r}"
    );
    let unknown: Vec<&Value> = r["attention"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["reason"].as_str().unwrap_or("").contains("Not sure yet"))
        .collect();
    assert_eq!(unknown.len(), 1, "{r}");
    assert!(unknown[0]["row"].as_i64().unwrap() > 1);
    let mentors = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    let participants = json(&matchbook(
        &db,
        &["people", "list", "--role", "participant", "--json"],
    ));
    assert_eq!(mentors.as_array().map(Vec::len), Some(12));
    assert_eq!(participants.as_array().map(Vec::len), Some(16));

    // --role-value decides the answer Matchbook could not place.
    let (_d2, db2) = one_program("Combined again");
    let r = json(&matchbook(
        &db2,
        &[
            "import",
            &fixture("combined_roles.csv"),
            "--as",
            "both",
            "--role-value",
            "Not sure yet=participant",
            "--json",
        ],
    ));
    assert_eq!(r["roles"]["unknown"], 0, "{r}");
    assert_eq!(r["roles"]["participant"], 17, "{r}");
}

#[test]
fn import_as_both_without_a_role_column_is_refused_and_changes_nothing() {
    let (_d, db) = one_program("Combined");
    let before = snapshot(&db);
    let run = matchbook(
        &db,
        &["import", &fixture("google_mentors.csv"), "--as", "both"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--role-column"), "{}", run.stderr);
    assert_eq!(snapshot(&db), before);
    // Naming the column with --role-column works where wording alone would not.
    let (_d2, db2) = one_program("Named column");
    let r = json(&matchbook(
        &db2,
        &[
            "import",
            &fixture("combined_roles.csv"),
            "--as",
            "both",
            "--role-column",
            "I want to participate as:",
            "--json",
        ],
    ));
    assert_eq!(r["roles"]["mentor"], 12, "{r}");
}

#[test]
fn questions_list_has_the_contracted_shape_and_groups_option_columns() {
    let (_d, db) = one_program("Typeform");
    json(&matchbook(
        &db,
        &[
            "import",
            &fixture("typeform_options_01.csv"),
            "--as",
            "participants",
            "--json",
        ],
    ));
    let list = questions(&db, "participant");
    let skills = question(&list, "Which skills do you want to build?");
    for key in [
        "id", "role", "text", "kind", "field", "columns", "options", "answered",
    ] {
        assert!(skills.get(key).is_some(), "{key} missing: {skills}");
    }
    assert_eq!(skills["role"], "participant");
    assert_eq!(skills["kind"], "multi");
    assert_eq!(skills["columns"].as_array().map(Vec::len), Some(6));
    let options = skills["options"].as_array().unwrap();
    assert_eq!(options.len(), 6);
    assert!(options
        .iter()
        .all(|o| o["label"].is_string() && o["count"].is_u64()));
    assert_eq!(question(&list, "What's your email?")["kind"], "contact");

    // people list carries each answer under its question's number.
    let people = json(&matchbook(&db, &["people", "list", "--json"]));
    let id = skills["id"].as_i64().unwrap().to_string();
    let with_skills = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["answers"][&id].is_array())
        .count();
    assert_eq!(with_skills as u64, skills["answered"].as_u64().unwrap());
    assert!(
        people[0]["email"].is_string(),
        "nothing already there changes"
    );
}

#[test]
fn negated_questions_become_avoid_lists_and_name_requests() {
    let (_d, db) = one_program("Negation");
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("offer_and_avoid_mentors.csv"),
            "--as",
            "mentors",
            "--json",
        ],
    ));
    let mapping = &r["mapping"];
    assert_eq!(mapping["Which topics can you offer guidance on?"], "areas");
    assert_eq!(
        mapping["Are there any topics you would prefer NOT to mentor on?"],
        "avoid_topics"
    );
    assert_eq!(
        mapping["Is there anyone you would prefer NOT to have as a mentee?"],
        "avoid"
    );
    assert_eq!(
        mapping["Is there anyone you would prefer to have as a mentee?"],
        "requested_mentees"
    );
    let people = json(&matchbook(&db, &["people", "list", "--json"]));
    let lan = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Trần Thị Lan")
        .unwrap();
    assert_eq!(
        lan["avoid_topics"],
        serde_json::json!(["Grant writing", "Technology"])
    );
    assert_eq!(lan["avoid"], serde_json::json!(["Tanaka Aoi"]));
    assert_eq!(lan["requested_mentees"], serde_json::json!(["Elif Aydın"]));
}

#[test]
fn a_shared_placeholder_email_keeps_people_apart_and_is_ambiguous_to_look_up() {
    let (_d, db) = one_program("Placeholders");
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("placeholder_emails.csv"),
            "--as",
            "participants",
            "--json",
        ],
    ));
    assert_eq!(
        (r["added"].as_u64(), r["merged"].as_u64()),
        (Some(13), Some(1)),
        "{r}"
    );
    let flagged = r["attention"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["reason"]
                .as_str()
                .unwrap_or("")
                .contains("Shares an email")
        })
        .count();
    assert_eq!(flagged, 7, "{r}");
    let run = matchbook(
        &db,
        &["people", "delete", "none@none.com", "--role", "participant"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("ambiguous"), "{}", run.stderr);
}

/// Issue 20, item 5: the participant side's usual wordings are recognised
/// as well as the mentor side's.
#[test]
fn a_microsoft_form_for_participants_is_recognised_like_the_mentors_form() {
    let (dir, db) = one_program("Participants");
    let path = dir.path().join("Mentee application(1-2).csv");
    std::fs::write(
        &path,
        "ID,Start time,Completion time,Email,Name,Preferred way to meet,Which areas would you like guidance in?,Who would you like as your mentor?,How long have you worked in libraries?\n\
         1,1/5/26 9:00,1/5/26 9:10,ann@example.org,Ann Lee,Video call;No preference;,Leadership;Budgeting;,Bo Chen,4\n\
         2,1/6/26 9:00,1/6/26 9:12,cy@example.org,Cy Diaz,Phone;,Advocacy;,,2\n",
    )
    .unwrap();
    let path = path.display().to_string();
    let r = json(&matchbook(
        &db,
        &["import", &path, "--as", "participants", "--json"],
    ));
    let mapping = &r["mapping"];
    assert_eq!(mapping["Preferred way to meet"], "meeting_modes", "{r}");
    assert_eq!(
        mapping["Which areas would you like guidance in?"], "areas",
        "{r}"
    );
    assert_eq!(
        mapping["Who would you like as your mentor?"], "requested_mentor",
        "{r}"
    );
    assert_eq!(
        mapping["How long have you worked in libraries?"], "years_experience",
        "{r}"
    );
}
