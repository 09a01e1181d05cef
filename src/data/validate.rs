//! The checks that need more than one value at a time: ids unique and well-formed, every reference
//! resolving to an entity of the right kind, dates in order, no empty text, no cycles.
//!
//! Every problem is collected; nothing stops at the first.

use std::collections::{HashMap, HashSet};

use super::iso::is_country_code;
use super::load::{Kind, Origin, Parsed, Sources};
use super::locate::{line_col, locate};
use super::model::{Endpoints, LENS_ORDER, PlaceKind};
use super::problem::{FieldPath, Problem};

pub(crate) fn validate(parsed: &Parsed, sources: &Sources, problems: &mut Vec<Problem>) {
    let mut v = Validator {
        sources,
        parsed,
        problems,
        ids: HashMap::new(),
    };
    v.collect_ids();
    v.places();
    v.actors();
    v.themes();
    v.analyses();
}

struct Validator<'a> {
    sources: &'a Sources,
    parsed: &'a Parsed,
    problems: &'a mut Vec<Problem>,
    /// The first definition of every id, per kind.
    ids: HashMap<(Kind, &'a str), Origin>,
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
    fn report(&mut self, origin: Origin, rel: FieldPath, message: String) {
        let source = &self.sources.files[origin.file];
        let path = origin.path().join(&rel);
        let position = line_col(&source.text, locate(&source.text, &path));
        self.problems.push(Problem {
            file: source.name.clone(),
            position: Some(position),
            path,
            message,
        });
    }

    fn position_of(&self, origin: Origin, rel: &FieldPath) -> String {
        let source = &self.sources.files[origin.file];
        let (line, col) = line_col(&source.text, locate(&source.text, &origin.path().join(rel)));
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
        let id_path = FieldPath::root().key("id");
        for (kind, id, origin) in all {
            if let Some(&first) = self.ids.get(&(kind, id)) {
                let at = self.position_of(first, &id_path);
                self.report(
                    origin,
                    id_path.clone(),
                    format!("duplicate {} id {id:?}: first defined at {at}", kind.noun()),
                );
            } else {
                self.ids.insert((kind, id), origin);
            }
        }
    }

    /// Reports `id` unless it names an entity of `kind` (or one that already failed to parse).
    fn reference(&mut self, origin: Origin, path: FieldPath, kind: Kind, id: &str) {
        if !self.ids.contains_key(&(kind, id))
            && !self.parsed.broken.contains(&(kind, id.to_owned()))
        {
            self.report(origin, path, format!("unknown {} {id:?}", kind.noun()));
        }
    }

    fn references<'s>(
        &mut self,
        origin: Origin,
        path: FieldPath,
        kind: Kind,
        ids: impl IntoIterator<Item = &'s String>,
    ) {
        let mut seen = HashSet::new();
        for (i, id) in ids.into_iter().enumerate() {
            if !seen.insert(id) {
                self.report(
                    origin,
                    path.clone().index(i),
                    format!("{} {id:?} is listed twice", kind.noun()),
                );
            } else {
                self.reference(origin, path.clone().index(i), kind, id);
            }
        }
    }

    fn text(&mut self, origin: Origin, path: FieldPath, text: &str) {
        if text.trim().is_empty() {
            self.report(origin, path, "must not be empty".to_owned());
        }
    }

    fn texts<'s>(
        &mut self,
        origin: Origin,
        path: FieldPath,
        texts: impl IntoIterator<Item = &'s String>,
    ) {
        for (i, text) in texts.into_iter().enumerate() {
            self.text(origin, path.clone().index(i), text);
        }
    }

    fn slug(&mut self, origin: Origin, path: FieldPath, id: &str) {
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

    fn places(&mut self) {
        let parsed = self.parsed;
        for (place, o) in &parsed.places {
            let o = *o;
            let root = FieldPath::root();
            match place.kind {
                PlaceKind::Country => {
                    if !is_country_code(&place.id) {
                        self.report(
                            o,
                            root.clone().key("id"),
                            format!(
                                "{:?} is not an ISO 3166-1 alpha-2 code: a country's id is its two-letter code (\"GB\", not \"UK\")",
                                place.id
                            ),
                        );
                    }
                    if !place.members.is_empty() {
                        self.report(
                            o,
                            root.clone().key("members"),
                            "a country has no members: make it a region or bloc".to_owned(),
                        );
                    }
                }
                _ => {
                    self.slug(o, root.clone().key("id"), &place.id);
                    if place.members.iter().any(|m| m == &place.id) {
                        self.report(
                            o,
                            root.clone().key("members"),
                            "a place cannot be its own member".to_owned(),
                        );
                    }
                    self.references(o, root.clone().key("members"), Kind::Place, &place.members);
                }
            }
            self.text(o, root.clone().key("name"), &place.name);
            self.texts(o, root.clone().key("aliases"), &place.aliases);
            let c = place.centroid;
            if !(-90.0..=90.0).contains(&c.lat) {
                self.report(
                    o,
                    root.clone().key("centroid").key("lat"),
                    format!("latitude {} is outside -90..90", c.lat),
                );
            }
            if !(-180.0..=180.0).contains(&c.lon) {
                self.report(
                    o,
                    root.clone().key("centroid").key("lon"),
                    format!("longitude {} is outside -180..180", c.lon),
                );
            }
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
            let root = FieldPath::root();
            self.slug(o, root.clone().key("id"), &actor.id);
            self.text(o, root.clone().key("name"), &actor.name);
            self.text(o, root.clone().key("description"), &actor.description);
            self.texts(o, root.clone().key("aliases"), &actor.aliases);
            if let Some(country) = &actor.country {
                let path = root.clone().key("country");
                self.reference(o, path.clone(), Kind::Place, country);
                let is_place = self.ids.contains_key(&(Kind::Place, country.as_str()));
                if is_place && !countries.contains(country.as_str()) {
                    self.report(
                        o,
                        path,
                        format!("{country:?} is not a country: use the country's ISO code"),
                    );
                }
            }
            for (i, office) in actor.offices.iter().enumerate() {
                let path = root.clone().key("offices").index(i);
                self.text(o, path.clone().key("title"), &office.title);
                if let Some(to) = office.to
                    && to.latest_day() < office.from.earliest_day()
                {
                    self.report(
                        o,
                        path.key("to"),
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
            let root = FieldPath::root();
            self.slug(o, root.clone().key("id"), &theme.id);
            self.text(o, root.clone().key("name"), &theme.name);
            self.text(o, root.clone().key("description"), &theme.description);
            if let Some(parent) = &theme.parent {
                self.reference(o, root.clone().key("parent"), Kind::Theme, parent);
                // Walk up; meeting ourselves again means a cycle. Bounded by the number of themes.
                let mut at = parent.as_str();
                for _ in 0..=parent_of.len() {
                    if at == theme.id {
                        self.report(
                            o,
                            root.clone().key("parent"),
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
        for (a, o) in &parsed.analyses {
            let o = *o;
            let root = FieldPath::root();
            self.slug(o, root.clone().key("id"), &a.id);
            self.text(o, root.clone().key("title"), &a.title);
            self.text(o, root.clone().key("perspective"), &a.perspective);
            if let Some(event) = &a.event {
                self.slug(o, root.clone().key("event"), event);
            }
            self.text(o, root.clone().key("summary"), &a.summary);
            if !a.as_of.has_day() {
                self.report(
                    o,
                    root.clone().key("as_of"),
                    format!("as_of needs a day: \"{}-DD\"", a.as_of),
                );
            }
            if a.as_of.latest_day() < a.event_date.earliest_day() {
                self.report(
                    o,
                    root.clone().key("as_of"),
                    format!("as_of ({}) is before the event ({})", a.as_of, a.event_date),
                );
            }
            for (kind, _) in LENS_ORDER {
                if let Some(text) = a.lenses.get(kind) {
                    self.text(o, root.clone().key("lenses").key(kind.field()), text);
                }
            }
            for (i, lens) in a.lenses.other.iter().enumerate() {
                let path = root.clone().key("lenses").key("other").index(i);
                self.text(o, path.clone().key("title"), &lens.title);
                self.text(o, path.key("text"), &lens.text);
            }
            self.references(o, root.clone().key("places"), Kind::Place, &a.places);
            self.references(o, root.clone().key("themes"), Kind::Theme, &a.themes);
            let mut seen = HashSet::new();
            for (i, role) in a.actors.iter().enumerate() {
                let path = root.clone().key("actors").index(i);
                if !seen.insert(&role.actor) {
                    self.report(
                        o,
                        path.clone().key("actor"),
                        format!("actor {:?} is listed twice", role.actor),
                    );
                } else {
                    self.reference(o, path.clone().key("actor"), Kind::Actor, &role.actor);
                }
                self.text(o, path.clone().key("role"), &role.role);
                self.texts(o, path.key("interests"), &role.interests);
            }
            let mut impl_ids = HashSet::new();
            for (i, imp) in a.implications.iter().enumerate() {
                let path = root.clone().key("implications").index(i);
                self.slug(o, path.clone().key("id"), &imp.id);
                if !impl_ids.insert(&imp.id) {
                    self.report(
                        o,
                        path.clone().key("id"),
                        format!("implication id {:?} is used twice in this analysis", imp.id),
                    );
                }
                self.endpoints(o, path.clone().key("from"), &imp.from);
                self.endpoints(o, path.clone().key("to"), &imp.to);
                self.text(o, path.clone().key("effect"), &imp.effect);
                self.text(o, path.key("affected"), &imp.affected);
            }
            self.texts(o, root.clone().key("risks"), &a.risks);
            self.texts(o, root.key("caveats"), &a.caveats);
        }
    }

    fn endpoints(&mut self, o: Origin, path: FieldPath, ends: &Endpoints) {
        if ends.is_empty() {
            self.report(
                o,
                path.clone(),
                "needs at least one place or actor".to_owned(),
            );
        }
        self.references(o, path.clone().key("places"), Kind::Place, &ends.places);
        self.references(o, path.key("actors"), Kind::Actor, &ends.actors);
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
