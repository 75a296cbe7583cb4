//! Files of ranked choices for the sample cohort, generated from the
//! program's own people (fictional, never real data): the kit's form with
//! one column per choice, or one answer "1. Ana Ruiz; 2. …".

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use super::cli::{json, matchbook};

/// How the participants choose.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Choosing {
    /// Three mentors (of those with the most places) are everyone's
    /// favourites, in rotated orders.
    Favourites,
    /// Each ranks the mentors sharing most of their areas first (ties by a
    /// fixed shuffle), then two others.
    Spread,
}

/// The sample program's people, as `people list --json` gives them.
pub fn people(db: &Path, role: &str) -> Vec<Value> {
    json(&matchbook(
        db,
        &["people", "list", "--role", role, "--json"],
    ))
    .as_array()
    .expect("a list of people")
    .clone()
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

fn areas(v: &Value) -> Vec<String> {
    v["areas"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Each participant's three choices (mentor names), best first.
pub fn choices_of(db: &Path, how: Choosing) -> Vec<(Value, [String; 3])> {
    let mentors = people(db, "mentor");
    let participants = people(db, "participant");
    // The favourites are three of the mentors with the most places.
    let mut roomiest: Vec<&Value> = mentors.iter().collect();
    roomiest.sort_by_key(|m| std::cmp::Reverse(m["places"].as_u64().unwrap_or(0)));
    let favourites = [0, 1, 2].map(|i| text(roomiest[i % roomiest.len()], "name"));
    participants
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let picks = match how {
                Choosing::Favourites => [0, 1, 2].map(|k| favourites[(i + k) % 3].clone()),
                Choosing::Spread => {
                    let wanted = areas(&p);
                    let mut ranked: Vec<(usize, usize, String)> = mentors
                        .iter()
                        .enumerate()
                        .map(|(j, m)| {
                            let shared = areas(m).iter().filter(|a| wanted.contains(a)).count();
                            (usize::MAX - shared, (j * 7 + i * 13) % 41, text(m, "name"))
                        })
                        .collect();
                    ranked.sort();
                    [0, 3, 7].map(|k| ranked[k].2.clone())
                }
            };
            (p, picks)
        })
        .collect()
}

/// Writes the choices as the kit's form exports them; the first
/// `misspelt` rows name a second choice nobody has.
pub fn write_choices(db: &Path, path: &Path, how: Choosing, misspelt: usize) {
    let mut csv = String::from("Timestamp,Email address,Full name,First choice: a mentor's name or number,Second choice,Third choice\n");
    for (i, (p, mut picks)) in choices_of(db, how).into_iter().enumerate() {
        if i < misspelt {
            picks[1] = "Zelda Zzyzx".into();
        }
        let _ = writeln!(
            csv,
            "2026-02-01 10:00,{},\"{}\",\"{}\",\"{}\",\"{}\"",
            text(&p, "email"),
            text(&p, "name"),
            picks[0],
            picks[1],
            picks[2]
        );
    }
    std::fs::write(path, csv).expect("write the choices file");
}

/// Writes the choices as one ranked answer per participant.
pub fn write_ranked_answers(db: &Path, path: &Path, how: Choosing) {
    let mut csv = String::from("Email address,Your choices in order\n");
    for (p, picks) in choices_of(db, how) {
        let _ = writeln!(
            csv,
            "{},\"1. {}; 2. {}; 3. {}\"",
            text(&p, "email"),
            picks[0],
            picks[1],
            picks[2]
        );
    }
    std::fs::write(path, csv).expect("write the choices file");
}
