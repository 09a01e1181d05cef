//! Light markup taken off a line of text: Markdown headings, list bullets, quotes, bold and links,
//! as deep dives copied from a page or written in a notes app carry them. What is left is the
//! prose, and whether the line was a heading or an item of a list.

/// What a line was, by its markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// `## Outlook`.
    Heading,
    /// A line all in bold (`**Outlook**`): a heading unless it is a sentence.
    Bold,
    /// `- ...`, `* ...`, `• ...`, `1. ...`: an item of a list, a paragraph of its own.
    Item,
}

/// The line without its markup, and what the markup said it was.
pub fn unmark(line: &str) -> (String, Mark) {
    let mut rest = line.trim();
    while let Some(r) = rest.strip_prefix('>') {
        rest = r.trim_start();
    }
    let mut mark = Mark::Plain;
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if (1..=6).contains(&hashes)
        && rest[hashes..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
    {
        rest = rest[hashes..].trim().trim_end_matches('#').trim_end();
        mark = Mark::Heading;
    } else if let Some(item) = item(rest) {
        rest = item;
        mark = Mark::Item;
    }
    let whole_bold = rest.len() > 4
        && ["**", "__"].iter().any(|m| {
            rest.starts_with(m) && rest.ends_with(m) && !rest[2..rest.len() - 2].contains(m)
        });
    if whole_bold {
        rest = &rest[2..rest.len() - 2];
        if mark == Mark::Plain {
            mark = Mark::Bold;
        }
    }
    // `__` marks bold only around a whole line: inside one it may be part of a name.
    let text = links(&rest.replace("**", ""));
    (text, mark)
}

/// The text of a list item, after its bullet or number.
fn item(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "+ ", "• ", "– ", "— "] {
        if let Some(r) = line.strip_prefix(bullet) {
            return Some(r.trim_start());
        }
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits) {
        let r = &line[digits..];
        for after in [". ", ") "] {
            if let Some(r) = r.strip_prefix(after) {
                return Some(r.trim_start());
            }
        }
    }
    None
}

/// `[text](url)` as its text.
fn links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let url = &after[close + 2..];
            let end = url.find(')')?;
            // A URL has no spaces; a bracket that is prose keeps its brackets.
            (!url[..end].contains(char::is_whitespace)).then_some((close, close + 2 + end + 1))
        });
        match link {
            Some((close, end)) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_comes_off_and_says_what_the_line_was() {
        let cases = [
            ("## Outlook", "Outlook", Mark::Heading),
            ("### Key actors ###", "Key actors", Mark::Heading),
            ("**Challenges**", "Challenges", Mark::Bold),
            ("#hashtag politics", "#hashtag politics", Mark::Plain),
            (
                "- Transits fell to 24 a day.",
                "Transits fell to 24 a day.",
                Mark::Item,
            ),
            ("• Oil rose.", "Oil rose.", Mark::Item),
            ("2. Talks resume.", "Talks resume.", Mark::Item),
            (
                "2024 was a hard year.",
                "2024 was a hard year.",
                Mark::Plain,
            ),
            ("> **Event:** a drought.", "Event: a drought.", Mark::Plain),
            (
                "See [the report](https://example.org/r) and [1] too.",
                "See the report and [1] too.",
                Mark::Plain,
            ),
            ("A -5% drop.", "A -5% drop.", Mark::Plain),
            ("__Risks__", "Risks", Mark::Bold),
            ("The __init__ file.", "The __init__ file.", Mark::Plain),
        ];
        for (line, text, mark) in cases {
            assert_eq!(unmark(line), (text.to_owned(), mark), "{line:?}");
        }
    }
}
