//! The filter panel: the facets on the left, the values of the chosen one on the right, each
//! with a box that says whether it is on and the number of items the list would show with it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, put_line};
use crate::app::App;
use crate::app::action::Action;
use crate::app::filters::{Column, FilterPanel, UNCOUNTED};
use crate::app::keymap::Mode;
use crate::data::Store;
use crate::find::Facet;
use crate::layout::inner;
use crate::text::sanitize;

pub(super) fn render(
    buf: &mut Buffer,
    area: Rect,
    panel: &FilterPanel,
    app: &App,
    data: &dyn Store,
    theme: &Theme,
) {
    if area.area() == 0 {
        return;
    }
    let g = &app.glyphs;
    Clear.render(area, buf);
    let title = format!(" Filter {} ", app.list.title().to_lowercase());
    theme.pane(title, true).render(area, buf);
    let inside = inner(area);
    if inside.area() == 0 {
        return;
    }
    let facet_width = (inside.width / 3).clamp(6, 24);
    let [facets, _, values] = Layout::horizontal([
        Constraint::Length(facet_width),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inside);

    // A panel shorter than the facets scrolls them, keeping the chosen one on screen.
    let first = panel
        .facet
        .saturating_sub((facets.height as usize).saturating_sub(1));
    for (i, facet) in panel
        .facets
        .iter()
        .enumerate()
        .skip(first)
        .take(facets.height as usize)
    {
        let y = facets.y + (i - first) as u16;
        let on = app
            .filter
            .values()
            .iter()
            .filter(|v| v.facet() == *facet)
            .count();
        let text = if on > 0 {
            format!("{} ({on})", facet.title())
        } else {
            facet.title().to_owned()
        };
        let style = match (i == panel.facet, panel.column) {
            (true, Column::Facets) => theme.selected,
            (true, Column::Values) => theme.selected_unfocused,
            _ => theme.body,
        };
        buf.set_style(Rect::new(facets.x, y, facets.width, 1), style);
        put_line(
            buf,
            facets.x,
            y,
            facets.width,
            &Line::from(Span::styled(text, style)),
            g,
        );
    }

    if values.height == 0 {
        return;
    }
    let counted = |n: &usize| *n != UNCOUNTED;
    let what = if panel.values.iter().all(|(_, n)| counted(n)) {
        "items shown with it on"
    } else {
        "too many values to count"
    };
    let facet = panel.current_facet();
    let header = match &panel.find {
        // Finding: the text typed, with a cursor, and how many values it leaves.
        Some(text) => Line::from(vec![
            Span::styled("/ ", theme.label),
            Span::styled(sanitize(text).into_owned(), theme.body),
            Span::styled(" ", theme.selected),
            Span::styled(
                format!("  {} of {}", panel.values.len(), panel.all.len()),
                theme.muted,
            ),
        ]),
        // The places facet says what a region stands for, and which key changes it.
        None if facet == Facet::Place => {
            let key = app
                .keymap
                .key_for(Mode::Filters, Action::RegionScope)
                .map(|k| format!("  {} changes", k.label_in(g.ascii)))
                .unwrap_or_default();
            Line::from(vec![
                Span::styled("Regions: ", theme.heading),
                Span::styled(
                    format!("{}{key}", app.filter.place_scope.words()),
                    theme.muted,
                ),
            ])
        }
        None => Line::from(Span::styled(
            format!("{} ({what})", facet.title()),
            theme.heading,
        )),
    };
    put_line(buf, values.x, values.y, values.width, &header, g);
    let count_width = panel
        .values
        .iter()
        .filter(|(_, n)| counted(n))
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1) as u16;
    // A bar beside each count, scaled to the largest, so the eye finds the big values first.
    let largest = panel
        .values
        .iter()
        .map(|(_, n)| *n)
        .filter(counted)
        .max()
        .unwrap_or(0);
    let bar_width = if values.width >= 40 {
        (values.width / 5).min(12)
    } else {
        0
    };
    for (i, (value, n)) in panel
        .values
        .iter()
        .enumerate()
        .skip(panel.offset)
        .take(values.height.saturating_sub(1) as usize)
    {
        let y = values.y + 1 + (i - panel.offset) as u16;
        let on = app.filter.has(value);
        let mark = if on { "[x] " } else { "[ ] " };
        let label = sanitize(&value.label(data)).into_owned();
        let count = if counted(n) {
            format!("{n:>width$}", width = count_width as usize)
        } else {
            String::new()
        };
        let style = if i == panel.value && panel.column == Column::Values {
            theme.selected
        } else if on {
            theme.label
        } else {
            theme.body
        };
        buf.set_style(Rect::new(values.x, y, values.width, 1), style);
        let label_width = values
            .width
            .saturating_sub(count_width + 1 + mark.width() as u16)
            .saturating_sub(if bar_width > 0 { bar_width + 1 } else { 0 });
        if bar_width > 0 && *n > 0 && counted(n) {
            let x = values.right() - count_width - 1 - bar_width;
            let bar = super::views::bar(*n, largest, bar_width as usize, g.ascii);
            put_line(
                buf,
                x,
                y,
                bar_width,
                &Line::from(Span::styled(bar, style.patch(theme.muted))),
                g,
            );
        }
        let line = Line::from(vec![
            Span::styled(mark, style),
            Span::styled(
                label,
                if *n == 0 {
                    style.patch(theme.muted)
                } else {
                    style
                },
            ),
        ]);
        put_line(
            buf,
            values.x,
            y,
            label_width + mark.width() as u16,
            &line,
            g,
        );
        if values.width > count_width {
            let x = values.right() - count_width;
            put_line(
                buf,
                x,
                y,
                count_width,
                &Line::from(Span::styled(count, style)),
                g,
            );
        }
    }
}
