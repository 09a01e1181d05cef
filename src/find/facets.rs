//! The facets a reader can filter by, their values, and turning values on and off in a
//! [`Filter`]. The filter panel and the command line's flags are both made of these.

use super::filter::{End, Filter};
use crate::data::model::{ActorKind, Channel, Horizon, Likelihood, OutcomeStatus, PlaceKind};
use crate::data::{ActorIx, AnalysisIx, ListKind, PlaceIx, Store, Target, ThemeIx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Place,
    Theme,
    Actor,
    ActorKind,
    Perspective,
    Year,
    Channel,
    Horizon,
    Likelihood,
    Outcome,
    Drafts,
    StartsIn,
    Reaches,
    EitherEnd,
}

impl Facet {
    pub const ALL: [Facet; 14] = [
        Facet::Place,
        Facet::Theme,
        Facet::Actor,
        Facet::ActorKind,
        Facet::Perspective,
        Facet::Year,
        Facet::Channel,
        Facet::Horizon,
        Facet::Likelihood,
        Facet::Outcome,
        Facet::Drafts,
        Facet::StartsIn,
        Facet::Reaches,
        Facet::EitherEnd,
    ];

    /// Whether the dataset has anything for the facet to tell apart: the Drafts facet only where
    /// some analysis is a draft. Counted from the index's counts where it keeps them.
    pub fn offered(self, data: &dyn Store) -> bool {
        if self != Facet::Drafts {
            return true;
        }
        // Asked each time the panel opens: the index's count where it keeps one (reading each
        // analysis from disk would take seconds), else the first draft found in memory.
        let at = Facet::ALL.iter().position(|&f| f == self).unwrap_or(0);
        match data.facet_counts(ListKind::Analyses, at) {
            // Values in `values` order: drafts first.
            Some(counts) => counts.first().is_some_and(|&drafts| drafts > 0),
            None => {
                (0..data.count(ListKind::Analyses) as u32).any(|a| data.is_draft(AnalysisIx(a)))
            }
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Facet::Place => "Region or country",
            Facet::Theme => "Theme",
            Facet::Actor => "Actor",
            Facet::ActorKind => "Actor kind",
            Facet::Perspective => "Perspective",
            Facet::Year => "Year",
            Facet::Channel => "Channel",
            Facet::Horizon => "Horizon",
            Facet::Likelihood => "Likelihood",
            Facet::Outcome => "Outcome",
            Facet::Drafts => "Drafts",
            Facet::StartsIn => "Starts in",
            Facet::Reaches => "Reaches",
            Facet::EitherEnd => "Starts in or reaches",
        }
    }

    /// Every value the facet offers in this dataset, in the order the panel lists them: regions
    /// and blocs before countries, themes as a tree, the rest by name or scale.
    pub fn values(self, data: &dyn Store) -> Vec<Value> {
        match self {
            Facet::Place => {
                let mut places: Vec<PlaceIx> = (0..data.count(ListKind::Places) as u32)
                    .map(PlaceIx)
                    .collect();
                places.sort_by_cached_key(|&p| {
                    let name = data.name(Target::Place(p)).to_lowercase();
                    (data.place_kind(p) == PlaceKind::Country, name)
                });
                places.into_iter().map(Value::Place).collect()
            }
            Facet::Theme => super::order::theme_tree(data)
                .into_iter()
                .filter_map(|t| match t {
                    Target::Theme(t) => Some(Value::Theme(t)),
                    _ => None,
                })
                .collect(),
            Facet::Actor => {
                let mut actors: Vec<ActorIx> = (0..data.count(ListKind::Actors) as u32)
                    .map(ActorIx)
                    .collect();
                actors.sort_by_cached_key(|&a| data.name(Target::Actor(a)).to_lowercase());
                actors.into_iter().map(Value::Actor).collect()
            }
            Facet::ActorKind => ActorKind::ALL
                .iter()
                .map(|&k| Value::ActorKind(k))
                .collect(),
            Facet::Perspective => data
                .perspectives()
                .into_iter()
                .map(Value::Perspective)
                .collect(),
            Facet::Year => data.years().into_iter().map(Value::Year).collect(),
            Facet::Channel => Channel::ALL.iter().map(|&c| Value::Channel(c)).collect(),
            Facet::Horizon => Horizon::ALL.iter().map(|&h| Value::Horizon(h)).collect(),
            Facet::Likelihood => Likelihood::ALL
                .iter()
                .rev()
                .map(|&l| Value::Likelihood(l))
                .collect(),
            Facet::Outcome => outcomes().map(Value::Outcome).collect(),
            Facet::Drafts => vec![Value::Draft(true), Value::Draft(false)],
            Facet::StartsIn | Facet::Reaches | Facet::EitherEnd => {
                let places = Facet::Place
                    .values(data)
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::Place(p) => Some(End::Place(p)),
                        _ => None,
                    });
                let actors = Facet::Actor
                    .values(data)
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::Actor(a) => Some(End::Actor(a)),
                        _ => None,
                    });
                places
                    .chain(actors)
                    .map(|end| match self {
                        Facet::StartsIn => Value::StartsIn(end),
                        Facet::Reaches => Value::Reaches(end),
                        _ => Value::EitherEnd(end),
                    })
                    .collect()
            }
        }
    }
}

