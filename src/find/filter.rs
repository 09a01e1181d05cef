//! Facets: filters that combine (any value within a facet, every facet at once) and apply to
//! every list, then ordered (`find::order`). The explorer and `geolens list` both go through
//! [`list`], so what one shows the other prints.

use foldhash::{HashSet, HashSetExt};

use super::geo::Geo;
use super::order::{Sort, sort_items};
use crate::data::date::PartialDate;
use crate::data::model::{ActorKind, Channel, Horizon, Likelihood, OutcomeStatus};
use crate::data::{
    ActorIx, AnalysisIx, ImplicationIx, ListKind, PlaceIx, Side, Store, Target, ThemeIx, every,
};

/// How much of the world a region or bloc in the place facet stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PlaceScope {
    /// The region itself: what names it.
    Only,
    /// The region and the places in it (its members): the Arctic and Greenland, not Russia.
    #[default]
    Within,
    /// Also the places it only touches: the Arctic with Russia, Canada, the United States.
    Touching,
}

impl PlaceScope {
    pub const ALL: [PlaceScope; 3] = [PlaceScope::Only, PlaceScope::Within, PlaceScope::Touching];

    /// The name on the command line (`--place-scope`).
    pub fn name(self) -> &'static str {
        match self {
            PlaceScope::Only => "only",
            PlaceScope::Within => "members",
            PlaceScope::Touching => "touching",
        }
    }

    /// Said in the filter panel and the chips.
    pub fn words(self) -> &'static str {
        match self {
            PlaceScope::Only => "this region only",
            PlaceScope::Within => "with the places in it",
            PlaceScope::Touching => "with places it touches too",
        }
    }

    pub fn next(self) -> PlaceScope {
        let at = PlaceScope::ALL.iter().position(|&s| s == self).unwrap_or(0);
        PlaceScope::ALL[(at + 1) % PlaceScope::ALL.len()]
    }
}

/// The active filters. Empty facets do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Countries, regions or blocs; a region also matches the places `place_scope` says.
    pub places: Vec<PlaceIx>,
    pub place_scope: PlaceScope,
    /// A theme also matches its sub-themes.
    pub themes: Vec<ThemeIx>,
    pub actors: Vec<ActorIx>,
    pub actor_kinds: Vec<ActorKind>,
    pub perspectives: Vec<String>,
    pub years: Vec<u16>,
    /// Event dates from and to (inclusive), at the precision given.
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub channels: Vec<Channel>,
    pub horizons: Vec<Horizon>,
    pub likelihoods: Vec<Likelihood>,
    /// How forecasts turned out; `None` for those with no outcome recorded.
    pub outcomes: Vec<Option<OutcomeStatus>>,
    /// Drafts (`true`) or reviewed analyses (`false`).
    pub drafts: Vec<bool>,
    /// Implications that start in one of these ("starts in").
    pub origins: Vec<End>,
    /// Implications that reach one of these ("reaches").
    pub destinations: Vec<End>,
    /// Implications that start in or reach one of these.
    pub either_end: Vec<End>,
    /// Cells of views drilled into: constraints that must all hold, whatever the other filters,
    /// so the list a cell opens holds exactly what the cell counted.
    pub cells: Vec<Cell>,
}

/// A place or an actor at one end of an implication, for the direction filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    Place(PlaceIx),
    Actor(ActorIx),
}

/// What a cell of a view stands for, once drilled into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    /// A cell of the flow matrix: implications that start in `from` and reach `to`; a row or a
    /// column total leaves the other end open.
    Route {
        from: Option<PlaceIx>,
        to: Option<PlaceIx>,
    },
    /// A row of the timeline by region: analyses about the place.
    Place(PlaceIx),
    /// A row of the timeline by theme: analyses with the theme or a sub-theme.
    Theme(ThemeIx),
}

impl Filter {
    /// Whether nothing is filtered. The place scope alone filters nothing: it only says what a
    /// place stands for once one is chosen.
    pub fn is_empty(&self) -> bool {
        let Filter {
            places,
            place_scope: _,
            themes,
            actors,
            actor_kinds,
            perspectives,
            years,
            from,
            to,
            channels,
            horizons,
            likelihoods,
            outcomes,
            drafts,
            origins,
            destinations,
            either_end,
            cells,
        } = self;
        places.is_empty()
            && themes.is_empty()
            && actors.is_empty()
            && actor_kinds.is_empty()
            && perspectives.is_empty()
            && years.is_empty()
            && from.is_none()
            && to.is_none()
            && channels.is_empty()
            && horizons.is_empty()
            && likelihoods.is_empty()
            && outcomes.is_empty()
            && drafts.is_empty()
            && origins.is_empty()
            && destinations.is_empty()
            && either_end.is_empty()
            && cells.is_empty()
    }

    fn has_implication_facets(&self) -> bool {
        !(self.channels.is_empty()
            && self.horizons.is_empty()
            && self.likelihoods.is_empty()
            && self.outcomes.is_empty()
            && self.no_direction())
    }

