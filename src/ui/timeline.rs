//! The timeline: analyses per period as bars (all of them), or as a row of shaded cells per
//! region or theme. Years label the axis; the cursor's period is reversed, and the grid scrolls
//! sideways to keep it in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::views::frame;
use super::{Theme, put_line};
use crate::app::App;
use crate::data::Store;
use crate::find::timeline::{Groups, Period, Timeline};
use crate::text::sanitize;

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const LEVELS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const ASCII_LEVELS: [&str; 9] = [" ", ".", ":", "-", "=", "+", "*", "#", "@"];

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let v = &app.views.timeline;
    let t = &v.numbers;
    let g = &app.glyphs;
    let by = match t.groups_by {
        Groups::All => String::new(),
        by => format!("{}by {}", g.sep, by.name()),
    };
    let title = format!(" Timeline{}analyses per {}{by} ", g.sep, t.period.name());
    let inside = frame(buf, area, title, theme);
    if inside.area() == 0 {
        return;
    }
    if t.periods == 0 || t.groups.is_empty() {
        let line = Line::from(Span::styled("No analyses pass the filters.", theme.muted));
        put_line(buf, inside.x, inside.y, inside.width, &line, g);
        return;
    }
    let (row, period) = v.cursor();
    let count = t.count(row, period);
    let group = match t.groups_by {
        Groups::All => String::new(),
        _ => format!(
            "{}{}",
            g.sep,
            sanitize(&t.groups[row].label(data)).trim_start()
        ),
    };
    let info = Line::from(vec![
        Span::styled(format!(" {}{group}: ", t.label(period)), theme.label),
        Span::styled(
            format!("{count} analys{}", if count == 1 { "is" } else { "es" }),
            theme.body,
        ),
        Span::styled(
            if count > 0 {
                format!("{}Enter lists them", g.sep)
            } else {
                String::new()
            },
            theme.muted,
        ),
    ]);
    put_line(buf, inside.x, inside.y, inside.width, &info, g);
    let body = Rect::new(
        inside.x,
        inside.y + 1,
        inside.width,
        inside.height.saturating_sub(1),
    );
    match t.groups_by {
        Groups::All => bars(buf, body, t, period, app, theme),
        _ => rows(buf, body, t, (row, period), app, data, theme),
    }
}

/// How many periods fit, how wide each is, and the first shown (the cursor stays in view).
fn window(width: usize, periods: usize, cursor: usize, max_cell: usize) -> (usize, usize, usize) {
    let cell = (width / periods.max(1)).clamp(1, max_cell);
    let fit = (width / cell).max(1);
    let first = cursor
        .saturating_sub(fit - 1)
        .min(periods.saturating_sub(fit));
    (fit, cell, first)
}

/// Years under the periods that start one.
fn axis(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    t: &Timeline,
    span: (usize, usize, usize),
    app: &App,
    theme: &Theme,
) {
    let (fit, cell, first) = span;
    let mut free = 0usize;
    for (k, p) in (first..t.periods).take(fit).enumerate() {
        let (start, _) = t.bounds(p);
        let at = k * cell;
        if start.month == 1 && at >= free {
            let text = start.year.to_string();
            let line = Line::from(Span::styled(text, theme.muted));
            put_line(buf, x + at as u16, y, 4, &line, &app.glyphs);
            free = at + 5;
        }
    }
}

fn bars(buf: &mut Buffer, area: Rect, t: &Timeline, cursor: usize, app: &App, theme: &Theme) {
    let g = &app.glyphs;
    let max = t.counts.iter().copied().max().unwrap_or(0).max(1);
    let scale_width = max.to_string().len() + 1;
    let x0 = area.x + scale_width as u16;
    let width = (area.width as usize).saturating_sub(scale_width);
    let height = area.height.saturating_sub(1) as usize;
    if height == 0 || width == 0 {
        return;
    }
    let span = window(width, t.periods, cursor, 4);
    let (fit, cell, first) = span;
    let top = Line::from(Span::styled(
        format!("{max:>w$}", w = scale_width - 1),
        theme.muted,
    ));
    put_line(buf, area.x, area.y, scale_width as u16, &top, g);
    let zero = Line::from(Span::styled(
        format!("{:>w$}", 0, w = scale_width - 1),
        theme.muted,
    ));
    put_line(
        buf,
        area.x,
        area.y + height as u16 - 1,
        scale_width as u16,
        &zero,
        g,
    );
    for (k, p) in (first..t.periods).take(fit).enumerate() {
        let value = t.count(0, p);
        let mut eighths = (value as usize * height * 8).div_ceil(max as usize);
        if value > 0 {
            eighths = eighths.max(1);
        }
        let style = if p == cursor {
            theme.selected
        } else {
            theme.body
        };
        let bar_width = if cell > 1 { cell - 1 } else { 1 };
        for level in 0..height {
            let y = area.y + (height - 1 - level) as u16;
            let fill = eighths.saturating_sub(level * 8).min(8);
            let glyph = if g.ascii {
                if fill >= 4 { "#" } else { " " }
            } else {
                EIGHTHS[fill]
            };
            let x = x0 + (k * cell) as u16;
            let text = glyph.repeat(bar_width);
            put_line(
                buf,
                x,
                y,
                bar_width as u16,
                &Line::from(Span::styled(text, style)),
                g,
            );
        }
    }
    axis(buf, x0, area.y + height as u16, t, span, app, theme);
}

fn rows(
    buf: &mut Buffer,
    area: Rect,
    t: &Timeline,
    cursor: (usize, usize),
    app: &App,
    data: &dyn Store,
    theme: &Theme,
) {
    let g = &app.glyphs;
    let (row, period) = cursor;
    let label_width = ((area.width as usize) / 4).clamp(8, 22);
    let x0 = area.x + label_width as u16;
    let width = (area.width as usize).saturating_sub(label_width);
    let span = window(
        width,
        t.periods,
        period,
        if t.period == Period::Quarter { 3 } else { 2 },
    );
    let (fit, cell, first) = span;
    axis(buf, x0, area.y, t, span, app, theme);
    let visible = (area.height as usize).saturating_sub(1);
    let first_row = row.saturating_sub(visible.saturating_sub(1));
    let max = t.max_count().max(1);
    let levels = if g.ascii { &ASCII_LEVELS } else { &LEVELS };
    for (i, r) in (first_row..t.groups.len()).take(visible).enumerate() {
        let y = area.y + 1 + i as u16;
        let style = if r == row { theme.label } else { theme.body };
        let label = sanitize(&t.groups[r].label(data)).into_owned();
        put_line(
            buf,
            area.x,
            y,
            (label_width - 1) as u16,
            &Line::from(Span::styled(label, style)),
            g,
        );
        for (k, p) in (first..t.periods).take(fit).enumerate() {
            let value = t.count(r, p);
            let level = if value == 0 {
                0
            } else {
                (value as usize * 8).div_ceil(max as usize).clamp(1, 8)
            };
            let glyph = if value == 0 {
                if g.ascii { "." } else { "·" }
            } else {
                levels[level]
            };
            let style = if r == row && p == period {
                theme.selected
            } else if value == 0 {
                theme.muted
            } else {
                theme.body
            };
            let text = glyph.repeat(cell);
            put_line(
                buf,
                x0 + (k * cell) as u16,
                y,
                cell as u16,
                &Line::from(Span::styled(text, style)),
                g,
            );
        }
    }
}
