//! `shotboard export`: a board file to a PDF, images, a GIF, a shot list or
//! an editor timeline, with the same frame source the GUI uses.

use std::path::{Path, PathBuf};

use crate::export::{
    BoardFrames, CLI_FORMATS, ExportError, ExportJob, Orientation, PANELS_PER_PAGE, Paper, Progress,
};
use crate::store::{self, LoadError};

/// Command-line options of an export; `None` keeps the format's default.
/// An option given to a format it does not apply to is an error, so a typo
/// never silently exports something else.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportSettings {
    /// Frame width in pixels (png, contact-sheet, gif, fcp7-xml, otio).
    pub width: Option<u32>,
    /// Panels per PDF page: 1, 2, 3, 4, 6 or 9.
    pub per_page: Option<u32>,
    pub paper: Option<Paper>,
    /// Landscape PDF pages (else portrait).
    pub landscape: bool,
    /// Start the PDF with a title page.
    pub title_page: bool,
    /// PDF frame resolution in dots per inch.
    pub dpi: Option<u32>,
    /// Contact sheet grid.
    pub columns: Option<u32>,
    pub rows: Option<u32>,
    /// The call sheet of one shooting day (1-based) instead of all.
    pub day: Option<usize>,
}

/// Why `shotboard export` did not run or did not finish.
#[derive(Debug, thiserror::Error)]
pub enum ExportFileError {
    #[error("unknown format {name:?}; expected one of {}", CLI_FORMATS.join(", "))]
    UnknownFormat { name: String },
    #[error("{option} does not apply to the {format} format")]
    NotApplicable {
        option: &'static str,
        format: &'static str,
    },
    #[error("{0}")]
    BadOption(String),
    #[error(
        "{} is the board itself; an export never overwrites its board (choose another -o)",
        .0.display()
    )]
    WouldOverwriteBoard(PathBuf),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// What an export wrote, and which images it drew as placeholders.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportReport {
    /// The file, the folder's files, or a timeline and its stills folder.
    pub written: Vec<PathBuf>,
    /// `(asset path, reason)` for every image that could not be drawn.
    pub missing_images: Vec<(String, String)>,
}

/// The job for `--format NAME` with the command line's options.
pub fn export_job(format: &str, settings: &ExportSettings) -> Result<ExportJob, ExportFileError> {
    let mut job =
        ExportJob::from_cli_name(format).ok_or_else(|| ExportFileError::UnknownFormat {
            name: format.to_owned(),
        })?;
    let name = job.cli_name();
    let refuse = |option| ExportFileError::NotApplicable {
        option,
        format: name,
    };
    let pdf = matches!(job, ExportJob::Pdf(_));
    let contact = matches!(job, ExportJob::ContactSheets(_));
    let call_sheet = matches!(job, ExportJob::CallSheet(_));
    if settings.paper.is_some() && !pdf && !call_sheet {
        return Err(refuse("--paper"));
    }
    if settings.day.is_some() && !call_sheet {
        return Err(refuse("--day"));
    }
    for (given, option) in [
        (settings.per_page.is_some(), "--per-page"),
        (settings.landscape, "--landscape"),
        (settings.title_page, "--title-page"),
        (settings.dpi.is_some(), "--dpi"),
    ] {
        if given && !pdf {
            return Err(refuse(option));
        }
    }
    for (given, option) in [
        (settings.columns.is_some(), "--columns"),
        (settings.rows.is_some(), "--rows"),
    ] {
        if given && !contact {
            return Err(refuse(option));
        }
    }
    if settings.width == Some(0) {
        return Err(ExportFileError::BadOption(
            "--width must be at least 1 pixel".to_owned(),
        ));
    }
    match &mut job {
        ExportJob::Pdf(o) => {
            if settings.width.is_some() {
                return Err(refuse("--width (use --dpi)"));
            }
            if let Some(n) = settings.per_page {
                if !PANELS_PER_PAGE.contains(&n) {
                    return Err(ExportFileError::BadOption(format!(
                        "--per-page must be one of 1, 2, 3, 4, 6, 9 (got {n})"
                    )));
                }
                o.panels_per_page = n;
            }
            o.paper = settings.paper.unwrap_or_default();
            o.orientation = if settings.landscape {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            };
            o.title_page = settings.title_page;
            if let Some(dpi) = settings.dpi {
                o.dpi = dpi;
            }
        }
        ExportJob::Pngs(o) => o.width = settings.width.unwrap_or(o.width),
        ExportJob::ContactSheets(o) => {
            o.frame_width = settings.width.unwrap_or(o.frame_width);
            for (value, field) in [
                (settings.columns, &mut o.columns),
                (settings.rows, &mut o.rows),
            ] {
                match value {
                    Some(0) => {
                        return Err(ExportFileError::BadOption(
                            "--columns and --rows must be at least 1".to_owned(),
                        ));
                    }
                    Some(n) => *field = n,
                    None => {}
                }
            }
        }
        ExportJob::Gif(o) => o.width = settings.width.unwrap_or(o.width),
        ExportJob::Csv(_) => {
            if settings.width.is_some() {
                return Err(refuse("--width"));
            }
        }
        ExportJob::Timeline { frame_width, .. } => {
            *frame_width = settings.width.unwrap_or(*frame_width);
        }
        ExportJob::CallSheet(o) => {
            if settings.width.is_some() {
                return Err(refuse("--width"));
            }
            o.paper = settings.paper.unwrap_or_default();
            o.day = match settings.day {
                Some(0) => {
                    return Err(ExportFileError::BadOption(
                        "--day counts from 1 (the first shooting day)".to_owned(),
                    ));
                }
                day => day.map(|d| d - 1),
            };
        }
        ExportJob::PlanCsv(_) | ExportJob::PlanJson | ExportJob::Fountain => {
            if settings.width.is_some() {
                return Err(refuse("--width"));
            }
        }
        ExportJob::Review(o) => o.frame_width = settings.width.unwrap_or(o.frame_width),
    }
    Ok(job)
}

