//! Scratch directories for tests that build datasets on the fly.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A directory under the system's temp dir, removed when dropped.
pub struct TempDir(PathBuf);

/// A synthetic dataset written by `geolens generate` into a new directory.
pub fn generated(what: &str, analyses: usize, seed: u64) -> TempDir {
    let dir = TempDir::new(what);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(["generate", "--analyses", &analyses.to_string()])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// 10,000 brief analyses (seed 5): about 18 MB, over the size from which the explorer opens on
/// the outline and loads the rest behind it.
pub fn ten_thousand(what: &str) -> TempDir {
    generated(what, 10_000, 5)
}

impl TempDir {
    pub fn new(what: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("geolens-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// A fresh copy of the directory `src`.
    pub fn copy_of(what: &str, src: &Path) -> TempDir {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                let target = to.join(entry.file_name());
                if entry.file_type().unwrap().is_dir() {
                    copy(&entry.path(), &target);
                } else {
                    std::fs::copy(entry.path(), target).unwrap();
                }
            }
        }
        let dir = TempDir::new(what);
        copy(src, dir.path());
        dir
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
