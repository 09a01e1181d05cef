//! The search box over the panes: the text typed, a summary, and the results grouped by kind with
//! the matched characters highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{Theme, highlighted, put_line};
use crate::app::App;
use crate::app::action::Action;
use crate::app::keymap::Mode;
use crate::app::search::{ResultRow, SearchBox};
use crate::data::Store;
use crate::find::Matched;
use crate::layout::inner;
use crate::pages;
use crate::text::sanitize;

pub(super) fn render(
    buf: &mut Buffer,
    area: Rect,
    search: &SearchBox,
    app: &App,
    data: &dyn Store,
    theme: &Theme,
) {
    if area.area() == 0 {
        return;
    }
    let g = &app.glyphs;
    Clear.render(area, buf);
    theme.pane(" Search ".to_owned(), true).render(area, buf);
    let inside = inner(area);
    if inside.area() == 0 {
        return;
    }
    // The last query comes back selected (typing replaces it), as in a browser's address bar.
    let text_style = if search.replace {
        theme.selected
    } else {
        theme.body
    };
    let input = Line::from(vec![
        Span::styled("/ ", theme.label),
        Span::styled(sanitize(&search.input).into_owned(), text_style),
        Span::styled(" ", theme.selected),
    ]);
    put_line(buf, inside.x, inside.y, inside.width, &input, g);
    let summary = if search.input.trim().is_empty() {
        "names, titles and full text; \"a phrase\", prefix*".to_owned()
    } else if search.partial() {
        format!("{} so far, searching{}", search.results.total(), g.ellipsis)
    } else if search.waiting {
        format!("searching{}", g.ellipsis)
    } else {
        let found = match search.results.total() {
            0 => "no results".to_owned(),
            1 => "1 result".to_owned(),
            n => format!("{n} results"),
        };
        let key = app
            .keymap
            .key_for(Mode::Search, Action::ShowHidden)
            .map(|k| k.label_in(g.ascii));
        match (search.results.hidden, search.past_filters, key) {
            (0, false, _) => found,
            (n, false, Some(key)) => {
                format!("{found}; {n} more hidden by filters ({key} shows them)")
            }
            (n, false, None) => format!("{found}; {n} more hidden by filters"),
            (_, true, Some(key)) => format!("{found}, past the filters ({key}: within them)"),
            (_, true, None) => format!("{found}, past the filters"),
        }
    };
    if inside.height > 1 {
        let line = Line::from(Span::styled(summary, theme.muted));
        put_line(buf, inside.x, inside.y + 1, inside.width, &line, g);
    }
    let rows = search.rows();
    let top = inside.y + 2;
    for (i, row) in rows.iter().enumerate().skip(search.offset) {
        let y = top + (i - search.offset) as u16;
        if y >= inside.bottom() {
            break;
        }
        let line = match row {
            ResultRow::Heading { kind, total } => Line::from(Span::styled(
                format!("{} ({total})", kind.title()),
                theme.heading,
            )),
            ResultRow::Hit { hit, index } => {
                let selected = *index == search.selected;
                let label = sanitize(&pages::label(data, hit.target, g)).into_owned();
                let mut spans = vec![Span::raw("  ")];
                match &hit.matched {
                    Matched::Name => spans.extend(highlighted(
                        &label,
                        &hit.highlight,
                        theme.body,
                        theme.matched,
                    )),
                    Matched::Alias(alias) => {
                        spans.push(Span::styled(label, theme.body));
                        spans.push(Span::styled(g.sep.to_owned(), theme.muted));
                        let alias = sanitize(alias).into_owned();
                        spans.extend(highlighted(
                            &alias,
                            &hit.highlight,
                            theme.muted,
                            theme.matched,
                        ));
                    }
                    Matched::Text(snippet) => {
                        spans.push(Span::styled(label, theme.body));
                        spans.push(Span::styled(g.sep.to_owned(), theme.muted));
                        let (text, marks) = snippet.shown(g.ellipsis, &hit.highlight);
                        let text = sanitize(&text).into_owned();
                        spans.extend(highlighted(&text, &marks, theme.muted, theme.matched));
                    }
                }
                let mut line = Line::from(spans);
                if selected {
                    buf.set_style(Rect::new(inside.x, y, inside.width, 1), theme.selected);
                    line = line.patch_style(theme.selected);
                }
                line
            }
        };
        put_line(buf, inside.x, y, inside.width, &line, g);
    }
}
