//! "The Light in the Window": the short storyboard shipped as the demo
//! board, written for Shotboard and drawn by the code below.
//!
//! Three scenes, twelve panels: a woman alone in a farmhouse sees headlights
//! on the plain; her son, gone ten years, almost loses his nerve at the
//! gate; she opens the door.

use super::art::{Canvas, Compression, Rgb, mix};
use super::{DemoBoard, DemoError, asset_path, check_assets_dir};
use crate::model::{
    AspectRatio, Board, CameraAngle, CameraMove, Comment, Fps, IdAllocator, Layer, Panel, Reply,
    ReviewStatus, Rgba, Scene, ShotSize, Stroke, StrokePoint, Tool, Transition, utc_timestamp,
};

/// Pixel size of the story's frame images: small enough to keep the
/// repository light, large enough to look right on a card and in a PDF.
pub const STORY_IMAGE_SIZE: (u32, u32) = (960, 540);

/// When the review comments were written (2026-11-20, 10:00 UTC).
const REVIEW_TIME: i64 = 1_795_168_800;

const NIGHT_TOP: Rgb = [10, 16, 36];
const NIGHT_LOW: Rgb = [40, 56, 92];
const FIELD: Rgb = [20, 24, 28];
const SHADOW: Rgb = [14, 13, 17];
const LAMP: Rgb = [255, 206, 120];
const KITCHEN_WALL: Rgb = [104, 84, 64];
const HALL_WALL: Rgb = [150, 118, 84];
const WOOD: Rgb = [84, 58, 40];
const RUTH: Rgb = [46, 34, 32];
const DANIEL: Rgb = [22, 24, 30];

