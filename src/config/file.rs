//! Reading a config file's text: every mistake in it is reported, each at its line and column
//! with its field path, as `geolens check` reports a dataset's; none hides the others.
//!
//! The file is read as a TOML tree that keeps each value's position (`toml::de::DeTable`) and
//! checked field by field, rather than deserialized into a struct, where the first unknown field
//! or wrong type would stop everything.
//!
//! Key bindings get checks of their own, so that no config can shut a user in or leave a key
//! meaning two things: an action a user needs to get out (quit, suspend, closing the search box,
//! the filter panel or help) cannot be left without a key; Ctrl-C cannot be given to anything
//! but quitting; and one key given to two actions of a mode is refused, naming both places.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Choice, Config};
use crate::app::action::Action;
use crate::app::keymap::Mode;
use crate::data::locate::line_col;
use crate::data::{FieldPath, Problem, Problems};
use crate::keys::{Key, parse_key};
use crate::text::quote;
use crate::ui::theme::{STYLE_NAMES, parse_color};

/// The bindings a user needs to get out of somewhere, and what is lost without them.
const WAYS_OUT: &[(Mode, Action, &str)] = &[
    (Mode::Global, Action::Quit, "quit geolens"),
    (Mode::Global, Action::Suspend, "suspend it (Ctrl-Z)"),
    (Mode::Search, Action::Close, "close the search box"),
    (Mode::Filters, Action::Close, "close the filter panel"),
    (Mode::Help, Action::ToggleHelp, "leave the help screen"),
];

/// Collects problems with their positions in the text.
struct Report<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn at(&mut self, span: Range<usize>, path: FieldPath, message: String) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            position: Some(line_col(self.text, span.start)),
            path,
            message,
        });
    }

    fn position(&self, span: &Range<usize>) -> String {
        let (line, column) = line_col(self.text, span.start);
        format!("{line}:{column}")
    }
}

/// A value's type, in words: "expected a string, found an integer".
fn found(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Reading widths a config may ask for: narrower is no longer prose, wider no longer a cap.
const MIN_READING_WIDTH: u16 = 30;
const MAX_READING_WIDTH: u16 = 1000;

/// Parses a config file's text, collecting every problem, in the order of the file.
pub fn parse(file: &str, text: &str) -> Result<Config, Problems> {
    let mut r = Report {
        file,
        text,
        problems: Vec::new(),
    };
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        // What follows a syntax error cannot be trusted to mean what it says.
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            r.at(span, FieldPath::root(), e.message().trim().to_owned());
        }
        return Err(Problems(r.problems));
    }
    let mut config = Config::default();
    for (key, value) in doc.get_ref() {
        let name: &str = key.get_ref();
        let path = FieldPath::root().key(name);
        match name {
            "color" | "ascii" => {
                let choice = match value.get_ref() {
                    DeValue::String(s) => Choice::parse(s).ok_or_else(|| {
                        format!("{} is not auto, always or never", quote(s))
                    }),
                    other => Err(format!(
                        "expected auto, always or never, found {}",
                        found(other)
                    )),
                };
                match (choice, name) {
                    (Ok(c), "color") => config.color = c,
                    (Ok(c), _) => config.ascii = c,
                    (Err(message), _) => r.at(value.span(), path, message),
                }
            }
            "mouse" => match value.get_ref() {
                DeValue::Boolean(b) => config.mouse = *b,
                other => r.at(
                    value.span(),
                    path,
                    format!("expected true or false, found {}", found(other)),
                ),
            },
            "reading_width" => {
                let width = match value.get_ref() {
                    DeValue::Integer(i) => {
                        u16::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
                    }
                    _ => None,
                };
                match width {
                    Some(w) if w == 0 || (MIN_READING_WIDTH..=MAX_READING_WIDTH).contains(&w) => {
                        config.reading_width = w
                    }
                    _ => r.at(
                        value.span(),
                        path,
                        format!(
                            "expected a number of columns from {MIN_READING_WIDTH} to {MAX_READING_WIDTH}, or 0 for the whole pane, found {}",
                            found(value.get_ref())
                        ),
                    ),
                }
            }
            "keys" | "theme" => match value.get_ref() {
                DeValue::Table(table) if name == "keys" => keys(&mut r, table, &mut config),
                DeValue::Table(table) => theme(&mut r, table, &mut config),
                other => r.at(
                    value.span(),
                    path,
                    format!("expected a table ([{name}]), found {}", found(other)),
                ),
            },
            other => r.at(
                key.span(),
                path,
                format!(
                    "unknown field `{}`, expected one of `color`, `ascii`, `mouse`, `reading_width`, `keys`, `theme`",
                    crate::text::sanitize(other)
                ),
            ),
        }
    }
    if r.problems.is_empty() {
        Ok(config)
    } else {
        r.problems.sort_by_key(|p| p.position);
        Err(Problems(r.problems))
    }
}

