//! File → Export…: pick a format and its options, type or browse where it
//! goes, and watch it run as a job with a progress bar and Cancel.
//!
//! The window is modal, like every other dialog: the board can't change
//! under choices that describe it (page counts, the shot list's order), and
//! shortcuts don't reach the canvas behind it. Its choices are remembered
//! per board (see [`super::export_choices`]).
//!
//! The export works on a snapshot (a clone) of the board taken when it
//! starts; it draws frames through [`BoardFrames`], the same renderer the
//! canvas uses. The job runner asks for repaints while it runs.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use egui::Ui;

use crate::export::{
    BoardFrames, CallSheetOptions, ContactSheetOptions, CsvOptions, ExportError, ExportJob,
    GifOptions, Grouping, Orientation, PANELS_PER_PAGE, Paper, PdfOptions, PlanTable, PngOptions,
    Progress, ReviewSiteOptions, RowOrder, TimelineFormat, pdf_page_count,
};
use crate::model::Board;

use super::dialogs::FileRequest;
use super::export_choices::{ExportChoices, ExportMemory};
use super::jobs::{JobId, JobView};

/// What the fields accept (and what remembered choices are held to).
const DPI: RangeInclusive<u32> = 72..=600;
const PNG_WIDTH: RangeInclusive<u32> = 16..=8192;
const SHEET_COLUMNS: RangeInclusive<u32> = 1..=12;
const SHEET_ROWS: RangeInclusive<u32> = 1..=20;
const SHEET_FRAME_WIDTH: RangeInclusive<u32> = 32..=1920;
const GIF_WIDTH: RangeInclusive<u32> = 16..=4096;
const STILL_WIDTH: RangeInclusive<u32> = 16..=8192;
const REVIEW_WIDTH: RangeInclusive<u32> = 16..=4096;

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
    CallSheet,
    BreakdownCsv,
    ScheduleCsv,
    ShotLogCsv,
    PlanJson,
    Review,
    Fountain,
}

impl Format {
    pub const ALL: [Self; 14] = [
        Self::Pdf,
        Self::Png,
        Self::ContactSheet,
        Self::Gif,
        Self::Csv,
        Self::Fountain,
        Self::Fcp7Xml,
        Self::Otio,
        Self::CallSheet,
        Self::BreakdownCsv,
        Self::ScheduleCsv,
        Self::ShotLogCsv,
        Self::PlanJson,
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
            Self::CallSheet => "Call sheets (PDF)",
            Self::BreakdownCsv => "Breakdown CSV",
            Self::ScheduleCsv => "Schedule CSV",
            Self::ShotLogCsv => "Shot log CSV (takes)",
            Self::PlanJson => "Shooting plan JSON",
            Self::Review => "Review page (any browser)",
            Self::Fountain => "Fountain screenplay (the words)",
        }
    }

    /// The command line's name for the format (also the key its choices
    /// are remembered under).
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::ContactSheet => "contact-sheet",
            Self::Gif => "gif",
            Self::Csv => "csv",
            Self::Fcp7Xml => "fcp7-xml",
            Self::Otio => "otio",
            Self::CallSheet => "call-sheet",
            Self::BreakdownCsv => "breakdown-csv",
            Self::ScheduleCsv => "schedule-csv",
            Self::ShotLogCsv => "shot-log-csv",
            Self::PlanJson => "plan-json",
            Self::Review => "review",
            Self::Fountain => "fountain",
        }
    }

    fn from_cli_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.cli_name() == name)
    }

    /// The default name of a folder export, after the board's name.
    fn folder_suffix(self) -> &'static str {
        match self {
            Self::ContactSheet => "contact sheets",
            Self::Review => "review",
            _ => "stills",
        }
    }
}

