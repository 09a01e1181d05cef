//! The outlook grid: the ICD-203 likelihoods (with their probability bands) down, the horizons
//! across, a shade and a count of implications in each cell, totals on the right and below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::views::{cell_style, frame, shade};
use super::{Theme, put_line};
use crate::app::App;
use crate::data::model::{Horizon, Likelihood};
use crate::find::outlook::{COLUMNS, ROWS};

/// The ICD-203 band of each likelihood, in percent.
fn band(l: Likelihood) -> &'static str {
    match l {
        Likelihood::AlmostNoChance => "01-05%",
        Likelihood::VeryUnlikely => "05-20%",
        Likelihood::Unlikely => "20-45%",
        Likelihood::RoughlyEven => "45-55%",
        Likelihood::Likely => "55-80%",
        Likelihood::VeryLikely => "80-95%",
        Likelihood::AlmostCertain => "95-99%",
    }
}

fn horizon_head(h: Horizon, wide: bool) -> &'static str {
    match (h, wide) {
        (Horizon::Short, true) => "short: months",
        (Horizon::Medium, true) => "medium: 1-3 years",
        (Horizon::Long, true) => "long: 3+ years",
        (Horizon::Short, false) => "short",
        (Horizon::Medium, false) => "medium",
        (Horizon::Long, false) => "long",
    }
}

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let v = &app.views.outlook;
    let o = &v.numbers;
    let g = &app.glyphs;
    let title = format!(" Outlook grid{}likelihood by horizon ", g.sep);
    let inside = frame(buf, area, title, theme);
    if inside.area() == 0 {
        return;
    }
    let (row, column) = (v.row, v.column);
    // The grid needs a header and eight rows; the line about the cursor and a gap come first
    // when there is room.
    let spare = (inside.height as usize).saturating_sub(ROWS.len() + 2);
    let top = spare.min(2) as u16;
    let t = v.selected();
    let what = match (ROWS.get(row), COLUMNS.get(column)) {
        (Some(l), Some(h)) => format!("{}, {}", l.words(), h.words()),
        (Some(l), None) => format!("{}, any horizon", l.words()),
        (None, Some(h)) => format!("{}, any likelihood", h.words()),
        (None, None) => "all".to_owned(),
    };
    let info = Line::from(vec![
        Span::styled(format!(" {what}: "), theme.label),
        Span::styled(
            format!(
                "{} implication{}",
                t.count,
                if t.count == 1 { "" } else { "s" }
            ),
            theme.body,
        ),
        Span::styled(
            if t.count > 0 {
                format!("{}Enter lists them", g.sep)
            } else {
                String::new()
            },
            theme.muted,
        ),
    ]);
    if top > 0 {
        put_line(buf, inside.x, inside.y, inside.width, &info, g);
    }

    let wide = inside.width >= 80;
    let label_width: usize = if inside.width >= 50 { 29 } else { 16 };
    let cell_width = ((inside.width as usize).saturating_sub(label_width) / 4).clamp(6, 20);
    let y = inside.y + top;
    put_line(
        buf,
        inside.x,
        y,
        label_width as u16,
        &Line::from(Span::styled(" likelihood \\ horizon", theme.heading)),
        g,
    );
    let heads: Vec<&str> = COLUMNS
        .iter()
        .map(|&h| horizon_head(h, wide))
        .chain(std::iter::once("all"))
        .collect();
    for (c, head) in heads.iter().enumerate() {
        let x = inside.x + (label_width + c * cell_width) as u16;
        let style = if c == column {
            theme.label
        } else {
            theme.heading
        };
        let text = format!("{head:>w$}", w = cell_width - 1);
        put_line(
            buf,
            x,
            y,
            cell_width as u16,
            &Line::from(Span::styled(text, style)),
            g,
        );
    }
    let max = f64::from(o.max_cell());
    let total = f64::from(o.total.count);
    // Too short for every row: the first ones give way so the cursor's row stays in sight.
    let room = inside.bottom().saturating_sub(y + 1) as usize;
    let skip = (row + 1).saturating_sub(room);
    for r in skip..=ROWS.len() {
        let y = inside.y + top + 1 + (r - skip) as u16;
        if y >= inside.bottom() {
            break;
        }
        let label = match ROWS.get(r) {
            Some(&l) if label_width > 20 => format!(" {:<20} {}", l.words(), band(l)),
            Some(&l) => format!(" {}", super::table::likelihood_short(l)),
            None => " all".to_owned(),
        };
        let style = if r == row { theme.label } else { theme.body };
        put_line(
            buf,
            inside.x,
            y,
            label_width as u16,
            &Line::from(Span::styled(label, style)),
            g,
        );
        for c in 0..=COLUMNS.len() {
            let x = inside.x + (label_width + c * cell_width) as u16;
            let (t, scale) = match (r < ROWS.len(), c < COLUMNS.len()) {
                (true, true) => (o.cell(r, c), max),
                (true, false) => (o.rows[r], total),
                (false, true) => (o.columns[c], total),
                (false, false) => (o.total, total),
            };
            let value = f64::from(t.count);
            // The shade hugs the figure, as in the matrix.
            let figure = if t.count == 0 {
                shade(0.0, 1.0, g.ascii).to_owned()
            } else {
                format!("{}{}", shade(value, scale, g.ascii), t.count)
            };
            let text = format!("{figure:>w$}", w = cell_width - 2);
            let style = cell_style(theme, r == row && c == column, value, scale);
            put_line(
                buf,
                x,
                y,
                (cell_width - 1) as u16,
                &Line::from(Span::styled(text, style)),
                g,
            );
        }
    }
    let legend_y = inside.y + top + 3 + ROWS.len() as u16;
    if legend_y < inside.bottom() {
        let line = Line::from(Span::styled(
            " Likelihoods are the ICD-203 words of estimative probability, with their bands.",
            theme.muted,
        ));
        put_line(buf, inside.x, legend_y, inside.width, &line, g);
    }
}
