//! Progress and cancellation shared between an export and whoever waits on it.
//!
//! An export runs on a background thread; the UI (or the CLI) holds the same
//! [`Progress`] and reads it to draw a bar, or sets the cancel flag. Plain
//! atomics: no locks, no channels, nothing the export can block on.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Work done out of work to do, plus a cancel request.
///
/// Units are export-specific (usually panels, sometimes panels plus a final
/// "write the file" step); only the fraction matters to a progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the export to stop. It stops at the next unit of work, removes
    /// whatever it had staged, and returns [`super::ExportError::Cancelled`].
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Done divided by total, in `0.0..=1.0` (0 before the export has started).
    pub fn fraction(&self) -> f32 {
        let total = self.total();
        if total == 0 {
            return 0.0;
        }
        (self.done().min(total) as f64 / total as f64) as f32
    }

    /// Start counting a new job of `total` units.
    pub(crate) fn begin(&self, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// `done` of `total` units, both at once (a job that counts its own
    /// steps).
    pub(crate) fn set(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    pub(crate) fn advance(&self, units: u64) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_follows_done_over_total() {
        let p = Progress::new();
        assert_eq!(p.fraction(), 0.0);
        p.begin(4);
        p.advance(1);
        assert_eq!(p.fraction(), 0.25);
        p.advance(10);
        assert_eq!(p.fraction(), 1.0);
        assert!(!p.is_cancelled());
        p.cancel();
        assert!(p.is_cancelled());
    }
}
