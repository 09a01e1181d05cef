//! Which lens each sentence belongs to. Deep dives announce their lenses with cue phrases ("From
//! a geopolitical lens", "Culturally", "Looking ahead"); a sentence with none is placed by its
//! position (the opening is background, a closing "This meeting exemplifies ..." sums up) or,
//! marked as guessed, by its words or the sentence before it.

use crate::data::model::{LensConfidence, SentenceLens};
use crate::find::fold::fold;

/// Where a sentence went and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    pub lens: SentenceLens,
    /// The lens's title when `lens` is `Other` ("Economic lens").
    pub title: Option<String>,
    pub confidence: LensConfidence,
    pub why: String,
}

/// Where a cue must stand to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// At the start of the sentence, after a connective ("Moreover, ...").
    Start,
    Anywhere,
}

use SentenceLens as L;

/// Cue phrases, folded. The earliest cue in a sentence decides; a longer one wins a tie.
const CUES: &[(&str, SentenceLens, Anchor)] = &[
    // Background
    ("historically", L::Background, Anchor::Start),
    ("for decades", L::Background, Anchor::Start),
    ("for years", L::Background, Anchor::Start),
    ("for centuries", L::Background, Anchor::Start),
    ("since independence", L::Background, Anchor::Start),
    ("against the backdrop of", L::Background, Anchor::Start),
    ("as background", L::Background, Anchor::Start),
    ("by way of background", L::Background, Anchor::Start),
    ("in context", L::Background, Anchor::Start),
    // Geopolitical
    ("geopolitically", L::Geopolitical, Anchor::Start),
    ("strategically", L::Geopolitical, Anchor::Start),
    ("in geopolitical terms", L::Geopolitical, Anchor::Start),
    ("on the geopolitical front", L::Geopolitical, Anchor::Start),
    ("at the geopolitical level", L::Geopolitical, Anchor::Start),
    ("in strategic terms", L::Geopolitical, Anchor::Start),
    ("geopolitical lens", L::Geopolitical, Anchor::Anywhere),
    // Cultural
    ("culturally", L::Cultural, Anchor::Start),
    ("socially", L::Cultural, Anchor::Start),
    ("in cultural terms", L::Cultural, Anchor::Start),
    ("on the cultural front", L::Cultural, Anchor::Start),
    ("cultural lens", L::Cultural, Anchor::Anywhere),
    // Key actors
    ("key actors", L::Actors, Anchor::Anywhere),
    ("key players", L::Actors, Anchor::Anywhere),
    ("main actors", L::Actors, Anchor::Anywhere),
    ("main players", L::Actors, Anchor::Anywhere),
    ("principal actors", L::Actors, Anchor::Anywhere),
    ("major actors", L::Actors, Anchor::Anywhere),
    ("key stakeholders", L::Actors, Anchor::Anywhere),
    ("stakeholders include", L::Actors, Anchor::Anywhere),
    ("actors involved", L::Actors, Anchor::Anywhere),
    ("the protagonists", L::Actors, Anchor::Start),
    // Implications
    (
        "cross-border implications",
        L::Implications,
        Anchor::Anywhere,
    ),
    (
        "cross border implications",
        L::Implications,
        Anchor::Anywhere,
    ),
    ("implications extend", L::Implications, Anchor::Anywhere),
    ("implications reach", L::Implications, Anchor::Anywhere),
    (
        "international implications",
        L::Implications,
        Anchor::Anywhere,
    ),
    ("spillover effects", L::Implications, Anchor::Anywhere),
    ("spillovers", L::Implications, Anchor::Start),
    ("ripple effects", L::Implications, Anchor::Anywhere),
    ("knock-on effects", L::Implications, Anchor::Anywhere),
    ("beyond its borders", L::Implications, Anchor::Start),
    ("beyond the region", L::Implications, Anchor::Start),
    ("further afield", L::Implications, Anchor::Start),
    // Regional
    ("regionally", L::RegionalImpact, Anchor::Start),
    ("at the regional level", L::RegionalImpact, Anchor::Start),
    ("on a regional level", L::RegionalImpact, Anchor::Start),
    ("for the region", L::RegionalImpact, Anchor::Start),
    ("across the region", L::RegionalImpact, Anchor::Start),
    ("within the region", L::RegionalImpact, Anchor::Start),
    ("in the region", L::RegionalImpact, Anchor::Start),
    ("in the wider region", L::RegionalImpact, Anchor::Start),
    ("for neighbouring", L::RegionalImpact, Anchor::Start),
    ("for neighboring", L::RegionalImpact, Anchor::Start),
    ("for its neighbours", L::RegionalImpact, Anchor::Start),
    ("for its neighbors", L::RegionalImpact, Anchor::Start),
    ("closer to home", L::RegionalImpact, Anchor::Start),
    ("regional impact", L::RegionalImpact, Anchor::Anywhere),
    // Outlook
    ("looking ahead", L::Outlook, Anchor::Start),
    ("looking forward", L::Outlook, Anchor::Start),
    ("going forward", L::Outlook, Anchor::Start),
    ("moving forward", L::Outlook, Anchor::Start),
    ("in the coming", L::Outlook, Anchor::Start),
    ("in the years ahead", L::Outlook, Anchor::Start),
    ("in the months ahead", L::Outlook, Anchor::Start),
    ("in the long run", L::Outlook, Anchor::Start),
    ("in the long term", L::Outlook, Anchor::Start),
    ("in the near term", L::Outlook, Anchor::Start),
    ("in the short term", L::Outlook, Anchor::Start),
    ("over the next", L::Outlook, Anchor::Start),
    ("down the line", L::Outlook, Anchor::Start),
    ("the outlook", L::Outlook, Anchor::Start),
    ("in future", L::Outlook, Anchor::Start),
    ("in the future", L::Outlook, Anchor::Start),
    ("future", L::Outlook, Anchor::Start),
    ("the road ahead", L::Outlook, Anchor::Start),
    ("what comes next", L::Outlook, Anchor::Start),
    ("what happens next", L::Outlook, Anchor::Start),
    ("next steps", L::Outlook, Anchor::Start),
    ("in the months to come", L::Outlook, Anchor::Start),
    ("in the years to come", L::Outlook, Anchor::Start),
    // Challenges
    ("however, challenges", L::Challenges, Anchor::Start),
    ("however, obstacles", L::Challenges, Anchor::Start),
    ("however, risks", L::Challenges, Anchor::Start),
    ("challenges like", L::Challenges, Anchor::Anywhere),
    ("challenges such as", L::Challenges, Anchor::Anywhere),
    ("challenges include", L::Challenges, Anchor::Anywhere),
    ("challenges including", L::Challenges, Anchor::Anywhere),
    ("challenges remain", L::Challenges, Anchor::Anywhere),
    ("challenges persist", L::Challenges, Anchor::Anywhere),
    ("obstacles include", L::Challenges, Anchor::Anywhere),
    ("obstacles remain", L::Challenges, Anchor::Anywhere),
    ("hurdles", L::Challenges, Anchor::Start),
    ("obstacles", L::Challenges, Anchor::Start),
    ("risks include", L::Challenges, Anchor::Anywhere),
    ("risks such as", L::Challenges, Anchor::Anywhere),
    ("risks remain", L::Challenges, Anchor::Anywhere),
    ("on the downside", L::Challenges, Anchor::Start),
    ("headwinds", L::Challenges, Anchor::Start),
    ("the main challenge", L::Challenges, Anchor::Start),
    ("the challenges", L::Challenges, Anchor::Start),
    ("challenges", L::Challenges, Anchor::Start),
    // The closing sentence that sums up
    ("in sum", L::Summary, Anchor::Start),
    ("in short", L::Summary, Anchor::Start),
    ("in conclusion", L::Summary, Anchor::Start),
    ("overall", L::Summary, Anchor::Start),
    ("ultimately", L::Summary, Anchor::Start),
    ("all told", L::Summary, Anchor::Start),
    ("taken together", L::Summary, Anchor::Start),
];

