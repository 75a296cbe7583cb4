//! Building a program's score table from its facts: every participant–mentor
//! pair scored, and ruled out with a reason where a hard rule or the
//! committee says so. Pure: no program file here.

use std::collections::{HashMap, HashSet};

use super::choices::{self, PairChoice};
use super::custom::{CustomScoring, ReasonIds, ScoreRow};
use super::facts::Facts;
use super::names::{library_key, unmatched_name, NameIndex, Wish};
use super::problem::{Cell, Problem};
use super::score::{self, Features, Interner, Stated, Weights};
use crate::identity::names_nobody;
use crate::people::Person;

/// Every reason a pair is ruled out, each text once; cells refer to them by index.
#[derive(Default)]
struct Reasons {
    texts: Vec<String>,
    ids: HashMap<String, u32>,
}

impl ReasonIds for Reasons {
    fn id(&mut self, text: String) -> u32 {
        let texts = &mut self.texts;
        *self.ids.entry(text.clone()).or_insert_with(|| {
            texts.push(text);
            (texts.len() - 1) as u32
        })
    }
}

/// What people wrote about each other, by (participant, mentor) index.
#[derive(Default)]
struct Wishes {
    avoid: HashMap<(usize, usize), u32>,
    requested: HashSet<(usize, usize)>,
    /// Names that match nobody, said before matching.
    unknown_names: Vec<String>,
}

/// The pairs with a rule, by (participant, mentor) index.
struct Rules {
    vetoed: HashMap<(usize, usize), u32>,
    overridden: HashSet<(usize, usize)>,
    avoid: HashMap<(usize, usize), u32>,
    paired_before: HashMap<(usize, usize), u32>,
    requested: HashSet<(usize, usize)>,
    /// Libraries as small ids (0 = not given).
    p_library: Vec<u32>,
    m_library: Vec<u32>,
    /// Per mentor, the reason "Same library: …".
    same_library: Vec<u32>,
    /// What each side ranked, and what a 1st, 2nd, 3rd choice scores.
    choices: HashMap<(usize, usize), PairChoice>,
    choice_shares: [u8; 3],
}

/// Person ids to their row (participant) or column (mentor) in the table.
struct PairIndex {
    participants: HashMap<i64, usize>,
    mentors: HashMap<i64, usize>,
}

impl PairIndex {
    fn new(participants: &[Person], mentors: &[Person]) -> Self {
        let index = |people: &[Person]| people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        Self {
            participants: index(participants),
            mentors: index(mentors),
        }
    }

    fn pair(&self, (p, m): &(i64, i64)) -> Option<(usize, usize)> {
        Some((*self.participants.get(p)?, *self.mentors.get(m)?))
    }
}

/// Scores every pair and rules out the ones a hard rule or the committee excludes.
pub(super) fn build_problem(program_id: i64, facts: Facts) -> Problem {
    let mut reasons = Reasons::default();
    let mut wishes = Wishes::default();
    participant_wishes(
        &facts.participants,
        &facts.mentors,
        &facts.all_participants,
        &mut reasons,
        &mut wishes,
    );
    mentor_avoids(
        &facts.participants,
        &facts.mentors,
        &facts.all_participants,
        &mut reasons,
        &mut wishes,
    );
    topics_to_avoid(
        &facts.participants,
        &facts.mentors,
        &mut reasons,
        &mut wishes,
    );

    let custom = CustomScoring::new(
        facts.criteria,
        &facts.participants,
        &facts.mentors,
        &mut reasons,
    );
    let mut interner = Interner::default();
    let mut features: Vec<Features> = facts
        .participants
        .iter()
        .map(|p| interner.features(p))
        .collect();
    features.extend(facts.mentors.iter().map(|m| interner.features(m)));
    let (p_library, m_library) = library_ids(&facts.participants, &facts.mentors, &facts.aliases);
    let index = PairIndex::new(&facts.participants, &facts.mentors);

    // The few pairs with a committee rule or an earlier pairing, by index.
    let vetoed = vetoed(&facts.vetoes, &index, &mut reasons);
    let overridden: HashSet<(usize, usize)> = facts
        .overrides
        .iter()
        .filter_map(|ids| index.pair(ids))
        .collect();
    let mut paired_before = paired_in_other_programs(
        &facts.participants,
        &facts.mentors,
        &facts.earlier,
        &mut reasons,
    );
    for (pair, reason) in ended_early(&index, &facts.ended_here, &mut reasons) {
        paired_before.insert(pair, reason);
    }
    let same_library: Vec<u32> = facts
        .mentors
        .iter()
        .map(|m| reasons.id(format!("Same library: {}", m.application.library.trim())))
        .collect();
    let stated_choices = choices::by_index(&facts.choices, &facts.participants, &facts.mentors);
    let rules = Rules {
        choices: stated_choices,
        choice_shares: facts.choice_shares,
        vetoed,
        overridden,
        avoid: wishes.avoid,
        paired_before,
        requested: wishes.requested,
        p_library,
        m_library,
        same_library,
    };
    let (cells, rules_behind_vetoes) = score_cells(
        &features,
        facts.participants.len(),
        facts.mentors.len(),
        &facts.weights,
        &rules,
        &custom,
    );
    let locks = facts
        .lock_ids
        .iter()
        .filter_map(|ids| index.pair(ids))
        .collect();
    // The committee's own names questions say the same about names that
    // match nobody; a question read both ways is said once.
    let mut unknown_names = wishes.unknown_names;
    for message in custom.unmatched_names() {
        if !unknown_names.contains(message) {
            unknown_names.push(message.clone());
        }
    }
    let Rules {
        choices: stated_choices,
        choice_shares,
        ..
    } = rules;
    let waiting = facts
        .participants
        .iter()
        .map(|p| facts.waiting.get(&p.id).cloned())
        .collect();
    Problem {
        program_id,
        choices: stated_choices,
        choice_shares,
        weights: facts.weights,
        waiting,
        left_out: facts.left_out,
        participants: facts.participants,
        mentors: facts.mentors,
        capacity: facts.capacity,
        offered: facts.offered,
        cells,
        reasons: reasons.texts,
        locks,
        rules_behind_vetoes,
        unknown_names,
        features,
        interner,
        custom,
    }
}

