//! The note box (several lines) and the name box (one line) over the panes, with the cursor
//! shown as a reversed cell. The keys they take are on the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{Theme, put_line};
use crate::app::App;
use crate::app::note::{NoteBox, Purpose};
use crate::layout::inner;

/// Where the box goes: centred, as wide as reads well, as tall as a note needs.
pub fn area(size: Rect, b: &NoteBox) -> Rect {
    let width = size.width.saturating_sub(4).min(72);
    let height = if b.multiline() {
        size.height.saturating_sub(4).min(14)
    } else {
        3
    }
    .min(size.height);
    Rect::new(
        size.x + (size.width - width) / 2,
        size.y + (size.height - height) / 2,
        width,
        height,
    )
}

pub(super) fn render(buf: &mut Buffer, size: Rect, b: &NoteBox, app: &App, theme: &Theme) {
    let area = area(size, b);
    if area.area() == 0 {
        return;
    }
    Clear.render(area, buf);
    let g = &app.glyphs;
    let title = match &b.purpose {
        Purpose::Note(bookmark) => {
            let name: String = bookmark.title.chars().take(48).collect();
            format!(" Note on {} ", crate::text::sanitize(&name))
        }
        Purpose::ViewName => " Save this view as ".to_owned(),
    };
    theme.pane(title, true).render(area, buf);
    let inside = inner(area);
    if inside.area() == 0 {
        return;
    }
    // One column stays free for the cursor at the end of a full row.
    let width = inside.width.saturating_sub(1).max(1);
    let (rows, (row, col)) = b.rows(width);
    let height = inside.height as usize;
    let offset = row.saturating_sub(height.saturating_sub(1));
    for (i, &(start, end)) in rows.iter().enumerate().skip(offset).take(height) {
        let y = inside.y + (i - offset) as u16;
        let text = &b.text[start..end];
        let line = Line::from(Span::styled(text, theme.body));
        put_line(buf, inside.x, y, inside.width, &line, g);
        if i == row {
            let x = inside.x + col.min(inside.width - 1);
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_style(theme.selected);
                if cell.symbol().is_empty() {
                    cell.set_symbol(" ");
                }
            }
        }
    }
}
