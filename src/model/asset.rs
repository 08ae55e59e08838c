//! References from a board to its image files.

use serde::{Deserialize, Deserializer, Serialize};

/// A path to an asset, relative to the folder holding the board file,
/// always with `/` separators (e.g. `"kitchen.assets/3fa2….png"`).
///
/// It can only be constructed valid: never absolute, never with `..`, a
/// drive or root component, or an empty segment — so a board can never make
/// Shotboard read or write outside its own folder.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct AssetPath(String);

/// Why an asset path was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssetPathError {
    #[error("asset path {0:?} is empty")]
    Empty(String),
    #[error("asset path {0:?} is absolute; asset paths must be relative to the board's folder")]
    Absolute(String),
    #[error("asset path {0:?} leaves the board's folder (\"..\")")]
    LeavesFolder(String),
    #[error("asset path {0:?} has an empty, \".\" or control-character segment")]
    BadSegment(String),
}

impl AssetPath {
    pub fn new(path: impl Into<String>) -> Result<Self, AssetPathError> {
        let path: String = path.into();
        if path.is_empty() {
            return Err(AssetPathError::Empty(path));
        }
        let normalised = path.replace('\\', "/");
        let looks_like_drive = normalised.len() >= 2 && normalised.as_bytes()[1] == b':';
        if normalised.starts_with('/') || looks_like_drive {
            return Err(AssetPathError::Absolute(path));
        }
        for segment in normalised.split('/') {
            if segment == ".." {
                return Err(AssetPathError::LeavesFolder(path));
            }
            if segment.is_empty() || segment == "." || segment.chars().any(char::is_control) {
                return Err(AssetPathError::BadSegment(path));
            }
        }
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last segment: the file name.
    pub fn file_name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }
}

impl std::fmt::Display for AssetPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AssetPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_inside_the_folder_are_accepted() {
        let p = AssetPath::new("demo.assets/abc.png").unwrap();
        assert_eq!(p.as_str(), "demo.assets/abc.png");
        assert_eq!(p.file_name(), "abc.png");
        assert_eq!(AssetPath::new("a\\b.png").unwrap().as_str(), "a/b.png");
    }

    #[test]
    fn paths_leaving_the_folder_are_refused() {
        assert!(matches!(
            AssetPath::new("../x.png"),
            Err(AssetPathError::LeavesFolder(_))
        ));
        assert!(matches!(
            AssetPath::new("a/../../x.png"),
            Err(AssetPathError::LeavesFolder(_))
        ));
        assert!(matches!(
            AssetPath::new("/etc/passwd"),
            Err(AssetPathError::Absolute(_))
        ));
        assert!(matches!(
            AssetPath::new("C:\\x.png"),
            Err(AssetPathError::Absolute(_))
        ));
        assert!(matches!(
            AssetPath::new("\\\\server\\x"),
            Err(AssetPathError::Absolute(_))
        ));
        assert!(matches!(
            AssetPath::new("a//b"),
            Err(AssetPathError::BadSegment(_))
        ));
        assert!(matches!(AssetPath::new(""), Err(AssetPathError::Empty(_))));
    }
}
