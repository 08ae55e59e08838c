//! Never lose work, in the app: autosave to a recovery copy, the recovery
//! and crashed-session prompts, the second-instance warning, noticing a
//! board file changed by another program, and "Clean up unused images".
//!
//! The shell calls [`Safety::show`] once a frame and [`Safety::saved`] /
//! [`Safety::discarded`] when the user saves or throws changes away; this
//! module notices on its own when another document was opened.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use egui::{Context, RichText};

use crate::edit::Edit;
use crate::model::Board;
use crate::store::lock::{self, BoardLock, LockError, LockInfo};
use crate::store::recovery::{self, Recovered, RecoveryCheck};
use crate::store::{self, FileStamp, FileWatcher, UnusedAsset};

use super::autosave::AutosaveWriter;
use super::document::Document;

/// Quiet time after the last edit before the recovery copy is written.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);
/// Least time between two recovery writes, however fast the edits come.
pub const AUTOSAVE_MIN_INTERVAL: Duration = Duration::from_secs(3);
/// How often the board file is checked for outside changes when the system
/// cannot notify us of them (only while the window is focused or the board
/// has unsaved changes). With notifications there is no polling at all.
pub const EXTERNAL_CHECK_INTERVAL: Duration = Duration::from_secs(2);

/// What the shell must do for this module.
pub enum SafetyAction {
    Notify {
        text: String,
        error: bool,
    },
    /// Open a board file (a crashed session's titled board).
    OpenPath(PathBuf),
    /// Make this the open document (a recovered untitled board).
    Adopt(Box<Document>),
    /// The user would rather not open a board another instance holds.
    CloseBoard,
    /// Ask the user where a board with recovered changes is (its name),
    /// then open it: its recovery copy is offered on opening.
    Locate(String),
    /// The board was swapped for another version (reload, restore):
    /// refresh whatever was derived from it.
    BoardReplaced,
    /// Read the board file again (a job); the result goes to
    /// [`Safety::reloaded`]. `stamp` is the change being answered.
    Reload {
        path: PathBuf,
        stamp: FileStamp,
    },
    /// Move these unused images into a backup folder (a job).
    MoveUnused(Vec<UnusedAsset>),
}

/// How a Reload ended.
pub enum Reloaded {
    /// The board is the file's again.
    Replaced,
    /// The file was read but could not replace the board.
    Failed(String),
    /// Nothing changed: another board is open now, or the file could not
    /// be read (a prompt says why).
    Skipped,
}

/// A board whose unsaved changes were thrown away.
struct Discarded {
    root: PathBuf,
    generation: u64,
    untitled: bool,
}

enum Prompt {
    Locked {
        holder: LockInfo,
    },
    Recovery {
        recovered: Box<Board>,
        /// The compare view, once asked for.
        diff: Option<Vec<String>>,
    },
    Crashed(Vec<Recovered>),
    ExternalChange(FileStamp),
    Cleanup {
        files: Vec<UnusedAsset>,
    },
    Message {
        title: String,
        body: String,
    },
}

/// Per-window safety state.
pub struct Safety {
    writer: AutosaveWriter,
    /// The document these fields describe (its asset root).
    root: Option<PathBuf>,
    lock: Option<BoardLock>,
    stamp: Option<FileStamp>,
    /// Tells of outside changes to the open board file as they happen;
    /// `None` for an untitled board, or where the system cannot watch
    /// (then the file is polled every `external_check_interval`).
    watcher: Option<FileWatcher>,
    last_check: Instant,
    focused: bool,
    /// History generation last seen, when it was first seen, and the one
    /// the recovery copy holds.
    seen_generation: u64,
    last_edit: Instant,
    last_write: Option<Instant>,
    written_generation: Option<u64>,
    flush_on_focus_loss: bool,
    last_error: Option<String>,
    prompts: VecDeque<Prompt>,
    /// The board whose changes the user discarded, as it was then.
    discarded: Option<Discarded>,
    /// The board the user chose to restore from the crashed-boards list:
    /// when it opens, its recovery copy is restored without asking again.
    restore_on_open: Option<PathBuf>,
    /// That recovery copy, to restore on the next frame.
    restore_now: Option<Box<Board>>,
    pub autosave_delay: Duration,
    pub autosave_min_interval: Duration,
    pub external_check_interval: Duration,
}

