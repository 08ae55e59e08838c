//! The central view: scene headers and panel cards in a wrapping grid.
//!
//! The canvas reads the board and the UI state, paints only what is visible,
//! and reports what the user did as [`CanvasAction`]s; the app turns those
//! into selection changes and edits. It never mutates the board itself.

use std::collections::HashSet;
use std::path::PathBuf;

use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2,
    accesskit::Role, pos2, vec2,
};

use crate::model::{Board, PanelId, ReviewStatus, SceneId, ShotLabel};

use super::layout::{CanvasLayout, SceneBlock};
use super::selection::Selection;
use super::thumbs::{Thumb, ThumbCache, thumb_request};

pub const MIN_CARD_WIDTH: f32 = 110.0;
pub const MAX_CARD_WIDTH: f32 = 520.0;
pub const DEFAULT_CARD_WIDTH: f32 = 200.0;

/// Canvas view state: not part of the document.
#[derive(Debug)]
pub struct CanvasState {
    pub card_width: f32,
    pub collapsed: HashSet<SceneId>,
    drag: Option<PanelDrag>,
    scene_drag: Option<SceneId>,
    /// Bring this panel into view on the next frame.
    pub scroll_to: Option<PanelId>,
    /// Panels the find bar matches; others are dimmed while it is set.
    pub highlight: Option<HashSet<PanelId>>,
    /// Cards per row in the last layout, for Up/Down keys.
    pub columns: usize,
    /// The card to keep in view when the layout reflows (a window resize,
    /// a card-size change): the focused panel if it was on screen, else
    /// the first card on screen.
    anchor: Option<PanelId>,
    /// Card width and available width of the last layout.
    laid_out: (f32, f32),
    /// Scroll offset of the last frame: prefetch looks ahead in the
    /// direction the user scrolls.
    last_scroll: f32,
    /// (generation, thumbnail width, first visible card, scrolling down) of
    /// the last prefetch pass that found every card queued or ready.
    prefetched: Option<(u64, u32, usize, bool)>,
    /// Where the canvas began on screen, and its scroll offset, on the
    /// pass it was last drawn: when a bar above it opens or closes (find),
    /// the offset moves with it so the cards stay where the user sees them.
    shown: Option<Shown>,
}

#[derive(Clone, Copy, Debug)]
struct Shown {
    pass: u64,
    top: f32,
    offset: f32,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            card_width: DEFAULT_CARD_WIDTH,
            collapsed: HashSet::new(),
            drag: None,
            scene_drag: None,
            scroll_to: None,
            highlight: None,
            columns: 1,
            anchor: None,
            laid_out: (0.0, 0.0),
            shown: None,
            last_scroll: 0.0,
            prefetched: None,
        }
    }
}

impl CanvasState {
    pub fn with_card_width(card_width: f32) -> Self {
        Self {
            card_width: card_width.clamp(MIN_CARD_WIDTH, MAX_CARD_WIDTH),
            ..Self::default()
        }
    }
}

#[derive(Debug)]
struct PanelDrag {
    panels: Vec<PanelId>,
}

/// What the user did on the canvas this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasAction {
    Click {
        panel: PanelId,
        toggle: bool,
        extend: bool,
    },
    /// Double-click on a card: open it in the sketch editor.
    Open(PanelId),
    SelectScene(SceneId),
    ClearSelection,
    MovePanels {
        panels: Vec<PanelId>,
        scene: SceneId,
        slot: usize,
    },
    MoveScene {
        scene: SceneId,
        to_index: usize,
    },
    ToggleCollapsed(SceneId),
    /// Image files dropped between cards: new panels at this slot.
    DropFilesAt {
        scene: SceneId,
        slot: usize,
        files: Vec<PathBuf>,
    },
    /// An image file dropped onto a card: replace its frame.
    DropFileOnPanel {
        panel: PanelId,
        file: PathBuf,
    },
}

