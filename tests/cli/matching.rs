//! Black-box tests of `matchbook match …` on the sample cohort: the JSON
//! contracts, optimality against the exported score matrix, locks, vetoes,
//! confirmation, and refusals that leave the program file unchanged.

use std::collections::HashMap;

use serde_json::Value;

use crate::support::cli::{json, matchbook, ok, sample, snapshot};

/// Checks a run against the exported score matrix: only allowed pairs, the
/// total is the sum, capacities hold, and no single move raises the total
/// (moving one participant to a mentor with room, or swapping two
/// participants' mentors). Full optimality is proven against brute force in
/// the core's property tests; this checks the command's output agrees.
fn assert_locally_optimal(scores: &Value, run: &Value) {
    let participants: Vec<&str> = scores["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mentors: Vec<&str> = scores["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let score = |p: usize, m: usize| scores["scores"][p][m].as_f64();
    let p_index: HashMap<&str, usize> = participants
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, i))
        .collect();
    let m_index: HashMap<&str, usize> = mentors.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut mentor_of: Vec<Option<usize>> = vec![None; participants.len()];
    // Locked pairs are the committee's decision: they are not moved or swapped.
    let mut locked = vec![false; participants.len()];
    let mut load = vec![0u64; mentors.len()];
    let mut total = 0.0;
    for pair in run["pairs"].as_array().unwrap() {
        let p = p_index[pair["participant"].as_str().unwrap()];
        let m = m_index[pair["mentor"].as_str().unwrap()];
        let s = score(p, m).expect("a forbidden pair was proposed");
        assert!((s - pair["score"].as_f64().unwrap()).abs() < 1e-9);
        mentor_of[p] = Some(m);
        locked[p] = pair["locked"].as_bool().unwrap_or(false);
        load[m] += 1;
        total += s;
    }
    assert!(
        (total - run["total_score"].as_f64().unwrap()).abs() < 1e-6,
        "total is the sum of the pairs"
    );
    for (m, name) in mentors.iter().enumerate() {
        assert!(
            load[m] <= scores["capacity"][name].as_u64().unwrap(),
            "capacity of {name}"
        );
    }
    let current = |p: usize, mentor_of: &Vec<Option<usize>>| {
        mentor_of[p].and_then(|m| score(p, m)).unwrap_or(0.0)
    };
    for p in 0..participants.len() {
        if locked[p] {
            continue;
        }
        for m in 0..mentors.len() {
            let Some(s) = score(p, m) else { continue };
            if load[m] < scores["capacity"][mentors[m]].as_u64().unwrap() {
                assert!(
                    s <= current(p, &mentor_of) + 1e-9,
                    "{} would score more with free mentor {}",
                    participants[p],
                    mentors[m]
                );
            }
        }
        for q in p + 1..participants.len() {
            let (Some(a), Some(b)) = (mentor_of[p], mentor_of[q]) else {
                continue;
            };
            if locked[q] {
                continue;
            }
            if let (Some(pb), Some(qa)) = (score(p, b), score(q, a)) {
                assert!(
                    pb + qa <= current(p, &mentor_of) + current(q, &mentor_of) + 1e-9,
                    "swapping {} and {} scores more",
                    participants[p],
                    participants[q]
                );
            }
        }
    }
}

#[test]
fn run_json_has_the_contracted_shape_and_is_optimal_against_the_scores() {
    let (_d, db) = sample();
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    let pairs = run["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for pair in pairs {
        for key in ["participant", "mentor", "score", "locked", "breakdown"] {
            assert!(pair.get(key).is_some(), "{key} in {pair}");
        }
        let parts: f64 = pair["breakdown"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_f64().unwrap())
            .sum();
        assert!((parts - pair["score"].as_f64().unwrap()).abs() < 1e-9);
    }
    for u in run["unmatched"].as_array().unwrap() {
        assert!(!u["reason"].as_str().unwrap().is_empty());
    }
    let scores = json(&matchbook(&db, &["match", "scores", "--json"]));
    let n = scores["participants"].as_array().unwrap().len();
    assert_eq!(scores["scores"].as_array().unwrap().len(), n);
    assert_eq!(scores["forbidden_reasons"].as_array().unwrap().len(), n);
    for (row, why) in scores["scores"]
        .as_array()
        .unwrap()
        .iter()
        .zip(scores["forbidden_reasons"].as_array().unwrap())
    {
        for (s, r) in row.as_array().unwrap().iter().zip(why.as_array().unwrap()) {
            assert_eq!(s.is_null(), r.is_string(), "null score ⇔ a reason");
        }
    }
    assert_locally_optimal(&scores, &run);
    // Same inputs, same matches.
    let again = json(&matchbook(&db, &["match", "run", "--json"]));
    assert_eq!(run["pairs"], again["pairs"]);
}

