//! The persistent index (issue 13): a dataset directory read once, written to one file under
//! `$XDG_CACHE_HOME/geolens/`, and opened in place by every later run instead of parsed again.
//!
//! The file holds where each entity lies in the data files (pages read it from there), the
//! columns and lists that filters, sorts and pages read, the sort orders and the search index
//! (`file` for the layout, `layout` for what each section holds). [`DiskStore`] implements
//! `data::Store` over it, so nothing above the data layer knows which store it reads. An index is
//! used while every data file has the size, time and bytes it had when the index was built
//! (`fresh`), and rebuilt otherwise.

mod build;
mod data_files;
mod disk;
mod file;
mod fresh;
mod layout;
mod recover;

use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

pub use build::{Meta, Stamp};
pub use disk::DiskStore;
pub use file::Damage;
pub use fresh::Depth;

use crate::data::{self, Dataset, Problems, Sources};
use crate::disk::{self as files, Base};
use crate::find::SearchIndex;
use crate::text::sanitize;

/// From this much data on, building the index says so first: it takes seconds.
pub const LARGE: u64 = 16 << 20;
/// Up to this much data, every file's bytes are compared at each start, not only its size and
/// time: it costs a few milliseconds.
const HASH_ALWAYS_BELOW: u64 = 16 << 20;

/// Where the index of the dataset in `canonical` (a canonical path) lives by default: a file in
/// the cache directory named by a hash of the path.
pub fn default_path(canonical: &Path) -> Option<PathBuf> {
    let dir = files::dir(Base::Cache)?;
    let key = xxh3_64(canonical.as_os_str().as_bytes());
    Some(dir.join(format!("index-{key:016x}.geolens")))
}

/// The index file for `dir`: `explicit` (`--index`) or the default. `None` when there is no
/// cache directory, or `dir` does not exist.
pub fn path_for(dir: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(p) => Some(p.to_owned()),
        None => default_path(&fs::canonicalize(dir).ok()?),
    }
}

/// Why no index could be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// There is none yet.
    Missing,
    /// The data changed since it was built: what changed.
    Stale(String),
    Damaged(Damage),
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Missing => f.write_str("there is none yet"),
            Unusable::Stale(why) => write!(f, "the data changed since it was built: {why}"),
            Unusable::Damaged(d) => d.fmt(f),
        }
    }
}

/// Opens the index at `path` if it is whole and matches the data in `dir`, checking the data as
/// deeply as `depth` says (`None`: by the data's size).
pub fn open_fresh(dir: &Path, path: &Path, depth: Option<Depth>) -> Result<DiskStore, Unusable> {
    let mapped = match file::Mapped::open(path) {
        Ok(m) => m,
        Err(Damage::Missing) => return Err(Unusable::Missing),
        Err(d) => return Err(Unusable::Damaged(d)),
    };
    let meta: Meta = mapped
        .whole(layout::META)
        .and_then(|m| serde_json::from_slice(m).ok())
        .ok_or(Unusable::Damaged(Damage::Header))?;
    if mapped.sections() != layout::COUNT {
        return Err(Unusable::Damaged(Damage::Header));
    }
    let canonical = fs::canonicalize(dir).map_err(|e| Unusable::Stale(e.to_string()))?;
    if meta.data.as_bytes() != canonical.as_os_str().as_bytes() {
        return Err(Unusable::Stale(format!(
            "it was built for {}",
            sanitize(&meta.data)
        )));
    }
    let bytes: u64 = meta.files.iter().map(|f| f.size).sum();
    let depth = depth.unwrap_or(match bytes < HASH_ALWAYS_BELOW {
        true => Depth::Full,
        false => Depth::Quick,
    });
    if let Some(why) = fresh::stale(dir, &meta.files, meta.built, depth) {
        return Err(Unusable::Stale(why));
    }
    let recovery = recover::Recovery::new(dir.to_owned(), path.to_owned(), meta.counts);
    Ok(DiskStore::new(Arc::new(mapped), meta, Arc::new(recovery)))
}

/// A dataset's files, read, with each file's size and time as they were just before.
pub struct Prepared {
    /// When the files were looked at, before they were read.
    looked: u64,
    stats: Vec<Stamp>,
    pub sources: Sources,
}

/// Reads the files of `dir`, noting each file's size and time first: a change made while it is
/// read shows as a change at the next start.
pub fn prepare(dir: &Path) -> Result<Prepared, Problems> {
    let looked = fresh::now();
    let stats: Vec<Stamp> = fresh::list(dir)
        .iter()
        .filter_map(|(name, path)| fresh::stat(name, path))
        .collect();
    Ok(Prepared {
        looked,
        stats,
        sources: Sources::from_dir(dir)?,
    })
}

/// A dataset read for an index: the data, what the index says about it, and where each entity
/// lies in the files.
pub struct Loaded {
    pub data: Dataset,
    pub meta: Meta,
    pub located: build::Located,
}

