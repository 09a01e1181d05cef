//! The numbers of the flow matrix and the world map: which areas implications run between, how
//! many, and how likely. Computed from the store and a filter, once per filter change; the explorer
//! and `geolens view matrix --json` call the same functions, so screen and JSON agree.

use foldhash::{HashMap, HashMapExt};
use serde_json::{Value as Json, json};

use super::filter::{Filter, members};
use super::geo::{Geo, Grain};
use crate::data::model::{Likelihood, PlaceKind};
use crate::data::{ImplicationIx, ListKind, PlaceIx, Side, Store, Target};

/// The midpoint of each ICD-203 band, as a probability: what a weighted count adds for one
/// implication. "Likely" (55-80%) counts 0.675, "almost certain" (95-99%) 0.97.
pub fn probability(l: Likelihood) -> f64 {
    match l {
        Likelihood::AlmostNoChance => 0.03,
        Likelihood::VeryUnlikely => 0.125,
        Likelihood::Unlikely => 0.325,
        Likelihood::RoughlyEven => 0.5,
        Likelihood::Likely => 0.675,
        Likelihood::VeryLikely => 0.875,
        Likelihood::AlmostCertain => 0.97,
    }
}

/// A count of implications, and the same weighted by likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    pub count: u32,
    pub weight: f64,
}

impl Tally {
    pub(crate) fn add(&mut self, weight: f64) {
        self.count += 1;
        self.weight += weight;
    }

    /// The figure shown: the count, or the weight.
    pub fn value(&self, weighted: bool) -> f64 {
        if weighted {
            self.weight
        } else {
            f64::from(self.count)
        }
    }

    pub fn json(&self) -> Json {
        json!({ "count": self.count, "weighted": round2(self.weight) })
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Implications between areas: rows are where they start, columns where they end, both in the
/// same order. An implication with several origins or destinations counts in each cell it
/// touches; the totals count it once.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub grain: Grain,
    /// The areas that start or end at least one implication, rows and columns alike.
    pub areas: Vec<PlaceIx>,
    /// The cells that count something, by (row, column), in row-major order: most are empty,
    /// and by country, or with a thousand regions of a synthetic archive, a full grid would take
    /// tens of megabytes to keep.
    pub cells: Vec<((u32, u32), Tally)>,
    /// The largest cell, counted and weighted, for shading.
    pub max: (u32, f64),
    /// Implications starting in each area (each counted once).
    pub rows: Vec<Tally>,
    /// Implications ending in each area.
    pub columns: Vec<Tally>,
    /// Implications with both ends placed: the matrix's whole.
    pub total: Tally,
    /// Implications left out because an end names no place and no actor with a country.
    pub unplaced: u32,
}

impl Matrix {
    pub fn cell(&self, row: usize, column: usize) -> Tally {
        let at = (row as u32, column as u32);
        self.cells
            .binary_search_by_key(&at, |(k, _)| *k)
            .map_or(Tally::default(), |i| self.cells[i].1)
    }

    /// The largest cell, for shading.
    pub fn max_cell(&self, weighted: bool) -> f64 {
        if weighted {
            self.max.1
        } else {
            f64::from(self.max.0)
        }
    }

    pub fn position(&self, area: PlaceIx) -> Option<usize> {
        self.areas.iter().position(|&a| a == area)
    }

