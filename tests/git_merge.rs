//! Boards merged by real git through Shotboard's merge driver, set up by
//! `shotboard git-setup`, as a team would use it.

use std::path::Path;
use std::process::{Command, Output};

use shotboard::merge::MERGE_AUTHOR;
use shotboard::model::{
    Board, Layer, Panel, PanelId, ReviewStatus, Rgba, Scene, SceneId, Stroke, StrokePoint, Tool,
};
use shotboard::store;

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs git in `dir`, isolated from the user's own configuration.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global-config"))
        .args(args)
        .output()
        .expect("run git")
}

fn git_ok(dir: &Path, args: &[&str]) -> Output {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn commit_all(dir: &Path, message: &str) {
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["commit", "-q", "-m", message]);
}

fn base_board() -> Board {
    let mut board = Board::new_untitled();
    board.title = "Kitchen".into();
    board.scenes.clear();
    let mut scene = Scene::new(SceneId(1), "INT. KITCHEN - DAY");
    for id in 10..14 {
        let mut p = Panel::new(PanelId(id));
        p.action = format!("Beat {id}");
        scene.panels.push(p);
    }
    board.scenes.push(scene);
    board.bump_next_id();
    board
}

fn edit(file: &Path, change: impl FnOnce(&mut Board)) {
    let mut board = store::read_board(file).expect("board loads");
    change(&mut board);
    store::save(&board, file).expect("save");
}

