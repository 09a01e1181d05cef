//! The content of the detail pane as a document of styled lines, some of them links, and its
//! wrapping into screen rows. Styles here are roles (heading, link ...); the theme turns them into
//! colours at draw time, so this module knows nothing about the terminal.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::data::Target;
use crate::text::sanitize;

/// What a piece of text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    Meta,
    Heading,
    Body,
    Link,
    Label,
    Muted,
    Warn,
}

/// A run of text in one role. Built only through [`Span::new`], which sanitizes: nothing from the
/// data reaches a row without passing through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    text: String,
    pub role: Role,
}

impl Span {
    pub fn new(text: &str, role: Role) -> Span {
        Span {
            text: sanitize(text).into_owned(),
            role,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn width(&self) -> usize {
        self.text.width()
    }
}

/// One logical line: wraps to several rows. Every row of a link line follows the same link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    pub link: Option<Target>,
    /// Columns before the first row.
    pub indent: u16,
    /// Extra columns before continuation rows (a hanging indent under a bullet).
    pub hang: u16,
}

impl Line {
    pub fn blank() -> Line {
        Line::default()
    }

    pub fn is_blank(&self) -> bool {
        self.spans.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub lines: Vec<Line>,
}

impl Doc {
    pub fn push(&mut self, line: Line) {
        self.lines.push(line);
    }

    /// A blank line, unless the document is empty or already ends with one.
    pub fn gap(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_blank()) {
            self.lines.push(Line::blank());
        }
    }
}

/// One screen row of a wrapped document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The document line this row belongs to.
    pub line: usize,
    /// Leading blank columns.
    pub pad: u16,
    pub spans: Vec<Span>,
    pub link: Option<Target>,
}

/// Wraps every line to `width` columns: at spaces where possible, inside a word (between
/// graphemes) where a word is wider than the row. Never produces a row wider than `width`, except
/// for a single grapheme wider than the whole row, which the renderer clips.
pub fn wrap(doc: &Doc, width: u16) -> Vec<Row> {
    let mut rows = Vec::with_capacity(doc.lines.len() * 2);
    for (i, line) in doc.lines.iter().enumerate() {
        wrap_line(line, i, width as usize, &mut rows);
    }
    rows
}

fn wrap_line(line: &Line, index: usize, width: usize, rows: &mut Vec<Row>) {
    let (mut indent, mut hang) = (line.indent as usize, line.hang as usize);
    // Indentation is a luxury of wide panes: drop it before it eats the text.
    if indent + hang + 8 > width {
        indent = 0;
        hang = 0;
    }
    let mut w = RowWriter {
        rows,
        line: index,
        link: line.link,
        pad: indent,
        avail: width.saturating_sub(indent).max(1),
        used: 0,
        spans: Vec::new(),
        pending_space: 0,
    };
    if line.is_blank() {
        w.finish();
        return;
    }
    for span in &line.spans {
        for piece in split_words(span.text()) {
            match piece {
                Piece::Space(n) => w.pending_space += n,
                Piece::Word(word) => w.word(word, span.role, indent + hang, width),
            }
        }
    }
    w.finish();
}

enum Piece<'a> {
    /// A run of whitespace, by width: kept inside a row (for aligned columns), dropped at a break.
    Space(usize),
    Word(&'a str),
}

/// Alternating runs of whitespace and non-whitespace, so rows break only at spaces.
fn split_words(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .find(|c: char| c.is_whitespace() != space)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(if space {
            Piece::Space(piece.chars().count())
        } else {
            Piece::Word(piece)
        })
    })
}

struct RowWriter<'a> {
    rows: &'a mut Vec<Row>,
    line: usize,
    link: Option<Target>,
    pad: usize,
    avail: usize,
    used: usize,
    spans: Vec<(String, Role)>,
    pending_space: usize,
}