/// One `[keys]` entry that parsed.
struct Entry {
    mode: Mode,
    action: Action,
    path: FieldPath,
    span: Range<usize>,
    keys: Vec<(Key, Range<usize>, FieldPath)>,
}

fn keys(r: &mut Report, table: &DeTable, config: &mut Config) {
    let mut entries: Vec<Entry> = Vec::new();
    for (name, value) in table {
        let full: &str = name.get_ref();
        let path = FieldPath::root().key("keys").key(full);
        let (mode, action_name) = match full.split_once('.') {
            Some((m, a)) => (Mode::from_name(m), a),
            None => (Some(Mode::Global), full),
        };
        let Some(mode) = mode else {
            r.at(
                name.span(),
                path,
                "unknown mode: use list., detail., compare., search., find., filters. or help."
                    .to_owned(),
            );
            continue;
        };
        let Some(action) = Action::from_name(action_name) else {
            r.at(
                name.span(),
                path,
                format!(
                    "unknown action {} (geolens config --print-default lists them)",
                    quote(action_name)
                ),
            );
            continue;
        };
        let DeValue::Array(items) = value.get_ref() else {
            r.at(
                value.span(),
                path,
                format!(
                    "expected a list of keys such as [\"q\", \"<C-q>\"], found {}",
                    found(value.get_ref())
                ),
            );
            continue;
        };
        let mut entry = Entry {
            mode,
            action,
            path: path.clone(),
            span: name.span(),
            keys: Vec::new(),
        };
        for (i, item) in items.iter().enumerate() {
            let at = path.clone().index(i);
            let DeValue::String(text) = item.get_ref() else {
                let message = format!(
                    "expected a key such as \"q\", found {}",
                    found(item.get_ref())
                );
                r.at(item.span(), at, message);
                continue;
            };
            match parse_key(text) {
                Ok(k) if k == Key::ctrl('c') && action != Action::Quit => r.at(
                    item.span(),
                    at,
                    "Ctrl-c always quits geolens: choose another key".to_owned(),
                ),
                Ok(k) => entry.keys.push((k, item.span(), at)),
                Err(e) => r.at(item.span(), at, e.to_string()),
            }
        }
        entries.push(entry);
    }
    // In the order of the file: a later line is the later word.
    entries.sort_by_key(|e| e.span.start);
    same_key_twice(r, &entries);
    // Which entry took the last key of each way out, if any did.
    let mut emptied: Vec<Option<&Entry>> = vec![None; WAYS_OUT.len()];
    for entry in &entries {
        let before = ways_out(config);
        let mut keys: Vec<Key> = Vec::new();
        for (k, _, _) in &entry.keys {
            if !keys.contains(k) {
                keys.push(*k);
            }
        }
        config.keymap.rebind(entry.mode, entry.action, &keys);
        for (i, now) in ways_out(config).into_iter().enumerate() {
            if before[i] && !now {
                emptied[i] = Some(entry);
            }
        }
    }
    let now = ways_out(config);
    for (i, &(mode, action, what)) in WAYS_OUT.iter().enumerate() {
        let Some(entry) = emptied[i].filter(|_| !now[i]) else {
            continue;
        };
        let message = if entry.mode == mode && entry.action == action {
            format!("leaves no key to {what}: keep at least one")
        } else {
            format!(
                "takes the last key of {}: nothing would {what}",
                binding_name(mode, action)
            )
        };
        r.at(entry.span.clone(), entry.path.clone(), message);
    }
}

