//! Putting a draft together: each sentence placed, names resolved across the whole text, the
//! parts of an analysis filled from what was found, and every gap listed for a person to close.

use std::collections::BTreeMap;

use crate::data::date::PartialDate;
use crate::data::model::{
    Actor, ActorRole, Analysis, Channel, Confidence, DateBasis, Draft, DraftSentence, Endpoints,
    Horizon, Implication, LensConfidence, Lenses, Likelihood, NamedLens, PlaceKind, SentenceLens,
};

use super::actors::{self, Named, capitalise};
use super::gazetteer::{Gazetteer, Mention, Ref, Via};
use super::input::{self, InputError};
use super::sentences::{self, Token};
use super::{dates, hedges, implications, lenses, slug};

/// What an import is told from outside the text.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day of the import (for `draft.imported`, and `as_of` unless given).
    pub today: PartialDate,
    /// The day the text was written for, when the person importing knows it.
    pub as_of: Option<PartialDate>,
}

/// One text imported: the draft, the actors it proposes, and the counts its summary line gives.
#[derive(Debug, Clone)]
pub struct Imported {
    pub analysis: Analysis,
    pub new_actors: Vec<Actor>,
    pub report: Report,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Distinct lenses found (background, key actors, implications ... each counts once).
    pub lenses: usize,
    /// Sentences whose lens was guessed.
    pub guessed: usize,
    pub actors_matched: usize,
    pub actors_new: usize,
    pub places: usize,
    pub implications: usize,
    /// The fields a person must look at, each once, in the order of `draft.review`.
    pub needs: Vec<String>,
}

/// A sentence with what was found in it.
struct Read {
    text: String,
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
    lens: lenses::Assigned,
    hedges: Vec<hedges::Hedge>,
}

