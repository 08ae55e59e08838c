//! PDF boards for the shooting day, drawn with krilla.
//!
//! Real text in an embedded (subset) DejaVu Sans, so it is selectable,
//! searchable and covers accented Latin; frames are rendered in parallel at
//! print resolution and embedded as JPEG (DCT) images. A frame that is
//! already a plain JPEG with nothing drawn over it goes in as its own bytes
//! (no decode, no second lossy encode).

mod callsheet;
mod layout;

use std::path::Path;

use ab_glyph::FontRef;
use image::ImageEncoder;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

pub use callsheet::{CallSheetOptions, export_call_sheet};
pub use layout::{Orientation, PANELS_PER_PAGE, Paper};

use self::layout::{BAND, PageLayout, Rect};
use super::frames::{FrameSource, frame_exact, parallel_map};
use super::naming::labelled_panels;
use super::png::flatten;
use super::{ExportError, Progress, staging, text};
use crate::model::{Board, Panel, labels, utc_timestamp};

/// Options for [`export_pdf`].
#[derive(Clone, Debug, PartialEq)]
pub struct PdfOptions {
    /// 1, 2, 3, 4, 6 or 9 (see [`PANELS_PER_PAGE`]).
    pub panels_per_page: u32,
    pub paper: Paper,
    pub orientation: Orientation,
    /// Start with a page of title, author, date, panel count and runtime.
    pub title_page: bool,
    /// The date printed on the title page (e.g. `2026-11-26`).
    pub date: String,
    /// Frame resolution in dots per inch.
    pub dpi: u32,
    /// JPEG quality of the frames, 1–100.
    pub jpeg_quality: u8,
}

impl Default for PdfOptions {
    fn default() -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Self {
            panels_per_page: 6,
            paper: Paper::A4,
            // As on the command line (`--landscape` turns it).
            orientation: Orientation::Portrait,
            // As on the command line (`--title-page` adds one), so the
            // Export window and the CLI print the same pages.
            title_page: false,
            date: utc_timestamp(now).chars().take(10).collect(),
            dpi: 150,
            jpeg_quality: 88,
        }
    }
}

/// An original JPEG goes into the PDF as it is while it has at most this
/// many times the pixels across that the layout prints: a 1920-wide frame
/// in a six-per-page cell (about 500 px at 150 dpi) still does, so a board
/// of camera frames exports at the speed of copying files; a 6,000-wide
/// camera original is shrunk instead of making the PDF enormous.
pub const PASSTHROUGH_MAX_SCALE: u32 = 4;

/// The panel's own JPEG bytes, when they can stand for its frame at
/// `size`: nothing drawn over it, the frame's aspect ratio, upright, and
/// not far more pixels than the layout prints.
fn original_jpeg(source: &dyn FrameSource, panel: &Panel, size: (u32, u32)) -> Option<Vec<u8>> {
    let original = source.original(panel)?;
    if !original.fits_aspect(size) || original.width > size.0.saturating_mul(PASSTHROUGH_MAX_SCALE)
    {
        return None;
    }
    let bytes =
        crate::store::read_limited(&original.path, crate::store::MAX_IMAGE_FILE_BYTES).ok()?;
    // The file may have changed since its headers were read.
    let same =
        crate::media::image::plain_jpeg_size(&bytes) == Some((original.width, original.height));
    same.then_some(bytes)
}

/// How many pages [`export_pdf`] will write (for the export dialog).
pub fn pdf_page_count(board: &Board, options: &PdfOptions) -> usize {
    let per_page = options.panels_per_page.max(1) as usize;
    usize::from(options.title_page) + board.panel_count().div_ceil(per_page).max(1)
}

const INK: (u8, u8, u8) = (0x1a, 0x1a, 0x1a);
const MUTED: (u8, u8, u8) = (0x55, 0x55, 0x55);
const RULE: (u8, u8, u8) = (0xaa, 0xaa, 0xaa);

/// Both faces, for krilla (drawing) and ab_glyph (measuring).
struct Faces {
    regular: Font,
    bold: Font,
    regular_metrics: &'static FontRef<'static>,
    bold_metrics: &'static FontRef<'static>,
}

