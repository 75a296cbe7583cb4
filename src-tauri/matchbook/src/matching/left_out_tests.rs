//! Whom the committee's rules leave out of matching (`crate::eligibility`):
//! never paired, said in the gaps, paired once overridden with a reason.

use super::*;
use crate::eligibility::tests::mentor;
use crate::eligibility::{left_out_ids, not_eligible, set_override, set_rules, Rules};
use crate::people::{add_people, Role};
use crate::test_support::program_named;

#[test]
fn mentors_below_the_minimum_years_are_flagged_and_never_matched_unless_overridden() {
    let (_dir, mut store, program) = program_named("MILE 2026");
    let ids = add_people(
        &mut store,
        program,
        Role::Mentor,
        &[
            mentor("Ann Senior", Some(12.0)),
            mentor("Bo Junior", Some(3.0)),
            mentor("Cy Unknown", None),
        ],
    )
    .unwrap();
    add_people(
        &mut store,
        program,
        Role::Participant,
        &[mentor("Pia One", None), mentor("Quinn Two", None)],
    )
    .unwrap();
    assert!(
        not_eligible(&store, program).unwrap().is_empty(),
        "no rule, nobody left out"
    );
    assert!(set_rules(
        &mut store,
        program,
        Rules {
            mentor_min_years: Some(90.0),
            ..Rules::default()
        }
    )
    .is_err());
    set_rules(
        &mut store,
        program,
        Rules {
            mentor_min_years: Some(5.0),
            ..Rules::default()
        },
    )
    .unwrap();
    let flagged = not_eligible(&store, program).unwrap();
    let reasons: Vec<(&str, &str)> = flagged
        .iter()
        .map(|n| (n.name.as_str(), n.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("Bo Junior", "Not eligible: 3 years in a professional position; this program asks mentors for at least 5 years"),
            ("Cy Unknown", "Not eligible: their years in a professional position are not known; this program asks mentors for at least 5 years"),
        ]
    );
    let view = run(&mut store, program, Goal::Total).unwrap();
    assert_eq!(view.pairs.len(), 1);
    assert_eq!(view.pairs[0].mentor.name, "Ann Senior");
    let gaps = gap_analysis(&load_problem(&store, program).unwrap());
    assert!(
        gaps.messages
            .iter()
            .any(|m| m.contains("Bo Junior (Not eligible: 3 years")),
        "{:?}",
        gaps.messages
    );

    assert!(set_override(&mut store, ids[1], Some("  ")).is_err());
    set_override(
        &mut store,
        ids[1],
        Some("Ten years as a paraprofessional; the chair agreed"),
    )
    .unwrap();
    let flagged = not_eligible(&store, program).unwrap();
    assert_eq!(
        flagged[0].overridden,
        "Ten years as a paraprofessional; the chair agreed"
    );
    let view = run(&mut store, program, Goal::Total).unwrap();
    assert_eq!(
        view.pairs.len(),
        2,
        "Bo is matched once the committee says why"
    );
    set_override(&mut store, ids[1], None).unwrap();
    assert_eq!(left_out_ids(&store, program).unwrap().len(), 2);
}
