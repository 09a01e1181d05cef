//! Turning each file of a dataset into typed entities, keeping every parse problem rather than
//! stopping at the first.

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

use foldhash::HashSet;

use super::json_shape::{Duplicate, Outline, outline};
use super::locate::{Locator, line_col};
use super::model::{Actor, Analysis, Place, Theme};
use super::problem::{FieldPath, Problem};
pub use super::sources::{Kind, Source, Sources};

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

/// Where each entity was read from, by kind in the dataset's order, and the ids of entities that
/// failed to parse: what the checks need once the entities have moved into the dataset.
#[derive(Default)]
pub(crate) struct Origins {
    pub places: Vec<Origin>,
    pub actors: Vec<Origin>,
    pub themes: Vec<Origin>,
    pub analyses: Vec<Origin>,
    pub broken: HashSet<(Kind, String)>,
}

impl Origins {
    /// The entities of `data`, which must be those these origins were split from, each with
    /// its origin.
    pub fn beside<'a>(&'a self, data: &'a super::Dataset) -> Checked<'a> {
        Checked {
            places: WithOrigins {
                items: &data.places,
                origins: &self.places,
            },
            actors: WithOrigins {
                items: &data.actors,
                origins: &self.actors,
            },
            themes: WithOrigins {
                items: &data.themes,
                origins: &self.themes,
            },
            analyses: WithOrigins {
                items: &data.analyses,
                origins: &self.analyses,
            },
            broken: &self.broken,
        }
    }
}

/// The entities that parsed, apart from their origins.
pub(crate) struct Entities {
    pub analyses: Vec<Analysis>,
    pub actors: Vec<Actor>,
    pub themes: Vec<Theme>,
    pub places: Vec<Place>,
}

impl Parsed {
    pub fn split(self) -> (Entities, Origins) {
        /// The entity vector is cut to size: it grew by doubling while parsing, and the dataset
        /// keeps it for the whole session.
        fn apart<T>(read: Vec<(T, Origin)>) -> (Vec<T>, Vec<Origin>) {
            let (mut entities, origins): (Vec<T>, Vec<Origin>) = read.into_iter().unzip();
            entities.shrink_to_fit();
            (entities, origins)
        }
        let (places, place_origins) = apart(self.places);
        let (actors, actor_origins) = apart(self.actors);
        let (themes, theme_origins) = apart(self.themes);
        let (analyses, analysis_origins) = apart(self.analyses);
        let entities = Entities {
            analyses,
            actors,
            themes,
            places,
        };
        let origins = Origins {
            places: place_origins,
            actors: actor_origins,
            themes: theme_origins,
            analyses: analysis_origins,
            broken: self.broken,
        };
        (entities, origins)
    }
}

/// Entities of one kind, each with where it was read.
pub(crate) struct WithOrigins<'a, T> {
    pub items: &'a [T],
    pub origins: &'a [Origin],
}

type Pairs<'a, T> = std::iter::Zip<std::slice::Iter<'a, T>, std::slice::Iter<'a, Origin>>;

impl<'a, T> WithOrigins<'a, T> {
    pub fn iter(&self) -> Pairs<'a, T> {
        self.items.iter().zip(self.origins)
    }
}

impl<'a, T> IntoIterator for &WithOrigins<'a, T> {
    type Item = (&'a T, &'a Origin);
    type IntoIter = Pairs<'a, T>;
    fn into_iter(self) -> Pairs<'a, T> {
        self.iter()
    }
}

/// What the checks read: every entity with its origin, and the ids that failed to parse.
pub(crate) struct Checked<'a> {
    pub places: WithOrigins<'a, Place>,
    pub actors: WithOrigins<'a, Actor>,
    pub themes: WithOrigins<'a, Theme>,
    pub analyses: WithOrigins<'a, Analysis>,
    pub broken: &'a HashSet<(Kind, String)>,
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
            locator: Locator::new(&source.text),
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
    /// The file's positions, found once however many entities in it are wrong.
    locator: Locator<'a>,
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
        let mut message = plain_words(&syntax_message(error));
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
                self.problems.push(Problem {
                    file: self.source.name.clone(),
                    position: Some(self.locator.position(&path)),
                    path,
                    message: plain_words(&error.inner().to_string()),
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

/// serde_json's message without the " at line L column C" it appends: we print the position first.
fn syntax_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// serde's words for what it expected, in the words of the file format: `struct Analysis` is
/// "an analysis object", `enum Channel` "a channel value", a sequence a list, a map an object.
/// No Rust type name reaches a reader.
pub(crate) fn plain_words(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest
        .find("struct ")
        .into_iter()
        .chain(rest.find("enum "))
        .min()
    {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let (word, noun) = if after.starts_with("struct ") {
            ("struct ", "object")
        } else {
            ("enum ", "value")
        };
        let name_len = after[word.len()..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(after.len() - word.len());
        let name = &after[word.len()..word.len() + name_len];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            out.push_str(word);
            rest = &after[word.len()..];
            continue;
        }
        let words = match name {
            "LatLon" => "latitude and longitude".to_owned(),
            _ => camel_to_words(name),
        };
        let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        // serde writes "a struct" rarely; it writes "expected struct X" often.
        out.push_str(&format!("{article} {words} {noun}"));
        rest = &after[word.len() + name_len..];
    }
    out.push_str(rest);
    out.replace("a sequence", "a list")
        .replace("a map", "an object")
}

/// `ActorRole` -> "actor role".
fn camel_to_words(name: &str) -> String {
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_rust_type_name_reaches_a_reader() {
        assert_eq!(
            plain_words("invalid type: null, expected struct Analysis"),
            "invalid type: null, expected an analysis object"
        );
        assert_eq!(
            plain_words("invalid type: string \"x\", expected struct ActorRole"),
            "invalid type: string \"x\", expected an actor role object"
        );
        assert_eq!(
            plain_words("invalid type: map, expected a sequence; enum Channel; struct LatLon"),
            "invalid type: map, expected a list; a channel value; a latitude and longitude object"
        );
        assert_eq!(plain_words("a destruct ion"), "a destruct ion");
    }
}
