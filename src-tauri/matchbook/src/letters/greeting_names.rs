//! How each letter greets its reader. A name's first word is not always the
//! given name ("Nguyễn Thị Hà" is greeted as Hà, or by her full name), so a
//! letter greets by the committee's correction (see `greetings`), else the
//! preferred name the application gave, else the full name.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::people::{Application, Person};
use crate::programs::setting;
use crate::store::Store;

/// Where the committee's corrections are kept with the program.
pub(super) const GREETINGS_KEY: &str = "letter_greetings";

/// The name a letter greets someone by, before any correction.
pub fn default_greeting(app: &Application) -> (String, &'static str) {
    match app.preferred_name.trim() {
        "" => (app.name.trim().to_string(), "full name"),
        preferred => (preferred.to_string(), "preferred name"),
    }
}

/// The committee's corrections, by person id.
pub(super) fn corrections(store: &Store, program_id: i64) -> Result<BTreeMap<i64, String>> {
    Ok(setting(store, program_id, GREETINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The name a person is greeted by in everything Matchbook writes them:
/// the committee's checked greeting, else their preferred name, else their
/// full name (the first word is not always the given name).
pub fn greeting_name(store: &Store, person: &Person) -> Result<String> {
    Ok(greeting_of(person, &corrections(store, person.program_id)?))
}

/// The greeting a letter uses for `person`: the correction, else the default.
pub(super) fn greeting_of(person: &Person, corrections: &BTreeMap<i64, String>) -> String {
    corrections
        .get(&person.id)
        .cloned()
        .unwrap_or_else(|| default_greeting(&person.application).0)
}
