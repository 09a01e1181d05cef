//! How lists are ordered: by name, date or links, themes as a tree, and the Implications table
//! by a column, each its natural way round (newest, A to Z, most likely, most confident,
//! soonest), ties newest first. The table's keys are numbers, not labels: at 100,000 analyses,
//! building a label for each of 50,000 implications to sort them took a tenth of a second, where
//! ranks take a few milliseconds.

use foldhash::HashSet;

use crate::data::date::PartialDate;
use crate::data::{
    ActorIx, AnalysisIx, ImplicationIx, ListKind, Order, PlaceIx, Side, Store, Target, ThemeIx,
};

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

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Newest first (items without a date of their own: by their newest analysis).
    Date,
    Name,
    /// Most linked analyses first.
    Links,
    /// Themes only: parents followed by their sub-themes, by name.
    Tree,
    /// Implications only, by a column of their table: where they start, their channel, where
    /// they end (each A to Z); most likely, most confident and soonest first.
    From,
    Channel,
    To,
    Likelihood,
    Confidence,
    Horizon,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "newest first",
            Sort::Name => "by name",
            Sort::Links => "most linked",
            Sort::Tree => "as a tree",
            Sort::From => "by origin",
            Sort::Channel => "by channel",
            Sort::To => "by destination",
            Sort::Likelihood => "most likely first",
            Sort::Confidence => "most confident first",
            Sort::Horizon => "soonest first",
        }
    }

    /// The label of the order turned round (`S`).
    pub fn reversed_label(self) -> &'static str {
        match self {
            Sort::Date => "oldest first",
            Sort::Name => "by name, Z to A",
            Sort::Links => "least linked",
            Sort::Tree => "as a tree, reversed",
            Sort::From => "by origin, Z to A",
            Sort::Channel => "by channel, Z to A",
            Sort::To => "by destination, Z to A",
            Sort::Likelihood => "least likely first",
            Sort::Confidence => "least confident first",
            Sort::Horizon => "furthest first",
        }
    }

    pub fn label_in(self, reverse: bool) -> &'static str {
        if reverse {
            self.reversed_label()
        } else {
            self.label()
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Name => "name",
            Sort::Links => "links",
            Sort::Tree => "tree",
            Sort::From => "from",
            Sort::Channel => "channel",
            Sort::To => "to",
            Sort::Likelihood => "likelihood",
            Sort::Confidence => "confidence",
            Sort::Horizon => "horizon",
        }
    }

    /// The orders a list offers, its default first.
    pub fn choices(kind: ListKind) -> &'static [Sort] {
        match kind {
            ListKind::Analyses => &[Sort::Date, Sort::Name, Sort::Links],
            // The columns of the table, left to right after the date.
            ListKind::Implications => &[
                Sort::Date,
                Sort::From,
                Sort::Channel,
                Sort::To,
                Sort::Likelihood,
                Sort::Confidence,
                Sort::Horizon,
            ],
            ListKind::Actors | ListKind::Places => &[Sort::Name, Sort::Links, Sort::Date],
            ListKind::Themes => &[Sort::Tree, Sort::Name, Sort::Links],
        }
    }
}

fn name_key(data: &dyn Store, t: Target) -> String {
    crate::pages::label(data, t, &crate::pages::UNICODE).to_lowercase()
}

/// The date an item sorts by: its own for analyses and implications, else its newest analysis.
fn date_key(data: &dyn Store, t: Target) -> Option<PartialDate> {
    let newest = |it: &mut dyn Iterator<Item = AnalysisIx>| it.map(|a| data.event_date(a)).max();
    match t {
        Target::Analysis(a) => Some(data.event_date(a)),
        Target::Implication(i) => Some(data.event_date(data.implication_source(i))),
        Target::Actor(a) => newest(&mut data.actor_analyses(a).iter().map(|x| x.analysis)),
        Target::Theme(th) => newest(&mut data.theme_analyses(th).iter().map(|x| x.analysis)),
        Target::Place(p) => newest(&mut data.place_analyses(p).iter().copied()),
    }
}

