//! The breakdown editor the inspector shows under a selected scene
//! header: interior/exterior and time of day (overriding the heading),
//! cast, props, wardrobe, VFX and equipment tags with suggestions from the
//! board, minutes per setup, an adjustment and a runtime target.
//!
//! Each change replaces the scene's whole breakdown in one edit; tag text
//! being typed is UI state kept in egui's memory, never in the board.

use egui::{ComboBox, DragValue, Grid, Id, RichText, TextEdit, Ui};

use crate::edit::{Edit, SceneField};
use crate::model::schedule;
use crate::model::{Board, Breakdown, IntExt, Scene, TagKind, TimeOfDay, parse_heading};

use super::{InspectorAction, key_of};

/// How many suggestions a tag field offers while typing.
const SUGGESTIONS: usize = 6;

/// The breakdown editor under a selected scene in the inspector.
pub fn scene_editor(ui: &mut Ui, board: &Board, scene: &Scene, out: &mut Vec<InspectorAction>) {
    ui.add_space(10.0);
    ui.heading("Breakdown");
    let b: &Breakdown = &scene.breakdown;
    let set = |out: &mut Vec<InspectorAction>, new: Breakdown, label: &str| {
        out.push(InspectorAction::Apply {
            edit: Edit::SetScene {
                id: scene.id,
                field: SceneField::Breakdown(Box::new(new)),
            },
            label: label.to_owned(),
            coalesce: None,
        });
    };
    let parsed = parse_heading(&scene.heading);
    Grid::new(("breakdown-fields", scene.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let from_heading = |v: Option<&str>| format!("From heading ({})", v.unwrap_or("—"));
            let label = ui.label("Int./ext.");
            let mut ie = b.int_ext;
            let combo = ComboBox::from_id_salt(("bd-ie", scene.id))
                .selected_text(ie.map_or_else(
                    || from_heading(parsed.int_ext.map(IntExt::label)),
                    |v| v.label().to_owned(),
                ))
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut ie,
                        None,
                        from_heading(parsed.int_ext.map(IntExt::label)),
                    );
                    for v in IntExt::ALL {
                        ui.selectable_value(&mut ie, Some(*v), v.label());
                    }
                });
            combo.response.labelled_by(label.id);
            if ie != b.int_ext {
                set(
                    out,
                    Breakdown {
                        int_ext: ie,
                        ..b.clone()
                    },
                    "Set interior/exterior",
                );
            }
            ui.end_row();

            let label = ui.label("Time of day");
            let mut time = b.time_of_day;
            let combo = ComboBox::from_id_salt(("bd-time", scene.id))
                .selected_text(time.map_or_else(
                    || from_heading(parsed.time_of_day.map(TimeOfDay::label)),
                    |v| v.label().to_owned(),
                ))
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut time,
                        None,
                        from_heading(parsed.time_of_day.map(TimeOfDay::label)),
                    );
                    for v in TimeOfDay::ALL {
                        ui.selectable_value(&mut time, Some(*v), v.label());
                    }
                });
            combo.response.labelled_by(label.id);
            if time != b.time_of_day {
                set(
                    out,
                    Breakdown {
                        time_of_day: time,
                        ..b.clone()
                    },
                    "Set time of day",
                );
            }
            ui.end_row();

            ui.label("Set");
            ui.label(schedule::set_name(scene))
                .on_hover_text("The scene's location, else the heading's set");
            ui.end_row();

            if let Some(eighths) = schedule::page_eighths(scene) {
                ui.label("Pages");
                ui.label(schedule::eighths_label(eighths));
                ui.end_row();
            }

            ui.label("Setups");
            ui.label(schedule::setup_count(scene).to_string())
                .on_hover_text("Distinct shot size, angle and lens among the scene's shots");
            ui.end_row();

            ui.label("Min per setup");
            ui.horizontal(|ui| {
                let mut own = b.minutes_per_setup.is_some();
                if ui.checkbox(&mut own, "Own rate").changed() {
                    let minutes_per_setup = own.then_some(board.plan.minutes_per_setup);
                    set(
                        out,
                        Breakdown {
                            minutes_per_setup,
                            ..b.clone()
                        },
                        "Set minutes per setup",
                    );
                }
                let mut minutes = schedule::minutes_per_setup(&board.plan, scene);
                let r = ui.add_enabled(
                    own,
                    DragValue::new(&mut minutes).range(1..=480).suffix(" min"),
                );
                if r.changed() {
                    coalesced(
                        out,
                        scene,
                        "mps",
                        Breakdown {
                            minutes_per_setup: Some(minutes),
                            ..b.clone()
                        },
                    );
                }
                end_gesture(&r, out);
            });
            ui.end_row();

            let label = ui.label("Adjustment");
            let mut adjust = b.adjust_minutes;
            let r = ui
                .add(DragValue::new(&mut adjust).range(-600..=600).suffix(" min"))
                .labelled_by(label.id)
                .on_hover_text("Minutes added to the estimate: a stunt, a rig, extras");
            if r.changed() {
                coalesced(
                    out,
                    scene,
                    "adjust",
                    Breakdown {
                        adjust_minutes: adjust,
                        ..b.clone()
                    },
                );
            }
            end_gesture(&r, out);
            ui.end_row();

            ui.label("Estimate");
            ui.label(
                RichText::new(schedule::minutes_text(schedule::estimate_minutes(
                    &board.plan,
                    scene,
                )))
                .strong(),
            );
            ui.end_row();

            ui.label("Runtime");
            ui.vertical(|ui| {
                let ms = board.fps.frames_to_ms(board.scene_frames(scene));
                ui.label(schedule::budget_text(ms, b.target_runtime_ms));
                ui.horizontal(|ui| {
                    let mut has = b.target_runtime_ms.is_some();
                    if ui.checkbox(&mut has, "Target").changed() {
                        let target_runtime_ms = has.then(|| ms.max(1000));
                        set(
                            out,
                            Breakdown {
                                target_runtime_ms,
                                ..b.clone()
                            },
                            "Set scene runtime target",
                        );
                    }
                    if let Some(target) = b.target_runtime_ms {
                        let mut secs = target / 1000;
                        let r = ui.add(DragValue::new(&mut secs).range(1..=36_000).suffix(" s"));
                        r.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::accesskit::Role::SpinButton,
                                true,
                                "Scene target (s)",
                            )
                        });
                        if r.changed() {
                            coalesced(
                                out,
                                scene,
                                "target",
                                Breakdown {
                                    target_runtime_ms: Some(secs * 1000),
                                    ..b.clone()
                                },
                            );
                        }
                        end_gesture(&r, out);
                    }
                });
            });
            ui.end_row();
        });
    let speakers = schedule::speakers(scene);
    ui.add_space(4.0);
    if !speakers.is_empty() {
        ui.label(RichText::new(format!("Speaking: {}", speakers.join(", "))).weak());
    }
    for kind in TagKind::ALL {
        tags_row(ui, board, scene, kind, out);
    }
}

