//! The panel renderer draws strokes, images and placeholders where they
//! belong, and never panics on odd strokes.

use image::RgbaImage;
use shotboard::model::{AspectRatio, Layer, Panel, PanelId, Rgba, Stroke, StrokePoint, Tool};
use shotboard::render::{
    MAX_RENDER_SIDE, RenderOptions, render_panel, render_size, render_stroke_onto,
};

const W: u32 = 160; // 160 × 90 at 16:9

fn pt(x: f32, y: f32) -> StrokePoint {
    StrokePoint::from_normalised(x, y, 1.0)
}

fn stroke(tool: Tool, layer: Layer, color: Rgba, width: f32, points: Vec<StrokePoint>) -> Stroke {
    Stroke {
        tool,
        layer,
        color,
        width,
        opacity: 1.0,
        points,
    }
}

fn pen(points: Vec<StrokePoint>) -> Stroke {
    stroke(Tool::Pen, Layer::Ink, Rgba::BLACK, 0.03, points)
}

fn panel_with(strokes: Vec<Stroke>) -> Panel {
    let mut panel = Panel::new(PanelId(1));
    panel.strokes = strokes;
    panel
}

fn render(panel: &Panel, options: &RenderOptions) -> RgbaImage {
    render_panel(panel, None, AspectRatio::Hd16x9, W, options)
}

fn luma(img: &RgbaImage, x: u32, y: u32) -> u32 {
    let [r, g, b, _] = img.get_pixel(x, y).0;
    (u32::from(r) + u32::from(g) + u32::from(b)) / 3
}

fn is_blank(img: &RgbaImage) -> bool {
    img.pixels().all(|p| p.0 == [255, 255, 255, 255])
}

#[test]
fn output_has_the_aspect_frame_size_and_paper_background() {
    let img = render(&Panel::new(PanelId(1)), &RenderOptions::default());
    assert_eq!(img.dimensions(), (160, 90));
    assert!(is_blank(&img));

    let options = RenderOptions {
        paper: Rgba([240, 230, 200, 255]),
        ..RenderOptions::default()
    };
    let img = render_panel(
        &Panel::new(PanelId(1)),
        None,
        AspectRatio::Scope239,
        239,
        &options,
    );
    assert_eq!(img.dimensions(), (239, 100));
    assert_eq!(img.get_pixel(5, 5).0, [240, 230, 200, 255]);
}

#[test]
fn horizontal_pen_line_darkens_its_row_only() {
    let panel = panel_with(vec![pen(vec![pt(0.1, 0.5), pt(0.5, 0.5), pt(0.9, 0.5)])]);
    let img = render(&panel, &RenderOptions::default());
    for x in [20, 50, 80, 110, 140] {
        assert!(luma(&img, x, 45) < 60, "pixel ({x}, 45) should be dark");
        assert_eq!(luma(&img, x, 10), 255, "pixel ({x}, 10) should be white");
        assert_eq!(luma(&img, x, 80), 255, "pixel ({x}, 80) should be white");
    }
    assert_eq!(luma(&img, 2, 45), 255, "left of the line's start is white");
    assert_eq!(luma(&img, 157, 45), 255, "right of the line's end is white");
}

#[test]
fn hidden_or_transparent_layer_draws_nothing() {
    let panel = panel_with(vec![pen(vec![pt(0.1, 0.5), pt(0.9, 0.5)])]);
    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Ink).visible = false;
    assert!(is_blank(&render(&panel, &options)));

    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Ink).opacity = 0.0;
    assert!(is_blank(&render(&panel, &options)));

    // Hiding another layer leaves this one alone.
    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Sketch).visible = false;
    assert!(!is_blank(&render(&panel, &options)));
}

#[test]
fn layer_opacity_fades_its_strokes() {
    let panel = panel_with(vec![pen(vec![pt(0.1, 0.5), pt(0.9, 0.5)])]);
    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Ink).opacity = 0.5;
    let v = luma(&render(&panel, &options), 80, 45);
    assert!(
        (120..=150).contains(&v),
        "half-opaque black on white is mid grey, got {v}"
    );
}

#[test]
fn flip_mirrors_strokes_left_to_right() {
    let panel = panel_with(vec![pen(vec![pt(0.05, 0.2), pt(0.3, 0.2)])]);
    let plain = render(&panel, &RenderOptions::default());
    let flipped = render(
        &panel,
        &RenderOptions {
            flip_horizontal: true,
            ..RenderOptions::default()
        },
    );
    assert!(luma(&plain, 25, 18) < 60 && luma(&plain, 135, 18) == 255);
    assert!(luma(&flipped, 135, 18) < 60 && luma(&flipped, 25, 18) == 255);
    for y in 0..90 {
        for x in 0..160 {
            let a = luma(&plain, x, y);
            let b = luma(&flipped, 159 - x, y);
            assert!(a.abs_diff(b) <= 8, "({x},{y}) mirrored differs: {a} vs {b}");
        }
    }
}

