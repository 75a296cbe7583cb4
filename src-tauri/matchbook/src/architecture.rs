//! Two of ARCHITECTURE.md's invariants, checked on the source itself:
//! - no two modules of this crate (the core) import each other: neither two
//!   top-level modules, nor two files of one folder (`letters/greetings.rs` and
//!   `letters/recipients.rs`). An import is any `crate::…` or `super::…`
//!   path, in code, `use` groups or doc links. Tests may reach anywhere:
//!   `#[cfg(test)]` modules and items are left out.
//! - no source file outside the tests is over 600 lines: `.rs` under
//!   `src-tauri/`, `.js` and `.css` under `ui/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines a source file outside the tests may have.
const MOST_LINES: usize = 600;

/// Byte ranges of a file's text.
type Ranges = Vec<(usize, usize)>;

/// One source file of a crate, as a module path (`["letters", "greetings"]`).
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

/// Every file under `dir` whose extension is one of `extensions`.
fn files_under(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, extensions, out);
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

/// Every `.rs` file under a crate's `src`, with its module path.
fn crate_files(src: &Path) -> Vec<SourceFile> {
    let mut paths = Vec::new();
    files_under(src, &["rs"], &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(src).unwrap_or(&path).with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            SourceFile { path, module, text }
        })
        .collect()
}

/// The byte ranges of a file that only tests compile: each item after a
/// `#[cfg(test)]` line, to its `;` or to the closing `}` at its indent. The
/// names of child modules declared that way (`mod tests;`) go in `test_children`.
fn test_ranges(text: &str, test_children: &mut Vec<String>) -> Ranges {
    let mut ranges = Vec::new();
    let mut offsets = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        offsets.push((at, line));
        at += line.len();
    }
    let mut i = 0;
    while i < offsets.len() {
        if offsets[i].1.trim() != "#[cfg(test)]" {
            i += 1;
            continue;
        }
        let (start, _) = offsets[i];
        let mut j = i + 1;
        while j < offsets.len() && offsets[j].1.trim_start().starts_with("#[") {
            j += 1;
        }
        let Some(&(_, item)) = offsets.get(j) else {
            break;
        };
        let indent = item.len() - item.trim_start().len();
        let words: Vec<&str> = item.split_whitespace().collect();
        if let Some(k) = words.iter().position(|w| *w == "mod") {
            if let Some(name) = words.get(k + 1).and_then(|n| n.strip_suffix(';')) {
                test_children.push(name.to_string());
            }
        }
        let closing = format!("{}}}", &item[..indent]);
        let mut end = j;
        if !item.trim_end().ends_with(';') {
            while end < offsets.len() && offsets[end].1.trim_end() != closing {
                end += 1;
            }
        }
        let (last_at, last) = offsets[end.min(offsets.len() - 1)];
        ranges.push((start, last_at + last.len()));
        i = end + 1;
    }
    ranges
}

/// The modules only tests compile (`#[cfg(test)] mod tests;`), and each
/// file's test-only ranges.
fn test_parts(files: &[SourceFile]) -> (BTreeSet<Vec<String>>, Vec<Ranges>) {
    let mut modules = BTreeSet::new();
    let mut ranges = Vec::new();
    for file in files {
        let mut children = Vec::new();
        ranges.push(test_ranges(&file.text, &mut children));
        for child in children {
            let mut module = file.module.clone();
            module.push(child);
            modules.insert(module);
        }
    }
    (modules, ranges)
}

