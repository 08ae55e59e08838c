//! One value per export, so the GUI can hand a whole export to a background
//! thread and the CLI can map `--format NAME` to it.

use std::path::{Path, PathBuf};

use super::{
    CallSheetOptions, ContactSheetOptions, CsvOptions, ExportError, FrameSource, GifOptions,
    PdfOptions, PlanTable, PngOptions, Progress, ReviewSiteOptions, TimelineFormat,
};
use crate::model::Board;

/// An export and its options.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportJob {
    Pdf(PdfOptions),
    /// One PNG per panel; the output is a folder.
    Pngs(PngOptions),
    /// Contact sheet pages; the output is a folder.
    ContactSheets(ContactSheetOptions),
    Gif(GifOptions),
    Csv(CsvOptions),
    /// A timeline file plus the folder of stills it references.
    Timeline {
        format: TimelineFormat,
        frame_width: u32,
    },
    /// Per-day call sheets of the shooting plan.
    CallSheet(CallSheetOptions),
    /// The plan's breakdown or schedule as CSV.
    PlanCsv(PlanTable),
    /// The plan as JSON (`docs/plan-json.md`).
    PlanJson,
    /// A review page and its frames, for a browser; the output is a folder.
    Review(ReviewSiteOptions),
    /// The board's words as a Fountain screenplay ("back to the script").
    Fountain,
}

/// The `--format` names of [`ExportJob::from_cli_name`], in menu order.
pub const CLI_FORMATS: [&str; 14] = [
    "pdf",
    "png",
    "contact-sheet",
    "gif",
    "csv",
    "fountain",
    "fcp7-xml",
    "otio",
    "call-sheet",
    "breakdown-csv",
    "schedule-csv",
    "shot-log-csv",
    "plan-json",
    "review",
];

impl ExportJob {
    /// The job for a `--format` name, with default options.
    pub fn from_cli_name(name: &str) -> Option<Self> {
        Some(match name {
            "pdf" => Self::Pdf(PdfOptions::default()),
            "png" => Self::Pngs(PngOptions::default()),
            "contact-sheet" => Self::ContactSheets(ContactSheetOptions::default()),
            "gif" => Self::Gif(GifOptions::default()),
            "csv" => Self::Csv(CsvOptions::default()),
            "fcp7-xml" => Self::Timeline {
                format: TimelineFormat::Fcp7Xml,
                frame_width: 1920,
            },
            "otio" => Self::Timeline {
                format: TimelineFormat::Otio,
                frame_width: 1920,
            },
            "call-sheet" => Self::CallSheet(CallSheetOptions::default()),
            "breakdown-csv" => Self::PlanCsv(PlanTable::Breakdown),
            "schedule-csv" => Self::PlanCsv(PlanTable::Schedule),
            "shot-log-csv" => Self::PlanCsv(PlanTable::ShotLog),
            "plan-json" => Self::PlanJson,
            "review" => Self::Review(ReviewSiteOptions::default()),
            "fountain" => Self::Fountain,
            _ => return None,
        })
    }

    pub fn cli_name(&self) -> &'static str {
        match self {
            Self::Pdf(_) => "pdf",
            Self::Pngs(_) => "png",
            Self::ContactSheets(_) => "contact-sheet",
            Self::Gif(_) => "gif",
            Self::Csv(_) => "csv",
            Self::Timeline {
                format: TimelineFormat::Fcp7Xml,
                ..
            } => "fcp7-xml",
            Self::Timeline {
                format: TimelineFormat::Otio,
                ..
            } => "otio",
            Self::CallSheet(_) => "call-sheet",
            Self::PlanCsv(PlanTable::Breakdown) => "breakdown-csv",
            Self::PlanCsv(PlanTable::Schedule) => "schedule-csv",
            Self::PlanCsv(PlanTable::ShotLog) => "shot-log-csv",
            Self::PlanJson => "plan-json",
            Self::Review(_) => "review",
            Self::Fountain => "fountain",
        }
    }

    /// True when the output path names a folder rather than a file.
    pub fn writes_folder(&self) -> bool {
        matches!(
            self,
            Self::Pngs(_) | Self::ContactSheets(_) | Self::Review(_)
        )
    }

    /// The usual file extension of the output (none for folders).
    pub fn extension(&self) -> Option<&'static str> {
        match self {
            Self::Pdf(_) | Self::CallSheet(_) => Some("pdf"),
            Self::Gif(_) => Some("gif"),
            Self::Csv(_) | Self::PlanCsv(_) => Some("csv"),
            Self::PlanJson => Some("json"),
            Self::Fountain => Some("fountain"),
            Self::Timeline {
                format: TimelineFormat::Fcp7Xml,
                ..
            } => Some("xml"),
            Self::Timeline {
                format: TimelineFormat::Otio,
                ..
            } => Some("otio"),
            Self::Pngs(_) | Self::ContactSheets(_) | Self::Review(_) => None,
        }
    }

    /// Run the export to `out`, returning what was written: the file, the
    /// folder's files, or for a timeline the file and its stills folder.
    pub fn run(
        &self,
        source: &dyn FrameSource,
        board: &Board,
        out: &Path,
        progress: &Progress,
    ) -> Result<Vec<PathBuf>, ExportError> {
        let file = || vec![out.to_owned()];
        match self {
            Self::Pdf(o) => super::export_pdf(source, board, out, o, progress).map(|()| file()),
            Self::Pngs(o) => super::export_panel_pngs(source, board, out, o, progress),
            Self::ContactSheets(o) => super::export_contact_sheets(source, board, out, o, progress),
            Self::Gif(o) => super::export_gif(source, board, out, o, progress).map(|()| file()),
            Self::Csv(o) => super::export_csv(board, out, o, progress).map(|()| file()),
            Self::Timeline {
                format,
                frame_width,
            } => super::export_timeline_with_frames(
                source,
                board,
                out,
                *format,
                *frame_width,
                progress,
            )
            .map(|frames| vec![out.to_owned(), frames]),
            Self::CallSheet(o) => {
                super::export_call_sheet(source, board, out, o, progress).map(|()| file())
            }
            Self::PlanCsv(table) => {
                super::export_plan_csv(board, *table, out, progress).map(|()| file())
            }
            Self::PlanJson => super::export_plan_json(board, out, progress).map(|()| file()),
            Self::Review(o) => super::export_review_site(source, board, out, o, progress),
            Self::Fountain => super::export_fountain(board, out, progress).map(|()| file()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::SwatchFrames;

    #[test]
    fn every_cli_name_maps_to_a_job_and_back() {
        for name in CLI_FORMATS {
            let job = ExportJob::from_cli_name(name).unwrap();
            assert_eq!(job.cli_name(), name);
            assert_eq!(job.writes_folder(), job.extension().is_none());
        }
        assert!(ExportJob::from_cli_name("docx").is_none());
    }

    #[test]
    fn a_job_runs_its_export() {
        let board = Board::new_untitled();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("shots.csv");
        let job = ExportJob::from_cli_name("csv").unwrap();
        let source = SwatchFrames {
            aspect: board.aspect_ratio,
        };
        let written = job.run(&source, &board, &out, &Progress::new()).unwrap();
        assert_eq!(written, std::slice::from_ref(&out));
        assert!(
            std::fs::read_to_string(&out)
                .unwrap()
                .contains("Scene,Shot,Heading")
        );
    }
}
