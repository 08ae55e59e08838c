//! Derived numbering: scene numbers and shot labels (1A, 1B … Z, AA).
//!
//! Unlocked, labels are recomputed from the order of scenes and panels, so
//! reordering can never leave a stale label behind. Under a
//! [`NumberLock`](super::NumberLock) the frozen labels win: a scene or
//! panel added since gets an in-between label that no locked one uses
//! (a scene after 12 is 12A, then 12B; a new shot in scene 12 the next free
//! letter), and what was deleted is listed by [`omitted`].

use std::collections::{HashMap, HashSet};

use super::{
    Board, LockedScene, LockedShot, NumberLock, Numbering, PanelId, Scene, SceneId, ShotScheme,
};

/// The label of one panel, e.g. `1A` or, in a shot of several panels, `1A.2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShotLabel {
    /// The scene's number (its position, the script's number, or locked).
    pub scene: String,
    /// The shot within the scene: letters (A … Z, AA …) or a number.
    pub shot: String,
    /// What joins scene and shot: nothing, `-` or `.` (see [`ShotScheme`]).
    pub joiner: &'static str,
    /// 1-based index of the panel inside its shot.
    pub panel_in_shot: usize,
    /// How many panels the shot has.
    pub panels_in_shot: usize,
}

impl ShotLabel {
    /// `1A` — the shot, shared by all its panels.
    pub fn shot_code(&self) -> String {
        format!("{}{}{}", self.scene, self.joiner, self.shot)
    }
}

impl std::fmt::Display for ShotLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shot_code())?;
        if self.panels_in_shot > 1 {
            write!(f, ".{}", self.panel_in_shot)?;
        }
        Ok(())
    }
}

/// Spreadsheet-style letters: 0 → A, 25 → Z, 26 → AA, 27 → AB …
pub fn shot_letters(index: usize) -> String {
    letters(index, false)
}

const ALL_LETTERS: &[u8; 26] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LETTERS_WITHOUT_I_AND_O: &[u8; 24] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Spreadsheet-style letters over the whole alphabet, or without I and O
/// (0 → A, 7 → H, 8 → J, 23 → Z, 24 → AA).
pub fn letters(mut index: usize, skip_i_and_o: bool) -> String {
    let alphabet: &[u8] = if skip_i_and_o {
        LETTERS_WITHOUT_I_AND_O
    } else {
        ALL_LETTERS
    };
    let n = alphabet.len();
    let mut out = Vec::new();
    loop {
        out.push(alphabet[index % n]);
        if index < n {
            break;
        }
        index = index / n - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn padded(number: usize, width: u8) -> String {
    format!("{number:0width$}", width = usize::from(width))
}

/// The code of the `index`-th (0-based) shot of a scene under `numbering`.
fn shot_code(index: usize, numbering: &Numbering) -> String {
    match numbering.scheme {
        ShotScheme::Letters => letters(index, numbering.skip_i_and_o),
        ShotScheme::Dash | ShotScheme::Dot => padded(index + 1, numbering.zero_pad),
    }
}

/// The display number of scene `index` (0-based).
pub fn scene_number(board: &Board, index: usize) -> String {
    if board.numbering.lock.is_some() {
        return scene_numbers(board).swap_remove(index);
    }
    board
        .scenes
        .get(index)
        .and_then(|s| s.number.clone())
        .unwrap_or_else(|| padded(index + 1, board.numbering.zero_pad))
}

/// The display number of every scene, in board order.
pub fn scene_numbers(board: &Board) -> Vec<String> {
    let numbering = &board.numbering;
    let Some(lock) = &numbering.lock else {
        return (0..board.scenes.len())
            .map(|i| scene_number(board, i))
            .collect();
    };
    let locked: HashMap<SceneId, &str> = lock
        .scenes
        .iter()
        .map(|s| (s.id, s.number.as_str()))
        .collect();
    let mut used: HashSet<String> = lock.scenes.iter().map(|s| s.number.clone()).collect();
    // Scenes before the first locked one are lettered before it: A1, B1.
    let first_locked = board.scenes.iter().find_map(|s| locked.get(&s.id).copied());
    let mut after: Option<&str> = None;
    let mut numbers = Vec::with_capacity(board.scenes.len());
    for (i, scene) in board.scenes.iter().enumerate() {
        if let Some(&number) = locked.get(&scene.id) {
            after = Some(number);
            numbers.push(number.to_owned());
            continue;
        }
        let given = scene
            .number
            .as_ref()
            .filter(|n| !used.contains(*n))
            .cloned();
        let number = given.unwrap_or_else(|| {
            let candidate = |k: usize| {
                let suffix = letters(k, numbering.skip_i_and_o);
                match (after, first_locked) {
                    (Some(base), _) => format!("{base}{suffix}"),
                    (None, Some(first)) => format!("{suffix}{first}"),
                    (None, None) => format!("{}{suffix}", padded(i + 1, numbering.zero_pad)),
                }
            };
            (0..)
                .map(candidate)
                .find(|c| !used.contains(c))
                .unwrap_or_default()
        });
        used.insert(number.clone());
        numbers.push(number);
    }
    numbers
}

/// Labels for every panel, indexed `[scene][panel]` like the board.
pub fn shot_labels(board: &Board) -> Vec<Vec<ShotLabel>> {
    let numbering = &board.numbering;
    let numbers = scene_numbers(board);
    let locked = locked_scenes(numbering.lock.as_ref());
    board
        .scenes
        .iter()
        .zip(numbers)
        .map(|(scene, number)| {
            let codes = match locked.get(&scene.id) {
                Some(lock) => locked_codes(scene, lock, numbering),
                None => derived_codes(scene, numbering),
            };
            let mut sizes: HashMap<&str, usize> = HashMap::new();
            for code in &codes {
                *sizes.entry(code.as_str()).or_default() += 1;
            }
            let mut seen: HashMap<&str, usize> = HashMap::new();
            codes
                .iter()
                .map(|code| {
                    let nth = seen.entry(code.as_str()).or_default();
                    *nth += 1;
                    ShotLabel {
                        scene: number.clone(),
                        shot: code.clone(),
                        joiner: numbering.scheme.joiner(),
                        panel_in_shot: *nth,
                        panels_in_shot: sizes.get(code.as_str()).copied().unwrap_or(1),
                    }
                })
                .collect()
        })
        .collect()
}

fn locked_scenes(lock: Option<&NumberLock>) -> HashMap<SceneId, &LockedScene> {
    lock.map(|l| l.scenes.iter().map(|s| (s.id, s)).collect())
        .unwrap_or_default()
}

/// Today's codes: a shot starts at the scene's first panel and at every
/// panel marked as a new shot.
fn derived_codes(scene: &Scene, numbering: &Numbering) -> Vec<String> {
    let mut shot = 0usize;
    scene
        .panels
        .iter()
        .enumerate()
        .map(|(pi, panel)| {
            if pi > 0 && panel.new_shot {
                shot += 1;
            }
            shot_code(shot, numbering)
        })
        .collect()
}

/// Codes in a locked scene: locked panels keep theirs; a new panel that
/// continues the shot before it shares its code; any other new panel takes
/// the first code no locked shot of the scene (present or omitted) uses.
fn locked_codes(scene: &Scene, lock: &LockedScene, numbering: &Numbering) -> Vec<String> {
    let frozen: HashMap<PanelId, &str> = lock
        .shots
        .iter()
        .flat_map(|s| s.panels.iter().map(move |&p| (p, s.code.as_str())))
        .collect();
    let mut used: HashSet<String> = lock.shots.iter().map(|s| s.code.clone()).collect();
    let mut codes: Vec<String> = Vec::with_capacity(scene.panels.len());
    for (pi, panel) in scene.panels.iter().enumerate() {
        let code = if let Some(&code) = frozen.get(&panel.id) {
            code.to_owned()
        } else if let (true, Some(previous)) = (pi > 0 && !panel.new_shot, codes.last()) {
            previous.clone()
        } else {
            let code = (0..)
                .map(|k| shot_code(k, numbering))
                .find(|c| !used.contains(c))
                .unwrap_or_default();
            used.insert(code.clone());
            code
        };
        codes.push(code);
    }
    codes
}

/// A locked label whose scene or shot is no longer on the board: the shot
/// list, CSV and PDF print it as `12B OMITTED`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OmittedLabel {
    /// `12` for a scene, `12B` for a shot.
    pub label: String,
    /// The locked scene it belongs to.
    pub scene: SceneId,
    /// The shot's code, `None` when the whole scene is gone.
    pub shot: Option<String>,
}

impl std::fmt::Display for OmittedLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} OMITTED", self.label)
    }
}

