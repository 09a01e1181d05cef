//! Random input never breaks the explorer. Random scripts of keys, resizes, pastes and search
//! answers go through the terminal's own entry point (`App::handle_event`), on the bundled
//! dataset and on the fixtures; after every step the state must hold its invariants and the frame
//! must fit its area with nothing unsafe in it.
//!
//! `PROPTEST_CASES` is the number of cases over all three datasets (10,000 when unset), so a long
//! run is `PROPTEST_CASES=1000000 cargo test --release --test properties`. A failure prints the
//! smallest script found in key notation (see [`Step`]); paste it into a `replay` test below.

mod common;

use std::fmt;
use std::sync::LazyLock;

use crossterm::event::{Event, KeyCode};
use geolens::app::action::Action;
use geolens::app::filters::Column;
use geolens::app::keymap::{Keymap, Mode};
use geolens::app::screen::Screen;
use geolens::app::search::{MAX_INPUT, SearchRequest};
use geolens::app::{App, Focus, Overlay};
use geolens::data::Dataset;
use geolens::data::{ListKind, Target};
use geolens::doc;
use geolens::find::{self, SearchIndex, search::PER_GROUP};
use geolens::keys::{Key, parse_keys};
use geolens::layout::{self, MIN_HEIGHT, MIN_WIDTH, Shown};
use geolens::pages;
use geolens::snapshot::to_text;
use geolens::text::is_unsafe;
use geolens::ui::{self, Theme};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed, TestError, TestRunner};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One thing that happens to the explorer.
#[derive(Clone, PartialEq, Eq)]
enum Step {
    Key(Key),
    Resize(u16, u16),
    Paste(String),
    /// The search worker finishes the oldest request it was given (see [`Session::searched`]).
    Searched,
}

/// A session: how it starts, and what happens in it.
#[derive(Clone)]
struct Script {
    ascii: bool,
    /// `geolens open` on the n-th item of the dataset, in `find::index::all_targets` order.
    open: Option<usize>,
    steps: Vec<Step>,
}

/// Key notation as `geolens snapshot --keys` reads it, with braces for what is not a key:
/// `{resize 80x24}`, `{paste "json string"}`, `{searched}`, and `{char U+1B}` (with `C-`/`A-`
/// before `char` for chords) for characters that the notation cannot show as they are.
impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Key(key) => match key.code {
                KeyCode::Char(c) if needs_escape(c) => {
                    let ctrl = if key.ctrl { "C-" } else { "" };
                    let alt = if key.alt { "A-" } else { "" };
                    write!(f, "{{{ctrl}{alt}char U+{:X}}}", c as u32)
                }
                _ => write!(f, "{key}"),
            },
            Step::Resize(w, h) => write!(f, "{{resize {w}x{h}}}"),
            Step::Paste(text) => write!(f, "{{paste {}}}", json_string(text)),
            Step::Searched => f.write_str("{searched}"),
        }
    }
}

impl fmt::Debug for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut head = Vec::new();
        if self.ascii {
            head.push("{ascii}".to_owned());
        }
        if let Some(n) = self.open {
            head.push(format!("{{open {n}}}"));
        }
        let steps: Vec<String> = self.steps.iter().map(|s| format!("{s:?}")).collect();
        f.write_str(&[head, steps].concat().join(" "))
    }
}

/// Characters that cannot be seen, would merge with their neighbours or the notation, or would
/// disturb the terminal showing a failure, if printed as they are.
fn invisible(c: char) -> bool {
    (c.is_whitespace() && c != ' ') || is_unsafe(c) || c.width().is_none_or(|w| w == 0)
}

fn needs_escape(c: char) -> bool {
    invisible(c) || c == '{' || c == '}'
}

/// A JSON string with every invisible character escaped, so a failing script reads
/// unambiguously and can be pasted back.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in serde_json::to_string(text)
        .expect("strings serialize")
        .chars()
    {
        if invisible(c) {
            // JSON escapes are UTF-16: characters beyond the BMP take a surrogate pair.
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads what `Script`'s Debug writes.
fn parse_script(text: &str) -> Script {
    let mut script = Script {
        ascii: false,
        open: None,
        steps: Vec::new(),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let Some(at) = rest.find('{') else {
            let keys = parse_keys(rest).unwrap_or_else(|e| panic!("{e} in {rest:?}"));
            script.steps.extend(keys.into_iter().map(Step::Key));
            break;
        };
        let keys = parse_keys(&rest[..at]).unwrap_or_else(|e| panic!("{e} in {rest:?}"));
        script.steps.extend(keys.into_iter().map(Step::Key));
        rest = &rest[at + 1..];
        let (word, args) = rest.split_at(rest.find([' ', '}']).expect("unclosed {"));
        let args = args.trim_start();
        let end = if word == "paste" {
            let mut strings = serde_json::Deserializer::from_str(args).into_iter::<String>();
            let text = strings.next().expect("a string").expect("a JSON string");
            script.steps.push(Step::Paste(text));
            strings.byte_offset() + args[strings.byte_offset()..].find('}').expect("closing }")
        } else {
            let end = args.find('}').expect("closing }");
            let arg = &args[..end];
            match word {
                "ascii" => script.ascii = true,
                "open" => script.open = Some(arg.parse().expect("a number")),
                "searched" => script.steps.push(Step::Searched),
                "resize" => {
                    let (w, h) = arg.split_once('x').expect("WxH");
                    script.steps.push(Step::Resize(
                        w.parse().expect("width"),
                        h.parse().expect("height"),
                    ));
                }
                _ => {
                    let mods = word.strip_suffix("char").expect("a known step");
                    let code = arg.strip_prefix("U+").expect("U+hex");
                    let c = u32::from_str_radix(code, 16).expect("hex");
                    let mut key = Key::char(char::from_u32(c).expect("a char"));
                    key.ctrl = mods.contains("C-");
                    key.alt = mods.contains("A-");
                    script.steps.push(Step::Key(key));
                }
            }
            end
        };
        rest = &args[end + 1..];
    }
    script
}

// ---------------------------------------------------------------------------------------------
// Generating scripts

/// Every key the default keymap binds, in any mode: new bindings are covered without a change here.
static BOUND: LazyLock<Vec<Key>> = LazyLock::new(|| {
    let keymap = Keymap::default();
    let mut keys: Vec<Key> = Mode::ALL
        .iter()
        .flat_map(|&mode| keymap.rows(mode))
        .flat_map(|(keys, _)| keys)
        .collect();
    keys.sort_by_key(|k| k.to_string());
    keys.dedup();
    keys
});

/// The named keys the notation knows.
fn named_key() -> impl Strategy<Value = Key> {
    let codes = vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Delete,
        KeyCode::Char(' '),
        KeyCode::Char('<'),
    ];
    prop_oneof![
        4 => select(codes).prop_map(Key::plain),
        1 => (1..=24u8).prop_map(|n| Key::plain(KeyCode::F(n))),
    ]
}

/// Ctrl, Alt and Ctrl-Alt chords on any character or named key.
fn chord() -> impl Strategy<Value = Key> {
    let base = prop_oneof![
        3 => any::<char>().prop_map(Key::char),
        1 => proptest::char::range('a', 'z').prop_map(Key::char),
        1 => named_key(),
    ];
    (base, 1..=3u8).prop_map(|(mut key, mods)| {
        key.ctrl = mods & 1 != 0;
        key.alt = mods & 2 != 0;
        key
    })
}

/// Keys, mostly bound ones.
fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        24 => select(BOUND.clone()),
        // Words worth searching for: any letter finds something by prefix.
        6 => proptest::char::range('a', 'z').prop_map(Key::char),
        2 => select(vec!['"', '*', ' ', '-', 'é', '中', '\u{301}']).prop_map(Key::char),
        2 => any::<char>().prop_map(Key::char),
        2 => named_key(),
        1 => chord(),
    ]
}

