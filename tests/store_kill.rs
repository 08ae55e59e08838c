//! Killing Shotboard while it saves must never cost the board: after any
//! SIGKILL the file on disk is the old board or the new one, whole.
//!
//! The test re-runs its own binary as the saving child (selected by an
//! environment variable), so it needs neither the app nor a helper binary.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shotboard::model::{
    Board, Layer, Panel, PanelId, Rgba, Scene, SceneId, Stroke, StrokePoint, Tool,
};
use shotboard::store;

/// Set (to the board path) only in the child process.
const CHILD_ENV: &str = "SHOTBOARD_KILL_TEST_BOARD";
const PANELS: usize = 1000;
const KILLS: usize = 60;

fn big_board(generation: u64) -> Board {
    let mut board = Board::new_untitled();
    board.title = format!("generation {generation}");
    board.scenes.clear();
    let mut next = 1;
    for s in 0..20 {
        let mut scene = Scene::new(SceneId(next), format!("INT. ROOM {s} - NIGHT"));
        next += 1;
        for p in 0..PANELS / 20 {
            let mut panel = Panel::new(PanelId(next));
            next += 1;
            panel.action =
                format!("Panel {p} of scene {s}: she crosses the room.\nThe door creaks.");
            panel.dialogue = format!("MARA: \"Is anyone there?\" ({generation})");
            if p % 3 == 0 {
                panel.strokes.push(Stroke {
                    tool: Tool::Pen,
                    layer: Layer::Sketch,
                    color: Rgba::BLACK,
                    width: 0.004,
                    opacity: 1.0,
                    points: (0..40)
                        .map(|i| StrokePoint {
                            x: i * 200,
                            y: 5000 + i * 10,
                            pressure: 200,
                        })
                        .collect(),
                });
            }
            scene.panels.push(panel);
        }
        board.scenes.push(scene);
    }
    board.bump_next_id();
    board
}

/// The child: save the big board over and over until killed.
#[test]
#[ignore = "child process of the kill test; does nothing unless SHOTBOARD_KILL_TEST_BOARD is set"]
fn kill_test_child_saves_in_a_loop() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(path);
    let start = u64::from(std::process::id()) * 1_000_000;
    let boards = [big_board(start), big_board(start + 1)];
    // Tell the parent the saving starts now, so its kills land in saves
    // rather than in process start-up.
    println!("saving");
    for board in boards.iter().cycle() {
        store::save(board, &path).unwrap();
    }
}

/// A small xorshift generator: the delays only need to be spread out.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Starts a saving child and returns once it has begun saving.
fn spawn_child(path: &Path) -> std::process::Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "kill_test_child_saves_in_a_loop",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    // libtest prints its own header first; wait for the child's line.
    let started = lines.any(|line| line.is_ok_and(|l| l.trim_end().ends_with("saving")));
    if !started {
        let _ = child.kill();
        panic!("the saving child exited before it began saving");
    }
    child
}

#[test]
fn sigkill_during_saves_always_leaves_a_loadable_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill test seed {seed}");

    // One save, timed, so the kills can spread over a few saves' length.
    let start = Instant::now();
    store::save(&big_board(0), &path).unwrap();
    let save_micros = start.elapsed().as_micros().max(1000) as u64;

    let mut titles = std::collections::HashSet::new();
    for kill in 0..KILLS {
        let mut child = spawn_child(&path);
        let delay = Duration::from_micros(next_random(&mut seed) % (3 * save_micros));
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();

        let loaded = store::load(&path)
            .unwrap_or_else(|e| panic!("kill {kill} after {delay:?} left a broken board: {e}"));
        assert_eq!(loaded.board.panel_count(), PANELS, "kill {kill}");
        titles.insert(loaded.board.title);
        let backup = store::backup_path(&path);
        if backup.exists() {
            let backup = store::load(&backup)
                .unwrap_or_else(|e| panic!("kill {kill} left a broken backup: {e}"));
            assert_eq!(backup.board.panel_count(), PANELS);
        }
    }
    // Only the board, its backup and abandoned hidden temp files remain.
    let mut torn_writes = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with(".big.ron") && name.ends_with(".tmp") {
            torn_writes += 1;
        } else {
            assert!(
                name == "big.ron" || name == "big.ron.bak",
                "unexpected file {name}"
            );
        }
    }
    // How many kills landed mid-write depends on the disk (on tmpfs a write
    // is a sliver of a save), so it is reported rather than asserted.
    eprintln!(
        "{} saves completed, {torn_writes} writes torn by a kill",
        titles.len()
    );
    assert!(titles.len() > 1, "no save ever completed between kills");
}

// ---- saves and autosaves with images, killed at random -------------------

/// Set (to the board path) only in the autosaving child process.
const AUTOSAVE_CHILD_ENV: &str = "SHOTBOARD_KILL_TEST_AUTOSAVE";
const AUTOSAVE_KILLS: usize = 240;
const AUTOSAVE_PANELS: u64 = 300;

