//! The group letter (issue 32): checked like a pair's letters, inside the
//! loop over the members and outside it, refused when saved with a
//! problem, and previewed for the members of circles.

use chrono::NaiveDate;

use super::*;
use crate::matching::{self, Goal};
use crate::programs::{update_program, Program, ProgramInput, Shape};
use crate::store::Store;
use crate::test_support::sample_cohort;

/// The sample cohort as a program of `shape`, its groups confirmed.
fn confirmed_in(shape: Shape) -> (tempfile::TempDir, Store, Program) {
    let (dir, mut store, program) = sample_cohort();
    let input = ProgramInput {
        name: program.name.clone(),
        shape,
        group_min: if shape == Shape::Groups { 2 } else { 4 },
        group_max: if shape == Shape::Groups { 3 } else { 6 },
        ..ProgramInput::default()
    };
    let program = update_program(&mut store, program.id, &input).unwrap();
    matching::run(&mut store, program.id, Goal::Total).unwrap();
    matching::confirm(&mut store, program.id).unwrap();
    (dir, store, program)
}

fn problems_of(program: &Program, text: &str) -> Vec<String> {
    let settings = LetterSettings {
        group_template: text.into(),
        ..LetterSettings::default()
    };
    check_letter(program, &settings, LetterKind::Group)
        .into_iter()
        .map(|p| p.message)
        .collect()
}

#[test]
fn the_group_letter_is_checked_inside_the_loop_over_members_and_outside_it() {
    let (_d, _store, circles) = confirmed_in(Shape::Circles);
    assert!(problems_of(&circles, DEFAULT_GROUP_TEMPLATE).is_empty());
    let inside = problems_of(
        &circles,
        "Dear {{ recipient.preferred_name }},\n{% for member in group.members %}- {{ member.nickname }}\n{% endfor %}",
    );
    assert_eq!(inside.len(), 1, "{inside:?}");
    assert!(inside[0].starts_with("Line 2"), "{inside:?}");
    assert!(inside[0].contains("does not exist"), "{inside:?}");
    let outside = problems_of(&circles, "Welcome to {{ group.nmae }}.");
    assert!(outside[0].contains("does not exist"), "{outside:?}");
    let broken = problems_of(
        &circles,
        "{% for member in group.members %}{{ member.name }}",
    );
    assert!(!broken.is_empty(), "an unclosed loop is a mistake");
    // A circle has no mentor: a letter naming one is caught in a program
    // of circles, and is fine in a program of mentors' groups.
    let mentor = "Your mentor: {{ group.mentor.name }}.";
    assert!(!problems_of(&circles, mentor).is_empty());
    let (_d, _store, groups) = confirmed_in(Shape::Groups);
    assert!(problems_of(&groups, mentor).is_empty());
    assert!(problems_of(&groups, DEFAULT_GROUP_TEMPLATE).is_empty());
}

#[test]
fn a_group_letter_with_a_problem_is_refused_and_nothing_is_saved() {
    let (_d, mut store, program) = confirmed_in(Shape::Circles);
    let before = letter_settings(&store, program.id).unwrap();
    let err = set_letter_text(
        &mut store,
        program.id,
        LetterKind::Group,
        Some("{% for m in group.members %}{{ m.shoe_size }}{% endfor %}"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("The group letter: Line 1"), "{err}");
    assert_eq!(letter_settings(&store, program.id).unwrap(), before);

    let text = "Hello {{ recipient.preferred_name }} of {{ group.name }}:\n{% for member in group.members %}- {{ member.name }}\n{% endfor %}";
    let saved = set_letter_text(&mut store, program.id, LetterKind::Group, Some(text)).unwrap();
    assert_eq!(saved.group_template, text);
    let back = set_letter_text(&mut store, program.id, LetterKind::Group, None).unwrap();
    assert_eq!(back.group_template, DEFAULT_GROUP_TEMPLATE);
}

#[test]
fn the_group_letter_is_previewed_for_circle_members_and_only_for_them() {
    let (_d, store, program) = confirmed_in(Shape::Circles);
    assert_eq!(
        letters_for(&program)
            .iter()
            .map(|l| l.kind)
            .collect::<Vec<_>>(),
        vec![LetterKind::Group],
        "a program of circles prints only the group letter"
    );
    let group = preview(&store, program.id, None, LetterKind::Group, None, day()).unwrap();
    let members: usize = matching::confirmed_view(&store, program.id)
        .unwrap()
        .groups
        .iter()
        .map(|g| g.members.len())
        .sum();
    assert_eq!(group.recipients.len(), members);
    assert!(group.problems.is_empty(), "{:?}", group.problems);
    assert!(!group.pages.is_empty());
    let pair = preview(
        &store,
        program.id,
        None,
        LetterKind::Participant,
        None,
        day(),
    )
    .unwrap();
    assert!(
        pair.recipients.is_empty(),
        "circle members get no pair letter"
    );
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()
}
