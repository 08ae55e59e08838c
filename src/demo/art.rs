//! A small drawing kit for the demo boards' frame images: flat shapes and
//! silhouettes in frame-relative coordinates (0..1 across, 0..1 down), so a
//! picture reads the same at any pixel size.
//!
//! Flat fills keep the PNGs small and fast to encode.

use super::DemoError;
use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use tiny_skia::{
    Color, FillRule, GradientStop, LinearGradient, Paint, PathBuilder, Pixmap, Point,
    RadialGradient, Rect, Shader, SpreadMode, Transform,
};

/// An opaque sRGB colour.
pub type Rgb = [u8; 3];

/// How hard to compress: the shipped story favours size, the synthetic
/// board favours speed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    Small,
    Fast,
}

pub struct Canvas {
    pixmap: Pixmap,
    w: f32,
    h: f32,
}

fn color(c: Rgb, alpha: f32) -> Color {
    let mut col = Color::from_rgba8(c[0], c[1], c[2], 255);
    col.apply_opacity(alpha);
    col
}

fn solid(c: Rgb) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(c, 1.0));
    paint
}

/// SplitMix64's finaliser: a well-mixed 64-bit hash of `z`.
fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `z`'s top bits as a number in `[0, 1)`.
fn unit(z: u64) -> f32 {
    (z >> 40) as f32 / (1u64 << 24) as f32
}

/// Mix two colours: `t = 0` is `a`, `t = 1` is `b`.
pub fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    let ch = |i: usize| (f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * t).round() as u8;
    [ch(0), ch(1), ch(2)]
}

impl Canvas {
    /// A canvas filled with `background`.
    pub fn new(width: u32, height: u32, background: Rgb) -> Result<Self, DemoError> {
        let mut pixmap = Pixmap::new(width, height).ok_or(DemoError::Canvas { width, height })?;
        pixmap.fill(color(background, 1.0));
        Ok(Self {
            pixmap,
            w: width as f32,
            h: height as f32,
        })
    }

    fn p(&self, x: f32, y: f32) -> Point {
        Point::from_xy(x * self.w, y * self.h)
    }

    /// Encode as an RGB PNG: the images are opaque, so premultiplied and
    /// straight alpha agree and the alpha channel can be dropped. The
    /// conversion runs in the `image` crate, which is optimised even in
    /// dev builds.
    pub fn encode_png(self, compression: Compression) -> Result<Vec<u8>, DemoError> {
        let (w, h) = (self.pixmap.width(), self.pixmap.height());
        let rgba =
            image::RgbaImage::from_raw(w, h, self.pixmap.take()).ok_or(DemoError::Canvas {
                width: w,
                height: h,
            })?;
        let rgb = image::DynamicImage::ImageRgba8(rgba).into_rgb8();
        let mut out = Vec::new();
        let (level, filter) = match compression {
            Compression::Small => (CompressionType::Best, FilterType::Adaptive),
            Compression::Fast => (CompressionType::Fast, FilterType::Sub),
        };
        PngEncoder::new_with_quality(&mut out, level, filter).write_image(
            rgb.as_raw(),
            w,
            h,
            image::ExtendedColorType::Rgb8,
        )?;
        Ok(out)
    }

