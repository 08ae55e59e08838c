//! The Help menu and the desktop-app chrome around the board: the
//! keyboard-shortcuts sheet, the Getting started overlay on the first
//! launch, About, the logs folder, the crash notice after a crash, and the
//! preferences that change the whole window (theme, scale, layout).
//!
//! The app shell holds a [`DesktopState`](super::desktop_state) and calls
//! [`ShotboardApp::help_command`] and [`ShotboardApp::show_help`].

use egui::{Align2, Context, RichText};

use std::path::Path;

use super::ShotboardApp;
use crate::ui::commands::AppCommand;
use crate::ui::crash::{self, Flushed};
use crate::ui::dialogs::FileRequest;
use crate::ui::file_chooser::FilePurpose;
use crate::ui::logs;
use crate::ui::shortcuts;

/// Licences of the fonts in the binary: DejaVu Sans draws exported PDFs and
/// images, egui's own fonts draw the window.
const FONTS: [(&str, &str, &str); 5] = [
    (
        "DejaVu Sans",
        "exports",
        "Bitstream Vera Fonts licence, DejaVu changes in the public domain",
    ),
    ("Ubuntu Light", "the window", "Ubuntu Font Licence 1.0"),
    ("Hack", "the window", "MIT, and the Bitstream Vera licence"),
    ("Noto Emoji", "the window", "SIL Open Font Licence 1.1"),
    ("emoji-icon-font (egui's icons)", "the window", "MIT"),
];

const DEJAVU_LICENSE: &str = include_str!("../../../assets/fonts/DejaVu-LICENSE.txt");
/// Every library compiled into Shotboard with its licence, one per line;
/// `tests/licences.rs` keeps it equal to Cargo.lock.
const THIRD_PARTY: &str = include_str!("../../../assets/licenses/THIRD-PARTY.txt");

impl ShotboardApp {
    /// Runs a Help-menu command.
    pub(super) fn help_command(&mut self, command: AppCommand) {
        match command {
            AppCommand::Shortcuts => self.desktop.shortcuts_open = true,
            AppCommand::GettingStarted => self.desktop.getting_started_open = true,
            AppCommand::About => self.desktop.about_open = true,
            AppCommand::OpenLogsFolder => self.open_logs_folder(),
            _ => {}
        }
    }

