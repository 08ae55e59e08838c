//! Import of Storyboarder (Wonder Unit) projects.
//!
//! A Storyboarder project is a `NAME.storyboarder` JSON file with an
//! `images/` folder beside it. Each board's drawing is a set of PNG layers
//! named `board-<n>-<uid>-<layer>.png` (the file names are also in the
//! JSON); boards of early versions keep their drawing in `board-<n>-<uid>.png`
//! instead. The import makes one scene holding one panel per board, and
//! flattens each board's layers into a frame image (see [`composite`]) that
//! the caller stores in the board's assets.
//!
//! Storyboarder wrote loose JSON over its versions (numbers as strings,
//! fields added later), so everything but the `boards` list is optional:
//! what is missing or odd becomes a warning, never a failure.

pub mod composite;
mod project;

use std::path::{Path, PathBuf};

use crate::model::{AspectRatio, Board, Fps, IdAllocator, Panel, PanelId, Scene};
use project::{SbBoard, SbProject, number};

/// A `.storyboarder` file larger than this is refused before reading; real
/// projects are a few hundred kilobytes.
const MAX_PROJECT_BYTES: u64 = 64 * 1024 * 1024;

/// A layer file larger than this is refused before reading.
const MAX_LAYER_BYTES: u64 = 64 * 1024 * 1024;

/// Storyboarder's default board duration, used when the project has none.
const STORYBOARDER_DEFAULT_TIMING_MS: u32 = 2000;

/// A board made from a Storyboarder project.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedProject {
    pub board: Board,
    /// One flattened frame per panel that had drawable layers, as PNG bytes,
    /// for the caller to store in the board's assets and set as the panel's
    /// image.
    pub frames: Vec<(PanelId, Vec<u8>)>,
    /// What was missing or could not be read; the import went on without it.
    pub warnings: Vec<String>,
}

/// Why a project could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum StoryboarderError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is {size} bytes, too large to be a Storyboarder project (limit {limit} bytes)", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{} has no boards to import", path.display())]
    NoBoards { path: PathBuf },
    #[error("{}: cannot store a board's drawing: {source}", path.display())]
    Frame {
        path: PathBuf,
        #[source]
        source: crate::store::ImportError,
    },
}

/// A project made into a board whose frames are already stored in the
/// assets folder of the board file it will be saved as.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredProject {
    pub board: Board,
    /// What was missing or could not be read; the import went on without it.
    pub warnings: Vec<String>,
}

/// Import the project at `path` and store its flattened frames for
/// `board_file`, pointing each panel at its frame: the whole import the
/// app and the command line both need, so neither assembles it itself.
pub fn import_storyboarder_into(
    path: &Path,
    board_file: &Path,
) -> Result<StoredProject, StoryboarderError> {
    let ImportedProject {
        mut board,
        frames,
        warnings,
    } = import_storyboarder(path)?;
    for (panel, png) in frames {
        let asset =
            crate::store::import_image_bytes(board_file, &png, "png").map_err(|source| {
                StoryboarderError::Frame {
                    path: path.to_owned(),
                    source,
                }
            })?;
        if let Some(p) = board.panel_mut(panel) {
            p.image = Some(asset);
        }
    }
    Ok(StoredProject { board, warnings })
}

