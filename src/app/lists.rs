//! A list as displayed: its items in order, with the reverse map from entity to row so that
//! selecting a linked item is a lookup.

use crate::data::Target;

#[derive(Debug, Clone, Default)]
pub struct ListRows {
    items: Vec<Target>,
    /// Row of each entity, indexed by its entity index; `u32::MAX` when filtered out.
    row_of: Vec<u32>,
}

impl ListRows {
    pub fn new(items: Vec<Target>) -> ListRows {
        let len = items
            .iter()
            .map(|t| t.entity_index() + 1)
            .max()
            .unwrap_or(0);
        let mut row_of = vec![u32::MAX; len];
        for (row, t) in items.iter().enumerate() {
            row_of[t.entity_index()] = row as u32;
        }
        ListRows { items, row_of }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every item, in order.
    pub fn items(&self) -> &[Target] {
        &self.items
    }

    pub fn get(&self, row: usize) -> Option<Target> {
        self.items.get(row).copied()
    }

    pub fn row_of(&self, target: Target) -> Option<usize> {
        self.row_of
            .get(target.entity_index())
            .filter(|&&r| r != u32::MAX)
            .map(|&r| r as usize)
    }
}
