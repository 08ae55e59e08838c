//! The assets folder: importing images, missing images, Save As.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, Rgba, RgbaImage};
use shotboard::model::{AssetPath, Board, Panel, PanelId};
use shotboard::store;

fn encoded(format: ImageFormat, seed: u8) -> Vec<u8> {
    let img = RgbaImage::from_fn(24, 16, |x, y| Rgba([x as u8 * 10, y as u8 * 15, seed, 255]));
    let img = match format {
        // JPEG has no alpha channel.
        ImageFormat::Jpeg => DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(img).to_rgb8()),
        _ => DynamicImage::ImageRgba8(img),
    };
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn panel_with(id: u64, image: Option<AssetPath>, action: &str) -> Panel {
    let mut panel = Panel::new(PanelId(id));
    panel.image = image;
    panel.action = action.to_owned();
    panel
}

#[test]
fn each_supported_format_imports_under_its_content_hash() {
    let src = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("kitchen.ron");
    for (format, ext) in [
        (ImageFormat::Png, "png"),
        (ImageFormat::Jpeg, "jpg"),
        (ImageFormat::Gif, "gif"),
        (ImageFormat::Bmp, "bmp"),
        (ImageFormat::WebP, "webp"),
    ] {
        let bytes = encoded(format, 7);
        // A misleading name: the stored extension follows the content.
        let source = write(src.path(), &format!("frame-{ext}.dat"), &bytes);
        let asset = store::import_image_file(&board_file, &source).unwrap();
        let name = asset.file_name().to_owned();
        assert!(asset.as_str().starts_with("kitchen.assets/"), "{asset}");
        assert!(name.ends_with(&format!(".{ext}")), "{asset}");
        assert_eq!(name.len(), 64 + 1 + ext.len(), "{asset}");
        let stored = std::fs::read(dir.path().join(asset.as_str())).unwrap();
        assert_eq!(stored, bytes, "{format:?} stored byte for byte");
    }
}

#[test]
fn the_same_image_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("kitchen.ron");
    let bytes = encoded(ImageFormat::Png, 1);
    let a = write(dir.path(), "a.png", &bytes);
    let b = write(dir.path(), "copy of a.png", &bytes);
    let first = store::import_image_file(&board_file, &a).unwrap();
    let second = store::import_image_file(&board_file, &b).unwrap();
    let pasted = store::import_image_bytes(&board_file, &bytes, "png").unwrap();
    assert_eq!(first, second);
    assert_eq!(first, pasted);
    assert_eq!(files_in(&dir.path().join("kitchen.assets")).len(), 1);
}

#[test]
fn one_bad_file_in_a_batch_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("kitchen.ron");
    let good1 = write(dir.path(), "one.png", &encoded(ImageFormat::Png, 1));
    let bad = write(dir.path(), "notes.png", b"just some words");
    let missing = dir.path().join("gone.png");
    let good2 = write(dir.path(), "two.jpg", &encoded(ImageFormat::Jpeg, 2));
    let sources = vec![good1.clone(), bad.clone(), missing.clone(), good2.clone()];
    let (imported, failed) = store::import_images(&board_file, &sources);
    let ok: Vec<&PathBuf> = imported.iter().map(|(p, _)| p).collect();
    assert_eq!(ok, [&good1, &good2]);
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].0, bad);
    assert_eq!(
        failed[0].1.to_string(),
        format!(
            "could not import {}: not an image (or an unsupported format)",
            bad.display()
        )
    );
    assert_eq!(failed[1].0, missing);
    assert_eq!(
        failed[1].1.to_string(),
        format!(
            "could not import {}: no such file or folder",
            missing.display()
        )
    );
}

#[test]
fn pasted_data_that_is_not_an_image_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = store::import_image_bytes(&dir.path().join("k.ron"), b"<html>", ".png").unwrap_err();
    assert_eq!(
        err.to_string(),
        "could not import the pasted .png image: not an image (or an unsupported format)"
    );
}

#[test]
fn a_missing_image_is_listed_and_the_board_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("kitchen.ron");
    let source = write(dir.path(), "frame.png", &encoded(ImageFormat::Png, 3));
    let present = store::import_image_file(&board_file, &source).unwrap();
    let missing = AssetPath::new("kitchen.assets/deadbeef.png").unwrap();
    let mut board = Board::new_untitled();
    board.scenes[0].panels = vec![
        panel_with(2, Some(present), "Fine."),
        panel_with(3, Some(missing.clone()), "The words survive."),
        panel_with(4, None, "No image at all."),
        panel_with(5, Some(missing.clone()), "Same missing file."),
    ];
    board.bump_next_id();
    store::save(&board, &board_file).unwrap();

    let loaded = store::load(&board_file).unwrap();
    assert_eq!(loaded.board, board);
    let problems: Vec<(PanelId, &str, &str)> = loaded
        .problems
        .iter()
        .map(|p| (p.panel, p.path.as_str(), p.problem.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (PanelId(3), "kitchen.assets/deadbeef.png", "file not found"),
            (PanelId(5), "kitchen.assets/deadbeef.png", "file not found"),
        ]
    );
    assert_eq!(
        loaded.problems[0].to_string(),
        "panel#3: kitchen.assets/deadbeef.png: file not found"
    );
}

#[test]
fn save_keeps_the_previous_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kitchen.ron");
    let mut board = Board::new_untitled();
    store::save(&board, &path).unwrap();
    board.title = "Second draft".to_owned();
    store::save(&board, &path).unwrap();
    let backup = store::backup_path(&path);
    assert_eq!(backup, dir.path().join("kitchen.ron.bak"));
    assert_eq!(store::load(&backup).unwrap().board.title, "Untitled board");
    assert_eq!(store::load(&path).unwrap().board.title, "Second draft");
    assert_eq!(files_in(dir.path()), ["kitchen.ron", "kitchen.ron.bak"]);
}

