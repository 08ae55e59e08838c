//! `shotboard merge`, `diff`, `textconv` and `git-setup`: the files and
//! processes around the pure functions of [`crate::merge`].
//!
//! `git-setup` claims every `*.ron` file in the repository for Shotboard's
//! merge driver and textconv, so boards added later are covered without
//! running it again. Other RON files in the same repository are not
//! harmed: the driver it configures runs with `--text-fallback`, which
//! hands a file that is not a Shotboard board to git's own line merge
//! (`git merge-file`), and `textconv` prints such a file unchanged.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::merge::{self, MergeOptions, Merged, Side};
use crate::model::{Board, utc_timestamp};
use crate::store::{self, LoadError, SaveError};

/// The `.gitattributes` line `git-setup` writes.
pub const GIT_ATTRIBUTES_LINE: &str = "*.ron merge=shotboard diff=shotboard";

/// Why a merge could not be done. Nothing was written when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum MergeFileError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{} is not a Shotboard board, and git's text merge of it failed: {reason}", file.display())]
    TextMerge { file: PathBuf, reason: String },
}

/// What `shotboard merge` did.
#[derive(Debug)]
pub enum MergeOutcome {
    /// Three boards merged; the conflicts are recorded in the written board.
    Boards(Merged),
    /// The files were not all boards and were merged as text by git, with
    /// this many conflicts marked in the file.
    Text { conflicts: u32 },
}

impl MergeOutcome {
    pub fn is_clean(&self) -> bool {
        match self {
            Self::Boards(m) => m.is_clean(),
            Self::Text { conflicts } => *conflicts == 0,
        }
    }
}

/// True when the error means the file is not a Shotboard board at all (as
/// opposed to one that cannot be read, or is from a newer Shotboard).
fn not_a_board(error: &LoadError) -> bool {
    matches!(
        error,
        LoadError::Empty { .. }
            | LoadError::NotText { .. }
            | LoadError::Parse { .. }
            | LoadError::UnknownVersion { .. }
            | LoadError::DuplicateId { .. }
    )
}

/// Reads a merge base. An empty file is what git passes when both branches
/// added the file independently: then there is no common version, and the
/// base is a board with nothing on it.
fn read_base(path: &Path) -> Result<Board, LoadError> {
    match store::read_board(path) {
        Err(LoadError::Empty { .. }) => Ok(Board {
            next_id: 1,
            ..Board::default()
        }),
        other => other,
    }
}

