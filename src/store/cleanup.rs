//! "Clean up unused images": the one command that takes images out of a
//! board's assets folder. Nothing is deleted: unused files move into a
//! dated backup folder inside the assets folder, so the clean-up can be
//! undone by moving them back.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{assets_dir_name, backup_path, board_dir, read_board, recovery};
use crate::model::Board;

/// An image file in the assets folder that nothing refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnusedAsset {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Why the clean-up stopped. Files moved before the error stay in the
/// backup folder (named in the error), so nothing is lost either way.
#[derive(Debug, thiserror::Error)]
#[error("could not move {} into {}: {}", file.display(), backup.display(), super::io_reason(error))]
pub struct CleanupError {
    pub file: PathBuf,
    pub backup: PathBuf,
    pub error: io::Error,
}

/// Files in the board's assets folder referenced neither by `board`, nor
/// by `also_referenced` (the undo history's images), nor by the backup,
/// recovery copy and snapshots beside the board. Hidden files and folders (earlier
/// clean-ups, temporary files) are never listed.
pub fn unused_assets(
    board: &Board,
    board_file: &Path,
    also_referenced: &[String],
) -> io::Result<Vec<UnusedAsset>> {
    let dir_name = assets_dir_name(board_file);
    let dir = board_dir(board_file).join(&dir_name);
    let mut used: HashSet<String> = also_referenced.iter().cloned().collect();
    let mut add = |b: &Board| {
        used.extend(b.referenced_assets().iter().map(|a| a.as_str().to_owned()));
    };
    add(board);
    // Snapshots share the assets folder, so their images are in use too.
    let snapshots = super::list_snapshots(board_file).unwrap_or_default();
    let copies = [backup_path(board_file), recovery::recovery_path(board_file)]
        .into_iter()
        .chain(snapshots.into_iter().map(|s| s.file));
    for copy in copies {
        if let Ok(b) = read_board(&copy) {
            add(&b);
        }
    }
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut unused = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = entry.metadata()?;
        if name.starts_with('.') || !meta.is_file() {
            continue;
        }
        if !used.contains(&format!("{dir_name}/{name}")) {
            unused.push(UnusedAsset {
                path: entry.path(),
                bytes: meta.len(),
            });
        }
    }
    unused.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(unused)
}

/// Moves the files into `NAME.assets/.removed-YYYYMMDD-HHMMSS/` (UTC) and
/// returns that folder.
pub fn move_to_backup(
    board_file: &Path,
    files: &[UnusedAsset],
    now: SystemTime,
) -> Result<PathBuf, CleanupError> {
    let assets = board_dir(board_file).join(assets_dir_name(board_file));
    let backup = assets.join(format!(".removed-{}", timestamp(now)));
    let err = |file: &Path, error| CleanupError {
        file: file.to_path_buf(),
        backup: backup.clone(),
        error,
    };
    fs::create_dir_all(&backup).map_err(|e| err(&assets, e))?;
    for f in files {
        let Some(name) = f.path.file_name() else {
            continue;
        };
        fs::rename(&f.path, backup.join(name)).map_err(|e| err(&f.path, e))?;
    }
    Ok(backup)
}

/// `YYYYMMDD-HHMMSS` in UTC.
fn timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = crate::model::civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "19700101-000000");
        let t = UNIX_EPOCH + Duration::from_secs(1_764_151_234);
        assert_eq!(timestamp(t), "20251126-100034");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(timestamp(leap), "20000229-000000");
    }
}
