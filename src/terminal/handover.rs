//! Handing the terminal to another program and taking it back: `$EDITOR` for a note, `$PAGER`
//! for a page; and the clipboard sequence, written between frames. What the explorer asked for
//! arrives as an `app::dossier::Request`; `outside` builds the commands and the sequence.

use std::fs::File;
use std::io::{self, Write};
use std::sync::atomic::Ordering;

use crossterm::terminal;
use ratatui::layout::Rect;

use super::{ACTIVE, HANDED_OVER, enter_screen, restore};
use crate::app::App;
use crate::app::action::Action;
use crate::app::dossier::Request;
use crate::data::Store;
use crate::frames::{self, FrameTerminal};

/// Gives the terminal to another program while `run` runs it, and takes it back, as a
/// suspension does: the input thread stops reading, the screen and modes are restored, then set
/// again and redrawn whole.
fn hand_over<R>(
    term: &mut FrameTerminal<File>,
    app: &mut App,
    data: &dyn Store,
    run: impl FnOnce() -> R,
) -> io::Result<R> {
    frames::commit(term)?;
    crate::input::GATE.close();
    HANDED_OVER.store(true, Ordering::SeqCst);
    restore();
    let result = run();
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    enter_screen()?;
    HANDED_OVER.store(false, Ordering::SeqCst);
    crate::input::GATE.open();
    let size = term.size()?;
    term.resize(Rect::new(0, 0, size.width, size.height))?;
    app.update(data, Action::Resize(size.width, size.height));
    Ok(result)
}

/// What the explorer asked of the world outside it (`app::dossier::Request`).
pub(super) fn carry_out(
    term: &mut FrameTerminal<File>,
    app: &mut App,
    data: &dyn Store,
    request: Request,
) -> io::Result<()> {
    use crate::outside;
    match request {
        Request::Clipboard { what, text } => {
            // Between frames, straight to the terminal: the sequence has no place in a frame.
            let mut out = io::stdout();
            out.write_all(outside::osc52(&text).as_bytes())?;
            out.flush()?;
            app.message = Some(format!(
                "copied {what} ({} bytes) to the clipboard with OSC 52",
                text.len()
            ));
        }
        Request::Pager { text } => {
            let ran = hand_over(term, app, data, || outside::page(text))?;
            if let Some(why) = failed(ran) {
                app.message = Some(format!("the pager ({}) {why}", outside::pager()));
            }
        }
        Request::Editor { bookmark, text } => {
            let file = match outside::NoteFile::new(&text) {
                Ok(f) => f,
                Err(e) => {
                    app.message = Some(format!("cannot write the note for the editor: {e}"));
                    return Ok(());
                }
            };
            let ran = hand_over(term, app, data, || outside::edit(file.path()))?;
            match failed(ran) {
                None => match file.read() {
                    Ok(note) => app.save_note(data, bookmark, &note),
                    Err(e) => app.message = Some(format!("cannot read the note back: {e}")),
                },
                Some(why) => {
                    app.message = Some(format!(
                        "the editor ({}) {why}; the note is unchanged",
                        outside::editor()
                    ))
                }
            }
        }
    }
    Ok(())
}

/// Why a program did not end well, if it did not.
fn failed(ran: io::Result<std::process::ExitStatus>) -> Option<String> {
    match ran {
        Ok(status) if status.success() => None,
        Ok(status) => Some(format!("ended with {status}")),
        Err(e) => Some(format!("could not be run: {e}")),
    }
}
