//! Running out of memory, for real (`ulimit -v`), ends with one clear line and exit status 2:
//! in the explorer after its first frame (a large dataset loads behind it), with the terminal
//! given back as it was; and in the command line, with no abort messages from several threads.
//! Any other abort (SIGABRT) gives the terminal back too, and still ends the process.
//!
//! The limits sit in the middle of what was measured on a 10,000-analysis dataset: under about
//! 100 MB the explorer fails before its first frame, over about 250 MB it loads.
//!
//! Needs tmux for the explorer. Without it that test says so loudly and passes, except under
//! CI=true, where it fails.

mod common;
#[path = "common/temp.rs"]
mod temp;
#[path = "common/tmux.rs"]
mod tmux;

use std::process::Command;
use std::time::{Duration, Instant};

use tmux::{BIN, Tmux, tmux_available};

const MESSAGE: &str = "geolens: out of memory: ";

#[test]
fn out_of_memory_in_the_command_line_is_one_line_and_exit_2() {
    let dir = temp::ten_thousand("oom-cli");
    let script = format!(
        "ulimit -v 80000; exec '{BIN}' check --data '{}'",
        dir.path().display()
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line, from one thread:\n{stderr}"
    );
    assert!(stderr.starts_with(MESSAGE), "{stderr}");
    assert!(stderr.contains("ulimit -v"), "{stderr}");
}

#[test]
fn out_of_memory_after_the_first_frame_gives_the_terminal_back() {
    if !tmux_available() {
        return;
    }
    let dir = temp::ten_thousand("oom-tui");
    let args = format!("--data '{}'", dir.path().display());
    // The pause lets the output be recorded from the first byte.
    let t = Tmux::wrapped(
        "oom",
        100,
        30,
        None,
        &[],
        "sleep 0.5; ulimit -v 150000;",
        &args,
    );
    let log = t.dir.join("output");
    let o = t.run(&[
        "pipe-pane",
        "-t",
        "main",
        "-o",
        &format!("cat >> '{}'", log.display()),
    ]);
    assert!(o.status.success());
    assert_eq!(t.exit_status(), 2, "{}", t.capture());
    let screen = t.capture();
    assert!(screen.contains(MESSAGE), "{screen}");
    assert!(!screen.contains("memory allocation of"), "{screen}");
    assert!(!screen.contains("Aborted"), "{screen}");
    t.assert_restored();
    // The explorer had drawn its first frame, on the outline, before memory ran out.
    let start = Instant::now();
    let mut written = String::new();
    while start.elapsed() < Duration::from_secs(5) {
        written = String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();
        if written.contains(MESSAGE) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        written.contains("Analyses (10000, newest first)"),
        "the first frame was drawn before memory ran out:\n{written}"
    );
}

#[test]
fn an_abort_gives_the_terminal_back_and_still_ends_the_process() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("abort", 100, 30, "", &[]);
    let pid = t.geolens_pid();
    t.wait_for(|s| s.contains(" q quit "));
    tmux::kill(pid, "ABRT");
    // 128 + SIGABRT (6): ended by the signal, as before the handler.
    assert_eq!(t.exit_status(), 134, "{}", t.capture());
    t.assert_restored();
}
