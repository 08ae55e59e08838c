//! Synthetic boards of any size: the data for benchmarks, stress tests and
//! `shotboard demo`.

use super::art::{Canvas, Compression, Rgb, mix};
use super::rng::SplitMix64;
use super::{DemoBoard, DemoError, asset_path, check_assets_dir, words};
use crate::model::{
    Board, CameraAngle, CameraMove, Comment, IdAllocator, Layer, Numbering, Panel, Reply,
    ReviewStatus, Rgba, Scene, ShotSize, Stroke, StrokePoint, Tool, Transition, utc_timestamp,
};

/// The most panels [`synthetic`] generates; larger requests are clamped so a
/// typo cannot exhaust memory.
pub const MAX_PANELS: usize = 100_000;

/// Distinct frame images in a synthetic board. Panels share them: assets are
/// content-addressed, so a 1,000-panel board stays small on disk and fast to
/// generate while every panel still has a real 1920×1080 image to decode.
pub const IMAGE_VARIANTS: usize = 24;

/// Pixel size of the synthetic frame images.
pub const IMAGE_SIZE: (u32, u32) = (1920, 1080);

/// Every `HEAVY_EVERY`th panel (offset [`HEAVY_OFFSET`]) carries
/// [`HEAVY_STROKES`] strokes, so the demo exercises the heavy-sketch path.
const HEAVY_EVERY: usize = 100;
const HEAVY_OFFSET: usize = 37;
const HEAVY_STROKES: usize = 150;

/// Comment times count from here (2026-09-21), never from the clock, so the
/// output is reproducible.
const COMMENT_EPOCH: i64 = 1_790_000_000;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// Number of panels; 0 gives a board with one empty scene.
    pub panels: usize,
    /// Number of scenes, clamped to `1..=panels` so no scene is empty.
    pub scenes: usize,
    /// Same seed, same options → byte-identical board and images.
    pub seed: u64,
}

impl DemoOptions {
    /// `panels` panels with the default scene count and seed.
    pub fn with_panels(panels: usize) -> Self {
        Self {
            panels,
            scenes: default_scenes(panels),
            seed: 1,
        }
    }
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self::with_panels(60)
    }
}

/// Scenes used when only a panel count is given: one per ten panels.
pub fn default_scenes(panels: usize) -> usize {
    (panels / 10).max(1)
}

/// Generate a board of `options.panels` panels over `options.scenes`
/// scenes, with images named `"{assets_dir_name}/{sha256}.png"`.
///
/// Panels are split evenly over scenes (earlier scenes take the remainder).
/// Text, shot facts, durations, statuses, comments, shot continuations and
/// sketch strokes vary; within the first panels every shot-fact variant
/// appears at least once.
pub fn synthetic(options: &DemoOptions, assets_dir_name: &str) -> Result<DemoBoard, DemoError> {
    check_assets_dir(assets_dir_name)?;
    let panels = options.panels.min(MAX_PANELS);
    let mut rng = SplitMix64::new(options.seed);

    let variant_seeds: Vec<u64> = (0..panels.min(IMAGE_VARIANTS))
        .map(|_| rng.next_u64())
        .collect();
    let pngs = render_variants(&variant_seeds)?;
    let mut images = Vec::with_capacity(pngs.len());
    for png in pngs {
        images.push((asset_path(assets_dir_name, &png, "png")?, png));
    }
    let board = build_board(options, &mut rng, |index, rng| {
        // The first panels use each variant once, so no image is orphaned.
        let variant = if index < images.len() {
            index
        } else {
            rng.below(images.len())
        };
        images.get(variant).map(|(p, _)| p.clone())
    });
    Ok(DemoBoard { board, images })
}

/// The board of [`synthetic`] with `image(panel index, rng)` as each
/// panel's frame.
pub(super) fn build_board(
    options: &DemoOptions,
    rng: &mut SplitMix64,
    mut image: impl FnMut(usize, &mut SplitMix64) -> Option<crate::model::AssetPath>,
) -> Board {
    let panels = options.panels.min(MAX_PANELS);
    let scenes = options.scenes.clamp(1, panels.max(1));
    let mut board = Board {
        title: format!("Synthetic board: {panels} panels, seed {}", options.seed),
        author: "Shotboard demo generator".to_owned(),
        // A board made today: shot letters skip I and O.
        numbering: Numbering::for_new_board(),
        ..Board::default()
    };
    let mut ids = IdAllocator::new(&board);
    let mut index = 0;
    for s in 0..scenes {
        let (heading, location) = words::scene_heading(rng);
        let mut scene = Scene::new(ids.scene(), heading);
        scene.location = location;
        if rng.chance(0.3) {
            scene.notes = words::note(rng);
        }
        let count = panels / scenes + usize::from(s < panels % scenes);
        for k in 0..count {
            let frame = image(index, rng);
            let mut panel = synthetic_panel(index, k == 0, rng, &mut ids);
            panel.image = frame;
            scene.panels.push(panel);
            index += 1;
        }
        board.scenes.push(scene);
    }
    board.bump_next_id();
    board
}

