//! A huge legitimate photo (12,000 × 8,000, a 96-megapixel JPEG) imports,
//! is shown downscaled, and costs bounded memory. The import runs in a
//! child process of its own so its peak resident memory (VmHWM) measures
//! the import alone, not the making of the test photo.

use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use shotboard::media::image;
use shotboard::store;

const CHILD_ENV: &str = "SHOTBOARD_BIG_PHOTO";
const WIDTH: u32 = 12_000;
const HEIGHT: u32 = 8_000;
/// The thumbnail size the app asks for (a card twice over).
const THUMB: u32 = 640;
/// Ceiling for the import's peak memory: one decoded copy of the pixels in
/// the file's own format (RGB: 275 MiB) plus the file and a margin. A full
/// RGBA conversion on top (655 MiB in all) would fail this.
const PEAK_LIMIT_MIB: u64 = 400;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The child: import the photo into a board, then make its thumbnail.
#[test]
#[ignore = "child process of the big photo test; does nothing unless SHOTBOARD_BIG_PHOTO is set"]
fn big_photo_child_imports() {
    let Some(photo) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let before = peak_rss_kib();
    let board = photo.with_file_name("board.ron");
    let asset = store::import_image_file(&board, &photo).unwrap();
    let bytes = std::fs::read(photo.with_file_name(asset.as_str())).unwrap();
    let thumb = image::decode_thumbnail(&bytes, THUMB).unwrap();
    println!(
        "result before={before} peak={} thumb={}x{}",
        peak_rss_kib(),
        thumb.width(),
        thumb.height()
    );
}

#[test]
fn a_12000_by_8000_photo_imports_downscaled_with_bounded_memory() {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("no /proc: peak memory cannot be measured here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("huge.jpg");
    {
        // A smooth gradient with some texture: a realistic JPEG size.
        let img = ::image::RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
            ::image::Rgb([(x / 47) as u8, (y / 31) as u8, ((x ^ y) & 0x3f) as u8])
        });
        let file = std::fs::File::create(&photo).unwrap();
        let mut encoder =
            ::image::codecs::jpeg::JpegEncoder::new_with_quality(std::io::BufWriter::new(file), 80);
        encoder.encode_image(&img).unwrap();
    }
    let file_mib = std::fs::metadata(&photo).unwrap().len() >> 20;

    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "big_photo_child_imports",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &photo)
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(output.status.success(), "the import failed");
    let line = output
        .stdout
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("result "))
        .expect("the child reports its result");
    let field = |name: &str| -> String {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{name}=")))
            .unwrap()
            .to_owned()
    };
    let before_mib = field("before").parse::<u64>().unwrap() >> 10;
    let peak_mib = field("peak").parse::<u64>().unwrap() >> 10;
    let thumb = field("thumb");
    eprintln!(
        "12000x8000 JPEG ({file_mib} MiB): peak RSS {peak_mib} MiB (process start {before_mib} MiB), thumbnail {thumb}"
    );
    let rounded = (THUMB * HEIGHT + WIDTH / 2) / WIDTH;
    assert_eq!(thumb, format!("{THUMB}x{rounded}"));
    assert!(
        peak_mib < PEAK_LIMIT_MIB,
        "peak RSS {peak_mib} MiB exceeds {PEAK_LIMIT_MIB} MiB"
    );
}
