//! Noticing that another program (git, a sync tool, a second Shotboard)
//! changed a board file while it is open.
//!
//! A stamp is the file's modification time, length and content hash. The
//! check is cheap when nothing happened (one `stat`); only a changed time
//! or length costs a read, and a file merely touched (same content) does
//! not count as changed.

use std::io;
use std::path::Path;
use std::time::SystemTime;

/// What a board file looked like when it was last read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
    hash: String,
}

impl FileStamp {
    /// Stamps the file as it is now.
    pub fn read(path: &Path) -> io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        let bytes =
            super::read_limited(path, super::MAX_BOARD_FILE_BYTES).map_err(|e| match e {
                super::ReadLimitError::Io(e) => e,
                too_large => io::Error::new(io::ErrorKind::FileTooLarge, too_large),
            })?;
        Ok(Self {
            modified: meta.modified().ok(),
            len: bytes.len() as u64,
            hash: super::assets::sha256_hex(&bytes),
        })
    }

    /// The file's new stamp when its content differs from this stamp's;
    /// `None` when it is the same (even if merely touched). A file that
    /// cannot be read (deleted, moved) gives an error.
    pub fn changed(&self, path: &Path) -> io::Result<Option<Self>> {
        let meta = std::fs::metadata(path)?;
        if meta.modified().ok() == self.modified && meta.len() == self.len {
            return Ok(None);
        }
        let now = Self::read(path)?;
        Ok((now.hash != self.hash).then_some(now))
    }

    /// True when this stamp and `other` stand for the same content.
    pub fn same_content(&self, other: &Self) -> bool {
        self.hash == other.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_is_not_a_change_but_new_content_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.ron");
        std::fs::write(&path, "one").unwrap();
        let stamp = FileStamp::read(&path).unwrap();
        assert_eq!(stamp.changed(&path).unwrap(), None);

        // Same content rewritten with a new modification time: not a change.
        std::fs::write(&path, "one").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
            .unwrap();
        assert_eq!(stamp.changed(&path).unwrap(), None);

        // Same length, other content.
        std::fs::write(&path, "two").unwrap();
        let new = stamp.changed(&path).unwrap().expect("a change");
        assert!(!new.same_content(&stamp));
        assert_eq!(new.changed(&path).unwrap(), None);

        std::fs::remove_file(&path).unwrap();
        assert!(stamp.changed(&path).is_err());
    }
}
