//! The frame around the panes: the breadcrumb header, the tab strip, the status line, and the
//! message shown when the terminal is too small.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, put_line};
use crate::app::{App, Focus};
use crate::data::ListKind;
use crate::data::Store;
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::pages;
use crate::text::sanitize;

/// `geolens  A › B › C`: the path of links followed, cut from the left so the current page stays.
pub(super) fn header(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let g = &app.glyphs;
    let name = "geolens ";
    let trail = app.history.trail();
    let avail = (area.width as usize).saturating_sub(name.len());
    // Only the steps that can fit are labelled, and only the head of a long title is sanitized:
    // a megabyte-long title must not cost a megabyte of work per frame.
    let fit = avail / 4 + 1;
    let skipped = trail.len().saturating_sub(fit);
    let labels: Vec<String> = trail[skipped..]
        .iter()
        .map(|v| {
            let label = if v.screen.is_view() {
                v.screen.title().to_owned()
            } else {
                pages::label(data, v.target, g)
            };
            let head: String = label.chars().take(2 * avail).collect();
            sanitize(&head).into_owned()
        })
        .collect();
    // Long titles are shortened so that the last few steps fit side by side.
    let shown = labels.len().clamp(1, 3);
    let max_label = (avail.saturating_sub(g.crumb.width() * shown) / shown).max(12);
    let short: Vec<String> = labels
        .iter()
        .map(|l| shorten(l, max_label, g.ellipsis))
        .collect();
    // Keep the newest steps that fit; say how many were dropped.
    let mut start = 0;
    while start + 1 < short.len() {
        let w: usize = short[start..].iter().map(|s| s.width()).sum::<usize>()
            + g.crumb.width() * (short.len() - start);
        if w <= avail {
            break;
        }
        start += 1;
    }
    let dropped = skipped + start > 0;
    let mut spans = vec![Span::styled(name, theme.title)];
    if dropped {
        spans.push(Span::styled(g.ellipsis, theme.crumb));
    }
    for (i, label) in short.iter().enumerate().skip(start) {
        if i > start || dropped {
            spans.push(Span::styled(g.crumb, theme.crumb));
        }
        let style = if i + 1 == short.len() {
            theme.crumb_current
        } else {
            theme.crumb
        };
        spans.push(Span::styled(label.clone(), style));
    }
    let ahead = app.history.ahead();
    if ahead > 0 {
        spans.push(Span::styled(format!("  (+{ahead} ahead)"), theme.crumb));
    }
    put_line(buf, area.x, area.y, area.width, &Line::from(spans), g);
}

/// Cuts `text` to `max` columns with an ellipsis.
fn shorten(text: &str, max: usize, ellipsis: &str) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

/// The panes by name, the active one reversed; names shrink to fit narrow terminals.
pub(super) fn tabs(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let wide = area.width >= crate::layout::WIDE_MIN_WIDTH;
    let mut names: Vec<(String, bool)> = ListKind::ALL
        .iter()
        .map(|&k| {
            let active = app.list == k && (wide || app.focus == Focus::List);
            (format!("{} {}", k.index() + 1, k.title()), active)
        })
        .collect();
    if !wide {
        names.push(("Detail".to_owned(), app.focus == Focus::Detail));
    }
    let fits = |names: &[(String, bool)]| {
        names.iter().map(|(n, _)| n.width() + 2).sum::<usize>() <= area.width as usize
    };
    if !fits(&names) {
        for (n, _) in &mut names {
            *n = n.chars().take(5).collect();
        }
    }
    if !fits(&names) {
        for (n, _) in &mut names {
            *n = n.chars().take(1).collect();
        }
    }
    let spans: Vec<Span> = names
        .into_iter()
        .map(|(n, active)| {
            let style = if active { theme.tab_active } else { theme.tab };
            Span::styled(format!(" {n} "), style)
        })
        .collect();
    put_line(
        buf,
        area.x,
        area.y,
        area.width,
        &Line::from(spans),
        &app.glyphs,
    );
}

