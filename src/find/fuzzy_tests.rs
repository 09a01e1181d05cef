use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use proptest::prelude::*;

use super::names_with;
use crate::find::index::{need, of_names};

fn pattern(needle: &str) -> Pattern {
    Pattern::parse(needle, CaseMatching::Ignore, Normalization::Smart)
}

/// Names and queries from letters that case, accents, ligatures and graphemes make nucleo
/// match in more than one way, digits, punctuation and spaces.
const CHARS: &[char] = &[
    'a', 'b', 'e', 'l', 's', 't', 'k', 'z', 'A', 'E', 'L', 'S', 'K', 'é', 'É', 'ü', 'Ü', 'ſ', 'K',
    'İ', 'ı', 'ß', 'ﬁ', '2', '0', ' ', '-', '\'', '.', '中', '\u{301}', '\u{200d}',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..max).prop_map(|v| v.into_iter().collect())
}

/// A query: random characters, or a piece of a name with a letter changed, dropped or
/// doubled, with nucleo's syntax now and then.
fn query(names: Vec<String>) -> impl Strategy<Value = String> {
    let piece = (
        prop::sample::select(names),
        any::<prop::sample::Index>(),
        1usize..12,
        any::<prop::sample::Index>(),
        0u8..4,
        prop::sample::select(CHARS),
    )
        .prop_map(|(name, at, len, edit, how, c)| {
            let chars: Vec<char> = name.chars().collect();
            if chars.is_empty() {
                return String::from("a");
            }
            let from = at.index(chars.len());
            let mut piece: Vec<char> = chars[from..(from + len).min(chars.len())].to_vec();
            let e = edit.index(piece.len());
            match how {
                0 => piece[e] = c,
                1 if piece.len() > 1 => {
                    piece.remove(e);
                }
                2 => piece.insert(e, piece[e]),
                _ => {}
            }
            piece.into_iter().collect()
        });
    let syntax = prop::sample::select(vec!["", "^", "'", "!", "$"]);
    prop_oneof![
        (syntax.clone(), piece.clone()).prop_map(|(s, p)| format!("{s}{p}")),
        (piece.clone(), piece).prop_map(|(a, b)| format!("{a} {b}")),
        text(8),
    ]
}

fn case() -> impl Strategy<Value = (Vec<String>, String)> {
    prop::collection::vec(text(30), 1..40).prop_flat_map(|names| {
        let q = query(names.clone());
        (Just(names), q)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The letter-pair test only saves nucleo work: it never drops a name nucleo would match.
    #[test]
    fn the_letter_pairs_never_drop_a_match((names, needle) in case()) {
        let index = of_names(&names);
        let p = pattern(&needle);
        let with = names_with(&index, &p, &needle, false, true);
        let without = names_with(&index, &p, &needle, false, false);
        prop_assert_eq!(with, without);
    }
}

#[test]
fn the_letter_pairs_rule_out_names_that_cannot_match() {
    let names: Vec<String> = [
        "Regardless of",
        "Les Sables",
        "Elsewhere",
        "Türkiye",
        "LESS",
    ]
    .map(String::from)
    .to_vec();
    let index = of_names(&names);
    let needs: Vec<_> = pattern("less")
        .atoms
        .iter()
        .filter_map(|a| need(a.needle_text()))
        .collect();
    // `less` may match in two pieces, so one of its three pairs may be missing: `Les Sables`
    // holds `le` and `es`, `Elsewhere` only `ls`... and `el`, `ls` are not `less`'s pairs.
    assert_eq!(index.name_candidates(&needs), Some(vec![0, 1, 4]));
    let needs: Vec<_> = pattern("turkiye")
        .atoms
        .iter()
        .filter_map(|a| need(a.needle_text()))
        .collect();
    assert_eq!(
        index.name_candidates(&needs),
        Some(vec![3]),
        "ü counts as u"
    );
    assert_eq!(
        need(pattern("ab").atoms[0].needle_text()).map(|n| n.at_least),
        Some(1)
    );
    assert_eq!(
        need(pattern("a").atoms[0].needle_text()),
        None,
        "no pair to ask for"
    );
}
