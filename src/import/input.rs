//! The text worth reading: the page furniture a copied deep dive carries ("Share this deep dive",
//! calls to subscribe) stripped while noting what went, its heading, date and labelled lines
//! kept aside, and its paragraphs with the section heading each stands under.

use super::markup::{Mark, unmark};

/// A text with its furniture taken off.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    /// The prose, paragraphs separated by a blank line, runs of whitespace made one space.
    pub body: String,
    /// A short first line without a full stop: the page's own title.
    pub heading: Option<String>,
    /// A line that is only a date ("Published 24 April 2024"), or the value of a `Date:` line.
    pub date_line: Option<String>,
    /// An `Event:` line at the top said what happened: its value opens the body.
    pub event_first: bool,
    /// The value of a `Perspective:` line at the top.
    pub perspective: Option<String>,
    /// For each paragraph of `body`, the heading of the section it stands in ("Outlook"), when
    /// the text has headings.
    pub headings: Vec<Option<String>>,
    /// The lines dropped as furniture, as written.
    pub stripped: Vec<String>,
}

/// How lines of page furniture begin ("Share this deep dive", "Subscribe to our newsletter").
#[rustfmt::skip]
const FURNITURE_OPENINGS: &[&str] = &[
    "share this", "share it", "share on", "if you found this", "if you enjoyed this",
    "if you liked this", "subscribe", "sign up", "follow us", "click here", "read more",
    "read next", "read also", "related articles", "related posts", "related:", "advertisement",
    "copyright", "back to top", "print this", "leave a comment", "download the app", "join our",
    "support our", "tags:", "filed under", "posted in", "tweet this",
];

/// Phrases that mark a short line as furniture wherever they stand in it.
const FURNITURE_ANYWHERE: &[&str] = &[
    "all rights reserved",
    "share this",
    "if you found this",
    "our newsletter",
    "©",
];

/// Lines that are only a label of the page ("Deep dive", "Analysis").
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "deep dive", "analysis", "menu", "home", "share", "print", "email", "facebook", "twitter", "x",
    "linkedin", "whatsapp", "telegram", "reddit", "copy link",
];

fn is_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words = line.split_whitespace().count();
    let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
    LABELS.contains(&trimmed)
        || (words <= 40
            && (FURNITURE_OPENINGS.iter().any(|f| trimmed.starts_with(f))
                || FURNITURE_ANYWHERE.iter().any(|f| lower.contains(f))))
}

/// A heading without the page's label in front of it ("Deep dive: Drought narrows the canal").
fn without_label(heading: &str) -> &str {
    for label in ["deep dive", "analysis", "explainer", "briefing", "in depth"] {
        let Some(rest) = heading
            .get(..label.len())
            .filter(|l| l.eq_ignore_ascii_case(label))
            .map(|_| &heading[label.len()..])
        else {
            continue;
        };
        for sep in [":", " -", " –", " —", " |"] {
            if let Some(title) = rest.strip_prefix(sep).map(str::trim)
                && title.chars().any(char::is_alphanumeric)
            {
                return title;
            }
        }
    }
    heading
}

/// A line that is a date and little else ("Published 24 April 2024").
fn only_a_date(line: &str) -> bool {
    super::dates::find_dates(line)
        .first()
        .is_some_and(|d| line.split_whitespace().count() <= d.words + 3)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', ';'])
}