/// Generate the story board with its images under `assets_dir_name`.
pub fn story(assets_dir_name: &str) -> Result<DemoBoard, DemoError> {
    check_assets_dir(assets_dir_name)?;
    let mut board = Board {
        title: "The Light in the Window".to_owned(),
        author: "The Shotboard project".to_owned(),
        aspect_ratio: AspectRatio::Hd16x9,
        fps: Fps::Fps24,
        ..Board::default()
    };
    let mut ids = IdAllocator::new(&board);
    let mut images = Vec::new();
    let mut frame = |draw: fn(&mut Canvas)| -> Result<_, DemoError> {
        let (w, h) = STORY_IMAGE_SIZE;
        let mut canvas = Canvas::new(w, h, [0, 0, 0])?;
        draw(&mut canvas);
        let png = canvas.encode_png(Compression::Small)?;
        let path = asset_path(assets_dir_name, &png, "png")?;
        images.push((path.clone(), png));
        Ok(Some(path))
    };

    let mut kitchen = Scene::new(ids.scene(), "INT. FARMHOUSE KITCHEN - NIGHT");
    kitchen.location = "Farmhouse kitchen".to_owned();
    kitchen.notes =
        "One practical lamp over the sink; everything else falls off to dark.".to_owned();
    kitchen.panels = vec![
        Panel {
            image: frame(kitchen_wide)?,
            action:
                "A farmhouse kitchen after supper. One lamp over the sink. RUTH (60s) rinses a \
                     single plate. Beyond the window, black fields run to the horizon."
                    .to_owned(),
            notes: "Hold on the stillness before anything happens.".to_owned(),
            transition: Transition::FadeIn,
            status: ReviewStatus::Approved,
            ..shot(
                &mut ids,
                ShotSize::Wide,
                CameraAngle::EyeLevel,
                CameraMove::Static,
                24,
                4000,
            )
        },
        Panel {
            image: frame(ruth_looks_up)?,
            action: "Ruth's hands stop. She looks up at the window.".to_owned(),
            status: ReviewStatus::Approved,
            ..shot(
                &mut ids,
                ShotSize::MediumCloseUp,
                CameraAngle::EyeLevel,
                CameraMove::Static,
                50,
                2500,
            )
        },
        Panel {
            image: frame(headlights_pov)?,
            action:
                "Through the glass: two points of light on the horizon, growing. A car, coming \
                     up the only road."
                    .to_owned(),
            notes: "Slow push through the window frame.".to_owned(),
            strokes: vec![
                annotation(Tool::Frame, Rgba::BLUE, (0.3, 0.28), (0.7, 0.78)),
                annotation(Tool::Arrow, Rgba::RED, (0.5, 0.6), (0.34, 0.9)),
            ],
            ..shot(
                &mut ids,
                ShotSize::Wide,
                CameraAngle::Pov,
                CameraMove::Zoom,
                85,
                3000,
            )
        },
        Panel {
            image: frame(plate_insert)?,
            action: "She sets the plate down without a sound and dries her hands on the towel."
                .to_owned(),
            dialogue: "RUTH\n(to herself)\nNobody drives out here this late.".to_owned(),
            ..shot(
                &mut ids,
                ShotSize::Insert,
                CameraAngle::High,
                CameraMove::Static,
                50,
                2000,
            )
        },
    ];

    let mut yard = Scene::new(ids.scene(), "EXT. FARMHOUSE - NIGHT");
    yard.location = "Farmhouse yard and gate".to_owned();
    yard.notes = "The car's headlights are the key light for the whole scene.".to_owned();
    let hold_comment = Comment {
        id: ids.comment(),
        author: "Director".to_owned(),
        text: "Hold longer here - the hesitation is the whole scene.".to_owned(),
        time: utc_timestamp(REVIEW_TIME),
        resolved: false,
        replies: vec![Reply {
            author: "Editor".to_owned(),
            text: "Making it 3.5 s; we can trim in the cut.".to_owned(),
            time: utc_timestamp(REVIEW_TIME + 1500),
        }],
    };
    yard.panels = vec![
        Panel {
            image: frame(car_arrives)?,
            action: "A dusty sedan rolls to a stop at the gate. Its headlights sweep across the \
                     porch and die."
                .to_owned(),
            strokes: vec![annotation(Tool::Arrow, Rgba::RED, (0.2, 0.12), (0.8, 0.12))],
            ..shot(
                &mut ids,
                ShotSize::Wide,
                CameraAngle::Low,
                CameraMove::Pan,
                24,
                4000,
            )
        },
        Panel {
            image: frame(daniel_steps_out)?,
            action: "DANIEL (30s) steps out of the car and stands in the dark, looking up at the \
                     lit window."
                .to_owned(),
            ..shot(
                &mut ids,
                ShotSize::Medium,
                CameraAngle::EyeLevel,
                CameraMove::Static,
                35,
                2500,
            )
        },
        Panel {
            image: frame(daniel_hesitates)?,
            action:
                "He takes one step toward the house. Stops. His hand goes back to the car door."
                    .to_owned(),
            new_shot: false,
            status: ReviewStatus::NeedsChanges,
            comments: vec![hold_comment],
            ..shot(
                &mut ids,
                ShotSize::Medium,
                CameraAngle::EyeLevel,
                CameraMove::Static,
                35,
                3500,
            )
        },
        Panel {
            image: frame(porch_ots)?,
            action:
                "Over his shoulder: the porch, the door, the lamp behind the curtain. He walks \
                     up the steps."
                    .to_owned(),
            dialogue: "DANIEL\n(under his breath)\nTen years. Just knock.".to_owned(),
            strokes: vec![
                annotation(Tool::Frame, Rgba::BLUE, (0.34, 0.22), (0.74, 0.84)),
                annotation(Tool::Arrow, Rgba::RED, (0.54, 0.97), (0.54, 0.76)),
            ],
            ..shot(
                &mut ids,
                ShotSize::MediumWide,
                CameraAngle::OverTheShoulder,
                CameraMove::Dolly,
                35,
                3000,
            )
        },
    ];

    let mut hall = Scene::new(ids.scene(), "INT. FARMHOUSE HALL - NIGHT");
    hall.location = "Front hall".to_owned();
    hall.notes = "Warm light inside against the blue night beyond the door.".to_owned();
    let single_comment = Comment {
        id: ids.comment(),
        author: "DP".to_owned(),
        text: "Could play as a single on Daniel instead. Shoot both?".to_owned(),
        time: utc_timestamp(REVIEW_TIME + 2400),
        resolved: true,
        replies: vec![Reply {
            author: "Director".to_owned(),
            text: "Both. We decide in the edit.".to_owned(),
            time: utc_timestamp(REVIEW_TIME + 3000),
        }],
    };
    hall.panels = vec![
        Panel {
            image: frame(ruth_to_door)?,
            action: "Three knocks. Ruth comes down the hall and stops with her hand on the latch."
                .to_owned(),
            ..shot(
                &mut ids,
                ShotSize::Full,
                CameraAngle::EyeLevel,
                CameraMove::Steadicam,
                28,
                2500,
            )
        },
        Panel {
            image: frame(door_opens)?,
            action:
                "She opens the door. Daniel on the step, lit by the hall light, the car a dark \
                     shape behind him."
                    .to_owned(),
            dialogue: "DANIEL\nYou kept the light on.\n\nRUTH\nEvery night.".to_owned(),
            ..shot(
                &mut ids,
                ShotSize::MediumWide,
                CameraAngle::EyeLevel,
                CameraMove::Static,
                35,
                4000,
            )
        },
        Panel {
            image: frame(ruth_close)?,
            action: "Ruth's face. Ten years in it. She steps aside.".to_owned(),
            dialogue: "RUTH\nCome in. You're letting the cold in.".to_owned(),
            comments: vec![single_comment],
            ..shot(
                &mut ids,
                ShotSize::CloseUp,
                CameraAngle::EyeLevel,
                CameraMove::Static,
                85,
                3000,
            )
        },
        Panel {
            image: frame(house_from_above)?,
            action:
                "High above the plain: the farmhouse alone in the dark, one window lit, the car \
                     ticking at the gate."
                    .to_owned(),
            notes: "Fade out after the hold.".to_owned(),
            transition: Transition::Dissolve,
            strokes: vec![annotation(Tool::Arrow, Rgba::BLUE, (0.9, 0.85), (0.9, 0.2))],
            ..shot(
                &mut ids,
                ShotSize::ExtremeWide,
                CameraAngle::High,
                CameraMove::Crane,
                18,
                5000,
            )
        },
    ];

    board.scenes = vec![kitchen, yard, hall];
    board.bump_next_id();
    Ok(DemoBoard { board, images })
}

