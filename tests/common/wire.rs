//! What a stream of bytes would make a terminal do, found by parsing it as a terminal does (with
//! `vte`, the parser of Alacritty): each escape sequence, control and printed character. The
//! tests use it to prove that data cannot reach the terminal as anything but visible text.
#![allow(dead_code)]

use geolens::text::is_unsafe;
use vte::{Params, Parser, Perform};

/// One thing the terminal would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Print(char),
    /// A C0 or C1 control, executed.
    Execute(u8),
    Csi {
        /// Private markers and intermediates, e.g. `?` in `CSI ? 25 l`.
        marks: Vec<u8>,
        params: Vec<Vec<u16>>,
        action: char,
    },
    Esc {
        intermediates: Vec<u8>,
        byte: u8,
    },
    /// Operating system command: window title, clipboard (52), hyperlink (8) ...
    Osc(Vec<Vec<u8>>),
    /// Device control string.
    Dcs(char),
}

/// Hands each operation to `f` as the parser finds it, so a megabyte of output needs no list.
struct Each<F>(F);

impl<F: FnMut(Op)> Perform for Each<F> {
    fn print(&mut self, c: char) {
        (self.0)(Op::Print(c));
    }
    fn execute(&mut self, byte: u8) {
        (self.0)(Op::Execute(byte));
    }
    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], _ignore: bool, c: char) {
        (self.0)(Op::Csi {
            marks: intermediates.to_vec(),
            params: params.iter().map(<[u16]>::to_vec).collect(),
            action: c,
        });
    }
    fn esc_dispatch(&mut self, intermediates: &[u8], _ignore: bool, byte: u8) {
        (self.0)(Op::Esc {
            intermediates: intermediates.to_vec(),
            byte,
        });
    }
    fn osc_dispatch(&mut self, params: &[&[u8]], _bell_terminated: bool) {
        (self.0)(Op::Osc(params.iter().map(|p| p.to_vec()).collect()));
    }
    fn hook(&mut self, _params: &Params, _intermediates: &[u8], _ignore: bool, c: char) {
        (self.0)(Op::Dcs(c));
    }
}

fn each_op(bytes: &[u8], f: impl FnMut(Op)) {
    Parser::<1024>::new().advance(&mut Each(f), bytes);
}

pub fn ops(bytes: &[u8]) -> Vec<Op> {
    let mut ops = Vec::new();
    each_op(bytes, |op| ops.push(op));
    ops
}

/// Parses `bytes`, asking `allowed` about each operation; returns what it refused (the first
/// few of each) with the checks common to screens and text: valid UTF-8 (a stray byte could
/// complete a C1 control), and one dispatched sequence per ESC. vte swallows SOS, PM and APC
/// strings without a callback, so an ESC that produced no sequence is counted as one of those.
fn violations(bytes: &[u8], allowed: impl Fn(&Op) -> bool) -> Vec<String> {
    let mut bad = Vec::new();
    if let Err(e) = std::str::from_utf8(bytes) {
        bad.push(format!("invalid UTF-8 at byte {}", e.valid_up_to()));
    }
    let mut sequences = 0;
    each_op(bytes, |op| {
        if !matches!(op, Op::Print(_) | Op::Execute(_)) {
            sequences += 1;
        }
        let refused = match &op {
            Op::Print(c) if is_unsafe(*c) => true,
            op => !allowed(op),
        };
        if refused && bad.len() < 20 {
            bad.push(format!("{op:?}"));
        }
    });
    let escapes = bytes.iter().filter(|&&b| b == 0x1b).count();
    if escapes != sequences {
        bad.push(format!(
            "{escapes} ESC bytes but {sequences} sequences: a string (SOS, PM, APC) or a broken \
             sequence went through"
        ));
    }
    bad
}

/// Everything in what a frame wrote that ratatui's CrosstermBackend and geolens's frame writer do
/// not emit on purpose. Allowed: cursor position (`CSI row;col H`), colours and attributes
/// (`CSI ... m`), cursor hide/show (`CSI ? 25 l/h`), synchronized output (`CSI ? 2026 h/l`), and
/// safe printed characters. Anything else (OSC, DCS, a bare ESC sequence, a control character, a
/// screen clear) is reported.
pub fn screen_violations(bytes: &[u8]) -> Vec<String> {
    violations(bytes, |op| match op {
        Op::Print(_) => true,
        Op::Csi {
            marks,
            params,
            action,
        } => match action {
            'H' | 'm' => marks.is_empty(),
            'h' | 'l' => marks == b"?" && (params == &[vec![25]] || params == &[vec![2026]]),
            _ => false,
        },
        _ => false,
    })
}

/// Everything in command-line output that is not plain text: any escape sequence at all, any
/// control but the line feed, any unsafe character.
pub fn text_violations(bytes: &[u8]) -> Vec<String> {
    violations(bytes, |op| matches!(op, Op::Print(_) | Op::Execute(b'\n')))
}
