//! Hand-offs: everything that leaves Shotboard after a board is approved.
//!
//! Each export is a pure library function of a [`Board`](crate::model::Board):
//! it never changes the board, reports to a [`Progress`] (which can also
//! cancel it), and writes its output all at once — a failed or cancelled
//! export leaves no half-written file. The GUI runs them on a background
//! thread; the CLI calls them directly. Exports that need pixels take a
//! [`FrameSource`], so they draw frames with the same renderer as the canvas.

pub mod animatic;
pub mod board_frames;
pub mod contact;
pub mod csv;
mod error;
pub mod fountain;
pub mod frames;
mod job;
pub mod naming;
pub mod pdf;
pub mod plan_csv;
pub mod plan_json;
pub mod png;
mod progress;
pub mod review_site;
pub mod shotlist;
mod staging;
mod text;
pub mod timeline;

pub use animatic::{GifOptions, export_gif, gif_delays};
pub use board_frames::BoardFrames;
pub use contact::{ContactSheetOptions, export_contact_sheets};
pub use csv::{CsvOptions, csv_from_rows, export_csv};
pub use error::ExportError;
pub use fountain::export_fountain;
pub use frames::{FrameSource, OriginalFrame, SwatchFrames};
pub use job::{CLI_FORMATS, ExportJob};
pub use naming::panel_file_name;
pub use pdf::{
    CallSheetOptions, Orientation, PANELS_PER_PAGE, Paper, PdfOptions, export_call_sheet,
    export_pdf, pdf_page_count,
};
pub use plan_csv::{PlanTable, export_plan_csv};
pub use plan_json::{PLAN_SCHEMA, PlanDoc, export_plan_json, plan_doc, plan_json};
pub use png::{PngOptions, export_panel_pngs};
pub use progress::Progress;
pub use review_site::{ReviewSiteOptions, export_review_site};
pub use shotlist::{
    Column, Grouping, RowGroup, RowOrder, ShotRow, group_rows, ordered_rows, rows, sort_rows,
};
pub use timeline::{
    TimelineFormat, TimelineOptions, export_fcp7_xml, export_otio, export_timeline_with_frames,
    fcp7_xml, file_url, frames_dir_for, otio_json,
};