/// Import the project at `path` (a `.storyboarder` file), reading layer
/// images from the `images` folder beside it.
pub fn import_storyboarder(path: &Path) -> Result<ImportedProject, StoryboarderError> {
    let text = read_project(path)?;
    let project: SbProject = serde_json::from_str(&text).map_err(|e| {
        let full = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        StoryboarderError::Json {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: full.strip_suffix(&position).unwrap_or(&full).to_owned(),
        }
    })?;
    if project.boards.is_empty() {
        return Err(StoryboarderError::NoBoards {
            path: path.to_owned(),
        });
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Storyboarder project".to_owned());
    let images = path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("images");
    Ok(Importer {
        images,
        warnings: Vec::new(),
    }
    .project(&name, &project))
}

fn read_project(path: &Path) -> Result<String, StoryboarderError> {
    let read_error = |source| StoryboarderError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = crate::store::read_limited(path, MAX_PROJECT_BYTES).map_err(|e| match e {
        crate::store::ReadLimitError::TooLarge { size, max } => StoryboarderError::TooLarge {
            path: path.to_owned(),
            size,
            limit: max,
        },
        crate::store::ReadLimitError::Io(source) => read_error(source),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned())
}

struct Importer {
    images: PathBuf,
    warnings: Vec<String>,
}

impl Importer {
    fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    fn project(mut self, name: &str, project: &SbProject) -> ImportedProject {
        let mut board = Board {
            title: name.to_owned(),
            ..Board::default()
        };
        board.aspect_ratio = self.aspect_ratio(project);
        board.fps = self.fps(project);
        board.default_duration_ms = self.default_timing(project);

        let mut ids = IdAllocator::new(&board);
        let mut scene = Scene::new(ids.scene(), name.to_owned());
        // Storyboarder: when no board is marked as a new shot, every board
        // is its own shot; otherwise boards continue the shot before them.
        let has_shots = project.boards.iter().any(|b| b.new_shot == Some(true));
        let mut frames = Vec::new();
        for (index, sb) in project.boards.iter().enumerate() {
            let label = board_label(index, sb);
            let mut panel = Panel::new(ids.panel());
            panel.action = sb.action.clone().unwrap_or_default();
            panel.dialogue = sb.dialogue.clone().unwrap_or_default();
            panel.notes = sb.notes.clone().unwrap_or_default();
            panel.new_shot = !has_shots || index == 0 || sb.new_shot == Some(true);
            panel.duration_ms = self.duration(&label, sb);
            if let Some(frame) = self.frame(&label, sb) {
                frames.push((panel.id, frame));
            }
            scene.panels.push(panel);
        }
        board.scenes.push(scene);
        board.bump_next_id();
        ImportedProject {
            board,
            frames,
            warnings: self.warnings,
        }
    }

    fn aspect_ratio(&mut self, project: &SbProject) -> AspectRatio {
        match project.aspect_ratio.as_ref().map(number) {
            None => {
                self.warn("the project has no aspectRatio; using 16:9".to_owned());
                AspectRatio::default()
            }
            Some(Some(ratio)) if (0.1..=10.0).contains(&ratio) => closest_aspect_ratio(ratio),
            Some(_) => {
                self.warn(format!(
                    "the project's aspectRatio {} is not a usable ratio; using 16:9",
                    raw(project.aspect_ratio.as_ref())
                ));
                AspectRatio::default()
            }
        }
    }

    fn fps(&mut self, project: &SbProject) -> Fps {
        match project.fps.as_ref().map(number) {
            None => {
                self.warn("the project has no fps; using 24".to_owned());
                Fps::Fps24
            }
            Some(Some(fps)) if fps > 0.0 => {
                let closest = closest_fps(fps);
                if (closest.as_f64() - fps).abs() > 0.01 {
                    self.warn(format!(
                        "the project's frame rate {fps} is not supported; using {}",
                        closest.label()
                    ));
                }
                closest
            }
            Some(_) => {
                self.warn(format!(
                    "the project's fps {} is not a frame rate; using 24",
                    raw(project.fps.as_ref())
                ));
                Fps::Fps24
            }
        }
    }

    fn default_timing(&mut self, project: &SbProject) -> u32 {
        match project.default_board_timing.as_ref().map(number) {
            None => {
                self.warn(format!(
                    "the project has no defaultBoardTiming; using {STORYBOARDER_DEFAULT_TIMING_MS} ms"
                ));
                STORYBOARDER_DEFAULT_TIMING_MS
            }
            Some(Some(ms)) if ms >= 1.0 => ms_to_u32(ms),
            Some(_) => {
                self.warn(format!(
                    "the project's defaultBoardTiming {} is not a duration; using {STORYBOARDER_DEFAULT_TIMING_MS} ms",
                    raw(project.default_board_timing.as_ref())
                ));
                STORYBOARDER_DEFAULT_TIMING_MS
            }
        }
    }

    /// A board's own duration; absent means the project default, as in
    /// Storyboarder.
    fn duration(&mut self, label: &str, sb: &SbBoard) -> Option<u32> {
        match sb.duration.as_ref().map(number) {
            None => None,
            Some(Some(ms)) if ms >= 1.0 => Some(ms_to_u32(ms)),
            Some(_) => {
                self.warn(format!(
                    "{label}: duration {} is not a duration; using the default",
                    raw(sb.duration.as_ref())
                ));
                None
            }
        }
    }

    /// The board's layers, read and flattened into PNG bytes.
    fn frame(&mut self, label: &str, sb: &SbBoard) -> Option<Vec<u8>> {
        let mut decoded = Vec::new();
        for (layer, file, opacity) in self.layer_files(label, sb) {
            if opacity <= 0.0 {
                continue;
            }
            if let Some(image) = self.read_layer(label, &layer, &file) {
                decoded.push((image, opacity));
            }
        }
        let flat = composite::flatten(&decoded)?;
        match composite::encode_png(&flat) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                self.warn(format!("{label}: could not encode its frame: {e}"));
                None
            }
        }
    }

    /// `(layer name, file name, opacity)` in drawing order.
    fn layer_files(&mut self, label: &str, sb: &SbBoard) -> Vec<(String, String, f32)> {
        let layers = sb.layers.clone().unwrap_or_default();
        let layer_of = |name: &str| layers.get(name).and_then(Option::as_ref);
        let has_drawing = composite::DRAWING_LAYERS
            .iter()
            .any(|name| layer_of(name).is_some());
        let mut files = Vec::new();
        for name in composite::LAYER_ORDER {
            let layer = layer_of(name);
            let file = match layer.and_then(|l| l.url.clone()) {
                Some(url) => Some(url),
                None if layer.is_some() => self.layer_file_name(sb, name),
                // Early versions: the drawing is the board's own image.
                None if name == "fill" && !has_drawing => sb.url.clone(),
                None => None,
            };
            let Some(file) = file else {
                if layer.is_some() {
                    self.warn(format!(
                        "{label}: layer \"{name}\" has no file name and the board has no url or uid to derive it"
                    ));
                }
                continue;
            };
            let default_opacity = if name == "reference" {
                composite::DEFAULT_REFERENCE_OPACITY
            } else {
                1.0
            };
            let opacity = match layer.and_then(|l| l.opacity.as_ref()).map(number) {
                None => default_opacity,
                Some(Some(o)) => o.clamp(0.0, 1.0) as f32,
                Some(None) => {
                    self.warn(format!(
                        "{label}: layer \"{name}\" has an opacity that is not a number; drawing it at {default_opacity}"
                    ));
                    default_opacity
                }
            };
            files.push((name.to_owned(), file, opacity));
        }
        files
    }

    /// Storyboarder's own naming: the board url with `-<layer>` before
    /// `.png`, or `board-<number>-<uid>-<layer>.png`.
    fn layer_file_name(&self, sb: &SbBoard, layer: &str) -> Option<String> {
        if let Some(url) = &sb.url
            && let Some(stem) = url.strip_suffix(".png")
        {
            return Some(format!("{stem}-{layer}.png"));
        }
        let number = sb.number.as_ref().and_then(number)?;
        let uid = sb.uid.as_ref()?;
        Some(format!("board-{number}-{uid}-{layer}.png"))
    }

    fn read_layer(&mut self, label: &str, layer: &str, file: &str) -> Option<image::RgbaImage> {
        if !is_plain_file_name(file) {
            self.warn(format!(
                "{label}: layer \"{layer}\" file name {file:?} is not a plain file name in images/; skipped"
            ));
            return None;
        }
        let path = self.images.join(file);
        let shown = format!("images/{file}");
        let bytes = match crate::store::read_limited(&path, MAX_LAYER_BYTES) {
            Ok(bytes) => bytes,
            Err(crate::store::ReadLimitError::Io(e))
                if e.kind() == std::io::ErrorKind::NotFound =>
            {
                self.warn(format!(
                    "{label}: layer \"{layer}\" file {shown} is missing; the frame is drawn without it"
                ));
                return None;
            }
            Err(crate::store::ReadLimitError::TooLarge { size, max }) => {
                self.warn(format!(
                    "{label}: {shown} is {size} bytes, over the {max}-byte limit; skipped"
                ));
                return None;
            }
            Err(e) => {
                self.warn(format!("{label}: cannot read {shown}: {e}"));
                return None;
            }
        };
        let decoded = composite::decode_png(&bytes);
        match decoded {
            Ok(image) => Some(image),
            Err(e) => {
                self.warn(format!(
                    "{label}: {shown} is not a readable PNG ({e}); skipped"
                ));
                None
            }
        }
    }
}

