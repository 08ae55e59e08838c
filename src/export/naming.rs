//! File names for per-panel outputs: `001_1A.png`, sortable and safe on every
//! file system.

use crate::model::{Board, Panel, labels};

/// Every panel in board order with its shot label (`1A`, `1A.2`).
pub(crate) fn labelled_panels(board: &Board) -> Vec<(&Panel, String)> {
    let labels = labels::shot_labels(board);
    board
        .scenes
        .iter()
        .zip(labels)
        .flat_map(|(scene, labels)| {
            scene
                .panels
                .iter()
                .zip(labels)
                .map(|(panel, label)| (panel, label.to_string()))
        })
        .collect()
}

/// `001_1A.png` for the first panel labelled `1A`: a zero-padded board
/// position (so names sort in board order; wider past 999 panels) and the
/// shot label reduced to characters every file system accepts.
pub fn panel_file_name(index: usize, panel_count: usize, label: &str, extension: &str) -> String {
    let width = panel_count.to_string().len().max(3);
    let safe: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // A label of only dots would make a hidden or reserved name.
    let safe = safe.trim_matches('.');
    let number = index + 1;
    if safe.is_empty() {
        format!("{number:0width$}.{extension}")
    } else {
        format!("{number:0width$}_{safe}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_padded_and_safe() {
        assert_eq!(panel_file_name(0, 12, "1A", "png"), "001_1A.png");
        assert_eq!(panel_file_name(41, 12, "12B.2", "png"), "042_12B.2.png");
        assert_eq!(panel_file_name(9, 1500, "3/4:A", "png"), "0010_3_4_A.png");
        assert_eq!(panel_file_name(0, 1, "..", "png"), "001.png");
    }
}
