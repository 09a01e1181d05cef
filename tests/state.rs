//! The state files: what they hold, how they read back, and how they fail. Bad files are moved
//! aside and never written over; two instances lose none of each other's changes; a directory
//! that cannot be written leaves geolens working, with one notice.

mod common;
#[path = "common/temp.rs"]
mod temp;

use std::fs;
use std::path::Path;

use geolens::state::bookmarks::{Bookmark, Bookmarks, Edit, ItemRef, Kind};
use geolens::state::file::{self, StateFile, Synced};
use geolens::state::session::Session;
use geolens::state::views::{self, SavedView, SavedViews};
use geolens::state::{Dossier, Notices};
use temp::TempDir;

fn mark(id: &str) -> Bookmark {
    Bookmark {
        kind: Kind::Actor,
        id: id.to_owned(),
        title: format!("Title of {id}"),
        added: "2025-01-02T03:04:05Z".to_owned(),
        note: String::new(),
        noted: None,
    }
}

fn ids(b: &Bookmarks) -> Vec<&str> {
    b.bookmarks.iter().map(|b| b.id.as_str()).collect()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_bookmark_is_saved_as_readable_json_with_a_version() {
    let dir = TempDir::new("state-save");
    let notices = Notices::default();
    let mut d = Dossier::open(Some(dir.path()), &notices);
    d.bookmarks.edit(Edit::Add(mark("kz-gov"))).unwrap();
    d.bookmarks
        .edit(Edit::Note {
            bookmark: mark("kz-gov"),
            note: "Watch the nuclear tender.\nSecond line.".to_owned(),
            at: "2025-01-03T00:00:00Z".to_owned(),
        })
        .unwrap();
    let text = fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    assert_eq!(
        text,
        r#"{
  "version": 1,
  "bookmarks": [
    {
      "kind": "actor",
      "id": "kz-gov",
      "title": "Title of kz-gov",
      "added": "2025-01-02T03:04:05Z",
      "note": "Watch the nuclear tender.\nSecond line.",
      "noted": "2025-01-03T00:00:00Z"
    }
  ]
}
"#
    );
    // A new instance reads back exactly what was saved; nothing was said.
    let again = Dossier::open(Some(dir.path()), &notices);
    assert_eq!(again.bookmarks.get(), d.bookmarks.get());
    assert!(notices.said().is_empty(), "{:?}", notices.said());
    // The lock file stays; no temporary file does.
    assert_eq!(
        names_in(dir.path()),
        ["bookmarks.json", "bookmarks.json.lock"]
    );
}

#[test]
fn a_corrupt_file_is_moved_aside_said_once_and_never_written_over() {
    let dir = TempDir::new("state-corrupt");
    let path = dir.path().join("bookmarks.json");
    let broken = "{\n  \"version\": 1,\n  \"bookmarks\": [ {\"kind\": \"actor\", \n";
    fs::write(&path, broken).unwrap();
    let notices = Notices::default();
    let mut d = Dossier::open(Some(dir.path()), &notices);
    assert!(d.bookmarks.get().is_empty(), "starts with no bookmarks");
    let said = notices.said();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("bookmarks.json could not be read (4:1: EOF while parsing"));
    assert!(said[0].contains("moved aside to"), "{}", said[0]);
    assert!(said[0].ends_with("starting with no bookmarks and notes"));
    let bad: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("bookmarks.json.bad-"))
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join(&bad[0])).unwrap(),
        broken
    );
    // The status line hears it once; a second reader of the same notices hears nothing more.
    assert!(notices.unseen().unwrap().contains("moved aside"));
    assert_eq!(notices.unseen(), None);
    // Saving now writes a new file and leaves the bad one alone.
    d.bookmarks.edit(Edit::Add(mark("kz-gov"))).unwrap();
    assert_eq!(ids(d.bookmarks.get()), ["kz-gov"]);
    assert_eq!(
        fs::read_to_string(dir.path().join(&bad[0])).unwrap(),
        broken
    );
    assert_eq!(notices.said().len(), 1);
}

#[test]
fn a_file_from_a_newer_geolens_is_moved_aside_not_read_as_empty_and_overwritten() {
    let dir = TempDir::new("state-future");
    let path = dir.path().join("views.json");
    let future = r#"{"version": 7, "views": [], "colour": "new"}"#;
    fs::write(&path, future).unwrap();
    let notices = Notices::default();
    let d = Dossier::open(Some(dir.path()), &notices);
    assert!(d.views.get().views.is_empty());
    let said = notices.said();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("written by a newer geolens (format version 7; this one reads up to 1)"),
        "{}",
        said[0]
    );
    assert!(!path.exists());
}