/// Sizes, biased to where layouts change: nothing at all, the too-small boundary, the narrow/wide
/// boundary, and the usual terminals.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (0..=3u16, 0..=3u16),
        3 => (MIN_WIDTH - 2..=MIN_WIDTH + 2, MIN_HEIGHT - 2..=MIN_HEIGHT + 3),
        2 => (layout::WIDE_MIN_WIDTH - 2..=layout::WIDE_MIN_WIDTH + 1, MIN_HEIGHT..=30),
        4 => select(vec![(80, 24), (100, 30), (120, 40), (160, 48), (200, 60), (132, 43)]),
        2 => (0..=250u16, 0..=80u16),
        1 => prop_oneof![(0..=1000u16, 0..=2u16), (0..=2u16, 0..=1000u16)],
    ]
}

/// Pasted text: anything, hostile sequences, words that find something, and very long text.
fn paste() -> impl Strategy<Value = String> {
    let hostile = vec![
        "\x1b]52;c;cHduZWQ=\x07",
        "\x1b]0;title\x07",
        "\x1b[2J\x1b[H",
        "\x1bP+q\x1b\\",
        "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
        "a\u{202e}b\u{2066}c",
        "\u{200b}\u{200d}\u{feff}",
        "👩‍👩‍👧 👍🏽",
        "e\u{301}\u{302}",
        "\r\n\t\0\x7f\u{85}\u{9b}",
        "\"middle corridor\"",
        "corrid* kazak",
        "астана",
        "中华",
    ];
    let chars = vec(any::<char>(), 0..40).prop_map(String::from_iter);
    prop_oneof![
        4 => chars.clone(),
        3 => select(hostile).prop_map(str::to_owned),
        1 => (chars, 1..=4096usize).prop_map(|(s, n)| s.repeat(n).chars().take(65_536).collect()),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        30 => key().prop_map(Step::Key),
        3 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        2 => paste().prop_map(Step::Paste),
        5 => Just(Step::Searched),
    ]
}

/// Scripts of up to `max_steps` steps on a dataset of `targets` items.
fn script(max_steps: usize, targets: usize) -> impl Strategy<Value = Script> {
    (
        any::<bool>(),
        proptest::option::weighted(0.2, 0..targets),
        size(),
        vec(step(), 0..max_steps),
    )
        .prop_map(|(ascii, open, (w, h), mut steps)| {
            // The terminal reports its size once the app exists, as `terminal::run` does.
            steps.insert(0, Step::Resize(w, h));
            Script { ascii, open, steps }
        })
}

// ---------------------------------------------------------------------------------------------
// Running scripts

/// The explorer as the terminal runs it, with the search worker played by [`Session::searched`].
struct Session<'a> {
    data: &'a Dataset,
    index: &'a SearchIndex,
    app: App,
    /// Requests handed to the search worker, oldest first.
    in_flight: Vec<SearchRequest>,
    /// The generation of the last search request.
    last_generation: u64,
    /// Whether a quit key was pressed where it quits.
    quit: bool,
    /// The detail rows last checked against a fresh page: wrapping a page at every step would
    /// cost more than the step itself.
    checked_page: Option<(Target, u16, Vec<doc::Row>)>,
}