/// The file is a test module or inside one.
fn is_test(file: &SourceFile, test_modules: &BTreeSet<Vec<String>>) -> bool {
    (1..=file.module.len()).any(|k| test_modules.contains(&file.module[..k]))
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Reads the path written at `i` (after `crate::` or the `super::`s) onto
/// `prefix`, expanding `{…}` groups; every full path goes in `out`.
/// Returns where the path ends.
fn read_path(
    text: &str,
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    let bytes = text.as_bytes();
    loop {
        while i < bytes.len() && (bytes[i] as char).is_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'{' {
            i += 1;
            loop {
                while i < bytes.len() && (bytes[i] as char).is_whitespace() {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] == b'}' {
                    return i + 1;
                }
                i = read_path(text, i, prefix.clone(), out);
                // Skip `as Name`, then the comma.
                while i < bytes.len() && bytes[i] != b',' && bytes[i] != b'}' {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b',' {
                    i += 1;
                }
            }
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i] as char) {
            i += 1;
        }
        if i > start && &text[start..i] != "self" {
            prefix.push(text[start..i].to_string());
        }
        if i > start && text[i..].starts_with("::") {
            i += 2;
            continue;
        }
        out.push(prefix);
        return i;
    }
}

/// Every `crate::` and `super::` path in the file's non-test text, as an
/// absolute module path, with its line.
fn references(file: &SourceFile, tests: &[(usize, usize)]) -> Vec<(Vec<String>, usize)> {
    let text = &file.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = ["crate::", "super::"]
        .iter()
        .filter_map(|word| text[from..].find(word).map(|at| from + at))
        .min()
    {
        from = found + 1;
        let before = text[..found].chars().next_back();
        if before.is_some_and(is_ident) || tests.iter().any(|&(a, b)| a <= found && found < b) {
            continue;
        }
        let (base, mut i) = if text[found..].starts_with("crate::") {
            (Vec::new(), found + "crate::".len())
        } else {
            let mut i = found;
            let mut ups = 0;
            while text[i..].starts_with("super::") {
                i += "super::".len();
                ups += 1;
            }
            let Some(keep) = file.module.len().checked_sub(ups) else {
                continue;
            };
            (file.module[..keep].to_vec(), i)
        };
        let mut paths = Vec::new();
        i = read_path(text, i, base, &mut paths);
        from = from.max(i);
        let line = text[..found].matches('\n').count() + 1;
        out.extend(paths.into_iter().map(|p| (p, line)));
    }
    out
}

/// An import from one module to a sibling: where it is written.
type Edges = BTreeMap<(Vec<String>, Vec<String>), String>;

/// Which module imports which sibling, with one file:line for each.
fn sibling_imports(src: &Path) -> Edges {
    let files = crate_files(src);
    let (test_modules, ranges) = test_parts(&files);
    let modules: BTreeSet<&[String]> = files
        .iter()
        .flat_map(|f| (1..=f.module.len()).map(|k| &f.module[..k]))
        .collect();
    let mut edges = Edges::new();
    for (file, tests) in files.iter().zip(&ranges) {
        if is_test(file, &test_modules) {
            continue;
        }
        for (target, line) in references(file, tests) {
            let shared = file
                .module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if shared >= file.module.len() || shared >= target.len() {
                continue; // its own child or one of its parents
            }
            let (from, to) = (&file.module[..=shared], &target[..=shared]);
            if modules.contains(to) {
                let shown = file.path.strip_prefix(workspace()).unwrap_or(&file.path);
                let place = format!("{}:{line}", shown.display());
                edges.entry((from.to_vec(), to.to_vec())).or_insert(place);
            }
        }
    }
    edges
}

/// Each pair of modules that import each other, in words.
fn circles(edges: &Edges) -> Vec<String> {
    edges
        .iter()
        .filter(|((a, b), _)| a < b)
        .filter_map(|((a, b), there)| {
            let back = edges.get(&(b.clone(), a.clone()))?;
            Some(format!(
                "{} ↔ {}: {there} uses {}, and {back} uses {}",
                a.join("/"),
                b.join("/"),
                b.join("/"),
                a.join("/")
            ))
        })
        .collect()
}

fn workspace() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

#[test]
fn no_two_modules_import_each_other() {
    let edges = sibling_imports(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    assert!(
        edges.len() > 100,
        "found only {} imports between modules; is the reading broken?",
        edges.len()
    );
    let found = circles(&edges);
    assert!(
        found.is_empty(),
        "Modules that import each other (move what both need into a leaf module):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_circle_is_found_in_use_groups_supers_and_doc_links() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    };
    write("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n");
    write("a/mod.rs", "mod x;\nmod y;\n#[cfg(test)]\nmod tests;\n");
    write("a/x.rs", "use super::{\n    y::Thing,\n    z,\n};\n");
    write(
        "a/y.rs",
        "/// See [`X`](super::super::a::x::X).\npub struct Thing;\n",
    );
    write("a/tests.rs", "use crate::b::B;\n");
    write("b.rs", "use crate::{c::C, a as other};\n");
    write(
        "c.rs",
        "#[cfg(test)]\nmod tests {\n    use crate::b::B;\n}\n\nfn f() -> crate::Error {}\n",
    );
    let found = circles(&sibling_imports(dir.path()));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("a/x ↔ a/y: "), "{found:?}");
    assert!(found[0].contains("a/x.rs:1 uses a/y"), "{found:?}");
    assert!(found[0].contains("a/y.rs:1 uses a/x"), "{found:?}");

    // The test module's import and the #[cfg(test)] block make no circle;
    // a real import back does, named with its line.
    write("c.rs", "fn f() {}\n\n\nfn g() -> crate::b::B {}\n");
    let found = circles(&sibling_imports(dir.path()));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().any(|f| f.contains("c.rs:4 uses b")),
        "{found:?}"
    );
}

/// Every source file outside the tests, with its line count.
fn source_sizes() -> Vec<(String, usize)> {
    let root = workspace();
    let mut out = Vec::new();
    let mut count = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        out.push((name, text.lines().count()));
    };
    for src in ["src-tauri/matchbook/src", "src-tauri/src"] {
        let files = crate_files(&root.join(src));
        let (test_modules, _) = test_parts(&files);
        for file in files.iter().filter(|f| !is_test(f, &test_modules)) {
            count(&file.path);
        }
    }
    let mut others = Vec::new();
    files_under(
        &root.join("src-tauri/matchbook/examples"),
        &["rs"],
        &mut others,
    );
    others.push(root.join("src-tauri/build.rs"));
    others.push(root.join("src-tauri/matchbook/build.rs"));
    let mut ui = Vec::new();
    files_under(&root.join("ui"), &["js", "css"], &mut ui);
    for path in others.iter().chain(&ui) {
        count(path);
    }
    out.sort();
    out
}

#[test]
fn no_source_file_outside_the_tests_is_over_600_lines() {
    let sizes = source_sizes();
    assert!(
        sizes.iter().any(|(name, _)| name.ends_with("ui/main.js"))
            && sizes
                .iter()
                .any(|(name, _)| name.ends_with("matching/mod.rs")),
        "the source was not found: {sizes:?}"
    );
    let mut problems = Vec::new();
    for (name, lines) in &sizes {
        if *lines > MOST_LINES {
            problems.push(format!(
                "{name}: {lines} lines, over {MOST_LINES}: split it by capability"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