/// What the window needs from the app each frame.
pub struct ExportInput<'a> {
    pub board: &'a Board,
    /// The saved board file: whose choices are remembered, and the folder
    /// exports go to unless told otherwise. `None` while untitled.
    pub board_file: Option<&'a Path>,
    /// The board's file name without its extension, to name exports.
    pub stem: &'a str,
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
    /// Export to this destination (typed, browsed or remembered).
    Start(PathBuf),
    /// The user pressed Export with no destination: ask where to, then
    /// export there.
    ChooseDestination(FileRequest),
    /// The user pressed Browse: ask where to, and give the answer to
    /// [`ExportDialog::set_destination`] (nothing is written yet).
    Browse(FileRequest),
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
    pub call_sheet: CallSheetOptions,
    /// Width of the stills a timeline references.
    pub timeline_width: u32,
    pub review: ReviewSiteOptions,
    /// The destination typed or browsed for each format (by command-line
    /// name); a format without one goes beside the board.
    destinations: BTreeMap<String, String>,
    /// The board whose choices the window holds (`Some(None)`: untitled),
    /// so opening another board brings back that board's choices.
    loaded_for: Option<Option<PathBuf>>,
    /// A field of the window had the keys at the end of the last frame.
    typing: bool,
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
            call_sheet: CallSheetOptions::default(),
            timeline_width: 1920,
            review: ReviewSiteOptions::default(),
            destinations: BTreeMap::new(),
            loaded_for: None,
            typing: false,
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
            Format::CallSheet => ExportJob::CallSheet(self.call_sheet.clone()),
            Format::BreakdownCsv => ExportJob::PlanCsv(PlanTable::Breakdown),
            Format::ScheduleCsv => ExportJob::PlanCsv(PlanTable::Schedule),
            Format::ShotLogCsv => ExportJob::PlanCsv(PlanTable::ShotLog),
            Format::PlanJson => ExportJob::PlanJson,
            Format::Otio => ExportJob::Timeline {
                format: TimelineFormat::Otio,
                frame_width: self.timeline_width,
            },
            Format::Review => ExportJob::Review(self.review),
            Format::Fountain => ExportJob::Fountain,
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
        // The window (a modal) steps aside so editing goes on; progress and
        // Cancel are in the status bar, and reopening the window shows them.
        self.open = false;
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
    /// Returns what the user asked for: an export to start, a question
    /// where to, or a Cancel. The choices on screen are remembered for the
    /// board in `memory`.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        input: &ExportInput<'_>,
        memory: &mut ExportMemory,
        progress: Option<&JobView>,
    ) -> Option<ExportEvent> {
        if !self.open {
            return None;
        }
        self.load_for(input.board_file, memory);
        let mut event = None;
        let mut start = false;
        let mut close = false;
        let mut browse = false;
        // Hung from a fixed top, not centred: the window's height changes
        // with the format, and a centred window would jump up and down.
        let id = egui::Id::unique("export-window");
        let area = egui::Modal::default_area(id).anchor(
            egui::Align2::CENTER_TOP,
            egui::vec2(0.0, (ctx.content_rect().height() * 0.12).min(120.0)),
        );
        let response = egui::Modal::new(id).area(area).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Export");
            ui.add_space(4.0);
            ui.add_enabled_ui(self.running.is_none(), |ui| {
                self.options_ui(ui, input.board);
                ui.add_space(6.0);
                browse = self.destination_ui(ui, input);
            });
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
        let job = self.job();
        let name = match job.extension() {
            Some(ext) => format!("{}.{ext}", input.stem),
            None => input.stem.to_owned(),
        };
        if browse {
            event = Some(ExportEvent::Browse(FileRequest::export(
                &name,
                job.extension(),
            )));
        }
        if start {
            // A destination typed (or remembered) is used as it is; none
            // at all asks where.
            event = Some(match self.destination(input) {
                Some(out) => {
                    self.set_destination(&out);
                    ExportEvent::Start(out)
                }
                None => ExportEvent::ChooseDestination(FileRequest::export(&name, job.extension())),
            });
        }
        // Esc or a click beside the window closes it, as every other one
        // (unless a text field or a drop-down has the keys); a running
        // export has its own Cancel.
        if self.running.is_none() {
            close |= response.backdrop_response.clicked();
            close |= response.is_top_modal
                && !response.any_popup_open
                && !self.typing
                && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
            if close {
                self.open = false;
            }
        }
        // Esc in a field leaves the field, not the window. egui drops the
        // focus as the key arrives, so whether a field had the keys is
        // known only from the frame before.
        self.typing = self.open && ctx.egui_wants_keyboard_input();
        if let Some(board_file) = input.board_file {
            memory.remember(board_file, self.choices());
        }
        event
    }

    /// Bring back the choices last made for this board. A board saved for
    /// the first time keeps those made while it was untitled; a board
    /// never exported starts from the defaults.
    fn load_for(&mut self, board_file: Option<&Path>, memory: &ExportMemory) {
        let key = board_file.map(Path::to_path_buf);
        if self.loaded_for.as_ref() == Some(&key) {
            return;
        }
        let was_untitled = matches!(self.loaded_for, Some(None));
        match key.as_deref().and_then(|k| memory.get(k)) {
            Some(choices) => self.apply_choices(choices),
            None if was_untitled => {}
            None => self.apply_choices(&ExportChoices::default()),
        }
        self.loaded_for = Some(key);
    }

    /// The window's choices, to remember.
    pub fn choices(&self) -> ExportChoices {
        ExportChoices {
            format: self.format.cli_name().to_owned(),
            pdf_panels_per_page: self.pdf.panels_per_page,
            pdf_paper: match self.pdf.paper {
                Paper::A4 => "a4",
                Paper::Letter => "letter",
            }
            .to_owned(),
            pdf_landscape: self.pdf.orientation == Orientation::Landscape,
            pdf_title_page: self.pdf.title_page,
            pdf_dpi: self.pdf.dpi,
            png_width: self.png.width,
            contact_columns: self.contact.columns,
            contact_rows: self.contact.rows,
            contact_frame_width: self.contact.frame_width,
            gif_width: self.gif.width,
            gif_loop: self.gif.looping,
            csv_byte_order_mark: self.csv.byte_order_mark,
            timeline_width: self.timeline_width,
            review_width: self.review.frame_width,
            destinations: self.destinations.clone(),
        }
    }

    /// Take remembered choices, each held to what its field accepts.
    fn apply_choices(&mut self, c: &ExportChoices) {
        self.format = Format::from_cli_name(&c.format).unwrap_or(Format::Pdf);
        let pdf_defaults = PdfOptions::default();
        self.pdf.panels_per_page = if PANELS_PER_PAGE.contains(&c.pdf_panels_per_page) {
            c.pdf_panels_per_page
        } else {
            pdf_defaults.panels_per_page
        };
        self.pdf.paper = if c.pdf_paper == "letter" {
            Paper::Letter
        } else {
            Paper::A4
        };
        self.pdf.orientation = if c.pdf_landscape {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        };
        self.pdf.title_page = c.pdf_title_page;
        self.pdf.dpi = clamp(c.pdf_dpi, DPI);
        self.png.width = clamp(c.png_width, PNG_WIDTH);
        self.contact.columns = clamp(c.contact_columns, SHEET_COLUMNS);
        self.contact.rows = clamp(c.contact_rows, SHEET_ROWS);
        self.contact.frame_width = clamp(c.contact_frame_width, SHEET_FRAME_WIDTH);
        self.gif.width = clamp(c.gif_width, GIF_WIDTH);
        self.gif.looping = c.gif_loop;
        self.csv.byte_order_mark = c.csv_byte_order_mark;
        self.timeline_width = clamp(c.timeline_width, STILL_WIDTH);
        self.review.frame_width = clamp(c.review_width, REVIEW_WIDTH);
        self.destinations = c.destinations.clone();
    }

    /// Export the chosen format to `path` from now on (a Browse answer).
    pub fn set_destination(&mut self, path: &Path) {
        self.destinations.insert(
            self.format.cli_name().to_owned(),
            path.display().to_string(),
        );
    }

    /// What the destination field shows: the user's, else beside the board.
    fn destination_text(&self, input: &ExportInput<'_>) -> String {
        self.destinations
            .get(self.format.cli_name())
            .cloned()
            .or_else(|| {
                let name = match self.job().extension() {
                    Some(ext) => format!("{}.{ext}", input.stem),
                    None => format!("{} {}", input.stem, self.format.folder_suffix()),
                };
                base_dir(input).map(|dir| dir.join(name).display().to_string())
            })
            .unwrap_or_default()
    }

    /// Where the export goes, from the destination field; `None` when it
    /// is empty.
    fn destination(&self, input: &ExportInput<'_>) -> Option<PathBuf> {
        resolve(
            &self.destination_text(input),
            self.job().extension(),
            base_dir(input).as_deref(),
        )
    }

    /// The destination row; true when Browse was clicked.
    fn destination_ui(&mut self, ui: &mut Ui, input: &ExportInput<'_>) -> bool {
        let folder = self.job().writes_folder();
        let mut text = self.destination_text(input);
        let label = ui.label(if folder {
            "Destination (a folder)"
        } else {
            "Destination"
        });
        let mut browse = false;
        ui.horizontal(|ui| {
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id_salt("export-destination")
                        .hint_text(if folder { "a folder" } else { "a file" })
                        .desired_width(ui.available_width() - 80.0),
                )
                .labelled_by(label.id);
            if field.changed() {
                self.destinations
                    .insert(self.format.cli_name().to_owned(), text.clone());
            }
            browse = ui
                .button("Browse…")
                .on_hover_text("Choose the destination with the file dialog")
                .clicked();
        });
        // Say where a relative path or a missing extension really goes.
        let resolved = resolve(&text, self.job().extension(), base_dir(input).as_deref());
        if let Some(path) = resolved.filter(|p| p.as_os_str() != text.trim()) {
            ui.label(egui::RichText::new(format!("Writes {}", path.display())).weak());
        }
        browse
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
                number(ui, "Resolution (dpi)", &mut o.dpi, DPI);
                ui.label(format!("{} page(s)", pdf_page_count(board, o)));
            }
            Format::Png => {
                number(ui, "Width (px)", &mut self.png.width, PNG_WIDTH);
                ui.label(format!("{} file(s), into a folder", board.panel_count()));
            }
            Format::ContactSheet => {
                let o = &mut self.contact;
                number(ui, "Columns", &mut o.columns, SHEET_COLUMNS);
                number(ui, "Rows", &mut o.rows, SHEET_ROWS);
                number(
                    ui,
                    "Frame width (px)",
                    &mut o.frame_width,
                    SHEET_FRAME_WIDTH,
                );
                let per_sheet = (o.columns * o.rows).max(1) as usize;
                ui.label(format!(
                    "{} sheet(s), into a folder",
                    board.panel_count().div_ceil(per_sheet).max(1)
                ));
            }
            Format::Gif => {
                number(ui, "Width (px)", &mut self.gif.width, GIF_WIDTH);
                ui.checkbox(&mut self.gif.looping, "Loop");
            }
            Format::Csv => {
                ui.checkbox(&mut self.csv.byte_order_mark, "Byte-order mark (for Excel)");
                ui.label(order_note(self.csv.order));
            }
            Format::Fcp7Xml | Format::Otio => {
                number(
                    ui,
                    "Still width (px)",
                    &mut self.timeline_width,
                    STILL_WIDTH,
                );
                ui.label("Stills go in a folder beside the timeline.");
            }
            Format::CallSheet => {
                let o = &mut self.call_sheet;
                ui.horizontal(|ui| {
                    ui.radio_value(&mut o.paper, Paper::A4, "A4");
                    ui.radio_value(&mut o.paper, Paper::Letter, "Letter");
                });
                let days = board.plan.days.len();
                if o.day.is_some_and(|d| d >= days) {
                    o.day = None;
                }
                let name = |d: Option<usize>| {
                    d.map_or("Every day".to_owned(), |d| format!("Day {}", d + 1))
                };
                egui::ComboBox::from_label("Shooting day")
                    .selected_text(name(o.day))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut o.day, None, name(None));
                        for d in 0..days {
                            ui.selectable_value(&mut o.day, Some(d), name(Some(d)));
                        }
                    });
                ui.label("A page or more per day: scenes, shots with frames, cast, props, takes.");
            }
            Format::BreakdownCsv => {
                ui.label(
                    "One row per scene: set, cast, props, wardrobe, VFX, equipment, estimate.",
                );
            }
            Format::ScheduleCsv => {
                ui.label("Scenes day by day in shooting order, then the unscheduled ones.");
            }
            Format::ShotLogCsv => {
                ui.label("Every take of every scheduled shot, day by day, for the editor.");
            }
            Format::PlanJson => {
                ui.label("The whole plan for crew tools (format: docs/plan-json.md).");
            }
            Format::Fountain => {
                ui.label(
                    "Scene headings, action and dialogue in the board's order, for the writer to take back into the script.",
                );
            }
            Format::Review => {
                number(
                    ui,
                    "Frame width (px)",
                    &mut self.review.frame_width,
                    REVIEW_WIDTH,
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

/// The folder a relative destination is taken from: the board's own, or
/// the home folder while the board is untitled (its folder is a staging
/// folder the user never sees).
fn base_dir(input: &ExportInput<'_>) -> Option<PathBuf> {
    match input.board_file {
        Some(file) => file.parent().map(Path::to_path_buf),
        None => directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
    }
}

/// The path a typed destination names: `~` is the home folder, a relative
/// path is taken from `base`, and a file gets the format's `extension`
/// added unless it has it (added, not swapped, so `take 1.5` stays
/// `take 1.5.pdf` and an export can never land on a `.ron` board).
fn resolve(text: &str, extension: Option<&str>, base: Option<&Path>) -> Option<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let path = match text.strip_prefix('~') {
        Some("") => home()?,
        Some(rest) if rest.starts_with(['/', std::path::MAIN_SEPARATOR]) => {
            home()?.join(&rest[1..])
        }
        _ => PathBuf::from(text),
    };
    let path = if path.is_relative() {
        base?.join(path)
    } else {
        path
    };
    Some(match extension {
        Some(ext)
            if path
                .extension()
                .is_none_or(|e| !e.eq_ignore_ascii_case(ext)) =>
        {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(ext);
            PathBuf::from(name)
        }
        _ => path,
    })
}

fn clamp(value: u32, range: RangeInclusive<u32>) -> u32 {
    value.clamp(*range.start(), *range.end())
}

/// A labelled number field.
fn number(ui: &mut Ui, label: &str, value: &mut u32, range: RangeInclusive<u32>) {
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
                assert_eq!(f.cli_name(), dialog.job().cli_name());
                dialog.job().cli_name()
            })
            .collect();
        assert_eq!(names, crate::export::CLI_FORMATS);
    }

    #[test]
    fn a_typed_destination_gets_the_formats_extension_added_never_swapped() {
        let base = Path::new("/films/night");
        let resolve = |text| resolve(text, Some("pdf"), Some(base));
        assert_eq!(resolve("  "), None, "empty: ask the file dialog");
        assert_eq!(resolve("boards"), Some(base.join("boards.pdf")));
        assert_eq!(resolve("boards.PDF"), Some(base.join("boards.PDF")));
        assert_eq!(resolve("take 1.5"), Some(base.join("take 1.5.pdf")));
        assert_eq!(
            resolve("/tmp/board.ron"),
            Some(PathBuf::from("/tmp/board.ron.pdf")),
            "never onto a board file"
        );
        assert_eq!(
            super::resolve("out/stills", None, Some(base)),
            Some(base.join("out/stills")),
            "folders are taken as typed"
        );
        assert_eq!(super::resolve("rel", Some("csv"), None), None);
    }

    #[test]
    fn remembered_choices_come_back_and_are_held_to_what_the_fields_accept() {
        let mut dialog = ExportDialog {
            format: Format::ContactSheet,
            ..ExportDialog::default()
        };
        dialog.contact.columns = 6;
        dialog.pdf.orientation = Orientation::Landscape;
        dialog.set_destination(Path::new("/tmp/sheets"));
        let choices = dialog.choices();
        let mut other = ExportDialog::default();
        other.apply_choices(&choices);
        assert_eq!(other.choices(), choices);

        let wild = ExportChoices {
            format: "mp5".into(),
            pdf_panels_per_page: 7,
            pdf_dpi: 1,
            contact_columns: 999,
            ..ExportChoices::default()
        };
        other.apply_choices(&wild);
        assert_eq!(other.format, Format::Pdf);
        assert_eq!(
            other.pdf.panels_per_page,
            PdfOptions::default().panels_per_page
        );
        assert_eq!(other.pdf.dpi, *DPI.start());
        assert_eq!(other.contact.columns, *SHEET_COLUMNS.end());
    }
}
