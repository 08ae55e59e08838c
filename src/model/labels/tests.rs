use super::*;
use crate::model::{Panel, PanelId, Scene, SceneId};

#[test]
fn letters_run_a_to_z_then_aa() {
    assert_eq!(shot_letters(0), "A");
    assert_eq!(shot_letters(25), "Z");
    assert_eq!(shot_letters(26), "AA");
    assert_eq!(shot_letters(27), "AB");
    assert_eq!(shot_letters(51), "AZ");
    assert_eq!(shot_letters(52), "BA");
    assert_eq!(shot_letters(26 + 26 * 26), "AAA");
}

#[test]
fn letters_without_i_and_o_skip_them_at_every_place() {
    let run: Vec<String> = (0..24).map(|i| letters(i, true)).collect();
    assert_eq!(run.concat(), "ABCDEFGHJKLMNPQRSTUVWXYZ");
    assert_eq!(letters(24, true), "AA");
    assert_eq!(letters(24 + 7, true), "AH");
    assert_eq!(letters(24 + 8, true), "AJ");
    assert!((0..2000).all(|i| !letters(i, true).contains(['I', 'O'])));
}

#[test]
fn continuing_panels_share_their_shot_label() {
    let mut board = Board::default();
    let mut scene = Scene::new(SceneId(1), "INT. A");
    for (i, new_shot) in [true, false, false, true, true].into_iter().enumerate() {
        let mut p = Panel::new(PanelId(10 + i as u64));
        p.new_shot = new_shot;
        scene.panels.push(p);
    }
    board.scenes.push(scene);
    let mut second = Scene::new(SceneId(2), "EXT. B");
    let mut p = Panel::new(PanelId(20));
    // The first panel of a scene starts a shot even if marked continuing.
    p.new_shot = false;
    second.panels.push(p);
    second.number = Some("12".into());
    board.scenes.push(second);

    assert_eq!(
        strings(&board),
        vec![vec!["1A.1", "1A.2", "1A.3", "1B", "1C"], vec!["12A"]]
    );
    assert_eq!(shot_labels(&board)[0][1].shot_code(), "1A");
}

/// A board of scenes with `shots[i]` one-panel shots each; scene ids are
/// 1, 2, …; panel ids 100 × scene + shot.
fn board_of(shots: &[usize], numbering: Numbering) -> Board {
    let mut board = Board {
        numbering,
        ..Board::default()
    };
    for (si, &count) in shots.iter().enumerate() {
        let sid = si as u64 + 1;
        let mut scene = Scene::new(SceneId(sid), format!("INT. ROOM {sid}"));
        for k in 0..count {
            scene.panels.push(Panel::new(PanelId(100 * sid + k as u64)));
        }
        board.scenes.push(scene);
    }
    board.bump_next_id();
    board
}

fn strings(board: &Board) -> Vec<Vec<String>> {
    shot_labels(board)
        .iter()
        .map(|s| s.iter().map(ToString::to_string).collect())
        .collect()
}

fn omitted_strings(board: &Board) -> Vec<String> {
    omitted(board).iter().map(ToString::to_string).collect()
}

#[test]
fn boards_saved_before_skipping_i_and_o_keep_their_letters() {
    let old = board_of(&[10], Numbering::default());
    assert_eq!(strings(&old)[0][8], "1I");
    let new = board_of(&[10], Numbering::for_new_board());
    assert_eq!(strings(&new)[0][8], "1J");
    assert_eq!(Board::new_untitled().numbering, Numbering::for_new_board());
}

#[test]
fn schemes_and_zero_padding() {
    let mut numbering = Numbering {
        scheme: ShotScheme::Dash,
        ..Numbering::default()
    };
    let mut board = board_of(&[2, 1], numbering.clone());
    board.scenes[0].panels[1].new_shot = false;
    assert_eq!(strings(&board), vec![vec!["1-1.1", "1-1.2"], vec!["2-1"]]);
    numbering.scheme = ShotScheme::Dot;
    numbering.zero_pad = 3;
    board.numbering = numbering;
    assert_eq!(
        strings(&board),
        vec![vec!["001.001.1", "001.001.2"], vec!["002.001"]]
    );
    assert_eq!(scene_numbers(&board), vec!["001", "002"]);
}

fn lock(board: &mut Board) {
    let mut numbering = board.numbering.clone();
    numbering.lock = Some(lock_now(board));
    board.numbering = numbering;
}

#[test]
fn a_scene_inserted_under_a_lock_gets_a_letter_after_the_scene_before_it() {
    let mut board = board_of(&[1, 1, 1], Numbering::for_new_board());
    board.scenes[2].number = Some("13".into());
    board.scenes[1].number = Some("12".into());
    lock(&mut board);
    let mut ids = crate::model::IdAllocator::new(&board);
    let first = Scene::new(ids.scene(), "INT. NEW 1");
    let second = Scene::new(ids.scene(), "INT. NEW 2");
    let opening = Scene::new(ids.scene(), "INT. COLD OPEN");
    // Unlocking would renumber; under the lock nothing locked moves.
    board.scenes.insert(2, second);
    board.scenes.insert(2, first);
    board.scenes.insert(0, opening);
    assert_eq!(
        scene_numbers(&board),
        vec!["A1", "1", "12", "12A", "12B", "13"]
    );
}

#[test]
fn a_new_panel_in_a_locked_scene_takes_the_next_free_letter() {
    let mut board = board_of(&[3], Numbering::for_new_board());
    board.scenes[0].panels[2].new_shot = false; // 1A, 1B.1, 1B.2
    lock(&mut board);
    assert_eq!(strings(&board), vec![vec!["1A", "1B.1", "1B.2"]]);
    // A new shot inside shot B, and a panel continuing it.
    let mut new_shot = Panel::new(PanelId(900));
    new_shot.new_shot = true;
    let mut continuing = Panel::new(PanelId(901));
    continuing.new_shot = false;
    board.scenes[0].panels.insert(2, continuing);
    board.scenes[0].panels.insert(2, new_shot);
    assert_eq!(
        strings(&board),
        vec![vec!["1A", "1B.1", "1C.1", "1C.2", "1B.2"]]
    );
}

#[test]
fn deleted_scenes_and_shots_are_omitted_and_reordering_keeps_numbers() {
    let mut board = board_of(&[2, 1, 1], Numbering::for_new_board());
    lock(&mut board);
    board.scenes[0].panels.remove(1); // shot 1B
    board.scenes.remove(1); // scene 2
    board.scenes.swap(0, 1); // scene 3 first
    assert_eq!(strings(&board), vec![vec!["3A"], vec!["1A"]]);
    assert_eq!(omitted_strings(&board), vec!["1B OMITTED", "2 OMITTED"]);
    // Locking again keeps what was omitted.
    lock(&mut board);
    assert_eq!(omitted_strings(&board), vec!["1B OMITTED", "2 OMITTED"]);
    assert_eq!(strings(&board), vec![vec!["3A"], vec!["1A"]]);
    // A new shot in scene 1 does not reuse the omitted B.
    board.scenes[1].panels.push(Panel::new(PanelId(950)));
    assert_eq!(strings(&board)[1], vec!["1A", "1C"]);
}