impl Safety {
    /// `offer_crashed`: list boards a crashed session left (a start with no
    /// file given).
    pub fn new(data_dir: PathBuf, offer_crashed: bool) -> Self {
        let mut prompts = VecDeque::new();
        if offer_crashed {
            let found = recovery::list_recovered(&data_dir);
            if !found.is_empty() {
                prompts.push_back(Prompt::Crashed(found));
            }
        }
        Self {
            writer: AutosaveWriter::new(data_dir),
            root: None,
            lock: None,
            stamp: None,
            watcher: None,
            last_check: Instant::now(),
            focused: true,
            seen_generation: 0,
            last_edit: Instant::now(),
            last_write: None,
            written_generation: None,
            flush_on_focus_loss: false,
            last_error: None,
            prompts,
            discarded: None,
            restore_on_open: None,
            restore_now: None,
            autosave_delay: AUTOSAVE_DELAY,
            autosave_min_interval: AUTOSAVE_MIN_INTERVAL,
            external_check_interval: EXTERNAL_CHECK_INTERVAL,
        }
    }

    pub fn has_modal(&self) -> bool {
        !self.prompts.is_empty()
    }

    /// Recovery writes queued or running.
    pub fn autosaves_in_flight(&self) -> usize {
        self.writer.in_flight()
    }

    /// Blocks until the watcher has seen an outside change to the open
    /// board file, or `timeout` passes; false when nothing came (tests).
    pub fn wait_for_outside_change(&self, timeout: Duration) -> bool {
        self.watcher
            .as_ref()
            .is_some_and(|w| w.wait_changed(timeout))
    }

    /// Blocks until queued recovery writes finish (for the app's
    /// `wait_idle`).
    pub(super) fn wait_for_autosave(&mut self, timeout: Duration) {
        let done = self.writer.wait(timeout);
        for w in done {
            self.written(w);
        }
    }

    /// The document was saved (in place or under a new name): its recovery
    /// copy, and that of the name it had before, are no longer needed.
    pub fn saved(&mut self, doc: &Document) {
        if let Some(old) = self.root.take() {
            self.remove_copy(&old);
        }
        self.remove_copy(doc.asset_root());
        self.adopt(doc);
    }

    /// The user threw the unsaved changes away: the recovery copy goes,
    /// and no later autosave (the window losing focus as it closes) may
    /// bring it back. An untitled board's images go once it is closed.
    pub fn discarded(&mut self, doc: &Document) {
        self.remove_copy(doc.asset_root());
        self.discarded = Some(Discarded {
            root: doc.asset_root().to_path_buf(),
            generation: doc.generation(),
            untitled: doc.path().is_none(),
        });
    }

    /// The window closes (after the unsaved changes were dealt with): a
    /// discarded untitled board's images go. Autosave stays off for it in
    /// the frames left before the window is gone.
    pub fn closing(&mut self) {
        if let Some(root) = self
            .discarded
            .as_ref()
            .filter(|d| d.untitled)
            .map(|d| d.root.clone())
        {
            self.lock = None; // Ours, in that folder: released first.
            self.remove_staging(&root);
        }
    }

    /// A discarded untitled board is gone for good once another board
    /// replaced it: its staging images go too.
    fn forget_discarded(&mut self) {
        self.closing();
        self.discarded = None;
    }

    /// What the user is asked once the unused images are listed (by a job
    /// that ran [`store::unused_assets`]): move them, or that there are none.
    pub fn unused_found(&mut self, found: Result<Vec<UnusedAsset>, String>) {
        match found {
            Ok(files) if files.is_empty() => self.prompts.push_back(Prompt::Message {
                title: "No unused images".into(),
                body: "Every image in this board's folder is used by a panel, the undo history or the backup copy.".into(),
            }),
            Ok(files) => self.prompts.push_back(Prompt::Cleanup { files }),
            Err(e) => self.prompts.push_back(Prompt::Message {
                title: "Could not look for unused images".into(),
                body: e,
            }),
        }
    }

    /// A clean-up's move into the backup folder ended: the notice to show,
    /// or a prompt saying why it stopped.
    pub fn unused_moved(
        &mut self,
        moved: usize,
        result: Result<PathBuf, String>,
    ) -> Option<String> {
        match result {
            Ok(folder) => Some(format!("Moved {moved} image(s) to {}", folder.display())),
            Err(e) => {
                self.prompts.push_back(Prompt::Message {
                    title: "Clean-up stopped".into(),
                    body: e,
                });
                None
            }
        }
    }

