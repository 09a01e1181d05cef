//! Reading and moving at the speed of thought: link to link, section to section, the outline, half
//! pages, counts, the palette, Esc, the reading width, `geolens open`'s history, and compare. Keys
//! are typed through the real keymap, as a user types them.

mod common;

use geolens::app::screen::Screen;
use geolens::app::{Focus, Overlay};
use geolens::data::{Dataset, ListKind, Target};
use geolens::doc::Role;
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;

fn press(h: &mut Headless, keys: &str) {
    h.press(&parse_keys(keys).unwrap());
}

fn analysis(d: &Dataset, id: &str) -> Target {
    Target::Analysis(d.analysis_ix(id).unwrap())
}

fn actor(d: &Dataset, id: &str) -> Target {
    Target::Actor(d.actor_ix(id).unwrap())
}

/// The text of the detail's cursor row.
fn cursor_text(h: &Headless) -> String {
    let d = &h.app.detail;
    d.rows[d.cursor].spans.iter().map(|s| s.text()).collect()
}

/// The rows of the page that start a section (a heading), in order.
fn headings(h: &Headless) -> Vec<usize> {
    let rows = &h.app.detail.rows;
    (0..rows.len())
        .filter(|&r| {
            rows[r]
                .spans
                .first()
                .is_some_and(|s| s.role == Role::Heading)
        })
        .collect()
}

/// The first row of each link on the page.
fn links(h: &Headless) -> Vec<usize> {
    geolens::app::reading::link_starts(&h.app.detail.rows)
}

#[test]
fn the_first_key_actor_of_the_kazakhstan_analysis_is_four_keys_away() {
    let d = common::bundled();
    let kz_uk = analysis(&d, "kz-uk-business-2024");
    let first_actor = actor(
        &d,
        &d.analysis(d.analysis_ix("kz-uk-business-2024").unwrap())
            .actors[0]
            .actor,
    );
    for (w, ht) in [(80, 24), (160, 48)] {
        let mut h = Headless::new(&d, w, ht);
        h.app.open(&d, kz_uk);
        // The outline, "k" (the only section whose name starts so: no Enter needed), the next
        // link, and Enter.
        press(&mut h, "o k");
        assert!(h.app.overlay.is_none(), "a unique section jumps at once");
        assert!(
            cursor_text(&h).starts_with("Key actors ("),
            "{}",
            cursor_text(&h)
        );
        assert_eq!(
            h.app.detail.offset, h.app.detail.cursor,
            "the section starts at the top"
        );
        press(&mut h, "<Tab>");
        assert_eq!(h.app.detail.link_under_cursor(), Some(first_actor));
        press(&mut h, "<Enter>");
        assert_eq!(h.app.detail.target, Some(first_actor), "{w}x{ht}");
        // And Back returns to the analysis, on that actor's line.
        press(&mut h, "<BS>");
        assert_eq!(h.app.detail.target, Some(kz_uk));
        assert_eq!(h.app.detail.link_under_cursor(), Some(first_actor));
    }
}

#[test]
fn tab_and_shift_tab_step_from_link_to_link() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "<Enter>");
    let stops = links(&h);
    assert!(stops.len() > 4);
    for &row in &stops {
        press(&mut h, "<Tab>");
        assert_eq!(h.app.detail.cursor, row);
    }
    press(&mut h, "<Tab>");
    assert_eq!(
        h.app.detail.cursor,
        *stops.last().unwrap(),
        "no wrap past the last link"
    );
    assert_eq!(h.app.message.as_deref(), Some("no more links below"));
    press(&mut h, "<S-Tab> <S-Tab>");
    assert_eq!(h.app.detail.cursor, stops[stops.len() - 3]);
    // A link that takes two rows (an actor and its interests) is one stop: from its second row,
    // Shift-Tab goes to the link before it, not to its own first row.
    let two_rows = stops[1..]
        .iter()
        .copied()
        .find(|&r| h.app.detail.rows[r + 1].link == h.app.detail.rows[r].link)
        .unwrap();
    press(&mut h, &format!("g {}j", two_rows + 1));
    let before = stops
        .iter()
        .rev()
        .find(|&&r| r < two_rows)
        .copied()
        .unwrap();
    press(&mut h, "<S-Tab>");
    assert_eq!(h.app.detail.cursor, before);
    press(&mut h, "<Tab> <Tab>");
    assert_eq!(
        h.app.detail.cursor,
        stops[stops.iter().position(|&r| r == two_rows).unwrap() + 1]
    );
}

