//! End-to-end: Fountain screenplay files → boards.

use std::path::{Path, PathBuf};

use shotboard::import::screenplay::{
    ScriptError, board_from_fountain, board_from_fountain_bytes, import_fountain_file,
};
use shotboard::model::{Board, Panel, Transition};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fountain")
        .join(name)
}

fn panels(board: &Board) -> Vec<&Panel> {
    board.panels().collect()
}

#[test]
fn a_full_script_becomes_scenes_and_panels() {
    let imported = import_fountain_file(&fixture("night_shift.fountain")).unwrap();
    let board = &imported.board;
    assert_eq!(board.title, "NIGHT SHIFT");
    assert_eq!(board.author, "Ana Ortega");

    let headings: Vec<(&str, Option<&str>, &str)> = board
        .scenes
        .iter()
        .map(|s| (s.heading.as_str(), s.number.as_deref(), s.location.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            ("INT. BAKERY KITCHEN - NIGHT", Some("1"), "BAKERY KITCHEN"),
            ("INT. STORE ROOM - CONTINUOUS", Some("2"), "STORE ROOM"),
            ("EXT. ALLEY - NIGHT", Some("3"), "ALLEY"),
            ("FLASHBACK - THE MAN, YOUNGER", None, ""),
            ("INT. BAKERY KITCHEN - DAWN", Some("4"), "BAKERY KITCHEN"),
        ]
    );
    assert_eq!(
        board.scenes[0].notes,
        "Section: ACT ONE\nSynopsis: A baker finds a stranger in her kitchen."
    );
    let per_scene: Vec<usize> = board.scenes.iter().map(|s| s.panels.len()).collect();
    assert_eq!(per_scene, [2, 2, 1, 1, 2]);

    let p = panels(board);
    assert_eq!(
        p[0].action,
        "Flour hangs in the air. RITA (40s) kneads dough under a single bulb."
    );
    assert_eq!(p[0].notes, "Practical light only");
    assert_eq!(p[0].transition, Transition::FadeIn);
    assert_eq!(p[1].action, "A CLATTER from the store room.");
    assert_eq!(
        p[1].dialogue,
        "RITA\n(calling out)\nWho's there?\n\nMAN (O.S.)\nNobody. Just the wind.\n\nRITA\nThe wind doesn't knock over jars."
    );
    // The boneyard is gone; the transition lands on the next panel.
    assert_eq!(
        p[2].action,
        "A MAN (60s) sits on a sack of sugar, eating a croissant."
    );
    assert_eq!(p[2].transition, Transition::Cut);
    assert_eq!(
        p[3].action,
        "RITA stands in the doorway with a rolling pin."
    );
    assert_eq!(
        p[3].dialogue,
        "MAN\nI can explain.\n\nRITA (simultaneously)\nPlease do."
    );
    // A scene opening with dialogue gets a panel for it.
    assert_eq!(p[4].action, "");
    assert_eq!(
        p[4].dialogue,
        "van Helsing\n(V.O.)\nIt was always going to end here.\n♪ Sugar and flour,\n♪ the baker's hour."
    );
    assert_eq!(p[5].action, "He steals his first loaf. *Gasp*");
    assert_eq!(p[5].transition, Transition::Dissolve);
    assert_eq!(p[6].notes, "SMASH CUT TO:");
    assert_eq!(p[7].action, "THE END");
    assert_eq!(p[7].notes, "FADE OUT.");

    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["line 72: transition \"FADE OUT.\" has no panel after it; kept in the last panel's notes"]
    );
}

#[test]
fn crlf_and_bom_files_import_the_same_board() {
    let text = std::fs::read_to_string(fixture("night_shift.fountain")).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let from_crlf = board_from_fountain_bytes(crlf.as_bytes()).unwrap();
    let from_lf = board_from_fountain(&text).unwrap();
    assert_eq!(from_crlf, from_lf);
}

#[test]
fn a_script_without_a_title_page_is_named_after_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cold Open.fountain");
    std::fs::write(&path, "EXT. BEACH - DAY\n\nWaves.\n").unwrap();
    let board = import_fountain_file(&path).unwrap().board;
    assert_eq!(board.title, "Cold Open");
    assert_eq!(board.panel_count(), 1);
}

#[test]
fn a_file_that_is_not_utf8_names_the_line() {
    let err = import_fountain_file(&fixture("latin1.fountain")).unwrap_err();
    assert!(
        matches!(err, ScriptError::NotUtf8 { line: 1, column: 9 }),
        "{err:?}"
    );
    assert!(err.to_string().contains("line 1, column 9"), "{err}");
}

#[test]
fn a_script_with_nothing_to_board_is_a_clear_error() {
    let err = import_fountain_file(&fixture("nothing.fountain")).unwrap_err();
    assert!(matches!(err, ScriptError::Empty));
    assert_eq!(
        err.to_string(),
        "the script has no scene headings and no action, so there is nothing to put on a board"
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = import_fountain_file(&fixture("missing.fountain")).unwrap_err();
    assert!(matches!(err, ScriptError::Read { .. }));
    assert!(err.to_string().contains("missing.fountain"), "{err}");
}

#[test]
fn hostile_scripts_give_boards_or_errors_never_panics() {
    let inputs: Vec<String> = vec![
        "/*".repeat(10_000),
        "[[".repeat(10_000),
        "[[a]]".repeat(10_000),
        "x [[a\n".repeat(10_000),
        "*_".repeat(10_000),
        "INT.".to_owned(),
        ".".to_owned(),
        "@".to_owned(),
        "@\n(\n)".to_owned(),
        "~".to_owned(),
        "><".to_owned(),
        ">".to_owned(),
        "#".to_owned(),
        "=".to_owned(),
        "Title:".to_owned(),
        "INT. A #\n".to_owned(),
        "MARY ^\nHi.".to_owned(),
        "\u{feff}\r\r\r\n".to_owned(),
        "é".repeat(1000),
        "A\n".repeat(20_000),
    ];
    for input in inputs {
        // Either result is fine; finishing without a panic is the point.
        let _ = board_from_fountain(&input);
    }
}
