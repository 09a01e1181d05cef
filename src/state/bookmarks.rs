//! `bookmarks.json`: the items an analyst keeps, each with an optional note.
//!
//! A bookmark names its item by kind and id, never by position, and keeps the title it had: when
//! a dataset no longer holds the id the bookmark stays, shown as missing from this dataset under
//! that title, and comes back to life with a dataset that has it again.

use serde::{Deserialize, Serialize};

use super::file::StateFile;
use crate::data::{ListKind, Store, Target};

/// The kind of a bookmarked item, as the file spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Analysis,
    Actor,
    Theme,
    Implication,
    Place,
}

impl Kind {
    pub fn list(self) -> ListKind {
        match self {
            Kind::Analysis => ListKind::Analyses,
            Kind::Actor => ListKind::Actors,
            Kind::Theme => ListKind::Themes,
            Kind::Implication => ListKind::Implications,
            Kind::Place => ListKind::Places,
        }
    }

    pub fn of(list: ListKind) -> Kind {
        match list {
            ListKind::Analyses => Kind::Analysis,
            ListKind::Actors => Kind::Actor,
            ListKind::Themes => Kind::Theme,
            ListKind::Implications => Kind::Implication,
            ListKind::Places => Kind::Place,
        }
    }

    /// The word for the kind, as in the file and in `kind:id`.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Analysis => "analysis",
            Kind::Actor => "actor",
            Kind::Theme => "theme",
            Kind::Implication => "implication",
            Kind::Place => "place",
        }
    }
}

/// An item by kind and id: what survives a reload, a new dataset, or another machine.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    pub kind: Kind,
    pub id: String,
}

impl ItemRef {
    pub fn of(data: &dyn Store, target: Target) -> ItemRef {
        let id = match target {
            Target::Analysis(ix) => data.analysis(ix).id.clone(),
            Target::Actor(ix) => data.actor(ix).id.clone(),
            Target::Theme(ix) => data.theme(ix).id.clone(),
            Target::Implication(ix) => data.implication_id(ix),
            Target::Place(ix) => data.place(ix).id.clone(),
        };
        ItemRef {
            kind: Kind::of(target.list()),
            id,
        }
    }

    /// The item in this dataset, if it has it.
    pub fn resolve(&self, data: &dyn Store) -> Option<Target> {
        let id = self.id.as_str();
        match self.kind {
            Kind::Analysis => data.analysis_ix(id).map(Target::Analysis),
            Kind::Actor => data.actor_ix(id).map(Target::Actor),
            Kind::Theme => data.theme_ix(id).map(Target::Theme),
            Kind::Implication => data.implication_ix(id).map(Target::Implication),
            Kind::Place => data.place_ix(id).map(Target::Place),
        }
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.word(), self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    pub kind: Kind,
    pub id: String,
    /// The item's title when it was bookmarked: what to call it if the dataset loses it.
    pub title: String,
    /// When it was bookmarked (UTC, RFC 3339).
    pub added: String,
    /// The analyst's note; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the note last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noted: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmarks {
    pub version: u32,
    /// Oldest first.
    pub bookmarks: Vec<Bookmark>,
}

impl Default for Bookmarks {
    fn default() -> Bookmarks {
        Bookmarks {
            version: Bookmarks::VERSION,
            bookmarks: Vec::new(),
        }
    }
}

impl Bookmark {
    pub fn item(&self) -> ItemRef {
        ItemRef {
            kind: self.kind,
            id: self.id.clone(),
        }
    }

    fn is(&self, item: &ItemRef) -> bool {
        self.kind == item.kind && self.id == item.id
    }
}

impl Bookmarks {
    pub fn get(&self, item: &ItemRef) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.is(item))
    }

    pub fn contains(&self, item: &ItemRef) -> bool {
        self.get(item).is_some()
    }

    pub fn len(&self) -> usize {
        self.bookmarks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty()
    }
}

/// A change to the bookmarks, said as what the user wants rather than as a toggle, so applying
/// it to a file another instance changed meanwhile does what the user saw: adding something
/// already there, or removing something already gone, changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Add(Bookmark),
    Remove(ItemRef),
    /// Sets an item's note (empty: none). A note for an item another instance unbookmarked
    /// meanwhile brings the bookmark back: a note is never dropped for want of a bookmark.
    Note {
        bookmark: Bookmark,
        note: String,
        at: String,
    },
}

impl StateFile for Bookmarks {
    const NAME: &'static str = "bookmarks.json";
    const WHAT: &'static str = "bookmarks and notes";
    const VERSION: u32 = 1;
    type Edit = Edit;

    fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Add(b) => {
                if !self.contains(&b.item()) {
                    self.bookmarks.push(b.clone());
                }
            }
            Edit::Remove(item) => self.bookmarks.retain(|b| !b.is(item)),
            Edit::Note { bookmark, note, at } => {
                let at_index = match self.bookmarks.iter().position(|b| b.is(&bookmark.item())) {
                    Some(i) => i,
                    None => {
                        self.bookmarks.push(bookmark.clone());
                        self.bookmarks.len() - 1
                    }
                };
                let b = &mut self.bookmarks[at_index];
                if b.note != *note {
                    b.note = note.clone();
                    b.noted = Some(at.clone());
                }
            }
        }
    }

    fn set_version(&mut self, version: u32) {
        self.version = version;
    }
}
