//! libFuzzer target: the board loader never panics, and a board it
//! accepts survives save → load unchanged.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use shotboard::store;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(board) = store::from_ron_str(text, Path::new("fuzz.ron")) {
        let saved = store::to_ron_string(&board);
        let again = store::from_ron_str(&saved, Path::new("fuzz.ron"))
            .expect("a loaded board loads again after saving");
        let has_nan = board
            .panels()
            .flat_map(|p| &p.strokes)
            .any(|s| s.width.is_nan() || s.opacity.is_nan());
        assert!(again == board || has_nan, "save → load changed the board");
    }
});