fn shot(
    ids: &mut IdAllocator,
    size: ShotSize,
    angle: CameraAngle,
    movement: CameraMove,
    lens_mm: u32,
    duration_ms: u32,
) -> Panel {
    Panel {
        shot_size: Some(size),
        angle: Some(angle),
        movement: Some(movement),
        lens_mm: Some(lens_mm),
        duration_ms: Some(duration_ms),
        ..Panel::new(ids.panel())
    }
}

/// A camera-move annotation: an arrow or a frame from `a` to `b`.
fn annotation(tool: Tool, color: Rgba, a: (f32, f32), b: (f32, f32)) -> Stroke {
    Stroke {
        tool,
        layer: Layer::Annotation,
        color,
        width: 0.006,
        opacity: 1.0,
        points: vec![
            StrokePoint::from_normalised(a.0, a.1, 1.0),
            StrokePoint::from_normalised(b.0, b.1, 1.0),
        ],
    }
}

fn night_sky(c: &mut Canvas, horizon: f32, stars: u32) {
    c.gradient(0.0, horizon, NIGHT_TOP, NIGHT_LOW);
    c.stars(7, stars, horizon * 0.8);
    c.rect(0.0, horizon, 1.0, 1.0, FIELD);
}

fn kitchen_wide(c: &mut Canvas) {
    c.rect(0.0, 0.0, 1.0, 1.0, KITCHEN_WALL);
    c.rect(0.0, 0.82, 1.0, 1.0, mix(KITCHEN_WALL, SHADOW, 0.6));
    c.window(0.42, 0.16, 0.72, 0.5, WOOD, NIGHT_LOW);
    c.rect(0.44, 0.37, 0.7, 0.48, FIELD);
    c.glow(0.57, 0.12, 0.45, LAMP, 0.45);
    c.poly(
        &[(0.55, 0.0), (0.59, 0.0), (0.61, 0.1), (0.53, 0.1)],
        [60, 50, 40],
    );
    c.rect(0.0, 0.58, 1.0, 0.62, mix(WOOD, LAMP, 0.3));
    c.rect(0.0, 0.62, 1.0, 0.82, WOOD);
    for x in [0.1, 0.3, 0.75, 0.9] {
        c.rect(x, 0.65, x + 0.12, 0.79, mix(WOOD, SHADOW, 0.3));
    }
    c.figure(0.57, 0.95, 0.62, RUTH, true);
}

