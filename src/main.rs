//! The `geolens` command: the explorer by default, and subcommands for scripts and tests.

use std::process::ExitCode;

use clap::Parser;

use geolens::config;
use geolens::data;
use geolens::find::{SearchIndex, Sort};
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use geolens::text::sanitize;
use geolens::tools::{drill, synth};
use geolens::{cli, pages, state};

#[path = "main/args.rs"]
mod args;
#[path = "main/explore.rs"]
mod explore;
#[path = "main/run.rs"]
mod run;

use args::*;
use explore::*;
use run::*;

/// Out of memory: one clear line and exit 2, the terminal given back first (src/oom.rs).
#[global_allocator]
static ALLOCATOR: geolens::oom::Allocator = geolens::oom::Allocator;

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
