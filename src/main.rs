//! The `geolens` command: the explorer by default, and subcommands for scripts and tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use geolens::app::App;
use geolens::config::{self, Choice, Config, Env};
use geolens::data::{self, Dataset, Problems, Sources};
use geolens::find::{SearchIndex, Sort};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::terminal::Exit;
use geolens::text::sanitize;
use geolens::tools::synth;
use geolens::{cli, pages, store, terminal};
use ratatui::layout::Rect;

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
    /// Colours: auto (off when NO_COLOR is set or TERM=dumb), always or never.
    #[arg(long, global = true, value_name = "WHEN", value_parser = parse_choice)]
    color: Option<Choice>,
    /// Draw with ASCII only (the default when the locale is not UTF-8).
    #[arg(long, global = true)]
    ascii: bool,
    /// Turn on the mouse: click to select, wheel to scroll.
    #[arg(long, global = true)]
    mouse: bool,
    /// Keep the index of --data here instead of under $XDG_CACHE_HOME/geolens/.
    #[arg(long, global = true, value_name = "PATH")]
    index: Option<PathBuf>,
    /// Read this config file instead of $XDG_CONFIG_HOME/geolens/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

fn parse_choice(text: &str) -> Result<Choice, String> {
    Choice::parse(text).ok_or_else(|| format!("{text:?} is not auto, always or never"))
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
    /// The config file: where it is read from, and the full default.
    Config {
        /// Print the full default config, with comments, ready to edit.
        #[arg(long)]
        print_default: bool,
    },
    /// The index of a --data directory, which later runs open instead of reading the data:
    /// build it now, say whether it is usable, or remove it.
    Index {
        #[command(subcommand)]
        action: IndexAction,
    },
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

#[derive(Subcommand, Clone, Copy)]
enum IndexAction {
    /// Build the index (again, even if it is up to date).
    Build,
    /// Check the index and the data files byte by byte; exit 0 when it is usable as it is.
    Status,
    /// Remove the index.
    Clear,
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
        Some(Command::Snapshot { size, ref keys }) => {
            let keys = match parse_keys(keys) {
                Ok(keys) => keys,
                Err(e) => return fail(&format!("--keys: {e}")),
            };
            with_store(&cli, |d, _| {
                // Only --ascii, never the locale: a snapshot is the same on every machine.
                let glyphs = if cli.ascii {
                    pages::ASCII
                } else {
                    pages::UNICODE
                };
                let mut h = Headless::with_glyphs(d, size.0, size.1, glyphs);
                h.press(&keys);
                Ok(cli::Output {
                    stdout: h.text(),
                    status: 0,
                })
            })
        }
        Some(Command::Search {
            ref query,
            ref kind,
            limit,
            json,
        }) => with_store(&cli, |d, index| {
            let kind = kind.as_deref().map(cli::parse_kind).transpose()?;
            let built;
            let index = match index {
                Some(index) => index,
                None => {
                    built = SearchIndex::build(d);
                    &built
                }
            };
            Ok(cli::search(d, index, query, kind, limit, json))
        }),
        Some(Command::List {
            ref kind,
            ref facets,
            ref sort,
            json,
        }) => with_store(&cli, |d, _| {
            let kind = cli::parse_kind(kind)?;
            let filter = facets.filter(d)?;
            let sort = match sort.as_deref() {
                Some(s) => cli::parse_sort(kind, s)?,
                None => Sort::choices(kind)[0],
            };
            Ok(cli::list(d, kind, &filter, sort, json))
        }),
        Some(Command::Show {
            ref id,
            json,
            width,
        }) => with_store(&cli, |d, _| {
            cli::show(d, id, json, width, &text_glyphs(cli.ascii))
        }),
        Some(Command::Index { action }) => index_command(&cli, action),
        Some(Command::Config { print_default }) => {
            if print_default {
                print!("{}", config::print_default());
            } else {
                match config_path(&cli) {
                    Some(path) => println!("{}", path.display()),
                    None => println!("no config directory: set XDG_CONFIG_HOME or HOME"),
                }
            }
            ExitCode::SUCCESS
        }
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
        Some(Command::Open { ref id }) => explore(&cli, Some(id)),
        None => explore(&cli, None),
    }
}

fn print_output(out: cli::Output) -> ExitCode {
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    ExitCode::from(out.status)
}

/// Glyphs for text printed by `show`: ASCII when asked, or when the locale is not UTF-8.
fn text_glyphs(ascii: bool) -> pages::Glyphs {
    let choice = if ascii { Choice::Always } else { Choice::Auto };
    if Env::from_process().ascii(choice) {
        pages::ASCII
    } else {
        pages::UNICODE
    }
}

fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(config::default_path)
}

fn explore(cli: &Cli, open: Option<&str>) -> ExitCode {
    // What can fail fails before the terminal is touched: the config first (a typo there is worth
    // reporting even without a terminal), then the terminal, then the data (but see below for
    // large datasets).
    let settings = match config_path(cli) {
        Some(path) => config::load(&path, cli.config.is_some()),
        None => Ok(Config::default()),
    };
    let settings = match settings {
        Ok(s) => s,
        Err(problems) => return report(&problems),
    };
    if let Err(e) = terminal::check_tty() {
        return fail(&e);
    }
    let env = Env::from_process();
    let color = cli.color.unwrap_or(settings.color);
    let ascii = if cli.ascii {
        Choice::Always
    } else {
        settings.ascii
    };
    let theme = settings.theme(&env, color, ascii);
    let glyphs = if env.ascii(ascii) {
        pages::ASCII
    } else {
        pages::UNICODE
    };
    let mouse = cli.mouse || settings.mouse;
    let new_app =
        |d: &dyn data::Store| App::new(d, settings.keymap.clone(), glyphs, Rect::default());
    // A --data directory opens through its index, when one can be kept.
    if let Some(dir) = cli.data.as_deref()
        && let Some(path) = store::path_for(dir, cli.index.as_deref())
    {
        let start = match indexed(dir, &path, open, &new_app) {
            Ok(Some(start)) => start,
            Ok(None) => return explore_in_memory(cli, open, &new_app, &theme, mouse),
            Err(code) => return code,
        };
        let (data, app, rest) = start;
        return match terminal::run(data, app, &theme, mouse, rest) {
            Ok(Exit::Invalid(problems)) => report(&problems),
            Ok(exit) => ExitCode::from(exit.code()),
            Err(e) => fail(&format!("terminal error: {e}")),
        };
    }
    explore_in_memory(cli, open, &new_app, &theme, mouse)
}

/// What the explorer starts on: the dataset, the app, and the rest of a load still to come.
type Start = (Arc<dyn data::Store>, App, Option<terminal::Loader>);

/// Opens a --data directory through its index: at once when the index matches the data; else
/// after building it, which a large dataset does behind the first frame (shown from its outline).
/// `Ok(None)` when no index can be written here: the caller works from memory.
fn indexed(
    dir: &Path,
    path: &Path,
    open: Option<&str>,
    new_app: &dyn Fn(&dyn data::Store) -> App,
) -> Result<Option<Start>, ExitCode> {
    let opened_at = |store: Arc<dyn data::Store>| -> Result<Start, ExitCode> {
        let mut app = new_app(&*store);
        if let Some(id) = open {
            match cli::resolve(&*store, id) {
                Ok(target) => app.open(&*store, target),
                Err(e) => return Err(fail(&e)),
            }
        }
        Ok((store, app, None))
    };
    let why = match store::open_fresh(dir, path, None) {
        Ok(disk) => return opened_at(Arc::new(disk)).map(Some),
        Err(why) => why,
    };
    if let Err(message) = store::writable(path) {
        say(&message);
        return Ok(None);
    }
    store::announce(dir, path, &why, &mut say);
    if open.is_none() && store::data_bytes(dir) >= data::OUTLINE_FROM_BYTES as u64 {
        let prepared = store::prepare(dir).map_err(|p| report(&p))?;
        if let Some(outline) = data::outline(&prepared.sources) {
            let app = new_app(&outline);
            let (dir, path) = (dir.to_owned(), path.to_owned());
            // Nothing may be printed while the explorer owns the terminal.
            let rest: terminal::Loader = Box::new(move || {
                store::build(&dir, &path, false, Some(prepared), &mut |_| {})
                    .map(store::Opened::into_shared)
            });
            return Ok(Some((Arc::new(outline), app, Some(rest))));
        }
    }
    match store::build(dir, path, false, None, &mut say) {
        Ok(opened) => opened_at(opened.into_shared()).map(Some),
        Err(problems) => Err(report(&problems)),
    }
}

