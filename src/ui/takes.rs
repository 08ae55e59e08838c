//! On set: the day's shots in setup order as a large-type checklist, for
//! a keyboard or a touch laptop. Mark a shot done, log takes (number,
//! circled, a note), and see what is still to shoot or needs a retake.
//!
//! Every tap is a board edit on the shot's first panel (its [`ShotLog`]),
//! so autosave and crash recovery keep each take like any other change.
//!
//! Keys, while no text field has the keyboard: J / K next and previous
//! shot, D done, T new take, C circle the latest take. (The arrows, Enter
//! and Space belong to the board's own commands.)

use egui::{Color32, Key, Modifiers, RichText, ScrollArea, TextEdit, Ui};

use crate::edit::{Edit, PanelField};
use crate::model::schedule;
use crate::model::{Board, PanelId, ShotLog, Take, labels};

use super::inspector::{InspectorAction, key_of};

/// Large type: readable at arm's length, easy to hit with a finger.
const BIG: f32 = 22.0;
const MEDIUM: f32 = 17.0;

/// The on-set view's state.
#[derive(Debug, Default)]
pub struct TakesState {
    /// The shooting day shown (0-based); `None` lists every scene.
    pub day: Option<usize>,
    /// The shot the keys act on, by its first panel.
    pub current: Option<PanelId>,
    /// The keys moved `current`: scroll it into view.
    scroll: bool,
    /// The view has been shown once (and opened on the first day).
    started: bool,
}

/// One shot in the list.
struct Row {
    panel: PanelId,
    label: String,
    setup: usize,
    scene_title: Option<String>,
    facts: String,
    action: String,
}

/// The shots of the chosen day (or the whole board), scene by scene, in
/// setup order.
fn rows(board: &Board, day: Option<usize>) -> Vec<Row> {
    let scene_ids: Vec<usize> = match day {
        Some(d) => board
            .plan
            .days
            .get(d)
            .map(|d| {
                d.scenes
                    .iter()
                    .filter_map(|id| board.scene_index(*id))
                    .collect()
            })
            .unwrap_or_default(),
        None => (0..board.scenes.len()).collect(),
    };
    let all_labels = labels::shot_labels(board);
    let numbers = labels::scene_numbers(board);
    let mut out = Vec::new();
    for si in scene_ids {
        let scene = &board.scenes[si];
        let mut first = true;
        for (setup, group) in schedule::setups(scene).iter().enumerate() {
            for id in group {
                let Some(pi) = scene.panels.iter().position(|p| p.id == *id) else {
                    continue;
                };
                let panel = &scene.panels[pi];
                let facts: Vec<String> = [
                    panel.shot_size.map(|s| s.short().to_owned()),
                    panel.angle.map(|a| a.short().to_owned()),
                    panel.movement.map(|m| m.short().to_owned()),
                    panel.lens_mm.map(|l| format!("{l}mm")),
                ]
                .into_iter()
                .flatten()
                .collect();
                out.push(Row {
                    panel: panel.id,
                    label: all_labels
                        .get(si)
                        .and_then(|l| l.get(pi))
                        .map_or_else(String::new, |l| l.shot_code()),
                    setup: setup + 1,
                    scene_title: first.then(|| {
                        format!(
                            "SCENE {} — {}",
                            numbers.get(si).map_or("", String::as_str),
                            scene.heading
                        )
                    }),
                    facts: facts.join(" · "),
                    action: panel.summary_line().to_owned(),
                });
                first = false;
            }
        }
    }
    out
}

fn set_log(out: &mut Vec<InspectorAction>, panel: PanelId, log: ShotLog, label: String) {
    out.push(InspectorAction::Apply {
        edit: Edit::SetPanels {
            changes: vec![(panel, PanelField::ShotLog(log))],
        },
        label,
        coalesce: None,
    });
}

fn toggle_done(out: &mut Vec<InspectorAction>, board: &Board, row: &Row) {
    let Some(panel) = board.panel(row.panel) else {
        return;
    };
    let mut log = panel.shot_log.clone();
    log.done = !log.done;
    let verb = if log.done { "Mark" } else { "Unmark" };
    set_log(out, row.panel, log, format!("{verb} {} done", row.label));
}