/// Takes the furniture off a text: lines of share buttons and calls to action wherever they are,
/// a heading and a date line at the top (kept aside: they are the page's title and date), and
/// short label lines trailing the prose.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let lines: Vec<(String, Mark)> = text.lines().map(unmark).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    for (line, mark) in &lines {
        if !line.is_empty() && is_furniture(line) {
            out.stripped.push(line.clone());
        } else {
            kept.push(line);
            marks.push(*mark);
        }
    }
    // A heading: the first line, short, not a sentence, with prose after it. A lens's name there
    // ("Background") heads the first section instead.
    let first = kept.iter().position(|l| !l.is_empty());
    if let Some(i) = first {
        let line = kept[i];
        let rest_has_prose = kept[i + 1..].iter().any(|l| !l.is_empty());
        let names_a_lens = super::lenses::names_a_lens(line.trim_end_matches(':'));
        if rest_has_prose
            && !names_a_lens
            && front_field(line).is_none()
            && !ends_sentence(line)
            && line.split_whitespace().count() <= 16
        {
            if only_a_date(line) {
                out.date_line = Some(line.to_owned());
            } else {
                out.heading = Some(without_label(line).to_owned());
            }
            kept[i] = "";
        }
    }
    // A date line right under the heading.
    if let Some(i) = kept.iter().position(|l| !l.is_empty()) {
        let line = kept[i];
        if out.date_line.is_none() && !ends_sentence(line) && only_a_date(line) {
            out.date_line = Some(line.to_owned());
            kept[i] = "";
        }
    }
    // Labelled lines under them ("Event: ...", "Perspective: ..."), as notes and briefs open.
    let mut event = None;
    for i in 0..kept.len() {
        if kept[i].is_empty() || event == Some(i) {
            continue;
        }
        let Some((field, value)) = front_field(kept[i]) else {
            break;
        };
        match field {
            Field::Title if out.heading.is_none() => out.heading = Some(value.to_owned()),
            Field::Date if out.date_line.is_none() => out.date_line = Some(value.to_owned()),
            Field::Perspective if out.perspective.is_none() => {
                out.perspective = Some(value.to_owned());
            }
            Field::Event if event.is_none() => {
                // What happened opens the prose, as a paragraph of its own.
                event = Some(i);
                kept[i] = value;
                marks[i] = Mark::Item;
                continue;
            }
            Field::Byline => out.stripped.push(kept[i].to_owned()),
            _ => break,
        }
        kept[i] = "";
    }
    out.event_first = event.is_some();
    // Short label lines after the last sentence: a byline, a button.
    while let Some(i) = kept.iter().rposition(|l| !l.is_empty()) {
        let line = kept[i];
        let has_prose_before = kept[..i].iter().any(|l| !l.is_empty());
        if has_prose_before && !ends_sentence(line) && line.split_whitespace().count() <= 8 {
            out.stripped.push(line.to_owned());
            kept[i] = "";
        } else {
            break;
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut heading: Option<String> = None;
    for (i, &line) in kept.iter().enumerate() {
        let starts_paragraph = current.is_empty();
        if line.is_empty() || (marks[i] == Mark::Item && !starts_paragraph) {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
                out.headings.push(heading.clone());
            }
            if line.is_empty() {
                continue;
            }
        }
        if current.is_empty() && is_section_heading(&kept, &marks, i) {
            heading = Some(line.trim_end_matches(':').trim_end().to_owned());
            continue;
        }
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        // An item of a list is a paragraph of its own: items need not end in a full stop.
        if marks[i] == Mark::Item && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
            out.headings.push(heading.clone());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
        out.headings.push(heading);
    }
    out.body = paragraphs.join("\n\n");
    out
}

/// What a labelled line at the top of a text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Event,
    Perspective,
    Byline,
}

/// The labels such lines carry, folded to lower case.
#[rustfmt::skip]
const FIELDS: &[(&str, Field)] = &[
    ("title", Field::Title), ("headline", Field::Title),
    ("date", Field::Date), ("dated", Field::Date), ("published", Field::Date),
    ("event date", Field::Date),
    ("event", Field::Event), ("the event", Field::Event), ("what happened", Field::Event),
    ("perspective", Field::Perspective), ("viewpoint", Field::Perspective),
    ("point of view", Field::Perspective),
    ("by", Field::Byline), ("author", Field::Byline), ("byline", Field::Byline),
];

