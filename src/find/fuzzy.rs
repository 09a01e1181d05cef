//! The names pass of a search: every name an entity is known by, matched fuzzily with nucleo,
//! after cheap tests that rule most names out without it.

use nucleo_matcher::pattern::Pattern;
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fold::fold;
use super::index::{DocId, NameKind, Names, SearchIndex, need, needle_mask};
use super::search::kind_rank;
use crate::data::ListKind;

/// An exact name beats a name that starts with the query, which beats a fuzzy one.
const EXACT: u32 = 100_000;
const PREFIX: u32 = 50_000;

fn name_rank(kind: NameKind) -> u32 {
    match kind {
        NameKind::Primary => 300,
        NameKind::Alias => 200,
        NameKind::Code => 100,
    }
}

/// From this many names on, the pass runs on two threads.
const TWO_THREADS_FROM: usize = 20_000;

/// What every name is tested against.
struct Tests<'a> {
    pattern: &'a Pattern,
    folded_needle: String,
    /// Short words, which must occur whole (see `fuzzy_name`).
    whole: Vec<String>,
    /// The letters and digits every match holds.
    needed: u64,
    quick: bool,
    docs: usize,
}

/// The names that match `pattern`, in the order of the names: (document, score, name). With
/// `quick`, only the names of places, actors and themes.
pub(super) fn names(
    index: &SearchIndex,
    pattern: &Pattern,
    needle: &str,
    quick: bool,
) -> Vec<(DocId, u32, u32)> {
    names_with(index, pattern, needle, quick, true)
}

/// [`names`], with the letter-pair test (`index::pairs`) or without it, which must not change
/// what is found.
pub(super) fn names_with(
    index: &SearchIndex,
    pattern: &Pattern,
    needle: &str,
    quick: bool,
    pairs: bool,
) -> Vec<(DocId, u32, u32)> {
    let names = index.names();
    let tests = Tests {
        pattern,
        folded_needle: fold(needle.trim()),
        // A short word must match in one piece (see `fuzzy_name`): a plain substring test on the
        // folded name rules out most names before nucleo looks at them. (Not a negated word,
        // `!eu`, which a name must not hold.)
        whole: pattern
            .atoms
            .iter()
            .filter(|a| !a.negative)
            .map(|a| a.needle_text().to_string())
            .filter(|w| w.len() < 4 && w.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        // Every letter and digit of a word must be in a name for nucleo to match it there: one
        // test of the names' masks rules most of them out before their text is read.
        needed: pattern
            .atoms
            .iter()
            .filter(|a| !a.negative)
            .fold(0, |m, a| m | needle_mask(a.needle_text())),
        quick,
        docs: index.doc_count(),
    };
    // Names are laid out document by document, so the quick pass skips the analyses' titles
    // (they come first).
    let from = match quick {
        true => names.first_of(index.counts()[0]),
        false => 0,
    };
    let to = names.len();
    // The names whose letter pairs allow a match; the others need not be read at all.
    let needs: Vec<_> = match pairs {
        true => pattern
            .atoms
            .iter()
            .filter(|a| !a.negative)
            .filter_map(|a| need(a.needle_text()))
            .collect(),
        false => Vec::new(),
    };
    let ids: Vec<u32> = match index.name_candidates(&needs) {
        Some(mut ids) => {
            ids.retain(|&i| (i as usize) >= from);
            ids
        }
        None => (from as u32..to as u32).collect(),
    };
    if ids.len() < TWO_THREADS_FROM {
        return run(index, &names, &tests, &ids);
    }
    let (a, b) = ids.split_at(ids.len() / 2);
    let (mut first, second) = std::thread::scope(|scope| {
        let other = scope.spawn(|| run(index, &names, &tests, b));
        let first = run(index, &names, &tests, a);
        (first, other.join().unwrap_or_default())
    });
    first.extend(second);
    first
}

fn run(
    index: &SearchIndex,
    names: &Names<'_>,
    t: &Tests<'_>,
    ids: &[u32],
) -> Vec<(DocId, u32, u32)> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let (mut chars, mut indices, mut out) = (Vec::new(), Vec::new(), Vec::new());
    for &i in ids {
        let i = i as usize;
        if names.mask(i) & t.needed != t.needed {
            continue;
        }
        let Some(name) = names.get(i) else { continue };
        if name.doc as usize >= t.docs {
            continue;
        }
        let kind = index.target(name.doc).list();
        if t.quick && matches!(kind, ListKind::Analyses | ListKind::Implications) {
            continue;
        }
        if !t.whole.iter().all(|w| name.folded.contains(w.as_str())) {
            continue;
        }
        // Most names do not match at all, which the plain score finds out faster than indices
        // (unless the substring test above has already ruled most of them out).
        let haystack = name.utf32(&mut chars);
        if t.whole.is_empty() && t.pattern.score(haystack, &mut matcher).is_none() {
            continue;
        }
        indices.clear();
        let Some(fuzzy) = fuzzy_name(t.pattern, haystack, &mut matcher, &mut indices) else {
            continue;
        };
        let exactness = if name.folded == t.folded_needle {
            EXACT
        } else if name.folded.starts_with(&t.folded_needle) {
            PREFIX
        } else {
            0
        };
        let score = exactness + fuzzy + name_rank(name.kind) + kind_rank(kind);
        out.push((name.doc, score, i as u32));
    }
    out
}

/// nucleo rewards letters at word starts so generously that "astana" matches "Middle eAST And
/// North Africa". A reader means a name that holds each typed word in a few pieces (a typo, a
/// skipped letter), not letters gathered from across a title: so each word of the query may
/// match in at most one piece per four letters, plus one.
pub(super) fn fuzzy_name(
    pattern: &Pattern,
    haystack: Utf32Str<'_>,
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Option<u32> {
    let mut total = 0;
    let mut mine = Vec::new();
    // Keep in step with the prefilter in `run`, which relies on words under four letters
    // matching in one piece.
    for atom in &pattern.atoms {
        mine.clear();
        total += atom.indices(haystack, matcher, &mut mine)? as u32;
        mine.sort_unstable();
        mine.dedup();
        let runs = 1 + mine.windows(2).filter(|w| w[1] != w[0] + 1).count();
        if runs > 1 + atom.needle_text().len() / 4 {
            return None;
        }
        indices.extend_from_slice(&mine);
    }
    indices.sort_unstable();
    indices.dedup();
    Some(total)
}

#[cfg(test)]
#[path = "fuzzy_tests.rs"]
mod tests;
