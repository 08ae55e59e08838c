//! Bringing outside material into a board. Today: image files.
//!
//! Everything here is a pure function of its input bytes; copying into a
//! board's assets folder lives in [`crate::store`].

pub mod image;
