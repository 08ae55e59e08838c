//! How scenes and shots are numbered, and the lock that freezes them.
//!
//! Unlocked, every label is derived from the order of scenes and panels
//! (see [`super::labels`]). Once a board is handed to a crew its numbers
//! must stay put, as on a locked shooting script: [`NumberLock`] records
//! the labels of the day by scene and panel id, so later inserts get
//! in-between labels (a scene between 12 and 13 is 12A) and deletions leave
//! gaps that the shot list prints as OMITTED.

use serde::{Deserialize, Serialize};

use super::{PanelId, SceneId};

/// How shots are named inside a scene.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShotScheme {
    /// `12A`, `12B` … (a second panel of a shot: `12A.2`).
    #[default]
    Letters,
    /// `12-1`, `12-2` …
    Dash,
    /// `12.1`, `12.2` …
    Dot,
}

impl ShotScheme {
    pub const ALL: [Self; 3] = [Self::Letters, Self::Dash, Self::Dot];

    /// What goes between the scene number and the shot.
    pub fn joiner(self) -> &'static str {
        match self {
            Self::Letters => "",
            Self::Dash => "-",
            Self::Dot => ".",
        }
    }

    /// How the scheme looks, for menus.
    pub fn example(self) -> &'static str {
        match self {
            Self::Letters => "1A, 1B",
            Self::Dash => "1-1, 1-2",
            Self::Dot => "1.1, 1.2",
        }
    }
}

/// A board's numbering settings and lock. The default is what boards saved
/// before these settings existed mean, so they keep their labels; new
/// boards start from [`Numbering::for_new_board`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbering {
    #[serde(default, skip_serializing_if = "is_default")]
    pub scheme: ShotScheme,
    /// Pad derived scene numbers and numbered shots with zeros to this many
    /// digits (0: no padding). Numbers a script gave are kept as written.
    #[serde(default, skip_serializing_if = "is_default")]
    pub zero_pad: u8,
    /// Letters skip I and O, which crews leave out so that `6I` is not read
    /// as `61` nor `6O` as `60`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub skip_i_and_o: bool,
    /// The frozen labels, when the numbers are locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<NumberLock>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Numbering {
    /// The settings a board created today starts with: I and O skipped.
    pub fn for_new_board() -> Self {
        Self {
            skip_i_and_o: true,
            ..Self::default()
        }
    }

    /// True for the settings of boards saved before numbering settings
    /// existed (nothing to write to the file).
    pub fn is_legacy(&self) -> bool {
        *self == Self::default()
    }
}

/// Labels frozen at lock time, in board order then.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberLock {
    pub scenes: Vec<LockedScene>,
}

/// A scene's frozen number and shots. It stays in the lock after the scene
/// is deleted, which is what makes it OMITTED.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedScene {
    pub id: SceneId,
    pub number: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shots: Vec<LockedShot>,
}

/// A shot's frozen code (`A`, or `3` in a numbered scheme) and the panels
/// it had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedShot {
    pub code: String,
    pub panels: Vec<PanelId>,
}
