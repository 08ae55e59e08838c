//! The call sheet: one section per shooting day with its date, locations,
//! cast, time estimate, and the scenes in shooting order, each with its
//! breakdown and its shots (thumbnail, label, camera facts, action) in
//! setup order. Takes logged on set are printed under their shot, so the
//! same PDF is the editor's shot log after the day.
//!
//! Laid out first as a list of pages of drawing items, then drawn, so page
//! breaks fall between whole lines and shot rows.

use std::path::Path;

use image::ImageEncoder;
use krilla::Document;
use krilla::geom::{PathBuilder, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::{INK, MUTED, Paper, faces, fill, line, rule, stroke, write_document};
use crate::export::frames::{FrameSource, frame_exact, parallel_map};
use crate::export::plan_json::{PlanDay, PlanDoc, PlanScene, PlanShot, plan_doc};
use crate::export::png::flatten;
use crate::export::{ExportError, Progress, text};
use crate::model::schedule::{eighths_label, minutes_text};
use crate::model::{Board, PanelId};

/// Red for an over-long day.
const WARN: (u8, u8, u8) = (0xb0, 0x20, 0x20);

/// Options for [`export_call_sheet`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallSheetOptions {
    pub paper: Paper,
    /// One day (0-based), or every day of the plan.
    pub day: Option<usize>,
}

/// Something to draw, in points from the page's top left.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        text: String,
    },
    /// Thumbnail `index` into the rendered frames.
    Frame {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Rule {
        x: f32,
        y: f32,
        w: f32,
    },
}

const MARGIN: f32 = 40.0;
const BODY: f32 = 9.5;
const THUMB_W: f32 = 96.0;

/// Lays items onto pages, breaking before a block that would not fit.
struct Pages<'f> {
    page: (f32, f32),
    y: f32,
    pages: Vec<Vec<Item>>,
    faces: &'f super::Faces,
}

