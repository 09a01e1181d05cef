//! The views (flow matrix, world map, outlook grid, timeline) and the Implications table: their
//! screens pinned with insta at 80x24 and 200x60, colour-free and in ASCII; screen and JSON held
//! to each other; every cell drilled into lists exactly what it counted, and Back returns to the
//! cell with the filters it was counted under.
//!
//! The screens use the `flows` fixture, a frozen copy of part of the bundled dataset, so that new
//! analyses in `data/` do not move them.

mod common;
#[path = "common/temp.rs"]
mod temp;

use geolens::app::App;
use geolens::app::action::Action;
use geolens::app::screen::Screen;
use geolens::cli::views::{ViewArgs, view};
use geolens::data::{Dataset, ListKind, Side, Store, Target};
use geolens::find::flows::Tally;
use geolens::find::geo::Geo;
use geolens::find::outlook::{COLUMNS, ROWS};
use geolens::find::{self, Cell, End, Filter};
use geolens::keys::parse_keys;
use geolens::pages;
use geolens::snapshot::Headless;
use serde_json::Value as Json;

fn headless<'a>(d: &'a Dataset, w: u16, h: u16, ascii: bool, keys: &str) -> Headless<'a> {
    let glyphs = if ascii { pages::ASCII } else { pages::UNICODE };
    let mut h = Headless::with_glyphs(d, w, h, glyphs);
    h.press(&parse_keys(keys).unwrap());
    h
}

/// Glyphs that ASCII mode must never draw: box drawing, blocks, shades, braille, arrows, dots.
fn not_ascii_safe(c: char) -> bool {
    !c.is_ascii() && !c.is_alphabetic()
}

/// Each view at both sizes, colour-free (the mono theme) and in ASCII.
macro_rules! screens {
    ($($name:ident: $keys:expr;)+) => {$(
        #[test]
        fn $name() {
            let d = common::fixture("flows");
            for (w, h) in [(80, 24), (200, 60)] {
                let text = headless(&d, w, h, false, $keys).text();
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), text, $keys);
                let text = headless(&d, w, h, true, $keys).text();
                let odd: Vec<char> = text.chars().filter(|&c| not_ascii_safe(c)).collect();
                assert!(odd.is_empty(), "{} at {w}x{h} in ASCII: {odd:?}\n{text}", $keys);
                insta::assert_snapshot!(format!("{}_{w}x{h}_ascii", stringify!($name)), text, $keys);
            }
        }
    )+};
}

screens! {
    matrix_by_region: "M";
    matrix_by_country_weighted: "M r p j l";
    map_of_the_world: "W";
    map_zoomed_to_europe_a_place_chosen: "W z z z l l";
    outlook_grid: "O j j l";
    timeline_by_quarter: "T";
    timeline_by_region_by_month: "T r p h";
    implications_table: "4";
    implications_by_likelihood_least_first: "4 s s s s S";
    view_menu: "v j";
    matrix_cell_drilled_into: "M j j l l l <Enter>";
}

/// The cells a matrix row reads on screen: the trailing figures of its line, a shade glyph
/// before each, `·` for none.
fn figures(line: &str) -> Vec<u32> {
    let mut cells: Vec<u32> = line
        .trim_end_matches(['│', ' '])
        .split_whitespace()
        .rev()
        .map_while(|t| {
            let digits = t.trim_start_matches(['░', '▒', '▓', '█']);
            match digits {
                "·" | "" => Some(0),
                d => d.parse().ok(),
            }
        })
        .collect();
    cells.reverse();
    cells
}