fn add_take(out: &mut Vec<InspectorAction>, board: &Board, row: &Row) {
    let Some(panel) = board.panel(row.panel) else {
        return;
    };
    let mut log = panel.shot_log.clone();
    let number = log.next_take_number();
    log.takes.push(Take {
        number,
        ..Take::default()
    });
    set_log(
        out,
        row.panel,
        log,
        format!("Take {number} of {}", row.label),
    );
}

/// Circle take `i` (or uncircle it); several takes may be circled.
fn toggle_circle(out: &mut Vec<InspectorAction>, board: &Board, row: &Row, i: usize) {
    let Some(panel) = board.panel(row.panel) else {
        return;
    };
    let mut log = panel.shot_log.clone();
    let Some(take) = log.takes.get_mut(i) else {
        return;
    };
    take.circled = !take.circled;
    let label = format!(
        "{} take {} of {}",
        if take.circled { "Circle" } else { "Uncircle" },
        take.number,
        row.label
    );
    set_log(out, row.panel, log, label);
}

pub fn show(ui: &mut Ui, state: &mut TakesState, board: &Board, out: &mut Vec<InspectorAction>) {
    let days = board.plan.days.len();
    if state.day.is_some_and(|d| d >= days) {
        state.day = None;
    }
    if !state.started {
        state.started = true;
        state.day = (days > 0).then_some(0);
    }
    let rows = rows(board, state.day);
    let done = rows
        .iter()
        .filter(|r| board.panel(r.panel).is_some_and(|p| p.shot_log.done))
        .count();
    ui.horizontal(|ui| {
        let name = |d: Option<usize>| {
            d.map_or("Every scene".to_owned(), |d| {
                let date = &board.plan.days[d].date;
                if date.is_empty() {
                    format!("Day {}", d + 1)
                } else {
                    format!("Day {} · {date}", d + 1)
                }
            })
        };
        egui::ComboBox::from_label("Shooting day")
            .selected_text(name(state.day))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.day, None, name(None));
                for d in 0..days {
                    ui.selectable_value(&mut state.day, Some(d), name(Some(d)));
                }
            });
        ui.label(RichText::new(format!("{done} of {} shots done", rows.len())).size(MEDIUM));
    });
    ui.label(
        RichText::new(
            "Keys: J / K next / previous shot · D done · T new take · C circle latest take",
        )
        .weak(),
    );
    let retakes: Vec<&str> = rows
        .iter()
        .filter(|r| {
            board
                .panel(r.panel)
                .is_some_and(|p| !p.shot_log.takes.is_empty() && !p.shot_log.has_circled())
        })
        .map(|r| r.label.as_str())
        .collect();
    if !retakes.is_empty() {
        ui.label(
            RichText::new(format!("Needs a good take: {}", retakes.join(", ")))
                .size(MEDIUM)
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.separator();
    if rows.is_empty() {
        ui.label(RichText::new("No shots on this day: schedule scenes in the Plan view.").weak());
        return;
    }
    keys(ui, state, board, &rows, out);
    ScrollArea::vertical()
        .id_salt("onset-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for row in &rows {
                shot_row(ui, state, board, row, out);
            }
        });
}

/// The keyboard: only while no text field has it.
fn keys(
    ui: &mut Ui,
    state: &mut TakesState,
    board: &Board,
    rows: &[Row],
    out: &mut Vec<InspectorAction>,
) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let at = state
        .current
        .and_then(|c| rows.iter().position(|r| r.panel == c));
    let pressed = |k: Key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    if pressed(Key::J) {
        let next = at.map_or(0, |i| (i + 1).min(rows.len() - 1));
        state.current = Some(rows[next].panel);
        state.scroll = true;
    }
    if pressed(Key::K) {
        let prev = at.map_or(0, |i| i.saturating_sub(1));
        state.current = Some(rows[prev].panel);
        state.scroll = true;
    }
    let Some(row) = state
        .current
        .and_then(|c| rows.iter().find(|r| r.panel == c))
    else {
        return;
    };
    if pressed(Key::D) {
        toggle_done(out, board, row);
    }
    if pressed(Key::T) {
        add_take(out, board, row);
    }
    if pressed(Key::C)
        && let Some(panel) = board.panel(row.panel)
        && !panel.shot_log.takes.is_empty()
    {
        toggle_circle(out, board, row, panel.shot_log.takes.len() - 1);
    }
}

