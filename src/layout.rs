//! Where each part of the screen goes, as a pure function of the terminal size. Both `App::update`
//! (to know page heights and the wrap width) and drawing read it, so they always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this width the list and the detail no longer fit side by side.
pub const WIDE_MIN_WIDTH: u16 = 100;
/// Below this, the screen only says it is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// The longest line of prose the detail pane shows unless the config says otherwise: lines much
/// longer than this are hard to read, so a wide screen gives the rest to the list.
pub const READING_WIDTH: u16 = 90;
/// What the detail pane spends around its text: two borders and two margins.
const DETAIL_FRAME: u16 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// List and detail side by side.
    Wide,
    /// One pane at a time, with a tab strip naming all of them.
    Narrow,
    TooSmall,
}

/// The areas of one frame. Pane areas include their borders; `*_inner` are what is inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub mode: Mode,
    pub header: Rect,
    pub tabs: Rect,
    /// The active filters, when there are any (else empty).
    pub chips: Rect,
    pub list: Rect,
    pub detail: Rect,
    /// The whole body, between the chips and the status line: where a view draws.
    pub body: Rect,
    pub status: Rect,
}

/// Whether the list or the detail pane is the one shown in narrow mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    List,
    Detail,
}

/// The layout with the default reading width.
pub fn screen(area: Rect, shown: Shown, chips: bool) -> Screen {
    screen_for(area, shown, chips, READING_WIDTH)
}

/// The layout for a reader whose lines of prose are at most `reading` columns (0: no cap).
pub fn screen_for(area: Rect, shown: Shown, chips: bool, reading: u16) -> Screen {
    let empty = Rect::new(area.x, area.y, 0, 0);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen {
            mode: Mode::TooSmall,
            header: empty,
            tabs: empty,
            chips: empty,
            list: empty,
            detail: empty,
            body: empty,
            status: empty,
        };
    }
    let [header, tabs, chips, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(chips)),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let collapsed = Rect::new(body.x, body.y, 0, 0);
    let (mode, list, detail) = if area.width >= WIDE_MIN_WIDTH {
        let mut left_width = (area.width * 2 / 5).clamp(36, 64);
        if reading > 0 {
            let widest = reading.saturating_add(DETAIL_FRAME);
            left_width = left_width.max(area.width.saturating_sub(widest));
        }
        let [list, detail] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(body);
        (Mode::Wide, list, detail)
    } else {
        match shown {
            Shown::List => (Mode::Narrow, body, collapsed),
            Shown::Detail => (Mode::Narrow, collapsed, body),
        }
    };
    Screen {
        mode,
        header,
        tabs,
        chips,
        list,
        detail,
        body,
        status,
    }
}

/// The help overlay: centred, at most 76 columns wide, leaving the header and status line visible.
pub fn help_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    Rect::new(
        pane.x.saturating_add(1),
        pane.y.saturating_add(1),
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    )
}

/// The text area of the detail pane: inside the border, with a column of margin on each side
/// when the pane is wide enough to spare it.
pub fn detail_text(pane: Rect) -> Rect {
    let r = inner(pane);
    if r.width >= 24 {
        Rect::new(r.x + 1, r.y, r.width - 2, r.height)
    } else {
        r
    }
}

/// The width the detail text is wrapped to on a screen of `size`. A screen too small for a
/// detail pane still wraps to a nominal width: wrapping at zero columns would make a line per
/// character of a long text, all for a pane nobody can see.
pub fn detail_wrap_width(size: Rect) -> u16 {
    detail_wrap_width_for(size, READING_WIDTH)
}

/// [`detail_wrap_width`] for a reader's own reading width.
pub fn detail_wrap_width_for(size: Rect, reading: u16) -> u16 {
    match detail_text(screen_for(size, Shown::Detail, false, reading).detail).width {
        0 => MIN_WIDTH,
        width => width,
    }
}

/// The two sides of a comparison: the body cut in half (the left one a column wider when the
/// width is odd). Drawing, the mouse and the tests all cut it here.
pub fn halves(body: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(body)
}

/// A finder (the outline, the command palette): centred, narrower than help, as tall as it may.
pub fn finder_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(64);
    let height = area.height.saturating_sub(4).min(20);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_list_and_detail_side_by_side() {
        let s = screen_for(Rect::new(0, 0, 160, 48), Shown::List, false, 0);
        assert_eq!(s.mode, Mode::Wide);
        assert_eq!((s.list.width, s.detail.width), (64, 96));
        assert_eq!(s.list.height, s.detail.height);
        assert_eq!(s.tabs.width, 160);
        assert_eq!((s.header.y, s.status.y), (0, 47));
    }

    #[test]
    fn prose_stops_at_the_reading_width_and_the_list_takes_the_rest() {
        for (width, list) in [(100, 40), (130, 52), (160, 66), (240, 146)] {
            let s = screen(Rect::new(0, 0, width, 40), Shown::List, false);
            assert_eq!(s.list.width, list, "{width} columns");
            assert!(
                detail_text(s.detail).width <= READING_WIDTH,
                "{width} columns"
            );
        }
        let s = screen_for(Rect::new(0, 0, 240, 40), Shown::List, false, 120);
        assert_eq!(detail_text(s.detail).width, 120);
        assert_eq!(
            detail_wrap_width_for(Rect::new(0, 0, 240, 40), 0),
            238 - 64 - 2
        );
    }

    #[test]
    fn narrow_terminals_show_one_pane() {
        let s = screen(Rect::new(0, 0, 80, 24), Shown::Detail, false);
        assert_eq!(s.mode, Mode::Narrow);
        assert_eq!(s.list.area(), 0);
        assert_eq!((s.detail.width, s.detail.height), (80, 21));
        assert_eq!(s.detail.y, 2);
        let s = screen(Rect::new(0, 0, 80, 24), Shown::List, false);
        assert_eq!(s.detail.area(), 0);
    }

    #[test]
    fn tiny_terminals_are_too_small_and_nothing_overflows() {
        assert_eq!(
            screen(Rect::new(0, 0, 19, 24), Shown::List, false).mode,
            Mode::TooSmall
        );
        assert_eq!(
            screen(Rect::new(0, 0, 80, 5), Shown::List, true).mode,
            Mode::TooSmall
        );
        for w in 0..120 {
            for h in 0..30 {
                let area = Rect::new(0, 0, w, h);
                let s = screen(area, Shown::List, true);
                for r in [
                    s.header,
                    s.tabs,
                    s.chips,
                    s.list,
                    s.detail,
                    s.status,
                    help_area(area),
                ] {
                    assert!(area.union(r) == area || r.area() == 0, "{w}x{h}: {r:?}");
                }
            }
        }
    }
}
