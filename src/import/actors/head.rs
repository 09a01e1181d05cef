//! Reading the words that name one actor: a titled person ("Foreign Minister Murat Nurtleu"), a
//! known actor, a country standing for its government, "the junta" of the country the text is
//! about, or something new to propose with a kind and a country.

use crate::data::model::ActorKind;

use super::super::gazetteer::{Gazetteer, Mention};
use super::super::hedges;
use super::super::sentences::{Token, tokens};
use super::words::*;
use super::{Named, Proposal, attach, capitalise};

/// Reads the words naming one actor: a known actor, a country standing for its government, a
/// titled person, or something new to propose.
pub(super) fn read_head(
    head: &str,
    g: &Gazetteer,
    country: Option<&str>,
    inherit: bool,
    item: &str,
) -> Named {
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
    // Nothing that could be a name: no actor, known or new.
    if !head.chars().any(char::is_alphabetic) {
        return n;
    }
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
                .find(|p| is_country(g, p))
                .map(str::to_owned)
                .or_else(|| country.filter(|_| inherit).map(str::to_owned))
                .filter(|c| is_country(g, c));
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
        && let Some(gov) = government_of(g, c)
    {
        n.actor = Some(gov);
        return n;
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
pub(super) fn is_bare_government(head: &str) -> bool {
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
pub(super) fn person_parts(
    toks: &[Token],
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let first = toks
        .iter()
        .position(|t| is_title_word(&t.text) && t.capitalised())?;
    let mut end = first;
    while end < toks.len() && is_title_word(&toks[end].text) && toks[end].capitalised() {
        end += 1;
    }
    if !toks[first..end].iter().any(|t| is_core_title(&t.text)) {
        return None;
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

/// The actor a head names: one mentioned by name or alias, preferring what the dataset calls it.
pub(super) fn best_actor(mentions: &[Mention], g: &Gazetteer) -> Option<String> {
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

pub(super) fn propose(
    head: &str,
    toks: &[Token],
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
    } else if words.contains(&"party") {
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
        .find(|p| is_country(g, p))
        .map(str::to_owned)
        .or_else(|| inherited.map(str::to_owned))
        .filter(|c| is_country(g, c));
    Proposal {
        name: capitalise(name),
        kind,
        country,
    }
}

/// Only a country can be an actor's `country`: a bloc or region ("the EU", "the Sahel") cannot.
pub(super) fn is_country(g: &Gazetteer, place: &str) -> bool {
    g.places
        .get(place)
        .is_some_and(|i| i.kind == crate::data::model::PlaceKind::Country)
}
