//! A synthetic dataset for measuring geolens at sizes the bundled corpus cannot reach (1k to 1M
//! analyses): deterministic by seed, in the format of `data/`, and accepted by `geolens check`.
//!
//! Its shape is modelled on the bundled corpus (docs/performance.md gives the measured figures).
//! The bundled places, actors and themes are the most popular entities, ranked by how often the
//! corpus uses them, and a synthetic tail of thousands more follows; each analysis picks its
//! entities with a Zipf-like skew, so a few appear in a large share of analyses and most in a
//! handful. Prose is drawn from a vocabulary with Zipf frequencies (common English words, then
//! the vocabulary of the field mixed with accented, Cyrillic, CJK and emoji words, then a long
//! tail of invented words), with the analysis's own names, quoted phrases and set phrases mixed in.
//!
//! Two profiles: [`Profile::Deep`] has the corpus's counts and lengths (about 10 KB an analysis);
//! [`Profile::Brief`], the default, keeps the same fields, entities and skew with shorter texts
//! and fewer entries, sized to the 180 MB at 100k analyses that issue 6 sets its targets for.

use std::collections::{HashMap, HashSet};

use crate::data::date::PartialDate;
use crate::data::model::{
    Actor, ActorKind, ActorRole, Analysis, Channel, Confidence, Endpoints, Horizon, Implication,
    LatLon, Lenses, Likelihood, Office, Place, PlaceKind, Source, Theme,
};
use crate::find::fold::fold;

mod entities;
mod files;
mod prose;
mod rng;
mod words;

pub use files::{Written, write};

use entities::*;
use prose::*;
use rng::*;
use words::*;

/// How many analyses each file of `analyses/` holds. One file per analysis would put a million
/// files in one directory at the largest size, which is harsh on filesystems and makes the
/// measure one of `open(2)`; a thousand per file keeps files near 2 MB (10 MB in the deep profile).
pub const PER_FILE: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Short analyses: about 1.8 KB each on disk.
    Brief,
    /// Analyses as long and as rich as the bundled corpus: about 10 KB each.
    Deep,
}

