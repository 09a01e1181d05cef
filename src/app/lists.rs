//! The items of each list in display order, computed once per dataset, with the reverse map from
//! entity to row so that selecting a linked item is a lookup.

use super::nav::{ListKind, Target};
use crate::data::{ActorIx, AnalysisIx, Dataset, PlaceIx, ThemeIx};

#[derive(Debug, Clone, Default)]
pub struct ListRows {
    items: Vec<Target>,
    /// Row of each entity, indexed by its entity index.
    row_of: Vec<u32>,
}

impl ListRows {
    fn new(items: Vec<Target>) -> ListRows {
        let mut row_of = vec![0u32; items.len()];
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

    pub fn get(&self, row: usize) -> Option<Target> {
        self.items.get(row).copied()
    }

    pub fn row_of(&self, target: Target) -> Option<usize> {
        self.row_of.get(target.entity_index()).map(|&r| r as usize)
    }
}

fn by_name(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// Newest analyses first; actors and places by name; themes as a tree (each parent followed by its
/// children); implications grouped by their analysis, newest first.
pub fn build(data: &Dataset, kind: ListKind) -> ListRows {
    let items = match kind {
        ListKind::Analyses => analysis_order(data)
            .into_iter()
            .map(Target::Analysis)
            .collect(),
        ListKind::Actors => {
            let mut order: Vec<u32> = (0..data.actors.len() as u32).collect();
            order.sort_by(|&a, &b| {
                by_name(&data.actors[a as usize].name, &data.actors[b as usize].name)
            });
            order
                .into_iter()
                .map(|i| Target::Actor(ActorIx(i)))
                .collect()
        }
        ListKind::Places => {
            let mut order: Vec<u32> = (0..data.places.len() as u32).collect();
            order.sort_by(|&a, &b| {
                by_name(&data.places[a as usize].name, &data.places[b as usize].name)
            });
            order
                .into_iter()
                .map(|i| Target::Place(PlaceIx(i)))
                .collect()
        }
        ListKind::Themes => theme_tree_order(data),
        ListKind::Implications => analysis_order(data)
            .into_iter()
            .flat_map(|a| data.analysis_implications(a))
            .map(Target::Implication)
            .collect(),
    };
    ListRows::new(items)
}

fn analysis_order(data: &Dataset) -> Vec<AnalysisIx> {
    let mut order: Vec<AnalysisIx> = (0..data.analyses.len() as u32).map(AnalysisIx).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (data.analysis(a), data.analysis(b));
        b.event_date
            .cmp(&a.event_date)
            .then_with(|| a.title.cmp(&b.title))
    });
    order
}

fn theme_tree_order(data: &Dataset) -> Vec<Target> {
    let mut roots: Vec<ThemeIx> = (0..data.themes.len() as u32)
        .map(ThemeIx)
        .filter(|&t| data.theme_parent(t).is_none())
        .collect();
    // Reverse name order on the stack pops them in name order.
    roots.sort_by(|&a, &b| by_name(&data.theme(b).name, &data.theme(a).name));
    let mut order = Vec::with_capacity(data.themes.len());
    let mut stack = roots;
    while let Some(t) = stack.pop() {
        order.push(Target::Theme(t));
        let mut children = data.theme_children(t).to_vec();
        children.sort_by(|&a, &b| by_name(&data.theme(b).name, &data.theme(a).name));
        stack.extend(children);
    }
    order
}
