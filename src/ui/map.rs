//! The world map: ratatui's Canvas with its built-in world outline, in braille (or, under
//! `--ascii`, in plain characters), the busiest routes between the places the filtered
//! implications name, those places as points, the selected implication's routes drawn heavier
//! with its places named, and the selected place named in reverse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as Segment, Map, MapResolution};

use super::views::frame;
use super::{Theme, put_line};
use crate::app::App;
use crate::data::{ListKind, PlaceIx, Side, Store, Target};
use crate::find::flows::named;
use crate::pages;
use crate::text::sanitize;

fn color(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

pub(super) fn render(buf: &mut Buffer, area: Rect, app: &App, data: &dyn Store, theme: &Theme) {
    let v = &app.views.map;
    let g = &app.glyphs;
    let geo = app.views.geo.as_ref();
    let zoom = match v.zoom {
        Some(r) => format!("{}{}", g.sep, data.name(Target::Place(r))),
        None => String::new(),
    };
    let title = format!(
        " World map{zoom}{}the busiest of {} routes ",
        g.sep, v.numbers.route_count
    );
    let inside = frame(buf, area, sanitize(&title).into_owned(), theme);
    if inside.area() == 0 {
        return;
    }
    let info_lines: u16 = if inside.height >= 10 { 2 } else { 1 };
    let canvas_area = Rect::new(
        inside.x,
        inside.y,
        inside.width,
        inside.height.saturating_sub(info_lines),
    );
    let bounds = v.bounds(data, geo);
    let in_view = v.in_view(data, bounds);
    let place = v.selected(&in_view);
    let pane = &app.lists[ListKind::Implications.index()];
    let implication = match pane.selected {
        Some(Target::Implication(ix)) => Some(ix),
        _ => None,
    };
    let ends = |side| match (implication, geo) {
        (Some(ix), Some(geo)) => named(data, ix, side, geo),
        _ => Vec::new(),
    };
    let (origins, affected) = (ends(Side::Origin), ends(Side::Affected));
    let at = |p: PlaceIx| {
        let c = data.place_centroid(p);
        (c.lon, c.lat)
    };
    let ascii = g.ascii;
    let (land, route, heavy, point) = if ascii {
        (
            Marker::Custom('.'),
            Marker::Custom('-'),
            Marker::Custom('#'),
            "o",
        )
    } else {
        (Marker::Braille, Marker::Braille, Marker::Custom('•'), "◦")
    };
    let canvas = Canvas::default()
        .x_bounds([bounds.0, bounds.1])
        .y_bounds([bounds.2, bounds.3])
        .marker(land)
        .paint(|ctx| {
            ctx.draw(&Map {
                resolution: MapResolution::High,
                color: color(theme.muted),
            });
            ctx.marker(route);
            // As many routes as the map has room to show apart, those with an end in view.
            let room = (canvas_area.area() as usize / 80).clamp(8, v.numbers.routes.len().max(8));
            let inside_bounds = |p: PlaceIx| {
                let (x, y) = at(p);
                (bounds.0..=bounds.1).contains(&x) && (bounds.2..=bounds.3).contains(&y)
            };
            let drawn = v
                .numbers
                .routes
                .iter()
                .filter(|r| inside_bounds(r.from) || inside_bounds(r.to))
                .take(room);
            for r in drawn {
                let (a, b) = (at(r.from), at(r.to));
                ctx.draw(&Segment::new(a.0, a.1, b.0, b.1, color(theme.link)));
            }
            ctx.marker(heavy);
            for &a in &origins {
                for &b in &affected {
                    let (a, b) = (at(a), at(b));
                    ctx.draw(&Segment::new(a.0, a.1, b.0, b.1, color(theme.warn)));
                }
            }
            for &p in &in_view {
                let (x, y) = at(p);
                ctx.print(x, y, Span::styled(point, theme.label));
            }
            for &p in origins.iter().chain(&affected).take(6) {
                let (x, y) = at(p);
                let name = sanitize(&data.name(Target::Place(p))).into_owned();
                ctx.print(x, y, Span::styled(format!("{point}{name}"), theme.label));
            }
            if let Some(p) = place {
                let (x, y) = at(p);
                let name = sanitize(&data.name(Target::Place(p))).into_owned();
                let mark = if ascii { "@" } else { "◉" };
                ctx.print(x, y, Span::styled(format!("{mark}{name}"), theme.selected));
            }
        });
    canvas.render(canvas_area, buf);

    let y = canvas_area.bottom();
    let place_line = match place {
        Some(p) => {
            let n = v
                .numbers
                .places
                .iter()
                .find(|(x, _)| *x == p)
                .map_or(0, |(_, n)| *n);
            let at = in_view.iter().position(|&x| x == p).map_or(0, |i| i + 1);
            Line::from(vec![
                Span::styled(format!(" Place {at}/{}: ", in_view.len()), theme.label),
                Span::styled(
                    sanitize(&data.name(Target::Place(p))).into_owned(),
                    theme.body,
                ),
                Span::styled(
                    format!(
                        "{}named by {n} implication{}{}Enter opens it",
                        g.sep,
                        if n == 1 { "" } else { "s" },
                        g.sep
                    ),
                    theme.muted,
                ),
            ])
        }
        None => Line::from(Span::styled(" No place in view", theme.muted)),
    };
    put_line(buf, inside.x, y, inside.width, &place_line, g);
    if info_lines > 1 {
        let line = match implication {
            Some(ix) => {
                let row = pane.selected_row().map_or(0, |r| r + 1);
                Line::from(vec![
                    Span::styled(
                        format!(" Implication {row}/{}: ", pane.rows.len()),
                        theme.label,
                    ),
                    Span::styled(
                        sanitize(&pages::implication_route(data, ix, g)).into_owned(),
                        theme.body,
                    ),
                ])
            }
            None => Line::from(Span::styled(
                " No implication passes the filters",
                theme.muted,
            )),
        };
        put_line(buf, inside.x, y + 1, inside.width, &line, g);
    }
}
