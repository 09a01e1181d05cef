//! The flow matrix's state and keys: a cursor on a cell (held by area, not by row number, so a
//! new filter leaves it on the same pair), the grouping, and whether counts are weighted.

use super::App;
use super::action::Action;
use crate::data::{ListKind, PlaceIx, Store, Target};
use crate::find::flows::{self, Matrix, Tally};
use crate::find::geo::{Geo, Grain};
use crate::find::{Cell, Filter};

/// A row or column of the matrix: an area, or the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Area(PlaceIx),
    Total,
}

#[derive(Debug, Clone, Default)]
pub struct MatrixView {
    pub grain: Grain,
    /// Show counts weighted by likelihood instead of plain counts.
    pub weighted: bool,
    /// The cursor; unset, it starts on the first cell.
    pub row: Option<Pick>,
    pub column: Option<Pick>,
    pub numbers: Matrix,
    /// The widest row label ("  3 Europe", "KZ Kazakhstan"), measured when counting rather than
    /// at each frame.
    pub label_width: usize,
    /// The filter and grouping the numbers were counted for.
    counted: Option<(Filter, Grain)>,
    /// The numbers counted before these, for Back after a drill-down.
    previous: Option<((Filter, Grain), Matrix, usize)>,
}

impl MatrixView {
    pub(super) fn refresh(
        &mut self,
        data: &dyn Store,
        geo: &Geo,
        filter: &Filter,
        items: &[Target],
    ) {
        let key = (filter.clone(), self.grain);
        if self.counted.as_ref() == Some(&key) {
            return;
        }
        let old = self.counted.take().map(|k| {
            let numbers = std::mem::take(&mut self.numbers);
            (k, numbers, self.label_width)
        });
        if let Some((_, numbers, width)) = self.previous.take().filter(|(k, _, _)| *k == key) {
            self.numbers = numbers;
            self.label_width = width;
            self.counted = Some(key);
            self.previous = old;
            return;
        }
        self.previous = old;
        self.numbers = flows::matrix_of(data, geo, items, self.grain);
        self.label_width = self
            .numbers
            .areas
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                let key = match self.grain {
                    Grain::Country => data.id(Target::Place(p)).chars().count().max(3),
                    Grain::Region => (i + 1).to_string().len().max(3),
                };
                key + 1
                    + unicode_width::UnicodeWidthStr::width(data.name(Target::Place(p)).as_ref())
            })
            .max()
            .unwrap_or(8);
        self.counted = Some(key);
    }

    /// The dataset changed (a large one finished loading): count again.
    pub(super) fn forget(&mut self) {
        self.counted = None;
        self.previous = None;
    }

    /// The cursor as (row, column) indexes; the totals are at `areas.len()`.
    pub fn cursor(&self) -> (usize, usize) {
        (self.index(self.row), self.index(self.column))
    }

    fn index(&self, pick: Option<Pick>) -> usize {
        let n = self.numbers.areas.len();
        match pick {
            Some(Pick::Area(p)) => self.numbers.position(p).unwrap_or(0),
            Some(Pick::Total) => n,
            None => 0,
        }
    }

    fn pick(&self, index: usize) -> Pick {
        match self.numbers.areas.get(index) {
            Some(&p) => Pick::Area(p),
            None => Pick::Total,
        }
    }

    /// The figure under the cursor.
    pub fn selected(&self) -> Tally {
        let (r, c) = self.cursor();
        let n = self.numbers.areas.len();
        match (r < n, c < n) {
            (true, true) => self.numbers.cell(r, c),
            (true, false) => self.numbers.rows[r],
            (false, true) => self.numbers.columns[c],
            (false, false) => self.numbers.total,
        }
    }

    /// What the cell under the cursor stands for, to drill into.
    pub fn route(&self) -> Cell {
        let (r, c) = self.cursor();
        Cell::Route {
            from: self.numbers.areas.get(r).copied(),
            to: self.numbers.areas.get(c).copied(),
        }
    }
}

impl App {
    /// Returns whether the matrix used the action.
    pub(super) fn matrix_action(&mut self, data: &dyn Store, action: Action) -> bool {
        let m = &mut self.views.matrix;
        let last = m.numbers.areas.len();
        let (r, c) = m.cursor();
        let step = |at: usize, by: isize| at.saturating_add_signed(by).min(last);
        match action {
            Action::Up => m.row = Some(m.pick(step(r, -1))),
            Action::Down => m.row = Some(m.pick(step(r, 1))),
            Action::PageUp => m.row = Some(m.pick(step(r, -10))),
            Action::PageDown => m.row = Some(m.pick(step(r, 10))),
            Action::Top => m.row = Some(m.pick(0)),
            Action::Bottom => m.row = Some(m.pick(last)),
            Action::Left => m.column = Some(m.pick(step(c, -1))),
            Action::Right => m.column = Some(m.pick(step(c, 1))),
            Action::Weigh => {
                m.weighted = !m.weighted;
                self.message = Some(if m.weighted {
                    "counts weighted by likelihood: each implication adds the middle of its ICD-203 band".to_owned()
                } else {
                    "plain counts of implications".to_owned()
                });
            }
            Action::Regroup => {
                let geo = self.views.geo.as_ref();
                let m = &mut self.views.matrix;
                // The cursor follows: a country to its region, a region to its first country.
                let regroup = |pick: Option<Pick>, grain: Grain| match (pick, geo) {
                    (Some(Pick::Area(p)), Some(geo)) if grain == Grain::Region => {
                        Some(Pick::Area(geo.area(p, Grain::Region)))
                    }
                    (Some(Pick::Area(p)), Some(geo)) => {
                        geo.footprint(p).first().map(|&c| Pick::Area(c))
                    }
                    (other, _) => other,
                };
                m.grain = match m.grain {
                    Grain::Region => Grain::Country,
                    Grain::Country => Grain::Region,
                };
                m.row = regroup(m.row, m.grain);
                m.column = regroup(m.column, m.grain);
                self.message = Some(format!("by {}", m.grain.name()));
            }
            Action::Open => {
                if m.selected().count == 0 {
                    self.message = Some("no implications in this cell".to_owned());
                } else {
                    let mut filter = self.filter.clone();
                    filter.cells.push(m.route());
                    self.drill(data, filter, ListKind::Implications);
                }
            }
            _ => return false,
        }
        true
    }
}