impl Pages<'_> {
    fn bottom(&self) -> f32 {
        self.page.1 - MARGIN
    }

    fn width(&self) -> f32 {
        self.page.0 - 2.0 * MARGIN
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Room for `h` more points, else a new page.
    fn need(&mut self, h: f32) {
        if self.pages.is_empty() || self.y + h > self.bottom() {
            self.new_page();
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Wrapped text at `x`, breaking pages between lines.
    fn text(&mut self, x: f32, size: f32, bold: bool, colour: (u8, u8, u8), s: &str) {
        let metrics = if bold {
            self.faces.bold_metrics
        } else {
            self.faces.regular_metrics
        };
        let width = self.page.0 - MARGIN - x;
        for l in text::wrap(metrics, size, s.trim(), width) {
            self.need(size * 1.3);
            let y = self.y;
            self.push(Item::Text {
                x,
                y,
                size,
                bold,
                colour,
                text: l,
            });
            self.y += size * 1.3;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }

    fn rule(&mut self) {
        self.need(6.0);
        let (y, w) = (self.y + 2.0, self.width());
        self.push(Item::Rule { x: MARGIN, y, w });
        self.y += 6.0;
    }
}

/// The days the sheet covers.
fn days_of(doc: &PlanDoc, options: &CallSheetOptions) -> Vec<PlanDay> {
    match options.day {
        Some(i) => doc.days.get(i).cloned().into_iter().collect(),
        None => doc.days.clone(),
    }
}

/// Write the call sheet of the board's plan to `path`, all or nothing.
pub fn export_call_sheet(
    source: &dyn FrameSource,
    board: &Board,
    path: &Path,
    options: &CallSheetOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    let doc = plan_doc(board);
    if let Some(day) = options.day
        && day >= doc.days.len()
    {
        return Err(ExportError::options(
            path,
            format!(
                "the plan has {} shooting day(s); there is no day {}",
                doc.days.len(),
                day + 1
            ),
        ));
    }
    let days = days_of(&doc, options);
    let faces = faces().ok_or_else(|| ExportError::encode(path, "embedded font unreadable"))?;
    let shots: Vec<PanelId> = days
        .iter()
        .flat_map(|d| &d.scenes)
        .flat_map(|s| &s.shots)
        .map(|s| PanelId(s.panel_id))
        .collect();
    progress.begin(shots.len() as u64 + 1);
    let aspect = board.aspect_ratio.ratio();
    let thumb_h = (THUMB_W / aspect).min(THUMB_W);
    // Print resolution for a 96 pt thumbnail at 150 dpi.
    let px = board.aspect_ratio.frame_size(200);
    let jpegs = parallel_map(&shots, progress, path, |id| {
        let panel = board
            .panel(*id)
            .ok_or_else(|| ExportError::encode(path, format!("{id} is not on the board")))?;
        let rgb = flatten(&frame_exact(source, panel, px, &id.to_string(), path)?);
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
            .write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
            .map_err(|e| ExportError::encode(path, e))?;
        Ok(bytes)
    })?;

    let mut pages = Pages {
        page: options.paper.size_pt(),
        y: MARGIN,
        pages: Vec::new(),
        faces: &faces,
    };
    let mut frame_index = 0;
    for day in &days {
        lay_out_day(&mut pages, &doc, day, thumb_h, &mut frame_index);
    }
    if pages.pages.is_empty() {
        pages.new_page();
        pages.text(
            MARGIN,
            BODY,
            false,
            MUTED,
            "No shooting days are planned yet: add days and drag scenes onto them in the Plan view.",
        );
    }

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — call sheet", board.title))
            .creator("Shotboard".to_owned()),
    );
    let count = pages.pages.len();
    for (n, items) in pages.pages.iter().enumerate() {
        if progress.is_cancelled() {
            return Err(ExportError::Cancelled {
                path: path.to_owned(),
            });
        }
        let settings = PageSettings::from_wh(pages.page.0, pages.page.1)
            .ok_or_else(|| ExportError::encode(path, "page size is invalid"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for item in items {
            draw_item(&mut surface, &faces, item, &jpegs, path)?;
        }
        let footer = format!("{} · call sheet · page {} of {count}", board.title, n + 1);
        fill(&mut surface, MUTED);
        line(
            &mut surface,
            &faces.regular,
            faces.regular_metrics,
            8.0,
            MARGIN,
            pages.page.1 - MARGIN + 12.0,
            &text::ellipsize(faces.regular_metrics, 8.0, &footer, pages.width()),
        );
        surface.finish();
        page.finish();
    }
    write_document(document, path, progress)
}

fn lay_out_day(
    pages: &mut Pages<'_>,
    doc: &PlanDoc,
    day: &PlanDay,
    thumb_h: f32,
    frame_index: &mut usize,
) {
    // Each day starts on a page of its own: it is handed out on its day.
    pages.new_page();
    let date = if day.date.trim().is_empty() {
        String::new()
    } else {
        format!(" · {}", day.date.trim())
    };
    pages.text(
        MARGIN,
        18.0,
        true,
        INK,
        &format!("CALL SHEET — Day {} of {}{date}", day.day, doc.days.len()),
    );
    pages.text(MARGIN, 11.0, true, MUTED, &doc.title);
    pages.gap(4.0);
    let mut sets: Vec<&str> = Vec::new();
    for s in &day.scenes {
        if !s.set.is_empty() && !sets.iter().any(|x| x.eq_ignore_ascii_case(&s.set)) {
            sets.push(&s.set);
        }
    }
    let estimate = format!(
        "Estimated {} of a {} day · {} setup(s) · {} company move(s){}",
        minutes_text(day.estimated_minutes),
        minutes_text(day.day_minutes),
        day.setups,
        day.company_moves,
        if day.page_eighths > 0 {
            format!(" · {} pages", eighths_label(day.page_eighths))
        } else {
            String::new()
        }
    );
    pages.text(MARGIN, BODY, false, INK, &estimate);
    if day.over_long {
        pages.text(
            MARGIN,
            BODY,
            true,
            WARN,
            "Over-long: the estimate runs past the day's length.",
        );
    }
    pages.text(
        MARGIN,
        BODY,
        false,
        INK,
        &format!("Locations: {}", or_none(&sets.join(", "))),
    );
    pages.text(
        MARGIN,
        BODY,
        false,
        INK,
        &format!("Cast: {}", or_none(&day.cast.join(", "))),
    );
    if !day.notes.trim().is_empty() {
        pages.text(MARGIN, BODY, false, INK, &format!("Notes: {}", day.notes));
    }
    pages.rule();
    if day.scenes.is_empty() {
        pages.text(MARGIN, BODY, false, MUTED, "No scenes on this day.");
    }
    for scene in &day.scenes {
        lay_out_scene(pages, scene, thumb_h, frame_index);
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "—" } else { s }
}

fn lay_out_scene(pages: &mut Pages<'_>, scene: &PlanScene, thumb_h: f32, frame_index: &mut usize) {
    // Keep a scene's title, facts and cast with its first shot.
    pages.need(11.0 * 1.3 + BODY * 1.3 * 3.0 + thumb_h.max(BODY * 1.3 * 3.0) + 14.0);
    pages.gap(4.0);
    pages.text(
        MARGIN,
        11.0,
        true,
        INK,
        &format!("SCENE {} — {}", scene.number, scene.heading),
    );
    let facts: Vec<String> = [
        scene.int_ext.map(str::to_owned),
        scene.time_of_day.map(str::to_owned),
        (!scene.set.is_empty()).then(|| scene.set.clone()),
        Some(format!("{} setup(s)", scene.setups)),
        Some(format!("est. {}", minutes_text(scene.estimated_minutes))),
        scene
            .page_eighths
            .map(|e| format!("{} pages", eighths_label(e))),
    ]
    .into_iter()
    .flatten()
    .collect();
    pages.text(MARGIN, BODY, false, MUTED, &facts.join(" · "));
    for (name, items) in [
        ("Cast", &scene.cast),
        ("Props", &scene.props),
        ("Wardrobe", &scene.wardrobe),
        ("VFX", &scene.vfx),
        ("Equipment", &scene.equipment),
    ] {
        if !items.is_empty() {
            pages.text(
                MARGIN,
                BODY,
                false,
                INK,
                &format!("{name}: {}", items.join(", ")),
            );
        }
    }
    if !scene.notes.trim().is_empty() {
        pages.text(MARGIN, BODY, false, INK, &format!("Notes: {}", scene.notes));
    }
    pages.gap(4.0);
    for shot in &scene.shots {
        lay_out_shot(pages, shot, thumb_h, *frame_index);
        *frame_index += 1;
    }
}

fn lay_out_shot(pages: &mut Pages<'_>, shot: &PlanShot, thumb_h: f32, index: usize) {
    let row = thumb_h.max(BODY * 1.3 * 3.0) + 6.0;
    pages.need(row);
    let top = pages.y;
    pages.push(Item::Frame {
        index,
        x: MARGIN,
        y: top,
        w: THUMB_W,
        h: thumb_h,
    });
    let x = MARGIN + THUMB_W + 10.0;
    let facts: Vec<String> = [
        shot.shot_size.map(str::to_owned),
        shot.angle.map(str::to_owned),
        shot.movement.map(str::to_owned),
        shot.lens_mm.map(|l| format!("{l}mm")),
        Some(format!("{:.1} s", shot.duration_ms as f64 / 1000.0)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let done = if shot.done { "   · done" } else { "" };
    pages.text(
        x,
        BODY,
        true,
        INK,
        &format!(
            "{}   setup {}   {}{done}",
            shot.label,
            shot.setup,
            facts.join(" · ")
        ),
    );
    if !shot.action.is_empty() {
        pages.text(x, BODY, false, INK, &shot.action);
    }
    if !shot.takes.is_empty() {
        let takes: Vec<String> = shot
            .takes
            .iter()
            .map(|t| {
                let mut s = format!("take {}", t.number);
                if t.circled {
                    s.push_str(" (circled)");
                }
                if !t.note.trim().is_empty() {
                    s.push_str(&format!(" — {}", t.note.trim()));
                }
                s
            })
            .collect();
        pages.text(x, BODY, false, MUTED, &takes.join("; "));
    }
    pages.y = pages.y.max(top + row);
}

fn draw_item(
    surface: &mut krilla::surface::Surface<'_>,
    faces: &super::Faces,
    item: &Item,
    jpegs: &[Vec<u8>],
    path: &Path,
) -> Result<(), ExportError> {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            colour,
            text,
        } => {
            fill(surface, *colour);
            let (font, metrics) = if *bold {
                (&faces.bold, faces.bold_metrics)
            } else {
                (&faces.regular, faces.regular_metrics)
            };
            line(surface, font, metrics, *size, *x, *y, text);
        }
        Item::Frame { index, x, y, w, h } => {
            let Some(bytes) = jpegs.get(*index) else {
                return Ok(());
            };
            let image = Image::from_jpeg(bytes.clone().into(), true)
                .map_err(|e| ExportError::encode(path, e))?;
            if let Some(size) = Size::from_wh(*w, *h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image, size);
                surface.pop();
            }
            if let Some(r) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                let mut pb = PathBuilder::new();
                pb.push_rect(r);
                if let Some(p) = pb.finish() {
                    stroke(surface, 0.5);
                    surface.draw_path(&p);
                    surface.set_stroke(None);
                }
            }
        }
        Item::Rule { x, y, w } => rule(surface, *x, *y, *w),
    }
    Ok(())
}
