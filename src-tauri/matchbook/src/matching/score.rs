//! Compatibility of one participant with one mentor: a weighted sum of
//! criteria, each in [0, 1], kept as integer tenths of a point so sums are
//! exact and the solver sees integers.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::people::Person;

/// What the score is made of, in the order the committee sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    Areas,
    LibraryType,
    Geography,
    MeetingMode,
    Experience,
    RequestedMentor,
    TheirChoice,
}

impl Criterion {
    pub const ALL: [Criterion; 7] = [
        Criterion::Areas,
        Criterion::LibraryType,
        Criterion::Geography,
        Criterion::MeetingMode,
        Criterion::Experience,
        Criterion::RequestedMentor,
        Criterion::TheirChoice,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Criterion::Areas => "areas",
            Criterion::LibraryType => "library_type",
            Criterion::Geography => "geography",
            Criterion::MeetingMode => "meeting_mode",
            Criterion::Experience => "experience",
            Criterion::RequestedMentor => "requested_mentor",
            Criterion::TheirChoice => "their_choice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Criterion::Areas => "Shared areas",
            Criterion::LibraryType => "Library type",
            Criterion::Geography => "Geography",
            Criterion::MeetingMode => "Meeting mode",
            Criterion::Experience => "Experience gap",
            Criterion::RequestedMentor => "Requested mentor",
            Criterion::TheirChoice => "Their choice",
        }
    }

    /// What the slider means, in the committee's words.
    pub fn description(self) -> &'static str {
        match self {
            Criterion::Areas => "Share of the areas the participant wants guidance in that the mentor offers.",
            Criterion::LibraryType => "Both work in the same type of library.",
            Criterion::Geography => "Same region or city; counts fully when either prefers meeting in person, half otherwise.",
            Criterion::MeetingMode => "They share a preferred way of meeting (in person, video, phone).",
            Criterion::Experience => "The mentor has more years of experience: full marks from 5 more years, none if fewer.",
            Criterion::RequestedMentor => "The participant asked for this mentor by name.",
            Criterion::TheirChoice => "One of them ranked the other among their choices: a 1st choice scores the full weight, a 2nd and a 3rd a share of it.",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    pub fn parse(key: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The weight of each criterion, 0–100; a pair's score is Σ weight × value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights(pub BTreeMap<Criterion, u8>);

impl Default for Weights {
    fn default() -> Self {
        Weights(BTreeMap::from([
            (Criterion::Areas, 40),
            (Criterion::LibraryType, 10),
            (Criterion::Geography, 15),
            (Criterion::MeetingMode, 10),
            (Criterion::Experience, 10),
            (Criterion::RequestedMentor, 15),
            (Criterion::TheirChoice, 30),
        ]))
    }
}

impl Weights {
    pub fn get(&self, c: Criterion) -> u8 {
        self.0.get(&c).copied().unwrap_or(0)
    }
}

/// One pair's score: tenths of a point per criterion, and which criteria had
/// no answer on one side (those score 0 and are shown as missing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairScore {
    pub tenths: [u16; 7],
    pub missing: u8,
}

impl PairScore {
    pub fn total_tenths(&self) -> i64 {
        self.tenths.iter().map(|&t| i64::from(t)).sum()
    }
    pub fn is_missing(&self, c: Criterion) -> bool {
        self.missing & (1 << c.index()) != 0
    }
    pub fn part(&self, c: Criterion) -> u16 {
        self.tenths[c.index()]
    }
}

/// Tenths as the number shown and exported (one decimal).
pub fn points(tenths: i64) -> f64 {
    tenths as f64 / 10.0
}

const IN_PERSON: u8 = 1;
const VIDEO: u8 = 2;
const PHONE: u8 = 4;
const ANY: u8 = 8;

/// What of a person the criteria need, with answers interned to small ids.
#[derive(Debug, Clone, Default)]
pub struct Features {
    areas: Vec<u32>,
    library_types: Vec<u32>,
    modes: u8,
    region: Option<u32>,
    city: Option<u32>,
    years: Option<f64>,
}

impl Features {
    /// Whether this person answered what a criterion reads.
    pub fn has_answer(&self, c: Criterion) -> bool {
        match c {
            Criterion::Areas => !self.areas.is_empty(),
            Criterion::LibraryType => !self.library_types.is_empty(),
            Criterion::Geography => self.region.is_some() || self.city.is_some(),
            Criterion::MeetingMode => self.modes != 0,
            Criterion::Experience => self.years.is_some(),
            Criterion::RequestedMentor | Criterion::TheirChoice => true,
        }
    }
}

/// Interns normalized answers so comparing two people compares integers.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    /// The first spelling seen of each id, for display.
    pub spelling: Vec<String>,
}

