//! The editor's tools: what each draws, its shortcut key and its defaults.

use egui::Key;

use crate::model::Tool;

/// A tool in the editor's tool bar. Drawing tools map to a stroke
/// [`Tool`]; the eraser edits existing strokes instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolKind {
    Draw(Tool),
    Eraser,
}

impl ToolKind {
    /// Tool bar order.
    pub const ALL: [Self; 9] = [
        Self::Draw(Tool::Pencil),
        Self::Draw(Tool::Pen),
        Self::Draw(Tool::Brush),
        Self::Eraser,
        Self::Draw(Tool::Line),
        Self::Draw(Tool::Arrow),
        Self::Draw(Tool::Frame),
        Self::Draw(Tool::Rect),
        Self::Draw(Tool::Ellipse),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Draw(Tool::Pencil) => "Pencil",
            Self::Draw(Tool::Pen) => "Pen",
            Self::Draw(Tool::Brush) => "Brush",
            Self::Eraser => "Eraser",
            Self::Draw(Tool::Line) => "Line",
            Self::Draw(Tool::Arrow) => "Arrow",
            Self::Draw(Tool::Frame) => "Frame",
            Self::Draw(Tool::Rect) => "Box",
            Self::Draw(Tool::Ellipse) => "Ellipse",
        }
    }

    /// The single key that picks the tool inside the editor.
    pub fn key(self) -> Key {
        match self {
            Self::Draw(Tool::Pencil) => Key::P,
            Self::Draw(Tool::Pen) => Key::N,
            Self::Draw(Tool::Brush) => Key::B,
            Self::Eraser => Key::E,
            Self::Draw(Tool::Line) => Key::L,
            Self::Draw(Tool::Arrow) => Key::A,
            Self::Draw(Tool::Frame) => Key::F,
            Self::Draw(Tool::Rect) => Key::R,
            Self::Draw(Tool::Ellipse) => Key::O,
        }
    }

    pub fn hint(self) -> String {
        let what = match self {
            Self::Draw(Tool::Pencil) => "thin, light line",
            Self::Draw(Tool::Pen) => "solid line; width follows pressure or speed",
            Self::Draw(Tool::Brush) => "wide, soft line",
            Self::Eraser => "removes the strokes it touches on unlocked layers",
            Self::Draw(Tool::Line) => "straight line (or hold Shift with any pen)",
            Self::Draw(Tool::Arrow) => "arrow for camera and character movement",
            Self::Draw(Tool::Frame) => "camera frame rectangle",
            Self::Draw(Tool::Rect) => "unfilled box",
            Self::Draw(Tool::Ellipse) => "unfilled ellipse",
        };
        format!("{}: {what} ({})", self.label(), self.key().name())
    }

    /// Starting width (fraction of the panel height) when the tool is picked.
    pub fn default_width(self) -> f32 {
        match self {
            Self::Draw(Tool::Pencil) => 0.002,
            Self::Draw(Tool::Pen) => 0.004,
            Self::Draw(Tool::Brush) => 0.02,
            Self::Eraser => 0.02,
            Self::Draw(_) => 0.004,
        }
    }
}