/// Board-order indices of `total` cards in the order to prefetch them:
/// the `ahead` cards after the visible range in the scroll direction, then
/// alternately behind and ahead, outwards. The visible cards themselves
/// are not listed (painting asks for them).
pub fn prefetch_order(
    total: usize,
    visible: std::ops::Range<usize>,
    down: bool,
    ahead: usize,
) -> impl Iterator<Item = usize> {
    let visible = visible.start.min(total)..visible.end.min(total);
    let after = visible.end..total;
    let before = (0..visible.start).rev();
    let (first, second): (
        Box<dyn Iterator<Item = usize>>,
        Box<dyn Iterator<Item = usize>>,
    ) = if down {
        (Box::new(after), Box::new(before))
    } else {
        (Box::new(before), Box::new(after))
    };
    let mut first = first;
    let lead: Vec<usize> = first.by_ref().take(ahead).collect();
    let mut second = second;
    let mut turn = false;
    let rest = std::iter::from_fn(move || {
        turn = !turn;
        let (a, b) = if turn {
            (&mut second, &mut first)
        } else {
            (&mut first, &mut second)
        };
        a.next().or_else(|| b.next())
    });
    lead.into_iter().chain(rest)
}

/// The colour of a review status badge.
pub fn status_color(status: ReviewStatus) -> Color32 {
    match status {
        ReviewStatus::Draft => Color32::from_rgb(0x8a, 0x8f, 0x98),
        ReviewStatus::NeedsChanges => Color32::from_rgb(0xe0, 0x8a, 0x1e),
        ReviewStatus::Approved => Color32::from_rgb(0x2e, 0xa0, 0x4f),
    }
}

/// Everything the canvas needs to paint, borrowed from the app.
pub struct CanvasInput<'a> {
    pub board: &'a Board,
    pub selection: &'a Selection,
    /// The board's shot labels, made once per change (not per frame).
    pub labels: &'a [Vec<ShotLabel>],
    pub generation: u64,
    /// Folder the board's asset paths resolve against.
    pub asset_dir: &'a std::path::Path,
    /// Asset paths known to be missing or unreadable.
    pub broken_assets: &'a HashSet<String>,
}

