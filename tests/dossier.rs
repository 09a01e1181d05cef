//! The dossier in the explorer, driven by keys on the headless explorer: bookmarks and their
//! marks, the Bookmarks list (pinned), the note box (pinned), saved views, the session, copy,
//! pager, editor and export requests, and an unwritable state directory.

mod common;
#[path = "common/temp.rs"]
mod temp;

use geolens::app::dossier::{Request, Shelf};
use geolens::data::{Dataset, Target};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::state::bookmarks::{Bookmark, Edit, Kind};
use geolens::state::views::SavedView;
use geolens::state::{Dossier, Notices};
use temp::TempDir;

/// 2025-02-01T08:53:20Z, so dates on screen do not follow the clock.
fn fixed() -> i64 {
    1_738_400_000
}

fn explorer(data: &Dataset, w: u16, h: u16) -> Headless<'_> {
    let mut h = Headless::new(data, w, h);
    h.app.shelf.dossier.clock = fixed;
    h
}

fn press<'a, 'b>(h: &'b mut Headless<'a>, keys: &str) -> &'b mut Headless<'a> {
    h.press(&parse_keys(keys).unwrap())
}

/// Text typed into a box, in key notation.
fn typed(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => "<Space>".to_owned(),
            '<' => "<lt>".to_owned(),
            c => c.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn ids(h: &Headless) -> Vec<String> {
    h.app
        .shelf
        .dossier
        .bookmarks
        .get()
        .bookmarks
        .iter()
        .map(|b| format!("{}:{}", b.kind.word(), b.id))
        .collect()
}

fn message(h: &Headless) -> String {
    h.app.message.clone().unwrap_or_default()
}

fn missing_mark() -> Bookmark {
    Bookmark {
        kind: Kind::Analysis,
        id: "dropped-2019".into(),
        title: "An analysis this dataset dropped".into(),
        added: "2025-01-15T10:00:00Z".into(),
        note: "Kept for the record.".into(),
        noted: Some("2025-01-16T10:00:00Z".into()),
    }
}

#[test]
fn the_bookmarks_list_at_80x24() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 80, 24);
    h.app
        .shelf
        .dossier
        .bookmarks
        .edit(Edit::Add(missing_mark()))
        .unwrap();
    press(&mut h, "b 2 j j j b a");
    press(&mut h, &typed("Who leads the pitch?"));
    press(&mut h, &format!("<Enter> {} <Esc> B j j", typed("Ask.")));
    insta::assert_snapshot!("bookmarks_list_80x24", h.text());
    assert_eq!(
        ids(&h),
        [
            "analysis:dropped-2019",
            "analysis:kz-uk-2024",
            "actor:kz-gov"
        ]
    );
}

#[test]
fn the_note_box_at_80x24() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 80, 24);
    press(&mut h, "l a");
    press(&mut h, &typed("Ask the embassy about the tender."));
    press(&mut h, &format!("<Enter> <Enter> {}", typed("Then write.")));
    insta::assert_snapshot!("note_box_80x24", h.text());
    press(&mut h, "<Esc>");
    let b = &h.app.shelf.dossier.bookmarks.get().bookmarks[0];
    assert_eq!(b.note, "Ask the embassy about the tender.\n\nThen write.");
    assert_eq!(b.noted.as_deref(), Some("2025-02-01T08:53:20Z"));
    assert_eq!(
        message(&h),
        "saved the note on Kazakhstan courts British business"
    );
}

#[test]
fn b_marks_the_item_in_its_list_and_b_again_takes_it_back_note_and_all() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 100, 30);
    press(&mut h, "b");
    assert_eq!(message(&h), "bookmarked Kazakhstan courts British business");
    assert!(h.text().lines().nth(3).unwrap().starts_with("│★2024-04"));
    press(&mut h, &format!("a {} <Esc> b", typed("Note")));
    assert!(ids(&h).is_empty());
    assert!(message(&h).contains("and its note"), "{}", message(&h));
    assert!(h.text().lines().nth(3).unwrap().starts_with("│ 2024-04"));
    press(&mut h, "b");
    assert_eq!(
        h.app.shelf.dossier.bookmarks.get().bookmarks[0].note,
        "Note"
    );
    // In the detail pane, b bookmarks the page shown.
    press(&mut h, "2 l b");
    let actor = h.app.detail.target.unwrap();
    assert!(matches!(actor, Target::Actor(_)));
    assert!(h.app.shelf.is_marked(actor));
}

