//! Who someone is: the checks and look-ups every domain uses to recognise a
//! person (an email address, an answer that names nobody, a person found by
//! email or name).

use crate::error::{Error, Result};
use crate::people::{list_people, Person, Role};
use crate::store::Store;

/// A loose check: something@something.something, no spaces.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

/// Whether an answer where a name was asked for means "nobody in particular"
/// ("N/A", "none", "No preference", "Anyone").
pub fn names_nobody(cell: &str) -> bool {
    let lowered = cell.trim().trim_end_matches('.').trim().to_lowercase();
    [
        "",
        "n/a",
        "na",
        "none",
        "no",
        "-",
        "nobody",
        "no one",
        "no preference",
        "any",
        "anyone",
        "anybody",
        "not applicable",
        "not sure",
        "no one in particular",
        "none in particular",
        "no preference at this time",
    ]
    .contains(&lowered.as_str())
}

/// Whether an email address is a stand-in rather than someone's own
/// (`none@none.com`, `noemail@…`, `n/a@…`): it never identifies a person.
pub fn is_placeholder_email(email: &str) -> bool {
    let Some((local, domain)) = email
        .trim()
        .to_lowercase()
        .split_once('@')
        .map(|(l, d)| (l.to_string(), d.to_string()))
    else {
        return false;
    };
    let local_says_none = [
        "none", "noemail", "no-email", "no_email", "no.email", "na", "n/a", "noreply", "no-reply",
        "nobody", "null", "unknown", "test", "email", "x", "xx", "xxx",
    ]
    .contains(&local.as_str());
    let domain_says_none =
        ["none.com", "noemail.com", "na.com", "test.com"].contains(&domain.as_str());
    local_says_none || domain_says_none
}

/// Finds a mentor or participant of a program by email (case-insensitive) or exact name.
pub fn find_person(store: &Store, program_id: i64, role: Role, who: &str) -> Result<Person> {
    let people = list_people(store, program_id, Some(role))?;
    let who_trim = who.trim();
    let by_email: Vec<&Person> = people
        .iter()
        .filter(|p| {
            p.application
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(who_trim))
        })
        .collect();
    match by_email.as_slice() {
        [one] => return Ok((*one).clone()),
        [] => {}
        several => {
            let names: Vec<&str> = several
                .iter()
                .map(|p| p.application.name.as_str())
                .collect();
            return Err(Error::Invalid(format!(
                "The email \"{who_trim}\" is ambiguous: {} {}s share it ({}). Use their name instead.",
                several.len(),
                role.as_str(),
                names.join(", ")
            )));
        }
    }
    let by_name: Vec<&Person> = people
        .iter()
        .filter(|p| p.application.name.eq_ignore_ascii_case(who_trim))
        .collect();
    match by_name.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::NotFound(format!(
            "No {} with the email or name \"{who_trim}\" in this program. `matchbook people list` shows who is there.",
            role.as_str()
        ))),
        _ => Err(Error::Invalid(format!(
            "More than one {} is called \"{who_trim}\"; use their email instead.",
            role.as_str()
        ))),
    }
}
