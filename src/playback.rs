//! The animatic's schedule: when each panel starts, which panel shows at a
//! given frame, and how transitions blend two panels.
//!
//! Pure arithmetic on whole frames at the board's rate, so the player, the
//! timeline and the presentation agree with each other and with
//! [`Board::runtime_frames`] to the frame. No egui, no clocks: the UI feeds
//! in a frame number and paints what this module says.

use std::ops::Range;

use crate::model::{Board, Fps, PanelId, Transition};

/// The longest transition, in frames (half a second at 24 fps). Shorter
/// panels get shorter transitions: never more than half of either panel.
pub const TRANSITION_FRAMES: u64 = 12;

/// Guards `floor` against float error when a time lands exactly on a frame.
pub const FRAME_EPSILON: f64 = 1e-6;

/// One panel's place on the animatic's time line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub panel: PanelId,
    /// Index of the panel's scene on the board.
    pub scene: usize,
    /// First frame of the panel.
    pub start: u64,
    /// Frame-rounded duration (at least one frame).
    pub frames: u64,
    /// The transition into this panel from the one before it.
    pub transition: Transition,
}

impl Slot {
    /// One past the panel's last frame.
    pub fn end(&self) -> u64 {
        self.start + self.frames
    }
}

/// How to draw a frame on top of (or instead of) the current panel alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Blend {
    /// The current panel alone.
    None,
    /// Cross-fade: the previous panel (`from`, a slot index) under the
    /// current one drawn at opacity `t` (0 → all previous, 1 → all current).
    Dissolve { from: usize, t: f32 },
    /// The current panel under black at opacity `alpha` (fades to and from
    /// black).
    Black { alpha: f32 },
    /// The current panel revealed left to right over the previous one up to
    /// fraction `t` of the width.
    Wipe { from: usize, t: f32 },
}

/// What shows at one frame: a slot index and its blend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub current: usize,
    pub blend: Blend,
}

/// Every panel's slot in board order, at the board's frame rate.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    fps: Fps,
    slots: Vec<Slot>,
    total: u64,
}

impl Schedule {
    pub fn new(board: &Board) -> Self {
        let mut start = 0;
        let slots = board
            .panels_with_scene()
            .map(|(scene, panel)| {
                let frames = board.panel_frames(panel);
                let slot = Slot {
                    panel: panel.id,
                    scene,
                    start,
                    frames,
                    transition: panel.transition,
                };
                start += frames;
                slot
            })
            .collect();
        Self {
            fps: board.fps,
            slots,
            total: start,
        }
    }

    pub fn fps(&self) -> Fps {
        self.fps
    }

    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Total frames: always equal to [`Board::runtime_frames`].
    pub fn total_frames(&self) -> u64 {
        self.total
    }

    /// The slot index showing at `frame`, or `None` past the end.
    pub fn index_at(&self, frame: u64) -> Option<usize> {
        if frame >= self.total {
            return None;
        }
        // The last slot starting at or before `frame`.
        let i = self.slots.partition_point(|s| s.start <= frame);
        i.checked_sub(1)
    }

    /// The slot index of a panel.
    pub fn index_of(&self, panel: PanelId) -> Option<usize> {
        self.slots.iter().position(|s| s.panel == panel)
    }

    /// The first frame of a panel.
    pub fn start_of(&self, panel: PanelId) -> Option<u64> {
        self.index_of(panel).map(|i| self.slots[i].start)
    }

    /// The frames of one scene (empty when it has no panels).
    pub fn scene_range(&self, scene: usize) -> Range<u64> {
        let first = self.slots.iter().find(|s| s.scene == scene);
        let last = self.slots.iter().rev().find(|s| s.scene == scene);
        match (first, last) {
            (Some(first), Some(last)) => first.start..last.end(),
            _ => 0..0,
        }
    }

