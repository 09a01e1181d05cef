//! `geolens export --bookmarks`: the dossier as Markdown and JSON pinned by snapshots; the
//! Markdown read back with a CommonMark parser (links land on anchors, text from notes stays
//! text); the JSON read back into the same bookmarks; the HTML escaped; the exit statuses.

mod common;
#[path = "common/temp.rs"]
mod temp;

use std::fs;
use std::process::{Command, Output};

use geolens::export::{self, Dossier};
use geolens::state::bookmarks::{Bookmark, Bookmarks, Kind};
use geolens::state::file;
use pulldown_cmark::{Event, Options, Parser, Tag};
use temp::TempDir;

fn mark(kind: Kind, id: &str, title: &str, note: &str) -> Bookmark {
    Bookmark {
        kind,
        id: id.to_owned(),
        title: title.to_owned(),
        added: "2025-02-01T09:30:00Z".to_owned(),
        note: note.to_owned(),
        noted: (!note.is_empty()).then(|| "2025-02-02T10:00:00Z".to_owned()),
    }
}

/// Five bookmarks on the mini fixture: every kind of note, and one item the dataset lacks.
fn bookmarks() -> Bookmarks {
    Bookmarks {
        bookmarks: vec![
            mark(
                Kind::Analysis,
                "kz-uk-2024",
                "Kazakhstan courts British business",
                "Ask the *embassy* about [terms](x).\n# Not a heading\nFollow up in May.",
            ),
            mark(Kind::Actor, "kz-gov", "Government of Kazakhstan", ""),
            mark(
                Kind::Implication,
                "kz-uk-2024/eu-supply",
                "Kazakhstan, United Kingdom → energy → European Union",
                "<script>alert('x')</script> & \"quotes\"",
            ),
            mark(Kind::Place, "KZ", "Kazakhstan", ""),
            mark(
                Kind::Analysis,
                "gone-2019",
                "A dropped analysis",
                "Kept though the dataset lost it.",
            ),
        ],
        ..Bookmarks::default()
    }
}

/// A state directory holding `b`, and the binary run on the mini fixture with it.
struct Setup {
    state: TempDir,
}

impl Setup {
    fn new(b: &Bookmarks) -> Setup {
        let state = TempDir::new("export");
        let dir = state.path().join("geolens");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("bookmarks.json"), file::to_text(b)).unwrap();
        Setup { state }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_geolens"))
            .arg("--data")
            .arg(common::fixture_dir("mini"))
            .args(args)
            .env("XDG_STATE_HOME", self.state.path())
            .output()
            .unwrap()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// The export's own date and time, which change with every run, replaced by a marker.
fn undated(text: &str) -> String {
    text.lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("Exported from geolens on ") {
                format!("Exported from geolens on <today>{}", &rest[10..])
            } else if line.starts_with("  \"exported\": ") {
                "  \"exported\": \"<now>\",".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn markdown_export_is_pinned() {
    let s = Setup::new(&bookmarks());
    let md = s.stdout(&["export", "--bookmarks", "--format", "md"]);
    insta::assert_snapshot!("export_markdown", undated(&md));
}

#[test]
fn markdown_renders_as_meant() {
    let s = Setup::new(&bookmarks());
    let md = s.stdout(&["export", "--bookmarks"]);
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut anchors = Vec::new();
    let mut text = String::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(format!("{level:?} ")),
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Emphasis) | Event::Start(Tag::Strong) => text.push('*'),
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(id) = h.strip_prefix("<a id=\"") {
                    anchors.push(format!("#{}", id.split('"').next().unwrap()));
                }
            }
            Event::Text(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    // One title, one heading per bookmark; the page's sections under them, and the note's
    // "# Not a heading" stays a line of the note.
    assert_eq!(headings[0], "H1 Dossier");
    let items: Vec<&String> = headings.iter().filter(|h| h.starts_with("H2 ")).collect();
    assert_eq!(
        items,
        [
            "H2 Kazakhstan courts British business",
            "H2 Government of Kazakhstan",
            "H2 Kazakhstan, United Kingdom → energy → European Union",
            "H2 Kazakhstan",
            "H2 A dropped analysis"
        ]
    );
    assert!(headings.iter().all(|h| !h.contains("Not a heading")));
    // Every link is to an anchor of this file, and every item is linked to from the contents.
    assert_eq!(anchors.len(), 5, "{anchors:?}");
    for link in &links {
        assert!(anchors.contains(link), "{link} goes nowhere");
    }
    for a in &anchors {
        assert!(links.contains(a), "nothing links to {a}");
    }
    // Markup typed into a note reads as typed, its lines kept.
    assert!(
        text.contains("Ask the *embassy* about [terms](x).\n# Not a heading\nFollow up in May."),
        "{text}"
    );
    assert!(text.contains("<script>alert('x')</script> & \"quotes\""));
    assert!(text.contains("Missing from this dataset: only the bookmark is left."));
}

#[test]
fn json_export_is_pinned_and_reads_back_into_the_same_bookmarks() {
    let b = bookmarks();
    let s = Setup::new(&b);
    let json = s.stdout(&["export", "--bookmarks", "--format", "json"]);
    insta::assert_snapshot!("export_json", undated(&json));
    let read: Dossier = serde_json::from_str(&json).unwrap();
    assert_eq!(export::json(&read), json, "written again, byte for byte");
    assert_eq!(read.bookmarks(), b);
    assert_eq!(read.missing(), 1);
    let imp = &read.items[2];
    assert_eq!(imp.date.as_deref(), Some("2024-04"));
    assert!(imp.linked_from.iter().any(|r| r.id == "kz-uk-2024"));
}

#[test]
fn html_export_escapes_everything_and_links_only_to_itself() {
    let s = Setup::new(&bookmarks());
    let html = s.stdout(&["export", "--bookmarks", "--format", "html"]);
    assert!(
        !html.contains("<script"),
        "a note's markup reached the page"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    let ids: Vec<&str> = html
        .split("id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(!hrefs.is_empty());
    for h in hrefs {
        let id = h.strip_prefix('#').expect("only anchors of this page");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert!(ids.contains(&id), "{h} goes nowhere");
    }
}

#[test]
fn out_writes_the_file_and_says_where() {
    let s = Setup::new(&bookmarks());
    let out = s.state.path().join("dossier.md");
    let said = s.stdout(&["export", "--bookmarks", "--out", out.to_str().unwrap()]);
    let written = fs::read_to_string(&out).unwrap();
    assert_eq!(
        said,
        format!(
            "wrote 5 bookmarks to {} ({} bytes)\n",
            out.display(),
            written.len()
        )
    );
    assert!(written.starts_with("# Dossier\n"));
}

#[test]
fn nothing_bookmarked_is_status_1_and_a_bad_file_status_2_left_in_place() {
    let s = Setup::new(&Bookmarks::default());
    let out = s.run(&["export", "--bookmarks"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no bookmarks to export"));

    let path = s.state.path().join("geolens/bookmarks.json");
    fs::write(&path, "{\"version\": 1,\n \"bookmarks\": [}").unwrap();
    let out = s.run(&["export", "--bookmarks"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bookmarks.json: 2:16: expected value"),
        "{err}"
    );
    assert!(path.exists(), "a read-only command moves nothing");

    let out = s.run(&["export"]);
    assert_eq!(out.status.code(), Some(2), "--bookmarks is required");
    let out = s.run(&["export", "--bookmarks", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}
