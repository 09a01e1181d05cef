//! The explorer's state and the one place it changes: `App::update(action)`.
//!
//! Keys become actions through the keymap; `update` applies an action and then re-establishes the
//! invariants once (selection within bounds, cursor visible, detail showing the selected item).
//! Nothing here draws: `ui::draw` reads this state and never changes it. Nothing here searches
//! either: edits to the search box leave a request that the runner answers (see `search`).

pub mod action;
pub mod detail;
pub mod filters;
mod help;
pub mod keymap;
pub mod lists;
pub mod nav;
pub mod search;

use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::data::Store;
use crate::data::{ListKind, Target};
use crate::doc::{self, Doc};
use crate::find::{self, Facet, Filter, Query, Results, Sort};
use crate::keys::Key;
use crate::layout::{self, Shown};
use crate::pages::{self, Glyphs};
use action::Action;
use detail::DetailPane;
use filters::{Column, FilterPanel};
use keymap::{Keymap, Mode};
use lists::ListRows;
use nav::{History, Visit};
use search::{SearchBox, SearchRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// One list pane: its items, the selected item (an entity, not a row) and the scroll offset.
#[derive(Debug, Clone)]
pub struct ListPane {
    pub rows: ListRows,
    pub selected: Option<Target>,
    pub offset: usize,
    pub sort: Sort,
}

impl ListPane {
    pub fn selected_row(&self) -> Option<usize> {
        self.selected.and_then(|t| self.rows.row_of(t))
    }
}

/// The help screen: the keymap's description of itself, scrollable.
#[derive(Debug, Clone, Default)]
pub struct HelpScreen {
    pub doc: Doc,
    pub offset: usize,
}

/// What sits over the panes and takes the keys first.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(HelpScreen),
    Search(SearchBox),
    Filters(FilterPanel),
}

#[derive(Debug, Clone)]
pub struct App {
    pub keymap: Keymap,
    pub glyphs: Glyphs,
    pub size: Rect,
    pub list: ListKind,
    pub lists: Vec<ListPane>,
    pub filter: Filter,
    pub focus: Focus,
    pub history: History,
    pub detail: DetailPane,
    pub overlay: Option<Overlay>,
    /// The query of the last search opened, for `n`/`N` and highlighting in the page.
    pub last_query: Option<Query>,
    /// A search waiting to be run by the runner.
    pub search_request: Option<SearchRequest>,
    /// The generation of the last search requested. Generations count the searches of the
    /// session, not of one search box, so results for a box since closed never land in the next.
    searches: u64,
    /// A one-off note for the status line (why a key did nothing); cleared by the next action.
    pub message: Option<String>,
    pub quit: bool,
    /// Ctrl-Z was pressed: the terminal loop suspends the process and clears this.
    pub suspend: bool,
    /// What is still loading, for the status line: a large dataset opens on its outline.
    pub loading: Option<String>,
}

impl App {
    pub fn new(data: &dyn Store, keymap: Keymap, glyphs: Glyphs, size: Rect) -> App {
        let filter = Filter::default();
        let lists = ListKind::ALL
            .iter()
            .map(|&kind| {
                let sort = Sort::choices(kind)[0];
                let rows = ListRows::new(find::list(data, kind, &filter, sort));
                ListPane {
                    selected: rows.get(0),
                    rows,
                    offset: 0,
                    sort,
                }
            })
            .collect();
        let mut app = App {
            keymap,
            glyphs,
            size,
            list: ListKind::Analyses,
            lists,
            filter,
            focus: Focus::List,
            history: History::default(),
            detail: DetailPane::default(),
            overlay: None,
            last_query: None,
            search_request: None,
            searches: 0,
            message: None,
            quit: false,
            suspend: false,
            loading: None,
        };
        if let Some(first) = app.lists[0].selected {
            app.history.push(Visit::new(first));
        }
        app.show_current(data);
        app
    }

    /// The whole dataset has replaced the outline the explorer opened on (`data::outline`: the
    /// same analyses, in the same order, so every selection and history entry still holds). The
    /// lists fill in, and the page shown is rebuilt where the reader left it.
    pub fn loaded(&mut self, data: &dyn Store) {
        for kind in ListKind::ALL {
            self.rebuild_list(data, kind);
        }
        if let Some(visit) = self.detail.visit() {
            self.open_page(data, visit);
        }
        match self.overlay.take() {
            Some(Overlay::Filters(mut panel)) => {
                self.count_values(data, &mut panel);
                self.overlay = Some(Overlay::Filters(panel));
            }
            other => self.overlay = other,
        }
        self.keep_visible();
    }

