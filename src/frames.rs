//! Frames on the wire. Over a slow ssh link every byte and every write counts, so each frame goes
//! out as one write, wrapped in the synchronized-output markers (DEC private mode 2026) that tell
//! a terminal to show it whole rather than half-painted; terminals without the mode ignore them.
//! A frame that changes nothing is not written at all, and a short run of unchanged cells between
//! two changed ones is printed again rather than jumped over: a cursor move costs up to nine
//! bytes, a letter one.
//!
//! ratatui's crossterm backend flushes its writer in the middle of a frame (to hide the cursor)
//! and again at the end, so flushing here does nothing: [`FrameWriter::commit`], called once the
//! frame is complete, is what writes.

use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::data::Store;
use crate::ui::{self, Theme};

/// Begin synchronized update: the terminal holds its display until the end marker.
pub const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
/// End synchronized update.
pub const END_SYNC: &[u8] = b"\x1b[?2026l";

/// Collects one frame's bytes and writes them to `out` in one call.
pub struct FrameWriter<W: Write> {
    out: W,
    frame: Vec<u8>,
    /// What the backend writes for a frame in which no cell changed: resetting the colours and
    /// hiding the cursor again. Taken from the backend itself, so it follows its version.
    idle: Vec<u8>,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> FrameWriter<W> {
        let mut probe = CrosstermBackend::new(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = Backend::draw(&mut probe, std::iter::empty());
        let _ = probe.hide_cursor();
        FrameWriter {
            out,
            frame: Vec::with_capacity(1 << 16),
            idle: probe.writer().clone(),
        }
    }

    /// Writes the frame collected so far, unless it changes nothing on screen.
    pub fn commit(&mut self) -> io::Result<()> {
        if self.frame.is_empty() || self.frame == self.idle {
            self.frame.clear();
            return Ok(());
        }
        let mut bytes = Vec::with_capacity(BEGIN_SYNC.len() + self.frame.len() + END_SYNC.len());
        bytes.extend_from_slice(BEGIN_SYNC);
        bytes.append(&mut self.frame);
        bytes.extend_from_slice(END_SYNC);
        self.out.write_all(&bytes)?;
        self.out.flush()
    }

    /// The writer the frames go to.
    pub fn get_ref(&self) -> &W {
        &self.out
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Deliberately nothing: see the module's comment.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The crossterm backend, writing through a [`FrameWriter`], and knowing what the screen shows.
pub struct FrameBackend<W: Write> {
    inner: CrosstermBackend<FrameWriter<W>>,
    screen: Shadow,
}

impl<W: Write> FrameBackend<W> {
    pub fn new(out: W) -> FrameBackend<W> {
        FrameBackend {
            inner: CrosstermBackend::new(FrameWriter::new(out)),
            // The alternate screen starts blank, as ratatui's first frame assumes too.
            screen: Shadow::blank(),
        }
    }

    pub fn writer(&self) -> &FrameWriter<W> {
        self.inner.writer()
    }

    pub fn writer_mut(&mut self) -> &mut FrameWriter<W> {
        self.inner.writer_mut()
    }

    /// The cells to send for `changed` (in ratatui's order: row by row, left to right), with the
    /// gaps that are cheaper to print than to jump over filled from what the screen shows.
    fn with_gaps_filled(&self, changed: &[(u16, u16, &Cell)]) -> Vec<(u16, u16, Cell)> {
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changed.len());
        for &(x, y, cell) in changed {
            if let Some((px, py, prev)) = out.last() {
                let from = px.saturating_add(1);
                // Every cell costs at least a byte, so a long gap is jumped without a look.
                let short = x > from && usize::from(x - from) < move_cost(x, y);
                if *py == y && short && prev.symbol().width() == 1 {
                    let fill: Option<Vec<Cell>> = (from..x)
                        .map(|gx| self.screen.get(gx, y))
                        .map(|c| c.filter(|c| same_look(c, prev) && c.symbol().width() == 1))
                        .collect();
                    if let Some(fill) = fill {
                        let bytes: usize = fill.iter().map(|c| c.symbol().len()).sum();
                        if bytes < move_cost(x, y) {
                            out.extend(fill.into_iter().zip(from..).map(|(c, gx)| (gx, y, c)));
                        }
                    }
                }
            }
            out.push((x, y, cell.clone()));
        }
        out
    }
}

/// Whether printing `c` right after `prev` needs no change of colour or attribute (and `c` is
/// plain text, not a cell ratatui leaves to someone else).
fn same_look(c: &Cell, prev: &Cell) -> bool {
    c.diff_option == CellDiffOption::None
        && c.fg == prev.fg
        && c.bg == prev.bg
        && c.modifier == prev.modifier
}

/// The bytes of `CSI row;col H`, the move the backend writes to jump to (x, y).
fn move_cost(x: u16, y: u16) -> usize {
    let digits = |n: u16| (u32::from(n) + 1).ilog10() as usize + 1;
    4 + digits(x) + digits(y)
}

/// What the terminal shows, cell by cell, as far as we know: what we drew since it was last
/// cleared. A cell never drawn is blank after a full clear, and unknown otherwise.
struct Shadow {
    rows: Vec<Vec<Option<Cell>>>,
    blank: bool,
}

impl Shadow {
    fn blank() -> Shadow {
        Shadow {
            rows: Vec::new(),
            blank: true,
        }
    }

    fn get(&self, x: u16, y: u16) -> Option<Cell> {
        match self.rows.get(y as usize).and_then(|r| r.get(x as usize)) {
            Some(known) => known.clone(),
            None if self.blank => Some(Cell::default()),
            None => None,
        }
    }

    fn set(&mut self, x: u16, y: u16, cell: &Cell) {
        let (x, y) = (x as usize, y as usize);
        if self.rows.len() <= y {
            self.rows.resize_with(y + 1, Vec::new);
        }
        let width = cell.symbol().width().max(1);
        let row = &mut self.rows[y];
        if row.len() < x + width {
            let fill = self.blank.then(Cell::default);
            row.resize(x + width, fill);
        }
        row[x] = Some(cell.clone());
        // A wide glyph covers the cells after it, which then show nothing we could reprint.
        for c in &mut row[x + 1..x + width] {
            *c = None;
        }
    }

    fn clear(&mut self, blank: bool) {
        self.rows.clear();
        self.blank = blank;
    }
}

impl<W: Write> Backend for FrameBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, &Cell)> = content.collect();
        let cells = self.with_gaps_filled(&changed);
        for (x, y, cell) in &cells {
            self.screen.set(*x, *y, cell);
        }
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen.clear(true);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Only a full clear leaves a screen we know; the partial ones depend on the cursor.
        self.screen.clear(clear_type == ClearType::All);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// The explorer's terminal.
pub type FrameTerminal<W> = Terminal<FrameBackend<W>>;

/// Draws the explorer and sends the frame: the one way a frame reaches the terminal.
pub fn draw<W: Write>(
    term: &mut FrameTerminal<W>,
    app: &App,
    data: &dyn Store,
    theme: &Theme,
) -> io::Result<()> {
    term.draw(|f| ui::draw(f, app, data, theme))?;
    commit(term)
}

/// Sends whatever is pending (a clear after a resize, say) as one write.
pub fn commit<W: Write>(term: &mut FrameTerminal<W>) -> io::Result<()> {
    term.backend_mut().writer_mut().commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_one_write_between_the_markers() {
        let mut w = FrameWriter::new(Vec::new());
        w.write_all(b"ab").unwrap();
        w.flush().unwrap();
        w.write_all(b"c").unwrap();
        assert!(
            w.get_ref().is_empty(),
            "nothing is written before the commit"
        );
        w.commit().unwrap();
        assert_eq!(w.get_ref().as_slice(), b"\x1b[?2026habc\x1b[?2026l");
    }

    #[test]
    fn a_frame_that_changes_nothing_is_not_written() {
        let mut w = FrameWriter::new(Vec::new());
        w.commit().unwrap();
        let idle = w.idle.clone();
        assert!(!idle.is_empty());
        w.write_all(&idle).unwrap();
        w.commit().unwrap();
        assert!(w.get_ref().is_empty());
    }

    #[test]
    fn a_move_costs_what_crossterm_writes() {
        for (x, y) in [(0, 0), (8, 9), (9, 9), (199, 59), (998, 999)] {
            let mut bytes = Vec::new();
            crossterm::queue!(bytes, crossterm::cursor::MoveTo(x, y)).unwrap();
            assert_eq!(move_cost(x, y), bytes.len(), "({x}, {y})");
        }
    }

    #[test]
    fn the_cell_under_a_wide_glyph_is_never_taken_for_blank() {
        let mut screen = Shadow::blank();
        screen.set(3, 0, &Cell::new("コ"));
        assert_eq!(screen.get(3, 0), Some(Cell::new("コ")));
        assert_eq!(screen.get(4, 0), None, "covered, even past the row's end");
        assert_eq!(
            screen.get(5, 0),
            Some(Cell::default()),
            "blank after a full clear"
        );
        screen.clear(false);
        assert_eq!(screen.get(5, 0), None, "unknown after a partial clear");
    }
}
