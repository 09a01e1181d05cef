//! Reading a dataset: where its files come from (the binary itself, or a directory) and turning
//! each file into typed entities, keeping every parse problem rather than stopping at the first.

use foldhash::HashSet;
use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::locate::{line_col, locate};
use super::model::{Actor, Analysis, Place, Theme};
use super::problem::{FieldPath, Problem, Problems};

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
    fn stem(self) -> &'static str {
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

    fn of_file(name: &str) -> Option<Kind> {
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
        for kind in Kind::ALL {
            let file = root.join(format!("{}.json", kind.stem()));
            if file.exists() {
                paths.push(file);
            }
            let dir = root.join(kind.stem());
            if dir.is_dir() {
                walk_json(&dir, &mut paths, &mut problems);
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
                Err((position, message)) => problems.push(Problem {
                    file: name,
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

fn one_problem(file: &str, message: &str) -> Problems {
    Problems(vec![Problem {
        file: file.to_owned(),
        position: None,
        path: FieldPath::root(),
        message: message.to_owned(),
    }])
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

fn walk_json(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
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
            walk_json(&path, out, problems);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Reads a file as UTF-8, pointing at the first bad byte when it is not.
fn read_text(path: &Path) -> Result<String, (Option<(usize, usize)>, String)> {
    let bytes = fs::read(path).map_err(|e| (None, io_message(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        (
            Some(line_col(&text, good)),
            "not valid UTF-8: save the file as UTF-8".to_owned(),
        )
    })
}

/// Where an entity was read from: the file, and its index when the file holds a list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin {
    pub file: usize,
    pub index: Option<usize>,
}

impl Origin {
    /// The path of the entity itself within its file.
    pub fn path(&self) -> FieldPath {
        match self.index {
            Some(i) => FieldPath::root().index(i),
            None => FieldPath::root(),
        }
    }
}

/// Everything that parsed, before any cross-file check.
#[derive(Default)]
pub(crate) struct Parsed {
    pub places: Vec<(Place, Origin)>,
    pub actors: Vec<(Actor, Origin)>,
    pub themes: Vec<(Theme, Origin)>,
    pub analyses: Vec<(Analysis, Origin)>,
    /// Ids of entities that failed to parse: references to them are not reported again.
    pub broken: HashSet<(Kind, String)>,
}

/// Parses every file; problems found here are complete with positions.
pub(crate) fn parse(sources: &Sources, problems: &mut Vec<Problem>) -> Parsed {
    let mut parsed = Parsed::default();
    for (file, source) in sources.files.iter().enumerate() {
        let Some(kind) = Kind::of_file(&source.name) else {
            continue;
        };
        let mut ctx = FileCtx {
            file,
            source,
            kind,
            problems: &mut *problems,
            broken: &mut parsed.broken,
        };
        match kind {
            Kind::Place => ctx.entities(&mut parsed.places),
            Kind::Actor => ctx.entities(&mut parsed.actors),
            Kind::Theme => ctx.entities(&mut parsed.themes),
            Kind::Analysis => ctx.entities(&mut parsed.analyses),
        }
    }
    parsed
}

struct FileCtx<'a> {
    file: usize,
    source: &'a Source,
    kind: Kind,
    problems: &'a mut Vec<Problem>,
    broken: &'a mut HashSet<(Kind, String)>,
}

impl FileCtx<'_> {
    /// A file holds one entity (an object) or a list of them (an array).
    fn entities<T: DeserializeOwned>(&mut self, out: &mut Vec<(T, Origin)>) {
        let text: &str = &self.source.text;
        let is_list = text.trim_start().starts_with('[');
        // The fast path: one pass straight into the types. Only a file with a problem is read twice.
        let first_try = if is_list {
            serde_json::from_str::<Vec<T>>(text).map(|items| {
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| (item, self.origin(Some(i))))
                    .collect::<Vec<_>>()
            })
        } else {
            serde_json::from_str::<T>(text).map(|item| vec![(item, self.origin(None))])
        };
        let error = match first_try {
            Ok(items) => {
                out.extend(items);
                return;
            }
            Err(error) => error,
        };
        if !error.is_data() {
            let (line, column) = (error.line(), error.column().max(1));
            self.problems.push(Problem {
                file: self.source.name.clone(),
                position: Some((line, column)),
                path: FieldPath::root(),
                message: syntax_message(&error),
            });
            return;
        }
        // A type error: parse each entity on its own so that every bad one is reported.
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return;
        };
        match value {
            Value::Array(items) if is_list => {
                for (i, item) in items.into_iter().enumerate() {
                    self.one(item, Some(i), out);
                }
            }
            Value::Array(_) => {}
            item => self.one(item, None, out),
        }
    }

    fn one<T: DeserializeOwned>(
        &mut self,
        item: Value,
        index: Option<usize>,
        out: &mut Vec<(T, Origin)>,
    ) {
        let origin = self.origin(index);
        let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(entity) => out.push((entity, origin)),
            Err(error) => {
                let path = origin.path().join(&FieldPath::from_serde(error.path()));
                let text: &str = &self.source.text;
                self.problems.push(Problem {
                    file: self.source.name.clone(),
                    position: Some(line_col(text, locate(text, &path))),
                    path,
                    message: error.inner().to_string(),
                });
                if let Some(id) = id {
                    self.broken.insert((self.kind, id));
                }
            }
        }
    }

    fn origin(&self, index: Option<usize>) -> Origin {
        Origin {
            file: self.file,
            index,
        }
    }
}

/// serde_json's message without the " at line L column C" it appends: we print the position first.
fn syntax_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
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
}
