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
    load_checked(sources, drafts, false).map(|(data, _)| data)
}

/// [`load`], with where each entity lies in its file.
pub fn load_spanned(sources: &Sources) -> Result<(Dataset, Spans), Problems> {
    load_checked(sources, Drafts::Accept, true)
        .map(|(data, spans)| (data, spans.unwrap_or_default()))
}

/// Parses, then checks and links at once: the links are worked out beside the checks, which
/// only read, and dropped if a check fails. On a large dataset each takes a tenth of a second or
/// more.
fn load_checked(
    sources: &Sources,
    drafts: Drafts,
    spanned: bool,
) -> Result<(Dataset, Option<Spans>), Problems> {
    let mut problems = Vec::new();
    let (entities, origins) = load::parse(sources, &mut problems).split();
    let mut data = Dataset::unlinked(
        entities.analyses,
        entities.actors,
        entities.themes,
        entities.places,
    );
    // The checks run on their own thread and the links on this one: the checks allocate
    // little, and a thread's allocations come from an arena of its own that grows a page at a
    // time, which made the links a tenth slower there.
    let (linked, spans) = std::thread::scope(|scope| {
        let checking = scope.spawn(|| {
            validate::validate(&origins.beside(&data), sources, drafts, &mut problems);
            spanned.then(|| spans::find(sources, &origins))
        });
        let linked = data.linked();
        let spans = checking
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (linked, spans)
    });
    if !problems.is_empty() {
        // Problems come from several passes; readers want them in file order.
        problems.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
        return Err(Problems(problems));
    }
    data.link(linked);
    Ok((data, spans))
}

/// The dataset compiled into the binary.
pub fn bundled() -> Result<Dataset, Problems> {
    load(&Sources::bundled())
}
