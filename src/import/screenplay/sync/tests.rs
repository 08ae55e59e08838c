use super::*;
use crate::edit::History;
use crate::import::screenplay::{board_from_fountain, fountain};
use crate::model::{Stroke, StrokePoint};

const DRAFT_1: &str = "\
INT. KITCHEN - NIGHT #1#

Ruth rinses a plate.

RUTH
Not tonight.

EXT. FIELD - NIGHT #2#

Wind bends the wheat.

INT. CELLAR - NIGHT #3#

A lamp swings.

EXT. ROAD - DAWN #4#

Headlights vanish.
";

fn board() -> Board {
    board_from_fountain(DRAFT_1).unwrap().board
}

fn plan(board: &Board, script: &str) -> SyncPlan {
    plan_sync(board, fountain::parse(script)).unwrap()
}

/// Plan and apply as one undo step; returns the history for undo.
fn apply(board: &mut Board, script: &str) -> (SyncPlan, History) {
    let plan = plan(board, script);
    let edit = plan.edit(board).unwrap();
    let mut history = History::new();
    history.apply(board, edit, "Update from script").unwrap();
    (plan, history)
}

fn headings(board: &Board) -> Vec<&str> {
    board.scenes.iter().map(|s| s.heading.as_str()).collect()
}

fn kind_of(plan: &SyncPlan, heading: &str) -> SceneChangeKind {
    plan.scenes
        .iter()
        .find(|c| c.heading == heading)
        .map(|c| c.kind)
        .unwrap_or_else(|| panic!("no scene {heading}"))
}

fn stroke() -> Stroke {
    Stroke {
        tool: Default::default(),
        layer: Default::default(),
        color: Default::default(),
        width: 0.01,
        opacity: 1.0,
        points: vec![
            StrokePoint {
                x: 10,
                y: 20,
                pressure: 255,
            };
            2
        ],
    }
}

#[test]
fn the_same_script_changes_nothing() {
    let mut b = board();
    let before = b.clone();
    let (plan, _) = apply(&mut b, DRAFT_1);
    assert!(!plan.has_changes());
    assert!(
        plan.scenes
            .iter()
            .all(|c| c.kind == SceneChangeKind::Unchanged && !c.moved)
    );
    assert_eq!(b, before);
}

#[test]
fn an_inserted_scene_becomes_a_new_scene_in_script_order() {
    let mut b = board();
    let script = DRAFT_1.replace(
        "INT. CELLAR - NIGHT #3#",
        "EXT. BARN - NIGHT #2A#\n\nA horse stamps.\n\nINT. CELLAR - NIGHT #3#",
    );
    let (plan, _) = apply(&mut b, &script);
    assert_eq!(kind_of(&plan, "EXT. BARN - NIGHT"), SceneChangeKind::New);
    assert_eq!(
        headings(&b),
        [
            "INT. KITCHEN - NIGHT",
            "EXT. FIELD - NIGHT",
            "EXT. BARN - NIGHT",
            "INT. CELLAR - NIGHT",
            "EXT. ROAD - DAWN"
        ]
    );
    assert_eq!(b.scenes[2].number.as_deref(), Some("2A"));
    assert_eq!(b.scenes[2].panels[0].action, "A horse stamps.");
}

#[test]
fn a_deleted_scene_moves_its_panels_and_drawings_to_omitted() {
    let mut b = board();
    let cellar_panel = b.scenes[2].panels[0].id;
    b.panel_mut(cellar_panel).unwrap().strokes.push(stroke());
    let script = DRAFT_1.replace("INT. CELLAR - NIGHT #3#\n\nA lamp swings.\n\n", "");
    let (plan, _) = apply(&mut b, &script);
    assert_eq!(
        kind_of(&plan, "INT. CELLAR - NIGHT"),
        SceneChangeKind::Omitted
    );
    assert_eq!(
        headings(&b),
        [
            "INT. KITCHEN - NIGHT",
            "EXT. FIELD - NIGHT",
            "EXT. ROAD - DAWN",
            OMITTED_HEADING
        ]
    );
    let kept = b.panel(cellar_panel).unwrap();
    assert_eq!(kept.strokes, vec![stroke()]);
    assert_eq!(b.find_panel(cellar_panel).unwrap().scene, 3);
}

