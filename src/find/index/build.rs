//! Building the search index's sections from a store.

use std::hash::BuildHasher;

use foldhash::HashMap;

use super::name_layout::NameSections;
use super::{DocId, SearchIndex, all_targets, fields_of, names_of};
use super::{read_varint, sec, write_varint};
use crate::data::{Entity, ListKind, Store, Target};
use crate::find::fold::for_each_word;

/// Builds the index in `parts` contiguous runs of documents, one thread each.
pub(super) fn build_in(data: &dyn Store, parts: usize) -> SearchIndex {
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
    let counts = ListKind::SEARCH_ORDER.map(|kind| data.count(kind) as u32);
    SearchIndex::from_sections(counts, Builder::merge(builders))
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
    names: NameSections,
    /// Ids of the words with a short key, `EMPTY` where free.
    slots: Vec<u32>,
    short: usize,
    long: HashMap<Box<str>, u32>,
    hasher: foldhash::fast::FixedState,
    /// Per word id: the word, its entry, and per document in its postings the gaps between its
    /// places there (apart from the entry, which a lookup reads).
    words: Vec<Box<str>>,
    entries: Vec<Entry>,
    positions: Vec<Vec<u8>>,
}

const EMPTY: u32 = u32::MAX;

/// A word's key and postings, in 48 bytes: one cache line at most.
struct Entry {
    /// The word's short key, or 0 for a longer word.
    key: u128,
    postings: Vec<u8>,
    /// The last document posted, for the gap to the next.
    last: DocId,
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
        // Each word of the current document and its place, in the order met.
        let mut met: Vec<(u32, u32)> = Vec::new();
        for doc in run.clone() {
            let target = targets[doc];
            let doc = doc as DocId;
            let entity = Entity::of(data, target);
            for (kind, name) in names_of(&entity) {
                b.names.push(doc, kind, name);
            }
            // A word's place counts the words before it; a field starts one place further on,
            // so that no phrase runs from one field into the next.
            let mut place = 0u32;
            fields_of(&entity).into_iter().for_each(|field| {
                for_each_word(field, &mut buf, |w, _, _| {
                    met.push((b.intern(w), place));
                    place += 1;
                });
                place += 1;
            });
            // Each word's entry is touched once per document, not once per occurrence.
            met.sort_unstable();
            for word in met.chunk_by(|a, b| a.0 == b.0) {
                let id = word[0].0 as usize;
                let entry = &mut b.entries[id];
                write_varint(&mut entry.postings, doc - entry.last);
                write_varint(&mut entry.postings, word.len() as u32);
                entry.last = doc;
                let positions = &mut b.positions[id];
                let mut at = 0;
                for &(_, p) in word {
                    write_varint(positions, p - at);
                    at = p;
                }
            }
            met.clear();
        }
        b
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
        });
        self.positions.push(Vec::new());
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
    /// document of the run before. Positions count from each document's start, so a word's
    /// positions are its runs' positions one after the other.
    fn merge(runs: Vec<Builder>) -> Vec<Vec<u8>> {
        let mut names = NameSections::default();
        let mut words = Vec::with_capacity(runs.len());
        let mut entries = Vec::with_capacity(runs.len());
        let mut places = Vec::with_capacity(runs.len());
        for b in runs {
            names.append(b.names);
            words.push(b.words);
            entries.push(b.entries);
            places.push(b.positions);
        }
        let mut s: Vec<Vec<u8>> = vec![Vec::new(); sec::COUNT];
        names.into_sections(&mut s);

        let mut order: Vec<(&str, usize, u32)> = Vec::new();
        for (r, words) in words.iter().enumerate() {
            order.extend(words.iter().enumerate().map(|(id, w)| (&**w, r, id as u32)));
        }
        order.sort_unstable();
        let mut postings =
            Vec::with_capacity(entries.iter().flatten().map(|e| e.postings.len()).sum());
        let mut positions = Vec::with_capacity(places.iter().flatten().map(Vec::len).sum());
        let (mut vocab, mut vocab_text, mut post_at, mut pos_at) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for word in order.chunk_by(|a, b| a.0 == b.0) {
            push64(&mut vocab, vocab_text.len());
            vocab_text.extend_from_slice(word[0].0.as_bytes());
            push64(&mut post_at, postings.len());
            push64(&mut pos_at, positions.len());
            let mut last = 0;
            for &(_, r, id) in word {
                // Freed as it is copied, so the lists are never held twice.
                let entry = &mut entries[r][id as usize];
                let list = std::mem::take(&mut entry.postings);
                let (first, used) = read_varint(&list).unwrap_or((0, list.len()));
                // Each run counts its first gap from document 0.
                write_varint(&mut postings, first - last);
                postings.extend_from_slice(&list[used..]);
                positions.append(&mut places[r][id as usize]);
                last = entry.last;
            }
        }
        push64(&mut vocab, vocab_text.len());
        push64(&mut post_at, postings.len());
        push64(&mut pos_at, positions.len());
        s[sec::VOCAB] = vocab;
        s[sec::VOCAB_TEXT] = vocab_text;
        s[sec::POSTINGS_AT] = post_at;
        s[sec::POSTINGS] = postings;
        s[sec::POSITIONS_AT] = pos_at;
        s[sec::POSITIONS] = positions;
        for section in &mut s {
            section.shrink_to_fit();
        }
        s
    }
}

/// An index of nothing but `names`, each the name of its own analysis: for tests of the names
/// pass on names no dataset holds.
#[cfg(test)]
pub(crate) fn of_names(names: &[String]) -> SearchIndex {
    let mut laid = NameSections::default();
    for (doc, text) in names.iter().enumerate() {
        laid.push(doc as DocId, super::NameKind::Primary, text);
    }
    let mut s: Vec<Vec<u8>> = vec![Vec::new(); sec::COUNT];
    laid.into_sections(&mut s);
    SearchIndex::from_sections([names.len() as u32, 0, 0, 0, 0], s)
}

fn push64(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}
