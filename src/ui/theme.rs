//! Styles by meaning, not by colour: drawing code asks for `theme.heading`, never for magenta.
//!
//! Every state is told apart by an attribute (bold, reverse, dim), so the mono theme used under
//! `NO_COLOR` loses nothing; the colour theme only adds the terminal's own ANSI colours on top, so
//! it follows the user's palette (light, dark, Solarized). Bright black is avoided on purpose: it is
//! the background colour in Solarized dark.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::app::doc::Role;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub title: Style,
    pub meta: Style,
    pub heading: Style,
    pub body: Style,
    pub link: Style,
    pub label: Style,
    pub muted: Style,
    pub warn: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    /// The selected row of a focused list, and the cursor row of a focused detail pane.
    pub selected: Style,
    /// The selected row of a list that does not have focus.
    pub selected_unfocused: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub crumb: Style,
    pub crumb_current: Style,
    /// Characters that matched a search.
    pub matched: Style,
    /// An active filter in the chips line.
    pub chip: Style,
}

impl Theme {
    /// Attributes only: what `NO_COLOR` and `--color never` get.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            title: bold,
            meta: dim,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            body: Style::new(),
            link: Style::new(),
            label: bold,
            muted: dim,
            warn: bold,
            border: dim,
            border_focused: bold,
            pane_title: Style::new(),
            pane_title_focused: reversed.add_modifier(Modifier::BOLD),
            selected: reversed,
            selected_unfocused: bold.add_modifier(Modifier::UNDERLINED),
            tab: Style::new(),
            tab_active: reversed.add_modifier(Modifier::BOLD),
            status: Style::new(),
            status_key: bold,
            message: bold,
            crumb: dim,
            crumb_current: bold,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            chip: reversed,
        }
    }

    /// The mono theme plus ANSI colours from the terminal's own palette.
    pub fn color() -> Theme {
        let m = Theme::mono();
        Theme {
            heading: m.heading.fg(Color::Magenta),
            link: m.link.fg(Color::Cyan),
            label: m.label.fg(Color::Blue),
            warn: m.warn.fg(Color::Red),
            border_focused: m.border_focused.fg(Color::Cyan),
            status_key: m.status_key.fg(Color::Cyan),
            message: m.message.fg(Color::Red),
            ..m
        }
    }

    /// A pane's frame: its border and title say whether it has the focus.
    pub fn pane<'a>(&self, title: String, focused: bool) -> Block<'a> {
        let (border, title_style) = if focused {
            (self.border_focused, self.pane_title_focused)
        } else {
            (self.border, self.pane_title)
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(title, title_style))
    }

    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Title => self.title,
            Role::Meta => self.meta,
            Role::Heading => self.heading,
            Role::Body => self.body,
            Role::Link => self.link,
            Role::Label => self.label,
            Role::Muted => self.muted,
            Role::Warn => self.warn,
        }
    }
}
