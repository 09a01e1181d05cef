//! The detail pane: the visible rows of the current page, the cursor row highlighted when the
//! pane has focus.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, put_line, styled};
use crate::app::nav::Target;
use crate::app::{App, Focus};
use crate::layout::detail_text;

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let d = &app.detail;
    let focused = app.focus == Focus::Detail;
    let kind = match d.target {
        Some(Target::Analysis(_)) => "Analysis",
        Some(Target::Actor(_)) => "Actor",
        Some(Target::Theme(_)) => "Theme",
        Some(Target::Implication(_)) => "Implication",
        Some(Target::Place(_)) => "Place",
        None => "Detail",
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(" {kind} "),
            if focused {
                theme.pane_title_focused
            } else {
                theme.pane_title
            },
        ))
        .render(area, buf);
    let inside = detail_text(area);
    if inside.area() == 0 {
        return;
    }
    for (i, row) in d
        .rows
        .iter()
        .enumerate()
        .skip(d.offset)
        .take(inside.height as usize)
    {
        let y = inside.y + (i - d.offset) as u16;
        let mut line = Line::from(styled(&row.spans, theme));
        if focused && i == d.cursor {
            // The highlight spans the margins too, so the cursor row reads as one bar.
            let bar = Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1);
            buf.set_style(bar, theme.selected);
            line = line.patch_style(theme.selected);
        }
        let x = inside.x + row.pad.min(inside.width);
        put_line(buf, x, y, inside.right() - x, &line, &app.glyphs);
    }
}
