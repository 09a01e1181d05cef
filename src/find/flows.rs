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
        let id = |p: PlaceIx| data.place(p).id.clone();
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
                "name": data.place(p).name,
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

/// The matrix of these implications.
pub fn matrix_of(data: &dyn Store, geo: &Geo, items: &[Target], grain: Grain) -> Matrix {
    // First the areas of every end, numbered densely as they are met; then the cells, on a
    // grid while it is small enough to be the quickest way (by country, an end naming
    // Sub-Saharan Africa meets 49 countries), else by hashing.
    let mut number = vec![u32::MAX; data.count(ListKind::Places)];
    let mut areas: Vec<PlaceIx> = Vec::new();
    let mut ends: Vec<u32> = Vec::new();
    let mut flows: Vec<(u32, u32, u32, f64)> = Vec::new();
    let (mut rows, mut columns): (Vec<Tally>, Vec<Tally>) = (Vec::new(), Vec::new());
    let (mut total, mut unplaced) = (Tally::default(), 0);
    let mut end = Vec::new();
    for &t in &in_store_order(items) {
        let Target::Implication(ix) = t else { continue };
        let start = ends.len() as u32;
        let mut split = start;
        for side in [Side::Origin, Side::Affected] {
            let places = data.implication_places(ix, side);
            if places.is_empty() {
                geo.areas_into(&geo.end(data, ix, side), grain, &mut end);
            } else {
                geo.places_into(&places, grain, &mut end);
            }
            for &p in &end {
                let slot = &mut number[p.get()];
                if *slot == u32::MAX {
                    *slot = areas.len() as u32;
                    areas.push(p);
                }
                ends.push(*slot);
            }
            if side == Side::Origin {
                split = ends.len() as u32;
            }
        }
        let stop = ends.len() as u32;
        if split == start || stop == split {
            unplaced += 1;
            ends.truncate(start as usize);
            continue;
        }
        let w = probability(data.implication_facts(ix).likelihood);
        total.add(w);
        rows.resize(areas.len(), Tally::default());
        columns.resize(areas.len(), Tally::default());
        for &a in &ends[start as usize..split as usize] {
            rows[a as usize].add(w);
        }
        for &b in &ends[split as usize..stop as usize] {
            columns[b as usize].add(w);
        }
        flows.push((start, split, stop, w));
    }
    let n = areas.len();
    rows.resize(n, Tally::default());
    columns.resize(n, Tally::default());
    // A grid costs its size to clear and read back; hashing costs each pair counted.
    let counted: usize = flows
        .iter()
        .map(|&(start, split, stop, _)| ((split - start) * (stop - split)) as usize)
        .sum();
    let mut pairs: Vec<((u32, u32), Tally)> = if n * n <= (counted * 4).min(1 << 22) {
        // Counts and thousandths of a probability (every ICD-203 midpoint is a whole number of
        // them, so the sums are exact): half the memory of a grid of tallies.
        let mut grid = vec![[0u32; 2]; n * n];
        for &(start, split, stop, w) in &flows {
            let milli = (w * 1000.0).round() as u32;
            for &a in &ends[start as usize..split as usize] {
                let row = &mut grid[a as usize * n..(a as usize + 1) * n];
                for &b in &ends[split as usize..stop as usize] {
                    let cell = &mut row[b as usize];
                    cell[0] += 1;
                    cell[1] += milli;
                }
            }
        }
        grid.into_iter()
            .enumerate()
            .filter(|(_, [count, _])| *count > 0)
            .map(|(i, [count, milli])| {
                let t = Tally {
                    count,
                    weight: f64::from(milli) / 1000.0,
                };
                (((i / n) as u32, (i % n) as u32), t)
            })
            .collect()
    } else {
        let mut hashed: HashMap<(u32, u32), Tally> = HashMap::new();
        for &(start, split, stop, w) in &flows {
            for &a in &ends[start as usize..split as usize] {
                for &b in &ends[split as usize..stop as usize] {
                    hashed.entry((a, b)).or_default().add(w);
                }
            }
        }
        hashed.into_iter().collect()
    };
    // Into reading order.
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_cached_key(|&i| area_order(data, geo, areas[i as usize], grain));
    let mut place_of = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        place_of[old as usize] = new as u32;
    }
    for ((a, b), _) in &mut pairs {
        (*a, *b) = (place_of[*a as usize], place_of[*b as usize]);
    }
    pairs.sort_unstable_by_key(|(at, _)| *at);
    let max = pairs.iter().fold((0, 0.0), |(c, w): (u32, f64), (_, t)| {
        (c.max(t.count), w.max(t.weight))
    });
    Matrix {
        grain,
        areas: order.iter().map(|&i| areas[i as usize]).collect(),
        rows: order.iter().map(|&i| rows[i as usize]).collect(),
        columns: order.iter().map(|&i| columns[i as usize]).collect(),
        cells: pairs,
        max,
        total,
        unplaced,
    }
}

/// Areas read in a fixed order whatever the filter: world regions as the dataset lists them, then
/// countries standing alone, then the rest (the World); countries by home region, then by name.
pub fn area_order(data: &dyn Store, geo: &Geo, p: PlaceIx, grain: Grain) -> (u8, u32, String, u32) {
    let name = data.place(p).name.to_lowercase();
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
    let mut places: Vec<(PlaceIx, u32)> = named_by
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(p, &n)| (PlaceIx(p as u32), n))
        .collect();
    places.sort_by(|a, b| {
        let (pa, pb) = (data.place(a.0), data.place(b.0));
        pa.centroid
            .lon
            .total_cmp(&pb.centroid.lon)
            .then(a.0.cmp(&b.0))
    });
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