#[test]
fn the_bookmarks_list_opens_items_removes_them_and_keeps_the_missing() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 200, 40);
    h.app
        .shelf
        .dossier
        .bookmarks
        .edit(Edit::Add(missing_mark()))
        .unwrap();
    press(&mut h, "3 b B");
    let text = h.text();
    assert!(text.contains("6 Bookmarks"));
    assert!(text.contains("Bookmarks (2, newest first)"));
    let row = text.lines().find(|l| l.contains("An analysis")).unwrap();
    assert!(
        row.contains(" · analysis · missing from this dataset"),
        "{row}"
    );
    // The newest, a theme, is selected and shown.
    assert!(matches!(h.app.detail.target, Some(Target::Theme(_))));
    press(&mut h, "j <Enter>");
    assert!(message(&h).contains("is missing from this dataset; the bookmark is kept"));
    assert!(
        h.text().contains("Kept for the record."),
        "its note shows under the list"
    );
    // b in the list removes the selected bookmark, even one the dataset lacks.
    press(&mut h, "b");
    assert_eq!(ids(&h).len(), 1);
    press(&mut h, "k <Enter>");
    assert_eq!(h.app.focus, geolens::app::Focus::Detail);
    // In a page digits are a count; back in the list, 1 shows the Analyses.
    press(&mut h, "h 1");
    assert!(!h.app.shelf.shown, "another list puts the bookmarks away");
}

#[test]
fn a_note_on_an_item_not_bookmarked_bookmarks_it_and_an_empty_one_does_nothing() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 80, 24);
    press(&mut h, "a <Esc>");
    assert!(ids(&h).is_empty());
    assert_eq!(message(&h), "no note written");
    press(&mut h, "j a x <Esc>");
    assert_eq!(ids(&h), ["analysis:kz-eu-minerals-2022"]);
    // Emptied, the note goes and the bookmark stays.
    press(&mut h, "a <C-u> <Esc>");
    assert_eq!(ids(&h).len(), 1);
    // Long titles are cut on the status line.
    assert_eq!(
        message(&h),
        "removed the note on The EU and Kazakhstan partner on raw ma…"
    );
}

#[test]
fn a_saved_view_brings_back_the_list_its_order_and_filters() {
    let data = common::bundled();
    let mut h = explorer(&data, 100, 30);
    let view = |name: &str, filters: &[(&str, &str)]| SavedView {
        name: name.into(),
        list: Kind::Implication,
        sort: "likelihood".into(),
        filters: filters
            .iter()
            .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
            .collect(),
        saved: String::new(),
    };
    h.app.apply_view(
        &data,
        &view("start", &[("channel", "energy"), ("place", "europe")]),
    );
    let filter = h.app.filter.clone();
    assert!(!filter.is_empty());
    press(&mut h, &format!("w {} <Enter>", typed("energy-eu")));
    let said = message(&h);
    assert!(
        said.starts_with("saved the view \"energy-eu\": Implications most likely first, 2 filters"),
        "{said}"
    );
    press(&mut h, "x 1 s");
    assert!(h.app.filter.is_empty());
    press(&mut h, "' <Enter>");
    assert_eq!(h.app.filter, filter);
    assert_eq!(h.app.list, geolens::data::ListKind::Implications);
    assert_eq!(h.app.list_pane().sort, geolens::find::Sort::Likelihood);
    // A name is needed; the box stays open until there is one, and Esc leaves it unsaved.
    press(&mut h, "w <Enter>");
    assert_eq!(message(&h), "a view needs a name");
    press(&mut h, "<Esc>");
    assert_eq!(h.app.shelf.dossier.views.get().views.len(), 1);
    // A filter value the dataset no longer knows is left out, and said.
    h.app
        .apply_view(&data, &view("old", &[("theme", "gone-theme")]));
    assert!(message(&h).contains("left out, unknown to this dataset: theme \"gone-theme\""));
    // Saved views list: d deletes.
    press(&mut h, "' d");
    assert!(h.app.shelf.dossier.views.get().views.is_empty());
}

