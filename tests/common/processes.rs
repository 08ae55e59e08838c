//! Stand-ins for other Shotboard processes in lock and staging tests,
//! shared by the test crates that include this file.
// Each crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use shotboard::store::lock::{self, LockInfo};

/// Another running Shotboard as a lock file sees it: lock files it holds
/// with an OS lock and its record. An OS lock taken through one open file
/// is refused to every other open of that file, also inside this process,
/// so no second process is needed; dropping the stand-in is that
/// instance exiting (or crashing): the system releases its locks.
pub struct OtherProcess {
    pid: u32,
    held: Vec<File>,
}

impl OtherProcess {
    pub fn start() -> Self {
        Self {
            pid: ended_pid(),
            held: Vec::new(),
        }
    }

    pub fn id(&self) -> u32 {
        self.pid
    }

    /// The record it writes into the lock files it holds.
    pub fn info(&self) -> LockInfo {
        LockInfo {
            pid: self.pid,
            host: lock::host_name(),
            started_unix: 1,
        }
    }

    /// Open `board_file` as that instance would: take its lock file.
    pub fn open_board(&mut self, board_file: &Path) {
        self.hold(&lock::lock_path(board_file));
    }

    /// Hold the lock file at `path` (a board's, or a process marker),
    /// replacing any file there as "Open anyway" does.
    pub fn hold(&mut self, path: &Path) {
        let _ = std::fs::remove_file(path);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
            .unwrap();
        file.try_lock().expect("nobody else holds a fresh file");
        let info = self.info();
        write!(
            file,
            "pid={}\nhost={}\nstarted={}\n",
            info.pid, info.host, info.started_unix
        )
        .unwrap();
        file.sync_all().unwrap();
        self.held.push(file);
    }
}

/// The id of a process that has ended (until the system reuses it).
pub fn ended_pid() -> u32 {
    let mut ended = Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    ended.id()
}
