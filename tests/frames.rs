//! Bytes on the wire, pinned. Over a slow ssh link what matters is how much a key costs and how
//! it arrives, and both are deterministic: the explorer is drawn as the terminal loop draws it
//! (ratatui's CrosstermBackend through geolens's frame writer, `frames::draw`), in the default
//! colour theme at 200x60, into memory, and every write is recorded separately.
//!
//! Pinned: a frame is one write between the synchronized-output markers; a key that changes
//! nothing writes nothing; a cursor move inside a list costs at most 400 bytes; a move that
//! changes the detail pane at most 12 KB; nothing ever asks the terminal where its cursor is.

mod common;
#[path = "common/wire.rs"]
mod wire;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use geolens::data::Dataset;
use geolens::frames::{self, BEGIN_SYNC, END_SYNC, FrameBackend, FrameTerminal};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::ui::{self, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Each `write` call the frame writer made, as it made it.
#[derive(Clone, Default)]
struct Writes(Rc<RefCell<Vec<Vec<u8>>>>);

impl Write for Writes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().push(buf.to_vec());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Screen<'d> {
    h: Headless<'d>,
    term: FrameTerminal<Writes>,
    writes: Writes,
    theme: Theme,
    /// The screen as a terminal would show it after every write so far.
    grid: Grid,
    /// The same frames drawn by ratatui's plain crossterm backend, and the screen they make.
    plain: Terminal<CrosstermBackend<Vec<u8>>>,
    plain_grid: Grid,
    exact: bool,
}

