//! What a script gave a scene or panel, kept as fingerprints.
//!
//! An update from a new draft may rewrite text the script wrote, but never
//! text a person has since edited. Keeping a fingerprint of what the
//! script gave makes that decidable without storing the words twice: text
//! whose fingerprint still matches was not touched by hand.
//!
//! Fingerprints are FNV-1a (64 bit) of the exact text: stable across
//! platforms and versions, which `std`'s hasher does not promise. They are
//! not a security measure; a collision only means a hand edit that happens
//! to hash like the script's text would be updated.

use serde::{Deserialize, Serialize};

use super::Scene;

/// Fingerprints of a panel's action and dialogue as the script gave them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScriptText {
    pub action: u64,
    pub dialogue: u64,
}

impl ScriptText {
    pub fn of(action: &str, dialogue: &str) -> Self {
        Self {
            action: fingerprint(action),
            dialogue: fingerprint(dialogue),
        }
    }
}

/// FNV-1a, 64 bit.
pub fn fingerprint(text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    text.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// Record a scene (and its panels) as the script gave it.
pub fn stamp_from_script(scene: &mut Scene) {
    scene.script_heading = Some(fingerprint(&scene.heading));
    for panel in &mut scene.panels {
        panel.script = Some(ScriptText::of(&panel.action, &panel.dialogue));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_fnv1a() {
        // Reference values of FNV-1a 64.
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fingerprint("Mary sits."), fingerprint("Mary sits"));
    }
}
