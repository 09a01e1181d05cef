//! A validated dataset with every reference resolved and the reverse links built once, at load,
//! so that following a link in the explorer is a lookup, never a scan.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::model::{Actor, Analysis, Implication, Place, PlaceKind, Theme};

/// Declares a typed index into one of the dataset's entity vectors, so an actor index can never
/// be used to fetch an analysis.
macro_rules! entity_index {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            pub fn get(self) -> usize {
                self.0 as usize
            }

            fn at(i: usize) -> Self {
                $name(u32::try_from(i).expect("fewer than 4 billion entities"))
            }
        }
    )+};
}

entity_index!(AnalysisIx, ActorIx, ThemeIx, PlaceIx, ImplicationIx);

/// Which end of an implication an actor or place stands at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The implication starts here.
    Origin,
    /// The implication reaches here.
    Affected,
}

/// An implication is stored inside its analysis; this is its address there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImplicationAt {
    pub analysis: AnalysisIx,
    pub index: usize,
}

/// An actor's part in one analysis: the index of its entry in `analysis.actors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appearance {
    pub analysis: AnalysisIx,
    pub role: usize,
}

/// How an implication touches a place: directly, or through a region or bloc the place belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceLink {
    pub implication: ImplicationIx,
    pub side: Side,
    /// The region or bloc named by the implication, when the place is reached through it.
    pub via: Option<PlaceIx>,
}

/// A theme's analysis, with the theme (itself or a descendant) that links them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeLink {
    pub analysis: AnalysisIx,
    pub via: ThemeIx,
}

/// The whole dataset, validated, with its reverse links.
#[derive(Debug)]
pub struct Dataset {
    pub analyses: Vec<Analysis>,
    pub actors: Vec<Actor>,
    pub themes: Vec<Theme>,
    pub places: Vec<Place>,
    /// Every implication of every analysis, in analysis order.
    pub implications: Vec<ImplicationAt>,
    /// Where each analysis's implications start in `implications`.
    implication_start: Vec<u32>,
    ids: Ids,
    links: Links,
    pub(crate) ground: super::ground::Ground,
}

#[derive(Debug, Default)]
struct Ids {
    analyses: HashMap<String, AnalysisIx>,
    actors: HashMap<String, ActorIx>,
    themes: HashMap<String, ThemeIx>,
    places: HashMap<String, PlaceIx>,
}

/// What [`Dataset::linked`] works out.
pub(crate) struct Linked {
    links: Links,
    ground: super::ground::Ground,
}

#[derive(Debug, Default)]
struct Links {
    /// Each analysis's place in the newest-first order (`Dataset::newest_first`).
    rank: Vec<u32>,
    /// Other analyses of the same event (same `event` slug), in date order.
    other_readings: Vec<Vec<AnalysisIx>>,
    /// Every analysis's actors, resolved, one after another; analysis `i`'s are
    /// `casts[cast_at[i]..cast_at[i + 1]]`. Sorting and counting ask for them often.
    casts: Vec<ActorIx>,
    cast_at: Vec<u32>,
    actor_analyses: Vec<Vec<Appearance>>,
    actor_implications: Vec<Vec<(ImplicationIx, Side)>>,
    /// Other actors sharing an analysis, with how many analyses they share, most first.
    actor_peers: Vec<Vec<(ActorIx, u32)>>,
    theme_children: Vec<Vec<ThemeIx>>,
    theme_analyses: Vec<Vec<ThemeLink>>,
    /// Themes that share analyses with this one (parent and children aside), most shared first.
    theme_related: Vec<Vec<(ThemeIx, u32)>>,
    place_implications: Vec<Vec<PlaceLink>>,
    place_analyses: Vec<Vec<AnalysisIx>>,
    place_actors: Vec<Vec<ActorIx>>,
    /// Regions and blocs a place is a member of.
    place_groups: Vec<Vec<PlaceIx>>,
    /// Regions and waterways a place touches.
    place_partly_in: Vec<Vec<PlaceIx>>,
}