fn shot_row(
    ui: &mut Ui,
    state: &mut TakesState,
    board: &Board,
    row: &Row,
    out: &mut Vec<InspectorAction>,
) {
    let Some(panel) = board.panel(row.panel) else {
        return;
    };
    let log = &panel.shot_log;
    if let Some(title) = &row.scene_title {
        ui.add_space(10.0);
        ui.label(RichText::new(title).size(BIG).strong());
    }
    let current = state.current == Some(row.panel);
    let frame = egui::Frame::group(ui.style()).fill(if current {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        Color32::TRANSPARENT
    });
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let mut is_done = log.done;
            let text = RichText::new(format!("{}  (setup {})", row.label, row.setup))
                .size(BIG)
                .strong();
            let r = ui.checkbox(&mut is_done, text);
            r.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::accesskit::Role::CheckBox,
                    true,
                    log.done,
                    format!("Mark {} done", row.label),
                )
            });
            if r.changed() {
                state.current = Some(row.panel);
                toggle_done(out, board, row);
            }
            ui.label(RichText::new(&row.facts).size(MEDIUM));
        });
        if !row.action.is_empty() {
            ui.label(RichText::new(&row.action).size(MEDIUM));
        }
        for (i, take) in log.takes.iter().enumerate() {
            ui.horizontal(|ui| {
                let circle = if take.circled {
                    RichText::new(format!("Take {} — circled", take.number))
                        .size(MEDIUM)
                        .strong()
                        .color(ui.visuals().selection.stroke.color)
                } else {
                    RichText::new(format!("Take {}", take.number)).size(MEDIUM)
                };
                let r = ui
                    .add(egui::Button::new(circle).min_size(egui::vec2(140.0, 32.0)))
                    .on_hover_text("Circle (print) this take, or uncircle it");
                let name = format!("Circle take {} of {}", take.number, row.label);
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name)
                });
                if r.clicked() {
                    state.current = Some(row.panel);
                    toggle_circle(out, board, row, i);
                }
                let mut note = take.note.clone();
                let field = ui.add(
                    TextEdit::singleline(&mut note)
                        .hint_text("note, e.g. boom in frame")
                        .font(egui::FontId::proportional(MEDIUM))
                        .desired_width(f32::INFINITY)
                        .id_salt(("take-note", row.panel, i)),
                );
                let name = format!("Note for take {} of {}", take.number, row.label);
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, &name)
                });
                if field.changed() {
                    let mut log = log.clone();
                    if let Some(t) = log.takes.get_mut(i) {
                        t.note = note;
                    }
                    out.push(InspectorAction::Apply {
                        edit: Edit::SetPanels {
                            changes: vec![(row.panel, PanelField::ShotLog(log))],
                        },
                        label: format!("Note on take {} of {}", take.number, row.label),
                        coalesce: Some(key_of(("take-note", row.panel, i))),
                    });
                }
                if field.lost_focus() {
                    out.push(InspectorAction::EndGesture);
                }
            });
        }
        let r = ui
            .add(
                egui::Button::new(RichText::new("+ Take").size(MEDIUM))
                    .min_size(egui::vec2(120.0, 36.0)),
            )
            .on_hover_text("Log the next take of this shot");
        let name = format!("Add take to {}", row.label);
        r.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name));
        if r.clicked() {
            state.current = Some(row.panel);
            add_take(out, board, row);
        }
    });
    if inner.response.clicked() {
        state.current = Some(row.panel);
    }
    if current && state.scroll {
        state.scroll = false;
        inner.response.scroll_to_me(None);
    }
}
