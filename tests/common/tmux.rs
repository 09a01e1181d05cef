//! A real terminal for the end-to-end tests: a tmux server on a private socket, driven with
//! send-keys and read back with capture-pane and display-message, plus what the tests need to
//! watch the processes in it through /proc.
//!
//! Needs tmux. Without it the tests say so loudly and pass, except under CI=true, where they fail.
#![allow(dead_code)]

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use geolens::keys::Key;

pub const BIN: &str = env!("CARGO_BIN_EXE_geolens");

/// The longest any condition is waited for before a test gives up.
const PATIENCE: Duration = Duration::from_secs(10);

pub fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is required for the end-to-end tests under CI (.ci/run installs it)"
        );
        skipped("tmux is not installed; end-to-end terminal tests did not run");
    }
    found
}

/// Says loudly that a test did not run. Written to stderr directly, not with `eprintln!`, which
/// the test harness captures and shows only for failing tests.
pub fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {why} ***\n");
}

/// A tmux server of our own with one pane; killed when dropped, with any geolens it ran.
pub struct Tmux {
    socket: String,
    pub dir: PathBuf,
    /// geolens processes seen in the pane, killed on drop if a failed test left them running.
    seen: RefCell<Vec<u32>>,
}

impl Tmux {
    /// A `width`x`height` pane running `argv` (no shell in between), with `TERM` set to `term`
    /// through tmux's `default-terminal` (tmux's own default when `None`).
    pub fn new(
        name: &str,
        width: u16,
        height: u16,
        term: Option<&str>,
        env: &[(&str, &str)],
        argv: &[&str],
    ) -> Tmux {
        let (socket, dir) = socket_and_dir(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // escape-time 0: an Esc is an Esc at once, not the start of an Alt chord.
        let mut conf = "set -s escape-time 0\n".to_owned();
        if let Some(term) = term {
            conf += &format!("set -g default-terminal '{term}'\n");
        }
        std::fs::write(dir.join("tmux.conf"), conf).unwrap();
        let t = Tmux {
            socket,
            dir,
            seen: RefCell::new(Vec::new()),
        };
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
        // A UTF-8 locale, as the headless renders the tests compare against assume (without one
        // geolens draws in ASCII); a test may still set its own.
        let locale = [("LANG", "C.UTF-8"), ("LC_ALL", "")];
        for (k, v) in locale.iter().chain(env) {
            cmd.push("-e".into());
            cmd.push(format!("{k}={v}"));
        }
        cmd.extend(argv.iter().map(|a| a.to_string()));
        let o = t.run(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            o.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        t
    }

    /// Starts `geolens ARGS` wrapped in a shell that records the stty settings before and after
    /// and the exit status, then stays until the terminal goes (reading it), so the screen can
    /// be read. `before_run` is shell text run first (a `trap`, say).
    pub fn wrapped(
        name: &str,
        width: u16,
        height: u16,
        term: Option<&str>,
        env: &[(&str, &str)],
        before_run: &str,
        args: &str,
    ) -> Tmux {
        let d = socket_and_dir(name).1.display().to_string();
        let script = format!(
            "{before_run} stty -g > '{d}/before'; '{BIN}' {args}; echo \"geolens exited with $?\"; \
             stty -g > '{d}/after.part' && mv '{d}/after.part' '{d}/after'; read line"
        );
        Tmux::new(name, width, height, term, env, &["sh", "-c", &script])
    }

    /// geolens in the default terminal, as most tests want it.
    pub fn start(name: &str, width: u16, height: u16, args: &str, env: &[(&str, &str)]) -> Tmux {
        Tmux::wrapped(name, width, height, None, env, "", args)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f"])
            .arg(self.dir.join("tmux.conf"))
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn capture(&self) -> String {
        let o = self.run(&["capture-pane", "-p", "-t", "main"]);
        let text = String::from_utf8_lossy(&o.stdout);
        text.lines()
            .map(|l| l.trim_end().to_owned() + "\n")
            .collect()
    }

    /// The screen with lines the terminal wrapped joined back into one, as they were printed.
    pub fn capture_joined(&self) -> String {
        let o = self.run(&["capture-pane", "-p", "-J", "-t", "main"]);
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        let o = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    }

    /// Types `text` literally, then Enter.
    pub fn type_line(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
        self.run(&["send-keys", "-t", "main", "Enter"]);
    }

    pub fn send(&self, keys: &[Key]) {
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

    /// Waits until the screen satisfies `ok`; returns the last capture either way.
    pub fn wait_for(&self, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) || start.elapsed() > PATIENCE {
                return screen;
            }
            sleep(Duration::from_millis(25));
        }
    }

    /// The screen must become exactly `expected`.
    #[track_caller]
    pub fn expect_screen(&self, expected: &str, step: &str) {
        let screen = self.wait_for(|s| s == expected);
        assert_eq!(screen, expected, "screen after {step}");
    }

    /// Waits for a line "geolens exited with N" (printed by the wrapper, or typed at a shell)
    /// and returns N.
    pub fn exit_status(&self) -> i32 {
        let status = |s: &str| {
            s.lines()
                .find_map(|l| l.strip_prefix("geolens exited with "))
                .and_then(|n| n.trim().parse().ok())
        };
        let screen = self.wait_for(|s| status(s).is_some());
        status(&screen).unwrap_or_else(|| panic!("geolens did not exit:\n{screen}"))
    }

    pub fn pane_pid(&self) -> u32 {
        self.display("#{pane_pid}").parse().unwrap()
    }

    /// The pid of geolens: the child of the pane's process running our binary.
    pub fn geolens_pid(&self) -> u32 {
        let pid = wait_for_process(self.pane_pid(), runs_geolens, 1)
            .expect("geolens never started in the pane");
        self.seen.borrow_mut().push(pid);
        pid
    }

    /// Registers a geolens started some other way (over ssh), to be killed if a test fails.
    pub fn watch(&self, pid: u32) {
        self.seen.borrow_mut().push(pid);
    }

    /// The pane's terminal settings, read from outside: `stty -g` on the pane's tty.
    pub fn stty(&self) -> String {
        let tty = std::fs::File::open(self.display("#{pane_tty}")).expect("pane tty opens");
        let o = Command::new("stty")
            .arg("-g")
            .stdin(tty)
            .output()
            .expect("stty runs");
        assert!(o.status.success(), "stty -g on the pane's tty failed");
        String::from_utf8(o.stdout).unwrap()
    }

    /// The terminal state a program must leave behind: main screen, cursor shown, mouse off.
    #[track_caller]
    pub fn assert_screen_restored(&self, context: &str) {
        let state = self.display("#{alternate_on} #{cursor_flag} #{mouse_any_flag}");
        assert_eq!(
            state, "0 1 0",
            "{context}: alternate screen, cursor shown, mouse reporting should be 0 1 0"
        );
    }

    /// After geolens has exited in a `wrapped` pane: the terminal as it was before it started.
    #[track_caller]
    pub fn assert_restored(&self) {
        self.assert_screen_restored("after geolens exited");
        let start = Instant::now();
        while !self.dir.join("after").exists() && start.elapsed() < PATIENCE {
            sleep(Duration::from_millis(20));
        }
        let before = std::fs::read_to_string(self.dir.join("before")).unwrap();
        let after = std::fs::read_to_string(self.dir.join("after")).unwrap();
        assert_eq!(before, after, "stty settings changed (raw mode left on?)");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        // A geolens that ignored the hang-up is not taken down with the server.
        for &pid in self.seen.borrow().iter() {
            if runs_geolens(pid) {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The tmux socket name for a test, and the scratch directory beside it.
fn socket_and_dir(name: &str) -> (String, PathBuf) {
    let socket = format!("geolens-test-{}-{name}", std::process::id());
    let dir = std::env::temp_dir().join(&socket);
    (socket, dir)
}

/// The fields of /proc/PID/stat after the command name: index 0 is the state (field 3).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(')')?.1;
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// The process state letter: R, S, T (stopped), Z...
pub fn state(pid: u32) -> Option<char> {
    stat_fields(pid)?.first()?.chars().next()
}

pub fn parent(pid: u32) -> Option<u32> {
    stat_fields(pid)?.get(1)?.parse().ok()
}

/// User plus system CPU time so far, in clock ticks.
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let f = stat_fields(pid)?;
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

pub fn ticks_per_second() -> u64 {
    let o = Command::new("getconf").arg("CLK_TCK").output().unwrap();
    String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
}

/// Whether a process has ended (gone, or a zombie awaiting its parent).
pub fn is_gone(pid: u32) -> bool {
    !matches!(state(pid), Some(s) if s != 'Z')
}

pub fn wait_gone(pid: u32, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if is_gone(pid) {
            return true;
        }
        sleep(Duration::from_millis(10));
    }
    is_gone(pid)
}

/// Waits for `pid` to reach state `want` (e.g. 'T', stopped).
pub fn wait_state(pid: u32, want: char) -> Option<char> {
    let start = Instant::now();
    loop {
        let now = state(pid);
        if now == Some(want) || start.elapsed() > PATIENCE {
            return now;
        }
        sleep(Duration::from_millis(10));
    }
}

/// How a process ended after something was done to it.
pub struct Ending {
    pub gone: bool,
    /// CPU time it used from the start of the watch to its last sample before it ended.
    pub cpu: Duration,
    pub wall: Duration,
}

/// A watch on a process's CPU time, which can only be read while it exists: a process that spins
/// instead of exiting shows it here. Start it before doing something to the process.
pub struct Watch {
    pid: u32,
    start: Instant,
    first: u64,
}

impl Watch {
    /// Waits until `pid` is idle (the search index is built on a thread at start), so what it uses
    /// afterwards is what was done to it, then starts watching.
    pub fn idle(pid: u32) -> Watch {
        let start = Instant::now();
        let mut last = cpu_ticks(pid);
        loop {
            sleep(Duration::from_millis(100));
            let now = cpu_ticks(pid);
            if now == last || start.elapsed() > PATIENCE {
                break;
            }
            last = now;
        }
        Watch {
            pid,
            start: Instant::now(),
            first: cpu_ticks(pid).unwrap_or(0),
        }
    }

    /// Samples until the process ends, or for `within` of the watch's time at most.
    pub fn ending(self, within: Duration) -> Ending {
        let mut last = self.first;
        while self.start.elapsed() < within {
            match cpu_ticks(self.pid) {
                Some(t) => last = t,
                None => break,
            }
            if is_gone(self.pid) {
                break;
            }
            sleep(Duration::from_millis(10));
        }
        Ending {
            gone: is_gone(self.pid),
            cpu: Duration::from_millis((last - self.first) * 1000 / ticks_per_second()),
            wall: self.start.elapsed(),
        }
    }
}

impl Ending {
    /// The process must have ended, and used well under the wall time it took (with a few clock
    /// ticks of slack: CPU time is accounted in whole ticks).
    #[track_caller]
    pub fn assert_quiet_exit(&self, what: &str) {
        assert!(
            self.gone,
            "still running {:?} after {what}, having used {:?} of CPU",
            self.wall, self.cpu
        );
        let tick = Duration::from_millis(1000 / ticks_per_second());
        assert!(
            self.cpu <= self.wall / 4 + 5 * tick,
            "used {:?} of CPU in the {:?} it took to exit after {what}: it spun",
            self.cpu,
            self.wall
        );
    }
}

/// Whether `pid` is running our binary (and not yet a zombie).
pub fn runs_geolens(pid: u32) -> bool {
    let exe = std::fs::read_link(format!("/proc/{pid}/exe"));
    let bin = std::fs::canonicalize(BIN).unwrap();
    !is_gone(pid) && exe.is_ok_and(|e| e == bin)
}

/// The processes below `root`, to any depth.
pub fn descendants(root: u32) -> Vec<u32> {
    let mut all: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok())
            && let Some(ppid) = parent(pid)
        {
            all.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(all.iter().filter(|&&(_, pp)| pp == p).map(|&(c, _)| c));
        i += 1;
    }
    found.remove(0);
    found
}

/// Waits for a process below `root` that satisfies `ok`, looking `depth` levels down (1: the
/// children only).
pub fn wait_for_process(root: u32, ok: impl Fn(u32) -> bool, depth: usize) -> Option<u32> {
    let start = Instant::now();
    loop {
        let mut level = vec![root];
        for _ in 0..depth {
            level = level.iter().flat_map(|&p| children(p)).collect();
            if let Some(&pid) = level.iter().find(|&&p| ok(p)) {
                return Some(pid);
            }
        }
        if start.elapsed() > PATIENCE {
            return None;
        }
        sleep(Duration::from_millis(10));
    }
}

fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// The value of `name` in a process's environment.
pub fn env_of(pid: u32, name: &str) -> Option<String> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    environ.split(|&b| b == 0).find_map(|kv| {
        let kv = String::from_utf8_lossy(kv);
        kv.strip_prefix(&format!("{name}=")).map(str::to_owned)
    })
}

/// Whether a process ignores (`SigIgn`) or catches (`SigCgt`) signal `sig`, from /proc.
pub fn signal_disposition(pid: u32, sig: u32) -> (bool, bool) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let mask = |field: &str| {
        let hex = status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .unwrap()
            .trim();
        u64::from_str_radix(hex, 16).unwrap() & (1 << (sig - 1)) != 0
    };
    (mask("SigIgn:"), mask("SigCgt:"))
}

pub fn kill(pid: u32, signal: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{signal} {pid}");
}

/// A temp dir removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("geolens-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
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
