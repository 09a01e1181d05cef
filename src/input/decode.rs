//! The bytes a terminal sends for keys, the mouse and pastes, decoded into crossterm events.
//!
//! The grammar is xterm's (ctlseqs, "PC-Style Function Keys", SGR mouse, bracketed paste), which
//! every terminal geolens meets speaks. What this decoder adds to the usual is that it is total:
//! whatever bytes arrive, in whatever pieces, the input comes back to plain keys.
//! - A sequence that breaks off (`ESC [ 1 ;` then a letter that cannot end it) gives up its bytes
//!   and the byte that broke it is read afresh, so a Ctrl-C typed after garbage still quits.
//! - A sequence that never ends is bounded ([`MAX_SEQUENCE`]) and dropped after [`SEQUENCE_IDLE`]
//!   without bytes.
//! - A paste whose end marker never comes (`ESC [ 200 ~` alone, crossterm-rs/crossterm#1060)
//!   ends as text after [`PASTE_IDLE`] without bytes, and holds at most [`MAX_PASTE`] bytes.

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::mouse::{sgr_mouse, x10_mouse};

const ESC: u8 = 0x1B;
const PASTE_END: &[u8] = b"\x1b[201~";

/// How long a paste may pause before it is taken to have ended: a terminal sends a paste in one
/// go, so half a second of silence means the end marker was lost, not that more is coming.
pub const PASTE_IDLE: Duration = Duration::from_millis(500);
/// How long an unfinished escape sequence waits for the rest: terminals send a key's sequence in
/// one write, so only a split packet over a slow link ever needs more than a few milliseconds.
pub const SEQUENCE_IDLE: Duration = Duration::from_millis(100);
/// The longest escape sequence kept: real ones are under 32 bytes.
pub const MAX_SEQUENCE: usize = 64;
/// The most of one paste kept; the rest is dropped (never taken as keys).
pub const MAX_PASTE: usize = 4 << 20;

/// Turns terminal input into events. Feed it what the terminal sends, tell it when the terminal
/// has nothing more for now and when it has been quiet for [`Decoder::waiting`], and take the
/// events out in order.
#[derive(Debug, Default)]
pub struct Decoder {
    /// The start of a sequence or a UTF-8 character whose rest has not come yet.
    pending: Vec<u8>,
    paste: Option<Paste>,
    events: VecDeque<Event>,
}

#[derive(Debug, Default)]
struct Paste {
    /// What was pasted, up to [`MAX_PASTE`] bytes.
    text: Vec<u8>,
    /// How many bytes came, kept or not.
    seen: usize,
    /// The last bytes, to see the end marker even past the cap.
    window: Vec<u8>,
}

/// What the start of the pending bytes is.
enum Step {
    /// A sequence that needs more bytes.
    More,
    /// The first `n` bytes are one event (or nothing anyone can use).
    Done(usize, Option<Event>),
    /// The first `n` bytes open a bracketed paste.
    PasteStart(usize),
}

impl Decoder {
    /// Decodes `bytes`, which continue whatever came before.
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if let Some(paste) = &mut self.paste {
                if paste.push(b) {
                    let paste = self.paste.take().unwrap_or_default();
                    self.events.push_back(paste.finish(true));
                }
                continue;
            }
            self.pending.push(b);
            self.decode_pending();
        }
    }

    fn decode_pending(&mut self) {
        while !self.pending.is_empty() {
            match step(&self.pending) {
                Step::More if self.pending.len() > MAX_SEQUENCE => self.pending.clear(),
                Step::More => return,
                Step::Done(n, event) => {
                    self.pending.drain(..n.max(1));
                    self.events.extend(event);
                }
                Step::PasteStart(n) => {
                    let rest: Vec<u8> = self.pending.drain(..).skip(n).collect();
                    self.paste = Some(Paste::default());
                    self.feed(&rest);
                    return;
                }
            }
        }
    }

    /// The terminal has sent everything it had: an `ESC` with nothing after it is the Esc key,
    /// as in crossterm (a key's sequence comes in one write, so its `[` would be here already).
    pub fn end_of_input(&mut self) {
        if self.pending == [ESC] {
            self.pending.clear();
            self.events.push_back(key(KeyCode::Esc, KeyModifiers::NONE));
        }
    }

    /// How long to wait for more bytes before [`Decoder::timeout`]; `None` when nothing waits.
    pub fn waiting(&self) -> Option<Duration> {
        if self.paste.is_some() {
            Some(PASTE_IDLE)
        } else if !self.pending.is_empty() {
            Some(SEQUENCE_IDLE)
        } else {
            None
        }
    }

    /// Nothing came for [`Decoder::waiting`]: a paste ends as the text it has, an unfinished
    /// sequence is dropped (a lone `ESC` is the Esc key).
    pub fn timeout(&mut self) {
        if let Some(paste) = self.paste.take() {
            self.events.push_back(paste.finish(false));
        }
        self.end_of_input();
        self.pending.clear();
    }

    /// The next decoded event.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }
}

