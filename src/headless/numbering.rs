//! `shotboard numbering`: lock or unlock scene and shot numbers and choose
//! the numbering scheme, as one undoable edit each, saved atomically.

use std::path::Path;

use crate::edit::{History, ops};
use crate::model::{ShotScheme, labels};
use crate::store::{self, LoadError, SaveError};

/// What `shotboard numbering` should change; `None` leaves a setting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberingChange {
    /// `Some(true)` locks (or re-locks), `Some(false)` unlocks.
    pub lock: Option<bool>,
    pub scheme: Option<ShotScheme>,
    pub zero_pad: Option<u8>,
    pub skip_i_and_o: Option<bool>,
}

/// Why `shotboard numbering` could not run; the board file is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum NumberingError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("could not change the numbering: {0}")]
    Edit(#[from] crate::edit::EditError),
    #[error("the numbers are not locked")]
    NotLocked,
}

/// Apply `change` to the board in `file` (saving only when something
/// changed) and describe its numbering: scheme, lock, omitted labels.
pub fn numbering(file: &Path, change: &NumberingChange) -> Result<String, NumberingError> {
    let mut board = store::load(file)?.board;
    let mut history = History::new();
    let n = board.numbering.clone();
    let scheme = ops::set_numbering_scheme(
        &board,
        change.scheme.unwrap_or(n.scheme),
        change.zero_pad.unwrap_or(n.zero_pad),
        change.skip_i_and_o.unwrap_or(n.skip_i_and_o),
    );
    if let Some(command) = scheme {
        history.apply(&mut board, command.edit, command.label)?;
    }
    match change.lock {
        Some(true) => {
            let command = ops::lock_numbers(&board);
            history.apply(&mut board, command.edit, command.label)?;
        }
        Some(false) => {
            let command = ops::unlock_numbers(&board).ok_or(NumberingError::NotLocked)?;
            history.apply(&mut board, command.edit, command.label)?;
        }
        None => {}
    }
    if history.can_undo() {
        store::save(&board, file)?;
    }
    let n = &board.numbering;
    let mut out = format!(
        "shots {} ({}), zero padding {}, I and O {}, numbers {}",
        match n.scheme {
            ShotScheme::Letters => "lettered",
            ShotScheme::Dash | ShotScheme::Dot => "numbered",
        },
        n.scheme.example(),
        n.zero_pad,
        if n.skip_i_and_o { "skipped" } else { "used" },
        if n.lock.is_some() {
            "locked"
        } else {
            "not locked"
        },
    );
    for omitted in labels::omitted(&board) {
        out.push_str(&format!("\n  {omitted}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_then_unlock_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.ron");
        let board =
            crate::import::screenplay::board_from_fountain("INT. A\n\nOne.\n\nINT. B\n\nTwo.\n")
                .unwrap()
                .board;
        store::save(&board, &file).unwrap();
        let lock = NumberingChange {
            lock: Some(true),
            scheme: Some(ShotScheme::Dash),
            ..NumberingChange::default()
        };
        let said = numbering(&file, &lock).unwrap();
        assert!(said.contains("1-1, 1-2"), "{said}");
        assert!(said.contains("numbers locked"), "{said}");
        let locked = store::load(&file).unwrap().board;
        assert!(locked.numbering.lock.is_some());
        let unlock = NumberingChange {
            lock: Some(false),
            ..NumberingChange::default()
        };
        numbering(&file, &unlock).unwrap();
        assert!(store::load(&file).unwrap().board.numbering.lock.is_none());
        let err = numbering(&file, &unlock).unwrap_err();
        assert!(matches!(err, NumberingError::NotLocked));
    }
}
