//! The one job runner: slow work (open, save, Save As, imports, paste from
//! another board, clean-up, reload) runs on a worker thread, reports
//! progress, can be cancelled, and hands its result back through a channel.
//!
//! The runner asks egui to repaint when a result lands (and now and then
//! while progress moves), so an idle window draws nothing and a finished
//! job shows at once without polling. Tests wait for everything with one
//! [`JobRunner::wait_idle`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::export::Progress;

/// A job that has run this long shows its progress and a Cancel button.
pub const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(300);

/// How often progress may ask for a frame: enough for a smooth bar, far
/// below the frame rate.
const PROGRESS_REPAINT: Duration = Duration::from_millis(100);

/// Identifies a running job (for Cancel).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JobId(u64);

/// What a job sees of the runner: where to report progress, whether the
/// user cancelled.
pub struct JobContext {
    shared: Arc<Shared>,
    repaint: Arc<OnceLock<egui::Context>>,
    hold: Arc<AtomicBool>,
}

/// State a job shares with the UI thread: the same progress and cancel
/// flag an export reports through, so an export is a job like any other.
struct Shared {
    progress: Progress,
}

impl JobContext {
    /// `done` of `total` steps finished (e.g. images copied).
    pub fn progress(&self, done: usize, total: usize) {
        self.shared.progress.set(done as u64, total as u64);
        if let Some(ctx) = self.repaint.get() {
            ctx.request_repaint_after(PROGRESS_REPAINT);
        }
        while self.hold.load(Ordering::Relaxed) && !self.is_cancelled() {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// The progress an export reports through (and reads Cancel from).
    /// The bar follows it at the runner's next repaint.
    pub fn export_progress(&self) -> &Progress {
        &self.shared.progress
    }

    /// True once the user pressed Cancel: the job stops at the next step
    /// and leaves nothing half-done behind.
    pub fn is_cancelled(&self) -> bool {
        self.shared.progress.is_cancelled()
    }
}

/// A finished job's result, or its cancellation (with the job's name).
pub enum Finished<R> {
    Done(R),
    Cancelled(String),
}

/// A running job as the progress display shows it.
#[derive(Clone, Debug)]
pub struct JobView {
    pub id: JobId,
    pub name: String,
    /// Fraction done, when the job knows its total.
    pub fraction: Option<f32>,
    pub elapsed: Duration,
    pub cancelling: bool,
}

struct Running {
    name: String,
    started: Instant,
    shared: Arc<Shared>,
    /// While it runs the board takes no edits (an edit made meanwhile
    /// would be missing from what is saved, or land in the board being
    /// replaced).
    blocks_edits: bool,
}

/// Runs jobs whose results are of type `R`.
pub struct JobRunner<R> {
    tx: Sender<(JobId, Option<R>)>,
    rx: Receiver<(JobId, Option<R>)>,
    running: Vec<(JobId, Running)>,
    next: u64,
    repaint: Arc<OnceLock<egui::Context>>,
    /// Test seam: jobs wait at their next progress report while set, so a
    /// test can see a job running and press Cancel.
    hold: Arc<AtomicBool>,
}

impl<R: Send + 'static> Default for JobRunner<R> {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            running: Vec::new(),
            next: 0,
            repaint: Arc::new(OnceLock::new()),
            hold: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl<R: Send + 'static> JobRunner<R> {
    /// The context to wake when something lands; set from the first frame.
    pub fn set_context(&self, ctx: &egui::Context) {
        let _ = self.repaint.set(ctx.clone());
    }

    /// Start `work` on a worker thread. `blocks_edits`: the board takes no
    /// edits until it finishes (open, save, Save As).
    pub fn spawn(
        &mut self,
        name: impl Into<String>,
        blocks_edits: bool,
        work: impl FnOnce(&JobContext) -> R + Send + 'static,
    ) -> std::io::Result<JobId> {
        let id = JobId(self.next);
        self.next += 1;
        let shared = Arc::new(Shared {
            progress: Progress::new(),
        });
        let job = JobContext {
            shared: Arc::clone(&shared),
            repaint: Arc::clone(&self.repaint),
            hold: Arc::clone(&self.hold),
        };
        let tx = self.tx.clone();
        let name = name.into();
        std::thread::Builder::new()
            .name(format!("job: {name}"))
            .spawn(move || {
                let result = work(&job);
                let result = (!job.is_cancelled()).then_some(result);
                // The app may be gone (closed meanwhile): nothing to tell.
                let _ = tx.send((id, result));
                if let Some(ctx) = job.repaint.get() {
                    ctx.request_repaint();
                }
            })?;
        if let Some(ctx) = self.repaint.get() {
            // Wake up when the progress display is due.
            ctx.request_repaint_after(SHOW_PROGRESS_AFTER);
        }
        self.running.push((
            id,
            Running {
                name,
                started: Instant::now(),
                shared,
                blocks_edits,
            },
        ));
        Ok(id)
    }

    /// Hold every job at its next progress report (tests only: a job that
    /// would finish in a millisecond stays visible for Cancel).
    pub fn hold(&self, hold: bool) {
        self.hold.store(hold, Ordering::Relaxed);
    }

    /// Ask a job to stop; its result is dropped when it does.
    pub fn cancel(&self, id: JobId) {
        if let Some((_, job)) = self.running.iter().find(|(j, _)| *j == id) {
            job.shared.progress.cancel();
        }
    }

    /// Jobs finished since the last call, in the order they finished.
    pub fn poll(&mut self) -> Vec<Finished<R>> {
        let landed: Vec<_> = self.rx.try_iter().collect();
        landed.into_iter().map(|l| self.finish(l)).collect()
    }

    fn finish(&mut self, (id, result): (JobId, Option<R>)) -> Finished<R> {
        let at = self.running.iter().position(|(j, _)| *j == id);
        let name = at
            .map(|i| self.running.remove(i).1.name)
            .unwrap_or_default();
        match result {
            Some(r) => Finished::Done(r),
            None => Finished::Cancelled(name),
        }
    }

    /// Block until every job has finished (or `timeout` passed) and return
    /// their results: for tests, and for work that must end before quitting.
    pub fn wait_idle(&mut self, timeout: Duration) -> Vec<Finished<R>> {
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while !self.running.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(landed) => out.push(self.finish(landed)),
                Err(_) => break,
            }
        }
        out
    }

    /// Whether job `id` is still running.
    pub fn is_running(&self, id: JobId) -> bool {
        self.running.iter().any(|(j, _)| *j == id)
    }

    pub fn is_idle(&self) -> bool {
        self.running.is_empty()
    }

    /// Whether a running job keeps the board from taking edits.
    pub fn blocks_edits(&self) -> bool {
        self.running.iter().any(|(_, j)| j.blocks_edits)
    }

    /// The running jobs, oldest first.
    pub fn running(&self) -> Vec<JobView> {
        self.running
            .iter()
            .map(|(id, j)| {
                let progress = &j.shared.progress;
                JobView {
                    id: *id,
                    name: j.name.clone(),
                    fraction: (progress.total() > 0).then(|| progress.fraction()),
                    elapsed: j.started.elapsed(),
                    cancelling: progress.is_cancelled(),
                }
            })
            .collect()
    }
}

