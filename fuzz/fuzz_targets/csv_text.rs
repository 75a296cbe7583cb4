//! Text decoding (BOMs, UTF-8, Windows-1252, UTF-16) and delimiter sniffing
//! on arbitrary bytes, then the CSV reader: never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz.rs"]
mod fuzz;

fuzz_target!(|data: &[u8]| fuzz::csv_text(data));
