//! Shared by the integration tests: the fixture datasets and a headless explorer on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use geolens::data::{self, Dataset, Sources};

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture dataset; panics with the problems if it does not load.
pub fn fixture(name: &str) -> Dataset {
    let sources = Sources::from_dir(&fixture_dir(name)).expect("fixture readable");
    data::load(&sources).unwrap_or_else(|p| panic!("fixture {name} does not load:\n{p}"))
}

pub fn bundled() -> Dataset {
    data::bundled().unwrap_or_else(|p| panic!("bundled dataset does not load:\n{p}"))
}

/// The real binary with `args`, no input, as a script runs it.
pub fn geolens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_geolens"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("geolens runs")
}
