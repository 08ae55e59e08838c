//! Reading media files' bytes, shared by every layer that touches pixels.
//!
//! A leaf: it knows nothing of boards, files or the UI. `store` probes
//! images it copies into a board, `import` and `export` decode them, and
//! the UI decodes thumbnails — all through this one place, so the limits
//! that keep a hostile image from exhausting memory are applied everywhere.

pub mod image;
