use std::path::{Path, PathBuf};

use super::system::is_cloud_file;
use super::*;

fn no_mounts() -> MountTable {
    MountTable::default()
}

/// The service that the path's folder names give away, and its folder.
fn by_name(path: &str) -> Option<(String, String)> {
    synced_by_name(path).map(|f| (f.service, f.folder.to_string_lossy().into_owned()))
}

fn named(service: &str, folder: &str) -> Option<(String, String)> {
    Some((service.to_string(), folder.to_string()))
}

#[test]
fn every_service_is_recognised_by_its_folder_names() {
    let cases = [
        (
            "/home/ann/Dropbox/Committee/2027.matchbook",
            "Dropbox",
            "/home/ann/Dropbox",
        ),
        (
            r"C:\Users\Ann\Dropbox (Contoso)\Committee\2027.matchbook",
            "Dropbox",
            r"C:\Users\Ann\Dropbox (Contoso)",
        ),
        (
            r"C:\Users\Ann\OneDrive\Documents\2027.matchbook",
            "OneDrive",
            r"C:\Users\Ann\OneDrive",
        ),
        (
            r"C:\Users\Ann\OneDrive - Contoso\Mentoring\2027.matchbook",
            "OneDrive",
            r"C:\Users\Ann\OneDrive - Contoso",
        ),
        (
            r"G:\My Drive\Committee\2027.matchbook",
            "Google Drive",
            r"G:\My Drive",
        ),
        (
            r"G:\Shared drives\Committee\2027.matchbook",
            "Google Drive",
            r"G:\Shared drives",
        ),
        (
            "/Users/ann/Google Drive/2027.matchbook",
            "Google Drive",
            "/Users/ann/Google Drive",
        ),
        (
            "/home/ann/GoogleDrive/2027.matchbook",
            "Google Drive",
            "/home/ann/GoogleDrive",
        ),
        (
            "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/2027.matchbook",
            "iCloud Drive",
            "/Users/ann/Library/Mobile Documents",
        ),
        (
            r"C:\Users\Ann\iCloudDrive\Committee\2027.matchbook",
            "iCloud Drive",
            r"C:\Users\Ann\iCloudDrive",
        ),
        (
            r"C:\Users\Ann\Box\Committee\2027.matchbook",
            "Box",
            r"C:\Users\Ann\Box",
        ),
        (
            "/Users/ann/Box Sync/2027.matchbook",
            "Box",
            "/Users/ann/Box Sync",
        ),
        (
            "/home/ann/Nextcloud/2027.matchbook",
            "Nextcloud",
            "/home/ann/Nextcloud",
        ),
    ];
    for (path, service, folder) in cases {
        assert_eq!(by_name(path), named(service, folder), "{path}");
    }
}

#[test]
fn macos_cloud_storage_folders_name_their_provider() {
    let base = "/Users/ann/Library/CloudStorage";
    let cases = [
        ("GoogleDrive-ann@example.org/My Drive", "Google Drive"),
        ("OneDrive-Contoso", "OneDrive"),
        ("OneDrive-Personal", "OneDrive"),
        ("Dropbox", "Dropbox"),
        ("Box-Box", "Box"),
        ("pCloudDrive-ann", "pCloudDrive"),
    ];
    for (inside, service) in cases {
        let path = format!("{base}/{inside}/Committee/2027.matchbook");
        let account = inside.split('/').next().unwrap();
        assert_eq!(
            by_name(&path),
            named(service, &format!("{base}/{account}")),
            "{path}"
        );
    }
}

#[test]
fn ordinary_folders_and_the_file_name_itself_are_not_synced() {
    for path in [
        "/home/ann/Documents/Committee/2027.matchbook",
        "/home/ann/Documents/Dropbox.matchbook",
        // A folder called Box is only Box Drive's in a home folder.
        "/home/ann/Documents/Box/2027.matchbook",
        "/srv/dropbox-export/2027.matchbook",
        r"C:\Users\Ann\Documents\OneDrive notes.txt\2027.matchbook",
        r"C:\Users\Ann\Documents\2027.matchbook",
    ] {
        assert_eq!(by_name(path), None, "{path}");
    }
}

