//! Splitting checkbox answers into their options. Google Forms joins options
//! with ", " and Microsoft Forms with ";", but an option may itself contain a
//! comma ("Diversity, equity & inclusion"). So the option set is learned from
//! the whole column before any cell is split.

use std::collections::{HashMap, HashSet};

use crate::identity::names_nobody;

/// The options of one multi-select column.
#[derive(Debug, Clone, Default)]
pub struct OptionSet {
    semicolons: bool,
    /// Lowercased option → canonical spelling (the most frequent one).
    canonical: HashMap<String, String>,
    /// The canonical spellings themselves: most pieces are spelled so, and
    /// are kept without lowercasing them to look them up.
    spelled: HashSet<String>,
    /// Adjacent comma pieces that always appear together form one option.
    joined: HashMap<String, Vec<String>>,
}

fn pieces(cell: &str, semicolons: bool) -> Vec<String> {
    let separator = if semicolons { ';' } else { ',' };
    cell.split(separator)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A piece that starts with a lowercase letter continues the previous one
/// ("Diversity, equity & inclusion").
fn join_continuations(parts: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let continues = part.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(previous) if continues => {
                previous.push_str(", ");
                previous.push_str(&part);
            }
            _ => out.push(part),
        }
    }
    out
}

impl OptionSet {
    /// Learns the options from every answer in the column.
    pub fn learn<'a>(cells: impl Iterator<Item = &'a str> + Clone) -> OptionSet {
        let filled: Vec<&str> = cells.filter(|c| !c.trim().is_empty()).collect();
        let with_semicolon = filled.iter().filter(|c| c.contains(';')).count();
        let semicolons = with_semicolon * 2 >= filled.len().max(1) && with_semicolon > 0;
        let mut set = OptionSet {
            semicolons,
            ..OptionSet::default()
        };

        // Each different answer is split once and weighed by how often it
        // was given (a long column repeats a few dozen combinations).
        let mut given: HashMap<&str, usize> = HashMap::new();
        for cell in &filled {
            *given.entry(cell).or_default() += 1;
        }
        let split: Vec<(Vec<String>, usize)> = given
            .into_iter()
            .map(|(c, times)| {
                let p = pieces(c, semicolons);
                let p = if semicolons { p } else { join_continuations(p) };
                (p, times)
            })
            .collect();

        if !semicolons {
            // Pieces a and b (adjacent) that never appear apart are one option.
            let mut alone: HashMap<String, usize> = HashMap::new();
            let mut pair: HashMap<(String, String), usize> = HashMap::new();
            for (parts, times) in &split {
                for p in parts {
                    *alone.entry(p.to_lowercase()).or_default() += times;
                }
                for w in parts.windows(2) {
                    *pair
                        .entry((w[0].to_lowercase(), w[1].to_lowercase()))
                        .or_default() += times;
                }
            }
            for ((a, b), together) in &pair {
                let a_total = alone.get(a).copied().unwrap_or(0);
                let b_total = alone.get(b).copied().unwrap_or(0);
                if *together >= 2 && a_total == *together && b_total == *together {
                    set.joined.insert(a.clone(), vec![b.clone()]);
                }
            }
        }

        let mut spellings: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (parts, times) in split {
            for option in set.merge_joined(parts) {
                *spellings
                    .entry(option.to_lowercase())
                    .or_default()
                    .entry(option)
                    .or_default() += times;
            }
        }
        for (key, counts) in spellings {
            let best = counts
                .into_iter()
                .max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)))
                .map(|(s, _)| s)
                .unwrap_or_default();
            set.spelled.insert(best.clone());
            set.canonical.insert(key, best);
        }
        set
    }

    fn merge_joined(&self, parts: Vec<String>) -> Vec<String> {
        if self.joined.is_empty() {
            return parts;
        }
        let mut out: Vec<String> = Vec::with_capacity(parts.len());
        let mut i = 0;
        while i < parts.len() {
            let key = parts[i].to_lowercase();
            if let (Some(next), Some(b)) = (self.joined.get(&key), parts.get(i + 1)) {
                if next.first().is_some_and(|n| *n == b.to_lowercase()) {
                    out.push(format!("{}, {}", parts[i], b));
                    i += 2;
                    continue;
                }
            }
            out.push(parts[i].clone());
            i += 1;
        }
        out
    }

    /// The options in one answer, spelled canonically, without repeats.
    pub fn split(&self, cell: &str) -> Vec<String> {
        let parts = pieces(cell, self.semicolons);
        let parts = if self.semicolons {
            parts
        } else {
            self.merge_joined(join_continuations(parts))
        };
        let mut out: Vec<String> = Vec::with_capacity(parts.len());
        for p in parts {
            // Most pieces are already spelled canonically: no copy for them.
            let canonical = if self.spelled.contains(&p) {
                p
            } else {
                match self.canonical.get(&p.to_lowercase()) {
                    Some(c) => c.clone(),
                    None => p,
                }
            };
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&canonical)) {
                out.push(canonical);
            }
        }
        out
    }

    /// Every option seen, sorted.
    pub fn options(&self) -> Vec<String> {
        let mut all: Vec<String> = self.canonical.values().cloned().collect();
        all.sort_by_key(|o| o.to_lowercase());
        all
    }
}

