//! Hedges: the words with which a text says it is not sure. Some qualify who or what (an
//! office-holder named "assuming current holder", a claim "reportedly" made); those set
//! `uncertain`. Others say how likely something is ("could", "likely"); those map to the ICD-203
//! words of estimative probability, as docs/dataset.md tabulates.

use crate::data::model::{Horizon, Likelihood};

/// A hedge found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hedge {
    /// As the table writes it ("could", "assuming current holder").
    pub phrase: &'static str,
    /// The likelihood it states, for hedges of probability.
    pub likelihood: Option<Likelihood>,
    /// Byte offset in the text.
    pub at: usize,
}

use Likelihood as P;

/// Hedges of probability, longest first so that "very likely" is not read as "likely".
/// The mapping is the ICD-203 scale's: words that leave the matter open ("could", "may") are a
/// roughly even chance, not a guess in either direction.
#[rustfmt::skip]
const PROBABILITY: &[(&str, Likelihood)] = &[
    ("almost no chance", P::AlmostNoChance), ("virtually impossible", P::AlmostNoChance),
    ("almost certainly not", P::AlmostNoChance), ("remote chance", P::VeryUnlikely),
    ("very unlikely", P::VeryUnlikely), ("highly unlikely", P::VeryUnlikely),
    ("highly improbable", P::VeryUnlikely), ("improbable", P::VeryUnlikely),
    ("almost certainly", P::AlmostCertain), ("virtually certain", P::AlmostCertain),
    ("nearly certain", P::AlmostCertain), ("is certain to", P::AlmostCertain),
    ("are certain to", P::AlmostCertain), ("will certainly", P::AlmostCertain),
    ("inevitably", P::AlmostCertain), ("bound to", P::AlmostCertain),
    ("very likely", P::VeryLikely), ("highly likely", P::VeryLikely),
    ("very probably", P::VeryLikely), ("probably not", P::Unlikely), ("unlikely", P::Unlikely),
    ("doubtful", P::Unlikely), ("is expected to", P::Likely), ("are expected to", P::Likely),
    ("expected to", P::Likely), ("poised to", P::Likely), ("set to", P::Likely),
    ("likely", P::Likely), ("probably", P::Likely), ("probable", P::Likely),
    ("roughly even", P::RoughlyEven), ("even chance", P::RoughlyEven),
    ("potentially", P::RoughlyEven), ("possibly", P::RoughlyEven), ("perhaps", P::RoughlyEven),
    ("could", P::RoughlyEven), ("might", P::RoughlyEven), ("may", P::RoughlyEven),
    ("has the potential", P::RoughlyEven), ("have the potential", P::RoughlyEven),
];

/// Hedges on a fact rather than a forecast: who held a post, whether a report is true.
#[rustfmt::skip]
const FACT: &[&str] = &[
    "assuming current holder", "assuming the current holder", "assuming", "reportedly",
    "allegedly", "purportedly", "reported to", "said to be", "believed to", "thought to",
    "unconfirmed", "according to reports", "if confirmed", "apparently", "presumably",
];

fn is_word_at(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Every hedge in `text`, in order; overlapping ones give way to the longer.
pub fn find(text: &str) -> Vec<Hedge> {
    // ASCII lower case keeps byte offsets, so "May" can be told from "may" in the original.
    let folded = text.to_ascii_lowercase();
    let mut found: Vec<(usize, usize, Hedge)> = Vec::new();
    let candidates = PROBABILITY
        .iter()
        .map(|&(p, l)| (p, Some(l)))
        .chain(FACT.iter().map(|&p| (p, None)));
    for (phrase, likelihood) in candidates {
        for (at, _) in folded.match_indices(phrase) {
            if !is_word_at(&folded, at, phrase.len()) {
                continue;
            }
            // "May 2024" is a month; only the lower-case modal is a hedge.
            if phrase == "may" && text.get(at..at + 3) != Some("may") {
                continue;
            }
            let end = at + phrase.len();
            if found.iter().any(|(s, e, _)| at < *e && *s < end) {
                continue;
            }
            found.push((
                at,
                end,
                Hedge {
                    phrase,
                    likelihood,
                    at,
                },
            ));
        }
    }
    found.sort_by_key(|(s, _, _)| *s);
    found.into_iter().map(|(_, _, h)| h).collect()
}

/// The likelihood a clause states: its first hedge of probability, if any.
pub fn likelihood(text: &str) -> Option<(Likelihood, &'static str)> {
    find(text)
        .into_iter()
        .find_map(|h| h.likelihood.map(|l| (l, h.phrase)))
}

/// Phrases that say when, and the horizon each means.
#[rustfmt::skip]
const HORIZONS: &[(&str, Horizon)] = &[
    ("in the coming weeks", Horizon::Short), ("in the coming months", Horizon::Short),
    ("in the months ahead", Horizon::Short), ("near term", Horizon::Short),
    ("near-term", Horizon::Short), ("short term", Horizon::Short), ("short-term", Horizon::Short),
    ("immediately", Horizon::Short), ("immediate", Horizon::Short), ("this year", Horizon::Short),
    ("within months", Horizon::Short), ("in the coming years", Horizon::Medium),
    ("in the years ahead", Horizon::Medium), ("next few years", Horizon::Medium),
    ("medium term", Horizon::Medium), ("medium-term", Horizon::Medium),
    ("within years", Horizon::Medium), ("long term", Horizon::Long), ("long-term", Horizon::Long),
    ("in the long run", Horizon::Long), ("decades", Horizon::Long), ("generation", Horizon::Long),
    ("structural", Horizon::Long), ("over time", Horizon::Long),
];

/// The horizon a text states, and the phrase that states it.
pub fn horizon(text: &str) -> Option<(Horizon, &'static str)> {
    let folded = text.to_ascii_lowercase();
    HORIZONS
        .iter()
        .filter_map(|&(p, h)| {
            folded
                .match_indices(p)
                .find(|(at, _)| is_word_at(&folded, *at, p.len()))
                .map(|(at, _)| (at, h, p))
        })
        .min_by_key(|&(at, _, _)| at)
        .map(|(_, h, p)| (h, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_map_to_the_icd_203_scale() {
        let l = |s: &str| likelihood(s).map(|x| x.0);
        assert_eq!(l("investments could bolster supply"), Some(P::RoughlyEven));
        assert_eq!(l("it may temper enthusiasm"), Some(P::RoughlyEven));
        assert_eq!(l("this is very likely to last"), Some(P::VeryLikely));
        assert_eq!(l("a deal is unlikely"), Some(P::Unlikely));
        assert_eq!(l("it will almost certainly pass"), Some(P::AlmostCertain));
        assert_eq!(l("In May 2024 they met"), None);
        assert_eq!(l("prices rose"), None);
    }

    #[test]
    fn fact_hedges_are_found_without_a_likelihood() {
        let h = find("led by Murat Nurtleu (assuming current holder), who reportedly agreed");
        let phrases: Vec<&str> = h.iter().map(|h| h.phrase).collect();
        assert_eq!(phrases, ["assuming current holder", "reportedly"]);
        assert!(h.iter().all(|h| h.likelihood.is_none()));
    }

    #[test]
    fn horizons_come_from_time_phrases() {
        assert_eq!(
            horizon("in the coming months, prices").map(|h| h.0),
            Some(Horizon::Short)
        );
        assert_eq!(
            horizon("a long-term shift").map(|h| h.0),
            Some(Horizon::Long)
        );
        assert_eq!(horizon("prices rose"), None);
    }
}
