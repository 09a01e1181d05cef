//! The facet and sort flags of `geolens list`, turned into a filter and an order.

use crate::data::{ListKind, Store};
use crate::find::{Filter, Sort};

use super::ends;

/// The facet flags of `geolens list`: repeat a flag for any of several values; different flags
/// all apply.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FacetArgs {
    /// A country (ISO code) or region/bloc id; a region includes the places in it.
    #[arg(long = "place", value_name = "ID")]
    pub places: Vec<String>,
    /// What a region stands for: only (itself), members (and the places in it: the default)
    /// or touching (and the places it only touches, such as Russia for the Arctic).
    #[arg(long = "place-scope", value_name = "SCOPE")]
    pub place_scope: Option<String>,
    /// A theme id; a theme includes its sub-themes.
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// An actor id.
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// person, government, agency, organization, bloc, company, party, armed-group, ngo, group
    #[arg(long = "actor-kind", value_name = "KIND")]
    pub actor_kinds: Vec<String>,
    #[arg(long = "perspective", value_name = "TEXT")]
    pub perspectives: Vec<String>,
    #[arg(long = "year", value_name = "YYYY")]
    pub years: Vec<u16>,
    /// Events on or after this date (YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Implications that start in this place (a region includes its members) or at this actor.
    #[arg(long = "from", value_name = "ID")]
    pub origins: Vec<String>,
    /// Implications that reach this place or actor.
    #[arg(long = "to", value_name = "ID")]
    pub destinations: Vec<String>,
    /// Implications that start in or reach this place or actor.
    #[arg(long = "from-or-to", value_name = "ID")]
    pub either_end: Vec<String>,
    /// energy, trade, investment, finance, security, migration, ...
    #[arg(long = "channel", value_name = "CHANNEL")]
    pub channels: Vec<String>,
    /// short, medium or long
    #[arg(long = "horizon", value_name = "HORIZON")]
    pub horizons: Vec<String>,
    /// almost-no-chance ... almost-certain
    #[arg(long = "likelihood", value_name = "WORD")]
    pub likelihoods: Vec<String>,
    /// happened, partly, did-not, open, or none (no outcome recorded)
    #[arg(long = "outcome", value_name = "WORD")]
    pub outcomes: Vec<String>,
}

/// A value of a closed vocabulary by its JSON name, or an error listing the names.
fn vocab<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    what: &str,
    text: &str,
) -> Result<T, String> {
    all.iter()
        .copied()
        .find(|&v| name(v) == text)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|&v| name(v)).collect();
            format!("unknown {what} {text:?}: use one of {}", names.join(", "))
        })
}

impl FacetArgs {
    /// Resolves ids and names into a [`Filter`], refusing anything unknown.
    pub fn filter(&self, data: &dyn Store) -> Result<Filter, String> {
        use crate::data::model::{ActorKind, Channel, Horizon, Likelihood};
        let mut f = Filter::default();
        for id in &self.places {
            let ix = data
                .place_ix(id)
                .or_else(|| data.place_ix(&id.to_ascii_uppercase()))
                .ok_or_else(|| format!("unknown place {id:?}"))?;
            f.places.push(ix);
        }
        if let Some(scope) = &self.place_scope {
            f.place_scope = vocab(
                &crate::find::PlaceScope::ALL,
                crate::find::PlaceScope::name,
                "place scope",
                scope,
            )?;
        }
        for id in &self.themes {
            f.themes.push(
                data.theme_ix(id)
                    .ok_or_else(|| format!("unknown theme {id:?}"))?,
            );
        }
        for id in &self.actors {
            f.actors.push(
                data.actor_ix(id)
                    .ok_or_else(|| format!("unknown actor {id:?}"))?,
            );
        }
        for k in &self.actor_kinds {
            f.actor_kinds
                .push(vocab(ActorKind::ALL, ActorKind::as_str, "actor kind", k)?);
        }
        for p in &self.perspectives {
            if !data.perspectives().contains(p) {
                return Err(format!("no analysis has the perspective {p:?}"));
            }
            f.perspectives.push(p.clone());
        }
        f.years = self.years.clone();
        let date = |d: &Option<String>| -> Result<Option<crate::data::date::PartialDate>, String> {
            d.as_deref()
                .map(|d| {
                    d.parse()
                        .map_err(|e: crate::data::date::DateError| e.to_string())
                })
                .transpose()
        };
        f.from = date(&self.since)?;
        f.to = date(&self.until)?;
        for (ids, list, flag) in [
            (&self.origins, &mut f.origins, "--from"),
            (&self.destinations, &mut f.destinations, "--to"),
            (&self.either_end, &mut f.either_end, "--from-or-to"),
        ] {
            for id in ids {
                list.push(ends::end(data, id).map_err(|e| format!("{flag}: {e}"))?);
            }
        }
        for c in &self.channels {
            f.channels
                .push(vocab(Channel::ALL, Channel::as_str, "channel", c)?);
        }
        for h in &self.horizons {
            f.horizons
                .push(vocab(Horizon::ALL, Horizon::as_str, "horizon", h)?);
        }
        for l in &self.likelihoods {
            f.likelihoods
                .push(vocab(Likelihood::ALL, Likelihood::as_str, "likelihood", l)?);
        }
        for o in &self.outcomes {
            use crate::find::facets::{outcome_name, outcome_of, outcomes};
            let all: Vec<&str> = outcomes().map(outcome_name).collect();
            let unknown = || format!("unknown outcome {o:?}: use one of {}", all.join(", "));
            f.outcomes.push(outcome_of(o).ok_or_else(unknown)?);
        }
        Ok(f)
    }
}

/// A sort order by name, among those the list offers.
pub fn parse_sort(kind: ListKind, text: &str) -> Result<Sort, String> {
    let choices = Sort::choices(kind);
    choices
        .iter()
        .copied()
        .find(|s| s.name() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|s| s.name()).collect();
            format!(
                "{} can be sorted by {}",
                kind.title().to_lowercase(),
                names.join(", ")
            )
        })
}
