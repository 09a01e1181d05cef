//! What the filter panel shows beside each value when nothing is filtered yet: how many items of
//! a list the value alone would leave. Counting that value by value is a pass over the archive
//! for each value; here each facet is counted in one pass, every analysis marked with the values
//! it passes, and each list's items with the values of the analyses they link to. The index
//! keeps these counts (`store`), and a test holds them to [`super::members`], value by value.

use std::collections::HashMap;

use super::facets::{Facet, Value};
use crate::data::{AnalysisIx, ImplicationIx, ListKind, Store, Target, ThemeIx, every};

/// The facets counted here: few values, each a property of analyses, implications, actors or
/// themes. Places, actors and the direction facets have thousands of values in a large archive.
pub fn counted_here(facet: Facet) -> bool {
    matches!(
        facet,
        Facet::Theme
            | Facet::ActorKind
            | Facet::Perspective
            | Facet::Year
            | Facet::Channel
            | Facet::Horizon
            | Facet::Likelihood
            | Facet::Outcome
            | Facet::Drafts
    )
}

/// Sets of values, one per item, as rows of bits.
struct Bits {
    words: usize,
    rows: Vec<u64>,
}

impl Bits {
    fn new(items: usize, values: usize) -> Bits {
        let words = values.div_ceil(64).max(1);
        Bits {
            words,
            rows: vec![0; items * words],
        }
    }

    fn row(&self, i: usize) -> &[u64] {
        &self.rows[i * self.words..(i + 1) * self.words]
    }

    fn set(&mut self, i: usize, value: usize) {
        self.rows[i * self.words + value / 64] |= 1 << (value % 64);
    }
}

/// For each value of `facet`, how many items of `kind` pass a filter of that value alone, in
/// the order of `facet.values(data)`; `None` for the facets not [`counted_here`].
pub fn unfiltered(data: &dyn Store, kind: ListKind, facet: Facet) -> Option<Vec<u32>> {
    unfiltered_in(data, &[kind], facet).pop()
}

/// [`unfiltered`] for several lists at once, in their order: the analyses are marked once.
pub fn unfiltered_in(data: &dyn Store, kinds: &[ListKind], facet: Facet) -> Vec<Vec<u32>> {
    if !counted_here(facet) {
        return Vec::new();
    }
    let values = facet.values(data);
    let at: HashMap<&Value, usize> = values.iter().enumerate().map(|(i, v)| (v, i)).collect();
    let find = |v: Value| at.get(&v).copied();
    // A theme passes for itself and every theme above it: a filter of a theme takes in its
    // sub-themes.
    let above = |t: ThemeIx| std::iter::successors(Some(t), |&t| data.theme_parent(t));
    // What an implication's own fields pass, for the facets about implications.
    let own_fields = |i: ImplicationIx| {
        let f = data.implication_facts(i);
        match facet {
            Facet::Channel => find(Value::Channel(f.channel)),
            Facet::Horizon => find(Value::Horizon(f.horizon)),
            Facet::Likelihood => find(Value::Likelihood(f.likelihood)),
            Facet::Outcome => find(Value::Outcome(f.outcome)),
            _ => None,
        }
    };
    // Looked up for every analysis: by text, not by a `Value` made for each; each actor's kind
    // once.
    let perspective: HashMap<&str, usize> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| match v {
            Value::Perspective(p) => Some((p.as_str(), i)),
            _ => None,
        })
        .collect();
    let actor_kind: Vec<Option<usize>> = match facet {
        Facet::ActorKind => every(data, ListKind::Actors)
            .map(|t| match t {
                Target::Actor(x) => find(Value::ActorKind(data.actor_kind(x))),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };

    let analyses = data.count(ListKind::Analyses);
    let mut passing = Bits::new(analyses, values.len());
    for a in 0..analyses {
        let ix = AnalysisIx(a as u32);
        let mut mark = |v: Option<usize>| {
            if let Some(v) = v {
                passing.set(a, v);
            }
        };
        match facet {
            Facet::Year => mark(find(Value::Year(data.event_date(ix).year))),
            Facet::Perspective => mark(perspective.get(data.perspective(ix).as_ref()).copied()),
            Facet::Drafts => mark(find(Value::Draft(data.is_draft(ix)))),
            Facet::ActorKind => {
                for &x in data.analysis_actors(ix).iter() {
                    mark(actor_kind.get(x.get()).copied().flatten());
                }
            }
            Facet::Theme => {
                for &t in data.analysis_themes(ix).iter() {
                    above(t).for_each(|u| mark(find(Value::Theme(u))));
                }
            }
            _ => {
                for i in data.analysis_implications(ix) {
                    mark(own_fields(ImplicationIx(i)));
                }
            }
        }
    }

    kinds
        .iter()
        .map(|&kind| {
            count(
                data,
                kind,
                facet,
                &passing,
                values.len(),
                &own_fields,
                &find,
            )
        })
        .collect()
}

/// Each item of `kind`: the values its own fields pass (all, when the facet is not about them),
/// and of those the ones an analysis it links to passes.
fn count(
    data: &dyn Store,
    kind: ListKind,
    facet: Facet,
    passing: &Bits,
    values: usize,
    own_fields: &dyn Fn(ImplicationIx) -> Option<usize>,
    find: &dyn Fn(Value) -> Option<usize>,
) -> Vec<u32> {
    let about_implications = matches!(
        facet,
        Facet::Channel | Facet::Horizon | Facet::Likelihood | Facet::Outcome
    );
    let above = |t: ThemeIx| std::iter::successors(Some(t), |&t| data.theme_parent(t));
    let mut counts = vec![0u32; values];
    let mut linked = vec![0u64; passing.words];
    let mut own = vec![0u64; passing.words];
    let mut tally = |own: &[u64], linked: &[u64]| {
        for (w, (&o, &l)) in own.iter().zip(linked).enumerate() {
            let mut bits = o & l;
            while bits != 0 {
                counts[w * 64 + bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    };
    let only = |own: &mut [u64], values: &mut dyn Iterator<Item = Option<usize>>| {
        own.fill(0);
        for v in values.flatten() {
            own[v / 64] |= 1 << (v % 64);
        }
    };
    for t in every(data, kind) {
        linked.fill(0);
        let mut link = |a: AnalysisIx| {
            for (l, &p) in linked.iter_mut().zip(passing.row(a.get())) {
                *l |= p;
            }
        };
        own.fill(u64::MAX);
        match t {
            Target::Analysis(a) => link(a),
            Target::Implication(i) => {
                link(data.implication_source(i));
                if about_implications {
                    only(&mut own, &mut std::iter::once(own_fields(i)));
                }
            }
            Target::Actor(x) => {
                data.actor_analyses(x)
                    .iter()
                    .for_each(|ap| link(ap.analysis));
                if facet == Facet::ActorKind {
                    let kind = find(Value::ActorKind(data.actor_kind(x)));
                    only(&mut own, &mut std::iter::once(kind));
                }
            }
            Target::Theme(th) => {
                data.theme_analyses(th)
                    .iter()
                    .for_each(|l| link(l.analysis));
                if facet == Facet::Theme {
                    only(&mut own, &mut above(th).map(|u| find(Value::Theme(u))));
                }
            }
            Target::Place(p) => data.place_analyses(p).iter().for_each(|&a| link(a)),
        }
        tally(&own, &linked);
    }
    counts
}
