//! What the user's commands do: the command table's actions, shortcuts,
//! selection steps, the sketch editor's and canvas's actions, deletes and
//! undo/redo, each as edits through the document.

use egui::ViewportCommand;

use crate::edit::ops;
use crate::model::{PanelId, SceneId};

use crate::ui::canvas::CanvasAction;
use crate::ui::commands::{self, AppCommand, CommandState, KeyContext, READ_ONLY_NOTICE};
use crate::ui::dialogs::FileRequest;
use crate::ui::file_chooser::FilePurpose;
use crate::ui::imports::ImportTarget;
use crate::ui::inspector::InspectorAction;
use crate::ui::modals::{DeleteTarget, Modal, Pending};
use crate::ui::selection::Step;
use crate::ui::sketch::SketchAction;

use super::{BUSY_NOTICE, ShotboardApp, surrender_focus};

/// Deleting more panels than this at once asks first.
const CONFIRM_DELETE_OVER: usize = 10;

impl ShotboardApp {
    /// The commands whose keys were pressed, from the command table.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<AppCommand> {
        if self.has_modal() {
            return Vec::new();
        }
        let keys = KeyContext {
            typing: ctx.egui_wants_keyboard_input(),
            sketching: self.sketch.is_open(),
            clipboard_full: !self.clipboard.is_empty(),
        };
        commands::listen(ctx, keys)
    }

    /// The live facts that label and enable commands in the menus, the
    /// toolbar and the palette.
    pub(super) fn command_state(&self) -> CommandState {
        CommandState {
            read_only: self.doc.is_read_only(),
            panels_selected: !self.selection.panels().is_empty(),
            scene_selected: self.selection.scene().is_some(),
            clipboard_full: !self.clipboard.is_empty(),
            undo_label: self.doc.undo_label().map(str::to_owned),
            redo_label: self.doc.redo_label().map(str::to_owned),
            playing: self.review.player.is_playing(),
            looping: self.review.player.looping,
            timeline_visible: self.review.timeline.visible,
            shot_list_visible: self.shot_list.visible,
            problems: self.doc.problems().len(),
            numbers_locked: self.doc.board().numbering.lock.is_some(),
        }
    }

    /// Up/down move by a row of cards.
    pub(super) fn row_step(&self, rows: i64) -> Step {
        Step::By(rows * self.canvas.columns.max(1) as i64)
    }

    pub(super) fn step_selection(&mut self, ctx: &egui::Context, step: Step, extend: bool) {
        // Keys never reach a panel hidden in a collapsed scene.
        let hidden = if self.shot_list.visible {
            Default::default()
        } else {
            self.canvas.collapsed.clone()
        };
        self.selection.step(self.doc.board(), step, extend, &hidden);
        self.canvas.scroll_to = self.selection.focus();
        surrender_focus(ctx);
    }

    pub(super) fn nudge(&mut self, delta: i32) {
        let cmd = ops::nudge(self.doc.board(), self.selection.panels(), delta);
        self.run(cmd);
        self.canvas.scroll_to = self.selection.focus();
    }

    pub fn execute(&mut self, ctx: &egui::Context, command: AppCommand) {
        // Whatever the command (save, undo, quit, open…), a stroke being
        // drawn is kept first.
        self.commit_active_stroke();
        if command.edits_board() && !self.writable() {
            return;
        }
        match command {
            AppCommand::New => self.guard_unsaved(ctx, Pending::New),
            AppCommand::Open => self.guard_unsaved(ctx, Pending::Open(None)),
            AppCommand::Save => self.save(ctx, None),
            AppCommand::SaveAs => self.save_as(ctx, None),
            AppCommand::ImportImages => {
                self.ask_file(ctx, FileRequest::images(), FilePurpose::ImportImages);
            }
            AppCommand::ImportScript => self.ask_file(
                ctx,
                FileRequest::open(
                    "Import screenplay",
                    "Screenplay (Fountain or Final Draft)",
                    crate::ui::script_update::SCRIPT_EXTENSIONS,
                ),
                FilePurpose::ImportScript,
            ),
            AppCommand::LockNumbering => {
                let board = self.doc.board();
                let command =
                    ops::unlock_numbers(board).unwrap_or_else(|| ops::lock_numbers(board));
                self.run(Some(command));
            }
            AppCommand::UpdateFromScript => self.ask_file(
                ctx,
                FileRequest::open(
                    "Update from script",
                    "Screenplay (Fountain or Final Draft)",
                    crate::ui::script_update::SCRIPT_EXTENSIONS,
                ),
                FilePurpose::UpdateFromScript,
            ),
            AppCommand::ImportStoryboarder => self.ask_file(
                ctx,
                FileRequest::open(
                    "Import Storyboarder project",
                    "Storyboarder project",
                    &["storyboarder"],
                ),
                FilePurpose::ImportStoryboarder,
            ),
            AppCommand::ImportReview => self.ask_file(
                ctx,
                FileRequest::open("Import review replies", "Review reply", &["json"]),
                FilePurpose::ImportReview,
            ),
            AppCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            AppCommand::Undo => {
                let before = self.panel_order();
                match self.doc.undo() {
                    Ok(Some(label)) => self.notify(format!("Undid {label}"), false),
                    Ok(None) => self.notify("Nothing to undo", false),
                    Err(e) => self.notify(e.to_string(), true),
                }
                self.select_after_history_step(&before);
            }
            AppCommand::Redo => {
                let before = self.panel_order();
                match self.doc.redo() {
                    Ok(Some(label)) => self.notify(format!("Redid {label}"), false),
                    Ok(None) => self.notify("Nothing to redo", false),
                    Err(e) => self.notify(e.to_string(), true),
                }
                self.select_after_history_step(&before);
            }
            AppCommand::Copy => self.copy(ctx),
            AppCommand::Cut => {
                self.copy(ctx);
                let cmd = ops::delete(self.doc.board(), self.selection.panels()).map(|mut c| {
                    c.label = c.label.replacen("Delete", "Cut", 1);
                    c
                });
                self.run(cmd);
            }
            AppCommand::Paste => self.paste(),
            AppCommand::Duplicate => {
                let cmd = ops::duplicate(self.doc.board(), self.selection.panels());
                self.run(cmd);
            }
            AppCommand::Delete => self.ask_delete(),
            AppCommand::SelectAll => self.selection.select_all(self.doc.board()),
            AppCommand::NewPanel => {
                let template = self
                    .selection
                    .focus()
                    .and_then(|id| self.doc.board().panel(id))
                    .cloned();
                let cmd = ops::new_panel_after(
                    self.doc.board(),
                    self.selection.panels(),
                    template.as_ref(),
                );
                if self.run(Some(cmd)) {
                    match (self.sketch.is_open(), self.selection.focus()) {
                        (true, Some(id)) => self.sketch.open(id),
                        _ => self.inspector.focus_action = true,
                    }
                }
            }
            AppCommand::NewScene => {
                let (cmd, scene) = ops::new_scene(
                    self.doc.board(),
                    self.selection.panels(),
                    self.selection.scene(),
                );
                if self.run(Some(cmd)) {
                    self.selection.select_scene(scene);
                }
            }
            AppCommand::SplitScene => {
                let cmd = ops::split_scene(self.doc.board(), self.selection.panels());
                if cmd.is_none() {
                    self.notify(
                        "Select a panel that is not the first of its scene to split there",
                        false,
                    );
                }
                let scenes = self.doc.board().scenes.len();
                if self.run(cmd) {
                    self.notify(
                        format!(
                            "Split the scene: the selected panel now starts scene {} of {}",
                            self.selected_scene_number().unwrap_or_default(),
                            scenes + 1
                        ),
                        false,
                    );
                }
            }
            AppCommand::MoveEarlier => self.nudge(-1),
            AppCommand::MoveLater => self.nudge(1),
            AppCommand::SelectPrevious => self.step_selection(ctx, Step::By(-1), false),
            AppCommand::SelectNext => self.step_selection(ctx, Step::By(1), false),
            AppCommand::SelectAbove => self.step_selection(ctx, self.row_step(-1), false),
            AppCommand::SelectBelow => self.step_selection(ctx, self.row_step(1), false),
            AppCommand::SelectFirst => self.step_selection(ctx, Step::First, false),
            AppCommand::SelectLast => self.step_selection(ctx, Step::Last, false),
            AppCommand::ExtendPrevious => self.step_selection(ctx, Step::By(-1), true),
            AppCommand::ExtendNext => self.step_selection(ctx, Step::By(1), true),
            AppCommand::ExtendAbove => self.step_selection(ctx, self.row_step(-1), true),
            AppCommand::ExtendBelow => self.step_selection(ctx, self.row_step(1), true),
            AppCommand::ExtendFirst => self.step_selection(ctx, Step::First, true),
            AppCommand::ExtendLast => self.step_selection(ctx, Step::Last, true),
            AppCommand::LeaveTextField => surrender_focus(ctx),
            AppCommand::CommandPalette => self.palette.open(),
            AppCommand::ZoomIn => self.set_card_width(self.canvas.card_width * 1.2),
            AppCommand::ZoomOut => self.set_card_width(self.canvas.card_width / 1.2),
            AppCommand::FocusAction => {
                if !self.selection.panels().is_empty() {
                    self.inspector.focus_action = true;
                }
            }
            AppCommand::ShowProblems => self.modal = Some(Modal::Problems),
            AppCommand::CleanUpImages => self.find_unused_images(),
            AppCommand::Snapshots => {
                let list = self.snapshots.open();
                self.snapshot_action(ctx, list);
            }
            AppCommand::CompareWith => {
                let request = FileRequest::open("Compare with board", "Shotboard board", &["ron"]);
                self.ask_file(ctx, request, FilePurpose::CompareWith);
            }
            AppCommand::Export => self.export.open = true,
            AppCommand::ToggleShotList => {
                self.production.view = None;
                self.shot_list.visible = !self.shot_list.visible;
                // Back on the cards, show the panel picked in the table.
                self.canvas.scroll_to = self.selection.focus();
            }
            AppCommand::ShowBreakdown | AppCommand::ShowPlan | AppCommand::ShowOnSet => {
                self.shot_list.visible = false;
                self.production.toggle(command);
            }
            review @ (AppCommand::Present
            | AppCommand::PlayPause
            | AppCommand::PlayScene
            | AppCommand::ToggleLoop
            | AppCommand::ToggleTimeline
            | AppCommand::Find
            | AppCommand::FindNext
            | AppCommand::NextNeedingChanges
            | AppCommand::Preferences) => self.review_parts().review_command(ctx, review),
            help @ (AppCommand::Shortcuts
            | AppCommand::GettingStarted
            | AppCommand::About
            | AppCommand::OpenLogsFolder) => self.help_command(help),
            AppCommand::OpenSketch => {
                if let Some(id) = self.selection.focus() {
                    self.sketch.open(id);
                }
            }
        }
    }

    /// Whether the board takes edits; if not, says why in the status bar.
    pub(super) fn writable(&mut self) -> bool {
        if self.doc.is_read_only() {
            self.notify(READ_ONLY_NOTICE, true);
            return false;
        }
        if self.jobs.blocks_edits() {
            // An edit now would be missing from the file being written, or
            // land in a board about to be replaced.
            self.notify(BUSY_NOTICE, true);
            return false;
        }
        true
    }

    /// Keep the stroke (or eraser drag) in progress as an undo step. Called
    /// from every way out of a stroke: release, navigation, closing the
    /// editor, every app command (save, undo, quit…) and a window close.
    pub fn commit_active_stroke(&mut self) {
        if let Some(action) = self.sketch.take_active(self.doc.board()) {
            self.apply_sketch(action);
        }
    }

    pub(super) fn apply_sketch(&mut self, action: SketchAction) {
        match action {
            SketchAction::Apply {
                edit,
                label,
                coalesce,
            } => {
                if let Err(e) = self.doc.apply_gesture(edit, label, coalesce) {
                    self.notify(format!("Could not change the sketch: {e}"), true);
                }
            }
            SketchAction::EndGesture => self.doc.end_gesture(),
            SketchAction::Step(_) | SketchAction::NewPanel | SketchAction::Close => {}
        }
    }

    pub(super) fn sketch_action(&mut self, ctx: &egui::Context, action: SketchAction) {
        match action {
            SketchAction::Step(delta) => {
                self.commit_active_stroke();
                let order: Vec<PanelId> = self.doc.board().panels().map(|p| p.id).collect();
                let at = self
                    .sketch
                    .panel()
                    .and_then(|id| order.iter().position(|p| *p == id));
                let target = at.and_then(|i| order.get(i.checked_add_signed(delta as isize)?));
                if let Some(&id) = target {
                    self.sketch.open(id);
                    self.selection.select_only(id);
                    self.canvas.scroll_to = Some(id);
                }
            }
            SketchAction::NewPanel => {
                if let Some(id) = self.sketch.panel() {
                    self.selection.select_only(id);
                }
                self.execute(ctx, AppCommand::NewPanel);
            }
            SketchAction::Close => {
                self.commit_active_stroke();
                if let Some(id) = self.sketch.panel() {
                    self.canvas.scroll_to = Some(id);
                }
                self.sketch.close();
            }
            other => self.apply_sketch(other),
        }
    }

    /// Apply a command built by `edit::ops`; returns whether it applied.
    pub(super) fn run(&mut self, command: Option<ops::Command>) -> bool {
        let Some(command) = command else { return false };
        let select = command.select.clone();
        match self.doc.run(command) {
            Ok(()) => {
                if !select.is_empty() {
                    self.selection.select_many(&select);
                    self.canvas.scroll_to = select.last().copied();
                }
                self.selection.retain_existing(self.doc.board());
                true
            }
            Err(e) => {
                self.notify(format!("Could not do that: {e}"), true);
                false
            }
        }
    }

    /// Delete what is selected. Deleting what the user may not have in
    /// mind — a whole scene, many panels, or panels hidden in a collapsed
    /// scene — asks first; every delete says what went, with Undo.
    pub(super) fn ask_delete(&mut self) {
        let board = self.doc.board();
        let target = if self.selection.panels().is_empty() {
            match self.selection.scene() {
                Some(scene) => DeleteTarget::Scene(scene),
                None => return,
            }
        } else {
            DeleteTarget::Panels(ops::in_board_order(board, self.selection.panels()))
        };
        let question = match &target {
            DeleteTarget::Scene(id) => board.scene(*id).map(|scene| {
                format!(
                    "Delete the scene “{}” and its {} panel(s)?",
                    scene.heading,
                    scene.panels.len()
                )
            }),
            DeleteTarget::Panels(ids) => {
                let hidden = ids
                    .iter()
                    .filter(|id| {
                        board
                            .find_panel(**id)
                            .is_some_and(|pos| self.is_collapsed(board.scenes[pos.scene].id))
                    })
                    .count();
                if hidden > 0 {
                    Some(format!(
                        "Delete {} panel(s), {hidden} of them in collapsed scenes you can't see?",
                        ids.len()
                    ))
                } else if ids.len() > CONFIRM_DELETE_OVER {
                    Some(format!("Delete {} panels?", ids.len()))
                } else {
                    None
                }
            }
        };
        match question {
            Some(question) => self.modal = Some(Modal::ConfirmDelete { question, target }),
            None => self.delete(target),
        }
    }

    /// True when the canvas shows this scene collapsed (the shot list shows
    /// every panel, so nothing is hidden there).
    pub(super) fn is_collapsed(&self, scene: SceneId) -> bool {
        !self.shot_list.visible && self.canvas.collapsed.contains(&scene)
    }

    pub(super) fn delete(&mut self, target: DeleteTarget) {
        let board = self.doc.board();
        let labels = crate::model::shot_labels(board);
        let label_of = |id: PanelId| {
            board
                .find_panel(id)
                .map(|pos| labels[pos.scene][pos.panel].to_string())
        };
        match target {
            DeleteTarget::Scene(scene) => {
                let Some(heading) = board.scene(scene).map(|s| s.heading.clone()) else {
                    return;
                };
                let count = board.scene(scene).map_or(0, |s| s.panels.len());
                let cmd = ops::delete_scene(board, scene);
                if self.run(cmd) {
                    self.notify_undoable(format!(
                        "Deleted the scene “{heading}” and its {count} panel(s)"
                    ));
                }
            }
            DeleteTarget::Panels(ids) => {
                let what = match (ids.first(), ids.last()) {
                    (Some(&a), Some(&b)) if ids.len() > 1 => {
                        format!(
                            "{} panels ({}–{})",
                            ids.len(),
                            label_of(a).unwrap_or_default(),
                            label_of(b).unwrap_or_default()
                        )
                    }
                    (Some(&a), _) => format!("panel {}", label_of(a).unwrap_or_default()),
                    _ => return,
                };
                let next = self.neighbour_after_delete();
                let cmd = ops::delete(self.doc.board(), &ids);
                if self.run(cmd) {
                    if let Some(next) = next {
                        self.selection.select_only(next);
                        self.canvas.scroll_to = Some(next);
                    }
                    self.notify_undoable(format!("Deleted {what}"));
                }
            }
        }
    }

    /// The 1-based position of the focused panel's scene.
    pub(super) fn selected_scene_number(&self) -> Option<usize> {
        let id = self.selection.focus()?;
        self.doc.board().find_panel(id).map(|pos| pos.scene + 1)
    }

    /// Every panel id in board order, to compare before and after a step.
    pub(super) fn panel_order(&self) -> Vec<PanelId> {
        self.doc.board().panels().map(|p| p.id).collect()
    }

    /// After undo or redo, the user keeps their place: panels the step
    /// brought back are selected (an undone delete); when selected panels
    /// went away (an undone New panel), their nearest surviving neighbour
    /// is.
    pub(super) fn select_after_history_step(&mut self, before: &[PanelId]) {
        let board = self.doc.board();
        let old: std::collections::HashSet<PanelId> = before.iter().copied().collect();
        let appeared: Vec<PanelId> = board
            .panels()
            .map(|p| p.id)
            .filter(|id| !old.contains(id))
            .collect();
        if !appeared.is_empty() {
            self.selection.select_many(&appeared);
            self.canvas.scroll_to = appeared.last().copied();
            return;
        }
        let present: std::collections::HashSet<PanelId> = board.panels().map(|p| p.id).collect();
        let lost = self
            .selection
            .panels()
            .iter()
            .find(|id| !present.contains(id))
            .and_then(|id| before.iter().position(|b| b == id));
        if let Some(at) = lost {
            let nearest = before[at..]
                .iter()
                .chain(before[..at].iter().rev())
                .find(|id| present.contains(id))
                .copied();
            match nearest {
                Some(id) => {
                    self.selection.select_only(id);
                    self.canvas.scroll_to = Some(id);
                }
                None => self.selection.clear(),
            }
            return;
        }
        self.selection.retain_existing(board);
    }

    /// The panel to select after deleting the selection: the next survivor.
    pub(super) fn neighbour_after_delete(&self) -> Option<PanelId> {
        let order: Vec<PanelId> = self.doc.board().panels().map(|p| p.id).collect();
        let last = order.iter().rposition(|id| self.selection.contains(*id))?;
        order[last + 1..]
            .iter()
            .chain(order[..last].iter().rev())
            .find(|id| !self.selection.contains(**id))
            .copied()
    }

    pub(super) fn canvas_action(&mut self, ctx: &egui::Context, action: CanvasAction) {
        self.commit_active_stroke();
        match action {
            CanvasAction::Click {
                panel,
                toggle,
                extend,
            } => {
                if extend {
                    self.selection.extend_to(self.doc.board(), panel);
                } else if toggle {
                    self.selection.toggle(panel);
                } else {
                    self.selection.select_only(panel);
                }
            }
            CanvasAction::Open(panel) => {
                self.selection.select_only(panel);
                if self.writable() {
                    self.sketch.open(panel);
                }
            }
            CanvasAction::SelectScene(scene) => self.selection.select_scene(scene),
            CanvasAction::ClearSelection => self.selection.clear(),
            CanvasAction::MovePanels {
                panels,
                scene,
                slot,
            } => {
                let cmd = ops::move_to_slot(self.doc.board(), &panels, scene, slot);
                self.run(cmd);
            }
            CanvasAction::MoveScene { scene, to_index } => {
                let cmd = ops::move_scene(self.doc.board(), scene, to_index);
                self.run(cmd);
            }
            CanvasAction::ToggleCollapsed(scene) => {
                if !self.canvas.collapsed.remove(&scene) {
                    self.canvas.collapsed.insert(scene);
                    // What the user can't see is not selected: keys and
                    // Delete then never reach a hidden panel.
                    if let Some(hidden) = self.doc.board().scene(scene) {
                        let hidden: Vec<PanelId> = hidden.panels.iter().map(|p| p.id).collect();
                        let keep: Vec<PanelId> = self
                            .selection
                            .panels()
                            .iter()
                            .copied()
                            .filter(|id| !hidden.contains(id))
                            .collect();
                        if keep.len() != self.selection.panels().len() {
                            if keep.is_empty() {
                                // The header stays selected: Delete there
                                // names the whole scene and asks first.
                                self.selection.select_scene(scene);
                            } else {
                                self.selection.select_many(&keep);
                            }
                        }
                    }
                }
            }
            CanvasAction::DropFilesAt { scene, slot, files } => {
                if !self.open_dropped_board(ctx, &files) {
                    self.start_import(files, ImportTarget::NewPanels { scene, slot });
                }
            }
            CanvasAction::DropFileOnPanel { panel, file } => {
                let files = vec![file];
                if !self.open_dropped_board(ctx, &files) {
                    self.start_import(files, ImportTarget::ReplaceFrame(panel));
                }
            }
        }
    }

    pub(super) fn inspector_action(&mut self, action: InspectorAction) {
        match action {
            InspectorAction::Apply {
                edit,
                label,
                coalesce,
            } => {
                if let Err(e) = self.doc.apply_gesture(edit, label, coalesce) {
                    self.notify(format!("Could not change that: {e}"), true);
                }
            }
            InspectorAction::EndGesture => self.doc.end_gesture(),
            InspectorAction::SetAuthor(name) => self.prefs.author = name,
        }
    }
}
