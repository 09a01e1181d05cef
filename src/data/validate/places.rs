//! The checks of places: kinds, members and the places they touch, no member cycles, and the
//! world regions every country belongs to.

use super::*;

impl Validator<'_> {
    pub(super) fn places(&mut self) {
        let parsed = self.parsed;
        for (place, o) in &parsed.places {
            let o = *o;
            let root = At::ROOT;
            match place.kind {
                PlaceKind::Country => {
                    if !is_country_code(&place.id) {
                        self.report(
                            o,
                            &root.key("id"),
                            format!(
                                "{:?} is not an ISO 3166-1 alpha-2 code: a country's id is its two-letter code (\"GB\", not \"UK\")",
                                place.id
                            ),
                        );
                    }
                    if !place.members.is_empty() {
                        self.report(
                            o,
                            &root.key("members"),
                            "a country has no members: make it a region or bloc".to_owned(),
                        );
                    }
                    if !place.touching.is_empty() {
                        self.report(
                            o,
                            &root.key("touching"),
                            "a country touches nothing here: list it in the touching of a region"
                                .to_owned(),
                        );
                    }
                }
                _ => {
                    self.slug(o, &root.key("id"), &place.id);
                    if place.members.iter().any(|m| m == &place.id) {
                        self.report(
                            o,
                            &root.key("members"),
                            "a place cannot be its own member".to_owned(),
                        );
                    }
                    self.references(o, &root.key("members"), Kind::Place, &place.members);
                    // A country borders a sea; it is not in one.
                    if place.kind == PlaceKind::Waterway && !place.members.is_empty() {
                        self.report(
                            o,
                            &root.key("members"),
                            "a waterway has no members: list the places on its shores in touching"
                                .to_owned(),
                        );
                    }
                    if place.touching.iter().any(|m| m == &place.id) {
                        self.report(
                            o,
                            &root.key("touching"),
                            "a place cannot touch itself".to_owned(),
                        );
                    }
                    for (i, id) in place.touching.iter().enumerate() {
                        if place.members.contains(id) {
                            self.report(
                                o,
                                &root.key("touching").index(i),
                                format!(
                                    "{id:?} is also a member: a place is either in the region or touches it"
                                ),
                            );
                        }
                    }
                    self.references(o, &root.key("touching"), Kind::Place, &place.touching);
                }
            }
            if place.world_region && place.kind != PlaceKind::Region {
                self.report(
                    o,
                    &root.key("world_region"),
                    format!(
                        "only a region can be a world region, not a {}",
                        place.kind.as_str()
                    ),
                );
            }
            self.text(o, &root.key("name"), &place.name);
            self.texts(o, &root.key("aliases"), &place.aliases);
            let c = place.centroid;
            if !(-90.0..=90.0).contains(&c.lat) {
                self.report(
                    o,
                    &root.key("centroid").key("lat"),
                    format!("latitude {} is outside -90..90", c.lat),
                );
            }
            if !(-180.0..=180.0).contains(&c.lon) {
                self.report(
                    o,
                    &root.key("centroid").key("lon"),
                    format!("longitude {} is outside -180..180", c.lon),
                );
            }
        }
        self.member_cycles();
    }

    /// Regions and blocs whose members lead back to themselves (`a` holds `b`, `b` holds `a`):
    /// "a region includes its members" would never end. Each cycle is reported once, at the
    /// place of it that comes first in the files, naming the whole round. (A place listing
    /// itself is reported above, on its own.)
    pub(super) fn member_cycles(&mut self) {
        let parsed = self.parsed;
        let order: HashMap<&str, usize> = parsed
            .places
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.id.as_str(), i))
            .collect();
        for (i, (place, o)) in parsed.places.iter().enumerate() {
            // Breadth first from the members, remembering the way back, until `place` is met.
            let mut came_from: HashMap<&str, &str> = HashMap::new();
            let mut queue: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
            for m in place.members.iter().filter(|m| **m != place.id) {
                if came_from.insert(m.as_str(), place.id.as_str()).is_none() {
                    queue.push_back(m.as_str());
                }
            }
            let mut closed_by = None;
            while let Some(at) = queue.pop_front() {
                let Some(&j) = order.get(at) else { continue };
                for m in &parsed.places.items[j].members {
                    if *m == place.id {
                        closed_by = Some(at);
                        break;
                    }
                    if !came_from.contains_key(m.as_str()) {
                        came_from.insert(m.as_str(), at);
                        queue.push_back(m.as_str());
                    }
                }
                if closed_by.is_some() {
                    break;
                }
            }
            let Some(last) = closed_by else { continue };
            let mut round = vec![place.id.as_str()];
            let mut at = last;
            while at != place.id {
                round.push(at);
                at = came_from[at];
            }
            round[1..].reverse();
            // Once per cycle: at its first place in file order.
            if round.iter().any(|id| order.get(id).is_some_and(|&k| k < i)) {
                continue;
            }
            round.push(place.id.as_str());
            let round: Vec<String> = round.iter().map(|id| format!("{id:?}")).collect();
            self.report(
                *o,
                &At::ROOT.key("members"),
                format!(
                    "members go round in a circle: {}; a region cannot contain itself",
                    round.join(" holds ")
                ),
            );
        }
    }

    /// World regions share the countries out: a country in two of them would have no one home,
    /// and the flow matrix would count its implications twice.
    pub(super) fn world_regions(&mut self) {
        let parsed = self.parsed;
        let mut home: HashMap<&str, &str> = HashMap::new();
        for (place, o) in &parsed.places {
            if !(place.world_region && place.kind == PlaceKind::Region) {
                continue;
            }
            for (i, member) in place.members.iter().enumerate() {
                match home.get(member.as_str()) {
                    Some(&other) if other != place.id => self.report(
                        *o,
                        &At::ROOT.key("members").index(i),
                        format!(
                            "{member:?} is already in the world region {other:?}: a country has one home region"
                        ),
                    ),
                    _ => {
                        home.insert(member, &place.id);
                    }
                }
            }
        }
    }
}
