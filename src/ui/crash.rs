//! When Shotboard crashes: a report the user can send, their unsaved work
//! written to the recovery copy before the window goes, and on the next
//! start a word that it happened and where the report is.
//!
//! A panic hook notes what panicked (message, place, backtrace) for the
//! thread; the frame runs under [`ShotboardApp::show_guarded`], which on a
//! panic writes the recovery copy of the open board synchronously (the
//! autosave worker may be seconds behind), then the report
//! (`<data>/logs/crash-<time>-<pid>.txt`: version, commit, system,
//! backtrace; never board content), marks it for the next start, and lets
//! the panic go on. The next start finds the mark and says so.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};

use crate::store::recovery;

use super::document::Document;

/// The file in the logs folder naming the newest report the user has not
/// been told about yet.
const PENDING_MARK: &str = "crash-pending";

/// Version and commit, as `shotboard --version` prints them.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("SHOTBOARD_COMMIT"),
    ")"
);

/// What the panic hook saw, kept for the frame guard on the same thread.
#[derive(Clone, Debug)]
struct PanicRecord {
    message: String,
    location: String,
    thread: String,
    backtrace: String,
}

thread_local! {
    static LAST_PANIC: RefCell<Option<PanicRecord>> = const { RefCell::new(None) };
}

/// Installs the hook (once per process) that notes each panic for
/// [`ShotboardApp::show_guarded`], then runs the previous hook (the usual
/// message on stderr).
pub fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let record = record(info);
            log::error!(
                target: "shotboard::crash",
                "panic in thread {}: {} at {}",
                record.thread,
                record.message,
                record.location
            );
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(record));
            previous(info);
        }));
    });
}

fn record(info: &PanicHookInfo) -> PanicRecord {
    PanicRecord {
        message: payload_text(info.payload()),
        location: info
            .location()
            .map_or_else(|| "unknown".to_owned(), ToString::to_string),
        thread: std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_owned(),
        backtrace: std::backtrace::Backtrace::force_capture().to_string(),
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_owned()
    }
}

/// What became of the open board's unsaved work when the app crashed.
#[derive(Clone, Debug, PartialEq)]
pub enum Flushed {
    /// Nothing unsaved (or a read-only board): nothing to keep.
    NothingUnsaved,
    /// Written to the recovery copy, and listed for the next start.
    Written,
    /// The recovery copy could not be written (why).
    Failed(String),
}

/// After a frame panicked: write a report of the panic (as the hook noted
/// it, or from `payload`) and of what became of the unsaved work
/// (`flushed`) into `logs_dir`. The caller then lets the panic go on.
pub fn report_panic(logs_dir: &Path, payload: &(dyn std::any::Any + Send), flushed: &Flushed) {
    let record = LAST_PANIC
        .with(|last| last.borrow_mut().take())
        .unwrap_or_else(|| PanicRecord {
            message: payload_text(payload),
            location: "unknown".into(),
            thread: "unnamed".into(),
            backtrace: std::backtrace::Backtrace::force_capture().to_string(),
        });
    match write_report(logs_dir, &record, flushed) {
        Ok(path) => log::error!(target: "shotboard::crash", "crash report: {}", path.display()),
        Err(e) => eprintln!("shotboard: could not write the crash report: {e}"),
    }
}

/// Writes `doc`'s unsaved changes to its recovery copy now, on this
/// thread, and lists it (in `data_dir`) for the next start.
pub fn flush_recovery(doc: &Document, data_dir: &Path) -> Flushed {
    if doc.is_read_only() || !doc.is_dirty() {
        return Flushed::NothingUnsaved;
    }
    let untitled = doc.path().is_none();
    if untitled && let Some(folder) = doc.asset_root().parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    match recovery::write_recovery(doc.board(), doc.asset_root()) {
        Ok(_) => match recovery::register(data_dir, doc.asset_root(), untitled) {
            Ok(()) => Flushed::Written,
            Err(e) => Flushed::Failed(format!("could not list the recovery copy: {e}")),
        },
        Err(e) => Flushed::Failed(e.to_string()),
    }
}

