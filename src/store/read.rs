//! Reading a whole file that must not be larger than a limit.
//!
//! Every file Shotboard reads whole comes from a user (a board, an image, a
//! script, another program's project) and may be huge or may grow while it
//! is read. One helper opens the file once, checks its size before
//! allocating, and reads at most one byte past the limit, so a file that
//! grows after the check is still refused rather than read without bound.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadLimitError {
    #[error("the file is {} MiB, more than the {} MiB allowed", mib_up(*size), mib_up(*max))]
    TooLarge { size: u64, max: u64 },
    #[error("{}", super::io_reason(.0))]
    Io(#[from] io::Error),
}

/// `bytes` in whole MiB, rounded up so "0 MiB" is never shown for a refusal.
fn mib_up(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

/// The whole of `path`, unless it is larger than `max` bytes.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, ReadLimitError> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory).into());
    }
    let size = meta.len();
    if size > max {
        return Err(ReadLimitError::TooLarge { size, max });
    }
    // The length is a hint only: special files report 0, and the file may
    // change size before the read.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > max {
        return Err(ReadLimitError::TooLarge { size: read, max });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_limited(&path, 5).unwrap(), b"12345");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, vec![b'x'; 3 << 20]).unwrap();
        match read_limited(&path, 1 << 20) {
            Err(ReadLimitError::TooLarge { size, max }) => {
                assert_eq!((size, max), (3 << 20, 1 << 20));
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
        let message = read_limited(&path, 1 << 20).unwrap_err().to_string();
        assert_eq!(message, "the file is 3 MiB, more than the 1 MiB allowed");
    }

    #[test]
    fn a_file_reporting_no_length_is_still_bounded() {
        // /dev/zero says it is empty and never ends.
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert!(matches!(
                read_limited(zero, 1000),
                Err(ReadLimitError::TooLarge {
                    size: 1001,
                    max: 1000
                })
            ));
        }
    }

    #[test]
    fn a_missing_file_or_a_folder_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_limited(&dir.path().join("none"), 10),
            Err(ReadLimitError::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
        assert!(matches!(
            read_limited(dir.path(), 10),
            Err(ReadLimitError::Io(_))
        ));
    }
}