#[test]
fn lock_veto_rerun_confirm_show() {
    let (_d, db) = sample();
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    let first = &run["pairs"][0];
    let second = &run["pairs"][1];
    let (p1, _m1) = (
        first["participant"].as_str().unwrap(),
        first["mentor"].as_str().unwrap(),
    );
    let (p2, m2) = (
        second["participant"].as_str().unwrap(),
        second["mentor"].as_str().unwrap(),
    );

    // Lock p1 with p2's mentor, veto p2 with that mentor: each leaves the
    // proposal computed again, without another `match run`.
    let out = matchbook(&db, &["match", "lock", p1, m2]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Computed the proposal again") && out.stdout.contains("changed"),
        "{}",
        out.stdout
    );
    let locked = json(&matchbook(&db, &["match", "show", "--json"]));
    let out = matchbook(
        &db,
        &["match", "veto", p2, m2, "--reason", "Same committee"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rerun = json(&matchbook(&db, &["match", "show", "--json"]));
    assert_eq!(rerun["status"], "proposal");
    let mentor_of = |v: &Value, p: &str| {
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["participant"] == p)
            .map(|x| {
                (
                    x["mentor"].as_str().unwrap().to_string(),
                    x["locked"].as_bool().unwrap(),
                )
            })
    };
    assert_eq!(mentor_of(&locked, p1), Some((m2.to_string(), true)));
    assert_eq!(mentor_of(&rerun, p1), Some((m2.to_string(), true)));
    assert_ne!(mentor_of(&rerun, p2).map(|x| x.0), Some(m2.to_string()));
    let scores = json(&matchbook(&db, &["match", "scores", "--json"]));
    assert_locally_optimal(&scores, &rerun);

    let confirm = matchbook(&db, &["match", "confirm"]);
    assert_eq!(confirm.code, 0, "{}", confirm.stderr);
    assert!(
        confirm.stdout.starts_with("Confirmed "),
        "{}",
        confirm.stdout
    );
    let shown = json(&matchbook(&db, &["match", "show", "--json"]));
    assert_eq!(shown["status"], "confirmed");
    assert_eq!(
        shown["pairs"], rerun["pairs"],
        "the confirmed pairs are the proposal's"
    );
    let text = matchbook(&db, &["match", "show"]);
    assert!(text.stdout.contains("Confirmed matches"), "{}", text.stdout);
}

#[test]
fn refusals_explain_and_leave_the_file_unchanged() {
    let (_d, db) = sample();
    let before = snapshot(&db);
    let cases: [&[&str]; 5] = [
        &["match", "confirm"],
        &["match", "lock", "nobody@example.org", "x@example.org"],
        &["match", "weights", "--set", "areas=101"],
        &["match", "weights", "--set", "charm=10"],
        &["match", "versions", "--diff", "1", "2"],
    ];
    let expected = [
        "no proposal to confirm",
        "No participant",
        "0 to 100",
        "not a criterion",
        "no computed version 1",
    ];
    for (args, want) in cases.iter().zip(expected) {
        let out = matchbook(&db, args);
        assert_ne!(out.code, 0, "{args:?}");
        assert!(out.stderr.contains(want), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
        assert_eq!(snapshot(&db), before, "{args:?} changed the file");
    }
}

#[test]
fn weights_change_the_scores_and_gaps_name_short_areas() {
    let (_d, db) = sample();
    let w = json(&matchbook(
        &db,
        &[
            "match",
            "weights",
            "--set",
            "areas=0",
            "--set",
            "geography=100",
            "--json",
        ],
    ));
    assert_eq!(w["areas"], 0);
    assert_eq!(w["geography"], 100);
    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    for p in run["pairs"].as_array().unwrap() {
        assert_eq!(p["breakdown"]["areas"], 0.0);
    }
    let gaps = json(&matchbook(&db, &["match", "gaps", "--json"]));
    assert!(
        gaps["messages"][0]
            .as_str()
            .unwrap()
            .contains("participants need a mentor"),
        "{gaps}"
    );
    assert!(gaps["areas"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["wanted"].as_u64().unwrap() > 0));
}

#[test]
fn people_capacity_changes_a_mentors_places_and_refuses_what_cannot_be() {
    let (_dir, db) = sample();
    let mentors = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    let mentor = mentors[0]["email"]
        .as_str()
        .expect("a mentor's email")
        .to_string();
    let name = mentors[0]["name"].as_str().expect("name").to_string();
    let set = matchbook(&db, &["people", "capacity", &mentor, "3"]);
    assert_eq!(set.code, 0, "{}", set.stderr);
    assert_eq!(set.stdout, format!("{name} can now take 3 mentees.\n"));
    let again = json(&matchbook(
        &db,
        &["people", "list", "--role", "mentor", "--json"],
    ));
    // Kept beside the application's own answer, which stays as it was.
    assert_eq!(again[0]["capacity_agreed"], 3);
    assert_eq!(again[0]["capacity"], mentors[0]["capacity"]);

    // A participant has no places; a typo of 30 is refused; both change nothing.
    let participants = json(&matchbook(
        &db,
        &["people", "list", "--role", "participant", "--json"],
    ));
    let participant = participants[0]["email"]
        .as_str()
        .expect("email")
        .to_string();
    let before = snapshot(&db);
    let refused = matchbook(&db, &["people", "capacity", &participant, "2"]);
    assert_ne!(refused.code, 0);
    assert!(
        refused
            .stderr
            .contains("is a participant; only mentors take mentees"),
        "{}",
        refused.stderr
    );
    let refused = matchbook(&db, &["people", "capacity", &mentor, "30"]);
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains("more than Matchbook allows"),
        "{}",
        refused.stderr
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn quality_shows_the_spread_the_weakest_and_pairs_who_would_rather_swap() {
    let (_d, db) = sample();
    let before = matchbook(&db, &["match", "quality"]);
    assert_ne!(before.code, 0);
    assert!(
        before.stderr.contains("Compute matches first"),
        "{}",
        before.stderr
    );

    let run = json(&matchbook(&db, &["match", "run", "--json"]));
    let q = json(&matchbook(&db, &["match", "quality", "--json"]));
    let pairs = run["pairs"].as_array().unwrap();
    assert_eq!(q["pairs"].as_u64().unwrap() as usize, pairs.len());
    let (lowest, median, highest) = (
        q["lowest"].as_f64().unwrap(),
        q["median"].as_f64().unwrap(),
        q["highest"].as_f64().unwrap(),
    );
    assert!(lowest <= median && median <= highest);
    let bars: u64 = q["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["pairs"].as_u64().unwrap())
        .sum();
    assert_eq!(bars as usize, pairs.len(), "every pair is in one bar");
    let weakest: Vec<f64> = q["weakest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["score"].as_f64().unwrap())
        .collect();
    assert_eq!(weakest[0], lowest);
    assert!(
        weakest.windows(2).all(|w| w[0] <= w[1]),
        "weakest first: {weakest:?}"
    );

    // Exactly the blocking pairs, recomputed from the score table: the
    // participant (unless locked) scores higher with that mentor, who has a
    // free place or an unlocked mentee scoring lower than the participant would.
    let scores = json(&matchbook(&db, &["match", "scores", "--json"]));
    let keys = |list: &str| -> Vec<String> {
        scores[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let (participants, mentors) = (keys("participants"), keys("mentors"));
    let score = |p: usize, m: usize| scores["scores"][p][m].as_f64();
    let given = |who: &str| pairs.iter().find(|x| x["participant"] == who);
    let mut expected = Vec::new();
    for (p, who) in participants.iter().enumerate() {
        let mine = given(who);
        if mine.is_some_and(|x| x["locked"] == true) {
            continue;
        }
        let now = mine.map_or(0.0, |x| x["score"].as_f64().unwrap());
        for (m, mentor) in mentors.iter().enumerate() {
            let Some(together) = score(p, m) else {
                continue;
            };
            if mine.is_some_and(|x| x["mentor"] == mentor.as_str()) || together <= now {
                continue;
            }
            let theirs: Vec<&serde_json::Value> = pairs
                .iter()
                .filter(|x| x["mentor"] == mentor.as_str())
                .collect();
            let room = (theirs.len() as u64) < scores["capacity"][mentor].as_u64().unwrap();
            let lets_go = theirs
                .iter()
                .any(|x| x["locked"] == false && x["score"].as_f64().unwrap() < together);
            if room || lets_go {
                expected.push((who.clone(), mentor.clone()));
            }
        }
    }
    let mut listed: Vec<(String, String)> = q["would_rather_swap"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (who, mentor) = (
                s["participant"].as_str().unwrap(),
                s["mentor"].as_str().unwrap(),
            );
            let p = participants.iter().position(|x| x == who).unwrap();
            let m = mentors.iter().position(|x| x == mentor).unwrap();
            assert_eq!(
                s["score_together"].as_f64(),
                score(p, m),
                "{who} with {mentor}"
            );
            (who.to_string(), mentor.to_string())
        })
        .collect();
    listed.sort();
    expected.sort();
    assert_eq!(listed, expected);
    assert_eq!(q["goal"], "total");
    assert_eq!(q["version"], run["version"]);
    assert!(q["requested_honoured"]["got"].as_u64() <= q["requested_honoured"]["asked"].as_u64());
    let text = ok(&db, &["match", "quality"]);
    assert!(text.contains("Weakest pairs:"), "{text}");
}

#[test]
fn the_fairest_goal_lifts_the_lowest_pair_and_costs_total_score() {
    let (_d, db) = sample();
    let total = json(&matchbook(
        &db,
        &["match", "run", "--goal", "total", "--json"],
    ));
    let q_total = json(&matchbook(&db, &["match", "quality", "--json"]));
    let fairest = json(&matchbook(
        &db,
        &["match", "run", "--goal", "fairest", "--json"],
    ));
    let q_fair = json(&matchbook(&db, &["match", "quality", "--json"]));
    assert_eq!(
        (total["goal"].as_str(), fairest["goal"].as_str()),
        (Some("total"), Some("fairest"))
    );
    assert_eq!(q_fair["goal"], "fairest");
    let lowest = |q: &serde_json::Value| q["lowest"].as_f64().unwrap();
    let sum = |q: &serde_json::Value| q["total_score"].as_f64().unwrap();
    assert!(lowest(&q_fair) >= lowest(&q_total), "{q_fair} vs {q_total}");
    assert!(sum(&q_fair) <= sum(&q_total));
    assert!(
        q_fair["pairs"].as_u64() >= q_total["pairs"].as_u64(),
        "fairness leaves nobody out"
    );
    assert!((sum(&fairest) - sum(&q_fair)).abs() < 0.05);

    // The earlier version keeps its goal and figures.
    let earlier = json(&matchbook(
        &db,
        &[
            "match",
            "quality",
            "--version",
            &total["version"].to_string(),
            "--json",
        ],
    ));
    assert_eq!(earlier["goal"], "total");
    assert_eq!(earlier["lowest"], q_total["lowest"]);
    let versions = ok(&db, &["match", "versions"]);
    assert!(
        versions.contains("fairest") && versions.contains("total"),
        "{versions}"
    );
    let diff = json(&matchbook(
        &db,
        &[
            "match",
            "versions",
            "--diff",
            &total["version"].to_string(),
            &fairest["version"].to_string(),
            "--json",
        ],
    ));
    assert_eq!(diff["before"]["goal"], "total");
    assert_eq!(diff["after"]["lowest"], q_fair["lowest"]);

    // Side by side without saving: the same figures, and no new version.
    let before = snapshot(&db);
    let both = json(&matchbook(&db, &["match", "compare-goals", "--json"]));
    assert_eq!(snapshot(&db), before, "comparing saves nothing");
    assert_eq!(both["total"]["lowest"], q_total["lowest"]);
    assert_eq!(both["fairest"]["lowest"], q_fair["lowest"]);
    assert_eq!(both["fairest"]["total_score"], q_fair["total_score"]);
    let text = ok(&db, &["match", "compare-goals"]);
    assert!(
        text.contains("Lowest pair") && text.contains("Weakest pair first"),
        "{text}"
    );

    // A lock is kept by the fairest goal too, and recomputing keeps the goal.
    let pair = &fairest["pairs"][0];
    let participant = pair["participant"].as_str().unwrap();
    let other = total["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["mentor"].as_str().unwrap())
        .find(|m| *m != pair["mentor"].as_str().unwrap())
        .unwrap();
    ok(&db, &["match", "lock", participant, other]);
    let after = json(&matchbook(&db, &["match", "show", "--json"]));
    assert_eq!(after["goal"], "fairest");
    let locked = after["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant"] == participant)
        .unwrap();
    assert_eq!(
        (locked["mentor"].as_str(), &locked["locked"]),
        (Some(other), &serde_json::json!(true))
    );

    // The weak threshold: set, shown, used.
    ok(&db, &["match", "weak-below", "45"]);
    let weak = json(&matchbook(&db, &["match", "quality", "--json"]));
    assert_eq!(weak["weak_below"], 45.0);
    let weak_pairs = after["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["score"].as_f64().unwrap() < 45.0)
        .count();
    assert_eq!(weak["weak_pairs"].as_u64(), Some(weak_pairs as u64));
    let refused = matchbook(&db, &["match", "weak-below", "--", "-3"]);
    assert_ne!(refused.code, 0);
}
