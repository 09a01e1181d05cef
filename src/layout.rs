//! Where each part of the screen goes, as a pure function of the terminal size. Both `App::update`
//! (to know page heights and the wrap width) and drawing read it, so they always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this width the list and the detail no longer fit side by side.
pub const WIDE_MIN_WIDTH: u16 = 100;
/// Below this, the screen only says it is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

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

pub fn screen(area: Rect, shown: Shown, chips: bool) -> Screen {
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
        let left_width = (area.width * 2 / 5).clamp(36, 64);
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
    match detail_text(screen(size, Shown::Detail, false).detail).width {
        0 => MIN_WIDTH,
        width => width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_list_and_detail_side_by_side() {
        let s = screen(Rect::new(0, 0, 160, 48), Shown::List, false);
        assert_eq!(s.mode, Mode::Wide);
        assert_eq!((s.list.width, s.detail.width), (64, 96));
        assert_eq!(s.list.height, s.detail.height);
        assert_eq!(s.tabs.width, 160);
        assert_eq!((s.header.y, s.status.y), (0, 47));
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
