//! The draft's actors: the key-actors list read into roles and interests, people and
//! organisations named elsewhere, and proposals for the names the dataset lacks.

use std::collections::BTreeMap;

use crate::data::model::{Actor, ActorRole, LensConfidence, PlaceKind, SentenceLens};

use super::super::actors::{self, Named};
use super::super::slug;
use super::{Builder, lens_words};

impl Builder<'_> {
    /// The key actors (from the key-actors sentences), then people named with a title and
    /// actors named outright elsewhere. Unknown names become proposed actors.
    pub(super) fn actors(
        &mut self,
        source: &str,
        primary: Option<&str>,
    ) -> (Vec<ActorRole>, Vec<Actor>) {
        let mut found: Vec<(Named, bool)> = Vec::new();
        let mut lens_of: Vec<String> = Vec::new();
        for r in self.read {
            // Only a sentence that announces a list is read as one.
            if r.lens.lens == SentenceLens::Actors && r.lens.confidence == LensConfidence::Cue {
                for n in actors::key_actors(&r.text, self.g, primary) {
                    found.push((n, true));
                    lens_of.push("key actors".to_owned());
                }
            }
        }
        for r in self.read {
            if r.lens.lens == SentenceLens::Actors {
                continue;
            }
            for n in actors::titled_people(&r.text, self.g)
                .into_iter()
                .chain(actors::agents(&r.text, self.g))
                .chain(actors::appositive_people(&r.text, self.g))
            {
                found.push((n, false));
                lens_of.push(lens_words(&r.lens));
            }
            for id in actors::named_outright(&r.mentions) {
                found.push((
                    Named {
                        surface: self
                            .g
                            .actors
                            .get(&id)
                            .map(|a| a.name.clone())
                            .unwrap_or_default(),
                        actor: Some(id),
                        ..Named::default()
                    },
                    false,
                ));
                lens_of.push(lens_words(&r.lens));
            }
        }
        let mut roles: Vec<ActorRole> = Vec::new();
        let mut new_actors: Vec<Actor> = Vec::new();
        let mut proposed_ids: BTreeMap<String, String> = BTreeMap::new();
        for ((n, key), lens) in found.into_iter().zip(lens_of) {
            let (id, new) = match (&n.actor, &n.proposal) {
                (Some(id), _) => (id.clone(), false),
                (None, Some(p)) => {
                    let key = p.name.to_lowercase();
                    if let Some(id) = proposed_ids.get(&key) {
                        (id.clone(), false)
                    } else {
                        let id = self.fresh_actor_id(&p.name, &new_actors);
                        let country = p
                            .country
                            .clone()
                            .or_else(|| self.country_named_with(&p.name));
                        proposed_ids.insert(key, id.clone());
                        new_actors.push(Actor {
                            id: id.clone(),
                            name: p.name.clone(),
                            aliases: Vec::new(),
                            kind: p.kind,
                            country: country.filter(|c| self.g.has_place(c)),
                            description: format!(
                                "Proposed by geolens import from {source}, which names it as: \"{}\". Check who or what this is, complete the description, and remove \"draft\".",
                                n.item
                            ),
                            as_of: None,
                            offices: Vec::new(),
                            draft: true,
                        });
                        (id, true)
                    }
                }
                (None, None) => continue,
            };
            if let Some(existing) = roles.iter_mut().find(|r| r.actor == id) {
                for i in n.interests {
                    if !existing.interests.contains(&i) {
                        existing.interests.push(i);
                    }
                }
                existing.uncertain |= n.hedge.is_some();
                continue;
            }
            let index = roles.len();
            let role = match (&n.role, key) {
                (Some(r), _) => r.clone(),
                (None, true) => {
                    self.need(
                        &format!("actors[{index}].role"),
                        "the text names the actor but not its role",
                    );
                    "Named among the key actors".to_owned()
                }
                (None, false) => {
                    self.need(
                        &format!("actors[{index}].role"),
                        &format!("named in the {lens} only; say what it does"),
                    );
                    format!("Named in the {lens}")
                }
            };
            if new {
                self.need(
                    &format!("actors[{index}]"),
                    &format!(
                        "\"{}\" is not in the dataset: proposed as a new {} ({id}); confirm it or pick an existing actor",
                        n.surface,
                        new_actors.last().map_or("actor", |a| a.kind.words())
                    ),
                );
            }
            if let Some(h) = &n.hedge {
                self.need(
                    &format!("actors[{index}].uncertain"),
                    &format!("the text hedges it (\"{h}\"); confirm from a source"),
                );
            }
            roles.push(ActorRole {
                actor: id,
                role,
                interests: n.interests,
                uncertain: n.hedge.is_some(),
                office: None,
            });
        }
        if roles.is_empty() {
            self.need("actors", "the text names no actor; add the key actors");
        }
        (roles, new_actors)
    }

    /// The country a text ties a new name to: "France's Naval Group", "the French Naval Group".
    pub(super) fn country_named_with(&self, name: &str) -> Option<String> {
        for r in self.read {
            let Some(at) = r.text.find(name) else {
                continue;
            };
            let before = r.mentions.iter().rev().find(|m| m.end_byte <= at)?;
            let gap = &r.text[before.end_byte..at];
            let adjacent = matches!(gap, " " | "'s " | "’s ");
            if !adjacent {
                continue;
            }
            if let Some(p) = before.places().find(|p| {
                self.g
                    .places
                    .get(*p)
                    .is_some_and(|i| i.kind == PlaceKind::Country)
            }) {
                return Some(p.to_owned());
            }
        }
        None
    }

    pub(super) fn fresh_actor_id(&self, name: &str, pending: &[Actor]) -> String {
        let base = slug(&name.replace(['\'', '’'], ""), 6);
        let taken = |id: &str| self.g.has_actor(id) || pending.iter().any(|a| a.id == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .expect("some number is free")
    }

    /// Capitalised words not sentence-initial that matched nothing and went nowhere: worth a look.
    pub(super) fn unknown_names(&self, perspective: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.read {
            let covered = |i: usize| r.mentions.iter().any(|m| m.first <= i && i < m.end);
            let mut i = 1;
            while i < r.tokens.len() {
                let t = &r.tokens[i];
                if !t.capitalised() || covered(i) || is_common_capital(&t.text) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < r.tokens.len()
                    && r.tokens[i].capitalised()
                    && !covered(i)
                    && !is_common_capital(&r.tokens[i].text)
                {
                    let stop = r.tokens[i].break_after;
                    i += 1;
                    if stop {
                        break;
                    }
                }
                let name = &r.text[r.tokens[start].start..r.tokens[i - 1].end];
                let in_actor_sentence = r.lens.lens == SentenceLens::Actors;
                if !perspective.contains(name)
                    && !in_actor_sentence
                    && !out.iter().any(|x| x == name)
                {
                    out.push(name.to_owned());
                }
            }
        }
        out.retain(|n| !n.split_whitespace().all(actors_title_word));
        out
    }
}

fn actors_title_word(w: &str) -> bool {
    matches!(
        w,
        "President"
            | "Minister"
            | "Foreign"
            | "Prime"
            | "Deputy"
            | "Secretary"
            | "Chancellor"
            | "Affairs"
            | "General"
            | "Leader"
            | "Ambassador"
    )
}

/// Capitalised words that are not names: months, days, and cue words mid-sentence.
fn is_common_capital(word: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "I", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
        "Thursday", "Friday", "Saturday", "Sunday", "The", "This", "These", "A", "An",
    ];
    WORDS.contains(&word)
}