#[test]
fn braces_jump_between_sections_and_take_a_count() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 80, 24);
    h.app.open(&d, analysis(&d, "kz-uk-business-2024"));
    let sections = headings(&h);
    assert!(sections.len() >= 8);
    press(&mut h, "}");
    assert_eq!(h.app.detail.cursor, sections[0]);
    assert_eq!(cursor_text(&h), "Summary");
    press(&mut h, "3}");
    assert_eq!(h.app.detail.cursor, sections[3]);
    assert_eq!(h.app.detail.offset, sections[3], "its heading at the top");
    // Inside a section, { goes to the section's start, then to the one before.
    press(&mut h, "j j {");
    assert_eq!(h.app.detail.cursor, sections[3]);
    press(&mut h, "{");
    assert_eq!(h.app.detail.cursor, sections[2]);
    press(&mut h, "G }");
    assert_eq!(h.app.message.as_deref(), Some("no more sections below"));
    // From the list, } moves the page shown and takes the reader into it.
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "}");
    assert_eq!(h.app.focus, Focus::Detail);
    assert_eq!(cursor_text(&h), "Summary");
}

#[test]
fn the_outline_lists_the_sections_and_jumps_to_the_one_chosen() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 100, 30);
    h.app.open(&d, analysis(&d, "kz-uk-business-2024"));
    press(&mut h, "o");
    let Some(Overlay::Finder(outline)) = &h.app.overlay else {
        panic!("the outline is open");
    };
    let names: Vec<&str> = outline.entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(names[0], "Summary");
    assert!(names.iter().any(|n| n.starts_with("Key actors (")));
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Cross-border implications"))
    );
    // Two sections start with "c": the list narrows, and Enter takes the highlighted one.
    press(&mut h, "c");
    let Some(Overlay::Finder(outline)) = &h.app.overlay else {
        panic!("still open: two sections match");
    };
    assert!(outline.shown.len() >= 2);
    press(&mut h, "r");
    assert!(h.app.overlay.is_none(), "\"cr\" is unambiguous");
    assert!(
        cursor_text(&h).starts_with("Cross-border implications"),
        "{}",
        cursor_text(&h)
    );
    // Esc leaves the page where it was.
    let at = h.app.detail.cursor;
    press(&mut h, "o <Down> <Esc>");
    assert!(h.app.overlay.is_none());
    assert_eq!(h.app.detail.cursor, at);
    // Enter on the highlighted section, chosen with the arrows.
    press(&mut h, "g o <Down> <Enter>");
    assert_eq!(h.app.detail.cursor, headings(&h)[1]);
}

#[test]
fn half_pages_move_half_the_pane() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 80, 24);
    h.app.open(&d, analysis(&d, "kz-uk-business-2024"));
    let height = geolens::layout::inner(h.app.screen().detail).height as usize;
    press(&mut h, "<C-d>");
    assert_eq!(h.app.detail.cursor, height / 2);
    press(&mut h, "<C-d> <C-u>");
    assert_eq!(h.app.detail.cursor, height / 2);
    // In a list too.
    press(&mut h, "h g <C-d>");
    let list_height = geolens::layout::inner(h.app.screen().list).height as usize;
    assert_eq!(h.app.list_pane().selected_row(), Some(list_height / 2));
}