fn coalesced(out: &mut Vec<InspectorAction>, scene: &Scene, what: &str, new: Breakdown) {
    out.push(InspectorAction::Apply {
        edit: Edit::SetScene {
            id: scene.id,
            field: SceneField::Breakdown(Box::new(new)),
        },
        label: "Edit breakdown".to_owned(),
        coalesce: Some(key_of(("breakdown", what, scene.id))),
    });
}

fn end_gesture(r: &egui::Response, out: &mut Vec<InspectorAction>) {
    if r.drag_stopped() || r.lost_focus() {
        out.push(InspectorAction::EndGesture);
    }
}

/// Singular of a tag kind, for button labels ("Add prop").
fn noun(kind: TagKind) -> &'static str {
    match kind {
        TagKind::Cast => "cast member",
        TagKind::Props => "prop",
        TagKind::Wardrobe => "wardrobe item",
        TagKind::Vfx => "VFX",
        TagKind::Equipment => "equipment",
    }
}

/// A tag list: each tag with a remove button, and a field that adds one
/// on Enter, suggesting the board's other tags of the kind as you type.
fn tags_row(
    ui: &mut Ui,
    board: &Board,
    scene: &Scene,
    kind: TagKind,
    out: &mut Vec<InspectorAction>,
) {
    let tags = scene.breakdown.tags(kind);
    ui.add_space(4.0);
    ui.label(RichText::new(kind.label()).strong());
    let with_tags = |f: &dyn Fn(&mut Vec<String>)| {
        let mut b = scene.breakdown.clone();
        f(b.tags_mut(kind));
        b
    };
    ui.horizontal_wrapped(|ui| {
        for (i, tag) in tags.iter().enumerate() {
            ui.label(tag);
            let name = format!("Remove {tag}");
            let r = ui.small_button("x").on_hover_text(&name);
            r.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name));
            if r.clicked() {
                let new = with_tags(&|t| {
                    t.remove(i);
                });
                out.push(InspectorAction::Apply {
                    edit: Edit::SetScene {
                        id: scene.id,
                        field: SceneField::Breakdown(new),
                    },
                    label: format!("Remove {} {tag}", noun(kind)),
                    coalesce: None,
                });
            }
        }
    });
    let typed_id = Id::unique(("tag-typed", scene.id, kind as u8));
    let mut typed: String = ui.data_mut(|d| d.get_temp(typed_id).unwrap_or_default());
    let field = ui.add(
        TextEdit::singleline(&mut typed)
            .id_salt(("tag-field", scene.id, kind as u8))
            .hint_text(format!("Add {}…", noun(kind)))
            .desired_width(f32::INFINITY),
    );
    let name = format!("Add {}", noun(kind));
    field.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, &name));
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut add: Option<String> = entered.then(|| typed.trim().to_owned());
    let query = typed.trim().to_lowercase();
    if !query.is_empty() && (field.has_focus() || field.lost_focus()) {
        let suggestions: Vec<String> = schedule::board_tags(board, kind)
            .into_iter()
            .filter(|t| t.to_lowercase().contains(&query))
            .filter(|t| !tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
            .take(SUGGESTIONS)
            .collect();
        ui.horizontal_wrapped(|ui| {
            for s in suggestions {
                if ui
                    .small_button(&s)
                    .on_hover_text(format!("Add {s}"))
                    .clicked()
                {
                    add = Some(s);
                }
            }
        });
    }
    match add {
        Some(tag) if !tag.is_empty() => {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                let new = with_tags(&|t| t.push(tag.clone()));
                out.push(InspectorAction::Apply {
                    edit: Edit::SetScene {
                        id: scene.id,
                        field: SceneField::Breakdown(new),
                    },
                    label: format!("Add {} {tag}", noun(kind)),
                    coalesce: None,
                });
            }
            ui.data_mut(|d| d.remove::<String>(typed_id));
            field.request_focus();
        }
        _ => {
            ui.data_mut(|d| d.insert_temp(typed_id, typed));
        }
    }
}