/// Locked scenes and shots that are gone, in locked order. Empty when the
/// numbers are not locked.
pub fn omitted(board: &Board) -> Vec<OmittedLabel> {
    let numbering = &board.numbering;
    let Some(lock) = &numbering.lock else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for locked in &lock.scenes {
        let Some(scene) = board.scene(locked.id) else {
            out.push(OmittedLabel {
                label: locked.number.clone(),
                scene: locked.id,
                shot: None,
            });
            continue;
        };
        let present: HashSet<String> = locked_codes(scene, locked, numbering).into_iter().collect();
        for shot in locked.shots.iter().filter(|s| !present.contains(&s.code)) {
            out.push(OmittedLabel {
                label: format!(
                    "{}{}{}",
                    locked.number,
                    numbering.scheme.joiner(),
                    shot.code
                ),
                scene: locked.id,
                shot: Some(shot.code.clone()),
            });
        }
    }
    out
}

/// Freeze the board's labels as they are now. Scenes and shots already
/// omitted under an earlier lock stay omitted.
pub fn lock_now(board: &Board) -> NumberLock {
    let numbers = scene_numbers(board);
    let labels = shot_labels(board);
    let mut scenes: Vec<LockedScene> = board
        .scenes
        .iter()
        .zip(numbers)
        .zip(&labels)
        .map(|((scene, number), labels)| {
            let mut shots: Vec<LockedShot> = Vec::new();
            for (panel, label) in scene.panels.iter().zip(labels) {
                match shots.iter_mut().find(|s| s.code == label.shot) {
                    Some(shot) => shot.panels.push(panel.id),
                    None => shots.push(LockedShot {
                        code: label.shot.clone(),
                        panels: vec![panel.id],
                    }),
                }
            }
            LockedScene {
                id: scene.id,
                number,
                shots,
            }
        })
        .collect();
    let Some(old) = &board.numbering.lock else {
        return NumberLock { scenes };
    };
    for gone in omitted(board) {
        match &gone.shot {
            Some(code) => {
                if let Some(scene) = scenes.iter_mut().find(|s| s.id == gone.scene) {
                    scene.shots.push(LockedShot {
                        code: code.clone(),
                        panels: Vec::new(),
                    });
                }
            }
            None => {
                // Keep it after the scene it followed in the old lock.
                let old_index = old.scenes.iter().position(|s| s.id == gone.scene);
                let previous = old_index
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| old.scenes.get(i))
                    .and_then(|p| scenes.iter().position(|s| s.id == p.id));
                let at = previous.map_or(0, |i| i + 1);
                if let Some(entry) = old_index.and_then(|i| old.scenes.get(i)) {
                    scenes.insert(at, entry.clone());
                }
            }
        }
    }
    NumberLock { scenes }
}

#[cfg(test)]
mod tests;