    /// The board file read again for a Reload: replace the board (the
    /// user's version stays one Undo away), or say why not.
    pub fn reloaded(
        &mut self,
        doc: &mut Document,
        path: &Path,
        stamp: FileStamp,
        read: Result<Board, String>,
    ) -> Reloaded {
        if doc.path() != Some(path) {
            // Another board was opened meanwhile.
            return Reloaded::Skipped;
        }
        match read {
            Ok(board) => match doc.replace_from_disk(board) {
                Ok(()) => {
                    self.stamp = FileStamp::read(path).ok();
                    Reloaded::Replaced
                }
                Err(e) => Reloaded::Failed(e.to_string()),
            },
            Err(e) => {
                self.stamp = Some(stamp);
                self.prompts.push_back(Prompt::Message {
                    title: "Could not reload the board".into(),
                    body: format!("{e}\n\nYour version is still open here."),
                });
                Reloaded::Skipped
            }
        }
    }

    fn remove_copy(&mut self, board_file: &Path) {
        if let Err(e) = self.writer.remove(board_file) {
            self.last_error = Some(format!(
                "Could not remove the recovery copy of {}: {e}",
                board_file.display()
            ));
        }
        self.written_generation = None;
    }

    /// A discarded untitled board's images go with it: nothing can open
    /// them any more.
    fn remove_staging(&mut self, board_file: &Path) {
        if let Err(e) = self.writer.remove_staging(board_file) {
            self.last_error = Some(format!(
                "Could not remove the images of the discarded board in {}: {e}",
                store::board_dir(board_file).display()
            ));
        }
    }

    /// Takes on a newly opened (or newly named) document: lock, stamp, and
    /// the recovery prompt if a newer copy waits.
    fn adopt(&mut self, doc: &Document) {
        if self
            .discarded
            .as_ref()
            .is_some_and(|d| d.root != doc.asset_root())
        {
            self.forget_discarded();
        }
        self.lock = None; // Released before a new one is taken.
        self.stamp = None;
        self.root = Some(doc.asset_root().to_path_buf());
        self.seen_generation = doc.generation();
        self.written_generation = None;
        self.prompts.retain(|p| matches!(p, Prompt::Crashed(_)));
        // Untitled boards lock their staging folder, so another instance's
        // crash list never offers a board this one is editing.
        let lock_target = doc.path().unwrap_or(doc.asset_root());
        // `store::board_dir` reads a bare `board.ron` as the current folder
        // (its `parent()` is the empty path, which is no folder).
        if store::board_dir(lock_target).is_dir() {
            match lock::acquire(lock_target) {
                Ok(l) => self.lock = Some(l),
                Err(LockError::Held { holder, .. }) => {
                    self.prompts.push_back(Prompt::Locked { holder });
                }
                // A read-only folder: the board opens without a lock.
                Err(LockError::Io { .. }) => {}
            }
        }
        if let Some(path) = doc.path() {
            self.stamp = FileStamp::read(path).ok();
            self.last_check = Instant::now();
            match recovery::check_recovery(path) {
                RecoveryCheck::Newer(recovered)
                    if self.restore_on_open.take().as_deref() == Some(path) =>
                {
                    self.restore_now = Some(recovered);
                }
                RecoveryCheck::Newer(recovered) => self.prompts.push_back(Prompt::Recovery {
                    recovered,
                    diff: None,
                }),
                RecoveryCheck::Unreadable(why) => {
                    self.last_error = Some(format!("The recovery copy cannot be read: {why}"));
                }
                RecoveryCheck::None | RecoveryCheck::Same | RecoveryCheck::Older => {}
            }
        }
    }

    /// Once a frame: autosave, outside changes, and the prompts.
    pub fn show(&mut self, ctx: &Context, doc: &mut Document) -> Vec<SafetyAction> {
        let mut actions = Vec::new();
        if self.root.as_deref() != Some(doc.asset_root()) {
            self.adopt(doc);
        }
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let focus_gained = focused && !self.focused;
        if self.focused && !focused {
            self.flush_on_focus_loss = true;
        }
        self.focused = focused;

        for w in self.writer.finished() {
            self.written(w);
        }
        self.autosave(ctx, doc);
        self.watch_file(ctx, doc, focus_gained, &mut actions);
        if let Some(text) = self.last_error.take() {
            actions.push(SafetyAction::Notify { text, error: true });
        }
        if let Some(board) = self.restore_now.take() {
            restore(doc, board, &mut actions);
        }
        self.prompt_ui(ctx, doc, &mut actions);
        actions
    }

