//! Matching what people typed about other people ("my mentor should be Pat
//! O'Neil", "please not J. Smith") against names in the program, and
//! library names against each other.

use std::collections::HashMap;

/// Lowercase ASCII words: accents folded, punctuation dropped.
pub fn name_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A library's name reduced for comparison: accents, case, punctuation and a
/// leading "the" do not make two libraries different.
pub fn library_key(text: &str) -> String {
    let words = name_words(text);
    let start = usize::from(words.first().is_some_and(|w| w == "the"));
    words[start..].join(" ")
}

/// Whether what someone typed names this person. Exact after folding; or every
/// word typed is one of the person's words (initials allowed: "J. Smith");
/// or, for a full name, a close spelling (Jaro–Winkler ≥ 0.93: "Jon Smyth").
pub fn names_person(typed: &str, name: &str, preferred: &str, email: Option<&str>) -> bool {
    let typed_trim = typed.trim();
    if typed_trim.is_empty() {
        return false;
    }
    if let Some(email) = email {
        if typed_trim.eq_ignore_ascii_case(email) {
            return true;
        }
    }
    let typed_words = name_words(typed_trim);
    if typed_words.is_empty() {
        return false;
    }
    let mut words = name_words(name);
    words.extend(name_words(preferred));
    if words.is_empty() {
        return false;
    }
    let typed_joined = typed_words.join(" ");
    if typed_joined == name_words(name).join(" ") {
        return true;
    }
    // Every typed word is a name word or an initial of one; at least one full
    // word must be a surname-like match so "J" alone names nobody.
    let mut full_word = false;
    let all_found = typed_words.iter().all(|t| {
        if words.iter().any(|w| w == t) {
            full_word |= t.len() > 1;
            true
        } else {
            t.len() == 1 && words.iter().any(|w| w.starts_with(t.as_str()))
        }
    });
    if all_found && full_word && typed_words.len() >= 2 {
        return true;
    }
    typed_words.len() >= 2
        && strsim::jaro_winkler(&typed_joined, &name_words(name).join(" ")) >= 0.93
}

/// What someone wrote about another person: who they asked for, or who they
/// asked not to be paired with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    Asked,
    Avoided,
}

/// What the committee reads about a name someone wrote (`typed`, by `who`)
/// that `names` (the `role`s) found nobody for: it could be several people,
/// or no one has it. Nothing when it names nobody on purpose ("No
/// preference"), or when someone to avoid is known among `known_elsewhere`
/// (a fellow participant, say), just not among those to match.
pub fn unmatched_name(
    who: &str,
    wish: Wish,
    typed: &str,
    names: &NameIndex,
    known_elsewhere: &[&NameIndex],
    role: &str,
) -> Option<String> {
    let typed = typed.trim();
    if crate::identity::names_nobody(typed) {
        return None;
    }
    let holders = names.surname_holders(typed);
    if holders.len() < 2
        && wish == Wish::Avoided
        && known_elsewhere.iter().any(|k| !k.find(typed).is_empty())
    {
        return None;
    }
    let (wrote, remedy) = match wish {
        Wish::Asked => (
            format!(
                "{who} asked for “{typed}” as their {}",
                if role == "participant" {
                    "mentee"
                } else {
                    role
                }
            ),
            "to honour the wish, lock the pair by hand",
        ),
        Wish::Avoided => (
            format!("{who} asked not to be paired with “{typed}”"),
            "to keep them apart, veto the pair by hand",
        ),
    };
    Some(match holders.as_slice() {
        [rest @ .., last] if !rest.is_empty() => {
            let mut remedy = remedy.to_string();
            remedy[..1].make_ascii_uppercase();
            format!(
                "{wrote}, which could be {} or {last}. {remedy}.",
                rest.join(", ")
            )
        }
        _ => format!("{wrote}, but no {role} has that name. Check the spelling; {remedy}."),
    })
}

/// Finds, among many people, the ones a typed name could mean, by looking up
/// shared words first so that thousands of people are not compared one by one.
pub struct NameIndex {
    by_word: HashMap<String, Vec<usize>>,
    entries: Vec<(String, String, Option<String>)>,
}

