//! Waiting on a condition instead of for a fixed time: poll until the check
//! passes or a deadline runs out, then fail saying what never happened and
//! what was seen last.

use std::fmt::Display;
use std::time::{Duration, Instant};

/// How often a condition is checked again.
const POLL: Duration = Duration::from_millis(100);

/// Calls `check` until it gives a value, and returns it; `None` once
/// `timeout` has passed. The check runs at least once, and once more at the
/// deadline.
pub fn poll<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        std::thread::sleep(POLL.min(deadline - now));
    }
}

/// Calls `check` until it returns `Ok`, and returns that value. `Err` says
/// what was seen instead; if `timeout` passes first, the test fails with
/// "waited … for `what`; last seen: …".
pub fn until<T>(
    timeout: Duration,
    what: impl Display,
    mut check: impl FnMut() -> Result<T, String>,
) -> T {
    let mut seen = String::new();
    let found = poll(timeout, || match check() {
        Ok(value) => Some(value),
        Err(now) => {
            seen = now;
            None
        }
    });
    found.unwrap_or_else(|| panic!("waited {timeout:?} for {what}; last seen: {seen}"))
}

/// Like [`until`], for a condition that is simply true or not yet.
pub fn until_true(timeout: Duration, what: impl Display, mut check: impl FnMut() -> bool) {
    until(timeout, what, || {
        if check() {
            Ok(())
        } else {
            Err("not yet".to_string())
        }
    })
}
