//! OpenTimelineIO JSON (`.otio`), readable by the `opentimelineio` library
//! and every tool built on it.
//!
//! Schema versions: Timeline.1, Stack.1, Track.1, Clip.2 (with a media
//! reference map), ExternalReference.1, Marker.2, TimeRange.1,
//! RationalTime.1. Times are frame counts at the board's exact rate.

use std::path::Path;

use serde_json::{Value, json};

use super::{TimelineOptions, clip_url, clips_with, scene_markers};
use crate::export::{ExportError, Progress, staging};
use crate::model::Board;

/// The `.otio` document for `board`.
pub fn otio_json(board: &Board, options: &TimelineOptions) -> Value {
    let rate = board.fps.as_f64();
    let time = |frames: u64| json!({"OTIO_SCHEMA": "RationalTime.1", "rate": rate, "value": frames as f64});
    let range = |start: u64, frames: u64| json!({"OTIO_SCHEMA": "TimeRange.1", "start_time": time(start), "duration": time(frames)});
    let marker = |name: &str, comment: &str, color: &str, start: u64, frames: u64| {
        json!({
            "OTIO_SCHEMA": "Marker.2",
            "metadata": {},
            "name": name,
            "color": color,
            "comment": comment,
            "marked_range": range(start, frames),
        })
    };
    let (width, height) = board.aspect_ratio.frame_size(options.frame_width);

    let children: Vec<Value> = clips_with(board, &options.jpegs)
        .iter()
        .map(|clip| {
            let markers: Vec<Value> = if clip.notes.is_empty() {
                Vec::new()
            } else {
                vec![marker(
                    &format!("Note {}", clip.name),
                    &clip.notes,
                    "YELLOW",
                    0,
                    clip.frames,
                )]
            };
            json!({
                "OTIO_SCHEMA": "Clip.2",
                "metadata": {"shotboard": {"panel_id": clip.panel.0}},
                "name": clip.name,
                "source_range": range(0, clip.frames),
                "effects": [],
                "markers": markers,
                "enabled": true,
                "media_references": {
                    "DEFAULT_MEDIA": {
                        "OTIO_SCHEMA": "ExternalReference.1",
                        "metadata": {"shotboard": {"width": width, "height": height}},
                        "name": clip.file_name,
                        "available_range": range(0, clip.frames),
                        "available_image_bounds": null,
                        "target_url": clip_url(options, clip),
                    }
                },
                "active_media_reference_key": "DEFAULT_MEDIA",
            })
        })
        .collect();

    let scene_markers: Vec<Value> = scene_markers(board)
        .iter()
        .map(|m| marker(&m.name, &m.notes, "RED", m.start, m.frames))
        .collect();

    json!({
        "OTIO_SCHEMA": "Timeline.1",
        "metadata": {"shotboard": {"author": board.author, "fps": board.fps.label()}},
        "name": board.title,
        "global_start_time": time(0),
        "tracks": {
            "OTIO_SCHEMA": "Stack.1",
            "metadata": {},
            "name": "tracks",
            "source_range": null,
            "effects": [],
            "markers": [],
            "enabled": true,
            "children": [{
                "OTIO_SCHEMA": "Track.1",
                "metadata": {},
                "name": "Panels",
                "source_range": null,
                "effects": [],
                "markers": scene_markers,
                "enabled": true,
                "kind": "Video",
                "children": children,
            }],
        },
    })
}

/// Write the `.otio` document to `path`, all or nothing.
pub fn export_otio(
    board: &Board,
    path: &Path,
    options: &TimelineOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    progress.begin(1);
    let doc = otio_json(board, options);
    staging::write_file(path, progress, |w| {
        serde_json::to_writer_pretty(&mut *w, &doc)
            .map_err(|e| ExportError::io(path, std::io::Error::other(e)))?;
        w.write_all(b"\n").map_err(|e| ExportError::io(path, e))
    })?;
    progress.advance(1);
    Ok(())
}
