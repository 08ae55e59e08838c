//! The window and taskbar icon: a small storyboard sheet, drawn in code.
//!
//! Without an icon of its own, eframe decodes its default 512 × 512 logo at
//! start-up and keeps the 1 MiB of pixels for the life of the window. A
//! 64-pixel drawing is 16 KiB, takes well under a millisecond, and says
//! "storyboard" in the dock.
//!
//! The launcher icons the packages install (`assets/icons/`, 16 to 512
//! pixels) are this same drawing at other sizes; a test keeps them equal.

use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

/// Icon side in pixels: crisp in taskbars and docks, tiny in memory.
const SIDE: u32 = 64;

/// Shotboard's icon: a dark sheet holding a 2 × 2 grid of frames, the
/// current one lit in the accent colour with a play mark.
pub fn app_icon() -> egui::IconData {
    let Some(pixmap) = draw(SIDE) else {
        return egui::IconData::default();
    };
    egui::IconData {
        rgba: demultiply(pixmap.data()),
        width: SIDE,
        height: SIDE,
    }
}

/// Draws the icon on a 64-unit grid scaled to `side` pixels.
fn draw(side: u32) -> Option<Pixmap> {
    let mut pixmap = Pixmap::new(side, side)?;
    let scale = side as f32 / SIDE as f32;
    let t = Transform::from_scale(scale, scale);
    let s = SIDE as f32;
    fill(
        &mut pixmap,
        t,
        rounded_rect(2.0, 2.0, s - 4.0, s - 4.0, 10.0),
        [40, 42, 48],
    );

    let (margin, gap) = (9.0, 4.0);
    let cell_w = (s - 2.0 * margin - gap) / 2.0;
    let cell_h = cell_w * 9.0 / 16.0 + 4.0;
    let top = (s - 2.0 * cell_h - gap) / 2.0;
    for row in 0..2 {
        for col in 0..2 {
            let x = margin + col as f32 * (cell_w + gap);
            let y = top + row as f32 * (cell_h + gap);
            let lit = row == 0 && col == 0;
            let color = if lit { [90, 170, 255] } else { [215, 218, 224] };
            fill(
                &mut pixmap,
                t,
                rounded_rect(x, y, cell_w, cell_h, 2.5),
                color,
            );
            if lit {
                fill(
                    &mut pixmap,
                    t,
                    play_mark(x, y, cell_w, cell_h),
                    [40, 42, 48],
                );
            }
        }
    }
    Some(pixmap)
}

fn fill(
    pixmap: &mut Pixmap,
    transform: Transform,
    path: Option<tiny_skia::Path>,
    [r, g, b]: [u8; 3],
) {
    let Some(path) = path else { return };
    let mut paint = Paint::default();
    paint.set_color(Color::from_rgba8(r, g, b, 255));
    paint.anti_alias = true;
    pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
}

fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<tiny_skia::Path> {
    let rect = Rect::from_xywh(x, y, w, h)?;
    let (l, t, rt, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    let mut pb = PathBuilder::new();
    pb.move_to(l + r, t);
    pb.line_to(rt - r, t);
    pb.quad_to(rt, t, rt, t + r);
    pb.line_to(rt, b - r);
    pb.quad_to(rt, b, rt - r, b);
    pb.line_to(l + r, b);
    pb.quad_to(l, b, l, b - r);
    pb.line_to(l, t + r);
    pb.quad_to(l, t, l + r, t);
    pb.close();
    pb.finish()
}

fn play_mark(x: f32, y: f32, w: f32, h: f32) -> Option<tiny_skia::Path> {
    let (cx, cy, r) = (x + w / 2.0, y + h / 2.0, h * 0.28);
    let mut pb = PathBuilder::new();
    pb.move_to(cx - r * 0.6, cy - r);
    pb.line_to(cx + r, cy);
    pb.line_to(cx - r * 0.6, cy + r);
    pb.close();
    pb.finish()
}

/// tiny-skia stores premultiplied alpha; window icons are straight alpha.
fn demultiply(premultiplied: &[u8]) -> Vec<u8> {
    premultiplied
        .chunks_exact(4)
        .flat_map(|p| {
            let a = p[3];
            let un = |c: u8| {
                if a == 0 {
                    0
                } else {
                    ((u16::from(c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8
                }
            };
            [un(p[0]), un(p[1]), un(p[2]), a]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes of the launcher icons shipped in `assets/icons/`: the
    /// freedesktop hicolor theme's usual ones, and macOS's and Windows' largest.
    const LAUNCHER_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

    /// The icon as a PNG file `side` pixels square (the launcher icons).
    fn icon_png(side: u32) -> Option<Vec<u8>> {
        let pixmap = draw(side)?;
        let image = image::RgbaImage::from_raw(side, side, demultiply(pixmap.data()))?;
        let mut png = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .ok()?;
        Some(png)
    }

    fn pixel(icon: &egui::IconData, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * icon.width + x) * 4) as usize;
        [
            icon.rgba[i],
            icon.rgba[i + 1],
            icon.rgba[i + 2],
            icon.rgba[i + 3],
        ]
    }

    #[test]
    fn the_icon_is_a_small_opaque_sheet_with_transparent_corners() {
        let icon = app_icon();
        assert_eq!((icon.width, icon.height), (SIDE, SIDE));
        assert_eq!(icon.rgba.len(), (SIDE * SIDE * 4) as usize);
        assert_eq!(pixel(&icon, 0, 0)[3], 0, "rounded corner is see-through");
        assert_eq!(pixel(&icon, SIDE / 2, 4), [40, 42, 48, 255], "sheet");
    }

    #[test]
    fn the_icon_lights_the_first_frame_in_the_accent_colour() {
        let icon = app_icon();
        // Top-left frame, left of its play mark.
        assert_eq!(pixel(&icon, 12, 16), [90, 170, 255, 255]);
        // Bottom-right frame is paper white.
        assert_eq!(pixel(&icon, SIDE - 14, SIDE - 22), [215, 218, 224, 255]);
    }

    /// The launcher icons the packages install are this drawing. After
    /// changing it, `SHOTBOARD_WRITE_ICONS=1 cargo test --lib icon` writes
    /// them anew.
    #[test]
    fn the_shipped_launcher_icons_are_the_drawn_icon() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
        let write = std::env::var_os("SHOTBOARD_WRITE_ICONS").is_some();
        for side in LAUNCHER_SIZES {
            let png = icon_png(side).expect("icon encodes");
            let file = dir.join(format!("{side}x{side}.png"));
            if write {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&file, &png).unwrap();
            }
            let shipped = std::fs::read(&file).unwrap_or_else(|e| {
                panic!("{}: {e} (run with SHOTBOARD_WRITE_ICONS=1)", file.display())
            });
            assert!(
                shipped == png,
                "{} differs from the drawn icon",
                file.display()
            );
            let decoded = image::load_from_memory(&shipped).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (side, side));
        }
    }
}
