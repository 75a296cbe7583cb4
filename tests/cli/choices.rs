//! Black-box tests of ranked choices: `import FILE --as choices` counts
//! every row and lists names that match nobody, re-importing replaces a
//! chooser's choices, the criterion "Their choice" shows in reasons and its
//! shares can be changed, and `match run|show|quality|compare-goals` give
//! the choice figures, "No one would trade" honouring at least as many as
//! the highest total when three mentors are everyone's favourite.

use serde_json::Value;

use crate::support::choices::{write_choices, write_ranked_answers, Choosing};
use crate::support::cli::{json, matchbook, ok, sample, snapshot};

fn import_json(db: &std::path::Path, file: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "import",
        file.to_str().unwrap(),
        "--as",
        "choices",
        "--json",
    ];
    args.extend_from_slice(extra);
    json(&matchbook(db, &args))
}

fn figures(v: &Value) -> (u64, u64, u64, u64, u64) {
    let n = |k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"));
    (
        n("chose"),
        n("first"),
        n("top3"),
        n("not_ranked"),
        n("no_choices"),
    )
}

#[test]
fn import_counts_every_row_and_lists_unknown_names_with_their_rows() {
    let (dir, db) = sample();
    let file = dir.path().join("choices.csv");
    write_choices(&db, &file, Choosing::Spread, 2);
    let before = snapshot(&db);
    let dry = import_json(&db, &file, &["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(snapshot(&db), before, "a dry run changes nothing");
    let r = import_json(&db, &file, &[]);
    let len = |k: &str| r[k].as_array().unwrap().len() as u64;
    let n = |k: &str| r[k].as_u64().unwrap();
    assert_eq!(n("rows"), 60);
    assert_eq!(
        n("recorded") + n("blank") + len("unknown_people") + len("not_imported"),
        n("rows"),
        "every row counted once: {r}"
    );
    assert_eq!(n("participants"), 60);
    assert_eq!(n("choices"), 60 * 3 - 2);
    let unknown = r["unknown_names"].as_array().unwrap();
    assert_eq!(unknown.len(), 2);
    assert_eq!(unknown[0]["row"], 2);
    assert_eq!(unknown[1]["row"], 3);
    assert!(
        unknown[0]["reason"]
            .as_str()
            .unwrap()
            .contains("“Zelda Zzyzx” (2nd choice of"),
        "{r}"
    );
    let text = ok(&db, &["imports", "list"]);
    assert!(text.contains("choices"), "{text}");

    // The same file again replaces everyone's choices; undo brings the first back.
    let again = import_json(&db, &file, &[]);
    assert_eq!(again["replaced"], 60);
    let id = again["import_id"].as_i64().unwrap().to_string();
    ok(&db, &["imports", "undo", &id]);
}

#[test]
fn one_ranked_answer_is_read_like_separate_columns() {
    let (dir, db) = sample();
    let (columns, answers) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    write_choices(&db, &columns, Choosing::Spread, 0);
    write_ranked_answers(&db, &answers, Choosing::Spread);
    let a = import_json(&db, &columns, &["--dry-run"]);
    let b = import_json(&db, &answers, &["--dry-run"]);
    assert_eq!(a["choices"], 180);
    assert_eq!(b["choices"], 180);
    assert_eq!(b["mapping"]["Your choices in order"], "ranked");
}

#[test]
fn a_file_without_anyone_named_is_refused_and_nothing_changes() {
    let (dir, db) = sample();
    let file = dir.path().join("x.csv");
    std::fs::write(&file, "First choice,Second choice\nAna,Ben\n").unwrap();
    let before = snapshot(&db);
    let run = matchbook(&db, &["import", file.to_str().unwrap(), "--as", "choices"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("No column says who made the choices"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Chooser's email"), "{}", run.stderr);
    assert_eq!(snapshot(&db), before);
    // --map says what a column holds.
    std::fs::write(&file, "Who,Pick 1\nNobody Atall,Ana\n").unwrap();
    let r = json(&matchbook(
        &db,
        &[
            "import",
            file.to_str().unwrap(),
            "--as",
            "choices",
            "--map",
            "Who=name",
            "--map",
            "Pick 1=choice_1",
            "--json",
        ],
    ));
    assert_eq!(r["unknown_people"].as_array().unwrap().len(), 1, "{r}");
}

#[test]
fn their_choice_gives_reasons_and_figures_and_its_shares_can_change() {
    let (dir, db) = sample();
    let file = dir.path().join("choices.csv");
    write_choices(&db, &file, Choosing::Spread, 0);
    let list = ok(&db, &["criteria", "list"]);
    assert!(list.contains("nobody has stated choices yet"), "{list}");
    import_json(&db, &file, &[]);
    let view = json(&matchbook(&db, &["match", "run", "--json"]));
    let (chose, first, top3, not_ranked, no_choices) = figures(&view["quality"]["choices"]);
    assert_eq!((chose, no_choices), (60, 0));
    assert!(first > 0 && top3 >= first && top3 + not_ranked == chose);
    // A pair with a 1st choice says so, and scores the full weight (30).
    let pairs = view["pairs"].as_array().unwrap();
    let firsts: Vec<&Value> = pairs
        .iter()
        .filter(|p| {
            let own = format!("{}'s 1st choice", p["participant_name"].as_str().unwrap());
            p["reasons"].as_array().unwrap().iter().any(|r| r == &own)
        })
        .collect();
    assert_eq!(
        firsts.len() as u64,
        first,
        "every 1st choice has its reason"
    );
    assert_eq!(firsts[0]["breakdown"]["their_choice"], 30.0);
    let shown = json(&matchbook(&db, &["match", "show", "--json"]));
    assert_eq!(shown["quality"], view["quality"]);
    let quality = json(&matchbook(&db, &["match", "quality", "--json"]));
    assert_eq!(quality["choices"], view["quality"]["choices"]);
    let text = ok(&db, &["match", "show"]);
    assert!(
        text.contains(&format!(
            "Choices: {first} of 60 got their 1st choice, {top3} a top-3 choice"
        )),
        "{text}"
    );

    let set = ok(
        &db,
        &["criteria", "set", "7", "--choice-shares", "100,50,20"],
    );
    assert!(set.contains("a 2nd 50%, a 3rd 20%"), "{set}");
    let refused = matchbook(
        &db,
        &["criteria", "set", "7", "--choice-shares", "50,80,10"],
    );
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("cannot count more than a 1st"),
        "{}",
        refused.stderr
    );
    let refused = matchbook(
        &db,
        &["criteria", "set", "1", "--choice-shares", "100,50,20"],
    );
    assert_eq!(refused.code, 1);
}

/// The "Done when": on a cohort where three mentors are everyone's
/// favourite, `stable` honours at least as many first and top-3 choices as
/// `total`, and both figures are shown side by side.
#[test]
fn with_three_favourites_stable_honours_at_least_as_many_choices_side_by_side() {
    let (dir, db) = sample();
    let file = dir.path().join("choices.csv");
    write_choices(&db, &file, Choosing::Favourites, 0);
    import_json(&db, &file, &[]);
    let both = json(&matchbook(&db, &["match", "compare-goals", "--json"]));
    let total = figures(&both["total"]["choices"]);
    let stable = figures(&both["stable"]["choices"]);
    assert!(stable.1 >= total.1, "1st: {stable:?} vs {total:?}");
    assert!(stable.2 >= total.2, "top 3: {stable:?} vs {total:?}");
    assert!(stable.1 > 0);
    assert!(both["stable"]["would_rather_swap"]
        .as_array()
        .unwrap()
        .is_empty());
    let text = ok(&db, &["match", "compare-goals"]);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label} in {text}"))
            .to_string()
    };
    assert!(
        line("Got their 1st choice").contains(&format!("{} of 60", stable.1)),
        "{text}"
    );
    assert!(
        line("Got a top-3 choice").contains(&format!("{} of 60", total.2)),
        "{text}"
    );
}
