//! End to end: the real binary in a real terminal (tmux, on a private socket), driven by keys and
//! read back with capture-pane. Each screen is compared, whole, with what `geolens snapshot`
//! renders for the same keys, so the two cannot drift apart. Then every way out is checked: the
//! terminal is restored (main screen, cursor shown, same stty settings) and no process is left.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use geolens::app::nav::Target;
use geolens::keys::{Key, parse_keys};
use geolens::snapshot::Headless;

const BIN: &str = env!("CARGO_BIN_EXE_geolens");

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is required for the end-to-end tests under CI (.ci/run installs it)"
        );
        eprintln!(
            "\n*** SKIPPED: tmux is not installed; end-to-end terminal tests did not run ***\n"
        );
    }
    found
}

/// A tmux server of our own, killed when dropped.
struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    /// Starts `geolens ARGS` in a `width`x`height` pane, wrapped in a shell that records the stty
    /// settings before and after and the exit status, then stays alive so the screen can be read.
    fn start(name: &str, width: u16, height: u16, args: &str, env: &[(&str, &str)]) -> Tmux {
        let socket = format!("geolens-test-{}-{name}", std::process::id());
        let dir = std::env::temp_dir().join(&socket);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // escape-time 0: an Esc is an Esc at once, not the start of an Alt chord.
        std::fs::write(dir.join("tmux.conf"), "set -s escape-time 0\n").unwrap();
        let script = format!(
            "stty -g > '{d}/before'; '{BIN}' {args}; echo \"geolens exited with $?\"; \
             stty -g > '{d}/after'; exec sleep 600",
            d = dir.display()
        );
        let t = Tmux { socket, dir };
        let mut cmd = vec![
            "new-session".to_owned(),
            "-d".into(),
            "-s".into(),
            "main".into(),
            "-x".into(),
            width.to_string(),
            "-y".into(),
            height.to_string(),
        ];
        for (k, v) in env {
            cmd.push("-e".into());
            cmd.push(format!("{k}={v}"));
        }
        cmd.extend(["sh".into(), "-c".into(), script]);
        let o = t.run(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            o.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f"])
            .arg(self.dir.join("tmux.conf"))
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn capture(&self) -> String {
        let o = self.run(&["capture-pane", "-p", "-t", "main"]);
        let text = String::from_utf8_lossy(&o.stdout);
        text.lines()
            .map(|l| l.trim_end().to_owned() + "\n")
            .collect()
    }

    fn display(&self, format: &str) -> String {
        let o = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    }

    fn send(&self, keys: &[Key]) {
        for key in keys {
            let name = match key.code {
                KeyCode::Char(c) if key.ctrl => format!("C-{c}"),
                KeyCode::Char(' ') => "Space".to_owned(),
                KeyCode::Char(c) => {
                    self.run(&["send-keys", "-t", "main", "-l", &c.to_string()]);
                    continue;
                }
                KeyCode::Enter => "Enter".to_owned(),
                KeyCode::Esc => "Escape".to_owned(),
                KeyCode::Tab => "Tab".to_owned(),
                KeyCode::BackTab => "BTab".to_owned(),
                KeyCode::Backspace => "BSpace".to_owned(),
                KeyCode::Up => "Up".to_owned(),
                KeyCode::Down => "Down".to_owned(),
                KeyCode::Left => "Left".to_owned(),
                KeyCode::Right => "Right".to_owned(),
                KeyCode::PageUp => "PPage".to_owned(),
                KeyCode::PageDown => "NPage".to_owned(),
                KeyCode::Home => "Home".to_owned(),
                KeyCode::End => "End".to_owned(),
                KeyCode::F(n) => format!("F{n}"),
                other => panic!("no tmux name for {other:?}"),
            };
            self.run(&["send-keys", "-t", "main", &name]);
        }
    }

    /// Waits (up to 10 s) until the screen satisfies `ok`; returns the last capture either way.
    fn wait_for(&self, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) || start.elapsed() > Duration::from_secs(10) {
                return screen;
            }
            sleep(Duration::from_millis(25));
        }
    }

    /// The screen must become exactly `expected`.
    fn expect_screen(&self, expected: &str, step: &str) {
        let screen = self.wait_for(|s| s == expected);
        assert_eq!(screen, expected, "screen after {step}");
    }

    /// The pid of geolens: the child of the pane's shell.
    fn geolens_pid(&self) -> u32 {
        let shell: u32 = self.display("#{pane_pid}").parse().unwrap();
        let start = Instant::now();
        loop {
            let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
                .unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.parse().unwrap();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "geolens never started"
            );
            sleep(Duration::from_millis(20));
        }
    }

    /// After geolens has exited: the terminal as it was before it started.
    fn assert_restored(&self) {
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(self.display("#{cursor_flag}"), "1", "cursor left hidden");
        // The shell creates the file before stty writes to it: wait for the whole line.
        let read = |name: &str| {
            let start = Instant::now();
            loop {
                let text = std::fs::read_to_string(self.dir.join(name)).unwrap_or_default();
                if text.ends_with('\n') || start.elapsed() > Duration::from_secs(5) {
                    return text;
                }
                sleep(Duration::from_millis(20));
            }
        };
        let (before, after) = (read("before"), read("after"));
        assert_eq!(before, after, "stty settings changed (raw mode left on?)");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether a process has ended (gone, or a zombie awaiting its parent).
fn is_gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

fn wait_gone(pid: u32, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if is_gone(pid) {
            return true;
        }
        sleep(Duration::from_millis(20));
    }
    is_gone(pid)
}

