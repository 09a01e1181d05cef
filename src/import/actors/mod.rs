//! Key actors: the list a deep dive gives after "Key actors include", split into actors with the
//! role and interests written beside each ("the Kazakh government, led by Foreign Minister Murat
//! Nurtleu (assuming current holder), pursuing economic diversification"), and people named with
//! a title anywhere ("President Kassym-Jomart Tokayev").

use crate::data::model::ActorKind;

use super::gazetteer::Gazetteer;
use super::hedges;
use super::sentences::tokens;

mod head;
mod named;
#[cfg(test)]
mod tests;
mod words;

pub use head::government_of;
use head::read_head;
pub use named::{agents, appositive_people, named_outright, titled_people};
pub(crate) use words::is_title_word;
use words::*;

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

/// The list after a key-actors cue, read into actors. `g` resolves names; `primary` is the
/// text's main country, for a government named only as "the junta" or "the government".
pub fn key_actors(sentence: &str, g: &Gazetteer, primary: Option<&str>) -> Vec<Named> {
    let list = list_after_cue(sentence);
    let chunks = split_top_level(list);
    let mut out: Vec<Named> = Vec::new();
    // Items that a modifier applies to: the last head, or the last few when joined by "and".
    let mut current: Vec<usize> = Vec::new();
    for chunk in chunks {
        // "..., and X" starts a new item, whatever X looks like.
        let joined = chunk.trim() != strip_joiner(chunk.trim());
        let chunk = strip_joiner(chunk.trim());
        if chunk.is_empty() {
            continue;
        }
        let lower = chunk.to_ascii_lowercase();
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
            // "represented by Foreign Minister A and Defence Minister B": two people.
            for part in split_and(rest, g) {
                let mut person = read_head(part, g, country.as_deref(), true, chunk);
                let title = person.role.take();
                person.role = Some(match title {
                    Some(t) if !head.is_empty() => format!("{t}; {verb} {head}"),
                    Some(t) => t,
                    None if !head.is_empty() => capitalise(&format!("{verb} {head}")),
                    None => String::new(),
                })
                .filter(|r| !r.is_empty());
                out.push(person);
            }
            continue;
        }
        if !current.is_empty()
            && (is_modifier(&lower) || is_appositive(chunk, g) || (!joined && describes(chunk, g)))
        {
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

/// A chunk that opens with a participle, an adverb or a preposition ("placed under house
/// arrest", "now in exile", "under sanctions") describes the actor before it. A new actor in a
/// list opens with a name, a determiner or a noun ("steelmakers in exporting countries").
fn describes(chunk: &str, g: &Gazetteer) -> bool {
    let toks = tokens(chunk);
    let Some(first) = toks.first() else {
        return false;
    };
    let word = first.text.as_str();
    #[rustfmt::skip]
    const OPENERS: &[&str] = &[
        "now", "still", "already", "once", "long", "recently", "later", "newly", "formerly",
        "widely", "under", "in", "at", "with", "without", "despite", "amid", "after", "before",
        "since", "from", "itself", "themselves", "also", "increasingly",
    ];
    let verbal = (word.len() > 4 && word.ends_with("ed"))
        || OPENERS.contains(&word)
        || ACTION_VERBS.contains(&word);
    verbal && g.scan(&toks).is_empty()
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
    // "a gang leader in Port-au-Prince": what it is, then where, which may be a name.
    let head = toks
        .iter()
        .position(|t| matches!(t.text.as_str(), "in" | "from" | "at" | "based"))
        .unwrap_or(toks.len());
    let toks = &toks[..head];
    possessed
        || (determined && toks[1..].iter().all(|t| !t.capitalised()) && g.scan(toks).is_empty())
}

/// Adds a modifier to an actor: an interest, a role, or a hedge.
fn attach(n: &mut Named, text: &str) {
    let text = text
        .trim_start_matches(|c: char| c.is_whitespace() || ":—–-".contains(c))
        .trim_end()
        .trim_end_matches(['.', ';']);
    // "(President of Kenya): wants a win", as list items put it: the bracket, then the rest.
    if text.starts_with('(')
        && let Some(close) = text.find(')')
        && close + 1 < text.len()
    {
        let rest = text[close + 1..]
            .trim_start_matches(|c: char| c.is_whitespace() || ":,;—–-".contains(c));
        attach(n, &text[..=close]);
        if !rest.is_empty() {
            attach(n, rest);
        }
        return;
    }
    if let Some(h) = hedges::find(text)
        .into_iter()
        .find(|h| h.likelihood.is_none())
    {
        n.hedge.get_or_insert_with(|| h.phrase.to_owned());
        if text.starts_with('(') {
            return;
        }
    }
    let lower = text.to_ascii_lowercase();
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
    let lower = text.to_ascii_lowercase();
    let text = ["who ", "which ", "that "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(text, |p| &text[p.len()..]);
    let text = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
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
    let lower = sentence.to_ascii_lowercase();
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
    // Without a cue word, a colon follows a name: "Garry Conille: seeking security", an item.
    let start = verbs
        .iter()
        .filter(|v| cue_end > 0 || **v != ": ")
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
    let lower = chunk.to_ascii_lowercase();
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
    // A bracket after the name is a modifier too, and so is what a list item puts after a
    // colon or a dash ("William Ruto: wants a win", "Garry Conille — prime minister").
    for sep in ["(", ": ", " — ", " – ", " - "] {
        if let Some(i) = chunk.find(sep) {
            best = Some(best.map_or(i, |b| b.min(i)));
        }
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

pub fn capitalise(text: &str) -> String {
    let text = text.trim();
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
