//! The names a dataset knows, ready to be found in prose: every place and actor by its name and
//! aliases, countries and regions by their adjectives ("Kazakh", "Central Asian"), governments by
//! the usual phrasings ("the Kazakh government"), themes by their names.
//!
//! Matching is by words, not characters: accents and case folded, dots dropped ("U.S." is "US"),
//! a possessive taken off ("Astana's"), synonyms for business made one ("British firms" finds
//! "British companies"). A name written with capitals must be written with capitals in the text,
//! so the alias "EU" does not fire on "eu", and an all-capitals alias ("AU") only on capitals.

use std::collections::{BTreeMap, HashMap};

use crate::data::model::{ActorKind, PlaceKind};
use crate::data::{ListKind, Store};
use crate::find::fold::fold;

use super::demonyms;
use super::sentences::Token;

/// Something a name can point at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    Place(String),
    Actor(String),
}

/// How a name came to point at its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    Name,
    Alias,
    /// A country's or region's adjective.
    Demonym,
    /// A phrasing built from a country's names ("the Kazakh government").
    Derived,
}

#[derive(Debug, Clone)]
pub struct PlaceInfo {
    pub name: String,
    pub kind: PlaceKind,
    /// Its position in the dataset, for a stable choice between equals.
    pub order: usize,
}

#[derive(Debug, Clone)]
pub struct ActorInfo {
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub order: usize,
}

/// How a word of a name must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Any,
    /// Starts with a capital ("Astana").
    Capital,
    /// All capitals ("AU", "NATO").
    Upper,
}

#[derive(Debug, Clone, Default)]
struct Surface {
    cases: Vec<Case>,
    refs: Vec<(Ref, Via)>,
}

/// A name found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token range in the sentence.
    pub first: usize,
    pub end: usize,
    /// Byte range in the sentence.
    pub start_byte: usize,
    pub end_byte: usize,
    /// What the name may point at; several when it is ambiguous ("Brussels").
    pub refs: Vec<(Ref, Via)>,
}

impl Mention {
    pub fn places(&self) -> impl Iterator<Item = &str> {
        self.refs.iter().filter_map(|(r, _)| match r {
            Ref::Place(p) => Some(p.as_str()),
            Ref::Actor(_) => None,
        })
    }

    pub fn actors(&self) -> impl Iterator<Item = (&str, Via)> {
        self.refs.iter().filter_map(|(r, via)| match r {
            Ref::Actor(a) => Some((a.as_str(), *via)),
            Ref::Place(_) => None,
        })
    }
}

/// Single words that a dataset uses as aliases but English also uses at the start of a sentence
/// ("Total trade rose", "Security is ..."): there they are not taken as names.
#[rustfmt::skip]
const COMMON_AT_START: &[&str] = &[
    "total", "male", "commission", "congress", "senate", "horn", "security", "supreme",
    "continent", "gulf", "victoria", "chancellery", "caspian", "baltic", "suez", "hormuz",
];

/// Words that name business as a whole, made one so that "British firms" finds the alias
/// "British companies".
fn synonym(word: &str) -> &str {
    match word {
        "firms" | "firm" | "companies" | "company" | "businesses" | "business" | "corporations"
        | "enterprises" => "firm",
        "authorities" => "government",
        _ => word,
    }
}

/// A word as names are compared: folded, dots and apostrophes dropped, synonyms made one.
pub fn norm(word: &str) -> String {
    let folded: String = fold(word)
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '’'))
        .collect();
    synonym(&folded).to_owned()
}

/// The words of a name, split as sentence tokens are.
fn name_words(name: &str) -> Vec<String> {
    super::sentences::tokens(name)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn case_of(word: &str) -> Case {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        Case::Upper
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        Case::Capital
    } else {
        Case::Any
    }
}

/// The dataset's names, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    surfaces: HashMap<Vec<String>, Surface>,
    max_len: usize,
    pub places: BTreeMap<String, PlaceInfo>,
    pub actors: BTreeMap<String, ActorInfo>,
    /// Theme ids with the stems of their names' words.
    themes: Vec<(String, Vec<String>)>,
}

impl Gazetteer {
    pub fn from_store(data: &dyn Store) -> Gazetteer {
        let mut g = Gazetteer::default();
        for i in 0..data.count(ListKind::Places) {
            let p = data.place(crate::data::PlaceIx(i as u32));
            g.places.insert(
                p.id.clone(),
                PlaceInfo {
                    name: p.name.clone(),
                    kind: p.kind,
                    order: i,
                },
            );
            let r = Ref::Place(p.id.clone());
            g.add(&p.name, r.clone(), Via::Name);
            for alias in &p.aliases {
                g.add(alias, r.clone(), Via::Alias);
            }
            match p.kind {
                PlaceKind::Country => {
                    for d in demonyms::of_country(&p.id) {
                        g.add(d, r.clone(), Via::Demonym);
                    }
                }
                _ => {
                    if let Some(adjective) = demonyms::of_region(&p.name) {
                        g.add(&adjective, r.clone(), Via::Demonym);
                    }
                }
            }
        }
        for i in 0..data.count(ListKind::Actors) {
            let a = data.actor(crate::data::ActorIx(i as u32));
            g.add_actor(&a.id, &a.name, &a.aliases, a.kind, a.country.as_deref());
        }
        for i in 0..data.count(ListKind::Themes) {
            let t = data.theme(crate::data::ThemeIx(i as u32));
            let stems: Vec<String> = name_words(&t.name)
                .iter()
                .map(|w| stem(&norm(w)))
                .filter(|w| !matches!(w.as_str(), "and" | "of" | "the" | "in"))
                .collect();
            if !stems.is_empty() {
                g.themes.push((t.id.clone(), stems));
            }
        }
        g
    }

