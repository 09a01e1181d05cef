//! What users see: whole frames after a key script, pinned with insta at 80x24 (narrow: one pane
//! at a time) and 160x48 (wide: list and detail side by side).

mod common;

use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

fn screen(width: u16, height: u16, keys: &str) -> String {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, width, height);
    h.press(&parse_keys(keys).unwrap());
    h.text()
}

/// Each screen at both sizes; the snapshot name says which.
macro_rules! screens {
    ($($name:ident: $keys:expr;)+) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(concat!(stringify!($name), "_80x24"), screen(80, 24, $keys), $keys);
            insta::assert_snapshot!(concat!(stringify!($name), "_160x48"), screen(160, 48, $keys), $keys);
        }
    )+};
}

screens! {
    analyses_list: "";
    analysis_detail: "<Enter>";
    actors_list: "2";
    actor_detail: "2 j j j <Enter>";
    themes_list: "3";
    theme_detail: "3 <Enter>";
    implications_list: "4";
    implication_detail: "4 <Enter>";
    places_list: "5";
    place_detail_reached_through_its_bloc: "5 j j <Enter>";
    help_overlay: "?";
    help_overlay_scrolled_to_the_end: "? G";
    search_results_grouped_by_kind: "/kazakh";
    search_result_opened: "/kazakh <Down> <Down> <Enter>";
    filter_panel: "f";
    filter_panel_values_of_a_facet: "f j <Tab>";
    filtered_list_with_chips: "f j <Tab> <Space> <Esc>";
    sorted_by_links: "2 s";
    outline_of_the_page: "<Enter> o";
    outline_narrowed_by_typing: "<Enter> o c";
    palette_finding_an_action: ":sort";
    compare_two_marked_analyses: "m j m c";
    compare_scrolled_apart: "m j m c } } s <Tab> g";
    filter_values_found_by_typing: "f <Tab> /ka";
    filter_regions_switch: "f <Tab> m";
    chips_grouped_with_more: "f <Tab> <Space> j <Space> j <Space> j <Space> <Tab> j j j j j j <Tab> <Space> <Esc>";
    search_with_matches_hidden_by_filters: "f j <Tab> j <Space> <Esc> /kazakh";
    a_count_waiting_for_its_move: "<Enter> 1 2";
}

#[test]
fn ascii_mode_draws_nothing_but_ascii() {
    // The mini fixture's own text is ASCII, so every character on screen must be.
    let d = common::fixture("mini");
    let scripts = [
        "",
        "<Enter>",
        "2 j j j <Enter>",
        "5 j j <Enter>",
        "?",
        "/kaz",
        "f <Tab>",
        "f j <Tab> <Space> <Esc>",
    ];
    for keys in scripts {
        for (w, h) in [(80, 24), (160, 48)] {
            let mut headless = Headless::with_glyphs(&d, w, h, geolens::pages::ASCII);
            headless.press(&parse_keys(keys).unwrap());
            let text = headless.text();
            let odd: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            assert!(odd.is_empty(), "{keys:?} at {w}x{h}: {odd:?} in\n{text}");
        }
    }
    let mut h = Headless::with_glyphs(&d, 100, 60, geolens::pages::ASCII);
    h.press(&parse_keys("<Enter>").unwrap());
    assert!(
        h.text()
            .contains("Kazakhstan, United Kingdom -> energy -> European")
    );
}

#[test]
fn uncertain_office_holder_and_breadcrumb() {
    let d = common::fixture("mini");
    let nurtleu = geolens::data::Target::Actor(d.actor_ix("murat-nurtleu").unwrap());
    for (width, height) in [(80, 24), (160, 48)] {
        let mut h = Headless::new(&d, width, height);
        h.press(&parse_keys("<Enter>").unwrap());
        let row = h
            .app
            .detail
            .rows
            .iter()
            .position(|r| r.link == Some(nurtleu))
            .unwrap();
        h.press(&parse_keys(&"j".repeat(row)).unwrap());
        h.press(&parse_keys("<Enter>").unwrap());
        insta::assert_snapshot!(
            format!("uncertain_office_holder_and_breadcrumb_{width}x{height}"),
            h.text()
        );
    }
}
