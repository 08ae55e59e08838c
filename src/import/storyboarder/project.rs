//! The `.storyboarder` JSON as Storyboarder wrote it.
//!
//! Numbers are kept as raw JSON values: Storyboarder saved some of them as
//! strings in some versions, and the importer wants to warn about a value it
//! cannot use rather than refuse the whole file.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SbProject {
    #[serde(default)]
    pub aspect_ratio: Option<Value>,
    #[serde(default)]
    pub fps: Option<Value>,
    #[serde(default)]
    pub default_board_timing: Option<Value>,
    pub boards: Vec<SbBoard>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SbBoard {
    #[serde(default)]
    pub uid: Option<String>,
    /// `board-<number>-<uid>.png`; the drawing itself in early versions.
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub number: Option<Value>,
    /// Storyboarder's shot label (`2B`), used to name the board in warnings.
    #[serde(default)]
    pub shot: Option<String>,
    #[serde(default)]
    pub new_shot: Option<bool>,
    #[serde(default)]
    pub duration: Option<Value>,
    #[serde(default)]
    pub dialogue: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Layer name → layer; a `null` layer is treated as absent.
    #[serde(default)]
    pub layers: Option<BTreeMap<String, Option<SbLayer>>>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct SbLayer {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub opacity: Option<Value>,
}

/// A JSON number, or a string holding one; `None` for anything else
/// (including `null`, NaN and infinities).
pub fn number(value: &Value) -> Option<f64> {
    let n = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }?;
    n.is_finite().then_some(n)
}
