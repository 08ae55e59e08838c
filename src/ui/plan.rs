//! The shooting plan as a stripboard: one column of scene strips per
//! shooting day (unscheduled scenes in the first column), each day with
//! its estimate against its length, company moves and cast; strips drag
//! between and within days, one undo step per drag. Below, the
//! day-out-of-days table.
//!
//! Every number comes from [`crate::model::schedule`], which the exports
//! use too. Strips are painted, not laid out as nested widgets, so a
//! 120-scene board costs a few hundred shapes a frame.

use egui::{
    Align2, Color32, FontId, Id, Rect, RichText, ScrollArea, Sense, Stroke, StrokeKind, Ui,
    accesskit::Role, pos2, vec2,
};

use crate::edit::{BoardField, Edit};
use std::collections::HashMap;

use crate::model::schedule::{self, DayTotals, DoodRow};
use crate::model::{Board, IntExt, Plan, SceneId, ShootDay, TimeOfDay, labels};

use super::inspector::InspectorAction;
use super::selection::Selection;

const COLUMN_W: f32 = 230.0;
const STRIP_H: f32 = 44.0;
const GAP: f32 = 4.0;

/// The stripboard's UI state.
#[derive(Debug, Default)]
pub struct PlanState {
    /// The scene whose strip is being dragged.
    dragging: Option<SceneId>,
    /// The numbers on screen, for the board generation they were built for.
    summary: Option<Summary>,
}

/// Everything the stripboard shows that is worked out from the board:
/// built once per board change rather than every frame, so a frame only
/// paints (cast comes from parsing dialogue, estimates from every shot).
#[derive(Debug)]
struct Summary {
    generation: u64,
    strips: HashMap<SceneId, StripText>,
    days: Vec<DayTotals>,
    unscheduled: Vec<SceneId>,
    dood: Vec<DoodRow>,
    estimate: u32,
}

#[derive(Debug)]
struct StripText {
    number: String,
    title: String,
    detail: String,
    int_ext: Option<IntExt>,
    time: Option<TimeOfDay>,
}

impl Summary {
    fn new(board: &Board, generation: u64) -> Self {
        let numbers = labels::scene_numbers(board);
        let strips = board
            .scenes
            .iter()
            .zip(numbers)
            .map(|(scene, number)| {
                let pages = schedule::page_eighths(scene)
                    .map(|e| format!(" · {} pg", schedule::eighths_label(e)))
                    .unwrap_or_default();
                let detail = format!(
                    "{} setup(s) · {}{pages} · {}",
                    schedule::setup_count(scene),
                    schedule::minutes_text(schedule::estimate_minutes(&board.plan, scene)),
                    schedule::cast(scene).join(", ")
                );
                let text = StripText {
                    title: format!("{number}  {}", scene.heading),
                    number,
                    detail,
                    int_ext: schedule::int_ext(scene),
                    time: schedule::time_of_day(scene),
                };
                (scene.id, text)
            })
            .collect();
        Self {
            generation,
            strips,
            days: (0..board.plan.days.len())
                .map(|i| schedule::day_totals(board, i))
                .collect(),
            unscheduled: schedule::unscheduled(board),
            dood: schedule::day_out_of_days(board),
            estimate: schedule::board_estimate_minutes(board),
        }
    }
}

/// Where a strip can land: a day (or `None`, unscheduled) and an index in
/// it counted without the dragged strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Drop {
    day: Option<usize>,
    index: usize,
}

/// One column's strips as drawn this frame, for finding the drop target.
struct Column {
    day: Option<usize>,
    rect: Rect,
    strips: Vec<(SceneId, Rect)>,
}

