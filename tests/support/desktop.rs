//! The real Matchbook window under test: a private Xvfb display, tauri-driver
//! (which drives WebKitWebDriver), a fresh app-data folder, and a small
//! synchronous W3C WebDriver client. Everything started is stopped by PID
//! when the harness is dropped.
//!
//! The client itself, [`Session`], is `webdriver.rs`.
//!
//! Each [`Desktop`] has its own display (Xvfb picks a free one), its own
//! driver ports (never handed out twice in this process) and its own data
//! folder, so tests on parallel threads cannot see each other's window.
//! How many run at once is [`windows_at_once`].

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use super::webdriver::call;
pub use super::webdriver::Session;
use super::{cli, wait};

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

/// A local port that is free now and was not given to another desktop of this process.
fn free_port() -> u16 {
    static GIVEN: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    let mut given = GIVEN.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free local port");
        if given.insert(port) {
            return port;
        }
    }
}

/// How many windows the tests drive at once: `UI_TEST_WINDOWS`, else 1.
/// Measured on the 2-core CI machine, one at a time is as fast as two and
/// never starves a window of CPU into a timeout.
pub fn windows_at_once() -> usize {
    std::env::var("UI_TEST_WINDOWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

/// Hands out turns to drive a window, [`windows_at_once`] at a time.
struct Turns {
    taken: Mutex<usize>,
    freed: Condvar,
}

static TURNS: Turns = Turns {
    taken: Mutex::new(0),
    freed: Condvar::new(),
};

/// One test's turn; the next waiting test starts when it is dropped.
struct Turn;

impl Turns {
    fn take(&'static self) -> Turn {
        let limit = windows_at_once();
        let mut taken = self.taken.lock().unwrap_or_else(|p| p.into_inner());
        while *taken >= limit {
            taken = self.freed.wait(taken).unwrap_or_else(|p| p.into_inner());
        }
        *taken += 1;
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut taken = TURNS.taken.lock().unwrap_or_else(|p| p.into_inner());
        *taken -= 1;
        TURNS.freed.notify_one();
    }
}

/// A display, a driver and a data folder for one test.
pub struct Desktop {
    xvfb: Child,
    driver: Child,
    pub display: String,
    pub port: u16,
    pub home: tempfile::TempDir,
    agent: ureq::Agent,
    /// "Today" for the window and the commands (MATCHBOOK_TODAY), if set.
    today: Option<String>,
    // Last, so the turn passes on only after the processes above are stopped.
    _turn: Turn,
}

impl Desktop {
    pub fn start() -> Desktop {
        Desktop::start_on(None)
    }

    /// Like [`Desktop::start`], with the window and commands living on `today` (YYYY-MM-DD).
    pub fn start_on(today: Option<&str>) -> Desktop {
        let turn = TURNS.take();
        let home = tempfile::tempdir().expect("temp home");
        std::fs::create_dir_all(home.path().join("saved")).expect("saved folder");
        let (xvfb, display) = start_xvfb();
        let (driver, port) = start_driver(home.path(), &display, today);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Desktop {
            xvfb,
            driver,
            display,
            port,
            home,
            agent,
            today: today.map(str::to_string),
            _turn: turn,
        }
    }

    /// Where save dialogs put files in this test (the app's save commands skip the dialog).
    pub fn saved_dir(&self) -> PathBuf {
        self.home.path().join("saved")
    }

    /// Where the app keeps its default program file under this test's data
    /// folder (a fresh folder: the `.matchbook` one).
    pub fn default_program_file(&self) -> PathBuf {
        self.data_home()
            .join("org.matchbook.desktop/Matchbook.matchbook")
    }

    fn data_home(&self) -> PathBuf {
        self.home.path().join("data")
    }

    /// Runs the `matchbook` command on this test's default program file (while
    /// no window holds it) and returns its JSON output, or null for text.
    pub fn command(&self, args: &[&str]) -> Value {
        self.command_on(self.today.as_deref(), args)
    }

    /// [`Desktop::command`] on another "today" (None: the real one).
    fn command_on(&self, today: Option<&str>, args: &[&str]) -> Value {
        let file = self.default_program_file();
        // A window that was just closed may still hold the file for a moment.
        let run = wait::until(
            Duration::from_secs(15),
            format_args!("the window to let go of the file for {args:?}"),
            || {
                let run = cli::run(&file, today, args);
                if run.stderr.contains("already open") {
                    Err(run.stderr)
                } else {
                    Ok(run)
                }
            },
        );
        assert_eq!(run.code, 0, "matchbook {args:?}: {}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap_or(Value::Null)
    }

    /// Puts the sample cohort in the default program file, with `program edit
    /// EDIT…` applied (when not empty), matched and confirmed today (the
    /// real today: a window living later finds pairs confirmed before then).
    pub fn confirmed_sample(&self, edit: &[&str]) {
        for step in cli::confirmed_sample_steps(edit) {
            self.command_on(None, &step);
        }
    }

    /// Launches the real Matchbook window and waits until its interface has loaded.
    pub fn launch(&self) -> Session {
        self.launch_with(&[])
    }

    /// Launches the window with these command-line arguments (as the system
    /// passes a double-clicked file).
    pub fn launch_with(&self, args: &[&str]) -> Session {
        // `make bench` measures the release build: MATCHBOOK_BENCH_APP names it.
        let application = std::env::var("MATCHBOOK_BENCH_APP")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_matchbook").to_string());
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": application, "args": args}
        }}});
        let base = format!("http://127.0.0.1:{}", self.port);
        // tauri-driver drops the connection when the WebKitWebDriver it
        // started is not listening yet (seen once in CI); that is worth a retry,
        // an answered error is not.
        let mut attempt = 0;
        let value = loop {
            attempt += 1;
            match call(
                &self.agent,
                "POST",
                &format!("{base}/session"),
                Some(caps.clone()),
            ) {
                Ok(value) => break value,
                Err(e) if attempt < 4 && e.contains(": io: ") => {
                    std::thread::sleep(Duration::from_secs(2));
                }
                Err(e) => panic!(
                    "could not open a WebDriver session: {e}\ntauri-driver log:\n{}",
                    std::fs::read_to_string(self.home.path().join("tauri-driver.log"))
                        .unwrap_or_default()
                ),
            }
        };
        let id = value["sessionId"].as_str().expect("session id").to_string();
        let session = Session::new(self.agent.clone(), format!("{base}/session/{id}"));
        session.wait_for("main .page");
        session
    }

    /// The process id of this desktop's window, if one is running: the
    /// `matchbook` binary started without a subcommand, with this test's data folder.
    pub fn window_pid(&self) -> Option<i32> {
        let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_matchbook")).ok()?;
        let ours = format!("XDG_DATA_HOME={}", self.data_home().display()).into_bytes();
        std::fs::read_dir("/proc")
            .ok()?
            .flatten()
            .find_map(|entry| {
                let pid: i32 = entry.file_name().to_str()?.parse().ok()?;
                let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
                let args = cmdline.split(|b| *b == 0).filter(|a| !a.is_empty());
                let is_window = args.count() == 1
                    && std::fs::canonicalize(entry.path().join("exe")).ok()? == exe
                    && std::fs::read(entry.path().join("environ"))
                        .ok()?
                        .split(|b| *b == 0)
                        .any(|var| var == ours.as_slice());
                is_window.then_some(pid)
            })
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

/// Starts Xvfb on a display it picks as free, and returns it with the display name.
fn start_xvfb() -> (Child, String) {
    // Xvfb writes the display number to stdout once it is ready.
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
    (xvfb, format!(":{}", line.trim()))
}

/// Starts tauri-driver for `display`, with its data under `home`, and returns
/// it once it listens, with its port. A port taken by another program between
/// choosing and binding it makes the driver exit; then new ports are tried.
fn start_driver(home: &Path, display: &str, today: Option<&str>) -> (Child, u16) {
    let log_path = home.join("tauri-driver.log");
    for _attempt in 0..3 {
        let port = free_port();
        let native_port = free_port();
        let log = std::fs::File::create(&log_path).expect("driver log");
        let mut driver = Command::new(which("tauri-driver").expect("tauri-driver"));
        driver.env_remove("MATCHBOOK_TODAY");
        if let Some(today) = today {
            // The window inherits it through tauri-driver and WebKitWebDriver.
            driver.env("MATCHBOOK_TODAY", today);
        }
        let mut driver = driver
            // Its own process group, so the WebKitWebDriver it starts is stopped with it.
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", display)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("NO_AT_BRIDGE", "1")
            // Lets the page emit Tauri's drag-drop event, as a real drop would.
            .env("MATCHBOOK_E2E_TESTING", "1")
            .env("MATCHBOOK_E2E_SAVE_DIR", home.join("saved"))
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start tauri-driver");
        let listening = wait::until(
            Duration::from_secs(20),
            format_args!("tauri-driver to listen on port {port}"),
            || match driver.try_wait() {
                Ok(Some(_exited)) => Ok(false),
                _ if TcpStream::connect(("127.0.0.1", port)).is_ok() => Ok(true),
                _ => Err("not listening yet".to_string()),
            },
        );
        if listening {
            return (driver, port);
        }
        let _ = driver.wait();
    }
    panic!(
        "tauri-driver exited three times: {}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );
}
