//! Action scripts on the explorer's state: following links, going back and forward, panes and
//! the selection. Keys are typed through the real keymap, as a user would.

mod common;

use geolens::app::{Focus, Overlay};
use geolens::data::Dataset;
use geolens::data::{ListKind, Target};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

fn analysis(d: &Dataset, id: &str) -> Target {
    Target::Analysis(d.analysis_ix(id).unwrap())
}
fn actor(d: &Dataset, id: &str) -> Target {
    Target::Actor(d.actor_ix(id).unwrap())
}

fn press(h: &mut Headless, keys: &str) {
    h.press(&parse_keys(keys).unwrap());
}

/// Moves the detail cursor down to the first row linking to `target`, with `j` presses.
fn cursor_to(h: &mut Headless, target: Target) {
    let rows = &h.app.detail.rows;
    let at = rows
        .iter()
        .position(|r| r.link == Some(target))
        .unwrap_or_else(|| panic!("no link to {target:?} on this page"));
    let steps = at - h.app.detail.cursor;
    press(h, &"j".repeat(steps));
}

fn help_offset(h: &Headless) -> Option<usize> {
    match &h.app.overlay {
        Some(Overlay::Help(help)) => Some(help.offset),
        _ => None,
    }
}

fn trail(h: &Headless) -> Vec<Target> {
    h.app.history.trail().iter().map(|v| v.target).collect()
}

#[test]
fn starts_on_the_newest_analysis() {
    let d = common::fixture("mini");
    let h = Headless::new(&d, 100, 30);
    assert_eq!(h.app.list, ListKind::Analyses);
    assert_eq!(h.app.focus, Focus::List);
    assert_eq!(h.app.detail.target, Some(analysis(&d, "kz-uk-2024")));
    assert_eq!(trail(&h), [analysis(&d, "kz-uk-2024")]);
}

#[test]
fn moving_in_a_list_changes_the_detail_but_not_the_history_length() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "j");
    assert_eq!(
        h.app.detail.target,
        Some(analysis(&d, "kz-eu-minerals-2022"))
    );
    press(&mut h, "j j j j");
    assert_eq!(
        h.app.detail.target,
        Some(analysis(&d, "cpc-2022")),
        "stops at the end"
    );
    press(&mut h, "g");
    assert_eq!(h.app.detail.target, Some(analysis(&d, "kz-uk-2024")));
    press(&mut h, "G");
    assert_eq!(h.app.detail.target, Some(analysis(&d, "cpc-2022")));
    assert_eq!(trail(&h), [analysis(&d, "cpc-2022")]);
}

#[test]
fn follow_a_link_go_back_and_forward() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "<Enter>");
    assert_eq!(h.app.focus, Focus::Detail);

    // Analysis -> one of its actors.
    cursor_to(&mut h, actor(&d, "kz-gov"));
    let cursor_on_analysis = h.app.detail.cursor;
    press(&mut h, "<Enter>");
    assert_eq!(h.app.detail.target, Some(actor(&d, "kz-gov")));
    assert_eq!(h.app.list, ListKind::Actors, "the list follows the link");
    assert_eq!(h.app.list_pane().selected, Some(actor(&d, "kz-gov")));
    assert_eq!(h.app.detail.cursor, 0, "a new page starts at the top");

    // Actor -> another analysis it appears in.
    cursor_to(&mut h, analysis(&d, "cpc-2022"));
    press(&mut h, "<Enter>");
    assert_eq!(
        trail(&h),
        [
            analysis(&d, "kz-uk-2024"),
            actor(&d, "kz-gov"),
            analysis(&d, "cpc-2022")
        ]
    );
    assert_eq!(h.app.list, ListKind::Analyses);
    assert_eq!(h.app.list_pane().selected, Some(analysis(&d, "cpc-2022")));

    // Back twice returns to the first analysis, with the cursor where it was.
    press(&mut h, "<BS> <BS>");
    assert_eq!(h.app.detail.target, Some(analysis(&d, "kz-uk-2024")));
    assert_eq!(h.app.detail.cursor, cursor_on_analysis);
    assert_eq!(h.app.list_pane().selected, Some(analysis(&d, "kz-uk-2024")));
    // The actors list kept the selection made by following the link.
    assert_eq!(
        h.app.lists[ListKind::Actors.index()].selected,
        Some(actor(&d, "kz-gov"))
    );

    // Forward twice replays the path; a third forward has nowhere to go.
    press(&mut h, "] ]");
    assert_eq!(h.app.detail.target, Some(analysis(&d, "cpc-2022")));
    press(&mut h, "]");
    assert_eq!(h.app.message.as_deref(), Some("no later page"));
    assert_eq!(h.app.detail.target, Some(analysis(&d, "cpc-2022")));
}

