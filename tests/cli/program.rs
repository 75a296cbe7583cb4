//! Black-box tests of the headless `matchbook` command: programs, people,
//! output shapes, exit codes and messages. Each test gets its own program file.

use crate::support::cli::{json, matchbook, temp_db};
use serde_json::Value;

#[test]
fn program_create_then_list_json_has_every_field() {
    let (_d, db) = temp_db();
    let created = matchbook(
        &db,
        &[
            "program",
            "create",
            "--name",
            "MILE 2019",
            "--kickoff",
            "2019-05-10",
            "--kickoff-event",
            "Leading for Life",
            "--kickoff-place",
            "Sugar Lake Lodge, Cohasset MN",
            "--contact-email",
            "pat@example.org",
        ],
    );
    assert_eq!(created.code, 0, "{}", created.stderr);
    assert!(created.stdout.contains("Created program \"MILE 2019\""));
    assert!(db.exists(), "the file is created when missing");

    let list = json(&matchbook(&db, &["program", "list", "--json"]));
    let programs = list.as_array().expect("an array");
    assert_eq!(programs.len(), 1);
    let p = &programs[0];
    assert_eq!(p["name"], "MILE 2019");
    assert_eq!(p["kickoff_date"], "2019-05-10");
    assert_eq!(p["kickoff_event"], "Leading for Life");
    assert_eq!(p["relationship_months"], 18);
    assert_eq!(p["cadence_months"], 3);
    assert_eq!(p["contact_email"], "pat@example.org");
    assert_eq!(p["archived"], false);
    assert_eq!(p["mentors"], 0);
    assert_eq!(p["participants"], 0);
    assert!(p["id"].is_i64());
}

#[test]
fn months_and_cadence_flags_are_stored() {
    let (_d, db) = temp_db();
    let p = json(&matchbook(
        &db,
        &[
            "program",
            "create",
            "--name",
            "Short",
            "--months",
            "12",
            "--cadence-months",
            "2",
            "--json",
        ],
    ));
    assert_eq!(p["relationship_months"], 12);
    assert_eq!(p["cadence_months"], 2);
}

