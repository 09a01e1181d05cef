//! The forecasts view ("How did the forecasts do?"): the Brier score, the calibration table and
//! the breakdowns, counted by `find::forecasts` for what the filter keeps. The reader moves
//! through the rows; Enter on one opens the Implications list filtered to the forecasts it
//! counts, as a step in the history that Backspace retraces, filters and all.

use ratatui::layout::Rect;

use super::action::Action;
use super::nav::Visit;
use super::{App, Screen, scrolled_into_view};
use crate::data::{ListKind, Store};
use crate::doc::{self, Doc, Line, Role, Span};
use crate::find::Filter;
use crate::find::forecasts::{self, Forecasts, Part};
use crate::find::score::Scoreboard;
use crate::layout;

/// One screen line of the table below the column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Blank,
    Heading(Part),
    /// A row of `Forecasts::rows`, by index.
    Row(usize),
}

/// Where the parts of the view go inside its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    /// The score and what it means.
    pub intro: Rect,
    /// The names of the columns, kept in view while the table scrolls.
    pub columns: Rect,
    pub table: Rect,
}

/// The view's state, kept for the session: coming back finds the same row.
#[derive(Debug, Clone, Default)]
pub struct ForecastsView {
    pub numbers: Forecasts,
    /// The filter the numbers were counted under; `None` before the first count.
    pub counted_for: Option<Filter>,
    /// The lines of the table, headings and gaps included.
    pub items: Vec<Item>,
    /// What the score means, above the table.
    pub intro: Doc,
    /// The selected row (an index into `numbers.rows`).
    pub cursor: usize,
    /// The first line of `items` shown.
    pub offset: usize,
}

impl ForecastsView {
    /// Counts again when the filter changed since the last count.
    pub fn refresh(&mut self, data: &dyn Store, filter: &Filter) {
        if self.counted_for.as_ref() == Some(filter) {
            return;
        }
        let selected = self.numbers.rows.get(self.cursor).map(|r| r.group.clone());
        self.numbers = forecasts::forecasts(data, filter);
        self.counted_for = Some(filter.clone());
        self.items = items(&self.numbers);
        self.intro = intro(&self.numbers.board);
        // The same row again if it is still there (its numbers may have changed).
        self.cursor = selected
            .and_then(|g| self.numbers.rows.iter().position(|r| r.group == g))
            .unwrap_or(0);
    }

    /// The dataset changed under the view (a large one finished loading): count again when next
    /// shown.
    pub fn forget(&mut self) {
        self.counted_for = None;
    }

    /// The line of `items` holding the selected row.
    pub fn cursor_line(&self) -> usize {
        self.items
            .iter()
            .position(|&i| i == Item::Row(self.cursor))
            .unwrap_or(0)
    }

    /// Keeps the selected row within the table's `height` lines; the heading of its part comes
    /// into view with it when the row is the part's first.
    fn keep_visible(&mut self, height: usize) {
        self.cursor = self.cursor.min(self.numbers.rows.len().saturating_sub(1));
        let at = self.cursor_line();
        // Scrolling up to a part's first row shows its heading too.
        let top = match at.checked_sub(1).map(|i| self.items[i]) {
            Some(Item::Heading(_)) => at - 1,
            _ => at,
        };
        if top < self.offset {
            self.offset = top;
        }
        self.offset = scrolled_into_view(self.offset, at, height, self.items.len());
    }
}

/// The table's lines: the overall row, then each part under its heading.
fn items(numbers: &Forecasts) -> Vec<Item> {
    let mut out = Vec::new();
    let mut part = None;
    for (i, row) in numbers.rows.iter().enumerate() {
        if part != Some(row.part) {
            if row.part != Part::All {
                out.push(Item::Blank);
                out.push(Item::Heading(row.part));
            }
            part = Some(row.part);
        }
        out.push(Item::Row(i));
    }
    out
}

