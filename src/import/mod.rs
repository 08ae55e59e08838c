//! Bringing other programs' material into a board: screenplays
//! ([`screenplay`]), Storyboarder projects ([`storyboarder`]) and review
//! replies from an exported review page ([`review_reply`]).
//!
//! Each converter is a function of its input file that returns model data;
//! frames it produces are stored through [`crate::store`]. Image decoding
//! itself lives in the leaf [`crate::media`], which `store` and `export`
//! use too.

pub mod review_reply;
pub mod screenplay;
pub mod storyboarder;
