//! The mouse, when the user turned it on: clicks select, the wheel scrolls the text under it.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::{App, Focus, Screen};
use crate::data::Store;
use crate::layout;

/// Rows the wheel scrolls per notch, as most terminals and pagers do.
const WHEEL_ROWS: isize = 3;

/// `offset` moved by `by` rows in a window of `height` over `len` rows, never past the end; and
/// `cursor` pulled into that window if it fell out of it.
fn scrolled(offset: usize, cursor: usize, by: isize, len: usize, height: usize) -> (usize, usize) {
    let max = len.saturating_sub(height);
    let offset = offset.saturating_add_signed(by).min(max);
    let cursor = cursor.clamp(offset, (offset + height).saturating_sub(1).max(offset));
    (offset, cursor)
}

impl App {
    /// Clicks select a row (a second click on a link follows it); the wheel scrolls the text
    /// under the pointer, like a pager: the cursor moves only when it would leave the screen, and
    /// the focus stays where it was. Only reported when the user turned the mouse on.
    pub fn mouse(&mut self, data: &dyn Store, event: MouseEvent) {
        let at = ratatui::layout::Position::new(event.column, event.row);
        let screen = self.screen();
        let wheel = match event.kind {
            MouseEventKind::ScrollDown => Some(WHEEL_ROWS),
            MouseEventKind::ScrollUp => Some(-WHEEL_ROWS),
            _ => None,
        };
        // An overlay, or a view, has no panes to click: the wheel moves its cursor.
        if self.overlay.is_some() || self.screen.is_view() {
            if let Some(by) = wheel {
                let action = if by > 0 { Action::Down } else { Action::Up };
                self.update(data, action);
            }
            return;
        }
        // The forecasts view moves its rows with the wheel; the panes under it are hidden.
        if self.screen == Screen::Forecasts {
            if let Some(by) = wheel {
                let action = if by > 0 { Action::Down } else { Action::Up };
                self.update(data, action);
            }
            return;
        }
        self.message = None;
        if let (Screen::Compare, Some(view)) = (self.screen, self.compare.as_deref_mut()) {
            let body = screen.list.union(screen.detail);
            let right = layout::halves(body)[1].contains(at);
            if let Some(by) = wheel {
                let height = layout::inner(body).height as usize;
                let sides: &[usize] = if view.sync {
                    &[0, 1]
                } else {
                    &[usize::from(right)]
                };
                for &i in sides {
                    let side = &mut view.sides[i];
                    (side.offset, side.cursor) =
                        scrolled(side.offset, side.cursor, by, side.rows.len(), height);
                }
            } else if event.kind == MouseEventKind::Down(MouseButton::Left) {
                view.focus = usize::from(right);
            }
            self.keep_visible();
            return;
        }
        let pane = if layout::inner(screen.list).contains(at) {
            Focus::List
        } else if layout::detail_text(screen.detail).contains(at) {
            Focus::Detail
        } else {
            return;
        };
        if let Some(by) = wheel {
            match pane {
                Focus::List => {
                    let height = layout::inner(screen.list).height as usize;
                    let list = self.list_pane_mut();
                    let Some(row) = list.selected_row() else {
                        return;
                    };
                    let (offset, row) = scrolled(list.offset, row, by, list.rows.len(), height);
                    list.offset = offset;
                    let target = list.rows.get(row);
                    if target != list.selected {
                        list.selected = target;
                        self.show_current(data);
                    }
                }
                Focus::Detail => {
                    let height = layout::detail_text(screen.detail).height as usize;
                    let d = &mut self.detail;
                    (d.offset, d.cursor) = scrolled(d.offset, d.cursor, by, d.rows.len(), height);
                }
            }
        } else if event.kind == MouseEventKind::Down(MouseButton::Left) {
            match pane {
                Focus::List => {
                    let inside = layout::inner(screen.list);
                    let row = self.list_pane().offset + (at.y - inside.y) as usize;
                    self.focus = Focus::List;
                    if let Some(target) = self.list_pane().rows.get(row) {
                        self.list_pane_mut().selected = Some(target);
                        self.show_current(data);
                    }
                }
                Focus::Detail => {
                    let inside = layout::detail_text(screen.detail);
                    let row = self.detail.offset + (at.y - inside.y) as usize;
                    if row < self.detail.rows.len() {
                        let again = self.focus == Focus::Detail && row == self.detail.cursor;
                        self.focus = Focus::Detail;
                        self.detail.cursor = row;
                        if again && self.detail.link_under_cursor().is_some() {
                            self.follow(data);
                        }
                    }
                }
            }
        }
        self.keep_visible();
    }
}
