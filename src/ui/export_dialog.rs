//! File → Export…: pick a format and its options, choose where it goes, and
//! watch it run as a job with a progress bar and Cancel.
//!
//! The export works on a snapshot (a clone) of the board taken when it
//! starts, so the user can keep editing; it draws frames through
//! [`BoardFrames`], the same renderer the canvas uses. The job runner asks
//! for repaints while it runs.

use std::path::{Path, PathBuf};

use egui::Ui;

use crate::export::{
    BoardFrames, ContactSheetOptions, CsvOptions, ExportError, ExportJob, GifOptions, Grouping,
    Orientation, PANELS_PER_PAGE, Paper, PdfOptions, PngOptions, Progress, ReviewSiteOptions,
    RowOrder, TimelineFormat, pdf_page_count,
};
use crate::model::Board;

use super::dialogs::FileRequest;
use super::jobs::{JobId, JobView};

/// The formats, in menu order, with the names the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Png,
    ContactSheet,
    Gif,
    Csv,
    Fcp7Xml,
    Otio,
    Review,
}

impl Format {
    pub const ALL: [Self; 8] = [
        Self::Pdf,
        Self::Png,
        Self::ContactSheet,
        Self::Gif,
        Self::Csv,
        Self::Fcp7Xml,
        Self::Otio,
        Self::Review,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Pdf => "PDF boards",
            Self::Png => "PNG per panel",
            Self::ContactSheet => "Contact sheets (PNG)",
            Self::Gif => "Animatic GIF",
            Self::Csv => "Shot list CSV",
            Self::Fcp7Xml => "Final Cut Pro 7 XML",
            Self::Otio => "OpenTimelineIO",
            Self::Review => "Review page (any browser)",
        }
    }
}

/// How a finished export went, for the app to announce.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportOutcome {
    Done {
        /// What was written (see [`ExportJob::run`]).
        written: Vec<PathBuf>,
        /// Where the user asked it to go.
        out: PathBuf,
        /// Images drawn as placeholders.
        missing_images: usize,
    },
    Cancelled,
    Failed(String),
}

impl ExportOutcome {
    /// One sentence naming what was written.
    pub fn summary(&self) -> String {
        match self {
            Self::Done {
                written,
                out,
                missing_images,
            } => {
                let what = match written.as_slice() {
                    [one] if one == out => format!("Exported {}", out.display()),
                    [file, stills] if file == out => format!(
                        "Exported {} with its stills in {}",
                        file.display(),
                        stills.display()
                    ),
                    files => format!("Exported {} file(s) to {}", files.len(), out.display()),
                };
                if *missing_images > 0 {
                    format!("{what}; {missing_images} missing image(s) drawn as placeholders")
                } else {
                    what
                }
            }
            Self::Cancelled => "Export cancelled; nothing was written".to_owned(),
            Self::Failed(e) => format!("Export failed: {e}"),
        }
    }
}

/// What the Export window asks of the app.
pub enum ExportEvent {
    /// The user pressed Export: ask where to.
    ChooseDestination(FileRequest),
    /// Stop the running export (it removes whatever it staged).
    Cancel(JobId),
}

/// The Export window's state: chosen format and options survive closing it.
pub struct ExportDialog {
    pub open: bool,
    pub format: Format,
    pub pdf: PdfOptions,
    pub png: PngOptions,
    pub contact: ContactSheetOptions,
    pub gif: GifOptions,
    pub csv: CsvOptions,
    /// Width of the stills a timeline references.
    pub timeline_width: u32,
    pub review: ReviewSiteOptions,
    /// The export job in flight.
    running: Option<JobId>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Pdf,
            pdf: PdfOptions::default(),
            png: PngOptions::default(),
            contact: ContactSheetOptions::default(),
            gif: GifOptions::default(),
            csv: CsvOptions::default(),
            timeline_width: 1920,
            review: ReviewSiteOptions::default(),
            running: None,
        }
    }
}

