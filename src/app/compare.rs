//! Comparing two items side by side: two analyses of one event, an actor beside another, a place
//! beside a place. Each page is cut into its sections (the part above the first heading, then one
//! per heading) and the two are laid out so that sections of the same name start on the same row:
//! background beside background, implications beside implications. Both sides then have the same
//! number of rows, so scrolling together is one offset; apart, each side keeps its own.

use super::action::Action;
use super::nav::Visit;
use super::{App, Focus, Screen, scrolled_into_view};
use crate::data::{Store, Target};
use crate::doc::{self, Doc, Role, Row};
use crate::layout;
use crate::pages;

/// One side: its page, wrapped and aligned with the other side, and where the reader is in it.
#[derive(Debug, Clone)]
pub struct Side {
    pub target: Target,
    pub doc: Doc,
    /// Rows aligned with the other side's: a padding row has no spans and no link.
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct CompareView {
    pub sides: [Side; 2],
    /// The side the keys move: 0 (left) or 1 (right).
    pub focus: usize,
    /// Whether both sides scroll as one.
    pub sync: bool,
    /// The width each side is wrapped to.
    pub width: u16,
}

impl CompareView {
    pub fn new(
        data: &dyn Store,
        left: Target,
        right: Target,
        g: &pages::Glyphs,
        width: u16,
    ) -> Self {
        let side = |target| Side {
            target,
            doc: pages::page(data, target, g),
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
        };
        let mut view = CompareView {
            sides: [side(left), side(right)],
            focus: 0,
            sync: true,
            width: 0,
        };
        view.rewrap(width);
        view
    }

    pub fn focused(&self) -> &Side {
        &self.sides[self.focus]
    }

    fn focused_mut(&mut self) -> &mut Side {
        &mut self.sides[self.focus]
    }

    /// Wraps both pages to `width` and aligns them, keeping each cursor on its line of text.
    pub fn rewrap(&mut self, width: u16) {
        if width == self.width && !self.sides[0].rows.is_empty() {
            return;
        }
        let lines: Vec<Option<usize>> = self
            .sides
            .iter()
            .map(|s| s.rows.get(s.cursor).map(|r| r.line))
            .collect();
        let [a, b] = &self.sides;
        let (left, right) = align(
            &doc::wrap(&a.doc, width),
            &doc::wrap(&b.doc, width),
            &a.doc,
            &b.doc,
        );
        self.sides[0].rows = left;
        self.sides[1].rows = right;
        self.width = width;
        for (side, line) in self.sides.iter_mut().zip(lines) {
            if let Some(line) = line {
                side.cursor = side.rows.iter().position(|r| r.line == line).unwrap_or(0);
            }
        }
    }

    /// The focused side's cursor to `row`, at the top; with sync on, the other side follows.
    pub fn jump(&mut self, row: usize) {
        let side = self.focused_mut();
        side.cursor = row;
        side.offset = row;
        self.follow();
    }

    /// With sync on, the other side shows the same rows as the focused one.
    fn follow(&mut self) {
        if self.sync {
            let (cursor, offset) = (self.focused().cursor, self.focused().offset);
            let other = &mut self.sides[1 - self.focus];
            other.cursor = cursor;
            other.offset = offset;
        }
    }

