//! The panel editor: draw a panel's frame with vector strokes.
//!
//! The editor never changes the board itself. It returns [`SketchAction`]s
//! the app applies through the document history: a finished stroke is one
//! [`Edit::AddStroke`] (one undo step). A stroke in progress lives only in
//! [`SketchEditor`] until [`SketchEditor::take_active`] hands it over; the
//! app calls that from every way out of a stroke (pointer release, panel
//! navigation, closing the editor, save, undo, quitting), so a stroke once
//! drawn is never dropped.
//!
//! Layer visibility, opacity and lock are *UI state* kept here, not saved in
//! the board: they are view choices while drawing (like zoom or the tool),
//! and exports always show every layer. Only strokes are document data.
//! So is "Flip view" (a mirrored look); "Mirror strokes" is the document edit.

mod bars;
mod cache;
pub mod geometry;
mod icons;
mod paint;
mod tools;
mod view;

use std::collections::BTreeSet;
use std::collections::HashSet;
use std::path::Path;

use egui::{Color32, Key, Modifiers, PointerButton, Pos2, Rect, Sense, Ui, Vec2, vec2};

use crate::edit::Edit;
use crate::model::{Board, Layer, Panel, PanelId, Rgba, Stroke, Tool};
use crate::render::LayerStyle;

use cache::{Frame, FrameImage, OnionCache, StrokeCache, texture_width};
use geometry::{RawPoint, SIMPLIFY_TOLERANCE, Stabiliser};
use paint::{missing_placeholder, paint_draft};
pub use tools::ToolKind;
use view::FrameView;

/// What the editor asks the app to do.
#[derive(Clone, Debug, PartialEq)]
// An edit carries a scene inline (insert, split): a few actions a frame
// at most, so boxing it would buy nothing but indirection.
#[allow(clippy::large_enum_variant)]
pub enum SketchAction {
    /// Apply an edit to the open panel (coalesced while a gesture lasts).
    Apply {
        edit: Edit,
        label: String,
        coalesce: Option<u64>,
    },
    /// A coalesced gesture (an eraser drag) ended.
    EndGesture,
    /// Open the previous (-1) or next (+1) panel in board order.
    Step(i32),
    /// A new panel after this one, opened in the editor.
    NewPanel,
    /// Back to the board.
    Close,
}

/// What the editor reads from the app each frame.
pub struct SketchInput<'a> {
    pub board: &'a Board,
    pub generation: u64,
    pub asset_dir: &'a Path,
    pub broken_assets: &'a HashSet<String>,
}

/// Which side panels the editor shows, remembered between runs: the
/// drawing gets the room unless the user asks for more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SketchPanels {
    /// The tool options panel (width, opacity, layers, panel actions).
    pub options: bool,
    /// The board's inspector beside the drawing.
    pub inspector: bool,
}

impl Default for SketchPanels {
    fn default() -> Self {
        Self {
            options: true,
            inspector: false,
        }
    }
}

/// Width of the icon strip of tools and colours.
const STRIP_WIDTH: f32 = 44.0;
/// Width of the tool options panel.
const OPTIONS_WIDTH: f32 = 240.0;
/// Windows narrower than this keep the tool options closed by default.
const NARROW_WINDOW: f32 = 1000.0;

/// How one layer is shown and whether it can be changed (UI state).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayerView {
    pub style: LayerStyle,
    pub locked: bool,
}

/// The storyboard palette offered as one-click swatches.
const PALETTE: [(&str, Rgba); 4] = [
    ("Black", Rgba::BLACK),
    ("Grey", Rgba::GREY),
    ("Blue", Rgba::BLUE),
    ("Red", Rgba::RED),
];

/// Zoom is relative to fit-to-window (1.0).
const ZOOM_RANGE: (f32, f32) = (0.25, 16.0);