/// Reads, checks and loads the dataset in `dir`, with what the index says about it.
pub fn load(dir: &Path) -> Result<Loaded, Problems> {
    load_prepared(dir, prepare(dir)?)
}

fn load_prepared(dir: &Path, prepared: Prepared) -> Result<Loaded, Problems> {
    let Prepared {
        looked,
        stats,
        sources,
    } = prepared;
    let mut files = Vec::with_capacity(stats.len());
    // Each of the sources' files, as the meta numbers them.
    let mut numbered = vec![None; sources.files.len()];
    for mut stamp in stats {
        let Some(at) = sources.files.iter().position(|s| s.name == stamp.name) else {
            continue;
        };
        stamp.hash = fresh::hash(sources.files[at].text.as_bytes());
        numbered[at] = Some(files.len());
        files.push(stamp);
    }
    let (data, spans) = data::load_spanned(&sources).map_err(|p| p.under(dir))?;
    let located = build::Located::new(&sources, &spans, &numbered);
    drop(sources);
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    let meta = Meta {
        geolens: env!("CARGO_PKG_VERSION").to_owned(),
        data: canonical.to_string_lossy().into_owned(),
        built: looked,
        counts: build::counts(&data),
        files,
    };
    Ok(Loaded {
        data,
        meta,
        located,
    })
}

/// Whether an index can be written at `path`: its lock file can be made there.
pub fn writable(path: &Path) -> Result<(), String> {
    match files::Lock::acquire(path) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!(
            "cannot write the index {} ({}): working from memory",
            sanitize(&path.display().to_string()),
            io_words(&e)
        )),
    }
}

/// A dataset ready to read: from its index, or in memory when no index could be written.
// One per run, moved once: the size of the in-memory variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    Disk(DiskStore),
    /// The data in memory, with its search index.
    Memory(Dataset, SearchIndex),
}

impl Opened {
    pub fn store(&self) -> &dyn data::Store {
        match self {
            Opened::Disk(d) => d,
            Opened::Memory(d, _) => d,
        }
    }

    pub fn index(&self) -> &SearchIndex {
        match self {
            Opened::Disk(d) => d.index(),
            Opened::Memory(_, i) => i,
        }
    }

    /// The store, to share between threads.
    pub fn into_shared(self) -> Arc<dyn data::Store> {
        match self {
            Opened::Disk(d) => Arc::new(d),
            Opened::Memory(d, _) => Arc::new(d),
        }
    }
}

/// Builds the index of `dir` at `path` and opens it; when it cannot be written (a read-only
/// cache, a full disk), keeps the data in memory and says why through `say`. Another process
/// building the same index meanwhile is waited for, and its index used.
/// With `force`, builds even an index that is up to date; with `prepared`, from files already
/// read.
pub fn build(
    dir: &Path,
    path: &Path,
    force: bool,
    prepared: Option<Prepared>,
    say: &mut dyn FnMut(&str),
) -> Result<Opened, Problems> {
    let lock = files::Lock::acquire(path);
    if lock.is_ok()
        && !force
        && let Ok(store) = open_fresh(dir, path, None)
    {
        return Ok(Opened::Disk(store));
    }
    let prepared = match prepared {
        Some(p) => p,
        None => prepare(dir)?,
    };
    let Loaded {
        data,
        meta,
        located,
    } = load_prepared(dir, prepared)?;
    // Held until the new file is opened.
    let (_lock, locked) = match lock {
        Ok(l) => (Some(l), Ok(())),
        Err(e) => (None, Err(e)),
    };
    // The search index is built on two threads; the rest of the file is laid out and written
    // on a third meanwhile (writing 100 MB or more waits on the disk, not the processor).
    let (index, started) = std::thread::scope(|scope| {
        let started = scope.spawn(|| {
            let own = build::sections(&data, &meta, &located);
            locked.is_ok().then(|| build::start(path, own))
        });
        let index = SearchIndex::build(&data);
        (
            index,
            started
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    });
    let shown = sanitize(&path.display().to_string()).into_owned();
    let written = locked.and_then(|()| match started {
        Some(started) => started.and_then(|w| build::finish(w, path, &index)),
        None => Err(io::Error::other("no lock")),
    });
    if let Err(e) = written {
        say(&format!(
            "cannot write the index {shown} ({}): working from memory",
            io_words(&e)
        ));
        return Ok(Opened::Memory(data, index));
    }
    // Freeing a large dataset's millions of allocations takes a quarter of a second at 100,000
    // analyses: done beside the rest, which no longer needs them.
    std::thread::spawn(move || drop((data, index, located)));
    if path.parent() == files::dir(Base::Cache).as_deref() {
        prune(path);
    }
    match open_fresh(dir, path, Some(Depth::Quick)) {
        Ok(store) => Ok(Opened::Disk(store)),
        Err(why) => {
            // Only a change to the data during the build gets here: read it as it is now.
            say(&format!(
                "the index {shown} was out of date at once ({why}): working from memory"
            ));
            let data = load(dir)?.data;
            let index = SearchIndex::build(&data);
            Ok(Opened::Memory(data, index))
        }
    }
}

/// Removes the indexes beside `kept` whose data directory no longer exists, so that the cache
/// does not keep an index for every dataset ever opened.
fn prune(kept: &Path) {
    let Some(cache) = kept.parent() else { return };
    let Ok(entries) = fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path == kept || !name.starts_with("index-") || !name.ends_with(".geolens") {
            continue;
        }
        let data = file::Mapped::open(&path).ok().and_then(|m| {
            let meta: Meta = serde_json::from_slice(m.whole(layout::META)?).ok()?;
            Some(PathBuf::from(meta.data))
        });
        if data.is_some_and(|d| !d.exists()) {
            let _ = fs::remove_file(&path);
            let _ = fs::remove_file(path.with_extension("geolens.lock"));
        }
    }
}

fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".to_owned(),
        io::ErrorKind::NotADirectory => "a part of its path is a file, not a directory".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        _ => e.to_string(),
    }
}

/// The total size of the data files in `dir`.
pub fn data_bytes(dir: &Path) -> u64 {
    fresh::list(dir)
        .iter()
        .filter_map(|(name, path)| fresh::stat(name, path))
        .map(|s| s.size)
        .sum()
}

/// Opens the index of `dir` (at `explicit`, else the default place), building it first when
/// there is none or it no longer matches the data. `say` hears, one line each, why an index was
/// rebuilt after damage, that a large build has begun, and why the data is read into memory
/// instead.
pub fn open(
    dir: &Path,
    explicit: Option<&Path>,
    say: &mut dyn FnMut(&str),
) -> Result<Opened, Problems> {
    let Some(path) = path_for(dir, explicit) else {
        if fs::metadata(dir).is_ok() {
            say("no cache directory (set XDG_CACHE_HOME or HOME): working from memory");
        }
        let data = load(dir)?.data;
        let index = SearchIndex::build(&data);
        return Ok(Opened::Memory(data, index));
    };
    let why = match open_fresh(dir, &path, None) {
        Ok(store) => return Ok(Opened::Disk(store)),
        Err(why) => why,
    };
    announce(dir, &path, &why, say);
    build(dir, &path, false, None, say)
}

/// The line said before a rebuild: always after damage, else only for large data.
pub fn announce(dir: &Path, path: &Path, why: &Unusable, say: &mut dyn FnMut(&str)) {
    let shown = sanitize(&path.display().to_string()).into_owned();
    match why {
        Unusable::Damaged(d) => say(&format!(
            "the index {shown} is unusable ({d}): rebuilding it"
        )),
        _ => {
            let bytes = data_bytes(dir);
            if bytes >= LARGE {
                say(&format!(
                    "indexing {:.0} MB of data in {}, once: later runs open the index",
                    bytes as f64 / 1e6,
                    sanitize(&dir.display().to_string())
                ));
            }
        }
    }
}

/// `geolens index status`: where the index is and whether it can be used, checking every block
/// and every data file's bytes. The status is 0 when it can be used as it is.
pub fn status(dir: &Path, explicit: Option<&Path>) -> (String, u8) {
    let Some(path) = path_for(dir, explicit) else {
        return (
            "no index: no cache directory, or no such data directory\n".to_owned(),
            1,
        );
    };
    let shown = sanitize(&path.display().to_string()).into_owned();
    match open_fresh(dir, &path, Some(Depth::Full)) {
        Ok(store) => match store.check_all() {
            Ok(()) => {
                let m = store.meta();
                let size = fs::metadata(&path).map_or(0, |m| m.len());
                let text = format!(
                    "{shown}: up to date, {:.1} MB, {} data files; {} analyses, {} actors, {} themes, {} implications, {} places\n",
                    size as f64 / 1e6,
                    m.files.len(),
                    m.counts[0],
                    m.counts[1],
                    m.counts[2],
                    m.counts[3],
                    m.counts[4],
                );
                (text, 0)
            }
            Err(d) => (
                format!("{shown}: unusable ({d}); the next run rebuilds it\n"),
                1,
            ),
        },
        Err(why) => (format!("{shown}: {why}; the next run rebuilds it\n"), 1),
    }
}

/// `geolens index clear`: removes the index of `dir`; whether there was one.
pub fn clear(dir: &Path, explicit: Option<&Path>) -> io::Result<Option<PathBuf>> {
    let Some(path) = path_for(dir, explicit) else {
        return Ok(None);
    };
    match fs::remove_file(&path) {
        Ok(()) => Ok(Some(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests;
