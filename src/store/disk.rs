//! [`DiskStore`]: a dataset read in place from its index file. Lists, filters and sorts read
//! columns; a whole entity is decoded only when a page or a snippet asks for it.
//!
//! Whatever is read is checked first (`file::Mapped`). Should a check fail, the store reads the
//! data again, rebuilds the index file, and answers from the data in memory from then on, with a
//! notice: never a wrong answer, never a panic.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::build::{Meta, unpack_date};
use super::data_files::DataFiles;
use super::file::Mapped;
use super::layout::{self, List, NONE};
use super::recover::Recovery;
use crate::data::date::PartialDate;
use crate::data::model::{
    Actor, ActorKind, Analysis, Channel, Confidence, Horizon, Implication, LatLon, Likelihood,
    OutcomeStatus, Place, PlaceKind, Theme,
};
use crate::data::{
    ActorIx, AnalysisIx, Appearance, Dataset, ImplicationFacts, ImplicationIx, ListKind, Order,
    PlaceIx, PlaceLink, Side, Store, Target, ThemeIx, ThemeLink,
};
use crate::find::SearchIndex;
use crate::find::index::{le32, le64};

pub struct DiskStore {
    file: Arc<Mapped>,
    data: DataFiles,
    meta: Meta,
    index: SearchIndex,
    recovery: Arc<Recovery>,
}

fn side(n: u32) -> Side {
    match n {
        0 => Side::Origin,
        _ => Side::Affected,
    }
}

fn some(n: u32) -> Option<u32> {
    (n != NONE).then_some(n)
}

