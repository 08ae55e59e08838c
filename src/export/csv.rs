//! The shot list as CSV (RFC 4180): what an assistant director pastes into a
//! schedule.
//!
//! UTF-8 with a byte-order mark (so Excel does not guess a legacy code
//! page), CRLF between records, a header row, and every field quoted when it
//! holds a comma, quote or line break.

use std::path::Path;

use super::shotlist::{self, Column, RowOrder, ShotRow};
use super::{ExportError, Progress, staging};
use crate::model::Board;

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

/// CSV text of `rows` (header first), in the rows' given order, so a sorted
/// table exports as shown.
pub fn csv_from_rows(rows: &[ShotRow], options: &CsvOptions) -> String {
    let mut out = String::with_capacity(64 + rows.len() * 160);
    if options.byte_order_mark {
        out.push_str(UTF8_BOM);
    }
    push_record(&mut out, Column::ALL.iter().map(|c| c.title()));
    for row in rows {
        let cells = row.cells();
        push_record(&mut out, cells.iter().map(String::as_str));
    }
    out
}

/// Write the board's shot list to `path` in `options.order`, all or nothing.
pub fn export_csv(
    board: &Board,
    path: &Path,
    options: &CsvOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    let rows = shotlist::ordered_rows(board, options.order);
    progress.begin(rows.len() as u64 + 1);
    let text = csv_from_rows(&rows, options);
    progress.advance(rows.len() as u64);
    staging::write_file(path, progress, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| ExportError::io(path, e))
    })?;
    progress.advance(1);
    Ok(())
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    // Leading/trailing spaces are quoted too: some readers trim bare fields.
    let needs_quotes =
        field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    if !needs_quotes {
        out.push_str(field);
        return;
    }
    out.push('"');
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut s = String::new();
        push_record(
            &mut s,
            ["plain", "a,b", "say \"hi\"", "two\nlines", " pad", "Zoë"].into_iter(),
        );
        assert_eq!(
            s,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",Zoë\r\n"
        );
    }
}
