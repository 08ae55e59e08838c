//! The shooting plan's arithmetic: setups, time estimates, day totals,
//! company moves, cast, page counts, runtime budgets and day-out-of-days.
//!
//! Pure functions of a board, so the breakdown view, the stripboard, the
//! call sheet, the CSV and JSON exports and `shotboard info` all show the
//! same numbers.

use std::collections::HashSet;

use super::heading::parse_heading;
use super::{
    Board, CameraAngle, IntExt, Panel, PanelId, Plan, Scene, SceneId, ShotSize, TagKind, TimeOfDay,
};

/// What makes a camera setup: shot size, angle and lens. A change of any
/// of them moves the camera (and usually the lights), so shots sharing all
/// three are shot together from one setup.
pub type SetupKey = (Option<ShotSize>, Option<CameraAngle>, Option<u32>);

pub fn setup_key(panel: &Panel) -> SetupKey {
    (panel.shot_size, panel.angle, panel.lens_mm)
}

/// The panels that start a shot, in board order. The first panel of a
/// scene always starts one, whatever its flag says.
pub fn shot_starts(scene: &Scene) -> impl Iterator<Item = &Panel> {
    scene
        .panels
        .iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || p.new_shot)
        .map(|(_, p)| p)
}

/// A scene's shots grouped by setup, setups in the order the board first
/// uses them: the order a crew shoots in, which is the on-set list's order.
pub fn setups(scene: &Scene) -> Vec<Vec<PanelId>> {
    let mut keys: Vec<SetupKey> = Vec::new();
    let mut groups: Vec<Vec<PanelId>> = Vec::new();
    for shot in shot_starts(scene) {
        let key = setup_key(shot);
        match keys.iter().position(|k| *k == key) {
            Some(i) => groups[i].push(shot.id),
            None => {
                keys.push(key);
                groups.push(vec![shot.id]);
            }
        }
    }
    groups
}

/// How many camera setups a scene needs: one per distinct shot size,
/// angle and lens among its shots (0 for a scene without panels).
pub fn setup_count(scene: &Scene) -> u32 {
    setups(scene).len() as u32
}

/// Minutes per setup for a scene: its own override, else the plan's.
pub fn minutes_per_setup(plan: &Plan, scene: &Scene) -> u32 {
    scene
        .breakdown
        .minutes_per_setup
        .unwrap_or(plan.minutes_per_setup)
}

/// Estimated shooting time of a scene in minutes: setups × minutes per
/// setup, plus the scene's adjustment, never below zero.
pub fn estimate_minutes(plan: &Plan, scene: &Scene) -> u32 {
    let base = i64::from(setup_count(scene)) * i64::from(minutes_per_setup(plan, scene));
    (base + i64::from(scene.breakdown.adjust_minutes)).clamp(0, i64::from(u32::MAX)) as u32
}

/// Interior/exterior: the breakdown's choice, else the heading's.
pub fn int_ext(scene: &Scene) -> Option<IntExt> {
    scene
        .breakdown
        .int_ext
        .or_else(|| parse_heading(&scene.heading).int_ext)
}

/// Time of day: the breakdown's choice, else the heading's.
pub fn time_of_day(scene: &Scene) -> Option<TimeOfDay> {
    scene
        .breakdown
        .time_of_day
        .or_else(|| parse_heading(&scene.heading).time_of_day)
}

/// The set or location: the scene's location field, else the heading's set.
pub fn set_name(scene: &Scene) -> String {
    let location = scene.location.trim();
    if location.is_empty() {
        parse_heading(&scene.heading).set
    } else {
        location.to_owned()
    }
}

/// The characters who speak in a scene's dialogue, in order of first line.
///
/// Dialogue is written as blocks separated by a blank line, each starting
/// with its cue (`MARY (V.O.)`), as a script import writes it; a hand-typed
/// `MARY: Hello.` counts too. Extensions in brackets are not part of the
/// name.
pub fn speakers(scene: &Scene) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for panel in &scene.panels {
        for block in panel.dialogue.split("\n\n") {
            let Some(first) = block.lines().map(str::trim).find(|l| !l.is_empty()) else {
                continue;
            };
            if let Some(name) = cue_name(first) {
                push_unique(&mut out, name);
            }
        }
    }
    out
}

/// The name in a cue line, if the line is one: upper-case letters before
/// any bracket, or a name before a colon.
fn cue_name(line: &str) -> Option<String> {
    let (candidate, colon) = match line.split_once(':') {
        Some((name, _)) => (name, true),
        None => (line, false),
    };
    let name = candidate.split('(').next().unwrap_or("").trim();
    let name = name.trim_end_matches('^').trim();
    if name.is_empty() || name.len() > 40 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    // A cue line is all upper case; after a colon any case is a name, as
    // long as it is short (not a sentence with a colon in it).
    let upper = !name.chars().any(char::is_lowercase);
    (upper || (colon && name.split_whitespace().count() <= 3)).then(|| name.to_uppercase())
}