impl Paste {
    /// Adds a byte; true when it completes the end marker.
    fn push(&mut self, b: u8) -> bool {
        self.seen += 1;
        if self.text.len() < MAX_PASTE {
            self.text.push(b);
        }
        if self.window.len() == PASTE_END.len() {
            self.window.remove(0);
        }
        self.window.push(b);
        self.window == PASTE_END
    }

    /// The pasted text, less the end marker when it came.
    fn finish(mut self, ended: bool) -> Event {
        if ended {
            self.text.truncate(self.seen - PASTE_END.len());
        }
        Event::Paste(String::from_utf8_lossy(&self.text).into_owned())
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Decodes the event at the start of `buf`.
fn step(buf: &[u8]) -> Step {
    match buf[0] {
        ESC => escape(buf),
        _ => plain(buf),
    }
}

/// A byte or UTF-8 character typed as it is, as crossterm reads it in raw mode.
fn plain(buf: &[u8]) -> Step {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let event = match buf[0] {
        b'\r' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7F => key(KeyCode::Backspace, none),
        0 => key(KeyCode::Char(' '), ctrl),
        c @ 0x01..=0x1A => key(KeyCode::Char((c - 1 + b'a') as char), ctrl),
        c @ 0x1C..=0x1F => key(KeyCode::Char((c - 0x1C + b'4') as char), ctrl),
        c if c < 0x80 => character(c as char),
        lead => {
            let len = match lead {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                // A stray continuation byte or one no UTF-8 text holds.
                _ => return Step::Done(1, None),
            };
            // Each byte must be a continuation, or the character is broken off where it is not.
            if let Some(bad) = buf[1..].iter().position(|&b| b & 0xC0 != 0x80) {
                return Step::Done(bad + 1, None);
            }
            if buf.len() < len {
                return Step::More;
            }
            match std::str::from_utf8(&buf[..len]) {
                Ok(s) => return Step::Done(len, s.chars().next().map(character)),
                Err(_) => return Step::Done(len, None),
            }
        }
    };
    Step::Done(1, Some(event))
}

/// A typed character; capitals carry Shift, as crossterm reports them.
fn character(c: char) -> Event {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), modifiers)
}

fn escape(buf: &[u8]) -> Step {
    let Some(&second) = buf.get(1) else {
        return Step::More;
    };
    match second {
        b'[' => csi(buf),
        b'O' => ss3(buf),
        // Esc pressed twice: the first is a key, the second may start anything.
        ESC => Step::Done(1, Some(key(KeyCode::Esc, KeyModifiers::NONE))),
        // Alt with a key: ESC and then the key.
        _ => match plain(&buf[1..]) {
            Step::More => Step::More,
            Step::Done(n, Some(Event::Key(mut k))) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Done(n + 1, Some(Event::Key(k)))
            }
            Step::Done(n, other) => Step::Done(n + 1, other),
            Step::PasteStart(_) => unreachable!("a paste starts with ESC ["),
        },
    }
}

/// `ESC O x`: keys in the terminal's application mode.
fn ss3(buf: &[u8]) -> Step {
    let Some(&last) = buf.get(2) else {
        return Step::More;
    };
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'M' => KeyCode::Enter,
        b'P'..=b'S' => KeyCode::F(1 + last - b'P'),
        // Not a key: it and what follows are read afresh.
        _ => return Step::Done(2, None),
    };
    Step::Done(3, Some(key(code, KeyModifiers::NONE)))
}

/// `ESC [ params final`.
fn csi(buf: &[u8]) -> Step {
    if buf.get(2) == Some(&b'M') {
        // X10 mouse: three bytes follow, each offset by 32, so a control byte breaks it off.
        if let Some(i) = buf.iter().skip(3).position(|&b| b < 0x20) {
            return Step::Done(i + 3, None);
        }
        return if buf.len() < 6 {
            Step::More
        } else {
            Step::Done(6, x10_mouse(buf[3], buf[4], buf[5]))
        };
    }
    for (i, &b) in buf.iter().enumerate().skip(2) {
        match b {
            // Parameters and intermediates.
            0x20..=0x3F => {}
            0x40..=0x7E if &buf[2..i] == b"200" && b == b'~' => return Step::PasteStart(i + 1),
            0x40..=0x7E => return Step::Done(i + 1, csi_event(&buf[2..i], b)),
            // Anything else cannot be in a sequence: drop what came before, read it afresh.
            _ => return Step::Done(i, None),
        }
    }
    Step::More
}

