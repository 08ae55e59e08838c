//! The side panel: edit what is selected — panels, a scene, or the board.
//!
//! Like the canvas, it never mutates the board: every change is returned as
//! an [`InspectorAction`] carrying an [`Edit`]. Text fields coalesce into one
//! undo step per field edit (not per character): each field has its own
//! coalescing key, and leaving the field ends the step.

mod breakdown;

use std::hash::{Hash, Hasher};

use egui::{ComboBox, DragValue, Grid, RichText, TextEdit, Ui};

use crate::edit::{BoardField, Edit, PanelField, SceneField};
use crate::model::{
    AspectRatio, Board, CameraAngle, CameraMove, DurationUnit, Fps, Numbering, Panel, PanelId,
    PanelIndex, ReviewStatus, Scene, ShotLabel, ShotScheme, ShotSize, Transition,
};

use super::canvas::status_color;
use super::comments::{self, CommentAction, CommentsState};
use super::selection::Selection;
use super::thumbs::{Thumb, ThumbCache, thumb_request};

/// What the inspector asks the app to do.
#[derive(Debug)]
pub enum InspectorAction {
    Apply {
        edit: Edit,
        label: String,
        coalesce: Option<u64>,
    },
    /// A continuous gesture (typing, dragging a value) ended.
    EndGesture,
    /// The user gave their name to sign comments with.
    SetAuthor(String),
}

/// Inspector view state.
#[derive(Debug, Default)]
pub struct InspectorState {
    /// Focus the action field on the next frame (Enter on the canvas).
    pub focus_action: bool,
    comments: CommentsState,
}

pub const ACTION_FIELD: &str = "inspector-action";

pub struct InspectorInput<'a> {
    pub board: &'a Board,
    pub selection: &'a Selection,
    /// Panel positions of `board`, for O(1) lookups of a big selection.
    pub index: &'a PanelIndex,
    /// The board's shot labels, made once per change.
    pub labels: &'a [Vec<ShotLabel>],
    pub asset_dir: &'a std::path::Path,
    pub generation: u64,
    /// Name comments are signed with (empty: not set yet).
    pub author: &'a str,
}

pub fn show(
    ui: &mut Ui,
    state: &mut InspectorState,
    thumbs: &mut ThumbCache,
    input: &InspectorInput<'_>,
) -> Vec<InspectorAction> {
    let mut out = Vec::new();
    // A scroll bar that takes its own room: the default one floats over
    // the right edge of the fields, where the caret and a combo box's arrow
    // are.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let board = input.board;
            let ids: Vec<PanelId> =
                crate::edit::ops::in_board_order(board, input.selection.panels());
            if !ids.is_empty() {
                panels_section(ui, state, thumbs, input, &ids, &mut out);
            } else if let Some(scene) = input.selection.scene().and_then(|s| board.scene(s)) {
                scene_section(ui, board, scene, &mut out);
            } else {
                ui.label(RichText::new("Nothing selected").weak());
                ui.label(
                    RichText::new("Click a panel to edit it, or a scene header to edit the scene.")
                        .weak(),
                );
            }
            ui.add_space(12.0);
            egui::CollapsingHeader::new("Board settings")
                .id_salt("board-settings")
                .show(ui, |ui| {
                    board_section(ui, board, &mut out);
                });
        });
    out
}