/// Verbs of a closing sentence: "This interaction exemplifies ...".
const SUMMING_VERBS: &[&str] = &[
    "exemplifies",
    "illustrates",
    "epitomizes",
    "epitomises",
    "typifies",
    "encapsulates",
    "embodies",
    "shows",
    "demonstrates",
    "underscores",
    "highlights",
    "reflects",
    "captures",
    "showed",
    "illustrated",
    "demonstrated",
    "highlighted",
    "underscored",
    "revealed",
    "reveals",
    "exposes",
    "exposed",
    "marks",
    "signals",
];

/// Adverbs and "from a ... lens" adjectives for lenses beyond the fixed ones.
const OTHER_LENSES: &[(&str, &str)] = &[
    ("economic", "Economic lens"),
    ("economically", "Economic lens"),
    ("financial", "Economic lens"),
    ("financially", "Economic lens"),
    ("security", "Security lens"),
    ("military", "Security lens"),
    ("militarily", "Security lens"),
    ("legal", "Legal lens"),
    ("legally", "Legal lens"),
    ("environmental", "Environmental lens"),
    ("environmentally", "Environmental lens"),
    ("climate", "Environmental lens"),
    ("political", "Political lens"),
    ("politically", "Political lens"),
    ("domestic", "Domestic lens"),
    ("domestically", "Domestic lens"),
    ("humanitarian", "Humanitarian lens"),
    ("energy", "Energy lens"),
    ("technological", "Technology lens"),
    ("diplomatic", "Diplomatic lens"),
    ("diplomatically", "Diplomatic lens"),
];

