//! Importing application files: every row accounted for whatever the
//! format (Google, Microsoft Forms, Excel, ODS, old XLS, encodings), bad files
//! refused, headers recognised (undo and remembered choices: `history_tests`).

use super::*;
use crate::people::list_people;
use crate::test_support::program_named;
use std::path::PathBuf;

pub(super) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name)
}

pub(super) fn setup() -> (tempfile::TempDir, Store, i64) {
    program_named("MILE 2019")
}

pub(super) fn import(store: &mut Store, program: i64, role: Role, name: &str) -> ImportReport {
    import_file(
        store,
        program,
        role,
        &fixture(name),
        &ImportOptions::default(),
        false,
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub(super) fn field_of(preview: &Preview, header: &str) -> Field {
    preview
        .columns
        .iter()
        .find(|c| c.header == header)
        .map(|c| c.field)
        .unwrap_or_else(|| panic!("no column {header}"))
}

#[test]
fn google_csv_every_row_is_accounted_for() {
    let (_d, mut store, program) = setup();
    let r = import(&mut store, program, Role::Mentor, "google_mentors.csv");
    assert_eq!(r.rows, 7);
    assert_eq!((r.added, r.blank, r.merged, r.not_imported), (4, 1, 1, 1));
    assert_eq!(
        r.added + r.updated + r.unchanged + r.blank + r.merged + r.not_imported,
        r.rows
    );
    let rows: Vec<i64> = r.attention.iter().map(|a| a.row).collect();
    assert!(rows.contains(&6), "no-name row 6 listed: {:?}", r.attention);
    assert!(
        rows.contains(&7),
        "duplicate row 7 listed: {:?}",
        r.attention
    );
    assert!(
        r.attention
            .iter()
            .any(|a| a.row == 8 && a.reason.contains("email")),
        "bad email on row 8: {:?}",
        r.attention
    );
    assert!(
        r.attention
            .iter()
            .any(|a| a.row == 8 && a.reason.to_lowercase().contains("years")),
        "{:?}",
        r.attention
    );
}

#[test]
fn duplicates_keep_the_later_application_and_store_both_rows() {
    let (_d, mut store, program) = setup();
    import(&mut store, program, Role::Mentor, "google_mentors.csv");
    let people = list_people(&store, program, Some(Role::Mentor)).unwrap();
    let zoe = people
        .iter()
        .find(|p| p.application.name == "Zoë Ñúñez")
        .unwrap();
    assert_eq!(
        zoe.application.email.as_deref(),
        Some("zoe.nunez@example.org")
    );
    assert_eq!(zoe.application.years_experience, Some(23.0));
    assert_eq!(zoe.application.lists.areas, vec!["Leadership", "Advocacy"]);
    let raw_rows: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM applications WHERE person_id = ?1",
            [zoe.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(raw_rows, 2);
}

#[test]
fn options_with_commas_and_multiline_answers_survive() {
    let (_d, mut store, program) = setup();
    import(&mut store, program, Role::Mentor, "google_mentors.csv");
    let people = list_people(&store, program, Some(Role::Mentor)).unwrap();
    let lukasz = people
        .iter()
        .find(|p| p.application.name == "Łukasz Wróbel")
        .unwrap();
    assert_eq!(
        lukasz.application.lists.areas,
        vec!["Diversity, equity & inclusion"]
    );
    assert_eq!(lukasz.application.lists.avoid, vec!["Ayşe Yılmaz"]);
    assert_eq!(
        lukasz.application.comments,
        "Line one line two of a long answer"
    );
    let ayse = people
        .iter()
        .find(|p| p.application.name == "Ayşe Yılmaz")
        .unwrap();
    assert_eq!(ayse.application.capacity, Some(2), "\"Two\" mentees");
    assert_eq!(
        ayse.application.lists.library_types,
        vec!["Public", "School"]
    );
    assert_eq!(ayse.application.years_experience, Some(10.0));
    assert_eq!(
        ayse.application.submitted_at.as_deref(),
        Some("2019-02-16 14:30:00")
    );
}

#[test]
fn the_same_file_twice_changes_nothing_and_a_bom_changes_nothing() {
    let (_d, mut store, program) = setup();
    import(&mut store, program, Role::Mentor, "google_mentors.csv");
    let again = import(&mut store, program, Role::Mentor, "google_mentors_bom.csv");
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 4));
}

#[test]
fn windows_1252_semicolons_and_text_numbers() {
    let (_d, mut store, program) = setup();
    let r = import(
        &mut store,
        program,
        Role::Participant,
        "excel_semicolon_1252.csv",
    );
    assert_eq!(r.added, 3);
    let people = list_people(&store, program, Some(Role::Participant)).unwrap();
    let jose = people
        .iter()
        .find(|p| p.application.email.as_deref() == Some("jose.pena@example.org"))
        .unwrap();
    assert_eq!(jose.application.name, "José Peña");
    assert_eq!(jose.application.phone, "0612345678");
    assert_eq!(jose.application.requested_mentor, "Zoe Nunez");
    assert_eq!(
        jose.application.answers.get("ZIP"),
        Some(&crate::people::Answer::Text("02134".into()))
    );
}

#[test]
fn utf16_little_and_big_endian_read_the_same() {
    let a = read_workbook(&fixture("unicode_text_utf16.txt")).unwrap();
    let b = read_workbook(&fixture("utf16_be.csv")).unwrap();
    let c = read_workbook(&fixture("excel_semicolon_1252.csv")).unwrap();
    assert_eq!(a.sheets[0].rows, c.sheets[0].rows);
    assert_eq!(b.sheets[0].rows, c.sheets[0].rows);
    assert!(
        a.format.contains("UTF-16") && a.format.contains("tab"),
        "{}",
        a.format
    );
    assert!(
        c.format.contains("Windows-1252") && c.format.contains("semicolon"),
        "{}",
        c.format
    );
}

#[test]
fn google_xlsx_dates_become_iso_and_text_keeps_leading_zeros() {
    let (_d, mut store, program) = setup();
    let r = import(
        &mut store,
        program,
        Role::Participant,
        "google_participants.xlsx",
    );
    assert_eq!(r.added, 3);
    let people = list_people(&store, program, Some(Role::Participant)).unwrap();
    let mei = people
        .iter()
        .find(|p| p.application.name == "Mei Chen")
        .unwrap();
    assert_eq!(
        mei.application.submitted_at.as_deref(),
        Some("2019-03-01 09:30:00")
    );
    assert_eq!(mei.application.phone, "0218765432");
    assert_eq!(
        mei.application.answers.get("ZIP"),
        Some(&crate::people::Answer::Text("00501".into()))
    );
    assert_eq!(
        mei.application.lists.areas,
        vec!["Leadership", "Diversity, equity & inclusion"]
    );
    let kwame = people
        .iter()
        .find(|p| p.application.name == "Kwame Mensah")
        .unwrap();
    assert_eq!(kwame.application.years_experience, Some(2.0));
    let ingrid = people
        .iter()
        .find(|p| p.application.name == "Ingrid Berg")
        .unwrap();
    assert_eq!(
        ingrid.application.goals, "<img src=x onerror=alert(1)> & #set $x",
        "kept literally"
    );
}

#[test]
fn microsoft_forms_uses_the_real_email_and_splits_semicolons() {
    let (_d, store, _program) = setup();
    let p = preview(
        &store,
        &fixture("msforms_participants.xlsx"),
        Some(Role::Participant.into()),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(field_of(&p, "Your email address"), Field::Email);
    assert_ne!(
        field_of(&p, "Email"),
        Field::Email,
        "the anonymous account column is not the email"
    );
    assert_eq!(
        field_of(&p, "Which areas would you like guidance in?"),
        Field::Areas
    );
    assert_eq!(field_of(&p, "Preferred meeting modes"), Field::MeetingModes);
    assert_eq!(field_of(&p, "Completion time"), Field::SubmittedAt);
    let (_d, mut store, program) = setup();
    import(
        &mut store,
        program,
        Role::Participant,
        "msforms_participants.xlsx",
    );
    let people = list_people(&store, program, None).unwrap();
    let fatima = people
        .iter()
        .find(|p| p.application.email.as_deref() == Some("fatima.abubakar@example.org"))
        .unwrap();
    assert_eq!(
        fatima.application.lists.areas,
        vec!["Leadership", "Grant writing"]
    );
    assert_eq!(
        fatima.application.lists.meeting_modes,
        vec!["In person", "Video call"]
    );
    assert_eq!(
        fatima.application.name, "fatima.abubakar@example.org",
        "anonymous names are not names"
    );
}

#[test]
fn ods_title_rows_are_skipped_and_the_summary_sheet_ignored() {
    let (_d, store, _program) = setup();
    let p = preview(
        &store,
        &fixture("libreoffice_title_rows.ods"),
        None,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(p.sheet, "Mentors 2019");
    assert_eq!(p.header_row, 3);
    assert_eq!(p.data_rows, 2);
    assert_eq!(field_of(&p, "Full name"), Field::Name);
    assert_eq!(
        field_of(&p, "Years working in libraries"),
        Field::YearsExperience,
        "multi-line header joined"
    );
    assert_eq!(p.rows[0].row_number, 4);
    assert_eq!(
        p.role_guess,
        Some(Role::Mentor.into()),
        "\"Strengths\" is asked of mentors"
    );
}

#[test]
fn xls_picks_the_responses_sheet_not_the_summary() {
    let (_d, mut store, program) = setup();
    let r = import(&mut store, program, Role::Mentor, "legacy_mentors.xls");
    assert_eq!(r.sheet, "Responses");
    assert_eq!(r.added, 2);
    let people = list_people(&store, program, Some(Role::Mentor)).unwrap();
    assert_eq!(
        people
            .iter()
            .find(|p| p.application.name == "Priya Raman")
            .unwrap()
            .application
            .capacity,
        Some(3)
    );
}

#[test]
fn bad_files_are_refused_with_a_reason_and_change_nothing() {
    let (_dir, mut store, program) = setup();
    let cases = [
        ("empty.csv", "is empty"),
        ("not_a_spreadsheet.pdf", "not a spreadsheet"),
        ("corrupt.xlsx", "could not be read"),
        ("numbers_only.csv", "no header row"),
        ("no_name_column.csv", "names or email"),
    ];
    for (name, expected) in cases {
        let err = import_file(
            &mut store,
            program,
            Role::Mentor,
            &fixture(name),
            &ImportOptions::default(),
            false,
        )
        .unwrap_err();
        assert!(err.to_string().contains(expected), "{name}: {err}");
        assert!(
            err.to_string().contains(name),
            "{name}: the message names the file: {err}"
        );
    }
    assert!(list_people(&store, program, None).unwrap().is_empty());
    assert!(list_imports(&store, None).unwrap().is_empty());
}

#[test]
fn role_is_guessed_from_the_file_name_and_questions() {
    let wb = read_workbook(&fixture("google_mentors.csv")).unwrap();
    assert_eq!(guess_role(&wb), Some(Role::Mentor));
    let wb = read_workbook(&fixture("google_participants.xlsx")).unwrap();
    assert_eq!(guess_role(&wb), Some(Role::Participant));
}

#[test]
fn header_recognition_does_not_take_look_alike_words() {
    assert!(recognise::Wording::new("Last modified time").score(Field::LastName) < 0.5);
    assert!(recognise::Wording::new("First time at the conference?").score(Field::FirstName) < 0.5);
    assert!(
        recognise::Wording::new("Type of library (check all that apply)")
            .score(Field::LibraryTypes)
            > 0.6
    );
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(27), "AB");
}

#[test]
fn delimiter_sniffing_respects_quotes() {
    assert_eq!(read::sniff_delimiter("a;b;c\n\"x, y\";2;3\n"), b';');
    assert_eq!(read::sniff_delimiter("a,b,c\n\"x; y\",2,3\n"), b',');
    assert_eq!(read::sniff_delimiter("a\tb\n1\t2\n"), b'\t');
}

#[test]
fn the_sample_cohort_round_trips_through_the_import_path() {
    let (_d, mut store, _program) = setup();
    let program = crate::sample::load_sample_program(&mut store).unwrap();
    let people = list_people(&store, program.id, None).unwrap();
    let generated = crate::sample::sample_applications();
    assert_eq!(people.len(), generated.len());
    for g in &generated {
        let p = people
            .iter()
            .find(|p| p.application.email == g.application.email && p.role == g.role)
            .unwrap();
        assert_eq!(
            p.application.lists, g.application.lists,
            "{}",
            g.application.name
        );
        assert_eq!(p.application.capacity, g.application.capacity);
        assert_eq!(
            p.application.years_experience,
            g.application.years_experience
        );
        assert!(p.flags.is_empty(), "{}: {:?}", g.application.name, p.flags);
    }
}

#[test]
fn absurd_date_serials_are_read_as_numbers_not_a_crash() {
    let (_d, mut store, program) = setup();
    let r = import(&mut store, program, Role::Participant, "absurd_dates.xlsx");
    assert_eq!(r.added, 2);
}

#[test]
fn two_people_with_unusable_emails_are_not_merged() {
    let (dir, mut store, program) = setup();
    let path = dir.path().join("bad-emails.csv");
    std::fs::write(&path, "Name,Email\nAnn Lee,N/A\nBo Chen,n/a\nCy Diaz,mailto:\nDee Ek,mailto:\nEd Fox,not an email\n").unwrap();
    let r = import_file(
        &mut store,
        program,
        Role::Participant,
        &path,
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    assert_eq!((r.added, r.merged), (5, 0), "{:?}", r.attention);
    let people = list_people(&store, program, None).unwrap();
    let ed = people
        .iter()
        .find(|p| p.application.name == "Ed Fox")
        .unwrap();
    assert_eq!(ed.application.email, None);
    assert_eq!(
        ed.application.answers.get("Email"),
        Some(&crate::people::Answer::Text("not an email".into()))
    );
    assert_eq!(ed.flags.len(), 1, "{:?}", ed.flags);
}

#[test]
fn an_excel_serial_in_the_timestamp_column_becomes_a_date() {
    let (dir, mut store, program) = setup();
    let path = dir.path().join("serials.csv");
    std::fs::write(
        &path,
        "Name,Email,Timestamp\nAnn Lee,ann@example.org,43510.5\n",
    )
    .unwrap();
    import_file(
        &mut store,
        program,
        Role::Participant,
        &path,
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    let ann = &list_people(&store, program, None).unwrap()[0];
    assert_eq!(
        ann.application.submitted_at.as_deref(),
        Some("2019-02-14 12:00:00")
    );
}

#[test]
fn a_large_file_split_across_threads_keeps_every_row_in_order() {
    // Above the threshold where normalization runs on several threads.
    let (dir, mut store, program) = setup();
    let path = dir.path().join("large.csv");
    let mut csv = String::from("Name,Email,Areas\n");
    for i in 1..=4_321 {
        match i {
            // A blank row and a nameless row at known places, late in the file.
            3_000 => csv.push_str(",,\n"),
            4_000 => csv.push_str(",,Budgeting\n"),
            _ => csv.push_str(&format!("Person {i},p{i}@example.org,Budgeting\n")),
        }
    }
    std::fs::write(&path, csv).unwrap();
    let r = import_file(
        &mut store,
        program,
        Role::Participant,
        &path,
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    assert_eq!(
        (r.rows, r.added, r.blank, r.not_imported),
        (4_321, 4_319, 1, 1)
    );
    // File row numbers count the header as row 1.
    assert_eq!(
        r.attention.iter().map(|a| a.row).collect::<Vec<_>>(),
        vec![4_001]
    );
    let people = list_people(&store, program, Some(Role::Participant)).unwrap();
    let mut names: Vec<&str> = people.iter().map(|p| p.application.name.as_str()).collect();
    names.sort_unstable();
    assert!(names.binary_search(&"Person 4321").is_ok());
    assert!(names.binary_search(&"Person 3000").is_err());
}

/// Issue 29: a checkbox question and a free-text question both worded like
/// the areas: the checkbox feeds the areas, the sentences stay a question of
/// their own (compared as writing), and "…in the next five years?" written
/// in sentences is not years of experience.
#[test]
fn sentences_never_feed_the_areas_or_the_years_a_checkbox_question_does() {
    let (dir, store, _program) = setup();
    let path = dir.path().join("areas.csv");
    let sentences = "I want to learn grant writing and how to present a budget to our board of trustees next year.";
    let mut csv = String::from(
        "Name,Email,What capabilities do you want to develop?,Areas where you want guidance (check all that apply),What skills and experience do you hope to gain in the next five years?\n",
    );
    for i in 0..6 {
        csv.push_str(&format!(
            "P{i},p{i}@example.org,\"{sentences} {i}\",\"Budgets, Grants\",\"{sentences}\"\n"
        ));
    }
    std::fs::write(&path, csv).unwrap();
    let p = preview(
        &store,
        &path,
        Some(Role::Participant.into()),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        field_of(&p, "Areas where you want guidance (check all that apply)"),
        Field::Areas
    );
    assert_eq!(
        field_of(&p, "What capabilities do you want to develop?"),
        Field::Keep
    );
    assert_ne!(
        field_of(
            &p,
            "What skills and experience do you hope to gain in the next five years?"
        ),
        Field::YearsExperience
    );
}
