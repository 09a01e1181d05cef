//! Making untrusted text safe to put on a terminal.
//!
//! A dataset is untrusted input: a title holding `ESC ] 0 ;` could retitle the window, a CSI
//! sequence could clear the screen or move the cursor, a bidi override could make one id look like
//! another. Every string from data passes through [`sanitize`] before it reaches the screen or
//! stdout. ratatui drops some of these characters, not all, so we do not rely on it.

use std::borrow::Cow;

/// Whether a character must never be written to a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters that reorder text (Trojan Source, CVE-2021-42574) rather than show anything.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in for an unsafe character: C0 controls and DEL become their Unicode
/// Control Pictures (`␛` for ESC), so a reader can see what was there; C1 controls and bidi
/// controls become `�`. Tabs and line breaks become a space: callers that keep line structure split
/// on `\n` first.
fn replacement(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// `text` with every unsafe character replaced by a visible form; borrowed when nothing changes.
/// Regional indicators become the letters they stand for (🇰🇿 is `KZ`): a flag is one wide glyph
/// in some terminals and two narrow ones in others (tmux), which leaves half a flag behind when
/// the screen changes. Each character becomes one, so positions in the text still hold.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let changed = |c: char| is_unsafe(c) || is_regional_indicator(c);
    match text.char_indices().find(|&(_, c)| changed(c)) {
        None => Cow::Borrowed(text),
        Some((first, _)) => {
            let mut out = String::with_capacity(text.len() + 8);
            out.push_str(&text[..first]);
            out.extend(text[first..].chars().map(|c| {
                if is_unsafe(c) {
                    replacement(c)
                } else if is_regional_indicator(c) {
                    char::from(b'A' + (c as u32 - 0x1F1E6) as u8)
                } else {
                    c
                }
            }));
            Cow::Owned(out)
        }
    }
}

/// The most combining marks one character cell keeps: enough for any real script, while
/// "Zalgo" text piles dozens, which terminals cut at different points (tmux keeps about ten).
pub const MAX_MARKS: usize = 4;

/// Characters that only shape their neighbours, and that terminals disagree on: zero-width
/// spaces and joiners, variation selectors, emoji skin-tone modifiers, tag characters.
fn is_shaping(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// How the grapheme `symbol`, given `symbol.width()` cells by the layout, should be put in those
/// cells so that every terminal shows it there: `(offset, text)` for each cell that gets text
/// (the others stay blank), or `None` when it is fine in one cell as it is.
///
/// ratatui puts a grapheme in one cell and blanks the cells it covers; terminals lay text out
/// character by character, and disagree on exactly these:
/// - an emoji ZWJ sequence is one wide glyph in some terminals, three or four in tmux;
/// - a lone U+200D moves into the next cell in tmux; variation selectors and skin tones change
///   widths; piles of combining marks are cut at different points (tmux keeps about ten);
/// - a cluster of several visible characters (a Devanagari conjunct, a flag) takes one cell per
///   character in most terminals, so redrawing its first cell left the others on screen.
///
/// So shaping characters go, each visible character keeps at most [`MAX_MARKS`] marks and gets a
/// cell of its own, and what does not fit in the cells the layout gave is left out: the text
/// stays readable and nothing moves or lingers.
pub fn cluster_cells(symbol: &str) -> Option<Vec<(usize, String)>> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if symbol.is_ascii() {
        return None;
    }
    // Each visible character with the marks after it.
    let mut groups: Vec<(usize, String)> = Vec::new();
    let mut marks = 0;
    for c in symbol.chars().filter(|&c| !is_shaping(c)) {
        let width = if is_regional_indicator(c) {
            1
        } else {
            c.width().unwrap_or(0)
        };
        match groups.last_mut() {
            Some((_, group)) if width == 0 => {
                if marks < MAX_MARKS {
                    group.push(c);
                }
                marks += 1;
            }
            _ if width == 0 => {}
            _ => {
                let c = if is_regional_indicator(c) {
                    char::from(b'A' + (c as u32 - 0x1F1E6) as u8)
                } else {
                    c
                };
                groups.push((width, c.to_string()));
                marks = 0;
            }
        }
    }
    if let [(_, only)] = &groups[..]
        && only == symbol
    {
        return None;
    }
    let cells = symbol.width();
    let mut out = Vec::new();
    let mut at = 0;
    for (width, text) in groups {
        if at + width > cells {
            break;
        }
        out.push((at, text));
        at += width;
    }
    if out.is_empty() && cells > 0 {
        out.push((0, "\u{FFFD}".to_owned()));
    }
    Some(out)
}