/// Writes the report and the mark that the next start reads; returns the
/// report's path.
fn write_report(
    logs_dir: &Path,
    record: &PanicRecord,
    flushed: &Flushed,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(logs_dir)?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let stamp: String = crate::model::utc_timestamp(secs)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let path = logs_dir.join(format!("crash-{stamp}-{}.txt", std::process::id()));
    std::fs::write(&path, report_text(record, flushed, secs))?;
    std::fs::write(
        logs_dir.join(PENDING_MARK),
        path.to_string_lossy().as_bytes(),
    )?;
    Ok(path)
}

/// The report: what a developer needs to find the bug, nothing from the
/// board (no titles, words or file contents).
fn report_text(record: &PanicRecord, flushed: &Flushed, secs: i64) -> String {
    let mut text = String::from("Shotboard crash report\n\n");
    let _ = writeln!(text, "version:   {VERSION}");
    let _ = writeln!(text, "system:    {}", system_description());
    let _ = writeln!(text, "time:      {}", crate::model::utc_timestamp(secs));
    let _ = writeln!(text, "thread:    {}", record.thread);
    let _ = writeln!(text, "panic:     {}", record.message);
    let _ = writeln!(text, "at:        {}", record.location);
    let work = match flushed {
        Flushed::NothingUnsaved => NOTHING_UNSAVED.to_owned(),
        Flushed::Written => WORK_RECOVERED.to_owned(),
        Flushed::Failed(why) => format!("the recovery copy could not be written: {why}"),
    };
    let _ = writeln!(text, "work:      {work}");
    let _ = writeln!(text, "\nbacktrace:\n{}", record.backtrace);
    text
}

const WORK_RECOVERED: &str = "unsaved changes written to the recovery copy";
const NOTHING_UNSAVED: &str = "no unsaved changes";

/// What a crash report says became of the unsaved work.
pub fn flushed_in(report: &Path) -> Flushed {
    let text = std::fs::read_to_string(report).unwrap_or_default();
    let work = text
        .lines()
        .find_map(|l| l.strip_prefix("work:"))
        .map(str::trim)
        .unwrap_or_default();
    match work {
        WORK_RECOVERED => Flushed::Written,
        NOTHING_UNSAVED => Flushed::NothingUnsaved,
        other => Flushed::Failed(other.to_owned()),
    }
}

/// "linux x86_64 (Debian GNU/Linux 12 (bookworm))".
pub fn system_description() -> String {
    let mut text = format!("{} {}", std::env::consts::OS, std::env::consts::ARCH);
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|release| {
            release.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_owned())
            })
        });
    if let Some(pretty) = pretty {
        let _ = write!(text, " ({pretty})");
    }
    text
}

/// The report of a crash the user has not been told about, if any; the
/// mark is removed, so it is told once.
pub fn take_pending_report(logs_dir: &Path) -> Option<PathBuf> {
    let mark = logs_dir.join(PENDING_MARK);
    let named = std::fs::read_to_string(&mark).ok()?;
    let _ = std::fs::remove_file(&mark);
    let report = PathBuf::from(named.trim());
    report.is_file().then_some(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> PanicRecord {
        PanicRecord {
            message: "index out of bounds".into(),
            location: "src/ui/canvas.rs:10:5".into(),
            thread: "main".into(),
            backtrace: "0: shotboard::ui::canvas::show".into(),
        }
    }

    #[test]
    fn a_report_names_version_system_and_place_and_is_told_once() {
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        let path = write_report(&logs, &record(), &Flushed::NothingUnsaved).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in [
            VERSION,
            std::env::consts::OS,
            "index out of bounds",
            "src/ui/canvas.rs:10:5",
            "backtrace:",
        ] {
            assert!(text.contains(needle), "no {needle:?} in\n{text}");
        }
        assert_eq!(take_pending_report(&logs), Some(path));
        assert_eq!(take_pending_report(&logs), None, "told once");
    }

    #[test]
    fn a_mark_naming_a_report_that_is_gone_tells_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PENDING_MARK), "/nowhere/crash.txt").unwrap();
        assert_eq!(take_pending_report(dir.path()), None);
    }
}
