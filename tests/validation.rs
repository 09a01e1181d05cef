//! Loading and validation: one test per kind of problem, each asserting the exact message a user
//! sees (file:line:column: field.path: message).

mod common;

use geolens::data::{self, Drafts, Sources};

/// The mini fixture with some files replaced or added.
fn base_files(changes: &[(&str, &str)]) -> Sources {
    let base = Sources::from_dir(&common::fixture_dir("mini")).unwrap();
    let mut files: Vec<(String, String)> = base
        .files
        .iter()
        .filter(|f| !changes.iter().any(|(name, _)| *name == f.name))
        .map(|f| (f.name.clone(), f.text.to_string()))
        .collect();
    files.extend(changes.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    Sources::from_memory(files)
}

/// The mini fixture with some files replaced or added; returns the problems, one string each.
fn problems(changes: &[(&str, &str)]) -> Vec<String> {
    match data::load(&base_files(changes)) {
        Ok(_) => Vec::new(),
        Err(p) => p.0.iter().map(|p| p.to_string()).collect(),
    }
}

/// A valid analysis with one field replaced (by its JSON text). serde_json sorts the keys, so
/// positions differ from MINIMAL's.
fn analysis_with(field: &str, value: &str) -> String {
    let mut a: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    a[field] = serde_json::from_str(value).unwrap();
    serde_json::to_string_pretty(&a).unwrap()
}

const MINIMAL: &str = r#"{
  "id": "t",
  "title": "T",
  "event_date": "2024-01-02",
  "as_of": "2024-01-03",
  "perspective": "P",
  "places": ["KZ"],
  "summary": "S",
  "lenses": {},
  "actors": [{"actor": "kz-gov", "role": "R"}],
  "themes": ["energy-security"],
  "updated": "2024-01-03",
  "sources": [{"title": "A", "publisher": "B"}, {"title": "C", "publisher": "D"}]
}"#;

#[test]
fn the_fixture_itself_is_valid() {
    assert_eq!(problems(&[]), Vec::<String>::new());
    assert_eq!(
        problems(&[("analyses/t.json", MINIMAL)]),
        Vec::<String>::new()
    );
}

#[test]
fn a_finished_analysis_needs_two_sources_and_a_revision_date() {
    let without = MINIMAL
        .replace("  \"updated\": \"2024-01-03\",\n", "")
        .replace(
            r#"[{"title": "A", "publisher": "B"}, {"title": "C", "publisher": "D"}]"#,
            r#"[{"title": "A", "publisher": "B"}]"#,
        );
    assert_eq!(
        problems(&[("analyses/t.json", &without)]),
        [
            "analyses/t.json:1:1: updated: missing: give the day of the last revision as YYYY-MM-DD (at first, as_of)",
            "analyses/t.json:12:14: sources: a finished analysis needs at least 2 sources ({title, publisher, url}) so that its facts can be checked; it has only 1",
        ]
    );
    let none = analysis_with("sources", "[]");
    assert_eq!(
        problems(&[("analyses/t.json", &none)]),
        [
            "analyses/t.json:16:14: sources: a finished analysis needs at least 2 sources ({title, publisher, url}) so that its facts can be checked; it has none"
        ]
    );
}

#[test]
fn a_draft_may_lack_sources_and_a_revision_date_but_only_when_drafts_are_accepted() {
    let mut a: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    let map = a.as_object_mut().unwrap();
    map.remove("sources");
    map.remove("updated");
    map.insert(
        "draft".into(),
        serde_json::json!({"source": "t.txt", "imported": "2024-01-03", "source_text": "T.",
                           "sentences": []}),
    );
    let text = serde_json::to_string_pretty(&a).unwrap();
    let files = base_files(&[("analyses/t.json", &text)]);
    assert!(data::load_with(&files, Drafts::Accept).is_ok());
    let refused: Vec<String> = data::load_with(&files, Drafts::Refuse)
        .unwrap_err()
        .0
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(
        refused
            .iter()
            .any(|p| p.contains(": sources: a finished analysis needs at least 2")),
        "{refused:?}"
    );
    assert!(
        refused.iter().any(|p| p.contains(": updated: missing")),
        "{refused:?}"
    );
    assert!(
        refused
            .iter()
            .any(|p| p.contains(": draft: an unreviewed draft")),
        "{refused:?}"
    );
}

#[test]
fn a_syntax_error_points_at_the_character() {
    let text = "{\n  \"id\": \"t\",\n  \"title\": \"T\",\n}\n";
    assert_eq!(
        problems(&[("analyses/t.json", text)]),
        ["analyses/t.json:4:1: trailing comma"]
    );
}

