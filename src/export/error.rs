//! What can go wrong in an export, always naming the output it was writing.

use std::path::PathBuf;

/// An export failed or was cancelled; nothing was left half-written at `path`.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not draw the frame of panel {panel} for {}: {message}", .path.display())]
    Frame {
        path: PathBuf,
        panel: String,
        message: String,
    },
    #[error("could not encode {}: {message}", .path.display())]
    Encode { path: PathBuf, message: String },
    #[error("bad export options for {}: {message}", .path.display())]
    Options { path: PathBuf, message: String },
    #[error("export to {} was cancelled; nothing was written", .path.display())]
    Cancelled { path: PathBuf },
}

impl ExportError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub(crate) fn encode(path: &std::path::Path, message: impl ToString) -> Self {
        Self::Encode {
            path: path.to_owned(),
            message: message.to_string(),
        }
    }

    pub(crate) fn options(path: &std::path::Path, message: impl ToString) -> Self {
        Self::Options {
            path: path.to_owned(),
            message: message.to_string(),
        }
    }
}
