//! The search index, built once per dataset: a word index with positions over the full text of
//! every entity (for word, phrase and prefix search), and the names each entity is known by (for
//! fuzzy matching).

use std::collections::HashMap;

use nucleo_matcher::Utf32String;

use super::fold::{fold, words};
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
    /// Folded word -> its id; `vocab` is the same words sorted, for prefix lookups.
    word_ids: HashMap<String, u32>,
    vocab: Vec<(String, u32)>,
    /// For each word id, every (doc, position) it occurs at, in doc then position order.
    postings: Vec<Vec<(DocId, u32)>>,
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

/// Positions skipped between two fields, so that a phrase cannot match across them.
pub const FIELD_GAP: u32 = 8;

impl SearchIndex {
    pub fn build(data: &Dataset) -> SearchIndex {
        let mut b = Builder::default();
        for target in all_targets(data) {
            let doc = b.doc(target);
            for (kind, name) in names_of(data, target) {
                b.name(doc, kind, name);
            }
            b.text(doc, &fields_of(data, target));
        }
        let mut vocab: Vec<(String, u32)> =
            b.word_ids.iter().map(|(w, &id)| (w.clone(), id)).collect();
        vocab.sort_unstable();
        SearchIndex {
            docs: b.docs,
            names: b.names,
            word_ids: b.word_ids,
            vocab,
            postings: b.postings,
        }
    }

    /// Postings of one exact (folded) word.
    pub fn word(&self, folded: &str) -> &[(DocId, u32)] {
        self.word_ids
            .get(folded)
            .map_or(&[], |&id| &self.postings[id as usize])
    }

    /// Ids of every word that starts with `prefix` (folded).
    pub fn words_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let start = self.vocab.partition_point(|(w, _)| w.as_str() < prefix);
        self.vocab[start..]
            .iter()
            .take_while(move |(w, _)| w.starts_with(prefix))
            .map(|&(_, id)| id)
    }

    pub fn postings(&self, word: u32) -> &[(DocId, u32)] {
        &self.postings[word as usize]
    }
}

#[derive(Default)]
struct Builder {
    docs: Vec<Target>,
    names: Vec<Name>,
    word_ids: HashMap<String, u32>,
    postings: Vec<Vec<(DocId, u32)>>,
}

impl Builder {
    fn doc(&mut self, target: Target) -> DocId {
        self.docs.push(target);
        (self.docs.len() - 1) as DocId
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

    /// Indexes the words of several fields as one text; a gap of positions between fields keeps a
    /// phrase from matching across two of them.
    fn text(&mut self, doc: DocId, fields: &[&str]) {
        let mut pos = 0u32;
        for field in fields {
            for w in words(field) {
                let next = self.postings.len() as u32;
                let id = *self.word_ids.entry(w.folded).or_insert(next);
                if id == next {
                    self.postings.push(Vec::new());
                }
                self.postings[id as usize].push((doc, pos));
                pos += 1;
            }
            pos += FIELD_GAP;
        }
    }
}
