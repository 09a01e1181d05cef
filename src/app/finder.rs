//! Finders: a box to type in over a short list that narrows as one types. Two use it: the outline
//! of the page (jump to "Key actors") and the command palette (any action by what it does, with
//! its key, so the palette teaches the keys it saves).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::action::{Action, BINDABLE};
use super::keymap::{Keymap, Mode};
use super::{App, Focus, Overlay, Screen};
use crate::data::Store;
use crate::doc::{Role, Row};
use crate::find::fold::fold;

/// Rows a finder spends above its entries: the text typed and a line under it.
pub const HEAD_ROWS: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderKind {
    Outline,
    Palette,
}

/// What choosing an entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Put the cursor on this row of the page and the row at the top.
    Row(usize),
    Run(Action),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    /// Shown on the right: the keys of an action, or how far down the page a section starts.
    pub note: String,
    pub pick: Pick,
}

#[derive(Debug, Clone)]
pub struct Finder {
    pub kind: FinderKind,
    pub input: String,
    pub entries: Vec<Entry>,
    /// The entries that match the input, best first, as indices into `entries`.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    pub offset: usize,
}

impl Finder {
    fn new(kind: FinderKind, entries: Vec<Entry>, selected: usize) -> Finder {
        Finder {
            kind,
            input: String::new(),
            shown: (0..entries.len()).collect(),
            entries,
            selected,
            offset: 0,
        }
    }

    /// The sections of a wrapped page: each heading's first row. The one the cursor is in comes
    /// selected, so Enter alone stays put and a move starts from where the reader is.
    pub fn outline(rows: &[Row], cursor: usize) -> Finder {
        let mut entries = Vec::new();
        let mut current = 0;
        for (i, row) in rows.iter().enumerate() {
            let starts = i == 0 || rows[i - 1].line != row.line;
            if starts && row.spans.first().is_some_and(|s| s.role == Role::Heading) {
                // A heading wrapped over several rows is still one entry, named in full.
                let label: String = rows[i..]
                    .iter()
                    .take_while(|r| r.line == row.line)
                    .flat_map(|r| r.spans.iter().map(|s| s.text()))
                    .collect::<Vec<_>>()
                    .join(" ");
                if i <= cursor {
                    current = entries.len();
                }
                let pct = i * 100 / rows.len().max(1);
                entries.push(Entry {
                    label,
                    note: format!("{pct}%"),
                    pick: Pick::Row(i),
                });
            }
        }
        Finder::new(FinderKind::Outline, entries, current)
    }

    /// Every action that works on the main screen in `mode` (the pane or view in use), described
    /// as in the help, with its keys.
    pub fn palette(keymap: &Keymap, mode: Mode, ascii: bool) -> Finder {
        let mut entries: Vec<Entry> = Vec::new();
        let skip = |a: Action| {
            matches!(
                a,
                Action::Count | Action::Palette | Action::Insert(_) | Action::Resize(..)
            )
        };
        for m in [mode, Mode::Global] {
            for (keys, action) in keymap.rows(m) {
                if skip(action) || entries.iter().any(|e| e.pick == Pick::Run(action)) {
                    continue;
                }
                let keys: Vec<String> = keys.iter().map(|k| k.label_in(ascii)).collect();
                entries.push(Entry {
                    label: action.describe().to_owned(),
                    note: keys.join(" "),
                    pick: Pick::Run(action),
                });
            }
        }
        // Actions without a key (a config file may have unbound them) can still be run here.
        for &action in BINDABLE {
            let main_screen = matches!(
                action,
                Action::NextPane | Action::PrevPane | Action::FocusList | Action::FocusDetail
            ) || keymap.rows(Mode::Global).iter().any(|(_, a)| *a == action);
            let bound = keymap.bindings().iter().any(|b| b.action == action);
            if main_screen && !bound && !entries.iter().any(|e| e.pick == Pick::Run(action)) {
                entries.push(Entry {
                    label: action.describe().to_owned(),
                    note: String::new(),
                    pick: Pick::Run(action),
                });
            }
        }
        entries.sort_by(|a, b| a.label.cmp(&b.label));
        Finder::new(FinderKind::Palette, entries, 0)
    }

    pub fn current(&self) -> Option<&Entry> {
        self.shown.get(self.selected).map(|&i| &self.entries[i])
    }

    /// Narrows the entries to the input: sections by the starts of their words ("key", "cr"),
    /// actions fuzzily by their description or config name ("flt" finds "filter").
    pub fn narrow(&mut self) {
        let input = self.input.trim();
        self.selected = 0;
        self.offset = 0;
        if input.is_empty() {
            self.shown = (0..self.entries.len()).collect();
            return;
        }
        self.shown = match self.kind {
            FinderKind::Outline => {
                let typed: Vec<String> = input.split_whitespace().map(fold).collect();
                (0..self.entries.len())
                    .filter(|&i| {
                        let label = fold(&self.entries[i].label);
                        let words: Vec<&str> =
                            label.split(|c: char| !c.is_alphanumeric()).collect();
                        typed
                            .iter()
                            .all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
                    })
                    .collect()
            }
            FinderKind::Palette => {
                let pattern = Pattern::parse(input, CaseMatching::Ignore, Normalization::Smart);
                let mut matcher = Matcher::new(Config::DEFAULT);
                let mut indices = Vec::new();
                let typed = fold(input);
                let mut scored: Vec<(u32, usize)> = self
                    .entries
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        let label = Utf32String::from(e.label.as_str());
                        indices.clear();
                        let fuzzy = pattern.indices(label.slice(..), &mut matcher, &mut indices);
                        let name = match e.pick {
                            Pick::Run(a) => a.name(),
                            Pick::Row(_) => "",
                        };
                        let by_name =
                            pattern.score(Utf32String::from(name).slice(..), &mut matcher);
                        let score = fuzzy.max(by_name)?;
                        Some((palette_tier(&e.label, name, &typed, &indices) + score, i))
                    })
                    .collect();
                scored.sort_by_key(|&(s, i)| (std::cmp::Reverse(s), i));
                scored.into_iter().map(|(_, i)| i).collect()
            }
        };
    }
}

