//! Search: what matches and in what order. Names by fuzzy matching, text by words, phrases and
//! prefixes, all case- and diacritic-insensitive.

mod common;

use geolens::data::Dataset;
use geolens::data::Target;
use geolens::find::{self, Filter, Matched, Query, Results, SearchIndex};

fn run(data: &Dataset, text: &str, typing: bool) -> Results {
    let index = SearchIndex::build(data);
    find::search(
        &index,
        data,
        &Query::parse(text, typing),
        &Filter::default(),
        50,
    )
}

fn top(data: &Dataset, text: &str) -> Option<Target> {
    run(data, text, true).hits().next().map(|h| h.target)
}

fn hits(r: &Results) -> Vec<Target> {
    r.hits().map(|h| h.target).collect()
}

fn place(d: &Dataset, id: &str) -> Target {
    Target::Place(d.place_ix(id).unwrap())
}

fn analysis(d: &Dataset, id: &str) -> Target {
    Target::Analysis(d.analysis_ix(id).unwrap())
}

#[test]
fn a_capital_finds_its_country_first() {
    let d = common::bundled();
    assert_eq!(top(&d, "astana"), Some(place(&d, "KZ")));
    assert_eq!(top(&d, "Astana"), Some(place(&d, "KZ")));
    let r = run(&d, "astana", true);
    let first = r.hits().next().unwrap();
    assert_eq!(first.matched, Matched::Alias("Astana".to_owned()));
    assert_eq!(
        first.highlight,
        [0, 1, 2, 3, 4, 5],
        "the whole alias is marked"
    );
}

#[test]
fn an_exact_name_beats_a_prefix_and_a_prefix_beats_text() {
    let d = common::bundled();
    assert_eq!(top(&d, "kazakhstan"), Some(place(&d, "KZ")));
    assert_eq!(
        top(&d, "energy security"),
        Some(Target::Theme(d.theme_ix("energy-security").unwrap()))
    );
    // Typing "kazak" already finds the country (a prefix of its name), before the word is done.
    let r = run(&d, "kazak", true);
    let places: Vec<Target> = r
        .hits()
        .map(|h| h.target)
        .filter(|t| matches!(t, Target::Place(_)))
        .collect();
    assert_eq!(places, [place(&d, "KZ")]);
}

#[test]
fn letters_scattered_across_a_name_are_not_a_match() {
    let d = common::bundled();
    let r = run(&d, "astana", true);
    let places: Vec<String> = r
        .hits()
        .filter_map(|h| match h.target {
            Target::Place(p) => Some(d.place(p).id.clone()),
            _ => None,
        })
        .collect();
    // "Middle eAST And North Africa" would match a naive fuzzy matcher.
    assert_eq!(places, ["KZ"]);
}

#[test]
fn a_typo_in_a_name_still_finds_it() {
    let d = common::bundled();
    assert_eq!(top(&d, "kazakstan"), Some(place(&d, "KZ")));
    assert_eq!(
        top(&d, "nurtlu"),
        Some(Target::Actor(d.actor_ix("murat-nurtleu").unwrap()))
    );
}

#[test]
fn diacritics_and_case_do_not_matter() {
    let d = common::bundled();
    let tr = place(&d, "TR");
    assert_eq!(top(&d, "turkiye"), Some(tr));
    assert_eq!(top(&d, "TÜRKIYE"), Some(tr));
    let w = common::fixture("wide");
    assert_eq!(top(&w, "viet nam"), Some(place(&w, "VN")));
    assert_eq!(top(&w, "ha noi"), Some(place(&w, "VN")));
}

#[test]
fn words_must_all_occur_but_a_phrase_must_occur_in_order() {
    let d = common::fixture("mini");
    let kz_uk = analysis(&d, "kz-uk-2024");
    assert!(hits(&run(&d, "investors british", false)).contains(&kz_uk));
    assert!(hits(&run(&d, "\"british investors\"", false)).contains(&kz_uk));
    assert!(!hits(&run(&d, "\"investors british\"", false)).contains(&kz_uk));
    assert!(!hits(&run(&d, "investors zanzibar", false)).contains(&kz_uk));
}