impl Dataset {
    /// The entities with their ids and implications numbered, without the links (see
    /// [`Dataset::linked`]). References that do not resolve are left out of the links, so a
    /// dataset that failed a check links without harm, only to be dropped.
    pub(crate) fn unlinked(
        analyses: Vec<Analysis>,
        actors: Vec<Actor>,
        themes: Vec<Theme>,
        places: Vec<Place>,
    ) -> Dataset {
        let mut ids = Ids::default();
        for (i, a) in analyses.iter().enumerate() {
            ids.analyses.insert(a.id.clone(), AnalysisIx::at(i));
        }
        for (i, a) in actors.iter().enumerate() {
            ids.actors.insert(a.id.clone(), ActorIx::at(i));
        }
        for (i, t) in themes.iter().enumerate() {
            ids.themes.insert(t.id.clone(), ThemeIx::at(i));
        }
        for (i, p) in places.iter().enumerate() {
            ids.places.insert(p.id.clone(), PlaceIx::at(i));
        }
        let mut implications =
            Vec::with_capacity(analyses.iter().map(|a| a.implications.len()).sum());
        let mut implication_start = Vec::with_capacity(analyses.len());
        for (ai, a) in analyses.iter().enumerate() {
            implication_start.push(implications.len() as u32);
            for index in 0..a.implications.len() {
                implications.push(ImplicationAt {
                    analysis: AnalysisIx::at(ai),
                    index,
                });
            }
        }
        Dataset {
            analyses,
            actors,
            themes,
            places,
            implications,
            implication_start,
            ids,
            links: Links::default(),
            ground: Default::default(),
        }
    }

    /// Builds the indexes: [`Dataset::unlinked`], then [`Dataset::linked`].
    pub(crate) fn build(
        analyses: Vec<Analysis>,
        actors: Vec<Actor>,
        themes: Vec<Theme>,
        places: Vec<Place>,
    ) -> Dataset {
        let mut data = Dataset::unlinked(analyses, actors, themes, places);
        let linked = data.linked();
        data.link(linked);
        data
    }

    /// The reverse links and what each implication touches on the ground, worked out from the
    /// entities alone, so that the checks can read them meanwhile.
    pub(crate) fn linked(&self) -> Linked {
        let links = Links::build(self);
        let ground = super::ground::Ground::build(self, &links.place_groups);
        Linked { links, ground }
    }

    pub(crate) fn link(&mut self, linked: Linked) {
        self.links = linked.links;
        self.ground = linked.ground;
    }

