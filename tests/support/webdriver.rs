//! A small synchronous W3C WebDriver client for one Matchbook window: find,
//! click, type, press keys, wait for text or focus, run scripts, emit a
//! file drop, take screenshots. [`super::desktop::Desktop::launch`] opens it.

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};

use super::wait;

/// How long a page element, text or focus may take to appear.
const PAGE_TIMEOUT: Duration = Duration::from_secs(10);

pub(super) fn call(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    let response = match method {
        "GET" => agent.get(url).call(),
        "DELETE" => agent.delete(url).call(),
        _ => agent.post(url).send_json(body.unwrap_or_else(|| json!({}))),
    };
    let mut response = response.map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let value: Value = response
        .body_mut()
        .read_json()
        .map_err(|e| format!("{method} {url}: bad response: {e}"))?;
    if status.is_success() {
        Ok(value["value"].clone())
    } else {
        Err(format!("{method} {url}: {}", value["value"]))
    }
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One running Matchbook window under WebDriver.
pub struct Session {
    agent: ureq::Agent,
    url: String,
}

impl Session {
    pub(super) fn new(agent: ureq::Agent, url: String) -> Session {
        Session { agent, url }
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        call(
            &self.agent,
            "POST",
            &format!("{}{path}", self.url),
            Some(body),
        )
    }

    fn get(&self, path: &str) -> Result<Value, String> {
        call(&self.agent, "GET", &format!("{}{path}", self.url), None)
    }

    /// The element matching `css` now, if any.
    pub fn try_find(&self, css: &str) -> Option<String> {
        match self.post("/element", json!({"using": "css selector", "value": css})) {
            Ok(v) => v[ELEMENT].as_str().map(str::to_string),
            Err(e) => {
                if !e.contains("no such element") || std::env::var_os("WD_DEBUG").is_some() {
                    eprintln!("find {css}: {e}");
                }
                None
            }
        }
    }

    /// Waits up to 10 s for an element matching `css`.
    pub fn wait_for(&self, css: &str) -> String {
        if let Some(id) = wait::poll(PAGE_TIMEOUT, || self.try_find(css)) {
            return id;
        }
        let source = self.get("/source").unwrap_or_default();
        let source = source.as_str().unwrap_or_default();
        let probe = self.post("/execute/async", json!({"script": "const done = arguments[0]; window.__TAURI__.core.invoke('app_info').then(r => done(JSON.stringify(r))).catch(e => done('ERR ' + e));", "args": []}));
        panic!(
            "no element matches {css:?}; probe: {probe:?}; main: {}",
            source
                .split("<main")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take(400)
                .collect::<String>()
        );
    }

    /// Waits up to 10 s until the text of `css` contains `needle`; returns the text.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> String {
        wait::until(
            PAGE_TIMEOUT,
            format_args!("{css:?} to show {needle:?}"),
            || {
                let text = self
                    .try_find(css)
                    .map(|e| self.text(&e))
                    .unwrap_or_default();
                if text.contains(needle) {
                    Ok(text)
                } else {
                    Err(format!("{text:?}"))
                }
            },
        )
    }

    pub fn click(&self, css: &str) {
        // A screen that draws itself again between finding and clicking
        // leaves a stale element: find it again, as a person would look again.
        let mut last = String::new();
        for _ in 0..3 {
            let el = self.wait_for(css);
            // As a person would, bring it to the middle of the window first: the
            // driver's own scrolling leaves it on the bottom edge, under a toast.
            let _ = self.post(
                "/execute/sync",
                json!({"script": "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", "args": [{ELEMENT: el}]}),
            );
            match self.post(&format!("/element/{el}/click"), json!({})) {
                Ok(_) => return,
                Err(e) if e.to_string().contains("stale") => last = e.to_string(),
                Err(e) => panic!("click {css}: {e}"),
            }
        }
        panic!("click {css}: {last}");
    }

    pub fn clear(&self, css: &str) {
        let el = self.wait_for(css);
        self.post(&format!("/element/{el}/clear"), json!({}))
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
    }

    /// Types into the element as a user would (key events, not value assignment).
    pub fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css);
        self.post(&format!("/element/{el}/value"), json!({"text": text}))
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Presses keys as a user would, through the WebDriver actions API, on
    /// whatever has focus. `Ctrl` and `Shift` are held down until the end:
    /// `press(&["Ctrl", "z"])` is Ctrl+Z; other names are W3C key names
    /// ("ArrowRight", "Home", "End", "Tab") or single characters.
    pub fn press(&self, keys: &[&str]) {
        let code = |key: &str| -> String {
            match key {
                "Ctrl" => "\u{E009}".into(),
                "Shift" => "\u{E008}".into(),
                "Tab" => "\u{E004}".into(),
                "Enter" => "\u{E007}".into(),
                "Escape" => "\u{E00C}".into(),
                "End" => "\u{E010}".into(),
                "Home" => "\u{E011}".into(),
                "ArrowLeft" => "\u{E012}".into(),
                "ArrowUp" => "\u{E013}".into(),
                "ArrowRight" => "\u{E014}".into(),
                "ArrowDown" => "\u{E015}".into(),
                other => other.into(),
            }
        };
        let (held, pressed): (Vec<&str>, Vec<&str>) =
            keys.iter().partition(|k| matches!(**k, "Ctrl" | "Shift"));
        let mut actions = Vec::new();
        for key in &held {
            actions.push(json!({"type": "keyDown", "value": code(key)}));
        }
        for key in &pressed {
            actions.push(json!({"type": "keyDown", "value": code(key)}));
            actions.push(json!({"type": "keyUp", "value": code(key)}));
        }
        for key in held.iter().rev() {
            actions.push(json!({"type": "keyUp", "value": code(key)}));
        }
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .unwrap_or_else(|e| panic!("press {keys:?}: {e}"));
    }

    /// Waits until keyboard focus is on an element that matches `css`.
    pub fn wait_for_focus(&self, css: &str) {
        wait::until(PAGE_TIMEOUT, format_args!("focus to reach {css:?}"), || {
            let focused = self.execute(
                "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
                json!([css]),
            );
            if focused == json!(true) {
                return Ok(());
            }
            let actual = self.execute(
                    "const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : 'nothing';",
                    json!([]),
                );
            Err(format!("focus is on {actual}"))
        })
    }

    pub fn text(&self, element: &str) -> String {
        self.get(&format!("/element/{element}/text"))
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    pub fn text_of(&self, css: &str) -> String {
        let el = self.wait_for(css);
        self.text(&el)
    }

    pub fn title(&self) -> String {
        self.get("/title")
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Runs a script in the page and returns its value.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Emits Tauri's drag-drop event for `paths`, as dropping files on the window does.
    pub fn drop_files(&self, paths: &[&Path]) {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        self.post(
            "/execute/async",
            json!({"script": "const done = arguments[1]; window.__TAURI__.event.emit('tauri://drag-drop', {paths: arguments[0], position: {x: 400, y: 300}}).then(() => done(true), (e) => done(String(e)));", "args": [paths]}),
        )
        .unwrap_or_else(|e| panic!("drop files: {e}"));
    }

    /// Resizes the window (a laptop at 125–150% scaling is about 800 px wide).
    pub fn resize(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .unwrap_or_else(|e| panic!("resize the window: {e}"));
    }

    /// Saves a PNG of the window (taken a frame after the last change).
    pub fn screenshot(&self, path: &Path) {
        // Two animation frames (or half a second at most), so the picture shows the page as it is now.
        let _ = self.post(
            "/execute/async",
            json!({"script": "const done = arguments[0]; const t = setTimeout(done, 500); requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); done(); }));", "args": []}),
        );
        // The page cannot tell when the compositor has presented that frame,
        // and a snapshot taken before it shows the page as it was; a short
        // pause is the only wait there is. Screenshots are for people; no
        // assertion depends on them.
        std::thread::sleep(Duration::from_millis(300));
        if let Ok(Value::String(b64)) = self.get("/screenshot") {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64.as_bytes()) {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                let _ = std::fs::write(path, bytes);
            }
        }
    }

    /// Closes the window (ends the app process).
    pub fn quit(self) {
        let _ = call(&self.agent, "DELETE", &self.url, None);
    }
}