/// How much of a quoted value a message shows.
pub const QUOTE_CHARS: usize = 80;

/// An error message fit for a terminal: each line sanitized (the line breaks kept), and every
/// quoted value longer than [`QUOTE_CHARS`] characters cut, with its size said: a 10 MB bad date
/// is a line, not 10 MB of stderr. Every error geolens prints goes through here, clap's usage
/// errors too, since each can hold a piece of what the user or a file gave.
pub fn message(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4096));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&cut_quotes(&sanitize(line)));
    }
    out
}

/// `"value"` as Rust quotes it (controls escaped), cut to [`QUOTE_CHARS`] characters as
/// [`message`] cuts: `"first eighty…"(N bytes)`.
pub fn quote(value: &str) -> String {
    let mut shown = String::from("\"");
    let mut count = 0;
    for c in value.chars() {
        let mut buf = [0u8; 4];
        let quoted = format!("{:?}", &*c.encode_utf8(&mut buf));
        let escaped = &quoted[1..quoted.len() - 1];
        count += escaped.chars().count();
        if count > QUOTE_CHARS {
            return format!("{shown}…\"({} bytes)", value.len());
        }
        shown.push_str(escaped);
    }
    shown.push('"');
    shown
}

/// `text` without SGR sequences (`ESC [ 1 ; 33 m`): the styling clap puts in its messages.
/// Everything else is left for [`message`] to neutralise.
pub fn without_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push_str("\x1b[");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Cuts each quoted run (`"…"`, `'…'` or `` `…` ``) longer than [`QUOTE_CHARS`] characters. A
/// quote opens only where a word cannot go on (so the apostrophe of "country's" opens nothing);
/// inside double quotes a backslash escapes the next character, as Rust's `{:?}` writes them.
fn cut_quotes(line: &str) -> Cow<'_, str> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, q) = chars[i];
        let opens = matches!(q, '"' | '\'' | '`') && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        if !opens {
            i += 1;
            continue;
        }
        // The closing quote, or the end of the line.
        let mut j = i + 1;
        while j < chars.len() && chars[j].1 != q {
            j += if q == '"' && chars[j].1 == '\\' { 2 } else { 1 };
        }
        let end = j.min(chars.len());
        // (One more for the `…` of a value [`quote`] has cut already.)
        if end - i - 1 > QUOTE_CHARS + 1 {
            let content_start = at + q.len_utf8();
            let content_end = chars.get(end).map_or(line.len(), |&(b, _)| b);
            let keep = chars[i + 1 + QUOTE_CHARS].0;
            out.push_str(&line[copied..keep]);
            out.push('…');
            out.push(q);
            out.push_str(&format!("({} bytes)", content_end - content_start));
            copied = chars.get(end + 1).map_or(line.len(), |&(b, _)| b);
        }
        i = end + 1;
    }
    if copied == 0 {
        return Cow::Borrowed(line);
    }
    out.push_str(&line[copied.min(line.len())..]);
    Cow::Owned(out)
}

