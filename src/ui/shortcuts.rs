//! The keyboard-shortcuts sheet, made from the command table so it can
//! never list a key the app does not answer to, or miss one it does: every
//! command with a shortcut on the platform, grouped by menu, with all of
//! its keys in the platform's spelling. Shown in Help → Keyboard shortcuts
//! and saved as a printable HTML page.

use egui::os::OperatingSystem;

use super::commands::{AppCommand, Menu};

/// One group of the sheet: a menu's commands, or the typing keys.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub command: AppCommand,
    /// Each shortcut, the one the menus show first.
    pub keys: Vec<String>,
}

/// The sheet for `os`: the menus in menu-bar order, then the commands that
/// only act while typing.
pub fn sheet(os: OperatingSystem) -> Vec<Section> {
    let mac = os == OperatingSystem::Mac;
    let names = if mac {
        egui::ModifierNames::SYMBOLS
    } else {
        egui::ModifierNames::NAMES
    };
    let row = |command: AppCommand| {
        let keys: Vec<String> = command
            .kb_shortcuts(os)
            .iter()
            .map(|s| s.format(&names, mac))
            .collect();
        (!keys.is_empty()).then_some(Row { command, keys })
    };
    let mut sections: Vec<Section> = Menu::ALL
        .iter()
        .map(|menu| Section {
            title: menu.title(),
            rows: AppCommand::in_menu(*menu)
                .filter_map(|(c, _)| row(c))
                .collect(),
        })
        .collect();
    sections.push(Section {
        title: "While typing",
        rows: AppCommand::ALL
            .iter()
            .filter(|c| c.menu().is_none())
            .filter_map(|c| row(*c))
            .collect(),
    });
    sections.retain(|s| !s.rows.is_empty());
    sections
}

/// The sheet as a self-contained HTML page laid out for printing on one or
/// two sheets of paper.
pub fn html(os: OperatingSystem, version: &str) -> String {
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <title>Shotboard keyboard shortcuts</title>\n<style>\n\
         body { font: 10pt sans-serif; margin: 1.5em; columns: 2; column-gap: 2em; }\n\
         h1 { column-span: all; font-size: 15pt; margin: 0 0 .2em; }\n\
         p.version { column-span: all; color: #666; margin: 0 0 1em; }\n\
         section { break-inside: avoid; margin-bottom: 1em; }\n\
         h2 { font-size: 11pt; border-bottom: 1px solid #999; margin: 0 0 .3em; }\n\
         table { border-collapse: collapse; width: 100%; }\n\
         td { padding: .15em .3em; vertical-align: top; }\n\
         td.keys { white-space: nowrap; text-align: right; }\n\
         kbd { font: 9pt monospace; border: 1px solid #aaa; border-radius: 3px; padding: 0 .25em; }\n\
         @page { margin: 1.2cm; }\n</style></head><body>\n\
         <h1>Shotboard keyboard shortcuts</h1>\n",
    );
    page.push_str(&format!(
        "<p class=\"version\">Shotboard {}</p>\n",
        escape(version)
    ));
    for section in sheet(os) {
        page.push_str(&format!(
            "<section><h2>{}</h2><table>\n",
            escape(section.title)
        ));
        for row in &section.rows {
            let keys: Vec<String> = row
                .keys
                .iter()
                .map(|k| format!("<kbd>{}</kbd>", escape(k)))
                .collect();
            page.push_str(&format!(
                "<tr><td>{}</td><td class=\"keys\">{}</td></tr>\n",
                escape(row.command.text()),
                keys.join(" ")
            ));
        }
        page.push_str("</table></section>\n");
    }
    page.push_str("</body></html>\n");
    page
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OSES: [OperatingSystem; 3] = [
        OperatingSystem::Mac,
        OperatingSystem::Windows,
        OperatingSystem::Nix,
    ];

    #[test]
    fn the_sheet_lists_exactly_the_commands_with_shortcuts_once_each() {
        for os in OSES {
            let listed: Vec<AppCommand> = sheet(os)
                .iter()
                .flat_map(|s| s.rows.iter().map(|r| r.command))
                .collect();
            for &command in AppCommand::ALL {
                let count = listed.iter().filter(|c| **c == command).count();
                let has_keys = !command.kb_shortcuts(os).is_empty();
                assert_eq!(count, usize::from(has_keys), "{command:?} on {os:?}");
            }
        }
    }

    #[test]
    fn the_printable_page_spells_every_key_of_every_command() {
        let page = html(OperatingSystem::Nix, "1.2.3 (commit abc)");
        assert!(page.contains("Shotboard 1.2.3 (commit abc)"));
        for section in sheet(OperatingSystem::Nix) {
            for row in section.rows {
                assert!(page.contains(&escape(row.command.text())));
                for key in row.keys {
                    assert!(
                        page.contains(&format!("<kbd>{}</kbd>", escape(&key))),
                        "{key}"
                    );
                }
            }
        }
        assert!(page.contains("<kbd>Ctrl+Shift+S</kbd>"));
    }
}
