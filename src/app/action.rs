//! Everything a user can ask for. Keys map to these (see `keymap`); `App::update` carries them out.

use super::nav::ListKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    /// Show and focus one of the lists.
    ShowList(ListKind),
    /// Move focus to the list pane (left).
    FocusList,
    /// Move focus to the detail pane (right).
    FocusDetail,
    /// In a list: open the selection in the detail pane. In the detail: follow the link under the
    /// cursor.
    Open,
    Back,
    Forward,
    /// Not bound to a key: the terminal changed size.
    Resize(u16, u16),
}

impl Action {
    /// One line for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit geolens",
            Action::ToggleHelp => "show or hide this help",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::ShowList(ListKind::Analyses) => "show the analyses",
            Action::ShowList(ListKind::Actors) => "show the actors",
            Action::ShowList(ListKind::Themes) => "show the themes",
            Action::ShowList(ListKind::Implications) => "show the implications",
            Action::ShowList(ListKind::Places) => "show the places",
            Action::FocusList => "focus the list",
            Action::FocusDetail => "focus the detail",
            Action::Open => "open the selection / follow the link",
            Action::Back => "go back",
            Action::Forward => "go forward",
            Action::Resize(..) => "terminal resized",
        }
    }

    /// A word or two for the status line; `None` keeps the action out of it.
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "help",
            Action::Down => "move",
            Action::NextPane => "pane",
            Action::Open => "open",
            Action::Back => "back",
            Action::Forward => "forward",
            _ => return None,
        })
    }
}
