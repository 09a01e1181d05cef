//! Key actors: the list a deep dive gives after "Key actors include", split into actors with the
//! role and interests written beside each ("the Kazakh government, led by Foreign Minister Murat
//! Nurtleu (assuming current holder), pursuing economic diversification"), and people named with
//! a title anywhere ("President Kassym-Jomart Tokayev").

use crate::data::model::ActorKind;

use super::gazetteer::{Gazetteer, Mention, Ref, Via};
use super::hedges;
use super::sentences::tokens;

/// An actor as the text presents it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Named {
    /// The words that name it, as written ("the Kazakh government").
    pub surface: String,
    /// The dataset's actor, when the name is known.
    pub actor: Option<String>,
    /// What a new actor would be, when the name is not known.
    pub proposal: Option<Proposal>,
    pub role: Option<String>,
    pub interests: Vec<String>,
    /// The hedge that makes it uncertain ("assuming current holder").
    pub hedge: Option<String>,
    /// The list item it was read from, for the record.
    pub item: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
}

/// Openings of a phrase that says what an actor wants; the phrase after it is the interest.
const INTEREST_LEADS: &[&str] = &[
    "pursuing",
    "seeking",
    "interested in",
    "keen on",
    "keen to",
    "eager to",
    "eager for",
    "aiming to",
    "aiming for",
    "aiming at",
    "hoping to",
    "hoping for",
    "looking to",
    "looking for",
    "wanting",
    "focused on",
    "focusing on",
    "intent on",
    "determined to",
    "eyeing",
    "pushing for",
    "striving for",
    "vying for",
    "bent on",
    "anxious to",
    "wary of",
    "concerned about",
    "worried about",
    "motivated by",
    "driven by",
    "who seek",
    "who seeks",
    "which seek",
    "which seeks",
    "who want",
    "who wants",
    "which want",
    "which wants",
    "with an interest in",
    "with interests in",
    "in pursuit of",
    "courting",
    "protecting",
    "defending",
    "safeguarding",
    "preserving",
    "securing",
    "promoting",
    "prioritising",
    "prioritizing",
    "aspiring to",
    "hungry for",
    "intent upon",
    "keen for",
];

/// Openings of a phrase that names another actor inside an item, and how to say its role.
const NESTED_LEADS: &[(&str, &str)] = &[
    ("led by", "leads"),
    ("headed by", "heads"),
    ("chaired by", "chairs"),
    ("fronted by", "fronts"),
    ("represented by", "represents"),
    ("under", "leads"),
    ("including", "part of"),
    ("notably", "part of"),
];

/// Openings of a phrase that says what an actor does.
const ROLE_LEADS: &[&str] = &[
    "as ",
    "acting as",
    "serving as",
    "which ",
    "who ",
    "whose ",
    "responsible for",
    "tasked with",
    "in charge of",
    "hosting",
    "brokering",
    "mediating",
    "backing",
    "funding",
    "supplying",
    "opposing",
    "representing",
];

/// Words of a title before a person's name.
const TITLE_WORDS: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Foreign",
    "Deputy",
    "Secretary",
    "General",
    "Chancellor",
    "King",
    "Queen",
    "Crown",
    "Prince",
    "Princess",
    "Emir",
    "Sheikh",
    "Sultan",
    "Ambassador",
    "Commissioner",
    "Governor",
    "Mayor",
    "Senator",
    "Speaker",
    "Chairman",
    "Chair",
    "Chairwoman",
    "CEO",
    "Chief",
    "Executive",
    "Defence",
    "Defense",
    "Finance",
    "Economy",
    "Trade",
    "Interior",
    "Energy",
    "State",
    "Supreme",
    "Leader",
    "Head",
    "Director",
    "Envoy",
    "Special",
    "High",
    "Representative",
    "Commander",
    "Colonel",
    "Lieutenant",
    "Admiral",
    "Marshal",
    "Field",
    "Premier",
    "Opposition",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Lord",
    "Lady",
    "Sir",
    "Dame",
    "Ayatollah",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Patriarch",
    "Economic",
    "Affairs",
    "External",
    "Justice",
    "Agriculture",
    "Transport",
    "Industry",
    "Investment",
    "Mining",
    "Labour",
    "Labor",
    "Health",
    "Education",
    "Culture",
    "Environment",
    "Climate",
    "Digital",
    "Army",
    "Chief-of-Staff",
    "Gen",
    "Sen",
    "Rep",
    "Gov",
    "Crown-Prince",
    "Senior",
    "First",
];

