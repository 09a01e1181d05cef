//! Where a dataset's files come from: the binary itself, or a directory laid out like `data/`,
//! read with the guards every file geolens reads gets (regular files only, a size cap, UTF-8).

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use foldhash::HashSet;

use super::locate::line_col;
use super::problem::{FieldPath, Problem, Problems};
use crate::disk::{self, ReadError};

/// One file of a dataset, named by its path relative to the dataset root.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Cow<'static, str>,
}

/// The files of one dataset, in a fixed order (sorted by name) so that loads are reproducible.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub files: Vec<Source>,
}

// `BUNDLED: &[(&str, &str)]`, written by build.rs from the files under data/.
include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The kinds of entity files a dataset is made of, and the file names that hold each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Place,
    Actor,
    Theme,
    Analysis,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Place, Kind::Actor, Kind::Theme, Kind::Analysis];

    /// `places.json` and `places/**.json` hold places, and so on.
    pub(crate) fn stem(self) -> &'static str {
        match self {
            Kind::Place => "places",
            Kind::Actor => "actors",
            Kind::Theme => "themes",
            Kind::Analysis => "analyses",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Kind::Place => "place",
            Kind::Actor => "actor",
            Kind::Theme => "theme",
            Kind::Analysis => "analysis",
        }
    }

    pub(crate) fn of_file(name: &str) -> Option<Kind> {
        let name = name.strip_suffix(".json")?;
        Kind::ALL.into_iter().find(|k| {
            name == k.stem()
                || name
                    .strip_prefix(k.stem())
                    .is_some_and(|rest| rest.starts_with('/') && rest.len() > 1)
        })
    }
}

impl Sources {
    /// The dataset compiled into the binary from `data/`.
    pub fn bundled() -> Sources {
        Sources {
            files: BUNDLED
                .iter()
                .map(|&(name, text)| Source {
                    name: name.to_owned(),
                    text: Cow::Borrowed(text),
                })
                .collect(),
        }
    }

