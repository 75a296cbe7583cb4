//! "Similar writing" as one of the committee's own criteria: scored by rows
//! exactly as pair by pair, and its must-match minimum.

use super::criteria::Compare;
use super::criteria_tests::{criterion, person, question, scores, text};
use crate::people::{Answer, Person, Role};
use crate::questions::QuestionKind;

/// Similar writing: rows give every pair its per-pair points, the pair who
/// wrote about one subject scores highest, a missing answer counts half,
/// and must-match holds at the committee's minimum similarity.
#[test]
fn similar_writing_scores_rows_as_pairs_and_holds_its_minimum() {
    let p = question(
        1,
        Role::Participant,
        "What would you like help with?",
        QuestionKind::Text,
        &[],
    );
    let m = question(
        2,
        Role::Mentor,
        "What could you help a mentee with?",
        QuestionKind::Text,
        &[],
    );
    let wants = [
        "I want to learn to write grant proposals for IMLS and LSTA funding for our rural branch.",
        "Starting a makerspace with 3D printers for teens.",
        "",
    ];
    let offers = [
        "I won IMLS and LSTA grants for a small rural library and review proposals.",
        "I run a makerspace: 3D printing and teen coding clubs.",
        "I enjoy helping new librarians in their careers.",
    ];
    let participants: Vec<Person> = wants
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let answers: Vec<(&str, Answer)> = if w.is_empty() {
                vec![]
            } else {
                vec![(p.text.as_str(), text(w))]
            };
            person(i as i64 + 1, Role::Participant, &format!("P{i}"), &answers)
        })
        .collect();
    let mentors: Vec<Person> = offers
        .iter()
        .enumerate()
        .map(|(i, o)| {
            person(
                i as i64 + 10,
                Role::Mentor,
                &format!("M{i}"),
                &[(m.text.as_str(), text(o))],
            )
        })
        .collect();
    for must in [false, true] {
        let mut c = criterion(Compare::Text, p.clone(), m.clone(), 80, must);
        c.min_similarity = Some(40);
        let (table, scoring) = scores(c, &participants, &mentors);
        // The pair who wrote about one subject scores highest with each other.
        assert!(
            table[0][0].0 > table[0][1].0 && table[0][0].0 > table[0][2].0,
            "{table:?}"
        );
        assert!(table[1][1].0 > table[1][0].0, "{table:?}");
        // No answer: half the weight with everyone, never ruled out.
        assert!(
            table[2].iter().all(|&(t, ruled)| t == 400 && !ruled),
            "{table:?}"
        );
        if must {
            assert!(!table[0][0].1 && table[0][2].1, "{table:?}");
        } else {
            assert!(table.iter().flatten().all(|&(_, ruled)| !ruled));
            let why = scoring.explain(0, 0);
            assert!(
                why.iter()
                    .any(|r| r.starts_with("Both wrote about: ") && r.contains("IMLS")),
                "{why:?}"
            );
        }
    }
}
