//! The committee's own criteria: each comparison, missing answers, must-match
//! rules (the suggestions are in `suggestion_tests`).

use super::criteria::{Compare, CustomCriterion};
use super::custom::{CustomScoring, ReasonIds, ScoreRow};
use crate::people::{Answer, Application, Person, Role};
use crate::questions::{OptionCount, Question, QuestionKind};

#[derive(Default)]
struct Texts(Vec<String>);

impl ReasonIds for Texts {
    fn id(&mut self, text: String) -> u32 {
        self.0.push(text);
        (self.0.len() - 1) as u32
    }
}

pub(super) fn question(
    id: i64,
    role: Role,
    text: &str,
    kind: QuestionKind,
    options: &[&str],
) -> Question {
    Question {
        id,
        role,
        text: text.into(),
        kind,
        kind_label: kind.label(),
        field: None,
        columns: vec![text.into()],
        options: options
            .iter()
            .map(|o| OptionCount {
                label: o.to_string(),
                count: 1,
            })
            .collect(),
        answered: 1,
    }
}

pub(super) fn person(id: i64, role: Role, name: &str, answers: &[(&str, Answer)]) -> Person {
    Person {
        id,
        program_id: 1,
        role,
        application: Application {
            name: name.into(),
            answers: answers
                .iter()
                .map(|(q, a)| (q.to_string(), a.clone()))
                .collect(),
            ..Application::default()
        },
        flags: vec![],
        capacity_agreed: None,
    }
}

pub(super) fn text(t: &str) -> Answer {
    Answer::Text(t.into())
}

fn list(items: &[&str]) -> Answer {
    Answer::Options(items.iter().map(|s| s.to_string()).collect())
}

pub(super) fn criterion(
    compare: Compare,
    p: Question,
    m: Question,
    weight: u8,
    must: bool,
) -> CustomCriterion {
    CustomCriterion {
        id: 101,
        label: p.text.clone(),
        participant: p,
        mentor: m,
        compare,
        weight,
        must,
        min_similarity: None,
        gate: None,
    }
}

