//! The shooting plan as JSON, for crew tools to import: every scene's
//! breakdown and estimate, the days in shooting order with their totals,
//! the shots with their takes, and the day-out-of-days.
//!
//! The format is documented in `docs/plan-json.md` and checked by
//! `docs/plan.schema.json` (JSON Schema); `schema` names its version, which
//! changes only when a field changes meaning or goes away.
//!
//! The same [`PlanDoc`] feeds the breakdown and schedule CSVs and the call
//! sheet, so all of them print the same numbers.

use std::path::Path;

use serde::Serialize;

use super::{ExportError, Progress, staging};
use crate::model::schedule::{self, DoodCode};
use crate::model::{Board, Panel, Scene, TagKind, labels};

/// The `schema` value of this version of the format.
pub const PLAN_SCHEMA: &str = "shotboard-plan/1";

/// The whole plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanDoc {
    pub schema: &'static str,
    pub title: String,
    pub minutes_per_setup: u32,
    pub day_minutes: u32,
    pub runtime_ms: u64,
    pub target_runtime_ms: Option<u64>,
    /// Estimated shooting time of every scene on the board.
    pub estimated_minutes: u32,
    pub days: Vec<PlanDay>,
    /// Scenes on no day, in board order.
    pub unscheduled: Vec<PlanScene>,
    /// Day-out-of-days, one row per cast member.
    pub cast: Vec<PlanCast>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanDay {
    /// 1-based shooting day.
    pub day: usize,
    pub date: String,
    pub notes: String,
    pub day_minutes: u32,
    pub estimated_minutes: u32,
    pub over_long: bool,
    pub setups: u32,
    pub company_moves: usize,
    pub page_eighths: u32,
    pub cast: Vec<String>,
    pub scenes: Vec<PlanScene>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanScene {
    /// The scene's stable id on the board.
    pub id: u64,
    /// The scene number as the board shows it.
    pub number: String,
    pub heading: String,
    /// `INT`, `EXT`, `INT/EXT` or null.
    pub int_ext: Option<&'static str>,
    /// `DAY`, `NIGHT`, `DAWN`, `DUSK`, `CONTINUOUS`, `LATER` or null.
    pub time_of_day: Option<&'static str>,
    pub set: String,
    /// Eighths of a page, for scenes that came from a script.
    pub page_eighths: Option<u32>,
    pub setups: u32,
    pub minutes_per_setup: u32,
    pub adjust_minutes: i32,
    pub estimated_minutes: u32,
    pub runtime_ms: u64,
    pub target_runtime_ms: Option<u64>,
    pub cast: Vec<String>,
    pub props: Vec<String>,
    pub wardrobe: Vec<String>,
    pub vfx: Vec<String>,
    pub equipment: Vec<String>,
    pub notes: String,
    /// The scene's shots in setup order (how they are shot).
    pub shots: Vec<PlanShot>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanShot {
    /// The shot's label (`3A`).
    pub label: String,
    /// The id of the panel that starts the shot.
    pub panel_id: u64,
    /// 1-based setup within the scene.
    pub setup: usize,
    pub shot_size: Option<&'static str>,
    pub angle: Option<&'static str>,
    pub movement: Option<&'static str>,
    pub lens_mm: Option<u32>,
    pub duration_ms: u64,
    pub action: String,
    pub done: bool,
    pub takes: Vec<PlanTake>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanTake {
    pub number: u32,
    pub circled: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanCast {
    pub name: String,
    /// One code per shooting day: `SW`, `W`, `WF`, `SWF`, `H`, or null
    /// before the first and after the last working day.
    pub codes: Vec<Option<&'static str>>,
    pub work_days: usize,
    pub hold_days: usize,
}

fn int_ext_code(scene: &Scene) -> Option<&'static str> {
    schedule::int_ext(scene).map(|ie| match ie {
        crate::model::IntExt::Int => "INT",
        crate::model::IntExt::Ext => "EXT",
        crate::model::IntExt::IntExt => "INT/EXT",
    })
}

/// The plan of `board`.
pub fn plan_doc(board: &Board) -> PlanDoc {
    let labels = labels::shot_labels(board);
    let numbers = labels::scene_numbers(board);
    let scene_doc = |index: usize| -> PlanScene {
        let scene = &board.scenes[index];
        let tags = |k: TagKind| scene.breakdown.tags(k).clone();
        let mut shots = Vec::new();
        for (setup, group) in schedule::setups(scene).iter().enumerate() {
            for id in group {
                let Some(pi) = scene.panels.iter().position(|p| p.id == *id) else {
                    continue;
                };
                let label = labels
                    .get(index)
                    .and_then(|l| l.get(pi))
                    .map_or_else(String::new, |l| l.shot_code());
                shots.push(shot_doc(board, scene, pi, label, setup + 1));
            }
        }
        PlanScene {
            id: scene.id.0,
            number: numbers.get(index).cloned().unwrap_or_default(),
            heading: scene.heading.clone(),
            int_ext: int_ext_code(scene),
            time_of_day: schedule::time_of_day(scene).map(|t| t.label()),
            set: schedule::set_name(scene),
            page_eighths: schedule::page_eighths(scene),
            setups: schedule::setup_count(scene),
            minutes_per_setup: schedule::minutes_per_setup(&board.plan, scene),
            adjust_minutes: scene.breakdown.adjust_minutes,
            estimated_minutes: schedule::estimate_minutes(&board.plan, scene),
            runtime_ms: board.fps.frames_to_ms(board.scene_frames(scene)),
            target_runtime_ms: scene.breakdown.target_runtime_ms,
            cast: schedule::cast(scene),
            props: tags(TagKind::Props),
            wardrobe: tags(TagKind::Wardrobe),
            vfx: tags(TagKind::Vfx),
            equipment: tags(TagKind::Equipment),
            notes: scene.notes.clone(),
            shots,
        }
    };
    let days = (0..board.plan.days.len())
        .map(|i| {
            let totals = schedule::day_totals(board, i);
            let day = &board.plan.days[i];
            PlanDay {
                day: i + 1,
                date: day.date.clone(),
                notes: day.notes.clone(),
                day_minutes: totals.day_minutes,
                estimated_minutes: totals.minutes,
                over_long: totals.over_long(),
                setups: totals.setups,
                company_moves: totals.company_moves,
                page_eighths: totals.eighths,
                cast: totals.cast.clone(),
                scenes: totals
                    .scenes
                    .iter()
                    .filter_map(|id| board.scene_index(*id))
                    .map(scene_doc)
                    .collect(),
            }
        })
        .collect();
    PlanDoc {
        schema: PLAN_SCHEMA,
        title: board.title.clone(),
        minutes_per_setup: board.plan.minutes_per_setup,
        day_minutes: board.plan.day_minutes,
        runtime_ms: board.runtime_ms(),
        target_runtime_ms: board.plan.target_runtime_ms,
        estimated_minutes: schedule::board_estimate_minutes(board),
        days,
        unscheduled: schedule::unscheduled(board)
            .iter()
            .filter_map(|id| board.scene_index(*id))
            .map(scene_doc)
            .collect(),
        cast: schedule::day_out_of_days(board)
            .into_iter()
            .map(|row| PlanCast {
                codes: row.codes.iter().map(|c| c.map(DoodCode::code)).collect(),
                work_days: row.work_days,
                hold_days: row.hold_days,
                name: row.name,
            })
            .collect(),
    }
}

/// One shot: the panel at `pi` and the panels continuing it.
fn shot_doc(board: &Board, scene: &Scene, pi: usize, label: String, setup: usize) -> PlanShot {
    let panel: &Panel = &scene.panels[pi];
    let continuing = scene.panels[pi + 1..]
        .iter()
        .take_while(|p| !p.new_shot)
        .map(|p| board.panel_frames(p))
        .sum::<u64>();
    PlanShot {
        label,
        panel_id: panel.id.0,
        setup,
        shot_size: panel.shot_size.map(|s| s.short()),
        angle: panel.angle.map(|a| a.short()),
        movement: panel.movement.map(|m| m.short()),
        lens_mm: panel.lens_mm,
        duration_ms: board
            .fps
            .frames_to_ms(board.panel_frames(panel) + continuing),
        action: panel.summary_line().to_owned(),
        done: panel.shot_log.done,
        takes: panel
            .shot_log
            .takes
            .iter()
            .map(|t| PlanTake {
                number: t.number,
                circled: t.circled,
                note: t.note.clone(),
            })
            .collect(),
    }
}

/// The plan as pretty-printed JSON text, ending with a newline.
pub fn plan_json(board: &Board) -> String {
    // Plain structs of strings and numbers: serialising cannot fail.
    let mut text = serde_json::to_string_pretty(&plan_doc(board)).unwrap_or_default();
    text.push('\n');
    text
}

/// Write the plan as JSON to `path`, all or nothing.
pub fn export_plan_json(
    board: &Board,
    path: &Path,
    progress: &Progress,
) -> Result<(), ExportError> {
    progress.begin(1);
    let text = plan_json(board);
    staging::write_file(path, progress, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| ExportError::io(path, e))
    })?;
    progress.advance(1);
    Ok(())
}
