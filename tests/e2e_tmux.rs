//! End to end: the real binary in a real terminal (tmux, on a private socket), driven by keys and
//! read back with capture-pane. Each screen is compared, whole, with what `geolens snapshot`
//! renders for the same keys, so the two cannot drift apart. The ways out (signals, panics, a
//! dead terminal, Ctrl-Z) are in `e2e_signals`.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use geolens::data::Target;
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use tmux::{Tmux, tmux_available};

/// The key script that moves the detail cursor onto the first link to `target`.
fn keys_to_link(h: &Headless, target: Target) -> String {
    let row = h
        .app
        .detail
        .rows
        .iter()
        .position(|r| r.link == Some(target))
        .unwrap_or_else(|| panic!("no link to {target:?}"));
    "j ".repeat(row - h.app.detail.cursor)
}

#[test]
fn open_the_kazakhstan_analysis_follow_links_and_come_back() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (80, 24);
    let t = Tmux::start("navigate", w, ht, "", &[]);
    let mut model = Headless::new(&data, w, ht);
    t.expect_screen(&model.text(), "start");

    // Each step: type the keys into both, compare the whole screen.
    let step = |keys: &str, what: &str, model: &mut Headless| {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), what);
    };

    let kz_uk = Target::Analysis(data.analysis_ix("kz-uk-business-2024").unwrap());
    let row = model.app.list_pane().rows.row_of(kz_uk).unwrap();
    step(
        &format!("{}<Enter>", "j ".repeat(row)),
        "opening KZ-UK",
        &mut model,
    );
    assert!(
        model
            .text()
            .contains("Kazakhstan's foreign minister courts British business")
    );

    let kz_gov = Target::Actor(data.actor_ix("kz-gov").unwrap());
    step(
        &format!("{}<Enter>", keys_to_link(&model, kz_gov)),
        "to an actor",
        &mut model,
    );
    assert_eq!(model.app.detail.target, Some(kz_gov));

    // On to another analysis of that actor.
    let other = data
        .actor_analyses(data.actor_ix("kz-gov").unwrap())
        .iter()
        .map(|a| Target::Analysis(a.analysis))
        .find(|&a| a != kz_uk)
        .expect("kz-gov appears in another analysis");
    step(
        &format!("{}<Enter>", keys_to_link(&model, other)),
        "to another analysis",
        &mut model,
    );
    assert_eq!(model.app.detail.target, Some(other));

    step("<BS> <BS>", "back twice", &mut model);
    assert_eq!(model.app.detail.target, Some(kz_uk));

    t.send(&parse_keys("q").unwrap());
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    assert!(screen.contains("geolens exited with 0"), "{screen}");
    t.assert_restored();
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let t = Tmux::start("resize", 120, 30, "", &[]);
    let mut model = Headless::new(&data, 120, 30);
    t.expect_screen(&model.text(), "start");
    t.run(&["resize-window", "-t", "main", "-x", "70", "-y", "20"]);
    model.resize(70, 20);
    t.expect_screen(&model.text(), "shrinking to 70x20");
    t.run(&["resize-window", "-t", "main", "-x", "30", "-y", "5"]);
    model.resize(30, 5);
    t.expect_screen(&model.text(), "shrinking below the minimum");
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

#[test]
fn typing_a_search_and_enter_lands_on_the_result() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (100, 30);
    let t = Tmux::start("search", w, ht, "", &[]);
    let mut model = Headless::new(&data, w, ht);
    t.expect_screen(&model.text(), "start");
    for (keys, step) in [
        ("/astana", "typing the query"),
        ("<Enter>", "opening the first result"),
    ] {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), step);
    }
    assert_eq!(
        model.app.detail.target,
        Some(Target::Place(data.place_ix("KZ").unwrap())),
        "/astana and Enter land on Kazakhstan"
    );
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

#[test]
fn open_starts_the_explorer_on_an_item() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let t = Tmux::start("open", 80, 24, "open kz-gov", &[]);
    let mut model = Headless::new(&data, 80, 24);
    model
        .app
        .open(&data, Target::Actor(data.actor_ix("kz-gov").unwrap()));
    t.expect_screen(&model.text(), "geolens open kz-gov");
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

#[test]
fn with_mouse_on_a_click_selects_and_quitting_turns_reporting_off() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, h) = (100, 30);
    let t = Tmux::start("mouse", w, h, "--mouse", &[]);
    let mut model = Headless::new(&data, w, h);
    t.expect_screen(&model.text(), "start with --mouse");
    assert_eq!(t.display("#{mouse_any_flag}"), "1", "mouse reporting is on");
    // A click on the third row of the list selects the third analysis, as in the model.
    let list = geolens::layout::inner(model.app.screen().list);
    let (x, y) = (list.x + 4, list.y + 2);
    model.app.mouse(
        &data,
        crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: x,
            row: y,
            modifiers: crossterm::event::KeyModifiers::NONE,
        },
    );
    // tmux's mouse event syntax: an SGR press then release at 1-based coordinates.
    t.run(&[
        "send-keys",
        "-t",
        "main",
        "-l",
        &format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", x + 1, y + 1, x + 1, y + 1),
    ]);
    t.expect_screen(&model.text(), "after a click on the third row");
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

