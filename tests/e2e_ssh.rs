//! Over real ssh: an sshd of our own on loopback (a private config, keys made for the test), and
//! `ssh -t` into geolens from a tmux pane. The screen must be the one `geolens snapshot` renders
//! for the same keys; then the connection is dropped (the ssh client killed outright) and geolens
//! and its sshd session must be gone, without geolens spinning on its dead terminal meanwhile.
//!
//! Needs sshd (at /usr/sbin/sshd), ssh, ssh-keygen and tmux. Without them the test says so loudly
//! and passes, except under CI=true, where it fails (.ci/run installs them).

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use geolens::keys::parse_keys;
use geolens::snapshot::Headless;
use tmux::{BIN, TempDir, Tmux, tmux_available};

const SSHD: &str = "/usr/sbin/sshd";

fn ssh_available() -> bool {
    let runs = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    let found = Path::new(SSHD).exists() && runs("ssh", "-V") && runs("ssh-keygen", "-?");
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "sshd, ssh and ssh-keygen are required for the ssh test under CI (.ci/run installs them)"
        );
        tmux::skipped(&format!(
            "{SSHD}, ssh or ssh-keygen is missing; the end-to-end ssh test did not run"
        ));
    }
    found
}

fn whoami() -> String {
    let o = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(o.stdout).unwrap().trim().to_owned()
}

fn keygen(path: &Path) {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", ""])
        .arg("-f")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "ssh-keygen {}", path.display());
}

/// An sshd listening on a free loopback port, run in the foreground (`-D`) so that it is our
/// child and every session it starts is below it; killed when dropped.
struct Sshd {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Sshd {
    fn start(user: &str) -> Sshd {
        let dir = TempDir::new("sshd");
        let d = dir.path();
        keygen(&d.join("host_key"));
        keygen(&d.join("id"));
        std::fs::copy(d.join("id.pub"), d.join("authorized_keys")).unwrap();
        // Root may log in only if we are root; anyone else can only be themselves.
        let root = if user == "root" { "yes" } else { "no" };
        let mut last_log = String::new();
        // The port is free when we look, but another process may take it before sshd binds it.
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let config = format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\n\
                 PidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\n\
                 UsePAM no\nStrictModes no\nPubkeyAuthentication yes\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PermitRootLogin {root}\nAllowUsers {user}\n",
                d = d.display()
            );
            std::fs::write(d.join("sshd_config"), config).unwrap();
            let log = std::fs::File::create(d.join("sshd.log")).unwrap();
            let mut child = Command::new(SSHD)
                .args(["-D", "-e", "-f"])
                .arg(d.join("sshd_config"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("sshd starts");
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(10) {
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Sshd { child, port, dir };
                }
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
            last_log = std::fs::read_to_string(d.join("sshd.log")).unwrap_or_default();
        }
        panic!("sshd did not start:\n{last_log}");
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn over_ssh_it_navigates_and_a_dropped_connection_leaves_nothing_running() {
    if !tmux_available() || !ssh_available() {
        return;
    }
    let user = whoami();
    let sshd = Sshd::start(&user);
    let d = sshd.dir.path().display().to_string();
    let ssh = format!(
        "ssh -t -F /dev/null -p {port} -i '{d}/id' -o IdentitiesOnly=yes -o BatchMode=yes \
         -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
         -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR {user}@127.0.0.1 \"LANG=C.UTF-8 XDG_STATE_HOME='{d}/state' '{BIN}'\"; \
         echo \"ssh exited with $?\"; read line",
        port = sshd.port
    );
    let (w, h) = (80, 24);
    let t = Tmux::new(
        "ssh",
        w,
        h,
        Some("xterm-256color"),
        &[],
        &["sh", "-c", &ssh],
    );

    let data = common::bundled();
    let mut model = Headless::new(&data, w, h);
    let screen = t.wait_for(|s| s == model.text());
    assert_eq!(
        screen,
        model.text(),
        "start, over ssh; sshd log:\n{}",
        sshd.log()
    );
    let geolens = tmux::wait_for_process(sshd.child.id(), tmux::runs_geolens, 6)
        .expect("geolens runs below our sshd");
    t.watch(geolens);
    assert_eq!(
        tmux::env_of(geolens, "SSH_TTY").map(|tty| tty.starts_with("/dev/pts/")),
        Some(true),
        "geolens runs in the pty that sshd allocated"
    );

    let mut step = |keys: &str, step: &str| {
        let keys = parse_keys(keys).unwrap();
        model.press(&keys);
        t.send(&keys);
        t.expect_screen(&model.text(), step);
    };
    step("jj<Enter>", "opening an analysis");
    // sshd ran geolens through the login shell's `-c`, with no job control: Ctrl-Z must say so,
    // not freeze.
    t.send(&parse_keys("<C-z>").unwrap());
    let screen = t.wait_for(|s| s.contains("no shell with job control"));
    assert!(screen.contains("no shell with job control"), "{screen}");
    assert_ne!(
        tmux::state(geolens),
        Some('T'),
        "stopped with nobody to resume it"
    );
    for (keys, what) in [
        ("jjj", "moving in it"),
        ("<Tab>", "the other pane"),
        // Enter waits for the results: the search runs apart from the keys.
        ("/astana", "a search"),
        ("<Enter>", "its first result, opened"),
        ("<BS>", "back"),
    ] {
        step(keys, what);
    }

    let client = tmux::wait_for_process(
        t.pane_pid(),
        |pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| e.ends_with("ssh")),
        1,
    )
    .expect("the ssh client runs in the pane");
    let session = tmux::descendants(sshd.child.id());
    assert!(
        session.contains(&geolens) && session.len() > 1,
        "geolens and its sshd session run below our sshd: {session:?}"
    );
    let watch = tmux::Watch::idle(geolens);
    tmux::kill(client, "KILL");
    watch
        .ending(Duration::from_secs(2))
        .assert_quiet_exit(&format!("the connection dropped (geolens {geolens})"));
    let screen = t.wait_for(|s| s.contains("ssh exited with"));
    assert!(screen.contains("ssh exited with 137"), "{screen}");
    for pid in session {
        assert!(
            tmux::wait_gone(pid, Duration::from_secs(5)),
            "sshd session process {pid} still running after the connection dropped"
        );
    }
    let left: Vec<u32> = tmux::descendants(sshd.child.id())
        .into_iter()
        .filter(|&pid| !tmux::is_gone(pid))
        .collect();
    assert!(left.is_empty(), "still running below sshd: {left:?}");
}
