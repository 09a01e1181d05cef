//! Filters as the state files keep them: by the flags and values of `geolens list` (`place: KZ`,
//! `channel: energy`), never by the indexes the explorer holds, which mean nothing to another
//! dataset or another version of this one.

use super::FilterSpec;
use crate::data::Store;
use crate::data::model::{ActorKind, Channel, Horizon, Likelihood};
use crate::find::Filter;
use crate::find::PlaceScope;
use crate::find::facets::{outcome_name, outcome_of};
use crate::find::filter::{Cell, End};

/// A filter in words. Every facet the explorer has is named here: a facet added to [`Filter`]
/// without a name would not compile, rather than be dropped from saved views in silence.
pub fn spec_of(data: &dyn Store, f: &Filter) -> FilterSpec {
    let Filter {
        places,
        place_scope,
        themes,
        actors,
        actor_kinds,
        perspectives,
        years,
        from,
        to,
        channels,
        horizons,
        likelihoods,
        outcomes,
        drafts,
        origins,
        destinations,
        either_end,
        cells,
    } = f;
    let mut spec = FilterSpec::new();
    let mut put = |flag: &str, values: Vec<String>| {
        if !values.is_empty() {
            spec.insert(flag.to_owned(), values);
        }
    };
    put(
        "place",
        places.iter().map(|&p| data.place(p).id.clone()).collect(),
    );
    // Said only when it is not the default, as `--place-scope` is typed.
    if *place_scope != PlaceScope::default() {
        put("place-scope", vec![place_scope.name().to_owned()]);
    }
    put(
        "theme",
        themes.iter().map(|&t| data.theme(t).id.clone()).collect(),
    );
    put(
        "actor",
        actors.iter().map(|&a| data.actor(a).id.clone()).collect(),
    );
    put(
        "actor-kind",
        actor_kinds.iter().map(|k| k.as_str().to_owned()).collect(),
    );
    put("perspective", perspectives.clone());
    put("year", years.iter().map(u16::to_string).collect());
    put("since", from.iter().map(ToString::to_string).collect());
    put("until", to.iter().map(ToString::to_string).collect());
    let end = |e: &End| match *e {
        End::Place(p) => format!("place:{}", data.place(p).id),
        End::Actor(a) => format!("actor:{}", data.actor(a).id),
    };
    put("from", origins.iter().map(end).collect());
    put("to", destinations.iter().map(end).collect());
    put("from-or-to", either_end.iter().map(end).collect());
    // A cell drilled into in a view: no flag of `list` names it, so the word is the view's own.
    let place_id =
        |p: Option<crate::data::PlaceIx>| p.map_or("*".to_owned(), |p| data.place(p).id.clone());
    put(
        "cell",
        cells
            .iter()
            .map(|c| match *c {
                Cell::Route { from, to } => format!("route:{}>{}", place_id(from), place_id(to)),
                Cell::Place(p) => format!("place:{}", data.place(p).id),
                Cell::Theme(t) => format!("theme:{}", data.theme(t).id),
            })
            .collect(),
    );
    put(
        "channel",
        channels.iter().map(|c| c.as_str().to_owned()).collect(),
    );
    put(
        "horizon",
        horizons.iter().map(|h| h.as_str().to_owned()).collect(),
    );
    put(
        "likelihood",
        likelihoods.iter().map(|l| l.as_str().to_owned()).collect(),
    );
    put(
        "outcome",
        outcomes
            .iter()
            .map(|&o| outcome_name(o).to_owned())
            .collect(),
    );
    // `geolens list` has no flag for drafts; the word is the facet's own.
    put(
        "draft",
        drafts
            .iter()
            .map(|&d| if d { "yes" } else { "no" }.to_owned())
            .collect(),
    );
    spec
}

