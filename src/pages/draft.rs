//! An imported draft beside its source text: each sentence of the text with the part of the
//! analysis it went to and why, then the text exactly as imported. A reviewer reads down it to
//! check every placement the import made.

use super::PageBuilder;
use crate::data::model::{Analysis, Draft, LensConfidence};
use crate::data::{AnalysisIx, Store};
use crate::doc::{Line, Role, Span};

/// The "draft" chip of a list row and a page's meta line.
pub const CHIP: &str = "[draft]";

pub(super) fn page(b: &mut PageBuilder, data: &dyn Store, ix: AnalysisIx) {
    let a = data.analysis(ix);
    let Some(draft) = &a.draft else {
        // Not a draft: nothing imported to show beside it.
        b.title(&a.title);
        b.bullet("This analysis was not imported from text.", Role::Muted);
        return;
    };
    b.title(&a.title);
    b.meta(&[
        CHIP,
        "source text",
        &format!("imported from {}", draft.source),
    ]);
    b.bullet(
        "Each sentence of the text, then where it went. D goes back to the draft.",
        Role::Muted,
    );
    b.heading(&format!("Sentences ({})", draft.sentences.len()));
    for (i, s) in draft.sentences.iter().enumerate() {
        b.doc.gap();
        b.doc.push(Line {
            spans: vec![
                Span::new(&format!("{:<4}", format!("{}.", i + 1)), Role::Muted),
                Span::new(&s.text, Role::Body),
            ],
            indent: 0,
            hang: 4,
            ..Line::default()
        });
        let lens = match &s.title {
            Some(t) => t.clone(),
            None => s.lens.words().to_owned(),
        };
        let how = match s.lens_confidence {
            LensConfidence::Cue => Role::Label,
            LensConfidence::Position => Role::Label,
            LensConfidence::Guessed => Role::Warn,
        };
        let mut spans = vec![
            Span::new(&format!("{} {lens}", b.g.arrow), how),
            Span::new(
                &format!("{}{}: {}", b.g.sep, s.lens_confidence.words(), s.why),
                Role::Muted,
            ),
        ];
        if !s.hedges.is_empty() {
            spans.push(Span::new(
                &format!("{}hedged: {}", b.g.sep, s.hedges.join(", ")),
                Role::Warn,
            ));
        }
        b.doc.push(Line {
            spans,
            indent: 4,
            hang: 2,
            ..Line::default()
        });
    }
    review(b, draft);
    b.heading("The text as imported");
    b.prose(&draft.source_text);
}

/// The chip on a draft's page: that it is one, and what it lacks to be published (what plain
/// `geolens check` would ask for): `[draft: needs event_date, updated, sources]`.
pub(super) fn chip(a: &Analysis) -> String {
    if !a.is_draft() {
        return String::new();
    }
    match a.unfinished() {
        missing if missing.is_empty() => CHIP.to_owned(),
        missing => format!("[draft: needs {}]", missing.join(", ")),
    }
}

/// What a person must still check, as the import listed it.
pub(super) fn review(b: &mut PageBuilder, draft: &Draft) {
    if b.counted("Needs a human", draft.review.len()) {
        for r in &draft.review {
            b.bullet(r, Role::Warn);
        }
    }
}

/// The block that opens a draft's page: where it came from and how to check it.
pub(super) fn notice(b: &mut PageBuilder, a: &Analysis) {
    if let Some(draft) = &a.draft {
        b.doc.gap();
        b.bullet(
            &format!(
                "Draft imported from {} on {}, not yet reviewed: {} to check, listed at the end. D shows each sentence of the text beside where it went.",
                draft.source,
                draft.imported,
                match draft.review.len() {
                    1 => "1 thing".to_owned(),
                    n => format!("{n} things"),
                }
            ),
            Role::Warn,
        );
    }
}