/// Imports a mentor form and a participant form into `program`.
pub(super) fn import_forms(
    store: &mut crate::store::Store,
    program: i64,
    mentors: &std::path::Path,
    participants: &std::path::Path,
) {
    use crate::import::{import_file, ImportOptions};
    for (role, file) in [(Role::Mentor, mentors), (Role::Participant, participants)] {
        import_file(store, program, role, file, &ImportOptions::default(), false)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

/// Scores every pair of one criterion: (points in tenths, ruled out).
pub(super) fn scores(
    c: CustomCriterion,
    participants: &[Person],
    mentors: &[Person],
) -> (Vec<Vec<(u32, bool)>>, CustomScoring) {
    let mut reasons = Texts::default();
    let scoring = CustomScoring::new(vec![c], participants, mentors, &mut reasons);
    let table = (0..participants.len())
        .map(|p| {
            let row = scored_row(&scoring, p, mentors.len());
            row.into_iter()
                .map(|(t, rule)| (t, rule.is_some()))
                .collect()
        })
        .collect();
    (table, scoring)
}

/// One participant's row as matching scores it, checked pair by pair
/// against the per-pair definition.
fn scored_row(scoring: &CustomScoring, p: usize, mentors: usize) -> Vec<(u32, Option<u32>)> {
    let mut row = ScoreRow::new(mentors);
    scoring.score_row(p, &mut row);
    (0..mentors)
        .map(|m| {
            assert_eq!(
                row.get(m),
                scoring.score(p, m),
                "participant {p}, mentor {m}"
            );
            row.get(m)
        })
        .collect()
}

/// Rows (with repeated answers computed once, or scored pair by pair when
/// answers rarely repeat) give every pair exactly the per-pair points and
/// rule, for every comparison, with must-match on and off.
#[test]
fn rows_score_every_pair_as_the_pair_by_pair_definition_does() {
    let scale = ["Never", "Rarely", "Sometimes", "Often", "Always"];
    let topics = ["Budgets", "Grants", "Hiring", "Boards", "Data"];
    let mut seed = 17u64;
    let mut below = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut answers = |count: usize, role: Role, first_id: i64| -> Vec<Person> {
        (0..count)
            .map(|i| {
                let picked: Vec<&str> = topics.iter().copied().filter(|_| below(3) == 0).collect();
                let mut given = vec![
                    (DAY, text(topics[below(5)])),
                    (STYLE, text(scale[below(5)])),
                    // Distinct for most people: scored pair by pair.
                    (YEARS, Answer::Number((below(1000) as f64) / 7.0)),
                ];
                if !picked.is_empty() {
                    given.push((SKILLS, list(&picked)));
                }
                if below(6) == 0 {
                    given.retain(|(q, _)| *q != DAY);
                }
                person(
                    first_id + i as i64,
                    role,
                    &format!("Person {first_id} {i}"),
                    &given,
                )
            })
            .collect()
    };
    let participants = answers(300, Role::Participant, 1);
    let mentors = answers(40, Role::Mentor, 1000);
    let kinds = [
        (DAY, QuestionKind::Single, Compare::Same, &topics[..]),
        (SKILLS, QuestionKind::Multi, Compare::Shared, &topics[..]),
        (SKILLS, QuestionKind::Multi, Compare::Avoid, &topics[..]),
        (STYLE, QuestionKind::Scale, Compare::Closeness, &scale[..]),
        (YEARS, QuestionKind::Number, Compare::Closeness, &[][..]),
        (YEARS, QuestionKind::Number, Compare::MentorMore, &[][..]),
    ];
    for must in [false, true] {
        let criteria: Vec<CustomCriterion> = kinds
            .iter()
            .enumerate()
            .map(|(k, &(text, kind, compare, options))| {
                let mut c = criterion(
                    compare,
                    question(1, Role::Participant, text, kind, options),
                    question(2, Role::Mentor, text, kind, options),
                    10 + 15 * k as u8,
                    must,
                );
                c.id = 101 + k as i64;
                c
            })
            .collect();
        let scoring = CustomScoring::new(criteria, &participants, &mentors, &mut Texts::default());
        let mut ruled_out = 0;
        for p in 0..participants.len() {
            ruled_out += scored_row(&scoring, p, mentors.len())
                .iter()
                .filter(|(_, rule)| rule.is_some())
                .count();
        }
        // The avoid criterion rules out pairs who share a topic; must-match
        // on top of it rules out most pairs.
        assert!(ruled_out > 0, "avoid rules out some pairs (must: {must})");
        if must {
            assert!(ruled_out > participants.len() * mentors.len() / 2);
        }
    }
}

const DAY: &str = "Which day suits you?";
const SKILLS: &str = "Which skills?";
const STYLE: &str = "I like structure";
const YEARS: &str = "Years managing";

#[test]
fn same_answer_scores_full_and_a_missing_answer_counts_half_with_a_warning() {
    let p = question(
        1,
        Role::Participant,
        DAY,
        QuestionKind::Single,
        &["Monday", "Friday"],
    );
    let m = question(
        2,
        Role::Mentor,
        DAY,
        QuestionKind::Single,
        &["Monday", "Friday"],
    );
    let participants = [
        person(1, Role::Participant, "Ann", &[(DAY, text("Monday"))]),
        person(2, Role::Participant, "Bo", &[]),
    ];
    let mentors = [
        person(3, Role::Mentor, "Cy", &[(DAY, text("monday"))]),
        person(4, Role::Mentor, "Dee", &[(DAY, text("Friday"))]),
    ];
    let (table, scoring) = scores(
        criterion(Compare::Same, p, m, 40, false),
        &participants,
        &mentors,
    );
    assert_eq!(table[0], vec![(400, false), (0, false)]);
    // No answer: half the weight, never zero, and said.
    assert_eq!(table[1], vec![(200, false), (200, false)]);
    assert!(scoring.warnings(1, 0)[0].contains("no answer"));
    assert_eq!(
        scoring.explain(0, 0),
        vec![format!("Same answer: {DAY} (Monday)")]
    );
}

#[test]
fn shared_options_score_the_share_of_what_the_participant_picked() {
    let p = question(1, Role::Participant, SKILLS, QuestionKind::Multi, &[]);
    let m = question(
        2,
        Role::Mentor,
        "Skills you can teach",
        QuestionKind::Multi,
        &[],
    );
    let participants = [person(
        1,
        Role::Participant,
        "Ann",
        &[(
            SKILLS,
            list(&["Budgeting", "Negotiation", "Public speaking", "Advocacy"]),
        )],
    )];
    let mentors = [person(
        3,
        Role::Mentor,
        "Cy",
        &[(
            "Skills you can teach",
            list(&["negotiation", "Public speaking"]),
        )],
    )];
    let (table, scoring) = scores(
        criterion(Compare::Shared, p, m, 100, false),
        &participants,
        &mentors,
    );
    assert_eq!(table[0][0], (500, false));
    assert_eq!(
        scoring.explain(0, 0),
        vec!["Both chose: Negotiation, Public speaking".to_string()]
    );
}

#[test]
fn closeness_follows_the_scale_and_mentor_more_needs_a_gap() {
    let scale = [
        "Strongly disagree",
        "Disagree",
        "Neutral",
        "Agree",
        "Strongly agree",
    ];
    let p = question(1, Role::Participant, STYLE, QuestionKind::Scale, &scale);
    let m = question(2, Role::Mentor, STYLE, QuestionKind::Scale, &scale);
    let participants = [person(
        1,
        Role::Participant,
        "Ann",
        &[(STYLE, text("Agree"))],
    )];
    let mentors = [
        person(3, Role::Mentor, "Cy", &[(STYLE, text("Strongly agree"))]),
        person(
            4,
            Role::Mentor,
            "Dee",
            &[(STYLE, text("Strongly disagree"))],
        ),
        person(5, Role::Mentor, "Eve", &[(STYLE, text("Agree"))]),
    ];
    let (table, _) = scores(
        criterion(Compare::Closeness, p, m, 40, false),
        &participants,
        &mentors,
    );
    // Range 4 points: one step apart is 3/4, three steps 1/4, none 1.
    assert_eq!(table[0], vec![(300, false), (100, false), (400, false)]);

    let p = question(1, Role::Participant, YEARS, QuestionKind::Number, &[]);
    let m = question(2, Role::Mentor, YEARS, QuestionKind::Number, &[]);
    let participants = [person(
        1,
        Role::Participant,
        "Ann",
        &[(YEARS, Answer::Number(2.0))],
    )];
    let mentors = [
        person(3, Role::Mentor, "Cy", &[(YEARS, Answer::Number(12.0))]),
        person(4, Role::Mentor, "Dee", &[(YEARS, Answer::Number(4.5))]),
        person(5, Role::Mentor, "Eve", &[(YEARS, Answer::Number(1.0))]),
    ];
    let (table, _) = scores(
        criterion(Compare::MentorMore, p, m, 10, false),
        &participants,
        &mentors,
    );
    assert_eq!(table[0], vec![(100, false), (50, false), (0, false)]);
}

#[test]
fn must_match_rules_a_pair_out_but_a_missing_answer_does_not() {
    let p = question(1, Role::Participant, DAY, QuestionKind::Single, &[]);
    let m = question(2, Role::Mentor, DAY, QuestionKind::Single, &[]);
    let participants = [person(
        1,
        Role::Participant,
        "Ann",
        &[(DAY, text("Monday"))],
    )];
    let mentors = [
        person(3, Role::Mentor, "Cy", &[(DAY, text("Monday"))]),
        person(4, Role::Mentor, "Dee", &[(DAY, text("Friday"))]),
        person(5, Role::Mentor, "Eve", &[]),
    ];
    let (table, scoring) = scores(
        criterion(Compare::Same, p, m, 30, true),
        &participants,
        &mentors,
    );
    assert_eq!(table[0], vec![(300, false), (0, true), (150, false)]);
    assert_eq!(scoring.rule_impact(3), vec![(101, DAY.to_string(), 0)]);
    // With only Dee, Ann has no possible mentor: the screen says so before computing.
    let (_, scoring) = scores(
        criterion(
            Compare::Same,
            question(1, Role::Participant, DAY, QuestionKind::Single, &[]),
            question(2, Role::Mentor, DAY, QuestionKind::Single, &[]),
            30,
            true,
        ),
        &participants,
        &mentors[1..2],
    );
    assert_eq!(scoring.rule_impact(1)[0].2, 1);
}

#[test]
fn names_requested_and_avoided_work_both_ways() {
    let wants = "Anyone you would like to mentor?";
    let p = question(1, Role::Participant, "Name", QuestionKind::Contact, &[]);
    let m = question(2, Role::Mentor, wants, QuestionKind::Names, &[]);
    let participants = [
        person(1, Role::Participant, "Ann Lee", &[]),
        person(2, Role::Participant, "Bo Chen", &[]),
    ];
    let mentors = [person(
        3,
        Role::Mentor,
        "Cy Diaz",
        &[(wants, list(&["Lee, Ann", "Dee Fox", "No preference"]))],
    )];
    let (table, scoring) = scores(
        criterion(Compare::Requested, p.clone(), m.clone(), 20, false),
        &participants,
        &mentors,
    );
    assert_eq!(table, vec![vec![(200, false)], vec![(0, false)]]);
    // A name that matches nobody is told to the committee; "No preference" names nobody.
    assert_eq!(
        scoring.unmatched_names().collect::<Vec<_>>(),
        vec!["Cy Diaz asked for “Dee Fox” as their mentee, but no participant has that name. Check the spelling; to honour the wish, lock the pair by hand."]
    );
    assert_eq!(
        scoring.explain(0, 0),
        vec!["Cy Diaz asked for Lee, Ann".to_string()]
    );
    let (table, _) = scores(
        criterion(Compare::Avoid, p, m, 0, false),
        &participants,
        &mentors,
    );
    assert_eq!(table, vec![vec![(0, true)], vec![(0, false)]]);
}

#[test]
fn a_topic_the_mentor_would_rather_not_mentor_on_rules_out_who_wants_it() {
    let p = question(1, Role::Participant, SKILLS, QuestionKind::Multi, &[]);
    let m = question(
        2,
        Role::Mentor,
        "Topics you would prefer NOT to mentor on",
        QuestionKind::Multi,
        &[],
    );
    let participants = [
        person(
            1,
            Role::Participant,
            "Ann",
            &[(SKILLS, list(&["Budgeting"]))],
        ),
        person(2, Role::Participant, "Bo", &[(SKILLS, list(&["Advocacy"]))]),
    ];
    let mentors = [person(
        3,
        Role::Mentor,
        "Cy",
        &[(
            "Topics you would prefer NOT to mentor on",
            list(&["Budgeting"]),
        )],
    )];
    let (table, _) = scores(
        criterion(Compare::Avoid, p, m, 0, false),
        &participants,
        &mentors,
    );
    assert_eq!(table, vec![vec![(0, true)], vec![(0, false)]]);
}

/// A "same answer" criterion gated by "Would you prefer someone of the same
/// gender?" counts only for participants who said yes.
#[test]
fn a_gated_sameness_counts_only_for_those_who_said_yes() {
    let gate = question(
        3,
        Role::Participant,
        "Would you prefer someone of the same gender?",
        QuestionKind::Single,
        &["Yes", "No"],
    );
    let p = question(
        1,
        Role::Participant,
        "Gender",
        QuestionKind::Single,
        &["Woman", "Man"],
    );
    let m = question(
        2,
        Role::Mentor,
        "Gender",
        QuestionKind::Single,
        &["Woman", "Man"],
    );
    let participants = vec![
        person(
            1,
            Role::Participant,
            "Asked",
            &[("Gender", text("Woman")), (gate.text.as_str(), text("Yes"))],
        ),
        person(
            2,
            Role::Participant,
            "Did not",
            &[
                ("Gender", text("Woman")),
                (gate.text.as_str(), text("No preference")),
            ],
        ),
    ];
    let mentors = vec![
        person(10, Role::Mentor, "W", &[("Gender", text("Woman"))]),
        person(11, Role::Mentor, "M", &[("Gender", text("Man"))]),
    ];
    for must in [false, true] {
        let mut c = criterion(Compare::Same, p.clone(), m.clone(), 100, must);
        c.gate = Some(gate.clone());
        let (table, _) = scores(c, &participants, &mentors);
        assert_eq!(table[0][0], (1000, false));
        assert_eq!(table[0][1], (0, must));
        // Not asked: the question adds nothing and rules nothing out.
        assert_eq!(table[1], vec![(0, false), (0, false)]);
    }
}
