//! The `geolens` command: the explorer by default, and subcommands for scripts and tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use geolens::app::App;
use geolens::app::screen::Screen;
use geolens::config::{self, Choice, Config, Env};
use geolens::data::{self, Dataset, Problems, Sources};
use geolens::find::{SearchIndex, Sort};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::terminal::Exit;
use geolens::text::sanitize;
use geolens::tools::synth;
use geolens::{cli, pages, terminal};
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
        /// Start on a view: matrix, map, outlook or timeline.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
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
        /// The order: date, name or links (themes also: tree; implications: date, from,
        /// channel, to, likelihood, confidence or horizon).
        #[arg(long)]
        sort: Option<String>,
        /// The order turned round: oldest, least likely, Z to A first.
        #[arg(long)]
        reverse: bool,
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
    /// Open the explorer on one item, or on a view.
    Open {
        /// An id, as `show` takes.
        id: Option<String>,
        /// matrix, map, outlook or timeline.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
    },
    /// Print the numbers a view draws: matrix, outlook or timeline, filtered by facets.
    View {
        /// matrix, outlook or timeline
        name: String,
        /// matrix: region (default) or country; timeline: all (default), region or theme.
        #[arg(long, value_name = "GROUPING")]
        by: Option<String>,
        /// timeline: quarter (default) or month.
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// matrix: counts weighted by likelihood (the JSON always has both).
        #[arg(long)]
        weighted: bool,
        #[command(flatten)]
        facets: Box<cli::FacetArgs>,
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of dataset files.
    Schema,
    /// The config file: where it is read from, and the full default.
    Config {
        /// Print the full default config, with comments, ready to edit.
        #[arg(long)]
        print_default: bool,
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
        Some(Command::Snapshot {
            size,
            ref keys,
            ref view,
        }) => {
            let keys = match parse_keys(keys) {
                Ok(keys) => keys,
                Err(e) => return fail(&format!("--keys: {e}")),
            };
            let view = match view.as_deref().map(Screen::parse).transpose() {
                Ok(view) => view,
                Err(e) => return fail(&format!("--view: {e}")),
            };
            with_data(cli.data.as_deref(), |d| {
                let d = &d;
                // Only --ascii, never the locale: a snapshot is the same on every machine.
                let glyphs = if cli.ascii {
                    pages::ASCII
                } else {
                    pages::UNICODE
                };
                let mut h = Headless::with_glyphs(d, size.0, size.1, glyphs);
                if let Some(view) = view {
                    h.app.show_view(d, view);
                }
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
            reverse,
            json,
        }) => with_data(cli.data.as_deref(), |d| {
            let listed = cli::parse_kind(&kind).and_then(|kind| {
                let filter = facets.filter(&d)?;
                let sort = match sort.as_deref() {
                    Some(s) => cli::parse_sort(kind, s)?,
                    None => Sort::choices(kind)[0],
                };
                Ok(cli::list(&d, kind, &filter, sort, reverse, json))
            });
            match listed {
                Ok(out) => print_output(out),
                Err(e) => fail(&e),
            }
        }),
        Some(Command::Show { id, json, width }) => with_data(cli.data.as_deref(), |d| {
            match cli::show(&d, &id, json, width, &text_glyphs(cli.ascii)) {
                Ok(out) => print_output(out),
                Err(e) => fail(&e),
            }
        }),
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
        Some(Command::View {
            ref name,
            ref by,
            ref period,
            weighted,
            ref facets,
            json,
        }) => with_data(cli.data.as_deref(), |d| {
            let args = cli::views::ViewArgs {
                by: by.clone(),
                period: period.clone(),
                weighted,
                json,
            };
            match facets
                .filter(&d)
                .and_then(|filter| cli::views::view(&d, name, &args, &filter))
            {
                Ok(out) => print_output(out),
                Err(e) => fail(&e),
            }
        }),
        Some(Command::Open { ref id, ref view }) => {
            let view = match view.as_deref().map(Screen::parse).transpose() {
                Ok(view) => view,
                Err(e) => return fail(&format!("--view: {e}")),
            };
            if id.is_none() && view.is_none() {
                return fail("open needs an id, --view NAME, or both");
            }
            explore(
                &cli,
                Open {
                    id: id.as_deref(),
                    view,
                },
            )
        }
        None => explore(&cli, Open::default()),
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

/// What `geolens open` starts on.
#[derive(Default)]
struct Open<'a> {
    id: Option<&'a str>,
    view: Option<Screen>,
}

impl Open<'_> {
    fn is_none(&self) -> bool {
        self.id.is_none() && self.view.is_none()
    }
}

fn explore(cli: &Cli, open: Open) -> ExitCode {
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
    let sources = match read_sources(cli.data.as_deref()) {
        Ok(s) => s,
        Err(problems) => return report(&problems),
    };
    let new_app = |d: &Dataset| App::new(d, settings.keymap.clone(), glyphs, Rect::default());
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
            let rest: terminal::Loader = Box::new(move || data::load(&sources));
            (outline, app, Some(rest))
        }
        None => {
            let d = match data::load(&sources) {
                Ok(d) => d,
                Err(problems) => return report(&problems),
            };
            drop(sources);
            let mut app = new_app(&d);
            if let Some(id) = open.id {
                match cli::resolve(&d, id) {
                    Ok(target) => app.open(&d, target),
                    Err(e) => return fail(&e),
                }
            }
            if let Some(view) = open.view {
                app.show_view(&d, view);
            }
            (d, app, None)
        }
    };
    match terminal::run(Arc::new(data), app, &theme, mouse, rest) {
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
