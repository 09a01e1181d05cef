//! The `geolens` command: the explorer by default, and subcommands for scripts and tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use geolens::app::App;
use geolens::app::keymap::Keymap;
use geolens::data::{self, Dataset, Problems, Sources};
use geolens::find::{SearchIndex, Sort};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::text::sanitize;
use geolens::ui::Theme;
use geolens::{cli, synth, terminal, views};

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
    /// Search names, titles and full text; `"a phrase"`, `prefix*`.
    Search {
        query: String,
        /// Only this kind: analyses, actors, themes, implications or places.
        #[arg(long)]
        kind: Option<String>,
        /// At most this many results of each kind.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List analyses, actors, themes, implications or places, filtered by facets.
    List {
        /// analyses, actors, themes, implications or places
        kind: String,
        #[command(flatten)]
        facets: Box<cli::FacetArgs>,
        /// The order: date, name or links (themes also: tree).
        #[arg(long)]
        sort: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Print one item's page (as the explorer shows it), or its data and links with --json.
    Show {
        /// An id: kz-gov, KZ, an analysis id, analysis-id/implication-id, or kind:id.
        id: String,
        #[arg(long)]
        json: bool,
        /// Wrap the text at this many columns.
        #[arg(long, default_value_t = 100)]
        width: u16,
    },
    /// Open the explorer on one item.
    Open { id: String },
    /// Print the JSON Schema of dataset files.
    Schema,
    /// Write a synthetic dataset of any size, for benchmarks (docs/performance.md).
    Generate {
        /// How many analyses.
        #[arg(long, default_value_t = 1000)]
        analyses: usize,
        /// The same seed always gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// brief (about 1.8 KB an analysis) or deep (as long as the bundled ones, about 10 KB).
        #[arg(long, default_value = "brief", value_parser = synth::Profile::parse)]
        profile: synth::Profile,
        /// A new or empty directory to write it into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
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
                let d = &d;
                let glyphs = if ascii { views::ASCII } else { views::UNICODE };
                let mut h = Headless::with_glyphs(d, size.0, size.1, glyphs);
                h.press(&keys);
                print!("{}", h.text());
                ExitCode::SUCCESS
            })
        }
        Some(Command::Search {
            query,
            kind,
            limit,
            json,
        }) => with_data(cli.data.as_deref(), |d| {
            let kind = match kind.as_deref().map(cli::parse_kind).transpose() {
                Ok(kind) => kind,
                Err(e) => return fail(&e),
            };
            let index = SearchIndex::build(&d);
            print_output(cli::search(&d, &index, &query, kind, limit, json))
        }),
        Some(Command::List {
            kind,
            facets,
            sort,
            json,
        }) => with_data(cli.data.as_deref(), |d| {
            let listed = cli::parse_kind(&kind).and_then(|kind| {
                let filter = facets.filter(&d)?;
                let sort = match sort.as_deref() {
                    Some(s) => cli::parse_sort(kind, s)?,
                    None => Sort::choices(kind)[0],
                };
                Ok(cli::list(&d, kind, &filter, sort, json))
            });
            match listed {
                Ok(out) => print_output(out),
                Err(e) => fail(&e),
            }
        }),
        Some(Command::Show { id, json, width }) => with_data(cli.data.as_deref(), |d| {
            match cli::show(&d, &id, json, width, &views::UNICODE) {
                Ok(out) => print_output(out),
                Err(e) => fail(&e),
            }
        }),
        Some(Command::Generate {
            analyses,
            seed,
            profile,
            out,
        }) => {
            let spec = synth::Spec {
                analyses,
                seed,
                profile,
            };
            match synth::write(&out, &spec) {
                Ok(w) => {
                    println!(
                        "{} analyses, {} actors, {} themes, {} places in {} files, {:.1} MB, written to {}",
                        w.analyses,
                        w.actors,
                        w.themes,
                        w.places,
                        w.files,
                        w.bytes as f64 / 1e6,
                        sanitize(&out.display().to_string())
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&format!("generate: {e}")),
            }
        }
        Some(Command::Open { id }) => explore(cli.data.as_deref(), Some(&id)),
        None => explore(cli.data.as_deref(), None),
    }
}

fn print_output(out: cli::Output) -> ExitCode {
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    ExitCode::from(out.status)
}

fn explore(dir: Option<&Path>, open: Option<&str>) -> ExitCode {
    // Everything that can fail without a terminal fails before we touch it.
    if let Err(e) = terminal::check_tty() {
        return fail(&e);
    }
    with_data(dir, |d| {
        // The explorer keeps the dataset until the process ends; leaking it lets the search
        // worker borrow it for 'static without a join on the way out.
        let d: &'static Dataset = Box::leak(Box::new(d));
        let theme = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            Theme::color()
        };
        let mut app = App::new(
            d,
            Keymap::default(),
            views::UNICODE,
            ratatui::layout::Rect::default(),
        );
        if let Some(id) = open {
            match cli::resolve(d, id) {
                Ok(target) => app.open(d, target),
                Err(e) => return fail(&e),
            }
        }
        match terminal::run(d, app, &theme) {
            Ok(exit) => ExitCode::from(exit.code()),
            Err(e) => fail(&format!("terminal error: {e}")),
        }
    })
}

fn with_data(dir: Option<&Path>, then: impl FnOnce(Dataset) -> ExitCode) -> ExitCode {
    let sources = match dir {
        Some(dir) => Sources::from_dir(dir),
        None => Ok(Sources::bundled()),
    };
    match sources.and_then(|s| data::load(&s)) {
        Ok(d) => then(d),
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