fn ruth_looks_up(c: &mut Canvas) {
    c.rect(0.0, 0.0, 1.0, 1.0, KITCHEN_WALL);
    c.window(0.55, 0.08, 0.97, 0.72, WOOD, NIGHT_LOW);
    c.rect(0.58, 0.45, 0.94, 0.69, FIELD);
    c.glow(0.68, 0.45, 0.03, [255, 240, 200], 0.9);
    c.glow(0.71, 0.45, 0.03, [255, 240, 200], 0.9);
    c.glow(0.25, 0.2, 0.5, LAMP, 0.5);
    c.bust(0.3, 1.0, 0.4, RUTH);
}

fn headlights_pov(c: &mut Canvas) {
    night_sky(c, 0.56, 40);
    c.poly(
        &[(0.49, 0.56), (0.51, 0.56), (0.75, 1.0), (0.25, 1.0)],
        [34, 34, 36],
    );
    c.glow(0.485, 0.565, 0.05, [255, 240, 200], 0.9);
    c.glow(0.515, 0.565, 0.05, [255, 240, 200], 0.9);
    // The window frame and mullions we look through.
    c.rect(0.0, 0.0, 0.07, 1.0, WOOD);
    c.rect(0.93, 0.0, 1.0, 1.0, WOOD);
    c.rect(0.0, 0.0, 1.0, 0.08, WOOD);
    c.rect(0.0, 0.9, 1.0, 1.0, WOOD);
    c.rect(0.49, 0.0, 0.51, 1.0, WOOD);
    c.rect(0.0, 0.33, 1.0, 0.355, WOOD);
}

fn plate_insert(c: &mut Canvas) {
    c.rect(0.0, 0.0, 1.0, 1.0, mix(WOOD, LAMP, 0.35));
    c.rect(0.0, 0.0, 1.0, 0.12, mix(WOOD, SHADOW, 0.4));
    c.ellipse(0.3, 0.25, 0.62, 0.82, [220, 220, 210]);
    c.ellipse(0.36, 0.35, 0.56, 0.72, [200, 200, 192]);
    c.rect(0.68, 0.3, 0.95, 0.95, [170, 60, 55]);
    for y in [0.4, 0.5, 0.8] {
        c.rect(0.68, y, 0.95, y + 0.03, [230, 220, 200]);
    }
    let skin = [196, 150, 120];
    c.ellipse(0.62, 0.5, 0.8, 0.68, skin);
    c.ellipse(0.66, 0.62, 0.84, 0.8, skin);
    c.poly(&[(0.76, 0.52), (1.0, 0.45), (1.0, 0.85), (0.8, 0.78)], RUTH);
}

fn car_arrives(c: &mut Canvas) {
    night_sky(c, 0.62, 60);
    c.house(0.58, 0.88, 0.7, 0.2, [58, 54, 60], true);
    for i in 0..12 {
        let x = 0.02 + i as f32 * 0.045;
        c.rect(x, 0.66, x + 0.008, 0.76, [40, 36, 32]);
    }
    c.rect(0.0, 0.68, 0.52, 0.69, [40, 36, 32]);
    c.poly_alpha(&[(0.37, 0.74), (0.9, 0.55), (0.95, 0.8)], LAMP, 0.18);
    c.car(0.07, 0.8, 0.3, [90, 84, 70], true);
}

fn daniel_steps_out(c: &mut Canvas) {
    night_sky(c, 0.55, 30);
    c.house(0.8, 0.95, 0.56, 0.08, [58, 54, 60], true);
    c.car(-0.15, 0.98, 0.75, [90, 84, 70], false);
    c.figure(0.66, 1.12, 0.95, DANIEL, false);
}

