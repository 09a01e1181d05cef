//! The numbers of the outlook grid: implications by likelihood (the ICD-203 words) and horizon.
//! The explorer and `geolens view outlook --json` both call [`outlook`].

use serde_json::{Value as Json, json};

use super::filter::{Filter, members};
use super::flows::{Tally, probability};
use crate::data::model::{Horizon, Likelihood};
use crate::data::{ListKind, Store, Target};

/// Likelihood rows, most likely first, by horizon columns, soonest first.
#[derive(Debug, Clone, Default)]
pub struct Outlook {
    /// `ROWS.len()` by `COLUMNS.len()`, row-major.
    pub cells: Vec<Tally>,
    pub rows: Vec<Tally>,
    pub columns: Vec<Tally>,
    pub total: Tally,
}

/// The rows, top to bottom: almost certain first.
pub const ROWS: [Likelihood; 7] = [
    Likelihood::AlmostCertain,
    Likelihood::VeryLikely,
    Likelihood::Likely,
    Likelihood::RoughlyEven,
    Likelihood::Unlikely,
    Likelihood::VeryUnlikely,
    Likelihood::AlmostNoChance,
];

pub const COLUMNS: [Horizon; 3] = [Horizon::Short, Horizon::Medium, Horizon::Long];

impl Outlook {
    pub fn cell(&self, row: usize, column: usize) -> Tally {
        self.cells
            .get(row * COLUMNS.len() + column)
            .copied()
            .unwrap_or_default()
    }

    pub fn max_cell(&self) -> u32 {
        self.cells.iter().map(|t| t.count).max().unwrap_or(0)
    }

    pub fn json(&self) -> Json {
        let mut cells = Vec::new();
        for (r, l) in ROWS.iter().enumerate() {
            for (c, h) in COLUMNS.iter().enumerate() {
                let t = self.cell(r, c);
                cells.push(json!({
                    "likelihood": l.as_str(), "horizon": h.as_str(),
                    "count": t.count, "weighted": t.json()["weighted"],
                }));
            }
        }
        json!({
            "view": "outlook",
            "cells": cells,
            "likelihoods": ROWS.iter().zip(&self.rows).map(|(l, t)| json!({
                "likelihood": l.as_str(), "count": t.count,
            })).collect::<Vec<_>>(),
            "horizons": COLUMNS.iter().zip(&self.columns).map(|(h, t)| json!({
                "horizon": h.as_str(), "count": t.count,
            })).collect::<Vec<_>>(),
            "total": self.total.json(),
        })
    }
}

/// The grid of the implications that pass `filter`.
pub fn outlook(data: &dyn Store, filter: &Filter) -> Outlook {
    outlook_of(data, &members(data, ListKind::Implications, filter))
}

pub fn outlook_of(data: &dyn Store, items: &[Target]) -> Outlook {
    let mut o = Outlook {
        cells: vec![Tally::default(); ROWS.len() * COLUMNS.len()],
        rows: vec![Tally::default(); ROWS.len()],
        columns: vec![Tally::default(); COLUMNS.len()],
        total: Tally::default(),
    };
    for &t in &super::flows::in_store_order(items) {
        let Target::Implication(ix) = t else { continue };
        let facts = data.implication_facts(ix);
        let r = ROWS
            .iter()
            .position(|&l| l == facts.likelihood)
            .unwrap_or(0);
        let c = COLUMNS
            .iter()
            .position(|&h| h == facts.horizon)
            .unwrap_or(0);
        let w = probability(facts.likelihood);
        o.cells[r * COLUMNS.len() + c].add(w);
        o.rows[r].add(w);
        o.columns[c].add(w);
        o.total.add(w);
    }
    o
}