pub fn show(
    ui: &mut Ui,
    state: &mut CanvasState,
    thumbs: &mut ThumbCache,
    input: &CanvasInput<'_>,
) -> Vec<CanvasAction> {
    let mut actions = Vec::new();
    thumbs.begin_frame(ui.ctx());
    let board = input.board;
    let labels = input.labels;

    let avail_width = ui.available_width();
    let layout = CanvasLayout::compute(board, &state.collapsed, avail_width, state.card_width);
    state.columns = layout.columns;
    let frame_px = ThumbCache::tier(layout.frame_size.x * ui.ctx().pixels_per_point());

    // A reflow moves every card: without this the same scroll offset
    // shows another scene and the selected card is lost.
    let reflowed = state.laid_out != (state.card_width, avail_width) && state.laid_out.0 > 0.0;
    state.laid_out = (state.card_width, avail_width);
    if reflowed && state.scroll_to.is_none() {
        state.scroll_to = state.anchor;
    }
    let scroll_target = state.scroll_to.take().and_then(|id| {
        let pos = board.find_panel(id)?;
        layout.panel_rect(pos.scene, pos.panel)
    });

    let dropped: Vec<PathBuf> = ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    let hovering_files = ui.input(|i| !i.raw.hovered_files.is_empty());

    let mut area = egui::ScrollArea::vertical()
        .id_salt("canvas")
        .auto_shrink([false, false]);
    // The canvas moved down or up on screen since the last pass (the find
    // bar opened or closed above it): scroll by as much, so the cards
    // don't jump. A scroll request or a reflow places the view itself.
    let top = ui.available_rect_before_wrap().top();
    let pass = ui.ctx().cumulative_pass_nr();
    if let Some(last) = state.shown
        && last.pass + 1 == pass
        && (top - last.top).abs() > 0.5
        && scroll_target.is_none()
        && !reflowed
    {
        area = area.vertical_scroll_offset((last.offset + top - last.top).max(0.0));
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        ui.set_min_size(vec2(avail_width, layout.total_height));
        let to_screen = |r: Rect| r.translate(origin.to_vec2());
        if let Some(r) = scroll_target {
            ui.scroll_to_rect(to_screen(r).expand(super::layout::GAP), None);
        }

        // Background: clicks on empty space clear the selection.
        let bg = ui.interact(
            Rect::from_min_size(
                origin,
                vec2(avail_width, layout.total_height.max(viewport.height())),
            ),
            Id::unique("canvas-background"),
            Sense::click(),
        );
        if bg.clicked() {
            actions.push(CanvasAction::ClearSelection);
        }

        let mut card_screen_rects: Vec<(PanelId, Rect)> = Vec::new();
        // Board-order index of each scene's first panel, and the range
        // of cards on screen, for prefetching around them.
        let scene_starts: Vec<usize> = board
            .scenes
            .iter()
            .scan(0, |start, scene| {
                let first = *start;
                *start += scene.panels.len();
                Some(first)
            })
            .collect();
        // First and one past the last card on screen; (MAX, 0) when none.
        let mut visible = (usize::MAX, 0);
        for block in &layout.blocks {
            let scene = &board.scenes[block.scene];
            if to_screen(block.header).intersects(to_screen(viewport)) {
                scene_header(
                    ui,
                    state,
                    input,
                    block,
                    to_screen(block.header),
                    &mut actions,
                );
            }
            if block.collapsed {
                continue;
            }
            if scene.panels.is_empty() && to_screen(block.body).intersects(to_screen(viewport)) {
                let r = to_screen(block.body);
                ui.painter().rect_stroke(
                    r,
                    CornerRadius::same(6),
                    Stroke::new(1.0, ui.visuals().weak_text_color()),
                    StrokeKind::Inside,
                );
                ui.painter().text(
                    r.center(),
                    Align2::CENTER_CENTER,
                    "Empty scene: drag panels or drop images here",
                    FontId::proportional(13.0),
                    ui.visuals().weak_text_color(),
                );
            }
            for index in layout.visible_cards(block, viewport) {
                let panel = &scene.panels[index];
                let rect = to_screen(layout.card_rect(block, index));
                card_screen_rects.push((panel.id, rect));
                let flat = scene_starts[block.scene] + index;
                visible = (visible.0.min(flat), visible.1.max(flat + 1));
                let label = &labels[block.scene][index];
                card(
                    ui,
                    state,
                    thumbs,
                    input,
                    panel,
                    label,
                    rect,
                    layout.frame_size,
                    frame_px,
                    &mut actions,
                );
            }
        }

        let on_screen = |r: &Rect| to_screen(viewport).contains_rect(*r);
        let focus = input.selection.focus();
        state.anchor = card_screen_rects
            .iter()
            .find(|(id, r)| Some(*id) == focus && on_screen(r))
            .or_else(|| card_screen_rects.iter().find(|(_, r)| on_screen(r)))
            .map(|(id, _)| *id);

        // Background prefetch of off-screen thumbnails, a batch per frame
        // so painting stays cheap; worker threads do the real work. The
        // cards just ahead in the scroll direction come first, then the
        // rest outwards from the screen.
        let down = viewport.top() >= state.last_scroll;
        state.last_scroll = viewport.top();
        let pass = (input.generation, frame_px, visible.0, down);
        if state.prefetched != Some(pass) && thumbs.prefetch_room(frame_px) {
            let flat: Vec<&crate::model::Panel> = board.panels().collect();
            let visible = if visible.0 > visible.1 {
                0..0
            } else {
                visible.0..visible.1
            };
            let ahead = (visible.len() * 2).max(12);
            // Enough that a board whose cards come from the disk cache
            // fills within a few frames; each call is a hash lookup.
            let mut budget = 128;
            for i in prefetch_order(flat.len(), visible, down, ahead) {
                if budget == 0 {
                    break;
                }
                let panel = flat[i];
                let key = thumbs.key(panel, board.aspect_ratio, frame_px, input.generation);
                if thumbs.prefetch(
                    || thumb_request(board, input.asset_dir, panel, frame_px),
                    key,
                    panel.id,
                    frame_px,
                ) {
                    budget -= 1;
                }
            }
            // A pass that found nothing to queue need not run again
            // until the board, the zoom or the scroll position changes.
            state.prefetched = (budget > 0).then_some(pass);
        }

        // Dragging panels: insertion marker, auto-scroll, drop.
        let pointer = ui.input(|i| i.pointer.interact_pos().or(i.pointer.hover_pos()));
        let released = ui.input(|i| i.pointer.any_released());
        if let (Some(drag), Some(p)) = (&state.drag, pointer) {
            let canvas_pos = p - origin.to_vec2();
            if let Some((si, slot)) = layout.drop_slot(canvas_pos) {
                if let Some(marker) = layout.slot_marker(si, slot) {
                    ui.painter().rect_filled(
                        to_screen(marker),
                        2.0,
                        ui.visuals().selection.stroke.color,
                    );
                }
                drag_badge(ui, p, drag.panels.len());
                if released {
                    actions.push(CanvasAction::MovePanels {
                        panels: drag.panels.clone(),
                        scene: board.scenes[si].id,
                        slot,
                    });
                }
            }
            auto_scroll(ui, p, to_screen(viewport), viewport, layout.total_height);
        }
        if released {
            state.drag = None;
        }

        // Dragging a scene header: marker between scenes.
        if let (Some(scene), Some(p)) = (state.scene_drag, pointer) {
            let canvas_pos = p - origin.to_vec2();
            let to = layout.scene_insert_index(canvas_pos);
            let y = layout
                .blocks
                .get(to)
                .map_or(layout.total_height - super::layout::MARGIN, |b| {
                    b.header.top() - 4.0
                });
            ui.painter().rect_filled(
                to_screen(Rect::from_min_size(
                    pos2(super::layout::MARGIN, y - 2.0),
                    vec2(avail_width - 2.0 * super::layout::MARGIN, 4.0),
                )),
                2.0,
                ui.visuals().selection.stroke.color,
            );
            auto_scroll(ui, p, to_screen(viewport), viewport, layout.total_height);
            if released {
                if let Some(from) = board.scene_index(scene) {
                    // Index among the other scenes.
                    let to_index = if to > from { to - 1 } else { to };
                    actions.push(CanvasAction::MoveScene { scene, to_index });
                }
                state.scene_drag = None;
            }
        }

        // Image files from the file manager.
        if hovering_files && let Some(p) = pointer {
            let canvas_pos = p - origin.to_vec2();
            if let Some((si, slot)) = layout.drop_slot(canvas_pos)
                && !card_screen_rects.iter().any(|(_, r)| r.contains(p))
                && let Some(marker) = layout.slot_marker(si, slot)
            {
                ui.painter().rect_filled(
                    to_screen(marker),
                    2.0,
                    ui.visuals().selection.stroke.color,
                );
            }
        }
        if !dropped.is_empty() {
            let p = pointer.unwrap_or(origin);
            let mut files = dropped.clone();
            files.sort();
            let on_card = card_screen_rects.iter().find(|(_, r)| r.contains(p));
            if let (Some((panel, _)), [file]) = (on_card, files.as_slice()) {
                // One image onto a card replaces its frame; several
                // become new panels at that spot.
                actions.push(CanvasAction::DropFileOnPanel {
                    panel: *panel,
                    file: file.clone(),
                });
            } else if let Some((si, slot)) = layout.drop_slot(p - origin.to_vec2()) {
                actions.push(CanvasAction::DropFilesAt {
                    scene: board.scenes[si].id,
                    slot,
                    files,
                });
            } else if let Some(last) = board.scenes.last() {
                actions.push(CanvasAction::DropFilesAt {
                    scene: last.id,
                    slot: last.panels.len(),
                    files,
                });
            }
        }
    });
    state.shown = Some(Shown {
        pass,
        top,
        offset: output.state.clamped_offset().y,
    });
    actions
}

