//! What pre-production and the shoot add to a board: each scene's
//! breakdown, the shooting plan (days of scenes), runtime targets, and the
//! takes logged on set.
//!
//! Plain saved data; the arithmetic on it (setups, estimates, day totals,
//! day-out-of-days) lives in [`super::schedule`]. Every field defaults to
//! "nothing planned", and the containers are skipped when empty, so a
//! board that never used planning is written exactly as before.

use serde::{Deserialize, Serialize};

use super::SceneId;

/// Minutes one camera setup takes when the board says nothing else: a
/// common rule of thumb for lighting, blocking and shooting a setup.
pub const DEFAULT_MINUTES_PER_SETUP: u32 = 20;

/// A shooting day's length when the board says nothing else: ten hours.
pub const DEFAULT_DAY_MINUTES: u32 = 600;

/// Interior or exterior, as a scene heading's prefix says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IntExt {
    Int,
    Ext,
    /// `INT./EXT.` or `I/E`: a scene played across a threshold, e.g. a car.
    IntExt,
}

impl IntExt {
    pub const ALL: &[Self] = &[Self::Int, Self::Ext, Self::IntExt];

    pub fn label(self) -> &'static str {
        match self {
            Self::Int => "INT.",
            Self::Ext => "EXT.",
            Self::IntExt => "INT./EXT.",
        }
    }
}

impl std::fmt::Display for IntExt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The time of day a scene heading ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeOfDay {
    Day,
    Night,
    Dawn,
    Dusk,
    /// Follows straight on from the scene before (`CONTINUOUS`, `SAME`).
    Continuous,
    /// `LATER`, `MOMENTS LATER`.
    Later,
}

impl TimeOfDay {
    pub const ALL: &[Self] = &[
        Self::Day,
        Self::Night,
        Self::Dawn,
        Self::Dusk,
        Self::Continuous,
        Self::Later,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "DAY",
            Self::Night => "NIGHT",
            Self::Dawn => "DAWN",
            Self::Dusk => "DUSK",
            Self::Continuous => "CONTINUOUS",
            Self::Later => "LATER",
        }
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A scene's breakdown: what the shoot needs for it. Interior/exterior and
/// time of day are `None` while they follow the heading; setting them
/// overrides what the heading says. Cast here is the manual additions —
/// the speakers in the dialogue are always cast too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub int_ext: Option<IntExt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<TimeOfDay>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cast: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wardrobe: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vfx: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment: Vec<String>,
    /// Overrides the plan's minutes per setup for this scene.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_per_setup: Option<u32>,
    /// Minutes added to (or, negative, taken from) the setup estimate: a
    /// stunt, a company of extras, a car rig.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub adjust_minutes: i32,
    /// The runtime this scene should cut to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_runtime_ms: Option<u64>,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl Breakdown {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The tag list of `kind`.
    pub fn tags(&self, kind: TagKind) -> &Vec<String> {
        match kind {
            TagKind::Cast => &self.cast,
            TagKind::Props => &self.props,
            TagKind::Wardrobe => &self.wardrobe,
            TagKind::Vfx => &self.vfx,
            TagKind::Equipment => &self.equipment,
        }
    }

    pub fn tags_mut(&mut self, kind: TagKind) -> &mut Vec<String> {
        match kind {
            TagKind::Cast => &mut self.cast,
            TagKind::Props => &mut self.props,
            TagKind::Wardrobe => &mut self.wardrobe,
            TagKind::Vfx => &mut self.vfx,
            TagKind::Equipment => &mut self.equipment,
        }
    }
}

/// The free-tag lists of a breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TagKind {
    Cast,
    Props,
    Wardrobe,
    Vfx,
    Equipment,
}

impl TagKind {
    pub const ALL: [Self; 5] = [
        Self::Cast,
        Self::Props,
        Self::Wardrobe,
        Self::Vfx,
        Self::Equipment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Cast => "Cast",
            Self::Props => "Props",
            Self::Wardrobe => "Wardrobe",
            Self::Vfx => "VFX",
            Self::Equipment => "Equipment",
        }
    }
}

/// The shooting plan: settings and the days in shooting order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default = "default_minutes_per_setup")]
    pub minutes_per_setup: u32,
    /// A shooting day's length unless the day says otherwise.
    #[serde(default = "default_day_minutes")]
    pub day_minutes: u32,
    /// The runtime the whole board should cut to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_runtime_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<ShootDay>,
}

fn default_minutes_per_setup() -> u32 {
    DEFAULT_MINUTES_PER_SETUP
}

fn default_day_minutes() -> u32 {
    DEFAULT_DAY_MINUTES
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            minutes_per_setup: DEFAULT_MINUTES_PER_SETUP,
            day_minutes: DEFAULT_DAY_MINUTES,
            target_runtime_ms: None,
            days: Vec::new(),
        }
    }
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The day (index) a scene is scheduled on, if any.
    pub fn day_of(&self, scene: SceneId) -> Option<usize> {
        self.days.iter().position(|d| d.scenes.contains(&scene))
    }

    /// The length of day `index` in minutes.
    pub fn day_length(&self, index: usize) -> u32 {
        self.days
            .get(index)
            .and_then(|d| d.day_minutes)
            .unwrap_or(self.day_minutes)
    }

    /// This plan with `scene` taken off whatever day it was on and put on
    /// day `day` at `index` (clamped), or left unscheduled when `day` is
    /// `None`. What one drag on the stripboard does.
    pub fn with_scene_moved(&self, scene: SceneId, day: Option<usize>, index: usize) -> Self {
        let mut plan = self.clone();
        for d in &mut plan.days {
            d.scenes.retain(|s| *s != scene);
        }
        if let Some(d) = day.and_then(|i| plan.days.get_mut(i)) {
            let at = index.min(d.scenes.len());
            d.scenes.insert(at, scene);
        }
        plan
    }
}

/// One shooting day: its scenes in shooting order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShootDay {
    /// The calendar date as the production writes it (`2026-03-14`), free
    /// text so a plan can exist before dates are fixed.
    #[serde(default)]
    pub date: String,
    /// Overrides the plan's day length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_minutes: Option<u32>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub scenes: Vec<SceneId>,
}

/// What happened to a shot on set: done or not, and its takes. Kept on the
/// panel that starts the shot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShotLog {
    #[serde(default)]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub takes: Vec<Take>,
}

impl ShotLog {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The number the next take gets: one more than the highest so far.
    pub fn next_take_number(&self) -> u32 {
        self.takes.iter().map(|t| t.number).max().unwrap_or(0) + 1
    }

    /// Whether a good take is printed (circled).
    pub fn has_circled(&self) -> bool {
        self.takes.iter().any(|t| t.circled)
    }
}

/// One take of a shot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Take {
    pub number: u32,
    /// Circled (printed): the take the editor should use.
    #[serde(default)]
    pub circled: bool,
    /// What the script supervisor noted ("boom in frame").
    #[serde(default)]
    pub note: String,
}
