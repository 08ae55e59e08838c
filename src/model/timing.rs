//! Frame-exact timing: frame rates, rounding of durations to whole frames,
//! runtimes and timecode strings.
//!
//! Every runtime in Shotboard is a whole number of frames at the board's
//! frame rate. A panel's duration in milliseconds is rounded to the nearest
//! frame (at least one), and totals are sums of those frame counts, so the
//! canvas, the timeline, the status bar and every export agree to the frame.

use serde::{Deserialize, Serialize};

/// How a board shows a panel's duration: seconds with the precision its
/// frame rate needs ("3.75 s"), or frames ("90 fr"), as the team counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DurationUnit {
    #[default]
    Seconds,
    Frames,
}

impl DurationUnit {
    pub const ALL: [Self; 2] = [Self::Seconds, Self::Frames];

    pub fn label(self) -> &'static str {
        match self {
            Self::Seconds => "Seconds",
            Self::Frames => "Frames",
        }
    }

    pub fn is_seconds(&self) -> bool {
        *self == Self::Seconds
    }
}

/// A board's frame rate. Stored by name so the RON stays readable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fps {
    /// 24000/1001, the NTSC film rate.
    Fps23_976,
    #[default]
    Fps24,
    Fps25,
    /// 30000/1001, NTSC video.
    Fps29_97,
    Fps30,
    Fps50,
    Fps60,
}

impl Fps {
    pub const ALL: [Self; 7] = [
        Self::Fps23_976,
        Self::Fps24,
        Self::Fps25,
        Self::Fps29_97,
        Self::Fps30,
        Self::Fps50,
        Self::Fps60,
    ];

    /// Exact rate as `numerator / denominator` frames per second.
    pub fn rational(self) -> (u64, u64) {
        match self {
            Self::Fps23_976 => (24_000, 1001),
            Self::Fps24 => (24, 1),
            Self::Fps25 => (25, 1),
            Self::Fps29_97 => (30_000, 1001),
            Self::Fps30 => (30, 1),
            Self::Fps50 => (50, 1),
            Self::Fps60 => (60, 1),
        }
    }

    pub fn as_f64(self) -> f64 {
        let (n, d) = self.rational();
        n as f64 / d as f64
    }

    /// The whole-frame count used for timecode labels (24 for 23.976).
    pub fn timecode_base(self) -> u64 {
        let (n, d) = self.rational();
        n.div_ceil(d)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Fps23_976 => "23.976",
            Self::Fps24 => "24",
            Self::Fps25 => "25",
            Self::Fps29_97 => "29.97",
            Self::Fps30 => "30",
            Self::Fps50 => "50",
            Self::Fps60 => "60",
        }
    }

    /// Milliseconds rounded to the nearest whole frame; never less than one
    /// frame, so every panel is on screen.
    pub fn ms_to_frames(self, ms: u32) -> u64 {
        let (n, d) = self.rational();
        // frames = ms * n / (1000 * d), rounded half up, in integers.
        let num = u64::from(ms) * n;
        let den = 1000 * d;
        ((num + den / 2) / den).max(1)
    }

    /// Exact start time of `frames` in milliseconds, rounded to the nearest ms.
    pub fn frames_to_ms(self, frames: u64) -> u64 {
        let (n, d) = self.rational();
        let num = frames * 1000 * d;
        (num + n / 2) / n
    }

    /// Seconds as a float, for display and for real-time playback.
    pub fn frames_to_secs(self, frames: u64) -> f64 {
        let (n, d) = self.rational();
        frames as f64 * d as f64 / n as f64
    }

    /// The seconds `frames` last, with as few decimals (one to three) as
    /// still name that frame count: "3.75" for 90 frames at 24 fps, "2.5",
    /// "3.792". Cards, inspector, shot list and PDF all show this, so one
    /// duration never reads 3.8 in one place and 3.750 in another.
    pub fn seconds_text(self, frames: u64) -> String {
        let secs = self.frames_to_secs(frames);
        for decimals in 1..=2 {
            let text = format!("{secs:.decimals$}");
            // "0.0" would read back as one frame too (no panel is shorter),
            // but says nothing.
            let back = text
                .parse::<f64>()
                .ok()
                .filter(|v| *v > 0.0)
                .map(|v| self.ms_to_frames((v * 1000.0).round() as u32));
            if back == Some(frames) {
                return text;
            }
        }
        format!("{secs:.3}")
    }

    /// [`Self::seconds_text`] with its unit: "3.75 s".
    pub fn duration_label(self, frames: u64) -> String {
        format!("{} s", self.seconds_text(frames))
    }

    /// A duration of `frames` as the board shows durations: the
    /// [`Self::duration_label`] seconds, or whole frames.
    pub fn duration_in(self, frames: u64, unit: DurationUnit) -> String {
        match unit {
            DurationUnit::Seconds => self.duration_label(frames),
            DurationUnit::Frames => format!("{frames} fr"),
        }
    }

    /// The frame showing at `secs` seconds of real time.
    pub fn secs_to_frame(self, secs: f64) -> u64 {
        if secs <= 0.0 {
            return 0;
        }
        (secs * self.as_f64()).floor() as u64
    }

    /// Non-drop-frame SMPTE timecode `HH:MM:SS:FF` of a frame count.
    ///
    /// Fractional NTSC rates count frames on their rounded base (24 or 30),
    /// as editors do for non-drop timecode.
    pub fn timecode(self, frames: u64) -> String {
        let base = self.timecode_base();
        let ff = frames % base;
        let total_secs = frames / base;
        let ss = total_secs % 60;
        let mm = (total_secs / 60) % 60;
        let hh = total_secs / 3600;
        format!("{hh:02}:{mm:02}:{ss:02}:{ff:02}")
    }

    /// A human runtime like `1:05.250` (minutes, seconds, milliseconds),
    /// computed from whole frames so it matches every other total.
    pub fn runtime_label(self, frames: u64) -> String {
        let ms = self.frames_to_ms(frames);
        let minutes = ms / 60_000;
        let secs = (ms % 60_000) / 1000;
        let millis = ms % 1000;
        if minutes >= 60 {
            format!("{}:{:02}:{secs:02}.{millis:03}", minutes / 60, minutes % 60)
        } else {
            format!("{minutes}:{secs:02}.{millis:03}")
        }
    }
}

