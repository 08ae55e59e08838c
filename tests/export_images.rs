//! Image exports: PNG names and sizes, contact sheet pages, and the GIF
//! animatic's frame count and frame-exact delays.

use std::path::Path;

use shotboard::export::{
    self, ContactSheetOptions, ExportError, FrameSource, GifOptions, PngOptions, Progress,
    SwatchFrames,
};
use shotboard::model::{AspectRatio, Board, Fps, Panel, PanelId, Scene, SceneId};

fn board(fps: Fps, durations: &[u32]) -> Board {
    let mut board = Board {
        title: "Élan vital".into(),
        fps,
        aspect_ratio: AspectRatio::Hd16x9,
        ..Board::default()
    };
    let mut scene = Scene::new(SceneId(1), "INT. HALL - DAY");
    for (i, ms) in durations.iter().enumerate() {
        let mut p = Panel::new(PanelId(10 + i as u64));
        p.duration_ms = Some(*ms);
        p.new_shot = i != 1;
        p.action = format!("Panel {i} action, déjà vu.");
        scene.panels.push(p);
    }
    board.scenes.push(scene);
    board
}

fn source(board: &Board) -> SwatchFrames {
    SwatchFrames {
        aspect: board.aspect_ratio,
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn pngs_are_named_by_index_and_label_at_the_chosen_width() {
    let board = board(Fps::Fps24, &[1000, 2000, 500]);
    let before = board.clone();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("frames");
    let progress = Progress::new();
    let files = export::export_panel_pngs(
        &source(&board),
        &board,
        &out,
        &PngOptions { width: 320 },
        &progress,
    )
    .unwrap();
    assert_eq!(board, before);
    assert_eq!(
        listing(&out),
        ["001_1A.1.png", "002_1A.2.png", "003_1B.png"]
    );
    assert_eq!(files[2], out.join("003_1B.png"));
    assert_eq!(progress.fraction(), 1.0);
    for (file, panel) in files.iter().zip(board.panels()) {
        let img = image::open(file).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (320, 180));
        let [r, g, b, _] = SwatchFrames::colour(panel).0;
        assert_eq!(img.get_pixel(5, 5).0, [r, g, b]);
    }
    assert_eq!(listing(dir.path()), ["frames"], "no staging folder left");
}

#[test]
fn a_failing_frame_leaves_no_folder_behind() {
    struct Broken;
    impl FrameSource for Broken {
        fn frame(&self, panel: &Panel, w: u32) -> Result<image::RgbaImage, String> {
            if panel.id.0 == 12 {
                Err("image file is truncated".into())
            } else {
                Ok(image::RgbaImage::new(w, w))
            }
        }
    }
    let board = board(Fps::Fps24, &[1000, 2000, 500, 700]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("frames");
    let err = export::export_panel_pngs(
        &Broken,
        &board,
        &out,
        &PngOptions::default(),
        &Progress::new(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ExportError::Frame { ref panel, .. } if panel == "1B"),
        "{err}"
    );
    assert!(err.to_string().contains("truncated"));
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn a_cancelled_export_writes_nothing() {
    let board = board(Fps::Fps24, &[1000; 30]);
    let dir = tempfile::tempdir().unwrap();
    let progress = Progress::new();
    progress.cancel();
    let gif = dir.path().join("a.gif");
    let err = export::export_gif(
        &source(&board),
        &board,
        &gif,
        &GifOptions::default(),
        &progress,
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Cancelled { .. }));
    let err = export::export_panel_pngs(
        &source(&board),
        &board,
        &dir.path().join("pngs"),
        &PngOptions::default(),
        &progress,
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Cancelled { .. }));
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn contact_sheets_paginate_the_grid() {
    let board = board(Fps::Fps25, &[1000; 7]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheets");
    let options = ContactSheetOptions {
        columns: 2,
        rows: 2,
        frame_width: 200,
    };
    let pages =
        export::export_contact_sheets(&source(&board), &board, &out, &options, &Progress::new())
            .unwrap();
    assert_eq!(
        listing(&out),
        ["contact_sheet_01.png", "contact_sheet_02.png"]
    );
    assert_eq!(pages.len(), 2);
    let first = image::open(&pages[0]).unwrap().to_rgb8();
    let second = image::open(&pages[1]).unwrap().to_rgb8();
    assert_eq!(first.dimensions(), second.dimensions());
    assert!(first.width() > 2 * 200 && first.height() > 2 * 112);
    // The first frame's colour is on page one; dark label text too.
    let [r, g, b, _] = SwatchFrames::colour(board.panels().next().unwrap()).0;
    assert!(first.pixels().any(|p| p.0 == [r, g, b]));
    assert!(
        first
            .pixels()
            .any(|p| p.0[0] < 60 && p.0[1] < 60 && p.0[2] < 60)
    );
}

fn gif_frames(path: &Path) -> Vec<(u16, (u16, u16))> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(path).unwrap())
        .unwrap();
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        frames.push((frame.delay, (frame.width, frame.height)));
    }
    frames
}

#[test]
fn gif_has_one_frame_per_panel_with_runtime_exact_delays() {
    // Durations that don't land on centiseconds at these rates.
    let durations = [1001, 42, 1234, 2000, 17, 3333, 500];
    for fps in [
        Fps::Fps23_976,
        Fps::Fps24,
        Fps::Fps25,
        Fps::Fps29_97,
        Fps::Fps60,
    ] {
        let board = board(fps, &durations);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("animatic.gif");
        export::export_gif(
            &source(&board),
            &board,
            &path,
            &GifOptions {
                width: 160,
                looping: true,
            },
            &Progress::new(),
        )
        .unwrap();
        let frames = gif_frames(&path);
        assert_eq!(frames.len(), board.panel_count(), "{fps}");
        assert!(frames.iter().all(|(_, size)| *size == (160, 90)));
        let delays: Vec<u32> = frames.iter().map(|(d, _)| u32::from(*d)).collect();
        assert_eq!(delays, export::gif_delays(&board));
        let total_cs: u32 = delays.iter().sum();
        let runtime_cs = board.fps.frames_to_secs(board.runtime_frames()) * 100.0;
        assert!(
            (f64::from(total_cs) - runtime_cs).abs() <= 1.0,
            "{fps}: {total_cs} cs vs {runtime_cs} cs"
        );
        assert!(delays.iter().all(|&d| d >= 1));
    }
}

#[test]
fn absurd_sizes_are_refused_before_any_work() {
    let mut board = board(Fps::Fps24, &[1000]);
    board.aspect_ratio = AspectRatio::Custom {
        width: 1,
        height: 10,
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("frames");
    let err = export::export_panel_pngs(
        &source(&board),
        &board,
        &out,
        &PngOptions { width: 8000 },
        &Progress::new(),
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Options { .. }), "{err}");
    let err = export::export_gif(
        &source(&board),
        &board,
        &dir.path().join("a.gif"),
        &GifOptions {
            width: 4000,
            looping: true,
        },
        &Progress::new(),
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Options { .. }), "{err}");
    assert!(listing(dir.path()).is_empty());
}
