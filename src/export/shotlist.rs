//! The shot list: one row per panel with the facts a crew schedules by.
//!
//! Pure functions of a board, shared by the in-app table (sort, group) and
//! the CSV export, so the spreadsheet and the screen always agree.

use std::cmp::Ordering;

use crate::model::{
    Board, CameraAngle, CameraMove, PanelId, ReviewStatus, Scene, ShotSize, Transition, labels,
};

/// One panel as a shot-list row. Typed fields sort correctly (shot sizes
/// wide to close, durations by frames); [`ShotRow::cell`] gives the text.
#[derive(Clone, Debug, PartialEq)]
pub struct ShotRow {
    /// The panel this row shows, to select it on the canvas.
    pub panel: PanelId,
    /// Position of the panel on the board (0-based), the default order.
    pub index: usize,
    /// Position of the panel's scene on the board (0-based).
    pub scene_index: usize,
    /// The scene's display number (`12`, or its position).
    pub scene: String,
    /// The panel's shot label (`1A`, `1A.2`).
    pub shot: String,
    pub heading: String,
    /// The scene's location, or the place named in its heading.
    pub location: String,
    pub shot_size: Option<ShotSize>,
    pub angle: Option<CameraAngle>,
    pub movement: Option<CameraMove>,
    pub lens_mm: Option<u32>,
    /// Duration in whole frames at the board's frame rate.
    pub frames: u64,
    /// The same duration in seconds, exact to the frame.
    pub seconds: f64,
    /// The seconds as every view shows them ([`crate::model::Fps::seconds_text`]).
    pub seconds_text: String,
    pub transition: Transition,
    pub status: ReviewStatus,
    pub action: String,
    pub dialogue: String,
    pub notes: String,
}

/// A shot-list column, in table and CSV order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Scene,
    Shot,
    Heading,
    Location,
    ShotSize,
    Angle,
    Movement,
    Lens,
    Seconds,
    Frames,
    Transition,
    Status,
    Action,
    Dialogue,
    Notes,
}

impl Column {
    pub const ALL: [Self; 15] = [
        Self::Scene,
        Self::Shot,
        Self::Heading,
        Self::Location,
        Self::ShotSize,
        Self::Angle,
        Self::Movement,
        Self::Lens,
        Self::Seconds,
        Self::Frames,
        Self::Transition,
        Self::Status,
        Self::Action,
        Self::Dialogue,
        Self::Notes,
    ];

    /// Header text, used by the table and as the CSV header row.
    pub fn title(self) -> &'static str {
        match self {
            Self::Scene => "Scene",
            Self::Shot => "Shot",
            Self::Heading => "Heading",
            Self::Location => "Location",
            Self::ShotSize => "Shot size",
            Self::Angle => "Angle",
            Self::Movement => "Movement",
            Self::Lens => "Lens",
            Self::Seconds => "Seconds",
            Self::Frames => "Frames",
            Self::Transition => "Transition",
            Self::Status => "Status",
            Self::Action => "Action",
            Self::Dialogue => "Dialogue",
            Self::Notes => "Notes",
        }
    }
}

impl ShotRow {
    /// The text of one cell, as the table shows it and the CSV writes it.
    pub fn cell(&self, column: Column) -> String {
        fn opt(label: Option<&'static str>) -> String {
            label.unwrap_or_default().to_owned()
        }
        match column {
            Column::Scene => self.scene.clone(),
            Column::Shot => self.shot.clone(),
            Column::Heading => self.heading.clone(),
            Column::Location => self.location.clone(),
            Column::ShotSize => opt(self.shot_size.map(ShotSize::label)),
            Column::Angle => opt(self.angle.map(CameraAngle::label)),
            Column::Movement => opt(self.movement.map(CameraMove::label)),
            Column::Lens => self.lens_mm.map(|l| format!("{l}mm")).unwrap_or_default(),
            Column::Seconds => self.seconds_text.clone(),
            Column::Frames => self.frames.to_string(),
            Column::Transition => self.transition.label().to_owned(),
            Column::Status => self.status.label().to_owned(),
            Column::Action => self.action.clone(),
            Column::Dialogue => self.dialogue.clone(),
            Column::Notes => self.notes.clone(),
        }
    }

