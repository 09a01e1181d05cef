//! The words that place a sentence: cue phrases, the adjectives of further lenses, the nouns of
//! a person's perspective, and the keywords that lean an uncued sentence one way.

use crate::data::model::SentenceLens;

use super::Anchor;
use SentenceLens as L;

/// Cue phrases, folded. The earliest cue in a sentence decides; a longer one wins a tie.
pub(super) const CUES: &[(&str, SentenceLens, Anchor)] = &[
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
#[rustfmt::skip]
pub(super) const SUMMING_VERBS: &[&str] = &[
    "exemplifies", "illustrates", "epitomizes", "epitomises", "typifies", "encapsulates",
    "embodies", "shows", "demonstrates", "underscores", "highlights", "reflects", "captures",
    "showed", "illustrated", "demonstrated", "highlighted", "underscored", "revealed", "reveals",
    "exposes", "exposed", "marks", "signals",
];

/// Adverbs and "from a ... lens" adjectives for lenses beyond the fixed ones.
#[rustfmt::skip]
pub(super) const OTHER_LENSES: &[(&str, &str)] = &[
    ("economic", "Economic lens"), ("economically", "Economic lens"),
    ("financial", "Economic lens"), ("financially", "Economic lens"),
    ("security", "Security lens"), ("military", "Security lens"), ("militarily", "Security lens"),
    ("legal", "Legal lens"), ("legally", "Legal lens"), ("environmental", "Environmental lens"),
    ("environmentally", "Environmental lens"), ("climate", "Environmental lens"),
    ("political", "Political lens"), ("politically", "Political lens"),
    ("domestic", "Domestic lens"), ("domestically", "Domestic lens"),
    ("humanitarian", "Humanitarian lens"), ("energy", "Energy lens"),
    ("technological", "Technology lens"), ("diplomatic", "Diplomatic lens"),
    ("diplomatically", "Diplomatic lens"),
];

/// Section headings that name a lens by itself, folded, without the punctuation around them.
#[rustfmt::skip]
pub(super) const HEADINGS: &[(&str, SentenceLens)] = &[
    ("background", L::Background), ("context", L::Background), ("the background", L::Background),
    ("historical context", L::Background), ("history", L::Background),
    ("background and context", L::Background), ("what happened", L::Background),
    ("perspective", L::Perspective), ("the perspective", L::Perspective),
    ("geopolitics", L::Geopolitical), ("geopolitical analysis", L::Geopolitical),
    ("geopolitical implications", L::Geopolitical), ("strategic implications", L::Geopolitical),
    ("culture", L::Cultural), ("cultural context", L::Cultural), ("society", L::Cultural),
    ("actors", L::Actors), ("the actors", L::Actors), ("stakeholders", L::Actors),
    ("the players", L::Actors), ("players", L::Actors), ("who is involved", L::Actors),
    ("implications", L::Implications), ("international implications", L::Implications),
    ("global implications", L::Implications), ("spillovers", L::Implications),
    ("regional impact", L::RegionalImpact), ("regional implications", L::RegionalImpact),
    ("impact on the region", L::RegionalImpact), ("regional impacts", L::RegionalImpact),
    ("outlook", L::Outlook), ("the outlook", L::Outlook), ("looking ahead", L::Outlook),
    ("what next", L::Outlook), ("what comes next", L::Outlook), ("prospects", L::Outlook),
    ("the road ahead", L::Outlook), ("future outlook", L::Outlook), ("scenarios", L::Outlook),
    ("challenges", L::Challenges), ("key challenges", L::Challenges), ("risks", L::Challenges),
    ("challenges and risks", L::Challenges), ("risks and challenges", L::Challenges),
    ("obstacles", L::Challenges), ("uncertainties", L::Challenges),
    ("summary", L::Summary), ("conclusion", L::Summary), ("in summary", L::Summary),
    ("bottom line", L::Summary), ("the bottom line", L::Summary), ("key takeaways", L::Summary),
];

/// Adjectives of the fixed lenses after "From a ... lens/perspective".
pub(super) fn fixed_lens(adjective: &str) -> Option<SentenceLens> {
    Some(match adjective {
        "geopolitical" | "strategic" | "geostrategic" | "geo-political" => L::Geopolitical,
        "cultural" | "socio-cultural" | "sociocultural" | "societal" | "social" => L::Cultural,
        "regional" => L::RegionalImpact,
        "historical" | "historic" => L::Background,
        _ => return None,
    })
}

/// Nouns that make a perspective a person's ("an energy economist's perspective").
#[rustfmt::skip]
pub(super) const PERSONAS: &[&str] = &[
    "correspondent", "analyst", "economist", "historian", "investor", "diplomat", "strategist",
    "specialist", "expert", "observer", "journalist", "scholar", "official", "policymaker",
    "trader", "reporter", "editor", "commentator", "researcher", "adviser", "advisor",
    "practitioner", "planner", "officer", "lawyer", "banker", "consultant", "academic", "watcher",
    "negotiator", "geographer",
];

/// Openers that join a sentence to the one before without changing its subject.
#[rustfmt::skip]
pub(super) const CONNECTIVES: &[&str] = &[
    "in addition, ", "moreover, ", "meanwhile, ", "furthermore, ", "additionally, ", "also, ",
    "at the same time, ", "finally, ", "lastly, ", "and ", "but ", "still, ", "however, ",
    "indeed, ",
];

/// Words that lean a sentence without a cue towards a lens.
#[rustfmt::skip]
pub(super) const KEYWORDS: &[(SentenceLens, &[&str])] = &[
    (L::Background, &[
        "since", "history", "historically", "decades", "independence", "founded", "traditionally",
        "long", "previously", "former", "colonial",
    ]),
    (L::Geopolitical, &[
        "geopolitical", "strategic", "powers", "balance", "alliance", "influence", "rivalry",
        "multipolar", "hegemony", "sphere", "leverage", "great-power",
    ]),
    (L::Cultural, &[
        "culture", "cultural", "heritage", "identity", "religion", "religious", "language",
        "tradition", "traditions", "nomadic", "values", "society", "ethnic", "customs", "norms",
        "pride", "memory",
    ]),
    (L::RegionalImpact, &[
        "region", "regional", "neighbours", "neighbors", "neighbouring", "neighboring",
        "bordering", "nearby",
    ]),
    (L::Outlook, &[
        "will", "future", "ahead", "coming", "prospects", "eventually", "next", "expected",
        "forecast", "trajectory",
    ]),
    (L::Challenges, &[
        "risk", "risks", "challenge", "challenges", "obstacle", "obstacles", "hurdle", "hurdles",
        "corruption", "tensions", "threat", "threats", "constraint", "constraints", "uncertainty",
        "fragile", "vulnerable", "however", "yet", "although",
    ]),
    (L::Implications, &[
        "implications", "spillover", "affecting", "abroad", "cross-border", "worldwide",
    ]),
];

/// Openings that name a perspective by the person who holds it.
pub(super) const PERSON_LEADS: &[&str] = &[
    "from the perspective of ",
    "through the eyes of ",
    "in the view of ",
    "seen by ",
    "from the vantage point of ",
    "from the standpoint of ",
    "from the viewpoint of ",
    "in the eyes of ",
];

#[rustfmt::skip]
pub(super) const VIEW_NOUNS: &[&str] = &[
    "lens", "perspective", "standpoint", "viewpoint", "angle", "vantage point", "point of view",
    "prism", "optic", "frame",
];
