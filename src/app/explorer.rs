//! The explorer proper: moving through the lists and the detail, following links, history, sort.

use super::action::Action;
use super::detail::DetailPane;
use super::filters::FilterPanel;
use super::lists::ListRows;
use super::nav::Visit;
use super::search::SearchBox;
use super::{App, Focus, HelpScreen, Overlay, Screen, help};
use crate::data::{ListKind, Store, Target};
use crate::find::{self, Sort};
use crate::pages;

impl App {
    pub(super) fn apply(&mut self, data: &dyn Store, action: Action) {
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
                // Reopening offers the last query again, selected: typing replaces it, and the
                // right arrow keeps it to add to.
                if let Some(q) = &self.last_query {
                    search.input = q.text.clone();
                    search.replace = true;
                    self.request_search(&mut search);
                }
                self.overlay = Some(Overlay::Search(search));
            }
            Action::Filters => {
                let mut panel = FilterPanel::new(data, &self.filter);
                self.count_values(data, &mut panel);
                self.overlay = Some(Overlay::Filters(panel));
            }
            Action::ClearFilters => self.clear_filters(data),
            Action::UndoFilter => self.undo_filter(data),
            Action::NextLink | Action::PrevLink => self.step_link(action == Action::NextLink),
            Action::NextSection | Action::PrevSection => {
                self.step_section(action == Action::NextSection)
            }
            Action::Outline => self.open_outline(),
            Action::Palette => self.open_palette(),
            Action::HalfPageUp => self.page_by(data, -(page / 2).max(1)),
            Action::HalfPageDown => self.page_by(data, (page / 2).max(1)),
            Action::Mark => {
                if let Some(target) = self.detail.target {
                    self.mark(data, target)
                }
            }
            Action::Compare => self.compare_chosen(data),
            Action::ShowView(Screen::Forecasts) => self.show_forecasts(data),
            Action::CycleSort => self.cycle_sort(data),
            Action::ReverseSort => self.reverse_sort(data),
            Action::ShowView(screen) => self.show_view(data, screen),
            Action::ViewMenu => self.open_menu(),
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
                self.shelf.shown = false;
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
            Action::ToggleBookmark => self.toggle_bookmark(data),
            Action::ShowBookmarks => self.show_bookmarks(data),
            Action::EditNote => self.open_note(data, false),
            Action::EditNoteOutside => self.open_note(data, true),
            Action::Copy => self.copy(data),
            Action::Pager => self.pager(),
            Action::Export => self.export(data),
            Action::SaveView => self.open_name_box(),
            Action::RecallView => self.open_views(),
            Action::DraftSource => self.toggle_draft_source(data),
            // Keys of overlays that are closed: nothing to do.
            _ => {}
        }
    }

    pub(super) fn find_in_page(&mut self, back: bool) {
        let Some(query) = &self.last_query else {
            self.message = Some("no search yet: press / to search".to_owned());
            return;
        };
        let rows = self.detail.matches(query);
        let cursor = self.detail.cursor;
        let next = if back {
            rows.iter().rposition(|&r| r < cursor)
        } else {
            rows.iter().position(|&r| r > cursor)
        };
        // Past the last match (or before the first), the search goes round, and says so.
        let (at, wrapped) = match next {
            Some(at) => (at, false),
            None if rows.is_empty() => {
                self.message = Some(format!("no match for \"{}\" on this page", query.text));
                return;
            }
            None if back => (rows.len() - 1, true),
            None => (0, true),
        };
        self.detail.cursor = rows[at];
        self.focus = Focus::Detail;
        let round = match (wrapped, back) {
            (false, _) => "",
            (true, false) => ", from the top again",
            (true, true) => ", from the bottom again",
        };
        self.message = Some(format!("match {} of {}{round}", at + 1, rows.len()));
    }

    pub(super) fn cycle_sort(&mut self, data: &dyn Store) {
        let kind = self.list;
        let choices = Sort::choices(kind);
        let pane = self.list_pane_mut();
        let at = choices.iter().position(|&s| s == pane.sort).unwrap_or(0);
        pane.sort = choices[(at + 1) % choices.len()];
        // Each order starts its natural way round: newest, most likely, A to Z.
        pane.reverse = false;
        self.rebuild_list(data, kind);
        self.sort_message(kind);
    }

    pub(super) fn reverse_sort(&mut self, data: &dyn Store) {
        let kind = self.list;
        self.fresh(data, kind);
        let pane = self.list_pane_mut();
        pane.reverse = !pane.reverse;
        // The same items the other way round: no need to sort again.
        let mut items = pane.rows.items().to_vec();
        items.reverse();
        pane.rows = ListRows::new(items);
        if let Some(built) = &mut pane.built_for {
            built.2 = pane.reverse;
        }
        self.sort_message(kind);
    }

    fn sort_message(&mut self, kind: ListKind) {
        let pane = self.list_pane();
        self.message = Some(format!(
            "{}: {}",
            kind.title(),
            pane.sort.label_in(pane.reverse)
        ));
    }

    /// Rebuilds every list after the filter changed, keeping selections where they survive.
    pub(super) fn refilter(&mut self, data: &dyn Store) {
        self.rebuild_lists(data);
        self.show_current(data);
    }

    /// Rebuilds the list shown and marks the others to be rebuilt when next shown, leaving the
    /// page shown and the history as they are.
    pub(super) fn rebuild_lists(&mut self, data: &dyn Store) {
        for pane in &mut self.lists {
            pane.stale = true;
        }
        self.fresh(data, self.list);
    }

    /// Brings a list up to date with the filter, if it fell behind.
    pub(super) fn fresh(&mut self, data: &dyn Store, kind: ListKind) {
        if self.lists[kind.index()].stale {
            self.rebuild_list(data, kind);
        }
    }

    pub(super) fn rebuild_list(&mut self, data: &dyn Store, kind: ListKind) {
        let filter = &self.filter;
        let pane = &mut self.lists[kind.index()];
        pane.stale = false;
        let key = (filter.clone(), pane.sort, pane.reverse);
        let rows = match pane.previous.take() {
            Some((built, rows)) if built == key => rows,
            _ => ListRows::new(find::ordered(data, kind, filter, pane.sort, pane.reverse)),
        };
        let old = std::mem::replace(&mut pane.rows, rows);
        if let Some(built) = pane.built_for.replace(key) {
            pane.previous = Some((built, old));
        }
        if pane.selected.is_none_or(|t| pane.rows.row_of(t).is_none()) {
            pane.selected = pane.rows.get(0);
            pane.offset = 0;
        }
    }

    pub(super) fn move_by(&mut self, data: &dyn Store, delta: isize) {
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
    pub(super) fn page_by(&mut self, data: &dyn Store, delta: isize) {
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
    pub(super) fn cycle_pane(&mut self, data: &dyn Store, step: isize) {
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
    pub(super) fn show_list(&mut self, data: &dyn Store, kind: ListKind) {
        self.fresh(data, kind);
        if self.list != kind {
            self.list = kind;
            self.show_current(data);
        }
    }

    /// Makes the detail show the selected item of the current list, replacing the current history
    /// entry: moving through a list is browsing, not following links.
    pub(super) fn show_current(&mut self, data: &dyn Store) {
        // An empty list (everything filtered out) leaves the page as it is, so the detail and the
        // breadcrumb keep naming the same page, and Back and Forward keep their meaning.
        let Some(target) = self.list_pane().selected else {
            return;
        };
        // Behind a view or a comparison the page waits: their history entry must stay theirs.
        if self.screen != super::screen::Screen::Explorer {
            return;
        }
        if self.detail.target != Some(target) {
            self.history.replace_page(target);
            self.open_page(data, Visit::new(target));
        }
    }

    /// Follows the link under the detail cursor.
    pub(super) fn follow(&mut self, data: &dyn Store) {
        match self.detail.link_under_cursor() {
            Some(target) => self.go_to(data, Visit::new(target), true),
            None => self.message = Some("nothing to follow on this line".to_owned()),
        }
    }

    pub(super) fn back(&mut self, data: &dyn Store) {
        self.save_position();
        match self.history.back() {
            Some(visit) => self.go_to(data, visit, false),
            // With nowhere to go back to, back leaves the detail for its list, as in a pager.
            None if self.focus == Focus::Detail => self.focus = Focus::List,
            None => self.message = Some("no earlier page".to_owned()),
        }
    }

    pub(super) fn forward(&mut self, data: &dyn Store) {
        self.save_position();
        match self.history.forward() {
            Some(visit) => self.go_to(data, visit, false),
            None => self.message = Some("no later page".to_owned()),
        }
    }

    /// Shows `visit` and selects its item in its own list; `push` records it as a new step. An
    /// item hidden by the filter is still shown, following a link never fails, but the list keeps
    /// a selection among the items it shows, for the movement keys to start from.
    pub(super) fn go_to(&mut self, data: &dyn Store, visit: Visit, push: bool) {
        // The entry says what filled the body: a page, a view, or the comparison kept behind it
        // (a page, if the comparison has gone).
        let screen = match visit.screen {
            Screen::Compare if self.compare.is_none() => Screen::Explorer,
            screen => screen,
        };
        // Opening the page already shown is not a step: it would only make Back do nothing.
        let shown =
            self.screen == screen && (screen.is_view() || self.detail.target == Some(visit.target));
        let push = push && !shown;
        if push {
            // Saved as what it was, a comparison included, before the body changes.
            self.save_position();
            self.history.push(visit);
        }
        self.screen = screen;
        // A step of a drill-down puts back the filters it was taken under.
        if let Some(filter) = visit.filter.and_then(|id| self.history.filter(id)).cloned()
            && filter != self.filter
        {
            self.filter = filter;
            self.rebuild_lists(data);
        }
        if screen == Screen::Forecasts {
            self.forecasts.refresh(data, &self.filter);
        }
        // The list beside the page is the page's, behind a view too: leaving the view, or
        // comparing from it, finds them together.
        self.list = visit.target.list();
        self.fresh(data, self.list);
        let pane = self.list_pane_mut();
        if pane.rows.row_of(visit.target).is_some() {
            pane.selected = Some(visit.target);
        }
        if screen.is_view() {
            // The page behind the view, where the reader left it: at the width it was left at
            // too, since a row number means another line at another width.
            let here = self
                .detail
                .visit()
                .map(|v| (v.target, v.cursor, v.offset, v.width));
            if here != Some((visit.target, visit.cursor, visit.offset, visit.width)) {
                self.open_page(data, visit);
            }
            return;
        }
        self.open_page(data, visit);
    }

    /// Records where the reader is in the page, in the current history entry. The entry keeps
    /// what it names (a view, the filters to put back); only the page position changes.
    pub(super) fn save_position(&mut self) {
        let Some(here) = self.detail.visit() else {
            return;
        };
        let visit = match self.history.current() {
            Some(current)
                if current.screen == self.screen
                    && (self.screen.is_view() || current.target == here.target) =>
            {
                Visit {
                    target: here.target,
                    cursor: here.cursor,
                    offset: here.offset,
                    width: here.width,
                    ..current
                }
            }
            _ if self.screen.is_view() => return,
            _ => Visit {
                screen: self.screen,
                ..here
            },
        };
        // An entry that puts filters back puts back those the reader leaves it with: a filter
        // changed or undone on the page is what coming back here shows.
        // One that puts none back keeps them too when walking to it from a drill-down would
        // arrive with others.
        let visit = match visit.filter {
            Some(id) if self.history.filter(id) != Some(&self.filter) => Visit {
                filter: Some(self.history.keep_filter(self.filter.clone())),
                ..visit
            },
            Some(_) => visit,
            None => Visit {
                filter: self.history.filter_to_keep(&self.filter),
                ..visit
            },
        };
        self.history.replace(visit);
    }

    pub(super) fn open_page(&mut self, data: &dyn Store, visit: Visit) {
        let doc = match visit.target {
            Target::Analysis(ix) if self.draft_source && data.is_draft(ix) => {
                pages::draft_source(data, ix, &self.glyphs)
            }
            target => pages::page(data, target, &self.glyphs),
        };
        self.detail = DetailPane::new(doc, self.detail_width(), visit);
    }

    /// `D`: a draft beside its source text, or back to the draft. The choice holds for every
    /// draft opened after, so a reviewer can read through several.
    fn toggle_draft_source(&mut self, data: &dyn Store) {
        match self.detail.target {
            Some(Target::Analysis(ix)) if data.is_draft(ix) => {
                self.draft_source = !self.draft_source;
                if let Some(visit) = self.detail.visit() {
                    // The other page has other rows: start it at the top.
                    self.open_page(data, Visit::new(visit.target));
                }
            }
            _ => self.message = Some("D: only an imported draft has a source text".to_owned()),
        }
    }
}
