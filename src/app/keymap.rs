//! The one table of key bindings. Key handling, the help screen and the status-line hints are all
//! read from it, so none of them can disagree with the others.

use crossterm::event::KeyCode;

use super::action::Action;
use super::screen::Screen;
use crate::data::ListKind;
use crate::keys::Key;

pub use super::mode::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Action::*;
        use KeyCode as K;
        let c = Key::char;
        let k = Key::plain;
        let digits: &[Key] = &[
            c('0'),
            c('1'),
            c('2'),
            c('3'),
            c('4'),
            c('5'),
            c('6'),
            c('7'),
            c('8'),
            c('9'),
        ];
        let table: &[(Mode, &[Key], Action)] = &[
            (Mode::Global, &[c('q'), Key::ctrl('c')], Quit),
            (Mode::Global, &[Key::ctrl('z')], Suspend),
            (Mode::Global, &[c('?'), k(K::F(1))], ToggleHelp),
            (Mode::Global, &[c(':')], Palette),
            (Mode::Global, &[c('/')], Search),
            (Mode::Global, &[c('f')], Filters),
            (Mode::Global, &[c('x')], ClearFilters),
            (Mode::Global, &[c('u')], UndoFilter),
            (Mode::Global, &[c('s')], CycleSort),
            (Mode::Global, &[c('1')], ShowList(ListKind::Analyses)),
            (Mode::Global, &[c('2')], ShowList(ListKind::Actors)),
            (Mode::Global, &[c('3')], ShowList(ListKind::Themes)),
            (Mode::Global, &[c('4')], ShowList(ListKind::Implications)),
            (Mode::Global, &[c('5')], ShowList(ListKind::Places)),
            (Mode::Global, &[c('j'), k(K::Down)], Down),
            (Mode::Global, &[c('k'), k(K::Up)], Up),
            (
                Mode::Global,
                &[k(K::PageDown), Key::ctrl('f'), c(' ')],
                PageDown,
            ),
            (Mode::Global, &[k(K::PageUp), Key::ctrl('b')], PageUp),
            (Mode::Global, &[Key::ctrl('d')], HalfPageDown),
            (Mode::Global, &[Key::ctrl('u')], HalfPageUp),
            (Mode::Global, &[c('g'), k(K::Home)], Top),
            (Mode::Global, &[c('G'), k(K::End)], Bottom),
            (Mode::Global, &[c('}')], NextSection),
            (Mode::Global, &[c('{')], PrevSection),
            (Mode::Global, &[c('o')], Outline),
            (Mode::Global, &[k(K::Enter)], Open),
            (Mode::Global, &[k(K::Backspace), c('[')], Back),
            (Mode::Global, &[c(']')], Forward),
            (Mode::Global, &[c('n')], NextMatch),
            (Mode::Global, &[c('N')], PrevMatch),
            (Mode::Global, &[c('b')], ToggleBookmark),
            (Mode::Global, &[c('B'), c('6')], ShowBookmarks),
            (Mode::Global, &[c('a')], EditNote),
            (Mode::Global, &[c('e')], EditNoteOutside),
            (Mode::Global, &[c('y')], Copy),
            (Mode::Global, &[c('|')], Pager),
            (Mode::Global, &[c('E')], Export),
            (Mode::Global, &[c('w')], SaveView),
            (Mode::Global, &[c('\'')], RecallView),
            (Mode::Global, &[c('v')], ViewMenu),
            (Mode::Global, &[c('M')], ShowView(Screen::Matrix)),
            (Mode::Global, &[c('W')], ShowView(Screen::Map)),
            (Mode::Global, &[c('O')], ShowView(Screen::Outlook)),
            (Mode::Global, &[c('T')], ShowView(Screen::Timeline)),
            (Mode::Global, &[c('S')], ReverseSort),
            (Mode::Matrix, &[c('h'), k(K::Left)], Left),
            (Mode::Matrix, &[c('l'), k(K::Right)], Right),
            (Mode::Matrix, &[c('r')], Regroup),
            (Mode::Matrix, &[c('p')], Weigh),
            (Mode::Map, &[c('h'), k(K::Left)], Left),
            (Mode::Map, &[c('l'), k(K::Right)], Right),
            (Mode::Map, &[c('z')], ZoomIn),
            (Mode::Map, &[c('Z')], ZoomOut),
            (Mode::Outlook, &[c('h'), k(K::Left)], Left),
            (Mode::Outlook, &[c('l'), k(K::Right)], Right),
            (Mode::Timeline, &[c('h'), k(K::Left)], Left),
            (Mode::Timeline, &[c('l'), k(K::Right)], Right),
            (Mode::Timeline, &[c('r')], Regroup),
            (Mode::Timeline, &[c('p')], Period),
            (Mode::Global, &[c('m')], Mark),
            (Mode::Global, &[c('c')], Compare),
            (Mode::Global, &[c('F')], ShowView(Screen::Forecasts)),
            (Mode::List, &[k(K::Tab), c('l'), k(K::Right)], FocusDetail),
            (Mode::Detail, &[k(K::Tab)], NextLink),
            (Mode::Detail, &[k(K::BackTab)], PrevLink),
            (Mode::Detail, &[c('h'), k(K::Left)], FocusList),
            (Mode::Detail, &[c('l'), k(K::Right)], Open),
            // In a page, digits are a count for the next move; in a list they pick the lists.
            (Mode::Detail, digits, Count),
            (
                Mode::Compare,
                &[
                    k(K::Tab),
                    k(K::BackTab),
                    c('h'),
                    c('l'),
                    k(K::Left),
                    k(K::Right),
                ],
                OtherSide,
            ),
            (Mode::Compare, digits, Count),
            (Mode::Compare, &[c('s')], ToggleSync),
            (Mode::Forecasts, &[k(K::Tab)], NextSection),
            (Mode::Forecasts, &[k(K::BackTab)], PrevSection),
            (Mode::Forecasts, &[k(K::Esc)], Back),
            (Mode::Global, &[c('D')], DraftSource),
            (Mode::Search, &[k(K::Enter)], Open),
            (Mode::Search, &[k(K::Esc)], Close),
            (
                Mode::Search,
                &[k(K::Down), Key::ctrl('n'), Key::ctrl('j')],
                Down,
            ),
            (
                Mode::Search,
                &[k(K::Up), Key::ctrl('p'), Key::ctrl('k')],
                Up,
            ),
            (Mode::Search, &[k(K::Backspace)], DeleteChar),
            (Mode::Search, &[Key::ctrl('w')], DeleteWord),
            (Mode::Search, &[Key::ctrl('u')], ClearInput),
            (Mode::Search, &[k(K::Right)], KeepInput),
            (Mode::Search, &[k(K::Tab)], ShowHidden),
            (Mode::Find, &[k(K::Enter)], Choose),
            (Mode::Find, &[k(K::Esc)], Close),
            (
                Mode::Find,
                &[k(K::Down), Key::ctrl('n'), Key::ctrl('j')],
                Down,
            ),
            (Mode::Find, &[k(K::Up), Key::ctrl('p'), Key::ctrl('k')], Up),
            (Mode::Find, &[k(K::Backspace)], DeleteChar),
            (Mode::Find, &[Key::ctrl('w')], DeleteWord),
            (Mode::Find, &[Key::ctrl('u')], ClearInput),
            (Mode::Filters, &[c(' '), k(K::Enter)], Toggle),
            (
                Mode::Filters,
                &[k(K::Tab), c('h'), c('l'), k(K::Left), k(K::Right)],
                SwitchColumn,
            ),
            (Mode::Filters, &[c('/')], Find),
            (Mode::Filters, &[c('m')], RegionScope),
            (Mode::Filters, &[c('x')], ClearFilters),
            (Mode::Filters, &[c('u')], UndoFilter),
            (Mode::Filters, &[k(K::Esc), c('f'), c('q')], Close),
            (Mode::ViewMenu, &[k(K::Enter)], Open),
            (Mode::ViewMenu, &[k(K::Esc), c('v'), c('q')], Close),
            (Mode::ViewMenu, &[c('M')], ShowView(Screen::Matrix)),
            (Mode::ViewMenu, &[c('W')], ShowView(Screen::Map)),
            (Mode::ViewMenu, &[c('O')], ShowView(Screen::Outlook)),
            (Mode::ViewMenu, &[c('T')], ShowView(Screen::Timeline)),
            (
                Mode::Help,
                &[c('?'), k(K::Esc), c('q'), k(K::Backspace)],
                ToggleHelp,
            ),
            (Mode::Note, &[k(K::Esc), Key::ctrl('s')], SaveNote),
            (Mode::Note, &[k(K::Enter)], NewLine),
            (Mode::Prompt, &[k(K::Enter)], SaveNote),
            (Mode::Prompt, &[k(K::Esc)], Close),
        ];
        // The editing keys both text boxes share.
        let editing: &[(&[Key], Action)] = &[
            (&[k(K::Backspace)], DeleteChar),
            (&[Key::ctrl('w')], DeleteWord),
            (&[Key::ctrl('u')], ClearInput),
            (&[k(K::Left)], CursorLeft),
            (&[k(K::Right)], CursorRight),
            (&[k(K::Home)], LineStart),
            (&[k(K::End)], LineEnd),
        ];
        let views: &[(Mode, &[Key], Action)] = &[
            (Mode::Views, &[k(K::Enter)], Open),
            (Mode::Views, &[c('d'), k(K::Delete)], DeleteView),
            (Mode::Views, &[k(K::Esc), c('\''), c('q')], Close),
        ];
        let editing = [Mode::Note, Mode::Prompt]
            .into_iter()
            .flat_map(|m| editing.iter().map(move |&(keys, a)| (m, keys, a)));
        let table: Vec<(Mode, &[Key], Action)> = table
            .iter()
            .copied()
            .chain(editing)
            .chain(views.iter().copied())
            .collect();
        let bindings = table
            .iter()
            .flat_map(|&(mode, keys, action)| {
                keys.iter().map(move |&key| Binding { mode, key, action })
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action for `key`, looking in `mode` first and then in `Global`. Overlays let through
    /// only movement, quitting and suspending from the global table; everything else stays in the overlay.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        // Ctrl-C quits whatever the config says, so no config can shut a user in.
        if key == Key::ctrl('c') {
            return Some(Action::Quit);
        }
        let find = |m: Mode| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.key == key)
                .map(|b| b.action)
        };
        if let Some(action) = find(mode) {
            return Some(action);
        }
        let global = find(Mode::Global)?;
        let passes = !mode.is_overlay()
            || matches!(
                global,
                Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::HalfPageUp
                    | Action::HalfPageDown
                    | Action::Top
                    | Action::Bottom
                    | Action::Quit
                    | Action::Suspend
            );
        // In the search box and the finders a plain character is text, never a command.
        let typed =
            mode.types_text() && !key.ctrl && !key.alt && matches!(key.code, KeyCode::Char(_));
        (passes && !typed).then_some(global)
    }

    /// The first key bound to `action` in `mode` (or globally).
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<Key> {
        [mode, Mode::Global].iter().find_map(|&m| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.action == action)
                .map(|b| b.key)
        })
    }

    /// Replaces the keys of `action` in `mode` with `keys`. A key taken from another action of
    /// the same mode moves here: the user's latest word wins, and no key is bound twice.
    /// The new keys take the place of the old ones, so the help screen keeps its order.
    pub fn rebind(&mut self, mode: Mode, action: Action, keys: &[Key]) {
        let gone = |b: &Binding| b.mode == mode && (b.action == action || keys.contains(&b.key));
        let at = self
            .bindings
            .iter()
            .position(|b| b.mode == mode && b.action == action)
            .map_or(usize::MAX, |i| {
                i - self.bindings[..i].iter().filter(|b| gone(b)).count()
            });
        self.bindings.retain(|b| !gone(b));
        // An action with no key left goes at the end (measured after the removal, which may
        // have taken keys from other actions).
        let at = at.min(self.bindings.len());
        let new = keys.iter().map(|&key| Binding { mode, key, action });
        self.bindings.splice(at..at, new);
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The bindings of one mode, grouped by action in table order: what the help screen lists.
    pub fn rows(&self, mode: Mode) -> Vec<(Vec<Key>, Action)> {
        let mut rows: Vec<(Vec<Key>, Action)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            match rows.iter_mut().find(|(_, a)| *a == b.action) {
                Some((keys, _)) => keys.push(b.key),
                None => rows.push((vec![b.key], b.action)),
            }
        }
        rows
    }

    /// Status-line hints for a mode: the primary key of each action worth advertising there,
    /// with down paired with up as `j/k`.
    pub fn hints(&self, mode: Mode, ascii: bool) -> Vec<(String, &'static str)> {
        // In the panes the global key is the one to learn (Enter, not the detail's `l`); in an
        // overlay only its own keys work.
        let order = if mode.is_overlay() {
            [mode, Mode::Global]
        } else {
            [Mode::Global, mode]
        };
        let first_key = |action: Action| {
            order
                .iter()
                .find_map(|&m| {
                    self.bindings
                        .iter()
                        .find(|b| b.mode == m && b.action == action)
                })
                .map(|b| b.key.label_in(ascii))
        };
        hinted(mode)
            .iter()
            .filter_map(|&action| {
                let mut label = first_key(action)?;
                let pair = match action {
                    Action::Down => Some(Action::Up),
                    Action::Right => Some(Action::Left),
                    Action::NextSection => Some(Action::PrevSection),
                    _ => None,
                };
                if let Some(other) = pair.and_then(first_key) {
                    label = format!("{label}/{other}");
                }
                // The map's two pairs of keys move two different things.
                let hint = match (mode, action) {
                    (Mode::Map, Action::Right) => "place",
                    (Mode::Map, Action::Down) => "implication",
                    (Mode::Timeline, Action::Right) => "period",
                    (Mode::Timeline, Action::Down) => "row",
                    _ => action.hint(),
                };
                Some((label, hint))
            })
            .collect()
    }
}

