//! A place: its row (name and code or kind) and its page (membership, analyses, the implications
//! that start there or reach it, directly or through a region or bloc).

use super::{Glyphs, PageBuilder};
use crate::data::Target;
use crate::data::model::PlaceKind;
use crate::data::{PlaceIx, Side, Store};
use crate::doc::{Role, Span};

pub(super) fn row(data: &dyn Store, ix: PlaceIx, g: &Glyphs) -> Vec<Span> {
    let p = data.place(ix);
    let tag = match p.kind {
        PlaceKind::Country => p.id.clone(),
        kind => kind.words().to_owned(),
    };
    vec![
        Span::new(&p.name, Role::Body),
        Span::new(&format!("{}{tag}", g.sep), Role::Muted),
    ]
}

pub(super) fn page(b: &mut PageBuilder, data: &dyn Store, ix: PlaceIx) {
    let p = data.place(ix);
    b.title(&p.name);
    let code = if p.kind == PlaceKind::Country {
        p.id.as_str()
    } else {
        ""
    };
    let deg = b.g.degree;
    let centre = format!(
        "centre {:.1}{deg}{} {:.1}{deg}{}",
        p.centroid.lat.abs(),
        if p.centroid.lat >= 0.0 { 'N' } else { 'S' },
        p.centroid.lon.abs(),
        if p.centroid.lon >= 0.0 { 'E' } else { 'W' }
    );
    b.meta(&[p.kind.words(), code, &centre]);
    if !p.aliases.is_empty() {
        b.field("Also known as", &p.aliases.join(", "));
    }

    let groups = data.place_groups(ix);
    if b.counted("Member of", groups.len()) {
        for &g in groups.iter() {
            b.link(
                Target::Place(g),
                vec![Span::new(&data.place(g).name, Role::Link)],
            );
        }
    }
    let partly = data.place_partly_in(ix);
    if b.counted("Partly in, or on the shore of", partly.len()) {
        for &g in partly.iter() {
            b.link(
                Target::Place(g),
                vec![Span::new(&data.place(g).name, Role::Link)],
            );
        }
    }
    let members = data.place_members(ix);
    if b.counted("Members", members.len()) {
        for &m in members.iter() {
            b.link(
                Target::Place(m),
                vec![Span::new(&data.place(m).name, Role::Link)],
            );
        }
    }
    let touching = data.place_touching(ix);
    let heading = match data.place_kind(ix) {
        PlaceKind::Waterway => "On its shores",
        _ => "Partly in it",
    };
    if b.counted(heading, touching.len()) {
        for &m in touching.iter() {
            b.link(
                Target::Place(m),
                vec![Span::new(&data.place(m).name, Role::Link)],
            );
        }
    }

    let analyses = data.place_analyses(ix);
    if b.counted("Analyses concerning it", analyses.len()) {
        for &a in analyses.iter().take(super::MAX_LINKS) {
            b.analysis_link(data, a, None);
        }
        b.more(analyses.len());
    }

    let links = data.place_implications(ix);
    for (side, heading) in [
        (Side::Origin, "Implications that start here"),
        (Side::Affected, "Implications that reach it"),
    ] {
        let these: Vec<_> = links.iter().filter(|l| l.side == side).collect();
        if b.counted(heading, these.len()) {
            for link in these.iter().take(super::MAX_LINKS) {
                let via = link
                    .via
                    .map(|v| format!("via {}", data.name(Target::Place(v))));
                b.implication_link(data, link.implication, via.as_deref());
            }
            b.more(these.len());
        }
    }

    let actors = data.place_actors(ix);
    if b.counted("Actors based here", actors.len()) {
        for &a in actors.iter().take(super::MAX_LINKS) {
            let kind = format!("{}{}", b.g.sep, data.actor_kind(a).words());
            b.actor_link(data, a, &kind);
        }
        b.more(actors.len());
    }
}