fn name_index(people: &[Person]) -> NameIndex {
    NameIndex::new(people.iter().map(|p| {
        (
            p.application.name.as_str(),
            p.application.preferred_name.as_str(),
            p.application.email.as_deref(),
        )
    }))
}

/// The mentors each participant asked to avoid, and the one they asked for.
fn participant_wishes(
    participants: &[Person],
    mentors: &[Person],
    all_participants: &[Person],
    reasons: &mut Reasons,
    wishes: &mut Wishes,
) {
    let mentor_names = name_index(mentors);
    // Someone to avoid may be a fellow participant (a colleague, a manager in
    // the same cohort): a known name, just not one that matching can use.
    let fellow_participants = name_index(all_participants);
    let avoided = Avoided {
        names: &mentor_names,
        known_elsewhere: &[&fellow_participants],
        role: "mentor",
    };
    for (i, p) in participants.iter().enumerate() {
        avoided.note(p, |j| (i, j), reasons, wishes);
        if !names_nobody(&p.application.requested_mentor) {
            let asked = &p.application.requested_mentor;
            let found = mentor_names.find(asked);
            if found.is_empty() {
                wishes.unknown_names.extend(unmatched_name(
                    &p.application.name,
                    Wish::Asked,
                    asked,
                    &mentor_names,
                    &[],
                    "mentor",
                ));
            }
            for j in found {
                wishes.requested.insert((i, j));
            }
        }
    }
}

/// A participant who wants guidance in a topic their mentor would rather
/// not mentor on ("…prefer NOT to mentor on") is not paired with them.
fn topics_to_avoid(
    participants: &[Person],
    mentors: &[Person],
    reasons: &mut Reasons,
    wishes: &mut Wishes,
) {
    for (j, m) in mentors.iter().enumerate() {
        let avoided: Vec<(String, &str)> = m
            .application
            .lists
            .avoid_topics
            .iter()
            .map(|t| (score::normalize_answer(t), t.trim()))
            .collect();
        if avoided.is_empty() {
            continue;
        }
        for (i, p) in participants.iter().enumerate() {
            let wanted = p.application.lists.areas.iter().find_map(|a| {
                let key = score::normalize_answer(a);
                avoided.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
            });
            if let Some(topic) = wanted {
                let r = reasons.id(format!(
                    "{} would rather not mentor on {topic}, which {} wants guidance in",
                    m.application.name, p.application.name
                ));
                wishes.avoid.entry((i, j)).or_insert(r);
            }
        }
    }
}