impl<'a> Session<'a> {
    fn start(data: &'a Dataset, index: &'a SearchIndex, script: &Script) -> Session<'a> {
        let glyphs = if script.ascii {
            pages::ASCII
        } else {
            pages::UNICODE
        };
        let mut app = App::new(data, Keymap::default(), glyphs, Rect::default());
        if let Some(n) = script.open {
            let target = find::index::all_targets(data).nth(n).expect("a target");
            app.open(data, target);
        }
        Session {
            data,
            index,
            app,
            in_flight: Vec::new(),
            last_generation: 0,
            quit: false,
            checked_page: None,
        }
    }

    fn step(&mut self, step: &Step, at: &dyn Fn() -> String) {
        match step {
            Step::Key(key) => {
                let mode = self.app.mode();
                let action = self.app.keymap.lookup(mode, *key);
                // Quitting by its key, or by choosing it in the command palette.
                let chosen = match &self.app.overlay {
                    Some(Overlay::Finder(f)) if action == Some(Action::Choose) => {
                        f.current().map(|e| e.pick)
                    }
                    _ => None,
                };
                self.quit |= action == Some(Action::Quit)
                    || chosen == Some(geolens::app::finder::Pick::Run(Action::Quit));
                let event = Event::Key(key.to_event());
                assert!(
                    self.app.handle_event(self.data, &event),
                    "{}: no redraw",
                    at()
                );
                // In the Bookmarks list the selection is the bookmark's, whose item the filter
                // may hide from its own list.
                let selected = match self.app.shelf.shown {
                    true => {
                        let shelf = &self.app.shelf;
                        let row = shelf.row(shelf.selected);
                        row.and_then(|b| b.item().resolve(self.data))
                    }
                    false => self.app.list_pane().selected,
                };
                if (mode, action) == (Mode::List, Some(Action::Open)) && selected.is_some() {
                    let shown = self.app.detail.target;
                    assert_eq!(shown, selected, "{}: Enter opens the selection", at());
                }
            }
            Step::Resize(w, h) => {
                let event = Event::Resize(*w, *h);
                assert!(
                    self.app.handle_event(self.data, &event),
                    "{}: no redraw",
                    at()
                );
            }
            Step::Paste(text) => {
                // The last query, offered selected, is replaced by what is pasted over it.
                let before = match &self.app.overlay {
                    Some(Overlay::Search(search)) => Some((search.input.clone(), search.replace)),
                    _ => None,
                };
                let text_box = matches!(self.app.overlay, Some(Overlay::Note(_)));
                let redraw = self
                    .app
                    .handle_event(self.data, &Event::Paste(text.clone()));
                assert_eq!(
                    redraw,
                    before.is_some() || text_box,
                    "{}: a paste matters only to the search box and the text boxes",
                    at()
                );
                if let (Some((input, replace)), Some(Overlay::Search(search))) =
                    (before, &self.app.overlay)
                {
                    let pasted = text.chars().map(|c| if c.is_control() { ' ' } else { c });
                    let kept_input = if replace { "" } else { input.as_str() };
                    let all: String = kept_input.chars().chain(pasted).collect();
                    let kept: String = all.chars().take(MAX_INPUT).collect();
                    assert_eq!(search.input, kept, "{}: a paste is typed as text", at());
                    assert_eq!(
                        self.app.message.is_some(),
                        kept.len() < all.len(),
                        "{}: a paste cut short says so",
                        at()
                    );
                    if search.input != input {
                        assert_eq!(
                            search.generation,
                            self.last_generation + 1,
                            "{}: a paste is one edit",
                            at()
                        );
                    }
                }
            }
            Step::Searched => self.searched(),
        }
        // As the event loop does after each batch of events.
        if let Some(request) = self.app.search_request.take() {
            assert!(
                request.generation > self.last_generation,
                "{}: search generation {} again: its results could land in the wrong box",
                at(),
                request.generation
            );
            self.last_generation = request.generation;
            self.in_flight.push(request);
        }
    }

    /// The worker delivers the request it was working on, then takes only the newest of those
    /// queued meanwhile: the app sees stale results, and must drop them.
    fn searched(&mut self) {
        if self.in_flight.is_empty() {
            return;
        }
        let request = self.in_flight.remove(0);
        let queued = self.in_flight.len();
        self.in_flight.drain(..queued.saturating_sub(1));
        let results = find::search(
            self.index,
            self.data,
            &request.query,
            &request.filter,
            PER_GROUP,
        );
        self.app
            .search_results(self.data, request.generation, results);
    }

    fn render(&self) -> Buffer {
        let area = self.app.size;
        let mut buf = Buffer::empty(area);
        ui::render(&mut buf, area, &self.app, self.data, &Theme::mono());
        buf
    }
}

/// Runs a script, checking every step; panics on the first broken invariant.
fn run(data: &Dataset, index: &SearchIndex, script: &Script) {
    let mut s = Session::start(data, index, script);
    for (i, step) in script.steps.iter().enumerate() {
        let at = || format!("after step {} ({step:?})", i + 1);
        s.step(step, &at);
        check_state(&mut s, &at);
        check_frame(&s, &s.render(), &at);
    }
    // Every search asked for is answered in the end, and the box stops saying "searching".
    while !s.in_flight.is_empty() {
        s.searched();
    }
    if let Some(Overlay::Search(search)) = &s.app.overlay {
        assert!(!search.waiting, "the search box waits for results forever");
    }
    let at = || "at the end, with every search answered".to_owned();
    check_state(&mut s, &at);
    check_frame(&s, &s.render(), &at);
    check_lists_are_current(&s);
    check_history_walk(&mut s);
}

// ---------------------------------------------------------------------------------------------
// What must always hold

