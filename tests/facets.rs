//! Facets: each value's count is what the list then shows, facets combine (any value within a
//! facet, all facets together), and the explorer and `geolens list` agree.

mod common;

use std::process::Command;

use geolens::app::filters::Column;
use geolens::app::{App, Overlay};
use geolens::data::Dataset;
use geolens::data::{ListKind, Target};
use geolens::find::{self, Facet, Filter, Sort, Value};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

fn press(h: &mut Headless, keys: &str) {
    h.press(&parse_keys(keys).unwrap());
}

fn panel(app: &App) -> &geolens::app::filters::FilterPanel {
    match &app.overlay {
        Some(Overlay::Filters(p)) => p,
        _ => panic!("the filter panel is not open"),
    }
}

/// In the open panel, moves to `facet` and then to `value`, by keys.
fn select(h: &mut Headless, facet: Facet, value: &Value) {
    let p = panel(&h.app);
    if p.column == Column::Values {
        press(h, "<Tab>");
    }
    press(h, "g");
    let at = panel(&h.app)
        .facets
        .iter()
        .position(|&f| f == facet)
        .unwrap_or_else(|| panic!("{facet:?} is not offered"));
    press(h, &"j ".repeat(at));
    press(h, "<Tab>");
    let row = panel(&h.app)
        .values
        .iter()
        .position(|(v, _)| v == value)
        .unwrap_or_else(|| panic!("{value:?} is not offered"));
    press(h, &"j ".repeat(row));
}

