//! Shared harness for end-to-end tests of the real Matchbook window: a private
//! Xvfb display, tauri-driver (which drives WebKitWebDriver), a fresh app-data
//! folder, and a small synchronous W3C WebDriver client. Everything started is
//! stopped by PID when the harness is dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// Why the desktop cannot be tested here, or None when it can. Outside CI a
/// machine without the tools skips these tests; in CI a missing tool fails.
pub fn missing_tools() -> Option<String> {
    let missing: Vec<&str> = ["Xvfb", "tauri-driver", "WebKitWebDriver"]
        .into_iter()
        .filter(|tool| which(tool).is_none())
        .collect();
    if missing.is_empty() {
        None
    } else {
        Some(format!(
            "missing {} (run `make test-deps`)",
            missing.join(", ")
        ))
    }
}

/// Returns true when the test should go on; panics in CI when tools are missing.
pub fn desktop_available() -> bool {
    match missing_tools() {
        None => true,
        Some(why) if std::env::var_os("CI").is_some() => {
            panic!("desktop tests cannot run in CI: {why}")
        }
        Some(why) => {
            eprintln!("skipping desktop test: {why}");
            false
        }
    }
}

fn which(tool: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(tool)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Window tests run one at a time: two cores, and one display each.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A display, a driver and a data folder for one test.
pub struct Desktop {
    _turn: MutexGuard<'static, ()>,
    xvfb: Child,
    driver: Child,
    pub display: String,
    pub port: u16,
    pub home: tempfile::TempDir,
    agent: ureq::Agent,
    /// "Today" for the window and the commands (MATCHBOOK_TODAY), if set.
    today: Option<String>,
}

impl Desktop {
    pub fn start() -> Desktop {
        Desktop::start_on(None)
    }

    /// Like [`Desktop::start`], with the window and commands living on `today` (YYYY-MM-DD).
    pub fn start_on(today: Option<&str>) -> Desktop {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let home = tempfile::tempdir().expect("temp home");
        // Xvfb picks a free display and writes its number to stdout once ready.
        let mut xvfb = Command::new(which("Xvfb").expect("Xvfb"))
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().expect("Xvfb stdout"))
            .read_line(&mut line)
            .expect("read Xvfb display");
        let display = format!(":{}", line.trim());

        let port = free_port();
        let native_port = free_port();
        let log = std::fs::File::create(home.path().join("tauri-driver.log")).expect("driver log");
        std::fs::create_dir_all(home.path().join("saved")).expect("saved folder");
        let mut driver = Command::new(which("tauri-driver").expect("tauri-driver"));
        driver.env_remove("MATCHBOOK_TODAY");
        if let Some(today) = today {
            // The window inherits it through tauri-driver and WebKitWebDriver.
            driver.env("MATCHBOOK_TODAY", today);
        }
        let driver = driver
            // Its own process group, so the WebKitWebDriver it starts is stopped with it.
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("NO_AT_BRIDGE", "1")
            // Lets the page emit Tauri's drag-drop event, as a real drop would.
            .env("MATCHBOOK_E2E_TESTING", "1")
            .env("MATCHBOOK_E2E_SAVE_DIR", home.path().join("saved"))
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start tauri-driver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Desktop {
            _turn: turn,
            xvfb,
            driver,
            display,
            port,
            home,
            agent,
            today: today.map(str::to_string),
        }
    }

    /// Where save dialogs put files in this test (the app's save commands skip the dialog).
    pub fn saved_dir(&self) -> PathBuf {
        self.home.path().join("saved")
    }

    /// Where the app keeps its default program file under this test's data folder.
    pub fn default_program_file(&self) -> PathBuf {
        self.home
            .path()
            .join("data/org.matchbook.desktop/Matchbook.sqlite")
    }

    /// Runs the `matchbook` command on this test's default program file (while no window holds it).
    pub fn command(&self, args: &[&str]) -> serde_json::Value {
        // A window that was just closed may still hold the file for a moment.
        let deadline = Instant::now() + Duration::from_secs(15);
        let out = loop {
            let mut command = Command::new(env!("CARGO_BIN_EXE_matchbook"));
            command
                .arg("--db")
                .arg(self.default_program_file())
                .args(args)
                .env_remove("MATCHBOOK_TODAY");
            if let Some(today) = &self.today {
                command.env("MATCHBOOK_TODAY", today);
            }
            let out = command.output().expect("run matchbook");
            let busy = String::from_utf8_lossy(&out.stderr).contains("already open");
            if !busy || Instant::now() >= deadline {
                break out;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        assert!(
            out.status.success(),
            "matchbook {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
    }

    /// Launches the real Matchbook window and waits until its interface has loaded.
    pub fn launch(&self) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": env!("CARGO_BIN_EXE_matchbook")}
        }}});
        let base = format!("http://127.0.0.1:{}", self.port);
        let value = call(&self.agent, "POST", &format!("{base}/session"), Some(caps))
            .unwrap_or_else(|e| panic!("could not open a WebDriver session: {e}"));
        let id = value["sessionId"].as_str().expect("session id").to_string();
        let session = Session {
            agent: self.agent.clone(),
            url: format!("{base}/session/{id}"),
        };
        session.wait_for("main .page");
        session
    }

    /// A screenshot of the whole display, for looking at with a file viewer.
    pub fn screenshot_display(&self, path: &Path) {
        let _ = Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", &self.display)
            .status();
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

fn call(
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
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(id) = self.try_find(css) {
                return id;
            }
            if Instant::now() >= deadline {
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
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits up to 10 s until the page's text contains `needle`; returns the text.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self
                .try_find(css)
                .map(|e| self.text(&e))
                .unwrap_or_default();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css:?} never showed {needle:?}; last text: {text:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&self, css: &str) {
        let el = self.wait_for(css);
        self.post(&format!("/element/{el}/click"), json!({}))
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
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
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let focused = self.execute(
                "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
                json!([css]),
            );
            if focused == json!(true) {
                return;
            }
            let actual = self.execute(
                "const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : 'nothing';",
                json!([]),
            );
            assert!(
                Instant::now() < deadline,
                "focus never reached {css:?}; it is on {actual}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
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

    /// Saves a PNG of the window (taken a frame after the last change).
    pub fn screenshot(&self, path: &Path) {
        // Two animation frames (or half a second at most), so the picture shows the page as it is now.
        let _ = self.post(
            "/execute/async",
            json!({"script": "const done = arguments[0]; const t = setTimeout(done, 500); requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); done(); }));", "args": []}),
        );
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

/// Where tests leave screenshots for people to look at (ignored by git).
pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/artifacts")
}
