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
use geolens::text::{self, sanitize};
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
        /// The order: date, name or links (themes also: tree).
        #[arg(long)]
        sort: Option<String>,
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
    /// Open the explorer on one item.
    Open {
        id: String,
        /// Open it side by side with this item (sections aligned).
        #[arg(long, value_name = "ID")]
        compare: Option<String>,
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        look: LookArgs,
    },
    /// How the forecasts turned out: Brier score, calibration, by perspective, channel, horizon.
    Score {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArg,
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

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Snapshot { .. } => "snapshot",
            Command::Search { .. } => "search",
            Command::List { .. } => "list",
            Command::Show { .. } => "show",
            Command::Open { .. } => "open",
            Command::Score { .. } => "score",
            Command::Import { .. } => "import",
            Command::Schema => "schema",
            Command::Config { .. } => "config",
            Command::Generate { .. } => "generate",
        }
    }

    /// The explorer's flags this command takes when they are given before it.
    fn takes(&self) -> &'static [&'static str] {
        match self {
            Command::Check { .. }
            | Command::Search { .. }
            | Command::List { .. }
            | Command::Score { .. }
            | Command::Import { .. } => &["--data"],
            Command::Snapshot { .. } | Command::Show { .. } => &["--data", "--ascii"],
            Command::Open { .. } => &["--data", "--color", "--ascii", "--mouse", "--config"],
            Command::Config { .. } => &["--config"],
            Command::Schema | Command::Generate { .. } => &[],
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
        return explore(&cli.data, &cli.look, None);
    };
    // Flags of the explorer given before a subcommand count only where they apply.
    let given = [
        ("--data", cli.data.data.is_some()),
        ("--color", cli.look.color.is_some()),
        ("--ascii", cli.look.ascii),
        ("--mouse", cli.look.mouse),
        ("--config", cli.look.config.is_some()),
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
    let data_dir = |sub: &DataArg| sub.data.clone().or_else(|| cli.data.data.clone());
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
            data,
            ascii,
        } => {
            let keys = match parse_keys(&keys) {
                Ok(keys) => keys,
                Err(e) => return fail(&format!("--keys: {e}")),
            };
            let ascii = ascii.ascii || cli.look.ascii;
            with_data(data_dir(&data).as_deref(), |d| {
                let d = &d;
                // Only --ascii, never the locale: a snapshot is the same on every machine.
                let glyphs = if ascii { pages::ASCII } else { pages::UNICODE };
                let mut h = Headless::with_glyphs(d, size.0, size.1, glyphs);
                if let Some(id) = &open
                    && let Err(e) = start_on(&mut h.app, d, id, compare.as_deref())
                {
                    return fail(&e);
                }
                h.press(&keys);
                print!("{}", h.text());
                ExitCode::SUCCESS
            })
        }
        Command::Search {
            query,
            kind,
            limit,
            json,
            data,
        } => with_data(data_dir(&data).as_deref(), |d| {
            let kind = match kind.as_deref().map(cli::parse_kind).transpose() {
                Ok(kind) => kind,
                Err(e) => return fail(&e),
            };
            let index = SearchIndex::build(&d);
            print_output(cli::search(&d, &index, &query, kind, limit, json))
        }),
        Command::List {
            kind,
            facets,
            sort,
            json,
            data,
        } => with_data(data_dir(&data).as_deref(), |d| {
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
        Command::Show {
            id,
            json,
            width,
            data,
            ascii,
        } => {
            let glyphs = text_glyphs(ascii.ascii || cli.look.ascii);
            with_data(data_dir(&data).as_deref(), |d| {
                match cli::show(&d, &id, json, width, &glyphs) {
                    Ok(out) => print_output(out),
                    Err(e) => fail(&e),
                }
            })
        }
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
        Command::Open {
            id,
            compare,
            data,
            look,
        } => {
            let data = DataArg {
                data: data_dir(&data),
            };
            let look = LookArgs {
                color: look.color.or(cli.look.color),
                ascii: look.ascii || cli.look.ascii,
                mouse: look.mouse || cli.look.mouse,
                config: look.config.or_else(|| cli.look.config.clone()),
            };
            explore(&data, &look, Some((&id, compare.as_deref())))
        }
    }
}

/// Puts the explorer on `id`, beside `compare` when given, as `geolens open` does.
fn start_on(app: &mut App, d: &Dataset, id: &str, compare: Option<&str>) -> Result<(), String> {
    let target = cli::resolve(d, id)?;
    match compare {
        Some(other) => {
            let other = cli::resolve(d, other).map_err(|e| format!("--compare: {e}"))?;
            app.open(d, target);
            app.compare(d, target, other);
        }
        None => app.open(d, target),
    }
    Ok(())
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

fn explore(data_arg: &DataArg, look: &LookArgs, open: Option<(&str, Option<&str>)>) -> ExitCode {
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
    let dir = data_arg.data.as_deref();
    let sources = match read_sources(dir) {
        Ok(s) => s,
        Err(problems) => return report(&problems),
    };
    let new_app = |d: &Dataset| {
        let mut app = App::new(d, settings.keymap.clone(), glyphs, Rect::default());
        app.reading_width = settings.reading_width;
        app
    };
    // A large dataset opens on its outline (the analyses' titles and dates) and loads the rest
    // behind the first frame; a problem found then is reported when the explorer has closed.
    // Smaller ones, and `geolens open` (which needs every id), are checked whole before the
    // terminal is touched.
    let outline = (open.is_none() && sources.bytes() >= data::OUTLINE_FROM_BYTES)
        .then(|| data::outline(&sources))
        .flatten();
    let shown_dir = dir.map(Path::to_path_buf);
    let (data, app, rest) = match outline {
        Some(outline) => {
            let app = new_app(&outline);
            let rest: terminal::Loader =
                Box::new(move || data::load(&sources).map_err(|p| under(shown_dir.as_deref(), p)));
            (outline, app, Some(rest))
        }
        None => {
            let d = match data::load(&sources) {
                Ok(d) => d,
                Err(problems) => return report(&under(dir, problems)),
            };
            drop(sources);
            let mut app = new_app(&d);
            if let Some((id, compare)) = open
                && let Err(e) = start_on(&mut app, &d, id, compare)
            {
                return fail(&e);
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

/// Problems found in the files of `dir`, named as the user would type them from here: the
/// directory given, then the file's place in it (`my-data/analyses/kz.json`).
fn under(dir: Option<&Path>, mut problems: Problems) -> Problems {
    if let Some(dir) = dir {
        for p in &mut problems.0 {
            p.file = dir.join(&p.file).display().to_string();
        }
    }
    problems
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
