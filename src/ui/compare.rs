//! Two pages side by side, their sections aligned row for row. The side the keys move has the
//! highlighted border and the cursor bar; the other shows where its cursor is with an underline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Theme, put_line, styled};
use crate::app::App;
use crate::app::compare::CompareView;
use crate::data::Store;
use crate::layout::detail_text;
use crate::pages;
use crate::text::sanitize;

pub(super) fn render(
    buf: &mut Buffer,
    area: Rect,
    view: &CompareView,
    app: &App,
    data: &dyn Store,
    theme: &Theme,
) {
    let halves = crate::layout::halves(area);
    let g = &app.glyphs;
    for (i, (side, pane)) in view.sides.iter().zip(halves).enumerate() {
        let focused = i == view.focus;
        // Apart, each title says so first, where a narrow pane still shows it.
        let sync = if view.sync { "" } else { "apart: " };
        let name = sanitize(&pages::label(data, side.target, g)).into_owned();
        let title = format!(" {sync}{} ", name.chars().take(80).collect::<String>());
        theme.pane(title, focused).render(pane, buf);
        let inside = detail_text(pane);
        if inside.area() == 0 {
            continue;
        }
        for (r, row) in side
            .rows
            .iter()
            .enumerate()
            .skip(side.offset)
            .take(inside.height as usize)
        {
            let y = inside.y + (r - side.offset) as u16;
            let mut line = Line::from(styled(&row.spans, theme));
            if r == side.cursor {
                let style = if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                };
                if focused {
                    let bar = Rect::new(pane.x + 1, y, pane.width.saturating_sub(2), 1);
                    buf.set_style(bar, style);
                }
                line = line.patch_style(style);
            }
            let x = inside.x + row.pad.min(inside.width);
            put_line(buf, x, y, inside.right() - x, &line, g);
        }
    }
}
