//! Input that used to stall or trap the explorer, sent by tmux to the real binary: a burst of
//! thousands of keys is handled whole without another key to push it through, and a paste start
//! whose end never comes lets keys work again after half a second.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;
#[path = "common/temp.rs"]
mod temp;
#[path = "common/tmux.rs"]
mod tmux;

use std::thread::sleep;
use std::time::Duration;

use temp::TempDir;
use tmux::{Tmux, tmux_available};

fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The `row/count` at the end of the status line.
fn position(screen: &str) -> Option<(usize, usize)> {
    let last = status_line(screen).split_whitespace().last()?;
    let (row, count) = last.split_once('/')?;
    Some((row.parse().ok()?, count.parse().ok()?))
}

#[test]
fn every_key_of_a_burst_is_handled_without_another_key_to_push_it() {
    if !tmux_available() {
        return;
    }
    let dir = temp::generated("burst", 6000, 3);
    let args = format!("--data '{}'", dir.path().display());
    let t = Tmux::start("burst", 100, 30, &args, &[]);
    let screen = t.wait_for(|s| position(s) == Some((1, 6000)));
    assert_eq!(position(&screen), Some((1, 6000)), "{screen}");
    // One send-keys: tmux writes the 5,000 bytes to the pane at once, as a held key over a slow
    // link or an unbracketed paste arrives.
    t.run(&["send-keys", "-t", "main", "-l", &"j".repeat(5000)]);
    let screen = t.wait_for(|s| position(s) == Some((5001, 6000)));
    assert_eq!(
        position(&screen),
        Some((5001, 6000)),
        "every j moved the cursor, with no key after them:\n{screen}"
    );
    t.run(&["send-keys", "-t", "main", "-l", &"k".repeat(3000)]);
    let screen = t.wait_for(|s| position(s) == Some((2001, 6000)));
    assert_eq!(position(&screen), Some((2001, 6000)), "{screen}");
    t.send(&geolens::keys::parse_keys("q").unwrap());
    assert_eq!(t.exit_status(), 0);
    t.assert_restored();
}

#[test]
fn a_paste_start_without_its_end_lets_keys_work_again() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("orphan-paste", 100, 30, "", &[]);
    let screen = t.wait_for(|s| position(s).is_some_and(|(row, _)| row == 1));
    let (_, count) = position(&screen).unwrap_or_else(|| panic!("{screen}"));
    // ESC [ 200 ~ alone, then what the issue typed: all of it is taken as the paste.
    t.run(&[
        "send-keys",
        "-t",
        "main",
        "-H",
        "1b",
        "5b",
        "32",
        "30",
        "30",
        "7e",
    ]);
    t.run(&["send-keys", "-t", "main", "j", "q", "C-c"]);
    // The paste ends as text after half a second without bytes; outside the search box pasted
    // text does nothing, so the explorer is where it was and still running.
    sleep(Duration::from_millis(800));
    t.send(&geolens::keys::parse_keys("j").unwrap());
    let screen = t.wait_for(|s| position(s) == Some((2, count)));
    assert_eq!(
        position(&screen),
        Some((2, count)),
        "keys work again after the orphan paste start:\n{screen}"
    );
    t.send(&geolens::keys::parse_keys("q").unwrap());
    assert_eq!(t.exit_status(), 0);
    t.assert_restored();
}

#[test]
fn ctrl_c_quits_whatever_the_config_binds_even_from_the_search_box() {
    if !tmux_available() {
        return;
    }
    let dir = TempDir::new("ctrl-c");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = [\"<C-q>\"]\n").unwrap();
    let args = format!("--config '{}'", config.display());
    let t = Tmux::start("ctrl-c", 100, 30, &args, &[]);
    t.wait_for(|s| position(s).is_some());
    // In the search box q is text; Ctrl-C still quits.
    t.send(&geolens::keys::parse_keys("/ q <C-c>").unwrap());
    assert_eq!(t.exit_status(), 0, "{}", t.capture());
    t.assert_restored();
}
