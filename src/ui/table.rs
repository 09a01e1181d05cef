//! The Implications list as a table: from, channel, to, likelihood, confidence, horizon, date.
//! A narrow pane drops whole columns in a fixed order (confidence, horizon, date, likelihood)
//! rather than cutting a channel in half; from and to share what is left. Only the visible rows
//! are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, put_line};
use crate::app::App;
use crate::data::model::{Confidence, Horizon, Likelihood};
use crate::data::{ListKind, Side, Store, Target};
use crate::find::Sort;
use crate::pages::{self, Glyphs};
use crate::text::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    From,
    Channel,
    To,
    Likelihood,
    Confidence,
    Horizon,
    Date,
    /// From, channel and to in one: what a pane too narrow for columns shows.
    Route,
}

impl Column {
    const ALL: [Column; 7] = [
        Column::From,
        Column::Channel,
        Column::To,
        Column::Likelihood,
        Column::Confidence,
        Column::Horizon,
        Column::Date,
    ];

    /// Dropped first when the pane is narrow, in this order; from, channel and to always stay.
    const DROP_ORDER: [Column; 4] = [
        Column::Confidence,
        Column::Horizon,
        Column::Date,
        Column::Likelihood,
    ];

    fn title(self) -> &'static str {
        match self {
            Column::From => "From",
            Column::Channel => "Channel",
            Column::To => "To",
            Column::Likelihood => "Likelihood",
            Column::Confidence => "Confidence",
            Column::Horizon => "Horizon",
            Column::Date => "Date",
            Column::Route => "Route",
        }
    }

    /// The width of a fixed column; `None` for from and to, which share the rest.
    fn width(self) -> Option<usize> {
        match self {
            Column::From | Column::To | Column::Route => None,
            Column::Channel => Some(14),
            Column::Likelihood => Some(14),
            Column::Confidence => Some(10),
            Column::Horizon => Some(7),
            Column::Date => Some(10),
        }
    }

    fn sort(self) -> Sort {
        match self {
            Column::From => Sort::From,
            Column::Channel => Sort::Channel,
            Column::To => Sort::To,
            Column::Likelihood => Sort::Likelihood,
            Column::Confidence => Sort::Confidence,
            Column::Horizon => Sort::Horizon,
            Column::Date => Sort::Date,
            Column::Route => Sort::From,
        }
    }

    /// Whether the column's own order (the first press of `s`) runs down from the top value.
    fn descends(self) -> bool {
        matches!(self, Column::Likelihood | Column::Confidence | Column::Date)
    }
}

/// The ICD-203 words, short enough for a column ("remote" is the standard's own synonym for
/// "almost no chance").
pub fn likelihood_short(l: Likelihood) -> &'static str {
    match l {
        Likelihood::AlmostNoChance => "remote",
        Likelihood::VeryUnlikely => "very unlikely",
        Likelihood::Unlikely => "unlikely",
        Likelihood::RoughlyEven => "even chance",
        Likelihood::Likely => "likely",
        Likelihood::VeryLikely => "very likely",
        Likelihood::AlmostCertain => "almost certain",
    }
}

fn confidence_short(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Moderate => "moderate",
        Confidence::High => "high",
    }
}

fn horizon_short(h: Horizon) -> &'static str {
    h.as_str()
}

/// The columns that fit `width`, and the widths of from and to. Columns are separated by two
/// spaces; from and to get at least 12 columns each before a fixed column is given up.
pub fn columns(width: usize) -> (Vec<Column>, usize) {
    const MIN_END: usize = 12;
    const GAP: usize = 2;
    let mut shown: Vec<Column> = Column::ALL.to_vec();
    loop {
        let fixed: usize = shown.iter().filter_map(|c| c.width()).sum();
        let gaps = GAP * (shown.len() - 1);
        let rest = width.saturating_sub(fixed + gaps);
        let droppable = Column::DROP_ORDER.iter().find(|c| shown.contains(c));
        match droppable {
            Some(c) if rest < 2 * MIN_END => shown.retain(|x| x != c),
            _ => return (shown, rest / 2),
        }
    }
}