/// Scroll while a drag holds the pointer near the top or bottom edge, as
/// long as there is content further that way.
fn auto_scroll(
    ui: &Ui,
    pointer: Pos2,
    viewport: Rect,
    content_viewport: Rect,
    content_height: f32,
) {
    const EDGE: f32 = 48.0;
    let speed = if pointer.y < viewport.top() + EDGE && content_viewport.top() > 0.5 {
        (viewport.top() + EDGE - pointer.y).min(EDGE) / 2.0
    } else if pointer.y > viewport.bottom() - EDGE
        && content_viewport.bottom() < content_height - 0.5
    {
        -(pointer.y - (viewport.bottom() - EDGE)).min(EDGE) / 2.0
    } else {
        return;
    };
    ui.scroll_with_delta(vec2(0.0, speed));
    ui.ctx().request_repaint();
}

fn drag_badge(ui: &Ui, pointer: Pos2, count: usize) {
    let text = if count == 1 {
        "1 panel".to_owned()
    } else {
        format!("{count} panels")
    };
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        Id::unique("drag-badge"),
    ));
    let galley = painter.layout_no_wrap(text, FontId::proportional(13.0), Color32::WHITE);
    let rect = Rect::from_min_size(pointer + vec2(14.0, 10.0), galley.size() + vec2(12.0, 6.0));
    painter.rect_filled(rect, 4.0, ui.visuals().selection.stroke.color);
    painter.galley(rect.min + vec2(6.0, 3.0), galley, Color32::WHITE);
}

