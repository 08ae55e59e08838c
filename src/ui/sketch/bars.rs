//! The editor's bars: panel navigation on top, tools, colours, layers and
//! panel-wide actions on the left.

use egui::{RichText, Ui};

use crate::edit::Edit;
use crate::model::{Board, Layer, Panel, PanelId, Rgba, Stroke};

use super::paint::color32;
use super::{PALETTE, SketchAction, SketchEditor, ToolKind, geometry, layer_index};

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
            if let Some(hint) = &self.hint {
                ui.separator();
                ui.label(RichText::new(hint).color(ui.visuals().warn_fg_color));
            }
        });
    }

    pub(super) fn tool_bar(&mut self, ui: &mut Ui, panel: &Panel, actions: &mut Vec<SketchAction>) {
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
