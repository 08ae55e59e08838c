//! Preferences remembered between runs, in `<data>/preferences.ron`.
//!
//! Two Shotboards may run at once, each with the preferences it read at
//! start. Saving whole would let the last one to save undo the other's
//! changes (a board it opened vanished from Open Recent), so a save is a
//! three-way merge: each field this instance changed since it read the
//! file is written over what is on disk now, every other field keeps the
//! disk's value, and the recent-boards lists are joined.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::model::Fps;

use super::canvas::DEFAULT_CARD_WIDTH;
use super::export_choices::ExportMemory;

/// eframe's storage key, where versions before `preferences.ron` kept them
/// (read once, when there is no file yet).
pub const STORAGE_KEY: &str = "shotboard-prefs";
/// The preferences file in the data folder.
pub const PREFS_FILE: &str = "preferences.ron";
const MAX_RECENT: usize = 10;
/// The autosave delay's range in the Preferences window, in seconds.
pub const AUTOSAVE_SECS: std::ops::RangeInclusive<u32> = 1..=120;
/// The UI scale's range: small laptop screens to projectors.
pub const UI_SCALE: std::ops::RangeInclusive<f32> = 0.75..=2.5;

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Self::System => "As the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    pub fn egui(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub card_width: f32,
    /// Name put on comments, and on new boards.
    pub author: String,
    /// Side panels of the sketch editor.
    pub sketch_panels: super::sketch::SketchPanels,
    /// The user hid the status bar's how-to-start tip.
    pub hide_start_hint: bool,
    /// The Export window's last choices, per board.
    pub exports: ExportMemory,
    /// Frame rate of new boards.
    pub default_fps: Fps,
    /// Panel duration of new boards, in milliseconds.
    pub default_duration_ms: u32,
    /// Quiet seconds after an edit before the recovery copy is written.
    pub autosave_secs: u32,
    pub theme: Theme,
    /// Size of everything on screen (1 = as the system says).
    pub ui_scale: f32,
    /// The Getting started overlay was dismissed for good.
    pub getting_started_seen: bool,
    /// The timeline was showing when the window closed.
    pub timeline_visible: bool,
    /// The shot list (not the cards) was showing when the window closed.
    pub shot_list_visible: bool,
    /// Board file → the script it watches ("Watch the script").
    pub linked_scripts: super::script_watch::LinkedScripts,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            card_width: DEFAULT_CARD_WIDTH,
            author: String::new(),
            sketch_panels: super::sketch::SketchPanels::default(),
            hide_start_hint: false,
            exports: ExportMemory::default(),
            default_fps: Fps::default(),
            default_duration_ms: crate::model::DEFAULT_DURATION_MS,
            autosave_secs: 3,
            theme: Theme::System,
            ui_scale: 1.0,
            getting_started_seen: false,
            timeline_visible: false,
            shot_list_visible: false,
            linked_scripts: Default::default(),
        }
    }
}

