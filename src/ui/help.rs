//! The help overlay: the keymap's own description of itself, in a box over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use super::{Theme, put_line, styled};
use crate::app::HelpScreen;
use crate::doc::wrap;
use crate::layout::inner;
use crate::pages::Glyphs;

pub(super) fn render(buf: &mut Buffer, area: Rect, help: &HelpScreen, g: &Glyphs, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    Clear.render(area, buf);
    theme
        .pane(" Help: ? or Esc to close ".to_owned(), true)
        .render(area, buf);
    let inside = inner(area);
    let rows = wrap(&help.doc, inside.width);
    for (i, row) in rows
        .iter()
        .skip(help.offset)
        .take(inside.height as usize)
        .enumerate()
    {
        let x = inside.x + row.pad.min(inside.width);
        let line = Line::from(styled(&row.spans, theme));
        put_line(buf, x, inside.y + i as u16, inside.right() - x, &line, g);
    }
}