#[test]
fn the_session_puts_back_the_list_item_filters_and_place_in_the_page() {
    let data = common::bundled();
    let mut h = explorer(&data, 100, 30);
    h.app.apply_view(
        &data,
        &view_of("x", Kind::Actor, "links", ("actor-kind", "person")),
    );
    press(&mut h, "j j j l j j j j j");
    let session = h.app.session(&data);
    let mut again = explorer(&data, 100, 30);
    again.app.restore(&data, &session);
    assert_eq!(again.app.filter, h.app.filter);
    assert_eq!(again.app.list, h.app.list);
    assert_eq!(again.app.list_pane().selected, h.app.list_pane().selected);
    assert_eq!(again.app.list_pane().sort, h.app.list_pane().sort);
    assert_eq!(again.app.detail.target, h.app.detail.target);
    assert_eq!(again.app.detail.cursor, h.app.detail.cursor);
    assert_eq!(again.app.focus, h.app.focus);
    assert_eq!(
        again.text(),
        h.text().replace(&message_line(&h), &message_line(&again))
    );
}

fn view_of(name: &str, list: Kind, sort: &str, filter: (&str, &str)) -> SavedView {
    SavedView {
        name: name.into(),
        list,
        sort: sort.into(),
        filters: [(filter.0.to_owned(), vec![filter.1.to_owned()])].into(),
        saved: String::new(),
    }
}

/// The status line, which says different things after different keys.
fn message_line(h: &Headless) -> String {
    h.text().lines().last().unwrap().to_owned()
}

