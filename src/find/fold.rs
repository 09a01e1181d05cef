//! Folding text for matching: lower case, diacritics removed ("Türkiye" and "turkiye" are the
//! same word), and splitting into words. Offsets map back to the original, so matches can be
//! highlighted in the text as written.

use std::ops::ControlFlow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folded form of one character: its lower-case, mark-free decomposition ("É" → "e",
/// "ß" → "ss" is left alone: only marks are dropped, the letters stay).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for d in c.to_lowercase().flat_map(|l| std::iter::once(l).nfd()) {
        if !is_combining_mark(d) {
            out.push(d);
        }
    }
}

/// `text` folded for comparison.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A word of a text: its folded form and where it sits in the original (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`: runs of letters and digits. A possessive `'s` is not part of the word
/// ("Kazakhstan's" is the word "kazakhstan"), other apostrophes inside a word are dropped ("Xi'an"
/// is "xian"), and a hyphen separates words ("Armenia-Azerbaijan" is two), so a query need not
/// guess at punctuation.
pub fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut buf = String::new();
    for_each_word(text, &mut buf, |folded, start, end| {
        words.push(Word {
            folded: folded.to_owned(),
            start,
            end,
        })
    });
    words
}

/// Calls `f(folded, start, end)` for each word of `text`, folding into `buf` so that indexing a
/// large corpus allocates nothing per word. ASCII, most of any corpus, takes a fast path.
pub fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str, usize, usize)) {
    let _ = try_for_each_word(text, buf, |w, start, end| {
        f(w, start, end);
        ControlFlow::Continue(())
    });
}

/// [`for_each_word`], stopping as soon as `f` says so: a search that has found what it looks for
/// need not fold the rest of a long text.
pub fn try_for_each_word(
    text: &str,
    buf: &mut String,
    mut f: impl FnMut(&str, usize, usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut i = 0;
    buf.clear();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                // The whole run of ASCII letters and digits at once.
                let run = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                start.get_or_insert(run);
                let from = buf.len();
                buf.push_str(&text[run..i]);
                buf[from..].make_ascii_lowercase();
                end = i;
                continue;
            } else if b == b'\'' && start.is_some() && possessive(text, i + 1) {
                // "Kazakhstan's": the word ends here, and the 's goes with it.
                if let Some(s) = start.take() {
                    f(buf, s, end)?;
                    buf.clear();
                }
                i += 2;
                continue;
            } else if b == b'\'' && start.is_some() && next_is_alphanumeric(text, i + 1) {
                // Inside a word: skip it.
            } else if let Some(s) = start.take() {
                f(buf, s, end)?;
                buf.clear();
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_alphanumeric() || (is_combining_mark(c) && start.is_some()) {
            start.get_or_insert(i);
            fold_char(c, buf);
            end = i + len;
        } else if c == '’' && start.is_some() && possessive(text, i + len) {
            if let Some(s) = start.take() {
                f(buf, s, end)?;
                buf.clear();
            }
            i += len + 1;
            continue;
        } else if c == '’' && start.is_some() && next_is_alphanumeric(text, i + len) {
            // Inside a word: skip it.
        } else if let Some(s) = start.take() {
            f(buf, s, end)?;
            buf.clear();
        }
        i += len;
    }
    match start {
        Some(s) => f(buf, s, end),
        None => ControlFlow::Continue(()),
    }
}

/// Whether an apostrophe before `at` is a possessive: an `s` that ends the word.
fn possessive(text: &str, at: usize) -> bool {
    matches!(text.as_bytes().get(at), Some(b's' | b'S')) && !next_is_alphanumeric(text, at + 1)
}

fn next_is_alphanumeric(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("São Tomé"), "sao tome");
        assert_eq!(fold("ÉCOWAS"), "ecowas");
        assert_eq!(fold("Qazaqstan"), "qazaqstan");
        assert_eq!(fold("Việt Nam"), "viet nam");
    }

    #[test]
    fn words_keep_their_place_in_the_original() {
        let text = "Xi'an, Côte d’Ivoire — CSTO!";
        let w = words(text);
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["xian", "cote", "divoire", "csto"]);
        assert_eq!(&text[w[1].start..w[1].end], "Côte");
        assert_eq!(&text[w[3].start..w[3].end], "CSTO");
    }

    #[test]
    fn possessives_and_hyphens_split_as_a_reader_reads_them() {
        let folded =
            |text: &str| -> Vec<String> { words(text).into_iter().map(|w| w.folded).collect() };
        assert_eq!(folded("Kazakhstan's oil"), ["kazakhstan", "oil"]);
        assert_eq!(
            folded("Russia’s war, Russia's"),
            ["russia", "war", "russia"]
        );
        assert_eq!(
            folded("the states' and it's"),
            ["the", "states", "and", "it"]
        );
        assert_eq!(folded("Xi'an's sister"), ["xian", "sister"]);
        assert_eq!(
            folded("Armenia-Azerbaijan peace"),
            ["armenia", "azerbaijan", "peace"]
        );
        assert_eq!(folded("O'Brien's 'quote'"), ["obrien", "quote"]);
        let text = "Kazakhstan's";
        let w = words(text);
        assert_eq!(
            &text[w[0].start..w[0].end],
            "Kazakhstan",
            "the match is the name alone"
        );
    }

    #[test]
    fn scripts_without_case_still_split_into_words() {
        let w = words("中华人民共和国 and מדינת ישראל");
        assert_eq!(w.len(), 4);
        assert_eq!(w[0].folded, "中华人民共和国");
    }
}
