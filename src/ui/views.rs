//! What the views share: the strip naming them (with their keys), the menu `v` opens, the note
//! shown when the body is too small for a view, the shading of counts, and the dispatch to each
//! view's drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{Theme, put_line};
use crate::app::App;
use crate::app::action::Action;
use crate::app::keymap::Mode;
use crate::app::screen::{Screen, VIEW_MIN, ViewMenu};
use crate::data::Store;
use crate::layout::inner;

/// Draws the view shown into the body.
pub(super) fn render(buf: &mut Buffer, body: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let title = format!(" {} ", app.screen.title());
    if too_small(buf, body, app, theme, &title) {
        return;
    }
    match app.screen {
        Screen::Explorer | Screen::Compare | Screen::Forecasts => {}
        Screen::Matrix => super::matrix::render(buf, body, app, data, theme),
        Screen::Map => super::map::render(buf, body, app, data, theme),
        Screen::Outlook => super::outlook::render(buf, body, app, theme),
        Screen::Timeline => super::timeline::render(buf, body, app, data, theme),
    }
}

/// Below a view's minimum, says so in the body instead of drawing a garbled view.
fn too_small(buf: &mut Buffer, body: Rect, app: &App, theme: &Theme, title: &str) -> bool {
    let (w, h) = VIEW_MIN;
    let size = app.size;
    if size.width >= w && size.height >= h {
        return false;
    }
    let inside = frame(buf, body, title.to_owned(), theme);
    let lines = [
        format!("Needs {w}x{h} to draw"),
        format!("the {}", app.screen.title().to_lowercase()),
        format!("(this is {}x{});", size.width, size.height),
        "Backspace goes back".to_owned(),
    ];
    for (i, text) in lines.iter().enumerate().take(inside.height as usize) {
        let line = Line::from(Span::styled(text.as_str(), theme.warn));
        put_line(
            buf,
            inside.x,
            inside.y + i as u16,
            inside.width,
            &line,
            &app.glyphs,
        );
    }
    true
}

/// The strip under the header in a view: every view by name with its key, the shown one
/// reversed. Names shrink to fit.
pub(super) fn tabs(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let keymap = &app.keymap;
    let key = |screen: Screen| match screen {
        Screen::Explorer => "1-5".to_owned(),
        s => keymap
            .key_for(Mode::Global, Action::ShowView(s))
            .map(|k| k.label_in(app.glyphs.ascii))
            .unwrap_or_default(),
    };
    let short = |screen: Screen| match screen {
        Screen::Explorer => "Lists",
        Screen::Compare => "Compare",
        Screen::Forecasts => "Forecasts",
        Screen::Matrix => "Matrix",
        Screen::Map => "Map",
        Screen::Outlook => "Outlook",
        Screen::Timeline => "Timeline",
    };
    let names: Vec<(String, bool)> = Screen::ALL
        .iter()
        .map(|&s| (format!("{} {}", key(s), short(s)), s == app.screen))
        .collect();
    super::chrome::tab_strip(buf, area, names, &[5], app, theme);
}

/// The menu of views, over the body.
pub(super) fn menu(buf: &mut Buffer, area: Rect, menu: &ViewMenu, app: &App, theme: &Theme) {
    let width = area.width.min(64);
    let height = (Screen::ALL.len() as u16 + 2).min(area.height);
    let area = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    if area.area() == 0 {
        return;
    }
    Clear.render(area, buf);
    theme.pane(" Views ".to_owned(), true).render(area, buf);
    let inside = inner(area);
    for (i, &screen) in Screen::ALL.iter().enumerate().take(inside.height as usize) {
        let y = inside.y + i as u16;
        let key = match screen {
            Screen::Explorer => "1-5".to_owned(),
            s => app
                .keymap
                .key_for(Mode::Global, Action::ShowView(s))
                .map(|k| k.label_in(app.glyphs.ascii))
                .unwrap_or_default(),
        };
        let what = match screen {
            Screen::Explorer => "the lists and the detail",
            Screen::Compare => "the two marked items side by side",
            Screen::Forecasts => "how the forecasts did",
            Screen::Matrix => "where implications start and end",
            Screen::Map => "the places and routes, drawn",
            Screen::Outlook => "likelihood by horizon",
            Screen::Timeline => "analyses by month or quarter",
        };
        let style = if i == menu.selected {
            theme.selected
        } else {
            theme.body
        };
        buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
        let line = Line::from(vec![
            Span::styled(format!(" {key:>3}  "), style.patch(theme.label)),
            Span::styled(format!("{:<13}", screen.title()), style),
            Span::styled(what, style.patch(theme.muted)),
        ]);
        put_line(buf, inside.x, y, inside.width, &line, &app.glyphs);
    }
}

/// A view's frame: a border with a title when the body has room for one, else the bare body
/// (the strip above already names the view), so a 40x12 terminal keeps every row for the view.
pub(super) fn frame(buf: &mut Buffer, area: Rect, title: String, theme: &Theme) -> Rect {
    if area.height >= 12 {
        theme.pane(title, true).render(area, buf);
        inner(area)
    } else {
        area
    }
}

/// One character for how big a value is beside the largest, for shading cells without colour.
pub(super) fn shade(value: f64, max: f64, ascii: bool) -> &'static str {
    const UNICODE: [&str; 5] = ["·", "░", "▒", "▓", "█"];
    const ASCII: [&str; 5] = [".", ":", "+", "*", "#"];
    let set = if ascii { &ASCII } else { &UNICODE };
    if value <= 0.0 || max <= 0.0 {
        return set[0];
    }
    let level = ((value / max) * 4.0).ceil().clamp(1.0, 4.0) as usize;
    set[level]
}

/// A horizontal bar `value / max` of `width` cells, in eighths of a cell (or `#` in ASCII).
pub(super) fn bar(value: usize, max: usize, width: usize, ascii: bool) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if max == 0 || value == 0 {
        return String::new();
    }
    let eighths = (value * width * 8).div_ceil(max).max(1);
    if ascii {
        return "#".repeat(eighths.div_ceil(8).min(width));
    }
    let mut out = "█".repeat(eighths / 8);
    out.push_str(EIGHTHS[eighths % 8]);
    out
}

/// A cell's style: the cursor reversed, the busiest cells bold.
pub(super) fn cell_style(theme: &Theme, cursor: bool, value: f64, max: f64) -> Style {
    if cursor {
        theme.selected
    } else if max > 0.0 && value * 4.0 > max * 3.0 {
        theme.label
    } else if value <= 0.0 {
        theme.muted
    } else {
        theme.body
    }
}

/// A count as shown in a cell: an integer, or with `weighted` one decimal.
pub(super) fn figure(value: f64, weighted: bool) -> String {
    if weighted {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

/// Where the status line's right end says the cursor is, in a view.
pub(super) fn position(app: &App) -> String {
    let v = &app.views;
    match app.screen {
        Screen::Explorer | Screen::Compare | Screen::Forecasts => String::new(),
        Screen::Matrix => {
            let m = &v.matrix;
            let (r, c) = m.cursor();
            format!(" {}:{} ", r + 1, c + 1)
        }
        Screen::Map => {
            let n = v.map.numbers.places.len();
            format!(" {n} places ")
        }
        Screen::Outlook => format!(" {} ", v.outlook.selected().count),
        Screen::Timeline => {
            let t = &v.timeline;
            let (_, p) = t.cursor();
            if t.numbers.periods == 0 {
                " ".to_owned()
            } else {
                format!(" {} ", t.numbers.label(p))
            }
        }
    }
}
