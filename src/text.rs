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
pub fn sanitize(text: &str) -> Cow<'_, str> {
    match text.char_indices().find(|&(_, c)| is_unsafe(c)) {
        None => Cow::Borrowed(text),
        Some((first, _)) => {
            let mut out = String::with_capacity(text.len() + 8);
            out.push_str(&text[..first]);
            out.extend(
                text[first..]
                    .chars()
                    .map(|c| if is_unsafe(c) { replacement(c) } else { c }),
            );
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        let s = "Kazakhstan – Қазақстан 🇰🇿 👩‍👩‍👧";
        assert!(matches!(sanitize(s), Cow::Borrowed(x) if x == s));
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