    /// Opens the explorer on one item, as `geolens open ID` does.
    pub fn open(&mut self, data: &dyn Store, target: Target) {
        self.go_to(data, Visit::new(target), true);
        self.focus = Focus::Detail;
    }

    pub fn list_pane(&self) -> &ListPane {
        &self.lists[self.list.index()]
    }

    fn list_pane_mut(&mut self) -> &mut ListPane {
        &mut self.lists[self.list.index()]
    }

    /// The keymap mode for the current state.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.focus) {
            (Some(Overlay::Help(_)), _) => Mode::Help,
            (Some(Overlay::Search(_)), _) => Mode::Search,
            (Some(Overlay::Filters(_)), _) => Mode::Filters,
            (None, Focus::List) => Mode::List,
            (None, Focus::Detail) => Mode::Detail,
        }
    }

    /// The pane shown in narrow layouts.
    pub fn shown(&self) -> Shown {
        match self.focus {
            Focus::List => Shown::List,
            Focus::Detail => Shown::Detail,
        }
    }

    /// The layout of the current frame.
    pub fn screen(&self) -> layout::Screen {
        layout::screen(self.size, self.shown(), !self.filter.is_empty())
    }

    /// Turns a terminal event into actions and applies them. Returns whether anything may have
    /// changed on screen (so the caller can skip a redraw).
    pub fn handle_event(&mut self, data: &dyn Store, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind != crossterm::event::KeyEventKind::Release => {
                self.handle_key(data, Key::from(*key));
                true
            }
            Event::Resize(w, h) => {
                self.update(data, Action::Resize(*w, *h));
                true
            }
            Event::Mouse(mouse) => {
                self.mouse(data, *mouse);
                true
            }
            // Pasted text is only ever text: typed into the search box, ignored elsewhere.
            Event::Paste(text) if self.mode() == Mode::Search => {
                self.paste(text);
                true
            }
            _ => false,
        }
    }

    /// Pasted text joins the search text as one edit: one query and one search however long it
    /// is (typing it character by character made a long paste quadratic).
    fn paste(&mut self, text: &str) {
        self.message = None;
        match self.overlay.take() {
            Some(Overlay::Search(mut search)) => {
                let before = search.input.len();
                let whole = search.type_text(text);
                if search.input.len() != before {
                    self.request_search(&mut search);
                }
                if !whole {
                    self.message = Some(search::too_long());
                }
                self.overlay = Some(Overlay::Search(search));
            }
            other => self.overlay = other,
        }
    }

    /// Leaves a request for the runner to search what the box now holds.
    fn request_search(&mut self, search: &mut SearchBox) {
        let request = search.edited(self.searches, &self.filter);
        self.searches = request.generation;
        self.search_request = Some(request);
    }

    /// Clicks select a row (a second click on a link follows it); the wheel moves through the
    /// pane under the pointer. Only reported when the user turned the mouse on.
    pub fn mouse(&mut self, data: &dyn Store, event: MouseEvent) {
        let at = ratatui::layout::Position::new(event.column, event.row);
        let screen = self.screen();
        let wheel = match event.kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            _ => None,
        };
        if self.overlay.is_some() {
            if let Some(action) = wheel {
                self.update(data, action);
            }
            return;
        }
        let pane = if layout::inner(screen.list).contains(at) {
            Focus::List
        } else if layout::detail_text(screen.detail).contains(at) {
            Focus::Detail
        } else {
            return;
        };
        self.message = None;
        if let Some(action) = wheel {
            self.focus = pane;
            for _ in 0..3 {
                self.apply(data, action);
            }
        } else if event.kind == MouseEventKind::Down(MouseButton::Left) {
            match pane {
                Focus::List => {
                    let inside = layout::inner(screen.list);
                    let row = self.list_pane().offset + (at.y - inside.y) as usize;
                    self.focus = Focus::List;
                    if let Some(target) = self.list_pane().rows.get(row) {
                        self.list_pane_mut().selected = Some(target);
                        self.show_current(data);
                    }
                }
                Focus::Detail => {
                    let inside = layout::detail_text(screen.detail);
                    let row = self.detail.offset + (at.y - inside.y) as usize;
                    if row < self.detail.rows.len() {
                        let again = self.focus == Focus::Detail && row == self.detail.cursor;
                        self.focus = Focus::Detail;
                        self.detail.cursor = row;
                        if again && self.detail.link_under_cursor().is_some() {
                            self.follow(data);
                        }
                    }
                }
            }
        }
        self.keep_visible();
    }

    pub fn handle_key(&mut self, data: &dyn Store, key: Key) {
        let mode = self.mode();
        match self.keymap.lookup(mode, key) {
            Some(action) => self.update(data, action),
            None => match key.code {
                crossterm::event::KeyCode::Char(c)
                    if mode == Mode::Search && !key.ctrl && !key.alt =>
                {
                    self.update(data, Action::Insert(c))
                }
                _ => self.message = None,
            },
        }
    }

    pub fn update(&mut self, data: &dyn Store, action: Action) {
        self.message = None;
        match action {
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                let width = self.detail_width();
                self.detail.rewrap(width);
            }
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            _ => match self.overlay.take() {
                Some(Overlay::Help(help)) => self.help_action(help, action),
                Some(Overlay::Search(search)) => self.search_action(data, search, action),
                Some(Overlay::Filters(panel)) => self.filters_action(data, panel, action),
                None => self.apply(data, action),
            },
        }
        self.keep_visible();
    }

    /// Results of a search request, from the runner. An Enter typed before they came is
    /// carried out now, on them.
    pub fn search_results(&mut self, data: &dyn Store, generation: u64, results: Results) {
        // Enter pressed while searching opens the best hit of the complete results.
        if let Some(Overlay::Search(search)) = &mut self.overlay
            && search.receive(generation, results)
            && !search.waiting
            && search.open_when_ready
        {
            self.update(data, Action::Open);
        }
        self.keep_visible();
    }

    fn help_action(&mut self, mut help: HelpScreen, action: Action) {
        let page = self.overlay_page();
        match action {
            Action::ToggleHelp => return,
            Action::Up => help.offset = help.offset.saturating_sub(1),
            Action::Down => help.offset += 1,
            Action::PageUp => help.offset = help.offset.saturating_sub(page),
            Action::PageDown => help.offset += page,
            Action::Top => help.offset = 0,
            Action::Bottom => help.offset = usize::MAX,
            _ => {}
        }
        self.overlay = Some(Overlay::Help(help));
    }

    fn search_action(&mut self, data: &dyn Store, mut search: SearchBox, action: Action) {
        let page = self.overlay_page().saturating_sub(2).max(1);
        let last = search.hit_count().saturating_sub(1);
        match action {
            Action::Close => return,
            // Enter before the results of the latest edit: the hits on screen answer an older
            // query, so opening one would open the wrong thing. Open when the answer comes.
            Action::Open if search.waiting => search.open_when_ready = true,
            Action::Open => match search.selected_hit() {
                Some(hit) => {
                    let target = hit.target;
                    self.last_query = Some(search.query.clone());
                    self.go_to(data, Visit::new(target), true);
                    self.focus = Focus::Detail;
                    return;
                }
                None => self.message = Some("nothing to open".to_owned()),
            },
            Action::Insert(c) => {
                if search.type_text(&c.to_string()) {
                    self.request_search(&mut search);
                } else {
                    self.message = Some(search::too_long());
                }
            }
            Action::DeleteChar => {
                search.input.pop();
                self.request_search(&mut search);
            }
            Action::DeleteWord => {
                search::delete_word(&mut search.input);
                self.request_search(&mut search);
            }
            Action::ClearInput => {
                search.input.clear();
                self.request_search(&mut search);
            }
            Action::Up => search.selected = search.selected.saturating_sub(1),
            Action::Down => search.selected = (search.selected + 1).min(last),
            Action::PageUp => search.selected = search.selected.saturating_sub(page),
            Action::PageDown => search.selected = (search.selected + page).min(last),
            Action::Top => search.selected = 0,
            Action::Bottom => search.selected = last,
            _ => {}
        }
        self.overlay = Some(Overlay::Search(search));
    }

    fn filters_action(&mut self, data: &dyn Store, mut panel: FilterPanel, action: Action) {
        let page = self.overlay_page().saturating_sub(1).max(1) as isize;
        let step = |at: usize, len: usize, by: isize| {
            at.saturating_add_signed(by).min(len.saturating_sub(1))
        };
        match action {
            Action::Close => return,
            Action::SwitchColumn => {
                panel.column = match panel.column {
                    Column::Facets => Column::Values,
                    Column::Values => Column::Facets,
                }
            }
            Action::Toggle => {
                if panel.column == Column::Facets {
                    panel.column = Column::Values;
                } else if let Some(value) = panel.current_value().cloned() {
                    self.filter.toggle(&value);
                    self.refilter(data);
                    self.count_values(data, &mut panel);
                }
            }
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.refilter(data);
                self.count_values(data, &mut panel);
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                let by = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -page,
                    Action::PageDown => page,
                    Action::Top => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                match panel.column {
                    Column::Facets => {
                        let facet = step(panel.facet, Facet::ALL.len(), by);
                        if facet != panel.facet {
                            panel.facet = facet;
                            panel.value = 0;
                            panel.offset = 0;
                            self.count_values(data, &mut panel);
                        }
                    }
                    Column::Values => panel.value = step(panel.value, panel.values.len(), by),
                }
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Filters(panel));
    }

    /// For each value of the panel's facet: how many items the current list would show with the
    /// value turned on. Done on a change, not per frame.
    fn count_values(&self, data: &dyn Store, panel: &mut FilterPanel) {
        let kind = self.list;
        panel.values = panel
            .current_facet()
            .values(data)
            .into_iter()
            .map(|value| {
                let mut with = self.filter.clone();
                if !with.has(&value) {
                    with.toggle(&value);
                }
                // A count needs the members, not their order.
                let n = find::members(data, kind, &with).len();
                (value, n)
            })
            .collect();
        panel.value = panel.value.min(panel.values.len().saturating_sub(1));
    }

    fn apply(&mut self, data: &dyn Store, action: Action) {
        let list_page = self.list_height().max(1) as isize;
        let detail_page = self.detail_height().max(1) as isize;
        let page = match self.focus {
            Focus::List => list_page,
            Focus::Detail => detail_page,
        };
        match action {
            Action::ToggleHelp => {
                self.overlay = Some(Overlay::Help(HelpScreen {
                    doc: help::doc(&self.keymap, self.glyphs.ascii),
                    offset: 0,
                }))
            }
            Action::Search => {
                let mut search = SearchBox::default();
                // Reopening offers the last query again, ready to edit.
                if let Some(q) = &self.last_query {
                    search.input = q.text.clone();
                    self.request_search(&mut search);
                }
                self.overlay = Some(Overlay::Search(search));
            }
            Action::Filters => {
                let mut panel = FilterPanel::default();
                self.count_values(data, &mut panel);
                self.overlay = Some(Overlay::Filters(panel));
            }
            Action::ClearFilters => {
                if self.filter.is_empty() {
                    self.message = Some("no filters to clear".to_owned());
                } else {
                    self.filter = Filter::default();
                    self.refilter(data);
                }
            }
            Action::CycleSort => self.cycle_sort(data),
            Action::NextMatch | Action::PrevMatch => self.find_in_page(action == Action::PrevMatch),
            Action::Up => self.move_by(data, -1),
            Action::Down => self.move_by(data, 1),
            Action::PageUp => self.page_by(data, -page),
            Action::PageDown => self.page_by(data, page),
            Action::Top => self.move_by(data, isize::MIN / 2),
            Action::Bottom => self.move_by(data, isize::MAX / 2),
            Action::NextPane => self.cycle_pane(data, 1),
            Action::PrevPane => self.cycle_pane(data, -1),
            Action::ShowList(kind) => {
                self.show_list(data, kind);
                self.focus = Focus::List;
            }
            Action::FocusList => self.focus = Focus::List,
            Action::FocusDetail => self.focus = Focus::Detail,
            Action::Open => match self.focus {
                // The detail may show a page the list does not hold (a link to an item the
                // filter hides); opening shows the item the reader picked.
                Focus::List => {
                    self.show_current(data);
                    self.focus = Focus::Detail;
                }
                Focus::Detail => self.follow(data),
            },
            Action::Back => self.back(data),
            Action::Forward => self.forward(data),
            // Keys of overlays that are closed: nothing to do.
            _ => {}
        }
    }

    fn find_in_page(&mut self, back: bool) {
        let Some(query) = &self.last_query else {
            self.message = Some("no search yet: press / to search".to_owned());
            return;
        };
        match self.detail.find(query, back) {
            Some(row) => {
                self.detail.cursor = row;
                self.focus = Focus::Detail;
            }
            None => self.message = Some(format!("no match for \"{}\" on this page", query.text)),
        }
    }

    fn cycle_sort(&mut self, data: &dyn Store) {
        let kind = self.list;
        let choices = Sort::choices(kind);
        let pane = self.list_pane_mut();
        let at = choices.iter().position(|&s| s == pane.sort).unwrap_or(0);
        pane.sort = choices[(at + 1) % choices.len()];
        self.rebuild_list(data, kind);
        self.message = Some(format!(
            "{}: {}",
            kind.title(),
            self.list_pane().sort.label()
        ));
    }

    /// Rebuilds every list after the filter changed, keeping selections where they survive.
    fn refilter(&mut self, data: &dyn Store) {
        for kind in ListKind::ALL {
            self.rebuild_list(data, kind);
        }
        self.show_current(data);
    }

    fn rebuild_list(&mut self, data: &dyn Store, kind: ListKind) {
        let filter = &self.filter;
        let pane = &mut self.lists[kind.index()];
        pane.rows = ListRows::new(find::list(data, kind, filter, pane.sort));
        if pane.selected.is_none_or(|t| pane.rows.row_of(t).is_none()) {
            pane.selected = pane.rows.get(0);
            pane.offset = 0;
        }
    }

    fn move_by(&mut self, data: &dyn Store, delta: isize) {
        match self.focus {
            Focus::List => {
                let pane = self.list_pane_mut();
                let Some(row) = pane.selected_row() else {
                    return;
                };
                let last = pane.rows.len().saturating_sub(1);
                let row = row.saturating_add_signed(delta).min(last);
                let target = pane.rows.get(row);
                if target != pane.selected {
                    pane.selected = target;
                    self.show_current(data);
                }
            }
            Focus::Detail => {
                let last = self.detail.rows.len().saturating_sub(1);
                self.detail.cursor = self.detail.cursor.saturating_add_signed(delta).min(last);
            }
        }
    }

    /// Page keys move the view and the cursor together, so the cursor keeps its place on screen.
    fn page_by(&mut self, data: &dyn Store, delta: isize) {
        match self.focus {
            Focus::List => {
                let pane = self.list_pane_mut();
                pane.offset = pane.offset.saturating_add_signed(delta);
            }
            Focus::Detail => {
                self.detail.offset = self.detail.offset.saturating_add_signed(delta);
            }
        }
        self.move_by(data, delta);
    }

    /// Tab order: the five lists, then the detail pane.
    fn cycle_pane(&mut self, data: &dyn Store, step: isize) {
        let n = ListKind::ALL.len() as isize + 1;
        let now = match self.focus {
            Focus::List => self.list.index() as isize,
            Focus::Detail => n - 1,
        };
        let next = (now + step).rem_euclid(n) as usize;
        match ListKind::ALL.get(next) {
            Some(&kind) => {
                self.show_list(data, kind);
                self.focus = Focus::List;
            }
            None => self.focus = Focus::Detail,
        }
    }

    /// Shows another list; the detail follows its selection.
    fn show_list(&mut self, data: &dyn Store, kind: ListKind) {
        if self.list != kind {
            self.list = kind;
            self.show_current(data);
        }
    }

    /// Makes the detail show the selected item of the current list, replacing the current history
    /// entry: moving through a list is browsing, not following links.
    fn show_current(&mut self, data: &dyn Store) {
        // An empty list (everything filtered out) leaves the page as it is, so the detail and the
        // breadcrumb keep naming the same page, and Back and Forward keep their meaning.
        let Some(target) = self.list_pane().selected else {
            return;
        };
        if self.detail.target != Some(target) {
            self.history.replace(Visit::new(target));
            self.open_page(data, Visit::new(target));
        }
    }

    /// Follows the link under the detail cursor.
    fn follow(&mut self, data: &dyn Store) {
        match self.detail.link_under_cursor() {
            Some(target) => self.go_to(data, Visit::new(target), true),
            None => self.message = Some("nothing to follow on this line".to_owned()),
        }
    }

    fn back(&mut self, data: &dyn Store) {
        self.save_position();
        match self.history.back() {
            Some(visit) => self.go_to(data, visit, false),
            // With nowhere to go back to, back leaves the detail for its list, as in a pager.
            None if self.focus == Focus::Detail => self.focus = Focus::List,
            None => self.message = Some("no earlier page".to_owned()),
        }
    }

    fn forward(&mut self, data: &dyn Store) {
        self.save_position();
        match self.history.forward() {
            Some(visit) => self.go_to(data, visit, false),
            None => self.message = Some("no later page".to_owned()),
        }
    }

    /// Shows `visit` and selects its item in its own list; `push` records it as a new step. An
    /// item hidden by the filter is still shown, following a link never fails, but the list keeps
    /// a selection among the items it shows, for the movement keys to start from.
    fn go_to(&mut self, data: &dyn Store, visit: Visit, push: bool) {
        // Opening the page already shown is not a step: it would only make Back do nothing.
        let push = push && self.detail.target != Some(visit.target);
        if push {
            self.save_position();
            self.history.push(visit);
        }
        self.list = visit.target.list();
        let pane = self.list_pane_mut();
        if pane.rows.row_of(visit.target).is_some() {
            pane.selected = Some(visit.target);
        }
        self.open_page(data, visit);
    }

    fn save_position(&mut self) {
        if let Some(visit) = self.detail.visit() {
            self.history.replace(visit);
        }
    }

    fn open_page(&mut self, data: &dyn Store, visit: Visit) {
        let doc = pages::page(data, visit.target, &self.glyphs);
        self.detail = DetailPane::new(doc, self.detail_width(), visit);
    }

    /// The invariants every action must leave true: selections and cursors within bounds and on
    /// screen, overlays scrolled no further than their end.
    fn keep_visible(&mut self) {
        let list_height = self.list_height() as usize;
        for pane in &mut self.lists {
            let row = pane.selected_row().unwrap_or(0);
            pane.offset = scrolled_into_view(pane.offset, row, list_height, pane.rows.len());
        }
        let height = self.detail_height() as usize;
        let d = &mut self.detail;
        d.cursor = d.cursor.min(d.rows.len().saturating_sub(1));
        d.offset = scrolled_into_view(d.offset, d.cursor, height, d.rows.len());
        let area = layout::inner(layout::help_area(self.size));
        let page = area.height as usize;
        match &mut self.overlay {
            Some(Overlay::Help(help)) => {
                let rows = doc::wrap(&help.doc, area.width).len();
                help.offset = help.offset.min(rows.saturating_sub(page));
            }
            Some(Overlay::Search(search)) => {
                // Two rows hold the input and the summary.
                let rows = search.rows().len();
                search.selected = search.selected.min(search.hit_count().saturating_sub(1));
                let at = search.selected_row();
                search.offset = scrolled_into_view(search.offset, at, page.saturating_sub(2), rows);
            }
            Some(Overlay::Filters(panel)) => {
                panel.offset = scrolled_into_view(
                    panel.offset,
                    panel.value,
                    page.saturating_sub(1),
                    panel.values.len(),
                );
            }
            None => {}
        }
    }

    fn overlay_page(&self) -> usize {
        layout::inner(layout::help_area(self.size)).height.max(1) as usize
    }

    fn list_height(&self) -> u16 {
        let chips = !self.filter.is_empty();
        layout::inner(layout::screen(self.size, Shown::List, chips).list).height
    }

    fn detail_height(&self) -> u16 {
        let chips = !self.filter.is_empty();
        layout::inner(layout::screen(self.size, Shown::Detail, chips).detail).height
    }

    /// The width pages are wrapped to. A terminal too small to draw on (or not yet measured, at
    /// start-up) has a detail pane of no width; wrapping to that would make a row of every
    /// character, a million rows for a 1 MB text, only to be wrapped again at the next resize.
    fn detail_width(&self) -> u16 {
        layout::detail_wrap_width(self.size)
    }
}

/// The smallest change to `offset` that shows row `at` in a window of `height` rows, never
/// scrolling past the end.
fn scrolled_into_view(offset: usize, at: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return at;
    }
    let max = len.saturating_sub(height);
    let offset = offset.min(max);
    if at < offset {
        at
    } else if at >= offset + height {
        at + 1 - height
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::scrolled_into_view;

    #[test]
    fn scrolling_moves_the_least_and_never_past_the_end() {
        assert_eq!(scrolled_into_view(0, 5, 10, 100), 0);
        assert_eq!(scrolled_into_view(0, 10, 10, 100), 1);
        assert_eq!(scrolled_into_view(50, 10, 10, 100), 10);
        assert_eq!(scrolled_into_view(95, 99, 10, 100), 90);
        assert_eq!(scrolled_into_view(7, 3, 10, 5), 0);
    }
}