fn check_state(s: &mut Session, at: &dyn Fn() -> String) {
    let app = &s.app;
    assert_eq!(app.quit, s.quit, "{}: quit flag", at());

    // Lists: the selection is an item of its list, and on screen.
    let list_height =
        layout::inner(layout::screen(app.size, Shown::List, chips(app)).list).height as usize;
    for (kind, pane) in ListKind::ALL.iter().zip(&app.lists) {
        let what = || format!("{}: {} list", at(), kind.title());
        match (pane.selected, pane.rows.is_empty()) {
            (None, true) => assert_eq!(pane.offset, 0, "{}: offset of an empty list", what()),
            (None, false) => panic!(
                "{}: nothing selected in a list of {}",
                what(),
                pane.rows.len()
            ),
            (Some(t), _) => {
                let row = pane
                    .selected_row()
                    .unwrap_or_else(|| panic!("{}: selected {t:?} is not in the list", what()));
                let height =
                    list_height.saturating_sub(geolens::app::table_header(*kind, list_height));
                check_window(pane.offset, row, height, pane.rows.len(), &what);
            }
        }
    }

    // The detail: a page wrapped to the pane, with the cursor on it and on screen.
    let d = &app.detail;
    let width = layout::detail_wrap_width(app.size);
    assert_eq!(d.width, width, "{}: detail wrapped to another width", at());
    if let Some(target) = d.target {
        match &s.checked_page {
            Some((t, w, rows)) if (*t, *w) == (target, width) => {
                assert!(
                    d.rows == *rows,
                    "{}: the page changed under the reader",
                    at()
                )
            }
            _ => {
                let rows = doc::wrap(&pages::page(s.data, target, &app.glyphs), width);
                assert!(d.rows == rows, "{}: detail shows another page", at());
                s.checked_page = Some((target, width, rows));
            }
        }
    }
    let detail_height =
        layout::inner(layout::screen(app.size, Shown::Detail, chips(app)).detail).height as usize;
    if d.rows.is_empty() {
        assert_eq!(
            (d.cursor, d.offset),
            (0, 0),
            "{}: cursor in an empty page",
            at()
        );
    } else {
        check_window(d.offset, d.cursor, detail_height, d.rows.len(), &|| {
            format!("{}: detail cursor", at())
        });
    }

    // A comparison: both sides as tall (sections aligned), each cursor on its rows and on screen,
    // and with sync on, the two sides showing the same rows.
    if let Some(view) = app.comparing() {
        let height = layout::inner(app.body_area()).height as usize;
        assert_eq!(
            view.sides[0].rows.len(),
            view.sides[1].rows.len(),
            "{}: compare sides of different heights",
            at()
        );
        for (i, side) in view.sides.iter().enumerate() {
            check_window(
                side.offset,
                side.cursor,
                height,
                side.rows.len().max(1),
                &|| format!("{}: compare side {i}", at()),
            );
        }
        if view.sync {
            assert_eq!(
                view.sides[0].offset,
                view.sides[1].offset,
                "{}: sides apart with sync on",
                at()
            );
        }
    }

    // The detail shows the current history entry; it is the selection of the list shown unless
    // that list is empty or the filter hides the page (reached through a link), or a view hides
    // both (the lists follow the filters set over it; the page behind waits).
    let current = app.history.current().map(|v| v.target);
    assert_eq!(d.target, current, "{}: detail vs history", at());
    let target = d
        .target
        .unwrap_or_else(|| panic!("{}: nothing opened", at()));
    let pane = app.list_pane();
    // Behind a view the page waits while the view moves the lists' selections (the map's j/k),
    // and behind a comparison while filters set over it change the lists.
    if pane.rows.row_of(target).is_some() && app.screen == Screen::Explorer {
        assert_eq!(pane.selected, Some(target), "{}: detail vs selection", at());
    }
    assert!(
        app.list == target.list() || pane.rows.is_empty() || app.screen.is_view(),
        "{}: the detail shows {target:?} beside the {} list",
        at(),
        app.list.title()
    );
    let trail = app.history.trail();
    assert_eq!(trail.last().map(|v| v.target), current, "{}: trail", at());
    for pair in trail.windows(2) {
        assert!(
            !pair[0].same_place(&pair[1]),
            "{}: Back would not move",
            at()
        );
    }
    assert_eq!(
        app.history.current().map_or(app.screen, |v| v.screen),
        app.screen,
        "{}: the screen is not the history's",
        at()
    );

    // Overlays.
    let over = layout::inner(layout::help_area(app.size));
    let page = over.height as usize;
    match &app.overlay {
        Some(Overlay::Help(help)) => {
            let rows = doc::wrap(&help.doc, over.width).len();
            assert!(
                help.offset <= rows.saturating_sub(page),
                "{}: help scrolled past its end",
                at()
            );
        }
        Some(Overlay::Search(search)) => {
            let hits = search.hit_count();
            assert!(
                search.selected < hits.max(1),
                "{}: search selection {} of {hits}",
                at(),
                search.selected
            );
            if hits > 0 {
                check_window(
                    search.offset,
                    search.selected_row(),
                    page.saturating_sub(2),
                    search.rows().len(),
                    &|| format!("{}: search results", at()),
                );
            }
            if !search.waiting {
                assert_eq!(
                    search.results.query,
                    search.query,
                    "{}: results of another query",
                    at()
                );
            }
        }
        Some(Overlay::Finder(finder)) => {
            let n = finder.shown.len();
            assert!(
                finder.selected < n.max(1),
                "{}: finder entry {} of {n}",
                at(),
                finder.selected
            );
            let rows = layout::inner(layout::finder_area(app.size)).height as usize;
            if n > 0 {
                check_window(
                    finder.offset,
                    finder.selected,
                    rows.saturating_sub(geolens::app::finder::HEAD_ROWS),
                    n,
                    &|| format!("{}: finder entries", at()),
                );
            }
        }
        Some(Overlay::Filters(panel)) => {
            assert!(panel.facet < panel.facets.len(), "{}: facet", at());
            let n = panel.values.len();
            assert!(
                panel.value < n.max(1),
                "{}: value {} of {n}",
                at(),
                panel.value
            );
            if n > 0 {
                check_window(
                    panel.offset,
                    panel.value,
                    page.saturating_sub(1),
                    n,
                    &|| format!("{}: filter values", at()),
                );
            }
        }
        Some(Overlay::Note(b)) => {
            assert!(
                b.text.is_char_boundary(b.cursor) && b.cursor <= b.text.len(),
                "{}: note cursor {} in {:?}",
                at(),
                b.cursor,
                b.text
            );
            assert!(
                !b.text.chars().any(|c| c != '\n' && is_unsafe(c)),
                "{}: control character in a text box",
                at()
            );
        }
        Some(Overlay::Views(list)) => {
            let n = app.shelf.dossier.views.get().views.len();
            check_window(list.offset, list.selected, page, n, &|| {
                format!("{}: saved views", at())
            });
        }
        Some(Overlay::ViewMenu(menu)) => {
            assert!(menu.selected < Screen::ALL.len(), "{}: view menu", at());
        }
        None => {}
    }
    // The Bookmarks list: its selection among its rows, and on screen.
    let shelf = &app.shelf;
    if !shelf.is_empty() {
        let rows = geolens::app::dossier::list_rows(list_height);
        check_window(shelf.offset, shelf.selected, rows, shelf.len(), &|| {
            format!("{}: bookmarks list", at())
        });
    }
}

