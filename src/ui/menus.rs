//! The menu bar and toolbar buttons, generated from the command table.
//!
//! Nothing here changes the app: each returns what the user picked, and the
//! app runs it.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::commands::{AppCommand, CommandState, Menu};

/// The window's area below the menu bar (as laid out last frame), for
/// windows that must never cover the menus.
pub fn below_menu_bar(ctx: &egui::Context) -> egui::Rect {
    let mut area = ctx.content_rect();
    if let Some(bottom) = ctx.data(|d| d.get_temp::<f32>(menu_bar_bottom_id())) {
        area.min.y = area.min.y.max(bottom);
    }
    area
}

fn menu_bar_bottom_id() -> egui::Id {
    egui::Id::unique("menu-bar-bottom")
}

/// What the user picked from the menu bar.
#[derive(Clone, Debug, PartialEq)]
pub enum MenuAction {
    Run(AppCommand),
    OpenRecent(PathBuf),
}

/// Draw the menu bar; returns what was picked.
pub fn menu_bar(ui: &mut Ui, state: &CommandState, recent: &[PathBuf]) -> Option<MenuAction> {
    let mut picked = None;
    let bar = egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                let mut group = None;
                for (command, g) in AppCommand::in_menu(menu) {
                    if group.is_some_and(|last| last != g) {
                        ui.separator();
                    }
                    group = Some(g);
                    if menu_item(ui, command, state) {
                        picked = Some(MenuAction::Run(command));
                    }
                    if command == AppCommand::Open
                        && let Some(path) = recent_menu(ui, recent)
                    {
                        picked = Some(MenuAction::OpenRecent(path));
                    }
                }
            });
        }
    });
    // Where the menus end, for windows that keep below them.
    let bottom = bar.response.rect.bottom() + ui.spacing().item_spacing.y;
    ui.ctx()
        .data_mut(|d| d.insert_temp(menu_bar_bottom_id(), bottom));
    picked
}

/// One menu entry with its shortcut in the platform's spelling.
fn menu_item(ui: &mut Ui, command: AppCommand, state: &CommandState) -> bool {
    let mut button = egui::Button::new(state.label(command));
    if let Some(shortcut) = command.formatted_shortcut(ui.ctx()) {
        button = button.shortcut_text(shortcut);
    }
    ui.add_enabled(state.enabled(command), button)
        .on_hover_text(command.tooltip())
        .on_disabled_hover_text(state.disabled_reason(command))
        .clicked()
}

fn recent_menu(ui: &mut Ui, recent: &[PathBuf]) -> Option<PathBuf> {
    let mut picked = None;
    ui.menu_button("Open Recent", |ui| {
        if recent.is_empty() {
            ui.label(RichText::new("No recent boards").weak());
        }
        for path in recent {
            if ui
                .button(file_name(path))
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                picked = Some(path.clone());
            }
        }
    });
    picked
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A toolbar button for a command: `text` on the button (short), the
/// table's tooltip and shortcut on hover, off when the command can't run.
pub fn toolbar_button(ui: &mut Ui, command: AppCommand, text: &str, state: &CommandState) -> bool {
    ui.add_enabled(state.enabled(command), egui::Button::new(text))
        .on_hover_text(hover_text(ui.ctx(), command))
        .on_disabled_hover_text(state.disabled_reason(command))
        .clicked()
}

/// Like [`toolbar_button`], drawn selected while `on` (a view toggle).
pub fn toolbar_toggle(ui: &mut Ui, command: AppCommand, text: &str, on: bool) -> bool {
    ui.selectable_label(on, text)
        .on_hover_text(hover_text(ui.ctx(), command))
        .clicked()
}

/// "Tooltip (shortcut)".
fn hover_text(ctx: &egui::Context, command: AppCommand) -> String {
    match command.formatted_shortcut(ctx) {
        Some(shortcut) => format!("{} ({shortcut})", command.tooltip()),
        None => command.tooltip().to_owned(),
    }
}
