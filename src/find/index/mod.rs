//! The search index, built once per dataset: which documents hold each word of the full text of
//! every entity, where in the document (for word, prefix and phrase search), and the names each
//! entity is known by (for fuzzy matching).
//!
//! The index is a handful of byte sections, the same in memory and on disk: an index built here
//! and one mapped from the on-disk store (`crate::store`) are read by the same code. Postings are
//! varint gaps between documents, each followed by how often the word occurs there; positions,
//! kept apart so that only phrases read them, are varint gaps between the word's places in each
//! document. Numbers in fixed-width sections are little-endian.

mod build;
mod name_layout;
#[cfg(test)]
pub(crate) use build::of_names;
mod names;
mod pairs;

pub use names::{NAME_RECORD, Name, NameKind, Names, name_mask, needle_mask, nucleo_form, utf32};
pub use pairs::{PairNeed, name_pairs, need};

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::data::{Entity, ListKind, Store, Target};

/// A searchable entity: a document in the word index and a set of names.
pub type DocId = u32;

/// The sections of an index, in the order they are written.
pub mod sec {
    /// Per name, a `u64` of the ASCII letters and digits it holds (see [`super::name_mask`]).
    pub const NAME_MASKS: usize = 0;
    /// Per name, [`super::NAME_RECORD`] bytes: document, kind, where its strings start, lengths.
    pub const NAMES: usize = 1;
    /// Each name as written, then folded, then (when not ASCII) as nucleo reads it.
    pub const NAME_TEXT: usize = 2;
    /// Per word, where it starts in `VOCAB_TEXT` (`u64`), and the end.
    pub const VOCAB: usize = 3;
    /// Every folded word, sorted: a word's id is its place.
    pub const VOCAB_TEXT: usize = 4;
    /// Per word, where its postings start (`u64`), and the end.
    pub const POSTINGS_AT: usize = 5;
    pub const POSTINGS: usize = 6;
    /// Per word, where its positions start (`u64`), and the end.
    pub const POSITIONS_AT: usize = 7;
    pub const POSITIONS: usize = 8;
    /// Per pair of letters or digits, where its list of names starts (`u64`), and the end.
    pub const NAME_PAIRS_AT: usize = 9;
    /// Per pair, the varint gaps between the names holding it (see `pairs`).
    pub const NAME_PAIRS: usize = 10;
    pub const COUNT: usize = 11;
}

pub(crate) fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes(b[..4].try_into().unwrap_or([0; 4]))
}

pub(crate) fn le64(b: &[u8]) -> u64 {
    u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]))
}

/// Entry `i` of a section of `u64`s, as an offset.
fn offset_at(bytes: &[u8], i: usize) -> Option<usize> {
    let b = bytes.get(i.checked_mul(8)?..i.checked_mul(8)? + 8)?;
    usize::try_from(le64(b)).ok()
}

/// Where a mapped index reads its sections from, checking them against their checksums as it
/// does (`crate::store` implements it over a memory-mapped file).
pub trait Backing: Send + Sync {
    /// The whole of section `id`, or `None` if it is damaged.
    fn whole(&self, id: usize) -> Option<&[u8]>;
    /// Bytes `range` of section `id`, checking only what they lie in; `None` if damaged.
    fn part(&self, id: usize, range: Range<usize>) -> Option<&[u8]>;
    /// The same bytes, copied out: for a few bytes here and there in a large section, which a
    /// mapping would charge to the process's memory by the page or more.
    fn read(&self, id: usize, range: Range<usize>) -> Option<Vec<u8>> {
        self.part(id, range).map(<[u8]>::to_vec)
    }
}

/// What a mapped index falls back on when it finds itself damaged: the same index, built again
/// from the data.
pub type Recover = Arc<dyn Fn() -> Arc<SearchIndex> + Send + Sync>;

enum Parts {
    Owned(Vec<Vec<u8>>),
    Mapped {
        backing: Arc<dyn Backing>,
        /// The backing's id of this index's first section.
        first: usize,
        recover: Recover,
    },
}