#[test]
fn following_a_new_link_after_going_back_drops_the_forward_path() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "<Enter>");
    cursor_to(&mut h, actor(&d, "kz-gov"));
    press(&mut h, "<Enter> <BS>");
    assert_eq!(h.app.history.ahead(), 1);
    cursor_to(&mut h, actor(&d, "gb-gov"));
    press(&mut h, "<Enter>");
    assert_eq!(h.app.history.ahead(), 0);
    assert_eq!(trail(&h), [analysis(&d, "kz-uk-2024"), actor(&d, "gb-gov")]);
}

#[test]
fn back_with_no_history_leaves_the_detail_for_the_list() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 80, 24);
    press(&mut h, "<Enter>");
    assert_eq!(h.app.focus, Focus::Detail);
    press(&mut h, "<BS>");
    assert_eq!(h.app.focus, Focus::List);
    press(&mut h, "<BS>");
    assert_eq!(h.app.message.as_deref(), Some("no earlier page"));
    assert_eq!(h.app.focus, Focus::List);
}

#[test]
fn enter_on_plain_text_says_there_is_nothing_to_follow() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "<Enter> <Enter>");
    assert_eq!(
        h.app.message.as_deref(),
        Some("nothing to follow on this line")
    );
    assert_eq!(h.app.detail.target, Some(analysis(&d, "kz-uk-2024")));
    press(&mut h, "j");
    assert_eq!(h.app.message, None, "the message lasts one key");
}

#[test]
fn tab_from_a_list_is_the_page_and_digits_pick_the_lists() {
    // Below 100 columns too, the page is one key away from any list.
    for (w, h) in [(100, 30), (80, 24)] {
        let d = common::fixture("mini");
        let mut h = Headless::new(&d, w, h);
        press(&mut h, "4 <Tab>");
        assert_eq!(
            (h.app.focus, h.app.list),
            (Focus::Detail, ListKind::Implications)
        );
        press(&mut h, "h 3");
        assert_eq!((h.app.focus, h.app.list), (Focus::List, ListKind::Themes));
        // The detail shows the selected theme: the tree puts "Energy security" first.
        assert_eq!(
            h.app.detail.target,
            Some(Target::Theme(d.theme_ix("energy-security").unwrap()))
        );
    }
}

#[test]
fn pages_move_the_cursor_and_stay_in_bounds() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 80, 12);
    press(&mut h, "<Enter> <PgDn>");
    let page = h.app.detail.cursor;
    assert!(page > 0);
    press(&mut h, "<PgDn> <PgDn> <PgDn> <PgDn> <PgDn> <PgDn>");
    let last = h.app.detail.rows.len() - 1;
    assert_eq!(h.app.detail.cursor, last);
    let height = 12 - 5; // header, tabs, status and the pane's two borders
    assert_eq!(h.app.detail.offset, last + 1 - height);
    press(&mut h, "<PgUp>");
    assert_eq!(h.app.detail.cursor, last - page);
    press(&mut h, "g");
    assert_eq!((h.app.detail.cursor, h.app.detail.offset), (0, 0));
}

#[test]
fn help_opens_scrolls_and_closes_without_side_effects() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 80, 24);
    press(&mut h, "<Enter>");
    cursor_to(&mut h, actor(&d, "kz-gov"));
    press(&mut h, "<Enter> ?");
    assert!(help_offset(&h).is_some());
    press(&mut h, "j j <Enter> <Tab>");
    assert_eq!(help_offset(&h), Some(2));
    assert_eq!(
        h.app.detail.target,
        Some(actor(&d, "kz-gov")),
        "keys stay in help"
    );
    press(&mut h, "<Esc>");
    assert!(h.app.overlay.is_none());
    assert_eq!(
        h.app.detail.target,
        Some(actor(&d, "kz-gov")),
        "Esc closed help, it did not go back"
    );
    press(&mut h, "?");
    press(&mut h, "G");
    let at_end = help_offset(&h);
    assert!(at_end > Some(0));
    press(&mut h, "j");
    assert_eq!(help_offset(&h), at_end, "no scrolling past the end");
}

