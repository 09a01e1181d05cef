//! The explorer's state and the one place it changes: `App::update(action)`.
//!
//! Keys become actions through the keymap; `update` applies an action and then re-establishes the
//! invariants once (selection within bounds, cursor visible, detail showing the selected item).
//! Nothing here draws: `ui::draw` reads this state and never changes it. Nothing here searches
//! either: edits to the search box leave a request that the runner answers (see `search`).

pub mod action;
pub mod compare;
pub mod detail;
pub mod dossier;
mod explorer;
pub mod filters;
pub mod finder;
pub mod forecasts;
mod help;
pub mod keymap;
pub mod lists;
pub mod map;
pub mod matrix;
mod mode;
mod mouse;
pub mod nav;
pub mod note;
pub mod outlook;
mod overlays;
pub mod reading;
pub mod saved;
pub mod screen;
pub mod search;
pub mod timeline;

use crossterm::event::Event;
use ratatui::layout::Rect;

use crate::data::{ListKind, Store, Target};
use crate::doc::{self, Doc};
use crate::find::{self, Filter, Query, Results, Sort};
use crate::keys::Key;
use crate::layout::{self, Shown};
use crate::pages::Glyphs;
use action::Action;
use detail::DetailPane;
use filters::FilterPanel;
use finder::Finder;
use keymap::{Keymap, Mode};
use lists::ListRows;
use nav::{History, Visit};
use screen::{Screen, ViewMenu, Views};
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
    /// The order turned round (`S`).
    pub reverse: bool,
    /// The filter changed since the list was built: it is rebuilt before it is next shown, so a
    /// filter change costs one list, not five.
    pub stale: bool,
    /// What the rows were built for, and the rows built before them: Back after a drill-down
    /// puts the previous filter back, and finds its rows here instead of building them again.
    pub built_for: Option<ListKey>,
    pub previous: Option<(ListKey, ListRows)>,
}

/// What a list's rows depend on, besides the data.
pub type ListKey = (Filter, Sort, bool);

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
    /// A bookmark's note, or the name of a view to save.
    Note(note::NoteBox),
    /// The saved views, to bring one back.
    Views(saved::ViewsList),
    /// The menu of views.
    ViewMenu(ViewMenu),
    /// The outline of the page, or the command palette.
    Finder(Finder),
}