pub(crate) fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&word.trim_end_matches('.'))
}

/// Nouns that make an unknown head a group of people or firms, not an organization.
const GROUP_NOUNS: &[&str] = &[
    "firms",
    "companies",
    "business",
    "businesses",
    "investors",
    "community",
    "workers",
    "migrants",
    "farmers",
    "protesters",
    "consumers",
    "exporters",
    "importers",
    "producers",
    "citizens",
    "diaspora",
    "refugees",
    "traders",
    "banks",
    "lenders",
    "creditors",
    "voters",
    "families",
    "households",
    "students",
    "communities",
    "elites",
    "oligarchs",
    "officials",
    "shippers",
    "insurers",
    "manufacturers",
    "miners",
    "residents",
    "civilians",
    "activists",
];

/// Capitalised words that end a title but are no one's name ("General Assembly").
const NOT_NAMES: &[&str] = &[
    "Assembly",
    "Council",
    "Committee",
    "Union",
    "Bank",
    "Fund",
    "Ministry",
    "Office",
    "Department",
    "Forces",
    "Party",
    "Court",
    "Commission",
    "Staff",
    "Affairs",
    "Secretariat",
    "Agency",
    "Authority",
    "Board",
    "Service",
    "Services",
    "Guard",
    "Corps",
    "Command",
];

const ARMED_NOUNS: &[&str] = &[
    "rebels",
    "militia",
    "militias",
    "insurgents",
    "fighters",
    "militants",
    "paramilitaries",
    "guerrillas",
    "jihadists",
    "forces",
];

const COMPANY_SUFFIXES: &[&str] = &[
    "Inc",
    "Ltd",
    "plc",
    "PLC",
    "Corp",
    "Corporation",
    "Company",
    "Group",
    "Holding",
    "Holdings",
    "Petroleum",
    "Oil",
    "Gas",
    "Mining",
    "Motors",
    "Airlines",
    "Energy",
    "Resources",
    "AG",
    "SA",
    "GmbH",
    "LLC",
];

const GOVERNMENT_NOUNS: &[&str] = &[
    "government",
    "authorities",
    "administration",
    "ministry",
    "cabinet",
    "leadership",
    "junta",
    "regime",
    "state",
];

/// The list after a key-actors cue, read into actors. `g` resolves names; `primary` is the
/// text's main country, for a government named only as "the junta" or "the government".
pub fn key_actors(sentence: &str, g: &Gazetteer, primary: Option<&str>) -> Vec<Named> {
    let list = list_after_cue(sentence);
    let chunks = split_top_level(list);
    let mut out: Vec<Named> = Vec::new();
    // Items that a modifier applies to: the last head, or the last few when joined by "and".
    let mut current: Vec<usize> = Vec::new();
    for chunk in chunks {
        let chunk = strip_joiner(chunk.trim());
        if chunk.is_empty() {
            continue;
        }
        let lower = chunk.to_lowercase();
        if let Some((lead, verb)) = NESTED_LEADS
            .iter()
            .find(|(l, _)| starts_with_word(&lower, l))
        {
            let rest = chunk[lead.len()..].trim();
            let head = current
                .first()
                .map(|&i| out[i].surface.clone())
                .unwrap_or_default();
            let country = current.first().and_then(|&i| country_of(&out[i], g));
            let mut person = read_head(rest, g, country.as_deref(), true, chunk);
            let title = person.role.take();
            person.role = Some(match title {
                Some(t) if !head.is_empty() => format!("{t}; {verb} {head}"),
                Some(t) => t,
                None if !head.is_empty() => capitalise(&format!("{verb} {head}")),
                None => String::new(),
            })
            .filter(|r| !r.is_empty());
            out.push(person);
            continue;
        }
        if !current.is_empty() && (is_modifier(&lower) || is_appositive(chunk, g)) {
            for &i in &current {
                attach(&mut out[i], chunk);
            }
            continue;
        }
        // A new item: a head, perhaps with a modifier after it in the same chunk.
        let (head, modifier) = split_head(chunk);
        current.clear();
        for part in split_and(head, g) {
            current.push(out.len());
            out.push(read_head(part, g, primary, false, chunk));
        }
        if let Some(m) = modifier {
            for &i in &current {
                attach(&mut out[i], m);
            }
        }
    }
    out
}