/// The key script that moves the detail cursor onto the first link to `target`.
fn keys_to_link(h: &Headless, target: Target) -> String {
    let row = h
        .app
        .detail
        .rows
        .iter()
        .position(|r| r.link == Some(target))
        .unwrap_or_else(|| panic!("no link to {target:?}"));
    "j ".repeat(row - h.app.detail.cursor)
}

#[test]
fn open_the_kazakhstan_analysis_follow_links_and_come_back() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (80, 24);
    let t = Tmux::start("navigate", w, ht, "", &[]);
    let mut model = Headless::new(&data, w, ht);
    t.expect_screen(&model.text(), "start");

    // Each step: type the keys into both, compare the whole screen.
    let step = |keys: &str, what: &str, model: &mut Headless| {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), what);
    };

    let kz_uk = Target::Analysis(data.analysis_ix("kz-uk-business-2024").unwrap());
    let row = model.app.list_pane().rows.row_of(kz_uk).unwrap();
    step(
        &format!("{}<Enter>", "j ".repeat(row)),
        "opening KZ-UK",
        &mut model,
    );
    assert!(
        model
            .text()
            .contains("Kazakhstan's foreign minister courts British business")
    );

    let kz_gov = Target::Actor(data.actor_ix("kz-gov").unwrap());
    step(
        &format!("{}<Enter>", keys_to_link(&model, kz_gov)),
        "to an actor",
        &mut model,
    );
    assert_eq!(model.app.detail.target, Some(kz_gov));

    // On to another analysis of that actor.
    let other = data
        .actor_analyses(data.actor_ix("kz-gov").unwrap())
        .iter()
        .map(|a| Target::Analysis(a.analysis))
        .find(|&a| a != kz_uk)
        .expect("kz-gov appears in another analysis");
    step(
        &format!("{}<Enter>", keys_to_link(&model, other)),
        "to another analysis",
        &mut model,
    );
    assert_eq!(model.app.detail.target, Some(other));

    step("<BS> <BS>", "back twice", &mut model);
    assert_eq!(model.app.detail.target, Some(kz_uk));

    t.send(&parse_keys("q").unwrap());
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    assert!(screen.contains("geolens exited with 0"), "{screen}");
    t.assert_restored();
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let t = Tmux::start("resize", 120, 30, "", &[]);
    let mut model = Headless::new(&data, 120, 30);
    t.expect_screen(&model.text(), "start");
    t.run(&["resize-window", "-t", "main", "-x", "70", "-y", "20"]);
    model.resize(70, 20);
    t.expect_screen(&model.text(), "shrinking to 70x20");
    t.run(&["resize-window", "-t", "main", "-x", "30", "-y", "5"]);
    model.resize(30, 5);
    t.expect_screen(&model.text(), "shrinking below the minimum");
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("sigterm", 80, 24, "", &[]);
    t.wait_for(|s| s.contains("1 Analyses"));
    let pid = t.geolens_pid();
    Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    assert!(screen.contains("geolens exited with 143"), "{screen}");
    assert!(wait_gone(pid, Duration::from_secs(2)));
    t.assert_restored();
}

