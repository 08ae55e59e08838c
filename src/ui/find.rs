//! Find and filter: search the words of panels and their comments, and
//! narrow the canvas to a review status or to open comments. Panels that
//! do not match are dimmed on the canvas, not hidden, so the board keeps
//! its shape.

use std::collections::HashSet;

use egui::{Key, Ui};

use crate::model::{Board, Panel, PanelId, ReviewStatus};

/// Find bar state (not saved).
#[derive(Debug, Default)]
pub struct FindState {
    open: bool,
    pub query: String,
    /// Only panels with this status.
    pub status: Option<ReviewStatus>,
    /// Only panels with unresolved comments.
    pub unresolved: bool,
    focus_query: bool,
}

/// What the find bar asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindAction {
    Next,
    Close,
}

impl FindState {
    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn open(&mut self) {
        self.open = true;
        self.focus_query = true;
    }

    /// Close the bar and drop every filter.
    pub fn close(&mut self) {
        *self = Self::default();
    }

    fn is_active(&self) -> bool {
        self.open && (!self.query.trim().is_empty() || self.status.is_some() || self.unresolved)
    }

    /// Does `panel` pass the search and every filter?
    pub fn accepts(&self, panel: &Panel) -> bool {
        if self.status.is_some_and(|s| panel.status != s) {
            return false;
        }
        if self.unresolved && panel.unresolved_comments() == 0 {
            return false;
        }
        let query = self.query.trim().to_lowercase();
        query.is_empty() || text_matches(panel, &query)
    }

    /// The panels to highlight, or `None` when nothing is searched or
    /// filtered (nothing is dimmed then).
    pub fn matches(&self, board: &Board) -> Option<HashSet<PanelId>> {
        self.is_active().then(|| {
            board
                .panels()
                .filter(|p| self.accepts(p))
                .map(|p| p.id)
                .collect()
        })
    }
}

/// Case-insensitive search of action, dialogue, notes and comments
/// (with replies); `query` is already lower case.
fn text_matches(panel: &Panel, query: &str) -> bool {
    let hit = |s: &str| s.to_lowercase().contains(query);
    hit(&panel.action)
        || hit(&panel.dialogue)
        || hit(&panel.notes)
        || panel
            .comments
            .iter()
            .any(|c| hit(&c.text) || c.replies.iter().any(|r| hit(&r.text)))
}

/// The first panel after `from` in board order (wrapping around) that
/// `wanted` accepts.
pub fn next_after(
    board: &Board,
    from: Option<PanelId>,
    wanted: impl Fn(&Panel) -> bool,
) -> Option<PanelId> {
    let panels: Vec<&Panel> = board.panels().collect();
    let start = from
        .and_then(|id| panels.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    (0..panels.len())
        .map(|k| panels[(start + k) % panels.len()])
        .find(|p| wanted(p))
        .map(|p| p.id)
}

/// Filter menu entries, distinct from the inspector's status buttons.
fn filter_label(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Draft => "Drafts only",
        ReviewStatus::NeedsChanges => "Needing changes only",
        ReviewStatus::Approved => "Approved only",
    }
}

/// The find bar: query, status filter, open-comments filter, and how many
/// panels match (`None` when nothing is searched or filtered).
pub fn show_bar(ui: &mut Ui, state: &mut FindState, matches: Option<usize>) -> Vec<FindAction> {
    let mut out = Vec::new();
    // Wrapped, not one long row: a row wider than the window would widen
    // the canvas below it, reflow the cards and lose the user's place.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find");
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut state.query)
                    .id_salt("find-query")
                    .hint_text("action, dialogue, notes, comments")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        if state.focus_query {
            resp.request_focus();
            state.focus_query = false;
        }
        if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            out.push(FindAction::Next);
            resp.request_focus();
        }
        if ui
            .button("Next")
            .on_hover_text("Next match (Enter, F3)")
            .clicked()
        {
            out.push(FindAction::Next);
        }
        if let Some(n) = matches {
            ui.label(match n {
                0 => "no matches".to_owned(),
                1 => "1 match".to_owned(),
                n => format!("{n} matches"),
            });
        }
        ui.separator();
        let label = ui.label("Filter status");
        let text = state.status.map_or("Any status", filter_label);
        egui::ComboBox::from_id_salt("find-status")
            .selected_text(text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.status, None, "Any status");
                for s in [
                    ReviewStatus::Draft,
                    ReviewStatus::NeedsChanges,
                    ReviewStatus::Approved,
                ] {
                    ui.selectable_value(&mut state.status, Some(s), filter_label(s));
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(&mut state.unresolved, "Has open comments");
        if ui
            .button("Close")
            .on_hover_text("Close the find bar")
            .clicked()
        {
            out.push(FindAction::Close);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, CommentId, Scene, SceneId};

    fn board() -> Board {
        let mut b = Board::default();
        let mut s = Scene::new(SceneId(1), "S");
        for i in 0..4 {
            s.panels.push(Panel::new(PanelId(10 + i)));
        }
        s.panels[0].action = "The KETTLE boils".into();
        s.panels[1].dialogue = "Where is the kettle?".into();
        s.panels[1].status = ReviewStatus::NeedsChanges;
        s.panels[2].comments.push(Comment {
            id: CommentId(99),
            author: "A".into(),
            text: "kettle too small".into(),
            time: String::new(),
            resolved: false,
            replies: Vec::new(),
        });
        s.panels[3].status = ReviewStatus::NeedsChanges;
        b.scenes.push(s);
        b
    }

    fn ids(set: Option<HashSet<PanelId>>) -> Vec<u64> {
        let mut v: Vec<u64> = set.unwrap_or_default().iter().map(|p| p.0).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn search_is_case_insensitive_over_words_and_comments() {
        let mut f = FindState::default();
        f.open();
        assert_eq!(f.matches(&board()), None);
        f.query = "Kettle".into();
        assert_eq!(ids(f.matches(&board())), [10, 11, 12]);
    }

    #[test]
    fn filters_combine_with_the_search() {
        let mut f = FindState::default();
        f.open();
        f.status = Some(ReviewStatus::NeedsChanges);
        assert_eq!(ids(f.matches(&board())), [11, 13]);
        f.query = "kettle".into();
        assert_eq!(ids(f.matches(&board())), [11]);
        f.query.clear();
        f.status = None;
        f.unresolved = true;
        assert_eq!(ids(f.matches(&board())), [12]);
    }

    #[test]
    fn next_wraps_around_the_board() {
        let b = board();
        let changes = |p: &Panel| p.status == ReviewStatus::NeedsChanges;
        assert_eq!(next_after(&b, None, changes), Some(PanelId(11)));
        assert_eq!(
            next_after(&b, Some(PanelId(11)), changes),
            Some(PanelId(13))
        );
        assert_eq!(
            next_after(&b, Some(PanelId(13)), changes),
            Some(PanelId(11))
        );
    }
}
