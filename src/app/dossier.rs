//! The dossier in the explorer: bookmarks (`b`), the Bookmarks list (`B`), notes (`a`, and `e`
//! in `$EDITOR`), the page in `$PAGER` (`|`), copying (`y`) and export (`E`). Saving goes
//! through `state::Dossier`; what needs the terminal (an editor, a pager, the clipboard) is left
//! as a [`Request`] for the runner, which owns it, as a search is.

use std::collections::HashSet;
use std::path::PathBuf;

use super::action::Action;
use super::note::{NoteBox, Purpose};
use super::{App, Focus, Overlay};
use crate::data::{Store, Target};
use crate::pages;
use crate::state::Dossier;
use crate::state::bookmarks::{Bookmark, Edit, ItemRef};

/// The dossier as the explorer holds it.
#[derive(Debug, Clone, Default)]
pub struct Shelf {
    pub dossier: Dossier,
    /// The bookmarked items this dataset has: the marks in the lists.
    pub marked: HashSet<Target>,
    /// The Bookmarks list fills the list pane.
    pub shown: bool,
    /// The selected row of the Bookmarks list (newest first), and its scroll offset.
    pub selected: usize,
    pub offset: usize,
    /// The last bookmark removed, with its note: `b` again on that item puts it back whole.
    removed: Option<Bookmark>,
    /// `y` writes to the clipboard: off unless the config or `--copy` turns it on.
    pub copy: bool,
    /// Where `E` writes; `None` (snapshots, tests) says exporting is off here.
    pub export_dir: Option<PathBuf>,
    /// Work for the runner, which owns the terminal.
    pub request: Option<Request>,
    /// The session is saved as the explorer closes (the config's `session = false` turns it
    /// off; snapshots and tests never save one).
    pub keep_session: bool,
    /// A session to put back once a large dataset has loaded whole (it opens on its outline,
    /// where most items are not yet there), unless the reader has moved on meanwhile.
    pub pending_session: Option<crate::state::session::Session>,
}

/// The rows of the Bookmarks list in a list pane of `height` rows: the rest show the note of the
/// selected bookmark, when there is room for one.
pub fn list_rows(height: usize) -> usize {
    if height >= 12 {
        height - NOTE_ROWS
    } else {
        height
    }
}

/// Rows under the Bookmarks list for the selected bookmark's note: a rule and the lines.
pub const NOTE_ROWS: usize = 6;

/// What only the runner can do: it owns the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Edit this bookmark's note in `$EDITOR`, starting from `text`.
    Editor { bookmark: Bookmark, text: String },
    /// Show `text` in `$PAGER`.
    Pager { text: String },
    /// Put `text` on the clipboard (OSC 52); `what` says what it is, for the status line.
    Clipboard { what: String, text: String },
}

/// The most the clipboard is sent: terminals cap OSC 52 (xterm at about 100 KB of base64).
pub const MAX_COPY: usize = 74_000;

impl Shelf {
    pub fn new(dossier: Dossier) -> Shelf {
        Shelf {
            dossier,
            ..Shelf::default()
        }
    }

    /// The bookmarks as the list shows them: newest first.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &Bookmark> {
        self.dossier.bookmarks.get().bookmarks.iter().rev()
    }

    pub fn row(&self, i: usize) -> Option<&Bookmark> {
        self.rows().nth(i)
    }

    /// Works out which bookmarks this dataset has, after a change or a new dataset.
    pub fn resolve(&mut self, data: &dyn Store) {
        self.marked = self
            .dossier
            .bookmarks
            .get()
            .bookmarks
            .iter()
            .filter_map(|b| b.item().resolve(data))
            .collect();
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }

    /// How many bookmarks there are.
    pub fn len(&self) -> usize {
        self.dossier.bookmarks.get().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_marked(&self, target: Target) -> bool {
        self.marked.contains(&target)
    }
}

/// A page as plain text: what the pager shows and `y` copies from the detail pane.
pub fn page_text(doc: &crate::doc::Doc) -> String {
    let mut text = crate::export::page_text(doc).join("\n");
    text.push('\n');
    text
}

impl App {
    /// The item a dossier key acts on: the side with the keys in a comparison, the selected
    /// bookmark in the Bookmarks list, the page in the detail pane, else the selection of the list.
    fn dossier_item(&self, data: &dyn Store) -> Option<(ItemRef, String)> {
        if let Some(view) = self.comparing() {
            let target = view.focused().target;
            return Some((
                ItemRef::of(data, target),
                pages::label(data, target, &self.glyphs),
            ));
        }
        if self.shelf.shown && self.focus == Focus::List {
            let b = self.shelf.row(self.shelf.selected)?;
            return Some((b.item(), b.title.clone()));
        }
        let target = match self.focus {
            Focus::Detail => self.detail.target,
            Focus::List => self.list_pane().selected,
        }?;
        Some((
            ItemRef::of(data, target),
            pages::label(data, target, &self.glyphs),
        ))
    }