/// The acceptance test: open the Kazakhstan analysis, reach its first key actor in at
/// most four keys: the outline, `k` (Key actors, the only section so named), the next link, Enter.
#[test]
fn the_first_key_actor_of_the_kazakhstan_analysis_in_four_keys() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (80, 24);
    let t = Tmux::start("kz-four-keys", w, ht, "open kz-uk-business-2024", &[]);
    let kz_uk = Target::Analysis(data.analysis_ix("kz-uk-business-2024").unwrap());
    let mut model = Headless::new(&data, w, ht);
    model.app.open(&data, kz_uk);
    t.expect_screen(&model.text(), "geolens open kz-uk-business-2024");
    let script = ["o", "k", "<Tab>", "<Enter>"];
    for key in script {
        let keys = parse_keys(key).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), &format!("after {key}"));
    }
    let ix = data.analysis_ix("kz-uk-business-2024").unwrap();
    let first = Target::Actor(data.actor_ix(&data.analysis(ix).actors[0].actor).unwrap());
    assert_eq!(model.app.detail.target, Some(first));
    assert!(model.text().contains("Government of Kazakhstan"));
    assert!(script.len() <= 4);
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

/// `geolens open A --compare B`: two readings of one event side by side, scrolled together, then
/// apart.
#[test]
fn open_compare_shows_two_readings_side_by_side() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (100, 30);
    let t = Tmux::start(
        "compare",
        w,
        ht,
        "open niger-coup-2023-security --compare niger-coup-2023-energy",
        &[],
    );
    let a = Target::Analysis(data.analysis_ix("niger-coup-2023-security").unwrap());
    let b = Target::Analysis(data.analysis_ix("niger-coup-2023-energy").unwrap());
    let mut model = Headless::new(&data, w, ht);
    model.app.open(&data, a);
    model.app.compare(&data, a, b);
    t.expect_screen(&model.text(), "open --compare");
    assert!(
        model.text().matches("Summary").count() == 2,
        "both sides at their summary"
    );
    for (keys, step) in [
        ("} }", "two sections down, together"),
        ("s <Tab> g", "apart"),
    ] {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), step);
    }
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

/// With the mouse on, the wheel scrolls the text under the pointer and leaves the focus alone.
#[test]
fn the_wheel_scrolls_the_text_under_the_pointer() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, h) = (100, 30);
    let t = Tmux::start("wheel", w, h, "--mouse", &[]);
    let mut model = Headless::new(&data, w, h);
    t.expect_screen(&model.text(), "start with --mouse");
    let text = geolens::layout::detail_text(model.app.screen().detail);
    let (x, y) = (text.x + 4, text.y + 3);
    for _ in 0..2 {
        model.app.mouse(
            &data,
            crossterm::event::MouseEvent {
                kind: crossterm::event::MouseEventKind::ScrollDown,
                column: x,
                row: y,
                modifiers: crossterm::event::KeyModifiers::NONE,
            },
        );
        // SGR wheel-down is button 65.
        t.run(&[
            "send-keys",
            "-t",
            "main",
            "-l",
            &format!("\x1b[<65;{};{}M", x + 1, y + 1),
        ]);
    }
    t.expect_screen(
        &model.text(),
        "after two notches of the wheel over the page",
    );
    assert_eq!(model.app.detail.offset, 6);
    assert_eq!(
        model.app.focus,
        geolens::app::Focus::List,
        "the focus stays"
    );
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

#[test]
fn the_matrix_opens_central_asia_to_europe_and_backspace_returns_to_the_cell() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (100, 30);
    let t = Tmux::start("matrix", w, ht, "", &[]);
    let mut model = Headless::new(&data, w, ht);
    t.expect_screen(&model.text(), "start");
    let step = |keys: &str, what: &str, model: &mut Headless| {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), what);
    };
    step("M", "the flow matrix", &mut model);
    let areas = model.app.views.matrix.numbers.areas.clone();
    let at = |id: &str| {
        let p = data.place_ix(id).unwrap();
        areas
            .iter()
            .position(|&a| a == p)
            .expect("a row of the matrix")
    };
    let (row, column) = (at("central-asia"), at("europe"));
    step(
        &format!("{}{}", "j ".repeat(row), "l ".repeat(column)),
        "on Central Asia to Europe",
        &mut model,
    );
    assert_eq!(model.app.views.matrix.cursor(), (row, column));
    let count = model.app.views.matrix.selected().count;
    assert!(count > 0, "Central Asia to Europe counts something");

    step("<Enter>", "the cell's implications", &mut model);
    assert_eq!(model.app.list, geolens::data::ListKind::Implications);
    let rows = model.app.list_pane().rows.items().to_vec();
    assert_eq!(
        rows.len() as u32,
        count,
        "the table holds what the cell counted"
    );
    let geo = geolens::find::geo::Geo::new(&data);
    let (ca, eu) = (
        data.place_ix("central-asia").unwrap(),
        data.place_ix("europe").unwrap(),
    );
    for t in &rows {
        let Target::Implication(ix) = *t else {
            panic!("{t:?} in the Implications table")
        };
        let side = |s| geo.end(&data, ix, s);
        assert!(
            geo.meets(&side(geolens::data::Side::Origin), ca),
            "{ix:?} starts elsewhere"
        );
        assert!(
            geo.meets(&side(geolens::data::Side::Affected), eu),
            "{ix:?} reaches elsewhere"
        );
    }
    assert!(t.capture().contains("Matrix cell: Central Asia → Europe"));

    step("<BS>", "back on the matrix", &mut model);
    assert_eq!(model.app.screen, geolens::app::screen::Screen::Matrix);
    assert_eq!(
        model.app.views.matrix.cursor(),
        (row, column),
        "the same cell"
    );
    assert!(model.app.filter.is_empty(), "the filters as they were");

    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}