/// The country an actor belongs to, known or proposed.
fn country_of(n: &Named, g: &Gazetteer) -> Option<String> {
    match (&n.actor, &n.proposal) {
        (Some(id), _) => g.actors.get(id).and_then(|a| a.country.clone()),
        (None, Some(p)) => p.country.clone(),
        _ => None,
    }
}

fn starts_with_word(text: &str, lead: &str) -> bool {
    text.starts_with(lead)
        && text[lead.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn is_modifier(lower: &str) -> bool {
    INTEREST_LEADS.iter().any(|l| starts_with_word(lower, l))
        || ROLE_LEADS.iter().any(|l| lower.starts_with(l))
        || lower.starts_with('(')
        || participle_phrase(lower)
}

/// "watching its revenue fall", "facing sanctions": a verb in -ing taking an object, which
/// describes the actor before it (unlike "shipping companies", a noun phrase).
fn participle_phrase(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    first.len() > 4
        && first.ends_with("ing")
        && matches!(
            second,
            "its"
                | "their"
                | "the"
                | "a"
                | "an"
                | "to"
                | "for"
                | "on"
                | "in"
                | "with"
                | "that"
                | "his"
                | "her"
                | "new"
                | "more"
                | "any"
                | "all"
                | "both"
                | "what"
                | "how"
        )
}

/// "the host", "a long-time partner": a description after a comma, naming nothing new.
fn is_appositive(chunk: &str, g: &Gazetteer) -> bool {
    let toks = tokens(chunk);
    let determined = toks.first().is_some_and(|t| {
        matches!(
            t.text.to_lowercase().as_str(),
            "the" | "a" | "an" | "its" | "their"
        )
    });
    // "Azerbaijan's closest ally": a possessive name, then a description.
    let possessed = toks.first().is_some_and(|t| t.possessive)
        && toks.len() > 1
        && toks[1..].iter().all(|t| !t.capitalised());
    possessed
        || (determined && toks[1..].iter().all(|t| !t.capitalised()) && g.scan(&toks).is_empty())
}

/// Adds a modifier to an actor: an interest, a role, or a hedge.
fn attach(n: &mut Named, text: &str) {
    let text = text.trim().trim_end_matches(['.', ';']);
    if let Some(h) = hedges::find(text)
        .into_iter()
        .find(|h| h.likelihood.is_none())
    {
        n.hedge.get_or_insert_with(|| h.phrase.to_owned());
        if text.starts_with('(') {
            return;
        }
    }
    let lower = text.to_lowercase();
    if let Some(lead) = INTEREST_LEADS.iter().find(|l| starts_with_word(&lower, l)) {
        let mut what = text[lead.len()..].trim();
        // "keen to" keeps its verb: "attract investment", not "to attract investment".
        what = what.strip_prefix("to ").unwrap_or(what);
        if !what.is_empty() {
            n.interests.push(capitalise(what));
        }
        return;
    }
    // "who championed the talks" says what the actor did: "Championed the talks".
    let lower = text.to_lowercase();
    let text = ["who ", "which ", "that "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(text, |p| &text[p.len()..]);
    let role = if lower.starts_with("whose ") {
        text.to_owned()
    } else {
        capitalise(text)
    };
    n.role = Some(match n.role.take() {
        Some(r) => format!("{r}; {role}"),
        None => role,
    });
}

/// The text after "Key actors include", "The main players are", "Key stakeholders:".
fn list_after_cue(sentence: &str) -> &str {
    let lower = sentence.to_lowercase();
    let cue_end = ["actors", "players", "stakeholders", "protagonists"]
        .iter()
        .filter_map(|w| lower.find(w).map(|i| i + w.len()))
        .min()
        .unwrap_or(0);
    let rest = &sentence[cue_end..];
    let lower_rest = &lower[cue_end..];
    let verbs = [
        " include ",
        " includes ",
        " including ",
        " are ",
        " comprise ",
        " involve ",
        ": ",
        " here are ",
        " range from ",
    ];
    let start = verbs
        .iter()
        .filter_map(|v| lower_rest.find(v).map(|i| (i, v.len())))
        .filter(|(i, _)| *i < 24)
        .min_by_key(|(i, _)| *i)
        .map_or(0, |(i, len)| i + len);
    rest[start..].trim().trim_end_matches(['.', '!'])
}

/// Splits on commas and semicolons outside brackets.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    // A bracket inside a chunk ("Murat Nurtleu (assuming current holder)") stays with it.
    out
}

fn strip_joiner(chunk: &str) -> &str {
    for j in [
        "and ",
        "as well as ",
        "plus ",
        "along with ",
        "together with ",
        "or ",
    ] {
        if let Some(rest) = chunk.strip_prefix(j) {
            return rest.trim();
        }
    }
    chunk
}

/// A head and the modifier that follows it in the same chunk: "British firms" and "interested
/// in Kazakhstan's untapped markets".
fn split_head(chunk: &str) -> (&str, Option<&str>) {
    let lower = chunk.to_lowercase();
    let mut best: Option<usize> = None;
    for lead in INTEREST_LEADS.iter().chain(ROLE_LEADS.iter()) {
        let lead = lead.trim_end();
        let mut from = 0;
        while let Some(i) = lower[from..].find(lead).map(|i| i + from) {
            let before_ok = i > 0 && lower[..i].ends_with(' ');
            if before_ok && starts_with_word(&lower[i..], lead) {
                best = Some(best.map_or(i, |b| b.min(i)));
                break;
            }
            from = i + lead.len();
        }
    }
    // A bracket after the name is a modifier too.
    if let Some(i) = chunk.find('(') {
        best = Some(best.map_or(i, |b| b.min(i)));
    }
    match best {
        Some(i) if i > 0 => (chunk[..i].trim(), Some(chunk[i..].trim())),
        _ => (chunk, None),
    }
}

/// "Russia and China" is two heads when both sides name something.
fn split_and<'a>(head: &'a str, g: &Gazetteer) -> Vec<&'a str> {
    if let Some(i) = head.find(" and ") {
        let (a, b) = (&head[..i], &head[i + 5..]);
        let names = |s: &str| {
            !g.scan(&tokens(s)).is_empty()
                || s.split_whitespace()
                    .any(|w| w.starts_with(char::is_uppercase))
        };
        if names(a) && names(b) {
            return vec![a.trim(), b.trim()];
        }
    }
    vec![head]
}