fn push_unique(list: &mut Vec<String>, name: String) {
    if !list.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
        list.push(name);
    }
}

/// A scene's cast: the speakers, then the names added by hand.
pub fn cast(scene: &Scene) -> Vec<String> {
    let mut out = speakers(scene);
    for name in &scene.breakdown.cast {
        let name = name.trim();
        if !name.is_empty() {
            push_unique(&mut out, name.to_uppercase());
        }
    }
    out
}

/// Every tag of `kind` used anywhere on the board, sorted: what the
/// breakdown's tag fields suggest as you type.
pub fn board_tags(board: &Board, kind: TagKind) -> Vec<String> {
    let mut all: Vec<String> = board
        .scenes
        .iter()
        .flat_map(|s| s.breakdown.tags(kind).iter().cloned())
        .collect();
    if kind == TagKind::Cast {
        all.extend(board.scenes.iter().flat_map(speakers));
    }
    all.sort_by_key(|t| t.to_lowercase());
    all.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    all
}

/// Script lines per page: the industry's one-page-a-minute layout.
const LINES_PER_PAGE: usize = 55;

/// A scene's length in eighths of a page, when it came from a script.
///
/// Estimated from the text as a screenplay lays it out: the heading and a
/// blank line, action wrapped at 60 characters, dialogue at 35, a blank
/// line between paragraphs. At least one eighth: a scene never counts as
/// nothing on a schedule.
pub fn page_eighths(scene: &Scene) -> Option<u32> {
    scene.script_heading?;
    let mut lines = 2usize;
    for panel in &scene.panels {
        for (text, width) in [(&panel.action, 60), (&panel.dialogue, 35)] {
            for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                lines += paragraph
                    .lines()
                    .map(|l| l.chars().count().div_ceil(width).max(1))
                    .sum::<usize>()
                    + 1;
            }
        }
    }
    Some(((lines * 8).div_ceil(LINES_PER_PAGE)).max(1) as u32)
}

/// Eighths as a script supervisor writes them: `3/8`, `1`, `1 2/8`.
pub fn eighths_label(eighths: u32) -> String {
    match (eighths / 8, eighths % 8) {
        (0, e) => format!("{e}/8"),
        (p, 0) => p.to_string(),
        (p, e) => format!("{p} {e}/8"),
    }
}

/// The number of company moves in a day: each time the next scene is at a
/// different set than the one before (compared without case or spacing).
pub fn company_moves<S: AsRef<str>>(sets: &[S]) -> usize {
    let norm = |s: &S| {
        s.as_ref()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    sets.windows(2)
        .filter(|pair| norm(&pair[0]) != norm(&pair[1]))
        .count()
}

/// One shooting day's numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayTotals {
    /// The day's scenes that are on the board, in shooting order.
    pub scenes: Vec<SceneId>,
    pub setups: u32,
    /// Estimated shooting time.
    pub minutes: u32,
    /// The day's length.
    pub day_minutes: u32,
    pub company_moves: usize,
    /// Everyone needed, in order of first appearance.
    pub cast: Vec<String>,
    /// Page eighths of the scenes that came from a script.
    pub eighths: u32,
}

impl DayTotals {
    /// The estimate runs past the day's length.
    pub fn over_long(&self) -> bool {
        self.minutes > self.day_minutes
    }
}

/// The numbers of day `index` of the board's plan (an empty day past the
/// end). Scenes the plan lists but the board no longer has are skipped.
pub fn day_totals(board: &Board, index: usize) -> DayTotals {
    let plan = &board.plan;
    let scenes: Vec<&Scene> = plan
        .days
        .get(index)
        .map(|d| d.scenes.iter().filter_map(|id| board.scene(*id)).collect())
        .unwrap_or_default();
    let mut cast_needed = Vec::new();
    for scene in &scenes {
        for name in cast(scene) {
            push_unique(&mut cast_needed, name);
        }
    }
    let sets: Vec<String> = scenes.iter().map(|s| set_name(s)).collect();
    DayTotals {
        scenes: scenes.iter().map(|s| s.id).collect(),
        setups: scenes.iter().map(|s| setup_count(s)).sum(),
        minutes: scenes.iter().map(|s| estimate_minutes(plan, s)).sum(),
        day_minutes: plan.day_length(index),
        company_moves: company_moves(&sets),
        cast: cast_needed,
        eighths: scenes.iter().filter_map(|s| page_eighths(s)).sum(),
    }
}

