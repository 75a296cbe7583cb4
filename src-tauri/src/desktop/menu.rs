//! The window's title and menus (File, Edit, Help), rebuilt when the open
//! file or the recent list changes, and what each menu item does.

use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};

use super::file::{
    export_all_flow, info, new_file_flow, open_file_flow, recent_path, save_copy_flow, switch_to,
    Switched,
};
use super::CommandResult;

/// Window title and menu follow the open file.
pub(super) fn refresh_chrome(app: &AppHandle) {
    let current = info(app);
    if let Some(window) = app.get_webview_window("main") {
        let nothing_open = current
            .held
            .as_ref()
            .is_some_and(|held| !held.has_file_behind());
        let title = if current.error.is_some() || nothing_open {
            "Matchbook".to_string()
        } else {
            format!("{} — Matchbook", current.file_name)
        };
        let _ = window.set_title(&title);
    }
    match build_menu(app, &current.recent) {
        Ok(menu) => {
            let _ = app.set_menu(menu);
        }
        Err(e) => eprintln!("matchbook: could not build the menu: {e}"),
    }
}

fn build_menu(app: &AppHandle, recent: &[String]) -> tauri::Result<Menu<Wry>> {
    let mut recent_menu = SubmenuBuilder::new(app, "Open Recent");
    if recent.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent-none", "No recent files")
                .enabled(false)
                .build(app)?,
        );
    }
    for (index, path) in recent.iter().enumerate() {
        recent_menu = recent_menu
            .item(&MenuItemBuilder::with_id(format!("recent-{index}"), path).build(app)?);
    }
    let file = SubmenuBuilder::new(app, "File")
        .item(
            &MenuItemBuilder::with_id("new-file", "New Program File…")
                .accelerator("CmdOrCtrl+N")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("open-file", "Open Program File…")
                .accelerator("CmdOrCtrl+O")
                .build(app)?,
        )
        .item(&recent_menu.build()?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("save-copy", "Save a Copy…")
                .accelerator("CmdOrCtrl+Shift+S")
                .build(app)?,
        )
        .item(&MenuItemBuilder::with_id("backups", "Restore from Backup…").build(app)?)
        .item(&MenuItemBuilder::with_id("export-all", "Export Everything…").build(app)?)
        .separator()
        .item(&MenuItemBuilder::with_id("share", "Share This Program…").build(app)?)
        .item(&MenuItemBuilder::with_id("join", "Join a Shared Program…").build(app)?)
        .separator()
        .quit()
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&MenuItemBuilder::with_id("about", "About Matchbook").build(app)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &help]).build()
}

/// A menu item was chosen: panels open in the page, file work runs here and
/// reports back as a notice or an error.
pub(super) fn handle_menu(app: &AppHandle, id: &str) {
    let app = app.clone();
    let id = id.to_string();
    if id == "about" {
        let _ = app.emit("show-about", info(&app));
        return;
    }
    if id == "backups" {
        let _ = app.emit("show-backups", ());
        return;
    }
    // Both ask the member's name first, in the page.
    if id == "share" || id == "join" {
        let _ = app.emit("show-sharing", id);
        return;
    }
    // Dialogs block, so they run off the main thread.
    tauri::async_runtime::spawn_blocking(move || match menu_action(&app, &id) {
        Ok(Some(message)) => {
            let _ = app.emit("app-notice", message);
        }
        Ok(None) => {}
        Err(message) => {
            let _ = app.emit("app-error", message);
        }
    });
}

/// Runs a File menu item; the message says what happened (none: cancelled).
fn menu_action(app: &AppHandle, id: &str) -> CommandResult<Option<String>> {
    match id {
        // A file held for its place is explained on the page, not announced.
        "new-file" => new_file_flow(app).map(|i| {
            i.filter(|i| i.held.is_none())
                .map(|i| format!("Created {}", i.file_name))
        }),
        "open-file" => open_file_flow(app).map(|i| {
            i.filter(|i| i.held.is_none())
                .map(|i| format!("Opened {}", i.file_name))
        }),
        "save-copy" => save_copy_flow(app).map(|p| p.map(|p| format!("Saved a copy as {p}"))),
        "export-all" => export_all_flow(app),
        other => {
            let index = other
                .strip_prefix("recent-")
                .and_then(|n| n.parse::<usize>().ok());
            match index.and_then(|index| recent_path(app, index)) {
                Some(path) => switch_to(app, &path).map(|switched| {
                    (switched == Switched::Opened).then(|| format!("Opened {}", path.display()))
                }),
                None => Ok(None),
            }
        }
    }
}