/// One key given to two actions of one mode in this file: the key would do only the last, so
/// the file says two things at once.
fn same_key_twice(r: &mut Report, entries: &[Entry]) {
    let mut problems = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        for (key, span, path) in &entry.keys {
            let earlier = entries[..=i].iter().enumerate().find_map(|(j, other)| {
                let before = if j == i {
                    &other.keys[..other.keys.iter().position(|(_, s, _)| s == span)?]
                } else {
                    &other.keys[..]
                };
                (other.mode == entry.mode)
                    .then(|| before.iter().find(|(k, _, _)| k == key))
                    .flatten()
                    .map(|found| (other, found))
            });
            if let Some((other, (_, first_span, first_path))) = earlier {
                let what = if other.action == entry.action {
                    "twice to this action".to_owned()
                } else {
                    format!("to {}", other.path)
                };
                problems.push((
                    span.clone(),
                    path.clone(),
                    format!(
                        "{key} is also bound {what} at {} ({first_path}): a key does one thing",
                        r.position(first_span)
                    ),
                ));
            }
        }
    }
    for (span, path, message) in problems {
        r.at(span, path, message);
    }
}

/// Whether each of [`WAYS_OUT`] has a key.
fn ways_out(config: &Config) -> Vec<bool> {
    WAYS_OUT
        .iter()
        .map(|&(mode, action, _)| {
            config
                .keymap
                .bindings()
                .iter()
                .any(|b| b.mode == mode && b.action == action)
        })
        .collect()
}

/// An action's name as the config writes it: `quit`, `filters.close`.
fn binding_name(mode: Mode, action: Action) -> String {
    match mode {
        Mode::Global => action.name().to_owned(),
        m => format!("{}.{}", m.name(), action.name()),
    }
}

