//! The command palette (Ctrl+K): every command of the table, found by
//! typing part of its name, run with Enter. Made for the keyboard: type,
//! arrows, Enter, Esc.

use egui::{Key, Modifiers, RichText};

use super::commands::{AppCommand, CommandState};

/// The palette's UI state; closed by default.
#[derive(Debug, Default)]
pub struct Palette {
    open: bool,
    query: String,
    /// Index into the filtered list.
    selected: usize,
}

/// One row of the palette.
struct Row {
    command: AppCommand,
    label: String,
    shortcut: Option<String>,
    enabled: bool,
}

impl Palette {
    pub fn open(&mut self) {
        *self = Self {
            open: true,
            ..Self::default()
        };
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Draw the palette when open; returns the command picked.
    pub fn show(&mut self, ctx: &egui::Context, state: &CommandState) -> Option<AppCommand> {
        if !self.open {
            return None;
        }
        let rows = self.rows(ctx, state);
        let (mut up, mut down, mut enter, mut escape) = (false, false, false, false);
        // Taken before the text field sees them: a single-line field would
        // move its caret on arrows and drop its focus on Enter.
        ctx.input_mut(|i| {
            up = i.consume_key(Modifiers::NONE, Key::ArrowUp);
            down = i.consume_key(Modifiers::NONE, Key::ArrowDown);
            enter = i.consume_key(Modifiers::NONE, Key::Enter);
            escape = i.consume_key(Modifiers::NONE, Key::Escape);
        });
        if escape {
            self.open = false;
            return None;
        }
        if down && self.selected + 1 < rows.len() {
            self.selected += 1;
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        let mut picked = None;
        if enter {
            picked = rows
                .get(self.selected)
                .filter(|r| r.enabled)
                .map(|r| r.command);
        }
        let response = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(420.0);
            let label = ui.label("Command");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Type to find a command")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            field.request_focus();
            if field.changed() {
                self.selected = 0;
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    if rows.is_empty() {
                        ui.label(RichText::new("No command matches").weak());
                    }
                    for (i, row) in rows.iter().enumerate() {
                        let mut button = egui::Button::selectable(i == self.selected, &row.label);
                        if let Some(shortcut) = &row.shortcut {
                            button = button.shortcut_text(shortcut);
                        }
                        let response = ui
                            .add_enabled(row.enabled, button.min_size(egui::vec2(400.0, 0.0)))
                            .on_hover_text(row.command.tooltip());
                        if i == self.selected && (up || down) {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() {
                            picked = Some(row.command);
                        }
                    }
                });
        });
        if picked.is_some() || response.should_close() {
            self.open = false;
        }
        picked
    }

    /// The commands matching the query, best first (the table's order
    /// among equals).
    fn rows(&self, ctx: &egui::Context, state: &CommandState) -> Vec<Row> {
        let mut scored: Vec<(u32, Row)> = AppCommand::ALL
            .iter()
            .filter_map(|&command| {
                let label = state.label(command);
                let score = match_score(&self.query, &label)
                    .into_iter()
                    .chain(match_score(&self.query, command.text()))
                    .min()?;
                Some((
                    score,
                    Row {
                        command,
                        label,
                        shortcut: command.formatted_shortcut(ctx),
                        enabled: state.enabled(command),
                    },
                ))
            })
            .collect();
        scored.sort_by_key(|(score, _)| *score);
        scored.into_iter().map(|(_, row)| row).collect()
    }
}

/// How well `query` matches `name`, lower is better; `None` when it doesn't.
/// A substring match beats letters found in order ("shl" finds "Shot
/// list"); an earlier substring beats a later one, a word start beats the
/// middle of a word.
pub fn match_score(query: &str, name: &str) -> Option<u32> {
    let query = query.trim().to_lowercase();
    let name = name.to_lowercase();
    if query.is_empty() {
        return Some(0);
    }
    if let Some(at) = name.find(&query) {
        let word_start = at == 0 || name[..at].ends_with(' ');
        return Some(if word_start { 0 } else { 100 } + at as u32);
    }
    // Every query letter in order; each skipped letter costs.
    let mut skipped = 0;
    let mut chars = name.chars();
    for q in query.chars().filter(|c| !c.is_whitespace()) {
        loop {
            match chars.next() {
                Some(c) if c == q => break,
                Some(_) => skipped += 1,
                None => return None,
            }
        }
    }
    Some(1_000 + skipped)
}

#[cfg(test)]
mod tests {
    use super::match_score;

    #[test]
    fn a_substring_at_a_word_start_ranks_first() {
        let word = match_score("list", "Shot list").unwrap();
        let middle = match_score("hot", "Shot list").unwrap();
        let letters = match_score("shl", "Shot list").unwrap();
        assert!(
            word < middle && middle < letters,
            "{word} {middle} {letters}"
        );
    }

    #[test]
    fn letters_out_of_order_do_not_match() {
        assert_eq!(match_score("ls", "Save"), None);
        assert_eq!(match_score("tohs", "Shot list"), None);
    }

    #[test]
    fn case_and_surrounding_space_do_not_matter() {
        assert_eq!(match_score(" SAVE as ", "Save As…"), Some(0));
    }
}
