use super::*;
use crate::import::{import_file, ImportAs, ImportOptions};
use crate::test_support::{pdf_pages, poppler, program_named, sample_cohort};

const HEADERS: [&str; 9] = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Position title",
    "Library or organization",
    "Areas where you could offer guidance (check all that apply)",
    "What could you help a mentee with?",
    "Phone number",
    "Anything else the committee should know?",
];

/// A program whose mentors' form asks `HEADERS`, with five mentors; one
/// wrote Typst markup in her answer.
fn program_with_form() -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store, program) = program_named("Institute 2027");
    let rows = [
        [
            "Ana Ruiz",
            "Branch Manager",
            "Hibbing Public Library",
            "Grant writing, Leadership",
            "I wrote #set page(width: 1cm) and $x^2$ grants *twice*.",
        ],
        [
            "Bo Chen",
            "Library Director",
            "Duluth Public Library",
            "Advocacy",
            "Budgets, boards and levies.",
        ],
        [
            "Émile Zola",
            "Dean of Libraries",
            "UMD Library",
            "Leadership",
            "Moving from a branch to a system.",
        ],
        [
            "Dana Kim",
            "Head of Youth Services",
            "Ely Library",
            "Advocacy, Leadership",
            "Story time for everyone.",
        ],
        [
            "Carl Berg",
            "Media Specialist",
            "Tower School",
            "Technology planning",
            "",
        ],
    ];
    let path = dir.path().join("mentors.csv");
    let mut w = ::csv::Writer::from_path(&path).unwrap();
    w.write_record(HEADERS).unwrap();
    for (i, [name, position, library, areas, words]) in rows.iter().enumerate() {
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        w.write_record([
            "2026/12/01 10:00:00",
            &email,
            name,
            position,
            library,
            areas,
            words,
            &format!("218-555-010{i}"),
            "Private note for the committee",
        ])
        .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    import_file(
        &mut store,
        program,
        ImportAs::Mentor,
        &path,
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    (dir, store, program)
}

fn ticked(options: &BookletOptions) -> Vec<&str> {
    options
        .questions
        .iter()
        .filter(|q| q.shown)
        .map(|q| q.text.as_str())
        .collect()
}

fn names_in_order(written: &BookletWritten) -> Vec<String> {
    written.mentors.iter().map(|m| m.name.clone()).collect()
}

#[test]
fn the_defaults_show_position_organization_areas_and_own_words_never_contacts() {
    let (_dir, store, program) = program_with_form();
    let options = booklet_options(&store, program, None).unwrap();
    let ticked = ticked(&options);
    assert_eq!(
        ticked,
        [
            "Position title",
            "Library or organization",
            "Areas where you could offer guidance (check all that apply)",
            "What could you help a mentee with?",
        ]
    );
    assert!(
        options.questions.iter().all(|q| q.text != "Full name"),
        "the name is every profile's heading, not a choice"
    );
    let email = options
        .questions
        .iter()
        .find(|q| q.text == "Email Address")
        .unwrap();
    assert!(email.contact && !email.shown);
    assert_eq!(email.answered, 5, "emails are counted where they are kept");
    assert_eq!(options.mentors, 5);
    assert_eq!(options.order, BookletOrder::Shuffled);
}

#[test]
fn every_mentor_has_a_profile_and_no_email_or_phone_prints_unless_ticked() {
    let (_dir, store, program) = program_with_form();
    let settings = booklet_settings(&store, program).unwrap();
    let (pdf, written) = booklet_pdf(&store, program, &settings).unwrap();
    let text = pdf_pages(&pdf).join(" ");
    for name in ["Ana Ruiz", "Bo Chen", "Émile Zola", "Dana Kim", "Carl Berg"] {
        assert!(text.contains(name), "{name} in {text}");
    }
    assert_eq!(written.mentors.len(), 5);
    assert!(!text.contains('@') && !text.contains("218-555"), "{text}");
    assert!(!text.contains("Private note"), "{text}");
    for expected in [
        "Hibbing Public Library",
        "Grant writing, Leadership",
        "Budgets, boards and levies.",
        // Markup in an answer prints as the characters typed.
        "I wrote #set page(width: 1cm) and $x^2$ grants *twice*.",
        "Mentors appear in a shuffled order so that no one is favoured by being first.",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    let mut with_contacts = settings.clone();
    with_contacts.shown.push("Email Address".into());
    with_contacts.shown.push("Phone number".into());
    let (pdf, _) = booklet_pdf(&store, program, &with_contacts).unwrap();
    let text = pdf_pages(&pdf).join(" ");
    assert!(
        text.contains("bo.chen@example.org") && text.contains("218-555-0101"),
        "{text}"
    );
}

#[test]
fn the_shuffle_is_the_same_each_time_and_not_alphabetical() {
    let (_dir, store, program) = sample_cohort();
    let shuffled = BookletSettings::default();
    let (first_pdf, first) = booklet_pdf(&store, program.id, &shuffled).unwrap();
    let (second_pdf, second) = booklet_pdf(&store, program.id, &shuffled).unwrap();
    assert_eq!(names_in_order(&first), names_in_order(&second));
    assert_eq!(first_pdf, second_pdf, "the same booklet prints twice alike");
    assert_eq!(first.mentors.len(), 40, "every mentor, full or not");

    let alphabetical = BookletSettings {
        order: BookletOrder::Alphabetical,
        ..BookletSettings::default()
    };
    let (pdf, by_name) = booklet_pdf(&store, program.id, &alphabetical).unwrap();
    let mut sorted = names_in_order(&first);
    sorted.sort_by_key(|n| deunicode::deunicode(n).to_lowercase());
    assert_eq!(names_in_order(&by_name), sorted);
    assert_ne!(names_in_order(&first), sorted);
    let text = pdf_pages(&pdf).join(" ");
    assert!(
        text.contains("Mentors appear in alphabetical order"),
        "{text}"
    );
}

#[test]
fn the_numbered_list_matches_the_profiles() {
    let (_dir, store, program) = sample_cohort();
    let (pdf, written) = booklet_pdf(&store, program.id, &BookletSettings::default()).unwrap();
    let pages = pdf_pages(&pdf);
    let profiles = pages[..pages.len() - 1].join(" ");
    let list = pages.last().unwrap();
    assert!(list.starts_with("The mentors by number"), "{list}");
    let mut at = 0;
    for m in &written.mentors {
        let entry = format!("{}. {}", m.number, m.name);
        assert!(list.contains(&entry), "{entry} in the list: {list}");
        // The profiles come in the same order, under the same numbers.
        let found = profiles[at..]
            .find(&entry)
            .unwrap_or_else(|| panic!("profile {entry} after {at}: {profiles}"));
        at += found + entry.len();
    }
    assert_eq!(
        written.mentors.iter().map(|m| m.number).collect::<Vec<_>>(),
        (1..=40).collect::<Vec<_>>()
    );
    // A choice given by number reads the same list.
    assert_eq!(
        numbered_mentors(&store, program.id).unwrap(),
        written.mentors
    );
}

#[test]
fn the_ticks_are_remembered_per_program_and_unknown_questions_refused() {
    let (_dir, mut store, program) = program_with_form();
    let settings = BookletSettings {
        shown: vec!["position title".into(), "Phone number".into()],
        order: BookletOrder::Alphabetical,
    };
    let options = save_booklet_settings(&mut store, program, &settings).unwrap();
    let ticked = ticked(&options);
    assert_eq!(ticked, ["Position title", "Phone number"]);
    assert_eq!(options.order, BookletOrder::Alphabetical);
    let saved = booklet_settings(&store, program).unwrap();
    assert_eq!(saved.shown, ["Position title", "Phone number"]);
    let (_, written) = booklet_pdf(&store, program, &saved).unwrap();
    assert_eq!(
        numbered_mentors(&store, program).unwrap(),
        written.mentors,
        "numbers follow the remembered order"
    );
    assert_eq!(written.mentors[0].name, "Ana Ruiz");

    let wrong = BookletSettings {
        shown: vec!["Favourite colour".into()],
        ..BookletSettings::default()
    };
    let error = save_booklet_settings(&mut store, program, &wrong).unwrap_err();
    assert!(error.to_string().contains("Favourite colour"), "{error}");
    assert!(find_mentor_question(&store, program, "Full name").is_err());
}

#[test]
fn a_program_without_mentors_says_to_import_them() {
    let (_dir, store, program) = program_named("Empty 2027");
    let error = booklet_pdf(&store, program, &BookletSettings::default()).unwrap_err();
    assert!(error.to_string().contains("Import the mentors"), "{error}");
}

#[test]
fn experience_questions_are_found_by_their_wording() {
    for yes in [
        "What could you help a mentee with?",
        "Describe your professional experience and the areas where you could mentor a participant.",
        "What capabilities do you feel confident mentoring others on?",
        "Tell us about your background",
    ] {
        assert!(speaks_of_experience(yes), "{yes}");
    }
    for no in [
        "Anything else the committee should know?",
        "Topics you would prefer NOT to mentor on",
        "Library or organization",
        "Your full name",
    ] {
        assert!(!speaks_of_experience(no), "{no}");
    }
}

#[test]
fn labels_leave_out_the_forms_instructions_in_brackets() {
    assert_eq!(
        profile::label("Areas where you could offer guidance (check all that apply)"),
        "Areas where you could offer guidance"
    );
    assert_eq!(profile::label("(Optional)"), "(Optional)");
    assert_eq!(
        profile::label("What could you help with?"),
        "What could you help with?"
    );
}

#[test]
fn the_booklet_has_the_letters_letterhead_and_paper_size() {
    let (_dir, mut store, program) = program_with_form();
    let mut letters = crate::letters::letter_settings(&store, program).unwrap();
    letters.organization = "Arrowhead Library System".into();
    letters.address = "230 First Street, Mountain Iron".into();
    letters.paper = crate::letters::Paper::A4;
    crate::letters::save_letter_settings(&mut store, program, &letters).unwrap();
    let (pdf, _) = booklet_pdf(&store, program, &BookletSettings::default()).unwrap();
    let text = pdf_pages(&pdf).join(" ");
    assert!(
        text.contains("Arrowhead Library System") && text.contains("230 First Street"),
        "{text}"
    );
    let a4 = crate::typeset::layout_booklet(&serde_json::json!({}), None);
    assert!(a4.is_err(), "the layout needs its data");
    let info = poppler("pdfinfo", &["PDF"], &pdf);
    assert!(info.contains("(A4)"), "{info}");
}
