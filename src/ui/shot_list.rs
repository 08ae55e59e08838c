//! The shot list: every panel as a table row with the facts a crew
//! schedules by, sortable by any column and grouped by scene or location.
//!
//! Rows come from [`export::ordered_rows`](crate::export::ordered_rows), the
//! same function the CSV export uses, and the app exports CSV in the table's
//! [`RowOrder`], so the screen and the spreadsheet agree row for row. They are
//! rebuilt only when the board, the sort or the grouping changes, and only
//! the rows in view are laid out, so a 1,000-panel board scrolls smoothly.
//! A row click selects the panel on the canvas: the selection is shared.
//!
//! Columns are resized by dragging the edge of their header (a double
//! click there gives the column its default width back); a cell too
//! narrow for its text ends in "…" and shows the whole text on hover.

use egui::{Align2, Id, Rect, Sense, Ui, accesskit::Role, pos2, vec2};

use crate::export::{Column, Grouping, RowOrder, ShotRow, group_rows, ordered_rows};
use crate::model::{Board, PanelId};

use super::canvas::CanvasAction;
use super::selection::Selection;

/// Height of one table line (row or group heading), in points.
const LINE_HEIGHT: f32 = 22.0;

/// The narrowest and widest a column can be dragged, in points.
const MIN_COLUMN_WIDTH: f32 = 28.0;
const MAX_COLUMN_WIDTH: f32 = 900.0;

/// Width of the grab zone at a header's right edge, in points.
const RESIZE_GRAB: f32 = 8.0;

/// Space between a cell's edge and its text, in points.
const CELL_PAD: f32 = 6.0;

/// The table's view state: sort, grouping, and the rows built for them.
#[derive(Default)]
pub struct ShotListState {
    /// Show the table instead of the card canvas.
    pub visible: bool,
    /// Column and descending flag; `None` is board order.
    pub sort: Option<(Column, bool)>,
    pub grouping: Option<Grouping>,
    built: Option<Built>,
    /// The last scroll request acted on, so a request scrolls once and the
    /// user can scroll away afterwards.
    seen_scroll: Option<PanelId>,
    /// Lines in view on the last frame.
    in_view: std::ops::Range<usize>,
    /// The sort and grouping the table was last drawn in: a new order
    /// starts at the top, or the old scroll offset would hide the top of
    /// the freshly sorted list (the extremes the user sorted to find).
    shown_order: Option<RowOrder>,
    /// Column widths in [`Column::ALL`] order, once the user resized one.
    widths: Option<Vec<f32>>,
}

/// Rows and lines for one board generation, sort and grouping.
struct Built {
    key: (u64, RowOrder),
    rows: Vec<ShotRow>,
    lines: Vec<Line>,
}

/// One line of the table.
enum Line {
    /// A group heading with its totals already worded.
    Group(String),
    Row(usize),
}

impl ShotListState {
    /// Sort by `column`; a second click on the same column reverses it.
    pub fn sort_by(&mut self, column: Column) {
        self.sort = match self.sort {
            Some((c, descending)) if c == column => Some((column, !descending)),
            _ => Some((column, false)),
        };
    }

    /// The width of `column` on screen, in points.
    pub fn column_width(&self, column: Column) -> f32 {
        let at = Column::ALL.iter().position(|c| *c == column);
        self.widths
            .as_ref()
            .zip(at)
            .and_then(|(w, i)| w.get(i).copied())
            .unwrap_or_else(|| width(column))
    }

    fn set_column_width(&mut self, column: Column, w: f32) {
        let widths = self
            .widths
            .get_or_insert_with(|| Column::ALL.iter().map(|&c| width(c)).collect());
        if let Some(i) = Column::ALL.iter().position(|c| *c == column) {
            widths[i] = w.clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        }
    }

    /// Every column's width, in [`Column::ALL`] order.
    fn widths(&self) -> Vec<f32> {
        Column::ALL.iter().map(|&c| self.column_width(c)).collect()
    }

    /// The sort and grouping on screen, for exports that follow the table.
    pub fn order(&self) -> RowOrder {
        RowOrder {
            sort: self.sort,
            grouping: self.grouping,
        }
    }

