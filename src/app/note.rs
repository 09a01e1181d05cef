//! A small text box: the note on a bookmark (several lines), or the name of a view to save (one
//! line). A cursor moves through the text by character and by line; the text holds no control
//! characters but line breaks.

use unicode_width::UnicodeWidthChar;

use crate::state::bookmarks::Bookmark;

/// What the box is for, and so what closing it saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The note of this bookmark (made if the item was not bookmarked yet).
    Note(Bookmark),
    /// The name to save the current view under.
    ViewName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBox {
    pub purpose: Purpose,
    pub text: String,
    /// A byte offset into `text`, always on a character boundary.
    pub cursor: usize,
}

/// Longer than any note worth keeping on a bookmark; a paste past it is cut, and said so.
pub const MAX_NOTE: usize = 20_000;
const MAX_NAME: usize = 60;

impl NoteBox {
    pub fn new(purpose: Purpose, text: &str) -> NoteBox {
        let mut b = NoteBox {
            purpose,
            text: String::new(),
            cursor: 0,
        };
        b.insert(text);
        b
    }

    pub fn multiline(&self) -> bool {
        matches!(self.purpose, Purpose::Note(_))
    }

    fn max(&self) -> usize {
        if self.multiline() { MAX_NOTE } else { MAX_NAME }
    }

    /// Inserts text at the cursor: tabs become spaces, other control characters are dropped, and
    /// line breaks only stay in a multi-line box. False when the box was full and text was cut.
    pub fn insert(&mut self, text: &str) -> bool {
        let room = self.max().saturating_sub(self.text.chars().count());
        let clean = clean(text, self.multiline());
        let kept: String = clean.chars().take(room).collect();
        self.text.insert_str(self.cursor, &kept);
        self.cursor += kept.len();
        kept.len() == clean.len()
    }

    pub fn newline(&mut self) {
        if self.multiline() {
            self.insert("\n");
        }
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the word before the cursor, and the spaces after it.
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    pub fn home(&mut self) {
        self.cursor = self.line_start();
    }

    pub fn end(&mut self) {
        self.cursor = self.line_end();
    }

    /// To the line above (`-1`) or below (`1`), at the same column or the end of a shorter line.
    pub fn vertical(&mut self, step: isize) {
        let column = self.text[self.line_start()..self.cursor].chars().count();
        let target_start = if step < 0 {
            let start = self.line_start();
            if start == 0 {
                return;
            }
            self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1)
        } else {
            let end = self.line_end();
            if end == self.text.len() {
                return;
            }
            end + 1
        };
        let line = &self.text[target_start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let offset: usize = line.chars().take(column).map(char::len_utf8).sum();
        self.cursor = target_start + offset;
    }

    /// The text cut into rows of at most `width` columns, each with its byte range, and the row
    /// and column of the cursor: what the box draws.
    pub fn rows(&self, width: u16) -> (Vec<(usize, usize)>, (usize, u16)) {
        let width = width.max(2) as usize;
        let mut rows = Vec::new();
        let mut at = (0, 0);
        let mut start = 0;
        for line in self.text.split('\n') {
            let line_end = start + line.len();
            let mut row_start = start;
            let mut used = 0;
            for (i, c) in line.char_indices() {
                let w = c.width().unwrap_or(0);
                if used + w > width {
                    rows.push((row_start, start + i));
                    row_start = start + i;
                    used = 0;
                }
                used += w;
            }
            rows.push((row_start, line_end));
            start = line_end + 1;
        }
        for (r, &(s, e)) in rows.iter().enumerate() {
            if self.cursor >= s && self.cursor <= e {
                let col: usize = self.text[s..self.cursor]
                    .chars()
                    .map(|c| c.width().unwrap_or(0))
                    .sum();
                at = (r, col as u16);
                // The end of a full row is the start of the next, where the cursor shows.
                if self.cursor < e || r + 1 == rows.len() || rows[r + 1].0 != e {
                    break;
                }
            }
        }
        (rows, at)
    }
}

/// Text as a box keeps it, however it came (typed, pasted, or from `$EDITOR`): tabs become
/// spaces, other control characters and anything else a terminal could act on are dropped, and
/// line breaks stay only in a multi-line box.
pub fn clean(text: &str, multiline: bool) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            '\r' | '\n' if !multiline => ' ',
            '\r' => '\n',
            c => c,
        })
        .filter(|&c| c == '\n' || !crate::text::is_unsafe(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> NoteBox {
        let b = Bookmark {
            kind: crate::state::bookmarks::Kind::Actor,
            id: "x".into(),
            title: "X".into(),
            added: String::new(),
            note: String::new(),
            noted: None,
        };
        NoteBox::new(Purpose::Note(b), text)
    }

    #[test]
    fn editing_moves_through_characters_and_lines() {
        let mut b = note("first line\nsecond");
        assert_eq!(b.cursor, b.text.len());
        b.vertical(-1);
        assert_eq!(
            &b.text[b.cursor..],
            "line\nsecond",
            "same column, line above"
        );
        b.home();
        b.insert("» ");
        assert_eq!(b.text, "» first line\nsecond");
        b.end();
        b.newline();
        b.insert("third");
        b.delete_word();
        assert_eq!(b.text, "» first line\n\nsecond");
        b.left();
        b.backspace();
        assert_eq!(b.text, "» first lin\n\nsecond");
        b.clear();
        assert_eq!((b.text.as_str(), b.cursor), ("", 0));
    }

    #[test]
    fn a_name_is_one_line_of_plain_text() {
        let mut b = NoteBox::new(Purpose::ViewName, "energy\neu\u{1b}[2J");
        assert_eq!(b.text, "energy eu[2J");
        b.newline();
        assert!(!b.text.contains('\n'));
        assert!(!b.insert(&"x".repeat(100)), "cut at the limit");
        assert_eq!(b.text.chars().count(), MAX_NAME);
    }

    #[test]
    fn rows_wrap_at_the_width_and_place_the_cursor() {
        let mut b = note("abcdef\ngh");
        let (rows, at) = b.rows(4);
        assert_eq!(rows, [(0, 4), (4, 6), (7, 9)]);
        assert_eq!(at, (2, 2));
        b.cursor = 4;
        assert_eq!(
            b.rows(4).1,
            (1, 0),
            "the end of a full row shows on the next"
        );
        b.cursor = 6;
        assert_eq!(b.rows(4).1, (1, 2));
    }
}