/// Pretty JSON with every character a terminal could act on escaped (serde_json leaves DEL, C1
/// controls and bidi overrides as they are; inside strings, the only place they can be, an
/// escape is equivalent), ending in a newline: what geolens prints or writes as JSON.
pub fn safe_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).expect("geolens's JSON values serialise");
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_are_cut_and_sized() {
        let long = "x".repeat(10_000);
        assert_eq!(
            message(&format!("f.json:1:2: invalid date {:?}: no", long)),
            format!(
                "f.json:1:2: invalid date \"{}…\"(10000 bytes): no",
                "x".repeat(80)
            )
        );
        assert_eq!(
            message(&format!("invalid value '{long}' for '--size <SIZE>'")),
            format!(
                "invalid value '{}…'(10000 bytes) for '--size <SIZE>'",
                "x".repeat(80)
            )
        );
        assert_eq!(
            message(&format!("unknown variant `{long}`, expected `a`")),
            format!(
                "unknown variant `{}…`(10000 bytes), expected `a`",
                "x".repeat(80)
            )
        );
        let short = "a country's id is \"GB\", not \"UK\"";
        assert_eq!(message(short), short);
        let apostrophes = format!("it's {} it's", "y".repeat(200));
        assert_eq!(message(&apostrophes), apostrophes);
        assert_eq!(quote("ab\u{1b}"), "\"ab\\u{1b}\"");
        let escapes = "\u{1b}".repeat(100);
        assert_eq!(
            message(&format!("bad {}", quote(&escapes))),
            format!("bad \"{}…\"(100 bytes)", "\\u{1b}".repeat(13)),
            "cut once, by what is shown"
        );
        assert_eq!(
            quote(&long),
            format!("\"{}…\"(10000 bytes)", "x".repeat(80))
        );
        assert_eq!(
            without_sgr("\x1b[1m\x1b[31merror:\x1b[0m '\x1b]2;x\x07' \x1b[2J"),
            "error: '\x1b]2;x\x07' \x1b[2J"
        );
    }

    #[test]
    fn clusters_terminals_disagree_on_get_a_cell_per_character() {
        use unicode_width::UnicodeWidthStr;
        let cells = |s: &str| cluster_cells(s);
        let one = |text: &str| Some(vec![(0, text.to_owned())]);
        let family = "👩\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(cells(family), one("👩"));
        assert_eq!(cells("c\u{200D}"), one("c"));
        assert_eq!(cells("👍🏽"), one("👍"));
        // 🏳️‍🌈 is two cells wide to unicode-width; the white flag alone is one.
        assert_eq!(cells("🏳\u{FE0F}\u{200D}🌈"), one("🏳"));
        let zalgo = format!("e{}", "\u{301}".repeat(12));
        assert_eq!(
            cells(&zalgo),
            one(&format!("e{}", "\u{301}".repeat(MAX_MARKS)))
        );
        assert_eq!(
            cells("स्ते"),
            Some(vec![(0, "स्".to_owned()), (1, "ते".to_owned())])
        );
        assert_eq!(
            cells("🇰🇿"),
            Some(vec![(0, "K".to_owned()), (1, "Z".to_owned())])
        );
        for fine in ["a", "中", "é", "e\u{301}", "ภ", "👩"] {
            assert_eq!(cells(fine), None, "{fine}");
        }
        for symbol in [family, "👍🏽", &zalgo, "x\u{FE0F}", "स्ते", "\u{200D}x"] {
            let placed = cells(symbol).unwrap();
            let end = placed
                .iter()
                .map(|(at, t)| at + t.width())
                .max()
                .unwrap_or(0);
            assert!(end <= symbol.width(), "{symbol:?} -> {placed:?}");
            assert!(placed.iter().all(|(_, t)| !t.chars().any(is_shaping)));
        }
    }

    #[test]
    fn messages_keep_their_lines_and_lose_their_escapes() {
        assert_eq!(
            message("error: bad '\x1b]2;PWNED\x07'\n\nUsage: x \u{9b}2J"),
            "error: bad '␛]2;PWNED␇'\n\nUsage: x \u{FFFD}2J"
        );
    }

    #[test]
    fn plain_text_is_borrowed_untouched() {
        let s = "Kazakhstan – Қазақстан 👩‍👩‍👧";
        assert!(matches!(sanitize(s), Cow::Borrowed(x) if x == s));
        assert_eq!(sanitize("Astana 🇰🇿"), "Astana KZ");
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(sanitize("a\x1b]0;pwned\x07b"), "a␛]0;pwned␇b");
        assert_eq!(sanitize("\x1b[2J"), "␛[2J");
        assert_eq!(sanitize("x\u{9b}2Jy"), "x\u{FFFD}2Jy");
        assert_eq!(sanitize("del\x7f nul\0"), "del␡ nul␀");
    }

    #[test]
    fn bidi_controls_and_line_breaks_are_neutralised() {
        assert_eq!(sanitize("ab\u{202E}cd\u{2066}"), "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(sanitize("one\ntwo\tthree\u{2028}"), "one two three ");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!sanitize(&all).chars().any(is_unsafe));
    }
}
