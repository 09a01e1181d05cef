//! What the explorer asks of the world outside it: a note written in `$EDITOR`, a page read in
//! `$PAGER`, text put on the clipboard with OSC 52. The terminal loop carries these out
//! (`terminal::hand_over` gives the terminal to the program and takes it back); this module
//! builds the commands and the escape sequence, and knows nothing of raw mode.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

/// The editor the user chose: `$VISUAL`, then `$EDITOR`, then `vi`, as other tools do.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// The pager the user chose: `$PAGER`, else `less`.
pub fn pager() -> String {
    std::env::var("PAGER")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "less".to_owned())
}

/// A command line from the environment, run by the shell so that `EDITOR="code -w"` works, with
/// `file` (if any) passed as an argument, never pasted into the command text.
fn shell(command: &str, file: Option<&Path>) -> Command {
    let mut c = Command::new("sh");
    match file {
        Some(f) => c
            .arg("-c")
            .arg(format!("{command} \"$1\""))
            .arg("sh")
            .arg(f),
        None => c.arg("-c").arg(command),
    };
    c
}

/// A private file for a note, removed when dropped.
pub struct NoteFile(PathBuf);

impl NoteFile {
    /// Writes `text` to a new file only the user can read: notes are nobody else's business.
    pub fn new(text: &str) -> io::Result<NoteFile> {
        use std::os::unix::fs::OpenOptionsExt;
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("geolens-note-{}-{n}.txt", std::process::id()));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        f.write_all(text.as_bytes())?;
        if !text.is_empty() && !text.ends_with('\n') {
            f.write_all(b"\n")?;
        }
        Ok(NoteFile(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// What the editor left in the file.
    pub fn read(&self) -> Result<String, String> {
        let bytes = crate::disk::read_capped(&self.0, 1024 * 1024).map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|_| "the note is not UTF-8 text".to_owned())
    }
}

impl Drop for NoteFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs the editor on `file` and waits for it.
pub fn edit(file: &Path) -> io::Result<ExitStatus> {
    shell(&editor(), Some(file)).status()
}

/// Runs the pager with `text` on its standard input and waits for it. The text is written from a
/// thread of its own: a pager reads as the reader scrolls, and one quit early closes the pipe.
pub fn page(text: String) -> io::Result<ExitStatus> {
    let mut child = shell(&pager(), None).stdin(Stdio::piped()).spawn()?;
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let status = child.wait();
    let _ = writer.join();
    status
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. tmux passes it on
/// (and keeps a buffer of it) with `set-clipboard on`; terminals that do not know it ignore it.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648), which OSC 52 carries.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain:?}");
        }
        assert_eq!(osc52("kz-gov"), "\x1b]52;c;a3otZ292\x07");
    }

    #[test]
    fn a_note_file_is_private_and_goes_away() {
        use std::os::unix::fs::PermissionsExt;
        let f = NoteFile::new("line one").unwrap();
        let path = f.path().to_owned();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(f.read().unwrap(), "line one\n");
        drop(f);
        assert!(!path.exists());
    }
}
