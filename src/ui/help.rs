//! The help overlay: the keymap's own description of itself, in a box over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Theme, put_line, styled};
use crate::app::Overlay;
use crate::app::doc::wrap;
use crate::layout::inner;
use crate::views::Glyphs;

pub(super) fn render(buf: &mut Buffer, area: Rect, help: &Overlay, g: &Glyphs, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    Clear.render(area, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            " Help: ? or Esc to close ",
            theme.pane_title_focused,
        ))
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