/// `at` is within `len` rows and inside the window of `height` rows from `offset`, which never
/// scrolls past the end (with no room at all, the window starts at `at`).
fn check_window(offset: usize, at: usize, height: usize, len: usize, what: &dyn Fn() -> String) {
    assert!(at < len, "{}: row {at} of {len}", what());
    if height == 0 {
        return;
    }
    assert!(
        offset <= at && at < offset + height,
        "{}: row {at} outside the window {offset}..{}",
        what(),
        offset + height
    );
    assert!(
        offset <= len.saturating_sub(height),
        "{}: scrolled to {offset}, past the end ({len} rows, {height} shown)",
        what()
    );
}

fn chips(app: &App) -> bool {
    !app.filter.is_empty()
}

/// The frame fits its area, holds nothing unsafe, and shows the selection where it is.
fn check_frame(s: &Session, buf: &Buffer, at: &dyn Fn() -> String) {
    let app = &s.app;
    let (w, h) = (app.size.width, app.size.height);
    assert_eq!(buf.area, Rect::new(0, 0, w, h), "{}: buffer area", at());
    if let Some(cell) = buf
        .content
        .iter()
        .find(|c| c.symbol().chars().any(is_unsafe))
    {
        panic!("{}: unsafe character in {:?}", at(), cell.symbol());
    }
    let text = to_text(buf);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        h as usize,
        "{}: one line per row:\n{text}",
        at()
    );
    for line in &lines {
        assert!(
            line.width() <= w as usize,
            "{}: {line:?} wider than {w}",
            at()
        );
    }
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        if w > 0 && h > 0 {
            assert!(
                lines[0].starts_with('T'),
                "{}: not 'too small':\n{text}",
                at()
            );
        }
        return;
    }
    assert!(lines[0].starts_with("geolens"), "{}: header:\n{text}", at());
    let status = lines[h as usize - 1];
    // The forecasts view is checked below with the explorer's frames; the others here.
    if app.screen.is_view() && app.screen != Screen::Forecasts {
        check_view_frame(app, s.data, buf, &text, at);
        return;
    }
    if app.message.is_none() && app.count.is_none() {
        let position = match app.focus {
            _ if app.comparing().is_some() => "%".to_owned(),
            _ if app.screen == Screen::Forecasts => {
                let view = &app.forecasts;
                format!("{}/{}", view.cursor + 1, view.numbers.rows.len())
            }
            Focus::List if app.shelf.shown => {
                let n = app.shelf.len();
                format!("{}/{n}", if n == 0 { 0 } else { app.shelf.selected + 1 })
            }
            Focus::List => {
                let pane = app.list_pane();
                format!(
                    "{}/{}",
                    pane.selected_row().map_or(0, |r| r + 1),
                    pane.rows.len()
                )
            }
            Focus::Detail => "%".to_owned(),
        };
        assert!(
            status.ends_with(&position),
            "{}: status {status:?}, want {position}",
            at()
        );
    }
    // What is selected in an overlay is drawn: somewhere in its column, marked.
    let over = layout::inner(layout::help_area(app.size));
    let marked = |x: u16, from: u16, modifier: Modifier| {
        (from..over.bottom()).any(|y| buf[(x, y)].modifier.contains(modifier))
    };
    match &app.overlay {
        Some(Overlay::Filters(panel)) if over.area() > 0 => {
            let (facet, value) = match panel.column {
                Column::Facets => (Modifier::REVERSED, None),
                Column::Values => (Modifier::UNDERLINED, Some(Modifier::REVERSED)),
            };
            assert!(
                marked(over.x, over.y, facet),
                "{}: facet not shown:\n{text}",
                at()
            );
            if let Some(m) = value.filter(|_| !panel.values.is_empty() && over.height > 1) {
                let right = over.right() - 1;
                assert!(
                    marked(right, over.y + 1, m),
                    "{}: value not shown:\n{text}",
                    at()
                );
            }
            return;
        }
        Some(Overlay::Search(search)) if search.hit_count() > 0 && over.height > 2 => {
            let shown = marked(over.x, over.y + 2, Modifier::REVERSED);
            assert!(shown, "{}: selected result not shown:\n{text}", at());
            return;
        }
        Some(_) => return,
        None => {}
    }
    // In a comparison, the focused side's cursor bar is drawn where its state says.
    if let Some(view) = app.comparing() {
        let body = app.body_area();
        let side = view.focused();
        let inside = layout::inner(body);
        if inside.height > 0 && body.width >= 4 && !side.rows.is_empty() {
            let x = layout::halves(body)[view.focus].x + 1;
            let y = inside.y + (side.cursor - side.offset) as u16;
            assert!(
                buf[(x, y)].modifier.contains(Modifier::REVERSED),
                "{}: compare cursor not drawn at ({x}, {y}):\n{text}",
                at()
            );
        }
        return;
    }
    // The forecasts view counts what the filter keeps, and draws its selected row where its
    // state says, on screen.
    if app.screen == Screen::Forecasts {
        let view = &app.forecasts;
        assert_eq!(
            view.counted_for.as_ref(),
            Some(&app.filter),
            "{}: forecasts counted under another filter",
            at()
        );
        let table = app.forecasts_geometry().table;
        if table.height > 0 && table.width > 0 {
            let line = view.cursor_line();
            check_window(
                view.offset,
                line,
                table.height as usize,
                view.items.len(),
                &|| format!("{}: forecasts row", at()),
            );
            let y = table.y + (line - view.offset) as u16;
            assert!(
                buf[(table.x, y)].modifier.contains(Modifier::REVERSED),
                "{}: forecasts row not drawn at row {y}:\n{text}",
                at()
            );
        }
        return;
    }
    // The selected row and the detail cursor are drawn where the state says.
    let screen = app.screen();
    let list = layout::inner(screen.list);
    let pane = app.list_pane();
    // The Bookmarks list draws its own rows in the list pane.
    let selected = match app.shelf.shown {
        true if !app.shelf.is_empty() => Some((app.shelf.selected, app.shelf.offset)),
        true => None,
        false => pane.selected_row().map(|row| (row, pane.offset)),
    };
    if let Some((row, offset)) = selected
        && list.area() > 0
    {
        let header = if app.shelf.shown {
            0
        } else {
            geolens::app::table_header(app.list, list.height as usize)
        };
        let y = list.y + (header + row - offset) as u16;
        let modifier = buf[(list.x, y)].modifier;
        let want = match app.focus {
            Focus::List => Modifier::REVERSED,
            Focus::Detail => Modifier::UNDERLINED,
        };
        assert!(
            modifier.contains(want),
            "{}: selection not drawn at row {y}:\n{text}",
            at()
        );
    }
    let detail = layout::detail_text(screen.detail);
    let d = &app.detail;
    if app.focus == Focus::Detail && detail.area() > 0 && !d.rows.is_empty() {
        let y = detail.y + (d.cursor - d.offset) as u16;
        let modifier = buf[(screen.detail.x + 1, y)].modifier;
        assert!(
            modifier.contains(Modifier::REVERSED),
            "{}: detail cursor not drawn at row {y}:\n{text}",
            at()
        );
    }
}

