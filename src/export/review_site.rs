//! A review folder: `index.html` plus `frames/`, which anyone can open
//! offline in a browser (from `file://`, no server, no network), set a
//! status per panel, write comments and save a reply file that
//! "Import review replies…" merges back (see docs/review-reply.md).
//!
//! The board's words travel as JSON inside the page and the page builds
//! its DOM from it with `textContent` only, so no board text is ever parsed
//! as HTML.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::frames::{FrameSource, frame_exact, parallel_map};
use super::naming::{labelled_panels, panel_file_name};
use super::png::{check_width, encode_png, flatten};
use super::staging::StagedDir;
use super::{ExportError, Progress};
use crate::import::review_reply::{REPLY_FORMAT, REPLY_VERSION, status_name};
use crate::model::{Board, Comment, Panel, Transition, labels};

/// The page: CSS and JS inline; `/*BOARD_DATA*/` becomes the board's JSON.
const PAGE: &str = include_str!("review_page.html");
const DATA_MARKER: &str = "/*BOARD_DATA*/";

/// The page file inside the review folder.
pub const INDEX_FILE: &str = "index.html";
/// The folder of frames inside the review folder.
pub const FRAMES_DIR: &str = "frames";

/// Options for [`export_review_site`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewSiteOptions {
    /// Frame width in pixels; the height follows the board's aspect ratio.
    pub frame_width: u32,
}

impl Default for ReviewSiteOptions {
    /// Wide enough for a laptop screen, small enough to mail the folder.
    fn default() -> Self {
        Self { frame_width: 960 }
    }
}

/// Write the review folder `dir` (created, or an empty folder): the page
/// and one PNG per panel. Returns the page first, then the frames in board
/// order. All or nothing, like every folder export.
pub fn export_review_site(
    source: &dyn FrameSource,
    board: &Board,
    dir: &Path,
    options: &ReviewSiteOptions,
    progress: &Progress,
) -> Result<Vec<PathBuf>, ExportError> {
    check_width(dir, board, options.frame_width)?;
    // The staged `frames` folder is moved in whole; one already there (an
    // earlier review export) could not be replaced without deleting files.
    if dir.join(FRAMES_DIR).exists() {
        return Err(ExportError::options(
            dir,
            "the folder already holds a review export; choose a new or empty folder",
        ));
    }
    let panels = labelled_panels(board);
    progress.begin(panels.len() as u64);
    let size = board.aspect_ratio.frame_size(options.frame_width);
    let staged = StagedDir::new(dir)?;
    let frames_dir = staged.path().join(FRAMES_DIR);
    std::fs::create_dir(&frames_dir).map_err(|e| ExportError::io(dir, e))?;
    let count = panels.len();
    let indexed: Vec<_> = panels.iter().enumerate().collect();
    let names = parallel_map(&indexed, progress, dir, |(i, (panel, label))| {
        let name = panel_file_name(*i, count, label, "png");
        let dest = dir.join(FRAMES_DIR).join(&name);
        let frame = frame_exact(source, panel, size, label, dir)?;
        let bytes = encode_png(&flatten(&frame)).map_err(|e| ExportError::encode(&dest, e))?;
        std::fs::write(frames_dir.join(&name), bytes).map_err(|e| ExportError::io(&dest, e))?;
        Ok(name)
    })?;
    let page = review_page(board, &names);
    let index = dir.join(INDEX_FILE);
    std::fs::write(staged.path().join(INDEX_FILE), page).map_err(|e| ExportError::io(&index, e))?;
    staged.commit(progress)?;
    let mut written = vec![index];
    written.extend(names.iter().map(|n| dir.join(FRAMES_DIR).join(n)));
    Ok(written)
}

/// The page for `board`, whose panels' frames (in board order) are
/// `frames/<frame_names[i]>`.
pub fn review_page(board: &Board, frame_names: &[String]) -> String {
    let json = serde_json::to_string(&page_data(board, frame_names))
        // Plain structs and strings always serialize.
        .unwrap_or_else(|_| "{}".to_owned());
    PAGE.replacen(DATA_MARKER, &script_safe(&json), 1)
}

/// JSON that cannot end the `<script>` element it sits in: `<`, `>` and `&`
/// (which only occur inside strings) become `\u` escapes JSON.parse reads
/// back unchanged.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The reply file the page downloads: `<board title>-reply.json`, with the
/// title reduced to characters every file system accepts.
pub fn reply_file_name(board: &Board) -> String {
    let stem: String = board
        .title
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "board-reply.json".to_owned()
    } else {
        format!("{stem}-reply.json")
    }
}

#[derive(Serialize)]
struct PageData<'a> {
    format: &'static str,
    version: u32,
    reply_format: &'static str,
    title: &'a str,
    author: &'a str,
    reply_file: String,
    scenes: Vec<PageScene<'a>>,
}

#[derive(Serialize)]
struct PageScene<'a> {
    id: u64,
    number: String,
    heading: &'a str,
    location: &'a str,
    notes: &'a str,
    panels: Vec<PagePanel<'a>>,
}