/// Keys the editor reads itself, besides each tool's key.
const CLOSE_KEY: Key = Key::Escape;
const PREVIOUS_KEYS: [Key; 2] = [Key::PageUp, Key::OpenBracket];
const NEXT_KEYS: [Key; 2] = [Key::PageDown, Key::CloseBracket];
const FIT_KEY: Key = Key::Num0;
const FLIP_KEY: Key = Key::M;
/// Hides or shows every side panel, as painting apps do.
const PANELS_KEY: Key = Key::Tab;

/// Every key the editor reads itself (all without modifiers): the app's
/// shortcuts that stay live while sketching must leave them alone, which
/// the command table's tests check.
pub fn editor_keys() -> Vec<(Modifiers, Key)> {
    [CLOSE_KEY, FIT_KEY, FLIP_KEY, PANELS_KEY]
        .into_iter()
        .chain(PREVIOUS_KEYS)
        .chain(NEXT_KEYS)
        .chain(ToolKind::ALL.iter().map(|t| t.key()))
        .map(|k| (Modifiers::NONE, k))
        .collect()
}

/// A stroke being drawn.
struct Draft {
    panel: PanelId,
    tool: Tool,
    layer: Layer,
    color: Rgba,
    width: f32,
    opacity: f32,
    points: Vec<RawPoint>,
    stabiliser: Stabiliser,
    /// The latest unsmoothed pointer sample: the stroke ends exactly there.
    target: RawPoint,
    /// Shift held: a freehand tool draws a straight line.
    straight: bool,
}

impl Draft {
    fn into_stroke(self, aspect: f32) -> Option<Stroke> {
        let first = *self.points.first()?;
        let shape = !geometry::is_freehand(self.tool) || self.straight;
        let points = if shape {
            vec![first, self.target]
        } else {
            let mut points = self.points;
            if points.last() != Some(&self.target) {
                points.push(self.target);
            }
            geometry::simplify(&points, aspect, SIMPLIFY_TOLERANCE)
        };
        Some(Stroke {
            tool: if self.straight && geometry::is_freehand(self.tool) {
                Tool::Line
            } else {
                self.tool
            },
            layer: self.layer,
            color: self.color,
            width: self.width,
            opacity: self.opacity,
            points: points.into_iter().map(RawPoint::quantise).collect(),
        })
    }
}

enum Active {
    Draw(Draft),
    Erase { key: u64, last: RawPoint },
}

/// Editor state: the open panel, tool settings, view and caches.
pub struct SketchEditor {
    open: Option<PanelId>,
    pub tool: ToolKind,
    pub color: Rgba,
    /// Stroke width as a fraction of the panel height.
    pub width: f32,
    pub opacity: f32,
    /// Stabiliser strength 0 (none) to 0.95.
    pub smoothing: f32,
    pub layer: Layer,
    pub layers: [LayerView; 4],
    pub onion_skin: bool,
    /// The eraser cuts freehand strokes instead of removing them whole.
    pub partial_eraser: bool,
    /// The view is mirrored left to right (the board is not).
    flipped: bool,
    zoom: f32,
    pan: Vec2,
    active: Option<Active>,
    gestures: u64,
    clipboard: Vec<Stroke>,
    strokes: StrokeCache,
    onion: OnionCache,
    frame: FrameImage,
    /// A short hint shown in the tool bar (a refused action).
    hint: Option<String>,
    /// Where the frame was drawn last, in screen points.
    frame_on_screen: Option<Rect>,
    /// The drawing area on screen in the last frame.
    surface_rect: Option<Rect>,
    /// Which side panels are shown (remembered by the app).
    pub panels: SketchPanels,
    /// Tab hid every panel for a clear view of the drawing.
    pub hide_panels: bool,
    /// The tool options were asked for in a narrow window.
    options_when_narrow: bool,
}

impl Default for SketchEditor {
    fn default() -> Self {
        Self {
            open: None,
            tool: ToolKind::Draw(Tool::Pen),
            color: Rgba::BLACK,
            width: ToolKind::Draw(Tool::Pen).default_width(),
            opacity: 1.0,
            smoothing: 0.3,
            layer: Layer::Sketch,
            layers: [LayerView::default(); 4],
            onion_skin: false,
            partial_eraser: false,
            flipped: false,
            zoom: 1.0,
            pan: Vec2::ZERO,
            active: None,
            gestures: 0,
            clipboard: Vec::new(),
            strokes: StrokeCache::default(),
            onion: OnionCache::default(),
            frame: FrameImage::default(),
            hint: None,
            frame_on_screen: None,
            surface_rect: None,
            panels: SketchPanels::default(),
            hide_panels: false,
            options_when_narrow: false,
        }
    }
}

