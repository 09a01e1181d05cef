//! The on-disk store answers every question exactly as the dataset in memory does.

use super::*;
use crate::data::{ListKind, Order, Side, Store, Target, every};
use crate::find::{self, Filter, Query, Sort};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("geolens-store-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn bundled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The bundled data, in memory and from a freshly built index.
fn both(name: &str) -> (Dataset, DiskStore, PathBuf) {
    let dir = scratch(name);
    let path = dir.join("index");
    let memory = load(&bundled_dir()).unwrap().data;
    let opened = build(&bundled_dir(), &path, false, None, &mut |m| panic!("{m}")).unwrap();
    let Opened::Disk(disk) = opened else {
        panic!("not on disk")
    };
    (memory, disk, dir)
}

#[test]
fn the_listing_finds_the_files_the_loader_reads() {
    let names: Vec<String> = fresh::list(&bundled_dir())
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let loaded: Vec<String> = Sources::from_dir(&bundled_dir())
        .unwrap()
        .files
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, loaded);
}

#[test]
fn every_question_gets_the_same_answer_from_disk() {
    let (m, d, dir) = both("same");
    let (m, d): (&dyn Store, &dyn Store) = (&m, &d);
    for kind in ListKind::ALL {
        assert_eq!(m.count(kind), d.count(kind), "{kind:?}");
        for t in every(m, kind) {
            assert_eq!(m.name(t), d.name(t), "{t:?}");
            assert_eq!(m.id(t), d.id(t), "{t:?}");
        }
        for order in Order::ALL {
            let ranks = d.order(kind, order).expect("orders kept ready");
            let sort = match order {
                Order::Date => Sort::Date,
                Order::Name => Sort::Name,
                Order::Links => Sort::Links,
            };
            let listed = find::list(m, kind, &Filter::default(), sort);
            for (r, t) in listed.iter().enumerate() {
                assert_eq!(ranks[t.entity_index()], r as u32, "{kind:?} {order:?}");
            }
        }
    }
    for t in every(m, ListKind::Analyses) {
        let Target::Analysis(a) = t else {
            unreachable!()
        };
        assert_eq!(m.analysis(a), d.analysis(a));
        assert_eq!(d.analysis_ix(&m.analysis(a).id), Some(a));
        assert_eq!(m.analysis_implications(a), d.analysis_implications(a));
        assert_eq!(m.newest_first(a), d.newest_first(a));
        assert_eq!(m.other_readings(a), d.other_readings(a));
        assert_eq!(m.event_date(a), d.event_date(a));
        assert_eq!(m.perspective(a), d.perspective(a));
        assert_eq!(m.analysis_places(a), d.analysis_places(a));
        assert_eq!(m.analysis_themes(a), d.analysis_themes(a));
        assert_eq!(m.analysis_actors(a), d.analysis_actors(a));
    }
    for t in every(m, ListKind::Actors) {
        let Target::Actor(a) = t else { unreachable!() };
        assert_eq!(m.actor(a), d.actor(a));
        assert_eq!(d.actor_ix(&m.actor(a).id), Some(a));
        assert_eq!(m.actor_analyses(a), d.actor_analyses(a));
        assert_eq!(m.actor_implications(a), d.actor_implications(a));
        assert_eq!(m.actor_peers(a), d.actor_peers(a));
        assert_eq!(m.actor_kind(a), d.actor_kind(a));
        assert_eq!(m.actor_country(a), d.actor_country(a));
    }
    for t in every(m, ListKind::Themes) {
        let Target::Theme(x) = t else { unreachable!() };
        assert_eq!(m.theme(x), d.theme(x));
        assert_eq!(d.theme_ix(&m.theme(x).id), Some(x));
        assert_eq!(m.theme_parent(x), d.theme_parent(x));
        assert_eq!(m.theme_children(x), d.theme_children(x));
        assert_eq!(m.theme_analyses(x), d.theme_analyses(x));
        assert_eq!(m.theme_related(x), d.theme_related(x));
    }
    for t in every(m, ListKind::Places) {
        let Target::Place(p) = t else { unreachable!() };
        assert_eq!(m.place(p), d.place(p));
        assert_eq!(d.place_ix(&m.place(p).id), Some(p));
        assert_eq!(m.place_implications(p), d.place_implications(p));
        assert_eq!(m.place_analyses(p), d.place_analyses(p));
        assert_eq!(m.place_actors(p), d.place_actors(p));
        assert_eq!(m.place_groups(p), d.place_groups(p));
        assert_eq!(m.place_members(p), d.place_members(p));
        assert_eq!(m.place_kind(p), d.place_kind(p));
        assert_eq!(m.place_ground(p), d.place_ground(p));
        assert_eq!(m.place_region(p), d.place_region(p));
        assert_eq!(m.is_world_region(p), d.is_world_region(p));
        assert_eq!(m.place_centroid(p), d.place_centroid(p));
    }
    for t in every(m, ListKind::Implications) {
        let Target::Implication(i) = t else {
            unreachable!()
        };
        assert_eq!(m.implication(i), d.implication(i));
        assert_eq!(m.implication_id(i), d.implication_id(i));
        assert_eq!(d.implication_ix(&m.implication_id(i)), Some(i));
        assert_eq!(m.implication_source(i), d.implication_source(i));
        assert_eq!(m.implication_facts(i), d.implication_facts(i));
        for side in [Side::Origin, Side::Affected] {
            assert_eq!(m.implication_places(i, side), d.implication_places(i, side));
            assert_eq!(m.implication_actors(i, side), d.implication_actors(i, side));
            assert_eq!(m.implication_ground(i, side), d.implication_ground(i, side));
        }
    }
    for bogus in ["", "nope", "KZ/x", "/", "kz-gov/"] {
        assert_eq!(m.analysis_ix(bogus), d.analysis_ix(bogus));
        assert_eq!(m.actor_ix(bogus), d.actor_ix(bogus));
        assert_eq!(m.implication_ix(bogus), d.implication_ix(bogus));
    }
    assert_eq!(m.perspectives(), d.perspectives());
    assert_eq!(m.years(), d.years());
    assert!(d.notice().is_none());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn searches_find_the_same_from_disk() {
    let (m, d, dir) = both("search");
    let mem_index = SearchIndex::build(&m);
    for q in [
        "kazakhstan",
        "astana",
        "kazakstan",
        "\"middle corridor\"",
        "corrid*",
        "energy security",
        "türkiye",
        "us-gov",
        "the",
        "!eu gas",
        "zzzz",
        "\"a b\"",
    ] {
        for typing in [false, true] {
            let query = Query::parse(q, typing);
            let a = find::search(&mem_index, &m, &query, &Filter::default(), 50);
            let b = find::search(d.index(), &d, &query, &Filter::default(), 50);
            assert_eq!(a, b, "{q}");
            let a = find::quick_search(&mem_index, &m, &query, &Filter::default(), 50);
            let b = find::quick_search(d.index(), &d, &query, &Filter::default(), 50);
            assert_eq!(a, b, "{q}");
        }
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn pages_and_filtered_lists_are_the_same_from_disk() {
    let (m, d, dir) = both("pages");
    for kind in ListKind::ALL {
        for t in every(&m, kind) {
            let a = crate::pages::page(&m, t, &crate::pages::UNICODE);
            let b = crate::pages::page(&d, t, &crate::pages::UNICODE);
            assert!(a == b, "{t:?}: the pages differ");
        }
    }
    let mut filter = Filter::default();
    filter
        .places
        .push(m.place_ix("europe").or_else(|| m.place_ix("KZ")).unwrap());
    filter.themes.push(crate::data::ThemeIx(0));
    for f in [Filter::default(), filter] {
        for kind in ListKind::ALL {
            for &sort in Sort::choices(kind) {
                assert_eq!(
                    find::list(&m, kind, &f, sort),
                    find::list(&d, kind, &f, sort)
                );
            }
        }
    }
    fs::remove_dir_all(dir).unwrap();
}

/// The facet counts the index keeps for every list, against counting in memory.
fn same_facet_counts(disk: &DiskStore, memory: &Dataset) -> usize {
    let mut stored = 0;
    for kind in ListKind::ALL {
        for (f, &facet) in find::Facet::ALL.iter().enumerate() {
            let want = find::counts::unfiltered(memory, kind, facet);
            let got = disk.facet_counts(kind, f).map(|c| c.into_owned());
            // A facet without values (no drafts) keeps nothing: the panel counts nothing then.
            let want = want.filter(|c| !c.is_empty());
            assert_eq!(got, want, "{kind:?} by {facet:?}");
            stored += usize::from(got.is_some());
        }
    }
    stored
}

#[test]
fn the_index_keeps_the_facet_counts_and_follows_the_data() {
    let dir = scratch("facet-counts");
    let data = dir.join("data");
    copy_bundled(&data);
    let path = dir.join("index");
    let open = || match build(&data, &path, false, None, &mut |_| {}).unwrap() {
        Opened::Disk(d) => d,
        Opened::Memory(..) => panic!("not on disk"),
    };
    let memory = load(&data).unwrap().data;
    assert!(same_facet_counts(&open(), &memory) >= 30);
    // One analysis moves to another perspective: the counts move too.
    let file = data.join("analyses/abraham-accords-2020.json");
    let text = fs::read_to_string(&file).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["perspective"] = "A Perspective Added By The Test".into();
    fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let changed = load(&data).unwrap().data;
    let before = find::counts::unfiltered(&memory, ListKind::Analyses, find::Facet::Perspective);
    let after = find::counts::unfiltered(&changed, ListKind::Analyses, find::Facet::Perspective);
    assert_ne!(before, after);
    same_facet_counts(&open(), &changed);
    fs::remove_dir_all(dir).unwrap();
}

/// Copies the bundled data to `to`: the files made.
fn copy_bundled(to: &Path) -> Vec<PathBuf> {
    let from = bundled_dir();
    let mut made = Vec::new();
    for entry in walk(&from) {
        let file = to.join(entry.strip_prefix(&from).unwrap());
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::copy(&entry, &file).unwrap();
        made.push(file);
    }
    made
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The index keeps no copy of the entities: it reads them from the data files, checked against a
/// hash of their bytes. A file changed in place behind the index's back (same size, same time,
/// same inode) is caught when an entity is read, and the data read again as it now is.
#[test]
fn an_entity_changed_in_place_is_read_as_it_now_is() {
    let dir = scratch("in-place");
    let data = dir.join("data");
    // Written an hour ago: a file changed within a second of the build has its bytes compared.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for file in copy_bundled(&data) {
        let copy = fs::File::options().write(true).open(file).unwrap();
        copy.set_modified(hour_ago).unwrap();
    }
    let path = dir.join("index");
    let Opened::Disk(before) = build(&data, &path, false, None, &mut |m| panic!("{m}")).unwrap()
    else {
        panic!("not on disk")
    };
    let ix = before.analysis_ix("abraham-accords-2020").unwrap();
    let old = before.analysis(ix).summary.clone();
    assert_eq!(before.notice(), None);
    drop(before);

    let file = data.join("analyses/abraham-accords-2020.json");
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    let text = fs::read_to_string(&file).unwrap();
    let word = old
        .split(' ')
        .find(|w| w.len() > 4 && w.is_ascii())
        .unwrap();
    let new = old.replacen(word, &word.to_ascii_uppercase(), 1);
    let changed = text.replacen(&old, &new, 1);
    assert_eq!(changed.len(), text.len());
    let mut out = fs::OpenOptions::new().write(true).open(&file).unwrap();
    std::io::Write::write_all(&mut out, changed.as_bytes()).unwrap();
    out.set_modified(modified).unwrap();
    drop(out);

    // Opened as a large dataset is, by size and time alone: the change goes unseen until read.
    let after = open_fresh(&data, &path, Some(Depth::Quick)).expect("looks fresh");
    assert_eq!(after.analysis(ix).summary, new);
    let notice = after.notice().unwrap_or_default();
    assert!(
        notice.contains("changed while geolens was open"),
        "{notice}"
    );
    // The index was written again for the data as it is.
    let again = open_fresh(&data, &path, Some(Depth::Full)).expect("rebuilt");
    assert_eq!(again.analysis(ix).summary, new);
    assert_eq!(again.notice(), None);
    fs::remove_dir_all(dir).unwrap();
}
