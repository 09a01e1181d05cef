//! Synthetic titles, sentences and paragraphs.

use super::*;

/// A capitalised run of words, no final stop: a title or the tail of one.
pub(super) fn phrase(rng: &mut Rng, vocab: &Vocabulary, words: Words) -> String {
    let n = rng.words(words);
    let mut out = String::new();
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(vocab.sample(rng));
    }
    out
}

/// One sentence of about the given length, without the paragraph structure of [`prose`].
pub(super) fn sentence_text(
    rng: &mut Rng,
    vocab: &Vocabulary,
    words: Words,
    names: &[&str],
) -> String {
    let n = rng.words(words);
    let mut out = String::new();
    sentence(rng, vocab, n, names, &mut out);
    out
}

/// Prose of about the given number of words: sentences of 8 to 30 words, paragraphs of up to
/// about 130 words (the corpus's lenses are one paragraph, seldom two).
pub(super) fn prose(rng: &mut Rng, vocab: &Vocabulary, words: Words, names: &[&str]) -> String {
    let total = rng.words(words);
    let mut out = String::new();
    let mut written = 0;
    let mut in_paragraph = 0;
    while written < total {
        let n = (8 + rng.below(23)).min(total - written).max(1);
        if in_paragraph > 0 && in_paragraph + n > 130 {
            out.push_str("\n\n");
            in_paragraph = 0;
        } else if !out.is_empty() {
            out.push(' ');
        }
        sentence(rng, vocab, n, names, &mut out);
        written += n;
        in_paragraph += n;
    }
    out
}

/// Appends a sentence of `n` words: capitalised, ending in a full stop, with now and then a name
/// of the analysis, a set phrase, a comma or a quotation.
pub(super) fn sentence(
    rng: &mut Rng,
    vocab: &Vocabulary,
    n: usize,
    names: &[&str],
    out: &mut String,
) {
    let start = out.len();
    let name_at = (!names.is_empty() && rng.chance(0.4)).then(|| rng.below(n));
    let phrase_at = rng.chance(0.1).then(|| rng.below(n));
    let quote = rng.chance(0.06).then(|| {
        let from = rng.below(n);
        (from, (from + 1 + rng.below(3)).min(n - 1))
    });
    let curly = rng.chance(0.3);
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        if quote.is_some_and(|(from, _)| from == k) {
            out.push(if curly { '“' } else { '"' });
        }
        let word: &str = if name_at == Some(k) {
            rng.pick::<&str>(names)
        } else if phrase_at == Some(k) {
            rng.pick::<&str>(PHRASES)
        } else {
            vocab.sample(rng)
        };
        out.push_str(word);
        if quote.is_some_and(|(_, to)| to == k) {
            out.push(if curly { '”' } else { '"' });
        } else if k + 1 < n && rng.chance(0.06) {
            out.push(',');
        }
    }
    let first = out[start..].chars().next();
    if let Some(c) = first.filter(|c| c.is_lowercase()) {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(start..start + c.len_utf8(), &upper);
    }
    out.push('.');
}
