//! Actors named outside the key-actors list: people with a title ("President Kassym-Jomart
//! Tokayev"), agents after "by" ("signed by Ali Shamkhani for Tehran"), names in apposition to
//! an office ("the enclave's leader, Samvel Shahramanyan,"), organisations before their noun
//! ("the Demokraatit party"), and known actors named outright ("Gazprom").

use crate::data::model::ActorKind;

use super::super::gazetteer::{Gazetteer, Mention, Ref, Via};
use super::super::sentences::tokens;
use super::words::*;
use super::{Named, Proposal, capitalise};

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
        // A comma or stop after the title: no name follows it. "Trade Policy" is no title.
        if toks[i - 1].break_after || !toks[title_start..i].iter().any(|t| is_core_title(&t.text)) {
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
                .find(|p| super::head::is_country(g, p))
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

/// People named in apposition to an office: "the enclave's leader, Samvel Shahramanyan,".
pub fn appositive_people(sentence: &str, g: &Gazetteer) -> Vec<Named> {
    let toks = tokens(sentence);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let org = ORG_ROLE_NOUNS
            .iter()
            .find(|(n, _)| *n == t.text)
            .map(|&(_, kind)| kind);
        if !(t.break_after && (org.is_some() || OFFICE_NOUNS.contains(&t.text.as_str()))) {
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
        // A person has two to four names; an organisation may have one, in capitals ("TEPCO").
        let acronym = end - start == 1
            && toks[start].text.len() >= 2
            && toks[start]
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit());
        let fits = match org {
            Some(_) => (1..=5).contains(&(end - start)) && (end - start > 1 || acronym),
            None => (2..=4).contains(&(end - start)),
        };
        if !fits || !toks[end - 1].break_after {
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
                kind: org.unwrap_or(ActorKind::Person),
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