#[test]
fn a_moved_scene_is_reported_once_and_follows_the_script() {
    let mut b = board();
    let road = "EXT. ROAD - DAWN #4#\n\nHeadlights vanish.\n";
    let script = format!("{road}\n{}", DRAFT_1.replace(road, ""));
    let (plan, _) = apply(&mut b, &script);
    let moved: Vec<&str> = plan
        .scenes
        .iter()
        .filter(|c| c.moved)
        .map(|c| c.heading.as_str())
        .collect();
    assert_eq!(moved, ["EXT. ROAD - DAWN"]);
    assert_eq!(headings(&b)[0], "EXT. ROAD - DAWN");
    assert_eq!(b.scenes.len(), 4);
}

#[test]
fn a_renamed_heading_is_updated_with_its_location() {
    let mut b = board();
    let script = DRAFT_1.replace("EXT. FIELD - NIGHT #2#", "EXT. WHEAT FIELD - NIGHT #2#");
    let (plan, _) = apply(&mut b, &script);
    let change = plan
        .scenes
        .iter()
        .find(|c| c.matched_by == Some(MatchedBy::Number) && c.heading_change.is_some())
        .unwrap();
    assert!(!change.heading_change.as_ref().unwrap().kept);
    assert_eq!(b.scenes[1].heading, "EXT. WHEAT FIELD - NIGHT");
    assert_eq!(b.scenes[1].location, "WHEAT FIELD");
}

#[test]
fn a_heading_edited_by_hand_is_kept_and_reported() {
    let mut b = board();
    b.scenes[1].heading = "EXT. FIELD (STORM) - NIGHT".to_owned();
    let script = DRAFT_1.replace("EXT. FIELD - NIGHT #2#", "EXT. WHEAT FIELD - NIGHT #2#");
    let (plan, _) = apply(&mut b, &script);
    assert_eq!(b.scenes[1].heading, "EXT. FIELD (STORM) - NIGHT");
    assert!(plan.summary(&b).contains("heading edited by hand, kept"));
}

#[test]
fn a_scene_renumbered_is_found_by_heading_and_takes_the_new_number() {
    let mut b = board();
    let script = DRAFT_1.replace("#3#", "#7#");
    let (plan, _) = apply(&mut b, &script);
    let change = plan
        .scenes
        .iter()
        .find(|c| c.heading == "INT. CELLAR - NIGHT")
        .unwrap();
    assert_eq!(change.matched_by, Some(MatchedBy::Heading));
    assert_eq!(b.scenes[2].number.as_deref(), Some("7"));
}

#[test]
fn a_scene_with_new_heading_and_number_is_found_by_its_words() {
    let mut b = board();
    let script = DRAFT_1.replace("INT. CELLAR - NIGHT #3#", "INT. BASEMENT - NIGHT #9#");
    let (plan, _) = apply(&mut b, &script);
    let change = plan
        .scenes
        .iter()
        .find(|c| c.heading == "INT. BASEMENT - NIGHT")
        .unwrap();
    assert_eq!(change.matched_by, Some(MatchedBy::Text));
    assert_eq!(b.scenes.len(), 4);
    assert_eq!(b.scenes[2].heading, "INT. BASEMENT - NIGHT");
}

#[test]
fn edited_dialogue_is_updated_with_a_word_diff() {
    let mut b = board();
    let panel = b.scenes[0].panels[0].id;
    let script = DRAFT_1.replace("Not tonight.", "Not tonight, Walt.");
    let (plan, _) = apply(&mut b, &script);
    assert_eq!(b.panel(panel).unwrap().dialogue, "RUTH\nNot tonight, Walt.");
    let PanelChange::Text { changes, .. } = &plan.scenes[0].panels[0] else {
        panic!("{:?}", plan.scenes[0].panels);
    };
    assert_eq!(
        render_diff(&changes[0].diff),
        "RUTH Not [-tonight.-] {+tonight, Walt.+}"
    );
    // The record now matches the new text, so a later draft updates it too.
    let again = plan_sync(&b, fountain::parse(&script.replace("Walt.", "Walter."))).unwrap();
    let PanelChange::Text { changes, .. } = &again.scenes[0].panels[0] else {
        panic!();
    };
    assert!(!changes[0].kept);
}

