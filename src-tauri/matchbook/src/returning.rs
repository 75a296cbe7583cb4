//! Returning people: what the file knows about a person from its other
//! programs, found by email ("Mentored in MILE 2026: Iris Falk, completed").
//! Matching already never pairs two people again (`matching::facts` reads
//! earlier pairs) and counts a mentor's running pairs in another program
//! against their places; this says so to the committee.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::store::Store;

/// A person's earlier programs, one line each.
#[derive(Debug, Clone, Default, Serialize)]
pub struct History {
    pub person_id: i64,
    pub lines: Vec<String>,
}

/// Every person of `program_id` known from another program of the file, by
/// person id, with what happened there, oldest program first.
pub fn program_history(store: &Store, program_id: i64) -> Result<BTreeMap<i64, Vec<String>>> {
    let mut stmt = store.conn().prepare(
        "SELECT me.id, other.role, op.name,
                (SELECT group_concat(line, char(10)) FROM (
                    SELECT CASE WHEN x.mentor_id = other.id
                                THEN 'Mentored in ' || op.name || ': ' || pp.name
                                ELSE 'Mentee in ' || op.name || ': mentored by ' || pm.name END
                           || ', ' || CASE
                                WHEN x.status = 'ended' THEN 'ended early'
                                WHEN x.status = 'completed' THEN 'completed'
                                -- A pair still confirmed when its term ended before
                                -- this program starts completed it.
                                WHEN op.kickoff_date IS NOT NULL AND tp.kickoff_date IS NOT NULL
                                     AND date(op.kickoff_date, '+' || op.relationship_months || ' months')
                                         <= tp.kickoff_date THEN 'completed'
                                ELSE 'running' END AS line
                    FROM matches x JOIN people pp ON pp.id = x.participant_id
                    JOIN people pm ON pm.id = x.mentor_id
                    WHERE (x.mentor_id = other.id OR x.participant_id = other.id)
                      AND x.status IN ('confirmed', 'ended', 'completed')
                    ORDER BY x.id))
         FROM people me
         JOIN programs tp ON tp.id = me.program_id
         JOIN people other ON other.email = me.email AND other.program_id <> me.program_id
         JOIN programs op ON op.id = other.program_id
         WHERE me.program_id = ?1 AND me.email IS NOT NULL AND trim(me.email) <> ''
         ORDER BY me.id, coalesce(op.kickoff_date, op.created_at), op.id, other.role",
    )?;
    let rows = stmt
        .query_map([program_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut history: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (id, role, program, matches) in rows {
        let lines = history.entry(id).or_default();
        match matches {
            Some(matches) => lines.extend(matches.lines().map(str::to_string)),
            None => lines.push(format!("Applied to {program} as a {role}, not matched")),
        }
    }
    Ok(history)
}

/// One person's earlier programs (empty when none).
pub fn person_history(store: &Store, person_id: i64) -> Result<History> {
    let program_id: i64 = store.conn().query_row(
        "SELECT program_id FROM people WHERE id = ?1",
        [person_id],
        |r| r.get(0),
    )?;
    Ok(History {
        person_id,
        lines: program_history(store, program_id)?
            .remove(&person_id)
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{confirm, load_problem, run, Goal};
    use crate::people::{set_capacity, Role};
    use crate::programs::{create_program, update_program, ProgramInput};
    use crate::test_support::{add_person, program_named};

    fn dated(name: &str, kickoff: &str) -> ProgramInput {
        ProgramInput {
            kickoff_date: kickoff.into(),
            ..ProgramInput::named(name)
        }
    }

    #[test]
    fn returning_people_show_their_history_are_not_paired_again_and_share_one_capacity() {
        let (_dir, mut store, first) = program_named("MILE 2026");
        update_program(&mut store, first, &dated("MILE 2026", "2026-05-01")).unwrap();
        let iris = add_person(
            &mut store,
            first,
            Role::Mentor,
            "Iris Falk",
            "Oak",
            &[],
            &[],
        );
        set_capacity(&mut store, iris.id, 2).unwrap();
        add_person(
            &mut store,
            first,
            Role::Participant,
            "Pat Lee",
            "Elm",
            &[],
            &[],
        );
        run(&mut store, first, Goal::Total).unwrap();
        confirm(&mut store, first).unwrap();

        // The next cohort starts while the first one's 18 months still run.
        let next = create_program(&mut store, &dated("MILE 2027", "2027-03-01"))
            .unwrap()
            .id;
        let iris2 = add_person(&mut store, next, Role::Mentor, "Iris Falk", "Oak", &[], &[]);
        set_capacity(&mut store, iris2.id, 2).unwrap();
        let pat2 = add_person(
            &mut store,
            next,
            Role::Participant,
            "Pat Lee",
            "Elm",
            &[],
            &[],
        );
        let quinn = add_person(
            &mut store,
            next,
            Role::Participant,
            "Quinn Roe",
            "Ash",
            &[],
            &[],
        );
        let history = program_history(&store, next).unwrap();
        assert_eq!(
            history[&iris2.id],
            ["Mentored in MILE 2026: Pat Lee, running"]
        );
        assert_eq!(
            history[&pat2.id],
            ["Mentee in MILE 2026: mentored by Iris Falk, running"]
        );
        assert!(!history.contains_key(&quinn.id));
        assert_eq!(person_history(&store, quinn.id).unwrap().lines.len(), 0);

        let problem = load_problem(&store, next).unwrap();
        let m = problem.mentor_index(iris2.id).unwrap();
        assert_eq!(
            problem.capacity[m], 1,
            "one of Iris's two places is taken in MILE 2026"
        );
        let p = problem.participant_index(pat2.id).unwrap();
        assert!(problem.cell(p, m).forbidden.is_some(), "never paired again");
        let view = run(&mut store, next, Goal::Total).unwrap();
        assert_eq!(view.pairs.len(), 1);
        assert_eq!(view.pairs[0].participant.id, quinn.id);

        // Once the first cohort's term is over, both places are free again,
        // and the pair is said to have completed it.
        update_program(&mut store, next, &dated("MILE 2027", "2028-06-01")).unwrap();
        let problem = load_problem(&store, next).unwrap();
        assert_eq!(problem.capacity[m], 2);
        let history = program_history(&store, next).unwrap();
        assert_eq!(
            history[&iris2.id],
            ["Mentored in MILE 2026: Pat Lee, completed"]
        );
    }
}
