//! Arbitrary bytes as a spreadsheet of any format (the first byte picks the
//! file name's extension and the role), then the whole import analysis and a
//! dry run: header row detection, column recognition, option learning,
//! normalization of every row. Errors are fine; panics are bugs.
#![no_main]
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz.rs"]
mod fuzz;

fn fixture() -> &'static Mutex<fuzz::ImportFixture> {
    static FIXTURE: OnceLock<Mutex<fuzz::ImportFixture>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        // libfuzzer-sys's panic hook aborts at once, before any unwinding.
        // Matchbook itself catches the panics of the spreadsheet library on
        // damaged files (and turns them into a message), so the default hook
        // goes back; a panic that escapes Matchbook still aborts the run.
        drop(std::panic::take_hook());
        Mutex::new(fuzz::ImportFixture::new())
    })
}

fuzz_target!(|data: &[u8]| {
    let mut fixture = fixture().lock().unwrap_or_else(|p| p.into_inner());
    fuzz::spreadsheet(&mut fixture, data);
});
