//! The `geolens` command: the explorer by default, and subcommands for scripts and tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use geolens::app::App;
use geolens::app::keymap::Keymap;
use geolens::data::{self, Dataset, Problems, Sources};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::text::sanitize;
use geolens::ui::Theme;
use geolens::{terminal, views};

#[derive(Parser)]
#[command(
    name = "geolens",
    version,
    about = "Explore geopolitical deep-dive analyses in the terminal",
    after_help = "Run without a command to open the explorer on the bundled dataset."
)]
struct Cli {
    /// Load the dataset in this directory instead of the bundled one.
    #[arg(long, global = true, value_name = "PATH")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a dataset; print its counts, or every problem with file:line:column.
    Check,
    /// Print the screen the explorer shows after some keys, as plain text.
    Snapshot {
        /// Terminal size, e.g. 80x24.
        #[arg(long, default_value = "80x24", value_parser = parse_size)]
        size: (u16, u16),
        /// Keys to type, in vim notation: `jj<Enter>`, `<Tab>`, `<BS>`, `<C-c>`.
        #[arg(long, default_value = "")]
        keys: String,
        /// Draw with ASCII only.
        #[arg(long)]
        ascii: bool,
    },
    /// Print the JSON Schema of dataset files.
    Schema,
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, e.g. 80x24, not {text:?}"))?;
    let parse = |n: &str| {
        n.trim()
            .parse::<u16>()
            .map_err(|_| format!("{n:?} is not a size between 0 and 65535"))
    };
    Ok((parse(w)?, parse(h)?))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Schema) => {
            print!("{}", data::model::json_schema());
            ExitCode::SUCCESS
        }
        Some(Command::Check) => with_data(cli.data.as_deref(), |d| {
            println!(
                "{} analyses, {} actors, {} themes, {} implications, {} places",
                d.analyses.len(),
                d.actors.len(),
                d.themes.len(),
                d.implications.len(),
                d.places.len()
            );
            ExitCode::SUCCESS
        }),
        Some(Command::Snapshot { size, keys, ascii }) => {
            let keys = match parse_keys(&keys) {
                Ok(keys) => keys,
                Err(e) => return fail(&format!("--keys: {e}")),
            };
            with_data(cli.data.as_deref(), |d| {
                let glyphs = if ascii { views::ASCII } else { views::UNICODE };
                let mut h = Headless::with_glyphs(d, size.0, size.1, glyphs);
                h.press(&keys);
                print!("{}", h.text());
                ExitCode::SUCCESS
            })
        }
        None => explore(cli.data.as_deref()),
    }
}

fn explore(dir: Option<&Path>) -> ExitCode {
    // Everything that can fail without a terminal fails before we touch it.
    if let Err(e) = terminal::check_tty() {
        return fail(&e);
    }
    with_data(dir, |d| {
        let theme = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            Theme::color()
        };
        let app = App::new(
            d,
            Keymap::default(),
            views::UNICODE,
            ratatui::layout::Rect::default(),
        );
        match terminal::run(d, app, &theme) {
            Ok(exit) => ExitCode::from(exit.code()),
            Err(e) => fail(&format!("terminal error: {e}")),
        }
    })
}

fn with_data(dir: Option<&Path>, then: impl FnOnce(&Dataset) -> ExitCode) -> ExitCode {
    let sources = match dir {
        Some(dir) => Sources::from_dir(dir),
        None => Ok(Sources::bundled()),
    };
    match sources.and_then(|s| data::load(&s)) {
        Ok(d) => then(&d),
        Err(problems) => report(&problems),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("geolens: {}", sanitize(message));
    ExitCode::from(2)
}

/// Prints every problem, one per line, and a count; nothing from the data reaches the terminal raw.
fn report(problems: &Problems) -> ExitCode {
    for p in &problems.0 {
        eprintln!("{}", sanitize(&p.to_string()));
    }
    let n = problems.0.len();
    eprintln!(
        "geolens: {n} problem{} found; nothing was loaded",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(2)
}
