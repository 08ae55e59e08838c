//! The shot facts a crew needs for each panel, and its review state.
//!
//! Each enum has a stable serialized name (used in the RON file), a short
//! code for cards and shot lists, and a long name for menus.

use serde::{Deserialize, Serialize};

macro_rules! shot_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($variant:ident => ($short:literal, $long:literal)),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// Abbreviation used on cards and in the shot list.
            pub fn short(self) -> &'static str {
                match self {
                    $(Self::$variant => $short),+
                }
            }

            /// Full name used in menus and exports.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $long),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

shot_enum! {
    /// How much of the subject the frame shows.
    ShotSize {
        ExtremeWide => ("EWS", "Extreme wide"),
        Wide => ("WS", "Wide"),
        Full => ("FS", "Full"),
        MediumWide => ("MWS", "Medium wide"),
        Medium => ("MS", "Medium"),
        MediumCloseUp => ("MCU", "Medium close-up"),
        CloseUp => ("CU", "Close-up"),
        ExtremeCloseUp => ("ECU", "Extreme close-up"),
        Insert => ("INS", "Insert"),
    }
}

shot_enum! {
    /// Where the camera looks from.
    CameraAngle {
        EyeLevel => ("EYE", "Eye level"),
        High => ("HIGH", "High angle"),
        Low => ("LOW", "Low angle"),
        Overhead => ("OVH", "Overhead"),
        Dutch => ("DUTCH", "Dutch"),
        Pov => ("POV", "Point of view"),
        OverTheShoulder => ("OTS", "Over the shoulder"),
    }
}

shot_enum! {
    /// How the camera moves during the shot.
    CameraMove {
        Static => ("STATIC", "Static"),
        Pan => ("PAN", "Pan"),
        Tilt => ("TILT", "Tilt"),
        Dolly => ("DOLLY", "Dolly"),
        Truck => ("TRUCK", "Truck"),
        Crane => ("CRANE", "Crane"),
        Handheld => ("HH", "Handheld"),
        Zoom => ("ZOOM", "Zoom"),
        Steadicam => ("STEDI", "Steadicam"),
    }
}

shot_enum! {
    /// The transition into a panel from the one before it.
    Transition {
        Cut => ("CUT", "Cut"),
        Dissolve => ("DISS", "Dissolve"),
        FadeIn => ("FADE IN", "Fade in from black"),
        FadeOut => ("FADE OUT", "Fade out to black"),
        Wipe => ("WIPE", "Wipe"),
    }
}

shot_enum! {
    /// Where a panel stands in review.
    ReviewStatus {
        Draft => ("DRAFT", "Draft"),
        NeedsChanges => ("CHANGES", "Needs changes"),
        Approved => ("OK", "Approved"),
    }
}

// The variants come from `shot_enum!`, which cannot mark a default.
#[allow(clippy::derivable_impls)]
impl Default for Transition {
    fn default() -> Self {
        Self::Cut
    }
}

#[allow(clippy::derivable_impls)]
impl Default for ReviewStatus {
    fn default() -> Self {
        Self::Draft
    }
}
