use super::*;
use crate::edit::History;

fn board(text: &str) -> Board {
    board_from_fountain(text).unwrap().board
}

#[test]
fn each_heading_is_a_scene_with_number_and_location() {
    let b =
        board("INT. KITCHEN - NIGHT #12#\n\nShe cooks.\n\nEXT. HOUSE - GARDEN - DAY\n\nRain.\n");
    assert_eq!(b.scenes.len(), 2);
    assert_eq!(b.scenes[0].heading, "INT. KITCHEN - NIGHT");
    assert_eq!(b.scenes[0].number.as_deref(), Some("12"));
    assert_eq!(b.scenes[0].location, "KITCHEN");
    assert_eq!(b.scenes[1].number, None);
    assert_eq!(b.scenes[1].location, "HOUSE - GARDEN");
}

#[test]
fn locations_of_unusual_headings() {
    assert_eq!(location_of("INT./EXT. CAR - MOVING - DAY"), "CAR - MOVING");
    assert_eq!(location_of("EST. CITY"), "CITY");
    assert_eq!(location_of("I/E TRUCK - NIGHT"), "TRUCK");
    assert_eq!(location_of("SNIPER SCOPE POV"), "");
}

#[test]
fn each_action_paragraph_is_a_panel_with_its_dialogue() {
    let b = board(
        "INT. A - DAY\n\nMary sits.\n\nMARY (V.O.)\n(quietly)\nI know.\n\nJOHN\nYou do?\n\nJohn leaves.\n",
    );
    let panels = &b.scenes[0].panels;
    assert_eq!(panels.len(), 2);
    assert_eq!(panels[0].action, "Mary sits.");
    assert_eq!(
        panels[0].dialogue,
        "MARY (V.O.)\n(quietly)\nI know.\n\nJOHN\nYou do?"
    );
    assert_eq!(panels[1].action, "John leaves.");
    assert_eq!(panels[1].dialogue, "");
}

#[test]
fn dialogue_with_no_action_before_it_gets_its_own_panel() {
    let b =
        board("INT. A - DAY\n\nMARY\nHello?\n\nShe waits.\n\nEXT. B - DAY\n\nJOHN\nOut here.\n");
    assert_eq!(b.scenes[0].panels.len(), 2);
    assert_eq!(b.scenes[0].panels[0].action, "");
    assert_eq!(b.scenes[0].panels[0].dialogue, "MARY\nHello?");
    // Dialogue does not reach back into the previous scene.
    assert_eq!(b.scenes[1].panels.len(), 1);
    assert_eq!(b.scenes[1].panels[0].dialogue, "JOHN\nOut here.");
}

#[test]
fn dual_dialogue_stays_in_one_panel() {
    let b =
        board("INT. A\n\nThey shout.\n\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n");
    assert_eq!(
        b.scenes[0].panels[0].dialogue,
        "BRICK\nScrew retirement.\n\nSTEEL (simultaneously)\nScrew retirement."
    );
}

#[test]
fn lyrics_are_sung_dialogue() {
    let b = board("INT. A\n\nWONKA\n~Come with me\n~And you'll see\n");
    assert_eq!(
        b.scenes[0].panels[0].dialogue,
        "WONKA\n♪ Come with me\n♪ And you'll see"
    );
}

#[test]
fn transitions_become_the_next_panels_transition() {
    let b = board(
        "FADE IN:\n\nINT. A\n\nOne.\n\nDISSOLVE TO:\n\nTwo.\n\nSMASH CUT TO:\n\nEXT. B\n\nThree.\n\nWIPE TO:\n\nFour.\n\nFADE TO BLACK.\n\nFive.\n",
    );
    let panels: Vec<&Panel> = b.panels().collect();
    let transitions: Vec<Transition> = panels.iter().map(|p| p.transition).collect();
    assert_eq!(
        transitions,
        vec![
            Transition::FadeIn,
            Transition::Dissolve,
            Transition::Cut,
            Transition::Wipe,
            Transition::FadeOut,
        ]
    );
    assert_eq!(panels[2].notes, "SMASH CUT TO:");
}

#[test]
fn a_final_transition_is_kept_in_the_last_panels_notes() {
    let imported = board_from_fountain("INT. A\n\nThe end.\n\nFADE OUT.\n").unwrap();
    assert_eq!(imported.board.scenes[0].panels[0].notes, "FADE OUT.");
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.warnings[0].line, 5);
}

