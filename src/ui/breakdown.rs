//! The breakdown table: every scene's needs at a glance. Editing happens
//! in the inspector (`inspector/breakdown.rs`), under the selected scene.

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::model::schedule;
use crate::model::{Board, IntExt, TagKind, TimeOfDay, labels};

use super::selection::Selection;

/// The breakdown table: one row per scene; a click selects the scene so
/// the inspector edits its breakdown.
pub fn table(ui: &mut Ui, board: &Board, selection: &mut Selection) {
    ui.label(RichText::new("Click a scene to edit its breakdown in the inspector.").weak());
    let numbers = labels::scene_numbers(board);
    ScrollArea::both()
        .id_salt("breakdown-table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("breakdown-grid")
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for title in [
                        "Scene",
                        "Heading",
                        "I/E",
                        "Time",
                        "Set",
                        "Pages",
                        "Setups",
                        "Estimate",
                        "Runtime",
                        "Cast",
                        "Props",
                        "Wardrobe",
                        "VFX",
                        "Equipment",
                    ] {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    for (i, scene) in board.scenes.iter().enumerate() {
                        let number = numbers.get(i).map_or("", String::as_str);
                        let selected = selection.scene() == Some(scene.id);
                        if ui
                            .selectable_label(selected, format!("Scene {number}"))
                            .clicked()
                        {
                            selection.select_scene(scene.id);
                        }
                        ui.label(&scene.heading);
                        ui.label(schedule::int_ext(scene).map_or("", IntExt::label));
                        ui.label(schedule::time_of_day(scene).map_or("", TimeOfDay::label));
                        ui.label(schedule::set_name(scene));
                        ui.label(
                            schedule::page_eighths(scene)
                                .map(schedule::eighths_label)
                                .unwrap_or_default(),
                        );
                        ui.label(schedule::setup_count(scene).to_string());
                        ui.label(schedule::minutes_text(schedule::estimate_minutes(
                            &board.plan,
                            scene,
                        )));
                        let ms = board.fps.frames_to_ms(board.scene_frames(scene));
                        let over = scene.breakdown.target_runtime_ms.is_some_and(|t| ms > t);
                        let text = schedule::budget_text(ms, scene.breakdown.target_runtime_ms);
                        if over {
                            ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
                        } else {
                            ui.label(text);
                        }
                        ui.label(schedule::cast(scene).join(", "));
                        for kind in [
                            TagKind::Props,
                            TagKind::Wardrobe,
                            TagKind::Vfx,
                            TagKind::Equipment,
                        ] {
                            ui.label(scene.breakdown.tags(kind).join(", "));
                        }
                        ui.end_row();
                    }
                });
        });
}
