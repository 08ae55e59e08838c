//! The headless command line, run as a user would: exit codes, one-line
//! reasons, JSON output, and boards that load afterwards.

use std::path::Path;
use std::process::Command;

fn shotboard(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .args(args)
        .output()
        .expect("run shotboard")
}

fn png(path: &Path) {
    image::RgbImage::from_pixel(32, 18, image::Rgb([10, 120, 200]))
        .save(path)
        .unwrap();
}

#[test]
fn demo_then_info_json_reports_counts_and_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("demo.ron");
    let out = shotboard(&[
        "demo",
        board.to_str().unwrap(),
        "--panels",
        "12",
        "--scenes",
        "3",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = shotboard(&["info", "--json", board.to_str().unwrap()]);
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["panels"], 12);
    assert_eq!(info["scenes"], 3);
    assert!(info["strokes"].as_u64().is_some());
    let loaded = shotboard::store::load(&board).unwrap().board;
    assert_eq!(info["runtime_ms"], loaded.runtime_ms());
    assert_eq!(info["missing_assets"].as_array().map(Vec::len), Some(0));
}

#[test]
fn demo_is_byte_identical_for_the_same_arguments() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let out = shotboard(&[
            "demo",
            dir.path().join("d.ron").to_str().unwrap(),
            "--panels",
            "8",
            "--seed",
            "7",
        ]);
        assert!(out.status.success());
    }
    let read = |d: &tempfile::TempDir| std::fs::read(d.path().join("d.ron")).unwrap();
    assert_eq!(read(&a), read(&b));
}

#[test]
fn info_on_a_corrupt_board_fails_with_a_one_line_reason_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("broken.ron");
    std::fs::write(&board, "(format_version: 1, title: \"x\", scenes: [").unwrap();
    let out = shotboard(&["info", board.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("broken.ron"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn info_lists_missing_images_but_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b.ron");
    png(&dir.path().join("one.png"));
    let out = shotboard(&[
        "add-images",
        board.to_str().unwrap(),
        dir.path().join("one.png").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    std::fs::remove_dir_all(dir.path().join("b.assets")).unwrap();
    let out = shotboard(&["info", board.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1A"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 missing or broken"));
}

#[test]
fn add_images_reports_each_bad_file_and_adds_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("new.ron");
    png(&dir.path().join("a.png"));
    std::fs::write(dir.path().join("fake.png"), "hello").unwrap();
    let out = shotboard(&[
        "add-images",
        board.to_str().unwrap(),
        dir.path().join("a.png").to_str().unwrap(),
        dir.path().join("fake.png").to_str().unwrap(),
        dir.path().join("missing.png").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fake.png") && err.contains("missing.png"),
        "{err}"
    );
    let loaded = shotboard::store::load(&board).unwrap();
    assert_eq!(loaded.board.panel_count(), 1);
    assert!(loaded.problems.is_empty());

    // Into a scene that does not exist: refused, board unchanged.
    let before = std::fs::read(&board).unwrap();
    let out = shotboard(&[
        "add-images",
        board.to_str().unwrap(),
        dir.path().join("a.png").to_str().unwrap(),
        "--scene",
        "5",
    ]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&board).unwrap(), before);
}

#[test]
fn import_fountain_writes_a_board_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s.fountain");
    std::fs::write(
        &script,
        "Title: Night Drive\nAuthor: A. Writer\n\nINT. CAR - NIGHT\n\nRain on the windscreen.\n\nMARA\nKeep driving.\n\nEXT. ROAD - NIGHT\n\nHeadlights vanish.\n",
    )
    .unwrap();
    let board = dir.path().join("out.ron");
    let out = shotboard(&[
        "import",
        script.to_str().unwrap(),
        "-o",
        board.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loaded = shotboard::store::load(&board).unwrap().board;
    assert_eq!(loaded.title, "Night Drive");
    assert_eq!(loaded.scenes.len(), 2);
    assert!(
        loaded.scenes[0].panels[0]
            .dialogue
            .contains("Keep driving.")
    );
    let out = shotboard(&[
        "import",
        script.to_str().unwrap(),
        "-o",
        board.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

fn save_board(path: &Path, change: impl FnOnce(&mut shotboard::model::Board)) {
    let mut board = shotboard::model::Board::new_untitled();
    board.scenes[0]
        .panels
        .push(shotboard::model::Panel::new(shotboard::model::PanelId(2)));
    board.bump_next_id();
    change(&mut board);
    shotboard::store::save(&board, path).unwrap();
}

#[test]
fn merge_exits_0_when_clean_1_on_conflicts_and_2_naming_an_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let [base, ours, theirs, out] =
        ["base.ron", "ours.ron", "theirs.ron", "out.ron"].map(|n| dir.path().join(n));
    save_board(&base, |_| {});
    save_board(&ours, |b| b.title = "Ours".into());
    save_board(&theirs, |b| b.scenes[0].panels[0].action = "theirs".into());
    let args = |o: &Path| {
        [&base, &ours, &theirs]
            .iter()
            .map(|p| p.to_str().unwrap().to_owned())
            .chain(["-o".to_owned(), o.to_str().unwrap().to_owned()])
            .collect::<Vec<_>>()
    };
    let run = |o: &Path| {
        let mut all = vec!["merge".to_owned()];
        all.extend(args(o));
        Command::new(env!("CARGO_BIN_EXE_shotboard"))
            .args(&all)
            .output()
            .unwrap()
    };
    let clean = run(&out);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let merged = shotboard::store::read_board(&out).unwrap();
    assert_eq!(merged.title, "Ours");
    assert_eq!(merged.scenes[0].panels[0].action, "theirs");

    save_board(&theirs, |b| b.title = "Theirs".into());
    let conflicted = run(&out);
    assert_eq!(conflicted.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&conflicted.stderr).contains("title"));
    assert_eq!(shotboard::store::read_board(&out).unwrap().title, "Ours");

    std::fs::write(&theirs, "(format_version: 1, title: ").unwrap();
    let before = std::fs::read(&out).unwrap();
    let broken = run(&out);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("theirs.ron"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), before, "nothing is written");
}

#[test]
fn diff_names_the_changed_fields_and_textconv_prints_a_line_per_fact() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    save_board(&a, |_| {});
    save_board(&b, |b| b.scenes[0].panels[0].lens_mm = Some(50));
    let out = shotboard(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "panel#2 changed: lens (none) -> 50 mm\n"
    );
    let out = shotboard(&["textconv", b.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("panel#2 (scene#1) lens: 50 mm\n"), "{text}");
}
