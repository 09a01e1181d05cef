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
    /// The cells that count something, by (row, column): most are empty, and by country, or with
    /// a thousand regions of a synthetic archive, a full grid would take megabytes.
    pub cells: HashMap<(u32, u32), Tally>,
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
        self.cells
            .get(&(row as u32, column as u32))
            .copied()
            .unwrap_or_default()
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
        let mut order: Vec<(&(u32, u32), &Tally)> = self.cells.iter().collect();
        order.sort_unstable_by_key(|(at, _)| **at);
        let cells: Vec<Json> = order
            .into_iter()
            .map(|(&(r, c), t)| {
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

/// The matrix of these implications.
pub fn matrix_of(data: &dyn Store, geo: &Geo, items: &[Target], grain: Grain) -> Matrix {
    // Cells by area pair first; the areas and their order come after.
    let mut pairs: HashMap<(PlaceIx, PlaceIx), Tally> = HashMap::new();
    let mut rows: HashMap<PlaceIx, Tally> = HashMap::new();
    let mut columns: HashMap<PlaceIx, Tally> = HashMap::new();
    let (mut total, mut unplaced) = (Tally::default(), 0);
    let (mut from, mut to) = (Vec::new(), Vec::new());
    for &t in items {
        let Target::Implication(ix) = t else { continue };
        geo.areas_into(&geo.end(data, ix, Side::Origin), grain, &mut from);
        geo.areas_into(&geo.end(data, ix, Side::Affected), grain, &mut to);
        if from.is_empty() || to.is_empty() {
            unplaced += 1;
            continue;
        }
        let w = probability(data.implication_facts(ix).likelihood);
        total.add(w);
        for &a in &from {
            rows.entry(a).or_default().add(w);
            for &b in &to {
                pairs.entry((a, b)).or_default().add(w);
            }
        }
        for &b in &to {
            columns.entry(b).or_default().add(w);
        }
    }
    let mut areas: Vec<PlaceIx> = rows.keys().chain(columns.keys()).copied().collect();
    areas.sort_unstable();
    areas.dedup();
    areas.sort_by_cached_key(|&p| area_order(data, geo, p, grain));
    let at: HashMap<PlaceIx, u32> = areas
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, i as u32))
        .collect();
    let cells: HashMap<(u32, u32), Tally> = pairs
        .into_iter()
        .map(|((a, b), t)| ((at[&a], at[&b]), t))
        .collect();
    let max = cells.values().fold((0, 0.0), |(c, w): (u32, f64), t| {
        (c.max(t.count), w.max(t.weight))
    });
    Matrix {
        max,
        grain,
        rows: areas
            .iter()
            .map(|a| rows.get(a).copied().unwrap_or_default())
            .collect(),
        columns: areas
            .iter()
            .map(|a| columns.get(a).copied().unwrap_or_default())
            .collect(),
        areas,
        cells,
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
    let mut places: HashMap<PlaceIx, u32> = HashMap::new();
    let mut routes: HashMap<(PlaceIx, PlaceIx), u32> = HashMap::new();
    for &t in items {
        let Target::Implication(ix) = t else { continue };
        let from = named(data, ix, Side::Origin, geo);
        let to = named(data, ix, Side::Affected, geo);
        for &p in from.iter().chain(&to) {
            *places.entry(p).or_default() += 1;
        }
        for &a in &from {
            for &b in &to {
                if a != b {
                    *routes.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    let mut places: Vec<(PlaceIx, u32)> = places.into_iter().collect();
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
        .map(|((from, to), count)| Route { from, to, count })
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
