//! The command line: the explorer's flags and every subcommand's, as clap reads them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use geolens::cli;
use geolens::config::Choice;
use geolens::export::Format;
use geolens::tools::synth;

#[derive(Parser)]
#[command(
    name = "geolens",
    version,
    about = "Explore geopolitical deep-dive analyses in the terminal",
    after_help = "Run without a command to open the explorer on the bundled dataset."
)]
pub(crate) struct Cli {
    /// The explorer's own flags. Each subcommand lists the ones that apply to it; given before a
    /// subcommand they still work where they apply (`geolens --data DIR list`).
    #[command(flatten)]
    pub(crate) data: DataArg,
    #[command(flatten)]
    pub(crate) look: LookArgs,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

/// Where the dataset comes from.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct DataArg {
    /// Load the dataset in this directory instead of the bundled one.
    #[arg(long, value_name = "PATH")]
    pub(crate) data: Option<PathBuf>,
    /// Keep the index of --data here instead of under $XDG_CACHE_HOME/geolens/.
    #[arg(long, value_name = "PATH")]
    pub(crate) index: Option<PathBuf>,
}

/// How the explorer looks and listens: what `geolens` and `geolens open` take.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct LookArgs {
    /// Colours: auto (off when NO_COLOR is set or TERM=dumb), always or never.
    #[arg(long, value_name = "WHEN", value_parser = parse_choice)]
    pub(crate) color: Option<Choice>,
    /// Draw with ASCII only (the default when the locale is not UTF-8).
    #[arg(long)]
    pub(crate) ascii: bool,
    /// Turn on the mouse: click to select, wheel to scroll.
    #[arg(long)]
    pub(crate) mouse: bool,
    /// Read this config file instead of $XDG_CONFIG_HOME/geolens/config.toml.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// Start on the first list, not where the last session left off.
    #[arg(long)]
    pub(crate) fresh: bool,
    /// Let `y` copy to the clipboard (OSC 52) this time, whatever the config says.
    #[arg(long)]
    pub(crate) copy: bool,
}

/// `--ascii` alone, for the commands that print text.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct AsciiArg {
    /// Draw with ASCII only.
    #[arg(long)]
    pub(crate) ascii: bool,
}

/// `--config` alone, for `geolens config`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct ConfigArg {
    /// Read this config file instead of $XDG_CONFIG_HOME/geolens/config.toml.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
}

pub(crate) fn parse_choice(text: &str) -> Result<Choice, String> {
    Choice::parse(text).ok_or_else(|| format!("{text:?} is not auto, always or never"))
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
pub(crate) enum IndexAction {
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
    pub(crate) fn data(&self) -> &DataArg {
        match self {
            IndexAction::Build { data }
            | IndexAction::Status { data }
            | IndexAction::Clear { data } => data,
        }
    }
}

impl Command {
    pub(crate) fn name(&self) -> &'static str {
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
    pub(crate) fn takes(&self) -> &'static [&'static str] {
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

pub(crate) fn parse_size(text: &str) -> Result<(u16, u16), String> {
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
