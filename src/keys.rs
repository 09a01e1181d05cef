//! Key notation shared by the keymap, the help screen, `geolens snapshot --keys` and tests:
//! plain characters stand for themselves, named keys go in angle brackets as in vim and helix
//! (`<Enter>`, `<S-Tab>`, `<C-c>`, `<PgDn>`), and spaces separate tokens.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the keymap sees it: the code plus Ctrl/Alt. Shift is folded into the character
/// (`G`, not Shift+g) and Shift+Tab into `BackTab`, because terminals report them inconsistently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The event crossterm would deliver for this key.
    pub fn to_event(self) -> KeyEvent {
        let mut mods = KeyModifiers::NONE;
        if self.ctrl {
            mods |= KeyModifiers::CONTROL;
        }
        if self.alt {
            mods |= KeyModifiers::ALT;
        }
        if self.code == KeyCode::BackTab {
            mods |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, mods)
    }

    /// A short label for the help screen and the status line.
    pub fn label(self) -> String {
        self.label_in(false)
    }

    /// The label, with arrows spelt out when the screen is drawn in ASCII.
    pub fn label_in(self, ascii: bool) -> String {
        let arrow = |unicode: &str, word: &str| if ascii { word } else { unicode }.to_owned();
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (false, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

impl From<KeyEvent> for Key {
    fn from(event: KeyEvent) -> Key {
        let code = match event.code {
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }
}

/// The notation form: `j`, `G`, `<Enter>`, `<C-c>`, `<S-Tab>`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && c != ' ' && c != '<' => {
                return write!(f, "{c}");
            }
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char('<') => "lt".to_owned(),
            // Inside brackets a `>` would close them early.
            KeyCode::Char('>') => "gt".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::Backspace => "BS".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let ctrl = if self.ctrl { "C-" } else { "" };
        let alt = if self.alt { "A-" } else { "" };
        write!(f, "<{ctrl}{alt}{name}>")
    }
}

/// Why a key notation could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name.to_ascii_lowercase().as_str() {
        "enter" | "cr" | "ret" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "bs" | "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "del" | "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        f if f.len() >= 2 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
        _ => return None,
    })
}

/// Reads one bracketed key, `<...>` without the brackets.
fn parse_bracketed(inner: &str) -> Result<Key, KeyError> {
    let mut key = Key::plain(KeyCode::Null);
    let mut shift = false;
    let mut rest = inner;
    // Modifier prefixes; a lone "-" or "C--" style key name keeps its last dash.
    while rest.len() > 2 && rest.as_bytes()[1] == b'-' {
        match rest.as_bytes()[0].to_ascii_lowercase() {
            b'c' => key.ctrl = true,
            b'a' | b'm' => key.alt = true,
            b's' => shift = true,
            _ => break,
        }
        rest = &rest[2..];
    }
    key.code = if rest.chars().count() == 1 {
        let c = rest.chars().next().unwrap_or(' ');
        KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c })
    } else {
        match named(rest) {
            Some(KeyCode::Tab) if shift => KeyCode::BackTab,
            Some(code) => code,
            None => return Err(KeyError(format!("unknown key name <{inner}>"))),
        }
    };
    Ok(key)
}

/// Parses a key script: `j j <Enter>`, `/astana<Enter>`, `<C-c>`. Spaces only separate tokens;
/// type a space with `<Space>`.
pub fn parse_keys(script: &str) -> Result<Vec<Key>, KeyError> {
    let mut keys = Vec::new();
    let mut chars = script.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '<' => {
                let close = script[i..]
                    .find('>')
                    .ok_or_else(|| KeyError(format!("unclosed '<' at column {}", i + 1)))?;
                let inner = &script[i + 1..i + close];
                // "<>" alone or an unterminated-looking bracket is taken literally.
                if inner.is_empty() {
                    keys.push(Key::char('<'));
                    continue;
                }
                keys.push(parse_bracketed(inner)?);
                while chars.peek().is_some_and(|&(j, _)| j <= i + close) {
                    chars.next();
                }
            }
            c => keys.push(Key::char(c)),
        }
    }
    Ok(keys)
}

/// Parses exactly one key, for config files.
pub fn parse_key(text: &str) -> Result<Key, KeyError> {
    match parse_keys(text)?.as_slice() {
        [key] => Ok(*key),
        _ => Err(KeyError(format!("expected one key, got {text:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_mix_characters_and_named_keys() {
        let keys = parse_keys("jj <Enter> <S-Tab> <C-c> G/a<Space>b <lt>").unwrap();
        let expected = vec![
            Key::char('j'),
            Key::char('j'),
            Key::plain(KeyCode::Enter),
            Key::plain(KeyCode::BackTab),
            Key::ctrl('c'),
            Key::char('G'),
            Key::char('/'),
            Key::char('a'),
            Key::char(' '),
            Key::char('b'),
            Key::char('<'),
        ];
        assert_eq!(keys, expected);
    }

    #[test]
    fn names_are_case_insensitive_and_have_aliases() {
        assert_eq!(parse_key("<cr>").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(parse_key("<BS>").unwrap(), Key::plain(KeyCode::Backspace));
        assert_eq!(parse_key("<PgDn>").unwrap(), Key::plain(KeyCode::PageDown));
        assert_eq!(parse_key("<F5>").unwrap(), Key::plain(KeyCode::F(5)));
    }

    #[test]
    fn bad_notation_is_an_error_not_a_guess() {
        assert_eq!(
            parse_keys("<Entr>").unwrap_err().to_string(),
            "unknown key name <Entr>"
        );
        assert!(parse_keys("a <Enter").is_err());
        assert!(parse_key("ab").is_err());
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "j",
            "G",
            "<Enter>",
            "<S-Tab>",
            "<C-c>",
            "<Space>",
            "<lt>",
            "<PgDn>",
            "<BS>",
            ">",
            "<C-gt>",
            "<A-S-Tab>",
            "<C-A-S-Tab>",
        ] {
            let key = parse_key(text).unwrap();
            assert_eq!(key.to_string(), text);
            assert_eq!(parse_key(&key.to_string()).unwrap(), key);
        }
    }

    #[test]
    fn terminal_events_fold_shift() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from(shifted), Key::char('G'));
        let back = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(Key::from(back), Key::plain(KeyCode::BackTab));
        assert_eq!(Key::from(Key::ctrl('c').to_event()), Key::ctrl('c'));
    }
}
