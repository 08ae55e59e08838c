//! `shotboard export` run as a process on a demo board: every format writes
//! parseable output, missing images are warnings, failures are one line
//! with a non-zero exit, and the board file is never changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PANELS: usize = 14;

fn shotboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .args(args)
        .output()
        .expect("run shotboard")
}

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// A demo board of [`PANELS`] panels in `dir`, written by `shotboard demo`.
fn demo(dir: &Path) -> PathBuf {
    let board = dir.join("board.ron");
    let out = shotboard(&[
        "demo",
        path_arg(&board),
        "--panels",
        &PANELS.to_string(),
        "--scenes",
        "3",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    board
}

/// Run an export that must succeed; returns its stdout and stderr.
fn export(board: &Path, format: &str, out: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec![
        "export",
        path_arg(board),
        "--format",
        format,
        "-o",
        path_arg(out),
    ];
    args.extend_from_slice(extra);
    let result = shotboard(&args);
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "{format}: {stderr}");
    (stdout, stderr)
}

#[test]
fn every_format_writes_parseable_output_and_leaves_the_board_alone() {
    let dir = tempfile::tempdir().unwrap();
    let board = demo(dir.path());
    let before = std::fs::read(&board).unwrap();
    let loaded = shotboard::store::load(&board).unwrap().board;
    let runtime = loaded.runtime_frames();

    // PDF: 14 panels at 4 per page plus a title page is 1 + 4 pages.
    let pdf = dir.path().join("board.pdf");
    let (stdout, _) = export(
        &board,
        "pdf",
        &pdf,
        &[
            "--per-page",
            "4",
            "--paper",
            "letter",
            "--landscape",
            "--title-page",
            "--dpi",
            "60",
        ],
    );
    assert!(stdout.contains("board.pdf"), "{stdout}");
    let doc = pdf_extract::Document::load_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    assert_eq!(doc.get_pages().len(), 1 + PANELS.div_ceil(4));

    // PNG: one file per panel at the chosen width.
    let pngs = dir.path().join("pngs");
    let (stdout, _) = export(&board, "png", &pngs, &["--width", "320"]);
    assert!(
        stdout.contains(&format!("wrote {PANELS} file(s)")),
        "{stdout}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&pngs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), PANELS);
    assert!(names[0].starts_with("001_"), "{names:?}");
    let first = image::open(pngs.join(&names[0])).unwrap();
    assert_eq!(first.width(), 320);

    // Contact sheets: a 3×2 grid needs ceil(14 / 6) = 3 pages.
    let sheets = dir.path().join("sheets");
    export(
        &board,
        "contact-sheet",
        &sheets,
        &["--columns", "3", "--rows", "2", "--width", "120"],
    );
    let pages = std::fs::read_dir(&sheets).unwrap().count();
    assert_eq!(pages, 3);

    // GIF: one frame per panel at the chosen width.
    let gif = dir.path().join("animatic.gif");
    export(&board, "gif", &gif, &["--width", "96"]);
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&gif).unwrap())
        .unwrap();
    assert_eq!(decoder.width(), 96);
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, PANELS);

    // CSV: a header plus one row per panel.
    let csv_path = dir.path().join("shots.csv");
    export(&board, "csv", &csv_path, &[]);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(reader.headers().unwrap().len(), 15);
    assert_eq!(reader.records().count(), PANELS);

    // FCP7 XML: the sequence lasts exactly the runtime.
    let xml = dir.path().join("cut.xml");
    let (stdout, _) = export(&board, "fcp7-xml", &xml, &["--width", "160"]);
    assert!(stdout.contains("cut_frames"), "names the stills: {stdout}");
    // Hidden files (the stills manifest) are not stills.
    let stills = std::fs::read_dir(dir.path().join("cut_frames"))
        .unwrap()
        .filter(|e| {
            !e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        });
    assert_eq!(stills.count(), PANELS);
    let text = std::fs::read_to_string(&xml).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let sequence = doc
        .descendants()
        .find(|n| n.has_tag_name("sequence"))
        .unwrap();
    let duration = sequence
        .children()
        .find(|n| n.has_tag_name("duration"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(duration.trim().parse::<u64>().unwrap(), runtime);

    // OTIO: JSON with one clip per panel.
    let otio = dir.path().join("cut.otio");
    export(&board, "otio", &otio, &["--width", "160"]);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&otio).unwrap()).unwrap();
    let clips = json.to_string().matches("\"OTIO_SCHEMA\":\"Clip.").count();
    assert_eq!(clips, PANELS);

    assert_eq!(
        std::fs::read(&board).unwrap(),
        before,
        "the board is unchanged"
    );
}

#[test]
fn missing_images_are_warnings_and_the_export_completes() {
    let dir = tempfile::tempdir().unwrap();
    let board = demo(dir.path());
    let loaded = shotboard::store::load(&board).unwrap().board;
    let gone = loaded.panels().find_map(|p| p.image.clone()).unwrap();
    std::fs::remove_file(dir.path().join(gone.as_str())).unwrap();

    let pngs = dir.path().join("pngs");
    let (_, stderr) = export(&board, "png", &pngs, &["--width", "64"]);
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains(gone.as_str()), "{stderr}");
    assert_eq!(std::fs::read_dir(&pngs).unwrap().count(), PANELS);
}

#[test]
fn failures_exit_non_zero_with_one_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let board = demo(dir.path());
    let before = std::fs::read(&board).unwrap();
    let cases: [&[&str]; 3] = [
        // Overwriting the board itself.
        &["--format", "csv", "-o", path_arg(&board)],
        // An option the format does not have.
        &["--format", "csv", "--per-page", "6", "-o", "x.csv"],
        // A layout the PDF does not offer.
        &["--format", "pdf", "--per-page", "5", "-o", "x.pdf"],
    ];
    for case in cases {
        let mut args = vec!["export", path_arg(&board)];
        args.extend_from_slice(case);
        let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{case:?} succeeded");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("shotboard: "), "{stderr}");
    }
    assert_eq!(std::fs::read(&board).unwrap(), before);
    assert!(!dir.path().join("x.csv").exists());
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_review_folder_has_the_page_and_every_frame_and_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let board = demo(dir.path());
    let site = dir.path().join("review");
    export(&board, "review", &site, &["--width", "120"]);
    let page = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        page.contains("id=\"board-data\""),
        "the board is in the page"
    );
    let frames: Vec<_> = std::fs::read_dir(site.join("frames"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(frames.len(), PANELS);
    let (w, _) = image::image_dimensions(&frames[0]).unwrap();
    assert_eq!(w, 120);

    // Exporting into the same folder again is refused in one line.
    let again = shotboard(&[
        "export",
        path_arg(&board),
        "--format",
        "review",
        "-o",
        path_arg(&site),
    ]);
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("review export") && stderr.lines().count() == 1,
        "{stderr}"
    );
}