/// Cycle through every variant for the first panels, then pick at random
/// (sometimes leaving the fact unset).
fn fact<T: Copy>(index: usize, all: &[T], rng: &mut SplitMix64, unset: f32) -> Option<T> {
    if index < all.len() {
        return all.get(index).copied();
    }
    if rng.chance(unset) {
        None
    } else {
        Some(*rng.pick(all))
    }
}

fn synthetic_panel(
    index: usize,
    first_in_scene: bool,
    rng: &mut SplitMix64,
    ids: &mut IdAllocator,
) -> Panel {
    let mut panel = Panel::new(ids.panel());
    panel.action = words::action(rng);
    if rng.chance(0.55) {
        panel.dialogue = words::dialogue(rng);
    }
    if rng.chance(0.25) {
        panel.notes = words::note(rng);
    }
    panel.shot_size = fact(index, ShotSize::ALL, rng, 0.1);
    panel.angle = fact(index, CameraAngle::ALL, rng, 0.2);
    panel.movement = fact(index, CameraMove::ALL, rng, 0.2);
    const LENSES: [u32; 8] = [18, 24, 28, 35, 50, 85, 100, 135];
    panel.lens_mm = if rng.chance(0.2) {
        None
    } else {
        Some(*rng.pick(&LENSES))
    };
    panel.duration_ms = if rng.chance(0.3) {
        None
    } else {
        Some(rng.range(2, 24) * 250)
    };
    panel.transition = if index < Transition::ALL.len() {
        Transition::ALL[index]
    } else if rng.chance(0.85) {
        Transition::Cut
    } else {
        *rng.pick(Transition::ALL)
    };
    panel.status = fact(index, ReviewStatus::ALL, rng, 0.0).unwrap_or_default();
    panel.new_shot = first_in_scene || !rng.chance(0.15);
    if rng.chance(0.12) {
        panel.comments.push(synthetic_comment(index, rng, ids));
    }
    let strokes = if index % HEAVY_EVERY == HEAVY_OFFSET {
        HEAVY_STROKES
    } else if rng.chance(0.2) {
        rng.range(1, 8) as usize
    } else {
        0
    };
    panel.strokes = (0..strokes).map(|_| synthetic_stroke(rng)).collect();
    panel
}

fn synthetic_comment(index: usize, rng: &mut SplitMix64, ids: &mut IdAllocator) -> Comment {
    let time = COMMENT_EPOCH + index as i64 * 600 + i64::from(rng.range(0, 599));
    let replies = if rng.chance(0.4) {
        vec![Reply {
            author: (*rng.pick(words::COMMENT_AUTHORS)).to_owned(),
            text: words::reply(rng),
            time: utc_timestamp(time + 3600),
        }]
    } else {
        Vec::new()
    };
    Comment {
        id: ids.comment(),
        author: (*rng.pick(words::COMMENT_AUTHORS)).to_owned(),
        text: words::comment(rng),
        time: utc_timestamp(time),
        resolved: rng.chance(0.3),
        replies,
    }
}

fn synthetic_stroke(rng: &mut SplitMix64) -> Stroke {
    const TOOLS: [Tool; 10] = [
        Tool::Pen,
        Tool::Pen,
        Tool::Pen,
        Tool::Pencil,
        Tool::Pencil,
        Tool::Brush,
        Tool::Line,
        Tool::Arrow,
        Tool::Frame,
        Tool::Ellipse,
    ];
    let tool = *rng.pick(&TOOLS);
    let freehand = matches!(tool, Tool::Pen | Tool::Pencil | Tool::Brush);
    let (layer, color, width) = match tool {
        Tool::Pencil => (Layer::Sketch, Rgba::GREY, 0.002),
        Tool::Brush => (Layer::Sketch, Rgba::GREY, 0.02),
        Tool::Pen => (Layer::Ink, Rgba::BLACK, 0.004),
        _ => (
            Layer::Annotation,
            *rng.pick(&[Rgba::RED, Rgba::BLUE]),
            0.004,
        ),
    };
    let (mut x, mut y) = (rng.between(0.05, 0.95), rng.between(0.05, 0.95));
    let points = if freehand {
        let count = rng.range(6, 20);
        let (mut dx, mut dy) = (rng.between(-0.02, 0.02), rng.between(-0.02, 0.02));
        let pressured = rng.chance(0.5);
        (0..count)
            .map(|_| {
                dx = (dx + rng.between(-0.006, 0.006)).clamp(-0.025, 0.025);
                dy = (dy + rng.between(-0.006, 0.006)).clamp(-0.025, 0.025);
                x = (x + dx).clamp(0.0, 1.0);
                y = (y + dy).clamp(0.0, 1.0);
                let pressure = if pressured {
                    rng.between(0.3, 1.0)
                } else {
                    1.0
                };
                StrokePoint::from_normalised(x, y, pressure)
            })
            .collect()
    } else {
        let end = (rng.between(0.05, 0.95), rng.between(0.05, 0.95));
        vec![
            StrokePoint::from_normalised(x, y, 1.0),
            StrokePoint::from_normalised(end.0, end.1, 1.0),
        ]
    };
    Stroke {
        tool,
        layer,
        color,
        width,
        opacity: if tool == Tool::Pencil { 0.8 } else { 1.0 },
        points,
    }
}

