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
    let at = Facet::ALL.iter().position(|&f| f == facet).unwrap();
    press(h, &"j ".repeat(at));
    press(h, "<Tab>");
    let row = panel(&h.app)
        .values
        .iter()
        .position(|(v, _)| v == value)
        .unwrap_or_else(|| panic!("{value:?} is not offered"));
    press(h, &"j ".repeat(row));
}

/// For every list and every value of every facet: the count the panel shows for a value is the
/// length of the list once the value is turned on (through the keys, as a user would).
fn counts_match_what_the_list_shows(data: &Dataset, every_nth: usize) {
    for (i, kind) in ListKind::ALL.iter().enumerate() {
        let mut h = Headless::new(data, 160, 48);
        press(&mut h, &format!("{} f", i + 1));
        for facet in Facet::ALL {
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
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let printed: Vec<String> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(shown, printed);
    // And the chips say what is on.
    let text = h.text();
    assert!(text.contains("Theme: Energy security"), "{text}");
    assert!(
        text.contains("Region or country: Europe (region)"),
        "{text}"
    );
}