/// A view draws its cursor reversed in the body, or says it needs more room.
fn check_view_frame(
    app: &App,
    data: &dyn geolens::data::Store,
    buf: &Buffer,
    text: &str,
    at: &dyn Fn() -> String,
) {
    let (w, h) = (app.size.width, app.size.height);
    let body = app.screen().body;
    let (min_w, min_h) = geolens::app::screen::VIEW_MIN;
    if app.overlay.is_some() {
        return;
    }
    if w < min_w || h < min_h {
        assert!(
            text.contains("Needs 40x12"),
            "{}: no 'needs':\n{text}",
            at()
        );
        return;
    }
    let v = &app.views;
    let has_cursor = match app.screen {
        Screen::Matrix => !v.matrix.numbers.areas.is_empty(),
        Screen::Outlook => true,
        Screen::Timeline => v.timeline.numbers.periods > 0 && !v.timeline.numbers.groups.is_empty(),
        Screen::Map => {
            let bounds = v.map.bounds(data, v.geo.as_ref());
            !v.map.in_view(data, bounds).is_empty()
        }
        Screen::Explorer | Screen::Compare | Screen::Forecasts => false,
    };
    if has_cursor {
        let reversed = (body.y..body.bottom())
            .flat_map(|y| (body.x..body.right()).map(move |x| (x, y)))
            .any(|xy| buf[xy].modifier.contains(Modifier::REVERSED));
        assert!(
            reversed,
            "{}: the view's cursor is not drawn:\n{text}",
            at()
        );
    }
}

/// Each list holds what the filter keeps, in its sort order.
fn check_lists_are_current(s: &Session) {
    let app = &s.app;
    assert!(!app.list_pane().stale, "the list shown is stale");
    // A list the filter left behind is rebuilt before it is shown (`stale`).
    for (kind, pane) in ListKind::ALL
        .iter()
        .zip(&app.lists)
        .filter(|(_, p)| !p.stale)
    {
        let want = find::ordered(s.data, *kind, &app.filter, pane.sort, pane.reverse);
        let have: Vec<Target> = (0..pane.rows.len())
            .filter_map(|r| pane.rows.get(r))
            .collect();
        assert_eq!(have, want, "{} list is stale", kind.title());
    }
}

/// Back all the way, then forward all the way: each step lands on the entry the history holds,
/// and coming back to where the reader was restores the page, cursor, scroll position and filters.
fn check_history_walk(s: &mut Session) {
    let app = &mut s.app;
    app.overlay = None;
    app.count = None;
    let here = (
        app.detail.target,
        app.detail.cursor,
        app.detail.offset,
        app.filter.clone(),
    );
    let behind = app.history.trail().len() - 1;
    let ahead = app.history.ahead();
    let trail: Vec<Target> = app.history.trail().iter().map(|v| v.target).collect();
    for back in 1..=behind {
        app.update(s.data, Action::Back);
        let want = trail[behind - back];
        assert_eq!(app.detail.target, Some(want), "back {back} of {behind}");
    }
    for _ in 0..behind {
        app.update(s.data, Action::Forward);
    }
    assert_eq!(
        (
            app.detail.target,
            app.detail.cursor,
            app.detail.offset,
            app.filter.clone()
        ),
        here,
        "back {behind} and forward {behind} again"
    );
    // The same with the terminal resized meanwhile: the reader comes back to the same line of
    // text, wherever the new width puts it.
    let line = |app: &App| app.detail.rows.get(app.detail.cursor).map(|r| r.line);
    let here = (app.detail.target, line(app));
    for _ in 0..behind {
        app.update(s.data, Action::Back);
    }
    let size = app.size;
    app.update(s.data, Action::Resize(size.width / 2 + 7, size.height));
    for _ in 0..behind {
        app.update(s.data, Action::Forward);
    }
    assert_eq!(
        (app.detail.target, line(app)),
        here,
        "back {behind}, resized to {}x{}, forward {behind} again",
        size.width / 2 + 7,
        size.height
    );
    // A step may be the same page in another view (the comparison opened from it).
    for step in 1..=ahead {
        let before = (app.detail.target, app.screen);
        app.update(s.data, Action::Forward);
        assert_ne!(
            (app.detail.target, app.screen),
            before,
            "forward {step} of {ahead} stayed"
        );
    }
    app.update(s.data, Action::Forward);
    assert!(app.message.is_some(), "forward past the end says so");
}