fn json_of(d: &Dataset, name: &str, by: Option<&str>) -> Json {
    let args = ViewArgs {
        by: by.map(str::to_owned),
        json: true,
        ..ViewArgs::default()
    };
    let out = view(d, name, &args, &Filter::default()).unwrap();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn the_matrix_on_screen_is_the_matrix_in_json() {
    let d = common::fixture("flows");
    let json = json_of(&d, "matrix", Some("region"));
    let areas: Vec<&str> = json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let n = areas.len();
    let cell = |from: usize, to: usize| -> u32 {
        let (from, to) = (&json["areas"][from]["id"], &json["areas"][to]["id"]);
        json["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["from"] == *from && c["to"] == *to)
            .map_or(0, |c| c["count"].as_u64().unwrap() as u32)
    };
    let text = headless(&d, 200, 60, false, "M").text();
    for (r, name) in areas.iter().enumerate() {
        // Long names are cut to the label column.
        let label: String = format!("{:>3} {name}", r + 1).chars().take(18).collect();
        let line = text
            .lines()
            .find(|l| l.contains(&label))
            .unwrap_or_else(|| panic!("no row {label:?} in\n{text}"));
        let mut want: Vec<u32> = (0..n).map(|c| cell(r, c)).collect();
        want.push(json["areas"][r]["from"]["count"].as_u64().unwrap() as u32);
        assert_eq!(figures(line), want, "row {name}");
    }
    let totals = text
        .lines()
        .find(|l| l.trim_start_matches(['│', ' ']).starts_with("all "))
        .unwrap();
    let mut want: Vec<u32> = (0..n)
        .map(|c| json["areas"][c]["to"]["count"].as_u64().unwrap() as u32)
        .collect();
    want.push(json["total"]["count"].as_u64().unwrap() as u32);
    assert_eq!(figures(totals), want, "totals");
    assert!(
        want.iter().sum::<u32>() > 0,
        "an empty matrix proves nothing"
    );
}

#[test]
fn the_outlook_on_screen_is_the_outlook_in_json() {
    let d = common::fixture("flows");
    let json = json_of(&d, "outlook", None);
    let text = headless(&d, 200, 60, false, "O").text();
    for (r, l) in ROWS.iter().enumerate() {
        let line = text
            .lines()
            .find(|x| x.contains(&format!(" {:<20} ", l.words())))
            .unwrap();
        let mut want: Vec<u32> = COLUMNS
            .iter()
            .map(|h| {
                json["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["likelihood"] == l.as_str() && c["horizon"] == h.as_str())
                    .unwrap()["count"]
                    .as_u64()
                    .unwrap() as u32
            })
            .collect();
        want.push(json["likelihoods"][r]["count"].as_u64().unwrap() as u32);
        assert_eq!(figures(line), want, "{}", l.words());
    }
}

#[test]
fn the_timeline_on_screen_is_the_timeline_in_json() {
    let d = common::fixture("flows");
    let json = json_of(&d, "timeline", None);
    let periods = json["periods"].as_array().unwrap();
    let mut h = headless(&d, 200, 60, false, "T g");
    for (p, period) in periods.iter().enumerate() {
        let text = h.text();
        let n = period["analyses"].as_u64().unwrap();
        let info = format!(
            " {}: {n} analys{}",
            period["period"].as_str().unwrap(),
            if n == 1 { "is" } else { "es" }
        );
        assert!(text.contains(&info), "{info:?} not in\n{text}");
        assert_eq!(p, h.app.views.timeline.cursor().1);
        h.press(&parse_keys("l").unwrap());
    }
}

/// Each cell of a view as (row, column, count).
type Cells = dyn Fn(&App) -> Vec<(usize, usize, u32)>;

/// Enters `view`, puts the cursor on each cell in turn and drills in: the list that opens holds
/// exactly what the cell counted, and Back returns to the cell with the filters as they were.
fn drill_everywhere(
    d: &Dataset,
    view_key: &str,
    cells: &Cells,
    cursor: &dyn Fn(&App) -> (usize, usize),
    check: &dyn Fn(&App, (usize, usize)),
) -> usize {
    let mut h = headless(d, 120, 40, false, view_key);
    let screen = h.app.screen;
    let mut drilled = 0;
    for (r, c, count) in cells(&h.app) {
        // Walk to the cell from the top left.
        for _ in 0..64 {
            h.app.update(d, Action::Up);
            h.app.update(d, Action::Left);
        }
        for _ in 0..r {
            h.app.update(d, Action::Down);
        }
        for _ in 0..c {
            h.app.update(d, Action::Right);
        }
        assert_eq!(cursor(&h.app), (r, c), "walking to {r},{c}");
        let before = h.app.filter.clone();
        h.app.update(d, Action::Open);
        if count == 0 {
            assert_eq!(h.app.screen, screen, "an empty cell opens nothing");
            continue;
        }
        drilled += 1;
        assert_eq!(h.app.screen, Screen::Explorer);
        assert_eq!(h.app.list_pane().rows.len() as u32, count, "cell {r},{c}");
        check(&h.app, (r, c));
        h.app.update(d, Action::Back);
        assert_eq!(h.app.screen, screen, "Back returns to the view");
        assert_eq!(h.app.filter, before, "Back puts the filters back");
        assert_eq!(cursor(&h.app), (r, c), "Back returns to the same cell");
    }
    drilled
}

#[test]
fn every_matrix_cell_opens_exactly_its_implications() {
    let d = common::fixture("flows");
    let geo = Geo::new(&d);
    let cells = |app: &App| {
        let m = &app.views.matrix.numbers;
        let n = m.areas.len();
        let mut out = Vec::new();
        for r in 0..=n {
            for c in 0..=n {
                let t: Tally = match (r < n, c < n) {
                    (true, true) => m.cell(r, c),
                    (true, false) => m.rows[r],
                    (false, true) => m.columns[c],
                    (false, false) => m.total,
                };
                out.push((r, c, t.count));
            }
        }
        out
    };
    let check = |app: &App, (r, c): (usize, usize)| {
        let areas = &app.views.matrix.numbers.areas;
        for t in app.list_pane().rows.items() {
            let Target::Implication(ix) = *t else {
                panic!("not an implication")
            };
            if let Some(&from) = areas.get(r) {
                assert!(geo.meets(&geo.end(&d, ix, Side::Origin), from));
            }
            if let Some(&to) = areas.get(c) {
                assert!(geo.meets(&geo.end(&d, ix, Side::Affected), to));
            }
        }
    };
    let drilled = drill_everywhere(&d, "M", &cells, &|app| app.views.matrix.cursor(), &check);
    assert!(drilled > 40, "only {drilled} cells drilled");
}

#[test]
fn every_outlook_cell_opens_exactly_its_implications() {
    let d = common::fixture("flows");
    let cells = |app: &App| {
        let o = &app.views.outlook;
        let mut out = Vec::new();
        for r in 0..=ROWS.len() {
            for c in 0..=COLUMNS.len() {
                let mut v = o.clone();
                v.row = r;
                v.column = c;
                out.push((r, c, v.selected().count));
            }
        }
        out
    };
    let check = |app: &App, (r, c): (usize, usize)| {
        for t in app.list_pane().rows.items() {
            let Target::Implication(ix) = *t else {
                panic!("not an implication")
            };
            let f = d.implication_facts(ix);
            assert!(ROWS.get(r).is_none_or(|&l| l == f.likelihood));
            assert!(COLUMNS.get(c).is_none_or(|&h| h == f.horizon));
        }
    };
    let drilled = drill_everywhere(
        &d,
        "O",
        &cells,
        &|app| (app.views.outlook.row, app.views.outlook.column),
        &check,
    );
    assert!(drilled >= 8, "only {drilled} cells drilled");
}

#[test]
fn every_timeline_bar_opens_exactly_its_analyses() {
    let d = common::fixture("flows");
    for keys in ["T", "T r"] {
        let cells = |app: &App| {
            let t = &app.views.timeline.numbers;
            let mut out = Vec::new();
            for g in 0..t.groups.len() {
                for p in 0..t.periods {
                    out.push((g, p, t.count(g, p)));
                }
            }
            out
        };
        let check = |app: &App, _: (usize, usize)| {
            assert_eq!(app.list, ListKind::Analyses);
        };
        let drilled =
            drill_everywhere(&d, keys, &cells, &|app| app.views.timeline.cursor(), &check);
        assert!(drilled >= 8, "{keys}: only {drilled} bars drilled");
    }
}

#[test]
fn starts_in_and_reaches_compare_the_ground_places_cover() {
    let d = common::fixture("flows");
    let place = |id: &str| End::Place(d.place_ix(id).unwrap());
    let list = |f: &Filter| find::members(&d, ListKind::Implications, f);
    let from = |id: &str| Filter {
        origins: vec![place(id)],
        ..Filter::default()
    };
    // A region covers its members and a country the regions that hold it.
    let central_asia = list(&from("central-asia"));
    let kazakhstan = list(&from("KZ"));
    assert!(!kazakhstan.is_empty());
    assert!(kazakhstan.iter().all(|t| central_asia.contains(t)));
    let from_the_region_itself = central_asia.iter().any(|&t| match t {
        Target::Implication(ix) => d
            .implication(ix)
            .from
            .places
            .iter()
            .any(|p| p == "central-asia"),
        _ => false,
    });
    assert!(from_the_region_itself);
    // Either end is the union of the two directions.
    let either = list(&Filter {
        either_end: vec![place("europe")],
        ..Filter::default()
    });
    let to = list(&Filter {
        destinations: vec![place("europe")],
        ..Filter::default()
    });
    let mut union: Vec<Target> = list(&from("europe")).into_iter().chain(to).collect();
    union.sort_by_key(|t| t.entity_index());
    union.dedup();
    let mut either = either;
    either.sort_by_key(|t| t.entity_index());
    assert_eq!(either, union);
    // An actor at an end.
    let gazprom = End::Actor(d.actor_ix("gazprom").unwrap());
    let by_gazprom = list(&Filter {
        origins: vec![gazprom],
        ..Filter::default()
    });
    assert!(!by_gazprom.is_empty());
    for t in by_gazprom {
        let Target::Implication(ix) = t else { panic!() };
        assert!(d.implication(ix).from.actors.iter().any(|a| a == "gazprom"));
    }
}

#[test]
fn a_matrix_cell_narrows_whatever_else_is_filtered() {
    let d = common::fixture("flows");
    let ca = d.place_ix("central-asia").unwrap();
    let eu = d.place_ix("europe").unwrap();
    let route = Cell::Route {
        from: Some(ca),
        to: Some(eu),
    };
    // Starts in Kazakhstan (any of) and, from the matrix, Central Asia to Europe (all of).
    let f = Filter {
        origins: vec![End::Place(d.place_ix("KZ").unwrap())],
        cells: vec![route],
        ..Filter::default()
    };
    let both = find::members(&d, ListKind::Implications, &f);
    let geo = Geo::new(&d);
    assert!(!both.is_empty());
    for t in &both {
        let Target::Implication(ix) = *t else {
            panic!()
        };
        let origin = geo.end(&d, ix, Side::Origin);
        assert!(geo.meets(&origin, d.place_ix("KZ").unwrap()));
        assert!(geo.meets(&geo.end(&d, ix, Side::Affected), eu));
    }
}

#[test]
fn labels_name_each_end_once() {
    let d = common::bundled();
    let g = &pages::UNICODE;
    for i in 0..d.implications.len() as u32 {
        let ix = geolens::data::ImplicationIx(i);
        for side in [Side::Origin, Side::Affected] {
            let label = pages::end_label(&d, ix, side, g);
            let parts: Vec<&str> = label.split(", ").collect();
            let mut unique = parts.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), parts.len(), "a name twice in {label:?}");
            for part in &parts {
                let code = d.place_ix(part).map(|p| d.place(p).name != *part);
                assert_ne!(code, Some(true), "a place's code in {label:?}");
            }
            // No government beside its own country.
            let imp = d.implication(ix);
            let end = if side == Side::Origin {
                &imp.from
            } else {
                &imp.to
            };
            for a in &end.actors {
                let actor = d.actor(d.actor_ix(a).unwrap());
                let country = actor.country.as_deref().and_then(|c| d.place_ix(c));
                if actor.kind == geolens::data::model::ActorKind::Government
                    && let Some(c) = country
                    && parts.contains(&d.place(c).name.as_str())
                {
                    assert!(!parts.contains(&actor.name.as_str()), "{label:?}");
                }
            }
        }
    }
    let qatar = (0..d.implications.len() as u32)
        .map(geolens::data::ImplicationIx)
        .find(|&ix| {
            pages::implication_route(&d, ix, g).starts_with("Qatar → energy → European Union")
        })
        .map(|ix| pages::implication_route(&d, ix, g));
    assert_eq!(
        qatar.as_deref(),
        Some("Qatar → energy → European Union"),
        "the issue's example reads as names, once each"
    );
}

#[test]
fn every_view_says_when_the_terminal_is_below_its_minimum() {
    let d = common::fixture("flows");
    for key in ["M", "W", "O", "T"] {
        for (w, h) in [(39, 24), (80, 11), (30, 8)] {
            let text = headless(&d, w, h, false, key).text();
            assert!(text.contains("Needs 40x12"), "{key} at {w}x{h}:\n{text}");
        }
        let text = headless(&d, 40, 12, false, key).text();
        assert!(!text.contains("Needs"), "{key} at 40x12:\n{text}");
    }
}

#[test]
fn the_map_opens_the_chosen_place_and_zooms_to_a_region() {
    let d = common::fixture("flows");
    let mut h = headless(&d, 100, 30, false, "W l l");
    let bounds = h.app.views.map.bounds(&d, h.app.views.geo.as_ref());
    let in_view = h.app.views.map.in_view(&d, bounds);
    let chosen = h.app.views.map.selected(&in_view).unwrap();
    assert_eq!(in_view.iter().position(|&p| p == chosen), Some(2));
    h.press(&parse_keys("<Enter>").unwrap());
    assert_eq!(h.app.screen, Screen::Explorer);
    assert_eq!(h.app.detail.target, Some(Target::Place(chosen)));
    h.press(&parse_keys("<BS>").unwrap());
    assert_eq!(h.app.screen, Screen::Map);
    // z zooms to each world region in turn; every place in view lies within its bounds.
    h.press(&parse_keys("z").unwrap());
    let region = h.app.views.map.zoom.expect("zoomed");
    assert!(d.is_world_region(region));
    let bounds = h.app.views.map.bounds(&d, h.app.views.geo.as_ref());
    assert!(bounds.1 - bounds.0 < 180.0, "{bounds:?}");
    h.press(&parse_keys("Z").unwrap());
    assert_eq!(h.app.views.map.zoom, None);
}

#[test]
fn views_count_once_per_filter_change_not_per_frame() {
    let d = common::fixture("flows");
    let mut h = headless(&d, 100, 30, false, "M");
    let numbers = h.app.views.matrix.numbers.areas.as_ptr();
    // Moving and drawing reuse the numbers.
    h.press(&parse_keys("j j l").unwrap());
    let _ = h.text();
    assert_eq!(h.app.views.matrix.numbers.areas.as_ptr(), numbers);
    // A filter change counts again.
    h.press(&parse_keys("f <Tab> <Space> <Esc>").unwrap());
    assert!(!h.app.filter.is_empty());
    let filtered =
        geolens::find::flows::matrix(&d, &Geo::new(&d), &h.app.filter, Default::default());
    assert_eq!(h.app.views.matrix.numbers.total, filtered.total);
}

#[test]
fn the_keys_of_the_views_are_in_the_help_and_the_status_line() {
    let d = common::fixture("flows");
    let help = headless(&d, 100, 200, false, "?").text();
    for want in [
        "show the flow matrix",
        "show the world map",
        "show the outlook grid",
        "show the timeline",
        "choose a view from a menu",
        "turn the order of the list round",
        "In the flow matrix",
        "On the world map",
        "zoom to the next world region",
    ] {
        assert!(help.contains(want), "{want:?} not in the help:\n{help}");
    }
    let status = |keys: &str| {
        let text = headless(&d, 200, 24, false, keys).text();
        text.lines().last().unwrap().to_owned()
    };
    assert!(status("").contains("v views"), "{}", status(""));
    assert!(status("M").contains("r rows"), "{}", status("M"));
    assert!(status("W").contains("z zoom"), "{}", status("W"));
    assert!(status("T").contains("p period"), "{}", status("T"));
    let strip = headless(&d, 100, 24, false, "O").text();
    assert!(
        strip
            .lines()
            .nth(1)
            .unwrap()
            .contains("M Matrix  W Map  O Outlook  T Timeline")
    );
}

/// A drilled cell and the direction facets are filters like the others: the chips show them, `u`
/// takes a drill-down off again and `x` clears it, and an origin alone is not "no filter".
#[test]
fn a_drilled_cell_is_a_filter_like_any_other() {
    let d = common::fixture("flows");
    let all = d.count(ListKind::Implications);
    let mut h = headless(&d, 100, 30, false, "M");
    assert!(
        h.app.views.matrix.selected().count > 0,
        "the first cell counts"
    );
    h.press(&parse_keys("<Enter>").unwrap());
    assert_eq!(h.app.screen, Screen::Explorer);
    assert!(!h.app.filter.is_empty());
    assert!(
        h.text()
            .contains("Matrix cell: Central Asia → Central Asia"),
        "{}",
        h.text()
    );
    assert!(h.app.list_pane().rows.len() < all);
    h.press(&parse_keys("u").unwrap());
    assert!(h.app.filter.is_empty(), "u takes the cell off");
    assert_eq!(h.app.list_pane().rows.len(), all);
    h.press(&parse_keys("M <Enter> x").unwrap());
    assert!(h.app.filter.is_empty(), "x clears the cell");
    assert!(!h.text().contains("Matrix cell"), "{}", h.text());
    let origin_only = Filter {
        origins: vec![End::Place(d.place_ix("KZ").unwrap())],
        ..Filter::default()
    };
    assert!(!origin_only.is_empty(), "a direction filter is a filter");
}

/// Through the on-disk index (`--data`, a cache that can be written) the views count what they
/// count from memory, and the table sorts the same.
#[test]
fn the_views_count_the_same_through_the_on_disk_index() {
    let d = common::fixture("flows");
    let cache = temp::TempDir::new("views-disk-cache");
    let dir = common::fixture_dir("flows");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_geolens"))
            .args(args)
            .args(["--data", dir.to_str().unwrap()])
            .env("XDG_CACHE_HOME", cache.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", o.stderr);
        String::from_utf8(o.stdout).unwrap()
    };
    for (name, by, period) in [
        ("matrix", "region", None),
        ("matrix", "country", None),
        ("outlook", "all", None),
        ("timeline", "region", Some("month")),
        ("timeline", "theme", None),
    ] {
        let args = ViewArgs {
            by: Some(by.to_owned()),
            period: period.map(str::to_owned),
            weighted: false,
            json: true,
        };
        let args = if name == "outlook" {
            ViewArgs { by: None, ..args }
        } else {
            args
        };
        let memory = view(&d, name, &args, &Filter::default()).unwrap().stdout;
        let mut cli = vec!["view", name, "--json"];
        if let Some(by) = &args.by {
            cli.extend(["--by", by]);
        }
        if let Some(p) = period {
            cli.extend(["--period", p]);
        }
        assert_eq!(run(&cli), memory, "{cli:?}");
    }
    assert!(
        std::fs::read_dir(cache.path().join("geolens")).is_ok_and(|mut d| d.next().is_some()),
        "an index was written, so the runs above read through it"
    );
    for sort in ["likelihood", "date", "from"] {
        let disk = run(&[
            "list",
            "implications",
            "--sort",
            sort,
            "--reverse",
            "--json",
        ]);
        let sort = geolens::cli::parse_sort(ListKind::Implications, sort).unwrap();
        let memory = geolens::cli::list(
            &d,
            ListKind::Implications,
            &Filter::default(),
            sort,
            true,
            true,
        );
        assert_eq!(disk, memory.stdout, "{sort:?}");
    }
}

/// The matrix's counts against the definition, one implication at a time: every area its origin
/// falls in, crossed with every area its destination falls in. On the bundled data and on a
/// synthetic archive whose ends name regions, blocs and overlapping places, by region and by
/// country, counted and weighted.
#[test]
fn matrix_cells_are_every_implication_counted_one_by_one() {
    use geolens::find::flows::{matrix_of, probability};
    use geolens::find::geo::Grain;
    use geolens::tools::synth::{self, Profile, Spec};
    use std::collections::BTreeMap;

    let dir = temp::TempDir::new("matrix-cells");
    let spec = Spec {
        analyses: 3000,
        seed: 17,
        profile: Profile::Brief,
    };
    synth::write(dir.path(), &spec).expect("generated");
    let sources = geolens::data::Sources::from_dir(dir.path()).expect("readable");
    let synthetic = geolens::data::load(&sources).expect("loads");
    for d in [&common::bundled(), &synthetic] {
        let geo = Geo::new(d);
        let items: Vec<Target> = geolens::data::every(d, ListKind::Implications).collect();
        for grain in [Grain::Region, Grain::Country] {
            let mut want: BTreeMap<(u32, u32), (u32, f64)> = BTreeMap::new();
            let mut unplaced = 0;
            for &t in &items {
                let Target::Implication(ix) = t else { continue };
                let [from, to] = [Side::Origin, Side::Affected].map(|side| {
                    let places = d.implication_places(ix, side);
                    if places.is_empty() {
                        geo.areas(&geo.end(d, ix, side), grain)
                    } else {
                        let mut out = Vec::new();
                        geo.places_into(&places, grain, &mut out);
                        out
                    }
                });
                if from.is_empty() || to.is_empty() {
                    unplaced += 1;
                    continue;
                }
                let w = probability(d.implication_facts(ix).likelihood);
                for a in &from {
                    for b in &to {
                        let cell = want.entry((a.0, b.0)).or_default();
                        cell.0 += 1;
                        cell.1 += w;
                    }
                }
            }
            let m = matrix_of(d, &geo, &items, grain);
            let got: BTreeMap<(u32, u32), (u32, f64)> = m
                .cells
                .iter()
                .map(|&((r, c), t)| {
                    let (a, b) = (m.areas[r as usize], m.areas[c as usize]);
                    ((a.0, b.0), (t.count, t.weight))
                })
                .collect();
            assert_eq!(m.unplaced, unplaced, "{grain:?}");
            assert_eq!(got.len(), want.len(), "{grain:?}: cells");
            for (at, (count, weight)) in &want {
                let (c, w) = got[at];
                assert_eq!(c, *count, "{grain:?} {at:?}");
                assert!(
                    (w - weight).abs() < 1e-6,
                    "{grain:?} {at:?}: {w} vs {weight}"
                );
            }
            assert!(m.cells.windows(2).all(|p| p[0].0 < p[1].0), "sorted");
        }
    }
}
