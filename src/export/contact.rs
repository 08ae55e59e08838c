//! Contact sheets: PNG pages with a grid of frames, each labelled with its
//! shot, duration, shot size and first line of action — a whole board at a
//! glance, for email or a wall.

use std::path::{Path, PathBuf};

use image::{Rgba, RgbaImage};

use super::frames::{FrameSource, frame_exact, parallel_map};
use super::naming::labelled_panels;
use super::png::{check_width, encode_png, flatten};
use super::staging::StagedDir;
use super::{ExportError, Progress, text};
use crate::model::Board;

const PAPER: Rgba<u8> = Rgba([255, 255, 255, 255]);
const INK: Rgba<u8> = Rgba([0x1a, 0x1a, 0x1a, 255]);
const MUTED: Rgba<u8> = Rgba([0x66, 0x66, 0x66, 255]);
const RULE: Rgba<u8> = Rgba([0xbb, 0xbb, 0xbb, 255]);

/// Options for [`export_contact_sheets`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactSheetOptions {
    pub columns: u32,
    pub rows: u32,
    /// Width of each frame on the sheet, in pixels.
    pub frame_width: u32,
}

impl Default for ContactSheetOptions {
    fn default() -> Self {
        Self {
            columns: 4,
            rows: 5,
            frame_width: 360,
        }
    }
}

/// The sheet's geometry, all in pixels.
struct Layout {
    frame: (u32, u32),
    pad: u32,
    text_size: f32,
    line: u32,
    header: u32,
    cell_h: u32,
    page: (u32, u32),
}

impl Layout {
    fn new(board: &Board, o: &ContactSheetOptions) -> Self {
        let frame = board.aspect_ratio.frame_size(o.frame_width);
        let pad = (o.frame_width / 16).max(8);
        let text_size = (o.frame_width as f32 / 22.0).max(10.0);
        let line = (text_size * 1.35).ceil() as u32;
        let header = line * 2 + pad;
        let cell_h = frame.1 + 2 * line + pad;
        let page = (
            o.columns * frame.0 + (o.columns + 1) * pad,
            header + o.rows * cell_h + pad,
        );
        Self {
            frame,
            pad,
            text_size,
            line,
            header,
            cell_h,
            page,
        }
    }
}

/// Write contact sheet pages `contact_sheet_01.png` … into the folder `dir`
/// (created, or added to), returning them in order. All or nothing.
pub fn export_contact_sheets(
    source: &dyn FrameSource,
    board: &Board,
    dir: &Path,
    options: &ContactSheetOptions,
    progress: &Progress,
) -> Result<Vec<PathBuf>, ExportError> {
    check_width(dir, board, options.frame_width)?;
    if !(1..=20).contains(&options.columns) || !(1..=20).contains(&options.rows) {
        return Err(ExportError::options(
            dir,
            "contact sheets take 1 to 20 columns and rows",
        ));
    }
    let fonts =
        text::fonts().ok_or_else(|| ExportError::encode(dir, "embedded font unreadable"))?;
    let layout = Layout::new(board, options);
    let panels = labelled_panels(board);
    progress.begin(panels.len() as u64);
    let per_page = (options.columns * options.rows) as usize;
    let pages = panels.len().div_ceil(per_page).max(1);
    let digits = pages.to_string().len().max(2);
    let staged = StagedDir::new(dir)?;
    let mut written = Vec::with_capacity(pages);

    for page in 0..pages {
        let start = page * per_page;
        let on_page = &panels[start.min(panels.len())..(start + per_page).min(panels.len())];
        let frames = parallel_map(on_page, progress, dir, |(panel, label)| {
            frame_exact(source, panel, layout.frame, label, dir)
        })?;
        let mut sheet = RgbaImage::from_pixel(layout.page.0, layout.page.1, PAPER);
        let (pad, line) = (layout.pad as f32, layout.line as f32);
        let header_text = format!("{} — page {} of {}", board.title, page + 1, pages);
        let max_w = (layout.page.0 - 2 * layout.pad) as f32;
        let header_text = text::ellipsize(&fonts.bold, layout.text_size * 1.2, &header_text, max_w);
        text::draw(
            &mut sheet,
            &fonts.bold,
            layout.text_size * 1.2,
            pad,
            pad * 0.75,
            &header_text,
            INK,
        );

        for (i, ((panel, label), frame)) in on_page.iter().zip(&frames).enumerate() {
            let col = i as u32 % options.columns;
            let row = i as u32 / options.columns;
            let x = layout.pad + col * (layout.frame.0 + layout.pad);
            let y = layout.header + row * layout.cell_h;
            image::imageops::overlay(&mut sheet, frame, i64::from(x), i64::from(y));
            outline(&mut sheet, x, y, layout.frame);
            let duration = board
                .fps
                .duration_in(board.panel_frames(panel), board.durations);
            let mut caption = format!("{label}   {duration}");
            if let Some(size) = panel.shot_size {
                caption.push_str("   ");
                caption.push_str(size.short());
            }
            let w = layout.frame.0 as f32;
            let ty = (y + layout.frame.1) as f32 + line * 0.15;
            let caption = text::ellipsize(&fonts.bold, layout.text_size, &caption, w);
            text::draw(
                &mut sheet,
                &fonts.bold,
                layout.text_size,
                x as f32,
                ty,
                &caption,
                INK,
            );
            let summary =
                text::ellipsize(&fonts.regular, layout.text_size, panel.summary_line(), w);
            text::draw(
                &mut sheet,
                &fonts.regular,
                layout.text_size,
                x as f32,
                ty + line,
                &summary,
                MUTED,
            );
        }

        let name = format!("contact_sheet_{:0digits$}.png", page + 1);
        let path = dir.join(&name);
        let bytes = encode_png(&flatten(&sheet)).map_err(|e| ExportError::encode(&path, e))?;
        std::fs::write(staged.path().join(&name), bytes).map_err(|e| ExportError::io(&path, e))?;
        written.push(path);
    }
    staged.commit(progress)?;
    Ok(written)
}

/// A one-pixel frame line, so light frames don't dissolve into the paper.
fn outline(img: &mut RgbaImage, x: u32, y: u32, (w, h): (u32, u32)) {
    let (x1, y1) = (x + w.saturating_sub(1), y + h.saturating_sub(1));
    for px in x..=x1 {
        img.put_pixel(px, y, RULE);
        img.put_pixel(px, y1, RULE);
    }
    for py in y..=y1 {
        img.put_pixel(x, py, RULE);
        img.put_pixel(x1, py, RULE);
    }
}
