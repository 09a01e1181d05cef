//! From the bytes of a file to a text an import can read: refusing what is not one (binary,
//! empty, huge, not UTF-8, a document with its text inside) with a reason a person can act on.

use std::fmt;

/// The largest text an import reads. A deep dive is a few kilobytes; a file a thousand times
/// that is a mistake (a log, an archive, a whole site), and reading it would take minutes of
/// matching for nothing.
pub const MAX_TEXT_BYTES: u64 = 1 << 20;

/// Why some bytes are not a text an import can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Empty,
    /// Only page furniture (share lines, calls to action) and no prose.
    OnlyBoilerplate,
    /// A NUL or other control byte where text has none; the offset of the first.
    Binary {
        offset: usize,
    },
    Utf16,
    /// A control byte in what is otherwise text (an escape sequence pasted from a terminal): where.
    Control {
        line: usize,
        column: usize,
        byte: u8,
    },
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
    },
    TooLarge {
        bytes: u64,
    },
    /// A document format with text inside, which must be taken out first: what it is, and how.
    Document {
        what: &'static str,
        how: &'static str,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("is empty: there is no text to import"),
            InputError::OnlyBoilerplate => {
                f.write_str("holds only page furniture (share lines, calls to action), no prose")
            }
            InputError::Binary { offset } => write!(
                f,
                "is a binary file, not text (control byte at offset {offset}): import reads plain-text deep dives"
            ),
            InputError::Utf16 => f.write_str("is UTF-16: save it as UTF-8"),
            InputError::Control { line, column, byte } => write!(
                f,
                "{line}:{column}: a control character (0x{byte:02X}) in the text, such as a \
                 terminal escape code: remove it and import again"
            ),
            InputError::NotUtf8 { line, column, byte } => write!(
                f,
                "{line}:{column}: not valid UTF-8 (byte 0x{byte:02X}): save the file as UTF-8"
            ),
            InputError::Document { what, how } => {
                write!(f, "is {what}, not plain text: {how}, then import that")
            }
            InputError::TooLarge { bytes } => write!(
                f,
                "is {}, over the limit of {} for one text: a deep dive is a few KB, so this is \
                 probably not one (split a collection into one file per text)",
                size(*bytes),
                size(MAX_TEXT_BYTES)
            ),
        }
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The bytes as text: UTF-8 (a byte-order mark is dropped), no control bytes but whitespace.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(InputError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(e) = document(bytes) {
        return Err(e);
    }
    // Binary before UTF-8: "binary" says more about an image than "byte 0x89 is not UTF-8".
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    {
        // A NUL is never in text; a lone escape or bell in prose is text with something pasted in,
        // and the reader needs to know where.
        if bytes.contains(&0) {
            return Err(InputError::Binary { offset });
        }
        let (line, column) = line_column(bytes, offset);
        return Err(InputError::Control {
            line,
            column,
            byte: bytes[offset],
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(bytes, e.valid_up_to());
        InputError::NotUtf8 {
            line,
            column,
            byte: bytes[e.valid_up_to()],
        }
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text.to_owned())
}

/// A document whose text is inside markup or a container, by how it begins: a saved web page,
/// a PDF, a word processor's file. Named, so that the reader knows how to get the text out.
fn document(bytes: &[u8]) -> Option<InputError> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..bytes.len().min(start + 64)];
    let lower = head.to_ascii_lowercase();
    let opens = |p: &str| lower.starts_with(p.as_bytes());
    let (what, how) = if opens("%pdf-") {
        ("a PDF", "extract its text (pdftotext FILE.pdf)")
    } else if opens("{\\rtf") {
        ("an RTF document", "save it as plain text")
    } else if opens("pk\x03\x04") {
        (
            "a zip archive (a .docx or .odt is one)",
            "save the document as plain text",
        )
    } else if [
        "<!doctype html",
        "<html",
        "<?xml",
        "<head",
        "<body",
        "<article",
        "<div",
        "<p>",
    ]
    .iter()
    .any(|t| opens(t))
    {
        (
            "an HTML or XML page",
            "save the page as text (a browser's Save As, or pandoc -t plain PAGE.html)",
        )
    } else {
        return None;
    };
    Some(InputError::Document { what, how })
}

/// The line and column (in characters, from 1) of the byte at `offset`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
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

    #[test]
    fn refuses_what_is_not_text_with_the_reason() {
        assert_eq!(decode(b""), Err(InputError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(InputError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(InputError::Binary { offset: 6 })
        );
        assert_eq!(decode(b"\xFF\xFEa\0"), Err(InputError::Utf16));
        assert_eq!(
            decode("Caf\u{e9}\nKey actors \x1b[31minclude".as_bytes()),
            Err(InputError::Control {
                line: 2,
                column: 12,
                byte: 0x1B
            })
        );
        assert_eq!(
            decode(b"ok\nna\xEFve"),
            Err(InputError::NotUtf8 {
                line: 2,
                column: 3,
                byte: 0xEF
            })
        );
        let big = vec![b'a'; MAX_TEXT_BYTES as usize + 1];
        assert!(matches!(decode(&big), Err(InputError::TooLarge { .. })));
        assert_eq!(decode(b"\xEF\xBB\xBFText.").unwrap(), "Text.");
        // Documents with their text inside are named, with how to get it out.
        for (bytes, what) in [
            (&b"%PDF-1.7\n%\xE2\xE3"[..], "a PDF"),
            (
                b"PK\x03\x04\x14\0\x06\0",
                "a zip archive (a .docx or .odt is one)",
            ),
            (b"{\\rtf1\\ansi Text}", "an RTF document"),
            (
                b"\n  <!DOCTYPE html><html><p>Text.</p>",
                "an HTML or XML page",
            ),
            (b"<HTML><BODY>Text.", "an HTML or XML page"),
        ] {
            assert!(
                matches!(decode(bytes), Err(InputError::Document { what: w, .. }) if w == what),
                "{what}: {:?}",
                decode(bytes)
            );
        }
        // Angle brackets in prose are prose.
        assert!(decode(b"<Draft> Kenya sends police.").is_ok());
    }
}
