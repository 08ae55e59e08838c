//! Page geometry for PDF boards, in PDF points (1/72 inch), y down.
//!
//! Pure arithmetic, so page counts and placements are testable without
//! drawing anything.

use crate::export::ExportError;

/// Paper sizes boards are printed on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Portrait width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Orientation {
    Portrait,
    #[default]
    Landscape,
}

/// The panel counts a page can hold.
pub const PANELS_PER_PAGE: [u32; 6] = [1, 2, 3, 4, 6, 9];

/// A rectangle in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Where things go on a page of panels.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PageLayout {
    pub page: (f32, f32),
    pub margin: f32,
    /// Font size of panel text; captions are the same size, bold.
    pub text_size: f32,
    pub line: f32,
    /// Frame size inside each cell.
    pub frame: (f32, f32),
    /// Text sits beside the frame (else below it).
    pub beside: bool,
    pub cells: Vec<Rect>,
}

/// Columns and rows for `per_page` panels in `orientation`.
pub(crate) fn grid(per_page: u32, orientation: Orientation) -> (u32, u32) {
    let portrait = orientation == Orientation::Portrait;
    match (per_page, portrait) {
        (1, _) => (1, 1),
        (2, true) => (1, 2),
        (2, false) => (2, 1),
        (3, true) => (1, 3),
        (3, false) => (3, 1),
        (4, _) => (2, 2),
        (6, true) => (2, 3),
        (6, false) => (3, 2),
        _ => (3, 3),
    }
}

/// Header and footer bands each take this much of the margin area.
pub(crate) const BAND: f32 = 22.0;

impl PageLayout {
    pub(crate) fn new(
        paper: Paper,
        orientation: Orientation,
        per_page: u32,
        aspect: f32,
        dest: &std::path::Path,
    ) -> Result<Self, ExportError> {
        if !PANELS_PER_PAGE.contains(&per_page) {
            return Err(ExportError::options(
                dest,
                format!("{per_page} panels per page; choose 1, 2, 3, 4, 6 or 9"),
            ));
        }
        let (pw, ph) = paper.size_pt();
        let page = match orientation {
            Orientation::Portrait => (pw, ph),
            Orientation::Landscape => (ph, pw),
        };
        let margin = 36.0;
        let gutter = 18.0;
        let (cols, rows) = grid(per_page, orientation);
        let area = Rect {
            x: margin,
            y: margin + BAND,
            w: page.0 - 2.0 * margin,
            h: page.1 - 2.0 * (margin + BAND),
        };
        let cell_w = (area.w - gutter * (cols - 1) as f32) / cols as f32;
        let cell_h = (area.h - gutter * (rows - 1) as f32) / rows as f32;
        let text_size = (cell_w / 42.0).clamp(7.0, 10.5);
        let line = text_size * 1.3;
        // Every cell reserves a scene-heading line and a caption line.
        let chrome = 2.0 * line;
        let aspect = aspect.clamp(0.1, 10.0);
        // Frame above text: keep at least a third of the cell for words.
        let below_w = cell_w.min((cell_h - chrome) * 0.66 * aspect);
        // Frame beside text: the frame takes 58% of the width.
        let beside_w = (cell_w * 0.58).min((cell_h - chrome) * aspect);
        let beside = beside_w > below_w * 1.05;
        let fw = if beside { beside_w } else { below_w }.max(1.0);
        let frame = (fw, fw / aspect);
        let cells = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .map(|(r, c)| Rect {
                x: area.x + c as f32 * (cell_w + gutter),
                y: area.y + r as f32 * (cell_h + gutter),
                w: cell_w,
                h: cell_h,
            })
            .collect();
        Ok(Self {
            page,
            margin,
            text_size,
            line,
            frame,
            beside,
            cells,
        })
    }

    /// The frame's rectangle in cell `cell` (below the two reserved lines
    /// when text is below; beside them otherwise).
    pub(crate) fn frame_rect(&self, cell: &Rect) -> Rect {
        Rect {
            x: cell.x,
            y: cell.y + 2.0 * self.line,
            w: self.frame.0,
            h: self.frame.1,
        }
    }

    /// Where the panel's words go in `cell`.
    pub(crate) fn text_rect(&self, cell: &Rect) -> Rect {
        let f = self.frame_rect(cell);
        if self.beside {
            let gap = self.text_size;
            Rect {
                x: f.x + f.w + gap,
                y: f.y,
                w: (cell.w - f.w - gap).max(1.0),
                h: cell.h - 2.0 * self.line,
            }
        } else {
            let gap = self.text_size * 0.6;
            Rect {
                x: cell.x,
                y: f.y + f.h + gap,
                w: cell.w,
                h: (cell.y + cell.h - (f.y + f.h + gap)).max(0.0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_layout_fits_its_cells_on_the_page() {
        for paper in [Paper::A4, Paper::Letter] {
            for orientation in [Orientation::Portrait, Orientation::Landscape] {
                for n in PANELS_PER_PAGE {
                    let l =
                        PageLayout::new(paper, orientation, n, 16.0 / 9.0, Path::new("x")).unwrap();
                    assert_eq!(l.cells.len(), n as usize);
                    for cell in &l.cells {
                        assert!(
                            cell.x >= l.margin && cell.x + cell.w <= l.page.0 - l.margin + 0.01
                        );
                        assert!(cell.y + cell.h <= l.page.1 - l.margin - BAND + 0.01);
                        let f = l.frame_rect(cell);
                        assert!(f.w <= cell.w + 0.01 && f.y + f.h <= cell.y + cell.h + 0.01);
                        assert!(l.text_rect(cell).h > 0.0, "{paper:?} {orientation:?} {n}");
                    }
                }
            }
        }
    }

    #[test]
    fn three_tall_strips_put_text_beside_the_frame() {
        let l = PageLayout::new(
            Paper::A4,
            Orientation::Portrait,
            3,
            16.0 / 9.0,
            Path::new("x"),
        )
        .unwrap();
        assert!(l.beside);
        let l = PageLayout::new(
            Paper::A4,
            Orientation::Landscape,
            6,
            16.0 / 9.0,
            Path::new("x"),
        )
        .unwrap();
        assert!(!l.beside);
        assert!(
            PageLayout::new(Paper::A4, Orientation::Landscape, 5, 1.0, Path::new("x")).is_err()
        );
    }
}
