//! An implication's page: every field, both ends as links, and the analysis it comes from.
//! (Its list row is the one-line summary in `pages::implication_summary`.)

use super::PageBuilder;
use crate::data::model::Endpoints;
use crate::data::{ImplicationIx, Store};

pub(super) fn page(b: &mut PageBuilder, data: &dyn Store, ix: ImplicationIx) {
    let imp = data.implication(ix);
    b.title(&super::implication_route(data, ix, b.g));
    b.meta(&["cross-border implication", &data.implication_id(ix)]);
    b.doc.gap();
    b.prose(&imp.effect);
    b.doc.gap();
    b.field("Channel", imp.channel.words());
    b.field("Affected", &imp.affected);
    b.field("Horizon", imp.horizon.words());
    b.field("Likelihood", imp.likelihood.words());
    b.field("Confidence", imp.confidence.words());
    if let Some(by) = imp.resolves_by {
        b.field("Resolves by", &by.to_string());
    }
    if let Some(outcome) = &imp.outcome {
        b.heading("How it turned out");
        b.field(
            "Outcome",
            &format!("{} (judged {})", outcome.status.words(), outcome.as_of),
        );
        b.prose(&outcome.note);
        b.sources("Sources of the outcome", &outcome.sources);
    }

    for (heading, ends) in [("Starts from", &imp.from), ("Reaches", &imp.to)] {
        b.heading(heading);
        endpoint_links(b, data, ends);
    }

    b.heading("From the analysis");
    b.analysis_link(data, data.implication_source(ix), None);
}

fn endpoint_links(b: &mut PageBuilder, data: &dyn Store, ends: &Endpoints) {
    for p in ends.places.iter().filter_map(|p| data.place_ix(p)) {
        b.place_link(data, p);
    }
    for a in ends.actors.iter().filter_map(|a| data.actor_ix(a)) {
        b.actor_link(data, a, &format!(" ({})", data.actor(a).kind.words()));
    }
}