pub struct SearchIndex {
    /// How many documents of each kind, in `ListKind::SEARCH_ORDER`.
    counts: [u32; 5],
    parts: Parts,
    recovered: OnceLock<Arc<SearchIndex>>,
    /// Whether the names' text is UTF-8, checked once.
    names_utf8: OnceLock<bool>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match self.parts {
            Parts::Owned(_) => "in memory",
            Parts::Mapped { .. } => "mapped",
        };
        write!(f, "SearchIndex({how}, {:?})", self.counts)
    }
}

/// A document holding a word, and how often it does (capped at 255).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: DocId,
    pub count: u32,
}

/// Every entity, in a fixed order: the documents of the index.
pub fn all_targets(data: &dyn Store) -> impl Iterator<Item = Target> + use<> {
    let counts = ListKind::SEARCH_ORDER.map(|kind| (kind, data.count(kind) as u32));
    counts
        .into_iter()
        .flat_map(|(kind, n)| (0..n).map(move |i| Target::at(kind, i)))
}

fn with_aliases<'a>(name: &'a str, aliases: &'a [String], id: &'a str) -> Vec<(NameKind, &'a str)> {
    let mut v = vec![(NameKind::Primary, name)];
    v.extend(aliases.iter().map(|a| (NameKind::Alias, a.as_str())));
    v.push((NameKind::Code, id));
    v
}

/// The names an entity is known by.
pub fn names_of<'a>(entity: &'a Entity<'_>) -> Vec<(NameKind, &'a str)> {
    match entity {
        Entity::Analysis(a) => vec![
            (NameKind::Primary, a.title.as_str()),
            (NameKind::Code, a.id.as_str()),
        ],
        Entity::Actor(a) => with_aliases(&a.name, &a.aliases, &a.id),
        Entity::Theme(t) => vec![
            (NameKind::Primary, t.name.as_str()),
            (NameKind::Code, t.id.as_str()),
        ],
        Entity::Place(p) => with_aliases(&p.name, &p.aliases, &p.id),
        // An implication has no name of its own; its text is searched.
        Entity::Implication(_) => Vec::new(),
    }
}

/// The full text of an entity, field by field, as the word index sees it.
pub fn fields_of<'a>(entity: &'a Entity<'_>) -> Vec<&'a str> {
    match entity {
        Entity::Analysis(a) => {
            let mut text = vec![a.title.as_str(), a.summary.as_str(), a.perspective.as_str()];
            text.extend(a.lenses.sections().flat_map(|(h, t)| [h, t]));
            text.extend(a.actors.iter().map(|r| r.role.as_str()));
            text.extend(
                a.actors
                    .iter()
                    .flat_map(|r| r.interests.iter().map(String::as_str)),
            );
            text.extend(a.risks.iter().map(String::as_str));
            text.extend(a.caveats.iter().map(String::as_str));
            text
        }
        Entity::Actor(a) => {
            let mut text = vec![a.name.as_str(), a.description.as_str()];
            text.extend(a.aliases.iter().map(String::as_str));
            text.extend(a.offices.iter().map(|o| o.title.as_str()));
            text
        }
        Entity::Theme(t) => vec![t.name.as_str(), t.description.as_str()],
        Entity::Place(p) => {
            let mut text = vec![p.name.as_str()];
            text.extend(p.aliases.iter().map(String::as_str));
            text
        }
        Entity::Implication(imp) => vec![
            imp.effect.as_str(),
            imp.affected.as_str(),
            imp.channel.words(),
        ],
    }
}

impl SearchIndex {
    /// Builds the index on two threads: each indexes a contiguous half of the documents (halved
    /// by text length), and the halves are merged into exactly what one pass would build.
    pub fn build(data: &dyn Store) -> SearchIndex {
        build::build_in(data, 2)
    }

