//! The search index, built once per dataset: which documents hold each word of the full text of
//! every entity (for word and prefix search; phrases are checked in the candidate documents), and
//! the names each entity is known by (for fuzzy matching).
//!
//! Postings are kept compact, as bytes: for each word, the documents that hold it as varint
//! gaps, each followed by how often (capped at 255). Positions are not stored: at a hundred
//! thousand analyses they would cost more memory than the text itself, and only phrases need
//! them, which a scan of the few candidate documents answers.

use std::hash::BuildHasher;

use foldhash::HashMap;

use nucleo_matcher::Utf32String;

use super::fold::{fold, for_each_word};
use crate::data::{Entity, ListKind, Store, Target};

/// A searchable entity: a document in the word index and a set of names.
pub type DocId = u32;

/// A name an entity is known by: its name or title, an alias, an id or ISO code.
#[derive(Debug, Clone)]
pub struct Name {
    pub doc: DocId,
    pub kind: NameKind,
    /// The name as shown (unsanitized).
    pub text: String,
    pub folded: String,
    /// Pre-converted for nucleo, once, instead of at every keystroke.
    pub utf32: Utf32String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// The name of an actor, theme or place, the title of an analysis.
    Primary,
    Alias,
    /// An id or ISO code.
    Code,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub docs: Vec<Target>,
    pub names: Vec<Name>,
    /// Every folded word, sorted: a word's id is its place here.
    vocab: Vec<Box<str>>,
    /// Word `i`'s postings are `postings[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    postings: Vec<u8>,
}

/// A document holding a word, and how often it does.
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
        SearchIndex::build_in(data, 2)
    }

    /// Builds the index in `parts` contiguous runs of documents, one thread each.
    fn build_in(data: &dyn Store, parts: usize) -> SearchIndex {
        let targets: Vec<Target> = all_targets(data).collect();
        let runs = balanced_runs(data, &targets, parts);
        let builders = std::thread::scope(|scope| {
            let mut runs = runs.into_iter();
            let first = runs.next().unwrap_or(0..0);
            let others: Vec<_> = runs
                .map(|run| scope.spawn(|| Builder::run(data, &targets, run)))
                .collect();
            let mut builders = vec![Builder::run(data, &targets, first)];
            builders.extend(others.into_iter().map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }));
            builders
        });
        Builder::merge(targets, builders)
    }

    /// The documents holding one exact (folded) word, in document order.
    pub fn word(&self, folded: &str) -> Vec<Posting> {
        match self.vocab.binary_search_by(|w| (**w).cmp(folded)) {
            Ok(id) => self.postings(id).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The documents holding any word that starts with `prefix` (folded), in document order,
    /// counts added up.
    pub fn prefix(&self, prefix: &str) -> Vec<Posting> {
        let start = self.vocab.partition_point(|w| **w < *prefix);
        let end = start + self.vocab[start..].partition_point(|w| w.starts_with(prefix));
        let mut all: Vec<Posting> = (start..end).flat_map(|id| self.postings(id)).collect();
        all.sort_unstable_by_key(|p| p.doc);
        all.dedup_by(|b, a| {
            let same = a.doc == b.doc;
            if same {
                a.count += b.count;
            }
            same
        });
        all
    }

    fn postings(&self, id: usize) -> impl Iterator<Item = Posting> + '_ {
        let mut bytes = &self.postings[self.offsets[id]..self.offsets[id + 1]];
        let mut doc = 0u32;
        std::iter::from_fn(move || {
            if bytes.is_empty() {
                return None;
            }
            let (gap, used) = read_varint(bytes);
            doc += gap;
            let count = u32::from(bytes[used]);
            bytes = &bytes[used + 1..];
            Some(Posting { doc, count })
        })
    }
}

fn write_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return (n, i + 1);
        }
    }
    (n, bytes.len())
}

/// Cuts the documents into `parts` contiguous runs holding about as much text each.
fn balanced_runs(
    data: &dyn Store,
    targets: &[Target],
    parts: usize,
) -> Vec<std::ops::Range<usize>> {
    let sizes: Vec<usize> = targets
        .iter()
        .map(|&t| {
            fields_of(&Entity::of(data, t))
                .iter()
                .map(|f| f.len())
                .sum()
        })
        .collect();
    let total: usize = sizes.iter().sum();
    let parts = parts.max(1);
    let mut runs = Vec::with_capacity(parts);
    let (mut start, mut sum) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        sum += size;
        // Run k ends once the text so far reaches k / parts of the whole.
        if runs.len() + 1 < parts && sum * parts >= total * (runs.len() + 1) {
            runs.push(start..i + 1);
            start = i + 1;
        }
    }
    runs.push(start..targets.len());
    runs
}

