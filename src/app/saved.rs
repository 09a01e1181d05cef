//! Saved views (`w` names the current list, order and filters; `'` brings one back) and the
//! session (where the reader was, put back at the next start), and the keys of the note box.

use super::action::Action;
use super::dossier::shorten;
use super::nav::Visit;
use super::note::{NoteBox, Purpose};
use super::{App, Focus, Overlay};
use crate::data::{ListKind, Store};
use crate::find::Sort;
use crate::state::bookmarks::{ItemRef, Kind};
use crate::state::filters::{filter_of, spec_of};
use crate::state::session::{ListPlace, PagePlace, Pane, Session};
use crate::state::views::{self, SavedView};

/// The list of saved views, over the panes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewsList {
    pub selected: usize,
    pub offset: usize,
}

impl App {
    /// The keys of the note box and of the name box.
    pub(super) fn note_action(&mut self, data: &dyn Store, mut b: NoteBox, action: Action) {
        match action {
            Action::Insert(c) => {
                let fitted = b.insert(&c.to_string());
                if !fitted {
                    self.message = Some("the box is full".to_owned());
                }
            }
            Action::NewLine if b.multiline() => b.newline(),
            Action::NewLine | Action::SaveNote => {
                match b.purpose.clone() {
                    Purpose::Note(bookmark) => self.save_note(data, bookmark, &b.text),
                    Purpose::ViewName => self.save_view(data, &b.text),
                }
                if self.overlay.is_none() && matches!(b.purpose, Purpose::ViewName) {
                    // A name refused: the box stays, with the reason on the status line.
                    if self
                        .message
                        .as_deref()
                        .is_some_and(|m| m.starts_with("a view"))
                    {
                        self.overlay = Some(Overlay::Note(b));
                    }
                }
                return;
            }
            Action::Close => {
                self.message = Some("not saved".to_owned());
                return;
            }
            Action::DeleteChar => b.backspace(),
            Action::DeleteWord => b.delete_word(),
            Action::ClearInput => b.clear(),
            Action::CursorLeft => b.left(),
            Action::CursorRight => b.right(),
            Action::LineStart => b.home(),
            Action::LineEnd => b.end(),
            Action::Up => b.vertical(-1),
            Action::Down => b.vertical(1),
            _ => {}
        }
        self.overlay = Some(Overlay::Note(b));
    }

    /// Pasted text lands in the note box as one edit.
    pub(super) fn paste_note(&mut self, text: &str) {
        if let Some(Overlay::Note(b)) = &mut self.overlay
            && !b.insert(text)
        {
            self.message = Some("the box is full: the rest of the paste was left out".to_owned());
        }
    }

    /// The current list, its order and the filters, in words.
    fn current_view(&self, data: &dyn Store, name: &str) -> SavedView {
        SavedView {
            name: name.trim().to_owned(),
            list: Kind::of(self.list),
            sort: self.list_pane().sort.name().to_owned(),
            filters: spec_of(data, &self.filter),
            saved: self.shelf.dossier.now(),
        }
    }

    fn save_view(&mut self, data: &dyn Store, name: &str) {
        if let Some(why) = views::check_name(name) {
            self.message = Some(why.to_owned());
            return;
        }
        let view = self.current_view(data, name);
        let replaced = self.shelf.dossier.views.get().get(name).is_some();
        let saved = self.shelf.dossier.views.edit(views::Edit::Save(view));
        let done = format!(
            "{} the view \"{}\": {}; ' brings it back",
            if replaced { "replaced" } else { "saved" },
            name.trim(),
            self.describe_view()
        );
        self.message = Some(match (self.shelf.dossier.notices.unseen(), saved) {
            (Some(notice), _) => notice,
            (None, Ok(())) => done,
            (None, Err(_)) => format!("{done} (not saved: it lasts until you quit)"),
        });
    }

    fn describe_view(&self) -> String {
        let n = self.filter.values().len()
            + usize::from(self.filter.from.is_some())
            + usize::from(self.filter.to.is_some());
        let filters = filters_said(n);
        format!(
            "{} {}, {filters}",
            self.list.title(),
            self.list_pane().sort.label()
        )
    }