    /// Keeps each cursor within its rows and on screen in a pane of `height` rows.
    pub fn keep_visible(&mut self, height: usize) {
        for side in &mut self.sides {
            side.cursor = side.cursor.min(side.rows.len().saturating_sub(1));
            side.offset = scrolled_into_view(side.offset, side.cursor, height, side.rows.len());
        }
        self.follow();
    }
}

/// The name a section goes by for alignment: its heading without the count ("Key actors (5)" and
/// "Key actors (3)" are the same section).
fn section_name(doc: &Doc, line: usize) -> String {
    let text: String = doc.lines[line].spans.iter().map(|s| s.text()).collect();
    match text.rfind(" (") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

/// A page's rows cut into sections: (name, rows). The part above the first heading is named "".
fn sections(rows: &[Row], doc: &Doc) -> Vec<(String, Vec<Row>)> {
    let mut out: Vec<(String, Vec<Row>)> = vec![(String::new(), Vec::new())];
    for (i, row) in rows.iter().enumerate() {
        let starts = i == 0 || rows[i - 1].line != row.line;
        let heading = doc.lines[row.line]
            .spans
            .first()
            .is_some_and(|s| s.role == Role::Heading);
        if starts && heading {
            // The blank row before a heading belongs to the section it opens.
            let mut carried = Vec::new();
            if let Some((_, last)) = out.last_mut()
                && last.last().is_some_and(|r| r.spans.is_empty())
            {
                carried.extend(last.pop());
            }
            carried.push(row.clone());
            out.push((section_name(doc, row.line), carried));
        } else if let Some((_, last)) = out.last_mut() {
            last.push(row.clone());
        }
    }
    out
}

/// Lays two pages out so that sections of the same name start on the same row. The order is the
/// left page's, with sections only the right page has placed after the ones they follow there.
fn align(left: &[Row], right: &[Row], ldoc: &Doc, rdoc: &Doc) -> (Vec<Row>, Vec<Row>) {
    let ls = sections(left, ldoc);
    let rs = sections(right, rdoc);
    let mut order: Vec<String> = ls.iter().map(|(n, _)| n.clone()).collect();
    let mut after = 0;
    for (name, _) in &rs {
        match order.iter().position(|n| n == name) {
            Some(at) => after = at + 1,
            None => {
                order.insert(after, name.clone());
                after += 1;
            }
        }
    }
    let (mut lo, mut ro) = (Vec::new(), Vec::new());
    let find = |secs: &[(String, Vec<Row>)], name: &str| -> Vec<Row> {
        secs.iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    };
    for name in order {
        let (mut l, mut r) = (find(&ls, &name), find(&rs, &name));
        let height = l.len().max(r.len());
        pad(&mut l, height);
        pad(&mut r, height);
        lo.extend(l);
        ro.extend(r);
    }
    (lo, ro)
}

/// Blank rows to make a section `height` rows tall; they count as the section's last line.
fn pad(rows: &mut Vec<Row>, height: usize) {
    let line = rows.last().map_or(0, |r| r.line);
    while rows.len() < height {
        rows.push(Row {
            line,
            pad: 0,
            spans: Vec::new(),
            link: None,
        });
    }
}

impl App {
    /// Shows `left` and `right` side by side.
    pub fn compare(&mut self, data: &dyn Store, left: Target, right: Target) {
        if left == right {
            self.message = Some("that is the same item twice: mark another with m".to_owned());
            return;
        }
        let width = self.compare_width();
        let view = CompareView::new(data, left, right, &self.glyphs, width);
        self.compare = Some(Box::new(view));
        // A step in the history, with the page behind it: Back returns to that page, Forward
        // to this comparison as it was left.
        self.save_position();
        self.screen = Screen::Compare;
        if let Some(page) = self.detail.visit() {
            self.history.push(Visit {
                screen: Screen::Compare,
                ..page
            });
        }
        self.marks.clear();
        self.keep_visible();
    }

    /// The width each side of a comparison is wrapped to: half the body, less borders and margins.
    fn compare_width(&self) -> u16 {
        let body = self.body_area();
        (body.width / 2).saturating_sub(4).max(layout::MIN_WIDTH)
    }

    /// The area between the tab strip (or the chips) and the status line.
    pub fn body_area(&self) -> ratatui::layout::Rect {
        let s = self.screen();
        s.list.union(s.detail)
    }

    pub(super) fn rewrap_compare(&mut self) {
        let width = self.compare_width();
        if let Some(view) = &mut self.compare {
            view.rewrap(width);
        }
    }

    pub(super) fn keep_compare_visible(&mut self) {
        let height = layout::inner(self.body_area()).height as usize;
        if let Some(view) = &mut self.compare {
            view.keep_visible(height);
        }
    }

    /// `m`: marks the item shown (or unmarks it); two marks are what `c` compares.
    pub(super) fn mark(&mut self, data: &dyn Store, target: Target) {
        let name = pages::label(data, target, &self.glyphs);
        if let Some(at) = self.marks.iter().position(|&t| t == target) {
            self.marks.remove(at);
            self.message = Some(format!("unmarked {name}"));
            return;
        }
        if self.marks.len() == 2 {
            self.marks.remove(0);
        }
        self.marks.push(target);
        let key = |a| {
            self.keymap
                .key_for(super::keymap::Mode::Global, a)
                .map_or_else(String::new, |k| k.label_in(self.glyphs.ascii))
        };
        self.message = Some(match self.marks.len() {
            1 => format!("marked {name}: mark another with {}", key(Action::Mark)),
            _ => format!(
                "marked {name}: {} compares it with {}",
                key(Action::Compare),
                pages::label(data, self.marks[0], &self.glyphs)
            ),
        });
    }

    /// `c`: the other reading under the cursor beside this one, else the two marked items, else
    /// a marked item beside the page shown, else this analysis beside its other reading.
    pub(super) fn compare_chosen(&mut self, data: &dyn Store) {
        let shown = self.detail.target;
        let readings = |ix| data.other_readings(ix).to_vec();
        let under = (self.focus == Focus::Detail)
            .then(|| self.detail.link_under_cursor())
            .flatten();
        let pair = match (shown, under) {
            (Some(Target::Analysis(a)), Some(Target::Analysis(b))) if readings(a).contains(&b) => {
                Some((Target::Analysis(a), Target::Analysis(b)))
            }
            _ => match (self.marks.as_slice(), shown) {
                ([a, b], _) => Some((*a, *b)),
                ([a], Some(s)) if *a != s => Some((*a, s)),
                (_, Some(Target::Analysis(a))) => readings(a)
                    .first()
                    .map(|&b| (Target::Analysis(a), Target::Analysis(b))),
                _ => None,
            },
        };
        match pair {
            Some((a, b)) => self.compare(data, a, b),
            None => {
                self.message =
                    Some("nothing to compare: mark two items with m, then press c".to_owned())
            }
        }
    }

    pub(super) fn compare_action(&mut self, data: &dyn Store, action: Action) {
        let height = layout::inner(self.body_area()).height.max(1) as isize;
        let Some(view) = self.compare.as_deref_mut() else {
            return;
        };
        let move_by = |view: &mut CompareView, by: isize| {
            let side = view.focused_mut();
            let last = side.rows.len().saturating_sub(1);
            side.cursor = side.cursor.saturating_add_signed(by).min(last);
        };
        match action {
            Action::Up => move_by(view, -1),
            Action::Down => move_by(view, 1),
            Action::PageUp | Action::PageDown | Action::HalfPageUp | Action::HalfPageDown => {
                let by = match action {
                    Action::PageUp => -height,
                    Action::PageDown => height,
                    Action::HalfPageUp => -(height / 2).max(1),
                    _ => (height / 2).max(1),
                };
                let side = view.focused_mut();
                side.offset = side.offset.saturating_add_signed(by);
                move_by(view, by);
            }
            Action::Top => move_by(view, isize::MIN / 2),
            Action::Bottom => move_by(view, isize::MAX / 2),
            Action::NextSection | Action::PrevSection => {
                let side = view.focused();
                let row = super::reading::section_row(
                    &side.rows,
                    &side.doc,
                    side.cursor,
                    action == Action::NextSection,
                );
                match row {
                    Some(row) => view.jump(row),
                    None => self.message = Some("no further section".to_owned()),
                }
            }
            Action::OtherSide => view.focus = 1 - view.focus,
            Action::ToggleSync => {
                view.sync = !view.sync;
                self.message = Some(
                    if view.sync {
                        "the two sides scroll together"
                    } else {
                        "each side scrolls on its own"
                    }
                    .to_owned(),
                );
                view.follow();
            }
            Action::Open => {
                let side = view.focused();
                match side.rows.get(side.cursor).and_then(|r| r.link) {
                    Some(target) => {
                        self.go_to(data, Visit::new(target), true);
                        self.focus = Focus::Detail;
                    }
                    None => self.message = Some("nothing to follow on this line".to_owned()),
                }
            }
            // Leaving the comparison is a step back, to the page it was opened from.
            Action::Back | Action::Compare => self.back(data),
            Action::Forward => self.forward(data),
            Action::Outline => self.open_outline(),
            Action::Palette => self.open_palette(),
            // The side with the keys is the item a mark means.
            Action::Mark => {
                let target = view.focused().target;
                self.mark(data, target);
            }
            Action::ToggleHelp
            | Action::Search
            | Action::Filters
            | Action::ClearFilters
            | Action::UndoFilter => self.apply(data, action),
            Action::ShowList(_) | Action::FocusList | Action::FocusDetail => {
                self.screen = Screen::Explorer;
                self.apply(data, action);
            }
            _ => self.message = Some("not while comparing: Backspace goes back".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Line, Span};

    fn page(parts: &[(&str, usize)]) -> Doc {
        let mut doc = Doc::default();
        doc.push(Line {
            spans: vec![Span::new("Title", Role::Title)],
            ..Line::default()
        });
        for &(heading, n) in parts {
            doc.gap();
            doc.push(Line {
                spans: vec![Span::new(heading, Role::Heading)],
                ..Line::default()
            });
            for i in 0..n {
                doc.push(Line {
                    spans: vec![Span::new(&format!("{heading} {i}"), Role::Body)],
                    ..Line::default()
                });
            }
        }
        doc
    }

    fn text(row: &Row) -> String {
        row.spans.iter().map(|s| s.text()).collect()
    }

    #[test]
    fn sections_of_one_name_start_on_the_same_row() {
        let a = page(&[("Summary", 1), ("Background", 4), ("Key actors (2)", 2)]);
        let b = page(&[("Summary", 3), ("Outlook", 2), ("Key actors (5)", 5)]);
        let (l, r) = align(&doc::wrap(&a, 40), &doc::wrap(&b, 40), &a, &b);
        assert_eq!(l.len(), r.len(), "both sides as tall");
        let at = |rows: &[Row], t: &str| rows.iter().position(|r| text(r) == t);
        assert_eq!(at(&l, "Summary"), at(&r, "Summary"));
        assert_eq!(at(&l, "Key actors (2)"), at(&r, "Key actors (5)"));
        // A section one side lacks faces blank rows on that side.
        let outlook = at(&r, "Outlook").unwrap();
        assert!(l[outlook].spans.is_empty());
        let background = at(&l, "Background").unwrap();
        assert!(r[background].spans.is_empty());
    }
}