#[test]
fn an_empty_file_is_reported_not_skipped() {
    assert_eq!(
        problems(&[("analyses/t.json", "")]),
        [
            "analyses/t.json:1:1: the file is empty: it should hold an analysis (a JSON object) or an array of them"
        ]
    );
    assert_eq!(
        problems(&[("actors/extra.json", " \n\t\r\n")]),
        ["actors/extra.json:1:1: the file is empty: it should hold a JSON array of actors"]
    );
}

#[test]
fn a_missing_field_is_reported_at_its_object() {
    let text = MINIMAL.replace("  \"title\": \"T\",\n", "");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        ["analyses/t.json:1:1: missing field `title`"]
    );
}

#[test]
fn an_unknown_field_is_a_typo_until_proven_otherwise() {
    let text = MINIMAL.replacen("\"title\"", "\"titel\"", 1);
    let p = problems(&[("analyses/t.json", &text)]);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with(
            "analyses/t.json:3:12: titel: unknown field `titel`, expected one of `id`, `title`"
        ),
        "{p:?}"
    );
}

#[test]
fn a_wrong_type_names_the_field_path() {
    let text = analysis_with("places", "\"KZ\"");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        ["analyses/t.json:13:13: places: invalid type: string \"KZ\", expected a list"]
    );
}

#[test]
fn a_value_outside_a_closed_vocabulary_lists_the_allowed_ones() {
    let text = MINIMAL.replace(
        "\"themes\"",
        r#""implications": [{"id": "i", "from": {"places": ["KZ"]}, "to": {"places": ["GB"]},
            "channel": "nuclear", "effect": "E", "affected": "A", "horizon": "short",
            "likelihood": "likely", "confidence": "low"}],
  "themes""#,
    );
    let p = problems(&[("analyses/t.json", &text)]);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with(
            "analyses/t.json:12:24: implications[0].channel: unknown variant `nuclear`, expected one of `energy`, `trade`"
        ),
        "{p:?}"
    );
}

#[test]
fn an_impossible_date_says_why() {
    let text = MINIMAL.replace("2024-01-02", "2023-02-29");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        [
            "analyses/t.json:4:17: event_date: invalid date \"2023-02-29\": day must be 01 to 28 in that month"
        ]
    );
}

#[test]
fn as_of_needs_a_day_and_cannot_precede_the_event() {
    let text = MINIMAL.replace("\"as_of\": \"2024-01-03\"", "\"as_of\": \"2023-12\"");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        [
            "analyses/t.json:5:12: as_of: as_of needs a day: \"2023-12-DD\"",
            "analyses/t.json:5:12: as_of: as_of (2023-12) is before the event (2024-01-02)",
        ]
    );
}

#[test]
fn duplicate_ids_point_at_both_definitions() {
    let text = MINIMAL.replace("\"id\": \"t\"", "\"id\": \"cpc-2022\"");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        [
            "analyses/t.json:2:9: id: duplicate analysis id \"cpc-2022\": first defined at analyses/cpc-2022.json:2:9"
        ]
    );
}

#[test]
fn an_unknown_reference_names_the_kind_and_the_id() {
    let text = MINIMAL.replace("\"kz-gov\"", "\"uk-gov\"");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        ["analyses/t.json:10:24: actors[0].actor: unknown actor \"uk-gov\""]
    );
}

#[test]
fn a_reference_to_the_wrong_kind_of_place_is_refused() {
    let actors =
        r#"[{"id": "x", "name": "X", "kind": "group", "country": "eu", "description": "D"}]"#;
    assert_eq!(
        problems(&[("actors/extra.json", actors)]),
        [
            "actors/extra.json:1:55: [0].country: \"eu\" is not a country: use the country's ISO code"
        ]
    );
}

#[test]
fn ids_must_be_slugs_and_countries_iso_codes() {
    let places = r#"[
  {"id": "UK", "name": "Britain", "kind": "country", "centroid": {"lat": 54, "lon": -2}},
  {"id": "Far East", "name": "Far East", "kind": "region", "centroid": {"lat": 40, "lon": 120}}
]"#;
    assert_eq!(
        problems(&[("places/extra.json", places)]),
        [
            "places/extra.json:2:10: [0].id: \"UK\" is not an ISO 3166-1 alpha-2 code: a country's id is its two-letter code (\"GB\", not \"UK\")",
            "places/extra.json:3:10: [1].id: invalid id \"Far East\": use lower-case letters, digits and single hyphens (e.g. \"kz-uk-2024\")",
        ]
    );
}