impl DiskStore {
    pub(super) fn new(file: Arc<Mapped>, meta: Meta, recovery: Arc<Recovery>) -> DiskStore {
        use crate::find::index::sec;
        for names in [sec::NAME_MASKS, sec::NAMES, sec::NAME_TEXT] {
            file.read_through(layout::SEARCH + names);
        }
        let counts = ListKind::SEARCH_ORDER.map(|k| meta.counts[k.index()]);
        let again = Arc::clone(&recovery);
        let index = SearchIndex::mapped(
            counts,
            Arc::clone(&file) as Arc<dyn crate::find::index::Backing>,
            layout::SEARCH,
            Arc::new(move || again.index()),
        );
        DiskStore {
            file,
            data: DataFiles::new(&meta),
            meta,
            index,
            recovery,
        }
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Whether the store found damage and could not rebuild from the data: its answers since
    /// are blanks, and the notice says why.
    pub fn failed(&self) -> bool {
        self.recovery.failed()
    }

    /// Checks every block of the file now.
    pub fn check_all(&self) -> Result<(), super::file::Damage> {
        self.file.check_all()
    }

    /// Answers from the data in memory once the file is found damaged.
    fn or<'a, T>(&'a self, v: Option<T>, f: impl FnOnce(&'a Dataset) -> T, blank: T) -> T {
        match v {
            Some(v) => v,
            None => match self.recovery.data() {
                Some(d) => f(d),
                None => blank,
            },
        }
    }

    fn u32_at(&self, id: usize, i: usize) -> Option<u32> {
        self.file.whole(id)?.get(i * 4..i * 4 + 4).map(le32)
    }

    fn u32s(&self, id: usize) -> Option<Vec<u32>> {
        Some(self.file.whole(id)?.chunks_exact(4).map(le32).collect())
    }

    /// Entry `i` of a section of offsets, as a range.
    fn span(&self, at: usize, i: usize) -> Option<Range<usize>> {
        let b = self.file.whole(at)?;
        let start = usize::try_from(le64(b.get(i * 8..i * 8 + 8)?)).ok()?;
        let end = usize::try_from(le64(b.get(i * 8 + 8..i * 8 + 16)?)).ok()?;
        (start <= end).then_some(start..end)
    }

    fn bytes(&self, at: usize, blob: usize, i: usize) -> Option<&[u8]> {
        self.file.part(blob, self.span(at, i)?)
    }

    fn text(&self, at: usize, blob: usize, i: usize) -> Option<&str> {
        std::str::from_utf8(self.bytes(at, blob, i)?).ok()
    }

    /// Entity `i`, read from its data file; a file changed since the index was built is read
    /// again whole (the recovery).
    fn entity<T: DeserializeOwned>(&self, kind: ListKind, i: usize) -> Option<T> {
        let at = i.checked_mul(layout::SPAN_RECORD)?;
        let r = self
            .file
            .part(layout::spans(kind), at..at + layout::SPAN_RECORD)?;
        let Some(bytes) = self.data.entity(r) else {
            self.recovery.data_changed();
            return None;
        };
        serde_json::from_slice(&bytes).ok()
    }

    fn id_of(&self, kind: ListKind, i: usize) -> Option<&str> {
        self.text(layout::ids_at(kind), layout::ids(kind), i)
    }

    fn lookup(&self, kind: ListKind, id: &str) -> Option<Option<u32>> {
        let order = self.file.whole(layout::by_id(kind))?;
        let (mut lo, mut hi) = (0, order.len() / 4);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let ix = le32(&order[mid * 4..]);
            match self.id_of(kind, ix as usize)?.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(Some(ix)),
            }
        }
        Some(None)
    }

    /// Entity `i`'s list, as records of `list.width()` numbers.
    fn list(&self, list: List, i: usize) -> Option<Vec<u32>> {
        let at = self.file.whole(list.at())?;
        let start = usize::try_from(le64(at.get(i * 8..i * 8 + 8)?)).ok()?;
        let end = usize::try_from(le64(at.get(i * 8 + 8..i * 8 + 16)?)).ok()?;
        let w = 4 * list.width();
        if start > end {
            return None;
        }
        let bytes = self.file.part(list.records(), start * w..end * w)?;
        Some(bytes.chunks_exact(4).map(le32).collect())
    }

    fn ixs<T>(&self, list: List, i: usize, f: fn(u32) -> T) -> Option<Vec<T>> {
        Some(self.list(list, i)?.into_iter().map(f).collect())
    }

    fn implication_range(&self, ix: AnalysisIx) -> Option<Range<u32>> {
        let start = self.u32_at(layout::IMPLICATION_START, ix.get())?;
        let end = self.u32_at(layout::IMPLICATION_START, ix.get() + 1)?;
        (start <= end).then_some(start..end)
    }

    fn try_implication_ix(&self, id: &str) -> Option<Option<ImplicationIx>> {
        let Some((analysis, own)) = id.split_once('/') else {
            return Some(None);
        };
        let Some(a) = self.lookup(ListKind::Analyses, analysis)? else {
            return Some(None);
        };
        for i in self.implication_range(AnalysisIx(a))? {
            if self.id_of(ListKind::Implications, i as usize)? == own {
                return Some(Some(ImplicationIx(i)));
            }
        }
        Some(None)
    }

    fn try_implication_id(&self, ix: ImplicationIx) -> Option<String> {
        let a = self.try_facts(ix)?.analysis.0;
        let own = self.id_of(ListKind::Implications, ix.get())?;
        Some(format!(
            "{}/{own}",
            self.id_of(ListKind::Analyses, a as usize)?
        ))
    }

    fn try_facts(&self, ix: ImplicationIx) -> Option<ImplicationFacts> {
        let f = self
            .file
            .whole(layout::FACTS)?
            .get(ix.get() * layout::FACT_RECORD..(ix.get() + 1) * layout::FACT_RECORD)?;
        Some(ImplicationFacts {
            analysis: AnalysisIx(le32(f)),
            channel: *Channel::ALL.get(f[4] as usize)?,
            horizon: *Horizon::ALL.get(f[5] as usize)?,
            likelihood: *Likelihood::ALL.get(f[6] as usize)?,
            confidence: *Confidence::ALL.get(f[7] as usize)?,
            outcome: match f[8] {
                0 => None,
                n => Some(*OutcomeStatus::ALL.get(n as usize - 1)?),
            },
        })
    }
}

impl Store for DiskStore {
    fn count(&self, kind: ListKind) -> usize {
        self.meta.counts[kind.index()] as usize
    }

