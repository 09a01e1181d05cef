//! A theme: its row (indented under its parent) and its page (analyses, sub-themes, related).

use super::PageBuilder;
use crate::data::Target;
use crate::data::{Store, ThemeIx};
use crate::doc::{Role, Span};

pub(super) fn row(data: &dyn Store, ix: ThemeIx) -> Vec<Span> {
    let t = data.theme(ix);
    let depth = std::iter::successors(data.theme_parent(ix), |&p| data.theme_parent(p))
        .take(8)
        .count();
    let n = data.theme_analyses(ix).len();
    vec![
        Span::new(&"  ".repeat(depth), Role::Body),
        Span::new(&t.name, if depth == 0 { Role::Label } else { Role::Body }),
        Span::new(&format!(" ({n})"), Role::Muted),
    ]
}

/// The row without the indentation under a parent, for lists sorted other than as a tree.
pub(super) fn flat_row(data: &dyn Store, ix: ThemeIx) -> Vec<Span> {
    let mut spans = row(data, ix);
    spans.remove(0);
    spans
}

pub(super) fn page(b: &mut PageBuilder, data: &dyn Store, ix: ThemeIx) {
    let t = data.theme(ix);
    b.title(&t.name);
    b.meta(&["theme"]);
    b.doc.gap();
    b.prose(&t.description);

    if let Some(p) = data.theme_parent(ix) {
        b.heading("Part of");
        b.link(
            Target::Theme(p),
            vec![Span::new(&data.theme(p).name, Role::Link)],
        );
    }

    let children = data.theme_children(ix);
    if b.counted("Sub-themes", children.len()) {
        for &c in children.iter() {
            let n = data.theme_analyses(c).len();
            b.link(
                Target::Theme(c),
                vec![
                    Span::new(&data.theme(c).name, Role::Link),
                    Span::new(&format!(" ({n})"), Role::Muted),
                ],
            );
        }
    }

    let links = data.theme_analyses(ix);
    if b.counted("Analyses", links.len()) {
        for link in links.iter().take(super::MAX_LINKS) {
            let via = (link.via != ix).then(|| format!("via {}", data.theme(link.via).name));
            b.analysis_link(data, link.analysis, via.as_deref());
        }
        b.more(links.len());
    }

    let related = data.theme_related(ix);
    if b.counted("Related themes", related.len()) {
        for &(other, n) in related.iter().take(super::MAX_LINKS) {
            let shared = super::count(n, "shared analysis", "shared analyses");
            b.link(
                Target::Theme(other),
                vec![
                    Span::new(&data.theme(other).name, Role::Link),
                    Span::new(&format!("{}{shared}", b.g.sep), Role::Muted),
                ],
            );
        }
        b.more(related.len());
    }
}