/// Adjectives of the fixed lenses after "From a ... lens/perspective".
fn fixed_lens(adjective: &str) -> Option<SentenceLens> {
    Some(match adjective {
        "geopolitical" | "strategic" | "geostrategic" | "geo-political" => L::Geopolitical,
        "cultural" | "socio-cultural" | "sociocultural" | "societal" | "social" => L::Cultural,
        "regional" => L::RegionalImpact,
        "historical" | "historic" => L::Background,
        _ => return None,
    })
}

/// Nouns that make a perspective a person's ("an energy economist's perspective").
const PERSONAS: &[&str] = &[
    "correspondent",
    "analyst",
    "economist",
    "historian",
    "investor",
    "diplomat",
    "strategist",
    "specialist",
    "expert",
    "observer",
    "journalist",
    "scholar",
    "official",
    "policymaker",
    "trader",
    "reporter",
    "editor",
    "commentator",
    "researcher",
    "adviser",
    "advisor",
    "practitioner",
    "planner",
    "officer",
    "lawyer",
    "banker",
    "consultant",
    "academic",
    "watcher",
    "negotiator",
    "geographer",
];

/// Openers that join a sentence to the one before without changing its subject.
const CONNECTIVES: &[&str] = &[
    "in addition, ",
    "moreover, ",
    "meanwhile, ",
    "furthermore, ",
    "additionally, ",
    "also, ",
    "at the same time, ",
    "finally, ",
    "lastly, ",
    "and ",
    "but ",
    "still, ",
    "however, ",
    "indeed, ",
];

/// Words that lean a sentence without a cue towards a lens.
const KEYWORDS: &[(SentenceLens, &[&str])] = &[
    (
        L::Background,
        &[
            "since",
            "history",
            "historically",
            "decades",
            "independence",
            "founded",
            "traditionally",
            "long",
            "previously",
            "former",
            "colonial",
        ],
    ),
    (
        L::Geopolitical,
        &[
            "geopolitical",
            "strategic",
            "powers",
            "balance",
            "alliance",
            "influence",
            "rivalry",
            "multipolar",
            "hegemony",
            "sphere",
            "leverage",
            "great-power",
        ],
    ),
    (
        L::Cultural,
        &[
            "culture",
            "cultural",
            "heritage",
            "identity",
            "religion",
            "religious",
            "language",
            "tradition",
            "traditions",
            "nomadic",
            "values",
            "society",
            "ethnic",
            "customs",
            "norms",
            "pride",
            "memory",
        ],
    ),
    (
        L::RegionalImpact,
        &[
            "region",
            "regional",
            "neighbours",
            "neighbors",
            "neighbouring",
            "neighboring",
            "bordering",
            "nearby",
        ],
    ),
    (
        L::Outlook,
        &[
            "will",
            "future",
            "ahead",
            "coming",
            "prospects",
            "eventually",
            "next",
            "expected",
            "forecast",
            "trajectory",
        ],
    ),
    (
        L::Challenges,
        &[
            "risk",
            "risks",
            "challenge",
            "challenges",
            "obstacle",
            "obstacles",
            "hurdle",
            "hurdles",
            "corruption",
            "tensions",
            "threat",
            "threats",
            "constraint",
            "constraints",
            "uncertainty",
            "fragile",
            "vulnerable",
            "however",
            "yet",
            "although",
        ],
    ),
    (
        L::Implications,
        &[
            "implications",
            "spillover",
            "affecting",
            "abroad",
            "cross-border",
            "worldwide",
        ],
    ),
];

