//! The help screen's content, generated from the keymap so it can never go stale.

use super::action::Action;
use super::keymap::{Keymap, Mode};
use crate::data::ListKind;
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
    // Digits mean two things: say which, where the keymap gives them both meanings.
    let counts = keymap.key_for(Mode::Detail, Action::Count).is_some();
    let lists = keymap.key_for(Mode::List, Action::ShowList(ListKind::Analyses));
    if let (true, Some(key)) = (counts, lists) {
        doc.gap();
        doc.push(Line {
            spans: vec![Span::new(
                &format!(
                    "Digits: in a list they pick the lists ({} is Analyses); in the detail pane \
                     and when comparing they are a count for the next move (5j, 3}}, 2 Tab).",
                    key.label_in(ascii)
                ),
                Role::Muted,
            )],
            ..Line::default()
        });
    }
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
