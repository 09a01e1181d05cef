//! The mouse, when the user turned it on: clicks select, the wheel moves through a pane.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::{App, Focus};
use crate::data::Store;
use crate::layout;

impl App {
    /// Clicks select a row (a second click on a link follows it); the wheel moves through the
    /// pane under the pointer. Only reported when the user turned the mouse on.
    pub fn mouse(&mut self, data: &dyn Store, event: MouseEvent) {
        let at = ratatui::layout::Position::new(event.column, event.row);
        let screen = self.screen();
        let wheel = match event.kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            _ => None,
        };
        // A view has no panes to click: the wheel moves its cursor.
        if self.overlay.is_some() || self.screen.is_view() {
            if let Some(action) = wheel {
                self.update(data, action);
            }
            return;
        }
        let pane = if layout::inner(screen.list).contains(at) {
            Focus::List
        } else if layout::detail_text(screen.detail).contains(at) {
            Focus::Detail
        } else {
            return;
        };
        self.message = None;
        if let Some(action) = wheel {
            self.focus = pane;
            for _ in 0..3 {
                self.apply(data, action);
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
