//! Sketch strokes as data and pixels: what the editor stores renders where
//! it was drawn, hidden layers stay hidden, flipping the strokes matches a
//! mirrored render, and strokes survive the RON file compactly.

use std::path::Path;

use image::RgbaImage;
use shotboard::model::{
    AspectRatio, Board, Layer, Panel, PanelId, Rgba, Scene, SceneId, Stroke, StrokePoint, Tool,
};
use shotboard::render::{RenderOptions, render_panel};
use shotboard::ui::sketch::geometry::{self, RawPoint, SIMPLIFY_TOLERANCE};

const W: u32 = 320; // 320 × 180 at 16:9

fn stroke(tool: Tool, layer: Layer, points: &[(f32, f32)]) -> Stroke {
    Stroke {
        tool,
        layer,
        color: Rgba::BLACK,
        width: 0.02,
        opacity: 1.0,
        points: points
            .iter()
            .map(|&(x, y)| StrokePoint::from_normalised(x, y, 1.0))
            .collect(),
    }
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

#[test]
fn known_strokes_render_to_the_expected_pixels() {
    let panel = panel_with(vec![
        stroke(Tool::Pen, Layer::Sketch, &[(0.1, 0.5), (0.9, 0.5)]),
        stroke(Tool::Rect, Layer::Ink, &[(0.25, 0.1), (0.75, 0.3)]),
    ]);
    let img = render(&panel, &RenderOptions::default());
    assert_eq!(img.dimensions(), (320, 180));
    // On the pen line, and either side of it.
    assert!(luma(&img, 160, 90) < 60, "line centre is dark");
    assert!(luma(&img, 160, 70) > 245, "above the line is paper");
    assert!(
        luma(&img, 10, 90) > 245,
        "left of the line's start is paper"
    );
    // The box's top edge is drawn, its inside is not (unfilled).
    assert!(luma(&img, 160, 18) < 60, "box edge");
    assert!(luma(&img, 160, 36) > 245, "box inside");
}

#[test]
fn a_hidden_layer_hides_its_strokes_and_opacity_fades_them() {
    let panel = panel_with(vec![
        stroke(Tool::Pen, Layer::Sketch, &[(0.1, 0.5), (0.9, 0.5)]),
        stroke(Tool::Pen, Layer::Ink, &[(0.5, 0.1), (0.5, 0.3)]),
    ]);
    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Sketch).visible = false;
    let img = render(&panel, &options);
    assert!(luma(&img, 100, 90) > 250, "sketch layer hidden");
    assert!(luma(&img, 160, 36) < 60, "ink layer still drawn");

    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Sketch).opacity = 0.5;
    let faded = luma(&render(&panel, &options), 100, 90);
    assert!(
        (100..200).contains(&faded),
        "half opacity gives grey, got {faded}"
    );
}

#[test]
fn flipping_strokes_matches_a_mirrored_render() {
    let panel = panel_with(vec![
        stroke(
            Tool::Pen,
            Layer::Sketch,
            &[(0.1, 0.2), (0.4, 0.6), (0.3, 0.9)],
        ),
        stroke(Tool::Arrow, Layer::Annotation, &[(0.2, 0.8), (0.7, 0.3)]),
    ]);
    let flipped = Panel {
        strokes: panel.strokes.iter().map(geometry::mirrored).collect(),
        ..panel.clone()
    };
    let mirrored_render = render(
        &panel,
        &RenderOptions {
            flip_horizontal: true,
            ..RenderOptions::default()
        },
    );
    let of_flipped = render(&flipped, &RenderOptions::default());
    let differing = mirrored_render
        .pixels()
        .zip(of_flipped.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    // Only anti-aliasing differences at edges.
    assert!(differing < 40, "{differing} pixels differ");
}

/// A wavy hand-drawn stroke sampled like a 120 Hz trackpad, then simplified
/// as the editor does on stroke end.
fn hand_stroke(seed: u32) -> Stroke {
    let f = seed as f32;
    let raw: Vec<RawPoint> = (0..90)
        .map(|i| {
            let t = i as f32 / 89.0;
            RawPoint {
                x: 0.05 + 0.9 * t,
                y: 0.5 + 0.3 * (t * 6.0 + f).sin() * (f * 0.37).cos(),
                pressure: 0.6 + 0.4 * (t * 3.0 + f).sin().abs(),
            }
        })
        .collect();
    let simplified = geometry::simplify(&raw, 16.0 / 9.0, SIMPLIFY_TOLERANCE);
    Stroke {
        tool: Tool::Pen,
        layer: Layer::Sketch,
        color: Rgba::BLACK,
        width: 0.004,
        opacity: 1.0,
        points: simplified.into_iter().map(RawPoint::quantise).collect(),
    }
}

fn board_with(strokes: Vec<Stroke>) -> Board {
    let mut board = Board {
        title: "Strokes".into(),
        ..Board::default()
    };
    let mut scene = Scene::new(SceneId(1), "INT. ROOM - DAY");
    let mut panel = Panel::new(PanelId(2));
    panel.strokes = strokes;
    scene.panels.push(panel);
    board.scenes.push(scene);
    board.bump_next_id();
    board
}

#[test]
fn strokes_round_trip_through_ron_one_line_each() {
    let strokes = vec![
        hand_stroke(1),
        stroke(Tool::Ellipse, Layer::Annotation, &[(0.2, 0.2), (0.6, 0.7)]),
        Stroke {
            color: Rgba([0x12, 0x34, 0x56, 0x80]),
            opacity: 0.25,
            ..stroke(Tool::Brush, Layer::Reference, &[(0.5, 0.5)])
        },
    ];
    let board = board_with(strokes);
    let text = shotboard::store::to_ron_string(&board);
    let back = shotboard::store::from_ron_str(&text, Path::new("strokes.ron")).unwrap();
    assert_eq!(back, board);
    let point_lines = text.lines().filter(|l| l.contains("points:")).count();
    assert_eq!(point_lines, 3, "one points line per stroke");
}

#[test]
fn a_panel_of_500_strokes_stays_a_modest_file() {
    let strokes: Vec<Stroke> = (0..500).map(hand_stroke).collect();
    let points: usize = strokes.iter().map(|s| s.points.len()).sum();
    let empty = shotboard::store::to_ron_string(&board_with(Vec::new())).len();
    let text = shotboard::store::to_ron_string(&board_with(strokes));
    let bytes = text.len() - empty;
    println!(
        "500 strokes ({points} points after simplification, 90 samples each before): {} KiB of RON, {:.0} bytes per stroke",
        bytes / 1024,
        bytes as f64 / 500.0
    );
    assert!(points < 500 * 60, "simplification keeps {points} points");
    assert!(bytes < 448 * 1024, "{bytes} bytes");
}
