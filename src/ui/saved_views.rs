//! The list of saved views, over the panes: name, list, order and how many filters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{Theme, put_line};
use crate::app::App;
use crate::app::saved::{ViewsList, view_row};
use crate::layout::inner;
use crate::text::sanitize;

pub(super) fn render(buf: &mut Buffer, area: Rect, list: &ViewsList, app: &App, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    Clear.render(area, buf);
    let views = &app.shelf.dossier.views.get().views;
    theme
        .pane(format!(" Saved views ({}) ", views.len()), true)
        .render(area, buf);
    let inside = inner(area);
    for (i, view) in views
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(inside.height as usize)
    {
        let y = inside.y + (i - list.offset) as u16;
        let mut line = Line::from(vec![
            Span::raw(" "),
            Span::styled(sanitize(&view_row(view)).into_owned(), theme.body),
        ]);
        if i == list.selected {
            buf.set_style(Rect::new(inside.x, y, inside.width, 1), theme.selected);
            line = line.patch_style(theme.selected);
        }
        put_line(buf, inside.x, y, inside.width, &line, &app.glyphs);
    }
}
