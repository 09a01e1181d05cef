//! Owning the real terminal, and giving it back in the state we found it on every way out: quit,
//! an error, a panic, SIGTERM/SIGINT/SIGQUIT, SIGHUP, and a terminal that disappears under us. It
//! is also given back, and taken again, around a suspension (Ctrl-Z or SIGTSTP, then `fg`).
//!
//! Threads feed one channel, and the main loop blocks on it (no tick: an idle explorer wakes for
//! nothing):
//! - input: our own tty reader (`crate::input`), which also notices the tty hanging up;
//! - signals: signal-hook's iterator, window size changes included;
//! - the search worker, and the loader of a large dataset.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, IntoRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};
use std::thread;

use crossterm::event::{self, Event};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::layout::Rect;
use rustix::termios::Termios;
use signal_hook::consts::signal::{SIGABRT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::app::App;
use crate::app::action::Action;
use crate::app::search::SearchRequest;
use crate::data::{ListKind, Problems, Store};
use crate::find::search::PER_GROUP;
use crate::find::{Results, SearchIndex};
use crate::frames::{self, FrameBackend, FrameTerminal};
use crate::input::Input;
use crate::ui::Theme;

/// Whether we have changed the terminal and owe it a restore. Shared with the panic hook.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether the user turned the mouse on: set again on coming back from Ctrl-Z.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: main screen, cursor shown, cooked mode. Safe to call many times and
/// from the panic hook; errors are ignored because the terminal may already be gone.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            event::DisableMouseCapture,
            event::DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

/// The tty and its settings from before raw mode, for [`emergency_restore`].
static SAVED: OnceLock<(RawFd, Termios)> = OnceLock::new();

/// Keeps the terminal's settings for a restore that cannot go through crossterm.
fn save_settings() {
    if SAVED.get().is_some() {
        return;
    }
    let fd = if io::stdin().is_terminal() {
        io::stdin().as_raw_fd()
    } else {
        match File::open("/dev/tty") {
            // Kept open for the life of the process.
            Ok(f) => f.into_raw_fd(),
            Err(_) => return,
        }
    };
    // SAFETY: `fd` is stdin or a descriptor we never close.
    let tty = unsafe { BorrowedFd::borrow_raw(fd) };
    if let Ok(settings) = rustix::termios::tcgetattr(tty) {
        let _ = SAVED.set((fd, settings));
    }
}

/// Puts the terminal back where nothing may allocate or take a lock: memory has run out
/// (`crate::oom`), or the process is aborting (SIGABRT). Writes what [`restore`] writes, straight
/// to the descriptor, and resets the tty settings saved on entry.
pub fn emergency_restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // End a frame cut short (synchronized output), mouse off, paste off, main screen, cursor.
    const RESTORE: &[u8] = b"\x1b[?2026l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\
                             \x1b[?2004l\x1b[?1049l\x1b[?25h";
    crate::oom::write_all(1, RESTORE);
    if let Some((fd, settings)) = SAVED.get() {
        // SAFETY: as in `save_settings`.
        let tty = unsafe { BorrowedFd::borrow_raw(*fd) };
        let _ = rustix::termios::tcsetattr(tty, rustix::termios::OptionalActions::Now, settings);
    }
}

/// An abort (a panic while panicking, a failed assertion in a dependency's C code) skips every
/// destructor and the panic hook: the handler gives the terminal back, then the abort goes on.
fn install_abort_handler() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    // SAFETY: the handler writes to a descriptor, sets termios and re-raises the signal with its
    // default action (so an abort still ends the process, with its usual status): all
    // async-signal-safe.
    let _ = unsafe {
        signal_hook::low_level::register(SIGABRT, || {
            emergency_restore();
            let _ = signal_hook::low_level::emulate_default_handler(SIGABRT);
        })
    };
}

/// The terminal in explorer mode; dropping it restores the terminal.
pub struct Guard {
    _private: (),
}

impl Guard {
    /// `mouse` turns on click and wheel reporting; off, the terminal's own selection works.
    pub fn enter(mouse: bool) -> io::Result<Guard> {
        install_panic_hook();
        install_abort_handler();
        save_settings();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = Guard { _private: () };
        MOUSE.store(mouse, Ordering::SeqCst);
        enter_screen()?;
        Ok(guard)
    }
}

