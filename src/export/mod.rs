//! The dossier as a file: the bookmarked items with their notes, titles, dates, the links between
//! them, and each item's page, as Markdown (to read on GitHub or paste into a report), JSON (for
//! scripts; it reads back into the same value, bookmarks and all) or a standalone HTML page.
//!
//! `geolens export` and the explorer's export key both come here. Pages are the same [`Doc`]s the
//! explorer shows; each format escapes what its readers would otherwise take as markup.

mod html;
mod markdown;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::data::{Store, Target};
use crate::doc::Doc;
use crate::pages::{self, Glyphs};
use crate::state::bookmarks::{Bookmark, Bookmarks, ItemRef, Kind};

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Json, Format::Html];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }

    pub fn parse(text: &str) -> Result<Format, String> {
        match text {
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format {:?}: use md, json or html",
                crate::text::sanitize(other)
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        self.name()
    }
}

/// What the JSON format holds; also the model the other formats are written from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    /// Always `geolens-dossier`: says what the file is to whoever finds it.
    pub format: String,
    pub version: u32,
    /// When it was exported (UTC, RFC 3339).
    pub exported: String,
    pub items: Vec<Item>,
}

/// One bookmarked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// When it was bookmarked.
    pub added: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noted: Option<String>,
    /// The dataset this was exported from has no item with this id: only the bookmark is left.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
    /// The date of the event (for an implication, of the analysis it belongs to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Other bookmarked items this one's page links to, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ItemRef>,
    /// Other bookmarked items whose pages link to this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked_from: Vec<ItemRef>,
    /// The page as the explorer shows it, one line of text per line of the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page: Vec<String>,
}

impl Item {
    pub fn item(&self) -> ItemRef {
        ItemRef {
            kind: self.kind,
            id: self.id.clone(),
        }
    }
}

impl Dossier {
    /// The bookmarks this dossier was made from, as `bookmarks.json` held them.
    pub fn bookmarks(&self) -> Bookmarks {
        Bookmarks {
            bookmarks: self
                .items
                .iter()
                .map(|i| Bookmark {
                    kind: i.kind,
                    id: i.id.clone(),
                    title: i.title.clone(),
                    added: i.added.clone(),
                    note: i.note.clone(),
                    noted: i.noted.clone(),
                })
                .collect(),
            ..Bookmarks::default()
        }
    }

    /// The items that are missing from the dataset.
    pub fn missing(&self) -> usize {
        self.items.iter().filter(|i| i.missing).count()
    }
}

/// A dossier and the pages of its items (none for a missing one), for the formats that keep a
/// page's structure.
pub struct Built {
    pub dossier: Dossier,
    pub pages: Vec<Option<Doc>>,
    /// Each item in the dataset, in the order of `dossier.items`.
    pub targets: Vec<Option<Target>>,
    /// The glyphs the pages were drawn with, to tell list markers from text.
    pub glyphs: Glyphs,
}

impl Built {
    /// The position of the item a page links to, if it is in the dossier.
    fn position(&self, target: Target) -> Option<usize> {
        self.targets.iter().position(|t| *t == Some(target))
    }
}

/// Gathers the bookmarked items from the dataset: titles are the dataset's where it has the
/// item, else the title the bookmark kept.
pub fn build(data: &dyn Store, bookmarks: &Bookmarks, exported: &str, g: &Glyphs) -> Built {
    let targets: Vec<Option<Target>> = bookmarks
        .bookmarks
        .iter()
        .map(|b| b.item().resolve(data))
        .collect();
    let position: HashMap<Target, usize> = targets
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|t| (t, i)))
        .collect();
    let pages: Vec<Option<Doc>> = targets
        .iter()
        .map(|t| t.map(|t| pages::page(data, t, g)))
        .collect();
    // Links between bookmarked items, by position, in page order and without repeats.
    let links: Vec<Vec<usize>> = pages
        .iter()
        .enumerate()
        .map(|(me, page)| {
            let mut out = Vec::new();
            for line in page.iter().flat_map(|p| &p.lines) {
                if let Some(&to) = line.link.and_then(|t| position.get(&t))
                    && to != me
                    && !out.contains(&to)
                {
                    out.push(to);
                }
            }
            out
        })
        .collect();
    let mut linked_from: Vec<Vec<usize>> = vec![Vec::new(); links.len()];
    for (from, to) in links.iter().enumerate() {
        for &t in to {
            linked_from[t].push(from);
        }
    }
    let refs = |list: &[usize]| -> Vec<ItemRef> {
        list.iter()
            .map(|&i| bookmarks.bookmarks[i].item())
            .collect()
    };
    let items = bookmarks
        .bookmarks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let target = targets[i];
            Item {
                kind: b.kind,
                id: b.id.clone(),
                title: target.map_or_else(|| b.title.clone(), |t| pages::label(data, t, g)),
                added: b.added.clone(),
                note: b.note.clone(),
                noted: b.noted.clone(),
                missing: target.is_none(),
                date: target.and_then(|t| date_of(data, t)),
                links: refs(&links[i]),
                linked_from: refs(&linked_from[i]),
                page: pages[i].as_ref().map(page_text).unwrap_or_default(),
            }
        })
        .collect();
    Built {
        dossier: Dossier {
            format: "geolens-dossier".to_owned(),
            version: 1,
            exported: exported.to_owned(),
            items,
        },
        pages,
        targets,
        glyphs: *g,
    }
}

