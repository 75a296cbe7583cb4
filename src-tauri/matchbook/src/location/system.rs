//! What the operating system itself says about a file's drive: Windows's
//! drive type (a mapped network drive) and the attributes its cloud files
//! carry (OneDrive, Dropbox, Google Drive and iCloud all sync through
//! Windows's cloud files API); macOS's volume type. Linux needs nothing
//! here: its mount table says it all (`mounts.rs`).

use std::path::Path;

use super::Location;

/// Attributes Windows gives only to files and folders a sync service manages
/// (FILE_ATTRIBUTE_RECALL_ON_OPEN, _PINNED, _UNPINNED, _RECALL_ON_DATA_ACCESS).
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) const CLOUD_FILE_ATTRIBUTES: u32 = 0x0004_0000 | 0x0008_0000 | 0x0010_0000 | 0x0040_0000;

/// Whether Windows file attributes mark a file of a cloud sync service.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn is_cloud_file(attributes: u32) -> bool {
    attributes & CLOUD_FILE_ATTRIBUTES != 0
}

#[cfg(windows)]
pub(super) fn examine(file: &Path) -> Option<Location> {
    use std::os::windows::fs::MetadataExt;
    use std::path::{Component, Prefix};

    for folder in file.ancestors() {
        let attributes = folder.symlink_metadata().map(|m| m.file_attributes());
        if attributes.is_ok_and(is_cloud_file) {
            return Some(Location::Synced {
                service: "a cloud storage service".into(),
                folder: folder.to_path_buf(),
                clue: "the marks Windows puts on files a sync service keeps".into(),
            });
        }
    }
    let letter = match file.components().next() {
        Some(Component::Prefix(prefix)) => match prefix.kind() {
            Prefix::Disk(letter) | Prefix::VerbatimDisk(letter) => letter as char,
            _ => return None,
        },
        _ => return None,
    };
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetDriveTypeW(root: *const u16) -> u32;
    }
    const DRIVE_REMOTE: u32 = 4;
    let root = format!("{letter}:\\");
    let wide: Vec<u16> = root.encode_utf16().chain(std::iter::once(0)).collect();
    // SAFETY: `wide` is a NUL-terminated UTF-16 string that outlives the call.
    let drive_type = unsafe { GetDriveTypeW(wide.as_ptr()) };
    (drive_type == DRIVE_REMOTE).then(|| Location::Network {
        kind: "network drive".into(),
        folder: root.clone().into(),
        clue: format!("Windows, which reports {root} as a network drive"),
    })
}

#[cfg(target_os = "macos")]
pub(super) fn examine(file: &Path) -> Option<Location> {
    use std::ffi::{CStr, CString};
    use std::os::unix::ffi::OsStrExt;

    let folder = file.ancestors().find(|a| a.exists())?;
    let c_path = CString::new(folder.as_os_str().as_bytes()).ok()?;
    // SAFETY: statfs fills the zeroed struct; the path is NUL-terminated.
    let mut info: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c_path.as_ptr(), &mut info) } != 0 {
        return None;
    }
    // SAFETY: the kernel writes NUL-terminated names into these arrays.
    let fs_type = unsafe { CStr::from_ptr(info.f_fstypename.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    let mounted_on = unsafe { CStr::from_ptr(info.f_mntonname.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    let is_local = info.f_flags & (libc::MNT_LOCAL as u32) != 0;
    let kind = super::network_kind(&fs_type, "", None)
        .map(str::to_string)
        .or_else(|| (!is_local).then(|| "network drive".to_string()))?;
    Some(Location::Network {
        kind,
        folder: mounted_on.into(),
        clue: format!("the type of the volume mounted there, {fs_type}"),
    })
}

#[cfg(not(any(windows, target_os = "macos")))]
pub(super) fn examine(_file: &Path) -> Option<Location> {
    None
}