/// Write the board as a PDF to `path`, all or nothing.
pub fn export_pdf(
    source: &dyn FrameSource,
    board: &Board,
    path: &Path,
    options: &PdfOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    if !(36..=600).contains(&options.dpi) || !(1..=100).contains(&options.jpeg_quality) {
        return Err(ExportError::options(
            path,
            "dpi must be 36…600 and JPEG quality 1…100",
        ));
    }
    let aspect = board.aspect_ratio.ratio();
    let layout = PageLayout::new(
        options.paper,
        options.orientation,
        options.panels_per_page,
        aspect,
        path,
    )?;
    let faces = faces().ok_or_else(|| ExportError::encode(path, "embedded font unreadable"))?;
    let panels = labelled_panels(board);
    // One unit per frame, one for assembling and writing the document.
    progress.begin(panels.len() as u64 + 1);

    let px_w = ((layout.frame.0 / 72.0 * options.dpi as f32).round() as u32).max(1);
    let px = board.aspect_ratio.frame_size(px_w);
    let jpegs = parallel_map(&panels, progress, path, |(panel, label)| {
        if let Some(jpeg) = original_jpeg(source, panel, px) {
            return Ok(jpeg);
        }
        let rgb = flatten(&frame_exact(source, panel, px, label, path)?);
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, options.jpeg_quality)
            .write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
            .map_err(|e| ExportError::encode(path, e))?;
        Ok(bytes)
    })?;

    let mut document = Document::new();
    let mut metadata = Metadata::new()
        .title(board.title.clone())
        .creator("Shotboard".to_owned());
    if !board.author.trim().is_empty() {
        metadata = metadata.authors(vec![board.author.clone()]);
    }
    document.set_metadata(metadata);

    let total_pages = pdf_page_count(board, options);
    let settings = || {
        PageSettings::from_wh(layout.page.0, layout.page.1)
            .ok_or_else(|| ExportError::encode(path, "page size is invalid"))
    };
    if options.title_page {
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        draw_title_page(&mut surface, &faces, board, options, &layout);
        surface.finish();
        page.finish();
    }
    let per_page = layout.cells.len();
    let first_in_scene = first_panels_of_scenes(board);
    let body_pages = panels.len().div_ceil(per_page).max(1);
    for page_index in 0..body_pages {
        if progress.is_cancelled() {
            return Err(ExportError::Cancelled {
                path: path.to_owned(),
            });
        }
        let start = page_index * per_page;
        let end = (start + per_page).min(panels.len());
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        let number = page_index + 1 + usize::from(options.title_page);
        let heading = panels
            .get(start)
            .and_then(|(p, _)| scene_title_of(board, p.id));
        draw_header_footer(
            &mut surface,
            &faces,
            board,
            &layout,
            heading.as_deref(),
            number,
            total_pages,
        );
        for (i, cell) in layout.cells.iter().enumerate() {
            let index = start + i;
            if index >= end {
                break;
            }
            let (panel, label) = &panels[index];
            let image = Image::from_jpeg(jpegs[index].clone().into(), true)
                .map_err(|e| ExportError::encode(path, e))?;
            let scene_heading = first_in_scene
                .get(index)
                .copied()
                .flatten()
                .and_then(|si| scene_title(board, si));
            let cell_content = CellContent {
                panel,
                label,
                scene_heading: scene_heading.as_deref(),
                duration: board
                    .fps
                    .duration_in(board.panel_frames(panel), board.durations),
            };
            draw_cell(&mut surface, &faces, &layout, cell, image, &cell_content);
        }
        surface.finish();
        page.finish();
    }

    write_document(document, path, progress)
}

fn faces() -> Option<Faces> {
    let metrics = text::fonts()?;
    Some(Faces {
        regular: Font::new(text::REGULAR_TTF.into(), 0)?,
        bold: Font::new(text::BOLD_TTF.into(), 0)?,
        regular_metrics: &metrics.regular,
        bold_metrics: &metrics.bold,
    })
}

/// For each panel in board order: `Some(scene index)` if it opens its scene.
fn first_panels_of_scenes(board: &Board) -> Vec<Option<usize>> {
    board
        .scenes
        .iter()
        .enumerate()
        .flat_map(|(si, s)| (0..s.panels.len()).map(move |pi| (pi == 0).then_some(si)))
        .collect()
}

/// `SCENE 3 — INT. KITCHEN - NIGHT`, and under locked numbers the shots
/// of the scene that were cut: `SCENE 3 — … (3B OMITTED)`.
fn scene_title(board: &Board, scene_index: usize) -> Option<String> {
    let scene = board.scenes.get(scene_index)?;
    let number = labels::scene_number(board, scene_index);
    let heading = scene.heading.trim();
    let mut title = if heading.is_empty() {
        format!("SCENE {number}")
    } else {
        format!("SCENE {number} — {heading}")
    };
    let cut: Vec<String> = labels::omitted(board)
        .into_iter()
        .filter(|o| o.scene == scene.id && o.shot.is_some())
        .map(|o| o.to_string())
        .collect();
    if !cut.is_empty() {
        title.push_str(&format!(" ({})", cut.join(", ")));
    }
    Some(title)
}

