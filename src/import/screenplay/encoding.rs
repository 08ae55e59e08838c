//! Script bytes → text.
//!
//! Screenplays saved by Windows tools are often UTF-16 (with a byte-order
//! mark) or Windows-1252, not UTF-8. Refusing them sends the writer off to
//! find a converter; decoding them, and saying so in one line, does not.
//! What is decoded:
//! - a UTF-8, UTF-16LE or UTF-16BE byte-order mark decides the encoding;
//!   bytes that break it are an error naming where;
//! - without a mark, valid UTF-8 is UTF-8 (no note);
//! - anything else without NUL bytes is Windows-1252, a superset of
//!   Latin-1 that maps every byte, with a note;
//! - NUL bytes without a mark mean binary data (or UTF-16 without its
//!   mark): refused, since guessing would put garbage on the board.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::ScriptError;

/// Decoded script text, and a one-line note when it was not plain UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub note: Option<String>,
}

/// Decode a script file's bytes; see the module notes for the rules.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, ScriptError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 {
            return utf8(body).map(|text| Decoded {
                text: Cow::Borrowed(text),
                note: None,
            });
        }
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(ScriptError::BadEncoding {
                encoding: encoding.name(),
            })?;
        return Ok(Decoded {
            text,
            note: Some(format!(
                "the script is {} text (it starts with a byte-order mark); it was converted to UTF-8",
                encoding.name()
            )),
        });
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_and_column(bytes, at);
        return Err(ScriptError::Binary { line, column });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            note: None,
        });
    }
    let (line, column) = first_invalid_utf8(bytes);
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    Ok(Decoded {
        text,
        note: Some(format!(
            "the script is not UTF-8 (first at line {line}, column {column}); it was read as Windows-1252 (Western European)"
        )),
    })
}

/// Check that `bytes` are UTF-8, naming the line and column of the first
/// byte that is not.
pub fn utf8(bytes: &[u8]) -> Result<&str, ScriptError> {
    std::str::from_utf8(bytes).map_err(|_| {
        let (line, column) = first_invalid_utf8(bytes);
        ScriptError::NotUtf8 { line, column }
    })
}

/// 1-based line and column (in characters) of the first byte that is not
/// UTF-8; the end of the text when all of it is.
fn first_invalid_utf8(bytes: &[u8]) -> (usize, usize) {
    let at = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    line_and_column(bytes, at)
}

/// 1-based line and column of byte `at`, counting the characters before it
/// on its line (bytes that are not UTF-8 count as one each).
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let pair = if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf8_passes_through_without_a_note() {
        let decoded = decode("INT. CAFÉ\n".as_bytes()).unwrap();
        assert_eq!(decoded.text, "INT. CAFÉ\n");
        assert_eq!(decoded.note, None);
        let with_bom = decode("\u{feff}INT. A\n".as_bytes()).unwrap();
        assert_eq!(with_bom.text, "INT. A\n");
        assert_eq!(with_bom.note, None);
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded_with_a_note() {
        for little_endian in [true, false] {
            let bytes = utf16("INT. CAFÉ - NUIT\n\nZoë arrive.\n", little_endian);
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(decoded.text, "INT. CAFÉ - NUIT\n\nZoë arrive.\n");
            let note = decoded.note.unwrap();
            assert!(note.contains("UTF-16"), "{note}");
        }
    }

    #[test]
    fn windows_1252_is_decoded_with_a_note_naming_the_first_odd_byte() {
        // 0xE9 is é, 0x93/0x94 are curly quotes in Windows-1252.
        let decoded = decode(b"INT. A\n\nCaf\xe9 \x93noir\x94.\n").unwrap();
        assert_eq!(decoded.text, "INT. A\n\nCafé \u{201c}noir\u{201d}.\n");
        let note = decoded.note.unwrap();
        assert!(note.contains("Windows-1252"), "{note}");
        assert!(note.contains("line 3, column 4"), "{note}");
    }

    #[test]
    fn nul_bytes_without_a_mark_are_refused_as_binary() {
        let err = decode(b"I\0N\0T\0.\0").unwrap_err();
        assert!(
            matches!(err, ScriptError::Binary { line: 1, column: 2 }),
            "{err:?}"
        );
    }

    #[test]
    fn broken_utf16_is_an_error_not_garbage() {
        // A lone high surrogate.
        let err = decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).unwrap_err();
        assert!(matches!(err, ScriptError::BadEncoding { .. }), "{err:?}");
    }

    #[test]
    fn a_utf8_mark_followed_by_other_bytes_names_the_place() {
        let err = decode(b"\xef\xbb\xbfINT. A\n\nCaf\xe9\n").unwrap_err();
        assert!(
            matches!(err, ScriptError::NotUtf8 { line: 3, column: 4 }),
            "{err:?}"
        );
    }
}
