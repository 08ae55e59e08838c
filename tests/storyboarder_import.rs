//! Importing Storyboarder projects from fixtures that follow the real format:
//! a `.storyboarder` JSON with its layer PNGs in `images/` beside it.

use std::path::{Path, PathBuf};

use shotboard::import::storyboarder::{
    ImportedProject, StoryboarderError, import_storyboarder, import_storyboarder_into,
};
use shotboard::model::{AspectRatio, Fps, PanelId};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/storyboarder")
        .join(name)
}

fn frame(project: &ImportedProject, id: PanelId) -> image::RgbaImage {
    let (_, png) = project
        .frames
        .iter()
        .find(|(panel, _)| *panel == id)
        .unwrap_or_else(|| panic!("no frame for {id}"));
    image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .unwrap()
        .into_rgba8()
}

fn pixel(image: &image::RgbaImage, x: u32, y: u32) -> [u8; 4] {
    image.get_pixel(x, y).0
}

#[test]
fn a_current_project_keeps_settings_text_timing_and_shots() {
    let project = import_storyboarder(&fixture("heist/heist.storyboarder")).unwrap();
    let board = &project.board;
    assert_eq!(board.title, "heist");
    assert_eq!(board.aspect_ratio, AspectRatio::Hd16x9);
    assert_eq!(board.fps, Fps::Fps24);
    assert_eq!(board.default_duration_ms, 2000);
    assert_eq!(board.scenes.len(), 1);

    let panels = &board.scenes[0].panels;
    assert_eq!(panels.len(), 4);
    assert_eq!(panels[0].action, "Brick and Steel at the bar.");
    assert_eq!(panels[0].dialogue, "BRICK: Screw retirement.");
    assert_eq!(panels[0].notes, "Warm light.");
    let durations: Vec<Option<u32>> = panels.iter().map(|p| p.duration_ms).collect();
    assert_eq!(durations, [Some(1500), None, Some(3000), Some(1000)]);
    // Storyboarder's shots 1A 1B 2A 2B.
    let new_shots: Vec<bool> = panels.iter().map(|p| p.new_shot).collect();
    assert_eq!(new_shots, [true, false, true, false]);
    let shots: Vec<String> = shotboard::model::shot_labels(board)[0]
        .iter()
        .map(|l| l.shot_code())
        .collect();
    assert_eq!(shots, ["1A", "1A", "1B", "1B"]);
    assert_eq!(board.next_id, board.max_used_id() + 1);
}

#[test]
fn layers_are_flattened_in_storyboarder_order_with_opacity() {
    let project = import_storyboarder(&fixture("heist/heist.storyboarder")).unwrap();
    let panels = &project.board.scenes[0].panels;
    assert_eq!(project.frames.len(), 4);

    let first = frame(&project, panels[0].id);
    assert_eq!(first.dimensions(), (32, 18));
    // Fill covers the reference on the left half …
    assert_eq!(pixel(&first, 0, 0), [100, 150, 255, 255]);
    // … and the half-opaque green reference shows on the right over white.
    assert_eq!(pixel(&first, 30, 10), [128, 255, 128, 255]);
    // Pencil over fill, ink over everything.
    assert_eq!(pixel(&first, 14, 8), [0, 0, 0, 255]);
    assert_eq!(pixel(&first, 5, 2), [255, 0, 0, 255]);

    let second = frame(&project, panels[1].id);
    assert_eq!(pixel(&second, 0, 0), [255, 220, 0, 255]);
    assert_eq!(pixel(&second, 31, 17), [255, 0, 255, 255]);
    assert_eq!(pixel(&second, 20, 5), [255, 255, 255, 255]);

    // The layers that could be read still make a frame.
    let third = frame(&project, panels[2].id);
    assert_eq!(pixel(&third, 5, 5), [0, 0, 0, 255]);
    assert_eq!(pixel(&third, 6, 5), [255, 255, 255, 255]);

    let fourth = frame(&project, panels[3].id);
    assert_eq!(pixel(&fourth, 10, 10), [128, 128, 255, 255]);
}

#[test]
fn missing_broken_and_escaping_layer_files_are_warnings() {
    let project = import_storyboarder(&fixture("heist/heist.storyboarder")).unwrap();
    let warnings = &project.warnings;
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings[0].contains("board 3")
            && warnings[0].contains("images/board-3-B7X1C-fill.png")
            && warnings[0].contains("missing"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("board-3-B7X1C-tone.png")
            && warnings[1].contains("not a readable PNG"),
        "{}",
        warnings[1]
    );
    assert!(
        warnings[2].contains("board 4") && warnings[2].contains("not a plain file name"),
        "{}",
        warnings[2]
    );
}

