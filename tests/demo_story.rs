//! The shipped demo board in `assets/demo` is exactly what `demo::story`
//! generates, so the repository never drifts from the code that drew it.
//!
//! Regenerate with `SHOTBOARD_BLESS=1 cargo test --test demo_story`.

use std::path::{Path, PathBuf};

use shotboard::demo::{STORY_IMAGE_SIZE, story};
use shotboard::model::{Board, Tool};

const ASSETS_DIR: &str = "demo.assets";

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")
}

fn committed_pngs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".png"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn committed_demo_board_matches_the_generator() {
    let demo = story(ASSETS_DIR).unwrap();
    let dir = demo_dir();
    let assets = dir.join(ASSETS_DIR);

    if std::env::var_os("SHOTBOARD_BLESS").is_some_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&assets);
        std::fs::create_dir_all(&assets).unwrap();
        std::fs::write(
            dir.join("demo.ron"),
            shotboard::store::to_ron_string(&demo.board),
        )
        .unwrap();
        for (path, png) in &demo.images {
            std::fs::write(dir.join(path.as_str()), png).unwrap();
        }
    }

    let ron = std::fs::read_to_string(dir.join("demo.ron"))
        .expect("assets/demo/demo.ron is missing; run with SHOTBOARD_BLESS=1");
    // Written in the store's exact format, so the shipped file is what a
    // save would produce.
    assert!(
        ron == shotboard::store::to_ron_string(&demo.board),
        "demo.ron is not in the store's format; re-bless"
    );
    let committed: Board = shotboard::store::from_ron_str(&ron, &dir.join("demo.ron")).unwrap();
    assert!(
        committed == demo.board,
        "demo.ron differs from story(); re-bless"
    );

    let mut expected: Vec<String> = demo
        .images
        .iter()
        .map(|(p, _)| p.file_name().to_owned())
        .collect();
    expected.sort();
    assert_eq!(
        committed_pngs(&assets),
        expected,
        "stale or missing demo images"
    );
    for (path, png) in &demo.images {
        let on_disk = std::fs::read(dir.join(path.as_str())).unwrap();
        assert!(
            on_disk == *png,
            "{path} differs from the generated image; re-bless"
        );
    }

    let total: usize = demo.images.iter().map(|(_, png)| png.len()).sum::<usize>() + ron.len();
    assert!(
        total < 1_500_000,
        "demo board is {total} bytes; keep it small"
    );
}

#[test]
fn story_is_a_real_board() {
    let demo = story(ASSETS_DIR).unwrap();
    let board = &demo.board;
    assert_eq!(board.scenes.len(), 3);
    assert_eq!(board.panel_count(), 12);
    assert_eq!(demo.images.len(), 12, "one distinct frame per panel");
    for panel in board.panels() {
        assert!(!panel.action.is_empty(), "{} has action", panel.id);
        assert!(panel.shot_size.is_some() && panel.angle.is_some() && panel.movement.is_some());
        assert!(panel.lens_mm.is_some() && panel.duration_ms.is_some());
        let path = panel.image.as_ref().unwrap();
        assert!(path.as_str().starts_with("demo.assets/"));
        let (_, png) = demo.images.iter().find(|(p, _)| p == path).unwrap();
        let img = image::load_from_memory(png).unwrap();
        assert_eq!((img.width(), img.height()), STORY_IMAGE_SIZE);
    }
    assert!(board.panels().filter(|p| !p.dialogue.is_empty()).count() >= 4);
    assert!(board.panels().any(|p| !p.comments.is_empty()));
    assert!(board.panels().any(|p| !p.new_shot));
    assert!(
        board
            .panels()
            .flat_map(|p| &p.strokes)
            .any(|s| s.tool == Tool::Arrow)
    );
    assert!(board.runtime_ms() > 30_000, "about forty seconds of story");
    assert_eq!(story(ASSETS_DIR).unwrap(), demo, "deterministic");
    assert!(story("../outside").is_err());
}
