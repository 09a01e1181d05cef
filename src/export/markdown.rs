//! The dossier as GitHub-flavoured Markdown: a contents list, then each item under its own
//! heading with an anchor, its note as a quote, its links to the other items, and its page with
//! sections as headings and links as list items. Text from the dataset or a note is escaped, so
//! a `*`, `[` or `<` in it shows as itself instead of turning into markup.

use std::fmt::Write as _;

use super::{Built, Item, anchors, count, kind_title};
use crate::doc::{Doc, Line, Role};
use crate::pages::Glyphs;
use crate::state::bookmarks::ItemRef;
use crate::state::clock;

pub(super) fn write(built: &Built) -> String {
    let d = &built.dossier;
    let anchors = anchors(d);
    let anchor_of = |r: &ItemRef| {
        d.items
            .iter()
            .position(|i| i.kind == r.kind && i.id == r.id)
            .map(|i| anchors[i].as_str())
    };
    let mut out = String::from("# Dossier\n\n");
    let missing = d.missing();
    let _ = write!(
        out,
        "Exported from geolens on {}: {}",
        clock::day(&d.exported),
        count(d.items.len(), "bookmark", "bookmarks")
    );
    if missing > 0 {
        let _ = write!(out, ", {missing} missing from this dataset");
    }
    out.push_str(".\n\n");
    for (i, item) in d.items.iter().enumerate() {
        let _ = write!(
            out,
            "{}. [{}](#{}) · {}",
            i + 1,
            escape(&item.title),
            anchors[i],
            kind_title(item.kind)
        );
        if let Some(date) = &item.date {
            let _ = write!(out, " · {date}");
        }
        if item.missing {
            out.push_str(" · *missing from this dataset*");
        }
        out.push('\n');
    }
    for (i, item) in d.items.iter().enumerate() {
        out.push_str("\n---\n\n");
        let _ = writeln!(out, "<a id=\"{}\"></a>\n", anchors[i]);
        let _ = writeln!(out, "## {}\n", escape(&item.title));
        facts(&mut out, item);
        note(&mut out, item);
        let links = |refs: &[ItemRef]| -> String {
            refs.iter()
                .filter_map(|r| {
                    let at = anchor_of(r)?;
                    let title = &d.items.iter().find(|i| i.item() == *r)?.title;
                    Some(format!("[{}](#{at})", escape(title)))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !item.links.is_empty() {
            let _ = writeln!(out, "**Links to:** {}\n", links(&item.links));
        }
        if !item.linked_from.is_empty() {
            let _ = writeln!(out, "**Linked from:** {}\n", links(&item.linked_from));
        }
        match &built.pages[i] {
            Some(page) => write_page(&mut out, page, &built.glyphs, &|t| {
                built.position(t).map(|i| anchors[i].clone())
            }),
            None => out.push_str("*Missing from this dataset: only the bookmark is left.*\n"),
        }
    }
    out
}

/// The line of facts under an item's heading.
fn facts(out: &mut String, item: &Item) {
    let mut parts = vec![format!("**{}** {}", kind_title(item.kind), code(&item.id))];
    if let Some(date) = &item.date {
        parts.push(date.clone());
    }
    parts.push(format!("bookmarked {}", clock::day(&item.added)));
    let _ = writeln!(out, "{}\n", parts.join(" · "));
}

/// The note as a quote, its lines kept as written.
fn note(out: &mut String, item: &Item) {
    if item.note.trim().is_empty() {
        return;
    }
    let when = item
        .noted
        .as_deref()
        .map(|n| format!(", {}", clock::day(n)))
        .unwrap_or_default();
    let _ = writeln!(out, "> **Note**{when}");
    out.push_str(">\n");
    let lines: Vec<&str> = item.note.trim_end().lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let text = escape(&crate::text::sanitize(line.trim_end()));
        // A backslash at the end of a line is a hard break: the note's lines stay lines.
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        let brk = if !next_blank && !text.is_empty() {
            "\\"
        } else {
            ""
        };
        if text.is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {text}{brk}");
        }
    }
    out.push('\n');
}

/// A page: its title is the item's heading already; the facts line in italics, section headings
/// one level under the item's, links and bullets as list items.
fn write_page(
    out: &mut String,
    page: &Doc,
    g: &Glyphs,
    anchor: &dyn Fn(crate::data::Target) -> Option<String>,
) {
    let mut in_list = false;
    for (i, line) in page.lines.iter().enumerate() {
        if line.is_blank() || (i == 0 && line.spans.first().is_some_and(|s| s.role == Role::Title))
        {
            continue;
        }
        let list_item = line.indent == 2 && super::marker(line, g);
        let continuation = line.indent > 2 && line.link.is_some();
        if continuation && in_list {
            // Joined to the item above by a hard break.
            out.pop();
            out.push_str("\\\n  ");
            out.push_str(&spans(line, 0, None));
            out.push('\n');
            continue;
        }
        if in_list && !list_item {
            out.push('\n');
        }
        in_list = list_item;
        let first = line.spans.first().map(|s| s.role);
        if list_item {
            let link = line.link.and_then(anchor);
            let _ = writeln!(out, "- {}", spans(line, 1, link.as_deref()));
        } else if first == Some(Role::Heading) {
            let _ = writeln!(out, "### {}\n", spans(line, 0, None));
        } else if first == Some(Role::Meta) {
            let _ = writeln!(out, "*{}*\n", spans(line, 0, None));
        } else {
            let _ = writeln!(out, "{}\n", spans(line, 0, None));
        }
    }
    if in_list {
        out.push('\n');
    }
}

/// The text of a line from span `skip` on, escaped; labels in bold, and the named part (from
/// the first link-coloured span to the last: a title, a name, an implication's route) made a
/// link to `anchor` when the item it names is in the dossier too.
fn spans(line: &Line, skip: usize, anchor: Option<&str>) -> String {
    let shown = &line.spans[skip.min(line.spans.len())..];
    let (open, close) = super::named_part(shown, anchor.is_some());
    let mut out = String::new();
    for (i, s) in shown.iter().enumerate() {
        if Some(i) == open {
            out.push('[');
        }
        let text = s.text();
        let (lead, body, trail) = split_space(text);
        if body.is_empty() {
            out.push_str(text);
        } else {
            out.push_str(lead);
            if s.role == Role::Label {
                let _ = write!(out, "**{}**", escape(body));
            } else {
                out.push_str(&escape(body));
            }
            out.push_str(trail);
        }
        if Some(i) == close {
            let _ = write!(out, "](#{})", anchor.unwrap_or_default());
        }
    }
    out.trim().to_owned()
}

/// Leading spaces, the text, trailing spaces: emphasis markers must touch the text they mark.
fn split_space(text: &str) -> (&str, &str, &str) {
    let body = text.trim();
    let start = text.len() - text.trim_start().len();
    (&text[..start], body, &text[start + body.len()..])
}

/// Text that Markdown shows as written: punctuation it would take as markup is escaped, and so
/// is what would open a block at the start of a line (`#`, `>`, `-`, `1.`).
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&text[i..]) => out.push_str("&amp;"),
            '+' | '-' | '=' if out.is_empty() => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if !out.is_empty() && out.chars().all(|d| d.is_ascii_digit()) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `&amp;`, `&#39;`: what Markdown would turn into another character.
fn looks_like_entity(rest: &str) -> bool {
    let name: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[1 + name.len()..].starts_with(';')
}

/// An inline code span that holds any text: fenced by more backticks than the text has in a row.
fn code(text: &str) -> String {
    let text = crate::text::sanitize(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape("a *b* [c](d) <e>"), r"a \*b\* \[c\](d) \<e\>");
        assert_eq!(escape("# not a heading"), r"\# not a heading");
        assert_eq!(escape("- not a list"), r"\- not a list");
        assert_eq!(escape("1. not a list"), r"1\. not a list");
        assert_eq!(escape("2024-10-06"), "2024-10-06");
        assert_eq!(escape("AT&T &amp; co"), "AT&T &amp;amp; co");
        assert_eq!(escape(r"C:\x"), r"C:\\x");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("kz-gov"), "`kz-gov`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
