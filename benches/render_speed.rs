//! Render timings for the one CPU renderer: a panel with 2,000 sketched
//! strokes, and a Full HD frame image scaled to a card and to full size.
//! Best of five runs each (the machine is shared, so the minimum is the
//! most repeatable figure): `cargo bench --bench render_speed`.

use std::time::{Duration, Instant};

use image::RgbaImage;
use shotboard::model::{AspectRatio, Layer, Panel, PanelId, Rgba, Stroke, StrokePoint, Tool};
use shotboard::render::{RenderOptions, render_panel};

const RUNS: usize = 5;

fn best_of(mut run: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// 2,000 short hand-drawn-like strokes of 30 points scattered over the frame.
fn sketched_panel(tool: Tool, pressure: bool) -> Panel {
    let mut panel = Panel::new(PanelId(1));
    panel.strokes = (0..2000)
        .map(|i| {
            let (x0, y0) = ((i * 37 % 100) as f32 / 100.0, (i * 61 % 100) as f32 / 100.0);
            let points = (0..30)
                .map(|k| {
                    let t = k as f32 / 30.0;
                    let p = if pressure { 0.5 + 0.5 * t } else { 1.0 };
                    let (x, y) = (x0 + 0.15 * t, y0 + 0.03 * (t * 6.0).sin());
                    StrokePoint::from_normalised(x, y, p)
                })
                .collect();
            Stroke {
                tool,
                layer: Layer::Sketch,
                color: Rgba::BLACK,
                width: 0.004,
                opacity: 1.0,
                points,
            }
        })
        .collect();
    panel
}

fn main() {
    for (name, panel) in [
        ("pen, even pressure", sketched_panel(Tool::Pen, false)),
        ("pen, varying pressure", sketched_panel(Tool::Pen, true)),
        ("brush, varying pressure", sketched_panel(Tool::Brush, true)),
    ] {
        for width in [320, 1920] {
            let best = best_of(|| {
                render_panel(
                    &panel,
                    None,
                    AspectRatio::Hd16x9,
                    width,
                    &RenderOptions::default(),
                );
            });
            println!("render_panel, 2,000 short strokes × 30 points, {name}, {width} px: {best:?}");
        }
    }
    let frame = RgbaImage::from_fn(1920, 1080, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8, 255])
    });
    let blank = Panel::new(PanelId(1));
    for width in [320, 1920] {
        let best = best_of(|| {
            render_panel(
                &blank,
                Some(&frame),
                AspectRatio::Hd16x9,
                width,
                &RenderOptions::default(),
            );
        });
        println!("render_panel, 1920×1080 frame image to {width} px: {best:?}");
    }
}
