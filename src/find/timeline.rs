//! The numbers of the timeline: analyses per month or quarter, from the dataset's first event to
//! its last, in all or by world region or by theme. The explorer and
//! `geolens view timeline --json` both call [`timeline`].

use serde_json::{Value as Json, json};

use super::filter::{Filter, analysis_meets, members};
use super::flows::area_order;
use super::geo::{Geo, Grain};
use crate::data::date::PartialDate;
use crate::data::{AnalysisIx, ListKind, PlaceIx, Store, Target, ThemeIx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Period {
    #[default]
    Quarter,
    Month,
}

impl Period {
    pub fn name(self) -> &'static str {
        match self {
            Period::Quarter => "quarter",
            Period::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Result<Period, String> {
        match text {
            "quarter" | "quarters" => Ok(Period::Quarter),
            "month" | "months" => Ok(Period::Month),
            other => Err(format!("unknown period {other:?}: use month or quarter")),
        }
    }

    fn months(self) -> u32 {
        match self {
            Period::Quarter => 3,
            Period::Month => 1,
        }
    }
}

/// What the rows of the timeline are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Groups {
    /// One row: every analysis.
    #[default]
    All,
    /// A row per area (world region, or a country standing alone) the analyses are about.
    Region,
    /// A row per top-level theme.
    Theme,
}

impl Groups {
    pub fn name(self) -> &'static str {
        match self {
            Groups::All => "all",
            Groups::Region => "region",
            Groups::Theme => "theme",
        }
    }

    pub fn parse(text: &str) -> Result<Groups, String> {
        match text {
            "all" => Ok(Groups::All),
            "region" | "regions" => Ok(Groups::Region),
            "theme" | "themes" => Ok(Groups::Theme),
            other => Err(format!(
                "unknown grouping {other:?}: use all, region or theme"
            )),
        }
    }
}

/// A row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    All,
    Place(PlaceIx),
    Theme(ThemeIx),
}

impl Group {
    pub fn label(self, data: &dyn Store) -> String {
        match self {
            Group::All => "All analyses".to_owned(),
            Group::Place(p) => data.name(Target::Place(p)).into_owned(),
            Group::Theme(t) => data.name(Target::Theme(t)).into_owned(),
        }
    }