    /// Encode as a JPEG that looks like a photograph to a codec: film
    /// grain, a soft uneven light and lens vignetting over the flat
    /// shapes, so its size (200–400 KB at 1920×1080) and decode cost are a
    /// real frame's, not a flat drawing's. `seed` picks the grain.
    pub fn encode_photo_jpeg(self, seed: u64) -> Result<Vec<u8>, DemoError> {
        let (w, h) = (self.pixmap.width(), self.pixmap.height());
        let rgba = self.pixmap.take();
        // A coarse grid of random light levels, interpolated: clouds,
        // uneven walls, out-of-focus background.
        const CELL: usize = 48;
        const GRAIN: f32 = 7.0;
        let (gw, gh) = (w as usize / CELL + 2, h as usize / CELL + 2);
        let grid: Vec<f32> = (0..gw * gh)
            .map(|i| unit(mix64(seed ^ 0xA5A5_0000_0000_0000 ^ i as u64)))
            .collect();
        let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
        let corner = cx * cx + cy * cy;
        let mut rgb = Vec::with_capacity(w as usize * h as usize * 3);
        for y in 0..h as usize {
            let (gy, fy) = (y / CELL, (y % CELL) as f32 / CELL as f32);
            let dy = y as f32 - cy;
            for x in 0..w as usize {
                let (gx, fx) = (x / CELL, (x % CELL) as f32 / CELL as f32);
                let at = |i: usize, j: usize| grid[(gy + j) * gw + gx + i];
                let top = at(0, 0) + (at(1, 0) - at(0, 0)) * fx;
                let bottom = at(0, 1) + (at(1, 1) - at(0, 1)) * fx;
                let light = top + (bottom - top) * fy;
                let dx = x as f32 - cx;
                let vignette = 1.0 - 0.35 * (dx * dx + dy * dy) / corner;
                let gain = (0.8 + 0.35 * light) * vignette;
                let noise = mix64(seed.wrapping_add((y * w as usize + x) as u64));
                let i = (y * w as usize + x) * 4;
                // Grain: mostly in brightness (about ±GRAIN levels), a
                // little in colour, as a sensor's is.
                let luma = (noise & 0xff) as f32 / 255.0 * 2.0 * GRAIN - GRAIN;
                for c in 0..3 {
                    let chroma = ((noise >> (8 + c * 8)) & 0xff) as f32 / 255.0 * 4.0 - 2.0;
                    let v = f32::from(rgba[i + c]) * gain + luma + chroma;
                    rgb.push(v.clamp(0.0, 255.0) as u8);
                }
            }
        }
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).write_image(
            &rgb,
            w,
            h,
            image::ExtendedColorType::Rgb8,
        )?;
        Ok(out)
    }

    /// A vertical gradient over the band `y0..y1`.
    pub fn gradient(&mut self, y0: f32, y1: f32, top: Rgb, bottom: Rgb) {
        let Some(rect) = Rect::from_ltrb(0.0, y0 * self.h, self.w, y1 * self.h) else {
            return;
        };
        let shader = LinearGradient::new(
            self.p(0.0, y0),
            self.p(0.0, y1),
            vec![
                GradientStop::new(0.0, color(top, 1.0)),
                GradientStop::new(1.0, color(bottom, 1.0)),
            ],
            SpreadMode::Pad,
            Transform::identity(),
        );
        let paint = Paint {
            shader: shader.unwrap_or(Shader::SolidColor(color(top, 1.0))),
            ..Paint::default()
        };
        self.pixmap
            .fill_rect(rect, &paint, Transform::identity(), None);
    }

    pub fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb) {
        let (l, r) = (x0.min(x1) * self.w, x0.max(x1) * self.w);
        let (t, b) = (y0.min(y1) * self.h, y0.max(y1) * self.h);
        if let Some(rect) = Rect::from_ltrb(l, t, r, b) {
            self.pixmap
                .fill_rect(rect, &solid(c), Transform::identity(), None);
        }
    }

    pub fn poly(&mut self, points: &[(f32, f32)], c: Rgb) {
        self.poly_alpha(points, c, 1.0);
    }

    pub fn poly_alpha(&mut self, points: &[(f32, f32)], c: Rgb, alpha: f32) {
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.move_to(x0 * self.w, y0 * self.h);
        for (x, y) in rest {
            pb.line_to(x * self.w, y * self.h);
        }
        pb.close();
        if let Some(path) = pb.finish() {
            let mut paint = Paint::default();
            paint.set_color(color(c, alpha));
            self.pixmap.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// An ellipse in the box `x0,y0 – x1,y1`.
    pub fn ellipse(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb) {
        let rect = Rect::from_ltrb(x0 * self.w, y0 * self.h, x1 * self.w, y1 * self.h);
        if let Some(path) = rect.and_then(PathBuilder::from_oval) {
            self.pixmap.fill_path(
                &path,
                &solid(c),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// A circle at `(x, y)`; the radius is a fraction of the frame height so
    /// it stays round.
    pub fn circle(&mut self, x: f32, y: f32, r: f32, c: Rgb) {
        if let Some(path) = PathBuilder::from_circle(x * self.w, y * self.h, r * self.h) {
            self.pixmap.fill_path(
                &path,
                &solid(c),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// A soft round light fading from `c` at its centre to nothing.
    pub fn glow(&mut self, x: f32, y: f32, r: f32, c: Rgb, strength: f32) {
        let centre = self.p(x, y);
        let radius = r * self.h;
        let shader = RadialGradient::new(
            centre,
            0.0,
            centre,
            radius,
            vec![
                GradientStop::new(0.0, color(c, strength)),
                GradientStop::new(1.0, color(c, 0.0)),
            ],
            SpreadMode::Pad,
            Transform::identity(),
        );
        let (Some(shader), Some(path)) =
            (shader, PathBuilder::from_circle(centre.x, centre.y, radius))
        else {
            return;
        };
        let paint = Paint {
            shader,
            ..Paint::default()
        };
        self.pixmap.fill_path(
            &path,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }

    /// A standing person seen from the front or back, feet at `(x, feet)`,
    /// `height` as a fraction of the frame height. `dress` widens the hips
    /// into a skirt.
    pub fn figure(&mut self, x: f32, feet: f32, height: f32, c: Rgb, dress: bool) {
        let u = height;
        let sx = self.h / self.w; // keep proportions on a wide frame
        let dx = |d: f32| x + d * u * sx;
        let y = |d: f32| feet - d * u;
        self.circle(x, y(0.89), 0.065 * u, c);
        // Neck, shoulders and torso.
        self.poly(
            &[
                (dx(-0.03), y(0.84)),
                (dx(0.03), y(0.84)),
                (dx(0.13), y(0.80)),
                (dx(0.10), y(0.47)),
                (dx(-0.10), y(0.47)),
                (dx(-0.13), y(0.80)),
            ],
            c,
        );
        // Arms hanging beside the body.
        self.poly(
            &[
                (dx(-0.13), y(0.80)),
                (dx(-0.17), y(0.45)),
                (dx(-0.12), y(0.44)),
                (dx(-0.10), y(0.72)),
            ],
            c,
        );
        self.poly(
            &[
                (dx(0.13), y(0.80)),
                (dx(0.17), y(0.45)),
                (dx(0.12), y(0.44)),
                (dx(0.10), y(0.72)),
            ],
            c,
        );
        if dress {
            self.poly(
                &[
                    (dx(-0.10), y(0.50)),
                    (dx(0.10), y(0.50)),
                    (dx(0.16), y(0.18)),
                    (dx(-0.16), y(0.18)),
                ],
                c,
            );
            self.rect(dx(-0.07), y(0.2), dx(-0.03), feet, c);
            self.rect(dx(0.03), y(0.2), dx(0.07), feet, c);
        } else {
            self.poly(
                &[
                    (dx(-0.10), y(0.48)),
                    (dx(-0.005), y(0.48)),
                    (dx(-0.02), feet),
                    (dx(-0.09), feet),
                ],
                c,
            );
            self.poly(
                &[
                    (dx(0.005), y(0.48)),
                    (dx(0.10), y(0.48)),
                    (dx(0.09), feet),
                    (dx(0.02), feet),
                ],
                c,
            );
        }
    }

    /// Head and shoulders filling the lower part of the frame, for close-ups.
    /// `(x, bottom)` is the middle of the shoulders' base; `size` is the
    /// head's height as a fraction of the frame height.
    pub fn bust(&mut self, x: f32, bottom: f32, size: f32, c: Rgb) {
        let sx = self.h / self.w;
        let head_cy = bottom - size * 1.35;
        self.ellipse(
            x - 0.36 * size * sx,
            head_cy - 0.5 * size,
            x + 0.36 * size * sx,
            head_cy + 0.5 * size,
            c,
        );
        self.rect(
            x - 0.14 * size * sx,
            head_cy,
            x + 0.14 * size * sx,
            bottom - 0.5 * size,
            c,
        );
        self.ellipse(
            x - 1.1 * size * sx,
            bottom - 0.75 * size,
            x + 1.1 * size * sx,
            bottom + 0.9 * size,
            c,
        );
    }

    /// A saloon car in profile, `x` its left end, `ground` the tyres'
    /// bottom, `length` a fraction of the frame width. Headlights at the
    /// right end when `lights` is on.
    pub fn car(&mut self, x: f32, ground: f32, length: f32, body: Rgb, lights: bool) {
        let l = length;
        let hgt = l * self.w / self.h; // frame-height units per car length
        let px = |d: f32| x + d * l;
        let py = |d: f32| ground - d * hgt;
        self.poly(
            &[
                (px(0.0), py(0.08)),
                (px(0.0), py(0.2)),
                (px(0.22), py(0.24)),
                (px(0.33), py(0.37)),
                (px(0.68), py(0.37)),
                (px(0.80), py(0.24)),
                (px(1.0), py(0.21)),
                (px(1.0), py(0.08)),
            ],
            body,
        );
        let glass = mix(body, [150, 170, 190], 0.35);
        self.poly(
            &[
                (px(0.36), py(0.33)),
                (px(0.49), py(0.33)),
                (px(0.49), py(0.25)),
                (px(0.28), py(0.25)),
            ],
            glass,
        );
        self.poly(
            &[
                (px(0.52), py(0.33)),
                (px(0.66), py(0.33)),
                (px(0.75), py(0.25)),
                (px(0.52), py(0.25)),
            ],
            glass,
        );
        let tyre = [12, 12, 14];
        self.circle(px(0.2), py(0.08), 0.08 * hgt, tyre);
        self.circle(px(0.8), py(0.08), 0.08 * hgt, tyre);
        if lights {
            self.glow(px(1.0), py(0.17), 0.35 * hgt, [255, 236, 180], 0.8);
            self.circle(px(0.985), py(0.17), 0.025 * hgt, [255, 248, 220]);
        }
    }

    /// A window: frame, glass (lit or dark) and a cross of mullions.
    pub fn window(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, frame: Rgb, glass: Rgb) {
        self.rect(x0, y0, x1, y1, frame);
        let (bx, by) = ((x1 - x0) * 0.06, (y1 - y0) * 0.06);
        self.rect(x0 + bx, y0 + by, x1 - bx, y1 - by, glass);
        let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        self.rect(mx - bx / 3.0, y0, mx + bx / 3.0, y1, frame);
        self.rect(x0, my - by / 3.0, x1, my + by / 3.0, frame);
    }

    /// A panelled door with a knob on the right.
    pub fn door(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, wood: Rgb) {
        self.rect(x0, y0, x1, y1, wood);
        let inset = mix(wood, [0, 0, 0], 0.25);
        let (w, h) = (x1 - x0, y1 - y0);
        self.rect(
            x0 + 0.15 * w,
            y0 + 0.08 * h,
            x1 - 0.15 * w,
            y0 + 0.42 * h,
            inset,
        );
        self.rect(
            x0 + 0.15 * w,
            y0 + 0.52 * h,
            x1 - 0.15 * w,
            y1 - 0.08 * h,
            inset,
        );
        self.circle(x1 - 0.12 * w, y0 + 0.5 * h, 0.012, [200, 170, 90]);
    }

    /// A gabled house front, base from `x0` to `x1` at `ground`.
    pub fn house(&mut self, x0: f32, x1: f32, ground: f32, wall_h: f32, wall: Rgb, lit: bool) {
        let w = x1 - x0;
        let top = ground - wall_h;
        self.rect(x0, top, x1, ground, wall);
        let roof = mix(wall, [0, 0, 0], 0.4);
        self.poly(
            &[
                (x0 - 0.05 * w, top),
                (x0 + 0.5 * w, top - wall_h * 0.55),
                (x1 + 0.05 * w, top),
            ],
            roof,
        );
        let glass = if lit {
            [255, 206, 120]
        } else {
            mix(wall, [0, 0, 0], 0.6)
        };
        if lit {
            self.glow(
                x0 + 0.27 * w,
                top + 0.38 * wall_h,
                0.35 * wall_h,
                [255, 200, 110],
                0.5,
            );
        }
        self.window(
            x0 + 0.15 * w,
            top + 0.2 * wall_h,
            x0 + 0.39 * w,
            top + 0.55 * wall_h,
            roof,
            glass,
        );
        self.door(x0 + 0.6 * w, top + 0.3 * wall_h, x0 + 0.8 * w, ground, roof);
    }

    /// A row of stars over the top band, placed by a cheap hash so the same
    /// `seed` always gives the same sky.
    pub fn stars(&mut self, seed: u32, count: u32, below: f32) {
        let mut s = seed.wrapping_mul(2_654_435_761).max(1);
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            (s % 10_000) as f32 / 10_000.0
        };
        for _ in 0..count {
            let (x, y, r) = (next(), next() * below, 0.0015 + next() * 0.002);
            self.circle(x, y, r, [220, 225, 240]);
        }
    }
}
