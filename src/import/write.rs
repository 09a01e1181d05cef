//! Saving drafts into a dataset directory: `analyses/drafts/<id>.json` for each text and
//! `actors/drafts/<id>.json` for the actors it proposes, each written whole or not at all
//! (`disk::write_atomic`), so a run that fails leaves no partial file behind.

use std::io;
use std::path::{Path, PathBuf};

use crate::data::Sources;
use crate::disk::{self, Base, Lock};

use super::Imported;

/// Where one draft went, relative to the dataset directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub analysis: String,
    pub actors: Option<String>,
}

pub fn analysis_path(id: &str) -> String {
    format!("analyses/drafts/{id}.json")
}

pub fn actors_path(id: &str) -> String {
    format!("actors/drafts/{id}.json")
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(value).expect("the model serialises");
    text.push('\n');
    text.into_bytes()
}

/// Writes one draft. The proposed actors go first: if the analysis then fails to write, they are
/// removed again, so no actor is left behind without the draft that proposed it.
pub fn write_draft(out: &Path, imported: &Imported) -> io::Result<Written> {
    let id = &imported.analysis.id;
    let mut written = Written {
        analysis: analysis_path(id),
        actors: None,
    };
    let actors_file = out.join(actors_path(id));
    if !imported.new_actors.is_empty() {
        disk::write_atomic(&actors_file, &json(&imported.new_actors))?;
        written.actors = Some(actors_path(id));
    }
    if let Err(e) = disk::write_atomic(&out.join(&written.analysis), &json(&imported.analysis)) {
        if written.actors.is_some() {
            let _ = std::fs::remove_file(&actors_file);
        }
        return Err(e);
    }
    Ok(written)
}

/// Waits until no other import is writing into `dir`, and keeps others out until dropped. Two
/// imports at once would each load the dataset before the other wrote, and propose the same new
/// actor twice: a duplicate id, and a dataset that no longer loads. The lock file is kept under
/// the cache directory, keyed by the dataset's absolute path, so nothing is left in the dataset
/// or beside it. `None` when there is no cache directory to keep it in, or it cannot be written:
/// the import goes on, as safe as before.
pub fn lock(dir: &Path) -> Option<Lock> {
    let cache = disk::dir(Base::Cache)?;
    // The same directory however it is named: canonical where it exists; a new one by its
    // canonical parent.
    let absolute = std::fs::canonicalize(dir).ok().or_else(|| {
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
        Some(parent.join(dir.file_name()?))
    });
    let absolute = absolute.or_else(|| std::path::absolute(dir).ok())?;
    let key = xxhash_rust::xxh3::xxh3_64(absolute.as_os_str().as_encoded_bytes());
    Lock::acquire(&cache.join("imports").join(format!("{key:016x}"))).ok()
}

/// Whether a directory already holds a dataset's places, actors or themes.
pub fn is_dataset(dir: &Path) -> bool {
    ["places", "actors", "themes"]
        .iter()
        .any(|k| dir.join(format!("{k}.json")).exists() || dir.join(k).is_dir())
}

/// Starts a dataset in `out` with the places, actors and themes of `base`, so the drafts written
/// there can be checked and explored on their own. Returns the files written.
pub fn seed(out: &Path, base: &Sources) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for file in &base.files {
        let kind = crate::data::Kind::of_file(&file.name);
        if matches!(kind, Some(k) if k != crate::data::Kind::Analysis) {
            let path = out.join(&file.name);
            disk::write_atomic(&path, file.text.as_bytes())?;
            written.push(path);
        }
    }
    Ok(written)
}
