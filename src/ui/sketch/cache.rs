//! Finished strokes as textures, so a frame of the editor costs a few
//! textured rectangles however many strokes the panel holds.
//!
//! Each layer is rendered by the shared CPU renderer ([`crate::render`])
//! onto its own transparent pixmap. A stroke appended to a layer is drawn
//! onto the existing pixmap (no full re-render); anything else (opening a
//! panel, undo, erase, mirror) re-renders that layer on a worker thread, so a
//! panel of thousands of strokes never stalls the UI. Layer visibility and
//! opacity are applied when painting, so toggling them never re-renders.
//! Renders and the frame decode run on the app's job runner.

use std::path::PathBuf;

use egui::{ColorImage, TextureHandle, TextureOptions};
use tiny_skia::Pixmap;

use crate::model::{Layer, Panel, PanelId, Stroke};
use crate::render::{RenderOptions, render_strokes_onto};
use crate::ui::jobs::{Finished, JobRunner};

/// Texture widths the cache renders at; the nearest one above the surface's
/// pixel width is used, so zooming re-renders only when it matters.
const WIDTHS: [u32; 5] = [512, 1024, 1536, 2048, 3072];

/// The pixel width to render a surface `screen_px` wide at.
pub fn texture_width(screen_px: f32) -> u32 {
    WIDTHS
        .iter()
        .copied()
        .find(|w| *w as f32 >= screen_px)
        .unwrap_or(WIDTHS[WIDTHS.len() - 1])
}

/// A full render of one layer: which layer, the strokes it drew, and the
/// pixels (`None` if the pixmap could not be made).
type Rendered = (usize, Vec<Stroke>, Option<Pixmap>);

#[derive(Default)]
struct LayerPixels {
    /// The strokes drawn into `pixmap`, in order.
    strokes: Vec<Stroke>,
    pixmap: Option<Pixmap>,
    texture: Option<TextureHandle>,
    /// A full render of this layer is running.
    rendering: bool,
}

impl LayerPixels {
    /// A full render landed.
    fn rendered(&mut self, strokes: Vec<Stroke>, pixmap: Option<Pixmap>) {
        self.rendering = false;
        self.strokes = strokes;
        self.pixmap = pixmap;
    }

    /// Bring layer `index` up to date with `now`; returns whether its
    /// pixels changed and whether a full render started. Appended strokes
    /// are drawn here (cheap); anything else is rendered from scratch by a
    /// job, showing the old texture meanwhile.
    fn update(
        &mut self,
        jobs: &mut JobRunner<Rendered>,
        index: usize,
        now: &[&Stroke],
        size: (u32, u32),
    ) -> (bool, bool) {
        let mut changed = false;
        let mut started = false;
        let kept = self.strokes.len();
        let appended = self.pixmap.is_some()
            && kept <= now.len()
            && self.strokes.iter().zip(now).all(|(a, b)| a == *b);
        if appended {
            if kept < now.len()
                && let Some(pixmap) = self.pixmap.as_mut()
            {
                self.strokes
                    .extend(now[kept..].iter().map(|s| (*s).clone()));
                render_strokes_onto(
                    &mut pixmap.as_mut(),
                    &self.strokes[kept..],
                    &RenderOptions::default(),
                );
                changed = true;
            }
        } else if !self.rendering {
            // At most one render per layer in flight: a newer state (an
            // eraser drag) waits for it and then renders once more.
            let strokes: Vec<Stroke> = now.iter().map(|s| (*s).clone()).collect();
            let spawned = jobs.spawn("Drawing a sketch layer", false, move |_| {
                let pixmap = Pixmap::new(size.0.max(1), size.1.max(1)).map(|mut pixmap| {
                    render_strokes_onto(&mut pixmap.as_mut(), &strokes, &RenderOptions::default());
                    pixmap
                });
                (index, strokes, pixmap)
            });
            if spawned.is_ok() {
                self.rendering = true;
                started = true;
            }
        }
        (changed, started)
    }