#[test]
fn counts_repeat_moves_in_the_page_and_digits_pick_lists_in_a_list() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 80, 24);
    h.app.open(&d, analysis(&d, "kz-uk-business-2024"));
    press(&mut h, "5j");
    assert_eq!(h.app.detail.cursor, 5);
    press(&mut h, "1 2 j");
    assert_eq!(h.app.detail.cursor, 17);
    press(&mut h, "12G");
    assert_eq!(h.app.detail.cursor, 11, "a count before G goes to that row");
    press(&mut h, "g 2<Tab>");
    assert_eq!(h.app.detail.cursor, links(&h)[1]);
    // A count waits on the status line; Esc forgets it.
    press(&mut h, "4");
    assert_eq!(h.app.count, Some(4));
    assert!(h.text().contains("4: the next move goes 4 times"));
    press(&mut h, "<Esc> j");
    assert_eq!(h.app.count, None);
    assert_eq!(h.app.detail.cursor, links(&h)[1] + 1);
    // In a list, digits are the lists' keys, as the tab strip says.
    press(&mut h, "h 2");
    assert_eq!((h.app.focus, h.app.list), (Focus::List, ListKind::Actors));
    assert_eq!(h.app.count, None);
}

#[test]
fn esc_on_the_main_screen_does_nothing_and_cancels_every_popup() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "<Enter> <Tab> <Enter>");
    let before = (
        h.app.focus,
        h.app.detail.target,
        h.app.detail.cursor,
        h.app.history.clone(),
    );
    press(&mut h, "<Esc> <Esc>");
    let after = (
        h.app.focus,
        h.app.detail.target,
        h.app.detail.cursor,
        h.app.history.clone(),
    );
    assert_eq!(before, after, "Esc is harmless on the main screen");
    press(&mut h, "h <Esc>");
    assert_eq!(h.app.focus, Focus::List);
    // Backspace and [ go back.
    press(&mut h, "l <BS>");
    assert_eq!(h.app.history.ahead(), 1);
    press(&mut h, "] [");
    assert_eq!(h.app.history.ahead(), 1);
    // In every popup, Esc cancels: nothing else changes.
    for open in ["?", "/kaz", "f", "f <Tab> /", "o", ":"] {
        let target = h.app.detail.target;
        press(&mut h, open);
        assert!(h.app.overlay.is_some(), "{open} opens something");
        press(&mut h, "<Esc>");
        if open == "f <Tab> /" {
            // The first Esc leaves the find box, the second the panel.
            assert!(h.app.overlay.is_some());
            press(&mut h, "<Esc>");
        }
        assert!(h.app.overlay.is_none(), "Esc closes what {open} opened");
        assert_eq!(h.app.detail.target, target, "{open} then Esc");
    }
}

#[test]
fn the_palette_finds_any_action_by_what_it_does_and_runs_it() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, ":sort");
    let Some(Overlay::Finder(palette)) = &h.app.overlay else {
        panic!("the palette is open");
    };
    let first = palette.current().unwrap();
    assert_eq!(first.label, "change the order of the list");
    assert_eq!(first.note, "s", "it shows the key, to learn for next time");
    assert!(h.text().contains("change the order of the list"));
    press(&mut h, "<Enter>");
    assert!(h.app.overlay.is_none());
    assert_eq!(h.app.list_pane().sort, geolens::find::Sort::Name);
    // An action without a key in this config can still be run from here.
    press(&mut h, ":next pane<Enter>");
    assert_eq!(h.app.list, ListKind::Actors);
}

#[test]
fn the_reading_width_caps_the_prose_and_the_list_takes_the_rest() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 200, 40);
    let s = h.app.screen();
    assert_eq!(geolens::layout::detail_text(s.detail).width, 90);
    assert_eq!(s.list.width, 200 - 94);
    assert!(
        h.app
            .detail
            .rows
            .iter()
            .all(|r| { r.pad as usize + r.spans.iter().map(|s| s.width()).sum::<usize>() <= 90 })
    );
    // A reader who wants longer lines says so in the config.
    h.app.set_reading_width(120);
    assert_eq!(h.app.detail.width, 120);
    assert_eq!(h.app.screen().list.width, 200 - 124);
    press(&mut h, "<Enter>");
    assert_eq!(h.app.detail.width, 120, "pages opened later too");
}

