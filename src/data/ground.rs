//! Where things are on the ground, resolved once when a dataset is indexed: the places of each
//! analysis and of each end of each implication, what each place covers (a country itself; a
//! region or bloc its member countries; a place without members itself), and each country's home
//! world region. The direction filters and the views read these for every implication at every
//! filter change, so they are lookups here rather than id resolution and set arithmetic there.

use super::date::PartialDate;
use super::index::{ActorIx, AnalysisIx, Dataset, ImplicationIx, PlaceIx, Side, ThemeIx};
use super::model::{Endpoints, PlaceKind};
use super::store::ImplicationFacts;

/// Lists of lists in one allocation: list `i` is `items[start[i]..start[i + 1]]`.
#[derive(Debug)]
pub(crate) struct Flat<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Flat<T> {
    fn default() -> Flat<T> {
        Flat {
            start: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Flat<T> {
    fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.items.extend(list);
        self.start.push(self.items.len() as u32);
    }

    pub(crate) fn get(&self, i: usize) -> &[T] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Ground {
    /// Per place, what it covers, sorted.
    pub place: Flat<PlaceIx>,
    /// Per place, its home world region (a country in one).
    pub home: Vec<Option<PlaceIx>>,
    /// Per analysis, its places, and its themes.
    pub analysis_places: Flat<PlaceIx>,
    pub analysis_themes: Flat<ThemeIx>,
    /// Per implication end (`2 * implication + side`), its places, and what it covers.
    pub end_places: Flat<PlaceIx>,
    pub end_actors: Flat<ActorIx>,
    pub end_ground: Flat<PlaceIx>,
    /// Per implication, its facts; per analysis, its event date. Columns a filter pass reads
    /// for every item, kept apart from the prose so the pass does not wade through it.
    pub facts: Vec<ImplicationFacts>,
    pub dates: Vec<PartialDate>,
}

/// The index of an implication's end in [`Ground`]'s per-end lists.
pub(crate) fn end(ix: ImplicationIx, side: Side) -> usize {
    ix.get() * 2 + usize::from(side == Side::Affected)
}

impl Ground {
    /// `groups`: the regions and blocs each place is a member of.
    pub(crate) fn build(d: &Dataset, groups: &[Vec<PlaceIx>]) -> Ground {
        let mut g = Ground::default();
        let resolve =
            |ids: &[String]| -> Vec<PlaceIx> { ids.iter().filter_map(|p| d.place_ix(p)).collect() };
        for (pi, _) in d.places.iter().enumerate() {
            g.place.push(covered(d, PlaceIx(pi as u32)));
        }
        g.home = (0..d.places.len())
            .map(|p| groups[p].iter().copied().find(|&r| d.place(r).world_region))
            .collect();
        g.dates = d.analyses.iter().map(|a| a.event_date).collect();
        g.facts = d
            .implications
            .iter()
            .map(|at| {
                ImplicationFacts::of(
                    at.analysis,
                    &d.analyses[at.analysis.get()].implications[at.index],
                )
            })
            .collect();
        for a in &d.analyses {
            g.analysis_places.push(resolve(&a.places));
            g.analysis_themes
                .push(a.themes.iter().filter_map(|t| d.theme_ix(t)));
        }
        let mut ground = Vec::new();
        for i in 0..d.implications.len() {
            let imp = d.implication(ImplicationIx(i as u32));
            for ends in [&imp.from, &imp.to] {
                let places = resolve(&ends.places);
                ground.clear();
                if places.is_empty() {
                    ground.extend(actor_countries(d, ends));
                } else {
                    for &p in &places {
                        ground.extend_from_slice(g.place.get(p.get()));
                    }
                }
                ground.sort_unstable();
                ground.dedup();
                g.end_places.push(places);
                g.end_actors
                    .push(ends.actors.iter().filter_map(|a| d.actor_ix(a)));
                g.end_ground.push(ground.iter().copied());
            }
        }
        g
    }

    pub(crate) fn analysis_places(&self, ix: AnalysisIx) -> &[PlaceIx] {
        self.analysis_places.get(ix.get())
    }

    pub(crate) fn analysis_themes(&self, ix: AnalysisIx) -> &[ThemeIx] {
        self.analysis_themes.get(ix.get())
    }
}

/// The countries of an end's actors, for an end that names no place.
fn actor_countries<'a>(d: &'a Dataset, ends: &'a Endpoints) -> impl Iterator<Item = PlaceIx> + 'a {
    ends.actors
        .iter()
        .filter_map(|a| d.actor_ix(a))
        .filter_map(|a| d.actor(a).country.as_deref().and_then(|c| d.place_ix(c)))
}

/// What a place covers: a country itself, a place without members itself, else its members'
/// ground (members of members too), sorted.
pub(crate) fn covered(d: &Dataset, place: PlaceIx) -> Vec<PlaceIx> {
    let mut out = Vec::new();
    let mut seen = vec![place];
    let mut stack = vec![place];
    while let Some(p) = stack.pop() {
        let members = &d.place(p).members;
        if members.is_empty() || d.place(p).kind == PlaceKind::Country {
            out.push(p);
            continue;
        }
        for m in members.iter().filter_map(|m| d.place_ix(m)) {
            if !seen.contains(&m) {
                seen.push(m);
                stack.push(m);
            }
        }
    }
    out.sort_unstable();
    out
}