/// The title page line naming the scenes cut under locked numbers.
fn omitted_scenes_line(board: &Board) -> String {
    let scenes: Vec<String> = labels::omitted(board)
        .into_iter()
        .filter(|o| o.shot.is_none())
        .map(|o| o.label)
        .collect();
    if scenes.is_empty() {
        String::new()
    } else {
        format!("Scenes omitted: {}", scenes.join(", "))
    }
}

fn scene_title_of(board: &Board, panel: crate::model::PanelId) -> Option<String> {
    scene_title(board, board.find_panel(panel)?.scene)
}

fn fill(surface: &mut Surface<'_>, (r, g, b): (u8, u8, u8)) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
}

/// One line of text with its top at `top`.
fn line(
    surface: &mut Surface<'_>,
    font: &Font,
    metrics: &FontRef<'_>,
    size: f32,
    x: f32,
    top: f32,
    s: &str,
) {
    if s.is_empty() {
        return;
    }
    let baseline = top + text::ascent(metrics, size);
    surface.draw_text(
        Point::from_xy(x, baseline),
        font.clone(),
        size,
        s,
        false,
        TextDirection::Auto,
    );
}

fn draw_header_footer(
    surface: &mut Surface<'_>,
    faces: &Faces,
    board: &Board,
    layout: &PageLayout,
    heading: Option<&str>,
    page: usize,
    pages: usize,
) {
    let size = 8.5;
    let m = layout.margin;
    let width = layout.page.0 - 2.0 * m;
    fill(surface, MUTED);
    let title = text::ellipsize(faces.bold_metrics, size, &board.title, width * 0.45);
    line(surface, &faces.bold, faces.bold_metrics, size, m, m, &title);
    if let Some(heading) = heading {
        let h = text::ellipsize(faces.regular_metrics, size, heading, width * 0.5);
        let w = text::width(faces.regular_metrics, size, &h);
        line(
            surface,
            &faces.regular,
            faces.regular_metrics,
            size,
            m + width - w,
            m,
            &h,
        );
    }
    let footer_top = layout.page.1 - m - size;
    let runtime = format!(
        "{} panels · {}",
        board.panel_count(),
        board.fps.runtime_label(board.runtime_frames())
    );
    line(
        surface,
        &faces.regular,
        faces.regular_metrics,
        size,
        m,
        footer_top,
        &runtime,
    );
    let number = format!("Page {page} of {pages}");
    let w = text::width(faces.regular_metrics, size, &number);
    line(
        surface,
        &faces.regular,
        faces.regular_metrics,
        size,
        m + width - w,
        footer_top,
        &number,
    );
    rule(surface, m, m + BAND * 0.6, width);
}

fn rule(surface: &mut Surface<'_>, x: f32, y: f32, w: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x, y);
    pb.line_to(x + w, y);
    if let Some(path) = pb.finish() {
        stroke(surface, 0.5);
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn stroke(surface: &mut Surface<'_>, width: f32) {
    let (r, g, b) = RULE;
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(r, g, b).into(),
        width,
        ..Default::default()
    }));
}

/// What one cell shows.
struct CellContent<'a> {
    panel: &'a Panel,
    label: &'a str,
    scene_heading: Option<&'a str>,
    duration: String,
}