/// Everything but raw mode, which must be on (and `ACTIVE` set) before: if this fails half-way,
/// the restore still runs.
fn enter_screen() -> io::Result<()> {
    // Bracketed paste: pasted text arrives as one event, so it can never be taken as keys.
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        event::EnableBracketedPaste
    )?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(io::stdout(), event::EnableMouseCapture)?;
    }
    Ok(())
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal before the default hook prints the panic, so the message lands on the
/// normal screen instead of being wiped with the alternate one.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// What wakes the main loop.
enum Wake {
    Input(Event),
    InputFailed(io::Error),
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`); Ctrl-Z itself arrives as a key in raw mode.
    Suspend,
    /// The tty hung up (ssh dropped, window closed, pane killed).
    HangUp,
    /// A search finished: (generation, results).
    Searched(u64, Results),
    /// The search index is built: searches are answered from now on.
    Indexed,
    /// The full load of a dataset the explorer opened on its outline has finished.
    Loaded(Box<Result<Arc<dyn Store>, Problems>>),
}

/// The rest of a load, run on a thread of its own while the explorer shows the outline.
/// It gives the whole dataset: in memory, or from the index it has just written.
pub type Loader = Box<dyn FnOnce() -> Result<Arc<dyn Store>, Problems> + Send>;

/// Why the explorer stopped, for the exit status.
#[derive(Debug)]
pub enum Exit {
    Quit,
    Signal(i32),
    HangUp,
    /// The full load found problems in a dataset the explorer had opened on its outline: the
    /// caller reports them, on the restored terminal.
    Invalid(Problems),
}

impl Exit {
    /// The shell convention: 128 + signal number; 2 for a dataset with problems, as before any
    /// explorer starts.
    pub fn code(&self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(sig) => 128u8.saturating_add(*sig as u8),
            Exit::HangUp => 128 + SIGHUP as u8,
            Exit::Invalid(_) => 2,
        }
    }
}

/// Refuses early, with one line, when there is no terminal to draw on.
pub fn check_tty() -> Result<(), String> {
    if !io::stdout().is_terminal() {
        return Err("standard output is not a terminal: the explorer needs one \
                    (over ssh use `ssh -t`; for text output use `geolens snapshot` or `geolens check`)"
            .to_owned());
    }
    if !io::stdin().is_terminal() && File::open("/dev/tty").is_err() {
        return Err("no terminal to read keys from (over ssh use `ssh -t`)".to_owned());
    }
    Ok(())
}

/// Runs the explorer until the user quits or the terminal goes away. With `rest`, `data` is only
/// the outline of a large dataset: the explorer shows it at once, and `rest` loads the whole on
/// a thread of its own meanwhile (keys work all the while); then the search index is built.
pub fn run(
    data: Arc<dyn Store>,
    mut app: App,
    theme: &Theme,
    mouse: bool,
    rest: Option<Loader>,
) -> io::Result<Exit> {
    let (tx, rx) = mpsc::channel();
    // Signals first: a SIGTERM during set-up must still restore the terminal.
    spawn_signals(tx.clone(), !test_no_sighup_handler())?;
    let guard = Guard::enter(mouse)?;
    // SIGWINCH is caught from the start (spawn_signals), before the size is read for the first
    // frame, so a resize right after start cannot be lost.
    spawn_input(tx.clone())?;
    if rest.is_some() {
        app.loading = Some(format!(
            "{} analyses listed; reading their actors, themes and links",
            data.count(ListKind::Analyses)
        ));
    }

    // Frames go straight to the file descriptor: `Stdout` is line-buffered, and would split a
    // frame that happens to hold a line feed into two writes.
    let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    let mut term = Terminal::new(FrameBackend::new(out))?;
    let size = term.size()?;
    app.update(&*data, Action::Resize(size.width, size.height));
    frames::draw(&mut term, &app, &*data, theme)?;
    // The rest of a large dataset loads behind the first frame, never before it: the frame is
    // on screen however the load goes (slow, or out of memory).
    let searches = match rest {
        Some(load) => {
            spawn_loader(load, tx.clone());
            None
        }
        None => Some(spawn_searcher(Arc::clone(&data), tx.clone())),
    };
    let mut session = Session { data, searches, tx };
    let exit = event_loop(&rx, &mut session, &mut app, &mut term, theme)?;
    drop(term);
    drop(guard);
    // The process ends here: freeing a large dataset piece by piece would only delay the exit
    // (seconds at a million analyses); the system takes the memory back at once.
    std::mem::forget(session);
    Ok(exit)
}

/// A key that makes the explorer panic, for the end-to-end test of the panic path. Set through
/// `GEOLENS_TEST_PANIC_KEY` (key notation); unset, as for every user, it does nothing.
fn test_panic_key() -> Option<crate::keys::Key> {
    let text = std::env::var("GEOLENS_TEST_PANIC_KEY").ok()?;
    crate::keys::parse_key(&text).ok()
}

/// Leaves SIGHUP as the process inherited it, for the end-to-end test that starts geolens with
/// SIGHUP ignored (as `nohup` does): then only the input reader can notice that the terminal hung up.
/// Set through `GEOLENS_TEST_NO_SIGHUP_HANDLER`; unset, as for every user, SIGHUP is handled.
fn test_no_sighup_handler() -> bool {
    std::env::var_os("GEOLENS_TEST_NO_SIGHUP_HANDLER").is_some()
}

/// What the event loop swaps as a large dataset finishes loading.
struct Session {
    data: Arc<dyn Store>,
    /// The search worker, once the whole dataset is there to search.
    searches: Option<Sender<SearchRequest>>,
    tx: Sender<Wake>,
}

fn event_loop(
    rx: &Receiver<Wake>,
    session: &mut Session,
    app: &mut App,
    term: &mut FrameTerminal<File>,
    theme: &Theme,
) -> io::Result<Exit> {
    let panic_key = test_panic_key();
    loop {
        let mut dirty = false;
        // Block for one wake-up, then take everything already queued before drawing: over a slow
        // link a burst of keys costs one frame, not one per key.
        let mut next = rx.recv().ok();
        while let Some(wake) = next {
            match wake {
                Wake::Input(Event::Key(key))
                    if panic_key.is_some() && panic_key == Some(crate::keys::Key::from(key)) =>
                {
                    panic!("test panic requested through GEOLENS_TEST_PANIC_KEY")
                }
                Wake::Input(event) => dirty |= app.handle_event(&*session.data, &event),
                Wake::Searched(generation, results) => {
                    app.search_results(&*session.data, generation, results);
                    dirty = true;
                }
                Wake::Loaded(loaded) => {
                    let full = match *loaded {
                        Ok(full) => full,
                        Err(problems) => return Ok(Exit::Invalid(problems)),
                    };
                    // The outline goes when the last reference to it does, here.
                    app.loaded(&*full);
                    app.loading = Some("indexing for search".to_owned());
                    session.searches = Some(spawn_searcher(Arc::clone(&full), session.tx.clone()));
                    session.data = full;
                    dirty = true;
                }
                Wake::Indexed => {
                    app.loading = None;
                    dirty = true;
                }
                Wake::Suspend => app.suspend = true,
                Wake::Signal(sig) => return Ok(Exit::Signal(sig)),
                Wake::HangUp => return Ok(Exit::HangUp),
                Wake::InputFailed(e) => return Err(e),
            }
            if let Some(notice) = session.data.notice() {
                // The store found its index damaged and rebuilt it: say so once.
                app.message = Some(notice);
                dirty = true;
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
            if std::mem::take(&mut app.suspend) {
                suspend(term, app, &*session.data)?;
                dirty = true;
            }
            next = rx.try_recv().ok();
        }
        // Until the worker exists the request waits in the app, where a newer one replaces it.
        if let Some(searches) = &session.searches
            && let Some(request) = app.search_request.take()
        {
            // The worker is gone only if it panicked; the box then just stays "searching".
            let _ = searches.send(request);
        }
        if dirty {
            frames::draw(term, app, &*session.data, theme)?;
        }
    }
}

/// Gives the terminal back and stops like any job; on `fg`, takes it again and clears it, so the
/// next draw writes every cell (the shell has written over the screen meanwhile, and on a console
/// without an alternate screen it is still there). Refuses, with a note on the status line, when
/// no shell would ever resume us.
fn suspend(term: &mut FrameTerminal<File>, app: &mut App, data: &dyn Store) -> io::Result<()> {
    if !shell_can_resume() {
        app.message = Some("Ctrl-Z: no shell with job control to return to; q quits".to_owned());
        return Ok(());
    }
    frames::commit(term)?;
    restore();
    // The whole job stops, as with the terminal's own Ctrl-Z: the rest of a pipeline too. The
    // signal is handed to each process's main thread, which is this one, so we stop before the
    // call returns. SIGSTOP rather than SIGTSTP because our own SIGTSTP handler would only bring
    // us back here.
    let _ = rustix::process::kill_current_process_group(rustix::process::Signal::STOP);
    // Continued (`fg`).
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    enter_screen()?;
    // `resize` clears the screen and forgets the last frame without asking the terminal anything;
    // `Terminal::clear` would query the cursor position, which races the input thread and stalls
    // on a slow link. The size may also have changed while we were stopped.
    let size = term.size()?;
    term.resize(Rect::new(0, 0, size.width, size.height))?;
    app.update(data, Action::Resize(size.width, size.height));
    Ok(())
}

/// Whether a job-control shell waits on us: our parent is in our session but in another process
/// group. When tmux, sshd or a script without job control runs us, nobody would ever send
/// SIGCONT, and a stopped explorer would leave a dead terminal. (The kernel drops SIGTSTP for such
/// orphaned jobs for the same reason, but not the SIGSTOP we send.)
fn shell_can_resume() -> bool {
    use rustix::process::{getpgid, getpgrp, getppid, getsid};
    let Some(parent) = getppid() else {
        return false;
    };
    match (getsid(Some(parent)), getsid(None), getpgid(Some(parent))) {
        (Ok(theirs), Ok(ours), Ok(group)) => theirs == ours && group != getpgrp(),
        _ => false,
    }
}

/// Searches run here, so typing is drawn at once however long a search takes. The index is
/// built on this thread too, right at start, not on the way to the first frame. On a large
/// dataset each search first sends a quick pass over the names of places, actors and themes, so
/// the first results show within a frame or two, then the complete results, unless the reader
/// has typed on meanwhile.
fn spawn_searcher(data: Arc<dyn Store>, tx: Sender<Wake>) -> Sender<SearchRequest> {
    let (requests, rx) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        let data = &*data;
        let index = SearchIndex::for_store(data);
        let quick_first = index.name_count() >= QUICK_PASS_FROM_NAMES;
        if tx.send(Wake::Indexed).is_err() {
            return;
        }
        let mut next = rx.recv().ok();
        while let Some(mut request) = next.take() {
            // Only the newest query matters: older ones were typed over.
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let (query, filter) = (&request.query, &request.filter);
            if quick_first {
                let quick = crate::find::quick_search(&index, data, query, filter, PER_GROUP);
                if tx.send(Wake::Searched(request.generation, quick)).is_err() {
                    return;
                }
                if let Ok(newer) = rx.try_recv() {
                    next = Some(newer);
                    continue;
                }
            }
            let results = crate::find::search(&index, data, query, filter, PER_GROUP);
            if tx
                .send(Wake::Searched(request.generation, results))
                .is_err()
            {
                return;
            }
            next = rx.recv().ok();
        }
    });
    requests
}

/// From this many names (titles, names, aliases, codes) on, a search sends a quick first pass:
/// below it, the whole search takes about a frame anyway.
const QUICK_PASS_FROM_NAMES: usize = 20_000;

fn spawn_loader(load: Loader, tx: Sender<Wake>) {
    let delay = test_load_delay();
    thread::spawn(move || {
        let loaded = load();
        thread::sleep(delay);
        let _ = tx.send(Wake::Loaded(Box::new(loaded)));
    });
}

/// Holds back the end of the full load, for the end-to-end test that works in the explorer while
/// a large dataset loads. Set through `GEOLENS_TEST_LOAD_DELAY_MS`; unset, as for every user, it
/// is zero.
fn test_load_delay() -> std::time::Duration {
    let ms = std::env::var("GEOLENS_TEST_LOAD_DELAY_MS").ok();
    std::time::Duration::from_millis(ms.and_then(|ms| ms.parse().ok()).unwrap_or(0))
}

/// Keys come from our own reader (`crate::input`, which says why not crossterm's); it also
/// notices the tty hanging up (ssh dropped, window closed, pane killed), even with SIGHUP
/// ignored.
fn spawn_input(tx: Sender<Wake>) -> io::Result<()> {
    let tty = if io::stdin().is_terminal() {
        None
    } else {
        Some(File::open("/dev/tty")?)
    };
    thread::spawn(move || {
        let stdin = io::stdin();
        let fd: BorrowedFd = match &tty {
            Some(f) => f.as_fd(),
            None => stdin.as_fd(),
        };
        crate::input::read(fd, |input| {
            let wake = match input {
                Input::Event(event) => Wake::Input(event),
                Input::HangUp => Wake::HangUp,
                Input::Failed(e) => Wake::InputFailed(e),
            };
            tx.send(wake).is_ok()
        });
    });
    Ok(())
}

fn spawn_signals(tx: Sender<Wake>, hangup: bool) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH])?;
    if hangup {
        signals.add_signal(SIGHUP)?;
    }
    thread::spawn(move || {
        for sig in signals.forever() {
            let (wake, last) = match sig {
                SIGTSTP => (Wake::Suspend, false),
                SIGWINCH => match terminal::size() {
                    Ok((w, h)) => (Wake::Input(Event::Resize(w, h)), false),
                    Err(_) => continue,
                },
                sig => (Wake::Signal(sig), true),
            };
            if tx.send(wake).is_err() || last {
                return;
            }
        }
    });
    Ok(())
}
