//! Card thumbnails: rendered off the UI thread into a budgeted texture cache.
//!
//! The canvas asks for the thumbnails of the cards it paints; a small pool
//! of worker threads decodes and renders them (visible cards first, then the
//! rest of the board in the background) and hands back pixels through a
//! channel. A board never waits for its images: cards show a placeholder
//! until their thumbnail lands, and a clear "missing image" mark when the
//! image cannot be read.

use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use crate::model::{AspectRatio, Panel, PanelId};

/// Everything a worker needs to draw one card's frame.
#[derive(Clone, Debug)]
pub struct ThumbRequest {
    pub panel: Panel,
    /// Absolute path of the frame image, if the panel has one.
    pub image_path: Option<PathBuf>,
    pub aspect: AspectRatio,
    pub width_px: u32,
}

/// Draws thumbnails: decode + render. Injected so tests (and the app)
/// decide how pixels are made; any `Fn(&ThumbRequest) -> Result<..>` is one.
pub trait ThumbRender: Send + Sync {
    fn render(&self, request: &ThumbRequest) -> Result<image::RgbaImage, String>;

    /// The queue ran dry. Drop whatever was kept to speed up a burst of
    /// renders, so an idle app holds only its textures.
    fn idle(&self) {}
}

impl<F> ThumbRender for F
where
    F: Fn(&ThumbRequest) -> Result<image::RgbaImage, String> + Send + Sync,
{
    fn render(&self, request: &ThumbRequest) -> Result<image::RgbaImage, String> {
        self(request)
    }
}

/// The shared renderer the worker pool calls.
pub type ThumbLoader = Arc<dyn ThumbRender>;