fn draw_cell(
    surface: &mut Surface<'_>,
    faces: &Faces,
    layout: &PageLayout,
    cell: &Rect,
    image: Image,
    content: &CellContent<'_>,
) {
    let size = layout.text_size;
    let lh = layout.line;
    if let Some(heading) = content.scene_heading {
        fill(surface, INK);
        let h = text::ellipsize(faces.bold_metrics, size, heading, cell.w);
        line(
            surface,
            &faces.bold,
            faces.bold_metrics,
            size,
            cell.x,
            cell.y,
            &h,
        );
    }
    let p = content.panel;
    let mut caption = format!("{}   {}", content.label, content.duration);
    let facts: Vec<String> = [
        p.shot_size.map(|s| s.short().to_owned()),
        p.angle.map(|a| a.short().to_owned()),
        p.movement.map(|m| m.short().to_owned()),
        p.lens_mm.map(|l| format!("{l}mm")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !facts.is_empty() {
        caption.push_str("   ");
        caption.push_str(&facts.join(" · "));
    }
    fill(surface, INK);
    let caption = text::ellipsize(faces.bold_metrics, size, &caption, cell.w);
    line(
        surface,
        &faces.bold,
        faces.bold_metrics,
        size,
        cell.x,
        cell.y + lh,
        &caption,
    );

    let f = layout.frame_rect(cell);
    if let Some(s) = Size::from_wh(f.w, f.h) {
        surface.push_transform(&Transform::from_translate(f.x, f.y));
        surface.draw_image(image, s);
        surface.pop();
    }
    if let Some(r) = krilla::geom::Rect::from_xywh(f.x, f.y, f.w, f.h) {
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(path) = pb.finish() {
            stroke(surface, 0.5);
            surface.draw_path(&path);
            surface.set_stroke(None);
        }
    }

    // Words: action, dialogue (indented), notes (muted), wrapped to the box;
    // when they don't fit, each part is cut with an ellipsis so dialogue
    // is never crowded out by a long action.
    let t = layout.text_rect(cell);
    let max_lines = (t.h / lh).floor() as usize;
    let indent = size * 1.5;
    let regular = faces.regular_metrics;
    let notes = p.notes.trim();
    let parts = [
        (INK, 0.0, text::wrap(regular, size, p.action.trim(), t.w)),
        (
            INK,
            indent,
            text::wrap(regular, size, p.dialogue.trim(), t.w - indent),
        ),
        (
            MUTED,
            0.0,
            if notes.is_empty() {
                Vec::new()
            } else {
                text::wrap(regular, size, &format!("Notes: {notes}"), t.w)
            },
        ),
    ];
    let budget = share_lines(
        [parts[0].2.len(), parts[1].2.len(), parts[2].2.len()],
        max_lines,
    );
    let mut y = t.y;
    for ((colour, dx, lines), keep) in parts.into_iter().zip(budget) {
        let cut = lines.len() > keep;
        fill(surface, colour);
        for (i, s) in lines.into_iter().take(keep).enumerate() {
            let s = if cut && i + 1 == keep {
                text::ellipsize(regular, size, &format!("{s}…"), t.w - dx)
            } else {
                s
            };
            line(surface, &faces.regular, regular, size, t.x + dx, y, &s);
            y += lh;
        }
    }
}

/// How many of each part's lines (action, dialogue, notes) fit in `max`
/// lines: everything if it fits; else notes get one line, and action and
/// dialogue split the rest, either taking what the other leaves unused.
fn share_lines([action, dialogue, notes]: [usize; 3], max: usize) -> [usize; 3] {
    if action + dialogue + notes <= max {
        return [action, dialogue, notes];
    }
    let notes = notes.min(usize::from(max >= 3));
    let rest = max - notes;
    let dialogue = dialogue.min((rest / 2).max(rest.saturating_sub(action)));
    let action = action.min(rest - dialogue);
    [action, dialogue, notes]
}

fn draw_title_page(
    surface: &mut Surface<'_>,
    faces: &Faces,
    board: &Board,
    options: &PdfOptions,
    layout: &PageLayout,
) {
    let m = layout.margin * 2.0;
    let width = layout.page.0 - 2.0 * m;
    let mut y = layout.page.1 * 0.3;
    fill(surface, INK);
    let title_size = 28.0;
    for l in text::wrap(faces.bold_metrics, title_size, board.title.trim(), width) {
        line(
            surface,
            &faces.bold,
            faces.bold_metrics,
            title_size,
            m,
            y,
            &l,
        );
        y += title_size * 1.25;
    }
    y += 12.0;
    let size = 13.0;
    fill(surface, MUTED);
    let frames = board.runtime_frames();
    let facts = [
        board.author.trim().to_owned(),
        options.date.trim().to_owned(),
        String::new(),
        format!(
            "{} panels in {} scenes",
            board.panel_count(),
            board.scenes.len()
        ),
        format!(
            "Runtime {} ({frames} frames at {})",
            board.fps.runtime_label(frames),
            board.fps
        ),
        omitted_scenes_line(board),
    ];
    for fact in facts {
        if !fact.is_empty() {
            let s = text::ellipsize(faces.regular_metrics, size, &fact, width);
            line(
                surface,
                &faces.regular,
                faces.regular_metrics,
                size,
                m,
                y,
                &s,
            );
        }
        y += size * 1.5;
    }
}

/// Finish `document` and write it to `path` whole or not at all (through
/// the staging file), counting the write as the last unit of progress.
fn write_document(document: Document, path: &Path, progress: &Progress) -> Result<(), ExportError> {
    let bytes = document
        .finish()
        .map_err(|e| ExportError::encode(path, format!("{e:?}")))?;
    staging::write_file(path, progress, |w| {
        w.write_all(&bytes).map_err(|e| ExportError::io(path, e))
    })?;
    progress.advance(1);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_action_leaves_room_for_dialogue_and_notes() {
        assert_eq!(share_lines([2, 1, 1], 6), [2, 1, 1]);
        assert_eq!(share_lines([10, 2, 1], 6), [3, 2, 1]);
        assert_eq!(share_lines([10, 10, 3], 7), [3, 3, 1]);
        assert_eq!(share_lines([1, 10, 0], 5), [1, 4, 0]);
        assert_eq!(share_lines([10, 0, 1], 2), [2, 0, 0]);
        assert_eq!(share_lines([5, 5, 5], 0), [0, 0, 0]);
    }
}
