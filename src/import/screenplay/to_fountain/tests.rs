use super::*;
use crate::import::screenplay::board_from_fountain;
use crate::model::{PanelId, Scene, SceneId};

/// What a round trip must keep: per scene, its heading, number, and each
/// panel's action, dialogue and transition.
type Words = Vec<(String, Option<String>, Vec<(String, String, Transition)>)>;

fn words(board: &Board) -> Words {
    board
        .scenes
        .iter()
        .map(|s| {
            let panels = s
                .panels
                .iter()
                .map(|p| (p.action.clone(), p.dialogue.clone(), p.transition))
                .collect();
            (s.heading.clone(), s.number.clone(), panels)
        })
        .collect()
}

fn reimport(board: &Board) -> Board {
    let text = board_to_fountain(board);
    board_from_fountain(&text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .board
}

const SCRIPT: &str = "Title: Brick & Steel
Author: Stu Maschwitz

FADE IN:

EXT. BRICK'S PATIO - DAY #1#

A gorgeous day. The sun is shining.

BRICK (V.O.)
(quietly)
I know.

STEEL ^
I know too.

DISSOLVE TO:

Steel enters, *drenched*.

.FLASHBACK

WONKA
~Come with me
~And you'll see

INT. GARAGE - NIGHT #2A#

BANG!

McCLANE
Yippee.

FADE OUT.

Silence.
";

#[test]
fn fountain_to_board_to_fountain_to_board_keeps_the_words() {
    let first = board_from_fountain(SCRIPT).unwrap().board;
    let second = reimport(&first);
    assert_eq!(words(&second), words(&first));
    assert_eq!(second.title, first.title);
    assert_eq!(second.author, first.author);
    // And the written text is stable from then on.
    assert_eq!(board_to_fountain(&second), board_to_fountain(&first));
}

#[test]
fn text_fountain_would_misread_is_forced() {
    let mut board = Board::default();
    let mut scene = Scene::new(SceneId(1), "a dream");
    let texts = [
        ("INT. is how a heading starts", ""),
        ("BOOM", ""),
        (
            "Two paragraphs\n\nin one panel\n# not a section\n> not a transition",
            "",
        ),
        (
            "snake_case and 2*3*4",
            "little voice\nhello\n\nMARY (O.S.)\nwho?",
        ),
        ("", "JOHN\n♪ la la\n(beat)\nbye"),
        ("!bang", ""),
    ];
    for (i, (action, dialogue)) in texts.into_iter().enumerate() {
        let mut p = Panel::new(PanelId(10 + i as u64));
        p.action = action.to_owned();
        p.dialogue = dialogue.to_owned();
        scene.panels.push(p);
    }
    board.scenes.push(scene);
    let again = reimport(&board);
    assert_eq!(again.scenes[0].heading, "a dream");
    let got: Vec<(&str, &str)> = again.scenes[0]
        .panels
        .iter()
        .map(|p| (p.action.as_str(), p.dialogue.as_str()))
        .collect();
    // The panel with only dialogue joins the panel before it, as
    // dialogue after action does in any script.
    assert_eq!(
        got,
        vec![
            ("INT. is how a heading starts", ""),
            ("BOOM", ""),
            (
                "Two paragraphs\n\nin one panel\n# not a section\n> not a transition",
                ""
            ),
            (
                "snake_case and 2*3*4",
                "little voice\nhello\n\nMARY (O.S.)\nwho?\n\nJOHN\n♪ la la\n(beat)\nbye"
            ),
            ("!bang", ""),
        ]
    );
}

#[test]
fn panels_without_words_and_notes_are_left_out() {
    let mut board = Board::default();
    let mut scene = Scene::new(SceneId(1), "INT. A - DAY");
    let mut drawn = Panel::new(PanelId(2));
    drawn.notes = "director's note".to_owned();
    scene.panels.push(drawn);
    board.scenes.push(scene);
    let text = board_to_fountain(&board);
    assert_eq!(text, "Title: Untitled board\n\nINT. A - DAY\n");
}

#[test]
fn the_omitted_scene_is_not_written_back() {
    let mut board = board_from_fountain("INT. A - DAY\n\nKept.\n")
        .unwrap()
        .board;
    let mut omitted = Scene::new(
        SceneId(90),
        crate::import::screenplay::sync::OMITTED_HEADING,
    );
    let mut cut = Panel::new(PanelId(91));
    cut.action = "Cut by the writer.".to_owned();
    omitted.panels.push(cut);
    board.scenes.push(omitted);
    let text = board_to_fountain(&board);
    assert!(!text.contains("Cut by the writer."), "{text}");
    assert!(text.contains("Kept."), "{text}");
}
