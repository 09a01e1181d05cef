//! What the detail pane can show, which lists exist, and the back/forward history of links followed.

use crate::data::{ActorIx, AnalysisIx, ImplicationIx, PlaceIx, ThemeIx};

/// Anything a link can point at. Entity indexes, not row numbers: a target stays right whatever
/// order or filter a list is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Analysis(AnalysisIx),
    Actor(ActorIx),
    Theme(ThemeIx),
    Implication(ImplicationIx),
    Place(PlaceIx),
}

impl Target {
    /// The list this target is an item of.
    pub fn list(self) -> ListKind {
        match self {
            Target::Analysis(_) => ListKind::Analyses,
            Target::Actor(_) => ListKind::Actors,
            Target::Theme(_) => ListKind::Themes,
            Target::Implication(_) => ListKind::Implications,
            Target::Place(_) => ListKind::Places,
        }
    }

    /// The index of the entity within its kind.
    pub fn entity_index(self) -> usize {
        match self {
            Target::Analysis(i) => i.get(),
            Target::Actor(i) => i.get(),
            Target::Theme(i) => i.get(),
            Target::Implication(i) => i.get(),
            Target::Place(i) => i.get(),
        }
    }
}

/// The lists of the explorer, in pane order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Analyses,
    Actors,
    Themes,
    Implications,
    Places,
}

impl ListKind {
    pub const ALL: [ListKind; 5] = [
        ListKind::Analyses,
        ListKind::Actors,
        ListKind::Themes,
        ListKind::Implications,
        ListKind::Places,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            ListKind::Analyses => "Analyses",
            ListKind::Actors => "Actors",
            ListKind::Themes => "Themes",
            ListKind::Implications => "Implications",
            ListKind::Places => "Places",
        }
    }
}

/// One visited target and where the reader was in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub target: Target,
    /// Cursor row and scroll offset in the detail pane, restored on back/forward.
    pub cursor: usize,
    pub offset: usize,
}

impl Visit {
    pub fn new(target: Target) -> Visit {
        Visit {
            target,
            cursor: 0,
            offset: 0,
        }
    }
}

/// Browser-style history: following a link pushes and drops any forward entries; moving in a list
/// replaces the current entry, so browsing a list does not bury the path that led there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<Visit>,
    pos: usize,
}

impl History {
    pub fn current(&self) -> Option<Visit> {
        self.entries.get(self.pos).copied()
    }

    pub fn replace(&mut self, visit: Visit) {
        match self.entries.get_mut(self.pos) {
            Some(slot) => *slot = visit,
            None => self.entries.push(visit),
        }
    }

    pub fn push(&mut self, visit: Visit) {
        if self.entries.is_empty() {
            self.entries.push(visit);
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
