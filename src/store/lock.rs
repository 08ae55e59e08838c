//! A lock file beside an open board, so a second running Shotboard is
//! warned before two copies of the app overwrite each other's work.
//!
//! `.NAME.ron.lock` carries an operating-system lock (`File::try_lock`)
//! for as long as its holder has the board open, and names the holder
//! (process id, host name, start time) for the "open in another Shotboard"
//! prompt. Liveness is the OS lock alone: the system releases it when the
//! holder exits or crashes, so a lock file nobody holds is stale and simply
//! taken — no process table is read, on any platform.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::time::{SystemTime, UNIX_EPOCH};

/// A lock record is three short lines; anything longer is not one.
const MAX_RECORD_BYTES: u64 = 4096;

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

    /// A holder whose record cannot be read (it is being written, or a
    /// program that is not Shotboard holds the file).
    fn unknown() -> Self {
        Self {
            pid: 0,
            host: String::new(),
            started_unix: 0,
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
}

impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.is_empty() {
            f.write_str("another program")
        } else {
            write!(f, "process {} on {}", self.pid, self.host)
        }
    }
}

/// What the lock file of a board says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// No lock file, or one with no record that nobody holds.
    Free,
    /// Held by this very process.
    Ours,
    /// Held by another process, which still runs (the OS lock is held).
    Live(LockInfo),
    /// Left behind by a process that no longer runs: nobody holds the OS
    /// lock, so the next [`acquire`] takes it.
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

/// The marker lock file a process holds in `folder` while it runs:
/// `.<pid>.lock`. See [`mark_process`].
pub fn process_marker(folder: &Path, pid: u32) -> PathBuf {
    lock_path(&folder.join(pid.to_string()))
}

/// One OS lock this process holds, shared by every [`BoardLock`] on the
/// same file: two opens of one file in one process conflict (flock locks
/// belong to the open file, not the process), so a board opened twice here
/// shares the first lock instead of refusing itself.
#[derive(Debug)]
struct Held {
    file: File,
    path: PathBuf,
    info: LockInfo,
}

/// Lock files this process holds, by path.
fn registry() -> &'static Mutex<HashMap<PathBuf, Weak<Held>>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, Weak<Held>>>> = OnceLock::new();
    HELD.get_or_init(Mutex::default)
}

fn held_here(path: &Path) -> Option<Arc<Held>> {
    let map = registry().lock().unwrap_or_else(PoisonError::into_inner);
    map.get(path).and_then(Weak::upgrade)
}

impl Drop for Held {
    fn drop(&mut self) {
        {
            let mut map = registry().lock().unwrap_or_else(PoisonError::into_inner);
            if map.get(&self.path).is_some_and(|w| w.strong_count() == 0) {
                map.remove(&self.path);
            }
        }
        // Remove the file while the OS lock is still ours, and only when it
        // is still our record: an "Open anyway" elsewhere replaces the file
        // with its own. Closing the file then releases the lock.
        let ours = same_file(&self.file, &self.path)
            && read_record(&self.path).is_some_and(|info| info == self.info);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A held lock; dropping the last handle on it releases the OS lock and
/// removes the lock file (if it is still ours).
#[derive(Clone, Debug)]
pub struct BoardLock {
    held: Arc<Held>,
}

impl BoardLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.held.path
    }
}

/// Reads the lock file and asks the system whether anyone holds it.
pub fn inspect(board_file: &Path) -> LockState {
    inspect_file(&lock_path(board_file))
}

fn inspect_file(path: &Path) -> LockState {
    if held_here(path).is_some() {
        return LockState::Ours;
    }
    let Ok(file) = File::open(path) else {
        return LockState::Free;
    };
    let record = read_record(path);
    // A shared lock is enough to ask, and never blocks another reader.
    match file.try_lock_shared() {
        Ok(()) => record.map_or(LockState::Free, LockState::Stale),
        Err(TryLockError::WouldBlock) => LockState::Live(record.unwrap_or_else(LockInfo::unknown)),
        // Locks not supported here (some network shares): nobody can hold
        // one, so a record is as stale as it is anywhere else.
        Err(TryLockError::Error(_)) => record.map_or(LockState::Free, LockState::Stale),
    }
}

/// Takes the lock for a board: free and stale locks are taken, a live
/// holder is reported as [`LockError::Held`].
pub fn acquire(board_file: &Path) -> Result<BoardLock, LockError> {
    acquire_file(&lock_path(board_file)).map_err(|e| e.for_board(board_file))
}

/// Takes the lock even from a live holder ("Open anyway"). The lock file is
/// replaced by a new one with our record, which we lock; the other
/// instance keeps its lock on the old, now nameless file, and will not
/// remove ours when it closes.
pub fn take_over(board_file: &Path) -> Result<BoardLock, LockError> {
    let path = lock_path(board_file);
    if let Some(held) = held_here(&path) {
        return Ok(BoardLock { held });
    }
    write_record(&path, &LockInfo::ours()).map_err(|error| LockError::Io {
        board: board_file.to_path_buf(),
        error,
    })?;
    acquire(board_file)
}

