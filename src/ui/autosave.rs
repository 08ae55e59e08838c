//! The autosave worker: writes recovery copies on its own thread so a big
//! board never stalls a frame, and never lets a late write resurrect a
//! copy that a save or discard has just removed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::model::Board;
use crate::store::recovery;

/// One recovery copy to write.
struct Job {
    board: Board,
    board_file: PathBuf,
    untitled: bool,
    /// The removal epoch the job was made in; a removal since voids it.
    epoch: u64,
    generation: u64,
}

/// What became of a job.
pub struct Written {
    pub generation: u64,
    pub result: Result<(), String>,
}

/// Writes recovery copies in the background, one at a time, in order.
pub struct AutosaveWriter {
    data_dir: PathBuf,
    /// Held while a copy is written or removed; counts removals.
    epoch: Arc<Mutex<u64>>,
    jobs: Option<Sender<Job>>,
    done_tx: Sender<Written>,
    done_rx: Receiver<Written>,
    in_flight: usize,
}

impl AutosaveWriter {
    pub fn new(data_dir: PathBuf) -> Self {
        let (done_tx, done_rx) = channel();
        Self {
            data_dir,
            epoch: Arc::new(Mutex::new(0)),
            jobs: None,
            done_tx,
            done_rx,
            in_flight: 0,
        }
    }

    /// Queues a copy of `board` for `board_file` (the document's asset root).
    pub fn write(&mut self, board: Board, board_file: PathBuf, untitled: bool, generation: u64) {
        let epoch = *self.epoch.lock().unwrap_or_else(PoisonError::into_inner);
        let job = Job {
            board,
            board_file,
            untitled,
            epoch,
            generation,
        };
        let job = match self.sender() {
            Some(tx) => match tx.send(job) {
                Ok(()) => {
                    self.in_flight += 1;
                    return;
                }
                Err(e) => e.0,
            },
            None => job,
        };
        // No worker thread: write here rather than not at all.
        let written = run(&self.data_dir, &self.epoch, job);
        self.in_flight += 1;
        let _ = self.done_tx.send(written);
    }

    fn sender(&mut self) -> Option<&Sender<Job>> {
        if self.jobs.is_none() {
            let (tx, rx) = channel::<Job>();
            let data_dir = self.data_dir.clone();
            let epoch = Arc::clone(&self.epoch);
            let done = self.done_tx.clone();
            let spawned = std::thread::Builder::new()
                .name("autosave".into())
                .spawn(move || {
                    for job in rx {
                        if done.send(run(&data_dir, &epoch, job)).is_err() {
                            return;
                        }
                    }
                });
            if spawned.is_ok() {
                self.jobs = Some(tx);
            }
        }
        self.jobs.as_ref()
    }

    /// Removes the recovery copy of `board_file` (and its index entry) and
    /// voids every write queued before this call.
    pub fn remove(&mut self, board_file: &Path) -> std::io::Result<()> {
        let mut epoch = self.epoch.lock().unwrap_or_else(PoisonError::into_inner);
        *epoch += 1;
        let removed = recovery::remove_recovery(board_file);
        let _ = recovery::unregister(&self.data_dir, board_file);
        removed
    }

    /// Removes a discarded untitled board's private staging folder (see
    /// [`recovery::remove_untitled_staging`] for what is left alone).
    pub fn remove_staging(&self, board_file: &Path) -> std::io::Result<recovery::StagingRemoval> {
        recovery::remove_untitled_staging(&self.data_dir, board_file)
    }

    /// Finished jobs since the last call.
    pub fn finished(&mut self) -> Vec<Written> {
        let done: Vec<Written> = self.done_rx.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(done.len());
        done
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Blocks until queued writes are done (tests, and before quitting).
    pub fn wait(&mut self, timeout: Duration) -> Vec<Written> {
        let mut all = Vec::new();
        let deadline = std::time::Instant::now() + timeout;
        while self.in_flight > 0 {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.done_rx.recv_timeout(left) {
                Ok(w) => {
                    self.in_flight -= 1;
                    all.push(w);
                }
                Err(_) => break,
            }
        }
        all
    }
}

fn run(data_dir: &Path, epoch: &Mutex<u64>, job: Job) -> Written {
    let current = epoch.lock().unwrap_or_else(PoisonError::into_inner);
    let result = if *current != job.epoch {
        Ok(()) // Saved or discarded since: this copy is no longer wanted.
    } else {
        write(data_dir, &job)
    };
    drop(current);
    Written {
        generation: job.generation,
        result,
    }
}

fn write(data_dir: &Path, job: &Job) -> Result<(), String> {
    if job.untitled
        && let Some(folder) = job.board_file.parent()
    {
        std::fs::create_dir_all(folder).map_err(|e| {
            format!(
                "could not create the recovery folder {}: {e}",
                folder.display()
            )
        })?;
    }
    recovery::write_recovery(&job.board, &job.board_file).map_err(|e| e.to_string())?;
    recovery::register(data_dir, &job.board_file, job.untitled).map_err(|e| {
        format!(
            "the recovery copy is written but could not be listed in {}: {e}",
            data_dir.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_queued_before_a_removal_never_brings_the_copy_back() {
        let data = tempfile::tempdir().unwrap();
        let boards = tempfile::tempdir().unwrap();
        let board_file = boards.path().join("b.ron");
        let mut writer = AutosaveWriter::new(data.path().to_path_buf());
        for round in 0..50 {
            writer.write(Board::new_untitled(), board_file.clone(), false, round);
            writer.remove(&board_file).unwrap();
            writer.wait(Duration::from_secs(10));
            assert!(
                !recovery::recovery_path(&board_file).exists(),
                "round {round}: a stale write landed after the removal"
            );
        }
        writer.write(Board::new_untitled(), board_file.clone(), false, 99);
        let done = writer.wait(Duration::from_secs(10));
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].generation, 99);
        assert!(done[0].result.is_ok());
        assert!(recovery::recovery_path(&board_file).exists());
        assert_eq!(recovery::list_recovered(data.path()).len(), 1);
    }
}