    fn written(&mut self, w: super::autosave::Written) {
        match w.result {
            Ok(()) => {
                self.written_generation = Some(w.generation);
            }
            Err(e) => self.last_error = Some(format!("Autosave failed: {e}")),
        }
    }

    fn autosave(&mut self, ctx: &Context, doc: &Document) {
        if doc.is_read_only() {
            return; // Nothing of ours to keep; the file is another's.
        }
        let generation = doc.generation();
        if self
            .discarded
            .as_ref()
            .is_some_and(|d| d.root == doc.asset_root() && d.generation == generation)
        {
            return; // Thrown away on purpose; only a new edit writes again.
        }
        if generation != self.seen_generation {
            self.seen_generation = generation;
            self.last_edit = Instant::now();
        }
        let prompting = self
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::Recovery { .. } | Prompt::Locked { .. }));
        if !doc.is_dirty() {
            // Undone back to the saved state: the copy has nothing to add.
            if self.written_generation.is_some() && !prompting {
                self.remove_copy(doc.asset_root());
            }
            self.flush_on_focus_loss = false;
            return;
        }
        if prompting || self.written_generation == Some(generation) {
            self.flush_on_focus_loss = false;
            return;
        }
        if self.writer.in_flight() > 0 {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        let now = Instant::now();
        let quiet = if self.flush_on_focus_loss {
            now
        } else {
            self.last_edit + self.autosave_delay
        };
        let spaced = self
            .last_write
            .map_or(now, |t| t + self.autosave_min_interval);
        let due = quiet.max(spaced);
        if now >= due {
            self.flush_on_focus_loss = false;
            self.last_write = Some(now);
            let untitled = doc.path().is_none();
            if untitled && self.lock.is_none() {
                // Lock the staging folder before its first copy lands, so
                // another instance never offers this board as crashed.
                let folder = store::board_dir(doc.asset_root());
                if std::fs::create_dir_all(folder).is_ok() {
                    self.lock = lock::acquire(doc.asset_root()).ok();
                }
            }
            self.writer.write(
                doc.board().clone(),
                doc.asset_root().to_path_buf(),
                untitled,
                generation,
            );
            ctx.request_repaint_after(Duration::from_millis(100));
        } else {
            ctx.request_repaint_after(due - now);
        }
    }

    fn watch_file(
        &mut self,
        ctx: &Context,
        doc: &mut Document,
        focus_gained: bool,
        actions: &mut Vec<SafetyAction>,
    ) {
        let (Some(path), Some(stamp)) = (doc.path().map(Path::to_path_buf), &self.stamp) else {
            self.watcher = None;
            return;
        };
        if self.watcher.as_ref().is_none_or(|w| w.path() != path) {
            let ctx = ctx.clone();
            self.watcher = FileWatcher::new(&path, move || ctx.request_repaint()).ok();
        }
        if !self.focused && !doc.is_dirty() {
            return;
        }
        if self.has_modal() {
            return;
        }
        match &self.watcher {
            // An event (kept until now if it came while unfocused) or
            // regaining focus; otherwise nothing to do and no repaint.
            Some(watcher) => {
                if !watcher.take_changed() && !focus_gained {
                    return;
                }
            }
            None => {
                let due = self.last_check + self.external_check_interval;
                if !focus_gained && Instant::now() < due {
                    ctx.request_repaint_after(due - Instant::now());
                    return;
                }
                ctx.request_repaint_after(self.external_check_interval);
            }
        }
        self.last_check = Instant::now();
        if let Ok(Some(new)) = stamp.changed(&path) {
            if doc.is_read_only() {
                let path = path.clone();
                self.follow_saved(doc, &path, new, actions);
            } else {
                self.prompts.push_back(Prompt::ExternalChange(new));
            }
        }
    }

    /// A read-only board shows what the instance holding it saves, without
    /// asking: there are no changes here to lose.
    fn follow_saved(
        &mut self,
        doc: &mut Document,
        path: &Path,
        stamp: FileStamp,
        actions: &mut Vec<SafetyAction>,
    ) {
        self.stamp = Some(stamp);
        match store::read_board(path) {
            Ok(board) => {
                doc.follow_saved(board);
                actions.push(SafetyAction::BoardReplaced);
                actions.push(SafetyAction::Notify {
                    text: format!("Showing the version of “{}” just saved", doc.display_name()),
                    error: false,
                });
            }
            Err(e) => actions.push(SafetyAction::Notify {
                text: format!("Could not show the newly saved version: {e}"),
                error: true,
            }),
        }
    }

    fn prompt_ui(&mut self, ctx: &Context, doc: &mut Document, actions: &mut Vec<SafetyAction>) {
        let Some(mut prompt) = self.prompts.pop_front() else {
            return;
        };
        let mut done = false;
        egui::Modal::new(egui::Id::unique("shotboard-safety-modal")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            done = match &mut prompt {
                Prompt::Locked { holder } => self.locked_ui(ui, doc, holder, actions),
                Prompt::Recovery { recovered, diff } => {
                    self.recovery_ui(ui, doc, recovered, diff, actions)
                }
                Prompt::Crashed(list) => self.crashed_ui(ui, list, actions),
                Prompt::ExternalChange(stamp) => self.external_ui(ui, doc, stamp, actions),
                Prompt::Cleanup { files } => self.cleanup_ui(ui, files, actions),
                Prompt::Message { title, body } => {
                    ui.heading(title.as_str());
                    ui.label(body.as_str());
                    ui.button("OK").clicked()
                }
            };
        });
        if !done {
            self.prompts.push_front(prompt);
        }
    }

    fn locked_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        holder: &LockInfo,
        actions: &mut Vec<SafetyAction>,
    ) -> bool {
        ui.heading("This board is open in another Shotboard");
        ui.label(format!(
            "“{}” is already open ({holder}, opened {} ago). If both copies save, one overwrites the other's changes.",
            doc.display_name(),
            format_unix(holder.started_unix),
        ));
        ui.add_space(8.0);
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Open anyway").clicked() {
                let target = doc.path().unwrap_or(doc.asset_root());
                self.lock = lock::take_over(target).ok();
                done = true;
            }
            if ui
                .button("Open read-only")
                .on_hover_text("Look, present and export; follows what the other Shotboard saves")
                .clicked()
            {
                doc.set_read_only();
                done = true;
            }
            if ui.button("Cancel").clicked() {
                // The recovery prompt for a board not kept open is moot.
                self.prompts
                    .retain(|p| !matches!(p, Prompt::Recovery { .. }));
                actions.push(SafetyAction::CloseBoard);
                done = true;
            }
        });
        done
    }

    fn recovery_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        recovered: &mut Box<Board>,
        diff: &mut Option<Vec<String>>,
        actions: &mut Vec<SafetyAction>,
    ) -> bool {
        ui.heading("Unsaved changes were recovered");
        ui.label(format!(
            "Shotboard closed before “{}” was saved. A recovery copy with newer changes was kept.",
            doc.display_name()
        ));
        if let Some(lines) = diff {
            ui.add_space(6.0);
            ui.label(RichText::new("The recovery copy, compared with the saved file:").strong());
            for line in lines.iter() {
                ui.label(format!("• {line}"));
            }
        }
        ui.add_space(8.0);
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                restore(doc, Box::new(std::mem::take(&mut **recovered)), actions);
                done = true;
            }
            if ui.button("Open saved version").clicked() {
                self.remove_copy(doc.asset_root());
                done = true;
            }
            if diff.is_none() && ui.button("Compare").clicked() {
                *diff = Some(store::diff_boards(doc.board(), recovered).summary());
            }
        });
        done
    }

    fn crashed_ui(
        &mut self,
        ui: &mut egui::Ui,
        list: &mut Vec<Recovered>,
        actions: &mut Vec<SafetyAction>,
    ) -> bool {
        ui.heading("Recovered boards");
        ui.label("Shotboard closed without saving these boards. Restore them, or discard the recovered changes.");
        ui.add_space(6.0);
        let mut chosen = None;
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for (i, r) in list.iter().enumerate() {
                    let name = if r.untitled {
                        format!("{} (untitled)", r.title)
                    } else {
                        r.board_file.display().to_string()
                    };
                    if r.located {
                        ui.label(format!("{name}: {} panel(s)", r.panels));
                    } else {
                        ui.label(format!(
                            "{name}: opened from a folder this Shotboard can't tell; find the board to see its recovered changes"
                        ));
                    }
                    ui.horizontal(|ui| {
                        let restore = if r.located {
                            format!("Restore {}", r.title)
                        } else {
                            format!("Find {}…", r.title)
                        };
                        if ui.button(restore).clicked() {
                            chosen = Some((i, true));
                        }
                        if ui.button(format!("Discard {}", r.title)).clicked() {
                            chosen = Some((i, false));
                        }
                    });
                }
            });
        let later = ui.button("Not now").clicked();
        if let Some((i, restore)) = chosen {
            let r = list.remove(i);
            if !r.located {
                // The copy's folder is unknown: the entry goes once the
                // user has found the board (which then offers its copy
                // itself) or given up on it.
                if let Err(e) = recovery::forget_entry(&r.entry) {
                    self.last_error = Some(format!("Could not update the recovery list: {e}"));
                }
                if restore {
                    actions.push(SafetyAction::Locate(r.title));
                    list.clear();
                }
            } else if !restore {
                self.remove_copy(&r.board_file);
                if r.untitled {
                    self.remove_staging(&r.board_file);
                }
            } else if r.untitled {
                match recovery::read_recovery(&r.board_file) {
                    Ok(Some(board)) => {
                        let mut doc = Document::new(board, None, r.board_file.clone());
                        doc.mark_unsaved();
                        doc.recheck_assets();
                        actions.push(SafetyAction::Adopt(Box::new(doc)));
                        // Opening another board closes this one; the rest wait.
                        list.clear();
                    }
                    Ok(None) | Err(_) => actions.push(SafetyAction::Notify {
                        text: format!("The recovery copy of {} is gone or unreadable", r.title),
                        error: true,
                    }),
                }
            } else {
                // Restore was chosen here: the board opens with its
                // recovered changes, without asking a second time.
                self.restore_on_open = Some(r.board_file.clone());
                actions.push(SafetyAction::OpenPath(r.board_file));
                list.clear();
            }
        }
        later || list.is_empty()
    }

    fn external_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        stamp: &FileStamp,
        actions: &mut Vec<SafetyAction>,
    ) -> bool {
        ui.heading("The board changed on disk");
        ui.label(format!(
            "Another program changed “{}” while it was open here.",
            doc.display_name()
        ));
        ui.label("Reload it (your version stays one Undo away), or keep yours (saving will overwrite the file).");
        ui.add_space(8.0);
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Reload").clicked() {
                done = true;
                if let Some(path) = doc.path().map(PathBuf::from) {
                    // Until the job has read it, this change counts as seen.
                    self.stamp = Some(stamp.clone());
                    actions.push(SafetyAction::Reload {
                        path,
                        stamp: stamp.clone(),
                    });
                }
            }
            if ui.button("Keep mine").clicked() {
                self.stamp = Some(stamp.clone());
                // The file is not what is open: saving is needed.
                doc.mark_unsaved();
                done = true;
            }
        });
        done
    }

    fn cleanup_ui(
        &mut self,
        ui: &mut egui::Ui,
        files: &[UnusedAsset],
        actions: &mut Vec<SafetyAction>,
    ) -> bool {
        let bytes: u64 = files.iter().map(|f| f.bytes).sum();
        ui.heading("Clean up unused images");
        ui.label(format!(
            "{} image file(s), {}, are used by no panel, no undo step and no backup copy. They will be moved into a dated backup folder inside the board's images folder, not deleted.",
            files.len(),
            format_bytes(bytes)
        ));
        egui::ScrollArea::vertical()
            .max_height(200.0)
            .show(ui, |ui| {
                for f in files {
                    let name = f.path.file_name().map_or_else(
                        || f.path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    ui.label(format!("• {name} ({})", format_bytes(f.bytes)));
                }
            });
        ui.add_space(8.0);
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Move to backup").clicked() {
                done = true;
                actions.push(SafetyAction::MoveUnused(files.to_vec()));
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }
}

fn format_bytes(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// Seconds since 1970 as "N min ago" style text, for the lock warning.
fn format_unix(secs: u64) -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let ago = now.saturating_sub(secs);
    match ago {
        0..60 => "less than a minute".to_owned(),
        60..3600 => format!("{} min", ago / 60),
        3600..86_400 => format!("{} h", ago / 3600),
        _ => format!("{} days", ago / 86_400),
    }
}

/// Put a recovery copy in place of the board as one undo step (the saved
/// version stays one Undo away).
fn restore(doc: &mut Document, board: Box<Board>, actions: &mut Vec<SafetyAction>) {
    match doc.apply(Edit::ReplaceBoard(board), "Restore recovered changes") {
        Ok(()) => {
            actions.push(SafetyAction::BoardReplaced);
            actions.push(SafetyAction::Notify {
                text: "Recovered changes restored; save to keep them".into(),
                error: false,
            });
        }
        Err(e) => actions.push(SafetyAction::Notify {
            text: format!("Could not restore: {e}"),
            error: true,
        }),
    }
}
