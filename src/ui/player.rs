//! The animatic player's clock: a small state machine advanced by the
//! frame time egui reports (`InputState::time`), never by sleeping, so a
//! test harness can simulate playback by stepping time.
//!
//! The player knows frames, not panels: the [`Schedule`] maps its position
//! to what shows. It asks for repaints only while playing, and then only
//! when the picture changes, so a held panel costs nothing and the app is
//! back to zero CPU the moment playback stops.

use std::ops::Range;
use std::time::Duration;

use crate::playback::{FRAME_EPSILON, Schedule};

/// How long playback may wait for the first frame to be ready before the
/// clock runs anyway (a missing image must not stall the meeting).
const MAX_PREROLL_SECS: f64 = 1.0;

/// The largest time step taken at once: after the window was hidden or the
/// machine stalled, playback resumes instead of jumping far ahead.
const MAX_STEP_SECS: f64 = 0.5;

#[derive(Debug, Default)]
pub struct Player {
    playing: bool,
    /// The frame on screen (while playing) or where Play starts (stopped).
    position: u64,
    pub looping: bool,
    /// Frames to play: the whole board, or one scene.
    range: Option<Range<u64>>,
    /// Frame the clock counts from, and seconds played since.
    origin: u64,
    elapsed: f64,
    last_time: Option<f64>,
    /// The frame to show is not rendered yet: hold the clock (pre-roll).
    waiting: bool,
    held: f64,
    /// Frames painted while playing without their picture ready.
    hitches: u64,
}

impl Player {
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    pub fn position(&self) -> u64 {
        self.position
    }

    /// The frames being played (the whole board unless one scene).
    pub fn range(&self, total: u64) -> Range<u64> {
        self.range.clone().unwrap_or(0..total)
    }

    /// Start playing at `from`, within `range` (a scene) or the whole board.
    pub fn play(&mut self, from: u64, range: Option<Range<u64>>) {
        let from = match &range {
            Some(r) if !r.contains(&from) => r.start,
            _ => from,
        };
        self.playing = true;
        self.position = from;
        self.origin = from;
        self.elapsed = 0.0;
        self.last_time = None;
        self.held = 0.0;
        // Until the painter reports the first picture ready, hold.
        self.waiting = true;
        self.range = range;
    }

    pub fn stop(&mut self) {
        self.playing = false;
        self.last_time = None;
        self.waiting = false;
    }

    /// Move the playhead; while playing, the clock continues from there.
    pub fn seek(&mut self, frame: u64) {
        self.position = frame;
        self.origin = frame;
        self.elapsed = 0.0;
    }

    /// Told by the painter each frame: is the picture for the position ready?
    pub fn set_waiting(&mut self, waiting: bool) {
        if self.playing && waiting && self.held >= MAX_PREROLL_SECS {
            self.hitches += 1;
        }
        self.waiting = waiting;
    }

    /// Frames shown while playing without their picture ready (after the
    /// pre-roll): should stay zero, since upcoming frames are prefetched.
    pub fn hitches(&self) -> u64 {
        self.hitches
    }

    /// When to paint next: at the next visible change of the schedule (see
    /// [`Schedule::until_next_change`]; `every_frame` when a timecode or
    /// progress bar is on screen), or `None` when stopped, so idle costs no
    /// CPU.
    pub fn repaint_after(&self, schedule: &Schedule, every_frame: bool) -> Option<Duration> {
        if !self.playing {
            return None;
        }
        let fps = schedule.fps();
        let one_frame = fps.frames_to_secs(1);
        // Pre-roll: the renderer asks for a repaint when the picture lands;
        // looking again each frame keeps the pre-roll limit.
        let secs = if self.waiting && self.held < MAX_PREROLL_SECS {
            one_frame
        } else {
            // Past the end (the board was shortened meanwhile): one more
            // tick stops or wraps playback.
            schedule
                .until_next_change(fps.frames_to_secs(self.origin) + self.elapsed, every_frame)
                .unwrap_or(one_frame)
        };
        // The clock advances at most MAX_STEP_SECS per tick (so a stall
        // never skips panels); waking more often keeps a long hold in time.
        Some(Duration::from_secs_f64(secs.min(MAX_STEP_SECS / 2.0)))
    }

    /// Advance the clock to `now` (seconds, from egui's input). Returns
    /// whether playback continues; it stops by itself at the end unless
    /// looping.
    pub fn tick(&mut self, now: f64, schedule: &Schedule) -> bool {
        if !self.playing {
            return false;
        }
        let total = schedule.total_frames();
        let range = self.range(total);
        if range.is_empty() {
            self.stop();
            return false;
        }
        let dt = self
            .last_time
            .map_or(0.0, |t| (now - t).clamp(0.0, MAX_STEP_SECS));
        self.last_time = Some(now);
        if self.waiting && self.held < MAX_PREROLL_SECS {
            self.held += dt;
            return true;
        }
        // Once the first frame is up, the clock never waits again.
        self.held = MAX_PREROLL_SECS;
        self.elapsed += dt;
        let mut frame = self.origin + schedule.fps().secs_to_frame(self.elapsed + FRAME_EPSILON);
        if frame >= range.end {
            if self.looping {
                let len = range.end - range.start;
                frame = range.start + (frame - range.end) % len;
                self.origin = frame;
                self.elapsed = 0.0;
            } else {
                self.position = range.end - 1;
                self.stop();
                return false;
            }
        }
        self.position = frame;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Fps, Panel, PanelId, Scene, SceneId};

