//! Cross-border implications: "X extend to Y, where W, affecting Z" read into where the effect
//! goes (Y), how (W), who bears it (Z), and through which channel, by the words used.

use crate::data::model::Channel;
use crate::find::fold::fold;

/// The parts of an implication sentence, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parts<'a> {
    /// Where the effect reaches: "European energy markets".
    pub target: Option<&'a str>,
    /// How: "UK investments could bolster supply chain resilience".
    pub mechanism: Option<&'a str>,
    /// Who bears it: "consumers in the EU and beyond".
    pub affected: Option<&'a str>,
}

/// Verbs that carry an effect across a border, before its destination.
#[rustfmt::skip]
const REACH: &[&str] = &[
    " extend to ", " extends to ", " extend into ", " extends into ", " extend beyond ", " reach ",
    " reaches ", " spill over into ", " spills over into ", " spill over to ", " spill into ",
    " ripple out to ", " ripple to ", " ripple through ", " ripples through ",
    " reverberate across ", " reverberate through ", " reverberate in ", " are felt in ",
    " is felt in ", " will be felt in ", " stretch to ", " stretches to ", " flow to ",
    " flows to ", " spread to ", " spreads to ", " spread into ", " spreads into ", " reach into ",
    " reaches into ", " travel to ", " travels to ",
];

/// What opens the mechanism clause.
#[rustfmt::skip]
const HOW: &[&str] = &[
    ", where ", ", as ", ", through ", ", via ", ", with ", ", since ", " where ",
];

/// What opens the affected clause.
#[rustfmt::skip]
const WHO: &[&str] = &[
    ", affecting ", ", impacting ", ", hitting ", ", benefiting ", ", benefitting ", ", hurting ",
    ", with consequences for ", ", to the benefit of ", " affecting ", " impacting ",
];

fn find_any(lower: &str, from: usize, needles: &[&str]) -> Option<(usize, usize)> {
    needles
        .iter()
        .filter_map(|n| lower[from..].find(n).map(|i| (from + i, n.len())))
        .min_by_key(|&(i, _)| i)
}

/// Splits an implication sentence into its parts; a part the sentence lacks is `None`.
pub fn parts(sentence: &str) -> Parts<'_> {
    let body = sentence.trim_end_matches(['.', '!']);
    // ASCII lower case keeps offsets aligned with the sentence.
    let lower = body.to_ascii_lowercase();
    let mut p = Parts::default();
    let reach = find_any(&lower, 0, REACH);
    let after_reach = reach.map_or(0, |(i, len)| i + len);
    let how = find_any(&lower, after_reach, HOW);
    let who = find_any(&lower, after_reach, WHO);
    if let Some((i, len)) = reach {
        let start = i + len;
        let end = [how.map(|h| h.0), who.map(|w| w.0)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(body.len());
        p.target = Some(body[start..end].trim()).filter(|t| !t.is_empty());
    }
    if let Some((i, len)) = how {
        let start = i + len;
        let end = who
            .map(|w| w.0)
            .filter(|&w| w > start)
            .unwrap_or(body.len());
        p.mechanism = Some(body[start..end].trim()).filter(|t| !t.is_empty());
    }
    if let Some((i, len)) = who {
        p.affected = Some(body[i + len..].trim()).filter(|t| !t.is_empty());
    }
    p
}

use Channel as C;