/// Imports one text (already decoded). `source` names where it came from.
pub fn import_text(
    text: &str,
    source: &str,
    g: &Gazetteer,
    opts: &Options,
) -> Result<Imported, InputError> {
    let cleaned = input::clean(text);
    let mut split = sentences::split(&cleaned.body);
    // Furniture run into the last line of prose ("... world. Share this deep dive").
    while split.len() > 1 && split.last().is_some_and(|s| furniture_sentence(&s.text)) {
        split.pop();
    }
    if split.is_empty() {
        return Err(InputError::OnlyBoilerplate);
    }
    let texts: Vec<&str> = split.iter().map(|s| s.text.as_str()).collect();
    let assigned = lenses::assign(&texts);
    let mut read: Vec<Read> = split
        .iter()
        .zip(assigned)
        .map(|(s, lens)| {
            let tokens = sentences::tokens(&s.text);
            Read {
                mentions: g.scan(&tokens),
                hedges: hedges::find(&s.text),
                text: s.text.clone(),
                tokens,
                lens,
            }
        })
        .collect();
    resolve_ambiguous(&mut read, g);
    let mut b = Builder {
        g,
        read: &read,
        review: Vec::new(),
    };
    let event_sentence = b.event_sentence();
    let title = b.title(cleaned.heading.as_deref(), event_sentence);
    let (event_date, date_basis) = b.event_date(cleaned.date_line.as_deref(), event_sentence);
    let perspective = b.perspective();
    let primary = b.primary_places(event_sentence);
    let primary_country = primary
        .iter()
        .find(|p| {
            g.places
                .get(*p)
                .is_some_and(|i| i.kind == PlaceKind::Country)
        })
        .cloned();
    let (roles, new_actors) = b.actors(source, primary_country.as_deref());
    let places = b.places();
    // An event whose sentence names no place of its own starts where its key actors are.
    let primary = if primary.is_empty() {
        let mut countries: Vec<String> = Vec::new();
        for r in &roles {
            let c = g
                .actors
                .get(&r.actor)
                .and_then(|a| a.country.clone())
                .or_else(|| {
                    new_actors
                        .iter()
                        .find(|a| a.id == r.actor)
                        .and_then(|a| a.country.clone())
                });
            if let Some(c) = c
                && !countries.contains(&c)
            {
                countries.push(c);
            }
        }
        countries
    } else {
        primary
    };
    let implications = b.implications(&primary, &places);
    let lenses = b.lenses();
    let summary = b.summary(event_sentence);
    let risks = b.risks();
    let caveats = b.caveats(&roles);
    let themes = g.themes_in(&read.iter().map(|r| r.tokens.clone()).collect::<Vec<_>>());
    if themes.is_empty() {
        b.need(
            "themes",
            "none of the dataset's themes is named in the text; add some",
        );
    } else {
        b.need("themes", "matched by name only; check them and add others");
    }
    let as_of = match opts.as_of {
        Some(d) => d,
        None => {
            b.need(
                "as_of",
                "set to the day of the import; make it the day the text was written for",
            );
            opts.today
        }
    };
    let as_of = if event_date.is_known() && as_of.latest_day() < event_date.earliest_day() {
        b.need("as_of", "was before the event; set to the event's last day");
        let (y, m, d) = event_date.latest_day();
        PartialDate {
            year: y,
            month: m,
            day: Some(d),
        }
    } else {
        as_of
    };
    let mut unknown = b.unknown_names(&perspective);
    unknown.retain(|n| !new_actors.iter().any(|a| a.name == *n));
    if !unknown.is_empty() {
        b.need(
            "actors",
            &format!(
                "names not in the dataset and not taken as actors: {}",
                unknown.join(", ")
            ),
        );
    }
    let sentences_out: Vec<DraftSentence> = read
        .iter()
        .map(|r| {
            let hedges: Vec<String> = r.hedges.iter().map(|h| h.phrase.to_owned()).collect();
            DraftSentence {
                text: r.text.clone(),
                lens: r.lens.lens,
                title: r.lens.title.clone(),
                lens_confidence: r.lens.confidence,
                why: r.lens.why.clone(),
                uncertain: !hedges.is_empty(),
                hedges,
            }
        })
        .collect();
    let mut review = b.review;
    let guessed = read
        .iter()
        .filter(|r| r.lens.confidence == LensConfidence::Guessed)
        .count();
    if guessed > 0 {
        review.insert(
            0,
            format!(
                "lenses: {guessed} sentence{} placed without a cue (see draft.sentences)",
                if guessed == 1 { "" } else { "s" }
            ),
        );
    }
    let mut distinct: Vec<(SentenceLens, Option<String>)> = Vec::new();
    for r in &read {
        let key = (r.lens.lens, r.lens.title.clone());
        if r.lens.lens != SentenceLens::Summary && !distinct.contains(&key) {
            distinct.push(key);
        }
    }
    let mut needs: Vec<String> = Vec::new();
    for line in &review {
        let field = line.split(':').next().unwrap_or("").to_owned();
        if !needs.contains(&field) {
            needs.push(field);
        }
    }
    let report = Report {
        lenses: distinct.len(),
        guessed,
        actors_matched: roles.len() - new_actors.len(),
        actors_new: new_actors.len(),
        places: places.len(),
        implications: implications.len(),
        needs,
    };
    let analysis = Analysis {
        id: slug(&title.replace(['\'', '’'], ""), 6),
        title,
        event_date,
        as_of,
        perspective,
        event: None,
        places,
        summary,
        lenses,
        actors: roles,
        themes,
        implications,
        risks,
        caveats,
        event_date_basis: date_basis,
        updated: None,
        sources: Vec::new(),
        draft: Some(Box::new(Draft {
            source: source.to_owned(),
            imported: opts.today,
            source_text: text.to_owned(),
            sentences: sentences_out,
            review,
        })),
    };
    Ok(Imported {
        analysis,
        new_actors,
        report,
    })
}

