//! The forecasts view (`F`): what it shows, pinned at 80x24 and wide on the bundled data and on
//! the `scored` fixture (whose numbers can be checked by hand), and where Enter on each row lands:
//! exactly the implications the row counts, worked out here without the filter code.

mod common;

use geolens::app::screen::Screen;
use geolens::data::{ImplicationIx, ListKind, Store, Target};
use geolens::find::forecasts::Group;
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

fn screen(data: &dyn Store, width: u16, height: u16, keys: &str) -> String {
    let mut h = Headless::new(data, width, height);
    h.press(&parse_keys(keys).unwrap());
    h.text()
}

#[test]
fn the_view_on_the_bundled_data() {
    let d = common::bundled();
    insta::assert_snapshot!("bundled_80x24", screen(&d, 80, 24, "F"));
    insta::assert_snapshot!("bundled_200x60", screen(&d, 200, 60, "F"));
    // Scrolled to the breakdowns: the column names stay in view.
    insta::assert_snapshot!("bundled_80x24_end", screen(&d, 80, 24, "F G"));
}

#[test]
fn the_view_on_the_scored_fixture() {
    let d = common::fixture("scored");
    insta::assert_snapshot!("scored_80x24", screen(&d, 80, 24, "F"));
    insta::assert_snapshot!("scored_160x48", screen(&d, 160, 48, "F"));
    let mut ascii = Headless::with_glyphs(&d, 80, 24, geolens::pages::ASCII);
    ascii.press(&parse_keys("F j j j").unwrap());
    let text = ascii.text();
    insta::assert_snapshot!("scored_80x24_ascii", text);
    let odd: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    assert!(odd.is_empty(), "{odd:?}");
}

/// The fixture's numbers, by hand: likely said twice (0.675), one happened and one did not;
/// unlikely (0.325) partly happened (0.5); one open, one not yet due.
#[test]
fn the_numbers_on_screen_are_the_ones_worked_out_by_hand() {
    let d = common::fixture("scored");
    let text = screen(&d, 120, 40, "F");
    let row = |label: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.trim_start_matches(['│', ' ']).starts_with(label))
            .unwrap_or_else(|| panic!("no row {label:?} in\n{text}"));
        line[line.find(label).unwrap() + label.len()..]
            .split_whitespace()
            .filter(|w| *w != "│")
            .map(str::to_owned)
            .collect()
    };
    let brier = ((0.675f64 - 1.0).powi(2) + 0.675f64.powi(2) + (0.325f64 - 0.5).powi(2)) / 3.0;
    assert!(text.contains(&format!(
        "Brier score {brier:.3}: 3 of 5 forecasts judged, 1 open, 1 with no outcome"
    )));
    assert!(text.contains("0 is perfect, 0.25 is always saying 50%"));
    assert!(text.contains("\"partly\" counts as half happened"));
    assert_eq!(row("All forecasts"), ["5", "3", "50%", "0.197"]);
    // likely: (0.325² + 0.675²) / 2 = 0.281; half the bar filled.
    assert_eq!(
        row("likely"),
        ["55-80%", "2", "2", "50%", "0.281", "█████░░░░░"]
    );
    // unlikely: (0.325 - 0.5)² = 0.031, partly counting half.
    assert_eq!(
        row("unlikely"),
        ["20-45%", "1", "1", "50%", "0.031", "█████░░░░░"]
    );
    assert_eq!(row("roughly even chance"), ["45-55%", "1", "0", "-", "-"]);
    assert_eq!(row("energy"), ["1", "1", "0%", "0.456"]);
    assert_eq!(row("trade"), ["4", "2", "75%", "0.068"]);
    assert_eq!(row("long term (over 3 years)"), ["1", "0", "-", "-"]);
}

/// The implications a row stands for, from the data alone.
fn expected(data: &dyn Store, group: &Group) -> Vec<Target> {
    let mut out: Vec<Target> = (0..data.count(ListKind::Implications) as u32)
        .map(ImplicationIx)
        .filter(|&ix| {
            let imp = data.implication(ix);
            match group {
                Group::All => true,
                Group::Likelihood(l) => imp.likelihood == *l,
                Group::Perspective(p) => *data.perspective(data.implication_source(ix)) == **p,
                Group::Channel(c) => imp.channel == *c,
                Group::Horizon(h) => imp.horizon == *h,
            }
        })
        .map(Target::Implication)
        .collect();
    out.sort_by_key(|t| t.entity_index());
    out
}

fn listed(h: &Headless) -> Vec<Target> {
    let rows = &h.app.list_pane().rows;
    let mut items: Vec<Target> = (0..rows.len()).filter_map(|r| rows.get(r)).collect();
    items.sort_by_key(|t| t.entity_index());
    items
}