    /// Adds an actor, with the phrasings a government goes by when the dataset has its country.
    pub fn add_actor(
        &mut self,
        id: &str,
        name: &str,
        aliases: &[String],
        kind: ActorKind,
        country: Option<&str>,
    ) {
        let order = self.actors.len();
        self.actors.insert(
            id.to_owned(),
            ActorInfo {
                name: name.to_owned(),
                kind,
                country: country.map(str::to_owned),
                order,
            },
        );
        let r = Ref::Actor(id.to_owned());
        self.add(name, r.clone(), Via::Name);
        for alias in aliases {
            self.add(alias, r.clone(), Via::Alias);
        }
        if kind == ActorKind::Government
            && let Some(code) = country
            && let Some(place) = self.places.get(code)
        {
            let place_name = place.name.clone();
            let mut stems: Vec<String> = demonyms::of_country(code)
                .iter()
                .map(|d| (*d).to_owned())
                .collect();
            stems.push(place_name.clone());
            for s in &stems {
                for noun in ["government", "administration", "leadership", "cabinet"] {
                    self.add(&format!("{s} {noun}"), r.clone(), Via::Derived);
                }
            }
            self.add(
                &format!("government of {place_name}"),
                r.clone(),
                Via::Derived,
            );
        }
    }

    fn add(&mut self, name: &str, r: Ref, via: Via) {
        let words = name_words(name);
        // A name with no capital at all ("global", "worldwide") is a common word in prose.
        if words.is_empty() || words.iter().all(|w| case_of(w) == Case::Any) {
            return;
        }
        let key: Vec<String> = words.iter().map(|w| norm(w)).collect();
        if key.iter().any(String::is_empty) {
            return;
        }
        self.max_len = self.max_len.max(key.len());
        let cases: Vec<Case> = words.iter().map(|w| case_of(w)).collect();
        let surface = self.surfaces.entry(key).or_default();
        if surface.refs.is_empty() {
            surface.cases = cases;
        } else {
            // Two spellings of one key: ask only what both ask.
            for (have, new) in surface.cases.iter_mut().zip(cases) {
                if *have != new {
                    *have = if *have == Case::Any || new == Case::Any {
                        Case::Any
                    } else {
                        Case::Capital
                    };
                }
            }
        }
        if !surface.refs.iter().any(|(x, _)| *x == r) {
            surface.refs.push((r, via));
        }
    }

