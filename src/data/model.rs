//! The dataset as it is written on disk: one Rust type per JSON object.
//!
//! These types are the single source of the format: serde reads them, schemars turns them into
//! `docs/dataset.schema.json`, and `docs/dataset.md` explains them. References between entities
//! are plain id strings here; `validate` checks them and `index` resolves them once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;
pub use super::vocabulary::*;

/// One deep-dive analysis of an event, read through a perspective and several lenses.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = finished_needs_sources)]
pub struct Analysis {
    /// Lower-case id, `a-z`, `0-9` and `-`; unique among analyses.
    pub id: String,
    pub title: String,
    /// When the event happened: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. A draft
    /// whose text gives no date writes `null` and reads as [`PartialDate::UNDATED`].
    #[serde(default = "PartialDate::undated", with = "undated_as_null")]
    #[schemars(with = "Option<PartialDate>")]
    pub event_date: PartialDate,
    /// The date the analysis was written for: facts and office-holders are as of this day.
    pub as_of: PartialDate,
    /// Whose eyes the analysis reads the event through, e.g. "International Affairs Correspondent".
    pub perspective: String,
    /// A slug naming the event, shared by analyses that read the same event from different
    /// perspectives, so a reader can compare them. Omit it for an event read only once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Ids of the places the event concerns (countries, regions, blocs).
    pub places: Vec<String>,
    pub summary: String,
    pub lenses: Lenses,
    /// The key actors, each with the role it plays in this event and what it wants.
    pub actors: Vec<ActorRole>,
    /// Ids of themes.
    pub themes: Vec<String>,
    #[serde(default)]
    pub implications: Vec<Implication>,
    /// Risks and obstacles that could change the outlook, one per entry.
    #[serde(default)]
    pub risks: Vec<String>,
    /// Caveats about the sources or facts of this analysis (an undated meeting, a disputed figure).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    /// How `event_date` is known: stated by the sources (the default), or inferred from them (an
    /// undated meeting placed in the month of a visit), which the explorer says beside the date.
    #[serde(default, skip_serializing_if = "DateBasis::is_stated")]
    pub event_date_basis: DateBasis,
    /// The date of the last revision of this analysis (a correction, a new source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<PartialDate>,
    /// What the analysis rests on: pages and documents its author read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Present on an analysis imported from text and not yet reviewed (`geolens import`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Box<Draft>>,
}

/// A finished analysis rests on at least this many sources, so that no fact hangs on one page;
/// a draft may have fewer.
pub const MIN_SOURCES: usize = 2;

impl Analysis {
    pub fn is_draft(&self) -> bool {
        self.draft.is_some()
    }

    /// The fields a finished analysis needs and this one lacks (what keeps a draft from being
    /// published), in the order of the file. Empty for one `geolens check` accepts as finished.
    pub fn unfinished(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if !self.event_date.is_known() {
            out.push("event_date");
        }
        if self.perspective.trim().is_empty() {
            out.push("perspective");
        }
        if self.summary.trim().is_empty() {
            out.push("summary");
        }
        if self.actors.iter().any(|r| r.role.trim().is_empty()) {
            out.push("roles");
        }
        if self.updated.is_none() {
            out.push("updated");
        }
        if self.sources.len() < MIN_SOURCES {
            out.push("sources");
        }
        out
    }
}

/// In the schema as in `check`: an analysis that is not a draft has `updated` and at least
/// [`MIN_SOURCES`] sources.
fn finished_needs_sources(schema: &mut schemars::Schema) {
    schema.insert(
        "if".into(),
        serde_json::json!({ "not": { "required": ["draft"] } }),
    );
    schema.insert(
        "then".into(),
        serde_json::json!({
            "required": ["sources", "updated"],
            "properties": { "sources": { "minItems": MIN_SOURCES } }
        }),
    );
}

