//! Where each entity of a loaded dataset lies in its file, so that an index can point into the
//! data files instead of keeping a second copy of every entity (`crate::store`).

use std::ops::Range;

use super::load::{Origin, Origins, Sources};
use super::locate::entity_spans;
use super::target::ListKind;

/// An entity's bytes: the file (its place in `Sources::files`) and the range there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: usize,
    pub bytes: Range<usize>,
}

/// Every entity's [`Span`], by kind, in the dataset's order.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    pub analyses: Vec<Span>,
    pub actors: Vec<Span>,
    pub themes: Vec<Span>,
    pub places: Vec<Span>,
}

impl Spans {
    /// The spans of one kind; implications have none (they are read from their analysis).
    pub fn of(&self, kind: ListKind) -> &[Span] {
        match kind {
            ListKind::Analyses => &self.analyses,
            ListKind::Actors => &self.actors,
            ListKind::Themes => &self.themes,
            ListKind::Places => &self.places,
            ListKind::Implications => &[],
        }
    }
}

/// The spans of the entities read from `origins`, each file scanned once. The scan is as fast as
/// reading the bytes, and split over two threads as the parse is.
pub(crate) fn find(sources: &Sources, origins: &Origins) -> Spans {
    let files = &sources.files;
    let half = files.len() / 2;
    let tables = |run: Range<usize>| -> Vec<Vec<Range<usize>>> {
        files[run].iter().map(|f| entity_spans(&f.text)).collect()
    };
    let tables: Vec<Vec<Range<usize>>> = std::thread::scope(|scope| {
        let second = scope.spawn(|| tables(half..files.len()));
        let mut first = tables(0..half);
        first.extend(
            second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        first
    });
    let span = |o: &Origin| Span {
        file: o.file,
        bytes: tables[o.file]
            .get(o.index.unwrap_or(0))
            .cloned()
            .unwrap_or(0..0),
    };
    Spans {
        analyses: origins.analyses.iter().map(span).collect(),
        actors: origins.actors.iter().map(span).collect(),
        themes: origins.themes.iter().map(span).collect(),
        places: origins.places.iter().map(span).collect(),
    }
}
