//! Drawing: a pure function of the app state. Nothing here changes state; every string from the
//! data has already been sanitized by `app::doc::Span`, and `scrub` checks the frame once more.

mod bookmarks;
mod chrome;
mod compare;
mod detail;
mod filters;
mod finder;
mod forecasts;
mod help;
mod list;
mod map;
mod matrix;
pub mod note;
mod outlook;
mod saved_views;
mod search;
mod table;
pub mod theme;
mod timeline;
mod views;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::{App, Overlay};
use crate::data::Store;
use crate::doc::Span as DocSpan;
use crate::layout::{self, Mode};
use crate::pages::Glyphs;
use crate::text::is_unsafe;
pub use theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, data: &dyn Store, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    render(buf, area, app, data, theme);
}

/// Renders the whole screen into a buffer: used by the terminal loop and by `geolens snapshot`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let screen = app.screen();
    if screen.mode == Mode::TooSmall {
        chrome::too_small(buf, area, theme);
    } else {
        chrome::header(buf, screen.header, app, data, theme);
        chrome::chips(buf, screen.chips, app, data, theme);
        if app.screen == crate::app::screen::Screen::Forecasts {
            chrome::tabs(buf, screen.tabs, app, theme);
            forecasts::render(buf, app.body_area(), app, theme);
        } else if app.screen.is_view() {
            views::tabs(buf, screen.tabs, app, theme);
            views::render(buf, screen.body, app, data, theme);
        } else {
            chrome::tabs(buf, screen.tabs, app, theme);
            match app.comparing() {
                Some(view) => compare::render(buf, app.body_area(), view, app, data, theme),
                None => {
                    if screen.list.area() > 0 && app.shelf.shown {
                        bookmarks::render(buf, screen.list, app, data, theme);
                    } else if screen.list.area() > 0 {
                        list::render(buf, screen.list, app, data, theme);
                    }
                    if screen.detail.area() > 0 {
                        detail::render(buf, screen.detail, app, theme);
                    }
                }
            }
        }
        chrome::status(buf, screen.status, app, data, theme);
        let over = layout::help_area(area);
        match &app.overlay {
            Some(Overlay::Help(help)) => help::render(buf, over, help, &app.glyphs, theme),
            Some(Overlay::Search(search)) => search::render(buf, over, search, app, data, theme),
            Some(Overlay::Filters(panel)) => filters::render(buf, over, panel, app, data, theme),
            Some(Overlay::Note(b)) => note::render(buf, area, b, app, theme),
            Some(Overlay::Views(list)) => saved_views::render(buf, over, list, app, theme),
            Some(Overlay::ViewMenu(menu)) => views::menu(buf, over, menu, app, theme),
            Some(Overlay::Finder(finder)) => {
                finder::render(buf, layout::finder_area(area), finder, &app.glyphs, theme)
            }
            None => {}
        }
    }
    scrub(buf);
}

/// A last line of defence: no cell may hold a control or bidi character, whatever path it took.
/// Upstream sanitizing makes this a no-op; it costs one pass over the cells.
fn scrub(buf: &mut Buffer) {
    let width = usize::from(buf.area.width).max(1);
    let mut i = 0;
    while i < buf.content.len() {
        let cell = &mut buf.content[i];
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_symbol("\u{FFFD}");
        } else if let Some(placed) = crate::text::cluster_cells(cell.symbol()) {
            // A cluster terminals lay out differently (zero-width joiners, conjuncts, flags):
            // one cell per visible character, in the cells the layout gave it.
            let cells = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1);
            let style = cell.style();
            let row_end = (i / width + 1) * width;
            let end = (i + cells).min(row_end);
            for c in &mut buf.content[i..end] {
                c.set_symbol(" ");
            }
            for (at, text) in placed {
                if i + at < end {
                    buf.content[i + at].set_symbol(&text).set_style(style);
                }
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

/// Converts document spans to styled ratatui spans.
fn styled<'a>(spans: &'a [DocSpan], theme: &Theme) -> Vec<Span<'a>> {
    spans
        .iter()
        .map(|s| Span::styled(s.text(), theme.role(s.role)))
        .collect()
}

/// Spans of `text` with the characters at `highlight` (sorted char indices) in `hl` style.
fn highlighted(text: &str, highlight: &[u32], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut marks = highlight.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while marks.peek().is_some_and(|&&m| (m as usize) < i) {
            marks.next();
        }
        let on = marks.peek().is_some_and(|&&m| m as usize == i);
        if on != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { base.patch(hl) } else { base },
            ));
        }
        run_hl = on;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hl { base.patch(hl) } else { base },
        ));
    }
    spans
}

/// Draws `line` at (x, y), cut to `width` columns with an ellipsis when it does not fit. Never
/// writes outside the buffer, whatever the arguments.
fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, line: &Line, g: &Glyphs) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x >= area.right() || width == 0 {
        return;
    }
    let width = width.min(area.right() - x);
    let full = line.width();
    if full <= width as usize {
        buf.set_line(x, y, line, width);
        return;
    }
    let ell = g.ellipsis;
    let ell_width = unicode_width::UnicodeWidthStr::width(ell) as u16;
    if width <= ell_width {
        buf.set_line(x, y, line, width);
        return;
    }
    let (end, _) = buf.set_line(x, y, line, width - ell_width);
    let style = line
        .spans
        .last()
        .map(|s| s.style)
        .unwrap_or_default()
        .patch(line.style);
    buf.set_stringn(end, y, ell, ell_width as usize, style);
}