impl Profile {
    pub fn parse(name: &str) -> Result<Profile, String> {
        match name {
            "brief" => Ok(Profile::Brief),
            "deep" => Ok(Profile::Deep),
            _ => Err(format!("unknown profile {name:?}: brief or deep")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Profile::Brief => "brief",
            Profile::Deep => "deep",
        }
    }

    fn shape(self) -> Shape {
        match self {
            Profile::Deep => DEEP,
            Profile::Brief => BRIEF,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub analyses: usize,
    pub seed: u64,
    pub profile: Profile,
}

/// Word counts are drawn from a triangular distribution (least, most likely, most), chosen so that
/// the mean matches the corpus; counts of entries are uniform between two bounds, inclusive.
type Words = (f64, f64, f64);
type Count = (usize, usize);

struct Shape {
    title: Words,
    summary: Words,
    /// Background, perspective, geopolitical, cultural, regional impact, outlook, challenges.
    lenses: [Words; 7],
    /// The chance that each lens is present.
    lens_presence: f64,
    places: Count,
    themes: Count,
    actors: Count,
    role: Words,
    interests: Count,
    interest: Words,
    implications: Count,
    effect: Words,
    affected: Words,
    risks: Count,
    risk: Words,
    caveats: Count,
    caveat: Words,
    actor_description: Words,
    theme_description: Words,
}

/// The bundled corpus, measured: see docs/performance.md.
const DEEP: Shape = Shape {
    title: (3.0, 10.0, 18.0),
    summary: (67.0, 95.0, 146.0),
    lenses: [
        (85.0, 115.0, 165.0),
        (61.0, 112.0, 160.0),
        (85.0, 115.0, 155.0),
        (47.0, 80.0, 101.0),
        (53.0, 80.0, 117.0),
        (40.0, 65.0, 99.0),
        (37.0, 58.0, 83.0),
    ],
    lens_presence: 1.0,
    places: (3, 11),
    themes: (4, 6),
    actors: (7, 8),
    role: (5.0, 12.0, 26.0),
    interests: (1, 3),
    interest: (2.0, 5.0, 12.0),
    implications: (4, 5),
    effect: (14.0, 22.0, 36.0),
    affected: (3.0, 8.0, 14.0),
    risks: (3, 5),
    risk: (6.0, 12.0, 20.0),
    caveats: (1, 4),
    caveat: (11.0, 20.0, 35.0),
    actor_description: (16.0, 36.0, 65.0),
    theme_description: (10.0, 15.0, 24.0),
};

/// The corpus's fields and proportions at about a sixth of its length. The prose is a little
/// shorter than it was before every analysis carried two sources, so the size stays 1.8 KB.
const BRIEF: Shape = Shape {
    title: (3.0, 8.0, 14.0),
    summary: (8.0, 12.0, 24.0),
    lenses: [
        (10.0, 20.0, 36.0),
        (8.0, 18.0, 32.0),
        (10.0, 20.0, 34.0),
        (7.0, 13.0, 23.0),
        (7.0, 13.0, 26.0),
        (5.0, 10.0, 21.0),
        (5.0, 10.0, 18.0),
    ],
    lens_presence: 0.15,
    places: (2, 5),
    themes: (2, 4),
    actors: (2, 3),
    role: (3.0, 5.0, 8.0),
    interests: (0, 1),
    interest: (2.0, 4.0, 8.0),
    implications: (0, 1),
    effect: (6.0, 10.0, 18.0),
    affected: (2.0, 4.0, 7.0),
    risks: (0, 1),
    risk: (5.0, 8.0, 14.0),
    caveats: (0, 1),
    caveat: (6.0, 10.0, 16.0),
    actor_description: (10.0, 20.0, 40.0),
    theme_description: (8.0, 12.0, 20.0),
};

/// The generator: the shared entities, built once, and analyses made one at a time.
pub struct Synth {
    rng: Rng,
    shape: Shape,
    vocab: Vocabulary,
    pub places: Vec<Place>,
    pub actors: Vec<Actor>,
    pub themes: Vec<Theme>,
    /// Entities in order of popularity: indexes into the vectors above.
    place_rank: Vec<usize>,
    actor_rank: Vec<usize>,
    theme_rank: Vec<usize>,
    place_zipf: Zipf,
    actor_zipf: Zipf,
    theme_zipf: Zipf,
    /// An event slug the next analysis shares with the one just made.
    pending_event: Option<String>,
}

/// How many entities a dataset of `n` analyses has: the bundled ones plus a tail that grows with
/// the archive, up to a few thousand.
fn tail_sizes(n: usize) -> (usize, usize, usize) {
    let places = (n / 50).clamp(50, 1800);
    let actors = (n / 20).clamp(300, 4800);
    let themes = (n / 1000).clamp(10, 100);
    (places, actors, themes)
}

impl Synth {
    pub fn new(spec: &Spec) -> Synth {
        let bundled = crate::data::bundled().expect("the bundled dataset loads");
        let mut rng = Rng::new(spec.seed);
        let vocab = Vocabulary::new(spec.seed);
        let usage = Usage::of(&bundled);
        let (n_places, n_actors, n_themes) = tail_sizes(spec.analyses);

        let mut places = bundled.places.clone();
        let mut place_rank = usage.ranked(&places, |p| &p.id, &usage.places);
        let countries: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].kind == PlaceKind::Country)
            .collect();
        let mut ids: HashSet<String> = places.iter().map(|p| p.id.clone()).collect();
        for _ in 0..n_places {
            let place = new_place(&mut rng, &vocab, &places, &countries, &mut ids);
            place_rank.push(places.len());
            places.push(place);
        }

        let mut actors = bundled.actors.clone();
        let mut actor_rank = usage.ranked(&actors, |a| &a.id, &usage.actors);
        let mut ids: HashSet<String> = actors.iter().map(|a| a.id.clone()).collect();
        let shape = spec.profile.shape();
        for _ in 0..n_actors {
            let actor = new_actor(&mut rng, &vocab, &shape, &places, &countries, &mut ids);
            actor_rank.push(actors.len());
            actors.push(actor);
        }

        let mut themes = bundled.themes.clone();
        let mut theme_rank = usage.ranked(&themes, |t| &t.id, &usage.themes);
        let roots: Vec<String> = themes
            .iter()
            .filter(|t| t.parent.is_none())
            .map(|t| t.id.clone())
            .collect();
        let mut ids: HashSet<String> = themes.iter().map(|t| t.id.clone()).collect();
        for _ in 0..n_themes {
            let name = format!(
                "{} {}",
                capitalized(plain_word(&mut rng, &vocab)),
                plain_word(&mut rng, &vocab)
            );
            let id = unique_slug(&name, "theme", &mut ids);
            let description = sentence_text(&mut rng, &vocab, shape.theme_description, &[]);
            theme_rank.push(themes.len());
            themes.push(Theme {
                id,
                name,
                description,
                parent: Some(rng.pick(&roots).clone()),
            });
        }

        Synth {
            rng,
            vocab,
            place_zipf: Zipf::new(places.len()),
            actor_zipf: Zipf::new(actors.len()),
            theme_zipf: Zipf::new(themes.len()),
            places,
            actors,
            themes,
            place_rank,
            actor_rank,
            theme_rank,
            shape,
            pending_event: None,
        }
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The id of the actor that appears in the most analyses.
    pub fn most_popular_actor(&self) -> &str {
        &self.actors[self.actor_rank[0]].id
    }

    /// Analysis number `i`, its fields drawn from the profile's shape.
    pub fn analysis(&mut self, i: usize) -> Analysis {
        let shape = &self.shape;
        let rng = &mut self.rng;
        let n_places = rng.count(shape.places);
        let places: Vec<&Place> = self
            .place_zipf
            .distinct(rng, n_places)
            .into_iter()
            .map(|r| &self.places[self.place_rank[r]])
            .collect();
        let n_actors = rng.count(shape.actors);
        let actors: Vec<&Actor> = self
            .actor_zipf
            .distinct(rng, n_actors)
            .into_iter()
            .map(|r| &self.actors[self.actor_rank[r]])
            .collect();
        let n_themes = rng.count(shape.themes);
        let themes: Vec<String> = self
            .theme_zipf
            .distinct(rng, n_themes)
            .into_iter()
            .map(|r| self.themes[self.theme_rank[r]].id.clone())
            .collect();
        let names: Vec<&str> = places
            .iter()
            .map(|p| p.name.as_str())
            .chain(actors.iter().map(|a| a.name.as_str()))
            .collect();
        let vocab = &self.vocab;

        let lead = places.first().map_or("World", |p| p.name.as_str());
        let mut title = format!("{lead} {}", phrase(rng, vocab, shape.title));
        if rng.chance(0.3) {
            title.push_str(": ");
            title.push_str(&phrase(rng, vocab, (2.0, 4.0, 7.0)));
        }
        if rng.chance(0.1) {
            title.push_str(&format!(
                " and the \"{}\"",
                capitalized(plain_word(rng, vocab))
            ));
        }
        let slug_words: Vec<String> = title
            .split_whitespace()
            .take(4)
            .map(ascii_slug)
            .filter(|w| !w.is_empty())
            .collect();
        let (event_date, as_of) = dates(rng);
        let id = format!("{}-{}-{i}", slug_words.join("-"), event_date.year)
            .trim_start_matches('-')
            .to_owned();

        let event = match self.pending_event.take() {
            Some(event) => Some(event),
            // A quarter of analyses share their event with another reading, as in the corpus.
            None if rng.chance(0.125) => {
                let event = format!("event-{id}");
                self.pending_event = Some(event.clone());
                Some(event)
            }
            None => None,
        };

        let lens = |rng: &mut Rng, k: usize| {
            rng.chance(shape.lens_presence)
                .then(|| prose(rng, vocab, shape.lenses[k], &names))
        };
        let mut lenses = Lenses {
            background: lens(rng, 0),
            perspective: lens(rng, 1),
            geopolitical: lens(rng, 2),
            cultural: lens(rng, 3),
            regional_impact: lens(rng, 4),
            outlook: lens(rng, 5),
            challenges: lens(rng, 6),
            other: Vec::new(),
        };
        if shape.lens_presence < 1.0 && lenses.sections().next().is_none() {
            lenses.background = Some(prose(rng, vocab, shape.lenses[0], &names));
        }

        let roles = actors
            .iter()
            .enumerate()
            .map(|(k, a)| ActorRole {
                actor: a.id.clone(),
                role: sentence_text(rng, vocab, shape.role, &names),
                interests: (0..rng.count(shape.interests))
                    .map(|_| sentence_text(rng, vocab, shape.interest, &[]))
                    .collect(),
                // The corpus marks about one role in two hundred as uncertain.
                uncertain: k == 0 && rng.chance(0.03),
                office: None,
            })
            .collect();

        let place_ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        let actor_ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
        let implications = (0..rng.count(shape.implications))
            .map(|k| {
                let channel = weighted_channel(rng);
                Implication {
                    id: format!("{}-{}", channel.as_str(), k + 1),
                    from: endpoints(rng, &place_ids, &actor_ids, (1, 2)),
                    to: endpoints(rng, &place_ids, &actor_ids, (1, 3)),
                    channel,
                    effect: sentence_text(rng, vocab, shape.effect, &names),
                    affected: sentence_text(rng, vocab, shape.affected, &[]),
                    horizon: *rng.pick(Horizon::ALL),
                    likelihood: *rng.pick(Likelihood::ALL),
                    confidence: *rng.pick(Confidence::ALL),
                    resolves_by: None,
                    outcome: None,
                }
            })
            .collect();

        Analysis {
            title,
            event_date,
            as_of,
            perspective: (*rng.pick(PERSPECTIVES)).to_owned(),
            event,
            places: place_ids.iter().map(|p| (*p).to_owned()).collect(),
            summary: prose(rng, vocab, shape.summary, &names),
            lenses,
            actors: roles,
            themes,
            implications,
            risks: (0..rng.count(shape.risks))
                .map(|_| sentence_text(rng, vocab, shape.risk, &names))
                .collect(),
            caveats: (0..rng.count(shape.caveats))
                .map(|_| sentence_text(rng, vocab, shape.caveat, &names))
                .collect(),
            event_date_basis: Default::default(),
            // check requires both of a finished analysis. Made without the generator, so that
            // adding them left every other generated value as it was.
            updated: Some(as_of),
            sources: synthetic_sources(i),
            id,
            draft: None,
        }
    }

    /// Prose of about `bytes` bytes in paragraphs of about a hundred words: a body far longer
    /// than any real lens, to measure how the detail pane copes.
    pub fn long_text(&mut self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 1024);
        while out.len() < bytes {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let para = prose(&mut self.rng, &self.vocab, (80.0, 100.0, 120.0), &[]);
            out.push_str(&para);
        }
        out
    }
}

/// How often the bundled analyses name each entity: the order of popularity.
struct Usage {
    places: HashMap<String, usize>,
    actors: HashMap<String, usize>,
    themes: HashMap<String, usize>,
}

impl Usage {
    fn of(data: &crate::data::Dataset) -> Usage {
        let mut u = Usage {
            places: HashMap::new(),
            actors: HashMap::new(),
            themes: HashMap::new(),
        };
        for a in &data.analyses {
            for p in &a.places {
                *u.places.entry(p.clone()).or_default() += 1;
            }
            for r in &a.actors {
                *u.actors.entry(r.actor.clone()).or_default() += 1;
            }
            for t in &a.themes {
                *u.themes.entry(t.clone()).or_default() += 1;
            }
        }
        u
    }

