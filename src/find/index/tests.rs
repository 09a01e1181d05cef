use super::names::mask_bit;
use super::*;
use crate::find::fold::for_each_word;

#[test]
fn varints_round_trip() {
    for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
        let mut bytes = Vec::new();
        write_varint(&mut bytes, n);
        assert_eq!(read_varint(&bytes), Some((n, bytes.len())));
    }
    assert_eq!(read_varint(&[0x80, 0x80]), None, "cut short");
    assert_eq!(read_varint(&[0xff; 6]), None, "too long for a u32");
}

/// Every word's documents, counts and places, the plain way.
type Oracle = std::collections::BTreeMap<String, Vec<(DocId, Vec<u32>)>>;

fn oracle(data: &dyn Store) -> Oracle {
    let mut words = Oracle::new();
    let mut buf = String::new();
    for (doc, target) in all_targets(data).enumerate() {
        let doc = doc as DocId;
        let mut place = 0;
        fields_of(&Entity::of(data, target))
            .into_iter()
            .for_each(|field| {
                for_each_word(field, &mut buf, |w, _, _| {
                    let list = words.entry(w.to_owned()).or_default();
                    match list.last_mut() {
                        Some((d, places)) if *d == doc => places.push(place),
                        _ => list.push((doc, vec![place])),
                    }
                    place += 1;
                });
                place += 1;
            });
    }
    words
}

/// Every word of the index with its documents and places, read back through the sections.
fn read_back(index: &SearchIndex) -> Oracle {
    let at = index.whole(sec::VOCAB).unwrap();
    let text = index.whole(sec::VOCAB_TEXT).unwrap();
    let n = at.len() / 8 - 1;
    let mut out = Oracle::new();
    for id in 0..n {
        let word =
            std::str::from_utf8(&text[offset_at(at, id).unwrap()..offset_at(at, id + 1).unwrap()])
                .unwrap();
        let pos_list = index.list(sec::POSITIONS_AT, sec::POSITIONS, id).unwrap();
        let post_list = index.list(sec::POSTINGS_AT, sec::POSTINGS, id).unwrap();
        let (mut pos, mut post): (&[u8], &[u8]) = (&pos_list, &post_list);
        let (mut doc, mut list) = (0, Vec::new());
        while !post.is_empty() {
            let (gap, a) = read_varint(post).unwrap();
            let (count, b) = read_varint(&post[a..]).unwrap();
            post = &post[a + b..];
            doc += gap;
            let mut places = Vec::new();
            let mut place = 0;
            for _ in 0..count {
                let (gap, used) = read_varint(pos).unwrap();
                pos = &pos[used..];
                place += gap;
                places.push(place);
            }
            list.push((doc, places));
        }
        assert!(pos.is_empty(), "{word}: positions left over");
        out.insert(word.to_owned(), list);
    }
    out
}

#[test]
fn the_index_holds_every_word_of_every_document_and_where() {
    let data = crate::data::bundled().expect("the bundled dataset loads");
    let index = SearchIndex::build(&data);
    let expected = oracle(&data);
    assert_eq!(read_back(&index), expected);
    for (word, list) in expected.iter().take(500) {
        let postings: Vec<(DocId, u32)> =
            index.word(word).iter().map(|p| (p.doc, p.count)).collect();
        let counted: Vec<(DocId, u32)> = list
            .iter()
            .map(|(d, p)| (*d, (p.len() as u32).min(255)))
            .collect();
        assert_eq!(postings, counted, "{word}");
    }
}

#[test]
fn an_index_built_in_runs_is_the_index_built_in_one() {
    let data = crate::data::bundled().expect("the bundled dataset loads");
    let one = build::build_in(&data, 1);
    assert!(
        one.whole(sec::VOCAB).unwrap().len() / 8 > 1000,
        "a corpus worth merging"
    );
    for parts in [2, 3, 7] {
        let many = build::build_in(&data, parts);
        assert_eq!(many.counts(), one.counts(), "{parts} runs");
        assert_eq!(many.sections(), one.sections(), "{parts} runs");
    }
}

#[test]
fn names_read_back_as_they_were_given() {
    let data = crate::data::bundled().expect("the bundled dataset loads");
    let index = SearchIndex::build(&data);
    let mut expected = Vec::new();
    for (doc, target) in all_targets(&data).enumerate() {
        let entity = Entity::of(&data, target);
        for (kind, text) in names_of(&entity) {
            expected.push((
                doc as DocId,
                kind,
                text.to_owned(),
                crate::find::fold::fold(text),
            ));
        }
    }
    let names = index.names();
    let got: Vec<_> = names
        .iter()
        .map(|n| (n.doc, n.kind, n.text.to_owned(), n.folded.to_owned()))
        .collect();
    assert_eq!(got, expected);
    for i in 0..names.len() {
        assert_eq!(names.mask(i), name_mask(names.get(i).unwrap().text));
    }
}

#[test]
fn a_name_mask_holds_what_nucleo_would_match() {
    let m = name_mask("Türkiye");
    for c in "turkiye".chars() {
        assert_ne!(m & mask_bit(c), 0, "{c}");
    }
    assert_eq!(m & mask_bit('x'), 0);
    assert_ne!(name_mask("R2-D2") & mask_bit('2'), 0);
    assert_eq!(name_mask("中华"), 0);
}

#[test]
fn phrases_are_found_by_places_within_one_field() {
    use crate::data::Sources;
    let analysis = |id: &str, title: &str, summary: &str| {
        format!(
            r#"{{"id": "{id}", "title": "{title}", "event_date": "2024-01-01", "as_of": "2024-01-02",
            "perspective": "P", "places": ["KZ"], "summary": "{summary}", "lenses": {{}},
            "actors": [{{"actor": "kz-gov", "role": "r"}}], "themes": ["energy"]}}"#
        )
    };
    let sources = Sources::from_memory([
        ("places.json", r#"[{"id": "KZ", "name": "Kazakhstan", "kind": "country", "centroid": {"lat": 48, "lon": 68}}]"#.to_owned()),
        ("actors.json", r#"[{"id": "kz-gov", "name": "Government of Kazakhstan", "kind": "government", "country": "KZ", "description": "d"}]"#.to_owned()),
        ("themes.json", r#"[{"id": "energy", "name": "Energy", "description": "d"}]"#.to_owned()),
        ("analyses/a.json", analysis("a", "The middle corridor", "x")),
        ("analyses/b.json", analysis("b", "A middle", "corridor of trade")),
        ("analyses/c.json", analysis("c", "a a b", "middle middle corridor")),
    ]);
    let data = crate::data::load(&sources).unwrap_or_else(|p| panic!("{p}"));
    let index = SearchIndex::build(&data);
    let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let docs: Vec<Posting> = (0..3).map(|doc| Posting { doc, count: 1 }).collect();
    assert_eq!(
        index.phrase(&words(&["middle", "corridor"]), &docs),
        [true, false, true]
    );
    assert_eq!(
        index.phrase(&words(&["a", "a", "b"]), &docs),
        [false, false, true]
    );
    assert_eq!(
        index.phrase(&words(&["corridor", "middle"]), &docs),
        [false, false, false]
    );
    assert_eq!(
        index.phrase(&words(&["middle", "nowhere"]), &docs),
        [false, false, false]
    );
}
