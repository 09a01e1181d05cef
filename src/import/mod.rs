//! `geolens import`: plain-text deep dives, as published on the web, turned into draft analyses.
//!
//! The pipeline, each step in its own module and testable alone:
//! [`decode`] refuses what is not a text; [`input`] strips page furniture; [`sentences`] splits the prose;
//! [`lenses`] puts each sentence under a lens by its cue phrase, position or words; [`gazetteer`]
//! finds the dataset's places and actors by name, alias and adjective; [`actors`] reads the key
//! actors with their roles and interests; [`hedges`] turns "could" and "assuming current holder"
//! into likelihoods and `uncertain` flags; [`implications`] reads "X extend to Y, where W,
//! affecting Z"; [`dates`] finds a stated date and never makes one up. [`build`] puts the draft
//! together and [`write`] saves it. Nothing here touches a terminal.

pub mod actors;
mod build;
pub mod dates;
pub mod decode;
pub mod demonyms;
pub mod gazetteer;
pub mod hedges;
pub mod implications;
pub mod input;
pub mod lenses;
mod markup;
pub mod sentences;
pub mod write;

pub use build::{Imported, Options, Report, import_text};
pub use decode::{InputError, MAX_TEXT_BYTES, decode};
pub use gazetteer::Gazetteer;

/// A lower-case id from words: `a-z0-9` joined by single hyphens, at most `max_words` words.
pub fn slug(text: &str, max_words: usize) -> String {
    let folded = crate::find::fold::fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect();
    if words.is_empty() {
        "draft".to_owned()
    } else {
        words.join("-")
    }
}
