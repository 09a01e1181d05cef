//! The one seam between the data and everything that reads it: the explorer, the command line,
//! search and the views reach a dataset only through [`Store`].
//!
//! Two kinds of store stand behind it: [`Dataset`], the whole dataset parsed into memory, and
//! stores that read an index on disk in place, which decode an entity only when it is asked for.
//! So whole entities come back as [`Cow`]: borrowed from memory, or decoded on demand. Hot paths
//! (filters, sort orders, list rows, the matrix's counts) use the light accessors instead, which
//! an on-disk store answers from compact columns without decoding whole analyses; the defaults
//! here derive them from the entities, which is what an in-memory store wants anyway.

use std::borrow::Cow;
use std::ops::Range;

use super::date::PartialDate;
use super::index::{
    ActorIx, AnalysisIx, Appearance, Dataset, ImplicationIx, PlaceIx, PlaceLink, Side, ThemeIx,
    ThemeLink,
};
use super::model::{
    Actor, ActorKind, Analysis, Channel, Confidence, Horizon, Implication, LatLon, Likelihood,
    OutcomeStatus, Place, PlaceKind, Theme,
};
use super::target::{ListKind, Target};

/// An implication's facts that filters, sorts, the matrix and the outlook read, without its prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImplicationFacts {
    pub analysis: AnalysisIx,
    pub channel: Channel,
    pub horizon: Horizon,
    pub likelihood: Likelihood,
    pub confidence: Confidence,
    /// How it turned out, when that is recorded.
    pub outcome: Option<OutcomeStatus>,
}

impl ImplicationFacts {
    /// The facts of `imp`, an implication of `analysis`.
    pub fn of(analysis: AnalysisIx, imp: &Implication) -> ImplicationFacts {
        ImplicationFacts {
            analysis,
            channel: imp.channel,
            horizon: imp.horizon,
            likelihood: imp.likelihood,
            confidence: imp.confidence,
            outcome: imp.outcome.as_ref().map(|o| o.status),
        }
    }
}

/// The orders a store may keep ready ([`Store::order`]): those of `find::Sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order {
    Date,
    Name,
    Links,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Date, Order::Name, Order::Links];
}

/// A dataset, wherever it lives. Object safe: readers hold a `&dyn Store`.
///
/// Indexes (`AnalysisIx` ...) run from 0 to [`Store::count`] of their kind; an implication's
/// index counts the implications of every analysis in analysis order, so the implications of one
/// analysis are a contiguous range.
pub trait Store: Send + Sync {
    /// How many entities of a kind there are.
    fn count(&self, kind: ListKind) -> usize;

    // Whole entities.
    fn analysis(&self, ix: AnalysisIx) -> Cow<'_, Analysis>;
    fn actor(&self, ix: ActorIx) -> Cow<'_, Actor>;
    fn theme(&self, ix: ThemeIx) -> Cow<'_, Theme>;
    fn place(&self, ix: PlaceIx) -> Cow<'_, Place>;
    fn implication(&self, ix: ImplicationIx) -> Cow<'_, Implication>;

    // Ids, both ways.
    fn analysis_ix(&self, id: &str) -> Option<AnalysisIx>;
    fn actor_ix(&self, id: &str) -> Option<ActorIx>;
    fn theme_ix(&self, id: &str) -> Option<ThemeIx>;
    fn place_ix(&self, id: &str) -> Option<PlaceIx>;
    /// `<analysis id>/<implication id>`.
    fn implication_ix(&self, id: &str) -> Option<ImplicationIx>;
    fn implication_id(&self, ix: ImplicationIx) -> String;