/// The items of "challenges like A, B and C may ...", each as a short phrase.
fn risk_items(sentence: &str) -> Vec<String> {
    let lower = sentence.to_ascii_lowercase();
    let Some((at, len)) = [
        " like ",
        " such as ",
        " including ",
        " include ",
        " includes ",
    ]
    .iter()
    .filter_map(|k| lower.find(k).map(|i| (i, k.len())))
    .min_by_key(|x| x.0) else {
        return Vec::new();
    };
    let list = &sentence[at + len..];
    let lower_list = &lower[at + len..];
    // The list ends where the sentence's verb begins.
    let end = [
        "may",
        "could",
        "might",
        "will",
        "would",
        "remain",
        "remains",
        "threaten",
        "threatens",
        "temper",
        "tempers",
        "weigh",
        "weighs",
        "pose",
        "poses",
        "persist",
        "persists",
        "loom",
        "looms",
        "hamper",
        "hampers",
        "complicate",
        "complicates",
        "undermine",
        "undermines",
        "risk",
        "can",
        "cast",
        "casts",
        "cloud",
        "clouds",
        "slow",
        "limit",
        "limits",
        "deter",
        "constrain",
        "constrains",
        "stand",
        "stands",
        "are",
        "is",
    ]
    .iter()
    .filter_map(|k| {
        lower_list
            .match_indices(k)
            .find(|(i, _)| {
                lower_list[..*i].ends_with(' ')
                    && lower_list[i + k.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|(i, _)| i - 1)
    })
    .min()
    .unwrap_or(list.len());
    let list = list[..end].trim().trim_end_matches(['.', ',', ';']);
    let mut items: Vec<String> = Vec::new();
    let pieces = list
        .split(", and ")
        .flat_map(|x| x.split(", "))
        .flat_map(|x| x.split("; "))
        .flat_map(|x| x.split(" and the "));
    for piece in pieces {
        let piece = piece
            .trim()
            .trim_start_matches("and ")
            .trim_start_matches("or ");
        let relative = [" that ", " which ", " who "]
            .iter()
            .any(|r| piece.contains(r));
        // A relative clause may hold an "and" of its own; a plain list of nouns may not.
        let parts: Vec<&str> = if relative {
            vec![piece]
        } else {
            piece.split(" and ").flat_map(|x| x.split(" or ")).collect()
        };
        for part in parts {
            let part = part.trim();
            if !part.is_empty() && part.split_whitespace().count() <= 16 {
                items.push(capitalise(part));
            }
        }
    }
    items
}

fn furniture_sentence(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "share this",
        "if you found this",
        "subscribe to",
        "sign up for",
        "follow us",
    ]
    .iter()
    .any(|f| lower.starts_with(f))
}

/// A name that may point at several places ("Brussels": the EU or Belgium) is settled by the
/// rest of the text: a place it names plainly elsewhere wins; else a bloc or region before a
/// country, since the capital of a bloc stands for the bloc.
fn resolve_ambiguous(read: &mut [Read], g: &Gazetteer) {
    let plain: Vec<String> = read
        .iter()
        .flat_map(|r| &r.mentions)
        .filter(|m| m.places().count() == 1)
        .flat_map(|m| m.places().map(str::to_owned))
        .collect();
    let rank = |id: &str| {
        g.places.get(id).map_or((9, usize::MAX), |p| {
            let kind = match p.kind {
                PlaceKind::Bloc => 0,
                PlaceKind::Region => 1,
                PlaceKind::Waterway => 2,
                PlaceKind::Country => 3,
            };
            (kind, p.order)
        })
    };
    for r in read.iter_mut() {
        for m in &mut r.mentions {
            if m.places().count() < 2 {
                continue;
            }
            let places: Vec<String> = m.places().map(str::to_owned).collect();
            let keep = places
                .iter()
                .find(|p| plain.contains(p))
                .cloned()
                .unwrap_or_else(|| {
                    places
                        .iter()
                        .min_by_key(|p| rank(p))
                        .cloned()
                        .unwrap_or_default()
                });
            m.refs
                .retain(|(x, _)| !matches!(x, Ref::Place(p) if *p != keep));
        }
    }
}

struct Builder<'a> {
    g: &'a Gazetteer,
    read: &'a [Read],
    review: Vec<String>,
}