/// The date an item is about, where it has one.
fn date_of(data: &dyn Store, target: Target) -> Option<String> {
    match target {
        Target::Analysis(ix) => Some(data.event_date(ix).to_string()),
        Target::Implication(ix) => Some(data.event_date(data.implication_source(ix)).to_string()),
        _ => None,
    }
}

/// A page as plain lines: indentation as spaces, unwrapped (the reader's tool wraps).
pub fn page_text(doc: &Doc) -> Vec<String> {
    doc.lines
        .iter()
        .map(|line| {
            let text: String = line.spans.iter().map(|s| s.text()).collect();
            format!("{}{}", " ".repeat(line.indent as usize), text)
        })
        .collect()
}

/// The whole export in `format`.
pub fn render(
    data: &dyn Store,
    bookmarks: &Bookmarks,
    format: Format,
    exported: &str,
    g: &Glyphs,
) -> String {
    let built = build(data, bookmarks, exported, g);
    match format {
        Format::Markdown => markdown::write(&built),
        Format::Json => json(&built.dossier),
        Format::Html => html::write(&built),
    }
}

/// Pretty JSON in which every character a terminal could act on is escaped, so `cat` of an export
/// is as safe as the explorer. Escaped or not, a JSON reader gets the same strings back.
pub fn json(dossier: &Dossier) -> String {
    crate::text::safe_json(dossier)
}

/// Names for the items' anchors, unique within one export: `actor-kz-gov`. Only letters, digits
/// and dashes, so an anchor can never carry markup into a link.
fn anchors(dossier: &Dossier) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    dossier
        .items
        .iter()
        .map(|item| {
            let mut slug = String::from(item.kind.word());
            slug.push('-');
            for c in item.id.chars().flat_map(char::to_lowercase) {
                if c.is_ascii_alphanumeric() {
                    slug.push(c);
                } else if !slug.ends_with('-') {
                    slug.push('-');
                }
            }
            let slug = slug.trim_end_matches('-').to_owned();
            let mut anchor = slug.clone();
            let mut n = 2;
            while !taken.insert(anchor.clone()) {
                anchor = format!("{slug}-{n}");
                n += 1;
            }
            anchor
        })
        .collect()
}

/// Whether a line of a page starts with the link or bullet marker of the pages: a list item.
fn marker(line: &crate::doc::Line, g: &Glyphs) -> bool {
    line.spans.first().is_some_and(|s| {
        s.role == crate::doc::Role::Muted
            && (s.text().trim() == g.link || s.text().trim() == g.bullet)
    })
}

/// The spans a link to another item covers: from the first link-coloured span to the last, so a
/// title, a name or an implication's whole route, without the dates and notes around them.
fn named_part(spans: &[crate::doc::Span], linked: bool) -> (Option<usize>, Option<usize>) {
    if !linked {
        return (None, None);
    }
    let is_link = |s: &&crate::doc::Span| s.role == crate::doc::Role::Link;
    (
        spans.iter().position(|s| is_link(&s)),
        spans.iter().rposition(|s| is_link(&s)),
    )
}

/// How a kind is named in the export's text.
fn kind_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Analysis => "Analysis",
        Kind::Actor => "Actor",
        Kind::Theme => "Theme",
        Kind::Implication => "Implication",
        Kind::Place => "Place",
    }
}

/// "3 bookmarks", "1 bookmark".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Ok(f));
        }
        assert!(
            Format::parse("pdf")
                .unwrap_err()
                .contains("md, json or html")
        );
    }
}
