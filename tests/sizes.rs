//! Every terminal size from 0x0 to 40x20, and the usual ones, on the bundled data and on a fixture
//! full of wide, combining and right-to-left text: no panic, and every frame is well-formed.

mod common;

use geolens::data::Dataset;
use geolens::keys::parse_keys;
use geolens::layout::{MIN_HEIGHT, MIN_WIDTH};
use geolens::snapshot::Headless;
use geolens::text::is_unsafe;
use unicode_width::UnicodeWidthStr;

const SCRIPTS: &[&str] = &[
    "",
    "<Enter>",
    "<Enter> G <PgUp> j",
    "2 <Enter> <PgDn>",
    "3 G <Enter>",
    "4 <Enter> G",
    "5 <Enter> G",
    "?",
    "? G",
    "M j l",
    "M r G",
    "W l z",
    "O j l",
    "T r",
    "T p",
    "v",
    "F",
    "F G <Enter> <BS>",
];

/// The search box, the filter panel and the chips line, swept on the wide-text fixture (the
/// panel counts every value on opening, which the bundled data makes slow to repeat 9,000 times).
const OVERLAY_SCRIPTS: &[&str] = &[
    "/中华 <Down>",
    "/z*",
    "f <Tab> j",
    "f j <Tab> <Space> <Esc>",
    "f j <Tab> <Space> <Esc> <Enter> n",
];

const USUAL: &[(u16, u16)] = &[
    (80, 24),
    (100, 30),
    (120, 40),
    (160, 48),
    (200, 60),
    (99, 24),
    (100, 6),
    (300, 100),
    (1000, 3),
    (3, 1000),
];

/// Checks what a frame must be at any size, and returns its text.
fn check_frame(h: &Headless, w: u16, ht: u16, what: &str) -> String {
    let buf = h.render();
    for cell in buf.content.iter() {
        assert!(
            !cell.symbol().chars().any(is_unsafe),
            "{what}: unsafe character in a cell"
        );
    }
    let text = h.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ht as usize, "{what}: one line per row");
    for line in &lines {
        assert!(
            line.width() <= w as usize,
            "{what}: {line:?} wider than {w}"
        );
    }
    if w >= MIN_WIDTH && ht >= MIN_HEIGHT {
        assert!(
            lines[0].starts_with("geolens"),
            "{what}: header is {:?}",
            lines[0]
        );
        assert!(
            !lines[ht as usize - 1].is_empty(),
            "{what}: empty status line"
        );
    } else if w > 0 && ht > 0 {
        assert!(
            lines[0].starts_with('T'),
            "{what}: expected 'Terminal too small', got {:?}",
            lines[0]
        );
    }
    text
}

fn sweep(data: &Dataset, name: &str, scripts: &[&str]) {
    let small = (0..=40u16).flat_map(|w| (0..=20u16).map(move |h| (w, h)));
    for (w, ht) in small.chain(USUAL.iter().copied()) {
        for script in scripts {
            let mut h = Headless::new(data, w, ht);
            h.press(&parse_keys(script).unwrap());
            check_frame(&h, w, ht, &format!("{name} {w}x{ht} {script:?}"));
        }
    }
}

#[test]
fn every_small_size_with_wide_text() {
    let scripts: Vec<&str> = SCRIPTS.iter().chain(OVERLAY_SCRIPTS).copied().collect();
    sweep(&common::fixture("wide"), "wide", &scripts);
}

#[test]
fn every_small_size_with_the_bundled_data() {
    sweep(&common::bundled(), "bundled", SCRIPTS);
}

#[test]
fn resizing_through_every_size_keeps_state_consistent() {
    let data = common::fixture("wide");
    let mut h = Headless::new(&data, 80, 24);
    h.press(&parse_keys("<Enter> G").unwrap());
    for w in (0..=40u16).rev() {
        for ht in (0..=20u16).rev() {
            h.resize(w, ht);
            check_frame(&h, w, ht, &format!("resized to {w}x{ht}"));
            let d = &h.app.detail;
            assert!(
                d.cursor < d.rows.len().max(1),
                "cursor past the end at {w}x{ht}"
            );
        }
    }
    // Back at a usable size, the cursor is still on the last line of the page.
    h.resize(80, 24);
    let d = &h.app.detail;
    assert_eq!(d.rows[d.cursor].line, d.doc.lines.len() - 1);
}

#[test]
fn too_small_says_so_and_names_the_minimum() {
    let data = common::fixture("mini");
    let h = Headless::new(&data, 30, 4);
    assert_eq!(h.text(), "Terminal too small\n30x4, need 20x6\n\n\n");
}
