//! The outlook grid's state and keys: a cursor on a likelihood and a horizon (or their totals);
//! Enter lists the implications of the cell.

use super::App;
use super::action::Action;
use crate::data::{ListKind, Store, Target};
use crate::find::Filter;
use crate::find::flows::Tally;
use crate::find::outlook::{self, COLUMNS, Outlook, ROWS};

#[derive(Debug, Clone, Default)]
pub struct OutlookView {
    /// Row and column; `ROWS.len()` and `COLUMNS.len()` are the totals.
    pub row: usize,
    pub column: usize,
    pub numbers: Outlook,
    counted: Option<Filter>,
}

impl OutlookView {
    pub(super) fn refresh(&mut self, data: &dyn Store, filter: &Filter, items: &[Target]) {
        if self.counted.as_ref() == Some(filter) {
            return;
        }
        self.numbers = outlook::outlook_of(data, items);
        self.counted = Some(filter.clone());
    }

    /// The dataset changed (a large one finished loading): count again.
    pub(super) fn forget(&mut self) {
        self.counted = None;
    }

    pub fn selected(&self) -> Tally {
        let (r, c) = (self.row, self.column);
        match (r < ROWS.len(), c < COLUMNS.len()) {
            (true, true) => self.numbers.cell(r, c),
            (true, false) => self.numbers.rows.get(r).copied().unwrap_or_default(),
            (false, true) => self.numbers.columns.get(c).copied().unwrap_or_default(),
            (false, false) => self.numbers.total,
        }
    }
}

impl App {
    pub(super) fn outlook_action(&mut self, data: &dyn Store, action: Action) -> bool {
        let o = &mut self.views.outlook;
        let (rows, columns) = (ROWS.len(), COLUMNS.len());
        match action {
            Action::Up => o.row = o.row.saturating_sub(1),
            Action::Down => o.row = (o.row + 1).min(rows),
            Action::Top | Action::PageUp => o.row = 0,
            Action::Bottom | Action::PageDown => o.row = rows,
            Action::Left => o.column = o.column.saturating_sub(1),
            Action::Right => o.column = (o.column + 1).min(columns),
            Action::Open => {
                if o.selected().count == 0 {
                    self.message = Some("no implications in this cell".to_owned());
                } else {
                    // One likelihood and one horizon each: narrowing the filter to the cell's
                    // values keeps exactly the cell.
                    let mut filter = self.filter.clone();
                    if let Some(&l) = ROWS.get(o.row) {
                        filter.likelihoods = vec![l];
                    }
                    if let Some(&h) = COLUMNS.get(o.column) {
                        filter.horizons = vec![h];
                    }
                    self.drill(data, filter, ListKind::Implications);
                }
            }
            _ => return false,
        }
        true
    }
}