impl RowWriter<'_> {
    fn push_text(&mut self, text: &str, role: Role) {
        match self.spans.last_mut() {
            Some((last, r)) if *r == role => last.push_str(text),
            _ => self.spans.push((text.to_owned(), role)),
        }
    }

    fn word(&mut self, word: &str, role: Role, cont_pad: usize, width: usize) {
        let w = word.width();
        let space = if self.used > 0 { self.pending_space } else { 0 };
        self.pending_space = 0;
        if self.used + space + w <= self.avail {
            if space > 0 {
                // The space takes the role of the text before it, so underlined links do not
                // underline the gap that follows them.
                let prev = self.spans.last().map_or(role, |s| s.1);
                self.push_text(&" ".repeat(space), prev);
            }
            self.push_text(word, role);
            self.used += space + w;
            return;
        }
        // Does not fit: start a new row, and break the word itself if no row can hold it.
        if self.used > 0 {
            self.new_row(cont_pad, width);
        }
        if w <= self.avail {
            self.push_text(word, role);
            self.used = w;
            return;
        }
        for g in word.graphemes(true) {
            let gw = g.width();
            if self.used + gw > self.avail && self.used > 0 {
                self.new_row(cont_pad, width);
            }
            self.push_text(g, role);
            self.used += gw;
        }
    }

    fn new_row(&mut self, cont_pad: usize, width: usize) {
        self.finish();
        self.pad = cont_pad;
        self.avail = width.saturating_sub(cont_pad).max(1);
    }

    fn finish(&mut self) {
        let spans = std::mem::take(&mut self.spans)
            .into_iter()
            .map(|(text, role)| Span { text, role })
            .collect();
        self.rows.push(Row {
            line: self.line,
            pad: self.pad as u16,
            spans,
            link: self.link,
        });
        self.used = 0;
    }
}

/// Splits prose on blank lines into paragraphs; single line breaks inside a paragraph become
/// spaces (sanitize does that), as in Markdown.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            spans: vec![Span::new(text, Role::Body)],
            ..Line::default()
        }
    }

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let body: String = r.spans.iter().map(|s| s.text()).collect();
                format!("{}{}", " ".repeat(r.pad as usize), body)
            })
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        let doc = Doc {
            lines: vec![line("the quick brown fox jumps"), line("abcdefghijkl")],
        };
        assert_eq!(
            texts(&wrap(&doc, 10)),
            ["the quick", "brown fox", "jumps", "abcdefghij", "kl"]
        );
    }

    #[test]
    fn hanging_indent_applies_to_continuation_rows() {
        let mut l = line("▸ alpha beta gamma delta epsilon");
        l.indent = 2;
        l.hang = 2;
        let rows = wrap(&Doc { lines: vec![l] }, 20);
        assert_eq!(texts(&rows), ["  ▸ alpha beta gamma", "    delta epsilon"]);
    }

    #[test]
    fn wide_graphemes_never_split_and_rows_stay_within_width() {
        let doc = Doc {
            lines: vec![line("哈萨克斯坦和英国 👩‍👩‍👧‍👦 é́ مرحبا")],
        };
        for width in 1..12u16 {
            for row in wrap(&doc, width) {
                let w: usize = row.pad as usize + row.spans.iter().map(Span::width).sum::<usize>();
                // Only a lone wide grapheme may exceed a 1-column row.
                assert!(w <= width.max(2) as usize, "width {width}: {row:?}");
            }
        }
        let rows = wrap(&doc, 4);
        assert_eq!(texts(&rows)[0], "哈萨");
    }

    #[test]
    fn control_characters_never_reach_a_row() {
        let doc = Doc {
            lines: vec![line("title\x1b]0;pwned\x07 and \u{202e}rtl")],
        };
        let all: String = wrap(&doc, 80)
            .iter()
            .flat_map(|r| r.spans.iter().map(|s| s.text().to_owned()))
            .collect();
        assert_eq!(all, "title␛]0;pwned␇ and \u{FFFD}rtl");
    }
}
