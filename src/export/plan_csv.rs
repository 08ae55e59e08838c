//! The breakdown and the schedule as CSV, for a production office's
//! spreadsheet: one row per scene. Written like the shot list CSV (UTF-8
//! with a byte-order mark, CRLF, quoting by the `csv` crate), from the
//! same [`PlanDoc`] as the JSON, so the numbers agree.

use std::io::Write;
use std::path::Path;

use super::csv::UTF8_BOM;
use super::plan_json::{PlanDoc, PlanScene, plan_doc};
use super::{ExportError, Progress, staging};
use crate::model::Board;
use crate::model::schedule::eighths_label;

/// Which table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanTable {
    /// Every scene in board order with its breakdown.
    Breakdown,
    /// The scheduled scenes day by day, then the unscheduled ones.
    Schedule,
    /// The editor's shot log: every take of every scheduled shot (a row
    /// with no take for a shot not yet shot).
    ShotLog,
}

pub const BREAKDOWN_COLUMNS: [&str; 18] = [
    "Scene",
    "Heading",
    "I/E",
    "Time",
    "Set",
    "Pages",
    "Setups",
    "Min/setup",
    "Adjust min",
    "Est. min",
    "Runtime s",
    "Target s",
    "Cast",
    "Props",
    "Wardrobe",
    "VFX",
    "Equipment",
    "Notes",
];

pub const SCHEDULE_COLUMNS: [&str; 14] = [
    "Day",
    "Date",
    "Order",
    "Scene",
    "Heading",
    "I/E",
    "Time",
    "Set",
    "Pages",
    "Setups",
    "Est. min",
    "Day est. min",
    "Day length min",
    "Cast",
];

pub const SHOT_LOG_COLUMNS: [&str; 10] = [
    "Day", "Date", "Scene", "Shot", "Setup", "Done", "Take", "Circled", "Note", "Action",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn seconds(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 1000.0)
}

/// Tags as one cell: `a; b; c` (a semicolon, since names may hold commas).
fn list(items: &[String]) -> String {
    items.join("; ")
}

fn breakdown_row(s: &PlanScene) -> Vec<String> {
    vec![
        s.number.clone(),
        s.heading.clone(),
        opt(s.int_ext),
        opt(s.time_of_day),
        s.set.clone(),
        s.page_eighths.map(eighths_label).unwrap_or_default(),
        s.setups.to_string(),
        s.minutes_per_setup.to_string(),
        s.adjust_minutes.to_string(),
        s.estimated_minutes.to_string(),
        seconds(s.runtime_ms),
        opt(s.target_runtime_ms.map(seconds)),
        list(&s.cast),
        list(&s.props),
        list(&s.wardrobe),
        list(&s.vfx),
        list(&s.equipment),
        s.notes.clone(),
    ]
}

/// The records of `table`, header first.
pub fn plan_records(doc: &PlanDoc, board: &Board, table: PlanTable) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    match table {
        PlanTable::Breakdown => {
            out.push(BREAKDOWN_COLUMNS.iter().map(|c| (*c).to_owned()).collect());
            // Board order: scheduled and unscheduled scenes together.
            let mut scenes: Vec<&PlanScene> = doc
                .days
                .iter()
                .flat_map(|d| &d.scenes)
                .chain(&doc.unscheduled)
                .collect();
            scenes.sort_by_key(|s| {
                board
                    .scene_index(crate::model::SceneId(s.id))
                    .unwrap_or(usize::MAX)
            });
            scenes.dedup_by_key(|s| s.id);
            out.extend(scenes.into_iter().map(breakdown_row));
        }
        PlanTable::ShotLog => {
            out.push(SHOT_LOG_COLUMNS.iter().map(|c| (*c).to_owned()).collect());
            let yes = |b: bool| if b { "yes" } else { "" }.to_owned();
            for day in &doc.days {
                for scene in &day.scenes {
                    for shot in &scene.shots {
                        let row = |take: Option<&super::plan_json::PlanTake>| {
                            vec![
                                day.day.to_string(),
                                day.date.clone(),
                                scene.number.clone(),
                                shot.label.clone(),
                                shot.setup.to_string(),
                                yes(shot.done),
                                opt(take.map(|t| t.number)),
                                yes(take.is_some_and(|t| t.circled)),
                                take.map(|t| t.note.clone()).unwrap_or_default(),
                                shot.action.clone(),
                            ]
                        };
                        if shot.takes.is_empty() {
                            out.push(row(None));
                        }
                        out.extend(shot.takes.iter().map(|t| row(Some(t))));
                    }
                }
            }
        }
        PlanTable::Schedule => {
            out.push(SCHEDULE_COLUMNS.iter().map(|c| (*c).to_owned()).collect());
            for day in &doc.days {
                for (order, s) in day.scenes.iter().enumerate() {
                    out.push(vec![
                        day.day.to_string(),
                        day.date.clone(),
                        (order + 1).to_string(),
                        s.number.clone(),
                        s.heading.clone(),
                        opt(s.int_ext),
                        opt(s.time_of_day),
                        s.set.clone(),
                        s.page_eighths.map(eighths_label).unwrap_or_default(),
                        s.setups.to_string(),
                        s.estimated_minutes.to_string(),
                        day.estimated_minutes.to_string(),
                        day.day_minutes.to_string(),
                        list(&s.cast),
                    ]);
                }
            }
            for s in &doc.unscheduled {
                out.push(vec![
                    String::new(),
                    String::new(),
                    String::new(),
                    s.number.clone(),
                    s.heading.clone(),
                    opt(s.int_ext),
                    opt(s.time_of_day),
                    s.set.clone(),
                    s.page_eighths.map(eighths_label).unwrap_or_default(),
                    s.setups.to_string(),
                    s.estimated_minutes.to_string(),
                    String::new(),
                    String::new(),
                    list(&s.cast),
                ]);
            }
        }
    }
    out
}

fn write_records(records: &[Vec<String>], mut out: impl Write) -> csv::Result<()> {
    out.write_all(UTF8_BOM.as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    for record in records {
        writer.write_record(record)?;
    }
    writer.flush()?;
    Ok(())
}

/// Write `table` of the board's plan to `path`, all or nothing.
pub fn export_plan_csv(
    board: &Board,
    table: PlanTable,
    path: &Path,
    progress: &Progress,
) -> Result<(), ExportError> {
    progress.begin(1);
    let records = plan_records(&plan_doc(board), board, table);
    staging::write_file(path, progress, |w| {
        write_records(&records, w).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(e) => ExportError::io(path, e),
            other => ExportError::encode(path, format!("{other:?}")),
        })
    })?;
    progress.advance(1);
    Ok(())
}