    /// The rows in display order, built for `board` at `generation`.
    fn build(&mut self, board: &Board, generation: u64) -> &Built {
        let key = (generation, self.order());
        if self.built.as_ref().is_some_and(|b| b.key != key) {
            self.built = None;
        }
        self.built.get_or_insert_with(|| Built::new(board, key))
    }
}

impl Built {
    fn new(board: &Board, key: (u64, RowOrder)) -> Self {
        let (_, order) = key;
        // Already grouped: each group is a run of consecutive rows.
        let rows = ordered_rows(board, order);
        let lines = match order.grouping {
            None => (0..rows.len()).map(Line::Row).collect(),
            Some(by) => {
                let mut lines = Vec::with_capacity(rows.len() + board.scenes.len());
                for group in group_rows(&rows, by) {
                    let n = group.rows.len();
                    lines.push(Line::Group(format!(
                        "{} · {n} panel{} · {} ({} frames)",
                        group.title,
                        if n == 1 { "" } else { "s" },
                        board.fps.runtime_label(group.frames),
                        group.frames
                    )));
                    lines.extend(group.rows.into_iter().map(Line::Row));
                }
                lines
            }
        };
        Self { key, rows, lines }
    }
}

/// Default column width in points: wide for words, narrow for numbers.
fn width(column: Column) -> f32 {
    match column {
        Column::Scene | Column::Shot | Column::Lens | Column::Frames => 56.0,
        Column::Seconds => 64.0,
        Column::ShotSize | Column::Angle | Column::Movement | Column::Transition => 96.0,
        Column::Status => 90.0,
        Column::Heading => 200.0,
        Column::Location => 130.0,
        Column::Action | Column::Dialogue => 260.0,
        Column::Notes => 200.0,
    }
}

/// Draw the table. Row clicks come back as canvas clicks, so the app
/// selects exactly as it does for a card. `scroll_to` (the panel the
/// keyboard moved to) is brought into view once.
pub fn show(
    ui: &mut Ui,
    state: &mut ShotListState,
    board: &Board,
    selection: &Selection,
    generation: u64,
    scroll_to: Option<PanelId>,
) -> Vec<CanvasAction> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label("Group by");
        egui::ComboBox::from_id_salt("shot-list-grouping")
            .selected_text(grouping_name(state.grouping))
            .show_ui(ui, |ui| {
                for g in [None, Some(Grouping::Scene), Some(Grouping::Location)] {
                    ui.selectable_value(&mut state.grouping, g, grouping_name(g));
                }
            })
            .response
            .labelled_by(label.id);
        if state.sort.is_some() && ui.button("Board order").clicked() {
            state.sort = None;
        }
    });
    egui::ScrollArea::horizontal()
        .id_salt("shot-list-h")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header(ui, state);
            let widths = state.widths();
            let total_width: f32 = widths.iter().sum();
            ui.set_min_width(total_width);
            let request = (scroll_to != state.seen_scroll)
                .then_some(scroll_to)
                .flatten();
            state.seen_scroll = scroll_to;
            let in_view = state.in_view.clone();
            let order = state.order();
            let reordered = state.shown_order.is_some_and(|o| o != order);
            state.shown_order = Some(order);
            let built = state.build(board, generation);
            let mut area = egui::ScrollArea::vertical()
                .id_salt("shot-list-v")
                .auto_shrink([false, false]);
            let target = request.and_then(|panel| {
                built
                    .lines
                    .iter()
                    .position(|l| matches!(l, Line::Row(i) if built.rows[*i].panel == panel))
            });
            if let Some(line) = target.filter(|l| !in_view.contains(l)) {
                let pitch = LINE_HEIGHT + ui.spacing().item_spacing.y;
                // A few lines of context above the target.
                area = area.vertical_scroll_offset((line.saturating_sub(3)) as f32 * pitch);
            } else if reordered {
                area = area.vertical_scroll_offset(0.0);
            }
            let mut shown = 0..0;
            area.show_rows(ui, LINE_HEIGHT, built.lines.len(), |ui, range| {
                shown = range.clone();
                for line in &built.lines[range] {
                    match line {
                        Line::Group(title) => group_line(ui, title, total_width),
                        Line::Row(i) => {
                            let row = &built.rows[*i];
                            if let Some(a) = row_line(ui, row, selection, &widths) {
                                actions.push(a);
                            }
                        }
                    }
                }
            });
            // Lines at the edges are only partly visible.
            state.in_view = shown.start + 1..shown.end.saturating_sub(1);
        });
    actions
}

