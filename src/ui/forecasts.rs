//! The forecasts view: the score and what it means on top, then the table (overall, calibration,
//! by perspective, channel, horizon) with its column names kept in view as it scrolls. Columns
//! the width cannot hold are left out, the bar first; the names are cut, never the numbers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{Theme, put_line, styled};
use crate::app::App;
use crate::app::forecasts::{Item, content, geometry, score_rows};
use crate::doc;
use crate::find::forecasts::{Group, Part, Row};
use crate::find::score;
use crate::text::sanitize;

/// Cells in the bar of the share that happened.
const BAR: usize = 10;

/// The columns after the name, in screen order, with their widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Stated,
    Forecasts,
    Judged,
    Happened,
    Brier,
    Bar,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::Stated,
        Column::Forecasts,
        Column::Judged,
        Column::Happened,
        Column::Brier,
        Column::Bar,
    ];

    /// Left out first when the width runs short, the bar before the numbers.
    const DROP_ORDER: [Column; 4] = [
        Column::Bar,
        Column::Forecasts,
        Column::Stated,
        Column::Brier,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Stated => "stated",
            Column::Forecasts => "forecasts",
            Column::Judged => "judged",
            Column::Happened => "happened",
            Column::Brier => "Brier",
            Column::Bar => "",
        }
    }

    fn width(self) -> usize {
        match self {
            Column::Bar => BAR,
            // "0.132"
            Column::Brier => 5,
            other => other.name().len().max(6),
        }
    }
}

/// The widest name column is this; beyond it the extra width is left empty.
const NAME_MAX: usize = 40;
/// Columns go before the names shrink below this.
const NAME_MIN: usize = 16;

/// Spaces before a column: the bar sits close to the numbers it draws.
fn gap(column: Column) -> usize {
    if column == Column::Bar { 1 } else { 2 }
}

/// The columns that fit `width`, and the width left for the names.
fn columns(width: usize) -> (Vec<Column>, usize) {
    let mut cols = Column::ALL.to_vec();
    let used = |cols: &[Column]| cols.iter().map(|&c| c.width() + gap(c)).sum::<usize>();
    for drop in Column::DROP_ORDER {
        if width >= NAME_MIN + used(&cols) {
            break;
        }
        cols.retain(|&c| c != drop);
    }
    let name = width.saturating_sub(used(&cols)).min(NAME_MAX);
    (cols, name)
}

/// `text` in at most `width` columns, its end replaced by `ellipsis` when cut.
fn fit(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return format!("{text:<width$}");
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() > room {
            break;
        }
        out.push(c);
    }
    if width >= ellipsis.width() {
        out.push_str(ellipsis);
    }
    format!("{out:<width$}")
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{:.0}%", x * 100.0))
}

/// A row's cell in one column.
fn cell(row: &Row, column: Column, ascii: bool) -> String {
    let t = &row.tally;
    match column {
        Column::Stated => match row.group {
            Group::Likelihood(l) => {
                let (lo, hi) = score::band(l);
                format!("{lo}-{hi}%")
            }
            _ => String::new(),
        },
        Column::Forecasts => t.forecasts.to_string(),
        Column::Judged => t.judged.to_string(),
        Column::Happened => percent(t.share_happened()),
        Column::Brier => t
            .brier()
            .map_or_else(|| "-".to_owned(), |b| format!("{b:.3}")),
        Column::Bar => match (row.part, t.share_happened()) {
            (Part::Calibration, Some(share)) => {
                let (full, empty) = if ascii { ("#", ".") } else { ("█", "░") };
                let filled = ((share * BAR as f64).round() as usize).min(BAR);
                format!("{}{}", full.repeat(filled), empty.repeat(BAR - filled))
            }
            _ => String::new(),
        },
    }
}

/// The text of a table line: the name cut to `name` columns, then the cells right-aligned.
fn cells(first: String, rest: impl Iterator<Item = (Column, String)>) -> String {
    let mut out = first;
    for (column, text) in rest {
        let w = column.width();
        match column {
            Column::Bar => out.push_str(&format!(" {text:<w$}")),
            _ => out.push_str(&format!("  {text:>w$}")),
        }
    }
    out
}

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let view = &app.forecasts;
    let g = &app.glyphs;
    theme
        .pane(" How did the forecasts do? ".to_owned(), true)
        .render(area, buf);
    let bar = crate::layout::inner(area);
    let inner = content(area);
    if inner.area() == 0 {
        return;
    }
    let intro = doc::wrap(&view.intro, inner.width);
    let at = geometry(inner, intro.len(), score_rows(&intro));
    for (i, row) in intro.iter().take(at.intro.height as usize).enumerate() {
        let line = Line::from(styled(&row.spans, theme));
        let x = at.intro.x + row.pad.min(at.intro.width);
        put_line(
            buf,
            x,
            at.intro.y + i as u16,
            at.intro.right() - x,
            &line,
            g,
        );
    }
    let (cols, name) = columns(inner.width as usize);
    if at.columns.height > 0 {
        let head = cells(
            " ".repeat(name),
            cols.iter().map(|&c| (c, c.name().to_owned())),
        );
        let line = Line::from(Span::styled(head, theme.label));
        put_line(buf, at.columns.x, at.columns.y, at.columns.width, &line, g);
    }
    let t = at.table;
    for (i, item) in view
        .items
        .iter()
        .skip(view.offset)
        .take(t.height as usize)
        .enumerate()
    {
        let y = t.y + i as u16;
        let line = match *item {
            Item::Blank => continue,
            Item::Heading(part) => Line::from(Span::styled(part.heading(), theme.heading)),
            Item::Row(r) => {
                let row = &view.numbers.rows[r];
                let (indent, style) = match row.part {
                    Part::All => ("", theme.label),
                    _ => ("  ", theme.body),
                };
                let label = format!("{indent}{}", sanitize(&row.label));
                let text = cells(
                    fit(&label, name, g.ellipsis),
                    cols.iter().map(|&c| (c, cell(row, c, g.ascii))),
                );
                let mut line = Line::from(Span::styled(text, style));
                if r == view.cursor {
                    buf.set_style(Rect::new(bar.x, y, bar.width, 1), theme.selected);
                    line = line.patch_style(theme.selected);
                }
                line
            }
        };
        put_line(buf, t.x, y, t.width, &line, g);
    }
}