/// The score in words, what a Brier score is, and how outcomes count.
fn intro(board: &Scoreboard) -> Doc {
    let o = &board.overall;
    let mut doc = Doc::default();
    let score = match o.brier() {
        Some(b) => format!("Brier score {b:.3}"),
        None => "No Brier score yet".to_owned(),
    };
    doc.push(Line {
        spans: vec![
            Span::new(&score, Role::Title),
            Span::new(
                &format!(
                    ": {} of {} forecasts judged, {} open, {} with no outcome",
                    o.judged, o.forecasts, board.open, board.pending
                ),
                Role::Body,
            ),
        ],
        ..Line::default()
    });
    doc.push(Line {
        spans: vec![Span::new(
            "0 is perfect, 0.25 is always saying 50%: the mean squared gap between the \
             chance stated (the middle of its band) and the outcome, where \"partly\" \
             counts as half happened.",
            Role::Muted,
        )],
        ..Line::default()
    });
    doc
}

/// The inside of the view's box, `body`, less a column of margin each side when there is room.
pub fn content(body: Rect) -> Rect {
    let inner = layout::inner(body);
    if inner.width > 40 {
        Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height)
    } else {
        inner
    }
}

/// The view's parts inside `inner` (the box's inside), the intro wrapped to `intro_rows` rows of
/// which the score takes the first `score_rows`. The table keeps at least three lines; a short
/// screen drops the explanation first, then the score, and the column names last.
pub fn geometry(inner: Rect, intro_rows: usize, score_rows: usize) -> Geometry {
    let h = inner.height;
    let room = h.saturating_sub(4);
    let intro = [intro_rows, score_rows]
        .into_iter()
        .map(|r| r as u16)
        .find(|&r| r <= room)
        .unwrap_or(room);
    // A blank line between the intro and the table when there is room for it.
    let gap = u16::from(intro > 0 && h >= intro + 8);
    let columns = u16::from(h >= intro + gap + 2);
    let table = h.saturating_sub(intro + gap + columns);
    let at = |y: u16, height: u16| Rect::new(inner.x, inner.y + y, inner.width, height);
    Geometry {
        intro: at(0, intro),
        columns: at(intro + gap, columns),
        table: at(intro + gap + columns, table),
    }
}

/// How many of the intro's wrapped rows hold the score (its first line).
pub fn score_rows(rows: &[doc::Row]) -> usize {
    rows.iter().take_while(|r| r.line == 0).count()
}

impl App {
    /// `F`: shows the forecasts view, as a step in the history.
    pub(super) fn show_forecasts(&mut self, data: &dyn Store) {
        if self.screen == Screen::Forecasts {
            return;
        }
        self.save_position();
        self.screen = Screen::Forecasts;
        self.overlay = None;
        if let Some(page) = self.detail.visit() {
            self.history.push(Visit {
                screen: Screen::Forecasts,
                ..page
            });
        }
        self.forecasts.refresh(data, &self.filter);
    }

    /// Where the view's parts are on the current screen.
    pub fn forecasts_geometry(&self) -> Geometry {
        let inner = content(self.body_area());
        let rows = doc::wrap(&self.forecasts.intro, inner.width.max(1));
        geometry(inner, rows.len(), score_rows(&rows))
    }

    pub(super) fn keep_forecasts_visible(&mut self) {
        if self.screen == Screen::Forecasts {
            let height = self.forecasts_geometry().table.height as usize;
            self.forecasts.keep_visible(height);
        }
    }

