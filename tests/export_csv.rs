//! The CSV shot list reads back, through a real CSV parser, as the same rows.

use proptest::prelude::*;
use shotboard::export::{self, Column, CsvOptions, Progress};
use shotboard::model::{Board, CameraMove, Fps, Panel, PanelId, Scene, SceneId, ShotSize};

fn tricky_board() -> Board {
    let mut board = Board {
        title: "Crème brûlée".into(),
        fps: Fps::Fps23_976,
        ..Board::default()
    };
    let mut scene = Scene::new(SceneId(1), "INT. CAFÉ, \"LE COIN\" - NIGHT");
    let mut p = Panel::new(PanelId(2));
    p.action = "She sits.\nHe stands, slowly.".into();
    p.dialogue = "ZOË: \"Non,\" she says.\r\nAnd again.".into();
    p.notes = " leading space".into();
    p.shot_size = Some(ShotSize::MediumCloseUp);
    p.movement = Some(CameraMove::Dolly);
    p.lens_mm = Some(50);
    p.duration_ms = Some(1001);
    scene.panels.push(p);
    let mut p = Panel::new(PanelId(3));
    p.new_shot = false;
    p.action = "Ünïcödé — ok".into();
    scene.panels.push(p);
    board.scenes.push(scene);
    let mut scene = Scene::new(SceneId(4), "EXT. STREET - DAY");
    scene.panels.push(Panel::new(PanelId(5)));
    board.scenes.push(scene);
    board
}

#[test]
fn csv_parses_back_to_the_same_rows() {
    let board = tricky_board();
    let before = board.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shots.csv");
    let progress = Progress::new();
    export::export_csv(&board, &path, &CsvOptions::default(), &progress).unwrap();
    assert_eq!(board, before, "exporting never changes the board");
    assert_eq!(progress.fraction(), 1.0);

    let bytes = std::fs::read(&path).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let body = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 byte-order mark");
    assert!(body.contains("\r\n"), "records end in CRLF");

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::None)
        .from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let titles: Vec<&str> = Column::ALL.iter().map(|c| c.title()).collect();
    assert_eq!(header, titles);

    let parsed: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let expected: Vec<Vec<String>> = export::rows(&board).iter().map(|r| r.cells()).collect();
    assert_eq!(parsed, expected);
    assert_eq!(parsed.len(), 3);
    assert_eq!(parsed[0][1], "1A.1");
    assert_eq!(parsed[0][9], "24", "1001 ms at 23.976 fps is 24 frames");
    assert_eq!(parsed[0][13], "ZOË: \"Non,\" she says.\r\nAnd again.");
}

#[test]
fn a_sorted_table_exports_in_its_shown_order() {
    let mut rows = export::rows(&tricky_board());
    export::sort_rows(&mut rows, Column::Scene, true);
    let text = export::csv_from_rows(
        &rows,
        &CsvOptions {
            byte_order_mark: false,
            ..CsvOptions::default()
        },
    );
    let second_line = text.split("\r\n").nth(1).unwrap();
    assert!(second_line.starts_with("2,2A,"), "{second_line}");
}

fn parse(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

proptest! {
    /// Any text a user can type survives the trip through a spreadsheet.
    #[test]
    fn any_cell_text_round_trips(
        action in "\\PC*",
        dialogue in "[a-zé,\"\r\n ]{0,40}",
        notes in any::<String>(),
        heading in "[A-Z.,\" -]{0,20}",
    ) {
        let mut board = tricky_board();
        board.scenes[0].heading = heading;
        let p = &mut board.scenes[0].panels[1];
        p.action = action;
        p.dialogue = dialogue;
        p.notes = notes;
        let options = CsvOptions {
            byte_order_mark: false,
            ..CsvOptions::default()
        };
        let text = export::csv_from_rows(&export::rows(&board), &options);
        let expected: Vec<Vec<String>> = export::rows(&board).iter().map(|r| r.cells()).collect();
        prop_assert_eq!(parse(&text), expected);
    }
}
