//! Reading a dataset: where its files come from (the binary itself, or a directory) and turning
//! each file into typed entities, keeping every parse problem rather than stopping at the first.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use foldhash::HashSet;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

use super::locate::{line_col, locate};
use super::model::{Actor, Analysis, Place, Theme};
use super::problem::{FieldPath, Problem, Problems, Seg};

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

/// Reads a file as UTF-8, pointing at the first bad byte when it is not. The file's type and size
/// are checked from its metadata before it is opened: opening a FIFO would block until someone
/// writes to it, and a huge file is refused without reading a byte of it.
fn read_text(path: &Path) -> Result<String, (Option<(usize, usize)>, String)> {
    let meta = fs::metadata(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok() {
            (
                None,
                "is a symbolic link to nothing: its target does not exist".to_owned(),
            )
        } else {
            (None, io_message(&e))
        }
    })?;
    if !meta.is_file() {
        return Err((None, format!("is {}, not a file", file_type_name(&meta))));
    }
    let too_large = |size: u64| {
        (
            None,
            format!(
                "is {}, over the limit of {} for one file: split it into several files",
                human_size(size),
                human_size(MAX_FILE_BYTES)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        // The limit holds even for a file that grows while we read it.
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| (None, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
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

/// What a path that is not a regular file is, in words: "a directory", "a named pipe (FIFO)".
fn file_type_name(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
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
///
/// Parsing is most of a load, so the files are split in two runs of about equal size, parsed on
/// two threads. Each run keeps its entities and problems in file order and the second run is
/// appended to the first, so the result is exactly that of one pass in order.
pub(crate) fn parse(sources: &Sources, problems: &mut Vec<Problem>) -> Parsed {
    let files = &sources.files;
    let total: usize = files.iter().map(|s| s.text.len()).sum();
    let mut half = 0;
    let split = files
        .iter()
        .position(|s| {
            half += s.text.len();
            half * 2 >= total
        })
        .map_or(files.len(), |i| i + 1);
    let ((mut parsed, mut first_problems), (second, mut second_problems)) =
        std::thread::scope(|scope| {
            let second = scope.spawn(|| parse_run(sources, split..files.len()));
            let first = parse_run(sources, 0..split);
            let second = second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, second)
        });
    problems.append(&mut first_problems);
    problems.append(&mut second_problems);
    parsed.places.extend(second.places);
    parsed.actors.extend(second.actors);
    parsed.themes.extend(second.themes);
    parsed.analyses.extend(second.analyses);
    parsed.broken.extend(second.broken);
    parsed
}

/// Parses the files in `run`, in order.
fn parse_run(sources: &Sources, run: std::ops::Range<usize>) -> (Parsed, Vec<Problem>) {
    let mut parsed = Parsed::default();
    let mut problems = Vec::new();
    for file in run {
        let source = &sources.files[file];
        let Some(kind) = Kind::of_file(&source.name) else {
            continue;
        };
        let mut ctx = FileCtx {
            file,
            source,
            kind,
            problems: &mut problems,
            broken: &mut parsed.broken,
        };
        match kind {
            Kind::Place => ctx.entities(&mut parsed.places),
            Kind::Actor => ctx.entities(&mut parsed.actors),
            Kind::Theme => ctx.entities(&mut parsed.themes),
            Kind::Analysis => ctx.entities(&mut parsed.analyses),
        }
    }
    (parsed, problems)
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
        if let Some(message) = self.unfit(text) {
            self.problems.push(Problem {
                file: self.source.name.clone(),
                position: Some((1, 1)),
                path: FieldPath::root(),
                message,
            });
            self.lost(outline(text));
            return;
        }
        let is_list = text.trim_start().starts_with('[');
        // The fast path: one pass straight into the types, each entity pushed where it will
        // stay. Only a file with a problem is read twice.
        let kept = out.len();
        let first_try = if is_list {
            let mut de = serde_json::Deserializer::from_str(text);
            ListInto {
                out: &mut *out,
                file: self.file,
            }
            .deserialize(&mut de)
            .and_then(|()| de.end())
        } else {
            serde_json::from_str::<T>(text).map(|item| out.push((item, self.origin(None))))
        };
        let mut error = match first_try {
            Ok(()) => return,
            Err(error) => error,
        };
        out.truncate(kept);
        let before = self.problems.len();
        let shape = outline(text);
        if error.is_data() {
            // A type error: parse each entity on its own so that every bad one is reported.
            match serde_json::from_str::<Value>(text) {
                Ok(value) => {
                    self.duplicates(&shape.duplicates);
                    match value {
                        Value::Array(items) if is_list => {
                            for (i, item) in items.into_iter().enumerate() {
                                self.one(item, Some(i), out);
                            }
                        }
                        item => self.one(item, None, out),
                    }
                }
                // Too deep for the parser: the typed pass gave up sooner, on a wrong type.
                Err(e) => error = e,
            }
        }
        if self.problems.len() == before {
            self.problems.push(self.serde_problem(&error));
            self.lost(shape);
        }
    }

    /// The file's entities are lost: references to them are not reported on top of its problem.
    fn lost(&mut self, shape: Outline) {
        let kind = self.kind;
        self.broken
            .extend(shape.entity_ids.into_iter().map(|id| (kind, id)));
    }

    /// Why a text cannot be a dataset file at all, before any parsing.
    fn unfit(&self, text: &str) -> Option<String> {
        if text.starts_with('\u{FEFF}') {
            return Some("starts with a byte-order mark: save it as UTF-8 without BOM".to_owned());
        }
        if text.trim_matches(JSON_WHITESPACE).is_empty() {
            let expected = match self.kind {
                Kind::Analysis => "an analysis (a JSON object) or an array of them".to_owned(),
                kind => format!("a JSON array of {}", kind.stem()),
            };
            return Some(format!("the file is empty: it should hold {expected}"));
        }
        None
    }

    /// Derived structs refuse a repeated key, so a file with one always takes the slow path; but
    /// a `Value` keeps the last silently, so the outline says where they are.
    fn duplicates(&mut self, duplicates: &[Duplicate]) {
        let text: &str = &self.source.text;
        for d in duplicates {
            let (line, column) = line_col(text, d.first);
            self.problems.push(Problem {
                file: self.source.name.clone(),
                position: Some(line_col(text, d.at)),
                message: format!(
                    "key {:?} appears twice in this object (first at {line}:{column}): keep one",
                    d.key
                ),
                path: d.path.clone(),
            });
        }
    }

    /// A problem serde_json found, at its position (serde counts columns in bytes, we in
    /// characters), said in our words where serde's are obscure.
    fn serde_problem(&self, error: &serde_json::Error) -> Problem {
        let text: &str = &self.source.text;
        let mut offset = byte_offset(text, error.line(), error.column());
        let mut message = syntax_message(error);
        if message == "recursion limit exceeded" {
            message = "nested 128 levels deep, past the parser's limit of 127 \
                       (a dataset file needs at most 6)"
                .to_owned();
        } else if message == "number out of range" {
            offset = number_start(text, offset);
            message = "number out of range: it must fit a 64-bit float (at most about 1.8e308)"
                .to_owned();
        }
        Problem {
            file: self.source.name.clone(),
            position: Some(line_col(text, offset)),
            path: FieldPath::root(),
            message,
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

/// Deserializes a JSON array of entities straight onto the end of `out`, as `Vec<T>` would read
/// it (same errors at the same places), without a `Vec<T>` in between to grow and copy.
struct ListInto<'a, T> {
    out: &'a mut Vec<(T, Origin)>,
    file: usize,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ListInto<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListInto<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(hint) = seq.size_hint() {
            self.out.reserve(hint);
        }
        let mut index = 0;
        while let Some(item) = seq.next_element::<T>()? {
            let origin = Origin {
                file: self.file,
                index: Some(index),
            };
            self.out.push((item, origin));
            index += 1;
        }
        Ok(())
    }
}

const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// The byte offset of serde_json's (line, column), whose column counts bytes and is 0 before the
/// first byte of a line.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Back from `offset` to the first character of the number literal it is in or just after.
fn number_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = offset.min(bytes.len());
    while i > 0 && matches!(bytes[i - 1], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
        i -= 1;
    }
    i
}

/// A key given twice in one object: `at` and `first` are byte offsets of the two keys.
struct Duplicate {
    path: FieldPath,
    key: String,
    at: usize,
    first: usize,
}

/// What a tolerant walk over a JSON text finds without building any value, so it works on text
/// that does not parse and at any depth.
#[derive(Default)]
struct Outline {
    duplicates: Vec<Duplicate>,
    /// The `id` of each entity: the top-level object's, or those of the objects in a top-level
    /// array.
    entity_ids: Vec<String>,
}

fn outline(text: &str) -> Outline {
    enum Frame {
        Object {
            keys: HashMap<String, usize>,
            key: Option<String>,
            want_key: bool,
        },
        Array {
            index: usize,
        },
    }
    fn path_of(frames: &[Frame]) -> FieldPath {
        FieldPath(
            frames
                .iter()
                .map(|f| match f {
                    Frame::Object { key, .. } => Seg::Key(key.clone().unwrap_or_default()),
                    Frame::Array { index } => Seg::Index(*index),
                })
                .collect(),
        )
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = Outline::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                keys: HashMap::new(),
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(bytes, i);
                // Decoded as serde reads it (`"\u0061"` is `"a"`), and only when needed.
                let decode = || {
                    let raw = &text[i..end];
                    serde_json::from_str::<String>(raw)
                        .unwrap_or_else(|_| raw.trim_matches('"').to_owned())
                };
                let entity_level = stack.len() == 1
                    || (stack.len() == 2 && matches!(stack[0], Frame::Array { .. }));
                if let Some((
                    Frame::Object {
                        keys,
                        key,
                        want_key,
                    },
                    parents,
                )) = stack.split_last_mut()
                {
                    if *want_key {
                        let name = decode();
                        match keys.get(&name) {
                            Some(&first) => out.duplicates.push(Duplicate {
                                path: path_of(parents).key(&name),
                                key: name.clone(),
                                at: i,
                                first,
                            }),
                            None => {
                                keys.insert(name.clone(), i);
                            }
                        }
                        *key = Some(name);
                        *want_key = false;
                    } else if entity_level && key.as_deref() == Some("id") {
                        out.entity_ids.push(decode());
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The index just past the string literal that opens at `start`, or the end of the text.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
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

    #[test]
    fn the_outline_finds_repeated_keys_as_serde_reads_them() {
        // `"\u0061"` is `"a"`; brackets and quotes inside strings are text, not structure.
        let text =
            r#"{"a": "[{\"a\": 1}", "b": {"a": 1, "a": 2}, "\u0061": [1, {"c": 1, "c": 2}]}"#;
        let found: Vec<(String, String)> = outline(text)
            .duplicates
            .iter()
            .map(|d| (d.path.to_string(), d.key.clone()))
            .collect();
        assert_eq!(
            found,
            [
                ("b.a".to_owned(), "a".to_owned()),
                ("a".to_owned(), "a".to_owned()),
                ("a[1].c".to_owned(), "c".to_owned()),
            ]
        );
    }

    #[test]
    fn the_outline_reads_entity_ids_even_from_broken_text() {
        let list = r#"[{"id": "a", "offices": [{"id": "not-an-entity"}]}, {"x": {"id": "nested"}, "id": "b"}, {"id": "c", "lat": 1e400"#;
        assert_eq!(outline(list).entity_ids, ["a", "b", "c"]);
        let object = r#"{"id": "t", "implications": [{"id": "i"}]"#;
        assert_eq!(outline(object).entity_ids, ["t"]);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(2 << 30), "2 GiB");
        assert_eq!(human_size(1536 << 20), "1.5 GiB");
        assert_eq!(human_size(512), "512 bytes");
    }
}
