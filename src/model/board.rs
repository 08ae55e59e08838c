//! The document: a board of scenes of panels.
//!
//! Field order here is the field order in the RON file; keep it stable so a
//! one-field change stays a one-line diff.

use serde::{Deserialize, Serialize};

use super::{
    AssetPath, Breakdown, CameraAngle, CameraMove, CommentId, DurationUnit, Fps, Numbering,
    PanelId, Plan, ReviewStatus, SceneId, ScriptText, ShotLog, ShotSize, Stroke, Transition,
};

/// The newest file format version this build reads and writes. Older files
/// are migrated on load; newer ones are refused with both versions named.
///
/// A file is written with the oldest version that holds its data (see
/// [`Board::format_version_needed`]): a board without numbering settings
/// stays version 1, byte for byte, and an older Shotboard refuses a
/// version-2 board rather than silently dropping its numbering lock.
/// Version 3 adds the production plan: breakdowns, shooting days, runtime
/// targets and on-set takes, which an older build would drop on save.
pub const FORMAT_VERSION: u32 = 3;

/// The version of boards with numbering settings but no production plan.
pub const NUMBERING_FORMAT_VERSION: u32 = 2;

/// The version of boards without numbering settings.
pub const BASE_FORMAT_VERSION: u32 = 1;

/// The default panel duration for new boards.
pub const DEFAULT_DURATION_MS: u32 = 2000;

/// A storyboard: settings plus scenes in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub format_version: u32,
    pub title: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub aspect_ratio: AspectRatio,
    #[serde(default)]
    pub fps: Fps,
    #[serde(default = "default_duration")]
    pub default_duration_ms: u32,
    /// Next id to hand out; never decreases, so ids are never reused.
    #[serde(default)]
    pub next_id: u64,
    /// Numbering scheme and lock; absent in files from before they existed,
    /// which keeps those boards' labels.
    #[serde(default, skip_serializing_if = "Numbering::is_legacy")]
    pub numbering: Numbering,
    /// How cards, PDFs and contact sheets show durations. A display choice:
    /// an older Shotboard that drops it shows seconds, nothing is lost.
    #[serde(default, skip_serializing_if = "DurationUnit::is_seconds")]
    pub durations: DurationUnit,
    /// Shooting days and their settings; absent until planning starts.
    /// Boxed, like a scene's breakdown, so the boards and edits that enums
    /// carry by value stay small.
    #[serde(default, skip_serializing_if = "no_plan")]
    pub plan: Box<Plan>,
    #[serde(default)]
    pub scenes: Vec<Scene>,
}

fn no_plan(plan: &Plan) -> bool {
    plan.is_empty()
}

fn no_breakdown(breakdown: &Breakdown) -> bool {
    breakdown.is_empty()
}

fn default_duration() -> u32 {
    DEFAULT_DURATION_MS
}

impl Default for Board {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: "Untitled board".to_owned(),
            author: String::new(),
            aspect_ratio: AspectRatio::default(),
            fps: Fps::default(),
            default_duration_ms: DEFAULT_DURATION_MS,
            next_id: 1,
            numbering: Numbering::default(),
            durations: DurationUnit::default(),
            plan: Box::default(),
            scenes: Vec::new(),
        }
    }
}

/// The frame shape of every panel on a board.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AspectRatio {
    /// 16:9 (1.78), HD video.
    #[default]
    Hd16x9,
    /// 1.85:1, flat theatrical.
    Flat185,
    /// 2.39:1, anamorphic scope.
    Scope239,
    /// 4:3 (1.33), academy / TV.
    Academy4x3,
    /// 1:1, square social video.
    Square,
    /// 9:16, vertical video.
    Vertical9x16,
    /// Any other ratio, as whole-number width and height (e.g. 200:100).
    Custom { width: u32, height: u32 },
}

impl AspectRatio {
    pub const PRESETS: [Self; 6] = [
        Self::Hd16x9,
        Self::Flat185,
        Self::Scope239,
        Self::Academy4x3,
        Self::Square,
        Self::Vertical9x16,
    ];

    /// Width divided by height. Custom ratios with a zero side fall back to 16:9.
    pub fn ratio(self) -> f32 {
        match self {
            Self::Hd16x9 => 16.0 / 9.0,
            Self::Flat185 => 1.85,
            Self::Scope239 => 2.39,
            Self::Academy4x3 => 4.0 / 3.0,
            Self::Square => 1.0,
            Self::Vertical9x16 => 9.0 / 16.0,
            Self::Custom { width, height } => {
                if width == 0 || height == 0 {
                    16.0 / 9.0
                } else {
                    (width as f32 / height as f32).clamp(0.1, 10.0)
                }
            }
        }
    }

