//! The detail pane's state: the page of the current target, wrapped to the pane's width, the
//! cursor row and the scroll offset; and finding the last search's words in it.

use super::nav::Visit;
use crate::data::Target;
use crate::doc::{self, Doc, Row};
use crate::find::Query;
use crate::find::search::find_in;

#[derive(Debug, Clone, Default)]
pub struct DetailPane {
    pub target: Option<Target>,
    pub doc: Doc,
    pub rows: Vec<Row>,
    pub width: u16,
    pub cursor: usize,
    pub offset: usize,
}

impl DetailPane {
    pub fn new(doc: Doc, width: u16, visit: Visit) -> DetailPane {
        let mut pane = DetailPane {
            target: Some(visit.target),
            rows: doc::wrap(&doc, width),
            doc,
            width,
            cursor: visit.cursor,
            offset: visit.offset,
        };
        // Left at another width (the terminal was resized meanwhile): back on the same line of
        // text, as a resize on the page itself does.
        if visit.width != width && visit.cursor > 0 {
            let old = doc::wrap(&pane.doc, visit.width);
            let line = old.get(visit.cursor).map(|r| r.line);
            pane.cursor = line
                .and_then(|line| pane.rows.iter().position(|r| r.line == line))
                .unwrap_or(0);
        }
        pane
    }

    /// Where the reader is, to come back to it.
    pub fn visit(&self) -> Option<Visit> {
        self.target.map(|target| Visit {
            cursor: self.cursor,
            offset: self.offset,
            width: self.width,
            ..Visit::new(target)
        })
    }

    /// Re-wraps after a resize, keeping the cursor on the same line of text.
    pub fn rewrap(&mut self, width: u16) {
        if width == self.width {
            return;
        }
        let line = self.rows.get(self.cursor).map(|r| r.line);
        self.rows = doc::wrap(&self.doc, width);
        self.width = width;
        if let Some(line) = line {
            self.cursor = self.rows.iter().position(|r| r.line == line).unwrap_or(0);
        }
    }

    pub fn link_under_cursor(&self) -> Option<Target> {
        self.rows.get(self.cursor).and_then(|r| r.link)
    }

    /// The rows that show a word of `query`, in order: what `n` and `N` step through.
    pub fn matches(&self, query: &Query) -> Vec<usize> {
        let mut text = String::new();
        (0..self.rows.len())
            .filter(|&i| {
                text.clear();
                text.extend(self.rows[i].spans.iter().map(|s| s.text()));
                !find_in(&text, query).is_empty()
            })
            .collect()
    }
}
