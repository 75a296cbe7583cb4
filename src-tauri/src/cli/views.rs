//! The documented JSON of the commands whose `--json` is not a core type as
//! it is: one view type per command, all here, so the command line's
//! contracts sit in one place. Every other `--json` prints the core's own
//! serde types, the same ones the window receives.

use std::collections::BTreeMap;

use matchbook::import::{Attention, ImportReport, RoleCounts};
use matchbook::matching::score::points;
use matchbook::matching::{
    ChoiceFigures, Gaps, GroupView, MatchView, PersonRef, Problem, Quality, UnmatchedView, Weights,
};
use matchbook::people::Person;
use matchbook::questions::{answers_of, Question};
use matchbook::tracking::PairStatus;
use serde::Serialize;

/// `import --json`: counts, rows needing attention, the mapping used (the
/// core's report without its internal parts).
#[derive(Serialize)]
pub struct ImportJson<'a> {
    import_id: Option<i64>,
    file: &'a str,
    sheet: &'a str,
    /// Whose applications: "mentor", "participant" or "both" (given with --as, or recognised).
    role: &'static str,
    rows: usize,
    added: usize,
    updated: usize,
    unchanged: usize,
    blank: usize,
    merged: usize,
    not_imported: usize,
    attention: &'a [Attention],
    mapping: &'a BTreeMap<String, String>,
    dry_run: bool,
    /// With `--as both`: rows by the role their answer named.
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<&'a RoleCounts>,
}

impl<'a> From<&'a ImportReport> for ImportJson<'a> {
    fn from(r: &'a ImportReport) -> Self {
        ImportJson {
            import_id: r.import_id,
            file: &r.file_name,
            sheet: &r.sheet,
            role: r.role.as_str(),
            rows: r.rows,
            added: r.added,
            updated: r.updated,
            unchanged: r.unchanged,
            blank: r.blank,
            merged: r.merged,
            not_imported: r.not_imported,
            attention: &r.attention,
            mapping: &r.mapping,
            dry_run: r.dry_run,
            roles: r.roles.as_ref(),
        }
    }
}

/// `match run --json` and `match show --json`: people are named by their key
/// (email, else name), so scripts can join it with `match scores`.
#[derive(Serialize)]
pub struct MatchesJson<'a> {
    status: &'a str,
    version: Option<i64>,
    goal: &'static str,
    pairs: Vec<PairJson<'a>>,
    unmatched: Vec<UnmatchedJson<'a>>,
    total_score: f64,
    gaps: &'a Option<Gaps>,
    /// A shared program's proposal computed before other members' changes arrived.
    stale: &'a Option<String>,
    /// The figures the window's results show beside the pairs.
    quality: MatchQualityJson,
    /// A mentor's groups, or peer circles (`mentor` null); empty in a one-to-one program.
    groups: Vec<GroupJson<'a>>,
}

/// `match run|show --json`'s `quality`: how many participants' ranked
/// choices the pairs honour (null when nobody stated choices).
#[derive(Serialize)]
struct MatchQualityJson {
    choices: Option<ChoiceFigures>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    id: i64,
    name: &'a str,
    mentor: Option<String>,
    members: Vec<String>,
    reasons: &'a [String],
    score: f64,
}

impl<'a> From<&'a GroupView> for GroupJson<'a> {
    fn from(g: &'a GroupView) -> Self {
        GroupJson {
            id: g.id,
            name: &g.name,
            mentor: g.mentor.as_ref().map(PersonRef::key),
            members: g.members.iter().map(PersonRef::key).collect(),
            reasons: &g.reasons,
            score: g.score,
        }
    }
}

#[derive(Serialize)]
struct PairJson<'a> {
    participant: String,
    mentor: String,
    participant_name: &'a str,
    mentor_name: &'a str,
    score: f64,
    locked: bool,
    breakdown: &'a BTreeMap<String, f64>,
    reasons: &'a [String],
    warnings: &'a [String],
}

