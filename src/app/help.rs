//! The help screen's content, generated from the keymap so it can never go stale.

use super::keymap::{Keymap, Mode};
use crate::doc::{Doc, Line, Role, Span};

pub fn doc(keymap: &Keymap, ascii: bool) -> Doc {
    let mut doc = Doc::default();
    doc.push(Line {
        spans: vec![Span::new("Keys", Role::Title)],
        ..Line::default()
    });
    let sections = Mode::ALL;
    let rows: Vec<_> = sections.iter().map(|&m| (m, keymap.rows(m))).collect();
    let key_width = rows
        .iter()
        .flat_map(|(_, r)| r.iter())
        .map(|(keys, _)| keys_label(keys, ascii).chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for (mode, rows) in rows {
        if rows.is_empty() {
            continue;
        }
        doc.gap();
        doc.push(Line {
            spans: vec![Span::new(mode.title(), Role::Heading)],
            ..Line::default()
        });
        for (keys, action) in rows {
            let label = keys_label(&keys, ascii);
            let pad = key_width.saturating_sub(label.chars().count()) + 2;
            doc.push(Line {
                spans: vec![
                    Span::new(&label, Role::Label),
                    Span::new(&" ".repeat(pad), Role::Body),
                    Span::new(action.describe(), Role::Body),
                ],
                link: None,
                indent: 2,
                hang: key_width as u16 + 2,
            });
        }
    }
    doc
}

fn keys_label(keys: &[crate::keys::Key], ascii: bool) -> String {
    keys.iter()
        .map(|k| k.label_in(ascii))
        .collect::<Vec<_>>()
        .join(", ")
}