/// The board's scenes on no day, in board order.
pub fn unscheduled(board: &Board) -> Vec<SceneId> {
    let planned: HashSet<SceneId> = board
        .plan
        .days
        .iter()
        .flat_map(|d| d.scenes.iter().copied())
        .collect();
    board
        .scenes
        .iter()
        .map(|s| s.id)
        .filter(|id| !planned.contains(id))
        .collect()
}

/// Estimated shooting time of the whole board, scheduled or not.
pub fn board_estimate_minutes(board: &Board) -> u32 {
    board
        .scenes
        .iter()
        .map(|s| estimate_minutes(&board.plan, s))
        .sum()
}

/// A day-out-of-days code: what a cast member does on one shooting day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DoodCode {
    /// Start, work: the first day worked.
    StartWork,
    /// Work: a day worked between the first and the last.
    Work,
    /// Work, finish: the last day worked.
    WorkFinish,
    /// Start, work, finish: the only day worked.
    StartWorkFinish,
    /// Hold: paid but not working, between the first and the last day.
    Hold,
}

impl DoodCode {
    pub fn code(self) -> &'static str {
        match self {
            Self::StartWork => "SW",
            Self::Work => "W",
            Self::WorkFinish => "WF",
            Self::StartWorkFinish => "SWF",
            Self::Hold => "H",
        }
    }
}

/// The codes for one cast member from the days they work (one flag per
/// shooting day): nothing before the first day or after the last, `H` for
/// the days between that they don't work.
pub fn dood_codes(worked: &[bool]) -> Vec<Option<DoodCode>> {
    let first = worked.iter().position(|w| *w);
    let last = worked.iter().rposition(|w| *w);
    let (Some(first), Some(last)) = (first, last) else {
        return vec![None; worked.len()];
    };
    worked
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            Some(match (w, i == first, i == last) {
                (true, true, true) => DoodCode::StartWorkFinish,
                (true, true, false) => DoodCode::StartWork,
                (true, false, true) => DoodCode::WorkFinish,
                (true, false, false) => DoodCode::Work,
                (false, _, _) if i > first && i < last => DoodCode::Hold,
                (false, _, _) => return None,
            })
        })
        .collect()
}

/// One cast member's row of the day-out-of-days table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoodRow {
    pub name: String,
    pub codes: Vec<Option<DoodCode>>,
    /// Days worked.
    pub work_days: usize,
    /// Days held.
    pub hold_days: usize,
}

/// The day-out-of-days table: every cast member of a scheduled scene, in
/// order of first working day, with a code per shooting day.
pub fn day_out_of_days(board: &Board) -> Vec<DoodRow> {
    let days: Vec<Vec<String>> = (0..board.plan.days.len())
        .map(|i| day_totals(board, i).cast)
        .collect();
    let mut names: Vec<String> = Vec::new();
    for day in &days {
        for name in day {
            push_unique(&mut names, name.clone());
        }
    }
    names
        .into_iter()
        .map(|name| {
            let worked: Vec<bool> = days
                .iter()
                .map(|d| d.iter().any(|n| n.eq_ignore_ascii_case(&name)))
                .collect();
            let codes = dood_codes(&worked);
            DoodRow {
                work_days: worked.iter().filter(|w| **w).count(),
                hold_days: codes.iter().filter(|c| **c == Some(DoodCode::Hold)).count(),
                name,
                codes,
            }
        })
        .collect()
}

/// `m:ss` for a runtime in milliseconds (`h:mm:ss` past an hour).
pub fn runtime_text(ms: u64) -> String {
    let secs = (ms + 500) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Actual against target, e.g. `1:32 of 2:00 (0:28 under)`; just the
/// actual when there is no target.
pub fn budget_text(actual_ms: u64, target_ms: Option<u64>) -> String {
    let actual = runtime_text(actual_ms);
    match target_ms {
        None => actual,
        Some(target) if actual_ms > target => format!(
            "{actual} of {} ({} over)",
            runtime_text(target),
            runtime_text(actual_ms - target)
        ),
        Some(target) if actual_ms < target => format!(
            "{actual} of {} ({} under)",
            runtime_text(target),
            runtime_text(target - actual_ms)
        ),
        Some(target) => format!("{actual} of {} (on target)", runtime_text(target)),
    }
}

/// What a view appends to a runtime when there is a target:
/// ` · target 2:00, 0:28 under` (nothing without a target).
pub fn target_suffix(actual_ms: u64, target_ms: Option<u64>) -> String {
    let Some(target) = target_ms else {
        return String::new();
    };
    let diff = if actual_ms > target {
        format!("{} over", runtime_text(actual_ms - target))
    } else if actual_ms < target {
        format!("{} under", runtime_text(target - actual_ms))
    } else {
        "on target".to_owned()
    };
    format!(" · target {}, {diff}", runtime_text(target))
}

/// Hours and minutes, `7 h 40 min`.
pub fn minutes_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests;
