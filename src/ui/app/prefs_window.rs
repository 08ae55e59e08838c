//! The Preferences window (Edit → Preferences…): your name, what new
//! boards start with, how soon edits are autosaved, and how the window
//! looks. Changes apply at once and are saved with the other preferences.

use egui::Context;

use crate::model::Fps;

use super::ShotboardApp;
use crate::ui::prefs::{self, AUTOSAVE_SECS, Theme};

/// The UI scales offered: small laptop screens up to projectors.
const SCALES: [f32; 7] = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5];

impl ShotboardApp {
    pub(super) fn show_preferences(&mut self, ctx: &Context) {
        let mut open = self.review.prefs_open;
        // Kept below the menu bar, which it used to cover: where it opens,
        // where it is dragged, and where an older session left it.
        let room = crate::ui::menus::below_menu_bar(ctx);
        egui::Window::new("Preferences")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .constrain_to(room)
            .default_pos(room.left_top() + egui::vec2(80.0, 36.0))
            .show(ctx, |ui| {
                egui::Grid::new("prefs-grid")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| self.preference_rows(ui));
            });
        self.review.prefs_open = open;
    }

    fn preference_rows(&mut self, ui: &mut egui::Ui) {
        let prefs = &mut self.prefs;
        let label = ui.label("Your name (signs your comments and new boards)");
        ui.add(egui::TextEdit::singleline(&mut prefs.author).id_salt("prefs-author"))
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label("Frame rate of new boards");
        egui::ComboBox::from_id_salt("prefs-fps")
            .selected_text(prefs.default_fps.label())
            .show_ui(ui, |ui| {
                for fps in Fps::ALL {
                    ui.selectable_value(&mut prefs.default_fps, fps, fps.label());
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label("Panel duration of new boards (seconds)");
        let mut seconds = f64::from(prefs.default_duration_ms) / 1000.0;
        if ui
            .add(
                egui::DragValue::new(&mut seconds)
                    .range(0.1..=60.0)
                    .speed(0.05)
                    .fixed_decimals(2),
            )
            .labelled_by(label.id)
            .changed()
        {
            prefs.default_duration_ms = (seconds * 1000.0).round() as u32;
        }
        ui.end_row();

        let label = ui.label("Autosave after (seconds without edits)");
        if ui
            .add(egui::Slider::new(&mut prefs.autosave_secs, AUTOSAVE_SECS))
            .labelled_by(label.id)
            .changed()
        {
            self.safety.autosave_delay = prefs.autosave_delay();
        }
        ui.end_row();

        let label = ui.label("Theme");
        ui.horizontal(|ui| {
            for theme in Theme::ALL {
                ui.radio_value(&mut prefs.theme, theme, theme.label());
            }
        })
        .response
        .labelled_by(label.id);
        ui.end_row();

        let label = ui.label("Size of everything on screen");
        let current = prefs.ui_scale();
        egui::ComboBox::from_id_salt("prefs-scale")
            .selected_text(format!("{:.0} %", current * 100.0))
            .show_ui(ui, |ui| {
                for scale in SCALES {
                    ui.selectable_value(
                        &mut prefs.ui_scale,
                        scale,
                        format!("{:.0} %", scale * 100.0),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    }
}

impl ShotboardApp {
    /// Writes the preferences file, merged with what another running
    /// Shotboard saved meanwhile (see `prefs::save`); boards it opened
    /// join this one's Open Recent.
    pub(super) fn save_prefs(&mut self) {
        match prefs::save(&self.data_dir, &self.desktop.prefs_base, &self.prefs) {
            Ok(merged) => {
                self.prefs.recent = merged.recent;
                // What this instance holds now is what the next save
                // compares against: only later changes overwrite others'.
                self.desktop.prefs_base = self.prefs.clone();
            }
            Err(e) => log::warn!(
                "could not save the preferences in {}: {e}",
                self.data_dir.display()
            ),
        }
    }
}