#[test]
fn a_resize_keeps_the_cursor_on_the_same_line_of_text() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "<Enter>");
    cursor_to(&mut h, actor(&d, "gb-gov"));
    h.resize(40, 30);
    let row = &h.app.detail.rows[h.app.detail.cursor];
    assert_eq!(row.link, Some(actor(&d, "gb-gov")));
    h.resize(0, 0);
    h.resize(100, 30);
    assert_eq!(
        h.app.detail.rows[h.app.detail.cursor].link,
        Some(actor(&d, "gb-gov"))
    );
}

#[test]
fn a_country_reached_through_its_bloc_links_back_to_the_implication() {
    let d = common::fixture("mini");
    let de = d.place_ix("DE").unwrap();
    let links = d.place_implications(de);
    let ids: Vec<(String, Option<String>)> = links
        .iter()
        .map(|l| {
            (
                d.implication_id(l.implication),
                l.via.map(|v| d.place(v).id.clone()),
            )
        })
        .collect();
    // Newest first. kz-uk and cpc-2022 reach DE through the EU; kz-eu-minerals names DE directly
    // (and through the EU, which is dropped as redundant).
    assert_eq!(
        ids,
        [
            ("kz-uk-2024/eu-supply".to_owned(), Some("eu".to_owned())),
            ("kz-eu-minerals-2022/battery-supply".to_owned(), None),
            ("cpc-2022/europe-crude".to_owned(), Some("eu".to_owned())),
        ]
    );
}

fn click(h: &mut Headless, kind: crossterm::event::MouseEventKind, column: u16, row: u16) {
    let event = crossterm::event::Event::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: crossterm::event::KeyModifiers::NONE,
    });
    let data = h.data;
    h.app.handle_event(data, &event);
}

#[test]
fn with_the_mouse_on_clicks_select_and_the_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 160, 48);
    let screen = h.app.screen();
    let list = geolens::layout::inner(screen.list);
    // The third analysis, by a click on its row.
    click(
        &mut h,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 2,
    );
    assert_eq!(h.app.detail.target, Some(analysis(&d, "cpc-2022")));
    assert_eq!(h.app.focus, Focus::List);

    // In the detail: a first click puts the cursor on a link, a second follows it.
    let kz_gov = actor(&d, "kz-gov");
    let row = h
        .app
        .detail
        .rows
        .iter()
        .position(|r| r.link == Some(kz_gov))
        .unwrap();
    let text = geolens::layout::detail_text(screen.detail);
    let y = text.y + (row - h.app.detail.offset) as u16;
    click(
        &mut h,
        MouseEventKind::Down(MouseButton::Left),
        text.x + 4,
        y,
    );
    assert_eq!((h.app.focus, h.app.detail.cursor), (Focus::Detail, row));
    assert_eq!(
        h.app.detail.target,
        Some(analysis(&d, "cpc-2022")),
        "one click only selects"
    );
    click(
        &mut h,
        MouseEventKind::Down(MouseButton::Left),
        text.x + 4,
        y,
    );
    assert_eq!(h.app.detail.target, Some(kz_gov), "a second click follows");

    // The wheel over the detail scrolls the text three rows a notch, as a pager does: the
    // cursor stays on its line while that line is on screen, and the focus stays where it was.
    h.resize(160, 12);
    press(&mut h, "g h");
    let text = geolens::layout::detail_text(h.app.screen().detail);
    click(&mut h, MouseEventKind::ScrollDown, text.x + 4, text.y + 1);
    assert_eq!(
        (h.app.detail.offset, h.app.detail.cursor),
        (3, 3),
        "the cursor is dragged along only when it would leave the screen"
    );
    assert_eq!(
        h.app.focus,
        Focus::List,
        "the wheel does not take the focus"
    );
    press(&mut h, "l j j j j");
    click(&mut h, MouseEventKind::ScrollDown, text.x + 4, text.y + 1);
    assert_eq!((h.app.detail.offset, h.app.detail.cursor), (6, 7));
    click(&mut h, MouseEventKind::ScrollUp, text.x + 4, text.y + 1);
    assert_eq!((h.app.detail.offset, h.app.detail.cursor), (3, 7));
    // Over the list, it scrolls the list; the focus stays in the detail.
    let list = geolens::layout::inner(h.app.screen().list);
    click(&mut h, MouseEventKind::ScrollUp, list.x + 3, list.y);
    assert_eq!(h.app.focus, Focus::Detail);
    // Outside any pane nothing happens.
    let before = h.app.detail.target;
    click(&mut h, MouseEventKind::Down(MouseButton::Left), 0, 0);
    assert_eq!(h.app.detail.target, before);
}

