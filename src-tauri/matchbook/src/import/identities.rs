//! Who is the same person. An email address identifies someone, unless it
//! is a stand-in (`none@none.com`) or several clearly different names give
//! it (a shared office address, a pseudonymised export): then the name does,
//! and the people are flagged so the committee can check them.

use std::collections::{BTreeSet, HashMap};

use crate::identity::is_placeholder_email;
use crate::people::{Application, Role};

/// A name's words, lowercase, for comparing two spellings of one name.
fn name_words(name: &str) -> BTreeSet<String> {
    name.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// "Ann Lee" and "Ann M. Lee" may be one person; "Ann Lee" and "Bo Chen" are not.
fn clearly_different(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && !b.is_empty() && !a.is_subset(b) && !b.is_subset(a)
}

/// Email addresses that do not identify one person, with the names that
/// gave each.
#[derive(Debug, Default)]
pub(super) struct SharedEmails {
    names_by_email: HashMap<String, Vec<String>>,
}

impl SharedEmails {
    /// Looks at every application of the file and of the program. (Emails
    /// are stored lowercase; only addresses given with more than one name
    /// are looked at closely, so a large file costs one map of borrowed text.)
    pub fn find<'a>(applications: impl Iterator<Item = &'a Application>) -> SharedEmails {
        // Most addresses come with one name: keep that name, and a list only
        // for the few given with another.
        let mut first: HashMap<&'a str, &'a str> =
            HashMap::with_capacity(applications.size_hint().0);
        let mut more: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
        for app in applications {
            let Some(email) = app.email.as_deref().filter(|e| !e.is_empty()) else {
                continue;
            };
            let name = app.name.trim();
            match first.get(email) {
                None => {
                    first.insert(email, name);
                }
                Some(known) if known.eq_ignore_ascii_case(name) => {}
                Some(known) => {
                    let names = more.entry(email).or_insert_with(|| vec![*known]);
                    if names.len() < 64 && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                        names.push(name);
                    }
                }
            }
        }
        let placeholders = first
            .iter()
            .filter(|(email, _)| !more.contains_key(*email) && is_placeholder_email(email))
            .map(|(email, name)| (*email, vec![*name]))
            .collect::<Vec<_>>();
        let names_by_email = more
            .into_iter()
            .filter(|(email, names)| {
                let words: Vec<BTreeSet<String>> = names.iter().map(|n| name_words(n)).collect();
                let differ = words
                    .iter()
                    .enumerate()
                    .any(|(i, a)| words[i + 1..].iter().any(|b| clearly_different(a, b)));
                differ || is_placeholder_email(email)
            })
            .chain(placeholders)
            .map(|(email, names)| {
                let names = names.into_iter().map(str::to_string).collect();
                (email.to_lowercase(), names)
            })
            .collect();
        SharedEmails { names_by_email }
    }

    fn is_shared(&self, email: &str) -> bool {
        !self.names_by_email.is_empty() && self.names_by_email.contains_key(&email.to_lowercase())
    }

    /// Who someone is within a program and role: their email, or where the
    /// email does not tell people apart, their name (with the email).
    pub fn identity(&self, role: Role, app: &Application) -> String {
        // Only read when the email does not decide (most rows have one).
        let name = || {
            name_words(&app.name)
                .into_iter()
                .collect::<Vec<_>>()
                .join(" ")
        };
        match app.email.as_deref().filter(|e| !e.is_empty()) {
            Some(email) if self.is_shared(email) => {
                format!(
                    "{}|shared:{}|{}",
                    role.as_str(),
                    email.to_lowercase(),
                    name()
                )
            }
            Some(email) => format!("{}|email:{}", role.as_str(), email.to_lowercase()),
            None => format!("{}|name:{}", role.as_str(), name()),
        }
    }

    /// The note for someone whose email others share, naming the others.
    pub fn note(&self, app: &Application) -> Option<String> {
        if self.names_by_email.is_empty() {
            return None;
        }
        let email = app.email.as_deref()?.to_lowercase();
        let names = self.names_by_email.get(&email)?;
        let others: Vec<&str> = names
            .iter()
            .filter(|n| !n.eq_ignore_ascii_case(app.name.trim()))
            .map(String::as_str)
            .collect();
        Some(if others.is_empty() {
            format!("the email address {email} looks like a stand-in, so it is not used to recognise them")
        } else {
            let shown: Vec<&str> = others.iter().take(3).copied().collect();
            let more = others.len().saturating_sub(3);
            format!(
                "shares an email with {}{}; kept as a different person (they cannot be looked up by that email)",
                shown.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(name: &str, email: &str) -> Application {
        Application {
            name: name.into(),
            email: Some(email.into()),
            ..Application::default()
        }
    }

    #[test]
    fn different_names_under_one_address_are_different_people() {
        let apps = [
            app("Ann Lee", "none@none.com"),
            app("Bo Chen", "none@none.com"),
            app("Cy Diaz", "office@library.org"),
            app("Dee Ek", "office@library.org"),
            app("Eve Fox", "eve@x.org"),
            app("Eve M. Fox", "eve@x.org"),
        ];
        let shared = SharedEmails::find(apps.iter());
        let id = |a: &Application| shared.identity(Role::Participant, a);
        assert_ne!(id(&apps[0]), id(&apps[1]));
        assert_ne!(id(&apps[2]), id(&apps[3]));
        // One person writing their name two ways still merges.
        assert_eq!(id(&apps[4]), id(&apps[5]));
        assert!(shared.note(&apps[0]).unwrap().contains("Bo Chen"));
        assert!(shared.note(&apps[4]).is_none());
    }

    #[test]
    fn a_stand_in_address_never_identifies_even_one_person() {
        let apps = [app("Ann Lee", "noemail@example.org")];
        let shared = SharedEmails::find(apps.iter());
        assert!(shared.identity(Role::Mentor, &apps[0]).contains("ann lee"));
        assert!(shared.note(&apps[0]).unwrap().contains("stand-in"));
    }
}
