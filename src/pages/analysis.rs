//! An analysis: its row (date and title) and its page (lenses, actors, themes, implications).

use super::PageBuilder;
use crate::data::model::DateBasis;
use crate::data::{AnalysisIx, ImplicationIx, Store, Target};
use crate::doc::{Role, Span};

pub(super) fn row(data: &dyn Store, ix: AnalysisIx) -> Vec<Span> {
    vec![
        Span::new(
            &format!("{:<10} ", data.event_date(ix).to_string()),
            Role::Muted,
        ),
        Span::new(&data.name(Target::Analysis(ix)), Role::Body),
    ]
}

pub(super) fn page(b: &mut PageBuilder, data: &dyn Store, ix: AnalysisIx) {
    let a = data.analysis(ix);
    b.title(&a.title);
    let date = match a.event_date_basis {
        DateBasis::Stated => a.event_date.to_string(),
        DateBasis::Inferred => format!("{} (date inferred)", a.event_date),
    };
    let as_of = format!("as of {}", a.as_of);
    let updated = a
        .updated
        .map(|u| format!("revised {u}"))
        .unwrap_or_default();
    b.meta(&[&date, &a.perspective, &as_of, &updated]);

    let others = data.other_readings(ix);
    if !others.is_empty() {
        b.doc.gap();
        // Readings of the same event side by side are the point of having several.
        for &other in others.iter() {
            let o = data.analysis(other);
            b.link(
                Target::Analysis(other),
                vec![
                    Span::new(
                        &format!("Also read by: {}{}", o.perspective, b.g.dash),
                        Role::Label,
                    ),
                    Span::new(&o.title, Role::Link),
                ],
            );
        }
    }

    b.heading("Summary");
    b.prose(&a.summary);
    for (heading, text) in a.lenses.sections() {
        b.heading(heading);
        b.prose(text);
    }

    if b.counted("Key actors", a.actors.len()) {
        for role in &a.actors {
            let Some(actor_ix) = data.actor_ix(&role.actor) else {
                continue;
            };
            let target = Target::Actor(actor_ix);
            let mut spans = vec![Span::new(&data.actor(actor_ix).name, Role::Link)];
            if role.uncertain {
                spans.push(Span::new(" (uncertain)", Role::Warn));
            }
            spans.push(Span::new(&format!("{}{}", b.g.dash, role.role), Role::Body));
            b.link(target, spans);
            if !role.interests.is_empty() {
                b.link_note(
                    target,
                    vec![
                        Span::new("wants: ", Role::Label),
                        Span::new(&role.interests.join("; "), Role::Muted),
                    ],
                );
            }
        }
    }

    if b.counted("Themes", a.themes.len()) {
        for t in a.themes.iter().filter_map(|t| data.theme_ix(t)) {
            b.link(
                Target::Theme(t),
                vec![Span::new(&data.theme(t).name, Role::Link)],
            );
        }
    }

    if b.counted("Cross-border implications", a.implications.len()) {
        for (imp_ix, imp) in data
            .analysis_implications(ix)
            .map(ImplicationIx)
            .zip(&a.implications)
        {
            b.implication_link(data, imp_ix, None);
            let note = format!(
                "{}{}{}{}{}",
                imp.horizon.words(),
                b.g.sep,
                imp.likelihood.words(),
                b.g.sep,
                imp.confidence.words()
            );
            b.link_note(
                Target::Implication(imp_ix),
                vec![Span::new(&note, Role::Muted)],
            );
        }
    }

    if b.counted("Places", a.places.len()) {
        for p in a.places.iter().filter_map(|p| data.place_ix(p)) {
            b.place_link(data, p);
        }
    }

    if b.counted("Risks", a.risks.len()) {
        for r in &a.risks {
            b.bullet(r, Role::Body);
        }
    }
    if b.counted("Caveats", a.caveats.len()) {
        for c in &a.caveats {
            b.bullet(c, Role::Warn);
        }
    }
    b.sources("Sources", &a.sources);
}