/// Hints for the focused pane, from the keymap, or the message of the last action; the position
/// on the right.
pub(super) fn status(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let position = match app.focus {
        _ if app.screen.is_view() => super::views::position(app),
        Focus::List => {
            let pane = app.list_pane();
            let row = pane.selected_row().map_or(0, |r| r + 1);
            format!(" {}/{} ", row, pane.rows.len())
        }
        Focus::Detail => {
            let d = &app.detail;
            let pct = if d.rows.len() <= 1 {
                100
            } else {
                d.cursor * 100 / (d.rows.len() - 1)
            };
            format!(" {pct}% ")
        }
    };
    let pos_width = position.width() as u16;
    let left_width = area.width.saturating_sub(pos_width);
    let line = match &app.message {
        Some(message) => Line::from(Span::styled(
            format!(" {}", sanitize(message)),
            theme.message,
        )),
        None => {
            let mut spans = vec![Span::raw(" ")];
            // A large dataset still loading says so first: some lists are empty until it ends.
            if let Some(loading) = &app.loading {
                spans.push(Span::styled(
                    format!("{}… ", sanitize(loading)),
                    theme.status_key,
                ));
            }
            for (i, (keys, hint)) in app
                .keymap
                .hints(app.mode(), app.glyphs.ascii)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    spans.push(Span::styled("  ", theme.status));
                }
                spans.push(Span::styled(keys, theme.status_key));
                spans.push(Span::styled(format!(" {hint}"), theme.status));
            }
            Line::from(spans)
        }
    };
    put_line(buf, area.x, area.y, left_width, &line, &app.glyphs);
    if area.width > pos_width {
        put_line(
            buf,
            area.x + left_width,
            area.y,
            pos_width,
            &Line::from(Span::styled(position, theme.muted)),
            &app.glyphs,
        );
    }
}

/// Said in as many rows as there are, cut to the width: at 10x2 it still reads "too small".
pub(super) fn too_small(buf: &mut Buffer, area: Rect, theme: &Theme) {
    let lines = [
        "Terminal too small".to_owned(),
        format!(
            "{}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        ),
    ];
    for (i, text) in lines.iter().enumerate().take(area.height as usize) {
        let line = Line::from(Span::styled(text.as_str(), theme.warn));
        put_line(
            buf,
            area.x,
            area.y + i as u16,
            area.width,
            &line,
            &crate::pages::ASCII,
        );
    }
}

/// The active filters as chips, and the key that clears them.
pub(super) fn chips(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let g = &app.glyphs;
    let mut spans = vec![Span::styled(" Filters:", theme.label)];
    let mut chips: Vec<String> = app
        .filter
        .values()
        .iter()
        .map(|v| format!("{}: {}", v.facet().title(), v.label(data).trim_start()))
        .collect();
    if let Some(from) = app.filter.from {
        chips.push(format!("From: {from}"));
    }
    if let Some(to) = app.filter.to {
        chips.push(format!("To: {to}"));
    }
    chips.extend(app.filter.cells.iter().map(|c| cell_chip(data, c, g)));
    for chip in chips {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} ", sanitize(&chip)), theme.chip));
    }
    let clear = app.keymap.key_for(
        crate::app::keymap::Mode::Global,
        crate::app::action::Action::ClearFilters,
    );
    if let Some(key) = clear {
        spans.push(Span::styled(
            format!("{}{} clears", g.sep, key.label_in(g.ascii)),
            theme.muted,
        ));
    }
    put_line(buf, area.x, area.y, area.width, &Line::from(spans), g);
}

/// A view's cell drilled into, as a chip: the matrix's pair, the timeline's row.
fn cell_chip(data: &dyn Store, cell: &crate::find::Cell, g: &crate::pages::Glyphs) -> String {
    let name = |p: crate::data::PlaceIx| data.place(p).name.clone();
    match *cell {
        crate::find::Cell::Route { from, to } => format!(
            "Matrix cell: {} {} {}",
            from.map_or_else(|| "anywhere".to_owned(), name),
            g.arrow,
            to.map_or_else(|| "anywhere".to_owned(), name)
        ),
        crate::find::Cell::Place(p) => format!("Timeline row: {}", name(p)),
        crate::find::Cell::Theme(t) => format!("Timeline row: {}", data.theme(t).name),
    }
}
