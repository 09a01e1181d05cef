//! Writing a synthetic dataset to disk, all or nothing.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use super::{PER_FILE, Spec, Synth};
use crate::data::model::Analysis;

/// What [`write`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub analyses: usize,
    pub actors: usize,
    pub themes: usize,
    pub places: usize,
    /// JSON files written (entities and analyses).
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

/// Writes a dataset into `dir`, which must be empty or not exist yet: `places.json`,
/// `actors.json`, `themes.json` and `analyses/part-NNNNN.json` of [`PER_FILE`] analyses each,
/// plus a README saying what made it. All of it is written into a temporary directory beside
/// `dir` and renamed to `dir` at the end, so a failed or interrupted run never leaves a part of
/// a dataset that would load as a whole one.
pub fn write(dir: &Path, spec: &Spec) -> io::Result<Written> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty: choose a new directory", dir.display()),
        ));
    }
    let temp = crate::disk::temp_path(dir);
    let written = write_into(&temp, spec).and_then(|written| {
        // rename(2) replaces an empty directory, and is atomic.
        fs::rename(&temp, dir)?;
        crate::disk::sync_dir(
            dir.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )?;
        Ok(written)
    });
    if written.is_err() {
        let _ = fs::remove_dir_all(&temp);
    }
    written
}

fn write_into(dir: &Path, spec: &Spec) -> io::Result<Written> {
    fs::create_dir_all(dir.join("analyses"))?;
    let mut synth = Synth::new(spec);
    let mut bytes = write_json(&dir.join("places.json"), &synth.places)?
        + write_json(&dir.join("actors.json"), &synth.actors)?
        + write_json(&dir.join("themes.json"), &synth.themes)?;
    let mut files = 3;
    let mut made = 0;
    while made < spec.analyses {
        let n = PER_FILE.min(spec.analyses - made);
        let part: Vec<Analysis> = (made..made + n).map(|i| synth.analysis(i)).collect();
        let name = format!("part-{:05}.json", made / PER_FILE);
        bytes += write_json(&dir.join("analyses").join(name), &part)?;
        files += 1;
        made += n;
    }
    fs::write(
        dir.join("README.md"),
        format!(
            "A synthetic geolens dataset, made by `geolens generate --analyses {} --seed {} \
             --profile {}`. Do not commit it: it is regenerated on demand.\n",
            spec.analyses,
            spec.seed,
            spec.profile.name()
        ),
    )?;
    crate::disk::sync_dir(&dir.join("analyses"))?;
    crate::disk::sync_dir(dir)?;
    Ok(Written {
        analyses: spec.analyses,
        actors: synth.actors.len(),
        themes: synth.themes.len(),
        places: synth.places.len(),
        files,
        bytes,
    })
}

/// Writes `value` as indented JSON, as the bundled files are; returns the bytes written.
fn write_json<T: Serialize + ?Sized>(path: &Path, value: &T) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()?;
    // On disk before the directory is renamed into place.
    out.get_ref().sync_all()?;
    Ok(fs::metadata(path)?.len())
}