/// The lens of every sentence, in order.
pub fn assign(sentences: &[&str]) -> Vec<Assigned> {
    let n = sentences.len();
    let mut out: Vec<Assigned> = Vec::with_capacity(n);
    let mut seen_cue = false;
    for (i, s) in sentences.iter().enumerate() {
        let folded = fold(s);
        if let Some(a) = by_cue(s, &folded) {
            seen_cue = true;
            out.push(a);
            continue;
        }
        let last = i + 1 == n;
        if last && n >= 4 && sums_up(&folded) {
            out.push(Assigned {
                lens: L::Summary,
                title: None,
                confidence: LensConfidence::Position,
                why: "the closing sentence sums up".to_owned(),
            });
            continue;
        }
        if !seen_cue {
            out.push(Assigned {
                lens: L::Background,
                title: None,
                confidence: LensConfidence::Position,
                why: "opens the text, before any cue".to_owned(),
            });
            continue;
        }
        if let Some(word) = contrast(&folded) {
            out.push(Assigned {
                lens: L::Challenges,
                title: None,
                confidence: LensConfidence::Guessed,
                why: format!("no cue; opens with \"{word}\""),
            });
            continue;
        }
        if let Some((lens, words)) = by_keywords(&folded) {
            out.push(Assigned {
                lens,
                title: None,
                confidence: LensConfidence::Guessed,
                why: format!("no cue; its words: {}", words.join(", ")),
            });
            continue;
        }
        // The lens of the sentence before, unless that was a list of actors or an implication:
        // those are one sentence each, so the prose lens before them carries on.
        let previous = out
            .iter()
            .rev()
            .find(|a| !matches!(a.lens, L::Actors | L::Implications))
            .cloned()
            .unwrap_or(Assigned {
                lens: L::Background,
                title: None,
                confidence: LensConfidence::Guessed,
                why: String::new(),
            });
        out.push(Assigned {
            confidence: LensConfidence::Guessed,
            why: "no cue; follows the prose before it".to_owned(),
            ..previous
        });
    }
    out
}

/// The sentence without a leading connective ("Moreover, ").
fn opening(folded: &str) -> &str {
    let mut rest = folded.trim_start();
    loop {
        match CONNECTIVES.iter().find(|c| rest.starts_with(*c)) {
            Some(c) => rest = &rest[c.len()..],
            None => return rest,
        }
    }
}

/// Whether `phrase` occurs in `text` at `at` as whole words.
fn whole_word_at(text: &str, at: usize, phrase: &str) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + phrase.len()..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

fn find_word(text: &str, phrase: &str) -> Option<usize> {
    text.match_indices(phrase)
        .map(|(i, _)| i)
        .find(|&i| whole_word_at(text, i, phrase))
}

fn by_cue(original: &str, folded: &str) -> Option<Assigned> {
    let open = opening(folded);
    let offset = folded.len() - open.len();
    // (position, length, assignment)
    let mut best: Option<(usize, usize, Assigned)> = None;
    let mut consider = |at: usize, len: usize, a: Assigned| {
        if best
            .as_ref()
            .is_none_or(|(p, l, _)| at < *p || (at == *p && len > *l))
        {
            best = Some((at, len, a));
        }
    };
    for &(phrase, lens, anchor) in CUES {
        let at = match anchor {
            Anchor::Start => {
                (open.starts_with(phrase) && whole_word_at(open, 0, phrase)).then_some(offset)
            }
            Anchor::Anywhere => find_word(folded, phrase),
        };
        if let Some(at) = at {
            // The cue as written, where folding kept the offsets (it does for ASCII).
            let shown = original
                .get(at..at + phrase.len())
                .filter(|s| s.eq_ignore_ascii_case(phrase))
                .unwrap_or(phrase);
            consider(at, phrase.len(), cue(lens, None, shown));
        }
    }
    // "The protagonists are ...", "Among the actors that matter most are ...".
    if let Some(at) = list_of_actors(folded) {
        consider(at, 6, cue(L::Actors, None, "actors ... are"));
    }
    // "The effects reach Europe", "The repercussions spread to ...".
    if let Some(at) = effects_travel(folded) {
        consider(at, 7, cue(L::Implications, None, "effects ... reach"));
    }
    // "Economically, ..." and other adverbs of further lenses.
    let first_word: &str = open
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    if let Some((_, title)) = OTHER_LENSES.iter().find(|(w, _)| *w == first_word)
        && first_word.ends_with("ly")
    {
        consider(
            offset,
            first_word.len(),
            cue(L::Other, Some(title), first_word),
        );
    }
    // "From a/an <words> lens|perspective|standpoint ..."
    if let Some((at, len, a)) = from_a_lens(original, folded) {
        consider(at, len, a);
    }
    // "From the perspective of a Sahel correspondent, ..."
    for lead in PERSON_LEADS {
        if open.starts_with(lead) && perspective_name(original).is_some() {
            consider(
                offset,
                lead.len(),
                cue(L::Perspective, None, lead.trim_end()),
            );
        }
    }
    // "The International Affairs Correspondent perspective highlights ..."
    if let Some((at, name)) = perspective_at(original) {
        let phrase = format!("{name} perspective");
        consider(
            at,
            phrase.len(),
            Assigned {
                lens: L::Perspective,
                title: None,
                confidence: LensConfidence::Cue,
                why: format!("cue \"{phrase}\""),
            },
        );
    }
    best.map(|(_, _, a)| a)
}

