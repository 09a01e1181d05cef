//! Everything a user can ask for. Keys map to these (see `keymap`); `App::update` carries them out.

use super::screen::Screen;
use crate::data::ListKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Stop to the shell; `fg` comes back. Carried out by the terminal loop, which owns the
    /// terminal.
    Suspend,
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
    /// cursor. In search: go to the selected result.
    Open,
    Back,
    Forward,
    /// Open the search box.
    Search,
    /// Move the detail cursor to the next (previous) match of the last search.
    NextMatch,
    PrevMatch,
    /// Open the filter panel.
    Filters,
    ClearFilters,
    /// The next sort order for the focused list.
    CycleSort,
    /// Close the search box or the filter panel.
    Close,
    /// In the filter panel: turn the value under the cursor on or off.
    Toggle,
    /// In the filter panel: between the facets and their values.
    SwitchColumn,
    /// Editing the search text.
    DeleteChar,
    DeleteWord,
    ClearInput,
    /// Bookmark the item (or remove its bookmark): the selection, or the page shown.
    ToggleBookmark,
    /// Show the Bookmarks list in the list pane.
    ShowBookmarks,
    /// Write the item's note in a box inside geolens.
    EditNote,
    /// Write the item's note in `$EDITOR`.
    EditNoteOutside,
    /// The selected item's id, or the page shown, to the clipboard (OSC 52; off by default).
    Copy,
    /// The page shown, as text, in `$PAGER`.
    Pager,
    /// The bookmarks, notes and pages as a Markdown file.
    Export,
    /// Name the current list, its order and filters.
    SaveView,
    /// The saved views, to bring one back.
    RecallView,
    /// In the note box: save and close. In a name box: save under that name.
    SaveNote,
    /// In the note box: start a new line.
    NewLine,
    /// In a text box: move the cursor.
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    /// In the list of saved views: delete the one selected.
    DeleteView,
    /// Show a view: the flow matrix, the world map, the outlook grid, the timeline.
    ShowView(Screen),
    /// Open the menu of views.
    ViewMenu,
    /// Turn the order of the focused list round.
    ReverseSort,
    /// In a view: move left or right.
    Left,
    Right,
    /// In a view: what its rows are (regions or countries; all, regions or themes).
    Regroup,
    /// In the matrix: plain counts, or weighted by likelihood.
    Weigh,
    /// In the timeline: months or quarters.
    Period,
    /// On the map: zoom to the next world region, or back out to the world.
    ZoomIn,
    ZoomOut,
    /// In the detail: the cursor to the next (previous) link on the page.
    NextLink,
    PrevLink,
    /// The page to the start of the next (previous) section.
    NextSection,
    PrevSection,
    /// A list of the page's sections, to jump to one.
    Outline,
    HalfPageDown,
    HalfPageUp,
    /// Every action by its description, to find and run one.
    Palette,
    /// A digit typed before a move: repeat the move that many times (`5j`). The digit is the key's.
    Count,
    /// Mark the item shown, to compare it with another.
    Mark,
    /// Open the two marked items (or this analysis and the other reading on the cursor) side by
    /// side.
    Compare,
    /// In compare: whether the two sides scroll together.
    ToggleSync,
    /// In compare: move between the two sides.
    OtherSide,
    /// Put the filters back as they were before the last change.
    UndoFilter,
    /// In the filter panel: type to find a value in the list.
    Find,
    /// In the filter panel: a region alone, with the places in it, or with the places it touches.
    RegionScope,
    /// In the search box: keep the last search's text and add to it (typing replaces it).
    KeepInput,
    /// In the search box: search past the filters too, or within them again.
    ShowHidden,
    /// In a finder (outline, palette, a filter's find box): take the highlighted entry.
    Choose,
    /// On an imported draft: show it beside its source text (each sentence and where it went),
    /// or back.
    DraftSource,
    /// Not bound to a key: text typed into the search box.
    Insert(char),
    /// Not bound to a key: the terminal changed size.
    Resize(u16, u16),
}

