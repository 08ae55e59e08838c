//! Synthetic demo boards: deterministic, the requested shape, and varied
//! enough to exercise every part of the app.

use std::collections::BTreeSet;

use shotboard::demo::{DemoBoard, DemoOptions, IMAGE_SIZE, IMAGE_VARIANTS, synthetic};
use shotboard::model::{CameraAngle, CameraMove, ReviewStatus, ShotSize, Transition};

fn generate(panels: usize, scenes: usize, seed: u64) -> DemoBoard {
    synthetic(
        &DemoOptions {
            panels,
            scenes,
            seed,
        },
        "bench.assets",
    )
    .unwrap()
}

fn to_ron(demo: &DemoBoard) -> String {
    ron::ser::to_string_pretty(&demo.board, ron::ser::PrettyConfig::default()).unwrap()
}

#[test]
fn defaults_are_sixty_panels_in_six_scenes_with_a_fixed_seed() {
    let options = DemoOptions::default();
    assert_eq!((options.panels, options.scenes, options.seed), (60, 6, 1));
    assert_eq!(DemoOptions::with_panels(1000).scenes, 100);
    assert_eq!(DemoOptions::with_panels(3).scenes, 1);
}

#[test]
fn same_options_give_identical_output_and_another_seed_differs() {
    let a = generate(8, 2, 42);
    let b = generate(8, 2, 42);
    assert_eq!(a, b);
    assert_eq!(to_ron(&a), to_ron(&b), "serialized board is byte-identical");

    let c = generate(8, 2, 43);
    assert_ne!(a.board.scenes, c.board.scenes);
    assert_ne!(a.images, c.images);
}

#[test]
fn panel_and_scene_counts_are_honoured_and_clamped() {
    let demo = generate(25, 4, 1);
    assert_eq!(demo.board.panel_count(), 25);
    let sizes: Vec<usize> = demo.board.scenes.iter().map(|s| s.panels.len()).collect();
    assert_eq!(sizes, [7, 6, 6, 6], "even split, remainder first");

    let one = generate(1, 1, 1);
    assert_eq!((one.board.scenes.len(), one.board.panel_count()), (1, 1));
    assert_eq!(one.images.len(), 1);

    // More scenes than panels: one panel per scene, no empty scenes.
    let clamped = generate(3, 10, 1);
    assert_eq!(clamped.board.scenes.len(), 3);
    assert!(clamped.board.scenes.iter().all(|s| s.panels.len() == 1));

    // Zero scenes means one.
    assert_eq!(generate(2, 0, 1).board.scenes.len(), 1);

    // Zero panels: a valid board with one empty scene and no images.
    let empty = generate(0, 5, 1);
    assert_eq!(empty.board.scenes.len(), 1);
    assert_eq!(empty.board.panel_count(), 0);
    assert!(empty.images.is_empty());
}

#[test]
fn every_panel_has_a_unique_id_and_an_image_that_decodes() {
    let demo = generate(40, 4, 9);
    let board = &demo.board;
    let mut ids = BTreeSet::new();
    for scene in &board.scenes {
        assert!(ids.insert(scene.id.0));
        for panel in &scene.panels {
            assert!(ids.insert(panel.id.0), "{} repeats an id", panel.id);
            for c in &panel.comments {
                assert!(ids.insert(c.id.0));
            }
        }
    }
    assert!(
        board.next_id > *ids.last().unwrap(),
        "next id is past every id in use"
    );

    assert_eq!(
        demo.images.len(),
        IMAGE_VARIANTS,
        "images are shared variants"
    );
    let paths: BTreeSet<_> = demo.images.iter().map(|(p, _)| p).collect();
    assert_eq!(paths.len(), demo.images.len(), "each image listed once");
    for (path, png) in &demo.images {
        assert!(path.as_str().starts_with("bench.assets/") && path.as_str().ends_with(".png"));
        let img = image::load_from_memory(png).unwrap();
        assert_eq!((img.width(), img.height()), IMAGE_SIZE);
    }
    for panel in board.panels() {
        let path = panel.image.as_ref().expect("every panel has an image");
        assert!(paths.contains(path), "{path} is among the generated images");
    }
    let used: BTreeSet<_> = board.referenced_assets().into_iter().collect();
    assert_eq!(used, paths, "every generated image is used by a panel");
}

