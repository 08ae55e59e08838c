//! The storyboard document as plain data: no egui, no I/O.
//!
//! Everything else in Shotboard depends on these types. Derived values
//! (shot labels, frame counts, runtimes) are computed here from the data, and
//! never stored as truth.

mod asset;
mod board;
mod heading;
mod ids;
pub mod labels;
mod numbering;
mod panel_index;
mod production;
pub mod schedule;
mod script_text;
mod shot;
mod stroke;
mod time;
mod timing;

pub use asset::{AssetPath, AssetPathError};
pub use board::{
    AspectRatio, BASE_FORMAT_VERSION, Board, Comment, DEFAULT_DURATION_MS, FORMAT_VERSION,
    NUMBERING_FORMAT_VERSION, Panel, PanelPos, Reply, Scene,
};
pub use heading::{HeadingParts, parse_heading, parse_time};
pub use ids::{CommentId, IdAllocator, PanelId, SceneId};
pub use labels::{OmittedLabel, ShotLabel, shot_labels};
pub use numbering::{LockedScene, LockedShot, NumberLock, Numbering, ShotScheme};
pub use panel_index::PanelIndex;
pub use production::{
    Breakdown, DEFAULT_DAY_MINUTES, DEFAULT_MINUTES_PER_SETUP, IntExt, Plan, ShootDay, ShotLog,
    TagKind, Take, TimeOfDay,
};
pub use script_text::{ScriptText, fingerprint, stamp_from_script};
pub use shot::{CameraAngle, CameraMove, ReviewStatus, ShotSize, Transition};
pub use stroke::{Layer, POINT_SCALE, Rgba, Stroke, StrokePoint, Tool};
pub use time::{civil_from_days, parse_utc_timestamp, utc_timestamp};
pub use timing::{DurationUnit, Fps};
