//! The user's config file (TOML, in the XDG config directory) and the environment: colours,
//! ASCII drawing, the mouse, key bindings and the theme. A partial file merges over the defaults;
//! anything unknown is an error that names the line and the field, reported before the terminal
//! is touched, like a dataset problem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::app::action::{Action, BINDABLE};
use crate::app::keymap::{Keymap, Mode};
use crate::data::{FieldPath, Problem, Problems};
use crate::disk::{self, ReadError};
use crate::ui::Theme;
use crate::ui::theme::{STYLE_NAMES, color_name, parse_color};

mod file;

pub use file::parse;

/// Auto, or forced one way or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    #[default]
    Auto,
    Always,
    Never,
}

impl Choice {
    pub fn parse(text: &str) -> Option<Choice> {
        Some(match text {
            "auto" => Choice::Auto,
            "always" => Choice::Always,
            "never" => Choice::Never,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Choice::Auto => "auto",
            Choice::Always => "always",
            Choice::Never => "never",
        }
    }
}

/// The environment variables that decide colours and glyphs, read once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub no_color: bool,
    pub term: Option<String>,
    pub colorterm: Option<String>,
    /// The effective character-type locale (LC_ALL, else LC_CTYPE, else LANG).
    pub locale: Option<String>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Env {
            no_color: var("NO_COLOR").is_some(),
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            locale: var("LC_ALL")
                .or_else(|| var("LC_CTYPE"))
                .or_else(|| var("LANG")),
        }
    }

    /// `auto` colour: on, unless NO_COLOR is set or the terminal is dumb.
    pub fn color(&self, choice: Choice) -> bool {
        match choice {
            Choice::Always => true,
            Choice::Never => false,
            Choice::Auto => !self.no_color && self.term.as_deref() != Some("dumb"),
        }
    }

    /// `auto` ASCII: unless the locale says UTF-8. An unset locale is the C locale: ASCII.
    pub fn ascii(&self, choice: Choice) -> bool {
        match choice {
            Choice::Always => true,
            Choice::Never => false,
            Choice::Auto => !self.locale.as_deref().is_some_and(|l| {
                let l = l.to_ascii_lowercase();
                l.contains("utf-8") || l.contains("utf8")
            }),
        }
    }

    /// Whether the terminal says it takes 24-bit colour; only then is an `#rrggbb` used.
    pub fn truecolor(&self) -> bool {
        matches!(self.colorterm.as_deref(), Some("truecolor" | "24bit"))
    }
}

/// Everything the config decides, defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub color: Choice,
    pub ascii: Choice,
    pub mouse: bool,
    /// The longest line of prose in the detail pane, in columns; 0 for as wide as the pane.
    pub reading_width: u16,
    pub keymap: Keymap,
    /// Colours by style name, as written (`#rrggbb` ones apply only on truecolor terminals).
    pub colors: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            color: Choice::Auto,
            ascii: Choice::Auto,
            mouse: false,
            reading_width: crate::layout::READING_WIDTH,
            keymap: Keymap::default(),
            colors: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The theme for this config and environment.
    pub fn theme(&self, env: &Env, color: Choice, ascii: Choice) -> Theme {
        let mut theme = if env.color(color) {
            Theme::color()
        } else {
            Theme::mono()
        };
        if env.color(color) {
            for (name, value) in &self.colors {
                let color = parse_color(value);
                let rgb = matches!(color, Some(ratatui::style::Color::Rgb(..)));
                if let (Some(style), Some(color)) = (theme.style_mut(name), color)
                    && (!rgb || env.truecolor())
                {
                    // "default" means the terminal's own foreground: no colour set at all.
                    style.fg = (color != ratatui::style::Color::Reset).then_some(color);
                }
            }
        }
        if env.ascii(ascii) {
            theme.ascii()
        } else {
            theme
        }
    }
}

/// Where the config file is looked for: `$XDG_CONFIG_HOME/geolens/config.toml`, else
/// `~/.config/geolens/config.toml`; a relative `XDG_CONFIG_HOME` is ignored, as the XDG
/// specification says.
pub fn default_path() -> Option<PathBuf> {
    Some(disk::dir(disk::Base::Config)?.join("config.toml"))
}

/// The largest config file read: a real one is a few kilobytes.
pub const MAX_BYTES: u64 = 1 << 20;

