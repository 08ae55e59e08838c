//! Headless script round trips: `shotboard export --format fountain` (the
//! board's words back to a screenplay) and `shotboard sync` (the board
//! updated from a new draft).

use std::path::{Path, PathBuf};

use super::export::{ExportFileError, ExportSettings};
use crate::export::{CLI_FORMATS, Progress};
use crate::store;

/// The `--format` name of the Fountain export.
pub const FOUNTAIN_FORMAT: &str = "fountain";

/// Every `--format` name `shotboard export` accepts (the script among
/// them; `main` sends it to [`export_fountain_file`], which refuses the
/// layout options).
pub fn export_formats() -> Vec<&'static str> {
    CLI_FORMATS.to_vec()
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

/// Why `shotboard sync` did not update the board. The board file is
/// unchanged whenever this is returned.
#[derive(Debug, thiserror::Error)]
pub enum SyncFileError {
    #[error(transparent)]
    Load(#[from] store::LoadError),
    #[error("{}: {source}", path.display())]
    Script {
        path: PathBuf,
        source: crate::import::screenplay::ScriptError,
    },
    #[error(transparent)]
    Plan(#[from] crate::import::screenplay::sync::SyncError),
    #[error("could not apply the update: {0}")]
    Edit(#[from] crate::edit::EditError),
    #[error(transparent)]
    Save(#[from] store::SaveError),
}

/// What `shotboard sync` found, and whether it wrote the board.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncReport {
    /// The plan as text (see [`crate::import::screenplay::sync::SyncPlan::summary`]).
    pub summary: String,
    /// The board was changed and saved (not on a dry run, nor when the
    /// script changes nothing).
    pub saved: bool,
}

/// `shotboard sync BOARD SCRIPT [--dry-run]`: update the board from a new
/// draft of its script (Fountain or Final Draft) as one edit, and save it
/// atomically. A dry run only reports.
pub fn sync_file(
    board_file: &Path,
    script: &Path,
    dry_run: bool,
) -> Result<SyncReport, SyncFileError> {
    let mut board = store::load(board_file)?.board;
    let script_error = |source| SyncFileError::Script {
        path: script.to_owned(),
        source,
    };
    let parsed = crate::import::screenplay::parse_script_file(script).map_err(script_error)?;
    let plan = crate::import::screenplay::sync::plan_sync(&board, parsed).map_err(script_error)?;
    let summary = plan.summary(&board);
    if dry_run || !plan.has_changes() {
        return Ok(SyncReport {
            summary,
            saved: false,
        });
    }
    let edit = plan.edit(&board)?;
    crate::edit::History::new().apply(&mut board, edit, "Update from script")?;
    store::save(&board, board_file)?;
    Ok(SyncReport {
        summary,
        saved: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_updates_the_file_and_a_dry_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.ron");
        let script = dir.path().join("draft2.fountain");
        let imported =
            crate::import::screenplay::board_from_fountain("INT. A - DAY #1#\n\nShe waits.\n")
                .unwrap();
        store::save(&imported.board, &file).unwrap();
        std::fs::write(&script, "INT. A - DAY #1#\n\nShe runs.\n").unwrap();
        let before = std::fs::read(&file).unwrap();

        let dry = sync_file(&file, &script, true).unwrap();
        assert!(!dry.saved);
        assert!(dry.summary.contains("1 changed"), "{}", dry.summary);
        assert_eq!(std::fs::read(&file).unwrap(), before);

        let done = sync_file(&file, &script, false).unwrap();
        assert!(done.saved);
        assert_eq!(done.summary, dry.summary);
        let board = store::load(&file).unwrap().board;
        assert_eq!(board.scenes[0].panels[0].action, "She runs.");
    }

    #[test]
    fn a_bad_script_leaves_the_board_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.ron");
        store::save(&crate::model::Board::new_untitled(), &file).unwrap();
        let before = std::fs::read(&file).unwrap();
        let script = dir.path().join("bad.fdx");
        std::fs::write(&script, "<FinalDraft><Content>").unwrap();
        let err = sync_file(&file, &script, false).unwrap_err();
        assert!(err.to_string().contains("bad.fdx"), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }

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
        let imported = crate::import::screenplay::board_from_fountain(
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
