//! The detail pane: the visible rows of the current page, the cursor row highlighted when the
//! pane has focus.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Theme, highlighted, put_line, styled};
use crate::app::{App, Focus};
use crate::data::Target;
use crate::doc::Span as DocSpan;
use crate::find::Query;
use crate::find::search::find_in;
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
    theme.pane(format!(" {kind} "), focused).render(area, buf);
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
        let mut line = match &app.last_query {
            Some(query) => Line::from(with_matches(&row.spans, query, theme)),
            None => Line::from(styled(&row.spans, theme)),
        };
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

/// The row's spans with the words of the last search marked, so `n` lands on something visible.
fn with_matches<'a>(spans: &'a [DocSpan], query: &Query, theme: &Theme) -> Vec<Span<'a>> {
    let text: String = spans.iter().map(|s| s.text()).collect();
    let hits = find_in(&text, query);
    if hits.is_empty() {
        return styled(spans, theme);
    }
    let mut out = Vec::new();
    let mut at = 0; // byte offset of the current span in `text`
    for span in spans {
        let t = span.text();
        let marks: Vec<u32> = hits
            .iter()
            .filter(|&&(s, e)| s < at + t.len() && e > at)
            .flat_map(|&(s, e)| {
                let (s, e) = (s.max(at) - at, e.min(at + t.len()) - at);
                let first = t[..s].chars().count() as u32;
                first..first + t[s..e].chars().count() as u32
            })
            .collect();
        out.extend(highlighted(t, &marks, theme.role(span.role), theme.matched));
        at += t.len();
    }
    out
}