pub fn show(
    ui: &mut Ui,
    state: &mut PlanState,
    board: &Board,
    generation: u64,
    selection: &mut Selection,
    out: &mut Vec<InspectorAction>,
) {
    let summary = match state.summary.take() {
        Some(s) if s.generation == generation => s,
        _ => Summary::new(board, generation),
    };
    settings_row(ui, board, &summary, out);
    ui.separator();
    let mut columns: Vec<Column> = Vec::new();
    ScrollArea::both()
        .id_salt("plan-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                columns.push(column(
                    ui,
                    state,
                    board,
                    &summary,
                    selection,
                    None,
                    &summary.unscheduled,
                    out,
                ));
                for (i, totals) in summary.days.iter().enumerate() {
                    columns.push(column(
                        ui,
                        state,
                        board,
                        &summary,
                        selection,
                        Some(i),
                        &totals.scenes,
                        out,
                    ));
                }
                if ui
                    .button("+ Add day")
                    .on_hover_text("Add a shooting day at the end")
                    .clicked()
                {
                    let mut plan = board.plan.clone();
                    plan.days.push(ShootDay::default());
                    out.push(apply(plan, "Add shooting day".to_owned()));
                }
            });
            ui.add_space(12.0);
            egui::CollapsingHeader::new("Day out of days")
                .id_salt("dood")
                .default_open(true)
                .show(ui, |ui| day_out_of_days(ui, board, &summary.dood));
        });
    finish_drag(ui, state, board, &columns, out);
    state.summary = Some(summary);
}

fn apply(plan: impl Into<Box<Plan>>, label: String) -> InspectorAction {
    InspectorAction::Apply {
        edit: Edit::SetBoard {
            field: BoardField::Plan(plan.into()),
        },
        label,
        coalesce: None,
    }
}

/// A plan setting typed or dragged: one undo step per gesture.
fn apply_coalescing(plan: impl Into<Box<Plan>>, label: &str, key: &str) -> InspectorAction {
    InspectorAction::Apply {
        edit: Edit::SetBoard {
            field: BoardField::Plan(plan.into()),
        },
        label: label.to_owned(),
        coalesce: Some(super::inspector::key_of(("plan", key))),
    }
}

fn settings_row(ui: &mut Ui, board: &Board, summary: &Summary, out: &mut Vec<InspectorAction>) {
    let plan = &board.plan;
    ui.horizontal_wrapped(|ui| {
        let mut minutes = plan.minutes_per_setup;
        let label = ui.label("Minutes per setup");
        let r = ui
            .add(egui::DragValue::new(&mut minutes).range(1..=480))
            .labelled_by(label.id);
        if r.changed() {
            let mut p = plan.clone();
            p.minutes_per_setup = minutes;
            out.push(apply_coalescing(p, "Set minutes per setup", "mps"));
        }
        end_gesture(&r, out);
        let mut hours = plan.day_minutes as f32 / 60.0;
        let label = ui.label("Day length (h)");
        let r = ui
            .add(
                egui::DragValue::new(&mut hours)
                    .range(1.0..=24.0)
                    .speed(0.25)
                    .fixed_decimals(2),
            )
            .labelled_by(label.id);
        if r.changed() {
            let mut p = plan.clone();
            p.day_minutes = (hours * 60.0).round() as u32;
            out.push(apply_coalescing(p, "Set day length", "day-length"));
        }
        end_gesture(&r, out);
        ui.separator();
        let mut has_target = plan.target_runtime_ms.is_some();
        if ui.checkbox(&mut has_target, "Runtime target").changed() {
            let mut p = plan.clone();
            p.target_runtime_ms = has_target.then(|| board.runtime_ms().max(1000));
            out.push(apply(p, "Set runtime target".to_owned()));
        }
        if let Some(target) = plan.target_runtime_ms {
            let mut secs = target / 1000;
            let label = ui.label("Target (s)");
            let r = ui
                .add(egui::DragValue::new(&mut secs).range(1..=36_000))
                .labelled_by(label.id);
            if r.changed() {
                let mut p = plan.clone();
                p.target_runtime_ms = Some(secs * 1000);
                out.push(apply_coalescing(p, "Set runtime target", "target"));
            }
            end_gesture(&r, out);
        }
        let runtime = schedule::budget_text(board.runtime_ms(), plan.target_runtime_ms);
        let over = plan
            .target_runtime_ms
            .is_some_and(|t| board.runtime_ms() > t);
        ui.label(warn_if(ui, format!("Runtime {runtime}"), over));
        ui.separator();
        let scheduled: usize = plan.days.iter().map(|d| d.scenes.len()).sum();
        ui.label(format!(
            "Estimated shooting {} · {} of {} scenes on {} day(s)",
            schedule::minutes_text(summary.estimate),
            scheduled.min(board.scenes.len()),
            board.scenes.len(),
            plan.days.len()
        ));
    });
}