/// How warnings name a board: its position, and its shot and uid if known.
fn board_label(index: usize, sb: &SbBoard) -> String {
    let mut label = format!("board {}", index + 1);
    let extra: Vec<String> = [
        sb.shot.as_ref().map(|s| format!("shot {s}")),
        sb.uid.as_ref().map(|u| format!("uid {u}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !extra.is_empty() {
        label.push_str(&format!(" ({})", extra.join(", ")));
    }
    label
}

/// A file name that stays inside `images/`: no separators, no `..`, no
/// drive letters or control characters.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

fn raw(value: Option<&serde_json::Value>) -> String {
    value.map_or_else(String::new, ToString::to_string)
}

fn ms_to_u32(ms: f64) -> u32 {
    ms.round().clamp(1.0, f64::from(u32::MAX)) as u32
}

/// The preset within 1% of `ratio`, else the ratio itself in thousandths.
pub fn closest_aspect_ratio(ratio: f64) -> AspectRatio {
    let preset = AspectRatio::PRESETS
        .into_iter()
        .min_by(|a, b| {
            let da = (f64::from(a.ratio()) - ratio).abs();
            let db = (f64::from(b.ratio()) - ratio).abs();
            da.total_cmp(&db)
        })
        .filter(|p| (f64::from(p.ratio()) - ratio).abs() / ratio <= 0.01);
    preset.unwrap_or_else(|| {
        let width = (ratio * 1000.0).round() as u32;
        let divisor = gcd(width, 1000);
        AspectRatio::Custom {
            width: width / divisor,
            height: 1000 / divisor,
        }
    })
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

/// The supported frame rate nearest to `fps`.
pub fn closest_fps(fps: f64) -> Fps {
    Fps::ALL
        .into_iter()
        .min_by(|a, b| {
            (a.as_f64() - fps)
                .abs()
                .total_cmp(&(b.as_f64() - fps).abs())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aspect_ratios_snap_to_presets_or_become_custom() {
        assert_eq!(closest_aspect_ratio(1.7777), AspectRatio::Hd16x9);
        assert_eq!(closest_aspect_ratio(2.39), AspectRatio::Scope239);
        assert_eq!(closest_aspect_ratio(1.85), AspectRatio::Flat185);
        assert_eq!(closest_aspect_ratio(1.0), AspectRatio::Square);
        assert_eq!(closest_aspect_ratio(0.5625), AspectRatio::Vertical9x16);
        assert_eq!(
            closest_aspect_ratio(2.0),
            AspectRatio::Custom {
                width: 2,
                height: 1
            }
        );
        assert_eq!(
            closest_aspect_ratio(2.333),
            AspectRatio::Custom {
                width: 2333,
                height: 1000
            }
        );
    }

    #[test]
    fn frame_rates_snap_to_the_nearest_supported_one() {
        assert_eq!(closest_fps(23.976), Fps::Fps23_976);
        assert_eq!(closest_fps(24.0), Fps::Fps24);
        assert_eq!(closest_fps(29.97), Fps::Fps29_97);
        assert_eq!(closest_fps(12.0), Fps::Fps23_976);
    }

    #[test]
    fn only_plain_file_names_are_read() {
        assert!(is_plain_file_name("board-1-ABCDE-fill.png"));
        for bad in [
            "", "..", "../x.png", "a/b.png", "a\\b.png", "C:x.png", "a\nb",
        ] {
            assert!(!is_plain_file_name(bad), "{bad:?}");
        }
    }
}
