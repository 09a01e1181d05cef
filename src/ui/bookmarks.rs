//! The Bookmarks list, in the list pane: newest first, each with its kind, a mark for a note, and
//! "missing from this dataset" for an item the dataset no longer has; under it, the note of the
//! selected bookmark when the pane has room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Theme, put_line};
use crate::app::dossier::{NOTE_ROWS, list_rows};
use crate::app::{App, Focus};
use crate::data::Store;
use crate::layout::inner;
use crate::state::clock;
use crate::text::sanitize;

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let shelf = &app.shelf;
    let focused = app.focus == Focus::List;
    let title = format!(" Bookmarks ({}, newest first) ", shelf.len());
    theme.pane(title, focused).render(area, buf);
    let inside = inner(area);
    if inside.area() == 0 {
        return;
    }
    let g = &app.glyphs;
    if shelf.is_empty() {
        let lines = [
            "No bookmarks yet.",
            "b on an item bookmarks it; a writes a note on it.",
        ];
        for (i, text) in lines.iter().enumerate().take(inside.height as usize) {
            let line = Line::from(Span::styled(*text, theme.muted));
            put_line(
                buf,
                inside.x + 1,
                inside.y + i as u16,
                inside.width - 1,
                &line,
                g,
            );
        }
        return;
    }
    let height = list_rows(inside.height as usize);
    let (note_mark, sep) = if g.ascii {
        ("n", " | ")
    } else {
        ("✎", " · ")
    };
    for (i, b) in shelf.rows().enumerate().skip(shelf.offset).take(height) {
        let y = inside.y + (i - shelf.offset) as u16;
        let target = b.item().resolve(data);
        let title = match target {
            Some(t) => crate::pages::label(data, t, g),
            None => b.title.clone(),
        };
        let kind = format!("{sep}{}", b.kind.word());
        // A missing item says so whatever the width: its title gives way first.
        let missing = match target {
            Some(_) => String::new(),
            None if inside.width >= 56 => format!("{sep}missing from this dataset"),
            None => format!("{sep}missing"),
        };
        let room = (inside.width as usize)
            .saturating_sub(3 + kind.chars().count() + missing.chars().count())
            .max(8);
        let title = sanitize(&title).into_owned();
        let title = if target.is_none() && title.chars().count() > room {
            let head: String = title.chars().take(room - 1).collect();
            format!("{head}{}", g.ellipsis)
        } else {
            title
        };
        let note = if b.note.is_empty() { " " } else { note_mark };
        let spans = vec![
            Span::raw(" "),
            Span::styled(note, theme.label),
            Span::raw(" "),
            Span::styled(title, theme.body),
            Span::styled(kind, theme.muted),
            Span::styled(missing, theme.warn),
        ];
        let mut line = Line::from(spans);
        if i == shelf.selected {
            let style = if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
            line = line.patch_style(style);
        }
        put_line(buf, inside.x, y, inside.width, &line, g);
    }
    if height < inside.height as usize {
        note(buf, inside, height, app, theme);
    }
}

/// The selected bookmark's note, under the list.
fn note(buf: &mut Buffer, inside: Rect, list_height: usize, app: &App, theme: &Theme) {
    let Some(b) = app.shelf.row(app.shelf.selected) else {
        return;
    };
    let g = &app.glyphs;
    let top = inside.y + list_height as u16;
    let rule = if g.ascii { "-" } else { "─" };
    let when = b.noted.as_deref().unwrap_or(&b.added);
    let head = format!(
        "{rule} Note{} {rule} bookmarked {} ",
        if b.noted.is_some() {
            format!(", {}", clock::day(when))
        } else {
            String::new()
        },
        clock::day(&b.added)
    );
    let fill = rule.repeat((inside.width as usize).saturating_sub(head.chars().count()));
    let line = Line::from(Span::styled(format!("{head}{fill}"), theme.muted));
    put_line(buf, inside.x, top, inside.width, &line, g);
    let width = inside.width.saturating_sub(2).max(1);
    let mut rows: Vec<Line> = Vec::new();
    if b.note.is_empty() {
        rows.push(Line::from(Span::styled(
            "No note: a writes one, e in $EDITOR.",
            theme.muted,
        )));
    } else {
        let doc = crate::doc::Doc {
            lines: b
                .note
                .lines()
                .map(|l| crate::doc::Line {
                    spans: vec![crate::doc::Span::new(l, crate::doc::Role::Body)],
                    ..Default::default()
                })
                .collect(),
        };
        for row in crate::doc::wrap(&doc, width) {
            let text: String = row.spans.iter().map(|s| s.text()).collect();
            rows.push(Line::from(Span::styled(text, theme.body)));
        }
    }
    let room = NOTE_ROWS - 1;
    let more = rows.len() > room;
    for (i, line) in rows.iter().take(room).enumerate() {
        let mut line = line.clone();
        if more && i + 1 == room {
            line = Line::from(Span::styled(
                format!("{} (a shows all of it)", g.ellipsis),
                theme.muted,
            ));
        }
        put_line(buf, inside.x + 1, top + 1 + i as u16, width, &line, g);
    }
}
