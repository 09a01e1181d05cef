//! The modes a key is read in: the pane or view in front, or the overlay open over it. Each has
//! its name in the config file and its title on the help screen.

/// Where a binding applies. Lookup tries the innermost mode first, then `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Global,
    List,
    Detail,
    /// Two pages side by side.
    Compare,
    Search,
    /// A finder: the outline, the command palette, or a filter list's find box. Typing narrows.
    Find,
    Filters,
    Help,
    Matrix,
    Map,
    Outlook,
    Timeline,
    /// The menu of views.
    ViewMenu,
    /// The forecasts view.
    Forecasts,
    /// The note box over the panes.
    Note,
    /// A one-line box asking for a name (saving a view).
    Prompt,
    /// The list of saved views.
    Views,
}

impl Mode {
    /// The prefix of a mode's bindings in the config file (`detail.open`); global ones have none.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "",
            Mode::List => "list",
            Mode::Detail => "detail",
            Mode::Compare => "compare",
            Mode::Search => "search",
            Mode::Find => "find",
            Mode::Filters => "filters",
            Mode::Help => "help",
            Mode::Matrix => "matrix",
            Mode::Map => "map",
            Mode::Outlook => "outlook",
            Mode::Timeline => "timeline",
            Mode::ViewMenu => "view_menu",
            Mode::Forecasts => "forecasts",
            Mode::Note => "note",
            Mode::Prompt => "prompt",
            Mode::Views => "views",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Every mode, in the order the help screen and the README list them.
    pub const ALL: [Mode; 17] = [
        Mode::Global,
        Mode::List,
        Mode::Detail,
        Mode::Compare,
        Mode::Matrix,
        Mode::Map,
        Mode::Outlook,
        Mode::Timeline,
        Mode::Forecasts,
        Mode::Search,
        Mode::Find,
        Mode::Filters,
        Mode::ViewMenu,
        Mode::Help,
        Mode::Note,
        Mode::Prompt,
        Mode::Views,
    ];

    /// Overlays take keys first and let only a few global ones (movement, quit) through.
    pub fn is_overlay(self) -> bool {
        matches!(
            self,
            Mode::Search
                | Mode::Find
                | Mode::Filters
                | Mode::Help
                | Mode::Note
                | Mode::Prompt
                | Mode::Views
        )
    }

    /// Modes where a plain character is text to type, never a command.
    pub fn types_text(self) -> bool {
        matches!(self, Mode::Search | Mode::Find | Mode::Note | Mode::Prompt)
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::List => "In a list",
            Mode::Detail => "In the detail pane",
            Mode::Compare => "Comparing two items side by side",
            Mode::Search => "In the search box (type to search)",
            Mode::Find => "In the outline, the palette and a filter's find (type to narrow)",
            Mode::Filters => "In the filter panel",
            Mode::Help => "In the help screen",
            Mode::Matrix => "In the flow matrix",
            Mode::Map => "On the world map",
            Mode::Outlook => "In the outlook grid",
            Mode::Timeline => "In the timeline",
            Mode::ViewMenu => "In the menu of views",
            Mode::Forecasts => "In the forecasts view (F)",
            Mode::Note => "In the note box (type the note)",
            Mode::Prompt => "In a name box (type the name)",
            Mode::Views => "In the list of saved views",
        }
    }
}