/// What a lock on the numbers means, for the badge's tooltip in the scene
/// header and the inspector.
pub const LOCKED_NUMBERS: &str = "Scene and shot numbers are locked, as on a shooting script: a new scene between 12 and 13 becomes 12A, a new shot takes the next free letter, and cut scenes and shots are listed OMITTED. Edit › Unlock scene and shot numbers numbers them afresh.";

fn scene_header(
    ui: &mut Ui,
    state: &mut CanvasState,
    input: &CanvasInput<'_>,
    block: &SceneBlock,
    rect: Rect,
    actions: &mut Vec<CanvasAction>,
) {
    let board = input.board;
    let scene = &board.scenes[block.scene];
    let number = crate::model::labels::scene_number(board, block.scene);
    let selected = input.selection.scene() == Some(scene.id);
    let visuals = ui.visuals().clone();

    let toggle_rect = Rect::from_min_size(rect.min, vec2(rect.height(), rect.height()));
    let header_resp = ui.interact(
        rect,
        Id::unique(("scene-header", scene.id)),
        Sense::click_and_drag(),
    );
    let header_label = format!("Scene {number}: {}", scene.heading);
    header_resp
        .widget_info(|| egui::WidgetInfo::selected(Role::Button, true, selected, &header_label));
    let toggle_resp = ui.interact(
        toggle_rect,
        Id::unique(("scene-toggle", scene.id)),
        Sense::click(),
    );
    let toggle_label = if block.collapsed {
        format!("Expand scene {number}")
    } else {
        format!("Collapse scene {number}")
    };
    toggle_resp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &toggle_label));

    let fill = if selected {
        visuals.selection.bg_fill
    } else {
        visuals.faint_bg_color
    };
    let painter = ui.painter();
    painter.rect_filled(rect, 6.0, fill);
    if header_resp.hovered() {
        painter.rect_stroke(
            rect,
            6.0,
            visuals.widgets.hovered.bg_stroke,
            StrokeKind::Inside,
        );
    }
    // Disclosure triangle, painted so it needs no symbol font.
    let c = toggle_rect.center();
    let points = if block.collapsed {
        vec![
            c + vec2(-3.0, -5.0),
            c + vec2(5.0, 0.0),
            c + vec2(-3.0, 5.0),
        ]
    } else {
        vec![
            c + vec2(-5.0, -3.0),
            c + vec2(5.0, -3.0),
            c + vec2(0.0, 5.0),
        ]
    };
    painter.add(egui::Shape::convex_polygon(
        points,
        visuals.text_color(),
        Stroke::NONE,
    ));
    let frames = board.scene_frames(scene);
    let count = scene.panels.len();
    let locked = board.numbering.lock.is_some();
    let info = format!(
        "{}{} panel{} · {}{}",
        if locked { "Locked · " } else { "" },
        count,
        if count == 1 { "" } else { "s" },
        board.fps.runtime_label(frames),
        crate::model::schedule::target_suffix(
            board.fps.frames_to_ms(frames),
            scene.breakdown.target_runtime_ms
        )
    );
    painter.text(
        pos2(toggle_rect.right() + 2.0, rect.center().y),
        Align2::LEFT_CENTER,
        format!("{number}  {}", scene.heading),
        FontId::proportional(15.0),
        visuals.strong_text_color(),
    );
    painter.text(
        pos2(rect.right() - 10.0, rect.center().y),
        Align2::RIGHT_CENTER,
        info,
        FontId::proportional(13.0),
        visuals.weak_text_color(),
    );

    let header_resp = if locked {
        header_resp.on_hover_text(LOCKED_NUMBERS)
    } else {
        header_resp
    };
    if toggle_resp.clicked() {
        actions.push(CanvasAction::ToggleCollapsed(scene.id));
    } else if header_resp.clicked() {
        actions.push(CanvasAction::SelectScene(scene.id));
    } else if header_resp.double_clicked() {
        actions.push(CanvasAction::ToggleCollapsed(scene.id));
    }
    if header_resp.drag_started() {
        state.scene_drag = Some(scene.id);
    }
}