    /// The total size of the files, in bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|f| f.text.len()).sum()
    }

    /// Files given in memory, for tests and tools.
    pub fn from_memory<N: Into<String>, T: Into<String>>(
        files: impl IntoIterator<Item = (N, T)>,
    ) -> Sources {
        let mut files: Vec<Source> = files
            .into_iter()
            .map(|(name, text)| Source {
                name: name.into(),
                text: Cow::Owned(text.into()),
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Sources { files }
    }

    /// Reads a directory laid out like `data/`: `places.json`, `actors.json`, `themes.json` (or
    /// directories of that name holding `.json` files) and `analyses/**.json`. Other files are
    /// ignored, so a dataset can carry its own README.
    pub fn from_dir(root: &Path) -> Result<Sources, Problems> {
        let shown = root.display().to_string();
        let meta = fs::metadata(root).map_err(|e| one_problem(&shown, &io_message(&e)))?;
        if !meta.is_dir() {
            return Err(one_problem(
                &shown,
                "not a directory: --data expects a directory laid out like data/",
            ));
        }
        let mut paths = Vec::new();
        let mut problems = Vec::new();
        let root_id = fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        for kind in Kind::ALL {
            let file = root.join(format!("{}.json", kind.stem()));
            if file.is_dir() {
                problems.push(Problem {
                    file: file.display().to_string(),
                    position: None,
                    path: FieldPath::root(),
                    message: format!(
                        "is a directory, not a file (a directory of {} files is named {}/)",
                        kind.noun(),
                        kind.stem()
                    ),
                });
            } else if fs::symlink_metadata(&file).is_ok() {
                // symlink_metadata, so that a dangling link is reported rather than skipped.
                paths.push(file);
            }
            let dir = root.join(kind.stem());
            if dir.is_dir() {
                // A link back to the root would read the other kinds' files as this kind.
                let mut seen: HashSet<_> = [root_id.clone()].into_iter().collect();
                walk_json(&dir, &mut seen, &mut paths, &mut problems);
            }
        }
        if paths.is_empty() && problems.is_empty() {
            return Err(one_problem(
                &shown,
                "no dataset files here: expected places.json, actors.json, themes.json and analyses/*.json",
            ));
        }
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            match read_text(&path) {
                Ok(text) => files.push(Source {
                    name,
                    text: Cow::Owned(text),
                }),
                // Named as the user would type it: the directory given, then the file in it.
                Err((position, message)) => problems.push(Problem {
                    file: path.display().to_string(),
                    position,
                    path: FieldPath::root(),
                    message,
                }),
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Sources { files })
    }
}

/// The largest file geolens reads. Large archives are legitimate (a dataset of a few hundred MB
/// is expected), but a file past this is a mistake, and reading it whole would exhaust memory
/// before anything could be said about it.
const MAX_FILE_BYTES: u64 = 1 << 30;

fn one_problem(file: &str, message: &str) -> Problems {
    Problems(vec![Problem {
        file: file.to_owned(),
        position: None,
        path: FieldPath::root(),
        message: message.to_owned(),
    }])
}

fn io_message(e: &std::io::Error) -> String {
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "is a symlink loop: the link leads back to itself".to_owned();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Collects the `.json` files under `dir`. `seen` holds the directories already walked, so a
/// symbolic link back up the tree is not followed round forever.
fn walk_json(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    if !seen.insert(fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned())) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem {
                file: dir.display().to_string(),
                position: None,
                path: FieldPath::root(),
                message: io_message(&e),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk_json(&path, seen, out, problems);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Reads a file as UTF-8, pointing at the first bad byte when it is not, with
/// [`disk::read_capped`]: the type and size are checked before the file is opened (a FIFO would
/// block until someone writes to it) and a huge file is refused without reading a byte of it.
fn read_text(path: &Path) -> Result<String, (Option<(usize, usize)>, String)> {
    let bytes = disk::read_capped(path, MAX_FILE_BYTES).map_err(|e| {
        let message = match e {
            ReadError::Missing if fs::symlink_metadata(path).is_ok() => {
                "is a symbolic link to nothing: its target does not exist".to_owned()
            }
            ReadError::Missing => "no such file or directory".to_owned(),
            ReadError::Loop => "is a symlink loop: the link leads back to itself".to_owned(),
            ReadError::TooLarge(_) => {
                let size = fs::metadata(path).map_or(MAX_FILE_BYTES + 1, |m| m.len());
                format!(
                    "is {}, over the limit of {} for one file: split it into several files",
                    human_size(size.max(MAX_FILE_BYTES + 1)),
                    human_size(MAX_FILE_BYTES)
                )
            }
            other => other.to_string(),
        };
        (None, message)
    })?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            Some((1, 1)),
            "is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8".to_owned(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bad = e.as_bytes()[good];
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        (
            Some(line_col(&text, good)),
            format!("not valid UTF-8 (byte 0x{bad:02X}): save the file as UTF-8"),
        )
    })
}

/// `2 GiB`, `1.5 GiB`, `512 bytes`: sizes as a person reads them.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if size.fract() == 0.0 {
        format!("{size} {}", UNITS[unit])
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_map_to_kinds() {
        assert_eq!(Kind::of_file("actors.json"), Some(Kind::Actor));
        assert_eq!(Kind::of_file("actors/europe.json"), Some(Kind::Actor));
        assert_eq!(
            Kind::of_file("analyses/2024/kz-uk.json"),
            Some(Kind::Analysis)
        );
        assert_eq!(Kind::of_file("analyses.json"), Some(Kind::Analysis));
        assert_eq!(Kind::of_file("actorsx.json"), None);
        assert_eq!(Kind::of_file("README.md"), None);
        assert_eq!(Kind::of_file("schema.json"), None);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(2 << 30), "2 GiB");
        assert_eq!(human_size(1536 << 20), "1.5 GiB");
        assert_eq!(human_size(512), "512 bytes");
    }
}
