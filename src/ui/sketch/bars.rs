//! The editor's bars: panel navigation on top, tools, colours, layers and
//! panel-wide actions on the left.

use egui::{RichText, Sense, Ui};

use crate::edit::Edit;
use crate::model::{Board, Layer, Panel, PanelId, Rgba, Stroke};

use super::paint::color32;
use super::{PALETTE, SketchAction, SketchEditor, ToolKind, geometry, icons, layer_index};

impl SketchEditor {
    pub(super) fn top_bar(
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
            ui.separator();
            let width = ui.ctx().content_rect().width();
            if ui
                .selectable_label(self.shows_options(width) && !self.hide_panels, "Options")
                .on_hover_text("Show or hide the tool options (Tab hides every panel)")
                .clicked()
            {
                self.toggle_options(width);
            }
            if ui
                .selectable_label(self.wants_inspector(), "Inspector")
                .on_hover_text("Show the panel's words and shot facts beside the drawing")
                .clicked()
            {
                self.hide_panels = false;
                self.panels.inspector = !self.panels.inspector;
            }
            if let Some(hint) = &self.hint {
                ui.separator();
                ui.label(RichText::new(hint).color(ui.visuals().warn_fg_color));
            }
        });
    }

    /// The narrow strip of tool icons and colour swatches: everything a
    /// stroke needs, taking little of the drawing's room.
    pub(super) fn tool_strip(&mut self, ui: &mut Ui) {
        ui.spacing_mut().item_spacing.y = 4.0;
        for tool in ToolKind::ALL {
            let selected = self.tool == tool;
            let (rect, response) = ui.allocate_exact_size(egui::vec2(32.0, 32.0), Sense::click());
            let response = response.on_hover_text(tool.hint());
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, tool.label())
            });
            let visuals = ui.style().interact_selectable(&response, selected);
            if selected || response.hovered() {
                ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
            }
            icons::paint_tool(ui.painter(), rect, tool, visuals.fg_stroke.color);
            if response.clicked() {
                self.pick_tool(tool);
            }
        }
        ui.separator();
        for (name, colour) in PALETTE {
            let selected = self.color == colour;
            let (rect, response) = ui.allocate_exact_size(egui::vec2(32.0, 24.0), Sense::click());
            let response = response.on_hover_text(name);
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    selected,
                    format!("Colour {name}"),
                )
            });
            let outline = swatch_outline(ui.visuals(), selected);
            ui.painter()
                .rect_filled(rect.shrink(3.0), 3.0, color32(colour, 1.0));
            ui.painter()
                .rect_stroke(rect.shrink(2.0), 3.0, outline, egui::StrokeKind::Outside);
            if response.clicked() {
                self.color = colour;
            }
        }
        let mut c = color32(self.color, 1.0);
        ui.spacing_mut().interact_size = egui::vec2(32.0, 20.0);
        let custom = ui
            .color_edit_button_srgba(&mut c)
            .on_hover_text("Any other colour");
        custom.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Custom colour"));
        if custom.changed() {
            self.color = Rgba(c.to_srgba_unmultiplied());
        }
    }

    pub(super) fn tool_bar(&mut self, ui: &mut Ui, panel: &Panel, actions: &mut Vec<SketchAction>) {
        ui.heading(self.tool.label());
        if self.tool == ToolKind::Eraser {
            ui.checkbox(&mut self.partial_eraser, "Split strokes")
                .on_hover_text(
                    "Partial eraser: cut pen, pencil and brush strokes where the eraser passes",
                );
        }
        slider(ui, "Width", &mut self.width, 0.0005..=0.08, true);
        slider(ui, "Opacity", &mut self.opacity, 0.05..=1.0, false);
        slider(ui, "Smoothing", &mut self.smoothing, 0.0..=0.95, false)
            .on_hover_text("Stabiliser: higher values smooth out hand tremor");
        ui.separator();
        ui.heading("Layers");
        egui::Grid::new("sketch-layers")
            .num_columns(4)
            .spacing([6.0, 4.0])
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
                    ui.spacing_mut().slider_width = 36.0;
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
        ui.checkbox(&mut self.flipped, "Flip view").on_hover_text(
            "Show the panel mirrored, image and strokes, to check the composition; \
             the board is not changed (M)",
        );
        ui.separator();
        ui.heading("Panel");
        if ui
            .button("Mirror strokes")
            .on_hover_text(
                "Mirror every stroke of this panel left to right (an edit; the image stays)",
            )
            .clicked()
            && !panel.strokes.is_empty()
        {
            actions.push(SketchAction::Apply {
                edit: Edit::SetStrokes {
                    panel: panel.id,
                    strokes: panel.strokes.iter().map(geometry::mirrored).collect(),
                },
                label: "Mirror strokes".into(),
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
    pub(super) fn writable(&mut self, layer: Layer) -> bool {
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

    pub(super) fn copy_layer(&mut self, panel: &Panel) {
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

    pub(super) fn paste_layer(&mut self, panel: &Panel) -> Option<SketchAction> {
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

/// The ring around a colour swatch: visible against the panel whatever the
/// swatch's colour (black on a dark theme), and strongest when selected.
fn swatch_outline(visuals: &egui::Visuals, selected: bool) -> egui::Stroke {
    if selected {
        egui::Stroke::new(2.0, visuals.selection.stroke.color)
    } else {
        egui::Stroke::new(1.0, visuals.text_color())
    }
}

/// WCAG contrast ratio of two opaque colours (1 to 21).
#[cfg(test)]
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    fn luminance(c: egui::Color32) -> f32 {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every swatch is told apart from the panel by its ring (WCAG's 3:1
    /// for graphics), and the names in tooltips and the bar read at AA's
    /// 4.5:1, in both themes.
    #[test]
    fn swatches_and_labels_are_readable_in_both_themes() {
        for visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            let bg = visuals.panel_fill;
            assert!(contrast(visuals.text_color(), bg) >= 4.5);
            for selected in [false, true] {
                let ring = swatch_outline(&visuals, selected).color;
                assert!(
                    contrast(ring, bg) >= 3.0,
                    "ring {ring:?} on {bg:?} (selected: {selected}, dark: {})",
                    visuals.dark_mode
                );
            }
            // The selected tool's icon on its highlight.
            assert!(contrast(visuals.selection.stroke.color, visuals.selection.bg_fill) >= 3.0);
        }
    }
}
