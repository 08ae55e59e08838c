//! How long `shotboard demo` takes to draw a 1,000-panel synthetic board,
//! and what it makes: `cargo bench --bench demo_speed`.

use std::time::Instant;

use shotboard::demo::{DemoOptions, synthetic};

fn main() {
    let start = Instant::now();
    let demo = match synthetic(&DemoOptions::with_panels(1000), "bench.assets") {
        Ok(demo) => demo,
        Err(e) => {
            eprintln!("cannot make the synthetic board: {e}");
            std::process::exit(1);
        }
    };
    let generate = start.elapsed();
    let ron = shotboard::store::to_ron_string(&demo.board);
    let bytes: usize = demo.images.iter().map(|(_, png)| png.len()).sum();
    println!(
        "synthetic(1000 panels): {generate:?}; {} strokes; RON {} KB; {} images, {} KB",
        demo.board.stroke_count(),
        ron.len() / 1024,
        demo.images.len(),
        bytes / 1024
    );
}