#[test]
fn empty_text_is_refused() {
    let text = MINIMAL.replace("\"summary\": \"S\"", "\"summary\": \"  \"");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        ["analyses/t.json:8:14: summary: must not be empty"]
    );
}

#[test]
fn a_theme_cannot_be_its_own_ancestor() {
    let themes = r#"[
  {"id": "a", "name": "A", "description": "D", "parent": "b"},
  {"id": "b", "name": "B", "description": "D", "parent": "a"}
]"#;
    assert_eq!(
        problems(&[("themes/loop.json", themes)]),
        [
            "themes/loop.json:2:58: [0].parent: theme \"a\" is its own ancestor",
            "themes/loop.json:3:58: [1].parent: theme \"b\" is its own ancestor",
        ]
    );
}

#[test]
fn an_office_cannot_end_before_it_begins() {
    let actors = r#"[{"id": "p", "name": "P", "kind": "person", "description": "D",
  "offices": [{"title": "Minister", "from": "2024-05", "to": "2023-01"}]}]"#;
    assert_eq!(
        problems(&[("actors/extra.json", actors)]),
        [
            "actors/extra.json:2:62: [0].offices[0].to: office ends (2023-01) before it begins (2024-05)"
        ]
    );
}

#[test]
fn an_implication_needs_both_ends_and_no_duplicates() {
    let text = MINIMAL.replace(
        "\"themes\"",
        r#""implications": [{"id": "i", "from": {}, "to": {"places": ["GB", "GB"]},
            "channel": "trade", "effect": "E", "affected": "A", "horizon": "short",
            "likelihood": "likely", "confidence": "low"}],
  "themes""#,
    );
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        [
            "analyses/t.json:11:40: implications[0].from: needs at least one place or actor",
            "analyses/t.json:11:68: implications[0].to.places[1]: place \"GB\" is listed twice",
        ]
    );
}

#[test]
fn coordinates_must_be_on_the_globe() {
    let places =
        r#"[{"id": "x", "name": "X", "kind": "region", "centroid": {"lat": 91, "lon": -200}}]"#;
    assert_eq!(
        problems(&[("places/extra.json", places)]),
        [
            "places/extra.json:1:65: [0].centroid.lat: latitude 91 is outside -90..90",
            "places/extra.json:1:76: [0].centroid.lon: longitude -200 is outside -180..180",
        ]
    );
}

#[test]
fn every_problem_in_every_file_is_reported_in_file_order() {
    let bad_actor = r#"[{"id": "a1", "name": "", "kind": "person", "description": "D"},
 {"id": "a2", "name": "N", "kind": "robot", "description": "D"}]"#;
    let text = MINIMAL
        .replace("\"kz-gov\"", "\"nobody\"")
        .replace("\"energy-security\"", "\"no-theme\"");
    assert_eq!(
        problems(&[("actors/extra.json", bad_actor), ("analyses/t.json", &text)]),
        [
            "actors/extra.json:1:23: [0].name: must not be empty",
            "actors/extra.json:2:36: [1].kind: unknown variant `robot`, expected one of `person`, `government`, `agency`, `organization`, `bloc`, `company`, `party`, `armed-group`, `ngo`, `group`",
            "analyses/t.json:10:24: actors[0].actor: unknown actor \"nobody\"",
            "analyses/t.json:11:14: themes[0]: unknown theme \"no-theme\"",
        ]
    );
}

#[test]
fn an_entity_that_failed_to_parse_does_not_cascade() {
    // a2 fails to parse; the analysis that names it must not add "unknown actor" on top.
    let bad_actor = r#"[{"id": "a2", "name": "N", "kind": "robot", "description": "D"}]"#;
    let text = MINIMAL.replace("\"kz-gov\"", "\"a2\"");
    let p = problems(&[("actors/extra.json", bad_actor), ("analyses/t.json", &text)]);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("actors/extra.json:1:36: [0].kind: unknown variant `robot`"));
}

#[test]
fn reading_a_directory_reports_missing_paths_and_bad_encoding() {
    let missing = Sources::from_dir(std::path::Path::new("/nonexistent/geolens")).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "/nonexistent/geolens: no such file or directory\n"
    );

    let dir = std::env::temp_dir().join(format!("geolens-enc-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("analyses")).unwrap();
    std::fs::write(dir.join("themes.json"), b"[\n  {\"id\": \"caf\xe9\"}\n]").unwrap();
    let err = Sources::from_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{}/themes.json:2:14: not valid UTF-8 (byte 0xE9): save the file as UTF-8\n",
            dir.display()
        )
    );
}

