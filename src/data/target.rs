//! References to entities: what a link points at, and the lists entities are items of. Indexes,
//! not row numbers or ids, so a reference stays right whatever order a list is in.

use super::{ActorIx, AnalysisIx, ImplicationIx, PlaceIx, ThemeIx};

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

    /// The `i`-th entity of a kind.
    pub fn at(kind: ListKind, i: u32) -> Target {
        match kind {
            ListKind::Analyses => Target::Analysis(AnalysisIx(i)),
            ListKind::Actors => Target::Actor(ActorIx(i)),
            ListKind::Themes => Target::Theme(ThemeIx(i)),
            ListKind::Implications => Target::Implication(ImplicationIx(i)),
            ListKind::Places => Target::Place(PlaceIx(i)),
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

    /// The order of documents in the search index, fixed so an index stays valid.
    pub const SEARCH_ORDER: [ListKind; 5] = [
        ListKind::Analyses,
        ListKind::Actors,
        ListKind::Themes,
        ListKind::Places,
        ListKind::Implications,
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