pub(super) fn render(
    buf: &mut Buffer,
    inside: Rect,
    app: &App,
    data: &dyn Store,
    theme: &Theme,
    focused: bool,
) {
    let pane = app.list_pane();
    let g = &app.glyphs;
    // One column of margin on the left, as the other lists have.
    let x = inside.x + 1;
    let width = inside.width.saturating_sub(1) as usize;
    let (shown, end_width) = columns(width);
    // Too narrow for columns: each row is the route in one line.
    let shown = if end_width < 6 {
        vec![Column::Route]
    } else {
        shown
    };
    let end_width = if end_width < 6 { width } else { end_width };
    let widths: Vec<usize> = shown
        .iter()
        .map(|c| c.width().unwrap_or(end_width))
        .collect();
    let header: Vec<String> = shown
        .iter()
        .map(|&c| {
            if c.sort() == pane.sort {
                let down = c.descends() != pane.reverse;
                let arrow = match (down, g.ascii) {
                    (true, false) => "▼",
                    (false, false) => "▲",
                    (true, true) => "v",
                    (false, true) => "^",
                };
                format!("{} {arrow}", c.title())
            } else {
                c.title().to_owned()
            }
        })
        .collect();
    let head = crate::app::table_header(ListKind::Implications, inside.height as usize) as u16;
    if head > 0 {
        draw_row(buf, x, inside.y, width, &header, &widths, theme.heading, g);
    }
    let body = Rect::new(
        inside.x,
        inside.y + head,
        inside.width,
        inside.height.saturating_sub(head),
    );
    if pane.rows.is_empty() {
        let line = Line::from(Span::styled("(empty)", theme.muted));
        put_line(buf, x, body.y, body.width, &line, g);
        return;
    }
    let selected = pane.selected_row();
    for (i, row) in (pane.offset..pane.rows.len())
        .take(body.height as usize)
        .enumerate()
    {
        let Some(Target::Implication(ix)) = pane.rows.get(row) else {
            break;
        };
        let y = body.y + i as u16;
        let facts = data.implication_facts(ix);
        let cells: Vec<String> = shown
            .iter()
            .map(|c| match c {
                Column::From => pages::end_label(data, ix, Side::Origin, g),
                Column::To => pages::end_label(data, ix, Side::Affected, g),
                Column::Channel => facts.channel.as_str().to_owned(),
                Column::Likelihood => likelihood_short(facts.likelihood).to_owned(),
                Column::Confidence => confidence_short(facts.confidence).to_owned(),
                Column::Horizon => horizon_short(facts.horizon).to_owned(),
                Column::Date => data.event_date(facts.analysis).to_string(),
                Column::Route => pages::implication_route(data, ix, g),
            })
            .collect();
        let mut style = theme.body;
        if Some(row) == selected {
            style = if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
        }
        draw_row(buf, x, y, width, &cells, &widths, style, g);
    }
}

/// Draws cells in their columns, each cut to its width with an ellipsis.
#[allow(clippy::too_many_arguments)]
fn draw_row(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: usize,
    cells: &[String],
    widths: &[usize],
    style: Style,
    g: &Glyphs,
) {
    let mut at = 0usize;
    for (cell, &w) in cells.iter().zip(widths) {
        if at >= width {
            break;
        }
        let w = w.min(width - at);
        let text = sanitize(cell);
        let line = Line::from(Span::styled(text.into_owned(), style));
        put_line(buf, x + at as u16, y, w as u16, &line, g);
        at += w + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::{Column, columns};

    /// Narrowing the pane gives up whole columns, always in the fixed order, never from, channel
    /// or to; the channel keeps its full width, and from and to have room for a name.
    #[test]
    fn narrow_panes_drop_columns_in_a_fixed_order() {
        let mut dropped_before = 0;
        for width in (50..=200).rev() {
            let (shown, end) = columns(width);
            for c in [Column::From, Column::Channel, Column::To] {
                assert!(shown.contains(&c), "{c:?} kept at {width}");
            }
            let dropped: Vec<Column> = Column::ALL
                .into_iter()
                .filter(|c| !shown.contains(c))
                .collect();
            let mut in_drop_order = dropped.clone();
            in_drop_order.sort_by_key(|c| Column::DROP_ORDER.iter().position(|d| d == c));
            assert_eq!(
                in_drop_order,
                Column::DROP_ORDER[..dropped.len()].to_vec(),
                "at {width}: the first {} of the drop order",
                dropped.len()
            );
            assert!(
                dropped.len() >= dropped_before,
                "at {width}: a column came back"
            );
            dropped_before = dropped.len();
            let fixed: usize = shown.iter().filter_map(|c| c.width()).sum();
            assert!(
                fixed + 2 * (shown.len() - 1) + 2 * end <= width,
                "at {width}"
            );
            if dropped.len() < Column::DROP_ORDER.len() {
                assert!(end >= 12, "at {width}: from and to get 12 columns");
            }
        }
        assert_eq!(columns(200).0.len(), 7, "all seven on a wide pane");
        assert_eq!(
            columns(50).0,
            [Column::From, Column::Channel, Column::To],
            "the route alone on a narrow one"
        );
    }
}