/// Reads the words naming one actor: a known actor, a country standing for its government, a
/// titled person, or something new to propose.
fn read_head(head: &str, g: &Gazetteer, country: Option<&str>, inherit: bool, item: &str) -> Named {
    let mut n = Named {
        surface: head.trim().to_owned(),
        item: item.trim().trim_end_matches('.').to_owned(),
        ..Named::default()
    };
    let (head, bracket) = match head.find('(') {
        Some(i) => (head[..i].trim(), Some(&head[i..])),
        None => (head.trim(), None),
    };
    n.surface = head.to_owned();
    if let Some(b) = bracket {
        attach(&mut n, b);
    }
    if let Some(h) = hedges::find(head)
        .into_iter()
        .find(|h| h.likelihood.is_none())
    {
        n.hedge = Some(h.phrase.to_owned());
    }
    let toks = tokens(head);
    let mentions = g.scan(&toks);
    // A titled person: "Saudi Energy Minister Prince Abdulaziz bin Salman".
    if let Some((title, name)) = person_parts(&toks) {
        n.role = Some(head[toks[title.start].start..toks[title.end - 1].end].to_owned());
        let name_text = &head[toks[name.start].start..toks[name.end - 1].end];
        let name_mentions = g.scan(&tokens(name_text));
        let known = name_mentions
            .iter()
            .flat_map(Mention::actors)
            .find(|&(id, _)| {
                g.actors
                    .get(id)
                    .is_some_and(|a| a.kind == ActorKind::Person)
            });
        if let Some((id, _)) = known {
            n.actor = Some(id.to_owned());
        } else {
            let country = mentions
                .iter()
                .filter(|m| m.end <= title.end)
                .flat_map(Mention::places)
                .next()
                .map(str::to_owned)
                .or_else(|| country.filter(|_| inherit).map(str::to_owned));
            n.proposal = Some(Proposal {
                name: name_text.to_owned(),
                kind: ActorKind::Person,
                country,
            });
        }
        return n;
    }
    if let Some(id) = best_actor(&mentions, g) {
        n.actor = Some(id);
        return n;
    }
    // A country standing for its government.
    if let Some(place) = mentions.iter().flat_map(Mention::places).next()
        && let Some(gov) = government_of(g, place)
    {
        n.actor = Some(gov);
        return n;
    }
    // "the junta", "the authorities": the government of the country the text is about.
    if is_bare_government(head)
        && let Some(c) = country
    {
        if let Some(gov) = government_of(g, c) {
            n.actor = Some(gov);
            return n;
        }
    }
    n.proposal = Some(propose(
        head,
        &toks,
        &mentions,
        g,
        country.filter(|_| inherit),
    ));
    n
}

