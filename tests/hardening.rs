//! The command line against hostile arguments, configs and files: nothing blocks, nothing eats
//! memory, nothing typed or read reaches the terminal raw, no value is echoed whole, and every
//! mistake is said in words (no Rust type names), with file, line:column and field.

mod common;
#[path = "common/temp.rs"]
mod temp;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use geolens::text::is_unsafe;
use temp::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_geolens");

/// geolens with `args`, killed (and the test failed) if it has not ended within 10 s: a blocked
/// read must show as a failure, not as a test run that never ends.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("geolens runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("geolens {args:?} was still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every character a terminal could act on, but the line breaks.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| is_unsafe(c) && c != '\n')
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn mini() -> TempDir {
    TempDir::copy_of("hard", &common::fixture_dir("mini"))
}

fn check(dir: &TempDir) -> Output {
    run(&["check", "--data", dir.path().to_str().unwrap()], &[])
}

// ---- 4. Every file read gets the loader's guards. ----

#[test]
fn a_config_that_is_a_fifo_or_a_device_or_huge_is_refused_at_once() {
    let dir = TempDir::new("config-guards");
    let fifo = dir.path().join("fifo.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let huge = dir.path().join("huge.toml");
    write(&huge, &format!("# {}\n", "x".repeat(2 << 20)));
    for (config, says) in [
        (fifo.to_str().unwrap(), "is a named pipe (FIFO), not a file"),
        ("/dev/zero", "is a character device, not a file"),
        (huge.to_str().unwrap(), "is larger than 1024 KiB"),
    ] {
        let o = run(&["--config", config], &[]);
        assert_eq!(o.status.code(), Some(2), "{config}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with(&format!("{config}: {says}")),
            "{config}: {}",
            stderr(&o)
        );
    }
}

// ---- 5. Usage errors never echo what was typed raw. ----

#[test]
fn usage_errors_show_escape_sequences_as_text() {
    let title = "\x1b]2;PWNED\x07";
    let clipboard = "\x1b]52;c;UFdORUQ=\x07";
    let flag = format!("--{title}");
    let cases: Vec<Vec<&str>> = vec![
        vec!["snapshot", "--size", title],
        vec!["generate", "--analyses", clipboard, "--out", "x"],
        vec!["list", "analyses", "--year", title],
        vec!["search", "q", "--limit", title],
        vec!["--color", title, "check"],
        vec![title],
        vec!["check", &flag],
        vec!["snapshot", "--size", "\u{9b}2J\u{9d}0;c1\u{9c}"],
    ];
    for args in cases {
        let o = run(&args, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(unsafe_chars(&err), Vec::<char>::new(), "{args:?}: {err}");
        assert!(
            err.contains("␛]") || err.contains('\u{FFFD}'),
            "{args:?}: the value is shown, neutralised: {err}"
        );
    }
    // Help and version still print as clap made them, on stdout.
    let help = run(&["--help"], &[]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: geolens"));
}

// ---- 6. Key bindings that would shut a user in. ----

#[test]
fn a_config_that_takes_away_the_ways_out_is_refused_with_its_places() {
    let dir = TempDir::new("config-traps");
    let config = dir.path().join("config.toml");
    write(
        &config,
        "[keys]\nquit = []\n\"help.help\" = []\nsearch = [\"f\"]\nfilters = [\"f\"]\nopen = [\"<C-c>\"]\n",
    );
    let o = run(&["--config", config.to_str().unwrap()], &[]);
    let c = config.display();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "{c}:2:1: keys.quit: leaves no key to quit geolens: keep at least one\n\
             {c}:3:1: keys.help.help: leaves no key to leave the help screen: keep at least one\n\
             {c}:5:12: keys.filters[0]: f is also bound to keys.search at 4:11 (keys.search[0]): a key does one thing\n\
             {c}:6:9: keys.open[0]: Ctrl-c always quits geolens: choose another key\n\
             geolens: 4 problems found; nothing was loaded\n"
        )
    );
}

// ---- 8. Bad values are quoted short. ----

#[test]
fn a_huge_bad_value_is_quoted_in_eighty_characters() {
    let dir = mini();
    let file = dir.path().join("analyses/cpc-2022.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let huge = "9".repeat(10 << 20);
    std::fs::write(
        &file,
        text.replace("\"2022-07-05\"", &format!("\"{huge}\"")),
    )
    .unwrap();
    let o = check(&dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.len() < 400,
        "{} bytes of errors: {}",
        err.len(),
        &err[..400]
    );
    assert!(
        err.contains(&format!("\"{}…\"({} bytes)", "9".repeat(80), 10 << 20)),
        "{err}"
    );

    let config = dir.path().join("config.toml");
    write(
        &config,
        &format!("[theme]\nheading = \"{}\"\n", "m".repeat(900_000)),
    );
    let o = run(&["--config", config.to_str().unwrap()], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.len() < 400, "{} bytes of errors", err.len());
    assert!(err.contains("…\"(900000 bytes)"), "{err}");
}

// ---- 9. The smaller ones. ----

#[test]
fn a_symlink_loop_is_called_a_symlink_loop() {
    let dir = mini();
    std::os::unix::fs::symlink("loop.json", dir.path().join("analyses/loop.json")).unwrap();
    let err = stderr(&check(&dir));
    assert!(
        err.contains("analyses/loop.json: is a symlink loop: the link leads back to itself"),
        "{err}"
    );
}

#[test]
fn region_members_that_go_round_in_a_circle_are_refused() {
    let dir = mini();
    let file = dir.path().join("places.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replacen("[\"KZ\", \"UZ\"]", "[\"KZ\", \"UZ\", \"eu\"]", 1)
        .replacen("[\"DE\"]", "[\"DE\", \"central-asia\"]", 1);
    std::fs::write(&file, &text).unwrap();
    let o = check(&dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{text}\n{err}");
    assert!(
        err.contains(
            "[5].members: members go round in a circle: \"central-asia\" holds \"eu\" holds \"central-asia\""
        ),
        "{err}"
    );
    assert_eq!(err.matches("go round in a circle").count(), 1, "{err}");
}

#[test]
fn type_errors_are_said_without_rust_type_names() {
    let dir = mini();
    write(&dir.path().join("analyses/null.json"), "null\n");
    let err = stderr(&check(&dir));
    assert!(
        err.contains("analyses/null.json:1:1: invalid type: null, expected an analysis object"),
        "{err}"
    );
    assert!(!err.contains("struct"), "{err}");
}

#[test]
fn an_interrupted_generate_leaves_no_partial_dataset() {
    let dir = TempDir::new("generate-atomic");
    let out = dir.path().join("data");
    let mut child = Command::new(BIN)
        .args(["generate", "--analyses", "400000", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Part-way through: the first files are written by now.
    std::thread::sleep(Duration::from_millis(400));
    let _ = child.kill();
    child.wait().unwrap();
    assert!(
        !out.exists(),
        "a killed generate left {:?}",
        std::fs::read_dir(&out).map(|d| d.count())
    );
}

#[test]
fn the_config_reports_all_its_mistakes_and_ignores_a_relative_xdg_home() {
    let dir = TempDir::new("config-all");
    let config = dir.path().join("config.toml");
    write(
        &config,
        "colour = \"never\"\nmouse = \"yes\"\n[theme]\nheading = \"mauve\"\n",
    );
    let o = run(&["--config", config.to_str().unwrap()], &[]);
    let err = stderr(&o);
    assert_eq!(
        err.lines().count(),
        4,
        "three problems and the count:\n{err}"
    );

    let home = dir.path().to_str().unwrap();
    let o = run(
        &["config"],
        &[("XDG_CONFIG_HOME", "relative/dir"), ("HOME", home)],
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{home}/.config/geolens/config.toml\n")
    );
}