    fn analysis(&self, ix: AnalysisIx) -> Cow<'_, Analysis> {
        let v = self.entity(ListKind::Analyses, ix.get()).map(Cow::Owned);
        self.or(
            v,
            |d| Store::analysis(d, ix),
            Cow::Owned(super::recover::blank_analysis()),
        )
    }
    fn actor(&self, ix: ActorIx) -> Cow<'_, Actor> {
        let v = self.entity(ListKind::Actors, ix.get()).map(Cow::Owned);
        self.or(
            v,
            |d| Store::actor(d, ix),
            Cow::Owned(super::recover::blank_actor()),
        )
    }
    fn theme(&self, ix: ThemeIx) -> Cow<'_, Theme> {
        let v = self.entity(ListKind::Themes, ix.get()).map(Cow::Owned);
        self.or(
            v,
            |d| Store::theme(d, ix),
            Cow::Owned(super::recover::blank_theme()),
        )
    }
    fn place(&self, ix: PlaceIx) -> Cow<'_, Place> {
        let v = self.entity(ListKind::Places, ix.get()).map(Cow::Owned);
        self.or(
            v,
            |d| Store::place(d, ix),
            Cow::Owned(super::recover::blank_place()),
        )
    }
    fn implication(&self, ix: ImplicationIx) -> Cow<'_, Implication> {
        let v = self.try_facts(ix).and_then(|f| {
            let start = self.implication_range(f.analysis)?.start;
            let mut a: Analysis = self.entity(ListKind::Analyses, f.analysis.get())?;
            let at = ix.0.checked_sub(start)? as usize;
            (at < a.implications.len()).then(|| Cow::Owned(a.implications.swap_remove(at)))
        });
        self.or(
            v,
            |d| Store::implication(d, ix),
            Cow::Owned(super::recover::blank_implication()),
        )
    }

    fn analysis_ix(&self, id: &str) -> Option<AnalysisIx> {
        let v = self.lookup(ListKind::Analyses, id);
        self.or(v, |d| d.analysis_ix(id).map(|x| x.0), None)
            .map(AnalysisIx)
    }
    fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        let v = self.lookup(ListKind::Actors, id);
        self.or(v, |d| d.actor_ix(id).map(|x| x.0), None)
            .map(ActorIx)
    }
    fn theme_ix(&self, id: &str) -> Option<ThemeIx> {
        let v = self.lookup(ListKind::Themes, id);
        self.or(v, |d| d.theme_ix(id).map(|x| x.0), None)
            .map(ThemeIx)
    }
    fn place_ix(&self, id: &str) -> Option<PlaceIx> {
        let v = self.lookup(ListKind::Places, id);
        self.or(v, |d| d.place_ix(id).map(|x| x.0), None)
            .map(PlaceIx)
    }
    fn implication_ix(&self, id: &str) -> Option<ImplicationIx> {
        let v = self.try_implication_ix(id);
        self.or(v, |d| d.implication_ix(id), None)
    }
    fn implication_id(&self, ix: ImplicationIx) -> String {
        let v = self.try_implication_id(ix);
        self.or(v, |d| d.implication_id(ix), String::new())
    }

    fn analysis_implications(&self, ix: AnalysisIx) -> Range<u32> {
        let v = self.implication_range(ix);
        self.or(v, |d| d.analysis_implications(ix), 0..0)
    }
    fn implication_source(&self, ix: ImplicationIx) -> AnalysisIx {
        self.implication_facts(ix).analysis
    }
    fn newest_first(&self, ix: AnalysisIx) -> u32 {
        let v = self.u32_at(layout::RANK, ix.get());
        self.or(v, |d| d.newest_first(ix), ix.0)
    }
    fn other_readings(&self, ix: AnalysisIx) -> Cow<'_, [AnalysisIx]> {
        let v = self
            .ixs(List::OtherReadings, ix.get(), AnalysisIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::other_readings(d, ix), Cow::Borrowed(&[]))
    }
    fn actor_analyses(&self, ix: ActorIx) -> Cow<'_, [Appearance]> {
        let v = self.list(List::ActorAnalyses, ix.get()).map(|r| {
            Cow::Owned(
                r.chunks_exact(2)
                    .map(|c| Appearance {
                        analysis: AnalysisIx(c[0]),
                        role: c[1] as usize,
                    })
                    .collect(),
            )
        });
        self.or(v, |d| Store::actor_analyses(d, ix), Cow::Borrowed(&[]))
    }
    fn actor_implications(&self, ix: ActorIx) -> Cow<'_, [(ImplicationIx, Side)]> {
        let v = self.list(List::ActorImplications, ix.get()).map(|r| {
            Cow::Owned(
                r.chunks_exact(2)
                    .map(|c| (ImplicationIx(c[0]), side(c[1])))
                    .collect(),
            )
        });
        self.or(v, |d| Store::actor_implications(d, ix), Cow::Borrowed(&[]))
    }
    fn actor_peers(&self, ix: ActorIx) -> Cow<'_, [(ActorIx, u32)]> {
        let v = self
            .list(List::ActorPeers, ix.get())
            .map(|r| Cow::Owned(r.chunks_exact(2).map(|c| (ActorIx(c[0]), c[1])).collect()));
        self.or(v, |d| Store::actor_peers(d, ix), Cow::Borrowed(&[]))
    }
    fn theme_parent(&self, ix: ThemeIx) -> Option<ThemeIx> {
        let v = self.u32_at(layout::THEME_PARENT, ix.get()).map(some);
        self.or(v, |d| d.theme_parent(ix).map(|t| t.0), None)
            .map(ThemeIx)
    }
    fn theme_children(&self, ix: ThemeIx) -> Cow<'_, [ThemeIx]> {
        let v = self
            .ixs(List::ThemeChildren, ix.get(), ThemeIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::theme_children(d, ix), Cow::Borrowed(&[]))
    }
    fn theme_analyses(&self, ix: ThemeIx) -> Cow<'_, [ThemeLink]> {
        let v = self.list(List::ThemeAnalyses, ix.get()).map(|r| {
            Cow::Owned(
                r.chunks_exact(2)
                    .map(|c| ThemeLink {
                        analysis: AnalysisIx(c[0]),
                        via: ThemeIx(c[1]),
                    })
                    .collect(),
            )
        });
        self.or(v, |d| Store::theme_analyses(d, ix), Cow::Borrowed(&[]))
    }
    fn theme_related(&self, ix: ThemeIx) -> Cow<'_, [(ThemeIx, u32)]> {
        let v = self
            .list(List::ThemeRelated, ix.get())
            .map(|r| Cow::Owned(r.chunks_exact(2).map(|c| (ThemeIx(c[0]), c[1])).collect()));
        self.or(v, |d| Store::theme_related(d, ix), Cow::Borrowed(&[]))
    }
    fn place_implications(&self, ix: PlaceIx) -> Cow<'_, [PlaceLink]> {
        let v = self.list(List::PlaceImplications, ix.get()).map(|r| {
            Cow::Owned(
                r.chunks_exact(3)
                    .map(|c| PlaceLink {
                        implication: ImplicationIx(c[0]),
                        side: side(c[1]),
                        via: some(c[2]).map(PlaceIx),
                    })
                    .collect(),
            )
        });
        self.or(v, |d| Store::place_implications(d, ix), Cow::Borrowed(&[]))
    }
    fn place_analyses(&self, ix: PlaceIx) -> Cow<'_, [AnalysisIx]> {
        let v = self
            .ixs(List::PlaceAnalyses, ix.get(), AnalysisIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::place_analyses(d, ix), Cow::Borrowed(&[]))
    }
    fn place_actors(&self, ix: PlaceIx) -> Cow<'_, [ActorIx]> {
        let v = self
            .ixs(List::PlaceActors, ix.get(), ActorIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::place_actors(d, ix), Cow::Borrowed(&[]))
    }
    fn place_groups(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let v = self
            .ixs(List::PlaceGroups, ix.get(), PlaceIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::place_groups(d, ix), Cow::Borrowed(&[]))
    }

    // The light accessors, from columns.
    fn place_members(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let v = self
            .ixs(List::PlaceMembers, ix.get(), PlaceIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::place_members(d, ix), Cow::Borrowed(&[]))
    }
    fn place_kind(&self, ix: PlaceIx) -> PlaceKind {
        let v = self
            .u32_at(layout::PLACE_KIND, ix.get())
            .and_then(|k| PlaceKind::ALL.get(k as usize).copied());
        self.or(v, |d| d.place(ix).kind, PlaceKind::Country)
    }
    fn place_centroid(&self, ix: PlaceIx) -> LatLon {
        let v = self
            .file
            .whole(layout::PLACE_CENTROID)
            .and_then(|b| b.get(ix.get() * 16..ix.get() * 16 + 16))
            .map(|b| LatLon {
                lat: f64::from_bits(le64(b)),
                lon: f64::from_bits(le64(&b[8..])),
            });
        let blank = LatLon { lat: 0.0, lon: 0.0 };
        self.or(v, |d| d.place(ix).centroid, blank)
    }
    fn is_world_region(&self, ix: PlaceIx) -> bool {
        let v = self.u32_at(layout::WORLD_REGION, ix.get()).map(|w| w == 1);
        self.or(v, |d| d.place(ix).world_region, false)
    }
    fn place_region(&self, ix: PlaceIx) -> Option<PlaceIx> {
        let v = self.u32_at(layout::PLACE_REGION, ix.get()).map(some);
        self.or(v, |d| Store::place_region(d, ix).map(|p| p.0), None)
            .map(PlaceIx)
    }
    fn place_ground(&self, ix: PlaceIx) -> Cow<'_, [PlaceIx]> {
        let v = self
            .ixs(List::PlaceGround, ix.get(), PlaceIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::place_ground(d, ix), Cow::Borrowed(&[]))
    }
    fn implication_ground(&self, ix: ImplicationIx, s: Side) -> Cow<'_, [PlaceIx]> {
        let list = layout::by_side(s, List::ImplicationGroundFrom, List::ImplicationGroundTo);
        let v = self.ixs(list, ix.get(), PlaceIx).map(Cow::Owned);
        self.or(
            v,
            |d| Store::implication_ground(d, ix, s),
            Cow::Borrowed(&[]),
        )
    }
    fn actor_kind(&self, ix: ActorIx) -> ActorKind {
        let v = self
            .u32_at(layout::ACTOR_KIND, ix.get())
            .and_then(|k| ActorKind::ALL.get(k as usize).copied());
        self.or(v, |d| d.actor(ix).kind, ActorKind::Group)
    }
    fn actor_country(&self, ix: ActorIx) -> Option<PlaceIx> {
        let v = self.u32_at(layout::ACTOR_COUNTRY, ix.get()).map(some);
        self.or(v, |d| Store::actor_country(d, ix).map(|p| p.0), None)
            .map(PlaceIx)
    }
    fn event_date(&self, ix: AnalysisIx) -> PartialDate {
        let v = self.u32_at(layout::EVENT_DATE, ix.get()).map(unpack_date);
        self.or(v, |d| d.analysis(ix).event_date, unpack_date(0))
    }
    fn perspective(&self, ix: AnalysisIx) -> Cow<'_, str> {
        let v = self.u32_at(layout::PERSPECTIVE, ix.get()).and_then(|p| {
            self.text(layout::PERSPECTIVES_AT, layout::PERSPECTIVES, p as usize)
                .map(Cow::Borrowed)
        });
        self.or(
            v,
            |d| Cow::Borrowed(d.analysis(ix).perspective.as_str()),
            Cow::Borrowed(""),
        )
    }
    fn analysis_places(&self, ix: AnalysisIx) -> Cow<'_, [PlaceIx]> {
        let v = self
            .ixs(List::AnalysisPlaces, ix.get(), PlaceIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::analysis_places(d, ix), Cow::Borrowed(&[]))
    }
    fn analysis_themes(&self, ix: AnalysisIx) -> Cow<'_, [ThemeIx]> {
        let v = self
            .ixs(List::AnalysisThemes, ix.get(), ThemeIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::analysis_themes(d, ix), Cow::Borrowed(&[]))
    }
    fn analysis_actors(&self, ix: AnalysisIx) -> Cow<'_, [ActorIx]> {
        let v = self
            .ixs(List::AnalysisActors, ix.get(), ActorIx)
            .map(Cow::Owned);
        self.or(v, |d| Store::analysis_actors(d, ix), Cow::Borrowed(&[]))
    }
    fn perspectives(&self) -> Vec<String> {
        let v = self.span(layout::PERSPECTIVES_AT, 0).and_then(|_| {
            let n = self.file.whole(layout::PERSPECTIVES_AT)?.len() / 8 - 1;
            (0..n)
                .map(|i| {
                    self.text(layout::PERSPECTIVES_AT, layout::PERSPECTIVES, i)
                        .map(str::to_owned)
                })
                .collect::<Option<Vec<String>>>()
        });
        self.or(v, Store::perspectives, Vec::new())
    }
    fn years(&self) -> Vec<u16> {
        let v = self
            .u32s(layout::YEARS)
            .map(|y| y.into_iter().map(|y| y as u16).collect());
        self.or(v, Store::years, Vec::new())
    }
    fn implication_facts(&self, ix: ImplicationIx) -> ImplicationFacts {
        let v = self.try_facts(ix);
        let blank = ImplicationFacts {
            analysis: AnalysisIx(0),
            channel: Channel::Diplomacy,
            horizon: Horizon::Short,
            likelihood: Likelihood::RoughlyEven,
            confidence: Confidence::Low,
            outcome: None,
        };
        self.or(v, |d| d.implication_facts(ix), blank)
    }
    fn implication_places(&self, ix: ImplicationIx, s: Side) -> Cow<'_, [PlaceIx]> {
        let list = layout::by_side(s, List::ImplicationPlacesFrom, List::ImplicationPlacesTo);
        let v = self.ixs(list, ix.get(), PlaceIx).map(Cow::Owned);
        self.or(
            v,
            |d| Store::implication_places(d, ix, s),
            Cow::Borrowed(&[]),
        )
    }
    fn implication_actors(&self, ix: ImplicationIx, s: Side) -> Cow<'_, [ActorIx]> {
        let list = layout::by_side(s, List::ImplicationActorsFrom, List::ImplicationActorsTo);
        let v = self.ixs(list, ix.get(), ActorIx).map(Cow::Owned);
        self.or(
            v,
            |d| Store::implication_actors(d, ix, s),
            Cow::Borrowed(&[]),
        )
    }
    fn name(&self, target: Target) -> Cow<'_, str> {
        let kind = target.list();
        if kind == ListKind::Implications {
            return Cow::Owned(self.id(target));
        }
        let i = target.entity_index();
        let v = self
            .text(layout::names_at(kind), layout::names(kind), i)
            .map(Cow::Borrowed);
        self.or(v, |d| Store::name(d, target), Cow::Borrowed(""))
    }
    fn id(&self, target: Target) -> String {
        if let Target::Implication(ix) = target {
            return self.implication_id(ix);
        }
        let v = self
            .id_of(target.list(), target.entity_index())
            .map(str::to_owned);
        self.or(v, |d| Store::id(d, target), String::new())
    }
    fn search_index(&self) -> Option<&(dyn std::any::Any + Send + Sync)> {
        Some(&self.index)
    }
    fn facet_counts(&self, kind: ListKind, facet: usize) -> Option<Cow<'_, [u32]>> {
        // Empty: a facet the index does not count.
        let v = self
            .list(List::FacetCounts, layout::facet_slot(kind, facet))
            .map(|c| (!c.is_empty()).then_some(Cow::Owned(c)));
        // Counting in memory is what a rebuilt store would do.
        self.or(v, |_| None, None)
    }
    fn notice(&self) -> Option<String> {
        self.recovery.take_notice()
    }
    fn order(&self, kind: ListKind, order: Order) -> Option<Cow<'_, [u32]>> {
        let v = self
            .u32s(layout::order(kind, order))
            .map(|r| Some(Cow::Owned(r)));
        // Sorting the data in memory is what the rebuilt store would do anyway.
        self.or(v, |_| None, None)
    }
}