/// "the junta", "the new authorities", "the military government": a government not named.
fn is_bare_government(head: &str) -> bool {
    let lower = head.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "the" | "a" | "its" | "new" | "ruling" | "military" | "interim" | "transitional"
            )
        })
        .collect();
    matches!(
        words.as_slice(),
        ["junta"] | ["government"] | ["authorities"] | ["regime"] | ["rulers"] | ["leadership"]
    )
}

/// The title and the name of a titled person, as token ranges: "Foreign Minister" and "Murat
/// Nurtleu". A country or adjective just before the title belongs to it ("Saudi Energy Minister").
fn person_parts(
    toks: &[super::sentences::Token],
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let first = toks
        .iter()
        .position(|t| is_title_word(&t.text) && t.capitalised())?;
    let mut end = first;
    while end < toks.len() && is_title_word(&toks[end].text) && toks[end].capitalised() {
        end += 1;
    }
    let mut name_end = end;
    while name_end < toks.len()
        && name_end - end < 5
        && (toks[name_end].capitalised() && !is_title_word(&toks[name_end].text)
            || (name_end > end
                && (NAME_PARTICLES.contains(&toks[name_end].text.as_str())
                    || toks[name_end].hyphen_before)))
    {
        name_end += 1;
    }
    if name_end == end {
        return None;
    }
    // Capitalised words before the title ("Saudi", "Kazakhstan's") are part of it.
    let mut start = first;
    while start > 0 && toks[start - 1].capitalised() && !toks[start - 1].break_after {
        start -= 1;
    }
    Some((start..end, end..name_end))
}

const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "von", "der", "de", "van", "da", "la", "le", "el", "du", "dos", "di",
];

/// The actor a head names: one mentioned by name or alias, preferring what the dataset calls it.
fn best_actor(mentions: &[Mention], g: &Gazetteer) -> Option<String> {
    mentions
        .iter()
        .flat_map(|m| m.actors())
        .min_by_key(|&(id, via)| (via, g.actors.get(id).map_or(usize::MAX, |a| a.order)))
        .map(|(id, _)| id.to_owned())
}

/// The government actor of a country, if the dataset has one.
pub fn government_of(g: &Gazetteer, place: &str) -> Option<String> {
    g.actors
        .iter()
        .filter(|(_, a)| a.kind == ActorKind::Government && a.country.as_deref() == Some(place))
        .min_by_key(|(_, a)| a.order)
        .map(|(id, _)| id.clone())
}