/// Nouns of events that a title can be made from: "The meeting between ...".
const EVENT_NOUNS: &[&str] = &[
    "meeting",
    "meetings",
    "visit",
    "summit",
    "talks",
    "agreement",
    "deal",
    "signing",
    "election",
    "elections",
    "vote",
    "referendum",
    "coup",
    "attack",
    "attacks",
    "invasion",
    "offensive",
    "decision",
    "announcement",
    "launch",
    "protests",
    "crackdown",
    "sanctions",
    "ceasefire",
    "truce",
    "accord",
    "treaty",
    "pact",
    "conference",
    "forum",
    "dialogue",
    "negotiations",
    "ruling",
    "crisis",
    "default",
    "devaluation",
    "blockade",
    "strike",
    "strikes",
    "explosion",
    "earthquake",
    "floods",
    "war",
    "handover",
    "withdrawal",
    "expansion",
    "accession",
    "partnership",
    "memorandum",
    "initiative",
    "reform",
    "law",
    "ban",
    "tariffs",
    "cut",
    "merger",
    "acquisition",
    "contract",
    "inauguration",
    "assassination",
    "resignation",
    "collapse",
    "takeover",
    "seizure",
    "fall",
    "arrest",
    "shutdown",
    "suspension",
    "closure",
    "opening",
    "entry",
    "exit",
    "bid",
    "sale",
    "purchase",
    "launching",
    "admission",
    "decree",
    "vote",
];

/// Words that end an event's noun phrase: the main verb follows.
const PHRASE_ENDS: &[&str] = &[
    "that",
    "which",
    "who",
    "under",
    "fits",
    "marks",
    "is",
    "was",
    "are",
    "were",
    "comes",
    "came",
    "represents",
    "signals",
    "underscores",
    "highlights",
    "reflects",
    "follows",
    "followed",
    "has",
    "have",
    "had",
    "will",
    "could",
    "may",
    "might",
    "shows",
    "demonstrates",
    "illustrates",
    "points",
    "sends",
    "adds",
    "opens",
    "raises",
    "took",
    "takes",
    "saw",
    "sees",
    "brought",
    "brings",
    "builds",
    "forms",
    "belongs",
    "signifies",
    "suggests",
    "puts",
    "sets",
    "offers",
    "ended",
    "ends",
    "began",
    "begins",
    "left",
    "leaves",
    "caps",
    "reshapes",
    "exposed",
    "exposes",
    "tests",
    "deepens",
];