    /// Indexes of `items`, most used first; ties keep file order.
    fn ranked<T>(
        &self,
        items: &[T],
        id: impl Fn(&T) -> &String,
        counts: &HashMap<String, usize>,
    ) -> Vec<usize> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(counts.get(id(&items[i])).copied().unwrap_or(0)));
        order
    }
}

/// The two sources `check` requires of a finished analysis, kept short so that the profiles keep
/// their sizes; no addresses, since nothing here was ever published.
fn synthetic_sources(i: usize) -> Vec<Source> {
    const PUBLISHERS: [&str; 4] = ["Wire", "Gazette", "Ministry", "Institute"];
    (0..crate::data::model::MIN_SOURCES)
        .map(|k| Source {
            title: format!("Report {}", i * 2 + k),
            publisher: PUBLISHERS[(i + k) % PUBLISHERS.len()].to_owned(),
            url: None,
            date: None,
            supports: Vec::new(),
        })
        .collect()
}

fn weighted_channel(rng: &mut Rng) -> Channel {
    let total: u32 = CHANNELS.iter().map(|&(_, w)| w).sum();
    let mut at = rng.below(total as usize) as u32;
    for &(channel, w) in CHANNELS {
        if at < w {
            return channel;
        }
        at -= w;
    }
    Channel::Diplomacy
}

