//! Durability drills for the state files, run by the tests as a hidden `geolens state-drill`
//! subcommand so that they exercise the real binary, in processes the tests can kill or race:
//!
//! - `saves`: one save after another, each adding a bookmark, so the number of bookmarks in the
//!   file says which save it holds; a test kills the process with SIGKILL at random moments.
//! - `toggles`: bookmarks toggled one at a time, as a user pressing `b`; a test runs two at once.
//!
//! Each completed save is reported on stdout as it returns, so a test knows the last save the
//! file must hold at least.

use std::io::Write;
use std::path::Path;

use crate::state::Notices;
use crate::state::bookmarks::{Bookmark, Bookmarks, Edit, ItemRef, Kind};
use crate::state::file::Synced;

/// Runs the drill called `name` on the state files under `dir`, reporting on stdout.
pub fn run(
    dir: Option<&Path>,
    name: &str,
    to: usize,
    pad: usize,
    prefix: &str,
    count: usize,
) -> Result<(), String> {
    let dir = dir.ok_or("no state directory")?;
    let out = &mut std::io::stdout();
    match name {
        "saves" => saves(dir, to, pad, out),
        "toggles" => toggles(dir, prefix, count, out),
        other => Err(format!("unknown drill {other:?}")),
    }
}

/// The bookmark of the `n`-th save or toggle under `prefix`.
pub fn drill_mark(prefix: &str, n: usize, note: String) -> Bookmark {
    Bookmark {
        kind: Kind::Analysis,
        id: format!("{prefix}-{n}"),
        title: format!("Drill item {n}"),
        added: "2025-01-01T00:00:00Z".to_owned(),
        note,
        noted: None,
    }
}

/// Saves until the file holds `to` bookmarks, one more each save, starting from what it holds.
/// The first bookmark carries a note of `pad` bytes, so every save writes at least that much.
pub fn saves(dir: &Path, to: usize, pad: usize, out: &mut dyn Write) -> Result<(), String> {
    let notices = Notices::default();
    let mut file: Synced<Bookmarks> = Synced::open(Some(dir), &notices);
    if let Some(said) = notices.said().first() {
        return Err(said.clone());
    }
    for n in file.get().len()..to {
        let note = if n == 0 {
            "x".repeat(pad)
        } else {
            String::new()
        };
        file.edit(Edit::Add(drill_mark("save", n, note)))?;
        writeln!(out, "saved {}", n + 1).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Toggles `count` times among ids `<prefix>-0` .. `<prefix>-<count*3/4>`: the first quarter of
/// them twice (so off again), the rest once. Reports each toggle with the time it was saved.
pub fn toggles(dir: &Path, prefix: &str, count: usize, out: &mut dyn Write) -> Result<(), String> {
    let notices = Notices::default();
    let mut file: Synced<Bookmarks> = Synced::open(Some(dir), &notices);
    let distinct = (count * 3 / 4).max(1);
    for i in 0..count {
        let n = i % distinct;
        let item = ItemRef {
            kind: Kind::Analysis,
            id: format!("{prefix}-{n}"),
        };
        let edit = if file.get().contains(&item) {
            Edit::Remove(item)
        } else {
            Edit::Add(drill_mark(prefix, n, format!("note {n} of {prefix}")))
        };
        file.edit(edit)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        writeln!(out, "toggled {i} {nanos}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