#[test]
fn parse_errors_name_the_line_column_and_field() {
    let text = "{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\"kind\": \"country\", \"id\": \"KZ\"}\n  ]\n}\n";
    let e = file::parse::<Bookmarks>(text).unwrap_err();
    assert!(
        e.starts_with("bookmarks[0].kind: 4:22: unknown variant `country`"),
        "{e}"
    );
    let e = file::parse::<Bookmarks>("{\"bookmarks\": []}").unwrap_err();
    assert_eq!(e, "no \"version\" number: not a geolens state file");
    let e =
        file::parse::<Bookmarks>("{\"version\": 1, \"bookmarks\": [], \"extra\": 1}").unwrap_err();
    assert!(e.contains("unknown field `extra`"), "{e}");
    // Columns count characters, not bytes.
    let e = file::parse::<Bookmarks>("{\"version\": 1, \"bookmarks\": [{\"kind\": \"é\"}]}")
        .unwrap_err();
    // The closing quote after `é` is byte 42 of the line but its 41st character.
    assert!(e.contains("1:41: unknown variant"), "{e}");
}

#[test]
fn two_instances_editing_at_once_lose_nothing() {
    let dir = TempDir::new("state-two");
    let notices = Notices::default();
    let mut a = Dossier::open(Some(dir.path()), &notices);
    let mut b = Dossier::open(Some(dir.path()), &notices);
    a.bookmarks.edit(Edit::Add(mark("one"))).unwrap();
    // b has not seen "one", and its save must not drop it.
    b.bookmarks.edit(Edit::Add(mark("two"))).unwrap();
    assert_eq!(ids(b.bookmarks.get()), ["one", "two"]);
    // a removes "one" while b writes a note on "two": both stand.
    a.bookmarks.edit(Edit::Remove(mark("one").item())).unwrap();
    b.bookmarks
        .edit(Edit::Note {
            bookmark: mark("two"),
            note: "kept".into(),
            at: "2025-02-02T00:00:00Z".into(),
        })
        .unwrap();
    let fresh = Dossier::open(Some(dir.path()), &notices);
    assert_eq!(ids(fresh.bookmarks.get()), ["two"]);
    assert_eq!(fresh.bookmarks.get().bookmarks[0].note, "kept");
    // A note on an item another instance unbookmarked brings the bookmark back with its note.
    a.bookmarks.edit(Edit::Remove(mark("two").item())).unwrap();
    b.bookmarks
        .edit(Edit::Note {
            bookmark: mark("two"),
            note: "still kept".into(),
            at: "2025-02-03T00:00:00Z".into(),
        })
        .unwrap();
    a.bookmarks.reload();
    assert_eq!(a.bookmarks.get().bookmarks[0].note, "still kept");
}

#[test]
fn saved_views_replace_by_name_whatever_the_case() {
    let dir = TempDir::new("state-views");
    let mut d = Dossier::open(Some(dir.path()), &Notices::default());
    let view = |name: &str, sort: &str| SavedView {
        name: name.into(),
        list: Kind::Implication,
        sort: sort.into(),
        filters: [("channel".to_owned(), vec!["energy".to_owned()])].into(),
        saved: "2025-01-01T00:00:00Z".into(),
    };
    d.views
        .edit(views::Edit::Save(view("energy-eu", "date")))
        .unwrap();
    d.views
        .edit(views::Edit::Save(view("other", "name")))
        .unwrap();
    d.views
        .edit(views::Edit::Save(view("Energy-EU", "links")))
        .unwrap();
    let again = Dossier::open(Some(dir.path()), &Notices::default());
    let names: Vec<&str> = again
        .views
        .get()
        .views
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["Energy-EU", "other"]);
    assert_eq!(again.views.get().get("energy-eu").unwrap().sort, "links");
    assert_eq!(views::check_name("  "), Some("a view needs a name"));
    assert!(views::check_name("a\u{1b}b").is_some());
    assert_eq!(views::check_name("energy-eu"), None);
}

/// A path under which nothing can be created, even by root: a regular file where the state
/// directory's parent should be.
fn unwritable(dir: &TempDir) -> std::path::PathBuf {
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "").unwrap();
    blocker.join("geolens")
}

