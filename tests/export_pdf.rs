//! PDF boards: page counts per layout, and real extractable text (scene
//! headings, dialogue with accents, title page facts).

use shotboard::export::{
    self, ExportError, Orientation, PANELS_PER_PAGE, Paper, PdfOptions, Progress, SwatchFrames,
};
use shotboard::model::{Board, Fps, Panel, PanelId, Scene, SceneId, ShotSize};

fn board(panels_per_scene: &[usize]) -> Board {
    let mut board = Board {
        title: "Les Misérables — Act I".into(),
        author: "Renée Dupré".into(),
        fps: Fps::Fps24,
        ..Board::default()
    };
    let mut id = 1;
    for (s, &n) in panels_per_scene.iter().enumerate() {
        let mut scene = Scene::new(
            SceneId(1000 + s as u64),
            format!("INT. CAFÉ NUMBER {s} - NIGHT"),
        );
        for i in 0..n {
            let mut p = Panel::new(PanelId(id));
            id += 1;
            p.action =
                format!("Scene {s} panel {i}: the waiter crosses the room, balancing a tray.");
            p.dialogue = format!("JEAN: Où est la crème brûlée {s}-{i}?");
            p.notes = "Keep the lamp in frame.".into();
            p.shot_size = Some(ShotSize::Medium);
            scene.panels.push(p);
        }
        board.scenes.push(scene);
    }
    board
}

fn pdf(board: &Board, options: &PdfOptions) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.pdf");
    let source = SwatchFrames {
        aspect: board.aspect_ratio,
    };
    export::export_pdf(&source, board, &path, options, &Progress::new()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp files left"
    );
    bytes
}

/// Text is compared with whitespace collapsed: extractors differ in how they
/// space glyph runs.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn page_count_follows_the_layout() {
    let board = board(&[5, 7, 1]); // 13 panels
    for orientation in [Orientation::Portrait, Orientation::Landscape] {
        for per_page in PANELS_PER_PAGE {
            let options = PdfOptions {
                panels_per_page: per_page,
                orientation,
                paper: if per_page % 2 == 0 {
                    Paper::Letter
                } else {
                    Paper::A4
                },
                title_page: false,
                dpi: 50,
                ..PdfOptions::default()
            };
            let bytes = pdf(&board, &options);
            let doc = pdf_extract::Document::load_mem(&bytes).unwrap();
            let expected = 13usize.div_ceil(per_page as usize);
            assert_eq!(
                doc.get_pages().len(),
                expected,
                "{per_page} per page, {orientation:?}"
            );
            assert_eq!(export::pdf_page_count(&board, &options), expected);
        }
    }
}

#[test]
fn text_is_real_and_contains_headings_and_dialogue() {
    let board = board(&[2, 3]);
    let options = PdfOptions {
        panels_per_page: 4,
        title_page: true,
        date: "2026-11-26".into(),
        dpi: 72,
        ..PdfOptions::default()
    };
    let bytes = pdf(&board, &options);
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    assert_eq!(pages.len(), 1 + 2);
    let title = squash(&pages[0]);
    for expected in [
        "Les Misérables — Act I",
        "Renée Dupré",
        "2026-11-26",
        "5 panels in 2 scenes",
        "Runtime 0:10.000",
    ] {
        assert!(
            title.contains(expected),
            "title page lacks {expected:?}: {title}"
        );
    }
    let body = squash(&pages[1..].concat());
    for expected in [
        "SCENE 1 — INT. CAFÉ NUMBER 0 - NIGHT",
        "SCENE 2 — INT. CAFÉ NUMBER 1 - NIGHT",
        "JEAN: Où est la crème brûlée 1-2?",
        "1A 2.0 s MS",
        "Page 3 of 3",
    ] {
        assert!(body.contains(expected), "body lacks {expected:?}: {body}");
    }
}

#[test]
fn an_empty_board_still_makes_a_valid_pdf() {
    let options = PdfOptions {
        title_page: true,
        ..PdfOptions::default()
    };
    let bytes = pdf(&Board::default(), &options);
    let doc = pdf_extract::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 2, "title page and one empty page");
}

#[test]
fn unsupported_layouts_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    let board = board(&[1]);
    let err = export::export_pdf(
        &SwatchFrames {
            aspect: board.aspect_ratio,
        },
        &board,
        &path,
        &PdfOptions {
            panels_per_page: 5,
            ..PdfOptions::default()
        },
        &Progress::new(),
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Options { .. }));
    assert!(err.to_string().contains("out.pdf"));
    assert!(!path.exists());
}

#[test]
fn cancelling_midway_stops_and_leaves_no_file() {
    /// Cancels the export from inside, after a few frames, as a UI would.
    struct CancelAfter<'a> {
        progress: &'a Progress,
        after: u64,
    }
    impl export::FrameSource for CancelAfter<'_> {
        fn frame(&self, _: &Panel, w: u32) -> Result<image::RgbaImage, String> {
            if self.progress.done() >= self.after {
                self.progress.cancel();
            }
            Ok(image::RgbaImage::new(w, w * 9 / 16))
        }
    }
    let board = board(&[40]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.pdf");
    let progress = Progress::new();
    let source = CancelAfter {
        progress: &progress,
        after: 3,
    };
    let err =
        export::export_pdf(&source, &board, &path, &PdfOptions::default(), &progress).unwrap_err();
    assert!(matches!(err, ExportError::Cancelled { .. }), "{err}");
    assert!(progress.done() < progress.total(), "stopped before the end");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_duration_reads_the_same_in_the_pdf_the_shot_list_and_the_csv() {
    let mut board = board(&[2]);
    // 3.75 s is 90 frames at 24 fps: it used to print 3.8 here, 3.750 in
    // the shot list.
    board.scenes[0].panels[0].duration_ms = Some(3750);
    let expected = board.fps.seconds_text(90);
    assert_eq!(expected, "3.75");
    let bytes = pdf(&board, &PdfOptions::default());
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
    assert!(text.contains("1A 3.75 s"), "{text}");
    let rows = export::rows(&board);
    assert_eq!(rows[0].cell(export::Column::Seconds), expected);
}

#[test]
fn a_board_that_counts_frames_prints_frames() {
    let mut board = board(&[2]);
    board.scenes[0].panels[0].duration_ms = Some(3750);
    board.durations = shotboard::model::DurationUnit::Frames;
    let bytes = pdf(&board, &PdfOptions::default());
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
    assert!(text.contains("1A 90 fr"), "{text}");
    // The shot list keeps both columns.
    let rows = export::rows(&board);
    assert_eq!(rows[0].cell(export::Column::Seconds), "3.75");
    assert_eq!(rows[0].cell(export::Column::Frames), "90");
}