#[test]
fn open_starts_the_history_on_the_item_opened() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 80, 24);
    let kz_gov = actor(&d, "kz-gov");
    h.app.open(&d, kz_gov);
    let trail: Vec<Target> = h.app.history.trail().iter().map(|v| v.target).collect();
    assert_eq!(trail, [kz_gov], "the newest analysis was never seen");
    press(&mut h, "<BS>");
    assert_eq!(
        h.app.detail.target,
        Some(kz_gov),
        "Back goes nowhere unseen"
    );
    assert_eq!(h.app.focus, Focus::List, "it leaves the page for its list");
    // Opening the item the explorer starts on works as well.
    let mut h = Headless::new(&d, 80, 24);
    let first = h.app.detail.target.unwrap();
    h.app.open(&d, first);
    assert_eq!(h.app.history.trail().len(), 1);
}

#[test]
fn themes_sorted_other_than_as_a_tree_are_flat() {
    let d = common::bundled();
    let mut h = Headless::new(&d, 100, 60);
    press(&mut h, "3");
    let list = geolens::layout::inner(h.app.screen().list);
    let rows = |h: &Headless| -> Vec<String> {
        let text = h.text();
        text.lines()
            .skip(list.y as usize)
            .take(list.height as usize)
            // From the first column inside the border: the mark column, then the row.
            .map(|l| l.chars().skip(list.x as usize).take(20).collect())
            .collect()
    };
    assert!(
        rows(&h).iter().any(|r| r.starts_with("   ")),
        "the tree indents sub-themes"
    );
    press(&mut h, "s");
    assert_eq!(h.app.list_pane().sort, geolens::find::Sort::Name);
    assert!(
        rows(&h)
            .iter()
            .all(|r| r.trim().is_empty() || !r.starts_with("  ")),
        "by name, every row starts at the margin:\n{}",
        rows(&h).join("\n")
    );
}

#[test]
fn marking_two_items_and_compare_opens_them_side_by_side() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 160, 48);
    press(&mut h, "m");
    assert!(h.app.message.as_deref().unwrap().starts_with("marked"));
    press(&mut h, "j m");
    assert_eq!(h.app.marks.len(), 2);
    assert_eq!(
        h.text().lines().filter(|l| l.starts_with("│•")).count(),
        2,
        "marked rows say so"
    );
    press(&mut h, "c");
    let Some(view) = h.app.comparing() else {
        panic!("compare is shown");
    };
    assert_eq!(view.sides[0].target, analysis(&d, "kz-uk-2024"));
    assert_eq!(view.sides[1].target, analysis(&d, "kz-eu-minerals-2022"));
    assert!(h.app.marks.is_empty(), "the marks are used up");
    // Sections of one name start on the same row.
    let row_of = |side: usize, name: &str| {
        view.sides[side].rows.iter().position(|r| {
            r.spans
                .iter()
                .map(|s| s.text())
                .collect::<String>()
                .starts_with(name)
        })
    };
    for name in ["Summary", "Key actors", "Cross-border implications"] {
        assert_eq!(row_of(0, name), row_of(1, name), "{name}");
        assert!(row_of(0, name).is_some(), "{name}");
    }
    assert_eq!(view.sides[0].rows.len(), view.sides[1].rows.len());
    // Together: both sides scroll as one.
    press(&mut h, "}}}");
    let Some(view) = h.app.comparing() else {
        panic!()
    };
    assert_eq!(view.sides[0].offset, view.sides[1].offset);
    assert!(view.sides[0].offset > 0);
    // Apart: only the side with the keys moves.
    press(&mut h, "s <Tab> g");
    let Some(view) = h.app.comparing() else {
        panic!()
    };
    assert_eq!(view.focus, 1);
    assert_eq!(view.sides[1].offset, 0);
    assert!(view.sides[0].offset > 0);
    // Backspace leaves the comparison for the page as it was.
    press(&mut h, "<BS>");
    assert!(matches!(h.app.screen, Screen::Explorer));
    assert_eq!(
        h.app.detail.target,
        Some(analysis(&d, "kz-eu-minerals-2022"))
    );
}

