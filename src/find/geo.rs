//! Where things are: the countries a place stands for, the home region of each country, and the
//! places at each end of an implication. The direction filters, the flow matrix, the timeline and
//! the map all read places through here, so that a matrix cell and the filter it opens agree.
//!
//! A place's *footprint* is what it covers on the ground: a country covers itself; a region or
//! bloc covers its member countries (members of members too); a place without members that is
//! not a country (the World, a province) covers only itself. An implication "starts in" a place
//! when the footprint of its origin meets the place's footprint, and likewise at the other end.
//! World regions share the countries out (validation sees to it), so a world region's footprint is
//! exactly the countries at home there: "starts in Europe" and the matrix's Europe row agree.

use std::borrow::Cow;

use crate::data::{ImplicationIx, ListKind, PlaceIx, Side, Store};

/// How finely places are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grain {
    /// Countries by their home world region; a country in none stands alone.
    #[default]
    Region,
    /// Each country on its own.
    Country,
}

impl Grain {
    pub fn name(self) -> &'static str {
        match self {
            Grain::Region => "region",
            Grain::Country => "country",
        }
    }

    pub fn parse(text: &str) -> Result<Grain, String> {
        match text {
            "region" | "regions" => Ok(Grain::Region),
            "country" | "countries" => Ok(Grain::Country),
            other => Err(format!("unknown grouping {other:?}: use region or country")),
        }
    }
}

/// Footprints and home regions of every place, copied from the store once: the filters and the
/// views ask for them for every implication.
#[derive(Debug, Clone, Default)]
pub struct Geo {
    footprint: Vec<Box<[PlaceIx]>>,
    home: Vec<Option<PlaceIx>>,
    /// Each place's footprint by home region: Sub-Saharan Africa's 49 countries are one area.
    regions: Vec<Box<[PlaceIx]>>,
}

impl Geo {
    pub fn new(data: &dyn Store) -> Geo {
        let n = data.count(ListKind::Places) as u32;
        let mut geo = Geo {
            footprint: (0..n)
                .map(|p| {
                    data.place_ground(PlaceIx(p))
                        .into_owned()
                        .into_boxed_slice()
                })
                .collect(),
            home: (0..n).map(|p| data.place_region(PlaceIx(p))).collect(),
            regions: Vec::new(),
        };
        geo.regions = (0..n as usize)
            .map(|p| {
                geo.areas(&geo.footprint[p], Grain::Region)
                    .into_boxed_slice()
            })
            .collect();
        geo
    }

    /// What the place covers on the ground, sorted.
    pub fn footprint(&self, place: PlaceIx) -> &[PlaceIx] {
        self.footprint.get(place.get()).map_or(&[], |f| f)
    }

    /// The area a covered place (a country, or a place without members) is counted under.
    pub fn area(&self, covered: PlaceIx, grain: Grain) -> PlaceIx {
        match grain {
            Grain::Country => covered,
            Grain::Region => self
                .home
                .get(covered.get())
                .copied()
                .flatten()
                .unwrap_or(covered),
        }
    }

    /// What one end of an implication covers, sorted: its places' footprints, or, when it names
    /// actors only, their countries (the store keeps these worked out).
    pub fn end<'a>(
        &self,
        data: &'a dyn Store,
        ix: ImplicationIx,
        side: Side,
    ) -> Cow<'a, [PlaceIx]> {
        data.implication_ground(ix, side)
    }

    /// The areas one end of an implication falls in, sorted.
    pub fn areas(&self, covered: &[PlaceIx], grain: Grain) -> Vec<PlaceIx> {
        let mut out = Vec::with_capacity(covered.len());
        self.areas_into(covered, grain, &mut out);
        out
    }

    /// [`Geo::areas`] into a buffer kept between calls.
    pub fn areas_into(&self, covered: &[PlaceIx], grain: Grain, out: &mut Vec<PlaceIx>) {
        out.clear();
        out.extend(covered.iter().map(|&p| self.area(p, grain)));
        out.sort_unstable();
        out.dedup();
    }

    /// The areas one place falls in, sorted, found without walking its footprint.
    pub fn place_areas(&self, place: PlaceIx, grain: Grain) -> &[PlaceIx] {
        match grain {
            Grain::Region => self.regions.get(place.get()).map_or(&[], |r| r),
            Grain::Country => self.footprint(place),
        }
    }

    /// The areas of the places listed (an analysis's, an end's) into a buffer: the union of
    /// their areas, sorted.
    pub fn places_into(&self, places: &[PlaceIx], grain: Grain, out: &mut Vec<PlaceIx>) {
        out.clear();
        for &p in places {
            out.extend_from_slice(self.place_areas(p, grain));
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Whether what an end covers meets what `place` covers.
    pub fn meets(&self, covered: &[PlaceIx], place: PlaceIx) -> bool {
        meet(covered, self.footprint(place))
    }
}

/// Whether two sorted lists share an element.
pub fn meet(a: &[PlaceIx], b: &[PlaceIx]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_is_a_sorted_intersection() {
        let p = |v: &[u32]| v.iter().map(|&i| PlaceIx(i)).collect::<Vec<_>>();
        assert!(meet(&p(&[1, 4, 9]), &p(&[2, 4])));
        assert!(!meet(&p(&[1, 3, 9]), &p(&[2, 4, 10])));
        assert!(!meet(&p(&[]), &p(&[2])));
    }
}
