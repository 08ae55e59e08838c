//! Bringing other programs' material into a board: screenplays
//! ([`screenplay`]) and Storyboarder projects ([`storyboarder`]).
//!
//! Each converter is a function of its input file that returns model data;
//! frames it produces are stored through [`crate::store`]. Image decoding
//! itself lives in the leaf [`crate::media`], which `store` and `export`
//! use too.

pub mod screenplay;
pub mod storyboarder;
