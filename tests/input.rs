//! Random bytes, as a terminal (or something in the way) might send them, through the real input
//! path: the decoder the tty reader feeds (`geolens::input::Decoder`), in pieces as reads return
//! them, with pauses, and its events into the explorer (`App::handle_event`). Whatever came before
//! (half sequences, paste starts without ends, mouse reports cut short, broken UTF-8), once the
//! input has paused, Esc closes what is open and `q` quits; Ctrl-C quits at any moment.
//!
//! `PROPTEST_CASES` sets the number of cases (2,000 when unset).

mod common;

use crossterm::event::{Event, KeyCode, KeyModifiers};
use geolens::app::App;
use geolens::app::keymap::Keymap;
use geolens::data::Dataset;
use geolens::input::Decoder;
use geolens::pages;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestRunner};
use ratatui::layout::Rect;

/// What happens on the wire between two reads.
#[derive(Debug, Clone)]
enum Piece {
    /// Bytes that arrive in one read.
    Read(Vec<u8>),
    /// The terminal goes quiet long enough for the decoder's timeouts.
    Pause,
}

/// Fragments of what terminals send, so that random streams hit the sequences' edges often.
const FRAGMENTS: &[&[u8]] = &[
    b"\x1b",
    b"\x1b[",
    b"\x1b[200~",
    b"\x1b[201~",
    b"\x1b[20",
    b"\x1bO",
    b"\x1b[<0;1;",
    b"\x1b[<65;3;4M",
    b"\x1b[M",
    b"\x1b[1;5",
    b"\x1b[27;5;",
    b"\x1b[99;5",
    b"\x1b]0;title\x07",
    b"\x1bP",
    b"123;",
    b"~",
    b"j",
    b"/",
    b"f",
    b"?",
    b"\r",
    b"\x7f",
    b"\xe4\xb8",
    b"\xad",
    b"\xf0\x9f",
    b"\xff",
];

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = select(FRAGMENTS).prop_map(|f| f.to_vec());
    let any = vec(any::<u8>(), 1..8);
    vec(prop_oneof![3 => fragment, 1 => any], 1..12).prop_map(|parts| parts.concat())
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![6 => bytes().prop_map(Piece::Read), 1 => Just(Piece::Pause)]
}

/// The explorer behind a decoder, fed as the tty reader feeds it.
struct Wire<'d> {
    data: &'d Dataset,
    decoder: Decoder,
    app: App,
}

impl<'d> Wire<'d> {
    fn new(data: &'d Dataset) -> Wire<'d> {
        let mut app = App::new(data, Keymap::default(), pages::UNICODE, Rect::default());
        app.handle_event(data, &Event::Resize(80, 24));
        Wire {
            data,
            decoder: Decoder::default(),
            app,
        }
    }

    fn piece(&mut self, piece: &Piece) {
        match piece {
            Piece::Read(bytes) => {
                self.decoder.feed(bytes);
                self.decoder.end_of_input();
            }
            Piece::Pause => {
                if self.decoder.waiting().is_some() {
                    self.decoder.timeout();
                }
            }
        }
        while let Some(event) = self.decoder.next_event() {
            self.app.handle_event(self.data, &event);
        }
    }

    fn read(&mut self, bytes: &[u8]) {
        self.piece(&Piece::Read(bytes.to_vec()));
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000)
}

fn check(run: impl Fn(&[Piece]) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&vec(piece(), 1..16), |pieces| run(&pieces));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn after_any_bytes_and_a_pause_esc_and_q_quit() {
    let data = common::fixture("mini");
    check(|pieces| {
        let mut wire = Wire::new(&data);
        for p in pieces {
            wire.piece(p);
        }
        // Whatever the bytes did (a random `q` may have quit already), the keys work now.
        wire.app.quit = false;
        wire.piece(&Piece::Pause);
        prop_assert_eq!(wire.decoder.waiting(), None, "nothing waits after a pause");
        wire.read(b"\x1b");
        wire.read(b"\x1b");
        wire.read(b"q");
        prop_assert!(wire.app.quit, "q did not quit after {:?}", pieces);
        Ok(())
    });
}

#[test]
fn ctrl_c_quits_straight_after_any_bytes_except_inside_a_paste() {
    let data = common::fixture("mini");
    check(|pieces| {
        let mut wire = Wire::new(&data);
        for p in pieces {
            wire.piece(p);
        }
        wire.app.quit = false;
        let pasting = wire.decoder.waiting() == Some(geolens::input::decode::PASTE_IDLE);
        wire.read(b"\x03");
        if pasting {
            // A paste is text, Ctrl-C included; it ends at the pause and Ctrl-C works again.
            wire.piece(&Piece::Pause);
            wire.read(b"\x03");
        }
        prop_assert!(wire.app.quit, "Ctrl-C did not quit after {:?}", pieces);
        Ok(())
    });
}

#[test]
fn after_a_pause_q_decodes_as_q_alone() {
    check(|pieces| {
        let mut decoder = Decoder::default();
        for p in pieces {
            match p {
                Piece::Read(bytes) => {
                    decoder.feed(bytes);
                    decoder.end_of_input();
                }
                Piece::Pause => decoder.timeout(),
            }
        }
        decoder.timeout();
        while decoder.next_event().is_some() {}
        decoder.feed(b"q");
        decoder.end_of_input();
        let events: Vec<Event> = std::iter::from_fn(|| decoder.next_event()).collect();
        prop_assert_eq!(
            events,
            vec![Event::Key(crossterm::event::KeyEvent::new(
                KeyCode::Char('q'),
                KeyModifiers::NONE
            ))]
        );
        Ok(())
    });
}
