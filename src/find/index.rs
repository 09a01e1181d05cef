//! The search index, built once per dataset: which documents hold each word of the full text of
//! every entity (for word and prefix search; phrases are checked in the candidate documents), and
//! the names each entity is known by (for fuzzy matching).
//!
//! Postings are kept compact, as bytes: for each word, the documents that hold it as varint
//! gaps, each followed by how often (capped at 255). Positions are not stored: at a hundred
//! thousand analyses they would cost more memory than the text itself, and only phrases need
//! them, which a scan of the few candidate documents answers.

use foldhash::HashMap;

use nucleo_matcher::Utf32String;

use super::fold::{fold, for_each_word};
use crate::app::nav::Target;
use crate::data::{ActorIx, AnalysisIx, Dataset, ImplicationIx, PlaceIx, ThemeIx};

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
pub fn all_targets(data: &Dataset) -> impl Iterator<Item = Target> + '_ {
    let n = |len: usize| 0..len as u32;
    n(data.analyses.len())
        .map(|i| Target::Analysis(AnalysisIx(i)))
        .chain(n(data.actors.len()).map(|i| Target::Actor(ActorIx(i))))
        .chain(n(data.themes.len()).map(|i| Target::Theme(ThemeIx(i))))
        .chain(n(data.places.len()).map(|i| Target::Place(PlaceIx(i))))
        .chain(n(data.implications.len()).map(|i| Target::Implication(ImplicationIx(i))))
}

fn with_aliases<'a>(name: &'a str, aliases: &'a [String], id: &'a str) -> Vec<(NameKind, &'a str)> {
    let mut v = vec![(NameKind::Primary, name)];
    v.extend(aliases.iter().map(|a| (NameKind::Alias, a.as_str())));
    v.push((NameKind::Code, id));
    v
}

/// The names an entity is known by.
pub fn names_of(data: &Dataset, target: Target) -> Vec<(NameKind, &str)> {
    match target {
        Target::Analysis(ix) => {
            let a = data.analysis(ix);
            vec![
                (NameKind::Primary, a.title.as_str()),
                (NameKind::Code, a.id.as_str()),
            ]
        }
        Target::Actor(ix) => {
            let a = data.actor(ix);
            with_aliases(&a.name, &a.aliases, &a.id)
        }
        Target::Theme(ix) => {
            let t = data.theme(ix);
            vec![
                (NameKind::Primary, t.name.as_str()),
                (NameKind::Code, t.id.as_str()),
            ]
        }
        Target::Place(ix) => {
            let p = data.place(ix);
            with_aliases(&p.name, &p.aliases, &p.id)
        }
        // An implication has no name of its own; its text is searched.
        Target::Implication(_) => Vec::new(),
    }
}

/// The full text of an entity, field by field, as the word index sees it.
pub fn fields_of(data: &Dataset, target: Target) -> Vec<&str> {
    match target {
        Target::Analysis(ix) => {
            let a = data.analysis(ix);
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
        Target::Actor(ix) => {
            let a = data.actor(ix);
            let mut text = vec![a.name.as_str(), a.description.as_str()];
            text.extend(a.aliases.iter().map(String::as_str));
            text.extend(a.offices.iter().map(|o| o.title.as_str()));
            text
        }
        Target::Theme(ix) => {
            let t = data.theme(ix);
            vec![t.name.as_str(), t.description.as_str()]
        }
        Target::Place(ix) => {
            let p = data.place(ix);
            let mut text = vec![p.name.as_str()];
            text.extend(p.aliases.iter().map(String::as_str));
            text
        }
        Target::Implication(ix) => {
            let imp = data.implication(ix);
            vec![
                imp.effect.as_str(),
                imp.affected.as_str(),
                imp.channel.words(),
            ]
        }
    }
}

impl SearchIndex {
    pub fn build(data: &Dataset) -> SearchIndex {
        let mut b = Builder::default();
        let mut buf = String::new();
        let mut words: Vec<u32> = Vec::new();
        for target in all_targets(data) {
            let doc = b.docs.len() as DocId;
            b.docs.push(target);
            for (kind, name) in names_of(data, target) {
                b.name(doc, kind, name);
            }
            words.clear();
            for field in fields_of(data, target) {
                for_each_word(field, &mut buf, |w, _, _| words.push(b.intern(w)));
            }
            words.sort_unstable();
            for run in words.chunk_by(|a, b| a == b) {
                b.post(run[0], doc, run.len() as u32);
            }
        }
        b.finish()
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

#[derive(Default)]
struct Builder {
    docs: Vec<Target>,
    names: Vec<Name>,
    word_ids: HashMap<Box<str>, u32>,
    /// Per word: its postings so far, and the last document added (for the gap).
    lists: Vec<(Vec<u8>, DocId)>,
}

impl Builder {
    fn name(&mut self, doc: DocId, kind: NameKind, text: &str) {
        self.names.push(Name {
            doc,
            kind,
            text: text.to_owned(),
            folded: fold(text),
            utf32: Utf32String::from(text),
        });
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.word_ids.get(word) {
            return id;
        }
        let id = self.lists.len() as u32;
        self.word_ids.insert(word.into(), id);
        self.lists.push((Vec::new(), 0));
        id
    }

    /// Documents arrive in order, so each list only ever grows at its end.
    fn post(&mut self, word: u32, doc: DocId, count: u32) {
        let (bytes, last) = &mut self.lists[word as usize];
        write_varint(bytes, doc - *last);
        bytes.push(count.min(255) as u8);
        *last = doc;
    }

    /// Lays the lists out in word order, for binary search and prefix ranges.
    fn finish(self) -> SearchIndex {
        let mut order: Vec<(Box<str>, u32)> = self.word_ids.into_iter().collect();
        order.sort_unstable();
        let total = self.lists.iter().map(|(b, _)| b.len()).sum();
        let mut postings = Vec::with_capacity(total);
        let mut offsets = Vec::with_capacity(order.len() + 1);
        let mut vocab = Vec::with_capacity(order.len());
        for (word, id) in order {
            offsets.push(postings.len());
            postings.extend_from_slice(&self.lists[id as usize].0);
            vocab.push(word);
        }
        offsets.push(postings.len());
        SearchIndex {
            docs: self.docs,
            names: self.names,
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
}
