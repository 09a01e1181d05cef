//! What the overlays (help, search, filters) do with the actions they receive first.

use super::action::Action;
use super::filters::{Column, FilterPanel, UNCOUNTED};
use super::nav::Visit;
use super::search::{self, SearchBox};
use super::{App, Focus, HelpScreen, Overlay};
use crate::data::{ListKind, Store};
use crate::find::{self, Facet, Filter};

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

    pub(super) fn filters_action(
        &mut self,
        data: &dyn Store,
        mut panel: FilterPanel,
        action: Action,
    ) {
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
    pub(super) fn count_values(&self, data: &dyn Store, panel: &mut FilterPanel) {
        let kind = self.list;
        let values = panel.current_facet().values(data);
        // Each count is a pass over the archive: thousands of values (the actors, the places of a
        // large archive) would freeze the panel for seconds, so those go uncounted.
        let items = data.count(ListKind::Analyses) + data.count(ListKind::Implications);
        let countable = values.len().saturating_mul(items) <= COUNT_BUDGET;
        panel.values = values
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
        panel.value = panel.value.min(panel.values.len().saturating_sub(1));
    }
}