/// The ids `geolens list --json` printed, in order.
fn printed_ids(out: &std::process::Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// For every list and every value of every facet: the count the panel shows for a value is the
/// length of the list once the value is turned on (through the keys, as a user would).
fn counts_match_what_the_list_shows(data: &Dataset, every_nth: usize) {
    for (i, kind) in ListKind::ALL.iter().enumerate() {
        let mut h = Headless::new(data, 160, 48);
        press(&mut h, &format!("{} f", i + 1));
        for facet in Facet::ALL.into_iter().filter(|f| f.offered(data)) {
            let values = facet.values(data);
            for value in values.iter().step_by(every_nth) {
                select(&mut h, facet, value);
                let shown = panel(&h.app).values[panel(&h.app).value].1;
                press(&mut h, "<Space>");
                let listed = h.app.lists[kind.index()].rows.len();
                assert_eq!(
                    shown,
                    listed,
                    "{kind:?}, {facet:?} = {}: the panel said {shown}, the list shows {listed}",
                    value.label(data)
                );
                press(&mut h, "<Space>");
                assert!(h.app.filter.is_empty(), "toggling twice leaves no filter");
            }
        }
    }
}

#[test]
fn every_count_is_what_the_list_then_shows_mini() {
    counts_match_what_the_list_shows(&common::fixture("mini"), 1);
}

#[test]
fn every_count_is_what_the_list_then_shows_bundled() {
    // Every seventh value of each facet keeps the test quick while covering every facet.
    counts_match_what_the_list_shows(&common::bundled(), 7);
}

fn ids(d: &Dataset, kind: ListKind, f: &Filter) -> Vec<String> {
    find::list(d, kind, f, Sort::Date)
        .into_iter()
        .map(|t| geolens::cli::id_of(d, t))
        .collect()
}

#[test]
fn a_theme_includes_its_sub_themes_and_a_region_its_members() {
    let d = common::fixture("mini");
    let by_theme = Filter {
        themes: vec![d.theme_ix("energy-security").unwrap()],
        ..Filter::default()
    };
    // cpc-2022 is tagged only with the sub-theme energy-corridors.
    assert_eq!(
        ids(&d, ListKind::Analyses, &by_theme),
        ["kz-eu-minerals-2022", "cpc-2022"]
    );
    let by_region = Filter {
        places: vec![d.place_ix("central-asia").unwrap()],
        ..Filter::default()
    };
    // None names Central Asia; all three name Kazakhstan, a member.
    assert_eq!(ids(&d, ListKind::Analyses, &by_region).len(), 3);
    // Actors are placed by their country.
    assert_eq!(
        ids(&d, ListKind::Actors, &by_region),
        ["kz-gov", "murat-nurtleu"]
    );
}

#[test]
fn values_of_one_facet_add_up_and_facets_narrow_each_other() {
    let d = common::fixture("mini");
    let theme = |id: &str| d.theme_ix(id).unwrap();
    let one = |t: &str| Filter {
        themes: vec![theme(t)],
        ..Filter::default()
    };
    let either = Filter {
        themes: vec![theme("multi-vector-diplomacy"), theme("energy-corridors")],
        ..Filter::default()
    };
    assert_eq!(
        ids(&d, ListKind::Analyses, &either),
        ["kz-uk-2024", "cpc-2022"],
        "any value within a facet"
    );
    let both = Filter {
        themes: vec![theme("foreign-investment")],
        places: vec![d.place_ix("RU").unwrap()],
        ..Filter::default()
    };
    let investment = ids(&d, ListKind::Analyses, &one("foreign-investment"));
    assert_eq!(investment.len(), 2);
    assert_eq!(
        ids(&d, ListKind::Analyses, &both),
        Vec::<String>::new(),
        "every facet at once"
    );
}

#[test]
fn implication_facets_filter_implications_and_the_analyses_that_have_them() {
    let d = common::fixture("mini");
    use geolens::data::model::Channel;
    let f = Filter {
        channels: vec![Channel::Diplomacy],
        ..Filter::default()
    };
    assert_eq!(
        ids(&d, ListKind::Implications, &f),
        ["kz-uk-2024/moscow-watches"]
    );
    assert_eq!(ids(&d, ListKind::Analyses, &f), ["kz-uk-2024"]);
    let from_2022 = Filter {
        from: Some("2022-08".parse().unwrap()),
        to: Some("2023-12".parse().unwrap()),
        ..Filter::default()
    };
    assert_eq!(
        ids(&d, ListKind::Analyses, &from_2022),
        ["kz-eu-minerals-2022"]
    );
}

/// The acceptance test: the explorer filtered to "energy security" and Europe shows
/// exactly what `geolens list` prints for the same facets.
#[test]
fn the_explorer_and_the_command_line_agree() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 160, 48);
    press(&mut h, "f");
    select(
        &mut h,
        Facet::Theme,
        &Value::Theme(d.theme_ix("energy-security").unwrap()),
    );
    press(&mut h, "<Space>");
    select(
        &mut h,
        Facet::Place,
        &Value::Place(d.place_ix("europe").unwrap()),
    );
    press(&mut h, "<Space> <Esc>");
    let pane = &h.app.lists[ListKind::Analyses.index()];
    let shown: Vec<String> = (0..pane.rows.len())
        .map(|r| match pane.rows.get(r).unwrap() {
            Target::Analysis(a) => d.analysis(a).id.clone(),
            other => panic!("{other:?} in the analyses list"),
        })
        .collect();
    assert!(!shown.is_empty());

    let out = Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args([
            "list",
            "analyses",
            "--theme",
            "energy-security",
            "--place",
            "europe",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(shown, printed_ids(&out));
    // And the chips say what is on.
    let text = h.text();
    assert!(text.contains("Theme: Energy security"), "{text}");
    assert!(
        text.contains("Region or country: Europe (region)"),
        "{text}"
    );
}

/// A region stands for the places in it, not every country that reaches into it: the Arctic keeps
/// what is about the Arctic (Greenland, the Arctic Council), not the Armenia–Azerbaijan deal that
/// the United States witnessed. The switch in the panel (`m`) widens it to the places it touches,
/// or narrows it to what names the region itself.
#[test]
fn a_region_keeps_what_is_about_it_and_a_switch_widens_or_narrows_it() {
    use geolens::find::PlaceScope;
    let d = common::bundled();
    let arctic = d.place_ix("arctic").unwrap();
    let filter = |scope| Filter {
        places: vec![arctic],
        place_scope: scope,
        ..Filter::default()
    };
    let within = ids(&d, ListKind::Analyses, &filter(PlaceScope::Within));
    assert!(!within.contains(&"armenia-azerbaijan-washington-2025".to_owned()));
    assert!(within.contains(&"gl-election-2025-regional".to_owned()));
    assert!(within.contains(&"arctic-council-pause-2022-climate".to_owned()));
    let all = d.analyses.len();
    assert!(
        within.len() * 5 < all,
        "{} of {all} is not about the Arctic",
        within.len()
    );
    let touching = ids(&d, ListKind::Analyses, &filter(PlaceScope::Touching));
    assert!(touching.contains(&"armenia-azerbaijan-washington-2025".to_owned()));
    let only = ids(&d, ListKind::Analyses, &filter(PlaceScope::Only));
    assert!(only.iter().all(|id| {
        let a = d.analysis(d.analysis_ix(id).unwrap());
        a.places.iter().any(|p| p == "arctic")
    }));
    assert!(only.len() <= within.len() && within.len() < touching.len());
    // A sea is touched by its shores, never a member of them: the Black Sea filter keeps what
    // names the sea, not everything about Russia or Turkey.
    let black_sea = Filter {
        places: vec![d.place_ix("black-sea").unwrap()],
        ..Filter::default()
    };
    let sea = ids(&d, ListKind::Analyses, &black_sea);
    assert!(sea.contains(&"black-sea-grain-initiative-2022-diplomacy".to_owned()));
    assert!(sea.len() * 5 < all, "{} of {all}", sea.len());

    // The panel's switch, and the command line, say the same.
    let mut h = Headless::new(&d, 160, 48);
    press(&mut h, "f");
    select(&mut h, Facet::Place, &Value::Place(arctic));
    press(&mut h, "<Space>");
    assert_eq!(h.app.lists[0].rows.len(), within.len());
    press(&mut h, "m");
    assert_eq!(h.app.filter.place_scope, PlaceScope::Touching);
    assert_eq!(h.app.lists[0].rows.len(), touching.len());
    assert!(
        h.text()
            .contains("Regions: with places it touches too  m changes")
    );
    press(&mut h, "m");
    assert_eq!(h.app.lists[0].rows.len(), only.len());
    for (scope, expected) in [
        ("only", &only),
        ("members", &within),
        ("touching", &touching),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_geolens"))
            .args([
                "list",
                "analyses",
                "--place",
                "arctic",
                "--place-scope",
                scope,
            ])
            .output()
            .unwrap();
        let printed: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split_whitespace().next().unwrap().to_owned())
            .collect();
        assert_eq!(&printed, expected, "--place-scope {scope}");
    }
    // A place's page says which regions it is in and which it only touches.
    let ru = geolens::pages::page(
        &d,
        Target::Place(d.place_ix("RU").unwrap()),
        &geolens::pages::UNICODE,
    );
    let text: Vec<String> = ru
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.text()).collect())
        .collect();
    let at = text
        .iter()
        .position(|l| l.starts_with("Partly in, or on the shore of"))
        .unwrap();
    assert!(text[at..].iter().take(8).any(|l| l.contains("Arctic")));
}