#[test]
fn a_syntax_error_column_counts_characters_like_every_other_position() {
    // serde_json counts bytes: "Қазақстан" is 18 bytes and 9 characters; `"x"` is at character 24.
    let text = "{\n  \"title\": \"Қазақстан\" \"x\"\n}";
    assert_eq!(
        problems(&[("analyses/t.json", text)]),
        ["analyses/t.json:2:24: expected `,` or `}`"]
    );
}

#[test]
fn a_byte_order_mark_is_refused_without_cascading() {
    // The themes are lost with their file, but the analyses naming them are not blamed for it.
    let themes = std::fs::read_to_string(common::fixture_dir("mini").join("themes.json")).unwrap();
    assert_eq!(
        problems(&[("themes.json", &format!("\u{FEFF}{themes}"))]),
        ["themes.json:1:1: starts with a byte-order mark: save it as UTF-8 without BOM"]
    );
}

#[test]
fn a_duplicate_key_is_reported_where_it_repeats() {
    // serde_json keeps the last of two keys without a word; a dataset must not lose text so.
    let text = MINIMAL.replace("\"title\": \"T\",", "\"title\": \"T\", \"title\": \"U\",");
    assert_eq!(
        problems(&[("analyses/t.json", &text)]),
        [
            "analyses/t.json:3:17: title: key \"title\" appears twice in this object (first at 3:3): keep one"
        ]
    );
}

#[test]
fn duplicate_keys_are_found_at_any_depth_and_in_every_entity() {
    let text = MINIMAL.replace(
        "\"lenses\": {}",
        "\"lenses\": {\"background\": \"B\", \"outlook\": \"O\", \"background\": \"C\"}",
    );
    let places = r#"[
  {"id": "x", "name": "X", "kind": "region", "centroid": {"lat": 1, "lon": 2, "lat": 3}},
  {"id": "y", "name": "Y", "kind": "region", "name": "Z", "centroid": {"lat": 1, "lon": 2}}
]"#;
    assert_eq!(
        problems(&[("analyses/t.json", &text), ("places/extra.json", places)]),
        [
            "analyses/t.json:9:49: lenses.background: key \"background\" appears twice in this object (first at 9:14): keep one",
            "places/extra.json:2:79: [0].centroid.lat: key \"lat\" appears twice in this object (first at 2:59): keep one",
            "places/extra.json:3:46: [1].name: key \"name\" appears twice in this object (first at 3:15): keep one",
        ]
    );
}

#[test]
fn nesting_past_the_parser_limit_is_reported_not_dropped() {
    // The typed pass stops at the first wrong type; only the second pass meets the limit. The
    // file used to vanish from the dataset without a word.
    let deep = format!("[{}{}]", "[".repeat(200), "]".repeat(200));
    assert_eq!(
        problems(&[("analyses/deep.json", &deep)]),
        [
            "analyses/deep.json:1:128: nested 128 levels deep, past the parser's limit of 127 (a dataset file needs at most 6)"
        ]
    );
    let deep_value = MINIMAL.replace(
        "\"lenses\": {}",
        &format!(
            "\"lenses\": {{\"other\": {}{}}}",
            "[".repeat(150),
            "]".repeat(150)
        ),
    );
    assert_eq!(
        problems(&[("analyses/t.json", &deep_value)]),
        [
            "analyses/t.json:9:148: nested 128 levels deep, past the parser's limit of 127 (a dataset file needs at most 6)"
        ]
    );
}

#[test]
fn a_number_too_large_points_at_the_number_and_loses_only_its_file() {
    // Every reference to the places of that file would otherwise be "unknown" as well.
    let places = std::fs::read_to_string(common::fixture_dir("mini").join("places.json"))
        .unwrap()
        .replace("\"lat\": 48.0", "\"lat\": 1e400");
    assert_eq!(
        problems(&[("places.json", &places)]),
        [
            "places.json:2:100: number out of range: it must fit a 64-bit float (at most about 1.8e308)"
        ]
    );
    let digits = format!("\"lon\": -1{}", "0".repeat(400));
    let places = places
        .replace("\"lat\": 1e400", "\"lat\": 1")
        .replace("\"lon\": 67.0", &digits);
    assert_eq!(
        problems(&[("places.json", &places)]),
        [
            "places.json:2:110: number out of range: it must fit a 64-bit float (at most about 1.8e308)"
        ]
    );
}