#[test]
fn an_old_project_without_layers_fps_or_timing_imports_with_warnings() {
    let project = import_storyboarder(&fixture("legacy/legacy.storyboarder")).unwrap();
    let board = &project.board;
    assert_eq!(board.aspect_ratio, AspectRatio::Scope239);
    assert_eq!(board.fps, Fps::Fps24);
    assert_eq!(board.default_duration_ms, 2000);
    assert_eq!(project.warnings.len(), 2, "{:#?}", project.warnings);
    assert!(project.warnings[0].contains("no fps"));
    assert!(project.warnings[1].contains("no defaultBoardTiming"));

    let panels = &board.scenes[0].panels;
    // A duration saved as a string still counts; no board marked as a new
    // shot means every board is its own shot, as Storyboarder shows it.
    assert_eq!(panels[0].duration_ms, Some(2500));
    assert_eq!(panels[1].duration_ms, None);
    assert!(panels.iter().all(|p| p.new_shot));
    assert_eq!(panels[1].dialogue, "");

    // The drawing lives in the board's own image; the reference layer is
    // drawn under it at Storyboarder's default 75 %.
    let first = frame(&project, panels[0].id);
    assert_eq!(pixel(&first, 0, 0), [64, 64, 64, 255]);
    assert_eq!(pixel(&first, 0, 17), [200, 120, 40, 255]);
    let second = frame(&project, panels[1].id);
    assert_eq!(pixel(&second, 16, 0), [40, 40, 40, 255]);
    assert_eq!(pixel(&second, 0, 0), [255, 255, 255, 255]);
}

#[test]
fn malformed_json_names_the_file_line_and_column() {
    let err = import_storyboarder(&fixture("broken/broken.storyboarder")).unwrap_err();
    let StoryboarderError::Json { line, column, .. } = &err else {
        panic!("expected a JSON error, got {err:?}");
    };
    assert_eq!(*line, 4);
    assert!(*column > 0);
    let message = err.to_string();
    assert!(message.contains("broken.storyboarder"), "{message}");
    assert!(message.contains("line 4, column"), "{message}");
}

#[test]
fn a_missing_project_file_is_an_error_naming_it() {
    let err = import_storyboarder(&fixture("nowhere/none.storyboarder")).unwrap_err();
    assert!(matches!(err, StoryboarderError::Read { .. }));
    assert!(err.to_string().contains("none.storyboarder"));
}

#[test]
fn a_project_without_boards_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.storyboarder");
    std::fs::write(&path, r#"{"aspectRatio": 1.85, "fps": 24, "boards": []}"#).unwrap();
    let err = import_storyboarder(&path).unwrap_err();
    assert!(matches!(err, StoryboarderError::NoBoards { .. }));
    assert!(err.to_string().contains("empty.storyboarder has no boards"));

    std::fs::write(&path, r#"{"aspectRatio": 1.85}"#).unwrap();
    let err = import_storyboarder(&path).unwrap_err();
    assert!(err.to_string().contains("missing field `boards`"), "{err}");
}

#[test]
fn a_project_whose_images_folder_is_gone_still_imports_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heist.storyboarder");
    std::fs::copy(fixture("heist/heist.storyboarder"), &path).unwrap();
    let project = import_storyboarder(&path).unwrap();
    assert_eq!(project.board.panel_count(), 4);
    assert!(project.frames.is_empty());
    assert!(project.warnings.iter().any(|w| w.contains("missing")));
}

#[test]
fn odd_values_become_warnings_not_failures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.storyboarder");
    let json = r#"{"aspectRatio": "wide", "fps": 12, "defaultBoardTiming": -5,
        "boards": [{"uid": "AAAAA", "number": 1, "duration": "soon", "newShot": true,
                    "dialogue": null, "layers": {"fill": {"opacity": "x"}, "ink": null}}]}"#;
    std::fs::write(&path, json).unwrap();
    let project = import_storyboarder(&path).unwrap();
    let board = &project.board;
    assert_eq!(board.aspect_ratio, AspectRatio::Hd16x9);
    assert_eq!(board.fps, Fps::Fps23_976);
    assert_eq!(board.default_duration_ms, 2000);
    assert_eq!(board.scenes[0].panels[0].duration_ms, None);
    let all = project.warnings.join("\n");
    for expected in [
        "aspectRatio \"wide\"",
        "frame rate 12",
        "defaultBoardTiming -5",
        "duration \"soon\"",
        "opacity that is not a number",
        "images/board-1-AAAAA-fill.png is missing",
    ] {
        assert!(all.contains(expected), "{expected:?} not in:\n{all}");
    }
}

#[test]
fn importing_into_a_board_file_stores_each_frame_in_its_assets_folder() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("heist.ron");
    let converted = import_storyboarder(&fixture("heist/heist.storyboarder")).unwrap();
    let stored =
        import_storyboarder_into(&fixture("heist/heist.storyboarder"), &board_file).unwrap();
    assert_eq!(stored.warnings, converted.warnings);
    for (panel, png) in &converted.frames {
        let asset = stored
            .board
            .panel(*panel)
            .unwrap()
            .image
            .clone()
            .expect("a frame");
        assert!(asset.as_str().starts_with("heist.assets/"), "{asset}");
        assert_eq!(
            &std::fs::read(dir.path().join(asset.as_str())).unwrap(),
            png
        );
    }
    // Panels without a drawing get no image.
    let drawn = converted.frames.len();
    let with_image = stored.board.panels().filter(|p| p.image.is_some()).count();
    assert_eq!(with_image, drawn);
    // Everything else is the converted board.
    let mut without_images = stored.board.clone();
    for scene in &mut without_images.scenes {
        scene.panels.iter_mut().for_each(|p| p.image = None);
    }
    assert_eq!(without_images, converted.board);
}