    // Links, built once by the store.
    /// The implications of one analysis, in the order it lists them.
    fn analysis_implications(&self, ix: AnalysisIx) -> Range<u32>;
    /// The analysis an implication belongs to.
    fn implication_source(&self, ix: ImplicationIx) -> AnalysisIx;
    /// An analysis's place in the order every list of analyses reads in: newest event first,
    /// then by title regardless of case, then in dataset order.
    fn newest_first(&self, ix: AnalysisIx) -> u32;
    /// Other analyses of the same event, read from other perspectives.
    fn other_readings(&self, ix: AnalysisIx) -> Cow<'_, [AnalysisIx]>;
    /// The analyses an actor appears in, each with its role there, newest first.
    fn actor_analyses(&self, ix: ActorIx) -> Cow<'_, [Appearance]>;
    /// The implications an actor drives (origin) or suffers (affected), newest first.
    fn actor_implications(&self, ix: ActorIx) -> Cow<'_, [(ImplicationIx, Side)]>;
    /// Actors that share analyses with this one, with the count shared, most first.
    fn actor_peers(&self, ix: ActorIx) -> Cow<'_, [(ActorIx, u32)]>;
    fn theme_parent(&self, ix: ThemeIx) -> Option<ThemeIx>;
    fn theme_children(&self, ix: ThemeIx) -> Cow<'_, [ThemeIx]>;
    /// Analyses tagged with the theme or any of its descendants, newest first.
    fn theme_analyses(&self, ix: ThemeIx) -> Cow<'_, [ThemeLink]>;
    /// Themes that share analyses with this one (parent and children aside), most shared first.
    fn theme_related(&self, ix: ThemeIx) -> Cow<'_, [(ThemeIx, u32)]>;
    /// Implications that start at or reach a place, directly or through a region it belongs to.
    fn place_implications(&self, ix: PlaceIx) -> Cow<'_, [PlaceLink]>;
    /// Analyses that name the place among the places they concern, newest first.
    fn place_analyses(&self, ix: PlaceIx) -> Cow<'_, [AnalysisIx]>;
    /// Actors whose country is this place.
    fn place_actors(&self, ix: PlaceIx) -> Cow<'_, [ActorIx]>;
    /// Regions and blocs this place is a member of.
    fn place_groups(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]>;
    /// Regions and waterways this place is partly in, or on the shore of.
    fn place_partly_in(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let id = &self.place(ix).id;
        Cow::Owned(
            (0..self.count(ListKind::Places) as u32)
                .map(PlaceIx)
                .filter(|&p| self.place(p).touching.contains(id))
                .collect(),
        )
    }

