//! Review replies: the JSON file a reviewer saves from an exported review
//! page (see `export::review_site` and docs/review-reply.md), merged into
//! the board as one edit.
//!
//! Merging is idempotent: a comment already on its panel (same author, text
//! and time) is not added again, and a status already set is not set
//! again, so importing the same reply twice changes nothing. Panels the
//! reply names but the board no longer has are warnings, not errors: the
//! rest of the reply still lands.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::edit::{Edit, PanelField};
use crate::model::{Board, Comment, IdAllocator, PanelId, ReviewStatus};
use crate::store;

/// The `format` field of a reply file.
pub const REPLY_FORMAT: &str = "shotboard-review-reply";
/// The reply format version this Shotboard writes and reads.
pub const REPLY_VERSION: u32 = 1;
/// Largest reply file read: far more than any review's words.
pub const MAX_REPLY_BYTES: u64 = 16 * 1024 * 1024;
/// Longest comment text accepted, in characters.
const MAX_TEXT_CHARS: usize = 20_000;
/// Longest author name or time accepted, in characters.
const MAX_SHORT_CHARS: usize = 200;

/// The name a status has in review pages and replies.
pub fn status_name(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Draft => "draft",
        ReviewStatus::NeedsChanges => "needs_changes",
        ReviewStatus::Approved => "approved",
    }
}

fn status_from_name(name: &str) -> Option<ReviewStatus> {
    ReviewStatus::ALL
        .iter()
        .copied()
        .find(|&s| status_name(s) == name)
}

/// Why a reply file could not be read; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct ReplyError {
    pub path: PathBuf,
    pub message: String,
}

/// A reply file as written by the review page.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReviewReply {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub board: String,
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub panels: Vec<ReplyPanel>,
}

/// What the reviewer said about one panel.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReplyPanel {
    pub id: u64,
    /// The shot label when the page was exported (for messages only).
    #[serde(default)]
    pub label: String,
    /// `draft`, `needs_changes` or `approved`; absent when unchanged.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub comments: Vec<ReplyComment>,
}

/// One comment written in the review page.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReplyComment {
    pub author: String,
    pub text: String,
    /// UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
    pub time: String,
}

/// What importing a reply would do.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyImport {
    /// One undo step; `None` when the reply changes nothing (already
    /// imported, or empty).
    pub edit: Option<Edit>,
    pub comments_added: usize,
    pub statuses_set: usize,
    /// Panels the board no longer has, and other things skipped.
    pub warnings: Vec<String>,
}

impl ReplyImport {
    /// One line for the status bar or the terminal.
    pub fn summary(&self) -> String {
        if self.edit.is_none() {
            return "nothing new in the reply (already imported?)".to_owned();
        }
        format!(
            "added {} comment(s), set {} status(es)",
            self.comments_added, self.statuses_set
        )
    }
}

/// Read and check the reply file at `path` (at most [`MAX_REPLY_BYTES`]).
pub fn read_reply(path: &Path) -> Result<ReviewReply, ReplyError> {
    let error = |message: String| ReplyError {
        path: path.to_owned(),
        message,
    };
    let bytes = store::read_limited(path, MAX_REPLY_BYTES).map_err(|e| error(e.to_string()))?;
    parse_reply(&bytes).map_err(error)
}

/// Parse and check a reply's bytes; the error says what is wrong.
pub fn parse_reply(bytes: &[u8]) -> Result<ReviewReply, String> {
    let reply: ReviewReply = serde_json::from_slice(bytes)
        .map_err(|e| format!("not a Shotboard review reply (bad JSON: {e})"))?;
    if reply.format != REPLY_FORMAT {
        return Err(format!(
            "not a Shotboard review reply (format is {:?}, expected {REPLY_FORMAT:?})",
            reply.format
        ));
    }
    if reply.version > REPLY_VERSION {
        return Err(format!(
            "review reply version {} is newer than this Shotboard reads ({REPLY_VERSION})",
            reply.version
        ));
    }
    for panel in &reply.panels {
        if let Some(status) = &panel.status
            && status_from_name(status).is_none()
        {
            return Err(format!(
                "panel {}: unknown status {status:?} (expected draft, needs_changes or approved)",
                panel.id
            ));
        }
        for c in &panel.comments {
            if c.text.chars().count() > MAX_TEXT_CHARS
                || c.author.chars().count() > MAX_SHORT_CHARS
                || c.time.chars().count() > MAX_SHORT_CHARS
            {
                return Err(format!("panel {}: a comment is too long", panel.id));
            }
        }
    }
    Ok(reply)
}

