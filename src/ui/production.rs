//! The production views — breakdown table, shooting plan (stripboard) and
//! on-set shot list — and the tab bar that switches between them and the
//! cards. Like the shot list they replace the card canvas in the central
//! area; the app opens them through commands and hands them the board.
//!
//! Every change they make is returned as an [`InspectorAction`] with an
//! edit, so it goes through the document's history, autosave and recovery
//! like any other: a take logged on set survives a crash.

use egui::Ui;

use super::commands::AppCommand;
use super::document::Document;
use super::inspector::InspectorAction;
use super::selection::Selection;
use super::{breakdown, plan, takes};

/// Which production view fills the central area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProductionView {
    Breakdown,
    Plan,
    OnSet,
}

impl ProductionView {
    const ALL: [Self; 3] = [Self::Breakdown, Self::Plan, Self::OnSet];

    fn name(self) -> &'static str {
        match self {
            Self::Breakdown => "Breakdown",
            Self::Plan => "Plan",
            Self::OnSet => "On set",
        }
    }

    /// The view a command opens.
    pub fn of_command(command: AppCommand) -> Option<Self> {
        match command {
            AppCommand::ShowBreakdown => Some(Self::Breakdown),
            AppCommand::ShowPlan => Some(Self::Plan),
            AppCommand::ShowOnSet => Some(Self::OnSet),
            _ => None,
        }
    }
}

/// The production views' UI state (never saved with the board).
#[derive(Debug, Default)]
pub struct ProductionState {
    /// The open view; `None` shows the cards (or the shot list).
    pub view: Option<ProductionView>,
    pub breakdown: breakdown::BreakdownState,
    pub plan: plan::PlanState,
    pub takes: takes::TakesState,
}

impl ProductionState {
    /// Another board was opened: drop what was worked out from the last
    /// one (its caches are keyed by an edit count that starts over).
    pub fn forget_board(&mut self) {
        self.breakdown = breakdown::BreakdownState::default();
        self.plan = plan::PlanState::default();
        self.takes = takes::TakesState::default();
    }

    /// Open the view `command` names, or close it when it is open.
    pub fn toggle(&mut self, command: AppCommand) {
        if let Some(view) = ProductionView::of_command(command) {
            self.view = (self.view != Some(view)).then_some(view);
        }
    }
}

/// Draw the open view, if any, returning its edits; `None` when no
/// production view is open (the app draws the cards instead).
pub fn show(
    ui: &mut Ui,
    state: &mut ProductionState,
    doc: &Document,
    selection: &mut Selection,
) -> Option<Vec<InspectorAction>> {
    let (board, generation) = (doc.board(), doc.generation());
    let view = state.view?;
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        if ui.selectable_label(false, "Cards").clicked() {
            state.view = None;
        }
        for v in ProductionView::ALL {
            if ui.selectable_label(v == view, v.name()).clicked() {
                state.view = Some(v);
            }
        }
    });
    ui.separator();
    ui.add_enabled_ui(!doc.is_read_only(), |ui| match view {
        ProductionView::Breakdown => {
            breakdown::table(ui, &mut state.breakdown, board, generation, selection)
        }
        ProductionView::Plan => {
            plan::show(ui, &mut state.plan, board, generation, selection, &mut out)
        }
        ProductionView::OnSet => takes::show(ui, &mut state.takes, board, &mut out),
    });
    Some(out)
}