fn daniel_hesitates(c: &mut Canvas) {
    night_sky(c, 0.55, 30);
    c.house(0.8, 0.95, 0.56, 0.08, [58, 54, 60], true);
    c.car(-0.15, 0.98, 0.75, [90, 84, 70], false);
    c.figure(0.72, 1.12, 0.95, DANIEL, false);
    // His arm reaching back to the car door.
    c.poly(
        &[(0.69, 0.34), (0.66, 0.38), (0.52, 0.56), (0.54, 0.59)],
        DANIEL,
    );
}

fn porch_ots(c: &mut Canvas) {
    c.rect(0.0, 0.0, 1.0, 1.0, [50, 46, 54]);
    c.rect(0.0, 0.0, 1.0, 0.14, mix(NIGHT_TOP, SHADOW, 0.3));
    c.window(0.68, 0.28, 0.86, 0.56, SHADOW, LAMP);
    c.glow(0.77, 0.42, 0.25, LAMP, 0.35);
    c.door(0.44, 0.3, 0.6, 0.84, WOOD);
    c.circle(0.52, 0.24, 0.02, LAMP);
    c.glow(0.52, 0.24, 0.12, LAMP, 0.5);
    for (i, y) in [0.84, 0.9, 0.96].into_iter().enumerate() {
        let inset = i as f32 * 0.03;
        c.rect(
            0.36 - inset,
            y,
            0.68 + inset,
            y + 0.06,
            mix(WOOD, SHADOW, 0.4 + 0.1 * i as f32),
        );
    }
    c.bust(0.16, 1.05, 0.42, DANIEL);
}

fn hall_interior(c: &mut Canvas) {
    c.rect(0.0, 0.0, 1.0, 1.0, HALL_WALL);
    c.poly(
        &[(0.0, 0.0), (0.3, 0.18), (0.3, 0.82), (0.0, 1.0)],
        mix(HALL_WALL, SHADOW, 0.25),
    );
    c.poly(
        &[(1.0, 0.0), (0.7, 0.18), (0.7, 0.82), (1.0, 1.0)],
        mix(HALL_WALL, SHADOW, 0.35),
    );
    c.poly(
        &[(0.0, 1.0), (0.3, 0.82), (0.7, 0.82), (1.0, 1.0)],
        mix(WOOD, SHADOW, 0.2),
    );
    c.glow(0.5, 0.05, 0.4, LAMP, 0.4);
}

fn ruth_to_door(c: &mut Canvas) {
    hall_interior(c);
    c.door(0.42, 0.3, 0.58, 0.82, WOOD);
    c.figure(0.5, 0.93, 0.55, RUTH, true);
}

fn door_opens(c: &mut Canvas) {
    hall_interior(c);
    c.rect(0.4, 0.26, 0.62, 0.82, NIGHT_LOW);
    c.rect(0.4, 0.62, 0.62, 0.82, FIELD);
    c.car(0.41, 0.66, 0.1, [30, 30, 34], false);
    c.poly(&[(0.62, 0.26), (0.7, 0.2), (0.7, 0.88), (0.62, 0.82)], WOOD);
    c.figure(0.52, 0.86, 0.58, DANIEL, false);
    c.figure(0.2, 1.25, 1.05, RUTH, true);
}

fn ruth_close(c: &mut Canvas) {
    c.rect(0.0, 0.0, 1.0, 1.0, mix(HALL_WALL, SHADOW, 0.3));
    c.glow(0.62, 0.3, 0.7, LAMP, 0.55);
    // Grey hair framing the face, then the face and shoulders over it.
    c.ellipse(0.365, 0.02, 0.635, 0.5, [128, 126, 122]);
    c.bust(0.5, 1.05, 0.55, [88, 64, 54]);
}

fn house_from_above(c: &mut Canvas) {
    night_sky(c, 0.28, 50);
    c.poly(
        &[
            (0.0, 0.9),
            (0.52, 0.56),
            (0.56, 0.56),
            (0.2, 1.0),
            (0.0, 1.0),
        ],
        [30, 30, 32],
    );
    c.glow(0.52, 0.53, 0.08, LAMP, 0.5);
    c.house(0.49, 0.56, 0.56, 0.05, [58, 54, 60], true);
    c.car(0.43, 0.6, 0.04, [90, 84, 70], false);
}
