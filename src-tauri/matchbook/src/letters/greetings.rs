//! The committee checks and corrects every letter's greeting before the
//! letters go out (the rule itself is in `greeting_names`): the list in the
//! order the letters print, and a correction kept with the program.

use std::collections::BTreeMap;

use serde::Serialize;

use super::greeting_names::{corrections, default_greeting, GREETINGS_KEY};
use super::recipients::{recipients, Which};
use crate::error::{Error, Result};
use crate::people::{list_people, Application, Person, Role};
use crate::programs::{get_program, set_setting};
use crate::store::Store;

/// One recipient's greeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Greeting {
    pub person_id: i64,
    pub name: String,
    pub kind: Role,
    /// What the letter says after "Dear".
    pub greeting: String,
    /// Where it comes from: "corrected", "preferred name" or "full name".
    pub source: &'static str,
}

/// Every letter's greeting, in the order the letters print.
pub fn greetings(store: &Store, program_id: i64) -> Result<Vec<Greeting>> {
    get_program(store, program_id)?;
    let corrected = corrections(store, program_id)?;
    // From the applications as given: recipients() already carry the
    // greeting in place of the preferred name.
    let applied: BTreeMap<i64, Application> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p.application))
        .collect();
    Ok(recipients(store, program_id, Which::All)?
        .into_iter()
        .map(|r| {
            let (greeting, source) = match (corrected.get(&r.person.id), applied.get(&r.person.id))
            {
                (Some(text), _) => (text.clone(), "corrected"),
                (None, Some(app)) => default_greeting(app),
                (None, None) => default_greeting(&r.person.application),
            };
            Greeting {
                person_id: r.person.id,
                name: r.person.application.name.clone(),
                kind: r.kind,
                greeting,
                source,
            }
        })
        .collect())
}

/// Corrects how the letters greet someone of the program; an empty text
/// goes back to the greeting from their application.
pub fn set_greeting(
    store: &mut Store,
    program_id: i64,
    person: &Person,
    text: &str,
) -> Result<Greeting> {
    if person.program_id != program_id {
        return Err(Error::NotFound(format!(
            "{} is not in this program.",
            person.application.name
        )));
    }
    let text = text.trim();
    if text.chars().count() > 100 {
        return Err(Error::Invalid(
            "A greeting is a name: keep it under 100 characters.".into(),
        ));
    }
    let Some(before) = greetings(store, program_id)?
        .into_iter()
        .find(|g| g.person_id == person.id)
    else {
        return Err(Error::Invalid(format!(
            "{} has no letter (no confirmed match yet), so there is no greeting to correct.",
            person.application.name
        )));
    };
    let mut all = corrections(store, program_id)?;
    let (default, default_source) = default_greeting(&person.application);
    let (greeting, source) = if text.is_empty() || text == default {
        all.remove(&person.id);
        (default, default_source)
    } else {
        all.insert(person.id, text.to_string());
        (text.to_string(), "corrected")
    };
    set_setting(store, program_id, GREETINGS_KEY, &all)?;
    Ok(Greeting {
        greeting,
        source,
        ..before
    })
}
