//! Putting a draft together: each sentence placed, names resolved across the whole text, the
//! parts of an analysis filled from what was found, and every gap listed for a person to close.

use crate::data::date::PartialDate;
use crate::data::model::{
    Actor, ActorRole, Analysis, Draft, DraftSentence, LensConfidence, Lenses, MIN_SOURCES,
    NamedLens, PlaceKind, SentenceLens,
};

use super::actors::capitalise;
use super::decode::InputError;
use super::gazetteer::{Gazetteer, Mention, Ref, Via};
use super::input;
use super::sentences::{self, Token};
use super::{hedges, lenses, slug};

mod effects;
mod headline;
mod roles;

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
    // A "sentence" of punctuation alone is debris, not prose.
    split.retain(|s| s.text.chars().any(char::is_alphanumeric));
    // Furniture run into the last line of prose ("... world. Share this deep dive").
    while split.len() > 1 && split.last().is_some_and(|s| furniture_sentence(&s.text)) {
        split.pop();
    }
    if split.is_empty() {
        return Err(InputError::OnlyBoilerplate);
    }
    let texts: Vec<&str> = split.iter().map(|s| s.text.as_str()).collect();
    let headings: Vec<Option<&str>> = split
        .iter()
        .map(|s| cleaned.headings.get(s.paragraph).and_then(|h| h.as_deref()))
        .collect();
    let assigned = lenses::assign_under(&texts, &headings);
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
    let event_sentence = match cleaned.event_first {
        true => Some(0),
        false => b.event_sentence(),
    };
    let title = b.title(cleaned.heading.as_deref(), event_sentence);
    let (event_date, date_basis) = b.event_date(cleaned.date_line.as_deref(), event_sentence);
    let perspective = b.perspective(cleaned.perspective.as_deref());
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
    // A text copied from a page cites nothing a reader can check; a person adds the sources.
    b.need(
        "sources",
        &format!(
            "the text cites none; add at least {MIN_SOURCES} (title, publisher, url) that bear out its facts"
        ),
    );
    b.need(
        "updated",
        "set it to the day the review is finished, when the draft is published",
    );
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

impl Builder<'_> {
    fn need(&mut self, field: &str, message: &str) {
        self.review.push(format!("{field}: {message}"));
    }

    /// The perspective the text names, from its `Perspective:` line (`given`) or its prose.
    fn perspective(&mut self, given: Option<&str>) -> String {
        if let Some(name) = given.and_then(lenses::perspective_given) {
            return name;
        }
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
