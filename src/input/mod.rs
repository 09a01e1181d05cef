//! Reading the keyboard: the tty's bytes, read here and decoded by [`decode::Decoder`].
//!
//! Why not crossterm's `event::read` (crossterm 0.29, the newest release):
//! - Its reader waits on an edge-triggered epoll (mio) and takes one 1 KiB chunk per wake-up, so
//!   the rest of a burst (a held key over ssh, an unbracketed paste) stays in the kernel until
//!   the next key arrives: 5,000 `j`s moved 2,048 rows (crossterm-rs/crossterm#1057, open; its
//!   `use-dev-tty` reader polls level-triggered but then reads on in blocking mode).
//! - Its parser keeps everything after `ESC [ 200 ~` until `ESC [ 201 ~`, with no bound in time
//!   or size and no public way to reset it: a lost paste end swallows every key, Ctrl-C
//!   included, for good (crossterm-rs/crossterm#1060, open).
//! - The parser is private, so it can be neither fed by a reader of ours nor flushed on a timer.
//!
//! termwiz's parser (wezterm) waits for a paste end the same way and brings a second terminal
//! stack; vte (Alacritty) parses what terminals print, not what they send (it ignores DEL, the
//! Backspace key, and has no notion of the Esc key). The input grammar is small, so geolens
//! decodes it itself, to crossterm's own event types: everything above this module is unchanged.
//! Remove this module when crossterm releases fixes for both issues.
//!
//! The reader polls level-triggered and drains the tty before it decodes the end of a read, so
//! every byte sent is handled without waiting for another; it never sets `O_NONBLOCK`, which
//! would leak to the shell sharing the terminal.

pub mod decode;
mod mouse;

use std::io;
use std::os::fd::BorrowedFd;
use std::time::{Duration, Instant};

use crossterm::event::Event;
use rustix::event::{PollFd, PollFlags, Timespec, poll};

pub use decode::Decoder;

/// What the reader reports.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// The terminal hung up: end of input, or an error that says the tty is gone.
    HangUp,
    Failed(io::Error),
}

/// Reads `tty` until it hangs up or `deliver` says stop (returns false). Blocks in poll(2): an
/// idle reader costs nothing, and wakes only for bytes or when a paste or sequence times out.
pub fn read(tty: BorrowedFd<'_>, mut deliver: impl FnMut(Input) -> bool) {
    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 16 * 1024];
    let mut last_byte = Instant::now();
    loop {
        let timeout = decoder
            .waiting()
            .map(|wait| wait.saturating_sub(last_byte.elapsed()));
        let outcome = match readable(tty, timeout) {
            Ok(false) => {
                decoder.timeout();
                Ok(())
            }
            Ok(true) => drain(tty, &mut buf, &mut decoder),
            Err(e) => Err(e),
        };
        if outcome.is_ok() {
            last_byte = Instant::now();
        }
        while let Some(event) = decoder.next_event() {
            if !deliver(Input::Event(event)) {
                return;
            }
        }
        match outcome {
            Ok(()) => {}
            Err(Gone::HangUp) => {
                deliver(Input::HangUp);
                return;
            }
            Err(Gone::Failed(e)) => {
                deliver(Input::Failed(e));
                return;
            }
        }
    }
}

enum Gone {
    HangUp,
    Failed(io::Error),
}

/// Waits up to `timeout` (for ever when `None`) for bytes; false when none came in time.
fn readable(tty: BorrowedFd<'_>, timeout: Option<Duration>) -> Result<bool, Gone> {
    let timeout = timeout.map(|t| Timespec::try_from(t).unwrap_or(Timespec::default()));
    loop {
        let mut fds = [PollFd::new(&tty, PollFlags::IN)];
        match poll(&mut fds, timeout.as_ref()) {
            Ok(0) => return Ok(false),
            Ok(_) => {
                let revents = fds[0].revents();
                if revents.contains(PollFlags::IN) {
                    return Ok(true);
                }
                // Hang-up without data left, an error, or a closed descriptor. crossterm's
                // reader can spin on a dead tty instead (crossterm-rs/crossterm#793).
                return Err(Gone::HangUp);
            }
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(Gone::Failed(e.into())),
        }
    }
}

/// Reads everything the tty holds now, decoding as it goes, then tells the decoder the input
/// has paused. Each read returns at once (poll said so, or says so again before it).
fn drain(tty: BorrowedFd<'_>, buf: &mut [u8], decoder: &mut Decoder) -> Result<(), Gone> {
    loop {
        match rustix::io::read(tty, &mut *buf) {
            // End of file: the other side closed the terminal.
            Ok(0) => return Err(Gone::HangUp),
            Ok(n) => decoder.feed(&buf[..n]),
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
            // EIO is what a tty whose other side has gone answers.
            Err(rustix::io::Errno::IO) => return Err(Gone::HangUp),
            Err(e) => return Err(Gone::Failed(e.into())),
        }
        if !readable(tty, Some(Duration::ZERO))? {
            decoder.end_of_input();
            return Ok(());
        }
    }
}
