//! Library functions behind the headless command line (`shotboard info`,
//! `add-images`, …), so each is tested without a display or a process.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::edit::{History, ops};
use crate::model::Board;
use crate::store::{self, LoadError, SaveError};

mod export;
mod git;
mod numbering;
mod review;
mod script;

pub use export::{ExportFileError, ExportReport, ExportSettings, export, export_job};
pub use git::{
    GIT_ATTRIBUTES_LINE, GitSetupError, GitSetupReport, MergeFileError, MergeOutcome, diff_files,
    git_setup, merge_files, textconv_file,
};
pub use numbering::{NumberingChange, NumberingError, numbering};
pub use review::{ImportReviewError, import_review_file};
pub use script::{
    FOUNTAIN_FORMAT, SyncFileError, SyncReport, export_formats, export_fountain_file, sync_file,
};

/// What `shotboard info` reports about a board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardInfo {
    pub file: PathBuf,
    pub title: String,
    pub author: String,
    pub format_version: u32,
    pub aspect_ratio: String,
    pub fps: String,
    pub scenes: usize,
    pub panels: usize,
    pub strokes: usize,
    pub runtime_frames: u64,
    pub runtime_ms: u64,
    pub runtime: String,
    pub missing_assets: Vec<MissingAsset>,
    /// Images kept outside the board's own assets folder (e.g. in another
    /// board's): they go missing when the board is moved or sent.
    pub outside_assets: Vec<String>,
    /// Estimated shooting time of every scene (setups × minutes per setup
    /// plus adjustments), scheduled or not.
    pub estimated_shooting_minutes: u32,
    /// The shooting plan's days, in order.
    pub shooting_days: Vec<DayInfo>,
}

/// One shooting day in `shotboard info`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayInfo {
    pub day: usize,
    pub date: String,
    pub scenes: usize,
    pub estimated_minutes: u32,
    pub day_minutes: u32,
}

/// One image the board refers to that cannot be shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MissingAsset {
    pub panel: String,
    pub path: String,
    pub problem: String,
}

/// Load a board and summarise it. Image problems are listed, not errors.
pub fn board_info(path: &Path) -> Result<BoardInfo, LoadError> {
    let loaded = store::load(path)?;
    let board = &loaded.board;
    let labels = crate::model::shot_labels(board);
    let frames = board.runtime_frames();
    Ok(BoardInfo {
        file: path.to_path_buf(),
        title: board.title.clone(),
        author: board.author.clone(),
        format_version: board.format_version,
        aspect_ratio: board.aspect_ratio.label(),
        fps: board.fps.label().to_owned(),
        scenes: board.scenes.len(),
        panels: board.panel_count(),
        strokes: board.stroke_count(),
        runtime_frames: frames,
        runtime_ms: board.fps.frames_to_ms(frames),
        runtime: board.fps.runtime_label(frames),
        missing_assets: loaded
            .problems
            .iter()
            .map(|p| MissingAsset {
                panel: board.find_panel(p.panel).map_or_else(
                    || p.panel.to_string(),
                    |pos| labels[pos.scene][pos.panel].to_string(),
                ),
                path: p.path.to_string(),
                problem: p.problem.clone(),
            })
            .collect(),
        outside_assets: store::outside_assets(board, path)
            .iter()
            .map(|a| a.to_string())
            .collect(),
        estimated_shooting_minutes: crate::model::schedule::board_estimate_minutes(board),
        shooting_days: (0..board.plan.days.len())
            .map(|i| {
                let totals = crate::model::schedule::day_totals(board, i);
                DayInfo {
                    day: i + 1,
                    date: board.plan.days[i].date.clone(),
                    scenes: totals.scenes.len(),
                    estimated_minutes: totals.minutes,
                    day_minutes: totals.day_minutes,
                }
            })
            .collect(),
    })
}