/// Reads a config file; a missing file at the default place is no config at all. Only a regular
/// file is opened (a FIFO would block, `/dev/zero` never ends), and at most [`MAX_BYTES`] of it.
pub fn load(path: &Path, required: bool) -> Result<Config, Problems> {
    let shown = path.display().to_string();
    let problem = |message: String| {
        Problems(vec![Problem {
            file: shown.clone(),
            position: None,
            path: FieldPath::root(),
            message,
        }])
    };
    let bytes = match disk::read_capped(path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing) if !required => return Ok(Config::default()),
        Err(ReadError::Missing) => return Err(problem("no such file".to_owned())),
        Err(ReadError::TooLarge(max)) => {
            return Err(problem(format!(
                "is larger than {} KiB: a config file is a few lines of TOML",
                max >> 10
            )));
        }
        Err(e) => return Err(problem(e.to_string())),
    };
    match String::from_utf8(bytes) {
        Ok(text) => parse(&shown, &text),
        Err(e) => Err(problem(format!(
            "not valid UTF-8 (byte {} of the file): save it as UTF-8",
            e.utf8_error().valid_up_to() + 1
        ))),
    }
}

/// The whole default config, with comments: what `geolens config --print-default` prints.
/// Generated from the keymap and the theme, so it cannot go stale.
pub fn print_default() -> String {
    let d = Config::default();
    let mut out = String::from(
        "# geolens configuration. Put it in $XDG_CONFIG_HOME/geolens/config.toml\n\
         # (usually ~/.config/geolens/config.toml) and keep only what you change:\n\
         # the rest falls back to these defaults.\n\n",
    );
    out.push_str(&format!(
        "# Colours: auto (on unless NO_COLOR is set or TERM=dumb), always or never.\ncolor = \"{}\"\n",
        d.color.name()
    ));
    out.push_str(&format!(
        "# Draw with ASCII only: auto (when the locale is not UTF-8), always or never.\nascii = \"{}\"\n",
        d.ascii.name()
    ));
    out.push_str(&format!(
        "# Clicks select, the wheel scrolls; while on, the terminal's own text selection\n\
         # usually needs Shift held.\nmouse = {}\n",
        d.mouse
    ));
    out.push_str(&format!(
        "# The longest line of text in the detail pane, in columns (0: as wide as the pane);\n\
         # on a wide screen the list takes the rest.\nreading_width = {}\n\n",
        d.reading_width
    ));
    out.push_str(
        "[keys]\n\
         # action = [keys]; an empty list unbinds. A mode prefix (list., detail., compare.,\n\
         # search., find., filters., help.) binds a key only there. Key notation: j, G, <Enter>,\n\
         # <C-c>, <S-Tab>.\n",
    );
    for mode in Mode::ALL {
        let mut seen: Vec<Action> = Vec::new();
        for b in d.keymap.bindings().iter().filter(|b| b.mode == mode) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let keys: Vec<String> = d
                .keymap
                .bindings()
                .iter()
                .filter(|x| x.mode == mode && x.action == b.action)
                .map(|x| format!("{:?}", x.key.to_string()))
                .collect();
            let name = match mode {
                Mode::Global => b.action.name().to_owned(),
                m => format!("\"{}.{}\"", m.name(), b.action.name()),
            };
            out.push_str(&format!(
                "{name} = [{}]  # {}\n",
                keys.join(", "),
                b.action.describe()
            ));
        }
    }
    let unbound: Vec<&str> = BINDABLE
        .iter()
        .filter(|a| !d.keymap.bindings().iter().any(|b| b.action == **a))
        .map(|a| a.name())
        .collect();
    if !unbound.is_empty() {
        out.push_str(&format!("# Not bound by default: {}\n", unbound.join(", ")));
    }
    out.push_str(
        "\n[theme]\n\
         # Foreground colours by style: default, black, red, green, yellow, blue, magenta, cyan,\n\
         # gray, dark-gray, bright-red ... bright-cyan, white, or #rrggbb (used only when\n\
         # COLORTERM=truecolor). Every state is also shown by bold, reverse or underline.\n",
    );
    let mut theme = Theme::color();
    for name in STYLE_NAMES {
        let fg = theme.style_mut(name).and_then(|s| s.fg);
        out.push_str(&format!("{name} = \"{}\"\n", color_name(fg)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_default_reads_back_as_the_default() {
        let config = parse("default.toml", &print_default()).unwrap();
        assert_eq!(config.keymap, Keymap::default());
        assert_eq!(config.color, Choice::Auto);
        assert!(!config.mouse);
        let env = Env {
            locale: Some("en_GB.UTF-8".into()),
            ..Env::default()
        };
        assert_eq!(
            config.theme(&env, Choice::Auto, Choice::Auto),
            Theme::color()
        );
    }

    #[test]
    fn a_partial_file_merges_over_the_defaults() {
        let text = "mouse = true\nreading_width = 72\n[keys]\nquit = [\"<C-q>\"]\n\"detail.open\" = [\"o\"]\n";
        let c = parse("c.toml", text).unwrap();
        assert!(c.mouse);
        assert_eq!(c.reading_width, 72);
        use crate::keys::Key;
        assert_eq!(
            c.keymap.lookup(Mode::List, Key::ctrl('q')),
            Some(Action::Quit)
        );
        assert_eq!(
            c.keymap.lookup(Mode::List, Key::char('q')),
            None,
            "q was replaced"
        );
        assert_eq!(
            c.keymap.lookup(Mode::Detail, Key::char('o')),
            Some(Action::Open)
        );
        assert_eq!(
            c.keymap.lookup(Mode::Detail, Key::char('j')),
            Some(Action::Down),
            "the rest stays"
        );
    }

    #[test]
    fn a_key_taken_by_another_action_moves() {
        let c = parse("c.toml", "[keys]\nsearch = [\"f\"]\n").unwrap();
        use crate::keys::Key;
        assert_eq!(
            c.keymap.lookup(Mode::List, Key::char('f')),
            Some(Action::Search)
        );
    }

    #[test]
    fn mistakes_name_the_line_the_field_and_the_fix() {
        let text = "color = \"sometimes\"\n[keys]\nqiut = [\"q\"]\nopen = [\"<Entr>\"]\n\"lsit.open\" = []\n[theme]\nheading = \"mauve\"\nlinks = \"red\"\n";
        let err = parse("config.toml", text).unwrap_err().to_string();
        assert_eq!(
            err,
            "config.toml:1:9: color: \"sometimes\" is not auto, always or never\n\
             config.toml:3:1: keys.qiut: unknown action \"qiut\" (geolens config --print-default lists them)\n\
             config.toml:4:9: keys.open[0]: unknown key name <Entr>\n\
             config.toml:5:1: keys.lsit.open: unknown mode: use list., detail., compare., search., find., filters. or help.\n\
             config.toml:7:11: theme.heading: unknown colour \"mauve\": use a name such as red or bright-cyan, default, or #rrggbb\n\
             config.toml:8:1: theme.links: unknown style \"links\"\n"
        );
        let syntax = parse("config.toml", "[keys\n").unwrap_err().to_string();
        assert!(syntax.starts_with("config.toml:1:"), "{syntax}");
        let unknown = parse("config.toml", "colour = \"never\"\n")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("unknown field `colour`"), "{unknown}");
    }

    #[test]
    fn colour_and_ascii_follow_the_environment() {
        let env = |no_color: bool, locale: Option<&str>| Env {
            no_color,
            locale: locale.map(str::to_owned),
            ..Env::default()
        };
        assert!(env(false, None).color(Choice::Auto));
        assert!(!env(true, None).color(Choice::Auto));
        assert!(env(true, None).color(Choice::Always));
        assert!(
            env(false, None).ascii(Choice::Auto),
            "the C locale is ASCII"
        );
        assert!(!env(false, Some("en_US.UTF-8")).ascii(Choice::Auto));
        assert!(!env(false, Some("de_DE.utf8")).ascii(Choice::Auto));
        assert!(env(false, Some("POSIX")).ascii(Choice::Auto));
    }

    #[test]
    fn rgb_colours_need_a_truecolor_terminal() {
        let c = parse(
            "c.toml",
            "[theme]\nheading = \"#ff8800\"\nlink = \"green\"\n",
        )
        .unwrap();
        let utf8 = Some("C.UTF-8".to_owned());
        let plain = Env {
            locale: utf8.clone(),
            ..Env::default()
        };
        let truecolor = Env {
            colorterm: Some("truecolor".into()),
            locale: utf8,
            ..Env::default()
        };
        use ratatui::style::Color;
        let t = c.theme(&plain, Choice::Auto, Choice::Auto);
        assert_eq!(
            t.heading.fg,
            Theme::color().heading.fg,
            "no RGB without truecolor"
        );
        assert_eq!(t.link.fg, Some(Color::Green));
        let t = c.theme(&truecolor, Choice::Auto, Choice::Auto);
        assert_eq!(t.heading.fg, Some(Color::Rgb(0xff, 0x88, 0x00)));
        let t = c.theme(&truecolor, Choice::Never, Choice::Auto);
        assert_eq!(t, Theme::mono(), "never means no colour at all");
    }
}