    /// All cells in [`Column::ALL`] order.
    pub fn cells(&self) -> Vec<String> {
        Column::ALL.iter().map(|&c| self.cell(c)).collect()
    }
}

/// Every panel of the board as a row, in board order.
pub fn rows(board: &Board) -> Vec<ShotRow> {
    let labels = labels::shot_labels(board);
    let mut rows = Vec::with_capacity(board.panel_count());
    for (si, scene) in board.scenes.iter().enumerate() {
        let number = labels::scene_number(board, si);
        let location = location_of(scene);
        for (pi, panel) in scene.panels.iter().enumerate() {
            let frames = board.panel_frames(panel);
            rows.push(ShotRow {
                panel: panel.id,
                index: rows.len(),
                scene_index: si,
                scene: number.clone(),
                shot: labels
                    .get(si)
                    .and_then(|l| l.get(pi))
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                heading: scene.heading.clone(),
                location: location.clone(),
                shot_size: panel.shot_size,
                angle: panel.angle,
                movement: panel.movement,
                lens_mm: panel.lens_mm,
                frames,
                seconds: board.fps.frames_to_secs(frames),
                seconds_text: board.fps.seconds_text(frames),
                transition: panel.transition,
                status: panel.status,
                action: panel.action.clone(),
                dialogue: panel.dialogue.clone(),
                notes: panel.notes.clone(),
            });
        }
    }
    rows
}

/// A scene's location: its own field, else the place in its heading
/// (`INT. KITCHEN - NIGHT` → `KITCHEN`), which is how a shoot is grouped.
pub fn location_of(scene: &Scene) -> String {
    let explicit = scene.location.trim();
    if !explicit.is_empty() {
        return explicit.to_owned();
    }
    let mut place = scene.heading.trim();
    for prefix in [
        "INT./EXT.",
        "EXT./INT.",
        "INT/EXT",
        "I/E",
        "INT.",
        "EXT.",
        "INT ",
        "EXT ",
    ] {
        if place.len() >= prefix.len()
            && place.is_char_boundary(prefix.len())
            && place[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            place = place[prefix.len()..].trim_start();
            break;
        }
    }
    if let Some(dash) = place.rfind(" - ") {
        place = &place[..dash];
    }
    place.trim().to_owned()
}

/// Sort rows by one column, stable (ties keep their current order).
///
/// Scene numbers and shot labels compare naturally (`2` before `10`,
/// `1B` before `1AA`); shot facts in their enum order; empty cells last.
pub fn sort_rows(rows: &mut [ShotRow], column: Column, descending: bool) {
    rows.sort_by(|a, b| {
        let ord = compare(a, b, column);
        if descending { ord.reverse() } else { ord }
    });
}

fn compare(a: &ShotRow, b: &ShotRow, column: Column) -> Ordering {
    fn pos<T: PartialEq>(all: &[T], v: &T) -> usize {
        all.iter().position(|x| x == v).unwrap_or(usize::MAX)
    }
    fn opt<T: PartialEq>(all: &[T], a: &Option<T>, b: &Option<T>) -> Ordering {
        let key = |v: &Option<T>| v.as_ref().map_or(usize::MAX, |v| pos(all, v));
        key(a).cmp(&key(b))
    }
    match column {
        Column::Scene => natural(&a.scene, &b.scene).then(a.scene_index.cmp(&b.scene_index)),
        Column::Shot => natural(&a.shot, &b.shot),
        Column::ShotSize => opt(ShotSize::ALL, &a.shot_size, &b.shot_size),
        Column::Angle => opt(CameraAngle::ALL, &a.angle, &b.angle),
        Column::Movement => opt(CameraMove::ALL, &a.movement, &b.movement),
        Column::Lens => match (a.lens_mm, b.lens_mm) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        Column::Seconds | Column::Frames => a.seconds.total_cmp(&b.seconds),
        Column::Transition => {
            pos(Transition::ALL, &a.transition).cmp(&pos(Transition::ALL, &b.transition))
        }
        Column::Status => pos(ReviewStatus::ALL, &a.status).cmp(&pos(ReviewStatus::ALL, &b.status)),
        Column::Heading | Column::Location | Column::Action | Column::Dialogue | Column::Notes => {
            text(&a.cell(column), &b.cell(column))
        }
    }
}

