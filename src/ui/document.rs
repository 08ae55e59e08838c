//! One open board: the document state the editor works on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History, StepError, Trimmed, ops::Command};
use crate::model::{AssetPath, Board, PanelIndex, ShotLabel, shot_labels};
use crate::store::{self, AssetProblem, SavedCopy};

/// A board being edited, with its undo history and where it lives on disk.
///
/// The board and its history are private: every change goes through an
/// edit applied here ([`Document::apply`], [`Document::undo`], …), so undo,
/// the dirty flag and autosave can't be bypassed, and a read-only board
/// refuses them all in one place.
pub struct Document {
    board: Board,
    history: History,
    /// The saved file; `None` for an untitled board (new, or the demo copy).
    path: Option<PathBuf>,
    /// Where asset paths resolve and new images are stored: the saved
    /// file's path, or a board file path in a private staging folder for an
    /// untitled board (Save As copies the images from there).
    asset_root: PathBuf,
    /// Missing or unreadable images found on load, as sentences for the
    /// problems window ("1A: kitchen.assets/x.png — file not found").
    problems: Vec<String>,
    /// Asset paths found missing or unreadable, drawn as placeholders (a
    /// display cache the views refresh, not part of the board).
    pub broken_assets: HashSet<String>,
    /// Opened while another Shotboard holds the file: every edit is
    /// refused, and the board follows what the other instance saves.
    read_only: bool,
    /// Panel positions by id for the board as it is; emptied by every
    /// change and rebuilt on first use, so per-frame lookups are O(1).
    index: std::sync::OnceLock<PanelIndex>,
    /// Shot labels of the board as it is, kept the same way: every view
    /// that shows labels asks each frame, and a 10,000-panel board has
    /// 20,000 strings of them.
    labels: std::sync::OnceLock<Vec<Vec<ShotLabel>>>,
}

impl Document {
    pub fn new(board: Board, path: Option<PathBuf>, asset_root: PathBuf) -> Self {
        Self {
            board,
            history: History::new(),
            path,
            asset_root,
            problems: Vec::new(),
            broken_assets: HashSet::new(),
            read_only: false,
            index: std::sync::OnceLock::new(),
            labels: std::sync::OnceLock::new(),
        }
    }

    /// The saved file; `None` for an untitled board.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where asset paths resolve: the saved file, or a board file path in
    /// a private staging folder for an untitled board.
    pub fn asset_root(&self) -> &Path {
        &self.asset_root
    }

    /// Opened while another Shotboard holds the file: every edit is
    /// refused.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Another Shotboard holds the file: refuse edits from now on, and
    /// follow what it saves.
    pub fn set_read_only(&mut self) {
        self.read_only = true;
    }

    /// Image problems as sentences, for the problems window.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Problems found while making this document (e.g. an import's
    /// warnings), listed with the image problems.
    pub fn add_problems(&mut self, problems: Vec<String>) {
        self.problems.extend(problems);
    }

    /// The board as it is now.
    pub fn board(&self) -> &Board {
        &self.board
    }

    /// Where each panel is, for the board as it is now.
    pub fn index(&self) -> &PanelIndex {
        self.index.get_or_init(|| PanelIndex::new(&self.board))
    }

    /// The shot labels of the board as it is now, by scene and panel.
    pub fn labels(&self) -> &[Vec<ShotLabel>] {
        self.labels.get_or_init(|| shot_labels(&self.board))
    }

    /// The board changed: what is derived from it is made again on use.
    fn forget_derived(&mut self) {
        self.index.take();
        self.labels.take();
    }

    /// Changes with every edit, undo and redo: caches keyed on it know
    /// when to redraw.
    pub fn generation(&self) -> u64 {
        self.history.generation()
    }

    /// What Undo would undo ("Move panel"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Steps Undo can take back.
    pub fn undo_depth(&self) -> usize {
        self.history.undo_depth()
    }