impl NameIndex {
    pub fn new<'a>(people: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>) -> Self {
        let mut index = NameIndex {
            by_word: HashMap::new(),
            entries: Vec::new(),
        };
        for (i, (name, preferred, email)) in people.enumerate() {
            let mut words = name_words(name);
            words.extend(name_words(preferred));
            words.sort();
            words.dedup();
            for w in words {
                index.by_word.entry(w).or_default().push(i);
            }
            if let Some(e) = email {
                index.by_word.entry(e.to_lowercase()).or_default().push(i);
            }
            index.entries.push((
                name.to_string(),
                preferred.to_string(),
                email.map(str::to_string),
            ));
        }
        index
    }

    /// Every person the typed text names, in index order.
    pub fn find(&self, typed: &str) -> Vec<usize> {
        // Candidates share a typed word (when many people do, only the rarest
        // word counts: "00012" rather than "mentor"); a misspelt full name
        // that shares no word is compared with everyone.
        let mut words = name_words(typed);
        words.push(typed.trim().to_lowercase());
        let lists: Vec<&Vec<usize>> = words.iter().filter_map(|w| self.by_word.get(w)).collect();
        let mut candidates: Vec<usize> = if lists.iter().map(|l| l.len()).sum::<usize>() <= 256 {
            lists.iter().flat_map(|l| l.iter().copied()).collect()
        } else {
            lists
                .iter()
                .min_by_key(|l| l.len())
                .map(|l| l.to_vec())
                .unwrap_or_default()
        };
        if lists.is_empty() && name_words(typed).len() >= 2 {
            candidates = (0..self.entries.len()).collect();
        }
        candidates.sort_unstable();
        candidates.dedup();
        let found: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let (name, preferred, email) = &self.entries[i];
                names_person(typed, name, preferred, email.as_deref())
            })
            .collect();
        if found.is_empty() {
            let with_surname = self.with_surname(typed, &candidates);
            if with_surname.len() == 1 {
                return with_surname;
            }
        }
        found
    }

    /// The people a surname written on its own ("Ordóñez") could mean: those
    /// who have it as a surname (any word of the name but the first). One
    /// such person is the one meant (people write what they call a
    /// colleague); with two, `find` names nobody and the committee is told.
    pub fn surname_holders(&self, typed: &str) -> Vec<&str> {
        let candidates = name_words(typed)
            .first()
            .and_then(|w| self.by_word.get(w))
            .cloned()
            .unwrap_or_default();
        self.with_surname(typed, &candidates)
            .into_iter()
            .map(|i| self.entries[i].0.as_str())
            .collect()
    }

    fn with_surname(&self, typed: &str, candidates: &[usize]) -> Vec<usize> {
        let words = name_words(typed);
        let [word] = words.as_slice() else {
            return Vec::new();
        };
        if word.len() < 2 {
            return Vec::new();
        }
        let mut holders: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                name_words(&self.entries[i].0)
                    .iter()
                    .skip(1)
                    .any(|w| w == word)
            })
            .collect();
        holders.sort_unstable();
        holders.dedup();
        holders
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_match_people_and_not_strangers() {
        let yes = [
            ("Zoë Núñez", "Zoe Nunez"),
            ("J. Smith", "John Smith"),
            ("smith, john", "John Smith"),
            ("Jon Smithe", "John Smithe"),
            ("Łukasz Wróbel", "Lukasz Wrobel"),
        ];
        for (typed, name) in yes {
            assert!(names_person(typed, name, "", None), "{typed} → {name}");
        }
        let no = [
            ("Smith", "John Smith"),
            ("J", "John Smith"),
            ("Jane Smith", "John Smith"),
            ("Al", "Alan Ng"),
            ("", "X"),
        ];
        for (typed, name) in no {
            assert!(!names_person(typed, name, "", None), "{typed} ↛ {name}");
        }
        assert!(names_person(
            "pat@example.org",
            "Patricia Moss",
            "",
            Some("pat@example.org")
        ));
        assert!(
            names_person("Pat Moss", "Patricia Moss", "Pat", None),
            "preferred name counts"
        );
    }

    #[test]
    fn library_names_compare_without_case_accents_or_the() {
        assert_eq!(
            library_key("The Duluth Public Library"),
            library_key("duluth public library.")
        );
        assert_ne!(
            library_key("Duluth Public Library"),
            library_key("Duluth Public Schools")
        );
        assert_eq!(library_key("  "), "");
    }

    #[test]
    fn the_index_finds_the_same_people_as_comparing_everyone() {
        let people = [
            ("John Smith", "", None),
            ("Joan Smithers", "", None),
            ("Ayşe Yılmaz", "", Some("ayse@x.org")),
        ];
        let index = NameIndex::new(people.iter().map(|&(n, p, e)| (n, p, e)));
        assert_eq!(index.find("J. Smith"), vec![0]);
        assert_eq!(index.find("Ayse Yilmaz"), vec![2]);
        assert_eq!(index.find("AYSE@x.org"), vec![2]);
        assert_eq!(
            index.find("Joan Smithrs"),
            vec![1],
            "misspelt surname found by the fallback"
        );
        assert!(index.find("Nobody Here").is_empty());
    }

    #[test]
    fn a_surname_alone_names_the_one_person_who_has_it() {
        let people = [
            ("María José Ordóñez Ruiz", "", None),
            ("John Smith", "", None),
            ("Jane Smith", "", None),
            ("Ordonez Lee", "", None),
        ];
        let index = NameIndex::new(people.iter().map(|&(n, p, e)| (n, p, e)));
        assert_eq!(index.find("Ordóñez"), vec![0], "a first name is no surname");
        assert_eq!(index.find("ruiz"), vec![0]);
        assert!(index.find("Smith").is_empty(), "two Smiths: nobody");
        assert_eq!(
            index.surname_holders("Smith"),
            vec!["John Smith", "Jane Smith"]
        );
        assert!(index.find("J").is_empty());
    }
}
