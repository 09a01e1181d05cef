//! `views.json`: saved views. A view is a list, its order and the filters, under a name the
//! analyst chose, recalled from the explorer or with `geolens open --view-name NAME`.

use serde::{Deserialize, Serialize};

use super::FilterSpec;
use super::bookmarks::Kind;
use super::file::StateFile;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    pub name: String,
    /// The list shown.
    pub list: Kind,
    /// Its order, by the name `geolens list --sort` takes.
    pub sort: String,
    /// The filters, as the flags of `geolens list` (`place`, `theme`, `channel` ...).
    #[serde(default, skip_serializing_if = "FilterSpec::is_empty")]
    pub filters: FilterSpec,
    /// When it was saved (UTC, RFC 3339).
    pub saved: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedViews {
    pub version: u32,
    /// In the order they were first saved.
    pub views: Vec<SavedView>,
}

impl Default for SavedViews {
    fn default() -> SavedViews {
        SavedViews {
            version: SavedViews::VERSION,
            views: Vec::new(),
        }
    }
}

impl SavedViews {
    /// The view of that name; names match whatever their case.
    pub fn get(&self, name: &str) -> Option<&SavedView> {
        let name = name.trim();
        self.views
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
    }
}

/// Why a name cannot name a view, or `None` when it can.
pub fn check_name(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        Some("a view needs a name")
    } else if name.chars().count() > MAX_NAME {
        Some("a view's name is at most 60 characters")
    } else if name.chars().any(crate::text::is_unsafe) {
        Some("a view's name cannot hold control characters")
    } else {
        None
    }
}

const MAX_NAME: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Saves a view, replacing one of the same name where it stood.
    Save(SavedView),
    Delete(String),
}

impl StateFile for SavedViews {
    const NAME: &'static str = "views.json";
    const WHAT: &'static str = "saved views";
    const VERSION: u32 = 1;
    type Edit = Edit;

    fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Save(view) => {
                let same = |v: &SavedView| v.name.eq_ignore_ascii_case(view.name.trim());
                match self.views.iter_mut().find(|v| same(v)) {
                    Some(old) => *old = view.clone(),
                    None => self.views.push(view.clone()),
                }
            }
            Edit::Delete(name) => self.views.retain(|v| !v.name.eq_ignore_ascii_case(name)),
        }
    }

    fn set_version(&mut self, version: u32) {
        self.version = version;
    }
}