impl ExportDialog {
    /// The job the window's choices describe.
    pub fn job(&self) -> ExportJob {
        match self.format {
            Format::Pdf => ExportJob::Pdf(self.pdf.clone()),
            Format::Png => ExportJob::Pngs(self.png),
            Format::ContactSheet => ExportJob::ContactSheets(self.contact),
            Format::Gif => ExportJob::Gif(self.gif),
            Format::Csv => ExportJob::Csv(self.csv),
            Format::Fcp7Xml => ExportJob::Timeline {
                format: TimelineFormat::Fcp7Xml,
                frame_width: self.timeline_width,
            },
            Format::Otio => ExportJob::Timeline {
                format: TimelineFormat::Otio,
                frame_width: self.timeline_width,
            },
            Format::Review => ExportJob::Review(self.review),
        }
    }

    /// The work of exporting a snapshot of `board` (images under
    /// `board_dir`) to `out`, to run as a job that reports to `progress`.
    pub fn work(
        &self,
        board: &Board,
        board_dir: &Path,
        out: PathBuf,
    ) -> impl FnOnce(&Progress) -> ExportOutcome + Send + 'static {
        let job = self.job();
        let board = board.clone();
        let board_dir = board_dir.to_owned();
        move |progress| {
            let frames = BoardFrames::new(&board, board_dir);
            match job.run(&frames, &board, &out, progress) {
                Ok(written) => ExportOutcome::Done {
                    written,
                    out,
                    missing_images: frames.problems().len(),
                },
                Err(ExportError::Cancelled { .. }) => ExportOutcome::Cancelled,
                Err(e) => ExportOutcome::Failed(e.to_string()),
            }
        }
    }

    /// The export now runs as job `id`.
    pub fn started(&mut self, id: JobId) {
        self.running = Some(id);
    }

    /// The running export's job, if any.
    pub fn running(&self) -> Option<JobId> {
        self.running
    }

    /// The export ended (written, cancelled or failed): the window closes.
    pub fn finished(&mut self) {
        self.running = None;
        self.open = false;
    }

    /// Draw the window (when open), with `progress` of the running export.
    /// Returns the question where the next export goes (the app asks it and
    /// starts the job with the answer), or a Cancel.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        board: &Board,
        suggested_stem: &str,
        progress: Option<&JobView>,
    ) -> Option<ExportEvent> {
        if !self.open {
            return None;
        }
        let mut event = None;
        let mut open = true;
        let mut start = false;
        let mut close = false;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                ui.add_enabled_ui(self.running.is_none(), |ui| self.options_ui(ui, board));
                ui.separator();
                match (self.running, progress) {
                    (Some(id), Some(job)) => {
                        let fraction = job.fraction.unwrap_or(0.0);
                        ui.add(
                            egui::ProgressBar::new(fraction)
                                .text(format!("Exporting… {:.0}%", fraction * 100.0)),
                        );
                        let cancel = egui::Button::new("Cancel export");
                        if ui.add_enabled(!job.cancelling, cancel).clicked() {
                            event = Some(ExportEvent::Cancel(id));
                        }
                    }
                    // Finished this frame; the app closes the window.
                    (Some(_), None) => {}
                    (None, _) => {
                        ui.horizontal(|ui| {
                            start = ui.button("Export…").clicked();
                            close = ui.button("Close").clicked();
                        });
                    }
                }
            });
        if start {
            let job = self.job();
            let name = match job.extension() {
                Some(ext) => format!("{suggested_stem}.{ext}"),
                None => suggested_stem.to_owned(),
            };
            event = Some(ExportEvent::ChooseDestination(FileRequest::export(
                &name,
                job.extension(),
            )));
        }
        // Esc closes the window, as it closes every other one (unless a
        // text field or a drop-down has the keys).
        if self.running.is_none()
            && !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            close = true;
        }
        // Closing the window while an export runs cancels it.
        if !open || close {
            match self.running {
                Some(id) => event = Some(ExportEvent::Cancel(id)),
                None => self.open = false,
            }
        }
        event
    }

    fn options_ui(&mut self, ui: &mut Ui, board: &Board) {
        egui::ComboBox::from_label("Format")
            .selected_text(self.format.name())
            .show_ui(ui, |ui| {
                for f in Format::ALL {
                    ui.selectable_value(&mut self.format, f, f.name());
                }
            });
        match self.format {
            Format::Pdf => {
                let o = &mut self.pdf;
                egui::ComboBox::from_label("Panels per page")
                    .selected_text(o.panels_per_page.to_string())
                    .show_ui(ui, |ui| {
                        for n in PANELS_PER_PAGE {
                            ui.selectable_value(&mut o.panels_per_page, n, n.to_string());
                        }
                    });
                ui.horizontal(|ui| {
                    ui.radio_value(&mut o.paper, Paper::A4, "A4");
                    ui.radio_value(&mut o.paper, Paper::Letter, "Letter");
                });
                ui.horizontal(|ui| {
                    ui.radio_value(&mut o.orientation, Orientation::Portrait, "Portrait");
                    ui.radio_value(&mut o.orientation, Orientation::Landscape, "Landscape");
                });
                ui.checkbox(&mut o.title_page, "Title page");
                number(ui, "Resolution (dpi)", &mut o.dpi, 72..=600);
                ui.label(format!("{} page(s)", pdf_page_count(board, o)));
            }
            Format::Png => {
                number(ui, "Width (px)", &mut self.png.width, 16..=8192);
                ui.label(format!("{} file(s), into a folder", board.panel_count()));
            }
            Format::ContactSheet => {
                let o = &mut self.contact;
                number(ui, "Columns", &mut o.columns, 1..=12);
                number(ui, "Rows", &mut o.rows, 1..=20);
                number(ui, "Frame width (px)", &mut o.frame_width, 32..=1920);
                let per_sheet = (o.columns * o.rows).max(1) as usize;
                ui.label(format!(
                    "{} sheet(s), into a folder",
                    board.panel_count().div_ceil(per_sheet).max(1)
                ));
            }
            Format::Gif => {
                number(ui, "Width (px)", &mut self.gif.width, 16..=4096);
                ui.checkbox(&mut self.gif.looping, "Loop");
            }
            Format::Csv => {
                ui.checkbox(&mut self.csv.byte_order_mark, "Byte-order mark (for Excel)");
                ui.label(order_note(self.csv.order));
            }
            Format::Fcp7Xml | Format::Otio => {
                number(ui, "Still width (px)", &mut self.timeline_width, 16..=8192);
                ui.label("Stills go in a folder beside the timeline.");
            }
            Format::Review => {
                number(
                    ui,
                    "Frame width (px)",
                    &mut self.review.frame_width,
                    16..=4096,
                );
                ui.label("A page and its frames, into a new folder: send it to reviewers; their reply files come back through File → Import review replies…");
            }
        }
    }
}

