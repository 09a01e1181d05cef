//! End to end, in tmux: the dossier survives a restart (three bookmarks, and the session back on
//! the last item), a note written in `$EDITOR` gets every key typed there, `y` reaches tmux's
//! clipboard through OSC 52, and a state directory that cannot be written is said once and
//! leaves the exit status 0.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use tmux::{TempDir, Tmux, tmux_available};

fn keys(t: &Tmux, notation: &str) {
    t.send(&parse_keys(notation).unwrap());
}

/// The status line of a screen.
fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

#[test]
fn three_bookmarks_and_the_last_item_come_back_after_a_restart() {
    if !tmux_available() {
        return;
    }
    let state = TempDir::new("e2e-dossier-state");
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let t = Tmux::start("dossier-first", 100, 30, "", &env);
    t.wait_for(|s| s.contains("Analyses ("));
    // Two analyses and an actor, then into the actor's page, a few rows down: the screen must
    // be the one the headless explorer shows for the same keys, so every key has landed.
    let script = "b j b 2 j j b l j j j";
    let data = common::bundled();
    let mut model = Headless::new(&data, 100, 30);
    model.press(&parse_keys(script).unwrap());
    keys(&t, script);
    let before = model.text();
    t.expect_screen(&before, "three bookmarks, then into a page");
    let actor = before
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("geolens ")
        .to_owned();
    keys(&t, "q");
    assert_eq!(t.exit_status(), 0);
    drop(t);

    let t = Tmux::start("dossier-second", 100, 30, "", &env);
    // The session: the same screen, down to the cursor in the actor's page.
    t.expect_screen(&before, "the session put back");
    keys(&t, "B");
    let list = t.wait_for(|s| s.contains("Bookmarks (3, newest first)"));
    assert!(list.contains("Bookmarks (3, newest first)"), "{list}");
    assert!(list.contains(&format!("{actor} · actor")), "{list}");
    // The two newest analyses, their titles cut to the pane.
    for b in model
        .app
        .shelf
        .rows()
        .filter(|b| b.kind.word() == "analysis")
    {
        let head: String = b.title.chars().take(20).collect();
        assert!(list.contains(&head), "{head} not listed:\n{list}");
    }
    keys(&t, "q");
    assert_eq!(t.exit_status(), 0);
}

#[test]
fn a_note_written_in_the_editor_gets_every_key_typed_there() {
    if !tmux_available() {
        return;
    }
    let state = TempDir::new("e2e-dossier-editor");
    // An "editor" that reads one line from the terminal, as a real one reads keys: if geolens
    // kept reading too, some of the keys would go to it instead.
    let editor = state.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'EDITOR READY\\n'\nIFS= read -r line < /dev/tty\nprintf '%s\\n' \"$line\" > \"$1\"\n",
    )
    .unwrap();
    let env = [
        ("XDG_STATE_HOME", state.path().to_str().unwrap()),
        ("EDITOR", &format!("sh '{}'", editor.display())),
        ("VISUAL", ""),
    ];
    let t = Tmux::start("dossier-editor", 100, 30, "", &env);
    t.wait_for(|s| s.contains("Analyses ("));
    keys(&t, "e");
    let screen = t.wait_for(|s| s.contains("EDITOR READY"));
    assert!(screen.contains("EDITOR READY"), "{screen}");
    let line = "every key typed here reaches the editor, none goes to geolens";
    t.type_line(line);
    let back = t.wait_for(|s| status(s).contains("saved the note on"));
    assert!(status(&back).contains("saved the note on "), "{back}");
    keys(&t, "B");
    let list = t.wait_for(|s| s.contains("Bookmarks (1"));
    assert!(list.contains("every key typed here"), "{list}");
    keys(&t, "q");
    assert_eq!(t.exit_status(), 0);
    let saved = std::fs::read_to_string(state.path().join("geolens/bookmarks.json")).unwrap();
    assert!(saved.contains(&format!("\"note\": \"{line}\"")), "{saved}");
}

#[test]
fn y_puts_the_id_on_tmux_s_clipboard_through_osc_52() {
    if !tmux_available() {
        return;
    }
    let state = TempDir::new("e2e-dossier-copy");
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let t = Tmux::start("dossier-copy", 100, 30, "--copy", &env);
    t.run(&["set-option", "-s", "set-clipboard", "on"]);
    t.wait_for(|s| s.contains("Analyses ("));
    keys(&t, "y");
    let data = common::bundled();
    let model = Headless::new(&data, 100, 30);
    let id = &geolens::cli::id_of(&data, model.app.list_pane().selected.unwrap());
    let screen = t.wait_for(|s| status(s).contains("copied"));
    assert!(
        status(&screen).contains(&format!(
            "copied the id {id} ({} bytes) to the clipboard with OSC 52",
            id.len()
        )),
        "{screen}"
    );
    let buffer = t.run(&["show-buffer"]);
    assert_eq!(String::from_utf8_lossy(&buffer.stdout), id.as_str());
    keys(&t, "q");
    assert_eq!(t.exit_status(), 0);
}

#[test]
fn a_state_directory_that_cannot_be_written_is_said_once_and_geolens_exits_0() {
    if !tmux_available() {
        return;
    }
    let scratch = TempDir::new("e2e-dossier-ro");
    // A file where the state directory's parent should be: nothing can be made under it.
    let blocker = scratch.path().join("state");
    std::fs::write(&blocker, "").unwrap();
    let env = [("XDG_STATE_HOME", blocker.to_str().unwrap())];
    let t = Tmux::start("dossier-ro", 100, 30, "", &env);
    let screen = t.wait_for(|s| status(s).contains("cannot save"));
    assert!(
        status(&screen).contains("cannot save bookmarks, notes, views or the session"),
        "{screen}"
    );
    keys(&t, "b");
    let screen = t.wait_for(|s| status(s).contains("bookmarked"));
    assert!(status(&screen).contains("(not saved: changes last until you quit)"));
    keys(&t, "q");
    assert_eq!(t.exit_status(), 0);
    let after = t.capture();
    let said: Vec<&str> = after
        .lines()
        .filter(|l| l.starts_with("geolens: cannot save"))
        .collect();
    assert_eq!(said.len(), 1, "said once on stderr after exit:\n{after}");
}
