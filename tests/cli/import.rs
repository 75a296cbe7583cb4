//! Black-box tests of `matchbook import`, `people list` and `imports`: every
//! fixture format, every bad file (exit code, message, program file unchanged).

use serde_json::Value;

use crate::support;
use crate::support::cli::{json, matchbook, one_program, snapshot};

/// A checked-in import fixture, as the command line names it.
fn fixture(name: &str) -> String {
    support::fixture(name).display().to_string()
}

#[test]
fn every_fixture_imports_and_every_row_is_accounted_for() {
    let cases = [
        ("google_mentors.csv", "mentors", 7),
        ("google_mentors_bom.csv", "mentors", 7),
        ("excel_semicolon_1252.csv", "participants", 3),
        ("unicode_text_utf16.txt", "participants", 3),
        ("utf16_be.csv", "participants", 3),
        ("google_participants.xlsx", "participants", 3),
        ("msforms_participants.xlsx", "participants", 2),
        ("libreoffice_title_rows.ods", "mentors", 2),
        ("legacy_mentors.xls", "mentors", 2),
    ];
    for (file, role, rows) in cases {
        let (_d, db) = one_program("MILE 2019");
        let r = json(&matchbook(
            &db,
            &["import", &fixture(file), "--as", role, "--json"],
        ));
        assert_eq!(r["rows"], rows, "{file}: {r}");
        let accounted: u64 = [
            "added",
            "updated",
            "unchanged",
            "blank",
            "merged",
            "not_imported",
        ]
        .iter()
        .map(|k| r[k].as_u64().unwrap_or(0))
        .sum();
        assert_eq!(accounted, rows, "{file}: every row accounted for: {r}");
        assert!(r["mapping"].is_object(), "{file}");
        assert!(r["attention"].is_array(), "{file}");
        let people = json(&matchbook(&db, &["people", "list", "--json"]));
        assert_eq!(
            people.as_array().map(Vec::len),
            r["added"].as_u64().map(|n| n as usize),
            "{file}"
        );
    }
}

#[test]
fn import_json_has_the_contracted_shape_with_spreadsheet_row_numbers() {
    let (_d, db) = one_program("MILE 2019");
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("google_mentors.csv"),
            "--as",
            "mentors",
            "--json",
        ],
    ));
    assert_eq!(r["added"], 4);
    assert_eq!(r["blank"], 1);
    assert_eq!(r["mapping"]["Email Address"], "email");
    assert_eq!(r["mapping"]["Type of library"], "library_types");
    let rows: Vec<i64> = r["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["row"].as_i64().unwrap())
        .collect();
    assert!(
        rows.contains(&6) && rows.contains(&7) && rows.contains(&8),
        "{rows:?}"
    );
    let people = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    let zoe = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == "zoe.nunez@example.org")
        .unwrap();
    assert_eq!(zoe["areas"], serde_json::json!(["Leadership", "Advocacy"]));
    assert_eq!(zoe["capacity"], 1);
}

