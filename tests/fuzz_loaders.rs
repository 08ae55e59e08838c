//! Mutation fuzzing of the two loaders that read files from strangers: the
//! board loader and the image importer. Valid seeds (boards with every
//! kind of field, images in every supported format, and the hostile files)
//! are mutated at random; every input must give `Ok` or an error, never a
//! panic, and a board that loads must save and load back to itself.
//!
//! `cargo test --test fuzz_loaders` runs a short, fixed-seed pass (CI).
//! `SHOTBOARD_FUZZ_SECS=600 SHOTBOARD_FUZZ_SEED=<n> cargo test --release
//! --test fuzz_loaders -- --nocapture` runs for as long as asked, from any
//! seed, and prints how many inputs it tried. A crashing input is written
//! to `tests/hostile/fuzz/` and the test fails; it then stays there as a
//! regression case that [`fuzz_regressions_stay_fixed`] replays.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shotboard::media::image;
use shotboard::model::{
    Board, Comment, CommentId, Layer, Panel, PanelId, Reply, Rgba, Scene, SceneId, Stroke,
    StrokePoint, Tool,
};
use shotboard::store;

/// Inputs per target in the CI pass.
const CI_INPUTS: u64 = 20_000;

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

fn regressions_dir() -> PathBuf {
    hostile_dir().join("fuzz")
}

/// xorshift64*: reproducible from the seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that steer mutations into the parser's interesting corners.
const BOARD_TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "\\",
    "\\u{10FFFF}",
    "\\u{D800}",
    "Some(",
    "None",
    "true",
    "false",
    "-1",
    "0",
    "4294967296",
    "18446744073709551616",
    "1e309",
    "NaN",
    "inf",
    "-0.0",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "\n",
    "format_version: 1",
    "format_version: 2",
    "id: 1",
    "scenes: [",
    "panels: [",
    "image: Some(\"",
    "../",
    "/etc/passwd",
    "C:\\",
    "#![enable(",
    "\u{feff}",
    "\0",
];

const IMAGE_TOKENS: &[&[u8]] = &[
    &[0xFF, 0xFF, 0xFF, 0xFF],
    &[0, 0, 0, 0],
    &[0x7F, 0xFF, 0xFF, 0xFF],
    &[0x80, 0, 0, 0],
    &[0xFF, 0xD8],
    &[0xFF, 0xD9],
    &[0xFF, 0xC0],
    b"IHDR",
    b"IDAT",
    b"IEND",
    b"PLTE",
    b"tRNS",
    b"acTL",
    b"RIFF",
    b"VP8L",
    b"VP8X",
    b"GIF89a",
    b"BM",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], tokens: &[&[u8]]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    // Mostly one or two changes, so inputs stay near valid and reach deep
    // into the parser; sometimes many.
    let rounds = if rng.below(4) == 0 {
        1 + rng.below(16)
    } else {
        1 + rng.below(2)
    };
    for _ in 0..rounds {
        let len = data.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(i..i, bytes);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                data.drain(a..b);
            }
            4 if len > 0 => {
                // Duplicate a chunk (deep nesting, repeated fields).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let chunk = data[a..b].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, chunk);
            }
            5 => {
                let token = tokens[rng.below(tokens.len())];
                let i = rng.below(len + 1);
                data.splice(i..i, token.iter().copied());
            }
            6 if len > 0 => {
                // Overwrite with a token (header fields, lengths).
                let token = tokens[rng.below(tokens.len())];
                let i = rng.below(len);
                for (k, b) in token.iter().enumerate() {
                    if let Some(slot) = data.get_mut(i + k) {
                        *slot = *b;
                    }
                }
            }
            7 => {
                // Splice with another seed.
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            _ if len > 0 => {
                // Truncate.
                data.truncate(rng.below(len));
            }
            _ => {}
        }
    }
    data
}

// ---- targets ------------------------------------------------------------

