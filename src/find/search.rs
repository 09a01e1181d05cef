//! Search: a query against the index, results ranked and grouped by kind.
//!
//! Names (titles, names, aliases, codes) are matched fuzzily with nucleo, the matcher helix uses;
//! the full text is matched by words, all of which must occur: `middle corridor` finds both words
//! anywhere, `"middle corridor"` only the phrase, `corr*` any word starting so. While typing, the
//! last word counts as a prefix, so results appear before a word is finished (`query` parses).

use std::cmp::Reverse;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::Filter;
use super::fold::{fold, words};
use super::index::{DocId, NameKind, Posting, SearchIndex, fields_of};
pub use super::query::{MIN_PARTIAL, Query, Term};
use crate::data::{Entity, ListKind, Store, Target};

/// How a hit matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// Its name or title (highlighted in `label`).
    Name,
    /// Another name it is known by, shown after the label.
    Alias(String),
    /// Its text: a snippet around the first match.
    Text(Snippet),
}

/// A few words of an entity's text around a match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Whether the text goes on before and after: the screen shows an ellipsis there.
    pub cut_before: bool,
    pub cut_after: bool,
}

impl Snippet {
    /// The snippet with `ellipsis` where it was cut, and `highlight` shifted to match.
    pub fn shown(&self, ellipsis: &str, highlight: &[u32]) -> (String, Vec<u32>) {
        let mut text = String::new();
        if self.cut_before {
            text.push_str(ellipsis);
            text.push(' ');
        }
        let shift = text.chars().count() as u32;
        text.push_str(&self.text);
        if self.cut_after {
            text.push(' ');
            text.push_str(ellipsis);
        }
        (text, highlight.iter().map(|i| i + shift).collect())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub score: u32,
    pub matched: Matched,
    /// Character indices to highlight: in the label for `Name`, in the alias or snippet otherwise.
    pub highlight: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub kind: ListKind,
    /// How many matched; `hits` may hold fewer.
    pub total: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub query: Query,
    /// Groups ordered by their best hit.
    pub groups: Vec<Group>,
    /// False for the quick first pass ([`quick_search`]): more may come.
    pub complete: bool,
    /// How many more items match but are hidden by the filters.
    pub hidden: usize,
}

impl Results {
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.total).sum()
    }

    /// The shown hits in display order.
    pub fn hits(&self) -> impl Iterator<Item = &Hit> {
        self.groups.iter().flat_map(|g| g.hits.iter())
    }
}

/// How many hits of each kind a search returns (the total is counted in full).
pub const PER_GROUP: usize = 50;

/// Ranking weights. A name beats text (see `fuzzy` for names); kinds break ties in the order a
/// reader most often means (a place before the government of that place).
const TEXT_WEIGHT: u32 = 40;

pub(super) fn kind_rank(kind: ListKind) -> u32 {
    match kind {
        ListKind::Places => 5,
        ListKind::Actors => 4,
        ListKind::Themes => 3,
        ListKind::Analyses => 2,
        ListKind::Implications => 1,
    }
}

/// Searches everything that passes `filter` (all of it when the filter is empty).
pub fn search(
    index: &SearchIndex,
    data: &dyn Store,
    query: &Query,
    filter: &Filter,
    per_group: usize,
) -> Results {
    run(index, data, query, filter, per_group, Pass::Full)
}

/// The quick first pass of a search on a large dataset: the names of places, actors and themes
/// only (thousands, where titles and texts run to hundreds of thousands), to show while the full
/// search runs. Its results say they are not complete.
pub fn quick_search(
    index: &SearchIndex,
    data: &dyn Store,
    query: &Query,
    filter: &Filter,
    per_group: usize,
) -> Results {
    run(index, data, query, filter, per_group, Pass::Quick)
}

