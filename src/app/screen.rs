//! What fills the body of the screen, between the tab strip and the status line: the explorer (a
//! list beside the page of its selection) or a view that takes the whole body. A view's state
//! lives in `App` for the session (the comparison in `App::compare`), so this is only which one.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Explorer,
    /// Two items side by side, their sections aligned (`App::compare`).
    Compare,
    /// How the forecasts did: Brier score, calibration, breakdowns (`App::forecasts`).
    Forecasts,
}

impl Screen {
    /// Whether the body shows a view of its own, with the page it was opened from behind it.
    pub fn is_view(self) -> bool {
        self == Screen::Forecasts
    }
}
