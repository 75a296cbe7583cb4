//! Ranked choices in matching: what each side stated about a pair, the
//! criterion "Their choice" (a 1st choice scores the full weight, a 2nd two
//! thirds, a 3rd one third; the committee may change these shares), the
//! reasons ("Iris Falk's 1st choice") and how many choices a pairing
//! honours. The choices themselves are imported by the choices module; this
//! reads the `choices` table (SQL only here and in `facts`).

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::{Person, Role};
use crate::store::Store;
use crate::text::ordinal;

const SHARES_KEY: &str = "choice_shares";

/// The share of the weight (percent) a 1st, 2nd and 3rd choice score; a
/// choice further down scores nothing (it still orders "No one would trade").
pub const DEFAULT_SHARES: [u8; 3] = [100, 67, 33];

/// One choice: who chose whom, at which rank (1 = first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stated {
    pub chooser: i64,
    pub chosen: i64,
    pub rank: u8,
}

/// What each side of a pair stated: the participant's rank of the mentor,
/// and the mentor's rank of the participant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairChoice {
    pub participant: Option<u8>,
    pub mentor: Option<u8>,
}

/// Each person's current choices: those of the newest import that has any
/// of theirs (a re-import replaces them; undoing it brings them back).
pub(super) fn current_choices(conn: &Connection, program_id: i64) -> Result<Vec<Stated>> {
    let mut stmt = conn.prepare(
        "SELECT c.chooser_id, c.chosen_id, min(c.rank) FROM choices c
         WHERE c.program_id = ?1 AND c.import_id = (
             SELECT max(d.import_id) FROM choices d
             WHERE d.program_id = c.program_id AND d.chooser_id = c.chooser_id)
         GROUP BY c.chooser_id, c.chosen_id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok(Stated {
            chooser: r.get(0)?,
            chosen: r.get(1)?,
            rank: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether anyone in the program has stated choices.
pub(super) fn has_choices(store: &Store, program_id: i64) -> Result<bool> {
    Ok(store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM choices WHERE program_id = ?1)",
        [program_id],
        |r| r.get(0),
    )?)
}

/// The program's shares (defaults until the committee changes them).
pub fn choice_shares(store: &Store, program_id: i64) -> Result<[u8; 3]> {
    let saved = crate::programs::setting(store, program_id, SHARES_KEY)?;
    Ok(saved
        .and_then(|j| serde_json::from_str::<[u8; 3]>(&j).ok())
        .unwrap_or(DEFAULT_SHARES))
}

/// Saves the shares of a 1st, 2nd and 3rd choice: percents, each at most the one before.
pub fn set_choice_shares(store: &mut Store, program_id: i64, shares: &[u8]) -> Result<[u8; 3]> {
    let shares: [u8; 3] = shares.try_into().map_err(|_| {
        Error::Invalid(format!(
            "Give three shares, for a 1st, 2nd and 3rd choice (percents of the weight, such as 100,67,33); {} were given.",
            shares.len()
        ))
    })?;
    if shares.iter().any(|&s| s > 100) || shares.windows(2).any(|w| w[1] > w[0]) {
        return Err(Error::Invalid(format!(
            "The shares {}, {} and {} do not fit: each is a percent from 0 to 100, and a 2nd choice cannot count more than a 1st, nor a 3rd more than a 2nd.",
            shares[0], shares[1], shares[2]
        )));
    }
    crate::programs::set_setting(store, program_id, SHARES_KEY, &shares)?;
    Ok(shares)
}

/// The share (percent of the weight) a pair earns from what both stated:
/// the better of the participant's and the mentor's rank.
pub(super) fn share(choice: PairChoice, shares: &[u8; 3]) -> u8 {
    let of = |rank: Option<u8>| {
        rank.and_then(|r| shares.get(usize::from(r).checked_sub(1)?))
            .copied()
            .unwrap_or(0)
    };
    of(choice.participant).max(of(choice.mentor))
}

/// The stated choices by (participant, mentor) table index.
pub(super) fn by_index(
    stated: &[Stated],
    participants: &[Person],
    mentors: &[Person],
) -> HashMap<(usize, usize), PairChoice> {
    let index = |people: &[Person]| -> HashMap<i64, usize> {
        people.iter().enumerate().map(|(i, p)| (p.id, i)).collect()
    };
    let (p_at, m_at) = (index(participants), index(mentors));
    let mut pairs: HashMap<(usize, usize), PairChoice> = HashMap::new();
    for s in stated {
        if let (Some(&i), Some(&j)) = (p_at.get(&s.chooser), m_at.get(&s.chosen)) {
            pairs.entry((i, j)).or_default().participant = Some(s.rank);
        } else if let (Some(&j), Some(&i)) = (m_at.get(&s.chooser), p_at.get(&s.chosen)) {
            pairs.entry((i, j)).or_default().mentor = Some(s.rank);
        }
    }
    pairs
}

/// What was stated about a pair (most programs have no choices: no hashing then).
pub(super) fn stated(
    map: &HashMap<(usize, usize), PairChoice>,
    key: (usize, usize),
) -> Option<PairChoice> {
    if map.is_empty() {
        None
    } else {
        map.get(&key).copied()
    }
}

/// The reasons a pair shows for what was stated: "Iris Falk's 1st choice".
pub(super) fn chips(choice: PairChoice, participant: &Person, mentor: &Person) -> Vec<String> {
    let mut chips = Vec::new();
    if let Some(rank) = choice.participant {
        chips.push(format!(
            "{}'s {} choice",
            participant.application.name.trim(),
            ordinal(rank)
        ));
    }
    if let Some(rank) = choice.mentor {
        chips.push(format!(
            "{}'s {} choice",
            mentor.application.name.trim(),
            ordinal(rank)
        ));
    }
    chips
}

/// How many participants' stated choices a pairing honours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceFigures {
    /// Participants who ranked at least one mentor.
    pub chose: usize,
    /// Of those, matched with their 1st choice.
    pub first: usize,
    /// Matched with one of their first three choices (the 1st included).
    pub top3: usize,
    /// Who chose but got none of their choices (another mentor, or none yet).
    pub not_ranked: usize,
    /// Participants who stated no choice.
    pub no_choices: usize,
}

impl ChoiceFigures {
    /// The figures of `placed` (participant id → their mentor's id, None
    /// when unmatched) under participants' `ranks` ((participant, mentor) → rank).
    pub fn count(
        placed: impl Iterator<Item = (i64, Option<i64>)>,
        ranks: &HashMap<(i64, i64), u8>,
    ) -> ChoiceFigures {
        let chose: HashSet<i64> = ranks.keys().map(|&(p, _)| p).collect();
        let mut f = ChoiceFigures::default();
        for (p, m) in placed {
            if !chose.contains(&p) {
                f.no_choices += 1;
                continue;
            }
            f.chose += 1;
            match m.and_then(|m| ranks.get(&(p, m))) {
                Some(&rank) => {
                    f.first += usize::from(rank == 1);
                    f.top3 += usize::from(rank <= 3);
                }
                None => f.not_ranked += 1,
            }
        }
        f
    }

    /// In the committee's words: "18 of 30 got their 1st choice, 26 a top-3 choice".
    pub fn sentence(&self) -> String {
        if self.chose == 0 {
            return "Nobody stated choices.".into();
        }
        let mut s = format!(
            "{} of {} got their 1st choice, {} a top-3 choice",
            self.first, self.chose, self.top3
        );
        if self.not_ranked > 0 {
            s.push_str(&format!(", {} none of their choices", self.not_ranked));
        }
        s.push('.');
        if self.no_choices > 0 {
            s.push_str(&format!(
                " {} stated no choice.",
                crate::text::capitalize(&people_count(self.no_choices))
            ));
        }
        s
    }
}

fn people_count(n: usize) -> String {
    match n {
        1 => "1 participant".into(),
        n => format!("{n} participants"),
    }
}

/// Participants' ranks by person ids, for [`ChoiceFigures::count`].
pub(super) fn participant_ranks(
    store: &Store,
    program_id: i64,
) -> Result<Option<HashMap<(i64, i64), u8>>> {
    let stated = current_choices(store.conn(), program_id)?;
    if stated.is_empty() {
        return Ok(None);
    }
    let participants: HashSet<i64> =
        crate::people::list_people(store, program_id, Some(Role::Participant))?
            .into_iter()
            .map(|p| p.id)
            .collect();
    Ok(Some(
        stated
            .into_iter()
            .filter(|s| participants.contains(&s.chooser))
            .map(|s| ((s.chooser, s.chosen), s.rank))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_earns_the_better_sides_share() {
        let shares = DEFAULT_SHARES;
        let c = |p, m| PairChoice {
            participant: p,
            mentor: m,
        };
        assert_eq!(share(c(Some(1), None), &shares), 100);
        assert_eq!(share(c(Some(2), None), &shares), 67);
        assert_eq!(share(c(Some(3), Some(2)), &shares), 67);
        assert_eq!(share(c(Some(4), None), &shares), 0);
        assert_eq!(share(c(None, None), &shares), 0);
    }

    #[test]
    fn figures_count_every_participant_once() {
        let ranks = HashMap::from([((1, 10), 1), ((1, 11), 2), ((2, 10), 1), ((3, 12), 3)]);
        let placed = [(1, Some(10)), (2, Some(11)), (3, Some(12)), (4, None)];
        let f = ChoiceFigures::count(placed.into_iter(), &ranks);
        assert_eq!(
            f,
            ChoiceFigures {
                chose: 3,
                first: 1,
                top3: 2,
                not_ranked: 1,
                no_choices: 1
            }
        );
        assert_eq!(
            f.sentence(),
            "1 of 3 got their 1st choice, 2 a top-3 choice, 1 none of their choices. 1 participant stated no choice."
        );
    }
}
