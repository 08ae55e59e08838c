//! The review tools' UI state (presentation, player, timeline, find,
//! preferences window): not part of the document. Kept apart from
//! `review`, which works on the whole app, so the app shell can hold it
//! without importing `review` back.

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
