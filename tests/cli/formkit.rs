//! Black-box tests of the form kit: `forms list --json`, a CSV built from it
//! importing with every column remembered, and the printable forms.

use crate::support::cli::{json, matchbook, ok, one_program};
use crate::support::pdf;

#[test]
fn a_csv_of_the_kits_questions_imports_with_every_column_mapped() {
    let (dir, db) = one_program("Institute 2027");
    let out = dir.path().join("kit");
    let said = ok(&db, &["forms", "kit", "--out", out.to_str().unwrap()]);
    assert!(said.contains("Shared values"), "{said}");
    for name in [
        "Mentor application.pdf",
        "Participant application.pdf",
        "Quarterly check-in.pdf",
        "End-of-program evaluation.pdf",
    ] {
        assert!(out.join(name).exists(), "{name}");
    }
    let text = pdf::text(&out.join("Participant application.pdf"));
    for expected in [
        "Participant application",
        "Areas where you would like guidance",
        "Grant writing",
        "Is there anyone you should not be paired with?",
        // A paper form says where it goes back (no contact set yet).
        "Please return this form to the Institute 2027 mentorship committee.",
    ] {
        assert!(
            text.contains(expected),
            "{expected} in the printed form:\n{text}"
        );
    }
    let kit = json(&matchbook(&db, &["forms", "list", "--json"]));
    let forms = kit["forms"].as_array().unwrap();
    assert_eq!(
        forms
            .iter()
            .map(|f| f["form"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["mentor", "participant", "check-in", "evaluation"]
    );
    assert!(forms[0]["questions"][0]["why"].as_str().unwrap().len() > 10);

    // Google Forms adds Timestamp and Email Address before the questions.
    let mentor: Vec<&str> = forms[0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    let mut w = csv::Writer::from_path(dir.path().join("mentors.csv")).unwrap();
    let mut header = vec!["Timestamp", "Email Address"];
    header.extend(mentor.iter().filter(|t| **t != "Email address"));
    w.write_record(&header).unwrap();
    let row: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| match *h {
            "Timestamp" => "2027/01/02 10:00:00 AM GMT-6".to_string(),
            "Email Address" => "ada@example.org".to_string(),
            "Full name" => "Ada Okafor".to_string(),
            _ => format!("Answer {i}"),
        })
        .collect();
    w.write_record(&row).unwrap();
    w.flush().unwrap();
    drop(w);
    let report = json(&matchbook(
        &db,
        &[
            "import",
            dir.path().join("mentors.csv").to_str().unwrap(),
            "--as",
            "mentors",
            "--dry-run",
            "--json",
        ],
    ));
    let mapping = report["mapping"].as_object().unwrap();
    assert_eq!(mapping.len(), header.len(), "{mapping:?}");
    assert_eq!(mapping["Timestamp"], "submitted_at");
    assert_eq!(mapping["How many mentees could you take on?"], "capacity");
    assert!(
        mapping.values().all(|f| f != "not recognised"),
        "{mapping:?}"
    );
}
