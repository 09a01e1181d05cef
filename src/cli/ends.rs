//! The ids the direction flags take (`--from`, `--to`, `--from-or-to`): a place or an actor.

use crate::data::Store;
use crate::find;
use crate::text::sanitize;

/// A place or an actor at an end of an implication: a place id or country code first, then an
/// actor id; `place:` or `actor:` settles an id both have.
pub(super) fn end(data: &dyn Store, id: &str) -> Result<find::End, String> {
    let place = |id: &str| {
        data.place_ix(id)
            .or_else(|| data.place_ix(&id.to_ascii_uppercase()))
    };
    let found = match id.split_once(':') {
        Some(("place", bare)) => place(bare).map(find::End::Place),
        Some(("actor", bare)) => data.actor_ix(bare).map(find::End::Actor),
        _ => place(id)
            .map(find::End::Place)
            .or_else(|| data.actor_ix(id).map(find::End::Actor)),
    };
    found.ok_or_else(|| {
        let hint = if id.parse::<crate::data::date::PartialDate>().is_ok() {
            " (dates are --since and --until)"
        } else {
            ""
        };
        format!("no place or actor has the id {:?}{hint}", sanitize(id))
    })
}
