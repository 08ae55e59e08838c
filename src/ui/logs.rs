//! The log file: what Shotboard did and what went wrong, kept small in the
//! user's data folder (`<data>/logs/shotboard.log`) so a bug report can
//! carry it.
//!
//! Shotboard's own messages are kept from `info` up, its libraries' (egui,
//! winit, wgpu…) from `warn` up. The file is rotated at [`MAX_LOG_BYTES`]:
//! the current file becomes `shotboard.log.1`, the one before
//! `shotboard.log.2`, and older ones go, so the folder never holds more
//! than three files. Board content is never logged, only file names.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::model::utc_timestamp;

/// The current log file's name in the logs folder.
pub const LOG_FILE: &str = "shotboard.log";
/// Size at which the log is rotated.
pub const MAX_LOG_BYTES: u64 = 256 * 1024;
/// Rotated files kept beside the current one.
const KEEP_ROTATED: u32 = 2;

/// The logs folder inside the data folder (crash reports go there too).
pub fn logs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Appends lines to the log file, rotating it when it grows too big.
pub struct LogFile {
    dir: PathBuf,
    open: Mutex<Option<(File, u64)>>,
}

impl LogFile {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            open: Mutex::new(None),
        }
    }

    /// Writes one line (a timestamp and `text`); rotates first when the
    /// file has reached [`MAX_LOG_BYTES`].
    pub fn append(&self, level: &str, text: &str) -> io::Result<()> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.as_ref().is_some_and(|(_, len)| *len >= MAX_LOG_BYTES) {
            *open = None;
            self.rotate()?;
        }
        if open.is_none() {
            fs::create_dir_all(&self.dir)?;
            let path = self.dir.join(LOG_FILE);
            let file = OpenOptions::new().create(true).append(true).open(&path)?;
            let len = file.metadata()?.len();
            if len >= MAX_LOG_BYTES {
                drop(file);
                self.rotate()?;
                let file = OpenOptions::new().create(true).append(true).open(&path)?;
                *open = Some((file, 0));
            } else {
                *open = Some((file, len));
            }
        }
        let Some((file, len)) = open.as_mut() else {
            return Ok(());
        };
        let line = format!("{} {level:5} {text}\n", utc_timestamp(now_secs()));
        file.write_all(line.as_bytes())?;
        *len += line.len() as u64;
        Ok(())
    }

    /// `shotboard.log` → `.1` → `.2`; the oldest is dropped.
    fn rotate(&self) -> io::Result<()> {
        let name = |n: u32| match n {
            0 => self.dir.join(LOG_FILE),
            n => self.dir.join(format!("{LOG_FILE}.{n}")),
        };
        for n in (0..KEEP_ROTATED).rev() {
            match fs::rename(name(n), name(n + 1)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The `log` crate's sink: Shotboard's records from `info`, others' from
/// `warn`.
struct Logger(LogFile);

impl log::Log for Logger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        let ours = metadata.target().starts_with("shotboard");
        metadata.level()
            <= if ours {
                log::Level::Info
            } else {
                log::Level::Warn
            }
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            // A log that cannot be written must not take the app down.
            let _ = self.0.append(
                record.level().as_str(),
                &format!("{}: {}", record.target(), record.args()),
            );
        }
    }

    fn flush(&self) {}
}

/// Sends the `log` crate's records to `<logs_dir>/shotboard.log` for the
/// rest of the run (the window only: the CLI and tests log nothing).
pub fn init(logs_dir: &Path) {
    let logger = Logger(LogFile::new(logs_dir.to_path_buf()));
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_rotated_and_never_keeps_more_than_three_files() {
        let dir = tempfile::tempdir().unwrap();
        let log = LogFile::new(dir.path().to_path_buf());
        let line = "x".repeat(1000);
        for _ in 0..(MAX_LOG_BYTES / 1000 * 4) {
            log.append("INFO", &line).unwrap();
        }
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["shotboard.log", "shotboard.log.1", "shotboard.log.2"]
        );
        for name in names {
            let len = fs::metadata(dir.path().join(&name)).unwrap().len();
            assert!(len <= MAX_LOG_BYTES + 1100, "{name} is {len} bytes");
        }
    }

    #[test]
    fn a_log_left_too_big_by_the_last_run_is_rotated_on_the_first_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(LOG_FILE),
            vec![b'.'; MAX_LOG_BYTES as usize],
        )
        .unwrap();
        LogFile::new(dir.path().to_path_buf())
            .append("WARN", "hello")
            .unwrap();
        let current = fs::read_to_string(dir.path().join(LOG_FILE)).unwrap();
        assert!(current.ends_with("WARN  hello\n"), "{current}");
        assert_eq!(
            fs::metadata(dir.path().join("shotboard.log.1"))
                .unwrap()
                .len(),
            MAX_LOG_BYTES
        );
    }
}