#[test]
fn a_file_cut_short_is_one_problem() {
    // Its actors are lost, and the analyses that name them are not blamed for it. The position
    // is the last character of the file, the 141st of line 8.
    let actors = std::fs::read_to_string(common::fixture_dir("mini").join("actors.json")).unwrap();
    let cut = actors
        .trim_end()
        .trim_end_matches(']')
        .trim_end()
        .trim_end_matches('}');
    assert_eq!(
        problems(&[("actors.json", cut)]),
        ["actors.json:8:141: EOF while parsing an object"]
    );
}

#[test]
fn sources_outcomes_and_offices_are_checked() {
    let got = problems(&[(
        "analyses/t.json",
        &analysis_with(
            "sources",
            r#"[{"title": "", "publisher": "P", "url": "ftp://x"},
                {"title": "T", "publisher": "P"}]"#,
        ),
    )]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].ends_with("sources[0].title: must not be empty"),
        "{got:?}"
    );
    assert!(
        got[1].ends_with(
            "sources[0].url: not a web address: give an http(s) URL without spaces, or leave it out"
        ),
        "{got:?}"
    );

    let got = problems(&[(
        "analyses/t.json",
        &analysis_with(
            "actors",
            r#"[{"actor": "kz-gov", "role": "R", "office": "Emperor"}]"#,
        ),
    )]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].ends_with(
            "actors[0].office: actor \"kz-gov\" has no office titled \"Emperor\": it lists no offices"
        ),
        "{got:?}"
    );

    let implication = r#"[{"id": "i", "from": {"places": ["KZ"]}, "to": {"places": ["KZ"]},
        "channel": "trade", "effect": "E", "affected": "A", "horizon": "short",
        "likelihood": "likely", "confidence": "low", "resolves_by": "2023-01",
        "outcome": {"status": "happened", "note": "N", "as_of": "2025-01-01"}}]"#;
    let got = problems(&[(
        "analyses/t.json",
        &analysis_with("implications", implication),
    )]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[1].ends_with(
            "implications[0].resolves_by: resolves_by (2023-01) is before the event (2024-01-02)"
        ),
        "{got:?}"
    );
    assert!(
        got[0].ends_with(
            "implications[0].outcome.sources: an outcome judged \"happened\" needs a source"
        ),
        "{got:?}"
    );
}

#[test]
fn world_regions_share_the_countries_out() {
    let places = r#"[
  {"id": "steppe", "name": "Steppe", "kind": "region", "members": ["KZ", "UZ"], "centroid": {"lat": 45, "lon": 65}, "world_region": true},
  {"id": "ca-two", "name": "Central Asia again", "kind": "region", "members": ["UZ"], "centroid": {"lat": 41, "lon": 64}, "world_region": true},
  {"id": "pact", "name": "Pact", "kind": "bloc", "members": ["KZ"], "centroid": {"lat": 48, "lon": 67}, "world_region": true}
]"#;
    assert_eq!(
        problems(&[("places/extra.json", places)]),
        [
            "places/extra.json:3:80: [1].members[0]: \"UZ\" is already in the world region \"steppe\": a country has one home region",
            "places/extra.json:4:121: [2].world_region: only a region can be a world region, not a bloc",
        ]
    );
}

/// A region lists a place as in it or as touching it, never both; a country does neither.
#[test]
fn places_touching_a_region_are_checked_like_its_members() {
    let places = r#"[
  {"id": "caspian", "name": "Caspian Sea", "kind": "waterway", "touching": ["KZ", "RU", "XX"], "centroid": {"lat": 42, "lon": 51}},
  {"id": "steppe", "name": "Steppe", "kind": "region", "members": ["KZ"], "touching": ["KZ", "steppe"], "centroid": {"lat": 48, "lon": 60}},
  {"id": "AZ", "name": "Azerbaijan", "kind": "country", "touching": ["RU"], "centroid": {"lat": 40, "lon": 47}},
  {"id": "aral", "name": "Aral Sea", "kind": "waterway", "members": ["KZ", "UZ"], "centroid": {"lat": 45, "lon": 60}}
]"#;
    assert_eq!(
        problems(&[("places/extra.json", places)]),
        [
            "places/extra.json:2:89: [0].touching[2]: unknown place \"XX\"",
            "places/extra.json:3:87: [1].touching: a place cannot touch itself",
            "places/extra.json:3:88: [1].touching[0]: \"KZ\" is also a member: a place is either in the region or touches it",
            "places/extra.json:4:69: [2].touching: a country touches nothing here: list it in the touching of a region",
            "places/extra.json:5:69: [3].members: a waterway has no members: list the places on its shores in touching",
        ]
    );
}
