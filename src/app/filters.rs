//! The filter panel: facets on the left, their values with live counts on the right.

use crate::find::{Facet, Value};

/// The count of a value the panel left uncounted: a facet with thousands of values over a large
/// archive would take seconds to count.
pub const UNCOUNTED: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Facets,
    Values,
}

#[derive(Debug, Clone, Default)]
pub struct FilterPanel {
    pub column: Column,
    pub facet: usize,
    /// The values of the current facet, and for each how many items the list would show with it
    /// turned on: computed when the facet or the filter changes, not at every frame.
    pub values: Vec<(Value, usize)>,
    pub value: usize,
    pub offset: usize,
}

impl FilterPanel {
    pub fn current_facet(&self) -> Facet {
        Facet::ALL[self.facet]
    }

    pub fn current_value(&self) -> Option<&Value> {
        self.values.get(self.value).map(|(v, _)| v)
    }
}
