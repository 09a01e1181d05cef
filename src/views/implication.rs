//! An implication's page: every field, both ends as links, and the analysis it comes from.
//! (Its list row is the one-line summary in `views::implication_summary`.)

use super::PageBuilder;
use crate::app::doc::{Role, Span};
use crate::app::nav::Target;
use crate::data::model::Endpoints;
use crate::data::{Dataset, ImplicationIx};

pub(super) fn page(b: &mut PageBuilder, data: &Dataset, ix: ImplicationIx) {
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

    for (heading, ends) in [("Starts from", &imp.from), ("Reaches", &imp.to)] {
        b.heading(heading);
        endpoint_links(b, data, ends);
    }

    b.heading("From the analysis");
    b.analysis_link(data, data.implication_source(ix), None);
}

fn endpoint_links(b: &mut PageBuilder, data: &Dataset, ends: &Endpoints) {
    for p in ends.places.iter().filter_map(|p| data.place_ix(p)) {
        let place = data.place(p);
        b.link(
            Target::Place(p),
            vec![
                Span::new(&place.name, Role::Link),
                Span::new(&format!(" ({})", place.kind.words()), Role::Muted),
            ],
        );
    }
    for a in ends.actors.iter().filter_map(|a| data.actor_ix(a)) {
        let actor = data.actor(a);
        b.link(
            Target::Actor(a),
            vec![
                Span::new(&actor.name, Role::Link),
                Span::new(&format!(" ({})", actor.kind.words()), Role::Muted),
            ],
        );
    }
}
