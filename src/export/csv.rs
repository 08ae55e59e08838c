//! The shot list as CSV (RFC 4180): what an assistant director pastes into a
//! schedule.
//!
//! UTF-8 with a byte-order mark (so Excel does not guess a legacy code
//! page), CRLF between records, a header row, and a field quoted when it
//! holds a comma, quote or line break. The `csv` crate does the quoting:
//! the same rules the spreadsheet on the other end reads with.

use std::io::Write;
use std::path::Path;

use super::shotlist::{self, Column, RowOrder, ShotRow};
use super::{ExportError, Progress, staging};
use crate::model::{Board, labels};

/// The UTF-8 byte-order mark spreadsheets use to recognise UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// Options for [`export_csv`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start the file with a UTF-8 byte-order mark (on by default).
    pub byte_order_mark: bool,
    /// Row order: board order by default; the app passes the shot list's
    /// sort and grouping so the file lists rows as the table shows them.
    pub order: RowOrder,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            byte_order_mark: true,
            order: RowOrder::default(),
        }
    }
}

/// Write `rows` as CSV (header first) to `out`, in the rows' given order,
/// so a sorted table exports as shown.
pub fn write_csv(rows: &[ShotRow], options: &CsvOptions, out: impl Write) -> csv::Result<()> {
    write_records(rows, &[], options, out)
}

/// [`write_csv`], then `omitted` lines (see [`omitted_records`]).
fn write_records(
    rows: &[ShotRow],
    omitted: &[Vec<String>],
    options: &CsvOptions,
    mut out: impl Write,
) -> csv::Result<()> {
    if options.byte_order_mark {
        out.write_all(UTF8_BOM.as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    writer.write_record(Column::ALL.iter().map(|c| c.title()))?;
    for row in rows {
        writer.write_record(row.cells())?;
    }
    for record in omitted {
        writer.write_record(record)?;
    }
    writer.flush()?;
    Ok(())
}

/// CSV text of `rows`, as [`write_csv`] writes it.
pub fn csv_from_rows(rows: &[ShotRow], options: &CsvOptions) -> String {
    let mut bytes = Vec::with_capacity(64 + rows.len() * 160);
    // Writing into memory has no I/O to fail, and every row has one cell
    // per column, so the writer has nothing to refuse.
    write_csv(rows, options, &mut bytes).expect("CSV into memory");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A line per locked scene or shot that is gone (`12B` with heading
/// `OMITTED`), as on a locked shooting script: a schedule built from an
/// earlier export sees what was cut instead of a silent gap. None when the
/// numbers are not locked.
pub fn omitted_records(board: &Board) -> Vec<Vec<String>> {
    labels::omitted(board)
        .into_iter()
        .map(|gone| {
            let scene = match &gone.shot {
                Some(code) => gone
                    .label
                    .strip_suffix(code.as_str())
                    .unwrap_or(&gone.label)
                    .trim_end_matches(['-', '.'])
                    .to_owned(),
                None => gone.label.clone(),
            };
            Column::ALL
                .iter()
                .map(|column| match column {
                    Column::Scene => scene.clone(),
                    Column::Shot if gone.shot.is_some() => gone.label.clone(),
                    Column::Heading => "OMITTED".to_owned(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

/// Write the board's shot list to `path` in `options.order`, then what a
/// lock omits, all or nothing.
pub fn export_csv(
    board: &Board,
    path: &Path,
    options: &CsvOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    let rows = shotlist::ordered_rows(board, options.order);
    let omitted = omitted_records(board);
    progress.begin(rows.len() as u64 + 1);
    staging::write_file(path, progress, |w| {
        write_records(&rows, &omitted, options, w).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(e) => ExportError::io(path, e),
            other => ExportError::encode(path, format!("{other:?}")),
        })
    })?;
    progress.advance(rows.len() as u64 + 1);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let board = {
            let mut board = Board::default();
            let mut scene = crate::model::Scene::new(crate::model::SceneId(1), "a,b");
            let mut panel = crate::model::Panel::new(crate::model::PanelId(2));
            panel.action = "say \"hi\"".into();
            panel.dialogue = "two\nlines".into();
            panel.notes = "Zoë".into();
            scene.panels.push(panel);
            board.scenes.push(scene);
            board
        };
        let options = CsvOptions {
            byte_order_mark: false,
            ..CsvOptions::default()
        };
        let text = csv_from_rows(&shotlist::rows(&board), &options);
        let record = text.split("\r\n").nth(1).expect("one row");
        assert!(record.contains(",\"a,b\","), "{record}");
        assert!(record.contains(",\"say \"\"hi\"\"\","), "{record}");
        assert!(text.contains(",\"two\nlines\","), "{text}");
        assert!(record.contains(",Zoë"), "{record}");
    }
}
