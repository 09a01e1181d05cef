//! The explorer's state and the one place it changes: `App::update(action)`.
//!
//! Keys become actions through the keymap; `update` applies an action and then re-establishes the
//! invariants once (selection within bounds, cursor visible, detail showing the selected item).
//! Nothing here draws: `ui::draw` reads this state and never changes it.

pub mod action;
pub mod doc;
mod help;
pub mod keymap;
pub mod lists;
pub mod nav;

use crossterm::event::Event;
use ratatui::layout::Rect;

use crate::data::Dataset;
use crate::keys::Key;
use crate::layout::{self, Shown};
use crate::views::{self, Glyphs};
use action::Action;
use doc::{Doc, Row};
use keymap::{Keymap, Mode};
use lists::ListRows;
use nav::{History, ListKind, Target, Visit};

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
}

impl ListPane {
    pub fn selected_row(&self) -> Option<usize> {
        self.selected.and_then(|t| self.rows.row_of(t))
    }
}

/// The detail pane: the page of the current target, wrapped to the pane's width.
#[derive(Debug, Clone, Default)]
pub struct DetailPane {
    pub target: Option<Target>,
    pub doc: Doc,
    pub rows: Vec<Row>,
    pub width: u16,
    pub cursor: usize,
    pub offset: usize,
}

/// A scrollable overlay (the help screen).
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    pub doc: Doc,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct App {
    pub keymap: Keymap,
    pub glyphs: Glyphs,
    pub size: Rect,
    pub list: ListKind,
    pub lists: Vec<ListPane>,
    pub focus: Focus,
    pub history: History,
    pub detail: DetailPane,
    pub help: Option<Overlay>,
    /// A one-off note for the status line (why a key did nothing); cleared by the next action.
    pub message: Option<&'static str>,
    pub quit: bool,
}

impl App {
    pub fn new(data: &Dataset, keymap: Keymap, glyphs: Glyphs, size: Rect) -> App {
        let lists = ListKind::ALL
            .iter()
            .map(|&kind| {
                let rows = lists::build(data, kind);
                ListPane {
                    selected: rows.get(0),
                    rows,
                    offset: 0,
                }
            })
            .collect();
        let mut app = App {
            keymap,
            glyphs,
            size,
            list: ListKind::Analyses,
            lists,
            focus: Focus::List,
            history: History::default(),
            detail: DetailPane::default(),
            help: None,
            message: None,
            quit: false,
        };
        if let Some(first) = app.lists[0].selected {
            app.history.push(Visit::new(first));
        }
        app.show_current(data);
        app
    }

    /// Opens the explorer on one item, as `geolens open ID` does.
    pub fn open(&mut self, data: &Dataset, target: Target) {
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
        match (self.help.is_some(), self.focus) {
            (true, _) => Mode::Help,
            (false, Focus::List) => Mode::List,
            (false, Focus::Detail) => Mode::Detail,
        }
    }

    /// The pane shown in narrow layouts.
    pub fn shown(&self) -> Shown {
        match self.focus {
            Focus::List => Shown::List,
            Focus::Detail => Shown::Detail,
        }
    }

