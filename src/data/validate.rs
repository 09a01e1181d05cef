//! The checks that need more than one value at a time: ids unique and well-formed, every reference
//! resolving to an entity of the right kind, dates in order, no empty text, no cycles.
//!
//! Every problem is collected; nothing stops at the first.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::Drafts;
use super::iso::is_country_code;
use super::load::{Checked, Kind, Origin, Sources};
use super::locate::Locator;
use super::model::{
    Analysis, Draft, Endpoints, LENS_ORDER, MIN_SOURCES, Office, OutcomeStatus, PlaceKind, Source,
};
use super::problem::{FieldPath, Problem};

mod places;

const REFUSED_DRAFT: &str = "review it and delete its `draft` field, or check with --drafts";

pub(crate) fn validate(
    parsed: &Checked,
    sources: &Sources,
    drafts: Drafts,
    problems: &mut Vec<Problem>,
) {
    let mut v = Validator {
        sources,
        parsed,
        problems,
        ids: HashMap::new(),
        drafts,
        locators: sources
            .files
            .iter()
            .map(|f| Locator::new(&f.text))
            .collect(),
    };
    v.collect_ids();
    v.places();
    v.world_regions();
    v.actors();
    v.themes();
    v.analyses();
}

struct Validator<'a> {
    sources: &'a Sources,
    parsed: &'a Checked<'a>,
    problems: &'a mut Vec<Problem>,
    /// The first definition of every id, per kind.
    ids: HashMap<(Kind, &'a str), Origin>,
    drafts: Drafts,
    /// Each file's positions, found once however many problems it has.
    locators: Vec<Locator<'a>>,
}

/// Where a value sits, as a chain on the stack: checking a reference costs no allocation, and a
/// [`FieldPath`] is built only for a problem.
#[derive(Clone, Copy)]
struct At<'a> {
    up: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    const ROOT: At<'static> = At {
        up: None,
        step: Step::Root,
    };

    fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&'a self, i: usize) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Index(i),
        }
    }

    fn path(&self) -> FieldPath {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            steps.push(a.step);
            at = a.up;
        }
        let mut path = FieldPath::root();
        for step in steps.into_iter().rev() {
            path = match step {
                Step::Root => path,
                Step::Key(k) => path.key(k),
                Step::Index(i) => path.index(i),
            };
        }
        path
    }
}

