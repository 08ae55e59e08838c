//! Editor timelines: one still clip per panel, frame-exact, so the cut an
//! editor imports runs exactly as long as the board.
//!
//! Both formats are built from the same [`clips`] list, whose durations are
//! the board's own frame counts; the sequence duration is therefore
//! `board.runtime_frames()` by construction, never re-derived from seconds
//! (Storyboarder's XML export got this total wrong, its issue 2154).
//! Clips reference the stills written by [`stills::write_stills`] into
//! `media_dir`: the original JPEG where a panel is just that, a JPEG for a
//! sketched photo, else a PNG.

mod fcp7;
mod otio;
pub mod stills;

use std::path::{Path, PathBuf};

pub use fcp7::{export_fcp7_xml, fcp7_xml};
pub use otio::{export_otio, otio_json};

use std::collections::BTreeSet;

use super::naming::panel_file_name;
use super::{ExportError, FrameSource, Progress, staging};
use crate::model::{Board, PanelId, labels};

/// The two editor timeline formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimelineFormat {
    /// Final Cut Pro 7 XML (`.xml`), for Premiere and Resolve.
    Fcp7Xml,
    /// OpenTimelineIO (`.otio`).
    Otio,
}

/// The folder of stills that goes with a timeline file: `cut.xml` →
/// `cut_frames/` beside it.
pub fn frames_dir_for(timeline: &Path) -> PathBuf {
    let stem = timeline
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "timeline".to_owned());
    timeline.with_file_name(format!("{stem}_frames"))
}

/// The whole hand-off to an editor in one call: the panel stills into
/// [`frames_dir_for`]`(path)` at `frame_width`, then the timeline at `path`
/// referencing them. Returns the frames folder. If the timeline cannot be
/// written, the stills just written are removed again. Stills unchanged
/// since an earlier export into the same folder are not made again.
pub fn export_timeline_with_frames(
    source: &dyn FrameSource,
    board: &Board,
    path: &Path,
    format: TimelineFormat,
    frame_width: u32,
    progress: &Progress,
) -> Result<PathBuf, ExportError> {
    let media_dir = frames_dir_for(path);
    let existed = media_dir.exists();
    let stills = stills::write_stills(source, board, &media_dir, frame_width, progress)?;
    let files = stills.written;
    let options = TimelineOptions {
        media_dir: media_dir.clone(),
        frame_width,
        jpegs: stills.jpegs,
    };
    let text = match format {
        TimelineFormat::Fcp7Xml => fcp7_xml(board, &options),
        TimelineFormat::Otio => format!("{:#}\n", otio_json(board, &options)),
    };
    let written = staging::write_file(path, progress, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| ExportError::io(path, e))
    });
    if written.is_err() {
        for f in &files {
            let _ = std::fs::remove_file(f);
        }
        if !existed {
            let _ = std::fs::remove_dir(&media_dir);
        }
    }
    written.map(|()| media_dir)
}

/// Where the clips' media lives and how big it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineOptions {
    /// Folder of the panel PNGs; made absolute for the clips' file URLs.
    pub media_dir: PathBuf,
    /// Width of those stills in pixels (height follows the board's aspect).
    pub frame_width: u32,
    /// Panels whose still is a JPEG (`.jpg`); the others are PNGs.
    pub jpegs: BTreeSet<PanelId>,
}

/// One panel on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineClip {
    pub panel: PanelId,
    /// The shot label, e.g. `1A.2`.
    pub name: String,
    /// The still this clip shows, e.g. `001_1A.png` (or `.jpg`).
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

/// Every panel as a clip, back to back from frame 0, each showing a PNG.
pub fn clips(board: &Board) -> Vec<TimelineClip> {
    clips_with(board, &BTreeSet::new())
}

/// Every panel as a clip; the panels in `jpegs` show a JPEG, the others a
/// PNG.
pub fn clips_with(board: &Board, jpegs: &BTreeSet<PanelId>) -> Vec<TimelineClip> {
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
                file_name: panel_file_name(
                    out.len(),
                    count,
                    &name,
                    if jpegs.contains(&panel.id) {
                        "jpg"
                    } else {
                        "png"
                    },
                ),
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

/// The file URL of one clip's still.
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