    fn upload(&mut self, ctx: &egui::Context, layer: Layer) {
        let Some(pixmap) = &self.pixmap else {
            self.texture = None;
            return;
        };
        let image = ColorImage::from_rgba_premultiplied(
            [pixmap.width() as usize, pixmap.height() as usize],
            pixmap.data(),
        );
        match &mut self.texture {
            Some(t) => t.set(image, TextureOptions::LINEAR),
            None => {
                self.texture = Some(ctx.load_texture(
                    format!("sketch-layer-{}", layer.label()),
                    image,
                    TextureOptions::LINEAR,
                ));
            }
        }
    }
}

/// The committed strokes of the open panel, one texture per layer.
#[derive(Default)]
pub struct StrokeCache {
    panel: Option<PanelId>,
    size: (u32, u32),
    generation: u64,
    layers: [LayerPixels; 4],
    /// Full layer renders in flight.
    jobs: JobRunner<Rendered>,
    /// Full layer renders started, for tests and benches.
    full_renders: usize,
}

impl StrokeCache {
    /// Bring the textures up to date with `panel` at `size` pixels.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        panel: &Panel,
        generation: u64,
        size: (u32, u32),
    ) {
        self.jobs.set_context(ctx);
        if self.panel != Some(panel.id) || self.size != size {
            // Renders still running for the old panel or size land in the
            // old runner and are dropped with it.
            *self = Self {
                full_renders: self.full_renders,
                ..Self::default()
            };
            self.jobs.set_context(ctx);
            self.panel = Some(panel.id);
            self.size = size;
        } else if self.generation == generation && !self.is_rendering() {
            return;
        }
        self.generation = generation;
        let mut landed = [false; 4];
        for finished in self.jobs.poll() {
            if let Finished::Done((i, strokes, pixmap)) = finished
                && let Some(slot) = self.layers.get_mut(i)
            {
                slot.rendered(strokes, pixmap);
                landed[i] = true;
            }
        }
        for (i, (slot, layer)) in self.layers.iter_mut().zip(Layer::ALL).enumerate() {
            let now: Vec<&Stroke> = panel.strokes.iter().filter(|s| s.layer == layer).collect();
            let (changed, started) = slot.update(&mut self.jobs, i, &now, size);
            if started {
                self.full_renders += 1;
            }
            if changed || landed[i] {
                slot.upload(ctx, layer);
            }
        }
    }

    pub fn texture(&self, layer: Layer) -> Option<&TextureHandle> {
        let i = Layer::ALL.iter().position(|l| *l == layer)?;
        self.layers[i].texture.as_ref()
    }

    /// How many times a layer was rendered from scratch.
    pub fn full_renders(&self) -> usize {
        self.full_renders
    }

    /// True while a layer renders on a worker.
    pub fn is_rendering(&self) -> bool {
        !self.jobs.is_idle()
    }
}

/// Faint pictures of the neighbouring panels' strokes for the onion skin.
#[derive(Default)]
pub struct OnionCache {
    /// (panel, board generation last checked, content key, texture).
    entries: Vec<(PanelId, u64, u64, TextureHandle)>,
}

/// A hash of a panel's strokes: the onion skin re-renders a neighbour only
/// when its strokes changed, not on every edit of the board.
fn strokes_key(strokes: &[Stroke]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    strokes.len().hash(&mut h);
    for s in strokes {
        (
            s.tool,
            s.layer,
            s.color.0,
            s.width.to_bits(),
            s.opacity.to_bits(),
        )
            .hash(&mut h);
        s.points.hash(&mut h);
    }
    h.finish()
}