/// Lower-case words of `a-z0-9` joined by single hyphens.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl<'a> Validator<'a> {
    fn report(&mut self, origin: Origin, at: &At, message: String) {
        let source = &self.sources.files[origin.file];
        let path = origin.path().join(&at.path());
        let position = self.locators[origin.file].position(&path);
        self.problems.push(Problem {
            file: source.name.clone(),
            position: Some(position),
            path,
            message,
        });
    }

    fn position_of(&self, origin: Origin, at: &At) -> String {
        let rel = &at.path();
        let source = &self.sources.files[origin.file];
        let (line, col) = self.locators[origin.file].position(&origin.path().join(rel));
        format!("{}:{line}:{col}", source.name)
    }

    fn collect_ids(&mut self) {
        let parsed = self.parsed;
        let all = parsed
            .places
            .iter()
            .map(|(e, o)| (Kind::Place, e.id.as_str(), *o))
            .chain(
                parsed
                    .actors
                    .iter()
                    .map(|(e, o)| (Kind::Actor, e.id.as_str(), *o)),
            )
            .chain(
                parsed
                    .themes
                    .iter()
                    .map(|(e, o)| (Kind::Theme, e.id.as_str(), *o)),
            )
            .chain(
                parsed
                    .analyses
                    .iter()
                    .map(|(e, o)| (Kind::Analysis, e.id.as_str(), *o)),
            );
        let id_path = At::ROOT.key("id");
        for (kind, id, origin) in all {
            if let Some(&first) = self.ids.get(&(kind, id)) {
                let at = self.position_of(first, &id_path);
                self.report(
                    origin,
                    &id_path,
                    format!("duplicate {} id {id:?}: first defined at {at}", kind.noun()),
                );
            } else {
                self.ids.insert((kind, id), origin);
            }
        }
    }

    /// Reports `id` unless it names an entity of `kind` (or one that already failed to parse).
    fn reference(&mut self, origin: Origin, path: &At, kind: Kind, id: &str) {
        if !self.ids.contains_key(&(kind, id))
            && !self.parsed.broken.contains(&(kind, id.to_owned()))
        {
            self.report(origin, path, format!("unknown {} {id:?}", kind.noun()));
        }
    }

    fn references(&mut self, origin: Origin, path: &At, kind: Kind, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            // Lists are short: a scan beats hashing them.
            if ids[..i].contains(id) {
                self.report(
                    origin,
                    &path.index(i),
                    format!("{} {id:?} is listed twice", kind.noun()),
                );
            } else {
                self.reference(origin, &path.index(i), kind, id);
            }
        }
    }

    fn text(&mut self, origin: Origin, path: &At, text: &str) {
        if text.trim().is_empty() {
            self.report(origin, path, "must not be empty".to_owned());
        }
    }

    fn texts(&mut self, origin: Origin, path: &At, texts: &[String]) {
        for (i, text) in texts.iter().enumerate() {
            self.text(origin, &path.index(i), text);
        }
    }

    fn slug(&mut self, origin: Origin, path: &At, id: &str) {
        if !is_slug(id) {
            self.report(
                origin,
                path,
                format!(
                    "invalid id {id:?}: use lower-case letters, digits and single hyphens (e.g. \"kz-uk-2024\")"
                ),
            );
        }
    }

    fn actors(&mut self) {
        let parsed = self.parsed;
        let countries: HashSet<&str> = parsed
            .places
            .iter()
            .filter(|(p, _)| p.kind == PlaceKind::Country)
            .map(|(p, _)| p.id.as_str())
            .collect();
        for (actor, o) in &parsed.actors {
            let o = *o;
            let root = At::ROOT;
            if actor.draft && self.drafts == Drafts::Refuse {
                self.report(
                    o,
                    &root.key("draft"),
                    format!("actor proposed by an import, not yet confirmed: {REFUSED_DRAFT}"),
                );
            }
            self.slug(o, &root.key("id"), &actor.id);
            self.text(o, &root.key("name"), &actor.name);
            self.text(o, &root.key("description"), &actor.description);
            self.texts(o, &root.key("aliases"), &actor.aliases);
            if let Some(country) = &actor.country {
                let path = root.key("country");
                self.reference(o, &path, Kind::Place, country);
                let is_place = self.ids.contains_key(&(Kind::Place, country.as_str()));
                if is_place && !countries.contains(country.as_str()) {
                    self.report(
                        o,
                        &path,
                        format!("{country:?} is not a country: use the country's ISO code"),
                    );
                }
            }
            let offices = root.key("offices");
            for (i, office) in actor.offices.iter().enumerate() {
                let path = offices.index(i);
                self.text(o, &path.key("title"), &office.title);
                self.sources(o, &path.key("sources"), &office.sources);
                if let Some(to) = office.to
                    && to.latest_day() < office.from.earliest_day()
                {
                    self.report(
                        o,
                        &path.key("to"),
                        format!("office ends ({to}) before it begins ({})", office.from),
                    );
                }
            }
        }
    }

    fn themes(&mut self) {
        let parsed = self.parsed;
        let parent_of: HashMap<&str, &str> = parsed
            .themes
            .iter()
            .filter_map(|(t, _)| t.parent.as_deref().map(|p| (t.id.as_str(), p)))
            .collect();
        for (theme, o) in &parsed.themes {
            let o = *o;
            let root = At::ROOT;
            self.slug(o, &root.key("id"), &theme.id);
            self.text(o, &root.key("name"), &theme.name);
            self.text(o, &root.key("description"), &theme.description);
            if let Some(parent) = &theme.parent {
                self.reference(o, &root.key("parent"), Kind::Theme, parent);
                // Walk up; meeting ourselves again means a cycle. Bounded by the number of themes.
                let mut at = parent.as_str();
                for _ in 0..=parent_of.len() {
                    if at == theme.id {
                        self.report(
                            o,
                            &root.key("parent"),
                            format!("theme {:?} is its own ancestor", theme.id),
                        );
                        break;
                    }
                    match parent_of.get(at) {
                        Some(up) => at = up,
                        None => break,
                    }
                }
            }
        }
    }

    fn analyses(&mut self) {
        let parsed = self.parsed;
        let offices: HashMap<&str, &[Office]> = parsed
            .actors
            .iter()
            .map(|(a, _)| (a.id.as_str(), a.offices.as_slice()))
            .collect();
        for (a, o) in &parsed.analyses {
            let o = *o;
            let root = At::ROOT;
            // A draft may leave empty what the import could not find (`review` says what), as
            // long as drafts are accepted; otherwise it is held to what a finished one needs.
            let draft = a.draft.is_some() && self.drafts == Drafts::Accept;
            if let Some(d) = &a.draft {
                self.draft(o, &root.key("draft"), d);
            }
            self.slug(o, &root.key("id"), &a.id);
            self.text(o, &root.key("title"), &a.title);
            if !draft {
                self.text(o, &root.key("perspective"), &a.perspective);
            }
            if let Some(event) = &a.event {
                self.slug(o, &root.key("event"), event);
            }
            if !draft {
                self.text(o, &root.key("summary"), &a.summary);
            }
            if !a.event_date.is_known() && !draft {
                self.report(
                    o,
                    &root.key("event_date"),
                    "missing: give the date as YYYY-MM-DD or YYYY-MM (only a draft may leave it empty)"
                        .to_owned(),
                );
            }
            if !a.as_of.has_day() {
                self.report(
                    o,
                    &root.key("as_of"),
                    format!("as_of needs a day: \"{}-DD\"", a.as_of),
                );
            }
            if a.as_of.latest_day() < a.event_date.earliest_day() {
                self.report(
                    o,
                    &root.key("as_of"),
                    format!("as_of ({}) is before the event ({})", a.as_of, a.event_date),
                );
            }
            for (kind, _) in LENS_ORDER {
                if let Some(text) = a.lenses.get(kind) {
                    self.text(o, &root.key("lenses").key(kind.field()), text);
                }
            }
            let lenses = root.key("lenses");
            let other = lenses.key("other");
            for (i, lens) in a.lenses.other.iter().enumerate() {
                let path = other.index(i);
                self.text(o, &path.key("title"), &lens.title);
                self.text(o, &path.key("text"), &lens.text);
            }
            self.references(o, &root.key("places"), Kind::Place, &a.places);
            self.references(o, &root.key("themes"), Kind::Theme, &a.themes);
            let actors = root.key("actors");
            for (i, role) in a.actors.iter().enumerate() {
                let path = actors.index(i);
                if a.actors[..i].iter().any(|r| r.actor == role.actor) {
                    self.report(
                        o,
                        &path.key("actor"),
                        format!("actor {:?} is listed twice", role.actor),
                    );
                } else {
                    self.reference(o, &path.key("actor"), Kind::Actor, &role.actor);
                }
                if !draft {
                    self.text(o, &path.key("role"), &role.role);
                }
                self.texts(o, &path.key("interests"), &role.interests);
                if let (Some(office), Some(held)) = (&role.office, offices.get(role.actor.as_str()))
                {
                    self.office(o, &path.key("office"), &role.actor, office, held);
                }
            }
            let implications = root.key("implications");
            for (i, imp) in a.implications.iter().enumerate() {
                let path = implications.index(i);
                self.slug(o, &path.key("id"), &imp.id);
                if a.implications[..i].iter().any(|x| x.id == imp.id) {
                    self.report(
                        o,
                        &path.key("id"),
                        format!("implication id {:?} is used twice in this analysis", imp.id),
                    );
                }
                self.endpoints(o, &path.key("from"), &imp.from);
                self.endpoints(o, &path.key("to"), &imp.to);
                self.text(o, &path.key("effect"), &imp.effect);
                self.text(o, &path.key("affected"), &imp.affected);
                if let Some(by) = imp.resolves_by
                    && by.latest_day() < a.event_date.earliest_day()
                {
                    self.report(
                        o,
                        &path.key("resolves_by"),
                        format!("resolves_by ({by}) is before the event ({})", a.event_date),
                    );
                }
                if let Some(outcome) = &imp.outcome {
                    let at = path.key("outcome");
                    self.text(o, &at.key("note"), &outcome.note);
                    self.sources(o, &at.key("sources"), &outcome.sources);
                    if outcome.status != OutcomeStatus::Open && outcome.sources.is_empty() {
                        self.report(
                            o,
                            &at.key("sources"),
                            format!(
                                "an outcome judged \"{}\" needs a source",
                                outcome.status.as_str()
                            ),
                        );
                    }
                }
            }
            self.texts(o, &root.key("risks"), &a.risks);
            self.texts(o, &root.key("caveats"), &a.caveats);
            self.sources(o, &root.key("sources"), &a.sources);
            if !draft {
                self.finished(o, a);
            }
            if let Some(updated) = a.updated
                && updated.latest_day() < a.as_of.earliest_day()
            {
                self.report(
                    o,
                    &root.key("updated"),
                    format!("updated ({updated}) is before as_of ({})", a.as_of),
                );
            }
        }
    }

    /// What a finished analysis rests on: its sources, and the day it was last revised.
    fn finished(&mut self, o: Origin, a: &Analysis) {
        let n = a.sources.len();
        if n < MIN_SOURCES {
            let has = match n {
                0 => "none".to_owned(),
                n => format!("only {n}"),
            };
            self.report(
                o,
                &At::ROOT.key("sources"),
                format!(
                    "a finished analysis needs at least {MIN_SOURCES} sources ({{title, publisher, url}}) \
                     so that its facts can be checked; it has {has}"
                ),
            );
        }
        if a.updated.is_none() {
            self.report(
                o,
                &At::ROOT.key("updated"),
                "missing: give the day of the last revision as YYYY-MM-DD (at first, as_of)"
                    .to_owned(),
            );
        }
    }

    /// A draft carries the text it came from; `check` refuses it unless asked to accept drafts.
    fn draft(&mut self, o: Origin, path: &At, draft: &Draft) {
        if self.drafts == Drafts::Refuse {
            self.report(
                o,
                path,
                format!(
                    "an unreviewed draft, imported from {:?}: {REFUSED_DRAFT}",
                    draft.source
                ),
            );
        }
        self.text(o, &path.key("source_text"), &draft.source_text);
        let sentences = path.key("sentences");
        for (i, s) in draft.sentences.iter().enumerate() {
            self.text(o, &sentences.index(i).key("text"), &s.text);
        }
        self.texts(o, &path.key("review"), &draft.review);
    }

    /// An office an analysis names an actor in must be one of the actor's offices.
    fn office(&mut self, o: Origin, path: &At, actor: &str, office: &str, held: &[Office]) {
        if !held.iter().any(|x| x.title == office) {
            let titles: Vec<&str> = held.iter().map(|x| x.title.as_str()).collect();
            let known = if titles.is_empty() {
                "it lists no offices".to_owned()
            } else {
                format!("its offices are {}", titles.join(", "))
            };
            self.report(
                o,
                path,
                format!("actor {actor:?} has no office titled {office:?}: {known}"),
            );
        }
    }

    /// A source names a title and a publisher; an address, when given, is a web address.
    fn sources(&mut self, o: Origin, path: &At, sources: &[Source]) {
        for (i, source) in sources.iter().enumerate() {
            let at = path.index(i);
            self.text(o, &at.key("title"), &source.title);
            self.text(o, &at.key("publisher"), &source.publisher);
            if let Some(url) = &source.url {
                let web = url.starts_with("https://") || url.starts_with("http://");
                if !web || url.chars().any(char::is_whitespace) {
                    self.report(
                        o,
                        &at.key("url"),
                        "not a web address: give an http(s) URL without spaces, or leave it out"
                            .to_owned(),
                    );
                }
            }
            self.texts(o, &at.key("supports"), &source.supports);
        }
    }

    fn endpoints(&mut self, o: Origin, path: &At, ends: &Endpoints) {
        if ends.is_empty() {
            self.report(o, path, "needs at least one place or actor".to_owned());
        }
        self.references(o, &path.key("places"), Kind::Place, &ends.places);
        self.references(o, &path.key("actors"), Kind::Actor, &ends.actors);
    }
}

#[cfg(test)]
mod tests {
    use super::is_slug;

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_hyphens() {
        for ok in ["kz-uk-2024", "eu", "g7"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "KZ", "kz--uk", "-kz", "kz-", "kz_uk", "kz uk", "ä"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