    pub fn label(self) -> String {
        match self {
            Self::Hd16x9 => "16:9".to_owned(),
            Self::Flat185 => "1.85:1".to_owned(),
            Self::Scope239 => "2.39:1".to_owned(),
            Self::Academy4x3 => "4:3".to_owned(),
            Self::Square => "1:1".to_owned(),
            Self::Vertical9x16 => "9:16".to_owned(),
            Self::Custom { width, height } => format!("{width}:{height}"),
        }
    }

    /// Pixel size of a frame `width` pixels wide (height at least 1).
    pub fn frame_size(self, width: u32) -> (u32, u32) {
        let h = (width as f32 / self.ratio()).round().max(1.0) as u32;
        (width.max(1), h)
    }
}

/// A scene: a heading plus panels in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scene {
    pub id: SceneId,
    /// Scene number from a script (`#12#` in Fountain); when absent the
    /// number is the scene's position on the board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub heading: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub panels: Vec<Panel>,
    /// Fingerprint of the heading a script gave, so an update from a new
    /// draft can tell a renamed heading from one edited by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_heading: Option<u64>,
    /// What the shoot needs for this scene; absent until broken down.
    #[serde(default, skip_serializing_if = "no_breakdown")]
    pub breakdown: Box<Breakdown>,
}

impl Scene {
    pub fn new(id: SceneId, heading: impl Into<String>) -> Self {
        Self {
            id,
            number: None,
            heading: heading.into(),
            location: String::new(),
            notes: String::new(),
            panels: Vec::new(),
            script_heading: None,
            breakdown: Box::default(),
        }
    }
}

/// One storyboard panel: a frame plus its words and shot facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    pub id: PanelId,
    /// Frame image, relative to the board file's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<AssetPath>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strokes: Vec<Stroke>,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub dialogue: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub shot_size: Option<ShotSize>,
    #[serde(default)]
    pub angle: Option<CameraAngle>,
    #[serde(default)]
    pub movement: Option<CameraMove>,
    #[serde(default)]
    pub lens_mm: Option<u32>,
    /// `None` means the board's default duration.
    #[serde(default)]
    pub duration_ms: Option<u32>,
    #[serde(default)]
    pub transition: Transition,
    #[serde(default)]
    pub status: ReviewStatus,
    /// True when this panel starts a new shot; false when it continues the
    /// shot of the panel before it. The first panel of a scene always starts
    /// a shot.
    #[serde(default = "yes")]
    pub new_shot: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// What a script gave this panel's action and dialogue (see
    /// [`ScriptText`]); `None` for panels made by hand. Not counted by
    /// [`Board::format_version_needed`]: an older Shotboard dropping it only
    /// makes a later update treat the text as edited by hand, and keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<ScriptText>,
    /// On-set record when this panel starts a shot: done, and its takes.
    #[serde(default, skip_serializing_if = "ShotLog::is_empty")]
    pub shot_log: ShotLog,
}

fn yes() -> bool {
    true
}

impl Panel {
    pub fn new(id: PanelId) -> Self {
        Self {
            id,
            image: None,
            strokes: Vec::new(),
            action: String::new(),
            dialogue: String::new(),
            notes: String::new(),
            shot_size: None,
            angle: None,
            movement: None,
            lens_mm: None,
            duration_ms: None,
            transition: Transition::Cut,
            status: ReviewStatus::Draft,
            new_shot: true,
            comments: Vec::new(),
            script: None,
            shot_log: ShotLog::default(),
        }
    }

    /// Number of comments (and replies) not yet resolved.
    pub fn unresolved_comments(&self) -> usize {
        self.comments.iter().filter(|c| !c.resolved).count()
    }

    /// The first non-empty line of action, else of dialogue: what a card shows.
    pub fn summary_line(&self) -> &str {
        [self.action.as_str(), self.dialogue.as_str()]
            .into_iter()
            .flat_map(str::lines)
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// A review comment on a panel, with its replies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub author: String,
    pub text: String,
    /// UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
    pub time: String,
    #[serde(default)]
    pub resolved: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
}

/// A reply in a comment's thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub author: String,
    pub text: String,
    /// UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
    pub time: String,
}

/// Where a panel sits on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PanelPos {
    pub scene: usize,
    pub panel: usize,
}

