//! From one year to the next: the waiting list, next year's program made
//! from this one, returning people, eligibility and consent.

use crate::support::cli::{confirmed_sample, json, matchbook, ok};

#[test]
fn after_confirming_the_sample_fourteen_participants_wait_each_with_a_reason() {
    let (_dir, db) = confirmed_sample(&[]);
    let waiting = json(&matchbook(&db, &["people", "waitlist", "--json"]));
    let waiting = waiting.as_array().expect("a list");
    assert_eq!(waiting.len(), 14);
    for w in waiting {
        assert_eq!(w["reason"], "No mentor had a place", "{w}");
        assert!(w["participant"]["email"].as_str().unwrap().contains('@'));
        assert!(w["flag"].as_str().unwrap().starts_with("Waiting since "));
    }
    let text = ok(&db, &["people", "waitlist"]);
    assert!(text.contains("(14)"), "{text}");
    assert!(text.contains("No mentor had a place"), "{text}");
}