#[derive(Serialize)]
struct PagePanel<'a> {
    id: u64,
    label: String,
    frame: String,
    action: &'a str,
    dialogue: &'a str,
    notes: &'a str,
    facts: Vec<String>,
    duration: String,
    status: &'static str,
    comments: &'a [Comment],
}

fn page_data<'a>(board: &'a Board, frame_names: &[String]) -> PageData<'a> {
    let numbers = labels::scene_numbers(board);
    let shot_labels = labels::shot_labels(board);
    let mut frames = frame_names.iter();
    let scenes = board
        .scenes
        .iter()
        .zip(numbers)
        .zip(shot_labels)
        .map(|((scene, number), labels)| PageScene {
            id: scene.id.0,
            number,
            heading: &scene.heading,
            location: &scene.location,
            notes: &scene.notes,
            panels: scene
                .panels
                .iter()
                .zip(labels)
                .map(|(panel, label)| PagePanel {
                    id: panel.id.0,
                    label: label.to_string(),
                    frame: frames
                        .next()
                        .map(|n| format!("{FRAMES_DIR}/{n}"))
                        .unwrap_or_default(),
                    action: &panel.action,
                    dialogue: &panel.dialogue,
                    notes: &panel.notes,
                    facts: facts(panel),
                    duration: duration(board, panel),
                    status: status_name(panel.status),
                    comments: &panel.comments,
                })
                .collect(),
        })
        .collect();
    PageData {
        format: "shotboard-review-page",
        version: REPLY_VERSION,
        reply_format: REPLY_FORMAT,
        title: &board.title,
        author: &board.author,
        reply_file: reply_file_name(board),
        scenes,
    }
}

/// The shot facts a reviewer reads: size, angle, move, lens, transition.
fn facts(panel: &Panel) -> Vec<String> {
    let mut facts: Vec<String> = [
        panel.shot_size.map(|s| s.label()),
        panel.angle.map(|a| a.label()),
        panel.movement.map(|m| m.label()),
    ]
    .into_iter()
    .flatten()
    .map(str::to_owned)
    .collect();
    if let Some(lens) = panel.lens_mm {
        facts.push(format!("{lens} mm"));
    }
    if panel.transition != Transition::Cut {
        facts.push(panel.transition.label().to_owned());
    }
    facts
}

fn duration(board: &Board, panel: &Panel) -> String {
    let ms = panel.duration_ms.unwrap_or(board.default_duration_ms);
    format!("{:.1} s", f64::from(ms) / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::SwatchFrames;
    use crate::model::{Panel, PanelId};

    fn board_with_text(text: &str) -> Board {
        let mut board = Board::new_untitled();
        board.title = "My <Film>".to_owned();
        let mut panel = Panel::new(PanelId(1000));
        panel.action = text.to_owned();
        board.scenes[0].panels.push(panel);
        board
    }

    #[test]
    fn board_text_cannot_close_the_data_script() {
        let board = board_with_text("</script><script>alert(1)</script> & \u{2028}");
        let page = review_page(&board, &["001_1A.png".to_owned()]);
        let start = page.find("id=\"board-data\"").unwrap();
        let data = &page[start..];
        let end = data.find("</script>").unwrap();
        let json_start = data.find('>').unwrap() + 1;
        let json = &data[json_start..end];
        assert!(!json.contains('<'), "{json}");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let action = value["scenes"][0]["panels"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["action"]
            .as_str()
            .unwrap();
        assert_eq!(action, "</script><script>alert(1)</script> & \u{2028}");
    }

    #[test]
    fn the_reply_file_is_named_after_the_board() {
        let board = board_with_text("");
        assert_eq!(reply_file_name(&board), "My--Film-reply.json");
        let mut untitled = board.clone();
        untitled.title = "  ".to_owned();
        assert_eq!(reply_file_name(&untitled), "board-reply.json");
    }

    #[test]
    fn the_folder_has_the_page_and_one_frame_per_panel() {
        let board = board_with_text("A door opens.");
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("review");
        let source = SwatchFrames {
            aspect: board.aspect_ratio,
        };
        let options = ReviewSiteOptions { frame_width: 64 };
        let written =
            export_review_site(&source, &board, &out, &options, &Progress::new()).unwrap();
        assert_eq!(written.len(), board.panel_count() + 1);
        assert_eq!(written[0], out.join(INDEX_FILE));
        for file in &written {
            assert!(file.is_file(), "{}", file.display());
        }
        let page = std::fs::read_to_string(out.join(INDEX_FILE)).unwrap();
        assert!(page.contains("frames/"), "frame paths are in the page");
        assert!(!page.contains("http://") && !page.contains("https://"));
        // A second export into the same folder is refused, not half-done.
        let again = export_review_site(&source, &board, &out, &options, &Progress::new());
        assert!(matches!(again, Err(ExportError::Options { .. })));
    }
}