#[test]
fn copy_is_off_until_turned_on_and_sends_the_id_or_the_page() {
    let data = common::bundled();
    let mut h = explorer(&data, 100, 30);
    press(&mut h, "2 y");
    assert!(message(&h).starts_with("copying is off"));
    assert_eq!(h.app.shelf.request, None);
    h.app.shelf.copy = true;
    press(&mut h, "y");
    let first = h.app.list_pane().selected.unwrap();
    let id = geolens::cli::id_of(&data, first);
    assert_eq!(
        h.app.shelf.request.take(),
        Some(Request::Clipboard {
            what: format!("the id {id}"),
            text: id
        })
    );
    press(&mut h, "l y");
    match h.app.shelf.request.take() {
        Some(Request::Clipboard { what, text }) => {
            assert!(what.starts_with("the page of "));
            assert!(
                text.starts_with(
                    &data
                        .actor(match first {
                            Target::Actor(a) => a,
                            _ => unreachable!(),
                        })
                        .name
                )
            );
            assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn pager_and_editor_are_asked_of_the_runner() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 80, 24);
    press(&mut h, "|");
    match h.app.shelf.request.take() {
        Some(Request::Pager { text }) => {
            assert!(text.starts_with("Kazakhstan courts British business\n"))
        }
        other => panic!("{other:?}"),
    }
    press(&mut h, "e");
    let Some(Request::Editor { bookmark, text }) = h.app.shelf.request.take() else {
        panic!("no editor request");
    };
    assert_eq!((bookmark.id.as_str(), text.as_str()), ("kz-uk-2024", ""));
    // What the editor leaves is saved as the runner hands it back.
    // An editor can leave anything in the file: escape sequences and controls are dropped, as
    // the note box drops them, and the lines stay.
    h.app.save_note(
        &data,
        bookmark,
        "From the \x1b]0;PWNED\x07editor,\u{9b}2J\tthen\r\nmore.\n\n",
    );
    assert_eq!(
        h.app.shelf.dossier.bookmarks.get().bookmarks[0].note,
        "From the ]0;PWNEDeditor,2J then\nmore."
    );
}

#[test]
fn export_writes_a_new_file_each_time_and_says_where() {
    let data = common::fixture("mini");
    let dir = TempDir::new("dossier-export");
    let mut h = explorer(&data, 200, 30);
    press(&mut h, "E");
    assert!(message(&h).starts_with("export is off here"));
    h.app.shelf.export_dir = Some(dir.path().to_owned());
    press(&mut h, "E");
    assert_eq!(message(&h), "nothing to export: b bookmarks an item");
    press(&mut h, "b E");
    let first = dir.path().join("geolens-dossier-2025-02-01.md");
    let text = std::fs::read_to_string(&first).unwrap();
    assert_eq!(
        message(&h),
        format!(
            "exported 1 bookmarks to {} ({} bytes)",
            first.display(),
            text.len()
        )
    );
    press(&mut h, "E");
    assert!(dir.path().join("geolens-dossier-2025-02-01-2.md").exists());
}

#[test]
fn an_unwritable_state_directory_is_said_at_start_and_bookmarks_still_work() {
    let data = common::fixture("mini");
    let dir = TempDir::new("dossier-ro");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let notices = Notices::default();
    let mut h = explorer(&data, 100, 30);
    let shelf = Shelf::new(Dossier::open(Some(&blocker.join("geolens")), &notices));
    h.app.attach(&data, shelf);
    assert!(
        message(&h).starts_with("cannot save bookmarks, notes, views or the session:"),
        "{}",
        message(&h)
    );
    assert!(h.text().contains("cannot save bookmarks"));
    press(&mut h, "b");
    assert_eq!(ids(&h), ["analysis:kz-uk-2024"]);
    assert!(message(&h).ends_with("(not saved: changes last until you quit)"));
    assert_eq!(notices.said().len(), 1, "said once");
}

#[test]
fn a_large_dataset_gets_its_session_back_once_it_has_loaded_unless_the_reader_moved() {
    let full = common::bundled();
    let sources = geolens::data::Sources::bundled();
    let outline = geolens::data::outline(&sources).expect("an outline of the bundled data");
    let mut before = explorer(&full, 100, 30);
    press(&mut before, "2 j j j l j j");
    let session = before.app.session(&full);

    let mut h = explorer(&outline, 100, 30);
    h.app.shelf.pending_session = Some(session.clone());
    h.app.loaded(&full);
    assert_eq!(h.app.detail.target, before.app.detail.target);
    assert_eq!(h.app.detail.cursor, before.app.detail.cursor);

    let mut moved = explorer(&outline, 100, 30);
    moved.app.shelf.pending_session = Some(session);
    press(&mut moved, "j");
    moved.app.loaded(&full);
    assert!(matches!(moved.app.detail.target, Some(Target::Analysis(_))));
}

#[test]
fn in_a_comparison_the_dossier_keys_act_on_the_side_with_the_keys() {
    let data = common::fixture("mini");
    let mut h = explorer(&data, 100, 30);
    press(&mut h, "m j m c");
    let sides = |h: &Headless| {
        let view = h.app.comparing().expect("comparing");
        (
            view.sides[view.focus].target,
            view.sides[1 - view.focus].target,
        )
    };
    let (here, there) = sides(&h);
    assert_ne!(here, there);
    press(&mut h, "b");
    let label = |t| geolens::cli::id_of(&data, t);
    assert_eq!(ids(&h), [format!("analysis:{}", label(here))]);
    press(&mut h, "<Tab> b");
    assert_eq!(sides(&h).0, there);
    assert_eq!(
        ids(&h),
        [
            format!("analysis:{}", label(here)),
            format!("analysis:{}", label(there))
        ]
    );
    assert!(h.app.comparing().is_some(), "still comparing");
    press(&mut h, "|");
    let Some(Request::Pager { text }) = h.app.shelf.request.take() else {
        panic!("no pager request");
    };
    let Target::Analysis(a) = there else {
        panic!("{there:?}")
    };
    assert!(text.starts_with(&data.analysis(a).title), "{text}");
    // The Bookmarks list fills the list pane: the comparison gives way to the explorer.
    press(&mut h, "B");
    assert!(h.app.comparing().is_none());
    assert!(h.app.shelf.shown);
}

#[test]
fn in_the_forecasts_view_a_row_is_not_bookmarked_and_b_shows_the_bookmarks_a_step_away() {
    use geolens::app::screen::Screen;
    let data = common::bundled();
    let mut h = explorer(&data, 100, 30);
    press(&mut h, "F b");
    assert!(ids(&h).is_empty(), "a row of tallies is not an item");
    assert!(
        message(&h).starts_with("not in this view"),
        "{}",
        message(&h)
    );
    press(&mut h, "B");
    assert_eq!(h.app.screen, Screen::Explorer);
    assert!(h.app.shelf.shown);
    press(&mut h, "<BS>");
    assert_eq!(h.app.screen, Screen::Forecasts, "Back returns to the view");
}
