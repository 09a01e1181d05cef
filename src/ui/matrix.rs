//! The flow matrix: rows where implications start, columns where they end, a shade and a count
//! in each cell, totals on the right and at the bottom. Columns are keyed by the rows' numbers
//! (by country, by ISO code). The grid scrolls to keep the cursor in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::views::{cell_style, figure, frame, shade};
use super::{Theme, put_line};
use crate::app::App;
use crate::data::Store;
use crate::data::Target;
use crate::data::model::PlaceKind;
use crate::find::geo::Grain;
use crate::text::sanitize;

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let v = &app.views.matrix;
    let m = &v.numbers;
    let g = &app.glyphs;
    let weighted = v.weighted;
    let measure = if weighted {
        "weighted by likelihood"
    } else {
        "counts"
    };
    let title = format!(
        " Flow matrix{}by {}{}{measure} ",
        g.sep,
        m.grain.name(),
        g.sep
    );
    let inside = frame(buf, area, title, theme);
    if inside.area() == 0 {
        return;
    }
    let n = m.areas.len();
    if n == 0 {
        let line = Line::from(Span::styled(
            "No implications with places at both ends pass the filters.",
            theme.muted,
        ));
        put_line(buf, inside.x, inside.y, inside.width, &line, g);
        return;
    }
    let (row, column) = v.cursor();

    // The line about the cursor's cell.
    let name = |i: usize| {
        m.areas
            .get(i)
            .map(|&p| sanitize(&data.name(Target::Place(p))).into_owned())
    };
    let t = v.selected();
    let what = match (name(row), name(column)) {
        (Some(a), Some(b)) => format!("from {a} to {b}"),
        (Some(a), None) => format!("from {a}, anywhere"),
        (None, Some(b)) => format!("to {b}, from anywhere"),
        (None, None) => "all".to_owned(),
    };
    let count = if t.count == 1 {
        "implication"
    } else {
        "implications"
    };
    let info = Line::from(vec![
        Span::styled(format!(" {what}: "), theme.label),
        Span::styled(
            format!(
                "{} {count} ({:.1} weighted by likelihood)",
                t.count, t.weight
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
    put_line(buf, inside.x, inside.y, inside.width, &info, g);

    // Keys: the rows' numbers, or by country the countries' codes.
    let key = |i: usize| -> String {
        match m.areas.get(i) {
            Some(&p) if m.grain == Grain::Country && data.place_kind(p) == PlaceKind::Country => {
                sanitize(&data.id(Target::Place(p))).into_owned()
            }
            Some(_) => (i + 1).to_string(),
            None => "all".to_owned(),
        }
    };
    // Only the rows on screen are labelled: by country there may be hundreds.
    let label = |i: usize| match name(i) {
        Some(name) => format!("{:>3} {name}", key(i)),
        None => "    all".to_owned(),
    };
    let max = m.max_cell(weighted);
    let total_max = m.total.value(weighted);
    // The widest figure is a total, the largest of which is the grand total.
    let cell_width = figure(total_max, weighted).len().max(2) + 1;
    let label_width = v
        .label_width
        .min((inside.width as usize / 3).clamp(8, 24))
        .max(8);
    let grid_width = (inside.width as usize).saturating_sub(label_width);
    let visible_columns = (grid_width / (cell_width + 1)).max(1);
    // Room for the info line, the header and, when there is space, the legend.
    let legend = inside.height >= 8;
    let visible_rows = (inside.height as usize)
        .saturating_sub(2 + usize::from(legend))
        .max(1);
    let first_column = column.saturating_sub(visible_columns - 1);
    let first_row = row.saturating_sub(visible_rows - 1);

    // Header.
    let y = inside.y + 1;
    let header_label = if first_column > 0 {
        "from \\ to ◂"
    } else {
        "from \\ to"
    };
    let header_label = if g.ascii {
        header_label.replace('◂', "<")
    } else {
        header_label.to_owned()
    };
    put_line(
        buf,
        inside.x,
        y,
        label_width as u16,
        &Line::from(Span::styled(header_label, theme.heading)),
        g,
    );
    for (k, c) in (first_column..=n).take(visible_columns).enumerate() {
        let x = inside.x + (label_width + k * (cell_width + 1)) as u16;
        let style = if c == column {
            theme.label
        } else {
            theme.heading
        };
        let text = format!("{:>w$}", key(c), w = cell_width);
        put_line(
            buf,
            x + 1,
            y,
            cell_width as u16,
            &Line::from(Span::styled(text, style)),
            g,
        );
    }

    if first_column + visible_columns <= n {
        let more = if g.ascii { ">" } else { "▸" };
        put_line(
            buf,
            inside.right() - 1,
            y,
            1,
            &Line::from(Span::styled(more, theme.heading)),
            g,
        );
    }

    // Rows.
    for (k, r) in (first_row..=n).take(visible_rows).enumerate() {
        let y = inside.y + 2 + k as u16;
        let row_style = if r == row { theme.label } else { theme.body };
        put_line(
            buf,
            inside.x,
            y,
            label_width as u16,
            &Line::from(Span::styled(label(r), row_style)),
            g,
        );
        for (j, c) in (first_column..=n).take(visible_columns).enumerate() {
            let x = inside.x + (label_width + j * (cell_width + 1)) as u16;
            let (t, scale) = match (r < n, c < n) {
                (true, true) => (m.cell(r, c), max),
                (true, false) => (m.rows[r], total_max),
                (false, true) => (m.columns[c], total_max),
                (false, false) => (m.total, total_max),
            };
            let value = t.value(weighted);
            // The shade hugs the figure, so a column reads down as a bar of tones.
            let text = if t.count == 0 {
                format!("{:>w$}", shade(0.0, 1.0, g.ascii), w = cell_width)
            } else {
                let f = format!(
                    "{}{}",
                    shade(value, scale, g.ascii),
                    figure(value, weighted)
                );
                format!("{f:>w$}", w = cell_width)
            };
            let style = cell_style(theme, r == row && c == column, value, scale);
            put_line(
                buf,
                x + 1,
                y,
                cell_width as u16,
                &Line::from(Span::styled(text, style)),
                g,
            );
        }
    }

    if legend {
        let text = "rows start, columns end; an implication with several ends counts in each of its cells, once in the totals";
        let line = Line::from(Span::styled(text, theme.muted));
        put_line(buf, inside.x, inside.bottom() - 1, inside.width, &line, g);
    }
}