// ---------------------------------------------------------------------------------------------
// The properties

/// The total number of cases, from `PROPTEST_CASES`.
fn total_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .map(|v| v.parse().expect("PROPTEST_CASES is a number"))
        .unwrap_or(10_000)
}

/// `text` as a Rust raw string literal, with enough `#` to hold any quotes in it.
fn raw_string(text: &str) -> String {
    let mut hashes = "#".to_owned();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// Steps in a script, at most: enough to search, open a result, filter and come back; few enough
/// for 10,000 scripts in about half a minute on 2 cores.
const MAX_STEPS: usize = 48;

/// Runs `share` of the cases on one dataset; on failure, panics with the smallest script found.
fn property(name: &str, data: &Dataset, share: f64) {
    let index = SearchIndex::build(data);
    let cases = ((total_cases() as f64 * share).ceil() as u32).max(1);
    let mut config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    // Under CI the same scripts every run (unless PROPTEST_RNG_SEED says otherwise), so that a
    // red build means a change broke one; on a developer's machine new ones each run, and a
    // failure found there becomes a `replay` test.
    if std::env::var("CI").is_ok_and(|v| v == "true") && config.rng_seed == RngSeed::Random {
        config.rng_seed = RngSeed::Fixed(1);
    }
    let mut runner = TestRunner::new(config);
    let targets = find::index::all_targets(data).count();
    let result = runner.run(&script(MAX_STEPS, targets), |script| {
        run(data, &index, &script);
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, script)) => panic!(
            "{name}: {why}\nsmallest failing script, as a regression test:\n    replay({name:?}, {});",
            raw_string(&format!("{script:?}"))
        ),
        Err(e) => panic!("{name}: {e}"),
    }
}

/// A tenth of the cases: on the real data a script costs four times as much as on the fixtures,
/// mostly the filter panel counting every value again at each move.
#[test]
fn random_input_on_the_bundled_data() {
    property("bundled", &common::bundled(), 0.1);
}

#[test]
fn random_input_on_the_mini_fixture() {
    property("mini", &common::fixture("mini"), 0.45);
}

/// Wide, combining and right-to-left text in every name.
#[test]
fn random_input_on_the_wide_text_fixture() {
    property("wide", &common::fixture("wide"), 0.45);
}