/// A line `Label: value` whose label is one of [`FIELDS`], with its value.
fn front_field(line: &str) -> Option<(Field, &str)> {
    let (label, value) = line.split_once(':')?;
    let value = value.trim();
    let label = label.trim().to_lowercase();
    let field = FIELDS.iter().find(|(l, _)| *l == label)?.1;
    let usable =
        value.chars().any(char::is_alphanumeric) && (field != Field::Date || only_a_date(value));
    usable.then_some((field, value))
}

/// A line that opens with a short label and a colon, and goes on: `Outlook: markets calm`.
fn labelled(line: &str) -> bool {
    line.split_once(':').is_some_and(|(label, rest)| {
        label.split_whitespace().count() <= 3 && rest.chars().any(char::is_alphanumeric)
    })
}

/// Whether `kept[i]`, at the start of a paragraph, heads a section: marked as a heading, or short,
/// not a sentence (a colon aside), with prose after it, and either a paragraph of its own or the
/// name of a lens ("Outlook" over the lines it heads).
fn is_section_heading(kept: &[&str], marks: &[Mark], i: usize) -> bool {
    let line = kept[i];
    let has_prose_after = kept[i + 1..].iter().any(|l| !l.is_empty());
    if !has_prose_after || line.split_whitespace().count() > 8 {
        return false;
    }
    if marks[i] == Mark::Heading {
        return true;
    }
    let bare = line.trim_end_matches(':').trim_end();
    // A numbered section: "2. Key actors".
    if marks[i] == Mark::Item {
        return super::lenses::names_a_lens(bare);
    }
    // A label with its content after it is a line of content: a heading has none.
    if bare.is_empty() || ends_sentence(bare) || labelled(bare) {
        return false;
    }
    if marks[i] == Mark::Bold {
        return true;
    }
    let alone = kept.get(i + 1).is_none_or(|next| next.is_empty());
    // A line that runs on into the next is a heading only if it is a lens's name and nothing
    // else: the first line of a wrapped paragraph may hold a cue ("From a geopolitical lens,").
    (alone && !line.ends_with(':')) || super::lenses::names_a_lens(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_furniture_and_keeps_heading_and_date_aside() {
        let text = "Kazakhstan courts British capital\n24 April 2024\n\nFirst  sentence here.\n\
                    Second one.\n\nThird paragraph.\nShare this deep dive\nIf you found this \
                    analysis valuable, share it with others\nDeep dive\n";
        let c = clean(text);
        assert_eq!(
            c.heading.as_deref(),
            Some("Kazakhstan courts British capital")
        );
        assert_eq!(c.date_line.as_deref(), Some("24 April 2024"));
        assert_eq!(
            c.body,
            "First sentence here. Second one.\n\nThird paragraph."
        );
        assert_eq!(c.stripped.len(), 3, "{:?}", c.stripped);
    }

    #[test]
    fn headings_inside_the_text_head_the_paragraphs_under_them() {
        let text = "# Panama's dry canal\n\nGatun Lake fell. Transits were cut.\n\n## Background\n\
                    - The canal runs on rain\n- Ships queued.\n\nOutlook\nRains may return.\n\n\
                    Key actors:\nThe canal authority.\n\nA closing note\n\nIt ends here.\n";
        let c = clean(text);
        assert_eq!(c.heading.as_deref(), Some("Panama's dry canal"));
        assert_eq!(
            c.body,
            "Gatun Lake fell. Transits were cut.\n\nThe canal runs on rain\n\nShips queued.\n\n\
             Rains may return.\n\nThe canal authority.\n\nIt ends here."
        );
        let under: Vec<Option<&str>> = c.headings.iter().map(|h| h.as_deref()).collect();
        assert_eq!(
            under,
            [
                None,
                Some("Background"),
                Some("Background"),
                Some("Outlook"),
                Some("Key actors"),
                Some("A closing note"),
            ]
        );
        // A short line that runs on into its paragraph is prose unless it is a lens's name and
        // nothing else, even when it holds a cue; a bold sentence is prose; a marked heading
        // heads, question mark and all.
        let c = clean(
            "First part.\n\nThe talks went\non all night.\n\nFrom a geopolitical lens, this\n\
             engagement matters.\n\n**Talks failed.**\n\n## What comes next?\nMore talks.\n",
        );
        assert_eq!(
            c.body,
            "First part.\n\nThe talks went on all night.\n\nFrom a geopolitical lens, this \
             engagement matters.\n\nTalks failed.\n\nMore talks."
        );
        let under: Vec<Option<&str>> = c.headings.iter().map(|h| h.as_deref()).collect();
        assert_eq!(under, [None, None, None, None, Some("What comes next?")]);
        // The page's label does not make part of the title.
        for (line, title) in [
            (
                "Deep dive: Drought narrows the canal",
                "Drought narrows the canal",
            ),
            ("ANALYSIS | Gabon's coup", "Gabon's coup"),
            ("Analysis of a coup", "Analysis of a coup"),
        ] {
            assert_eq!(
                clean(&format!("{line}\nProse.\n")).heading.as_deref(),
                Some(title)
            );
        }
        // A text that opens with a lens's name has no title line: the name heads its section.
        let c = clean("## Background\nThe canal runs on rain.\n");
        assert_eq!(
            (c.heading, c.body),
            (None, "The canal runs on rain.".to_owned())
        );
        assert_eq!(c.headings, [Some("Background".to_owned())]);
    }

    #[test]
    fn labelled_lines_at_the_top_give_the_event_date_and_perspective() {
        let text = "# Deep Dive: Kenya and Haiti\r\n\r\n**Event:** Kenyan police deploy to Haiti\r\n\
                    Date: 25 June 2024\r\nPerspective: an East Africa correspondent\r\n\
                    By: A. Writer\r\n\r\n## Background\r\n\r\nKenya led the mission.\r\n\r\n\
                    Outlook: the mission may struggle.\r\n";
        let c = clean(text);
        assert_eq!(c.heading.as_deref(), Some("Kenya and Haiti"));
        assert_eq!(c.date_line.as_deref(), Some("25 June 2024"));
        assert_eq!(
            c.perspective.as_deref(),
            Some("an East Africa correspondent")
        );
        assert!(c.event_first);
        // The event is a paragraph of its own; a label with content after it is no heading.
        assert_eq!(
            c.body,
            "Kenyan police deploy to Haiti\n\nKenya led the mission.\n\n\
             Outlook: the mission may struggle."
        );
        let under: Vec<Option<&str>> = c.headings.iter().map(|h| h.as_deref()).collect();
        assert_eq!(under, [None, Some("Background"), Some("Background")]);
        assert_eq!(c.stripped, ["By: A. Writer"]);
        // Numbered sections.
        let c = clean("1. Background\nThe canal runs on rain.\n\n2. Outlook\nRains may return.\n");
        let under: Vec<Option<&str>> = c.headings.iter().map(|h| h.as_deref()).collect();
        assert_eq!(under, [Some("Background"), Some("Outlook")]);
        assert_eq!(c.body, "The canal runs on rain.\n\nRains may return.");
        // A text may open with its labelled lines, without a heading.
        let c = clean("Event: Kenyan police land in Haiti\nBy: A. Writer\n\nThey arrived.\n");
        assert_eq!((c.heading, c.event_first), (None, true));
        assert_eq!(c.body, "Kenyan police land in Haiti\n\nThey arrived.");
        // Labels are only read at the top, and a Date: line needs a date.
        let c = clean("A title\n\nDate: soon\n\nEvent: it happened.\n");
        assert_eq!((c.date_line, c.event_first), (None, false));
        assert_eq!(c.body, "Date: soon\n\nEvent: it happened.");
    }

    #[test]
    fn prose_that_uses_furniture_words_stays() {
        for line in [
            "Officials said on Facebook that the talks would resume in May.",
            "Few of the neighbours subscribe to that reading of the treaty.",
        ] {
            assert_eq!(clean(line).body, line);
        }
    }
}
