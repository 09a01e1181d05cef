//! The world map's state and keys: the zoom (the world, or one world region), the selected place
//! (h/l go west and east through the places in view; Enter opens its page) and the selected
//! implication, which is the Implications list's own selection (j/k move it).

use super::action::Action;
use super::nav::Visit;
use super::{App, Focus};
use crate::data::{ListKind, PlaceIx, Store, Target};
use crate::find::Filter;
use crate::find::flows::{self, MapData};
use crate::find::geo::Geo;

#[derive(Debug, Clone, Default)]
pub struct MapView {
    /// The world region zoomed to; none is the whole world.
    pub zoom: Option<PlaceIx>,
    /// The place selected; unset (or out of view), the first in view.
    pub place: Option<PlaceIx>,
    pub numbers: MapData,
    /// The world regions there are to zoom to, in dataset order.
    pub regions: Vec<PlaceIx>,
    counted: Option<Filter>,
}

/// Longitude and latitude bounds: (west, east, south, north).
pub type Bounds = (f64, f64, f64, f64);

pub const WORLD: Bounds = (-180.0, 180.0, -60.0, 85.0);

impl MapView {
    pub(super) fn refresh(
        &mut self,
        data: &dyn Store,
        geo: &Geo,
        filter: &Filter,
        items: &[Target],
    ) {
        if self.counted.as_ref() == Some(filter) {
            return;
        }
        if self.regions.is_empty() {
            self.regions = (0..data.count(ListKind::Places) as u32)
                .map(PlaceIx)
                .filter(|&p| data.is_world_region(p))
                .collect();
        }
        self.numbers = flows::map_data(data, geo, items);
        self.counted = Some(filter.clone());
    }

    pub(super) fn forget(&mut self) {
        self.counted = None;
        self.regions.clear();
    }

    /// What the map shows: the world, or the region zoomed to with a margin round its countries.
    pub fn bounds(&self, data: &dyn Store, geo: Option<&Geo>) -> Bounds {
        let (Some(region), Some(geo)) = (self.zoom, geo) else {
            return WORLD;
        };
        let points: Vec<(f64, f64)> = geo
            .footprint(region)
            .iter()
            .map(|&p| {
                let c = data.place_centroid(p);
                (c.lon, c.lat)
            })
            .collect();
        if points.is_empty() {
            return WORLD;
        }
        let fold = |f: fn(f64, f64) -> f64, pick: fn(&(f64, f64)) -> f64, init: f64| {
            points.iter().map(pick).fold(init, f)
        };
        let (w, e) = (
            fold(f64::min, |p| p.0, 180.0),
            fold(f64::max, |p| p.0, -180.0),
        );
        let (s, n) = (
            fold(f64::min, |p| p.1, 90.0),
            fold(f64::max, |p| p.1, -90.0),
        );
        // At least 30 degrees across, and a margin, so one country is not a blur.
        let pad = |lo: f64, hi: f64, min: f64| {
            let mid = (lo + hi) / 2.0;
            let half = ((hi - lo) / 2.0 + 8.0).max(min / 2.0);
            (mid - half, mid + half)
        };
        let (w, e) = pad(w, e, 40.0);
        let (s, n) = pad(s, n, 25.0);
        (w.max(-180.0), e.min(180.0), s.max(-90.0), n.min(90.0))
    }

    /// The places inside the bounds, west to east.
    pub fn in_view(&self, data: &dyn Store, bounds: Bounds) -> Vec<PlaceIx> {
        self.numbers
            .places
            .iter()
            .map(|&(p, _)| p)
            .filter(|&p| {
                let c = data.place_centroid(p);
                (bounds.0..=bounds.1).contains(&c.lon) && (bounds.2..=bounds.3).contains(&c.lat)
            })
            .collect()
    }

    /// The selected place, if it is in view; else the first place in view.
    pub fn selected(&self, in_view: &[PlaceIx]) -> Option<PlaceIx> {
        self.place
            .filter(|p| in_view.contains(p))
            .or_else(|| in_view.first().copied())
    }
}

impl App {
    pub(super) fn map_action(&mut self, data: &dyn Store, action: Action) -> bool {
        let bounds = self.views.map.bounds(data, self.views.geo.as_ref());
        let m = &mut self.views.map;
        let in_view = m.in_view(data, bounds);
        let at = m
            .selected(&in_view)
            .and_then(|p| in_view.iter().position(|&x| x == p));
        match action {
            Action::Left | Action::Right => {
                let n = in_view.len();
                if n > 0 {
                    let at = at.unwrap_or(0);
                    let next = if action == Action::Right {
                        (at + 1) % n
                    } else {
                        (at + n - 1) % n
                    };
                    m.place = Some(in_view[next]);
                }
            }
            Action::ZoomIn | Action::ZoomOut => {
                let regions = &m.regions;
                let now = m.zoom.and_then(|z| regions.iter().position(|&r| r == z));
                m.zoom = match (action, now) {
                    (Action::ZoomOut, _) => None,
                    (_, None) => regions.first().copied(),
                    (_, Some(i)) => regions.get(i + 1).copied(),
                };
                m.place = None;
                self.message = Some(match m.zoom {
                    Some(r) => format!("zoomed to {}", data.name(Target::Place(r))),
                    None => "the whole world".to_owned(),
                });
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                // The implication drawn in bold is the Implications list's selection.
                self.fresh(data, ListKind::Implications);
                let pane = &mut self.lists[ListKind::Implications.index()];
                let last = pane.rows.len().saturating_sub(1);
                let row = pane.selected_row().unwrap_or(0);
                let row = match action {
                    Action::Up => row.saturating_sub(1),
                    Action::Down => (row + 1).min(last),
                    Action::PageUp => row.saturating_sub(10),
                    Action::PageDown => (row + 10).min(last),
                    Action::Top => 0,
                    _ => last,
                };
                pane.selected = pane.rows.get(row);
            }
            Action::Open => match at.map(|i| in_view[i]) {
                Some(place) => {
                    self.go_to(data, Visit::new(Target::Place(place)), true);
                    self.focus = Focus::Detail;
                }
                None => self.message = Some("no place in view".to_owned()),
            },
            _ => return false,
        }
        true
    }
}
