//! Where the panel's frame sits on screen and which way round it is shown.
//!
//! "Flip view" mirrors everything the artist sees — the frame image, the
//! strokes, the onion skins and the stroke being drawn — like the canvas
//! flip of painting programs: a fresh look to check a drawing's balance
//! against its photo. It is a view choice: the board never changes. Input
//! goes through the same mapping, so a stroke drawn on the flipped view
//! lands where it appears.

use egui::{Pos2, Rect, pos2, vec2};

use super::geometry::RawPoint;

/// The frame's rectangle on screen and whether the view is mirrored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameView {
    pub rect: Rect,
    pub flipped: bool,
}

impl FrameView {
    /// Horizontal panel coordinate (0 = left edge of the panel) as shown.
    fn shown_x(self, x: f32) -> f32 {
        if self.flipped { 1.0 - x } else { x }
    }

    /// Screen position of a panel-normalised point.
    pub fn to_screen(self, p: RawPoint) -> Pos2 {
        pos2(
            self.rect.min.x + self.shown_x(p.x) * self.rect.width(),
            self.rect.min.y + p.y * self.rect.height(),
        )
    }

    /// Panel-normalised point under a screen position.
    pub fn to_panel(self, p: Pos2, pressure: f32) -> RawPoint {
        RawPoint {
            x: self.shown_x((p.x - self.rect.min.x) / self.rect.width()),
            y: (p.y - self.rect.min.y) / self.rect.height(),
            pressure,
        }
    }

    /// Texture coordinates for a whole-frame texture (stroke layers, onion
    /// skins): left and right swapped when flipped.
    pub fn uv(self) -> Rect {
        let (left, right) = if self.flipped { (1.0, 0.0) } else { (0.0, 1.0) };
        Rect::from_min_max(pos2(left, 0.0), pos2(right, 1.0))
    }

    /// Where an image of `size` pixels is drawn, fitted inside the frame
    /// like the exports do, and its texture coordinates. Flipped, the image
    /// lands mirrored about the frame's centre and is drawn right to left.
    pub fn image_placement(self, size: [usize; 2]) -> (Rect, Rect) {
        let (fw, fh) = (
            self.rect.width().round() as u32,
            self.rect.height().round() as u32,
        );
        let (x, y, w, h) = crate::render::contain_rect(size[0] as u32, size[1] as u32, fw, fh);
        let x = if self.flipped { fw - x - w } else { x };
        let placed = Rect::from_min_size(
            self.rect.min + vec2(x as f32, y as f32),
            vec2(w as f32, h as f32),
        );
        (placed, self.uv())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(flipped: bool) -> FrameView {
        FrameView {
            rect: Rect::from_min_size(pos2(100.0, 50.0), vec2(160.0, 90.0)),
            flipped,
        }
    }

    fn raw(x: f32, y: f32) -> RawPoint {
        RawPoint {
            x,
            y,
            pressure: 1.0,
        }
    }

    #[test]
    fn flipped_view_draws_the_frame_image_mirrored() {
        // A portrait image pillarboxed off-centre by the pixel rounding.
        let size = [31, 90];
        let (plain, plain_uv) = view(false).image_placement(size);
        let (flipped, flipped_uv) = view(true).image_placement(size);
        assert_eq!(plain_uv, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)));
        assert_eq!(
            flipped_uv,
            Rect::from_min_max(pos2(1.0, 0.0), pos2(0.0, 1.0)),
            "the texture is read right to left"
        );
        assert_eq!(flipped.size(), plain.size());
        assert_eq!(flipped.min.y, plain.min.y);
        // Mirrored about the frame's centre line (x = 180).
        assert_eq!(flipped.min.x - 100.0, 260.0 - plain.max.x);
        assert_ne!(flipped.min.x, plain.min.x);
    }

    #[test]
    fn flipped_view_maps_input_and_drawing_through_the_same_mirror() {
        let v = view(true);
        let p = raw(0.25, 0.4);
        let on_screen = v.to_screen(p);
        assert_eq!(on_screen, pos2(100.0 + 0.75 * 160.0, 50.0 + 0.4 * 90.0));
        let back = v.to_panel(on_screen, 1.0);
        assert!((back.x - 0.25).abs() < 1e-6 && (back.y - 0.4).abs() < 1e-6);
        assert_eq!(view(false).to_screen(p).x, 100.0 + 0.25 * 160.0);
    }
}
