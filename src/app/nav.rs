//! The back/forward history of pages and views visited.

use super::screen::Screen;
use crate::data::Target;
use crate::find::Filter;

/// One visited target, or view, and where the reader was in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    /// The page, or for a view the page the explorer showed beside it (where `1`-`5` return).
    pub target: Target,
    /// Cursor row and scroll offset in the detail pane, restored on back/forward.
    pub cursor: usize,
    pub offset: usize,
    /// The width the page was wrapped to: rows count differently at another width.
    pub width: u16,
    /// What filled the body: the explorer, or a view.
    pub screen: Screen,
    /// The filters to put back on coming back here (see [`History::keep_filter`]): set on both
    /// sides of a drill-down, so Back returns to the cell with the filters it was counted under,
    /// and on a page near one that the reader left with other filters.
    pub filter: Option<FilterId>,
}

/// A filter kept by the history, for a [`Visit`] to put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterId(u32);

impl Visit {
    pub fn new(target: Target) -> Visit {
        Visit {
            target,
            cursor: 0,
            offset: 0,
            width: 0,
            screen: Screen::Explorer,
            filter: None,
        }
    }

    /// Whether two visits show the same thing (a page, or a view), wherever the reader was in it.
    pub fn same_place(&self, other: &Visit) -> bool {
        self.screen == other.screen && (self.screen.is_view() || self.target == other.target)
    }
}

/// Browser-style history: following a link pushes and drops any forward entries; moving in a list
/// replaces the current entry, so browsing a list does not bury the path that led there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<Visit>,
    pos: usize,
    /// The filters visits put back; visits hold their index. Few: one per drill-down side.
    filters: Vec<Filter>,
}

impl History {
    pub fn current(&self) -> Option<Visit> {
        self.entries.get(self.pos).copied()
    }

    /// Changes the current entry. A neighbour showing the same page merges into it: two entries
    /// in a row for one page would make Back or Forward do nothing.
    pub fn replace(&mut self, visit: Visit) {
        let Some(slot) = self.entries.get_mut(self.pos) else {
            self.entries.push(visit);
            return;
        };
        *slot = visit;
        let same = |v: &Visit| v.same_place(&visit);
        if self.entries.get(self.pos + 1).is_some_and(same) {
            self.entries.remove(self.pos + 1);
        }
        if self.pos > 0 && same(&self.entries[self.pos - 1]) {
            self.entries.remove(self.pos - 1);
            self.pos -= 1;
        }
    }

    /// The reader moved to another item of the list beside the page: the current entry shows it
    /// now, and still puts back the filters it was taken under (a drill-down's), so that Back
    /// and Forward return to the list as it was.
    pub fn replace_page(&mut self, target: Target) {
        let filter = self.current().and_then(|v| v.filter);
        self.replace(Visit {
            filter,
            ..Visit::new(target)
        });
    }

    /// Adds a step after the current entry, dropping the entries ahead of it; a step to the page
    /// already current only updates it.
    pub fn push(&mut self, visit: Visit) {
        if self.current().is_none_or(|v| v.same_place(&visit)) {
            self.replace(visit);
            return;
        }
        self.entries.truncate(self.pos + 1);
        self.entries.push(visit);
        self.pos += 1;
    }

    pub fn back(&mut self) -> Option<Visit> {
        self.pos = self.pos.checked_sub(1)?;
        self.current()
    }

    pub fn forward(&mut self) -> Option<Visit> {
        if self.pos + 1 >= self.entries.len() {
            return None;
        }
        self.pos += 1;
        self.current()
    }

    /// The path from the first visit to the current one, for the breadcrumb.
    pub fn trail(&self) -> &[Visit] {
        &self.entries[..(self.pos + 1).min(self.entries.len())]
    }

    /// Entries after the current one, reachable with forward.
    pub fn ahead(&self) -> usize {
        self.entries.len().saturating_sub(self.pos + 1)
    }

    /// Keeps a filter for a visit to put back.
    pub fn keep_filter(&mut self, filter: Filter) -> FilterId {
        if let Some(i) = self.filters.iter().position(|f| *f == filter) {
            return FilterId(i as u32);
        }
        self.filters.push(filter);
        FilterId(self.filters.len() as u32 - 1)
    }

    pub fn filter(&self, id: FilterId) -> Option<&Filter> {
        self.filters.get(id.0 as usize)
    }

    /// The filter an entry that puts none back should keep, left with `filter`: none, unless
    /// walking to it from a drill-down on either side would arrive with other filters than the
    /// reader left it with.
    pub fn filter_to_keep(&mut self, filter: &Filter) -> Option<FilterId> {
        let id = |v: &Visit| v.filter;
        let (before, after) = self.entries.split_at(self.pos.min(self.entries.len()));
        let near = [
            before.iter().rev().find_map(id),
            after.iter().skip(1).find_map(id),
        ];
        let differs = near
            .into_iter()
            .flatten()
            .any(|near| self.filter(near) != Some(filter));
        differs.then(|| self.keep_filter(filter.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ActorIx;

    fn v(n: u32) -> Visit {
        Visit::new(Target::Actor(ActorIx(n)))
    }

    #[test]
    fn history_behaves_like_a_browser() {
        let mut h = History::default();
        assert_eq!(h.current(), None);
        h.push(v(0));
        h.push(v(1));
        h.push(v(2));
        assert_eq!(h.back(), Some(v(1)));
        assert_eq!(h.back(), Some(v(0)));
        assert_eq!(h.back(), None);
        assert_eq!(h.current(), Some(v(0)));
        assert_eq!(h.forward(), Some(v(1)));
        h.push(v(9));
        assert_eq!(h.forward(), None, "a push drops the forward entries");
        assert_eq!(h.trail(), &[v(0), v(1), v(9)]);
        h.replace(v(5));
        assert_eq!(h.trail(), &[v(0), v(1), v(5)]);
    }

    #[test]
    fn no_two_entries_in_a_row_show_the_same_page() {
        let mut h = History::default();
        for n in [0, 1, 2, 3] {
            h.push(v(n));
        }
        h.back();
        h.back();
        // Browsing onto the page just behind merges the two: Back must still move.
        h.replace(v(0));
        assert_eq!((h.trail(), h.ahead()), (&[v(0)][..], 2));
        // ... and onto the page just ahead: Forward too.
        h.replace(v(2));
        assert_eq!((h.trail(), h.ahead()), (&[v(2)][..], 1));
        h.push(v(2));
        assert_eq!((h.trail(), h.ahead()), (&[v(2)][..], 1));
        assert_eq!(h.forward(), Some(v(3)));
    }

    #[test]
    fn a_page_keeps_its_filters_only_beside_a_drill_down() {
        let mut h = History::default();
        let none = Filter::default();
        let some = Filter {
            years: vec![2024],
            ..Filter::default()
        };
        h.push(v(0));
        assert_eq!(h.filter_to_keep(&some), None, "no walk changes the filters");
        let id = h.keep_filter(some.clone());
        h.push(Visit {
            filter: Some(id),
            ..v(1)
        });
        h.push(v(2));
        assert_eq!(h.filter_to_keep(&some), None, "the walk arrives with these");
        let kept = h
            .filter_to_keep(&none)
            .expect("the walk arrives with others");
        assert_eq!(h.filter(kept), Some(&none));
        h.back();
        h.back();
        assert_eq!(h.filter_to_keep(&some), None);
        assert!(
            h.filter_to_keep(&none).is_some(),
            "forward to the drill-down"
        );
    }
}