    /// Length of the transition into slot `i`; 0 for a cut.
    pub fn transition_frames(&self, i: usize) -> u64 {
        let Some(slot) = self.slots.get(i) else {
            return 0;
        };
        let prev = i.checked_sub(1).and_then(|p| self.slots.get(p));
        let cap = |frames: u64| TRANSITION_FRAMES.min(frames / 2);
        match slot.transition {
            Transition::Cut => 0,
            // Fade in needs no previous panel: it comes up from black.
            Transition::FadeIn => cap(slot.frames),
            // Fade out darkens the previous panel's last frames.
            Transition::FadeOut => prev.map_or(0, |p| cap(p.frames)),
            Transition::Dissolve | Transition::Wipe => {
                prev.map_or(0, |p| cap(slot.frames.min(p.frames)))
            }
        }
    }

    /// What shows at `frame`, or `None` past the end.
    ///
    /// Dissolves and wipes play over the first frames of the incoming panel;
    /// a fade in brightens the incoming panel's first frames from black; a
    /// fade out darkens the outgoing panel's last frames to black, then the
    /// next panel cuts in. The last frame of a fade out and the first of a
    /// fade in are fully black, so a fade out into a fade in passes through
    /// black.
    pub fn view_at(&self, frame: u64) -> Option<View> {
        let current = self.index_at(frame)?;
        let slot = self.slots[current];
        let offset = frame - slot.start;
        let len = self.transition_frames(current);
        let blend = if offset < len {
            let t = (offset + 1) as f32 / (len + 1) as f32;
            match slot.transition {
                Transition::Dissolve => Blend::Dissolve {
                    from: current - 1,
                    t,
                },
                Transition::Wipe => Blend::Wipe {
                    from: current - 1,
                    t,
                },
                Transition::FadeIn => Blend::Black {
                    alpha: 1.0 - offset as f32 / len as f32,
                },
                Transition::Cut | Transition::FadeOut => Blend::None,
            }
        } else {
            self.fade_out_into_next(current, frame)
        };
        Some(View { current, blend })
    }

    /// The first frame after `frame` that shows a different picture, or
    /// `None` past the end.
    ///
    /// While a transition or fade runs every frame differs; during a plain
    /// hold the picture next changes where the panel ends or where the fade
    /// out into the next panel starts. The last panel's hold ends at
    /// [`Self::total_frames`], where playback stops or loops.
    pub fn next_change(&self, frame: u64) -> Option<u64> {
        let view = self.view_at(frame)?;
        if view.blend != Blend::None {
            return Some(frame + 1);
        }
        let end = self.slots[view.current].end();
        let fade = self.transition_frames(view.current + 1);
        let change = match self.slots.get(view.current + 1) {
            Some(next) if next.transition == Transition::FadeOut => end - fade,
            _ => end,
        };
        Some(change.max(frame + 1))
    }

    /// Seconds from playhead time `secs` (on the schedule's clock) until the
    /// picture next changes, or `None` past the end.
    ///
    /// Playback repaints only then instead of every display frame, so a
    /// panel held on screen costs no CPU. With `every_frame` (a timecode or
    /// progress bar is on screen) the next change is at most one board frame
    /// away.
    pub fn until_next_change(&self, secs: f64, every_frame: bool) -> Option<f64> {
        let frame = self.fps.secs_to_frame(secs + FRAME_EPSILON);
        let next = self.next_change(frame)?;
        let next = if every_frame { frame + 1 } else { next };
        Some((self.fps.frames_to_secs(next) - secs).max(0.0))
    }