    /// The bookmark for an item: the one kept, or a new one dated now.
    fn bookmark_for(&self, item: &ItemRef, title: &str) -> Bookmark {
        if let Some(b) = self.shelf.dossier.bookmarks.get().get(item) {
            return b.clone();
        }
        match &self.shelf.removed {
            Some(b) if b.item() == *item => b.clone(),
            _ => Bookmark {
                kind: item.kind,
                id: item.id.clone(),
                title: title.to_owned(),
                added: self.shelf.dossier.now(),
                note: String::new(),
                noted: None,
            },
        }
    }

    /// Applies an edit to the bookmarks and says how it went: a failed save is said once by the
    /// state's notices, which take the status line first.
    fn edit_bookmarks(&mut self, data: &dyn Store, edit: Edit, done: String) {
        let saved = self.shelf.dossier.bookmarks.edit(edit);
        self.shelf.resolve(data);
        self.message = match (self.shelf.dossier.notices.unseen(), saved) {
            (Some(notice), _) => Some(notice),
            (None, Ok(())) => Some(done),
            (None, Err(_)) => Some(format!("{done} (not saved: changes last until you quit)")),
        };
    }

    pub(super) fn toggle_bookmark(&mut self, data: &dyn Store) {
        let Some((item, title)) = self.dossier_item(data) else {
            self.message = Some("nothing to bookmark here".to_owned());
            return;
        };
        let short = shorten(&title);
        if let Some(old) = self.shelf.dossier.bookmarks.get().get(&item).cloned() {
            let noted = if old.note.is_empty() {
                ""
            } else {
                " and its note"
            };
            self.shelf.removed = Some(old);
            self.edit_bookmarks(
                data,
                Edit::Remove(item),
                format!("removed the bookmark{noted} on {short} (b again puts it back)"),
            );
        } else {
            let b = self.bookmark_for(&item, &title);
            self.edit_bookmarks(data, Edit::Add(b), format!("bookmarked {short}"));
        }
        // Only where the Bookmarks list is on screen: a comparison opened from it keeps its step
        // in the history.
        if self.shelf.shown && self.screen == super::screen::Screen::Explorer {
            self.show_bookmark(data);
        }
    }

    pub(super) fn show_bookmarks(&mut self, data: &dyn Store) {
        // Another instance may have changed them since.
        self.shelf.dossier.bookmarks.reload();
        self.shelf.resolve(data);
        if let Some(notice) = self.shelf.dossier.notices.unseen() {
            self.message = Some(notice);
        }
        self.shelf.shown = true;
        self.focus = Focus::List;
        self.show_bookmark(data);
    }

    /// Makes the detail show the selected bookmark's item, as moving in a list does.
    pub(super) fn show_bookmark(&mut self, data: &dyn Store) {
        let target = self
            .shelf
            .row(self.shelf.selected)
            .and_then(|b| b.item().resolve(data));
        if let Some(target) = target {
            self.list = target.list();
            let pane = self.list_pane_mut();
            if pane.rows.row_of(target).is_some() {
                pane.selected = Some(target);
            }
            if self.detail.target != Some(target) {
                self.history.replace_page(target);
                self.open_page(data, super::nav::Visit::new(target));
            }
        }
    }

