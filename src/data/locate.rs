//! Finds where a field path points in a JSON text, to give problems a line and column.
//!
//! serde_json keeps no positions once a value is parsed, and most problems (an unknown reference,
//! a duplicate id) are found after parsing. Rather than carry spans through every type, we walk the
//! text again only when there is a problem to report: the happy path pays nothing.

use super::problem::{FieldPath, Seg};

/// The byte offset of the value at `path`, or of the deepest enclosing value that exists (a missing
/// field is reported at its object). Returns 0 when the text is not the JSON it was believed to be.
pub fn locate(text: &str, path: &FieldPath) -> usize {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    s.skip_ws();
    let mut found = s.pos;
    for seg in &path.0 {
        let next = match seg {
            Seg::Key(key) => s.find_key(key),
            Seg::Index(index) => s.find_index(*index),
        };
        match next {
            Some(()) => found = s.pos,
            None => break,
        }
    }
    found
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Inside an object at `pos`, moves to the value of `key`.
    fn find_key(&mut self, key: &str) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return None;
            }
            let name = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            self.skip_ws();
            if name == key {
                return Some(());
            }
            self.skip_value()?;
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// Inside an array at `pos`, moves to element `index`.
    fn find_index(&mut self, index: usize) -> Option<()> {
        if !self.eat(b'[') {
            return None;
        }
        for _ in 0..index {
            self.skip_ws();
            self.skip_value()?;
            if !self.eat(b',') {
                return None;
            }
        }
        self.skip_ws();
        (self.peek() != Some(b']')).then_some(())
    }

    /// Reads a string literal, decoding escapes so keys compare as serde saw them.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.skip_string()?;
        serde_json::from_slice(&self.bytes[start..self.pos]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1; // opening quote
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.pos += 1;
                let mut depth = 1usize;
                while depth > 0 {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b if b == open => depth += 1,
                        b if b == close => depth -= 1,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                Some(())
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "id": "kz-uk",
  "actors": [
    {"actor": "kz-gov", "role": "host"},
    { "actor": "uk-gov",
      "role": "guest \"quoted\" [not an array]" }
  ],
  "esc\u0061ped": 1
}"#;

    fn at(path: FieldPath) -> (usize, usize) {
        line_col(DOC, locate(DOC, &path))
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at(FieldPath::root().key("id")), (2, 9));
        assert_eq!(
            at(FieldPath::root().key("actors").index(1).key("actor")),
            (5, 16)
        );
        assert_eq!(
            at(FieldPath::root().key("actors").index(1).key("role")),
            (6, 15)
        );
    }

    #[test]
    fn decodes_escaped_keys_and_skips_brackets_inside_strings() {
        assert_eq!(at(FieldPath::root().key("escaped")), (8, 19));
    }

    #[test]
    fn a_missing_field_points_at_its_object() {
        assert_eq!(
            at(FieldPath::root().key("actors").index(0).key("interests")),
            (4, 5)
        );
        assert_eq!(at(FieldPath::root().key("actors").index(7)), (3, 13));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"név\": \"x\", \"b\": 1}";
        assert_eq!(
            line_col(text, locate(text, &FieldPath::root().key("b"))),
            (1, 19)
        );
    }
}