/// Every action a key can be bound to, for the config file and its default.
pub const BINDABLE: &[Action] = &[
    Action::Quit,
    Action::ToggleHelp,
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::NextPane,
    Action::PrevPane,
    Action::ShowList(ListKind::Analyses),
    Action::ShowList(ListKind::Actors),
    Action::ShowList(ListKind::Themes),
    Action::ShowList(ListKind::Implications),
    Action::ShowList(ListKind::Places),
    Action::FocusList,
    Action::FocusDetail,
    Action::Open,
    Action::Back,
    Action::Forward,
    Action::Search,
    Action::NextMatch,
    Action::PrevMatch,
    Action::Filters,
    Action::ClearFilters,
    Action::CycleSort,
    Action::Close,
    Action::Toggle,
    Action::SwitchColumn,
    Action::DeleteChar,
    Action::DeleteWord,
    Action::ClearInput,
    Action::Suspend,
    Action::ToggleBookmark,
    Action::ShowBookmarks,
    Action::EditNote,
    Action::EditNoteOutside,
    Action::Copy,
    Action::Pager,
    Action::Export,
    Action::SaveView,
    Action::RecallView,
    Action::SaveNote,
    Action::NewLine,
    Action::CursorLeft,
    Action::CursorRight,
    Action::LineStart,
    Action::LineEnd,
    Action::DeleteView,
    Action::ShowView(Screen::Matrix),
    Action::ShowView(Screen::Map),
    Action::ShowView(Screen::Outlook),
    Action::ShowView(Screen::Timeline),
    Action::ViewMenu,
    Action::ReverseSort,
    Action::Left,
    Action::Right,
    Action::Regroup,
    Action::Weigh,
    Action::Period,
    Action::ZoomIn,
    Action::ZoomOut,
    Action::NextLink,
    Action::PrevLink,
    Action::NextSection,
    Action::PrevSection,
    Action::Outline,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::Palette,
    Action::Count,
    Action::Mark,
    Action::Compare,
    Action::ToggleSync,
    Action::OtherSide,
    Action::UndoFilter,
    Action::Find,
    Action::RegionScope,
    Action::KeepInput,
    Action::ShowHidden,
    Action::Choose,
    Action::ShowView(Screen::Forecasts),
    Action::DraftSource,
];