/// Case-insensitive text order with empty cells last.
fn text(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

/// Natural order: digit runs compare as numbers, letters by length then
/// alphabet (so shot letters run A … Z, AA), anything else as text.
fn natural(a: &str, b: &str) -> Ordering {
    let (ta, tb) = (tokens(a), tokens(b));
    for (x, y) in ta.iter().zip(&tb) {
        let ord = match (x, y) {
            (Token::Number(x), Token::Number(y)) => x.cmp(y),
            (Token::Number(_), Token::Text(_)) => Ordering::Less,
            (Token::Text(_), Token::Number(_)) => Ordering::Greater,
            (Token::Text(x), Token::Text(y)) => x.len().cmp(&y.len()).then_with(|| x.cmp(y)),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    ta.len().cmp(&tb.len())
}

#[derive(Debug)]
enum Token {
    Number(u128),
    Text(String),
}

fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        let digit = c.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() != digit {
                break;
            }
            run.push(c.to_ascii_uppercase());
            chars.next();
        }
        out.push(match run.parse() {
            Ok(n) if digit => Token::Number(n),
            _ => Token::Text(run),
        });
    }
    out
}

/// How the table groups its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grouping {
    Scene,
    /// Scenes at the same location together: how a shoot is scheduled.
    Location,
}

/// A run of rows under one heading.
#[derive(Clone, Debug, PartialEq)]
pub struct RowGroup {
    /// `3 — INT. KITCHEN - NIGHT` for a scene, the place for a location.
    pub title: String,
    /// Indices into the rows that were grouped, in their given order.
    pub rows: Vec<usize>,
    /// Total duration of the group's rows in frames.
    pub frames: u64,
}

/// Group rows (in their current, perhaps sorted, order). Groups appear in
/// order of their first row; rows keep their order inside a group.
pub fn group_rows(rows: &[ShotRow], by: Grouping) -> Vec<RowGroup> {
    let mut groups: Vec<RowGroup> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let (key, title) = match by {
            Grouping::Scene => (
                row.scene_index.to_string(),
                if row.heading.is_empty() {
                    row.scene.clone()
                } else {
                    format!("{} — {}", row.scene, row.heading)
                },
            ),
            Grouping::Location => {
                let title = if row.location.is_empty() {
                    "(no location)".to_owned()
                } else {
                    row.location.clone()
                };
                (title.to_lowercase(), title)
            }
        };
        let g = match keys.iter().position(|k| *k == key) {
            Some(g) => g,
            None => {
                keys.push(key);
                groups.push(RowGroup {
                    title,
                    rows: Vec::new(),
                    frames: 0,
                });
                groups.len() - 1
            }
        };
        groups[g].rows.push(i);
        groups[g].frames += row.frames;
    }
    groups
}

/// How the shot list orders its rows: the table's sort and grouping, which
/// a CSV exported from the app follows so the file reads as the screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RowOrder {
    /// Column and descending flag; `None` is board order.
    pub sort: Option<(Column, bool)>,
    pub grouping: Option<Grouping>,
}

