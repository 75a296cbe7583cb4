//! Least privilege and no network, checked on the real configuration and
//! binary: the webview's CSP, the commands the window may call, the absence
//! of HTTP clients in the app, and the headless commands opening no socket.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use crate::support::cli::{self, ok};
use crate::support::repo_path;

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_path(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn csp() -> BTreeMap<String, Vec<String>> {
    let conf: serde_json::Value =
        serde_json::from_str(&read("src-tauri/tauri.conf.json")).expect("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            Some((
                words.next()?.to_string(),
                words.map(str::to_string).collect(),
            ))
        })
        .collect()
}

#[test]
fn the_content_security_policy_is_strict() {
    let csp = csp();
    assert_eq!(csp["default-src"], ["'self'"]);
    assert_eq!(csp["script-src"], ["'self'"], "scripts only from the app");
    assert_eq!(csp["object-src"], ["'none'"]);
    assert_eq!(csp["base-uri"], ["'none'"]);
    assert_eq!(csp["frame-ancestors"], ["'none'"]);
    assert_eq!(csp["form-action"], ["'none'"]);
    for (directive, sources) in &csp {
        for source in sources {
            assert!(!source.contains("unsafe-"), "{directive} allows {source}");
            // Only Tauri's own local schemes: never a remote origin.
            if source.contains("://") {
                assert!(
                    ["http://ipc.localhost", "http://asset.localhost"].contains(&source.as_str()),
                    "{directive} allows the remote origin {source}"
                );
            }
            assert_ne!(source, "*", "{directive} allows everything");
            assert!(
                !["https:", "http:", "ws:", "wss:"].contains(&source.as_str()),
                "{directive} allows {source}"
            );
        }
    }
    let connect: BTreeSet<&str> = csp["connect-src"].iter().map(String::as_str).collect();
    assert!(
        connect.is_subset(&["ipc:", "http://ipc.localhost"].into_iter().collect()),
        "connect-src may reach only Tauri's IPC: {connect:?}"
    );
}

/// The commands `ui/api.js` invokes.
fn commands_the_interface_calls() -> BTreeSet<String> {
    let api = read("ui/api.js");
    api.split("invoke('")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_window_may_call_exactly_the_commands_the_interface_uses() {
    let used = commands_the_interface_calls();
    assert!(used.len() > 40, "{used:?}");
    let capability: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/default.json")).expect("capability");
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission name").to_string())
        .collect();
    let mut commands = BTreeSet::new();
    for permission in &granted {
        if let Some(command) = permission.strip_prefix("allow-") {
            commands.insert(command.replace('-', "_"));
        } else {
            assert!(
                ["core:event:allow-listen", "core:event:allow-unlisten"]
                    .contains(&permission.as_str()),
                "the window is granted {permission}, which the interface does not need"
            );
        }
    }
    assert_eq!(
        commands, used,
        "granted commands and the commands ui/api.js calls must be the same"
    );
    // build.rs lists the same commands for the app manifest.
    let build = read("src-tauri/build.rs");
    for command in &used {
        assert!(
            build.contains(&format!("\"{command}\"")),
            "build.rs lacks {command}"
        );
    }
    // No plugin that reaches files, processes or the network is installed.
    let cargo = read("src-tauri/Cargo.toml");
    for plugin in [
        "tauri-plugin-fs",
        "tauri-plugin-shell",
        "tauri-plugin-http",
        "tauri-plugin-opener",
        "tauri-plugin-updater",
        "tauri-plugin-process",
    ] {
        assert!(!cargo.contains(plugin), "{plugin} is a dependency");
    }
}

#[test]
fn the_app_has_no_http_client() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "matchbook-app",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(repo_path("."))
        .output()
        .expect("cargo tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let crates: BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        crates.contains("tauri") && crates.contains("rusqlite"),
        "{crates:?}"
    );
    for client in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
        "tungstenite",
        "tokio-tungstenite",
        "h2",
    ] {
        assert!(
            !crates.contains(client),
            "{client} is in the app's dependencies"
        );
    }
}