/// The chips group values by facet, count the values of a facet that do not fit ("+2"), and end
/// with "+N more" for facets with no room: no active facet vanishes from the line.
#[test]
fn the_chips_group_by_facet_and_count_what_does_not_fit() {
    use geolens::data::model::Channel;
    let d = common::bundled();
    let mut h = Headless::new(&d, 120, 30);
    let f = Filter {
        places: ["europe", "central-asia", "middle-east", "KZ"]
            .iter()
            .map(|p| d.place_ix(p).unwrap())
            .collect(),
        themes: vec![d.theme_ix("energy-security").unwrap()],
        channels: vec![Channel::Energy],
        years: vec![2022, 2023],
        ..Filter::default()
    };
    let labels: Vec<String> = f
        .values()
        .iter()
        .map(|v| v.label(&d).trim_start().to_owned())
        .collect();
    h.app.filter = f;
    let line = |h: &Headless| h.text().lines().nth(2).unwrap().to_owned();
    // Every value is shown or counted, at any width.
    for width in [60, 80, 120, 250] {
        h.resize(width, 30);
        let chips = line(&h);
        let shown = labels.iter().filter(|l| chips.contains(l.as_str())).count();
        let counted: usize = chips
            .split('+')
            .skip(1)
            .filter_map(|r| r.split_whitespace().next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(shown + counted, labels.len(), "at {width}: {chips}");
        if width >= 120 {
            for facet in ["Region or country:", "Theme:", "Channel:", "Year:"] {
                assert!(chips.contains(facet), "at {width}, {facet} is on: {chips}");
            }
        }
    }
    assert!(line(&h).contains("Channel: energy"));
    assert!(line(&h).contains("Year: 2022, 2023"));
    h.resize(120, 30);
    assert!(
        line(&h).contains("Region or country: Europe (region) +3"),
        "{}",
        line(&h)
    );
}

/// A long list of values narrows as one types; Enter turns the value on, Esc stops finding.
#[test]
fn type_to_find_in_a_filter_list() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 120, 40);
    press(&mut h, "f <Tab> /kaz");
    let p = panel(&h.app);
    assert_eq!(p.values.len(), 1, "{:?}", p.values);
    assert!(p.all.len() > 200);
    assert!(h.text().contains("/ kaz"));
    press(&mut h, "<Enter>");
    assert_eq!(h.app.filter.places, [d.place_ix("KZ").unwrap()]);
    press(&mut h, "<Esc>");
    let p = panel(&h.app);
    assert!(p.find.is_none());
    assert_eq!(p.values.len(), p.all.len(), "every value again");
    assert_eq!(
        p.current_value(),
        Some(&Value::Place(d.place_ix("KZ").unwrap())),
        "still on it"
    );
    // In the actors facet, by any part of the name, ignoring accents.
    press(&mut h, "<Tab> j j <Tab> /erdogan");
    let p = panel(&h.app);
    assert!(!p.values.is_empty());
    assert!(
        p.values
            .iter()
            .all(|(v, _)| v.label(&d).contains("Erdoğan")),
        "{:?}",
        p.values
    );
}