/// The index of one run of documents, its words numbered in the order it met them.
///
/// Looking words up is most of building the index, and it is bound by memory latency, not by
/// arithmetic. So a word of up to 16 bytes (nearly all) is keyed by its bytes as one integer;
/// the hash table holds only 4-byte ids (probed linearly), and the key sits in the word's
/// entry, whose count is updated next: a lookup touches two cache lines, not four.
#[derive(Default)]
struct Builder {
    names: Vec<Name>,
    /// Ids of the words with a short key, `EMPTY` where free.
    slots: Vec<u32>,
    short: usize,
    long: HashMap<Box<str>, u32>,
    hasher: foldhash::fast::FixedState,
    /// Per word id: the word, and its entry.
    words: Vec<Box<str>>,
    entries: Vec<Entry>,
}

const EMPTY: u32 = u32::MAX;

/// A word's key and postings.
struct Entry {
    /// The word's short key, or 0 for a longer word.
    key: u128,
    postings: Vec<u8>,
    /// The last document posted, for the gap to the next.
    last: DocId,
    /// The document being read (`EMPTY` before the first), and how often the word has
    /// occurred in it so far.
    current: DocId,
    count: u32,
}

/// The key of a word of at most 16 bytes: its bytes, zero-padded. A folded word holds letters,
/// digits and marks, never a NUL, so no two words share a key, and none has the key 0.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
}

impl Builder {
    /// Indexes `targets[run]`, numbering documents by their place in `targets`.
    fn run(data: &dyn Store, targets: &[Target], run: std::ops::Range<usize>) -> Builder {
        let mut b = Builder::default();
        let mut buf = String::new();
        // The words met in the current document, each once.
        let mut met: Vec<u32> = Vec::new();
        for doc in run.clone() {
            let target = targets[doc];
            let doc = doc as DocId;
            let entity = Entity::of(data, target);
            for (kind, name) in names_of(&entity) {
                b.name(doc, kind, name);
            }
            for field in fields_of(&entity) {
                for_each_word(field, &mut buf, |w, _, _| {
                    let id = b.intern(w);
                    let entry = &mut b.entries[id as usize];
                    if entry.current == doc {
                        entry.count += 1;
                    } else {
                        entry.current = doc;
                        entry.count = 1;
                        met.push(id);
                    }
                });
            }
            for id in met.drain(..) {
                let entry = &mut b.entries[id as usize];
                write_varint(&mut entry.postings, doc - entry.last);
                entry.postings.push(entry.count.min(255) as u8);
                entry.last = doc;
            }
        }
        b
    }

    fn name(&mut self, doc: DocId, kind: NameKind, text: &str) {
        self.names.push(Name {
            doc,
            kind,
            text: text.to_owned(),
            folded: fold(text),
            utf32: Utf32String::from(text),
        });
    }

