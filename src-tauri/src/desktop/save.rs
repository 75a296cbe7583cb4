//! Saving and printing for every screen: where to save (the native dialog,
//! or the folder the end-to-end tests name), writing through `.partial`, and
//! printing through the system's PDF viewer.

use std::path::{Path, PathBuf};

use matchbook::letters::safe_file_name;
use matchbook::programs;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FilePath};

use super::{with_store, AppState, CommandResult};

/// A path the dialog returned, or none when it was cancelled.
pub(super) fn dialog_path(path: Option<FilePath>) -> CommandResult<Option<PathBuf>> {
    match path {
        None => Ok(None),
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| format!("That location cannot be used as a file: {e}")),
    }
}

/// Where to save: the save dialog, or, only in a debug build driven by the
/// end-to-end tests, a folder the test named (native dialogs cannot be driven).
/// The path ends in the filter's first extension.
pub(super) fn save_target(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    let extension = filter.1.first().copied().unwrap_or_default();
    if let Some(dir) = test_save_dir() {
        return Ok(Some(with_extension(dir.join(suggested), extension)));
    }
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(filter.0, filter.1)
        .blocking_save_file();
    Ok(dialog_path(chosen)?.map(|path| with_extension(path, extension)))
}

/// A folder to save into: the folder dialog, or the tests' folder.
pub(super) fn folder_target(app: &AppHandle, title: &str) -> CommandResult<Option<PathBuf>> {
    if let Some(dir) = test_save_dir() {
        return Ok(Some(dir));
    }
    dialog_path(app.dialog().file().set_title(title).blocking_pick_folder())
}

fn test_save_dir() -> Option<PathBuf> {
    if cfg!(debug_assertions) && std::env::var_os("MATCHBOOK_E2E_TESTING").is_some() {
        std::env::var_os("MATCHBOOK_E2E_SAVE_DIR").map(PathBuf::from)
    } else {
        None
    }
}

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    matchbook::output::write_atomically(path, bytes).map_err(|e| e.to_string())
}

/// `path` with `.extension` added unless it already ends so (a name typed
/// without it in the save dialog must still open with the right program).
fn with_extension(mut path: PathBuf, extension: &str) -> PathBuf {
    if extension.is_empty() {
        return path;
    }
    if path
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case(extension))
    {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(extension);
        path.set_file_name(name);
    }
    path
}

/// The program's name as it can appear in a suggested file name.
pub(super) fn program_file_name(app: &AppHandle, program_id: i64) -> CommandResult<String> {
    let state = app.state::<AppState>();
    with_store(&state, |s| {
        programs::get_program(s, program_id).map(|p| safe_file_name(&p.name))
    })
}

/// Hands a PDF to the system's printing path: written to the user's own
/// cache folder (not the shared temp folder: it holds personal data) and
/// opened in the default PDF viewer, whose Print prints what was previewed.
pub(super) fn print_pdf(app: &AppHandle, name: &str, pdf: &[u8]) -> CommandResult<PathBuf> {
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| format!("Could not find a folder to prepare the printout in: {e}"))?
        .join("print");
    std::fs::create_dir_all(&dir).map_err(|e| format!("Could not prepare the printout: {e}"))?;
    let path = dir.join(format!(
        "{name} - {}.pdf",
        chrono::Local::now().format("%Y-%m-%d %H%M%S")
    ));
    write_file(&path, pdf)?;
    if test_save_dir().is_none() {
        open_with_system_viewer(&path)?;
    }
    Ok(path)
}

/// Opens a new email in the person's mail program: a `mailto:` address
/// handed to the system without any shell between (so `&` and `^` in the
/// text are never interpreted).
pub(super) fn open_mailto(url: &str) -> CommandResult<()> {
    if !url.starts_with("mailto:") || url.chars().any(|c| c.is_control()) {
        return Err("That is not an email address to open.".into());
    }
    if test_save_dir().is_some() {
        return Ok(());
    }
    system_open(std::ffi::OsStr::new(url)).map_err(|e| {
        format!("No mail program could be opened ({e}). Copy the text instead and paste it into a new email.")
    })
}

fn open_with_system_viewer(path: &Path) -> CommandResult<()> {
    system_open(path.as_os_str()).map_err(|e| {
        format!(
            "The printout is ready in {}, but no PDF viewer could be opened to print it ({e}). Open that file and print it from there.",
            path.display()
        )
    })
}

/// Opens a file or address with the program the system has for it. No shell
/// ever reads the text (a path or program name with `&`, `^` or `%` is
/// never interpreted): ShellExecuteW on Windows, `open` on macOS,
/// `xdg-open` elsewhere, each given it as one argument.
#[cfg(windows)]
fn system_open(target: &std::ffi::OsStr) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "shell32")]
    unsafe extern "system" {
        fn ShellExecuteW(
            window: *mut std::ffi::c_void,
            operation: *const u16,
            file: *const u16,
            parameters: *const u16,
            directory: *const u16,
            show: i32,
        ) -> isize;
    }
    const SW_SHOWNORMAL: i32 = 1;
    let wide = |text: &std::ffi::OsStr| -> Vec<u16> {
        text.encode_wide().chain(std::iter::once(0)).collect()
    };
    let operation = wide(std::ffi::OsStr::new("open"));
    let file = wide(target);
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call;
    // the window, parameters and directory may be null.
    let code = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            operation.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    // Values above 32 mean success (the Win32 documentation's rule).
    if code > 32 {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "Windows could not open it, code {code}"
        )))
    }
}

#[cfg(not(windows))]
fn system_open(target: &std::ffi::OsStr) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(target)
        .spawn()
        .map(|_| ())
}