/// The edit that merges `reply` into `board`: new comments appended to
/// their panels' threads, statuses set. Pure: the board is not changed.
pub fn plan_reply(board: &Board, reply: &ReviewReply) -> ReplyImport {
    let mut ids = IdAllocator::new(board);
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    let mut comments_added = 0;
    let mut statuses_set = 0;
    let mut seen_panels = HashSet::new();
    for entry in &reply.panels {
        let id = PanelId(entry.id);
        let Some(panel) = board.panel(id) else {
            let label = if entry.label.is_empty() {
                String::new()
            } else {
                format!(" (shot {})", entry.label)
            };
            warnings.push(format!(
                "panel {}{label} is no longer on the board; its review was skipped",
                entry.id
            ));
            continue;
        };
        if !seen_panels.insert(id) {
            warnings.push(format!(
                "panel {} appears twice in the reply; the second was skipped",
                entry.id
            ));
            continue;
        }
        if let Some(status) = entry.status.as_deref().and_then(status_from_name)
            && status != panel.status
        {
            changes.push((id, PanelField::Status(status)));
            statuses_set += 1;
        }
        let mut comments = panel.comments.clone();
        let before = comments.len();
        for c in &entry.comments {
            let text = c.text.trim();
            if text.is_empty() {
                continue;
            }
            let author = match c.author.trim() {
                "" => "Reviewer",
                a => a,
            };
            let known = comments
                .iter()
                .any(|k| k.author == author && k.text == text && k.time == c.time);
            if known {
                continue;
            }
            comments.push(Comment {
                id: ids.comment(),
                author: author.to_owned(),
                text: text.to_owned(),
                time: c.time.clone(),
                resolved: false,
                replies: Vec::new(),
            });
        }
        if comments.len() > before {
            comments_added += comments.len() - before;
            changes.push((id, PanelField::Comments(comments)));
        }
    }
    ReplyImport {
        edit: (!changes.is_empty()).then_some(Edit::SetPanels { changes }),
        comments_added,
        statuses_set,
        warnings,
    }
}

/// Read the reply at `path` and plan its merge into `board`.
pub fn import_reply(board: &Board, path: &Path) -> Result<ReplyImport, ReplyError> {
    Ok(plan_reply(board, &read_reply(path)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Panel;

    fn board() -> Board {
        let mut board = Board::new_untitled();
        board.scenes[0].panels.push(Panel::new(PanelId(500)));
        board.bump_next_id();
        board
    }

    fn reply(json: &str) -> ReviewReply {
        parse_reply(json.as_bytes()).unwrap()
    }

    const REPLY: &str = r#"{"format":"shotboard-review-reply","version":1,"reviewer":"Ann",
        "panels":[{"id":500,"label":"1B","status":"approved",
        "comments":[{"author":"Ann","text":"Love it","time":"2026-01-02T03:04:05Z"}]},
        {"id":9999,"label":"7C","comments":[{"author":"Ann","text":"x","time":"t"}]}]}"#;

    #[test]
    fn comments_and_statuses_land_and_a_second_import_changes_nothing() {
        let mut board = board();
        let plan = plan_reply(&board, &reply(REPLY));
        assert_eq!((plan.comments_added, plan.statuses_set), (1, 1));
        assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
        assert!(plan.warnings[0].contains("9999") && plan.warnings[0].contains("7C"));
        plan.edit.unwrap().apply(&mut board).unwrap();
        let panel = board.panel(PanelId(500)).unwrap();
        assert_eq!(panel.status, ReviewStatus::Approved);
        assert_eq!(panel.comments.len(), 1);
        assert_eq!(panel.comments[0].author, "Ann");
        assert_eq!(panel.comments[0].text, "Love it");

        let again = plan_reply(&board, &reply(REPLY));
        assert_eq!(again.edit, None);
        assert_eq!((again.comments_added, again.statuses_set), (0, 0));
    }

    #[test]
    fn hostile_or_foreign_files_are_refused_with_a_reason() {
        for (json, reason) in [
            ("[", "bad JSON"),
            (r#"{"format":"other","version":1}"#, "format"),
            (
                r#"{"format":"shotboard-review-reply","version":99}"#,
                "newer",
            ),
            (
                r#"{"format":"shotboard-review-reply","version":1,"panels":[{"id":1,"status":"yes"}]}"#,
                "unknown status",
            ),
            (&"[".repeat(100_000), "bad JSON"),
        ] {
            let err = parse_reply(json.as_bytes()).unwrap_err();
            assert!(err.contains(reason), "{err}");
        }
    }

    #[test]
    fn a_read_error_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reply.json");
        std::fs::write(&path, "{\"format\": 3}").unwrap();
        let err = read_reply(&path).unwrap_err().to_string();
        assert!(err.contains("reply.json"), "{err}");
    }
}