/// A new image in the board's assets folder, named by its content.
fn image(board_file: &Path, seed: u8) -> shotboard::model::AssetPath {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(16, 9, image::Rgb([seed, 90, 160]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    store::import_image_bytes(board_file, &png, "png").unwrap()
}

/// A repository with the board committed on `main` and Shotboard set up.
fn repository(dir: &Path) -> std::path::PathBuf {
    git_ok(dir, &["-c", "init.defaultBranch=main", "init", "-q"]);
    git_ok(dir, &["config", "user.name", "Test"]);
    git_ok(dir, &["config", "user.email", "test@example.com"]);
    git_ok(dir, &["config", "commit.gpgsign", "false"]);
    let setup = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .arg("git-setup")
        .arg(dir)
        .output()
        .expect("run shotboard");
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    std::fs::write(dir.join(".gitignore"), "*.bak\n.no-global-config\n").unwrap();
    let file = dir.join("kitchen.ron");
    store::save(&base_board(), &file).unwrap();
    commit_all(dir, "base");
    file
}

#[test]
fn concurrent_edits_merge_through_the_driver_with_both_sides_work() {
    if !git_available() {
        eprintln!("note: git is not installed; skipping the git merge test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let file = repository(dir);
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.ron merge=shotboard diff=shotboard\n");
    let driver = git_ok(dir, &["config", "merge.shotboard.driver"]);
    let driver = String::from_utf8_lossy(&driver.stdout);
    assert!(
        driver.ends_with(" merge --text-fallback %O %A %B -o %A\n"),
        "{driver}"
    );

    // The writer reorders the scene and rewrites a beat.
    git_ok(dir, &["checkout", "-q", "-b", "writer"]);
    edit(&file, |b| {
        b.scenes[0].panels.reverse();
        b.panel_mut(PanelId(11)).unwrap().action = "She hesitates at the door".into();
        b.panel_mut(PanelId(10)).unwrap().image = Some(image(&file, 1));
    });
    commit_all(dir, "writer: reorder and rewrite");

    // Meanwhile the artist draws on one panel and adds a new one.
    git_ok(dir, &["checkout", "-q", "main"]);
    edit(&file, |b| {
        b.panel_mut(PanelId(12)).unwrap().strokes.push(Stroke {
            tool: Tool::Pen,
            layer: Layer::Ink,
            color: Rgba::BLACK,
            width: 0.004,
            opacity: 1.0,
            points: vec![StrokePoint {
                x: 100,
                y: 200,
                pressure: 255,
            }],
        });
        b.panel_mut(PanelId(13)).unwrap().image = Some(image(&file, 2));
        let mut added = Panel::new(PanelId(b.next_id));
        added.action = "Close on the kettle".into();
        b.scenes[0].panels.push(added);
        b.bump_next_id();
    });
    commit_all(dir, "artist: draw and add");

    git_ok(dir, &["merge", "-q", "--no-edit", "writer"]);
    let merged = store::read_board(&file).expect("the merged board loads");
    let order: Vec<u64> = merged.scenes[0].panels.iter().map(|p| p.id.0).collect();
    // The new panel follows the panel it was added after.
    assert_eq!(
        order,
        vec![13, 14, 12, 11, 10],
        "reorder kept, new panel in place"
    );
    assert_eq!(
        merged.panel(PanelId(11)).unwrap().action,
        "She hesitates at the door"
    );
    assert_eq!(merged.panel(PanelId(12)).unwrap().strokes.len(), 1);
    assert_eq!(
        merged.panel(PanelId(14)).unwrap().action,
        "Close on the kettle"
    );
    assert!(merged.panels().all(|p| p.status == ReviewStatus::Draft));
    // Each branch's new image arrived beside the board: images never conflict.
    assert_eq!(merged.referenced_assets().len(), 2);
    assert!(store::check_assets(&merged, dir).is_empty());
    let litter = git_ok(dir, &["status", "--porcelain", "--ignored"]);
    let litter = String::from_utf8_lossy(&litter.stdout);
    assert!(
        !litter.contains(".merge_file"),
        "the driver leaves nothing behind: {litter}"
    );

    // git's diff goes through textconv: a line per changed fact.
    let diff = git_ok(dir, &["diff", "HEAD~1", "HEAD", "--", "kitchen.ron"]);
    let diff = String::from_utf8_lossy(&diff.stdout);
    assert!(
        diff.contains("+panel#11 (scene#1) action: \"She hesitates at the door\""),
        "{diff}"
    );
}

#[test]
fn a_conflicting_merge_is_reported_by_git_and_leaves_a_board_that_loads() {
    if !git_available() {
        eprintln!("note: git is not installed; skipping the git merge test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let file = repository(dir);
    git_ok(dir, &["checkout", "-q", "-b", "director"]);
    edit(&file, |b| {
        b.panel_mut(PanelId(10)).unwrap().dialogue = "Run!".into()
    });
    commit_all(dir, "director's line");
    git_ok(dir, &["checkout", "-q", "main"]);
    edit(&file, |b| {
        b.panel_mut(PanelId(10)).unwrap().dialogue = "Stay.".into();
        b.panel_mut(PanelId(13)).unwrap().notes = "no conflict here".into();
    });
    commit_all(dir, "writer's line");

    let out = git(dir, &["merge", "--no-edit", "director"]);
    assert!(!out.status.success(), "git reports the conflict");
    let status = git_ok(dir, &["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("UU kitchen.ron"));

    let merged = store::read_board(&file).expect("the conflicted board still loads");
    let panel = merged.panel(PanelId(10)).unwrap();
    assert_eq!(panel.dialogue, "Stay.", "ours is kept");
    assert_eq!(panel.status, ReviewStatus::NeedsChanges);
    let note = panel
        .comments
        .iter()
        .find(|c| c.author == MERGE_AUTHOR)
        .expect("a comment shows both versions");
    assert!(
        note.text.contains("Stay.") && note.text.contains("Run!"),
        "{}",
        note.text
    );
    assert_eq!(merged.panel(PanelId(13)).unwrap().notes, "no conflict here");

    // Resolving is an ordinary commit of the board as it is.
    git_ok(dir, &["add", "kitchen.ron"]);
    git_ok(dir, &["commit", "-q", "--no-edit"]);
}

#[test]
fn other_ron_files_still_merge_as_text() {
    if !git_available() {
        eprintln!("note: git is not installed; skipping the git merge test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    let config = dir.join("settings.ron");
    std::fs::write(
        &config,
        "(\n    a: 1,\n    c: 3,\n    d: 4,\n    b: 2,\n)\n",
    )
    .unwrap();
    commit_all(dir, "settings");
    git_ok(dir, &["checkout", "-q", "-b", "other"]);
    std::fs::write(
        &config,
        "(\n    a: 10,\n    c: 3,\n    d: 4,\n    b: 2,\n)\n",
    )
    .unwrap();
    commit_all(dir, "a");
    git_ok(dir, &["checkout", "-q", "main"]);
    std::fs::write(
        &config,
        "(\n    a: 1,\n    c: 3,\n    d: 4,\n    b: 20,\n)\n",
    )
    .unwrap();
    commit_all(dir, "b");
    git_ok(dir, &["merge", "-q", "--no-edit", "other"]);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "(\n    a: 10,\n    c: 3,\n    d: 4,\n    b: 20,\n)\n"
    );
}

#[test]
fn git_setup_keeps_existing_attributes_and_adds_its_line_once() {
    if !git_available() {
        eprintln!("note: git is not installed; skipping the git setup test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    git_ok(dir, &["init", "-q"]);
    std::fs::write(dir.join(".gitattributes"), "*.png binary").unwrap();
    let sub = dir.join("boards");
    std::fs::create_dir(&sub).unwrap();
    for _ in 0..2 {
        let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
            .arg("git-setup")
            .arg(&sub)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", dir.join(".no-global-config"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        "*.png binary\n*.ron merge=shotboard diff=shotboard\n"
    );

    let outside = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .arg("git-setup")
        .arg(outside.path())
        .env("GIT_CEILING_DIRECTORIES", outside.path().parent().unwrap())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not in a git repository"));
}