#[test]
fn marker_files_give_a_renamed_synced_folder_away() {
    let home = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 6] = [
        (".dropbox", b"{}", "Dropbox"),
        (".dropbox.cache", b"", "Dropbox"),
        (".tmp.drivedownload", b"", "Google Drive"),
        (".stfolder", b"", "Syncthing"),
        // Windows writes desktop.ini in UTF-16.
        ("desktop.ini", b"[.ShellClassInfo]\r\nI\0c\0o\0n\0R\0e\0s\0o\0u\0r\0c\0e\0=\0C\0:\0\\\0P\0r\0o\0g\0r\0a\0m\0 \0F\0i\0l\0e\0s\0\\\0M\0i\0c\0r\0o\0s\0o\0f\0t\0 \0O\0n\0e\0D\0r\0i\0v\0e\0\\\0O\0n\0e\0D\0r\0i\0v\0e\0.\0e\0x\0e\0,\0 \0-\x002\0", "OneDrive"),
        ("desktop.ini", b"[.ShellClassInfo]\r\nIconResource=C:\\Program Files\\Google\\Drive File Stream\\googledrivefs.exe,23\r\n", "Google Drive"),
    ];
    for (i, (marker, content, service)) in cases.into_iter().enumerate() {
        let root = home.path().join(format!("Shared with the committee {i}"));
        let deep = root.join("2027").join("Mentoring");
        std::fs::create_dir_all(&deep).unwrap();
        if content.is_empty() && marker != ".stfolder" {
            std::fs::create_dir(root.join(marker)).unwrap();
        } else {
            std::fs::write(root.join(marker), content).unwrap();
        }
        let file = deep.join("Committee.matchbook");
        assert_eq!(
            examine_in(&file, &no_mounts()),
            Location::Synced {
                service: service.into(),
                folder: root.clone(),
                clue: match marker {
                    "desktop.ini" => format!("its desktop.ini, which names {service}"),
                    _ => format!("the {marker} file {service} keeps in it"),
                },
            },
            "{marker}"
        );
    }
    // A desktop.ini that only sets a folder's icon says nothing.
    let plain = home.path().join("Plain");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(
        plain.join("desktop.ini"),
        "[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\shell32.dll,4\r\n",
    )
    .unwrap();
    assert_eq!(
        examine_in(&plain.join("a.matchbook"), &no_mounts()),
        Location::Local
    );
    assert_eq!(
        desktop_ini_service("IconResource=C:\\Program Files\\Box\\Box\\Box.exe,0"),
        Some("Box")
    );
    assert_eq!(
        desktop_ini_service("IconResource=C:\\Users\\Ann\\AppData\\Local\\Dropbox\\Dropbox.exe"),
        Some("Dropbox")
    );
}

#[test]
fn windows_unc_paths_are_network_shares() {
    for (path, share) in [
        (r"\\nas\committee\2027.matchbook", r"\\nas\committee"),
        (
            r"\\?\UNC\nas.library.org\Shared\Mentoring\2027.matchbook",
            r"\\nas.library.org\Shared",
        ),
        ("//nas/committee/2027.matchbook", r"\\nas\committee"),
    ] {
        assert_eq!(unc_share(path).as_deref(), Some(share), "{path}");
        let location = examine_in(Path::new(path), &no_mounts());
        assert_eq!(
            location,
            Location::Network {
                kind: "SMB".into(),
                folder: PathBuf::from(share),
                clue: format!("its network address, {share}"),
            }
        );
        assert_eq!(location.place(), "a network drive (SMB)");
    }
    for local in [
        r"C:\Users\Ann\2027.matchbook",
        r"\\?\C:\Users\Ann\2027.matchbook",
        r"\\.\PhysicalDrive0",
        "/home/ann/2027.matchbook",
        r"\\only-a-server",
    ] {
        assert_eq!(unc_share(local), None, "{local}");
    }
}