#[derive(Serialize)]
struct UnmatchedJson<'a> {
    participant: String,
    participant_name: &'a str,
    reason: &'a str,
}

impl<'a> From<&'a UnmatchedView> for UnmatchedJson<'a> {
    fn from(u: &'a UnmatchedView) -> Self {
        UnmatchedJson {
            participant: u.participant.key(),
            participant_name: &u.participant.name,
            reason: &u.reason,
        }
    }
}

impl<'a> From<&'a MatchView> for MatchesJson<'a> {
    fn from(view: &'a MatchView) -> Self {
        MatchesJson {
            status: &view.status,
            version: view.version_id,
            goal: view.goal.key(),
            pairs: view
                .pairs
                .iter()
                .map(|p| PairJson {
                    participant: p.participant.key(),
                    mentor: p.mentor.key(),
                    participant_name: &p.participant.name,
                    mentor_name: &p.mentor.name,
                    score: p.score,
                    locked: p.locked,
                    breakdown: &p.breakdown,
                    reasons: &p.chips,
                    warnings: &p.warnings,
                })
                .collect(),
            unmatched: view.unmatched.iter().map(UnmatchedJson::from).collect(),
            total_score: view.total_score,
            gaps: &view.gaps,
            groups: view.groups.iter().map(GroupJson::from).collect(),
            stale: &view.stale,
            quality: MatchQualityJson {
                choices: view.choices,
            },
        }
    }
}

/// `match quality --json`: the figures of one version, people by key.
/// `would_rather_swap` is every blocking pair, not a sample.
#[derive(Serialize)]
pub struct QualityJson<'a> {
    version: Option<i64>,
    goal: &'static str,
    pairs: usize,
    total_score: f64,
    lowest: f64,
    median: f64,
    highest: f64,
    histogram: &'a [matchbook::matching::quality::Bar],
    weak_below: f64,
    weak_pairs: usize,
    weakest: Vec<WeakJson<'a>>,
    requested_honoured: Honoured,
    unmatched: usize,
    unmatched_participants: Vec<UnmatchedJson<'a>>,
    would_rather_swap: Vec<SwapJson<'a>>,
    /// How many participants' ranked choices are honoured (null when nobody stated choices).
    choices: Option<ChoiceFigures>,
}

#[derive(Serialize)]
struct WeakJson<'a> {
    participant: String,
    mentor: String,
    participant_name: &'a str,
    mentor_name: &'a str,
    score: f64,
    locked: bool,
    reasons: &'a [String],
}

#[derive(Serialize)]
struct Honoured {
    asked: usize,
    got: usize,
}

#[derive(Serialize)]
struct SwapJson<'a> {
    participant: String,
    mentor: String,
    participant_name: &'a str,
    mentor_name: &'a str,
    score_together: f64,
    participant_now: f64,
    mentor_now: Option<f64>,
}

impl<'a> From<&'a Quality> for QualityJson<'a> {
    fn from(q: &'a Quality) -> Self {
        QualityJson {
            version: q.version_id,
            goal: q.goal.key(),
            pairs: q.pairs,
            total_score: q.total_score,
            lowest: q.lowest,
            median: q.median,
            highest: q.highest,
            histogram: &q.histogram,
            weak_below: q.weak_below,
            weak_pairs: q.weak_pairs,
            weakest: q
                .weakest
                .iter()
                .map(|w| WeakJson {
                    participant: w.participant.key(),
                    mentor: w.mentor.key(),
                    participant_name: &w.participant.name,
                    mentor_name: &w.mentor.name,
                    score: w.score,
                    locked: w.locked,
                    reasons: &w.reasons,
                })
                .collect(),
            requested_honoured: Honoured {
                asked: q.asked,
                got: q.got_requested,
            },
            unmatched: q.unmatched.len(),
            unmatched_participants: q.unmatched.iter().map(UnmatchedJson::from).collect(),
            would_rather_swap: q
                .would_rather_swap
                .iter()
                .map(|s| SwapJson {
                    participant: s.participant.key(),
                    mentor: s.mentor.key(),
                    participant_name: &s.participant.name,
                    mentor_name: &s.mentor.name,
                    score_together: s.score,
                    participant_now: s.participant_now,
                    mentor_now: s.mentor_now,
                })
                .collect(),
            choices: q.choices,
        }
    }
}

