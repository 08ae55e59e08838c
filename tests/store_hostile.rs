//! Every file in `tests/hostile/` must give a clear error naming what is
//! wrong — never a panic, never a change to the file on disk.

use std::path::{Path, PathBuf};

use shotboard::media::image;
use shotboard::model::{AssetPath, Board, Panel, PanelId};
use shotboard::store;

/// Board files and the words their error must contain.
const BAD_BOARDS: &[(&str, &str)] = &[
    ("empty.ron", "is empty"),
    ("whitespace_only.ron", "is empty"),
    ("random_binary.ron", "is not a text file"),
    (
        "deeply_nested_scenes.ron",
        "line 1, column 45: Expected opening `(`",
    ),
    (
        "deeply_nested_unknown_field.ron",
        "nested more than 64 levels deep",
    ),
    (
        "newer_version.ron",
        "newer_version.ron was written by a newer Shotboard (format version 7); this version reads up to 3",
    ),
    (
        "version_zero.ron",
        "format version 0, which no Shotboard ever wrote",
    ),
    (
        "version_not_a_number.ron",
        "line 2, column 20: Expected integer",
    ),
    (
        "missing_version.ron",
        "missing field named `format_version`",
    ),
    ("board.json.ron", "line 1, column 1: Expected opening `(`"),
    (
        "malformed_unclosed.ron",
        "line 3, column 12: Expected end of string",
    ),
    (
        "malformed_missing_comma.ron",
        "line 4, column 5: Expected comma",
    ),
    (
        "asset_path_traversal.ron",
        "line 11, column 34: asset path \"../../etc/passwd\" leaves the board's folder",
    ),
    (
        "asset_path_absolute.ron",
        "line 11, column 34: asset path \"/etc/passwd\" is absolute",
    ),
    ("asset_path_windows_drive.ron", "is absolute"),
    ("duplicate_panel_ids.ron", "uses panel id 2 more than once"),
    (
        "stroke_far_outside.ron",
        "line 11, column 115: stroke point \"999999999,5,255\" lies far outside",
    ),
    ("bad_colour.ron", "invalid colour \"red\""),
    (
        "unknown_enum.ron",
        "Unexpected variant named `Gigantic` in enum `ShotSize`",
    ),
];

/// Image files and the words their decode error must contain.
const BAD_IMAGES: &[(&str, &str)] = &[
    (
        "truncated.png",
        "truncated or corrupt PNG: the file ends before the image data does",
    ),
    ("truncated.jpg", "truncated or corrupt JPEG"),
    ("garbage_after_signature.png", "truncated or corrupt PNG"),
    ("zero_width.png", "truncated or corrupt PNG"),
    (
        "bomb_60000x60000.png",
        "image is 60000×60000 pixels, larger than the 16384×16384 limit",
    ),
    ("text_named.png", "not an image (or an unsupported format)"),
];

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

#[test]
fn every_hostile_file_has_an_expectation() {
    let dir = hostile("");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            continue; // fuzz/: replayed by tests/fuzz_loaders.rs
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let known = BAD_BOARDS.iter().chain(BAD_IMAGES).any(|(n, _)| *n == name);
        assert!(known, "tests/hostile/{name} is not checked by any test");
    }
}

#[test]
fn hostile_boards_give_clear_errors_and_stay_unchanged() {
    for (name, expected) in BAD_BOARDS {
        let path = hostile(name);
        let before = std::fs::read(&path).unwrap();
        let message = match store::load(&path) {
            Ok(_) => panic!("{name} loaded, but it must be refused"),
            Err(e) => e.to_string(),
        };
        assert!(
            message.contains(expected),
            "{name}: got {message:?}, want {expected:?}"
        );
        assert!(
            message.contains(name),
            "{name}: message does not name the file: {message:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} was modified");
    }
}

#[test]
fn hostile_images_fail_to_decode_with_clear_errors() {
    for (name, expected) in BAD_IMAGES {
        let bytes = std::fs::read(hostile(name)).unwrap();
        let message = image::decode(&bytes).unwrap_err().to_string();
        assert!(
            message.contains(expected),
            "{name}: got {message:?}, want {expected:?}"
        );
        assert!(image::decode_thumbnail(&bytes, 64).is_err(), "{name}");
    }
}

#[test]
fn the_bomb_is_refused_from_its_header_alone() {
    let bytes = std::fs::read(hostile("bomb_60000x60000.png")).unwrap();
    assert!(bytes.len() < 1024, "the bomb itself is tiny");
    let info = image::probe(&bytes).unwrap();
    assert_eq!((info.width, info.height), (60_000, 60_000));
    assert!(matches!(
        info.check_limits(),
        Err(image::ImageError::TooLarge {
            width: 60_000,
            height: 60_000
        })
    ));
}

