//! Writing an index file from a loaded dataset: where each entity lies in the data files, their
//! ids and names, the columns and lists that filters, sorts and pages read, the sort orders, and
//! the search index.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::file::Writer;
use super::layout::{self, List, NONE};
use crate::data::date::PartialDate;
use crate::data::model::{
    ActorKind, Channel, Confidence, Horizon, Likelihood, OutcomeStatus, PlaceKind,
};
use crate::data::{Dataset, ListKind, Order, Side, Sources, Spans, Store};
use crate::find::{self, Filter, SearchIndex, Sort};

/// What an index says about itself and the data it was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The version of geolens that wrote it.
    pub geolens: String,
    /// The data directory, canonical.
    pub data: String,
    /// When the data files were looked at, before they were read, in nanoseconds since the
    /// epoch.
    pub built: u64,
    /// Entities of each kind, in `ListKind::ALL` order.
    pub counts: [u32; 5],
    pub files: Vec<Stamp>,
}

/// A data file as it was when the index was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Relative to the data directory, as `Sources` names it.
    pub name: String,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: u64,
    pub inode: u64,
    /// xxh3 of the bytes.
    pub hash: u64,
}

pub fn pack_date(d: PartialDate) -> u32 {
    u32::from(d.year) << 16 | u32::from(d.month) << 8 | u32::from(d.day.unwrap_or(0))
}

pub fn unpack_date(n: u32) -> PartialDate {
    let day = (n & 0xff) as u8;
    PartialDate {
        year: (n >> 16) as u16,
        month: (n >> 8) as u8,
        day: (day != 0).then_some(day),
    }
}

fn place_of<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).unwrap_or(0) as u8
}

/// Sections being filled, by number.
struct Sections(Vec<Vec<u8>>);

