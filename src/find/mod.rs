//! Finding things: search over names and full text, facets that filter every list, and sort
//! orders. Library code shared by the explorer and the command line; no terminal code here.

pub mod counts;
pub mod facets;
pub mod filter;
pub mod flows;
pub mod fold;
pub mod forecasts;
mod fuzzy;
pub mod geo;
pub mod index;
mod order;
pub mod outlook;
pub mod query;
pub mod score;
pub mod search;
pub mod timeline;

pub use facets::{Facet, Value};
pub use filter::{Cell, End, Filter, PlaceScope, list, members, ordered};
pub use index::SearchIndex;
pub use order::{Sort, by_links};
pub use search::{Hit, Matched, Query, Results, quick_search, search};