    pub(super) fn open_views(&mut self) {
        self.shelf.dossier.views.reload();
        if let Some(notice) = self.shelf.dossier.notices.unseen() {
            self.message = Some(notice);
        }
        if self.shelf.dossier.views.get().views.is_empty() {
            self.message.get_or_insert(
                "no saved views yet: w saves the list, its order and filters".into(),
            );
            return;
        }
        self.overlay = Some(Overlay::Views(ViewsList::default()));
    }

    pub(super) fn views_action(&mut self, data: &dyn Store, mut list: ViewsList, action: Action) {
        let len = self.shelf.dossier.views.get().views.len();
        let last = len.saturating_sub(1);
        match action {
            Action::Close | Action::RecallView => return,
            Action::Open => {
                if let Some(view) = self.shelf.dossier.views.get().views.get(list.selected) {
                    let view = view.clone();
                    self.apply_view(data, &view);
                }
                return;
            }
            Action::DeleteView => {
                if let Some(view) = self.shelf.dossier.views.get().views.get(list.selected) {
                    let name = view.name.clone();
                    let _ = self
                        .shelf
                        .dossier
                        .views
                        .edit(views::Edit::Delete(name.clone()));
                    self.message = Some(format!("deleted the view \"{name}\""));
                    if self.shelf.dossier.views.get().views.is_empty() {
                        return;
                    }
                }
            }
            Action::Up => list.selected = list.selected.saturating_sub(1),
            Action::Down => list.selected = (list.selected + 1).min(last),
            Action::Top => list.selected = 0,
            Action::Bottom => list.selected = last,
            _ => {}
        }
        list.selected = list.selected.min(last);
        self.overlay = Some(Overlay::Views(list));
    }

    /// Puts a saved view on screen: its list, order and filters. What the dataset no longer
    /// knows (a theme since removed) is left out and said.
    pub fn apply_view(&mut self, data: &dyn Store, view: &SavedView) {
        let (filter, unknown) = filter_of(data, &view.filters);
        self.filter = filter;
        let kind = view.list.list();
        if let Some(&sort) = Sort::choices(kind).iter().find(|s| s.name() == view.sort) {
            self.lists[kind.index()].sort = sort;
        }
        self.shelf.shown = false;
        self.refilter(data);
        self.show_list(data, kind);
        self.focus = Focus::List;
        self.keep_visible();
        let mut message = format!("view \"{}\": {}", view.name, self.describe_view());
        if !unknown.is_empty() {
            message.push_str(&format!(
                "; left out, unknown to this dataset: {}",
                unknown.join(", ")
            ));
        }
        self.message = Some(message);
    }

    /// Where the reader is, for the next start.
    pub fn session(&self, data: &dyn Store) -> Session {
        let page = self.detail.target.map(|t| {
            let item = ItemRef::of(data, t);
            PagePlace {
                kind: item.kind,
                id: item.id,
                cursor: self.detail.cursor,
                offset: self.detail.offset,
                width: self.detail.width,
            }
        });
        Session {
            saved: self.shelf.dossier.now(),
            list: Kind::of(self.list),
            focus: match self.focus {
                Focus::List => Pane::List,
                Focus::Detail => Pane::Detail,
            },
            screen: self.shelf.shown.then(|| "bookmarks".to_owned()),
            filters: spec_of(data, &self.filter),
            lists: ListKind::ALL
                .iter()
                .map(|&kind| {
                    let pane = &self.lists[kind.index()];
                    ListPlace {
                        list: Kind::of(kind),
                        sort: pane.sort.name().to_owned(),
                        selected: pane.selected.map(|t| ItemRef::of(data, t).id),
                        offset: pane.offset,
                    }
                })
                .collect(),
            page,
            ..Session::default()
        }
    }

