//! A committee member's journey through the real window, counted: every
//! click, typed field and file drop goes through [`Journey`], which owns the
//! window, so a test cannot act without being counted. The page counts too
//! (its click and input events, and the drops it hears), and [`Journey::finish`]
//! fails when the two disagree: an action slipped past the helper (a script
//! click, a key press) shows up as a difference.

use std::path::Path;

use serde_json::{json, Value};

use super::webdriver::Session;

/// Counts in the page what reached it from outside: clicks, fields typed
/// into (a run of input events on one field is one field), and file drops.
const PAGE_COUNTER: &str = "
  const seen = window.__journeySeen = { clicks: 0, fields: 0, drops: 0, log: [] };
  const name = (el) => (el.id ? `#${el.id}` : `${el.tagName.toLowerCase()} ${(el.textContent || '').trim().slice(0, 30)}`);
  let typing = null;
  // Only what a person does: the page's own clicks (a toast closing another) are not actions.
  document.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    seen.clicks += 1;
    seen.log.push(`click ${name(e.target)}`);
    typing = null;
  }, true);
  document.addEventListener('input', (e) => {
    if (!e.isTrusted || typing === e.target) return;
    seen.fields += 1;
    seen.log.push(`type ${name(e.target)}`);
    typing = e.target;
  }, true);
  window.__TAURI__.event.listen('tauri://drag-drop', () => { seen.drops += 1; seen.log.push('drop'); typing = null; });
  return true;";

/// One action the journey took, for the report of the count.
#[derive(Debug, Clone)]
pub struct Action {
    /// "click", "type" or "drop".
    pub kind: &'static str,
    /// What it was, in the committee's words ("Create program").
    pub what: String,
}

/// The window, reachable only through counted actions and read-only looks.
pub struct Journey {
    app: Session,
    actions: Vec<Action>,
}

impl Journey {
    /// Takes over a freshly launched window and starts counting.
    pub fn begin(app: Session) -> Journey {
        app.execute(PAGE_COUNTER, json!([]));
        Journey {
            app,
            actions: Vec::new(),
        }
    }

    fn count(&mut self, kind: &'static str, what: &str) {
        self.actions.push(Action {
            kind,
            what: what.to_string(),
        });
    }

    /// One click on `css`, named `what`.
    pub fn click(&mut self, css: &str, what: &str) {
        self.count("click", what);
        self.app.click(css);
    }

    /// One field typed into.
    pub fn type_into(&mut self, css: &str, text: &str, what: &str) {
        self.count("type", what);
        self.app.type_into(css, text);
    }

    /// One drop of these files on the window.
    pub fn drop_files(&mut self, paths: &[&Path], what: &str) {
        self.count("drop", what);
        self.app.drop_files(paths);
    }

    /// Waits for an element (not an action).
    pub fn wait_for(&self, css: &str) {
        self.app.wait_for(css);
    }

    /// Waits until `css` shows `needle`; returns its text (not an action).
    pub fn wait_for_text(&self, css: &str, needle: &str) -> String {
        self.app.wait_for_text(css, needle)
    }

    /// The text of `css` (not an action).
    pub fn text_of(&self, css: &str) -> String {
        self.app.text_of(css)
    }

    /// The value of a form field (not an action).
    pub fn value_of(&self, css: &str) -> Value {
        self.app.execute(
            "const el = document.querySelector(arguments[0]); return el ? el.value : null;",
            json!([css]),
        )
    }

    /// A picture of the window for people to look at (not an action).
    pub fn screenshot(&self, path: &Path) {
        self.app.screenshot(path);
    }

    /// Ends the journey: checks that the page saw exactly the counted
    /// actions, closes the window and returns them.
    pub fn finish(self) -> Vec<Action> {
        let seen = self
            .app
            .execute("return window.__journeySeen || null;", json!([]));
        let by_kind = |kind: &str| self.actions.iter().filter(|a| a.kind == kind).count();
        let page = |key: &str| seen[key].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(
            (page("clicks"), page("fields"), page("drops")),
            (by_kind("click"), by_kind("type"), by_kind("drop")),
            "the page saw other actions than the journey counted: {seen} against {:#?}",
            self.actions
        );
        self.app.quit();
        self.actions
    }
}