/// Mostly the analysis's own places and actors, as in the corpus; at least one place.
fn endpoints(rng: &mut Rng, places: &[&str], actors: &[&str], n_places: Count) -> Endpoints {
    let take = |rng: &mut Rng, pool: &[&str], n: usize| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for _ in 0..n.min(pool.len()) {
            let p = (*rng.pick(pool)).to_owned();
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    };
    let n = rng.count(n_places);
    let places = take(rng, places, n);
    let n = rng.below(3);
    Endpoints {
        places,
        actors: take(rng, actors, n),
    }
}

/// An event date between 1995 and 2025, one in twelve known only to the month, and an `as_of` up
/// to two months later.
fn dates(rng: &mut Rng) -> (PartialDate, PartialDate) {
    let year = 1995 + rng.below(31) as u16;
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    let event = PartialDate {
        year,
        month,
        day: (!rng.chance(1.0 / 12.0)).then_some(day),
    };
    let later = rng.below(3) as u8;
    let as_of = if later == 0 || month + later > 12 {
        PartialDate {
            year,
            month,
            day: Some(day + rng.below(29 - day as usize) as u8),
        }
    } else {
        PartialDate {
            year,
            month: month + later,
            day: Some(1 + rng.below(28) as u8),
        }
    };
    (event, as_of)
}

#[cfg(test)]
mod tests;
