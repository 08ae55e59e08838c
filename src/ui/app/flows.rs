//! The app's flows that involve files and background jobs: open, save,
//! Save As, imports, paste between boards, export, clean-up and reload.
//! Each starts a job on the runner (or asks which file first) and finishes
//! in [`ShotboardApp::job_finished`] when the result lands.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use crate::edit::{Edit, ops};
use crate::import::review_reply::{self, ReplyImport};
use crate::import::screenplay::sync::{self, SyncPlan};
use crate::model::Panel;
use crate::store;

use crate::ui::dialogs::FileRequest;
use crate::ui::document::Document;
use crate::ui::export_dialog::ExportOutcome;
use crate::ui::file_chooser::{Asked, FilePurpose, NO_NATIVE_DIALOG};
use crate::ui::files::{self, ImportOutcome};
use crate::ui::imports::{self, ImportTarget};
use crate::ui::jobs::{Finished, JobContext};
use crate::ui::modals::{Modal, Pending};
use crate::ui::safety::{Reloaded, SafetyAction};
use crate::ui::script_update::UpdateAnswer;
use crate::ui::script_watch;
use crate::ui::snapshots::{Comparison, SnapshotAction};

use super::ShotboardApp;

/// What a finished background job brings back to the app.
pub(super) enum JobDone {
    Images {
        target: ImportTarget,
        /// The board the job belongs to (the asset root), so a result for
        /// a board closed meanwhile is ignored.
        asset_root: PathBuf,
        outcome: ImportOutcome,
    },
    /// A board read from disk (or why it could not be).
    Opened(Result<Document, String>),
    Saved {
        path: PathBuf,
        result: Result<(), String>,
        /// What the user asked for once the board is saved (close, open…).
        then: Option<Pending>,
    },
    SavedAs {
        path: PathBuf,
        result: Result<Option<files::SavedAs>, String>,
        then: Option<Pending>,
    },
    /// Images nothing uses, found for a clean-up.
    Unused(Result<Vec<store::UnusedAsset>, String>),
    /// A clean-up moved `count` images into the backup folder.
    MovedUnused {
        count: usize,
        result: Result<PathBuf, String>,
    },
    /// The board file read again for Reload.
    Reloaded {
        path: PathBuf,
        stamp: store::FileStamp,
        result: Result<crate::model::Board, String>,
    },
    /// An export ended (written or failed; cancelled ones end as
    /// cancelled jobs).
    Exported(ExportOutcome),
    /// The printable shortcuts page was written.
    PageSaved {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// The open board's snapshots, listed.
    SnapshotList(Result<Vec<store::Snapshot>, String>),
    /// A snapshot was kept (or why not).
    SnapshotSaved(Result<store::Snapshot, String>),
    /// A board read to compare the open board with: `title` says what it is.
    CompareWith {
        title: String,
        result: Result<crate::model::Board, String>,
    },
    /// A snapshot read to restore in place.
    SnapshotToRestore {
        name: String,
        result: Result<crate::model::Board, String>,
    },
    /// A snapshot written as a new board at `to`.
    SnapshotRestored {
        name: String,
        to: PathBuf,
        result: Result<(), String>,
    },
    /// The untitled demo copy the app starts with when no board is named.
    Demo(Document),
    Storyboarder(Result<Document, String>),
    Script {
        path: PathBuf,
        result: Result<(Edit, Vec<String>), String>,
    },
    /// A new draft read and compared with the board, for review.
    ScriptPlan {
        path: PathBuf,
        result: Result<Box<SyncPlan>, String>,
    },
    Pasted {
        asset_root: PathBuf,
        panels: Vec<Panel>,
        failed: usize,
    },
    /// A review reply read and planned against the board as it was.
    Review {
        path: PathBuf,
        result: Result<ReplyImport, String>,
    },
}

impl ShotboardApp {
    /// Copy the images kept outside the board's assets folder in, and point
    /// the panels at the copies (one undo step).
    pub(super) fn bring_assets_in(&mut self) {
        if !self.writable() {
            return;
        }
        let (command, failed) = files::bring_assets_in(&self.doc);
        let copied = command.is_some();
        if self.run(command) && failed.is_empty() {
            self.notify("Copied the images into this board's folder", false);
        }
        if !failed.is_empty() {
            self.modal = Some(Modal::Message {
                title: format!(
                    "{} image(s) could not be copied{}",
                    failed.len(),
                    if copied { " (the others were)" } else { "" }
                ),
                body: failed
                    .iter()
                    .map(|f| format!("• {f}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
    }

    pub(super) fn export_finished(&mut self, outcome: ExportOutcome) {
        match outcome {
            ExportOutcome::Failed(reason) => {
                self.modal = Some(Modal::Message {
                    title: "Export failed".into(),
                    body: reason,
                });
            }
            _ => self.notify(outcome.summary(), false),
        }
    }

    /// Open a board by path (recent boards, recovery), asking about unsaved
    /// changes first.
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.commit_active_stroke();
        self.guard_unsaved(ctx, Pending::Open(Some(path)));
    }

    pub(super) fn copy(&mut self, ctx: &egui::Context) {
        let copied = self.clipboard.copy(
            self.doc.board(),
            self.selection.panels(),
            self.doc.asset_dir(),
        );
        if let Some((count, text)) = copied {
            // The panels' words go on the system clipboard too: pasting into
            // a mail or a script gives the text, and the window layer only
            // turns Ctrl+V into a paste when the system clipboard holds
            // something.
            ctx.copy_text(text);
            self.notify(format!("Copied {count} panel(s)"), false);
        }
    }

    /// Paste the clipboard after the selection. Panels from another board
    /// bring their images: those are copied into this board's folder by a
    /// job first, and the panels land when it is done.
    pub(super) fn paste(&mut self) {
        if self
            .clipboard
            .images_are_own(self.doc.asset_root(), self.doc.asset_dir())
        {
            let cmd = ops::paste(
                self.doc.board(),
                self.selection.panels(),
                self.clipboard.panels(),
            );
            self.run(cmd);
            return;
        }
        let panels = self.clipboard.panels().to_vec();
        let from = self.clipboard.dir().to_path_buf();
        let asset_root = self.doc.asset_root().to_path_buf();
        let board_file = asset_root.clone();
        self.spawn("Copying pasted images", false, move |job| {
            let (panels, failed) = files::copy_pasted_images(panels, &from, &board_file, job);
            JobDone::Pasted {
                asset_root,
                panels,
                failed,
            }
        });
    }

    pub(super) fn finish_paste(&mut self, asset_root: PathBuf, panels: Vec<Panel>, failed: usize) {
        if asset_root != self.doc.asset_root() {
            return; // That board was closed meanwhile.
        }
        let cmd = ops::paste(self.doc.board(), self.selection.panels(), &panels);
        self.run(cmd);
        if failed > 0 {
            self.notify(
                format!("{failed} pasted image(s) could not be copied; they show as missing"),
                true,
            );
        }
    }

    /// Start a job; says so in the status bar when it cannot start.
    pub(super) fn spawn(
        &mut self,
        name: &str,
        blocks_edits: bool,
        work: impl FnOnce(&JobContext) -> JobDone + Send + 'static,
    ) -> bool {
        match self.jobs.spawn(name, blocks_edits, work) {
            Ok(_) => true,
            Err(e) => {
                self.notify(format!("Could not start {name}: {e}"), true);
                false
            }
        }
    }

    /// Apply what a background job brought back.
    pub(super) fn job_finished(&mut self, finished: Finished<JobDone>) {
        let done = match finished {
            Finished::Done(done) => done,
            Finished::Cancelled(name) => {
                if self
                    .export
                    .running()
                    .is_some_and(|id| !self.jobs.is_running(id))
                {
                    self.export.finished();
                    self.notify(ExportOutcome::Cancelled.summary(), false);
                } else {
                    self.notify(format!("{name}: cancelled, nothing was changed"), false);
                }
                return;
            }
        };
        match done {
            JobDone::Images {
                target,
                asset_root,
                outcome,
            } => self.finish_import(target, asset_root, outcome),
            JobDone::Opened(result) => match result {
                Ok(doc) => {
                    self.doc = doc;
                    if let Some(path) = self.doc.path() {
                        // Absolute (the job resolved it), so the list
                        // means the same file from any folder.
                        self.prefs.add_recent(path);
                    }
                    self.after_open();
                }
                Err(body) => self.message("Could not open the board", body),
            },
            JobDone::Saved { path, result, then } => self.finish_save(path, result, then),
            JobDone::SavedAs { path, result, then } => self.finish_save_as(path, result, then),
            JobDone::Unused(found) => self.safety.unused_found(found),
            JobDone::MovedUnused { count, result } => {
                if let Some(text) = self.safety.unused_moved(count, result) {
                    self.notify(text, false);
                }
            }
            JobDone::Reloaded {
                path,
                stamp,
                result,
            } => match self.safety.reloaded(&mut self.doc, &path, stamp, result) {
                Reloaded::Replaced => {
                    self.board_replaced();
                    self.notify("Reloaded; Undo brings back your version", false);
                }
                Reloaded::Failed(e) => self.notify(format!("Could not reload: {e}"), true),
                Reloaded::Skipped => {}
            },
            JobDone::Exported(outcome) => {
                self.export.finished();
                self.export_finished(outcome);
            }
            JobDone::PageSaved { path, result } => self.shortcuts_page_saved(&path, result),
            JobDone::SnapshotList(list) => self.snapshots.listed(list),
            JobDone::SnapshotSaved(result) => match result {
                Ok(snapshot) => {
                    self.snapshots.saved();
                    self.notify(format!("Kept snapshot “{}”", snapshot.name), false);
                    self.list_snapshots();
                }
                Err(e) => self.message("Could not keep the snapshot", e),
            },
            JobDone::CompareWith { title, result } => match result {
                Ok(other) => {
                    let lines = crate::merge::describe_changes(&other, self.doc.board());
                    self.snapshots.compare(Comparison { title, lines });
                }
                Err(e) => self.message("Could not compare", e),
            },
            JobDone::SnapshotToRestore { name, result } => match result {
                Ok(board) => {
                    let label = format!("Restore snapshot “{name}”");
                    match self.doc.apply(Edit::ReplaceBoard(Box::new(board)), label) {
                        Ok(()) => {
                            self.board_replaced();
                            self.notify(
                                format!("Restored snapshot “{name}”; Undo brings back the board as it was"),
                                false,
                            );
                        }
                        Err(e) => self.notify(format!("Could not restore: {e}"), true),
                    }
                }
                Err(e) => self.message("Could not restore the snapshot", e),
            },
            JobDone::SnapshotRestored { name, to, result } => match result {
                Ok(()) => self.notify(
                    format!("Wrote snapshot “{name}” as {}", to.display()),
                    false,
                ),
                Err(e) => self.message("Could not restore the snapshot", e),
            },
            JobDone::Demo(doc) => {
                self.doc = doc;
                self.after_open();
            }
            JobDone::Storyboarder(result) => match result {
                Ok(doc) => {
                    self.doc = doc;
                    self.after_open();
                }
                Err(body) => self.message("Could not import the project", body),
            },
            JobDone::Script { path, result } => self.finish_script(path, result),
            JobDone::ScriptPlan { path, result } => self.script_planned(path, result),
            JobDone::Pasted {
                asset_root,
                panels,
                failed,
            } => self.finish_paste(asset_root, panels, failed),
            JobDone::Review { path, result } => self.finish_review(path, result),
        }
    }

    pub(super) fn message(&mut self, title: &str, body: String) {
        self.modal = Some(Modal::Message {
            title: title.into(),
            body,
        });
    }

    /// A board file dropped on the window opens (asking about unsaved
    /// changes first) instead of failing as an image. Returns whether one
    /// was among `files`.
    pub(super) fn open_dropped_board(&mut self, ctx: &egui::Context, files: &[PathBuf]) -> bool {
        let Some(board) = files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        else {
            return false;
        };
        if files.len() > 1 {
            self.notify(
                "Opened the dropped board; drop images on their own to import them",
                false,
            );
        }
        self.open_path(ctx, board.clone());
        true
    }

    pub(super) fn start_import(&mut self, files: Vec<PathBuf>, target: ImportTarget) {
        // Not even the images: they would land in the other instance's
        // assets folder.
        if !self.writable() {
            return;
        }
        let mut files = files;
        files.sort();
        let asset_root = self.doc.asset_root().to_path_buf();
        if self.spawn("Importing images", false, move |_| {
            let outcome = files::import_images(&asset_root, &files);
            JobDone::Images {
                target,
                asset_root,
                outcome,
            }
        }) {
            self.notify("Importing images…", false);
        }
    }

    pub(super) fn finish_import(
        &mut self,
        target: ImportTarget,
        asset_root: PathBuf,
        outcome: ImportOutcome,
    ) {
        if asset_root != self.doc.asset_root() {
            return; // That board was closed meanwhile.
        }
        let command = imports::landing(self.doc.board(), target, &outcome);
        let applied = self.run(command);
        if let Some((title, body)) = imports::failures_message(&outcome) {
            self.modal = Some(Modal::Message { title, body });
        } else if applied {
            self.notify(
                format!("Imported {} image(s)", outcome.imported.len()),
                false,
            );
        }
    }

    /// Append a screenplay's scenes (Fountain or Final Draft, by extension)
    /// to this board as one undo step; the
    /// file is read and parsed by a job (edits wait meanwhile, since the
    /// scenes are placed after the board as it was).
    pub(super) fn import_script(&mut self, path: PathBuf) {
        let board = self.doc.board().clone();
        self.spawn("Importing the script", true, move |_| {
            let result = crate::import::screenplay::append_script_file(&board, &path)
                .map(|(edit, warnings)| (edit, warnings.iter().map(ToString::to_string).collect()))
                .map_err(|e| format!("{}: {e}", path.display()));
            JobDone::Script { path, result }
        });
    }

    pub(super) fn finish_script(
        &mut self,
        path: PathBuf,
        result: Result<(Edit, Vec<String>), String>,
    ) {
        match result {
            Ok((edit, warnings)) => {
                let before = self.doc.board().scenes.len();
                match self.doc.apply(edit, "Import script") {
                    Ok(()) => {
                        let added = self.doc.board().scenes.len() - before;
                        self.notify(
                            format!("Imported {added} scene(s) from {}", path.display()),
                            false,
                        );
                        if let Some(first) = self
                            .doc
                            .board()
                            .scenes
                            .get(before)
                            .and_then(|s| s.panels.first())
                        {
                            self.selection.select_only(first.id);
                            self.canvas.scroll_to = Some(first.id);
                        }
                    }
                    Err(e) => self.notify(format!("Could not import the script: {e}"), true),
                }
                if !warnings.is_empty() {
                    let body = warnings
                        .iter()
                        .map(|w| format!("• {w}"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    self.message(&format!("Imported {} with notes", path.display()), body);
                }
            }
            Err(body) => self.message("Could not import the script", body),
        }
    }

    /// Compare the board with a new draft of its script (a job: edits wait
    /// meanwhile, so the plan fits the board it is applied to); the review
    /// opens when it lands.
    pub(super) fn plan_script_update(&mut self, path: PathBuf) {
        let board = self.doc.board().clone();
        self.spawn("Reading the new draft", true, move |_| {
            let result = crate::import::screenplay::parse_script_file(&path)
                .and_then(|parsed| sync::plan_sync(&board, parsed))
                .map(Box::new)
                .map_err(|e| format!("{}: {e}", path.display()));
            JobDone::ScriptPlan { path, result }
        });
    }

    fn script_planned(&mut self, path: PathBuf, result: Result<Box<SyncPlan>, String>) {
        match result {
            Ok(plan) => {
                let watching = self
                    .doc
                    .path()
                    .and_then(|b| self.prefs.linked_scripts.get(b))
                    .is_some_and(|s| *s == path);
                if !self
                    .script_update
                    .open(&path, *plan, self.doc.board(), watching)
                {
                    self.notify(
                        format!("The board already matches {}", path.display()),
                        false,
                    );
                }
            }
            Err(body) => self.message("Could not read the script", body),
        }
    }

    /// Apply a reviewed update as one undo step.
    pub(super) fn script_update_answered(&mut self, answer: UpdateAnswer) {
        let UpdateAnswer::Apply {
            plan,
            script,
            watch,
        } = answer
        else {
            return;
        };
        if let Some(board) = self.doc.path() {
            script_watch::set_link(&mut self.prefs.linked_scripts, board, &script, watch);
        }
        let applied = plan
            .edit(self.doc.board())
            .map_err(|e| e.to_string())
            .and_then(|edit| {
                self.doc
                    .apply(edit, "Update from script")
                    .map_err(|e| e.to_string())
            });
        match applied {
            Ok(()) => {
                self.selection.retain_existing(self.doc.board());
                self.notify(format!("Updated from the script: {}", plan.counts()), false);
            }
            Err(e) => self.notify(format!("Could not update from the script: {e}"), true),
        }
    }

    /// Merge a reviewer's reply file as one undo step; the file is read and
    /// planned by a job (edits wait meanwhile: the new comments' ids come
    /// from the board as it was).
    pub(super) fn import_review(&mut self, path: PathBuf) {
        let board = self.doc.board().clone();
        self.spawn("Importing review replies", true, move |_| {
            let result = review_reply::import_reply(&board, &path).map_err(|e| e.to_string());
            JobDone::Review { path, result }
        });
    }

    fn finish_review(&mut self, path: PathBuf, result: Result<ReplyImport, String>) {
        let plan = match result {
            Ok(plan) => plan,
            Err(body) => return self.message("Could not import the review replies", body),
        };
        if let Some(edit) = plan.edit.clone()
            && let Err(e) = self.doc.apply(edit, "Import review replies")
        {
            return self.notify(format!("Could not import the review replies: {e}"), true);
        }
        self.notify(format!("{}: {}", path.display(), plan.summary()), false);
        if !plan.warnings.is_empty() {
            let body = plan
                .warnings
                .iter()
                .map(|w| format!("• {w}"))
                .collect::<Vec<_>>()
                .join("\n");
            self.message(&format!("Imported {} with notes", path.display()), body);
        }
    }

    pub(super) fn guard_unsaved(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(ctx, pending);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::Close => {
                self.close_confirmed = true;
                self.safety.closing();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::New => {
                self.doc = files::new_document(&self.data_dir, &self.prefs);
                self.after_open();
            }
            Pending::ImportStoryboarder(path) => {
                let data_dir = self.data_dir.clone();
                self.spawn("Importing the project", true, move |_| {
                    JobDone::Storyboarder(
                        files::import_storyboarder(&path, &data_dir).map_err(|e| format!("{e:#}")),
                    )
                });
            }
            Pending::Open(Some(path)) => self.open_board(path),
            Pending::Open(None) => {
                self.ask_file(ctx, FileRequest::open_board(), FilePurpose::OpenBoard);
            }
        }
    }

    /// Save, asking for a name when untitled; `then` runs once it is saved.
    /// The file is written by a job; edits wait until it is done, so what
    /// is saved is what the user sees.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Pending>) {
        let Some(path) = self
            .doc
            .path()
            .filter(|_| !self.doc.is_read_only())
            .map(PathBuf::from)
        else {
            // Untitled, or read-only: the file is the other instance's.
            return self.save_as(ctx, then);
        };
        self.doc.end_gesture();
        let board = self.doc.board().clone();
        self.spawn("Saving", true, move |_| {
            let result = crate::store::save(&board, &path).map_err(|e| e.to_string());
            JobDone::Saved { path, result, then }
        });
    }

    pub(super) fn finish_save(
        &mut self,
        path: PathBuf,
        result: Result<(), String>,
        then: Option<Pending>,
    ) {
        match result {
            Ok(()) if self.doc.path() == Some(path.as_path()) => {
                self.doc.mark_saved();
                self.safety.saved(&self.doc);
                self.notify(format!("Saved {}", path.display()), false);
                if let Some(then) = then {
                    self.proceed_later = Some(then);
                }
            }
            Ok(()) => {}
            Err(e) => self.message(
                "Could not save",
                format!("{e}\n\nYour changes are still here; try Save As to another folder."),
            ),
        }
    }

    /// Save under a new name: a job copies the board's images (and those
    /// its undo history uses) into the new folder with progress and Cancel;
    /// a cancelled copy leaves no board file behind.
    pub(super) fn save_as(&mut self, ctx: &egui::Context, then: Option<Pending>) {
        let request = FileRequest::save_board(&files::suggested_file_name(&self.doc));
        self.ask_file(ctx, request, FilePurpose::SaveAs { then });
    }

    /// Save As to `path`, chosen by the user.
    pub(super) fn save_as_to(&mut self, path: PathBuf, then: Option<Pending>) {
        // Absolute, so the lock and the recovery index name the same file
        // whatever the current folder.
        let path = store::absolute_board_path(&path);
        if self.doc.is_read_only() && self.doc.path() == Some(path.as_path()) {
            self.message(
                "Choose another name",
                format!(
                    "{} is open in another Shotboard, so this copy cannot replace it. \
                     Save under another name to edit your own copy.",
                    path.display()
                ),
            );
            return;
        }
        self.doc.end_gesture();
        let board = self.doc.board().clone();
        let from_dir = self.doc.asset_dir().to_path_buf();
        let history_assets = self.doc.history_assets();
        self.spawn("Saving a copy", true, move |job| {
            let result = files::save_as(&board, &from_dir, &path, &history_assets, job)
                .map_err(|e| e.to_string());
            JobDone::SavedAs { path, result, then }
        });
    }

    pub(super) fn finish_save_as(
        &mut self,
        path: PathBuf,
        result: Result<Option<files::SavedAs>, String>,
        then: Option<Pending>,
    ) {
        match result {
            Ok(Some(saved)) => {
                self.doc.adopt_saved_as(&path, saved.copy, &saved.problems);
                self.safety.saved(&self.doc);
                self.prefs.add_recent(&path);
                self.thumbs.clear();
                self.notify(format!("Saved {}", path.display()), false);
                if let Some(then) = then {
                    self.proceed_later = Some(then);
                }
            }
            Ok(None) => self.notify("Save As cancelled; nothing was written", false),
            Err(e) => self.message(
                "Could not save",
                format!("{e}\n\nYour changes are still here; try another folder."),
            ),
        }
    }

    /// List the images nothing uses (a job: it reads the whole assets
    /// folder); the clean-up prompt follows.
    pub(super) fn find_unused_images(&mut self) {
        let board = self.doc.board().clone();
        let root = self.doc.asset_root().to_path_buf();
        let in_history: Vec<String> = self
            .doc
            .history_assets()
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect();
        self.spawn("Looking for unused images", false, move |_| {
            JobDone::Unused(
                store::unused_assets(&board, &root, &in_history).map_err(|e| e.to_string()),
            )
        });
    }

    /// Ask which file for `purpose`; the flow goes on in [`Self::file_chosen`]
    /// now (native dialog) or frames later (the app's own).
    pub(super) fn ask_file(
        &mut self,
        ctx: &egui::Context,
        request: FileRequest,
        purpose: FilePurpose,
    ) {
        let near = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        // The folders of recent boards; the app's own dialog lists each once.
        let recent: Vec<PathBuf> = self
            .prefs
            .recent
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect();
        match self.chooser.ask(request, purpose, near.as_deref(), &recent) {
            Asked::Chosen(purpose, paths) => self.file_chosen(ctx, purpose, paths),
            Asked::InApp { first_time: true } => self.notify(NO_NATIVE_DIALOG, false),
            Asked::InApp { first_time: false } | Asked::Cancelled => {}
        }
    }

    /// Go on with the flow that asked for `paths`.
    pub(super) fn file_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
    ) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            FilePurpose::OpenBoard | FilePurpose::Locate => self.open_board(first),
            FilePurpose::SaveAs { then } => self.save_as_to(first, then),
            FilePurpose::ImportImages => {
                let target = imports::insertion_point(self.doc.board(), self.selection.panels());
                self.start_import(paths, target);
            }
            FilePurpose::ImportScript => self.import_script(first),
            FilePurpose::UpdateFromScript => self.plan_script_update(first),
            FilePurpose::ImportReview => self.import_review(first),
            FilePurpose::ImportStoryboarder => {
                self.guard_unsaved(ctx, Pending::ImportStoryboarder(first));
            }
            FilePurpose::Export => self.start_export(first),
            FilePurpose::ExportDestination => self.export.set_destination(&first),
            FilePurpose::ShortcutsPage => {
                let page = crate::ui::shortcuts::html(ctx.os(), crate::ui::crash::VERSION);
                self.spawn("Saving the shortcuts page", false, move |_| {
                    let result = std::fs::write(&first, page).map_err(|e| e.to_string());
                    JobDone::PageSaved {
                        path: first,
                        result,
                    }
                });
            }
            FilePurpose::CompareWith => {
                let title = format!("{} compared with this board", first.display());
                self.spawn("Reading the board to compare", false, move |_| {
                    let result = store::read_board(&first).map_err(|e| e.to_string());
                    JobDone::CompareWith { title, result }
                });
            }
            FilePurpose::RestoreSnapshot(name) => {
                let Some(board_file) = self.doc.path().map(Path::to_path_buf) else {
                    return;
                };
                let to = store::absolute_board_path(&first);
                self.spawn("Restoring the snapshot", false, move |_| {
                    let result = store::restore_snapshot(&board_file, &name, &to)
                        .map(|_| ())
                        .map_err(|e| e.to_string());
                    JobDone::SnapshotRestored { name, to, result }
                });
            }
        }
    }

    /// Do what the Snapshots window asked; the file work runs as jobs.
    pub(super) fn snapshot_action(&mut self, ctx: &egui::Context, action: SnapshotAction) {
        let Some(board_file) = self.doc.path().map(Path::to_path_buf) else {
            return;
        };
        match action {
            SnapshotAction::Refresh => self.list_snapshots(),
            SnapshotAction::Save(name) => {
                let board = self.doc.board().clone();
                self.spawn("Keeping a snapshot", false, move |_| {
                    JobDone::SnapshotSaved(
                        store::save_snapshot(&board, &board_file, &name).map_err(|e| e.to_string()),
                    )
                });
            }
            SnapshotAction::Compare(name) => {
                let title = format!("Changes since snapshot “{name}”");
                self.spawn("Reading the snapshot", false, move |_| {
                    let result =
                        store::load_snapshot(&board_file, &name).map_err(|e| e.to_string());
                    JobDone::CompareWith { title, result }
                });
            }
            SnapshotAction::RestoreInPlace(name) => {
                if !self.writable() {
                    return;
                }
                self.spawn("Reading the snapshot", true, move |_| {
                    let result =
                        store::load_snapshot(&board_file, &name).map_err(|e| e.to_string());
                    JobDone::SnapshotToRestore { name, result }
                });
            }
            SnapshotAction::RestoreAsCopy(name) => {
                let stem = board_file
                    .file_stem()
                    .map_or_else(|| "board".into(), |s| s.to_string_lossy().into_owned());
                let request = FileRequest::save_board(&format!("{stem} ({name}).ron"));
                self.ask_file(ctx, request, FilePurpose::RestoreSnapshot(name));
            }
        }
    }

    /// List the open board's snapshots for the Snapshots window (a job).
    fn list_snapshots(&mut self) {
        let Some(board_file) = self.doc.path().map(Path::to_path_buf) else {
            return;
        };
        self.spawn("Listing snapshots", false, move |_| {
            JobDone::SnapshotList(store::list_snapshots(&board_file).map_err(|e| e.to_string()))
        });
    }

    /// Export the Export window's choice to `out`, as a job on a snapshot
    /// of the board (editing goes on meanwhile).
    pub(super) fn start_export(&mut self, out: PathBuf) {
        let work = self
            .export
            .work(self.doc.board(), self.doc.asset_dir(), out);
        let name = format!("Exporting {}", self.export.format.name());
        match self.jobs.spawn(name, false, move |job| {
            JobDone::Exported(work(job.export_progress()))
        }) {
            Ok(id) => self.export.started(id),
            Err(e) => self.notify(format!("Could not start the export: {e}"), true),
        }
    }

    /// Open the board at `path` (a job; the current board stays until it
    /// is read).
    pub(super) fn open_board(&mut self, path: PathBuf) {
        self.spawn("Opening the board", true, move |_| {
            JobDone::Opened(files::open_document(&path).map_err(|e| e.to_string()))
        });
    }

    pub(super) fn safety_actions(&mut self, ctx: &egui::Context, actions: Vec<SafetyAction>) {
        for action in actions {
            match action {
                SafetyAction::Notify { text, error } => self.notify(text, error),
                SafetyAction::OpenPath(path) => self.open_path(ctx, path),
                SafetyAction::Locate(name) => {
                    self.notify(format!("Find {name} to see its recovered changes"), false);
                    self.ask_file(ctx, FileRequest::open_board(), FilePurpose::Locate);
                }
                SafetyAction::Adopt(doc) => {
                    self.doc = *doc;
                    self.after_open();
                }
                SafetyAction::CloseBoard => {
                    self.doc = files::new_document(&self.data_dir, &self.prefs);
                    self.after_open();
                }
                SafetyAction::BoardReplaced => self.board_replaced(),
                SafetyAction::Reload { path, stamp } => {
                    self.spawn("Reloading the board", true, move |_| {
                        let result = store::read_board(&path).map_err(|e| e.to_string());
                        JobDone::Reloaded {
                            path,
                            stamp,
                            result,
                        }
                    });
                }
                SafetyAction::MoveUnused(files) => {
                    let root = self.doc.asset_root().to_path_buf();
                    self.spawn("Moving unused images", false, move |_| {
                        let result =
                            store::move_to_backup(&root, &files, std::time::SystemTime::now())
                                .map_err(|e| e.to_string());
                        JobDone::MovedUnused {
                            count: files.len(),
                            result,
                        }
                    });
                }
            }
        }
    }

    /// The board was swapped for another version (reload, restore): refresh
    /// what was derived from it.
    pub(super) fn board_replaced(&mut self) {
        self.thumbs.clear();
        self.doc.recheck_assets();
        self.selection.retain_existing(self.doc.board());
    }
}
