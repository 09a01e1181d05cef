//! Which view fills the body of the screen, the state each view keeps for the session, and the
//! moves between them: into a view, back out, and drilling down from a cell into the explorer
//! with the filter that cell stands for.
//!
//! Each view is three modules: `find::<numbers>` computes what it shows from the store and the
//! filter (the CLI's `view --json` calls the same function), `app::<view>` holds its state and
//! handles its keys, `ui::<view>` draws it. Its numbers are computed when the filter (or the
//! view's own grouping) changes, never per frame: each view remembers the filter it counted for.

use super::action::Action;
use super::keymap::Mode;
use super::map::MapView;
use super::matrix::MatrixView;
use super::nav::Visit;
use super::outlook::OutlookView;
use super::timeline::TimelineView;
use super::{App, Focus, Overlay};
use crate::data::{ListKind, Store};
use crate::find::Filter;
use crate::find::geo::Geo;

/// What fills the body. New views join the enum, [`Screen::ALL`] and the matches below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The lists and the detail of the selected item.
    #[default]
    Explorer,
    /// Two items side by side, their sections aligned (`App::compare`); reached with `c`, not
    /// from the view menu, since it needs two marked items.
    Compare,
    /// How the forecasts did: Brier score, calibration, breakdowns (`App::forecasts`); its own
    /// module, `app/forecasts.rs`, handles its keys (F).
    Forecasts,
    Matrix,
    Map,
    Outlook,
    Timeline,
}

impl Screen {
    /// What the view menu and `--view` offer.
    pub const ALL: [Screen; 5] = [
        Screen::Explorer,
        Screen::Matrix,
        Screen::Map,
        Screen::Outlook,
        Screen::Timeline,
    ];

    /// The views, in the order the menu and Tab go through them.
    pub const VIEWS: [Screen; 4] = [
        Screen::Matrix,
        Screen::Map,
        Screen::Outlook,
        Screen::Timeline,
    ];

    /// The name `open --view` and `snapshot --view` take.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Explorer => "explorer",
            Screen::Compare => "compare",
            Screen::Forecasts => "forecasts",
            Screen::Matrix => "matrix",
            Screen::Map => "map",
            Screen::Outlook => "outlook",
            Screen::Timeline => "timeline",
        }
    }

    pub fn parse(text: &str) -> Result<Screen, String> {
        Screen::ALL
            .into_iter()
            .find(|s| s.name() == text)
            .ok_or_else(|| {
                format!(
                    "unknown view {:?}: use matrix, map, outlook or timeline",
                    crate::text::sanitize(text)
                )
            })
    }

    pub fn title(self) -> &'static str {
        match self {
            Screen::Explorer => "Explorer",
            Screen::Compare => "Compare",
            Screen::Forecasts => "Forecasts",
            Screen::Matrix => "Flow matrix",
            Screen::Map => "World map",
            Screen::Outlook => "Outlook grid",
            Screen::Timeline => "Timeline",
        }
    }

    /// A view of its own, with the page it was opened from waiting behind it: the views of
    /// the numbers (issue 10) and the forecasts, each with its own keys.
    pub fn is_view(self) -> bool {
        self.mode().is_some()
    }

    /// The keymap mode of a view.
    pub fn mode(self) -> Option<Mode> {
        match self {
            Screen::Explorer | Screen::Compare => None,
            Screen::Forecasts => Some(Mode::Forecasts),
            Screen::Matrix => Some(Mode::Matrix),
            Screen::Map => Some(Mode::Map),
            Screen::Outlook => Some(Mode::Outlook),
            Screen::Timeline => Some(Mode::Timeline),
        }
    }
}

/// Below this body size a view says it needs more room instead of drawing.
pub const VIEW_MIN: (u16, u16) = (40, 12);

/// The state of every view, kept for the session: coming back to a view finds it as it was.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub matrix: MatrixView,
    pub map: MapView,
    pub outlook: OutlookView,
    pub timeline: TimelineView,
    /// Footprints and home regions, worked out once for the dataset.
    pub geo: Option<Geo>,
}

impl Views {
    /// The dataset changed under the views (a large one finished loading): count again.
    pub(super) fn forget(&mut self) {
        self.geo = None;
        self.matrix.forget();
        self.map.forget();
        self.outlook.forget();
        self.timeline.forget();
    }
}

/// The menu `v` opens: every view, and the explorer.
#[derive(Debug, Clone, Default)]
pub struct ViewMenu {
    pub selected: usize,
}

impl App {
    /// Shows a view (or the explorer), as a step in the history.
    pub fn show_view(&mut self, data: &dyn Store, screen: Screen) {
        if screen == self.screen {
            return;
        }
        self.save_position();
        let target = self.detail.target.or_else(|| self.list_pane().selected);
        self.screen = screen;
        if screen == Screen::Explorer {
            self.focus = Focus::List;
        }
        if let Some(target) = target {
            // The page behind a view keeps its place, for coming back to it.
            let page = self.detail.visit().unwrap_or(Visit::new(target));
            self.history.push(Visit { screen, ..page });
        }
        self.refresh_view(data);
    }