impl std::fmt::Display for Fps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} fps", self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_to_nearest_whole_frame() {
        assert_eq!(Fps::Fps24.ms_to_frames(2000), 48);
        assert_eq!(Fps::Fps24.ms_to_frames(1500), 36);
        // 1001 ms at 23.976 is exactly 24 frames.
        assert_eq!(Fps::Fps23_976.ms_to_frames(1001), 24);
        assert_eq!(Fps::Fps23_976.ms_to_frames(2000), 48);
        assert_eq!(Fps::Fps25.ms_to_frames(2000), 50);
        assert_eq!(Fps::Fps30.ms_to_frames(2000), 60);
        // 20 ms at 25 fps is half a frame: rounds up.
        assert_eq!(Fps::Fps25.ms_to_frames(20), 1);
        assert_eq!(Fps::Fps25.ms_to_frames(59), 1);
        assert_eq!(Fps::Fps25.ms_to_frames(60), 2);
    }

    #[test]
    fn zero_duration_still_shows_one_frame() {
        for fps in Fps::ALL {
            assert_eq!(fps.ms_to_frames(0), 1);
        }
    }

    #[test]
    fn durations_read_with_the_fewest_decimals_that_keep_the_frame_count() {
        assert_eq!(Fps::Fps24.seconds_text(90), "3.75");
        assert_eq!(Fps::Fps24.seconds_text(48), "2.0");
        assert_eq!(Fps::Fps24.seconds_text(60), "2.5");
        assert_eq!(Fps::Fps24.seconds_text(91), "3.8");
        assert_eq!(Fps::Fps24.seconds_text(1), "0.04");
        assert_eq!(Fps::Fps25.seconds_text(1), "0.04");
        assert_eq!(Fps::Fps30.seconds_text(1), "0.03");
        assert_eq!(Fps::Fps23_976.seconds_text(24), "1.0");
        assert_eq!(Fps::Fps24.duration_label(90), "3.75 s");
        // Every frame count up to a minute reads back to itself.
        for fps in Fps::ALL {
            for frames in 1..(60 * 30) {
                let text = fps.seconds_text(frames);
                let ms = (text.parse::<f64>().unwrap() * 1000.0).round() as u32;
                assert_eq!(fps.ms_to_frames(ms), frames, "{fps} {frames} -> {text}");
            }
        }
    }

    #[test]
    fn timecode_counts_frames_on_the_rounded_base() {
        assert_eq!(Fps::Fps24.timecode(0), "00:00:00:00");
        assert_eq!(Fps::Fps24.timecode(24 * 61 + 5), "00:01:01:05");
        assert_eq!(Fps::Fps23_976.timecode(24 * 3600), "01:00:00:00");
        assert_eq!(Fps::Fps25.timecode(25 * 10 + 24), "00:00:10:24");
        assert_eq!(Fps::Fps30.timecode(30 * 60 * 60 * 2 + 29), "02:00:00:29");
    }

    #[test]
    fn frames_convert_back_to_milliseconds() {
        assert_eq!(Fps::Fps24.frames_to_ms(48), 2000);
        assert_eq!(Fps::Fps23_976.frames_to_ms(24), 1001);
        assert_eq!(Fps::Fps30.frames_to_ms(1), 33);
        assert_eq!(Fps::Fps25.runtime_label(25 * 65 + 5), "1:05.200");
    }
}