fn grouping_name(g: Option<Grouping>) -> &'static str {
    match g {
        None => "No grouping",
        Some(Grouping::Scene) => "Scene",
        Some(Grouping::Location) => "Location",
    }
}

/// Column headers; a click sorts, a second click reverses, and dragging a
/// header's right edge resizes its column.
fn header(ui: &mut Ui, state: &mut ShotListState) {
    let widths = state.widths();
    let total_width: f32 = widths.iter().sum();
    let (rect, _) = ui.allocate_exact_size(vec2(total_width, LINE_HEIGHT), Sense::hover());
    let mut x = rect.left();
    let mut clicked = None;
    let mut resized = None;
    for (column, &w) in Column::ALL.iter().zip(&widths) {
        let column = *column;
        let cell = Rect::from_min_size(pos2(x, rect.top()), vec2(w, LINE_HEIGHT));
        x += w;
        let resp = ui.interact(
            cell,
            Id::unique(("shot-list-header", column)),
            Sense::click(),
        );
        let sorted = state.sort.filter(|(c, _)| *c == column);
        let label = format!("Sort by {}", column.title());
        resp.widget_info(|| {
            egui::WidgetInfo::selected(Role::Button, true, sorted.is_some(), &label)
        });
        let visuals = ui.style().interact(&resp);
        let painter = ui.painter_at(cell);
        painter.rect_filled(cell.shrink(1.0), 2.0, visuals.weak_bg_fill);
        // Room for the sort mark when sorted.
        let room = cell.width() - 2.0 * CELL_PAD - if sorted.is_some() { 12.0 } else { 0.0 };
        let title = elided(
            ui,
            column.title().to_owned(),
            room,
            ui.visuals().strong_text_color(),
        );
        painter.galley(
            pos2(
                cell.left() + CELL_PAD,
                cell.center().y - title.size().y / 2.0,
            ),
            title,
            ui.visuals().strong_text_color(),
        );
        if let Some((_, descending)) = sorted {
            sort_mark(&painter, cell, descending, visuals.fg_stroke.color);
        }
        if resp.clicked() {
            clicked = Some(column);
        }
    }
    // After the headers, so the grab zones lie on top of them.
    let mut x = rect.left();
    for (column, w) in Column::ALL.into_iter().zip(widths) {
        x += w;
        // The grab zone straddles the column's right edge.
        let grab = Rect::from_center_size(pos2(x, rect.center().y), vec2(RESIZE_GRAB, LINE_HEIGHT));
        let handle = ui.interact(
            grab,
            Id::unique(("shot-list-resize", column)),
            Sense::click_and_drag(),
        );
        let name = format!("Resize {}", column.title());
        handle.widget_info(|| egui::WidgetInfo::labeled(Role::Splitter, true, &name));
        if handle.hovered() || handle.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
            ui.painter().vline(
                x,
                rect.y_range(),
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        if handle.dragged() {
            resized = Some((column, w + handle.drag_delta().x));
        } else if handle.double_clicked() {
            resized = Some((column, width(column)));
        }
    }
    if let Some((column, w)) = resized {
        state.set_column_width(column, w);
    }
    if let Some(column) = clicked {
        state.sort_by(column);
    }
}

/// `text` on one line, cut with "…" where it passes `max_width`.
fn elided(
    ui: &Ui,
    text: String,
    max_width: f32,
    color: egui::Color32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        egui::text::LayoutJob::simple_singleline(text, egui::FontId::proportional(13.0), color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_width.max(1.0));
    ui.painter().layout_job(job)
}

/// A small triangle at the right of a sorted header: up when ascending.
fn sort_mark(painter: &egui::Painter, cell: Rect, descending: bool, color: egui::Color32) {
    let c = cell.right_center() - vec2(9.0, 0.0);
    let (tip, base) = if descending { (4.0, -4.0) } else { (-4.0, 4.0) };
    painter.add(egui::Shape::convex_polygon(
        vec![
            pos2(c.x, c.y + tip),
            pos2(c.x + 4.0, c.y + base),
            pos2(c.x - 4.0, c.y + base),
        ],
        color,
        egui::Stroke::NONE,
    ));
}

fn group_line(ui: &mut Ui, title: &str, total_width: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(total_width, LINE_HEIGHT), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    painter.text(
        rect.left_center() + vec2(6.0, 0.0),
        Align2::LEFT_CENTER,
        title,
        egui::FontId::proportional(13.0),
        ui.visuals().strong_text_color(),
    );
}

/// One row: painted cells (cheap) under one clickable, labelled region.
/// Hovering a cell whose text was cut shows the whole text.
fn row_line(
    ui: &mut Ui,
    row: &ShotRow,
    selection: &Selection,
    widths: &[f32],
) -> Option<CanvasAction> {
    let total_width: f32 = widths.iter().sum();
    let (rect, resp) = ui.allocate_exact_size(vec2(total_width, LINE_HEIGHT), Sense::click());
    let selected = selection.contains(row.panel);
    let label = format!("Row {}", row.shot);
    resp.widget_info(|| egui::WidgetInfo::selected(Role::Button, true, selected, &label));
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, 0.0, visuals.selection.bg_fill);
    } else if resp.hovered() {
        painter.rect_filled(rect, 0.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text_color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let pointer = resp.hover_pos();
    let mut cut_text = None;
    let mut x = rect.left();
    for (column, &w) in Column::ALL.into_iter().zip(widths) {
        let cell = Rect::from_min_size(pos2(x, rect.top()), vec2(w, LINE_HEIGHT));
        x += w;
        // One line per cell: the table is for scanning; the inspector
        // shows the full text of the selected panel.
        let text = row.cell(column).replace(['\n', '\r'], " ");
        let galley = elided(ui, text.clone(), w - 2.0 * CELL_PAD, text_color);
        if galley.elided && pointer.is_some_and(|p| cell.contains(p)) {
            cut_text = Some(text);
        }
        painter.with_clip_rect(cell).galley(
            pos2(
                cell.left() + CELL_PAD,
                cell.center().y - galley.size().y / 2.0,
            ),
            galley,
            text_color,
        );
    }
    let resp = match cut_text {
        // At the pointer: the row is wider than the view, and a tooltip at
        // its left end would sit far from the cell it explains.
        Some(text) => resp.on_hover_text_at_pointer(text),
        None => resp,
    };
    resp.clicked().then(|| {
        let modifiers = ui.input(|i| i.modifiers);
        CanvasAction::Click {
            panel: row.panel,
            toggle: modifiers.command,
            extend: modifiers.shift,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Panel, PanelId, Scene, SceneId};

    #[test]
    fn a_second_click_on_a_column_reverses_the_sort() {
        let mut state = ShotListState::default();
        state.sort_by(Column::Frames);
        assert_eq!(state.sort, Some((Column::Frames, false)));
        state.sort_by(Column::Frames);
        assert_eq!(state.sort, Some((Column::Frames, true)));
        state.sort_by(Column::Shot);
        assert_eq!(state.sort, Some((Column::Shot, false)));
    }

    #[test]
    fn grouping_puts_a_heading_with_totals_before_each_group() {
        let mut board = Board::default();
        for s in 0..2u64 {
            let mut scene = Scene::new(SceneId(s + 1), format!("INT. ROOM {s} - DAY"));
            for p in 0..3u64 {
                scene.panels.push(Panel::new(PanelId(10 + s * 10 + p)));
            }
            board.scenes.push(scene);
        }
        let mut state = ShotListState {
            grouping: Some(Grouping::Scene),
            ..ShotListState::default()
        };
        let built = state.build(&board, 1);
        assert_eq!(built.lines.len(), 2 + 6);
        let Line::Group(title) = &built.lines[0] else {
            panic!("first line is a heading");
        };
        assert!(title.contains("3 panels"), "{title}");
        assert!(matches!(built.lines[4], Line::Group(_)));
    }
}