    pub fn analysis(&self, ix: AnalysisIx) -> &Analysis {
        &self.analyses[ix.get()]
    }
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix.get()]
    }
    pub fn theme(&self, ix: ThemeIx) -> &Theme {
        &self.themes[ix.get()]
    }
    pub fn place(&self, ix: PlaceIx) -> &Place {
        &self.places[ix.get()]
    }
    pub fn implication(&self, ix: ImplicationIx) -> &Implication {
        let at = self.implications[ix.get()];
        &self.analyses[at.analysis.get()].implications[at.index]
    }
    /// The implications of one analysis, in the order it lists them.
    pub fn analysis_implications(&self, ix: AnalysisIx) -> std::ops::Range<u32> {
        let start = self.implication_start[ix.get()];
        let n = self.analyses[ix.get()].implications.len() as u32;
        start..start + n
    }
    /// The analysis an implication belongs to.
    pub fn implication_source(&self, ix: ImplicationIx) -> AnalysisIx {
        self.implications[ix.get()].analysis
    }
    /// `<analysis id>/<implication id>`.
    pub fn implication_id(&self, ix: ImplicationIx) -> String {
        let at = self.implications[ix.get()];
        let a = &self.analyses[at.analysis.get()];
        format!("{}/{}", a.id, a.implications[at.index].id)
    }

    pub fn analysis_ix(&self, id: &str) -> Option<AnalysisIx> {
        self.ids.analyses.get(id).copied()
    }
    pub fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        self.ids.actors.get(id).copied()
    }
    pub fn theme_ix(&self, id: &str) -> Option<ThemeIx> {
        self.ids.themes.get(id).copied()
    }
    pub fn place_ix(&self, id: &str) -> Option<PlaceIx> {
        self.ids.places.get(id).copied()
    }
    /// Resolved through the analysis rather than a map of its own: ids are slugs, so the
    /// first `/` splits them, and an analysis has few implications.
    pub fn implication_ix(&self, id: &str) -> Option<ImplicationIx> {
        let (analysis, implication) = id.split_once('/')?;
        let ix = self.analysis_ix(analysis)?;
        let index = self.analyses[ix.get()]
            .implications
            .iter()
            .position(|imp| imp.id == implication)?;
        Some(ImplicationIx(
            self.implication_start[ix.get()] + index as u32,
        ))
    }

    /// An analysis's place in the order every list of analyses reads in: newest event first, then
    /// by title regardless of case, then in dataset order.
    pub fn newest_first(&self, ix: AnalysisIx) -> u32 {
        self.links.rank[ix.get()]
    }

    /// Other analyses of the same event, read from other perspectives.
    pub fn other_readings(&self, ix: AnalysisIx) -> &[AnalysisIx] {
        &self.links.other_readings[ix.get()]
    }
    /// The analysis's actors, in its order.
    pub fn analysis_actors(&self, ix: AnalysisIx) -> &[ActorIx] {
        let at = &self.links.cast_at;
        &self.links.casts[at[ix.get()] as usize..at[ix.get() + 1] as usize]
    }
    /// The analyses an actor appears in, each with its role there, newest first.
    pub fn actor_analyses(&self, ix: ActorIx) -> &[Appearance] {
        &self.links.actor_analyses[ix.get()]
    }
    /// The implications an actor drives (origin) or suffers (affected).
    pub fn actor_implications(&self, ix: ActorIx) -> &[(ImplicationIx, Side)] {
        &self.links.actor_implications[ix.get()]
    }
    /// Actors that share analyses with this one, with the count shared, most first.
    pub fn actor_peers(&self, ix: ActorIx) -> &[(ActorIx, u32)] {
        &self.links.actor_peers[ix.get()]
    }
    pub fn theme_parent(&self, ix: ThemeIx) -> Option<ThemeIx> {
        self.theme(ix)
            .parent
            .as_deref()
            .and_then(|p| self.theme_ix(p))
    }
    pub fn theme_children(&self, ix: ThemeIx) -> &[ThemeIx] {
        &self.links.theme_children[ix.get()]
    }
    /// Analyses tagged with the theme or any of its descendants.
    pub fn theme_analyses(&self, ix: ThemeIx) -> &[ThemeLink] {
        &self.links.theme_analyses[ix.get()]
    }
    pub fn theme_related(&self, ix: ThemeIx) -> &[(ThemeIx, u32)] {
        &self.links.theme_related[ix.get()]
    }
    /// Implications that start at or reach a place, directly or through a region it belongs to.
    pub fn place_implications(&self, ix: PlaceIx) -> &[PlaceLink] {
        &self.links.place_implications[ix.get()]
    }
    /// Analyses that name the place among the places they concern.
    pub fn place_analyses(&self, ix: PlaceIx) -> &[AnalysisIx] {
        &self.links.place_analyses[ix.get()]
    }
    /// Actors whose country is this place.
    pub fn place_actors(&self, ix: PlaceIx) -> &[ActorIx] {
        &self.links.place_actors[ix.get()]
    }
    /// Regions and blocs this place is a member of.
    pub fn place_groups(&self, ix: PlaceIx) -> &[PlaceIx] {
        &self.links.place_groups[ix.get()]
    }
    /// Regions and waterways this place touches without being in them.
    pub fn place_partly_in(&self, ix: PlaceIx) -> &[PlaceIx] {
        &self.links.place_partly_in[ix.get()]
    }
    pub fn place_members(&self, ix: PlaceIx) -> impl Iterator<Item = PlaceIx> + '_ {
        self.place(ix)
            .members
            .iter()
            .filter_map(|m| self.place_ix(m))
    }

    /// A short label for a place list: country codes stay codes, regions use their names.
    pub fn place_label<'a>(&'a self, id: &'a str) -> &'a str {
        match self.place_ix(id) {
            Some(ix) if self.place(ix).kind == PlaceKind::Country => id,
            Some(ix) => &self.place(ix).name,
            None => id,
        }
    }
}