#[test]
fn a_star_or_an_unfinished_last_word_is_a_prefix() {
    let d = common::fixture("mini");
    let kz_uk = analysis(&d, "kz-uk-2024");
    assert!(
        !hits(&run(&d, "investor", false)).contains(&kz_uk),
        "a whole word is exact"
    );
    assert!(hits(&run(&d, "investor*", false)).contains(&kz_uk));
    assert!(
        hits(&run(&d, "investor", true)).contains(&kz_uk),
        "while typing"
    );
    assert!(
        !hits(&run(&d, "investor ", true)).contains(&kz_uk),
        "a space ends the word"
    );
}

#[test]
fn text_hits_show_a_snippet_with_the_words_marked() {
    let d = common::fixture("mini");
    let r = run(&d, "novorossiysk", false);
    let hit = r
        .hits()
        .find(|h| h.target == analysis(&d, "cpc-2022"))
        .expect("cpc-2022 mentions Novorossiysk");
    let Matched::Text(snippet) = &hit.matched else {
        panic!("a text match, got {:?}", hit.matched)
    };
    let marked: String = snippet
        .text
        .chars()
        .enumerate()
        .filter(|(i, _)| hit.highlight.contains(&(*i as u32)))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(marked, "Novorossiysk");
}

#[test]
fn results_come_grouped_by_kind_with_counts_best_group_first() {
    let d = common::bundled();
    let r = run(&d, "astana", true);
    assert_eq!(r.groups[0].kind, geolens::data::ListKind::Places);
    for g in &r.groups {
        assert!(g.hits.iter().all(|h| h.target.list() == g.kind));
        assert!(g.total >= g.hits.len());
        assert!(g.hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
    assert_eq!(r.total(), r.groups.iter().map(|g| g.total).sum::<usize>());
}

#[test]
fn search_stays_within_the_filter() {
    let d = common::fixture("mini");
    let index = SearchIndex::build(&d);
    let q = Query::parse("kazakh", true);
    let all = find::search(&index, &d, &q, &Filter::default(), 50);
    assert!(hits(&all).contains(&analysis(&d, "cpc-2022")));
    let filter = Filter {
        themes: vec![d.theme_ix("multi-vector-diplomacy").unwrap()],
        ..Filter::default()
    };
    let within = find::search(&index, &d, &q, &filter, 50);
    let analyses: Vec<Target> = hits(&within)
        .into_iter()
        .filter(|t| matches!(t, Target::Analysis(_)))
        .collect();
    assert_eq!(analyses, [analysis(&d, "kz-uk-2024")]);
}

/// The quick first pass of a search shows the names of places, actors and themes only, and says
/// more is to come.
#[test]
fn the_quick_pass_is_the_complete_search_without_titles_and_text() {
    use geolens::data::ListKind;
    let d = common::bundled();
    let index = SearchIndex::build(&d);
    for text in [
        "kazakh",
        "energy",
        "middle corridor",
        "eu",
        "sanc*",
        "astana",
    ] {
        let query = Query::parse(text, true);
        let quick = find::quick_search(&index, &d, &query, &Filter::default(), 50);
        let full = find::search(&index, &d, &query, &Filter::default(), 50);
        assert!(!quick.complete && full.complete, "{text}");
        let named =
            |kind: ListKind| matches!(kind, ListKind::Places | ListKind::Actors | ListKind::Themes);
        assert!(quick.groups.iter().all(|g| named(g.kind)), "{text}");
        // Every hit of the quick pass is found by the complete search too (which may show only
        // its best 50 of a kind), and matched by a name.
        for g in &quick.groups {
            let complete = full.groups.iter().find(|f| f.kind == g.kind);
            let complete = complete.unwrap_or_else(|| panic!("{text}: {:?} missing", g.kind));
            for hit in &g.hits {
                assert!(
                    complete.hits.iter().any(|h| h.target == hit.target) || complete.total > 50,
                    "{text}: {:?} is not in the complete results",
                    hit.target
                );
                assert!(!matches!(hit.matched, Matched::Text(_)), "{text}");
            }
        }
    }
}

/// nucleo's pattern syntax reaches the name search: `!word` excludes names holding it. The quick
/// test that short words occur in a name must leave such a word out.
#[test]
fn a_negated_short_word_excludes_rather_than_requires() {
    let d = common::bundled();
    let with = hits(&run(&d, "kazakhstan", false));
    let without = hits(&run(&d, "kazakhstan !gov", false));
    assert!(with.contains(&place(&d, "KZ")));
    assert!(
        without.contains(&place(&d, "KZ")),
        "the country has no \"gov\""
    );
    // The government of Kazakhstan matches by its name only without the "!gov".
    let gov = Target::Actor(d.actor_ix("kz-gov").unwrap());
    let by_name = |text: &str| {
        run(&d, text, false)
            .hits()
            .any(|h| h.target == gov && !matches!(h.matched, Matched::Text(_)))
    };
    assert!(by_name("kazakhstan"));
    assert!(!by_name("kazakhstan !gov"));
}

/// "Kazakhstan's" is the word "kazakhstan" to a reader, and so to the search: every analysis that
/// writes "Russia's" is found by `russia`.
#[test]
fn a_possessive_is_the_word_itself() {
    let d = common::bundled();
    let index = SearchIndex::build(&d);
    // Every hit, not only the first 50 of a kind.
    let all = find::search(
        &index,
        &d,
        &Query::parse("russia", false),
        &Filter::default(),
        usize::MAX,
    );
    let found = hits(&all);
    let mut possessive = 0;
    for (i, a) in d.analyses.iter().enumerate() {
        let t = Target::Analysis(geolens::data::AnalysisIx(i as u32));
        // The text the search reads (sources and outcomes are not searched).
        let entity = geolens::data::Entity::of(&d, t);
        let text = geolens::find::index::fields_of(&entity).join(" ");
        if text.contains("Russia's") || text.contains("Russia’s") {
            possessive += 1;
            assert!(found.contains(&t), "{} writes Russia's", a.id);
        }
    }
    assert!(possessive > 5, "the corpus has possessives to find");
    assert_eq!(
        run(&d, "kazakhstan's", false).total(),
        run(&d, "kazakhstan", false).total()
    );
    // A word is not a prefix: "russia" does not find "Russian" alone.
    assert!(run(&d, "russia", false).total() < run(&d, "russia*", false).total());
}

/// Words joined by a hyphen are read as written, one after the other.
#[test]
fn a_hyphenated_query_is_a_phrase() {
    let d = common::bundled();
    let q = Query::parse("cross-border", false);
    assert_eq!(
        q.terms,
        [geolens::find::search::Term::Phrase(vec![
            "cross".into(),
            "border".into()
        ])]
    );
    let r = run(&d, "cross-border", false);
    assert!(r.total() > 0);
    assert_eq!(r.total(), run(&d, "\"cross border\"", false).total());
    assert!(r.total() < run(&d, "cross border", false).total());
}

/// One query, one answer: what the explorer's search box counts is what `geolens search` counts,
/// for names, words, phrases, prefixes, possessives and unfinished words alike.
#[test]
fn the_explorer_and_the_command_line_agree_on_twenty_queries() {
    use geolens::app::Overlay;
    use geolens::keys::parse_keys;
    use geolens::snapshot::Headless;
    let d = common::bundled();
    let queries = [
        "kazakhstan",
        "Kazakhstan's",
        "russia",
        "russia*",
        "middle corridor",
        "\"middle corridor\"",
        "kazak",
        "astana",
        "energy security",
        "cross-border",
        "sanctions",
        "uranium",
        "grain",
        "houthi",
        "eu",
        "tokayev",
        "pipeline*",
        "nuclear power",
        "critical minerals",
        "wagner",
    ];
    for q in queries {
        let mut h = Headless::new(&d, 100, 30);
        h.press(&parse_keys("/").unwrap());
        let Some(Overlay::Search(search)) = &mut h.app.overlay else {
            panic!("the search box is open");
        };
        assert!(search.input.is_empty());
        // Typed as a user types it, character by character.
        for c in q.chars() {
            h.press(&[geolens::keys::Key::char(c)]);
        }
        let Some(Overlay::Search(search)) = &h.app.overlay else {
            panic!("the search box is open");
        };
        let explorer = search.results.total();
        let o = common::geolens(&["search", q, "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let cli = json["total"].as_u64().unwrap() as usize;
        assert_eq!(
            explorer, cli,
            "{q:?}: the explorer says {explorer}, the CLI {cli}"
        );
        assert!(explorer > 0, "{q:?} finds something");
        let shown = h.text();
        assert!(
            shown.contains(&format!("{explorer} result")),
            "{q:?}: the box says how many"
        );
    }
}

/// When filters hide matches the search box says how many, and Tab shows them.
#[test]
fn matches_hidden_by_filters_are_counted_and_one_key_shows_them() {
    use geolens::app::Overlay;
    use geolens::keys::parse_keys;
    use geolens::snapshot::Headless;
    let d = common::bundled();
    let index = SearchIndex::build(&d);
    let filter = Filter {
        places: vec![d.place_ix("central-asia").unwrap()],
        ..Filter::default()
    };
    let q = Query::parse("pipeline", true);
    let all = find::search(&index, &d, &q, &Filter::default(), 50);
    let within = find::search(&index, &d, &q, &filter, 50);
    assert!(within.total() > 0 && within.total() < all.total());
    assert_eq!(within.hidden, all.total() - within.total());
    assert_eq!(all.hidden, 0);

    let mut h = Headless::new(&d, 120, 30);
    // Filter to Central Asia through the panel, then search.
    h.press(&parse_keys("f <Tab> /central<Space>asia <Enter> <Esc> <Esc> /pipeline").unwrap());
    assert!(!h.app.filter.is_empty());
    let summary = format!(
        "{} results; {} more hidden by filters (Tab shows them)",
        within.total(),
        within.hidden
    );
    assert!(h.text().contains(&summary), "{}", h.text());
    h.press(&parse_keys("<Tab>").unwrap());
    let Some(Overlay::Search(search)) = &h.app.overlay else {
        panic!("the search box is open");
    };
    assert_eq!(search.results.total(), all.total());
    assert!(h.text().contains("past the filters (Tab: within them)"));
    assert!(!h.app.filter.is_empty(), "the filters stay for the lists");
}

#[test]
fn the_search_box_offers_the_last_query_selected() {
    use geolens::app::Overlay;
    use geolens::keys::parse_keys;
    use geolens::snapshot::Headless;
    let d = common::bundled();
    let input = |h: &Headless| match &h.app.overlay {
        Some(Overlay::Search(s)) => (s.input.clone(), s.replace),
        _ => panic!("the search box is open"),
    };
    let mut h = Headless::new(&d, 100, 30);
    h.press(&parse_keys("/\"middle<Space>corridor\" <Enter> /").unwrap());
    assert_eq!(input(&h), ("\"middle corridor\"".to_owned(), true));
    // Typing replaces it...
    h.press(&parse_keys("kazakstan").unwrap());
    assert_eq!(input(&h), ("kazakstan".to_owned(), false));
    h.press(&parse_keys("<Enter> /").unwrap());
    // ... Backspace clears it, and the right arrow keeps it to add to.
    h.press(&parse_keys("<BS>").unwrap());
    assert_eq!(input(&h), (String::new(), false));
    h.press(&parse_keys("<Esc> / <Right> n").unwrap());
    assert_eq!(input(&h), ("kazakstann".to_owned(), false));
}

#[test]
fn n_says_which_match_of_how_many_and_when_it_goes_round() {
    use geolens::keys::parse_keys;
    use geolens::snapshot::Headless;
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    h.press(&parse_keys("/kazakhstan <Down> <Enter>").unwrap());
    let rows = h.app.detail.matches(h.app.last_query.as_ref().unwrap());
    assert!(rows.len() >= 2, "{rows:?}");
    let n = rows.len();
    h.press(&parse_keys("g n").unwrap());
    let first = if rows[0] == 0 { 2 } else { 1 };
    assert_eq!(
        h.app.message.as_deref(),
        Some(&*format!("match {first} of {n}"))
    );
    h.press(&parse_keys("G n").unwrap());
    assert_eq!(
        h.app.message.as_deref(),
        Some(&*format!("match 1 of {n}, from the top again"))
    );
    assert_eq!(h.app.detail.cursor, rows[0]);
    h.press(&parse_keys("N").unwrap());
    assert_eq!(
        h.app.message.as_deref(),
        Some(&*format!("match {n} of {n}, from the bottom again"))
    );
}