fn end_gesture(r: &egui::Response, out: &mut Vec<InspectorAction>) {
    if r.drag_stopped() || r.lost_focus() {
        out.push(InspectorAction::EndGesture);
    }
}

fn warn_if(ui: &Ui, text: String, warn: bool) -> RichText {
    if warn {
        RichText::new(text)
            .color(ui.visuals().error_fg_color)
            .strong()
    } else {
        RichText::new(text)
    }
}

/// One column: its header (day settings and totals) and its strips.
#[allow(clippy::too_many_arguments)]
fn column(
    ui: &mut Ui,
    state: &mut PlanState,
    board: &Board,
    summary: &Summary,
    selection: &mut Selection,
    day: Option<usize>,
    scenes: &[SceneId],
    out: &mut Vec<InspectorAction>,
) -> Column {
    let inner = ui.vertical(|ui| {
        ui.set_width(COLUMN_W);
        match day {
            None => {
                ui.label(RichText::new("Unscheduled").strong());
                ui.label(
                    RichText::new(format!("{} scene(s) · drag onto a day", scenes.len())).weak(),
                );
                ui.add_space(62.0);
            }
            Some(i) => day_header(ui, board, i, &summary.days[i], out),
        }
        let mut strips = Vec::with_capacity(scenes.len());
        for id in scenes {
            if let Some(rect) = strip(ui, state, summary, selection, *id) {
                strips.push((*id, rect));
            }
        }
        // Room to drop below the last strip, also into an empty day.
        ui.allocate_space(vec2(COLUMN_W, STRIP_H * 2.0));
        strips
    });
    let rect = inner.response.rect;
    ui.painter().rect_stroke(
        rect.expand(3.0),
        4.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        StrokeKind::Outside,
    );
    Column {
        day,
        rect,
        strips: inner.inner,
    }
}

fn day_header(
    ui: &mut Ui,
    board: &Board,
    i: usize,
    totals: &DayTotals,
    out: &mut Vec<InspectorAction>,
) {
    let Some(day) = board.plan.days.get(i) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Day {}", i + 1)).strong());
        let mut date = day.date.clone();
        let r = ui.add(
            egui::TextEdit::singleline(&mut date)
                .hint_text("date")
                .desired_width(90.0)
                .id_salt(("day-date", i)),
        );
        r.widget_info(|| {
            egui::WidgetInfo::labeled(Role::TextInput, true, format!("Day {} date", i + 1))
        });
        if r.changed() {
            let mut plan = board.plan.clone();
            plan.days[i].date = date;
            out.push(apply_coalescing(
                plan,
                "Set shooting date",
                &format!("date-{i}"),
            ));
        }
        end_gesture(&r, out);
        if ui
            .small_button("Remove")
            .on_hover_text("Remove this day; its scenes go back to unscheduled")
            .clicked()
        {
            let mut plan = board.plan.clone();
            plan.days.remove(i);
            out.push(apply(plan, format!("Remove shooting day {}", i + 1)));
        }
    });
    ui.horizontal(|ui| {
        // This day's own length (a short travel day, a long night shoot).
        let mut hours = totals.day_minutes as f32 / 60.0;
        let r = ui.add(
            egui::DragValue::new(&mut hours)
                .range(1.0..=24.0)
                .speed(0.25)
                .fixed_decimals(1)
                .suffix(" h"),
        );
        let name = format!("Day {} length", i + 1);
        r.widget_info(|| egui::WidgetInfo::labeled(Role::SpinButton, true, &name));
        if r.changed() {
            let mut plan = board.plan.clone();
            plan.days[i].day_minutes = Some((hours * 60.0).round() as u32);
            out.push(apply_coalescing(
                plan,
                "Set day length",
                &format!("len-{i}"),
            ));
        }
        end_gesture(&r, out);
        let mut notes = day.notes.clone();
        let r = ui.add(
            egui::TextEdit::singleline(&mut notes)
                .hint_text("notes")
                .desired_width(f32::INFINITY)
                .id_salt(("day-notes", i)),
        );
        let name = format!("Day {} notes", i + 1);
        r.widget_info(|| egui::WidgetInfo::labeled(Role::TextInput, true, &name));
        if r.changed() {
            let mut plan = board.plan.clone();
            plan.days[i].notes = notes;
            out.push(apply_coalescing(
                plan,
                "Edit day notes",
                &format!("notes-{i}"),
            ));
        }
        end_gesture(&r, out);
    });
    let over = totals.over_long();
    let estimate = format!(
        "{} of {}{}",
        schedule::minutes_text(totals.minutes),
        schedule::minutes_text(totals.day_minutes),
        if over { " — over-long" } else { "" }
    );
    ui.label(warn_if(ui, estimate, over));
    ui.label(
        RichText::new(format!(
            "{} setup(s) · {} company move(s)",
            totals.setups, totals.company_moves
        ))
        .weak(),
    );
    let cast = if totals.cast.is_empty() {
        "Cast: —".to_owned()
    } else {
        format!("Cast: {}", totals.cast.join(", "))
    };
    ui.add(egui::Label::new(RichText::new(cast).weak()).truncate());
}

