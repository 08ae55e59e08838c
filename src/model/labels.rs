//! Derived numbering: scene numbers and shot labels (1A, 1B … Z, AA).
//!
//! Never stored as truth: recomputed from the order of scenes and panels, so
//! reordering can never leave a stale label behind.

use super::Board;

/// The label of one panel, e.g. `1A` or, in a shot of several panels, `1A.2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShotLabel {
    /// The scene's number (its position, or the script's number).
    pub scene: String,
    /// Letters of the shot within the scene: A … Z, AA, AB …
    pub shot: String,
    /// 1-based index of the panel inside its shot.
    pub panel_in_shot: usize,
    /// How many panels the shot has.
    pub panels_in_shot: usize,
}

impl ShotLabel {
    /// `1A` — the shot, shared by all its panels.
    pub fn shot_code(&self) -> String {
        format!("{}{}", self.scene, self.shot)
    }
}

impl std::fmt::Display for ShotLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.panels_in_shot > 1 {
            write!(f, "{}{}.{}", self.scene, self.shot, self.panel_in_shot)
        } else {
            write!(f, "{}{}", self.scene, self.shot)
        }
    }
}

/// Spreadsheet-style letters: 0 → A, 25 → Z, 26 → AA, 27 → AB …
pub fn shot_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The display number of scene `index` (0-based).
pub fn scene_number(board: &Board, index: usize) -> String {
    board
        .scenes
        .get(index)
        .and_then(|s| s.number.clone())
        .unwrap_or_else(|| (index + 1).to_string())
}

/// Labels for every panel, indexed `[scene][panel]` like the board.
pub fn shot_labels(board: &Board) -> Vec<Vec<ShotLabel>> {
    board
        .scenes
        .iter()
        .enumerate()
        .map(|(si, scene)| {
            let number = scene_number(board, si);
            // First pass: which shot each panel belongs to.
            let mut shot_of = Vec::with_capacity(scene.panels.len());
            let mut shot = 0usize;
            for (pi, panel) in scene.panels.iter().enumerate() {
                if pi > 0 && panel.new_shot {
                    shot += 1;
                }
                shot_of.push(shot);
            }
            let mut sizes = vec![0usize; shot + 1];
            for &s in &shot_of {
                sizes[s] += 1;
            }
            let mut seen = vec![0usize; shot + 1];
            shot_of
                .iter()
                .map(|&s| {
                    seen[s] += 1;
                    ShotLabel {
                        scene: number.clone(),
                        shot: shot_letters(s),
                        panel_in_shot: seen[s],
                        panels_in_shot: sizes[s],
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
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

        let labels: Vec<Vec<String>> = shot_labels(&board)
            .iter()
            .map(|s| s.iter().map(ToString::to_string).collect())
            .collect();
        assert_eq!(
            labels,
            vec![vec!["1A.1", "1A.2", "1A.3", "1B", "1C"], vec!["12A"]]
        );
        assert_eq!(shot_labels(&board)[0][1].shot_code(), "1A");
    }
}