impl Links {
    fn build(d: &Dataset) -> Links {
        let n_actors = d.actors.len();
        let n_themes = d.themes.len();
        let n_places = d.places.len();
        let mut l = Links {
            rank: Vec::new(),
            other_readings: vec![Vec::new(); d.analyses.len()],
            casts: Vec::with_capacity(d.analyses.iter().map(|a| a.actors.len()).sum()),
            cast_at: Vec::with_capacity(d.analyses.len() + 1),
            actor_analyses: vec![Vec::new(); n_actors],
            actor_implications: vec![Vec::new(); n_actors],
            actor_peers: vec![Vec::new(); n_actors],
            theme_children: vec![Vec::new(); n_themes],
            theme_analyses: vec![Vec::new(); n_themes],
            theme_related: vec![Vec::new(); n_themes],
            place_implications: vec![Vec::new(); n_places],
            place_analyses: vec![Vec::new(); n_places],
            place_actors: vec![Vec::new(); n_places],
            place_groups: vec![Vec::new(); n_places],
            place_partly_in: vec![Vec::new(); n_places],
        };

        for (pi, p) in d.places.iter().enumerate() {
            for m in p.members.iter().filter_map(|m| d.place_ix(m)) {
                l.place_groups[m.get()].push(PlaceIx::at(pi));
            }
            for m in p.touching.iter().filter_map(|m| d.place_ix(m)) {
                l.place_partly_in[m.get()].push(PlaceIx::at(pi));
            }
        }
        for (ai, a) in d.actors.iter().enumerate() {
            if let Some(c) = a.country.as_deref().and_then(|c| d.place_ix(c)) {
                l.place_actors[c.get()].push(ActorIx::at(ai));
            }
        }

        let mut peer_counts: Vec<HashMap<ActorIx, u32>> = vec![HashMap::new(); n_actors];
        let mut theme_direct: Vec<Vec<AnalysisIx>> = vec![Vec::new(); n_themes];
        let mut theme_pairs: Vec<HashMap<ThemeIx, u32>> = vec![HashMap::new(); n_themes];
        for (ai, a) in d.analyses.iter().enumerate() {
            let aix = AnalysisIx::at(ai);
            let from = l.casts.len();
            l.cast_at.push(from as u32);
            l.casts
                .extend(a.actors.iter().filter_map(|r| d.actor_ix(&r.actor)));
            let cast = &l.casts[from..];
            for (role, &actor) in cast.iter().enumerate() {
                l.actor_analyses[actor.get()].push(Appearance {
                    analysis: aix,
                    role,
                });
                for &other in cast {
                    if other != actor {
                        *peer_counts[actor.get()].entry(other).or_default() += 1;
                    }
                }
            }
            let tagged: Vec<ThemeIx> = a.themes.iter().filter_map(|t| d.theme_ix(t)).collect();
            for &t in &tagged {
                theme_direct[t.get()].push(aix);
                for &other in &tagged {
                    if other != t {
                        *theme_pairs[t.get()].entry(other).or_default() += 1;
                    }
                }
            }
            for p in a.places.iter().filter_map(|p| d.place_ix(p)) {
                l.place_analyses[p.get()].push(aix);
            }
        }
        l.cast_at.push(l.casts.len() as u32);

        for (ii, at) in d.implications.iter().enumerate() {
            let iix = ImplicationIx::at(ii);
            let imp = &d.analyses[at.analysis.get()].implications[at.index];
            for (side, ends) in [(Side::Origin, &imp.from), (Side::Affected, &imp.to)] {
                for actor in ends.actors.iter().filter_map(|a| d.actor_ix(a)) {
                    l.actor_implications[actor.get()].push((iix, side));
                }
                for place in ends.places.iter().filter_map(|p| d.place_ix(p)) {
                    l.place_implications[place.get()].push(PlaceLink {
                        implication: iix,
                        side,
                        via: None,
                    });
                    // A member country is reached when its region or bloc is, and so is a country
                    // the region touches (an effect on the Black Sea reaches its shores); one
                    // level is what readers expect (the EU reaches Germany), deeper would mislead.
                    let p = d.place(place);
                    let reached = p.members.iter().chain(&p.touching);
                    for member in reached.filter_map(|m| d.place_ix(m)) {
                        l.place_implications[member.get()].push(PlaceLink {
                            implication: iix,
                            side,
                            via: Some(place),
                        });
                    }
                }
            }
        }
        for links in &mut l.place_implications {
            // One link per implication and side: a place named both directly and through a bloc
            // keeps the direct link. An implication's links were pushed together, so each run
            // is settled on its own, in linear time.
            let mut kept = Vec::with_capacity(links.len());
            for run in links.chunk_by(|a, b| a.implication == b.implication) {
                for side in [Side::Origin, Side::Affected] {
                    let mut of_side = run.iter().filter(|p| p.side == side);
                    let direct = of_side.clone().find(|p| p.via.is_none());
                    if let Some(&link) = direct.or_else(|| of_side.next()) {
                        kept.push(link);
                    }
                }
            }
            *links = kept;
        }

        for (i, counts) in peer_counts.into_iter().enumerate() {
            let mut peers: Vec<(ActorIx, u32)> = counts.into_iter().collect();
            peers.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| d.actors[a.0.get()].name.cmp(&d.actors[b.0.get()].name))
            });
            l.actor_peers[i] = peers;
        }

        // Every list of analyses or implications reads newest first, as the Analyses list does.
        let mut by_date: Vec<usize> = (0..d.analyses.len()).collect();
        // The Analyses list sorted by date reads in this order too, and takes it from here: newest
        // first, then by title as a reader sees it, without regard to case.
        by_date.sort_by_cached_key(|&a| {
            let x = &d.analyses[a];
            (std::cmp::Reverse(x.event_date), x.title.to_lowercase(), a)
        });
        let mut rank = vec![0u32; d.analyses.len()];
        for (r, &a) in by_date.iter().enumerate() {
            rank[a] = r as u32;
        }
        let rank_of_imp = |i: ImplicationIx| (rank[d.implications[i.get()].analysis.get()], i);
        for v in &mut l.actor_analyses {
            v.sort_by_key(|a| rank[a.analysis.get()]);
        }
        for v in &mut l.place_analyses {
            v.sort_by_key(|a| rank[a.get()]);
        }
        for v in &mut l.actor_implications {
            v.sort_by_key(|&(i, _)| rank_of_imp(i));
        }
        for v in &mut l.place_implications {
            v.sort_by_key(|p| rank_of_imp(p.implication));
        }

        let mut by_event: HashMap<&str, Vec<AnalysisIx>> = HashMap::new();
        for &a in &by_date {
            if let Some(event) = d.analyses[a].event.as_deref() {
                by_event.entry(event).or_default().push(AnalysisIx::at(a));
            }
        }
        for group in by_event.values() {
            for &a in group {
                l.other_readings[a.get()] = group.iter().copied().filter(|&b| b != a).collect();
            }
        }

        for (ti, t) in d.themes.iter().enumerate() {
            if let Some(p) = t.parent.as_deref().and_then(|p| d.theme_ix(p)) {
                l.theme_children[p.get()].push(ThemeIx::at(ti));
            }
        }
        let mut entered = vec![usize::MAX; n_themes];
        for ti in 0..n_themes {
            let root = ThemeIx::at(ti);
            let mut seen = HashSet::default();
            let mut out = Vec::new();
            // Depth-first over the subtree. The links are built while the checks run, so a
            // cycle of parents (which the checks refuse) must end the walk, not loop it.
            let mut stack = vec![root];
            while let Some(t) = stack.pop() {
                if std::mem::replace(&mut entered[t.get()], ti) == ti {
                    continue;
                }
                for &a in &theme_direct[t.get()] {
                    if seen.insert(a) {
                        out.push(ThemeLink {
                            analysis: a,
                            via: t,
                        });
                    }
                }
                stack.extend(l.theme_children[t.get()].iter().rev());
            }
            out.sort_by_key(|link| rank[link.analysis.get()]);
            l.theme_analyses[ti] = out;
        }
        for (ti, pairs) in theme_pairs.into_iter().enumerate() {
            let me = ThemeIx::at(ti);
            let parent = d.themes[ti].parent.as_deref().and_then(|p| d.theme_ix(p));
            let mut related: Vec<(ThemeIx, u32)> = pairs
                .into_iter()
                .filter(|(t, _)| Some(*t) != parent && d.theme_parent(*t) != Some(me))
                .collect();
            related.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| d.themes[a.0.get()].name.cmp(&d.themes[b.0.get()].name))
            });
            l.theme_related[ti] = related;
        }
        l.rank = rank;
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_implication_is_found_by_its_id_and_nothing_else_is() {
        let data = crate::data::bundled().expect("the bundled dataset loads");
        assert!(!data.implications.is_empty());
        for i in 0..data.implications.len() {
            let ix = ImplicationIx::at(i);
            assert_eq!(data.implication_ix(&data.implication_id(ix)), Some(ix));
        }
        let analysis = &data.analyses[0].id;
        for bogus in [
            String::new(),
            "/".to_owned(),
            analysis.clone(),
            format!("{analysis}/"),
            format!("{analysis}/no-such-implication"),
            format!("no-such-analysis/{}", data.implication(ImplicationIx(0)).id),
        ] {
            assert_eq!(data.implication_ix(&bogus), None, "{bogus:?}");
        }
    }
}