    pub(super) fn forecasts_action(&mut self, data: &dyn Store, action: Action) {
        let page = self.forecasts_geometry().table.height.max(1) as isize;
        let last = self.forecasts.numbers.rows.len().saturating_sub(1);
        let view = &mut self.forecasts;
        let move_by = |view: &mut ForecastsView, by: isize| {
            view.cursor = view.cursor.saturating_add_signed(by).min(last);
        };
        match action {
            Action::Up => move_by(view, -1),
            Action::Down => move_by(view, 1),
            Action::PageUp => move_by(view, -page),
            Action::PageDown => move_by(view, page),
            Action::HalfPageUp => move_by(view, -(page / 2).max(1)),
            Action::HalfPageDown => move_by(view, (page / 2).max(1)),
            Action::Top => view.cursor = 0,
            Action::Bottom => view.cursor = last,
            // The next (previous) part of the table.
            Action::NextSection | Action::PrevSection | Action::NextPane | Action::PrevPane => {
                let rows = &view.numbers.rows;
                let part = rows.get(view.cursor).map(|r| r.part);
                let forward = matches!(action, Action::NextSection | Action::NextPane);
                let found = if forward {
                    (view.cursor + 1..rows.len()).find(|&i| Some(rows[i].part) != part)
                } else {
                    // The start of this part, or of the one before when already there.
                    let start = |at: usize| {
                        let p = rows[at].part;
                        (0..=at).rev().take_while(|&i| rows[i].part == p).last()
                    };
                    match start(view.cursor) {
                        Some(s) if s < view.cursor => Some(s),
                        Some(s) if s > 0 => start(s - 1),
                        _ => None,
                    }
                };
                match found {
                    Some(i) => view.cursor = i,
                    None => self.message = Some("no further part of the table".to_owned()),
                }
            }
            Action::Open => self.drill_forecasts(data),
            Action::Back | Action::Close if self.history.trail().len() > 1 => self.back(data),
            // Opened with nothing behind it (an empty dataset): back to the explorer.
            Action::Back | Action::Close => self.screen = Screen::Explorer,
            Action::ShowView(Screen::Forecasts) => {}
            // Leaving for the explorer is a step: Back returns to the view.
            Action::ShowList(_)
            | Action::FocusList
            | Action::FocusDetail
            | Action::ShowBookmarks
            | Action::RecallView => {
                self.save_position();
                self.screen = Screen::Explorer;
                if let Some(page) = self.detail.visit() {
                    self.history.push(page);
                }
                // The page waited behind the view; the list the reader comes back to leads now.
                self.show_current(data);
                self.apply(data, action);
            }
            Action::Mark | Action::Compare | Action::Outline | Action::NextMatch => {
                self.message = Some("not in this view: Enter opens a row's forecasts".to_owned())
            }
            // A row is a tally, not an item: the dossier's keys wait for the forecasts it opens.
            Action::ToggleBookmark
            | Action::EditNote
            | Action::EditNoteOutside
            | Action::Copy
            | Action::Pager => {
                self.message =
                    Some("not in this view: Enter opens a row's forecasts to keep".to_owned())
            }
            _ => self.apply(data, action),
        }
    }

    /// Enter on a row: the Implications list under the row's filter. The view's history entry
    /// keeps the filter it counted under, and the list's entry the row's, so Back and Forward
    /// put each back.
    fn drill_forecasts(&mut self, data: &dyn Store) {
        let view = &self.forecasts;
        let Some(row) = view.numbers.rows.get(view.cursor) else {
            return;
        };
        if row.tally.forecasts == 0 {
            self.message = Some(format!(
                "no forecasts here said {}",
                crate::text::sanitize(&row.label)
            ));
            return;
        }
        // The rows were counted under this filter; a row adds its own facet to it.
        let filter = row.filter(&view.counted_for.clone().unwrap_or_default());
        self.drill(data, filter, ListKind::Implications);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_fit_inside_and_a_short_screen_cuts_the_intro_first() {
        for h in 0..30u16 {
            for intro in [0usize, 1, 3, 40] {
                let inner = Rect::new(2, 3, 50, h);
                let g = geometry(inner, intro, intro.min(1));
                let total = g.intro.height + g.columns.height + g.table.height;
                assert!(total <= h, "{h} {intro}: {g:?}");
                assert!(g.table.bottom() <= inner.bottom(), "{h} {intro}: {g:?}");
                if h >= 4 {
                    assert!(g.table.height >= 3, "{h} {intro}: {g:?}");
                }
            }
        }
        // 80x24: the score, the explanation, a gap, the column names, 14 lines of table.
        let g = geometry(Rect::new(0, 0, 80, 19), 3, 1);
        assert_eq!(
            (g.intro.height, g.columns.y, g.table.y, g.table.height),
            (3, 4, 5, 14)
        );
        // Too short for the explanation: the score alone; shorter still, the table alone.
        assert_eq!(geometry(Rect::new(0, 0, 40, 8), 6, 2).intro.height, 2);
        assert_eq!(geometry(Rect::new(0, 0, 40, 5), 6, 2).intro.height, 1);
        let g = geometry(Rect::new(0, 0, 40, 1), 6, 2);
        assert_eq!((g.columns.height, g.table.height), (0, 1));
    }
}