    pub fn json(&self, data: &dyn Store) -> Json {
        let id = |p: PlaceIx| data.id(Target::Place(p));
        let cells: Vec<Json> = self
            .cells
            .iter()
            .map(|&((r, c), t)| {
                json!({
                    "from": id(self.areas[r as usize]), "to": id(self.areas[c as usize]),
                    "count": t.count, "weighted": round2(t.weight),
                })
            })
            .collect();
        json!({
            "view": "matrix",
            "by": self.grain.name(),
            "areas": self.areas.iter().enumerate().map(|(i, &p)| json!({
                "id": id(p),
                "name": data.name(Target::Place(p)),
                "from": self.rows[i].json(),
                "to": self.columns[i].json(),
            })).collect::<Vec<_>>(),
            "cells": cells,
            "total": self.total.json(),
            "unplaced": self.unplaced,
        })
    }
}

/// The matrix of the implications that pass `filter`.
pub fn matrix(data: &dyn Store, geo: &Geo, filter: &Filter, grain: Grain) -> Matrix {
    let items = members(data, ListKind::Implications, filter);
    matrix_of(data, geo, &items, grain)
}

/// The items in the order the store keeps them. Counting does not care about order, and columns
/// read in order stay in cache: a list sorted newest first visits them all over the place.
pub(crate) fn in_store_order(items: &[Target]) -> Vec<Target> {
    let mut sorted = items.to_vec();
    sorted.sort_unstable_by_key(|t| t.entity_index());
    sorted
}

/// Implications counted together: they start in the rows `ends[from.0..from.1]` and reach the
/// columns `ends[to.0..to.1]`; `count` of them, weighing `milli` thousandths in all.
#[derive(Debug, Clone, Copy)]
struct Flow {
    from: (u32, u32),
    to: (u32, u32),
    count: u32,
    milli: u32,
}

/// A count and a weight in thousandths of a probability: every ICD-203 midpoint is a whole
/// number of them, so sums in any order are exact.
type Milli = [u32; 2];

fn add(to: &mut Milli, from: Milli) {
    to[0] += from[0];
    to[1] += from[1];
}

fn tally([count, milli]: Milli) -> Tally {
    Tally {
        count,
        weight: f64::from(milli) / 1000.0,
    }
}

/// Areas numbered densely as they are met, their numbers kept in one buffer of ends.
struct Areas {
    number: Vec<u32>,
    areas: Vec<PlaceIx>,
    ends: Vec<u32>,
    /// Where each place's own areas are in `ends`, once asked for.
    of_place: Vec<Option<(u32, u32)>>,
}

impl Areas {
    fn push(&mut self, p: PlaceIx) {
        let slot = &mut self.number[p.get()];
        if *slot == u32::MAX {
            *slot = self.areas.len() as u32;
            self.areas.push(p);
        }
        self.ends.push(*slot);
    }

    fn span(&self, start: usize) -> (u32, u32) {
        (start as u32, self.ends.len() as u32)
    }

    /// The areas a place falls in, pushed the first time.
    fn of(&mut self, geo: &Geo, p: PlaceIx, grain: Grain) -> (u32, u32) {
        if let Some(span) = self.of_place[p.get()] {
            return span;
        }
        let start = self.ends.len();
        for &a in geo.place_areas(p, grain) {
            self.push(a);
        }
        let span = self.span(start);
        self.of_place[p.get()] = Some(span);
        span
    }
}

/// The matrix of these implications.
pub fn matrix_of(data: &dyn Store, geo: &Geo, items: &[Target], grain: Grain) -> Matrix {
    // Most implications name places whose areas do not overlap (one country; a country and a
    // region it is not in): they count in the cells of each pair of places they name, and the
    // same pairs recur (Europe to Sub-Saharan Africa is 2,205 cells by country), so these are
    // gathered by pair of places and each pair's areas worked out once. The rest (ends named by
    // actors only, places that overlap) are counted one by one from what their ends cover.
    let places = data.count(ListKind::Places);
    let mut at = Areas {
        number: vec![u32::MAX; places],
        areas: Vec::new(),
        ends: Vec::new(),
        of_place: vec![None; places],
    };
    let mut flows: Vec<Flow> = Vec::new();
    let mut by_places: HashMap<(PlaceIx, PlaceIx), Milli> = HashMap::new();
    let (mut from_place, mut to_place) = (vec![[0u32; 2]; places], vec![[0u32; 2]; places]);
    let (mut total, mut unplaced) = ([0u32; 2], 0);
    let mut covered = Vec::new();
    let mut one_by_one = Vec::new();
    for &t in &in_store_order(items) {
        let Target::Implication(ix) = t else { continue };
        let milli = (probability(data.implication_facts(ix).likelihood) * 1000.0).round() as u32;
        let named = [Side::Origin, Side::Affected].map(|side| data.implication_places(ix, side));
        let apart = |places: &[PlaceIx], covered: &mut Vec<PlaceIx>| match places {
            [] => false,
            [_] => true,
            more => {
                geo.places_into(more, grain, covered);
                let each: usize = more.iter().map(|&p| geo.place_areas(p, grain).len()).sum();
                each == covered.len()
            }
        };
        if apart(&named[0], &mut covered) && apart(&named[1], &mut covered) {
            add(&mut total, [1, milli]);
            for &p in named[0].iter() {
                add(&mut from_place[p.get()], [1, milli]);
                for &q in named[1].iter() {
                    add(by_places.entry((p, q)).or_default(), [1, milli]);
                }
            }
            for &q in named[1].iter() {
                add(&mut to_place[q.get()], [1, milli]);
            }
            continue;
        }
        let start = at.ends.len();
        let mut split = start;
        for (side, places) in [Side::Origin, Side::Affected].into_iter().zip(&named) {
            if places.is_empty() {
                geo.areas_into(&geo.end(data, ix, side), grain, &mut covered);
            } else {
                geo.places_into(places, grain, &mut covered);
            }
            for &p in &covered {
                at.push(p);
            }
            if side == Side::Origin {
                split = at.ends.len();
            }
        }
        if split == start || at.ends.len() == split {
            unplaced += 1;
            at.ends.truncate(start);
            continue;
        }
        add(&mut total, [1, milli]);
        one_by_one.push(Flow {
            from: (start as u32, split as u32),
            to: (split as u32, at.ends.len() as u32),
            count: 1,
            milli,
        });
    }
    // Row and column totals: each implication once in each area its ends fall in.
    let mut rows: Vec<Milli> = Vec::new();
    let mut columns: Vec<Milli> = Vec::new();
    let into = |sums: &mut Vec<Milli>, ends: &[u32], m: Milli, n: usize| {
        sums.resize(n, [0, 0]);
        for &a in ends {
            add(&mut sums[a as usize], m);
        }
    };
    for f in &one_by_one {
        let n = at.areas.len();
        into(
            &mut rows,
            &at.ends[f.from.0 as usize..f.from.1 as usize],
            [1, f.milli],
            n,
        );
        into(
            &mut columns,
            &at.ends[f.to.0 as usize..f.to.1 as usize],
            [1, f.milli],
            n,
        );
    }
    for p in 0..places {
        let (from, to) = (from_place[p], to_place[p]);
        if from[0] + to[0] == 0 {
            continue;
        }
        let span = at.of(geo, PlaceIx(p as u32), grain);
        let n = at.areas.len();
        let ends = &at.ends[span.0 as usize..span.1 as usize];
        into(&mut rows, ends, from, n);
        into(&mut columns, ends, to, n);
    }
    flows.extend(one_by_one);
    for ((p, q), [count, milli]) in by_places {
        let (from, to) = (at.of(geo, p, grain), at.of(geo, q, grain));
        flows.push(Flow {
            from,
            to,
            count,
            milli,
        });
    }
    let n = at.areas.len();
    rows.resize(n, [0, 0]);
    columns.resize(n, [0, 0]);
    // Areas into reading order first, so that cells come out of the count already sorted.
    let areas = at.areas;
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_cached_key(|&i| area_order(data, geo, areas[i as usize], grain));
    let mut place_of = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        place_of[old as usize] = new as u32;
    }
    let mut ends = at.ends;
    for e in &mut ends {
        *e = place_of[*e as usize];
    }
    let pairs = count_cells(n, &ends, &flows);
    let max = pairs.iter().fold((0, 0.0), |(c, w): (u32, f64), (_, t)| {
        (c.max(t.count), w.max(t.weight))
    });
    Matrix {
        grain,
        areas: order.iter().map(|&i| areas[i as usize]).collect(),
        rows: order.iter().map(|&i| tally(rows[i as usize])).collect(),
        columns: order.iter().map(|&i| tally(columns[i as usize])).collect(),
        cells: pairs,
        max,
        total: tally(total),
        unplaced,
    }
}