/// The numbers of a parameter string, `1;5` -> [1, 5]; an empty one is 0 here (`CSI ; 5 A`).
pub(super) fn numbers(params: &[u8]) -> Vec<u32> {
    params
        .split(|&b| b == b';')
        .map(|p| {
            p.iter()
                .take_while(|b| b.is_ascii_digit())
                .fold(0u32, |n, &d| {
                    n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
                })
        })
        .collect()
}

/// xterm's modifier parameter: 1 + Shift 1, Alt 2, Ctrl 4, Meta/Super 8.
fn modifiers(param: Option<u32>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    for (bit, flag) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
    ] {
        if bits & bit != 0 {
            m |= flag;
        }
    }
    m
}

/// What a finished CSI sequence means, if anything geolens uses: keys, the mouse, focus.
/// Replies to queries and everything else are dropped.
fn csi_event(params: &[u8], last: u8) -> Option<Event> {
    if let Some(mouse) = params.strip_prefix(b"<") {
        return sgr_mouse(mouse, last);
    }
    if params
        .first()
        .is_some_and(|b| !b.is_ascii_digit() && *b != b';')
    {
        // Private replies (`CSI ? ... c`) and the like.
        return None;
    }
    let n = numbers(params);
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        // `CSI row ; col R` answers a cursor query; F3 with modifiers is `CSI 1 ; m R`.
        b'R' if n.len() == 2 && n[0] == 1 => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'I' if params.is_empty() => return Some(Event::FocusGained),
        b'O' if params.is_empty() => return Some(Event::FocusLost),
        b'~' => match n.first().copied().unwrap_or(0) {
            // xterm's modifyOtherKeys: `CSI 27 ; m ; code ~`.
            27 if n.len() == 3 => return code_key(n[2], modifiers(n.get(1).copied())),
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            f @ 11..=15 => KeyCode::F((f - 10) as u8),
            f @ 17..=21 => KeyCode::F((f - 11) as u8),
            f @ 23..=26 => KeyCode::F((f - 12) as u8),
            f @ 28..=29 => KeyCode::F((f - 15) as u8),
            f @ 31..=34 => KeyCode::F((f - 14) as u8),
            _ => return None,
        },
        // The fixterms / kitty form: `CSI code ; m u`.
        b'u' => return code_key(*n.first()?, modifiers(n.get(1).copied())),
        _ => return None,
    };
    Some(key(code, modifiers(n.get(1).copied())))
}