#[test]
fn bad_files_exit_1_with_the_file_named_and_leave_the_program_file_unchanged() {
    let (dir, db) = one_program("MILE 2019");
    let before = snapshot(&db);
    let missing = dir.path().join("missing.csv").display().to_string();
    let cases = [
        (fixture("empty.csv"), "empty.csv"),
        (fixture("not_a_spreadsheet.pdf"), "not_a_spreadsheet.pdf"),
        (fixture("corrupt.xlsx"), "corrupt.xlsx"),
        (fixture("numbers_only.csv"), "numbers_only.csv"),
        (fixture("no_name_column.csv"), "no_name_column.csv"),
        (missing, "missing.csv"),
    ];
    for (path, name) in cases {
        let run = matchbook(&db, &["import", &path, "--as", "mentors"]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(name),
            "{name}: message names the file: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    let run = matchbook(
        &db,
        &[
            "import",
            &fixture("legacy_mentors.xls"),
            "--as",
            "mentors",
            "--sheet",
            "Nope",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("\"Responses\""),
        "lists the sheets: {}",
        run.stderr
    );
    let run = matchbook(
        &db,
        &[
            "import",
            &fixture("google_mentors.csv"),
            "--as",
            "mentors",
            "--map",
            "Nope=name",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no column \"Nope\""), "{}", run.stderr);
    assert_eq!(
        snapshot(&db),
        before,
        "the program file is byte-for-byte unchanged"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (_d, db) = one_program("MILE 2019");
    assert_eq!(
        matchbook(&db, &["import", "--as", "mentors"]).code,
        2,
        "a file is required"
    );
    // Without --as the role is recognised (here from the file's name), and said.
    let recognised = matchbook(
        &db,
        &["import", &fixture("google_mentors.csv"), "--dry-run"],
    );
    assert_eq!(recognised.code, 0, "{}", recognised.stderr);
    assert!(
        recognised
            .stdout
            .contains("holds mentors' applications (recognised"),
        "{}",
        recognised.stdout
    );
    let run = matchbook(
        &db,
        &["import", &fixture("google_mentors.csv"), "--as", "coaches"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("mentor or participant"));
}

#[test]
fn dry_run_changes_nothing() {
    let (_d, db) = one_program("MILE 2019");
    let before = snapshot(&db);
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("google_mentors.csv"),
            "--as",
            "mentors",
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(r["added"], 4);
    assert_eq!(r["dry_run"], true);
    assert_eq!(snapshot(&db), before);
}

#[test]
fn imports_list_and_undo() {
    let (_d, db) = one_program("MILE 2019");
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("google_mentors.csv"),
            "--as",
            "mentors",
            "--json",
        ],
    ));
    let id = r["import_id"].as_i64().unwrap().to_string();
    let list = json(&matchbook(&db, &["imports", "list", "--json"]));
    assert_eq!(list[0]["file_name"], "google_mentors.csv");
    assert_eq!(list[0]["added"], 4);
    let run = matchbook(&db, &["imports", "undo", &id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("removed 4 people"), "{}", run.stdout);
    assert_eq!(
        json(&matchbook(&db, &["people", "list", "--json"])),
        Value::Array(vec![])
    );
    let again = matchbook(&db, &["imports", "undo", &id]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already undone"));
}

#[test]
fn map_overrides_a_column_and_is_remembered() {
    let (_d, db) = one_program("MILE 2019");
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("google_mentors.csv"),
            "--as",
            "mentors",
            "--map",
            "Region=keep",
            "--json",
        ],
    ));
    assert_eq!(r["mapping"]["Region"], "keep");
    let again = json(&matchbook(
        &db,
        &[
            "import",
            &fixture("google_mentors.csv"),
            "--as",
            "mentors",
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(
        again["mapping"]["Region"], "keep",
        "remembered for the same headers"
    );
}

#[test]
fn a_file_with_no_applications_is_refused_by_name_even_in_a_dry_run_and_changes_nothing() {
    let (_d, db) = one_program("MILE 2019");
    let before = snapshot(&db);
    let cases = [
        ("header_only.csv", "there are no rows"),
        ("header_then_blank_rows.csv", "every row is empty"),
    ];
    for (file, below) in cases {
        let path = fixture(file);
        for dry_run in [None, Some("--dry-run")] {
            let mut args = vec!["import", &path, "--as", "participants"];
            args.extend(dry_run);
            let run = matchbook(&db, &args);
            assert_eq!(run.code, 1, "{file} {dry_run:?}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!(
                    "{file} holds no applications: below its column titles {below}. Check that \
                     you exported the responses, not the empty form."
                )),
                "{file} {dry_run:?}: {}",
                run.stderr
            );
            assert!(run.stdout.is_empty());
        }
    }
    assert_eq!(
        json(&matchbook(&db, &["imports", "list", "--json"])),
        Value::Array(vec![]),
        "no history entry to undo"
    );
    assert_eq!(
        snapshot(&db),
        before,
        "the program file is byte-for-byte unchanged"
    );
}

#[test]
fn one_application_repeated_grows_the_program_file_by_at_most_twice_the_file() {
    let (dir, db) = one_program("MILE 2019");
    let csv = dir.path().join("repeated.csv");
    let csv_size = support::applications::write_one_application_repeated(&csv, 20_000);
    let before = snapshot(&db).len() as u64;
    let r = json(&matchbook(
        &db,
        &[
            "import",
            &csv.display().to_string(),
            "--as",
            "participants",
            "--json",
        ],
    ));
    assert_eq!(
        (r["rows"].as_u64(), r["added"].as_u64()),
        (Some(20_000), Some(1))
    );
    assert_eq!(r["merged"], 19_999, "every row accounted for");
    let growth = (snapshot(&db).len() as u64).saturating_sub(before);
    assert!(
        growth <= 2 * csv_size,
        "the program file grew by {growth} bytes for a {csv_size}-byte CSV"
    );
}

#[test]
fn the_responses_sheet_is_imported_not_the_longer_scratch_list_unless_asked() {
    let (_d, db) = one_program("MILE 2019");
    let file = fixture("responses_then_scratch.xlsx");
    let r = json(&matchbook(
        &db,
        &["import", &file, "--as", "participants", "--json"],
    ));
    assert_eq!(r["sheet"], "Form Responses 1", "{r}");
    assert_eq!(
        (r["rows"].as_u64(), r["added"].as_u64()),
        (Some(20), Some(20))
    );
    let scratch = json(&matchbook(
        &db,
        &[
            "import",
            &file,
            "--as",
            "participants",
            "--sheet",
            "Scratch",
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(
        scratch["sheet"], "Scratch",
        "--sheet still chooses: {scratch}"
    );
}

/// Issue 34: the mentors' and the participants' forms in one command, each
/// recognised from its questions alone (the file names say nothing).
#[test]
fn several_files_import_in_one_step_each_recognised_from_its_questions() {
    let (dir, db) = one_program("Institute 2026");
    let [mentors, participants] = matchbook::sample::sample_spreadsheets().expect("sample files");
    let first = dir.path().join("export 1.csv");
    let second = dir.path().join("export 2.csv");
    std::fs::write(&first, participants.1).expect("write");
    std::fs::write(&second, mentors.1).expect("write");
    let (first, second) = (first.display().to_string(), second.display().to_string());

    let text = crate::support::cli::ok(&db, &["import", &first, &second, "--dry-run"]);
    assert!(
        text.contains("export 1.csv holds participants' applications (recognised"),
        "{text}"
    );
    assert!(
        text.contains("export 2.csv holds mentors' applications"),
        "{text}"
    );

    let reports = json(&matchbook(&db, &["import", &first, &second, "--json"]));
    let added: Vec<u64> = reports
        .as_array()
        .expect("one report per file")
        .iter()
        .map(|r| r["added"].as_u64().expect("added"))
        .collect();
    assert_eq!(added, [60, 40], "{reports}");
    assert_eq!(reports[0]["role"], "participant", "{reports}");
    assert_eq!(reports[1]["role"], "mentor", "{reports}");
    let people = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    assert_eq!(people.as_array().map(Vec::len), Some(40));
}

/// A file of the step that cannot be imported stops the whole step, and
/// one whose role cannot be told is named with what to do.
#[test]
fn a_step_with_a_refused_file_changes_nothing() {
    let (dir, db) = one_program("Institute 2026");
    let [mentors, _] = matchbook::sample::sample_spreadsheets().expect("sample files");
    let good = dir.path().join("mentors.csv");
    std::fs::write(&good, mentors.1).expect("write");
    let good = good.display().to_string();
    let before = snapshot(&db);
    let run = matchbook(
        &db,
        &[
            "import",
            &good,
            &fixture("header_only.csv"),
            "--as",
            "mentors",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("header_only.csv"), "{}", run.stderr);
    assert_eq!(snapshot(&db), before, "the program file is unchanged");

    let unknown = dir.path().join("export.csv");
    std::fs::write(&unknown, "Email,Name\nann@example.org,Ann Lee\n").expect("write");
    let run = matchbook(&db, &["import", &good, &unknown.display().to_string()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("export.csv") && run.stderr.contains("--as mentors"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&db), before, "the program file is unchanged");
}