/// `event_date` as JSON: a date, or `null` (or nothing) for an undated draft.
pub(crate) mod undated_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::PartialDate;

    pub fn serialize<S: Serializer>(date: &PartialDate, s: S) -> Result<S::Ok, S::Error> {
        if date.is_known() {
            s.collect_str(date)
        } else {
            s.serialize_none()
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        Ok(Option::<PartialDate>::deserialize(d)?.unwrap_or(PartialDate::UNDATED))
    }
}

/// What an import knows that a finished analysis does not need: the text it came from, where each
/// sentence of it went, and what a person must still check. Deleting this object (once reviewed)
/// makes the analysis a finished one.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The file it was imported from (`-` for standard input).
    pub source: String,
    /// The day of the import.
    pub imported: PartialDate,
    /// The text exactly as imported, boilerplate and all, so that nothing is lost.
    pub source_text: String,
    /// The sentences of the text without its boilerplate, in order, each with where it went.
    pub sentences: Vec<DraftSentence>,
    /// What needs a human, one line each, starting with the field concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<String>,
}

/// One sentence of an imported text and the part of the analysis it went to.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftSentence {
    pub text: String,
    pub lens: SentenceLens,
    /// For `other`: the lens's title ("Economic lens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub lens_confidence: LensConfidence,
    /// The cue phrase found, or why the sentence went where it did without one.
    pub why: String,
    /// Hedging words in the sentence ("could", "assuming current holder").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<String>,
    /// Set when a hedge qualifies what the sentence asserts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
}

/// A page or document a fact rests on. Only pages actually read are cited, with the title as it
/// appears there; an official document without a page may be cited by title, issuer and date.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    /// Who published it: a newspaper, an agency, a government, an international organization.
    pub publisher: String,
    /// The page's address, exactly as read; absent for a document cited by title and issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The date of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The fields it supports, as field paths of the entity that cites it (`summary`,
    /// `lenses.background`, `implications[2]`); empty when it supports the whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
}

/// The sections of a deep dive. Each is prose; a blank line (`\n\n`) starts a new paragraph.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lenses {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// What the analysis's perspective brings out that others would not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geopolitical: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cultural: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlook: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenges: Option<String>,
    /// Any further lens the analysis has (economic, legal, ...), in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<NamedLens>,
}

