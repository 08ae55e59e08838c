//! A frame that panics still keeps the user's work: the recovery copy is
//! written at once and a crash report beside the logs (see `ui::crash`).

use std::panic::AssertUnwindSafe;

use egui::Ui;

use crate::ui::crash::{self, Flushed};
use crate::ui::logs;

use super::ShotboardApp;

impl ShotboardApp {
    /// Runs one frame (`frame`, normally [`ShotboardApp::show`]); if it
    /// panics, keeps the user's work and writes a crash report before the
    /// panic goes on and ends the app.
    pub fn show_guarded(&mut self, ui: &mut Ui, frame: impl FnOnce(&mut Self, &mut Ui)) {
        crash::install_hook();
        let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(|| frame(self, ui))) else {
            return;
        };
        let flushed = self.flush_recovery_now();
        crash::report_panic(&logs::logs_dir(&self.data_dir), payload.as_ref(), &flushed);
        std::panic::resume_unwind(payload);
    }

    /// Writes the open board's unsaved changes to its recovery copy now,
    /// on this thread, and lists it for the next start.
    pub fn flush_recovery_now(&self) -> Flushed {
        crash::flush_recovery(&self.doc, &self.data_dir)
    }
}