/// Render and encode one PNG per seed, spread over the machine's cores.
/// The output order follows the seeds, so threading never changes bytes.
fn render_variants(seeds: &[u64]) -> Result<Vec<Vec<u8>>, DemoError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, seeds.len().max(1));
    let mut done: Vec<(usize, Result<Vec<u8>, DemoError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..seeds.len())
                        .step_by(threads)
                        .map(|i| (i, synthetic_frame(seeds[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                // A panic here is a bug in the drawing code: surface it.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, png)| png).collect()
}

/// One synthetic frame as a PNG.
fn synthetic_frame(seed: u64) -> Result<Vec<u8>, DemoError> {
    draw_frame(seed)?.encode_png(Compression::Fast)
}

/// One synthetic frame drawn as a photograph (grain, uneven light) and
/// encoded as a JPEG of about 300 KB: see [`super::distinct`].
pub(super) fn photo_frame(seed: u64) -> Result<Vec<u8>, DemoError> {
    draw_frame(seed)?.encode_photo_jpeg(seed)
}

/// One synthetic frame: an exterior (sky, horizon, buildings, people, maybe
/// a car) or an interior (wall, window, door, people).
fn draw_frame(seed: u64) -> Result<Canvas, DemoError> {
    let mut rng = SplitMix64::new(seed);
    let (w, h) = IMAGE_SIZE;
    const SKIES: [(Rgb, Rgb, Rgb); 4] = [
        ([110, 160, 215], [200, 220, 235], [96, 120, 80]), // day
        ([60, 50, 100], [235, 150, 90], [60, 55, 60]),     // dusk
        ([12, 18, 40], [40, 55, 90], [22, 26, 32]),        // night
        ([160, 165, 170], [205, 205, 200], [110, 105, 95]), // overcast
    ];
    let (top, horizon_c, ground_c) = *rng.pick(&SKIES);
    let silhouette = mix(ground_c, [0, 0, 0], 0.6);
    let mut c = Canvas::new(w, h, top)?;
    let interior = rng.chance(0.35);
    if interior {
        let wall: Rgb = *rng.pick(&[[180, 160, 130], [120, 135, 140], [200, 190, 170]]);
        let floor_y = rng.between(0.7, 0.85);
        c.rect(0.0, 0.0, 1.0, floor_y, wall);
        c.rect(0.0, floor_y, 1.0, 1.0, mix(wall, [40, 30, 20], 0.5));
        let wx = rng.between(0.1, 0.6);
        c.window(
            wx,
            0.18,
            wx + 0.25,
            0.55,
            mix(wall, [0, 0, 0], 0.5),
            horizon_c,
        );
        let dx = if wx > 0.4 { 0.1 } else { 0.72 };
        c.door(dx, 0.2, dx + 0.14, floor_y, mix(wall, [60, 35, 20], 0.6));
        for _ in 0..rng.range(1, 3) {
            let x = rng.between(0.15, 0.85);
            c.figure(
                x,
                rng.between(floor_y, 0.98),
                rng.between(0.45, 0.7),
                silhouette,
                rng.chance(0.4),
            );
        }
    } else {
        let horizon = rng.between(0.45, 0.7);
        c.gradient(0.0, horizon, top, horizon_c);
        if rng.chance(0.6) {
            let light = mix(horizon_c, [255, 250, 230], 0.7);
            c.circle(
                rng.between(0.1, 0.9),
                rng.between(0.08, horizon - 0.1),
                rng.between(0.03, 0.07),
                light,
            );
        }
        let mut x = rng.between(-0.05, 0.2);
        while x < 1.0 && rng.chance(0.75) {
            let bw = rng.between(0.05, 0.14);
            let bh = rng.between(0.05, 0.3);
            c.rect(
                x,
                horizon - bh,
                x + bw,
                horizon + 0.01,
                mix(horizon_c, silhouette, 0.6),
            );
            x += bw + rng.between(0.0, 0.12);
        }
        c.rect(0.0, horizon, 1.0, 1.0, ground_c);
        if rng.chance(0.5) {
            let (x0, len) = (rng.between(0.0, 0.6), rng.between(0.25, 0.4));
            c.car(
                x0,
                rng.between(horizon + 0.1, 0.9),
                len,
                *rng.pick(&[[120, 30, 30], [40, 60, 90], [70, 70, 70]]),
                rng.chance(0.5),
            );
        }
        for _ in 0..rng.range(0, 3) {
            let feet = rng.between(horizon + 0.05, 0.98);
            let height = (feet - horizon) * 2.2;
            c.figure(
                rng.between(0.05, 0.95),
                feet,
                height,
                silhouette,
                rng.chance(0.4),
            );
        }
    }
    Ok(c)
}
