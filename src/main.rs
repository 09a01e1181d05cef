//! The `geolens` command: the explorer by default, and subcommands for scripts and tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use geolens::app::App;
use geolens::app::dossier::Shelf;
use geolens::app::screen::Screen;
use geolens::config::{self, Choice, Config, Env};
use geolens::data::{self, Dataset, Problems, Sources};
use geolens::export::Format;
use geolens::find::{SearchIndex, Sort};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::terminal::Exit;
use geolens::text::{self, sanitize};
use geolens::tools::{drill, synth};
use geolens::{cli, pages, state, store, terminal};
use ratatui::layout::Rect;

#[derive(Parser)]
#[command(
    name = "geolens",
    version,
    about = "Explore geopolitical deep-dive analyses in the terminal",
    after_help = "Run without a command to open the explorer on the bundled dataset."
)]
struct Cli {
    /// The explorer's own flags. Each subcommand lists the ones that apply to it; given before a
    /// subcommand they still work where they apply (`geolens --data DIR list`).
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    look: LookArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the dataset comes from.
#[derive(Debug, Clone, Default, clap::Args)]
struct DataArg {
    /// Load the dataset in this directory instead of the bundled one.
    #[arg(long, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Keep the index of --data here instead of under $XDG_CACHE_HOME/geolens/.
    #[arg(long, value_name = "PATH")]
    index: Option<PathBuf>,
}

/// How the explorer looks and listens: what `geolens` and `geolens open` take.
#[derive(Debug, Clone, Default, clap::Args)]
struct LookArgs {
    /// Colours: auto (off when NO_COLOR is set or TERM=dumb), always or never.
    #[arg(long, value_name = "WHEN", value_parser = parse_choice)]
    color: Option<Choice>,
    /// Draw with ASCII only (the default when the locale is not UTF-8).
    #[arg(long)]
    ascii: bool,
    /// Turn on the mouse: click to select, wheel to scroll.
    #[arg(long)]
    mouse: bool,
    /// Read this config file instead of $XDG_CONFIG_HOME/geolens/config.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Start on the first list, not where the last session left off.
    #[arg(long)]
    fresh: bool,
    /// Let `y` copy to the clipboard (OSC 52) this time, whatever the config says.
    #[arg(long)]
    copy: bool,
}

/// `--ascii` alone, for the commands that print text.
#[derive(Debug, Clone, Default, clap::Args)]
struct AsciiArg {
    /// Draw with ASCII only.
    #[arg(long)]
    ascii: bool,
}

/// `--config` alone, for `geolens config`.
#[derive(Debug, Clone, Default, clap::Args)]
struct ConfigArg {
    /// Read this config file instead of $XDG_CONFIG_HOME/geolens/config.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
}

/// Out of memory: one clear line and exit 2, the terminal given back first (src/oom.rs).
#[global_allocator]
static ALLOCATOR: geolens::oom::Allocator = geolens::oom::Allocator;

fn parse_choice(text: &str) -> Result<Choice, String> {
    Choice::parse(text).ok_or_else(|| format!("{text:?} is not auto, always or never"))
}

#[derive(Subcommand)]
enum Command {
    /// Validate a dataset; print its counts, or every problem with file:line:column.
    Check {
        /// Accept drafts (imported, not yet reviewed): they may leave out what they could not find.
        #[arg(long)]
        drafts: bool,
        #[command(flatten)]
        data: DataArg,
    },
    /// Print the screen the explorer shows after some keys, as plain text.
    Snapshot {
        /// Terminal size, e.g. 80x24.
        #[arg(long, default_value = "80x24", value_parser = parse_size)]
        size: (u16, u16),
        /// Keys to type, in vim notation: `jj<Enter>`, `<Tab>`, `<BS>`, `<C-c>`.
        #[arg(long, default_value = "")]
        keys: String,
        /// Start on this item, as `geolens open ID` does.
        #[arg(long, value_name = "ID")]
        open: Option<String>,
        /// Start comparing the item of --open with this one, as `geolens open A --compare B`.
        #[arg(long, value_name = "ID", requires = "open")]
        compare: Option<String>,
        /// Start on a view: matrix, map, outlook or timeline.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        ascii: AsciiArg,
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
        #[command(flatten)]
        data: DataArg,
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
        #[command(flatten)]
        data: DataArg,
    },
    /// Print one item's page (as the explorer shows it), or its data and links with --json.
    Show {
        /// An id: kz-gov, KZ, an analysis id, analysis-id/implication-id, or kind:id.
        id: String,
        #[arg(long)]
        json: bool,
        /// Wrap the text at this many columns (20 or more).
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        ascii: AsciiArg,
    },
    /// Open the explorer on one item, or on a view.
    Open {
        /// An id, as `show` takes.
        id: Option<String>,
        /// Open it side by side with this item (sections aligned).
        #[arg(long, value_name = "ID", requires = "id")]
        compare: Option<String>,
        /// A view saved in the explorer with `w` (its list, order and filters).
        #[arg(long, value_name = "NAME", conflicts_with_all = ["id", "view"])]
        view_name: Option<String>,
        /// matrix, map, outlook or timeline.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        look: LookArgs,
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
        #[command(flatten)]
        data: DataArg,
    },
    /// How the forecasts turned out: Brier score, calibration, by perspective, channel, horizon.
    Score {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArg,
    },
    /// Write the bookmarked items, with their notes and pages, as Markdown, JSON or HTML.
    Export {
        /// Export the bookmarks and their notes (what the explorer's `b` and `a` keep).
        #[arg(long, required = true)]
        bookmarks: bool,
        /// md (renders on GitHub), json (reads back into the same bookmarks) or html.
        #[arg(long, default_value = "md", value_parser = Format::parse)]
        format: Format,
        /// Write to this file (replaced whole) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        data: DataArg,
    },
    /// Durability drills of the state files, for the tests (src/tools/drill.rs).
    #[command(hide = true)]
    StateDrill {
        /// saves or toggles
        drill: String,
        #[arg(long, default_value_t = 1000)]
        to: usize,
        #[arg(long, default_value_t = 0)]
        pad: usize,
        #[arg(long, default_value = "p")]
        prefix: String,
        #[arg(long, default_value_t = 200)]
        count: usize,
    },
    /// Turn plain-text deep dives into draft analyses (docs/import.md).
    Import {
        /// Text files, directories of them, or - for standard input.
        #[arg(required = true, value_name = "FILE|DIR|-")]
        inputs: Vec<String>,
        /// The dataset directory to write into (created, and started from --data, if need be);
        /// default: the --data directory.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The day the texts were written for (YYYY-MM-DD); default: today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        data: DataArg,
    },
    /// Print the JSON Schema of dataset files.
    Schema,
    /// The config file: where it is read from, and the full default.
    Config {
        /// Print the full default config, with comments, ready to edit.
        #[arg(long)]
        print_default: bool,
        #[command(flatten)]
        config: ConfigArg,
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

#[derive(Subcommand)]
enum IndexAction {
    /// Build the index (again, even if it is up to date).
    Build {
        #[command(flatten)]
        data: DataArg,
    },
    /// Check the index and the data files byte by byte; exit 0 when it is usable as it is.
    Status {
        #[command(flatten)]
        data: DataArg,
    },
    /// Remove the index.
    Clear {
        #[command(flatten)]
        data: DataArg,
    },
}

impl IndexAction {
    fn data(&self) -> &DataArg {
        match self {
            IndexAction::Build { data }
            | IndexAction::Status { data }
            | IndexAction::Clear { data } => data,
        }
    }
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Snapshot { .. } => "snapshot",
            Command::Search { .. } => "search",
            Command::List { .. } => "list",
            Command::Show { .. } => "show",
            Command::Open { .. } => "open",
            Command::View { .. } => "view",
            Command::Score { .. } => "score",
            Command::Export { .. } => "export",
            Command::StateDrill { .. } => "state-drill",
            Command::Import { .. } => "import",
            Command::Schema => "schema",
            Command::Config { .. } => "config",
            Command::Index { .. } => "index",
            Command::Generate { .. } => "generate",
        }
    }