fn cue(lens: SentenceLens, title: Option<&str>, phrase: &str) -> Assigned {
    Assigned {
        lens,
        title: title.map(str::to_owned),
        confidence: LensConfidence::Cue,
        why: format!("cue \"{phrase}\""),
    }
}

/// Openings that name a perspective by the person who holds it.
const PERSON_LEADS: &[&str] = &[
    "from the perspective of ",
    "through the eyes of ",
    "in the view of ",
    "seen by ",
];

const VIEW_NOUNS: &[&str] = &[
    "lens",
    "perspective",
    "standpoint",
    "viewpoint",
    "angle",
    "vantage point",
    "point of view",
];

/// "From a geopolitical lens", "From an economic standpoint", "From an investor's perspective".
fn from_a_lens(original: &str, folded: &str) -> Option<(usize, usize, Assigned)> {
    let open = opening(folded);
    let offset = folded.len() - open.len();
    let rest = [
        "from a ",
        "from an ",
        "from the ",
        "through a ",
        "through an ",
        "through the ",
        "seen through a ",
        "seen through an ",
        "seen through the ",
        "viewed through a ",
        "viewed through an ",
        "viewed through the ",
        "seen from a ",
        "seen from an ",
        "viewed from a ",
        "viewed from an ",
        "looked at through a ",
        "read through a ",
    ]
    .iter()
    .find_map(|p| open.strip_prefix(p))?;
    let (noun, at) = VIEW_NOUNS
        .iter()
        .filter_map(|n| find_word(rest, n).map(|i| (*n, i)))
        .min_by_key(|&(_, i)| i)?;
    let words = rest[..at]
        .trim()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim();
    if words.is_empty() || words.split_whitespace().count() > 4 || words.contains(',') {
        return None;
    }
    let len = folded.len() - offset - (rest.len() - at - noun.len());
    let phrase = &original
        .get(offset..offset + len)
        .unwrap_or(words)
        .to_owned();
    if let Some(lens) = fixed_lens(words) {
        return Some((offset, len, cue(lens, None, phrase)));
    }
    if let Some((_, title)) = OTHER_LENSES.iter().find(|(w, _)| *w == words) {
        return Some((offset, len, cue(L::Other, Some(title), phrase)));
    }
    if noun != "lens" && persona(words) {
        return Some((offset, len, cue(L::Perspective, None, phrase)));
    }
    None
}

fn persona(words: &str) -> bool {
    words
        .split_whitespace()
        .last()
        .is_some_and(|w| PERSONAS.contains(&w.trim_end_matches("'s")))
}

/// Where a list of actors is announced: "actors", "players" or "stakeholders" followed within a
/// few words by "are" or "include".
fn list_of_actors(folded: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = word_spans(folded);
    words.iter().enumerate().find_map(|(k, &(at, w))| {
        let noun = matches!(
            w,
            "actors" | "players" | "stakeholders" | "protagonists" | "parties"
        );
        let verb = words[k + 1..].iter().take(5).any(|(_, v)| {
            matches!(
                *v,
                "are" | "include" | "includes" | "including" | "comprise" | "were"
            )
        });
        (noun && verb).then_some(at)
    })
}

