//! The data layer: the dataset format, loading, validation and indexes. No terminal code here.
//!
//! `load` runs the whole pipeline: parse every file (collecting type and syntax errors), validate
//! across files (collecting every problem), then index. It returns either a ready [`Dataset`] or
//! every [`Problem`] found, each with file, line:column and field path.

pub mod date;
mod ground;
mod index;
mod iso;
mod json_shape;
mod load;
pub(crate) mod locate;
pub mod model;
mod outline;
pub mod problem;
mod sources;
mod spans;
mod store;
mod target;
mod validate;
mod vocabulary;

pub use index::{
    ActorIx, AnalysisIx, Appearance, Dataset, ImplicationAt, ImplicationIx, PlaceIx, PlaceLink,
    Side, ThemeIx, ThemeLink,
};
pub use load::{Kind, Source, Sources};
pub use outline::{OUTLINE_FROM_BYTES, outline};
pub use problem::{FieldPath, Problem, Problems};
pub use spans::{Span, Spans};
pub use store::{Entity, ImplicationFacts, Order, Store, every};
pub use target::{ListKind, Target};

/// Whether a load takes drafts: analyses and actors an import proposed and no one has reviewed.
/// The explorer shows them (marked); `geolens check` refuses them unless told `--drafts`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Drafts {
    #[default]
    Accept,
    Refuse,
}

/// Parses, validates and indexes a dataset, drafts included.
pub fn load(sources: &Sources) -> Result<Dataset, Problems> {
    load_with(sources, Drafts::Accept)
}

/// [`load`], saying whether drafts are accepted.
pub fn load_with(sources: &Sources, drafts: Drafts) -> Result<Dataset, Problems> {
    Ok(link(parse_valid(sources, drafts)?))
}

/// [`load`], with where each entity lies in its file.
pub fn load_spanned(sources: &Sources) -> Result<(Dataset, Spans), Problems> {
    let parsed = parse_valid(sources, Drafts::Accept)?;
    let spans = spans::find(sources, &parsed);
    Ok((link(parsed), spans))
}

/// Parses and validates, with every problem found.
fn parse_valid(sources: &Sources, drafts: Drafts) -> Result<load::Parsed, Problems> {
    let mut problems = Vec::new();
    let parsed = load::parse(sources, &mut problems);
    validate::validate(&parsed, sources, drafts, &mut problems);
    if !problems.is_empty() {
        // Problems come from several passes; readers want them in file order.
        problems.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
        return Err(Problems(problems));
    }
    Ok(parsed)
}

/// The dataset of entities that passed validation, with its indexes.
fn link(parsed: load::Parsed) -> Dataset {
    Dataset::build(
        strip_origins(parsed.analyses),
        strip_origins(parsed.actors),
        strip_origins(parsed.themes),
        strip_origins(parsed.places),
    )
}

/// The dataset compiled into the binary.
pub fn bundled() -> Result<Dataset, Problems> {
    load(&Sources::bundled())
}

/// The entities alone, their vector cut to size: it grew by doubling while parsing, and the
/// dataset keeps it for the whole session.
fn strip_origins<T>(entities: Vec<(T, load::Origin)>) -> Vec<T> {
    let mut entities: Vec<T> = entities.into_iter().map(|(e, _)| e).collect();
    entities.shrink_to_fit();
    entities
}