    /// Keys while the Bookmarks list has the focus: moving and opening are its own; everything
    /// else is the explorer's, and showing another list puts the Bookmarks list away.
    pub(super) fn bookmarks_action(&mut self, data: &dyn Store, action: Action) {
        let len = self.shelf.len();
        let page = self.list_height().max(1) as isize;
        let step = |by: isize, at: usize| at.saturating_add_signed(by).min(len.saturating_sub(1));
        let by = match action {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        if let Some(by) = by {
            if matches!(action, Action::PageUp | Action::PageDown) {
                self.shelf.offset = self.shelf.offset.saturating_add_signed(by);
            }
            self.shelf.selected = step(by, self.shelf.selected);
            self.show_bookmark(data);
            return;
        }
        match action {
            Action::Open | Action::FocusDetail => match self.shelf.row(self.shelf.selected) {
                Some(b) if b.item().resolve(data).is_none() => {
                    self.message = Some(format!(
                        "{} is missing from this dataset; the bookmark is kept",
                        shorten(&b.title)
                    ))
                }
                Some(_) => self.focus = Focus::Detail,
                None => self.message = Some("no bookmarks yet: b bookmarks an item".to_owned()),
            },
            Action::NextPane => self.focus = Focus::Detail,
            Action::PrevPane => {
                self.shelf.shown = false;
                self.apply(data, Action::ShowList(crate::data::ListKind::Places));
            }
            Action::ShowList(_) | Action::Back => {
                self.shelf.shown = false;
                self.apply(data, action);
            }
            _ => self.apply(data, action),
        }
    }

    /// Opens the note box on the item's note.
    pub(super) fn open_note(&mut self, data: &dyn Store, outside: bool) {
        let Some((item, title)) = self.dossier_item(data) else {
            self.message = Some("nothing to write a note on here".to_owned());
            return;
        };
        let b = self.bookmark_for(&item, &title);
        if outside {
            self.shelf.request = Some(Request::Editor {
                text: b.note.clone(),
                bookmark: b,
            });
        } else {
            let text = b.note.clone();
            self.overlay = Some(Overlay::Note(NoteBox::new(Purpose::Note(b), &text)));
        }
    }

    /// Saves a note, from the box or from `$EDITOR`. A note on an item not bookmarked yet
    /// bookmarks it; an empty one on such an item changes nothing.
    pub fn save_note(&mut self, data: &dyn Store, bookmark: Bookmark, text: &str) {
        // From `$EDITOR` a note can hold anything; it is kept as the box would keep it.
        let text = super::note::clean(text, true).trim_end().to_owned();
        let item = bookmark.item();
        let short = shorten(&bookmark.title);
        let kept = self.shelf.dossier.bookmarks.get().get(&item).cloned();
        match kept {
            None if text.is_empty() => self.message = Some("no note written".to_owned()),
            Some(b) if b.note == text => self.message = Some("note unchanged".to_owned()),
            _ => {
                let done = if text.is_empty() {
                    format!("removed the note on {short}")
                } else {
                    format!("saved the note on {short}")
                };
                let at = self.shelf.dossier.now();
                let edit = Edit::Note {
                    bookmark,
                    note: text,
                    at,
                };
                self.edit_bookmarks(data, edit, done);
            }
        }
    }

    /// `y`: the id of the selected item, or the page in the detail pane, to the clipboard.
    pub(super) fn copy(&mut self, data: &dyn Store) {
        if !self.shelf.copy {
            self.message = Some(
                "copying is off: turn it on with copy = true in the config, or --copy".to_owned(),
            );
            return;
        }
        let (what, text) = if let Some((target, doc)) = self.page_shown() {
            let label = pages::label(data, target, &self.glyphs);
            (format!("the page of {}", shorten(&label)), page_text(doc))
        } else {
            let Some((item, _)) = self.dossier_item(data) else {
                self.message = Some("nothing to copy here".to_owned());
                return;
            };
            (format!("the id {}", item.id), item.id)
        };
        let text = sanitize_lines(&text);
        if text.len() > MAX_COPY {
            self.message = Some(format!(
                "{what} is {} bytes, more than terminals take through OSC 52 ({MAX_COPY}); \
                 | shows it in the pager",
                text.len()
            ));
            return;
        }
        self.shelf.request = Some(Request::Clipboard { what, text });
    }

    /// `|`: the page in `$PAGER`.
    pub(super) fn pager(&mut self) {
        let text = match self.comparing() {
            Some(view) => page_text(&view.focused().doc),
            None if self.detail.target.is_some() => page_text(&self.detail.doc),
            None => {
                self.message = Some("no page to show".to_owned());
                return;
            }
        };
        self.shelf.request = Some(Request::Pager { text });
    }

    /// The page `y` copies whole: the side with the keys in a comparison, or the page in the
    /// detail pane when it has the focus.
    fn page_shown(&self) -> Option<(Target, &crate::doc::Doc)> {
        if let Some(view) = self.comparing() {
            let side = view.focused();
            return Some((side.target, &side.doc));
        }
        if self.focus == Focus::Detail && !self.shelf.shown {
            return self.detail.target.map(|t| (t, &self.detail.doc));
        }
        None
    }

    /// `E`: the dossier as Markdown, in a new file beside the last, said on the status line.
    pub(super) fn export(&mut self, data: &dyn Store) {
        let Some(dir) = self.shelf.export_dir.clone() else {
            self.message =
                Some("export is off here; geolens export --bookmarks writes the same".to_owned());
            return;
        };
        let bookmarks = self.shelf.dossier.bookmarks.get().clone();
        if bookmarks.is_empty() {
            self.message = Some("nothing to export: b bookmarks an item".to_owned());
            return;
        }
        let now = self.shelf.dossier.now();
        let format = crate::export::Format::Markdown;
        let text = crate::export::render(data, &bookmarks, format, &now, &pages::UNICODE);
        let day = crate::state::clock::day(&now);
        let path = (1..)
            .map(|n| {
                let suffix = if n == 1 {
                    String::new()
                } else {
                    format!("-{n}")
                };
                dir.join(format!(
                    "geolens-dossier-{day}{suffix}.{}",
                    format.extension()
                ))
            })
            .find(|p| p.symlink_metadata().is_err())
            .expect("some name is free");
        self.message = Some(match crate::disk::write_atomic(&path, text.as_bytes()) {
            Ok(()) => format!(
                "exported {} bookmarks to {} ({} bytes)",
                bookmarks.len(),
                path.display(),
                text.len()
            ),
            Err(e) => format!("cannot export to {}: {e}", path.display()),
        });
    }
}

/// Text made safe for the terminal line by line: nothing sent to the clipboard can carry an
/// escape sequence, but the lines stay lines.
fn sanitize_lines(text: &str) -> String {
    text.split('\n')
        .map(|l| crate::text::sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A title cut for the status line.
pub(super) fn shorten(title: &str) -> String {
    const MAX: usize = 40;
    if title.chars().count() <= MAX {
        title.to_owned()
    } else {
        let head: String = title.chars().take(MAX - 1).collect();
        format!("{head}…")
    }
}