/// What the canvas should paint for a card's frame.
pub enum Thumb<'a> {
    Ready(&'a egui::TextureHandle),
    Loading,
    Failed(&'a str),
}

struct Job {
    key: u64,
    request: ThumbRequest,
}

impl Job {
    fn slot(&self) -> SlotId {
        (self.request.panel.id, self.request.width_px)
    }
}

#[derive(Default)]
struct Queue {
    /// Visible cards, newest request first.
    urgent: VecDeque<Job>,
    /// Prefetch of off-screen cards.
    background: VecDeque<Job>,
    /// Jobs taken by a worker whose result is not sent yet.
    in_flight: usize,
    shutdown: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
    /// The UI context to wake when a thumbnail lands; known from the first
    /// frame on.
    ctx: OnceLock<egui::Context>,
}

struct Done {
    slot: SlotId,
    key: u64,
    result: Result<image::RgbaImage, String>,
}

enum Slot {
    /// Queued or being rendered; `urgent` once a visible card asked for it;
    /// `reserved` is its estimated texture size, counted against the budget.
    Pending {
        urgent: bool,
        reserved: usize,
    },
    Ready {
        texture: egui::TextureHandle,
        bytes: usize,
    },
    Failed(String),
}

struct Entry {
    /// Content key of what the slot holds or awaits.
    key: u64,
    slot: Slot,
    /// A texture kept on screen while a newer version renders.
    stale: Option<egui::TextureHandle>,
    last_used: u64,
}

/// Estimated texture bytes of a thumbnail `width_px` wide. Assumes 16:9,
/// the common case; the real size replaces the estimate when it lands.
fn estimate_bytes(ratio: f32, width_px: u32) -> usize {
    let height = (width_px as f32 / ratio).ceil() as usize;
    width_px as usize * height * 4
}

/// A cached picture: a panel at one pixel width.
type SlotId = (PanelId, u32);

/// Width tiers for thumbnails, so a zoom re-renders only when it matters.
const TIERS: [u32; 7] = [128, 160, 200, 256, 320, 400, 512];

/// Width tiers for the presentation and player stage: a projector needs
/// more than a card, but never more than a 1920-wide frame (8 MB at 16:9),
/// so the few stage textures fit the budget beside the cards.
const STAGE_TIERS: [u32; 3] = [960, 1440, 1920];

/// Thumbnail memory budget; beyond it the least recently painted off-screen
/// textures are dropped (and re-rendered if scrolled back into view).
/// Background prefetch stops at 90% of it, counting thumbnails still being
/// rendered, so a big board never renders work it must then throw away.
/// 110 MiB holds 1,000 cards at the default size (200 px, 16:9).
const BUDGET_BYTES: usize = 110 * 1024 * 1024;

/// How long the queue must stay empty before a burst of rendering counts as
/// over and its scratch memory is released.
const BURST_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

pub struct ThumbCache {
    shared: Arc<Shared>,
    done_rx: Receiver<Done>,
    entries: HashMap<SlotId, Entry>,
    /// (generation, width, key) per panel.
    keys: HashMap<PanelId, (u64, u32, u64)>,
    bytes: usize,
    /// Estimated bytes of thumbnails queued but not yet rendered.
    reserved: usize,
    frame: u64,
    /// The egui frame whose finished thumbnails were last collected: every
    /// view that shows thumbnails calls [`Self::begin_frame`], and the app
    /// calls it too (the inspector's preview beside the sketch editor or the
    /// shot list, which draw no cards), so it runs once per frame.
    collected_in: Option<u64>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl ThumbCache {
    pub fn new(loader: ThumbLoader) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            ctx: OnceLock::new(),
        });
        let (tx, done_rx) = channel();
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        let workers = (0..threads)
            .map(|i| {
                let shared = Arc::clone(&shared);
                let tx: Sender<Done> = tx.clone();
                let loader = Arc::clone(&loader);
                std::thread::Builder::new()
                    .name(format!("thumbnails-{i}"))
                    .spawn(move || worker(&shared, &tx, &*loader))
                    .ok()
            })
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        Self {
            shared,
            done_rx,
            entries: HashMap::new(),
            keys: HashMap::new(),
            bytes: 0,
            reserved: 0,
            frame: 0,
            collected_in: None,
            workers,
        }
    }

    /// Forget everything (a different board was opened).
    pub fn clear(&mut self) {
        if let Ok(mut q) = self.shared.queue.lock() {
            q.urgent.clear();
            q.background.clear();
        }
        self.entries.clear();
        self.keys.clear();
        self.bytes = 0;
        self.reserved = 0;
    }

    /// The pixel width to render for a card `card_px` wide.
    pub fn tier(card_px: f32) -> u32 {
        TIERS
            .iter()
            .copied()
            .find(|&t| t as f32 >= card_px)
            .unwrap_or(TIERS[TIERS.len() - 1])
    }

    /// The pixel width to render for a full-screen stage `stage_px` wide.
    pub fn stage_tier(stage_px: f32) -> u32 {
        STAGE_TIERS
            .iter()
            .copied()
            .find(|&t| t as f32 >= stage_px)
            .unwrap_or(STAGE_TIERS[STAGE_TIERS.len() - 1])
    }

    /// Call once per frame before painting: uploads finished thumbnails.
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        let now = ctx.cumulative_frame_nr();
        if self.collected_in == Some(now) {
            return;
        }
        self.collected_in = Some(now);
        let _ = self.shared.ctx.get_or_init(|| ctx.clone());
        self.frame += 1;
        while let Ok(done) = self.done_rx.try_recv() {
            let Some(entry) = self.entries.get_mut(&done.slot) else {
                continue;
            };
            if entry.key != done.key {
                continue; // A newer version was requested meanwhile.
            }
            match &entry.slot {
                Slot::Ready { bytes, .. } => self.bytes -= bytes,
                Slot::Pending { reserved, .. } => self.reserved -= reserved,
                Slot::Failed(_) => {}
            }
            entry.slot = match done.result {
                Ok(img) => {
                    let size = [img.width() as usize, img.height() as usize];
                    let bytes = img.as_raw().len();
                    let color = egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw());
                    let texture = ctx.load_texture(
                        format!("thumb-{}-{}", (done.slot.0).0, done.slot.1),
                        color,
                        egui::TextureOptions::LINEAR,
                    );
                    self.bytes += bytes;
                    Slot::Ready { texture, bytes }
                }
                Err(e) => Slot::Failed(e),
            };
            entry.stale = None;
        }
        self.evict();
    }

    /// The thumbnail for a visible card; queues rendering when needed.
    pub fn get(
        &mut self,
        request: impl FnOnce() -> ThumbRequest,
        key: u64,
        panel: PanelId,
        width_px: u32,
    ) -> Thumb<'_> {
        let frame = self.frame;
        let slot_id = (panel, width_px);
        enum Need {
            Nothing,
            Promote,
            Job(usize),
        }
        let need = match self.entries.get_mut(&slot_id) {
            Some(entry) if entry.key == key => {
                entry.last_used = frame;
                match &mut entry.slot {
                    // Prefetched but not rendered yet: render it next.
                    Slot::Pending { urgent, .. } if !*urgent => {
                        *urgent = true;
                        Need::Promote
                    }
                    _ => Need::Nothing,
                }
            }
            Some(entry) => {
                // Content changed: keep the old picture until the new lands.
                let reserved = estimate_bytes(16.0 / 9.0, width_px);
                let old = std::mem::replace(
                    &mut entry.slot,
                    Slot::Pending {
                        urgent: true,
                        reserved,
                    },
                );
                match old {
                    Slot::Ready { texture, bytes } => {
                        self.bytes -= bytes;
                        entry.stale = Some(texture);
                    }
                    Slot::Pending { reserved, .. } => self.reserved -= reserved,
                    Slot::Failed(_) => {}
                }
                entry.key = key;
                entry.last_used = frame;
                Need::Job(reserved)
            }
            None => {
                let reserved = estimate_bytes(16.0 / 9.0, width_px);
                self.entries.insert(
                    slot_id,
                    Entry {
                        key,
                        slot: Slot::Pending {
                            urgent: true,
                            reserved,
                        },
                        stale: None,
                        last_used: frame,
                    },
                );
                Need::Job(reserved)
            }
        };
        match need {
            Need::Nothing => {}
            Need::Promote => self.promote(slot_id, key),
            Need::Job(reserved) => {
                self.reserved += reserved;
                self.enqueue(
                    Job {
                        key,
                        request: request(),
                    },
                    true,
                );
            }
        }
        match self.entries.get(&slot_id) {
            Some(Entry {
                slot: Slot::Ready { texture, .. },
                ..
            }) => Thumb::Ready(texture),
            Some(Entry {
                stale: Some(texture),
                ..
            }) => Thumb::Ready(texture),
            Some(Entry {
                slot: Slot::Failed(e),
                ..
            }) => Thumb::Failed(e),
            _ => Thumb::Loading,
        }
    }

    /// Queue an off-screen card for background rendering, within budget.
    /// Returns true when a job was queued.
    pub fn prefetch(
        &mut self,
        request: impl FnOnce() -> ThumbRequest,
        key: u64,
        panel: PanelId,
        width_px: u32,
    ) -> bool {
        let slot_id = (panel, width_px);
        let reserved = estimate_bytes(16.0 / 9.0, width_px);
        // Only panels never seen (changed ones re-render when they scroll
        // in), and only while the budget has room for what is queued.
        if self.entries.contains_key(&slot_id) || !self.prefetch_room(width_px) {
            return false;
        }
        self.entries.insert(
            slot_id,
            Entry {
                key,
                slot: Slot::Pending {
                    urgent: false,
                    reserved,
                },
                stale: None,
                last_used: 0,
            },
        );
        self.reserved += reserved;
        self.enqueue(
            Job {
                key,
                request: request(),
            },
            false,
        );
        true
    }

    /// Whether the budget has room to prefetch one more thumbnail
    /// `width_px` wide (so a full cache skips the search for candidates).
    pub fn prefetch_room(&self, width_px: u32) -> bool {
        self.bytes + self.reserved + estimate_bytes(16.0 / 9.0, width_px) <= BUDGET_BYTES * 9 / 10
    }

    /// Number of thumbnails requested and not yet rendered.
    pub fn pending(&self) -> usize {
        self.entries
            .values()
            .filter(|e| matches!(e.slot, Slot::Pending { .. }))
            .count()
    }

    /// The content key of a panel's thumbnail, memoised per board
    /// generation so painting does not re-hash thousands of strokes.
    pub fn key(
        &mut self,
        panel: &Panel,
        aspect: AspectRatio,
        width_px: u32,
        generation: u64,
    ) -> u64 {
        let memo = self.keys.entry(panel.id).or_insert((u64::MAX, 0, 0));
        if memo.0 != generation || memo.1 != width_px {
            *memo = (generation, width_px, content_key(panel, aspect, width_px));
        }
        memo.2
    }

    /// Whether workers still have thumbnails queued or rendering; finished
    /// ones wait for the next frame's [`Self::begin_frame`].
    pub fn rendering(&self) -> bool {
        self.shared
            .queue
            .lock()
            .is_ok_and(|q| q.in_flight > 0 || !q.urgent.is_empty() || !q.background.is_empty())
    }

    /// Number of thumbnails ready as textures.
    pub fn ready(&self) -> usize {
        self.entries
            .values()
            .filter(|e| matches!(e.slot, Slot::Ready { .. }))
            .count()
    }

    /// Move a prefetch job to the front of the urgent queue (if a worker
    /// has not already taken it).
    /// Blank panels share a content key, so jobs are matched by slot too.
    fn promote(&self, slot: SlotId, key: u64) {
        if let Ok(mut q) = self.shared.queue.lock()
            && let Some(i) = q
                .background
                .iter()
                .position(|j| j.key == key && j.slot() == slot)
            && let Some(job) = q.background.remove(i)
        {
            q.urgent.push_front(job);
        }
    }

    fn enqueue(&self, job: Job, urgent: bool) {
        if let Ok(mut q) = self.shared.queue.lock() {
            if urgent {
                // Newest first: the cards on screen now beat those scrolled past.
                q.urgent.push_front(job);
            } else {
                q.background.push_back(job);
            }
            self.shared.wake.notify_one();
        }
    }

    fn evict(&mut self) {
        if self.bytes <= BUDGET_BYTES {
            return;
        }
        let mut ready: Vec<(u64, SlotId)> = self
            .entries
            .iter()
            .filter(|(_, e)| matches!(e.slot, Slot::Ready { .. }) && e.last_used + 2 < self.frame)
            .map(|(id, e)| (e.last_used, *id))
            .collect();
        ready.sort_unstable();
        for (_, id) in ready {
            if self.bytes <= BUDGET_BYTES * 3 / 4 {
                break;
            }
            if let Some(Entry {
                slot: Slot::Ready { bytes, .. },
                ..
            }) = self.entries.remove(&id)
            {
                self.bytes -= bytes;
            }
        }
    }
}