/// The board's rows top to bottom as the table shows them: sorted, then
/// (when grouping) each group's rows together, groups in order of their
/// first row. Grouping these rows again yields runs of consecutive rows.
pub fn ordered_rows(board: &Board, order: RowOrder) -> Vec<ShotRow> {
    let mut rows = rows(board);
    if let Some((column, descending)) = order.sort {
        sort_rows(&mut rows, column, descending);
    }
    let Some(by) = order.grouping else {
        return rows;
    };
    let groups = group_rows(&rows, by);
    let mut rows: Vec<Option<ShotRow>> = rows.into_iter().map(Some).collect();
    groups
        .iter()
        .flat_map(|g| &g.rows)
        .filter_map(|&i| rows.get_mut(i).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fps, Panel, SceneId};

    fn board() -> Board {
        let mut board = Board {
            fps: Fps::Fps25,
            ..Board::default()
        };
        let mut s1 = Scene::new(SceneId(1), "INT. KITCHEN - NIGHT");
        let mut s2 = Scene::new(SceneId(2), "EXT. GARDEN - DAY");
        let mut s3 = Scene::new(SceneId(3), "INT. KITCHEN - DAY");
        s3.number = Some("10".into());
        let mut p = Panel::new(PanelId(11));
        p.shot_size = Some(ShotSize::CloseUp);
        p.lens_mm = Some(85);
        p.duration_ms = Some(1000);
        s1.panels.push(p);
        let mut p = Panel::new(PanelId(12));
        p.shot_size = Some(ShotSize::Wide);
        p.duration_ms = Some(3000);
        s1.panels.push(p);
        s2.panels.push(Panel::new(PanelId(21)));
        let mut p = Panel::new(PanelId(31));
        p.lens_mm = Some(24);
        s3.panels.push(p);
        board.scenes = vec![s1, s2, s3];
        board
    }

    #[test]
    fn rows_carry_labels_locations_and_frame_exact_durations() {
        let rows = rows(&board());
        let shots: Vec<&str> = rows.iter().map(|r| r.shot.as_str()).collect();
        assert_eq!(shots, ["1A", "1B", "2A", "10A"]);
        assert_eq!(rows[0].location, "KITCHEN");
        assert_eq!(rows[0].frames, 25);
        assert_eq!(rows[0].cell(Column::Seconds), "1.0");
        assert_eq!(rows[0].cell(Column::Lens), "85mm");
        assert_eq!(rows[2].frames, 50, "default duration is 2 s");
        assert_eq!(rows[1].cell(Column::ShotSize), "Wide");
        assert_eq!(rows[2].cell(Column::ShotSize), "");
    }

    #[test]
    fn sorting_is_natural_typed_and_puts_empty_last() {
        let mut rows = rows(&board());
        sort_rows(&mut rows, Column::Scene, true);
        assert_eq!(rows[0].scene, "10");
        sort_rows(&mut rows, Column::ShotSize, false);
        let sizes: Vec<_> = rows.iter().map(|r| r.shot_size).collect();
        assert_eq!(
            sizes,
            [Some(ShotSize::Wide), Some(ShotSize::CloseUp), None, None]
        );
        sort_rows(&mut rows, Column::Lens, false);
        assert_eq!(rows[0].lens_mm, Some(24));
        assert_eq!(rows[1].lens_mm, Some(85));
        sort_rows(&mut rows, Column::Frames, true);
        assert_eq!(rows[0].frames, 75);
        assert_eq!(natural("1B", "1AA"), Ordering::Less);
        assert_eq!(natural("2A", "10A"), Ordering::Less);
    }

    #[test]
    fn ordered_rows_sort_then_keep_each_group_together() {
        let shots = |order| -> Vec<String> {
            ordered_rows(&board(), order)
                .into_iter()
                .map(|r| r.shot)
                .collect()
        };
        assert_eq!(shots(RowOrder::default()), ["1A", "1B", "2A", "10A"]);
        let longest_first = Some((Column::Frames, true));
        // 1B 3 s, then 2A and 10A 2 s (ties keep board order), 1A 1 s.
        assert_eq!(
            shots(RowOrder {
                sort: longest_first,
                grouping: None
            }),
            ["1B", "2A", "10A", "1A"]
        );
        // By location: the kitchen (first row 1B) holds 1B 10A 1A, then the
        // garden.
        assert_eq!(
            shots(RowOrder {
                sort: longest_first,
                grouping: Some(Grouping::Location)
            }),
            ["1B", "10A", "1A", "2A"]
        );
    }

    #[test]
    fn grouping_by_location_brings_scenes_at_one_place_together() {
        let rows = rows(&board());
        let groups = group_rows(&rows, Grouping::Location);
        let titles: Vec<&str> = groups.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(titles, ["KITCHEN", "GARDEN"]);
        assert_eq!(groups[0].rows, [0, 1, 3]);
        assert_eq!(groups[0].frames, 25 + 75 + 50);

        let by_scene = group_rows(&rows, Grouping::Scene);
        assert_eq!(by_scene.len(), 3);
        assert_eq!(by_scene[2].title, "10 — INT. KITCHEN - DAY");
    }
}
