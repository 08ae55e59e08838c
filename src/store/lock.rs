//! A lock file beside an open board, so a second running Shotboard is
//! warned before two copies of the app overwrite each other's work.
//!
//! `.NAME.ron.lock` holds the holder's process id, host name and start
//! time. A lock whose process is gone (a crash, a kill) is stale and is
//! taken over; a lock from another host cannot be checked and counts as
//! live, so the user is asked rather than silently overruled.

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    /// When the holder took the lock, in seconds since 1970.
    pub started_unix: u64,
}

impl LockInfo {
    /// This process, now.
    pub fn ours() -> Self {
        Self {
            pid: std::process::id(),
            host: host_name(),
            started_unix: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nstarted={}\n",
            self.pid, self.host, self.started_unix
        )
    }

    fn parse(text: &str) -> Option<Self> {
        let mut pid = None;
        let mut host = None;
        let mut started = None;
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => pid = v.trim().parse().ok(),
                Some(("host", v)) => host = Some(v.trim().to_owned()),
                Some(("started", v)) => started = v.trim().parse().ok(),
                _ => {}
            }
        }
        Some(Self {
            pid: pid?,
            host: host?,
            started_unix: started?,
        })
    }

    /// True when the holding process still runs (or cannot be checked
    /// because it runs on another host).
    pub fn is_live(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        self.pid == std::process::id() || process_alive(self.pid)
    }
}

impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "process {} on {}", self.pid, self.host)
    }
}

/// What the lock file of a board says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// No lock file (or an unreadable one, which nobody can be holding).
    Free,
    /// Locked by this very process.
    Ours,
    /// Held by another process that still runs.
    Live(LockInfo),
    /// Left behind by a process that no longer runs.
    Stale(LockInfo),
}

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{} is open in another Shotboard ({holder})", board.display())]
    Held { board: PathBuf, holder: LockInfo },
    #[error("could not lock {}: {}", board.display(), super::io_reason(error))]
    Io { board: PathBuf, error: io::Error },
}

/// The lock file for a board: `.NAME.ron.lock`, hidden, in the same folder.
pub fn lock_path(board_file: &Path) -> PathBuf {
    super::hidden_sibling(board_file, "lock")
}

/// Reads the lock file and judges whether its holder still runs.
pub fn inspect(board_file: &Path) -> LockState {
    let Ok(text) = fs::read_to_string(lock_path(board_file)) else {
        return LockState::Free;
    };
    match LockInfo::parse(&text) {
        None => LockState::Free,
        Some(info) if info.pid == std::process::id() && info.host == host_name() => LockState::Ours,
        Some(info) if info.is_live() => LockState::Live(info),
        Some(info) => LockState::Stale(info),
    }
}

/// A held lock; dropping it removes the lock file (if it is still ours).
#[derive(Debug)]
pub struct BoardLock {
    path: PathBuf,
    info: LockInfo,
}

impl BoardLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for BoardLock {
    fn drop(&mut self) {
        // Only remove what we wrote: an "Open anyway" in another instance
        // may have taken the lock over since.
        let ours = fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| LockInfo::parse(&t))
            .is_some_and(|i| i == self.info);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Takes the lock for a board: free and stale locks are taken, a live
/// holder is reported as [`LockError::Held`].
pub fn acquire(board_file: &Path) -> Result<BoardLock, LockError> {
    let path = lock_path(board_file);
    let io_err = |error| LockError::Io {
        board: board_file.to_path_buf(),
        error,
    };
    // Two tries: the second after removing a stale or unreadable lock.
    for _ in 0..2 {
        let info = LockInfo::ours();
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(info.to_text().as_bytes())
                    .and_then(|()| file.sync_all())
                    .map_err(io_err)?;
                return Ok(BoardLock { path, info });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match inspect(board_file) {
                LockState::Live(holder) => {
                    return Err(LockError::Held {
                        board: board_file.to_path_buf(),
                        holder,
                    });
                }
                LockState::Ours => {
                    // Opened twice in this process: share the one lock file
                    // by writing a fresh record the new holder owns.
                    write_record(&path, &info).map_err(io_err)?;
                    return Ok(BoardLock { path, info });
                }
                LockState::Stale(_) | LockState::Free => {
                    fs::remove_file(&path)
                        .or_else(ignore_not_found)
                        .map_err(io_err)?;
                }
            },
            Err(e) => return Err(io_err(e)),
        }
    }
    Err(io_err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "another process keeps re-creating the lock file",
    )))
}

/// Takes the lock even from a live holder ("Open anyway"): the other
/// instance's lock is overwritten, and it will not remove ours on close.
pub fn take_over(board_file: &Path) -> Result<BoardLock, LockError> {
    let path = lock_path(board_file);
    let info = LockInfo::ours();
    write_record(&path, &info).map_err(|error| LockError::Io {
        board: board_file.to_path_buf(),
        error,
    })?;
    Ok(BoardLock { path, info })
}

fn write_record(path: &Path, info: &LockInfo) -> io::Result<()> {
    super::atomic::write_atomic(path, info.to_text().as_bytes(), None).map_err(|(_, e)| e)
}

fn ignore_not_found(e: io::Error) -> io::Result<()> {
    if e.kind() == io::ErrorKind::NotFound {
        Ok(())
    } else {
        Err(e)
    }
}

/// This machine's name, as other instances on it will see it.
pub fn host_name() -> String {
    let from_file = |p: &str| {
        fs::read_to_string(p)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this computer".to_owned())
}

/// Whether a process with this id runs on this machine. A zombie (dead,
/// not yet reaped by its parent) counts as gone.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        match fs::read_to_string(format!("/proc/{pid}/stat")) {
            // The state letter follows the parenthesised command name.
            Ok(stat) => stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .is_none_or(|state| state != "Z" && state != "X"),
            Err(_) => false,
        }
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
    #[cfg(not(unix))]
    {
        // No cheap check without extra dependencies: assume it runs, so
        // the user is asked instead of a live lock being taken over.
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_record_round_trips_and_garbage_is_refused() {
        let info = LockInfo {
            pid: 42,
            host: "studio-mac".into(),
            started_unix: 1_700_000_000,
        };
        assert_eq!(LockInfo::parse(&info.to_text()), Some(info));
        assert_eq!(LockInfo::parse("pid=x\nhost=a\nstarted=1"), None);
        assert_eq!(LockInfo::parse(""), None);
    }

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn lock_file_is_hidden_next_to_the_board() {
        assert_eq!(
            lock_path(Path::new("/a/kitchen.ron")),
            Path::new("/a/.kitchen.ron.lock")
        );
    }
}
