//! The dossier as one standalone HTML page, readable offline and printable: no script, no
//! outside resources, styles inline. Every piece of text is escaped; the only addresses written
//! are the page's own anchors, which are made of letters, digits and dashes.

use std::fmt::Write as _;

use super::{Built, Item, anchors, count, kind_title};
use crate::doc::{Doc, Line, Role};
use crate::pages::Glyphs;
use crate::state::bookmarks::ItemRef;
use crate::state::clock;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;\
padding:0 1em;line-height:1.5;color:#1b1b1b}h1,h2,h3{line-height:1.25}\
article{border-top:1px solid #ccc;margin-top:2em}.facts,.meta{color:#555}\
blockquote{border-left:4px solid #7a9;margin:1em 0;padding:.2em 1em;background:#f4f8f6}\
.missing{color:#a40}ul.page{padding-left:1.2em}code{background:#f2f2f2;padding:0 .2em}";

pub(super) fn write(built: &Built) -> String {
    let d = &built.dossier;
    let anchors = anchors(d);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>Dossier, {}</title>", clock::day(&d.exported));
    let _ = writeln!(
        out,
        "<style>{STYLE}</style>\n</head>\n<body>\n<h1>Dossier</h1>"
    );
    let missing = d.missing();
    let _ = write!(
        out,
        "<p class=\"meta\">Exported from geolens on {}: {}",
        clock::day(&d.exported),
        count(d.items.len(), "bookmark", "bookmarks")
    );
    if missing > 0 {
        let _ = write!(out, ", {missing} missing from this dataset");
    }
    out.push_str(".</p>\n<nav>\n<ol>\n");
    for (i, item) in d.items.iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a> · {}",
            anchors[i],
            escape(&item.title),
            kind_title(item.kind)
        );
        if let Some(date) = &item.date {
            let _ = write!(out, " · {}", escape(date));
        }
        if item.missing {
            out.push_str(" · <span class=\"missing\">missing from this dataset</span>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</nav>\n");
    let link_to = |r: &ItemRef| -> Option<String> {
        let i = d.items.iter().position(|i| i.item() == *r)?;
        Some(format!(
            "<a href=\"#{}\">{}</a>",
            anchors[i],
            escape(&d.items[i].title)
        ))
    };
    for (i, item) in d.items.iter().enumerate() {
        let _ = writeln!(out, "<article id=\"{}\">", anchors[i]);
        let _ = writeln!(out, "<h2>{}</h2>", escape(&item.title));
        facts(&mut out, item);
        note(&mut out, item);
        for (label, refs) in [
            ("Links to", &item.links),
            ("Linked from", &item.linked_from),
        ] {
            if !refs.is_empty() {
                let links: Vec<String> = refs.iter().filter_map(&link_to).collect();
                let _ = writeln!(out, "<p><strong>{label}:</strong> {}</p>", links.join(", "));
            }
        }
        match &built.pages[i] {
            Some(page) => write_page(&mut out, page, &built.glyphs, &|t| {
                built.position(t).map(|i| anchors[i].clone())
            }),
            None => out.push_str(
                "<p class=\"missing\">Missing from this dataset: only the bookmark is left.</p>\n",
            ),
        }
        out.push_str("</article>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn facts(out: &mut String, item: &Item) {
    let _ = write!(
        out,
        "<p class=\"facts\"><strong>{}</strong> <code>{}</code>",
        kind_title(item.kind),
        escape(&item.id)
    );
    if let Some(date) = &item.date {
        let _ = write!(out, " · {}", escape(date));
    }
    let _ = writeln!(out, " · bookmarked {}</p>", escape(clock::day(&item.added)));
}

fn note(out: &mut String, item: &Item) {
    if item.note.trim().is_empty() {
        return;
    }
    let when = item
        .noted
        .as_deref()
        .map(|n| format!(", {}", escape(clock::day(n))))
        .unwrap_or_default();
    let _ = writeln!(out, "<blockquote>\n<p><strong>Note</strong>{when}</p>");
    for para in item.note.trim().split("\n\n") {
        let lines: Vec<String> = para
            .lines()
            .map(|l| escape(&crate::text::sanitize(l.trim_end())))
            .collect();
        let _ = writeln!(out, "<p>{}</p>", lines.join("<br>\n"));
    }
    out.push_str("</blockquote>\n");
}

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
            // Inside the item above: drop its closing tag and add a line.
            let cut = out.len() - "</li>\n".len();
            out.truncate(cut);
            let _ = writeln!(out, "<br>{}</li>", spans(line, 0, None));
            continue;
        }
        if in_list && !list_item {
            out.push_str("</ul>\n");
        }
        if list_item && !in_list {
            out.push_str("<ul class=\"page\">\n");
        }
        in_list = list_item;
        let first = line.spans.first().map(|s| s.role);
        if list_item {
            let link = line.link.and_then(anchor);
            let _ = writeln!(out, "<li>{}</li>", spans(line, 1, link.as_deref()));
        } else if first == Some(Role::Heading) {
            let _ = writeln!(out, "<h3>{}</h3>", spans(line, 0, None));
        } else if first == Some(Role::Meta) {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", spans(line, 0, None));
        } else {
            let _ = writeln!(out, "<p>{}</p>", spans(line, 0, None));
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
}

fn spans(line: &Line, skip: usize, anchor: Option<&str>) -> String {
    let shown = &line.spans[skip.min(line.spans.len())..];
    let (open, close) = super::named_part(shown, anchor.is_some());
    let mut out = String::new();
    for (i, s) in shown.iter().enumerate() {
        if Some(i) == open {
            let _ = write!(out, "<a href=\"#{}\">", anchor.unwrap_or_default());
        }
        let text = escape(s.text());
        match s.role {
            Role::Label => {
                let _ = write!(out, "<strong>{text}</strong>");
            }
            Role::Warn => {
                let _ = write!(out, "<em>{text}</em>");
            }
            _ => out.push_str(&text),
        }
        if Some(i) == close {
            out.push_str("</a>");
        }
    }
    out.trim().to_owned()
}

/// Text as HTML shows it: the five characters markup is made of, escaped.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            super::escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }
}