impl std::fmt::Display for BoardInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.title)?;
        if !self.author.is_empty() {
            writeln!(f, "  by {}", self.author)?;
        }
        writeln!(f, "  file:     {}", self.file.display())?;
        writeln!(
            f,
            "  format:   version {}, {} at {} fps",
            self.format_version, self.aspect_ratio, self.fps
        )?;
        writeln!(f, "  scenes:   {}", self.scenes)?;
        writeln!(f, "  panels:   {}", self.panels)?;
        writeln!(f, "  strokes:  {}", self.strokes)?;
        writeln!(
            f,
            "  runtime:  {} ({} frames)",
            self.runtime, self.runtime_frames
        )?;
        writeln!(
            f,
            "  shooting: {} estimated",
            crate::model::schedule::minutes_text(self.estimated_shooting_minutes)
        )?;
        for day in &self.shooting_days {
            writeln!(
                f,
                "    day {}{}: {} scene(s), {} of {}",
                day.day,
                if day.date.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", day.date)
                },
                day.scenes,
                crate::model::schedule::minutes_text(day.estimated_minutes),
                crate::model::schedule::minutes_text(day.day_minutes)
            )?;
        }
        if !self.outside_assets.is_empty() {
            writeln!(
                f,
                "  outside:  {} image(s) kept outside {}; they go missing if the board is moved (fix: shotboard repair, or Copy in from Missing images in the app)",
                self.outside_assets.len(),
                store::assets_dir_name(&self.file)
            )?;
            for a in &self.outside_assets {
                writeln!(f, "    {a}")?;
            }
        }
        if self.missing_assets.is_empty() {
            write!(f, "  images:   all present")
        } else {
            write!(
                f,
                "  images:   {} missing or broken",
                self.missing_assets.len()
            )?;
            for m in &self.missing_assets {
                write!(f, "\n    {}: {}: {}", m.panel, m.path, m.problem)?;
            }
            Ok(())
        }
    }
}

/// Why `repair` could not run.
#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("could not point the panels at the copied images: {0}")]
    Edit(#[from] crate::edit::EditError),
}

/// What `shotboard repair` did.
#[derive(Debug)]
pub struct RepairReport {
    pub copied: usize,
    pub failed: Vec<String>,
}

/// Copies the images a board keeps outside its own assets folder into it
/// and saves the board pointing at the copies (atomically, once). A board
/// with nothing outside is left untouched.
pub fn repair(board_file: &Path) -> Result<RepairReport, RepairError> {
    let mut board = store::read_board(board_file)?;
    let (moved, failed) = store::bring_assets_in(&board, board_file);
    let failed: Vec<String> = failed.iter().map(ToString::to_string).collect();
    let Some(command) = ops::repoint_images(&board, &moved) else {
        return Ok(RepairReport { copied: 0, failed });
    };
    History::new().apply(&mut board, command.edit, command.label)?;
    store::save(&board, board_file)?;
    Ok(RepairReport {
        copied: moved.len(),
        failed,
    })
}

/// Why `add-images` could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum AddImagesError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("the board has {scenes} scene(s); there is no scene {wanted}")]
    NoSuchScene { wanted: usize, scenes: usize },
    #[error("none of the {0} image(s) could be imported; the board was not changed")]
    NothingImported(usize),
    #[error("could not add the panels: {0}")]
    Edit(#[from] crate::edit::EditError),
}

/// What `add-images` did.
#[derive(Debug)]
pub struct AddImagesReport {
    pub created_board: bool,
    pub added: Vec<PathBuf>,
    pub failed: Vec<(PathBuf, String)>,
}

/// Append one panel per image to a board (created when missing), into
/// scene `scene` (1-based) or the last scene. Each failing file is reported
/// and the others still arrive; the board is saved atomically once.
pub fn add_images(
    board_file: &Path,
    images: &[PathBuf],
    scene: Option<usize>,
) -> Result<AddImagesReport, AddImagesError> {
    let created_board = !board_file.exists();
    let mut board = if created_board {
        let mut b = Board::new_untitled();
        if let Some(stem) = board_file.file_stem() {
            b.title = stem.to_string_lossy().into_owned();
        }
        b
    } else {
        store::load(board_file)?.board
    };
    if let Some(wanted) = scene
        && (wanted == 0 || wanted > board.scenes.len())
    {
        return Err(AddImagesError::NoSuchScene {
            wanted,
            scenes: board.scenes.len(),
        });
    }
    let (imported, failed) = store::import_images(board_file, images);
    if imported.is_empty() && !images.is_empty() {
        return Err(AddImagesError::NothingImported(images.len()));
    }
    let place = match scene {
        Some(n) => {
            let s = &board.scenes[n - 1];
            ops::Place::At {
                scene: s.id,
                index: s.panels.len(),
            }
        }
        None => ops::Place::End,
    };
    let assets: Vec<_> = imported.iter().map(|(_, a)| a.clone()).collect();
    if let Some(command) = ops::add_image_panels(&board, place, &assets) {
        History::new().apply(&mut board, command.edit, command.label)?;
    }
    store::save(&board, board_file)?;
    Ok(AddImagesReport {
        created_board,
        added: imported.into_iter().map(|(p, _)| p).collect(),
        failed: failed
            .into_iter()
            .map(|(p, e)| (p, e.to_string()))
            .collect(),
    })
}