/// Runs `matchbook ARGS…` under strace and returns the socket families it opened.
fn socket_families(db: &Path, args: &[&str], log: &Path) -> Vec<String> {
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(log)
        .arg(env!("CARGO_BIN_EXE_matchbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run strace");
    assert!(
        status.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split("socket(").nth(1))
        .filter_map(|rest| rest.split(',').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn headless_commands_open_no_network_socket() {
    let strace_works = Command::new("strace")
        .args(["-qq", "-e", "trace=none", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !strace_works {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace is needed in CI (scripts/install-deps.sh installs it)"
        );
        eprintln!("skipping: strace cannot trace here");
        return;
    }
    let (dir, db) = cli::temp_db();
    let log = dir.path().join("strace.log");
    let pdf = dir.path().join("letters.pdf");
    let report = dir.path().join("report.pdf");
    let ics = dir.path().join("check-ins.ics");
    let csv = dir.path().join("matches.csv");
    let steps: Vec<Vec<&str>> = vec![
        vec!["sample"],
        vec!["match", "run"],
        vec!["match", "confirm"],
        vec!["letters", "--out", pdf.to_str().expect("path")],
        vec!["report", "--pdf", report.to_str().expect("path")],
        vec!["calendar", "--out", ics.to_str().expect("path")],
        vec!["export", "matches", "--out", csv.to_str().expect("path")],
    ];
    for step in &steps {
        let families = socket_families(&db, step, &log);
        let network: Vec<&String> = families.iter().filter(|f| *f != "AF_UNIX").collect();
        assert!(network.is_empty(), "{step:?} opened sockets {network:?}");
    }
    assert!(pdf.exists() && report.exists() && ics.exists() && csv.exists());
}

/// Every cell of a CSV file Matchbook wrote, as a spreadsheet reads it.
fn cells(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} has no BOM for Excel",
        path.display()
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..]);
    reader
        .records()
        .flat_map(|r| {
            r.expect("a CSV row")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_csv_export_is_formula_safe_and_everything_round_trips() {
    let (dir, db) = cli::temp_db();
    ok(
        &db,
        &[
            "program",
            "create",
            "--name",
            "=Formula 2027",
            "--kickoff",
            "2030-01-15",
        ],
    );
    let mentors = dir.path().join("mentors.csv");
    std::fs::write(
        &mentors,
        "Name,Email Address,Library / organization,How many mentees could you take on?\n\
         \"=HYPERLINK(\"\"http://x\"\")\",m1@example.org,+Library,2\n\
         @Mentor Two,m2@example.org,-Library,1\n",
    )
    .expect("mentors");
    let participants = dir.path().join("participants.csv");
    std::fs::write(
        &participants,
        "Name,Email Address,Library / organization\n\
         \"\tTab Person\",p1@example.org,=1+1\n\
         \"\rCarriage\",p2@example.org,Plain Library\n",
    )
    .expect("participants");
    ok(
        &db,
        &["import", mentors.to_str().expect("path"), "--as", "mentors"],
    );
    ok(
        &db,
        &[
            "import",
            participants.to_str().expect("path"),
            "--as",
            "participants",
        ],
    );
    ok(&db, &["match", "run"]);
    ok(&db, &["match", "confirm"]);
    let matches = dir.path().join("matches.csv");
    let report = dir.path().join("report.csv");
    let all = dir.path().join("everything");
    ok(
        &db,
        &[
            "export",
            "matches",
            "--out",
            matches.to_str().expect("path"),
        ],
    );
    ok(&db, &["report", "--csv", report.to_str().expect("path")]);
    ok(
        &db,
        &["export", "all", "--out", all.to_str().expect("path")],
    );

    let mut files = vec![matches, report];
    files.extend(
        std::fs::read_dir(&all)
            .expect("export folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv")),
    );
    assert!(files.len() >= 19, "{files:?}");
    let mut checked = 0;
    for file in &files {
        for cell in cells(file) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{}: the cell {cell:?} would run as a formula",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} cells");

    // The JSON of the export makes an identical program file.
    let back = dir.path().join("back.sqlite");
    let run = cli::matchbook(&back, &["import-export", all.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = dir.path().join("again");
    let run = cli::matchbook(
        &back,
        &["export", "all", "--out", again.to_str().expect("path")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = |folder: &Path| {
        let mut v: serde_json::Value = serde_json::from_slice(
            &std::fs::read(folder.join("matchbook-export.json")).expect("json"),
        )
        .expect("valid JSON");
        v["exported_at"] = serde_json::Value::Null;
        v
    };
    assert_eq!(json(&all), json(&again));
    // Importing over an existing file is refused.
    let run = cli::matchbook(&back, &["import-export", all.to_str().expect("path")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
}