/// The stripboard's colour code: white interior day, yellow exterior
/// day, blue interior night, green exterior night.
fn strip_colour(ie: Option<IntExt>, time: Option<TimeOfDay>, dark: bool) -> Color32 {
    let night = matches!(time, Some(TimeOfDay::Night | TimeOfDay::Dusk));
    let ext = matches!(ie, Some(IntExt::Ext | IntExt::IntExt));
    let c = match (ext, night) {
        (false, false) => Color32::from_rgb(0xf4, 0xf4, 0xf0),
        (true, false) => Color32::from_rgb(0xf7, 0xe7, 0x8c),
        (false, true) => Color32::from_rgb(0x9d, 0xb8, 0xe8),
        (true, true) => Color32::from_rgb(0x9c, 0xd6, 0x9c),
    };
    if dark { c.gamma_multiply(0.55) } else { c }
}

/// One scene strip; returns its rect. Click selects the scene (the
/// inspector shows its breakdown); drag moves it.
fn strip(
    ui: &mut Ui,
    state: &mut PlanState,
    summary: &Summary,
    selection: &mut Selection,
    id: SceneId,
) -> Option<Rect> {
    let text = summary.strips.get(&id)?;
    let (rect, resp) = ui.allocate_exact_size(vec2(COLUMN_W, STRIP_H), Sense::click_and_drag());
    let label = format!("Scene {} strip", text.number);
    resp.widget_info(|| {
        egui::WidgetInfo::selected(Role::Button, true, selection.scene() == Some(id), &label)
    });
    if resp.clicked() {
        selection.select_scene(id);
    }
    if resp.drag_started() {
        state.dragging = Some(id);
    }
    let visuals = ui.visuals();
    let fill = strip_colour(text.int_ext, text.time, visuals.dark_mode);
    let painter = ui.painter();
    let dragged = state.dragging == Some(id);
    painter.rect_filled(
        rect,
        3.0,
        if dragged {
            fill.gamma_multiply(0.4)
        } else {
            fill
        },
    );
    let stroke = if selection.scene() == Some(id) {
        Stroke::new(2.0, visuals.selection.stroke.color)
    } else {
        Stroke::new(1.0, Color32::from_gray(120))
    };
    painter.rect_stroke(rect, 3.0, stroke, StrokeKind::Inside);
    painter.text(
        rect.left_top() + vec2(6.0, 4.0),
        Align2::LEFT_TOP,
        &text.title,
        FontId::proportional(13.0),
        Color32::from_gray(20),
    );
    painter.text(
        rect.left_bottom() + vec2(6.0, -4.0),
        Align2::LEFT_BOTTOM,
        &text.detail,
        FontId::proportional(11.0),
        Color32::from_gray(50),
    );
    ui.add_space(GAP);
    Some(rect)
}

/// Where a strip dropped at `pos` lands, if over a column.
fn drop_target(columns: &[Column], dragging: SceneId, pos: egui::Pos2) -> Option<Drop> {
    let column = columns
        .iter()
        .find(|c| c.rect.expand(4.0).x_range().contains(pos.x) && pos.y >= c.rect.top() - 40.0)?;
    let index = column
        .strips
        .iter()
        .filter(|(id, _)| *id != dragging)
        .filter(|(_, r)| r.center().y < pos.y)
        .count();
    Some(Drop {
        day: column.day,
        index,
    })
}