pub(super) fn key_of(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// The shared value of a field across panels, or `None` when mixed.
fn shared<T: PartialEq + Clone>(panels: &[&Panel], get: impl Fn(&Panel) -> T) -> Option<T> {
    let first = get(panels.first()?);
    panels.iter().all(|p| get(p) == first).then_some(first)
}

fn panels_section(
    ui: &mut Ui,
    state: &mut InspectorState,
    thumbs: &mut ThumbCache,
    input: &InspectorInput<'_>,
    ids: &[PanelId],
    out: &mut Vec<InspectorAction>,
) {
    let board = input.board;
    let panels: Vec<&Panel> = ids
        .iter()
        .filter_map(|id| input.index.panel(board, *id))
        .collect();
    let many = panels.len() > 1;
    let labels = input.labels;
    if many {
        ui.heading(format!("{} panels selected", panels.len()));
        ui.label(RichText::new("Changes apply to every selected panel.").weak());
    } else if let Some(pos) = input.index.find(ids[0]) {
        let label = &labels[pos.scene][pos.panel];
        // The heading is the label alone: "Panel 1A" names the card.
        ui.heading(label.to_string());
        ui.label(RichText::new(&board.scenes[pos.scene].heading).weak());
        // Larger preview of the frame.
        let width = ui.available_width().min(480.0);
        let size = egui::vec2(width, width / board.aspect_ratio.ratio());
        let px = ThumbCache::tier(width * ui.ctx().pixels_per_point());
        let panel = panels[0];
        let key = thumbs.key(panel, board.aspect_ratio, px, input.generation);
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        match thumbs.get(
            || thumb_request(board, input.asset_dir, panel, px),
            key,
            panel.id,
            px,
        ) {
            Thumb::Ready(t) => {
                ui.painter().image(
                    t.id(),
                    rect,
                    egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                    egui::Color32::WHITE,
                );
            }
            Thumb::Loading => {
                ui.painter()
                    .rect_filled(rect, 2.0, egui::Color32::from_gray(0xe8));
            }
            Thumb::Failed(e) => {
                ui.painter()
                    .rect_filled(rect, 2.0, egui::Color32::from_rgb(0x5a, 0x2a, 0x2a));
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    format!("Missing image: {e}"),
                    egui::FontId::proportional(13.0),
                    egui::Color32::WHITE,
                );
            }
        }
    }
    ui.add_space(6.0);

    // Words.
    for (name, field_id, get, make) in [
        (
            "Action",
            ACTION_FIELD,
            (|p: &Panel| p.action.clone()) as fn(&Panel) -> String,
            PanelField::Action as fn(String) -> PanelField,
        ),
        (
            "Dialogue",
            "inspector-dialogue",
            |p: &Panel| p.dialogue.clone(),
            PanelField::Dialogue,
        ),
        (
            "Notes",
            "inspector-notes",
            |p: &Panel| p.notes.clone(),
            PanelField::Notes,
        ),
    ] {
        let label = ui.label(RichText::new(name).strong());
        let value = shared(&panels, get);
        let mut text = value.clone().unwrap_or_default();
        let mut edit = TextEdit::multiline(&mut text)
            .id_salt(field_id)
            .desired_rows(3)
            .desired_width(f32::INFINITY);
        if value.is_none() {
            edit = edit.hint_text("(mixed)");
        }
        let resp = ui.add(edit).labelled_by(label.id);
        if field_id == ACTION_FIELD && state.focus_action {
            resp.request_focus();
            state.focus_action = false;
            // Type on from the end of the text: egui keeps (and persists)
            // the caret of the field's last edit, so words would land
            // mid-word of another panel's action without the writer seeing.
            let mut edit_state =
                egui::text_edit::TextEditState::load(ui.ctx(), resp.id).unwrap_or_default();
            let end = egui::text::CCursor::new(text.chars().count());
            edit_state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            edit_state.store(ui.ctx(), resp.id);
        }
        if resp.changed() {
            out.push(InspectorAction::Apply {
                edit: Edit::set_all(ids, make(text)),
                label: format!("Edit {}", name.to_lowercase()),
                coalesce: Some(key_of((field_id, ids))),
            });
        }
        if resp.lost_focus() {
            out.push(InspectorAction::EndGesture);
        }
    }
    ui.add_space(6.0);

    Grid::new("shot-facts")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            enum_row(
                ui,
                "Shot size",
                ShotSize::ALL,
                &panels,
                |p| p.shot_size,
                PanelField::ShotSize,
                ids,
                out,
            );
            enum_row(
                ui,
                "Angle",
                CameraAngle::ALL,
                &panels,
                |p| p.angle,
                PanelField::Angle,
                ids,
                out,
            );
            enum_row(
                ui,
                "Movement",
                CameraMove::ALL,
                &panels,
                |p| p.movement,
                PanelField::Movement,
                ids,
                out,
            );

            // Lens.
            let label = ui.label("Lens");
            let lens = shared(&panels, |p| p.lens_mm);
            let mut mm = lens.flatten().unwrap_or(0) as f64;
            let resp = ui
                .add(
                    DragValue::new(&mut mm)
                        .range(0.0..=2000.0)
                        .speed(1.0)
                        .custom_formatter(move |v, _| {
                            if lens.is_none() {
                                "(mixed)".into()
                            } else if v <= 0.0 {
                                "—".into()
                            } else {
                                format!("{v:.0} mm")
                            }
                        })
                        .custom_parser(|s| {
                            let t = s.trim().trim_end_matches("mm").trim();
                            if t.is_empty() || t == "—" {
                                Some(0.0)
                            } else {
                                t.parse::<f64>().ok()
                            }
                        }),
                )
                .labelled_by(label.id);
            if resp.changed() {
                let value = (mm >= 1.0).then_some(mm.round() as u32);
                out.push(InspectorAction::Apply {
                    edit: Edit::set_all(ids, PanelField::Lens(value)),
                    label: "Set lens".into(),
                    coalesce: Some(key_of(("lens", ids))),
                });
            }
            if resp.drag_stopped() || resp.lost_focus() {
                out.push(InspectorAction::EndGesture);
            }
            ui.end_row();

            duration_row(ui, input.board, &panels, ids, out);

            enum_row_required(
                ui,
                "Transition",
                Transition::ALL,
                &panels,
                |p| p.transition,
                PanelField::Transition,
                ids,
                out,
            );

            // Review status: three toggle buttons in their badge colours.
            ui.label("Status");
            let status = shared(&panels, |p| p.status);
            ui.horizontal(|ui| {
                for s in [
                    ReviewStatus::Draft,
                    ReviewStatus::NeedsChanges,
                    ReviewStatus::Approved,
                ] {
                    let selected = status == Some(s);
                    let text = RichText::new(s.label()).color(if selected {
                        egui::Color32::WHITE
                    } else {
                        status_color(s)
                    });
                    let button = egui::Button::new(text)
                        .selected(selected)
                        .fill(if selected {
                            status_color(s)
                        } else {
                            egui::Color32::TRANSPARENT
                        });
                    if ui.add(button).clicked() && !selected {
                        out.push(InspectorAction::Apply {
                            edit: Edit::set_all(ids, PanelField::Status(s)),
                            label: format!("Mark {}", s.label().to_lowercase()),
                            coalesce: None,
                        });
                    }
                }
            });
            ui.end_row();

            ui.label("Shot");
            let new_shot = shared(&panels, |p| p.new_shot);
            let mut checked = new_shot.unwrap_or(true);
            let mut check = egui::Checkbox::new(&mut checked, "Starts a new shot");
            if new_shot.is_none() {
                check = check.indeterminate(true);
            }
            if ui.add(check).changed() {
                out.push(InspectorAction::Apply {
                    edit: Edit::set_all(ids, PanelField::NewShot(checked)),
                    label: if checked {
                        "Start new shot".into()
                    } else {
                        "Continue shot".into()
                    },
                    coalesce: None,
                });
            }
            ui.end_row();
        });

    // Review comments of a single panel.
    if !many {
        ui.add_space(8.0);
        for action in comments::show(ui, &mut state.comments, board, panels[0], input.author) {
            out.push(match action {
                CommentAction::Apply { edit, label } => InspectorAction::Apply {
                    edit,
                    label: label.to_owned(),
                    coalesce: None,
                },
                CommentAction::SetAuthor(name) => InspectorAction::SetAuthor(name),
            });
        }
    }
}

