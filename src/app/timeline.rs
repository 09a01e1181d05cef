//! The timeline's state and keys: months or quarters, all analyses or a row per region or theme,
//! and a cursor on a period of a row (held by month and row, so regrouping keeps its place).
//! Enter lists the analyses of that period (and row).

use super::App;
use super::action::Action;
use crate::data::{ListKind, Store, Target};
use crate::find::geo::Geo;
use crate::find::timeline::{self, Group, Groups, Period, Timeline};
use crate::find::{Cell, Filter};

#[derive(Debug, Clone, Default)]
pub struct TimelineView {
    pub period: Period,
    pub groups_by: Groups,
    /// The cursor's row; unset, or gone after a filter change, it is the first.
    pub group: Option<Group>,
    /// The cursor's period, as the month it starts in; unset, the last period.
    pub month: Option<u32>,
    pub numbers: Timeline,
    /// The dataset's first and last event months, worked out once.
    span: Option<Option<(u32, u32)>>,
    counted: Option<(Filter, Period, Groups)>,
}

impl TimelineView {
    pub(super) fn refresh(
        &mut self,
        data: &dyn Store,
        geo: &Geo,
        filter: &Filter,
        items: &[Target],
    ) {
        let key = (filter.clone(), self.period, self.groups_by);
        if self.counted.as_ref() == Some(&key) {
            return;
        }
        let span = *self.span.get_or_insert_with(|| timeline::span(data));
        self.numbers = timeline::timeline_of(data, geo, items, span, self.period, self.groups_by);
        self.counted = Some(key);
    }

    /// The dataset changed (a large one finished loading): count again.
    pub(super) fn forget(&mut self) {
        self.span = None;
        self.counted = None;
    }

    /// The cursor as (row, period) indexes.
    pub fn cursor(&self) -> (usize, usize) {
        let t = &self.numbers;
        let row = self
            .group
            .and_then(|g| t.groups.iter().position(|&x| x == g))
            .unwrap_or(0);
        let last = t.periods.saturating_sub(1);
        let period = match self.month {
            Some(m) if t.periods > 0 => {
                let step = if t.period == Period::Quarter { 3 } else { 1 };
                (m.saturating_sub(t.start) / step).min(last as u32) as usize
            }
            _ => last,
        };
        (row, period)
    }

    fn set_period(&mut self, period: usize) {
        let (first, _) = self.numbers.bounds(period);
        self.month = Some(u32::from(first.year) * 12 + u32::from(first.month) - 1);
    }

    pub fn selected(&self) -> u32 {
        let (row, period) = self.cursor();
        self.numbers.count(row, period)
    }
}

impl App {
    pub(super) fn timeline_action(&mut self, data: &dyn Store, action: Action) -> bool {
        let t = &mut self.views.timeline;
        let (row, period) = t.cursor();
        let rows = t.numbers.groups.len();
        let last = t.numbers.periods.saturating_sub(1);
        let pick_row = |t: &mut TimelineView, r: usize| {
            t.group = t.numbers.groups.get(r.min(rows.saturating_sub(1))).copied()
        };
        match action {
            Action::Up => pick_row(t, row.saturating_sub(1)),
            Action::Down => pick_row(t, row + 1),
            Action::PageUp => pick_row(t, row.saturating_sub(10)),
            Action::PageDown => pick_row(t, row + 10),
            Action::Left => t.set_period(period.saturating_sub(1)),
            Action::Right => t.set_period((period + 1).min(last)),
            Action::Top => t.set_period(0),
            Action::Bottom => t.set_period(last),
            Action::Period => {
                t.period = match t.period {
                    Period::Quarter => Period::Month,
                    Period::Month => Period::Quarter,
                };
                self.message = Some(format!("analyses by {}", t.period.name()));
            }
            Action::Regroup => {
                t.groups_by = match t.groups_by {
                    Groups::All => Groups::Region,
                    Groups::Region => Groups::Theme,
                    Groups::Theme => Groups::All,
                };
                t.group = None;
                self.message = Some(match t.groups_by {
                    Groups::All => "all analyses".to_owned(),
                    by => format!("a row per {}", by.name()),
                });
            }
            Action::Open => {
                if t.selected() == 0 || t.numbers.periods == 0 {
                    self.message = Some("no analyses in this period".to_owned());
                    return true;
                }
                let (first, last) = t.numbers.bounds(period);
                let mut filter = self.filter.clone();
                // Date ranges overlap as intervals: the later start and the earlier end keep
                // exactly the analyses in both.
                filter.from = Some(match filter.from {
                    Some(f) if f.earliest_day() > first.earliest_day() => f,
                    _ => first,
                });
                filter.to = Some(match filter.to {
                    Some(to) if to.latest_day() < last.latest_day() => to,
                    _ => last,
                });
                match t.numbers.groups.get(row) {
                    Some(Group::Place(p)) => filter.cells.push(Cell::Place(*p)),
                    Some(Group::Theme(th)) => filter.cells.push(Cell::Theme(*th)),
                    _ => {}
                }
                self.drill(data, filter, ListKind::Analyses);
            }
            _ => return false,
        }
        true
    }
}
