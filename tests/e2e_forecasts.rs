//! End to end: `F` opens the forecasts view in the real binary (tmux, a private socket), Enter
//! on a row opens its forecasts and Backspace comes back; each screen compared, whole, with what
//! `geolens snapshot` renders for the same keys. Also in ASCII under NO_COLOR.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use geolens::app::screen::Screen;
use geolens::data::ListKind;
use geolens::keys::parse_keys;
use geolens::pages::{ASCII, Glyphs, UNICODE};
use geolens::snapshot::Headless;
use tmux::{Tmux, tmux_available};

fn forecasts_there_and_back(name: &str, args: &str, env: &[(&str, &str)], glyphs: Glyphs) {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (80, 24);
    let t = Tmux::start(name, w, ht, args, env);
    let mut model = Headless::with_glyphs(&data, w, ht, glyphs);
    t.expect_screen(&model.text(), "start");
    let step = |keys: &str, what: &str, model: &mut Headless| {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), what);
    };

    step("F", "F opens the forecasts view", &mut model);
    assert_eq!(model.app.screen, Screen::Forecasts);
    assert!(model.text().contains("How did the forecasts do?"));

    // The likely row: overall, then the scale from "almost no chance".
    step("j j j j j <Enter>", "Enter on the likely row", &mut model);
    assert_eq!(model.app.list, ListKind::Implications);
    assert!(
        model.text().contains("Likelihood: likely"),
        "{}",
        model.text()
    );

    step("<BS>", "Backspace returns to the view", &mut model);
    assert_eq!(model.app.screen, Screen::Forecasts);
    assert_eq!(model.app.forecasts.cursor, 5);

    step("<Esc>", "Esc leaves the view", &mut model);
    assert_eq!(model.app.screen, Screen::Explorer);

    t.send(&parse_keys("q").unwrap());
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    assert!(screen.contains("geolens exited with 0"), "{screen}");
    t.assert_restored();
}

#[test]
fn f_opens_the_forecasts_view_and_a_row_opens_its_forecasts() {
    forecasts_there_and_back("forecasts", "", &[], UNICODE);
}

#[test]
fn the_forecasts_view_in_ascii_without_colour() {
    forecasts_there_and_back("forecasts-ascii", "--ascii", &[("NO_COLOR", "1")], ASCII);
}