/// The participants each mentor asked to avoid.
fn mentor_avoids(
    participants: &[Person],
    mentors: &[Person],
    all_participants: &[Person],
    reasons: &mut Reasons,
    wishes: &mut Wishes,
) {
    let participant_names = name_index(participants);
    // A mentor may name a participant who already has a confirmed mentor, or
    // a fellow mentor: that name is known, just not among those still to match.
    let everyone_named = name_index(all_participants);
    let fellow_mentors = name_index(mentors);
    let avoided = Avoided {
        names: &participant_names,
        known_elsewhere: &[&everyone_named, &fellow_mentors],
        role: "participant",
    };
    for (j, m) in mentors.iter().enumerate() {
        avoided.note(m, |i| (i, j), reasons, wishes);
    }
}

/// Libraries as small ids (0 = not given), aliases resolved, so the
/// same-library rule is an integer compare.
fn library_ids(
    participants: &[Person],
    mentors: &[Person],
    aliases: &HashMap<String, String>,
) -> (Vec<u32>, Vec<u32>) {
    let mut library_ids: HashMap<String, u32> = HashMap::new();
    let mut library_id = |p: &Person| {
        let key = library_key(&p.application.library);
        let key = aliases.get(&key).cloned().unwrap_or(key);
        if key.is_empty() {
            return 0;
        }
        let next = library_ids.len() as u32 + 1;
        *library_ids.entry(key).or_insert(next)
    };
    let p_library: Vec<u32> = participants.iter().map(&mut library_id).collect();
    let m_library: Vec<u32> = mentors.iter().map(&mut library_id).collect();
    (p_library, m_library)
}

fn vetoed(
    vetoes: &HashMap<(i64, i64), String>,
    index: &PairIndex,
    reasons: &mut Reasons,
) -> HashMap<(usize, usize), u32> {
    let mut vetoed = HashMap::new();
    for (ids, why) in vetoes {
        if let Some(pair) = index.pair(ids) {
            let text = if why.trim().is_empty() {
                "Vetoed by the committee".to_string()
            } else {
                format!("Vetoed by the committee: {}", why.trim())
            };
            vetoed.insert(pair, reasons.id(text));
        }
    }
    vetoed
}

/// Pairs already made in the file's other programs, found by email.
fn paired_in_other_programs(
    participants: &[Person],
    mentors: &[Person],
    earlier: &HashMap<(String, String), String>,
    reasons: &mut Reasons,
) -> HashMap<(usize, usize), u32> {
    let mut paired_before = HashMap::new();
    if earlier.is_empty() {
        return paired_before;
    }
    let by_email = |people: &[Person]| -> HashMap<String, usize> {
        people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.application.email.as_deref()?.to_lowercase(), i)))
            .collect()
    };
    let (p_by_email, m_by_email) = (by_email(participants), by_email(mentors));
    for ((pe, me), program) in earlier {
        if let (Some(&i), Some(&j)) = (p_by_email.get(pe), m_by_email.get(me)) {
            paired_before.insert((i, j), reasons.id(format!("Already paired in {program}")));
        }
    }
    paired_before
}

/// Pairs of this program that ended early, with the reason each is ruled out.
fn ended_early(
    index: &PairIndex,
    ended_here: &[(i64, i64, String)],
    reasons: &mut Reasons,
) -> Vec<((usize, usize), u32)> {
    let mut pairs = Vec::new();
    for (p, m, ended_on) in ended_here {
        if let Some(pair) = index.pair(&(*p, *m)) {
            let why = match ended_on.as_str() {
                "" => "Paired before in this program (ended early)".to_string(),
                day => format!("Paired before in this program (ended {day})"),
            };
            pairs.push((pair, reasons.id(why)));
        }
    }
    pairs
}