/// A Linux mount table with the root on a disk and one mount of each type at /mnt/TYPE.
fn mountinfo_with(types: &[(&str, &str)]) -> MountTable {
    let mut text = String::from("22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
    for (i, (fs_type, source)) in types.iter().enumerate() {
        let point = format!("/mnt/{}", fs_type.replace('.', "_"));
        text.push_str(&format!(
            "{} 22 0:{i} / {point} rw,relatime shared:{i} - {fs_type} {source} rw\n",
            100 + i
        ));
    }
    MountTable::from_mountinfo(&text)
}

#[test]
fn every_network_file_system_type_is_recognised_from_the_mount_table() {
    let cases = [
        ("nfs", "nas:/export/committee", "NFS"),
        ("nfs4", "nas:/committee", "NFS"),
        ("cifs", "//nas/committee", "SMB"),
        ("smb3", "//nas/committee", "SMB"),
        ("smbfs", "//nas/committee", "SMB"),
        ("fuse.sshfs", "ann@server:/home/ann", "SSH"),
        ("9p", "drvfs", "9P"),
        ("davfs", "https://cloud.example.org/dav", "WebDAV"),
        ("fuse.rclone", "gdrive:", "cloud storage"),
        ("afpfs", "afp://nas/committee", "AFP"),
        ("vboxsf", "committee", "VirtualBox shared folder"),
        ("ceph", "10.0.0.1:/", "network file system"),
    ];
    let table = mountinfo_with(&cases.map(|(t, s, _)| (t, s)));
    for (fs_type, source, kind) in cases {
        let point = PathBuf::from(format!("/mnt/{}", fs_type.replace('.', "_")));
        let file = point.join("Committee/2027.matchbook");
        assert_eq!(
            examine_in(&file, &table),
            Location::Network {
                kind: kind.into(),
                folder: point.clone(),
                clue: format!("the type of the drive mounted there, {fs_type} from {source}"),
            },
            "{fs_type}"
        );
    }
    // The disk itself and local file systems are this computer's.
    assert_eq!(
        examine_in(Path::new("/home/ann/2027.matchbook"), &table),
        Location::Local
    );
    for local in [
        "ext4",
        "btrfs",
        "xfs",
        "tmpfs",
        "overlay",
        "fuse.gocryptfs",
        "vfat",
        "ntfs3",
        "zfs",
        "apfs",
        "hfs",
    ] {
        assert_eq!(network_kind(local, "/dev/sdb1", None), None, "{local}");
    }
    // macOS's volume types go through the same table.
    for (mac, kind) in [
        ("smbfs", "SMB"),
        ("nfs", "NFS"),
        ("afpfs", "AFP"),
        ("webdav", "WebDAV"),
    ] {
        assert_eq!(network_kind(mac, "", None), Some(kind), "{mac}");
    }
}

#[test]
fn the_deepest_mount_holds_the_file_and_escapes_are_read() {
    let text = "\
22 1 8:1 / / rw - ext4 /dev/sda1 rw
30 22 0:40 / /media/ann rw - tmpfs tmpfs rw
31 30 0:41 / /media/ann/Committee\\040share rw - cifs //nas/Committee\\040share rw
32 22 0:42 / /media/ann/Committee\\040share/local rw - ext4 /dev/sdb1 rw
";
    let table = MountTable::from_mountinfo(text);
    let share = Path::new("/media/ann/Committee share/2027.matchbook");
    assert_eq!(
        table.holding(share).map(|m| m.fs_type.as_str()),
        Some("cifs")
    );
    assert_eq!(
        table.holding(share).map(|m| m.source.as_str()),
        Some("//nas/Committee share")
    );
    assert_eq!(examine_in(share, &table).place(), "a network drive (SMB)");
    // A disk mounted inside the share is a disk again.
    let inner = Path::new("/media/ann/Committee share/local/2027.matchbook");
    assert_eq!(examine_in(inner, &table), Location::Local);
    // /media/ann/Committee is not inside "/media/ann/Committee share".
    assert_eq!(
        examine_in(Path::new("/media/ann/Committee/x.matchbook"), &table),
        Location::Local
    );
}

#[test]
fn proc_mounts_and_old_style_sshfs_are_read_too() {
    let table = MountTable::from_mounts(
        "/dev/sda1 / ext4 rw 0 0\nsshfs#ann@server:/srv /mnt/server fuse rw 0 0\nnas:/c /mnt/nfs nfs4 rw 0 0\n",
    );
    assert_eq!(
        examine_in(Path::new("/mnt/server/a.matchbook"), &table).place(),
        "a network drive (SSH)"
    );
    assert_eq!(
        examine_in(Path::new("/mnt/nfs/a.matchbook"), &table).place(),
        "a network drive (NFS)"
    );
    assert_eq!(
        MountTable::from_mountinfo("garbage\n\n1 2 3\n"),
        MountTable::default()
    );
    // A computer started from the network has its whole disk there.
    let diskless = MountTable::from_mounts("nas:/clients/ann / nfs4 rw 0 0\n");
    assert_eq!(
        examine_in(Path::new("/home/ann/a.matchbook"), &diskless).place(),
        "a network drive (NFS)"
    );
}

#[test]
fn gnome_network_places_are_told_by_their_folder() {
    let table = MountTable::from_mountinfo(
        "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:50 / /run/user/1000/gvfs rw - fuse.gvfsd-fuse gvfsd-fuse rw\n",
    );
    for (place, kind) in [
        ("smb-share:server=nas,share=committee", "SMB"),
        ("sftp:host=server", "SSH"),
        ("dav:host=cloud.example.org,ssl=true", "WebDAV"),
        ("google-drive:host=gmail.com,user=ann", "cloud storage"),
        ("mtp:host=phone", "network place"),
    ] {
        let file = PathBuf::from(format!("/run/user/1000/gvfs/{place}/2027.matchbook"));
        assert_eq!(
            examine_in(&file, &table).place(),
            format!("a network drive ({kind})"),
            "{place}"
        );
    }
}

#[test]
fn windows_cloud_file_attributes_mark_synced_files() {
    const ARCHIVE: u32 = 0x20;
    const DIRECTORY: u32 = 0x10;
    assert!(is_cloud_file(ARCHIVE | 0x0008_0000), "pinned");
    assert!(is_cloud_file(ARCHIVE | 0x0010_0000), "unpinned");
    assert!(
        is_cloud_file(DIRECTORY | 0x0040_0000),
        "recall on data access"
    );
    assert!(is_cloud_file(0x0004_0000), "recall on open");
    assert!(
        !is_cloud_file(ARCHIVE | DIRECTORY | 0x400),
        "a plain file, folder or link"
    );
}

#[test]
fn a_link_into_a_synced_folder_is_followed_and_a_new_file_is_judged_by_its_folder() {
    let home = tempfile::tempdir().unwrap();
    let dropbox = home.path().join("Dropbox");
    std::fs::create_dir_all(dropbox.join("Committee")).unwrap();
    let documents = home.path().join("Documents");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dropbox, &documents).unwrap();
    #[cfg(unix)]
    assert_eq!(
        examine(&documents.join("Committee/2027.matchbook")).place(),
        "a Dropbox folder"
    );
    // A file not made yet, in folders not made yet.
    assert_eq!(
        examine(&dropbox.join("New/Deeper/2027.matchbook")).place(),
        "a Dropbox folder"
    );
    let local = home.path().join("Local");
    assert!(examine(&local.join("2027.matchbook")).is_local());
}

#[test]
fn the_explanation_names_the_file_the_folder_and_the_clue() {
    let location = examine_in(
        Path::new("/home/ann/OneDrive - Contoso/Committee/2027.matchbook"),
        &no_mounts(),
    );
    let found = location.found(Path::new(
        "/home/ann/OneDrive - Contoso/Committee/2027.matchbook",
    ));
    assert_eq!(
        found,
        "/home/ann/OneDrive - Contoso/Committee/2027.matchbook is inside /home/ann/OneDrive - Contoso, a folder that OneDrive copies to other computers (Matchbook recognised it by the folder's name, \u{201c}OneDrive - Contoso\u{201d})."
    );
    assert!(location.why().contains("SQLite"));
    let json = serde_json::to_value(&location).unwrap();
    assert_eq!(json["place"], "synced");
    assert_eq!(json["service"], "OneDrive");
    let network = examine_in(Path::new(r"\\nas\committee\2027.matchbook"), &no_mounts());
    assert!(network
        .found(Path::new(r"\\nas\committee\2027.matchbook"))
        .contains("Windows file sharing (SMB)"));
    assert!(network.why().contains("network drive"));
}