    /// The word's id, numbered on first sight.
    fn intern(&mut self, word: &str) -> u32 {
        let next = self.entries.len() as u32;
        let Some(key) = short_key(word) else {
            if let Some(&id) = self.long.get(word) {
                return id;
            }
            self.long.insert(word.into(), next);
            self.add(word, 0);
            return next;
        };
        if self.short * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.hasher.hash_one(key) as usize & mask;
        loop {
            match self.slots[i] {
                EMPTY => {
                    self.slots[i] = next;
                    self.short += 1;
                    self.add(word, key);
                    return next;
                }
                id if self.entries[id as usize].key == key => return id,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn add(&mut self, word: &str, key: u128) {
        self.words.push(word.into());
        self.entries.push(Entry {
            key,
            postings: Vec::new(),
            last: 0,
            current: EMPTY,
            count: 0,
        });
    }

    /// Doubles the table, keeping it at most half full.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1 << 12);
        self.slots = vec![EMPTY; size];
        for (id, entry) in self.entries.iter().enumerate() {
            if entry.key != 0 {
                let mut i = self.hasher.hash_one(entry.key) as usize & (size - 1);
                while self.slots[i] != EMPTY {
                    i = (i + 1) & (size - 1);
                }
                self.slots[i] = id as u32;
            }
        }
    }

    /// Lays the runs' lists out in word order, for binary search and prefix ranges: a word's
    /// list is its lists from each run in turn, each run's first gap counted from the last
    /// document of the run before.
    fn merge(targets: Vec<Target>, runs: Vec<Builder>) -> SearchIndex {
        let mut names = Vec::with_capacity(runs.iter().map(|b| b.names.len()).sum());
        let mut words = Vec::with_capacity(runs.len());
        let mut entries = Vec::with_capacity(runs.len());
        for b in runs {
            names.extend(b.names);
            words.push(b.words);
            entries.push(b.entries);
        }
        let mut order: Vec<(&str, usize, u32)> = Vec::new();
        for (r, words) in words.iter().enumerate() {
            order.extend(words.iter().enumerate().map(|(id, w)| (&**w, r, id as u32)));
        }
        order.sort_unstable();
        let total = entries.iter().flatten().map(|e| e.postings.len()).sum();
        let mut postings = Vec::with_capacity(total);
        let mut offsets = Vec::with_capacity(order.len() + 1);
        let mut vocab: Vec<Box<str>> = Vec::with_capacity(order.len());
        for word in order.chunk_by(|a, b| a.0 == b.0) {
            offsets.push(postings.len());
            vocab.push(word[0].0.into());
            let mut last = 0;
            for &(_, r, id) in word {
                // Freed as it is copied, so the lists are never held twice.
                let entry = &mut entries[r][id as usize];
                let list = std::mem::take(&mut entry.postings);
                let (first, used) = read_varint(&list);
                // Each run counts its first gap from document 0.
                write_varint(&mut postings, first - last);
                postings.extend_from_slice(&list[used..]);
                last = entry.last;
            }
        }
        offsets.push(postings.len());
        postings.shrink_to_fit();
        offsets.shrink_to_fit();
        vocab.shrink_to_fit();
        SearchIndex {
            docs: targets,
            names,
            vocab,
            offsets,
            postings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut bytes = Vec::new();
            write_varint(&mut bytes, n);
            assert_eq!(read_varint(&bytes), (n, bytes.len()));
        }
    }

    /// Every word's documents and counts, the plain way.
    fn oracle(data: &dyn Store) -> Vec<(String, Vec<Posting>)> {
        let mut words: std::collections::BTreeMap<String, Vec<Posting>> = Default::default();
        let mut buf = String::new();
        for (doc, target) in all_targets(data).enumerate() {
            let doc = doc as DocId;
            for field in fields_of(&Entity::of(data, target)) {
                for_each_word(field, &mut buf, |w, _, _| {
                    let list = words.entry(w.to_owned()).or_default();
                    match list.last_mut() {
                        Some(p) if p.doc == doc => p.count += 1,
                        _ => list.push(Posting { doc, count: 1 }),
                    }
                });
            }
        }
        for list in words.values_mut() {
            for p in list {
                p.count = p.count.min(255);
            }
        }
        words.into_iter().collect()
    }

    #[test]
    fn the_index_holds_every_word_of_every_document() {
        let data = crate::data::bundled().expect("the bundled dataset loads");
        let index = SearchIndex::build(&data);
        let found: Vec<(String, Vec<Posting>)> = index
            .vocab
            .iter()
            .enumerate()
            .map(|(id, w)| (w.to_string(), index.postings(id).collect()))
            .collect();
        assert_eq!(found, oracle(&data));
    }

    #[test]
    fn an_index_built_in_runs_is_the_index_built_in_one() {
        let data = crate::data::bundled().expect("the bundled dataset loads");
        let one = SearchIndex::build_in(&data, 1);
        assert!(one.vocab.len() > 1000, "a corpus worth merging");
        for parts in [2, 3, 7] {
            let many = SearchIndex::build_in(&data, parts);
            assert_eq!(many.docs, one.docs, "{parts} runs");
            assert_eq!(many.vocab, one.vocab, "{parts} runs");
            assert_eq!(many.offsets, one.offsets, "{parts} runs");
            assert_eq!(many.postings, one.postings, "{parts} runs");
            let names = |i: &SearchIndex| -> Vec<_> {
                i.names
                    .iter()
                    .map(|n| {
                        (
                            n.doc,
                            n.kind,
                            n.text.clone(),
                            n.folded.clone(),
                            n.utf32.to_string(),
                        )
                    })
                    .collect()
            };
            assert_eq!(names(&many), names(&one), "{parts} runs");
        }
    }
}