/// Why a demo board could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteDemoError {
    #[error(transparent)]
    Generate(#[from] crate::demo::DemoError),
    #[error("could not write image {}: {source}", path.display())]
    Image {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Write a demo board (its images into `<stem>.assets/`, then the board,
/// atomically). Images already present with the same content are kept.
pub fn write_demo(out: &Path, demo: &crate::demo::DemoBoard) -> Result<(), WriteDemoError> {
    let dir = store::board_dir(out);
    for (asset, bytes) in &demo.images {
        let path = dir.join(asset.as_str());
        if std::fs::read(&path).is_ok_and(|existing| existing == *bytes) {
            continue;
        }
        let image_err = |source| WriteDemoError::Image {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(image_err)?;
        }
        // Write beside and rename, so a kill never leaves a torn image.
        let tmp = path.with_extension("png.tmp");
        std::fs::write(&tmp, bytes).map_err(image_err)?;
        std::fs::rename(&tmp, &path).map_err(image_err)?;
    }
    store::save(&demo.board, out)?;
    Ok(())
}

/// Generate and write the synthetic demo board `shotboard demo` makes.
pub fn demo(out: &Path, options: &crate::demo::DemoOptions) -> Result<(), WriteDemoError> {
    let generated = crate::demo::synthetic(options, &store::assets_dir_name(out))?;
    write_demo(out, &generated)
}

/// Generate and write a board whose every panel has its own photograph
/// (`shotboard demo --distinct`): the benchmark board for real boards.
/// Images are written as they are made; ones already there (same content,
/// same name) are kept, so generating the same board again is quick.
pub fn demo_distinct(out: &Path, options: &crate::demo::DemoOptions) -> Result<(), WriteDemoError> {
    let dir = store::board_dir(out).to_path_buf();
    let write = |asset: &crate::model::AssetPath, bytes: &[u8]| -> Result<(), String> {
        let path = dir.join(asset.as_str());
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        let tmp = path.with_extension("jpg.tmp");
        std::fs::write(&tmp, bytes).map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, &path).map_err(|e| e.to_string())
    };
    let board = crate::demo::distinct(options, &store::assets_dir_name(out), &write)?;
    store::save(&board, out)?;
    Ok(())
}

/// The kinds of file `shotboard import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Fountain,
    FinalDraft,
    Storyboarder,
}

impl ImportKind {
    /// Decide by extension: `.storyboarder` is a Storyboarder project;
    /// `.fountain`, `.spmd` and `.txt` are Fountain screenplays, `.fdx`
    /// Final Draft ones.
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "storyboarder" => Some(Self::Storyboarder),
            "fountain" | "spmd" | "txt" => Some(Self::Fountain),
            "fdx" => Some(Self::FinalDraft),
            _ => None,
        }
    }
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportFileError {
    #[error("{}: unknown kind of file; expected .fountain or .fdx (screenplay) or .storyboarder (project)", .0.display())]
    UnknownKind(PathBuf),
    #[error("{}: {source}", path.display())]
    Script {
        path: PathBuf,
        source: crate::import::screenplay::ScriptError,
    },
    #[error(transparent)]
    Storyboarder(#[from] crate::import::storyboarder::StoryboarderError),
    #[error("{} already exists; importing writes a new board (choose another -o)", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// `shotboard import INPUT -o OUT`: convert and save as a new board.
/// Returns the warnings.
pub fn import_file(input: &Path, out: &Path) -> Result<Vec<String>, ImportFileError> {
    if out.exists() {
        return Err(ImportFileError::Exists(out.to_path_buf()));
    }
    let (board, warnings) = match ImportKind::of(input) {
        Some(ImportKind::Fountain | ImportKind::FinalDraft) => {
            let imported =
                crate::import::screenplay::import_script_file(input).map_err(|source| {
                    ImportFileError::Script {
                        path: input.to_path_buf(),
                        source,
                    }
                })?;
            let warnings = imported.warnings.iter().map(ToString::to_string).collect();
            (imported.board, warnings)
        }
        Some(ImportKind::Storyboarder) => {
            let project = crate::import::storyboarder::import_storyboarder_into(input, out)?;
            (project.board, project.warnings)
        }
        None => return Err(ImportFileError::UnknownKind(input.to_path_buf())),
    };
    store::save(&board, out)?;
    Ok(warnings)
}