impl OnionCache {
    /// The texture of `panel`'s strokes, rendered small (onion skins are
    /// faint) on the UI thread: a neighbour renders once when the editor
    /// reaches it, and again only when its own strokes change.
    pub fn texture(
        &mut self,
        ctx: &egui::Context,
        panel: &Panel,
        generation: u64,
        size: (u32, u32),
    ) -> Option<&TextureHandle> {
        let found = self.entries.iter().position(|e| e.0 == panel.id);
        let index = match found {
            Some(i) if self.entries[i].1 == generation => i,
            Some(i) if self.entries[i].2 == strokes_key(&panel.strokes) => {
                self.entries[i].1 = generation;
                i
            }
            _ => {
                self.entries.retain(|e| e.0 != panel.id);
                let mut pixmap = Pixmap::new(size.0.max(1), size.1.max(1))?;
                render_strokes_onto(
                    &mut pixmap.as_mut(),
                    &panel.strokes,
                    &RenderOptions::default(),
                );
                let image = ColorImage::from_rgba_premultiplied(
                    [pixmap.width() as usize, pixmap.height() as usize],
                    pixmap.data(),
                );
                let texture = ctx.load_texture("sketch-onion", image, TextureOptions::LINEAR);
                // Two neighbours, and the pair after a step.
                if self.entries.len() >= 4 {
                    drop(self.entries.remove(0));
                }
                self.entries
                    .push((panel.id, generation, strokes_key(&panel.strokes), texture));
                self.entries.len() - 1
            }
        };
        self.entries.get(index).map(|e| &e.3)
    }
}

/// What the reference layer shows under the strokes.
pub enum Frame<'a> {
    None,
    Loading,
    Missing,
    Image(&'a TextureHandle),
}

/// A decoded frame image, with the path it came from.
type Decoded = (PathBuf, Result<image::RgbaImage, String>);

/// The open panel's frame image, decoded by a job.
#[derive(Default)]
pub struct FrameImage {
    path: Option<PathBuf>,
    state: FrameState,
    jobs: JobRunner<Decoded>,
}

#[derive(Default)]
enum FrameState {
    #[default]
    Empty,
    Loading,
    Ready(TextureHandle),
    Failed,
}

/// Frame images larger than this are decoded down to it.
const FRAME_MAX_SIDE: u32 = 2048;

impl FrameImage {
    pub fn get(&mut self, ctx: &egui::Context, path: Option<PathBuf>) -> Frame<'_> {
        self.jobs.set_context(ctx);
        if path != self.path {
            self.path = path.clone();
            self.state = match path {
                None => FrameState::Empty,
                Some(path) => {
                    let spawned = self.jobs.spawn("Opening the frame", false, move |_| {
                        let result =
                            crate::store::read_limited(&path, crate::store::MAX_IMAGE_FILE_BYTES)
                                .map_err(|e| e.to_string())
                                .and_then(|bytes| {
                                    crate::media::image::decode_thumbnail(&bytes, FRAME_MAX_SIDE)
                                        .map_err(|e| e.to_string())
                                });
                        (path, result)
                    });
                    match spawned {
                        Ok(_) => FrameState::Loading,
                        Err(_) => FrameState::Failed,
                    }
                }
            };
        }
        for finished in self.jobs.poll() {
            // A decode for a frame the panel no longer shows is dropped.
            let Finished::Done((path, result)) = finished else {
                continue;
            };
            if self.path.as_ref() != Some(&path) {
                continue;
            }
            self.state = match result {
                Ok(image) => {
                    let size = [image.width() as usize, image.height() as usize];
                    let pixels = ColorImage::from_rgba_unmultiplied(size, image.as_raw());
                    FrameState::Ready(ctx.load_texture(
                        "sketch-frame",
                        pixels,
                        TextureOptions::LINEAR,
                    ))
                }
                Err(_) => FrameState::Failed,
            };
        }
        match &self.state {
            FrameState::Empty => Frame::None,
            FrameState::Loading => Frame::Loading,
            FrameState::Ready(t) => Frame::Image(t),
            FrameState::Failed => Frame::Missing,
        }
    }
}
