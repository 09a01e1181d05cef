//! `geolens export --bookmarks`: the dossier kept in the explorer, written for reading elsewhere.

use std::path::Path;

use super::Output;
use crate::data::Store;
use crate::export::{self, Format};
use crate::state::bookmarks::Bookmarks;
use crate::state::file::{self, StateFile, Unreadable};

/// `geolens export --bookmarks`: the bookmarks kept under `dir` (the state directory), with their
/// pages in `data`. Nothing bookmarked is status 1, as a search that finds nothing.
pub fn export_bookmarks(
    data: &dyn Store,
    dir: Option<&Path>,
    format: Format,
    out: Option<&Path>,
) -> Result<Output, String> {
    let bookmarks = read_bookmarks(dir)?;
    let now = crate::state::clock::stamp(crate::state::clock::system());
    export(data, &bookmarks, format, out, &now)
}

/// Says which saved views there are, when asked for one that is not.
pub fn no_such_view(name: &str, views: &crate::state::views::SavedViews) -> String {
    let names: Vec<&str> = views.views.iter().map(|v| v.name.as_str()).collect();
    if names.is_empty() {
        format!("no saved view named {name:?}: none saved yet (w saves one in the explorer)")
    } else {
        format!("no saved view named {name:?}; saved: {}", names.join(", "))
    }
}

/// Reads the bookmarks in `dir` without changing anything there: a bad file is reported, and left
/// for the explorer to move aside when it next starts.
pub fn read_bookmarks(dir: Option<&Path>) -> Result<Bookmarks, String> {
    let Some(dir) = dir else {
        return Err("no state directory: set XDG_STATE_HOME or HOME".to_owned());
    };
    let path = dir.join(Bookmarks::NAME);
    match file::read::<Bookmarks>(&path) {
        Ok(b) => Ok(b.unwrap_or_default()),
        Err(Unreadable::Bad(why) | Unreadable::Io(why)) => {
            Err(format!("{}: {why}", path.display()))
        }
    }
}

/// The export in `format`, to stdout or, with `out`, to that file (replaced whole, atomically).
/// Nothing bookmarked is status 1, as a search that finds nothing.
pub fn export(
    data: &dyn Store,
    bookmarks: &Bookmarks,
    format: Format,
    out: Option<&Path>,
    now: &str,
) -> Result<Output, String> {
    if bookmarks.is_empty() {
        return Ok(Output {
            stdout: String::new(),
            stderr: "geolens: no bookmarks to export (b bookmarks an item in the explorer)\n"
                .to_owned(),
            status: 1,
        });
    }
    let text = export::render(data, bookmarks, format, now, &crate::pages::UNICODE);
    let Some(out) = out else {
        return Ok(Output {
            stdout: text,
            stderr: String::new(),
            status: 0,
        });
    };
    crate::disk::write_atomic(out, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let n = bookmarks.len();
    Ok(Output {
        stdout: format!(
            "wrote {n} bookmark{} to {} ({} bytes)\n",
            if n == 1 { "" } else { "s" },
            crate::text::sanitize(&out.display().to_string()),
            text.len()
        ),
        stderr: String::new(),
        status: 0,
    })
}