    /// Whether no filter narrows the ends of implications (the direction facets, a matrix cell).
    fn no_direction(&self) -> bool {
        self.origins.is_empty()
            && self.destinations.is_empty()
            && self.either_end.is_empty()
            && !self.cells.iter().any(|c| matches!(c, Cell::Route { .. }))
    }
}

/// A filter made ready to test entities quickly: sets instead of lists, regions expanded.
struct Compiled<'a> {
    f: &'a Filter,
    data: &'a dyn Store,
    places: HashSet<PlaceIx>,
    themes: HashSet<ThemeIx>,
    /// The themes of each timeline row drilled into, with their descendants.
    cell_themes: Vec<HashSet<ThemeIx>>,
    /// Footprints, for the direction filters and cells; built only when one is set.
    geo: Option<Geo>,
}

impl<'a> Compiled<'a> {
    fn new(data: &'a dyn Store, f: &'a Filter) -> Compiled<'a> {
        let mut places = HashSet::new();
        let mut stack = f.places.clone();
        // Members of members too (a region made of blocs), however the scope reaches.
        while let Some(p) = stack.pop() {
            if !places.insert(p) || f.place_scope == PlaceScope::Only {
                continue;
            }
            stack.extend(data.place_members(p).iter().copied());
            if f.place_scope == PlaceScope::Touching {
                stack.extend(data.place_touching(p).iter().copied());
            }
        }
        let themes = with_descendants(data, f.themes.clone());
        let cell_themes = f
            .cells
            .iter()
            .filter_map(|c| match c {
                Cell::Theme(t) => Some(with_descendants(data, vec![*t])),
                _ => None,
            })
            .collect();
        let needs_geo = !f.no_direction() || f.cells.iter().any(|c| matches!(c, Cell::Place(_)));
        Compiled {
            f,
            data,
            places,
            themes,
            cell_themes,
            geo: needs_geo.then(|| Geo::new(data)),
        }
    }

    /// Whether a place is among the filter's, or (unless the filter asks for a region only) is
    /// a region or bloc with a member among them: an analysis of the EU is about Germany too.
    fn place_matches(&self, p: PlaceIx) -> bool {
        self.places.contains(&p)
            || (self.f.place_scope != PlaceScope::Only
                && self
                    .data
                    .place_members(p)
                    .iter()
                    .any(|m| self.places.contains(m)))
    }

    /// The facets about the analysis itself, with `skip_places` for lists whose items carry their
    /// own places (actors, implications, places).
    fn analysis(&self, ix: AnalysisIx, skip_places: bool) -> bool {
        let (d, f) = (self.data, self.f);
        let date = d.event_date(ix);
        (skip_places
            || f.places.is_empty()
            || d.analysis_places(ix).iter().any(|&p| self.place_matches(p)))
            && (f.themes.is_empty()
                || d.analysis_themes(ix)
                    .iter()
                    .any(|t| self.themes.contains(t)))
            && (f.actors.is_empty() || d.analysis_actors(ix).iter().any(|x| f.actors.contains(x)))
            && (f.actor_kinds.is_empty()
                || d.analysis_actors(ix)
                    .iter()
                    .any(|&x| f.actor_kinds.contains(&d.actor_kind(x))))
            && (f.perspectives.is_empty() || f.perspectives.iter().any(|p| *p == d.perspective(ix)))
            && (f.years.is_empty() || f.years.contains(&date.year))
            // An undated draft is in no range of dates.
            && f.from
                .is_none_or(|from| date.is_known() && date.latest_day() >= from.earliest_day())
            && f.to
                .is_none_or(|to| date.is_known() && date.earliest_day() <= to.latest_day())
            && (f.drafts.is_empty() || f.drafts.contains(&d.is_draft(ix)))
            && self.analysis_in_cell(ix)
            && (!f.has_implication_facets()
                || d.analysis_implications(ix)
                    .any(|i| self.implication_itself(ImplicationIx(i))))
    }

    /// Timeline rows drilled into: the analysis is about each one's place, and has each one's
    /// theme.
    fn analysis_in_cell(&self, ix: AnalysisIx) -> bool {
        let places = self.f.cells.iter().all(|c| match (c, &self.geo) {
            (Cell::Place(p), Some(geo)) => analysis_meets(self.data, geo, ix, *p),
            _ => true,
        });
        places
            && self.cell_themes.iter().all(|themes| {
                self.data
                    .analysis_themes(ix)
                    .iter()
                    .any(|t| themes.contains(t))
            })
    }

    /// The facets about an implication's own fields.
    fn implication_itself(&self, ix: ImplicationIx) -> bool {
        let f = self.f;
        let imp = self.data.implication_facts(ix);
        (f.channels.is_empty() || f.channels.contains(&imp.channel))
            && (f.horizons.is_empty() || f.horizons.contains(&imp.horizon))
            && (f.likelihoods.is_empty() || f.likelihoods.contains(&imp.likelihood))
            && (f.outcomes.is_empty() || f.outcomes.contains(&imp.outcome))
            && self.directions(ix)
    }

    /// The direction facets and a matrix cell, on the ends of one implication.
    fn directions(&self, ix: ImplicationIx) -> bool {
        let (f, d) = (self.f, self.data);
        let Some(geo) = &self.geo else {
            return true;
        };
        if f.no_direction() {
            return true;
        }
        let origin = geo.end(d, ix, Side::Origin);
        let affected = geo.end(d, ix, Side::Affected);
        let at = |covered: &[PlaceIx], side: Side, end: &End| match *end {
            End::Place(p) => geo.meets(covered, p),
            End::Actor(a) => d.implication_actors(ix, side).contains(&a),
        };
        let route = f.cells.iter().all(|c| match *c {
            Cell::Route { from, to } => {
                from.is_none_or(|p| geo.meets(&origin, p))
                    && to.is_none_or(|p| geo.meets(&affected, p))
            }
            _ => true,
        });
        route
            && (f.origins.is_empty() || f.origins.iter().any(|e| at(&origin, Side::Origin, e)))
            && (f.destinations.is_empty()
                || f.destinations
                    .iter()
                    .any(|e| at(&affected, Side::Affected, e)))
            && (f.either_end.is_empty()
                || f.either_end
                    .iter()
                    .any(|e| at(&origin, Side::Origin, e) || at(&affected, Side::Affected, e)))
    }

    fn passes(&self, target: Target, passing: &[bool]) -> bool {
        let (d, f) = (self.data, self.f);
        let any_passing = |mut it: std::slice::Iter<'_, AnalysisIx>| it.any(|a| passing[a.get()]);
        match target {
            Target::Analysis(ix) => passing[ix.get()],
            Target::Implication(ix) => {
                let ends = || {
                    let from = d.implication_places(ix, Side::Origin);
                    let to = d.implication_places(ix, Side::Affected);
                    from.iter().chain(to.iter()).any(|&p| self.place_matches(p))
                };
                self.implication_itself(ix)
                    && passing[d.implication_source(ix).get()]
                    && (f.places.is_empty() || ends())
            }
            Target::Actor(ix) => {
                (f.actor_kinds.is_empty() || f.actor_kinds.contains(&d.actor_kind(ix)))
                    && (f.places.is_empty()
                        || d.actor_country(ix).is_some_and(|c| self.place_matches(c)))
                    && d.actor_analyses(ix)
                        .iter()
                        .any(|x| passing[x.analysis.get()])
            }
            Target::Theme(ix) => {
                (f.themes.is_empty() || self.themes.contains(&ix))
                    && d.theme_analyses(ix)
                        .iter()
                        .any(|x| passing[x.analysis.get()])
            }
            Target::Place(ix) => {
                (f.places.is_empty() || self.places.contains(&ix))
                    && any_passing(d.place_analyses(ix).iter())
            }
        }
    }
}

