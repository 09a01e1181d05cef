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
    walk(text, s.pos, &path.0)
}

/// Follows `segs` from the value at `pos`: the offset of the deepest value found.
fn walk(text: &str, pos: usize, segs: &[Seg]) -> usize {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        pos,
    };
    let mut found = pos;
    for seg in segs {
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

/// Positions in one text for many problems: a file of a thousand analyses with a problem in each
/// would otherwise be walked from its start for every one (at 100,000 analyses that took minutes).
/// The top-level array's elements and the lines' starts are found once, when first needed.
pub struct Locator<'a> {
    text: &'a str,
    elements: std::sync::OnceLock<Vec<std::ops::Range<usize>>>,
    lines: std::sync::OnceLock<Vec<usize>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            elements: Default::default(),
            lines: Default::default(),
        }
    }

    /// Line and column of the value at `path`, as `line_col(text, locate(text, path))` gives.
    pub fn position(&self, path: &FieldPath) -> (usize, usize) {
        self.line_col(self.locate(path))
    }

    /// What [`locate`] finds, starting from the element a leading index names.
    pub fn locate(&self, path: &FieldPath) -> usize {
        let Some((&Seg::Index(first), rest)) = path.0.split_first() else {
            return locate(self.text, path);
        };
        let elements = self.elements.get_or_init(|| elements(self.text));
        let Some(at) = elements.get(first) else {
            return locate(self.text, path);
        };
        walk(self.text, at.start, rest)
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let line = lines.partition_point(|&start| start <= offset);
        let start = lines[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// Where each entity of a dataset file lies in it: each element of a top-level array, or the one
/// object the file holds, without the whitespace around it. Only for a text that parsed.
pub fn entity_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let start = text.len() - text.trim_start_matches(WHITESPACE).len();
    match text.as_bytes().get(start) {
        Some(b'[') => elements(text),
        Some(_) => std::iter::once(start..text.trim_end_matches(WHITESPACE).len()).collect(),
        None => Vec::new(),
    }
}

const WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// Where each element of a top-level array lies, starting where `find_index` would reach it;
/// empty when the text is not an array.
fn elements(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut out = Vec::new();
    if !s.eat(b'[') {
        return out;
    }
    loop {
        s.skip_ws();
        if matches!(s.peek(), None | Some(b']')) {
            return out;
        }
        let start = s.pos;
        let whole = s.skip_value().is_some();
        out.push(start..s.pos);
        if !whole || !s.eat(b',') {
            return out;
        }
    }
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

    /// The locator finds what walking from the start finds: in arrays, objects, past the last
    /// element, in a text cut short, and in one that is not an array at all.
    #[test]
    fn the_locator_agrees_with_walking_from_the_start() {
        let list = format!("[\n  {DOC},\n{DOC} , {{\"é\": [1, [2], \"]\"]}},\n  7\n]");
        let texts = [
            list.clone(),
            list[..list.len() / 2].to_owned(),
            list.replace(",\n{", "\n{"),
            DOC.to_owned(),
            "  ".to_owned(),
        ];
        let mut paths = vec![FieldPath::root()];
        for i in 0..6 {
            let p = FieldPath::root().index(i);
            paths.push(p.clone());
            paths.push(p.clone().key("id"));
            paths.push(p.clone().key("é").index(2));
            paths.push(p.clone().key("actors").index(1).key("role"));
            paths.push(p.key("nope"));
        }
        paths.push(FieldPath::root().key("actors").index(1));
        for text in &texts {
            let locator = Locator::new(text);
            for path in &paths {
                let walked = line_col(text, locate(text, path));
                assert_eq!(locator.position(path), walked, "{path:?} in {text:?}");
            }
            for offset in [0, 1, 5, text.len() / 2, text.len(), text.len() + 9] {
                assert_eq!(locator.line_col(offset), line_col(text, offset), "{offset}");
            }
        }
    }
}

#[cfg(test)]
mod span_tests {
    use super::entity_spans;

    #[test]
    fn spans_are_each_entity_without_the_space_around_it() {
        let list = " [\n  {\"id\": \"a\", \"x\": [1, \"]\"]} ,\r\n\t{\"id\":\"b\\\"}\"}\n]\n";
        let spans: Vec<&str> = entity_spans(list).into_iter().map(|r| &list[r]).collect();
        assert_eq!(
            spans,
            ["{\"id\": \"a\", \"x\": [1, \"]\"]}", "{\"id\":\"b\\\"}\"}"]
        );
        let one = "\n {\"id\": \"c\"}\n\n";
        assert_eq!(&one[entity_spans(one)[0].clone()], "{\"id\": \"c\"}");
        assert!(entity_spans(" [ ] ").is_empty());
        assert!(entity_spans("  ").is_empty());
    }
}
