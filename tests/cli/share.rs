//! A committee sharing a program through a folder, driven as members would:
//! one `matchbook` command at a time on each member's own program file, with
//! the folder copied between them as a sync client would.

use std::path::Path;

use crate::support::cli::{json, matchbook, ok, sample};

/// Copies every file of `from` that `to` lacks (a sync client's delivery).
fn carry(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            carry(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn two_members_share_a_program_and_see_each_others_changes() {
    let (dir, ana) = sample();
    let (folder_a, folder_b) = (
        dir.path().join("Dropbox-Ana"),
        dir.path().join("Dropbox-Ben"),
    );
    let ben = dir.path().join("ben.sqlite");
    let shared = ok(
        &ana,
        &[
            "share",
            "init",
            "--folder",
            folder_a.to_str().unwrap(),
            "--member",
            "Ana Ruiz",
        ],
    );
    assert!(shared.contains("Shared through"), "{shared}");
    carry(&folder_a, &folder_b);
    let joined = ok(
        &ben,
        &[
            "share",
            "join",
            "--folder",
            folder_b.to_str().unwrap(),
            "--member",
            "Ben Okafor",
        ],
    );
    assert!(joined.contains("Applied 1 change file"), "{joined}");
    let people = |db: &Path| json(&matchbook(db, &["people", "list", "--json"]));
    assert_eq!(
        people(&ana),
        people(&ben),
        "Ben's file holds what Ana shared"
    );

    // Ben changes the contact; the command publishes it at once.
    ok(&ben, &["program", "edit", "--contact-name", "Ben Okafor"]);
    carry(&folder_b, &folder_a);
    let report = json(&matchbook(&ana, &["share", "sync", "--json"]));
    assert_eq!(report["applied"], 1, "{report}");
    for key in ["published", "waiting", "conflicts"] {
        assert!(report.get(key).is_some(), "sync --json has {key}: {report}");
    }
    let program = json(&matchbook(&ana, &["program", "list", "--json"]));
    assert!(program.to_string().contains("Ben Okafor"), "{program}");

    let activity = json(&matchbook(&ana, &["activity", "--json"]));
    let first = &activity[0];
    assert_eq!(first["member"], "Ben Okafor", "{activity}");
    assert!(
        first["at"].is_string() && first["what"].is_string(),
        "{first}"
    );

    let status = json(&matchbook(&ana, &["share", "status", "--json"]));
    let members: Vec<&str> = status["computers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["member"].as_str().unwrap())
        .collect();
    assert!(
        members.contains(&"Ana Ruiz") && members.contains(&"Ben Okafor"),
        "{status}"
    );
}

#[test]
fn concurrent_edits_are_listed_and_resolved_by_keeping_one_value() {
    let (dir, ana) = sample();
    let folder = dir.path().join("Shared");
    let ben = dir.path().join("ben.sqlite");
    let folder_b = dir.path().join("Shared-copy");
    ok(
        &ana,
        &[
            "share",
            "init",
            "--folder",
            folder.to_str().unwrap(),
            "--member",
            "Ana",
        ],
    );
    carry(&folder, &folder_b);
    ok(
        &ben,
        &[
            "share",
            "join",
            "--folder",
            folder_b.to_str().unwrap(),
            "--member",
            "Ben",
        ],
    );
    // Both edit the contact before either has seen the other's change.
    ok(&ana, &["program", "edit", "--contact-name", "Ana's pick"]);
    ok(&ben, &["program", "edit", "--contact-name", "Ben's pick"]);
    carry(&folder, &folder_b);
    carry(&folder_b, &folder);
    for db in [&ana, &ben] {
        let list = json(&matchbook(db, &["conflicts", "list", "--json"]));
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        let both = [
            list[0]["kept"].as_str().unwrap(),
            list[0]["other"].as_str().unwrap(),
        ];
        assert!(
            both.contains(&"Ana's pick") && both.contains(&"Ben's pick"),
            "{list}"
        );
    }
    let id = json(&matchbook(&ana, &["conflicts", "list", "--json"]))[0]["id"].to_string();
    let refused = matchbook(&ana, &["conflicts", "resolve", &id, "--keep", "Cy's pick"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("keep one of those two"),
        "{}",
        refused.stderr
    );
    ok(&ana, &["conflicts", "resolve", &id, "--keep", "Ben's pick"]);
    carry(&folder, &folder_b);
    for db in [&ana, &ben] {
        ok(db, &["share", "sync"]);
        let list = json(&matchbook(db, &["conflicts", "list", "--json"]));
        assert_eq!(list.as_array().unwrap().len(), 0, "{list}");
        assert!(ok(db, &["program", "list", "--json"]).contains("Ben's pick"));
    }
}

#[test]
fn joining_needs_a_shared_folder_and_a_new_file() {
    let (dir, ana) = sample();
    let empty = dir.path().join("nothing-here");
    std::fs::create_dir_all(&empty).unwrap();
    let run = matchbook(
        &dir.path().join("b.sqlite"),
        &[
            "share",
            "join",
            "--folder",
            empty.to_str().unwrap(),
            "--member",
            "Ben",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("holds no shared program"),
        "{}",
        run.stderr
    );
    let folder = dir.path().join("Shared");
    ok(
        &ana,
        &[
            "share",
            "init",
            "--folder",
            folder.to_str().unwrap(),
            "--member",
            "Ana",
        ],
    );
    let (_other, full) = sample();
    let run = matchbook(
        &full,
        &[
            "share",
            "join",
            "--folder",
            folder.to_str().unwrap(),
            "--member",
            "Ben",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Join with a new program file"),
        "{}",
        run.stderr
    );
    let again = matchbook(
        &ana,
        &[
            "share",
            "init",
            "--folder",
            folder.to_str().unwrap(),
            "--member",
            "Ana",
        ],
    );
    assert!(again.stderr.contains("already shared"), "{}", again.stderr);
}