/// The explorer on a dataset read into memory: the bundled one, or a --data directory whose
/// index cannot be kept.
fn explore_in_memory(
    cli: &Cli,
    open: Option<&str>,
    new_app: &dyn Fn(&dyn data::Store) -> App,
    theme: &geolens::ui::Theme,
    mouse: bool,
) -> ExitCode {
    let sources = match read_sources(cli.data.as_deref()) {
        Ok(s) => s,
        Err(problems) => return report(&problems),
    };
    // A large dataset opens on its outline (the analyses' titles and dates) and loads the rest
    // behind the first frame; a problem found then is reported when the explorer has closed.
    // Smaller ones, and `geolens open` (which needs every id), are checked whole before the
    // terminal is touched.
    let outline = (open.is_none() && sources.bytes() >= data::OUTLINE_FROM_BYTES)
        .then(|| data::outline(&sources))
        .flatten();
    let (data, app, rest) = match outline {
        Some(outline) => {
            let app = new_app(&outline);
            let rest: terminal::Loader =
                Box::new(move || data::load(&sources).map(|d| Arc::new(d) as Arc<dyn data::Store>));
            (outline, app, Some(rest))
        }
        None => {
            let d = match data::load(&sources) {
                Ok(d) => d,
                Err(problems) => return report(&problems),
            };
            drop(sources);
            let mut app = new_app(&d);
            if let Some(id) = open {
                match cli::resolve(&d, id) {
                    Ok(target) => app.open(&d, target),
                    Err(e) => return fail(&e),
                }
            }
            (d, app, None)
        }
    };
    match terminal::run(Arc::new(data), app, theme, mouse, rest) {
        Ok(Exit::Invalid(problems)) => report(&problems),
        Ok(exit) => ExitCode::from(exit.code()),
        Err(e) => fail(&format!("terminal error: {e}")),
    }
}

fn read_sources(dir: Option<&Path>) -> Result<Sources, Problems> {
    match dir {
        Some(dir) => Sources::from_dir(dir),
        None => Ok(Sources::bundled()),
    }
}

/// Says a line about the index on standard error, as every message of geolens is said.
fn say(message: &str) {
    eprintln!("geolens: {}", sanitize(message));
}

/// Runs a command on the dataset: the bundled one in memory, or a `--data` directory through its
/// index (built first if need be). The command's output is printed only if the store stayed
/// sound while it ran: a store that found its index damaged and could not read the data again
/// answers with blanks, which are never printed as results.
fn with_store(
    cli: &Cli,
    then: impl FnOnce(&dyn data::Store, Option<&SearchIndex>) -> Result<cli::Output, String>,
) -> ExitCode {
    let Some(dir) = cli.data.as_deref() else {
        return with_data(None, |d| match then(&d, None) {
            Ok(out) => print_output(out),
            Err(e) => fail(&e),
        });
    };
    let opened = match store::open(dir, cli.index.as_deref(), &mut say) {
        Ok(opened) => opened,
        Err(problems) => return report(&problems),
    };
    let result = then(opened.store(), Some(opened.index()));
    if let store::Opened::Disk(disk) = &opened {
        if let Some(notice) = data::Store::notice(disk) {
            say(&notice);
        }
        if disk.failed() {
            return ExitCode::from(2);
        }
    }
    match result {
        Ok(out) => print_output(out),
        Err(e) => fail(&e),
    }
}

/// `geolens index build|status|clear`.
fn index_command(cli: &Cli, action: IndexAction) -> ExitCode {
    let Some(dir) = cli.data.as_deref() else {
        return fail("index: the bundled dataset is compiled in and has no index; give --data DIR");
    };
    if let Err(problems) = Sources::from_dir(dir).map(drop).or_else(|p| {
        // Only a directory that does not exist or is no dataset is refused here; problems in
        // the files themselves are for `build` to report.
        if std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
            Ok(())
        } else {
            Err(p)
        }
    }) {
        return report(&problems);
    }
    let Some(path) = store::path_for(dir, cli.index.as_deref()) else {
        return fail("index: no cache directory: set XDG_CACHE_HOME or HOME, or give --index PATH");
    };
    let shown = sanitize(&path.display().to_string()).into_owned();
    match action {
        IndexAction::Build => {
            let started = std::time::Instant::now();
            match store::build(dir, &path, true, None, &mut say) {
                Ok(store::Opened::Disk(_)) => {
                    println!("indexed in {:.2?}: {shown}", started.elapsed());
                    ExitCode::SUCCESS
                }
                Ok(store::Opened::Memory(..)) => ExitCode::from(1),
                Err(problems) => report(&problems),
            }
        }
        IndexAction::Status => {
            let (text, status) = store::status(dir, Some(&path));
            print!("{text}");
            ExitCode::from(status)
        }
        IndexAction::Clear => match store::clear(dir, Some(&path)) {
            Ok(Some(_)) => {
                println!("removed {shown}");
                ExitCode::SUCCESS
            }
            Ok(None) => {
                println!("no index at {shown}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("index clear: {shown}: {e}")),
        },
    }
}

fn with_data(dir: Option<&Path>, then: impl FnOnce(Dataset) -> ExitCode) -> ExitCode {
    match read_sources(dir).and_then(|s| data::load(&s)) {
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
