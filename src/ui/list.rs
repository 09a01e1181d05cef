//! A list pane: only the visible rows are built, so a list of a million items costs what a
//! screenful does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Theme, put_line, styled};
use crate::app::{App, Focus};
use crate::data::{ListKind, Store};
use crate::find::Sort;
use crate::layout::inner;
use crate::pages;

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let pane = app.list_pane();
    let focused = app.focus == Focus::List;
    let title = format!(
        " {} ({}, {}) ",
        app.list.title(),
        pane.rows.len(),
        pane.sort.label_in(pane.reverse)
    );
    theme.pane(title, focused).render(area, buf);
    let inside = inner(area);
    if inside.area() == 0 {
        return;
    }
    if app.list == ListKind::Implications {
        return super::table::render(buf, inside, app, data, theme, focused);
    }
    if pane.rows.is_empty() {
        let line = Line::from(Span::styled("(empty)", theme.muted));
        put_line(buf, inside.x, inside.y, inside.width, &line, &app.glyphs);
        return;
    }
    let selected = pane.selected_row();
    for (i, row) in (pane.offset..pane.rows.len())
        .take(inside.height as usize)
        .enumerate()
    {
        let Some(target) = pane.rows.get(row) else {
            break;
        };
        let y = inside.y + i as u16;
        // The tree's indentation only means something in tree order.
        let spans = if pane.sort == Sort::Tree {
            pages::row(data, target, &app.glyphs)
        } else {
            pages::flat_row(data, target, &app.glyphs)
        };
        let mut line = Line::from(styled(&spans, theme));
        // The first column: a bullet on an item marked to compare (while it is), else a star on
        // a bookmarked one.
        let lead = match (app.marks.contains(&target), app.shelf.is_marked(target)) {
            (true, _) => Span::styled(app.glyphs.bullet, theme.label),
            (false, true) if app.glyphs.ascii => Span::styled("*", theme.label),
            (false, true) => Span::styled("★", theme.label),
            (false, false) => Span::raw(" "),
        };
        line.spans.insert(0, lead);
        if Some(row) == selected {
            let style = if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
            line = line.patch_style(style);
        }
        put_line(buf, inside.x, y, inside.width, &line, &app.glyphs);
    }
}
