//! Bad files in a dataset directory: empty, with a byte-order mark, UTF-16, invalid UTF-8, a
//! directory, FIFO or device where a file belongs, a 2 GB file, duplicate keys, nesting past the
//! parser's limit, numbers too large, links to nothing or in a loop. Each is run through the real
//! binary (`geolens check --data DIR`) and must give exactly one sanitized line with the path (and
//! line:column where a position makes sense), exit with status 2 within a second, and not panic.

mod common;
#[path = "common/temp.rs"]
mod temp;
#[path = "common/wire.rs"]
mod wire;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use temp::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_geolens");

/// A copy of the mini fixture, to spoil one file of.
fn mini() -> TempDir {
    TempDir::copy_of("bad-files", &common::fixture_dir("mini"))
}

/// Runs `geolens ARGS`; returns its exit code and stderr. Fails if it is still running after a
/// second (a FIFO opened for reading would block), panics, or prints anything but plain text.
fn run(args: &[&str]) -> (i32, String) {
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(1) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("geolens {args:?} still running after a second");
        }
        sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(wire::text_violations(&out.stderr), Vec::<String>::new());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().expect("exited, not killed"), stderr)
}

/// `geolens check` on `dir` must refuse it with exactly this one line, which names the file as
/// the user would from here: the directory given, then the file in it.
fn refused(dir: &Path, line: &str) {
    let (code, stderr) = run(&["check", "--data", dir.to_str().unwrap()]);
    assert_eq!(
        stderr,
        format!(
            "{}/{line}\ngeolens: 1 problem found; nothing was loaded\n",
            dir.display()
        )
    );
    assert_eq!(code, 2);
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

#[test]
fn an_empty_file() {
    let d = mini();
    fs::write(d.path().join("analyses/empty.json"), "").unwrap();
    refused(
        d.path(),
        "analyses/empty.json:1:1: the file is empty: it should hold an analysis (a JSON object) or an array of them",
    );
}

#[test]
fn a_byte_order_mark() {
    let d = mini();
    let themes = d.path().join("themes.json");
    let text = fs::read_to_string(&themes).unwrap();
    fs::write(&themes, format!("\u{FEFF}{text}")).unwrap();
    refused(
        d.path(),
        "themes.json:1:1: starts with a byte-order mark: save it as UTF-8 without BOM",
    );
}

#[test]
fn a_utf16_file() {
    let d = mini();
    let places = d.path().join("places.json");
    let text = fs::read_to_string(&places).unwrap();
    let utf16: Vec<u8> = "\u{FEFF}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(&places, utf16).unwrap();
    refused(
        d.path(),
        "places.json:1:1: is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8",
    );
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let d = mini();
    let actors = d.path().join("actors.json");
    let mut bytes = fs::read(&actors).unwrap();
    let at = bytes.windows(7).position(|w| w == b"Kremlin").unwrap();
    bytes[at + 1] = 0xE9; // Latin-1 é
    fs::write(&actors, bytes).unwrap();
    refused(
        d.path(),
        "actors.json:4:66: not valid UTF-8 (byte 0xE9): save the file as UTF-8",
    );
}

#[test]
fn a_directory_where_a_file_belongs() {
    let d = mini();
    fs::remove_file(d.path().join("actors.json")).unwrap();
    fs::create_dir(d.path().join("actors.json")).unwrap();
    refused(
        d.path(),
        "actors.json: is a directory, not a file (a directory of actor files is named actors/)",
    );
}

#[test]
fn a_fifo_where_a_file_belongs_does_not_block() {
    let d = mini();
    mkfifo(&d.path().join("analyses/pipe.json"));
    refused(
        d.path(),
        "analyses/pipe.json: is a named pipe (FIFO), not a file",
    );
    let d = mini();
    fs::remove_file(d.path().join("themes.json")).unwrap();
    mkfifo(&d.path().join("themes.json"));
    refused(d.path(), "themes.json: is a named pipe (FIFO), not a file");
}

#[test]
fn a_device_where_a_file_belongs_is_not_read() {
    // /dev/zero would never end.
    let d = mini();
    fs::remove_file(d.path().join("places.json")).unwrap();
    symlink("/dev/zero", d.path().join("places.json")).unwrap();
    refused(d.path(), "places.json: is a character device, not a file");
}

#[test]
fn a_two_gigabyte_file_is_refused_by_its_size_unread() {
    // Sparse: it takes no room on disk, and reading it would take 2 GB of memory.
    let d = mini();
    let huge = fs::File::create(d.path().join("analyses/huge.json")).unwrap();
    huge.set_len(2 << 30).unwrap();
    refused(
        d.path(),
        "analyses/huge.json: is 2 GiB, over the limit of 1 GiB for one file: split it into several files",
    );
    let guide =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/dataset.md")).unwrap();
    assert!(
        guide.contains("Each file may be at most **1 GiB**"),
        "docs/dataset.md states the limit"
    );
}

#[test]
fn duplicate_keys() {
    let d = mini();
    let path = d.path().join("analyses/kz-uk-2024.json");
    let text = fs::read_to_string(&path).unwrap().replace(
        "\"as_of\": \"2024-05-15\",",
        "\"as_of\": \"2024-05-15\", \"as_of\": \"2024-05-14\",",
    );
    fs::write(&path, text).unwrap();
    refused(
        d.path(),
        "analyses/kz-uk-2024.json:5:26: as_of: key \"as_of\" appears twice in this object (first at 5:3): keep one",
    );
}

#[test]
fn nesting_beyond_the_parser_limit() {
    let d = mini();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    fs::write(d.path().join("analyses/deep.json"), deep).unwrap();
    refused(
        d.path(),
        "analyses/deep.json:1:128: nested 128 levels deep, past the parser's limit of 127 (a dataset file needs at most 6)",
    );
}

#[test]
fn a_number_too_large() {
    let d = mini();
    let path = d.path().join("places.json");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"lon\": 64.6", "\"lon\": 1e400");
    fs::write(&path, text).unwrap();
    refused(
        d.path(),
        "places.json:3:115: number out of range: it must fit a 64-bit float (at most about 1.8e308)",
    );
}