fn layer_index(layer: Layer) -> usize {
    Layer::ALL.iter().position(|l| *l == layer).unwrap_or(0)
}

impl SketchEditor {
    /// The panel being edited, if the editor is open.
    pub fn panel(&self) -> Option<PanelId> {
        self.open
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Open `panel`. Call [`Self::take_active`] first when switching.
    pub fn open(&mut self, panel: PanelId) {
        if self.open != Some(panel) {
            self.hint = None;
        }
        self.open = Some(panel);
    }

    /// Back to the board. Call [`Self::take_active`] first.
    pub fn close(&mut self) {
        self.open = None;
        self.hint = None;
    }

    /// True while a stroke or an eraser drag is in progress.
    pub fn is_drawing(&self) -> bool {
        self.active.is_some()
    }

    /// True while the view is mirrored left to right.
    pub fn is_view_flipped(&self) -> bool {
        self.flipped
    }

    /// Mirror the view, or show it the right way round again. Only what is
    /// shown changes, never the board.
    /// Ignored mid-stroke: the rest of the stroke would jump across the
    /// panel.
    pub fn toggle_view_flip(&mut self) {
        if self.active.is_none() {
            self.flipped = !self.flipped;
        }
    }

    /// The frame's rectangle on screen in the last frame drawn (for tests
    /// and benches that aim the pointer at panel coordinates). With the
    /// view flipped, panel x runs from the rectangle's right edge.
    pub fn frame_on_screen(&self) -> Option<Rect> {
        self.frame_on_screen
    }

    /// The drawing area (everything but the bars and side panels) in the
    /// last frame.
    pub fn surface_rect(&self) -> Option<Rect> {
        self.surface_rect
    }

    /// An editor showing the side panels the user chose last time.
    pub fn with_panels(panels: SketchPanels) -> Self {
        Self {
            panels,
            ..Self::default()
        }
    }

    /// Whether the tool options panel is shown in a window `width` wide.
    /// A narrow window (a small laptop, a split screen) keeps it closed
    /// unless asked for in this session, so the drawing keeps the room.
    fn shows_options(&self, width: f32) -> bool {
        if width < NARROW_WINDOW {
            self.options_when_narrow
        } else {
            self.panels.options
        }
    }

    /// Show or hide the tool options, in the way that fits the window.
    fn toggle_options(&mut self, width: f32) {
        self.hide_panels = false;
        if width < NARROW_WINDOW {
            self.options_when_narrow = !self.options_when_narrow;
        } else {
            self.panels.options = !self.panels.options;
        }
    }

    /// Whether the board's inspector is shown beside the drawing.
    pub fn wants_inspector(&self) -> bool {
        self.panels.inspector && !self.hide_panels
    }

    /// True while finished strokes are being rendered on a worker.
    pub fn is_rendering(&self) -> bool {
        self.strokes.is_rendering()
    }

    /// Full layer renders of the stroke cache so far (for tests and benches).
    pub fn cache_full_renders(&self) -> usize {
        self.strokes.full_renders()
    }

    /// End the gesture in progress and return what keeps it: the stroke
    /// being drawn as an `AddStroke`, or the end of an eraser drag. Every
    /// path out of a stroke calls this.
    pub fn take_active(&mut self, board: &Board) -> Option<SketchAction> {
        match self.active.take()? {
            Active::Draw(draft) => {
                let panel = draft.panel;
                board.panel(panel)?;
                let stroke = draft.into_stroke(board.aspect_ratio.ratio())?;
                Some(SketchAction::Apply {
                    label: format!("Draw {}", tool_noun(stroke.tool)),
                    edit: Edit::AddStroke { panel, stroke },
                    coalesce: None,
                })
            }
            Active::Erase { .. } => Some(SketchAction::EndGesture),
        }
    }

    /// Draw the editor into `ui` and handle its input.
    pub fn show(&mut self, ui: &mut Ui, input: &SketchInput<'_>) -> Vec<SketchAction> {
        let mut actions = Vec::new();
        let Some(panel) = self.open.and_then(|id| input.board.panel(id)) else {
            self.open = None;
            return actions;
        };
        self.keys(ui.ctx(), input.board, &mut actions);
        egui::Panel::top("sketch-bar")
            .show(ui, |ui| self.top_bar(ui, input.board, panel, &mut actions));
        if !self.hide_panels {
            egui::Panel::left("sketch-strip")
                .resizable(false)
                .exact_size(STRIP_WIDTH)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.tool_strip(ui));
                });
            if self.shows_options(ui.ctx().content_rect().width()) {
                egui::Panel::left("sketch-tools")
                    .resizable(false)
                    .exact_size(OPTIONS_WIDTH)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .show(ui, |ui| self.tool_bar(ui, panel, &mut actions));
                    });
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.surface_rect = Some(ui.max_rect());
            self.surface(ui, input, panel, &mut actions);
        });
        actions
    }

    fn keys(&mut self, ctx: &egui::Context, board: &Board, actions: &mut Vec<SketchAction>) {
        // Tab hides every panel, as painting apps do, unless it moves on
        // from a text field. egui has already moved the focus to the next
        // button by now; take it back.
        let focused = ctx.memory(|m| m.focused());

        let typing = focused.is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some());
        if !typing && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, PANELS_KEY)) {
            self.hide_panels = !self.hide_panels;
            if let Some(id) = focused {
                ctx.memory_mut(|m| m.surrender_focus(id));
            }
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let mut step = 0;
        let mut close = false;
        let mut fit = false;
        let mut flip = false;
        let mut copy = false;
        let mut paste = false;
        let mut picked = None;
        ctx.input_mut(|i| {
            close = i.consume_key(Modifiers::NONE, CLOSE_KEY);
            for key in PREVIOUS_KEYS {
                if i.consume_key(Modifiers::NONE, key) {
                    step = -1;
                }
            }
            for key in NEXT_KEYS {
                if i.consume_key(Modifiers::NONE, key) {
                    step = 1;
                }
            }
            fit = i.consume_key(Modifiers::NONE, FIT_KEY);
            flip = i.consume_key(Modifiers::NONE, FLIP_KEY);
            for tool in ToolKind::ALL {
                if i.consume_key(Modifiers::NONE, tool.key()) {
                    picked = Some(tool);
                }
            }
            i.events.retain(|e| match e {
                egui::Event::Copy => {
                    copy = true;
                    false
                }
                egui::Event::Paste(_) => {
                    paste = true;
                    false
                }
                _ => true,
            });
        });
        if let Some(tool) = picked {
            self.pick_tool(tool);
        }
        if fit {
            self.fit();
        }
        if flip {
            self.toggle_view_flip();
        }
        if let Some(panel) = self.open.and_then(|id| board.panel(id)) {
            if copy {
                self.copy_layer(panel);
            }
            if paste {
                actions.extend(self.paste_layer(panel));
            }
        }
        if step != 0 {
            actions.push(SketchAction::Step(step));
        }
        if close {
            actions.push(SketchAction::Close);
        }
    }

    fn pick_tool(&mut self, tool: ToolKind) {
        if self.tool != tool {
            self.tool = tool;
            self.width = tool.default_width();
        }
    }

    fn fit(&mut self) {
        self.zoom = 1.0;
        self.pan = Vec2::ZERO;
    }

    // ---- the drawing surface -------------------------------------------

    /// The frame's rectangle on screen inside `area`.
    fn frame_rect(&self, area: Rect, aspect: f32) -> Rect {
        let avail = area.shrink(16.0);
        let w = avail.width().min(avail.height() * aspect).max(16.0);
        let size = vec2(w, w / aspect) * self.zoom;
        Rect::from_center_size(area.center() + self.pan, size)
    }

    fn surface(
        &mut self,
        ui: &mut Ui,
        input: &SketchInput<'_>,
        panel: &Panel,
        actions: &mut Vec<SketchAction>,
    ) {
        let area = ui.available_rect_before_wrap();
        let response = ui.interact(
            area,
            egui::Id::unique("sketch-surface"),
            Sense::click_and_drag(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Drawing surface"));
        let aspect = input.board.aspect_ratio.ratio();
        self.navigate_view(ui, &response, area, aspect);
        let frame = self.frame_rect(area, aspect);
        self.frame_on_screen = Some(frame);
        let view = FrameView {
            rect: frame,
            flipped: self.flipped,
        };
        self.pointer(ui, &response, input.board, panel, view, actions);

        let painter = ui.painter_at(area);
        painter.rect_filled(area, 0.0, ui.visuals().extreme_bg_color);
        painter.rect_filled(frame, 0.0, Color32::WHITE);
        let uv = view.uv();
        let ctx = ui.ctx().clone();
        let reference = self.layers[0].style;
        if reference.is_drawn() {
            let path = panel
                .image
                .as_ref()
                .map(|a| input.asset_dir.join(a.as_str()));
            let broken = panel
                .image
                .as_ref()
                .is_some_and(|a| input.broken_assets.contains(a.as_str()));
            let tint = Color32::from_white_alpha((reference.opacity() * 255.0) as u8);
            match self.frame.get(&ctx, if broken { None } else { path }) {
                Frame::Image(texture) => {
                    painter.rect_filled(
                        frame,
                        0.0,
                        Color32::from_gray(0x2b).gamma_multiply(reference.opacity()),
                    );
                    let (placed, image_uv) = view.image_placement(texture.size());
                    painter.image(texture.id(), placed, image_uv, tint);
                }
                Frame::Missing => missing_placeholder(&painter, frame, reference.opacity()),
                Frame::None if broken => missing_placeholder(&painter, frame, reference.opacity()),
                Frame::None | Frame::Loading => {}
            }
        }
        if self.onion_skin {
            self.paint_onion(&ctx, &painter, input, panel, view);
        }
        let px = texture_width(frame.width() * ctx.pixels_per_point());
        let size = crate::render::render_size(input.board.aspect_ratio, px);
        self.strokes.update(&ctx, panel, input.generation, size);
        for layer in Layer::ALL {
            let style = self.layers[layer_index(layer)].style;
            if !style.is_drawn() {
                continue;
            }
            if let Some(texture) = self.strokes.texture(layer) {
                let tint = Color32::from_white_alpha((style.opacity() * 255.0).round() as u8);
                painter.image(texture.id(), frame, uv, tint);
            }
        }
        if let Some(Active::Draw(draft)) = &self.active {
            let alpha = self.layers[layer_index(draft.layer)].style.opacity();
            paint_draft(&painter, draft, view, alpha);
        }
        painter.rect_stroke(
            frame,
            0.0,
            egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
            egui::StrokeKind::Outside,
        );
        if self.tool == ToolKind::Eraser
            && let Some(pos) = response.hover_pos()
        {
            painter.circle_stroke(
                pos,
                self.width / 2.0 * frame.height(),
                egui::Stroke::new(1.0, Color32::from_gray(90)),
            );
        }
    }

    fn paint_onion(
        &mut self,
        ctx: &egui::Context,
        painter: &egui::Painter,
        input: &SketchInput<'_>,
        panel: &Panel,
        view: FrameView,
    ) {
        let order: Vec<&Panel> = input.board.panels().collect();
        let Some(at) = order.iter().position(|p| p.id == panel.id) else {
            return;
        };
        let size = crate::render::render_size(input.board.aspect_ratio, 512);
        let neighbours = [at.checked_sub(1), Some(at + 1)];
        for (n, tint) in neighbours.into_iter().zip([
            Color32::from_rgba_unmultiplied(255, 120, 120, 60),
            Color32::from_rgba_unmultiplied(120, 200, 120, 60),
        ]) {
            let Some(p) = n.and_then(|i| order.get(i)) else {
                continue;
            };
            if let Some(texture) = self.onion.texture(ctx, p, input.generation, size) {
                painter.image(texture.id(), view.rect, view.uv(), tint);
            }
        }
    }

    /// Zoom and pan: wheel or pinch zooms at the pointer, a plain wheel
    /// scrolls, Space+drag or a middle-button drag pans.
    fn navigate_view(&mut self, ui: &Ui, response: &egui::Response, area: Rect, aspect: f32) {
        let (zoom, scroll, space) = ui.input(|i| {
            (
                i.zoom_delta(),
                i.smooth_scroll_delta,
                i.key_down(Key::Space),
            )
        });
        if response.hovered() {
            if (zoom - 1.0).abs() > 1e-4 {
                let new_zoom = (self.zoom * zoom).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                let factor = new_zoom / self.zoom;
                if let Some(p) = response.hover_pos() {
                    let centre = area.center() + self.pan;
                    let new_centre = p - (p - centre) * factor;
                    self.pan = new_centre - area.center();
                }
                self.zoom = new_zoom;
            } else if scroll != Vec2::ZERO {
                self.pan += scroll;
            }
        }
        let panning = response.dragged_by(PointerButton::Middle)
            || (space && response.dragged_by(PointerButton::Primary) && self.active.is_none());
        if panning {
            self.pan += response.drag_delta();
        }
        // Never lose the frame off-screen entirely.
        let frame = self.frame_rect(area, aspect);
        let limit = (area.size() + frame.size()) / 2.0 - Vec2::splat(24.0);
        self.pan = self
            .pan
            .clamp(-limit.max(Vec2::ZERO), limit.max(Vec2::ZERO));
    }

    fn pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        board: &Board,
        panel: &Panel,
        view: FrameView,
        actions: &mut Vec<SketchAction>,
    ) {
        let to_panel = |p: Pos2, pressure: f32| view.to_panel(p, pressure);
        let (moves, force, origin, down, shift, space, dt) = ui.input(|i| {
            let mut moves = Vec::new();
            let mut touches = Vec::new();
            let mut force = None;
            for e in &i.events {
                match e {
                    egui::Event::PointerMoved(p) => moves.push(*p),
                    egui::Event::Touch { pos, force: f, .. } => {
                        touches.push(*pos);
                        force = f.or(force);
                    }
                    _ => {}
                }
            }
            // egui also reports a touch as pointer moves: take one of the two.
            if !touches.is_empty() {
                moves = touches;
            }
            (
                moves,
                force,
                i.pointer.press_origin(),
                i.pointer.primary_down(),
                i.modifiers.shift,
                i.key_down(Key::Space),
                i.unstable_dt.max(1.0 / 240.0),
            )
        });
        if self.active.is_none()
            && response.drag_started_by(PointerButton::Primary)
            && !space
            && let Some(origin) = origin
        {
            self.begin(to_panel(origin, force.unwrap_or(1.0)), panel.id);
        }
        let aspect = board.aspect_ratio.ratio();
        let mut erase_along = None;
        match &mut self.active {
            Some(Active::Draw(draft)) => {
                draft.straight = shift;
                let mut prev = draft.target;
                let n = moves.len().max(1) as f32;
                for p in &moves {
                    let mut sample = to_panel(*p, 1.0);
                    let travelled = geometry::segment_distance(sample, prev, prev, aspect);
                    sample.pressure = match force {
                        Some(f) => f.clamp(0.0, 1.0),
                        None if draft.tool == Tool::Pen => {
                            let target = geometry::speed_pressure(travelled / (dt / n));
                            prev.pressure + (target - prev.pressure) * 0.3
                        }
                        None => 1.0,
                    };
                    prev = sample;
                    draft.target = sample;
                    let smoothed = draft.stabiliser.follow(sample);
                    draft.points.push(smoothed);
                }
                if !moves.is_empty() {
                    ui.ctx().request_repaint();
                }
            }
            Some(Active::Erase { key, last }) => {
                let mut path = vec![*last];
                path.extend(moves.iter().map(|p| to_panel(*p, 1.0)));
                if let Some(end) = path.last() {
                    *last = *end;
                }
                erase_along = Some((*key, path));
            }
            None => {}
        }
        if let Some((key, path)) = erase_along
            && let Some(edit) = self.erase(panel, &path, aspect)
        {
            actions.push(SketchAction::Apply {
                edit,
                label: "Erase".into(),
                coalesce: Some(key),
            });
        }
        if !down && self.active.is_some() {
            actions.extend(self.take_active(board));
        }
    }

    fn begin(&mut self, at: RawPoint, panel: PanelId) {
        if !self.writable(self.layer) && self.tool != ToolKind::Eraser {
            return;
        }
        self.hint = None;
        self.active = Some(match self.tool {
            ToolKind::Eraser => {
                self.gestures += 1;
                Active::Erase {
                    // Distinct from the inspector's field keys (small hashes
                    // of field names are unlikely to share this prefix).
                    key: 0x5ce7_c400_0000_0000 | self.gestures,
                    last: at,
                }
            }
            ToolKind::Draw(tool) => Active::Draw(Draft {
                panel,
                tool,
                layer: self.layer,
                color: self.color,
                width: self.width,
                opacity: self.opacity,
                points: vec![at],
                stabiliser: Stabiliser::new(at, self.smoothing),
                target: at,
                straight: false,
            }),
        });
    }

    /// The edit erasing along `path` on visible, unlocked layers.
    fn erase(&self, panel: &Panel, path: &[RawPoint], aspect: f32) -> Option<Edit> {
        let radius = self.width / 2.0;
        let segments: Vec<(RawPoint, RawPoint)> = match path {
            [only] => vec![(*only, *only)],
            _ => path.windows(2).map(|w| (w[0], w[1])).collect(),
        };
        let erasable = |s: &Stroke| {
            let view = self.layers[layer_index(s.layer)];
            view.style.visible && !view.locked
        };
        let touched: BTreeSet<usize> = panel
            .strokes
            .iter()
            .enumerate()
            .filter(|(_, s)| erasable(s))
            .filter(|(_, s)| {
                segments
                    .iter()
                    .any(|(a, b)| geometry::touches(s, *a, *b, radius, aspect))
            })
            .map(|(i, _)| i)
            .collect();
        if touched.is_empty() {
            return None;
        }
        let remove = Edit::RemoveStrokes {
            panel: panel.id,
            indices: touched.iter().copied().collect(),
        };
        if !self.partial_eraser {
            return Some(remove);
        }
        // Replace each cut stroke by its pieces, at its place in the order.
        let mut items = Vec::new();
        let mut inserted = 0;
        for (removed_before, &i) in touched.iter().enumerate() {
            let stroke = &panel.strokes[i];
            let pieces = if geometry::is_freehand(stroke.tool) {
                segments
                    .iter()
                    .fold(vec![stroke.clone()], |pieces, (a, b)| {
                        pieces
                            .iter()
                            .flat_map(|p| geometry::split(p, *a, *b, radius, aspect))
                            .collect()
                    })
            } else {
                Vec::new()
            };
            let at = i - removed_before + inserted;
            for (k, piece) in pieces.into_iter().enumerate() {
                items.push((at + k, piece));
                inserted += 1;
            }
        }
        if items.is_empty() {
            return Some(remove);
        }
        Some(Edit::Batch(vec![
            remove,
            Edit::InsertStrokes {
                panel: panel.id,
                items,
            },
        ]))
    }
}

fn tool_noun(tool: Tool) -> &'static str {
    match tool {
        Tool::Pencil => "pencil stroke",
        Tool::Pen => "pen stroke",
        Tool::Brush => "brush stroke",
        Tool::Line => "line",
        Tool::Arrow => "arrow",
        Tool::Frame => "frame",
        Tool::Rect => "box",
        Tool::Ellipse => "ellipse",
    }
}