#[derive(Debug, Clone)]
pub struct App {
    pub keymap: Keymap,
    pub glyphs: Glyphs,
    pub size: Rect,
    pub list: ListKind,
    pub lists: Vec<ListPane>,
    pub filter: Filter,
    /// What fills the body: the explorer, a view, or a comparison.
    pub screen: Screen,
    /// Every view's state, kept for the session.
    pub views: Views,
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
    /// Bookmarks, notes, saved views and the session (`app::dossier`).
    pub shelf: dossier::Shelf,
    /// The longest line of prose in the detail pane, in columns (0: as wide as the pane); the
    /// list takes the rest of a wide screen.
    pub reading_width: u16,
    /// A count typed before a move (`5j`), waiting for the move.
    pub count: Option<usize>,
    /// Items marked to compare, the latest last; at most two.
    pub marks: Vec<Target>,
    /// The filters as they were before each change, the latest last, for `u`.
    pub filter_undo: Vec<Filter>,
    /// The last comparison, shown while `screen` is `Compare`.
    pub compare: Option<Box<compare::CompareView>>,
    /// The forecasts view, shown while `screen` is `Forecasts`.
    pub forecasts: forecasts::ForecastsView,
    /// Drafts show beside their source text (key `D`), until turned off.
    pub draft_source: bool,
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
                    reverse: false,
                    stale: false,
                    built_for: Some((filter.clone(), sort, false)),
                    previous: None,
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
            screen: Screen::Explorer,
            views: Views::default(),
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
            shelf: dossier::Shelf::default(),
            reading_width: layout::READING_WIDTH,
            count: None,
            marks: Vec::new(),
            filter_undo: Vec::new(),
            compare: None,
            forecasts: forecasts::ForecastsView::default(),
            draft_source: false,
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
        self.shelf.resolve(data);
        for pane in &mut self.lists {
            pane.built_for = None;
            pane.previous = None;
        }
        self.forecasts.forget();
        if self.screen == Screen::Forecasts {
            self.forecasts.refresh(data, &self.filter);
        }
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
        if let Some(session) = self.shelf.pending_session.take() {
            self.restore(data, &session);
        }
        self.views.forget();
        self.refresh_view(data);
        self.keep_visible();
    }

    /// Opens the explorer on one item, as `geolens open ID` does. The history starts there: the
    /// page shown before (the newest analysis) was never seen, so Back must not lead to it.
    pub fn open(&mut self, data: &dyn Store, target: Target) {
        self.history = History::default();
        self.history.push(Visit::new(target));
        self.go_to(data, Visit::new(target), false);
        self.focus = Focus::Detail;
    }

    /// Sets the longest line of prose and re-wraps the page to it.
    pub fn set_reading_width(&mut self, columns: u16) {
        self.reading_width = columns;
        let width = self.detail_width();
        self.detail.rewrap(width);
        self.keep_visible();
    }

    pub fn list_pane(&self) -> &ListPane {
        &self.lists[self.list.index()]
    }

    /// Takes the dossier kept on disk (or in memory): its bookmarks marked in the lists, and the
    /// first thing it has to say (a file moved aside, a directory that cannot be written) on the
    /// status line.
    pub fn attach(&mut self, data: &dyn Store, shelf: dossier::Shelf) {
        self.shelf = shelf;
        self.shelf.resolve(data);
        if let Some(notice) = self.shelf.dossier.notices.unseen() {
            self.message = Some(notice);
        }
    }

    fn list_pane_mut(&mut self) -> &mut ListPane {
        &mut self.lists[self.list.index()]
    }

    /// The keymap mode for the current state.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.focus) {
            (Some(Overlay::Help(_)), _) => Mode::Help,
            (Some(Overlay::Search(_)), _) => Mode::Search,
            (Some(Overlay::Filters(panel)), _) if panel.finding() => Mode::Find,
            (Some(Overlay::Filters(_)), _) => Mode::Filters,
            (Some(Overlay::Note(b)), _) if b.multiline() => Mode::Note,
            (Some(Overlay::Note(_)), _) => Mode::Prompt,
            (Some(Overlay::ViewMenu(_)), _) => Mode::ViewMenu,
            (Some(Overlay::Views(_)), _) => Mode::Views,
            (Some(Overlay::Finder(_)), _) => Mode::Find,
            (None, _) if self.screen.is_view() => self.screen.mode().unwrap_or(Mode::Global),
            (None, _) if self.comparing().is_some() => Mode::Compare,
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

    /// The layout of the current frame. The Implications table takes the whole width while it
    /// has the focus: seven columns do not fit beside a page.
    pub fn screen(&self) -> layout::Screen {
        let mut s = layout::screen_for(
            self.size,
            self.shown(),
            !self.filter.is_empty(),
            self.reading_width,
        );
        if s.mode == layout::Mode::Wide
            && self.list == ListKind::Implications
            && self.focus == Focus::List
            && self.screen == Screen::Explorer
        {
            s.list = s.body;
            s.detail = Rect::new(s.body.x, s.body.y, 0, 0);
        }
        s
    }

    /// The comparison on screen, if one is.
    pub fn comparing(&self) -> Option<&compare::CompareView> {
        match self.screen {
            Screen::Compare => self.compare.as_deref(),
            _ => None,
        }
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
            Event::Paste(text) if matches!(self.mode(), Mode::Note | Mode::Prompt) => {
                self.message = None;
                self.paste_note(text);
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
                let before = search.input.clone();
                // Pasting over the last query, offered selected, replaces it as typing does.
                if std::mem::take(&mut search.replace) {
                    search.input.clear();
                }
                let whole = search.type_text(text);
                if search.input != before {
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

    pub fn handle_key(&mut self, data: &dyn Store, key: Key) {
        let mode = self.mode();
        match self.keymap.lookup(mode, key) {
            Some(Action::Count) => self.count_digit(key),
            Some(action) => {
                let count = self.count.take();
                self.update_times(data, action, count);
            }
            None => match key.code {
                crossterm::event::KeyCode::Char(c)
                    if mode.types_text() && !key.ctrl && !key.alt =>
                {
                    self.update(data, Action::Insert(c))
                }
                // An unbound key (Esc on the main screen among them) does nothing but cancel a
                // count and the last message.
                _ => {
                    self.message = None;
                    self.count = None;
                }
            },
        }
    }

    pub fn update(&mut self, data: &dyn Store, action: Action) {
        // A resize is not the user's answer to a message: it stays until the next key.
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
            self.shelf.pending_session = None;
        }
        match action {
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                let width = self.detail_width();
                self.detail.rewrap(width);
                self.rewrap_compare();
            }
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            _ => match self.overlay.take() {
                Some(Overlay::Help(help)) => self.help_action(help, action),
                Some(Overlay::Search(search)) => self.search_action(data, search, action),
                Some(Overlay::Filters(panel)) => self.filters_action(data, panel, action),
                Some(Overlay::Note(b)) => self.note_action(data, b, action),
                Some(Overlay::Views(list)) => self.views_action(data, list, action),
                Some(Overlay::ViewMenu(menu)) => self.menu_action(data, menu, action),
                Some(Overlay::Finder(finder)) => self.finder_action(data, finder, action),
                None if self.screen == Screen::Forecasts => self.forecasts_action(data, action),
                None if self.screen.is_view() => self.view_action(data, action),
                None if self.comparing().is_some() => self.compare_action(data, action),
                None if self.shelf.shown && self.focus == Focus::List => {
                    self.bookmarks_action(data, action)
                }
                None => self.apply(data, action),
            },
        }
        self.fresh(data, self.list);
        self.refresh_view(data);
        // Filters changed anywhere (the panel over the view, `u`, Back) are counted at once.
        if self.screen == Screen::Forecasts {
            self.forecasts.refresh(data, &self.filter);
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

    /// The invariants every action must leave true: selections and cursors within bounds and on
    /// screen, overlays scrolled no further than their end.
    fn keep_visible(&mut self) {
        let list_height = self.list_height() as usize;
        let shelf = &mut self.shelf;
        shelf.offset = scrolled_into_view(
            shelf.offset,
            shelf.selected,
            dossier::list_rows(list_height),
            shelf.len(),
        );
        for (kind, pane) in ListKind::ALL.iter().zip(&mut self.lists) {
            let row = pane.selected_row().unwrap_or(0);
            let height = list_height.saturating_sub(table_header(*kind, list_height));
            pane.offset = scrolled_into_view(pane.offset, row, height, pane.rows.len());
        }
        let height = self.detail_height() as usize;
        let d = &mut self.detail;
        d.cursor = d.cursor.min(d.rows.len().saturating_sub(1));
        d.offset = scrolled_into_view(d.offset, d.cursor, height, d.rows.len());
        self.keep_compare_visible();
        self.keep_forecasts_visible();
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
                    page.saturating_sub(filters::HEAD_ROWS),
                    panel.values.len(),
                );
            }
            Some(Overlay::Views(list)) => {
                let n = self.shelf.dossier.views.get().views.len();
                list.offset = scrolled_into_view(list.offset, list.selected, page, n);
            }
            Some(Overlay::Note(_)) => {}
            Some(Overlay::Finder(finder)) => {
                let area = layout::inner(layout::finder_area(self.size));
                let rows = (area.height as usize).saturating_sub(finder::HEAD_ROWS);
                finder.selected = finder.selected.min(finder.shown.len().saturating_sub(1));
                finder.offset =
                    scrolled_into_view(finder.offset, finder.selected, rows, finder.shown.len());
            }
            Some(Overlay::ViewMenu(_)) | None => {}
        }
    }

    fn overlay_page(&self) -> usize {
        layout::inner(layout::help_area(self.size)).height.max(1) as usize
    }

    fn list_height(&self) -> u16 {
        let chips = !self.filter.is_empty();
        let s = layout::screen_for(self.size, Shown::List, chips, self.reading_width);
        layout::inner(s.list).height
    }

    fn detail_height(&self) -> u16 {
        let chips = !self.filter.is_empty();
        let s = layout::screen_for(self.size, Shown::Detail, chips, self.reading_width);
        layout::inner(s.detail).height
    }

    /// The width pages are wrapped to. A terminal too small to draw on (or not yet measured, at
    /// start-up) has a detail pane of no width; wrapping to that would make a row of every
    /// character, a million rows for a 1 MB text, only to be wrapped again at the next resize.
    fn detail_width(&self) -> u16 {
        layout::detail_wrap_width_for(self.size, self.reading_width)
    }
}

/// Rows a list of `height` rows spends on a header: the Implications table names its columns
/// when that leaves it two rows or more.
pub fn table_header(kind: ListKind, height: usize) -> usize {
    usize::from(kind == ListKind::Implications && height >= 3)
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