impl Prefs {
    /// `path` (absolute: the open and save jobs resolve it) goes first.
    pub fn add_recent(&mut self, path: &Path) {
        let path = path.to_path_buf();
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The autosave delay, kept in range whatever the file says.
    pub fn autosave_delay(&self) -> Duration {
        Duration::from_secs(u64::from(
            self.autosave_secs
                .clamp(*AUTOSAVE_SECS.start(), *AUTOSAVE_SECS.end()),
        ))
    }

    /// The UI scale, kept in range whatever the file says.
    pub fn ui_scale(&self) -> f32 {
        if self.ui_scale.is_finite() {
            self.ui_scale.clamp(*UI_SCALE.start(), *UI_SCALE.end())
        } else {
            1.0
        }
    }

    /// Three-way merge for saving: fields changed here since `base` (what
    /// this instance read) win over `disk` (what is in the file now);
    /// other fields keep the disk's value. Recent boards: this instance's
    /// list first, then boards only the other instance opened.
    pub fn merged(&self, base: &Self, disk: &Self) -> Self {
        let (Ok(ours), Ok(base_v), Ok(mut out)) = (
            serde_json::to_value(self),
            serde_json::to_value(base),
            serde_json::to_value(disk),
        ) else {
            return self.clone();
        };
        if let (Some(ours), Some(base_v), Some(out)) =
            (ours.as_object(), base_v.as_object(), out.as_object_mut())
        {
            for (key, value) in ours {
                if base_v.get(key) != Some(value) {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        let mut merged: Self = serde_json::from_value(out).unwrap_or_else(|_| self.clone());
        merged.recent = self.recent.clone();
        for path in &disk.recent {
            // Kept unless this instance removed it from its own list.
            if !merged.recent.contains(path) && !base.recent.contains(path) {
                merged.recent.push(path.clone());
            }
        }
        merged.recent.truncate(MAX_RECENT);
        merged
    }
}

/// Reads `<data_dir>/preferences.ron`; `None` when there is none yet or it
/// cannot be read (then the defaults, or eframe's old copy, are used).
pub fn load(data_dir: &Path) -> Option<Prefs> {
    let text = std::fs::read_to_string(data_dir.join(PREFS_FILE)).ok()?;
    match ron::from_str(&text) {
        Ok(prefs) => Some(prefs),
        Err(e) => {
            log::warn!("ignoring {}: {e}", data_dir.join(PREFS_FILE).display());
            None
        }
    }
}

/// Saves `prefs` merged with what another instance may have saved since
/// `base` was read; returns what was written (the new base).
pub fn save(data_dir: &Path, base: &Prefs, prefs: &Prefs) -> std::io::Result<Prefs> {
    let merged = match load(data_dir) {
        Some(disk) => prefs.merged(base, &disk),
        None => prefs.clone(),
    };
    let text = ron::ser::to_string_pretty(&merged, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    std::fs::create_dir_all(data_dir)?;
    let file = data_dir.join(PREFS_FILE);
    // Written beside and renamed over, so a crash mid-write leaves the old
    // file, and another instance never reads half of one.
    let temp = data_dir.join(format!(".{PREFS_FILE}.{}.tmp", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, &file)?;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_instances_saving_keep_each_others_recent_boards_and_changes() {
        let dir = tempfile::tempdir().unwrap();
        let start = Prefs::default();
        save(dir.path(), &start, &start).unwrap();
        // Both start from the same file.
        let base_a = load(dir.path()).unwrap();
        let base_b = base_a.clone();
        let mut a = base_a.clone();
        let mut b = base_b.clone();
        a.recent.insert(0, PathBuf::from("/boards/a.ron"));
        a.author = "Ana".into();
        b.recent.insert(0, PathBuf::from("/boards/b.ron"));
        b.ui_scale = 1.5;
        save(dir.path(), &base_b, &b).unwrap();
        // A saves last, but B's board and scale survive, and A's name too.
        let written = save(dir.path(), &base_a, &a).unwrap();
        let on_disk = load(dir.path()).unwrap();
        assert_eq!(written, on_disk);
        assert_eq!(
            on_disk.recent,
            [
                PathBuf::from("/boards/a.ron"),
                PathBuf::from("/boards/b.ron")
            ]
        );
        assert_eq!(on_disk.author, "Ana");
        assert_eq!(on_disk.ui_scale, 1.5);
    }

    #[test]
    fn a_field_this_instance_did_not_touch_keeps_the_other_instances_value() {
        let base = Prefs::default();
        let disk = Prefs {
            author: "Bo".into(),
            ..Prefs::default()
        };
        let ours = Prefs {
            card_width: base.card_width + 40.0,
            ..base.clone()
        };
        let merged = ours.merged(&base, &disk);
        assert_eq!(merged.author, "Bo");
        assert_eq!(merged.card_width, ours.card_width);
    }

    #[test]
    fn out_of_range_values_from_the_file_are_clamped() {
        let prefs = Prefs {
            autosave_secs: 0,
            ui_scale: f32::NAN,
            ..Prefs::default()
        };
        assert_eq!(prefs.autosave_delay(), Duration::from_secs(1));
        assert_eq!(prefs.ui_scale(), 1.0);
    }
}