impl Builder<'_> {
    fn need(&mut self, field: &str, message: &str) {
        self.review.push(format!("{field}: {message}"));
    }

    /// The sentence that says what happened: the first whose subject is an event ("The meeting
    /// between ..."), else the first dated one near the top, else none (the first is used).
    fn event_sentence(&self) -> Option<usize> {
        self.read
            .iter()
            .take(3)
            .position(|r| event_phrase(&r.tokens, &r.text).is_some())
            .or_else(|| {
                self.read
                    .iter()
                    .take(3)
                    .position(|r| !dates::find_dates(&r.text).is_empty())
            })
    }

    fn title(&mut self, heading: Option<&str>, event: Option<usize>) -> String {
        if let Some(h) = heading {
            self.need("title", "the text's own heading; check it");
            return h.to_owned();
        }
        let i = event.unwrap_or(0);
        let r = &self.read[i];
        if let Some(phrase) = event_phrase(&r.tokens, &r.text) {
            // The first sentence's subject leads, when the event phrase does not name it.
            let first = &self.read[0];
            let subject = first
                .mentions
                .first()
                .filter(|m| m.first <= 1)
                .map(|m| &first.text[m.start_byte..m.end_byte]);
            let title = match subject {
                Some(s) if !phrase.contains(s) => format!("{s}: {}", lower_first(&phrase)),
                _ => phrase,
            };
            self.need(
                "title",
                &format!("proposed from sentence {} (the event); check it", i + 1),
            );
            return title;
        }
        let title = main_clause(&r.text);
        self.need(
            "title",
            &format!("the main clause of sentence {}; make it a headline", i + 1),
        );
        title
    }

    fn event_date(
        &mut self,
        date_line: Option<&str>,
        event: Option<usize>,
    ) -> (PartialDate, DateBasis) {
        if let Some(line) = date_line
            && let Some(d) = dates::find_dates(line).first()
        {
            self.need(
                "event_date",
                &format!(
                    "from the line {line:?} above the text, which may be the publication date"
                ),
            );
            return (d.date, DateBasis::Stated);
        }
        let in_event = event.and_then(|i| dates::find_dates(&self.read[i].text).first().copied());
        let all: Vec<dates::FoundDate> = self
            .read
            .iter()
            .flat_map(|r| dates::find_dates(&r.text))
            .collect();
        let chosen = in_event.or_else(|| all.first().copied());
        match chosen {
            Some(d) => {
                let mut distinct: Vec<String> = all.iter().map(|x| x.date.to_string()).collect();
                distinct.dedup();
                if distinct.len() > 1 {
                    self.need(
                        "event_date",
                        &format!(
                            "the text gives several dates ({}); {} was taken",
                            distinct.join(", "),
                            d.date
                        ),
                    );
                }
                (d.date, DateBasis::Stated)
            }
            None => {
                let years: Vec<String> = self
                    .read
                    .iter()
                    .flat_map(|r| dates::find_years(&r.text))
                    .map(|y| y.to_string())
                    .collect();
                let message = if years.is_empty() {
                    "the text gives no date; left empty, to be set from a source".to_owned()
                } else {
                    format!(
                        "the text gives no day or month (only the years {}); left empty, to be set from a source",
                        years.join(", ")
                    )
                };
                self.need("event_date", &message);
                (PartialDate::UNDATED, DateBasis::Stated)
            }
        }
    }

    fn perspective(&mut self) -> String {
        let by_lens = self
            .read
            .iter()
            .filter(|r| r.lens.lens == SentenceLens::Perspective)
            .chain(self.read.iter())
            .find_map(|r| lenses::perspective_name(&r.text));
        match by_lens {
            Some(name) => name,
            None => {
                self.need("perspective", "the text does not name its perspective");
                String::new()
            }
        }
    }

    /// The places of the event itself: the first sentence's subject, and those its event
    /// sentence names (with the countries of the actors it names).
    fn primary_places(&self, event: Option<usize>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let first = &self.read[0].mentions;
        let r0 = &self.read[0];
        if let Some(subject) = first.iter().find(|m| m.first <= 2)
            && !venue(r0, subject)
        {
            self.take_places(subject, &mut out);
        }
        match event {
            Some(i) => {
                let r = &self.read[i];
                for m in &r.mentions {
                    if !venue(r, m) {
                        self.take_places(m, &mut out);
                    }
                }
            }
            None => {
                if out.is_empty()
                    && let Some(m) = first.first()
                {
                    self.take_places(m, &mut out);
                }
            }
        }
        out
    }

    /// The places a mention names, and the countries of the actors it names.
    fn take_places(&self, m: &Mention, out: &mut Vec<String>) {
        let places = m.places().map(str::to_owned);
        let countries = m
            .actors()
            .filter_map(|(a, _)| self.g.actors.get(a)?.country.clone());
        for p in places.chain(countries) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }

    /// Every place the text names, in order of first mention; a government named by its
    /// country's adjective ("the Kazakh government") names the country too.
    fn places(&mut self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.read {
            for m in &r.mentions {
                for p in m.places() {
                    if !out.iter().any(|x| x == p) {
                        out.push(p.to_owned());
                    }
                }
                for (a, _) in m.actors() {
                    if let Some(info) = self.g.actors.get(a)
                        && info.kind == crate::data::model::ActorKind::Government
                        && let Some(c) = &info.country
                        && !out.contains(c)
                    {
                        out.push(c.clone());
                    }
                }
            }
        }
        if out.is_empty() {
            self.need(
                "places",
                "the text names no place the dataset knows; add them",
            );
        } else {
            self.need(
                "places",
                "every place the text names, in order; keep those the event concerns",
            );
        }
        out
    }

    /// The key actors (from the key-actors sentences), then people named with a title and
    /// actors named outright elsewhere. Unknown names become proposed actors.
    fn actors(&mut self, source: &str, primary: Option<&str>) -> (Vec<ActorRole>, Vec<Actor>) {
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
    fn country_named_with(&self, name: &str) -> Option<String> {
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

    fn fresh_actor_id(&self, name: &str, pending: &[Actor]) -> String {
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

    fn implications(&mut self, primary: &[String], all_places: &[String]) -> Vec<Implication> {
        let mut out: Vec<Implication> = Vec::new();
        for (si, r) in self.read.iter().enumerate() {
            if r.lens.lens != SentenceLens::Implications || r.lens.confidence != LensConfidence::Cue
            {
                continue;
            }
            let parts = implications::parts(&r.text);
            let scan = |text: Option<&str>| -> Vec<Mention> {
                text.map(|t| {
                    let mut ms = self.g.scan(&sentences::tokens(t));
                    // Settle ambiguity as the whole text did.
                    for m in &mut ms {
                        if m.places().count() > 1 {
                            let keep: Option<String> = m
                                .places()
                                .find(|p| all_places.iter().any(|x| x == p))
                                .map(str::to_owned);
                            if let Some(keep) = keep {
                                m.refs
                                    .retain(|(x, _)| !matches!(x, Ref::Place(p) if *p != keep));
                            }
                        }
                    }
                    ms
                })
                .unwrap_or_default()
            };
            // Who bears it, without a trailing clause: "Norway and Sweden as they coordinate
            // defence with Helsinki" reaches Norway and Sweden, not Finland.
            let bearer = parts.affected.map(|a| {
                let lower = a.to_ascii_lowercase();
                let cut = [
                    " as ", " who ", " which ", " that ", " while ", " when ", " where ",
                ]
                .iter()
                .filter_map(|c| lower.find(c))
                .min()
                .unwrap_or(a.len());
                &a[..cut]
            });
            let (target, how, who) = (scan(parts.target), scan(parts.mechanism), scan(bearer));
            let index = out.len();
            let path = format!("implications[{index}]");
            let mut to = Endpoints::default();
            if parts.target.is_some() {
                for m in target.iter().chain(&who) {
                    push_ends(&mut to, m);
                }
            } else {
                // No "extend to": whatever the sentence names beyond the event's own places.
                for m in &r.mentions {
                    push_ends(&mut to, m);
                }
                to.places.retain(|p| !primary.contains(p));
                self.need(&path, "the sentence does not say where the effect reaches (\"extend to ...\"); check both ends");
            }
            let mut from = Endpoints::default();
            for p in primary {
                if !to.places.contains(p) {
                    from.places.push(p.clone());
                }
            }
            for m in &how {
                for p in m.places() {
                    if !to.places.iter().any(|x| x == p) && !from.places.iter().any(|x| x == p) {
                        from.places.push(p.to_owned());
                    }
                }
            }
            // Nothing left once what it reaches is taken out: it starts where the event is.
            if from.is_empty() {
                from.places = primary.to_vec();
            }
            if from.is_empty()
                && let Some(p) = all_places.iter().find(|p| !to.places.contains(p))
            {
                from.places.push(p.clone());
            }
            self.need(
                &format!("{path}.from"),
                "taken from the places of the event and of how it travels; check it",
            );
            if to.is_empty() || from.is_empty() {
                self.need(
                    "implications",
                    &format!(
                        "sentence {} reads as an implication but names no place or actor at {} end; add it by hand",
                        si + 1,
                        if to.is_empty() { "its receiving" } else { "its starting" }
                    ),
                );
                continue;
            }
            let channel = match implications::channel(&parts, &r.text) {
                Some((c, _)) => c,
                None => {
                    self.need(
                        &format!("{path}.channel"),
                        "no word names a channel; set it",
                    );
                    Channel::Diplomacy
                }
            };
            let clause = parts.mechanism.unwrap_or(&r.text);
            let likelihood =
                match hedges::likelihood(clause).or_else(|| hedges::likelihood(&r.text)) {
                    Some((l, _)) => l,
                    None => {
                        self.need(
                            &format!("{path}.likelihood"),
                            "the text states it without a hedge; set to likely, check it",
                        );
                        Likelihood::Likely
                    }
                };
            let horizon = match hedges::horizon(&r.text) {
                Some((h, _)) => h,
                None => {
                    self.need(
                        &format!("{path}.horizon"),
                        "the text gives no time frame; set to medium, check it",
                    );
                    Horizon::Medium
                }
            };
            self.need(
                &format!("{path}.confidence"),
                "set to low, as for anything not yet checked against sources",
            );
            let effect = match parts.mechanism {
                Some(m) => sentence_case(m),
                None => r.text.clone(),
            };
            let affected = parts
                .affected
                .or(parts.target)
                .map(capitalise)
                .unwrap_or_else(|| "Not stated in the text".to_owned());
            let mut id = slug(parts.target.unwrap_or(channel.as_str()), 4);
            if out.iter().any(|x| x.id == id) {
                id = format!("{id}-{}", index + 1);
            }
            out.push(Implication {
                id,
                from,
                to,
                channel,
                effect,
                affected,
                horizon,
                likelihood,
                confidence: Confidence::Low,
                resolves_by: None,
                outcome: None,
            });
        }
        out
    }

    fn lenses(&mut self) -> Lenses {
        let mut l = Lenses::default();
        let mut other: Vec<NamedLens> = Vec::new();
        for r in self.read {
            let slot = match r.lens.lens {
                SentenceLens::Background => &mut l.background,
                SentenceLens::Perspective => &mut l.perspective,
                SentenceLens::Geopolitical => &mut l.geopolitical,
                SentenceLens::Cultural => &mut l.cultural,
                SentenceLens::RegionalImpact => &mut l.regional_impact,
                SentenceLens::Outlook => &mut l.outlook,
                SentenceLens::Challenges => &mut l.challenges,
                SentenceLens::Other => {
                    let title = r.lens.title.clone().unwrap_or_else(|| "Other".to_owned());
                    match other.iter_mut().find(|o| o.title == title) {
                        Some(o) => {
                            o.text.push(' ');
                            o.text.push_str(&r.text);
                        }
                        None => other.push(NamedLens {
                            title,
                            text: r.text.clone(),
                        }),
                    }
                    continue;
                }
                SentenceLens::Actors | SentenceLens::Implications | SentenceLens::Summary => {
                    continue;
                }
            };
            match slot {
                Some(t) => {
                    t.push(' ');
                    t.push_str(&r.text);
                }
                None => *slot = Some(r.text.clone()),
            }
        }
        l.other = other;
        l
    }

    fn summary(&mut self, event: Option<usize>) -> String {
        let mut parts: Vec<&str> = Vec::new();
        let lead = event.unwrap_or(0);
        parts.push(&self.read[lead].text);
        for r in self.read {
            if r.lens.lens == SentenceLens::Summary && !parts.contains(&r.text.as_str()) {
                parts.push(&r.text);
            }
        }
        self.need(
            "summary",
            "assembled from the text's event sentence and its closing; rewrite it as a summary",
        );
        parts.join(" ")
    }

    /// "challenges like corruption perceptions and geopolitical tensions may temper ..." gives
    /// the risks "Corruption perceptions" and "Geopolitical tensions".
    fn risks(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self
            .read
            .iter()
            .filter(|r| r.lens.lens == SentenceLens::Challenges)
        {
            for item in risk_items(&r.text) {
                if !out.contains(&item) {
                    out.push(item);
                }
            }
        }
        out
    }

    fn caveats(&self, roles: &[ActorRole]) -> Vec<String> {
        let mut out = Vec::new();
        for role in roles.iter().filter(|r| r.uncertain) {
            let name = self
                .g
                .actors
                .get(&role.actor)
                .map_or(role.actor.as_str(), |a| a.name.as_str());
            out.push(format!(
                "The imported text hedges its naming of {name}; whether they held the role at the time is not settled by the text."
            ));
        }
        out
    }

    /// Capitalised words not sentence-initial that matched nothing and went nowhere: worth a look.
    fn unknown_names(&self, perspective: &str) -> Vec<String> {
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

/// "the background", "the Humanitarian lens": where a sentence went, for a role.
fn lens_words(a: &lenses::Assigned) -> String {
    match &a.title {
        Some(t) => t.clone(),
        None => a.lens.words().to_owned(),
    }
}

/// "announced in Beijing", "meeting in Vienna": a city where the event took place, not a party
/// to it.
fn venue(r: &Read, m: &Mention) -> bool {
    m.first > 0
        && matches!(r.tokens[m.first - 1].text.as_str(), "in" | "at")
        && m.refs.iter().all(|(_, via)| *via != Via::Name)
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
    const WORDS: &[&str] = &[
        "I",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "The",
        "This",
        "These",
        "A",
        "An",
    ];
    WORDS.contains(&word)
}

fn push_ends(ends: &mut Endpoints, m: &Mention) {
    let mut placed = false;
    for p in m.places() {
        placed = true;
        if !ends.places.iter().any(|x| x == p) {
            ends.places.push(p.to_owned());
        }
    }
    if !placed {
        for (a, _) in m.actors() {
            if !ends.actors.iter().any(|x| x == a) {
                ends.actors.push(a.to_owned());
            }
            break;
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn sentence_case(clause: &str) -> String {
    let mut s = capitalise(clause);
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// "The meeting between Kazakhstan's Foreign Minister and the British business community": the
/// sentence's subject, when it is an event: a determiner (after at most a leading phrase set off
/// by a comma), at most three words, an event noun, a preposition, and the words up to the verb.
fn event_phrase(tokens: &[Token], text: &str) -> Option<String> {
    let lower: Vec<String> = tokens.iter().map(|t| t.text.to_lowercase()).collect();
    // The subject starts the sentence, or follows "In July 2022," and the like.
    let lead_end = tokens
        .iter()
        .take(6)
        .position(|t| t.break_after)
        .map_or(0, |k| k + 1);
    for i in [0, lead_end] {
        let Some(w) = lower.get(i) else { continue };
        if !matches!(w.as_str(), "the" | "this" | "a" | "an") {
            continue;
        }
        let Some(noun) =
            (i + 1..(i + 5).min(tokens.len())).find(|&k| EVENT_NOUNS.contains(&lower[k].as_str()))
        else {
            continue;
        };
        // Only adjectives between: no break, no verb.
        if tokens[i..noun].iter().any(|t| t.break_after) {
            continue;
        }
        let Some(prep) = lower.get(noun + 1) else {
            continue;
        };
        if !matches!(
            prep.as_str(),
            "between"
                | "of"
                | "in"
                | "by"
                | "at"
                | "with"
                | "on"
                | "to"
                | "from"
                | "for"
                | "over"
                | "against"
        ) {
            continue;
        }
        let mut end = noun + 1;
        while end < tokens.len() && end - i < 16 && !PHRASE_ENDS.contains(&lower[end].as_str()) {
            let stop = tokens[end].break_after;
            end += 1;
            if stop {
                break;
            }
        }
        if end - noun < 3 {
            continue;
        }
        let phrase = &text[tokens[i].start..tokens[end - 1].end];
        let phrase = phrase.trim_end_matches([',', ';', ':']);
        return Some(match lower[i].as_str() {
            "the" | "this" => format!("The{}", &phrase[tokens[i].text.len()..]),
            _ => capitalise(phrase),
        });
    }
    None
}

/// A sentence cut to its main clause for a title: a leading "On 26 July 2023," dropped, and the
/// rest ended before a relative or trailing clause ("..., becoming", "under which").
fn main_clause(sentence: &str) -> String {
    let mut text = sentence.trim().trim_end_matches(['.', '!', '?']);
    if let Some(comma) = text.find(", ")
        && comma < 40
        && !dates::find_dates(&text[..comma]).is_empty()
    {
        text = &text[comma + 2..];
    }
    let lower = text.to_ascii_lowercase();
    let cut = [
        ", which",
        ", who",
        ", becoming",
        ", making",
        ", ending",
        ", beginning",
        ", and ",
        ", a ",
        ", the ",
        " under which",
        " in which",
        " that ",
        " in an ",
        " after ",
        ", as ",
        ", while",
        "; ",
        " — ",
        " so that",
    ]
    .iter()
    .filter_map(|c| lower.find(c))
    .filter(|&i| text[..i].split_whitespace().count() >= 5)
    .min()
    .unwrap_or(text.len());
    let words: Vec<&str> = text[..cut].split_whitespace().collect();
    let mut title = capitalise(&words[..words.len().min(16)].join(" "));
    title = title.trim_end_matches([',', ';', ':']).to_owned();
    if words.len() > 16 {
        title.push('…');
    }
    title
}
