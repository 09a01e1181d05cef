//! The state files under the worst a machine does to them, with the real binary
//! (`geolens state-drill`, src/tools/drill.rs):
//!
//! - killed with SIGKILL at random moments through 1,000 saves, the file always parses and holds
//!   the last save the process reported or the one after it, never a mix, never nothing;
//! - two processes toggling 200 bookmarks each at the same time lose none of each other's.

#[path = "common/temp.rs"]
mod temp;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use geolens::state::bookmarks::Bookmarks;
use geolens::state::file;
use temp::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_geolens");

/// A small xorshift generator: the seed is printed, so a failing run can be repeated with
/// `GEOLENS_DRILL_SEED`.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("GEOLENS_DRILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("GEOLENS_DRILL_SEED={seed}");
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn read_bookmarks(path: &Path) -> Bookmarks {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file::parse::<Bookmarks>(&text).unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

const SAVES: usize = 1000;
const PAD: usize = 32 * 1024;

#[test]
fn sigkill_at_random_moments_leaves_the_old_file_or_the_new_never_a_mix() {
    let state = TempDir::new("sigkill");
    let path = state.path().join("geolens/bookmarks.json");
    let mut rng = Rng::new();
    let mut held = 0;
    let mut kills = 0;
    let mut mid_save = 0;
    let started = Instant::now();
    while held < SAVES {
        let mut child = Command::new(BIN)
            .args(["state-drill", "saves", "--to", &SAVES.to_string()])
            .args(["--pad", &PAD.to_string()])
            .env("XDG_STATE_HOME", state.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(120_000)));
        // Child::kill sends SIGKILL: nothing in the process gets to run after it.
        let _ = child.kill();
        let status = child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(err.is_empty(), "the drill complained: {err}");
        if status.code().is_none() {
            kills += 1;
        }
        // The last save the process saw complete; the file must hold it or the next.
        let reported = out
            .lines()
            .filter_map(|l| l.strip_prefix("saved "))
            .map(|n| n.parse::<usize>().unwrap())
            .next_back()
            .unwrap_or(held);
        if !path.exists() {
            assert_eq!(reported, 0, "a reported save left no file");
            continue;
        }
        let b = read_bookmarks(&path);
        let n = b.len();
        assert!(
            n == reported || n == reported + 1,
            "the file holds save {n}, the process reported {reported}"
        );
        if n == reported + 1 {
            // Killed after the rename, before the report: the new content, whole.
            mid_save += 1;
        }
        for (i, mark) in b.bookmarks.iter().enumerate() {
            assert_eq!(mark.id, format!("save-{i}"));
        }
        assert_eq!(
            b.bookmarks[0].note.len(),
            PAD,
            "the first bookmark's note, whole"
        );
        held = n;
    }
    // Nothing was ever found broken and moved aside, and no temporary file piles up.
    let names: Vec<String> = fs::read_dir(state.path().join("geolens"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".bad-")), "{names:?}");
    assert!(
        names.iter().filter(|n| n.contains(".tmp-")).count() <= 1,
        "{names:?}"
    );
    assert!(
        kills >= 10,
        "only {kills} kills landed: the drill ran too fast"
    );
    eprintln!(
        "{SAVES} saves, {kills} kills, {mid_save} between a rename and its report, {:?}",
        started.elapsed()
    );
}

#[test]
fn two_processes_toggling_at_once_lose_nothing() {
    let state = TempDir::new("toggles");
    let spawn = |prefix: &str| {
        Command::new(BIN)
            .args([
                "state-drill",
                "toggles",
                "--prefix",
                prefix,
                "--count",
                "200",
            ])
            .env("XDG_STATE_HOME", state.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("a"), spawn("b"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for o in [&a, &b] {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // Each toggled ids 0..150 once and 0..50 a second time: 50..150 stay bookmarked.
    let kept = read_bookmarks(&state.path().join("geolens/bookmarks.json"));
    let mut ids: Vec<String> = kept.bookmarks.iter().map(|b| b.id.clone()).collect();
    ids.sort();
    let mut expected: Vec<String> = ["a", "b"]
        .iter()
        .flat_map(|p| (50..150).map(move |n| format!("{p}-{n}")))
        .collect();
    expected.sort();
    assert_eq!(ids, expected);
    for b in &kept.bookmarks {
        let (p, n) = b.id.split_once('-').unwrap();
        assert_eq!(b.note, format!("note {n} of {p}"));
    }
    // The two really ran side by side: their saves interleave.
    let times = |o: &std::process::Output, who: char| -> Vec<(u128, char)> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| (l.split(' ').nth(2).unwrap().parse().unwrap(), who))
            .collect()
    };
    let mut all = times(&a, 'a');
    all.extend(times(&b, 'b'));
    assert_eq!(all.len(), 400);
    all.sort();
    let switches = all.windows(2).filter(|w| w[0].1 != w[1].1).count();
    assert!(
        switches >= 20,
        "only {switches} switches: the processes barely overlapped"
    );
}