#[test]
fn x_clears_every_filter_and_says_how_to_get_them_back_and_u_undoes() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "u");
    assert_eq!(
        h.app.message.as_deref(),
        Some("no change to the filters to undo")
    );
    press(&mut h, "f j <Tab> <Space> j <Space> <Esc>");
    let two = h.app.filter.clone();
    assert_eq!(two.themes.len(), 2);
    press(&mut h, "x");
    assert!(h.app.filter.is_empty());
    assert_eq!(
        h.app.message.as_deref(),
        Some("filters cleared: u puts them back")
    );
    press(&mut h, "u");
    assert_eq!(h.app.filter, two);
    press(&mut h, "u");
    assert_eq!(h.app.filter.themes.len(), 1, "one change at a time");
    press(&mut h, "u u");
    assert!(h.app.filter.is_empty());
    assert_eq!(
        h.app.message.as_deref(),
        Some("no change to the filters to undo")
    );
    press(&mut h, "x");
    assert_eq!(h.app.message.as_deref(), Some("no filters to clear"));
    // In the panel too.
    press(&mut h, "f j <Tab> <Space> u");
    assert!(h.app.filter.is_empty());
    assert!(matches!(h.app.overlay, Some(Overlay::Filters(_))));
}

/// The counts beside each value of an unfiltered list, counted one facet at a time
/// (`find::counts`, what the index keeps), are what a filter of that value alone leaves, for
/// every list: on the bundled data and on a synthetic archive.
#[test]
fn unfiltered_counts_are_what_each_value_alone_leaves() {
    use geolens::find::counts;
    use geolens::tools::synth::{self, Profile, Spec};
    let dir = std::env::temp_dir().join(format!("geolens-counts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let spec = Spec {
        analyses: 600,
        seed: 23,
        profile: Profile::Brief,
    };
    synth::write(&dir, &spec).expect("generated");
    let synthetic = geolens::data::load(&geolens::data::Sources::from_dir(&dir).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut checked = 0;
    for d in [&common::bundled(), &synthetic] {
        for facet in Facet::ALL {
            let all = counts::unfiltered_in(d, &ListKind::ALL, facet);
            assert_eq!(all.is_empty(), !counts::counted_here(facet), "{facet:?}");
            for (kind, got) in ListKind::ALL.iter().zip(&all) {
                let want: Vec<u32> = facet
                    .values(d)
                    .iter()
                    .map(|v| {
                        let mut f = Filter::default();
                        f.toggle(v);
                        find::members(d, *kind, &f).len() as u32
                    })
                    .collect();
                assert_eq!(got, &want, "{kind:?} by {facet:?}");
                checked += want.iter().filter(|&&n| n > 0).count();
            }
        }
    }
    assert!(checked > 500, "only {checked} non-zero counts checked");
}

/// A facet with nothing to tell apart is not offered: the bundled data has no drafts, so the
/// panel leaves the Drafts facet out (and moving past its place skips it).
#[test]
fn the_drafts_facet_is_offered_only_where_there_are_drafts() {
    let data = common::bundled();
    assert!(!Facet::Drafts.offered(&data));
    let mut h = Headless::new(&data, 100, 30);
    press(&mut h, "f");
    let offered = &panel(&h.app).facets;
    let want: Vec<Facet> = Facet::ALL
        .into_iter()
        .filter(|&f| f != Facet::Drafts)
        .collect();
    assert_eq!(offered, &want);
    let screen = h.text();
    assert!(!screen.contains("Drafts"), "{screen}");
    assert!(screen.contains("Starts in or reaches"), "{screen}");
}

/// The outcome facet keeps the forecasts whose recorded outcome is among those chosen (or those
/// with none recorded), the analyses holding one, and `geolens list --outcome` prints the same.
#[test]
fn the_outcome_facet_keeps_the_forecasts_that_turned_out_so() {
    use geolens::data::Store;
    use geolens::data::model::OutcomeStatus;
    let d = common::bundled();
    let outcome_of = |t: &Target| match t {
        Target::Implication(i) => d.implication(*i).outcome.as_ref().map(|o| o.status),
        other => panic!("{other:?} in the implications list"),
    };
    let all = find::list(&d, ListKind::Implications, &Filter::default(), Sort::Date);
    for (chosen, flag) in [
        (vec![Some(OutcomeStatus::DidNot)], vec!["did-not"]),
        (vec![None], vec!["none"]),
        (
            vec![Some(OutcomeStatus::Happened), Some(OutcomeStatus::Partly)],
            vec!["happened", "partly"],
        ),
    ] {
        let f = Filter {
            outcomes: chosen.clone(),
            ..Filter::default()
        };
        let kept = find::list(&d, ListKind::Implications, &f, Sort::Date);
        let want: Vec<&Target> = all
            .iter()
            .filter(|t| chosen.contains(&outcome_of(t)))
            .collect();
        assert!(!want.is_empty(), "{flag:?}: the bundled data has some");
        assert_eq!(kept.iter().collect::<Vec<_>>(), want, "{flag:?}");
        // An analysis is kept when one of its forecasts is.
        let analyses = find::list(&d, ListKind::Analyses, &f, Sort::Date);
        for a in 0..d.count(ListKind::Analyses) as u32 {
            let a = geolens::data::AnalysisIx(a);
            let holds = d.analysis_implications(a).any(|i| {
                chosen.contains(&outcome_of(&Target::Implication(
                    geolens::data::ImplicationIx(i),
                )))
            });
            assert_eq!(analyses.contains(&Target::Analysis(a)), holds, "{flag:?}");
        }
        let mut args = vec!["list", "implications", "--json"];
        for word in &flag {
            args.extend(["--outcome", word]);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_geolens"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let ids: Vec<String> = kept.iter().map(|&t| d.id(t)).collect();
        assert_eq!(printed_ids(&out), ids, "{args:?}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(["list", "implications", "--outcome", "maybe"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown outcome \"maybe\": use one of happened, partly, did-not, open, none"),
        "{err}"
    );
}