#[test]
fn an_unwritable_state_directory_is_said_once_and_changes_last_in_memory() {
    let dir = TempDir::new("state-ro");
    let state = unwritable(&dir);
    let notices = Notices::default();
    let mut d = Dossier::open(Some(&state), &notices);
    let first = d.bookmarks.edit(Edit::Add(mark("a")));
    assert!(first.is_err());
    assert!(d.bookmarks.edit(Edit::Add(mark("b"))).is_err());
    d.views
        .edit(views::Edit::Save(SavedView {
            name: "v".into(),
            list: Kind::Actor,
            sort: "name".into(),
            filters: Default::default(),
            saved: String::new(),
        }))
        .unwrap_err();
    assert_eq!(ids(d.bookmarks.get()), ["a", "b"]);
    assert_eq!(d.bookmarks.unsaved(), 2);
    let said = notices.said();
    assert_eq!(said.len(), 1, "{said:?}");
    // Said at start, before anything was bookmarked, and not again at each failed save.
    assert!(
        said[0].starts_with("cannot save bookmarks, notes, views or the session: "),
        "{}",
        said[0]
    );
    assert!(said[0].ends_with("changes last until geolens quits"));
}

#[test]
fn changes_that_could_not_be_saved_are_saved_with_the_next() {
    let dir = TempDir::new("state-retry");
    let blocker = dir.path().join("state");
    fs::write(&blocker, "").unwrap();
    let notices = Notices::default();
    let mut d = Dossier::open(Some(&blocker), &notices);
    assert!(d.bookmarks.edit(Edit::Add(mark("a"))).is_err());
    // The directory becomes writable (a disk remounted, space freed).
    fs::remove_file(&blocker).unwrap();
    d.bookmarks.edit(Edit::Add(mark("b"))).unwrap();
    assert_eq!(d.bookmarks.unsaved(), 0);
    let again = Dossier::open(Some(&blocker), &notices);
    assert_eq!(ids(again.bookmarks.get()), ["a", "b"]);
}

#[test]
fn no_state_directory_at_all_is_said_once() {
    let notices = Notices::default();
    let mut d = Dossier::open(None, &notices);
    d.bookmarks.edit(Edit::Add(mark("a"))).unwrap();
    assert_eq!(ids(d.bookmarks.get()), ["a"]);
    let said = notices.said();
    assert_eq!(said.len(), 1);
    assert!(said[0].contains("no state directory"), "{}", said[0]);
}

#[test]
fn a_bad_file_in_a_read_only_place_is_never_written_over() {
    // /proc cannot be written even by root: the lock cannot be taken, the file not moved aside.
    let proc_file = Path::new("/proc/self");
    if !proc_file.exists() {
        eprintln!("no /proc here: skipped");
        return;
    }
    let mut s: Synced<SavedViews> =
        Synced::open(Some(Path::new("/proc/self")), &Notices::default());
    assert!(s.get().views.is_empty());
    assert!(s.edit(views::Edit::Delete("x".into())).is_err());
}

#[test]
fn temporary_files_a_killed_writer_left_are_cleared_on_the_next_save() {
    let dir = TempDir::new("state-debris");
    fs::write(dir.path().join("bookmarks.json.tmp-99999-3"), "half a fi").unwrap();
    fs::write(dir.path().join("other.tmp-1-1"), "not ours").unwrap();
    let mut d = Dossier::open(Some(dir.path()), &Notices::default());
    d.bookmarks.edit(Edit::Add(mark("a"))).unwrap();
    assert_eq!(
        names_in(dir.path()),
        ["bookmarks.json", "bookmarks.json.lock", "other.tmp-1-1"]
    );
}

#[test]
fn a_bookmark_the_dataset_lacks_resolves_to_nothing_and_stays() {
    let data = common::bundled();
    let kz = ItemRef {
        kind: Kind::Actor,
        id: "kz-gov".into(),
    };
    let gone = ItemRef {
        kind: Kind::Analysis,
        id: "no-such-analysis".into(),
    };
    let target = kz.resolve(&data).unwrap();
    assert_eq!(ItemRef::of(&data, target), kz);
    assert_eq!(gone.resolve(&data), None);
    // The kind matters: a place id is not an actor.
    let wrong_kind = ItemRef {
        kind: Kind::Actor,
        id: "KZ".into(),
    };
    assert_eq!(wrong_kind.resolve(&data), None);
}

#[test]
fn the_session_is_replaced_whole_and_reads_back() {
    let dir = TempDir::new("state-session");
    let mut d = Dossier::open(Some(dir.path()), &Notices::default());
    assert!(d.session.get().is_empty());
    let mut s = Session {
        saved: "2025-01-01T00:00:00Z".into(),
        list: Kind::Place,
        ..Session::default()
    };
    s.filters.insert("year".into(), vec!["2024".into()]);
    d.session.edit(s.clone()).unwrap();
    let again = Dossier::open(Some(dir.path()), &Notices::default());
    assert_eq!(again.session.get(), &s);
    assert_eq!(file::to_text(&s), file::to_text(again.session.get()));
    assert_eq!(Session::NAME, "session.json");
}