#[test]
fn json_output_is_the_only_thing_on_stdout() {
    let (_d, db) = temp_db();
    let run = matchbook(&db, &["program", "list", "--json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim(), "[]");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn an_empty_file_says_how_to_create_a_program() {
    let (_d, db) = temp_db();
    let run = matchbook(&db, &["program", "list"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("matchbook program create --name"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_duplicate_name_exits_1_with_a_message_on_stderr_only() {
    let (_d, db) = temp_db();
    assert_eq!(
        matchbook(&db, &["program", "create", "--name", "MILE 2019"]).code,
        0
    );
    let run = matchbook(&db, &["program", "create", "--name", "mile 2019"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("matchbook: There is already a program called"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_kickoff_date_says_the_expected_format() {
    let (_d, db) = temp_db();
    let run = matchbook(
        &db,
        &["program", "create", "--name", "X", "--kickoff", "5/10/2019"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
    let list = json(&matchbook(&db, &["program", "list", "--json"]));
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(0),
        "nothing was written"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (_d, db) = temp_db();
    assert_eq!(matchbook(&db, &["program", "create"]).code, 2);
    assert_eq!(
        matchbook(
            &db,
            &["program", "create", "--name", "X", "--months", "many"]
        )
        .code,
        2
    );
    assert_eq!(matchbook(&db, &["no-such-command"]).code, 2);
}

#[test]
fn a_file_that_is_not_a_program_file_is_refused_and_unchanged() {
    let (dir, _) = temp_db();
    let csv = dir.path().join("applications.csv");
    std::fs::write(&csv, "Name,Email\nAnna,anna@example.org\n").unwrap();
    let run = matchbook(&csv, &["program", "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a SQLite file"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "Name,Email\nAnna,anna@example.org\n"
    );
}

#[test]
fn a_file_from_a_newer_matchbook_is_refused_and_unchanged() {
    let (_d, db) = temp_db();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "application_id", matchbook::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE programs(id INTEGER PRIMARY KEY);")
            .unwrap();
        conn.pragma_update(None, "user_version", matchbook::store::SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let run = matchbook(&db, &["program", "list"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("newer version of Matchbook"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_file_open_elsewhere_is_reported_plainly() {
    let (_d, db) = temp_db();
    let _window = matchbook::Store::open(&db).unwrap();
    let run = matchbook(&db, &["program", "list"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("already open in another Matchbook"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("program.sqlite"),
        "names the file: {}",
        run.stderr
    );
}

#[test]
fn with_several_programs_commands_ask_which_one() {
    let (_d, db) = temp_db();
    matchbook(&db, &["program", "create", "--name", "MILE 2019"]);
    matchbook(&db, &["program", "create", "--name", "MILE 2021"]);
    let run = matchbook(&db, &["people", "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--program NAME"), "{}", run.stderr);
    let run = matchbook(&db, &["people", "list", "--program", "MILE 2021", "--json"]);
    assert_eq!(json(&run), Value::Array(vec![]));
}

#[test]
fn edit_and_archive_change_the_program() {
    let (_d, db) = temp_db();
    matchbook(&db, &["program", "create", "--name", "MILE 2019"]);
    let edited = json(&matchbook(
        &db,
        &[
            "program",
            "edit",
            "--cadence-months",
            "1",
            "--organization",
            "Library Association",
            "--json",
        ],
    ));
    assert_eq!(edited["cadence_months"], 1);
    assert_eq!(edited["organization"], "Library Association");
    assert_eq!(
        edited["name"], "MILE 2019",
        "fields not given keep their value"
    );
    assert_eq!(matchbook(&db, &["program", "archive"]).code, 0);
    assert_eq!(
        json(&matchbook(&db, &["program", "list", "--json"])),
        Value::Array(vec![])
    );
    let all = json(&matchbook(&db, &["program", "list", "--all", "--json"]));
    assert_eq!(all[0]["archived"], true);
    assert_eq!(
        matchbook(
            &db,
            &["program", "archive", "--restore", "--program", "MILE 2019"]
        )
        .code,
        0
    );
}

#[test]
fn the_sample_cohort_lists_forty_mentors_and_sixty_participants() {
    let (_d, db) = temp_db();
    assert_eq!(matchbook(&db, &["sample"]).code, 0);
    let mentors = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    let participants = json(&matchbook(
        &db,
        &["people", "list", "--role", "participants", "--json"],
    ));
    assert_eq!(mentors.as_array().map(Vec::len), Some(40));
    assert_eq!(participants.as_array().map(Vec::len), Some(60));
    let m = &mentors[0];
    for key in [
        "email",
        "name",
        "role",
        "library",
        "region",
        "library_types",
        "areas",
        "meeting_modes",
        "capacity",
        "requested_mentor",
        "avoid",
        "flags",
    ] {
        assert!(m.get(key).is_some(), "{key} in {m}");
    }
    assert_eq!(m["role"], "mentor");
    let run = matchbook(&db, &["people", "list", "--role", "coach"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("mentor or participant"));
}

#[test]
fn saving_a_past_kickoff_or_an_uneven_cadence_notes_what_will_happen() {
    let (_d, db) = temp_db();
    let args = [
        "program",
        "create",
        "--name",
        "Late",
        "--kickoff",
        "2026-03-14",
        "--months",
        "18",
        "--cadence-months",
        "5",
    ];
    let out = crate::support::cli::run(&db, Some("2026-11-30"), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Note: The kickoff date, 14 March 2026, is already past"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("start 8 of 18 months in"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("the last period is 3 months long"),
        "{}",
        out.stdout
    );
    let fixed = crate::support::cli::run(
        &db,
        Some("2026-11-30"),
        &[
            "program",
            "edit",
            "--program",
            "Late",
            "--kickoff",
            "2027-01-20",
            "--cadence-months",
            "3",
        ],
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(!fixed.stdout.contains("Note:"), "{}", fixed.stdout);
}

/// The default program file is `Matchbook.matchbook` in the app-data folder;
/// someone who already has `Matchbook.sqlite` there keeps using it.
#[test]
fn the_default_file_is_a_matchbook_file_unless_an_earlier_sqlite_one_is_there() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_matchbook"))
            .args(args)
            .env("XDG_DATA_HOME", home.path())
            .env("HOME", home.path())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    let folder = home.path().join("org.matchbook.desktop");
    assert!(run(&["program", "create", "--name", "First"])
        .status
        .success());
    assert!(folder.join("Matchbook.matchbook").exists());
    assert!(!folder.join("Matchbook.sqlite").exists());

    // An earlier user's file: it is the one used, never a second empty one.
    std::fs::remove_file(folder.join("Matchbook.matchbook")).unwrap();
    let earlier = folder.join("Matchbook.sqlite");
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_matchbook"))
        .args([
            "--db",
            earlier.to_str().unwrap(),
            "program",
            "create",
            "--name",
            "Kept",
        ])
        .output()
        .unwrap();
    assert!(created.status.success());
    let listed = run(&["program", "list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Kept"));
    assert!(!folder.join("Matchbook.matchbook").exists());
}
