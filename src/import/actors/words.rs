//! The words the actor reader knows: how interests and roles open, titles, and the nouns that
//! say what kind of actor an unknown name is.

use crate::data::model::ActorKind;

/// Openings of a phrase that says what an actor wants; the phrase after it is the interest.
#[rustfmt::skip]
pub(super) const INTEREST_LEADS: &[&str] = &[
    "pursuing", "seeking", "interested in", "keen on", "keen to", "eager to", "eager for",
    "aiming to", "aiming for", "aiming at", "hoping to", "hoping for", "looking to", "looking for",
    "wanting", "focused on", "focusing on", "intent on", "determined to", "eyeing", "pushing for",
    "striving for", "vying for", "bent on", "anxious to", "wary of", "concerned about",
    "worried about", "motivated by", "driven by", "who seek", "who seeks", "which seek",
    "which seeks", "who want", "who wants", "which want", "which wants", "with an interest in",
    "with interests in", "in pursuit of", "courting", "protecting", "defending", "safeguarding",
    "preserving", "securing", "promoting", "prioritising", "prioritizing", "aspiring to",
    "hungry for", "intent upon", "keen for",
    // After a list item's colon, the actor is understood: "William Ruto: wants a win".
    "wants", "seeks", "aims to", "aims for", "hopes to", "hopes for", "intends to",
];

/// Verbs that open a chunk saying what the actor before it does: "Jimmy Chérizier, a gang
/// leader, opposes the foreign force".
#[rustfmt::skip]
pub(super) const ACTION_VERBS: &[&str] = &[
    // Third person, and plural forms that do not also open a noun phrase ("host communities",
    // "support groups" are actors of their own).
    "opposes", "oppose", "supports", "backs", "leads", "controls", "rejects", "reject",
    "favours", "favors", "fears", "holds", "runs", "commands", "pays", "owns", "denies", "deny",
    "accuses", "accuse", "demands", "insists", "insist", "welcomes", "resists", "resist",
    "threatens", "threaten", "hosts", "is", "are", "has", "have", "was", "were",
];

/// Openings of a phrase that names another actor inside an item, and how to say its role.
#[rustfmt::skip]
pub(super) const NESTED_LEADS: &[(&str, &str)] = &[
    ("led by", "leads"), ("headed by", "heads"), ("chaired by", "chairs"),
    ("fronted by", "fronts"), ("represented by", "represents"), ("under", "leads"),
    ("including", "part of"), ("notably", "part of"),
];

/// Openings of a phrase that says what an actor does.
#[rustfmt::skip]
pub(super) const ROLE_LEADS: &[&str] = &[
    "as ", "acting as", "serving as", "which ", "who ", "whose ", "responsible for", "tasked with",
    "in charge of", "hosting", "brokering", "mediating", "backing", "funding", "supplying",
    "opposing", "representing",
];

/// Words of a title before a person's name.
#[rustfmt::skip]
pub(super) const TITLE_WORDS: &[&str] = &[
    "President", "Vice", "Prime", "Minister", "Foreign", "Deputy", "Secretary", "General",
    "Chancellor", "King", "Queen", "Crown", "Prince", "Princess", "Emir", "Sheikh", "Sultan",
    "Ambassador", "Commissioner", "Governor", "Mayor", "Senator", "Speaker", "Chairman", "Chair",
    "Chairwoman", "CEO", "Chief", "Executive", "Defence", "Defense", "Finance", "Economy", "Trade",
    "Interior", "Energy", "State", "Supreme", "Leader", "Head", "Director", "Envoy", "Special",
    "High", "Representative", "Commander", "Colonel", "Lieutenant", "Admiral", "Marshal", "Field",
    "Premier", "Opposition", "Dr", "Mr", "Mrs", "Ms", "Lord", "Lady", "Sir", "Dame", "Ayatollah",
    "Pope", "Cardinal", "Archbishop", "Patriarch", "Economic", "Affairs", "External", "Justice",
    "Agriculture", "Transport", "Industry", "Investment", "Mining", "Labour", "Labor", "Health",
    "Education", "Culture", "Environment", "Climate", "Digital", "Army", "Chief-of-Staff", "Gen",
    "Sen", "Rep", "Gov", "Crown-Prince", "Senior", "First",
];