/// How plainly an entry answers what was typed, above any fuzzy score: the action's own name, or
/// a word of its description, starting with it ("sort" is the sort order, not "Show Or hide
/// this help"); then the typed text anywhere in it; then the typed letters close together from
/// the start ("flter" is "filter the lists" before "clear every filter").
fn palette_tier(label: &str, name: &str, typed: &str, indices: &[u32]) -> u32 {
    let label = fold(label);
    let at_word = label
        .match_indices(typed)
        .any(|(at, _)| at == 0 || !label[..at].ends_with(char::is_alphanumeric));
    if name.starts_with(typed) || at_word {
        30_000
    } else if label.contains(typed) {
        20_000
    } else {
        let first = indices.iter().min().copied().unwrap_or(u32::MAX);
        let last = indices.iter().max().copied().unwrap_or(0);
        let compact = first == 0 && (last - first + 1) as usize <= 2 * typed.chars().count();
        if compact { 10_000 } else { 0 }
    }
}

impl App {
    /// Opens the outline of what the body shows: the page, or the focused side of a comparison.
    pub(super) fn open_outline(&mut self) {
        let (rows, cursor) = match self.comparing() {
            Some(view) => {
                let side = view.focused();
                (&side.rows, side.cursor)
            }
            None => (&self.detail.rows, self.detail.cursor),
        };
        let finder = Finder::outline(rows, cursor);
        if finder.entries.is_empty() {
            self.message = Some("this page has no sections".to_owned());
            return;
        }
        self.overlay = Some(Overlay::Finder(finder));
    }

    pub(super) fn open_palette(&mut self) {
        let mode = self.mode();
        let finder = Finder::palette(&self.keymap, mode, self.glyphs.ascii);
        self.overlay = Some(Overlay::Finder(finder));
    }

    pub(super) fn finder_action(&mut self, data: &dyn Store, mut finder: Finder, action: Action) {
        let page = (self.overlay_page()).saturating_sub(HEAD_ROWS).max(1);
        let last = finder.shown.len().saturating_sub(1);
        let mut edited = false;
        match action {
            Action::Close => return,
            Action::Choose | Action::Open => return self.choose(data, &finder),
            Action::Insert(c) => {
                finder.input.push(c);
                edited = true;
            }
            Action::DeleteChar => {
                finder.input.pop();
                edited = true;
            }
            Action::DeleteWord => {
                super::search::delete_word(&mut finder.input);
                edited = true;
            }
            Action::ClearInput => {
                finder.input.clear();
                edited = true;
            }
            Action::Up => finder.selected = finder.selected.saturating_sub(1),
            Action::Down => finder.selected = (finder.selected + 1).min(last),
            Action::PageUp | Action::HalfPageUp => {
                finder.selected = finder.selected.saturating_sub(page)
            }
            Action::PageDown | Action::HalfPageDown => {
                finder.selected = (finder.selected + page).min(last)
            }
            Action::Top => finder.selected = 0,
            Action::Bottom => finder.selected = last,
            _ => {}
        }
        if edited {
            finder.narrow();
            // In the outline a section named unambiguously is where the reader meant to go:
            // `o k` lands on "Key actors" without an Enter.
            if finder.kind == FinderKind::Outline
                && !finder.input.trim().is_empty()
                && finder.shown.len() == 1
            {
                return self.choose(data, &finder);
            }
        }
        self.overlay = Some(Overlay::Finder(finder));
    }

    fn choose(&mut self, data: &dyn Store, finder: &Finder) {
        let Some(entry) = finder.current() else {
            self.message = Some(format!("nothing matches \"{}\"", finder.input));
            self.overlay = Some(Overlay::Finder(finder.clone()));
            return;
        };
        match entry.pick {
            Pick::Row(row) => self.jump_to_row(row),
            Pick::Run(action) => self.update(data, action),
        }
    }

    /// The cursor to `row` of the body's page, shown at the top of the pane.
    pub(super) fn jump_to_row(&mut self, row: usize) {
        match (self.screen, self.compare.as_deref_mut()) {
            (Screen::Compare, Some(view)) => view.jump(row),
            _ => {
                self.detail.cursor = row;
                self.detail.offset = row;
                self.focus = Focus::Detail;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_finds_actions_by_what_they_do_and_shows_their_keys() {
        let km = Keymap::default();
        let mut f = Finder::palette(&km, Mode::Detail, false);
        f.input = "outline".to_owned();
        f.narrow();
        let first = f.current().unwrap();
        assert_eq!(first.pick, Pick::Run(Action::Outline));
        assert_eq!(first.note, "o");
        f.input = "flter".to_owned();
        f.narrow();
        assert_eq!(f.current().unwrap().pick, Pick::Run(Action::Filters));
        assert!(
            !f.entries.iter().any(|e| e.pick == Pick::Run(Action::Count)),
            "a digit is not an action to run"
        );
    }
}