/// The status-bar item for jobs that have run long enough to be noticed:
/// name, progress and Cancel. Returns the job to cancel, if asked.
pub fn progress_ui(ui: &mut egui::Ui, jobs: &[JobView]) -> Option<JobId> {
    let mut cancel = None;
    for job in jobs.iter().filter(|j| j.elapsed >= SHOW_PROGRESS_AFTER) {
        ui.separator();
        ui.label(format!("{}…", job.name));
        let bar = egui::ProgressBar::new(job.fraction.unwrap_or(0.0))
            .desired_width(120.0)
            .show_percentage();
        ui.add(if job.fraction.is_none() {
            bar.animate(true)
        } else {
            bar
        });
        let button = egui::Button::new("Cancel");
        if ui
            .add_enabled(!job.cancelling, button)
            .on_hover_text(format!("Stop: {}", job.name))
            .clicked()
        {
            cancel = Some(job.id);
        }
    }
    cancel
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_arrives_through_wait_idle() {
        let mut jobs = JobRunner::default();
        jobs.spawn("add", false, |_| 2 + 2).unwrap();
        let done = jobs.wait_idle(Duration::from_secs(10));
        assert!(matches!(done.as_slice(), [Finished::Done(4)]));
        assert!(jobs.is_idle());
    }

    #[test]
    fn a_cancelled_job_stops_and_its_result_is_dropped() {
        let mut jobs = JobRunner::default();
        let (started_tx, started_rx) = channel();
        let id = jobs
            .spawn("loop", true, move |job| {
                started_tx.send(()).unwrap();
                let mut steps = 0;
                while !job.is_cancelled() {
                    steps += 1;
                    job.progress(steps % 10, 10);
                    std::thread::sleep(Duration::from_millis(1));
                }
                steps
            })
            .unwrap();
        started_rx.recv().unwrap();
        assert!(jobs.blocks_edits());
        jobs.cancel(id);
        assert!(jobs.running()[0].cancelling);
        let done = jobs.wait_idle(Duration::from_secs(10));
        assert!(matches!(done.as_slice(), [Finished::Cancelled(name)] if name == "loop"));
        assert!(!jobs.blocks_edits());
    }

    #[test]
    fn progress_is_reported_as_a_fraction() {
        let mut jobs = JobRunner::default();
        let (go_tx, go_rx) = channel::<()>();
        let (at_tx, at_rx) = channel();
        jobs.spawn("steps", false, move |job| {
            job.progress(3, 4);
            at_tx.send(()).unwrap();
            go_rx.recv().ok();
        })
        .unwrap();
        at_rx.recv().unwrap();
        assert_eq!(jobs.running()[0].fraction, Some(0.75));
        go_tx.send(()).unwrap();
        jobs.wait_idle(Duration::from_secs(10));
        assert!(jobs.running().is_empty());
    }
}
