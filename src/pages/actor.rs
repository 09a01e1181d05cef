//! An actor: its row (name and kind) and its page (offices, analyses, peers, implications).

use super::{Glyphs, PageBuilder};
use crate::data::{ActorIx, Side, Store};
use crate::doc::{Role, Span};

pub(super) fn row(data: &dyn Store, ix: ActorIx, g: &Glyphs) -> Vec<Span> {
    let a = data.actor(ix);
    let mut meta = format!("{}{}", g.sep, a.kind.words());
    if let Some(c) = &a.country {
        meta.push_str(g.sep);
        meta.push_str(c);
    }
    vec![
        Span::new(&a.name, Role::Body),
        Span::new(&meta, Role::Muted),
    ]
}

pub(super) fn page(b: &mut PageBuilder, data: &dyn Store, ix: ActorIx) {
    let a = data.actor(ix);
    b.title(&a.name);
    let country = data
        .actor_country(ix)
        .map(|p| data.place(p).name.clone())
        .unwrap_or_default();
    let as_of = a.as_of.map(|d| format!("as of {d}")).unwrap_or_default();
    b.meta(&[a.kind.words(), &country, &as_of]);
    if !a.aliases.is_empty() {
        b.field("Also known as", &a.aliases.join(", "));
    }
    b.doc.gap();
    b.prose(&a.description);

    if b.counted("Offices", a.offices.len()) {
        for o in &a.offices {
            let to = o.to.map_or_else(|| "".to_owned(), |d| d.to_string());
            let mut text = format!("{}, {}{}{to}", o.title, o.from, b.g.range);
            if let Some(note) = &o.note {
                text.push_str(&format!(" ({note})"));
            }
            b.bullet(&text, if o.uncertain { Role::Warn } else { Role::Body });
        }
    }

    if let Some(p) = a.country.as_deref().and_then(|c| data.place_ix(c)) {
        b.heading("Country");
        b.link(
            crate::data::Target::Place(p),
            vec![Span::new(&data.place(p).name, Role::Link)],
        );
    }

    let apps = data.actor_analyses(ix);
    if b.counted("Analyses", apps.len()) {
        for app in apps.iter().take(super::MAX_LINKS) {
            let role = &data.analysis(app.analysis).actors[app.role];
            let note = if role.uncertain {
                format!("{} (uncertain)", role.role)
            } else {
                role.role.clone()
            };
            b.analysis_link(data, app.analysis, Some(&note));
        }
        b.more(apps.len());
    }

    let peers = data.actor_peers(ix);
    if b.counted("Appears with", peers.len()) {
        for &(peer, n) in peers.iter().take(super::MAX_LINKS) {
            let shared = format!("{}{}", b.g.sep, super::count(n, "analysis", "analyses"));
            b.actor_link(data, peer, &shared);
        }
        b.more(peers.len());
    }

    let imps = data.actor_implications(ix);
    for (side, heading) in [
        (Side::Origin, "Implications it drives"),
        (Side::Affected, "Implications that reach it"),
    ] {
        let these: Vec<_> = imps.iter().filter(|(_, s)| *s == side).collect();
        if b.counted(heading, these.len()) {
            for &&(imp, _) in these.iter().take(super::MAX_LINKS) {
                b.implication_link(data, imp, None);
            }
            b.more(these.len());
        }
    }
}
