//! What an on-disk store does when it finds its file damaged while in use: it reads the data
//! again, answers from memory from then on, rewrites the file for the next run, and leaves a
//! notice. If the data no longer loads as the index said it did, there is nothing right to
//! answer with: the store answers with blanks and the notice says why.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::data::model::{
    Actor, ActorKind, Analysis, Channel, Confidence, Endpoints, Horizon, Implication, LatLon,
    Lenses, Likelihood, Place, PlaceKind, Theme,
};
use crate::data::{Dataset, date::PartialDate};
use crate::find::SearchIndex;
use crate::find::index::sec;
use crate::text::sanitize;

pub struct Recovery {
    dir: PathBuf,
    path: PathBuf,
    counts: [u32; 5],
    done: OnceLock<Option<(Dataset, Arc<SearchIndex>)>>,
    notice: Mutex<Option<String>>,
    failed: AtomicBool,
    /// An entity's bytes in a data file were not those indexed: the data changed, the index
    /// is not damaged.
    changed: AtomicBool,
}

impl Recovery {
    pub fn new(dir: PathBuf, path: PathBuf, counts: [u32; 5]) -> Recovery {
        Recovery {
            dir,
            path,
            counts,
            done: OnceLock::new(),
            notice: Mutex::new(None),
            failed: AtomicBool::new(false),
            changed: AtomicBool::new(false),
        }
    }

    fn get(&self) -> Option<&(Dataset, Arc<SearchIndex>)> {
        self.done.get_or_init(|| self.rebuild()).as_ref()
    }

    pub fn data(&self) -> Option<&Dataset> {
        self.get().map(|(d, _)| d)
    }

    /// The search index built again, or an empty one if it cannot be.
    pub fn index(&self) -> Arc<SearchIndex> {
        match self.get() {
            Some((_, index)) => Arc::clone(index),
            None => Arc::new(SearchIndex::from_sections(
                [0; 5],
                vec![Vec::new(); sec::COUNT],
            )),
        }
    }

    /// Says that what was read is missing from the data, before asking for the data again.
    pub fn data_changed(&self) {
        self.changed.store(true, Ordering::Relaxed);
    }

    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    pub fn take_notice(&self) -> Option<String> {
        self.notice.lock().ok()?.take()
    }

    fn say(&self, text: String) {
        if let Ok(mut n) = self.notice.lock() {
            *n = Some(text);
        }
    }

    fn rebuild(&self) -> Option<(Dataset, Arc<SearchIndex>)> {
        let shown = sanitize(&self.path.display().to_string()).into_owned();
        let dir = sanitize(&self.dir.display().to_string()).into_owned();
        let changed = self.changed.load(Ordering::Relaxed);
        let loaded = match super::load(&self.dir) {
            Ok(loaded) if super::build::counts(&loaded.data) == self.counts => loaded,
            _ => {
                self.failed.store(true, Ordering::Relaxed);
                self.say(match changed {
                    true => format!(
                        "the data in {dir} changed while geolens was open and no longer loads \
                         as it did: restart geolens, or run `geolens check --data` on it"
                    ),
                    false => format!(
                        "the index {shown} is damaged, and the data in {dir} no longer loads \
                         as it did: run `geolens check --data` on it"
                    ),
                });
                return None;
            }
        };
        let super::Loaded {
            data,
            meta,
            located,
        } = loaded;
        let index = SearchIndex::build(&data);
        let own = super::build::sections(&data, &meta, &located);
        let written = super::build::write(&self.path, &own, &index);
        match written {
            Ok(()) if changed => self.say(format!(
                "the data in {dir} changed while geolens was open: read it again and re-indexed it"
            )),
            Err(e) if changed => self.say(format!(
                "the data in {dir} changed while geolens was open: read it again (could not \
                 re-index it: {e})"
            )),
            Ok(()) => self.say(format!(
                "the index {shown} was damaged: read the data again and rebuilt it"
            )),
            Err(e) => self.say(format!(
                "the index {shown} was damaged: read the data again (could not rewrite it: {e})"
            )),
        }
        Some((data, Arc::new(index)))
    }
}

const UNAVAILABLE: &str = "(unavailable: the index is damaged)";

fn date() -> PartialDate {
    PartialDate {
        year: 1970,
        month: 1,
        day: None,
    }
}

pub fn blank_analysis() -> Analysis {
    Analysis {
        id: String::new(),
        title: UNAVAILABLE.to_owned(),
        event_date: date(),
        as_of: date(),
        perspective: String::new(),
        event: None,
        places: Vec::new(),
        summary: String::new(),
        lenses: Lenses::default(),
        actors: Vec::new(),
        themes: Vec::new(),
        implications: Vec::new(),
        risks: Vec::new(),
        caveats: Vec::new(),
        event_date_basis: Default::default(),
        updated: None,
        sources: Vec::new(),
        draft: None,
    }
}

pub fn blank_actor() -> Actor {
    Actor {
        id: String::new(),
        name: UNAVAILABLE.to_owned(),
        aliases: Vec::new(),
        kind: ActorKind::Group,
        country: None,
        description: String::new(),
        as_of: None,
        offices: Vec::new(),
        draft: false,
    }
}

pub fn blank_theme() -> Theme {
    Theme {
        id: String::new(),
        name: UNAVAILABLE.to_owned(),
        description: String::new(),
        parent: None,
    }
}

pub fn blank_place() -> Place {
    Place {
        id: String::new(),
        name: UNAVAILABLE.to_owned(),
        kind: PlaceKind::Country,
        aliases: Vec::new(),
        members: Vec::new(),
        touching: Vec::new(),
        centroid: LatLon { lat: 0.0, lon: 0.0 },
        world_region: false,
    }
}

pub fn blank_implication() -> Implication {
    Implication {
        id: String::new(),
        from: Endpoints::default(),
        to: Endpoints::default(),
        channel: Channel::Diplomacy,
        effect: UNAVAILABLE.to_owned(),
        affected: String::new(),
        horizon: Horizon::Short,
        likelihood: Likelihood::RoughlyEven,
        confidence: Confidence::Low,
        resolves_by: None,
        outcome: None,
    }
}