#[test]
fn hostile_images_are_not_imported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("lab.ron");
    let sources: Vec<PathBuf> = BAD_IMAGES.iter().map(|(n, _)| hostile(n)).collect();
    let (imported, failed) = store::import_images(&board_file, &sources);
    assert!(imported.is_empty());
    assert_eq!(failed.len(), BAD_IMAGES.len());
    for ((source, error), (name, expected)) in failed.iter().zip(BAD_IMAGES) {
        assert_eq!(source, &hostile(name));
        let message = error.to_string();
        assert!(message.contains(name), "{message:?} does not name {name}");
        assert!(message.contains(expected), "{message:?}");
    }
    assert!(
        !dir.path().join("lab.assets").exists(),
        "no asset may be stored"
    );
}

#[test]
fn a_board_referencing_hostile_images_loads_and_lists_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let assets = dir.path().join("lab.assets");
    std::fs::create_dir(&assets).unwrap();
    let mut board = Board::new_untitled();
    for (i, (name, _)) in BAD_IMAGES.iter().enumerate() {
        std::fs::copy(hostile(name), assets.join(name)).unwrap();
        let mut panel = Panel::new(PanelId(100 + i as u64));
        panel.image = Some(AssetPath::new(format!("lab.assets/{name}")).unwrap());
        panel.action = format!("Panel {i} keeps its words");
        board.scenes[0].panels.push(panel);
    }
    let path = dir.path().join("lab.ron");
    store::save(&board, &path).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.board.scenes[0].panels.len(), BAD_IMAGES.len());
    assert_eq!(
        loaded.board.scenes[0].panels[2].action,
        "Panel 2 keeps its words"
    );
    // The truncated PNG's header is intact; the header check lets it through
    // and the renderer shows a placeholder when its decode fails.
    let flagged: Vec<&str> = loaded.problems.iter().map(|p| p.path.file_name()).collect();
    assert_eq!(
        flagged,
        [
            "truncated.jpg",
            "garbage_after_signature.png",
            "zero_width.png",
            "bomb_60000x60000.png",
            "text_named.png"
        ]
    );
    let bomb = &loaded.problems[3];
    assert_eq!(bomb.panel, PanelId(104));
    assert!(bomb.problem.contains("larger than the 16384×16384 limit"));
}

#[test]
fn absurdly_deep_nesting_errors_without_overflowing_the_stack() {
    let depth = 1_000_000;
    let text = format!(
        "(format_version: 1, title: \"x\", junk: {}{})",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let err = store::from_ron_str(&text, Path::new("deep.ron")).unwrap_err();
    assert!(err.to_string().contains("nested more than"), "{err}");
}

#[test]
fn a_missing_board_file_names_the_file_and_the_reason() {
    let err = store::load(Path::new("/nonexistent/folder/kitchen.ron")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "could not read /nonexistent/folder/kitchen.ron: no such file or folder"
    );
}

#[test]
fn an_enormous_board_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse on most file systems: the test writes almost nothing.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(store::MAX_BOARD_FILE_BYTES + 1).unwrap();
    let err = store::load(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is 257 MiB, larger than the 256 MiB a board file may be",
            path.display()
        )
    );
}

#[test]
fn images_with_wrong_extensions_import_by_their_content() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b.ron");
    let img = ::image::RgbImage::from_pixel(8, 4, ::image::Rgb([1, 2, 3]));
    let encode = |format| {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    };
    let png_as_jpg = dir.path().join("photo.jpg");
    std::fs::write(&png_as_jpg, encode(::image::ImageFormat::Png)).unwrap();
    let jpg_as_png = dir.path().join("scan.png");
    std::fs::write(&jpg_as_png, encode(::image::ImageFormat::Jpeg)).unwrap();
    let text_as_gif = dir.path().join("notes.gif");
    std::fs::write(&text_as_gif, "INT. KITCHEN - NIGHT").unwrap();

    let a = store::import_image_file(&board, &png_as_jpg).unwrap();
    assert!(a.as_str().ends_with(".png"), "{a}");
    let b = store::import_image_file(&board, &jpg_as_png).unwrap();
    assert!(b.as_str().ends_with(".jpg"), "{b}");
    let err = store::import_image_file(&board, &text_as_gif)
        .unwrap_err()
        .to_string();
    assert!(err.contains("notes.gif"), "{err}");
    assert!(err.contains("not an image"), "{err}");
}