#[test]
fn hand_edited_panel_text_is_kept_and_reported() {
    let mut b = board();
    let panel = b.scenes[0].panels[0].id;
    b.panel_mut(panel).unwrap().action =
        "Ruth rinses a plate, slowly. (Director's take.)".to_owned();
    let script = DRAFT_1.replace("Ruth rinses a plate.", "Ruth scrubs a pan.");
    let (plan, _) = apply(&mut b, &script);
    assert_eq!(
        b.panel(panel).unwrap().action,
        "Ruth rinses a plate, slowly. (Director's take.)"
    );
    let summary = plan.summary(&b);
    assert!(
        summary.contains("1A action edited by hand, kept"),
        "{summary}"
    );
    assert!(summary.contains("{+scrubs"), "{summary}");
}

#[test]
fn a_new_paragraph_becomes_a_panel_beside_its_neighbours() {
    let mut b = board();
    let script = DRAFT_1.replace(
        "Ruth rinses a plate.\n",
        "Ruth rinses a plate.\n\nThe window rattles.\n",
    );
    let (_, _) = apply(&mut b, &script);
    let actions: Vec<&str> = b.scenes[0]
        .panels
        .iter()
        .map(|p| p.action.as_str())
        .collect();
    assert_eq!(actions, ["Ruth rinses a plate.", "The window rattles."]);
    // The dialogue now follows the new paragraph in the script.
    assert_eq!(b.scenes[0].panels[1].dialogue, "RUTH\nNot tonight.");
}

#[test]
fn panels_made_by_hand_and_their_drawings_stay() {
    let mut b = board();
    let mut ids = crate::model::IdAllocator::new(&b);
    let mut drawn = Panel::new(ids.panel());
    drawn.strokes.push(stroke());
    let drawn_id = drawn.id;
    b.scenes[1].panels.push(drawn);
    b.bump_next_id();
    let field_panel = b.scenes[1].panels[0].id;
    b.panel_mut(field_panel).unwrap().strokes.push(stroke());
    let script = DRAFT_1.replace("Wind bends the wheat.", "Wind flattens the wheat.");
    apply(&mut b, &script);
    assert_eq!(b.find_panel(drawn_id).unwrap().scene, 1);
    assert_eq!(b.panel(drawn_id).unwrap().strokes, vec![stroke()]);
    let field = b.panel(field_panel).unwrap();
    assert_eq!(field.action, "Wind flattens the wheat.");
    assert_eq!(field.strokes, vec![stroke()]);
}

#[test]
fn undo_restores_the_board_exactly() {
    let mut b = board();
    b.scenes[2].panels[0].strokes.push(stroke());
    let before = b.clone();
    let script = "\
EXT. ROAD - DAWN #4#

Headlights vanish into fog.

INT. KITCHEN - NIGHT #1#

Ruth scrubs a pan.

RUTH
Not tonight, Walt.

EXT. BARN - NIGHT #5#

A horse stamps.
";
    let (plan, mut history) = apply(&mut b, script);
    assert!(plan.has_changes());
    assert_ne!(b, before);
    assert!(history.undo(&mut b).unwrap().is_some());
    // Ids handed out are never handed out again, so the counter stays
    // ahead; everything else is as it was.
    assert!(b.next_id > before.next_id);
    b.next_id = before.next_id;
    assert_eq!(b, before);
    assert!(history.redo(&mut b).unwrap().is_some());
    assert_eq!(headings(&b)[0], "EXT. ROAD - DAWN");
}

#[test]
fn rejected_scenes_stay_as_they_are() {
    let mut b = board();
    let before = b.clone();
    let script = DRAFT_1
        .replace("Wind bends the wheat.", "Wind flattens the wheat.")
        .replace("INT. CELLAR - NIGHT #3#\n\nA lamp swings.\n\n", "");
    let mut plan = plan(&b, &script);
    for change in &mut plan.scenes {
        change.accept = false;
    }
    assert!(!plan.has_changes());
    let edit = plan.edit(&b).unwrap();
    History::new()
        .apply(&mut b, edit, "Update from script")
        .unwrap();
    assert_eq!(b, before);
}

#[test]
fn a_plan_for_another_version_of_the_board_is_refused() {
    let mut b = board();
    let plan = plan(&b, DRAFT_1);
    let mut ids = crate::model::IdAllocator::new(&b);
    b.scenes[0].panels.push(Panel::new(ids.panel()));
    b.bump_next_id();
    assert_eq!(plan.edit(&b), Err(SyncError::Stale));
}
