//! A query as typed, parsed into terms: words, prefixes, phrases and the word still being typed.
//! The explorer's search box and `geolens search` both parse with [`Query::parse`], so one query
//! means one thing in both.

use super::fold::words;

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// `word*`: any word starting so.
    Prefix(String),
    /// The word still being typed: a prefix, but only once it is long enough to narrow the full
    /// text (one or two letters would match most of it); names match it at any length.
    Partial(String),
    Phrase(Vec<String>),
}

/// The letters an unfinished word needs before it searches the full text.
pub const MIN_PARTIAL: usize = 3;

/// A parsed query: the text as typed, and its terms (folded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub terms: Vec<Term>,
}

impl Query {
    /// Parses `text`. With `typing`, an unfinished last word is taken as a prefix.
    pub fn parse(text: &str, typing: bool) -> Query {
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            let quoted = i % 2 == 1;
            if quoted {
                let ws: Vec<String> = words(part).into_iter().map(|w| w.folded).collect();
                match ws.len() {
                    0 => {}
                    1 => terms.push(Term::Word(ws.into_iter().next().unwrap_or_default())),
                    _ => terms.push(Term::Phrase(ws)),
                }
                continue;
            }
            for raw in part.split_whitespace() {
                let star = raw.ends_with('*');
                let ws = words(raw);
                // Words joined by a hyphen or a slash ("post-Soviet", "Armenia–Azerbaijan") are
                // read as written: one after the other.
                if ws.len() > 1 && !star {
                    terms.push(Term::Phrase(ws.into_iter().map(|w| w.folded).collect()));
                    continue;
                }
                for (j, w) in ws.iter().enumerate() {
                    terms.push(if star && j + 1 == ws.len() {
                        Term::Prefix(w.folded.clone())
                    } else {
                        Term::Word(w.folded.clone())
                    });
                }
            }
        }
        let unfinished = typing && !text.ends_with([' ', '"']);
        if unfinished && let Some(Term::Word(w)) = terms.last().cloned() {
            *terms.last_mut().unwrap() = Term::Partial(w);
        }
        Query {
            text: text.to_owned(),
            terms,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The folded words a match must show, for highlighting and find-in-page.
    pub fn needles(&self) -> Vec<(String, bool)> {
        self.terms
            .iter()
            .flat_map(|t| match t {
                Term::Word(w) => vec![(w.clone(), false)],
                Term::Prefix(w) | Term::Partial(w) => vec![(w.clone(), true)],
                Term::Phrase(ws) => ws.iter().map(|w| (w.clone(), false)).collect(),
            })
            .collect()
    }
}
