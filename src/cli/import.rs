//! `geolens import FILE|DIR|- [--out DIR] [--data DIR] [--as-of DATE]`: plain-text deep dives
//! into draft analyses, one summary line per text. Every text is read and imported before
//! anything is written, and each file is written whole, so a failed run leaves nothing partial.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::data::date::PartialDate;
use crate::data::{self, Dataset, Problems, Sources, Store};
use crate::disk::{self, ReadError};
use crate::import::{self, Gazetteer, Imported, InputError, MAX_TEXT_BYTES, write};
use crate::text::sanitize;

/// What `geolens import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportArgs {
    /// Files, directories (every file in them), or `-` for standard input.
    pub inputs: Vec<String>,
    pub out: Option<PathBuf>,
    pub data: Option<PathBuf>,
    pub as_of: Option<PartialDate>,
    pub today: PartialDate,
}

/// What the command prints, and its exit status: 0 when every text was imported, 2 otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutput {
    pub stdout: String,
    pub stderr: String,
    pub status: u8,
}

/// Runs an import; `stdin` is read for the input `-`.
pub fn import(args: &ImportArgs, stdin: &mut dyn Read) -> ImportOutput {
    let mut out = ImportOutput {
        stdout: String::new(),
        stderr: String::new(),
        status: 0,
    };
    let fail = |out: &mut ImportOutput, message: String| {
        out.stderr
            .push_str(&format!("geolens: import: {}\n", sanitize(&message)));
        out.status = 2;
    };
    let Some(dir) = args.out.clone().or_else(|| args.data.clone()) else {
        fail(
            &mut out,
            "say where to write the drafts: --out DIR (a dataset directory, created if need be) \
             or --data DIR (drafts go into that dataset)"
                .to_owned(),
        );
        return out;
    };
    if args.inputs.is_empty() {
        fail(
            &mut out,
            "name a file, a directory or - (standard input)".to_owned(),
        );
        return out;
    }
    // Held from reading the dataset to the last draft written.
    let _lock = write::lock(&dir);
    // The names drafts are matched against: the target dataset's own when it is one (it holds
    // earlier drafts' actors too), else the base dataset's, which then seeds it.
    let seeding = !write::is_dataset(&dir);
    let base = match (seeding, &args.data) {
        (false, _) => Sources::from_dir(&dir),
        (true, Some(d)) => Sources::from_dir(d),
        (true, None) => Ok(Sources::bundled()),
    };
    let loaded = base.and_then(|s| data::load(&s).map(|d| (s, d)));
    let (base, dataset) = match loaded {
        Ok(x) => x,
        Err(problems) => {
            report_problems(&mut out, &problems);
            return out;
        }
    };
    let mut gazetteer = Gazetteer::from_store(&dataset);
    let mut taken = Taken::new(&dataset);
    let opts = import::Options {
        today: args.today,
        as_of: args.as_of,
    };
    let mut drafts: Vec<(String, Imported)> = Vec::new();
    for (name, read) in inputs(&args.inputs, stdin) {
        let text = match read.and_then(|bytes| import::decode(&bytes).map_err(|e| e.to_string())) {
            Ok(t) => t,
            Err(e) => {
                fail(&mut out, format!("{name}: {e}"));
                continue;
            }
        };
        match import::import_text(&text, &name, &gazetteer, &opts) {
            Ok(mut imported) => {
                taken.settle(&mut imported);
                // Later texts of this run know the actors this one proposes.
                for a in &imported.new_actors {
                    gazetteer.add_actor(&a.id, &a.name, &a.aliases, a.kind, a.country.as_deref());
                }
                drafts.push((name, imported));
            }
            Err(e) => fail(&mut out, format!("{name}: {e}")),
        }
    }
    if drafts.is_empty() {
        return out;
    }
    if seeding {
        match write::seed(&dir, &base) {
            Ok(files) if !files.is_empty() => out.stdout.push_str(&format!(
                "started a dataset in {} with the places, actors and themes of {}\n",
                sanitize(&dir.display().to_string()),
                args.data
                    .as_ref()
                    .map_or("the bundled dataset".to_owned(), |d| sanitize(
                        &d.display().to_string()
                    )
                    .into_owned())
            )),
            Ok(_) => {}
            Err(e) => {
                fail(&mut out, format!("{}: {e}", dir.display()));
                return out;
            }
        }
    }
    for (name, imported) in &drafts {
        match write::write_draft(&dir, imported) {
            Ok(w) => {
                out.stdout
                    .push_str(&sanitize(&summary_line(name, &w, imported)));
                out.stdout.push('\n');
            }
            Err(e) => fail(
                &mut out,
                format!(
                    "{name}: could not write {}: {e}",
                    write::analysis_path(&imported.analysis.id)
                ),
            ),
        }
    }
    out
}

