//! Synthetic places and actors, and the ids and names they are given.

use super::*;

pub(super) fn new_place(
    rng: &mut Rng,
    vocab: &Vocabulary,
    places: &[Place],
    countries: &[usize],
    ids: &mut HashSet<String>,
) -> Place {
    let word = capitalized(tail_word(rng, vocab));
    let roll = rng.below(10);
    let (name, kind, members) = if roll < 8 {
        let suffix = *rng.pick(&[
            "Province",
            "Oblast",
            "Governorate",
            "Prefecture",
            "Department",
            "State",
        ]);
        (format!("{word} {suffix}"), PlaceKind::Region, Vec::new())
    } else {
        let (suffix, kind, n) = if roll == 8 {
            (
                *rng.pick(&["Strait", "Sea", "Gulf", "Channel"]),
                PlaceKind::Waterway,
                1 + rng.below(4),
            )
        } else {
            (
                *rng.pick(&["Pact", "Union", "Forum", "Community"]),
                PlaceKind::Bloc,
                3 + rng.below(10),
            )
        };
        let mut members: Vec<String> = Vec::new();
        while members.len() < n {
            let id = places[*rng.pick(countries)].id.clone();
            if !members.contains(&id) {
                members.push(id);
            }
        }
        (format!("{word} {suffix}"), kind, members)
    };
    let id = unique_slug(&name, "place", ids);
    let aliases = (0..rng.below(3))
        .map(|k| match k {
            0 => capitalized(tail_word(rng, vocab)),
            _ => (*rng.pick(NATIVE_PLACES)).to_owned(),
        })
        .collect();
    // A waterway's countries are on its shores, not in it: they touch it.
    let (members, touching) = match kind {
        PlaceKind::Waterway => (Vec::new(), members),
        _ => (members, Vec::new()),
    };
    Place {
        id,
        name,
        kind,
        aliases,
        members,
        touching,
        centroid: LatLon {
            lat: (rng.unit() * 160.0 - 80.0).round(),
            lon: (rng.unit() * 340.0 - 170.0).round(),
        },
        world_region: false,
    }
}

pub(super) fn new_actor(
    rng: &mut Rng,
    vocab: &Vocabulary,
    shape: &Shape,
    places: &[Place],
    countries: &[usize],
    ids: &mut HashSet<String>,
) -> Actor {
    let country = &places[*rng.pick(countries)];
    let roll = rng.below(100);
    let (kind, name) = match roll {
        0..35 => (
            ActorKind::Person,
            format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)),
        ),
        35..50 => (
            ActorKind::Government,
            format!(
                "{} regional administration of {}",
                country.name,
                capitalized(tail_word(rng, vocab))
            ),
        ),
        50..58 => (
            ActorKind::Agency,
            format!("{} Ministry of {}", country.name, rng.pick(PORTFOLIOS)),
        ),
        58..70 => (
            ActorKind::Organization,
            format!(
                "{} {} Council",
                capitalized(tail_word(rng, vocab)),
                capitalized(plain_word(rng, vocab))
            ),
        ),
        70..84 => (
            ActorKind::Company,
            format!(
                "{} {}",
                capitalized(tail_word(rng, vocab)),
                rng.pick(&[
                    "Energy",
                    "Mining",
                    "Logistics",
                    "Holdings",
                    "Shipping",
                    "Bank"
                ])
            ),
        ),
        84..89 => (
            ActorKind::Party,
            format!(
                "{} Party of {}",
                capitalized(plain_word(rng, vocab)),
                country.name
            ),
        ),
        89..94 => (
            ActorKind::ArmedGroup,
            format!("{} Brigades", capitalized(tail_word(rng, vocab))),
        ),
        94..97 => (
            ActorKind::Ngo,
            format!("{} Watch", capitalized(tail_word(rng, vocab))),
        ),
        97..99 => (
            ActorKind::Group,
            format!(
                "{} farmers of {}",
                capitalized(tail_word(rng, vocab)),
                country.name
            ),
        ),
        _ => (
            ActorKind::Bloc,
            format!("{} Alliance", capitalized(tail_word(rng, vocab))),
        ),
    };
    let id = unique_slug(&name, "actor", ids);
    let mut aliases: Vec<String> = Vec::new();
    if kind == ActorKind::Person {
        if rng.chance(0.3) {
            aliases.push((*rng.pick(NATIVE_NAMES)).to_owned());
        }
        if let Some(last) = name.split_whitespace().last() {
            aliases.push(last.to_owned());
        }
    } else if rng.chance(0.5) {
        let initials: String = name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        if initials.chars().count() > 1 {
            aliases.push(initials);
        }
    }
    let offices = if kind == ActorKind::Person {
        (0..rng.below(4))
            .map(|_| {
                let (from, to) = dates(rng);
                let ended = rng.chance(0.6);
                Office {
                    title: format!("Minister of {}", rng.pick(PORTFOLIOS)),
                    from,
                    to: ended.then_some(to),
                    uncertain: ended && rng.chance(0.05),
                    note: None,
                    sources: Vec::new(),
                }
            })
            .map(|mut o| {
                if o.uncertain {
                    o.note = Some("Sources differ on the date this office ended.".to_owned());
                }
                o
            })
            .collect()
    } else {
        Vec::new()
    };
    let description = sentence_text(rng, vocab, shape.actor_description, &[&country.name]);
    Actor {
        id,
        name,
        aliases,
        kind,
        country: (kind != ActorKind::Bloc).then(|| country.id.clone()),
        description,
        as_of: None,
        offices,
        draft: false,
    }
}

/// A fresh id made from `name`, with a number after it if it is taken.
pub(super) fn unique_slug(name: &str, fallback: &str, ids: &mut HashSet<String>) -> String {
    let base = match ascii_slug(name) {
        s if s.is_empty() => fallback.to_owned(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// `text` as lower-case ASCII words joined by single hyphens: accents are folded away and any
/// other script dropped.
pub(super) fn ascii_slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

pub(super) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A word of the field's vocabulary, plain ASCII letters, for names.
pub(super) fn plain_word<'a>(rng: &mut Rng, vocab: &'a Vocabulary) -> &'a str {
    loop {
        let w = vocab.sample(rng);
        if w.len() > 3 && w.bytes().all(|b| b.is_ascii_lowercase()) {
            return w;
        }
    }
}

/// An invented word from the vocabulary's long tail: names of places and organisations.
pub(super) fn tail_word<'a>(rng: &mut Rng, vocab: &'a Vocabulary) -> &'a str {
    let head = vocab.len() - Vocabulary::TAIL;
    vocab.word(head + rng.below(Vocabulary::TAIL))
}
