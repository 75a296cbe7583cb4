//! The interface holds no business rule (ARCHITECTURE.md): the limits and
//! words the core decides reach `ui/` with the data. This test fails when a
//! file in `ui/` writes one of them as a literal, naming the file and line.

use std::path::{Path, PathBuf};

use crate::matching::{Compare, Goal, DEFAULT_WEIGHT};
use crate::people::MAX_CAPACITY;
use crate::questions::QuestionKind;
use crate::tracking::{
    checkin_state_label, outcome_label, PairState, DUE_SOON_DAYS, GOAL_STATUSES, MEETING_MODES,
};

/// How a copy of a core value would be written in JavaScript.
#[derive(Debug, Clone, PartialEq)]
enum Needle {
    /// A number token (`12`, not `120` or `1.2`).
    Number(u64),
    /// A whole string literal (`'Overdue'`, `"Overdue"` or `` `Overdue` ``).
    Text(String),
}

/// A value the core owns, with what it is for the failure message.
struct Owned {
    what: String,
    needle: Needle,
}

/// Every rule constant and label the core owns that the interface must
/// take from the data. `people::DEFAULT_PLACES` (1) is left out: 0 and 1
/// are everywhere; the interface shows `application_places` instead.
fn owned() -> Vec<Owned> {
    let number = |what: &str, n: u64| Owned {
        what: what.to_string(),
        needle: Needle::Number(n),
    };
    let text = |what: String, t: &str| Owned {
        what,
        needle: Needle::Text(t.to_string()),
    };
    let mut list = vec![
        number(
            "people::MAX_CAPACITY (the most mentees one mentor takes)",
            MAX_CAPACITY.into(),
        ),
        number(
            "tracking::DUE_SOON_DAYS (a check-in is due soon)",
            DUE_SOON_DAYS.unsigned_abs(),
        ),
    ];
    for state in PairState::ALL {
        list.push(text(
            format!("the label of PairState::{state:?}"),
            state.label(),
        ));
        // Comparing a pair's status to a key decides what to show: the core
        // sends labels, `needs_check_in` and `actions` instead.
        list.push(text(
            format!("the key of PairState::{state:?} (compare nothing to it)"),
            state.as_str(),
        ));
    }
    for state in ["met", "missed", "due", "upcoming", "not_expected"] {
        list.push(text(
            format!("the label of the check-in state {state}"),
            checkin_state_label(state),
        ));
    }
    for outcome in ["active", "ended_early", "completed", "completed_unmet"] {
        list.push(text(
            format!("the label of the outcome {outcome}"),
            outcome_label(outcome),
        ));
    }
    for choice in GOAL_STATUSES {
        list.push(text(
            format!("the label of the goal status {}", choice.value),
            choice.label,
        ));
        list.push(text(
            format!("the goal status {} (compare nothing to it)", choice.value),
            choice.value,
        ));
    }
    for choice in MEETING_MODES {
        list.push(text(
            format!("the label of the meeting mode {:?}", choice.value),
            choice.label,
        ));
    }
    // How criteria compare and what kinds questions have: the core sends
    // `can_be_must`, the labels and the questions each side can compare.
    for compare in Compare::ALL {
        list.push(text(
            format!("the label of Compare::{compare:?}"),
            compare.label(),
        ));
        // "text" is also an input's type and the key of the kind Free text
        // (checked below); the interface learns what is special about
        // similar writing from `writing` in the data, never from this key.
        if compare != Compare::Text {
            list.push(text(
                format!("the key of Compare::{compare:?} (compare nothing to it)"),
                compare.key(),
            ));
        }
    }
    // ("Date", "Number" and "Scale" are ordinary words of other screens.)
    for kind in QuestionKind::ALL
        .into_iter()
        .filter(|k| k.label().contains(' '))
    {
        list.push(text(
            format!("the label of QuestionKind::{kind:?}"),
            kind.label(),
        ));
    }
    for goal in Goal::ALL {
        list.push(text(format!("the label of Goal::{goal:?}"), goal.label()));
    }
    // The booklet's orders: the panel shows the labels and notes it is sent.
    for order in crate::booklet::BookletOrder::ALL {
        let choice = order.choice();
        list.push(text(
            format!("the key of BookletOrder::{order:?}"),
            order.key(),
        ));
        list.push(text(
            format!("the label of BookletOrder::{order:?}"),
            choice.label,
        ));
        list.push(text(
            format!("the note of BookletOrder::{order:?}"),
            choice.note,
        ));
    }
    list.push(number(
        "matching::DEFAULT_WEIGHT (a new criterion's weight)",
        DEFAULT_WEIGHT.into(),
    ));
    list
}

/// Where `needle` occurs in `line`, if it does.
fn occurs(line: &str, needle: &Needle) -> bool {
    match needle {
        Needle::Text(t) => ['\'', '"', '`']
            .iter()
            .any(|q| line.contains(&format!("{q}{t}{q}"))),
        Needle::Number(n) => {
            let digits = n.to_string();
            let part_of_token =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            line.match_indices(&digits).any(|(at, _)| {
                !part_of_token(line[..at].chars().next_back())
                    && !part_of_token(line[at + digits.len()..].chars().next())
            })
        }
    }
}

fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// Every `file:line: text (what it copies)` in `ui/` that copies a core value.
fn copies_in(ui: &Path) -> Vec<String> {
    let owned = owned();
    let mut files = Vec::new();
    js_files(ui, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no JavaScript under {}", ui.display());
    let mut found = Vec::new();
    for file in files {
        let source =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (number, line) in source.lines().enumerate() {
            for o in owned.iter().filter(|o| occurs(line, &o.needle)) {
                found.push(format!(
                    "ui/{}:{}: {} ({})",
                    file.strip_prefix(ui).unwrap_or(&file).display(),
                    number + 1,
                    line.trim(),
                    o.what
                ));
            }
        }
    }
    found
}

#[test]
fn the_interface_copies_no_rule_constant_or_label_the_core_owns() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui");
    let found = copies_in(&ui);
    assert!(
        found.is_empty(),
        "The interface holds rules the core owns; take them from the data instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_guard_sees_numbers_and_labels_but_not_longer_tokens() {
    let thirty = Needle::Number(30);
    assert!(occurs("text: 'due within 30 days'", &thirty));
    assert!(occurs("if (value > 30) {", &thirty));
    assert!(!occurs("max: '300', step: 0.30, x30", &thirty));
    let label = Needle::Text("Overdue".into());
    assert!(occurs("['overdue', 'Overdue']", &label));
    assert!(!occurs("h('span', { text: p.status_label })", &label));
}