#[test]
fn notes_go_to_their_panel_or_wait_for_the_next() {
    let b =
        board("INT. A\n\n[[Shoot at dawn]]\n\nHe runs. [[fast!]]\n\nEXT. B\n\n[[No panel here]]\n");
    assert_eq!(b.scenes[0].panels[0].notes, "Shoot at dawn\nfast!");
    assert_eq!(b.scenes[1].panels.len(), 0);
    assert_eq!(b.scenes[1].notes, "No panel here");
}

#[test]
fn sections_and_synopses_become_scene_notes() {
    let b = board(
        "# ACT ONE\n\n= Brick is bored.\n\nINT. A\n\n= He plays cards.\n\nCards.\n\n## Later\n\nINT. B\n\nMore.\n",
    );
    assert_eq!(
        b.scenes[0].notes,
        "Section: ACT ONE\nSynopsis: Brick is bored.\nSynopsis: He plays cards."
    );
    assert_eq!(b.scenes[1].notes, "Section: Later");
}

#[test]
fn action_before_the_first_heading_opens_a_scene_with_a_warning() {
    let imported = board_from_fountain("A black screen.\n\nINT. A\n\nLight.\n").unwrap();
    let b = imported.board;
    assert_eq!(b.scenes.len(), 2);
    assert_eq!(b.scenes[0].heading, OPENING_HEADING);
    assert_eq!(b.scenes[0].panels[0].action, "A black screen.");
    assert_eq!(imported.warnings[0].line, 1);
}

#[test]
fn title_page_fills_title_and_author() {
    let b = board(
        "Title: **Brick & Steel**\nCredit: Written by\nAuthors: Stu\n    Maschwitz Jr.\n\nINT. A\n\nGo.\n",
    );
    assert_eq!(b.title, "Brick & Steel");
    assert_eq!(b.author, "Stu, Maschwitz Jr.");
}

#[test]
fn ids_are_unique_and_the_counter_is_past_them() {
    let b = board("INT. A\n\nOne.\n\nTwo.\n\nINT. B\n\nThree.\n");
    let mut ids: Vec<u64> = b.scenes.iter().map(|s| s.id.0).collect();
    ids.extend(b.panels().map(|p| p.id.0));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    assert_eq!(b.next_id, b.max_used_id() + 1);
}

#[test]
fn a_script_with_nothing_to_board_is_an_error() {
    for text in [
        "",
        "\n\n",
        "Title: Empty\n\n",
        "/* all cut */",
        "[[only a note]]",
    ] {
        let err = board_from_fountain(text).unwrap_err();
        assert!(matches!(err, ScriptError::Empty), "{text:?}");
        assert!(err.to_string().contains("no scene headings"));
    }
}

#[test]
fn non_utf8_bytes_are_refused_naming_line_and_column() {
    let err = board_from_fountain_bytes(b"INT. A\n\nCaf\xe9 noir.\n").unwrap_err();
    assert!(
        matches!(err, ScriptError::NotUtf8 { line: 3, column: 4 }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("line 3, column 4:"));
}

#[test]
fn appending_adds_scenes_with_fresh_ids_in_one_undo_step() {
    let mut history = History::default();
    let mut target = board("INT. FIRST\n\nOld panel.\n");
    let before = target.clone();
    let (edit, warnings) =
        append_script(&target, "INT. SECOND\n\nNew.\n\nINT. THIRD\n\nNewer.\n").unwrap();
    assert!(warnings.is_empty());
    history.apply(&mut target, edit, "Import script").unwrap();
    assert_eq!(history.undo_depth(), 1);
    let headings: Vec<&str> = target.scenes.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["INT. FIRST", "INT. SECOND", "INT. THIRD"]);
    assert_eq!(target.title, before.title);
    assert!(history.undo(&mut target).unwrap().is_some());
    assert_eq!(target.scenes, before.scenes);
}

#[test]
fn an_empty_title_leaves_the_default_title() {
    let b = board("Title:\nAuthor:\n\nINT. A\n\nGo.\n");
    assert_eq!(b.title, Board::default().title);
    assert_eq!(b.author, "");
}