    /// Turns a terminal event into an action and applies it. Returns whether anything may have
    /// changed on screen (so the caller can skip a redraw).
    pub fn handle_event(&mut self, data: &Dataset, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind != crossterm::event::KeyEventKind::Release => {
                self.handle_key(data, Key::from(*key));
                true
            }
            Event::Resize(w, h) => {
                self.update(data, Action::Resize(*w, *h));
                true
            }
            _ => false,
        }
    }

    pub fn handle_key(&mut self, data: &Dataset, key: Key) {
        match self.keymap.lookup(self.mode(), key) {
            Some(action) => self.update(data, action),
            None => self.message = None,
        }
    }

    pub fn update(&mut self, data: &Dataset, action: Action) {
        self.message = None;
        if let Action::Resize(w, h) = action {
            self.size = Rect::new(0, 0, w, h);
            self.rewrap();
        } else if let Some(help) = &mut self.help {
            let page = layout::inner(layout::help_area(self.size)).height.max(1) as usize;
            match action {
                Action::ToggleHelp => self.help = None,
                Action::Quit => self.quit = true,
                Action::Up => help.offset = help.offset.saturating_sub(1),
                Action::Down => help.offset += 1,
                Action::PageUp => help.offset = help.offset.saturating_sub(page),
                Action::PageDown => help.offset += page,
                Action::Top => help.offset = 0,
                Action::Bottom => help.offset = usize::MAX,
                _ => {}
            }
        } else {
            self.apply(data, action);
        }
        self.keep_visible();
    }

    fn apply(&mut self, data: &Dataset, action: Action) {
        let list_page = self.list_height().max(1) as isize;
        let detail_page = self.detail_height().max(1) as isize;
        let page = match self.focus {
            Focus::List => list_page,
            Focus::Detail => detail_page,
        };
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                self.help = Some(Overlay {
                    doc: help::doc(&self.keymap),
                    offset: 0,
                })
            }
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
                Focus::List => self.focus = Focus::Detail,
                Focus::Detail => self.follow(data),
            },
            Action::Back => self.back(data),
            Action::Forward => self.forward(data),
            Action::Resize(..) => {}
        }
    }

    fn move_by(&mut self, data: &Dataset, delta: isize) {
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
    fn page_by(&mut self, data: &Dataset, delta: isize) {
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
    fn cycle_pane(&mut self, data: &Dataset, step: isize) {
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
    fn show_list(&mut self, data: &Dataset, kind: ListKind) {
        if self.list != kind {
            self.list = kind;
            self.show_current(data);
        }
    }

    /// Makes the detail show the selected item of the current list, replacing the current history
    /// entry: moving through a list is browsing, not following links.
    fn show_current(&mut self, data: &Dataset) {
        let Some(target) = self.list_pane().selected else {
            self.detail = DetailPane {
                width: self.detail_width(),
                ..DetailPane::default()
            };
            return;
        };
        if self.detail.target != Some(target) {
            self.history.replace(Visit::new(target));
            self.open_page(data, Visit::new(target));
        }
    }

    /// Follows the link under the detail cursor.
    fn follow(&mut self, data: &Dataset) {
        match self
            .detail
            .rows
            .get(self.detail.cursor)
            .and_then(|r| r.link)
        {
            Some(target) => self.go_to(data, Visit::new(target), true),
            None => self.message = Some("nothing to follow on this line"),
        }
    }

    fn back(&mut self, data: &Dataset) {
        self.save_position();
        match self.history.back() {
            Some(visit) => self.go_to(data, visit, false),
            // With nowhere to go back to, back leaves the detail for its list, as in a pager.
            None if self.focus == Focus::Detail => self.focus = Focus::List,
            None => self.message = Some("no earlier page"),
        }
    }

    fn forward(&mut self, data: &Dataset) {
        self.save_position();
        match self.history.forward() {
            Some(visit) => self.go_to(data, visit, false),
            None => self.message = Some("no later page"),
        }
    }

    /// Shows `visit` and selects its item in its own list; `push` records it as a new step.
    fn go_to(&mut self, data: &Dataset, visit: Visit, push: bool) {
        if push {
            self.save_position();
            self.history.push(visit);
        }
        self.list = visit.target.list();
        self.list_pane_mut().selected = Some(visit.target);
        self.open_page(data, visit);
    }

    fn save_position(&mut self) {
        if let Some(target) = self.detail.target {
            self.history.replace(Visit {
                target,
                cursor: self.detail.cursor,
                offset: self.detail.offset,
            });
        }
    }

    fn open_page(&mut self, data: &Dataset, visit: Visit) {
        let doc = views::page(data, visit.target, &self.glyphs);
        let width = self.detail_width();
        self.detail = DetailPane {
            target: Some(visit.target),
            rows: doc::wrap(&doc, width),
            doc,
            width,
            cursor: visit.cursor,
            offset: visit.offset,
        };
    }

    /// Re-wraps the page after a resize, keeping the cursor on the same line of text.
    fn rewrap(&mut self) {
        let width = self.detail_width();
        if width == self.detail.width {
            return;
        }
        let line = self.detail.rows.get(self.detail.cursor).map(|r| r.line);
        self.detail.rows = doc::wrap(&self.detail.doc, width);
        self.detail.width = width;
        if let Some(line) = line {
            self.detail.cursor = self
                .detail
                .rows
                .iter()
                .position(|r| r.line == line)
                .unwrap_or(0);
        }
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
        if let Some(help) = &mut self.help {
            let area = layout::inner(layout::help_area(self.size));
            let rows = doc::wrap(&help.doc, area.width).len();
            help.offset = help.offset.min(rows.saturating_sub(area.height as usize));
        }
    }

    fn list_height(&self) -> u16 {
        layout::inner(layout::screen(self.size, Shown::List).list).height
    }

    fn detail_height(&self) -> u16 {
        layout::inner(layout::screen(self.size, Shown::Detail).detail).height
    }

    fn detail_width(&self) -> u16 {
        layout::detail_text(layout::screen(self.size, Shown::Detail).detail).width
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
