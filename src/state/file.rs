//! One state file: read it, change it under the lock, write it whole. The rules every file
//! shares live here, so bookmarks, saved views and the session cannot differ in how they fail:
//!
//! - a missing file is an empty one;
//! - a file that does not parse, or that a newer geolens wrote, is moved aside to
//!   `<name>.bad-<unix seconds>` and the user told, and geolens goes on with nothing;
//! - a change is applied to what is on disk *now*, under `disk::Lock`, so two instances editing
//!   at once lose nothing; until it is saved it waits in memory and is tried again with the next.

use std::fmt::Debug;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Notices;
use crate::data::locate::line_col;
use crate::disk::{self, ReadError};

/// Larger than any dossier a person writes by hand (10,000 bookmarks with long notes), small
/// enough that a file grown by mistake cannot stall the start.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What a kind of state file is.
pub trait StateFile: Serialize + DeserializeOwned + Default + Clone + Debug {
    /// The file's name in the state directory.
    const NAME: &'static str;
    /// What it holds, for messages ("bookmarks and notes").
    const WHAT: &'static str;
    /// The format version this geolens writes; it reads this one and every older one.
    const VERSION: u32;
    /// A change, applied to whatever the file holds when it is saved.
    type Edit: Clone + Debug;

    fn apply(&mut self, edit: &Self::Edit);
    /// Sets the version field, before a save.
    fn set_version(&mut self, version: u32);
}

/// Why a file could not be read as it should.
#[derive(Debug)]
pub enum Unreadable {
    /// It is there but is not what geolens writes, or a newer geolens wrote it.
    Bad(String),
    /// It could not be read at all (permissions, a directory in its place ...).
    Io(String),
}

/// The version field alone, read before the rest so a newer file is told apart from a broken one.
#[derive(serde::Deserialize)]
struct VersionOnly {
    version: Option<serde_json::Value>,
}

/// Parses a state file's text, naming line, column and field when it is wrong.
pub fn parse<T: StateFile>(text: &str) -> Result<T, String> {
    let head: VersionOnly = serde_json::from_str(text).map_err(|e| json_error(text, &e))?;
    match head.version.as_ref().and_then(|v| v.as_u64()) {
        None => return Err("no \"version\" number: not a geolens state file".to_owned()),
        Some(v) if v > u64::from(T::VERSION) => {
            return Err(format!(
                "written by a newer geolens (format version {v}; this one reads up to {})",
                T::VERSION
            ));
        }
        Some(_) => {}
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let path = crate::data::FieldPath::from_serde(e.path());
        let inner = e.into_inner();
        let at = json_error(text, &inner);
        if path.is_root() {
            at
        } else {
            format!("{path}: {at}")
        }
    })?;
    de.end().map_err(|e| json_error(text, &e))?;
    Ok(value)
}

/// serde_json's message with the position said as `line:column` first.
fn json_error(text: &str, e: &serde_json::Error) -> String {
    let message = e.to_string();
    // serde_json appends " at line L column C"; say it the way the rest of geolens does.
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    if e.line() == 0 {
        return message;
    }
    // Columns are counted in characters, as editors do, not in bytes.
    let offset = text
        .split_inclusive('\n')
        .take(e.line() - 1)
        .map(str::len)
        .sum::<usize>()
        + e.column().saturating_sub(1);
    let (line, column) = line_col(text, offset.min(text.len()));
    format!("{line}:{column}: {message}")
}

/// Reads a state file: `Ok(None)` when there is none yet.
pub fn read<T: StateFile>(path: &Path) -> Result<Option<T>, Unreadable> {
    let bytes = match disk::read_capped(path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing) => return Ok(None),
        Err(ReadError::TooLarge(max)) => {
            return Err(Unreadable::Bad(format!("larger than {max} bytes")));
        }
        Err(e) => return Err(Unreadable::Io(e.to_string())),
    };
    let text = String::from_utf8(bytes).map_err(|_| Unreadable::Bad("not UTF-8 text".into()))?;
    parse(&text).map(Some).map_err(Unreadable::Bad)
}

/// The text written for a value: pretty JSON, so a person can read and mend it.
pub fn to_text<T: StateFile>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("state serialises");
    text.push('\n');
    text
}

/// Reads `path` holding its lock. A bad file is moved aside (and the user told) and counts as
/// empty. Returns the value and the lock, for a write to follow.
fn read_locked<T: StateFile>(path: &Path, notices: &Notices) -> io::Result<(T, disk::Lock)> {
    let lock = disk::Lock::acquire(path)?;
    remove_debris(path);
    let value = match read::<T>(path) {
        Ok(value) => value.unwrap_or_default(),
        Err(Unreadable::Io(e)) => return Err(io::Error::other(e)),
        Err(Unreadable::Bad(why)) => {
            let aside = disk::move_aside(path)?;
            notices.say(
                &format!("bad:{}", aside.display()),
                &format!(
                    "{} could not be read ({why}); moved aside to {}, starting with no {}",
                    path.display(),
                    aside.display(),
                    T::WHAT
                ),
            );
            T::default()
        }
    };
    Ok((value, lock))
}