    // Light accessors. The defaults decode the entity; an on-disk store overrides them.
    fn place_members(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let place = self.place(ix);
        Cow::Owned(
            place
                .members
                .iter()
                .filter_map(|m| self.place_ix(m))
                .collect(),
        )
    }
    /// The places a region or waterway touches without being wholly in it.
    fn place_touching(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let place = self.place(ix);
        Cow::Owned(
            place
                .touching
                .iter()
                .filter_map(|m| self.place_ix(m))
                .collect(),
        )
    }
    fn place_kind(&self, ix: PlaceIx) -> PlaceKind {
        self.place(ix).kind
    }
    /// Where the map puts the place.
    fn place_centroid(&self, ix: PlaceIx) -> LatLon {
        self.place(ix).centroid
    }
    /// Whether the place is one of the world regions that share the countries out.
    fn is_world_region(&self, ix: PlaceIx) -> bool {
        self.place(ix).world_region
    }
    /// The world region a country is at home in, if any (validation allows at most one).
    fn place_region(&self, ix: PlaceIx) -> Option<PlaceIx> {
        self.place_groups(ix)
            .iter()
            .copied()
            .find(|&g| self.is_world_region(g))
    }
    /// What a place covers on the ground, sorted: a country, or a place without members, itself;
    /// a region or bloc its member countries (members of members too).
    fn place_ground(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let mut out = Vec::new();
        let mut seen = vec![ix];
        let mut stack = vec![ix];
        while let Some(p) = stack.pop() {
            let members = self.place_members(p);
            if members.is_empty() || self.place_kind(p) == PlaceKind::Country {
                out.push(p);
                continue;
            }
            for &m in members.iter() {
                if !seen.contains(&m) {
                    seen.push(m);
                    stack.push(m);
                }
            }
        }
        out.sort_unstable();
        Cow::Owned(out)
    }
    /// What one end of an implication covers on the ground, sorted, each place once: its places'
    /// ground or, when it names actors only, their countries. The direction filters and the
    /// views compare ends by this.
    fn implication_ground(&self, ix: ImplicationIx, side: Side) -> Cow<'_, [PlaceIx]> {
        let places = self.implication_places(ix, side);
        let mut out: Vec<PlaceIx> = if places.is_empty() {
            self.implication_actors(ix, side)
                .iter()
                .filter_map(|&a| self.actor_country(a))
                .collect()
        } else {
            places
                .iter()
                .flat_map(|&p| self.place_ground(p).into_owned())
                .collect()
        };
        out.sort_unstable();
        out.dedup();
        Cow::Owned(out)
    }
    fn actor_kind(&self, ix: ActorIx) -> ActorKind {
        self.actor(ix).kind
    }
    /// The country an actor belongs to, if any.
    fn actor_country(&self, ix: ActorIx) -> Option<PlaceIx> {
        self.actor(ix)
            .country
            .as_deref()
            .and_then(|c| self.place_ix(c))
    }
    fn event_date(&self, ix: AnalysisIx) -> PartialDate {
        self.analysis(ix).event_date
    }
    /// Whether an analysis is a draft: imported from text and not yet reviewed.
    fn is_draft(&self, ix: AnalysisIx) -> bool {
        self.analysis(ix).is_draft()
    }
    fn perspective(&self, ix: AnalysisIx) -> Cow<'_, str> {
        match self.analysis(ix) {
            Cow::Borrowed(a) => Cow::Borrowed(a.perspective.as_str()),
            Cow::Owned(a) => Cow::Owned(a.perspective),
        }
    }
    /// The places an analysis concerns, resolved.
    fn analysis_places(&self, ix: AnalysisIx) -> Cow<'_, [PlaceIx]> {
        let a = self.analysis(ix);
        Cow::Owned(a.places.iter().filter_map(|p| self.place_ix(p)).collect())
    }
    fn analysis_themes(&self, ix: AnalysisIx) -> Cow<'_, [ThemeIx]> {
        let a = self.analysis(ix);
        Cow::Owned(a.themes.iter().filter_map(|t| self.theme_ix(t)).collect())
    }
    /// The key actors of an analysis, in its order.
    fn analysis_actors(&self, ix: AnalysisIx) -> Cow<'_, [ActorIx]> {
        let a = self.analysis(ix);
        Cow::Owned(
            a.actors
                .iter()
                .filter_map(|r| self.actor_ix(&r.actor))
                .collect(),
        )
    }
    /// Every perspective analyses are read from, sorted.
    fn perspectives(&self) -> Vec<String> {
        let n = self.count(ListKind::Analyses) as u32;
        // Borrowed where the store lends them: one string made per perspective, not per analysis.
        let set: std::collections::BTreeSet<Cow<'_, str>> =
            (0..n).map(|i| self.perspective(AnalysisIx(i))).collect();
        set.into_iter().map(Cow::into_owned).collect()
    }
    /// Every year with an event, newest first (an undated draft has none).
    fn years(&self) -> Vec<u16> {
        let n = self.count(ListKind::Analyses) as u32;
        let set: std::collections::BTreeSet<u16> = (0..n)
            .map(|i| self.event_date(AnalysisIx(i)))
            .filter(|d| d.is_known())
            .map(|d| d.year)
            .collect();
        set.into_iter().rev().collect()
    }
    fn implication_facts(&self, ix: ImplicationIx) -> ImplicationFacts {
        ImplicationFacts::of(self.implication_source(ix), &self.implication(ix))
    }
    /// The places at one end of an implication, resolved.
    fn implication_places(&self, ix: ImplicationIx, side: Side) -> Cow<'_, [PlaceIx]> {
        let imp = self.implication(ix);
        let ends = match side {
            Side::Origin => &imp.from,
            Side::Affected => &imp.to,
        };
        Cow::Owned(
            ends.places
                .iter()
                .filter_map(|p| self.place_ix(p))
                .collect(),
        )
    }
    /// The actors at one end of an implication, resolved.
    fn implication_actors(&self, ix: ImplicationIx, side: Side) -> Cow<'_, [ActorIx]> {
        let imp = self.implication(ix);
        let ends = match side {
            Side::Origin => &imp.from,
            Side::Affected => &imp.to,
        };
        Cow::Owned(
            ends.actors
                .iter()
                .filter_map(|a| self.actor_ix(a))
                .collect(),
        )
    }
    /// What a list row or a breadcrumb calls an entity: a title or a name (an implication has
    /// none of its own; callers describe it by its route).
    fn name(&self, target: Target) -> Cow<'_, str> {
        fn field<'a, T: Clone>(c: Cow<'a, T>, f: fn(&T) -> &String) -> Cow<'a, str> {
            match c {
                Cow::Borrowed(x) => Cow::Borrowed(f(x).as_str()),
                Cow::Owned(x) => Cow::Owned(f(&x).clone()),
            }
        }
        match target {
            Target::Analysis(ix) => field(self.analysis(ix), |a| &a.title),
            Target::Actor(ix) => field(self.actor(ix), |a| &a.name),
            Target::Theme(ix) => field(self.theme(ix), |t| &t.name),
            Target::Place(ix) => field(self.place(ix), |p| &p.name),
            Target::Implication(ix) => Cow::Owned(self.implication_id(ix)),
        }
    }
    /// A search index this store carries ready-made (an on-disk store maps one), for `find` to
    /// downcast: its type lives above this layer.
    fn search_index(&self) -> Option<&(dyn std::any::Any + Send + Sync)> {
        None
    }
    /// A note for the reader about the store itself (its index was found damaged and rebuilt),
    /// taken once.
    fn notice(&self) -> Option<String> {
        None
    }
    /// The rank of each entity of a kind in one of the orders lists sort by, when the store
    /// keeps them ready (an on-disk store does, so that sorting decodes nothing); `None`: sort
    /// by the entities.
    fn order(&self, kind: ListKind, order: Order) -> Option<Cow<'_, [u32]>> {
        let _ = (kind, order);
        None
    }
    /// The counts the filter panel shows beside the values of one facet on an unfiltered list
    /// (`facet` is the facet's place in `find::Facet::ALL`), when the store keeps them ready: an
    /// index does. `None`: count them.
    fn facet_counts(&self, kind: ListKind, facet: usize) -> Option<Cow<'_, [u32]>> {
        let _ = (kind, facet);
        None
    }
    /// The id of an entity as the dataset writes it.
    fn id(&self, target: Target) -> String {
        match target {
            Target::Analysis(ix) => self.analysis(ix).id.clone(),
            Target::Actor(ix) => self.actor(ix).id.clone(),
            Target::Theme(ix) => self.theme(ix).id.clone(),
            Target::Implication(ix) => self.implication_id(ix),
            Target::Place(ix) => self.place(ix).id.clone(),
        }
    }
}

