//! A committee-edited letter template of any text, checked as the Letters
//! screen does before anything prints: never a panic, only problems.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz.rs"]
mod fuzz;

fuzz_target!(|data: &[u8]| fuzz::template(data));