#[allow(clippy::too_many_arguments)]
fn card(
    ui: &mut Ui,
    state: &mut CanvasState,
    thumbs: &mut ThumbCache,
    input: &CanvasInput<'_>,
    panel: &crate::model::Panel,
    label: &ShotLabel,
    rect: Rect,
    frame_size: Vec2,
    frame_px: u32,
    actions: &mut Vec<CanvasAction>,
) {
    let board = input.board;
    let id = panel.id;
    let selected = input.selection.contains(id);
    let label_text = label.to_string();
    let resp = ui.interact(rect, Id::unique(("card", id)), Sense::click_and_drag());
    resp.widget_info(|| {
        egui::WidgetInfo::selected(Role::Button, true, selected, format!("Panel {label_text}"))
    });

    if resp.double_clicked() {
        actions.push(CanvasAction::Open(id));
    } else if resp.clicked() {
        let m = ui.input(|i| i.modifiers);
        actions.push(CanvasAction::Click {
            panel: id,
            toggle: m.command,
            extend: m.shift,
        });
    }
    if resp.drag_started() {
        let panels = if selected {
            input.selection.panels().to_vec()
        } else {
            vec![id]
        };
        if !selected {
            actions.push(CanvasAction::Click {
                panel: id,
                toggle: false,
                extend: false,
            });
        }
        state.drag = Some(PanelDrag { panels });
    }

    let dimmed = state.highlight.as_ref().is_some_and(|h| !h.contains(&id));
    let being_dragged = state.drag.as_ref().is_some_and(|d| d.panels.contains(&id));
    let visuals = ui.visuals().clone();
    let painter = ui.painter();
    let bg = if selected {
        visuals.selection.bg_fill.gamma_multiply(0.6)
    } else {
        visuals.extreme_bg_color
    };
    painter.rect_filled(rect.expand(4.0), 6.0, bg);

    // The frame.
    let frame_rect = Rect::from_min_size(rect.min, frame_size);
    let key = thumbs.key(panel, board.aspect_ratio, frame_px, input.generation);
    let broken = panel
        .image
        .as_ref()
        .is_some_and(|a| input.broken_assets.contains(a.as_str()));
    let thumb = if broken {
        Thumb::Failed("missing image")
    } else {
        thumbs.get(
            || thumb_request(board, input.asset_dir, panel, frame_px),
            key,
            id,
            frame_px,
        )
    };
    match thumb {
        Thumb::Ready(texture) => {
            painter.image(
                texture.id(),
                frame_rect,
                Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                Color32::WHITE,
            );
        }
        Thumb::Loading => {
            painter.rect_filled(frame_rect, 2.0, Color32::from_gray(0xe8));
            painter.text(
                frame_rect.center(),
                Align2::CENTER_CENTER,
                "Loading…",
                FontId::proportional(12.0),
                Color32::from_gray(0x90),
            );
        }
        Thumb::Failed(reason) => {
            painter.rect_filled(frame_rect, 2.0, Color32::from_rgb(0x5a, 0x2a, 0x2a));
            let s = Stroke::new(1.5, Color32::from_rgb(0xd0, 0x70, 0x70));
            painter.line_segment([frame_rect.left_top(), frame_rect.right_bottom()], s);
            painter.line_segment([frame_rect.right_top(), frame_rect.left_bottom()], s);
            let reason = if reason.len() > 60 {
                "missing image"
            } else {
                reason
            };
            let text_rect =
                Rect::from_center_size(frame_rect.center(), vec2(frame_rect.width() - 8.0, 22.0));
            painter.rect_filled(text_rect, 3.0, Color32::from_black_alpha(180));
            painter.text(
                frame_rect.center(),
                Align2::CENTER_CENTER,
                format!("! {reason}"),
                FontId::proportional(12.0),
                Color32::WHITE,
            );
        }
    }
    painter.rect_stroke(
        frame_rect,
        2.0,
        Stroke::new(1.0, visuals.weak_text_color()),
        StrokeKind::Inside,
    );

    // Label row: shot label, duration, comments, status badge.
    let row1 = pos2(rect.left() + 2.0, frame_rect.bottom() + 11.0);
    // Duration after the label; a panel's own duration reads stronger than
    // one inherited from the board default.
    let duration = board
        .fps
        .duration_in(board.panel_frames(panel), board.durations);
    let label_galley = painter.layout_no_wrap(
        label_text.clone(),
        FontId::proportional(14.0),
        visuals.strong_text_color(),
    );
    let label_width = label_galley.size().x;
    painter.galley(
        row1 - vec2(0.0, label_galley.size().y / 2.0),
        label_galley,
        visuals.strong_text_color(),
    );
    let dur_color = if panel.duration_ms.is_some() {
        visuals.text_color()
    } else {
        visuals.weak_text_color()
    };
    let duration_rect = painter.text(
        row1 + vec2(label_width + 10.0, 0.0),
        Align2::LEFT_CENTER,
        duration,
        FontId::proportional(12.0),
        dur_color,
    );
    // The status pill and the comment bubble take the rest of the row; on
    // small cards they shrink to dots rather than cover the duration.
    let free_from = duration_rect.right() + 6.0;
    let badge_color = status_color(panel.status);
    let badge_text = panel.status.short();
    let badge_galley = painter.layout_no_wrap(
        badge_text.to_owned(),
        FontId::proportional(10.0),
        Color32::WHITE,
    );
    let mut badge = Rect::from_min_size(
        pos2(rect.right() - badge_galley.size().x - 10.0, row1.y - 8.0),
        badge_galley.size() + vec2(8.0, 4.0),
    );
    let unresolved = panel.unresolved_comments();
    let bubble_width = if unresolved > 0 { 30.0 } else { 0.0 };
    if badge.left() - bubble_width >= free_from {
        painter.rect_filled(badge, 8.0, badge_color);
        painter.galley(badge.min + vec2(4.0, 2.0), badge_galley, Color32::WHITE);
    } else {
        badge = Rect::from_center_size(pos2(rect.right() - 7.0, row1.y), vec2(9.0, 9.0));
        painter.circle_filled(badge.center(), 4.5, badge_color);
    }
    if unresolved > 0 && badge.left() - 10.0 < free_from {
        let blue = Color32::from_rgb(0x4a, 0x90, 0xe2);
        painter.circle_filled(pos2(badge.left() - 7.0, row1.y), 4.5, blue);
    } else if unresolved > 0 {
        // A small speech bubble with the count of unresolved comments.
        let blue = Color32::from_rgb(0x4a, 0x90, 0xe2);
        let galley = painter.layout_no_wrap(
            unresolved.to_string(),
            FontId::proportional(10.0),
            Color32::WHITE,
        );
        let bubble = Rect::from_min_size(
            pos2(badge.left() - galley.size().x - 16.0, row1.y - 8.0),
            galley.size() + vec2(8.0, 4.0),
        );
        painter.rect_filled(bubble, 3.0, blue);
        let tail = bubble.left_bottom() + vec2(3.0, 0.0);
        painter.add(egui::Shape::convex_polygon(
            vec![tail, tail + vec2(5.0, 0.0), tail + vec2(0.0, 4.0)],
            blue,
            Stroke::NONE,
        ));
        painter.galley(bubble.min + vec2(4.0, 2.0), galley, Color32::WHITE);
    }

    // Summary row, elided to the card width.
    let summary = panel.summary_line();
    if !summary.is_empty() {
        let mut job = egui::text::LayoutJob::simple_singleline(
            summary.to_owned(),
            FontId::proportional(12.0),
            visuals.text_color(),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 4.0);
        let galley = painter.layout_job(job);
        painter.galley(
            pos2(rect.left() + 2.0, frame_rect.bottom() + 22.0),
            galley,
            visuals.text_color(),
        );
    }

    if selected {
        painter.rect_stroke(
            rect.expand(4.0),
            6.0,
            Stroke::new(2.5, visuals.selection.stroke.color),
            StrokeKind::Outside,
        );
    } else if resp.hovered() {
        painter.rect_stroke(
            rect.expand(4.0),
            6.0,
            visuals.widgets.hovered.bg_stroke,
            StrokeKind::Outside,
        );
    }
    if dimmed || being_dragged {
        painter.rect_filled(
            rect.expand(4.0),
            6.0,
            visuals.panel_fill.gamma_multiply(0.7),
        );
    }
}