/// The word-index part of a search alone: documents whose text holds the query, without the
/// fuzzy pass over names. The benchmarks time it apart from the names; its results are complete
/// for the text only.
pub fn text_search(
    index: &SearchIndex,
    data: &dyn Store,
    query: &Query,
    filter: &Filter,
    per_group: usize,
) -> Results {
    run(index, data, query, filter, per_group, Pass::Text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Names of places, actors and themes.
    Quick,
    /// The full text only.
    Text,
    /// Everything.
    Full,
}

/// Marks a document matched by its text alone.
const NO_NAME: u32 = u32::MAX;

fn run(
    index: &SearchIndex,
    data: &dyn Store,
    query: &Query,
    filter: &Filter,
    per_group: usize,
    pass: Pass,
) -> Results {
    let complete = pass != Pass::Quick;
    if query.is_empty() {
        return Results {
            query: query.clone(),
            groups: Vec::new(),
            complete,
            hidden: 0,
        };
    }
    // Each document's best score so far (0: no match) and the name that gave it. Hits are built
    // only for the few shown: a short query matches most of a large archive.
    let docs = index.doc_count();
    let mut best: Vec<(u32, u32)> = vec![(0, NO_NAME); docs];

    // Names, fuzzily. Quotes and stars are syntax for the word search, not part of a name.
    let needle: String = query.text.replace(['"', '*'], " ");
    let pattern = Pattern::parse(&needle, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    if pass != Pass::Text {
        let found = super::fuzzy::names(index, &pattern, &needle, pass == Pass::Quick);
        for (doc, score, name) in found {
            let slot = &mut best[doc as usize];
            // On a tie the first name found stays: the primary name comes before aliases and
            // codes.
            if score > slot.0 {
                *slot = (score, name);
            }
        }
    }

    // Text: every term must occur. Snippets are made later, for the hits that are shown.
    if pass != Pass::Quick {
        for p in text_matches(index, query) {
            let text_score = TEXT_WEIGHT * (1 + p.count.max(1).ilog2());
            let Some(slot) = best.get_mut(p.doc as usize) else {
                continue;
            };
            if slot.0 > 0 {
                slot.0 += text_score;
            } else {
                let kind = index.target(p.doc).list();
                *slot = (text_score + kind_rank(kind), NO_NAME);
            }
        }
    }

    // Documents are numbered kind by kind, each kind in entity order, so ordering by document
    // within a kind is ordering by entity.
    let mut by_kind: Vec<Vec<(u32, DocId)>> = vec![Vec::new(); ListKind::ALL.len()];
    for (doc, &(score, _)) in best.iter().enumerate() {
        if score > 0 {
            let kind = index.target(doc as DocId).list();
            by_kind[kind.index()].push((score, doc as DocId));
        }
    }
    let mut hidden = 0;
    if !filter.is_empty() {
        // Search within the filtered lists: the filter decides what exists, the query what
        // matches. Each kind's list is computed only if something of that kind matched. What
        // the filters hide is counted, so the reader knows to look past them.
        for (kind, hits) in ListKind::ALL.iter().zip(by_kind.iter_mut()) {
            if hits.is_empty() {
                continue;
            }
            let allowed: foldhash::HashSet<Target> = super::filter::members(data, *kind, filter)
                .into_iter()
                .collect();
            let before = hits.len();
            hits.retain(|&(_, doc)| allowed.contains(&index.target(doc)));
            hidden += before - hits.len();
        }
    }
    let mut groups: Vec<Group> = ListKind::ALL
        .iter()
        .zip(by_kind)
        .filter(|(_, hits)| !hits.is_empty())
        .map(|(&kind, mut hits)| {
            let total = hits.len();
            let order = |&(score, doc): &(u32, DocId)| (Reverse(score), doc);
            // Only the shown hits need an order: pick them first, then sort those.
            if hits.len() > per_group {
                if per_group == 0 {
                    hits.clear();
                } else {
                    hits.select_nth_unstable_by_key(per_group - 1, order);
                    hits.truncate(per_group);
                }
            }
            hits.sort_unstable_by_key(order);
            let hits = hits
                .into_iter()
                .map(|(score, doc)| {
                    hit(
                        index,
                        data,
                        query,
                        &pattern,
                        &mut matcher,
                        score,
                        doc,
                        best[doc as usize].1,
                    )
                })
                .collect();
            Group { kind, total, hits }
        })
        .collect();
    groups.sort_by_key(|g| {
        (
            Reverse(g.hits.first().map_or(0, |h| h.score)),
            g.kind.index(),
        )
    });
    Results {
        query: query.clone(),
        groups,
        complete,
        hidden,
    }
}

/// A shown hit, with what matched: the name that scored (its matched characters found again), or
/// a snippet of the text.
#[allow(clippy::too_many_arguments)]
fn hit(
    index: &SearchIndex,
    data: &dyn Store,
    query: &Query,
    pattern: &Pattern,
    matcher: &mut Matcher,
    score: u32,
    doc: DocId,
    name: u32,
) -> Hit {
    let target = index.target(doc);
    let name = match name {
        NO_NAME => None,
        i => index.names().get(i as usize),
    };
    match name {
        Some(name) => {
            let mut highlight = Vec::new();
            let mut chars = Vec::new();
            let _ =
                super::fuzzy::fuzzy_name(pattern, name.utf32(&mut chars), matcher, &mut highlight);
            Hit {
                target,
                score,
                matched: match name.kind {
                    NameKind::Primary => Matched::Name,
                    _ => Matched::Alias(name.text.to_owned()),
                },
                highlight,
            }
        }
        None => {
            let (snip, highlight) = snippet(data, target, query);
            Hit {
                target,
                score,
                matched: Matched::Text(snip),
                highlight,
            }
        }
    }
}

/// Documents containing every term, with how often the terms occur in each. Lists are
/// intersected smallest first, by merging (postings are in document order); phrases are then
/// checked in the documents that hold all their words, by the words' places.
fn text_matches(index: &SearchIndex, query: &Query) -> Vec<Posting> {
    let mut lists: Vec<Vec<Posting>> = Vec::new();
    let mut phrases: Vec<&[String]> = Vec::new();
    for term in &query.terms {
        match term {
            Term::Word(w) => lists.push(index.word(w)),
            Term::Prefix(p) => lists.push(index.prefix(p)),
            // A word the text holds as it is means itself ("russia", not "russian"); only a word
            // no text holds is taken as the start of one. So a finished word gives the same
            // answer typed in the explorer or given to `geolens search`.
            Term::Partial(p) if p.chars().count() >= MIN_PARTIAL => {
                let exact = index.word(p);
                lists.push(if exact.is_empty() {
                    index.prefix(p)
                } else {
                    exact
                });
            }
            Term::Partial(_) => {}
            Term::Phrase(ws) => {
                lists.extend(ws.iter().map(|w| index.word(w)));
                phrases.push(ws);
            }
        }
    }
    lists.sort_by_key(Vec::len);
    let mut lists = lists.into_iter();
    let Some(mut docs) = lists.next() else {
        return Vec::new();
    };
    for list in lists {
        docs = intersect(&docs, &list);
    }
    for ws in phrases {
        let found = index.phrase(ws, &docs);
        let mut found = found.into_iter();
        docs.retain(|_| found.next().unwrap_or(false));
    }
    docs
}

/// The documents in both lists, counts added up.
fn intersect(a: &[Posting], b: &[Posting]) -> Vec<Posting> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].doc.cmp(&b[j].doc) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(Posting {
                    doc: a[i].doc,
                    count: a[i].count + b[j].count,
                });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Where a word of the query occurs in a text, as byte ranges of the original.
pub fn find_in(text: &str, query: &Query) -> Vec<(usize, usize)> {
    let needles = query.needles();
    words(text)
        .into_iter()
        .filter(|w| {
            needles.iter().any(|(n, prefix)| {
                if *prefix {
                    w.folded.starts_with(n.as_str())
                } else {
                    w.folded == *n
                }
            })
        })
        .map(|w| (w.start, w.end))
        .collect()
}

/// A few words around the first match in the entity's text, with the matched words marked. The
/// field that matches the most distinct query words gives the snippet.
fn snippet(data: &dyn Store, target: Target, query: &Query) -> (Snippet, Vec<u32>) {
    const BEFORE: usize = 4;
    const WIDTH: usize = 14;
    let distinct = |field: &str, hits: &[(usize, usize)]| {
        let mut seen: Vec<String> = hits.iter().map(|&(s, e)| fold(&field[s..e])).collect();
        seen.sort();
        seen.dedup();
        seen.len()
    };
    let entity = Entity::of(data, target);
    let best = fields_of(&entity)
        .into_iter()
        .map(|field| {
            let hits = find_in(field, query);
            (distinct(field, &hits), field, hits)
        })
        .filter(|(n, _, _)| *n > 0)
        // On a tie, prose beats a label such as the perspective "Energy Economist".
        .reduce(|best, next| {
            let better =
                next.0 > best.0 || (next.0 == best.0 && best.1.len() < 40 && next.1.len() >= 40);
            if better { next } else { best }
        });
    if let Some((_, field, hits)) = best {
        let ws = words(field);
        let first = hits[0].0;
        let at = ws.iter().position(|w| w.start == first).unwrap_or(0);
        let from = at.saturating_sub(BEFORE);
        let to = (from + WIDTH).min(ws.len());
        let (start, end) = (ws[from].start, ws[to - 1].end);
        let snippet = Snippet {
            text: field[start..end].to_owned(),
            cut_before: from > 0,
            cut_after: to < ws.len(),
        };
        let mut highlight = Vec::new();
        for (s, e) in hits.into_iter().filter(|&(s, e)| s >= start && e <= end) {
            let base = field[start..s].chars().count() as u32;
            highlight.extend(base..base + field[s..e].chars().count() as u32);
        }
        return (snippet, highlight);
    }
    let empty = Snippet {
        text: String::new(),
        cut_before: false,
        cut_after: false,
    };
    (empty, Vec::new())
}