/// One entity of any kind, as a store hands it out: for code that treats every kind alike (the
/// search index reads the text of each).
// Short-lived, on the stack: the size of an owned analysis costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Entity<'a> {
    Analysis(Cow<'a, Analysis>),
    Actor(Cow<'a, Actor>),
    Theme(Cow<'a, Theme>),
    Place(Cow<'a, Place>),
    Implication(Cow<'a, Implication>),
}

impl<'a> Entity<'a> {
    pub fn of(store: &'a dyn Store, target: Target) -> Entity<'a> {
        match target {
            Target::Analysis(ix) => Entity::Analysis(store.analysis(ix)),
            Target::Actor(ix) => Entity::Actor(store.actor(ix)),
            Target::Theme(ix) => Entity::Theme(store.theme(ix)),
            Target::Place(ix) => Entity::Place(store.place(ix)),
            Target::Implication(ix) => Entity::Implication(store.implication(ix)),
        }
    }
}

/// Every entity of a kind, in index order.
pub fn every(store: &dyn Store, kind: ListKind) -> impl Iterator<Item = Target> + use<> {
    let n = store.count(kind) as u32;
    (0..n).map(move |i| Target::at(kind, i))
}

impl Store for Dataset {
    fn count(&self, kind: ListKind) -> usize {
        match kind {
            ListKind::Analyses => self.analyses.len(),
            ListKind::Actors => self.actors.len(),
            ListKind::Themes => self.themes.len(),
            ListKind::Implications => self.implications.len(),
            ListKind::Places => self.places.len(),
        }
    }
    fn analysis(&self, ix: AnalysisIx) -> Cow<'_, Analysis> {
        Cow::Borrowed(Dataset::analysis(self, ix))
    }
    fn actor(&self, ix: ActorIx) -> Cow<'_, Actor> {
        Cow::Borrowed(Dataset::actor(self, ix))
    }
    fn theme(&self, ix: ThemeIx) -> Cow<'_, Theme> {
        Cow::Borrowed(Dataset::theme(self, ix))
    }
    fn place(&self, ix: PlaceIx) -> Cow<'_, Place> {
        Cow::Borrowed(Dataset::place(self, ix))
    }
    fn implication(&self, ix: ImplicationIx) -> Cow<'_, Implication> {
        Cow::Borrowed(Dataset::implication(self, ix))
    }
    fn analysis_ix(&self, id: &str) -> Option<AnalysisIx> {
        Dataset::analysis_ix(self, id)
    }
    fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        Dataset::actor_ix(self, id)
    }
    fn theme_ix(&self, id: &str) -> Option<ThemeIx> {
        Dataset::theme_ix(self, id)
    }
    fn place_ix(&self, id: &str) -> Option<PlaceIx> {
        Dataset::place_ix(self, id)
    }
    fn implication_ix(&self, id: &str) -> Option<ImplicationIx> {
        Dataset::implication_ix(self, id)
    }
    fn implication_id(&self, ix: ImplicationIx) -> String {
        Dataset::implication_id(self, ix)
    }
    fn analysis_implications(&self, ix: AnalysisIx) -> Range<u32> {
        Dataset::analysis_implications(self, ix)
    }
    fn implication_source(&self, ix: ImplicationIx) -> AnalysisIx {
        Dataset::implication_source(self, ix)
    }
    fn newest_first(&self, ix: AnalysisIx) -> u32 {
        Dataset::newest_first(self, ix)
    }
    fn other_readings(&self, ix: AnalysisIx) -> Cow<'_, [AnalysisIx]> {
        Cow::Borrowed(Dataset::other_readings(self, ix))
    }
    fn analysis_actors(&self, ix: AnalysisIx) -> Cow<'_, [ActorIx]> {
        Cow::Borrowed(Dataset::analysis_actors(self, ix))
    }
    fn actor_analyses(&self, ix: ActorIx) -> Cow<'_, [Appearance]> {
        Cow::Borrowed(Dataset::actor_analyses(self, ix))
    }
    fn actor_implications(&self, ix: ActorIx) -> Cow<'_, [(ImplicationIx, Side)]> {
        Cow::Borrowed(Dataset::actor_implications(self, ix))
    }
    fn actor_peers(&self, ix: ActorIx) -> Cow<'_, [(ActorIx, u32)]> {
        Cow::Borrowed(Dataset::actor_peers(self, ix))
    }
    fn theme_parent(&self, ix: ThemeIx) -> Option<ThemeIx> {
        Dataset::theme_parent(self, ix)
    }
    fn theme_children(&self, ix: ThemeIx) -> Cow<'_, [ThemeIx]> {
        Cow::Borrowed(Dataset::theme_children(self, ix))
    }
    fn theme_analyses(&self, ix: ThemeIx) -> Cow<'_, [ThemeLink]> {
        Cow::Borrowed(Dataset::theme_analyses(self, ix))
    }
    fn theme_related(&self, ix: ThemeIx) -> Cow<'_, [(ThemeIx, u32)]> {
        Cow::Borrowed(Dataset::theme_related(self, ix))
    }
    fn place_implications(&self, ix: PlaceIx) -> Cow<'_, [PlaceLink]> {
        Cow::Borrowed(Dataset::place_implications(self, ix))
    }
    fn place_analyses(&self, ix: PlaceIx) -> Cow<'_, [AnalysisIx]> {
        Cow::Borrowed(Dataset::place_analyses(self, ix))
    }
    fn place_actors(&self, ix: PlaceIx) -> Cow<'_, [ActorIx]> {
        Cow::Borrowed(Dataset::place_actors(self, ix))
    }
    fn place_groups(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        Cow::Borrowed(Dataset::place_groups(self, ix))
    }
    fn place_partly_in(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        Cow::Borrowed(Dataset::place_partly_in(self, ix))
    }
    fn event_date(&self, ix: AnalysisIx) -> PartialDate {
        match self.ground.dates.get(ix.get()) {
            Some(&date) => date,
            None => Dataset::analysis(self, ix).event_date,
        }
    }
    fn implication_facts(&self, ix: ImplicationIx) -> ImplicationFacts {
        self.ground.facts[ix.get()]
    }
    fn place_region(&self, ix: PlaceIx) -> Option<PlaceIx> {
        self.ground.home.get(ix.get()).copied().flatten()
    }
    fn place_ground(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        Cow::Borrowed(self.ground.place.get(ix.get()))
    }
    fn analysis_places(&self, ix: AnalysisIx) -> Cow<'_, [PlaceIx]> {
        Cow::Borrowed(self.ground.analysis_places(ix))
    }
    fn analysis_themes(&self, ix: AnalysisIx) -> Cow<'_, [ThemeIx]> {
        Cow::Borrowed(self.ground.analysis_themes(ix))
    }
    fn implication_places(&self, ix: ImplicationIx, side: Side) -> Cow<'_, [PlaceIx]> {
        Cow::Borrowed(self.ground.end_places.get(super::ground::end(ix, side)))
    }
    fn implication_ground(&self, ix: ImplicationIx, side: Side) -> Cow<'_, [PlaceIx]> {
        Cow::Borrowed(self.ground.end_ground.get(super::ground::end(ix, side)))
    }
    fn implication_actors(&self, ix: ImplicationIx, side: Side) -> Cow<'_, [ActorIx]> {
        Cow::Borrowed(self.ground.end_actors.get(super::ground::end(ix, side)))
    }
}