/// The words that make a run of title words a title: "Energy Minister" is one, "Economic
/// Community" and "Trade Policy" are not.
#[rustfmt::skip]
pub(super) const CORE_TITLES: &[&str] = &[
    "President", "Minister", "Secretary", "General", "Chancellor", "King", "Queen", "Prince",
    "Princess", "Emir", "Sheikh", "Sultan", "Ambassador", "Commissioner", "Governor", "Mayor",
    "Senator", "Speaker", "Chairman", "Chair", "Chairwoman", "CEO", "Chief", "Leader", "Head",
    "Director", "Envoy", "Representative", "Commander", "Colonel", "Lieutenant", "Admiral",
    "Marshal", "Premier", "Dr", "Mr", "Mrs", "Ms", "Lord", "Lady", "Sir", "Dame", "Ayatollah",
    "Pope", "Cardinal", "Archbishop", "Patriarch", "Gen", "Sen", "Rep", "Gov",
];

pub(super) fn is_core_title(word: &str) -> bool {
    CORE_TITLES.contains(&word.trim_end_matches('.'))
}

pub(crate) fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&word.trim_end_matches('.'))
}

/// Nouns that make an unknown head a group of people or firms, not an organization.
#[rustfmt::skip]
pub(super) const GROUP_NOUNS: &[&str] = &[
    "firms", "companies", "business", "businesses", "investors", "community", "workers",
    "migrants", "farmers", "protesters", "consumers", "exporters", "importers", "producers",
    "citizens", "diaspora", "refugees", "traders", "banks", "lenders", "creditors", "voters",
    "families", "households", "students", "communities", "elites", "oligarchs", "officials",
    "shippers", "insurers", "manufacturers", "miners", "residents", "civilians", "activists",
];

/// Capitalised words that end a title but are no one's name ("General Assembly").
#[rustfmt::skip]
pub(super) const NOT_NAMES: &[&str] = &[
    "Assembly", "Council", "Committee", "Union", "Bank", "Fund", "Ministry", "Office",
    "Department", "Forces", "Party", "Court", "Commission", "Staff", "Affairs", "Secretariat",
    "Agency", "Authority", "Board", "Service", "Services", "Guard", "Corps", "Command",
];

#[rustfmt::skip]
pub(super) const ARMED_NOUNS: &[&str] = &[
    "rebels", "militia", "militias", "insurgents", "fighters", "militants", "paramilitaries",
    "guerrillas", "jihadists", "forces",
];

#[rustfmt::skip]
pub(super) const COMPANY_SUFFIXES: &[&str] = &[
    "Inc", "Ltd", "plc", "PLC", "Corp", "Corporation", "Company", "Group", "Holding", "Holdings",
    "Petroleum", "Oil", "Gas", "Mining", "Motors", "Airlines", "Energy", "Resources", "AG", "SA",
    "GmbH", "LLC",
];

#[rustfmt::skip]
pub(super) const GOVERNMENT_NOUNS: &[&str] = &[
    "government", "authorities", "administration", "ministry", "cabinet", "leadership", "junta",
    "regime", "state",
];

#[rustfmt::skip]
pub(super) const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "von", "der", "de", "van", "da", "la", "le", "el", "du", "dos", "di",
];

/// Nouns that make a capitalised name before them an organisation: "the Demokraatit party".
#[rustfmt::skip]
pub(super) const ORG_NOUNS: &[(&str, ActorKind)] = &[
    ("party", ActorKind::Party), ("movement", ActorKind::Organization),
    ("militia", ActorKind::ArmedGroup), ("rebels", ActorKind::ArmedGroup),
    ("coalition", ActorKind::Organization), ("group", ActorKind::Organization),
    ("company", ActorKind::Company), ("consortium", ActorKind::Company),
    ("corporation", ActorKind::Company), ("army", ActorKind::Agency), ("navy", ActorKind::Agency),
    ("front", ActorKind::ArmedGroup), ("brigades", ActorKind::ArmedGroup),
];

/// Nouns of office written in lower case before a name set off by commas: "The enclave's
/// leader, Samvel Shahramanyan, later signed ...".
#[rustfmt::skip]
pub(super) const OFFICE_NOUNS: &[&str] = &[
    "leader", "president", "minister", "chief", "head", "commander", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "king", "premier", "chairman", "governor", "mayor",
    "founder", "secretary", "ruler",
];

/// Nouns before an organisation's name set off by commas: "the plant's operator, TEPCO,".
pub(super) const ORG_ROLE_NOUNS: &[(&str, ActorKind)] = &[
    ("operator", ActorKind::Company),
    ("owner", ActorKind::Company),
    ("company", ActorKind::Company),
    ("firm", ActorKind::Company),
    ("producer", ActorKind::Company),
    ("regulator", ActorKind::Agency),
    ("agency", ActorKind::Agency),
    ("group", ActorKind::Organization),
];
