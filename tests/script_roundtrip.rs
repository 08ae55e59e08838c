//! Writers' scripts round trip through the command line: a Fountain script
//! becomes a board, the board's words go back to Fountain, and a new draft
//! updates the board.

use std::path::Path;
use std::process::Command;

use shotboard::model::Board;

fn shotboard(args: &[&Path]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_shotboard"))
        .args(args)
        .output()
        .expect("run shotboard");
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const SCRIPT: &str = "Title: Night Shift
Author: A. Writer

FADE IN:

INT. BAKERY KITCHEN - NIGHT #1#

Flour hangs in the air. *Everything* is white.

RITA (V.O.)
(tired)
Four more hours.

MAN ^
Four more hours.

EXT. ALLEY - NIGHT #2#

A cat watches from a bin.

DISSOLVE TO:

INT. BAKERY KITCHEN - DAWN #3#

The first loaves come out.
";

/// Headings, and each panel's action and dialogue, scene by scene.
fn words(board: &Board) -> Vec<(String, Vec<(String, String)>)> {
    board
        .scenes
        .iter()
        .map(|s| {
            (
                s.heading.clone(),
                s.panels
                    .iter()
                    .map(|p| (p.action.clone(), p.dialogue.clone()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn fountain_to_board_to_fountain_to_board_keeps_headings_action_and_dialogue() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::fs::write(p("draft.fountain"), SCRIPT).unwrap();
    let flag = |s: &str| Path::new(s).to_owned();
    shotboard(&[
        &flag("import"),
        &p("draft.fountain"),
        &flag("-o"),
        &p("one.ron"),
    ]);
    shotboard(&[
        &flag("export"),
        &p("one.ron"),
        &flag("--format"),
        &flag("fountain"),
        &flag("-o"),
        &p("back.fountain"),
    ]);
    shotboard(&[
        &flag("import"),
        &p("back.fountain"),
        &flag("-o"),
        &p("two.ron"),
    ]);
    let one = shotboard::store::load(&p("one.ron")).unwrap().board;
    let two = shotboard::store::load(&p("two.ron")).unwrap().board;
    assert_eq!(words(&two), words(&one));
    assert_eq!(one.scenes.len(), 3);
    assert_eq!(
        one.scenes[0].panels[0].action,
        "Flour hangs in the air. Everything is white."
    );
}

#[test]
fn sync_prints_the_plan_and_dry_run_leaves_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let flag = |s: &str| Path::new(s).to_owned();
    std::fs::write(p("draft.fountain"), SCRIPT).unwrap();
    shotboard(&[
        &flag("import"),
        &p("draft.fountain"),
        &flag("-o"),
        &p("b.ron"),
    ]);
    let draft2 = SCRIPT
        .replace("Four more hours.\n\nMAN", "Three more hours.\n\nMAN")
        .replace(
            "EXT. ALLEY - NIGHT #2#\n\nA cat watches from a bin.\n\n",
            "",
        );
    std::fs::write(p("draft2.fountain"), draft2).unwrap();
    let before = std::fs::read(p("b.ron")).unwrap();

    let dry = shotboard(&[
        &flag("sync"),
        &p("b.ron"),
        &p("draft2.fountain"),
        &flag("--dry-run"),
    ]);
    let text = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(text.contains("1 changed, 1 omitted"), "{text}");
    assert!(text.contains("[-Four-] {+Three+}"), "{text}");
    assert!(text.contains("dry run"), "{text}");
    assert_eq!(std::fs::read(p("b.ron")).unwrap(), before);

    shotboard(&[&flag("sync"), &p("b.ron"), &p("draft2.fountain")]);
    let board = shotboard::store::load(&p("b.ron")).unwrap().board;
    let headings: Vec<&str> = board.scenes.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "INT. BAKERY KITCHEN - NIGHT",
            "INT. BAKERY KITCHEN - DAWN",
            "OMITTED"
        ]
    );
    assert!(
        board.scenes[0].panels[0]
            .dialogue
            .contains("Three more hours.")
    );
}