/// Where effects are said to travel: "effects", "implications", "repercussions" ... followed
/// within a few words by "reach", "extend", "spread", "spill" ...
fn effects_travel(folded: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = word_spans(folded);
    words.iter().enumerate().find_map(|(k, &(at, w))| {
        let noun = matches!(
            w,
            "effects"
                | "implications"
                | "consequences"
                | "repercussions"
                | "fallout"
                | "ripples"
                | "spillover"
                | "spillovers"
                | "impact"
                | "impacts"
        );
        let verb = words[k + 1..].iter().take(4).any(|(_, v)| {
            matches!(
                *v,
                "reach"
                    | "reaches"
                    | "extend"
                    | "extends"
                    | "spread"
                    | "spreads"
                    | "spill"
                    | "spills"
                    | "ripple"
                    | "ripples"
                    | "reverberate"
                    | "reverberates"
                    | "felt"
                    | "stretch"
                    | "stretches"
                    | "travel"
                    | "travels"
            )
        });
        (noun && verb).then_some(at)
    })
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_alphanumeric() || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A sentence that opens by turning against what came before ("Yet Moscow may respond ...").
fn contrast(folded: &str) -> Option<&'static str> {
    [
        "yet",
        "however",
        "but",
        "still",
        "nevertheless",
        "nonetheless",
        "even so",
    ]
    .into_iter()
    .find(|w| folded.starts_with(w) && whole_word_at(folded, 0, w))
}

fn sums_up(folded: &str) -> bool {
    let open = opening(folded);
    let mut words = open.split_whitespace();
    let first = words.next().unwrap_or("");
    if !matches!(first, "this" | "these" | "such" | "the") {
        return false;
    }
    open.split_whitespace()
        .take(6)
        .any(|w| SUMMING_VERBS.contains(&w))
}

fn by_keywords(folded: &str) -> Option<(SentenceLens, Vec<&'static str>)> {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut scored: Vec<(SentenceLens, Vec<&'static str>)> = KEYWORDS
        .iter()
        .map(|(lens, keys)| {
            let hits: Vec<&'static str> =
                keys.iter().copied().filter(|k| words.contains(k)).collect();
            (*lens, hits)
        })
        .collect();
    scored.sort_by_key(|(_, hits)| std::cmp::Reverse(hits.len()));
    let top = scored[0].1.len();
    let runner_up = scored[1].1.len();
    (top >= 2 && top > runner_up).then(|| scored.swap_remove(0))
}

/// The perspective a sentence names, and where: "The International Affairs Correspondent
/// perspective highlights" gives "International Affairs Correspondent"; "From an energy
/// economist's perspective" gives "Energy Economist". A lens adjective ("a geopolitical
/// perspective") is not a perspective's name.
pub fn perspective_name(sentence: &str) -> Option<String> {
    if let Some((_, name)) = perspective_at(sentence) {
        return Some(name);
    }
    let folded = fold(sentence);
    let open = opening(&folded);
    // "From the perspective of an energy economist", "through the eyes of a diplomat"
    for lead in PERSON_LEADS {
        if let Some(rest) = open.strip_prefix(lead) {
            let rest = rest
                .strip_prefix("an ")
                .or_else(|| rest.strip_prefix("a "))
                .or_else(|| rest.strip_prefix("the "))
                .unwrap_or(rest);
            let end = rest.find([',', '.', ';']).unwrap_or(rest.len());
            let words = rest[..end].trim();
            if persona(words) && words.split_whitespace().count() <= 4 {
                return Some(title_case(words));
            }
        }
    }
    // "From an energy economist's perspective"
    let rest = ["from a ", "from an ", "from the "]
        .iter()
        .find_map(|p| open.strip_prefix(p))?;
    let at = find_word(rest, "perspective")?;
    let words = rest[..at]
        .trim()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim();
    (persona(words) && words.split_whitespace().count() <= 4).then(|| title_case(words))
}