impl Drop for ThumbCache {
    fn drop(&mut self) {
        if let Ok(mut q) = self.shared.queue.lock() {
            q.shutdown = true;
            q.urgent.clear();
            q.background.clear();
        }
        self.shared.wake.notify_all();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// A job a worker has taken off the queue; counted until its result is sent,
/// or its renderer panicked, so [`ThumbCache::rendering`] never waits on a
/// job that will not finish.
struct InFlight<'a>(&'a Shared);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut q) = self.0.queue.lock() {
            q.in_flight = q.in_flight.saturating_sub(1);
        }
    }
}

fn worker(shared: &Shared, tx: &Sender<Done>, loader: &dyn ThumbRender) {
    let mut worked = false;
    loop {
        let next = {
            let Ok(mut q) = shared.queue.lock() else {
                return;
            };
            loop {
                if q.shutdown {
                    return;
                }
                if let Some(job) = q.urgent.pop_front().or_else(|| q.background.pop_front()) {
                    q.in_flight += 1;
                    break Some(job);
                }
                if !worked {
                    q = match shared.wake.wait(q) {
                        Ok(q) => q,
                        Err(_) => return,
                    };
                    continue;
                }
                // Cards often trickle in a frame apart while scrolling; only
                // a queue that stays empty for a moment ends the burst.
                let (guard, wait) = match shared.wake.wait_timeout(q, BURST_GRACE) {
                    Ok(r) => r,
                    Err(_) => return,
                };
                q = guard;
                if wait.timed_out() && q.urgent.is_empty() && q.background.is_empty() {
                    if q.in_flight > 0 {
                        // Another worker is still busy; the last one to
                        // finish releases the memory, once.
                        worked = false;
                        continue;
                    }
                    break None;
                }
            }
        };
        let Some(job) = next else {
            // A burst of decoding is over (outside the queue lock, so the
            // UI never waits on it): drop the renderer's caches and hand
            // the scratch memory of full-size decodes back to the system.
            worked = false;
            loader.idle();
            super::memory::release_free_memory();
            continue;
        };
        let taken = InFlight(shared);
        let result = loader.render(&job.request);
        worked = true;
        let sent = tx.send(Done {
            slot: job.slot(),
            key: job.key,
            result,
        });
        drop(taken);
        if sent.is_err() {
            return;
        }
        if let Some(ctx) = shared.ctx.get() {
            ctx.request_repaint();
        }
    }
}

/// Content key of a card's thumbnail: changes when anything drawn changes.
pub fn content_key(panel: &Panel, aspect: AspectRatio, width_px: u32) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    panel.image.hash(&mut h);
    aspect.hash(&mut h);
    width_px.hash(&mut h);
    panel.strokes.len().hash(&mut h);
    for s in &panel.strokes {
        s.tool.hash(&mut h);
        s.layer.hash(&mut h);
        s.color.hash(&mut h);
        s.width.to_bits().hash(&mut h);
        s.opacity.to_bits().hash(&mut h);
        s.points.hash(&mut h);
    }
    h.finish()
}

/// The request for a panel's thumbnail at `width_px`.
pub fn thumb_request(
    board: &crate::model::Board,
    asset_dir: &std::path::Path,
    panel: &Panel,
    width_px: u32,
) -> ThumbRequest {
    ThumbRequest {
        panel: panel.clone(),
        image_path: panel.image.as_ref().map(|a| asset_dir.join(a.as_str())),
        aspect: board.aspect_ratio,
        width_px,
    }
}