/// Export the board in `board_file` to `out`. The board file is only read;
/// images that cannot be drawn become placeholders and are reported.
pub fn export(
    board_file: &Path,
    job: &ExportJob,
    out: &Path,
    progress: &Progress,
) -> Result<ExportReport, ExportFileError> {
    if same_file(board_file, out) {
        return Err(ExportFileError::WouldOverwriteBoard(out.to_owned()));
    }
    let board = store::load(board_file)?.board;
    let frames = BoardFrames::new(&board, store::board_dir(board_file));
    let written = job.run(&frames, &board, out, progress)?;
    Ok(ExportReport {
        written,
        missing_images: frames.problems(),
    })
}

/// Whether two paths name the same file (the second may not exist yet).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_map_onto_the_job() {
        let settings = ExportSettings {
            per_page: Some(9),
            paper: Some(Paper::Letter),
            landscape: true,
            title_page: true,
            ..ExportSettings::default()
        };
        let ExportJob::Pdf(o) = export_job("pdf", &settings).unwrap() else {
            panic!("not a PDF job");
        };
        assert_eq!(o.panels_per_page, 9);
        assert_eq!(o.paper, Paper::Letter);
        assert_eq!(o.orientation, Orientation::Landscape);
        assert!(o.title_page);

        let width = ExportSettings {
            width: Some(640),
            ..ExportSettings::default()
        };
        let ExportJob::Gif(g) = export_job("gif", &width).unwrap() else {
            panic!("not a GIF job");
        };
        assert_eq!(g.width, 640);
    }

    #[test]
    fn misplaced_or_bad_options_are_refused() {
        let per_page = ExportSettings {
            per_page: Some(6),
            ..ExportSettings::default()
        };
        assert!(matches!(
            export_job("csv", &per_page),
            Err(ExportFileError::NotApplicable { .. })
        ));
        let five = ExportSettings {
            per_page: Some(5),
            ..ExportSettings::default()
        };
        assert!(matches!(
            export_job("pdf", &five),
            Err(ExportFileError::BadOption(_))
        ));
        assert!(matches!(
            export_job("docx", &ExportSettings::default()),
            Err(ExportFileError::UnknownFormat { .. })
        ));
    }

    #[test]
    fn exporting_onto_the_board_file_is_refused_and_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.ron");
        store::save(&crate::model::Board::new_untitled(), &file).unwrap();
        let before = std::fs::read(&file).unwrap();
        let job = export_job("csv", &ExportSettings::default()).unwrap();
        let err = export(&file, &job, &file, &Progress::new()).unwrap_err();
        assert!(matches!(err, ExportFileError::WouldOverwriteBoard(_)));
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}