fn propose(
    head: &str,
    toks: &[super::sentences::Token],
    mentions: &[Mention],
    g: &Gazetteer,
    inherited: Option<&str>,
) -> Proposal {
    let lower = head.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    // Without its determiner and title: "the Kazakh government" is "Kazakh government".
    let first_name = toks
        .iter()
        .position(|t| !matches!(t.text.to_lowercase().as_str(), "the" | "a" | "an"))
        .unwrap_or(0);
    let name = toks
        .get(first_name)
        .map_or(head, |t| &head[t.start..])
        .trim_end_matches(['.', ',']);
    let capitalised_run = toks[first_name..].iter().all(|t| t.capitalised());
    let kind = if has(GOVERNMENT_NOUNS) {
        ActorKind::Government
    } else if words.iter().any(|w| *w == "party") {
        ActorKind::Party
    } else if has(ARMED_NOUNS) {
        ActorKind::ArmedGroup
    } else if has(GROUP_NOUNS) {
        ActorKind::Group
    } else if toks
        .iter()
        .any(|t| COMPANY_SUFFIXES.contains(&t.text.as_str()))
    {
        ActorKind::Company
    } else if capitalised_run && (2..=4).contains(&(toks.len() - first_name)) && mentions.is_empty()
    {
        ActorKind::Person
    } else {
        ActorKind::Organization
    };
    let country = mentions
        .iter()
        .flat_map(Mention::places)
        .find(|p| {
            g.places
                .get(*p)
                .is_some_and(|i| i.kind == crate::data::model::PlaceKind::Country)
        })
        .map(str::to_owned)
        .or_else(|| inherited.map(str::to_owned));
    Proposal {
        name: capitalise(name),
        kind,
        country,
    }
}

/// People named with a title outside the key-actors list: "President Kassym-Jomart Tokayev",
/// "Foreign Minister Murat Nurtleu". A title with no name after it ("Kazakhstan's Foreign
/// Minister") names no one.
pub fn titled_people(sentence: &str, g: &Gazetteer) -> Vec<Named> {
    let toks = tokens(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(is_title_word(&toks[i].text) && toks[i].capitalised()) {
            i += 1;
            continue;
        }
        let title_start = i;
        while i < toks.len() && is_title_word(&toks[i].text) && toks[i].capitalised() {
            let stop = toks[i].break_after;
            i += 1;
            if stop {
                break;
            }
        }
        // A comma or stop after the title: no name follows it.
        if toks[i - 1].break_after {
            continue;
        }
        let name_start = i;
        while i < toks.len()
            && i - name_start < 4
            && (toks[i].capitalised()
                || (i > name_start
                    && (NAME_PARTICLES.contains(&toks[i].text.as_str()) || toks[i].hyphen_before)))
        {
            let stop = toks[i].break_after;
            i += 1;
            if stop {
                break;
            }
        }
        if i == name_start {
            i = i.max(title_start + 1);
            continue;
        }
        let name = &sentence[toks[name_start].start..toks[i - 1].end];
        let title = &sentence[toks[title_start].start..toks[name_start - 1].end];
        let mentions = g.scan(&tokens(name));
        let mut n = Named {
            surface: format!("{title} {name}"),
            item: format!("{title} {name}"),
            role: Some(title.to_owned()),
            ..Named::default()
        };
        let known = mentions.iter().flat_map(|m| m.actors()).find(|&(id, via)| {
            via != Via::Derived
                && g.actors
                    .get(id)
                    .is_some_and(|a| a.kind == ActorKind::Person)
        });
        match known {
            Some((id, _)) => n.actor = Some(id.to_owned()),
            None if mentions.is_empty()
                && (2..=4).contains(&(i - name_start))
                && !toks[name_start..i]
                    .iter()
                    .any(|t| NOT_NAMES.contains(&t.text.as_str())) =>
            {
                n.proposal = Some(Proposal {
                    name: name.to_owned(),
                    kind: ActorKind::Person,
                    country: None,
                })
            }
            None => continue,
        }
        out.push(n);
    }
    out
}