impl Keymap {
    /// The key table as Markdown, one section per mode: the README embeds it, and a test keeps
    /// the two identical.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for mode in Mode::ALL {
            out.push_str(&format!("| {} | |\n|---|---|\n", mode.title()));
            for (keys, action) in self.rows(mode) {
                // A `|` splits a table cell even inside backticks, unless escaped (GFM).
                let keys: Vec<String> = keys
                    .iter()
                    .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                    .collect();
                out.push_str(&format!("| {} | {} |\n", keys.join(" "), action.describe()));
            }
            out.push('\n');
        }
        out
    }
}

/// The actions the status line advertises in each mode, most useful first.
fn hinted(mode: Mode) -> &'static [Action] {
    use Action::*;
    match mode {
        Mode::Global | Mode::List => &[
            Down,
            Open,
            FocusDetail,
            Search,
            Filters,
            ViewMenu,
            ToggleHelp,
            Back,
            Quit,
            Palette,
            CycleSort,
            ToggleBookmark,
            ReverseSort,
        ],
        Mode::Detail => &[
            Down,
            NextLink,
            Open,
            NextSection,
            Outline,
            ToggleHelp,
            Back,
            Search,
            ViewMenu,
            Palette,
            Quit,
        ],
        Mode::Compare => &[Down, OtherSide, ToggleSync, Back, ToggleHelp, Quit],
        Mode::Matrix => &[
            Down, Right, Open, Back, Regroup, Weigh, Filters, ViewMenu, ToggleHelp, Quit,
        ],
        Mode::Map => &[
            Right, Down, Open, ZoomIn, ZoomOut, Back, Filters, ViewMenu, ToggleHelp, Quit,
        ],
        Mode::Outlook => &[Down, Right, Open, Back, Filters, ViewMenu, ToggleHelp, Quit],
        Mode::Timeline => &[
            Right, Down, Open, Regroup, Period, Back, Filters, ViewMenu, ToggleHelp, Quit,
        ],
        Mode::ViewMenu => &[Down, Open, Close],
        Mode::Forecasts => &[Down, Open, NextSection, Filters, Back, ToggleHelp, Quit],
        Mode::Note => &[SaveNote, NewLine],
        Mode::Prompt => &[SaveNote, Close],
        Mode::Views => &[Down, Open, DeleteView, Close],
        Mode::Search => &[Down, Open, Close],
        Mode::Find => &[Down, Choose, Close],
        Mode::Filters => &[
            Down,
            Toggle,
            SwitchColumn,
            Find,
            RegionScope,
            ClearFilters,
            UndoFilter,
            Close,
        ],
        Mode::Help => &[Down, ToggleHelp],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_bindings_win_over_global_ones() {
        let km = Keymap::default();
        assert_eq!(km.lookup(Mode::Detail, Key::char('l')), Some(Action::Open));
        assert_eq!(
            km.lookup(Mode::List, Key::char('l')),
            Some(Action::FocusDetail)
        );
        assert_eq!(km.lookup(Mode::List, Key::char('j')), Some(Action::Down));
        assert_eq!(km.lookup(Mode::List, Key::char('z')), None);
    }

    #[test]
    fn in_the_search_box_characters_are_text() {
        let km = Keymap::default();
        for c in ['q', 'j', 'f', '/', '?', 'G', ' '] {
            assert_eq!(km.lookup(Mode::Search, Key::char(c)), None, "{c:?}");
        }
        assert_eq!(km.lookup(Mode::Search, Key::ctrl('c')), Some(Action::Quit));
        assert_eq!(
            km.lookup(Mode::Search, Key::plain(KeyCode::Down)),
            Some(Action::Down)
        );
        assert_eq!(
            km.lookup(Mode::Search, Key::plain(KeyCode::Esc)),
            Some(Action::Close)
        );
        assert_eq!(
            km.lookup(Mode::Search, Key::plain(KeyCode::Backspace)),
            Some(Action::DeleteChar)
        );
    }

    #[test]
    fn help_swallows_everything_but_its_own_keys_and_movement() {
        let km = Keymap::default();
        assert_eq!(
            km.lookup(Mode::Help, Key::plain(KeyCode::Esc)),
            Some(Action::ToggleHelp)
        );
        assert_eq!(km.lookup(Mode::Help, Key::char('j')), Some(Action::Down));
        assert_eq!(km.lookup(Mode::Help, Key::plain(KeyCode::Enter)), None);
        assert_eq!(km.lookup(Mode::Help, Key::plain(KeyCode::Tab)), None);
    }

    #[test]
    fn ctrl_z_suspends_from_every_mode_even_the_search_box() {
        let km = Keymap::default();
        for mode in Mode::ALL {
            assert_eq!(
                km.lookup(mode, Key::ctrl('z')),
                Some(Action::Suspend),
                "{mode:?}"
            );
        }
        assert_eq!(km.lookup(Mode::Search, Key::char('z')), None);
    }

    #[test]
    fn rebinding_an_action_left_without_keys_puts_it_at_the_end() {
        let mut km = Keymap::default();
        km.rebind(Mode::Global, Action::Search, &[Key::char('f')]);
        km.rebind(Mode::Global, Action::Filters, &[Key::char('F')]);
        assert_eq!(km.lookup(Mode::List, Key::char('F')), Some(Action::Filters));
        assert_eq!(km.lookup(Mode::List, Key::char('f')), Some(Action::Search));
    }

    #[test]
    fn the_dossier_keys_work_in_every_pane_and_view() {
        // b B a e y | E w ' are the dossier's (docs/design.md): no pane's or view's own keys may
        // take them over. (6 is also a count in a page, so only B shows the bookmarks there.)
        let km = Keymap::default();
        let keys = [
            ('b', Action::ToggleBookmark),
            ('B', Action::ShowBookmarks),
            ('a', Action::EditNote),
            ('e', Action::EditNoteOutside),
            ('y', Action::Copy),
            ('|', Action::Pager),
            ('E', Action::Export),
            ('w', Action::SaveView),
            ('\'', Action::RecallView),
        ];
        for mode in [Mode::List, Mode::Detail, Mode::Compare, Mode::Forecasts] {
            for (c, action) in keys {
                assert_eq!(
                    km.lookup(mode, Key::char(c)),
                    Some(action),
                    "{c} in {mode:?}"
                );
            }
        }
        assert_eq!(
            km.lookup(Mode::List, Key::char('6')),
            Some(Action::ShowBookmarks)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let km = Keymap::default();
        for (i, a) in km.bindings.iter().enumerate() {
            for b in &km.bindings[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.key == b.key),
                    "{} bound twice in {:?}",
                    a.key,
                    a.mode
                );
            }
        }
    }
}
