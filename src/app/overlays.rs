//! What the overlays (help, search, filters) do with the actions they receive first.

use super::action::Action;
use super::filters::{Column, FilterPanel, UNCOUNTED};
use super::nav::Visit;
use super::search::{self, SearchBox};
use super::{App, Focus, HelpScreen, Overlay};
use crate::data::{ListKind, Store};
use crate::find::{self, Facet};

/// How many item visits the filter panel may spend counting one facet's values.
const COUNT_BUDGET: usize = 20_000_000;

impl App {
    pub(super) fn help_action(&mut self, mut help: HelpScreen, action: Action) {
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

    pub(super) fn search_action(
        &mut self,
        data: &dyn Store,
        mut search: SearchBox,
        action: Action,
    ) {
        let page = self.overlay_page().saturating_sub(2).max(1);
        let last = search.hit_count().saturating_sub(1);
        // The last query comes back selected: the first edit replaces it.
        if search.replace && matches!(action, Action::Insert(_) | Action::DeleteChar) {
            search.input.clear();
            if action == Action::DeleteChar {
                search.replace = false;
                self.request_search(&mut search);
                self.overlay = Some(Overlay::Search(search));
                return;
            }
        }
        if matches!(
            action,
            Action::Insert(_) | Action::DeleteChar | Action::DeleteWord | Action::ClearInput
        ) {
            search.replace = false;
        }
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
            Action::KeepInput => search.replace = false,
            Action::ShowHidden => {
                if self.filter.is_empty() {
                    self.message =
                        Some("no filters: the search already sees everything".to_owned());
                } else {
                    search.past_filters = !search.past_filters;
                    self.request_search(&mut search);
                }
            }
            Action::Up => search.selected = search.selected.saturating_sub(1),
            Action::Down => search.selected = (search.selected + 1).min(last),
            Action::PageUp | Action::HalfPageUp => {
                search.selected = search.selected.saturating_sub(page)
            }
            Action::PageDown | Action::HalfPageDown => {
                search.selected = (search.selected + page).min(last)
            }
            Action::Top => search.selected = 0,
            Action::Bottom => search.selected = last,
            _ => {}
        }
        self.overlay = Some(Overlay::Search(search));
    }

    pub(super) fn filters_action(
        &mut self,
        data: &dyn Store,
        mut panel: FilterPanel,
        action: Action,
    ) {
        let page = self
            .overlay_page()
            .saturating_sub(super::filters::HEAD_ROWS)
            .max(1) as isize;
        let step = |at: usize, len: usize, by: isize| {
            at.saturating_add_signed(by).min(len.saturating_sub(1))
        };
        let moves = |action| match action {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            Action::HalfPageUp => Some(-(page / 2).max(1)),
            Action::HalfPageDown => Some((page / 2).max(1)),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        if panel.finding() {
            let find = |panel: &mut FilterPanel, edit: &dyn Fn(&mut String)| {
                if let Some(text) = &mut panel.find {
                    edit(text);
                }
                panel.narrow(data);
            };
            // Finding: characters are text, Enter turns the value on or off, Esc stops finding.
            match action {
                Action::Close => {
                    panel.find = None;
                    panel.narrow(data);
                }
                Action::Choose | Action::Toggle | Action::Open => {
                    self.toggle_value(data, &mut panel)
                }
                Action::Insert(c) => find(&mut panel, &|t| t.push(c)),
                Action::DeleteChar => find(&mut panel, &|t| {
                    t.pop();
                }),
                Action::DeleteWord => find(&mut panel, &|t| search::delete_word(t)),
                Action::ClearInput => find(&mut panel, &|t| t.clear()),
                other => {
                    if let Some(by) = moves(other) {
                        panel.value = step(panel.value, panel.values.len(), by);
                    }
                }
            }
            self.overlay = Some(Overlay::Filters(panel));
            return;
        }
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
                } else {
                    self.toggle_value(data, &mut panel);
                }
            }
            Action::Find => {
                panel.column = Column::Values;
                panel.find = Some(String::new());
            }
            Action::RegionScope => {
                let mut f = self.filter.clone();
                f.place_scope = f.place_scope.next();
                let words = f.place_scope.words();
                self.set_filter(data, f);
                self.count_values(data, &mut panel);
                self.message = Some(format!("regions: {words}"));
            }
            Action::ClearFilters => {
                self.clear_filters(data);
                self.count_values(data, &mut panel);
            }
            Action::UndoFilter => {
                self.undo_filter(data);
                self.count_values(data, &mut panel);
            }
            other => {
                if let Some(by) = moves(other) {
                    match panel.column {
                        Column::Facets => {
                            let facet = step(panel.facet, panel.facets.len(), by);
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
            }
        }
        self.overlay = Some(Overlay::Filters(panel));
    }

    /// Turns the value under the panel's cursor on or off.
    fn toggle_value(&mut self, data: &dyn Store, panel: &mut FilterPanel) {
        if let Some(value) = panel.current_value().cloned() {
            let mut f = self.filter.clone();
            f.toggle(&value);
            self.set_filter(data, f);
            self.count_values(data, panel);
        }
    }

    /// For each value of the panel's facet: how many items the current list would show with the
    /// value turned on. Done on a change, not per frame.
    pub(super) fn count_values(&self, data: &dyn Store, panel: &mut FilterPanel) {
        let kind = self.list;
        let facet = panel.current_facet();
        let values = facet.values(data);
        // Nothing filtered yet: the index keeps the counts, or one pass counts the whole facet.
        if self.filter.is_empty() {
            let at = Facet::ALL.iter().position(|&f| f == facet).unwrap_or(0);
            let counts = data
                .facet_counts(kind, at)
                .map(|c| c.into_owned())
                .or_else(|| find::counts::unfiltered(data, kind, facet))
                .filter(|c| c.len() == values.len());
            if let Some(counts) = counts {
                panel.all = values
                    .into_iter()
                    .zip(counts.into_iter().map(|n| n as usize))
                    .collect();
                panel.narrow(data);
                return;
            }
        }
        // Each count is a pass over the archive: thousands of values (the actors, the places of a
        // large archive) would freeze the panel for seconds, so those go uncounted.
        let items = data.count(ListKind::Analyses) + data.count(ListKind::Implications);
        let countable = values.len().saturating_mul(items) <= COUNT_BUDGET;
        panel.all = values
            .into_iter()
            .map(|value| {
                if !countable {
                    return (value, UNCOUNTED);
                }
                let mut with = self.filter.clone();
                if !with.has(&value) {
                    with.toggle(&value);
                }
                // A count needs the members, not their order.
                let n = find::members(data, kind, &with).len();
                (value, n)
            })
            .collect();
        panel.narrow(data);
    }
}