/// Splits a list of names ("Jane Doe; Bob Roe", "Jane Doe and Bob Roe").
pub fn split_names(cell: &str) -> Vec<String> {
    if names_nobody(cell) {
        return Vec::new();
    }
    let mut names = Vec::new();
    for segment in cell.split([';', '\n', '/']) {
        let pieces: Vec<&str> = segment
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        // "Smith, John" is one person written last name first, not two people.
        let one_word = |p: &&str| p.split_whitespace().count() == 1;
        if pieces.len() == 2 && pieces.iter().all(one_word) {
            names.push(format!("{} {}", pieces[1], pieces[0]));
            continue;
        }
        names.extend(
            pieces
                .iter()
                .flat_map(|p| p.split(" and "))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_written_last_name_first_stay_one_person() {
        assert_eq!(split_names("Smith, John"), vec!["John Smith"]);
        assert_eq!(
            split_names("Smith, John; Lee, Ann"),
            vec!["John Smith", "Ann Lee"]
        );
        assert_eq!(
            split_names("John Smith, Ann Lee"),
            vec!["John Smith", "Ann Lee"]
        );
        assert_eq!(
            split_names("John Smith and Ann Lee"),
            vec!["John Smith", "Ann Lee"]
        );
        assert_eq!(
            split_names("Ann Lee, Bo Chen, Cy"),
            vec!["Ann Lee", "Bo Chen", "Cy"]
        );
        assert!(split_names("N/A").is_empty());
    }

    #[test]
    fn an_option_containing_a_comma_is_kept_whole() {
        let cells = [
            "Leadership, Diversity, equity & inclusion",
            "Diversity, equity & inclusion",
            "Advocacy, Leadership",
        ];
        let set = OptionSet::learn(cells.iter().copied());
        assert_eq!(
            set.split(cells[0]),
            vec!["Leadership", "Diversity, equity & inclusion"]
        );
        assert_eq!(set.split(cells[2]), vec!["Advocacy", "Leadership"]);
    }

    #[test]
    fn capitalised_pieces_that_always_appear_together_are_one_option() {
        let cells = [
            "Grant writing, Budgets, Finance",
            "Budgets, Finance",
            "Budgets, Finance, Advocacy",
            "Advocacy",
        ];
        let set = OptionSet::learn(cells.iter().copied());
        assert_eq!(
            set.split(cells[0]),
            vec!["Grant writing", "Budgets, Finance"]
        );
        assert_eq!(set.split("Advocacy"), vec!["Advocacy"]);
    }

    #[test]
    fn microsoft_forms_semicolons_with_a_trailing_one() {
        let cells = ["In person;Video call;", "Phone;", "Video call;"];
        let set = OptionSet::learn(cells.iter().copied());
        assert_eq!(set.split(cells[0]), vec!["In person", "Video call"]);
        assert_eq!(set.split(cells[1]), vec!["Phone"]);
    }

    #[test]
    fn spelling_is_unified_and_repeats_dropped() {
        let cells = [
            "Leadership, Advocacy",
            "leadership",
            "Leadership, LEADERSHIP",
        ];
        let set = OptionSet::learn(cells.iter().copied());
        assert_eq!(set.split(cells[1]), vec!["Leadership"]);
        assert_eq!(set.split(cells[2]), vec!["Leadership"]);
        assert_eq!(set.options(), vec!["Advocacy", "Leadership"]);
    }

    #[test]
    fn names_to_avoid_split_on_common_separators_and_none_means_nobody() {
        assert_eq!(
            split_names("Jane Doe; Bob Roe"),
            vec!["Jane Doe", "Bob Roe"]
        );
        assert_eq!(
            split_names("Jane Doe and Bob Roe"),
            vec!["Jane Doe", "Bob Roe"]
        );
        assert!(split_names("N/A").is_empty());
        assert!(split_names("none").is_empty());
    }
}
