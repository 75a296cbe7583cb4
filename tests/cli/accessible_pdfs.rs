//! Letters, reports, the mentor booklet and the form kit are tagged PDF/UA-1
//! documents: read back with poppler's `pdfinfo`, as assistive technology
//! reads them, they carry a title, a language, the PDF/UA identification
//! and real headings.

use std::path::{Path, PathBuf};

use crate::support::cli::{confirmed_sample, json, matchbook, ok, sample};
use crate::support::pdf;

/// The document's title, language and PDF/UA part, as its metadata says.
fn assert_accessible(path: &Path, title: &str) {
    let info = pdf::info(path, &[]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l.ends_with(title)),
        "{info}"
    );
    let meta = pdf::info(path, &["-meta"]);
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(
        meta.contains("<dc:language><rdf:Bag><rdf:li>en</rdf:li>"),
        "{meta}"
    );
}

/// The sample cohort, confirmed, and the PDF `command` (ending in its output
/// option) writes, with the temporary folder that holds both.
fn written(file: &str, command: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = confirmed_sample(&["--organization", "Minnesota Library Association"]);
    let out = dir.path().join(file);
    ok(&db, &[command, &[out.to_str().unwrap()]].concat());
    (dir, out)
}

#[test]
fn letters_are_pdf_ua_with_one_heading_per_recipient() {
    let (_dir, out) = written("letters.pdf", &["letters", "--date", "2019-04-01", "--out"]);
    assert_accessible(&out, "Sample Leadership Institute: match letters");
    let headings = pdf::headings(&out);
    let pages = pdf::pages(&out);
    assert_eq!(headings.len(), pages.len(), "{headings:?}");
    for ((level, name), page) in headings.iter().zip(&pages) {
        assert_eq!(*level, 1);
        assert!(page.starts_with("Minnesota Library Association"), "{page}");
        assert!(page.contains(name.as_str()), "{name}: {page}");
    }
}

#[test]
fn the_report_is_pdf_ua_with_its_title_then_its_sections_as_headings() {
    let (_dir, out) = written("report.pdf", &["report", "--as-of", "2019-09-01", "--pdf"]);
    assert_accessible(&out, "Sample Leadership Institute report");
    let headings = pdf::headings(&out);
    assert_eq!(headings[0], (1, "Sample Leadership Institute".to_string()));
    let sections: Vec<&str> = headings[1..]
        .iter()
        .map(|(level, text)| {
            assert_eq!(*level, 2, "{text}");
            text.as_str()
        })
        .collect();
    for wanted in ["Satisfaction", "At risk", "Meetings per period", "Pairs"] {
        assert!(sections.contains(&wanted), "{sections:?}");
    }
}

#[test]
fn the_booklet_is_pdf_ua_with_its_title_then_each_mentor_and_the_list_as_headings() {
    let (dir, db) = sample();
    let out = dir.path().join("booklet.pdf");
    ok(
        &db,
        &[
            "booklet",
            "--order",
            "alphabetical",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_accessible(&out, "Sample Leadership Institute: mentor booklet");
    let headings = pdf::headings(&out);
    assert_eq!(headings[0], (1, "Mentor booklet".to_string()));
    assert_eq!(
        headings.last(),
        Some(&(2, "The mentors by number".to_string()))
    );
    let mentors = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    let mut names: Vec<String> = mentors
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    let mut profiles: Vec<String> = headings[1..headings.len() - 1]
        .iter()
        .map(|(level, name)| {
            assert_eq!(*level, 2, "{name}");
            name.clone()
        })
        .collect();
    profiles.sort();
    assert_eq!(profiles, names);
}

#[test]
fn each_form_of_the_kit_is_pdf_ua_with_its_title_as_the_heading() {
    let (dir, db) = sample();
    let out = dir.path().join("kit");
    ok(&db, &["forms", "kit", "--out", out.to_str().unwrap()]);
    for form in [
        "Mentor application",
        "Participant application",
        "Mentor choices",
        "Quarterly check-in",
        "End-of-program evaluation",
    ] {
        let path = out.join(format!("{form}.pdf"));
        assert_accessible(&path, &format!("{form} · Sample Leadership Institute"));
        assert_eq!(pdf::headings(&path), vec![(1, form.to_string())], "{form}");
    }
}