/// How many analyses an item links to: for an analysis, the others sharing one of its actors.
fn links_key(data: &dyn Store, t: Target) -> usize {
    match t {
        Target::Analysis(a) => data.analysis_actors(a).len() + data.analysis_implications(a).len(),
        Target::Implication(i) => {
            let imp = data.implication(i);
            imp.from.places.len()
                + imp.from.actors.len()
                + imp.to.places.len()
                + imp.to.actors.len()
        }
        Target::Actor(a) => data.actor_analyses(a).len(),
        Target::Theme(th) => data.theme_analyses(th).len(),
        Target::Place(p) => data.place_analyses(p).len(),
    }
}

/// Items in [`Sort::Name`] order put in [`Sort::Links`] order: most links first. The sort is
/// stable, so items with as many links stay in name order, and an order by names already made
/// serves both.
pub fn by_links(data: &dyn Store, by_name: &mut [Target]) {
    // Stable too, and each key is worked out once rather than at every comparison.
    by_name.sort_by_cached_key(|&t| std::cmp::Reverse(links_key(data, t)));
}

pub(super) fn sort_items(data: &dyn Store, kind: ListKind, items: &mut Vec<Target>, sort: Sort) {
    let ready = match sort {
        // The table's date order keeps each analysis's implications in their own order.
        Sort::Date if kind == ListKind::Implications => None,
        Sort::Date => Some(Order::Date),
        Sort::Name => Some(Order::Name),
        Sort::Links => Some(Order::Links),
        _ => None,
    };
    // A store that keeps the whole list's order ready sorts without reading the entities: a
    // total order of the whole list is the order of any part of it.
    if let Some(rank) = ready.and_then(|o| data.order(kind, o)) {
        items.sort_unstable_by_key(|t| rank.get(t.entity_index()).copied().unwrap_or(u32::MAX));
        return;
    }
    match sort {
        Sort::Name => items.sort_by_cached_key(|&t| name_key(data, t)),
        // The dataset keeps the analyses in this order already.
        Sort::Date if kind == ListKind::Analyses => items.sort_unstable_by_key(|&t| match t {
            Target::Analysis(a) => data.newest_first(a),
            _ => u32::MAX,
        }),
        Sort::Date if kind == ListKind::Implications => by_date(data, items),
        Sort::Date => {
            let mut keyed: Vec<_> = items
                .iter()
                .map(|&t| (std::cmp::Reverse(date_key(data, t)), t))
                .collect();
            keyed.sort_unstable_by_key(|&(date, _)| date);
            // Items that share a date go by name: names are built for those only (a large list
            // of distinct dates needs none).
            for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
                if run.len() > 1 {
                    run.sort_by_cached_key(|&(_, t)| (name_key(data, t), t.entity_index()));
                }
            }
            *items = keyed.into_iter().map(|(_, t)| t).collect();
        }
        Sort::Links => {
            sort_items(data, kind, items, Sort::Name);
            by_links(data, items);
        }
        Sort::Tree if kind == ListKind::Themes => {
            let keep: HashSet<Target> = items.iter().copied().collect();
            *items = theme_tree(data)
                .into_iter()
                .filter(|t| keep.contains(t))
                .collect();
        }
        Sort::Tree => sort_items(data, kind, items, Sort::Name),
        Sort::From
        | Sort::Channel
        | Sort::To
        | Sort::Likelihood
        | Sort::Confidence
        | Sort::Horizon => by_column(data, items, sort),
    }
}

/// Every theme: each root by name, followed by its sub-themes by name.
pub(crate) fn theme_tree(data: &dyn Store) -> Vec<Target> {
    let name = |t: ThemeIx| data.name(Target::Theme(t)).to_lowercase();
    let by_name = |a: &ThemeIx, b: &ThemeIx| name(*b).cmp(&name(*a));
    let mut stack: Vec<ThemeIx> = (0..data.count(ListKind::Themes) as u32)
        .map(ThemeIx)
        .filter(|&t| data.theme_parent(t).is_none())
        .collect();
    // Reverse name order on the stack pops them in name order.
    stack.sort_by(by_name);
    let mut order = Vec::with_capacity(data.count(ListKind::Themes));
    while let Some(t) = stack.pop() {
        order.push(Target::Theme(t));
        let mut children = data.theme_children(t).to_vec();
        children.sort_by(by_name);
        stack.extend(children);
    }
    order
}
