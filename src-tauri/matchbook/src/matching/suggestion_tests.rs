//! Which question pairs the committee's own criteria are suggested for
//! (and which not), and the words a suggestion uses.

use super::criteria::Compare;
use super::criteria_tests::import_forms;
use crate::matching::{
    add_criterion, list_criteria, set_criterion, suggest_criteria, CriterionChange, NewCriterion,
};
use crate::test_support::program_named;

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn related_questions_are_suggested_and_unrelated_or_unfit_ones_are_not() {
    let (dir, mut store, program) = program_named("Suggestions");
    let mentors = write(
        dir.path(),
        "mentors.csv",
        "Name,Email,Which day suits you for meetings?,Do you mentor in person?,Favourite colour,Which hobbies do you enjoy?\n\
         Ann Lee,ann@x.org,Monday,Yes,Red,\"Chess, Hiking\"\n\
         Bo Chen,bo@x.org,Friday,No,Blue,\"Hiking, Reading\"\n\
         Cy Diaz,cy@x.org,Monday,Yes,Green,\"Chess\"\n",
    );
    let participants = write(
        dir.path(),
        "participants.csv",
        "Name,Email,Which day works for your meetings?,Which topics interest you?,Preferred snack\n\
         Dee Ek,dee@x.org,Monday,\"Yes, Maybe\",Crisps\n\
         Eve Fox,eve@x.org,Friday,\"No, Maybe\",Fruit\n\
         Fay Go,fay@x.org,Monday,\"Yes\",Crisps\n",
    );
    import_forms(&mut store, program, &mentors, &participants);
    let suggested = suggest_criteria(&store, program).unwrap().criteria;
    let pairs: Vec<(&str, &str, Compare)> = suggested
        .iter()
        .map(|c| {
            (
                c.participant_question.text.as_str(),
                c.mentor_question.text.as_str(),
                c.compare,
            )
        })
        .collect();
    assert!(
        pairs.contains(&(
            "Which day works for your meetings?",
            "Which day suits you for meetings?",
            Compare::Same
        )),
        "{pairs:?}"
    );
    // A yes/no question is never compared with a multiple-choice one,
    // and unrelated wording is not paired.
    assert!(
        !pairs
            .iter()
            .any(|(p, m, _)| *p == "Which topics interest you?"
                && *m == "Do you mentor in person?"),
        "{pairs:?}"
    );
    assert!(
        !pairs
            .iter()
            .any(|(p, m, _)| *p == "Preferred snack" || *m == "Favourite colour"),
        "{pairs:?}"
    );
    assert!(suggested
        .iter()
        .all(|c| c.why.as_deref().is_some_and(|w| !w.is_empty())));
    // Nothing was added by suggesting.
    assert_eq!(list_criteria(&store, program).unwrap().len(), 7);

    // Accepted, it is not suggested again; weights and must-match change.
    let day = &suggested[0];
    let added = add_criterion(
        &mut store,
        program,
        &NewCriterion {
            participant_question: day.participant_question.text.clone(),
            mentor_question: day.mentor_question.text.clone(),
            compare: "same".into(),
            ..NewCriterion::default()
        },
    )
    .unwrap();
    assert!(suggest_criteria(&store, program)
        .unwrap()
        .criteria
        .iter()
        .all(|c| c.participant_question.id != day.participant_question.id));
    let changed = set_criterion(
        &mut store,
        program,
        added.id,
        &CriterionChange {
            weight: Some(80),
            must: Some(true),
            label: None,
            min_similarity: None,
            choice_shares: None,
        },
    )
    .unwrap();
    assert_eq!((changed.weight, changed.must), (80, true));
}

#[test]
fn logistics_and_answers_everyone_gives_are_not_suggested() {
    use crate::matching::suggest_criteria;
    let (dir, mut store, program) = crate::test_support::program_named("Logistics");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    // Six people a side: the kickoff question varies but is about logistics;
    // everyone holds a licence; the meeting day is a real preference.
    let header = "Name,Email,Will you attend the kickoff in Duluth?,Do you hold a driving licence?,Which day suits you for meetings?";
    let rows = |prefix: &str| -> String {
        (0..6)
            .map(|i| {
                format!(
                    "{prefix} {i},{prefix}{i}@x.org,{},Yes,{}\n",
                    if i % 2 == 0 { "Yes" } else { "No" },
                    ["Monday", "Friday", "Monday"][i % 3]
                )
            })
            .collect()
    };
    let mentors = write("m.csv", &format!("{header}\n{}", rows("Mentor")));
    let participants = write("p.csv", &format!("{header}\n{}", rows("Mentee")));
    import_forms(&mut store, program, &mentors, &participants);
    let suggested: Vec<String> = suggest_criteria(&store, program)
        .unwrap()
        .criteria
        .into_iter()
        .map(|c| c.participant_question.text)
        .collect();
    assert_eq!(
        suggested,
        vec!["Which day suits you for meetings?".to_string()]
    );
}

#[test]
fn a_suggestion_says_same_words_only_when_the_wording_is_the_same() {
    use crate::matching::suggest_criteria;
    let (dir, mut store, program) = crate::test_support::program_named("Wording");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let mentors = write(
        "m.csv",
        "Name,Email,How would you describe your mentoring style?,What time zone are you in?\nAnn,a@x.org,Structured,Eastern\nBo,b@x.org,Hands-on,Central\nCy,c@x.org,Structured,Eastern\n",
    );
    let participants = write(
        "p.csv",
        "Name,Email,What mentoring style do you prefer?,What time zone are you in?\nDee,d@x.org,Structured,Central\nEd,e@x.org,Hands-on,Eastern\nFay,f@x.org,Hands-on,Eastern\n",
    );
    import_forms(&mut store, program, &mentors, &participants);
    let suggested = suggest_criteria(&store, program).unwrap().criteria;
    let why = |text: &str| {
        suggested
            .iter()
            .find(|c| c.participant_question.text == text)
            .and_then(|c| c.why.clone())
            .unwrap_or_default()
    };
    assert!(why("What time zone are you in?").contains("same words"));
    let style = why("What mentoring style do you prefer?");
    assert!(
        style.starts_with("Similar wording") && !style.contains("same words"),
        "{style}"
    );
}