/// A row choosing one optional shot fact ("—" for none).
#[allow(clippy::too_many_arguments)]
fn enum_row<T: Copy + PartialEq + std::fmt::Display + 'static>(
    ui: &mut Ui,
    name: &str,
    all: &[T],
    panels: &[&Panel],
    get: impl Fn(&Panel) -> Option<T>,
    make: impl Fn(Option<T>) -> PanelField,
    ids: &[PanelId],
    out: &mut Vec<InspectorAction>,
) {
    let options: Vec<(String, Option<T>)> = std::iter::once(("—".to_owned(), None))
        .chain(all.iter().map(|&v| (v.to_string(), Some(v))))
        .collect();
    choice_row(ui, name, &options, shared(panels, get), make, ids, out);
}

/// A row choosing one of `all` (a field that always has a value).
#[allow(clippy::too_many_arguments)]
fn enum_row_required<T: Copy + PartialEq + std::fmt::Display + 'static>(
    ui: &mut Ui,
    name: &str,
    all: &[T],
    panels: &[&Panel],
    get: impl Fn(&Panel) -> T,
    make: impl Fn(T) -> PanelField,
    ids: &[PanelId],
    out: &mut Vec<InspectorAction>,
) {
    let options: Vec<(String, T)> = all.iter().map(|&v| (v.to_string(), v)).collect();
    choice_row(ui, name, &options, shared(panels, get), make, ids, out);
}