/// `shotboard merge BASE OURS THEIRS -o OUT`: merges three versions of a
/// board and writes the result atomically to `out`. With `text_fallback`,
/// files that are not boards are merged line by line by `git merge-file`.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out: &Path,
    keep: Side,
    text_fallback: bool,
) -> Result<MergeOutcome, MergeFileError> {
    let boards = [
        read_base(base),
        store::read_board(ours),
        store::read_board(theirs),
    ];
    if text_fallback
        && let Some(Err(e)) = boards.iter().find(|b| b.as_ref().is_err_and(not_a_board))
    {
        let file = match e {
            LoadError::Empty { file }
            | LoadError::NotText { file }
            | LoadError::Parse { file, .. }
            | LoadError::UnknownVersion { file, .. }
            | LoadError::DuplicateId { file, .. } => file.clone(),
            _ => ours.to_path_buf(),
        };
        let conflicts = text_merge(base, ours, theirs, out)
            .map_err(|reason| MergeFileError::TextMerge { file, reason })?;
        return Ok(MergeOutcome::Text { conflicts });
    }
    let [base_board, ours_board, theirs_board] = boards;
    let (base_board, ours_board, theirs_board) = (base_board?, ours_board?, theirs_board?);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let options = MergeOptions {
        keep,
        time: utc_timestamp(now),
    };
    let merged = merge::merge(&base_board, &ours_board, &theirs_board, &options);
    // Overwriting ours (git's `-o %A`) keeps no backup: ours is in git, and
    // a backup beside git's temporary file would be left in the work tree.
    // Any other existing file is kept as `OUT.bak`, as every save does.
    if out.exists() && !same_file(out, ours) {
        store::save(&merged.board, out)?;
    } else {
        store::save_without_backup(&merged.board, out)?;
    }
    Ok(MergeOutcome::Boards(merged))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// git's own three-way text merge into `out`; returns the number of
/// conflicts it marked.
fn text_merge(base: &Path, ours: &Path, theirs: &Path, out: &Path) -> Result<u32, String> {
    let output = Command::new("git")
        .args([
            "merge-file",
            "-p",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
        ])
        .args([ours, base, theirs])
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    let conflicts = match output.status.code() {
        Some(n @ 0..=127) => n as u32,
        _ => return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned()),
    };
    let temp = out.with_file_name(format!(
        ".{}.merge.tmp",
        out.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::write(&temp, &output.stdout)
        .and_then(|()| std::fs::rename(&temp, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            format!("could not write {}: {e}", out.display())
        })?;
    Ok(conflicts)
}

/// `shotboard diff A B`: the changes from board `a` to board `b`, a line each.
pub fn diff_files(a: &Path, b: &Path) -> Result<Vec<String>, LoadError> {
    Ok(merge::describe_changes(
        &store::read_board(a)?,
        &store::read_board(b)?,
    ))
}

/// `shotboard textconv FILE`: one board as line-per-fact text for git. A
/// file that is not a board is returned as it is, so git diffs it as usual.
pub fn textconv_file(path: &Path) -> Result<String, LoadError> {
    match store::read_board(path) {
        Ok(board) => Ok(merge::textconv(&board)),
        Err(e) if not_a_board(&e) => std::fs::read(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|error| LoadError::Read {
                file: path.to_path_buf(),
                error,
            }),
        Err(e) => Err(e),
    }
}

/// Why `git-setup` failed.
#[derive(Debug, thiserror::Error)]
pub enum GitSetupError {
    #[error("could not run git: {0}")]
    NoGit(std::io::Error),
    #[error("{} is not in a git repository: {reason}", path.display())]
    NotARepository { path: PathBuf, reason: String },
    #[error("git config {key} failed: {reason}")]
    Config { key: String, reason: String },
    #[error("could not update {}: {error}", file.display())]
    Attributes {
        file: PathBuf,
        error: std::io::Error,
    },
}

/// What `git-setup` did.
#[derive(Debug)]
pub struct GitSetupReport {
    pub repository: PathBuf,
    pub attributes_file: PathBuf,
    /// False when the line was already there.
    pub attributes_added: bool,
    pub merge_driver: String,
    pub textconv: String,
}

/// A string as one word for the POSIX shell git runs drivers with.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `shotboard git-setup [REPO]`: adds [`GIT_ATTRIBUTES_LINE`] to the
/// repository's `.gitattributes` (unless it is there) and configures the
/// merge driver and textconv in the repository's git config, calling the
/// Shotboard binary at `exe`.
pub fn git_setup(repo: &Path, exe: &Path) -> Result<GitSetupReport, GitSetupError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(GitSetupError::NoGit)?;
    if !output.status.success() {
        return Err(GitSetupError::NotARepository {
            path: repo.to_path_buf(),
            reason: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    let top = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim_end_matches(['\n', '\r']));

    let exe = shell_quote(&exe.to_string_lossy());
    let merge_driver = format!("{exe} merge --text-fallback %O %A %B -o %A");
    let textconv = format!("{exe} textconv");
    for (key, value) in [
        (
            "merge.shotboard.name",
            "Shotboard board merge (by scene and panel id)",
        ),
        ("merge.shotboard.driver", merge_driver.as_str()),
        ("diff.shotboard.textconv", textconv.as_str()),
    ] {
        let output = Command::new("git")
            .arg("-C")
            .arg(&top)
            .args(["config", key, value])
            .output()
            .map_err(GitSetupError::NoGit)?;
        if !output.status.success() {
            return Err(GitSetupError::Config {
                key: key.to_owned(),
                reason: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            });
        }
    }

    let attributes_file = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes_file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(GitSetupError::Attributes {
                file: attributes_file,
                error,
            });
        }
    };
    let attributes_added = !existing.lines().any(|l| l.trim() == GIT_ATTRIBUTES_LINE);
    if attributes_added {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GIT_ATTRIBUTES_LINE);
        text.push('\n');
        std::fs::write(&attributes_file, text).map_err(|error| GitSetupError::Attributes {
            file: attributes_file.clone(),
            error,
        })?;
    }
    Ok(GitSetupReport {
        repository: top,
        attributes_file,
        attributes_added,
        merge_driver,
        textconv,
    })
}
