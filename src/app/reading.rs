//! Moving through a page at reading speed: link to link, section to section, half pages, and a
//! count before a move (`5j`, `3}`).

use super::action::Action;
use super::{App, Focus};
use crate::data::Store;
use crate::doc::{Doc, Role, Row};

/// The longest count: more than any page has rows to move through, and a bound on the work.
const MAX_COUNT: usize = 9_999;

/// Whether `row` starts a heading line.
fn heading_at(rows: &[Row], doc: &Doc, row: usize) -> bool {
    let starts = row == 0 || rows[row - 1].line != rows[row].line;
    starts
        && doc
            .lines
            .get(rows[row].line)
            .and_then(|l| l.spans.first())
            .is_some_and(|s| s.role == Role::Heading)
}

/// The row of the next section's heading after `cursor` (`forward`), or of the heading of the
/// section the cursor is in (the one before, if the cursor is on it); the top of the page counts
/// as a section start going back.
pub(super) fn section_row(rows: &[Row], doc: &Doc, cursor: usize, forward: bool) -> Option<usize> {
    if forward {
        (cursor + 1..rows.len()).find(|&r| heading_at(rows, doc, r))
    } else if cursor == 0 {
        None
    } else {
        Some(
            (0..cursor)
                .rev()
                .find(|&r| heading_at(rows, doc, r))
                .unwrap_or(0),
        )
    }
}

/// The first row of each link on the page, in order: a link wrapped over several rows, or with a
/// note under it (an actor's interests), is one stop.
pub fn link_starts(rows: &[Row]) -> Vec<usize> {
    (0..rows.len())
        .filter(|&r| rows[r].link.is_some() && (r == 0 || rows[r - 1].link != rows[r].link))
        .collect()
}

/// Actions a count repeats.
fn repeats(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::NextLink
            | Action::PrevLink
            | Action::NextSection
            | Action::PrevSection
            | Action::NextMatch
            | Action::PrevMatch
    )
}

impl App {
    /// A digit of a count: shown on the status line until the move it is for.
    pub(super) fn count_digit(&mut self, key: crate::keys::Key) {
        let crossterm::event::KeyCode::Char(c) = key.code else {
            return;
        };
        let Some(digit) = c.to_digit(10) else {
            return;
        };
        let count = self.count.unwrap_or(0) * 10 + digit as usize;
        // A leading 0 is no count at all.
        self.count = (count > 0).then_some(count.min(MAX_COUNT));
        self.message = None;
    }

    /// Carries out `action` `count` times where a count makes sense: `5j`, `3}`; `12G` goes to
    /// row 12, as in vim. Elsewhere the count is dropped.
    pub(super) fn update_times(&mut self, data: &dyn Store, action: Action, count: Option<usize>) {
        match (action, count) {
            (action, Some(n)) if repeats(action) => {
                for _ in 0..n {
                    self.update(data, action);
                    // A move that went nowhere (the end of the page) ends the repeat, so the
                    // message it left is the one shown.
                    if self
                        .message
                        .as_deref()
                        .is_some_and(|m| m.starts_with("no "))
                    {
                        break;
                    }
                }
            }
            (Action::Top | Action::Bottom, Some(n)) => {
                self.update(data, Action::Top);
                for _ in 1..n {
                    self.update(data, Action::Down);
                }
            }
            (action, _) => self.update(data, action),
        }
    }

    /// Tab in the detail: the cursor to the next link on the page (Shift-Tab: the one before).
    pub(super) fn step_link(&mut self, forward: bool) {
        self.focus = Focus::Detail;
        let starts = link_starts(&self.detail.rows);
        let cursor = self.detail.cursor;
        let next = if forward {
            starts.iter().copied().find(|&r| r > cursor)
        } else {
            // From inside a link, back goes to the link before it, not to its own start.
            let own = starts.iter().rposition(|&r| r <= cursor);
            let mut before = starts.iter().copied().filter(|&r| r < cursor);
            match own {
                Some(i) if self.detail.rows[cursor].link.is_some() => {
                    i.checked_sub(1).map(|j| starts[j])
                }
                _ => before.next_back(),
            }
        };
        match next {
            Some(row) => self.detail.cursor = row,
            None if starts.is_empty() => self.message = Some("no links on this page".to_owned()),
            None if forward => self.message = Some("no more links below".to_owned()),
            None => self.message = Some("no links above".to_owned()),
        }
    }

    /// `}` and `{`: the page to the next section (or back to this one's start), its heading at
    /// the top of the pane.
    pub(super) fn step_section(&mut self, forward: bool) {
        self.focus = Focus::Detail;
        let d = &self.detail;
        match section_row(&d.rows, &d.doc, d.cursor, forward) {
            Some(row) => {
                self.detail.cursor = row;
                self.detail.offset = row;
            }
            None if forward => self.message = Some("no more sections below".to_owned()),
            None => self.message = Some("no earlier section: this is the top".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{ActorIx, Target};
    use crate::doc::{Line, Span, wrap};

    #[test]
    fn a_link_is_one_stop_however_many_rows_it_takes() {
        let a = Some(Target::Actor(ActorIx(0)));
        let b = Some(Target::Actor(ActorIx(1)));
        let mut doc = Doc::default();
        for (text, link) in [
            ("Title", None),
            ("a long link that wraps over rows", a),
            ("its note", a),
            ("plain", None),
            ("b", b),
        ] {
            doc.push(Line {
                spans: vec![Span::new(text, Role::Body)],
                link,
                ..Line::default()
            });
        }
        let rows = wrap(&doc, 10);
        let starts = link_starts(&rows);
        assert_eq!(starts.len(), 2);
        assert_eq!(rows[starts[0]].link, a);
        assert_eq!(rows[starts[1]].link, b);
    }
}