/// Nouns that make a capitalised name before them an organisation: "the Demokraatit party".
const ORG_NOUNS: &[(&str, ActorKind)] = &[
    ("party", ActorKind::Party),
    ("movement", ActorKind::Organization),
    ("militia", ActorKind::ArmedGroup),
    ("rebels", ActorKind::ArmedGroup),
    ("coalition", ActorKind::Organization),
    ("group", ActorKind::Organization),
    ("company", ActorKind::Company),
    ("consortium", ActorKind::Company),
    ("corporation", ActorKind::Company),
    ("army", ActorKind::Agency),
    ("navy", ActorKind::Agency),
    ("front", ActorKind::ArmedGroup),
    ("brigades", ActorKind::ArmedGroup),
];

/// Unknown names a sentence gives as agents: after "by" ("signed by Ali Shamkhani for Tehran,
/// Musaad Al-Aiban for Riyadh and Wang Yi for China"), or before an organisation noun ("the
/// Demokraatit party"). Known names are left to the gazetteer.
pub fn agents(sentence: &str, g: &Gazetteer) -> Vec<Named> {
    let mut out = Vec::new();
    let lower = sentence.to_ascii_lowercase();
    for (at, _) in lower.match_indices(" by ") {
        let rest = &sentence[at + 4..];
        let end = rest.find(['.', ';', ':', '(']).unwrap_or(rest.len());
        let items = rest[..end]
            .split(", and ")
            .flat_map(|x| x.split(", "))
            .flat_map(|x| x.split(" and "));
        for item in items {
            let head = item.split(" for ").next().unwrap_or(item).trim();
            let toks = tokens(head);
            if !(2..=4).contains(&toks.len())
                || !toks
                    .iter()
                    .all(|t| t.capitalised() || NAME_PARTICLES.contains(&t.text.as_str()))
                || !g.scan(&toks).is_empty()
                || toks
                    .iter()
                    .any(|t| NOT_NAMES.contains(&t.text.as_str()) || is_title_word(&t.text))
            {
                // The list has ended: this is no name.
                break;
            }
            let country = g
                .scan(&tokens(item))
                .iter()
                .flat_map(Mention::places)
                .find(|p| {
                    g.places
                        .get(*p)
                        .is_some_and(|i| i.kind == crate::data::model::PlaceKind::Country)
                })
                .map(str::to_owned);
            out.push(Named {
                surface: head.to_owned(),
                item: item.trim().to_owned(),
                proposal: Some(Proposal {
                    name: head.to_owned(),
                    kind: ActorKind::Person,
                    country,
                }),
                ..Named::default()
            });
        }
    }
    let toks = tokens(sentence);
    for (k, t) in toks.iter().enumerate().skip(1) {
        let lower = t.text.to_lowercase();
        let Some(&(_, kind)) = ORG_NOUNS.iter().find(|(n, _)| *n == lower) else {
            continue;
        };
        // "the Demokraatit party" names "Demokraatit"; "the People's Liberation Army" names
        // itself, noun and all.
        let last = if t.capitalised() { k + 1 } else { k };
        let mut first = k;
        while first > 1 && toks[first - 1].capitalised() && !toks[first - 1].break_after {
            first -= 1;
        }
        if first == k || toks[first..k].iter().any(|t| is_title_word(&t.text)) {
            continue;
        }
        let name = &sentence[toks[first].start..toks[last - 1].end];
        if !g.scan(&tokens(name)).is_empty() {
            continue;
        }
        out.push(Named {
            surface: name.to_owned(),
            item: sentence[toks[first].start..t.end].to_owned(),
            proposal: Some(Proposal {
                name: name.to_owned(),
                kind,
                country: None,
            }),
            ..Named::default()
        });
    }
    out
}

/// Nouns of office written in lower case before a name set off by commas: "The enclave's
/// leader, Samvel Shahramanyan, later signed ...".
const OFFICE_NOUNS: &[&str] = &[
    "leader",
    "president",
    "minister",
    "chief",
    "head",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "ambassador",
    "king",
    "premier",
    "chairman",
    "governor",
    "mayor",
    "founder",
    "secretary",
    "ruler",
];

