//! The group letter's text from the command line (issue 32), as the
//! Letters screen edits it: printed, checked (the loop over the members
//! too), refused with its problem, saved, and used by every circle letter.

use crate::circles::{circles_program, confirmed_circles};
use crate::support::cli::{matchbook, ok};

#[test]
fn the_group_letter_is_checked_saved_and_printed_from_the_command_line() {
    let (dir, db) = circles_program("5");
    let groups = confirmed_circles(&db);
    let default = ok(&db, &["letter-template", "group"]);
    assert!(
        default.contains("{% for member in group.members %}"),
        "{default}"
    );

    // A field no member has, inside the loop: refused, and nothing saved.
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "Dear {{ recipient.preferred_name }},\n{% for member in group.members %}- {{ member.shoe_size }}\n{% endfor %}",
    )
    .unwrap();
    let checked = matchbook(
        &db,
        &["letter-template", "group", "--check", bad.to_str().unwrap()],
    );
    assert_eq!(checked.code, 1, "{}", checked.stdout);
    assert!(checked.stderr.contains("Line 2"), "{}", checked.stderr);
    assert!(
        checked.stderr.contains("does not exist"),
        "{}",
        checked.stderr
    );
    let refused = matchbook(
        &db,
        &["letter-template", "group", "--set", bad.to_str().unwrap()],
    );
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("The group letter: Line 2"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        ok(&db, &["letter-template", "group"]),
        default,
        "nothing was saved"
    );

    // A good text: checked, saved, and every circle letter uses it.
    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "Dear {{ recipient.preferred_name }},\n\nThe {{ group.size }} of {{ group.name }} meet here:\n{% for member in group.members %}- {{ member.name }} ({{ member.email }})\n{% endfor %}",
    )
    .unwrap();
    let checked = ok(
        &db,
        &[
            "letter-template",
            "group",
            "--check",
            good.to_str().unwrap(),
        ],
    );
    assert!(checked.contains("no problem"), "{checked}");
    ok(
        &db,
        &["letter-template", "group", "--set", good.to_str().unwrap()],
    );
    let saved = ok(&db, &["letter-template", "group"]);
    assert!(saved.contains("meet here"), "{saved}");
    let pdf = dir.path().join("letters.pdf");
    ok(&db, &["letters", "--out", pdf.to_str().unwrap()]);
    let text = crate::support::pdf::text(&pdf);
    let name = groups[0]["name"].as_str().unwrap();
    assert_eq!(
        text.matches(&format!("The 5 of {name} meet here")).count(),
        5,
        "{text}"
    );
    for m in groups[0]["members"].as_array().unwrap() {
        assert!(text.contains(m["email"].as_str().unwrap()), "{text}");
    }
    ok(&db, &["letter-template", "group", "--default"]);
    assert_eq!(ok(&db, &["letter-template", "group"]), default);
    let unknown = matchbook(&db, &["letter-template", "welcome"]);
    assert!(
        unknown.stderr.contains("participant, mentor or group"),
        "{}",
        unknown.stderr
    );
}
