//! Black-box tests of the form kit: `forms list --json`, a CSV built from it
//! importing with every column remembered, and the printable forms.

use crate::support::cli::{json, matchbook, ok, one_program};
use crate::support::pdf;

/// Issue 31: the participants name three mentors from the booklet, by name
/// or number, on a form of the kit (PDF and question list).
#[test]
fn the_kit_has_a_mentor_choices_form_with_three_ranked_choices() {
    let (dir, db) = one_program("Institute 2027");
    let out = dir.path().join("kit");
    ok(&db, &["forms", "kit", "--out", out.to_str().unwrap()]);
    let list = std::fs::read_to_string(out.join("Mentor choices - questions.txt")).unwrap();
    let text = pdf::text(&out.join("Mentor choices.pdf"));
    for expected in [
        "Mentor choices",
        "Read the mentor booklet",
        "Email address",
        "Full name",
        "First choice: a mentor's name, or their number in the mentor booklet",
        "Second choice: a mentor's name, or their number in the mentor booklet",
        "Third choice: a mentor's name, or their number in the mentor booklet",
    ] {
        assert!(list.contains(expected), "{expected} in the list:\n{list}");
        assert!(text.contains(expected), "{expected} in the PDF:\n{text}");
    }
    assert!(list.contains("(Names of people)"), "{list}");
    assert!(
        list.find("First choice") < list.find("Second choice")
            && list.find("Second choice") < list.find("Third choice"),
        "{list}"
    );
}

#[test]
fn a_csv_of_the_kits_questions_imports_with_every_column_mapped() {
    let (dir, db) = one_program("Institute 2027");
    let out = dir.path().join("kit");
    let said = ok(&db, &["forms", "kit", "--out", out.to_str().unwrap()]);
    assert!(said.contains("Shared values"), "{said}");
    for name in [
        "Mentor application.pdf",
        "Participant application.pdf",
        "Mentor choices.pdf",
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
        ["mentor", "participant", "choices", "check-in", "evaluation"]
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
