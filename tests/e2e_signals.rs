//! Every way out of the explorer, end to end in tmux, under each TERM a user is likely to have:
//! quit, Ctrl-C, a data error, a panic, SIGTERM, SIGINT, SIGQUIT, SIGHUP, the terminal dying under
//! it (with SIGHUP handled, and with SIGHUP ignored so that only the input reader can notice),
//! and Ctrl-Z / `fg` under a job-control shell. Each must leave the terminal as it found it (main
//! screen, cursor shown, mouse off, same stty settings) and no process behind.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::sync::OnceLock;
use std::thread;
use std::time::Duration;

use geolens::data::Dataset;
use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use tmux::{BIN, TempDir, Tmux, tmux_available};

const TERMS: [&str; 5] = [
    "xterm",
    "xterm-256color",
    "screen",
    "tmux-256color",
    "linux",
];
const W: u16 = 80;
const H: u16 = 24;
const SIGHUP: u32 = 1;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(common::bundled)
}

/// Runs `scenario` under every TERM at once (the runs mostly wait on their terminals), and
/// reports each TERM that failed.
fn under_every_term(scenario: impl Fn(&str) + Sync) {
    if !tmux_available() {
        return;
    }
    let failures: Vec<String> = thread::scope(|s| {
        let runs: Vec<_> = TERMS
            .iter()
            .map(|&term| (term, s.spawn(|| scenario(term))))
            .collect();
        runs.into_iter()
            .filter_map(|(term, run)| {
                let payload = run.join().err()?;
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                Some(format!("TERM={term}: {message}"))
            })
            .collect()
    });
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// geolens started in a wrapped pane under `term`, showing its first screen; returns its pid.
fn started(name: &str, term: &str, env: &[(&str, &str)], before_run: &str) -> (Tmux, u32) {
    let t = Tmux::wrapped(
        &format!("{name}-{term}"),
        W,
        H,
        Some(term),
        env,
        before_run,
        "",
    );
    t.expect_screen(&Headless::new(data(), W, H).text(), "start");
    let pid = t.geolens_pid();
    assert_eq!(
        tmux::env_of(pid, "TERM").as_deref(),
        Some(term),
        "geolens runs under the TERM under test"
    );
    (t, pid)
}

/// The exit status must be `code`, the process gone, the terminal as it was before.
fn assert_clean_exit(t: &Tmux, pid: u32, code: i32) {
    assert_eq!(t.exit_status(), code, "exit status");
    assert!(
        tmux::wait_gone(pid, Duration::from_secs(2)),
        "geolens {pid} still running after it reported its exit"
    );
    t.assert_restored();
}

fn keys(text: &str) -> Vec<geolens::keys::Key> {
    parse_keys(text).unwrap()
}

#[test]
fn q_quits_and_restores_the_terminal() {
    under_every_term(|term| {
        let (t, pid) = started("quit", term, &[], "");
        t.send(&keys("q"));
        assert_clean_exit(&t, pid, 0);
    });
}

#[test]
fn ctrl_c_quits_cleanly() {
    under_every_term(|term| {
        let (t, pid) = started("ctrl-c", term, &[], "");
        t.send(&keys("<C-c>"));
        assert_clean_exit(&t, pid, 0);
    });
}

#[test]
fn a_data_error_is_reported_before_the_terminal_is_touched() {
    under_every_term(|term| {
        let bad = TempDir::new(&format!("bad-data-{term}"));
        std::fs::write(
            bad.path().join("themes.json"),
            "[{\"id\": \"x\", \"name\": 3}]",
        )
        .unwrap();
        let t = Tmux::wrapped(
            &format!("data-error-{term}"),
            100,
            20,
            Some(term),
            &[],
            "",
            &format!("--data '{}'", bad.path().display()),
        );
        assert_eq!(t.exit_status(), 2);
        let screen = t.capture();
        // Named with the directory given, the line may wrap: read it unwrapped.
        let unwrapped = t.capture_joined();
        assert!(
            unwrapped.contains(&format!(
                "{}/themes.json:1:22: [0].name: invalid type: integer `3`, expected a string",
                bad.path().display()
            )),
            "{screen}"
        );
        t.assert_restored();
    });
}

#[test]
fn a_panic_restores_the_terminal_then_prints_the_message() {
    under_every_term(|term| {
        // No backtrace, so the message itself stays on the screen.
        let env = [("GEOLENS_TEST_PANIC_KEY", "<F12>"), ("RUST_BACKTRACE", "0")];
        let (t, pid) = started("panic", term, &env, "");
        t.send(&keys("<F12>"));
        assert_clean_exit(&t, pid, 101);
        let screen = t.capture();
        assert!(
            screen.contains("test panic requested through GEOLENS_TEST_PANIC_KEY"),
            "the panic message must be readable on the main screen:\n{screen}"
        );
    });
}

/// `kill -SIGNAL` while the explorer runs: it restores the terminal and exits with 128 + the
/// signal's number, as a shell expects.
fn killed_by(signal: &str, code: i32) {
    under_every_term(|term| {
        let (t, pid) = started(&format!("kill-{signal}"), term, &[], "");
        tmux::kill(pid, signal);
        assert_clean_exit(&t, pid, code);
    });
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    killed_by("TERM", 143);
}

#[test]
fn sigint_restores_the_terminal_and_exits() {
    killed_by("INT", 130);
}

#[test]
fn sigquit_restores_the_terminal_and_exits() {
    killed_by("QUIT", 131);
}

#[test]
fn sighup_with_the_terminal_still_there_restores_it_and_exits() {
    killed_by("HUP", 129);
}

/// Kills the pane, as a dropped ssh connection or a closed window would: geolens and the shell
/// around it must be gone within 2 s, and geolens must not have spun on the dead terminal
/// meanwhile (crossterm's reader can, see src/terminal.rs).
fn assert_hang_up_ends_it(t: &Tmux, pid: u32) {
    let shell = t.pane_pid();
    let watch = tmux::Watch::idle(pid);
    t.run(&["kill-pane", "-t", "main"]);
    watch
        .ending(Duration::from_secs(2))
        .assert_quiet_exit(&format!("its terminal hung up (geolens {pid})"));
    assert!(
        tmux::wait_gone(shell, Duration::from_secs(2)),
        "the pane's shell {shell} is still running"
    );
}

#[test]
fn a_killed_pane_ends_it_within_two_seconds_without_spinning() {
    under_every_term(|term| {
        let (t, pid) = started("hang-up", term, &[], "");
        assert_eq!(
            tmux::signal_disposition(pid, SIGHUP),
            (false, true),
            "SIGHUP is caught"
        );
        assert_hang_up_ends_it(&t, pid);
    });
}

/// With SIGHUP ignored (as under `nohup`, inherited from the shell's `trap '' HUP`) and not
/// handled, nothing but the input reader can notice the hang-up; without it, geolens spins.
#[test]
fn a_killed_pane_ends_it_even_with_sighup_ignored() {
    under_every_term(|term| {
        let (t, pid) = started(
            "hang-up-ignored",
            term,
            &[("GEOLENS_TEST_NO_SIGHUP_HANDLER", "1")],
            "trap '' HUP;",
        );
        assert_eq!(
            tmux::signal_disposition(pid, SIGHUP),
            (true, false),
            "SIGHUP is ignored, not caught"
        );
        assert_hang_up_ends_it(&t, pid);
    });
}

/// Whether the shell is waiting at its prompt: the last line written is the bare prompt.
fn at_prompt(screen: &str) -> bool {
    screen.lines().rfind(|l| !l.is_empty()) == Some("shell$")
}

/// Under an interactive shell with job control: Ctrl-Z twice, then a SIGTSTP from outside; each
/// time the shell's prompt is back on a restored terminal, and `fg` brings back the very screen
/// that was left.
#[test]
fn ctrl_z_and_fg_bring_back_the_same_screen() {
    under_every_term(|term| {
        // dash (sh) has no line editor, so it never changes the terminal settings itself: what
        // stty shows at its prompt is what geolens left.
        let t = Tmux::new(
            &format!("ctrl-z-{term}"),
            W,
            H,
            Some(term),
            &[("PS1", "shell$ "), ("ENV", "")],
            &["sh", "-i"],
        );
        let screen = t.wait_for(at_prompt);
        assert!(at_prompt(&screen), "no shell prompt:\n{screen}");
        let cooked = t.stty();
        t.type_line(&format!("'{BIN}'"));
        let mut model = Headless::new(data(), W, H);
        t.expect_screen(&model.text(), "start");
        let pid = t.geolens_pid();
        assert_eq!(tmux::env_of(pid, "TERM").as_deref(), Some(term));

        // Somewhere worth coming back to: an analysis, the cursor inside it.
        let step = |k: &str, model: &mut Headless| {
            model.press(&keys(k));
            t.send(&keys(k));
            t.expect_screen(&model.text(), k);
        };
        step("jj<Enter>", &mut model);
        step("jjj", &mut model);

        for round in 1..=3 {
            let how = if round < 3 {
                t.send(&keys("<C-z>"));
                "Ctrl-Z"
            } else {
                tmux::kill(pid, "TSTP");
                "SIGTSTP"
            };
            assert_eq!(tmux::wait_state(pid, 'T'), Some('T'), "stopped by {how}");
            let screen = t.wait_for(|s| at_prompt(s) && s.matches("Stopped").count() == round);
            assert!(
                at_prompt(&screen),
                "the prompt is back after {how}:\n{screen}"
            );
            t.assert_screen_restored(&format!("stopped by {how}"));
            assert_eq!(t.stty(), cooked, "stty settings while stopped by {how}");

            t.type_line("fg");
            t.expect_screen(&model.text(), &format!("fg after {how}"));
            assert_ne!(tmux::state(pid), Some('T'), "running again");
        }
        // Still the same explorer, taking keys.
        step("k", &mut model);

        t.send(&keys("q"));
        t.wait_for(at_prompt);
        t.type_line("echo \"geolens exited with $?\"");
        assert_eq!(t.exit_status(), 0);
        assert!(tmux::wait_gone(pid, Duration::from_secs(2)));
        t.assert_screen_restored("after quitting");
        assert_eq!(t.stty(), cooked, "stty settings after quitting");
    });
}

/// Run straight from tmux (or sshd, or a script) there is no shell to `fg` it back: stopping
/// would leave a dead terminal, so Ctrl-Z only says why it does nothing.
#[test]
fn ctrl_z_without_a_shell_to_return_to_is_refused() {
    if !tmux_available() {
        return;
    }
    let (t, pid) = started("ctrl-z-refused", "xterm-256color", &[], "");
    let mut model = Headless::new(data(), W, H);
    t.send(&keys("<C-z>"));
    let screen = t.wait_for(|s| s.contains("no shell with job control"));
    assert!(screen.contains("no shell with job control"), "{screen}");
    assert_ne!(tmux::state(pid), Some('T'), "not stopped");
    assert_eq!(t.display("#{alternate_on}"), "1", "still in the explorer");
    // The note goes with the next key, and the screen is the explorer's as ever.
    model.press(&keys("<C-z>j"));
    t.send(&keys("j"));
    t.expect_screen(&model.text(), "a key after the refusal");
    t.send(&keys("q"));
    assert_clean_exit(&t, pid, 0);
}
