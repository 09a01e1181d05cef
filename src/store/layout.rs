//! What each section of an index file holds, by number. Numbers in fixed-width sections are
//! little-endian `u32`s (`u64` for offsets into other sections); `NONE` stands for "no entity".

use crate::data::{ListKind, Order, Side};

pub const NONE: u32 = u32::MAX;

/// JSON: the format, the data directory and its files as they were read, the counts.
pub const META: usize = 0;

/// Six sections per kind of entity, for the kinds in `ListKind::ALL` order.
const PER_KIND: usize = 6;
const KINDS: usize = 1;

/// Where each entity lies in the data files, as four `u64`s: the file (its place in the meta's
/// files), the offset and length of its bytes there, and their xxh3. The index keeps no copy of
/// the entities: a page reads them from the data, checked against the hash. Empty for
/// implications, which are read from their analysis.
pub fn spans(kind: ListKind) -> usize {
    KINDS + kind.index() * PER_KIND
}
pub const SPAN_RECORD: usize = 32;
/// Offsets into [`ids`]: each entity's id (an implication's own, without its analysis's).
pub fn ids_at(kind: ListKind) -> usize {
    spans(kind) + 1
}
pub fn ids(kind: ListKind) -> usize {
    spans(kind) + 2
}
/// The entities, in the order of their ids (`u32` indexes), for lookups by id.
pub fn by_id(kind: ListKind) -> usize {
    spans(kind) + 3
}
/// Offsets into [`names`]: each entity's title or name (an implication has none).
pub fn names_at(kind: ListKind) -> usize {
    spans(kind) + 4
}
pub fn names(kind: ListKind) -> usize {
    spans(kind) + 5
}

const ORDERS: usize = KINDS + 5 * PER_KIND;

/// Each entity's rank (`u32`) in a list sorted so, unfiltered.
pub fn order(kind: ListKind, order: Order) -> usize {
    let o = Order::ALL.iter().position(|&x| x == order).unwrap_or(0);
    ORDERS + kind.index() * Order::ALL.len() + o
}

const COLUMNS: usize = ORDERS + 5 * 3;
/// Per analysis: the event date, `year << 16 | month << 8 | day` (day 0: the month only).
pub const EVENT_DATE: usize = COLUMNS;
/// Per analysis: its place newest first.
pub const RANK: usize = COLUMNS + 1;
/// Per analysis: its perspective, an index into [`PERSPECTIVES`].
pub const PERSPECTIVE: usize = COLUMNS + 2;
/// Offsets into [`PERSPECTIVES`]: every perspective, sorted.
pub const PERSPECTIVES_AT: usize = COLUMNS + 3;
pub const PERSPECTIVES: usize = COLUMNS + 4;
/// Every year with an event, newest first.
pub const YEARS: usize = COLUMNS + 5;
/// Per analysis, where its implications start; one more than analyses.
pub const IMPLICATION_START: usize = COLUMNS + 6;
/// Per implication, [`FACT_RECORD`] bytes: its analysis, then channel, horizon, likelihood and
/// confidence as their places in the vocabularies' `ALL`, one byte each, then its outcome's place
/// plus one (0: none recorded), and padding.
pub const FACTS: usize = COLUMNS + 7;
pub const FACT_RECORD: usize = 12;
/// Per actor: its kind's place in `ActorKind::ALL`.
pub const ACTOR_KIND: usize = COLUMNS + 8;
/// Per actor: its country, or `NONE`.
pub const ACTOR_COUNTRY: usize = COLUMNS + 9;
/// Per place: its kind's place in `PlaceKind::ALL`.
pub const PLACE_KIND: usize = COLUMNS + 10;
/// Per theme: its parent, or `NONE`.
pub const THEME_PARENT: usize = COLUMNS + 11;
/// Per place: its home world region, or `NONE`.
pub const PLACE_REGION: usize = COLUMNS + 12;
/// Per place: 1 for a world region, else 0.
pub const WORLD_REGION: usize = COLUMNS + 13;
/// Per place: its centroid, latitude then longitude, as the bits of two `f64`s (`u64`s).
pub const PLACE_CENTROID: usize = COLUMNS + 14;

const LISTS: usize = COLUMNS + 15;

/// Lists of entities per entity, each as offsets (`u64`, in records) and records of `width`
/// `u32`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    AnalysisPlaces,
    AnalysisThemes,
    AnalysisActors,
    ImplicationPlacesFrom,
    ImplicationPlacesTo,
    ImplicationActorsFrom,
    ImplicationActorsTo,
    PlaceMembers,
    OtherReadings,
    /// analysis, role
    ActorAnalyses,
    /// implication, side (0 origin, 1 affected)
    ActorImplications,
    /// actor, analyses shared
    ActorPeers,
    ThemeChildren,
    /// analysis, via
    ThemeAnalyses,
    /// theme, analyses shared
    ThemeRelated,
    /// implication, side, via (or `NONE`)
    PlaceImplications,
    PlaceAnalyses,
    PlaceActors,
    PlaceGroups,
    /// What the place covers on the ground: itself, or its member countries.
    PlaceGround,
    /// What each end of an implication covers on the ground.
    ImplicationGroundFrom,
    ImplicationGroundTo,
    /// Per list and facet (`facet_slot`): the count beside each value on the unfiltered list,
    /// for the facets `find::counts` counts; empty for the others.
    FacetCounts,
}

/// The list of an implication's end on side `s`, for the lists kept once per side.
pub fn by_side(s: Side, from: List, to: List) -> List {
    match s {
        Side::Origin => from,
        Side::Affected => to,
    }
}

/// Where one list's counts for one facet are among [`List::FacetCounts`]'s.
pub fn facet_slot(kind: ListKind, facet: usize) -> usize {
    kind.index() * crate::find::Facet::ALL.len() + facet
}

impl List {
    pub const ALL: [List; 23] = [
        List::AnalysisPlaces,
        List::AnalysisThemes,
        List::AnalysisActors,
        List::ImplicationPlacesFrom,
        List::ImplicationPlacesTo,
        List::ImplicationActorsFrom,
        List::ImplicationActorsTo,
        List::PlaceMembers,
        List::OtherReadings,
        List::ActorAnalyses,
        List::ActorImplications,
        List::ActorPeers,
        List::ThemeChildren,
        List::ThemeAnalyses,
        List::ThemeRelated,
        List::PlaceImplications,
        List::PlaceAnalyses,
        List::PlaceActors,
        List::PlaceGroups,
        List::PlaceGround,
        List::ImplicationGroundFrom,
        List::ImplicationGroundTo,
        List::FacetCounts,
    ];

    /// `u32`s per record.
    pub fn width(self) -> usize {
        match self {
            List::ActorAnalyses
            | List::ActorImplications
            | List::ActorPeers
            | List::ThemeAnalyses
            | List::ThemeRelated => 2,
            List::PlaceImplications => 3,
            _ => 1,
        }
    }

    pub fn at(self) -> usize {
        LISTS + 2 * self as usize
    }

    pub fn records(self) -> usize {
        self.at() + 1
    }
}

/// The search index's sections (`find::index::sec`) follow.
pub const SEARCH: usize = LISTS + 2 * List::ALL.len();
pub const COUNT: usize = SEARCH + crate::find::index::sec::COUNT;
