//! The filter panel (facets on the left, their values with live counts on the right, and a find
//! box to narrow a long list of values), and every change to the filters, which `u` can undo.

use super::App;
use super::action::Action;
use super::keymap::Mode;
use crate::data::Store;
use crate::find::fold::fold;
use crate::find::{Facet, Filter, Value};

/// Rows the values column spends above the values: the facet's heading, or the find box.
pub const HEAD_ROWS: usize = 1;

/// How many filter changes `u` can take back.
pub(super) const UNDO_DEPTH: usize = 100;

/// The count of a value the panel left uncounted: a facet with thousands of values over a large
/// archive would take seconds to count.
pub const UNCOUNTED: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Facets,
    Values,
}

#[derive(Debug, Clone)]
pub struct FilterPanel {
    pub column: Column,
    /// The facets offered, and the one chosen among them.
    pub facets: Vec<Facet>,
    pub facet: usize,
    /// Every value of the current facet, and for each how many items the list would show with
    /// it turned on: computed when the facet or the filter changes, not at every frame.
    pub all: Vec<(Value, usize)>,
    /// The values shown: all of them, or those the find text matches.
    pub values: Vec<(Value, usize)>,
    pub value: usize,
    pub offset: usize,
    /// The text typed to find a value, while finding (`/`).
    pub find: Option<String>,
}

impl FilterPanel {
    /// A panel on the first facet, offering those the dataset has use for and any that holds a
    /// value turned on.
    pub fn new(data: &dyn Store, filter: &Filter) -> FilterPanel {
        let on = filter.values();
        let facets = Facet::ALL
            .into_iter()
            .filter(|&f| f.offered(data) || on.iter().any(|v| v.facet() == f))
            .collect();
        FilterPanel {
            column: Column::Facets,
            facets,
            facet: 0,
            all: Vec::new(),
            values: Vec::new(),
            value: 0,
            offset: 0,
            find: None,
        }
    }

    pub fn current_facet(&self) -> Facet {
        self.facets
            .get(self.facet)
            .copied()
            .unwrap_or(Facet::ALL[0])
    }

    pub fn current_value(&self) -> Option<&Value> {
        self.values.get(self.value).map(|(v, _)| v)
    }

    pub fn finding(&self) -> bool {
        self.find.is_some()
    }

    /// Shows the values whose label holds the find text (ignoring case and accents), keeping
    /// the cursor on the value it was on when that value is still shown.
    pub fn narrow(&mut self, data: &dyn Store) {
        let was = self.current_value().cloned();
        let needle = self.find.as_deref().map(fold).unwrap_or_default();
        let needle = needle.trim();
        self.values = self
            .all
            .iter()
            .filter(|(v, _)| needle.is_empty() || fold(&v.label(data)).contains(needle))
            .cloned()
            .collect();
        self.value = was
            .and_then(|w| self.values.iter().position(|(v, _)| *v == w))
            .unwrap_or(0);
    }
}

impl App {
    /// Replaces the filters, remembering the old ones for `u`, and refilters every list.
    pub(super) fn set_filter(&mut self, data: &dyn Store, filter: Filter) {
        if filter == self.filter {
            return;
        }
        let old = std::mem::replace(&mut self.filter, filter);
        self.keep_for_undo(old);
        self.refilter(data);
    }

    /// Keeps the filters as they were before a change, for `u`.
    pub(super) fn keep_for_undo(&mut self, old: Filter) {
        if self.filter_undo.len() == UNDO_DEPTH {
            self.filter_undo.remove(0);
        }
        self.filter_undo.push(old);
    }

    pub(super) fn undo_filter(&mut self, data: &dyn Store) {
        match self.filter_undo.pop() {
            Some(old) => {
                self.filter = old;
                self.refilter(data);
                self.message = Some(if self.filter.is_empty() {
                    "filters as before: none".to_owned()
                } else {
                    "filters as before the last change".to_owned()
                });
            }
            None => self.message = Some("no change to the filters to undo".to_owned()),
        }
    }

    pub(super) fn clear_filters(&mut self, data: &dyn Store) {
        if self.filter.is_empty() {
            self.message = Some("no filters to clear".to_owned());
            return;
        }
        // The scope of a region stays: it is how the reader reads regions, not a filter.
        let cleared = Filter {
            place_scope: self.filter.place_scope,
            ..Filter::default()
        };
        self.set_filter(data, cleared);
        let undo = self.keymap.key_for(Mode::Global, Action::UndoFilter);
        self.message = Some(match undo {
            Some(key) => format!(
                "filters cleared: {} puts them back",
                key.label_in(self.glyphs.ascii)
            ),
            None => "filters cleared".to_owned(),
        });
    }
}