/// Which order the CSV rows come in, worded for the window.
fn order_note(order: RowOrder) -> String {
    let sort = order.sort.map(|(column, descending)| {
        let way = if descending {
            "descending"
        } else {
            "ascending"
        };
        format!("sorted by {} ({way})", column.title())
    });
    let group = order.grouping.map(|g| match g {
        Grouping::Scene => "grouped by scene",
        Grouping::Location => "grouped by location",
    });
    match (sort, group) {
        (None, None) => "Rows in board order".to_owned(),
        (Some(sort), None) => format!("Rows as in the shot list: {sort}"),
        (None, Some(group)) => format!("Rows as in the shot list: {group}"),
        (Some(sort), Some(group)) => format!("Rows as in the shot list: {group}, {sort}"),
    }
}

/// A labelled number field.
fn number(ui: &mut Ui, label: &str, value: &mut u32, range: std::ops::RangeInclusive<u32>) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::DragValue::new(value).range(range))
            .labelled_by(label.id);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_name_what_was_written() {
        let out = PathBuf::from("/tmp/b.pdf");
        let done = ExportOutcome::Done {
            written: vec![out.clone()],
            out,
            missing_images: 2,
        };
        let text = done.summary();
        assert!(text.contains("/tmp/b.pdf"), "{text}");
        assert!(text.contains("2 missing"), "{text}");
        let folder = ExportOutcome::Done {
            written: vec![
                PathBuf::from("/x/1.png"),
                PathBuf::from("/x/2.png"),
                PathBuf::from("/x/3.png"),
            ],
            out: PathBuf::from("/x"),
            missing_images: 0,
        };
        assert_eq!(folder.summary(), "Exported 3 file(s) to /x");
    }

    #[test]
    fn every_format_maps_to_its_job() {
        let mut dialog = ExportDialog::default();
        let names: Vec<&str> = Format::ALL
            .iter()
            .map(|&f| {
                dialog.format = f;
                dialog.job().cli_name()
            })
            .collect();
        assert_eq!(names, crate::export::CLI_FORMATS);
    }
}
