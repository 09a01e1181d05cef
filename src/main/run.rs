//! What every command shares: loading the dataset, printing results, saying what went wrong.

use std::path::Path;
use std::process::ExitCode;

use geolens::config::{Choice, Env};
use geolens::data::{self, Dataset, Problems, Sources};
use geolens::find::SearchIndex;
use geolens::text::{self, sanitize};
use geolens::{cli, pages, store};

use crate::args::{DataArg, IndexAction};

pub(crate) fn print_output(out: cli::Output) -> ExitCode {
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    if !out.stderr.is_empty() {
        eprint!("{}", out.stderr);
    }
    ExitCode::from(out.status)
}

/// Glyphs for text printed by `show`: ASCII when asked, or when the locale is not UTF-8.
pub(crate) fn text_glyphs(ascii: bool) -> pages::Glyphs {
    let choice = if ascii { Choice::Always } else { Choice::Auto };
    if Env::from_process().ascii(choice) {
        pages::ASCII
    } else {
        pages::UNICODE
    }
}

pub(crate) fn under(dir: Option<&Path>, problems: Problems) -> Problems {
    match dir {
        Some(dir) => problems.under(dir),
        None => problems,
    }
}

pub(crate) fn read_sources(dir: Option<&Path>) -> Result<Sources, Problems> {
    match dir {
        Some(dir) => Sources::from_dir(dir),
        None => Ok(Sources::bundled()),
    }
}

pub(crate) fn with_data(dir: Option<&Path>, then: impl FnOnce(Dataset) -> ExitCode) -> ExitCode {
    let loaded = read_sources(dir).and_then(|s| data::load(&s).map_err(|p| under(dir, p)));
    match loaded {
        Ok(d) => then(d),
        Err(problems) => report(&problems),
    }
}

/// Says a line about the index on standard error, as every message of geolens is said.
pub(crate) fn say(message: &str) {
    eprintln!("geolens: {}", sanitize(message));
}

/// Runs a command on the dataset: the bundled one in memory, or a `--data` directory through its
/// index (built first if need be). The command's output is printed only if the store stayed
/// sound while it ran: a store that found its index damaged and could not read the data again
/// answers with blanks, which are never printed as results.
pub(crate) fn with_store(
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
pub(crate) fn index_command(arg: &DataArg, action: &IndexAction) -> ExitCode {
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

pub(crate) fn fail(message: &str) -> ExitCode {
    eprintln!("geolens: {}", text::message(message));
    ExitCode::from(2)
}

/// clap's errors quote what was typed, escape sequences and all: they go through the same
/// sanitizer as every other message. Help and version go to stdout as clap prints them.
pub(crate) fn usage_error(e: &clap::Error) -> ExitCode {
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
pub(crate) fn report(problems: &Problems) -> ExitCode {
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