#[test]
fn a_link_to_nothing() {
    let d = mini();
    fs::remove_file(d.path().join("themes.json")).unwrap();
    symlink("nowhere.json", d.path().join("themes.json")).unwrap();
    refused(
        d.path(),
        "themes.json: is a symbolic link to nothing: its target does not exist",
    );
}

#[test]
fn a_link_loop_is_walked_once() {
    let d = mini();
    // Back to the directory itself, to its parent (the dataset root), and round a pair.
    symlink(".", d.path().join("analyses/here")).unwrap();
    symlink("..", d.path().join("analyses/up")).unwrap();
    fs::create_dir(d.path().join("analyses/a")).unwrap();
    symlink("../b", d.path().join("analyses/a/to-b")).unwrap();
    fs::create_dir(d.path().join("analyses/b")).unwrap();
    symlink("../a", d.path().join("analyses/b/to-a")).unwrap();
    let (code, stderr) = run(&["check", "--data", d.path().to_str().unwrap()]);
    assert_eq!(stderr, "");
    assert_eq!(code, 0);
    let out = Command::new(BIN)
        .args(["check", "--data", d.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "3 analyses, 7 actors, 4 themes, 5 implications, 7 places\n"
    );
}

#[test]
fn data_that_is_not_a_directory() {
    let d = TempDir::new("bad-root");
    let pipe = d.path().join("pipe");
    mkfifo(&pipe);
    let (code, stderr) = run(&["check", "--data", pipe.to_str().unwrap()]);
    assert_eq!(
        stderr,
        format!(
            "{}: not a directory: --data expects a directory laid out like data/\n\
             geolens: 1 problem found; nothing was loaded\n",
            pipe.display()
        )
    );
    assert_eq!(code, 2);
}

#[test]
fn a_hostile_file_name_is_shown_sanitized_on_one_line() {
    let d = mini();
    fs::write(d.path().join("analyses/\x1b]0;PWNED\x07\nx.json"), "").unwrap();
    refused(
        d.path(),
        "analyses/␛]0;PWNED␇ x.json:1:1: the file is empty: it should hold an analysis (a JSON object) or an array of them",
    );
}

#[test]
fn hostile_text_echoed_in_a_message_is_sanitized() {
    // serde names the unknown value as written: here an OSC title sequence and a bidi override.
    let d = mini();
    let path = d.path().join("actors.json");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "\"kind\": \"government\"",
        "\"kind\": \"\\u001b]0;PWNED\\u0007\\u202e\"",
        1,
    );
    fs::write(&path, text).unwrap();
    let (code, stderr) = run(&["check", "--data", d.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(&format!(
            "{}/actors.json:2:87: [0].kind: unknown variant `␛]0;PWNED␇\u{FFFD}`, expected one of `person`",
            d.path().display()
        )),
        "{stderr}"
    );
    assert!(stderr.ends_with("geolens: 1 problem found; nothing was loaded\n"));
    assert_eq!(stderr.lines().count(), 2);
}

#[test]
fn every_command_refuses_bad_files_the_same_way() {
    // Not only `check`: every command loads through the same path.
    let d = mini();
    fs::write(d.path().join("analyses/empty.json"), "").unwrap();
    let dir = d.path().to_str().unwrap();
    for args in [
        vec!["--data", dir, "list", "actors"],
        vec!["--data", dir, "show", "KZ"],
        vec!["--data", dir, "search", "x"],
    ] {
        let (code, stderr) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            stderr.starts_with(&format!("{dir}/analyses/empty.json:1:1: the file is empty")),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_fifo_where_the_index_or_its_lock_belongs_does_not_block() {
    // Opening a FIFO waits for the other end: for the index, for a reader of the lock.
    let d = mini();
    let scratch = TempDir::new("bad-index");
    let index = scratch.path().join("data.index");
    mkfifo(&index);
    let args = |index: &Path| {
        let (d, i) = (d.path().to_str().unwrap(), index.to_str().unwrap());
        run(&["search", "kazakhstan", "--data", d, "--index", i])
    };
    let (code, stderr) = args(&index);
    assert_eq!(
        stderr,
        format!(
            "geolens: the index {} is unusable (it cannot be read (a named pipe (FIFO), not a \
             file)): rebuilding it\n",
            index.display()
        )
    );
    assert_eq!(code, 0);
    assert!(
        fs::metadata(&index).unwrap().is_file(),
        "rebuilt in its place"
    );

    let other = scratch.path().join("other.index");
    mkfifo(&scratch.path().join("other.index.lock"));
    let (code, stderr) = args(&other);
    assert_eq!(
        stderr,
        format!(
            "geolens: cannot write the index {} (its lock file is a named pipe (FIFO)): working \
             from memory\n",
            other.display()
        )
    );
    assert_eq!(code, 0, "answered from memory");

    // A cache under a file: there is no index there, and none can be written.
    let file = scratch.path().join("a-file");
    fs::write(&file, "").unwrap();
    let under = file.join("data.index");
    let (code, stderr) = args(&under);
    assert_eq!(
        stderr,
        format!(
            "geolens: cannot write the index {} (a part of its path is a file, not a directory): \
             working from memory\n",
            under.display()
        )
    );
    assert_eq!(code, 0);
}