impl Interner {
    fn id(&mut self, text: &str) -> Option<u32> {
        let key = normalize_answer(text);
        if key.is_empty() {
            return None;
        }
        if let Some(&id) = self.ids.get(&key) {
            return Some(id);
        }
        let id = self.spelling.len() as u32;
        self.ids.insert(key, id);
        self.spelling.push(text.trim().to_string());
        Some(id)
    }

    fn ids(&mut self, texts: &[String]) -> Vec<u32> {
        let mut v: Vec<u32> = texts.iter().filter_map(|t| self.id(t)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    pub fn features(&mut self, person: &Person) -> Features {
        let a = &person.application;
        Features {
            areas: self.ids(&a.lists.areas),
            library_types: self.ids(&a.lists.library_types),
            modes: meeting_modes(&a.lists.meeting_modes),
            region: self.id(&a.region),
            city: self.id(&a.city),
            years: a.years_experience.filter(|y| y.is_finite()),
        }
    }
}

/// Lowercase, trimmed, inner whitespace collapsed: whole answers compare equal
/// only when they are the same option, never as substrings ("AI" ≠ "retail").
pub fn normalize_answer(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads meeting preferences word by word ("Video call" is video, not phone;
/// "company" is not "any").
fn meeting_modes(answers: &[String]) -> u8 {
    let mut bits = 0;
    for answer in answers {
        let lower = answer.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
        let video = has(&[
            "video", "zoom", "teams", "virtual", "online", "remote", "hybrid", "facetime", "skype",
            "webex",
        ]);
        if lower.contains("no preference")
            || has(&["any", "either", "flexible", "whatever", "anything"])
        {
            bits |= ANY;
        }
        if has(&["person", "hybrid", "face"]) {
            bits |= IN_PERSON;
        }
        if video {
            bits |= VIDEO;
        }
        if has(&["phone", "telephone"]) || (has(&["call", "calls"]) && !video) {
            bits |= PHONE;
        }
    }
    bits
}

fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn shared_ids(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

fn prefers_in_person(modes: u8) -> bool {
    modes & (IN_PERSON | ANY) != 0
}

/// What people stated about a pair: the participant asked for the mentor
/// by name; the share (percent) their ranked choices earn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stated {
    pub requested: bool,
    pub choice_share: u8,
}

/// Each criterion's value in [0, 1], or None when an answer is missing.
fn values(p: &Features, m: &Features, stated: Stated) -> [Option<f64>; 7] {
    let areas = (!p.areas.is_empty() && !m.areas.is_empty())
        .then(|| shared(&p.areas, &m.areas) as f64 / p.areas.len() as f64);
    let library_type = (!p.library_types.is_empty() && !m.library_types.is_empty())
        .then(|| f64::from(u8::from(shared(&p.library_types, &m.library_types) > 0)));
    let same_place = match ((p.region, m.region), (p.city, m.city)) {
        ((Some(a), Some(b)), _) if a == b => Some(true),
        (_, (Some(a), Some(b))) if a == b => Some(true),
        ((Some(_), Some(_)), _) | (_, (Some(_), Some(_))) => Some(false),
        _ => None,
    };
    // Distance matters less to two people happy to meet by video or phone.
    let in_person =
        (p.modes == 0 && m.modes == 0) || prefers_in_person(p.modes) || prefers_in_person(m.modes);
    let geography = same_place.map(|same| match (same, in_person) {
        (false, _) => 0.0,
        (true, true) => 1.0,
        (true, false) => 0.5,
    });
    let meeting_mode = (p.modes != 0 && m.modes != 0).then(|| {
        let compatible = (p.modes | m.modes) & ANY != 0 || p.modes & m.modes != 0;
        f64::from(u8::from(compatible))
    });
    let experience = match (p.years, m.years) {
        (Some(py), Some(my)) => Some(((my - py) / 5.0).clamp(0.0, 1.0)),
        _ => None,
    };
    let requested_mentor = Some(f64::from(u8::from(stated.requested)));
    let their_choice = Some(f64::from(stated.choice_share) / 100.0);
    [
        areas,
        library_type,
        geography,
        meeting_mode,
        experience,
        requested_mentor,
        their_choice,
    ]
}

/// The score of one pair under the weights.
pub fn score(p: &Features, m: &Features, stated: Stated, weights: &Weights) -> PairScore {
    let mut s = PairScore::default();
    for (c, value) in Criterion::ALL.into_iter().zip(values(p, m, stated)) {
        match value {
            Some(v) => s.tenths[c.index()] = (f64::from(weights.get(c)) * v * 10.0).round() as u16,
            None => s.missing |= 1 << c.index(),
        }
    }
    s
}

/// The reasons behind a pair's score, as short phrases for chips.
pub fn explain(p: &Features, m: &Features, requested: bool, interner: &Interner) -> Vec<String> {
    let name = |id: u32| {
        interner
            .spelling
            .get(id as usize)
            .cloned()
            .unwrap_or_default()
    };
    let mut chips = Vec::new();
    let areas = shared_ids(&p.areas, &m.areas);
    if !areas.is_empty() {
        chips.push(format!(
            "Shared areas: {}",
            areas.into_iter().map(name).collect::<Vec<_>>().join(", ")
        ));
    }
    let types = shared_ids(&p.library_types, &m.library_types);
    if !types.is_empty() {
        chips.push(format!(
            "Same library type: {}",
            types.into_iter().map(name).collect::<Vec<_>>().join(", ")
        ));
    }
    match ((p.region, m.region), (p.city, m.city)) {
        ((Some(a), Some(b)), _) if a == b => chips.push(format!("Same region: {}", name(a))),
        (_, (Some(a), Some(b))) if a == b => chips.push(format!("Same city: {}", name(a))),
        _ => {}
    }
    if p.modes != 0 && m.modes != 0 {
        let common = p.modes & m.modes & (IN_PERSON | VIDEO | PHONE);
        let words: Vec<&str> = [
            (IN_PERSON, "in person"),
            (VIDEO, "by video"),
            (PHONE, "by phone"),
        ]
        .into_iter()
        .filter(|(bit, _)| common & bit != 0)
        .map(|(_, w)| w)
        .collect();
        if !words.is_empty() {
            chips.push(format!("Both can meet {}", words.join(" or ")));
        } else if (p.modes | m.modes) & ANY != 0 {
            chips.push("Flexible about how to meet".into());
        }
    }
    if let (Some(py), Some(my)) = (p.years, m.years) {
        let gap = my - py;
        if gap >= 1.0 {
            chips.push(if gap == 1.0 {
                "1 more year of experience".to_string()
            } else {
                format!("{} more years of experience", trim_number(gap))
            });
        } else {
            chips.push(format!(
                "Mentor has {} years, participant {}",
                trim_number(my),
                trim_number(py)
            ));
        }
    }
    if requested {
        chips.push("Asked for this mentor".into());
    }
    chips
}

/// The criteria with a missing answer, as warnings; `asked` leaves out
/// criteria the forms never asked about.
pub fn warnings(s: &PairScore, asked: impl Fn(Criterion) -> bool) -> Vec<String> {
    Criterion::ALL
        .into_iter()
        .filter(|&c| s.is_missing(c) && asked(c))
        .map(|c| format!("{}: no answer on one side", c.label()))
        .collect()
}

/// What a pair lacks: each weighted built-in criterion (the requested
/// mentor aside) where the pair earns less than half its weight, with both
/// answers given. The words for a weak pair's "why".
pub fn shortfalls(s: &PairScore, weights: &Weights) -> Vec<String> {
    Criterion::ALL
        .into_iter()
        .filter(|&c| {
            !matches!(c, Criterion::RequestedMentor | Criterion::TheirChoice) && !s.is_missing(c)
        })
        .filter(|&c| {
            let most = u32::from(weights.get(c)) * 10;
            most > 0 && u32::from(s.part(c)) * 2 < most
        })
        .map(|c| {
            let none = s.part(c) == 0;
            match c {
                Criterion::Areas if none => "No area in common",
                Criterion::Areas => "Few areas in common",
                Criterion::LibraryType => "Different types of library",
                Criterion::Geography => "Not in the same region or city",
                Criterion::MeetingMode => "No way of meeting in common",
                Criterion::Experience if none => "The mentor is not more experienced",
                Criterion::Experience => "The mentor has only a little more experience",
                Criterion::RequestedMentor | Criterion::TheirChoice => "",
            }
            .to_string()
        })
        .collect()
}

fn trim_number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{Application, Lists, Role};

    fn person(areas: &[&str], region: &str, modes: &[&str], years: Option<f64>) -> Person {
        Person {
            id: 1,
            program_id: 1,
            role: Role::Participant,
            application: Application {
                name: "X".into(),
                region: region.into(),
                years_experience: years,
                lists: Lists {
                    areas: areas.iter().map(|s| s.to_string()).collect(),
                    meeting_modes: modes.iter().map(|s| s.to_string()).collect(),
                    ..Lists::default()
                },
                ..Application::default()
            },
            flags: vec![],
            capacity_agreed: None,
        }
    }

    fn pair(p: &Person, m: &Person, requested: bool) -> (PairScore, Vec<String>) {
        let mut i = Interner::default();
        let (fp, fm) = (i.features(p), i.features(m));
        (
            score(
                &fp,
                &fm,
                Stated {
                    requested,
                    choice_share: 0,
                },
                &Weights::default(),
            ),
            explain(&fp, &fm, requested, &i),
        )
    }

    #[test]
    fn areas_compare_whole_options_never_substrings() {
        let p = person(&["AI"], "", &[], None);
        let m = person(&["Retail", "Maintaining"], "", &[], None);
        let (s, chips) = pair(&p, &m, false);
        assert_eq!(s.part(Criterion::Areas), 0);
        assert!(!s.is_missing(Criterion::Areas));
        assert!(chips.iter().all(|c| !c.starts_with("Shared areas")));
        let m = person(&["  advocacy ", "Budgeting"], "", &[], None);
        let p = person(&["Advocacy", "Grant writing"], "", &[], None);
        let (s, chips) = pair(&p, &m, false);
        assert_eq!(
            s.part(Criterion::Areas),
            200,
            "half of 40 points, in tenths"
        );
        assert!(
            chips.contains(&"Shared areas: Advocacy".to_string()),
            "{chips:?}"
        );
    }

    #[test]
    fn missing_answers_score_zero_and_are_flagged() {
        let p = person(&[], "", &[], None);
        let m = person(&["Advocacy"], "North", &["Video"], Some(20.0));
        let (s, _) = pair(&p, &m, false);
        assert_eq!(s.total_tenths(), 0);
        for c in [
            Criterion::Areas,
            Criterion::Geography,
            Criterion::MeetingMode,
            Criterion::Experience,
        ] {
            assert!(s.is_missing(c), "{c:?}");
        }
        assert!(!s.is_missing(Criterion::RequestedMentor));
        assert_eq!(
            warnings(&s, |_| true).len(),
            5,
            "library type too: {:?}",
            warnings(&s, |_| true)
        );
    }

    #[test]
    fn experience_gap_and_geography_follow_meeting_preferences() {
        let p = person(&[], "Northeast", &["In person"], Some(2.0));
        let m = person(&[], "northeast", &["Video call", "In-person"], Some(12.0));
        let (s, chips) = pair(&p, &m, false);
        assert_eq!(s.part(Criterion::Experience), 100);
        assert_eq!(s.part(Criterion::Geography), 150);
        assert_eq!(s.part(Criterion::MeetingMode), 100);
        assert!(
            chips.contains(&"Same region: Northeast".to_string()),
            "{chips:?}"
        );
        let junior = person(&[], "South", &["Video"], Some(15.0));
        let remote_p = person(&[], "South", &["Video"], Some(2.0));
        let (s, _) = pair(&junior, &remote_p, false);
        assert_eq!(
            s.part(Criterion::Experience),
            0,
            "mentor with fewer years scores nothing"
        );
        assert_eq!(
            s.part(Criterion::Geography),
            75,
            "same region counts half for two video-only people"
        );
    }

    #[test]
    fn meeting_modes_are_read_word_by_word() {
        assert_eq!(meeting_modes(&["Video call".into()]), VIDEO);
        assert_eq!(meeting_modes(&["Phone call".into()]), PHONE);
        assert_eq!(
            meeting_modes(&["In-person".into(), "Face to face".into()]),
            IN_PERSON
        );
        assert_eq!(
            meeting_modes(&["Meet at my company".into()]),
            0,
            "company is not any"
        );
        assert_eq!(meeting_modes(&["No preference".into()]), ANY);
    }

    #[test]
    fn requested_mentor_is_a_bonus_not_a_requirement() {
        let p = person(&[], "", &[], None);
        let m = person(&[], "", &[], None);
        assert_eq!(pair(&p, &m, true).0.part(Criterion::RequestedMentor), 150);
        assert_eq!(pair(&p, &m, false).0.part(Criterion::RequestedMentor), 0);
    }
}
