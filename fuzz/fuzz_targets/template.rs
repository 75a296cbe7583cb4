//! A committee-edited letter template of any text, checked as the Letters
//! screen does before anything prints: never a panic, only problems.
#![no_main]
use libfuzzer_sys::fuzz_target;
use matchbook::letters::{check_template, LetterSettings};
use matchbook::people::Role;
use matchbook::programs::Program;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let program = Program {
        id: 1,
        name: "Fuzz 2027".into(),
        organization: "Library Association".into(),
        kickoff_date: matchbook::programs::parse_optional_date("2027-01-15", "kickoff")
            .ok()
            .flatten(),
        kickoff_event: String::new(),
        kickoff_place: String::new(),
        relationship_months: 18,
        cadence_months: 3,
        contact_name: String::new(),
        contact_email: String::new(),
        archived: false,
        created_at: String::new(),
        updated_at: String::new(),
    };
    for kind in [Role::Participant, Role::Mentor] {
        let settings = LetterSettings {
            participant_template: text.to_string(),
            mentor_template: text.to_string(),
            ..LetterSettings::default()
        };
        let _ = check_template(&program, &settings, kind);
    }
});