/// The filter words stand for in this dataset, and what in them it does not know (a theme
/// since removed, a facet from a newer geolens), said as `theme "x"`: those are left out.
pub fn filter_of(data: &dyn Store, spec: &FilterSpec) -> (Filter, Vec<String>) {
    let mut f = Filter::default();
    let mut unknown = Vec::new();
    for (flag, values) in spec {
        for v in values {
            let known = match flag.as_str() {
                "place" => data.place_ix(v).map(|p| f.places.push(p)).is_some(),
                "theme" => data.theme_ix(v).map(|t| f.themes.push(t)).is_some(),
                "actor" => data.actor_ix(v).map(|a| f.actors.push(a)).is_some(),
                "actor-kind" => named(ActorKind::ALL, ActorKind::as_str, v)
                    .map(|k| f.actor_kinds.push(k))
                    .is_some(),
                "perspective" => {
                    let known = data.perspectives().contains(v);
                    if known {
                        f.perspectives.push(v.clone());
                    }
                    known
                }
                "place-scope" => named(&PlaceScope::ALL, PlaceScope::name, v)
                    .map(|s| f.place_scope = s)
                    .is_some(),
                "year" => v.parse().map(|y| f.years.push(y)).is_ok(),
                "since" => v.parse().map(|d| f.from = Some(d)).is_ok(),
                "until" => v.parse().map(|d| f.to = Some(d)).is_ok(),
                "from" => end_of(data, v).map(|e| f.origins.push(e)).is_some(),
                "to" => end_of(data, v).map(|e| f.destinations.push(e)).is_some(),
                "from-or-to" => end_of(data, v).map(|e| f.either_end.push(e)).is_some(),
                "cell" => cell_of(data, v).map(|c| f.cells.push(c)).is_some(),
                "channel" => named(Channel::ALL, Channel::as_str, v)
                    .map(|c| f.channels.push(c))
                    .is_some(),
                "horizon" => named(Horizon::ALL, Horizon::as_str, v)
                    .map(|h| f.horizons.push(h))
                    .is_some(),
                "likelihood" => named(Likelihood::ALL, Likelihood::as_str, v)
                    .map(|l| f.likelihoods.push(l))
                    .is_some(),
                "outcome" => outcome_of(v).map(|o| f.outcomes.push(o)).is_some(),
                "draft" => match v.as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                }
                .map(|d| f.drafts.push(d))
                .is_some(),
                _ => false,
            };
            if !known {
                unknown.push(format!("{flag} {v:?}"));
            }
        }
    }
    (f, unknown)
}

fn end_of(data: &dyn Store, text: &str) -> Option<End> {
    match text.split_once(':')? {
        ("place", id) => data.place_ix(id).map(End::Place),
        ("actor", id) => data.actor_ix(id).map(End::Actor),
        _ => None,
    }
}

fn cell_of(data: &dyn Store, text: &str) -> Option<Cell> {
    let place = |id: &str| match id {
        "*" => Some(None),
        id => data.place_ix(id).map(Some),
    };
    match text.split_once(':')? {
        ("route", ends) => {
            let (from, to) = ends.split_once('>')?;
            Some(Cell::Route {
                from: place(from)?,
                to: place(to)?,
            })
        }
        ("place", id) => data.place_ix(id).map(Cell::Place),
        ("theme", id) => data.theme_ix(id).map(Cell::Theme),
        _ => None,
    }
}

fn named<T: Copy>(all: &[T], name: fn(T) -> &'static str, text: &str) -> Option<T> {
    all.iter().copied().find(|&v| name(v) == text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::OutcomeStatus;

    #[test]
    fn a_filter_survives_words_and_back() {
        let data = crate::data::bundled().unwrap();
        let mut f = Filter::default();
        f.places.push(data.place_ix("KZ").unwrap());
        f.themes.push(data.theme_ix("energy-security").unwrap());
        f.channels.push(Channel::Energy);
        f.years.push(2024);
        f.from = Some("2022-03".parse().unwrap());
        f.place_scope = PlaceScope::Touching;
        f.drafts.push(false);
        f.outcomes.extend([Some(OutcomeStatus::DidNot), None]);
        f.destinations
            .push(End::Place(data.place_ix("GB").unwrap()));
        f.cells.push(Cell::Route {
            from: data.place_ix("KZ"),
            to: None,
        });
        let spec = spec_of(&data, &f);
        assert_eq!(spec["place"], ["KZ"]);
        assert_eq!(spec["channel"], ["energy"]);
        assert_eq!(spec["since"], ["2022-03"]);
        assert_eq!(spec["place-scope"], ["touching"]);
        assert_eq!(spec["draft"], ["no"]);
        assert_eq!(spec["outcome"], ["did-not", "none"]);
        assert_eq!(spec["to"], ["place:GB"]);
        assert_eq!(spec["cell"], ["route:KZ>*"]);
        assert_eq!(filter_of(&data, &spec), (f, vec![]));
    }

    #[test]
    fn what_the_dataset_does_not_know_is_left_out_and_named() {
        let data = crate::data::bundled().unwrap();
        let mut spec = FilterSpec::new();
        spec.insert("theme".into(), vec!["no-such-theme".into()]);
        spec.insert("colour".into(), vec!["red".into()]);
        spec.insert("year".into(), vec!["2024".into()]);
        let (f, unknown) = filter_of(&data, &spec);
        assert_eq!(f.years, [2024]);
        assert!(f.themes.is_empty());
        assert_eq!(unknown, ["colour \"red\"", "theme \"no-such-theme\""]);
    }
}