fn theme(r: &mut Report, table: &DeTable, config: &mut Config) {
    for (name, value) in table {
        let style: &str = name.get_ref();
        let path = FieldPath::root().key("theme").key(style);
        if !STYLE_NAMES.contains(&style) {
            r.at(name.span(), path, format!("unknown style {}", quote(style)));
            continue;
        }
        match value.get_ref() {
            DeValue::String(colour) if parse_color(colour).is_some() => {
                config.colors.insert(style.to_owned(), colour.to_string());
            }
            DeValue::String(colour) => r.at(
                value.span(),
                path,
                format!(
                    "unknown colour {}: use a name such as red or bright-cyan, default, or #rrggbb",
                    quote(colour)
                ),
            ),
            other => r.at(
                value.span(),
                path,
                format!("expected a colour name, found {}", found(other)),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> String {
        parse("c.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn every_mistake_is_reported_not_only_the_first() {
        let text = "colour = \"never\"\nmouse = \"yes\"\n[keys]\nquit = \"q\"\nsearch = [1]\n";
        assert_eq!(
            errors(text),
            "c.toml:1:1: colour: unknown field `colour`, expected one of `color`, `ascii`, `mouse`, `reading_width`, `keys`, `theme`\n\
             c.toml:2:9: mouse: expected true or false, found a string\n\
             c.toml:4:8: keys.quit: expected a list of keys such as [\"q\", \"<C-q>\"], found a string\n\
             c.toml:5:11: keys.search[0]: expected a key such as \"q\", found an integer\n"
        );
    }

    #[test]
    fn no_config_can_take_away_the_ways_out() {
        assert_eq!(
            errors(
                "[keys]\nquit = []\nsuspend = []\n\"filters.close\" = []\n\"help.help\" = []\n\"search.close\" = []\n"
            ),
            "c.toml:2:1: keys.quit: leaves no key to quit geolens: keep at least one\n\
             c.toml:3:1: keys.suspend: leaves no key to suspend it (Ctrl-Z): keep at least one\n\
             c.toml:4:1: keys.filters.close: leaves no key to close the filter panel: keep at least one\n\
             c.toml:5:1: keys.help.help: leaves no key to leave the help screen: keep at least one\n\
             c.toml:6:1: keys.search.close: leaves no key to close the search box: keep at least one\n"
        );
        assert_eq!(
            errors("[keys]\n\"filters.toggle\" = [\"<Esc>\", \"f\", \"q\"]\n"),
            "c.toml:2:1: keys.filters.toggle: takes the last key of filters.close: nothing would close the filter panel\n"
        );
        // Taken, then given another: fine.
        let c = parse(
            "c.toml",
            "[keys]\n\"filters.toggle\" = [\"<Esc>\", \"f\", \"q\"]\n\"filters.close\" = [\"c\"]\n",
        )
        .unwrap();
        assert_eq!(
            c.keymap.lookup(Mode::Filters, Key::char('c')),
            Some(Action::Close)
        );
    }

    #[test]
    fn ctrl_c_quits_whatever_the_config_says() {
        assert_eq!(
            errors("[keys]\nsearch = [\"<C-c>\"]\n"),
            "c.toml:2:11: keys.search[0]: Ctrl-c always quits geolens: choose another key\n"
        );
        let c = parse("c.toml", "[keys]\nquit = [\"x\"]\n").unwrap();
        for mode in Mode::ALL {
            assert_eq!(
                c.keymap.lookup(mode, Key::ctrl('c')),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn one_key_for_two_actions_names_both_places() {
        assert_eq!(
            errors("[keys]\nsearch = [\"f\"]\nfilters = [\"<F2>\", \"f\"]\n"),
            "c.toml:3:20: keys.filters[1]: f is also bound to keys.search at 2:11 (keys.search[0]): a key does one thing\n"
        );
        assert_eq!(
            errors("[keys]\nsearch = [\"f\", \"f\"]\n"),
            "c.toml:2:16: keys.search[1]: f is also bound twice to this action at 2:11 (keys.search[0]): a key does one thing\n"
        );
        // Different modes may share a key: the mode's own binding wins there.
        assert!(
            parse(
                "c.toml",
                "[keys]\nsearch = [\"o\"]\n\"detail.open\" = [\"o\"]\n"
            )
            .is_ok()
        );
    }

    #[test]
    fn a_huge_bad_value_is_quoted_short() {
        let huge = "m".repeat(1 << 20);
        let err = errors(&format!("[theme]\nheading = \"{huge}\"\n"));
        assert!(err.len() < 300, "{}", &err[..300]);
        assert!(err.contains("…\"(1048576 bytes)"), "{err}");
    }

    #[test]
    fn a_reading_width_is_a_number_of_columns_or_zero() {
        assert_eq!(
            parse("c.toml", "reading_width = 72\n")
                .unwrap()
                .reading_width,
            72
        );
        assert_eq!(
            parse("c.toml", "reading_width = 0\n")
                .unwrap()
                .reading_width,
            0
        );
        for (text, found) in [
            ("reading_width = 5\n", "an integer"),
            ("reading_width = -90\n", "an integer"),
            ("reading_width = \"wide\"\n", "a string"),
        ] {
            let err = parse("c.toml", text).unwrap_err().to_string();
            assert_eq!(
                err,
                format!(
                    "c.toml:1:17: reading_width: expected a number of columns from 30 to 1000, or 0 for the whole pane, found {found}\n"
                ),
                "{text}"
            );
        }
    }
}