/// A key given by its code point, as `CSI u` and modifyOtherKeys give it.
fn code_key(code: u32, mut modifiers: KeyModifiers) -> Option<Event> {
    let code = match code {
        13 => KeyCode::Enter,
        27 => KeyCode::Esc,
        9 if modifiers.contains(KeyModifiers::SHIFT) => {
            modifiers -= KeyModifiers::SHIFT;
            return Some(key(KeyCode::BackTab, modifiers | KeyModifiers::SHIFT));
        }
        9 => KeyCode::Tab,
        127 | 8 => KeyCode::Backspace,
        c => {
            let c = char::from_u32(c).filter(|c| !c.is_control())?;
            // Shift is in the character already (`G`, not Shift+g), as for typed text.
            if modifiers.contains(KeyModifiers::SHIFT) && c.is_lowercase() {
                let upper = c.to_uppercase().next().unwrap_or(c);
                return Some(key(KeyCode::Char(upper), modifiers));
            }
            KeyCode::Char(c)
        }
    };
    Some(key(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

    fn decode(chunks: &[&[u8]]) -> Vec<Event> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        for chunk in chunks {
            d.feed(chunk);
            d.end_of_input();
            while let Some(e) = d.next_event() {
                out.push(e);
            }
        }
        out
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    fn c(ch: char) -> Event {
        character(ch)
    }

    #[test]
    fn plain_keys_controls_and_utf8() {
        assert_eq!(
            decode(&["jK\r\t\x7f\x03é中".as_bytes()]),
            [
                c('j'),
                c('K'),
                k(KeyCode::Enter),
                k(KeyCode::Tab),
                k(KeyCode::Backspace),
                key(KeyCode::Char('c'), KeyModifiers::CONTROL),
                c('é'),
                c('中'),
            ]
        );
    }

    #[test]
    fn a_character_split_across_reads_is_whole() {
        let bytes = "中".as_bytes();
        assert_eq!(decode(&[&bytes[..1], &bytes[1..]]), [c('中')]);
    }

    #[test]
    fn escape_sequences_for_keys() {
        assert_eq!(
            decode(&[b"\x1b[A\x1bOB\x1b[1;5C\x1b[5~\x1b[6;2~\x1b[Z\x1bOP\x1b[15~\x1bj"]),
            [
                k(KeyCode::Up),
                k(KeyCode::Down),
                key(KeyCode::Right, KeyModifiers::CONTROL),
                k(KeyCode::PageUp),
                key(KeyCode::PageDown, KeyModifiers::SHIFT),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::F(1)),
                k(KeyCode::F(5)),
                key(KeyCode::Char('j'), KeyModifiers::ALT),
            ]
        );
    }

    #[test]
    fn a_lone_escape_at_the_end_of_input_is_the_esc_key() {
        assert_eq!(decode(&[b"\x1b", b"q"]), [k(KeyCode::Esc), c('q')]);
        assert_eq!(decode(&[b"\x1b\x1b"]), [k(KeyCode::Esc), k(KeyCode::Esc)]);
    }

    #[test]
    fn a_broken_sequence_gives_back_the_byte_that_broke_it() {
        assert_eq!(
            decode(&[b"\x1b[1;\x03q"]),
            [key(KeyCode::Char('c'), KeyModifiers::CONTROL), c('q')]
        );
        assert_eq!(decode(&[b"\x1b[\x1b[B"]), [k(KeyCode::Down)]);
    }

    #[test]
    fn an_endless_sequence_is_bounded() {
        let mut d = Decoder::default();
        d.feed(b"\x1b[");
        d.feed(&[b'1'; 1000]);
        d.feed(b"q");
        d.end_of_input();
        assert!(d.pending.len() <= MAX_SEQUENCE);
        d.timeout();
        d.feed(b"q");
        d.end_of_input();
        let events: Vec<Event> = std::iter::from_fn(|| d.next_event()).collect();
        assert_eq!(events.last(), Some(&c('q')));
    }

    #[test]
    fn a_bracketed_paste_is_one_event_whatever_it_holds() {
        assert_eq!(
            decode(&[b"x\x1b[200~q\x1b[A\x03", b"\r\n\x1b[201~j"]),
            [c('x'), Event::Paste("q\x1b[A\x03\r\n".into()), c('j')]
        );
    }

    #[test]
    fn a_paste_without_its_end_ends_as_text_after_a_pause() {
        let mut d = Decoder::default();
        d.feed(b"\x1b[200~abc");
        d.end_of_input();
        assert_eq!(d.next_event(), None);
        assert_eq!(d.waiting(), Some(PASTE_IDLE));
        d.timeout();
        assert_eq!(d.next_event(), Some(Event::Paste("abc".into())));
        assert_eq!(d.waiting(), None);
        d.feed(b"q");
        assert_eq!(d.next_event(), Some(c('q')));
    }

    #[test]
    fn a_huge_paste_is_capped_and_its_end_still_seen() {
        let mut d = Decoder::default();
        d.feed(b"\x1b[200~");
        d.feed(&vec![b'a'; MAX_PASTE + 10]);
        d.feed(b"\x1b[201~q");
        match d.next_event() {
            Some(Event::Paste(text)) => assert_eq!(text.len(), MAX_PASTE),
            other => panic!("{other:?}"),
        }
        assert_eq!(d.next_event(), Some(c('q')));
    }

    #[test]
    fn mouse_reports() {
        let ev = |kind, column, row| {
            Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            decode(&[b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;1;1M\x1b[M !!"]),
            [
                ev(MouseEventKind::Down(MouseButton::Left), 9, 4),
                ev(MouseEventKind::Up(MouseButton::Left), 9, 4),
                ev(MouseEventKind::ScrollDown, 0, 0),
                ev(MouseEventKind::Down(MouseButton::Left), 0, 0),
            ]
        );
    }

    #[test]
    fn replies_and_unknown_sequences_are_dropped() {
        assert_eq!(
            decode(&[b"\x1b[?1;2c\x1b[12;40R\x1b[99x\x1b[>1;2c\x1b[Ij"]),
            [Event::FocusGained, c('j')]
        );
    }
}
