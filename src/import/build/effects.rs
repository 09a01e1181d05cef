//! What the text says reaches across borders (implications, with channel, likelihood and
//! horizon) and what could go wrong (risks from the challenges lens).

use crate::data::model::{
    Channel, Confidence, Endpoints, Horizon, Implication, LensConfidence, Likelihood, SentenceLens,
};

use super::super::actors::capitalise;
use super::super::gazetteer::{Mention, Ref};
use super::super::{hedges, implications, sentences, slug};
use super::{Builder, sentence_case};

impl Builder<'_> {
    pub(super) fn implications(
        &mut self,
        primary: &[String],
        all_places: &[String],
    ) -> Vec<Implication> {
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

    /// "challenges like corruption perceptions and geopolitical tensions may temper ..." gives
    /// the risks "Corruption perceptions" and "Geopolitical tensions".
    pub(super) fn risks(&self) -> Vec<String> {
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

fn push_ends(ends: &mut Endpoints, m: &Mention) {
    let mut placed = false;
    for p in m.places() {
        placed = true;
        if !ends.places.iter().any(|x| x == p) {
            ends.places.push(p.to_owned());
        }
    }
    // An actor only where the name is no place, and only its first reading.
    if !placed
        && let Some((a, _)) = m.actors().next()
        && !ends.actors.iter().any(|x| x == a)
    {
        ends.actors.push(a.to_owned());
    }
}
