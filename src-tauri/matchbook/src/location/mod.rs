//! Where a program file lives: on a disk of this computer, in a folder that a
//! sync service copies to other computers (Dropbox, OneDrive, Google Drive,
//! iCloud Drive, Box, …), or on a network drive (SMB, NFS, …). Matchbook never
//! runs its live SQLite file in the last two: a sync client copies the file
//! and its write-ahead log separately and carries no locks between computers,
//! and SQLite's WAL and locks do not work over a network file system.
//!
//! [`examine`] looks at this computer; [`examine_in`] takes the mount table,
//! so every service and file system type is tested without real mounts. A
//! leaf module: it depends on no domain.

mod mounts;
mod names;
mod system;
#[cfg(test)]
mod tests;

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

pub use mounts::{describe_kind, network_kind, Mount, MountTable};
pub use names::{desktop_ini_service, synced_by_marker, synced_by_name, unc_share, Found};

/// Where a file is, as far as working on it safely goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "place", rename_all = "snake_case")]
pub enum Location {
    /// A disk of this computer: Matchbook works on the file here.
    Local,
    /// Inside `folder`, which `service` (e.g. "Dropbox") copies to other computers.
    Synced {
        service: String,
        folder: PathBuf,
        /// What gave it away, for a sentence: "the folder's name, “Dropbox”".
        clue: String,
    },
    /// On another computer's disk, reached over the network (`kind`: "SMB", "NFS", …).
    Network {
        kind: String,
        folder: PathBuf,
        clue: String,
    },
}

impl Location {
    pub fn is_local(&self) -> bool {
        matches!(self, Location::Local)
    }

    /// The place in a few words: "a Dropbox folder", "a network drive (SMB)".
    pub fn place(&self) -> String {
        match self {
            Location::Local => "a folder on this computer".into(),
            Location::Synced { service, .. } => format!("a {service} folder"),
            Location::Network { kind, .. } => format!("a network drive ({kind})"),
        }
    }

    /// What Matchbook found about `file`, as a sentence for the committee.
    pub fn found(&self, file: &Path) -> String {
        match self {
            Location::Local => format!("{} is on this computer.", file.display()),
            Location::Synced {
                service,
                folder,
                clue,
            } => format!(
                "{} is inside {}, a folder that {service} copies to other computers (Matchbook recognised it by {clue}).",
                file.display(),
                folder.display()
            ),
            Location::Network { kind, folder, clue } => format!(
                "{} is on a network drive: {} is {} (Matchbook recognised it by {clue}).",
                file.display(),
                folder.display(),
                describe_kind(kind)
            ),
        }
    }

    /// Why Matchbook does not work on a program file in such a place.
    pub fn why(&self) -> &'static str {
        match self {
            Location::Local => "",
            Location::Synced { .. } => "Matchbook keeps a program in a SQLite file with a journal beside it. A sync service copies the two separately, at moments of its own choosing, and cannot stop two computers from changing the file at once; SQLite's own documentation warns that this damages the file or loses changes, and committees end up with \u{201c}conflicted copies\u{201d}.",
            Location::Network { .. } => "Matchbook keeps a program in a SQLite file with a journal beside it. SQLite's journal does not work over a network drive and its locks cannot be relied on there, so a dropped connection or a second computer can damage the file.",
        }
    }
}

/// Where `file` (which need not exist yet) is, looking at this computer: the
/// names of its folders (as given and with links resolved), the files sync
/// services keep, the mount table, and what Windows or macOS say about the drive.
pub fn examine(file: &Path) -> Location {
    let file = resolve(file);
    let found = examine_in(&file, &MountTable::of_this_computer());
    if !found.is_local() {
        return found;
    }
    system::examine(&file).unwrap_or(Location::Local)
}

/// Like [`examine`], with this mount table instead of the computer's (for
/// tests), and without the Windows and macOS system calls. `file` is taken
/// as given: absolute, links already resolved where wanted.
pub fn examine_in(file: &Path, mounts: &MountTable) -> Location {
    let text = file.to_string_lossy();
    if let Some(found) = synced_by_name(&text).or_else(|| synced_by_marker(file)) {
        return Location::Synced {
            service: found.service,
            folder: found.folder,
            clue: found.clue,
        };
    }
    if let Some(share) = unc_share(&text) {
        return Location::Network {
            kind: "SMB".into(),
            folder: PathBuf::from(&share),
            clue: format!("its network address, {share}"),
        };
    }
    if let Some(mount) = mounts.holding(file) {
        let inside = file
            .strip_prefix(&mount.point)
            .ok()
            .and_then(|rest| rest.components().next())
            .and_then(|c| c.as_os_str().to_str());
        if let Some(kind) = network_kind(&mount.fs_type, &mount.source, inside) {
            return Location::Network {
                kind: kind.into(),
                folder: mount.point.clone(),
                clue: format!(
                    "the type of the drive mounted there, {} from {}",
                    mount.fs_type, mount.source
                ),
            };
        }
    }
    Location::Local
}

/// `file` made absolute, with the links of the folders that exist resolved
/// (a `Documents` that is a link into Dropbox is in Dropbox). The part that
/// does not exist yet (a new file) is kept as written.
fn resolve(file: &Path) -> PathBuf {
    let absolute = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(file))
            .unwrap_or_else(|_| file.to_path_buf())
    };
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = without_verbatim_prefix(real);
            out.extend(missing.iter().rev());
            // A link resolved into a synced folder is told by its real name;
            // one resolved out of it keeps the name it was given.
            let given = examine_names(&absolute);
            return if given.is_some() && examine_names(&out).is_none() {
                absolute
            } else {
                out
            };
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Windows writes resolved paths as `\\?\C:\…` and `\\?\UNC\server\…`;
/// people know them as `C:\…` and `\\server\…`.
fn without_verbatim_prefix(path: PathBuf) -> PathBuf {
    let text = path.to_string_lossy().into_owned();
    if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        return PathBuf::from(format!(r"\\{rest}"));
    }
    match text.strip_prefix(r"\\?\") {
        Some(rest) => PathBuf::from(rest),
        None => path,
    }
}

fn examine_names(path: &Path) -> Option<Found> {
    synced_by_name(&path.to_string_lossy())
}