    fn id(self, data: &dyn Store) -> String {
        match self {
            Group::All => "all".to_owned(),
            Group::Place(p) => data.id(Target::Place(p)),
            Group::Theme(t) => data.id(Target::Theme(t)),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub period: Period,
    pub groups_by: Groups,
    /// The first month of the first period, as months since year 0.
    pub start: u32,
    /// How many periods, first event to last.
    pub periods: usize,
    pub groups: Vec<Group>,
    /// `groups.len()` by `periods`, row-major: analyses in each.
    pub counts: Vec<u32>,
    /// Analyses in each period (each counted once, whatever its rows).
    pub totals: Vec<u32>,
    pub total: u32,
}

fn month_index(d: PartialDate) -> u32 {
    u32::from(d.year) * 12 + u32::from(d.month) - 1
}

impl Timeline {
    pub fn count(&self, group: usize, period: usize) -> u32 {
        self.counts
            .get(group * self.periods + period)
            .copied()
            .unwrap_or(0)
    }

    pub fn max_count(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// The first and last month of a period, as dates without a day.
    pub fn bounds(&self, period: usize) -> (PartialDate, PartialDate) {
        let first = self.start + period as u32 * self.period.months();
        let last = first + self.period.months() - 1;
        let date = |m: u32| PartialDate {
            year: (m / 12) as u16,
            month: (m % 12) as u8 + 1,
            day: None,
        };
        (date(first), date(last))
    }

    /// `2024-Q3` or `2024-07`.
    pub fn label(&self, period: usize) -> String {
        let (first, _) = self.bounds(period);
        match self.period {
            Period::Quarter => format!("{}-Q{}", first.year, (first.month - 1) / 3 + 1),
            Period::Month => format!("{}-{:02}", first.year, first.month),
        }
    }

    pub fn json(&self, data: &dyn Store) -> Json {
        json!({
            "view": "timeline",
            "period": self.period.name(),
            "by": self.groups_by.name(),
            "periods": (0..self.periods).map(|p| json!({
                "period": self.label(p),
                "analyses": self.totals[p],
            })).collect::<Vec<_>>(),
            "groups": self.groups.iter().enumerate().map(|(g, &group)| json!({
                "id": group.id(data),
                "name": group.label(data),
                "counts": (0..self.periods).map(|p| self.count(g, p)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "total": self.total,
        })
    }
}

/// The first and last event months of the whole dataset: the axis stays put whatever the filter.
pub fn span(data: &dyn Store) -> Option<(u32, u32)> {
    let n = data.count(ListKind::Analyses) as u32;
    let months = (0..n).map(|i| month_index(data.event_date(AnalysisIx(i))));
    months.fold(None, |acc, m| match acc {
        None => Some((m, m)),
        Some((a, b)) => Some((a.min(m), b.max(m))),
    })
}

/// The timeline of the analyses that pass `filter`, on the axis `span` gives.
pub fn timeline(
    data: &dyn Store,
    geo: &Geo,
    filter: &Filter,
    span: Option<(u32, u32)>,
    period: Period,
    groups_by: Groups,
) -> Timeline {
    let items = members(data, ListKind::Analyses, filter);
    timeline_of(data, geo, &items, span, period, groups_by)
}

pub fn timeline_of(
    data: &dyn Store,
    geo: &Geo,
    items: &[Target],
    span: Option<(u32, u32)>,
    period: Period,
    groups_by: Groups,
) -> Timeline {
    let Some((first, last)) = span else {
        return Timeline {
            period,
            groups_by,
            ..Timeline::default()
        };
    };
    let step = period.months();
    let start = first - first % step;
    let periods = ((last - start) / step + 1) as usize;
    let mut totals = vec![0u32; periods];
    // Rows by first appearance, numbered by place or theme; sorted once counted.
    let mut row_of_place = vec![usize::MAX; data.count(ListKind::Places)];
    let mut row_of_theme = vec![usize::MAX; data.count(ListKind::Themes)];
    let roots: Vec<ThemeIx> = (0..data.count(ListKind::Themes) as u32)
        .map(|t| {
            std::iter::successors(Some(ThemeIx(t)), |&p| data.theme_parent(p))
                .take(64)
                .last()
                .unwrap_or(ThemeIx(t))
        })
        .collect();
    let mut rows: Vec<(Group, Vec<u32>)> = Vec::new();
    let mut total = 0;
    let mut buffers = Buffers::default();
    for &t in &super::flows::in_store_order(items) {
        let Target::Analysis(a) = t else { continue };
        let m = month_index(data.event_date(a));
        let Some(p) = m.checked_sub(start).map(|m| (m / step) as usize) else {
            continue;
        };
        if p >= periods {
            continue;
        }
        totals[p] += 1;
        total += 1;
        if groups_by == Groups::All {
            continue;
        }
        groups_of(data, geo, a, groups_by, &roots, &mut buffers);
        for &group in &buffers.groups {
            let slot = match group {
                Group::Place(p) => &mut row_of_place[p.get()],
                Group::Theme(t) => &mut row_of_theme[t.get()],
                Group::All => continue,
            };
            if *slot == usize::MAX {
                *slot = rows.len();
                rows.push((group, vec![0; periods]));
            }
            rows[*slot].1[p] += 1;
        }
    }
    if groups_by == Groups::All {
        rows.push((Group::All, totals.clone()));
    }
    rows.sort_by_cached_key(|&(g, _)| match g {
        Group::All => (0, 0, String::new(), 0),
        Group::Place(p) => area_order(data, geo, p, Grain::Region),
        Group::Theme(t) => (0, 0, data.name(Target::Theme(t)).to_lowercase(), t.0),
    });
    let groups = rows.iter().map(|(g, _)| *g).collect();
    let counts = rows.into_iter().flat_map(|(_, c)| c).collect();
    Timeline {
        period,
        groups_by,
        start,
        periods,
        groups,
        counts,
        totals,
        total,
    }
}

/// What [`groups_of`] works in, kept from one analysis to the next.
#[derive(Default)]
struct Buffers {
    areas: Vec<PlaceIx>,
    groups: Vec<Group>,
}

/// The rows an analysis counts in, into `b.groups`. A place row holds the analyses
/// [`analysis_meets`] it, the test the row's drill-down filters with; a theme row those with the
/// theme or a sub-theme (`roots` gives each theme's top-level theme).
fn groups_of(
    data: &dyn Store,
    geo: &Geo,
    a: AnalysisIx,
    by: Groups,
    roots: &[ThemeIx],
    b: &mut Buffers,
) {
    b.groups.clear();
    match by {
        Groups::All => b.groups.push(Group::All),
        Groups::Region => {
            geo.places_into(&data.analysis_places(a), Grain::Region, &mut b.areas);
            debug_assert!(b.areas.iter().all(|&r| analysis_meets(data, geo, a, r)));
            b.groups.extend(b.areas.iter().map(|&p| Group::Place(p)));
        }
        Groups::Theme => {
            for &t in data.analysis_themes(a).iter() {
                b.groups.push(Group::Theme(roots[t.get()]));
            }
            b.groups.sort_unstable_by_key(|g| match *g {
                Group::Theme(t) => t.0,
                _ => 0,
            });
            b.groups.dedup();
        }
    }
}