    /// Puts the reader back where a session left off: filters, orders, selections and scroll
    /// positions, then the page and the place in it. Whatever the dataset no longer has is
    /// skipped; the rest still comes back.
    pub fn restore(&mut self, data: &dyn Store, s: &Session) {
        let (filter, _) = filter_of(data, &s.filters);
        self.filter = filter;
        for place in &s.lists {
            let kind = place.list.list();
            if let Some(&sort) = Sort::choices(kind).iter().find(|x| x.name() == place.sort) {
                self.lists[kind.index()].sort = sort;
            }
        }
        for kind in ListKind::ALL {
            self.rebuild_list(data, kind);
        }
        for place in &s.lists {
            let pane = &mut self.lists[place.list.list().index()];
            let item = place.selected.as_ref().and_then(|id| {
                ItemRef {
                    kind: place.list,
                    id: id.clone(),
                }
                .resolve(data)
            });
            if let Some(t) = item.filter(|&t| pane.rows.row_of(t).is_some()) {
                pane.selected = Some(t);
                pane.offset = place.offset;
            }
        }
        self.list = s.list.list();
        let page = s.page.as_ref().and_then(|p| p.item().resolve(data));
        match (page, &s.page) {
            (Some(target), Some(p)) => {
                // Rows are counted at the width the page had; at another width the cursor goes
                // back to the same line of text (`DetailPane::new`).
                let width = if p.width == 0 {
                    self.detail_width()
                } else {
                    p.width
                };
                let visit = Visit {
                    target,
                    cursor: p.cursor,
                    offset: p.offset,
                    width,
                    // A comparison is not kept: the session puts back the page it was beside.
                    screen: super::screen::Screen::Explorer,
                    filter: None,
                };
                self.history = super::nav::History::default();
                self.history.push(visit);
                self.go_to(data, visit, false);
                self.list = s.list.list();
            }
            _ => {
                self.history = super::nav::History::default();
                if let Some(t) = self.list_pane().selected {
                    self.history.push(Visit::new(t));
                }
                self.detail = Default::default();
                self.show_current(data);
            }
        }
        self.focus = match s.focus {
            Pane::List => Focus::List,
            Pane::Detail => Focus::Detail,
        };
        self.shelf.shown = s.screen.as_deref() == Some("bookmarks");
        // Not yet sized (the explorer sizes itself on its first frame): scrolling now would
        // measure against a pane of no height and lose the offsets just put back.
        if self.size.area() > 0 {
            self.keep_visible();
        }
    }

    /// Called as the explorer closes, however it closes: the session is saved for next time.
    pub fn closing(&mut self, data: &dyn Store) {
        if self.shelf.keep_session {
            let session = self.session(data);
            let _ = self.shelf.dossier.session.edit(session);
        }
    }

    pub(super) fn open_name_box(&mut self) {
        self.overlay = Some(Overlay::Note(NoteBox::new(Purpose::ViewName, "")));
        self.message = Some(format!("name this view: {}", self.describe_view()));
    }
}

/// The title of a saved view's row.
pub fn view_row(view: &SavedView) -> String {
    // The region scope says how a place filter reads; it is not a filter of its own.
    let filters: usize = view
        .filters
        .iter()
        .filter(|(flag, _)| flag.as_str() != "place-scope")
        .map(|(_, values)| values.len())
        .sum();
    let sort = Sort::choices(view.list.list())
        .iter()
        .find(|s| s.name() == view.sort)
        .map_or(view.sort.as_str(), |s| s.label());
    format!(
        "{}  {} {}, {}",
        shorten(&view.name),
        view.list.list().title(),
        sort,
        filters_said(filters)
    )
}

fn filters_said(n: usize) -> String {
    match n {
        0 => "no filters".to_owned(),
        1 => "1 filter".to_owned(),
        n => format!("{n} filters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_row_counts_filters_not_the_region_scope() {
        let mut view = SavedView {
            name: "arctic".to_owned(),
            list: Kind::Analysis,
            sort: "date".to_owned(),
            filters: Default::default(),
            saved: String::new(),
        };
        assert_eq!(view_row(&view), "arctic  Analyses newest first, no filters");
        view.filters.insert("place".into(), vec!["arctic".into()]);
        view.filters
            .insert("place-scope".into(), vec!["touching".into()]);
        assert_eq!(view_row(&view), "arctic  Analyses newest first, 1 filter");
        view.filters
            .insert("year".into(), vec!["2022".into(), "2023".into()]);
        assert_eq!(view_row(&view), "arctic  Analyses newest first, 3 filters");
    }
}