/// The fixed lenses, in the order a reader meets them.
pub const LENS_ORDER: [(LensKind, &str); 7] = [
    (LensKind::Background, "Background"),
    (LensKind::Perspective, "Perspective"),
    (LensKind::Geopolitical, "Geopolitical lens"),
    (LensKind::Cultural, "Cultural lens"),
    (LensKind::RegionalImpact, "Regional impact"),
    (LensKind::Outlook, "Outlook"),
    (LensKind::Challenges, "Challenges"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LensKind {
    Background,
    Perspective,
    Geopolitical,
    Cultural,
    RegionalImpact,
    Outlook,
    Challenges,
}

impl LensKind {
    /// The JSON field name, for error paths.
    pub fn field(self) -> &'static str {
        match self {
            LensKind::Background => "background",
            LensKind::Perspective => "perspective",
            LensKind::Geopolitical => "geopolitical",
            LensKind::Cultural => "cultural",
            LensKind::RegionalImpact => "regional_impact",
            LensKind::Outlook => "outlook",
            LensKind::Challenges => "challenges",
        }
    }
}

impl Lenses {
    pub fn get(&self, kind: LensKind) -> Option<&str> {
        let text = match kind {
            LensKind::Background => &self.background,
            LensKind::Perspective => &self.perspective,
            LensKind::Geopolitical => &self.geopolitical,
            LensKind::Cultural => &self.cultural,
            LensKind::RegionalImpact => &self.regional_impact,
            LensKind::Outlook => &self.outlook,
            LensKind::Challenges => &self.challenges,
        };
        text.as_deref()
    }

    /// Every present lens as (heading, text), fixed ones first, in reading order.
    pub fn sections(&self) -> impl Iterator<Item = (&str, &str)> {
        LENS_ORDER
            .iter()
            .filter_map(|&(kind, heading)| self.get(kind).map(|text| (heading, text)))
            .chain(
                self.other
                    .iter()
                    .map(|l| (l.title.as_str(), l.text.as_str())),
            )
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedLens {
    pub title: String,
    pub text: String,
}

/// An actor as it appears in one analysis.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorRole {
    /// Id of an actor.
    pub actor: String,
    /// What the actor does in this event.
    pub role: String,
    /// What the actor wants from it.
    #[serde(default)]
    pub interests: Vec<String>,
    /// Set when the sources do not settle that this actor is the one involved, e.g. an
    /// office-holder named "assuming" they still held the post.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    /// The office (a `title` among the actor's `offices`) the analysis names the actor in, so
    /// that its dates can be checked against the event's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
}

/// A consequence that crosses a border: from some places/actors, through a channel, to others.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Implication {
    /// Unique within its analysis; the global id is `<analysis id>/<this id>`.
    pub id: String,
    /// Where the effect starts.
    pub from: Endpoints,
    /// Whom and where the effect reaches.
    pub to: Endpoints,
    pub channel: Channel,
    /// The effect, in words.
    pub effect: String,
    /// Who bears the effect (consumers in the EU, migrant workers ...).
    pub affected: String,
    pub horizon: Horizon,
    pub likelihood: Likelihood,
    pub confidence: Confidence,
    /// The date by which the forecast can be judged to have come true or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolves_by: Option<PartialDate>,
    /// How the forecast turned out, once `resolves_by` has passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// How an implication, read as a forecast, turned out.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub status: OutcomeStatus,
    /// One line on what happened.
    pub note: String,
    /// The day the outcome was judged.
    pub as_of: PartialDate,
    /// What the judgement rests on; at least one unless the status is `open`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// Places and actors at one end of an implication; at least one of the two is non-empty.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub actors: Vec<String>,
}

impl Endpoints {
    pub fn is_empty(&self) -> bool {
        self.places.is_empty() && self.actors.is_empty()
    }
}

/// Something that can take part in events: a person, a government, a company, a bloc ...
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-2 code of the actor's country, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub description: String,
    /// The day the description holds as of: an actor changes (a permit withdrawn, a post left),
    /// so the present tense of a description is the present of this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    /// Offices a person held, with dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<Office>,
    /// Set on an actor an import proposed from an unknown name, until a person confirms it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub title: String,
    pub from: PartialDate,
    /// Absent while the office is held (as of the dataset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// Set when the sources do not settle who held the office, or when.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    /// Why it is uncertain, or any other caveat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the dates rest on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// A subject that runs through analyses; themes form a shallow tree through `parent`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A country (id = ISO 3166-1 alpha-2 code), or a named region, bloc or waterway.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// Other names people search by: a capital, a former or local name, an abbreviation.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For regions and blocs: the ids of the places in it (wholly, or as good as: the EU's member
    /// states, the countries of Central Asia). A filter on the region keeps what is about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// For regions and waterways: places only partly in it, or on its shore (Russia and the
    /// Arctic, the states around the Black Sea). The region reaches them, but a filter on it does
    /// not keep everything about them unless asked to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touching: Vec<String>,
    pub centroid: LatLon,
    /// For regions: one of the world regions that share the countries out between them, so that
    /// each country has one home region (no country is a member of two). The flow matrix, the
    /// timeline and the map's zoom group by these; a country in none stands alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub world_region: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// Any one file of a dataset. Exists only to generate the JSON Schema: one schema that an editor
/// can apply to every file of a dataset.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)]
enum DatasetFile {
    /// `analyses/*.json`: one analysis ...
    Analysis(Analysis),
    /// ... or a list of them.
    Analyses(Vec<Analysis>),
    /// `actors.json` or `actors/*.json`.
    Actors(Vec<Actor>),
    /// `themes.json` or `themes/*.json`.
    Themes(Vec<Theme>),
    /// `places.json` or `places/*.json`.
    Places(Vec<Place>),
}

/// The JSON Schema of a dataset file, as shipped in `docs/dataset.schema.json`.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(DatasetFile);
    schema.insert("title".into(), "geolens dataset file".into());
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}
