//! Mouse reports, as terminals send them once mouse capture is on: SGR (`CSI < b ; x ; y M`),
//! which every current terminal uses, and the older X10 form (`CSI M b x y`).

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::decode::numbers;

/// `CSI < button ; column ; row M` (pressed, moved) or `m` (released), 1-based.
pub(super) fn sgr_mouse(params: &[u8], last: u8) -> Option<Event> {
    let n = numbers(params);
    let [cb, x, y] = n[..] else {
        return None;
    };
    mouse(cb, x, y, last == b'm')
}

/// `CSI M b x y`: each a byte, offset by 32.
pub(super) fn x10_mouse(cb: u8, x: u8, y: u8) -> Option<Event> {
    let (cb, x, y) = (
        u32::from(cb).checked_sub(32)?,
        u32::from(x).checked_sub(32)?,
        u32::from(y).checked_sub(32)?,
    );
    // X10 reports every release as button 3.
    mouse(cb, x, y, cb & 3 == 3 && cb & 64 == 0)
}

fn mouse(cb: u32, x: u32, y: u32, released: bool) -> Option<Event> {
    let button = match cb & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if cb & 64 != 0 {
        match cb & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if cb & 32 != 0 {
        if cb & 3 == 3 {
            MouseEventKind::Moved
        } else {
            MouseEventKind::Drag(button)
        }
    } else if released {
        MouseEventKind::Up(button)
    } else {
        MouseEventKind::Down(button)
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, flag) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if cb & bit != 0 {
            modifiers |= flag;
        }
    }
    let coordinate = |v: u32| u16::try_from(v.saturating_sub(1)).unwrap_or(u16::MAX);
    Some(Event::Mouse(MouseEvent {
        kind,
        column: coordinate(x),
        row: coordinate(y),
        modifiers,
    }))
}
