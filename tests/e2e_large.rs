//! A large dataset end to end, in the real binary under tmux: it opens on its outline with a
//! note that the rest is loading, keys work meanwhile, then the lists fill in and search answers;
//! a problem that only the full load finds is reported on the restored terminal, with exit 2.
//! The end of the load is held back (`GEOLENS_TEST_LOAD_DELAY_MS`) so the test can see the
//! explorer while it loads, whatever the speed of the machine.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;
#[path = "common/temp.rs"]
mod temp;
#[path = "common/tmux.rs"]
mod tmux;

use tmux::{Tmux, tmux_available};

fn keys(notation: &str) -> Vec<geolens::keys::Key> {
    geolens::keys::parse_keys(notation).unwrap()
}

fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

#[test]
fn a_large_dataset_is_explored_while_it_loads() {
    if !tmux_available() {
        return;
    }
    let dir = temp::ten_thousand("large");
    let args = format!("--data '{}'", dir.path().display());
    let t = Tmux::start(
        "large",
        100,
        30,
        &args,
        &[("GEOLENS_TEST_LOAD_DELAY_MS", "3000")],
    );
    let loading = |s: &str| status_line(s).contains("10000 analyses listed; reading");
    let screen = t.wait_for(|s| loading(s) && s.contains("Analyses (10000, newest first)"));
    assert!(
        loading(&screen),
        "the outline first, saying it loads:\n{screen}"
    );
    // Keys work while it loads.
    t.send(&keys("j j j"));
    let screen = t.wait_for(|s| status_line(s).ends_with("4/10000"));
    assert!(loading(&screen), "still loading after the keys:\n{screen}");
    assert!(status_line(&screen).ends_with("4/10000"), "{screen}");
    // Then everything is there: the note goes, the other lists fill in, search answers.
    let busy = |s: &str| status_line(s).contains("reading") || status_line(s).contains("indexing");
    let screen = t.wait_for(|s| !busy(s));
    assert!(!busy(&screen), "still loading:\n{screen}");
    assert!(
        status_line(&screen).ends_with("4/10000"),
        "the selection held:\n{screen}"
    );
    // The generator draws on the bundled actors, so their number follows the corpus.
    let sources = geolens::data::Sources::from_dir(dir.path()).unwrap();
    let actors = geolens::data::load(&sources).unwrap().actors.len();
    let title = format!("Actors ({actors}, by name)");
    t.send(&keys("2"));
    let screen = t.wait_for(|s| s.contains(&title));
    assert!(screen.contains(&title), "{screen}");
    t.send(&keys("/ k a z a k h s t a n"));
    let screen = t.wait_for(|s| s.contains("results"));
    assert!(screen.contains("Places (1)"), "search answers:\n{screen}");
    // Esc and q apart: sent together, a loaded machine can deliver them as one Alt-q.
    t.send(&keys("<Esc>"));
    t.wait_for(|s| !s.contains("┌ Search"));
    t.send(&keys("q"));
    assert_eq!(t.exit_status(), 0);
    t.assert_restored();
}

#[test]
fn a_problem_found_after_the_first_frame_is_reported_on_the_restored_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = temp::ten_thousand("large-bad");
    // One unknown theme in the last file: the outline reads it, the full load refuses it.
    let last = dir.path().join("analyses/part-00009.json");
    let text = std::fs::read_to_string(&last).unwrap();
    std::fs::write(
        &last,
        text.replacen("\"themes\": [", "\"themes\": [\"no-such-theme\", ", 1),
    )
    .unwrap();
    let args = format!("--data '{}'", dir.path().display());
    let t = Tmux::start(
        "large-bad",
        100,
        30,
        &args,
        &[("GEOLENS_TEST_LOAD_DELAY_MS", "500")],
    );
    assert_eq!(t.exit_status(), 2);
    let screen = t.capture();
    // The file is named with the directory given, so its line may wrap: read it unwrapped.
    let unwrapped = t.capture_joined();
    assert!(
        unwrapped.contains(&format!(
            "{}/analyses/part-00009.json:",
            dir.path().display()
        )) && unwrapped.contains("themes[0]: unknown theme \"no-such-theme\"")
            && screen.contains("geolens: 1 problem found; nothing was loaded"),
        "{screen}"
    );
    t.assert_restored();
}
