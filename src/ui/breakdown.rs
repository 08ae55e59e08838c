//! The breakdown table: every scene's needs at a glance. Editing happens
//! in the inspector (`inspector/breakdown.rs`), under the selected scene.

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::model::schedule;
use crate::model::{Board, IntExt, SceneId, TagKind, TimeOfDay, labels};

use super::selection::Selection;

const COLUMNS: [&str; 14] = [
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
];

/// The table's rows for one board generation: worked out once per change
/// (cast parses dialogue, setups read every shot), not every frame.
#[derive(Debug, Default)]
pub struct BreakdownState {
    rows: Option<(u64, Vec<Row>)>,
}

#[derive(Debug)]
struct Row {
    scene: SceneId,
    cells: [String; 14],
    /// The scene runs past its runtime target.
    over: bool,
}

fn rows(board: &Board) -> Vec<Row> {
    let numbers = labels::scene_numbers(board);
    board
        .scenes
        .iter()
        .zip(numbers)
        .map(|(scene, number)| {
            let ms = board.fps.frames_to_ms(board.scene_frames(scene));
            let target = scene.breakdown.target_runtime_ms;
            let tags = |k: TagKind| scene.breakdown.tags(k).join(", ");
            Row {
                scene: scene.id,
                over: target.is_some_and(|t| ms > t),
                cells: [
                    format!("Scene {number}"),
                    scene.heading.clone(),
                    schedule::int_ext(scene)
                        .map_or("", IntExt::label)
                        .to_owned(),
                    schedule::time_of_day(scene)
                        .map_or("", TimeOfDay::label)
                        .to_owned(),
                    schedule::set_name(scene),
                    schedule::page_eighths(scene)
                        .map(schedule::eighths_label)
                        .unwrap_or_default(),
                    schedule::setup_count(scene).to_string(),
                    schedule::minutes_text(schedule::estimate_minutes(&board.plan, scene)),
                    schedule::budget_text(ms, target),
                    schedule::cast(scene).join(", "),
                    tags(TagKind::Props),
                    tags(TagKind::Wardrobe),
                    tags(TagKind::Vfx),
                    tags(TagKind::Equipment),
                ],
            }
        })
        .collect()
}

/// The breakdown table: one row per scene; a click selects the scene so
/// the inspector edits its breakdown.
pub fn table(
    ui: &mut Ui,
    state: &mut BreakdownState,
    board: &Board,
    generation: u64,
    selection: &mut Selection,
) {
    ui.label(RichText::new("Click a scene to edit its breakdown in the inspector.").weak());
    if state.rows.as_ref().is_none_or(|(g, _)| *g != generation) {
        state.rows = Some((generation, rows(board)));
    }
    let Some((_, rows)) = &state.rows else {
        return;
    };
    ScrollArea::both()
        .id_salt("breakdown-table")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("breakdown-grid")
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for title in COLUMNS {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    for row in rows {
                        let [scene, rest @ ..] = &row.cells;
                        let selected = selection.scene() == Some(row.scene);
                        if ui.selectable_label(selected, scene).clicked() {
                            selection.select_scene(row.scene);
                        }
                        for (i, cell) in rest.iter().enumerate() {
                            // The runtime column, red when over target.
                            if i == 7 && row.over {
                                ui.label(RichText::new(cell).color(ui.visuals().error_fg_color));
                            } else {
                                ui.label(cell);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