    /// The names in a sentence's tokens, longest first, left to right, never overlapping.
    pub fn scan(&self, tokens: &[Token]) -> Vec<Mention> {
        let normed: Vec<String> = tokens.iter().map(|t| norm(&t.text)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let longest = (1..=self.max_len.min(tokens.len() - i))
                .rev()
                .find_map(|len| self.match_at(tokens, &normed, i, len).map(|s| (len, s)));
            let after_name = out.last().is_some_and(|m: &Mention| m.end == i);
            match longest {
                Some((len, _)) if self.inside_longer_name(tokens, &normed, i, len, after_name) => {
                    i += len
                }
                Some((len, surface)) => {
                    out.push(Mention {
                        first: i,
                        end: i + len,
                        start_byte: tokens[i].start,
                        end_byte: tokens[i + len - 1].end,
                        refs: surface.refs.clone(),
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        self.drop_foreign_institutions(&mut out);
        out
    }

    /// "the Philippine Senate" is not the US Senate: an actor of one country named right after
    /// another country's name or adjective is some other body, which the dataset lacks.
    fn drop_foreign_institutions(&self, mentions: &mut Vec<Mention>) {
        for k in 1..mentions.len() {
            let (before, rest) = mentions.split_at_mut(k);
            let (prev, m) = (&before[k - 1], &mut rest[0]);
            let countries: Vec<&str> = prev
                .places()
                .filter(|p| {
                    self.places
                        .get(*p)
                        .is_some_and(|i| i.kind == crate::data::model::PlaceKind::Country)
                })
                .collect();
            if prev.end != m.first || countries.is_empty() || prev.actors().next().is_some() {
                continue;
            }
            m.refs.retain(|(r, _)| match r {
                Ref::Actor(id) => self
                    .actors
                    .get(id)
                    .and_then(|a| a.country.as_deref())
                    .is_none_or(|c| countries.contains(&c)),
                Ref::Place(_) => true,
            });
        }
        mentions.retain(|m| !m.refs.is_empty());
    }

    /// Whether a match is only part of a longer capitalised name the dataset does not know:
    /// "World" in "Second World War", "Sahel" in "Sahel Correspondent". A title ("President"),
    /// a possessive ("Russia's Gazprom"), the sentence's first word and another known name do
    /// not count as such a neighbour.
    fn inside_longer_name(
        &self,
        tokens: &[Token],
        normed: &[String],
        at: usize,
        len: usize,
        after_name: bool,
    ) -> bool {
        let plain_capital = |t: &Token| {
            t.capitalised()
                && !super::actors::is_title_word(&t.text)
                && !super::dates::is_month(&t.text)
        };
        // "post-Brexit UK": a word joined to a lower-case one is an adjective, not a name.
        let left = at >= 2 && !after_name && {
            let l = &tokens[at - 1];
            plain_capital(l)
                && !l.break_after
                && !l.possessive
                && (!l.hyphen_before || tokens[at - 2].capitalised())
        };
        let right = tokens.get(at + len).is_some_and(|r| {
            let last = &tokens[at + len - 1];
            plain_capital(r)
                && !last.break_after
                && !last.possessive
                && !(1..=self.max_len.min(tokens.len() - at - len))
                    .any(|l| self.match_at(tokens, normed, at + len, l).is_some())
        });
        left || right
    }

    fn match_at(
        &self,
        tokens: &[Token],
        normed: &[String],
        at: usize,
        len: usize,
    ) -> Option<&Surface> {
        let surface = self.surfaces.get(&normed[at..at + len])?;
        let span = &tokens[at..at + len];
        // A comma or bracket inside means two things side by side, not one name; so does a
        // possessive before the last word, except in a phrasing like "Kazakhstan's government".
        if span[..len - 1].iter().any(|t| t.break_after) {
            return None;
        }
        for (t, case) in span.iter().zip(&surface.cases) {
            let ok = match case {
                Case::Any => true,
                Case::Capital => t.capitalised(),
                Case::Upper => t
                    .text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase),
            };
            if !ok {
                return None;
            }
        }
        if len == 1 && at == 0 && COMMON_AT_START.contains(&normed[0].as_str()) {
            return None;
        }
        Some(surface)
    }

    /// Themes whose name the text uses, in the dataset's order.
    pub fn themes_in(&self, all_tokens: &[Vec<Token>]) -> Vec<String> {
        let stems: Vec<Vec<String>> = all_tokens
            .iter()
            .map(|ts| ts.iter().map(|t| stem(&norm(&t.text))).collect())
            .collect();
        self.themes
            .iter()
            .filter(|(_, name)| {
                stems
                    .iter()
                    .any(|s| s.windows(name.len()).any(|w| w == name.as_slice()))
            })
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub fn has_place(&self, id: &str) -> bool {
        self.places.contains_key(id)
    }

    pub fn has_actor(&self, id: &str) -> bool {
        self.actors.contains_key(id)
    }
}

/// A crude stem for theme names: plural "s" off ("minerals" meets "mineral").
fn stem(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(s) if s.len() >= 3 && !s.ends_with('s') => s.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sentences::tokens;

    fn found(g: &Gazetteer, text: &str) -> Vec<Vec<Ref>> {
        g.scan(&tokens(text))
            .into_iter()
            .map(|m| m.refs.into_iter().map(|(r, _)| r).collect())
            .collect()
    }

    fn bundled() -> Gazetteer {
        Gazetteer::from_store(&crate::data::bundled().unwrap())
    }

    fn place(id: &str) -> Ref {
        Ref::Place(id.to_owned())
    }

    fn actor(id: &str) -> Ref {
        Ref::Actor(id.to_owned())
    }

    #[test]
    fn finds_places_by_name_alias_capital_and_adjective() {
        let g = bundled();
        assert_eq!(
            found(
                &g,
                "Astana's ties with London and the EU, and Russian pipelines in Central Asian states"
            ),
            [
                vec![place("KZ"), actor("kz-gov")],
                vec![place("GB"), actor("gb-gov")],
                vec![place("eu"), actor("eu")],
                vec![place("RU")],
                vec![place("central-asia")],
            ]
        );
    }

    #[test]
    fn finds_actors_by_phrasings_and_synonyms() {
        let g = bundled();
        assert_eq!(
            found(
                &g,
                "the Kazakh government, led by Murat Nurtleu, and British firms"
            ),
            [
                vec![actor("kz-gov")],
                vec![actor("murat-nurtleu")],
                vec![actor("british-business")]
            ]
        );
    }

    #[test]
    fn case_guards_keep_common_words_out() {
        let g = bundled();
        assert!(found(&g, "global markets and eu rules and us").is_empty());
        assert!(found(&g, "Total trade rose.").is_empty());
        assert_eq!(found(&g, "Russia, China").len(), 2);
    }
}