    /// The index a store carries ready-made (an on-disk store maps one), else one built now.
    pub fn for_store(data: &dyn Store) -> std::borrow::Cow<'_, SearchIndex> {
        match data
            .search_index()
            .and_then(|any| any.downcast_ref::<SearchIndex>())
        {
            Some(index) => std::borrow::Cow::Borrowed(index),
            None => std::borrow::Cow::Owned(SearchIndex::build(data)),
        }
    }

    /// An index held in memory, from its sections.
    pub fn from_sections(counts: [u32; 5], sections: Vec<Vec<u8>>) -> SearchIndex {
        SearchIndex {
            counts,
            parts: Parts::Owned(sections),
            recovered: OnceLock::new(),
            names_utf8: OnceLock::new(),
        }
    }

    /// An index read in place from `backing`, whose sections `first..first + sec::COUNT` are
    /// this index's; `recover` builds it again should any of them turn out damaged.
    pub fn mapped(
        counts: [u32; 5],
        backing: Arc<dyn Backing>,
        first: usize,
        recover: Recover,
    ) -> SearchIndex {
        SearchIndex {
            counts,
            parts: Parts::Mapped {
                backing,
                first,
                recover,
            },
            recovered: OnceLock::new(),
            names_utf8: OnceLock::new(),
        }
    }

    /// The sections of an index in memory, to be written out; `None` for a mapped one.
    pub fn sections(&self) -> Option<&[Vec<u8>]> {
        match &self.parts {
            Parts::Owned(s) => Some(s),
            Parts::Mapped { .. } => None,
        }
    }

    /// How many documents of each kind, in `ListKind::SEARCH_ORDER`.
    pub fn counts(&self) -> [u32; 5] {
        self.counts
    }

    /// How many documents: every entity.
    pub fn doc_count(&self) -> usize {
        self.counts.iter().map(|&n| n as usize).sum()
    }

    /// The entity a document stands for. Documents are numbered kind by kind, each kind in
    /// entity order.
    pub fn target(&self, doc: DocId) -> Target {
        let mut i = doc;
        for (kind, &n) in ListKind::SEARCH_ORDER.iter().zip(&self.counts) {
            if i < n {
                return Target::at(*kind, i);
            }
            i -= n;
        }
        // Callers check `doc < doc_count()`; past the end is a bug, not damage.
        Target::at(ListKind::Implications, i)
    }

    /// The damaged index's replacement, built once.
    fn recovered(&self) -> &SearchIndex {
        match &self.parts {
            Parts::Mapped { recover, .. } => self.recovered.get_or_init(|| recover()),
            Parts::Owned(_) => self,
        }
    }

    fn whole(&self, id: usize) -> Option<&[u8]> {
        match &self.parts {
            Parts::Owned(s) => s.get(id).map(Vec::as_slice),
            Parts::Mapped { backing, first, .. } => backing.whole(first + id),
        }
    }

    /// Runs `f` on this index, or on its replacement when this one is found damaged; `none`
    /// when even that cannot answer (it could not be rebuilt).
    fn checked<'s, T>(
        &'s self,
        f: impl Fn(&'s SearchIndex) -> Option<T>,
        none: impl FnOnce() -> T,
    ) -> T {
        if let Some(v) = f(self) {
            return v;
        }
        let other = self.recovered();
        if std::ptr::eq(other, self) {
            return none();
        }
        f(other).unwrap_or_else(none)
    }

    /// The names, read in place.
    pub fn names(&self) -> Names<'_> {
        self.checked(
            |ix| {
                let text = ix.whole(sec::NAME_TEXT)?;
                let utf8 = *ix
                    .names_utf8
                    .get_or_init(|| std::str::from_utf8(text).is_ok());
                if !utf8 {
                    return None;
                }
                // SAFETY: `text` was found to be UTF-8 just above, once for the life of the
                // index, and neither memory nor a mapped file (replaced by renaming, never
                // rewritten) changes under it. Names are cut from it with `str::get`, which
                // checks boundaries.
                let text = unsafe { std::str::from_utf8_unchecked(text) };
                Some(Names {
                    masks: ix.whole(sec::NAME_MASKS)?,
                    records: ix.whole(sec::NAMES)?,
                    text,
                })
            },
            Names::default,
        )
    }

    /// The names that can match every word in `needs` (see `pairs::need`), in order; `None`
    /// when there is nothing to ask.
    pub fn name_candidates(&self, needs: &[PairNeed]) -> Option<Vec<u32>> {
        if needs.is_empty() {
            return None;
        }
        let n = self.name_count();
        let kept = self.checked(
            |ix| {
                let mut kept: Option<Vec<u32>> = None;
                let mut counts = vec![0u32; n];
                for need in needs {
                    counts.iter_mut().for_each(|c| *c = 0);
                    for &(pair, weight) in &need.pairs {
                        let list = ix.list(sec::NAME_PAIRS_AT, sec::NAME_PAIRS, pair as usize)?;
                        pairs::count(&list, weight, &mut counts)?;
                    }
                    let ok = |i: u32| counts[i as usize] >= need.at_least;
                    kept = Some(match kept {
                        Some(mut v) => {
                            v.retain(|&i| ok(i));
                            v
                        }
                        None => (0..n as u32).filter(|&i| ok(i)).collect(),
                    });
                }
                kept
            },
            Vec::new,
        );
        Some(kept)
    }

    pub fn name_count(&self) -> usize {
        self.names().len()
    }

    /// The id of an exact (folded) word.
    fn word_id(&self, folded: &str) -> Option<Option<usize>> {
        let (at, text) = (self.whole(sec::VOCAB)?, self.whole(sec::VOCAB_TEXT)?);
        let n = (at.len() / 8).saturating_sub(1);
        let word =
            |i: usize| -> Option<&[u8]> { text.get(offset_at(at, i)?..offset_at(at, i + 1)?) };
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match word(mid)?.cmp(folded.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(Some(mid)),
            }
        }
        Some(None)
    }

    /// The ids of the words starting with `prefix`.
    fn prefix_ids(&self, prefix: &str) -> Option<Range<usize>> {
        let (at, text) = (self.whole(sec::VOCAB)?, self.whole(sec::VOCAB_TEXT)?);
        let n = (at.len() / 8).saturating_sub(1);
        let word =
            |i: usize| -> Option<&[u8]> { text.get(offset_at(at, i)?..offset_at(at, i + 1)?) };
        let first = |pred: &dyn Fn(&[u8]) -> bool| -> Option<usize> {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if pred(word(mid)?) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Some(lo)
        };
        let p = prefix.as_bytes();
        let start = first(&|w| w >= p)?;
        let end = first(&|w| w >= p && !w.starts_with(p))?;
        Some(start..end.max(start))
    }

    /// The bytes of a word's postings (`sec::POSTINGS`) or positions (`sec::POSITIONS`).
    fn list(&self, at: usize, data: usize, id: usize) -> Option<Cow<'_, [u8]>> {
        let at = self.whole(at)?;
        let range = offset_at(at, id)?..offset_at(at, id + 1)?;
        if range.start > range.end {
            return None;
        }
        match &self.parts {
            Parts::Owned(s) => s.get(data)?.get(range).map(Cow::Borrowed),
            Parts::Mapped { backing, first, .. } => {
                backing.read(first + data, range).map(Cow::Owned)
            }
        }
    }

    /// The documents holding one exact (folded) word, in document order.
    pub fn word(&self, folded: &str) -> Vec<Posting> {
        self.checked(
            |ix| match ix.word_id(folded)? {
                Some(id) => ix.postings(id),
                None => Some(Vec::new()),
            },
            Vec::new,
        )
    }

    /// The documents holding any word that starts with `prefix` (folded), in document order,
    /// counts added up.
    pub fn prefix(&self, prefix: &str) -> Vec<Posting> {
        self.checked(
            |ix| {
                let mut all = Vec::new();
                for id in ix.prefix_ids(prefix)? {
                    all.extend(ix.postings(id)?);
                }
                all.sort_unstable_by_key(|p: &Posting| p.doc);
                all.dedup_by(|b, a| {
                    let same = a.doc == b.doc;
                    if same {
                        a.count += b.count;
                    }
                    same
                });
                Some(all)
            },
            Vec::new,
        )
    }

    fn postings(&self, id: usize) -> Option<Vec<Posting>> {
        let list = self.list(sec::POSTINGS_AT, sec::POSTINGS, id)?;
        let mut bytes: &[u8] = &list;
        let mut out = Vec::new();
        let mut doc = 0u32;
        while !bytes.is_empty() {
            let (gap, used) = read_varint(bytes)?;
            let (count, more) = read_varint(bytes.get(used..)?)?;
            bytes = bytes.get(used + more..)?;
            doc = doc.checked_add(gap)?;
            out.push(Posting {
                doc,
                count: count.min(255),
            });
        }
        Some(out)
    }

    /// Which of `docs` (in document order, each holding every word of `words`) hold the words
    /// one right after the other, within one field.
    pub fn phrase(&self, words: &[String], docs: &[Posting]) -> Vec<bool> {
        self.checked(|ix| ix.try_phrase(words, docs), || vec![false; docs.len()])
    }

    fn try_phrase(&self, words: &[String], docs: &[Posting]) -> Option<Vec<bool>> {
        // For each candidate, the places where the phrase could still start.
        let mut starts: Vec<Vec<u32>> = vec![Vec::new(); docs.len()];
        for (k, word) in words.iter().enumerate() {
            let Some(id) = self.word_id(word)? else {
                return Some(vec![false; docs.len()]);
            };
            let post_list = self.list(sec::POSTINGS_AT, sec::POSTINGS, id)?;
            let pos_list = self.list(sec::POSITIONS_AT, sec::POSITIONS, id)?;
            let (mut post, mut pos): (&[u8], &[u8]) = (&post_list, &pos_list);
            let (mut doc, mut next) = (0u32, 0usize);
            let mut places = Vec::new();
            while !post.is_empty() && next < docs.len() {
                let (gap, used) = read_varint(post)?;
                let (count, more) = read_varint(post.get(used..)?)?;
                post = post.get(used + more..)?;
                doc = doc.checked_add(gap)?;
                while next < docs.len() && docs[next].doc < doc {
                    starts[next].clear();
                    next += 1;
                }
                let wanted = next < docs.len() && docs[next].doc == doc;
                places.clear();
                let mut at = 0u32;
                for _ in 0..count {
                    let (gap, used) = read_varint(pos)?;
                    pos = pos.get(used..)?;
                    at = at.checked_add(gap)?;
                    if wanted {
                        places.push(at);
                    }
                }
                if wanted {
                    let k = k as u32;
                    let s = &mut starts[next];
                    if k == 0 {
                        s.extend_from_slice(&places);
                    } else {
                        s.retain(|&p| places.binary_search(&(p + k)).is_ok());
                    }
                    next += 1;
                }
            }
            for s in &mut starts[next..] {
                s.clear();
            }
        }
        Some(starts.iter().map(|s| !s.is_empty()).collect())
    }
}

impl Clone for SearchIndex {
    /// A copy in memory of the index, wherever this one lives.
    fn clone(&self) -> SearchIndex {
        let sections = (0..sec::COUNT)
            .map(|id| self.checked(|ix| ix.whole(id).map(<[u8]>::to_vec), Vec::new))
            .collect();
        SearchIndex::from_sections(self.counts, sections)
    }
}

fn write_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A varint and the bytes it took; `None` if the bytes end first or it overflows.
fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        n |= u32::from(b & 0x7f).checked_shl(7 * i as u32)?;
        if b < 0x80 {
            return Some((n, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests;