#[test]
fn a_failed_save_names_the_file_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("kitchen.ron");
    let err = store::save(&Board::new_untitled(), &path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save {}: no such file or folder (while creating a temporary file next to it)",
            path.display()
        )
    );
}

#[test]
fn save_as_to_another_folder_brings_the_images_along() {
    let old_dir = tempfile::tempdir().unwrap();
    let new_dir = tempfile::tempdir().unwrap();
    let old_file = old_dir.path().join("kitchen.ron");
    let a = store::import_image_file(
        &old_file,
        &write(old_dir.path(), "a.png", &encoded(ImageFormat::Png, 1)),
    )
    .unwrap();
    let b = store::import_image_file(
        &old_file,
        &write(old_dir.path(), "b.jpg", &encoded(ImageFormat::Jpeg, 2)),
    )
    .unwrap();
    let mut board = Board::new_untitled();
    board.scenes[0].panels = vec![
        panel_with(2, Some(a.clone()), "A"),
        panel_with(3, Some(b.clone()), "B"),
        panel_with(4, Some(a.clone()), "A again"),
        panel_with(5, None, "Words only"),
    ];
    board.bump_next_id();
    store::save(&board, &old_file).unwrap();
    let old_text = std::fs::read(&old_file).unwrap();

    let new_file = new_dir.path().join("pantry.ron");
    let saved = store::save_as(&board, old_dir.path(), &new_file).unwrap();

    let images: Vec<String> = saved
        .panels()
        .filter_map(|p| p.image.as_ref())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        images,
        [
            format!("pantry.assets/{}", a.file_name()),
            format!("pantry.assets/{}", b.file_name()),
            format!("pantry.assets/{}", a.file_name()),
        ]
    );
    assert_eq!(files_in(&new_dir.path().join("pantry.assets")).len(), 2);
    let loaded = store::load(&new_file).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.board, saved);
    // The original board is untouched.
    assert_eq!(std::fs::read(&old_file).unwrap(), old_text);
    assert!(store::load(&old_file).unwrap().problems.is_empty());

    // The original folder can go away entirely: the copy stands alone.
    drop(old_dir);
    assert!(store::load(&new_file).unwrap().problems.is_empty());
}

#[test]
fn save_as_keeps_a_missing_image_reference_and_check_assets_reports_it() {
    let old_dir = tempfile::tempdir().unwrap();
    let new_dir = tempfile::tempdir().unwrap();
    let missing = AssetPath::new("kitchen.assets/gone.png").unwrap();
    let mut board = Board::new_untitled();
    board.scenes[0].panels = vec![panel_with(2, Some(missing.clone()), "Still here")];
    board.bump_next_id();
    let new_file = new_dir.path().join("pantry.ron");
    let saved = store::save_as(&board, old_dir.path(), &new_file).unwrap();
    assert_eq!(saved, board);
    let problems = store::check_assets(&saved, new_dir.path());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, missing);
    assert_eq!(store::load(&new_file).unwrap().problems, problems);
}

#[test]
fn save_as_in_the_same_folder_and_name_is_a_plain_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kitchen.ron");
    let a = store::import_image_file(
        &file,
        &write(dir.path(), "a.png", &encoded(ImageFormat::Png, 1)),
    )
    .unwrap();
    let mut board = Board::new_untitled();
    board.scenes[0].panels = vec![panel_with(2, Some(a), "A")];
    board.bump_next_id();
    let saved = store::save_as(&board, dir.path(), &file).unwrap();
    assert_eq!(saved, board);
    assert_eq!(files_in(&dir.path().join("kitchen.assets")).len(), 1);
}

/// A JPEG whose frame header sits behind `padding` bytes of APP2 blocks,
/// like a camera photo with a large colour profile.
fn jpeg_with_padding(padding: usize) -> Vec<u8> {
    let jpeg = encoded(ImageFormat::Jpeg, 4);
    let mut out = jpeg[..2].to_vec();
    let mut left = padding;
    while left > 0 {
        let n = left.min(60_000);
        out.extend_from_slice(&[0xFF, 0xE2]);
        out.extend_from_slice(&((n + 2) as u16).to_be_bytes());
        out.extend(std::iter::repeat_n(0u8, n));
        left -= n;
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn the_asset_check_reads_past_large_metadata_to_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let assets = dir.path().join("k.assets");
    std::fs::create_dir(&assets).unwrap();
    let padded = jpeg_with_padding(150_000);
    assert!(shotboard::media::image::decode(&padded).is_ok());
    write(&assets, "padded.jpg", &padded);
    write(&assets, "cut.jpg", &padded[..100_000]);
    let mut board = Board::new_untitled();
    board.scenes[0].panels = vec![
        panel_with(
            2,
            Some(AssetPath::new("k.assets/padded.jpg").unwrap()),
            "ok",
        ),
        panel_with(3, Some(AssetPath::new("k.assets/cut.jpg").unwrap()), "cut"),
        panel_with(4, Some(AssetPath::new("k.assets").unwrap()), "a folder"),
    ];
    let problems = store::check_assets(&board, dir.path());
    let found: Vec<(PanelId, &str)> = problems
        .iter()
        .map(|p| (p.panel, p.problem.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{problems:?}");
    assert_eq!(found[0].0, PanelId(3));
    assert!(
        found[0].1.starts_with("truncated or corrupt JPEG"),
        "{}",
        found[0].1
    );
    assert_eq!(found[1], (PanelId(4), "not a file"));
}