/// In the terminal, searches are answered by a worker, later than the keys. An Enter typed before
/// the answer must open the answer's first hit, not a hit of an older, shorter query.
#[test]
fn enter_before_the_results_arrive_opens_the_right_result() {
    use geolens::find::{self, SearchIndex};
    let d = common::bundled();
    let index = SearchIndex::build(&d);
    let mut app = geolens::app::App::new(
        &d,
        geolens::app::keymap::Keymap::default(),
        geolens::pages::UNICODE,
        ratatui::layout::Rect::new(0, 0, 100, 30),
    );
    let answer = |app: &mut geolens::app::App, request: geolens::app::search::SearchRequest| {
        let results = find::search(&index, &d, &request.query, &request.filter, 50);
        app.search_results(&d, request.generation, results);
    };
    let mut requests = Vec::new();
    for key in parse_keys("/astana").unwrap() {
        app.handle_key(&d, key);
        requests.extend(app.search_request.take());
    }
    // The answer to "a" arrives first: its hits are on screen, but stale.
    answer(&mut app, requests[0].clone());
    let before = app.detail.target;
    app.handle_key(&d, parse_keys("<Enter>").unwrap()[0]);
    assert_eq!(app.detail.target, before, "nothing opened yet");
    assert!(app.overlay.is_some());
    // The quick first pass for "astana" comes (names of places, actors, themes): its hits show,
    // but Enter waits for the complete results, whose best hit may be another.
    let last = requests.last().unwrap().clone();
    let quick = find::quick_search(&index, &d, &last.query, &last.filter, 50);
    assert!(!quick.complete && quick.total() > 0);
    app.search_results(&d, last.generation, quick);
    assert_eq!(
        app.detail.target, before,
        "nothing opened on the first pass"
    );
    let Some(Overlay::Search(search)) = &app.overlay else {
        panic!("the search box stays open");
    };
    assert!(search.partial());
    // The complete answer to "astana" comes: Enter is carried out on it.
    answer(&mut app, last);
    assert_eq!(
        app.detail.target,
        Some(Target::Place(d.place_ix("KZ").unwrap()))
    );
    assert!(app.overlay.is_none());
}

#[test]
fn a_paste_is_one_edit_of_the_search_text_and_never_a_command() {
    let d = common::fixture("mini");
    let mut app = geolens::app::App::new(
        &d,
        geolens::app::keymap::Keymap::default(),
        geolens::pages::UNICODE,
        ratatui::layout::Rect::new(0, 0, 100, 30),
    );
    let paste = |app: &mut geolens::app::App, text: &str| {
        app.handle_event(&d, &crossterm::event::Event::Paste(text.to_owned()));
    };
    // Outside the search box a paste does nothing at all (its "q" does not quit).
    paste(&mut app, "q2\n");
    assert!(!app.quit);
    assert_eq!(app.list, ListKind::Analyses);
    app.handle_key(&d, parse_keys("/").unwrap()[0]);
    paste(&mut app, "middle\x1b[2J\tq");
    let request = app.search_request.take().expect("one search for the paste");
    assert_eq!(request.generation, 1);
    let Some(Overlay::Search(search)) = &app.overlay else {
        panic!("the search box stays open");
    };
    assert_eq!(search.input, "middle [2J q", "controls became spaces");
    // A paste longer than the box holds is one search too, cut at the limit and said so.
    let long = "middle corridor ".repeat(10_000);
    paste(&mut app, &long);
    let request = app
        .search_request
        .take()
        .expect("one search for the long paste");
    assert_eq!(request.generation, 2);
    let Some(Overlay::Search(search)) = &app.overlay else {
        panic!("the search box stays open");
    };
    assert_eq!(
        search.input.chars().count(),
        geolens::app::search::MAX_INPUT
    );
    assert!(search.input.starts_with("middle [2J qmiddle corridor "));
    assert_eq!(app.message, Some(geolens::app::search::too_long()));
    assert!(!app.quit);
}