/// The board loader: parse; what parses must survive a save → load.
fn board_target(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let loaded = store::from_ron_str(&text, Path::new("fuzz.ron"));
    let accepted = loaded.is_ok();
    if let Ok(board) = loaded {
        let saved = store::to_ron_string(&board);
        let again = store::from_ron_str(&saved, Path::new("fuzz.ron"))
            .unwrap_or_else(|e| panic!("a loaded board does not load after saving: {e}"));
        assert!(
            again == board || has_nan(&board),
            "save → load changed the board"
        );
    }
    accepted
}

/// NaN never equals itself, so such a board cannot compare equal.
fn has_nan(board: &Board) -> bool {
    board
        .panels()
        .flat_map(|p| &p.strokes)
        .any(|s| s.width.is_nan() || s.opacity.is_nan())
}

/// The image importer: header probe, full decode, thumbnail.
fn image_target(bytes: &[u8]) -> bool {
    let probed = image::probe(bytes);
    let decoded = image::decode(bytes);
    let accepted = decoded.is_ok();
    if let Ok(img) = &decoded {
        let info = probed.expect("a decodable image has a readable header");
        assert!(img.width() > 0 && img.height() > 0);
        assert!(u64::from(info.width) * u64::from(info.height) <= image::MAX_PIXELS);
        let thumb = image::decode_thumbnail(bytes, 64).expect("decodes once, decodes twice");
        assert!(thumb.width() <= 64 && thumb.height() <= 64);
    }
    accepted
}

// ---- seeds --------------------------------------------------------------

fn seed_board() -> Board {
    let mut board = Board::new_untitled();
    board.title = "Fuzz \"seed\" — ünïcödé".into();
    board.author = "A. Writer".into();
    board.scenes.clear();
    let mut scene = Scene::new(SceneId(1), "INT. KITCHEN - NIGHT");
    scene.number = Some("12A".into());
    scene.notes = "notes\nwith lines".into();
    let mut p = Panel::new(PanelId(2));
    p.image = Some(store_asset_path());
    p.action = "She opens the door.".into();
    p.dialogue = "MARA: Hello?".into();
    p.lens_mm = Some(35);
    p.duration_ms = Some(1500);
    p.new_shot = false;
    p.strokes.push(Stroke {
        tool: Tool::Pen,
        layer: Layer::Sketch,
        color: Rgba::BLACK,
        width: 0.004,
        opacity: 0.5,
        points: (0..4)
            .map(|i| StrokePoint {
                x: i * 100,
                y: 5000,
                pressure: 128,
            })
            .collect(),
    });
    p.comments.push(Comment {
        id: CommentId(7),
        author: "Dir".into(),
        text: "Tighter?".into(),
        time: "2026-01-02T03:04:05Z".into(),
        resolved: false,
        replies: vec![Reply {
            author: "Writer".into(),
            text: "Yes".into(),
            time: "2026-01-02T04:04:05Z".into(),
        }],
    });
    scene.panels.push(p);
    scene.panels.push(Panel::new(PanelId(3)));
    board.scenes.push(scene);
    board
        .scenes
        .push(Scene::new(SceneId(4), "EXT. STREET - DAY"));
    board.bump_next_id();
    board
}

fn store_asset_path() -> shotboard::model::AssetPath {
    shotboard::model::AssetPath::new("seed.assets/abc.png").expect("a valid asset path")
}

fn files_with(ext: &[&str]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in [hostile_dir(), regressions_dir()] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let matches = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ext.contains(&e));
            if matches && path.is_file() {
                out.push(std::fs::read(&path).expect("read a seed file"));
            }
        }
    }
    out
}

fn board_seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![
        store::to_ron_string(&seed_board()).into_bytes(),
        store::to_ron_string(&Board::new_untitled()).into_bytes(),
    ];
    seeds.extend(files_with(&["ron"]));
    seeds
}

fn encode(img: &::image::DynamicImage, format: ::image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encode a seed image");
    out.into_inner()
}