    /// The keys of a view; what a view does not handle itself the explorer does (help, search,
    /// filters, history, quitting).
    pub(super) fn view_action(&mut self, data: &dyn Store, action: Action) {
        // A half page is a page in a view: its rows are few.
        let action = match action {
            Action::HalfPageDown => Action::PageDown,
            Action::HalfPageUp => Action::PageUp,
            other => other,
        };
        let handled = match self.screen {
            Screen::Explorer | Screen::Compare | Screen::Forecasts => false,
            Screen::Matrix => self.matrix_action(data, action),
            Screen::Map => self.map_action(data, action),
            Screen::Outlook => self.outlook_action(data, action),
            Screen::Timeline => self.timeline_action(data, action),
        };
        if handled {
            return;
        }
        match action {
            Action::NextPane | Action::PrevPane => {
                let views = Screen::VIEWS;
                let at = views.iter().position(|&s| s == self.screen).unwrap_or(0) as isize;
                let step = if action == Action::NextPane { 1 } else { -1 };
                let next = views[(at + step).rem_euclid(views.len() as isize) as usize];
                self.show_view(data, next);
            }
            Action::ShowList(kind) => {
                self.list = kind;
                self.fresh(data, kind);
                self.show_view(data, Screen::Explorer);
                self.show_current(data);
            }
            // The bookmarks and the saved views are lists: leaving for them is a step, as 1 to 5.
            // A comparison too: what the view selected (the map moves the lists' selections) is
            // the item compared, so its page is shown first, as leaving for a list does.
            Action::ShowBookmarks | Action::RecallView | Action::Compare => {
                self.show_view(data, Screen::Explorer);
                self.show_current(data);
                self.apply(data, action);
            }
            // A cell is a tally, not an item: the dossier keeps what it opens.
            Action::ToggleBookmark
            | Action::EditNote
            | Action::EditNoteOutside
            | Action::Copy
            | Action::Pager => {
                self.message = Some(format!(
                    "{}: on a list or a page, not in a view (Enter opens what a cell counts)",
                    action.describe()
                ))
            }
            Action::CycleSort | Action::ReverseSort => {
                self.message = Some("s and S order the lists: press 1 to 5 for them".to_owned())
            }
            Action::Open => self.message = Some("nothing to open here".to_owned()),
            // Keys that move in the page behind the view would move it out of sight.
            Action::NextLink
            | Action::PrevLink
            | Action::NextSection
            | Action::PrevSection
            | Action::Outline
            | Action::NextMatch
            | Action::PrevMatch
            | Action::FocusDetail
            | Action::FocusList => {
                self.message = Some(format!(
                    "{}: on a page, not in a view (1 to 5 show the lists)",
                    action.describe()
                ))
            }
            // A move the view had no room for (an empty view, its edge) stays in the view.
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {}
            _ => self.apply(data, action),
        }
    }

    /// The keys of the view menu.
    pub(super) fn menu_action(&mut self, data: &dyn Store, mut menu: ViewMenu, action: Action) {
        let last = Screen::ALL.len() - 1;
        match action {
            Action::Close | Action::ViewMenu => return,
            Action::Up => menu.selected = menu.selected.saturating_sub(1),
            Action::Down => menu.selected = (menu.selected + 1).min(last),
            Action::Top | Action::PageUp => menu.selected = 0,
            Action::Bottom | Action::PageDown => menu.selected = last,
            Action::Open => return self.show_view(data, Screen::ALL[menu.selected]),
            Action::ShowView(screen) => return self.show_view(data, screen),
            _ => {}
        }
        self.overlay = Some(Overlay::ViewMenu(menu));
    }

    pub(super) fn open_menu(&mut self) {
        let selected = Screen::ALL
            .iter()
            .position(|&s| s == self.screen)
            .unwrap_or(0);
        self.overlay = Some(Overlay::ViewMenu(ViewMenu { selected }));
    }

    /// Brings the shown view's numbers up to date with the filter: a no-op unless the filter or
    /// the view's own settings changed since it last counted.
    pub(super) fn refresh_view(&mut self, data: &dyn Store) {
        if !self.screen.is_view() {
            return;
        }
        if self.views.geo.is_none() {
            self.views.geo = Some(Geo::new(data));
        }
        self.fresh(data, ListKind::Implications);
        self.fresh(data, ListKind::Analyses);
        let Views {
            matrix,
            map,
            outlook,
            timeline,
            geo: Some(geo),
        } = &mut self.views
        else {
            return;
        };
        let implications = self.lists[ListKind::Implications.index()].rows.items();
        let analyses = self.lists[ListKind::Analyses.index()].rows.items();
        match self.screen {
            Screen::Explorer | Screen::Compare | Screen::Forecasts => {}
            Screen::Matrix => matrix.refresh(data, geo, &self.filter, implications),
            Screen::Map => map.refresh(data, geo, &self.filter, implications),
            Screen::Outlook => outlook.refresh(data, &self.filter, implications),
            Screen::Timeline => timeline.refresh(data, geo, &self.filter, analyses),
        }
    }

    /// Opens the explorer on `kind` under `filter`: the step from a view's cell to what it
    /// counted. The view's history entry keeps the filter it counted under and the new entry
    /// the cell's, so Back and Forward put each back.
    pub(super) fn drill(&mut self, data: &dyn Store, filter: Filter, kind: ListKind) {
        let before = self.history.keep_filter(self.filter.clone());
        if let Some(mut here) = self.history.current()
            && here.screen == self.screen
        {
            here.filter = Some(before);
            self.history.replace(here);
        }
        let after = self.history.keep_filter(filter.clone());
        // A cell's filter is a change like any other: `u` takes it off again.
        if filter != self.filter {
            let old = std::mem::replace(&mut self.filter, filter);
            self.keep_for_undo(old);
        }
        self.screen = Screen::Explorer;
        self.list = kind;
        self.rebuild_lists(data);
        self.focus = Focus::List;
        let pane = self.list_pane_mut();
        pane.selected = pane.rows.get(0);
        pane.offset = 0;
        if let Some(target) = pane.selected {
            let visit = Visit {
                filter: Some(after),
                ..Visit::new(target)
            };
            self.history.push(visit);
            self.open_page(data, visit);
        }
    }
}
