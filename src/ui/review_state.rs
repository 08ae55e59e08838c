//! The review tools' UI state (presentation, player, timeline, find,
//! preferences window): not part of the document. Kept apart from
//! `review`, which does the work, so what the state is reads on one page.

use crate::model::{Board, PanelId};
use crate::playback::{Blend, Schedule, View};

use super::find::FindState;
use super::player::Player;
use super::present::PresentState;
use super::timeline::TimelineState;

#[derive(Debug, Default)]
pub struct Review {
    pub present: PresentState,
    pub player: Player,
    pub timeline: TimelineState,
    pub find: FindState,
    /// The Preferences window is open.
    pub prefs_open: bool,
}

impl Review {
    /// True while presenting; the presentation then owns the whole window.
    pub fn is_presenting(&self) -> bool {
        self.present.active
    }

    /// The panel the presentation or the player shows now; `None` on the
    /// canvas.
    pub fn shown_panel(&self, board: &Board) -> Option<PanelId> {
        if self.player.is_playing() {
            let schedule = Schedule::new(board);
            return schedule
                .view_at(self.player.position())
                .map(|View { current, .. }| schedule.slots()[current].panel);
        }
        if self.present.active {
            return self.present.current;
        }
        None
    }

    /// Whether the player is blending at the playhead.
    pub fn blend(&self, board: &Board) -> Option<Blend> {
        Schedule::new(board)
            .view_at(self.player.position())
            .map(|v| v.blend)
    }
}