/// A labelled combo box over `options`; `current` is `None` when the
/// selected panels disagree. Choosing sets the field on every panel.
fn choice_row<V: Clone + PartialEq>(
    ui: &mut Ui,
    name: &str,
    options: &[(String, V)],
    current: Option<V>,
    make: impl Fn(V) -> PanelField,
    ids: &[PanelId],
    out: &mut Vec<InspectorAction>,
) {
    let label = ui.label(name);
    let text = current
        .as_ref()
        .and_then(|c| options.iter().find(|(_, v)| v == c))
        .map_or_else(|| "(mixed)".to_owned(), |(text, _)| text.clone());
    let mut chosen = None;
    let resp = ComboBox::from_id_salt(name)
        .selected_text(text)
        .width(170.0)
        .show_ui(ui, |ui| {
            for (text, v) in options {
                if ui
                    .selectable_label(current.as_ref() == Some(v), text)
                    .clicked()
                {
                    chosen = Some(v.clone());
                }
            }
        });
    resp.response.labelled_by(label.id);
    if let Some(v) = chosen
        && current.as_ref() != Some(&v)
    {
        out.push(InspectorAction::Apply {
            edit: Edit::set_all(ids, make(v)),
            label: format!("Set {}", name.to_lowercase()),
            coalesce: None,
        });
    }
    ui.end_row();
}

fn duration_row(
    ui: &mut Ui,
    board: &Board,
    panels: &[&Panel],
    ids: &[PanelId],
    out: &mut Vec<InspectorAction>,
) {
    let label = ui.label("Duration");
    let duration = shared(panels, |p| p.duration_ms);
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            let effective_ms = duration.map(|d| d.unwrap_or(board.default_duration_ms));
            let mut secs = f64::from(effective_ms.unwrap_or(board.default_duration_ms)) / 1000.0;
            let mixed = duration.is_none();
            let fps = board.fps;
            // A panel lasts at least one frame: 0 s would read as nothing
            // but still count a frame in every runtime.
            let one_frame = fps.frames_to_secs(1);
            let resp = ui
                .add(
                    DragValue::new(&mut secs)
                        .range(one_frame..=3600.0)
                        .speed(0.05)
                        .max_decimals(3)
                        .custom_formatter(move |v, _| {
                            if mixed {
                                "(mixed)".into()
                            } else {
                                let ms = (v * 1000.0).round().clamp(0.0, f64::from(u32::MAX));
                                fps.duration_label(fps.ms_to_frames(ms as u32))
                            }
                        })
                        .custom_parser(|s| {
                            s.trim().trim_end_matches('s').trim().parse::<f64>().ok()
                        }),
                )
                .labelled_by(label.id);
            if resp.changed() {
                let ms = (secs * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32;
                out.push(InspectorAction::Apply {
                    edit: Edit::set_all(ids, PanelField::Duration(Some(ms))),
                    label: "Set duration".into(),
                    coalesce: Some(key_of(("duration", ids))),
                });
            }
            if resp.drag_stopped() || resp.lost_focus() {
                out.push(InspectorAction::EndGesture);
            }
            if let Some(ms) = effective_ms {
                let frames = board.fps.ms_to_frames(ms);
                ui.label(RichText::new(format!("{frames} fr @ {}", board.fps.label())).weak());
            }
        });
        let uses_default = duration == Some(None);
        let mut default = uses_default;
        if ui.checkbox(&mut default, "Board default").changed() {
            let value = if default {
                None
            } else {
                Some(board.default_duration_ms)
            };
            out.push(InspectorAction::Apply {
                edit: Edit::set_all(ids, PanelField::Duration(value)),
                label: "Set duration".into(),
                coalesce: None,
            });
        }
    });
    ui.end_row();
}