/// The cells of the matrix, row by row: for each row, the flows that start there add into one
/// row of counts that stays in cache, where a whole grid of two thousand areas squared would be
/// 32 MB to clear and read back.
fn count_cells(n: usize, ends: &[u32], flows: &[Flow]) -> Vec<((u32, u32), Tally)> {
    // The flows starting in each row, as one list cut at `at`.
    let mut at = vec![0u32; n + 1];
    for f in flows {
        for &a in &ends[f.from.0 as usize..f.from.1 as usize] {
            at[a as usize + 1] += 1;
        }
    }
    for r in 0..n {
        at[r + 1] += at[r];
    }
    let mut fill = at.clone();
    let mut by_row = vec![0u32; at[n] as usize];
    for (i, f) in flows.iter().enumerate() {
        for &a in &ends[f.from.0 as usize..f.from.1 as usize] {
            by_row[fill[a as usize] as usize] = i as u32;
            fill[a as usize] += 1;
        }
    }
    let mut row: Vec<Milli> = vec![[0, 0]; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut cells = Vec::new();
    for r in 0..n {
        for &i in &by_row[at[r] as usize..at[r + 1] as usize] {
            let f = flows[i as usize];
            for &b in &ends[f.to.0 as usize..f.to.1 as usize] {
                let cell = &mut row[b as usize];
                if cell[0] == 0 {
                    touched.push(b);
                }
                add(cell, [f.count, f.milli]);
            }
        }
        touched.sort_unstable();
        for &b in &touched {
            cells.push(((r as u32, b), tally(std::mem::take(&mut row[b as usize]))));
        }
        touched.clear();
    }
    cells
}

/// Areas read in a fixed order whatever the filter: world regions as the dataset lists them, then
/// countries standing alone, then the rest (the World); countries by home region, then by name.
pub fn area_order(data: &dyn Store, geo: &Geo, p: PlaceIx, grain: Grain) -> (u8, u32, String, u32) {
    let name = data.name(Target::Place(p)).to_lowercase();
    let region = geo.area(p, Grain::Region);
    let (group, within, name) = match grain {
        Grain::Region if data.is_world_region(p) => (0, p.0, String::new()),
        Grain::Region if data.place_kind(p) == PlaceKind::Country => (1, 0, name),
        Grain::Region => (2, 0, name),
        Grain::Country if region != p => (0, region.0, name),
        Grain::Country if data.place_kind(p) == PlaceKind::Country => (1, 0, name),
        Grain::Country => (2, 0, name),
    };
    (group, within, name, p.0)
}

/// A line of the map: implications from one named place to another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Route {
    pub from: PlaceIx,
    pub to: PlaceIx,
    pub count: u32,
}