    /// The black of a fade out into the slot after `current`, if `frame`
    /// is in its range.
    fn fade_out_into_next(&self, current: usize, frame: u64) -> Blend {
        let next = current + 1;
        let Some(n) = self.slots.get(next) else {
            return Blend::None;
        };
        if n.transition != Transition::FadeOut {
            return Blend::None;
        }
        let len = self.transition_frames(next);
        let end = self.slots[current].end();
        if len == 0 || frame + len < end {
            return Blend::None;
        }
        let k = frame + len - end; // 0 ..len
        Blend::Black {
            alpha: (k + 1) as f32 / len as f32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Panel, Scene, SceneId};

    /// A board of one scene per entry of `scenes`, each a list of
    /// (duration ms, transition).
    fn board(fps: Fps, scenes: &[&[(u32, Transition)]]) -> Board {
        let mut b = Board {
            fps,
            ..Board::default()
        };
        let mut id = 1;
        for panels in scenes {
            let mut s = Scene::new(SceneId(id), "S");
            id += 1;
            for &(ms, transition) in *panels {
                let mut p = Panel::new(PanelId(id));
                id += 1;
                p.duration_ms = Some(ms);
                p.transition = transition;
                s.panels.push(p);
            }
            b.scenes.push(s);
        }
        b
    }

    const CUT: Transition = Transition::Cut;

    #[test]
    fn totals_are_sums_of_frame_rounded_durations_at_common_rates() {
        // 1.03 s, 0.5 s, 2.27 s: each rounds on its own; the total is the
        // sum of the rounded frames, not the rounded sum of milliseconds.
        let panels: &[(u32, Transition)] = &[(1030, CUT), (500, CUT), (2270, CUT)];
        for (fps, frames, total) in [
            (Fps::Fps23_976, [25, 12, 54], 91),
            (Fps::Fps24, [25, 12, 54], 91),
            (Fps::Fps25, [26, 13, 57], 96),
            (Fps::Fps30, [31, 15, 68], 114),
        ] {
            let b = board(fps, &[panels]);
            let s = Schedule::new(&b);
            let got: Vec<u64> = s.slots().iter().map(|s| s.frames).collect();
            assert_eq!(got, frames, "{fps}");
            assert_eq!(s.total_frames(), total, "{fps}");
            assert_eq!(b.runtime_frames(), total, "{fps}");
        }
    }

    #[test]
    fn runtime_strings_at_common_rates() {
        // 91 frames at 23.976 is 3.795 s; at 24 it is 3.792 s.
        assert_eq!(Fps::Fps23_976.runtime_label(91), "0:03.795");
        assert_eq!(Fps::Fps23_976.timecode(91), "00:00:03:19");
        assert_eq!(Fps::Fps24.runtime_label(91), "0:03.792");
        assert_eq!(Fps::Fps24.timecode(91), "00:00:03:19");
        assert_eq!(Fps::Fps25.runtime_label(96), "0:03.840");
        assert_eq!(Fps::Fps25.timecode(96), "00:00:03:21");
        assert_eq!(Fps::Fps30.runtime_label(114), "0:03.800");
        assert_eq!(Fps::Fps30.timecode(114), "00:00:03:24");
        // An hour of 23.976 runs 3603.6 s of real time but counts an hour
        // of timecode.
        let hour = 24 * 3600;
        assert_eq!(Fps::Fps23_976.timecode(hour), "01:00:00:00");
        assert_eq!(Fps::Fps23_976.runtime_label(hour), "1:00:03.600");
        assert_eq!(Fps::Fps30.timecode(30 * 3600 - 1), "00:59:59:29");
    }

    #[test]
    fn whole_frames_survive_a_round_trip_through_milliseconds() {
        // Retiming stores milliseconds; they must read back as the same frames.
        for fps in Fps::ALL {
            for frames in 1..5000 {
                let ms = u32::try_from(fps.frames_to_ms(frames)).unwrap_or(u32::MAX);
                assert_eq!(fps.ms_to_frames(ms), frames, "{fps} {frames}");
            }
        }
    }

    #[test]
    fn real_time_maps_to_the_frame_on_screen() {
        assert_eq!(Fps::Fps24.secs_to_frame(0.0), 0);
        assert_eq!(Fps::Fps24.secs_to_frame(1.0 + 1e-6), 24);
        assert_eq!(Fps::Fps25.secs_to_frame(0.999), 24);
        assert_eq!(Fps::Fps23_976.secs_to_frame(1.001 + 1e-6), 24);
        assert_eq!(Fps::Fps30.secs_to_frame(-1.0), 0);
    }

    #[test]
    fn start_frames_and_the_panel_at_a_frame() {
        let b = board(
            Fps::Fps24,
            &[&[(1000, CUT), (500, CUT)], &[], &[(2000, CUT)]],
        );
        let s = Schedule::new(&b);
        let starts: Vec<u64> = s.slots().iter().map(|s| s.start).collect();
        assert_eq!(starts, [0, 24, 36]);
        assert_eq!(s.total_frames(), 84);
        assert_eq!(s.index_at(0), Some(0));
        assert_eq!(s.index_at(23), Some(0));
        assert_eq!(s.index_at(24), Some(1));
        assert_eq!(s.index_at(35), Some(1));
        assert_eq!(s.index_at(36), Some(2));
        assert_eq!(s.index_at(83), Some(2));
        assert_eq!(s.index_at(84), None);
        assert_eq!(s.start_of(PanelId(3)), Some(24));
        assert_eq!(s.slots()[2].scene, 2);
        assert_eq!(s.scene_range(0), 0..36);
        assert_eq!(s.scene_range(1), 0..0);
        assert_eq!(s.scene_range(2), 36..84);
    }

    #[test]
    fn an_empty_board_has_nothing_to_show() {
        let s = Schedule::new(&Board::default());
        assert_eq!(s.total_frames(), 0);
        assert_eq!(s.view_at(0), None);
    }

    #[test]
    fn cuts_never_blend() {
        let b = board(Fps::Fps24, &[&[(1000, CUT), (1000, CUT)]]);
        let s = Schedule::new(&b);
        for f in 0..48 {
            assert_eq!(s.view_at(f).map(|v| v.blend), Some(Blend::None), "{f}");
        }
    }

    #[test]
    fn a_dissolve_cross_fades_over_the_incoming_panels_first_frames() {
        let b = board(Fps::Fps24, &[&[(2000, CUT), (2000, Transition::Dissolve)]]);
        let s = Schedule::new(&b);
        assert_eq!(s.transition_frames(1), TRANSITION_FRAMES);
        assert_eq!(s.view_at(47).map(|v| v.blend), Some(Blend::None));
        let mut last = 0.0;
        for f in 48..48 + TRANSITION_FRAMES {
            let v = s.view_at(f).unwrap();
            assert_eq!(v.current, 1);
            let Blend::Dissolve { from: 0, t } = v.blend else {
                panic!("frame {f}: {:?}", v.blend);
            };
            assert!(t > last && t < 1.0, "frame {f}: {t}");
            last = t;
        }
        assert_eq!(s.view_at(60).map(|v| v.blend), Some(Blend::None));
    }

    #[test]
    fn transitions_shrink_to_half_the_shorter_panel() {
        // 250 ms at 24 fps is 6 frames: at most 3 frames of dissolve.
        let b = board(Fps::Fps24, &[&[(250, CUT), (2000, Transition::Dissolve)]]);
        assert_eq!(Schedule::new(&b).transition_frames(1), 3);
        // A dissolve into the very first panel has nothing to dissolve from.
        let b = board(Fps::Fps24, &[&[(2000, Transition::Dissolve)]]);
        assert_eq!(Schedule::new(&b).transition_frames(0), 0);
        // A one-frame panel cannot fade.
        let b = board(Fps::Fps24, &[&[(10, Transition::FadeIn)]]);
        assert_eq!(Schedule::new(&b).transition_frames(0), 0);
    }

    #[test]
    fn fades_pass_through_black() {
        let b = board(
            Fps::Fps25,
            &[&[
                (2000, Transition::FadeIn),
                (2000, Transition::FadeOut),
                (2000, Transition::FadeIn),
            ]],
        );
        let s = Schedule::new(&b);
        let alpha = |f| match s.view_at(f).unwrap().blend {
            Blend::Black { alpha } => alpha,
            Blend::None => 0.0,
            other => panic!("frame {f}: {other:?}"),
        };
        // Fade in from black at the start.
        assert_eq!(alpha(0), 1.0);
        assert!(alpha(6) < 1.0 && alpha(6) > 0.0);
        assert_eq!(alpha(12), 0.0);
        // Panel 0 fades out to black over its last 12 frames (38..50).
        assert_eq!(alpha(37), 0.0);
        assert!(alpha(38) > 0.0);
        assert_eq!(alpha(49), 1.0);
        // Panel 1 cuts in after a fade out: no black at its start...
        assert_eq!(alpha(50), 0.0);
        assert_eq!(s.view_at(50).unwrap().current, 1);
        // ...and panel 2 fades in, so 1's end is a plain cut to black.
        assert_eq!(alpha(99), 0.0);
        assert_eq!(alpha(100), 1.0);
        assert_eq!(s.view_at(100).unwrap().current, 2);
    }

    /// 48 frames each at 24 fps: a dissolve into panel 1 over frames
    /// 48..60, and panel 1 fading out over its last 12 frames (84..96).
    fn dissolve_then_fade_out() -> Schedule {
        Schedule::new(&board(
            Fps::Fps24,
            &[&[
                (2000, CUT),
                (2000, Transition::Dissolve),
                (2000, Transition::FadeOut),
            ]],
        ))
    }

    #[test]
    fn the_next_change_is_the_next_cut_or_every_frame_of_a_transition() {
        let s = dissolve_then_fade_out();
        assert_eq!(s.next_change(0), Some(48));
        assert_eq!(s.next_change(47), Some(48));
        assert_eq!(s.next_change(48), Some(49));
        assert_eq!(s.next_change(59), Some(60));
        assert_eq!(s.next_change(60), Some(84));
        assert_eq!(s.next_change(84), Some(85));
        assert_eq!(s.next_change(95), Some(96));
        // The last panel holds until playback ends.
        assert_eq!(s.next_change(96), Some(144));
        assert_eq!(s.next_change(143), Some(144));
        assert_eq!(s.next_change(144), None);
    }

    #[test]
    fn playback_waits_for_the_next_cut_or_frame_tick_but_not_past_the_end() {
        let s = dissolve_then_fade_out();
        let secs = |f| Fps::Fps24.frames_to_secs(f);
        let frame = secs(1);
        let assert_wait = |at: f64, every_frame: bool, want: f64| {
            let got = s.until_next_change(at, every_frame);
            assert!(
                got.is_some_and(|g| (g - want).abs() < 1e-9),
                "at {at} s (every frame {every_frame}): {got:?}, want {want}"
            );
        };
        // Holding panel 0: nothing changes until the dissolve at 2 s...
        assert_wait(0.5, false, 1.5);
        assert_wait(0.51, false, 1.49);
        // ...but a timecode on screen ticks once per board frame, at the
        // next frame boundary rather than a frame from now.
        assert_wait(0.5, true, frame);
        assert_wait(0.51, true, secs(13) - 0.51);
        // Inside the dissolve and the fade out, every frame differs.
        assert_wait(secs(50), false, frame);
        assert_wait(secs(90), false, frame);
        // After the dissolve, panel 1 holds until its fade out starts.
        assert_wait(secs(60), false, secs(84) - secs(60));
        // The last panel holds until the end, where playback stops.
        assert_wait(secs(100), false, secs(144) - secs(100));
        assert_wait(secs(143), true, frame);
        assert_eq!(s.until_next_change(secs(144), false), None);
        assert_eq!(s.until_next_change(secs(144), true), None);
        assert_eq!(
            Schedule::new(&Board::default()).until_next_change(0.0, true),
            None
        );
    }

    #[test]
    fn a_wipe_reveals_the_new_panel_left_to_right() {
        let b = board(Fps::Fps30, &[&[(1000, CUT), (1000, Transition::Wipe)]]);
        let s = Schedule::new(&b);
        let t_at = |f| match s.view_at(f).unwrap().blend {
            Blend::Wipe { from: 0, t } => t,
            other => panic!("frame {f}: {other:?}"),
        };
        assert!(t_at(30) < t_at(35));
        assert!(t_at(41) < 1.0);
        assert_eq!(s.view_at(42).unwrap().blend, Blend::None);
    }
}
