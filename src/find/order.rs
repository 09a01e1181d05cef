//! The orders of the Implications table: by a column, each its natural way round (newest, A to Z,
//! most likely, most confident, soonest), ties newest first. Keys are numbers, not labels: at
//! 100,000 analyses, building a label for each of 50,000 implications to sort them took a tenth
//! of a second, where ranks take a few milliseconds.

use super::filter::Sort;
use crate::data::{ActorIx, ImplicationIx, ListKind, PlaceIx, Side, Store, Target};

/// Every place's and actor's name, ranked A to Z regardless of case: an end sorts by the ranks of
/// the names it starts with.
struct Ranks {
    places: Vec<u32>,
    actors: Vec<u32>,
}

impl Ranks {
    fn new(data: &dyn Store) -> Ranks {
        let places = data.count(ListKind::Places);
        let actors = data.count(ListKind::Actors);
        let mut names: Vec<(String, usize)> = (0..places)
            .map(|p| {
                (
                    data.name(Target::Place(PlaceIx(p as u32))).to_lowercase(),
                    p,
                )
            })
            .chain((0..actors).map(|a| {
                let name = data.name(Target::Actor(ActorIx(a as u32))).to_lowercase();
                (name, places + a)
            }))
            .collect();
        names.sort_unstable();
        let mut rank = vec![0u32; places + actors];
        for (r, (_, i)) in names.iter().enumerate() {
            rank[*i] = r as u32 + 1;
        }
        let actors = rank.split_off(places);
        Ranks {
            places: rank,
            actors,
        }
    }

    /// The ranks of the first three names an end reads as: its places, then its actors.
    fn end(&self, data: &dyn Store, ix: ImplicationIx, side: Side) -> [u32; 3] {
        let mut key = [0; 3];
        let places = data.implication_places(ix, side);
        let actors = data.implication_actors(ix, side);
        let names = places
            .iter()
            .map(|p| self.places[p.get()])
            .chain(actors.iter().map(|a| self.actors[a.get()]));
        for (slot, rank) in key.iter_mut().zip(names) {
            *slot = rank;
        }
        key
    }
}

/// Implications by a column of their table. Items of other kinds keep their place after them.
pub(super) fn by_column(data: &dyn Store, items: &mut [Target], sort: Sort) {
    let ranks = matches!(sort, Sort::From | Sort::To).then(|| Ranks::new(data));
    items.sort_by_cached_key(|&t| {
        let Target::Implication(i) = t else {
            return (1, [0; 3], u32::MAX, t.entity_index());
        };
        let facts = data.implication_facts(i);
        let key = match (sort, &ranks) {
            (Sort::From, Some(r)) => r.end(data, i, Side::Origin),
            (Sort::To, Some(r)) => r.end(data, i, Side::Affected),
            (Sort::Channel, _) => [channel_rank(facts.channel), 0, 0],
            (Sort::Likelihood, _) => [u32::MAX - facts.likelihood as u32, 0, 0],
            (Sort::Confidence, _) => [u32::MAX - facts.confidence as u32, 0, 0],
            (Sort::Horizon, _) => [facts.horizon as u32, 0, 0],
            _ => [0; 3],
        };
        (0, key, data.newest_first(facts.analysis), t.entity_index())
    });
}

/// Implications newest first: as their analyses read in every list, then in each analysis's own
/// order.
pub(super) fn by_date(data: &dyn Store, items: &mut [Target]) {
    items.sort_by_cached_key(|&t| match t {
        Target::Implication(i) => (
            data.newest_first(data.implication_source(i)),
            t.entity_index(),
        ),
        _ => (u32::MAX, t.entity_index()),
    });
}

/// A channel's place among the channels' names, A to Z.
fn channel_rank(c: crate::data::model::Channel) -> u32 {
    use crate::data::model::Channel;
    let mut names: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.iter().position(|&n| n == c.as_str()).unwrap_or(0) as u32
}