fn scene_section(ui: &mut Ui, board: &Board, scene: &Scene, out: &mut Vec<InspectorAction>) {
    let index = board.scene_index(scene.id).unwrap_or(0);
    ui.heading(format!(
        "Scene {}",
        crate::model::labels::scene_number(board, index)
    ));
    ui.label(
        RichText::new(format!(
            "{} panels · {}",
            scene.panels.len(),
            board.fps.runtime_label(board.scene_frames(scene))
        ))
        .weak(),
    );
    if board.numbering.lock.is_some() {
        ui.label(RichText::new("Numbers locked").small().strong())
            .on_hover_text(crate::ui::canvas::LOCKED_NUMBERS);
    }
    ui.add_space(6.0);
    for (name, salt, value, make, multiline) in [
        (
            "Heading",
            "scene-heading",
            scene.heading.clone(),
            SceneField::Heading as fn(String) -> SceneField,
            false,
        ),
        (
            "Location",
            "scene-location",
            scene.location.clone(),
            SceneField::Location,
            false,
        ),
        (
            "Notes",
            "scene-notes",
            scene.notes.clone(),
            SceneField::Notes,
            true,
        ),
    ] {
        let label = ui.label(RichText::new(name).strong());
        let mut text = value;
        let edit = if multiline {
            TextEdit::multiline(&mut text).desired_rows(4)
        } else {
            TextEdit::singleline(&mut text)
        };
        let resp = ui
            .add(edit.id_salt((salt, scene.id)).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if resp.changed() {
            out.push(InspectorAction::Apply {
                edit: Edit::SetScene {
                    id: scene.id,
                    field: make(text),
                },
                label: format!("Edit scene {}", name.to_lowercase()),
                coalesce: Some(key_of((salt, scene.id))),
            });
        }
        if resp.lost_focus() {
            out.push(InspectorAction::EndGesture);
        }
    }
    breakdown::scene_editor(ui, board, scene, out);
}

fn board_section(ui: &mut Ui, board: &Board, out: &mut Vec<InspectorAction>) {
    Grid::new("board-settings-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for (name, value, make) in [
                (
                    "Title",
                    board.title.clone(),
                    BoardField::Title as fn(String) -> BoardField,
                ),
                ("Author", board.author.clone(), BoardField::Author),
            ] {
                let label = ui.label(name);
                let mut text = value;
                let resp = ui
                    .add(TextEdit::singleline(&mut text).id_salt(("board", name)))
                    .labelled_by(label.id);
                if resp.changed() {
                    out.push(InspectorAction::Apply {
                        edit: Edit::SetBoard { field: make(text) },
                        label: format!("Edit board {}", name.to_lowercase()),
                        coalesce: Some(key_of(("board", name))),
                    });
                }
                if resp.lost_focus() {
                    out.push(InspectorAction::EndGesture);
                }
                ui.end_row();
            }

            let label = ui.label("Aspect ratio");
            let mut chosen = None;
            let resp = ComboBox::from_id_salt("aspect")
                .selected_text(board.aspect_ratio.label())
                .show_ui(ui, |ui| {
                    for a in AspectRatio::PRESETS {
                        if ui
                            .selectable_label(board.aspect_ratio == a, a.label())
                            .clicked()
                        {
                            chosen = Some(a);
                        }
                    }
                    let custom = matches!(board.aspect_ratio, AspectRatio::Custom { .. });
                    if ui.selectable_label(custom, "Custom…").clicked() && !custom {
                        chosen = Some(AspectRatio::Custom {
                            width: 200,
                            height: 100,
                        });
                    }
                });
            resp.response.labelled_by(label.id);
            if let Some(a) = chosen.filter(|a| *a != board.aspect_ratio) {
                out.push(InspectorAction::Apply {
                    edit: Edit::SetBoard {
                        field: BoardField::AspectRatio(a),
                    },
                    label: "Set aspect ratio".into(),
                    coalesce: None,
                });
            }
            ui.end_row();
            if let AspectRatio::Custom { width, height } = board.aspect_ratio {
                ui.label("Custom ratio");
                ui.horizontal(|ui| {
                    let (mut w, mut h) = (width, height);
                    let rw = ui
                        .add(DragValue::new(&mut w).range(1..=10_000))
                        .on_hover_text("Width");
                    ui.label(":");
                    let rh = ui
                        .add(DragValue::new(&mut h).range(1..=10_000))
                        .on_hover_text("Height");
                    if rw.changed() || rh.changed() {
                        out.push(InspectorAction::Apply {
                            edit: Edit::SetBoard {
                                field: BoardField::AspectRatio(AspectRatio::Custom {
                                    width: w,
                                    height: h,
                                }),
                            },
                            label: "Set aspect ratio".into(),
                            coalesce: Some(key_of("custom-aspect")),
                        });
                    }
                    if rw.drag_stopped() || rh.drag_stopped() || rw.lost_focus() || rh.lost_focus()
                    {
                        out.push(InspectorAction::EndGesture);
                    }
                });
                ui.end_row();
            }

            let label = ui.label("Frame rate");
            let mut chosen = None;
            let resp = ComboBox::from_id_salt("fps")
                .selected_text(board.fps.to_string())
                .show_ui(ui, |ui| {
                    for f in Fps::ALL {
                        if ui.selectable_label(board.fps == f, f.to_string()).clicked() {
                            chosen = Some(f);
                        }
                    }
                });
            resp.response.labelled_by(label.id);
            if let Some(f) = chosen.filter(|f| *f != board.fps) {
                out.push(InspectorAction::Apply {
                    edit: Edit::SetBoard {
                        field: BoardField::Fps(f),
                    },
                    label: "Set frame rate".into(),
                    coalesce: None,
                });
            }
            ui.end_row();

            // How shots are numbered: 1A, 1-1 or 1.1, with zero padding.
            // A lock freezes the labels, so it changes nothing then.
            let locked = board.numbering.lock.is_some();
            let label = ui.label("Shot numbers");
            let mut scheme = board.numbering.scheme;
            ui.add_enabled_ui(!locked, |ui| {
                ComboBox::from_id_salt("board-shot-scheme")
                    .selected_text(scheme.example())
                    .show_ui(ui, |ui| {
                        for s in ShotScheme::ALL {
                            ui.selectable_value(&mut scheme, s, s.example());
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_disabled_hover_text(
                        "The numbers are locked (Edit → Unlock scene and shot numbers)",
                    );
            });
            if scheme != board.numbering.scheme {
                out.push(InspectorAction::Apply {
                    edit: Edit::SetBoard {
                        field: BoardField::Numbering(Numbering {
                            scheme,
                            ..board.numbering.clone()
                        }),
                    },
                    label: format!("Number shots {}", scheme.example()),
                    coalesce: None,
                });
            }
            ui.end_row();

            let label = ui.label("Zero padding");
            let mut pad = board.numbering.zero_pad;
            let resp = ui
                .add_enabled(
                    !locked,
                    DragValue::new(&mut pad)
                        .range(0..=4)
                        .custom_formatter(|n, _| match n as u8 {
                            0 => "none".to_owned(),
                            n => format!("{n} digits"),
                        }),
                )
                .labelled_by(label.id)
                .on_hover_text("Scene and shot numbers padded with zeros: 01A, 02A…");
            if resp.changed() && pad != board.numbering.zero_pad {
                out.push(InspectorAction::Apply {
                    edit: Edit::SetBoard {
                        field: BoardField::Numbering(Numbering {
                            zero_pad: pad,
                            ..board.numbering.clone()
                        }),
                    },
                    label: "Zero padding of numbers".into(),
                    coalesce: None,
                });
            }
            ui.end_row();

            // Crews leave I and O out of shot letters (6I reads as 61);
            // new boards do, boards numbered before keep their labels
            // unless asked.
            if board.numbering.scheme == ShotScheme::Letters {
                ui.label("Shot letters");
                let mut skip = board.numbering.skip_i_and_o;
                if ui.checkbox(&mut skip, "Skip I and O").changed() {
                    out.push(InspectorAction::Apply {
                        edit: Edit::SetBoard {
                            field: BoardField::Numbering(Numbering {
                                skip_i_and_o: skip,
                                ..board.numbering.clone()
                            }),
                        },
                        label: if skip {
                            "Skip I and O in shot letters".into()
                        } else {
                            "Use I and O in shot letters".into()
                        },
                        coalesce: None,
                    });
                }
                ui.end_row();
            }

            // Seconds or frames on the cards and in the PDF and contact
            // sheets: animation teams count frames, live action seconds.
            let label = ui.label("Durations in");
            let mut unit = board.durations;
            ComboBox::from_id_salt("board-durations")
                .selected_text(unit.label())
                .show_ui(ui, |ui| {
                    for u in DurationUnit::ALL {
                        ui.selectable_value(&mut unit, u, u.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if unit != board.durations {
                out.push(InspectorAction::Apply {
                    edit: Edit::SetBoard {
                        field: BoardField::Durations(unit),
                    },
                    label: format!("Show durations in {}", unit.label().to_lowercase()),
                    coalesce: None,
                });
            }
            ui.end_row();

            let label = ui.label("Default duration");
            let mut secs = f64::from(board.default_duration_ms) / 1000.0;
            let resp = ui
                .add(
                    DragValue::new(&mut secs)
                        .range(0.04..=600.0)
                        .speed(0.05)
                        .suffix(" s")
                        .max_decimals(3),
                )
                .labelled_by(label.id);
            if resp.changed() {
                out.push(InspectorAction::Apply {
                    edit: Edit::SetBoard {
                        field: BoardField::DefaultDuration((secs * 1000.0).round() as u32),
                    },
                    label: "Set default duration".into(),
                    coalesce: Some(key_of("default-duration")),
                });
            }
            if resp.drag_stopped() || resp.lost_focus() {
                out.push(InspectorAction::EndGesture);
            }
            ui.end_row();
        });
}
