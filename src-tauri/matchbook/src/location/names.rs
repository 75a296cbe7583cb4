//! Cloud-synced folders by their names and by the files sync services keep
//! in them, and Windows network shares by their `\\server\share` form. The
//! names are read from the path as text, split at both `/` and `\`, so a
//! Windows path is read the same on every system (and in the tests).

use std::path::{Path, PathBuf};

/// A sync service's folder: which service, the folder it copies, and what gave it away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub service: String,
    pub folder: PathBuf,
    pub clue: String,
}

/// The path's folders (not its last part, the file), each with the text
/// of the path up to and including it.
fn folders(path: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in path.char_indices() {
        if c == '/' || c == '\\' {
            if i > start {
                out.push((&path[start..i], &path[..i]));
            }
            start = i + 1;
        }
    }
    out
}

/// The service whose folder this is by its name alone, or None. `before` are
/// the folders above it, for names that only count in a home folder.
fn service_of_folder(name: &str, before: &[&str]) -> Option<String> {
    let lower = name.to_lowercase();
    let in_home = matches!(before, [.., users, _user] if ["users", "home"].contains(&users.to_lowercase().as_str()));
    let service = if lower == "dropbox" || lower.starts_with("dropbox (") {
        "Dropbox"
    } else if lower == "onedrive"
        || lower.starts_with("onedrive - ")
        || lower.starts_with("onedrive-")
    {
        "OneDrive"
    } else if [
        "google drive",
        "googledrive",
        "my drive",
        "shared drives",
        ".shortcut-targets-by-id",
    ]
    .contains(&lower.as_str())
        || lower.starts_with("googledrive-")
    {
        "Google Drive"
    } else if [
        "icloud drive",
        "iclouddrive",
        "mobile documents",
        "com~apple~clouddocs",
    ]
    .contains(&lower.as_str())
    {
        "iCloud Drive"
    } else if lower == "box sync" || (lower == "box" && in_home) {
        "Box"
    } else if (lower == "nextcloud" || lower == "owncloud") && in_home {
        if lower == "nextcloud" {
            "Nextcloud"
        } else {
            "ownCloud"
        }
    } else {
        return None;
    };
    Some(service.to_string())
}

/// A folder of macOS's `~/Library/CloudStorage`, named `PROVIDER-ACCOUNT`.
fn cloud_storage_service(name: &str) -> String {
    let provider = name.split('-').next().unwrap_or(name);
    match provider.to_lowercase().as_str() {
        "googledrive" => "Google Drive".into(),
        "onedrive" => "OneDrive".into(),
        "dropbox" => "Dropbox".into(),
        "box" => "Box".into(),
        "icloud" | "iclouddrive" => "iCloud Drive".into(),
        _ if provider.is_empty() => "a cloud storage service".into(),
        _ => provider.to_string(),
    }
}

/// The outermost folder on `path` that a sync service's name gives away.
pub fn synced_by_name(path: &str) -> Option<Found> {
    let all = folders(path);
    let names: Vec<&str> = all.iter().map(|(name, _)| *name).collect();
    for (i, (name, upto)) in all.iter().enumerate() {
        let before = &names[..i];
        let in_cloud_storage = matches!(before, [.., library, cloud] if library.eq_ignore_ascii_case("library") && cloud.eq_ignore_ascii_case("cloudstorage"));
        let service = if in_cloud_storage {
            Some(cloud_storage_service(name))
        } else {
            service_of_folder(name, before)
        };
        if let Some(service) = service {
            return Some(Found {
                service,
                folder: PathBuf::from(upto),
                clue: format!("the folder's name, \u{201c}{name}\u{201d}"),
            });
        }
    }
    None
}

/// The files sync services keep in the folders they copy, and whose they are.
const MARKERS: &[(&str, &str)] = &[
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".tmp.drivedownload", "Google Drive"),
    (".tmp.driveupload", "Google Drive"),
    (".stfolder", "Syncthing"),
];

/// The nearest folder above `file` holding a sync service's file: one of
/// [`MARKERS`], or a `desktop.ini` naming the service (what Windows shows
/// as the folder's icon). Only looks: nothing is opened but `desktop.ini`.
pub fn synced_by_marker(file: &Path) -> Option<Found> {
    for folder in file.ancestors().skip(1) {
        for (marker, service) in MARKERS {
            if folder.join(marker).symlink_metadata().is_ok() {
                return Some(Found {
                    service: service.to_string(),
                    folder: folder.to_path_buf(),
                    clue: format!("the {marker} file {service} keeps in it"),
                });
            }
        }
        if let Some(service) =
            read_start(&folder.join("desktop.ini")).and_then(|t| desktop_ini_service(&t))
        {
            return Some(Found {
                service: service.to_string(),
                folder: folder.to_path_buf(),
                clue: format!("its desktop.ini, which names {service}"),
            });
        }
    }
    None
}

/// The first 8 KB of a small file as text, without the zero bytes of UTF-16.
fn read_start(path: &Path) -> Option<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(8192).read_to_end(&mut bytes).ok()?;
    bytes.retain(|b| *b != 0);
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The sync service a `desktop.ini` names (its icon is the service's program).
pub fn desktop_ini_service(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    [
        ("onedrive", "OneDrive"),
        ("dropbox", "Dropbox"),
        ("googledrive", "Google Drive"),
        ("google drive", "Google Drive"),
        ("icloud", "iCloud Drive"),
        ("box\\box.exe", "Box"),
    ]
    .into_iter()
    .find(|(needle, _)| lower.contains(needle))
    .map(|(_, service)| service)
}

/// The `\\server\share` a Windows path is on (also written `//server/share`
/// or `\\?\UNC\server\share`), or None for a drive letter or a local path.
pub fn unc_share(path: &str) -> Option<String> {
    let rest = path
        .strip_prefix(r"\\?\UNC\")
        .or_else(|| path.strip_prefix(r"\\"))
        .or_else(|| path.strip_prefix("//"))?;
    // `\\?\C:\…` and `\\.\…` are local paths and devices, not shares.
    if rest.starts_with(['?', '.']) {
        return None;
    }
    let mut parts = rest.split(['\\', '/']).filter(|p| !p.is_empty());
    let server = parts.next()?;
    let share = parts.next()?;
    Some(format!(r"\\{server}\{share}"))
}