    fn schedule(fps: Fps, durations_ms: &[u32]) -> Schedule {
        let mut b = Board {
            fps,
            ..Board::default()
        };
        let mut s = Scene::new(SceneId(1), "S");
        for (i, &ms) in durations_ms.iter().enumerate() {
            let mut p = Panel::new(PanelId(10 + i as u64));
            p.duration_ms = Some(ms);
            s.panels.push(p);
        }
        b.scenes.push(s);
        Schedule::new(&b)
    }

    /// Tick every `step` seconds, `steps` times, from t = 0.
    fn run(p: &mut Player, s: &Schedule, step: f64, steps: usize) -> f64 {
        let mut t = 0.0;
        for _ in 0..=steps {
            p.tick(t, s);
            t += step;
        }
        t
    }

    #[test]
    fn the_clock_follows_simulated_time_frame_by_frame() {
        let s = schedule(Fps::Fps25, &[1000, 1000]);
        let mut p = Player::default();
        p.play(0, None);
        p.set_waiting(false);
        run(&mut p, &s, 0.04, 30);
        assert_eq!(p.position(), 30);
        assert!(p.is_playing());
    }

    #[test]
    fn playback_stops_on_the_last_frame() {
        let s = schedule(Fps::Fps24, &[500, 500]);
        let mut p = Player::default();
        p.play(0, None);
        p.set_waiting(false);
        run(&mut p, &s, 1.0 / 24.0, 30);
        assert!(!p.is_playing());
        assert_eq!(p.position(), 23);
        assert!(!p.tick(10.0, &s));
    }

    #[test]
    fn looping_wraps_to_the_range_start() {
        let s = schedule(Fps::Fps24, &[500, 500]);
        let mut p = Player {
            looping: true,
            ..Player::default()
        };
        p.play(12, Some(12..24));
        p.set_waiting(false);
        run(&mut p, &s, 1.0 / 24.0, 14);
        assert!(p.is_playing());
        assert_eq!(p.position(), 14);
    }

    #[test]
    fn a_held_panel_repaints_at_its_cut_and_a_stopped_player_never() {
        let s = schedule(Fps::Fps24, &[2000, 2000]);
        let mut p = Player::default();
        assert_eq!(p.repaint_after(&s, true), None);
        p.play(0, None);
        p.set_waiting(false);
        // 0.5 s into panel 0 (frame 12): the cut to panel 1 is 1.5 s away,
        // the timecode's next frame 1/24 s.
        run(&mut p, &s, 0.25, 2);
        assert_eq!(p.position(), 12);
        let secs = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
        let close =
            |d: Option<Duration>, want: f64| secs(d).is_some_and(|s| (s - want).abs() < 1e-6);
        // Nothing changes until the cut, but the clock steps at most half a
        // second per tick: it looks again every quarter second.
        assert!(
            close(p.repaint_after(&s, false), 0.25),
            "{:?}",
            p.repaint_after(&s, false)
        );
        run(&mut p, &s, 0.25, 5);
        assert_eq!(p.position(), 42);
        assert!(close(p.repaint_after(&s, false), 0.25));
        assert!(close(p.repaint_after(&s, true), 1.0 / 24.0));
        p.stop();
        assert_eq!(p.repaint_after(&s, true), None);
        assert_eq!(p.repaint_after(&s, false), None);
    }

    #[test]
    fn a_long_hold_woken_only_by_its_own_repaints_keeps_real_time() {
        // A blanked presentation: nothing on screen but the next cut.
        let s = schedule(Fps::Fps24, &[4000, 4000]);
        let mut p = Player::default();
        p.play(0, None);
        p.set_waiting(false);
        let mut now = 0.0;
        p.tick(now, &s);
        while p.position() < 96 {
            let Some(wait) = p.repaint_after(&s, false) else {
                panic!("stopped at frame {}", p.position());
            };
            now += wait.as_secs_f64();
            assert!(p.tick(now, &s));
            assert!(now < 10.0, "fell behind: frame {} at {now} s", p.position());
        }
        assert!((now - 4.0).abs() < 1.0 / 24.0, "the cut came at {now} s");
    }

    #[test]
    fn the_pre_roll_looks_again_every_frame() {
        let s = schedule(Fps::Fps25, &[2000]);
        let mut p = Player::default();
        p.play(0, None);
        assert_eq!(p.repaint_after(&s, false), Some(Duration::from_millis(40)));
    }

    #[test]
    fn the_clock_holds_while_the_first_picture_renders() {
        let s = schedule(Fps::Fps24, &[2000]);
        let mut p = Player::default();
        p.play(0, None);
        run(&mut p, &s, 0.1, 5);
        assert_eq!(p.position(), 0);
        p.set_waiting(false);
        p.tick(0.6, &s);
        assert_eq!(p.position(), 2);
        assert_eq!(p.hitches(), 0);
    }
}
