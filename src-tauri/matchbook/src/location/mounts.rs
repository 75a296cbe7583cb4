//! Network drives by their file system: the mount table (Linux's
//! `/proc/self/mountinfo`, or `/proc/mounts`) and the file system types that
//! are another computer's disk reached over a network or a virtual machine's
//! shared folder. macOS's volume type names go through [`network_kind`] too.

use std::path::{Path, PathBuf};

/// One mounted file system: where it is mounted, its type, and what it mounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub point: PathBuf,
    pub fs_type: String,
    pub source: String,
}

impl Mount {
    /// A mount from a mount table's fields, as the kernel escapes them.
    fn new(point: &str, fs_type: &str, source: &str) -> Mount {
        Mount {
            point: PathBuf::from(unescape(point)),
            fs_type: fs_type.to_string(),
            source: unescape(source),
        }
    }
}

/// The file systems mounted on a computer, in the order they were mounted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MountTable {
    pub mounts: Vec<Mount>,
}

impl MountTable {
    /// This computer's mount table (empty where there is no `/proc`).
    pub fn of_this_computer() -> MountTable {
        if let Ok(text) = std::fs::read_to_string("/proc/self/mountinfo") {
            return MountTable::from_mountinfo(&text);
        }
        std::fs::read_to_string("/proc/mounts")
            .map(|text| MountTable::from_mounts(&text))
            .unwrap_or_default()
    }

    /// Reads `/proc/self/mountinfo`: `ID PARENT MAJ:MIN ROOT POINT OPTIONS [TAGS…] - TYPE SOURCE SUPER`.
    pub fn from_mountinfo(text: &str) -> MountTable {
        let mounts = text
            .lines()
            .filter_map(|line| {
                let (before, after) = line.split_once(" - ")?;
                let point = before.split(' ').nth(4)?;
                let mut after = after.split(' ');
                let fs_type = after.next()?;
                let source = after.next().unwrap_or_default();
                Some(Mount::new(point, fs_type, source))
            })
            .collect();
        MountTable { mounts }
    }

    /// Reads `/proc/mounts` (the `fstab` format): `SOURCE POINT TYPE OPTIONS 0 0`.
    pub fn from_mounts(text: &str) -> MountTable {
        let mounts = text
            .lines()
            .filter_map(|line| {
                let mut fields = line.split(' ');
                let source = fields.next()?;
                let point = fields.next()?;
                let fs_type = fields.next()?;
                Some(Mount::new(point, fs_type, source))
            })
            .collect();
        MountTable { mounts }
    }

    /// The mount holding `path`: the deepest mount point above it (the later
    /// one when a folder was mounted over twice).
    pub fn holding(&self, path: &Path) -> Option<&Mount> {
        self.mounts
            .iter()
            .rev()
            .filter(|m| path.starts_with(&m.point))
            .max_by_key(|m| m.point.components().count())
    }
}

/// The kernel writes a space, tab, newline and backslash in a mount table
/// as `\040`, `\011`, `\012` and `\134`.
fn unescape(field: &str) -> String {
    if !field.contains('\\') {
        return field.to_string();
    }
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4).and_then(|d| {
            let text = std::str::from_utf8(d).ok()?;
            u8::from_str_radix(text, 8).ok()
        });
        match (bytes[i], octal) {
            (b'\\', Some(byte)) => {
                out.push(byte);
                i += 4;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What kind of network drive a file system type is, in the committee's
/// words ("SMB", "NFS", …), or None for a disk of this computer. `inside` is
/// the first folder below the mount point (GNOME's `gvfs` mounts every
/// network place under one folder, named after its protocol).
pub fn network_kind(fs_type: &str, source: &str, inside: Option<&str>) -> Option<&'static str> {
    let fs_type = fs_type.to_ascii_lowercase();
    if fs_type == "fuse.gvfsd-fuse" || fs_type == "fuse.kio-fuse" {
        return inside.and_then(gvfs_kind).or(Some("network place"));
    }
    if fs_type == "fuse" && source.starts_with("sshfs#") {
        return Some("SSH");
    }
    let kind = match fs_type.as_str() {
        "nfs" | "nfs4" | "nfs3" => "NFS",
        "cifs" | "smb3" | "smbfs" | "smb" | "smb2" => "SMB",
        "sshfs" | "fuse.sshfs" => "SSH",
        "9p" => "9P",
        "davfs" | "fuse.davfs2" | "webdav" => "WebDAV",
        "afpfs" | "fuse.afpfs" | "fuse.afpfs-ng" => "AFP",
        "ftp" | "fuse.curlftpfs" => "FTP",
        "fuse.rclone" | "fuse.s3fs" | "fuse.gcsfuse" | "fuse.goofys" => "cloud storage",
        "fuse.google-drive-ocamlfuse" | "fuse.onedriver" => "cloud storage",
        "vboxsf" => "VirtualBox shared folder",
        "vmhgfs" | "fuse.vmhgfs-fuse" => "VMware shared folder",
        "prl_fs" => "Parallels shared folder",
        "afs" | "openafs" | "ceph" | "fuse.ceph" | "glusterfs" | "fuse.glusterfs" | "lustre"
        | "gpfs" | "beegfs" | "ncpfs" | "coda" => "network file system",
        _ => return None,
    };
    Some(kind)
}

/// GNOME names each network place it mounts `smb-share:server=…,share=…`,
/// `sftp:host=…`, `dav:host=…`, `google-drive:host=…`.
fn gvfs_kind(folder: &str) -> Option<&'static str> {
    let protocol = folder.split(':').next()?;
    Some(match protocol {
        "smb-share" | "smb-server" => "SMB",
        "sftp" | "ssh" => "SSH",
        "dav" | "davs" => "WebDAV",
        "nfs" => "NFS",
        "afp-volume" => "AFP",
        "ftp" | "ftps" => "FTP",
        "google-drive" | "onedrive" => "cloud storage",
        _ => "network place",
    })
}

/// What a kind of network drive is, for a sentence: "Windows file sharing (SMB)".
pub fn describe_kind(kind: &str) -> String {
    match kind {
        "SMB" => "Windows file sharing (SMB)".into(),
        "NFS" => "a network file system (NFS)".into(),
        "SSH" => "a folder of another computer reached over SSH".into(),
        "9P" => {
            "a folder shared into this system by another one (9P, as WSL and virtual machines do)"
                .into()
        }
        "WebDAV" => "a web folder (WebDAV)".into(),
        "AFP" => "Apple file sharing (AFP)".into(),
        "FTP" => "an FTP server".into(),
        "cloud storage" => "cloud storage reached over the internet".into(),
        other => other.to_string(),
    }
}