/// People named in apposition to an office: "the enclave's leader, Samvel Shahramanyan,".
pub fn appositive_people(sentence: &str, g: &Gazetteer) -> Vec<Named> {
    let toks = tokens(sentence);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if !(t.break_after && OFFICE_NOUNS.contains(&t.text.as_str())) {
            continue;
        }
        let start = k + 1;
        let mut end = start;
        while end < toks.len() && end - start < 4 && toks[end].capitalised() {
            let stop = toks[end].break_after;
            end += 1;
            if stop {
                break;
            }
        }
        if !(2..=4).contains(&(end - start)) || !toks[end - 1].break_after {
            continue;
        }
        let name = &sentence[toks[start].start..toks[end - 1].end];
        if !g.scan(&tokens(name)).is_empty() {
            continue;
        }
        // The office as written: "The enclave's leader".
        let mut from = k;
        while from > 0 && !toks[from - 1].break_after && k - from < 4 {
            from -= 1;
        }
        out.push(Named {
            surface: name.to_owned(),
            item: sentence[toks[from].start..toks[end - 1].end].to_owned(),
            role: Some(capitalise(&sentence[toks[from].start..t.end])),
            proposal: Some(Proposal {
                name: name.to_owned(),
                kind: ActorKind::Person,
                country: None,
            }),
            ..Named::default()
        });
    }
    out
}

/// Actors a sentence names outright, by a name that is not also a place's ("Gazprom", "NATO",
/// "Vladimir Putin"; not "London", which names the United Kingdom before its government).
pub fn named_outright(mentions: &[Mention]) -> Vec<String> {
    mentions
        .iter()
        .filter(|m| m.places().next().is_none())
        .filter_map(|m| {
            m.refs.iter().find_map(|(r, via)| match r {
                Ref::Actor(id) if *via != Via::Demonym => Some(id.clone()),
                _ => None,
            })
        })
        .collect()
}

pub fn capitalise(text: &str) -> String {
    let text = text.trim();
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Gazetteer {
        Gazetteer::from_store(&crate::data::bundled().unwrap())
    }

    #[test]
    fn reads_the_seed_list_with_roles_interests_and_hedges() {
        let g = bundled();
        let got = key_actors(
            "Key actors include the Kazakh government, led by Foreign Minister Murat Nurtleu \
             (assuming current holder), pursuing economic diversification, and British firms \
             interested in Kazakhstan's untapped markets.",
            &g,
            Some("KZ"),
        );
        let summary: Vec<(Option<&str>, Vec<&str>, Option<&str>)> = got
            .iter()
            .map(|n| {
                (
                    n.actor.as_deref(),
                    n.interests.iter().map(String::as_str).collect(),
                    n.hedge.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Some("kz-gov"), vec!["Economic diversification"], None),
                (
                    Some("murat-nurtleu"),
                    vec![],
                    Some("assuming current holder")
                ),
                (
                    Some("british-business"),
                    vec!["Kazakhstan's untapped markets"],
                    None
                ),
            ]
        );
        assert_eq!(
            got[1].role.as_deref(),
            Some("Foreign Minister; leads the Kazakh government")
        );
    }

    #[test]
    fn unknown_names_become_proposals_with_a_kind_and_country() {
        let g = bundled();
        let got = key_actors(
            "The main players are Ruritanian farmers, seeking higher prices, and Governor Ana Pelt.",
            &g,
            None,
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].proposal.as_ref().unwrap().kind, ActorKind::Group);
        assert_eq!(got[0].interests, ["Higher prices"]);
        let p = got[1].proposal.as_ref().unwrap();
        assert_eq!((p.name.as_str(), p.kind), ("Ana Pelt", ActorKind::Person));
        assert_eq!(got[1].role.as_deref(), Some("Governor"));
    }

    #[test]
    fn titled_people_need_a_name() {
        let g = bundled();
        let got = titled_people(
            "Kazakhstan's Foreign Minister and President Kassym-Jomart Tokayev met Minister Ana Pelt.",
            &g,
        );
        let who: Vec<(Option<&str>, Option<&str>)> = got
            .iter()
            .map(|n| {
                (
                    n.actor.as_deref(),
                    n.proposal.as_ref().map(|p| p.name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            who,
            [
                (Some("kassym-jomart-tokayev"), None),
                (None, Some("Ana Pelt"))
            ]
        );
    }
}