/// Every pair's score, and why it is ruled out if it is; also, for vetoed
/// pairs, the hard rule behind the veto. Each thread takes a band of
/// participants: the table is millions of independent cells.
fn score_cells(
    features: &[Features],
    np: usize,
    nm: usize,
    weights: &Weights,
    rules: &Rules,
    custom: &CustomScoring,
) -> (Vec<Cell>, HashMap<(usize, usize), u32>) {
    const CELLS_PER_THREAD: usize = 100_000;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min((np * nm / CELLS_PER_THREAD).max(1));
    let rows_per_band = np.div_ceil(threads).max(1);
    let empty = Cell {
        score: Default::default(),
        custom: 0,
        requested: false,
        forbidden: None,
    };
    let mut cells = vec![empty; np * nm];
    if nm == 0 {
        return (cells, HashMap::new());
    }
    let table = Table {
        features,
        np,
        weights,
        rules,
        custom,
    };
    let mut rules_behind_vetoes = HashMap::new();
    if threads == 1 {
        table.score_rows(0, &mut cells, &mut rules_behind_vetoes);
        return (cells, rules_behind_vetoes);
    }
    std::thread::scope(|scope| {
        let bands: Vec<_> = cells
            .chunks_mut(rows_per_band * nm)
            .enumerate()
            .map(|(band, band_cells)| {
                let table = &table;
                scope.spawn(move || {
                    let mut behind = HashMap::new();
                    table.score_rows(band * rows_per_band, band_cells, &mut behind);
                    behind
                })
            })
            .collect();
        for band in bands {
            // A band's thread only panics on a bug; say so rather than lose it.
            match band.join() {
                Ok(behind) => rules_behind_vetoes.extend(behind),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    (cells, rules_behind_vetoes)
}

/// What scoring a pair reads, shared by the threads.
struct Table<'a> {
    features: &'a [Features],
    np: usize,
    weights: &'a Weights,
    rules: &'a Rules,
    custom: &'a CustomScoring,
}

impl Table<'_> {
    /// Scores the rows from `first` on into `cells` (whole rows).
    fn score_rows(
        &self,
        first: usize,
        cells: &mut [Cell],
        rules_behind_vetoes: &mut HashMap<(usize, usize), u32>,
    ) {
        let (np, rules, custom) = (self.np, self.rules, self.custom);
        let nm = self.features.len() - np;
        // Most programs have few or no pair rules: skip hashing a pair for
        // a map that is empty (hashing is most of a cell's cost otherwise).
        let lookup = |map: &HashMap<(usize, usize), u32>, key| {
            if map.is_empty() {
                None
            } else {
                map.get(&key).copied()
            }
        };
        let (p_library, m_library) = (&rules.p_library, &rules.m_library);
        let mut own = ScoreRow::new(nm);
        for (offset, row) in cells.chunks_exact_mut(nm).enumerate() {
            let i = first + offset;
            if !custom.is_empty() {
                custom.score_row(i, &mut own);
            }
            for (j, cell) in row.iter_mut().enumerate() {
                let key = (i, j);
                let is_requested = !rules.requested.is_empty() && rules.requested.contains(&key);
                let choice_share = match choices::stated(&rules.choices, key) {
                    Some(choice) => choices::share(choice, &rules.choice_shares),
                    None => 0,
                };
                let stated = Stated {
                    requested: is_requested,
                    choice_share,
                };
                let s = score::score(
                    &self.features[i],
                    &self.features[np + j],
                    stated,
                    self.weights,
                );
                let (custom_tenths, custom_rule) = if custom.is_empty() {
                    (0, None)
                } else {
                    own.get(j)
                };
                let same_library = p_library[i] != 0 && p_library[i] == m_library[j];
                let hard_rule = || {
                    if !rules.overridden.is_empty() && rules.overridden.contains(&key) {
                        None
                    } else if same_library {
                        Some(rules.same_library[j])
                    } else {
                        lookup(&rules.avoid, key)
                            .or_else(|| lookup(&rules.paired_before, key))
                            .or(custom_rule)
                    }
                };
                let forbidden = if let Some(r) = lookup(&rules.vetoed, key) {
                    if let Some(rule) = hard_rule() {
                        rules_behind_vetoes.insert(key, rule);
                    }
                    Some(r)
                } else {
                    hard_rule()
                };
                *cell = Cell {
                    score: s,
                    custom: custom_tenths,
                    requested: is_requested,
                    forbidden,
                };
            }
        }
    }
}

/// Where the people someone asked to avoid are looked for.
struct Avoided<'a> {
    /// The people they may be paired with.
    names: &'a NameIndex,
    /// Others whose names are known, though not among those to match.
    known_elsewhere: &'a [&'a NameIndex],
    /// "mentor" or "participant", for the message about a name matching nobody.
    role: &'static str,
}

impl Avoided<'_> {
    /// Each name `who` asked to avoid becomes a rule on the pair `pair(k)`
    /// with the person `k` it names; a name that matches nobody is said.
    fn note(
        &self,
        who: &Person,
        pair: impl Fn(usize) -> (usize, usize),
        reasons: &mut Reasons,
        wishes: &mut Wishes,
    ) {
        let role = self.role;
        for text in &who.application.lists.avoid {
            let found = self.names.find(text);
            if found.is_empty() {
                wishes.unknown_names.extend(unmatched_name(
                    &who.application.name,
                    Wish::Avoided,
                    text,
                    self.names,
                    self.known_elsewhere,
                    role,
                ));
            }
            for k in found {
                let r = reasons.id(format!(
                    "{} asked not to be paired with “{}”",
                    who.application.name,
                    text.trim()
                ));
                wishes.avoid.entry(pair(k)).or_insert(r);
            }
        }
    }
}