/// `seed.txt -> analyses/drafts/x.json: 9 lenses (1 guessed), actors 3 matched / 0 new, ...`
pub fn summary_line(name: &str, w: &write::Written, imported: &Imported) -> String {
    let r = &imported.report;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{name} -> {}: {} ({} guessed), actors {} matched / {} new, {} matched, {}",
        w.analysis,
        plural(r.lenses, "lens", "lenses"),
        r.guessed,
        r.actors_matched,
        r.actors_new,
        plural(r.places, "place", "places"),
        plural(r.implications, "implication", "implications"),
    );
    if !r.needs.is_empty() {
        line.push_str(&format!("; needs a human: {}", r.needs.join(", ")));
    }
    line
}

fn report_problems(out: &mut ImportOutput, problems: &Problems) {
    for p in &problems.0 {
        out.stderr
            .push_str(&format!("{}\n", sanitize(&p.to_string())));
    }
    out.stderr
        .push_str("geolens: import: the dataset has problems; nothing was imported\n");
    out.status = 2;
}

/// Ids in use, so that a new draft never overwrites another analysis, while importing the same
/// text again replaces its earlier draft rather than adding a copy.
struct Taken {
    ids: Vec<String>,
    by_text: HashMap<String, String>,
}

impl Taken {
    fn new(d: &Dataset) -> Taken {
        let n = d.count(data::ListKind::Analyses);
        let mut by_text = HashMap::new();
        let mut ids = Vec::with_capacity(n);
        for a in &d.analyses {
            ids.push(a.id.clone());
            if let Some(draft) = &a.draft {
                by_text.insert(draft.source_text.clone(), a.id.clone());
            }
        }
        Taken { ids, by_text }
    }

    fn settle(&mut self, imported: &mut Imported) {
        let text = &imported
            .analysis
            .draft
            .as_ref()
            .expect("an import is a draft")
            .source_text;
        let id = match self.by_text.get(text) {
            Some(id) => id.clone(),
            None => {
                let base = imported.analysis.id.clone();
                let mut id = base.clone();
                let mut n = 2;
                while self.ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                id
            }
        };
        self.ids.push(id.clone());
        self.by_text.insert(text.clone(), id.clone());
        imported.analysis.id = id;
    }
}

/// Each input as (name, bytes or the reason they could not be read), directories expanded.
fn inputs(names: &[String], stdin: &mut dyn Read) -> Vec<(String, Result<Vec<u8>, String>)> {
    let mut out = Vec::new();
    for name in names {
        if name == "-" {
            let mut bytes = Vec::new();
            let read = stdin
                .take(MAX_TEXT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())
                .and_then(|_| check_size(bytes.len() as u64).map(|()| bytes));
            out.push(("-".to_owned(), read));
            continue;
        }
        let path = Path::new(name);
        if path.is_dir() {
            let mut files: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(entries) => entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        !p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                            && !p.is_dir()
                    })
                    .collect(),
                Err(e) => {
                    out.push((name.clone(), Err(e.to_string())));
                    continue;
                }
            };
            files.sort();
            if files.is_empty() {
                out.push((name.clone(), Err("the directory holds no files".to_owned())));
            }
            for f in files {
                out.push((f.display().to_string(), read_file(&f)));
            }
        } else {
            out.push((name.clone(), read_file(path)));
        }
    }
    out
}

fn check_size(len: u64) -> Result<(), String> {
    if len > MAX_TEXT_BYTES {
        Err(InputError::TooLarge { bytes: len }.to_string())
    } else {
        Ok(())
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    disk::read_capped(path, MAX_TEXT_BYTES).map_err(|e| match e {
        ReadError::TooLarge(_) => {
            let size = std::fs::metadata(path).map_or(MAX_TEXT_BYTES + 1, |m| m.len());
            InputError::TooLarge { bytes: size }.to_string()
        }
        other => other.to_string(),
    })
}

/// Today's date in UTC, from the system clock.
pub fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    PartialDate {
        year: y as u16,
        month: m as u8,
        day: Some(d as u8),
    }
}

/// The Gregorian date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn day_counts_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_837), (2024, 4, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