    fn open_logs_folder(&mut self) {
        let dir = logs::logs_dir(&self.data_dir);
        let shown = std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| self.chooser.reveal(&dir));
        match shown {
            Ok(()) => self.notify(format!("Logs and crash reports: {}", dir.display()), false),
            Err(e) => self.notify(format!("Could not open {}: {e}", dir.display()), true),
        }
    }

    /// Once a frame: the remembered window settings, then the Help windows.
    pub(super) fn show_help(&mut self, ctx: &Context) {
        self.apply_window_prefs(ctx);
        self.crash_notice(ctx);
        self.getting_started(ctx);
        self.shortcuts_window(ctx);
        self.about_window(ctx);
    }

    /// On the first frame the layout and autosave delay the user left;
    /// theme and scale whenever they change; and the layout is noted for
    /// the next start.
    fn apply_window_prefs(&mut self, ctx: &Context) {
        if !self.desktop.started {
            self.desktop.started = true;
            self.review.timeline.visible = self.prefs.timeline_visible;
            self.shot_list.visible = self.prefs.shot_list_visible;
            self.safety.autosave_delay = self.prefs.autosave_delay();
        }
        self.prefs.timeline_visible = self.review.timeline.visible;
        self.prefs.shot_list_visible = self.shot_list.visible;
        let wanted = (self.prefs.theme, self.prefs.ui_scale());
        if self.desktop.applied != Some(wanted) {
            // Left to egui until the user picks something else, so a
            // default start changes nothing.
            if self.desktop.applied.is_some() || wanted != (Default::default(), 1.0) {
                ctx.set_theme(wanted.0.egui());
                ctx.set_zoom_factor(wanted.1);
            }
            self.desktop.applied = Some(wanted);
        }
    }

    fn crash_notice(&mut self, ctx: &Context) {
        let Some(report) = self.desktop.crash_report.clone() else {
            return;
        };
        let mut close = false;
        let mut open_folder = false;
        // A modal drawn after the recovery prompts, so it is read first:
        // it says why they are there.
        let response =
            egui::Modal::new(egui::Id::unique("shotboard-crash-notice")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading("Shotboard closed unexpectedly");
                let work = match crash::flushed_in(&report) {
                    Flushed::Written => "Your work since the last save was recovered: \
                        it is offered to you now, or when you open the board."
                        .to_owned(),
                    Flushed::NothingUnsaved => {
                        "Nothing was unsaved, so nothing was lost.".to_owned()
                    }
                    Flushed::Failed(why) => format!(
                        "Your latest changes could not be recovered ({why}); \
                         the last autosave is offered if there is one."
                    ),
                };
                ui.label(work);
                ui.add_space(6.0);
                ui.label("A crash report (no board content) was written to:");
                ui.label(RichText::new(report.display().to_string()).monospace());
                ui.label("Sending it with a bug report helps fix the problem.");
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    open_folder = ui.button("Open logs folder").clicked();
                    close = ui.button("OK").clicked();
                });
            });
        close |= response.should_close();
        if open_folder {
            self.open_logs_folder();
        }
        if close || open_folder {
            self.desktop.crash_report = None;
        }
    }

    fn getting_started(&mut self, ctx: &Context) {
        if !self.desktop.getting_started_open {
            return;
        }
        let key = |command: AppCommand| command.formatted_shortcut(ctx).unwrap_or_default();
        // The demo is the untitled board the app starts with.
        let demo = self.doc.path().is_none() && self.doc.board().panel_count() > 0;
        let mut open = true;
        let mut done = false;
        let mut shortcuts = false;
        egui::Window::new("Getting started")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.set_max_width(440.0);
                ui.label(if demo {
                    "A board is a row of panels grouped into scenes. You are looking \
                     at the demo board; New in the File menu starts an empty one."
                } else {
                    "A board is a row of panels grouped into scenes; New in the File \
                     menu starts an empty one."
                });
                ui.add_space(6.0);
                for line in [
                    format!(
                        "{} adds a panel, {} types its action, {} (or a double-click) draws it.",
                        key(AppCommand::NewPanel),
                        key(AppCommand::FocusAction),
                        key(AppCommand::OpenSketch)
                    ),
                    format!(
                        "Drag cards to reorder them; {} undoes anything.",
                        key(AppCommand::Undo)
                    ),
                    format!(
                        "{} presents full screen, {} plays the animatic.",
                        key(AppCommand::Present),
                        key(AppCommand::PlayPause)
                    ),
                    format!(
                        "{} finds any command by name; {} lists every shortcut.",
                        key(AppCommand::CommandPalette),
                        key(AppCommand::Shortcuts)
                    ),
                    "Changes are kept in a recovery copy seconds after you make them, \
                     so a crash or a power cut costs nothing."
                        .to_owned(),
                ] {
                    ui.label(format!("•  {line}"));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    shortcuts = ui.button("Keyboard shortcuts").clicked();
                    done = ui.button("Got it").clicked();
                });
                ui.label(
                    RichText::new("Getting started in the Help menu shows this again.")
                        .weak()
                        .small(),
                );
            });
        if shortcuts {
            self.desktop.shortcuts_open = true;
        }
        if done || shortcuts || !open {
            self.desktop.getting_started_open = false;
            if !self.prefs.getting_started_seen {
                self.prefs.getting_started_seen = true;
                // Now, not at exit: "for good" survives a crash or a kill.
                self.save_prefs();
            }
        }
    }

    fn shortcuts_window(&mut self, ctx: &Context) {
        if !self.desktop.shortcuts_open {
            return;
        }
        let mut open = true;
        let mut save = false;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .default_pos(below_menu_bar(ctx))
            .default_size([520.0, 560.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Ctrl is Cmd on macOS.");
                    save = ui
                        .button("Save printable copy…")
                        .on_hover_text("An HTML page to print from your browser")
                        .clicked();
                });
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for section in shortcuts::sheet(ctx.os()) {
                        ui.heading(section.title);
                        egui::Grid::new(("shortcuts", section.title))
                            .num_columns(2)
                            .min_col_width(220.0)
                            .striped(true)
                            .show(ui, |ui| {
                                for row in &section.rows {
                                    ui.label(row.command.text())
                                        .on_hover_text(row.command.tooltip());
                                    ui.label(RichText::new(row.keys.join("   ")).monospace());
                                    ui.end_row();
                                }
                            });
                        ui.add_space(8.0);
                    }
                });
            });
        self.desktop.shortcuts_open = open;
        if save {
            self.save_shortcuts_page(ctx);
        }
    }

    fn save_shortcuts_page(&mut self, ctx: &Context) {
        let request = FileRequest::export("Shotboard keyboard shortcuts", Some("html"));
        self.ask_file(ctx, request, FilePurpose::ShortcutsPage);
    }

    /// The printable shortcuts page was written to `path` (or not): open
    /// it for printing.
    pub(super) fn shortcuts_page_saved(&mut self, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.notify(format!("Saved {}", path.display()), false);
                if let Err(e) = self.chooser.reveal(path) {
                    self.notify(
                        format!("Saved {}, but could not open it: {e}", path.display()),
                        true,
                    );
                }
            }
            Err(e) => self.notify(format!("Could not save {}: {e}", path.display()), true),
        }
    }

    fn about_window(&mut self, ctx: &Context) {
        let mut open = self.desktop.about_open;
        egui::Window::new("About Shotboard")
            .open(&mut open)
            .collapsible(false)
            .default_pos(below_menu_bar(ctx))
            .default_size([480.0, 420.0])
            .show(ctx, |ui| {
                ui.heading("Shotboard");
                ui.label(env!("CARGO_PKG_DESCRIPTION"));
                ui.label(format!("Version {}", crash::VERSION));
                ui.label(format!("Running on {}", crash::system_description()));
                ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
                ui.separator();
                ui.strong("Bundled fonts");
                egui::Grid::new("about-fonts")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (font, used_for, licence) in FONTS {
                            ui.label(format!("{font} ({used_for})"));
                            ui.label(licence);
                            ui.end_row();
                        }
                    });
                ui.collapsing("DejaVu fonts licence", |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("about-dejavu")
                        .max_height(160.0)
                        .show(ui, |ui| ui.label(RichText::new(DEJAVU_LICENSE).small()));
                });
                ui.collapsing(
                    format!("Libraries ({})", THIRD_PARTY.lines().count()),
                    |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("about-libraries")
                            .max_height(200.0)
                            .show(ui, |ui| {
                                ui.label(RichText::new(THIRD_PARTY).monospace().small())
                            });
                    },
                );
            });
        self.desktop.about_open = open;
    }
}

/// Where a Help window first opens: clear of the menu bar.
fn below_menu_bar(ctx: &Context) -> egui::Pos2 {
    ctx.content_rect().left_top() + egui::vec2(80.0, 60.0)
}