impl Sections {
    fn u32s(&mut self, id: usize, values: impl IntoIterator<Item = u32>) {
        let s = &mut self.0[id];
        for v in values {
            s.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// Strings one after the other, with their offsets in `at`.
    fn strings<'a>(&mut self, at: usize, text: usize, values: impl IntoIterator<Item = &'a str>) {
        let mut offsets = vec![0u64];
        let mut blob = Vec::new();
        for v in values {
            blob.extend_from_slice(v.as_bytes());
            offsets.push(blob.len() as u64);
        }
        self.0[at] = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
        self.0[text] = blob;
    }

    fn list<I: IntoIterator<Item = R>, R: AsRef<[u32]>>(
        &mut self,
        list: List,
        per_entity: impl IntoIterator<Item = I>,
    ) {
        let mut at = vec![0u64];
        let mut records = Vec::new();
        for items in per_entity {
            for r in items {
                debug_assert_eq!(r.as_ref().len(), list.width());
                for &v in r.as_ref() {
                    records.extend_from_slice(&v.to_le_bytes());
                }
            }
            at.push((records.len() / (4 * list.width())) as u64);
        }
        self.0[list.at()] = at.iter().flat_map(|o| o.to_le_bytes()).collect();
        self.0[list.records()] = records;
    }
}

/// Each entity's place in the data files, as [`layout::spans`] keeps it, by `ListKind` index.
pub struct Located([Vec<[u64; 4]>; 5]);

impl Located {
    /// From the spans the load found; `numbered` gives each source file's place in the meta's
    /// files.
    pub fn new(sources: &Sources, spans: &Spans, numbered: &[Option<usize>]) -> Located {
        Located(ListKind::ALL.map(|kind| {
            spans
                .of(kind)
                .iter()
                .map(|s| {
                    let text = sources.files[s.file].text.as_bytes();
                    let bytes = text.get(s.bytes.clone()).unwrap_or_default();
                    [
                        numbered[s.file].map_or(u64::MAX, |n| n as u64),
                        s.bytes.start as u64,
                        bytes.len() as u64,
                        xxh3_64(bytes),
                    ]
                })
                .collect()
        }))
    }
}

fn ids(s: &mut Sections, kind: ListKind, ids: Vec<&str>, names: Vec<&str>) {
    let mut by_id: Vec<u32> = (0..ids.len() as u32).collect();
    by_id.sort_by(|&a, &b| ids[a as usize].cmp(ids[b as usize]));
    s.u32s(layout::by_id(kind), by_id);
    s.strings(layout::ids_at(kind), layout::ids(kind), ids);
    s.strings(layout::names_at(kind), layout::names(kind), names);
}

/// The sections of the dataset itself (all but the search index's).
pub fn sections(d: &Dataset, meta: &Meta, located: &Located) -> Vec<Vec<u8>> {
    // The lists are laid out on a second thread, beside the rest.
    let (mut s, listed) = std::thread::scope(|scope| {
        let listed = scope.spawn(|| {
            let mut s = Sections(vec![Vec::new(); layout::SEARCH]);
            lists(&mut s, d);
            s
        });
        let s = columns(d, meta, located);
        let listed = listed
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (s, listed)
    });
    let mut listed = listed.0;
    for list in List::ALL {
        for id in [list.at(), list.records()] {
            s.0[id] = std::mem::take(&mut listed[id]);
        }
    }
    s.0
}

/// The sections other than the lists: the meta, spans, ids, names, columns and orders.
fn columns(d: &Dataset, meta: &Meta, located: &Located) -> Sections {
    let mut s = Sections(vec![Vec::new(); layout::SEARCH]);
    s.0[layout::META] = serde_json::to_vec(meta).unwrap_or_default();
    for kind in ListKind::ALL {
        s.0[layout::spans(kind)] = located.0[kind.index()]
            .iter()
            .flatten()
            .flat_map(|n| n.to_le_bytes())
            .collect();
    }

    let a = |f: fn(&crate::data::model::Analysis) -> &str| d.analyses.iter().map(f).collect();
    ids(&mut s, ListKind::Analyses, a(|x| &x.id), a(|x| &x.title));
    let actors = |f: fn(&crate::data::model::Actor) -> &str| d.actors.iter().map(f).collect();
    ids(
        &mut s,
        ListKind::Actors,
        actors(|x| &x.id),
        actors(|x| &x.name),
    );
    let themes = |f: fn(&crate::data::model::Theme) -> &str| d.themes.iter().map(f).collect();
    ids(
        &mut s,
        ListKind::Themes,
        themes(|x| &x.id),
        themes(|x| &x.name),
    );
    let places = |f: fn(&crate::data::model::Place) -> &str| d.places.iter().map(f).collect();
    ids(
        &mut s,
        ListKind::Places,
        places(|x| &x.id),
        places(|x| &x.name),
    );
    let imp_ids: Vec<&str> = (0..d.implications.len() as u32)
        .map(|i| d.implication(crate::data::ImplicationIx(i)).id.as_str())
        .collect();
    ids(&mut s, ListKind::Implications, imp_ids, Vec::new());

    let analyses = 0..d.analyses.len() as u32;
    let ax = || analyses.clone().map(crate::data::AnalysisIx);
    s.u32s(
        layout::EVENT_DATE,
        d.analyses.iter().map(|a| pack_date(a.event_date)),
    );
    s.u32s(layout::RANK, ax().map(|a| d.newest_first(a)));
    let perspectives = Store::perspectives(d);
    s.u32s(
        layout::PERSPECTIVE,
        d.analyses.iter().map(|a| {
            perspectives
                .binary_search(&a.perspective)
                .map_or(NONE, |i| i as u32)
        }),
    );
    s.strings(
        layout::PERSPECTIVES_AT,
        layout::PERSPECTIVES,
        perspectives.iter().map(String::as_str),
    );
    s.u32s(layout::YEARS, Store::years(d).into_iter().map(u32::from));
    let mut starts: Vec<u32> = ax().map(|a| d.analysis_implications(a).start).collect();
    starts.push(d.implications.len() as u32);
    s.u32s(layout::IMPLICATION_START, starts);
    let facts = &mut s.0[layout::FACTS];
    for i in 0..d.implications.len() as u32 {
        let f = d.implication_facts(crate::data::ImplicationIx(i));
        let mut record = [0u8; layout::FACT_RECORD];
        record[..4].copy_from_slice(&f.analysis.0.to_le_bytes());
        record[4..9].copy_from_slice(&[
            place_of(Channel::ALL, &f.channel),
            place_of(Horizon::ALL, &f.horizon),
            place_of(Likelihood::ALL, &f.likelihood),
            place_of(Confidence::ALL, &f.confidence),
            f.outcome
                .map_or(0, |o| place_of(OutcomeStatus::ALL, &o) + 1),
        ]);
        facts.extend_from_slice(&record);
    }
    let actor_ix = 0..d.actors.len() as u32;
    s.u32s(
        layout::ACTOR_KIND,
        d.actors
            .iter()
            .map(|a| u32::from(place_of(ActorKind::ALL, &a.kind))),
    );
    s.u32s(
        layout::ACTOR_COUNTRY,
        actor_ix.clone().map(|a| {
            d.actor_country(crate::data::ActorIx(a))
                .map_or(NONE, |p| p.0)
        }),
    );
    s.u32s(
        layout::PLACE_KIND,
        d.places
            .iter()
            .map(|p| u32::from(place_of(PlaceKind::ALL, &p.kind))),
    );
    s.u32s(
        layout::THEME_PARENT,
        (0..d.themes.len() as u32).map(|t| {
            d.theme_parent(crate::data::ThemeIx(t))
                .map_or(NONE, |p| p.0)
        }),
    );

    s.u32s(
        layout::PLACE_REGION,
        (0..d.places.len() as u32).map(|p| {
            d.place_region(crate::data::PlaceIx(p))
                .map_or(NONE, |r| r.0)
        }),
    );
    s.u32s(
        layout::WORLD_REGION,
        d.places.iter().map(|p| u32::from(p.world_region)),
    );
    let centroids = &mut s.0[layout::PLACE_CENTROID];
    for p in &d.places {
        centroids.extend_from_slice(&p.centroid.lat.to_bits().to_le_bytes());
        centroids.extend_from_slice(&p.centroid.lon.to_bits().to_le_bytes());
    }

    orders(&mut s, d);
    s
}

fn lists(s: &mut Sections, d: &Dataset) {
    use crate::data::{ActorIx, AnalysisIx, ImplicationIx, PlaceIx, ThemeIx};
    let n = |k: ListKind| 0..d.count(k) as u32;
    let one = |v: &[u32]| v.iter().map(|&x| [x]).collect::<Vec<_>>();
    let side = |s: Side| match s {
        Side::Origin => 0,
        Side::Affected => 1,
    };
    let ids = |v: &[crate::data::PlaceIx]| v.iter().map(|p| [p.0]).collect::<Vec<_>>();
    s.list(
        List::AnalysisPlaces,
        n(ListKind::Analyses).map(|a| ids(&d.analysis_places(AnalysisIx(a)))),
    );
    s.list(
        List::AnalysisThemes,
        n(ListKind::Analyses).map(|a| {
            d.analysis_themes(AnalysisIx(a))
                .iter()
                .map(|t| [t.0])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::AnalysisActors,
        n(ListKind::Analyses).map(|a| {
            d.analysis_actors(AnalysisIx(a))
                .iter()
                .map(|t| [t.0])
                .collect::<Vec<_>>()
        }),
    );
    for (list, sd) in [
        (List::ImplicationPlacesFrom, Side::Origin),
        (List::ImplicationPlacesTo, Side::Affected),
    ] {
        s.list(
            list,
            n(ListKind::Implications).map(|i| ids(&d.implication_places(ImplicationIx(i), sd))),
        );
    }
    for (list, sd) in [
        (List::ImplicationActorsFrom, Side::Origin),
        (List::ImplicationActorsTo, Side::Affected),
    ] {
        s.list(
            list,
            n(ListKind::Implications).map(|i| {
                d.implication_actors(ImplicationIx(i), sd)
                    .iter()
                    .map(|a| [a.0])
                    .collect::<Vec<_>>()
            }),
        );
    }
    s.list(
        List::PlaceMembers,
        n(ListKind::Places).map(|p| {
            d.place_members(PlaceIx(p))
                .map(|m| [m.0])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::OtherReadings,
        n(ListKind::Analyses).map(|a| {
            one(&d
                .other_readings(AnalysisIx(a))
                .iter()
                .map(|x| x.0)
                .collect::<Vec<_>>())
        }),
    );
    s.list(
        List::ActorAnalyses,
        n(ListKind::Actors).map(|a| {
            d.actor_analyses(ActorIx(a))
                .iter()
                .map(|x| [x.analysis.0, x.role as u32])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::ActorImplications,
        n(ListKind::Actors).map(|a| {
            d.actor_implications(ActorIx(a))
                .iter()
                .map(|&(i, sd)| [i.0, side(sd)])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::ActorPeers,
        n(ListKind::Actors).map(|a| {
            d.actor_peers(ActorIx(a))
                .iter()
                .map(|&(p, c)| [p.0, c])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::ThemeChildren,
        n(ListKind::Themes).map(|t| {
            d.theme_children(ThemeIx(t))
                .iter()
                .map(|c| [c.0])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::ThemeAnalyses,
        n(ListKind::Themes).map(|t| {
            d.theme_analyses(ThemeIx(t))
                .iter()
                .map(|l| [l.analysis.0, l.via.0])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::ThemeRelated,
        n(ListKind::Themes).map(|t| {
            d.theme_related(ThemeIx(t))
                .iter()
                .map(|&(r, c)| [r.0, c])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::PlaceImplications,
        n(ListKind::Places).map(|p| {
            d.place_implications(PlaceIx(p))
                .iter()
                .map(|l| [l.implication.0, side(l.side), l.via.map_or(NONE, |v| v.0)])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::PlaceAnalyses,
        n(ListKind::Places).map(|p| {
            d.place_analyses(PlaceIx(p))
                .iter()
                .map(|a| [a.0])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::PlaceActors,
        n(ListKind::Places).map(|p| {
            d.place_actors(PlaceIx(p))
                .iter()
                .map(|a| [a.0])
                .collect::<Vec<_>>()
        }),
    );
    s.list(
        List::PlaceGround,
        n(ListKind::Places).map(|p| ids(&d.place_ground(PlaceIx(p)))),
    );
    for (list, sd) in [
        (List::ImplicationGroundFrom, Side::Origin),
        (List::ImplicationGroundTo, Side::Affected),
    ] {
        s.list(
            list,
            n(ListKind::Implications).map(|i| ids(&d.implication_ground(ImplicationIx(i), sd))),
        );
    }
    let mut counts = vec![Vec::new(); ListKind::ALL.len() * find::Facet::ALL.len()];
    for (f, &facet) in find::Facet::ALL.iter().enumerate() {
        let each = find::counts::unfiltered_in(d, &ListKind::ALL, facet);
        for (&kind, c) in ListKind::ALL.iter().zip(each) {
            counts[layout::facet_slot(kind, f)] = c.into_iter().map(|n| [n]).collect::<Vec<_>>();
        }
    }
    s.list(List::FacetCounts, counts);
    s.list(
        List::PlaceGroups,
        n(ListKind::Places).map(|p| {
            d.place_groups(PlaceIx(p))
                .iter()
                .map(|g| [g.0])
                .collect::<Vec<_>>()
        }),
    );
}

/// Every list in every order it offers, sorted as `find` sorts it, as each entity's rank.
fn orders(s: &mut Sections, d: &Dataset) {
    let rank = |sorted: &[crate::data::Target]| {
        let mut rank = vec![0u32; sorted.len()];
        for (r, t) in sorted.iter().enumerate() {
            rank[t.entity_index()] = r as u32;
        }
        rank
    };
    for kind in ListKind::ALL {
        let by_date = find::list(d, kind, &Filter::default(), Sort::Date);
        let by_name = find::list(d, kind, &Filter::default(), Sort::Name);
        let mut by_links = by_name.clone();
        find::by_links(d, &mut by_links);
        for (order, sorted) in [
            (Order::Date, by_date),
            (Order::Name, by_name),
            (Order::Links, by_links),
        ] {
            s.u32s(layout::order(kind, order), rank(&sorted));
        }
    }
}

/// Starts an index file at `path` with the dataset's sections ([`sections`]): written while the
/// search index is still being built, so that the disk's time overlaps the build's.
pub fn start(path: &Path, own: Vec<Vec<u8>>) -> io::Result<Writer> {
    let mut w = Writer::create(path)?;
    for s in own {
        w.section(&s)?;
    }
    Ok(w)
}

/// Writes an index file to `path`, atomically: the dataset's sections, then the search index's.
pub fn write(path: &Path, own: &[Vec<u8>], index: &SearchIndex) -> io::Result<()> {
    let mut w = Writer::create(path)?;
    for s in own {
        w.section(s)?;
    }
    finish(w, path, index)
}

/// Ends a file [`start`]ed: the search index's sections, then the header, and renames it into
/// place atomically.
pub fn finish(mut w: Writer, path: &Path, index: &SearchIndex) -> io::Result<()> {
    let Some(search) = index.sections() else {
        return Err(io::Error::other(
            "the search index to write is not in memory",
        ));
    };
    for s in search {
        w.section(s)?;
    }
    w.finish(path)
}

/// The counts of a dataset, in `ListKind::ALL` order.
pub fn counts(data: &dyn Store) -> [u32; 5] {
    ListKind::ALL.map(|k| data.count(k) as u32)
}