/// A theme and every theme below it.
fn with_descendants(data: &dyn Store, mut stack: Vec<ThemeIx>) -> HashSet<ThemeIx> {
    let mut themes = HashSet::new();
    while let Some(t) = stack.pop() {
        if themes.insert(t) {
            stack.extend_from_slice(&data.theme_children(t));
        }
    }
    themes
}

/// Whether an analysis is about a place: one of its places covers ground the place covers. The
/// timeline counts rows with this, and a row drilled into filters with it.
pub fn analysis_meets(data: &dyn Store, geo: &Geo, ix: AnalysisIx, place: PlaceIx) -> bool {
    data.analysis_places(ix)
        .iter()
        .any(|&p| super::geo::meet(geo.footprint(p), geo.footprint(place)))
}

/// The items of one list that pass `filter`, in `sort` order.
pub fn list(data: &dyn Store, kind: ListKind, filter: &Filter, sort: Sort) -> Vec<Target> {
    ordered(data, kind, filter, sort, false)
}

/// The items of one list that pass `filter`, in `sort` order or, with `reverse`, the other way
/// round.
pub fn ordered(
    data: &dyn Store,
    kind: ListKind,
    filter: &Filter,
    sort: Sort,
    reverse: bool,
) -> Vec<Target> {
    let mut items = members(data, kind, filter);
    sort_items(data, kind, &mut items, sort);
    if reverse {
        items.reverse();
    }
    items
}

/// The items of one list that pass `filter`, in no particular order.
pub fn members(data: &dyn Store, kind: ListKind, filter: &Filter) -> Vec<Target> {
    let mut items = all(data, kind);
    if !filter.is_empty() {
        let compiled = Compiled::new(data, filter);
        // Actors, implications and places are matched to places by their own (country, ends,
        // membership); analyses and themes by the places the analyses concern.
        let skip_places = matches!(
            kind,
            ListKind::Actors | ListKind::Implications | ListKind::Places
        );
        let passing: Vec<bool> = (0..data.count(ListKind::Analyses) as u32)
            .map(|i| compiled.analysis(AnalysisIx(i), skip_places))
            .collect();
        items.retain(|&t| compiled.passes(t, &passing));
    }
    items
}

fn all(data: &dyn Store, kind: ListKind) -> Vec<Target> {
    every(data, kind).collect()
}
