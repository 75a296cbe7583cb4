//! Copying a large write's log into the file off the committee's time.
//!
//! SQLite writes each commit to the write-ahead log beside the file and copies
//! the log into the file ("checkpoint") once it is long, as part of the commit
//! that made it long. After an import of 10,000 rows that copy took about 40 ms
//! of a 480 ms import (`make bench`), with the window waiting for it. A bulk
//! write therefore commits without it, and a second connection makes the copy
//! on its own thread while the window already shows the result. Nothing is
//! less safe meanwhile: the committed rows are in the log, which SQLite reads
//! as part of the file. The store waits for the copy before its next write
//! and when it is closed.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// SQLite's own default: a log longer than this many pages is copied at commit.
pub(super) const AUTOMATIC_PAGES: i64 = 1000;

/// A copy of the log into the file, running or done.
#[derive(Default)]
pub(super) struct Checkpoint(Option<JoinHandle<()>>);

impl Checkpoint {
    /// Starts copying the log of the file at `path` into it.
    pub(super) fn start(path: &Path) -> Checkpoint {
        let path: PathBuf = path.to_path_buf();
        Checkpoint(Some(std::thread::spawn(move || copy_log(&path))))
    }

    /// Waits until the copy, if any, is done.
    pub(super) fn wait(&mut self) {
        if let Some(running) = self.0.take() {
            // A failed copy loses nothing: the next long commit, or closing
            // the file, copies the log again.
            let _ = running.join();
        }
    }
}

/// A "passive" checkpoint: it copies what it can without waiting for or
/// blocking anyone, so it cannot hold up the committee's next change.
fn copy_log(path: &Path) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if let Ok(conn) = Connection::open_with_flags(path, flags) {
        let _ = conn.busy_timeout(Duration::from_secs(5));
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}
