//! `session.json`: where the analyst left off (the list, the item, the filters, the scroll
//! positions), written when geolens closes and read when it starts again. One instance's place
//! replaces another's: the last to close wins, as with any editor's session.

use serde::{Deserialize, Serialize};

use super::FilterSpec;
use super::bookmarks::{ItemRef, Kind};
use super::file::StateFile;

/// Which pane had the keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pane {
    #[default]
    List,
    Detail,
}

/// One list as it was left: its order, the item selected and how far it was scrolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListPlace {
    pub list: Kind,
    pub sort: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    #[serde(default)]
    pub offset: usize,
}

/// The page in the detail pane, and the reader's place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagePlace {
    pub kind: Kind,
    pub id: String,
    #[serde(default)]
    pub cursor: usize,
    #[serde(default)]
    pub offset: usize,
    /// The width the page was wrapped to: the cursor counts rows at that width.
    #[serde(default)]
    pub width: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub version: u32,
    /// When it was written (UTC, RFC 3339); empty when there is no session yet.
    #[serde(default)]
    pub saved: String,
    /// The list shown.
    pub list: Kind,
    pub focus: Pane,
    /// What filled the body when it was not the explorer ("bookmarks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen: Option<String>,
    #[serde(default, skip_serializing_if = "FilterSpec::is_empty")]
    pub filters: FilterSpec,
    #[serde(default)]
    pub lists: Vec<ListPlace>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PagePlace>,
}

impl PagePlace {
    pub fn item(&self) -> ItemRef {
        ItemRef {
            kind: self.kind,
            id: self.id.clone(),
        }
    }
}

impl Default for Session {
    fn default() -> Session {
        Session {
            version: Session::VERSION,
            saved: String::new(),
            list: Kind::Analysis,
            focus: Pane::List,
            screen: None,
            filters: FilterSpec::default(),
            lists: Vec::new(),
            page: None,
        }
    }
}

impl Session {
    /// Whether a session was ever written.
    pub fn is_empty(&self) -> bool {
        self.saved.is_empty()
    }
}

impl StateFile for Session {
    const NAME: &'static str = "session.json";
    const WHAT: &'static str = "session";
    const VERSION: u32 = 1;
    /// The whole place, replacing the last one.
    type Edit = Session;

    fn apply(&mut self, edit: &Session) {
        *self = edit.clone();
    }

    fn set_version(&mut self, version: u32) {
        self.version = version;
    }
}