    /// The explorer's flags this command takes when they are given before it.
    fn takes(&self) -> &'static [&'static str] {
        match self {
            Command::Check { .. }
            | Command::Score { .. }
            | Command::Export { .. }
            | Command::Import { .. } => &["--data"],
            Command::Search { .. }
            | Command::List { .. }
            | Command::View { .. }
            | Command::Index { .. } => &["--data", "--index"],
            Command::Snapshot { .. } | Command::Show { .. } => &["--data", "--index", "--ascii"],
            Command::Open { .. } => &[
                "--data", "--index", "--color", "--ascii", "--mouse", "--config", "--fresh",
                "--copy",
            ],
            Command::Config { .. } => &["--config"],
            Command::Schema | Command::Generate { .. } | Command::StateDrill { .. } => &[],
        }
    }
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
    geolens::oom::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let Some(command) = cli.command else {
        return explore(&cli.data, &cli.look, &Begin::Default);
    };
    // Flags of the explorer given before a subcommand count only where they apply.
    let given = [
        ("--data", cli.data.data.is_some()),
        ("--index", cli.data.index.is_some()),
        ("--color", cli.look.color.is_some()),
        ("--ascii", cli.look.ascii),
        ("--mouse", cli.look.mouse),
        ("--config", cli.look.config.is_some()),
        ("--fresh", cli.look.fresh),
        ("--copy", cli.look.copy),
    ];
    if let Some((flag, _)) = given
        .iter()
        .find(|(flag, on)| *on && !command.takes().contains(flag))
    {
        return fail(&format!(
            "{flag} does not apply to `geolens {}`",
            command.name()
        ));
    }
    // A flag given after the command wins over the same flag given before it.
    let data_of = |sub: &DataArg| DataArg {
        data: sub.data.clone().or_else(|| cli.data.data.clone()),
        index: sub.index.clone().or_else(|| cli.data.index.clone()),
    };
    let data_dir = |sub: &DataArg| data_of(sub).data;
    match command {
        Command::Schema => {
            print!("{}", data::model::json_schema());
            ExitCode::SUCCESS
        }
        Command::Score { json, data } => with_data(data_dir(&data).as_deref(), |d| {
            print_output(cli::score(&d, json))
        }),
        Command::Check { drafts, data } => {
            let policy = if drafts {
                data::Drafts::Accept
            } else {
                data::Drafts::Refuse
            };
            let dir = data_dir(&data);
            let dir = dir.as_deref();
            match read_sources(dir)
                .and_then(|s| data::load_with(&s, policy).map_err(|p| under(dir, p)))
            {
                Ok(d) => {
                    println!("{}", cli::check_counts(&d));
                    ExitCode::SUCCESS
                }
                Err(problems) => report(&problems),
            }
        }
        Command::Import {
            inputs,
            out,
            as_of,
            data,
        } => {
            let as_of = match as_of.as_deref().map(str::parse::<data::date::PartialDate>) {
                Some(Ok(d)) if d.has_day() => Some(d),
                Some(Ok(_)) => return fail("--as-of needs a day: YYYY-MM-DD"),
                Some(Err(e)) => return fail(&format!("--as-of: {e}")),
                None => None,
            };
            let args = cli::import::ImportArgs {
                inputs,
                out,
                data: data_dir(&data),
                as_of,
                today: cli::import::today(),
            };
            let o = cli::import::import(&args, &mut std::io::stdin().lock());
            print!("{}", o.stdout);
            eprint!("{}", o.stderr);
            ExitCode::from(o.status)
        }
        Command::Snapshot {
            size,
            keys,
            open,
            compare,
            view,
            data,
            ascii,
        } => {
            let keys = match parse_keys(&keys) {
                Ok(keys) => keys,
                Err(e) => return fail(&format!("--keys: {e}")),
            };
            let opening = match Opening::new(open.as_deref(), compare.as_deref(), view.as_deref()) {
                Ok(opening) => opening,
                Err(e) => return fail(&e),
            };
            let ascii = ascii.ascii || cli.look.ascii;
            with_store(&data_of(&data), |d, _| {
                // Only --ascii, never the locale: a snapshot is the same on every machine.
                let glyphs = if ascii { pages::ASCII } else { pages::UNICODE };
                let mut h = Headless::with_glyphs(d, size.0, size.1, glyphs);
                start_on(&mut h.app, d, &opening)?;
                h.press(&keys);
                Ok(cli::Output {
                    stdout: h.text(),
                    stderr: String::new(),
                    status: 0,
                })
            })
        }
        Command::Search {
            query,
            kind,
            limit,
            json,
            data,
        } => with_store(&data_of(&data), |d, index| {
            let kind = kind.as_deref().map(cli::parse_kind).transpose()?;
            let built;
            let index = match index {
                Some(index) => index,
                None => {
                    built = SearchIndex::build(d);
                    &built
                }
            };
            Ok(cli::search(d, index, &query, kind, limit, json))
        }),
        Command::List {
            kind,
            facets,
            sort,
            reverse,
            json,
            data,
        } => with_store(&data_of(&data), |d, _| {
            let kind = cli::parse_kind(&kind)?;
            let filter = facets.filter(d)?;
            let sort = match sort.as_deref() {
                Some(s) => cli::parse_sort(kind, s)?,
                None => Sort::choices(kind)[0],
            };
            Ok(cli::list(d, kind, &filter, sort, reverse, json))
        }),
        Command::Show {
            id,
            json,
            width,
            data,
            ascii,
        } => {
            let glyphs = text_glyphs(ascii.ascii || cli.look.ascii);
            with_store(&data_of(&data), |d, _| {
                cli::show(d, &id, json, width, &glyphs)
            })
        }
        Command::Index { action } => index_command(&data_of(action.data()), &action),
        Command::Config {
            print_default,
            config: path,
        } => {
            if print_default {
                print!("{}", config::print_default());
            } else {
                match path
                    .config
                    .or(cli.look.config)
                    .or_else(config::default_path)
                {
                    Some(path) => println!("{}", path.display()),
                    None => println!("no config directory: set XDG_CONFIG_HOME or HOME"),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Generate {
            analyses,
            seed,
            profile,
            out,
        } => {
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
        Command::Export {
            bookmarks: _,
            format,
            out,
            data,
        } => with_data(data_dir(&data).as_deref(), |d| {
            let dir = state::dir();
            match cli::dossier::export_bookmarks(&d, dir.as_deref(), format, out.as_deref()) {
                Ok(out) => print_output(out),
                Err(e) => fail(&e),
            }
        }),
        Command::StateDrill {
            drill,
            to,
            pad,
            prefix,
            count,
        } => match drill::run(state::dir().as_deref(), &drill, to, pad, &prefix, count) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("state-drill: {e}")),
        },
        Command::View {
            name,
            by,
            period,
            weighted,
            facets,
            json,
            data,
        } => with_store(&data_of(&data), |d, _| {
            let args = cli::views::ViewArgs {
                by,
                period,
                weighted,
                json,
            };
            cli::views::view(d, &name, &args, &facets.filter(d)?)
        }),
        Command::Open {
            id,
            compare,
            view,
            view_name,
            data,
            look,
        } => {
            let opening = match Opening::new(id.as_deref(), compare.as_deref(), view.as_deref()) {
                Ok(opening) if opening.id.is_none() && opening.view.is_none() => {
                    return fail("open needs an id, --view NAME, or both");
                }
                Ok(opening) => opening,
                Err(e) => return fail(&e),
            };
            let data = data_of(&data);
            let look = LookArgs {
                color: look.color.or(cli.look.color),
                ascii: look.ascii || cli.look.ascii,
                mouse: look.mouse || cli.look.mouse,
                config: look.config.or_else(|| cli.look.config.clone()),
                fresh: look.fresh || cli.look.fresh,
                copy: look.copy || cli.look.copy,
            };
            if let Some(name) = view_name {
                return explore(&data, &look, &Begin::View(name));
            }
            explore(&data, &look, &Begin::Open(opening))
        }
    }
}

/// What `geolens open` (and `snapshot`) start on: an item, beside another when comparing, and
/// a view over it.
#[derive(Default)]
struct Opening<'a> {
    id: Option<&'a str>,
    compare: Option<&'a str>,
    view: Option<Screen>,
}

impl<'a> Opening<'a> {
    fn new(
        id: Option<&'a str>,
        compare: Option<&'a str>,
        view: Option<&str>,
    ) -> Result<Opening<'a>, String> {
        let view = view
            .map(Screen::parse)
            .transpose()
            .map_err(|e| format!("--view: {e}"))?;
        Ok(Opening { id, compare, view })
    }
}

