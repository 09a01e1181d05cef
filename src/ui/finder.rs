//! A finder over the panes: the outline of the page or the command palette. The text typed on
//! top, a line saying what to do, then the entries that match, each with its note on the right
//! (an action's keys, how far down the page a section starts).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, put_line};
use crate::app::finder::{Finder, FinderKind, HEAD_ROWS};
use crate::layout::inner;
use crate::pages::Glyphs;
use crate::text::sanitize;

pub(super) fn render(buf: &mut Buffer, area: Rect, finder: &Finder, g: &Glyphs, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    Clear.render(area, buf);
    let (title, hint) = match finder.kind {
        FinderKind::Outline => (
            " Outline ",
            "type the start of a section's name; Enter jumps, Esc stays",
        ),
        FinderKind::Palette => (
            " Commands ",
            "type what you want to do; Enter runs it, Esc cancels",
        ),
    };
    theme.pane(title.to_owned(), true).render(area, buf);
    let inside = inner(area);
    if inside.area() == 0 {
        return;
    }
    let prompt = match finder.kind {
        FinderKind::Outline => "o ",
        FinderKind::Palette => ": ",
    };
    let input = Line::from(vec![
        Span::styled(prompt, theme.label),
        Span::styled(sanitize(&finder.input).into_owned(), theme.body),
        Span::styled(" ", theme.selected),
    ]);
    put_line(buf, inside.x, inside.y, inside.width, &input, g);
    if inside.height > 1 {
        let text = if finder.shown.is_empty() {
            "nothing matches".to_owned()
        } else {
            hint.to_owned()
        };
        let line = Line::from(Span::styled(text, theme.muted));
        put_line(buf, inside.x, inside.y + 1, inside.width, &line, g);
    }
    let rows = (inside.height as usize).saturating_sub(HEAD_ROWS);
    for (i, &entry) in finder
        .shown
        .iter()
        .enumerate()
        .skip(finder.offset)
        .take(rows)
    {
        let y = inside.y + (HEAD_ROWS + i - finder.offset) as u16;
        let e = &finder.entries[entry];
        let selected = i == finder.selected;
        let style = if selected { theme.selected } else { theme.body };
        if selected {
            buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
        }
        let note = sanitize(&e.note).into_owned();
        let note_width = (note.width() as u16).min(inside.width / 2);
        let label_width = inside.width.saturating_sub(note_width + 2);
        let label = Line::from(Span::styled(format!(" {}", sanitize(&e.label)), style));
        put_line(buf, inside.x, y, label_width, &label, g);
        if note_width > 0 {
            let x = inside.right().saturating_sub(note_width + 1);
            let line = Line::from(Span::styled(note, style.patch(theme.status_key)));
            put_line(buf, x, y, note_width, &line, g);
        }
    }
}
