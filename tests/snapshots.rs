//! Named snapshots beside a board: they share its images, list by name,
//! and restore exactly.

use std::path::Path;
use std::process::Command;

use shotboard::model::{Board, Panel, PanelId};
use shotboard::store::{self, SnapshotError};

fn png(seed: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(16, 9, image::Rgb([seed, 40, 200]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// A saved board with two panels, each with its own image.
fn saved_board(file: &Path) -> Board {
    let mut board = Board::new_untitled();
    for (i, seed) in [(2u64, 1u8), (3, 2)] {
        let mut panel = Panel::new(PanelId(i));
        panel.image = Some(store::import_image_bytes(file, &png(seed), "png").unwrap());
        panel.action = format!("panel {i}");
        board.scenes[0].panels.push(panel);
    }
    board.bump_next_id();
    store::save(&board, file).unwrap();
    board
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

#[test]
fn a_snapshot_restored_beside_the_board_is_exact_and_shares_its_images() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kitchen.ron");
    let original = saved_board(&file);
    let original_bytes = std::fs::read(&file).unwrap();
    let assets = dir.path().join("kitchen.assets");
    let images_before = files_in(&assets);

    store::save_snapshot(&original, &file, "before the rewrite").unwrap();
    assert_eq!(files_in(&assets), images_before, "no image is duplicated");

    // Work goes on: a panel changes, another gets a new image.
    let mut changed = original.clone();
    changed.scenes[0].panels[0].action = "rewritten".into();
    changed.scenes[0].panels[1].image =
        Some(store::import_image_bytes(&file, &png(9), "png").unwrap());
    store::save(&changed, &file).unwrap();

    let copy = dir.path().join("kitchen before.ron");
    let restored = store::restore_snapshot(&file, "before the rewrite", &copy).unwrap();
    assert_eq!(restored, original);
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        original_bytes,
        "byte for byte"
    );
    assert!(
        store::check_assets(&restored, dir.path()).is_empty(),
        "its images resolve"
    );
    assert_eq!(
        store::read_board(&file).unwrap(),
        changed,
        "the board is untouched"
    );
    assert!(
        !dir.path().join("kitchen before.assets").exists(),
        "images are shared"
    );
}

#[test]
fn a_snapshot_restored_into_another_folder_brings_its_images() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kitchen.ron");
    let original = saved_board(&file);
    store::save_snapshot(&original, &file, "v1").unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let copy = elsewhere.join("old.ron");
    let restored = store::restore_snapshot(&file, "v1", &copy).unwrap();
    assert!(store::check_assets(&restored, &elsewhere).is_empty());
    let stripped = |b: &Board| {
        let mut b = b.clone();
        b.scenes
            .iter_mut()
            .flat_map(|s| &mut s.panels)
            .for_each(|p| p.image = None);
        b
    };
    assert_eq!(stripped(&restored), stripped(&original));
}

#[test]
fn snapshots_list_by_name_and_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kitchen.ron");
    let board = saved_board(&file);
    assert!(store::list_snapshots(&file).unwrap().is_empty());
    store::save_snapshot(&board, &file, "b draft").unwrap();
    store::save_snapshot(&board, &file, "a draft").unwrap();
    let names: Vec<String> = store::list_snapshots(&file)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["a draft", "b draft"]);
    assert!(matches!(
        store::save_snapshot(&board, &file, "a draft"),
        Err(SnapshotError::Exists { .. })
    ));
    for bad in ["", "../escape", "a/b", ".hidden", "con:"] {
        assert!(
            matches!(
                store::save_snapshot(&board, &file, bad),
                Err(SnapshotError::BadName(..))
            ),
            "{bad:?} is refused"
        );
    }
    assert!(matches!(
        store::restore_snapshot(&file, "nope", &dir.path().join("x.ron")),
        Err(SnapshotError::Missing { .. })
    ));
    assert!(matches!(
        store::restore_snapshot(&file, "a draft", &file),
        Err(SnapshotError::TargetExists(_))
    ));
}

#[test]
fn images_only_a_snapshot_uses_are_not_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kitchen.ron");
    let board = saved_board(&file);
    store::save_snapshot(&board, &file, "keep").unwrap();
    let mut bare = board.clone();
    bare.scenes[0]
        .panels
        .iter_mut()
        .for_each(|p| p.image = None);
    store::save(&bare, &file).unwrap();
    std::fs::remove_file(store::backup_path(&file)).unwrap();
    assert!(store::unused_assets(&bare, &file, &[]).unwrap().is_empty());
}

#[test]
fn the_command_line_snapshots_lists_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kitchen.ron");
    let board = saved_board(&file);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shotboard"))
            .args(args)
            .output()
            .unwrap()
    };
    let f = file.to_str().unwrap();
    assert!(run(&["snapshot", f, "first pass"]).status.success());
    let list = run(&["snapshots", f]);
    assert_eq!(String::from_utf8_lossy(&list.stdout), "first pass\n");
    let out = dir.path().join("restored.ron");
    let restore = run(&["restore", f, "first pass", "-o", out.to_str().unwrap()]);
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    assert_eq!(store::read_board(&out).unwrap(), board);
    let again = run(&["snapshot", f, "first pass"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
