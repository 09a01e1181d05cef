//! What geolens keeps between runs, in `$XDG_STATE_HOME/geolens/` (else
//! `~/.local/state/geolens/`): one human-readable JSON file per concern, each with a version.
//!
//! - [`bookmarks`]: the items kept, with their notes (`bookmarks.json`);
//! - [`views`]: saved views, a list with its order and filters under a name (`views.json`);
//! - [`session`]: where the reader left off (`session.json`).
//!
//! Every save goes through `disk::write_atomic` under `disk::Lock`, applied to the file as it is
//! on disk at that moment ([`file`] has the rules). Nothing here knows about terminals: the
//! explorer, `geolens export` and the tests all use it the same way.

pub mod bookmarks;
pub mod clock;
pub mod file;
pub mod filters;
pub mod session;
pub mod views;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bookmarks::Bookmarks;
use clock::Clock;
use file::Synced;
use session::Session;
use views::SavedViews;

/// Filters as the flags of `geolens list` name them (`place`, `theme`, `actor-kind` ...), each
/// with its values by id or name: readable in the file, and still meaningful after the dataset
/// changes, unlike the indexes the explorer holds.
pub type FilterSpec = BTreeMap<String, Vec<String>>;

/// Things the user must hear once: on the status line while geolens runs, and on stderr after it
/// closes (the status line may have gone by unread). Shared by every file of the state.
#[derive(Debug, Clone, Default)]
pub struct Notices(Arc<Mutex<Log>>);

#[derive(Debug, Default)]
struct Log {
    keys: HashSet<String>,
    said: Vec<String>,
    unseen: Vec<String>,
}

impl Notices {
    /// Says `text`, unless something with the same `key` was already said.
    pub fn say(&self, key: &str, text: &str) {
        let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if log.keys.insert(key.to_owned()) {
            log.said.push(text.to_owned());
            log.unseen.push(text.to_owned());
        }
    }

    /// What the status line has not shown yet, as one line.
    pub fn unseen(&self) -> Option<String> {
        let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let unseen = std::mem::take(&mut log.unseen);
        (!unseen.is_empty()).then(|| unseen.join("; "))
    }

    /// Everything said, for stderr after the explorer closes.
    pub fn said(&self) -> Vec<String> {
        let log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        log.said.clone()
    }
}

/// The state directory of this user, if the environment names one.
pub fn dir() -> Option<PathBuf> {
    crate::disk::dir(crate::disk::Base::State)
}

/// Whether files can be written in `dir`, making it if need be. Asked at start, so the user
/// hears it before bookmarking anything rather than after.
fn writable(dir: &Path) -> std::io::Result<()> {
    crate::disk::create_dir(dir)?;
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).map_err(std::io::Error::from)
}

/// Everything kept, as this instance knows it.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub bookmarks: Synced<Bookmarks>,
    pub views: Synced<SavedViews>,
    pub session: Synced<Session>,
    pub notices: Notices,
    /// The time, for the dates bookmarks and views carry.
    pub clock: Clock,
}

impl Default for Dossier {
    fn default() -> Dossier {
        Dossier::in_memory(Bookmarks::default())
    }
}

impl Dossier {
    /// Reads the state in `dir`; `None` when there is no state directory, which the user is told
    /// about: everything then lasts only until geolens quits.
    pub fn open(dir: Option<&Path>, notices: &Notices) -> Dossier {
        let cannot = match dir {
            None => Some("no state directory (set XDG_STATE_HOME or HOME)".to_owned()),
            Some(dir) => writable(dir)
                .err()
                .map(|e| format!("{}: {e}", dir.display())),
        };
        if let Some(why) = cannot {
            notices.say(
                "cannot-save",
                &format!(
                    "cannot save bookmarks, notes, views or the session: {why}; \
                     changes last until geolens quits"
                ),
            );
        }
        Dossier {
            bookmarks: Synced::open(dir, notices),
            views: Synced::open(dir, notices),
            session: Synced::open(dir, notices),
            notices: notices.clone(),
            clock: clock::system,
        }
    }

    /// Kept in memory only, never written: for `geolens snapshot` and tests, which must be the
    /// same on every machine and must not touch the user's files.
    pub fn in_memory(bookmarks: Bookmarks) -> Dossier {
        Dossier {
            bookmarks: Synced::in_memory(bookmarks),
            views: Synced::in_memory(SavedViews::default()),
            session: Synced::in_memory(Session::default()),
            notices: Notices::default(),
            clock: clock::system,
        }
    }

    /// Now, as the files write it.
    pub fn now(&self) -> String {
        clock::stamp((self.clock)())
    }
}