#[test]
fn ctrl_c_quits_cleanly() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("ctrl-c", 80, 24, "", &[]);
    t.wait_for(|s| s.contains("1 Analyses"));
    t.send(&parse_keys("<C-c>").unwrap());
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    assert!(screen.contains("geolens exited with 0"), "{screen}");
    t.assert_restored();
}

#[test]
fn killing_the_pane_hangs_up_and_the_process_is_gone_within_two_seconds() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("sighup", 80, 24, "", &[]);
    t.wait_for(|s| s.contains("1 Analyses"));
    let pid = t.geolens_pid();
    // Like an ssh connection dropping: the terminal goes away under the process.
    t.run(&["kill-pane", "-t", "main"]);
    assert!(
        wait_gone(pid, Duration::from_secs(2)),
        "geolens {pid} still running 2 s after its terminal hung up"
    );
}

#[test]
fn a_panic_restores_the_terminal_then_prints_the_message() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("panic", 100, 30, "", &[("GEOLENS_TEST_PANIC_KEY", "<F12>")]);
    t.wait_for(|s| s.contains("1 Analyses"));
    let pid = t.geolens_pid();
    t.send(&[Key::plain(KeyCode::F(12))]);
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    assert!(
        screen.contains("test panic requested through GEOLENS_TEST_PANIC_KEY"),
        "the panic message must be readable on the main screen:\n{screen}"
    );
    assert!(screen.contains("geolens exited with 101"), "{screen}");
    assert!(wait_gone(pid, Duration::from_secs(2)));
    t.assert_restored();
}

#[test]
fn a_data_error_is_reported_before_the_terminal_is_touched() {
    if !tmux_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("geolens-e2e-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("themes.json"), "[{\"id\": \"x\", \"name\": 3}]").unwrap();
    let t = Tmux::start(
        "data-error",
        100,
        20,
        &format!("--data '{}'", dir.display()),
        &[],
    );
    let screen = t.wait_for(|s| s.contains("geolens exited with"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        screen.contains("themes.json:1:22: [0].name: invalid type: integer `3`, expected a string"),
        "{screen}"
    );
    assert!(screen.contains("geolens exited with 2"), "{screen}");
    t.assert_restored();
}

#[test]
fn typing_a_search_and_enter_lands_on_the_result() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let (w, ht) = (100, 30);
    let t = Tmux::start("search", w, ht, "", &[]);
    let mut model = Headless::new(&data, w, ht);
    t.expect_screen(&model.text(), "start");
    for (keys, step) in [
        ("/astana", "typing the query"),
        ("<Enter>", "opening the first result"),
    ] {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), step);
    }
    assert_eq!(
        model.app.detail.target,
        Some(Target::Place(data.place_ix("KZ").unwrap())),
        "/astana and Enter land on Kazakhstan"
    );
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}

#[test]
fn open_starts_the_explorer_on_an_item() {
    if !tmux_available() {
        return;
    }
    let data = common::bundled();
    let t = Tmux::start("open", 80, 24, "open kz-gov", &[]);
    let mut model = Headless::new(&data, 80, 24);
    model
        .app
        .open(&data, Target::Actor(data.actor_ix("kz-gov").unwrap()));
    t.expect_screen(&model.text(), "geolens open kz-gov");
    t.send(&parse_keys("q").unwrap());
    t.wait_for(|s| s.contains("geolens exited with"));
    t.assert_restored();
}