/// The notation reads back what it writes, so a printed failure can be replayed.
#[test]
fn failing_scripts_read_back() {
    let mut runner = TestRunner::new(Config {
        cases: 2_000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&script(20, 100), |script| {
            let back = parse_script(&format!("{script:?}"));
            prop_assert_eq!(back.ascii, script.ascii);
            prop_assert_eq!(back.open, script.open);
            prop_assert_eq!(back.steps, script.steps);
            Ok(())
        })
        .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Scripts that once failed

/// The first link of the mini fixture's newest analysis, "Government of Kazakhstan", is on the
/// 22nd row of its page at 100 columns.
const TO_FIRST_LINK: &str = "jjjjjjjjjjjjjjjjjjjjj";

#[test]
fn a_long_paste_is_one_edit_cut_to_the_limit() {
    // It was typed one character at a time: a query and a search per character, so pasting a
    // few pages froze the explorer for minutes.
    let text = "corridor\n".repeat(10_000);
    replay(
        "mini",
        &format!("{{resize 80x24}} / {{paste {}}}", json_string(&text)),
    );
}

#[test]
fn switching_lists_after_following_a_link_keeps_back_moving() {
    // Showing the list put its selection in place of the page followed, the same page as the
    // entry before it: Back then did nothing.
    replay(
        "mini",
        &format!("{{resize 100x30}} <Enter> {TO_FIRST_LINK} <Enter> 1"),
    );
    replay("mini", "{open 5} {resize 80x24} <Tab>");
    // ... and after going back, the same with the entry ahead: Forward did nothing.
    replay(
        "mini",
        &format!("{{resize 100x30}} <Enter> {TO_FIRST_LINK} <Enter> <BS> 2"),
    );
}

#[test]
fn results_for_a_closed_search_box_stay_out_of_the_next() {
    // Each box counted its searches from 1, so the late answer for "a" was taken as the answer
    // for "b".
    replay("mini", "{resize 80x24} / a <Esc> / b {searched}");
}

#[test]
fn the_chosen_facet_stays_on_screen_in_a_short_panel() {
    replay("mini", "{resize 20x6} f <End>");
    replay("wide", "{resize 40x8} f j j j j j j <Tab>");
}

#[test]
fn a_link_to_an_item_the_filter_hides_leaves_the_list_usable() {
    // The list selected the hidden item, so it had no selected row and j/k did nothing; and
    // Enter in the list did not show what the list had selected.
    let person_only = "f j j j <Tab> <Space> <Esc>";
    replay(
        "mini",
        &format!("{{resize 100x30}} {person_only} <Enter> {TO_FIRST_LINK} <Enter> h j k <Enter>"),
    );
}

#[test]
fn a_list_the_filter_empties_leaves_the_page_in_place() {
    // The detail went blank while the breadcrumb still named the page, and Back then Forward
    // showed a page that had not been there.
    replay(
        "mini",
        "{resize 100x30} <Enter> j f j j j <Tab> j j <Space> <Esc>",
    );
}

#[test]
fn back_and_forward_across_a_resize_return_to_the_same_line() {
    // The cursor row was restored as a number, which names another line at another width. The
    // walk at the end of every replay goes back, resizes, and comes forward again.
    replay("mini", "{open 1} {resize 80x24} <Space>");
}

#[test]
fn a_comparison_opened_small_and_resized_keeps_its_sides_in_step() {
    replay("bundled", "{resize 0x0} m <PgDn> c l {resize 21x6}");
}

#[test]
fn the_palette_opened_before_the_first_resize_runs_what_it_offers() {
    replay(
        "bundled",
        "{resize 0x0} : {resize 80x24} u <C-d> <C-k> <Enter>",
    );
}

fn replay(name: &str, script: &str) {
    let data = match name {
        "bundled" => common::bundled(),
        fixture => common::fixture(fixture),
    };
    let index = SearchIndex::build(&data);
    run(&data, &index, &parse_script(script));
}

#[test]
fn the_saved_views_and_bookmarks_opened_from_a_comparison_leave_the_history_whole() {
    // ' and B in a comparison left it without a step in the history, so Back then went to
    // the wrong page.
    replay("mini", r#"{resize 0x0} <Enter> 0 <Tab> m <Right> c '"#);
    replay("mini", "{resize 80x24} <Enter> m j m c B");
}

#[test]
fn the_outlook_cursor_stays_in_sight_on_a_short_screen() {
    // On the totals row at 12 lines, the grid drew the seven likelihoods and cut the row the
    // cursor was on.
    replay(
        "wide",
        "{resize 0x0} O <Tab> <S-Tab> <Space> <Enter> O {resize 98x12}",
    );
}

#[test]
fn back_to_a_view_puts_the_page_beside_its_own_list() {
    // Back to the matrix left the Analyses list beside an actor's page; comparing from there
    // showed the explorer with the two out of step.
    replay("wide", r#"{resize 0x0} m 2 M 1 [ 6 c"#);
}

#[test]
fn the_bookmarks_and_saved_views_leave_a_view_as_a_step() {
    replay("mini", r#"{resize 0x0} b G O 6"#);
    replay("wide", r#"{open 1} {resize 98x9} h b <C-b> O B"#);
    replay("mini", r#"{open 21} {resize 0x0} W <C-d> f f '"#);
    replay("mini", r#"{open 21} {resize 0x0} W <C-b> : <Enter> F '"#);
}

#[test]
fn the_view_menu_takes_half_page_moves() {
    replay("bundled", r#"{resize 0x0} M <C-d> v <C-b> <Enter>"#);
}

#[test]
fn the_forecasts_view_counts_the_filters_set_and_undone_over_it() {
    replay("bundled", "{resize 0x0} F f <Left> <Enter> <Enter>");
    replay("wide", "{resize 0x0} 2 F f <Space> <Enter> u");
    replay("bundled", "{resize 0x0} F 1 <BS> {resize 20x6}");
    // Undo after drilling from the view and scrolling the list: back and forward again must land
    // on the same line.
    replay(
        "wide",
        r#"{resize 0x0} {resize 98x14} F G <Enter> {char U+7D} <PgDn> u"#,
    );
}

#[test]
fn a_bookmark_made_in_a_comparison_opened_from_the_bookmarks_keeps_the_comparison() {
    // Marking an analysis, comparing from the empty Bookmarks list, then bookmarking left the
    // history's step on the explorer while the screen showed the comparison.
    replay("wide", r#"{resize 0x0} m 2 0 6 c b"#);
}

#[test]
fn comparing_from_the_map_keeps_the_list_and_the_page_together() {
    replay(
        "wide",
        r#"{open 2} {resize 80x24} m <C-f> <Enter> W <C-d> c"#,
    );
}

#[test]
fn a_filter_set_over_a_comparison_leaves_its_step_in_the_history() {
    replay("mini", r#"{resize 0x0} m 2 c f h <Enter>"#);
}

#[test]
fn undoing_a_filter_over_a_comparison_keeps_the_comparison() {
    replay("wide", r#"{resize 0x0} m 5 c f h <Enter> u"#);
}

#[test]
fn moving_in_a_list_after_a_drill_down_keeps_the_filters_back_and_forward_put_back() {
    // Moving to another item after drilling from a view replaced the history's step with one
    // that forgot the drill's filters: Forward then came back without them, the chips row gone,
    // and the page's scroll one line off.
    replay(
        "mini",
        r#"{resize 0x0} M <C-d> <Enter> 1 {char U+7B} G <Left> {resize 80x24}"#,
    );
    replay(
        "mini",
        r#"{resize 0x0} T <Enter> 5 {resize 98x7} l <End> '"#,
    );
}

#[test]
fn forward_to_a_view_after_a_resize_brings_the_page_behind_back_to_its_line() {
    // The page behind a view was kept when its target, cursor row and scroll matched the step,
    // whatever the width: after a resize the same row number was another line of text.
    replay(
        "mini",
        r#"{open 21} {resize 0x0} G <Enter> {resize 98x6} <BS> M <BS> k ] {resize 100x6}"#,
    );
}

#[test]
fn enter_in_the_bookmarks_opens_the_bookmark_even_where_the_filter_hides_it() {
    replay("bundled", r#"{resize 0x0} b O <Enter> 6 6 6 <Enter>"#);
}

#[test]
fn forward_past_a_drill_down_puts_back_the_filters_a_page_was_left_with() {
    // A filter undone on a page after a drill-down came back on walking back and forward, and
    // its chips row took a line from the page: the scroll moved.
    replay(
        "wide",
        r#"{resize 0x0} T <Enter> M {resize 98x6} 1 {char U+7D} u {resize 20x7}"#,
    );
}
