//! A large dataset opens on its outline (`data::outline`: each analysis's id, title, dates and
//! perspective) while the rest loads; then `App::loaded` swaps in the whole. The outline must list
//! the same analyses in the same order as the full load, or selections and history would point at
//! other analyses after the swap; and the explorer after the swap must be the explorer the reader
//! would have had on the whole dataset from the start, where the reader left it.

mod common;
#[path = "common/temp.rs"]
mod temp;

use geolens::app::App;
use geolens::app::keymap::Keymap;
use geolens::data::ListKind;
use geolens::data::{self, Dataset, Sources};
use geolens::keys::parse_keys;
use geolens::pages;
use geolens::tools::synth::{self, Profile, Spec};
use geolens::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use temp::TempDir;

fn generated(analyses: usize) -> (TempDir, Sources) {
    let dir = TempDir::new("outline");
    let spec = Spec {
        analyses,
        seed: 11,
        profile: Profile::Brief,
    };
    synth::write(dir.path(), &spec).expect("generated");
    let sources = Sources::from_dir(dir.path()).expect("readable");
    (dir, sources)
}

fn assert_same_analyses(outline: &Dataset, full: &Dataset) {
    assert_eq!(outline.analyses.len(), full.analyses.len());
    for (o, f) in outline.analyses.iter().zip(&full.analyses) {
        assert_eq!(
            (&o.id, &o.title, o.event_date, o.as_of, &o.perspective),
            (&f.id, &f.title, f.event_date, f.as_of, &f.perspective)
        );
    }
    assert!(outline.actors.is_empty() && outline.themes.is_empty());
}

#[test]
fn the_outline_lists_what_the_full_load_lists_in_its_order() {
    let bundled = Sources::bundled();
    let outline = data::outline(&bundled).expect("the bundled data has an outline");
    assert_same_analyses(&outline, &data::load(&bundled).unwrap());
    // Generated data keeps 1,000 analyses to a file, as arrays.
    let (_dir, sources) = generated(2_500);
    let outline = data::outline(&sources).expect("an outline");
    assert_eq!(outline.analyses.len(), 2_500);
    assert_same_analyses(&outline, &data::load(&sources).unwrap());
}

#[test]
fn a_file_the_outline_cannot_read_leaves_it_to_the_full_load() {
    let sources = Sources::from_memory([
        ("analyses/a.json", r#"{"id": "a", "title": "A"}"#),
        ("places.json", "[]"),
    ]);
    assert!(data::outline(&sources).is_none());
    // Nor does the outline check what only the full load checks: that is left to it.
    let sources = Sources::from_memory([(
        "analyses/a.json",
        r#"{"id": "a", "title": "A", "event_date": "2024-01-02", "as_of": "2024-01-03",
            "perspective": "P", "themes": ["no-such-theme"]}"#,
    )]);
    assert_eq!(data::outline(&sources).unwrap().analyses.len(), 1);
    assert!(data::load(&sources).is_err());
}

fn screen(app: &App, data: &Dataset) -> String {
    let mut buf = Buffer::empty(app.size);
    ui::render(&mut buf, app.size, app, data, &Theme::mono());
    geolens::snapshot::to_text(&buf)
}

#[test]
fn after_the_swap_the_explorer_is_the_one_the_whole_dataset_gives() {
    let (_dir, sources) = generated(1_200);
    let outline = data::outline(&sources).unwrap();
    let full = data::load(&sources).unwrap();
    let area = Rect::new(0, 0, 120, 40);
    let new = |d: &Dataset| App::new(d, Keymap::default(), pages::UNICODE, area);
    let press = |app: &mut App, d: &Dataset, keys: &str| {
        for key in parse_keys(keys).unwrap() {
            app.handle_key(d, key);
        }
    };
    // The reader moves in the list and into the page while the rest loads...
    let keys = "j j j <PgDn> j l j j";
    let mut early = new(&outline);
    press(&mut early, &outline, keys);
    assert!(early.lists[ListKind::Actors.index()].rows.is_empty());
    early.loaded(&full);
    // ... and finds the list and the selection as the same keys give on the whole dataset, now
    // with the whole page and every list filled in.
    let mut late = new(&full);
    press(&mut late, &full, "j j j <PgDn> j");
    assert_eq!(
        early.list_pane().selected,
        late.list_pane().selected,
        "the same analysis stays selected"
    );
    assert!(!early.lists[ListKind::Actors.index()].rows.is_empty());
    assert_eq!(
        early.lists[ListKind::Actors.index()].rows.len(),
        full.actors.len()
    );
    // The page is rebuilt in full: the same as opening it on the whole dataset, cursor and all
    // (the outline's page had fewer lines, so the cursor is where it was, within the new page).
    assert_eq!(early.detail.target, late.detail.target);
    assert!(
        early.detail.rows.len() > 10,
        "the whole page, not the outline's"
    );
    press(&mut late, &full, "l j j");
    assert_eq!(screen(&early, &full), screen(&late, &full));
    // And it goes on as any explorer does.
    press(&mut early, &full, "2 j <Enter>");
    press(&mut late, &full, "2 j <Enter>");
    assert_eq!(screen(&early, &full), screen(&late, &full));
}

/// An actor named in hundreds of analyses gets a page that lists the first `MAX_LINKS` of them
/// and says how many more there are: a page of every one would take a key a tenth of a second to
/// build on a large archive, and nobody reads it.
#[test]
fn a_page_lists_at_most_max_links_a_section_and_says_how_many_more() {
    use geolens::data::Target;
    use geolens::pages::MAX_LINKS;
    let (_dir, sources) = generated(2_000);
    let full = data::load(&sources).unwrap();
    let (busiest, n) = (0..full.actors.len() as u32)
        .map(geolens::data::ActorIx)
        .map(|a| (a, full.actor_analyses(a).len()))
        .max_by_key(|&(_, n)| n)
        .unwrap();
    assert!(
        n > MAX_LINKS,
        "the generator names its busiest actor {n} times"
    );
    let page = pages::page(&full, Target::Actor(busiest), &pages::UNICODE);
    let analysis_links = page
        .lines
        .iter()
        .filter(|l| matches!(l.link, Some(Target::Analysis(_))))
        .count();
    assert_eq!(analysis_links, MAX_LINKS);
    let more = format!("{} more, not listed here", n - MAX_LINKS);
    let said = page
        .lines
        .iter()
        .any(|l| l.spans.iter().any(|s| s.text().contains(&more)));
    assert!(said, "the page says that {} more exist", n - MAX_LINKS);
    assert!(
        page.lines.iter().any(|l| l
            .spans
            .iter()
            .any(|s| s.text() == format!("Analyses ({n})"))),
        "the heading still counts them all"
    );
}