/// Words that say which channel an effect travels through.
const CHANNEL_WORDS: &[(Channel, &[&str])] = &[
    (
        C::Energy,
        &[
            "energy",
            "oil",
            "gas",
            "lng",
            "pipeline",
            "pipelines",
            "electricity",
            "power grid",
            "nuclear",
            "uranium",
            "fuel",
            "crude",
            "refiners",
            "coal",
            "renewables",
            "hydrogen",
        ],
    ),
    (
        C::Trade,
        &[
            "trade",
            "exports",
            "imports",
            "tariffs",
            "tariff",
            "supply chain",
            "supply chains",
            "shipping",
            "goods",
            "customs",
            "exporters",
            "importers",
            "contracts",
            "makers",
            "manufacturers",
            "carmakers",
            "freight",
            "traders",
            "buyers",
            "retailers",
        ],
    ),
    (
        C::Investment,
        &[
            "investment",
            "investments",
            "investors",
            "capital",
            "fdi",
            "joint venture",
            "joint ventures",
            "stake",
            "stakes",
        ],
    ),
    (
        C::Finance,
        &[
            "bank",
            "banks",
            "debt",
            "currency",
            "bonds",
            "lending",
            "loans",
            "financial",
            "finance",
            "markets for credit",
            "remittances",
            "inflation",
            "interest rates",
        ],
    ),
    (
        C::Security,
        &[
            "security",
            "military",
            "defence",
            "defense",
            "troops",
            "arms",
            "naval",
            "deterrence",
            "submarines",
            "conflict",
            "war",
            "terrorism",
            "weapons",
            "missile",
            "missiles",
            "insurgency",
            "attacks",
        ],
    ),
    (
        C::Migration,
        &[
            "migrants",
            "migration",
            "refugees",
            "diaspora",
            "labour migrants",
            "asylum",
            "displacement",
            "flee",
            "fleeing",
            "exodus",
        ],
    ),
    (
        C::Technology,
        &[
            "technology",
            "technologies",
            "chips",
            "semiconductors",
            "semiconductor",
            "digital",
            "tech",
            "artificial intelligence",
        ],
    ),
    (
        C::Environment,
        &[
            "climate",
            "emissions",
            "environmental",
            "environment",
            "water",
            "drought",
            "deforestation",
            "pollution",
            "biodiversity",
        ],
    ),
    (
        C::Diplomacy,
        &[
            "diplomatic",
            "diplomacy",
            "alliances",
            "alignment",
            "alignments",
            "relations",
            "negotiations",
            "recognition",
            "influence",
        ],
    ),
    (
        C::Information,
        &[
            "media",
            "disinformation",
            "propaganda",
            "information",
            "narratives",
            "censorship",
        ],
    ),
    (
        C::Food,
        &[
            "food",
            "grain",
            "wheat",
            "fertiliser",
            "fertilizer",
            "agriculture",
            "agricultural",
            "harvest",
            "famine",
            "farm",
            "farms",
            "farmers",
            "farming",
            "crops",
            "livestock",
            "beef",
            "poultry",
            "dairy",
            "meat",
            "fisheries",
        ],
    ),
    (
        C::Health,
        &[
            "health",
            "pandemic",
            "vaccine",
            "vaccines",
            "disease",
            "medicines",
            "hospitals",
        ],
    ),
    (
        C::Infrastructure,
        &[
            "infrastructure",
            "ports",
            "port",
            "railway",
            "railways",
            "roads",
            "corridor",
            "corridors",
            "transit",
            "logistics",
        ],
    ),
    (
        C::Humanitarian,
        &["humanitarian", "aid", "civilians", "relief"],
    ),
    (
        C::Legal,
        &[
            "sanctions",
            "law",
            "court",
            "legal",
            "treaty",
            "rulings",
            "arbitration",
            "compliance",
        ],
    ),
];

fn words_of(text: &str) -> String {
    // Padded with spaces so that phrases match as whole words.
    let folded = fold(text);
    let mut out = String::from(" ");
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// The channel of an effect, by its words: those of where it reaches count double, then how,
/// then who bears it. Ties go to the channel listed first; with no word at all, `None`.
pub fn channel(p: &Parts, whole: &str) -> Option<(Channel, Vec<&'static str>)> {
    let weighted = [
        (p.target.unwrap_or(""), 3),
        (p.mechanism.unwrap_or(""), 2),
        (p.affected.unwrap_or(""), 1),
        (if p.target.is_none() { whole } else { "" }, 1),
    ];
    let texts: Vec<(String, u32)> = weighted.iter().map(|(t, w)| (words_of(t), *w)).collect();
    let mut best: Option<(u32, Channel, Vec<&'static str>)> = None;
    for (channel, words) in CHANNEL_WORDS {
        let mut score = 0;
        let mut hits = Vec::new();
        for w in *words {
            let needle = format!(" {w} ");
            for (text, weight) in &texts {
                if text.contains(&needle) {
                    score += weight;
                    if !hits.contains(w) {
                        hits.push(*w);
                    }
                }
            }
        }
        if score > 0 && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, *channel, hits));
        }
    }
    best.map(|(_, c, h)| (c, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Cross-border implications extend to European energy markets, where UK \
                        investments could bolster supply chain resilience, affecting consumers \
                        in the EU and beyond.";

    #[test]
    fn reads_the_seed_pattern() {
        let p = parts(SEED);
        assert_eq!(p.target, Some("European energy markets"));
        assert_eq!(
            p.mechanism,
            Some("UK investments could bolster supply chain resilience")
        );
        assert_eq!(p.affected, Some("consumers in the EU and beyond"));
        assert_eq!(channel(&p, SEED).unwrap().0, Channel::Energy);
    }

    #[test]
    fn partial_sentences_give_partial_parts() {
        let s = "The implications reach Gulf shipping lanes, affecting insurers.";
        let p = parts(s);
        assert_eq!(p.target, Some("Gulf shipping lanes"));
        assert_eq!(p.mechanism, None);
        assert_eq!(p.affected, Some("insurers"));
        assert_eq!(channel(&p, s).unwrap().0, Channel::Trade);
        assert_eq!(parts("Nothing here crosses a border.").target, None);
    }
}