#[test]
fn another_reading_of_the_same_event_is_compared_in_one_key() {
    let d = common::bundled();
    let security = analysis(&d, "niger-coup-2023-security");
    let energy = analysis(&d, "niger-coup-2023-energy");
    let mut h = Headless::new(&d, 120, 40);
    h.app.open(&d, security);
    // With the cursor on the "Also read by" line, the status line offers it.
    press(&mut h, "<Tab>");
    assert_eq!(h.app.detail.link_under_cursor(), Some(energy));
    assert!(h.text().contains("c compare the readings"), "{}", h.text());
    press(&mut h, "c");
    let Some(view) = h.app.comparing() else {
        panic!("compare is shown");
    };
    assert_eq!(
        (view.sides[0].target, view.sides[1].target),
        (security, energy)
    );
    // And from anywhere on the page, with nothing marked, c compares the two readings too.
    let mut h = Headless::new(&d, 120, 40);
    h.app.open(&d, energy);
    press(&mut h, "G c");
    let Some(view) = h.app.comparing() else {
        panic!("compare is shown");
    };
    assert_eq!(
        (view.sides[0].target, view.sides[1].target),
        (energy, security)
    );
    // Enter on a link in a side follows it, back in the explorer.
    let Some(view) = h.app.comparing() else {
        panic!()
    };
    let (row, link) = view.sides[0]
        .rows
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, r)| r.link.map(|l| (i, l)))
        .unwrap();
    press(&mut h, &format!("g {row}j <Enter>"));
    assert!(matches!(h.app.screen, Screen::Explorer));
    assert_eq!(h.app.detail.target, Some(link));
    press(&mut h, "<BS>");
    assert_eq!(h.app.detail.target, Some(energy));
}

#[test]
fn nothing_to_compare_says_what_to_do() {
    let d = common::fixture("mini");
    let mut h = Headless::new(&d, 100, 30);
    press(&mut h, "c");
    assert!(matches!(h.app.screen, Screen::Explorer));
    assert_eq!(
        h.app.message.as_deref(),
        Some("nothing to compare: mark two items with m, then press c")
    );
    press(&mut h, "m m");
    assert!(h.app.marks.is_empty(), "m again unmarks");
}

/// A comparison is a step in the history: Back returns to the page it was opened from, Forward
/// to the comparison as it was left, and Back after following a link from it comes back to it.
#[test]
fn a_comparison_is_a_step_in_the_history() {
    let d = common::bundled();
    let security = analysis(&d, "niger-coup-2023-security");
    let energy = analysis(&d, "niger-coup-2023-energy");
    let mut h = Headless::new(&d, 120, 40);
    h.app.open(&d, security);
    press(&mut h, "c } }");
    let offset = h.app.comparing().unwrap().sides[0].offset;
    assert!(offset > 0);
    press(&mut h, "<BS>");
    assert!(h.app.comparing().is_none());
    assert_eq!(h.app.detail.target, Some(security));
    press(&mut h, "]");
    let view = h
        .app
        .comparing()
        .expect("forward comes back to the comparison");
    assert_eq!(
        (view.sides[0].target, view.sides[1].target),
        (security, energy)
    );
    assert_eq!(view.sides[0].offset, offset, "as it was left");
    // Follow a link from the left side, then come back.
    let row = view.sides[0]
        .rows
        .iter()
        .position(|r| r.link.is_some())
        .unwrap();
    let link = view.sides[0].rows[row].link.unwrap();
    press(&mut h, &format!("g {row}j <Enter>"));
    assert_eq!(h.app.detail.target, Some(link));
    press(&mut h, "<BS>");
    assert!(h.app.comparing().is_some(), "back into the comparison");
    assert!(h.text().contains("› Compare"), "the breadcrumb names it");
}
