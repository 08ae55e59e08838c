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

mod cache;
pub mod geometry;
mod tools;

use std::collections::BTreeSet;
use std::collections::HashSet;
use std::path::Path;

use egui::{
    Color32, Key, Modifiers, PointerButton, Pos2, Rect, RichText, Sense, Shape, Ui, Vec2, pos2,
    vec2,
};

use crate::edit::Edit;
use crate::model::{Board, Layer, Panel, PanelId, Rgba, Stroke, Tool};
use crate::render::LayerStyle;

use cache::{Frame, FrameImage, OnionCache, StrokeCache, texture_width};
use geometry::{RawPoint, SIMPLIFY_TOLERANCE, Stabiliser};
pub use tools::ToolKind;

/// What the editor asks the app to do.
#[derive(Clone, Debug, PartialEq)]
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
        }
    }
}

fn layer_index(layer: Layer) -> usize {
    Layer::ALL.iter().position(|l| *l == layer).unwrap_or(0)
}

fn color32(c: Rgba, alpha: f32) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(
        r,
        g,
        b,
        (f32::from(a) * alpha.clamp(0.0, 1.0)).round() as u8,
    )
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

    /// The frame's rectangle on screen in the last frame drawn (for tests
    /// and benches that aim the pointer at panel coordinates).
    pub fn frame_on_screen(&self) -> Option<Rect> {
        self.frame_on_screen
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
        egui::Panel::left("sketch-tools")
            .resizable(false)
            .default_size(210.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.tool_bar(ui, panel, &mut actions));
            });
        egui::CentralPanel::default().show(ui, |ui| self.surface(ui, input, panel, &mut actions));
        actions
    }

    fn keys(&mut self, ctx: &egui::Context, board: &Board, actions: &mut Vec<SketchAction>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let mut step = 0;
        let mut close = false;
        let mut fit = false;
        let mut copy = false;
        let mut paste = false;
        let mut picked = None;
        ctx.input_mut(|i| {
            close = i.consume_key(Modifiers::NONE, Key::Escape);
            for key in [Key::PageUp, Key::OpenBracket] {
                if i.consume_key(Modifiers::NONE, key) {
                    step = -1;
                }
            }
            for key in [Key::PageDown, Key::CloseBracket] {
                if i.consume_key(Modifiers::NONE, key) {
                    step = 1;
                }
            }
            fit = i.consume_key(Modifiers::NONE, Key::Num0);
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

    fn top_bar(
        &mut self,
        ui: &mut Ui,
        board: &Board,
        panel: &Panel,
        actions: &mut Vec<SketchAction>,
    ) {
        ui.horizontal(|ui| {
            if ui.button("Back to board").on_hover_text("Esc").clicked() {
                actions.push(SketchAction::Close);
            }
            ui.separator();
            let order: Vec<PanelId> = board.panels().map(|p| p.id).collect();
            let at = order.iter().position(|id| *id == panel.id).unwrap_or(0);
            if ui
                .add_enabled(at > 0, egui::Button::new("Previous panel"))
                .on_hover_text("Page Up or [")
                .clicked()
            {
                actions.push(SketchAction::Step(-1));
            }
            if ui
                .add_enabled(at + 1 < order.len(), egui::Button::new("Next panel"))
                .on_hover_text("Page Down or ]")
                .clicked()
            {
                actions.push(SketchAction::Step(1));
            }
            if ui
                .button("New panel")
                .on_hover_text("A new panel after this one, opened here (Ctrl+Enter)")
                .clicked()
            {
                actions.push(SketchAction::NewPanel);
            }
            ui.separator();
            let label = crate::model::shot_labels(board)
                .into_iter()
                .flatten()
                .nth(at)
                .map_or_else(String::new, |l| l.to_string());
            ui.label(format!("Panel {label} ({} of {})", at + 1, order.len()));
            ui.separator();
            if ui
                .button("Fit")
                .on_hover_text("Fit the frame to the window (0)")
                .clicked()
            {
                self.fit();
            }
            ui.label(format!("{:.0} %", self.zoom * 100.0));
            if let Some(hint) = &self.hint {
                ui.separator();
                ui.label(RichText::new(hint).color(ui.visuals().warn_fg_color));
            }
        });
    }

    fn tool_bar(&mut self, ui: &mut Ui, panel: &Panel, actions: &mut Vec<SketchAction>) {
        ui.heading("Tools");
        egui::Grid::new("sketch-tool-grid")
            .num_columns(3)
            .show(ui, |ui| {
                for (i, tool) in ToolKind::ALL.into_iter().enumerate() {
                    if ui
                        .selectable_label(self.tool == tool, tool.label())
                        .on_hover_text(tool.hint())
                        .clicked()
                    {
                        self.pick_tool(tool);
                    }
                    if i % 3 == 2 {
                        ui.end_row();
                    }
                }
            });
        if self.tool == ToolKind::Eraser {
            ui.checkbox(&mut self.partial_eraser, "Split strokes")
                .on_hover_text(
                    "Partial eraser: cut pen, pencil and brush strokes where the eraser passes",
                );
        }
        ui.separator();
        ui.label("Colour");
        ui.horizontal_wrapped(|ui| {
            for (name, colour) in PALETTE {
                let text = RichText::new(name).color(color32(colour, 1.0)).strong();
                if ui.selectable_label(self.color == colour, text).clicked() {
                    self.color = colour;
                }
            }
            let mut c = color32(self.color, 1.0);
            let label = ui.label("Custom");
            if ui
                .color_edit_button_srgba(&mut c)
                .labelled_by(label.id)
                .changed()
            {
                self.color = Rgba(c.to_srgba_unmultiplied());
            }
        });
        slider(ui, "Width", &mut self.width, 0.0005..=0.08, true);
        slider(ui, "Opacity", &mut self.opacity, 0.05..=1.0, false);
        slider(ui, "Smoothing", &mut self.smoothing, 0.0..=0.95, false)
            .on_hover_text("Stabiliser: higher values smooth out hand tremor");
        ui.separator();
        ui.heading("Layers");
        egui::Grid::new("sketch-layers")
            .num_columns(4)
            .show(ui, |ui| {
                ui.label("Layer");
                ui.label("Show");
                ui.label("Lock");
                ui.label("Opacity");
                ui.end_row();
                for layer in Layer::ALL.into_iter().rev() {
                    let name = layer.label();
                    if ui
                        .selectable_label(self.layer == layer, name)
                        .on_hover_text(format!("Draw on the {name} layer"))
                        .clicked()
                    {
                        self.layer = layer;
                    }
                    let view = &mut self.layers[layer_index(layer)];
                    let (visible, locked) = (view.style.visible, view.locked);
                    ui.add(egui::Checkbox::without_text(&mut view.style.visible))
                        .widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::CheckBox,
                                true,
                                visible,
                                format!("Show {name} layer"),
                            )
                        });
                    ui.add(egui::Checkbox::without_text(&mut view.locked))
                        .widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::CheckBox,
                                true,
                                locked,
                                format!("Lock {name} layer"),
                            )
                        });
                    let opacity = view.style.opacity;
                    ui.add(egui::Slider::new(&mut view.style.opacity, 0.0..=1.0).show_value(false))
                        .widget_info(|| {
                            egui::WidgetInfo::slider(
                                true,
                                f64::from(opacity),
                                format!("{name} opacity"),
                            )
                        });
                    ui.end_row();
                }
            });
        ui.checkbox(&mut self.onion_skin, "Onion skin")
            .on_hover_text("Show the previous and next panels faintly");
        ui.separator();
        ui.heading("Panel");
        if ui
            .button("Flip horizontal")
            .on_hover_text("Mirror every stroke of this panel left to right")
            .clicked()
            && !panel.strokes.is_empty()
        {
            actions.push(SketchAction::Apply {
                edit: Edit::SetStrokes {
                    panel: panel.id,
                    strokes: panel.strokes.iter().map(geometry::mirrored).collect(),
                },
                label: "Flip horizontal".into(),
                coalesce: None,
            });
        }
        if ui
            .button("Clear layer")
            .on_hover_text("Remove every stroke on the selected layer")
            .clicked()
        {
            actions.extend(self.clear_layer(panel));
        }
        ui.horizontal(|ui| {
            if ui
                .button("Copy layer")
                .on_hover_text("Copy the selected layer's strokes (Ctrl+C)")
                .clicked()
            {
                self.copy_layer(panel);
            }
            if ui
                .add_enabled(!self.clipboard.is_empty(), egui::Button::new("Paste layer"))
                .on_hover_text("Add the copied strokes to the selected layer (Ctrl+V)")
                .clicked()
            {
                actions.extend(self.paste_layer(panel));
            }
        });
    }

    /// Refuse changes to a locked layer, with a hint saying why.
    fn writable(&mut self, layer: Layer) -> bool {
        let view = self.layers[layer_index(layer)];
        if view.locked {
            self.hint = Some(format!("The {} layer is locked", layer.label()));
            false
        } else if !view.style.visible {
            self.hint = Some(format!("The {} layer is hidden", layer.label()));
            false
        } else {
            true
        }
    }

    fn clear_layer(&mut self, panel: &Panel) -> Option<SketchAction> {
        if !self.writable(self.layer) {
            return None;
        }
        let indices: Vec<usize> = (0..panel.strokes.len())
            .filter(|i| panel.strokes[*i].layer == self.layer)
            .collect();
        (!indices.is_empty()).then(|| SketchAction::Apply {
            edit: Edit::RemoveStrokes {
                panel: panel.id,
                indices,
            },
            label: format!("Clear {} layer", self.layer.label()),
            coalesce: None,
        })
    }

    fn copy_layer(&mut self, panel: &Panel) {
        self.clipboard = panel
            .strokes
            .iter()
            .filter(|s| s.layer == self.layer)
            .cloned()
            .collect();
        self.hint = Some(format!(
            "Copied {} stroke(s) from the {} layer",
            self.clipboard.len(),
            self.layer.label()
        ));
    }

    fn paste_layer(&mut self, panel: &Panel) -> Option<SketchAction> {
        if self.clipboard.is_empty() || !self.writable(self.layer) {
            return None;
        }
        let start = panel.strokes.len();
        let items = self
            .clipboard
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    start + i,
                    Stroke {
                        layer: self.layer,
                        ..s.clone()
                    },
                )
            })
            .collect();
        Some(SketchAction::Apply {
            edit: Edit::InsertStrokes {
                panel: panel.id,
                items,
            },
            label: format!("Paste onto {} layer", self.layer.label()),
            coalesce: None,
        })
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
        self.pointer(ui, &response, input.board, panel, frame, actions);

        let painter = ui.painter_at(area);
        painter.rect_filled(area, 0.0, ui.visuals().extreme_bg_color);
        painter.rect_filled(frame, 0.0, Color32::WHITE);
        let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
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
                    let [w, h] = texture.size();
                    let (fw, fh) = (frame.width().round() as u32, frame.height().round() as u32);
                    let (x, y, iw, ih) = crate::render::contain_rect(w as u32, h as u32, fw, fh);
                    painter.rect_filled(
                        frame,
                        0.0,
                        Color32::from_gray(0x2b).gamma_multiply(reference.opacity()),
                    );
                    let r = Rect::from_min_size(
                        frame.min + vec2(x as f32, y as f32),
                        vec2(iw as f32, ih as f32),
                    );
                    painter.image(texture.id(), r, uv, tint);
                }
                Frame::Missing => missing_placeholder(&painter, frame, reference.opacity()),
                Frame::None if broken => missing_placeholder(&painter, frame, reference.opacity()),
                Frame::None | Frame::Loading => {}
            }
        }
        if self.onion_skin {
            self.paint_onion(&ctx, &painter, input, panel, frame);
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
            paint_draft(&painter, draft, frame, alpha);
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
        frame: Rect,
    ) {
        let order: Vec<&Panel> = input.board.panels().collect();
        let Some(at) = order.iter().position(|p| p.id == panel.id) else {
            return;
        };
        let size = crate::render::render_size(input.board.aspect_ratio, 512);
        let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        let neighbours = [at.checked_sub(1), Some(at + 1)];
        for (n, tint) in neighbours.into_iter().zip([
            Color32::from_rgba_unmultiplied(255, 120, 120, 60),
            Color32::from_rgba_unmultiplied(120, 200, 120, 60),
        ]) {
            let Some(p) = n.and_then(|i| order.get(i)) else {
                continue;
            };
            if let Some(texture) = self.onion.texture(ctx, p, input.generation, size) {
                painter.image(texture.id(), frame, uv, tint);
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
        frame: Rect,
        actions: &mut Vec<SketchAction>,
    ) {
        let to_panel = |p: Pos2, pressure: f32| RawPoint {
            x: (p.x - frame.min.x) / frame.width(),
            y: (p.y - frame.min.y) / frame.height(),
            pressure,
        };
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

fn slider(
    ui: &mut Ui,
    name: &str,
    value: &mut f32,
    range: std::ops::RangeInclusive<f32>,
    log: bool,
) -> egui::Response {
    let label = ui.label(name);
    ui.add(
        egui::Slider::new(value, range)
            .logarithmic(log)
            .show_value(false),
    )
    .labelled_by(label.id)
}

fn missing_placeholder(painter: &egui::Painter, frame: Rect, opacity: f32) {
    let grey = Color32::from_gray(0xb0).gamma_multiply(opacity);
    painter.rect_filled(frame, 0.0, grey);
    let line = egui::Stroke::new(2.0, Color32::from_gray(0x70).gamma_multiply(opacity));
    painter.line_segment([frame.left_top(), frame.right_bottom()], line);
    painter.line_segment([frame.right_top(), frame.left_bottom()], line);
}

/// The stroke being drawn, tessellated live with egui shapes (the only
/// stroke not drawn from the cache).
fn paint_draft(painter: &egui::Painter, draft: &Draft, frame: Rect, layer_alpha: f32) {
    let to_screen = |p: RawPoint| {
        pos2(
            frame.min.x + p.x * frame.width(),
            frame.min.y + p.y * frame.height(),
        )
    };
    let width = (draft.width * frame.height()).max(0.75);
    let colour = |extra: f32| color32(draft.color, draft.opacity * layer_alpha * extra);
    let (Some(first), last) = (draft.points.first().copied(), draft.target) else {
        return;
    };
    let (a, b) = (to_screen(first), to_screen(last));
    let tool = if draft.straight && geometry::is_freehand(draft.tool) {
        Tool::Line
    } else {
        draft.tool
    };
    match tool {
        Tool::Pencil | Tool::Brush => {
            let mut points: Vec<Pos2> = draft.points.iter().map(|p| to_screen(*p)).collect();
            points.push(b);
            let (w, alpha) = if tool == Tool::Brush {
                (width * 0.8, 0.6)
            } else {
                (width, 0.7)
            };
            painter.add(Shape::line(points, egui::Stroke::new(w, colour(alpha))));
        }
        Tool::Pen => {
            let c = colour(1.0);
            let mut prev: Option<(Pos2, f32)> = None;
            for p in draft.points.iter().chain(std::iter::once(&draft.target)) {
                let (pos, w) = (to_screen(*p), width * (0.3 + 0.7 * p.pressure));
                if let Some((q, qw)) = prev {
                    painter.line_segment([q, pos], egui::Stroke::new((w + qw) / 2.0, c));
                }
                painter.circle_filled(pos, w / 2.0, c);
                prev = Some((pos, w));
            }
        }
        Tool::Line => {
            painter.line_segment([a, b], egui::Stroke::new(width, colour(1.0)));
        }
        Tool::Arrow => {
            let stroke = egui::Stroke::new(width, colour(1.0));
            painter.line_segment([a, b], stroke);
            let dir = (b - a).normalized();
            if dir.is_finite() && dir != Vec2::ZERO {
                let head = (width * 4.0).max(frame.height() * 0.03);
                let back = b - dir * head;
                let side = dir.rot90() * head * 0.5;
                painter.line_segment([b, back + side], stroke);
                painter.line_segment([b, back - side], stroke);
            }
        }
        Tool::Frame => {
            let r = Rect::from_two_pos(a, b);
            let dash = (width * 4.0).max(frame.height() / 60.0);
            let corners = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            painter.extend(Shape::dashed_line(
                &corners,
                egui::Stroke::new(width, colour(1.0)),
                dash,
                dash * 0.6,
            ));
        }
        Tool::Rect => {
            painter.rect_stroke(
                Rect::from_two_pos(a, b),
                0.0,
                egui::Stroke::new(width, colour(1.0)),
                egui::StrokeKind::Middle,
            );
        }
        Tool::Ellipse => {
            let r = Rect::from_two_pos(a, b);
            painter.add(Shape::ellipse_stroke(
                r.center(),
                r.size() / 2.0,
                egui::Stroke::new(width, colour(1.0)),
            ));
        }
    }
}