#[test]
fn enter_on_every_row_lands_on_exactly_its_forecasts_and_back_returns() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 100, 30);
    h.press(&parse_keys("F").unwrap());
    let rows = h.app.forecasts.numbers.rows.clone();
    assert!(rows.len() > 30, "calibration and three breakdowns");
    for (i, row) in rows.iter().enumerate() {
        h.press(&parse_keys(&format!("g {}", "j ".repeat(i))).unwrap());
        assert_eq!(h.app.forecasts.cursor, i);
        h.press(&parse_keys("<Enter>").unwrap());
        let want = expected(&d, &row.group);
        assert_eq!(want.len(), row.tally.forecasts, "{:?}", row.group);
        if want.is_empty() {
            assert_eq!(h.app.screen, Screen::Forecasts, "an empty row stays");
            continue;
        }
        assert_eq!(h.app.screen, Screen::Explorer);
        assert_eq!(h.app.list, ListKind::Implications);
        assert_eq!(listed(&h), want, "{:?}", row.group);
        // Back: the view again, on the same row, counted without the row's filter.
        h.press(&parse_keys("<BS>").unwrap());
        assert_eq!(h.app.screen, Screen::Forecasts, "{:?}", row.group);
        assert!(
            h.app.filter.is_empty(),
            "{:?}: {:?}",
            row.group,
            h.app.filter
        );
        assert_eq!(h.app.forecasts.cursor, i);
        assert_eq!(h.app.forecasts.numbers.rows, rows);
    }
}

#[test]
fn enter_on_the_fixture_rows_lists_the_forecasts_by_name() {
    let d = common::fixture("scored");
    let ids = |h: &Headless| -> Vec<String> {
        let mut ids: Vec<String> = listed(h)
            .into_iter()
            .map(|t| match t {
                Target::Implication(ix) => d.implication_id(ix).to_string(),
                other => panic!("{other:?} in the implications list"),
            })
            .collect();
        ids.sort();
        ids
    };
    let cases: &[(&str, &[&str])] = &[
        // likely: the sixth row (overall, then the scale from almost no chance).
        (
            "j j j j j",
            &["forecasts/likely-did-not", "forecasts/likely-happened"],
        ),
        // The medium horizon: the last row but one.
        ("G k", &["forecasts/even-open", "forecasts/unlikely-partly"]),
    ];
    for (keys, want) in cases {
        let mut h = Headless::new(&d, 100, 30);
        h.press(&parse_keys(&format!("F {keys} <Enter>")).unwrap());
        assert_eq!(ids(&h), *want, "{keys}");
        // Forward again after Back lands on the same list, its filter put back.
        h.press(&parse_keys("<BS> ]").unwrap());
        assert_eq!(ids(&h), *want, "{keys} back and forward");
    }
}

#[test]
fn the_view_counts_what_the_filters_keep() {
    let d = common::fixture("scored");
    let mut h = Headless::new(&d, 100, 30);
    // The energy channel only: one forecast, judged, and it did not happen. The filter panel
    // sets the same field (tests/facets.rs drives it); any key in the view counts again.
    h.press(&parse_keys("F").unwrap());
    h.app.filter.channels = vec![geolens::data::model::Channel::Energy];
    h.press(&parse_keys("g").unwrap());
    let board = &h.app.forecasts.numbers.board;
    assert_eq!((board.overall.forecasts, board.overall.judged), (1, 1));
    assert!((board.overall.brier().unwrap() - 0.675f64.powi(2)).abs() < 1e-9);
}

#[test]
fn escape_and_backspace_leave_the_view_for_the_page_it_was_opened_from() {
    let d = common::fixture("scored");
    for key in ["<Esc>", "<BS>"] {
        let mut h = Headless::new(&d, 80, 24);
        let before = h.text();
        h.press(&parse_keys(&format!("F {key}")).unwrap());
        assert_eq!(h.app.screen, Screen::Explorer, "{key}");
        assert_eq!(h.text().lines().nth(3), before.lines().nth(3), "{key}");
    }
}

#[test]
fn the_screen_and_geolens_score_agree() {
    let dir = common::fixture_dir("scored");
    let out = common::geolens(&["score", "--json", "--data", dir.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = common::fixture("scored");
    let text = screen(&d, 100, 30, "F");
    let brier = v["brier"].as_f64().unwrap();
    assert!(text.contains(&format!("Brier score {brier:.3}")), "{text}");
}

#[test]
fn snapshot_command_opens_the_view_with_f() {
    let out = common::geolens(&["snapshot", "--size", "80x24", "--keys", "F"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("How did the forecasts do?"), "{text}");
    assert!(text.contains("Calibration: what was said"), "{text}");
}

#[test]
fn the_palette_finds_the_view_and_opens_it() {
    let d = common::fixture("scored");
    let mut h = Headless::new(&d, 80, 24);
    h.press(&parse_keys(":forecasts").unwrap());
    assert!(
        h.text().contains("how did the forecasts do?"),
        "{}",
        h.text()
    );
    h.press(&parse_keys("<Enter>").unwrap());
    assert_eq!(h.app.screen, Screen::Forecasts);
    // The history names the view: the breadcrumb says so.
    assert!(h.text().lines().next().unwrap().ends_with("Forecasts"));
}

#[test]
fn a_filter_set_over_the_view_is_counted_as_the_panel_closes() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 100, 30);
    h.press(&parse_keys("F").unwrap());
    let all = h.app.forecasts.numbers.board.overall.forecasts;
    // The first value of the first facet, then Esc: nothing pressed in the view itself.
    h.press(&parse_keys("f <Tab> <Space> <Esc>").unwrap());
    assert!(!h.app.filter.is_empty());
    assert_eq!(h.app.screen, Screen::Forecasts);
    assert_eq!(h.app.forecasts.counted_for.as_ref(), Some(&h.app.filter));
    let kept = h.app.forecasts.numbers.board.overall.forecasts;
    assert!(kept < all, "{kept} of {all}");
    assert!(
        h.text().contains(&format!("of {kept} forecasts judged")),
        "{}",
        h.text()
    );
}
