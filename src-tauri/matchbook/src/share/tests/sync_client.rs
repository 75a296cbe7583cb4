//! A simulated sync client between the three folder copies: it delays,
//! reorders, duplicates and cuts files short, leaves empty placeholders and
//! "conflicted copy" siblings behind. After every schedule, once everything
//! has arrived, all three computers hold the same records and list the same
//! conflicts, and applying every file again changes nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;

struct Delivery {
    from: usize,
    to: usize,
    file: PathBuf,
}

/// Moves some pending files, each maybe cut short or as a placeholder first,
/// maybe twice, with clutter beside it.
fn deliver_some(c: &Committee, pending: &mut Vec<Delivery>, rng: &mut Rng, all: bool) {
    let mut kept = Vec::new();
    while let Some(d) = if pending.is_empty() {
        None
    } else {
        Some(pending.remove(rng.below(pending.len())))
    } {
        if !all && rng.chance(40) {
            kept.push(d);
            continue;
        }
        let source = c.folders[d.from].join(&d.file);
        let bytes = std::fs::read(&source).unwrap();
        let target = c.folders[d.to].join(&d.file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if !all && rng.chance(25) {
            // Half-arrived or a placeholder: it arrives whole later.
            let cut = if rng.chance(50) {
                0
            } else {
                rng.below(bytes.len().max(1))
            };
            std::fs::write(&target, &bytes[..cut]).unwrap();
            kept.push(d);
            continue;
        }
        std::fs::write(&target, &bytes).unwrap();
        if rng.chance(10) {
            let sibling = target.with_file_name(format!(
                "{} (conflicted copy).mbc",
                target.file_stem().unwrap().to_string_lossy()
            ));
            std::fs::write(sibling, b"garbage").unwrap();
            std::fs::write(target.parent().unwrap().join("desktop.ini"), b"[x]").unwrap();
        }
        if rng.chance(10) {
            kept.push(Delivery {
                from: d.from,
                to: d.to,
                file: d.file.clone(),
            }); // arrives twice
        }
    }
    *pending = kept;
}

/// Files a computer published that the client has not yet scheduled.
fn schedule_new(
    c: &Committee,
    known: &mut BTreeSet<(usize, PathBuf)>,
    pending: &mut Vec<Delivery>,
) {
    for (from, folder) in c.folders.iter().enumerate() {
        for file in change_files(folder) {
            let own = c.stores[from]
                .conn()
                .query_row("SELECT computer FROM share_self", [], |r| {
                    r.get::<_, String>(0)
                })
                .unwrap();
            if !file.starts_with(Path::new("changes").join(&own))
                || !known.insert((from, file.clone()))
            {
                continue;
            }
            for to in 0..3 {
                if to != from {
                    pending.push(Delivery {
                        from,
                        to,
                        file: file.clone(),
                    });
                }
            }
        }
    }
}

/// A member does something on computer `who`.
fn act(store: &mut Store, rng: &mut Rng, step: usize) {
    let program: i64 = store
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
    match rng.below(5) {
        0 => {
            let pairs: Vec<i64> = ids(
                store,
                "SELECT id FROM matches WHERE confirmed_at IS NOT NULL ORDER BY uid",
            );
            let pair = pairs[rng.below(pairs.len())];
            let input = crate::tracking::MeetingInput {
                date: crate::time::today().to_string(),
                notes: format!("meeting {step}"),
                ..Default::default()
            };
            crate::tracking::add_meeting(store, pair, &input, crate::time::today()).unwrap();
        }
        1 => {
            let mentors: Vec<i64> = ids(
                store,
                "SELECT id FROM people WHERE role = 'mentor' ORDER BY uid",
            );
            let mentor = mentors[rng.below(mentors.len())];
            crate::people::set_capacity(store, mentor, 1 + rng.below(4) as u32).unwrap();
        }
        2 => {
            let mut input = ProgramInput::named("MILE 2026");
            input.kickoff_date = "2026-05-01".into();
            input.contact_name = ["Ana", "Ben", "Cy", "Dee"][rng.below(4)].into();
            crate::programs::update_program(store, program, &input).unwrap();
        }
        3 => {
            let pairs: Vec<i64> = ids(
                store,
                "SELECT id FROM matches WHERE confirmed_at IS NOT NULL ORDER BY uid",
            );
            let pair = pairs[rng.below(pairs.len())];
            let goal = crate::tracking::GoalInput {
                title: format!("Goal {step}"),
                ..Default::default()
            };
            crate::tracking::add_goal(store, pair, &goal).unwrap();
        }
        _ => {
            let mut weights = crate::matching::Weights::default();
            if let Some(w) = weights.0.values_mut().next() {
                *w = rng.below(50) as u8;
            }
            crate::matching::set_weights(store, program, &weights).unwrap();
        }
    }
}

fn run_schedule(seed: u64) {
    let mut c = committee();
    let mut rng = Rng(seed);
    let mut pending = Vec::new();
    let mut known = BTreeSet::new();
    for step in 0..8 {
        let who = rng.below(3);
        act(&mut c.stores[who], &mut rng, step);
        sync(&mut c.stores[who]).unwrap();
        schedule_new(&c, &mut known, &mut pending);
        deliver_some(&c, &mut pending, &mut rng, false);
        let other = rng.below(3);
        let report = sync(&mut c.stores[other]).unwrap();
        assert!(
            report.refused.is_empty(),
            "seed {seed}: {:?}",
            report.refused
        );
        schedule_new(&c, &mut known, &mut pending);
    }
    // Everything arrives; everyone syncs until nothing is left.
    for _ in 0..3 {
        for who in 0..3 {
            sync(&mut c.stores[who]).unwrap();
        }
        schedule_new(&c, &mut known, &mut pending);
        deliver_some(&c, &mut pending, &mut rng, true);
    }
    for who in 0..3 {
        let report = sync(&mut c.stores[who]).unwrap();
        assert!(
            report.waiting.is_empty(),
            "seed {seed}: computer {who} still waits: {:?}",
            report.waiting
        );
    }
    let first = fingerprint(&c.stores[0]);
    for who in 1..3 {
        assert_eq!(
            first,
            fingerprint(&c.stores[who]),
            "seed {seed}: computer {who} differs from computer 0"
        );
    }
    // Every file again, as a sync client replaying the folder: nothing changes.
    for who in 0..3 {
        c.stores[who]
            .conn()
            .execute("DELETE FROM share_files", [])
            .unwrap();
        sync(&mut c.stores[who]).unwrap();
        assert_eq!(
            first,
            fingerprint(&c.stores[who]),
            "seed {seed}: replay changed computer {who}"
        );
    }
}

/// Seeds `from..to`, on four threads: the schedules are independent.
fn run_schedules(from: u64, to: u64) {
    let per = (to - from).div_ceil(4);
    std::thread::scope(|scope| {
        for part in 0..4 {
            let (a, b) = (from + part * per, (from + (part + 1) * per).min(to));
            scope.spawn(move || (a..b).for_each(run_schedule));
        }
    });
}

#[test]
fn three_computers_converge_under_two_hundred_sync_schedules() {
    run_schedules(0, 200);
}

/// `make bench` runs 2,000 more schedules than the test suite.
#[test]
#[ignore = "long: make bench runs it"]
fn three_computers_converge_under_two_thousand_more_schedules() {
    run_schedules(200, 2_200);
}
