//! Whether an index still matches its data: the same files, each with the same size, time and
//! inode, and, where those could mislead, the same bytes.

use std::fs;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::xxh3_64;

use super::build::Stamp;

/// The files of a dataset directory, named as `Sources::from_dir` names them, in name order.
/// The same walk as the loader's, without reading a byte: `places.json` or `places/**.json`,
/// and so on for actors, themes and analyses.
pub fn list(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let root_id = fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    for stem in ["places", "actors", "themes", "analyses"] {
        let file = root.join(format!("{stem}.json"));
        if !file.is_dir() && fs::symlink_metadata(&file).is_ok() {
            out.push(file);
        }
        let dir = root.join(stem);
        if dir.is_dir() {
            let mut seen = vec![root_id.clone()];
            walk(&dir, &mut seen, &mut out);
        }
    }
    let mut named: Vec<(String, PathBuf)> = out
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (name, path)
        })
        .collect();
    named.sort();
    named
}

fn walk(dir: &Path, seen: &mut Vec<PathBuf>, out: &mut Vec<PathBuf>) {
    let id = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if seen.contains(&id) {
        return;
    }
    seen.push(id);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, seen, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn nanos(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos().min(u128::from(u64::MAX)) as u64)
}

pub fn now() -> u64 {
    nanos(SystemTime::now())
}

/// A file's size, time and inode now (its hash left 0), or `None` if it cannot be read.
pub fn stat(name: &str, path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        name: name.to_owned(),
        size: meta.len(),
        mtime: nanos(meta.modified().ok()?),
        inode: meta.ino(),
        hash: 0,
    })
}

pub fn hash(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

fn hash_file(path: &Path) -> Option<u64> {
    let (mut file, meta) = crate::disk::open_regular(path).ok()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).ok()?;
    Some(hash(&bytes))
}

/// A file changed this close to the moment it was looked at could change again within the same
/// tick of a coarse file-system clock without its time showing it, so its bytes are compared
/// (git calls such entries "racy"). A second covers the clocks in use.
const RACY: Duration = Duration::from_secs(1);

/// How much to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Sizes, times and inodes; bytes only where those could mislead.
    Quick,
    /// Every file's bytes too.
    Full,
}

/// Why an index no longer matches its data, in words; `None` when it does.
pub fn stale(root: &Path, files: &[Stamp], built: u64, depth: Depth) -> Option<String> {
    let now = list(root);
    let mut old = files.iter().peekable();
    for (name, path) in &now {
        if let Some(gone) = old.next_if(|s| s.name < *name) {
            return Some(format!("{} was removed", gone.name));
        }
        let Some(was) = old.next_if(|s| s.name == *name) else {
            return Some(format!("{name} was added"));
        };
        let Some(is) = stat(name, path) else {
            return Some(format!("{name} cannot be read"));
        };
        if is.size != was.size {
            return Some(format!("{name} changed"));
        }
        let same_stat = is.mtime == was.mtime && is.inode == was.inode;
        let racy = is.mtime.saturating_add(RACY.as_nanos() as u64) >= built;
        if (!same_stat || racy || depth == Depth::Full) && hash_file(path) != Some(was.hash) {
            return Some(format!("{name} changed"));
        }
    }
    old.next().map(|gone| format!("{} was removed", gone.name))
}
