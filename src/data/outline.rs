//! A first look at a large dataset: each analysis's id, title, dates and perspective, read
//! without the rest, so that the explorer can show its list while the full load goes on. Nothing
//! here is validated: the full load that follows checks everything and has the last word, and
//! when the outline cannot be read the explorer simply waits for that load.

use serde::Deserialize;

use super::date::PartialDate;
use super::index::Dataset;
use super::load::{Kind, Sources};
use super::model::{Analysis, Lenses};

/// From this many bytes of JSON on, the explorer opens a dataset on its outline first: about
/// 10,000 brief analyses, whose full load takes long enough to be seen.
pub const OUTLINE_FROM_BYTES: usize = 16 << 20;

/// The fields the Analyses list shows and sorts by; serde skips the others without building them.
#[derive(Deserialize)]
struct Head {
    id: String,
    title: String,
    #[serde(
        default = "PartialDate::undated",
        with = "super::model::undated_as_null"
    )]
    event_date: PartialDate,
    as_of: PartialDate,
    perspective: String,
}

/// The analyses of `sources`, in the order the full load will give them (so that an analysis
/// has the same index in both), in a dataset with nothing else; `None` if a file does not read.
pub fn outline(sources: &Sources) -> Option<Dataset> {
    let files: Vec<&str> = sources
        .files
        .iter()
        .filter(|s| Kind::of_file(&s.name) == Some(Kind::Analysis))
        .map(|s| &*s.text)
        .collect();
    // Two halves of about equal bytes, read on two threads; joined in order.
    let total: usize = files.iter().map(|t| t.len()).sum();
    let mut seen = 0;
    let split = files
        .iter()
        .position(|t| {
            seen += t.len();
            seen > total / 2
        })
        .unwrap_or(files.len());
    let (first, second) = files.split_at(split);
    let (a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| heads(second));
        (heads(first), other.join().ok().flatten())
    });
    let mut analyses = a?;
    analyses.extend(b?);
    Some(Dataset::build(analyses, Vec::new(), Vec::new(), Vec::new()))
}

fn heads(files: &[&str]) -> Option<Vec<Analysis>> {
    let mut analyses = Vec::new();
    for text in files {
        // A file holds one analysis (an object) or a list of them (an array), as in the full load.
        if text.trim_start().starts_with('[') {
            let heads = serde_json::from_str::<Vec<Head>>(text).ok()?;
            analyses.extend(heads.into_iter().map(Head::into_analysis));
        } else {
            analyses.push(serde_json::from_str::<Head>(text).ok()?.into_analysis());
        }
    }
    Some(analyses)
}

impl Head {
    fn into_analysis(self) -> Analysis {
        Analysis {
            id: self.id,
            title: self.title,
            event_date: self.event_date,
            as_of: self.as_of,
            perspective: self.perspective,
            event: None,
            places: Vec::new(),
            summary: String::new(),
            lenses: Lenses::default(),
            actors: Vec::new(),
            themes: Vec::new(),
            implications: Vec::new(),
            risks: Vec::new(),
            caveats: Vec::new(),
            event_date_basis: Default::default(),
            updated: None,
            sources: Vec::new(),
            draft: None,
        }
    }
}