/// An outcome as `geolens list --outcome` and saved views name it: its JSON name, or `none` for
/// no outcome recorded.
pub fn outcome_name(o: Option<OutcomeStatus>) -> &'static str {
    o.map_or("none", OutcomeStatus::as_str)
}

/// The outcome [`outcome_name`] gives `name`.
pub fn outcome_of(name: &str) -> Option<Option<OutcomeStatus>> {
    outcomes().find(|&o| outcome_name(o) == name)
}

/// Every value of the outcome facet, in its order: each status, then none recorded.
pub fn outcomes() -> impl Iterator<Item = Option<OutcomeStatus>> {
    OutcomeStatus::ALL.iter().map(|&o| Some(o)).chain([None])
}

/// One value of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Place(PlaceIx),
    Theme(ThemeIx),
    Actor(ActorIx),
    ActorKind(ActorKind),
    Perspective(String),
    Year(u16),
    Channel(Channel),
    Horizon(Horizon),
    Likelihood(Likelihood),
    /// How a forecast turned out, or (`None`) that no outcome is recorded.
    Outcome(Option<OutcomeStatus>),
    /// Drafts (`true`) or reviewed analyses.
    Draft(bool),
    StartsIn(End),
    Reaches(End),
    EitherEnd(End),
}

impl Value {
    pub fn facet(&self) -> Facet {
        match self {
            Value::Place(_) => Facet::Place,
            Value::Theme(_) => Facet::Theme,
            Value::Actor(_) => Facet::Actor,
            Value::ActorKind(_) => Facet::ActorKind,
            Value::Perspective(_) => Facet::Perspective,
            Value::Year(_) => Facet::Year,
            Value::Channel(_) => Facet::Channel,
            Value::Horizon(_) => Facet::Horizon,
            Value::Likelihood(_) => Facet::Likelihood,
            Value::Outcome(_) => Facet::Outcome,
            Value::Draft(_) => Facet::Drafts,
            Value::StartsIn(_) => Facet::StartsIn,
            Value::Reaches(_) => Facet::Reaches,
            Value::EitherEnd(_) => Facet::EitherEnd,
        }
    }

    /// How the value is shown (unsanitized: callers sanitize at the edge).
    pub fn label(&self, data: &dyn Store) -> String {
        match self {
            Value::Place(p) => {
                let name = data.name(Target::Place(*p));
                match data.place_kind(*p) {
                    PlaceKind::Country => format!("{name} ({})", data.id(Target::Place(*p))),
                    kind => format!("{name} ({})", kind.words()),
                }
            }
            Value::Theme(t) => {
                let depth = std::iter::successors(data.theme_parent(*t), |&p| data.theme_parent(p))
                    .take(8)
                    .count();
                format!("{}{}", "  ".repeat(depth), data.name(Target::Theme(*t)))
            }
            Value::Actor(a) => data.name(Target::Actor(*a)).into_owned(),
            Value::ActorKind(k) => k.words().to_owned(),
            Value::Perspective(p) => p.clone(),
            Value::Year(y) => y.to_string(),
            Value::Channel(c) => c.words().to_owned(),
            Value::Horizon(h) => h.words().to_owned(),
            Value::Likelihood(l) => l.words().to_owned(),
            Value::Outcome(Some(o)) => o.words().to_owned(),
            Value::Outcome(None) => "no outcome recorded".to_owned(),
            Value::Draft(true) => "drafts (imported, not reviewed)".to_owned(),
            Value::Draft(false) => "reviewed analyses".to_owned(),
            Value::StartsIn(end) | Value::Reaches(end) | Value::EitherEnd(end) => match *end {
                End::Place(p) => Value::Place(p).label(data),
                End::Actor(a) => format!(
                    "{} ({})",
                    data.name(Target::Actor(a)),
                    data.actor_kind(a).words()
                ),
            },
        }
    }
}

