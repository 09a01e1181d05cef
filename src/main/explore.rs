//! Starting the explorer: the config, the terminal, the dataset (through its index when it has
//! one) and where it opens.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use geolens::app::App;
use geolens::app::dossier::Shelf;
use geolens::app::screen::Screen;
use geolens::config::{self, Choice, Config, Env};
use geolens::data;
use geolens::terminal::Exit;
use geolens::text::sanitize;
use geolens::{cli, pages, state, store, terminal};
use ratatui::layout::Rect;

use crate::args::{DataArg, LookArgs};
use crate::run::{fail, read_sources, report, say, under};

/// What `geolens open` (and `snapshot`) start on: an item, beside another when comparing, and
/// a view over it.
#[derive(Default)]
pub(crate) struct Opening<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) compare: Option<&'a str>,
    pub(crate) view: Option<Screen>,
}

impl<'a> Opening<'a> {
    pub(crate) fn new(
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
pub(crate) fn start_on(app: &mut App, d: &dyn data::Store, open: &Opening) -> Result<(), String> {
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
pub(crate) enum Begin<'a> {
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
pub(crate) fn begin_on(app: &mut App, d: &dyn data::Store, begin: &Begin) -> Result<(), String> {
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

pub(crate) fn explore(data_arg: &DataArg, look: &LookArgs, begin: &Begin) -> ExitCode {
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
pub(crate) type Start = (Arc<dyn data::Store>, App, Option<terminal::Loader>);

/// Opens a --data directory through its index: at once when the index matches the data; else
/// after building it, which a large dataset does behind the first frame (shown from its outline).
/// `Ok(None)` when no index can be written here: the caller works from memory.
pub(crate) fn indexed(
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
pub(crate) fn in_memory(
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
