//! Styles by meaning, not by colour: drawing code asks for `theme.heading`, never for magenta.
//!
//! Every state is told apart by an attribute (bold, reverse, dim), so the mono theme used under
//! `NO_COLOR` loses nothing; the colour theme only adds the terminal's own ANSI colours on top, so
//! it follows the user's palette (light, dark, Solarized). Bright black is avoided on purpose: it is
//! the background colour in Solarized dark.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::doc::Role;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Box-drawing borders, or `+-|` ones in ASCII mode.
    pub borders: border::Set<'static>,
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
            borders: border::PLAIN,
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
            .border_set(self.borders)
            .border_style(border)
            .title(Span::styled(title, title_style))
    }

    /// The same theme drawn with ASCII borders only.
    pub fn ascii(self) -> Theme {
        Theme {
            borders: ASCII_BORDERS,
            ..self
        }
    }

    /// A style by the name the config file uses (`heading`, `link` ...).
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "meta" => &mut self.meta,
            "heading" => &mut self.heading,
            "body" => &mut self.body,
            "link" => &mut self.link,
            "label" => &mut self.label,
            "muted" => &mut self.muted,
            "warn" => &mut self.warn,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "pane_title" => &mut self.pane_title,
            "pane_title_focused" => &mut self.pane_title_focused,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "tab" => &mut self.tab,
            "tab_active" => &mut self.tab_active,
            "status" => &mut self.status,
            "status_key" => &mut self.status_key,
            "message" => &mut self.message,
            "crumb" => &mut self.crumb,
            "crumb_current" => &mut self.crumb_current,
            "matched" => &mut self.matched,
            "chip" => &mut self.chip,
            _ => return None,
        })
    }
}

/// The names of the styles a config file can colour, in the order `config --print-default`
/// lists them.
pub const STYLE_NAMES: [&str; 23] = [
    "title",
    "meta",
    "heading",
    "body",
    "link",
    "label",
    "muted",
    "warn",
    "border",
    "border_focused",
    "pane_title",
    "pane_title_focused",
    "selected",
    "selected_unfocused",
    "tab",
    "tab_active",
    "status",
    "status_key",
    "message",
    "crumb",
    "crumb_current",
    "matched",
    "chip",
];

const ASCII_BORDERS: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A colour as the config file writes it: one of the terminal's 16 by name, `default`, or
/// `#rrggbb`.
pub fn parse_color(text: &str) -> Option<Color> {
    Some(match text {
        "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" => Color::DarkGray,
        "bright-red" => Color::LightRed,
        "bright-green" => Color::LightGreen,
        "bright-yellow" => Color::LightYellow,
        "bright-blue" => Color::LightBlue,
        "bright-magenta" => Color::LightMagenta,
        "bright-cyan" => Color::LightCyan,
        "white" => Color::White,
        hex => {
            let digits = hex.strip_prefix('#').filter(|d| d.len() == 6)?;
            let n = u32::from_str_radix(digits, 16).ok()?;
            Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)
        }
    })
}

/// How `config --print-default` writes a colour back.
pub fn color_name(color: Option<Color>) -> String {
    match color {
        None | Some(Color::Reset) => "default".to_owned(),
        Some(Color::Black) => "black".to_owned(),
        Some(Color::Red) => "red".to_owned(),
        Some(Color::Green) => "green".to_owned(),
        Some(Color::Yellow) => "yellow".to_owned(),
        Some(Color::Blue) => "blue".to_owned(),
        Some(Color::Magenta) => "magenta".to_owned(),
        Some(Color::Cyan) => "cyan".to_owned(),
        Some(Color::Gray) => "gray".to_owned(),
        Some(Color::DarkGray) => "dark-gray".to_owned(),
        Some(Color::LightRed) => "bright-red".to_owned(),
        Some(Color::LightGreen) => "bright-green".to_owned(),
        Some(Color::LightYellow) => "bright-yellow".to_owned(),
        Some(Color::LightBlue) => "bright-blue".to_owned(),
        Some(Color::LightMagenta) => "bright-magenta".to_owned(),
        Some(Color::LightCyan) => "bright-cyan".to_owned(),
        Some(Color::White) => "white".to_owned(),
        Some(Color::Rgb(r, g, b)) => format!("#{r:02x}{g:02x}{b:02x}"),
        Some(Color::Indexed(i)) => format!("{i}"),
    }
}

impl Theme {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn all(theme: &mut Theme) -> Vec<Style> {
        STYLE_NAMES
            .iter()
            .map(|n| *theme.style_mut(n).expect("every listed name is a style"))
            .collect()
    }

    #[test]
    fn the_mono_theme_has_no_colour_at_all() {
        for style in all(&mut Theme::mono()) {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
    }

    #[test]
    fn without_colour_every_state_is_still_told_apart() {
        let m = Theme::mono();
        let pairs = [
            (
                "selection with and without focus",
                m.selected,
                m.selected_unfocused,
            ),
            ("selected row and plain row", m.selected, m.body),
            (
                "unfocused selection and plain row",
                m.selected_unfocused,
                m.body,
            ),
            ("active and inactive tab", m.tab_active, m.tab),
            ("focused and unfocused border", m.border_focused, m.border),
            (
                "focused and unfocused title",
                m.pane_title_focused,
                m.pane_title,
            ),
            ("matched and plain text", m.matched, m.body),
            ("heading and body", m.heading, m.body),
        ];
        for (what, a, b) in pairs {
            assert_ne!(a.add_modifier, b.add_modifier, "{what}");
        }
    }

    #[test]
    fn the_colour_theme_uses_only_the_sixteen_ansi_colours() {
        for style in all(&mut Theme::color()) {
            for c in [style.fg, style.bg].into_iter().flatten() {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
                assert_ne!(
                    c,
                    Color::DarkGray,
                    "bright black is the background in Solarized dark"
                );
            }
        }
    }
}