impl Filter {
    pub fn has(&self, value: &Value) -> bool {
        match value {
            Value::Place(p) => self.places.contains(p),
            Value::Theme(t) => self.themes.contains(t),
            Value::Actor(a) => self.actors.contains(a),
            Value::ActorKind(k) => self.actor_kinds.contains(k),
            Value::Perspective(p) => self.perspectives.contains(p),
            Value::Year(y) => self.years.contains(y),
            Value::Channel(c) => self.channels.contains(c),
            Value::Horizon(h) => self.horizons.contains(h),
            Value::Likelihood(l) => self.likelihoods.contains(l),
            Value::Outcome(o) => self.outcomes.contains(o),
            Value::Draft(d) => self.drafts.contains(d),
            Value::StartsIn(e) => self.origins.contains(e),
            Value::Reaches(e) => self.destinations.contains(e),
            Value::EitherEnd(e) => self.either_end.contains(e),
        }
    }

    /// Turns a value on, or off if it was on.
    pub fn toggle(&mut self, value: &Value) {
        fn flip<T: PartialEq + Clone>(list: &mut Vec<T>, v: &T) {
            match list.iter().position(|x| x == v) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(v.clone()),
            }
        }
        match value {
            Value::Place(p) => flip(&mut self.places, p),
            Value::Theme(t) => flip(&mut self.themes, t),
            Value::Actor(a) => flip(&mut self.actors, a),
            Value::ActorKind(k) => flip(&mut self.actor_kinds, k),
            Value::Perspective(p) => flip(&mut self.perspectives, p),
            Value::Year(y) => flip(&mut self.years, y),
            Value::Channel(c) => flip(&mut self.channels, c),
            Value::Horizon(h) => flip(&mut self.horizons, h),
            Value::Likelihood(l) => flip(&mut self.likelihoods, l),
            Value::Outcome(o) => flip(&mut self.outcomes, o),
            Value::Draft(d) => flip(&mut self.drafts, d),
            Value::StartsIn(e) => flip(&mut self.origins, e),
            Value::Reaches(e) => flip(&mut self.destinations, e),
            Value::EitherEnd(e) => flip(&mut self.either_end, e),
        }
    }

    /// The active values, facet by facet, for the line of chips.
    pub fn values(&self) -> Vec<Value> {
        let mut v: Vec<Value> = Vec::new();
        v.extend(self.places.iter().map(|&p| Value::Place(p)));
        v.extend(self.themes.iter().map(|&t| Value::Theme(t)));
        v.extend(self.actors.iter().map(|&a| Value::Actor(a)));
        v.extend(self.actor_kinds.iter().map(|&k| Value::ActorKind(k)));
        v.extend(self.perspectives.iter().cloned().map(Value::Perspective));
        v.extend(self.years.iter().map(|&y| Value::Year(y)));
        v.extend(self.channels.iter().map(|&c| Value::Channel(c)));
        v.extend(self.horizons.iter().map(|&h| Value::Horizon(h)));
        v.extend(self.likelihoods.iter().map(|&l| Value::Likelihood(l)));
        v.extend(self.outcomes.iter().map(|&o| Value::Outcome(o)));
        v.extend(self.drafts.iter().map(|&d| Value::Draft(d)));
        v.extend(self.origins.iter().map(|&e| Value::StartsIn(e)));
        v.extend(self.destinations.iter().map(|&e| Value::Reaches(e)));
        v.extend(self.either_end.iter().map(|&e| Value::EitherEnd(e)));
        v
    }
}
