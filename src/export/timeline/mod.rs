//! Editor timelines: one still clip per panel, frame-exact, so the cut an
//! editor imports runs exactly as long as the board.
//!
//! Both formats are built from the same [`clips`] list, whose durations are
//! the board's own frame counts; the sequence duration is therefore
//! `board.runtime_frames()` by construction (the bug that made
//! Storyboarder's XML drift is rounding each clip separately from seconds).
//! Clips reference the PNG files written by
//! [`export_panel_pngs`](super::export_panel_pngs) into `media_dir`.

mod fcp7;
mod otio;

use std::path::{Path, PathBuf};

pub use fcp7::{export_fcp7_xml, fcp7_xml};
pub use otio::{export_otio, otio_json};

use super::naming::panel_file_name;
use crate::model::{Board, PanelId, labels};

/// Where the clips' media lives and how big it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineOptions {
    /// Folder of the panel PNGs; made absolute for the clips' file URLs.
    pub media_dir: PathBuf,
    /// Width of those PNGs in pixels (height follows the board's aspect).
    pub frame_width: u32,
}

/// One panel on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineClip {
    pub panel: PanelId,
    /// The shot label, e.g. `1A.2`.
    pub name: String,
    /// The PNG this clip shows, e.g. `001_1A.png`.
    pub file_name: String,
    /// First frame on the timeline.
    pub start: u64,
    /// Length in frames.
    pub frames: u64,
    pub scene_index: usize,
    /// The panel's notes, shown as a marker when not empty.
    pub notes: String,
}

/// A scene start, shown as a marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SceneMarker {
    pub start: u64,
    pub frames: u64,
    /// `Scene 3: INT. KITCHEN - NIGHT`.
    pub name: String,
    pub notes: String,
}

/// Every panel as a clip, back to back from frame 0.
pub fn clips(board: &Board) -> Vec<TimelineClip> {
    let labels = labels::shot_labels(board);
    let count = board.panel_count();
    let mut out = Vec::with_capacity(count);
    let mut start = 0;
    for (si, scene) in board.scenes.iter().enumerate() {
        for (pi, panel) in scene.panels.iter().enumerate() {
            let name = labels
                .get(si)
                .and_then(|l| l.get(pi))
                .map(ToString::to_string)
                .unwrap_or_default();
            let frames = board.panel_frames(panel);
            out.push(TimelineClip {
                panel: panel.id,
                file_name: panel_file_name(out.len(), count, &name, "png"),
                name,
                start,
                frames,
                scene_index: si,
                notes: panel.notes.trim().to_owned(),
            });
            start += frames;
        }
    }
    out
}

/// A marker at the start of every scene that has panels.
pub fn scene_markers(board: &Board) -> Vec<SceneMarker> {
    let mut start = 0;
    let mut out = Vec::new();
    for (si, scene) in board.scenes.iter().enumerate() {
        let frames = board.scene_frames(scene);
        if frames > 0 {
            out.push(SceneMarker {
                start,
                frames,
                name: format!(
                    "Scene {}: {}",
                    labels::scene_number(board, si),
                    scene.heading.trim()
                ),
                notes: scene.notes.trim().to_owned(),
            });
        }
        start += frames;
    }
    out
}

/// A `file://` URL for `path`, percent-encoded (RFC 8089 / 3986), made
/// absolute against the current directory first.
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        // Windows: file:///C:/dir
        url.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The file URL of one clip's PNG.
fn clip_url(options: &TimelineOptions, clip: &TimelineClip) -> String {
    file_url(&options.media_dir.join(&clip.file_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/My Board/Café #1/001_1A.png")),
            "file:///tmp/My%20Board/Caf%C3%A9%20%231/001_1A.png"
        );
    }
}