#[test]
fn text_and_shot_facts_vary_and_cover_every_variant() {
    let demo = generate(60, 6, 1);
    let board = &demo.board;
    let panels: Vec<_> = board.panels().collect();

    let actions: BTreeSet<_> = panels.iter().map(|p| p.action.as_str()).collect();
    assert!(
        actions.len() > 40,
        "only {} distinct actions",
        actions.len()
    );
    assert!(panels.iter().filter(|p| !p.dialogue.is_empty()).count() > 15);
    assert!(panels.iter().any(|p| !p.notes.is_empty()));
    let headings: BTreeSet<_> = board.scenes.iter().map(|s| s.heading.as_str()).collect();
    assert!(headings.len() > 1);

    for v in ShotSize::ALL {
        assert!(
            panels.iter().any(|p| p.shot_size == Some(*v)),
            "{v} missing"
        );
    }
    for v in CameraAngle::ALL {
        assert!(panels.iter().any(|p| p.angle == Some(*v)), "{v} missing");
    }
    for v in CameraMove::ALL {
        assert!(panels.iter().any(|p| p.movement == Some(*v)), "{v} missing");
    }
    for v in Transition::ALL {
        assert!(panels.iter().any(|p| p.transition == *v), "{v} missing");
    }
    for v in ReviewStatus::ALL {
        assert!(panels.iter().any(|p| p.status == *v), "{v} missing");
    }
    let durations: BTreeSet<_> = panels.iter().map(|p| p.duration_ms).collect();
    assert!(durations.contains(&None) && durations.len() > 5);
    assert!(panels.iter().any(|p| !p.comments.is_empty()));
    assert!(panels.iter().any(|p| !p.new_shot));
    assert!(
        board.scenes.iter().all(|s| s.panels[0].new_shot),
        "scenes open a shot"
    );
    assert!(panels.iter().filter(|p| !p.strokes.is_empty()).count() > 5);
    assert!(
        panels.iter().any(|p| p.strokes.len() >= 150),
        "one heavy sketch panel"
    );
}

#[test]
fn a_bad_assets_folder_name_is_refused() {
    for dir in ["", "../up", "/abs"] {
        assert!(
            synthetic(&DemoOptions::with_panels(1), dir).is_err(),
            "{dir:?}"
        );
    }
}

#[test]
fn a_generated_board_is_a_new_board_whose_shot_letters_skip_i_and_o() {
    // Twenty panels in one scene: more than eight shots, so I would come.
    let demo = generate(20, 1, 1);
    assert!(demo.board.numbering.skip_i_and_o);
    let shots: Vec<String> = shotboard::model::shot_labels(&demo.board)
        .into_iter()
        .flatten()
        .map(|l| l.shot)
        .collect();
    assert!(shots.iter().any(|s| s == "J"), "{shots:?}");
    assert!(!shots.iter().any(|s| s.contains(['I', 'O'])), "{shots:?}");
}

#[test]
fn distinct_boards_give_every_panel_its_own_photo_sized_jpeg() {
    use std::sync::Mutex;
    let options = DemoOptions {
        panels: 3,
        scenes: 1,
        seed: 7,
    };
    let made = |options: &DemoOptions| {
        let images = Mutex::new(Vec::new());
        let write = |path: &shotboard::model::AssetPath, bytes: &[u8]| {
            images
                .lock()
                .unwrap()
                .push((path.as_str().to_owned(), bytes.len()));
            Ok(())
        };
        let board = shotboard::demo::distinct(options, "bench.assets", &write).unwrap();
        (board, images.into_inner().unwrap())
    };
    let (board, images) = made(&options);
    let paths: BTreeSet<String> = board
        .panels()
        .map(|p| p.image.as_ref().unwrap().as_str().to_owned())
        .collect();
    assert_eq!(paths.len(), 3, "one picture per panel");
    assert_eq!(images.len(), 3);
    for (path, len) in &images {
        assert!(path.ends_with(".jpg") && paths.contains(path), "{path}");
        assert!(
            (200_000..=400_000).contains(len),
            "{path}: {len} bytes, not a photo's 200–400 KB"
        );
    }
    // The same options give the same board (images are named by content).
    assert_eq!(made(&options).0, board);
}
