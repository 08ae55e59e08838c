//! `shotboard import-review BOARD REPLY`: a reviewer's reply merged into the
//! board file as one edit, saved atomically.

use std::path::Path;

use crate::edit::History;
use crate::import::review_reply::{self, ReplyError, ReplyImport};
use crate::store::{self, LoadError, SaveError};

/// Why the reply was not merged; the board file is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum ImportReviewError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Reply(#[from] ReplyError),
    #[error("could not apply the reply: {0}")]
    Edit(#[from] crate::edit::EditError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Merge the reply at `reply` into the board at `board_file` and save it
/// (only when something changed). Returns what was merged and skipped.
pub fn import_review_file(
    board_file: &Path,
    reply: &Path,
) -> Result<ReplyImport, ImportReviewError> {
    let mut board = store::load(board_file)?.board;
    let plan = review_reply::import_reply(&board, reply)?;
    if let Some(edit) = plan.edit.clone() {
        History::new().apply(&mut board, edit, "Import review replies")?;
        store::save(&board, board_file)?;
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Panel, PanelId};

    #[test]
    fn a_reply_is_saved_into_the_board_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.ron");
        let mut board = Board::new_untitled();
        board.scenes[0].panels.push(Panel::new(PanelId(700)));
        board.bump_next_id();
        store::save(&board, &file).unwrap();
        let reply = dir.path().join("reply.json");
        std::fs::write(
            &reply,
            r#"{"format":"shotboard-review-reply","version":1,"panels":[{"id":700,
            "comments":[{"author":"Bo","text":"Tighter","time":"2026-01-01T00:00:00Z"}]}]}"#,
        )
        .unwrap();
        let first = import_review_file(&file, &reply).unwrap();
        assert_eq!(first.comments_added, 1);
        let saved = std::fs::read(&file).unwrap();
        let second = import_review_file(&file, &reply).unwrap();
        assert!(second.edit.is_none());
        assert_eq!(std::fs::read(&file).unwrap(), saved, "second import wrote");
        let loaded = store::load(&file).unwrap().board;
        assert_eq!(
            loaded.panel(PanelId(700)).unwrap().comments[0].text,
            "Tighter"
        );
    }
}