#[test]
fn later_layers_draw_over_earlier_ones_whatever_the_stroke_order() {
    let annotation = stroke(
        Tool::Line,
        Layer::Annotation,
        Rgba::RED,
        0.05,
        vec![pt(0.5, 0.1), pt(0.5, 0.9)],
    );
    let sketch = stroke(
        Tool::Line,
        Layer::Sketch,
        Rgba::BLUE,
        0.05,
        vec![pt(0.1, 0.5), pt(0.9, 0.5)],
    );
    let img = render(
        &panel_with(vec![annotation, sketch]),
        &RenderOptions::default(),
    );
    assert_eq!(img.get_pixel(80, 45).0, Rgba::RED.0, "annotation is on top");
}

#[test]
fn translucent_pressure_line_has_even_alpha_across_its_joints() {
    // Varying pressure takes the tapered-outline path; overlapping pieces
    // must not darken where they meet.
    let points = (0..=8)
        .map(|i| StrokePoint::from_normalised(0.1 + 0.1 * i as f32, 0.5, 0.9 + 0.0125 * i as f32))
        .collect();
    let mut s = pen(points);
    s.opacity = 0.5;
    let img = render(&panel_with(vec![s]), &RenderOptions::default());
    let row: Vec<u32> = (24..136).map(|x| luma(&img, x, 45)).collect();
    let (min, max) = (row.iter().min().unwrap(), row.iter().max().unwrap());
    assert!(
        max - min <= 3,
        "centre row should be even, got {min}..{max}"
    );
    assert!((120..=150).contains(min), "half-opaque black, got {min}");
}

#[test]
fn pressure_lines_have_no_seams_at_bends() {
    // The same thick wavy line drawn with even pressure (one stroked path)
    // and with pressure flickering by one step (tapered outline): any gap
    // between the tapered pieces shows up as a light pixel inside the line.
    let wave = |flicker: bool| {
        let points = (0..40)
            .map(|i| {
                let t = i as f32 / 40.0;
                let pressure = if flicker && i % 2 == 1 { 254 } else { 255 };
                StrokePoint {
                    pressure,
                    ..pt(0.05 + 0.9 * t, 0.5 + 0.3 * (t * 12.0).sin())
                }
            })
            .collect();
        let s = stroke(Tool::Pen, Layer::Ink, Rgba::BLACK, 0.08, points);
        render_panel(
            &panel_with(vec![s]),
            None,
            AspectRatio::Hd16x9,
            640,
            &RenderOptions::default(),
        )
    };
    let (even, tapered) = (wave(false), wave(true));
    let seams = even
        .enumerate_pixels()
        .filter(|&(x, y, p)| p.0[0] < 100 && tapered.get_pixel(x, y).0[0] > 180)
        .count();
    assert_eq!(seams, 0, "light pixels inside the tapered line");
}

#[test]
fn pen_pressure_changes_width() {
    let light = StrokePoint::from_normalised(0.0, 0.5, 0.0);
    let heavy = StrokePoint::from_normalised(1.0, 0.5, 1.0);
    let img = render(
        &panel_with(vec![pen(vec![light, heavy])]),
        &RenderOptions::default(),
    );
    let thickness = |x| (0..90).filter(|&y| luma(&img, x, y) < 128).count();
    assert!(
        thickness(150) > thickness(10),
        "heavy end is wider than the light end"
    );
}

#[test]
fn each_tool_draws_its_shape() {
    let options = RenderOptions::default();
    let draw = |tool: Tool, a: (f32, f32), b: (f32, f32)| {
        let s = stroke(
            tool,
            Layer::Annotation,
            Rgba::BLACK,
            0.02,
            vec![pt(a.0, a.1), pt(0.5, 0.9), pt(b.0, b.1)],
        );
        render(&panel_with(vec![s]), &options)
    };

    // Line ignores the middle point.
    let line = draw(Tool::Line, (0.1, 0.2), (0.9, 0.2));
    assert!(luma(&line, 80, 18) < 80);
    assert_eq!(luma(&line, 80, 81), 255);

    // Rect: all four edges dark, the middle white.
    let rect = draw(Tool::Rect, (0.25, 0.25), (0.75, 0.75));
    for (x, y) in [(80, 22), (80, 67), (40, 45), (120, 45)] {
        assert!(luma(&rect, x, y) < 80, "rect edge at ({x},{y})");
    }
    assert_eq!(luma(&rect, 80, 45), 255);

    // Ellipse: touches the middle of each side, not the corners.
    let oval = draw(Tool::Ellipse, (0.25, 0.25), (0.75, 0.75));
    assert!(luma(&oval, 40, 45) < 80 && luma(&oval, 80, 22) < 80);
    assert_eq!(luma(&oval, 41, 23), 255, "corner of the box stays white");
    assert_eq!(luma(&oval, 80, 45), 255);

    // Frame: dashed, so its top edge has both ink and gaps.
    let frame = draw(Tool::Frame, (0.1, 0.25), (0.9, 0.75));
    let top: Vec<u32> = (20..140).map(|x| luma(&frame, x, 22)).collect();
    assert!(top.iter().any(|&v| v < 80) && top.iter().any(|&v| v > 200));

    // Arrow: the head is much wider than the shaft.
    let arrow = draw(Tool::Arrow, (0.1, 0.5), (0.9, 0.5));
    let thickness = |x| (0..90).filter(|&y| luma(&arrow, x, y) < 128).count();
    assert!(
        thickness(138) > 2 * thickness(60),
        "head {} vs shaft {}",
        thickness(138),
        thickness(60)
    );

    // Pencil is lighter than pen; brush is soft: lighter at its edge than
    // at its centre, and lighter than pen.
    let freehand = |tool: Tool| {
        let s = stroke(
            tool,
            Layer::Sketch,
            Rgba::BLACK,
            0.08,
            vec![pt(0.1, 0.5), pt(0.9, 0.5)],
        );
        render(&panel_with(vec![s]), &options)
    };
    let pen_v = luma(&freehand(Tool::Pen), 80, 45);
    let pencil_v = luma(&freehand(Tool::Pencil), 80, 45);
    let brush = freehand(Tool::Brush);
    assert!(pen_v < 40, "pen is solid, got {pen_v}");
    assert!(pencil_v > pen_v + 30, "pencil {pencil_v} vs pen {pen_v}");
    assert!(
        luma(&brush, 80, 45) > pen_v + 30,
        "brush {}",
        luma(&brush, 80, 45)
    );
    assert!(
        luma(&brush, 80, 42) > luma(&brush, 80, 45) + 20,
        "brush edge is softer"
    );
}