/// Puts the explorer on the item, beside the other when comparing, then shows the view, as
/// `geolens open` does.
fn start_on(app: &mut App, d: &dyn data::Store, open: &Opening) -> Result<(), String> {
    if let Some(id) = open.id {
        let target = cli::resolve(d, id)?;
        match open.compare {
            Some(other) => {
                let other = cli::resolve(d, other).map_err(|e| format!("--compare: {e}"))?;
                app.open(d, target);
                app.compare(d, target, other);
            }
            None => app.open(d, target),
        }
    }
    if let Some(view) = open.view {
        app.show_view(d, view);
    }
    Ok(())
}

/// Where the explorer starts.
enum Begin<'a> {
    /// Where the last session left off, unless `--fresh` or the config says otherwise.
    Default,
    /// On an item, beside another when given, and on a view over it
    /// (`geolens open [ID] [--compare ID] [--view NAME]`).
    Open(Opening<'a>),
    /// On a saved view (`geolens open --view-name NAME`).
    View(String),
}

/// Puts the explorer where `begin` says, once the whole dataset is there. The session waits in
/// the shelf (`Shelf::pending_session`) from `new_app`: put back here, or once a dataset opened
/// on its outline has loaded whole.
fn begin_on(app: &mut App, d: &dyn data::Store, begin: &Begin) -> Result<(), String> {
    let session = app.shelf.pending_session.take();
    match begin {
        Begin::Open(opening) => start_on(app, d, opening),
        Begin::View(name) => match app.shelf.dossier.views.get().get(name).cloned() {
            Some(view) => {
                app.apply_view(d, &view);
                Ok(())
            }
            None => Err(cli::dossier::no_such_view(
                name,
                app.shelf.dossier.views.get(),
            )),
        },
        Begin::Default => {
            if let Some(session) = session {
                // Sized first, so the place in the page is put back at the width it will show.
                if let Ok((w, h)) = crossterm::terminal::size() {
                    app.update(d, geolens::app::action::Action::Resize(w, h));
                }
                app.restore(d, &session);
            }
            Ok(())
        }
    }
}

