//! The frame around the panes: the breadcrumb header, the tab strip, the status line, and the
//! message shown when the terminal is too small.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, put_line};
use crate::app::action::Action;
use crate::app::keymap::Mode;
use crate::app::screen::Screen;
use crate::app::{App, Focus};
use crate::data::Store;
use crate::data::{ListKind, Target};
use crate::find::{Facet, PlaceScope};
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
            let label = match v.screen {
                Screen::Explorer => pages::label(data, v.target, g),
                screen => screen.title().to_owned(),
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
/// Draws tabs named `(name, active)`, cutting every name to each of `shorter` widths in turn
/// until the strip fits.
pub(super) fn tab_strip(
    buf: &mut Buffer,
    area: Rect,
    mut names: Vec<(String, bool)>,
    shorter: &[usize],
    app: &App,
    theme: &Theme,
) {
    let fits = |names: &[(String, bool)]| {
        names.iter().map(|(n, _)| n.width() + 2).sum::<usize>() <= area.width as usize
    };
    for &width in shorter {
        if fits(&names) {
            break;
        }
        for (n, _) in &mut names {
            *n = n.chars().take(width).collect();
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

pub(super) fn tabs(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let wide = area.width >= crate::layout::WIDE_MIN_WIDTH;
    let comparing = app.comparing().is_some();
    let mut names: Vec<(String, bool)> = ListKind::ALL
        .iter()
        .map(|&k| {
            let active = app.list == k
                && !app.shelf.shown
                && (wide || app.focus == Focus::List)
                && !comparing;
            (format!("{} {}", k.index() + 1, k.title()), active)
        })
        .collect();
    let bookmarks = app.shelf.shown && (wide || app.focus == Focus::List) && !comparing;
    names.push(("6 Bookmarks".to_owned(), bookmarks));
    if comparing {
        names.push(("Compare".to_owned(), true));
    } else if !wide {
        names.push(("Detail".to_owned(), app.focus == Focus::Detail));
    }
    tab_strip(buf, area, names, &[5, 1], app, theme);
}

/// Hints for the focused pane, from the keymap, or the message of the last action; the position
/// on the right.
pub(super) fn status(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let percent = |cursor: usize, rows: usize| {
        let pct = if rows <= 1 {
            100
        } else {
            cursor * 100 / (rows - 1)
        };
        format!(" {pct}% ")
    };
    let view = &app.forecasts;
    let position = match (app.comparing(), app.focus) {
        (None, _) if app.screen == Screen::Forecasts => {
            format!(" {}/{} ", view.cursor + 1, view.numbers.rows.len())
        }
        (Some(view), _) => {
            let side = view.focused();
            percent(side.cursor, side.rows.len())
        }
        _ if app.screen.is_view() => super::views::position(app),
        (None, Focus::List) if app.shelf.shown => {
            let n = app.shelf.len();
            format!(
                " {}/{} ",
                if n == 0 { 0 } else { app.shelf.selected + 1 },
                n
            )
        }
        (None, Focus::List) => {
            let pane = app.list_pane();
            let row = pane.selected_row().map_or(0, |r| r + 1);
            format!(" {}/{} ", row, pane.rows.len())
        }
        (None, Focus::Detail) => percent(app.detail.cursor, app.detail.rows.len()),
    };
    let pos_width = position.width() as u16;
    let left_width = area.width.saturating_sub(pos_width);
    let message = match (app.count, &app.message) {
        (Some(n), _) => Some(format!(
            "{n}: the next move goes {n} times (j k Tab {{ }} n G); Esc forgets it"
        )),
        (None, Some(message)) => Some(message.clone()),
        (None, None) => None,
    };
    let line = match message {
        Some(message) => Line::from(Span::styled(
            format!(" {}", sanitize(&message)),
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
            let mode = app.mode();
            let mut hints = app.keymap.hints(mode, app.glyphs.ascii);
            // On a link to another reading of the same event, comparing the two is the offer.
            if mode == Mode::Detail
                && on_other_reading(app, data)
                && let Some(key) = app.keymap.key_for(mode, Action::Compare)
            {
                hints.insert(0, (key.label_in(app.glyphs.ascii), "compare the readings"));
            }
            for (i, (keys, hint)) in hints.into_iter().enumerate() {
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

/// Whether the detail cursor is on a link to another analysis of the event the page is about.
fn on_other_reading(app: &App, data: &dyn Store) -> bool {
    match (app.detail.target, app.detail.link_under_cursor()) {
        (Some(Target::Analysis(a)), Some(Target::Analysis(b))) => {
            data.other_readings(a).contains(&b)
        }
        _ => false,
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

/// The active filters as chips, one per facet ("Channel: energy, trade"), then "+N more" for
/// the values that did not fit, and the key that clears them.
pub(super) fn chips(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let g = &app.glyphs;
    let f = &app.filter;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for v in f.values() {
        let facet = v.facet();
        let mut title = facet.title().to_owned();
        if facet == Facet::Place && f.place_scope != PlaceScope::default() {
            title = format!("{title} ({})", f.place_scope.words());
        }
        let label = sanitize(v.label(data).trim_start()).into_owned();
        match groups.last_mut() {
            Some((t, values)) if *t == title => values.push(label),
            _ => groups.push((title, vec![label])),
        }
    }
    if let Some(from) = f.from {
        groups.push(("From".to_owned(), vec![from.to_string()]));
    }
    if let Some(to) = f.to {
        groups.push(("To".to_owned(), vec![to.to_string()]));
    }
    for cell in &f.cells {
        let (title, value) = cell_chip(data, cell, g);
        groups.push((title.to_owned(), vec![value]));
    }
    let key = |action| {
        app.keymap
            .key_for(Mode::Global, action)
            .map(|k| k.label_in(g.ascii))
    };
    let hint = match (key(Action::ClearFilters), key(Action::UndoFilter)) {
        (Some(x), Some(u)) => format!("{}{x} clears, {u} undoes", g.sep),
        (Some(x), None) => format!("{}{x} clears", g.sep),
        _ => String::new(),
    };
    // Each facet's chip shows the values that fit and counts the rest ("+2"); facets with no
    // room at all are counted at the end ("+3 more"), so nothing on is ever out of sight.
    let chip = |(title, values): &(String, Vec<String>), n: usize| {
        let hidden = values.len() - n;
        let rest = if hidden > 0 {
            format!(" +{hidden}")
        } else {
            String::new()
        };
        format!(" {title}: {}{rest} ", values[..n].join(", "))
    };
    let more = |n: usize| format!(" +{n} more");
    let avail = (area.width as usize).saturating_sub(" Filters:".width());
    let width = |counts: &[usize]| -> usize {
        let fits = counts.iter().take_while(|&&n| n > 0).count();
        let chips: usize = groups[..fits]
            .iter()
            .zip(counts)
            .map(|(group, &n)| 1 + chip(group, n).width())
            .sum();
        let left: usize = groups[fits..].iter().map(|(_, v)| v.len()).sum();
        chips + if left > 0 { more(left).width() } else { 0 }
    };
    // First one value of as many facets as fit, then more values, a facet at a time.
    let mut counts = vec![0; groups.len()];
    for i in 0..groups.len() {
        counts[i] = 1;
        if width(&counts) > avail {
            counts[i] = 0;
            break;
        }
    }
    let mut grew = true;
    while grew {
        grew = false;
        for i in 0..groups.len() {
            if counts[i] > 0 && counts[i] < groups[i].1.len() {
                counts[i] += 1;
                if width(&counts) <= avail {
                    grew = true;
                } else {
                    counts[i] -= 1;
                }
            }
        }
    }
    let mut spans = vec![Span::styled(" Filters:", theme.label)];
    let shown = counts.iter().take_while(|&&n| n > 0).count();
    for (group, &n) in groups.iter().zip(&counts).take(shown) {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(chip(group, n), theme.chip));
    }
    let left: usize = groups[shown..].iter().map(|(_, v)| v.len()).sum();
    if left > 0 {
        spans.push(Span::styled(more(left), theme.label));
    }
    // The hint goes last, and only where there is room for it.
    if width(&counts) + hint.width() <= avail {
        spans.push(Span::styled(hint, theme.muted));
    }
    put_line(buf, area.x, area.y, area.width, &Line::from(spans), g);
}

/// A view's cell drilled into, as a chip: the matrix's pair, the timeline's row.
fn cell_chip(
    data: &dyn Store,
    cell: &crate::find::Cell,
    g: &crate::pages::Glyphs,
) -> (&'static str, String) {
    let name = |p: crate::data::PlaceIx| sanitize(&data.name(Target::Place(p))).into_owned();
    match *cell {
        crate::find::Cell::Route { from, to } => (
            "Matrix cell",
            format!(
                "{} {} {}",
                from.map_or_else(|| "anywhere".to_owned(), name),
                g.arrow,
                to.map_or_else(|| "anywhere".to_owned(), name)
            ),
        ),
        crate::find::Cell::Place(p) => ("Timeline row", name(p)),
        crate::find::Cell::Theme(t) => (
            "Timeline row",
            sanitize(&data.name(Target::Theme(t))).into_owned(),
        ),
    }
}