/// Temporary files a killed writer left beside `path`. Called with the lock held: every writer of
/// these files holds it, so no temporary file seen then is still being written.
fn remove_debris(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let mut prefix = name.to_os_string();
    prefix.push(".tmp-");
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A state file as this instance knows it, and the changes not yet on disk.
#[derive(Debug, Clone)]
pub struct Synced<T: StateFile> {
    /// `None`: kept in memory only (snapshots, tests, or no state directory).
    path: Option<PathBuf>,
    value: T,
    pending: Vec<T::Edit>,
    /// A bad file could not be moved aside: it must never be written over.
    hands_off: bool,
    notices: Notices,
}

impl<T: StateFile> Synced<T> {
    /// Kept in memory only, starting from `value`.
    pub fn in_memory(value: T) -> Synced<T> {
        Synced {
            path: None,
            value,
            pending: Vec::new(),
            hands_off: false,
            notices: Notices::default(),
        }
    }

    /// Opens the file `T::NAME` in `dir` (`None`: no state directory, memory only).
    pub fn open(dir: Option<&Path>, notices: &Notices) -> Synced<T> {
        let mut s = Synced {
            path: dir.map(|d| d.join(T::NAME)),
            value: T::default(),
            pending: Vec::new(),
            hands_off: false,
            notices: notices.clone(),
        };
        s.reload();
        s
    }

    pub fn get(&self) -> &T {
        &self.value
    }

    /// Whether changes are waiting because the last save failed.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Picks up what another instance saved. Changes still waiting stay applied on top.
    pub fn reload(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        // Reading needs no lock (every write replaces the file whole); moving a bad file aside
        // does, so that a good file another instance has just written is never the one moved.
        self.value = match read::<T>(&path) {
            Ok(value) => value.unwrap_or_default(),
            Err(Unreadable::Bad(_)) => match read_locked::<T>(&path, &self.notices) {
                Ok((value, _lock)) => value,
                Err(_) => self.keep_off(&path),
            },
            Err(Unreadable::Io(_)) if path.symlink_metadata().is_err() => T::default(),
            Err(Unreadable::Io(_)) => self.keep_off(&path),
        };
        for edit in &self.pending {
            self.value.apply(edit);
        }
    }

    /// A file that cannot be read, nor moved aside: start empty, and never write over it.
    fn keep_off(&mut self, path: &Path) -> T {
        self.hands_off = true;
        let why = match read::<T>(path) {
            Err(Unreadable::Bad(why) | Unreadable::Io(why)) => why,
            Ok(_) => "it changed while read".to_owned(),
        };
        self.notices.say(
            &format!("bad:{}", path.display()),
            &format!(
                "{} could not be read ({why}) nor moved aside; starting with no {}, \
                 and it will not be written over",
                path.display(),
                T::WHAT
            ),
        );
        T::default()
    }

    /// Makes a change and saves it: under the lock, the file as it is now, with every change
    /// still waiting and this one applied, replaces the old one. When that fails the change
    /// holds in memory, waits for the next save, and the user is told once.
    pub fn edit(&mut self, edit: T::Edit) -> Result<(), String> {
        self.pending.push(edit.clone());
        let Some(path) = self.path.clone() else {
            self.value.apply(&edit);
            self.pending.clear();
            return Ok(());
        };
        let saved = if self.hands_off {
            Err(io::Error::other(format!(
                "{} could not be read, so it is not written over",
                path.display()
            )))
        } else {
            self.save_pending(&path)
        };
        match saved {
            Ok(value) => {
                self.value = value;
                self.pending.clear();
                Ok(())
            }
            Err(e) => {
                self.value.apply(&edit);
                let why = format!("cannot save {} to {}: {e}", T::WHAT, path.display());
                self.notices.say(
                    "cannot-save",
                    &format!("{why}; changes last until geolens quits"),
                );
                Err(why)
            }
        }
    }

    fn save_pending(&self, path: &Path) -> io::Result<T> {
        let (mut value, _lock) = read_locked::<T>(path, &self.notices)?;
        for edit in &self.pending {
            value.apply(edit);
        }
        // Always the version this geolens writes: an older file is upgraded on its first save.
        value.set_version(T::VERSION);
        disk::write_atomic(path, to_text(&value).as_bytes())?;
        Ok(value)
    }
}