impl<'d> Screen<'d> {
    /// The explorer at `width`x`height`, its first frame drawn and checked.
    fn new(d: &'d Dataset, width: u16, height: u16) -> Screen<'d> {
        Screen::with(d, width, height, true)
    }

    /// `exact`: whether the screen a terminal shows can be predicted exactly (see `draw`).
    fn with(d: &'d Dataset, width: u16, height: u16, exact: bool) -> Screen<'d> {
        let writes = Writes::default();
        let term = Terminal::with_options(
            FrameBackend::new(writes.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .unwrap();
        let mut s = Screen {
            h: Headless::new(d, width, height),
            term,
            writes,
            theme: Theme::color(),
            grid: Grid::new(width, height),
            plain: Terminal::with_options(
                CrosstermBackend::new(Vec::new()),
                TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
                },
            )
            .unwrap(),
            plain_grid: Grid::new(width, height),
            exact,
        };
        let first = s.draw();
        assert_eq!(first.len(), 1, "the first frame is one write");
        s
    }

    /// Draws, and returns the writes this frame made, each checked for its markers and content.
    /// A terminal fed those bytes must show what ratatui's own backend would have made it show:
    /// skipping unchanged cells and reprinting short gaps must not cost a glyph. Where the text
    /// is unambiguous (`exact`: no emoji sequences, whose widths terminals disagree on), it must
    /// show exactly the screen the app drew.
    fn draw(&mut self) -> Vec<Vec<u8>> {
        let (app, data, theme) = (&self.h.app, self.h.data, &self.theme);
        frames::draw(&mut self.term, app, data, theme).unwrap();
        self.plain.draw(|f| ui::draw(f, app, data, theme)).unwrap();
        let writes = self.writes.0.take();
        for w in &writes {
            check_write(w);
            self.grid.apply(w);
        }
        self.plain_grid
            .apply(&std::mem::take(self.plain.backend_mut().writer_mut()));
        assert_eq!(
            self.grid.text(),
            self.plain_grid.text(),
            "the terminal shows what ratatui's backend would show"
        );
        if self.exact {
            assert_eq!(
                self.grid.text(),
                self.h.text(),
                "the terminal shows what was drawn"
            );
        }
        writes
    }

    /// Presses `keys` (one key and one frame at a time, as a person types) and returns the
    /// bytes of each frame, or `None` where a frame wrote nothing.
    fn keys(&mut self, keys: &str) -> Vec<Option<usize>> {
        parse_keys(keys)
            .unwrap()
            .into_iter()
            .map(|key| {
                self.h.press(&[key]);
                let writes = self.draw();
                assert!(writes.len() <= 1, "{key:?}: a frame is at most one write");
                writes.first().map(Vec::len)
            })
            .collect()
    }

    /// Resizes as the terminal loop does on SIGWINCH (ratatui clears and forgets the last
    /// frame) and draws; returns the writes, checked like any frame's but for the one clear.
    fn resize(&mut self, width: u16, height: u16) -> Vec<Vec<u8>> {
        let area = Rect::new(0, 0, width, height);
        self.term.resize(area).unwrap();
        self.plain.resize(area).unwrap();
        self.h.resize(width, height);
        frames::draw(&mut self.term, &self.h.app, self.h.data, &self.theme).unwrap();
        let (app, data, theme) = (&self.h.app, self.h.data, &self.theme);
        self.plain.draw(|f| ui::draw(f, app, data, theme)).unwrap();
        let writes = self.writes.0.take();
        self.grid = Grid::new(width, height);
        self.plain_grid = Grid::new(width, height);
        for w in &writes {
            self.grid.apply(w);
        }
        self.plain_grid
            .apply(&std::mem::take(self.plain.backend_mut().writer_mut()));
        assert_eq!(self.grid.text(), self.plain_grid.text());
        assert_eq!(self.grid.text(), self.h.text());
        writes
    }
}

fn check_write(w: &[u8]) {
    assert!(
        w.starts_with(BEGIN_SYNC),
        "a write starts a synchronized update"
    );
    assert!(
        w.ends_with(END_SYNC),
        "a write ends its synchronized update"
    );
    let inner = &w[BEGIN_SYNC.len()..w.len() - END_SYNC.len()];
    assert!(!contains(inner, BEGIN_SYNC) && !contains(inner, END_SYNC));
    assert!(!contains(w, b"\x1b[6n"), "a cursor-position query went out");
    let bad = wire::screen_violations(w);
    assert!(bad.is_empty(), "unexpected sequences: {bad:?}");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The characters a terminal shows after a stream of frames: cursor moves and printed text,
/// which is all a frame may contain besides colours and the markers (`check_write`).
struct Grid {
    cells: Vec<Vec<String>>,
    x: usize,
    y: usize,
    /// The cell of the last glyph printed, which marks and joined emoji attach to.
    last: Option<usize>,
}

impl Grid {
    fn new(width: u16, height: u16) -> Grid {
        Grid {
            cells: vec![vec![" ".to_owned(); width as usize]; height as usize],
            x: 0,
            y: 0,
            last: None,
        }
    }

    fn apply(&mut self, bytes: &[u8]) {
        use unicode_width::UnicodeWidthChar;
        for op in wire::ops(bytes) {
            match op {
                wire::Op::Csi {
                    action: 'H',
                    params,
                    ..
                } => {
                    let at = |i: usize| params.get(i).and_then(|p| p.first()).copied();
                    self.y = at(0).unwrap_or(1).max(1) as usize - 1;
                    self.x = at(1).unwrap_or(1).max(1) as usize - 1;
                    self.last = None;
                }
                wire::Op::Csi {
                    action: 'J',
                    params,
                    ..
                } if params == [vec![2]] => {
                    for row in &mut self.cells {
                        row.iter_mut().for_each(|c| *c = " ".to_owned());
                    }
                }
                wire::Op::Print(c) => match c.width().unwrap_or(0) {
                    // A combining mark or joiner belongs to the glyph before it, and so do a skin
                    // tone and whatever follows a zero-width joiner (one emoji, one cell).
                    _ if self.joins(c) => {
                        let last = self.last;
                        if let Some(cell) = last.and_then(|x| self.cell(x)) {
                            cell.push(c);
                        }
                    }
                    w => {
                        self.break_wide(self.x);
                        if let Some(cell) = self.cell(self.x) {
                            *cell = c.to_string();
                        }
                        self.last = Some(self.x);
                        // The cell a wide glyph covers shows nothing of its own.
                        for covered in 1..w {
                            if let Some(cell) = self.cell(self.x + covered) {
                                cell.clear();
                            }
                        }
                        self.x += w;
                    }
                },
                _ => {}
            }
        }
    }

    /// Writing over either half of a wide glyph blanks its other half, as terminals do (ratatui
    /// counts on it: it does not redraw the cell a wide glyph covered).
    fn break_wide(&mut self, x: usize) {
        use unicode_width::UnicodeWidthStr;
        let Some(row) = self.cells.get_mut(self.y) else {
            return;
        };
        match row.get(x).map(String::as_str) {
            // A covered cell: the glyph is to its left.
            Some("") => {
                if let Some(lead) = x.checked_sub(1).and_then(|l| row.get_mut(l)) {
                    *lead = " ".to_owned();
                }
                row[x] = " ".to_owned();
            }
            Some(glyph) if glyph.width() > 1 => {
                let width = glyph.width();
                for covered in row.iter_mut().skip(x + 1).take(width - 1) {
                    *covered = " ".to_owned();
                }
            }
            _ => {}
        }
    }

    fn joins(&mut self, c: char) -> bool {
        use unicode_width::UnicodeWidthChar;
        let after_joiner = self
            .last
            .and_then(|x| self.cell(x))
            .is_some_and(|cell| cell.ends_with('\u{200d}'));
        after_joiner
            || matches!(c.width(), Some(0) | None)
            || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
    }

    fn cell(&mut self, x: usize) -> Option<&mut String> {
        self.cells.get_mut(self.y)?.get_mut(x)
    }

    /// In the form of `snapshot::to_text`: rows joined, trailing spaces trimmed.
    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|r| r.concat().trim_end().to_owned() + "\n")
            .collect()
    }
}

/// The largest frame in bytes, counting a frame that wrote nothing as 0.
fn largest(sizes: &[Option<usize>]) -> usize {
    sizes.iter().map(|s| s.unwrap_or(0)).max().unwrap_or(0)
}

#[test]
fn a_key_that_changes_nothing_writes_nothing() {
    let d = common::bundled();
    let mut s = Screen::new(&d, 200, 60);
    // Up on the first row (twice, by both keys) and an unbound key.
    assert_eq!(s.keys("k <Up> Z"), vec![None; 3]);
    // Down at the last row, in another list; and the help scrolled past its end.
    s.keys("3 G");
    assert_eq!(s.keys("j <Down>"), vec![None; 2]);
    assert!(s.keys("?")[0].is_some());
    assert_eq!(s.keys("k"), vec![None]);
    // A change writes: the movement keys above were not simply ignored.
    assert!(s.keys("<Esc> k").iter().all(Option::is_some));
}

#[test]
fn a_cursor_move_inside_a_list_writes_at_most_400_bytes() {
    let d = common::bundled();
    let mut s = Screen::new(&d, 200, 60);
    // The search results: a list that changes nothing else when its cursor moves.
    s.keys("/ e n e r g y");
    let moves = s.keys("<Down> <Down> <Down> <Down> <Down> <Up> <Up> <C-n> <C-p>");
    assert!(
        moves.iter().all(Option::is_some),
        "every move drew: {moves:?}"
    );
    assert!(largest(&moves) <= 400, "search result moves: {moves:?}");
    // The cursor on a page's lines, while it moves within the part on screen.
    let mut s = Screen::new(&d, 200, 60);
    s.keys("l");
    let moves = s.keys("j j j j k k");
    assert!(
        moves.iter().all(Option::is_some),
        "every move drew: {moves:?}"
    );
    assert!(largest(&moves) <= 400, "detail cursor moves: {moves:?}");
    // The same at 80x24.
    let mut s = Screen::new(&d, 80, 24);
    s.keys("/ s a n c t i o n s");
    let moves = s.keys("<Down> <Down> <Down> <Up>");
    assert!(
        moves.iter().all(Option::is_some),
        "every move drew: {moves:?}"
    );
    assert!(
        largest(&moves) <= 400,
        "search result moves at 80x24: {moves:?}"
    );
}

#[test]
fn a_move_that_changes_the_detail_writes_at_most_12_kb() {
    let d = common::bundled();
    let mut s = Screen::new(&d, 200, 60);
    for list in ["1", "2", "3", "4", "5"] {
        s.keys(list);
        let moves = s.keys(&["j"; 40].join(" "));
        assert!(
            moves.iter().all(Option::is_some),
            "list {list}: every move drew"
        );
        assert!(
            largest(&moves) <= 12_000,
            "list {list}: {} bytes for one move; all: {moves:?}",
            largest(&moves)
        );
        let back = s.keys(&["k"; 10].join(" "));
        assert!(largest(&back) <= 12_000, "list {list} upwards: {back:?}");
    }
    // Following links and coming back.
    let steps = s.keys("1 l j j <Enter> <BS> ] [ h");
    assert!(largest(&steps) <= 12_000, "links: {steps:?}");
}

#[test]
fn the_terminal_shows_what_was_drawn_on_any_tour() {
    // Every frame is replayed on an emulated screen and compared (in `Screen::draw`): at the
    // usual sizes, and on the fixture of wide, combining and right-to-left text, where
    // reprinting a gap next to a wide glyph would show.
    let tour = "j j j G g 2 j j l j j <Enter> <BS> 3 j / e n e r g y <Down> <Down> <Enter> \
                <BS> f j j <Space> <Esc> 4 j j <PgDn> <PgUp> ? <Esc> 5 j j";
    let bundled = common::bundled();
    let wide = common::fixture("wide");
    for (d, exact) in [(&bundled, true), (&wide, false)] {
        for (w, h) in [(200, 60), (80, 24), (100, 30)] {
            let mut s = Screen::with(d, w, h, exact);
            s.keys(tour);
        }
    }
}

#[test]
fn a_resize_clears_once_and_asks_the_terminal_nothing() {
    let d = common::bundled();
    let mut s = Screen::new(&d, 200, 60);
    s.keys("j j");
    let writes = s.resize(120, 40);
    assert_eq!(
        writes.len(),
        1,
        "the clear and the new frame go out as one write"
    );
    let ops = wire::ops(&writes[0]);
    let clears = ops
        .iter()
        .filter(|op| matches!(op, wire::Op::Csi { action: 'J', .. }))
        .count();
    assert_eq!(clears, 1);
    assert!(
        !contains(&writes[0], b"\x1b[6n"),
        "no cursor-position query"
    );
    // Keys after the resize are ordinary frames again.
    assert!(s.keys("j").iter().all(Option::is_some));
}

#[test]
fn the_terminal_loop_draws_only_through_the_frame_writer() {
    // The terminal loop must not reach the terminal some other way during normal use (a
    // `Terminal::draw` without the commit would leave its frame unsent; `Terminal::clear` asks
    // the terminal for its cursor). The source says which calls it makes.
    let source = include_str!("../src/terminal.rs");
    for forbidden in [
        ".draw(",
        ".clear()",
        "cursor::position",
        "get_cursor_position",
    ] {
        let uses: Vec<&str> = source
            .lines()
            .filter(|l| l.contains(forbidden) && !l.trim_start().starts_with("//"))
            .collect();
        assert!(
            uses.is_empty(),
            "src/terminal.rs calls {forbidden}: {uses:?}"
        );
    }
    assert!(source.contains("frames::draw("));
}
