//! Files geolens writes (state, cache, exports) and where they go. Every write replaces its file
//! whole or not at all, so a crash, a full disk or a kill at any moment leaves either the old
//! content or the new, never a mix; two running instances serialise through a lock file.
//!
//! Nothing here knows what the files hold: the state, the index cache and exports build on it.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The XDG base directories geolens uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `$XDG_CONFIG_HOME`, else `~/.config`: the config file.
    Config,
    /// `$XDG_STATE_HOME`, else `~/.local/state`: bookmarks, notes, the session.
    State,
    /// `$XDG_CACHE_HOME`, else `~/.cache`: what can be rebuilt (the on-disk index).
    Cache,
}

impl Base {
    fn variable(self) -> &'static str {
        match self {
            Base::Config => "XDG_CONFIG_HOME",
            Base::State => "XDG_STATE_HOME",
            Base::Cache => "XDG_CACHE_HOME",
        }
    }

    fn fallback(self) -> &'static str {
        match self {
            Base::Config => ".config",
            Base::State => ".local/state",
            Base::Cache => ".cache",
        }
    }
}

/// geolens's own directory under a base, e.g. `~/.local/state/geolens`, from the environment.
/// `None` when neither the variable nor `HOME` gives an absolute path.
pub fn dir(base: Base) -> Option<PathBuf> {
    dir_in(
        base,
        std::env::var_os(base.variable()),
        std::env::var_os("HOME"),
    )
}

/// [`dir`] with the environment given: the XDG specification says a relative path in one of its
/// variables is invalid and must be ignored.
pub fn dir_in(base: Base, var: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let absolute = |v: Option<OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    let root = absolute(var).or_else(|| absolute(home).map(|h| h.join(base.fallback())))?;
    Some(root.join("geolens"))
}

/// Replaces `path` with `bytes`, atomically: the bytes go to a temporary file in the same
/// directory, which is flushed to disk, renamed over `path`, and the directory flushed too, so
/// the rename itself survives a crash. Creates the directory if need be.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    create_dir(dir)?;
    let temp = temp_path(path);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Creates `dir` and its parents. A file in the way is said as such: `create_dir_all` reports
/// it as "File exists" when it is the last part of the path.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => io::ErrorKind::NotADirectory.into(),
        _ => e,
    })
}

/// Flushes a directory's entries (a rename, a new file) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// A name beside `path` that no other writer uses at the same time: this process's id and a
/// counter, so two threads or two processes never share a temporary file.
pub fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(format!(".tmp-{}-{n}", std::process::id()));
    parent(path).join(name)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// An exclusive lock on `<path>.lock`, held until dropped. Readers that then write (load, merge,
/// save) take it around the whole sequence, so two instances never lose each other's changes.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Waits for the lock on `path` (not the file itself, which is replaced on every save).
    pub fn acquire(path: &Path) -> io::Result<Lock> {
        use std::os::unix::fs::OpenOptionsExt;
        let mut name = path.file_name().map(OsString::from).unwrap_or_default();
        name.push(".lock");
        let lock_path = parent(path).join(name);
        create_dir(parent(&lock_path))?;
        // Not waiting to open: a FIFO named like the lock would block a writer until a reader came
        // (it fails with ENXIO instead).
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(lock_path)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ENXIO) => io::Error::other("its lock file is a named pipe (FIFO)"),
                _ => e,
            })?;
        file.lock()?;
        Ok(Lock { _file: file })
    }
}

/// Moves a file that cannot be read as it should (corrupt, from a newer geolens) aside to
/// `<name>.bad-<unix seconds>`, so that nothing overwrites it blindly; returns the new path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(format!(".bad-{secs}"));
    let aside = parent(path).join(name);
    fs::rename(path, &aside)?;
    sync_dir(parent(path))?;
    Ok(aside)
}

/// Why a file could not be read by [`read_capped`], in words fit for an error line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    /// A symbolic link that leads back to itself, directly or through others.
    Loop,
    /// Exists but is a directory, a FIFO, a device ...: not opened, so nothing can block.
    NotAFile(&'static str),
    TooLarge(u64),
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("does not exist"),
            ReadError::Loop => f.write_str("is a symlink loop: the link leads back to itself"),
            ReadError::NotAFile(what) => write!(f, "is {what}, not a file"),
            ReadError::TooLarge(max) => write!(f, "is larger than the limit of {max} bytes"),
            ReadError::Io(e) => f.write_str(e),
        }
    }
}

/// Opens `path` for reading if it is a regular file, with what it is. Opened without waiting,
/// then looked at: a FIFO put where a file was would otherwise block the open until some writer
/// came, and a device (`/dev/zero`) never ends.
pub fn open_regular(path: &Path) -> Result<(File, fs::Metadata), ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(f) => f,
        // A file under a path through something that is not a directory does not exist either.
        Err(e)
            if e.kind() == io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ENOTDIR) =>
        {
            return Err(ReadError::Missing);
        }
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(ReadError::Loop),
        Err(e) => return Err(ReadError::Io(e.to_string())),
    };
    let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    Ok((file, meta))
}

/// Reads a regular file of at most `max` bytes (see [`open_regular`]); the cap holds even for a
/// file that grows while read.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(ReadError::TooLarge(max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

/// What a path that is not a regular file is, in words.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("geolens-disk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn relative_xdg_paths_are_ignored_as_the_spec_says() {
        let abs = |s: &str| Some(OsString::from(s));
        assert_eq!(
            dir_in(Base::State, abs("/x/state"), abs("/home/u")),
            Some(PathBuf::from("/x/state/geolens"))
        );
        assert_eq!(
            dir_in(Base::State, abs("rel/state"), abs("/home/u")),
            Some(PathBuf::from("/home/u/.local/state/geolens"))
        );
        assert_eq!(
            dir_in(Base::Cache, None, abs("/home/u")),
            Some(PathBuf::from("/home/u/.cache/geolens"))
        );
        assert_eq!(dir_in(Base::Config, abs("rel"), abs("also-rel")), None);
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = scratch("atomic");
        let path = dir.join("sub").join("state.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![OsString::from("state.json")]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn reads_refuse_what_is_not_a_small_regular_file() {
        let dir = scratch("read");
        let file = dir.join("f");
        fs::write(&file, b"12345").unwrap();
        assert_eq!(read_capped(&file, 5).unwrap(), b"12345");
        assert_eq!(read_capped(&file, 4), Err(ReadError::TooLarge(4)));
        assert_eq!(
            read_capped(&dir, 10),
            Err(ReadError::NotAFile("a directory"))
        );
        assert_eq!(read_capped(&dir.join("none"), 10), Err(ReadError::Missing));
        assert_eq!(
            read_capped(&file.join("under"), 10),
            Err(ReadError::Missing)
        );
        assert_eq!(
            read_capped(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("a character device"))
        );
        let aside = move_aside(&file).unwrap();
        assert!(!file.exists() && aside.exists());
        assert!(aside.to_string_lossy().contains("f.bad-"));
        fs::remove_dir_all(dir).unwrap();
    }
}
