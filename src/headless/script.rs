//! Headless script round trips: `shotboard export --format fountain` (the
//! board's words back to a screenplay) and `shotboard sync`.

use std::path::{Path, PathBuf};

use super::export::{ExportFileError, ExportSettings};
use crate::export::{CLI_FORMATS, Progress};
use crate::store;

/// The `--format` name of the Fountain export.
pub const FOUNTAIN_FORMAT: &str = "fountain";

/// Every `--format` name `shotboard export` accepts: the picture and
/// shot-list exports, then the script.
pub fn export_formats() -> Vec<&'static str> {
    CLI_FORMATS
        .iter()
        .copied()
        .chain([FOUNTAIN_FORMAT])
        .collect()
}

/// Write the words of the board in `board_file` to `out` as Fountain. The
/// board is only read; no layout option applies to a script.
pub fn export_fountain_file(
    board_file: &Path,
    out: &Path,
    settings: &ExportSettings,
) -> Result<PathBuf, ExportFileError> {
    let given = [
        (settings.width.is_some(), "--width"),
        (settings.per_page.is_some(), "--per-page"),
        (settings.paper.is_some(), "--paper"),
        (settings.landscape, "--landscape"),
        (settings.title_page, "--title-page"),
        (settings.dpi.is_some(), "--dpi"),
        (settings.columns.is_some(), "--columns"),
        (settings.rows.is_some(), "--rows"),
    ];
    if let Some((_, option)) = given.iter().find(|(given, _)| *given) {
        return Err(ExportFileError::NotApplicable {
            option,
            format: FOUNTAIN_FORMAT,
        });
    }
    if super::export::same_file(board_file, out) {
        return Err(ExportFileError::WouldOverwriteBoard(out.to_owned()));
    }
    let board = store::load(board_file)?.board;
    crate::export::export_fountain(&board, out, &Progress::new())?;
    Ok(out.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_options_are_refused_for_a_script() {
        let settings = ExportSettings {
            landscape: true,
            ..ExportSettings::default()
        };
        let err = export_fountain_file(Path::new("b.ron"), Path::new("b.fountain"), &settings)
            .unwrap_err();
        assert!(
            matches!(
                err,
                ExportFileError::NotApplicable {
                    option: "--landscape",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn the_script_export_writes_the_words_and_leaves_the_board_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.ron");
        let imported = crate::screenplay::board_from_fountain(
            "INT. KITCHEN - NIGHT #4#\n\nRuth rinses a plate.\n\nRUTH\nNot tonight.\n",
        )
        .unwrap();
        store::save(&imported.board, &file).unwrap();
        let before = std::fs::read(&file).unwrap();
        let out = dir.path().join("b.fountain");
        export_fountain_file(&file, &out, &ExportSettings::default()).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.contains(
                "INT. KITCHEN - NIGHT #4#\n\nRuth rinses a plate.\n\nRUTH\nNot tonight.\n"
            ),
            "{text}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}