impl Board {
    /// The oldest file format version that holds everything on this board.
    pub fn format_version_needed(&self) -> u32 {
        if self.has_production_data() {
            FORMAT_VERSION
        } else if self.numbering.is_legacy() {
            BASE_FORMAT_VERSION
        } else {
            NUMBERING_FORMAT_VERSION
        }
    }

    /// Whether anything of the production plan is on the board: a plan, a
    /// breakdown, a runtime target or a logged take.
    pub fn has_production_data(&self) -> bool {
        !self.plan.is_empty()
            || self
                .scenes
                .iter()
                .any(|s| !s.breakdown.is_empty() || s.panels.iter().any(|p| !p.shot_log.is_empty()))
    }

    /// An empty board with one empty scene, ready for a first panel, with
    /// today's numbering for new boards.
    pub fn new_untitled() -> Self {
        let mut board = Self {
            numbering: Numbering::for_new_board(),
            ..Self::default()
        };
        board
            .scenes
            .push(Scene::new(SceneId(1), "INT. UNTITLED - DAY"));
        board.next_id = 2;
        board
    }

    pub fn panel_count(&self) -> usize {
        self.scenes.iter().map(|s| s.panels.len()).sum()
    }

    pub fn stroke_count(&self) -> usize {
        self.panels().map(|p| p.strokes.len()).sum()
    }

    /// All panels in board order.
    pub fn panels(&self) -> impl Iterator<Item = &Panel> {
        self.scenes.iter().flat_map(|s| s.panels.iter())
    }

    /// All panels in board order with their scene index.
    pub fn panels_with_scene(&self) -> impl Iterator<Item = (usize, &Panel)> {
        self.scenes
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.panels.iter().map(move |p| (si, p)))
    }

    pub fn find_panel(&self, id: PanelId) -> Option<PanelPos> {
        self.scenes.iter().enumerate().find_map(|(si, s)| {
            s.panels.iter().position(|p| p.id == id).map(|pi| PanelPos {
                scene: si,
                panel: pi,
            })
        })
    }

    pub fn panel(&self, id: PanelId) -> Option<&Panel> {
        let pos = self.find_panel(id)?;
        Some(&self.scenes[pos.scene].panels[pos.panel])
    }

    pub fn panel_mut(&mut self, id: PanelId) -> Option<&mut Panel> {
        let pos = self.find_panel(id)?;
        Some(&mut self.scenes[pos.scene].panels[pos.panel])
    }

    pub fn scene_index(&self, id: SceneId) -> Option<usize> {
        self.scenes.iter().position(|s| s.id == id)
    }

    pub fn scene(&self, id: SceneId) -> Option<&Scene> {
        self.scenes.iter().find(|s| s.id == id)
    }

    pub fn scene_mut(&mut self, id: SceneId) -> Option<&mut Scene> {
        self.scenes.iter_mut().find(|s| s.id == id)
    }

    /// The largest id in use anywhere on the board (0 when empty).
    pub fn max_used_id(&self) -> u64 {
        let mut max = 0;
        for scene in &self.scenes {
            max = max.max(scene.id.0);
            for panel in &scene.panels {
                max = max.max(panel.id.0);
                for c in &panel.comments {
                    max = max.max(c.id.0);
                }
            }
        }
        max
    }

    /// Advance the id counter past every id in use. Called after edits that
    /// bring in new ids and after loading a file.
    pub fn bump_next_id(&mut self) {
        self.next_id = self.next_id.max(self.max_used_id() + 1);
    }

    /// A panel's duration, the board default when it has none, in whole frames.
    pub fn panel_frames(&self, panel: &Panel) -> u64 {
        self.fps
            .ms_to_frames(panel.duration_ms.unwrap_or(self.default_duration_ms))
    }

    pub fn scene_frames(&self, scene: &Scene) -> u64 {
        scene.panels.iter().map(|p| self.panel_frames(p)).sum()
    }

    /// The board's runtime: the sum of every panel's frame-rounded duration.
    pub fn runtime_frames(&self) -> u64 {
        self.scenes.iter().map(|s| self.scene_frames(s)).sum()
    }

    pub fn runtime_ms(&self) -> u64 {
        self.fps.frames_to_ms(self.runtime_frames())
    }

    /// Every asset path the board references, in board order, without repeats.
    pub fn referenced_assets(&self) -> Vec<&AssetPath> {
        let mut seen = std::collections::HashSet::new();
        self.panels()
            .filter_map(|p| p.image.as_ref())
            .filter(|a| seen.insert(a.as_str()))
            .collect()
    }
}