/// "<Capitalised words> perspective", with where the words start.
fn perspective_at(sentence: &str) -> Option<(usize, String)> {
    let tokens = super::sentences::tokens(sentence);
    let k = tokens.iter().position(|t| t.text == "perspective")?;
    let mut first = k;
    while first > 0 && tokens[first - 1].capitalised() && !tokens[first - 1].break_after {
        first -= 1;
    }
    // The sentence's first word is capitalised anyway: "From ..." or "The ..." are no names.
    if first < k
        && first == 0
        && matches!(
            tokens[0].text.as_str(),
            "The" | "A" | "An" | "This" | "From"
        )
    {
        first = 1;
    }
    if first == k {
        return None;
    }
    let words: Vec<&str> = tokens[first..k].iter().map(|t| t.text.as_str()).collect();
    let all_adjectives = words.iter().all(|w| {
        let l = w.to_lowercase();
        fixed_lens(&l).is_some() || OTHER_LENSES.iter().any(|(x, _)| *x == l)
    });
    if all_adjectives {
        return None;
    }
    let name = sentence[tokens[first].start..tokens[k - 1].end].to_owned();
    Some((tokens[first].start, name))
}

fn title_case(words: &str) -> String {
    words
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "and" | "the" | "for" | "in" | "on") {
                return w.to_owned();
            }
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens_of(s: &str) -> (SentenceLens, Option<String>) {
        let a = by_cue(s, &fold(s)).unwrap_or_else(|| panic!("no cue in {s:?}"));
        (a.lens, a.title)
    }

    #[test]
    fn cue_phrases_name_their_lens() {
        assert_eq!(
            lens_of("From a geopolitical lens, this matters.").0,
            L::Geopolitical
        );
        assert_eq!(lens_of("Culturally, the steppe matters.").0, L::Cultural);
        assert_eq!(
            lens_of("Moreover, regionally this matters.").0,
            L::RegionalImpact
        );
        assert_eq!(lens_of("Looking ahead, deals could follow.").0, L::Outlook);
        assert_eq!(
            lens_of("However, challenges like graft may bite.").0,
            L::Challenges
        );
        assert_eq!(lens_of("Key actors include the EU.").0, L::Actors);
        assert_eq!(
            lens_of("Cross-border implications extend to Europe.").0,
            L::Implications
        );
        assert_eq!(
            lens_of("Economically, the deal is small."),
            (L::Other, Some("Economic lens".to_owned()))
        );
        assert_eq!(
            lens_of("From an economic standpoint, it is small."),
            (L::Other, Some("Economic lens".to_owned()))
        );
        assert_eq!(
            lens_of("The International Affairs Correspondent perspective highlights trade.").0,
            L::Perspective
        );
    }

    #[test]
    fn the_earliest_cue_wins() {
        // "geopolitical lens" comes before "challenges like".
        assert_eq!(
            lens_of("From a geopolitical lens, challenges like sanctions loom.").0,
            L::Geopolitical
        );
    }

    #[test]
    fn perspective_names_come_from_the_text() {
        let name = |s: &str| perspective_name(s);
        assert_eq!(
            name("The International Affairs Correspondent perspective highlights how.").as_deref(),
            Some("International Affairs Correspondent")
        );
        assert_eq!(
            name("From the perspective of an energy economist, prices matter.").as_deref(),
            Some("Energy Economist")
        );
        assert_eq!(
            name("From a security analyst's perspective, the base matters.").as_deref(),
            Some("Security Analyst")
        );
        assert_eq!(name("From a geopolitical perspective, it matters."), None);
        assert_eq!(name("The Geopolitical perspective matters."), None);
    }

    #[test]
    fn uncued_sentences_go_by_position_then_words_then_neighbour() {
        let got = assign(&[
            "Kazakhstan has long balanced its neighbours.",
            "It sells oil.",
            "Culturally, the steppe shapes habits.",
            "Its heritage and identity and traditions persist.",
            "Nothing to see.",
            "This episode illustrates pragmatic diplomacy.",
        ]);
        let lenses: Vec<(SentenceLens, LensConfidence)> =
            got.iter().map(|a| (a.lens, a.confidence)).collect();
        assert_eq!(
            lenses,
            [
                (L::Background, LensConfidence::Position),
                (L::Background, LensConfidence::Position),
                (L::Cultural, LensConfidence::Cue),
                (L::Cultural, LensConfidence::Guessed),
                (L::Cultural, LensConfidence::Guessed),
                (L::Summary, LensConfidence::Position),
            ]
        );
    }
}