/// What the map draws: the places the implications name, and the busiest routes between them.
#[derive(Debug, Clone, Default)]
pub struct MapData {
    /// Places named at either end, west to east, each with how many implications name it.
    pub places: Vec<(PlaceIx, u32)>,
    /// The routes with the most implications, most first, at most [`MAX_ROUTES`].
    pub routes: Vec<Route>,
    /// All the distinct routes, drawn or not.
    pub route_count: usize,
}

/// The map draws at most this many routes: at 100,000 analyses there are tens of thousands, a
/// tangle nobody could read and a frame too slow to draw.
pub const MAX_ROUTES: usize = 150;

/// The places an implication names at one end, as the map draws them: its places (a region at
/// its centroid), or the countries of its actors. A region without members (the World) has no
/// one place on a map.
pub fn named(data: &dyn Store, ix: ImplicationIx, side: Side, geo: &Geo) -> Vec<PlaceIx> {
    let places = data.implication_places(ix, side);
    let list: Vec<PlaceIx> = if places.is_empty() {
        geo.end(data, ix, side).into_owned()
    } else {
        places.to_vec()
    };
    list.into_iter().filter(|&p| on_map(data, p)).collect()
}

fn on_map(data: &dyn Store, p: PlaceIx) -> bool {
    data.place_kind(p) != PlaceKind::Region || !data.place_members(p).is_empty()
}

pub fn map_data(data: &dyn Store, geo: &Geo, items: &[Target]) -> MapData {
    let n = data.count(ListKind::Places);
    let drawn: Vec<bool> = (0..n as u32).map(|p| on_map(data, PlaceIx(p))).collect();
    let mut named_by = vec![0u32; n];
    let mut routes: HashMap<u64, u32> = HashMap::new();
    let (mut from, mut to) = (Vec::new(), Vec::new());
    let ends = |ix: ImplicationIx, side: Side, out: &mut Vec<PlaceIx>| {
        out.clear();
        let places = data.implication_places(ix, side);
        if places.is_empty() {
            out.extend(geo.end(data, ix, side).iter().copied());
        } else {
            out.extend_from_slice(&places);
        }
        out.retain(|p| drawn[p.get()]);
    };
    for &t in &in_store_order(items) {
        let Target::Implication(ix) = t else { continue };
        ends(ix, Side::Origin, &mut from);
        ends(ix, Side::Affected, &mut to);
        for p in from.iter().chain(&to) {
            named_by[p.get()] += 1;
        }
        for &a in &from {
            for &b in &to {
                if a != b {
                    *routes
                        .entry(u64::from(a.0) << 32 | u64::from(b.0))
                        .or_default() += 1;
                }
            }
        }
    }
    let places: Vec<(PlaceIx, u32)> = named_by
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(p, &n)| (PlaceIx(p as u32), n))
        .collect();
    // West to east, each centroid read once.
    let mut by_lon: Vec<(f64, (PlaceIx, u32))> = places
        .into_iter()
        .map(|x| (data.place_centroid(x.0).lon, x))
        .collect();
    by_lon.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.0.cmp(&b.1.0)));
    let places: Vec<(PlaceIx, u32)> = by_lon.into_iter().map(|(_, x)| x).collect();
    let route_count = routes.len();
    let mut routes: Vec<Route> = routes
        .into_iter()
        .map(|(k, count)| Route {
            from: PlaceIx((k >> 32) as u32),
            to: PlaceIx((k & 0xffff_ffff) as u32),
            count,
        })
        .collect();
    routes.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    routes.truncate(MAX_ROUTES);
    MapData {
        places,
        routes,
        route_count,
    }
}
