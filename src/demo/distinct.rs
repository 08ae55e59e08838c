//! Boards where every panel has its own photograph: the benchmark board
//! for real productions (`shotboard demo --distinct`).
//!
//! The synthetic board shares 24 images over any number of panels, which
//! hides the cost of decoding, caching and exporting a real board. Here
//! each panel gets a different 1920×1080 picture with photographic detail
//! (grain, uneven light, vignetting), encoded as a JPEG of about 300 KB,
//! like a frame from a camera or a render. Same options, same bytes.

use super::rng::SplitMix64;
use super::synthetic::{DemoOptions, MAX_PANELS, build_board, photo_frame};
use super::{DemoError, asset_path, check_assets_dir};
use crate::model::{AssetPath, Board};

/// One image made: its panel index and where it went.
type Made = (usize, Result<AssetPath, DemoError>);

/// Receives each generated image: its asset path and JPEG bytes.
pub type ImageSink<'a> = dyn Fn(&AssetPath, &[u8]) -> Result<(), String> + Sync + 'a;

/// Generate the board of `options` with one distinct JPEG per panel,
/// handing each image to `write` as soon as it is made (a 10,000-panel
/// board is 3 GB of JPEGs: they are never all in memory). Images are made
/// on every core; `write` is called from several threads.
///
/// Text, shot facts, strokes and comments are the synthetic board's.
pub fn distinct(
    options: &DemoOptions,
    assets_dir_name: &str,
    write: &ImageSink<'_>,
) -> Result<Board, DemoError> {
    check_assets_dir(assets_dir_name)?;
    let panels = options.panels.min(MAX_PANELS);
    let seeds: Vec<u64> = {
        let mut rng = SplitMix64::new(options.seed ^ 0x0D15_71C7);
        (0..panels).map(|_| rng.next_u64()).collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, panels.max(1));
    let results: Vec<Vec<Made>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let seeds = &seeds;
                scope.spawn(move || {
                    let mut done = Vec::new();
                    for i in (t..seeds.len()).step_by(threads) {
                        let made = photo_frame(seeds[i]).and_then(|jpeg| {
                            let path = asset_path(assets_dir_name, &jpeg, "jpg")?;
                            write(&path, &jpeg).map_err(|message| DemoError::Write {
                                path: path.as_str().to_owned(),
                                message,
                            })?;
                            Ok(path)
                        });
                        let failed = made.is_err();
                        done.push((i, made));
                        if failed {
                            break;
                        }
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| match w.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut paths: Vec<Option<AssetPath>> = vec![None; panels];
    for (i, made) in results.into_iter().flatten() {
        paths[i] = Some(made?);
    }
    let mut rng = SplitMix64::new(options.seed);
    Ok(build_board(options, &mut rng, |index, _| {
        paths.get_mut(index).and_then(Option::take)
    }))
}
