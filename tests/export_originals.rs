//! Exports that don't redo work: a panel that is just a JPEG goes into the
//! PDF and the timeline stills as its own bytes, and exporting stills again
//! into the same folder makes only what changed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::Digest as _;
use shotboard::export::timeline::stills::{Stills, write_stills};
use shotboard::export::{
    self, BoardFrames, FrameSource, OriginalFrame, PdfOptions, Progress, TimelineFormat,
};
use shotboard::model::{
    AssetPath, Board, Layer, Panel, PanelId, Rgba, Scene, SceneId, Stroke, StrokePoint, Tool,
};

/// A 320×180 photo-like JPEG; `seed` makes each one different.
fn jpeg(seed: u8) -> Vec<u8> {
    jpeg_sized(seed, 320, 180)
}

fn jpeg_sized(seed: u8, width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x as u8).wrapping_add(seed),
            (y as u8).wrapping_mul(seed | 1),
            ((x ^ y) as u8).wrapping_add(seed),
        ])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

fn png(seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(320, 180, image::Rgb([seed, 90, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Store `bytes` content-addressed in `dir/b.assets/`, as an import would.
fn store(dir: &Path, bytes: &[u8], ext: &str) -> AssetPath {
    let hash: String = sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let rel = format!("b.assets/{hash}.{ext}");
    std::fs::create_dir_all(dir.join("b.assets")).unwrap();
    std::fs::write(dir.join(&rel), bytes).unwrap();
    AssetPath::new(rel).unwrap()
}

fn stroke() -> Stroke {
    Stroke {
        tool: Tool::Pen,
        layer: Layer::Ink,
        color: Rgba::BLACK,
        width: 0.01,
        opacity: 1.0,
        points: vec![
            StrokePoint::from_normalised(0.1, 0.1, 1.0),
            StrokePoint::from_normalised(0.9, 0.9, 1.0),
        ],
    }
}

/// Panel 1: a plain JPEG. Panel 2: a JPEG with a stroke over it.
/// Panel 3: a PNG. Returns the board and the JPEGs' bytes.
fn board(dir: &Path) -> (Board, Vec<u8>, Vec<u8>) {
    let (plain, sketched) = (jpeg(1), jpeg(2));
    let mut scene = Scene::new(SceneId(100), "EXT. FIELD - DAY");
    let mut p1 = Panel::new(PanelId(1));
    p1.image = Some(store(dir, &plain, "jpg"));
    let mut p2 = Panel::new(PanelId(2));
    p2.image = Some(store(dir, &sketched, "jpg"));
    p2.strokes.push(stroke());
    let mut p3 = Panel::new(PanelId(3));
    p3.image = Some(store(dir, &png(3), "png"));
    scene.panels = vec![p1, p2, p3];
    let board = Board {
        scenes: vec![scene],
        ..Board::default()
    };
    (board, plain, sketched)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Counts the frames it renders, to prove what was skipped.
struct Counting<'a> {
    inner: &'a BoardFrames,
    rendered: AtomicUsize,
}

impl FrameSource for Counting<'_> {
    fn frame(&self, panel: &Panel, width_px: u32) -> Result<image::RgbaImage, String> {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.inner.frame(panel, width_px)
    }

    fn original(&self, panel: &Panel) -> Option<OriginalFrame> {
        self.inner.original(panel)
    }
}

#[test]
fn the_pdf_embeds_an_unsketched_jpeg_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (board, plain, sketched) = board(dir.path());
    let frames = BoardFrames::new(&board, dir.path());
    let out = dir.path().join("board.pdf");
    export::export_pdf(
        &frames,
        &board,
        &out,
        &PdfOptions {
            panels_per_page: 1,
            ..PdfOptions::default()
        },
        &Progress::new(),
    )
    .unwrap();
    let pdf = std::fs::read(&out).unwrap();
    assert!(
        contains(&pdf, &plain),
        "the plain JPEG is in the PDF unchanged"
    );
    assert!(
        !contains(&pdf, &sketched[sketched.len() - 2000..]),
        "the sketched one is drawn and encoded again"
    );
}

#[test]
fn a_far_larger_jpeg_than_the_layout_prints_is_shrunk_instead() {
    let dir = tempfile::tempdir().unwrap();
    let (mut board, _, _) = board(dir.path());
    let plain = jpeg_sized(4, 1920, 1080);
    board.scenes[0].panels[0].image = Some(store(dir.path(), &plain, "jpg"));
    let frames = BoardFrames::new(&board, dir.path());
    let out = dir.path().join("board.pdf");
    // Nine per page at 36 dpi: cells under 100 px wide, so 1920 px is far
    // more than four times what prints.
    export::export_pdf(
        &frames,
        &board,
        &out,
        &PdfOptions {
            panels_per_page: 9,
            dpi: 36,
            ..PdfOptions::default()
        },
        &Progress::new(),
    )
    .unwrap();
    assert!(!contains(&std::fs::read(&out).unwrap(), &plain));
}

#[test]
fn timeline_stills_copy_plain_jpegs_and_render_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (board, plain, _) = board(dir.path());
    let frames = BoardFrames::new(&board, dir.path());
    let xml = dir.path().join("cut.xml");
    let stills = export::export_timeline_with_frames(
        &frames,
        &board,
        &xml,
        TimelineFormat::Fcp7Xml,
        320,
        &Progress::new(),
    )
    .unwrap();
    let names = |dir: &PathBuf| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        v.sort();
        v
    };
    // The sketched photo is drawn and saved as a JPEG, the PNG panel as a PNG.
    assert_eq!(names(&stills), ["001_1A.jpg", "002_1B.jpg", "003_1C.png"]);
    assert_eq!(std::fs::read(stills.join("001_1A.jpg")).unwrap(), plain);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.contains("001_1A.jpg") && text.contains("003_1C.png"));
    // The rendered still has the stroke on the image.
    let sketched = image::open(stills.join("002_1B.jpg")).unwrap().to_rgb8();
    assert_eq!(sketched.dimensions(), (320, 180));
}

#[test]
fn exporting_stills_again_makes_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut board, _, _) = board(dir.path());
    let out = dir.path().join("cut_frames");
    let run = |board: &Board| -> (Stills, usize) {
        let frames = BoardFrames::new(board, dir.path());
        let counting = Counting {
            inner: &frames,
            rendered: AtomicUsize::new(0),
        };
        let stills = write_stills(&counting, board, &out, 320, &Progress::new()).unwrap();
        (stills, counting.rendered.into_inner())
    };

    let (first, rendered) = run(&board);
    assert_eq!((first.written.len(), first.skipped, rendered), (3, 0, 2));

    let (again, rendered) = run(&board);
    assert_eq!((again.written.len(), again.skipped), (0, 3));
    assert_eq!(rendered, 0, "nothing decoded, drawn or encoded");
    assert_eq!(again.names, first.names);

    // One stroke more on panel 3: only its still is made again.
    board.scenes[0].panels[2].strokes.push(stroke());
    let (changed, rendered) = run(&board);
    assert_eq!(
        (changed.written, changed.skipped, rendered),
        (vec![out.join("003_1C.png")], 2, 1)
    );

    // A still deleted (or edited to another length) by hand is made again.
    std::fs::remove_file(out.join("001_1A.jpg")).unwrap();
    let (repaired, _) = run(&board);
    assert_eq!(repaired.written, vec![out.join("001_1A.jpg")]);
    assert!(out.join("001_1A.jpg").is_file());
}
