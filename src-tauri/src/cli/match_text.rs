//! How `matchbook match` shows a proposal and its quality figures as text
//! (the JSON shapes are in `views`).

use matchbook::matching::{self, MatchView};

/// Sets of quality figures as columns.
pub(super) fn figures_side_by_side(columns: &[(&str, &matching::Quality)]) -> String {
    type Figure = fn(&matching::Quality) -> String;
    let rows: [(&str, Figure); 11] = [
        ("Goal", |q| q.goal.label().to_string()),
        ("Pairs", |q| q.pairs.to_string()),
        ("Without a mentor", |q| q.unmatched.len().to_string()),
        ("Total score", |q| format!("{:.1}", q.total_score)),
        ("Lowest pair", |q| format!("{:.1}", q.lowest)),
        ("Median pair", |q| format!("{:.1}", q.median)),
        ("Weak pairs", |q| {
            format!("{} (below {:.1})", q.weak_pairs, q.weak_below)
        }),
        ("Would rather swap", |q| {
            q.would_rather_swap.len().to_string()
        }),
        ("Got their 1st choice", |q| {
            q.choices.map_or("nobody chose".into(), |c| {
                format!("{} of {}", c.first, c.chose)
            })
        }),
        ("Got a top-3 choice", |q| {
            q.choices.map_or("nobody chose".into(), |c| {
                format!("{} of {}", c.top3, c.chose)
            })
        }),
        ("Got the mentor asked for", |q| {
            if q.asked == 0 {
                "nobody asked".to_string()
            } else {
                format!("{} of {}", q.got_requested, q.asked)
            }
        }),
    ];
    let mut out = format!("{:<26}", "");
    for (name, _) in columns {
        out.push_str(&format!("{name:<30}"));
    }
    out = out.trim_end().to_string() + "\n";
    for (label, figure) in rows {
        let mut line = format!("{label:<26}");
        for (_, q) in columns {
            line.push_str(&format!("{:<30}", figure(q)));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn view_text(view: &MatchView, program: &str) -> String {
    let title = if view.status == "proposal" {
        "Proposed matches"
    } else {
        "Confirmed matches"
    };
    if view.pairs.is_empty() && !view.groups.is_empty() {
        return super::groups::circles_text(view, title, program);
    }
    let stale = view
        .stale
        .as_ref()
        .map(|s| format!("{s}\n"))
        .unwrap_or_default();
    let mut out = format!(
        "{stale}{title} for \"{program}\": {} pairs, total score {:.1}\n\n{:<28} {:<28} {:>6}  WHY\n",
        view.pairs.len(),
        view.total_score,
        "PARTICIPANT",
        "MENTOR",
        "SCORE"
    );
    for p in &view.pairs {
        out.push_str(&format!(
            "{:<28} {:<28} {:>6.1}  {}{}\n",
            truncate(&p.participant.name, 28),
            truncate(&p.mentor.name, 28),
            p.score,
            if p.locked { "[locked] " } else { "" },
            p.chips.join("; ")
        ));
    }
    super::groups::groups_text(&mut out, view);
    if !view.unmatched.is_empty() {
        out.push_str(&format!("\nWithout a mentor ({}):\n", view.unmatched.len()));
        for u in &view.unmatched {
            out.push_str(&format!("  {}: {}\n", u.participant.name, u.reason));
        }
    }
    if let Some(choices) = &view.choices {
        out.push_str(&format!("\nChoices: {}\n", choices.sentence()));
    }
    if let Some(gaps) = &view.gaps {
        for m in gaps.messages.iter().chain(&gaps.unknown_names) {
            out.push_str(&format!("Note: {m}\n"));
        }
    }
    if view.status == "proposal" {
        out.push_str("\nConfirm with: matchbook match confirm\n");
    }
    out
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        text.chars().take(width - 1).collect::<String>() + "…"
    }
}

pub(super) fn quality_text(q: &matching::Quality) -> String {
    let asked = if q.asked == 0 {
        String::new()
    } else {
        format!(
            " {} of {} who asked for a mentor got them.",
            q.got_requested, q.asked
        )
    };
    let version = q
        .version_id
        .map_or(String::new(), |v| format!("Version {v}, "));
    let mut out = format!(
        "{version}goal: {}.\n{} pairs: total {:.1}, lowest {:.1}, median {:.1}, highest {:.1}.{asked} {} without a mentor.\n{} weak pair{} (below {:.1}).\n",
        q.goal.label().to_lowercase(),
        q.pairs,
        q.total_score,
        q.lowest,
        q.median,
        q.highest,
        q.unmatched.len(),
        q.weak_pairs,
        if q.weak_pairs == 1 { "" } else { "s" },
        q.weak_below
    );
    if let Some(choices) = &q.choices {
        out.push_str(&format!("Choices: {}\n", choices.sentence()));
    }
    out.push_str("\nWeakest pairs:\n");
    for w in &q.weakest {
        let why = if w.reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", w.reasons.join("; "))
        };
        out.push_str(&format!(
            "  {:>6.1}  {} with {}{}{why}\n",
            w.score,
            w.participant.name,
            w.mentor.name,
            if w.locked { ", locked" } else { "" }
        ));
    }
    if !q.unmatched.is_empty() {
        out.push_str("\nWithout a mentor:\n");
        for u in &q.unmatched {
            out.push_str(&format!("  {}: {}\n", u.participant.name, u.reason));
        }
    }
    if q.would_rather_swap.is_empty() {
        out.push_str("\nNo participant and mentor would both rather be together.\n");
    } else {
        out.push_str("\nWould rather be together (lock them with `matchbook match lock`):\n");
        const SHOWN: usize = 10;
        for s in q.would_rather_swap.iter().take(SHOWN) {
            out.push_str(&format!(
                "  {} and {}: {:.1} together, {:.1} now (+{:.1})\n",
                s.participant.name, s.mentor.name, s.score, s.participant_now, s.gain
            ));
        }
        if q.would_rather_swap.len() > SHOWN {
            out.push_str(&format!(
                "  and {} more (all of them: matchbook match quality --json)\n",
                q.would_rather_swap.len() - SHOWN
            ));
        }
    }
    out
}