#[test]
fn degenerate_strokes_never_panic() {
    let huge = StrokePoint {
        x: i32::MAX,
        y: i32::MIN,
        pressure: 0,
    };
    let cases: Vec<Vec<StrokePoint>> = vec![
        vec![],
        vec![pt(0.5, 0.5)],
        vec![pt(0.5, 0.5), pt(0.5, 0.5), pt(0.5, 0.5)],
        vec![pt(0.2, 0.5), pt(0.8, 0.5)],
        vec![pt(0.5, 0.2), pt(0.5, 0.8)],
        vec![pt(-10.0, -10.0), pt(10.0, 10.0), pt(-10.0, 10.0)],
        vec![huge, pt(0.5, 0.5), huge],
    ];
    let widths = [0.0, -1.0, f32::NAN, f32::INFINITY, 1e30, 0.01];
    let opacities = [f32::NAN, -1.0, 0.0, 2.0, 0.5];
    let tools = [
        Tool::Pencil,
        Tool::Pen,
        Tool::Brush,
        Tool::Line,
        Tool::Arrow,
        Tool::Frame,
        Tool::Rect,
        Tool::Ellipse,
    ];
    let mut strokes = Vec::new();
    for tool in tools {
        for points in &cases {
            for &width in &widths {
                for &opacity in &opacities {
                    strokes.push(Stroke {
                        opacity,
                        ..stroke(tool, Layer::Sketch, Rgba::BLACK, width, points.clone())
                    });
                }
            }
        }
    }
    let panel = panel_with(strokes);
    for aspect in [
        AspectRatio::Hd16x9,
        AspectRatio::Custom {
            width: 0,
            height: 0,
        },
    ] {
        for width in [0, 1, 3, 64] {
            let img = render_panel(&panel, None, aspect, width, &RenderOptions::default());
            assert!(img.width() >= 1 && img.height() >= 1);
        }
    }
}

#[test]
fn a_single_point_draws_a_dot() {
    let img = render(
        &panel_with(vec![pen(vec![pt(0.5, 0.5)])]),
        &RenderOptions::default(),
    );
    assert!(luma(&img, 80, 45) < 80);
    assert_eq!(luma(&img, 80, 20), 255);
}

#[test]
fn single_stroke_rendering_matches_the_panel_render() {
    let s = pen(vec![pt(0.1, 0.3), pt(0.6, 0.7)]);
    let whole = render(&panel_with(vec![s.clone()]), &RenderOptions::default());
    let mut pixmap = tiny_skia::Pixmap::new(160, 90).unwrap();
    pixmap.fill(tiny_skia::Color::WHITE);
    render_stroke_onto(&mut pixmap.as_mut(), &s, &RenderOptions::default());
    assert_eq!(shotboard::render::pixmap_to_image(pixmap), whole);
}

#[test]
fn absurd_sizes_are_clamped() {
    let (w, h) = render_size(AspectRatio::Hd16x9, u32::MAX);
    assert!(w <= MAX_RENDER_SIDE && h <= MAX_RENDER_SIDE);
    let (w, h) = render_size(
        AspectRatio::Custom {
            width: 1,
            height: 100,
        },
        u32::MAX,
    );
    assert!(w >= 1 && h <= MAX_RENDER_SIDE);
    assert_eq!(render_size(AspectRatio::Hd16x9, 0), (1, 1));
}