/// A small PNG unique to `generation`.
fn frame_png(generation: u64) -> Vec<u8> {
    let bytes = generation.to_le_bytes();
    let img = image::RgbImage::from_fn(6, 4, |x, _| {
        image::Rgb([bytes[x as usize % 8], bytes[(x as usize + 3) % 8], 7])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Where `frame_png(generation)` is stored for a board named `big.ron`.
fn frame_asset(generation: u64) -> shotboard::model::AssetPath {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(frame_png(generation));
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    shotboard::model::AssetPath::new(format!("big.assets/{hex}.png")).unwrap()
}

/// The one exact board of each generation: its title names it, its first
/// panel shows that generation's image, and every panel's words carry it.
fn versioned_board(generation: u64) -> Board {
    let mut board = Board::new_untitled();
    board.title = format!("generation {generation}");
    board.scenes.clear();
    let mut scene = Scene::new(SceneId(1), "INT. ROOM - NIGHT");
    for p in 0..AUTOSAVE_PANELS {
        let mut panel = Panel::new(PanelId(p + 2));
        panel.action = format!("Panel {p}, take {generation}: she crosses the room.");
        scene.panels.push(panel);
    }
    scene.panels[0].image = Some(frame_asset(generation));
    board.scenes.push(scene);
    board.bump_next_id();
    board
}

fn generation_of(board: &Board) -> u64 {
    board
        .title
        .strip_prefix("generation ")
        .and_then(|g| g.parse().ok())
        .unwrap_or_else(|| panic!("not a versioned board: {:?}", board.title))
}

/// The child: for each generation, import its image, then save the board
/// (even generations) or write its recovery copy (odd ones), until killed.
#[test]
#[ignore = "child process of the autosave kill test; does nothing unless SHOTBOARD_KILL_TEST_AUTOSAVE is set"]
fn kill_test_child_imports_saves_and_autosaves_in_a_loop() {
    let Some(path) = std::env::var_os(AUTOSAVE_CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(path);
    println!("saving");
    let mut generation = u64::from(std::process::id()) * 1_000_000;
    loop {
        let asset = store::import_image_bytes(&path, &frame_png(generation), "png").unwrap();
        assert_eq!(asset, frame_asset(generation));
        let board = versioned_board(generation);
        if generation % 2 == 0 {
            store::save(&board, &path).unwrap();
        } else {
            store::recovery::write_recovery(&board, &path).unwrap();
        }
        generation += 1;
    }
}

/// Checks one file written by the child: it is exactly the board of some
/// generation, and that board's image is on disk and decodes.
fn assert_whole(file: &std::path::Path, kill: usize, what: &str) -> u64 {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("kill {kill}: {what} unreadable: {e}"));
    let board = store::from_ron_str(&text, file)
        .unwrap_or_else(|e| panic!("kill {kill}: {what} is broken: {e}"));
    let generation = generation_of(&board);
    assert_eq!(
        board,
        versioned_board(generation),
        "kill {kill}: {what} mixes versions"
    );
    let problems = store::check_assets(&board, store::board_dir(file));
    assert!(problems.is_empty(), "kill {kill}: {what}: {problems:?}");
    generation
}

#[test]
fn sigkill_during_saves_and_autosaves_leaves_whole_versions_with_their_images() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("autosave kill test seed {seed}");

    // Time one cycle (import + save) so kills spread over a few of them.
    let start = Instant::now();
    store::import_image_bytes(&path, &frame_png(0), "png").unwrap();
    store::save(&versioned_board(0), &path).unwrap();
    store::recovery::write_recovery(&versioned_board(0), &path).unwrap();
    let cycle_micros = start.elapsed().as_micros().max(1000) as u64;

    let recovery = store::recovery::recovery_path(&path);
    let (mut boards_seen, mut copies_seen) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for kill in 0..AUTOSAVE_KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "kill_test_child_imports_saves_and_autosaves_in_a_loop",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(AUTOSAVE_CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let started = std::io::BufReader::new(stdout)
            .lines()
            .any(|l| l.is_ok_and(|l| l.trim_end().ends_with("saving")));
        assert!(started, "the child exited before it began saving");
        let delay = Duration::from_micros(next_random(&mut seed) % (4 * cycle_micros));
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();

        boards_seen.insert(assert_whole(&path, kill, "the board"));
        copies_seen.insert(assert_whole(&recovery, kill, "the recovery copy"));
        let backup = store::backup_path(&path);
        if backup.exists() {
            assert_whole(&backup, kill, "the backup");
        }
    }
    // Abandoned temporary files show how many kills landed mid-write.
    let torn: usize = [dir.path().to_path_buf(), dir.path().join("big.assets")]
        .iter()
        .map(|d| {
            std::fs::read_dir(d)
                .unwrap()
                .filter(|e| {
                    let name = e.as_ref().unwrap().file_name();
                    let name = name.to_string_lossy();
                    name.starts_with('.') && name.ends_with(".tmp")
                })
                .count()
        })
        .sum();
    eprintln!(
        "{AUTOSAVE_KILLS} kills: {} board versions and {} recovery versions seen, all whole; {torn} writes torn by a kill",
        boards_seen.len(),
        copies_seen.len()
    );
    assert!(boards_seen.len() > 1 && copies_seen.len() > 1);
}