/// `match show --json` when nothing was computed or confirmed yet: the same
/// shape, empty, with status "none".
#[derive(Serialize)]
pub struct NoMatchesJson {
    status: &'static str,
    pairs: Vec<PairJson<'static>>,
    unmatched: Vec<UnmatchedJson<'static>>,
    total_score: f64,
}

impl NoMatchesJson {
    pub fn none() -> Self {
        NoMatchesJson {
            status: "none",
            pairs: Vec::new(),
            unmatched: Vec::new(),
            total_score: 0.0,
        }
    }
}

/// `match scores --json`: the score table the solver sees, participants ×
/// mentors by key; a ruled-out pair has no score and a reason instead.
#[derive(Serialize)]
pub struct ScoresJson<'a> {
    participants: Vec<String>,
    mentors: Vec<String>,
    capacity: BTreeMap<String, u32>,
    locks: Vec<[String; 2]>,
    weights: &'a Weights,
    scores: Vec<Vec<Option<f64>>>,
    forbidden_reasons: Vec<Vec<Option<&'a str>>>,
}

impl<'a> From<&'a Problem> for ScoresJson<'a> {
    fn from(problem: &'a Problem) -> Self {
        let key = |p: &Person| PersonRef::of(p).key();
        let mentors: Vec<String> = problem.mentors.iter().map(key).collect();
        let mut scores = Vec::with_capacity(problem.participants.len());
        let mut reasons = Vec::with_capacity(problem.participants.len());
        for p in 0..problem.participants.len() {
            let cells = (0..mentors.len()).map(|m| problem.cell(p, m));
            let (row, why) = cells
                .map(|cell| match problem.reason(cell) {
                    Some(reason) => (None, Some(reason)),
                    None => (Some(points(cell.total_tenths())), None),
                })
                .unzip();
            scores.push(row);
            reasons.push(why);
        }
        ScoresJson {
            participants: problem.participants.iter().map(key).collect(),
            capacity: mentors
                .iter()
                .cloned()
                .zip(problem.capacity.iter().copied())
                .collect(),
            mentors,
            locks: problem
                .locks
                .iter()
                .map(|&(p, m)| [key(&problem.participants[p]), key(&problem.mentors[m])])
                .collect(),
            weights: &problem.weights,
            scores,
            forbidden_reasons: reasons,
        }
    }
}

/// `meetings add --group ID --json`: the meeting's number and its group.
#[derive(Serialize)]
pub struct GroupMeetingAdded {
    pub id: i64,
    pub group: i64,
}

/// `meetings add --json`: the new meeting's number and where the pair now stands.
#[derive(Serialize)]
pub struct MeetingAdded<'a> {
    pub id: i64,
    pub pair: &'a PairStatus,
}

/// `goals add --json`: the new goal's number and its pair.
#[derive(Serialize)]
pub struct GoalAdded {
    pub id: i64,
    pub match_id: i64,
}

/// `people list --json`: each person as the core serializes them, with
/// `answers` keyed by question number (`questions list` names them) and
/// `history`, their earlier programs in the file.
pub fn people_with_answers(
    people: &[Person],
    questions: &[Question],
    history: &std::collections::BTreeMap<i64, Vec<String>>,
) -> Vec<serde_json::Value> {
    people
        .iter()
        .map(|p| {
            let mut json = serde_json::to_value(p).unwrap_or_default();
            let answers = answers_of(questions, p);
            json["answers"] = serde_json::to_value(answers).unwrap_or_default();
            json["history"] = serde_json::to_value(history.get(&p.id).cloned().unwrap_or_default())
                .unwrap_or_default();
            json
        })
        .collect()
}