fn image_seeds() -> Vec<Vec<u8>> {
    use ::image::{DynamicImage, ImageFormat, RgbImage, RgbaImage};
    let rgb = DynamicImage::ImageRgb8(RgbImage::from_fn(24, 16, |x, y| {
        ::image::Rgb([(x * 10) as u8, (y * 15) as u8, 90])
    }));
    let rgba = DynamicImage::ImageRgba8(RgbaImage::from_fn(9, 7, |x, y| {
        ::image::Rgba([(x * 20) as u8, 0, (y * 30) as u8, (x * y) as u8])
    }));
    let mut seeds = vec![
        encode(&rgb, ImageFormat::Png),
        encode(&rgba, ImageFormat::Png),
        encode(&rgb, ImageFormat::Jpeg),
        encode(&rgb, ImageFormat::Gif),
        encode(&rgb, ImageFormat::Bmp),
        encode(&rgba, ImageFormat::WebP),
    ];
    seeds.extend(files_with(&["png", "jpg", "gif", "bmp", "webp", "bin"]));
    seeds
}

// ---- the loop -----------------------------------------------------------

/// Runs `target` on mutated seeds until `inputs` are tried or `time` is
/// up; returns how many were tried. Saves and reports a crashing input.
fn fuzz(
    name: &str,
    target: fn(&[u8]) -> bool,
    seeds: &[Vec<u8>],
    tokens: &[&[u8]],
    seed: u64,
    inputs: u64,
    time: Duration,
) -> u64 {
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let mut tried = 0;
    let mut accepted = 0;
    while tried < inputs && start.elapsed() < time {
        let input = mutate(&mut rng, seeds, tokens);
        tried += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| target(&input)));
        if outcome.as_ref().is_ok_and(|ok| *ok) {
            accepted += 1;
        }
        if outcome.is_err() {
            let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
            });
            let dir = regressions_dir();
            std::fs::create_dir_all(&dir).expect("create tests/hostile/fuzz");
            let ext = if name == "board" { "ron" } else { "bin" };
            let file = dir.join(format!("{name}-{hash:016x}.{ext}"));
            std::fs::write(&file, &input).expect("save the crashing input");
            panic!(
                "{name}: input {tried} (seed {seed}) panicked; saved to {}",
                file.display()
            );
        }
    }
    eprintln!(
        "fuzz {name}: {tried} inputs in {:.1} s, {accepted} accepted (seed {seed})",
        start.elapsed().as_secs_f64()
    );
    tried
}

fn settings() -> (u64, u64, Duration) {
    let seed = std::env::var("SHOTBOARD_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_B0A2D);
    match std::env::var("SHOTBOARD_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(secs) => (seed, u64::MAX, Duration::from_secs(secs)),
        None => (seed, CI_INPUTS, Duration::from_secs(600)),
    }
}

fn board_tokens() -> Vec<&'static [u8]> {
    BOARD_TOKENS.iter().map(|t| t.as_bytes()).collect()
}

#[test]
fn mutated_boards_never_panic_and_what_loads_round_trips() {
    let (seed, inputs, time) = settings();
    let tried = fuzz(
        "board",
        board_target,
        &board_seeds(),
        &board_tokens(),
        seed,
        inputs,
        time,
    );
    assert!(tried >= inputs.min(CI_INPUTS));
}

#[test]
fn mutated_images_never_panic_the_importer() {
    let (seed, inputs, time) = settings();
    let tried = fuzz(
        "image",
        image_target,
        &image_seeds(),
        IMAGE_TOKENS,
        seed,
        inputs,
        time,
    );
    assert!(tried >= inputs.min(CI_INPUTS));
}

#[test]
fn the_seeds_themselves_are_valid() {
    let board = seed_board();
    let text = store::to_ron_string(&board);
    assert_eq!(
        store::from_ron_str(&text, Path::new("seed.ron")).unwrap(),
        board
    );
    for seed in &image_seeds()[..6] {
        image::decode(seed).unwrap();
    }
}

/// Every input that once crashed a target, replayed.
#[test]
fn fuzz_regressions_stay_fixed() {
    let Ok(entries) = std::fs::read_dir(regressions_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let result = if name.starts_with("board-") {
            catch_unwind(|| board_target(&bytes))
        } else {
            catch_unwind(|| image_target(&bytes))
        };
        assert!(result.is_ok(), "{name} panics again");
    }
}