    /// A continuous gesture (typing, a drag, a stroke) is over: the next
    /// edit starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.history.end_coalescing();
    }

    /// Undo the last step; returns its label, `None` when there is none.
    /// A step that can't be undone (or a read-only board) is an error to
    /// show the user; the history stays consistent.
    pub fn undo(&mut self) -> Result<Option<String>, StepError> {
        self.writable_for("undo", self.history.undo_label())?;
        self.history.end_coalescing();
        self.forget_derived();
        self.history.undo(&mut self.board)
    }

    /// Redo the step last undone; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, StepError> {
        self.writable_for("redo", self.history.redo_label())?;
        self.forget_derived();
        self.history.redo(&mut self.board)
    }

    /// [`Document::writable`] as an undo or redo's error, naming the step.
    fn writable_for(&self, action: &'static str, label: Option<&str>) -> Result<(), StepError> {
        self.writable().map_err(|source| StepError {
            action,
            label: label.unwrap_or_default().to_owned(),
            source,
        })
    }

    /// Steps dropped from the oldest end of the history to keep it within
    /// its memory bound since the last call, as a note for the user.
    pub fn take_trimmed(&mut self) -> Option<Trimmed> {
        self.history.take_trimmed()
    }

    /// Take the version on disk (reload after an outside change): one undo
    /// step, so the user's version stays one Undo away, and the board now
    /// matches its file.
    pub fn replace_from_disk(&mut self, board: Board) -> Result<(), EditError> {
        self.apply(Edit::ReplaceBoard(Box::new(board)), "Reload from disk")?;
        self.history.mark_saved();
        Ok(())
    }

    /// What is open differs from the file (recovered, imported, or the
    /// user kept their version over an outside change): saving is needed.
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// The folder asset paths are relative to.
    pub fn asset_dir(&self) -> &Path {
        self.asset_root.parent().unwrap_or_else(|| Path::new("."))
    }

    /// The name shown in the title bar: the file name, or the board title
    /// for an untitled board.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => format!("{} (untitled)", self.board.title),
        }
    }

    pub fn window_title(&self) -> String {
        let dirty = if self.history.is_dirty() { "● " } else { "" };
        let read_only = if self.read_only { " (read-only)" } else { "" };
        format!("{dirty}{}{read_only} — Shotboard", self.display_name())
    }

    /// Take the version another instance saved, for a read-only document:
    /// nothing of ours exists to keep one undo away. Its images are
    /// checked where every replaced board's are (`BoardReplaced`).
    pub fn follow_saved(&mut self, board: Board) {
        self.forget_derived();
        self.board = board;
        self.history = History::new();
    }

    /// Record image problems found on disk: listed for the user (by shot
    /// label) and drawn as placeholders.
    pub fn set_asset_problems(&mut self, problems: &[AssetProblem]) {
        let labels = shot_labels(&self.board);
        self.broken_assets = problems
            .iter()
            .map(|p| p.path.as_str().to_owned())
            .collect();
        self.problems.extend(problems.iter().map(|p| {
            let label = self.board.find_panel(p.panel).map_or_else(
                || p.panel.to_string(),
                |pos| format!("Panel {}", labels[pos.scene][pos.panel]),
            );
            format!("{label}: {}: {}", p.path, p.problem)
        }));
    }

    /// Check the images again after the board or its folder changed
    /// (Save As, a reload), replacing the old list.
    pub fn recheck_assets(&mut self) {
        self.problems.clear();
        let problems = store::check_assets(&self.board, self.asset_dir());
        self.set_asset_problems(&problems);
    }

    pub fn apply(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        self.writable()?;
        self.forget_derived();
        self.history.apply(&mut self.board, edit, label)
    }

    /// Every edit passes here first: a read-only board refuses them all.
    pub fn writable(&self) -> Result<(), EditError> {
        if self.read_only {
            Err(EditError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Apply an edit, merged into the previous step when `coalesce` names
    /// the same continuous gesture (typing into a field, dragging a value,
    /// an eraser stroke).
    pub fn apply_gesture(
        &mut self,
        edit: Edit,
        label: impl Into<String>,
        coalesce: Option<u64>,
    ) -> Result<(), EditError> {
        self.writable()?;
        self.forget_derived();
        match coalesce {
            Some(key) => self
                .history
                .apply_coalescing(&mut self.board, edit, label, key),
            None => self.history.apply(&mut self.board, edit, label),
        }
    }

    pub fn run(&mut self, command: Command) -> Result<(), EditError> {
        self.writable()?;
        self.forget_derived();
        self.history
            .apply(&mut self.board, command.edit, command.label)
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The board now on disk is this one (a save finished while edits
    /// were held back, so nothing changed since it started).
    pub fn mark_saved(&mut self) {
        self.history.mark_saved();
    }

    /// Become the copy a Save As wrote: its board and file, the history's
    /// image paths moved to the new folder (so undo finds them there), and
    /// the new folder's image problems.
    pub fn adopt_saved_as(&mut self, to: &Path, copy: SavedCopy, problems: &[AssetProblem]) {
        let renamed = copy.renamed;
        self.history.visit_assets_mut(&mut |a| {
            if let Some(new) = renamed.get(a) {
                *a = new.clone();
            }
        });
        self.forget_derived();
        self.board = copy.board;
        self.path = Some(to.to_path_buf());
        self.asset_root = to.to_path_buf();
        // A copy of our own, under a name no one else holds.
        self.read_only = false;
        self.history.mark_saved();
        self.problems.clear();
        self.set_asset_problems(problems);
    }

    /// Every image the undo and redo steps refer to (Save As copies them).
    pub fn history_assets(&mut self) -> Vec<AssetPath> {
        // Visiting lends the paths mutably; nothing is changed here.
        let mut assets = Vec::new();
        self.history
            .visit_assets_mut(&mut |a| assets.push(a.clone()));
        assets
    }
}