/// Marks `folder` as used by this process for as long as it runs, by
/// holding [`process_marker`]`(folder, our pid)`. Folders named after a
/// process (staging folders) ask [`process_marked`] whether theirs still
/// runs — true also for a new process that was given a crashed one's id.
pub fn mark_process(folder: &Path) -> io::Result<()> {
    static MARKS: Mutex<Vec<BoardLock>> = Mutex::new(Vec::new());
    let path = process_marker(folder, std::process::id());
    let mut marks = MARKS.lock().unwrap_or_else(PoisonError::into_inner);
    if marks.iter().any(|m| m.path() == path) {
        return Ok(());
    }
    fs::create_dir_all(folder)?;
    let mark = acquire_file(&path).map_err(|e| match e {
        AcquireError::Held(_) => io::Error::from(io::ErrorKind::WouldBlock),
        AcquireError::Io(e) => e,
    })?;
    marks.push(mark);
    Ok(())
}

/// Whether the process `pid` holds its marker in `folder` (see
/// [`mark_process`]): it runs, or ran until a moment ago.
pub fn process_marked(folder: &Path, pid: u32) -> bool {
    matches!(
        inspect_file(&process_marker(folder, pid)),
        LockState::Live(_) | LockState::Ours
    )
}

enum AcquireError {
    Held(LockInfo),
    Io(io::Error),
}

impl AcquireError {
    fn for_board(self, board_file: &Path) -> LockError {
        match self {
            Self::Held(holder) => LockError::Held {
                board: board_file.to_path_buf(),
                holder,
            },
            Self::Io(error) => LockError::Io {
                board: board_file.to_path_buf(),
                error,
            },
        }
    }
}

fn acquire_file(path: &Path) -> Result<BoardLock, AcquireError> {
    if let Some(held) = held_here(path) {
        return Ok(BoardLock { held });
    }
    // A few tries: the file can be removed by its last holder between our
    // open and our lock, leaving us holding a file without a name.
    for _ in 0..3 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(AcquireError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(AcquireError::Held(
                    read_record(path).unwrap_or_else(LockInfo::unknown),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(AcquireError::Io(e)),
        }
        if !same_file(&file, path) {
            continue;
        }
        let info = LockInfo::ours();
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(info.to_text().as_bytes()))
            .and_then(|()| file.sync_all())
            .map_err(AcquireError::Io)?;
        let held = Arc::new(Held {
            file,
            path: path.to_path_buf(),
            info,
        });
        registry()
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf(), Arc::downgrade(&held));
        return Ok(BoardLock { held });
    }
    Err(AcquireError::Io(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "another process keeps replacing the lock file",
    )))
}

/// The record in a lock file, read with a size limit.
fn read_record(path: &Path) -> Option<LockInfo> {
    let mut text = String::new();
    File::open(path)
        .ok()?
        .take(MAX_RECORD_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    LockInfo::parse(&text)
}

fn write_record(path: &Path, info: &LockInfo) -> io::Result<()> {
    super::atomic::write_atomic(path, info.to_text().as_bytes(), None).map_err(|(_, e)| e)
}

/// Whether the open `file` is still the one `path` names.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether the open `file` is still the one `path` names. Without inode
/// numbers in stable std, compare what the name leads to now.
#[cfg(not(unix))]
fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() == b.modified().ok(),
        _ => false,
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
    fn lock_file_is_hidden_next_to_the_board() {
        assert_eq!(
            lock_path(Path::new("/a/kitchen.ron")),
            Path::new("/a/.kitchen.ron.lock")
        );
    }

    /// What the whole design rests on: an OS lock taken through one open
    /// file is refused through another open of the same file, even in the
    /// same process — so a test (or a second window) can stand in for
    /// another instance.
    #[test]
    fn two_opens_of_one_file_exclude_each_other_in_one_process() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".b.ron.lock");
        let first = File::create(&path).unwrap();
        first.try_lock().unwrap();
        let second = File::open(&path).unwrap();
        assert!(matches!(
            second.try_lock_shared(),
            Err(TryLockError::WouldBlock)
        ));
        drop(first);
        second.try_lock_shared().unwrap();
    }

    #[test]
    fn a_board_locked_twice_in_one_process_shares_the_lock_until_both_go() {
        let dir = tempfile::tempdir().unwrap();
        let board = dir.path().join("b.ron");
        let first = acquire(&board).unwrap();
        let second = acquire(&board).unwrap();
        assert_eq!(inspect(&board), LockState::Ours);
        drop(first);
        assert_eq!(inspect(&board), LockState::Ours);
        assert!(lock_path(&board).exists());
        drop(second);
        assert_eq!(inspect(&board), LockState::Free);
        assert!(!lock_path(&board).exists(), "the last holder removes it");
    }

    #[test]
    fn this_process_marks_a_folder_once_and_reads_as_marked() {
        let dir = tempfile::tempdir().unwrap();
        mark_process(dir.path()).unwrap();
        mark_process(dir.path()).unwrap();
        assert!(process_marked(dir.path(), std::process::id()));
        assert!(!process_marked(dir.path(), std::process::id() + 1));
    }
}