impl Action {
    /// The name used in the config file (`[keys]` section).
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "help",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPane => "next_pane",
            Action::PrevPane => "previous_pane",
            Action::ShowList(ListKind::Analyses) => "show_analyses",
            Action::ShowList(ListKind::Actors) => "show_actors",
            Action::ShowList(ListKind::Themes) => "show_themes",
            Action::ShowList(ListKind::Implications) => "show_implications",
            Action::ShowList(ListKind::Places) => "show_places",
            Action::FocusList => "focus_list",
            Action::FocusDetail => "focus_detail",
            Action::Open => "open",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::Search => "search",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "previous_match",
            Action::Filters => "filters",
            Action::ClearFilters => "clear_filters",
            Action::CycleSort => "sort",
            Action::Close => "close",
            Action::Toggle => "toggle",
            Action::SwitchColumn => "switch_column",
            Action::DeleteChar => "delete_char",
            Action::DeleteWord => "delete_word",
            Action::ClearInput => "clear_input",
            Action::Suspend => "suspend",
            Action::ToggleBookmark => "bookmark",
            Action::ShowBookmarks => "show_bookmarks",
            Action::EditNote => "note",
            Action::EditNoteOutside => "note_in_editor",
            Action::Copy => "copy",
            Action::Pager => "pager",
            Action::Export => "export",
            Action::SaveView => "save_view",
            Action::RecallView => "saved_views",
            Action::SaveNote => "save_note",
            Action::NewLine => "new_line",
            Action::CursorLeft => "cursor_left",
            Action::CursorRight => "cursor_right",
            Action::LineStart => "line_start",
            Action::LineEnd => "line_end",
            Action::DeleteView => "delete_view",
            Action::ShowView(Screen::Explorer) => "show_explorer",
            Action::ShowView(Screen::Compare) => "show_compare",
            Action::ShowView(Screen::Matrix) => "show_matrix",
            Action::ShowView(Screen::Map) => "show_map",
            Action::ShowView(Screen::Outlook) => "show_outlook",
            Action::ShowView(Screen::Timeline) => "show_timeline",
            Action::ViewMenu => "views",
            Action::ReverseSort => "reverse_sort",
            Action::Left => "left",
            Action::Right => "right",
            Action::Regroup => "regroup",
            Action::Weigh => "weigh",
            Action::Period => "period",
            Action::ZoomIn => "zoom_in",
            Action::ZoomOut => "zoom_out",
            Action::NextLink => "next_link",
            Action::PrevLink => "previous_link",
            Action::NextSection => "next_section",
            Action::PrevSection => "previous_section",
            Action::Outline => "outline",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Palette => "palette",
            Action::Count => "count",
            Action::Mark => "mark",
            Action::Compare => "compare",
            Action::ToggleSync => "toggle_sync",
            Action::OtherSide => "other_side",
            Action::UndoFilter => "undo_filter",
            Action::Find => "find",
            Action::RegionScope => "region_scope",
            Action::KeepInput => "keep_input",
            Action::ShowHidden => "show_hidden",
            Action::Choose => "choose",
            Action::ShowView(Screen::Forecasts) => "show_forecasts",
            Action::DraftSource => "draft_source",
            Action::Insert(_) => "insert",
            Action::Resize(..) => "resize",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE.iter().copied().find(|a| a.name() == name)
    }

    /// One line for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit geolens",
            Action::Suspend => "suspend to the shell (fg to come back)",
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
            Action::Search => "search everything",
            Action::NextMatch => "next match of the last search in the page",
            Action::PrevMatch => "previous match of the last search in the page",
            Action::Filters => "filter the lists by facets",
            Action::ClearFilters => "clear every filter",
            Action::CycleSort => "change the order of the list",
            Action::Close => "close",
            Action::Toggle => "turn the value on or off",
            Action::SwitchColumn => "switch between facets and values",
            Action::DeleteChar => "delete a character",
            Action::DeleteWord => "delete a word",
            Action::ShowView(Screen::Explorer) => "show the lists and the detail",
            Action::ShowView(Screen::Compare) => "show the last comparison",
            Action::ShowView(Screen::Matrix) => "show the flow matrix (where implications run)",
            Action::ShowView(Screen::Map) => "show the world map",
            Action::ShowView(Screen::Outlook) => "show the outlook grid (likelihood by horizon)",
            Action::ShowView(Screen::Timeline) => "show the timeline of analyses",
            Action::ViewMenu => "choose a view from a menu",
            Action::ReverseSort => "turn the order of the list round",
            Action::Left => "move left",
            Action::Right => "move right",
            Action::Regroup => "change the rows: regions, countries, themes",
            Action::Weigh => "count implications, or weigh them by likelihood",
            Action::Period => "months or quarters",
            Action::ZoomIn => "zoom to the next world region",
            Action::ZoomOut => "back out to the whole world",
            Action::ClearInput => "clear the text",
            Action::ToggleBookmark => "bookmark the item, or remove its bookmark",
            Action::ShowBookmarks => "show the bookmarks",
            Action::EditNote => "write a note on the item",
            Action::EditNoteOutside => "write the note in $EDITOR",
            Action::Copy => "copy the id (in the detail: the page) to the clipboard",
            Action::Pager => "read the page in $PAGER",
            Action::Export => "export the bookmarks and notes as Markdown",
            Action::SaveView => "save the list, its order and filters as a view",
            Action::RecallView => "bring back a saved view",
            Action::SaveNote => "save and close",
            Action::NewLine => "start a new line",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::LineStart => "start of the line",
            Action::LineEnd => "end of the line",
            Action::DeleteView => "delete the saved view",
            Action::NextLink => "next link on the page",
            Action::PrevLink => "previous link on the page",
            Action::NextSection => "next section of the page",
            Action::PrevSection => "previous section (or this one's start)",
            Action::Outline => "outline: jump to a section of the page",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Palette => "find and run any action by name",
            Action::Count => "a count for the next move (5j, 3}, 2 Tab)",
            Action::Mark => "mark this item to compare it",
            Action::Compare => "compare side by side (the marked items, or this reading)",
            Action::ToggleSync => "scroll the two sides together or apart",
            Action::OtherSide => "the other side",
            Action::UndoFilter => "undo the last change to the filters",
            Action::Find => "find a value by typing",
            Action::RegionScope => {
                "a region alone, with the places in it, or with those it touches"
            }
            Action::KeepInput => "keep the last search and add to it",
            Action::ShowHidden => "search past the filters too (again: within them)",
            Action::Choose => "take the highlighted entry",
            Action::ShowView(Screen::Forecasts) => {
                "how did the forecasts do? Brier score and calibration"
            }
            Action::DraftSource => "a draft beside its source text, or back",
            Action::Insert(_) => "type to search",
            Action::Resize(..) => "terminal resized",
        }
    }

    /// A word or two for the status line.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "help",
            Action::Down => "move",
            Action::NextPane => "pane",
            Action::Open => "open",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::Search => "search",
            Action::Filters => "filter",
            Action::CycleSort => "sort",
            Action::Close => "close",
            Action::Toggle => "toggle",
            Action::SwitchColumn => "column",
            Action::ClearFilters => "clear",
            Action::NextMatch => "next match",
            Action::ToggleBookmark => "bookmark",
            Action::SaveNote => "save",
            Action::NewLine => "new line",
            Action::DeleteView => "delete",
            Action::ShowView(Screen::Matrix) => "matrix",
            Action::ShowView(Screen::Map) => "map",
            Action::ShowView(Screen::Outlook) => "outlook",
            Action::ShowView(Screen::Timeline) => "timeline",
            Action::ViewMenu => "views",
            Action::ReverseSort => "reverse",
            Action::Right => "across",
            Action::Regroup => "rows",
            Action::Weigh => "weigh",
            Action::Period => "period",
            Action::ZoomIn => "zoom",
            Action::ZoomOut => "world",
            Action::NextLink => "link",
            Action::NextSection => "section",
            Action::Outline => "outline",
            Action::Palette => "commands",
            Action::Compare => "compare",
            Action::Mark => "mark",
            Action::ToggleSync => "sync",
            Action::OtherSide => "side",
            Action::UndoFilter => "undo",
            Action::Find => "find",
            Action::RegionScope => "regions",
            Action::KeepInput => "keep",
            Action::ShowHidden => "past filters",
            Action::Choose => "choose",
            Action::ShowView(Screen::Forecasts) => "forecasts",
            Action::FocusDetail => "page",
            Action::FocusList => "list",
            other => other.describe(),
        }
    }
}