/// While a strip is dragged: the insertion marker; on release, the move as
/// one edit (nothing when it lands where it was).
fn finish_drag(
    ui: &mut Ui,
    state: &mut PlanState,
    board: &Board,
    columns: &[Column],
    out: &mut Vec<InspectorAction>,
) {
    let Some(dragging) = state.dragging else {
        return;
    };
    let (pos, released, down) = ui.input(|i| {
        (
            i.pointer.latest_pos(),
            i.pointer.any_released(),
            i.pointer.any_down(),
        )
    });
    let target = pos.and_then(|p| drop_target(columns, dragging, p));
    if let Some(t) = target
        && let Some(column) = columns.iter().find(|c| c.day == t.day)
    {
        let others: Vec<&Rect> = column
            .strips
            .iter()
            .filter(|(id, _)| *id != dragging)
            .map(|(_, r)| r)
            .collect();
        let y = match others.get(t.index) {
            Some(r) => r.top() - GAP / 2.0,
            None => others
                .last()
                .map_or(column.rect.top() + 90.0, |r| r.bottom() + GAP / 2.0),
        };
        let x = column.rect.x_range();
        ui.ctx()
            .layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                Id::unique("plan-drop-marker"),
            ))
            .line_segment(
                [pos2(x.min, y), pos2(x.max, y)],
                Stroke::new(3.0, ui.visuals().selection.stroke.color),
            );
    }
    if released {
        state.dragging = None;
        if let Some(t) = target {
            let plan = board.plan.with_scene_moved(dragging, t.day, t.index);
            if plan != *board.plan {
                let number = board
                    .scene_index(dragging)
                    .map(|i| labels::scene_number(board, i))
                    .unwrap_or_default();
                let label = match t.day {
                    Some(d) => format!("Schedule scene {number} on day {}", d + 1),
                    None => format!("Unschedule scene {number}"),
                };
                out.push(apply(plan, label));
            }
        }
    } else if !down {
        state.dragging = None;
    }
}

/// The day-out-of-days table: a row per cast member, a column per day.
fn day_out_of_days(ui: &mut Ui, board: &Board, rows: &[DoodRow]) {
    if rows.is_empty() {
        ui.label(
            RichText::new(
                "No cast scheduled yet: cast comes from the dialogue's speakers and each \
                 scene's breakdown, once its scenes are on a day.",
            )
            .weak(),
        );
        return;
    }
    ui.label(
        RichText::new("SW start/work · W work · WF work/finish · SWF start/work/finish · H hold")
            .weak(),
    );
    egui::Grid::new("dood-grid")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Cast").strong());
            for d in 0..board.plan.days.len() {
                ui.label(RichText::new(format!("Day {}", d + 1)).strong());
            }
            ui.label(RichText::new("Work").strong());
            ui.label(RichText::new("Hold").strong());
            ui.end_row();
            for row in rows {
                ui.label(&row.name);
                for code in &row.codes {
                    ui.label(code.map_or("", |c| c.code()));
                }
                ui.label(row.work_days.to_string());
                ui.label(row.hold_days.to_string());
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(day: Option<usize>, x: f32, strips: &[(u64, f32)]) -> Column {
        Column {
            day,
            rect: Rect::from_min_size(pos2(x, 0.0), vec2(COLUMN_W, 400.0)),
            strips: strips
                .iter()
                .map(|(id, y)| {
                    (
                        SceneId(*id),
                        Rect::from_min_size(pos2(x, *y), vec2(COLUMN_W, STRIP_H)),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_drop_lands_between_the_strips_it_falls_between() {
        let columns = [
            column(None, 0.0, &[(1, 100.0), (2, 150.0)]),
            column(Some(0), 300.0, &[(3, 100.0), (4, 150.0)]),
        ];
        // Between strips 3 and 4 of day 1.
        assert_eq!(
            drop_target(&columns, SceneId(1), pos2(320.0, 148.0)),
            Some(Drop {
                day: Some(0),
                index: 1
            })
        );
        // Below everything in the unscheduled column, not counting the
        // dragged strip itself.
        assert_eq!(
            drop_target(&columns, SceneId(1), pos2(20.0, 390.0)),
            Some(Drop {
                day: None,
                index: 1
            })
        );
        // Between the columns: nowhere.
        assert_eq!(drop_target(&columns, SceneId(1), pos2(260.0, 120.0)), None);
    }
}
