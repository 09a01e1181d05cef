//! The on-disk index through the real binary: it follows the data when files are edited, removed
//! or added; a damaged index (cut short, bytes flipped, header zeroed, damage found only in use)
//! is rebuilt with one line said and the same results; builders running at once do not clash;
//! a cache that cannot be written leaves geolens working from memory, with one line said.

mod common;
#[path = "common/temp.rs"]
mod temp;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use temp::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_geolens");

fn run(cache: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::null())
        .output()
        .expect("geolens runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "status {:?}: {}",
        o.status,
        text(&o.stderr)
    );
    text(&o.stdout)
}

fn index_files(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cache.join("geolens"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_index_follows_edits_removals_and_additions() {
    let data = TempDir::copy_of("index-stale", &common::fixture_dir("mini"));
    let cache = TempDir::new("index-stale-cache");
    let d = data.path().to_str().unwrap();
    let c = cache.path();
    let search = |word: &str| run(c, &["search", "--data", d, word]);
    let listed = || ok(&run(c, &["list", "analyses", "--data", d]));
    assert_eq!(search("zanzibarwd").status.code(), Some(1));
    assert_eq!(listed().lines().count(), 3);
    let files = index_files(c);
    assert_eq!(files.len(), 2, "the index and its lock: {files:?}");
    assert_eq!(
        run(c, &["index", "status", "--data", d]).status.code(),
        Some(0)
    );

    // An edit that keeps the size, the inode and the time: only the bytes tell.
    let file = data.path().join("analyses/kz-uk-2024.json");
    let before = std::fs::read_to_string(&file).unwrap();
    let edited = before.replacen("Kazakhstan", "Zanzibarwd", 1);
    assert_ne!(before, edited);
    let stamp = data.path().join("stamp");
    std::fs::copy(&file, &stamp).unwrap();
    std::fs::write(&file, &edited).unwrap();
    let touched = Command::new("touch")
        .arg("-r")
        .arg(&stamp)
        .arg(&file)
        .status()
        .unwrap();
    assert!(touched.success());
    std::fs::remove_file(&stamp).unwrap();
    let found = search("zanzibarwd");
    assert_eq!(found.status.code(), Some(0), "{}", text(&found.stderr));
    assert!(text(&found.stdout).contains("kz-uk-2024"));
    assert_eq!(
        text(&found.stderr),
        "",
        "a small dataset is reindexed silently"
    );

    // A file removed.
    std::fs::remove_file(data.path().join("analyses/cpc-2022.json")).unwrap();
    let now = listed();
    assert_eq!(now.lines().count(), 2, "{now}");
    assert!(!now.contains("cpc-2022"));

    // A file added.
    let added = before
        .replacen("\"kz-uk-2024\"", "\"kz-uk-added\"", 1)
        .replacen("\"title\": \"", "\"title\": \"Addedword ", 1);
    std::fs::write(data.path().join("analyses/added.json"), added).unwrap();
    let found = search("addedword");
    assert_eq!(found.status.code(), Some(0), "{}", text(&found.stderr));
    assert!(text(&found.stdout).contains("kz-uk-added"));
    assert_eq!(listed().lines().count(), 3);

    assert_eq!(
        index_files(c).len(),
        2,
        "rebuilt in place, nothing left beside it"
    );
}

/// Deterministic bytes for the damage, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn bundled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

#[test]
fn a_damaged_index_is_rebuilt_and_answers_the_same() {
    let scratch = TempDir::new("index-damage");
    let cache = scratch.path().join("cache");
    let index = scratch.path().join("elsewhere/bundled.index");
    let (d, i) = (bundled_dir(), index.clone());
    let (d, i) = (d.to_str().unwrap(), i.to_str().unwrap());
    let commands: Vec<Vec<&str>> = vec![
        vec!["search", "\"middle corridor\"", "--data", d, "--index", i],
        vec!["search", "kazakstan", "--json", "--data", d, "--index", i],
        vec!["list", "implications", "--json", "--data", d, "--index", i],
        vec!["show", "KZ", "--data", d, "--index", i],
        vec![
            "list", "actors", "--sort", "links", "--data", d, "--index", i,
        ],
    ];
    let built = run(&cache, &["index", "build", "--data", d, "--index", i]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let expected: Vec<String> = commands.iter().map(|c| ok(&run(&cache, c))).collect();
    assert!(expected[0].contains("analysis:"), "{}", expected[0]);
    let good = std::fs::read(&index).unwrap();

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut flipped = good.clone();
    for _ in 0..100 {
        let at = (rng.next() % flipped.len() as u64) as usize;
        flipped[at] ^= 1 << (rng.next() % 8);
    }
    let mut zeroed = good.clone();
    zeroed[..4096].fill(0);
    let damages = [
        ("cut short", good[..good.len() / 2].to_vec()),
        ("100 bytes flipped", flipped),
        ("header zeroed", zeroed),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damages {
        std::fs::write(&index, &bytes).unwrap();
        for (n, command) in commands.iter().enumerate() {
            let o = run(&cache, command);
            assert_eq!(ok(&o), expected[n], "{what}: {command:?}");
            let err = text(&o.stderr);
            if n == 0 {
                assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
                assert!(
                    err.starts_with("geolens: the index ") && err.contains("rebuilding it"),
                    "{what}: {err}"
                );
            } else {
                assert_eq!(err, "", "{what}: rebuilt once, then used: {command:?}");
            }
        }
        let status = run(&cache, &["index", "status", "--data", d, "--index", i]);
        assert_eq!(
            status.status.code(),
            Some(0),
            "{what}: {}",
            text(&status.stdout)
        );
    }
    // Another version's index is rebuilt in the same way.
    let mut foreign = good.clone();
    foreign[8] = 99;
    std::fs::write(&index, &foreign).unwrap();
    let o = run(&cache, &commands[3]);
    assert_eq!(ok(&o), expected[3]);
    assert!(text(&o.stderr).contains("format 99"), "{}", text(&o.stderr));
}

/// The offset and length of section `id`, from the header.
fn section(file: &[u8], id: usize) -> (usize, usize) {
    let at = 64 + id * 16;
    let n = |a: usize| u64::from_le_bytes(file[a..a + 8].try_into().unwrap()) as usize;
    (n(at), n(at + 8))
}

#[test]
fn damage_found_while_reading_a_large_index_is_repaired_in_place() {
    let scratch = TempDir::new("index-lazy");
    let data = scratch.path().join("data");
    let cache = scratch.path().join("cache");
    let made = Command::new(BIN)
        .args(["generate", "--analyses", "15000", "--seed", "3", "--out"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success());
    let d = data.to_str().unwrap();
    let built = run(&cache, &["index", "build", "--data", d]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let path = cache.join("geolens").join(&index_files(&cache)[0]);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.len() > 16 << 20,
        "large enough to be checked as it is read"
    );
    // Section 1 holds where each analysis lies in the data files, 32 bytes each; the analyses'
    // ids are in section 3, at the offsets in section 2. One far from the header, whose block
    // opening does not read.
    let n = 10_000;
    let (spans, _) = section(&bytes, 1);
    let (ids_at, _) = section(&bytes, 2);
    let (ids, _) = section(&bytes, 3);
    let offset = |i: usize| {
        let at = ids_at + i * 8;
        ids + u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize
    };
    let id = std::str::from_utf8(&bytes[offset(n)..offset(n + 1)])
        .unwrap()
        .to_owned();
    let start = spans + n * 32;
    let expected = ok(&run(&cache, &["show", &id, "--json", "--data", d]));
    // The length of its bytes.
    bytes[start + 17] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();

    // Opening checks the header and the table of checksums; the damaged block is found when
    // the analysis is read.
    let o = run(&cache, &["show", &id, "--json", "--data", d]);
    assert_eq!(ok(&o), expected);
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("was damaged: read the data again and rebuilt it"),
        "{err}"
    );
    let status = run(&cache, &["index", "status", "--data", d]);
    assert_eq!(status.status.code(), Some(0), "{}", text(&status.stdout));
}

#[test]
fn builders_running_at_once_leave_one_whole_index() {
    let data = TempDir::copy_of("index-race", &common::fixture_dir("mini"));
    let cache = TempDir::new("index-race-cache");
    let d = data.path().to_str().unwrap();
    let spawn = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("XDG_CACHE_HOME", cache.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut children = Vec::new();
    for _ in 0..3 {
        children.push(spawn(&["index", "build", "--data", d]));
        children.push(spawn(&["search", "kazakhstan", "--data", d]));
    }
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let searches: Vec<String> = outputs.iter().skip(1).step_by(2).map(ok).collect();
    assert!(searches[0].contains("place:KZ"), "{}", searches[0]);
    assert!(searches.iter().all(|s| *s == searches[0]));
    for o in &outputs {
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let files = index_files(cache.path());
    assert_eq!(
        files.len(),
        2,
        "the index and its lock, no temporary left: {files:?}"
    );
    let status = run(cache.path(), &["index", "status", "--data", d]);
    assert_eq!(status.status.code(), Some(0));
}

#[test]
fn a_cache_that_cannot_be_written_leaves_geolens_working_from_memory() {
    let data = TempDir::copy_of("index-ro", &common::fixture_dir("mini"));
    let scratch = TempDir::new("index-ro-cache");
    let d = data.path().to_str().unwrap();
    let expected = ok(&common::geolens(&["search", "kazakhstan", "--data", d]));
    // Permissions do not stop root; a directory under /proc stops everyone.
    let cache = if rustix::process::geteuid().is_root() {
        PathBuf::from("/proc/self/geolens-cannot-write")
    } else {
        let dir = scratch.path().join("ro");
        std::fs::create_dir_all(&dir).unwrap();
        let mut perms = std::fs::metadata(&dir).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        std::fs::set_permissions(&dir, perms).unwrap();
        dir
    };
    let o = run(&cache, &["search", "kazakhstan", "--data", d]);
    assert_eq!(ok(&o), expected);
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("geolens: cannot write the index ")
            && err.ends_with("working from memory\n"),
        "{err}"
    );
}

/// The explorer writes the index of a large dataset behind its first frame, and the next start
/// opens it: every list and search at once, with nothing left loading.
#[test]
fn the_explorer_writes_the_index_once_then_opens_it() {
    if !tmux::tmux_available() {
        return;
    }
    let scratch = TempDir::new("index-explorer");
    let data = scratch.path().join("data");
    let cache = scratch.path().join("cache");
    let made = Command::new(BIN)
        .args(["generate", "--analyses", "10000", "--seed", "5", "--out"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success());
    // The generator draws on the bundled actors, so their count follows the bundled data.
    let said = text(&made.stdout);
    let actors = said
        .split(", ")
        .find_map(|part| part.strip_suffix(" actors"))
        .expect("generate says how many actors");
    let actors_title = format!("Actors ({actors}, by name)");
    let args = format!("--data '{}'", data.display());
    let env = [("XDG_CACHE_HOME", cache.to_str().unwrap())];
    let keys = |k: &str| geolens::keys::parse_keys(k).unwrap();
    let status_line = |s: &str| s.lines().last().unwrap_or("").to_owned();
    let busy = |s: &str| {
        let line = status_line(s);
        line.contains("reading") || line.contains("indexing")
    };

    let t = tmux::Tmux::start("index-first", 100, 30, &args, &env);
    let loaded = |s: &str| s.contains("Analyses (10000, newest first)") && !busy(s);
    // Loading and writing the index may take longer than one wait on a busy machine.
    let mut screen = t.wait_for(loaded);
    if !loaded(&screen) {
        screen = t.wait_for(loaded);
    }
    assert!(loaded(&screen), "loaded, and the index written:\n{screen}");
    t.send(&keys("q"));
    assert_eq!(t.exit_status(), 0);
    let d = data.to_str().unwrap();
    let status = run(&cache, &["index", "status", "--data", d]);
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}\nthe screen before q:\n{screen}",
        text(&status.stdout)
    );

    let t = tmux::Tmux::start("index-again", 100, 30, &args, &env);
    let screen = t.wait_for(|s| s.contains("Analyses (10000, newest first)"));
    assert!(!busy(&screen), "nothing left to load:\n{screen}");
    t.send(&keys("2"));
    let screen = t.wait_for(|s| s.contains(&actors_title));
    assert!(screen.contains(&actors_title), "{screen}");
    t.send(&keys("/ k a z a k h s t a n"));
    let screen = t.wait_for(|s| s.contains("Places (1)"));
    assert!(
        screen.contains("Places (1)"),
        "search answers from the index:\n{screen}"
    );
    // Esc and q apart: sent together, a terminal may read them as Alt-q.
    t.send(&keys("<Esc>"));
    t.wait_for(|s| !s.contains("Places (1)"));
    t.send(&keys("q"));
    assert_eq!(t.exit_status(), 0);
    t.assert_restored();
}