fn print_output(out: cli::Output) -> ExitCode {
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    if !out.stderr.is_empty() {
        eprint!("{}", out.stderr);
    }
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

fn explore(data_arg: &DataArg, look: &LookArgs, begin: &Begin) -> ExitCode {
    // What can fail fails before the terminal is touched: the config first (a typo there is worth
    // reporting even without a terminal), then the terminal, then the data (but see below for
    // large datasets).
    let settings = match look.config.clone().or_else(config::default_path) {
        Some(path) => config::load(&path, look.config.is_some()),
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
    let color = look.color.unwrap_or(settings.color);
    let ascii = if look.ascii {
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
    let mouse = look.mouse || settings.mouse;
    // Bookmarks, notes, saved views and the session; whatever is wrong with them is said on the
    // status line, and again on stderr once the explorer has closed.
    let notices = state::Notices::default();
    let new_app = |d: &dyn data::Store| {
        let mut app = App::new(d, settings.keymap.clone(), glyphs, Rect::default());
        app.reading_width = settings.reading_width;
        let mut shelf = Shelf::new(state::Dossier::open(state::dir().as_deref(), &notices));
        shelf.copy = look.copy || settings.copy;
        shelf.keep_session = settings.session;
        shelf.export_dir = std::env::current_dir().ok();
        let session = shelf.dossier.session.get().clone();
        app.attach(d, shelf);
        if settings.session && !look.fresh && !session.is_empty() {
            app.shelf.pending_session = Some(session);
        }
        app
    };
    // A --data directory opens through its index, when one can be kept.
    let indexed_start = match (data_arg.data.as_deref(), data_arg.index.as_deref()) {
        (Some(dir), index) => match store::path_for(dir, index) {
            Some(path) => indexed(dir, &path, begin, &new_app),
            None => Ok(None),
        },
        (None, _) => Ok(None),
    };
    let (data, app, rest) = match indexed_start {
        Ok(Some(start)) => start,
        Ok(None) => match in_memory(data_arg.data.as_deref(), begin, &new_app) {
            Ok(start) => start,
            Err(code) => return code,
        },
        Err(code) => return code,
    };
    let ran = terminal::run(data, app, &theme, mouse, rest);
    for notice in notices.said() {
        eprintln!("geolens: {}", sanitize(&notice));
    }
    match ran {
        Ok(Exit::Invalid(problems)) => report(&problems),
        Ok(exit) => ExitCode::from(exit.code()),
        Err(e) => fail(&format!("terminal error: {e}")),
    }
}

/// What the explorer starts on: the dataset, the app, and the rest of a load still to come.
type Start = (Arc<dyn data::Store>, App, Option<terminal::Loader>);

/// Opens a --data directory through its index: at once when the index matches the data; else
/// after building it, which a large dataset does behind the first frame (shown from its outline).
/// `Ok(None)` when no index can be written here: the caller works from memory.
fn indexed(
    dir: &Path,
    path: &Path,
    begin: &Begin,
    new_app: &dyn Fn(&dyn data::Store) -> App,
) -> Result<Option<Start>, ExitCode> {
    let opened_at = |store: Arc<dyn data::Store>| -> Result<Start, ExitCode> {
        let mut app = new_app(&*store);
        begin_on(&mut app, &*store, begin).map_err(|e| fail(&e))?;
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
    if matches!(begin, Begin::Default) && store::data_bytes(dir) >= data::OUTLINE_FROM_BYTES as u64
    {
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
fn in_memory(
    dir: Option<&Path>,
    begin: &Begin,
    new_app: &dyn Fn(&dyn data::Store) -> App,
) -> Result<Start, ExitCode> {
    let sources = read_sources(dir).map_err(|p| report(&p))?;
    // A large dataset opens on its outline (the analyses' titles and dates) and loads the rest
    // behind the first frame; a problem found then is reported when the explorer has closed.
    // Smaller ones, and `geolens open` (which needs every id), are checked whole before the
    // terminal is touched.
    let outline = (matches!(begin, Begin::Default) && sources.bytes() >= data::OUTLINE_FROM_BYTES)
        .then(|| data::outline(&sources))
        .flatten();
    let shown_dir = dir.map(Path::to_path_buf);
    Ok(match outline {
        Some(outline) => {
            let app = new_app(&outline);
            let rest: terminal::Loader = Box::new(move || {
                data::load(&sources)
                    .map(|d| Arc::new(d) as Arc<dyn data::Store>)
                    .map_err(|p| under(shown_dir.as_deref(), p))
            });
            (Arc::new(outline), app, Some(rest))
        }
        None => {
            let d = data::load(&sources).map_err(|p| report(&under(dir, p)))?;
            drop(sources);
            let mut app = new_app(&d);
            begin_on(&mut app, &d, begin).map_err(|e| fail(&e))?;
            (Arc::new(d), app, None)
        }
    })
}

fn under(dir: Option<&Path>, problems: Problems) -> Problems {
    match dir {
        Some(dir) => problems.under(dir),
        None => problems,
    }
}

fn read_sources(dir: Option<&Path>) -> Result<Sources, Problems> {
    match dir {
        Some(dir) => Sources::from_dir(dir),
        None => Ok(Sources::bundled()),
    }
}

fn with_data(dir: Option<&Path>, then: impl FnOnce(Dataset) -> ExitCode) -> ExitCode {
    let loaded = read_sources(dir).and_then(|s| data::load(&s).map_err(|p| under(dir, p)));
    match loaded {
        Ok(d) => then(d),
        Err(problems) => report(&problems),
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
    arg: &DataArg,
    then: impl FnOnce(&dyn data::Store, Option<&SearchIndex>) -> Result<cli::Output, String>,
) -> ExitCode {
    let Some(dir) = arg.data.as_deref() else {
        return with_data(None, |d| match then(&d, None) {
            Ok(out) => print_output(out),
            Err(e) => fail(&e),
        });
    };
    let opened = match store::open(dir, arg.index.as_deref(), &mut say) {
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
fn index_command(arg: &DataArg, action: &IndexAction) -> ExitCode {
    let Some(dir) = arg.data.as_deref() else {
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
    let Some(path) = store::path_for(dir, arg.index.as_deref()) else {
        return fail("index: no cache directory: set XDG_CACHE_HOME or HOME, or give --index PATH");
    };
    let shown = sanitize(&path.display().to_string()).into_owned();
    match action {
        IndexAction::Build { .. } => {
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
        IndexAction::Status { .. } => {
            let (text, status) = store::status(dir, Some(&path));
            print!("{text}");
            ExitCode::from(status)
        }
        IndexAction::Clear { .. } => match store::clear(dir, Some(&path)) {
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

fn fail(message: &str) -> ExitCode {
    eprintln!("geolens: {}", text::message(message));
    ExitCode::from(2)
}

/// clap's errors quote what was typed, escape sequences and all: they go through the same
/// sanitizer as every other message. Help and version go to stdout as clap prints them.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    // Plain rendering would drop an escape sequence typed as a value, leaving `''`; the styled
    // one keeps it, to be shown neutralised once clap's own colours are taken out.
    let rendered = e.render().ansi().to_string();
    eprint!("{}", text::message(&text::without_sgr(&rendered)));
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Prints every problem, one per line, and a count; nothing from the data reaches the terminal raw.
fn report(problems: &Problems) -> ExitCode {
    for p in &problems.0 {
        // Lines break only between problems: a line break inside one is data, shown as a space.
        eprintln!("{}", text::message(&sanitize(&p.to_string())));
    }
    let n = problems.0.len();
    eprintln!(
        "geolens: {n} problem{} found; nothing was loaded",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(2)
}
